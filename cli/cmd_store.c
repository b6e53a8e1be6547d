/* zhibiao ingest | compare | export | stats: the database commands. */
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <math.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "zhibiao.h"

static int open_db(zb_db **db, const char *path, unsigned flags) {
    if (!path) {
        zb_cli_error("which database? give --db FILE");
        return 2;
    }
    if (zb_db_open(db, path, flags) != ZB_OK) {
        zb_cli_error("%s", zb_db_errmsg(*db));
        zb_db_close(*db);
        *db = NULL;
        return 1;
    }
    return 0;
}

/* ---- ingest ---- */

typedef struct file_list {
    char **v;
    size_t n, cap;
} file_list;

static int add_file(file_list *l, const char *path) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n] = strdup(path);
    return l->v[l->n++] ? 0 : -1;
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files a directory stands for: reports as text, web pages and PDFs. */
static int report_name(const char *name) {
    static const char *const exts[] = {".txt", ".html", ".htm", ".pdf"};
    size_t len = strlen(name);
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t k = strlen(exts[i]);
        if (len > k && !strcmp(name + len - k, exts[i]))
            return 1;
    }
    return 0;
}

/* An argument is a file, a directory (its .txt, .html, .htm and .pdf files, in
 * name order) or a quoted glob pattern ("reports/2022-*.txt"). */
static int expand(file_list *l, const char *arg) {
    struct stat st;
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        DIR *d = opendir(arg);
        if (!d)
            return zb_cli_error("%s: cannot list: %s", arg, strerror(errno));
        size_t first = l->n;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!report_name(e->d_name) || e->d_name[0] == '.')
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", arg, e->d_name);
            if (add_file(l, path)) {
                closedir(d);
                return zb_cli_error("out of memory");
            }
        }
        closedir(d);
        qsort(l->v + first, l->n - first, sizeof *l->v, by_name);
        if (l->n == first)
            fprintf(stderr, "%s: %s: no .txt, .html or .pdf files in this directory\n",
                    zb_cli_name, arg);
        return 0;
    }
    if (strpbrk(arg, "*?[") && access(arg, F_OK) != 0) {
        glob_t g;
        int rc = glob(arg, 0, NULL, &g);
        if (rc == GLOB_NOMATCH)
            return zb_cli_error("%s: no file matches this pattern", arg);
        if (rc != 0)
            return zb_cli_error("%s: cannot expand this pattern", arg);
        for (size_t i = 0; i < g.gl_pathc; i++)
            if (add_file(l, g.gl_pathv[i])) {
                globfree(&g);
                return zb_cli_error("out of memory");
            }
        globfree(&g);
        return 0;
    }
    return add_file(l, arg) ? zb_cli_error("out of memory") : 0;
}

