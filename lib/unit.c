/*
 * Stage 4b: what follows a number (see unit.h) — 多/余, magnitudes (万, 亿,
 * 万亿, 千万 …, but not a 千 that begins a unit such as 千瓦), the longest unit
 * of schema/units.tsv, a rate (元/亩) and a trailing comparator (以上, 左右);
 * and, once a paragraph is read, the unit a list shares (10.6万、3.3万公顷).
 */
#include <math.h>
#include <string.h>

#include "chars.h"
#include "tables.h"
#include "unit.h"

/* ---- the parts after a number ---- */


int zb__unit_row_at(const char *s, size_t n, size_t i, size_t *len) {
    size_t k;
    int row = zb__lex_prefix(&zb__units, s + i, n - i, &k);
    if (row < 0 || zb__units.rows[row].kind == ZB_UK_magnitude)
        return -1;
    *len = k;
    return row;
}

static int take_more(const char *s, size_t n, size_t *j) {
    if (zb__starts(s, n, *j, "多") || zb__starts(s, n, *j, "余")) {
        size_t k, next = *j + 3;
        int e;
        if (zb__is_cn_magnitude(s + next, n - next, &k, &e) || zb__unit_row_at(s, n, next, &k) >= 0) {
            *j = next;
            return 1;
        }
    }
    return 0;
}

void zb__parse_tail(const char *s, size_t n, size_t j, zb_tail *t) {
    memset(t, 0, sizeof *t);
    t->unit_row = t->cmp_row = t->rate_row = -1;
    t->more = take_more(s, n, &j);
    t->mag_start = j;
    for (int taken = 0; taken < 2; taken++) {
        size_t k, ul;
        int e;
        if (!zb__is_cn_magnitude(s + j, n - j, &k, &e))
            break;
        /* 千瓦, 百分点: a unit that begins with a magnitude character wins */
        if (zb__unit_row_at(s, n, j, &ul) >= 0)
            break;
        if (e < 4 && taken == 1)
            break; /* 万千 is not a magnitude; 千万 is */
        t->mag_exp += e;
        j += k;
    }
    t->mag_end = j;
    if (!t->more)
        t->more = take_more(s, n, &j);
    size_t ul, nl = 0;
    int row = zb__unit_row_at(s, n, j, &ul);
    /* 2900多万家庭: a noun that begins with the counting word is what is counted */
    int noun = zb__lex_prefix(&zb__after_numbers, s + j, n - j, &nl);
    if (row >= 0 && noun >= 0 && nl > ul && zb__row_has(&zb__after_numbers, noun, ZB_AN_noun))
        row = -1;
    if (row >= 0) {
        t->unit_row = row;
        t->unit_start = j;
        j += ul;
        t->unit_end = j;
        /* a rate unit: 元/亩, 万元/人 */
        if (j < n && s[j] == '/') {
            size_t rl;
            int rr = zb__unit_row_at(s, n, j + 1, &rl);
            if (rr >= 0 && zb__units.rows[rr].kind == ZB_UK_amount) {
                t->rate_row = rr;
                t->rate_start = j;
                t->rate_end = j + 1 + rl;
                j = t->rate_end;
            }
        }
    }
    t->end = j;
    t->cmp_end = j;
    size_t ck;
    int crow = zb__lex_prefix(&zb__comparators, s + j, n - j, &ck);
    if (crow >= 0 && zb__comparators.rows[crow].kind == ZB_CP_after &&
        strcmp(zb__comparators.rows[crow].word, "多") != 0 &&
        strcmp(zb__comparators.rows[crow].word, "余") != 0) {
        t->cmp_row = crow;
        t->cmp_end = j + ck;
    }
}

int zb__tail_has_unit(const zb_tail *t) { return t->unit_row >= 0 || t->mag_exp > 0; }

