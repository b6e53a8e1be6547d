/* Driver layer: a document's paragraphs handed over as packets (to the store,
 * or to zb_parse_each()'s callback), the parse running ahead in a second
 * thread while the caller writes.
 *
 * zb__parse_paragraphs() shows a paragraph's rows only during its callback. A
 * packet is a copy of them (indicators, sentences, the sections met since the
 * last packet) in one allocation, so the parse can go on while the packet is
 * stored. The packets reach fn in the calling thread in the order of the text:
 * what is stored is the same whether the parse runs ahead or not. */
#ifndef ZB_AHEAD_H
#define ZB_AHEAD_H

#include <stddef.h>

#include "error.h"
#include "zhibiao.h"

typedef struct zb_packet {
    struct zb_packet *next; /* in the queue */
    size_t bytes;           /* of the allocation */
    zb_indicator *ind;
    size_t nind;
    zb_sentence *sent; /* ind[i].sentence_index points into these (SIZE_MAX when none) */
    size_t nsent;
    zb_section *sec; /* sections sec_first … sec_first + nsec - 1 of the document */
    size_t sec_first, nsec;
} zb_packet;

/* Called in the calling thread for each packet, in order; a non-zero return
 * stops the parse and is the result. */
typedef int (*zb__packet_fn)(void *ctx, const zb_packet *p);

/* Packets waiting beyond this many bytes hold the parse back: an ingest's
 * memory stays bounded when writing is slower than parsing. */
#define ZB_AHEAD_QUEUE_BYTES (1u << 20)

/* zb__parse_paragraphs() with each paragraph handed to fn as a packet. With
 * `ahead` > 0, the parse runs in a second thread (or, when none can be
 * started, here) and waits while more than `ahead` bytes of packets (and at
 * least one) wait for fn; fn's thread, once it has nothing to do, sleeps
 * until a sixteenth of `ahead` (or of len) waits, or the parse ends. *said is 1 when
 * the result is not the parse's own: fn's (fn says why, e.g. in err), or no
 * memory for a packet (err says so). *out is the document as
 * zb__parse_paragraphs() leaves it. */
int zb__parse_packets(zb_doc **out, const char *text, size_t len, const zb_parse_options *opts,
                      size_t ahead, zb__packet_fn fn, void *ctx, zb_err *err, int *said);

/* zb__parse_packets() in two halves, so that a parse can start before the
 * caller is ready for its packets (the next document's, while this one is
 * written): zb__ahead_start() starts the parse in a second thread (with
 * `ahead` > 0 and a thread to be had; else the parse waits for
 * zb__ahead_finish()), its packets waiting as zb__parse_packets()'s do;
 * text and opts must stay until the end. NULL when out of memory. Only
 * indicators go into the packets when rows_only. */
typedef struct zb_ahead zb_ahead;
zb_ahead *zb__ahead_start(const char *text, size_t len, const zb_parse_options *opts,
                          size_t ahead, int rows_only);
/* The packets handed to fn until the parse ends, then as zb__parse_packets();
 * a is freed. */
int zb__ahead_finish(zb_ahead *a, zb_doc **out, zb__packet_fn fn, void *ctx, zb_err *err,
                     int *said);
/* The parse stopped and all of it freed, packets and document (NULL: nothing). */
void zb__ahead_abandon(zb_ahead *a);

/* zb_parse_each() with ZB_PARSE_AHEAD: the same indicators in the same order,
 * fn called in the calling thread while the parse runs on in a second one
 * (or here, when none can be started). */
int zb__parse_each_ahead(zb_doc **out, const char *text, size_t len,
                         const zb_parse_options *opts, zb_indicator_fn fn, void *ctx);

#endif
