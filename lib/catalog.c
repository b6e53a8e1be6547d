/*
 * Stage 5, catalog: the catalog id (schema/metrics.tsv) a metric phrase names.
 * The longest alias at the earliest position wins, unless the phrase makes it
 * something else: the object of a comparison (占国内生产总值), a per-head or
 * derived figure (人均…, …强度), or a part of the total (…中民间投资).
 */
#include <string.h>

#include "attribute.h"
#include "chars.h"
#include "tables.h"

/* Is the alias at m[pos] the object of a comparison (占国内生产总值, 比上年),
 * the report's own region perhaps between (占全市生产总值)? */
static int object_position(const char *m, size_t pos) {
    static const char *const before[] = {"占", "比", "较", "与", "对", "于"};
    size_t own;
    if (zb__row_has(&zb__entities, zb__lex_suffix(&zb__entities, m, 0, pos, &own), ZB_EN_own))
        pos -= own;
    for (size_t i = 0; i < sizeof before / sizeof *before; i++)
        if (pos >= 3 && memcmp(m + pos - 3, before[i], 3) == 0)
            return 1;
    return 0;
}

/* 信息传输软件和信息技术服务业增加值, 先进制造业投资: a qualifier right before
 * an industry's name (服务业, 制造业) makes a narrower industry, not the whole
 * one. The report's own region (全市服务业增加值), a place (武汉市), a part of
 * the whole (全部, 规模以上, 其中), a conjunction or a verb is no qualifier. */
static int narrower_industry(const char *m, size_t n, size_t pos) {
    static const char *const scope[] = {"市", "省", "区", "县", "州", "旗", "盟", "镇", "乡",
                                        "国", "全", "部", "上", "中", "的", "和", "及", "与"};
    size_t k;
    if (pos == 0 || !zb__lex_has(zb__lex_prefix(&zb__lexicon, m + pos, n - pos, &k), ZB_LX_industry))
        return 0;
    size_t p = zb__prev_char(m, pos);
    if (!zb__is_cjk(zb__cp_at(m, n, p, NULL)) || zb__lex_suffix(&zb__predicates, m, 0, pos, &k) >= 0)
        return 0; /* 完成工业投资: a verb, no qualifier */
    for (size_t i = 0; i < sizeof scope / sizeof *scope; i++)
        if (pos - p == strlen(scope[i]) && memcmp(m + p, scope[i], pos - p) == 0)
            return 0;
    return 1;
}

/* First occurrence of alias in m (with * standing for up to four characters). */
static int find_alias(const char *m, const char *alias, size_t *pos, size_t *len) {
    const char *star = strchr(alias, '*');
    size_t alen = star ? (size_t)(star - alias) : strlen(alias);
    const char *from = m;
    /* the part before the '*' (at most 63 bytes), copied once, not per hit */
    char head[64];
    if (star) {
        size_t h = alen < sizeof head - 1 ? alen : sizeof head - 1;
        memcpy(head, alias, h);
        head[h] = 0;
    }
    for (;;) {
        const char *hit = strstr(from, star ? head : alias);
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
    if (zb__lex_has(zb__lex_suffix(&zb__lexicon, m, 0, pos, NULL), ZB_LX_per))
        return 1;
    const char *after = m + pos + len;
    if (strncmp(after, "的", 3) == 0)
        after += 3;
    size_t k;
    int row = zb__lex_prefix(&zb__lexicon, after, strlen(after), &k);
    return zb__lex_has(row, ZB_LX_derived);
}

/* m with the region word after its first 占 or 相当于 left out (占全市生产总值
 * → 占生产总值), into out (room for strlen(m) + 1); 0 when there is none. */
static int without_own_object(const char *m, char *out) {
    static const char *const cue[] = {"占", "相当于"};
    for (size_t c = 0; c < sizeof cue / sizeof *cue; c++) {
        const char *hit = strstr(m, cue[c]);
        if (!hit)
            continue;
        size_t at = (size_t)(hit - m) + strlen(cue[c]), k, n = strlen(m);
        int row = zb__lex_prefix(&zb__entities, m + at, n - at, &k);
        if (!zb__row_has(&zb__entities, row, ZB_EN_own))
            continue;
        memcpy(out, m, at);
        memcpy(out + at, m + at + k, n - at - k + 1);
        return 1;
    }
    return 0;
}

/* A part named by a word alone (其中出口) whose catalog name adds a generic
 * head (出口总额, 出口额): the first alias that is the part plus a head word. */
static int part_with_head(const char *part, size_t *at, size_t *length) {
    size_t n = strlen(part);
    /* the rows are sorted by word: find the first that starts with part */
    size_t lo = 0, hi = zb__aliases.nrows;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(zb__aliases.rows[mid].word, part) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t r = lo; r < zb__aliases.nrows && !strncmp(zb__aliases.rows[r].word, part, n);
         r++) {
        const char *head = zb__aliases.rows[r].word + n;
        if (*head && zb__lex_is(&zb__lexicon, head, strlen(head), ZB_LX_head)) {
            *at = 0;
            *length = n;
            return zb__aliases.rows[r].kind;
        }
    }
    return -1;
}

