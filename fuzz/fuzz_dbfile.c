/* libFuzzer target: database files zhibiao did not write. Each input spoils a
 * copy of a good database, which is then opened for reading and for writing
 * (quick_check, versions, migrations, tables), read through every query and
 * ingested into.
 *
 * An input is a recipe against a template the target makes once per process
 * (a short report ingested by this library into a fresh file, closed so that
 * the file is whole; the same bytes on every run, so an input reproduces from
 * its file alone):
 *   byte 0 even: the rest is SQL run on the copy by a raw connection with
 *                writable_schema and ignore_check_constraints on — the edits
 *                of a hostile or careless user (a NULL metrics.name, unknown
 *                enum values, a dropped view, a changed user_version);
 *   byte 0 odd:  the rest are 4-byte records, a 24-bit offset and a byte to
 *                XOR there — damage.
 * The SQL runs under an authorizer that refuses ATTACH (and so VACUUM INTO)
 * and a progress handler that stops it after a bounded number of steps, so
 * that no input writes outside the work directory or runs without end.
 *
 * Invariants: no crash, no leak; every failure has a message; a reader and a
 * writer agree on whether the rows can be read; an ingest that succeeded can be
 * read back. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_check.h"
#include "zhibiao.h"

static const char sample[] =
    "广东省2021年政府工作报告\n一、2020年工作回顾\n全省地区生产总值增长2.3%，粮食产量达到1267.6万吨。\n"
    "二、2021年主要目标\n地区生产总值增长6%以上，城镇调查失业率控制在5.5%以内。\n";
static const char other[] = "吉林省2022年政府工作报告\n地区生产总值增长6%左右，粮食产量稳定在800亿斤以上。\n";

/* the work directory and the template's bytes: made once, kept for the process */
static char dir[64];
static char work[96];
static unsigned char *template_db;
static size_t template_len;

static void remove_files(void) {
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char path[128];
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        snprintf(path, sizeof path, "%s%s", work, suffix[i]);
        unlink(path);
    }
}

static void cleanup(void) {
    remove_files();
    rmdir(dir);
    free(template_db);
}

static void make_template(void) {
    /* in memory where there is a tmpfs: every close of a WAL file syncs it */
    snprintf(dir, sizeof dir, "/dev/shm/zb-fuzz-dbfile-XXXXXX");
    if (!mkdtemp(dir)) {
        snprintf(dir, sizeof dir, "/tmp/zb-fuzz-dbfile-XXXXXX");
        CHECK(mkdtemp(dir) != NULL);
    }
    snprintf(work, sizeof work, "%s/work.db", dir);
    atexit(cleanup);
    zb_db *db = NULL;
    CHECK(zb_db_open(&db, work, 0) == ZB_OK);
    zb_ingest_result r;
    CHECK(zb_db_ingest(db, sample, strlen(sample), NULL, &r) == ZB_OK);
    CHECK(zb_db_close(db) == ZB_OK); /* the last connection folds the WAL in */
    FILE *f = fopen(work, "rb");
    CHECK(f != NULL);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    CHECK(n > 0);
    rewind(f);
    template_len = (size_t)n;
    template_db = malloc(template_len);
    CHECK(template_db && fread(template_db, 1, template_len, f) == template_len);
    fclose(f);
}

static int deny_attach(void *ctx, int action, const char *a, const char *b, const char *c,
                       const char *d) {
    (void)ctx, (void)a, (void)b, (void)c, (void)d;
    return action == SQLITE_ATTACH || action == SQLITE_DETACH ? SQLITE_DENY : SQLITE_OK;
}

static int stop_after(void *ctx) { return ++*(int *)ctx > 2000; }

