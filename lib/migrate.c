/* The store, part 1: opening a database, its schema and its migrations.
 *
 * PRAGMA application_id marks the file as ours and PRAGMA user_version holds
 * the schema version. Opening an older file applies the missing migrations
 * (schema/NNN-*.sql, embedded) in one transaction; a newer one is refused, as is
 * a file that is not a database or belongs to another program. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "db.h"

int zb_schema_version(void) { return zb__migration_count; }

int zb__db_status(int rc) {
    switch (rc & 0xFF) {
    case SQLITE_OK: case SQLITE_DONE: case SQLITE_ROW: return ZB_OK;
    case SQLITE_NOMEM: return ZB_ENOMEM;
    case SQLITE_BUSY: case SQLITE_LOCKED: return ZB_EBUSY;
    case SQLITE_READONLY: return ZB_EREADONLY;
    case SQLITE_NOTADB: return ZB_ESCHEMA;
    case SQLITE_CANTOPEN: case SQLITE_IOERR: case SQLITE_FULL: return ZB_EIO;
    default: return ZB_EDB;
    }
}

int zb__db_fail(zb_db *db, const char *what) {
    int rc = db->conn ? sqlite3_extended_errcode(db->conn) : SQLITE_NOMEM;
    int status = zb__db_status(rc);
    const char *msg = db->conn ? sqlite3_errmsg(db->conn) : "out of memory";
    if (status == ZB_EBUSY)
        return zb__err_set(&db->err, status, "%s: %s: the database stayed locked by another "
                           "connection for %d ms", db->path, what, db->busy_ms);
    if (status == ZB_EREADONLY)
        return zb__err_set(&db->err, status, "%s: %s: the database is read-only (%s)", db->path,
                           what, msg);
    if ((rc & 0xFF) == SQLITE_CORRUPT || (rc & 0xFF) == SQLITE_NOTADB)
        return zb__err_set(&db->err, status, "%s: %s: the file is damaged (%s); restore it from "
                           "a copy or ingest the reports into a new database", db->path, what, msg);
    return zb__err_set(&db->err, status, "%s: %s: %s", db->path, what, msg);
}

int zb__db_exec(zb_db *db, const char *sql, const char *what) {
    if (sqlite3_exec(db->conn, sql, NULL, NULL, NULL) != SQLITE_OK)
        return zb__db_fail(db, what);
    return ZB_OK;
}

static int pragma_int(zb_db *db, const char *sql, int *value) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
        return zb__db_fail(db, "reading the schema");
    int rc = sqlite3_step(st);
    *value = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return zb__db_fail(db, "reading the schema");
    return ZB_OK;
}

/* Drop every view (they hold no data, and a migration may remake the tables
 * they read); schema/views.sql makes them again after the migrations. */
static int drop_views(zb_db *db) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, "SELECT name FROM sqlite_schema WHERE type = 'view'", -1,
                           &st, NULL) != SQLITE_OK)
        return zb__db_fail(db, "listing the views");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        char *drop = sqlite3_mprintf("DROP VIEW \"%w\"", (const char *)sqlite3_column_text(st, 0));
        if (!drop) {
            sqlite3_finalize(st);
            return zb__err_set(&db->err, ZB_ENOMEM, "out of memory");
        }
        int e = sqlite3_exec(db->conn, drop, NULL, NULL, NULL);
        sqlite3_free(drop);
        if (e != SQLITE_OK) {
            sqlite3_finalize(st);
            return zb__db_fail(db, "dropping a view");
        }
        /* the schema changed under the statement: start the listing again */
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return zb__db_fail(db, "listing the views");
    return ZB_OK;
}

