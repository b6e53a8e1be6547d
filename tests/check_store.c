/* The SQLite store: migrations, refusals, ingest (one transaction, idempotent,
 * replace, rollback), batches, the views, full-text search, bounded growth,
 * query plans, iterators. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha256.h"
#include "testutil.h"
#include "zhibiao.h"

static char *sample, *next_year;
static size_t sample_len, next_year_len;
static char dir[] = "/tmp/zb_store_XXXXXX";

/* The path of a test database; fresh != 0 removes what an earlier run left. */
static const char *path_of(const char *name, int fresh) {
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (!fresh)
        return path;
    unlink(path);
    char side[300];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    return path;
}

static zb_db *open_new(const char *name) {
    zb_db *db = NULL;
    ck_assert_int_eq(zb_db_open(&db, path_of(name, 1), 0), ZB_OK);
    return db;
}

static long long scalar(const char *path, const char *sql) {
    sqlite3 *c;
    ck_assert_int_eq(sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    ck_assert_msg(sqlite3_prepare_v2(c, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql,
                  sqlite3_errmsg(c));
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(c);
    return v;
}

static void exec_sql(const char *path, const char *sql) {
    sqlite3 *c;
    ck_assert_int_eq(sqlite3_open(path, &c), SQLITE_OK);
    ck_assert_msg(sqlite3_exec(c, sql, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(c));
    sqlite3_close(c);
}

/* The full-text index holds exactly the sentences' text (FTS5's own check of
 * an external-content index against its table) and the file is sound. */
static void fts_is_whole(const char *path) {
    exec_sql(path, "INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('integrity-check', 1)");
    sqlite3 *c;
    ck_assert_int_eq(sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(c, "PRAGMA integrity_check", -1, &st, NULL);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    sqlite3_close(c);
}

static zb_ingest_result ingest(zb_db *db, const char *text, size_t len, unsigned flags) {
    zb_ingest_options o = ZB_INGEST_OPTIONS_INIT;
    o.source = "test";
    o.flags = flags;
    zb_ingest_result r;
    ck_assert_msg(zb_db_ingest(db, text, len, &o, &r) == ZB_OK, "%s", zb_db_errmsg(db));
    return r;
}

START_TEST(fresh_database_has_the_schema) {
    zb_db *db = open_new("fresh.db");
    zb_db_close(db);
    const char *p = path_of("fresh.db", 0);
    db = NULL;
    ck_assert_int_eq(zb_db_open(&db, p, 0), ZB_OK);
    zb_db_close(db);
    ck_assert_int_eq(scalar(p, "PRAGMA user_version"), zb_schema_version());
    ck_assert_int_eq(scalar(p, "PRAGMA application_id"), 0x7A686962);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM metrics WHERE id = 'grain_output'"), 1);
    /* schema 9: the full-text index merges 8 segments a level, not FTS5's 4 */
    ck_assert_int_eq(scalar(p, "SELECT v FROM sentences_fts_config WHERE k = 'automerge'"), 8);
    sqlite3 *c;
    sqlite3_open(p, &c);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(c, "PRAGMA journal_mode", -1, &st, NULL);
    sqlite3_step(st);
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(c);
}
END_TEST

START_TEST(older_schema_is_upgraded) {
    /* a file made by a zhibiao that knew only migration 001 */
    const char *p = path_of("old.db", 1);
    size_t len;
    char *v1 = tu_read_file(ZB_SOURCE_DIR "/schema/001-initial.sql", &len);
    exec_sql(p, v1);
    char stamp[96];
    snprintf(stamp, sizeof stamp, "PRAGMA user_version = 1; PRAGMA application_id = %d;",
             0x7A686962);
    exec_sql(p, stamp);
    free(v1);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sqlite_master WHERE name = 'v_metric_series'"), 0);
    zb_db *db = NULL;
    ck_assert_msg(zb_db_open(&db, p, 0) == ZB_OK, "%s", zb_db_errmsg(db));
    zb_db_close(db);
    ck_assert_int_eq(scalar(p, "PRAGMA user_version"), zb_schema_version());
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sqlite_master WHERE name = 'v_metric_series'"), 1);
    ck_assert_int_ge(scalar(p, "SELECT count(*) FROM metrics"), 20);
}
END_TEST

START_TEST(newer_foreign_and_broken_files_are_refused) {
    const char *p = path_of("newer.db", 0);
    zb_db *db = open_new("newer.db");
    zb_db_close(db);
    exec_sql(p, "PRAGMA user_version = 99");
    ck_assert_int_eq(zb_db_open(&db, p, 0), ZB_ESCHEMA);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "newer zhibiao"));
    zb_db_close(db);
    /* a negative version is no migration's index: refused, read-only or not */
    exec_sql(p, "PRAGMA user_version = -3");
    ck_assert_int_eq(zb_db_open(&db, p, 0), ZB_ESCHEMA);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "schema version -3 is not one"));
    zb_db_close(db);
    ck_assert_int_eq(zb_db_open(&db, p, ZB_DB_READONLY), ZB_ESCHEMA);
    zb_db_close(db);

    p = path_of("foreign.db", 1);
    exec_sql(p, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
    ck_assert_int_eq(zb_db_open(&db, p, 0), ZB_ESCHEMA);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "not zhibiao's"));
    zb_db_close(db);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM t"), 1); /* untouched */

    p = path_of("text.db", 1);
    FILE *f = fopen(p, "w");
    for (int i = 0; i < 200; i++)
        fputs("this is not a database at all\n", f);
    fclose(f);
    ck_assert_int_eq(zb_db_open(&db, p, 0), ZB_ESCHEMA);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "not a database"));
    zb_db_close(db);

    ck_assert_int_eq(zb_db_open(&db, "/nonexistent/dir/x.db", 0), ZB_EIO);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "cannot open"));
    zb_db_close(db);
    ck_assert_int_eq(zb_db_open(&db, path_of("absent.db", 1), ZB_DB_READONLY), ZB_EIO);
    zb_db_close(db);
    ck_assert_int_eq(zb_db_open(&db, NULL, 0), ZB_EINVAL);
    zb_db_close(db);
}
END_TEST

START_TEST(read_only_file_and_handle) {
    zb_db *db = open_new("ro.db");
    const char *p = path_of("ro.db", 0);
    ingest(db, sample, sample_len, 0);
    ck_assert_int_eq(zb_db_close(db), ZB_OK);
    ck_assert_int_eq(chmod(p, 0444), 0);
    if (access(p, W_OK) == 0) {
        /* root writes anyway: only the read-only handle can be tested */
    } else {
        ck_assert_int_eq(zb_db_open(&db, p, 0), ZB_EREADONLY);
        ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "read-only"));
        zb_db_close(db);
    }
    ck_assert_int_eq(zb_db_open(&db, p, ZB_DB_READONLY), ZB_OK);
    zb_ingest_result r;
    ck_assert_int_eq(zb_db_ingest(db, sample, sample_len, NULL, &r), ZB_EREADONLY);
    zb_rows *it;
    ck_assert_int_eq(zb_db_indicators(&it, db, NULL), ZB_OK);
    ck_assert_int_eq(zb_rows_next(it), ZB_ROW);
    zb_rows_free(it);
    zb_db_close(db);
    chmod(p, 0644);
}
END_TEST

