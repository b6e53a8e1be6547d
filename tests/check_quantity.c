/* The quantity recognizer: table-driven cases from data/quantities.tsv (each
 * one a Check test asserting span, value, unit, base value and cmp), and the
 * edges: invalid UTF-8, empty input, a 10 MB input. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "zhibiao.h"

static tu_tsv cases;

enum { C_TEXT, C_SURFACE, C_OCC, C_VALUE, C_HIGH, C_UNIT, C_BASE, C_BASE_UNIT, C_CMP, C_KIND };

static int measuring(const char *kind) {
    return !strcmp(kind, "amount") || !strcmp(kind, "percent") || !strcmp(kind, "points") ||
           !strcmp(kind, "multiple") || !strcmp(kind, "rank") || !strcmp(kind, "number");
}

static int close_to(double a, double b) { return fabs(a - b) <= 1e-9 * fmax(1.0, fabs(b)); }

START_TEST(table_case) {
    char **row = cases.rows[_i];
    char text[512];
    snprintf(text, sizeof text, "%s", row[C_TEXT]);
    tu_unescape(text);
    long at = tu_find(text, row[C_SURFACE], atoi(row[C_OCC]));
    ck_assert_msg(at >= 0, "row %d: surface not in text", _i + 1);
    size_t start = (size_t)at, end = start + strlen(row[C_SURFACE]);
    zb_scan *sc = NULL;
    ck_assert_int_eq(zb_scan_text(&sc, text, strlen(text), NULL), ZB_OK);
    const zb_quantity *hit = NULL;
    for (size_t i = 0; i < zb_scan_count(sc); i++) {
        const zb_quantity *q = zb_scan_get(sc, i);
        if (measuring(row[C_KIND])) {
            if (q->span_start == start && q->span_end == end)
                hit = q;
        } else if (q->span_start < end && start < q->span_end && q->kind <= ZB_QTY_RANK) {
            ck_abort_msg("row %d (%s): '%s' must not measure, got %s %g%s", _i + 1, text,
                         row[C_SURFACE], zb_qkind_name(q->kind), q->value, q->unit);
        }
    }
    if (measuring(row[C_KIND])) {
        if (!hit) {
            for (size_t i = 0; i < zb_scan_count(sc); i++) {
                const zb_quantity *q = zb_scan_get(sc, i);
                fprintf(stderr, "  found [%zu,%zu) '%.*s' %s\n", q->span_start, q->span_end,
                        (int)(q->span_end - q->span_start), text + q->span_start,
                        zb_qkind_name(q->kind));
            }
            ck_abort_msg("row %d (%s): no quantity spans '%s' [%zu,%zu)", _i + 1, text,
                         row[C_SURFACE], start, end);
        }
        const char *unit = strcmp(row[C_UNIT], "-") ? row[C_UNIT] : "";
        const char *base_unit = strcmp(row[C_BASE_UNIT], "-") ? row[C_BASE_UNIT] : "";
        ck_assert_msg(close_to(hit->value, atof(row[C_VALUE])), "row %d: value %g, want %s",
                      _i + 1, hit->value, row[C_VALUE]);
        if (strcmp(row[C_HIGH], "-"))
            ck_assert_msg(close_to(hit->value_high, atof(row[C_HIGH])),
                          "row %d: value_high %g, want %s", _i + 1, hit->value_high, row[C_HIGH]);
        else
            ck_assert_msg(isnan(hit->value_high), "row %d: not a range", _i + 1);
        ck_assert_msg(!strcmp(hit->unit, unit), "row %d: unit '%s', want '%s'", _i + 1, hit->unit,
                      unit);
        ck_assert_msg(close_to(hit->base_value, atof(row[C_BASE])),
                      "row %d: base_value %.17g, want %s", _i + 1, hit->base_value, row[C_BASE]);
        ck_assert_msg(!strcmp(hit->base_unit, base_unit), "row %d: base_unit '%s', want '%s'",
                      _i + 1, hit->base_unit, base_unit);
        ck_assert_msg(!strcmp(zb_cmp_name(hit->cmp), row[C_CMP]), "row %d: cmp %s, want %s",
                      _i + 1, zb_cmp_name(hit->cmp), row[C_CMP]);
        ck_assert_msg(!strcmp(zb_qkind_name(hit->kind), row[C_KIND]), "row %d: kind %s, want %s",
                      _i + 1, zb_qkind_name(hit->kind), row[C_KIND]);
    }
    zb_scan_free(sc);
}
END_TEST

START_TEST(invalid_utf8_names_the_byte) {
    const char text[] = "第一行\n增长6%\xC3(";
    zb_scan *sc = NULL;
    ck_assert_int_eq(zb_scan_text(&sc, text, sizeof text - 1, NULL), ZB_EUTF8);
    ck_assert_ptr_nonnull(sc);
    const char *msg = zb_scan_errmsg(sc);
    ck_assert_msg(strstr(msg, "line 2, byte 18") != NULL, "message: %s", msg);
    ck_assert_uint_eq(zb_scan_count(sc), 0);
    zb_scan_free(sc);
}
END_TEST

START_TEST(utf16_is_refused_with_advice) {
    const char text[] = "\xFF\xFE\x62\x00";
    zb_scan *sc = NULL;
    ck_assert_int_eq(zb_scan_text(&sc, text, sizeof text - 1, NULL), ZB_EENCODING);
    ck_assert_ptr_nonnull(strstr(zb_scan_errmsg(sc), "iconv"));
    zb_scan_free(sc);
}
END_TEST

START_TEST(empty_input_has_no_quantities) {
    zb_scan *sc = NULL;
    ck_assert_int_eq(zb_scan_text(&sc, "", 0, NULL), ZB_OK);
    ck_assert_uint_eq(zb_scan_count(sc), 0);
    ck_assert_ptr_null(zb_scan_get(sc, 0));
    zb_scan_free(sc);
    ck_assert_int_eq(zb_scan_text(&sc, NULL, 0, NULL), ZB_OK);
    zb_scan_free(sc);
}
END_TEST

START_TEST(bad_arguments) {
    zb_scan *sc = NULL;
    ck_assert_int_eq(zb_scan_text(NULL, "1", 1, NULL), ZB_EINVAL);
    ck_assert_int_eq(zb_scan_text(&sc, NULL, 5, NULL), ZB_EINVAL);
    zb_scan_free(sc);
    zb_parse_options opts = ZB_PARSE_OPTIONS_INIT;
    opts.version = 99;
    ck_assert_int_eq(zb_scan_text(&sc, "1", 1, &opts), ZB_EINVAL);
    ck_assert_ptr_nonnull(strstr(zb_scan_errmsg(sc), "version"));
    zb_scan_free(sc);
    zb_scan_free(NULL);
}
END_TEST

START_TEST(ten_megabytes) {
    /* one paragraph per line, each with three quantities and a year */
    const char *para = "2021年全省地区生产总值增长6.6%，粮食产量达到807.84亿斤，新建4个省级湿地公园。\n";
    size_t plen = strlen(para), reps = (10u << 20) / plen + 1;
    char *text = malloc(plen * reps + 1);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * plen, para, plen);
    text[plen * reps] = 0;
    zb_scan *sc = NULL;
    ck_assert_int_eq(zb_scan_text(&sc, text, plen * reps, NULL), ZB_OK);
    ck_assert_uint_eq(zb_scan_count(sc), 4 * reps);
    const zb_quantity *last = zb_scan_get(sc, 4 * reps - 1);
    ck_assert_uint_eq(last->span_end, plen * reps - strlen("省级湿地公园。\n"));
    ck_assert_str_eq(last->unit, "个");
    zb_scan_free(sc);
    free(text);
}
END_TEST

