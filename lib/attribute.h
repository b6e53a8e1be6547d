/*
 * Stage 5, attribute: measuring quantities of a paragraph → indicators.
 * Its files, in the order they call each other:
 *   context.c     where each quantity stands: sentence, clause, list, 分别, year
 *   catalog.c     the catalog id a metric names
 *   phrase.c      the words around a figure: leading and trailing words, predicates
 *   distribute.c  分别: the list of metrics a run of figures pairs with
 *   metric.c      the metric phrase of a figure, with ellipsis resolved
 *   entity.c      whose figure it is, when not the region's
 *   period.c      the span of years it covers
 *   qualitative.c goals and results stated without a number
 *   commitment.c  how firm a target is; whether a result is an estimate
 *   attribute.c   measure, sign, cmp, kind, year, sector; the paragraph loop
 */
#ifndef ZB_ATTRIBUTE_H
#define ZB_ATTRIBUTE_H

#include <stddef.h>

#include "outline.h"
#include "quantity.h"
#include "scope.h"

/* What the attribute stage knows about one paragraph. */
typedef struct zb_para {
    const char *s; /* folded paragraph */
    size_t n;
    const zb_qty *q;
    size_t nq;
    const zb_range *sent; /* sentences */
    size_t nsent;
    int plan;             /* in the work plan part */
    size_t plan_from;     /* the sentence where the plan part begins inside it; SIZE_MAX: none */
    size_t goals_from;    /* the sentence where a list of main targets begins; SIZE_MAX: none */
    int section_sector;   /* -1 when none */
    int passage_sector;   /* by keyword votes, for text before any heading; -1 none */
    int before_first_heading;
    const zb_scope *scope; /* the time scope of the passage (stage 3) */
} zb_para;

/* Where a quantity stands: its sentence, clause and list. */
typedef struct zb_qctx {
    size_t sent;
    size_t sent_start, sent_end;
    size_t clause_start, clause_end;
    size_t prev_clause_start; /* the clause before, in the same sentence */
    size_t item_start;        /* after the last 、 in the clause */
    size_t prev_end;          /* end of the previous measuring quantity in the clause */
    long prev_q;              /* its index, -1 for none */
    long next_start;          /* start of the next quantity in the clause, -1 for none */
    int list_cont;            /* only a conjunction since the previous quantity */
    size_t dist_at;           /* 分别 in this clause before the quantity, SIZE_MAX if none */
    int dist_index, dist_count;
    int dist_inherit;         /* no 分别 of its own: the list of the clause before
                                 (…分别达到41260元、22850元，增长5.1%、7.4%) */
    int prior_index, prior_count; /* a bare list after figures of other clauses, 0 for none:
                                 (城镇…47175元，农村…15153元，实际增长4.8%和6.5%) */
    int year;                 /* explicit year earlier in the sentence, 0 for none */
    int rel, has_rel;         /* else a word that dates it: 今年 0, 去年 -1 (to the report year) */
    int lead_row;             /* lexicon row of the word that opens the figure's clause or an
                                 earlier one of its sentence (力争…，…): commitment.c reads it;
                                 -1 for none */
} zb_qctx;

/* One attributed indicator, before strings are copied into the document. */
typedef struct zb_attr {
    size_t qi;   /* index into para->q; SIZE_MAX for a qualitative row */
    size_t sent; /* sentence index */
    size_t qual_start, qual_end; /* a qualitative row: its words in the paragraph */
    double value, value_high, base_value;
    int has_high;
    zb_cmp cmp;
    zb_measure measure;
    int year;          /* explicit year, 0 = from the part */
    int year_rel;      /* -1 review (report year - 1), 0 plan (report year) */
    int year_none;     /* the figure has no year (the start of a from–to pair without one) */
    zb_period period;
    int year_from;     /* first year of a multi-year period, when written; 0 otherwise */
    int year_from_rel; /* else relative to the report year, when has_from_rel */
    int has_from_rel;
    char entity[96];   /* whose figure, when not the region's; "" */
    zb_commitment commitment;
    int estimate;
    zb_kind kind;
    int kind_fixed;    /* kind decided by the text, not by the part or year */
    int sector;        /* -1: decided when the metric is known */
    char metric[256];
    const char *metric_id; /* "" for none */
    int metric_sector;     /* catalog sector, -1 for none */
} zb_attr;

/* Metric state carried from quantity to quantity within a paragraph. */
typedef struct zb_metric_state {
    char last[256];  /* the last metric */
    size_t last_sent; /* the sentence it was in */
    int last_noun;   /* the last quantity was followed by its noun (7个项目) */
    char topic[256]; /* the same without a trailing generic head */
    char dist[8][128]; /* the metrics of the last 分别 list */
    int dist_n;
    size_t dist_sent;
    /* the metrics of the sentence's figures so far, for a bare list that
     * spreads over them: seen_n of them, the last 8 in a ring */
    struct {
        char metric[128];
        size_t clause;
        int kind;
    } seen[8];
    int seen_n;
    size_t seen_sent;
    zb_measure last_measure;
    int last_sign;   /* -1 after a fall */
    int last_role;   /* predicate role of the last quantity, -1 none */
    char last_unit[48]; /* base unit of the last quantity with a metric */
    /* the period of the last figure (period.c), for the figures of a list */
    zb_period period;
    size_t period_q;
    int period_from, period_from_rel, period_has_rel;
} zb_metric_state;

/* ---- attribute.c: the stage's entry point ---- */
/* Attribute every measuring quantity of a paragraph; appends zb_attr to out. */
int zb__attribute(const zb_mem *m, const zb_para *p, zb_vec *out);

