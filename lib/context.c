/*
 * Stage 5, context: where each quantity of a paragraph stands — its sentence,
 * clause and list item, the figure before and after it, a 分别 that spreads
 * over it, and a year written earlier in the sentence.
 *
 * One forward pass; every later look-up stays inside the clause between the
 * previous quantity and this one, so the work is linear in the paragraph.
 */
#include <string.h>

#include "attribute.h"
#include "chars.h"
#include "numeral.h"
#include "tables.h"

/* 生产总值增长:5.5%左右, 研发投入强度:达到3.2%: a colon between a label and
 * its figure (a digest's list) is no clause break. The figure q starts right
 * after the colon at `at`, or after one predicate word; the clause before
 * holds no figure of its own. */
static int label_colon(const char *s, size_t at, const zb_qty *q, int clause_figures) {
    if (clause_figures || q->before_start <= at || !zb__indicator_candidate(q))
        return 0;
    size_t from = at + 1, k = 0;
    if (q->before_start > from && zb__lex_prefix(&zb__predicates, s + from, q->before_start - from, &k) < 0)
        return 0;
    return from + k == q->before_start;
}

/* Is s[lo..hi) only list conjunctions and spaces (和 、 及 与 或)? */
static int only_conjunction(const char *s, size_t lo, size_t hi) {
    static const char *const conj[] = {"和", "、", "及", "与", "或", "以及", " ", ","};
    size_t i = lo;
    while (i < hi) {
        size_t j = i;
        for (size_t c = 0; c < sizeof conj / sizeof *conj; c++)
            if (zb__starts(s, hi, i, conj[c])) {
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

/* Where the bracket open at s[at] closes (SIZE_MAX when none is open
 * between lo and at, or none closes before end): a year in it dates only
 * what the bracket holds (…支出(扣除2022年灾后重建支出外)增长3%以上). */
static size_t open_bracket_end(const char *s, size_t lo, size_t at, size_t end) {
    int depth = 0;
    /* a bracket's words are short: look no further, so a clause of many years
     * costs no more than its length */
    if (at - lo > 96)
        lo = at - 96;
    if (end - at > 192)
        end = at + 192;
    for (size_t i = lo; i < at; i++)
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && depth)
            depth--;
    if (!depth)
        return SIZE_MAX;
    for (size_t i = at; i < end; i++)
        if (s[i] == ')' && !--depth)
            return i;
    return SIZE_MAX;
}

/* A word at the start of a clause that dates the rest of its sentence: 今年
 * (the report year: a target), 去年 / 过去一年 (the year before: a result),
 * also after a word of commitment (力争今年…). Returns 1 with *rel. */
static int clause_cue(const char *s, size_t i, size_t end, int *rel) {
    while (i < end && s[i] == ' ')
        i++;
    i = zb__after_report_frame(s, end, i); /* 政府工作报告提出今年… */
    for (int words = 0; words < 2 && i < end; words++) {
        size_t k;
        int row = zb__lex_prefix(&zb__lexicon, s + i, end - i, &k);
        if (zb__lex_has(row, ZB_LX_now) || zb__lex_has(row, ZB_LX_past)) {
            *rel = zb__lex_has(row, ZB_LX_now) ? 0 : -1;
            return 1;
        }
        if (!zb__lex_has(row, ZB_LX_strive) && !zb__lex_has(row, ZB_LX_ensure))
            return 0;
        i += k;
    }
    return 0;
}

/* The lexicon row of a word that opens a clause and governs the rest of the
 * sentence (力争, 确保, 初步核算; also after 今年), or -1. */
static int clause_lead(const char *s, size_t i, size_t end) {
    while (i < end && s[i] == ' ')
        i++;
    size_t k;
    int row = zb__lex_prefix(&zb__lexicon, s + i, end - i, &k);
    if (zb__lex_has(row, ZB_LX_now))
        row = zb__lex_prefix(&zb__lexicon, s + i + k, end - i - k, &k);
    return zb__lex_has(row, ZB_LX_strive) || zb__lex_has(row, ZB_LX_ensure) ||
                   zb__lex_has(row, ZB_LX_estimate)
               ? row
               : -1;
}

/* Does s[lo..hi) hold a list separator outside brackets (、 和 及 与), or a
 * compound that spreads over two metrics (城乡)? */
static int lists_items(const char *s, size_t lo, size_t hi) {
    static const char *const seps[] = {"、", "和", "及", "与"};
    int depth = 0;
    for (size_t i = lo, k; i < hi; i += k) {
        uint32_t cp = zb__cp_at(s, hi, i, &k);
        if (cp == '(' || cp == 0x201C)
            depth++;
        else if ((cp == ')' || cp == 0x201D) && depth)
            depth--;
        else if (!depth && i > lo)
            for (size_t j = 0; j < sizeof seps / sizeof *seps; j++)
                if (zb__starts(s, hi, i, seps[j]) && !zb__inside_word(s, hi, i, 3))
                    return 1;
    }
    return zb__lex_any(&zb__lexicon, s + lo, hi - lo, ZB_LX_split);
}

/* 每千人床位数、执业医师数增至7.83张、3.57个; 城乡居民人均收入年均增长5.3%、7.7%:
 * a clause without 分别 whose list of figures of one kind follows a single
 * predicate, after a subject that lists items, spreads them as 分别 would. The
 * figures are marked only; zb__distribute() takes them when the items are as
 * many as the figures (or a compound splits into as many) and else leaves them. */
static void implicit_list(const zb_para *p, zb_qctx *ctx, size_t first, size_t last,
                          size_t clause_start) {
    const char *s = p->s;
    size_t a = SIZE_MAX;
    int n = 0;
    for (size_t b = first; b < last; b++) {
        const zb_qty *q = &p->q[b];
        if (!zb__indicator_candidate(q))
            continue;
        /* …收入达到23292元和7750元、分别增长8.8%和10%: the list before 分别 */
        if (ctx[b].dist_at != SIZE_MAX && a != SIZE_MAX) {
            last = b;
            break;
        }
        if (ctx[b].dist_at != SIZE_MAX || q->ratio_count)
            return;
        if (a == SIZE_MAX)
            a = b;
        else if (!ctx[b].list_cont || q->kind != p->q[a].kind)
            return;
        n++;
    }
    if (n < 2 || n > 8)
        return;
    const zb_qty *q = &p->q[a];
    size_t k;
    int row = zb__lex_suffix(&zb__predicates, s, clause_start, q->before_start, &k);
    /* …收入完成29092元、17191元 (a tally), or nothing at all (…收入29092元、
     * 17191元): the figures follow the subject as they would a predicate; not
     * a comparator's (进出口总额接连突破8万亿元、9万亿元: thresholds passed) */
    if (row < 0 && q->before_start == q->start)
        k = 0;
    else if (row < 0)
        return;
    else if (!zb__pred_has(row, ZB_PR_rise) && !zb__pred_has(row, ZB_PR_fall) &&
             !zb__pred_has(row, ZB_PR_to) && !zb__pred_has(row, ZB_PR_reach) &&
             !zb__pred_has(row, ZB_PR_tally))
        return;
    size_t at = q->before_start - k;
    size_t lo = zb__strip_leading(s, clause_start, at);
    if (clause_start > p->sent[ctx[a].sent].start && zb__strip_trailing(s, lo, at) <= lo) {
        /* 城镇…47175元，农村…15153元，实际增长4.8%和6.5%: no subject at all, so
         * the figures of the clauses before may name them; metric.c decides */
        int index = 0;
        for (size_t b = a; b < last; b++)
            if (zb__indicator_candidate(&p->q[b]))
                ctx[b].prior_index = index++;
        for (size_t b = a; b < last; b++)
            if (zb__indicator_candidate(&p->q[b]))
                ctx[b].prior_count = index;
        return;
    }
    if (at <= clause_start || !lists_items(s, clause_start, at))
        return;
    int index = 0;
    for (size_t b = a; b < last; b++)
        if (zb__indicator_candidate(&p->q[b])) {
            ctx[b].dist_at = at;
            ctx[b].dist_index = index++;
        }
}

/* Does the sentence s[..end) end with a semicolon (an item of a longer list)? */
static int ends_list_item(const char *s, size_t start, size_t end) {
    while (end > start && s[end - 1] == ' ')
        end--;
    return end > start && (s[end - 1] == ';' || (end - start >= 3 && zb__starts(s, end, end - 3, "；")));
}

void zb__contexts(const zb_para *p, zb_qctx *ctx) {
    const char *s = p->s;
    size_t n = p->n, k = 0;
    /* 预计全年：A增长5%；B增长6%；C…。 an estimate word that governs a list item
     * governs the items after it, up to the full stop (a ； ends a sentence here) */
    int carried_estimate = -1;
    for (size_t si = 0; si < p->nsent; si++) {
        size_t i = p->sent[si].start, end = p->sent[si].end, sent_first = k;
        /* a sentence without a figure sets no context: most of a report's */
        if (k >= p->nq || p->q[k].start >= end) {
            carried_estimate = -1;
            continue;
        }
        size_t clause_start = i, prev_clause = i, item_start = i, dist_at = SIZE_MAX;
        size_t clause_first = k; /* first quantity of the open clause */
        long prev_q = -1;
        int dist_seen = 0, year = 0, from_year = 0, bracket_year = 0;
        size_t bracket_end = 0; /* a year in brackets dates the figures in them only */
        int year_sticky = 0; /* the year stands in a clause of its own: 到2025年，… */
        int rel = 0, has_rel = clause_cue(s, i, end, &rel);
        int lead = clause_lead(s, i, end);
        if (lead < 0 && !has_rel)
            lead = carried_estimate;
        int clause_figures = 0, clause_leads = lead >= 0;
        int inherit = 0; /* the clause before had 分别: this one may continue its list */
        size_t ratio_at = SIZE_MAX; /* the first term of the clause's first ratio */
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
                c->dist_inherit = inherit && dist_at == clause_start;
                c->year = q->start < bracket_end ? bracket_year : year;
                c->rel = rel;
                c->has_rel = has_rel;
                c->lead_row = lead;
                if (from_year && zb__indicator_candidate(q)) {
                    c->year = from_year; /* …由2015年的6.4万元: that figure only */
                    from_year = 0;
                }
                if (prev_q >= 0)
                    c->list_cont = only_conjunction(s, p->q[prev_q].end, q->before_start);
                if (dist_at != SIZE_MAX && zb__indicator_candidate(q))
                    c->dist_index = dist_seen++;
                /* 三次产业结构由9.0∶43.5∶47.5调整为9.3∶37.5∶53.2: each ratio spreads
                 * the parts of the name before the first over its terms, as 分别 */
                if (q->ratio_count) {
                    if (ratio_at == SIZE_MAX)
                        ratio_at = q->start;
                    c->dist_at = ratio_at;
                    c->dist_index = q->ratio_index - 1;
                    c->dist_inherit = 0;
                    if (q->ratio_index > 1)
                        c->list_cont = 1;
                }
                if (q->kind == ZB_QTY_YEAR) {
                    int role = year_role(s, q->start);
                    size_t close = role == 0 ? open_bracket_end(s, clause_start, q->start, end)
                                             : SIZE_MAX;
                    if (close != SIZE_MAX) {
                        bracket_year = year_of(s, q);
                        bracket_end = close;
                    } else if (role == 0) {
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
                    clause_figures++;
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
            /* …: a label's colon, or the sign between a ratio's terms (8.3:41.4:50.3) */
            if (byte == ':' && k < p->nq &&
                (label_colon(s, i, &p->q[k], clause_figures) ||
                 (p->q[k].start == i + 1 && p->q[k].ratio_index > 1))) {
                i += len;
                continue;
            }
            if (byte == ',' || byte == ';' || byte == ':')
                cp = byte;
            else if (byte == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                     (unsigned char)s[i + 2] == 0x81)
                cp = 0x3001;
            else if (byte != 0xE5 || !zb__starts(s, end, i, "分别")) {
                i += len;
                continue;
            }
            ZB_UNUSED(n);
            if (cp == 0x3001) { /* 、 */
                item_start = i + len;
            } else if (cp) {
                for (size_t b = clause_first; b < k; b++)
                    ctx[b].clause_end = i;
                implicit_list(p, ctx, clause_first, k, clause_start);
                clause_first = k;
                /* past the sentence's last figure and its clause: nothing more to learn */
                if (k >= p->nq || p->q[k].start >= end)
                    break;
                prev_clause = clause_start;
                clause_start = item_start = i + len;
                if (!year_sticky)
                    year = 0;
                if (clause_cue(s, i + len, end, &rel))
                    has_rel = 1; /* a later clause may date itself anew: 去年…，今年… */
                /* a word that opens a clause governs the clauses of figures after
                 * it (力争A达到3.35%，B达到7800亿元), not past a clause of words
                 * (确保…，发展壮大…，…增长7%左右) */
                if (!clause_figures && !clause_leads)
                    lead = -1;
                int row = clause_lead(s, i + len, end);
                clause_leads = row >= 0;
                if (row >= 0)
                    lead = row;
                clause_figures = 0;
                prev_q = -1;
                inherit = dist_at != SIZE_MAX && dist_seen >= 2;
                ratio_at = SIZE_MAX;
                dist_at = inherit ? clause_start : SIZE_MAX;
                dist_seen = 0;
            } else if (zb__starts(s, end, i, "分别")) {
                dist_at = i;
                dist_seen = 0;
                inherit = 0;
            }
            i += len;
        }
        for (size_t b = clause_first; b < k; b++)
            ctx[b].clause_end = end;
        implicit_list(p, ctx, clause_first, k, clause_start);
        carried_estimate = lead >= 0 && zb__lex_has(lead, ZB_LX_estimate) &&
                                   ends_list_item(s, p->sent[si].start, end)
                               ? lead
                               : -1;
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
        /* a list carried over from the clause before is no 分别 of this clause's
         * own (entity.c, metric.c read dist_at as one) */
        for (size_t b = sent_first; b < k; b++)
            if (ctx[b].dist_inherit)
                ctx[b].dist_at = SIZE_MAX;
    }
    /* quantities outside every sentence (cannot happen; keep ctx defined) */
    for (; k < p->nq; k++) {
        memset(&ctx[k], 0, sizeof ctx[k]);
        ctx[k].prev_q = ctx[k].next_start = -1;
        ctx[k].lead_row = -1;
        ctx[k].dist_at = SIZE_MAX;
        ctx[k].clause_start = ctx[k].item_start = ctx[k].prev_end = p->q[k].start;
        ctx[k].clause_end = ctx[k].sent_end = p->q[k].end;
    }
}

