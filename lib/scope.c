/* Stage 3: the time scope of a passage (see scope.h). */
#include <string.h>

#include "chars.h"
#include "marker.h"
#include "scope.h"
#include "tables.h"

static const zb_years no_years = {0, 0, 0, 0, 0};

void zb__scope_init(zb_scope *s, int report_year) {
    memset(s, 0, sizeof *s);
    s->report_year = report_year;
}

/* The row of the word of `role` that s[i..n) starts with; its length in *len. */
static int period_word(const char *s, size_t n, size_t i, int role, size_t *len) {
    size_t k;
    int row = zb__lex_prefix(&zb__periods, s + i, n - i, &k);
    row = row >= 0 ? zb__lex_find_kind(&zb__periods, row, role) : -1;
    *len = row >= 0 ? k : 0;
    return row;
}

/* A four-digit year written YYYY年 at s[i] (not inside a longer number). */
static int year_at(const char *s, size_t n, size_t i, size_t *len) {
    if (i + 7 > n || (i > 0 && zb__is_digit(s[i - 1])))
        return 0;
    int y = 0;
    for (size_t d = 0; d < 4; d++) {
        if (!zb__is_digit(s[i + d]))
            return 0;
        y = y * 10 + (s[i + d] - '0');
    }
    if (memcmp(s + i + 4, "年", 3) != 0 || y < 1949 || y > 2200)
        return 0;
    *len = 7;
    return y;
}

zb_years zb__time_phrase(const char *s, size_t n, size_t i, size_t *len) {
    zb_years y = no_years;
    size_t k;
    *len = 0;
    unsigned char c = (unsigned char)s[i];
    if (zb__is_digit((char)c)) {
        int year = year_at(s, n, i, &k);
        if (!year)
            return y;
        size_t k2;
        if (period_word(s, n, i + k, ZB_PW_since, &k2) >= 0) {
            /* 2018年以来: from that year to the one before the report */
            y.kind = ZB_YEARS_MULTI;
            y.from = year;
            y.to_rel = -1;
            *len = k + k2;
        } else {
            y.kind = ZB_YEARS_ONE;
            y.from = y.to = year;
            *len = k;
        }
        return y;
    }
    if (!zb__may_be_time_phrase(s, n, i))
        return y;
    /* one look-up for the three roles a phrase may open with: this runs at
     * every character of every paragraph */
    int word = zb__lex_prefix(&zb__periods, s + i, n - i, &k);
    if (word < 0)
        return y;
    int row = zb__lex_find_kind(&zb__periods, word, ZB_PW_recent);
    if (row >= 0) {
        y.kind = ZB_YEARS_MULTI;
        y.from_rel = -(int)zb__periods.rows[row].number;
        y.to_rel = -1;
        *len = k;
        return y;
    }
    row = zb__lex_find_kind(&zb__periods, word, ZB_PW_coming);
    if (row >= 0) { /* 今后五年: the report year and the years after it */
        y.kind = ZB_YEARS_MULTI;
        y.from_rel = 0;
        y.to_rel = (int)zb__periods.rows[row].number - 1;
        *len = k;
        return y;
    }
    if (zb__lex_find_kind(&zb__periods, word, ZB_PW_one) >= 0) {
        y.kind = ZB_YEARS_ONE;
        *len = k;
        return y;
    }
    row = zb__lex_find_kind(&zb__periods, word, ZB_PW_plan);
    if (row < 0)
        return y;
    int first = (int)zb__periods.rows[row].number;
    size_t j = i + k, q;
    while (j < n && zb__is_quote_mark(zb__cp_at(s, n, j, &q)))
        j += q;
    if (period_word(s, n, j, ZB_PW_during, &k) >= 0 ||
        (period_word(s, n, j, ZB_PW_caption, &k) >= 0 && (j + k == n || s[j + k] == ':'))) {
        y.kind = ZB_YEARS_MULTI;
        y.from = first;
        y.to = first + 4;
        *len = j + k - i;
    } else if (period_word(s, n, j, ZB_PW_since, &k) >= 0) {
        y.kind = ZB_YEARS_MULTI;
        y.from = first;
        y.to_rel = -1;
        *len = j + k - i;
    }
    return y;
}

static int same_years(const zb_years *a, const zb_years *b) {
    return a->kind == b->kind && a->from == b->from && a->to == b->to &&
           a->from_rel == b->from_rel && a->to_rel == b->to_rel;
}

/* Where the words of a sentence begin: after spaces, a list marker, a news
 * item's frame (报告指出，), opening quotes and leading words such as 刚刚过去的. */
