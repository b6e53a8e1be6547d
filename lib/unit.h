/*
 * Stage 4b, private: what follows a number — 多/余, magnitudes, the unit of
 * schema/units.tsv (with a rate such as 元/亩) and a trailing comparator —
 * and the unit strings a quantity reports.
 */
#ifndef ZB_UNIT_H
#define ZB_UNIT_H

#include <stddef.h>
#include <stdint.h>

#include "quantity.h"

typedef struct zb_tail {
    size_t end;       /* after the unit */
    size_t cmp_end;   /* after a trailing comparator */
    int more;         /* 多 / 余 */
    int mag_exp;      /* magnitudes multiplied */
    size_t mag_start, mag_end;
    int unit_row;     /* units.tsv row, -1 for none */
    size_t unit_start, unit_end;
    size_t rate_start, rate_end; /* "/亩" of 万元/亩 */
    int rate_row;
    int cmp_row;      /* comparators.tsv row, -1 for none */
} zb_tail;

/* The unit (not a magnitude) starting at s[i], its row and length; -1 for none. */
int zb__unit_row_at(const char *s, size_t n, size_t i, size_t *len);
/* Read the tail of a number that ends at s[j]. */
void zb__parse_tail(const char *s, size_t n, size_t j, zb_tail *t);
/* Does the tail give the number a unit or a magnitude? */
int zb__tail_has_unit(const zb_tail *t);
/* The quantity kind the tail's unit gives (percent, points, …). */
zb_qkind zb__tail_kind(const zb_tail *t);
/* Fill q->unit (magnitude + unit + rate) and q->base_unit (unit + rate). */
void zb__tail_units(const char *s, const zb_tail *t, zb_qty *q);
/* Is cp a function character (的, 和, 以 …) that begins no counted noun? */
int zb__is_function_char(uint32_t cp);
/* Does a noun start at s[j] (not a predicate, comparator, punctuation or
 * function word)? 4个[省级湿地公园] */
int zb__noun_at(const char *s, size_t n, size_t j);
/* After a paragraph's quantities are read: the unit a list shares, written
 * only after its last item (5和6个百分点, 10.6万、3.3万公顷, 第二、第九位). */
void zb__carry_units(const char *s, zb_qtys *qs);
/* A dash, 至 or 到 joining the two ends of a range at s[j]; its length, or 0. */
size_t zb__range_joint(const char *s, size_t n, size_t j);

#endif
