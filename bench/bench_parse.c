/* bench_parse: time zb_parse() alone (no I/O, no output) on a file, and
 * optionally zb_db_ingest() into a fresh database.
 *
 *   bench_parse parse FILE RUNS        → "bytes ns_median ns_min ns_max indicators maxrss_kb"
 *   bench_parse each FILE RUNS         → the same with zb_parse_each() (rows not kept)
 *   bench_parse ingest DB FILE...      → "files bytes indicators ns maxrss_kb": batches of
 *                                        256 documents through zb_db_ingest_each(), as
 *                                        `zhibiao ingest` makes them (the files are
 *                                        read before the clock starts)
 *   bench_parse ingest-one DB FILE...  → the same, one zb_db_ingest() call per document
 *                                        (the next document is not parsed ahead)
 *   bench_parse ingest1 DB FILE...     → as ingest-one, one transaction per document
 *   bench_parse ingest-serial DB FILE... → as ingest, parsing in the calling thread
 *                                        (ZB_INGEST_ONE_THREAD)
 *   bench_parse nfkc FILE RUNS         → "bytes ns_median ns_min ns_max": utf8proc_map()
 *                                        NFKC of the whole buffer, the front end's limit
 *   bench_parse validate FILE RUNS     → the same for a UTF-8 check of every byte
 */
#define _POSIX_C_SOURCE 200809L
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <utf8proc.h>

