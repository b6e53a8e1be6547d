/* zhibiao compare | export | stats: reading the database, never writing it. */
#include <errno.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "zhibiao.h"

/* The options the read-only commands share. */
typedef struct query_args {
    const char *db, *region, *format, *output;
    int base, target, bom;
    zb_filter filter;
} query_args;

static int take(void *ctx, const char *cmd, const zb_option *o, const char *v) {
    query_args *a = ctx;
    static const char *const compare_formats[] = {"table", "csv", "json", NULL};
    static const char *const export_formats[] = {"csv", "jsonl", NULL};
    if (!o)
        return zb_cli_extra(cmd, v);
    switch (o->key) {
    case 'd': a->db = v; return 0;
    case 'o': a->output = v; return 0;
    case 'r': a->region = a->filter.region = v; return zb_cli_region_value(cmd, o, v);
    case 'f':
        a->format = v;
        return zb_cli_choice(cmd, o, v, strcmp(cmd, "compare") ? export_formats : compare_formats);
    case ZB_OPT_BASE_YEAR: return zb_cli_year_value(cmd, o, v, &a->base);
    case ZB_OPT_TARGET_YEAR: return zb_cli_year_value(cmd, o, v, &a->target);
    case ZB_OPT_YEAR: return zb_cli_year_value(cmd, o, v, &a->filter.year);
    case 'y': return zb_cli_year_value(cmd, o, v, &a->filter.report_year);
    case ZB_OPT_BOM: a->bom = 1; return 0;
    case ZB_OPT_KIND: {
        zb_kind k;
        if (zb_kind_from_name(&k, v) != ZB_OK)
            return zb_cli_bad(cmd, o, v, "achieved or target");
        a->filter.kinds |= ZB_BIT(k); /* repeated: any of them */
        return 0;
    }
    case ZB_OPT_SECTOR: {
        zb_sector s;
        if (zb_sector_from_name(&s, v) != ZB_OK)
            return zb_cli_bad(cmd, o, v, "economy, industry, innovation, agriculture, "
                                         "reform_opening, ecology, livelihood, infrastructure "
                                         "or governance");
        a->filter.sectors |= ZB_BIT(s);
        return 0;
    }
    case ZB_OPT_METRIC_ID: a->filter.metric_id = v; return 0;
    }
    return 0;
}

/* ---- compare ---- */

static const zb_option compare_options[] = {
    {"db", 'd', "a database file", 1},
    {"region", 'r', "a name such as 吉林省", 0},
    {"base-year", ZB_OPT_BASE_YEAR, "a year such as 2021", 0},
    {"target-year", ZB_OPT_TARGET_YEAR, "a year such as 2022", 0},
    {"format", 'f', "table, csv or json", 0},
    {"output", 'o', "a file, or - for standard output", 1},
    {NULL, 0, NULL, 0},
};

enum { K_REGION, K_METRIC, K_MEASURE, K_RESULT, K_TARGET, K_STATUS, KCOLS };

/* The table keeps every row to size its columns: a comparison is a few
 * hundred rows at most. */
typedef struct table_rows {
    char **cells; /* KCOLS per row */
    size_t n, cap;
} table_rows;

static int keep_row(table_rows *t, const zb_comparison *c) {
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 32;
        char **bigger = realloc(t->cells, cap * KCOLS * sizeof *bigger);
        if (!bigger)
            return -1;
        t->cells = bigger;
        t->cap = cap;
    }
    char av[40], tv[40], th[40], top[64] = "", result[96], goal[160];
    zb_cli_number(av, sizeof av, c->actual_value);
    zb_cli_number(tv, sizeof tv, c->target_value);
    zb_cli_number(th, sizeof th, c->target_value_high);
    if (*th) /* a range shows its top: 6%—7% */
        snprintf(top, sizeof top, "—%s%s", th, c->target_unit);
    snprintf(result, sizeof result, "%d %s%s", c->actual_year, av, c->actual_unit);
    snprintf(goal, sizeof goal, "%d %s%s%s%s", c->target_year,
             c->target_cmp == ZB_CMP_EQ ? "" : zb_cmp_name(c->target_cmp), tv, c->target_unit,
             top);
    const char *cells[KCOLS] = {c->region, c->metric, zb_measure_name(c->measure), result, goal,
                                c->status};
    char **row = t->cells + t->n * KCOLS;
    int bad = 0;
    for (int k = 0; k < KCOLS; k++)
        bad |= !(row[k] = strdup(cells[k] ? cells[k] : ""));
    t->n++;
    return bad ? -1 : 0;
}

