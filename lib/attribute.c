/*
 * Stage 5, attribute: turn the measuring quantities of a paragraph into
 * indicators: measure, sign, cmp, year and kind, sector (the metric phrase
 * itself is metric.c's job).
 *
 * One forward pass computes where each quantity stands (sentence, clause,
 * list, 分别); every later look-up stays inside the clause between the
 * previous quantity and this one, so the work is linear in the paragraph.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

size_t zb__prev_char(const char *s, size_t i) {
    if (i == 0)
        return 0;
    size_t p = i - 1;
    while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80 && i - p < 4)
        p--;
    return p;
}

int zb__is_clause_punct(uint32_t cp) {
    return cp == ',' || cp == 0xFF0C || cp == 0x3001 /* 、 */ || cp == ';' || cp == ':' ||
           cp == 0xFF1B || cp == 0xFF1A;
}

static int starts(const char *s, size_t n, size_t i, const char *w) {
    size_t k = strlen(w);
    return i + k <= n && memcmp(s + i, w, k) == 0;
}

/* Is s[lo..hi) only list conjunctions and spaces (和 、 及 与 或)? */
static int only_conjunction(const char *s, size_t lo, size_t hi) {
    static const char *const conj[] = {"和", "、", "及", "与", "或", "以及", " ", ","};
    size_t i = lo;
    while (i < hi) {
        size_t j = i;
        for (size_t c = 0; c < sizeof conj / sizeof *conj; c++)
            if (starts(s, hi, i, conj[c])) {
                j = i + strlen(conj[c]);
                break;
            }
        if (j == i)
            return 0;
        i = j;
    }
    return 1;
}

/* The year a YEAR quantity names: its last four digits (2021—2025年 → 2025). */
static int year_of(const char *s, const zb_qty *q) {
    int year = 0;
    for (size_t i = q->start; i + 4 <= q->end; i++) {
        int ok = 1, y = 0;
        for (int d = 0; d < 4; d++) {
            char c = s[i + d];
            if (c < '0' || c > '9') {
                ok = 0;
                break;
            }
            y = y * 10 + (c - '0');
        }
        if (ok)
            year = y;
    }
    if (!year) {
        zb_number num;
        if (zb__chinese(s + q->start, q->end - q->start, &num) && num.digit_string)
            year = (int)num.value;
    }
    return year;
}

/* What the word before a year makes of it: 比2020年 / 较 / 与 … name the base
 * of a comparison (1); 由2015年的6.4万元 / 从 / 自 date a starting value (2). */
static int year_role(const char *s, size_t start) {
    static const char *const base[] = {"比", "较", "同", "与", "于", "上"};
    static const char *const from[] = {"由", "从", "自"};
    if (start < 3)
        return 0;
    for (size_t i = 0; i < sizeof base / sizeof *base; i++)
        if (memcmp(s + start - 3, base[i], 3) == 0)
            return 1;
    for (size_t i = 0; i < sizeof from / sizeof *from; i++)
        if (memcmp(s + start - 3, from[i], 3) == 0)
            return 2;
    return 0;
}

