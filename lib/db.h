/* Private to the store: the zb_db handle (migrate.c, store.c, query.c, views.c). */
#ifndef ZB_DB_H
#define ZB_DB_H

#include <sqlite3.h>

#include "chars.h"
#include "error.h"
#include "mem.h"
#include "sha256.h"
#include "tables.h"

/* PRAGMA application_id of a zhibiao database: "zhib". */
#define ZB_APPLICATION_ID 0x7A686962

/* The statements of an ingest, prepared on the first one and kept on the
 * handle until it closes (preparing them per document cost 6 % of an ingest). */
typedef struct zb_ingest_stmts {
    sqlite3_stmt *find, *del, *doc, *section, *sentence, *indicator, *count, *fts_add, *fts_mark,
        *next_id, *savepoint, *release;
} zb_ingest_stmts;

struct zb_db {
    sqlite3 *conn;
    zb_err err;
    int readonly;
    int busy_ms;
    char path[512];
    char *region; /* of the last ingest, for zb_ingest_result (sqlite3_malloc) */
    char region_code[8];
    zb_ingest_stmts st;
    int prepared;   /* st holds statements */
    int batch;      /* between zb_db_begin() and zb_db_commit() */
    int batch_lost; /* SQLite rolled the batch back after an error */
    int fk_deferred; /* the batch's transaction defers foreign keys already */
    int sha_hw;      /* zb__sha256_hw(), asked once at open */
};

/* Finalize the ingest's statements (zb_db_close()). */
void zb__db_stmts_free(zb_db *db);

/* Set db->err from the connection's last error and return the zb status. */
int zb__db_fail(zb_db *db, const char *what);
/* Map an SQLite result code to a zb status. */
int zb__db_status(int rc);
/* The embedded tables (metrics, regions, unit conversions) written into the
 * file when its stamp differs (tables_db.c); nothing for a read-only handle. */
int zb__db_tables(zb_db *db, int in_transaction);
/* Hold the file's schema objects to those of a new file at `version`
 * (objects.c): ZB_ESCHEMA when one of zhibiao's tables, indexes or triggers is
 * missing or altered, or a foreign trigger sits on one of its tables;
 * *views_differ when its views are not zhibiao's. Code that changes the schema
 * does so in a migration (schema/NNN-*.sql), never at run time, or files it
 * touched are refused. */
int zb__db_objects(zb_db *db, int version, int *views_differ);
/* Run SQL without results; on failure set db->err ("what: message"). */
int zb__db_exec(zb_db *db, const char *sql, const char *what);

/* The code of the region a filter names (by full or short name or code:
 * 吉林, 吉林省 and 220000 are one), else "" (query.c): filters match
 * documents.region = the name OR documents.region_code = this. */
const char *zb__db_region_code(const char *given);

#endif
