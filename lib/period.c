/*
 * Stage 5, period: the span of years a figure covers (INDICATORS.md §4a).
 *
 * Two things decide it. The figure's own words, between the figure before it
 * and itself in its clause: 年均 (average), 累计 / 五年共 (cumulative, or a span
 * when it rises or falls), 五年下降 / 是五年前的 / 比2017年 (span), 由…提高到…
 * (start). And the time scope of the passage (stage 3: 过去五年, “十三五”时期,
 * 2022年是…), which gives the years — and, where it spans several, makes a
 * rise or fall a span and a new-built amount (新增, 建成) a total. A figure of
 * a several-year passage without such words is a level of its last year.
 */
#include <string.h>

#include "attribute.h"
#include "chars.h"
#include "numeral.h"
#include "tables.h"

/* What the words before a figure say. */
typedef struct own_words {
    int average, cumulative, span, flow;
    int none;        /* 每年, 年均浓度: one year's figure whatever the passage */
    int years;       /* N of 五年年均 / 五年累计 / 五年下降 / 五年来: 0 for none */
    int ago;         /* 是五年前的: N years before the last */
    int base_year;   /* 比2017年 / 较“十三五”末: the base of a change; 0 for none */
    int base_next;   /* … and the figure follows it at once (比2017年的…): its level */
    int year_written; /* a year dates this figure (从2017年的…) */
} own_words;

static int period_row(const char *s, size_t n, size_t i, int role, size_t *len) {
    size_t k;
    int row = zb__lex_prefix(&zb__periods, s + i, n - i, &k);
    row = row >= 0 ? zb__lex_find_kind(&zb__periods, row, role) : -1;
    *len = row >= 0 ? k : 0;
    return row;
}

/* A count of years written N年 at s[i] (五年, 10年), 2 to 50: N, else 0; the
 * end of 年 in *after. Streaks (连续10年) and ordinals (第3年) are no span. */
static int count_of_years(const char *s, size_t n, size_t i, size_t *after) {
    size_t j = i, k;
    int v, digits = 0;
    while (j < n && digits < 3) {
        if (zb__is_digit(s[j]))
            k = 1;
        else if (!zb__is_cn_digit(s + j, n - j, &k, &v) && !zb__starts(s, n, j, "十"))
            break;
        else if (zb__starts(s, n, j, "十"))
            k = 3;
        j += k;
        digits++;
    }
    if (!digits || !zb__starts(s, n, j, "年"))
        return 0;
    zb_number num;
    int ok = zb__is_digit(s[i]) ? zb__arabic(s + i, j - i, &num)
                                : zb__chinese(s + i, j - i, &num);
    if (!ok || num.len != j - i || num.value < 2 || num.value > 50)
        return 0;
    if ((i >= 6 && !memcmp(s + i - 6, "连续", 6)) || (i >= 3 && !memcmp(s + i - 3, "第", 3)))
        return 0;
    *after = j + 3;
    return (int)num.value;
}

/* The year a YEAR quantity names (its first four digits), 0 for none. */
static int written_year(const char *s, const zb_qty *q) {
    int y = 0;
    for (size_t i = q->start; i < q->start + 4 && i < q->end; i++) {
        if (!zb__is_digit(s[i]))
            return 0;
        y = y * 10 + (s[i] - '0');
    }
    return y;
}

static int ends_with(const char *s, size_t at, const char *w) {
    size_t k = strlen(w);
    return at >= k && memcmp(s + at - k, w, k) == 0;
}

static int base_word_before(const char *s, size_t at) {
    return ends_with(s, at, "比") || ends_with(s, at, "较") || ends_with(s, at, "同");
}

/* Read s[lo..hi), the words between the previous figure of the clause and
 * this one. Linear: each clause's words are read once, figure by figure. */
