/* The store, part 4: the comparison views as rows of named cells (outcomes,
 * panels, series, target changes, conflicts), one query per view with its
 * columns listed once here and the filters bound as parameters. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "db.h"

typedef struct view_def {
    const char *name;    /* for messages: "outcomes" */
    const char *columns; /* the SELECT list, in the order callers see */
    const char *from;    /* the view */
    const char *year;    /* the column --year filters on */
    const char *order;
} view_def;

static const view_def views[] = {
    [ZB_VIEW_OUTCOME] = {
        "outcomes",
        "region, region_code, entity, metric_id, metric, measure, direction, year, "
        "target_cmp, target_value, target_value_high, target_unit, commitment, "
        "target_qualitative, actual_cmp, actual_value, actual_unit, actual_in_target_unit, "
        "actual_qualitative, outcome, target_document_id, target_indicator_id, "
        "actual_document_id, actual_indicator_id",
        "v_target_outcome", "year", "region, year, entity, metric_id, measure"},
    [ZB_VIEW_PANEL] = {
        "the panel",
        "region, region_code, level, region_en, metric_id, metric, metric_en, measure, year, "
        "cmp, value, value_high, unit, commitment, qualitative, surface, source, document_id, "
        "indicator_id",
        "v_panel", "year", "metric_id, measure, region_code IS NULL, region_code, region"},
    [ZB_VIEW_SERIES] = {
        "the series",
        "region, entity, metric_id, measure, year, actual_value, actual_unit, "
        "actual_qualitative, target_cmp, target_value, target_value_high, target_unit, "
        "target_qualitative, actual_std_value, target_std_value, std_unit, "
        "actual_indicator_id, target_indicator_id",
        "v_metric_series", "year", "region, entity, metric_id, measure, year"},
    [ZB_VIEW_CHANGE] = {
        "target changes",
        "region, region_code, entity, metric_id, metric, measure, direction, year, prev_cmp, "
        "prev_value, prev_value_high, prev_unit, cmp, value, value_high, unit, commitment, "
        "change, ambition, cmp_changed, prev_document_id, prev_indicator_id, document_id, "
        "indicator_id",
        "v_target_change", "year", "region, year, entity, metric_id, measure"},
    [ZB_VIEW_CONFLICTS] = {
        "conflicts",
        "region, entity, metric_id, measure, kind, year, \"values\", documents, chosen, "
        "chosen_document_id, chosen_indicator_id",
        "v_conflicts", "year", "region, entity, metric_id, measure, kind, year"},
};

#define VIEW_COUNT (sizeof views / sizeof *views)

struct zb_view_rows {
    zb_db *db;
    sqlite3_stmt *st;
    const char *what;
    int done;
};

