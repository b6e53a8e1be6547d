/* The dashboard's data: the views' rows as one JSON object, written to go
 * inside <script type="application/json"> (htmljson.c escapes it for that).
 * Each query's column names are its JSON keys, so the page's script and these
 * queries are the only places that know the shape. */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dashboard.h"

/* Rows of one region (by name or code) or, when ?1 is NULL, of every region. */
#define REGION_IS(col, code) "(?1 IS NULL OR " col " = ?1 OR " code " = ?2)"

static const struct {
    const char *key, *sql;
} queries[] = {
    {"regions",
     "SELECT d.region AS name, d.region_code AS code, r.name_en, r.level, "
     "count(*) AS documents, min(d.report_year) AS first_year, max(d.report_year) AS last_year "
     "FROM documents d LEFT JOIN regions r ON r.code = d.region_code "
     "WHERE " REGION_IS("d.region", "d.region_code") " "
     "GROUP BY d.region ORDER BY d.region_code IS NULL, d.region_code, d.region"},
    {"documents",
     "SELECT id, region, report_year, title, source, form, format, pages FROM documents "
     "WHERE " REGION_IS("region", "region_code") " ORDER BY id"},
    {"metrics",
     "SELECT id, name, name_en, sector, better, unit FROM metrics "
     "WHERE id IN (SELECT metric_id FROM indicators) ORDER BY id"},
    /* last year's targets against the results a later report gives */
    {"outcomes",
     "SELECT region, entity, metric_id, measure, direction, year, target_cmp AS cmp, "
     "target_value AS value, target_value_high AS value_high, target_unit AS unit, "
     "target_qualitative AS qualitative, commitment, target_report_year, actual_cmp, actual_value, "
     "actual_unit, actual_report_year, actual_in_target_unit, outcome, target_indicator_id, "
     "actual_indicator_id FROM v_target_outcome "
     "WHERE " REGION_IS("region", "region_code") " "
     "ORDER BY region, year, entity, metric_id, measure"},
    /* this year's targets against last year's results, with both in the
     * catalog's unit so that one panel can hold one scale */
    {"versus",
     "SELECT v.region, v.entity, v.metric_id, v.measure, v.direction, v.actual_year, "
     "v.actual_value, v.actual_unit, v.target_year, v.target_cmp AS cmp, v.target_value, "
     "v.target_value_high, v.target_unit, v.commitment, v.delta, v.delta_unit, v.status, "
     "v.ambition, a.std_value AS actual_std, t.std_value AS target_std, "
     "t.std_value_high AS target_std_high, a.std_unit AS actual_std_unit, "
     "t.std_unit AS target_std_unit, v.actual_indicator_id, v.target_indicator_id "
     "FROM v_target_vs_actual v "
     "JOIN v_figures a ON a.indicator_id = v.actual_indicator_id "
     "JOIN v_figures t ON t.indicator_id = v.target_indicator_id "
     "WHERE " REGION_IS("v.region", "v.region_code") " "
     "ORDER BY v.region, v.target_year, v.entity, v.metric_id, v.measure"},
    {"series",
     "SELECT s.region, s.entity, s.metric_id, s.measure, s.year, s.actual_value, s.actual_unit, "
     "s.actual_qualitative, s.target_cmp, s.target_value, s.target_value_high, s.target_unit, "
     "s.target_qualitative, s.actual_std_value, s.target_std_value, s.std_unit, "
     "s.actual_indicator_id, s.target_indicator_id FROM v_metric_series s "
     "WHERE ?1 IS NULL OR s.region = ?1 OR s.region IN "
     "(SELECT region FROM documents WHERE region_code = ?2) "
     "ORDER BY s.region, s.entity, s.metric_id, s.measure, s.year"},
    /* every indicator, with its figure's bytes relative to its sentence's */
    {"indicators",
     "SELECT i.id, d.region, d.report_year, i.document_id AS doc, i.page, i.year, i.period, "
     "i.year_from, i.kind, i.sector, i.measure, i.metric, i.metric_id, i.entity, i.cmp, "
     "i.value, i.value_high, i.unit, i.surface, i.qualitative, i.estimate, i.commitment, "
     "i.sentence_id AS sentence, "
     "CASE WHEN i.span_start >= se.span_start AND i.span_end <= se.span_end "
     "THEN i.span_start - se.span_start END AS from_byte, "
     "CASE WHEN i.span_start >= se.span_start AND i.span_end <= se.span_end "
     "THEN i.span_end - se.span_start END AS to_byte "
     "FROM indicators i JOIN documents d ON d.id = i.document_id "
     "JOIN sentences se ON se.id = i.sentence_id "
     "WHERE " REGION_IS("d.region", "d.region_code") " "
     "ORDER BY d.region, d.report_year, i.document_id, i.ordinal"},
};

