/*
 * zhibiao_sqlite: a loadable SQLite extension with one table-valued function,
 *
 *     SELECT metric, value, unit FROM zhibiao_extract('地区生产总值增长6%左右。');
 *     SELECT * FROM zhibiao_extract(body, 2022) ...
 *
 * returning one row per indicator with the columns of the contract
 * (INDICATORS.md §1). Load it in the sqlite3 shell with
 * `.load ./libzhibiao_sqlite` (entry point sqlite3_zhibiaosqlite_init).
 *
 * It is built from the parser alone: the host's SQLite is reached only through
 * the extension API, and libzhibiao's own store code is not in it, so two
 * copies of SQLite never meet.
 */
#include <math.h>
#include <limits.h>
#include <sqlite3ext.h>
#include <string.h>

#include "fields.h"
#include "zhibiao.h"

SQLITE_EXTENSION_INIT1

/* Columns: the contract's fields (fields.h), then the hidden arguments. */
#define COL_TEXT ((int)zb__field_count)
#define COL_REPORT_YEAR (COL_TEXT + 1)

typedef struct extract_cursor {
    sqlite3_vtab_cursor base;
    zb_doc *doc;
    size_t row;
} extract_cursor;

static int x_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                     sqlite3_vtab **out, char **err) {
    (void)aux, (void)argc, (void)argv, (void)err;
    sqlite3_str *decl = sqlite3_str_new(db);
    sqlite3_str_appendall(decl, "CREATE TABLE x(");
    for (size_t i = 0; i < zb__field_count; i++) {
        const zb_field *f = &zb__fields[i];
        const char *type = zb__field_is_int(f)        ? "INTEGER"
                           : f->type == ZB_FT_REAL ? "REAL"
                                                   : "TEXT";
        sqlite3_str_appendf(decl, "%s %s, ", f->name, type);
    }
    sqlite3_str_appendall(decl, "text HIDDEN, report_year HIDDEN)");
    char *sql = sqlite3_str_finish(decl);
    if (!sql)
        return SQLITE_NOMEM;
    int rc = sqlite3_declare_vtab(db, sql);
    sqlite3_free(sql);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_vtab *vtab = sqlite3_malloc(sizeof *vtab);
    if (!vtab)
        return SQLITE_NOMEM;
    memset(vtab, 0, sizeof *vtab);
    sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
    *out = vtab;
    return SQLITE_OK;
}

static int x_disconnect(sqlite3_vtab *vtab) {
    sqlite3_free(vtab);
    return SQLITE_OK;
}

static int x_open(sqlite3_vtab *vtab, sqlite3_vtab_cursor **out) {
    (void)vtab;
    extract_cursor *c = sqlite3_malloc(sizeof *c);
    if (!c)
        return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static int x_close(sqlite3_vtab_cursor *cur) {
    extract_cursor *c = (extract_cursor *)cur;
    zb_doc_free(c->doc);
    sqlite3_free(c);
    return SQLITE_OK;
}

/* The plan: text must be given (bit 0 of idxNum), report_year may be (bit 1). */
static int x_best_index(sqlite3_vtab *vtab, sqlite3_index_info *info) {
    int text = -1, year = -1;
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *k = &info->aConstraint[i];
        if (k->op != SQLITE_INDEX_CONSTRAINT_EQ)
            continue;
        if (k->iColumn == COL_TEXT) {
            if (!k->usable)
                return SQLITE_CONSTRAINT;
            text = i;
        } else if (k->iColumn == COL_REPORT_YEAR) {
            if (!k->usable)
                return SQLITE_CONSTRAINT;
            year = i;
        }
    }
    if (text < 0) {
        sqlite3_free(vtab->zErrMsg);
        vtab->zErrMsg = sqlite3_mprintf("zhibiao_extract(text [, report_year]) needs the text");
        return SQLITE_ERROR;
    }
    info->aConstraintUsage[text].argvIndex = 1;
    info->aConstraintUsage[text].omit = 1;
    info->idxNum = 1;
    if (year >= 0) {
        info->aConstraintUsage[year].argvIndex = 2;
        info->aConstraintUsage[year].omit = 1;
        info->idxNum |= 2;
    }
    info->estimatedCost = 1000;
    info->estimatedRows = 100;
    return SQLITE_OK;
}

/* report_year as SQL gives it: NULL finds it in the text, as 0 does in C; an
 * integer (or text or a real that is one, as strftime('%Y') gives) is the
 * library's to range-check once it fits an int. Anything else is an error,
 * never a silent "find it": 'abc', X'00', 2022.5, 2^32 + 2022. */