START_TEST(ingest_is_whole_and_idempotent) {
    zb_db *db = open_new("idem.db");
    const char *p = path_of("idem.db", 0);
    zb_ingest_result a = ingest(db, sample, sample_len, 0);
    ck_assert(a.inserted);
    ck_assert_int_eq(a.report_year, 2022);
    ck_assert_str_eq(a.region, "吉林省");
    zb_doc *doc;
    ck_assert_int_eq(zb_parse(&doc, sample, sample_len, NULL), ZB_OK);
    ck_assert_uint_eq(a.indicators, zb_doc_count(doc));
    zb_ingest_result b = ingest(db, sample, sample_len, 0);
    ck_assert(!b.inserted);
    ck_assert_int_eq(b.document_id, a.document_id);
    ck_assert_uint_eq(b.indicators, a.indicators);
    zb_db_close(db);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM documents"), 1);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM v_indicators"), (long long)zb_doc_count(doc));
    ck_assert_int_eq(scalar(p, "SELECT byte_length FROM documents"), (long long)sample_len);
    /* the body is kept verbatim: every span cuts out its surface */
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM indicators i JOIN documents d ON "
                               "d.id = i.document_id WHERE CAST(substr(d.body, i.span_start + 1, "
                               "i.span_end - i.span_start) AS TEXT) <> i.surface"), 0);
    zb_doc_free(doc);
}
END_TEST

/* Every row stored is the parse's row of that ordinal, in its sentence, for
 * a paragraph of 15 figures and for the sample. */
START_TEST(stored_rows_are_the_parse_rows_in_order) {
    static const char text[] =
        "一、2022年工作回顾\n"
        "全年粮食产量1.2亿斤，增长1%；蔬菜产量2.2万吨，增长2%；水果产量3.3万吨，增长3%；"
        "肉类产量4.4万吨，增长4%；禽蛋产量5.5万吨，增长5%；牛奶产量6.6万吨，增长6%；"
        "水产品产量7.7万吨，增长7%；木材产量8.8万立方米。\n";
    const char *texts[2] = {text, sample};
    size_t lens[2] = {sizeof text - 1, sample_len};
    for (int t = 0; t < 2; t++) {
        zb_db *db = open_new("rows.db");
        const char *p = path_of("rows.db", 0);
        zb_ingest_result r = ingest(db, texts[t], lens[t], 0);
        zb_db_close(db);
        zb_doc *doc;
        ck_assert_int_eq(zb_parse(&doc, texts[t], lens[t], NULL), ZB_OK);
        ck_assert_uint_eq(r.indicators, zb_doc_count(doc));
        ck_assert_uint_ge(zb_doc_count(doc), 15);
        sqlite3 *c;
        ck_assert_int_eq(sqlite3_open_v2(p, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
        sqlite3_stmt *st;
        ck_assert_int_eq(sqlite3_prepare_v2(c,
                                            "SELECT i.ordinal, i.surface, i.value, i.span_start, "
                                            "s.text FROM indicators i JOIN sentences s ON s.id = "
                                            "i.sentence_id ORDER BY i.id",
                                            -1, &st, NULL),
                         SQLITE_OK);
        size_t n = 0;
        for (; sqlite3_step(st) == SQLITE_ROW; n++) {
            const zb_indicator *ind = zb_doc_get(doc, n);
            ck_assert_int_eq(sqlite3_column_int64(st, 0), (long long)n);
            ck_assert_str_eq((const char *)sqlite3_column_text(st, 1), ind->surface);
            if (ind->value == ind->value)
                ck_assert_double_eq(sqlite3_column_double(st, 2), ind->value);
            ck_assert_int_eq(sqlite3_column_int64(st, 3), (long long)ind->span_start);
            ck_assert_str_eq((const char *)sqlite3_column_text(st, 4), ind->sentence);
        }
        ck_assert_uint_eq(n, zb_doc_count(doc));
        sqlite3_finalize(st);
        sqlite3_close(c);
        zb_doc_free(doc);
    }
}
END_TEST

START_TEST(replace_extracts_again) {
    zb_db *db = open_new("replace.db");
    const char *p = path_of("replace.db", 0);
    zb_ingest_result a = ingest(db, sample, sample_len, 0);
    zb_ingest_result b = ingest(db, sample, sample_len, ZB_INGEST_REPLACE);
    ck_assert(b.inserted);
    ck_assert_int_ne(b.document_id, a.document_id);
    zb_db_close(db);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM documents"), 1);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM indicators"), (long long)a.indicators);
    /* the old document's sentences left the index, the new one's came in */
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts "
                               "MATCH '粮食生产'"),
                     scalar(p, "SELECT count(*) FROM sentences WHERE text LIKE '%粮食生产%'"));
    ck_assert_int_gt(scalar(p, "SELECT count(*) FROM sentences WHERE text LIKE '%粮食生产%'"), 0);
    fts_is_whole(p);
}
END_TEST

START_TEST(a_failure_rolls_the_document_back) {
    zb_db *db = open_new("rollback.db");
    const char *p = path_of("rollback.db", 0);
    ingest(db, next_year, next_year_len, 0);
    zb_db_close(db);
    /* make the 100th indicator of any document fail to insert: an index of
     * the user's own on which it collides with the 99th (a trigger would do
     * it too, but an open refuses a trigger zhibiao did not make) */
    exec_sql(p, "CREATE UNIQUE INDEX fail_midway ON indicators(document_id) "
                "WHERE ordinal IN (99, 100)");
    ck_assert_int_eq(zb_db_open(&db, p, 0), ZB_OK);
    zb_ingest_result r;
    ck_assert_int_eq(zb_db_ingest(db, sample, sample_len, NULL, &r), ZB_EDB);
    ck_assert_msg(strstr(zb_db_errmsg(db), "UNIQUE constraint failed"), "%s", zb_db_errmsg(db));
    zb_db_close(db);
    exec_sql(p, "CREATE TRIGGER rewrite AFTER INSERT ON indicators BEGIN "
                "DELETE FROM indicators WHERE id = new.id; END;");
    zb_db *again = NULL;
    ck_assert_int_eq(zb_db_open(&again, p, 0), ZB_ESCHEMA);
    ck_assert_msg(strstr(zb_db_errmsg(again), "a trigger zhibiao did not make (rewrite, on "
                                              "indicators)"), "%s", zb_db_errmsg(again));
    zb_db_close(again);
    exec_sql(p, "DROP TRIGGER rewrite");
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM documents"), 1);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences WHERE document_id <> 1"), 0);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sections WHERE document_id <> 1"), 0);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM indicators WHERE document_id <> 1"), 0);
    sqlite3 *c;
    sqlite3_open(p, &c);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(c, "PRAGMA integrity_check", -1, &st, NULL);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    sqlite3_close(c);
}
END_TEST

/* All rows of a table of a database as text, in id order. */
static char *table_text(const char *path, const char *table) {
    sqlite3 *c;
    ck_assert_int_eq(sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY id", table);
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK);
    size_t n = 0, cap = 1 << 16;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    out[0] = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            size_t k = strlen(v ? v : "NULL") + 1;
            if (n + k + 1 > cap)
                ck_assert_ptr_nonnull(out = realloc(out, cap = 2 * (n + k + 1)));
            n += (size_t)snprintf(out + n, cap - n, "%s%c", v ? v : "NULL",
                                  i + 1 < sqlite3_column_count(st) ? '\t' : '\n');
        }
    sqlite3_finalize(st);
    sqlite3_close(c);
    return out;
}