int zb_db_view(zb_view_rows **out, zb_db *db, zb_view view, const zb_view_filter *f) {
    if (!out)
        return ZB_EINVAL;
    *out = NULL;
    if (!db)
        return ZB_EINVAL;
    if ((unsigned)view >= VIEW_COUNT)
        return zb__err_set(&db->err, ZB_EINVAL, "zb_db_view: no view numbered %d", (int)view);
    if (f && f->version > ZB_VIEW_FILTER_VERSION)
        return zb__err_set(&db->err, ZB_EINVAL, "unknown zb_view_filter version %u",
                           f->version);
    zb_view_filter any = ZB_VIEW_FILTER_INIT;
    if (!f)
        f = &any;
    const view_def *v = &views[view];
    sqlite3_str *s = sqlite3_str_new(db->conn);
    sqlite3_str_appendf(s, "SELECT %s FROM %s WHERE 1", v->columns, v->from);
    if (f->region)
        sqlite3_str_appendall(s, " AND (region = ?1 OR region IN "
                                 "(SELECT name FROM regions WHERE code = ?2))");
    if (f->metric_id)
        sqlite3_str_appendall(s, " AND metric_id = ?3");
    if (f->entity)
        sqlite3_str_appendall(s, " AND entity = ?5");
    if (f->year)
        sqlite3_str_appendf(s, " AND %s = ?4", v->year);
    else if (view == ZB_VIEW_PANEL)
        /* a panel is of one year: the newest a report set the metric's targets
         * for in its own year (not 2030, which a 到2030年 goal names) */
        sqlite3_str_appendf(s, " AND year = (SELECT max(year) FROM v_targets WHERE "
                               "report_year = year%s)",
                            f->metric_id ? " AND metric_id = ?3" : "");
    sqlite3_str_appendf(s, " ORDER BY %s", v->order);
    char *sql = sqlite3_str_finish(s);
    if (!sql)
        return zb__err_set(&db->err, ZB_ENOMEM, "out of memory");
    zb_view_rows *it = sqlite3_malloc(sizeof *it);
    if (!it) {
        sqlite3_free(sql);
        return zb__err_set(&db->err, ZB_ENOMEM, "out of memory");
    }
    memset(it, 0, sizeof *it);
    it->db = db;
    it->what = v->name;
    int rc = sqlite3_prepare_v2(db->conn, sql, -1, &it->st, NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK) {
        char what[64];
        snprintf(what, sizeof what, "querying %s", v->name);
        rc = zb__db_fail(db, what);
        sqlite3_free(it);
        return rc;
    }
    if (f->region) {
        sqlite3_bind_text(it->st, 1, f->region, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(it->st, 2, zb__db_region_code(f->region), -1, SQLITE_STATIC);
    }
    if (f->metric_id)
        sqlite3_bind_text(it->st, 3, f->metric_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(it->st, 4, f->year);
    if (f->entity)
        sqlite3_bind_text(it->st, 5, f->entity, -1, SQLITE_TRANSIENT);
    *out = it;
    return ZB_OK;
}

int zb_view_next(zb_view_rows *it) {
    if (!it)
        return ZB_EINVAL;
    if (it->done)
        return ZB_DONE; /* SQLite would start the statement over */
    int rc = sqlite3_step(it->st);
    if (rc == SQLITE_ROW)
        return ZB_ROW;
    if (rc == SQLITE_DONE) {
        it->done = 1;
        return ZB_DONE;
    }
    char what[64];
    snprintf(what, sizeof what, "reading %s", it->what);
    return zb__db_fail(it->db, what);
}

size_t zb_view_columns(const zb_view_rows *it) {
    return it ? (size_t)sqlite3_column_count(it->st) : 0;
}

const char *zb_view_column_name(const zb_view_rows *it, size_t i) {
    return it && i < zb_view_columns(it) ? sqlite3_column_name(it->st, (int)i) : NULL;
}

int zb_view_column(const zb_view_rows *it, const char *name) {
    for (size_t i = 0; name && i < zb_view_columns(it); i++)
        if (!strcmp(sqlite3_column_name(it->st, (int)i), name))
            return (int)i;
    return -1;
}

zb_cell_type zb_view_type(const zb_view_rows *it, size_t i) {
    if (!it || i >= zb_view_columns(it))
        return ZB_CELL_NULL;
    switch (sqlite3_column_type(it->st, (int)i)) {
    case SQLITE_INTEGER: return ZB_CELL_INT;
    case SQLITE_FLOAT: return ZB_CELL_REAL;
    case SQLITE_NULL: return ZB_CELL_NULL;
    default: return ZB_CELL_TEXT;
    }
}

const char *zb_view_text(const zb_view_rows *it, size_t i) {
    if (zb_view_type(it, i) == ZB_CELL_NULL)
        return "";
    const unsigned char *t = sqlite3_column_text(it->st, (int)i);
    return t ? (const char *)t : "";
}

double zb_view_real(const zb_view_rows *it, size_t i) {
    return zb_view_type(it, i) == ZB_CELL_NULL ? NAN : sqlite3_column_double(it->st, (int)i);
}

int64_t zb_view_int(const zb_view_rows *it, size_t i) {
    return zb_view_type(it, i) == ZB_CELL_NULL ? 0 : sqlite3_column_int64(it->st, (int)i);
}

void zb_view_rows_free(zb_view_rows *it) {
    if (!it)
        return;
    sqlite3_finalize(it->st);
    sqlite3_free(it);
}
