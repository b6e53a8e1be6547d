/*
 * Stage 2, normalize: physical lines → repaired paragraphs (continuation
 * markers, page furniture, running headers, lines broken mid-sentence,
 * two columns side by side).
 */
#ifndef ZB_LAYOUT_H
#define ZB_LAYOUT_H

#include "columns.h"
#include "text.h"

typedef struct zb_layout {
    const zb_mem *mem;
    const char *orig;
    size_t len;
    size_t pos;        /* next byte to read */
    zb_ntext raw;      /* the current line, folded */
    zb_ntext line;     /* the same, cleaned */
    int emitted;       /* `block` was handed out; clear it on the next call */
    int have_line;     /* `line` is read but not yet placed */
    zb_ntext block;    /* the paragraph being assembled */
    int block_done;    /* it ends a paragraph: the next line starts a new one */
    int block_heading; /* it is a heading or title line */
    int line_item;     /* `line` opened with a list bullet or a Markdown heading mark */
    int line_heading;  /* … with a Markdown heading mark (### …), or is a table row */
    int last_label;    /* the block's last line was a digest's `label:figure` */
    int last_figure;   /* … a digest's line of one figure (城镇新增就业1267万人) */
    int last_statement; /* … a line of clauses with a figure, ended as a statement */
    int last_caption;  /* … a block of one short bare line (经济发展稳中向好) */
    int last_led;      /* … a line led by `label:` (特别国债:…), ended as a statement */
    int figure_list;   /* two such lines followed each other: the text is a list */
    size_t max_line;   /* lines longer than this are cut (bounds memory) */
    zb_columns cols;   /* physical lines → lines of one column */
    int cols_done;     /* the input has ended and cols was told so */
} zb_layout;

void zb__layout_init(zb_layout *l, const zb_mem *m, const char *orig, size_t len);
/* The next repaired paragraph in *out: 1, or 0 at the end, or ZB_ENOMEM. */
int zb__layout_next(zb_layout *l, const zb_ntext **out);
void zb__layout_free(zb_layout *l);
/* A folded line made as the paragraphs read it (clean_line: no markers,
 * pinyin noise, Markdown marks, emoji or layout spaces) in *out; raw's
 * storage may be swapped into out. ZB_OK or ZB_ENOMEM. */
int zb__clean_line(const zb_mem *m, zb_ntext *raw, zb_ntext *out);

#endif