/* The parse runs ahead in a second thread unless ZB_INGEST_ONE_THREAD: the
 * same sections, sentences and indicators are stored either way, and a store
 * failing midway leaves nothing of the document in either. */
START_TEST(one_thread_or_two_store_the_same) {
    const char *names[2] = {"two-threads.db", "one-thread.db"};
    const unsigned flags[2] = {0, ZB_INGEST_ONE_THREAD};
    for (int i = 0; i < 2; i++) {
        zb_db *db = open_new(names[i]);
        ck_assert_uint_gt(ingest(db, sample, sample_len, flags[i]).indicators, 100);
        ingest(db, next_year, next_year_len, flags[i]);
        zb_db_close(db);
    }
    static const char *tables[] = {"sections", "sentences", "indicators"};
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        char *a = table_text(path_of(names[0], 0), tables[t]);
        char *b = table_text(path_of(names[1], 0), tables[t]);
        ck_assert_uint_gt(strlen(a), 1000);
        ck_assert_msg(strcmp(a, b) == 0, "%s differ", tables[t]);
        free(a);
        free(b);
    }
    for (int i = 0; i < 2; i++) {
        const char *p = path_of(names[i], 0);
        exec_sql(p, "CREATE UNIQUE INDEX fail_midway ON indicators(document_id) "
                    "WHERE ordinal IN (99, 100) AND document_id > 2");
        zb_db *db = NULL;
        ck_assert_int_eq(zb_db_open(&db, p, 0), ZB_OK);
        zb_ingest_options o = ZB_INGEST_OPTIONS_INIT;
        o.flags = flags[i] | ZB_INGEST_REPLACE;
        ck_assert_int_eq(zb_db_ingest(db, sample, sample_len, &o, NULL), ZB_EDB);
        ck_assert_msg(strstr(zb_db_errmsg(db), "UNIQUE constraint failed"), "%s",
                      zb_db_errmsg(db));
        zb_db_close(db);
        ck_assert_int_eq(scalar(p, "SELECT count(*) FROM documents"), 2);
        ck_assert_int_eq(scalar(p, "SELECT count(*) FROM indicators WHERE document_id > 2"), 0);
        ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences WHERE document_id > 2"), 0);
    }
}
END_TEST

/* zb_db_ingest_each(): documents given by a callback, each told of when done. */
typedef struct each_run {
    const char *text[8];
    size_t len[8];
    unsigned flags[8];
    unsigned version[8]; /* 0: the default options */
    size_t n, given;
    int stop_after;  /* done() returns 7 after this many calls (0: never) */
    int next_fails;  /* next() returns -5 once it has given this many (0: never) */
    int rc[8];       /* done()'s rc per item, in the order of the calls */
    int user[8];     /* which item each done() call was for */
    int inserted[8];
    int64_t id[8];
    size_t calls;
} each_run;

static int each_next(void *ctx, zb_ingest_item *item) {
    each_run *r = ctx;
    ck_assert_uint_eq(item->options.version, ZB_INGEST_OPTIONS_VERSION); /* given as INIT */
    if (r->next_fails && r->given == (size_t)r->next_fails)
        return -5;
    if (r->given == r->n)
        return 0;
    size_t i = r->given++;
    item->text = r->text[i];
    item->len = r->len[i];
    item->options.source = "each";
    item->options.flags = r->flags[i];
    if (r->version[i])
        item->options.version = r->version[i];
    item->user = (void *)(r->user + i);
    return 1;
}

static int each_done(void *ctx, const zb_ingest_item *item, int rc,
                     const zb_ingest_result *res) {
    each_run *r = ctx;
    size_t k = r->calls++;
    ck_assert_uint_lt(k, 8);
    r->user[k] = (int)((const int *)item->user - r->user);
    r->rc[k] = rc;
    ck_assert(rc == ZB_OK ? res != NULL : res == NULL);
    r->inserted[k] = res ? res->inserted : -1;
    r->id[k] = res ? res->document_id : 0;
    return r->stop_after && r->calls == (size_t)r->stop_after ? 7 : 0;
}

/* The next document is parsed while one is written: what is stored is what
 * zb_db_ingest() stores, one call at a time, and each document is told of
 * once, in order, failures among them. */
START_TEST(ingest_each_stores_what_ingest_does) {
    each_run r = {.n = 6};
    const char *texts[6] = {sample, next_year, sample, " \n\t", next_year, sample};
    size_t lens[6] = {sample_len, next_year_len, sample_len, 4, next_year_len, sample_len};
    for (size_t i = 0; i < r.n; i++) {
        r.text[i] = texts[i];
        r.len[i] = lens[i];
    }
    r.flags[4] = ZB_INGEST_REPLACE; /* next_year extracted again */
    r.version[5] = 99;              /* an unknown options version fails alone */
    for (int batch = 0; batch < 2; batch++) {
        zb_db *db = open_new(batch ? "each-batch.db" : "each.db");
        r.calls = r.given = 0;
        if (batch)
            ck_assert_int_eq(zb_db_begin(db), ZB_OK);
        ck_assert_int_eq(zb_db_ingest_each(db, each_next, each_done, &r), ZB_OK);
        if (batch)
            ck_assert_int_eq(zb_db_commit(db), ZB_OK);
        zb_db_close(db);
        ck_assert_uint_eq(r.calls, 6);
        for (int k = 0; k < 6; k++)
            ck_assert_int_eq(r.user[k], k);
        const int rc[6] = {ZB_OK, ZB_OK, ZB_OK, ZB_EFORMAT, ZB_OK, ZB_EINVAL};
        const int inserted[6] = {1, 1, 0, -1, 1, -1};
        for (int k = 0; k < 6; k++) {
            ck_assert_int_eq(r.rc[k], rc[k]);
            ck_assert_int_eq(r.inserted[k], inserted[k]);
        }
        ck_assert_int_eq(r.id[2], r.id[0]); /* the same bytes twice: stored once */
        ck_assert_int_gt(r.id[4], r.id[1]); /* replaced: a new id */
    }
    /* the same through zb_db_ingest(), one call at a time */
    zb_db *db = open_new("each-one.db");
    ingest(db, sample, sample_len, 0);
    ingest(db, next_year, next_year_len, 0);
    ingest(db, next_year, next_year_len, ZB_INGEST_REPLACE);
    zb_db_close(db);
    static const char *tables[] = {"sections", "sentences", "indicators"};
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        char *one = table_text(path_of("each-one.db", 0), tables[t]);
        for (int batch = 0; batch < 2; batch++) {
            char *each = table_text(path_of(batch ? "each-batch.db" : "each.db", 0), tables[t]);
            ck_assert_uint_gt(strlen(one), 1000);
            ck_assert_msg(strcmp(one, each) == 0, "%s differ", tables[t]);
            free(each);
        }
        free(one);
    }
    fts_is_whole(path_of("each-batch.db", 0));
}
END_TEST

/* done() or next() ends the run: what was done stays, the document given
 * meanwhile is told of as not stored, next() is not asked again. */