static size_t opening(const char *s, size_t n, size_t i) {
    int level;
    size_t mlen, k;
    while (i < n && s[i] == ' ')
        i++;
    if (zb__heading_marker(s + i, n - i, &level, &mlen))
        i += mlen;
    /* 报告指出，2021年，…: a news item's frame opens no scope; what follows does */
    size_t f = zb__after_report_frame(s, n, i);
    if (f > i && f < n && (s[f] == ',' || s[f] == ':'))
        i = f + 1;
    for (;;) {
        while (i < n && s[i] == ' ')
            i++;
        if (i < n && zb__is_quote_mark(zb__cp_at(s, n, i, &k)) && period_word(s, n, i + k, ZB_PW_plan, &mlen) >= 0)
            return i + k;
        if (period_word(s, n, i, ZB_PW_lead, &k) < 0 || period_word(s, n, i, ZB_PW_one, &mlen) >= 0)
            return i;
        i += k;
    }
}

/* Is the phrase at s[i] the base of a comparison (较“十三五”时期增长148%)? */
static int after_base_word(const char *s, size_t i) {
    static const char *const base[] = {"比", "较", "与", "同", "对比"};
    size_t j = i, k;
    while (j > 0) {
        size_t p = zb__prev_char(s, j);
        if (!zb__is_quote_mark(zb__cp_at(s, j, p, &k)))
            break;
        j = p;
    }
    for (size_t b = 0; b < sizeof base / sizeof *base; b++) {
        size_t w = strlen(base[b]);
        if (j >= w && memcmp(s + j - w, base[b], w) == 0)
            return 1;
    }
    return 0;
}

/* A sentence s[lo..hi) (without its final punctuation) that ends naming the
 * years it speaks of: 这是经济实力持续提升的五年. */
static zb_years closing_years(const char *s, size_t lo, size_t hi) {
    zb_years y = no_years;
    size_t k;
    int row = zb__lex_suffix(&zb__periods, s, lo, hi, &k);
    row = row >= 0 ? zb__lex_find_kind(&zb__periods, row, ZB_PW_closing) : -1;
    if (row >= 0 && zb__lex_is(&zb__periods, s + hi - k, k, ZB_PW_closing)) {
        y.kind = ZB_YEARS_MULTI;
        y.from_rel = -(int)zb__periods.rows[row].number;
        y.to_rel = -1;
    }
    return y;
}

/* The time a heading names: one kind of span only; a heading that names two
 * (一、2022年和过去五年工作回顾) leaves the choice to its paragraphs. */
static zb_years heading_years(const char *s, size_t lo, size_t hi) {
    zb_years got = no_years;
    for (size_t i = lo; i < hi;) {
        size_t k;
        zb_years y = zb__time_phrase(s, hi, i, &k);
        if (y.kind != ZB_YEARS_NONE) {
            if (got.kind != ZB_YEARS_NONE && !same_years(&got, &y))
                return no_years;
            got = y;
            i += k;
        } else {
            i += zb__utf8_len((unsigned char)s[i]);
        }
    }
    if (got.kind == ZB_YEARS_NONE) /* ——这是追赶进位、综合实力快速跃升的五年 */
        got = closing_years(s, lo, zb__trim_end(s, hi));
    return got;
}

static void add_mark(zb_scope *s, size_t at, size_t end, zb_years y) {
    if (s->nmarks < ZB_SCOPE_MARKS)
        s->marks[s->nmarks++] = (zb_scope_mark){at, end, y};
}

/* The passage's scope: the paragraph's own when set, else the innermost
 * heading's that names one. */
static zb_years passage(const zb_scope *s) {
    if (s->para.kind != ZB_YEARS_NONE)
        return s->para;
    for (int l = s->level; l >= 1; l--)
        if (s->heading[l].kind != ZB_YEARS_NONE)
            return s->heading[l];
    return no_years;
}

static void reset(zb_scope *s) {
    int ry = s->report_year, was_plan = s->was_plan;
    zb__scope_init(s, ry);
    s->was_plan = was_plan;
}

/* 2026年主要预期目标是：…, 2026年的主要目标: goals after a year (at s[i])
 * name the years of what follows, as a year that opens the sentence does. */
static int names_goals(const char *s, size_t n, size_t i) {
    size_t k;
    if (zb__starts(s, n, i, "的"))
        i += 3;
    return zb__lex_prefix_kind(&zb__lexicon, s + i, n - i, ZB_LX_goals, &k) >= 0;
}

