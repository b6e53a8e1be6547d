/*
 * The store: the tables embedded in the library (the metric catalog, the
 * regions, the unit conversions) written into a database, so that SQL users
 * join against them. A stamp of the embedded data (zhibiao_meta.tables) says
 * whether the file holds them already; a writable open writes them when it does
 * not, in one transaction.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"

static const char *const level_names[] = {"national", "province", "prefecture", "county"};

/* FNV-1a over every field the library writes, with separators. */
static void fnv(uint64_t *h, const char *s) {
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
        *h = (*h ^ *p) * 1099511628211u;
    *h = (*h ^ 0x1F) * 1099511628211u;
}

static void stamp(char out[24]) {
    uint64_t h = 14695981039346656037u;
    char num[32];
    for (size_t i = 0; i < zb__metric_count; i++) {
        const zb_metric_row *m = &zb__metric_rows[i];
        fnv(&h, m->id), fnv(&h, m->name), fnv(&h, m->name_en), fnv(&h, m->unit);
        fnv(&h, m->aliases), fnv(&h, zb_sector_name((zb_sector)m->sector));
        fnv(&h, m->lower_is_better ? "down" : "up");
    }
    for (size_t i = 0; i < zb__region_count; i++) {
        const zb_region_row *r = &zb__region_rows[i];
        fnv(&h, r->code), fnv(&h, r->name), fnv(&h, r->short_names), fnv(&h, r->name_en);
        fnv(&h, level_names[r->level]);
        fnv(&h, r->parent >= 0 ? zb__region_rows[r->parent].code : "");
    }
    for (size_t i = 0; i < zb__unit_conversion_count; i++) {
        const zb_unit_conversion *u = &zb__unit_conversions[i];
        snprintf(num, sizeof num, "%.17g", u->factor);
        fnv(&h, u->from), fnv(&h, u->to), fnv(&h, num);
    }
    snprintf(out, 24, "%016llx", (unsigned long long)h);
}

static int run_each(zb_db *db, const char *sql, size_t n,
                    void (*bind)(sqlite3_stmt *st, size_t i), const char *what) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
        return zb__db_fail(db, what);
    for (size_t i = 0; i < n; i++) {
        bind(st, i);
        if (sqlite3_step(st) != SQLITE_DONE) {
            sqlite3_finalize(st);
            return zb__db_fail(db, what);
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return ZB_OK;
}

static void text(sqlite3_stmt *st, int i, const char *s) {
    sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_STATIC);
}

static void bind_metric(sqlite3_stmt *st, size_t i) {
    const zb_metric_row *m = &zb__metric_rows[i];
    text(st, 1, m->id), text(st, 2, m->name), text(st, 3, zb_sector_name((zb_sector)m->sector));
    text(st, 4, m->lower_is_better ? "down" : "up"), text(st, 5, m->aliases);
    text(st, 6, m->name_en), text(st, 7, m->unit);
}

static void bind_region(sqlite3_stmt *st, size_t i) {
    const zb_region_row *r = &zb__region_rows[i];
    text(st, 1, r->code), text(st, 2, level_names[r->level]);
    if (r->parent >= 0)
        text(st, 3, zb__region_rows[r->parent].code);
    else
        sqlite3_bind_null(st, 3);
    text(st, 4, r->name), text(st, 5, r->short_names), text(st, 6, r->name_en);
}

static void bind_conversion(sqlite3_stmt *st, size_t i) {
    const zb_unit_conversion *u = &zb__unit_conversions[i];
    text(st, 1, u->from), text(st, 2, u->to);
    sqlite3_bind_double(st, 3, u->factor);
}

/* Write the tables (in the caller's transaction). Metrics are upserted, never
 * deleted: stored indicators may point at an id a newer catalog dropped. */
static int write_tables(zb_db *db, const char *new_stamp) {
    int rc;
    if ((rc = run_each(db,
                       "INSERT INTO metrics(id, name, sector, better, aliases, name_en, unit) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET "
                       "name = excluded.name, sector = excluded.sector, better = excluded.better, "
                       "aliases = excluded.aliases, name_en = excluded.name_en, unit = excluded.unit",
                       zb__metric_count, bind_metric, "writing the metric catalog")) ||
        (rc = zb__db_exec(db, "DELETE FROM regions; DELETE FROM unit_conversions",
                          "writing the regions")) ||
        (rc = run_each(db,
                       "INSERT INTO regions(code, level, parent_code, name, short_names, name_en) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                       zb__region_count, bind_region, "writing the regions")) ||
        (rc = run_each(db, "INSERT INTO unit_conversions(from_unit, to_unit, factor) VALUES (?1, ?2, ?3)",
                       zb__unit_conversion_count, bind_conversion, "writing the unit conversions")))
        return rc;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn,
                           "INSERT INTO zhibiao_meta(name, value) VALUES ('tables', ?1) "
                           "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                           -1, &st, NULL) != SQLITE_OK)
        return zb__db_fail(db, "stamping the tables");
    text(st, 1, new_stamp);
    rc = sqlite3_step(st) == SQLITE_DONE ? ZB_OK : zb__db_fail(db, "stamping the tables");
    sqlite3_finalize(st);
    return rc;
}

int zb__db_tables(zb_db *db, int in_transaction) {
    char want[24];
    stamp(want);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, "SELECT value FROM zhibiao_meta WHERE name = 'tables'", -1,
                           &st, NULL) != SQLITE_OK)
        return zb__db_fail(db, "reading the tables' stamp");
    int found = sqlite3_step(st) == SQLITE_ROW;
    const unsigned char *have = found ? sqlite3_column_text(st, 0) : NULL;
    int current = have && !strcmp((const char *)have, want);
    sqlite3_finalize(st);
    if (current || db->readonly)
        return ZB_OK;
    if (in_transaction)
        return write_tables(db, want);
    int rc = zb__db_exec(db, "BEGIN IMMEDIATE", "writing the tables");
    if (!rc)
        rc = write_tables(db, want);
    if (!rc)
        rc = zb__db_exec(db, "COMMIT", "writing the tables");
    if (rc)
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}