static double seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int zb_cmd_ingest(int argc, char **argv) {
    const char *dbpath = NULL, *region = NULL, *encoding = NULL, *v;
    int report_year = 0, replace = 0, quiet = 0, usage = 0, input = ZB_INPUT_AUTO;
    file_list files = {0};
    for (int i = 1; i < argc && !usage; i++) {
        if (zb_cli_value(argc, argv, &i, "--db", &v)) {
            if (!v)
                usage = zb_cli_error("--db takes a file name");
            dbpath = v;
        } else if (zb_cli_value(argc, argv, &i, "--region", &v)) {
            if (!v)
                usage = zb_cli_error("--region takes a name such as 吉林省");
            region = v;
        } else if (zb_cli_value(argc, argv, &i, "--report-year", &v)) {
            if (!zb_cli_year(v, &report_year))
                usage = zb_cli_error("--report-year takes a year such as 2022");
        } else if (zb_cli_value(argc, argv, &i, "--encoding", &v)) {
            if (!v || !zb_cli_check_encoding(v))
                usage = zb_cli_error("--encoding takes utf-8, gb18030, gbk or auto");
            encoding = v;
        } else if (zb_cli_value(argc, argv, &i, "--input", &v)) {
            if (!zb_cli_input_value(v, &input))
                usage = zb_cli_error("--input takes text, html, pdf or auto");
        } else if (!strcmp(argv[i], "--replace")) {
            replace = 1;
        } else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")) {
            quiet = 1;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            return zb_cli_help("ingest");
        } else if (argv[i][0] == '-' && argv[i][1]) {
            usage = zb_cli_error("ingest: unknown option '%s' (see 'zhibiao help ingest')", argv[i]);
        } else if (expand(&files, argv[i])) {
            usage = 1;
        }
    }
    if (!usage && !files.n)
        usage = zb_cli_error("ingest: which files? (see 'zhibiao help ingest')");
    int rc = usage ? 2 : 0;
    zb_db *db = NULL;
    if (!rc)
        rc = open_db(&db, dbpath, 0);
    if (rc) {
        for (size_t f = 0; f < files.n; f++)
            free(files.v[f]);
        free(files.v);
        return rc;
    }
    int progress = !quiet && files.n > 1 && isatty(STDERR_FILENO);
    size_t added = 0, kept = 0, failed = 0, rows = 0;
    zb_ingest_result last = {0};
    double start = seconds();
    for (size_t f = 0; f < files.n; f++) {
        zb_input in;
        int format = ZB_INPUT_TEXT; /* the library reads HTML and PDF from the file's bytes */
        if (zb_cli_read(files.v[f], &in) ||
            ((format = zb_cli_input_format(&in, input)) == ZB_INPUT_TEXT &&
             zb_cli_decode(&in, encoding))) {
            zb_cli_release(&in);
            failed++;
            continue;
        }
        zb_ingest_options opts = ZB_INGEST_OPTIONS_INIT;
        opts.region = region;
        opts.report_year = report_year;
        opts.source = in.path;
        opts.flags = replace ? ZB_INGEST_REPLACE : 0;
        opts.format = (zb_input_format)format;
        if (zb_db_ingest(db, in.data, in.len, &opts, &last) != ZB_OK) {
            if (progress)
                fputs("\r\033[K", stderr);
            zb_cli_error("%s", zb_db_errmsg(db));
            failed++;
        } else {
            rows += last.indicators;
            if (last.inserted)
                added++;
            else
                kept++;
        }
        zb_cli_release(&in);
        if (progress) {
            double t = seconds() - start;
            fprintf(stderr, "\r\033[K[%zu/%zu] %zu indicators, %.0f files/s, %.0f rows/s",
                    f + 1, files.n, rows, t > 0 ? (double)(f + 1) / t : 0.0,
                    t > 0 ? (double)rows / t : 0.0);
        }
    }
    if (progress)
        fputs("\n", stderr);
    if (!quiet) {
        if (files.n == 1 && !failed)
            printf("%s: document %lld, %zu indicators, %s %d%s\n", files.v[0],
                   (long long)last.document_id, last.indicators,
                   *last.region ? last.region : "(no region)", last.report_year,
                   last.inserted ? "" : " (already stored; --replace to extract again)");
        else
            printf("%zu files: %zu new, %zu already stored, %zu failed; %zu indicators in %.2f s\n",
                   files.n, added, kept, failed, rows, seconds() - start);
    }
    zb_db_close(db);
    for (size_t f = 0; f < files.n; f++)
        free(files.v[f]);
    free(files.v);
    return failed ? 1 : 0;
}

/* ---- compare ---- */

