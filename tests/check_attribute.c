/* Stages 5 and 5b, attribute and metric: one Check test per row of
 * data/attribute_cases.tsv, each asserting the fields of one indicator. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "zhibiao.h"

static tu_tsv cases;

enum { C_TEXT, C_YEAR, C_SURFACE, C_VALUE, C_CMP, C_MEASURE, C_KIND, C_IYEAR, C_KEYS, C_NOT,
       C_ID, C_SECTOR };

static int given(const char *cell) { return strcmp(cell, "-") != 0; }

START_TEST(attribute_case) {
    char **row = cases.rows[_i];
    char text[1024];
    snprintf(text, sizeof text, "%s", row[C_TEXT]);
    tu_unescape(text);
    zb_parse_options opts = ZB_PARSE_OPTIONS_INIT;
    opts.report_year = atoi(row[C_YEAR]);
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, text, strlen(text), &opts), ZB_OK);
    const zb_indicator *ind = NULL;
    for (size_t i = 0; i < zb_doc_count(doc); i++)
        if (!strcmp(zb_doc_get(doc, i)->surface, row[C_SURFACE]))
            ind = zb_doc_get(doc, i);
    if (!ind) {
        for (size_t i = 0; i < zb_doc_count(doc); i++)
            fprintf(stderr, "  got '%s'\n", zb_doc_get(doc, i)->surface);
        ck_abort_msg("row %d: no indicator '%s' in %s", _i, row[C_SURFACE], text);
    }
    /* 'null': a goal without a number (contract §2b) */
    if (!strcmp(row[C_VALUE], "null"))
        ck_assert_msg(isnan(ind->value), "row %d: value %g, want null", _i, ind->value);
    else
        ck_assert_msg(fabs(ind->value - atof(row[C_VALUE])) < 1e-9, "row %d: value %g, want %s",
                      _i, ind->value, row[C_VALUE]);
    ck_assert_msg(!strcmp(zb_cmp_name(ind->cmp), row[C_CMP]), "row %d: cmp %s, want %s", _i,
                  zb_cmp_name(ind->cmp), row[C_CMP]);
    ck_assert_msg(!strcmp(zb_measure_name(ind->measure), row[C_MEASURE]),
                  "row %d: measure %s, want %s", _i, zb_measure_name(ind->measure), row[C_MEASURE]);
    if (given(row[C_KIND]))
        ck_assert_msg(!strcmp(zb_kind_name(ind->kind), row[C_KIND]), "row %d: kind %s, want %s",
                      _i, zb_kind_name(ind->kind), row[C_KIND]);
    if (given(row[C_IYEAR]))
        ck_assert_msg(ind->year == atoi(row[C_IYEAR]), "row %d: year %d, want %s", _i, ind->year,
                      row[C_IYEAR]);
    if (given(row[C_KEYS])) {
        char keys[256];
        snprintf(keys, sizeof keys, "%s", row[C_KEYS]);
        for (char *k = strtok(keys, "|"); k; k = strtok(NULL, "|"))
            ck_assert_msg(strstr(ind->metric, k) != NULL, "row %d: metric '%s' lacks '%s'", _i,
                          ind->metric, k);
    }
    if (given(row[C_NOT]))
        ck_assert_msg(strstr(ind->metric, row[C_NOT]) == NULL, "row %d: metric '%s' has '%s'",
                      _i, ind->metric, row[C_NOT]);
    if (given(row[C_ID])) {
        /* 'none': the figure must not borrow an id that is not its own */
        const char *want = strcmp(row[C_ID], "none") ? row[C_ID] : "";
        ck_assert_msg(!strcmp(ind->metric_id, want), "row %d: metric_id '%s', want %s", _i,
                      ind->metric_id, row[C_ID]);
    }
    if (given(row[C_SECTOR]))
        ck_assert_msg(!strcmp(zb_sector_name(ind->sector), row[C_SECTOR]),
                      "row %d: sector %s, want %s", _i, zb_sector_name(ind->sector),
                      row[C_SECTOR]);
    zb_doc_free(doc);
}
END_TEST

int main(void) {
    if (tu_tsv_load(&cases, ZB_TEST_DATA "/attribute_cases.tsv") || cases.nrows < 2)
        return 2;
    Suite *s = suite_create("attribute");
    TCase *t = tcase_create("cases");
    tcase_add_loop_test(t, attribute_case, 1, (int)cases.nrows);
    suite_add_tcase(s, t);
    int failed = tu_run(s);
    tu_tsv_free(&cases);
    return failed;
}