/* ?1 and ?2 where the query has them (the catalog's has none) */
static int bind_region(sqlite3_stmt *st, const char *region, const char *code) {
    int n = sqlite3_bind_parameter_count(st), rc = SQLITE_OK;
    if (region && n >= 1)
        rc = sqlite3_bind_text(st, 1, region, -1, SQLITE_STATIC);
    if (region && n >= 2 && rc == SQLITE_OK)
        rc = sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
    return rc;
}

static void number(FILE *f, double v) {
    if (!isfinite(v)) { /* SQLite has no NaN; an infinity has no JSON */
        fputs("null", f);
        return;
    }
    char buf[40];
    snprintf(buf, sizeof buf, "%.15g", v);
    if (strtod(buf, NULL) != v) /* shortest form that reads back, mostly */
        snprintf(buf, sizeof buf, "%.17g", v);
    fputs(buf, f);
}

static void value(FILE *f, sqlite3_stmt *st, int col) {
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_NULL: fputs("null", f); break;
    case SQLITE_INTEGER: fprintf(f, "%lld", (long long)sqlite3_column_int64(st, col)); break;
    case SQLITE_FLOAT: number(f, sqlite3_column_double(st, col)); break;
    default: {
        const char *s = (const char *)sqlite3_column_text(st, col);
        zb_cli_json_string(f, s, (size_t)sqlite3_column_bytes(st, col));
    }
    }
}

/* "key":[{col:value,…},…] */
static int rows(FILE *f, sqlite3 *db, const char *key, const char *sql, const char *region,
                const char *code) {
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = bind_region(st, region, code);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        return rc;
    }
    fprintf(f, ",\"%s\":[", key);
    int n = sqlite3_column_count(st);
    for (int row = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; row++) {
        fputs(row ? ",\n{" : "\n{", f);
        for (int c = 0; c < n; c++) {
            if (c)
                fputc(',', f);
            const char *name = sqlite3_column_name(st, c);
            zb_cli_json_string(f, name, strlen(name));
            fputc(':', f);
            value(f, st, c);
        }
        fputc('}', f);
    }
    fputc(']', f);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* "sentences":{"id":"the bytes of the stored text the sentence spans",…}:
 * the text the spans point into, read once per document (not once per
 * sentence, which would read a long report's body once for each). */
static int sentences(FILE *f, sqlite3 *db, const char *region, const char *code) {
    sqlite3_stmt *st, *body;
    int rc = sqlite3_prepare_v2(
        db,
        "SELECT se.id, se.document_id, se.span_start, se.span_end FROM sentences se "
        "JOIN documents d ON d.id = se.document_id "
        "WHERE se.id IN (SELECT sentence_id FROM indicators) "
        "AND " REGION_IS("d.region", "d.region_code") " ORDER BY se.document_id, se.id",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_prepare_v2(db, "SELECT body FROM documents WHERE id = ?1", -1, &body, NULL);
    if (rc == SQLITE_OK)
        rc = bind_region(st, region, code);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        sqlite3_finalize(body);
        return rc;
    }
    fputs(",\"sentences\":{", f);
    sqlite3_int64 doc = -1;
    const char *text = NULL;
    size_t len = 0;
    for (int row = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; row++) {
        if (sqlite3_column_int64(st, 1) != doc) {
            doc = sqlite3_column_int64(st, 1);
            sqlite3_reset(body);
            sqlite3_bind_int64(body, 1, doc);
            int b = sqlite3_step(body);
            if (b != SQLITE_ROW) { /* DONE: a sentence of a document that is not there */
                rc = b == SQLITE_DONE ? SQLITE_CORRUPT : b;
                break;
            }
            /* valid until body is stepped or reset again */
            text = sqlite3_column_blob(body, 0);
            len = (size_t)sqlite3_column_bytes(body, 0);
        }
        sqlite3_int64 from = sqlite3_column_int64(st, 2), to = sqlite3_column_int64(st, 3);
        if (from < 0 || to < from || (size_t)to > len)
            from = to = 0; /* a span past the text: no sentence rather than a wrong one */
        fprintf(f, "%s\"%lld\":", row ? ",\n" : "\n", (long long)sqlite3_column_int64(st, 0));
        zb_cli_json_string(f, text ? text + from : "", (size_t)(to - from));
    }
    fputc('}', f);
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    sqlite3_finalize(st);
    sqlite3_finalize(body);
    return rc;
}

int zb_cli_dashboard_data(FILE *f, sqlite3 *db, const char *region, const char *code,
                          const char *version) {
    fputs("{\"generator\":", f);
    zb_cli_json_string(f, "zhibiao", 7);
    fputs(",\"version\":", f);
    zb_cli_json_string(f, version, strlen(version));
    fputs(",\"region\":", f);
    if (region)
        zb_cli_json_string(f, region, strlen(region));
    else
        fputs("null", f);
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        int rc = rows(f, db, queries[q].key, queries[q].sql, region, code);
        if (rc != SQLITE_OK)
            return rc;
    }
    int rc = sentences(f, db, region, code);
    fputs("}", f);
    return rc;
}
