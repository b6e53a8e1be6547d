/*
 * Stage 3, segment: the time scope of a passage — the span of years a
 * paragraph's figures describe when the text says so once for many
 * sentences (过去五年，… / 五年来，… / “十三五”时期 … / 2022年是…), so that
 * stage 5 can tell a five-year figure from one year's (INDICATORS.md §4a).
 *
 * A scope is set by a heading (一、过去五年工作回顾) for its section, by the
 * opening words of a paragraph (过去五年，是…) for the paragraphs after it,
 * by the opening of a later sentence for the rest of its paragraph, and by
 * a period named inside a sentence (力争“十四五”期间…) for the rest of that
 * sentence. The figures' own words (年均, 累计, 五年下降) are stage 5's.
 */
#ifndef ZB_SCOPE_H
#define ZB_SCOPE_H

#include <stddef.h>

#include "chars.h"
#include "outline.h"
#include "tables.h"

enum {
    ZB_YEARS_NONE = 0, /* nothing said: the part's year (review R-1, plan R) */
    ZB_YEARS_ONE,      /* one year said (2022年是…, 过去一年): still one year's figures */
    ZB_YEARS_MULTI     /* several years */
};

/* A span of years: absolute where the text writes them (“十三五” → 2016–2020),
 * else relative to the report year (过去五年 → R-5…R-1), which stage 5 may
 * not know yet. */
typedef struct zb_years {
    int kind;             /* ZB_YEARS_* */
    int from, to;         /* absolute first and last year; 0 when relative */
    int from_rel, to_rel; /* relative to the report year, where from / to are 0 */
} zb_years;

/* A scope named inside a paragraph, in force over [at, end). */
typedef struct zb_scope_mark {
    size_t at, end;
    zb_years y;
} zb_scope_mark;

#define ZB_SCOPE_MARKS 16

typedef struct zb_scope {
    int report_year;     /* 0 when unknown */
    /* the passage, carried from paragraph to paragraph */
    zb_years heading[ZB_MARKER_LEVELS + 1]; /* set by the open heading of each level */
    int level;           /* level of the innermost open heading, 0 before any */
    int sect;            /* the same for sections and points (levels 1-3; —— items are no section) */
    int was_plan;        /* the plan part had begun at the paragraph before */
    zb_years para;       /* set by a paragraph's opening words */
    int para_level;      /* the section level it was set in */
    int para_keep;       /* it introduces the points under it (… 以下工作： or no figures) */
    /* the paragraph being read */
    zb_years start;      /* in force at its start */
    zb_scope_mark marks[ZB_SCOPE_MARKS];
    size_t nmarks;
} zb_scope;

void zb__scope_init(zb_scope *s, int report_year);
/* Update the scope at the start of each paragraph (folded text s[0..n), as
 * classified by the outline; plan: the work plan part has begun). */
void zb__scope_paragraph(zb_scope *s, const char *p, size_t n, const zb_heading *h, int plan);
/* The years in force at byte `at` of the paragraph last given. */
zb_years zb__scope_at(const zb_scope *s, size_t at);

/* A time phrase at s[i..n): a recent span (过去五年), one year (一年来), a plan
 * period (“十四五”时期, “十四五”以来) or YYYY年以来. Its length in *len; kind
 * ZB_YEARS_NONE when there is none. Shared with stage 5, which reads the
 * figure's own clause. */
zb_years zb__time_phrase(const char *s, size_t n, size_t i, size_t *len);

/* Might a time phrase start at s[i] (n > i)? zb__time_phrase's first test, for
 * callers that ask at every character: a digit, or a character of U+4000 and
 * above that some period word starts with. */
static inline int zb__may_be_time_phrase(const char *s, size_t n, size_t i) {
    const unsigned char *u = (const unsigned char *)s + i;
    return zb__is_digit(s[i]) || (u[0] >= 0xE4 && zb__lex_may_start(zb__periods.first, u, n - i));
}

#endif
