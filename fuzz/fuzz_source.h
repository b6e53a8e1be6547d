/* Shared by fuzz_html.c and fuzz_pdf.c: an input made text by zb_source_text
 * in one format, held to the API's contract, then parsed with its pages. */
#ifndef ZB_FUZZ_SOURCE_H
#define ZB_FUZZ_SOURCE_H

#include <string.h>

#include "zhibiao.h"
#include "fuzz_check.h"

static void fuzz_source(const uint8_t *data, size_t size, zb_input_format format) {
    zb_text *t = NULL;
    int rc = zb_source_text(&t, (const char *)data, size, format);
    CHECK(t != NULL && zb_text_errmsg(t) != NULL);
    CHECK(rc == ZB_OK || rc == ZB_EFORMAT || rc == ZB_EUNSUPPORTED);
    CHECK(rc != ZB_EUNSUPPORTED || !zb_input_supported(format));
    if (rc != ZB_OK) {
        zb_text_free(t);
        return;
    }
    CHECK(zb_text_format(t) == format);
    const char *text = zb_text_data(t);
    size_t len = zb_text_len(t), npages;
    CHECK(strlen(text) == len); /* NUL-terminated, no NUL inside */
    const size_t *pages = zb_text_pages(t, &npages);
    CHECK(format == ZB_INPUT_PDF ? npages >= 1 && pages[0] == 0 : npages == 0);
    for (size_t i = 1; i < npages; i++)
        CHECK(pages[i] >= pages[i - 1] && pages[i] <= len && text[pages[i] - 1] == '\f');
    /* the text is valid UTF-8 without NULs: it parses */
    zb_parse_options o = ZB_PARSE_OPTIONS_INIT;
    o.pages = pages;
    o.page_count = npages;
    zb_doc *doc = NULL;
    rc = zb_parse(&doc, text, len, &o);
    CHECK(rc == ZB_OK);
    for (size_t i = 0; i < zb_doc_count(doc); i++) {
        const zb_indicator *ind = zb_doc_get(doc, i);
        CHECK(ind->span_start < ind->span_end && ind->span_end <= len);
        CHECK(memcmp(ind->surface, text + ind->span_start, ind->span_end - ind->span_start) == 0);
        CHECK(ind->page == zb_text_page_of(t, ind->span_start));
        CHECK(npages ? ind->page >= 1 && (size_t)ind->page <= npages : ind->page == 0);
    }
    zb_doc_free(doc);
    zb_text_free(t);
}

#endif