static int match(const char *metric, size_t *at, size_t *length) {
    int best = -1;
    size_t best_pos = 0, best_len = 0, n = strlen(metric);
    /* plain aliases: the longest one at the earliest position, through the trie */
    for (size_t i = 0; i < n && best < 0; i += zb__utf8_len((unsigned char)metric[i])) {
        size_t len;
        int row = zb__lex_prefix(&zb__aliases, metric + i, n - i, &len);
        if (row >= 0 && !object_position(metric, i) && !narrower_industry(metric, n, i)) {
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
    for (size_t x = 0; x < zb__alias_exact_count && best < 0; x++) {
        const zb_lex_row *r = &zb__aliases.rows[zb__alias_exact[x]];
        size_t k = strlen(r->word + 1);
        /* the whole metric, with a generic head (进出口规模), or the total of a part
         * (进出口中出口) */
        if (!strncmp(r->word + 1, metric, k) &&
            (!metric[k] || !strncmp(metric + k, "中", 3) ||
             zb__lex_is(&zb__lexicon, metric + k, n - k, ZB_LX_head))) {
            best = r->kind;
            best_pos = 0;
            best_len = k;
        }
    }
    /* 研发经费支出占地区生产总值比重, 环保投入相当于全市生产总值的比例: a share
     * of something, not the thing */
    if (best >= 0 && (strstr(metric + best_pos + best_len, "占") ||
                      strstr(metric + best_pos + best_len, "相当于"))) {
        best = -1;
        /* 研发经费支出占全市生产总值比重: the share's own name, without the
         * region, may be an alias (研发经费支出占生产总值比重) */
        char bare[256];
        if (n < sizeof bare && without_own_object(metric, bare)) {
            size_t bat, blen;
            int row = match(bare, &bat, &blen);
            if (row >= 0) {
                *at = 0;
                *length = n;
                return row;
            }
        }
    }
    if (best >= 0 && derived_metric(metric, best_pos, best_len))
        best = -1;
    /* 规模以上工业增加值中高技术制造业增加值 (其中…): a part of the total; the id is
     * the part's own, or none (…中民间投资 is not fixed-asset investment) */
    const char *rest = metric + best_pos + best_len;
    if (best >= 0 && strncmp(rest, "中", 3) == 0 && rest[3]) {
        size_t sub_at, sub_len;
        size_t skip = (size_t)(rest + 3 - metric);
        int part = match(rest + 3, &sub_at, &sub_len);
        /* 进出口总额中出口: the part with the total's head (出口总额) */
        for (size_t j = best_pos + 3; part < 0 && j < best_pos + best_len;
             j += zb__utf8_len((unsigned char)metric[j])) {
            /* cand = the part + the total's tail; no printf in this loop */
            char cand[256];
            size_t a = strlen(rest + 3), b = best_pos + best_len - j, k = a + b;
            size_t len;
            int row = -1;
            if (k > 0 && k < sizeof cand) {
                memcpy(cand, rest + 3, a);
                memcpy(cand + a, metric + j, b);
                cand[k] = 0;
                row = zb__lex_prefix(&zb__aliases, cand, k, &len);
            }
            if (row >= 0 && len == k) {
                part = zb__aliases.rows[row].kind;
                sub_at = 0;
                sub_len = strlen(rest + 3);
            }
        }
        if (part < 0)
            part = part_with_head(rest + 3, &sub_at, &sub_len);
        best = part;
        best_pos = skip + sub_at;
        best_len = sub_len;
    }
    *at = best_pos;
    *length = best_len;
    return best;
}

/* Names of Latin letters are matched in capitals, as the catalog writes
 * them: informal pages write 人均gdp, 占gdp比重. Folding keeps a byte's
 * place, so positions hold for the metric as written. */
int zb__metric_match(const char *metric, size_t *at, size_t *length) {
    const char *p = metric;
    while (*p && !(*p >= 'a' && *p <= 'z'))
        p++;
    if (!*p) /* most metrics: Chinese, capitals, digits */
        return match(metric, at, length);
    size_t n = strlen(metric);
    char upper[256];
    if (n >= sizeof upper)
        return match(metric, at, length);
    for (size_t i = 0; i <= n; i++)
        upper[i] = metric[i] >= 'a' && metric[i] <= 'z' ? (char)(metric[i] - 'a' + 'A') : metric[i];
    return match(upper, at, length);
}

/* Does a catalog name end in a share word (优良水体比例, 城镇调查失业率)? */
static int names_a_ratio(const char *name) {
    return zb__lex_has(zb__lex_suffix(&zb__lexicon, name, 0, strlen(name), NULL), ZB_LX_share);
}

const char *zb__metric_id(const char *metric, int *sector) {
    size_t pos, len;
    int best = zb__metric_match(metric, &pos, &len);
    *sector = best >= 0 ? zb__metric_rows[best].sector : -1;
    return best >= 0 ? zb__metric_rows[best].id : "";
}

/* Is unit (a catalog row's) a unit of measure that no count has: 元, 吨, %,
 * 千瓦 — not a counting word (个, 家, 户) and not '-' or empty? */
static int measured_unit(const char *unit) {
    size_t n = strlen(unit), k;
    if (!n || !strcmp(unit, "-"))
        return 0;
    int row = zb__lex_prefix(&zb__units, unit, n, &k);
    return !(row >= 0 && k == n && (zb__units.rows[row].flags & ZB_UF_cls));
}

const char *zb__quantity_metric_id(const char *metric, const zb_qty *q, int *sector) {
    size_t pos, len;
    int best = zb__metric_match(metric, &pos, &len);
    /* 117个国考断面优良水体比例达到76.6%: the 117个 counts the sections; an
     * amount is never the value of a ratio */
    if (best >= 0 && q->kind == ZB_QTY_AMOUNT && names_a_ratio(zb__metric_rows[best].name))
        best = -1;
    /* 16个居民人均可支配收入…等预期性指标: a count of things is no level of a
     * metric measured in 元 */
    if (best >= 0 && q->kind == ZB_QTY_AMOUNT && (q->unit_flags & ZB_UF_cls) &&
        measured_unit(zb__metric_rows[best].unit) && strcmp(q->base_unit, zb__metric_rows[best].unit))
        best = -1;
    *sector = best >= 0 ? zb__metric_rows[best].sector : -1;
    return best >= 0 ? zb__metric_rows[best].id : "";
}
