/*
 * The store: are the file's schema objects the ones zhibiao makes? A file is
 * held to a pristine schema of its version, made in memory by running the
 * migrations up to it (and schema/views.sql) as a new file gets them, before
 * anything is written to it:
 *
 *   - each of zhibiao's tables, indexes and triggers must be there with the
 *     same SQL (one edited through writable_schema, or dropped, is refused);
 *   - a trigger on one of zhibiao's tables that zhibiao did not make is
 *     refused: it could delete or rewrite rows as they are stored;
 *   - zhibiao's views must be its own; a writer makes them anew (they hold no
 *     data), a reader refuses them;
 *   - anything else a user added (tables, views and indexes of their own,
 *     SQLite's sqlite_* tables) is left alone.
 */
#include <string.h>

#include "db.h"

/* The schema a new file gets up to `version`, in an in-memory database; the
 * views only at the current version (a migration makes them anew). */
static int pristine(zb_db *db, int version, sqlite3 **out) {
    *out = NULL;
    if (sqlite3_open_v2(":memory:", out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        sqlite3_close(*out);
        *out = NULL;
        return zb__err_set(&db->err, ZB_ENOMEM, "out of memory");
    }
    for (int v = 0; v < version; v++)
        if (sqlite3_exec(*out, zb__migrations[v], NULL, NULL, NULL) != SQLITE_OK)
            return zb__err_set(&db->err, ZB_EDB, "making the schema to compare with: "
                               "migration %03d: %s", v + 1, sqlite3_errmsg(*out));
    if (version == zb__migration_count &&
        sqlite3_exec(*out, zb__views_sql, NULL, NULL, NULL) != SQLITE_OK)
        return zb__err_set(&db->err, ZB_EDB, "making the schema to compare with: views: %s",
                           sqlite3_errmsg(*out));
    return ZB_OK;
}

static const char *text_of(sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

/* Does conn hold an object of this type and name, with this SQL? 1 the same,
 * 0 absent, -1 different; -2 on an error. */
static int lookup(sqlite3 *conn, const char *type, const char *name, const char *sql) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(conn, "SELECT sql FROM sqlite_schema WHERE type = ?1 AND name = ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return -2;
    sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int found = rc == SQLITE_ROW ? (strcmp(text_of(st, 0), sql) == 0 ? 1 : -1)
                : rc == SQLITE_DONE ? 0
                                    : -2;
    sqlite3_finalize(st);
    return found;
}

int zb__db_objects(zb_db *db, int version, int *views_differ) {
    *views_differ = 0;
    sqlite3 *want;
    int rc = pristine(db, version, &want);
    sqlite3_stmt *st = NULL;
    if (rc != ZB_OK)
        goto done;
    /* zhibiao's objects, as the file has them */
    if (sqlite3_prepare_v2(want, "SELECT type, name, coalesce(sql, '') FROM sqlite_schema "
                           "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
                           -1, &st, NULL) != SQLITE_OK) {
        rc = zb__err_set(&db->err, ZB_EDB, "listing the schema: %s", sqlite3_errmsg(want));
        goto done;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *type = text_of(st, 0), *name = text_of(st, 1);
        int same = lookup(db->conn, type, name, text_of(st, 2));
        if (same == -2) {
            rc = zb__db_fail(db, "reading the schema");
            goto done;
        }
        if (same == 1)
            continue;
        if (!strcmp(type, "view")) {
            *views_differ = 1;
            continue;
        }
        rc = zb__err_set(&db->err, ZB_ESCHEMA,
                         "%s: the %s %s is %s; zhibiao did not write this schema (was it "
                         "edited by hand?) — use a new file, or re-ingest into one",
                         db->path, type, name, same == 0 ? "missing" : "not as zhibiao made it");
        goto done;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE) {
        rc = zb__err_set(&db->err, ZB_EDB, "listing the schema: %s", sqlite3_errmsg(want));
        goto done;
    }
    /* triggers of the file's own on zhibiao's tables */
    if (sqlite3_prepare_v2(db->conn, "SELECT name, tbl_name FROM sqlite_schema "
                           "WHERE type = 'trigger' ORDER BY rowid", -1, &st, NULL) != SQLITE_OK) {
        rc = zb__db_fail(db, "reading the schema");
        goto done;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = text_of(st, 0), *table = text_of(st, 1);
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(want, "SELECT (SELECT count(*) FROM sqlite_schema WHERE "
                               "type = 'trigger' AND name = ?1), (SELECT count(*) FROM "
                               "sqlite_schema WHERE type IN ('table', 'view') AND name = ?2)",
                               -1, &q, NULL) != SQLITE_OK) {
            rc = zb__err_set(&db->err, ZB_EDB, "listing the schema: %s", sqlite3_errmsg(want));
            goto done;
        }
        sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, table, -1, SQLITE_STATIC);
        int foreign = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 0 &&
                      sqlite3_column_int(q, 1) > 0;
        sqlite3_finalize(q);
        if (foreign) {
            rc = zb__err_set(&db->err, ZB_ESCHEMA,
                             "%s: a trigger zhibiao did not make (%s, on %s) could change what "
                             "is stored; drop it first (DROP TRIGGER \"%s\")",
                             db->path, name, table, name);
            goto done;
        }
    }
    rc = rc == SQLITE_DONE ? ZB_OK : zb__db_fail(db, "reading the schema");
done:
    sqlite3_finalize(st);
    sqlite3_close(want);
    return rc;
}
