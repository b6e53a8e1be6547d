/*
 * Stage 2, normalize, part 1: two columns side by side on one line
 * (pdftotext -layout, copy-pastes of a two-column page) → the left column's
 * lines, then the right column's. The layout stage feeds physical lines in and
 * takes byte ranges of the input out, so offsets stay those of the input.
 */
#ifndef ZB_COLUMNS_H
#define ZB_COLUMNS_H

#include <stddef.h>
#include <stdint.h>

#include "mem.h"

/* Columns are counted two ways: in characters (pdftotext -layout places text
 * by character, whatever its width) and in display width (CJK characters are
 * two wide: text aligned in an editor or a terminal). */
enum { ZB_COL_CHARS, ZB_COL_WIDTH, ZB_COL_METRICS };

typedef struct zb_col_count {
    uint32_t cjk, text, punct; /* Chinese characters, all non-space ones, punctuation */
} zb_col_count;

/* One physical line of a block, as each metric placed it. */
typedef struct zb_col_line {
    uint32_t start, end;                 /* its bytes in the input */
    uint32_t cut[ZB_COL_METRICS][2];     /* the gutter's bytes, where it has both sides */
    uint32_t left_end[ZB_COL_METRICS];   /* the column where its left side ends */
    uint8_t kind[ZB_COL_METRICS];        /* blank, left only, right only, both */
} zb_col_line;

/* What one metric has seen of a block: the columns that are blank on every
 * line of it so far (the gutter), and the text on either side. */
typedef struct zb_col_track {
    int alive;
    uint32_t lo, hi;
    uint32_t both, sides_ok;
    zb_col_count left, right;
} zb_col_track;

typedef struct zb_col_range {
    uint32_t start, end;
} zb_col_range;

typedef struct zb_columns {
    const zb_mem *mem;
    const char *orig;
    zb_col_line *lines; /* the block being read: lines that may be two columns */
    size_t nlines, cap_lines;
    zb_col_track track[ZB_COL_METRICS];
    zb_col_range *out; /* lines ready to hand out, from `head` on */
    size_t nout, head, cap_out;
    uint32_t *scratch; /* the left ends of a block, sorted when it is judged */
    size_t cap_scratch;
} zb_columns;

void zb__columns_init(zb_columns *c, const zb_mem *m, const char *orig);
void zb__columns_free(zb_columns *c);
/* Feed the physical line orig[start..end) (no '\n'): ZB_OK or ZB_ENOMEM. */
int zb__columns_push(zb_columns *c, size_t start, size_t end);
/* The input has ended: judge the block being read. ZB_OK or ZB_ENOMEM. */
int zb__columns_flush(zb_columns *c);
/* The next line to read, as a byte range of the input: 1, or 0 when none is
 * ready (push another line, or flush). */
int zb__columns_pop(zb_columns *c, size_t *start, size_t *end);

#endif
