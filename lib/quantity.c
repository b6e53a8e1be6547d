/*
 * Stage 4b, quantities: numbers with their magnitude, unit and comparator.
 *
 * One left-to-right pass over a folded paragraph. At each number it reads,
 * in order: 多/余, magnitudes (万, 亿, 万亿, 千万 …, but not a 千 that begins
 * a unit such as 千瓦), the longest unit of schema/units.tsv, a trailing
 * comparator (以上, 左右), and a second number for a range (5%—6%, 5至6%).
 * A preceding comparator (超过, 约) must touch the number. Numbers that belong
 * to years, dates, names, ordinals and list markers are reported with those
 * kinds so that later stages can drop them.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chars.h"
#include "quantity.h"
#include "tables.h"
#include "unit.h"

typedef struct scanner {
    const char *s;
    size_t n;
    zb_qtys *out;
    const zb_mem *mem;
} scanner;

int zb__qkind_measures(zb_qkind k) { return k <= ZB_QTY_RANK; }

int zb__indicator_candidate(const zb_qty *q) {
    return (zb__qkind_measures(q->kind) || (q->kind == ZB_QTY_NUMBER && q->bare_metric)) &&
           !q->streak;
}

long zb__figure_in(const zb_qty *q, size_t n, size_t lo, size_t hi) {
    size_t a = 0, b = n;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (q[mid].start < lo)
            a = mid + 1;
        else
            b = mid;
    }
    for (; a < n && q[a].start < hi; a++)
        if (zb__indicator_candidate(&q[a]))
            return (long)a;
    return -1;
}

/* ---- quoted names: “吉林一号”, 《…》: short, and no sentence inside ---- */

static const struct {
    const char *open, *close;
} quote_pairs[] = {{"“", "”"}, {"「", "」"}, {"『", "』"}, {"《", "》"}, {"‘", "’"}};

static int quote_stop(uint32_t cp) { return zb__is_final_punct(cp) || cp == ',' || cp == 0x3002; }

/* Is pos inside a short quotation (at most 96 bytes between the marks, no
 * sentence or comma inside)? Asked only where a number stands, so looking
 * around pos costs less than marking every quotation of the paragraph. */
static int in_quotes(scanner *sc, size_t pos) {
    const char *s = sc->s;
    size_t n = sc->n, floor = pos > 100 ? pos - 100 : 0;
    for (size_t o = pos; o > floor;) {
        o = zb__prev_char(s, o);
        unsigned char b = (unsigned char)s[o];
        if (b != 0xE2 && b != 0xE3) {
            if (b == ',' || b == ';' || b == '!' || b == '?')
                return 0;
            continue;
        }
        if (quote_stop(zb__cp_at(s, n, o, NULL)))
            return 0;
        for (size_t p = 0; p < sizeof quote_pairs / sizeof *quote_pairs; p++) {
            if (zb__starts(s, n, o, quote_pairs[p].close))
                return 0; /* after a closed quotation (“秸秆变肉”暨千万头) */
            if (!zb__starts(s, n, o, quote_pairs[p].open))
                continue;
            size_t lim = o + strlen(quote_pairs[p].open) + 96;
            for (size_t j = pos; j < lim && j < n;) {
                if (zb__starts(s, n, j, quote_pairs[p].close))
                    return 1;
                size_t k;
                if (quote_stop(zb__cp_at(s, n, j, &k)))
                    break;
                j += k;
            }
        }
    }
    return 0;
}

/* ---- emitting ---- */

static zb_qty *push(scanner *sc) {
    zb_qtys *q = sc->out;
    if (q->n == q->cap) {
        size_t cap = q->cap ? 2 * q->cap : 32;
        zb_qty *v = zb__realloc(sc->mem, q->v, cap * sizeof *v);
        if (!v)
            return NULL;
        q->v = v;
        q->cap = cap;
    }
    zb_qty *e = &q->v[q->n++];
    memset(e, 0, sizeof *e);
    e->value_high = e->base_value_high = NAN;
    e->unit_kind = -1;
    return e;
}

static int push_plain(scanner *sc, size_t start, size_t end, zb_qkind kind) {
    zb_qty *q = push(sc);
    if (!q)
        return ZB_ENOMEM;
    q->start = q->num_start = q->before_start = start;
    q->end = q->num_end = q->unit_end = end;
    q->kind = kind;
    return ZB_OK;
}

static int lexicon_role_at(const char *s, size_t n, size_t j, int role) {
    size_t k;
    int row = zb__lex_prefix(&zb__lexicon, s + j, n - j, &k);
    return row >= 0 && zb__lex_find_kind(&zb__lexicon, row, role) >= 0;
}

/* 提高\n四个服务”水平: a closing quote a few characters on, and no opening one
 * before it — a slogan whose opening mark a PDF lost (the text is folded, so
 * the marks are “ ”). */