/* ---- context.c ---- */
/* Context of every quantity (ctx has p->nq elements). */
void zb__contexts(const zb_para *p, zb_qctx *ctx);

/* ---- catalog.c ---- */
/* The catalog id a metric names, "" for none; its sector in *sector (-1 for none). */
const char *zb__metric_id(const char *metric, int *sector);
/* The same for a quantity of the given kind: a ratio's id never goes to an amount. */
const char *zb__quantity_metric_id(const char *metric, const zb_qty *q, int *sector);
/* The catalog row the earliest alias in metric names (-1 for none), and where. */
int zb__metric_match(const char *metric, size_t *pos, size_t *len);

/* ---- phrase.c ---- */
/* Is the predicate s[i..i+k) really part of a longer noun starting at i (居民,
 * 增加值, 增长率)? Then it is no predicate. */
int zb__inside_word(const char *s, size_t n, size_t i, size_t k);
/* The length of a draft's masked amount (XX亿元, ××万元) that ends s[lo..hi), or 0. */
size_t zb__masked_amount(const char *s, size_t lo, size_t hi);
/* Leading words that are not part of a metric (全年, 其中, 和, 2022年): the new lo. */
size_t zb__strip_leading(const char *s, size_t lo, size_t hi);
/* Past the words that announce the goals at the start of s[lo..hi), when no
 * colon ends them (发展主要预期目标是|经济增长…), or lo. */
size_t zb__after_goals_opening(const char *s, size_t lo, size_t hi);
/* Trailing predicates, comparators and auxiliaries (达到, 比上年增长): the new hi. */
size_t zb__strip_trailing(const char *s, size_t lo, size_t hi);
/* zb__strip_trailing, and a conjunction that joins the next figure's noun
 * (19个地级以上市和|2个县): the end of a counted noun that runs into it. */
size_t zb__strip_before_figure(const char *s, size_t lo, size_t hi);
/* Copy s[lo..hi) onto out (of size `size`) without quote marks and spaces. */
void zb__phrase_append(char *out, size_t size, const char *s, size_t lo, size_t hi);
/* dst = a[0..alen) + b, cut at a character boundary to fit size. */
void zb__phrase_join(char *dst, size_t size, const char *a, size_t alen, const char *b);
void zb__phrase_copy(char *dst, size_t size, const char *src);
/* Is s[lo..hi) only a generic head (增速, 总量, 年产能), or — when `loose` — one
 * with a modifier of at most two characters (装机规模) that names no catalog id? */
int zb__is_generic_head(const char *s, size_t lo, size_t hi, int loose);

/* ---- distribute.c ---- */
/* 分别: the metric of the c->dist_index-th figure of a list; 0 when the list
 * cannot be paired with its figures. */
int zb__distribute(const zb_para *p, const zb_qctx *c, zb_metric_state *st, char *out,
                   size_t size);
/* s[lo..hi) as a list of metrics joined by 、和及与 (单位地区生产总值能耗和二氧化碳
 * 排放), each item completed from its neighbours as for 分别: their number (at
 * most 8), or 0 when s[lo..hi) is one metric. */
int zb__metric_list(const char *s, size_t lo, size_t hi, char items[8][128]);

/* ---- metric.c ---- */
/* The metric phrase of quantity qi. */
void zb__metric_for(const zb_para *p, const zb_qctx *ctx, size_t qi, zb_metric_state *st,
                    char *out, size_t outsize);

/* s[lo..hi) without a streak at its end (国控断面水质优良比例连续3年|保持100%,
 * 经济增速连续16个季度|高于全国平均水平): how long it held is no part of what
 * is measured. */
size_t zb__before_streak(const zb_para *p, size_t lo, size_t hi);

/* The start of s[lo..hi) after a verb of reaching that opens it (实现销量|410
 * 万辆, 成为生产总值|超千亿元县), or lo: see metric.c. */
size_t zb__after_reach(const char *s, size_t lo, size_t hi);

/* ---- entity.c ---- */
/* Whose figure a metric phrase names when it is not the region's (长春新区地区
 * 生产总值, 一汽销量, 对沿线国家货物进出口额): moves that owner from a->metric
 * into a->entity (INDICATORS.md §4b). Runs before the catalog look-up. */
void zb__entity(const zb_para *p, const zb_qctx *c, zb_attr *a);

/* ---- period.c ---- */
/* The span of time figure qi covers (INDICATORS.md §4a): a->period, year_from
 * (or year_from_rel), and the year where the period fixes it. Runs after
 * the measure (st->last_role is this figure's predicate) and the metric. */
void zb__period(const zb_para *p, const zb_qctx *ctx, size_t qi, zb_metric_state *st,
                zb_attr *a);

/* ---- qualitative.c ---- */
/* Goals and results stated without a number (INDICATORS.md §2b): for each
 * qual phrase of the lexicon in a clause without a figure, rows with qi =
 * SIZE_MAX and the phrase's words, appended to out after the figures' rows of
 * this paragraph (from index `first`, which the function keeps in text order). */
int zb__qualitative(const zb_mem *m, const zb_para *p, const zb_qctx *ctx, zb_vec *out,
                    size_t first);

/* ---- commitment.c ---- */
/* How firm a target is (确保, 力争 …) and whether a result is an estimate (预计,
 * 初步核算): a->commitment, a->estimate. */
/* The cue words of a clause read so far: the figures of one long clause (a list
 * of 10^5 items) each continue from the last instead of reading it again. */
typedef struct zb_cue_memo {
    size_t clause_start, upto;
    unsigned cues;
} zb_cue_memo;
void zb__commitment(const zb_para *p, const zb_qctx *c, zb_cue_memo *memo, zb_attr *a);

#endif
