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

/* The documents of the batch open: new and kept, their rows and bytes. */
typedef struct batch {
    size_t added, kept, rows, bytes, docs;
} batch;

/* One `zhibiao ingest`: the files, where it is in them, what it counted. */
typedef struct run {
    ingest_args *a;
    zb_db *db;
    size_t cap;
    size_t f;    /* the next file to read */
    size_t seen; /* files done with, stored or not */
    size_t added, kept, failed, rows;
    batch batch;
    zb_ingest_result last;
    int progress;
    double start;
} run;

static void clear_progress(const run *r) {
    if (r->progress)
        fputs("\r\033[K", stderr);
}

static void show_progress(const run *r) {
    if (!r->progress)
        return;
    double t = seconds() - r->start;
    size_t seen = r->rows + r->batch.rows;
    fprintf(stderr, "\r\033[K[%zu/%zu] %zu indicators, %.0f files/s, %.0f rows/s", r->seen,
            r->a->files.n, seen, t > 0 ? (double)r->seen / t : 0.0,
            t > 0 ? (double)seen / t : 0.0);
}

/* zb_ingest_next_fn: the next file that can be read, until the batch is full.
 * A file that cannot be read or decoded is said and counted here. */
static int next_file(void *ctx, zb_ingest_item *item) {
    run *r = ctx;
    ingest_args *a = r->a;
    while (r->f < a->files.n && r->batch.docs < BATCH_DOCUMENTS &&
           r->batch.bytes < BATCH_BYTES) {
        const char *path = a->files.v[r->f++];
        r->batch.docs++;
        zb_input *in = malloc(sizeof *in);
        if (!in) {
            zb_cli_error("%s: out of memory", path);
            r->failed++;
            continue;
        }
        int format = ZB_INPUT_TEXT; /* the library reads HTML and PDF from the file's bytes */
        if (zb_cli_read(path, r->cap, in) ||
            ((format = zb_cli_input_format(in, a->input)) == ZB_INPUT_TEXT &&
             zb_cli_decode(in, a->encoding))) {
            r->failed++;
            r->seen++;
            zb_cli_release(in);
            free(in);
            show_progress(r);
            continue;
        }
        r->batch.bytes += in->len;
        item->text = in->data;
        item->len = in->len;
        item->options.region = a->region;
        item->options.report_year = a->report_year;
        item->options.source = in->path;
        item->options.flags = a->replace ? ZB_INGEST_REPLACE : 0;
        item->options.format = (zb_input_format)format;
        item->user = in;
        return 1;
    }
    return 0;
}

/* zb_ingest_done_fn: count the file, say why it failed, let its bytes go. */
static int file_done(void *ctx, const zb_ingest_item *item, int rc,
                     const zb_ingest_result *result) {
    run *r = ctx;
    if (rc != ZB_OK) {
        clear_progress(r);
        zb_cli_error("%s", zb_db_errmsg(r->db));
        r->failed++;
    } else {
        r->last = *result;
        r->batch.rows += result->indicators;
        if (result->inserted)
            r->batch.added++;
        else
            r->batch.kept++;
    }
    zb_cli_release(item->user);
    free(item->user);
    r->seen++;
    show_progress(r);
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
    run r = {.a = &a, .db = db, .cap = zb_cli_input_cap(), .failed = a.failed,
             .progress = !a.quiet && a.files.n > 1 && isatty(STDERR_FILENO),
             .start = seconds()};
    while (r.f < a.files.n) {
        if (zb_db_begin(db) != ZB_OK) {
            zb_cli_error("%s", zb_db_errmsg(db));
            r.failed += a.files.n - r.f;
            break;
        }
        r.batch = (batch){0};
        int ended = zb_db_ingest_each(db, next_file, file_done, &r);
        if (ended != ZB_OK) { /* only an error of the batch's ends it early */
            clear_progress(&r);
            zb_cli_error("%s", zb_db_errmsg(db));
        }
        if (zb_db_commit(db) != ZB_OK) {
            clear_progress(&r);
            zb_cli_error("%s", zb_db_errmsg(db));
            r.failed += r.batch.added + r.batch.kept;
        } else {
            r.added += r.batch.added;
            r.kept += r.batch.kept;
            r.rows += r.batch.rows;
        }
        if (ended != ZB_OK) {
            r.failed += a.files.n - r.f;
            break;
        }
    }
    if (r.progress)
        fputs("\n", stderr);
    if (!a.quiet) {
        size_t total = a.files.n + a.failed;
        if (total == 1 && !r.failed)
            printf("%s: document %lld, %zu indicators, %s %d%s\n", a.files.v[0],
                   (long long)r.last.document_id, r.last.indicators,
                   *r.last.region ? r.last.region : "(no region)", r.last.report_year,
                   r.last.inserted ? "" : " (already stored; --replace to extract again)");
        else
            printf("%zu files: %zu new, %zu already stored, %zu failed; %zu indicators in %.2f s\n",
                   total, r.added, r.kept, r.failed, r.rows, seconds() - r.start);
    }
    if (zb_db_close(db) != ZB_OK)
        r.failed += zb_cli_error("%s: closing the database failed", a.db);
    free_files(&a.files);
    return r.failed ? 1 : 0;
}