static int lost_open_quote(const char *s, size_t n, size_t j) {
    for (int chars = 0; j < n && chars < 8; chars++) {
        size_t k;
        uint32_t cp = zb__cp_at(s, n, j, &k);
        if (cp == 0x201D)
            return chars > 0;
        if (!zb__is_cjk(cp))
            return 0;
        j += k;
    }
    return 0;
}

/* Fill a measuring quantity from a number and its tail. */
static int emit(scanner *sc, size_t start, size_t num_start, const zb_number *num, const zb_tail *t,
                const zb_number *high, const zb_tail *th, size_t end) {
    const char *s = sc->s;
    size_t n = sc->n;
    const zb_tail *ut = th && zb__tail_has_unit(th) ? th : t; /* a range carries its unit to both ends */
    /* 10^300 × 万亿 is no number a double holds: skipped and counted, never inf */
    if (!isfinite(zb__decimal(num->mant, num->exp10 + ut->mag_exp)) ||
        (high && !isfinite(zb__decimal(high->mant, high->exp10 + ut->mag_exp)))) {
        sc->out->overflows++;
        return ZB_OK;
    }
    zb_qty *q = push(sc);
    if (!q)
        return ZB_ENOMEM;
    q->start = start;
    q->num_start = num_start;
    q->num_end = t->mag_end;
    q->unit_end = (th ? th : t)->end;
    q->end = end;
    q->before_start = start;
    q->value = num->value;
    q->base_value = zb__decimal(num->mant, num->exp10 + ut->mag_exp);
    if (high) {
        q->has_high = 1;
        q->value_high = high->value;
        q->base_value_high = zb__decimal(high->mant, high->exp10 + ut->mag_exp);
    }
    zb__tail_units(s, ut, q);
    q->kind = zb__tail_kind(ut);
    q->unit_kind = ut->unit_row >= 0 ? zb__units.rows[ut->unit_row].kind : -1;
    q->unit_flags = ut->unit_row >= 0 ? zb__units.rows[ut->unit_row].flags : 0;
    q->chinese = num->chinese;
    q->single_cn = num->single_digit;
    q->more = t->more;
    q->mag_exp = ut->mag_exp;
    /* comparators: trailing, then 多/余, then one that touches the number */
    const zb_tail *last = th ? th : t;
    if (last->cmp_row >= 0) {
        q->cmp = (zb_cmp)zb__comparators.rows[last->cmp_row].flags;
        q->cmp_explicit = 1;
    } else if (t->more) {
        q->cmp = ZB_CMP_GT;
        q->cmp_explicit = 1;
    }
    size_t ck, pk;
    int crow = zb__lex_suffix(&zb__comparators, s, 0, start, &ck);
    /* 签约142个: 约 ends a longer word here, so it is no comparator */
    if (crow >= 0 && zb__lex_suffix(&zb__predicates, s, 0, start, &pk) >= 0 && pk > ck)
        crow = -1;
    if (crow >= 0 && zb__comparators.rows[crow].kind != ZB_CP_after) {
        q->before_start = start - ck;
        if (!q->cmp_explicit) {
            q->cmp = (zb_cmp)zb__comparators.rows[crow].flags;
            q->cmp_explicit = 1;
        }
    }
    /* 居全国前10位, 前5名: a place among the first N, so a rank of at most N */
    if ((q->unit_flags & ZB_UF_rank) && q->before_start == start && start >= 3 &&
        zb__starts(s, n, start - 3, "前") && !q->cmp_explicit) {
        q->kind = ZB_QTY_RANK;
        q->cmp = ZB_CMP_LE;
        q->cmp_explicit = 1;
        q->before_start = start - 3;
    }
    if (!q->cmp_explicit) {
        /* 预计全年增长3.5%, 至少建设1个: a comparator for the whole clause, looked
         * for over at most 16 characters back, never past the clause; a 、 list
         * is one clause (预计分别增长9.2%、10.2%) */
        size_t p = q->before_start;
        for (int back = 0; back < 16 && p > 0; back++) {
            size_t k;
            int row = zb__lex_suffix(&zb__comparators, s, 0, p, &k);
            if (row >= 0 && zb__comparators.rows[row].kind == ZB_CP_clause) {
                q->cmp = (zb_cmp)zb__comparators.rows[row].flags;
                q->cmp_explicit = 1;
                break;
            }
            p = zb__prev_char(s, p);
            uint32_t cp = zb__cp_at(s, n, p, NULL);
            if ((zb__is_clause_punct(cp) && cp != 0x3001) || zb__is_final_punct(cp) || cp == 0x3002)
                break;
        }
    }
    /* 连续20年: a streak says how long, not how much; the spec leaves it optional */
    int streak = q->unit_kind == ZB_UK_time && start >= 6 && memcmp(s + start - 6, "连续", 6) == 0;
    /* names: inside short quotes; a duration that qualifies a noun (三年行动);
     * a count of list items (八个方面) */
    size_t after = last->cmp_end;
    q->streak = streak;
    if (in_quotes(sc, num_start))
        q->kind = ZB_QTY_NAME;
    else if (q->unit_kind == ZB_UK_time && last->cmp_row < 0 && after < n &&
             zb__is_cjk(zb__cp_at(s, n, after, NULL)) &&
             !lexicon_role_at(s, n, after, ZB_LX_timeok) &&
             zb__lex_prefix(&zb__predicates, s + after, n - after, &ck) < 0)
        q->kind = ZB_QTY_NAME;
    else if ((q->unit_flags & ZB_UF_cls) && lexicon_role_at(s, n, q->unit_end, ZB_LX_noun))
        q->kind = ZB_QTY_NAME;
    /* 每10万人刑事案件数: a number right after 每 with a noun after it is the
     * denominator in the metric's wording, not a figure (contract §2) */
    else if (start >= 3 && memcmp(s + start - 3, "每", 3) == 0 && after < n &&
             zb__is_cjk(zb__cp_at(s, n, after, NULL)))
        q->kind = ZB_QTY_NAME;
    else if (q->single_cn && (q->unit_flags & ZB_UF_cls) && lost_open_quote(s, n, after))
        q->kind = ZB_QTY_NAME;
    q->noun_follows = zb__noun_at(s, n, after);
    /* a mark after a measure (500亿元大关) is no noun it counts; after a count
     * (三个大台阶) it is */
    if (q->noun_follows && !(q->unit_flags & ZB_UF_cls) &&
        zb__row_has(&zb__after_numbers,
                    zb__lex_prefix(&zb__after_numbers, s + after, n - after, &ck), ZB_AN_mark))
        q->noun_follows = 0;
    q->in_quotes = q->kind == ZB_QTY_NAME;
    return ZB_OK;
}

