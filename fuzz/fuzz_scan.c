/* libFuzzer target: the quantity recognizer alone (zb_scan_text).
 * Sanitizers catch memory errors; the checks below catch results that are
 * memory-safe but break the documented contract. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "zhibiao.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    zb_scan *sc = NULL;
    int rc = zb_scan_text(&sc, (const char *)data, size, NULL);
    /* a failing constructor still hands back a handle with a message */
    CHECK(sc != NULL);
    CHECK(zb_scan_errmsg(sc) != NULL);
    CHECK(rc == ZB_OK || rc == ZB_EUTF8 || rc == ZB_EENCODING);
    size_t n = zb_scan_count(sc);
    CHECK(rc == ZB_OK || n == 0);
    size_t prev_start = 0;
    volatile size_t touched = 0; /* keeps the strlen calls from being optimized away */
    for (size_t i = 0; i < n; i++) {
        const zb_quantity *q = zb_scan_get(sc, i);
        CHECK(q != NULL);
        CHECK(q->span_start < q->span_end && q->span_end <= size);
        CHECK(q->span_start >= prev_start); /* "in text order" */
        prev_start = q->span_start;
        CHECK(q->unit != NULL && q->base_unit != NULL);
        touched += strlen(q->unit) + strlen(q->base_unit);
        CHECK((unsigned)q->kind <= ZB_QTY_MARKER);
        CHECK((unsigned)q->cmp <= ZB_CMP_APPROX);
    }
    CHECK(zb_scan_get(sc, n) == NULL);
    (void)touched;
    zb_scan_free(sc);
    return 0;
}
