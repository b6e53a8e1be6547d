/* Stage 3 scope and stage 5 period (INDICATORS.md §4a): one Check test per row
 * of data/time_phrases.tsv (the time phrases a passage opens with) and of
 * data/period_cases.tsv (period, year_from, year and kind of one indicator). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scope.h"
#include "testutil.h"
#include "zhibiao.h"

static tu_tsv phrases, cases;

static const char *kind_name(int kind) {
    return kind == ZB_YEARS_MULTI ? "multi" : kind == ZB_YEARS_ONE ? "one" : "none";
}

START_TEST(time_phrase_case) {
    char **row = phrases.rows[_i];
    const char *s = row[0];
    size_t len = 0;
    zb_years y = zb__time_phrase(s, strlen(s), 0, &len);
    ck_assert_msg(!strcmp(kind_name(y.kind), row[1]), "row %d '%s': kind %s, want %s", _i, s,
                  kind_name(y.kind), row[1]);
    ck_assert_msg(y.from == atoi(row[2]) && y.to == atoi(row[3]),
                  "row %d '%s': years %d–%d, want %s–%s", _i, s, y.from, y.to, row[2], row[3]);
    ck_assert_msg(y.from_rel == atoi(row[4]) && y.to_rel == atoi(row[5]),
                  "row %d '%s': relative years %d…%d, want %s…%s", _i, s, y.from_rel, y.to_rel,
                  row[4], row[5]);
    ck_assert_msg(len == (size_t)atoi(row[6]), "row %d '%s': length %zu, want %s", _i, s, len,
                  row[6]);
}
END_TEST

enum { C_TEXT, C_YEAR, C_SURFACE, C_PERIOD, C_FROM, C_IYEAR, C_KIND };

/* "null" is 0 (no year), "-" is not checked. */
static void check_year(int row, const char *what, int got, const char *want) {
    if (!strcmp(want, "-"))
        return;
    int w = strcmp(want, "null") ? atoi(want) : 0;
    ck_assert_msg(got == w, "row %d: %s %d, want %s", row, what, got, want);
}

START_TEST(period_case) {
    char **row = cases.rows[_i];
    char text[2048];
    snprintf(text, sizeof text, "%s", row[C_TEXT]);
    tu_unescape(text);
    zb_parse_options opts = ZB_PARSE_OPTIONS_INIT;
    opts.report_year = atoi(row[C_YEAR]);
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, text, strlen(text), &opts), ZB_OK);
    const zb_indicator *ind = NULL;
    for (size_t i = 0; i < zb_doc_count(doc) && !ind; i++)
        if (!strcmp(zb_doc_get(doc, i)->surface, row[C_SURFACE]))
            ind = zb_doc_get(doc, i);
    if (!ind) {
        for (size_t i = 0; i < zb_doc_count(doc); i++)
            fprintf(stderr, "  got '%s'\n", zb_doc_get(doc, i)->surface);
        ck_abort_msg("row %d: no indicator '%s'", _i, row[C_SURFACE]);
    }
    ck_assert_msg(!strcmp(zb_period_name(ind->period), row[C_PERIOD]),
                  "row %d '%s': period %s, want %s", _i, row[C_SURFACE],
                  zb_period_name(ind->period), row[C_PERIOD]);
    check_year(_i, "year_from", ind->year_from, row[C_FROM]);
    check_year(_i, "year", ind->year, row[C_IYEAR]);
    if (strcmp(row[C_KIND], "-"))
        ck_assert_msg(!strcmp(zb_kind_name(ind->kind), row[C_KIND]), "row %d: kind %s, want %s",
                      _i, zb_kind_name(ind->kind), row[C_KIND]);
    zb_doc_free(doc);
}
END_TEST

int main(void) {
    if (tu_tsv_load(&phrases, ZB_TEST_DATA "/time_phrases.tsv") || phrases.nrows < 2 ||
        tu_tsv_load(&cases, ZB_TEST_DATA "/period_cases.tsv") || cases.nrows < 2)
        return 2;
    Suite *s = suite_create("period");
    TCase *t = tcase_create("time_phrases");
    tcase_add_loop_test(t, time_phrase_case, 1, (int)phrases.nrows);
    suite_add_tcase(s, t);
    TCase *c = tcase_create("cases");
    tcase_add_loop_test(c, period_case, 1, (int)cases.nrows);
    suite_add_tcase(s, c);
    int failed = tu_run(s);
    tu_tsv_free(&phrases);
    tu_tsv_free(&cases);
    return failed;
}
