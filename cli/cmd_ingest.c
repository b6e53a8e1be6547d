/* zhibiao ingest: reports into the database, in batches of documents (one
 * transaction each, a savepoint per document: a bad file costs only itself). */
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "zhibiao.h"

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

static void free_files(file_list *l) {
    for (size_t f = 0; f < l->n; f++)
        free(l->v[f]);
    free(l->v);
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

/* A directory's report files (.txt, .html, .htm, .pdf), in name order; 0, or 1
 * after a message (a directory without one is an error: the user meant some
 * reports). */
static int expand_dir(file_list *l, const char *arg) {
    DIR *d = opendir(arg);
    if (!d)
        return zb_cli_error("%s: cannot list: %s", arg, strerror(errno));
    size_t first = l->n;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (!report_name(e->d_name) || e->d_name[0] == '.')
            continue;
        size_t n = strlen(arg) + len + 2;
        char *path = malloc(n);
        int bad = !path;
        if (path) {
            snprintf(path, n, "%s/%s", arg, e->d_name);
            bad = add_file(l, path);
            free(path);
        }
        if (bad) {
            closedir(d);
            return zb_cli_error("out of memory");
        }
    }
    closedir(d);
    if (l->n == first)
        return zb_cli_error("%s: no .txt, .html or .pdf files", arg);
    qsort(l->v + first, l->n - first, sizeof *l->v, by_name);
    return 0;
}

/* An argument is a file, a directory or a quoted glob pattern
 * ("reports/2022-*.txt"): 0, 1 when it stands for no report, 2 on a usage error. */