static int at_clause_start(const char *s, size_t i) {
    if (i == 0)
        return 1;
    size_t p = zb__prev_char(s, i);
    uint32_t cp = zb__cp_at(s, i, p, NULL);
    return zb__is_clause_punct(cp) || zb__is_final_punct(cp) || cp == ' ' || cp == ':' ||
           cp == ')' || cp == 0x201D;
}

/* ---- Arabic numbers ---- */

/* A number without a unit measures when a predicate gives it to a metric
 * (contract §2): 倍差缩小至1.81, 指数为50.3 (a to/reach word with a noun before
 * it), or 满意度从84.7提升至89.6 (从/由 and a change after). Years, codes and
 * counts inside names have no such predicate, or a noun after them. */
/* A text whose font lost the unit, as PDFs do (精细治理背街小巷1650，): a whole
 * number that ends its clause right after the noun an action before it
 * counts. */
static int act_object_count(const char *s, size_t n, const zb_qty *q, const zb_number *num) {
    if (num->has_point || q->before_start != q->start || q->start == 0 || q->end >= n)
        return 0;
    uint32_t next = zb__cp_at(s, n, q->end, NULL);
    uint32_t prev = zb__cp_at(s, n, zb__prev_char(s, q->start), NULL);
    if (!(zb__is_clause_punct(next) || zb__is_final_punct(next)) || !zb__is_cjk(prev) ||
        zb__is_function_char(prev))
        return 0;
    size_t p = q->start;
    for (int chars = 0; p > 0 && chars < 24; chars++) {
        p = zb__prev_char(s, p);
        uint32_t cp = zb__cp_at(s, n, p, NULL);
        if (zb__is_clause_punct(cp) || zb__is_final_punct(cp))
            break;
        size_t k;
        int row = zb__lex_prefix(&zb__predicates, s + p, q->start - p, &k);
        if (zb__pred_has(row, ZB_PR_act) && p + k + 3 <= q->start)
            return 1;
    }
    return 0;
}