static void read_own_words(const zb_para *p, size_t qi, size_t lo, size_t hi, own_words *w) {
    const char *s = p->s;
    memset(w, 0, sizeof *w);
    for (size_t i = lo; i < hi;) {
        size_t k = 0, after;
        unsigned char c = (unsigned char)s[i];
        int years = c < 0x80 && !zb__is_digit((char)c) ? 0 : count_of_years(s, hi, i, &after);
        /* not the end of a longer number (PM2.5年平均浓度) */
        if (years && (i == 0 || !(zb__is_digit(s[i - 1]) || s[i - 1] == '.' ||
                                  zb__is_ascii_letter(s[i - 1])))) {
            /* a count of years tells only when a period word or the change
             * follows it: 五年前的, 五年共, 两年平均, 五年来, 五年年均, 五年下降 — not
             * 十年禁渔 */
            size_t k2;
            int next = zb__lex_prefix(&zb__periods, s + after, hi - after, &k2);
            int pred = zb__lex_prefix(&zb__predicates, s + after, hi - after, &k2);
            if (zb__starts(s, hi, after, "前"))
                w->ago = years;
            else if (zb__starts(s, hi, after, "共"))
                w->cumulative = 1;
            else if (zb__starts(s, hi, after, "平均"))
                w->average = 1;
            if (w->ago || w->cumulative || w->average || zb__starts(s, hi, after, "来") ||
                zb__starts(s, hi, after, "以来") || zb__starts(s, hi, after, "间") ||
                zb__row_has(&zb__periods, next, ZB_PW_average) ||
                zb__row_has(&zb__periods, next, ZB_PW_cumulative) ||
                zb__pred_has(pred, ZB_PR_rise) || zb__pred_has(pred, ZB_PR_fall))
                w->years = years;
            i = after;
            continue;
        }
        if (c >= 0xE4) {
            size_t k2;
            int row = zb__lex_prefix(&zb__periods, s + i, hi - i, &k);
            if (row >= 0) {
                if (zb__lex_find_kind(&zb__periods, row, ZB_PW_none) >= 0)
                    w->none = 1; /* 年均浓度: one year's level */
                else if (zb__lex_find_kind(&zb__periods, row, ZB_PW_average) >= 0)
                    w->average = 1;
                else if (zb__lex_find_kind(&zb__periods, row, ZB_PW_cumulative) >= 0)
                    w->cumulative = 1;
                else if (zb__lex_find_kind(&zb__periods, row, ZB_PW_span) >= 0)
                    w->span = 1;
                else if (zb__lex_find_kind(&zb__periods, row, ZB_PW_flow) >= 0)
                    w->flow = 1;
                else if (zb__lex_find_kind(&zb__periods, row, ZB_PW_plan) >= 0) {
                    /* 较“十三五”末: the plan's last year is the base */
                    size_t j = i + k, q;
                    while (j < hi && zb__is_quote_mark(zb__cp_at(s, hi, j, &q)))
                        j += q;
                    if (period_row(s, hi, j, ZB_PW_end, &k2) >= 0) {
                        w->base_year = (int)zb__periods.rows[row].number + 4;
                        w->base_next = zb__starts(s, hi, j + k2, "的") && j + k2 + 3 >= hi;
                        k = j + k2 - i;
                    }
                }
                i += k;
                continue;
            }
        }
        i += zb__utf8_len(c);
    }
    /* years written among the words: 比2017年 (a base), 从2017年的 (this figure's) */
    for (size_t j = qi; j-- > 0 && p->q[j].start >= lo;) {
        const zb_qty *y = &p->q[j];
        if (y->kind != ZB_QTY_YEAR || y->end > hi)
            continue;
        if (base_word_before(s, y->start)) {
            w->base_year = written_year(s, y);
            size_t e = y->end;
            w->base_next = e == hi || (zb__starts(s, hi, e, "的") && e + 3 == hi);
        } else if (ends_with(s, y->start, "从") || ends_with(s, y->start, "由")) {
            w->year_written = 1;
        }
    }
}

/* Does a `to` word (提高到, 调整为) stand in the words after a figure, before
 * the next, so that it is the first value of a from–to pair? */
static int pair_follows(const char *s, size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; i += zb__utf8_len((unsigned char)s[i])) {
        size_t k;
        if (zb__pred_has(zb__lex_prefix(&zb__predicates, s + i, hi - i, &k), ZB_PR_to) ||
            zb__row_has(&zb__periods, zb__lex_prefix(&zb__periods, s + i, hi - i, &k),
                        ZB_PW_pairto))
            return 1;
    }
    return 0;
}

/* An outcome verb after the counted thing, before the next figure (…贫困县全部摘帽)? */
static int result_follows(const char *s, size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; i += zb__utf8_len((unsigned char)s[i])) {
        size_t k;
        if (zb__row_has(&zb__periods, zb__lex_prefix(&zb__periods, s + i, hi - i, &k),
                        ZB_PW_result))
            return 1;
    }
    return 0;
}

static void set_from(zb_attr *a, int abs, int rel, int has_rel) {
    a->year_from = abs;
    a->year_from_rel = rel;
    a->has_from_rel = !abs && has_rel;
}

