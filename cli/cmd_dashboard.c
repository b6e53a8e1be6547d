/* zhibiao dashboard: one self-contained HTML page from a database. The page
 * (cli/dashboard.html: markup, style and a small script, embedded at build
 * time) renders the views' rows, which this command writes into it as JSON
 * (dashboard_data.c). No network, no external scripts: a single file to mail
 * or open anywhere. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dashboard.h"
#include "zhibiao.h"

typedef struct dashboard_args {
    const char *db, *region, *output;
} dashboard_args;

static const zb_option dashboard_options[] = {
    {"db", 'd', "a database file", 1},
    {"region", 'r', "a name such as 吉林省", 0},
    {"output", 'o', "a file, or - for standard output", 1},
    {NULL, 0, NULL, 0},
};

static int take(void *ctx, const char *cmd, const zb_option *o, const char *v) {
    dashboard_args *a = ctx;
    if (!o)
        return zb_cli_extra(cmd, v);
    switch (o->key) {
    case 'd': a->db = v; return 0;
    case 'r': a->region = v; return zb_cli_region_value(cmd, o, v);
    case 'o': a->output = v; return 0;
    }
    return 0;
}

/* How many regions and indicators the page will show; -1 on an SQLite error. */
static int count(sqlite3 *db, const char *region, const char *code, long long *regions,
                 long long *indicators) {
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT count(DISTINCT d.region), count(i.id) FROM documents d "
                                "LEFT JOIN indicators i ON i.document_id = d.id "
                                "WHERE ?1 IS NULL OR d.region = ?1 OR d.region_code = ?2",
                                -1, &st, NULL);
    if (rc == SQLITE_OK && region) {
        sqlite3_bind_text(st, 1, region, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
    }
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *regions = sqlite3_column_int64(st, 0);
        *indicators = sqlite3_column_int64(st, 1);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? 0 : -1;
}

int zb_cmd_dashboard(int argc, char **argv) {
    dashboard_args a = {0};
    int rc = zb_cli_options(argc, argv, dashboard_options, take, &a);
    if (rc != ZB_CLI_GO)
        return rc;
    if (!a.db || !a.output)
        return zb_cli_error("dashboard: give --db FILE and -o REPORT.html ('-o -' for standard "
                            "output)"), 2;
    /* the page's one slot for the data; the build embeds the page with one */
    const char *slot = strstr(zb_dashboard_page, "@ZB_DATA@");
    if (!slot)
        return zb_cli_error("dashboard: the embedded page has no @ZB_DATA@ (a broken build)"), 1;

    /* make sure it is ours and current before reading it with plain SQL */
    zb_db *check = NULL;
    if (zb_db_open(&check, a.db, ZB_DB_READONLY) != ZB_OK) {
        zb_cli_error("%s", zb_db_errmsg(check));
        zb_db_close(check);
        return 1;
    }
    /* and every row one zhibiao wrote: the library's read checks each enum
     * value, which the page's plain SQL would carry through as it is */
    zb_filter every = ZB_FILTER_INIT;
    every.region = a.region;
    zb_rows *it = NULL;
    rc = zb_db_indicators(&it, check, &every);
    if (rc == ZB_OK)
        while ((rc = zb_rows_next(it)) == ZB_ROW)
            ;
    zb_rows_free(it);
    if (rc != ZB_OK && rc != ZB_DONE) {
        zb_cli_error("%s: %s", a.db, zb_db_errmsg(check));
        zb_db_close(check);
        return 1;
    }
    zb_db_close(check);
    sqlite3 *db = NULL;
    if (zb_cli_open_sql(&db, a.db) != SQLITE_OK) {
        zb_cli_error("%s: %s", a.db, db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return 1;
    }
    /* a region by full or short name or code, as every command takes it */
    zb_region known;
    const char *code = a.region && zb_region_lookup(&known, a.region, NULL, 0) == ZB_OK
                           ? known.code : "";
    long long regions = 0, indicators = 0;
    if (count(db, a.region, code, &regions, &indicators)) {
        zb_cli_error("%s: %s", a.db, sqlite3_errmsg(db));
        sqlite3_close(db);
        return 1;
    }
    if (a.region && !regions) {
        zb_cli_error("dashboard: %s holds no report of region '%s' (see zhibiao stats)", a.db,
                     a.region);
        sqlite3_close(db);
        return 1;
    }

    zb_output out;
    if (zb_cli_output_open(&out, a.output)) {
        sqlite3_close(db);
        return 1;
    }
    fwrite(zb_dashboard_page, 1, (size_t)(slot - zb_dashboard_page), out.f);
    rc = zb_cli_dashboard_data(out.f, db, a.region, code, zb_version());
    const char *rest = slot + strlen("@ZB_DATA@");
    fwrite(rest, 1, zb_dashboard_page_size - (size_t)(rest - zb_dashboard_page), out.f);
    /* a page without its data is no page: keep the old file then */
    int ok = rc == SQLITE_OK;
    if (!ok)
        zb_cli_error("%s: %s (%s)", a.db, sqlite3_errstr(rc), sqlite3_errmsg(db));
    sqlite3_close(db);
    if (zb_cli_output_close(&out, ok) || !ok)
        return 1;
    fprintf(stderr, "%s: %lld region%s, %lld indicators\n",
            strcmp(a.output, "-") ? a.output : "standard output", regions,
            regions == 1 ? "" : "s", indicators);
    return 0;
}