static int predicate_gives(const char *s, size_t n, const zb_qty *q, const zb_number *num) {
    if (!num->has_point && num->value >= 1900 && num->value <= 2100)
        return 0; /* 到2035: a year written without 年 */
    if (act_object_count(s, n, q, num))
        return 1;
    size_t after = q->end, k;
    if (after < n && (s[after] == ':' || s[after] == '/' || zb__starts(s, n, after, "∶") ||
                      zb__starts(s, n, after, "比") || zb__starts(s, n, after, "的")))
        return 0; /* 按1:1配套: one term of a ratio; 编号为12的: a qualifier */
    int row = zb__lex_suffix(&zb__predicates, s, 0, q->before_start, &k);
    if (row < 0 || q->before_start - k == 0)
        return 0;
    uint32_t before = zb__cp_at(s, n, zb__prev_char(s, q->before_start - k), NULL);
    /* a metric before the predicate, or the first number of 从84.7提升至89.6
     * (贫困发生率由2.1%降至0: the first number may have its unit) */
    int from_percent = (before == '%' || before == 0x2030) && zb__pred_has(row, ZB_PR_to);
    if ((!zb__is_cjk(before) || zb__is_function_char(before)) && !(before >= '0' && before <= '9') &&
        !from_percent)
        return 0;
    if (zb__pred_has(row, ZB_PR_from)) {
        int next = zb__lex_prefix(&zb__predicates, s + after, n - after, &k);
        return zb__pred_has(next, ZB_PR_to) || zb__pred_has(next, ZB_PR_rise) ||
               zb__pred_has(next, ZB_PR_fall);
    }
    return (zb__pred_has(row, ZB_PR_to) || zb__pred_has(row, ZB_PR_reach)) && !zb__noun_at(s, n, after);
}

/* The ratio sign at s[i] (∶, or : as NFKC folds ：, and ∶ as text.c folds ︰):
 * its length, or 0. */
static size_t ratio_sign(const char *s, size_t n, size_t i) {
    if (i < n && s[i] == ':')
        return 1;
    return zb__starts(s, n, i, "∶") ? 3 : 0;
}

/* The ratio sign that ends right before s[d]: its length, or 0. */
static size_t ratio_sign_before(const char *s, size_t n, size_t d) {
    if (d >= 1 && s[d - 1] == ':')
        return 1;
    return d >= 3 && ratio_sign(s, n, d - 3) == 3 ? 3 : 0;
}

/* Is q a term of a ratio of three parts that a word of the clause before it
 * names (三次产业结构由9.0∶43.5∶47.5调整为9.3∶37.5∶53.2, 三次产业比重为4.0∶
 * 37.7∶58.3; contract §2)? Sets q->ratio_index and ratio_count. The parts'
 * names come from the lexicon's split words (三次产业 → 第一产业|…). */
static void ratio_term(const char *s, size_t n, zb_qty *q) {
    int index = 1, count = 1;
    size_t start = q->start;
    for (;;) { /* terms before; past three the ratio is none, so stop (no
                * quadratic walk over a run of 1:1:1:…) */
        size_t d = start;
        if (d < 1 || count > 3)
            break;
        size_t sep = ratio_sign_before(s, n, d);
        if (!sep)
            break;
        size_t b = d - sep;
        while (b > 0 && (zb__is_digit(s[b - 1]) || s[b - 1] == '.'))
            b--;
        if (b == d - sep)
            break;
        start = b;
        index++;
        count++;
    }
    for (size_t e = q->end;;) { /* terms after */
        size_t sep = ratio_sign(s, n, e);
        if (!sep || e + sep >= n || !zb__is_digit(s[e + sep]) || count > 3)
            break;
        zb_number t;
        zb__arabic(s + e + sep, n - e - sep, &t);
        e += sep + t.len;
        count++;
    }
    if (count != 3)
        return;
    /* the parts' name stands in the clause before the ratio */
    size_t b = start;
    for (int chars = 0; b > 0 && chars < 30; chars++) {
        size_t p = zb__prev_char(s, b);
        uint32_t cp = zb__cp_at(s, n, p, NULL);
        /* the : of an earlier ratio (由9.0:43.5:47.5调整为…) ends no clause */
        int sign = cp == ':' && p > 0 && zb__is_digit(s[p - 1]) && zb__is_digit(s[b]);
        if (!sign && (zb__is_clause_punct(cp) || zb__is_final_punct(cp) || cp == 0x3002))
            break;
        b = p;
    }
    for (size_t i = b; i < start; i += zb__utf8_len((unsigned char)s[i])) {
        size_t k;
        int row = zb__lex_prefix(&zb__lexicon, s + i, start - i, &k);
        if (zb__lex_find_kind(&zb__lexicon, row, ZB_LX_split) >= 0) {
            const char *parts = zb__lexicon.rows[zb__lex_find_kind(&zb__lexicon, row, ZB_LX_split)].text;
            int nparts = 1;
            for (const char *c = parts; *c; c++)
                nparts += *c == '|';
            if (nparts == count) {
                q->ratio_index = index;
                q->ratio_count = count;
                return;
            }
        }
    }
}

/* :MM at s[j], MM two digits up to 59 and no digit after them. */
static int minutes_at(const char *s, size_t n, size_t j) {
    return j + 2 < n && s[j] == ':' && zb__is_digit(s[j + 1]) && zb__is_digit(s[j + 2]) &&
           s[j + 1] <= '5' && (j + 3 >= n || !zb__is_digit(s[j + 3]));
}

