/*
 * Stage 5, metric: the short noun phrase a quantity measures.
 *
 *   高技术制造业增加值增长21.6%      the clause before the number, without the
 *                                    predicate: 高技术制造业增加值
 *   新建4个省级湿地公园              a count followed by its noun: 新建省级湿地公园
 *   …63.6万户，增长50.6%             ellipsis: the metric before (新登记市场主体)
 *   …，增速居全国第3位               a generic head joins the topic: 新登记市场主体增速
 *   家庭农场、农民专业合作社分别…    分别 pairs the list with the numbers (distribute.c)
 *
 * All look-ups stay inside the quantity's clause (or the one before it).
 */
#include <string.h>

#include "attribute.h"
#include "chars.h"
#include "marker.h"
#include "tables.h"

/* Where to cut s[lo..hi) at its last predicate of `role`: before it, or
 * after it when the word is also a head noun (国家创新能力综合排名升至…). */
static size_t last_predicate(const char *s, size_t lo, size_t hi, int role) {
    size_t best = hi;
    for (size_t i = lo; i < hi;) {
        size_t k;
        int row = zb__lex_prefix(&zb__predicates, s + i, hi - i, &k);
        if (zb__pred_has(row, role) && !zb__inside_word(s, hi, i, k)) {
            best = zb__lex_is(&zb__lexicon, s + i, k, ZB_LX_head) ? i + k : i;
            i += k; /* 跃居 is one word: its 居 starts no other */
            continue;
        }
        i += zb__utf8_len((unsigned char)s[i]);
    }
    return best;
}

/* 拉动消费126亿元，消费增速…: a short word before a head that ends the topic
 * names the topic's thing again, no aspect of the topic. */
static int names_topic_again(const char *topic, const char *s, size_t lo, size_t hi) {
    size_t k, t = strlen(topic);
    if (zb__lex_suffix(&zb__lexicon, s, lo, hi, &k) < 0 || hi - k <= lo)
        return 0;
    size_t w = hi - k - lo;
    return t >= w && memcmp(topic + t - w, s + lo, w) == 0;
}

/* 经济总量从“十三五”末的103万亿元, 由2020年的…: a base's time after 从 or 由
 * at the end of the phrase is no part of the metric; the phrase ends before. */
static size_t before_from_time(const char *s, size_t lo, size_t hi) {
    size_t f = last_predicate(s, lo, hi, ZB_PR_from), k, q;
    if (f == hi || zb__lex_prefix(&zb__predicates, s + f, hi - f, &k) < 0)
        return hi;
    size_t i = f + k;
    while (i < hi && zb__is_quote_mark(zb__cp_at(s, hi, i, &q)))
        i += q;
    zb_years y = zb__time_phrase(s, hi, i, &q);
    if (y.kind != ZB_YEARS_NONE) {
        i += q;
    } else if (zb__lex_prefix_kind(&zb__periods, s + i, hi - i, ZB_PW_plan, &q) >= 0) {
        i += q; /* “十三五”末 */
        while (i < hi && zb__is_quote_mark(zb__cp_at(s, hi, i, &q)))
            i += q;
        if (zb__lex_prefix_kind(&zb__periods, s + i, hi - i, ZB_PW_end, &q) < 0)
            return hi;
        i += q;
    } else {
        return hi;
    }
    if (zb__starts(s, hi, i, "底") || zb__starts(s, hi, i, "末"))
        i += 3;
    if (zb__starts(s, hi, i, "的"))
        i += 3;
    return i == hi && f > lo ? f : hi;
}

/* 一般公共预算收入完成238.6亿元: an act of tallying (predicates role tally)
 * right before the figure, with no object of its own, is no part of the
 * metric; 完成投资239亿元 keeps it, as it ends no phrase there. */
static size_t before_tally(const char *s, size_t lo, size_t hi) {
    size_t k;
    int row = zb__lex_suffix(&zb__predicates, s, lo, hi, &k);
    if (row < 0 || !zb__pred_has(row, ZB_PR_tally) || hi - k <= lo)
        return hi;
    return zb__strip_trailing(s, lo, hi - k);
}

/* The length of a verb of reaching at s[i] that may leave a metric: two
 * characters at least, not a 在 word, and a noun after it; or 0. */
static size_t reach_verb(const char *s, size_t i, size_t hi) {
    size_t k = 0;
    int row = zb__lex_prefix(&zb__predicates, s + i, hi - i, &k);
    return zb__pred_has(row, ZB_PR_reach) && k >= 6 && i + k < hi &&
                   !zb__starts(s, i + k, i + k - 3, "在")
               ? k
               : 0;
}

