/* The store, part 3: iterators over stored indicators and over comparisons of
 * results with next year's targets (view v_target_vs_actual). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "fields.h"
#include "region.h"

static const char *text_col(sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

/* One row of an iterator's statement: ZB_ROW, then ZB_DONE for good (SQLite
 * would start the statement over if stepped after its end), or an error. */
static int step(zb_db *db, sqlite3_stmt *st, int *done, const char *what) {
    if (*done)
        return ZB_DONE;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return ZB_ROW;
    if (rc == SQLITE_DONE) {
        *done = 1;
        return ZB_DONE;
    }
    return zb__db_fail(db, what);
}

/* A region a filter names: the code of a region of the table (by full or short
 * name or code), so 吉林, 吉林省 and 220000 find the same documents; else the
 * name as stored verbatim. */
const char *zb__db_region_code(const char *given) {
    const zb_region_row *row;
    char why[8];
    return given && zb__region_find(given, &row, why, sizeof why) == ZB_OK ? row->code : "";
}

/* ---- indicators ---- */

/* Columns of the indicator query after the contract's fields. */
#define ROW_REGION ((int)zb__field_count)
#define ROW_REPORT_YEAR (ROW_REGION + 1)
#define ROW_DOCUMENT (ROW_REGION + 2)
#define ROW_ORDINAL (ROW_REGION + 3)

struct zb_rows {
    zb_db *db;
    sqlite3_stmt *st;
    zb_indicator ind;
    int done;
};

/* " AND col IN ('a', 'b')" for the values whose bit is set in mask (names are
 * the library's own words, never the caller's: no parameter needed). */
static int in_names(char *sql, size_t size, const char *col, unsigned mask, const zb_names *t) {
    int n = snprintf(sql, size, " AND %s IN (", col), first = 1;
    for (int v = 0; v < t->count && v < 32; v++)
        if (mask & (1u << v)) {
            n += snprintf(sql + n, size - (size_t)n, "%s'%s'", first ? "" : ", ", t->name[v]);
            first = 0;
        }
    if (first) /* no known value asked for: nothing matches */
        n += snprintf(sql + n, size - (size_t)n, "NULL");
    return n + snprintf(sql + n, size - (size_t)n, ")");
}

