/* Contract cases by field name: each file of data/cases/ is a TSV whose header
 * is `text report_year surface` followed by any fields of the contract
 * (INDICATORS.md §1: kind, year, commitment, estimate, qualitative, value, …).
 * Each row parses `text` and finds the indicator whose surface is `surface`;
 * every other cell that is not '-' is what that field must print as (a null
 * prints as "null"). `surface` may be '!WORDS': then no indicator's surface may
 * lie inside those words or hold them. Expected values are written from the contract, never from the code. */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "testutil.h"
#include "write.h"

typedef struct row_ref {
    tu_tsv *file;
    const char *name;
    size_t row;
} row_ref;

static tu_tsv files[32];
static const char *names[32];
static size_t nfiles;
static row_ref rows[2048];
static size_t nrows;

/* The field as the writers print it (JSON's spelling, without quotes). */
static void field_text(const zb_field *f, const zb_indicator *ind, char *out, size_t size) {
    if (zb__field_is_null(f, ind)) {
        snprintf(out, size, "null");
    } else if (f->type == ZB_FT_REAL) {
        zb__format_number(zb__field_real(f, ind), out, size);
    } else if (f->type == ZB_FT_BOOL) {
        snprintf(out, size, "%s", zb__field_int(f, ind) ? "true" : "false");
    } else if (f->type == ZB_FT_SIZE || f->type == ZB_FT_YEAR) {
        snprintf(out, size, "%lld", (long long)zb__field_int(f, ind));
    } else {
        snprintf(out, size, "%s", zb__field_text(f, ind));
    }
}

START_TEST(contract_case) {
    const row_ref *r = &rows[_i];
    char **head = r->file->rows[0], **cell = r->file->rows[r->row];
    char text[2048];
    snprintf(text, sizeof text, "%s", cell[0]);
    tu_unescape(text);
    zb_parse_options opts = ZB_PARSE_OPTIONS_INIT;
    opts.report_year = atoi(cell[1]);
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, text, strlen(text), &opts), ZB_OK);
    /* surface#N: the Nth row of that surface (a goal of several metrics has one
     * row each); else the last */
    char surface[512];
    snprintf(surface, sizeof surface, "%s", cell[2]);
    char *hash = strrchr(surface, '#');
    int nth = hash && hash[1] ? atoi(hash + 1) : 0, seen = 0;
    if (nth > 0)
        *hash = 0;
    const zb_indicator *ind = NULL;
    for (size_t i = 0; i < zb_doc_count(doc) && !(nth && seen == nth); i++) {
        const char *got = zb_doc_get(doc, i)->surface;
        if (surface[0] == '!' ? strstr(surface + 1, got) || strstr(got, surface + 1) != NULL
                              : !strcmp(got, surface)) {
            ind = zb_doc_get(doc, i);
            seen++;
        }
    }
    if (nth && seen != nth)
        ind = NULL;
    if (surface[0] == '!') {
        ck_assert_msg(!ind, "%s:%zu: no indicator may overlap '%s' in %s (got '%s')", r->name,
                      r->row, surface + 1, text, ind ? ind->surface : "");
        zb_doc_free(doc);
        return;
    }
    if (!ind) {
        for (size_t i = 0; i < zb_doc_count(doc); i++)
            fprintf(stderr, "  got '%s'\n", zb_doc_get(doc, i)->surface);
        ck_abort_msg("%s:%zu: no indicator '%s' in %s", r->name, r->row, surface, text);
    }
    for (int c = 3; c < r->file->ncols; c++) {
        if (!strcmp(cell[c], "-"))
            continue;
        const zb_field *f = NULL;
        for (size_t k = 0; k < zb__field_count; k++)
            if (!strcmp(zb__fields[k].name, head[c]))
                f = &zb__fields[k];
        ck_assert_msg(f != NULL, "%s: no contract field '%s'", r->name, head[c]);
        char got[512];
        field_text(f, ind, got, sizeof got);
        ck_assert_msg(!strcmp(got, cell[c]), "%s:%zu: %s of '%s' is '%s', want '%s' (%s)",
                      r->name, r->row, head[c], surface, got, cell[c], text);
    }
    zb_doc_free(doc);
}
END_TEST

static int by_name(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(void) {
    DIR *dir = opendir(ZB_TEST_DATA "/cases");
    if (!dir)
        return 2;
    char *list[32];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) && n < 32)
        if (strlen(e->d_name) > 4 && !strcmp(e->d_name + strlen(e->d_name) - 4, ".tsv"))
            list[n++] = strdup(e->d_name);
    closedir(dir);
    qsort(list, n, sizeof *list, by_name);
    for (size_t i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/cases/%s", ZB_TEST_DATA, list[i]);
        if (tu_tsv_load(&files[nfiles], path) || files[nfiles].nrows < 2 ||
            files[nfiles].ncols < 3 || strcmp(files[nfiles].rows[0][2], "surface")) {
            fprintf(stderr, "%s: not a cases file (text report_year surface …)\n", path);
            return 2;
        }
        names[nfiles] = list[i];
        for (size_t r = 1; r < files[nfiles].nrows && nrows < 2048; r++)
            rows[nrows++] = (row_ref){&files[nfiles], names[nfiles], r};
        nfiles++;
    }
    Suite *s = suite_create("cases");
    TCase *t = tcase_create("contract");
    tcase_add_loop_test(t, contract_case, 0, (int)nrows);
    suite_add_tcase(s, t);
    int failed = tu_run(s);
    for (size_t i = 0; i < nfiles; i++)
        tu_tsv_free(&files[i]);
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    return failed;
}
