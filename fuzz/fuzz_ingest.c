/* libFuzzer target: the SQLite store — ingest, re-ingest, read back, compare.
 *
 * Every input gets a fresh in-memory database, so a crash never depends on
 * what earlier inputs left behind and each crash file reproduces on its own.
 * (Opening one costs the schema migration, well under the cost of a parse.)
 * On ":memory:" SQLite answers "PRAGMA journal_mode = WAL" with "memory", which
 * zb_db_open accepts. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "zhibiao.h"
#include "fuzz_check.h"

/* Stored rows read back like parsed ones: spans in the input, surface = bytes. */
static size_t check_rows(zb_db *db, int64_t id, const uint8_t *data, size_t size) {
    zb_filter f = ZB_FILTER_INIT;
    f.document_id = id;
    zb_rows *it = NULL;
    CHECK(zb_db_indicators(&it, db, &f) == ZB_OK && it != NULL);
    size_t n = 0;
    int rc;
    while ((rc = zb_rows_next(it)) == ZB_ROW) {
        const zb_indicator *ind = zb_rows_indicator(it);
        CHECK(ind != NULL && zb_rows_document_id(it) == id);
        CHECK(ind->span_start < ind->span_end && ind->span_end <= size);
        CHECK(strlen(ind->surface) == ind->span_end - ind->span_start);
        CHECK(memcmp(ind->surface, data + ind->span_start, strlen(ind->surface)) == 0);
        CHECK(ind->unit && ind->metric && ind->sentence && ind->section);
        CHECK(zb_rows_region(it) != NULL);
        n++;
    }
    CHECK(rc == ZB_DONE);
    zb_rows_free(it);
    return n;
}

static void check_compare(zb_db *db) {
    zb_comparisons *it = NULL;
    CHECK(zb_db_compare(&it, db, NULL, 0, 0) == ZB_OK && it != NULL);
    int rc;
    while ((rc = zb_comparisons_next(it)) == ZB_ROW) {
        const zb_comparison *c = zb_comparisons_get(it);
        CHECK(c != NULL && c->region && c->metric_id && c->metric && c->status);
        CHECK(c->actual_unit && c->target_unit);
        CHECK(c->target_year == c->actual_year + 1);
    }
    CHECK(rc == ZB_DONE);
    zb_comparisons_free(it);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    zb_db *db = NULL;
    int rc = zb_db_open(&db, ":memory:", 0);
    if (rc != ZB_OK)
        fprintf(stderr, "zb_db_open(:memory:): %s\n", zb_db_errmsg(db));
    CHECK(rc == ZB_OK);

    zb_ingest_result r1 = {0}, r2 = {0}, r3 = {0};
    rc = zb_db_ingest(db, text, size, NULL, &r1);
    CHECK(rc == ZB_OK || rc == ZB_EUTF8 || rc == ZB_EENCODING ||
          (rc == ZB_EFORMAT &&
           (zb_text_blank(text, size) || zb_input_detect(text, size) != ZB_INPUT_TEXT)));
    if (rc != ZB_OK) {
        CHECK(zb_db_errmsg(db) != NULL);
        CHECK(zb_db_close(db) == ZB_OK);
        return 0;
    }
    CHECK(r1.inserted == 1 && r1.document_id > 0 && r1.region != NULL);

    /* a PDF or an HTML page is stored as its text: spans are in that text */
    zb_text *src = NULL;
    const uint8_t *stored = data;
    size_t stored_len = size;
    if (zb_input_detect(text, size) != ZB_INPUT_TEXT) {
        CHECK(zb_source_text(&src, text, size, ZB_INPUT_AUTO) == ZB_OK);
        stored = (const uint8_t *)zb_text_data(src);
        stored_len = zb_text_len(src);
    }

    /* the same bytes again: found by their SHA-256, nothing stored */
    CHECK(zb_db_ingest(db, text, size, NULL, &r2) == ZB_OK);
    CHECK(r2.inserted == 0 && r2.document_id == r1.document_id);
    CHECK(r2.indicators == r1.indicators);
    CHECK(check_rows(db, r1.document_id, stored, stored_len) == r1.indicators);

    /* a forced re-extraction replaces the document with the same rows */
    zb_ingest_options opts = ZB_INGEST_OPTIONS_INIT;
    opts.flags = ZB_INGEST_REPLACE;
    CHECK(zb_db_ingest(db, text, size, &opts, &r3) == ZB_OK);
    CHECK(r3.inserted == 1 && r3.indicators == r1.indicators);
    CHECK(check_rows(db, r3.document_id, stored, stored_len) == r1.indicators);
    if (r3.document_id != r1.document_id)
        CHECK(check_rows(db, r1.document_id, stored, stored_len) == 0);

    check_compare(db);
    CHECK(zb_db_close(db) == ZB_OK);
    zb_text_free(src);
    return 0;
}
