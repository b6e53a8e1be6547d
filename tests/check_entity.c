/* Stage 5, entity: one Check test per row of data/entity_cases.tsv, each
 * asserting whose figure an indicator is and what its metric keeps. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "zhibiao.h"

static tu_tsv cases;

enum { C_TEXT, C_YEAR, C_SURFACE, C_VALUE, C_ENTITY, C_KEYS, C_NOT, C_ID };

static int given(const char *cell) { return strcmp(cell, "-") != 0; }

START_TEST(entity_case) {
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
    /* '-': a qualitative goal, without a value */
    if (given(row[C_VALUE]))
        ck_assert_msg(fabs(ind->value - atof(row[C_VALUE])) < 1e-9, "row %d: value %g, want %s",
                      _i, ind->value, row[C_VALUE]);
    const char *want = strcmp(row[C_ENTITY], "none") ? row[C_ENTITY] : "";
    ck_assert_msg(!strcmp(ind->entity ? ind->entity : "", want),
                  "row %d: entity '%s', want '%s' (metric '%s')", _i,
                  ind->entity ? ind->entity : "", want, ind->metric);
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
        const char *id = strcmp(row[C_ID], "none") ? row[C_ID] : "";
        ck_assert_msg(!strcmp(ind->metric_id, id), "row %d: metric_id '%s', want %s", _i,
                      ind->metric_id, row[C_ID]);
    }
    zb_doc_free(doc);
}
END_TEST

int main(void) {
    if (tu_tsv_load(&cases, ZB_TEST_DATA "/entity_cases.tsv") || cases.nrows < 2)
        return 2;
    Suite *s = suite_create("entity");
    TCase *t = tcase_create("cases");
    tcase_add_loop_test(t, entity_case, 1, (int)cases.nrows);
    suite_add_tcase(s, t);
    int failed = tu_run(s);
    tu_tsv_free(&cases);
    return failed;
}
