/*
 * Stage 5, qualitative: goals and results stated without a number
 * (INDICATORS.md §2b) — 居民收入增长与经济增长同步, 单位地区生产总值能耗继续下降,
 * 固定资产投资实现正增长, 确保完成国家下达的主要污染物减排目标. The phrases are the
 * lexicon's role qual (its value: the measure), or a goal measured against
 * another quantity (than … than_end: 增速高于地区生产总值增速). A phrase makes a
 * row when its clause holds no figure and the goal belongs to a statement of
 * goals or results: its sentence holds figures too, or it is in a list of this
 * year's main targets, or its metric is in the catalog, or it is a sentence of
 * its own after one of figures (…，物价总体平稳。国际收支基本平衡。). The metric is the
 * clause before the phrase; a clause that is only the phrase takes the metric
 * of the figure before it (…增长8.1%，与经济增长基本同步), else the words after
 * it (完成国家下达的主要污染物减排目标). A list of metrics (能耗和二氧化碳排放) gives one row each,
 * all on the same words; a list closed by 等 (…等指标) stays one.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "attribute.h"
#include "chars.h"
#include "marker.h"
#include "tables.h"

static int ends_clause(uint32_t cp) {
    return zb__is_clause_punct(cp) && cp != 0x3001; /* 、 separates items, not clauses */
}

/* Is there a measuring figure in s[lo..hi)? */
static int has_figure(const zb_para *p, size_t lo, size_t hi) {
    return zb__figure_in(p->q, p->nq, lo, hi) >= 0;
}

#define THAN_CHARS 16 /* at most, between a than word and its than_end: 地区生产总值 */

/* A goal measured against another quantity at s[i] (高于|地区生产总值|增速,
 * 保持在|全国|平均水平以上): a than word (k bytes), one to THAN_CHARS
 * ideographs and a than_end word, which ends the clause s[..hi) or an item of
 * it (增速高于经济增速、高于全国平均水平). Its length, or 0. */
static size_t than_at(const char *s, size_t i, size_t k, size_t hi) {
    size_t e = i + k, m;
    for (int chars = 0; e < hi && zb__is_ideograph_lead((unsigned char)s[e]); e += 3)
        if (++chars > THAN_CHARS + 6) /* and the than_end word's */
            return 0;
    size_t rest = e;
    while (rest < hi && s[rest] == ' ')
        rest++;
    if (rest < hi && !zb__starts(s, hi, rest, "、"))
        return 0;
    int end = zb__lex_find_kind(&zb__lexicon, zb__lex_suffix(&zb__lexicon, s, i + k, e, &m),
                                ZB_LX_than_end);
    if (end < 0 || e - m <= i + k || (e - m - (i + k)) / 3 > THAN_CHARS)
        return 0;
    return e - i;
}

/* The first qual phrase in s[lo..hi), or goal measured against another
 * quantity (than_at): its start, length and lexicon row (whose value is the
 * measure). One look-up a character, none where no word of either kind starts. */
static int find_phrase(const char *s, size_t lo, size_t hi, size_t *at, size_t *len) {
    for (size_t i = lo; i < hi; i += zb__utf8_len((unsigned char)s[i])) {
        const unsigned char *u = (const unsigned char *)s + i;
        /* a kind the filter turns away has no row at this word either */
        if (!zb__lex_may_start_kinds(&zb__lexicon, 1u << ZB_LX_qual | 1u << ZB_LX_than, u, hi - i))
            continue;
        size_t k;
        int word = zb__lex_prefix_walk(&zb__lexicon, s + i, hi - i, &k);
        int q = zb__lex_find_kind(&zb__lexicon, word, ZB_LX_qual);
        if (q < 0 && (q = zb__lex_find_kind(&zb__lexicon, word, ZB_LX_than)) >= 0 &&
            (k = than_at(s, i, k, hi)) == 0)
            q = -1;
        if (q >= 0) {
            *at = i;
            *len = k;
            return q;
        }
    }
    return -1;
}

