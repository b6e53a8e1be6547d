/*
 * Stage 5, attribute: turn the measuring quantities of a paragraph into
 * indicators: measure, sign, cmp, year and kind, sector. Where each quantity
 * stands is context.c's job, its metric phrase metric.c's.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "attribute.h"
#include "chars.h"
#include "tables.h"

/* The nearest predicate in s[lo..hi), scanning back from hi; its end in *end. */
static int nearest_predicate(const char *s, size_t lo, size_t hi, size_t *end) {
    size_t p = hi;
    while (p > lo) {
        size_t k;
        int row = zb__lex_suffix(&zb__predicates, s, lo, p, &k);
        if (row >= 0 && !zb__inside_word(s, hi, p - k, k)) {
            *end = p;
            return row;
        }
        p = zb__prev_char(s, p);
    }
    return -1;
}

/* Is s[lo..hi) only auxiliaries between a verb and its number (分别, 了, 达到)?
 * 提升4.2个百分点 changes by 4.2; 提升高标准农田500万亩 counts 500万亩. */
static int only_auxiliaries(const char *s, size_t lo, size_t hi) {
    size_t i = lo;
    while (i < hi) {
        size_t k = 0, kl = 0;
        int row = zb__lex_prefix(&zb__predicates, s + i, hi - i, &k);
        if (row < 0 || zb__pred_has(row, ZB_PR_act))
            k = 0;
        int lrow = zb__lex_prefix(&zb__lexicon, s + i, hi - i, &kl);
        if (zb__lex_find_kind(&zb__lexicon, lrow, ZB_LX_lead) < 0)
            kl = 0;
        if (kl > k)
            k = kl;
        if (!k && (zb__starts(s, hi, i, "了") || s[i] == ' ' || s[i] == ':'))
            k = s[i] == ' ' || s[i] == ':' ? 1 : 3;
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

/* 降幅超过3%, 降幅为3%: a head that measures a fall (lexicon role fall) ends
 * in s[lo..hi) with only auxiliaries after it; a few characters back at most. */
static int fall_head_before(const char *s, size_t lo, size_t hi) {
    for (size_t p = hi; p > lo && hi - p <= 12; p = zb__prev_char(s, p)) {
        size_t k;
        int row = zb__lex_suffix(&zb__lexicon, s, lo, p, &k);
        if (zb__lex_has(row, ZB_LX_fall))
            return only_auxiliaries(s, p, hi);
    }
    return 0;
}

/* Does a gap word (高于, 快于 …) stand anywhere in s[lo..hi)? */
static int has_gap_word(const char *s, size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; i += zb__utf8_len((unsigned char)s[i])) {
        size_t k;
        int row = zb__lex_prefix(&zb__predicates, s + i, hi - i, &k);
        if (zb__pred_has(row, ZB_PR_gap) && !zb__inside_word(s, hi, i, k))
            return 1;
    }
    return 0;
}

/* …6%以上的预期目标: the number is a target even in the review. */
static int target_follows(const char *s, size_t n, size_t end) {
    size_t k;
    int row = zb__lex_prefix(&zb__lexicon, s + end, n - end, &k);
    return zb__lex_has(row, ZB_LX_target);
}

/* 预期目标为4.5%至5%, 增长目标设定在5%: a target word, then a verb of
 * reaching, right before the number (s[lo..hi) the clause up to it). */
static int target_precedes(const char *s, size_t lo, size_t hi) {
    size_t k;
    int row = zb__lex_suffix(&zb__predicates, s, lo, hi, &k);
    /* every target word ends with 目标: one compare before the walk */
    if (!zb__pred_has(row, ZB_PR_reach) || hi - k < lo + 6 || !zb__starts(s, hi - k, hi - k - 6, "目标"))
        return 0;
    return zb__lex_has(zb__lex_suffix(&zb__lexicon, s, lo, hi - k, &k), ZB_LX_target);
}

static zb_cmp flip(zb_cmp c) {
    switch (c) {
    case ZB_CMP_GE: return ZB_CMP_LE;
    case ZB_CMP_LE: return ZB_CMP_GE;
    case ZB_CMP_GT: return ZB_CMP_LT;
    case ZB_CMP_LT: return ZB_CMP_GT;
    default: return c;
    }
}

static void measure_and_sign(const zb_para *p, const zb_qctx *c, const zb_qty *q,
                             zb_metric_state *st, zb_attr *a) {
    const char *s = p->s;
    size_t lo = c->prev_end > c->item_start ? c->prev_end : c->item_start;
    if (lo < c->clause_start)
        lo = c->clause_start;
    size_t pend = 0;
    int row = q->before_start > lo ? nearest_predicate(s, lo, q->before_start, &pend) : -1;
    int role = row >= 0 ? zb__predicates.rows[row].kind : -1;
    /* 分别提高12%和22%: a list continues the previous quantity's predicate —
     * of a figure of its own kind (增长8.2%、突破6000亿元 is a level) */
    if (role < 0 && c->list_cont && st->last_role >= 0 && c->prev_q >= 0 &&
        p->q[c->prev_q].kind == q->kind)
        role = st->last_role;
    if (row >= 0) {
        /* a word may carry several roles (高于: gap); prefer the telling one */
        static const int order[] = {ZB_PR_to, ZB_PR_gap, ZB_PR_fall, ZB_PR_rise, ZB_PR_relief,
                                    ZB_PR_from, ZB_PR_rank, ZB_PR_reach, ZB_PR_act,
                                    ZB_PR_base, ZB_PR_dist};
        for (size_t i = 0; i < sizeof order / sizeof *order; i++)
            if (zb__pred_has(row, order[i])) {
                role = order[i];
                break;
            }
    }
    /* a rise or fall with a noun between it and the number is not its change,
     * unless the verb cuts an amount of its object (压减…支出23.9亿元) */
    if ((role == ZB_PR_rise || role == ZB_PR_fall) && row >= 0 && !zb__pred_has(row, ZB_PR_cut) &&
        !only_auxiliaries(s, pend, q->before_start))
        role = ZB_PR_reach;
    if (q->kind == ZB_QTY_PERCENT && (role < 0 || role == ZB_PR_reach) &&
        fall_head_before(s, lo, q->before_start))
        role = ZB_PR_fall;
    int rise = role == ZB_PR_rise, fall = role == ZB_PR_fall;
    /* look back only to the previous figure: a list inherits from its head, and
     * each figure scanning its whole clause would be quadratic in a long list */
    int growth_head = q->kind == ZB_QTY_PERCENT &&
                      zb__lex_any(&zb__lexicon, s + lo, q->before_start - lo, ZB_LX_growth);
    int sign = fall ? -1 : 1;
    switch (q->kind) {
    case ZB_QTY_RANK:
        a->measure = ZB_MEASURE_RANK;
        break;
    case ZB_QTY_PERCENT:
        if (role == ZB_PR_gap)
            a->measure = ZB_MEASURE_GAP;
        else if (rise || fall || growth_head) /* 增速回升到3.5%: still a growth rate */
            a->measure = ZB_MEASURE_GROWTH;
        else if (c->list_cont && st->last_measure == ZB_MEASURE_GROWTH)
            a->measure = ZB_MEASURE_GROWTH; /* 增速分别为5%和6% */
        else
            a->measure = ZB_MEASURE_SHARE;
        break;
    case ZB_QTY_MULTIPLE:
        a->measure = ZB_MEASURE_GROWTH;
        break;
    case ZB_QTY_POINTS:
        if (role == ZB_PR_gap || (role < 0 && has_gap_word(s, lo, q->start)))
            a->measure = ZB_MEASURE_GAP;
        else if (c->list_cont && st->last_measure == ZB_MEASURE_GAP)
            a->measure = ZB_MEASURE_GAP;
        else
            a->measure = ZB_MEASURE_CHANGE;
        break;
    default:
        a->measure = rise || fall ? ZB_MEASURE_CHANGE : ZB_MEASURE_LEVEL;
        break;
    }
    if (q->ratio_count) /* a part of a whole: 三次产业结构8.1∶35.6∶56.3 */
        a->measure = ZB_MEASURE_SHARE;
    if (a->measure == ZB_MEASURE_GAP || (a->measure != ZB_MEASURE_GROWTH &&
                                         a->measure != ZB_MEASURE_CHANGE))
        sign = 1;
    a->value = sign * q->value;
    a->base_value = sign * q->base_value;
    a->has_high = q->has_high;
    a->value_high = q->has_high ? sign * q->value_high : NAN;
    if (sign < 0 && q->has_high) {
        /* 下降3%—5%: keep the low end first */
        double lo_v = a->value_high, hi_v = a->value;
        a->value = lo_v;
        a->value_high = hi_v;
        a->base_value = sign * q->base_value_high;
    }
    a->cmp = q->cmp;
    if (sign < 0)
        a->cmp = flip(a->cmp);
    if (role == ZB_PR_from) {
        a->kind = ZB_KIND_ACHIEVED;
        a->kind_fixed = 1;
        a->year_rel = -1;
    }
    st->last_measure = a->measure;
    st->last_role = role;
    st->last_sign = sign;
}

/* A web page's furniture saved with the report (已有0人参与，点击查看更多精彩评论):
 * the clause of the figure holds one of a page's own words. Lines of a page run
 * together into one clause (menus and comment boxes end no sentence), so the
 * clause, not the line, is what can be asked. */
static int page_furniture(const zb_para *p, const zb_qctx *c) {
    return zb__lex_any(&zb__page_words, p->s + c->clause_start, c->clause_end - c->clause_start,
                       ZB_PG_furniture);
}

/* A news item's roll call (大会应到代表389名，实到372名，符合法定人数): the
 * sentence of the figure holds a word of one. */
static int roll_call(const zb_para *p, const zb_qctx *c) {
    return zb__lex_any(&zb__page_words, p->s + c->sent_start, c->sent_end - c->sent_start,
                       ZB_PG_roll_call);
}

/* 全年完成地区生产总值112.96亿元: a verb of tallying that opens a metric the
 * catalog names says only that the amount was reached; without it the metric
 * is the same (完成投资239亿元 keeps its verb: 投资 alone is no catalog name). */
static void drop_tally_verb(zb_attr *a, const zb_qty *q) {
    size_t n = strlen(a->metric), k;
    int row = zb__lex_prefix(&zb__predicates, a->metric, n, &k);
    if (!zb__pred_has(row, ZB_PR_tally) || k >= n)
        return;
    int sector;
    if (strcmp(zb__quantity_metric_id(a->metric + k, q, &sector), a->metric_id) != 0)
        return;
    memmove(a->metric, a->metric + k, n - k + 1);
}

int zb__attribute(const zb_mem *m, const zb_para *p, zb_vec *out) {
    size_t first = out->len;
    if (!p->nq)
        return zb__qualitative(m, p, NULL, out, first);
    zb_qctx *ctx = zb__alloc(m, p->nq * sizeof *ctx);
    if (!ctx)
        return ZB_ENOMEM;
    zb__contexts(p, ctx);
    zb_metric_state st;
    memset(&st, 0, sizeof st);
    st.last_role = -1;
    st.period_q = SIZE_MAX;
    zb_cue_memo cue_memo = {SIZE_MAX, 0, 0};
    size_t furniture_clause = SIZE_MAX, furniture_sent = SIZE_MAX;
    int page_words = 0, furniture = 0, in_roll_call = 0;
    for (size_t qi = 0; qi < p->nq; qi++) {
        const zb_qty *q = &p->q[qi];
        if (!zb__indicator_candidate(q))
            continue;
        const zb_qctx *c = &ctx[qi];
        /* one walk over the sentence finds most hold no page word at all */
        if (c->sent_start != furniture_sent) {
            furniture_sent = c->sent_start;
            page_words = zb__lex_any(&zb__page_words, p->s + c->sent_start,
                                     c->sent_end - c->sent_start, ZB_LEX_ANY_KIND);
            in_roll_call = page_words && roll_call(p, c);
            furniture_clause = SIZE_MAX;
        }
        if (page_words && c->clause_start != furniture_clause) {
            furniture_clause = c->clause_start;
            furniture = page_furniture(p, c);
        }
        if (page_words && (furniture || in_roll_call))
            continue;
        zb_attr *a = zb__vec_push(m, out);
        if (!a) {
            zb__free(m, ctx);
            return ZB_ENOMEM;
        }
        a->qi = qi;
        a->sent = c->sent;
        int plan = p->plan || c->sent >= p->plan_from;
        if (c->has_rel && !c->year)
            plan = c->rel >= 0; /* 今年…, 去年…: the clause says which year */
        a->year_rel = plan ? 0 : -1;
        a->kind = plan ? ZB_KIND_TARGET : ZB_KIND_ACHIEVED;
        a->year = c->year;
        zb_measure before = st.last_measure;
        int had_metric = st.last[0] && st.last_sent == c->sent;
        measure_and_sign(p, c, q, &st, a);
        if (!plan && target_precedes(p->s, c->clause_start, q->before_start)) {
            a->kind = ZB_KIND_TARGET; /* 今年经济增长预期目标为4.5%至5% */
            a->kind_fixed = 1;
        }
        if (!plan && target_follows(p->s, p->n, q->end) && had_metric) {
            /* 增长8.1%，高于年初提出的6%以上的预期目标: the target of the same metric */
            a->kind = ZB_KIND_TARGET;
            a->kind_fixed = 1;
            a->measure = before;
            st.last_measure = before;
            snprintf(a->metric, sizeof a->metric, "%s", st.last);
        } else {
            if (!plan && target_follows(p->s, p->n, q->end)) {
                a->kind = ZB_KIND_TARGET;
                a->kind_fixed = 1;
            }
            zb__metric_for(p, ctx, qi, &st, a->metric, sizeof a->metric);
        }
        zb__entity(p, c, a);
        zb__period(p, ctx, qi, &st, a);
        zb__commitment(p, c, &cue_memo, a);
        a->metric_id = zb__quantity_metric_id(a->metric, q, &a->metric_sector);
        if (*a->metric_id)
            drop_tally_verb(a, q);
        if (c->sent >= p->goals_from) /* a list of main targets: the metric's sector */
            a->sector = a->metric_sector >= 0 ? a->metric_sector : ZB_SECTOR_ECONOMY;
        else if (p->section_sector >= 0)
            a->sector = p->section_sector;
        else if (a->metric_sector >= 0)
            a->sector = a->metric_sector;
        else if (p->before_first_heading && p->passage_sector >= 0)
            a->sector = p->passage_sector;
        else
            a->sector = ZB_SECTOR_ECONOMY;
    }
    int rc = zb__qualitative(m, p, ctx, out, first);
    zb__free(m, ctx);
    return rc;
}