/* The metric's words s[lo..hi) without a verb of reaching that opens them
 * (实现销量|410万辆, 拥有高新技术企业|1.2万家, 保持粮食播种面积|1.1亿亩), its
 * subject too when that is the report's own scope (全市实现地区生产总值): the
 * figure is the noun's. Not when the verb opens a clause that qualifies the
 * noun (实现跨省通办的政务服务事项), nor a one-character or 在 word (为, 用电量,
 * 控制在: the look-up would cut words or their end is the link itself). */
size_t zb__after_reach(const char *s, size_t lo, size_t hi) {
    size_t own = 0;
    /* the report's own scope as the verb's subject (全市实现地区生产总值) goes with it */
    if (zb__lex_prefix_kind(&zb__entities, s + lo, hi - lo, ZB_EN_own, &own) < 0 ||
        !reach_verb(s, lo + own, hi))
        own = 0;
    size_t at = lo + own, k = reach_verb(s, at, hi);
    if (!k || zb__has_bytes(s + at, hi - at, "的"))
        return lo;
    at = zb__strip_leading(s, at + k, hi);
    /* 累计实现农村贫困人口脱贫: a verb of reaching after another */
    k = reach_verb(s, at, hi);
    return k ? zb__strip_leading(s, at + k, hi) : at;
}