START_TEST(ingest_each_stops_when_told) {
    each_run r = {.n = 3, .stop_after = 1};
    for (size_t i = 0; i < r.n; i++) {
        r.text[i] = i == 1 ? next_year : sample;
        r.len[i] = i == 1 ? next_year_len : sample_len;
    }
    r.text[2] = "2022年粮食产量1亿斤。";
    r.len[2] = strlen(r.text[2]);
    zb_db *db = open_new("each-stop.db");
    ck_assert_int_eq(zb_db_ingest_each(db, each_next, each_done, &r), 7);
    ck_assert_uint_eq(r.calls, 2);
    ck_assert_uint_eq(r.given, 2);
    ck_assert_int_eq(r.rc[0], ZB_OK);
    ck_assert_int_eq(r.rc[1], ZB_ERROR);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "stopped"));
    /* next() fails after one: that one is stored, the error comes back */
    each_run f = {.n = 3, .next_fails = 1};
    for (size_t i = 0; i < f.n; i++) {
        f.text[i] = r.text[i];
        f.len[i] = r.len[i];
    }
    f.text[0] = next_year;
    f.len[0] = next_year_len;
    ck_assert_int_eq(zb_db_ingest_each(db, each_next, each_done, &f), -5);
    ck_assert_uint_eq(f.calls, 1);
    ck_assert_int_eq(f.rc[0], ZB_OK);
    ck_assert_int_eq(f.inserted[0], 1);
    ck_assert_int_eq(zb_db_ingest_each(db, NULL, each_done, &f), ZB_EINVAL);
    ck_assert_int_eq(zb_db_ingest_each(NULL, each_next, each_done, &f), ZB_EINVAL);
    zb_db_close(db);
    const char *p = path_of("each-stop.db", 0);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM documents"), 2);
    fts_is_whole(p);
    ck_assert_int_eq(zb_db_open(&db, p, ZB_DB_READONLY), ZB_OK);
    ck_assert_int_eq(zb_db_ingest_each(db, each_next, each_done, &f), ZB_EREADONLY);
    zb_db_close(db);
}
END_TEST

START_TEST(ingest_a_file) {
    zb_db *db = open_new("file.db");
    zb_ingest_result r;
    ck_assert_int_eq(zb_db_ingest_file(db, ZB_TEST_DATA "/jilin-2022-part2.txt", NULL, &r), ZB_OK);
    ck_assert(r.inserted);
    ck_assert_uint_ge(r.indicators, 150);
    ck_assert_int_eq(zb_db_ingest_file(db, ZB_TEST_DATA "/jilin-2022-part2.txt", NULL, &r), ZB_OK);
    ck_assert(!r.inserted);
    ck_assert_int_eq(zb_db_ingest_file(db, "/nonexistent/report.txt", NULL, &r), ZB_EIO);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "/nonexistent/report.txt: cannot open"));
    zb_db_close(db);
    ck_assert_int_eq(scalar(path_of("file.db", 0), "SELECT count(*) FROM documents WHERE source "
                                                   "LIKE '%jilin-2022-part2.txt'"), 1);
}
END_TEST

START_TEST(regions_are_checked_and_kept_whole) {
    zb_db *db = open_new("region.db");
    zb_ingest_options o = ZB_INGEST_OPTIONS_INIT;
    zb_ingest_result r;
    o.region = "\xff\xfe";
    ck_assert_int_eq(zb_db_ingest(db, sample, sample_len, &o, &r), ZB_EINVAL);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "region is not UTF-8"));
    /* longer than any fixed buffer: stored whole, not cut mid-character */
    char region[301] = "";
    for (int i = 0; i < 100; i++)
        strcat(region, "省");
    o.region = region;
    ck_assert_int_eq(zb_db_ingest(db, sample, sample_len, &o, &r), ZB_OK);
    ck_assert_str_eq(r.region, region);
    zb_db_close(db);
    const char *p = path_of("region.db", 0);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM documents"), 1);
    ck_assert_int_eq(scalar(p, "SELECT length(CAST(region AS BLOB)) FROM documents"), 300);
}
END_TEST

START_TEST(ingest_file_is_bounded) {
    /* a sparse file one byte past the limit costs no disk and no time */
    char p[300];
    snprintf(p, sizeof p, "%s", path_of("huge.txt", 1));
    FILE *f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(ftruncate(fileno(f), (off_t)UINT32_MAX - 15), 0);
    fclose(f);
    zb_db *db = open_new("huge.db");
    zb_ingest_result r;
    ck_assert_int_eq(zb_db_ingest_file(db, p, NULL, &r), ZB_EINVAL);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "huge.txt: larger than 4 GiB"));
    zb_db_close(db);
    unlink(p);
}
END_TEST

START_TEST(read_only_handles_leave_no_files) {
    /* '?', '#' and '%' mean something in a URI: the name must survive them */
    const char *names[] = {"plain.db", "odd?name#1%20.db"};
    for (int k = 0; k < 2; k++) {
        zb_db *db = open_new(names[k]);
        ingest(db, sample, sample_len, 0);
        ck_assert_int_eq(zb_db_close(db), ZB_OK);
        char path[300], side[320];
        snprintf(path, sizeof path, "%s", path_of(names[k], 0));
        ck_assert_int_eq(zb_db_open(&db, path, ZB_DB_READONLY), ZB_OK);
        zb_rows *it;
        ck_assert_int_eq(zb_db_indicators(&it, db, NULL), ZB_OK);
        ck_assert_int_eq(zb_rows_next(it), ZB_ROW);
        zb_rows_free(it);
        zb_comparisons *c;
        ck_assert_int_eq(zb_db_compare(&c, db, NULL, 0, 0), ZB_OK);
        ck_assert_int_eq(zb_comparisons_next(c), ZB_ROW);
        zb_comparisons_free(c);
        ck_assert_int_eq(zb_db_close(db), ZB_OK);
        snprintf(side, sizeof side, "%s-wal", path);
        ck_assert_msg(access(side, F_OK) != 0, "%s left behind", side);
        snprintf(side, sizeof side, "%s-shm", path);
        ck_assert_msg(access(side, F_OK) != 0, "%s left behind", side);
    }
    zb_db *db = NULL;
    ck_assert_int_eq(zb_db_open(&db, path_of("missing.db", 1), ZB_DB_READONLY), ZB_EIO);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "No such file"));
    zb_db_close(db);
    ck_assert_int_eq(access(path_of("missing.db", 0), F_OK), -1);
}
END_TEST

START_TEST(bad_text_is_not_stored) {
    zb_db *db = open_new("bad.db");
    zb_ingest_result r;
    zb_ingest_options o = ZB_INGEST_OPTIONS_INIT;
    o.source = "broken.txt";
    ck_assert_int_eq(zb_db_ingest(db, "增长\xFF", 7, &o, &r), ZB_EUTF8);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "broken.txt: line 1, byte 6"));
    o.version = 9;
    ck_assert_int_eq(zb_db_ingest(db, "x", 1, &o, &r), ZB_EINVAL);
    ck_assert_int_eq(zb_db_ingest(NULL, "x", 1, NULL, &r), ZB_EINVAL);
    zb_db_close(db);
    ck_assert_int_eq(scalar(path_of("bad.db", 0), "SELECT count(*) FROM documents"), 0);
}
END_TEST