/* Views hold no data: ones that are not zhibiao's are made anew. */
static int remake_views(zb_db *db) {
    int rc = zb__db_exec(db, "BEGIN IMMEDIATE", "making the views anew");
    if (!rc)
        rc = drop_views(db);
    if (!rc)
        rc = zb__db_exec(db, zb__views_sql, "making the views anew");
    if (!rc)
        rc = zb__db_exec(db, "COMMIT", "making the views anew");
    if (rc)
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* The rows of a migration whose foreign keys point nowhere: none, or the
 * upgrade fails. */
static int keys_hold(zb_db *db) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
        return zb__db_fail(db, "checking the schema upgrade");
    int rc = sqlite3_step(st);
    char table[64] = "";
    if (rc == SQLITE_ROW)
        snprintf(table, sizeof table, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return zb__err_set(&db->err, ZB_ESCHEMA, "%s: the schema upgrade would leave rows of "
                           "%s without their parent", db->path, table);
    return rc == SQLITE_DONE ? ZB_OK : zb__db_fail(db, "checking the schema upgrade");
}

/* Foreign keys are off while migrations run (a table that others refer to is
 * made anew by copying: with them on, dropping the old one would delete its
 * children), and checked before the commit. */
static int migrate(zb_db *db, int from) {
    int rc = zb__db_exec(db, "PRAGMA foreign_keys = OFF", "starting the schema upgrade");
    if (rc)
        return rc;
    rc = zb__db_exec(db, "BEGIN IMMEDIATE", "starting the schema upgrade");
    if (rc) {
        sqlite3_exec(db->conn, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
        return rc;
    }
    /* another connection may have migrated while we waited for the lock */
    int version;
    if ((rc = pragma_int(db, "PRAGMA user_version", &version)) != ZB_OK)
        goto fail;
    if ((rc = drop_views(db)) != ZB_OK)
        goto fail;
    for (int v = version > from ? version : from; v < zb__migration_count; v++) {
        char what[64];
        snprintf(what, sizeof what, "applying schema migration %03d", v + 1);
        if ((rc = zb__db_exec(db, zb__migrations[v], what)) != ZB_OK)
            goto fail;
    }
    if ((rc = zb__db_exec(db, zb__views_sql, "making the views")) != ZB_OK)
        goto fail;
    char set[96];
    snprintf(set, sizeof set, "PRAGMA application_id = %d; PRAGMA user_version = %d",
             ZB_APPLICATION_ID, zb__migration_count);
    if ((rc = zb__db_exec(db, set, "recording the schema version")) != ZB_OK)
        goto fail;
    if ((rc = zb__db_tables(db, 1)) != ZB_OK || (rc = keys_hold(db)) != ZB_OK)
        goto fail;
    if ((rc = zb__db_exec(db, "COMMIT", "committing the schema upgrade")) != ZB_OK)
        goto fail;
    return zb__db_exec(db, "PRAGMA foreign_keys = ON", "enabling foreign keys");
fail:
    sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_exec(db->conn, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return rc;
}

/* A damaged file (a flipped bit, a lost page) may still answer queries, and
 * writing into it spreads the damage: a writer checks it first. quick_check
 * reads every page once, checks NOT NULL and CHECK constraints, and skips
 * the costly index-against-table comparison; a reader is left to SQLite's
 * own checks, so that a damaged file can still be exported. */
static int quick_check(zb_db *db) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, "PRAGMA quick_check(1)", -1, &st, NULL) != SQLITE_OK)
        return zb__err_set(&db->err, ZB_ESCHEMA, "%s: the file is damaged: %s", db->path,
                           sqlite3_errmsg(db->conn));
    int rc = sqlite3_step(st);
    const char *said = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    int status = ZB_OK;
    if (rc != SQLITE_ROW || !said || strcmp(said, "ok") != 0) {
        status = zb__db_status(rc == SQLITE_ROW ? SQLITE_CORRUPT : rc);
        if (status == ZB_EDB || status == ZB_OK)
            status = ZB_ESCHEMA;
        /* quick_check's report may span lines: one line of message */
        char what[256];
        snprintf(what, sizeof what, "%s", said ? said : sqlite3_errmsg(db->conn));
        for (char *p = what; *p; p++)
            if (*p == '\n')
                *p = ' ';
        if (status == ZB_ESCHEMA)
            zb__err_set(&db->err, status, "%s: the file is damaged (PRAGMA quick_check: %s); "
                        "nothing was written to it — restore it from a copy, or recover it "
                        "with sqlite3's .recover", db->path, what);
        else
            zb__db_fail(db, "checking the file");
    }
    sqlite3_finalize(st);
    return status;
}

