/* libFuzzer target: indicator extraction (zb_parse) and the JSON writer.
 *
 * Each input is parsed twice: with the defaults, and with options picked by
 * its first byte (the byte stays part of the text, so seed reports remain
 * valid UTF-8):
 *   bit 0     ZB_PARSE_ALL_SENTENCES
 *   bit 1     give a report year, 2000 + (byte >> 2 & 31)
 *   bit 7     an allocator that fails after k allocations, k = 8 * (byte >> 2 & 31)²
 *             (0 … 7688), so the out-of-memory paths are explored too (LeakSanitizer then
 *             checks that a failed parse frees what it took)
 * Every indicator, section and sentence is then held to the API's contract.
 * With bit 6 set, the text is also streamed through zb_parse_each() with the
 * parse in a second thread (ZB_PARSE_AHEAD): the same rows as zb_parse()'s, in
 * the same order. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zhibiao.h"
#include "fuzz_check.h"
#include "json_check.h"

/* ---- an allocator that fails on request ---- */

typedef struct failing {
    long left; /* allocations still granted; <0: never fail */
} failing;

static void *failing_realloc(void *ctx, void *ptr, size_t n) {
    failing *f = ctx;
    if (f->left == 0)
        return NULL;
    if (f->left > 0)
        f->left--;
    return realloc(ptr, n);
}

static void failing_free(void *ctx, void *ptr) {
    (void)ctx;
    free(ptr);
}

/* ---- the contract ---- */

static void check_json(const zb_indicator *ind) {
    size_t need = zb_indicator_json(ind, NULL, 0);
    CHECK(need > 2);
    char *buf = malloc(need + 1); /* exact size: ASan sees any overrun */
    CHECK(buf != NULL);
    CHECK(zb_indicator_json(ind, buf, need + 1) == need);
    CHECK(buf[need] == 0 && strlen(buf) == need);
    CHECK(buf[0] == '{' && buf[need - 1] == '}');
    CHECK(json_valid(buf, need)); /* what users parse: strict JSON, every byte */
    free(buf);
    /* truncated like snprintf: still NUL-terminated, same length reported */
    size_t small = need / 2 + 1;
    buf = malloc(small);
    CHECK(buf != NULL);
    CHECK(zb_indicator_json(ind, buf, small) == need);
    CHECK(buf[small - 1] == 0 && strlen(buf) == small - 1);
    free(buf);
}

static void check_doc(const zb_doc *doc, const uint8_t *data, size_t size,
                      const zb_parse_options *opts) {
    size_t nsec = zb_doc_section_count(doc), nsent = zb_doc_sentence_count(doc);
    CHECK(zb_doc_title(doc) != NULL && zb_doc_region(doc) != NULL);
    if (opts && opts->report_year)
        CHECK(zb_doc_report_year(doc) == opts->report_year);
    for (size_t i = 0; i < nsec; i++) {
        const zb_section *sec = zb_doc_section(doc, i);
        CHECK(sec != NULL && sec->title != NULL);
        CHECK(sec->span_start <= sec->span_end && sec->span_end <= size);
        CHECK(sec->level >= 1 && sec->level <= 4);
    }
    CHECK(zb_doc_section(doc, nsec) == NULL);
    for (size_t i = 0; i < nsent; i++) {
        const zb_sentence *sen = zb_doc_sentence(doc, i);
        CHECK(sen != NULL && sen->text != NULL);
        CHECK(sen->span_start <= sen->span_end && sen->span_end <= size);
        CHECK(sen->section_index == SIZE_MAX || sen->section_index < nsec);
    }
    CHECK(zb_doc_sentence(doc, nsent) == NULL);
    size_t n = zb_doc_count(doc);
    for (size_t i = 0; i < n; i++) {
        const zb_indicator *ind = zb_doc_get(doc, i);
        CHECK(ind != NULL);
        size_t a = ind->span_start, b = ind->span_end;
        CHECK(a < b && b <= size);
        /* surface is the caller's bytes of the span (NUL bytes are refused as
         * binary input, so strlen is the span's length) */
        CHECK(ind->surface != NULL && strlen(ind->surface) == b - a);
        CHECK(memcmp(ind->surface, data + a, b - a) == 0);
        CHECK(ind->unit && ind->base_unit && ind->metric && ind->metric_id);
        CHECK(ind->section && ind->sentence);
        CHECK((unsigned)ind->cmp <= ZB_CMP_APPROX && (unsigned)ind->kind <= ZB_KIND_TARGET);
        CHECK((unsigned)ind->measure <= ZB_MEASURE_RANK);
        CHECK((unsigned)ind->sector <= ZB_SECTOR_GOVERNANCE);
        if (ind->section_index == SIZE_MAX) {
            CHECK(ind->section[0] == 0);
        } else {
            CHECK(ind->section_index < nsec);
            CHECK(strcmp(ind->section, zb_doc_section(doc, ind->section_index)->title) == 0);
        }
        /* every indicator has its sentence (the store relies on it) */
        CHECK(ind->sentence_index < nsent);
        const zb_sentence *sen = zb_doc_sentence(doc, ind->sentence_index);
        CHECK(sen->span_start <= a && b <= sen->span_end);
        CHECK(strcmp(ind->sentence, sen->text) == 0);
        CHECK(sen->section_index == ind->section_index);
        check_json(ind);
    }
    CHECK(zb_doc_get(doc, n) == NULL);
}