START_TEST(comparisons_of_the_sample) {
    zb_db *db = open_new("compare.db");
    ingest(db, sample, sample_len, 0);
    zb_comparisons *it;
    ck_assert_int_eq(zb_db_compare(&it, db, "吉林省", 2021, 2022), ZB_OK);
    int grain = 0, jobs = 0, rc;
    while ((rc = zb_comparisons_next(it)) == ZB_ROW) {
        const zb_comparison *c = zb_comparisons_get(it);
        if (!strcmp(c->metric_id, "grain_output")) {
            grain = 1;
            ck_assert_double_eq(c->actual_value, 807.84);
            ck_assert_str_eq(c->actual_unit, "亿斤");
            ck_assert_int_eq(c->target_cmp, ZB_CMP_GE);
            ck_assert_double_eq(c->target_value, 800);
            /* in the catalog's unit: 800亿斤 - 807.84亿斤 = -7.84亿斤 = -392000 吨 */
            ck_assert_double_eq_tol(c->delta, -392000.0, 1e-6);
            ck_assert_str_eq(c->delta_unit, "吨");
            ck_assert_str_eq(c->status, "floor below last result");
            ck_assert_str_eq(c->ambition, "lower");
            ck_assert_str_eq(c->direction, "up");
            ck_assert_int_gt(c->actual_indicator_id, 0);
            ck_assert_int_gt(c->target_indicator_id, 0);
            ck_assert_int_eq(c->actual_document_id, c->target_document_id); /* one report */
        }
        if (!strcmp(c->metric_id, "urban_new_jobs")) {
            jobs = 1;
            ck_assert_double_eq(c->actual_value, 27.07);
            ck_assert_double_eq(c->target_value, 23);
            ck_assert_str_eq(c->status, "target below last result");
        }
    }
    ck_assert_int_eq(rc, ZB_DONE);
    ck_assert(grain && jobs);
    zb_comparisons_free(it);
    /* no years: the newest pair */
    ck_assert_int_eq(zb_db_compare(&it, db, NULL, 0, 0), ZB_OK);
    ck_assert_int_eq(zb_comparisons_next(it), ZB_ROW);
    ck_assert_int_eq(zb_comparisons_get(it)->actual_year, 2021);
    zb_comparisons_free(it);
    zb_db_close(db);
}
END_TEST

START_TEST(two_years_answer_target_outcome) {
    zb_db *db = open_new("outcome.db");
    const char *p = path_of("outcome.db", 0);
    ingest(db, sample, sample_len, 0);
    ingest(db, next_year, next_year_len, 0);
    zb_db_close(db);
    /* the 2022 targets of the 2022 report against the 2022 results of the 2023 report */
    /* 816.16亿斤 against 800亿斤以上: more than 1% above the floor */
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM v_target_outcome WHERE region = '吉林省' "
                               "AND year = 2022 AND metric_id = 'grain_output' "
                               "AND outcome = 'exceeded'"),
                     1);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM v_target_outcome WHERE metric_id = 'gdp' "
                               "AND outcome = 'missed'"),
                     1);
    ck_assert_int_ge(scalar(p, "SELECT count(*) FROM v_target_outcome"), 5);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM v_target_outcome WHERE outcome NOT IN "
                               "('exceeded', 'met', 'near', 'missed', 'qualitative', 'no_result', "
                               "'incomparable')"),
                     0);
    /* and the newest comparison is now 2022 against 2023 */
    ck_assert_int_eq(scalar(p, "SELECT max(actual_year) FROM v_target_vs_actual"), 2022);
    ck_assert_int_ge(scalar(p, "SELECT count(*) FROM v_metric_series WHERE actual_value IS NOT "
                               "NULL AND target_value IS NOT NULL"), 5);
}
END_TEST

START_TEST(views_as_named_cells) {
    zb_db *db = open_new("view.db");
    ingest(db, sample, sample_len, 0);
    ingest(db, next_year, next_year_len, 0);
    zb_view_rows *it = (zb_view_rows *)&it; /* not NULL: a failing call must clear it */
    ck_assert_int_eq(zb_db_view(&it, NULL, ZB_VIEW_OUTCOME, NULL), ZB_EINVAL);
    ck_assert_ptr_null(it);
    ck_assert_int_eq(zb_db_view(&it, db, (zb_view)99, NULL), ZB_EINVAL);
    ck_assert_ptr_null(it);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "no view numbered 99"));
    zb_view_filter f = ZB_VIEW_FILTER_INIT;
    f.version = 9;
    ck_assert_int_eq(zb_db_view(&it, db, ZB_VIEW_OUTCOME, &f), ZB_EINVAL);
    /* the 2022 grain target of the 2022 report, by short name, met by 816.16亿斤 */
    f = (zb_view_filter)ZB_VIEW_FILTER_INIT;
    f.region = "吉林";
    f.metric_id = "grain_output";
    f.year = 2022;
    ck_assert_int_eq(zb_db_view(&it, db, ZB_VIEW_OUTCOME, &f), ZB_OK);
    int outcome = zb_view_column(it, "outcome"), value = zb_view_column(it, "target_value");
    int high = zb_view_column(it, "target_value_high");
    ck_assert_int_ge(outcome, 0); /* known before the first row */
    ck_assert_int_eq(zb_view_column(it, "no such column"), -1);
    ck_assert_ptr_null(zb_view_column_name(it, zb_view_columns(it)));
    ck_assert_int_eq(zb_view_next(it), ZB_ROW);
    ck_assert_str_eq(zb_view_text(it, (size_t)outcome), "exceeded");
    ck_assert_int_eq(zb_view_type(it, (size_t)value), ZB_CELL_REAL);
    ck_assert_double_eq(zb_view_real(it, (size_t)value), 800);
    ck_assert_int_eq(zb_view_type(it, (size_t)high), ZB_CELL_NULL);
    ck_assert(isnan(zb_view_real(it, (size_t)high)));
    ck_assert_str_eq(zb_view_text(it, (size_t)high), "");
    ck_assert_int_eq(zb_view_next(it), ZB_DONE);
    ck_assert_int_eq(zb_view_next(it), ZB_DONE); /* and stays done */
    zb_view_rows_free(it);
    /* a panel without a year is of the metric's newest: 2023's targets */
    f = (zb_view_filter)ZB_VIEW_FILTER_INIT;
    f.metric_id = "gdp";
    ck_assert_int_eq(zb_db_view(&it, db, ZB_VIEW_PANEL, &f), ZB_OK);
    int year = zb_view_column(it, "year"), n = 0;
    while (zb_view_next(it) == ZB_ROW) {
        ck_assert_int_eq(zb_view_int(it, (size_t)year), 2023);
        n++;
    }
    ck_assert_int_ge(n, 1);
    zb_view_rows_free(it);
    zb_db_close(db);
}
END_TEST

START_TEST(full_text_search_finds_the_source) {
    zb_db *db = open_new("fts.db");
    const char *p = path_of("fts.db", 0);
    ingest(db, sample, sample_len, 0);
    zb_db_close(db);
    /* trigram: a word as it is written, three characters or more */
    ck_assert_int_gt(scalar(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                               "'粮食产量'"), 0);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                               "'粮食产量'"),
                     scalar(p, "SELECT count(*) FROM sentences WHERE text LIKE '%粮食产量%'"));
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences_fts f JOIN sentences s ON "
                               "s.id = f.rowid JOIN indicators i ON i.sentence_id = s.id WHERE "
                               "sentences_fts MATCH '粮食生产' AND i.surface = '807.84亿斤'"), 1);
    /* shorter words: none by trigram, LIKE on the sentences finds them (a scan) */
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                               "'粮食'"), 0);
    ck_assert_int_gt(scalar(p, "SELECT count(*) FROM sentences WHERE text LIKE '%粮食%'"), 1);
    fts_is_whole(p);
}
END_TEST

