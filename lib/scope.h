/*
 * Stage 3, segment: the time scope of a passage — the span of years a
 * paragraph's figures describe when the text says so once for many
 * sentences (过去五年，… / 五年来，… / “十三五”时期 … / 2022年是…), so that
 * stage 5 can tell a five-year figure from one year's (INDICATORS.md §4a).
 */
#ifndef ZB_SCOPE_H
#define ZB_SCOPE_H

#include <stddef.h>

#include "outline.h"

typedef struct zb_scope {
    int multi;     /* the passage describes several years */
    int from;      /* its first year, when written (2016 for “十三五”时期); 0 otherwise */
    int from_rel;  /* else its first year relative to the report year (-5 for 过去五年) */
    int to;        /* its last year when written (2020 for “十三五”时期); 0: report year - 1 */
} zb_scope;

void zb__scope_init(zb_scope *s);
/* Update the scope at the start of each paragraph (folded text s[0..n), as
 * classified by the outline). */
void zb__scope_paragraph(zb_scope *s, const char *p, size_t n, const zb_heading *h);

#endif