#include "zhibiao.h"

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "%s: read failed\n", path);
        exit(2);
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long maxrss_kb(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static int count_row(void *ctx, const zb_indicator *ind) {
    (void)ind;
    ++*(size_t *)ctx;
    return 0;
}

/* zb_db_ingest_each() over argv[first…], a batch at a time. */
typedef struct feed {
    char **paths, **texts; /* the files, read before the clock starts */
    size_t *lens;
    int n, at, end; /* the batch's files: at … end - 1 */
    size_t bytes, rows;
    zb_db *db;
} feed;

static int feed_next(void *ctx, zb_ingest_item *item) {
    feed *f = ctx;
    if (f->at >= f->end)
        return 0;
    item->options.source = f->paths[f->at];
    item->text = f->texts[f->at];
    item->len = f->lens[f->at++];
    return 1;
}

static int feed_done(void *ctx, const zb_ingest_item *item, int rc,
                     const zb_ingest_result *res) {
    feed *f = ctx;
    if (rc != ZB_OK) {
        fprintf(stderr, "%s: %s\n", item->options.source, zb_db_errmsg(f->db));
        return 1;
    }
    f->bytes += item->len;
    f->rows += res->indicators;
    return 0;
}

static int cmp_ll(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    /* as the zhibiao tool does: keep the heap instead of trimming it per document */
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    if (argc >= 4 && (!strcmp(argv[1], "parse") || !strcmp(argv[1], "each"))) {
        int each = !strcmp(argv[1], "each");
        size_t len;
        char *text = slurp(argv[2], &len);
        int runs = atoi(argv[3]);
        if (runs < 1)
            runs = 1;
        long long *t = malloc(sizeof *t * (size_t)runs);
        size_t count = 0;
        for (int r = 0; r < runs; r++) {
            long long t0 = now_ns();
            zb_doc *doc = NULL;
            size_t streamed = 0;
            int rc = each ? zb_parse_each(&doc, text, len, NULL, count_row, &streamed)
                          : zb_parse(&doc, text, len, NULL);
            if (rc != ZB_OK) {
                fprintf(stderr, "%s\n", zb_doc_errmsg(doc));
                return 1;
            }
            count = each ? streamed : zb_doc_count(doc);
            zb_doc_free(doc);
            t[r] = now_ns() - t0;
        }
        qsort(t, (size_t)runs, sizeof *t, cmp_ll);
        printf("%zu %lld %lld %lld %zu %ld\n", len, t[runs / 2], t[0], t[runs - 1], count,
               maxrss_kb());
        free(t);
        free(text);
        return 0;
    }
    if (argc >= 4 && !strcmp(argv[1], "ingest")) {
        feed f = {.paths = argv + 3, .n = argc - 3};
        f.texts = malloc(sizeof *f.texts * (size_t)f.n);
        f.lens = malloc(sizeof *f.lens * (size_t)f.n);
        if (!f.texts || !f.lens)
            return 2;
        for (int i = 0; i < f.n; i++)
            f.texts[i] = slurp(f.paths[i], &f.lens[i]);
        if (zb_db_open(&f.db, argv[2], 0) != ZB_OK) {
            fprintf(stderr, "%s\n", zb_db_errmsg(f.db));
            return 1;
        }
        long long t0 = now_ns();
        for (; f.at < f.n;) {
            f.end = f.at + 256 < f.n ? f.at + 256 : f.n;
            if (zb_db_begin(f.db) != ZB_OK || zb_db_ingest_each(f.db, feed_next, feed_done, &f) ||
                zb_db_commit(f.db) != ZB_OK) {
                fprintf(stderr, "%s\n", zb_db_errmsg(f.db));
                return 1;
            }
        }
        long long total = now_ns() - t0;
        zb_db_close(f.db);
        for (int i = 0; i < f.n; i++)
            free(f.texts[i]);
        free(f.texts);
        free(f.lens);
        printf("%d %zu %zu %lld %ld\n", f.n, f.bytes, f.rows, total, maxrss_kb());
        return 0;
    }
    if (argc >= 4 && (!strcmp(argv[1], "ingest-one") || !strcmp(argv[1], "ingest1") ||
                      !strcmp(argv[1], "ingest-serial"))) {
        int batched = strcmp(argv[1], "ingest1") != 0;
        unsigned flags = strcmp(argv[1], "ingest-serial") ? 0 : ZB_INGEST_ONE_THREAD;
        zb_db *db = NULL;
        if (zb_db_open(&db, argv[2], 0) != ZB_OK) {
            fprintf(stderr, "%s\n", zb_db_errmsg(db));
            return 1;
        }
        size_t bytes = 0, rows = 0;
        long long total = 0;
        for (int i = 3; i < argc; i++) {
            size_t len;
            char *text = slurp(argv[i], &len);
            zb_ingest_options o = ZB_INGEST_OPTIONS_INIT;
            o.source = argv[i];
            o.flags = flags;
            zb_ingest_result res;
            long long t0 = now_ns();
            int n = i - 3, last = i + 1 == argc;
            if ((batched && n % 256 == 0 && zb_db_begin(db) != ZB_OK) ||
                zb_db_ingest(db, text, len, &o, &res) != ZB_OK ||
                (batched && (n % 256 == 255 || last) && zb_db_commit(db) != ZB_OK)) {
                fprintf(stderr, "%s\n", zb_db_errmsg(db));
                return 1;
            }
            total += now_ns() - t0;
            bytes += len;
            rows += res.indicators;
            free(text);
        }
        zb_db_close(db);
        printf("%d %zu %zu %lld %ld\n", argc - 3, bytes, rows, total, maxrss_kb());
        return 0;
    }
    if (argc >= 4 && (!strcmp(argv[1], "nfkc") || !strcmp(argv[1], "validate"))) {
        int nfkc = !strcmp(argv[1], "nfkc");
        size_t len;
        char *text = slurp(argv[2], &len);
        int runs = atoi(argv[3]) < 1 ? 1 : atoi(argv[3]);
        long long *t = malloc(sizeof *t * (size_t)runs);
        for (int r = 0; r < runs; r++) {
            long long t0 = now_ns();
            if (nfkc) {
                utf8proc_uint8_t *out = NULL;
                if (utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, &out,
                                 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT) < 0) {
                    fprintf(stderr, "%s: utf8proc_map failed\n", argv[2]);
                    return 1;
                }
                free(out);
            } else {
                const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)text;
                utf8proc_int32_t cp;
                for (utf8proc_ssize_t i = 0, k; i < (utf8proc_ssize_t)len; i += k)
                    if ((k = utf8proc_iterate(u + i, (utf8proc_ssize_t)len - i, &cp)) < 1) {
                        fprintf(stderr, "%s: not UTF-8 at byte %zd\n", argv[2], i);
                        return 1;
                    }
            }
            t[r] = now_ns() - t0;
        }
        qsort(t, (size_t)runs, sizeof *t, cmp_ll);
        printf("%zu %lld %lld %lld\n", len, t[runs / 2], t[0], t[runs - 1]);
        free(t);
        free(text);
        return 0;
    }
    fprintf(stderr, "usage: bench_parse parse|each|nfkc|validate FILE RUNS | ingest|ingest1|ingest-serial DB "
                    "FILE...\n");
    return 2;
}