/* The last 与, 和 or 同 in s[lo..hi) that opens the partner of a 同步, or lo. */
static size_t partner_at(const char *s, size_t lo, size_t hi) {
    static const char *const with[] = {"与", "和", "同"};
    for (size_t i = hi; i > lo;) {
        i = zb__prev_char(s, i);
        for (size_t w = 0; w < sizeof with / sizeof *with; w++)
            if (zb__starts(s, hi, i, with[w]) && !zb__inside_word(s, hi, i, 3))
                return i;
    }
    return lo;
}

/* Words of commitment at the start of s[lo..hi) (确保完成…): skip them, and
 * say which. */
static size_t skip_cues(const char *s, size_t lo, size_t hi, zb_commitment *c) {
    for (;;) {
        while (lo < hi && s[lo] == ' ')
            lo++;
        size_t k;
        int row = zb__lex_prefix(&zb__lexicon, s + lo, hi - lo, &k);
        if (zb__lex_has(row, ZB_LX_ensure))
            *c = ZB_COMMIT_ENSURE;
        else if (zb__lex_has(row, ZB_LX_strive) && *c != ZB_COMMIT_ENSURE)
            *c = ZB_COMMIT_STRIVE;
        else
            return lo;
        lo += k;
    }
}

/* The metric of the last figure of sentence si before `pos`, or NULL. */
static const char *metric_before(const zb_vec *out, size_t first, const zb_para *p, size_t si,
                                 size_t pos) {
    const char *m = NULL;
    for (size_t i = first; i < out->len; i++) {
        const zb_attr *a = ZB_VEC_AT(*out, zb_attr, i);
        if (a->qi != SIZE_MAX && a->sent == si && p->q[a->qi].start < pos && a->metric[0])
            m = a->metric;
    }
    return m;
}

#define MORE_BYTES 192 /* a goal after 、: its phrase and object (高于城镇居民收入增速) */

typedef struct found {
    size_t start, end; /* the goal's words */
    size_t sent;
    int measure;
    zb_commitment commitment;
    char metric[8][128];
    int nmetrics;
    /* a second goal of the same metrics after 、 (…增速高于全国平均水平、高于
     * 城镇居民收入增速): its words, or more_start 0 */
    size_t more_start, more_end;
    int more_measure;
} found;

