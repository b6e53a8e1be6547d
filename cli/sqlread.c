/* Reading a zhibiao database: through the library, and with plain SQL for the
 * commands that need it (stats, dashboard), opened by the same rule as
 * zb_db_open(ZB_DB_READONLY). */
#include <sqlite3.h>
#include <sys/stat.h>

#include "cli.h"
#include "zhibiao.h"

int zb_cli_open_db(zb_db **db, const char *cmd, const char *path) {
    *db = NULL;
    if (!path)
        return zb_cli_error("%s: which database? give --db FILE", cmd), 2;
    if (zb_db_open(db, path, ZB_DB_READONLY) != ZB_OK) {
        zb_cli_error("%s", zb_db_errmsg(*db));
        zb_db_close(*db);
        *db = NULL;
        return 1;
    }
    return 0;
}

static int exists(const char *path, const char *suffix) {
    char *name = sqlite3_mprintf("%s%s", path, suffix);
    struct stat st;
    int yes = name && stat(name, &st) == 0;
    sqlite3_free(name);
    return yes;
}

/* Immutable (no lock, no -shm or -wal made) unless a -wal holds commits, or
 * when the -shm cannot be made; the URI escapes what would mean something in it. */
int zb_cli_open_sql(sqlite3 **conn, const char *path) {
    int immutable = !exists(path, "-wal") && !exists(path, "-journal");
    for (;;) {
        sqlite3_str *s = sqlite3_str_new(NULL);
        sqlite3_str_appendall(s, path[0] == '/' ? "file://" : "file:");
        for (const unsigned char *p = (const unsigned char *)path; *p; p++)
            if (*p == '?' || *p == '#' || *p == '%' || *p < 0x20)
                sqlite3_str_appendf(s, "%%%02X", *p);
            else
                sqlite3_str_appendchar(s, 1, (char)*p);
        sqlite3_str_appendall(s, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
        char *uri = sqlite3_str_finish(s);
        if (!uri)
            return SQLITE_NOMEM;
        int rc = sqlite3_open_v2(uri, conn, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
        sqlite3_free(uri);
        if (rc != SQLITE_OK || immutable)
            return rc;
        rc = sqlite3_exec(*conn, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) & 0xFF;
        if (rc != SQLITE_CANTOPEN && rc != SQLITE_READONLY && rc != SQLITE_IOERR)
            return SQLITE_OK;
        sqlite3_close(*conn);
        *conn = NULL;
        immutable = 1;
    }
}