/* The end of a time of day whose hours s[i..j) are (09:33, 21:05:10), when a
 * date, a space or a label's colon stands before it; else 0. A ratio's terms
 * (由21:50:29调整为…) follow words. */
static size_t clock_end(const char *s, size_t n, size_t i, size_t j) {
    if (!minutes_at(s, n, j))
        return 0;
    if (i > 0 && s[i - 1] != ' ' && s[i - 1] != ':' && !(i >= 3 && zb__starts(s, n, i - 3, "日")))
        return 0;
    size_t e = j + 3;
    return minutes_at(s, n, e) ? e + 3 : e;
}

static size_t scan_arabic(scanner *sc, size_t i) {
    const char *s = sc->s;
    size_t n = sc->n;
    zb_number num;
    zb__arabic(s + i, n - i, &num);
    size_t j = i + num.len;
    /* names: H9, PM2.5, COVID-19, 5G, 1·8 */
    if (i > 0 && (zb__is_ascii_letter(s[i - 1]) || s[i - 1] == '-' || s[i - 1] == '_')) {
        while (j < n && (zb__is_ascii_letter(s[j]) || zb__is_digit(s[j])))
            j++;
        return push_plain(sc, i, j, ZB_QTY_NAME) ? 0 : j;
    }
    if (j < n && zb__is_ascii_letter(s[j])) {
        while (j < n && (zb__is_ascii_letter(s[j]) || zb__is_digit(s[j])))
            j++;
        return push_plain(sc, i, j, ZB_QTY_NAME) ? 0 : j;
    }
    if (zb__starts(s, n, j, "·") && j + 2 < n && zb__is_digit(s[j + 2])) {
        j += 2;
        while (j < n && zb__is_digit(s[j]))
            j++;
        return push_plain(sc, i, j, ZB_QTY_NAME) ? 0 : j;
    }
    if (num.overflow) {
        sc->out->overflows++;
        return j;
    }
    /* 2025年03月12日 21:05:10, 2022-03-05 09:33: a time of day, no figure */
    size_t clock = !num.has_point && !num.grouped && num.int_digits <= 2 && num.value <= 23
                       ? clock_end(s, n, i, j)
                       : 0;
    if (clock)
        return push_plain(sc, i, clock, ZB_QTY_NAME) ? 0 : clock;
    /* list markers: 1. 1、 (1) at the start of a clause */
    if (!num.has_point && num.int_digits <= 2) {
        if (i > 0 && s[i - 1] == '(' && j < n && s[j] == ')')
            return push_plain(sc, i - 1, j + 1, ZB_QTY_MARKER) ? 0 : j + 1;
        if (at_clause_start(s, i) && (zb__starts(s, n, j, "、") || (j < n && s[j] == '.'))) {
            size_t e = j + (s[j] == '.' ? 1 : 3);
            return push_plain(sc, i, e, ZB_QTY_MARKER) ? 0 : e;
        }
    }
    /* years: 2022年, 2021—2025年, 2021-2025 */
    int yearlike = !num.has_point && !num.grouped && num.int_digits == 4 && num.value >= 1000 &&
                   num.value <= 2999;
    if (yearlike) {
        if (zb__starts(s, n, j, "年"))
            return push_plain(sc, i, j + 3, ZB_QTY_YEAR) ? 0 : j + 3;
        size_t jl = zb__range_joint(s, n, j);
        if (jl && j + jl + 4 <= n && zb__is_digit(s[j + jl]) && zb__is_digit(s[j + jl + 3]) &&
            (j + jl + 4 == n || !zb__is_digit(s[j + jl + 4]))) {
            size_t e = j + jl + 4;
            if (zb__starts(s, n, e, "年"))
                e += 3;
            return push_plain(sc, i, e, ZB_QTY_YEAR) ? 0 : e;
        }
    }
    zb_tail t;
    zb__parse_tail(s, n, j, &t);
    /* ranges: 5%—6%, 5至6%, 5-6个百分点 */
    size_t jl = t.cmp_row < 0 ? zb__range_joint(s, n, t.end) : 0;
    if (jl && t.end + jl < n && zb__is_digit(s[t.end + jl])) {
        zb_number hi;
        zb__arabic(s + t.end + jl, n - t.end - jl, &hi);
        size_t hj = t.end + jl + hi.len;
        zb_tail th;
        zb__parse_tail(s, n, hj, &th);
        /* 5至6%: the unit after the second end serves both; 5%—6%: the same unit */
        int same = t.unit_row >= 0 ? t.unit_row == th.unit_row && t.mag_exp == th.mag_exp
                                   : zb__tail_has_unit(&th) && (t.mag_exp == 0 || t.mag_exp == th.mag_exp);
        if (!hi.overflow && same && hi.value >= num.value) {
            if (emit(sc, i, i, &num, &t, &hi, &th, th.cmp_end))
                return 0;
            return th.cmp_end;
        }
    }
    size_t before = sc->out->n;
    if (emit(sc, i, i, &num, &t, NULL, NULL, t.cmp_end))
        return 0;
    zb_qty *q = sc->out->n > before ? &sc->out->v[sc->out->n - 1] : NULL;
    if (q && q->kind == ZB_QTY_NUMBER) {
        q->bare_metric = predicate_gives(s, n, q, &num);
        ratio_term(s, n, q);
        if (q->ratio_count)
            q->bare_metric = 1;
    }
    return t.cmp_end > j ? t.cmp_end : j;
}