static void fill(const zb_para *p, const found *f, int k, size_t cs, size_t ce, zb_attr *a) {
    memset(a, 0, sizeof *a);
    a->qi = SIZE_MAX;
    a->sent = f->sent;
    a->qual_start = f->start;
    a->qual_end = f->end;
    a->value = a->value_high = a->base_value = NAN;
    a->cmp = ZB_CMP_EQ;
    a->measure = (zb_measure)f->measure;
    int plan = p->plan || f->sent >= p->plan_from;
    a->year_rel = plan ? 0 : -1;
    a->kind = plan ? ZB_KIND_TARGET : ZB_KIND_ACHIEVED;
    a->period = ZB_PERIOD_YEAR;
    a->commitment = f->commitment;
    zb__phrase_copy(a->metric, sizeof a->metric, f->metric[k]);
    /* whose goal (山区26县…): the entity rule sees the clause as a figure's */
    zb_qctx c;
    memset(&c, 0, sizeof c);
    c.sent = f->sent;
    c.sent_start = p->sent[f->sent].start;
    c.sent_end = p->sent[f->sent].end;
    c.clause_start = c.prev_clause_start = c.item_start = c.prev_end = cs;
    c.clause_end = ce;
    c.prev_q = c.next_start = -1;
    c.dist_at = SIZE_MAX;
    c.lead_row = -1;
    zb__entity(p, &c, a);
    a->metric_id = zb__metric_id(a->metric, &a->metric_sector);
    if (f->sent >= p->goals_from) /* a list of main targets: the metric's sector */
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

/* The last year written (YYYY年) in s[lo..at), or 0. */
static int last_year_before(const char *s, size_t lo, size_t at) {
    for (size_t j = at; j >= lo + 7; j--)
        if (zb__starts(s, at, j - 3, "年")) {
            int y = zb__year_in(s + j - 7, 7);
            if (y)
                return y;
        }
    return 0;
}

#define YEAR_LOOKBACK 4096 /* bytes: a list of main targets is shorter */

/* Is the time at s[at], in a list of main targets, the report year's (or not
 * named)? The last year written before it in the list counts (到2030年，…；…
 * 差距进一步缩小). */
static int of_one_year(const zb_para *p, size_t at) {
    if (!p->scope)
        return 1;
    zb_years y = zb__scope_at(p->scope, at);
    int ry = p->scope->report_year;
    size_t lo = p->sent[p->goals_from].start;
    if (at > lo + YEAR_LOOKBACK)
        lo = at - YEAR_LOOKBACK;
    int written = last_year_before(p->s, lo, at);
    if (written && written != ry)
        return 0;
    return y.kind == ZB_YEARS_NONE ||
           (y.kind == ZB_YEARS_ONE && (y.from ? y.from == ry : y.from_rel == 0));
}

/* Is the clause s[cs..ce) a sentence of its own, after a sentence of figures
 * in its paragraph (居民消费价格上涨0.9%，物价总体平稳。国际收支基本平衡。)? Then it
 * goes on with the statement of results or goals. */
static int lone_after_figures(const zb_para *p, size_t si, size_t cs, size_t ce) {
    int level;
    size_t mlen;
    /* not the title of an item (五是民生福祉持续改善。) */
    if (si == 0 || cs != p->sent[si].start || zb__trim_end(p->s + ce, p->sent[si].end - ce) ||
        zb__heading_marker(p->s + cs, ce - cs, &level, &mlen))
        return 0;
    return has_figure(p, p->sent[si - 1].start, p->sent[si - 1].end);
}

/* s[lo..hi) without the words 目标 and 任务 at its end (…减排目标任务). */
static size_t before_goal_word(const char *s, size_t lo, size_t hi) {
    while (hi >= lo + 6 && (zb__starts(s, hi, hi - 6, "目标") || zb__starts(s, hi, hi - 6, "任务")))
        hi -= 6;
    return hi;
}

/* The goal of clause s[cs..ce) of sentence si, if it states one. */
static int goal_of(const zb_para *p, const zb_vec *out, size_t first, size_t si, size_t cs,
                   size_t ce, found *f) {
    const char *s = p->s;
    size_t at, len;
    int row = find_phrase(s, cs, ce, &at, &len);
    if (row < 0)
        return 0;
    /* 以PM2.5浓度持续下降为主线: the frame of the work, not a goal */
    size_t open = cs;
    while (open < at && s[open] == ' ')
        open++;
    if (zb__starts(s, at, open, "以") && !zb__starts(s, at, open, "以及") &&
        zb__starts(s, ce, at + len, "为"))
        return 0;
    memset(f, 0, sizeof *f);
    f->sent = si;
    f->start = at;
    f->end = ce;
    while (f->end > at && (s[f->end - 1] == ' '))
        f->end--;
    f->measure = zb__name_value(&zb__measure_names, zb__lexicon.rows[row].text);
    if (f->measure < 0)
        f->measure = ZB_MEASURE_LEVEL;
    for (size_t j = at + len; j + 3 < f->end; j += zb__utf8_len((unsigned char)s[j])) {
        size_t at2, len2;
        int row2;
        /* the next goal starts right after the 、: a bounded look, so that a
         * clause of many 、 costs no more than its length */
        size_t window = f->end - (j + 3) < MORE_BYTES ? f->end : j + 3 + MORE_BYTES;
        if (zb__starts(s, f->end, j, "、") &&
            (row2 = find_phrase(s, j + 3, window, &at2, &len2)) >= 0 && at2 == j + 3) {
            f->more_start = at2;
            f->more_end = f->end;
            f->more_measure = zb__name_value(&zb__measure_names, zb__lexicon.rows[row2].text);
            if (f->more_measure < 0)
                f->more_measure = ZB_MEASURE_LEVEL;
            f->end = j;
            break;
        }
    }
    f->commitment = ZB_COMMIT_PLAIN;
    size_t lo = cs, was;
    do { /* 确保 is a leading word too: read it as a cue first */
        was = lo;
        lo = zb__strip_leading(s, skip_cues(s, lo, at, &f->commitment), at);
    } while (lo != was);
    size_t hi = lo < at ? zb__before_streak(p, lo, zb__strip_trailing(s, lo, at)) : lo;
    /* 能耗强度目标放在“十四五”规划期内(统筹考核): when the goal holds, and the
     * word 目标, are no part of the metric */
    if (hi > lo + 6 && (zb__starts(s, hi, hi - 6, "期内") || zb__starts(s, hi, hi - 6, "期间"))) {
        size_t in = hi;
        while (in >= lo + 3 && !zb__starts(s, hi, in - 3, "在"))
            in = zb__prev_char(s, in);
        if (in > lo + 3 && zb__starts(s, hi, in - 3, "在")) {
            hi = in - 3;
            if (hi >= lo + 3 && zb__starts(s, hi, hi - 3, "放"))
                hi -= 3;
            hi = before_goal_word(s, lo, hi);
            hi = zb__strip_trailing(s, lo, hi);
        }
    }
    /* 居民人均可支配收入增长与地区生产总值增长基本同步: what keeps pace with
     * what; the partner after 与 is part of the goal, not a second metric */
    if (hi > lo && (zb__starts(s, f->end, at, "同步") || zb__starts(s, f->end, at, "基本同步"))) {
        size_t with = partner_at(s, lo, hi);
        if (with > lo) {
            f->start = with;
            hi = zb__strip_trailing(s, lo, with);
        }
    }
    /* 居民人均可支配收入增长:与经济增长同步, a label line of a digest or a
     * table's row: the label before the colon names the goal */
    if (hi <= lo && cs > p->sent[si].start && s[cs - 1] == ':') {
        size_t b = cs - 1, a = b;
        while (a > p->sent[si].start) {
            size_t pc = zb__prev_char(s, a);
            uint32_t cp = zb__cp_at(s, b, pc, NULL);
            if (zb__is_clause_punct(cp) || zb__is_final_punct(cp))
                break;
            a = pc;
        }
        lo = zb__strip_leading(s, a, b);
        hi = zb__strip_trailing(s, lo, b);
    }
    if (hi > lo) {
        int etc = hi >= lo + 3 && zb__starts(s, hi, hi - 3, "等") ? 1 : 0;
        int etc_words = zb__has_bytes(s + lo, hi - lo, "等");
        f->nmetrics = etc || etc_words ? 0 : zb__metric_list(s, lo, hi, f->metric);
        if (!f->nmetrics) {
            zb__phrase_append(f->metric[0], sizeof f->metric[0], s, lo, hi);
            f->nmetrics = 1;
        }
    } else {
        /* 完成国家下达的主要污染物减排目标: the words after the phrase name it */
        size_t a = at + len, b = f->end;
        if (zb__starts(s, b, a, "的"))
            a += 3;
        b = before_goal_word(s, a, b);
        /* …二氧化碳排放降低(目标): the way the goal goes is no part of its metric;
         * a list (粮食生产、单位生产总值二氧化碳减排目标任务) is one goal each */
        if (b > a)
            b = zb__strip_trailing(s, a, b);
        f->nmetrics = b > a ? zb__metric_list(s, a, b, f->metric) : 0;
        if (!f->nmetrics)
            zb__phrase_append(f->metric[0], sizeof f->metric[0], s, a, b);
        /* …增长8.1%，与经济增长基本同步: else the figure's before it */
        const char *m = f->metric[0][0] ? NULL : metric_before(out, first, p, si, cs);
        if (m)
            zb__phrase_copy(f->metric[0], sizeof f->metric[0], m);
        if (!f->nmetrics)
            f->nmetrics = f->metric[0][0] ? 1 : 0;
    }
    if (!f->nmetrics)
        return 0;
    /* a goal of a statement of goals or results, not a phrase in passing: its
     * sentence has figures, or is in a list of this year's main targets (not
     * of a span of years: 到2030年…差距进一步缩小), or its metric is in the
     * catalog, or it is a sentence of its own after one of figures */
    int sector;
    return has_figure(p, p->sent[si].start, p->sent[si].end) ||
           (si >= p->goals_from && of_one_year(p, at)) || *zb__metric_id(f->metric[0], &sector) ||
           lone_after_figures(p, si, cs, ce);
}

/* Move the rows out[first..] into text order (figures by their start, goals by
 * their words); they are few per paragraph, so insertion sort. */
static size_t start_of(const zb_para *p, const zb_attr *a) {
    return a->qi == SIZE_MAX ? a->qual_start : p->q[a->qi].start;
}

static void order(const zb_para *p, zb_vec *out, size_t first) {
    zb_attr tmp;
    for (size_t i = first + 1; i < out->len; i++) {
        size_t j = i;
        memcpy(&tmp, ZB_VEC_AT(*out, zb_attr, i), sizeof tmp);
        size_t key = start_of(p, &tmp);
        while (j > first && start_of(p, ZB_VEC_AT(*out, zb_attr, j - 1)) > key) {
            memcpy(ZB_VEC_AT(*out, zb_attr, j), ZB_VEC_AT(*out, zb_attr, j - 1), sizeof tmp);
            j--;
        }
        memcpy(ZB_VEC_AT(*out, zb_attr, j), &tmp, sizeof tmp);
    }
}

/* One row per metric of goal f of clause s[cs..ce) onto out; ZB_ENOMEM. */
static int push_goal(const zb_mem *m, const zb_para *p, const found *f, size_t cs, size_t ce,
                     zb_vec *out, size_t *added) {
    for (int n = 0; n < f->nmetrics; n++) {
        zb_attr *a = zb__vec_push(m, out);
        if (!a)
            return ZB_ENOMEM;
        fill(p, f, n, cs, ce, a);
        ++*added;
    }
    return ZB_OK;
}

int zb__qualitative(const zb_mem *m, const zb_para *p, const zb_qctx *ctx, zb_vec *out,
                    size_t first) {
    ZB_UNUSED(ctx);
    const char *s = p->s;
    size_t added = 0;
    for (size_t si = 0; si < p->nsent; si++) {
        size_t cs = p->sent[si].start, end = p->sent[si].end;
        for (size_t i = cs; i <= end;) {
            /* an ideograph ends no clause */
            if (i < end && zb__is_ideograph_lead((unsigned char)s[i])) {
                i += 3;
                continue;
            }
            size_t k = 1;
            uint32_t cp = i < end ? zb__cp_at(s, p->n, i, &k) : 0;
            if (i < end && !ends_clause(cp) && !zb__is_final_punct(cp) && cp != 0x3002) {
                i += k;
                continue;
            }
            found f;
            if (i > cs && !has_figure(p, cs, i) && goal_of(p, out, first, si, cs, i, &f)) {
                if (push_goal(m, p, &f, cs, i, out, &added))
                    return ZB_ENOMEM;
                if (f.more_start) { /* the second goal, of the same metrics */
                    f.start = f.more_start;
                    f.end = f.more_end;
                    f.measure = f.more_measure;
                    if (push_goal(m, p, &f, cs, i, out, &added))
                        return ZB_ENOMEM;
                }
            }
            i += k;
            cs = i;
        }
    }
    if (added)
        order(p, out, first);
    return ZB_OK;
}