int zb_db_indicators(zb_rows **out, zb_db *db, const zb_filter *f) {
    if (!out)
        return ZB_EINVAL;
    *out = NULL;
    if (!db)
        return ZB_EINVAL;
    zb_filter any = ZB_FILTER_INIT;
    if (f && f->version > ZB_FILTER_VERSION)
        return zb__err_set(&db->err, ZB_EINVAL, "unknown zb_filter version %u", f->version);
    if (f && f->version == 1) {
        /* version 1 had kind and sector as one value, -1 for any */
        any = *f;
        int kind = (int)f->kinds, sector = (int)f->sectors;
        any.kinds = kind < 0 ? 0 : kind < 32 ? 1u << kind : ~0u;
        any.sectors = sector < 0 ? 0 : sector < 32 ? 1u << sector : ~0u;
        f = &any;
    }
    if (!f)
        f = &any;
    char sql[3000];
    /* the contract's fields (fields.h), then the document's; only the filters
     * given become conditions, so the indexes can serve them */
    int n = snprintf(sql, sizeof sql, "SELECT ");
    for (size_t i = 0; i < zb__field_count; i++) {
        const zb_field *fd = &zb__fields[i];
        n += snprintf(sql + n, sizeof sql - (size_t)n, "%s%s%s", zb__field_stored(fd) ? "i." : "",
                      zb__field_stored(fd) ? fd->name : fd->sql, ", ");
    }
    n += snprintf(sql + n, sizeof sql - (size_t)n, "%s",
                  "d.region, d.report_year, i.document_id, i.ordinal "
                  "FROM indicators i JOIN documents d ON d.id = i.document_id "
                  "JOIN sentences se ON se.id = i.sentence_id "
                  "LEFT JOIN sections s ON s.id = i.section_id WHERE 1");
    if (f->region)
        n += snprintf(sql + n, sizeof sql - (size_t)n,
                      " AND (d.region = ?1 OR d.region_code = ?6)");
    if (f->year)
        n += snprintf(sql + n, sizeof sql - (size_t)n, " AND i.year = ?2");
    if (f->report_year)
        n += snprintf(sql + n, sizeof sql - (size_t)n, " AND d.report_year = ?3");
    if (f->kinds)
        n += in_names(sql + n, sizeof sql - (size_t)n, "i.kind", f->kinds, &zb__kind_names);
    if (f->sectors)
        n += in_names(sql + n, sizeof sql - (size_t)n, "i.sector", f->sectors, &zb__sector_names);
    if (f->metric_id)
        n += snprintf(sql + n, sizeof sql - (size_t)n, " AND i.metric_id = ?4");
    if (f->document_id)
        n += snprintf(sql + n, sizeof sql - (size_t)n, " AND i.document_id = ?5");
    snprintf(sql + n, sizeof sql - (size_t)n, " ORDER BY i.document_id, i.ordinal");
    zb_rows *it = sqlite3_malloc(sizeof *it);
    if (!it)
        return zb__err_set(&db->err, ZB_ENOMEM, "out of memory");
    memset(it, 0, sizeof *it);
    it->db = db;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &it->st, NULL) != SQLITE_OK) {
        int rc = zb__db_fail(db, "querying indicators");
        sqlite3_free(it);
        return rc;
    }
    if (f->region) {
        sqlite3_bind_text(it->st, 1, f->region, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(it->st, 6, zb__db_region_code(f->region), -1, SQLITE_STATIC);
    }
    sqlite3_bind_int(it->st, 2, f->year);
    sqlite3_bind_int(it->st, 3, f->report_year);
    if (f->metric_id)
        sqlite3_bind_text(it->st, 4, f->metric_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(it->st, 5, f->document_id);
    *out = it;
    return ZB_OK;
}

int zb_rows_next(zb_rows *it) {
    if (!it)
        return ZB_EINVAL;
    int rc = step(it->db, it->st, &it->done, "reading indicators");
    if (rc != ZB_ROW)
        return rc;
    sqlite3_stmt *st = it->st;
    zb_indicator *d = &it->ind;
    for (size_t i = 0; i < zb__field_count; i++) {
        const zb_field *f = &zb__fields[i];
        int col = (int)i, null = sqlite3_column_type(st, col) == SQLITE_NULL;
        switch (f->type) {
        case ZB_FT_BOOL:
            /* 0 or 1, as the CHECK says; 'zz' or 7 was not written by zhibiao */
            if (!null && (sqlite3_column_type(st, col) != SQLITE_INTEGER ||
                          (uint64_t)sqlite3_column_int64(st, col) > 1))
                return zb__err_set(&it->db->err, ZB_ESCHEMA,
                                   "%s: indicator %lld of document %lld has the %s '%s', which "
                                   "zhibiao never writes (0 or 1)", it->db->path,
                                   (long long)sqlite3_column_int64(st, ROW_ORDINAL),
                                   (long long)sqlite3_column_int64(st, ROW_DOCUMENT), f->name,
                                   text_col(st, col));
            zb__field_set_int(f, d, null ? 0 : sqlite3_column_int64(st, col));
            break;
        case ZB_FT_SIZE:
        case ZB_FT_YEAR: zb__field_set_int(f, d, null ? 0 : sqlite3_column_int64(st, col)); break;
        case ZB_FT_OTEXT: zb__field_set_text(f, d, null ? NULL : text_col(st, col)); break;
        case ZB_FT_REAL: zb__field_set_real(f, d, null ? NAN : sqlite3_column_double(st, col)); break;
        case ZB_FT_ENUM:
            /* a name this library does not know was not written by it */
            if (zb__field_set_enum(f, d, text_col(st, col)) != 0)
                return zb__err_set(&it->db->err, ZB_ESCHEMA,
                                   "%s: indicator %lld of document %lld has the %s '%s', which "
                                   "zhibiao never writes", it->db->path,
                                   (long long)sqlite3_column_int64(st, ROW_ORDINAL),
                                   (long long)sqlite3_column_int64(st, ROW_DOCUMENT), f->name,
                                   text_col(st, col));
            break;
        default: zb__field_set_text(f, d, text_col(st, col)); break;
        }
    }
    d->section_index = d->sentence_index = SIZE_MAX;
    return ZB_ROW;
}

const zb_indicator *zb_rows_indicator(const zb_rows *it) { return it ? &it->ind : NULL; }
const char *zb_rows_region(const zb_rows *it) { return it ? text_col(it->st, ROW_REGION) : ""; }
int zb_rows_report_year(const zb_rows *it) {
    return it ? sqlite3_column_int(it->st, ROW_REPORT_YEAR) : 0;
}
int64_t zb_rows_document_id(const zb_rows *it) {
    return it ? sqlite3_column_int64(it->st, ROW_DOCUMENT) : 0;
}

void zb_rows_free(zb_rows *it) {
    if (!it)
        return;
    sqlite3_finalize(it->st);
    sqlite3_free(it);
}

/* ---- comparisons ---- */

struct zb_comparisons {
    zb_db *db;
    sqlite3_stmt *st;
    zb_comparison row;
    int done;
};

/* The newest year with both a result and next year's target. */
static int newest_pair(zb_db *db, const char *region, int *base) {
    sqlite3_stmt *st;
    const char *sql = region ? "SELECT max(actual_year) FROM v_target_vs_actual "
                               "WHERE region = ?1 OR region_code = ?2"
                             : "SELECT max(actual_year) FROM v_target_vs_actual";
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
        return zb__db_fail(db, "finding the newest pair of years");
    if (region) {
        sqlite3_bind_text(st, 1, region, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, zb__db_region_code(region), -1, SQLITE_STATIC);
    }
    int rc = sqlite3_step(st);
    *base = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? ZB_OK : zb__db_fail(db, "finding the newest pair of years");
}

int zb_db_compare(zb_comparisons **out, zb_db *db, const char *region, int base_year,
                  int target_year) {
    if (!out)
        return ZB_EINVAL;
    *out = NULL;
    if (!db)
        return ZB_EINVAL;
    int rc;
    if (!base_year && !target_year) {
        if ((rc = newest_pair(db, region, &base_year)) != ZB_OK)
            return rc;
        target_year = base_year + 1;
    } else if (!target_year) {
        target_year = base_year + 1;
    } else if (!base_year) {
        base_year = target_year - 1;
    }
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT region, metric_id, metric, measure, actual_year, actual_value, actual_unit, "
             "actual_base_value, target_year, target_cmp, target_value, target_unit, "
             "target_base_value, delta, status, coalesce(delta_unit, ''), direction, "
             "coalesce(ambition, ''), entity, target_value_high, commitment, "
             "actual_document_id, actual_indicator_id, target_document_id, target_indicator_id "
             "FROM v_target_vs_actual WHERE actual_year = ?1 AND target_year = ?2%s "
             "ORDER BY region, entity, metric_id, measure",
             region ? " AND (region = ?3 OR region_code = ?4)" : "");
    zb_comparisons *it = sqlite3_malloc(sizeof *it);
    if (!it)
        return zb__err_set(&db->err, ZB_ENOMEM, "out of memory");
    memset(it, 0, sizeof *it);
    it->db = db;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &it->st, NULL) != SQLITE_OK) {
        rc = zb__db_fail(db, "querying comparisons");
        sqlite3_free(it);
        return rc;
    }
    sqlite3_bind_int(it->st, 1, base_year);
    sqlite3_bind_int(it->st, 2, target_year);
    if (region) {
        sqlite3_bind_text(it->st, 3, region, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(it->st, 4, zb__db_region_code(region), -1, SQLITE_STATIC);
    }
    *out = it;
    return ZB_OK;
}

