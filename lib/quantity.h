/*
 * Stage 4b, recognize: quantities — numbers with their magnitude, unit,
 * comparator and range — in a folded paragraph; and the numbers that belong
 * to years, dates, names, ordinals and list markers, so later stages drop them.
 */
#ifndef ZB_QUANTITY_H
#define ZB_QUANTITY_H

#include <stddef.h>

#include "mem.h"
#include "numeral.h"
#include "zhibiao.h"

typedef struct zb_qty {
    size_t start, end;      /* surface in folded text: number … trailing comparator */
    size_t num_start;       /* the number proper (after 第, before it 百分之) */
    size_t num_end;         /* after the number and any 多/magnitude */
    size_t unit_end;        /* after the unit */
    size_t before_start;    /* where an adjacent preceding comparator starts (= start if none) */
    double value, value_high, base_value, base_value_high, factor;
    int has_high;
    char unit[48];
    char base_unit[48];
    zb_cmp cmp;
    int cmp_explicit;       /* a comparator word was seen */
    zb_qkind kind;
    int chinese;            /* written in Chinese numerals */
    int single_cn;          /* one Chinese digit, no magnitude */
    unsigned unit_flags;    /* ZB_UF_* of the unit */
    int unit_kind;          /* ZB_UK_*, -1 for none */
    int noun_follows;       /* a noun follows the unit (4个省级湿地公园, 1000亿元失业保险基金) */
    int in_quotes;
    int more;               /* 多 / 余 */
    int mag_exp;            /* power of ten of the magnitude in the unit (万 → 4) */
    int streak;             /* 连续20年: how long, not how much; never an indicator */
    int bare_metric;        /* a unit-less number a predicate gives to a metric
                             * (倍差缩小至1.81, 满意度从84.7提升至89.6): an indicator */
    int ratio_index;        /* a term of a ratio of named parts (三次产业结构8.1∶35.6∶56.3):
                             * its place from 1, and ratio_count the terms; 0 otherwise */
    int ratio_count;
} zb_qty;

typedef struct zb_qtys {
    zb_qty *v;
    size_t n, cap;
    size_t overflows;       /* numbers too large for a double, skipped */
} zb_qtys;

/* All quantities of a folded paragraph, in order. */
int zb__recognize(const zb_mem *m, const char *s, size_t n, zb_qtys *out);
void zb__qtys_free(const zb_mem *m, zb_qtys *q);
/* Does a quantity of this kind measure something (amount … rank)? */
int zb__qkind_measures(zb_qkind k);
/* A quantity that may become an indicator: measuring (or a bare number a
 * predicate gives to a metric), and no streak. */
int zb__indicator_candidate(const zb_qty *q);
/* The first indicator candidate of q[0..n) (sorted by start) that starts in
 * [lo, hi), or -1; by binary search, so a paragraph of many figures stays
 * linear. */
long zb__figure_in(const zb_qty *q, size_t n, size_t lo, size_t hi);

#endif
