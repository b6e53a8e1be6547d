/* Bottom layer: regions (see region.h). */
#include <stdio.h>
#include <string.h>

#include "chars.h"
#include "region.h"
#include "zhibiao.h"

#define ZB_REGION_BYTES (16u << 10)

static int is_code(const char *s) {
    size_t n = strlen(s);
    if (n != 6)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!zb__is_digit(s[i]))
            return 0;
    return 1;
}

int zb__region_find(const char *name, const zb_region_row **out, char *why, size_t why_size) {
    *out = NULL;
    if (!name || !*name)
        return ZB_ENOTFOUND;
    if (is_code(name)) {
        for (size_t i = 0; i < zb__region_count; i++)
            if (!strcmp(zb__region_rows[i].code, name)) {
                *out = &zb__region_rows[i];
                return ZB_OK;
            }
        return ZB_ENOTFOUND;
    }
    size_t n = strlen(name), k;
    int row = zb__lex_prefix(&zb__region_names, name, n, &k);
    if (row < 0 || k != n)
        return ZB_ENOTFOUND;
    /* every row sharing the word: rows are sorted by word, the trie gives the first */
    const zb_region_row *best = NULL;
    int ties = 0;
    for (size_t r = (size_t)row; r < zb__region_names.nrows && !strcmp(zb__region_names.rows[r].word,
                                                                       zb__region_names.rows[row].word);
         r++) {
        const zb_region_row *c = &zb__region_rows[zb__region_names.rows[r].kind];
        if (!best || c->level < best->level) {
            best = c;
            ties = 1;
        } else if (c->level == best->level && c != best) {
            ties++;
        }
    }
    if (ties > 1) {
        int len = snprintf(why, why_size, "'%s' names %d regions:", name, ties);
        for (size_t r = (size_t)row; r < zb__region_names.nrows && len > 0 && (size_t)len < why_size &&
                                     !strcmp(zb__region_names.rows[r].word, zb__region_names.rows[row].word);
             r++) {
            const zb_region_row *c = &zb__region_rows[zb__region_names.rows[r].kind];
            if (c->level != best->level)
                continue;
            const char *parent = c->parent >= 0 ? zb__region_rows[c->parent].name : "";
            len += snprintf(why + len, why_size - (size_t)len, " %s %s (%s)", c->code, c->name, parent);
        }
        if ((size_t)len < why_size)
            snprintf(why + len, why_size - (size_t)len, "; give the code");
        return ZB_EINVAL;
    }
    *out = best;
    return ZB_OK;
}

void zb__region_reader_init(zb_region_reader *r) {
    memset(r, 0, sizeof *r);
    r->named = -1;
}

/* Skip back over 第十五届 (and a year: 2024年) before an anchor at s[p]. */
static size_t before_ordinal(const char *s, size_t lo, size_t p) {
    size_t q = p;
    if (q >= lo + 3 && zb__starts(s, p, q - 3, "届")) {
        q -= 3;
        while (q >= lo + 3) {
            size_t k;
            int v, e;
            size_t c = q - 3;
            if (zb__is_cn_digit(s + c, p - c, &k, &v) || zb__is_cn_magnitude(s + c, p - c, &k, &e))
                q = c;
            else
                break;
        }
        if (q >= lo + 3 && zb__starts(s, p, q - 3, "第"))
            return q - 3;
        return p;
    }
    if (q >= lo + 7 && zb__starts(s, p, q - 3, "年") && zb__is_digit(s[q - 4]) &&
        zb__is_digit(s[q - 7]))
        return q - 7;
    return p;
}

/* The region whose full name ends at s[p], or -1. */
static int name_before(const char *s, size_t lo, size_t p) {
    size_t k;
    int row = zb__lex_suffix(&zb__region_names, s, lo, p, &k);
    if (row < 0)
        return -1;
    for (size_t r = (size_t)row; r < zb__region_names.nrows &&
                                 !strcmp(zb__region_names.rows[r].word, zb__region_names.rows[row].word);
         r++) {
        int idx = zb__region_names.rows[r].kind;
        if (!strcmp(zb__region_rows[idx].name, zb__region_names.rows[r].word))
            return idx; /* a full name: 武汉市, not 武汉 */
    }
    return -1;
}

/* A news dateline after a place at s[i] (北京3月12日电, 北京3月5日讯): where the
 * item was filed, not whose report it is. */
static int dateline_at(const char *s, size_t n, size_t i) {
    for (int part = 0; part < 2; part++) {
        size_t d = i;
        while (i < n && i - d < 2 && zb__is_digit(s[i]))
            i++;
        if (i == d || !zb__starts(s, n, i, part ? "日" : "月"))
            return 0;
        i += 3;
    }
    return zb__starts(s, n, i, "电") || zb__starts(s, n, i, "讯");
}

void zb__region_read(zb_region_reader *r, const char *s, size_t n) {
    if (r->bytes >= ZB_REGION_BYTES)
        return;
    r->bytes += n;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        /* 人 and 政 lead with E4 and E6: two bytes to test at most characters */
        if (r->named < 0 && (c == 0xE4 || c == 0xE6) &&
            (zb__starts(s, n, i, "人民代表大会") || zb__starts(s, n, i, "人民政府") ||
             zb__starts(s, n, i, "政府工作报告"))) {
            size_t lo = i > 60 ? i - 60 : 0;
            while (lo < i && ((unsigned char)s[lo] & 0xC0) == 0x80)
                lo++;
            /* 全国人民代表大会: 全国 is the national row */
            int named = name_before(s, lo, before_ordinal(s, lo, i));
            if (named >= 0)
                r->named = named;
        }
        size_t k = 0;
        int row = c >= 0xE4 ? zb__lex_prefix(&zb__regions, s + i, n - i, &k) : -1;
        if (row >= 0 && (size_t)row < sizeof r->votes / sizeof *r->votes &&
            !dateline_at(s, n, i + k))
            r->votes[row]++;
        /* one character on, not past the word: 全国人民代表大会 holds an anchor */
        i += zb__utf8_len(c);
    }
}

const zb_region_row *zb__region_decide(const zb_region_reader *r) {
    if (r->named >= 0)
        return &zb__region_rows[r->named];
    size_t best = 0;
    int row = -1;
    for (size_t i = 0; i < zb__regions.nrows && i < 64; i++)
        if (r->votes[i] > best) {
            best = r->votes[i];
            row = (int)i;
        }
    if (row < 0)
        return NULL;
    const zb_region_row *found;
    char why[8];
    return zb__region_find(zb__regions.rows[row].text, &found, why, sizeof why) == ZB_OK ? found
                                                                                     : NULL;
}

int zb_region_lookup(zb_region *out, const char *name, char *why, size_t why_size) {
    static const char *const levels[] = {"national", "province", "prefecture", "county"};
    char local[8];
    if (!out)
        return ZB_EINVAL;
    memset(out, 0, sizeof *out);
    if (!why || !why_size) {
        why = local;
        why_size = sizeof local;
    }
    why[0] = 0;
    const zb_region_row *row;
    int rc = zb__region_find(name, &row, why, why_size);
    if (rc)
        return rc;
    out->code = row->code;
    out->name = row->name;
    out->name_en = row->name_en;
    out->level = row->level >= 0 && row->level < 4 ? levels[row->level] : "";
    out->parent_code = row->parent >= 0 ? zb__region_rows[row->parent].code : "";
    return ZB_OK;
}