static int check_schema(zb_db *db) {
    int app, version, tables, rc;
    if ((rc = pragma_int(db, "PRAGMA application_id", &app)) != ZB_OK) {
        if (rc == ZB_ESCHEMA)
            return zb__err_set(&db->err, ZB_ESCHEMA, "%s: not a database (%s)", db->path,
                               sqlite3_errmsg(db->conn));
        return rc;
    }
    if ((rc = pragma_int(db, "PRAGMA user_version", &version)) != ZB_OK ||
        (rc = pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables)) != ZB_OK)
        return rc;
    if (app != 0 && app != ZB_APPLICATION_ID)
        return zb__err_set(&db->err, ZB_ESCHEMA,
                           "%s: an SQLite database of another program (application_id %d), not "
                           "a zhibiao database", db->path, app);
    if (app == 0 && tables > 0)
        return zb__err_set(&db->err, ZB_ESCHEMA,
                           "%s: an SQLite database with %d schema objects that are not "
                           "zhibiao's; use a new file", db->path, tables);
    if (version < 0)
        return zb__err_set(&db->err, ZB_ESCHEMA,
                           "%s: schema version %d is not one zhibiao writes (PRAGMA "
                           "user_version was changed by hand or the file is damaged)",
                           db->path, version);
    if (version > zb__migration_count)
        return zb__err_set(&db->err, ZB_ESCHEMA,
                           "%s: schema version %d was written by a newer zhibiao (this one "
                           "knows up to %d); upgrade zhibiao to use it", db->path, version,
                           zb__migration_count);
    if (!db->readonly && tables > 0 && (rc = quick_check(db)) != ZB_OK)
        return rc;
    if (version < zb__migration_count && db->readonly)
        return zb__err_set(&db->err, ZB_ESCHEMA,
                           "%s: schema version %d needs an upgrade to %d; open it once "
                           "for writing", db->path, version, zb__migration_count);
    /* before anything is written: a foreign trigger would act on it */
    int views_differ = 0;
    if (tables > 0 && (rc = zb__db_objects(db, version, &views_differ)) != ZB_OK)
        return rc;
    if (version < zb__migration_count)
        return migrate(db, version);
    if (views_differ && db->readonly)
        return zb__err_set(&db->err, ZB_ESCHEMA,
                           "%s: its views are not the ones zhibiao makes (edited by hand?); "
                           "open it once for writing to make them anew", db->path);
    if (views_differ && (rc = remake_views(db)) != ZB_OK)
        return rc;
    return zb__db_tables(db, 0);
}

/* file:PATH?mode=ro[&immutable=1], PATH with the bytes a URI gives meaning to
 * escaped; "file:///abs" for an absolute path ("file://x" would name a host). */
