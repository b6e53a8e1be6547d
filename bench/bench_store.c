/* bench_store: the store's limit. Replays the rows of a database zhibiao
 * wrote into a fresh one with the same schema, through SQLite alone: no
 * parse, prepared statements with bound values, the same order as
 * zb_db_ingest() (a document's sections, sentences and indicators, then its
 * row; foreign keys deferred), batches of 256 documents, the full-text index
 * filled in one statement before each commit, as lib/store.c does.
 *
 *   bench_store SRC DST   → "documents indicators ns fts_ns read_ns maxrss_kb"
 *
 * ns: the copy less read_ns, the time of a pass that only reads SRC the same
 * way (rows are streamed from it, not held: 33 values a row held apart cost
 * more in cache misses than the writes); fts_ns: the part of ns spent filling
 * the full-text index. DST must not exist; zb_db_open() makes its schema and
 * settings, and the SQL in ZB_BENCH_STORE_SQL, when set, then runs on it (to
 * see what a change of schema would buy). */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "zhibiao.h"

enum { DOCUMENTS, SECTIONS, SENTENCES, INDICATORS, NTABLES };
static const char *const table[NTABLES] = {"documents", "sections", "sentences",
                                           "indicators"};

/* One table's rows, read in id order by a statement on SRC as they are written. */
typedef struct rows {
    const char *name;
    sqlite3_stmt *read, *insert;
    int ncol, doc_col; /* the column holding the document id */
    int more;          /* read holds a row not yet written */
    size_t n;          /* rows written */
} rows;

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(sqlite3 *db, const char *what) {
    fprintf(stderr, "bench_store: %s: %s\n", what, db ? sqlite3_errmsg(db) : "failed");
    exit(1);
}

static void open_rows(sqlite3 *src, sqlite3 *dst, int t, rows *r) {
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY id", table[t]);
    if (sqlite3_prepare_v2(src, sql, -1, &r->read, NULL) != SQLITE_OK)
        die(src, sql);
    r->name = table[t];
    r->ncol = sqlite3_column_count(r->read);
    r->doc_col = 0;
    for (int c = 0; c < r->ncol; c++)
        if (!strcmp(sqlite3_column_name(r->read, c), t == DOCUMENTS ? "id" : "document_id"))
            r->doc_col = c;
    r->more = sqlite3_step(r->read) == SQLITE_ROW;
    if (!dst)
        return;
    int k = snprintf(sql, sizeof sql, "INSERT INTO %s VALUES (?", table[t]);
    for (int c = 1; c < r->ncol; c++)
        k += snprintf(sql + k, sizeof sql - (size_t)k, ", ?");
    snprintf(sql + k, sizeof sql - (size_t)k, ")");
    if (sqlite3_prepare_v3(dst, sql, -1, SQLITE_PREPARE_PERSISTENT, &r->insert, NULL) != SQLITE_OK)
        die(dst, sql);
}

static void exec(sqlite3 *db, const char *sql) {
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        die(db, sql);
}

/* As the store binds: strings in place (SQLITE_STATIC: every column is bound
 * again before the insert runs again), not copied. */
static void bind(sqlite3_stmt *st, int i, sqlite3_stmt *from, int c) {
    switch (sqlite3_column_type(from, c)) {
    case SQLITE_INTEGER:
        sqlite3_bind_int64(st, i, sqlite3_column_int64(from, c));
        break;
    case SQLITE_FLOAT:
        sqlite3_bind_double(st, i, sqlite3_column_double(from, c));
        break;
    case SQLITE_TEXT:
        sqlite3_bind_text(st, i, (const char *)sqlite3_column_text(from, c),
                          sqlite3_column_bytes(from, c), SQLITE_STATIC);
        break;
    case SQLITE_BLOB:
        sqlite3_bind_blob(st, i, sqlite3_column_blob(from, c), sqlite3_column_bytes(from, c),
                          SQLITE_STATIC);
        break;
    default:
        sqlite3_bind_null(st, i);
    }
}

/* The rows of r whose document is doc, written to DST unless r has no insert
 * (the pass that only reads). */