static void print_comparisons(FILE *f, const table_rows *t) {
    /* the status and the metric are cut first; the figures never */
    zb_column cols[KCOLS] = {
        [K_REGION] = {"region", 0, 6, 2, 2, 0},   [K_METRIC] = {"metric", 0, 8, 1, 6, 0},
        [K_MEASURE] = {"measure", 0, 0, 0, 1, 0}, [K_RESULT] = {"result", 0, 0, 0, 5, 0},
        [K_TARGET] = {"target", 0, 0, 0, 4, 0},   [K_STATUS] = {"status", 0, 8, 0, 3, 0},
    };
    for (size_t i = 0; i < t->n; i++)
        zb_cli_measure(cols, KCOLS, (const char *const *)t->cells + i * KCOLS);
    zb_cli_fit(cols, KCOLS, zb_cli_terminal_width());
    zb_cli_row(f, cols, KCOLS, NULL);
    for (size_t i = 0; i < t->n; i++)
        zb_cli_row(f, cols, KCOLS, (const char *const *)t->cells + i * KCOLS);
}

static void free_rows(table_rows *t) {
    for (size_t i = 0; i < t->n * KCOLS; i++)
        free(t->cells[i]);
    free(t->cells);
}

static int write_comparison(zb_writer *w, const zb_comparison *c) {
    zb_writer_text(w, c->region);
    zb_writer_text(w, c->metric_id);
    zb_writer_text(w, c->metric);
    zb_writer_text(w, zb_measure_name(c->measure));
    zb_writer_int(w, c->actual_year);
    zb_writer_real(w, c->actual_value);
    zb_writer_text(w, c->actual_unit);
    zb_writer_real(w, c->actual_base_value);
    zb_writer_int(w, c->target_year);
    zb_writer_text(w, zb_cmp_name(c->target_cmp));
    zb_writer_real(w, c->target_value);
    zb_writer_text(w, c->target_unit);
    zb_writer_real(w, c->target_base_value);
    zb_writer_real(w, c->delta);
    zb_writer_text(w, c->status);
    zb_writer_real(w, c->target_value_high);
    zb_writer_text(w, c->direction);
    zb_writer_text(w, *c->ambition ? c->ambition : NULL);
    zb_writer_text(w, c->entity);
    zb_writer_text(w, zb_commitment_name(c->commitment));
    zb_writer_text(w, *c->delta_unit ? c->delta_unit : NULL);
    zb_writer_int(w, c->actual_document_id);
    zb_writer_int(w, c->actual_indicator_id);
    zb_writer_int(w, c->target_document_id);
    zb_writer_int(w, c->target_indicator_id);
    return zb_writer_end_row(w);
}