int zb_cmd_compare(int argc, char **argv) {
    const char *dbpath = NULL, *region = NULL, *format = "table", *v;
    int base = 0, target = 0;
    for (int i = 1; i < argc; i++) {
        if (zb_cli_value(argc, argv, &i, "--db", &v)) {
            if (!v)
                return zb_cli_error("--db takes a file name"), 2;
            dbpath = v;
        } else if (zb_cli_value(argc, argv, &i, "--region", &v)) {
            if (!v)
                return zb_cli_error("--region takes a name such as 吉林省"), 2;
            region = v;
        } else if (zb_cli_value(argc, argv, &i, "--base-year", &v)) {
            if (!zb_cli_year(v, &base))
                return zb_cli_error("--base-year takes a year such as 2021"), 2;
        } else if (zb_cli_value(argc, argv, &i, "--target-year", &v)) {
            if (!zb_cli_year(v, &target))
                return zb_cli_error("--target-year takes a year such as 2022"), 2;
        } else if (zb_cli_value(argc, argv, &i, "--format", &v)) {
            if (!v || (strcmp(v, "table") && strcmp(v, "csv") && strcmp(v, "json")))
                return zb_cli_error("--format takes table, csv or json"), 2;
            format = v;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            return zb_cli_help("compare");
        } else {
            return zb_cli_error("compare: unexpected '%s' (see 'zhibiao help compare')",
                                argv[i]), 2;
        }
    }
    if (base && target && target != base + 1)
        return zb_cli_error("compare: --target-year must be the year after --base-year"), 2;
    zb_db *db;
    int rc = open_db(&db, dbpath, ZB_DB_READONLY);
    if (rc)
        return rc;
    zb_comparisons *it;
    if (zb_db_compare(&it, db, region, base, target) != ZB_OK) {
        zb_cli_error("%s", zb_db_errmsg(db));
        zb_db_close(db);
        return 1;
    }
    static const char *const cols[] = {
        "region",       "metric_id",   "metric",       "measure",           "actual_year",
        "actual_value", "actual_unit", "actual_base_value", "target_year",  "target_cmp",
        "target_value", "target_unit", "target_base_value", "delta",        "status"};
    zb_writer *w = NULL;
    int table = !strcmp(format, "table");
    if (!table && (zb_writer_new(&w, !strcmp(format, "csv") ? ZB_FORMAT_CSV : ZB_FORMAT_JSON, 0,
                                 zb_cli_write_stdout, NULL) != ZB_OK ||
                   zb_writer_columns(w, sizeof cols / sizeof *cols, cols) != ZB_OK)) {
        zb_writer_free(w);
        zb_comparisons_free(it);
        zb_db_close(db);
        return zb_cli_error("out of memory");
    }
    if (table)
        printf("%-14s  %-26s  %-7s  %-20s  %-22s  %s\n", "region", "metric", "measure",
               "result", "target", "status");
    size_t count = 0;
    int wrc = ZB_OK;
    while (wrc == ZB_OK && (rc = zb_comparisons_next(it)) == ZB_ROW) {
        const zb_comparison *c = zb_comparisons_get(it);
        count++;
        if (!table) {
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
            wrc = zb_writer_end_row(w);
            continue;
        }
        char av[40], tv[40], result[64], goal[64];
        zb_cli_number(av, sizeof av, c->actual_value);
        zb_cli_number(tv, sizeof tv, c->target_value);
        snprintf(result, sizeof result, "%d %s%s", c->actual_year, av, c->actual_unit);
        snprintf(goal, sizeof goal, "%d %s%s%s", c->target_year,
                 c->target_cmp == ZB_CMP_EQ ? "" : zb_cmp_name(c->target_cmp), tv,
                 c->target_unit);
        zb_cli_cell(stdout, c->region, 14, 0);
        fputs("  ", stdout);
        zb_cli_cell(stdout, c->metric, 26, 0);
        fputs("  ", stdout);
        zb_cli_cell(stdout, zb_measure_name(c->measure), 7, 0);
        fputs("  ", stdout);
        zb_cli_cell(stdout, result, 20, 0);
        fputs("  ", stdout);
        zb_cli_cell(stdout, goal, 22, 0);
        printf("  %s\n", c->status);
    }
    if (w && wrc == ZB_OK && rc == ZB_DONE)
        wrc = zb_writer_finish(w);
    if (wrc != ZB_OK) {
        zb_cli_error("%s", zb_writer_errmsg(w));
        zb_writer_free(w);
        zb_comparisons_free(it);
        zb_db_close(db);
        return 1;
    }
    zb_writer_free(w);
    zb_comparisons_free(it);
    if (rc != ZB_DONE) {
        zb_cli_error("%s", zb_db_errmsg(db));
        zb_db_close(db);
        return 1;
    }
    if (!count && !strcmp(format, "table"))
        fprintf(stderr, "%s: no result has a target for the next year in this database%s\n",
                zb_cli_name, base ? " for those years" : "");
    zb_db_close(db);
    return 0;
}

/* ---- export ---- */