/* The document key is SHA-256: the published test vectors (FIPS 180-2,
 * appendix B), with padding of one block and of two, and many whole blocks,
 * by the portable code and, when the processor has them, the SHA
 * instructions. */
START_TEST(the_document_key_is_sha256) {
    static const struct {
        const char *text;
        const char *digest;
    } v[] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    };
    char *a = malloc(1000000);
    ck_assert_ptr_nonnull(a);
    memset(a, 'a', 1000000);
    for (int hw = 0; hw <= zb__sha256_hw(); hw++) {
        char hex[65];
        for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
            zb__sha256_hex(v[i].text, strlen(v[i].text), hw, hex);
            ck_assert_str_eq(hex, v[i].digest);
        }
        zb__sha256_hex(a, 1000000, hw, hex);
        ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
    free(a);
}
END_TEST

/* Readers, and search, see a batch at its commit; a failed document leaves
 * nothing and the others stay; a rollback, or a close, keeps none. */
START_TEST(a_batch_is_one_transaction_of_whole_documents) {
    zb_db *db = open_new("batch.db");
    const char *p = path_of("batch.db", 0);
    /* the 101st indicator of a document fails: only the sample has one */
    exec_sql(p, "CREATE TRIGGER fail_midway BEFORE INSERT ON indicators WHEN new.ordinal = 100 "
                "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
    ck_assert_int_eq(zb_db_begin(db), ZB_OK);
    ck_assert_int_eq(zb_db_begin(db), ZB_EINVAL);
    zb_ingest_result a = ingest(db, next_year, next_year_len, 0);
    ck_assert_uint_lt(a.indicators, 100);
    zb_ingest_options o = ZB_INGEST_OPTIONS_INIT;
    o.source = "bad";
    zb_ingest_result r;
    ck_assert_int_eq(zb_db_ingest(db, sample, sample_len, &o, &r), ZB_EDB);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "injected failure"));
    /* the same bytes again inside the batch: found, not stored twice */
    zb_ingest_result again = ingest(db, next_year, next_year_len, 0);
    ck_assert(!again.inserted);
    ck_assert_int_eq(again.document_id, a.document_id);
    /* another connection sees nothing yet */
    sqlite3 *reader;
    ck_assert_int_eq(sqlite3_open_v2(p, &reader, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(reader, "SELECT count(*) FROM documents", -1, &st, NULL);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    sqlite3_close(reader);
    ck_assert_int_eq(zb_db_commit(db), ZB_OK);
    ck_assert_int_eq(zb_db_commit(db), ZB_EINVAL);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM documents"), 1);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM indicators"), (long long)a.indicators);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences WHERE document_id <> 1"), 0);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sections WHERE document_id <> 1"), 0);
    ck_assert_int_gt(scalar(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                               "'粮食产量'"), 0);
    /* rolled back, and left open at close: neither is kept */
    exec_sql(p, "DROP TRIGGER fail_midway");
    ck_assert_int_eq(zb_db_begin(db), ZB_OK);
    ingest(db, sample, sample_len, 0);
    ck_assert_int_eq(zb_db_rollback(db), ZB_OK);
    ck_assert_int_eq(zb_db_begin(db), ZB_OK);
    ingest(db, sample, sample_len, 0);
    ck_assert_int_eq(zb_db_close(db), ZB_OK);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM documents"), 1);
    fts_is_whole(p);
    /* a batch of one document and of its replacement: the index stays whole */
    ck_assert_int_eq(zb_db_open(&db, p, 0), ZB_OK);
    ck_assert_int_eq(zb_db_begin(db), ZB_OK);
    ingest(db, next_year, next_year_len, 0);
    ingest(db, next_year, next_year_len, ZB_INGEST_REPLACE);
    ingest(db, sample, sample_len, ZB_INGEST_REPLACE);
    ck_assert_int_eq(zb_db_commit(db), ZB_OK);
    zb_db_close(db);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM documents"), 2);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                               "'粮食生产'"),
                     scalar(p, "SELECT count(*) FROM sentences WHERE text LIKE '%粮食生产%'"));
    fts_is_whole(p);
    /* read-only handles have no batches */
    ck_assert_int_eq(zb_db_open(&db, p, ZB_DB_READONLY), ZB_OK);
    ck_assert_int_eq(zb_db_begin(db), ZB_EREADONLY);
    zb_db_close(db);
    ck_assert_int_eq(zb_db_begin(NULL), ZB_EINVAL);
}
END_TEST

/* A database as schema version 6 (the migrations up to 006, as the zhibiao
 * before version 7 made it) with a document stored the way that one stored
 * it: sentences with `terms`, the index filled by its triggers. */
static void make_v6(const char *p) {
    static const char *const files[] = {"001-initial", "002-series", "003-views-from-fields",
                                        "004-contract-v2", "005-regions-versions-settings",
                                        "006-page"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char name[256];
        snprintf(name, sizeof name, "%s/schema/%s.sql", ZB_SOURCE_DIR, files[i]);
        size_t len;
        char *sql = tu_read_file(name, &len);
        exec_sql(p, sql);
        free(sql);
    }
    exec_sql(p,
             "PRAGMA user_version = 6; PRAGMA application_id = 2053663074;"
             "INSERT INTO documents(id, sha256, region, report_year, title, source, byte_length,"
             " ingested_at, zhibiao_version, body) VALUES (1, 'x', '吉林省', 2022, '', 'old', 60,"
             " '2026-01-01T00:00:00Z', '0.5.0', '粮食生产获得大丰收，总产量807.84亿斤。');"
             "INSERT INTO sections VALUES (1, 1, 0, '一、回顾', 1, 0, NULL, 0, 10);"
             "INSERT INTO sentences VALUES (1, 1, 1, 0, '粮食生产获得大丰收，总产量807.84亿斤。',"
             " ' 粮食 食生 生产 产获 获得 得大 大丰 丰收 ， 总产 产量 807.84 亿斤 。', 0, 60);"
             "INSERT INTO indicators(id, document_id, section_id, sentence_id, ordinal, span_start,"
             " span_end, surface, value, unit, base_value, base_unit, cmp, year, kind, measure,"
             " metric, sector, period, entity, commitment, estimate) VALUES (1, 1, 1, 1, 0, 40,"
             " 54, '807.84亿斤', 807.84, '亿斤', 80784000000, '斤', '=', 2021, 'achieved',"
             " 'level', '粮食总产量', 'agriculture', 'year', '', 'plain', 0);");
}

START_TEST(version_6_is_upgraded_with_its_rows) {
    const char *p = path_of("v6.db", 1);
    make_v6(p);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                               "'总产 产量'"), 1);
    zb_db *db = NULL;
    ck_assert_msg(zb_db_open(&db, p, 0) == ZB_OK, "%s", zb_db_errmsg(db));
    ck_assert_int_eq(scalar(p, "PRAGMA user_version"), zb_schema_version());
    /* the rows are kept, the pairs are gone, the old sentence is found by trigram */
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM v_indicators WHERE surface = '807.84亿斤' "
                               "AND sentence LIKE '粮食生产%'"), 1);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM pragma_table_info('sentences') WHERE "
                               "name = 'terms'"), 0);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                               "'粮食生产'"), 1);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sqlite_master WHERE name IN "
                               "('indicators_metric', 'indicators_sector', 'indicators_section', "
                               "'sentences_fts_insert')"), 0);
    ck_assert_int_eq(scalar(p, "SELECT v FROM sentences_fts_config WHERE k = 'automerge'"), 8);
    /* new documents join it, and deleting the old one takes it out of the index */
    ingest(db, sample, sample_len, 0);
    zb_db_close(db);
    exec_sql(p, "PRAGMA foreign_keys = ON; DELETE FROM documents WHERE id = 1");
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences WHERE document_id = 1"), 0);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                               "'粮食生产'"),
                     scalar(p, "SELECT count(*) FROM sentences WHERE text LIKE '%粮食生产%'"));
    fts_is_whole(p);
}
END_TEST