/* unit text = magnitude characters + the unit as reported (+ rate) */
/* dst (of size 48) = the pieces, concatenated; they are short table words */
static void concat(char dst[48], const char *a, size_t alen, const char *b, const char *c) {
    size_t n = 0, blen = strlen(b), clen = strlen(c);
    if (alen + blen + 1 + clen >= 48)
        alen = blen = clen = 0; /* cannot happen with the tables we have */
    memcpy(dst, a, alen);
    n += alen;
    memcpy(dst + n, b, blen);
    n += blen;
    if (clen) {
        dst[n++] = '/';
        memcpy(dst + n, c, clen);
        n += clen;
    }
    dst[n] = 0;
}

void zb__tail_units(const char *s, const zb_tail *t, zb_qty *q) {
    size_t mlen = t->mag_end - t->mag_start;
    const char *unit = t->unit_row >= 0 ? zb__units.rows[t->unit_row].text : "";
    const char *rate = t->rate_row >= 0 ? zb__units.rows[t->rate_row].text : "";
    concat(q->unit, s + t->mag_start, mlen, unit, rate);
    concat(q->base_unit, "", 0, unit, rate);
}

zb_qkind zb__tail_kind(const zb_tail *t) {
    if (t->unit_row < 0)
        return t->mag_exp ? ZB_QTY_AMOUNT : ZB_QTY_NUMBER;
    switch (zb__units.rows[t->unit_row].kind) {
    case ZB_UK_percent: return ZB_QTY_PERCENT;
    case ZB_UK_points: return ZB_QTY_POINTS;
    case ZB_UK_multiple: return ZB_QTY_MULTIPLE;
    case ZB_UK_date: return ZB_QTY_DATE;
    case ZB_UK_name: return ZB_QTY_NAME;
    case ZB_UK_ordinal: return ZB_QTY_ORDINAL;
    default: return ZB_QTY_AMOUNT;
    }
}

/* A dash, 至 or 到 joining the two ends of a range; its length, or 0. */
size_t zb__range_joint(const char *s, size_t n, size_t j) {
    static const char *const joints[] = {"——", "—", "–", "-", "~", "〜", "至", "到"};
    for (size_t i = 0; i < sizeof joints / sizeof *joints; i++)
        if (zb__starts(s, n, j, joints[i]))
            return strlen(joints[i]);
    return 0;
}

/* ---- what follows a quantity ---- */

/* Characters after a count that do not begin the counted noun. */
int zb__is_function_char(uint32_t cp) {
    static const char *const chars = "就的等和与及或以左上下之内外后前来中为是在";
    char buf[4] = {0};
    size_t k = 0;
    if (cp < 0x80)
        return 1;
    /* encode cp and look for it in the list */
    if (cp < 0x800) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        k = 2;
    } else if (cp < 0x10000) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        k = 3;
    } else {
        return 0;
    }
    for (const char *p = chars; *p; p += 3)
        if (memcmp(p, buf, k) == 0)
            return 1;
    return 0;
}

/* What follows the quantity at j: does a noun start there (not a predicate,
 * a comparator, punctuation or a function word)? */
int zb__noun_at(const char *s, size_t n, size_t j) {
    if (j >= n)
        return 0;
    size_t k;
    uint32_t cp = zb__cp_at(s, n, j, &k);
    if (!zb__is_cjk(cp) && cp != 0x201C && cp != 0x300A)
        return 0;
    /* a function character, predicate or comparator starts no noun, unless
     * inside a word of the lexicon (8个约束性指标: 约束, not 约; 30项为民办实事
     * 项目: 为民, not 为) */
    size_t kw = 0;
    if (zb__lex_prefix_kind(&zb__lexicon, s + j, n - j, ZB_LX_word, &kw) < 0)
        kw = 0;
    if (zb__is_cjk(cp) && zb__is_function_char(cp) && !kw)
        return 0;
    if (zb__lex_prefix(&zb__predicates, s + j, n - j, &k) >= 0 && k >= kw)
        return 0;
    if (zb__lex_prefix(&zb__comparators, s + j, n - j, &k) >= 0 && k >= kw)
        return 0;
    return 1;
}

/* ---- units a list shares ---- */

/* A number with only a magnitude (10.6万): its unit may come after the list. */
static int magnitude_only(const zb_qty *q) {
    return q->kind == ZB_QTY_AMOUNT && q->unit_kind < 0 && q->mag_exp > 0;
}