/* ---- Chinese numerals ---- */

static size_t scan_chinese(scanner *sc, size_t i) {
    const char *s = sc->s;
    size_t n = sc->n;
    zb_number num;
    if (!zb__chinese(s + i, n - i, &num))
        return i + 3;
    size_t j = i + num.len;
    if (num.overflow) {
        sc->out->overflows++;
        return j;
    }
    if (num.irregular)
        return push_plain(sc, i, j, ZB_QTY_NAME) ? 0 : j;
    /* 二〇二二年 is a year; 九九个 reads on as 99 */
    if (num.digit_string && zb__starts(s, n, j, "年"))
        return push_plain(sc, i, j + 3, ZB_QTY_YEAR) ? 0 : j + 3;
    /* 中央八项规定, 两位数增长: a set phrase or a policy's name */
    size_t pk;
    int prow = zb__lex_prefix(&zb__after_numbers, s + j, n - j, &pk);
    if (zb__row_has(&zb__after_numbers, prow, ZB_AN_phrase))
        return push_plain(sc, i, j + pk, ZB_QTY_NAME) ? 0 : j + pk;
    /* list markers: (一) 一、 三是 */
    if (!num.has_point && !num.ends_big) {
        if (i > 0 && s[i - 1] == '(' && j < n && s[j] == ')')
            return push_plain(sc, i - 1, j + 1, ZB_QTY_MARKER) ? 0 : j + 1;
        if (at_clause_start(s, i) && (zb__starts(s, n, j, "、") || zb__starts(s, n, j, "是")))
            return push_plain(sc, i, j + 3, ZB_QTY_MARKER) ? 0 : j + 3;
    }
    /* the trailing 万/亿 of 三千万 belongs to the unit: reparse it as magnitude */
    size_t tail_at = num.ends_big ? j - num.big_len : j;
    zb_tail t;
    zb__parse_tail(s, n, tail_at, &t);
    if (t.unit_row < 0 && t.mag_exp == 0)
        return j; /* 一主六双, 十九大: numerals inside words */
    if (t.unit_row < 0)
        return j; /* 万亿级 without a counting word */
    int ukind = zb__units.rows[t.unit_row].kind;
    unsigned uflags = zb__units.rows[t.unit_row].flags;
    if (num.leading_magnitude && num.ndigits == 0 && t.mag_exp == 0)
        return t.end; /* 每千人, 百姓: a magnitude alone counts nothing */
    /* 6个千亿级产业集群: magnitudes alone before 级 name a class of size, as
     * 万亿级 does (scan_bare_magnitude) */
    if (num.leading_magnitude && num.ndigits == 0 && !strcmp(zb__units.rows[t.unit_row].text, "级"))
        return push_plain(sc, i, t.end, ZB_QTY_NAME) ? 0 : t.end;
    /* 十一届九次、十次全会: a count right after an ordinal is part of it */
    if (sc->out->n && (sc->out->v[sc->out->n - 1].kind == ZB_QTY_ORDINAL ||
                       sc->out->v[sc->out->n - 1].kind == ZB_QTY_NAME)) {
        size_t prev_end = sc->out->v[sc->out->n - 1].end;
        if (prev_end == i || (prev_end + 3 == i && zb__starts(s, n, prev_end, "、")))
            return push_plain(sc, i, t.end, ZB_QTY_ORDINAL) ? 0 : t.end;
    }
    /* 二次开发, 三次产业: a Chinese count that qualifies a noun is a name */
    if (ukind == ZB_UK_amount && !(uflags & ZB_UF_cls) && t.cmp_row < 0 && t.mag_exp == 0 &&
        zb__noun_at(s, n, t.end))
        return push_plain(sc, i, t.end, ZB_QTY_NAME) ? 0 : t.end;
    int measuring = ukind != ZB_UK_date && ukind != ZB_UK_name && ukind != ZB_UK_ordinal;
    int bare = (num.single_digit || (num.leading_magnitude && num.mant == 0)) && t.mag_exp == 0;
    /* …连续六年100%: a streak, as 连续6年 is, which the metric ends before */
    int streak = ukind == ZB_UK_time && i >= 6 && memcmp(s + i - 6, "连续", 6) == 0;
    if (measuring && (num.single_digit || num.leading_magnitude) && t.mag_exp == 0 &&
        !(uflags & ZB_UF_cn) && !streak)
        return t.end; /* 一批, 五级, 千亿级: words, not counts */
    if (measuring && bare && num.value < 2)
        return t.end; /* 一个平台, 零就业 */
    if (emit(sc, i, i, &num, &t, NULL, NULL, t.cmp_end))
        return 0;
    return t.cmp_end;
}