/* A database the zhibiao before schema 7 wrote (tests/data/db/v6-main.sql):
 * upgraded in place, its rows kept and searchable by trigram, its document
 * replaced with the index whole. */
START_TEST(a_database_of_the_previous_release_is_upgraded) {
    const char *p = path_of("v6-main.db", 1);
    size_t len;
    char *dump = tu_read_file(ZB_TEST_DATA "/db/v6-main.sql", &len);
    exec_sql(p, dump);
    free(dump);
    ck_assert_int_eq(scalar(p, "PRAGMA user_version"), 6);
    zb_db *db = NULL;
    ck_assert_msg(zb_db_open(&db, p, 0) == ZB_OK, "%s", zb_db_errmsg(db));
    ck_assert_int_eq(scalar(p, "PRAGMA user_version"), zb_schema_version());
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM v_indicators"), 6);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM v_indicators WHERE metric_id = 'gdp' AND "
                               "sentence LIKE '%5.2%'"), 1);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                               "'粮食产量'"), 2);
    ck_assert_int_eq(scalar(p, "SELECT byte_length = length(body) AND CAST(body AS TEXT) LIKE "
                               "'某省政府工作报告%' FROM documents"), 1);
    ck_assert_int_eq(scalar(p, "SELECT name = 'body' FROM pragma_table_info('documents') "
                               "ORDER BY cid DESC LIMIT 1"), 1);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    fts_is_whole(p);
    /* the same bytes, extracted again: the old rows leave the index */
    sqlite3 *c;
    ck_assert_int_eq(sqlite3_open_v2(p, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(c, "SELECT body FROM documents", -1, &st, NULL);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    size_t n = (size_t)sqlite3_column_bytes(st, 0);
    char *body = malloc(n + 1);
    memcpy(body, sqlite3_column_blob(st, 0), n);
    sqlite3_finalize(st);
    sqlite3_close(c);
    zb_ingest_result r = ingest(db, body, n, 0);
    ck_assert(!r.inserted);
    ck_assert_int_eq(r.document_id, 1);
    ck_assert_uint_eq(r.indicators, 6);
    r = ingest(db, body, n, ZB_INGEST_REPLACE);
    ck_assert(r.inserted);
    ck_assert_int_eq(r.document_id, 2);
    zb_db_close(db);
    free(body);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH "
                               "'粮食产量'"), 2);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM indicators WHERE document_id = 2"), 6);
    fts_is_whole(p);
}
END_TEST

/* A list of thousands of figures in one sentence (分别增长1%、2%、…): its
 * windows are shared by its figures, so the database grows with the input
 * (each figure's own 480-byte window made it 198 times the input). */
START_TEST(a_long_list_makes_a_bounded_database) {
    zb_db *db = open_new("empty.db");
    zb_db_close(db);
    struct stat empty, full;
    ck_assert_int_eq(stat(path_of("empty.db", 0), &empty), 0);
    size_t cap = 64 << 10, n = 0;
    char *text = malloc(cap);
    n += (size_t)snprintf(text, cap, "一、2022年工作回顾\n\n全省各地生产总值分别增长");
    for (int i = 0; i < 5000 && n + 32 < cap; i++)
        n += (size_t)snprintf(text + n, cap - n, "%s%d.%d%%", i ? "、" : "", i % 97 + 1, i % 10);
    n += (size_t)snprintf(text + n, cap - n, "。\n");
    db = open_new("list.db");
    zb_ingest_result r = ingest(db, text, n, 0);
    ck_assert_uint_ge(r.indicators, 4000);
    zb_db_close(db);
    const char *p = path_of("list.db", 0);
    ck_assert_int_eq(stat(p, &full), 0);
    double ratio = (double)(full.st_size - empty.st_size) / (double)n;
    ck_assert_msg(ratio < 60, "the database grew %.0f times the input", ratio);
    /* windows of about four times ZB_WINDOW, each holding its figures */
    ck_assert_int_lt(scalar(p, "SELECT count(*) FROM sentences"), (long long)(n / 400));
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM indicators i JOIN sentences s ON s.id = "
                               "i.sentence_id WHERE instr(s.text, i.surface) = 0"), 0);
    fts_is_whole(p);
    free(text);
}
END_TEST

/* Does the plan of sql mention the index? */
static int plan_uses(const char *path, const char *sql, const char *index) {
    sqlite3 *c;
    sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL);
    char q[1024];
    snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(c, q, -1, &st, NULL), SQLITE_OK);
    int found = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        if (strstr((const char *)sqlite3_column_text(st, 3), index))
            found = 1;
    sqlite3_finalize(st);
    sqlite3_close(c);
    return found;
}

START_TEST(queries_use_the_indexes) {
    zb_db *db = open_new("plan.db");
    const char *p = path_of("plan.db", 0);
    ingest(db, sample, sample_len, 0);
    ingest(db, next_year, next_year_len, 0);
    zb_db_close(db);
    exec_sql(p, "ANALYZE");
    ck_assert(plan_uses(p, "SELECT * FROM v_target_vs_actual WHERE region = '吉林省'",
                        "documents_region_year"));
    ck_assert(plan_uses(p, "SELECT * FROM indicators WHERE metric_id = 'gdp' AND kind = "
                           "'target' AND year = 2022", "indicators_key"));
    ck_assert(plan_uses(p, "SELECT * FROM v_figures WHERE metric_id = 'gdp'", "indicators_key"));
    ck_assert(plan_uses(p, "SELECT * FROM indicators WHERE document_id = 2",
                        "sqlite_autoindex_indicators"));
    ck_assert(plan_uses(p, "SELECT * FROM indicators WHERE sentence_id = 5",
                        "indicators_sentence"));
    ck_assert(plan_uses(p, "SELECT id FROM documents WHERE sha256 = 'x'", "sqlite_autoindex_documents"));
}
END_TEST

