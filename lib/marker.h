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

/* A short line with no punctuation and no figures: a title or a heading
 * whose marker the page dropped (web pages show headings in bold instead). */
int zb__bare_line(const char *s, size_t n);
/* A bare line that names a part of the report (2026年重点工作, “十四五”时期工作
 * 回顾, schema/lexicon.tsv roles plan and review): a heading of level 1. */
int zb__unmarked_heading(const char *s, size_t n);

#endif
