/*
 * The PDF module (zhibiao_pdf.so): poppler-glib behind lib/pdf_backend.h. It
 * only opens documents and hands out each page's text and character boxes;
 * what they mean (lines, furniture, paragraphs) is lib/pdf.c's.
 */
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

#include "pdf_backend.h"

#if defined(__GNUC__)
#define ZB_MODULE_EXPORT __attribute__((visibility("default")))
#else
#define ZB_MODULE_EXPORT
#endif

typedef struct doc {
    GBytes *bytes;
    PopplerDocument *pdf;
} doc;

static int open_doc(const char *data, size_t len, void **out, char **why) {
    *out = NULL;
    if (why)
        *why = NULL;
    doc *d = calloc(1, sizeof *d);
    if (!d)
        return ZB_PDF_NOMEM;
    GError *error = NULL;
    d->bytes = g_bytes_new_static(data, len);
    d->pdf = poppler_document_new_from_bytes(d->bytes, NULL, &error);
    if (!d->pdf) {
        int rc = error && error->domain == POPPLER_ERROR && error->code == POPPLER_ERROR_ENCRYPTED
                     ? ZB_PDF_ENCRYPTED
                     : ZB_PDF_DAMAGED;
        if (why && error)
            *why = strdup(error->message);
        g_clear_error(&error);
        g_bytes_unref(d->bytes);
        free(d);
        return rc;
    }
    *out = d;
    return ZB_PDF_OK;
}

static int page_count(void *d) { return poppler_document_get_n_pages(((doc *)d)->pdf); }

static int page(void *d, int k, char **text, zb_pdf_rect **rects, size_t *nrects) {
    *text = NULL;
    *rects = NULL;
    *nrects = 0;
    PopplerPage *pg = poppler_document_get_page(((doc *)d)->pdf, k);
    char *t = pg ? poppler_page_get_text(pg) : NULL;
    PopplerRectangle *r = NULL;
    guint n = 0;
    if (t && !poppler_page_get_text_layout(pg, &r, &n))
        r = NULL;
    if (pg)
        g_object_unref(pg);
    *text = strdup(t ? t : "");
    g_free(t);
    int rc = *text ? ZB_PDF_OK : ZB_PDF_NOMEM;
    if (!rc && r && n && !(*rects = malloc(n * sizeof **rects)))
        rc = ZB_PDF_NOMEM;
    for (guint i = 0; !rc && r && i < n; i++)
        (*rects)[i] = (zb_pdf_rect){r[i].x1, r[i].y1, r[i].x2, r[i].y2};
    if (!rc && r)
        *nrects = n;
    g_free(r);
    return rc;
}

static void close_doc(void *d) {
    if (!d)
        return;
    g_object_unref(((doc *)d)->pdf);
    g_bytes_unref(((doc *)d)->bytes);
    free(d);
}

static const zb_pdf_backend backend = {ZB_PDF_BACKEND_ABI, open_doc, page_count, page, close_doc};

ZB_MODULE_EXPORT const zb_pdf_backend *zb_pdf_backend_get(void);
const zb_pdf_backend *zb_pdf_backend_get(void) { return &backend; }