static int expand(file_list *l, const char *arg) {
    struct stat st;
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
        return expand_dir(l, arg);
    if (strpbrk(arg, "*?[") && access(arg, F_OK) != 0) {
        glob_t g;
        int rc = glob(arg, 0, NULL, &g);
        if (rc == GLOB_NOMATCH)
            return zb_cli_error("%s: no file matches this pattern", arg), 2;
        if (rc != 0)
            return zb_cli_error("%s: cannot expand this pattern", arg), 2;
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

/* A batch ends (commits) after this many documents or bytes of input: a
 * killed run loses at most one batch, and commits stay rare. */
#define BATCH_DOCUMENTS 256
#define BATCH_BYTES (32u << 20)

static double seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct ingest_args {
    const char *db, *region, *encoding;
    int report_year, replace, quiet;
    int input; /* zb_input_format */
    size_t failed; /* arguments that stand for no report */
    file_list files;
} ingest_args;

static const zb_option ingest_options[] = {
    {"db", 'd', "a database file", 1},
    {"region", 'r', "a name such as 吉林省", 0},
    {"report-year", 'y', "a year such as 2022", 0},
    {"encoding", ZB_OPT_ENCODING, "utf-8, gb18030, gbk or auto", 0},
    {"input", ZB_OPT_INPUT, "text, html, pdf or auto", 0},
    {"replace", ZB_OPT_REPLACE, NULL, 0},
    {"quiet", 'q', NULL, 0},
    {NULL, 0, NULL, 0},
};

static int take(void *ctx, const char *cmd, const zb_option *o, const char *v) {
    ingest_args *a = ctx;
    static const char *const encodings[] = {"utf-8", "utf8", "gb18030", "gbk", "auto", NULL};
    if (!o) {
        int rc = expand(&a->files, v);
        a->failed += rc == 1;
        return rc == 1 ? 0 : rc;
    }
    switch (o->key) {
    case 'd': a->db = v; return 0;
    case 'r': a->region = v; return zb_cli_region_value(cmd, o, v);
    case 'y': return zb_cli_year_value(cmd, o, v, &a->report_year);
    case ZB_OPT_ENCODING: a->encoding = v; return zb_cli_choice(cmd, o, v, encodings);
    case ZB_OPT_INPUT: return zb_cli_input_option(cmd, o, v, &a->input);
    case ZB_OPT_REPLACE: a->replace = 1; return 0;
    case 'q': a->quiet = 1; return 0;
    }
    return 0;
}

int zb_cmd_ingest(int argc, char **argv) {
    ingest_args a = {0};
    a.input = ZB_INPUT_AUTO;
    int rc = zb_cli_options(argc, argv, ingest_options, take, &a);
    if (rc == ZB_CLI_GO && !a.db)
        rc = (zb_cli_error("ingest: which database? give --db FILE"), 2);
    if (rc == ZB_CLI_GO && !a.files.n && !a.failed)
        rc = (zb_cli_error("ingest: which files? (see 'zhibiao help ingest')"), 2);
    if (rc == ZB_CLI_GO && !a.files.n)
        rc = 1; /* only empty directories: said, and nothing to open the database for */
    zb_db *db = NULL;
    if (rc == ZB_CLI_GO && zb_db_open(&db, a.db, 0) != ZB_OK) {
        zb_cli_error("%s", zb_db_errmsg(db));
        rc = 1;
    }
    if (rc != ZB_CLI_GO) {
        zb_db_close(db);
        free_files(&a.files);
        return rc;
    }
    int progress = !a.quiet && a.files.n > 1 && isatty(STDERR_FILENO);
    size_t added = 0, kept = 0, failed = a.failed, rows = 0, cap = zb_cli_input_cap();
    zb_ingest_result last = {0};
    double start = seconds();
    /* the batch open: its documents, new and kept, and its bytes */
    size_t batch_added = 0, batch_kept = 0, batch_rows = 0, batch_bytes = 0, batch_docs = 0;
    int in_batch = 0;
    for (size_t f = 0; f < a.files.n; f++) {
        if (!in_batch) {
            if (zb_db_begin(db) != ZB_OK) {
                zb_cli_error("%s", zb_db_errmsg(db));
                failed += a.files.n - f;
                break;
            }
            in_batch = 1;
        }
        zb_input in;
        int format = ZB_INPUT_TEXT; /* the library reads HTML and PDF from the file's bytes */
        if (zb_cli_read(a.files.v[f], cap, &in) ||
            ((format = zb_cli_input_format(&in, a.input)) == ZB_INPUT_TEXT &&
             zb_cli_decode(&in, a.encoding))) {
            failed++;
        } else {
            zb_ingest_options opts = ZB_INGEST_OPTIONS_INIT;
            opts.region = a.region;
            opts.report_year = a.report_year;
            opts.source = in.path;
            opts.flags = a.replace ? ZB_INGEST_REPLACE : 0;
            opts.format = (zb_input_format)format;
            if (zb_db_ingest(db, in.data, in.len, &opts, &last) != ZB_OK) {
                if (progress)
                    fputs("\r\033[K", stderr);
                zb_cli_error("%s", zb_db_errmsg(db));
                failed++;
            } else {
                batch_rows += last.indicators;
                if (last.inserted)
                    batch_added++;
                else
                    batch_kept++;
            }
            batch_bytes += in.len;
        }
        batch_docs++;
        zb_cli_release(&in);
        if (batch_docs >= BATCH_DOCUMENTS || batch_bytes >= BATCH_BYTES || f + 1 == a.files.n) {
            in_batch = 0;
            if (zb_db_commit(db) != ZB_OK) {
                if (progress)
                    fputs("\r\033[K", stderr);
                zb_cli_error("%s", zb_db_errmsg(db));
                failed += batch_added + batch_kept;
            } else {
                added += batch_added;
                kept += batch_kept;
                rows += batch_rows;
            }
            batch_added = batch_kept = batch_rows = batch_bytes = batch_docs = 0;
        }
        if (progress) {
            double t = seconds() - start;
            size_t seen = rows + batch_rows;
            fprintf(stderr, "\r\033[K[%zu/%zu] %zu indicators, %.0f files/s, %.0f rows/s",
                    f + 1, a.files.n, seen, t > 0 ? (double)(f + 1) / t : 0.0,
                    t > 0 ? (double)seen / t : 0.0);
        }
    }
    if (progress)
        fputs("\n", stderr);
    if (!a.quiet) {
        size_t total = a.files.n + a.failed;
        if (total == 1 && !failed)
            printf("%s: document %lld, %zu indicators, %s %d%s\n", a.files.v[0],
                   (long long)last.document_id, last.indicators,
                   *last.region ? last.region : "(no region)", last.report_year,
                   last.inserted ? "" : " (already stored; --replace to extract again)");
        else
            printf("%zu files: %zu new, %zu already stored, %zu failed; %zu indicators in %.2f s\n",
                   total, added, kept, failed, rows, seconds() - start);
    }
    if (zb_db_close(db) != ZB_OK)
        failed += zb_cli_error("%s: closing the database failed", a.db);
    free_files(&a.files);
    return failed ? 1 : 0;
}
