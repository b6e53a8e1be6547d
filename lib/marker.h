/*
 * Bottom layer: the list-marker grammar of headings, and the level of each
 * marker. One grammar, asked by layout (does a line open a heading?), by the
 * outline (which level?) and by nothing else.
 *
 *   一、        level 1
 *   (一)        level 2
 *   一是 1. 1、 (1)   level 3 (a point of a section)
 *   ——          level 4 (an item of a list under a point)
 */
#ifndef ZB_MARKER_H
#define ZB_MARKER_H

#include <stddef.h>

#define ZB_MARKER_LEVELS 4

/* Does s[0..n) open with a list marker? Then 1, with its level and length. */
int zb__heading_marker(const char *s, size_t n, int *level, size_t *marker_len);

#endif
