/*
 * Stage 5, distribute: 分别 pairs a list of metrics with a run of figures —
 * 家庭农场、农民专业合作社分别发展到14.6万户、8.1万个 — completing items that
 * share a head (高技术制造业、装备制造业增加值) and spreading compounds (城乡).
 */
#include <stdio.h>
#include <string.h>

#include "attribute.h"
#include "chars.h"
#include "tables.h"

/* Is the conjunction at s[i] part of a word (普及率, 参与, 和美乡村)? */
static int in_word(const char *s, size_t lo, size_t i, size_t hi) {
    size_t k;
    if (zb__lex_has(zb__lex_prefix(&zb__lexicon, s + i, hi - i, &k), ZB_LX_word))
        return 1;
    size_t p = i > lo ? zb__prev_char(s, i) : i;
    return p < i && zb__lex_has(zb__lex_prefix(&zb__lexicon, s + p, hi - p, &k), ZB_LX_word) &&
           p + k > i;
}

/* Split a subject list at 、和及与 (outside brackets and quotes, and not inside
 * a word: 普及率); at 、 alone when `commas`. */
static int split_items(const char *s, size_t lo, size_t hi, int commas, size_t starts_at[8],
                       size_t ends_at[8]) {
    static const char *const seps[] = {"、", "和", "及", "与", "以及"};
    size_t nseps = commas ? 1 : sizeof seps / sizeof *seps;
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
            for (size_t j = 0; j < nseps; j++)
                if (zb__starts(s, hi, i, seps[j])) {
                    sep = j == 0 || !in_word(s, lo, i, hi) ? strlen(seps[j]) : 0;
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
static int has_head_word(const char *item);

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
            zb__phrase_join(cand, sizeof cand, items[k], klen, last + j - 1);
            /* the catalog name must take in both parts, not sit in one */
            if (zb__metric_match(cand, &pos, &len) >= 0 && pos < klen && pos + len > klen) {
                zb__phrase_copy(items[k], 128, cand);
                return;
            }
        }
    }
    /* an item with a head of its own (棉花产量 after 粮食产量) needs none of the
     * first item's words, which a catalog name with a gap (粮食*产量) would
     * take across the join */
    if (k > 0 && !has_head_word(items[k])) {
        const char *first = items[0];
        for (size_t j = strlen(first); j > 0; j--) {
            if (((unsigned char)first[j] & 0xC0) == 0x80 || j == strlen(first))
                continue;
            zb__phrase_join(cand, sizeof cand, first, j, items[k]);
            if (zb__metric_match(cand, &pos, &len) >= 0 && pos < j && pos + len > j) {
                zb__phrase_copy(items[k], 128, cand);
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
        zb__phrase_join(cand, sizeof cand, num, strlen(num), j == n - 1 ? last + i : rest);
        zb__phrase_copy(items[j], 128, cand);
    }
}

/* Does a head word (产量) or a word where a shared head begins (产业) start
 * at s[i..n)? Which, in *shared (1 for the second). */
static int head_word_at(const char *s, size_t n, size_t i, int *shared) {
    size_t k;
    int row = zb__lex_prefix(&zb__lexicon, s + i, n - i, &k);
    *shared = zb__lex_has(row, ZB_LX_shared);
    return *shared || zb__lex_has(row, ZB_LX_head);
}

/* Where the head the items share begins in the last item: its first head word
 * after one character at least (镍产量: 产量; 天然气产量: 产量; 生物医药产业产值:
 * 产业产值), or 0 when it has none. */
static size_t shared_head(const char *last, int *shared) {
    size_t n = strlen(last);
    for (size_t i = zb__utf8_len((unsigned char)last[0]); i < n;
         i += zb__utf8_len((unsigned char)last[i]))
        if (head_word_at(last, n, i, shared))
            return i;
    return 0;
}

/* Does a head word start in item[0..n)? */
static int head_word_in(const char *item, size_t n) {
    int shared;
    for (size_t i = 0; i < n; i += zb__utf8_len((unsigned char)item[i]))
        if (head_word_at(item, n, i, &shared))
            return 1;
    return 0;
}

static int has_head_word(const char *item) { return head_word_in(item, strlen(item)); }

/* The length of the partner word (东盟, entities.tsv) that s begins with, or 0. */
static size_t partner_at(const char *s) {
    size_t k;
    int row = zb__lex_prefix(&zb__entities, s, strlen(s), &k);
    return zb__row_has(&zb__entities, row, ZB_EN_partner) ? k : 0;
}

/* 对中亚五国、东盟进出口分别增长…: items that name partners take what the last
 * item measures after its own partner (中亚五国进出口). Whether it applied. */
static int complete_partners(char items[][128], int n) {
    const char *last = items[n - 1];
    size_t k = partner_at(last);
    if (!k || !last[k])
        return 0;
    for (int i = 0; i < n - 1; i++)
        if (!partner_at(items[i]) || has_head_word(items[i]))
            return 0;
    for (int i = 0; i < n - 1; i++) {
        char cand[256];
        zb__phrase_join(cand, sizeof cand, items[i], strlen(items[i]), last + k);
        zb__phrase_copy(items[i], 128, cand);
    }
    return 1;
}

/* The length of the word naming an industry (产业, 制造业) that item ends
 * with, when no head word comes before it; else 0. */
static size_t industry_end(const char *item) {
    size_t n = strlen(item), k;
    int row = zb__lex_suffix(&zb__lexicon, item, 0, n, &k);
    return zb__lex_has(row, ZB_LX_industry) && k < n && !head_word_in(item, n - k) ? k : 0;
}

/* 制造业投资和民间投资占比, 固定资产投资、民间投资增速: an item that ends with
 * the word (投资) after which the last item goes on (占比, 增速) takes what
 * follows it there. Whether it applied. */
static int complete_parallel(char items[][128], int n, int k) {
    const char *last = items[n - 1];
    char *item = items[k];
    size_t ni = strlen(item), kw;
    int row = zb__lex_suffix(&zb__lexicon, item, 0, ni, &kw);
    if (!(zb__lex_has(row, ZB_LX_shared) || zb__lex_has(row, ZB_LX_head)) || kw >= ni)
        return 0;
    char word[64];
    if (kw >= sizeof word)
        return 0;
    memcpy(word, item + ni - kw, kw);
    word[kw] = 0;
    const char *at = strstr(last, word);
    if (!at || !at[kw] || strstr(at + kw, word))
        return 0;
    char cand[256];
    zb__phrase_join(cand, sizeof cand, item, ni, at + kw);
    zb__phrase_copy(item, 128, cand);
    return 1;
}

/* Items without a head of their own take the last item's: the words from its
 * first head word (黄金、白银、镍产量 → 黄金产量; 原煤、天然气产量 → 原煤产量), for
 * items of up to three characters, or up to six when the head begins with a
 * shared word (有色冶金、装备制造产业增加值 → 有色冶金产业增加值). Without a head
 * word, a short item (at most three characters) takes the last item's words
 * after as many characters as its own (城市、农村低保标准 → 城市低保标准). */
static void complete_peers(char items[][128], int n) {
    const char *last = items[n - 1];
    if (complete_partners(items, n))
        return;
    int shared = 0;
    size_t head = shared_head(last, &shared);
    for (int k = 0; k < n - 1; k++) {
        size_t chars = 0, bytes = 0;
        for (const char *p = items[k]; *p; p += zb__utf8_len((unsigned char)*p))
            chars++;
        bytes = strlen(items[k]);
        if (complete_parallel(items, n, k))
            continue;
        if (head && industry_end(items[k])) {
            /* 战略性新兴产业、高技术产业投资: the industry takes the measure (投资),
             * without the last item's own industry word (产业) */
            size_t at = head, w;
            int row = zb__lex_prefix(&zb__lexicon, last + at, strlen(last + at), &w);
            if (zb__lex_has(row, ZB_LX_industry))
                at += w;
            if (last[at]) {
                char cand[256];
                zb__phrase_join(cand, sizeof cand, items[k], bytes, last + at);
                zb__phrase_copy(items[k], 128, cand);
            }
            continue;
        }
        if (chars == 0 || chars > (head && shared ? 6 : 3) || has_head_word(items[k]))
            continue;
        size_t at = head;
        if (!head) {
            /* skip as many characters of the last item */
            for (size_t c = 0; c < chars && last[at]; c++)
                at += zb__utf8_len((unsigned char)last[at]);
            if (!last[at] || strlen(last) <= bytes)
                continue;
        }
        char cand[256];
        zb__phrase_join(cand, sizeof cand, items[k], bytes, last + at);
        zb__phrase_copy(items[k], 128, cand);
    }
}

/* How much of the words after a ratio's compound its parts keep: the share
 * (三次产业比重为… → 第一产业比重), not the whole's frame and what is done to it
 * (三次产业结构优化为6:48:46, 三次产业比为… → 第一产业); all of other words. */
static size_t ratio_tail(const char *t) {
    static const char *const share[] = {"比重", "比例"};
    static const char *const frame[] = {"结构", "之比", "比"};
    for (size_t i = 0; i < sizeof share / sizeof *share; i++)
        if (!strncmp(t, share[i], strlen(share[i])))
            return strlen(share[i]);
    for (size_t i = 0; i < sizeof frame / sizeof *frame; i++)
        if (!strncmp(t, frame[i], strlen(frame[i])))
            return 0;
    return strlen(t);
}

/* Replace a compound that 分别 or a ratio spreads (城乡 → 城市 | 农村). */
static int split_compound(const char *item, int count, int ratio, int joined,
                          char items[][128]) {
    size_t n = strlen(item);
    for (size_t i = 0; i < n; i += zb__utf8_len((unsigned char)item[i])) {
        size_t k;
        int row = zb__lex_prefix(&zb__lexicon, item + i, n - i, &k);
        int r = zb__lex_find_kind(&zb__lexicon, row, ZB_LX_split);
        if (r < 0 || (joined && !zb__has_bytes(item + i, k, "和") && !zb__has_bytes(item + i, k, "、")))
            continue;
        const char *parts = zb__lexicon.rows[r].text;
        int nparts = 1;
        for (const char *p = parts; *p; p++)
            nparts += *p == '|';
        if (nparts != count)
            continue;
        const char *part = parts, *tail = item + i + k;
        int tlen = (int)(ratio ? ratio_tail(tail) : strlen(tail));
        for (int j = 0; j < count; j++) {
            const char *bar = strchr(part, '|');
            size_t plen = bar ? (size_t)(bar - part) : strlen(part);
            snprintf(items[j], 128, "%.*s%.*s%.*s", (int)i, item, (int)plen, part, tlen, tail);
            part = bar ? bar + 1 : part + plen;
        }
        return 1;
    }
    return 0;
}

int zb__metric_list(const char *s, size_t lo, size_t hi, char items[8][128]) {
    size_t a[8], b[8];
    int n = split_items(s, lo, hi, 0, a, b);
    if (n < 2)
        return 0;
    for (int i = 0; i < n; i++) {
        items[i][0] = 0;
        /* 能耗降低、排放量降低: the way each goes is no part of it */
        zb__phrase_append(items[i], sizeof items[i], s, a[i], zb__strip_trailing(s, a[i], b[i]));
    }
    complete_ordinals(items, n);
    for (int i = 0; i < n; i++)
        complete_item(items, n, i);
    complete_peers(items, n);
    return n;
}

int zb__distribute(const zb_para *p, const zb_qctx *c, zb_metric_state *st, char *out,
                      size_t size) {
    const char *s = p->s;
    if (c->dist_inherit) {
        if (st->dist_n != c->dist_count || st->dist_sent != c->sent)
            return 0;
        zb__phrase_copy(out, size, st->dist[c->dist_index]);
        return 1;
    }
    size_t lo = zb__strip_leading(s, c->clause_start, c->dist_at);
    size_t hi = zb__strip_trailing(s, lo, c->dist_at);
    /* 增速比全国、全省分别高0.8、0.5个百分点: the list is what the metric is
     * compared with, not a list of metrics; every figure is the metric's gap */
    size_t k;
    int gap = zb__lex_prefix(&zb__predicates, s + c->dist_at, p->n - c->dist_at, &k);
    if (zb__pred_has(gap, ZB_PR_gap)) {
        size_t b = lo;
        while (b < hi && !zb__starts(s, hi, b, "比") && !zb__starts(s, hi, b, "较"))
            b += zb__utf8_len((unsigned char)s[b]);
        if (b < hi) {
            size_t mhi = zb__strip_trailing(s, lo, b);
            if (mhi <= lo || zb__is_generic_head(s, lo, mhi, 1))
                zb__phrase_copy(out, size, st->topic);
            zb__phrase_append(out, size, s, lo, mhi);
            return out[0] != 0;
        }
    }
    /* 城镇、农村居民人均可支配收入分别达到…，分别增长4.1%和6.6%; …收入达到
     * 23292元和7750元、分别增长8.8%和10%: the list before, in this sentence */
    if (st->dist_n == c->dist_count && st->dist_sent == c->sent &&
        (hi <= lo || zb__figure_in(p->q, p->nq, lo, hi) >= 0)) {
        zb__phrase_copy(out, size, st->dist[c->dist_index]);
        return 1;
    }
    if (hi <= lo && c->prev_clause_start < c->clause_start) {
        /* 城乡居民医保和…补助标准，今年分别提高30元和5元 */
        lo = zb__strip_leading(s, c->prev_clause_start, zb__prev_char(s, c->clause_start));
        hi = zb__strip_trailing(s, lo, zb__prev_char(s, c->clause_start));
    }
    if (hi <= lo || zb__is_generic_head(s, lo, hi, 0)) {
        /* 增速分别快于…: the heads of the list before in this sentence */
        if (st->dist_n == c->dist_count && st->dist_sent == c->sent) {
            zb__phrase_copy(out, size, st->dist[c->dist_index]);
            if (hi > lo)
                zb__phrase_append(out, size, s, lo, hi);
            return 1;
        }
        return 0;
    }
    if (c->dist_index == 0) {
        size_t a[8], b[8];
        int n = split_items(s, lo, hi, 0, a, b);
        /* 信息传输软件和信息技术服务业、租赁和商务服务业增加值分别增长10.9%、
         * 10.4%: items that hold a 和 of their own are parted by 、 alone */
        if (n > c->dist_count && split_items(s, lo, hi, 1, a, b) == c->dist_count)
            n = c->dist_count;
        char items[8][128], whole[128] = "";
        zb__phrase_append(whole, sizeof whole, s, lo, hi);
        int ratio = !zb__starts(s, p->n, c->dist_at, "分别");
        /* 城镇和农村常住居民人均可支配收入, 城、乡居民…: a compound written
         * with its 和 or 、 spreads its parts over all of the rest (常住 too) */
        if (n == c->dist_count && split_compound(whole, n, ratio, 1, items))
            ; /* items spread */
        else if (n == c->dist_count) {
            for (int i = 0; i < n; i++) {
                /* 完成投资553.1亿元、研发投入133.5亿元，分别增长…: an item of the
                 * clause before ends at its own figure */
                long f = zb__figure_in(p->q, p->nq, a[i], b[i]);
                if (f >= 0 && p->q[f].start > a[i])
                    b[i] = zb__strip_trailing(s, a[i], p->q[f].start);
                else if (f >= 0 && p->q[f].end < b[i])
                    a[i] = p->q[f].end; /* 1个省级、18个市级重点项目: the count is its own */
                items[i][0] = 0;
                zb__phrase_append(items[i], sizeof items[i], s, a[i], b[i]);
            }
            complete_ordinals(items, n);
            for (int i = 0; i < n; i++)
                complete_item(items, n, i);
            complete_peers(items, n);
        } else if (n == 1 && c->dist_count <= 8) {
            if (!split_compound(whole, c->dist_count, ratio, 0, items))
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
    zb__phrase_copy(out, size, st->dist[c->dist_index]);
    return 1;
}