void zb__period(const zb_para *p, const zb_qctx *ctx, size_t qi, zb_metric_state *st,
                zb_attr *a) {
    const zb_qctx *c = &ctx[qi];
    const zb_qty *q = &p->q[qi];
    const char *s = p->s;
    size_t lo = c->prev_end > c->clause_start ? c->prev_end : c->clause_start;
    size_t hi = q->before_start > lo ? q->before_start : lo;
    own_words w;
    read_own_words(p, qi, lo, hi, &w);
    zb_years y = p->scope ? zb__scope_at(p->scope, q->start) : (zb_years){0, 0, 0, 0, 0};
    /* 2021年以来 in a 2022 report is one year */
    int ry = p->scope ? p->scope->report_year : 0;
    int multi = y.kind == ZB_YEARS_MULTI && !(ry && y.from && !y.to && y.from >= ry - 1);
    int role = st->last_role;
    int moves = (role == ZB_PR_rise || role == ZB_PR_fall || q->kind == ZB_QTY_MULTIPLE) &&
                (a->measure == ZB_MEASURE_GROWTH || a->measure == ZB_MEASURE_CHANGE);
    int prev_same = c->prev_q >= 0 && st->period_q == (size_t)c->prev_q;
    a->period = ZB_PERIOD_YEAR;

    /* the last year: written, the scope's, else the part's (relative) */
    int end = c->year, end_rel = a->year_rel;
    if (!end && multi && y.to)
        end = y.to;
    else if (!end && multi)
        end_rel = y.to_rel;
    /* the first: N years back from the last, else the scope's first */
    int from = 0, from_rel = 0, has_rel = 0;
    int n_years = w.ago ? w.ago : w.years;
    if (n_years) {
        from = end ? end - n_years + 1 : 0;
        from_rel = end_rel - n_years + 1;
        has_rel = 1;
    } else if (multi) {
        from = y.from;
        from_rel = y.from_rel;
        has_rel = !y.from;
    }

    /* the terms of a ratio (由9.0∶43.5∶47.5调整为…) are a start together */
    size_t last = q->ratio_count ? qi + (size_t)(q->ratio_count - q->ratio_index) : qi;
    if (last >= p->nq)
        last = qi;
    if (role == ZB_PR_from && ctx[last].next_start >= 0 &&
        pair_follows(s, p->q[last].end, (size_t)ctx[last].next_start)) {
        /* 由1.97万亿元增加到…: the level at the start, dated only when written */
        a->period = ZB_PERIOD_START;
        if (!w.year_written)
            a->year_none = 1;
    } else if (w.average) {
        a->period = ZB_PERIOD_AVERAGE;
    } else if (w.cumulative) {
        /* 五年累计下降14.5% is a change over the years, not a total */
        a->period = moves ? ZB_PERIOD_SPAN : ZB_PERIOD_CUMULATIVE;
    } else if (w.span || w.ago || (w.years && moves)) {
        a->period = ZB_PERIOD_SPAN;
    } else if (w.base_year && w.base_next && !moves) {
        a->year = w.base_year; /* 较“十三五”末的9323.1亿元: the base's own level */
    } else if (w.base_year && moves &&
               !(end && end - w.base_year < 2) &&
               !(!end && ry && ry + end_rel - w.base_year < 2)) {
        a->period = ZB_PERIOD_SPAN; /* 比2017年下降28.6% */
        from = w.base_year + 1;
        has_rel = 0;
    } else if ((c->list_cont || a->measure == ZB_MEASURE_GAP) && prev_same &&
               st->period != ZB_PERIOD_START) {
        /* a list goes on (年均分别增长6.3%、8.2%), a gap is the previous figure's
         * (年均增长5.7%、高于全国0.3个百分点) */
        a->period = st->period;
        from = st->period_from;
        from_rel = st->period_from_rel;
        has_rel = st->period_has_rel;
    } else if (w.none) {
        ; /* 每年新增就业40万人以上: it holds in each year */
    } else if (multi && moves) {
        a->period = ZB_PERIOD_SPAN; /* 过去五年，…分别净减少10.6万公顷 */
    } else if (multi && a->measure == ZB_MEASURE_LEVEL &&
               (w.flow || result_follows(s, q->end, c->next_start >= 0 ? (size_t)c->next_start
                                                                       : c->clause_end))) {
        /* 五年来…新建改建农村公路4.6万公里; 十年来…1.4亿农村人口落户; …37个贫困县全部摘帽 */
        a->period = ZB_PERIOD_CUMULATIVE;
    }

    if (a->period != ZB_PERIOD_YEAR && a->period != ZB_PERIOD_START) {
        if (from)
            set_from(a, from, 0, 0);
        else
            set_from(a, 0, from_rel, has_rel);
    }
    /* a figure of a several-year passage belongs to its last year */
    if (multi && !c->year && a->period != ZB_PERIOD_START && !(w.base_year && w.base_next)) {
        if (y.to) {
            /* a plan period begun and still running (“十四五”期间 in a 2025
             * report): in the review its totals so far and one year's figures
             * are results of the part's year; a rate over it cannot be met
             * before it ends, and one yet to begin (今后五年) is the plan's */
            int running = ry && y.to >= ry && (y.from ? y.from < ry : y.from_rel < 0) &&
                          (a->period == ZB_PERIOD_YEAR || a->period == ZB_PERIOD_CUMULATIVE);
            if (!(a->kind == ZB_KIND_ACHIEVED && !a->kind_fixed && running))
                a->year = y.to;
        } else if (!a->kind_fixed) {
            a->year_rel = y.to_rel;
            if (y.to_rel < 0)
                a->kind = ZB_KIND_ACHIEVED;
            else if (!y.from && y.from_rel >= 0)
                a->kind = ZB_KIND_TARGET; /* 今后五年: years to come */
        }
    }
    st->period = a->period;
    st->period_q = qi;
    st->period_from = a->year_from;
    st->period_from_rel = a->year_from_rel;
    st->period_has_rel = a->has_from_rel;
}