/* Is s[lo..hi) only actions and auxiliaries (新建, 启动建设, 为)? Empty is. */
static int verb_only(const char *s, size_t lo, size_t hi) {
    size_t i = lo;
    while (i < hi) {
        size_t k1 = 0, k2 = 0;
        int row = zb__lex_prefix(&zb__predicates, s + i, hi - i, &k1);
        if (!(zb__pred_has(row, ZB_PR_act) || zb__pred_has(row, ZB_PR_reach) || zb__pred_has(row, ZB_PR_to)))
            k1 = 0;
        row = zb__lex_prefix(&zb__lexicon, s + i, hi - i, &k2);
        if (!zb__lex_has(row, ZB_LX_lead))
            k2 = 0;
        size_t k = k1 > k2 ? k1 : k2;
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

/* Drop brackets that lost their partner: 敦化(新增 → 敦化新增. */
static void balance(char *m) {
    int open = 0;
    for (char *p = m; *p; p++) {
        if (*p == '(')
            open++;
        else if (*p == ')' && open)
            open--;
        else if (*p == ')')
            *p = 1; /* mark */
    }
    char *w = m;
    for (char *p = m; *p; p++) {
        if (*p == 1)
            continue;
        if (*p == '(' && open) {
            /* drop an unclosed '(' (the last ones) */
            int later_close = strchr(p + 1, ')') != NULL;
            if (!later_close) {
                open--;
                continue;
            }
        }
        *w++ = *p;
    }
    *w = 0;
}

/* Does a done word that says how (超额完成, 全面完成), or 全部 and any done
 * word, or a word of how the work goes (进展顺利), begin at s[i] (52项民生实事|
 * 全部超额完成)? 完成 alone may be the noun's own action (1596个项目完成投资1.5万亿元). */
static int done_at(const char *s, size_t n, size_t i) {
    size_t k;
    int all = zb__starts(s, n, i, "全部");
    if (all)
        i += 6;
    int row = zb__lex_prefix(&zb__lexicon, s + i, n - i, &k);
    if (zb__lex_has(row, ZB_LX_done) && (all || k > 6))
        return 1;
    int going = zb__lex_find_kind(&zb__lexicon, row, ZB_LX_going);
    if (all || going < 0)
        return 0;
    size_t ka; /* 扎实|推进: a manner word before an act */
    return strcmp(zb__lexicon.rows[going].text, "act") != 0 ||
           zb__lex_prefix_kind(&zb__predicates, s + i + k, n - i - k, ZB_PR_act, &ka) >= 0;
}

/* The noun counted after a quantity: 4个[省级湿地公园], up to the clause's end,
 * a 、, a bracket, what was done to it or the next measuring quantity, at most
 * 20 characters. */
static void right_noun(const zb_para *p, size_t qi, const zb_qctx *c, size_t from, size_t *lo,
                       size_t *hi) {
    const char *s = p->s;
    size_t end = c->clause_end;
    if (c->next_start >= 0 && (size_t)c->next_start < end && (size_t)c->next_start >= from)
        end = (size_t)c->next_start;
    size_t i = from;
    int chars = 0;
    while (i < end && chars < 20) {
        size_t k;
        uint32_t cp = zb__cp_at(s, end, i, &k);
        if (cp == 0x3001 || cp == '(' || cp == ')' || zb__is_clause_punct(cp) ||
            zb__is_final_punct(cp) || cp == 0x3002 || (cp == '.' && i + 1 < end && s[i + 1] == '.') ||
            done_at(s, end, i) || zb__starts(s, end, i, "分别"))
            break; /* …, an ellipsis typed as dots, what was done to the noun, 分别 */
        i += k;
        chars++;
    }
    *lo = from;
    /* …先导区集聚核心企业超150家: a comparator or predicate right before the
     * next figure is that figure's (a noun that ends its clause keeps its
     * words: 投入使用, 取得突破) */
    *hi = i == end && end < c->clause_end ? zb__strip_before_figure(s, from, i) : i;
    /* 74个国控断面水质优良比例连续3年|保持100%: a streak ends the noun */
    for (size_t j = qi + 1; j < p->nq && p->q[j].start < *hi; j++)
        if (p->q[j].streak && p->q[j].start >= from + 6) {
            *hi = zb__strip_trailing(s, from, p->q[j].start - 6); /* before 连续 */
            break;
        }
}

#define SUBJECT_CHARS 8 /* a subject before an action: 高速公路, 城市更新 */

static int is_act(const char *s, size_t i, size_t hi, size_t *k) {
    return i < hi && zb__lex_prefix_kind(&zb__predicates, s + i, hi - i, ZB_PR_act, k) >= 0;
}

/* The subject of the sentence's first clause when an action and a count of
 * `unit` follow it there (高速公路续建集安至桓仁等7个项目…): its span, or lo == hi.
 * Not a lead word, a list marker or the report's own region (全省新建…), not
 * words with a digit. */
static void act_subject(const zb_para *p, const zb_qctx *ctx, const zb_qctx *c, const char *unit,
                        size_t *lo, size_t *hi) {
    const char *s = p->s;
    size_t end = c->clause_start, i, k;
    *lo = *hi = 0;
    if (end <= c->sent_start)
        return;
    i = zb__strip_leading(s, c->sent_start, end);
    size_t from = i;
    int chars = 0;
    while (i < end && !is_act(s, i, end, &k)) {
        uint32_t cp = zb__cp_at(s, end, i, &k);
        if (!zb__is_cjk(cp) || ++chars > SUBJECT_CHARS)
            return;
        i += k;
    }
    size_t own;
    int level;
    if (chars < 2 || i >= end ||
        zb__row_has(&zb__entities, zb__lex_prefix(&zb__entities, s + from, i - from, &own),
                    ZB_EN_own) ||
        zb__heading_marker(s + from, i - from, &level, &own))
        return;
    /* the two clauses say the same of the subject: a count of the same unit
     * after the action in each (续建…7个项目，新开工…3个项目) */
    long f = zb__figure_in(p->q, p->nq, i, end);
    if (f < 0 || ctx[f].clause_start > i || strcmp(p->q[f].unit, unit) != 0 ||
        !p->q[f].noun_follows)
        return;
    *lo = from;
    *hi = i;
}

size_t zb__before_streak(const zb_para *p, size_t lo, size_t hi) {
    /* the last quantity that starts before hi: quantities are in order */
    size_t a = 0, b = p->nq;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (p->q[mid].start < hi)
            a = mid + 1;
        else
            b = mid;
    }
    for (size_t j = a; j-- > 0 && p->q[j].end >= lo;) {
        const zb_qty *t = &p->q[j];
        if (t->streak && t->end == hi && t->start >= lo + 6)
            return zb__strip_trailing(p->s, lo, t->start - 6); /* before 连续 */
        if (t->end <= hi)
            break;
    }
    return hi;
}

#define SHARED_COUNT_GAP 8 /* characters between two counts of one noun: 市(州) */

/* Is q[qi] the first of two counts in the same unit that a 、 joins and that
 * count one noun, written after the second (全省50户、市(州)500户重点企业,
 * 国家级3个、省级5个重点实验室)? */
static int counts_share_noun(const zb_para *p, size_t qi) {
    const zb_qty *q = &p->q[qi], *next = qi + 1 < p->nq ? &p->q[qi + 1] : NULL;
    const char *s = p->s;
    if (!next || !(q->unit_flags & ZB_UF_cls) || !next->noun_follows ||
        strcmp(q->unit, next->unit) != 0 || !zb__starts(s, p->n, q->end, "、"))
        return 0;
    /* the first count follows a scope (全省, 省级), not its own noun (引进项目50个) */
    size_t b = q->before_start, floor = b > 24 ? b - 24 : 0, own_len;
    int scope = b >= 3 && zb__starts(s, b, b - 3, "级");
    if (!scope)
        scope = zb__row_has(&zb__entities, zb__lex_suffix(&zb__entities, s, floor, b, &own_len),
                            ZB_EN_own);
    if (!scope)
        return 0;
    int chars = 0;
    for (size_t i = q->end + 3; i < next->before_start; chars++) {
        size_t k;
        uint32_t cp = zb__cp_at(s, p->n, i, &k);
        if (chars == SHARED_COUNT_GAP || cp == 0x3001 || zb__is_clause_punct(cp) ||
            zb__is_final_punct(cp) || cp == 0x3002 || (cp >= '0' && cp <= '9'))
            return 0;
        i += k;
    }
    return 1;
}

/* The subject of the clause before: 粮食生产获得大丰收 → 粮食生产. */
static void clause_subject(const zb_para *p, const zb_qctx *c, char *out, size_t size) {
    const char *s = p->s;
    out[0] = 0;
    if (c->prev_clause_start >= c->clause_start)
        return;
    size_t lo = c->prev_clause_start, hi = zb__prev_char(s, c->clause_start);
    if (hi - lo > 96)
        hi = lo + 96; /* a subject is short; never scan a long clause for each figure */
    while (hi > lo && ((unsigned char)s[hi] & 0xC0) == 0x80)
        hi--;
    /* 实现粮食生产“八连增”，达到…: the subject after a verb of reaching */
    lo = zb__after_reach(s, zb__strip_leading(s, lo, hi), hi);
    size_t i = lo;
    int chars = 0;
    while (i < hi && chars < 12) {
        size_t k;
        if (zb__lex_prefix(&zb__predicates, s + i, hi - i, &k) >= 0 ||
            zb__lex_prefix(&zb__comparators, s + i, hi - i, &k) >= 0)
            break;
        uint32_t cp = zb__cp_at(s, hi, i, &k);
        if ((cp >= '0' && cp <= '9') || !zb__is_cjk(cp))
            break;
        i += k;
        chars++;
    }
    if (i > lo)
        zb__phrase_append(out, size, s, lo, i);
}

/* 完成地区生产总值XX亿元，增长5%: the clause before holds a figure a draft
 * masked, so it names the metric of the change after it. Appends it to out;
 * 0 when the clause before is no such one. */
static int masked_subject(const zb_para *p, const zb_qctx *c, char *out, size_t size) {
    const char *s = p->s;
    if (c->prev_clause_start >= c->clause_start)
        return 0;
    size_t end = zb__prev_char(s, c->clause_start); /* before its , */
    while (end > c->prev_clause_start && s[end - 1] == ' ')
        end--;
    if (!zb__masked_amount(s, c->prev_clause_start, end) ||
        zb__figure_in(p->q, p->nq, c->prev_clause_start, end) >= 0)
        return 0;
    size_t lo = zb__strip_leading(s, c->prev_clause_start, end);
    size_t hi = zb__strip_trailing(s, lo, end);
    if (hi <= lo)
        return 0;
    zb__phrase_append(out, size, s, lo, hi);
    return 1;
}

/* The metric without a trailing generic head: 新登记市场主体增速 → 新登记市场主体. */
static void topic_of(const char *metric, char *out, size_t size) {
    size_t n = strlen(metric), k;
    zb__phrase_copy(out, size, metric);
    int row = zb__lex_suffix(&zb__lexicon, metric, 0, n, &k);
    if (!zb__lex_has(row, ZB_LX_head) || k >= n || n - k >= size)
        return;
    /* keep a head the catalog needs: 社会消费品零售总额 stays whole */
    int s1, s2;
    const char *whole = zb__metric_id(metric, &s1);
    out[n - k] = 0;
    if (strcmp(zb__metric_id(out, &s2), whole) != 0)
        zb__phrase_copy(out, size, metric);
}

/* Does metric end with a head that makes it a rate (增幅, 比重)? */
static int names_rate(const char *metric) {
    size_t k, n = strlen(metric);
    int row = zb__lex_suffix(&zb__lexicon, metric, 0, n, &k);
    return k < n && zb__lex_has(row, ZB_LX_head) &&
           (zb__lex_has(row, ZB_LX_growth) || zb__lex_has(row, ZB_LX_share));
}

/* 粮食播种面积1530万亩、总产125亿斤: a list item (or a clause) that names no
 * catalog metric by itself shares the previous item's subject when a leading
 * part of that item and this one together are a whole catalog name (粮食+总产). */
static int item_subject(const char *prev, const char *s, size_t lo, size_t hi, char *out,
                        size_t size) {
    char item[128] = "";
    int sector;
    zb__phrase_append(item, sizeof item, s, lo, hi);
    if (!item[0] || *zb__metric_id(item, &sector))
        return 0;
    size_t n = strlen(prev), m = strlen(item);
    for (size_t j = zb__prev_char(prev, n); j > 0 && j < n; j = zb__prev_char(prev, j)) {
        /* cand = a leading part of prev + item; no printf in this loop */
        char cand[256];
        size_t k = j + m;
        size_t len;
        int row = -1;
        if (k < sizeof cand) {
            memcpy(cand, prev, j);
            memcpy(cand + j, item, m + 1);
            row = zb__lex_prefix(&zb__aliases, cand, k, &len);
        }
        if (row >= 0 && len == k) {
            zb__phrase_copy(out, size, cand);
            return 1;
        }
    }
    return 0;
}

/* Does one of a qualifier's closing words ('|'-separated; none asked when
 * empty) occur in s[lo..hi)? 受 qualifies 受疫情影响, not 受污染耕地安全利用率. */
static int closes_qualifier(const char *words, const char *s, size_t lo, size_t hi) {
    if (!*words)
        return 1;
    for (const char *w = words;;) {
        const char *bar = strchr(w, '|');
        size_t n = bar ? (size_t)(bar - w) : strlen(w);
        for (size_t i = lo; i + n <= hi; i += zb__utf8_len((unsigned char)s[i]))
            if (!memcmp(s + i, w, n))
                return 1;
        if (!bar)
            return 0;
        w = bar + 1;
    }
}

/* Words that say how many years a figure covers are no part of its metric
 * (…，五年年均增长5.4%: the clause goes on with the metric before); the new lo. */
static size_t period_words(const char *s, size_t lo, size_t hi) {
    for (;;) {
        size_t k, d = lo;
        int v;
        int row = zb__lex_prefix(&zb__periods, s + lo, hi - lo, &k);
        if (zb__row_has(&zb__periods, row, ZB_PW_average) ||
            zb__row_has(&zb__periods, row, ZB_PW_recent) ||
            zb__row_has(&zb__periods, row, ZB_PW_coming) ||
            zb__row_has(&zb__periods, row, ZB_PW_cumulative)) {
            lo += k;
            continue;
        }
        /* “十四五”以来年均增长7.8%, 2018年以来: the span, not the metric */
        size_t q = zb__starts(s, hi, lo, "\u201C") ? lo + 3 : lo;
        if (q < hi && zb__time_phrase(s, hi, q, &k).kind == ZB_YEARS_MULTI && q + k <= hi) {
            lo = q + k;
            continue;
        }
        while (d < hi && zb__is_cn_digit(s + d, hi - d, &k, &v))
            d += k;
        if (d > lo && zb__starts(s, hi, d, "年") && d + 3 < hi) {
            size_t k2;
            int next = zb__lex_prefix(&zb__periods, s + d + 3, hi - d - 3, &k2);
            if (zb__row_has(&zb__periods, next, ZB_PW_average) ||
                zb__row_has(&zb__periods, next, ZB_PW_cumulative)) {
                lo = d + 3; /* 五年年均, 十年累计 */
                continue;
            }
        }
        return lo;
    }
}

/* Text of another language before the metric, as a bilingual page sets it
 * (…premium cuts and exemptions.全年国内生产总值): the metric starts after it.
 * A stretch of ASCII with twelve Latin letters or more is no abbreviation of
 * Chinese text (GDP, PM2.5, R&D, 5G). */
static size_t after_foreign_text(const char *s, size_t lo, size_t hi) {
    size_t start = lo;
    int letters = 0;
    for (size_t i = lo; i < hi;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            if (letters >= 12)
                start = i;
            letters = 0;
            i += zb__utf8_len(c);
            continue;
        }
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            letters++;
        i++;
    }
    return letters >= 12 ? hi : start;
}