/* The same indicator from two parses of one text. */
static void check_same_row(const zb_indicator *p, const zb_indicator *q) {
    CHECK(p->span_start == q->span_start && p->span_end == q->span_end);
    CHECK(p->value == q->value || (isnan(p->value) && isnan(q->value)));
    CHECK(p->year == q->year && p->kind == q->kind && p->measure == q->measure);
    CHECK(strcmp(p->metric, q->metric) == 0 && strcmp(p->sentence, q->sentence) == 0);
}

/* ALL_SENTENCES keeps more sentences; the indicators must not change. */
static void check_same_indicators(const zb_doc *x, const zb_doc *y) {
    CHECK(zb_doc_count(x) == zb_doc_count(y));
    CHECK(zb_doc_report_year(x) == zb_doc_report_year(y));
    for (size_t i = 0; i < zb_doc_count(x); i++)
        check_same_row(zb_doc_get(x, i), zb_doc_get(y, i));
}

/* zb_parse_each() with ZB_PARSE_AHEAD hands out zb_parse()'s rows, in order. */
typedef struct streamed {
    const zb_doc *whole;
    size_t next;
} streamed;

static int same_as_whole(void *ctx, const zb_indicator *q) {
    streamed *st = ctx;
    const zb_indicator *p = zb_doc_get(st->whole, st->next++);
    CHECK(p != NULL);
    CHECK(q->sentence_index == SIZE_MAX);
    check_same_row(p, q);
    CHECK(strcmp(p->surface, q->surface) == 0 && strcmp(p->entity, q->entity) == 0);
    return 0;
}

static void check_streamed(const zb_doc *whole, const char *text, size_t size) {
    zb_parse_options o = ZB_PARSE_OPTIONS_INIT;
    o.flags = ZB_PARSE_AHEAD;
    streamed st = {whole, 0};
    zb_doc *doc = NULL;
    CHECK(zb_parse_each(&doc, text, size, &o, same_as_whole, &st) == ZB_OK);
    CHECK(st.next == zb_doc_count(whole) && zb_doc_count(doc) == 0);
    CHECK(zb_doc_report_year(doc) == zb_doc_report_year(whole));
    zb_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    zb_doc *plain = NULL;
    int rc = zb_parse(&plain, text, size, NULL);
    CHECK(plain != NULL && zb_doc_errmsg(plain) != NULL);
    CHECK(rc == ZB_OK || rc == ZB_EUTF8 || rc == ZB_EENCODING);
    if (rc == ZB_OK)
        check_doc(plain, data, size, NULL);

    unsigned char pick = size ? data[0] : 0;
    if (rc == ZB_OK && (pick & 0x40))
        check_streamed(plain, text, size);
    zb_parse_options opts = ZB_PARSE_OPTIONS_INIT;
    if (pick & 1)
        opts.flags |= ZB_PARSE_ALL_SENTENCES;
    if (pick & 2)
        opts.report_year = 2000 + (pick >> 2 & 31);
    failing f = {-1};
    zb_allocator alloc = {failing_realloc, failing_free, &f};
    if (pick & 0x80) {
        long k = pick >> 2 & 31;
        f.left = 8 * k * k;
        opts.allocator = &alloc;
    }
    zb_doc *doc = NULL;
    int rc2 = zb_parse(&doc, text, size, &opts);
    if (rc2 == ZB_ENOMEM && opts.allocator) {
        /* fine, as long as it says so and frees what it took */
        zb_doc_free(doc);
    } else {
        CHECK(doc != NULL && zb_doc_errmsg(doc) != NULL);
        CHECK(rc2 == rc); /* options do not change whether the text is accepted */
        if (rc2 == ZB_OK) {
            check_doc(doc, data, size, &opts);
            if (!opts.report_year)
                check_same_indicators(plain, doc);
        }
        zb_doc_free(doc);
    }
    zb_doc_free(plain);
    return 0;
}