int zb_cmd_export(int argc, char **argv) {
    const char *dbpath = NULL, *format = "csv", *v;
    zb_filter f = ZB_FILTER_INIT;
    int bom = 0;
    for (int i = 1; i < argc; i++) {
        if (zb_cli_value(argc, argv, &i, "--db", &v)) {
            if (!v)
                return zb_cli_error("--db takes a file name"), 2;
            dbpath = v;
        } else if (zb_cli_value(argc, argv, &i, "--format", &v)) {
            if (!v || (strcmp(v, "csv") && strcmp(v, "jsonl")))
                return zb_cli_error("--format takes csv or jsonl"), 2;
            format = v;
        } else if (zb_cli_value(argc, argv, &i, "--region", &v)) {
            if (!v)
                return zb_cli_error("--region takes a name"), 2;
            f.region = v;
        } else if (zb_cli_value(argc, argv, &i, "--year", &v)) {
            if (!zb_cli_year(v, &f.year))
                return zb_cli_error("--year takes a year"), 2;
        } else if (zb_cli_value(argc, argv, &i, "--report-year", &v)) {
            if (!zb_cli_year(v, &f.report_year))
                return zb_cli_error("--report-year takes a year"), 2;
        } else if (zb_cli_value(argc, argv, &i, "--kind", &v)) {
            zb_kind k;
            if (zb_kind_from_name(&k, v) != ZB_OK)
                return zb_cli_error("--kind takes achieved or target"), 2;
            f.kinds = ZB_BIT(k);
        } else if (zb_cli_value(argc, argv, &i, "--sector", &v)) {
            zb_sector s;
            if (zb_sector_from_name(&s, v) != ZB_OK)
                return zb_cli_error("--sector takes economy, industry, innovation, agriculture, "
                                    "reform_opening, ecology, livelihood, infrastructure or "
                                    "governance"), 2;
            f.sectors = ZB_BIT(s);
        } else if (zb_cli_value(argc, argv, &i, "--metric-id", &v)) {
            if (!v)
                return zb_cli_error("--metric-id takes an id such as grain_output"), 2;
            f.metric_id = v;
        } else if (!strcmp(argv[i], "--bom")) {
            bom = 1;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            return zb_cli_help("export");
        } else {
            return zb_cli_error("export: unexpected '%s' (see 'zhibiao help export')",
                                argv[i]), 2;
        }
    }
    zb_db *db;
    int rc = open_db(&db, dbpath, ZB_DB_READONLY);
    if (rc)
        return rc;
    zb_rows *it;
    if (zb_db_indicators(&it, db, &f) != ZB_OK) {
        zb_cli_error("%s", zb_db_errmsg(db));
        zb_db_close(db);
        return 1;
    }
    zb_writer *w = NULL;
    if (zb_writer_new(&w, !strcmp(format, "csv") ? ZB_FORMAT_CSV : ZB_FORMAT_JSONL,
                      ZB_WRITER_DOCUMENT | (bom ? ZB_WRITER_BOM : 0), zb_cli_write_stdout,
                      NULL) != ZB_OK) {
        zb_rows_free(it);
        zb_db_close(db);
        return zb_cli_error("out of memory");
    }
    int wrc = ZB_OK;
    while (wrc == ZB_OK && (rc = zb_rows_next(it)) == ZB_ROW) {
        zb_source src = {zb_rows_document_id(it), zb_rows_region(it), zb_rows_report_year(it)};
        wrc = zb_writer_indicator(w, zb_rows_indicator(it), &src);
    }
    if (wrc == ZB_OK && rc == ZB_DONE)
        wrc = zb_writer_finish(w);
    int status = 0;
    if (wrc != ZB_OK) {
        zb_cli_error("%s", zb_writer_errmsg(w));
        status = 1;
    }
    zb_writer_free(w);
    zb_rows_free(it);
    if (!status && rc != ZB_DONE) {
        zb_cli_error("%s", rc == ZB_ENOMEM ? "out of memory" : zb_db_errmsg(db));
        status = 1;
    }
    zb_db_close(db);
    if (fflush(stdout) != 0)
        return zb_cli_error("cannot write the output"), 1;
    return status;
}

/* ---- stats ---- */

int zb_cmd_stats(int argc, char **argv) {
    const char *dbpath = NULL, *v;
    for (int i = 1; i < argc; i++) {
        if (zb_cli_value(argc, argv, &i, "--db", &v)) {
            if (!v)
                return zb_cli_error("--db takes a file name"), 2;
            dbpath = v;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            return zb_cli_help("stats");
        } else {
            return zb_cli_error("stats: unexpected '%s'", argv[i]), 2;
        }
    }
    if (!dbpath)
        return zb_cli_error("which database? give --db FILE"), 2;
    /* make sure it is ours and current before reading it with plain SQL */
    zb_db *db;
    int rc = open_db(&db, dbpath, ZB_DB_READONLY);
    if (rc)
        return rc;
    zb_db_close(db);
    sqlite3 *conn;
    if (sqlite3_open_v2(dbpath, &conn, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        zb_cli_error("%s: %s", dbpath, sqlite3_errmsg(conn));
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
        zb_cli_error("%s: %s", dbpath, sqlite3_errmsg(conn));
        sqlite3_close(conn);
        return 1;
    }
    printf("%s (schema version %d)\n\n", dbpath, zb_schema_version());
    printf("%-16s %6s %9s %10s %9s %8s %10s\n", "region", "report", "documents", "indicators",
           "achieved", "targets", "in catalog");
    long long docs = 0, inds = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *region = (const char *)sqlite3_column_text(st, 0);
        zb_cli_cell(stdout, region && *region ? region : "(none)", 16, 0);
        printf(" %6d %9lld %10lld %9lld %8lld %10lld\n", sqlite3_column_int(st, 1),
               sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
               sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
               sqlite3_column_int64(st, 6));
        docs += sqlite3_column_int64(st, 2);
        inds += sqlite3_column_int64(st, 3);
    }
    sqlite3_finalize(st);
    sqlite3_close(conn);
    printf("\n%lld documents, %lld indicators\n", docs, inds);
    return 0;
}