int zb_cmd_compare(int argc, char **argv) {
    query_args a = {.format = "table"};
    int rc = zb_cli_options(argc, argv, compare_options, take, &a);
    if (rc != ZB_CLI_GO)
        return rc;
    if (a.base && a.target && a.target != a.base + 1)
        return zb_cli_error("compare: --target-year must be the year after --base-year"), 2;
    zb_db *db;
    if ((rc = zb_cli_open_db(&db, "compare", a.db)) != 0)
        return rc;
    zb_comparisons *it;
    if (zb_db_compare(&it, db, a.region, a.base, a.target) != ZB_OK) {
        zb_cli_error("%s", zb_db_errmsg(db));
        zb_db_close(db);
        return 1;
    }
    static const char *const cols[] = {
        "region",       "metric_id",   "metric",       "measure",           "actual_year",
        "actual_value", "actual_unit", "actual_base_value", "target_year",  "target_cmp",
        "target_value", "target_unit", "target_base_value", "delta",        "status",
        "target_value_high", "direction", "ambition", "entity", "commitment", "delta_unit",
        "actual_document_id", "actual_indicator_id", "target_document_id",
        "target_indicator_id"};
    zb_output out;
    zb_writer *w = NULL;
    int table = !strcmp(a.format, "table");
    if (zb_cli_output_open(&out, a.output)) {
        zb_comparisons_free(it);
        zb_db_close(db);
        return 1;
    }
    if (!table && (zb_writer_new(&w, !strcmp(a.format, "csv") ? ZB_FORMAT_CSV : ZB_FORMAT_JSON,
                                 0, zb_cli_output_write, &out) != ZB_OK ||
                   zb_writer_columns(w, sizeof cols / sizeof *cols, cols) != ZB_OK)) {
        zb_writer_free(w);
        zb_comparisons_free(it);
        zb_db_close(db);
        zb_cli_output_close(&out, 0);
        return zb_cli_error("out of memory");
    }
    table_rows rows = {0};
    int wrc = ZB_OK;
    while (wrc == ZB_OK && (rc = zb_comparisons_next(it)) == ZB_ROW) {
        const zb_comparison *c = zb_comparisons_get(it);
        if (table)
            wrc = keep_row(&rows, c) ? ZB_ENOMEM : ZB_OK;
        else
            wrc = write_comparison(w, c);
    }
    if (w && wrc == ZB_OK && rc == ZB_DONE)
        wrc = zb_writer_finish(w);
    int ok = wrc == ZB_OK && rc == ZB_DONE;
    if (wrc != ZB_OK && !out.err)
        zb_cli_error("%s", w ? zb_writer_errmsg(w) : "out of memory");
    else if (wrc == ZB_OK && rc != ZB_DONE)
        zb_cli_error("%s", zb_db_errmsg(db));
    if (ok && table) {
        print_comparisons(out.f, &rows);
        if (!rows.n)
            fprintf(stderr, "%s: no result has a target for the next year in this database%s\n",
                    zb_cli_name, a.base ? " for those years" : "");
    }
    free_rows(&rows);
    zb_writer_free(w);
    zb_comparisons_free(it);
    zb_db_close(db);
    return zb_cli_output_close(&out, ok) || !ok ? 1 : 0;
}

/* ---- export ---- */

static const zb_option export_options[] = {
    {"db", 'd', "a database file", 1},
    {"format", 'f', "csv or jsonl", 0},
    {"bom", ZB_OPT_BOM, NULL, 0},
    {"region", 'r', "a name such as 吉林省", 0},
    {"year", ZB_OPT_YEAR, "a year such as 2021", 0},
    {"report-year", 'y', "a year such as 2022", 0},
    {"kind", ZB_OPT_KIND, "achieved or target", 0},
    {"sector", ZB_OPT_SECTOR, "a sector such as agriculture", 0},
    {"metric-id", ZB_OPT_METRIC_ID, "an id such as grain_output", 0},
    {"output", 'o', "a file, or - for standard output", 1},
    {NULL, 0, NULL, 0},
};