START_TEST(a_zero_filter_matches_everything) {
    zb_db *db = open_new("zero.db");
    ingest(db, sample, sample_len, 0);
    ingest(db, next_year, next_year_len, 0);
    long long all = scalar(path_of("zero.db", 0), "SELECT count(*) FROM indicators");
    zb_filter zero;
    memset(&zero, 0, sizeof zero); /* version 0 too */
    const zb_filter *filters[] = {NULL, &zero};
    zb_filter current = zero;
    current.version = ZB_FILTER_VERSION;
    const zb_filter *more[] = {&current};
    for (int k = 0; k < 3; k++) {
        const zb_filter *f = k < 2 ? filters[k] : more[0];
        zb_rows *it;
        ck_assert_int_eq(zb_db_indicators(&it, db, f), ZB_OK);
        long long n = 0;
        while (zb_rows_next(it) == ZB_ROW)
            n++;
        ck_assert_int_eq(n, all);
        zb_rows_free(it);
    }
    /* version 1's meaning is kept: kind 0 is achieved, -1 any */
    zb_filter v1 = zero;
    v1.version = 1;
    v1.kinds = (unsigned)-1;
    v1.sectors = (unsigned)-1;
    zb_rows *it;
    ck_assert_int_eq(zb_db_indicators(&it, db, &v1), ZB_OK);
    long long n = 0;
    while (zb_rows_next(it) == ZB_ROW)
        n++;
    ck_assert_int_eq(n, all);
    zb_rows_free(it);
    v1.kinds = ZB_KIND_TARGET;
    ck_assert_int_eq(zb_db_indicators(&it, db, &v1), ZB_OK);
    while (zb_rows_next(it) == ZB_ROW)
        ck_assert_int_eq(zb_rows_indicator(it)->kind, ZB_KIND_TARGET);
    zb_rows_free(it);
    zb_db_close(db);
}
END_TEST

START_TEST(a_null_database_clears_out) {
    zb_rows *rows = (zb_rows *)&rows; /* not NULL: the call must clear it */
    ck_assert_int_eq(zb_db_indicators(&rows, NULL, NULL), ZB_EINVAL);
    ck_assert_ptr_null(rows);
    zb_comparisons *cmp = (zb_comparisons *)&cmp;
    ck_assert_int_eq(zb_db_compare(&cmp, NULL, NULL, 0, 0), ZB_EINVAL);
    ck_assert_ptr_null(cmp);
    zb_rows_free(rows); /* as the header's loop does */
    zb_comparisons_free(cmp);
}
END_TEST

START_TEST(views_show_the_top_of_a_range) {
    zb_db *db = open_new("range.db");
    const char *t = "二、2022年工作安排\n地区生产总值增长5%—6%,粮食产量稳定在800亿斤以上。\n";
    ingest(db, t, strlen(t), 0);
    const char *p = path_of("range.db", 0);
    ck_assert_int_eq(scalar(p, "SELECT count(*) FROM v_indicators WHERE metric_id = 'gdp' "
                               "AND value = 5 AND value_high = 6"), 1);
    zb_db_close(db);
}
END_TEST

START_TEST(iterators_filter) {
    zb_db *db = open_new("iter.db");
    ingest(db, sample, sample_len, 0);
    ingest(db, next_year, next_year_len, 0);
    zb_filter f = ZB_FILTER_INIT;
    f.metric_id = "grain_output";
    f.kinds = ZB_BIT(ZB_KIND_TARGET);
    zb_rows *it;
    ck_assert_int_eq(zb_db_indicators(&it, db, &f), ZB_OK);
    int n = 0, rc;
    while ((rc = zb_rows_next(it)) == ZB_ROW) {
        const zb_indicator *d = zb_rows_indicator(it);
        ck_assert_str_eq(d->metric_id, "grain_output");
        ck_assert_int_eq(d->kind, ZB_KIND_TARGET);
        ck_assert_str_eq(zb_rows_region(it), "吉林省");
        ck_assert_int_eq(d->year, zb_rows_report_year(it));
        n++;
    }
    ck_assert_int_eq(rc, ZB_DONE);
    ck_assert_int_eq(zb_rows_next(it), ZB_DONE);
    ck_assert_int_eq(n, 2);
    zb_rows_free(it);
    zb_filter g = ZB_FILTER_INIT;
    g.sectors = ZB_BIT(ZB_SECTOR_ECOLOGY);
    g.report_year = 2022;
    ck_assert_int_eq(zb_db_indicators(&it, db, &g), ZB_OK);
    n = 0;
    while (zb_rows_next(it) == ZB_ROW) {
        ck_assert_int_eq(zb_rows_indicator(it)->sector, ZB_SECTOR_ECOLOGY);
        n++;
    }
    ck_assert_int_gt(n, 3);
    zb_rows_free(it);
    g.version = 3;
    ck_assert_int_eq(zb_db_indicators(&it, db, &g), ZB_EINVAL);
    zb_rows_free(NULL);
    zb_comparisons_free(NULL);
    ck_assert_int_eq(zb_db_close(NULL), ZB_OK);
    zb_db_close(db);
}
END_TEST

START_TEST(a_locked_database_is_busy_then_clear) {
    zb_db *db = open_new("busy.db");
    const char *p = path_of("busy.db", 0);
    sqlite3 *other;
    sqlite3_open(p, &other);
    ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    ck_assert_int_eq(zb_db_busy_timeout(db, 200), ZB_OK);
    zb_ingest_result r;
    ck_assert_int_eq(zb_db_ingest(db, sample, sample_len, NULL, &r), ZB_EBUSY);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "locked"));
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    ck_assert_int_eq(zb_db_ingest(db, sample, sample_len, NULL, &r), ZB_OK);
    zb_db_close(db);
}
END_TEST

int main(void) {
    sample = tu_read_file(ZB_TEST_DATA "/jilin-2022-part2.txt", &sample_len);
    next_year = tu_read_file(ZB_TEST_DATA "/jilin-2023-pdf.txt", &next_year_len);
    if (!mkdtemp(dir))
        return 2;
    Suite *s = suite_create("store");
    TCase *t = tcase_create("store");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, fresh_database_has_the_schema);
    tcase_add_test(t, the_document_key_is_sha256);
    tcase_add_test(t, older_schema_is_upgraded);
    tcase_add_test(t, newer_foreign_and_broken_files_are_refused);
    tcase_add_test(t, read_only_file_and_handle);
    tcase_add_test(t, ingest_is_whole_and_idempotent);
    tcase_add_test(t, stored_rows_are_the_parse_rows_in_order);
    tcase_add_test(t, replace_extracts_again);
    tcase_add_test(t, a_failure_rolls_the_document_back);
    tcase_add_test(t, one_thread_or_two_store_the_same);
    tcase_add_test(t, ingest_each_stores_what_ingest_does);
    tcase_add_test(t, ingest_each_stops_when_told);
    tcase_add_test(t, ingest_a_file);
    tcase_add_test(t, bad_text_is_not_stored);
    tcase_add_test(t, regions_are_checked_and_kept_whole);
    tcase_add_test(t, ingest_file_is_bounded);
    tcase_add_test(t, read_only_handles_leave_no_files);
    tcase_add_test(t, comparisons_of_the_sample);
    tcase_add_test(t, two_years_answer_target_outcome);
    tcase_add_test(t, views_as_named_cells);
    tcase_add_test(t, full_text_search_finds_the_source);
    tcase_add_test(t, a_batch_is_one_transaction_of_whole_documents);
    tcase_add_test(t, version_6_is_upgraded_with_its_rows);
    tcase_add_test(t, a_database_of_the_previous_release_is_upgraded);
    tcase_add_test(t, a_long_list_makes_a_bounded_database);
    tcase_add_test(t, queries_use_the_indexes);
    tcase_add_test(t, iterators_filter);
    tcase_add_test(t, a_zero_filter_matches_everything);
    tcase_add_test(t, a_null_database_clears_out);
    tcase_add_test(t, views_show_the_top_of_a_range);
    tcase_add_test(t, a_locked_database_is_busy_then_clear);
    suite_add_tcase(s, t);
    int failed = tu_run(s);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    free(sample);
    free(next_year);
    return failed;
}