START_TEST(one_huge_line_without_newline) {
    /* 3 MB on one line: cut into bounded pieces, nothing lost between them */
    const char *unit = "增长6%，";
    size_t ulen = strlen(unit), reps = (3u << 20) / ulen;
    char *text = malloc(ulen * reps + 1);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * ulen, unit, ulen);
    zb_scan *sc = NULL;
    ck_assert_int_eq(zb_scan_text(&sc, text, ulen * reps, NULL), ZB_OK);
    ck_assert_uint_eq(zb_scan_count(sc), reps);
    zb_scan_free(sc);
    free(text);
}
END_TEST

static Suite *suite(void) {
    Suite *s = suite_create("quantity");
    TCase *t = tcase_create("table");
    tcase_add_loop_test(t, table_case, 1, (int)cases.nrows);
    suite_add_tcase(s, t);
    TCase *e = tcase_create("edges");
    tcase_set_timeout(e, 60);
    tcase_add_test(e, invalid_utf8_names_the_byte);
    tcase_add_test(e, utf16_is_refused_with_advice);
    tcase_add_test(e, empty_input_has_no_quantities);
    tcase_add_test(e, bad_arguments);
    tcase_add_test(e, ten_megabytes);
    tcase_add_test(e, one_huge_line_without_newline);
    suite_add_tcase(s, e);
    return s;
}

int main(void) {
    if (tu_tsv_load(&cases, ZB_TEST_DATA "/quantities.tsv") || cases.nrows < 81)
        return 2;
    /* rows[0] is the header: the loop runs 1 .. nrows-1 */
    int failed = tu_run(suite());
    tu_tsv_free(&cases);
    return failed;
}