/* 超过万亿元, 突破万亿: a big magnitude with no digits is one of it (contract
 * §2) — but only where a comparator or a to/reach predicate says a number
 * comes: 每万人口, 亿元以上项目 and 万亿级 are words. */
static size_t scan_bare_magnitude(scanner *sc, size_t i, size_t k) {
    const char *s = sc->s;
    size_t n = sc->n, ck, pk;
    int crow = zb__lex_suffix(&zb__comparators, s, 0, i, &ck);
    int prow = zb__lex_suffix(&zb__predicates, s, 0, i, &pk);
    int after_comparator = crow >= 0 && zb__comparators.rows[crow].kind != ZB_CP_after;
    int after_predicate = zb__pred_has(prow, ZB_PR_to) || zb__pred_has(prow, ZB_PR_reach);
    if (!after_comparator && !after_predicate)
        return i + k;
    /* 分别达到 亿元、 亿元: one magnitude after a verb alone is a draft's blank
     * (folding took its space); 突破亿元 and 达到万亿元 say an amount */
    if (!after_comparator && k == 3)
        return i + k;
    zb_tail t;
    zb__parse_tail(s, n, i, &t);
    if (t.unit_row >= 0 && zb__units.rows[t.unit_row].kind != ZB_UK_amount)
        return t.end;
    if (zb__starts(s, n, t.cmp_end, "的") || (t.unit_row < 0 && zb__noun_at(s, n, t.cmp_end)))
        return t.cmp_end; /* 超万亿元的产业, 万亿元级: a class, not an amount */
    zb_number one;
    memset(&one, 0, sizeof one);
    one.value = 1;
    one.mant = 1;
    one.chinese = 1;
    if (emit(sc, i, i, &one, &t, NULL, NULL, t.cmp_end))
        return 0;
    return t.cmp_end;
}

/* ---- 第N: ranks and ordinals ---- */

/* A quantity whose unit needs no magnitude: 第5位, 百分之十五. Returns its end, 0
 * when out of memory. */
static size_t push_unit_number(scanner *sc, size_t start, size_t num_start, size_t num_end,
                               size_t end, const zb_number *num, const char *unit,
                               zb_qkind kind) {
    zb_qty *q = push(sc);
    if (!q)
        return 0;
    q->start = q->before_start = start;
    q->num_start = num_start;
    q->num_end = num_end;
    q->end = q->unit_end = end;
    q->value = q->base_value = num->value;
    snprintf(q->unit, sizeof q->unit, "%s", unit);
    snprintf(q->base_unit, sizeof q->base_unit, "%s", unit);
    q->kind = kind;
    q->chinese = num->chinese;
    return end;
}

static int rank_predicate_before(const char *s, size_t i) {
    /* 居全国第一, 名列第一: a rank word within a few characters */
    size_t p = i;
    for (int back = 0; back < 5 && p > 0; back++) {
        size_t k;
        int row = zb__lex_suffix(&zb__predicates, s, 0, p, &k);
        if (row >= 0 && zb__lex_find_kind(&zb__predicates, row, ZB_PR_rank) >= 0)
            return 1;
        p = zb__prev_char(s, p);
    }
    return 0;
}

/* 全市第1, 全国第一: the report's own scope right before 第 ranks in it */
static int own_scope_before(const char *s, size_t i) {
    size_t k;
    return zb__row_has(&zb__entities, zb__lex_suffix(&zb__entities, s, 0, i, &k), ZB_EN_own);
}

/* The number at s[j], in digits or Chinese numerals (第5位, 第五位, 百分之十五). */
static int number_at(const char *s, size_t n, size_t j, zb_number *num) {
    return j < n && zb__is_digit(s[j]) ? zb__arabic(s + j, n - j, num)
                                     : zb__chinese(s + j, n - j, num);
}