static int report_year(sqlite3_vtab *vtab, sqlite3_value *v, int *year) {
    int type = sqlite3_value_numeric_type(v);
    if (type == SQLITE_NULL)
        return SQLITE_OK;
    double d = sqlite3_value_double(v);
    sqlite3_int64 i = sqlite3_value_int64(v);
    const char *what = NULL;
    if (type == SQLITE_FLOAT && !(d >= INT_MIN && d <= INT_MAX && d == (double)(sqlite3_int64)d))
        what = "is not a whole year";
    else if (type != SQLITE_INTEGER && type != SQLITE_FLOAT)
        what = "is not a number";
    else if (type == SQLITE_INTEGER && (i < INT_MIN || i > INT_MAX))
        what = "is out of range";
    if (what) {
        sqlite3_free(vtab->zErrMsg);
        vtab->zErrMsg = sqlite3_mprintf("zhibiao_extract: report_year %s %s (give a year "
                                        "such as 2024, or NULL to find it in the text)",
                                        type == SQLITE_BLOB ? "(a blob)"
                                                            : (const char *)sqlite3_value_text(v),
                                        what);
        return SQLITE_ERROR;
    }
    *year = type == SQLITE_FLOAT ? (int)d : (int)i;
    return SQLITE_OK;
}

static int x_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
                    sqlite3_value **argv) {
    (void)idxstr;
    extract_cursor *c = (extract_cursor *)cur;
    zb_doc_free(c->doc);
    c->doc = NULL;
    c->row = 0;
    if (!(idx & 1) || argc < 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return SQLITE_OK; /* no text: no rows */
    /* text may arrive as TEXT or as the BLOB of documents.body */
    const char *text = sqlite3_value_type(argv[0]) == SQLITE_BLOB
                           ? (const char *)sqlite3_value_blob(argv[0])
                           : (const char *)sqlite3_value_text(argv[0]);
    int len = sqlite3_value_bytes(argv[0]);
    zb_parse_options opts = ZB_PARSE_OPTIONS_INIT;
    int rc;
    if ((idx & 2) && argc > 1 && (rc = report_year(cur->pVtab, argv[1], &opts.report_year)))
        return rc;
    rc = zb_parse(&c->doc, text ? text : "", text ? (size_t)len : 0, &opts);
    if (rc != ZB_OK) {
        sqlite3_free(cur->pVtab->zErrMsg);
        cur->pVtab->zErrMsg = sqlite3_mprintf("zhibiao_extract: %s", zb_doc_errmsg(c->doc));
        zb_doc_free(c->doc);
        c->doc = NULL;
        return rc == ZB_ENOMEM ? SQLITE_NOMEM : SQLITE_ERROR;
    }
    return SQLITE_OK;
}

static int x_next(sqlite3_vtab_cursor *cur) {
    ((extract_cursor *)cur)->row++;
    return SQLITE_OK;
}

static int x_eof(sqlite3_vtab_cursor *cur) {
    extract_cursor *c = (extract_cursor *)cur;
    return !c->doc || c->row >= zb_doc_count(c->doc);
}

static void text_result(sqlite3_context *ctx, const char *s) {
    sqlite3_result_text(ctx, s, -1, SQLITE_TRANSIENT);
}

static int x_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col) {
    extract_cursor *c = (extract_cursor *)cur;
    const zb_indicator *d = zb_doc_get(c->doc, c->row);
    if (!d)
        return SQLITE_ERROR;
    if (col < 0 || col >= COL_TEXT) {
        sqlite3_result_null(ctx); /* the hidden arguments */
        return SQLITE_OK;
    }
    const zb_field *f = &zb__fields[col];
    if (zb__field_is_null(f, d))
        sqlite3_result_null(ctx);
    else if (zb__field_is_int(f))
        sqlite3_result_int64(ctx, zb__field_int(f, d));
    else if (f->type == ZB_FT_REAL)
        sqlite3_result_double(ctx, zb__field_real(f, d));
    else if (f->type == ZB_FT_ID && !*zb__field_text(f, d))
        sqlite3_result_null(ctx); /* no catalog id: NULL, as in the database */
    else
        text_result(ctx, zb__field_text(f, d));
    return SQLITE_OK;
}

static int x_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid) {
    *rowid = (sqlite3_int64)((extract_cursor *)cur)->row + 1;
    return SQLITE_OK;
}

static const sqlite3_module extract_module = {
    .iVersion = 0,
    .xCreate = NULL, /* eponymous only: zhibiao_extract(...) needs no CREATE */
    .xConnect = x_connect,
    .xBestIndex = x_best_index,
    .xDisconnect = x_disconnect,
    .xDestroy = x_disconnect,
    .xOpen = x_open,
    .xClose = x_close,
    .xFilter = x_filter,
    .xNext = x_next,
    .xEof = x_eof,
    .xColumn = x_column,
    .xRowid = x_rowid,
};

/* SELECT zhibiao_version() */
static void version_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc, (void)argv;
    sqlite3_result_text(ctx, zb_version(), -1, SQLITE_STATIC);
}

/* The entry point SQLite derives from the file name libzhibiao_sqlite. */
#ifdef _WIN32
#define ZB_EXT_EXPORT __declspec(dllexport)
#else
#define ZB_EXT_EXPORT __attribute__((visibility("default")))
#endif
ZB_EXT_EXPORT int sqlite3_zhibiaosqlite_init(sqlite3 *db, char **err,
                                             const sqlite3_api_routines *api);

ZB_EXT_EXPORT int sqlite3_zhibiaosqlite_init(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
    (void)err;
    SQLITE_EXTENSION_INIT2(api);
    int rc = sqlite3_create_module(db, "zhibiao_extract", &extract_module, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "zhibiao_version", 0,
                                     SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC, NULL,
                                     version_fn, NULL, NULL);
    return rc;
}