/* 第七 of 第二、第七、第九位: 第 and a number, no unit. */
static int bare_ordinal(const zb_qty *q) {
    return q->kind == ZB_QTY_ORDINAL && q->num_start > q->start && q->num_end == q->end;
}

/* Copy b's unit onto a. A magnitude-only a keeps its own magnitude (10.6万 of
 * 10.6万、3.3万公顷 becomes 10.6万公顷); a bare number takes b's (5 of 5和6亿元). */
static void take_unit(zb_qty *a, const zb_qty *b, int keep_magnitude) {
    if (keep_magnitude) {
        size_t alen = strlen(a->unit), blen = strlen(b->base_unit);
        if (alen + blen < sizeof a->unit) /* short table words: always */
            memcpy(a->unit + alen, b->base_unit, blen + 1);
    } else {
        memcpy(a->unit, b->unit, sizeof a->unit);
    }
    memcpy(a->base_unit, b->base_unit, sizeof a->base_unit);
    a->kind = b->kind;
    a->unit_flags = b->unit_flags;
    a->unit_kind = b->unit_kind;
    if (!keep_magnitude) {
        a->mag_exp = b->mag_exp;
        a->base_value = a->value * pow(10.0, b->mag_exp);
    }
}

/* Unit a list shares: 8.6个和3.3个百分点, 5和6个百分点, 10.6万、3.8万、3.3万公顷;
 * and the rank unit of 第二、第七、第九位. Walks the list from its end, so
 * the unit travels back over every item. */
/* Do a and b stand side by side in a list, only 和、及与 between them? */
static int joined_in_list(const char *s, const zb_qty *a, const zb_qty *b) {
    size_t i = a->end;
    if (i >= b->before_start)
        return 0;
    while (i < b->before_start) {
        if (memcmp(s + i, "和", 3) == 0 || memcmp(s + i, "、", 3) == 0 ||
            memcmp(s + i, "及", 3) == 0 || memcmp(s + i, "与", 3) == 0)
            i += 3;
        else
            return 0;
    }
    return 1;
}

void zb__carry_units(const char *s, zb_qtys *qs) {
    /* forward: a comparator before the first item of a list (突破2000亿元、
     * 1500亿元) holds for every item that has none of its own */
    int listed = 0; /* a's comparator came from the head of its list */
    for (size_t k = 1; k < qs->n; k++) {
        zb_qty *a = &qs->v[k - 1], *b = &qs->v[k];
        int carry = (a->before_start < a->start || listed) && !b->cmp_explicit &&
                    b->kind == a->kind && zb__qkind_measures(b->kind) && joined_in_list(s, a, b);
        if (carry) {
            b->cmp = a->cmp;
            b->cmp_explicit = 1;
        }
        listed = carry;
    }
    for (size_t k = qs->n; k-- > 1;) {
        zb_qty *a = &qs->v[k - 1], *b = &qs->v[k];
        if (!zb__qkind_measures(b->kind))
            continue;
        if (!joined_in_list(s, a, b))
            continue;
        if (b->kind == ZB_QTY_RANK) {
            /* 居全国第二、第七、第九位: a bare 第N before a rank is one too */
            int default_rank = a->kind == ZB_QTY_RANK && a->unit_end == a->num_end;
            if (bare_ordinal(a) || default_rank) {
                a->kind = ZB_QTY_RANK;
                memcpy(a->unit, b->unit, sizeof a->unit);
                memcpy(a->base_unit, b->base_unit, sizeof a->base_unit);
            }
            continue;
        }
        int bare = a->kind == ZB_QTY_NUMBER;
        int elided_points = b->kind == ZB_QTY_POINTS && strcmp(a->unit, "个") == 0;
        int elided_unit = magnitude_only(a) && b->unit_kind >= 0;
        if (!bare && !elided_points && !elided_unit)
            continue;
        double base = elided_unit ? a->base_value : a->value * pow(10.0, b->mag_exp);
        if (!isfinite(base)) {
            a->kind = ZB_QTY_NAME; /* 10^300和5万亿元: no double holds it */
            qs->overflows++;
            continue;
        }
        take_unit(a, b, elided_unit);
    }
}
