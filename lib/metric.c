/*
 * Stage 5b, metric: the short noun phrase a quantity measures, and its
 * catalog id.
 *
 *   高技术制造业增加值增长21.6%      the clause before the number, without the
 *                                    predicate: 高技术制造业增加值
 *   新建4个省级湿地公园              a count followed by its noun: 新建省级湿地公园
 *   …63.6万户，增长50.6%             ellipsis: the metric before (新登记市场主体)
 *   …，增速居全国第3位               a generic head joins the topic: 新登记市场主体增速
 *   家庭农场、农民专业合作社分别…    分别 pairs the list with the numbers
 *
 * All look-ups stay inside the quantity's clause (or the one before it).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static int starts(const char *s, size_t n, size_t i, const char *w) {
    size_t k = strlen(w);
    return i + k <= n && memcmp(s + i, w, k) == 0;
}

/* dst = a[0..alen) + b, cut at a character boundary to fit size. */
static void join(char *dst, size_t size, const char *a, size_t alen, const char *b) {
    char tmp[512];
    size_t n = 0, blen = strlen(b);
    if (alen > sizeof tmp - 1)
        alen = sizeof tmp - 1;
    memcpy(tmp, a, alen);
    n = alen;
    if (blen > sizeof tmp - 1 - n)
        blen = sizeof tmp - 1 - n;
    memcpy(tmp + n, b, blen);
    n += blen;
    if (n > size - 1) {
        n = size - 1;
        while (n > 0 && ((unsigned char)tmp[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, tmp, n);
    dst[n] = 0;
}

static void copy(char *dst, size_t size, const char *src) { join(dst, size, src, strlen(src), ""); }

static int pred_has(int row, int role) {
    return row >= 0 && zb__lex_find_kind(&zb__predicates, row, role) >= 0;
}

static int lex_has(int row, int role) {
    return row >= 0 && zb__lex_find_kind(&zb__lexicon, row, role) >= 0;
}

static int is_skippable_char(uint32_t cp) {
    return cp == ' ' || zb__is_clause_punct(cp) || cp == 0x201C || cp == 0x201D ||
           cp == 0x2018 || cp == 0x2019 || cp == '"' || cp == 0x3002 || cp == 0x2014 ||
           cp == '-';
}

/* Leading words that are not part of a metric: 全年, 其中, 和, 2022年. */
static size_t strip_leading(const char *s, size_t lo, size_t hi) {
    static const char *const conj[] = {"和", "及", "与", "并", "或", "以及", "在", "对", "向"};
    for (;;) {
        size_t before = lo, k;
        while (lo < hi) {
            uint32_t cp = zb__cp_at(s, hi, lo, &k);
            if (!is_skippable_char(cp))
                break;
            lo += k;
        }
        int row = zb__lex_prefix(&zb__lexicon, s + lo, hi - lo, &k);
        if (lex_has(row, ZB_LX_lead) && lo + k <= hi)
            lo += k;
        for (size_t c = 0; c < sizeof conj / sizeof *conj; c++)
            if (starts(s, hi, lo, conj[c])) {
                lo += strlen(conj[c]);
                break;
            }
        /* a year or a span of years that opens the clause: 2022年全省…, 连续20年… */
        if (lo < hi && s[lo] >= '0' && s[lo] <= '9') {
            size_t d = lo;
            while (d < hi && s[d] >= '0' && s[d] <= '9')
                d++;
            if (starts(s, hi, d, "年"))
                lo = d + 3;
        }
        if (lo == before)
            return lo;
    }
}

/* Trailing predicates, comparators and auxiliaries: 达到, 比上年增长, 力争.
 * The longest word that ends here decides, so 签约 is kept whole (an action)
 * rather than losing 约 as a comparator. */
static size_t strip_trailing(const char *s, size_t lo, size_t hi) {
    for (;;) {
        while (hi > lo) {
            size_t p = zb__prev_char(s, hi);
            uint32_t cp = zb__cp_at(s, hi, p, NULL);
            if (!is_skippable_char(cp) && cp != 0x7684 /* 的 */ && cp != 0x4E86 /* 了 */)
                break;
            hi = p;
        }
        size_t kp = 0, kl = 0, kc = 0;
        int prow = zb__lex_suffix(&zb__predicates, s, lo, hi, &kp);
        int lrow = zb__lex_suffix(&zb__lexicon, s, lo, hi, &kl);
        int crow = zb__lex_suffix(&zb__comparators, s, lo, hi, &kc);
        if (!lex_has(lrow, ZB_LX_lead))
            kl = 0;
        if (crow < 0 || zb__comparators.rows[crow].kind == ZB_CP_after)
            kc = 0;
        if (prow >= 0 && kp >= kl && kp >= kc) {
            if (pred_has(prow, ZB_PR_act) || pred_has(prow, ZB_PR_relief) ||
                pred_has(prow, ZB_PR_gap) || pred_has(prow, ZB_PR_rank))
                return hi;
            hi -= kp;
        } else if (kl && kl >= kc) {
            hi -= kl;
        } else if (kc) {
            hi -= kc;
        } else {
            return hi;
        }
    }
}

/* Where to cut s[lo..hi) at its last predicate of `role`: before it, or
 * after it when the word is also a head noun (国家创新能力综合排名升至…). */
static size_t last_predicate(const char *s, size_t lo, size_t hi, int role) {
    size_t best = hi;
    for (size_t i = lo; i < hi; i += zb__utf8_len((unsigned char)s[i])) {
        size_t k;
        int row = zb__lex_prefix(&zb__predicates, s + i, hi - i, &k);
        if (pred_has(row, role) && !zb__inside_word(s, hi, i, k))
            best = zb__lex_is(&zb__lexicon, s + i, k, ZB_LX_head) ? i + k : i;
    }
    return best;
}

/* Is s[lo..hi) only actions and auxiliaries (新建, 启动建设, 为)? Empty is. */
static int verb_only(const char *s, size_t lo, size_t hi) {
    size_t i = lo;
    while (i < hi) {
        size_t k1 = 0, k2 = 0;
        int row = zb__lex_prefix(&zb__predicates, s + i, hi - i, &k1);
        if (!(pred_has(row, ZB_PR_act) || pred_has(row, ZB_PR_reach) || pred_has(row, ZB_PR_to)))
            k1 = 0;
        row = zb__lex_prefix(&zb__lexicon, s + i, hi - i, &k2);
        if (!lex_has(row, ZB_LX_lead))
            k2 = 0;
        size_t k = k1 > k2 ? k1 : k2;
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

/* Copy s[lo..hi) onto out without quote marks and spaces. */
static void append(char *out, size_t size, const char *s, size_t lo, size_t hi) {
    size_t len = strlen(out);
    size_t i = lo;
    while (i < hi && len + 4 < size) {
        size_t k;
        uint32_t cp = zb__cp_at(s, hi, i, &k);
        if (cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == '"' ||
            cp == 0x300A || cp == 0x300B || cp == 0x300C || cp == 0x300D || cp == ' ' ||
            cp == '\'') {
            i += k;
            continue;
        }
        memcpy(out + len, s + i, k);
        len += k;
        i += k;
    }
    out[len] = 0;
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

/* The noun counted after a quantity: 4个[省级湿地公园], up to the clause's end,
 * a 、, a bracket or the next measuring quantity, at most 20 characters. */
static void right_noun(const zb_para *p, const zb_qctx *c, size_t from, size_t *lo, size_t *hi) {
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
            zb__is_final_punct(cp) || cp == 0x3002)
            break;
        i += k;
        chars++;
    }
    *lo = from;
    *hi = i;
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
    lo = strip_leading(s, lo, hi);
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
        append(out, size, s, lo, i);
}

/* A metric that is only a generic head (增速, 总量, 年产能), or one with a
 * modifier of at most two characters (装机规模) when `loose`. */
static int is_generic_head(const char *s, size_t lo, size_t hi, int loose) {
    if (hi <= lo)
        return 0;
    if (zb__lex_is(&zb__lexicon, s + lo, hi - lo, ZB_LX_head))
        return 1;
    size_t k;
    int row = zb__lex_suffix(&zb__lexicon, s, lo, hi, &k);
    if (!(loose && lex_has(row, ZB_LX_head) && hi - k - lo <= 6 && k >= 6))
        return 0;
    /* CPI涨幅 names its own metric */
    char m[64] = "";
    int sector;
    append(m, sizeof m, s, lo, hi);
    return !*zb__metric_id(m, &sector);
}

/* The metric without a trailing generic head: 新登记市场主体增速 → 新登记市场主体. */
static void topic_of(const char *metric, char *out, size_t size) {
    size_t n = strlen(metric), k;
    copy(out, size, metric);
    int row = zb__lex_suffix(&zb__lexicon, metric, 0, n, &k);
    if (!lex_has(row, ZB_LX_head) || k >= n || n - k >= size)
        return;
    /* keep a head the catalog needs: 社会消费品零售总额 stays whole */
    int s1, s2;
    const char *whole = zb__metric_id(metric, &s1);
    out[n - k] = 0;
    if (strcmp(zb__metric_id(out, &s2), whole) != 0)
        copy(out, size, metric);
}

/* ---- 分别 ---- */

/* Split a subject list at 、和及与 (outside brackets and quotes). */
static int split_items(const char *s, size_t lo, size_t hi, size_t starts_at[8], size_t ends_at[8]) {
    static const char *const seps[] = {"、", "和", "及", "与", "以及"};
    int n = 0, depth = 0;
    size_t item = lo, i = lo;
    while (i < hi) {
        size_t k;
        uint32_t cp = zb__cp_at(s, hi, i, &k);
        if (cp == '(' || cp == 0x201C)
            depth++;
        else if ((cp == ')' || cp == 0x201D) && depth)
            depth--;
        size_t sep = 0;
        if (!depth)
            for (size_t j = 0; j < sizeof seps / sizeof *seps; j++)
                if (starts(s, hi, i, seps[j])) {
                    sep = strlen(seps[j]);
                    break;
                }
        if (sep && i > item) {
            if (n == 8)
                return 0;
            starts_at[n] = item;
            ends_at[n++] = i;
            item = i + sep;
            i += sep;
            continue;
        }
        i += k;
    }
    if (item < hi) {
        if (n == 8)
            return 0;
        starts_at[n] = item;
        ends_at[n++] = hi;
    }
    return n;
}

/* Complete item k from its neighbours where that makes a catalog metric:
 * 高技术制造业、装备制造业增加值 → 高技术制造业增加值;
 * 单位国内生产总值能耗和二氧化碳排放 → 单位国内生产总值二氧化碳排放. */
static void complete_item(char items[][128], int n, int k) {
    int sector;
    if (*zb__metric_id(items[k], &sector))
        return;
    char cand[256];
    size_t pos, len;
    if (k < n - 1) {
        const char *last = items[n - 1];
        size_t klen = strlen(items[k]);
        for (size_t j = strlen(last); j > 0; j--) {
            if (((unsigned char)last[j - 1] & 0xC0) == 0x80 || j == 1)
                continue;
            join(cand, sizeof cand, items[k], klen, last + j - 1);
            /* the catalog name must take in both parts, not sit in one */
            if (zb__metric_match(cand, &pos, &len) >= 0 && pos < klen && pos + len > klen) {
                copy(items[k], 128, cand);
                return;
            }
        }
    }
    if (k > 0) {
        const char *first = items[0];
        for (size_t j = strlen(first); j > 0; j--) {
            if (((unsigned char)first[j] & 0xC0) == 0x80 || j == strlen(first))
                continue;
            join(cand, sizeof cand, first, j, items[k]);
            if (zb__metric_match(cand, &pos, &len) >= 0 && pos < j && pos + len > j) {
                copy(items[k], 128, cand);
                return;
            }
        }
    }
}

/* 第一、二、三产业增加值: items that are only an ordinal take the rest of the
 * last item (第二产业增加值, 第三产业增加值). */
static void complete_ordinals(char items[][128], int n) {
    const char *last = items[n - 1];
    size_t i = 0, k;
    int v;
    if (strncmp(last, "第", 3) == 0)
        i = 3;
    size_t digits_at = i;
    while (zb__is_cn_digit(last + i, strlen(last + i), &k, &v))
        i += k;
    if (i == digits_at || !last[i])
        return;
    const char *rest = last + i;
    const char *prefix = strncmp(items[0], "第", 3) == 0 ? "第" : "";
    for (int j = 0; j < n - 1; j++) {
        const char *it = items[j];
        size_t a = strncmp(it, "第", 3) == 0 ? 3 : 0, b = a;
        while (zb__is_cn_digit(it + b, strlen(it + b), &k, &v))
            b += k;
        if (b == a || it[b])
            return; /* not a bare ordinal list */
    }
    for (int j = 0; j < n; j++) {
        char cand[256], num[32];
        const char *it = items[j];
        size_t a = strncmp(it, "第", 3) == 0 ? 3 : 0, b = a;
        while (zb__is_cn_digit(it + b, strlen(it + b), &k, &v))
            b += k;
        snprintf(num, sizeof num, "%s%.*s", prefix, (int)(b - a), it + a);
        join(cand, sizeof cand, num, strlen(num), j == n - 1 ? last + i : rest);
        copy(items[j], 128, cand);
    }
}

/* 城市、农村低保标准: a short item (at most three characters) takes the head
 * of the last item after its own first characters (城市低保标准). */
static void complete_peers(char items[][128], int n) {
    const char *last = items[n - 1];
    for (int k = 0; k < n - 1; k++) {
        size_t chars = 0, bytes = 0;
        for (const char *p = items[k]; *p; p += zb__utf8_len((unsigned char)*p))
            chars++;
        bytes = strlen(items[k]);
        if (chars == 0 || chars > 3)
            continue;
        /* skip as many characters of the last item */
        size_t at = 0;
        for (size_t c = 0; c < chars && last[at]; c++)
            at += zb__utf8_len((unsigned char)last[at]);
        if (!last[at] || strlen(last) <= bytes)
            continue;
        char cand[256];
        join(cand, sizeof cand, items[k], bytes, last + at);
        copy(items[k], 128, cand);
    }
}

/* Replace a compound that 分别 spreads (城乡 → 城市 | 农村). */
static int split_compound(const char *item, int count, char items[][128]) {
    size_t n = strlen(item);
    for (size_t i = 0; i < n; i += zb__utf8_len((unsigned char)item[i])) {
        size_t k;
        int row = zb__lex_prefix(&zb__lexicon, item + i, n - i, &k);
        int r = zb__lex_find_kind(&zb__lexicon, row, ZB_LX_split);
        if (r < 0)
            continue;
        const char *parts = zb__lexicon.rows[r].text;
        int nparts = 1;
        for (const char *p = parts; *p; p++)
            nparts += *p == '|';
        if (nparts != count)
            continue;
        const char *part = parts;
        for (int j = 0; j < count; j++) {
            const char *bar = strchr(part, '|');
            size_t plen = bar ? (size_t)(bar - part) : strlen(part);
            snprintf(items[j], 128, "%.*s%.*s%s", (int)i, item, (int)plen, part, item + i + k);
            part = bar ? bar + 1 : part + plen;
        }
        return 1;
    }
    return 0;
}

static int distribute(const zb_para *p, const zb_qctx *c, zb_metric_state *st, char *out,
                      size_t size) {
    const char *s = p->s;
    size_t lo = strip_leading(s, c->clause_start, c->dist_at);
    size_t hi = strip_trailing(s, lo, c->dist_at);
    if (hi <= lo && st->dist_n == c->dist_count && st->dist_sent == c->sent) {
        /* 城镇、农村居民人均可支配收入分别达到…，分别增长4.1%和6.6% */
        copy(out, size, st->dist[c->dist_index]);
        return 1;
    }
    if (hi <= lo && c->prev_clause_start < c->clause_start) {
        /* 城乡居民医保和…补助标准，今年分别提高30元和5元 */
        lo = strip_leading(s, c->prev_clause_start, zb__prev_char(s, c->clause_start));
        hi = strip_trailing(s, lo, zb__prev_char(s, c->clause_start));
    }
    if (hi <= lo || is_generic_head(s, lo, hi, 0)) {
        /* 增速分别快于…: the heads of the list before in this sentence */
        if (st->dist_n == c->dist_count && st->dist_sent == c->sent) {
            copy(out, size, st->dist[c->dist_index]);
            if (hi > lo)
                append(out, size, s, lo, hi);
            return 1;
        }
        return 0;
    }
    if (c->dist_index == 0) {
        size_t a[8], b[8];
        int n = split_items(s, lo, hi, a, b);
        char items[8][128];
        if (n == c->dist_count) {
            for (int i = 0; i < n; i++) {
                items[i][0] = 0;
                append(items[i], sizeof items[i], s, a[i], b[i]);
            }
            complete_ordinals(items, n);
            for (int i = 0; i < n; i++)
                complete_item(items, n, i);
            complete_peers(items, n);
        } else if (n == 1 && c->dist_count <= 8) {
            char whole[128] = "";
            append(whole, sizeof whole, s, lo, hi);
            if (!split_compound(whole, c->dist_count, items))
                return 0;
            n = c->dist_count;
        } else {
            return 0;
        }
        for (int i = 0; i < n; i++)
            memcpy(st->dist[i], items[i], sizeof items[i]);
        st->dist_n = n;
        st->dist_sent = c->sent;
    } else if (st->dist_n != c->dist_count || st->dist_sent != c->sent) {
        return 0;
    }
    copy(out, size, st->dist[c->dist_index]);
    return 1;
}

void zb__metric_for(const zb_para *p, const zb_qctx *ctx, size_t qi, zb_metric_state *st,
                    char *out, size_t size) {
    const char *s = p->s;
    const zb_qty *q = &p->q[qi];
    const zb_qctx *c = &ctx[qi];
    int same_sentence = st->last[0] && st->last_sent == c->sent;
    int took_noun = 0;
    out[0] = 0;
    if (c->dist_at != SIZE_MAX && c->dist_count >= 2 && distribute(p, c, st, out, size))
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
        copy(out, size, st->last);
        goto done;
    }
    size_t first = lo;
    while (first < hi && s[first] == ' ')
        first++;
    int subset = starts(s, hi, first, "其中"); /* 其中国家级63户 */
    /* 增长率居全国…第1位 → 增长率; 增速高于全部规上工业17个百分点 → 增速 */
    if (q->kind == ZB_QTY_RANK)
        hi = last_predicate(s, lo, hi, ZB_PR_rank);
    if (q->kind == ZB_QTY_POINTS || q->kind == ZB_QTY_PERCENT) /* gaps are in 百分点 or % */
        hi = last_predicate(s, lo, hi, ZB_PR_gap);
    lo = strip_leading(s, lo, hi);
    hi = strip_trailing(s, lo, hi);
    int verbs = verb_only(s, lo, hi);
    /* 启动4台83万千瓦燃机机组: the noun comes after the next quantity */
    size_t noun_from = q->end;
    int noun = q->noun_follows;
    if (!noun && qi + 1 < p->nq && p->q[qi + 1].start == q->end) {
        noun = p->q[qi + 1].noun_follows;
        noun_from = p->q[qi + 1].end;
    }
    if (noun && (verbs || (q->unit_flags & ZB_UF_cls))) {
        size_t nlo, nhi;
        right_noun(p, c, noun_from, &nlo, &nhi);
        append(out, size, s, lo, hi);
        append(out, size, s, nlo, nhi);
        took_noun = 1;
        goto done;
    }
    if (hi <= lo) {
        /* ellipsis: …9万人，比上年增长2.02万人 */
        if (same_sentence)
            copy(out, size, st->last);
        else
            clause_subject(p, c, out, size);
        if (!out[0] && st->last[0])
            copy(out, size, st->last);
        goto done;
    }
    /* 扣除留抵退税因素后增长8.5%, 占地区生产总值比重2.9%: a condition on the topic */
    size_t qk;
    int qrow = zb__lex_prefix(&zb__lexicon, s + lo, hi - lo, &qk);
    if (zb__lex_find_kind(&zb__lexicon, qrow, ZB_LX_qualifier) >= 0) {
        if (same_sentence)
            copy(out, size, st->topic);
        else
            clause_subject(p, c, out, size);
        append(out, size, s, lo, hi);
        goto done;
    }
    if (subset && st->topic[0]) {
        copy(out, size, st->topic);
        append(out, size, "中", 0, 3);
        append(out, size, s, lo, hi);
        goto done;
    }
    /* a bare verb (…，新开工500公里) applies to the topic; but in
     * 新增城镇就业3000人，培训5千人次 a figure in another unit counts something else */
    if (verbs) {
        append(out, size, s, lo, hi);
        if (!q->base_unit[0] || !st->last_unit[0] || strcmp(q->base_unit, st->last_unit) == 0)
            append(out, size, st->topic, 0, strlen(st->topic));
        goto done;
    }
    if (is_generic_head(s, lo, hi, same_sentence)) {
        if (st->topic[0])
            copy(out, size, st->topic);
        else
            clause_subject(p, c, out, size);
        append(out, size, s, lo, hi);
        goto done;
    }
    append(out, size, s, lo, hi);
done:
    balance(out);
    if (out[0]) {
        copy(st->last, sizeof st->last, out);
        topic_of(out, st->topic, sizeof st->topic);
        st->last_sent = c->sent;
        st->last_noun = took_noun;
        copy(st->last_unit, sizeof st->last_unit, q->base_unit);
    }
}

/* ---- the catalog ---- */

/* Is the alias at m[pos] the object of a comparison (占国内生产总值, 比上年)? */
static int object_position(const char *m, size_t pos) {
    static const char *const before[] = {"占", "比", "较", "与", "对", "于"};
    for (size_t i = 0; i < sizeof before / sizeof *before; i++)
        if (pos >= 3 && memcmp(m + pos - 3, before[i], 3) == 0)
            return 1;
    return 0;
}

/* First occurrence of alias in m (with * standing for up to four characters). */
static int find_alias(const char *m, const char *alias, size_t *pos, size_t *len) {
    const char *star = strchr(alias, '*');
    size_t alen = star ? (size_t)(star - alias) : strlen(alias);
    const char *from = m;
    for (;;) {
        const char *hit = strstr(from, alias);
        if (star) {
            char head[64];
            snprintf(head, sizeof head, "%.*s", (int)alen, alias);
            hit = strstr(from, head);
        }
        if (!hit)
            return 0;
        size_t p = (size_t)(hit - m), l = alen;
        if (star) {
            const char *tail = star + 1;
            const char *t = hit + alen;
            int found = 0;
            for (int skip = 0; skip <= 4 && *t; skip++) {
                if (strncmp(t, tail, strlen(tail)) == 0) {
                    l = (size_t)(t - hit) + strlen(tail);
                    found = 1;
                    break;
                }
                t += zb__utf8_len((unsigned char)*t);
            }
            if (!found) {
                from = hit + 1;
                continue;
            }
        }
        if (!object_position(m, p)) {
            *pos = p;
            *len = l;
            return 1;
        }
        from = hit + 1;
    }
}

/* Does a per word end right before the alias at m[pos], or a derived word
 * follow it (人均地区生产总值, 研发经费投入强度, 占国内生产总值的比重)? */
static int derived_metric(const char *m, size_t pos, size_t len) {
    if (lex_has(zb__lex_suffix(&zb__lexicon, m, 0, pos, NULL), ZB_LX_per))
        return 1;
    const char *after = m + pos + len;
    if (strncmp(after, "的", 3) == 0)
        after += 3;
    size_t k;
    int row = zb__lex_prefix(&zb__lexicon, after, strlen(after), &k);
    return lex_has(row, ZB_LX_derived);
}

int zb__metric_match(const char *metric, size_t *at, size_t *length) {
    int best = -1;
    size_t best_pos = 0, best_len = 0, n = strlen(metric);
    /* plain aliases: the longest one at the earliest position, through the trie */
    for (size_t i = 0; i < n && best < 0; i += zb__utf8_len((unsigned char)metric[i])) {
        size_t len;
        int row = zb__lex_prefix(&zb__aliases, metric + i, n - i, &len);
        if (row >= 0 && !object_position(metric, i)) {
            best = zb__aliases.rows[row].kind;
            best_pos = i;
            best_len = len;
        }
    }
    /* aliases with a wildcard (粮食*产量) are few; try each */
    for (size_t w = 0; w < zb__alias_wildcard_count; w++) {
        const zb_lex_row *r = &zb__aliases.rows[zb__alias_wildcards[w]];
        size_t pos, len;
        if (find_alias(metric, r->word, &pos, &len) &&
            (best < 0 || pos < best_pos || (pos == best_pos && len > best_len))) {
            best = r->kind;
            best_pos = pos;
            best_len = len;
        }
    }
    /* 研发经费支出占地区生产总值比重: a share of something, not the thing */
    if (best >= 0 && strstr(metric + best_pos + best_len, "占"))
        best = -1;
    if (best >= 0 && derived_metric(metric, best_pos, best_len))
        best = -1;
    /* 规模以上工业增加值中高技术制造业增加值 (其中…): a part of the total; the id is
     * the part's own, or none (…中民间投资 is not fixed-asset investment) */
    const char *rest = metric + best_pos + best_len;
    if (best >= 0 && strncmp(rest, "中", 3) == 0 && rest[3]) {
        size_t sub_at, sub_len;
        size_t skip = (size_t)(rest + 3 - metric);
        best = zb__metric_match(rest + 3, &sub_at, &sub_len);
        best_pos = skip + sub_at;
        best_len = sub_len;
    }
    *at = best_pos;
    *length = best_len;
    return best;
}

/* Does a catalog name end in a share word (优良水体比例, 城镇调查失业率)? */
static int names_a_ratio(const char *name) {
    return lex_has(zb__lex_suffix(&zb__lexicon, name, 0, strlen(name), NULL), ZB_LX_share);
}

const char *zb__metric_id(const char *metric, int *sector) {
    size_t pos, len;
    int best = zb__metric_match(metric, &pos, &len);
    *sector = best >= 0 ? zb__metric_rows[best].sector : -1;
    return best >= 0 ? zb__metric_rows[best].id : "";
}

const char *zb__quantity_metric_id(const char *metric, zb_qkind kind, int *sector) {
    size_t pos, len;
    int best = zb__metric_match(metric, &pos, &len);
    /* 117个国考断面优良水体比例达到76.6%: the 117个 counts the sections; an
     * amount is never the value of a ratio */
    if (best >= 0 && kind == ZB_QTY_AMOUNT && names_a_ratio(zb__metric_rows[best].name))
        best = -1;
    *sector = best >= 0 ? zb__metric_rows[best].sector : -1;
    return best >= 0 ? zb__metric_rows[best].id : "";
}
