/*
 * Bottom layer: the list-marker grammar of headings, and the level of each
 * marker. One grammar, asked by layout (does a line open a heading?), by the
 * outline (which level?) and by nothing else.
 *
 *   一、        level 1
 *   (一)        level 2
 *   一是 1. 1、 (1)   level 3 (a point of a section)
 *   ——          level 4 (an item of a list under a point)
 *   2024年工作安排   level 1: a heading without a marker, on a line of its own
 */
#ifndef ZB_MARKER_H
#define ZB_MARKER_H

#include <stddef.h>

#define ZB_MARKER_LEVELS 4

/* Does s[0..n) open with a list marker? Then 1, with its level and length. */
int zb__heading_marker(const char *s, size_t n, int *level, size_t *marker_len);

/* Does the marker of length marker_len at s open a run-in heading, one that
 * the paragraph's body follows (三是…。, ——…。), rather than a line of its own? */
int zb__marker_runs_in(const char *s, size_t marker_len);

/* A short line with no punctuation and no figures: a title or a heading
 * whose marker the page dropped (web pages show headings in bold instead). */
/* 2025年发展主要预期目标: a line of its own, opening with a year or 今年 and
 * ending with a goals word, heads a digest's list of goals. */
int zb__goals_line(const char *s, size_t n);
int zb__bare_line(const char *s, size_t n);
/* A bare line that names a part of the report (2026年重点工作, “十四五”时期工作
 * 回顾, schema/lexicon.tsv roles plan and review): a heading of level 1. */
int zb__unmarked_heading(const char *s, size_t n);
/* A digest's caption line s[0..n), with or without its colon: a year or a plan's name
 * and a caption word of schema/lexicon.tsv (2021年目标, “十三五”成就). +1 when
 * it heads goals, -1 results, 0 when it is no caption. */
int zb__caption_part(const char *s, size_t n);
/* Does s[0..n) name the plan part (工作安排, 目标任务 …)? Not where the word
 * is followed closely by a word that says it was done (目标任务全面完成 tells
 * of last year's goals). */
int zb__names_plan(const char *s, size_t n);
/* Does s[0..n) name this year's goals (主要预期目标), not said to be met? A
 * heading that does (二、2025年主要预期目标) opens the plan part. */
int zb__names_goals(const char *s, size_t n);
/* Is a goals or plan word that ends at s[i] followed within four characters
 * by a done word (如期完成, 全面完成)? */
int zb__done_after(const char *s, size_t n, size_t i);
/* Does s[0..n) say goals were met: a goals or plan word that a done word
 * meets (较好地完成了全年目标任务, 主要目标任务如期完成)? */
int zb__names_met_goals(const char *s, size_t n);
/* Does s[0..n) open with a year written YYYY年? */
int zb__opens_with_year(const char *s, size_t n);

#endif