void zb__contexts(const zb_para *p, zb_qctx *ctx) {
    const char *s = p->s;
    size_t n = p->n, k = 0;
    for (size_t si = 0; si < p->nsent; si++) {
        size_t i = p->sent[si].start, end = p->sent[si].end, sent_first = k;
        size_t clause_start = i, prev_clause = i, item_start = i, dist_at = SIZE_MAX;
        size_t clause_first = k; /* first quantity of the open clause */
        long prev_q = -1;
        int dist_seen = 0, year = 0, from_year = 0;
        int year_sticky = 0; /* the year stands in a clause of its own: 到2025年，… */
        for (;;) {
            if (k < p->nq && p->q[k].start <= i && p->q[k].start < end) {
                const zb_qty *q = &p->q[k];
                zb_qctx *c = &ctx[k];
                memset(c, 0, sizeof *c);
                c->sent = si;
                c->sent_start = p->sent[si].start;
                c->sent_end = end;
                c->clause_start = clause_start;
                c->prev_clause_start = prev_clause;
                c->item_start = item_start;
                c->prev_q = prev_q;
                c->prev_end = prev_q >= 0 ? p->q[prev_q].end : clause_start;
                c->next_start = -1;
                c->dist_at = dist_at;
                c->year = year;
                if (from_year && zb__indicator_candidate(q)) {
                    c->year = from_year; /* …由2015年的6.4万元: that figure only */
                    from_year = 0;
                }
                if (prev_q >= 0)
                    c->list_cont = only_conjunction(s, p->q[prev_q].end, q->before_start);
                if (dist_at != SIZE_MAX && zb__indicator_candidate(q))
                    c->dist_index = dist_seen++;
                if (q->kind == ZB_QTY_YEAR) {
                    int role = year_role(s, q->start);
                    if (role == 0) {
                        year = year_of(s, q);
                        /* "到2025年，" or "2021年，" rules the rest of the sentence;
                         * a year inside a clause (2019年突破10万亿元) only that clause */
                        size_t after = q->end;
                        while (after < n && s[after] == ' ')
                            after++;
                        year_sticky = q->start - clause_start <= 6 &&
                                      (after >= n || zb__is_clause_punct(zb__cp_at(s, n, after, NULL)));
                    } else if (role == 2)
                        from_year = year_of(s, q);
                }
                if (zb__indicator_candidate(q)) {
                    if (prev_q >= 0)
                        ctx[prev_q].next_start = (long)q->start;
                    prev_q = (long)k;
                }
                /* a quantity's own commas (1,858.73) do not end a clause */
                i = q->end > i ? q->end : i;
                k++;
                continue;
            }
            if (i >= end)
                break;
            /* only , ; : 、 and 分别 matter here: test bytes, decode nothing */
            unsigned char byte = (unsigned char)s[i];
            size_t len = zb__utf8_len(byte);
            uint32_t cp = 0;
            if (byte == ',' || byte == ';' || byte == ':')
                cp = byte;
            else if (byte == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                     (unsigned char)s[i + 2] == 0x81)
                cp = 0x3001;
            else if (byte != 0xE5 || !starts(s, end, i, "分别")) {
                i += len;
                continue;
            }
            ZB_UNUSED(n);
            if (cp == 0x3001) { /* 、 */
                item_start = i + len;
            } else if (cp) {
                for (size_t b = clause_first; b < k; b++)
                    ctx[b].clause_end = i;
                clause_first = k;
                prev_clause = clause_start;
                clause_start = item_start = i + len;
                if (!year_sticky)
                    year = 0;
                prev_q = -1;
                dist_at = SIZE_MAX;
                dist_seen = 0;
            } else if (starts(s, end, i, "分别")) {
                dist_at = i;
                dist_seen = 0;
            }
            i += len;
        }
        for (size_t b = clause_first; b < k; b++)
            ctx[b].clause_end = end;
        /* each 分别 list learns its length: walking back, a list's first
         * quantity met carries the highest index */
        size_t cur_at = SIZE_MAX;
        int cur_count = 0;
        for (size_t b = k; b > sent_first; b--) {
            zb_qctx *c = &ctx[b - 1];
            if (c->dist_at == SIZE_MAX || !zb__indicator_candidate(&p->q[b - 1]))
                continue;
            if (c->dist_at != cur_at) {
                cur_at = c->dist_at;
                cur_count = c->dist_index + 1;
            }
            c->dist_count = cur_count;
        }
    }
    /* quantities outside every sentence (cannot happen; keep ctx defined) */
    for (; k < p->nq; k++) {
        memset(&ctx[k], 0, sizeof ctx[k]);
        ctx[k].prev_q = ctx[k].next_start = -1;
        ctx[k].dist_at = SIZE_MAX;
        ctx[k].clause_start = ctx[k].item_start = ctx[k].prev_end = p->q[k].start;
        ctx[k].clause_end = ctx[k].sent_end = p->q[k].end;
    }
}

int zb__inside_word(const char *s, size_t n, size_t i, size_t k) {
    size_t len;
    int row = zb__lex_prefix(&zb__lexicon, s + i, n - i, &len);
    if (row < 0 || len <= k)
        return 0;
    return zb__lex_find_kind(&zb__lexicon, row, ZB_LX_word) >= 0 ||
           zb__lex_find_kind(&zb__lexicon, row, ZB_LX_head) >= 0 ||
           zb__lex_find_kind(&zb__lexicon, row, ZB_LX_growth) >= 0 ||
           zb__lex_find_kind(&zb__lexicon, row, ZB_LX_share) >= 0;
}

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

static int pred_role(int row, int role) {
    return row >= 0 && zb__lex_find_kind(&zb__predicates, row, role) >= 0;
}

/* Is s[lo..hi) only auxiliaries between a verb and its number (分别, 了, 达到)?
 * 提升4.2个百分点 changes by 4.2; 提升高标准农田500万亩 counts 500万亩. */