/* A headline's section mark before the metric (两会|2023年GDP增长5.2%; 丨 is
 * a comma already): the metric starts after the last bar; no name holds one. */
static size_t after_bar(const char *s, size_t lo, size_t hi) {
    size_t start = lo;
    for (size_t i = lo; i < hi; i++)
        if (s[i] == '|')
            start = i + 1;
    return start;
}

/* Does s[lo..hi) open with the base of a comparison (比上年年初预算增加,
 * 较上年末提高)? Then all of it names the base, and the figure is the change of the
 * metric told before (…赤字规模4.06万亿元，比上年年初预算增加1800亿元). */
static int opens_with_base(const char *s, size_t lo, size_t hi) {
    size_t k;
    return (zb__starts(s, hi, lo, "比") || zb__starts(s, hi, lo, "较")) &&
           zb__lex_prefix_kind(&zb__predicates, s + lo, hi - lo, ZB_PR_base, &k) >= 0;
}

/* Where the stock of `topic` starts when s[lo..hi) names its whole (总数,
 * 总量): after a verb that adds to it (新增规上工业企业…、总数达到665户 →
 * 规上工业企业总数); else 0. */
static size_t stock_of(const char *topic, const char *s, size_t lo, size_t hi) {
    size_t k, n = strlen(topic);
    if (!zb__lex_is(&zb__lexicon, s + lo, hi - lo, ZB_LX_total))
        return 0;
    return zb__lex_prefix_kind(&zb__periods, topic, n, ZB_PW_flow, &k) >= 0 && k < n ? k : 0;
}