static void copy_doc_rows(sqlite3 *dst, rows *r, sqlite3_int64 doc) {
    for (; r->more && sqlite3_column_int64(r->read, r->doc_col) == doc; r->n++) {
        if (r->insert) {
            for (int c = 0; c < r->ncol; c++)
                bind(r->insert, c + 1, r->read, c);
            if (sqlite3_step(r->insert) != SQLITE_DONE)
                die(dst, r->name);
            sqlite3_reset(r->insert);
        }
        r->more = sqlite3_step(r->read) == SQLITE_ROW;
    }
}

/* One pass over SRC, writing to dst unless it is NULL; its time in ns, the
 * full-text index's part of it in *fts_ns. */
static long long pass(sqlite3 *src, sqlite3 *dst, size_t *docs, size_t *inds, long long *fts_ns) {
    rows r[NTABLES] = {{0}};
    for (int t = 0; t < NTABLES; t++)
        open_rows(src, dst, t, &r[t]);
    sqlite3_stmt *fts = NULL;
    if (dst && sqlite3_prepare_v2(dst,
                                  "INSERT INTO sentences_fts(rowid, text) SELECT id, text FROM "
                                  "sentences WHERE document_id > (SELECT CAST(value AS INTEGER) "
                                  "FROM zhibiao_meta WHERE name = 'fts_documents')",
                                  -1, &fts, NULL) != SQLITE_OK)
        die(dst, "the full-text statement");
    const char *mark = "UPDATE zhibiao_meta SET value = (SELECT max(id) FROM documents) "
                       "WHERE name = 'fts_documents'";
    *fts_ns = 0;
    long long t0 = now_ns();
    for (size_t d = 0; r[DOCUMENTS].more; d++) {
        sqlite3_int64 doc = sqlite3_column_int64(r[DOCUMENTS].read, r[DOCUMENTS].doc_col);
        if (dst && d % 256 == 0)
            exec(dst, "BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON");
        for (int t = SECTIONS; t < NTABLES; t++)
            copy_doc_rows(dst, &r[t], doc);
        copy_doc_rows(dst, &r[DOCUMENTS], doc);
        if (dst && (d % 256 == 255 || !r[DOCUMENTS].more)) {
            long long f0 = now_ns();
            if (sqlite3_step(fts) != SQLITE_DONE)
                die(dst, "filling the full-text index");
            sqlite3_reset(fts);
            *fts_ns += now_ns() - f0;
            exec(dst, mark);
            exec(dst, "COMMIT");
        }
    }
    long long ns = now_ns() - t0;
    *docs = r[DOCUMENTS].n;
    *inds = r[INDICATORS].n;
    for (int t = 0; t < NTABLES; t++) {
        sqlite3_finalize(r[t].read);
        sqlite3_finalize(r[t].insert);
    }
    sqlite3_finalize(fts);
    return ns;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: bench_store SRC DST\n");
        return 2;
    }
    zb_db *made = NULL;
    if (zb_db_open(&made, argv[2], 0) != ZB_OK) {
        fprintf(stderr, "bench_store: %s\n", zb_db_errmsg(made));
        return 1;
    }
    zb_db_close(made);
    sqlite3 *src, *dst;
    /* NOMUTEX, as zb_db_open() opens: one thread uses each connection */
    if (sqlite3_open_v2(argv[1], &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK)
        die(src, argv[1]);
    if (sqlite3_open_v2(argv[2], &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK)
        die(dst, argv[2]);
    /* the settings zb_db_open() gives a connection (lib/migrate.c) */
    exec(dst, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
              "PRAGMA cache_size = -8192");
    /* what a change of schema would buy, e.g. ZB_BENCH_STORE_SQL='DROP INDEX indicators_key' */
    const char *change = getenv("ZB_BENCH_STORE_SQL");
    if (change && *change)
        exec(dst, change);
    size_t docs, inds;
    long long fts_ns, unused;
    /* reading SRC alone first: that part of the copy is not the store's */
    long long read_ns = pass(src, NULL, &docs, &inds, &unused);
    long long ns = pass(src, dst, &docs, &inds, &fts_ns);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%zu %zu %lld %lld %lld %ld\n", docs, inds, ns - read_ns, fts_ns, read_ns,
           ru.ru_maxrss);
    sqlite3_close(src);
    sqlite3_close(dst);
    return 0;
}
