/*
 * Stage 1, read: validate the caller's bytes and fold them for matching
 * (NFKC, traditional → simplified), keeping a map back to the input bytes.
 */
#ifndef ZB_TEXT_H
#define ZB_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "mem.h"

/* Text in folded form. src[i] is the offset, in the caller's bytes, of the
 * character that produced byte i of s; one character may produce several bytes
 * (NFKC expansions) and many characters none (dropped markers). Offsets are 32
 * bits (inputs are limited to ZB_MAX_INPUT): the map is copied with the text,
 * and half the bytes make the whole pipeline faster. */
typedef struct zb_ntext {
    char *s;
    uint32_t *src;
    size_t len, cap;
    int unordered; /* src runs back somewhere (two columns read one after the other) */
} zb_ntext;

#define ZB_MAX_INPUT ((size_t)UINT32_MAX - 16)

int zb__ntext_reserve(const zb_mem *m, zb_ntext *t, size_t extra);
/* Append bytes that stand for the original character at `src`. */
int zb__ntext_add(const zb_mem *m, zb_ntext *t, const char *s, size_t n, size_t src);
/* Append t2[from..to) (keeping its map). */
int zb__ntext_append(const zb_mem *m, zb_ntext *t, const zb_ntext *t2, size_t from, size_t to);
void zb__ntext_clear(zb_ntext *t);
void zb__ntext_free(const zb_mem *m, zb_ntext *t);
/* The caller's byte range covering folded bytes [start, end): from the first
 * to the last input byte of them, which is a walk where the text is unordered. */
void zb__ntext_span(const zb_ntext *t, const char *orig, size_t orig_len, size_t start,
                    size_t end, size_t *ostart, size_t *oend);
/* The same for a figure: the part before any text that is not the figure's
 * (the other column, a page's furniture), so that its surface is its own
 * bytes and the breaks between them. Costs the span and its gaps. */
void zb__ntext_span_tight(const zb_ntext *t, const char *orig, size_t orig_len, size_t start,
                          size_t end, size_t *ostart, size_t *oend);

/* Validate: ZB_OK, or ZB_EUTF8 / ZB_EENCODING with a message naming line and byte. */
int zb__validate(const char *s, size_t n, zb_err *err);
/* Fold orig[start..end) (one line, no '\n') and append it to out. */
int zb__fold_line(const zb_mem *m, zb_ntext *out, const char *orig, size_t start, size_t end);

#endif