int zb_comparisons_next(zb_comparisons *it) {
    if (!it)
        return ZB_EINVAL;
    int rc = step(it->db, it->st, &it->done, "reading comparisons");
    if (rc != ZB_ROW)
        return rc;
    sqlite3_stmt *st = it->st;
    zb_comparison *c = &it->row;
    c->region = text_col(st, 0);
    c->metric_id = text_col(st, 1);
    c->metric = text_col(st, 2);
    /* names this library does not know were not written by it: said, never
     * read as some default */
    int measure = zb__name_value(&zb__measure_names, text_col(st, 3));
    int cmp = zb__name_value(&zb__cmp_names, text_col(st, 9));
    int commitment = sqlite3_column_type(st, 20) == SQLITE_NULL
                         ? (int)ZB_COMMIT_PLAIN
                         : zb__name_value(&zb__commitment_names, text_col(st, 20));
    int bad = measure < 0 ? 3 : cmp < 0 ? 9 : commitment < 0 ? 20 : -1;
    if (bad >= 0)
        return zb__err_set(&it->db->err, ZB_ESCHEMA,
                           "%s: the comparison of %s (indicators %lld and %lld) has the %s "
                           "'%s', which zhibiao never writes", it->db->path, text_col(st, 1),
                           (long long)sqlite3_column_int64(st, 22),
                           (long long)sqlite3_column_int64(st, 24),
                           bad == 3 ? "measure" : bad == 9 ? "cmp" : "commitment",
                           text_col(st, bad));
    c->measure = (zb_measure)measure;
    c->actual_year = sqlite3_column_int(st, 4);
    c->actual_value = sqlite3_column_double(st, 5);
    c->actual_unit = text_col(st, 6);
    c->actual_base_value = sqlite3_column_double(st, 7);
    c->target_year = sqlite3_column_int(st, 8);
    c->target_cmp = (zb_cmp)cmp;
    c->target_value = sqlite3_column_double(st, 10);
    c->target_unit = text_col(st, 11);
    c->target_base_value = sqlite3_column_double(st, 12);
    c->delta = sqlite3_column_type(st, 13) == SQLITE_NULL ? NAN : sqlite3_column_double(st, 13);
    c->status = text_col(st, 14);
    c->delta_unit = text_col(st, 15);
    c->direction = text_col(st, 16);
    c->ambition = text_col(st, 17);
    c->entity = text_col(st, 18);
    c->target_value_high = sqlite3_column_type(st, 19) == SQLITE_NULL ? NAN
                                                                       : sqlite3_column_double(st, 19);
    c->commitment = (zb_commitment)commitment;
    c->actual_document_id = sqlite3_column_int64(st, 21);
    c->actual_indicator_id = sqlite3_column_int64(st, 22);
    c->target_document_id = sqlite3_column_int64(st, 23);
    c->target_indicator_id = sqlite3_column_int64(st, 24);
    return ZB_ROW;
}

const zb_comparison *zb_comparisons_get(const zb_comparisons *it) { return it ? &it->row : NULL; }

void zb_comparisons_free(zb_comparisons *it) {
    if (!it)
        return;
    sqlite3_finalize(it->st);
    sqlite3_free(it);
}