static void spoil_by_sql(const uint8_t *sql, size_t n) {
    sqlite3 *conn = NULL;
    CHECK(sqlite3_open_v2(work, &conn, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK);
    sqlite3_limit(conn, SQLITE_LIMIT_LENGTH, 1 << 20);
    sqlite3_exec(conn, "PRAGMA writable_schema = ON; PRAGMA ignore_check_constraints = ON",
                 NULL, NULL, NULL);
    sqlite3_set_authorizer(conn, deny_attach, NULL);
    int steps = 0;
    sqlite3_progress_handler(conn, 1000, stop_after, &steps);
    char *text = malloc(n + 1);
    CHECK(text != NULL);
    memcpy(text, sql, n);
    text[n] = 0;
    sqlite3_exec(conn, text, NULL, NULL, NULL); /* errors are part of the game */
    free(text);
    sqlite3_close(conn);
}

static void spoil_by_bytes(const uint8_t *rec, size_t n) {
    FILE *f = fopen(work, "r+b");
    CHECK(f != NULL);
    for (size_t i = 0; i + 4 <= n; i += 4) {
        size_t at = ((size_t)rec[i] << 16 | (size_t)rec[i + 1] << 8 | rec[i + 2]) % template_len;
        fseek(f, (long)at, SEEK_SET);
        int c = fgetc(f);
        fseek(f, (long)at, SEEK_SET);
        fputc((c == EOF ? 0 : c) ^ rec[i + 3], f);
    }
    fclose(f);
}

/* Read every row and every comparison; ZB_OK when all of it could be read. */
static int read_all(zb_db *db) {
    zb_rows *it = NULL;
    zb_filter filter = ZB_FILTER_INIT;
    int rc = zb_db_indicators(&it, db, &filter);
    while (rc == ZB_OK && (rc = zb_rows_next(it)) == ZB_ROW) {
        const zb_indicator *ind = zb_rows_indicator(it);
        CHECK(ind && ind->surface && ind->unit && ind->metric && ind->metric_id &&
              ind->sentence && ind->section && zb_rows_region(it));
        rc = ZB_OK;
    }
    zb_rows_free(it);
    if (rc != ZB_OK && rc != ZB_DONE) {
        CHECK(*zb_db_errmsg(db));
        return rc;
    }
    zb_comparisons *cmp = NULL;
    rc = zb_db_compare(&cmp, db, NULL, 0, 0);
    while (rc == ZB_OK && (rc = zb_comparisons_next(cmp)) == ZB_ROW) {
        const zb_comparison *c = zb_comparisons_get(cmp);
        CHECK(c && c->region && c->metric_id && c->metric && c->status && c->actual_unit &&
              c->target_unit);
        rc = ZB_OK;
    }
    zb_comparisons_free(cmp);
    if (rc != ZB_OK && rc != ZB_DONE) {
        CHECK(*zb_db_errmsg(db));
        return rc;
    }
    return ZB_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!template_db)
        make_template();
    if (size < 1)
        return 0;
    remove_files();
    FILE *f = fopen(work, "wb");
    CHECK(f && fwrite(template_db, 1, template_len, f) == template_len);
    fclose(f);
    if (data[0] % 2 == 0)
        spoil_by_sql(data + 1, size - 1);
    else
        spoil_by_bytes(data + 1, size - 1);

    zb_db *db = NULL;
    int ro = zb_db_open(&db, work, ZB_DB_READONLY);
    if (ro != ZB_OK)
        CHECK(*zb_db_errmsg(db));
    else
        read_all(db);
    zb_db_close(db);

    db = NULL;
    int rw = zb_db_open(&db, work, 0);
    if (rw != ZB_OK) {
        CHECK(*zb_db_errmsg(db));
        zb_db_close(db);
        return 0;
    }
    int readable = read_all(db) == ZB_OK;
    zb_ingest_result r;
    int in = zb_db_ingest(db, other, strlen(other), NULL, &r);
    if (in != ZB_OK) {
        CHECK(*zb_db_errmsg(db));
    } else if (readable) {
        /* what was just stored reads back */
        zb_rows *it = NULL;
        zb_filter filter = ZB_FILTER_INIT;
        filter.document_id = r.document_id;
        CHECK(zb_db_indicators(&it, db, &filter) == ZB_OK);
        size_t n = 0;
        int rc;
        while ((rc = zb_rows_next(it)) == ZB_ROW)
            n++;
        if (rc != ZB_DONE)
            CHECK(*zb_db_errmsg(db));
        else if (r.inserted)
            CHECK(n == r.indicators);
        zb_rows_free(it);
    }
    zb_db_close(db);
    return 0;
}
