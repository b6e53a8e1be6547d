/*
 * Bottom layer: regions (schema/regions.tsv, every level of GB/T 2260) — the
 * look-up of a name a user or a report writes, and the reader that decides
 * whose report a text is.
 */
#ifndef ZB_REGION_H
#define ZB_REGION_H

#include <stddef.h>

#include "tables.h"

/* The region a name stands for: a full name (武汉市), a short name (武汉, 吉林)
 * or a code (420100). Where several regions share a name, the higher level
 * wins (吉林 is the province, not the city); ZB_EINVAL with a message naming
 * the candidates when regions of one level share it (鼓楼区), ZB_ENOTFOUND
 * when none has it. */
int zb__region_find(const char *name, const zb_region_row **out, char *why, size_t why_size);

/* Whose report a text is, read from its first paragraphs: a region named
 * right before 第…届人民代表大会, 人民政府 or (…年)政府工作报告 in the title
 * block or the opening (在武汉市第十五届人民代表大会…上, 武汉市人民政府市长) is
 * the report's region at its own level; else the province the text names most
 * often. */
typedef struct zb_region_reader {
    size_t votes[64];   /* per row of zb__regions (province short names) */
    size_t bytes;       /* text read so far */
    int named;          /* row of zb__region_rows named by the title block; -1 */
} zb_region_reader;

void zb__region_reader_init(zb_region_reader *r);
/* Read a folded paragraph (only the first 16 KB of a text count). */
void zb__region_read(zb_region_reader *r, const char *s, size_t n);
/* The decision: a row of zb__region_rows, or NULL. */
const zb_region_row *zb__region_decide(const zb_region_reader *r);

#endif