/* A figure of a bare list: nothing but predicates before the first, nothing but
 * 、 or a conjunction between the others (…，增长5.1%、7.4%; not …从2.31缩小到2.16). */
static int bare_figure(const zb_para *p, const zb_qctx *c, const zb_qty *q) {
    if (c->prev_q >= 0)
        return c->list_cont;
    size_t lo = c->prev_end > c->clause_start ? c->prev_end : c->clause_start;
    size_t hi = q->before_start > lo ? q->before_start : lo;
    lo = zb__strip_leading(p->s, lo, hi);
    return zb__strip_trailing(p->s, lo, hi) <= lo;
}

/* A bare list (实际增长4.8%和6.5%) takes the metrics of as many figures
 * before it in its sentence, one per clause and of another kind than its own
 * (城镇…47175元，农村…15153元): the list the levels made. 0 when they are not so. */
static int prior_list(const zb_metric_state *st, const zb_qctx *c, const zb_qty *q, char *out,
                      size_t size) {
    enum { CAP = sizeof st->seen / sizeof *st->seen };
    int n = c->prior_count, last = st->seen_sent == c->sent ? st->seen_n : 0;
    int oldest = last > CAP ? last - CAP : 0;
#define SEEN(j) (&st->seen[(j) % CAP])
    while (last > oldest && SEEN(last - 1)->clause >= c->clause_start)
        last--; /* this clause's own figures */
    if (last - oldest < n)
        return 0;
    int first = last - n;
    for (int i = first; i < last; i++) {
        if (SEEN(i)->kind == (int)q->kind || SEEN(i)->kind != SEEN(first)->kind)
            return 0;
        for (int j = first; j < i; j++)
            if (SEEN(j)->clause == SEEN(i)->clause || strcmp(SEEN(j)->metric, SEEN(i)->metric) == 0)
                return 0;
    }
    if (first > oldest && SEEN(first - 1)->kind == SEEN(first)->kind)
        return 0; /* more such figures than the list has: which are meant is unclear */
    zb__phrase_copy(out, size, SEEN(first + c->prior_index)->metric);
#undef SEEN
    return 1;
}

