/* The recognizer's smaller classes through the whole pipeline: one Check test
 * per row of data/figure_cases.tsv (magnitudes without digits, set phrases,
 * compound units, units after a 分别 list, ranks, unit-less figures, cuts),
 * and numbers past a double: skipped and counted, never inf. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "zhibiao.h"

static tu_tsv cases;

enum { C_TEXT, C_SURFACE, C_OCC, C_VALUE, C_UNIT, C_BASE_UNIT, C_CMP, C_MEASURE, C_KEYS };

static const char *cell(const char *c) { return strcmp(c, "-") ? c : ""; }

static zb_doc *parse(const char *text) {
    zb_parse_options opts = ZB_PARSE_OPTIONS_INIT;
    opts.report_year = 2023;
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, text, strlen(text), &opts), ZB_OK);
    return doc;
}

static void dump(const zb_doc *doc) {
    for (size_t i = 0; i < zb_doc_count(doc); i++) {
        const zb_indicator *d = zb_doc_get(doc, i);
        fprintf(stderr, "  got [%zu,%zu) '%s' %g '%s' '%s' %s %s '%s'\n", d->span_start,
                d->span_end, d->surface, d->value, d->unit, d->base_unit, zb_cmp_name(d->cmp),
                zb_measure_name(d->measure), d->metric);
    }
}

START_TEST(figure_case) {
    char **row = cases.rows[_i];
    char text[1024];
    snprintf(text, sizeof text, "%s", row[C_TEXT]);
    long at = tu_find(text, row[C_SURFACE], atoi(row[C_OCC]));
    ck_assert_msg(at >= 0, "row %d: surface not in text", _i);
    size_t start = (size_t)at, end = start + strlen(row[C_SURFACE]);
    zb_doc *doc = parse(text);
    const zb_indicator *hit = NULL;
    for (size_t i = 0; i < zb_doc_count(doc); i++) {
        const zb_indicator *d = zb_doc_get(doc, i);
        if (!strcmp(row[C_VALUE], "none")) {
            if (d->span_start < end && start < d->span_end) {
                dump(doc);
                ck_abort_msg("row %d (%s): '%s' is no indicator", _i, text, row[C_SURFACE]);
            }
        } else if (d->span_start == start && d->span_end == end) {
            hit = d;
        }
    }
    if (!strcmp(row[C_VALUE], "none")) {
        zb_doc_free(doc);
        return;
    }
    if (!hit) {
        dump(doc);
        ck_abort_msg("row %d (%s): no indicator '%s'", _i, text, row[C_SURFACE]);
    }
    ck_assert_msg(fabs(hit->value - atof(row[C_VALUE])) < 1e-9, "row %d: value %g, want %s", _i,
                  hit->value, row[C_VALUE]);
    ck_assert_msg(!strcmp(hit->unit, cell(row[C_UNIT])), "row %d: unit '%s', want '%s'", _i,
                  hit->unit, cell(row[C_UNIT]));
    ck_assert_msg(!strcmp(hit->base_unit, cell(row[C_BASE_UNIT])),
                  "row %d: base_unit '%s', want '%s'", _i, hit->base_unit, cell(row[C_BASE_UNIT]));
    ck_assert_msg(!strcmp(zb_cmp_name(hit->cmp), row[C_CMP]), "row %d: cmp %s, want %s", _i,
                  zb_cmp_name(hit->cmp), row[C_CMP]);
    ck_assert_msg(!strcmp(zb_measure_name(hit->measure), row[C_MEASURE]),
                  "row %d: measure %s, want %s", _i, zb_measure_name(hit->measure),
                  row[C_MEASURE]);
    if (strcmp(row[C_KEYS], "-")) {
        char keys[256];
        snprintf(keys, sizeof keys, "%s", row[C_KEYS]);
        for (char *k = strtok(keys, "|"); k; k = strtok(NULL, "|"))
            ck_assert_msg(strstr(hit->metric, k) != NULL, "row %d: metric '%s' lacks '%s'", _i,
                          hit->metric, k);
    }
    zb_doc_free(doc);
}
END_TEST

/* A number no double holds, or holds only rounded: no row, one skipped number. */
static void assert_skipped(const char *text) {
    zb_doc *doc = parse(text);
    for (size_t i = 0; i < zb_doc_count(doc); i++) {
        const zb_indicator *d = zb_doc_get(doc, i);
        ck_assert_msg(isfinite(d->value) && isfinite(d->base_value), "inf in '%s'", d->surface);
    }
    if (zb_doc_count(doc) != 0 || zb_doc_skipped_numbers(doc) != 1)
        dump(doc);
    ck_assert_uint_eq(zb_doc_count(doc), 0);
    ck_assert_uint_eq(zb_doc_skipped_numbers(doc), 1);
    zb_doc_free(doc);
}

START_TEST(numbers_past_a_double_are_skipped) {
    char text[1024];
    /* 300 digits times 万亿: the base value is past a double */
    snprintf(text, sizeof text, "地区生产总值达到%0300d万亿元。", 0);
    memset(text + strlen("地区生产总值达到"), '9', 300);
    assert_skipped(text);
    /* 22 significant digits: a double would keep 17 and round the rest away */
    assert_skipped("地区生产总值达到9999999999999999999999亿元。");
    assert_skipped("地区生产总值达到12345678901234567.8元。");
    /* a huge number times a magnitude */
    assert_skipped("地区生产总值达到1e308万亿元。");
    /* Chinese digits: a run of 30 before 亿, and sections past 64 bits */
    assert_skipped("地区生产总值达到九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九亿元。");
    assert_skipped("地区生产总值达到一亿一万亿元。");
    /* a bare number carried a unit it cannot hold */
    snprintf(text, sizeof text, "两项收入分别为%0300d和5万亿元。", 0);
    memset(text + strlen("两项收入分别为"), '9', 300);
    zb_doc *doc = parse(text);
    ck_assert_uint_eq(zb_doc_skipped_numbers(doc), 1);
    for (size_t i = 0; i < zb_doc_count(doc); i++)
        ck_assert(isfinite(zb_doc_get(doc, i)->base_value));
    zb_doc_free(doc);
}
END_TEST

START_TEST(numbers_a_double_keeps_stay) {
    /* 17 significant digits, and 1 followed by 20 zeros (one significant digit) */
    zb_doc *doc = parse("地区生产总值达到12345678901234567元，财政收入达到100000000000000000000元。");
    ck_assert_uint_eq(zb_doc_count(doc), 2);
    ck_assert_uint_eq(zb_doc_skipped_numbers(doc), 0);
    ck_assert_double_eq(zb_doc_get(doc, 1)->value, 1e20);
    zb_doc_free(doc);
}
END_TEST

int main(void) {
    if (tu_tsv_load(&cases, ZB_TEST_DATA "/figure_cases.tsv") || cases.nrows < 2)
        return 2;
    Suite *s = suite_create("figures");
    TCase *t = tcase_create("cases");
    tcase_add_loop_test(t, figure_case, 1, (int)cases.nrows);
    tcase_add_test(t, numbers_past_a_double_are_skipped);
    tcase_add_test(t, numbers_a_double_keeps_stay);
    suite_add_tcase(s, t);
    int failed = tu_run(s);
    tu_tsv_free(&cases);
    return failed;
}
