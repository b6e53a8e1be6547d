/*
 * Stage 3, segment: what a paragraph is (a heading, the title), the sections
 * it opens, where the review of last year ends and the work plan begins, the
 * report year, sentences, and the sector a heading names.
 */
#ifndef ZB_OUTLINE_H
#define ZB_OUTLINE_H

#include <stddef.h>

#include "marker.h"
#include "mem.h"
#include "text.h"
#include "zhibiao.h"

typedef struct zb_range {
    size_t start, end;
} zb_range;

/* What the start of a paragraph is. */
typedef struct zb_heading {
    int is_heading;
    int level;
    size_t text_end;     /* end of the heading text in the paragraph */
    size_t marker_len;
    int part;            /* +1 plan, -1 review, 0 neither */
    int year;            /* year named in it, 0 for none */
    int is_title;
} zb_heading;

void zb__heading_of(const char *s, size_t n, zb_heading *h);
/* s[0..n) without trailing spaces and punctuation. */
size_t zb__trim_end(const char *s, size_t n);

/* The outline of a document as it is read: its sections, the ones open at
 * each level, and whether the plan part has begun. */
typedef struct zb_outline {
    const zb_mem *mem;
    zb_arena *arena;    /* where section titles live (the document's) */
    zb_vec sections;    /* zb_section, in text order */
    int level_of[ZB_MARKER_LEVELS + 1]; /* section open at each level, -1 for none */
    int plan;           /* in the work plan part */
    int review_level;   /* level of the open review heading (一、2023年工作回顾); 0 none */
    int seen_heading;
    int report_year;    /* decided before the main pass (zb__report_year); 0 unknown */
    int in_goals;       /* in a list of main targets that went on past its paragraph */
    int goals_lines;    /* …whose items so far are lines without a marker */
    unsigned run_in;    /* levels (bit per level) whose open section has a run-in heading
                           (三是…。, ——…。): it governs its own paragraph only */
    int topic_sector;   /* the sector a run-in topic sentence names for this paragraph; -1 */
    int news;           /* this paragraph is a news item (报告指出，…): it has no section */
    size_t news_items;  /* how many paragraphs were */
} zb_outline;

void zb__outline_init(zb_outline *o, const zb_mem *m, zb_arena *arena);
void zb__outline_free(zb_outline *o);
/* Read paragraph b (its folded text; orig/len map spans back): classify its
 * start into *h and, for a heading, open its section. ZB_OK or ZB_ENOMEM. */
int zb__outline_paragraph(zb_outline *o, const zb_ntext *b, const char *orig, size_t len,
                          zb_heading *h);
/* Where this year's plan begins inside paragraph s[0..n) when no heading
 * said so (INDICATORS.md §4): at an inline plan heading (…。2022年工作安排：…),
 * a sentence that announces this year's goals (今年发展主要预期目标是：), or a
 * paragraph that opens with this year (今年是“十五五”开局之年) outside a
 * heading of the review. Returns the
 * index of that sentence (SIZE_MAX for none) and enters the plan part after it. */
size_t zb__outline_plan_start(zb_outline *o, const char *s, size_t n, const zb_range *sent,
                              size_t nsent);

/* Where a list of this year's main targets begins in paragraph s[0..n): the
 * sentence that announces them (今年…主要预期目标是：…), or 0 when the list
 * runs on from an earlier paragraph (——地区生产总值增长5%左右；); SIZE_MAX for
 * none. Such a passage has no sector of its own (INDICATORS.md §8). */
size_t zb__outline_goals(zb_outline *o, const char *s, size_t n, const zb_range *sent,
                         size_t nsent, const zb_heading *h);

/* Does a paragraph open with the frame of a news item about a report (报告
 * 指出，…; 省长在政府工作报告中提出，…: lexicon role news before the comma)? */
int zb__news_item(const char *s, size_t n);
/* After a headline's frame without a comma (政府工作报告提出今年…, 报告中指出…):
 * the report named and a news verb at s[i..n); i when there is none. */
size_t zb__after_report_frame(const char *s, size_t n, size_t i);

/* The innermost open section (-1 before any) and the sector of the innermost
 * open section that names one (-1 for none). */
int zb__outline_section(const zb_outline *o);
int zb__outline_sector(const zb_outline *o);

/* The report year of orig[0..len): from the first heading of this year's plan,
 * else the review heading (+1), else the title line; 0 when none. Both parse
 * entry points ask this one question, before their main pass. */
int zb__report_year(const zb_mem *m, const char *orig, size_t len, int *year);

/* Sentence ends in s[0..n): ranges appended to `out`. */
int zb__sentences(const zb_mem *m, const char *s, size_t n, zb_vec *out);
/* Sector named by a heading (earliest keyword); -1 when none. */
int zb__sector_of_text(const char *s, size_t n);
/* Sector most words of a passage point to; -1 when none. */
int zb__sector_by_votes(const char *s, size_t n);
/* First 4-digit year written as "YYYY年" in s, or 0. */
int zb__year_in(const char *s, size_t n);

#endif