int zb_cmd_export(int argc, char **argv) {
    query_args a = {.format = "csv", .filter = ZB_FILTER_INIT};
    int rc = zb_cli_options(argc, argv, export_options, take, &a);
    if (rc != ZB_CLI_GO)
        return rc;
    zb_db *db;
    if ((rc = zb_cli_open_db(&db, "export", a.db)) != 0)
        return rc;
    zb_rows *it;
    if (zb_db_indicators(&it, db, &a.filter) != ZB_OK) {
        zb_cli_error("%s", zb_db_errmsg(db));
        zb_db_close(db);
        return 1;
    }
    zb_output out;
    if (zb_cli_output_open(&out, a.output)) {
        zb_rows_free(it);
        zb_db_close(db);
        return 1;
    }
    zb_writer *w = NULL;
    if (zb_writer_new(&w, !strcmp(a.format, "csv") ? ZB_FORMAT_CSV : ZB_FORMAT_JSONL,
                      ZB_WRITER_DOCUMENT | (a.bom ? ZB_WRITER_BOM : 0), zb_cli_output_write,
                      &out) != ZB_OK) {
        zb_rows_free(it);
        zb_db_close(db);
        zb_cli_output_close(&out, 0);
        return zb_cli_error("out of memory");
    }
    int wrc = ZB_OK;
    while (wrc == ZB_OK && (rc = zb_rows_next(it)) == ZB_ROW) {
        zb_source src = {zb_rows_document_id(it), zb_rows_region(it), zb_rows_report_year(it)};
        wrc = zb_writer_indicator(w, zb_rows_indicator(it), &src);
    }
    if (wrc == ZB_OK && rc == ZB_DONE)
        wrc = zb_writer_finish(w);
    if (wrc != ZB_OK && !out.err)
        zb_cli_error("%s", zb_writer_errmsg(w));
    else if (wrc == ZB_OK && rc != ZB_DONE)
        zb_cli_error("%s", rc == ZB_ENOMEM ? "out of memory" : zb_db_errmsg(db));
    int ok = wrc == ZB_OK && rc == ZB_DONE;
    zb_writer_free(w);
    zb_rows_free(it);
    zb_db_close(db);
    return zb_cli_output_close(&out, ok) || !ok ? 1 : 0;
}

/* ---- stats ---- */

static const zb_option stats_options[] = {
    {"db", 'd', "a database file", 1},
    {NULL, 0, NULL, 0},
};

int zb_cmd_stats(int argc, char **argv) {
    query_args a = {0};
    int rc = zb_cli_options(argc, argv, stats_options, take, &a);
    if (rc != ZB_CLI_GO)
        return rc;
    /* make sure it is ours and current before reading it with plain SQL */
    zb_db *db;
    if ((rc = zb_cli_open_db(&db, "stats", a.db)) != 0)
        return rc;
    zb_db_close(db);
    sqlite3 *conn = NULL;
    if (zb_cli_open_sql(&conn, a.db) != SQLITE_OK) {
        zb_cli_error("%s: %s", a.db, conn ? sqlite3_errmsg(conn) : "out of memory");
        sqlite3_close(conn);
        return 1;
    }
    const char *sql =
        "SELECT d.region, d.report_year, count(DISTINCT d.id), count(i.id), "
        "sum(i.kind = 'achieved'), sum(i.kind = 'target'), sum(i.metric_id IS NOT NULL) "
        "FROM documents d LEFT JOIN indicators i ON i.document_id = d.id "
        "GROUP BY d.region, d.report_year ORDER BY d.region, d.report_year";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK) {
        zb_cli_error("%s: %s", a.db, sqlite3_errmsg(conn));
        sqlite3_close(conn);
        return 1;
    }
    printf("%s (schema version %d)\n\n", a.db, zb_schema_version());
    printf("%-16s %6s %9s %10s %9s %8s %10s\n", "region", "report", "documents", "indicators",
           "achieved", "targets", "in catalog");
    long long docs = 0, inds = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *region = (const char *)sqlite3_column_text(st, 0);
        zb_cli_cell(stdout, region && *region ? region : "(none)", 16, 0);
        printf(" %6d %9lld %10lld %9lld %8lld %10lld\n", sqlite3_column_int(st, 1),
               sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
               sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
               sqlite3_column_int64(st, 6));
        docs += sqlite3_column_int64(st, 2);
        inds += sqlite3_column_int64(st, 3);
    }
    int failed = rc != SQLITE_DONE;
    if (failed)
        zb_cli_error("%s: %s", a.db, sqlite3_errmsg(conn));
    sqlite3_finalize(st);
    sqlite3_close(conn);
    if (!failed)
        printf("\n%lld documents, %lld indicators\n", docs, inds);
    return failed;
}
