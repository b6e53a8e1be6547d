/* The driver's streaming entry point for the store: a document's indicators
 * and sentences handed out a paragraph at a time, so that a large report is
 * stored without all its rows in memory. */
#ifndef ZB_PARSE_H
#define ZB_PARSE_H

#include "zhibiao.h"

/* Called after each paragraph that has indicators: zb_doc_count() and
 * zb_doc_get() give that paragraph's indicators (years and kinds settled),
 * zb_doc_sentence_count() and zb_doc_sentence() its sentences, which their
 * sentence_index points at; zb_doc_section*() the sections so far. All of it
 * is forgotten after the call. A non-zero return stops the parse and becomes
 * its result. */
typedef int (*zb__paragraph_fn)(void *ctx, const zb_doc *doc);

/* zb_parse() handing out rows as above; at the end the document holds no
 * indicators or sentences, and its title, region and sections as zb_parse()'s. */
int zb__parse_paragraphs(zb_doc **out, const char *text, size_t len,
                         const zb_parse_options *opts, zb__paragraph_fn fn, void *ctx);

/* Say on d why the parse stopped, as zb_parse_each() does: fn returned rc
 * ("stopped by the callback (rc)"), or memory ran out. Returns the code. */
int zb__doc_stopped(zb_doc *d, int rc, int out_of_memory);

#endif