static int only_auxiliaries(const char *s, size_t lo, size_t hi) {
    size_t i = lo;
    while (i < hi) {
        size_t k = 0, kl = 0;
        int row = zb__lex_prefix(&zb__predicates, s + i, hi - i, &k);
        if (row < 0 || pred_role(row, ZB_PR_act))
            k = 0;
        int lrow = zb__lex_prefix(&zb__lexicon, s + i, hi - i, &kl);
        if (zb__lex_find_kind(&zb__lexicon, lrow, ZB_LX_lead) < 0)
            kl = 0;
        if (kl > k)
            k = kl;
        if (!k && (starts(s, hi, i, "了") || starts(s, hi, i, " ")))
            k = s[i] == ' ' ? 1 : 3;
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

/* Does a gap word (高于, 快于 …) stand anywhere in s[lo..hi)? */
static int has_gap_word(const char *s, size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; i += zb__utf8_len((unsigned char)s[i])) {
        size_t k;
        int row = zb__lex_prefix(&zb__predicates, s + i, hi - i, &k);
        if (pred_role(row, ZB_PR_gap) && !zb__inside_word(s, hi, i, k))
            return 1;
    }
    return 0;
}

static int has_lexicon_word(const char *s, size_t lo, size_t hi, int role) {
    for (size_t i = lo; i < hi; i += zb__utf8_len((unsigned char)s[i])) {
        size_t k;
        int row = zb__lex_prefix(&zb__lexicon, s + i, hi - i, &k);
        if (row >= 0 && zb__lex_find_kind(&zb__lexicon, row, role) >= 0)
            return 1;
    }
    return 0;
}

/* …6%以上的预期目标: the number is a target even in the review. */
static int target_follows(const char *s, size_t n, size_t end) {
    size_t k;
    int row = zb__lex_prefix(&zb__lexicon, s + end, n - end, &k);
    return row >= 0 && zb__lex_find_kind(&zb__lexicon, row, ZB_LX_target) >= 0;
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
    /* 分别提高12%和22%: a list continues the previous quantity's predicate */
    if (role < 0 && c->list_cont && st->last_role >= 0)
        role = st->last_role;
    if (row >= 0) {
        /* a word may carry several roles (高于: gap); prefer the telling one */
        static const int order[] = {ZB_PR_to, ZB_PR_gap, ZB_PR_fall, ZB_PR_rise, ZB_PR_relief,
                                    ZB_PR_from, ZB_PR_rank, ZB_PR_reach, ZB_PR_act,
                                    ZB_PR_base, ZB_PR_dist};
        for (size_t i = 0; i < sizeof order / sizeof *order; i++)
            if (pred_role(row, order[i])) {
                role = order[i];
                break;
            }
    }
    /* a rise or fall with a noun between it and the number is not its change */
    if ((role == ZB_PR_rise || role == ZB_PR_fall) && row >= 0 &&
        !only_auxiliaries(s, pend, q->before_start))
        role = ZB_PR_reach;
    int rise = role == ZB_PR_rise, fall = role == ZB_PR_fall;
    /* look back only to the previous figure: a list inherits from its head, and
     * each figure scanning its whole clause would be quadratic in a long list */
    int growth_head = q->kind == ZB_QTY_PERCENT &&
                      has_lexicon_word(s, lo, q->before_start, ZB_LX_growth);
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

int zb__attribute(const zb_mem *m, const zb_para *p, zb_vec *out) {
    if (!p->nq)
        return ZB_OK;
    zb_qctx *ctx = zb__alloc(m, p->nq * sizeof *ctx);
    if (!ctx)
        return ZB_ENOMEM;
    zb__contexts(p, ctx);
    zb_metric_state st;
    memset(&st, 0, sizeof st);
    st.last_role = -1;
    for (size_t qi = 0; qi < p->nq; qi++) {
        const zb_qty *q = &p->q[qi];
        if (!zb__indicator_candidate(q))
            continue;
        const zb_qctx *c = &ctx[qi];
        zb_attr *a = zb__vec_push(m, out);
        if (!a) {
            zb__free(m, ctx);
            return ZB_ENOMEM;
        }
        a->qi = qi;
        a->sent = c->sent;
        a->year_rel = p->plan ? 0 : -1;
        a->kind = p->plan ? ZB_KIND_TARGET : ZB_KIND_ACHIEVED;
        a->year = c->year;
        zb_measure before = st.last_measure;
        int had_metric = st.last[0] && st.last_sent == c->sent;
        measure_and_sign(p, c, q, &st, a);
        if (!p->plan && target_follows(p->s, p->n, q->end) && had_metric) {
            /* 增长8.1%，高于年初提出的6%以上的预期目标: the target of the same metric */
            a->kind = ZB_KIND_TARGET;
            a->kind_fixed = 1;
            a->measure = before;
            st.last_measure = before;
            snprintf(a->metric, sizeof a->metric, "%s", st.last);
        } else {
            if (!p->plan && target_follows(p->s, p->n, q->end)) {
                a->kind = ZB_KIND_TARGET;
                a->kind_fixed = 1;
            }
            zb__metric_for(p, ctx, qi, &st, a->metric, sizeof a->metric);
        }
        a->metric_id = zb__quantity_metric_id(a->metric, q->kind, &a->metric_sector);
        if (p->section_sector >= 0)
            a->sector = p->section_sector;
        else if (a->metric_sector >= 0)
            a->sector = a->metric_sector;
        else if (p->before_first_heading && p->passage_sector >= 0)
            a->sector = p->passage_sector;
        else
            a->sector = ZB_SECTOR_ECONOMY;
    }
    zb__free(m, ctx);
    return ZB_OK;
}