/* Remember the sentence's figures for prior_list: the last few, in a ring. */
static void saw(zb_metric_state *st, const zb_qctx *c, const zb_qty *q, const char *metric) {
    enum { CAP = sizeof st->seen / sizeof *st->seen };
    if (st->seen_sent != c->sent || !st->seen_n) {
        st->seen_sent = c->sent;
        st->seen_n = 0;
    }
    int at = st->seen_n++ % CAP;
    zb__phrase_copy(st->seen[at].metric, sizeof st->seen[0].metric, metric);
    st->seen[at].clause = c->clause_start;
    st->seen[at].kind = (int)q->kind;
}

void zb__metric_for(const zb_para *p, const zb_qctx *ctx, size_t qi, zb_metric_state *st,
                    char *out, size_t size) {
    const char *s = p->s;
    const zb_qty *q = &p->q[qi];
    const zb_qctx *c = &ctx[qi];
    int same_sentence = st->last[0] && st->last_sent == c->sent;
    int took_noun = 0;
    out[0] = 0;
    if ((c->dist_at != SIZE_MAX || (c->dist_inherit && bare_figure(p, c, q))) && c->dist_count >= 2 &&
        zb__distribute(p, c, st, out, size))
        goto done;
    if (c->prior_count >= 2 && prior_list(st, c, q, out, size))
        goto done;
    size_t lo = c->clause_start;
    /* 打造美丽庭院、干净人家20万户: items before the first number are its subject;
     * after a number (重点实验室34个、科技创新中心35个) each item stands alone */
    if (c->item_start > lo && c->prev_q >= 0)
        lo = c->item_start;
    if (c->prev_end > lo)
        lo = c->prev_end;
    size_t hi = q->before_start > lo ? q->before_start : lo;
    /* 7个项目722公里: the noun counted before names this figure too */
    if (c->prev_q >= 0 && lo == c->prev_end && st->last_noun && same_sentence) {
        zb__phrase_copy(out, size, st->last);
        goto done;
    }
    size_t first = lo;
    while (first < hi && s[first] == ' ')
        first++;
    int subset = zb__starts(s, hi, first, "其中"); /* 其中国家级63户 */
    /* 增长率居全国…第1位 → 增长率; 增速高于全部规上工业17个百分点 → 增速 */
    if (q->kind == ZB_QTY_RANK) {
        size_t cut = last_predicate(s, lo, hi, ZB_PR_rank);
        /* a move in rank stands where 居 would: 升至全国第5位, 从全国第12位… */
        if (cut == hi)
            cut = last_predicate(s, lo, hi, ZB_PR_to);
        if (cut == hi)
            cut = last_predicate(s, lo, hi, ZB_PR_from);
        hi = cut;
        /* 签约项目数量全区第一: the scope ranked in is no part of the metric */
        size_t sk;
        if (zb__row_has(&zb__entities, zb__lex_suffix(&zb__entities, s, lo, hi, &sk), ZB_EN_own) &&
            hi - sk > lo && s[hi - sk - 1] != '(')
            hi -= sk;
    }
    if (q->kind == ZB_QTY_POINTS || q->kind == ZB_QTY_PERCENT) /* gaps are in 百分点 or % */
        hi = last_predicate(s, lo, hi, ZB_PR_gap);
    lo = after_foreign_text(s, lo, hi);
    lo = after_bar(s, lo, hi);
    lo = zb__after_goals_opening(s, lo, hi);
    lo = zb__strip_leading(s, lo, hi);
    if (opens_with_base(s, lo, hi))
        hi = lo;
    hi = zb__strip_trailing(s, lo, hi);
    hi = before_from_time(s, lo, hi);
    if (!q->noun_follows) /* 全面完成50项民生实事: the verb's object follows */
        hi = before_tally(s, lo, hi);
    lo = period_words(s, lo, hi);
    hi = zb__before_streak(p, lo, hi);
    lo = zb__after_reach(s, lo, hi);
    /* 2.5万家、是五年前的4.6倍: 是…的 before a multiple names its base */
    if (q->kind == ZB_QTY_MULTIPLE && zb__starts(s, hi, lo, "是"))
        hi = lo;
    int verbs = verb_only(s, lo, hi);
    /* 启动4台83万千瓦燃机机组: the noun comes after the next quantity */
    size_t noun_from = q->end;
    int noun = q->noun_follows;
    /* …but not a count that sums up a list (4万亿、5万亿两个台阶) */
    if (!noun && qi + 1 < p->nq && p->q[qi + 1].start == q->end &&
        !(c->list_cont && p->q[qi + 1].chinese)) {
        noun = p->q[qi + 1].noun_follows;
        noun_from = p->q[qi + 1].end;
    } else if (!noun && counts_share_noun(p, qi)) {
        noun = 1;
        noun_from = p->q[qi + 1].end;
    }
    if (noun && (verbs || (q->unit_flags & ZB_UF_cls))) {
        size_t nlo, nhi;
        right_noun(p, qi, c, noun_from, &nlo, &nhi);
        /* 4万亿、5万亿两个台阶: the next figure starts where its noun would */
        if (nhi > nlo) {
            /* …，新开工长春都市圈西环线等3个项目: a later action of the subject
             * the sentence opened with (高速公路续建…) */
            size_t slo, shi, k;
            if (is_act(s, lo, hi, &k)) {
                act_subject(p, ctx, c, q->unit, &slo, &shi);
                zb__phrase_append(out, size, s, slo, shi);
            }
            /* 民生福祉:26项民生实事: a label before the count is a topic */
            size_t b = q->start;
            while (b > lo && s[b - 1] == ' ')
                b--;
            if (!(b > lo && s[b - 1] == ':'))
                zb__phrase_append(out, size, s, lo, hi);
            zb__phrase_append(out, size, s, nlo, nhi);
            took_noun = 1;
            goto done;
        }
    }
    /* 新增企业82家(全市第1): a scope alone names no metric, the figure before does */
    size_t ok, open = lo < hi && s[lo] == '(' ? lo + 1 : lo;
    if (q->kind == ZB_QTY_RANK && hi > open &&
        zb__lex_prefix_kind(&zb__entities, s + open, hi - open, ZB_EN_own, &ok) >= 0 &&
        open + ok == hi)
        hi = lo;
    if (open == hi) /* (2023年下降5%): a bracket's year alone is no metric either */
        hi = lo;
    if (hi <= lo) {
        /* ellipsis: …9万人，比上年增长2.02万人; but an amount after a rate
         * (…自然增幅2%，同口径完成3.67亿元) is of the topic, not of its rate */
        if (c->prev_q < 0 && masked_subject(p, c, out, size))
            goto done;
        if (same_sentence && q->kind == ZB_QTY_AMOUNT && names_rate(st->last))
            zb__phrase_copy(out, size, st->topic);
        else if (same_sentence)
            zb__phrase_copy(out, size, st->last);
        else
            clause_subject(p, c, out, size);
        if (!out[0] && st->last[0])
            zb__phrase_copy(out, size, st->last);
        goto done;
    }
    /* 扣除留抵退税因素后增长8.5%, 占地区生产总值比重2.9%: a condition on the topic */
    size_t qk;
    int qrow = zb__lex_find_kind(&zb__lexicon, zb__lex_prefix(&zb__lexicon, s + lo, hi - lo, &qk),
                                 ZB_LX_qualifier);
    if (qrow >= 0 && closes_qualifier(zb__lexicon.rows[qrow].text, s, lo + qk, hi)) {
        if (same_sentence)
            zb__phrase_copy(out, size, st->topic);
        else
            clause_subject(p, c, out, size);
        zb__phrase_append(out, size, s, lo, hi);
        goto done;
    }
    /* the topic of its sentence, or of the sentence before when 其中 opens
     * this one (…。其中国家级63户); not one from before a clause of other
     * words (…。报告强调支柱产业发展，其中石化产业完成产值…) */
    if (subset && st->topic[0] && (same_sentence || c->clause_start == c->sent_start)) {
        zb__phrase_copy(out, size, st->topic);
        zb__phrase_append(out, size, "中", 0, 3);
        zb__phrase_append(out, size, s, lo, hi);
        goto done;
    }
    /* a bare verb (…，新开工500公里) applies to the topic; but in
     * 新增城镇就业3000人，培训5千人次 a figure in another unit counts something else */
    if (verbs) {
        zb__phrase_append(out, size, s, lo, hi);
        if (!q->base_unit[0] || !st->last_unit[0] || strcmp(q->base_unit, st->last_unit) == 0)
            zb__phrase_append(out, size, st->topic, 0, strlen(st->topic));
        goto done;
    }
    /* …粮食播种面积18.6万亩，总产量7.9万吨: the same for a clause's first figure */
    size_t item_from = c->prev_q >= 0 ? c->item_start : c->clause_start;
    if (same_sentence && (c->prev_q < 0 || c->item_start > c->clause_start) &&
        lo == zb__strip_leading(s, item_from, hi) && item_subject(st->last, s, lo, hi, out, size))
        goto done;
    /* …项目总投资额: a short word and a head name an aspect of the topic in
     * its sentence (组建总规模, 装机规模); after a catalog metric they name
     * another (规上工业增加值增长8%，汽车产量增长1.7倍) */
    int sector;
    if (zb__is_generic_head(s, lo, hi, 0) ||
        (same_sentence && zb__is_generic_head(s, lo, hi, 1) && !*zb__metric_id(st->topic, &sector) &&
         !names_topic_again(st->topic, s, lo, hi))) {
        /* 固定资产投资保持稳健增长，全年增幅达到7.0%: the subject of the clause
         * before in this sentence, over a topic of an earlier sentence */
        if (!same_sentence && c->prev_clause_start < c->clause_start)
            clause_subject(p, c, out, size);
        /* 总投资86亿元的…项目: a figure that qualifies what follows it names no
         * topic of before */
        if (!out[0] && st->topic[0] && !(!same_sentence && zb__starts(s, p->n, q->end, "的")))
            zb__phrase_copy(out, size, st->topic + stock_of(st->topic, s, lo, hi));
        else if (!out[0] && !st->topic[0])
            clause_subject(p, c, out, size);
        zb__phrase_append(out, size, s, lo, hi);
        goto done;
    }
    zb__phrase_append(out, size, s, lo, hi);
done:
    balance(out);
    /* 7万亿、8万亿、9万亿三个大台阶: a count right after a figure counts the
     * figures before it; its noun is no topic for the next clause (规模稳居…) */
    int apposition = took_noun && c->prev_q >= 0 && q->start == p->q[c->prev_q].end;
    if (out[0])
        saw(st, c, q, out);
    if (out[0] && !apposition) {
        zb__phrase_copy(st->last, sizeof st->last, out);
        topic_of(out, st->topic, sizeof st->topic);
        st->last_sent = c->sent;
        st->last_noun = took_noun;
        zb__phrase_copy(st->last_unit, sizeof st->last_unit, q->base_unit);
    }
}