/* Scan the sentences of s[body..n): time phrases opening a sentence (or
 * closing it: …的五年) hold for the rest of the paragraph, those inside one
 * (力争“十四五”期间…) for the rest of that sentence. Returns the sentence-level
 * scope in force at the paragraph's end, which the next paragraphs inherit. */
static zb_years scan_marks(zb_scope *s, const char *p, size_t n, size_t body) {
    zb_years last = no_years;
    size_t i = body, sent_start = body;
    while (i < n) {
        size_t at = opening(p, n, i), k;
        zb_years y = at < n ? zb__time_phrase(p, n, at, &k) : no_years;
        size_t open_marks = s->nmarks; /* marks inside the sentence, their end unknown */
        if (y.kind != ZB_YEARS_NONE) {
            add_mark(s, sent_start, n, y);
            open_marks = s->nmarks;
            last = y;
            i = at + k;
        } else {
            i = at;
        }
        /* the rest of the sentence, to its final punctuation */
        size_t end = n, stop = n, goals_mark = SIZE_MAX;
        while (i < n) {
            size_t len;
            uint32_t cp = zb__punct_cp_at(p, n, i, &len);
            if (zb__is_final_punct(cp)) {
                stop = i;
                end = i + len;
                break;
            }
            zb_years in = zb__may_be_time_phrase(p, n, i) ? zb__time_phrase(p, n, i, &k) : no_years;
            /* 提出今年…的主要预期目标: the words 今年, 去年 turn a sentence back to
             * one year; a date inside it (2022年突破3000亿元) dates one figure only */
            int goals = in.kind == ZB_YEARS_ONE && names_goals(p, n, i + k);
            if ((in.kind == ZB_YEARS_MULTI || (in.kind == ZB_YEARS_ONE && !in.from) || goals) &&
                !after_base_word(p, i)) {
                if (goals) { /* the goals' list runs past this sentence's ； */
                    goals_mark = s->nmarks;
                    last = in;
                }
                add_mark(s, i, n, in);
                i += k;
                continue;
            }
            i += len;
        }
        for (size_t m = open_marks; m < s->nmarks; m++)
            if (m != goals_mark)
                s->marks[m].end = end;
        if (y.kind == ZB_YEARS_NONE) {
            y = closing_years(p, sent_start, zb__trim_end(p, stop));
            if (y.kind != ZB_YEARS_NONE) {
                add_mark(s, sent_start, n, y);
                last = y;
            }
        }
        i = sent_start = end;
    }
    return last;
}

static int has_digit(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (zb__is_digit(s[i]))
            return 1;
    return 0;
}

void zb__scope_paragraph(zb_scope *s, const char *p, size_t n, const zb_heading *h, int plan) {
    /* the work plan part starts afresh: its years are the report year's */
    if ((plan && !s->was_plan) || (h->is_heading && h->part > 0))
        reset(s);
    s->was_plan = plan;
    s->nmarks = 0;
    size_t body = 0;
    if (h->is_heading) {
        int l = h->level;
        for (int m = l; m <= ZB_MARKER_LEVELS; m++)
            s->heading[m] = no_years;
        s->heading[l] = heading_years(p, h->marker_len, h->text_end);
        s->level = l;
        if (l <= 3)
            s->sect = l;
        /* a paragraph's scope ends with its section, and at the next point
         * unless it introduced the points; a heading's own scope overrides it */
        if (s->para.kind != ZB_YEARS_NONE &&
            (l <= s->para_level || !s->para_keep || s->heading[l].kind != ZB_YEARS_NONE))
            s->para = no_years;
        body = h->text_end;
    }
    s->start = passage(s);
    zb_years last = scan_marks(s, p, n, body);
    if (!h->is_heading && last.kind != ZB_YEARS_NONE) {
        s->para = last;
        s->para_level = s->sect;
        size_t end = n;
        while (end > 0 && (p[end - 1] == ' ' || p[end - 1] == '\n'))
            end--;
        /* one year, an introduction without figures, or one ending in a
         * colon (…主要做了以下工作：) holds for the points that follow */
        s->para_keep = last.kind == ZB_YEARS_ONE || !has_digit(p, n) ||
                       (end > 0 && p[end - 1] == ':');
    }
}

zb_years zb__scope_at(const zb_scope *s, size_t at) {
    const zb_scope_mark *best = NULL;
    for (size_t m = 0; m < s->nmarks; m++) {
        const zb_scope_mark *k = &s->marks[m];
        if (k->at <= at && at < k->end && (!best || k->at >= best->at))
            best = k;
    }
    return best ? best->y : s->start;
}