static char *readonly_uri(const char *path, int immutable) {
    sqlite3_str *s = sqlite3_str_new(NULL);
    sqlite3_str_appendall(s, path[0] == '/' ? "file://" : "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        if (*p == '?' || *p == '#' || *p == '%' || *p < 0x20)
            sqlite3_str_appendf(s, "%%%02X", *p);
        else
            sqlite3_str_appendchar(s, 1, (char)*p);
    sqlite3_str_appendall(s, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
    return sqlite3_str_finish(s);
}

static int exists(const char *path, const char *suffix) {
    char *name = sqlite3_mprintf("%s%s", path, suffix);
    struct stat st;
    int yes = name && stat(name, &st) == 0;
    sqlite3_free(name);
    return yes;
}

/* A reader of a WAL database makes the -shm and -wal files and, unable to
 * delete them, leaves them behind; in a directory it may not write it cannot
 * read at all. With no -wal (nor -journal) the file holds every commit, so it
 * is read as immutable: no lock, no side file. With one, mode=ro takes the
 * locks and reads it, unless its -shm cannot be made: immutable then too. */
static int open_readonly(zb_db *db, const char *path) {
    int immutable = !exists(path, "-wal") && !exists(path, "-journal");
    for (;;) {
        char *uri = readonly_uri(path, immutable);
        if (!uri)
            return SQLITE_NOMEM;
        int rc = sqlite3_open_v2(uri, &db->conn,
                                 SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
        sqlite3_free(uri);
        if (rc != SQLITE_OK || immutable)
            return rc;
        /* the -shm is opened on the first read */
        rc = sqlite3_exec(db->conn, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) &
             0xFF;
        if (rc != SQLITE_CANTOPEN && rc != SQLITE_READONLY && rc != SQLITE_IOERR)
            return SQLITE_OK; /* anything else is check_schema()'s to tell */
        sqlite3_close(db->conn);
        db->conn = NULL;
        immutable = 1;
    }
}

int zb_db_open(zb_db **out, const char *path, unsigned int flags) {
    if (!out)
        return ZB_EINVAL;
    zb_db *db = sqlite3_malloc(sizeof *db);
    *out = db;
    if (!db)
        return ZB_ENOMEM;
    memset(db, 0, sizeof *db);
    if (!path || !*path)
        return zb__err_set(&db->err, ZB_EINVAL, "no database path given");
    snprintf(db->path, sizeof db->path, "%s", path);
    db->readonly = (flags & ZB_DB_READONLY) != 0;
    db->sha_hw = zb__sha256_hw();
    struct stat st;
    if (db->readonly && stat(path, &st) != 0)
        return zb__err_set(&db->err, ZB_EIO, "%s: cannot open: %s", path, strerror(errno));
    /* NOMUTEX: a handle is used by one thread at a time (zhibiao.h; the parse
     * thread of an ingest never touches SQLite), so SQLite need not lock the
     * connection on every call (a bind, a step) */
    int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                 ((flags & ZB_DB_NOCREATE) ? 0 : SQLITE_OPEN_CREATE);
    int rc = db->readonly ? open_readonly(db, path) : sqlite3_open_v2(path, &db->conn, oflags, NULL);
    if (rc != SQLITE_OK) {
        int status = zb__db_status(rc);
        return zb__err_set(&db->err, status == ZB_EDB ? ZB_EIO : status, "%s: cannot open: %s",
                           path, db->conn ? sqlite3_errmsg(db->conn) : sqlite3_errstr(rc));
    }
    sqlite3_extended_result_codes(db->conn, 1);
    db->busy_ms = 5000;
    sqlite3_busy_timeout(db->conn, db->busy_ms);
    if (!db->readonly && sqlite3_db_readonly(db->conn, "main") == 1)
        return zb__err_set(&db->err, ZB_EREADONLY,
                           "%s: the file is read-only; open it for reading only, or make it "
                           "writable", path);
    if ((rc = zb__db_exec(db, "PRAGMA foreign_keys = ON", "enabling foreign keys")) != ZB_OK)
        return rc;
    if ((rc = check_schema(db)) != ZB_OK)
        return rc;
    /* WAL with synchronous=NORMAL: a crash or power loss can lose the last
     * commits but never corrupts the file, and a commit costs no fsync. */
    if (!db->readonly &&
        (rc = zb__db_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL",
                          "switching to WAL")) != ZB_OK)
        return rc;
    /* the hot pages of the indexes stay in memory while ingesting; 8 MB (not
     * 16) keeps an ingest within its input + 32 MB and measured as fast */
    if ((rc = zb__db_exec(db, "PRAGMA cache_size = -8192", "sizing the page cache")) != ZB_OK)
        return rc;
    db->err.code = ZB_OK;
    return ZB_OK;
}

int zb_db_busy_timeout(zb_db *db, int milliseconds) {
    if (!db || !db->conn || milliseconds < 0)
        return ZB_EINVAL;
    db->busy_ms = milliseconds;
    sqlite3_busy_timeout(db->conn, milliseconds);
    return ZB_OK;
}

int zb_db_close(zb_db *db) {
    if (!db)
        return ZB_OK;
    zb__db_stmts_free(db);
    if (db->batch && !db->batch_lost) /* never committed: the documents of the batch are not kept */
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
    int rc = sqlite3_close_v2(db->conn); /* waits for iterators still open */
    sqlite3_free(db->region);
    sqlite3_free(db);
    return rc == SQLITE_OK ? ZB_OK : ZB_EDB;
}

const char *zb_db_errmsg(const zb_db *db) {
    return db ? zb__err_msg(&db->err) : zb_strerror(ZB_ENOMEM);
}