static size_t scan_ordinal(scanner *sc, size_t i) {
    const char *s = sc->s;
    size_t n = sc->n;
    size_t j = i + 3; /* after 第 */
    zb_number num;
    int ok = number_at(s, n, j, &num);
    if (!ok || num.overflow || num.irregular)
        return j;
    size_t k = j + num.len, ul;
    int row = zb__unit_row_at(s, n, k, &ul);
    if (row >= 0 && (zb__units.rows[row].flags & ZB_UF_rank) && !in_quotes(sc, i))
        return push_unit_number(sc, i, j, k, k + ul, &num, zb__units.rows[row].text,
                                ZB_QTY_RANK);
    if (row < 0) {
        size_t after = k;
        uint32_t cp = after < n ? zb__cp_at(s, n, after, NULL) : '.';
        if ((after >= n || zb__is_clause_punct(cp) || zb__is_final_punct(cp) || cp == 0x3002 ||
             cp == ')') &&
            (rank_predicate_before(s, i) || own_scope_before(s, i)) && !in_quotes(sc, i))
            return push_unit_number(sc, i, j, k, k, &num, "位", ZB_QTY_RANK);
        /* kept with its number: a rank after it may make it one (carry_units) */
        return push_unit_number(sc, i, j, k, k, &num, "", ZB_QTY_ORDINAL);
    }
    return push_plain(sc, i, k + ul, ZB_QTY_ORDINAL) ? 0 : k + ul;
}

/* 百分之十五 */
static size_t scan_percent_words(scanner *sc, size_t i) {
    const char *s = sc->s;
    size_t n = sc->n;
    size_t j = i + 9;
    zb_number num;
    int ok = number_at(s, n, j, &num);
    if (!ok || num.irregular || num.overflow || num.ends_big)
        return j;
    /* 百分之四点五至百分之五, 百分之四至五: a range */
    size_t e = j + num.len, jl = zb__range_joint(s, n, e), h = e + jl, end = e;
    zb_number hi;
    if (jl && zb__starts(s, n, h, "百分之"))
        h += 9;
    if (jl && h < n && number_at(s, n, h, &hi) && !hi.irregular && !hi.overflow && !hi.ends_big &&
        hi.value >= num.value)
        end = h + hi.len;
    if (!push_unit_number(sc, i, j, e, end, &num, "%", ZB_QTY_PERCENT))
        return 0;
    zb_qty *q = &sc->out->v[sc->out->n - 1];
    if (end > e) {
        q->value_high = q->base_value_high = hi.value;
        q->has_high = 1;
    }
    size_t ck;
    int crow = zb__lex_prefix(&zb__comparators, s + q->end, n - q->end, &ck);
    if (crow >= 0 && zb__comparators.rows[crow].kind == ZB_CP_after) {
        q->cmp = (zb_cmp)zb__comparators.rows[crow].flags;
        q->cmp_explicit = 1;
        q->end += ck;
    }
    return q->end;
}

/* Can a Chinese numeral, 第 or 百分之 start at s[i]? One decode and a switch,
 * because this runs on every Chinese character of the report. */
static int numeral_start(const char *s, size_t n, size_t i) {
    if (i + 3 > n)
        return 0;
    uint32_t cp = ((uint32_t)(s[i] & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
                  (uint32_t)(s[i + 2] & 0x3F);
    switch (cp) {
    case 0x7B2C: /* 第 */
    case 0x96F6: case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: /* 零一二三四 */
    case 0x4E94: case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: /* 五六七八九 */
    case 0x4E24: case 0x3007:                                        /* 两〇 */
    case 0x5341: case 0x767E: case 0x5343:                           /* 十百千 */
    case 0x4E07: case 0x4EBF:                                        /* 万亿 */
        return 1;
    default:
        return 0;
    }
}

int zb__recognize(const zb_mem *m, const char *s, size_t n, zb_qtys *out) {
    scanner sc = {.s = s, .n = n, .out = out, .mem = m};
    out->n = 0;
    out->overflows = 0;
    size_t i = 0;
    int rc = ZB_OK;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t next;
        if (zb__is_digit((char)c)) {
            next = scan_arabic(&sc, i);
        } else if (c >= 0xE3 && numeral_start(s, n, i)) {
            size_t k;
            int v, e;
            if (zb__starts(s, n, i, "第"))
                next = scan_ordinal(&sc, i);
            else if (zb__starts(s, n, i, "百分之"))
                next = scan_percent_words(&sc, i);
            else if (zb__is_cn_digit(s + i, n - i, &k, &v) ||
                     (zb__is_cn_magnitude(s + i, n - i, &k, &e) && e < 4))
                next = scan_chinese(&sc, i);
            else if (zb__is_cn_magnitude(s + i, n - i, &k, &e))
                next = scan_bare_magnitude(&sc, i, k);
            else
                next = i + zb__utf8_len(c);
        } else {
            next = i + zb__utf8_len(c);
        }
        if (next == 0) {
            rc = ZB_ENOMEM;
            break;
        }
        i = next > i ? next : i + 1;
    }
    if (rc == ZB_OK)
        zb__carry_units(s, out);
    return rc;
}

void zb__qtys_free(const zb_mem *m, zb_qtys *q) {
    zb__free(m, q->v);
    memset(q, 0, sizeof *q);
}
