/*
 * Layer "source": what the PDF module (zhibiao_pdf.so, lib/pdf_poppler.c)
 * gives lib/pdf.c. poppler-glib and the ~45 libraries it needs (cairo, GLib,
 * NSS, X11 …) cost every process that links zhibiao about 8 ms to load
 * before main(); in a module of its own they are loaded on the first PDF
 * read, and a program that reads no PDF never loads them.
 *
 * The module exports one function, zb_pdf_backend_get(), returning this
 * table; abi says which version of it. Strings and arrays it returns are the
 * caller's, freed with free().
 */
#ifndef ZB_PDF_BACKEND_H
#define ZB_PDF_BACKEND_H

#include <stddef.h>

#define ZB_PDF_BACKEND_ABI 1
#define ZB_PDF_MODULE_FILE "zhibiao_pdf.so"
#define ZB_PDF_BACKEND_SYMBOL "zb_pdf_backend_get"

/* A character's box on its page, in points from the top left. */
typedef struct zb_pdf_rect {
    double x1, y1, x2, y2;
} zb_pdf_rect;

enum { ZB_PDF_OK, ZB_PDF_DAMAGED, ZB_PDF_ENCRYPTED, ZB_PDF_NOMEM };

typedef struct zb_pdf_backend {
    int abi; /* ZB_PDF_BACKEND_ABI */
    /* The document in data[0..len), which must outlive it: ZB_PDF_OK, or why
     * not with the reader's words in *why (may be NULL). */
    int (*open)(const char *data, size_t len, void **doc, char **why);
    int (*page_count)(void *doc);
    /* Page k's text (UTF-8 as the reader gives it, "" for a page without one)
     * and a box per character of it, or *rects NULL when the layout is
     * unknown: ZB_PDF_OK or ZB_PDF_NOMEM. */
    int (*page)(void *doc, int k, char **text, zb_pdf_rect **rects, size_t *nrects);
    void (*close)(void *doc);
} zb_pdf_backend;

typedef const zb_pdf_backend *(*zb_pdf_backend_fn)(void);

#endif
