/* zhibiao outcome | panel | series: the comparison views (zb_db_view) as a
 * table for people, CSV or JSON Lines with the view's column names. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "zhibiao.h"

/* A column of the table for people: a view column as it is, or a figure
 * composed of the view's cmp, value, value_high, unit and qualitative columns
 * under a prefix ("target_": ~6.5%, 6%—7%, >=70万人, 与经济增长同步). */
typedef struct table_col {
    const char *header;
    const char *column; /* the view's column; for a figure, the prefix */
    int figure;
    int min, shrink, drop; /* as in zb_column */
} table_col;

typedef struct view_command {
    const char *name;
    zb_view view;
    const table_col *cols;
    size_t ncols;
    const char *none; /* said on stderr when no row matches */
} view_command;

#define MAX_TABLE_COLS 10

static const table_col outcome_cols[] = {
    {"region", "region", 0, 6, 3, 3},     {"entity", "entity", 0, 4, 2, 2},
    {"metric", "metric", 0, 8, 1, 6},     {"measure", "measure", 0, 0, 0, 1},
    {"year", "year", 0, 0, 0, 7},         {"target", "target_", 1, 0, 0, 5},
    {"result", "actual_", 1, 0, 0, 4},    {"outcome", "outcome", 0, 0, 0, 8},
};
static const table_col panel_cols[] = {
    {"region", "region", 0, 6, 2, 6},        {"code", "region_code", 0, 0, 0, 1},
    {"measure", "measure", 0, 0, 0, 3},      {"year", "year", 0, 0, 0, 4},
    {"target", "", 1, 0, 0, 7},              {"commitment", "commitment", 0, 0, 0, 2},
    {"as written", "surface", 0, 4, 1, 5},
};
static const table_col series_cols[] = {
    {"region", "region", 0, 6, 3, 4},     {"entity", "entity", 0, 4, 2, 2},
    {"metric_id", "metric_id", 0, 8, 1, 5}, {"measure", "measure", 0, 0, 0, 3},
    {"year", "year", 0, 0, 0, 7},         {"result", "actual_", 1, 0, 0, 6},
    {"target", "target_", 1, 0, 0, 6},
};

#define COMMAND(name, view, cols, none) {name, view, cols, sizeof cols / sizeof *cols, none}
static const view_command commands[] = {
    COMMAND("outcome", ZB_VIEW_OUTCOME, outcome_cols, "no target in this database matches"),
    COMMAND("panel", ZB_VIEW_PANEL, panel_cols, "no region has a target of this metric and year"),
    COMMAND("series", ZB_VIEW_SERIES, series_cols, "no result or target matches"),
};

static const zb_option options[] = {
    {"db", 'd', "a database file", 1},
    {"region", 'r', "a name such as 湖北省, 湖北 or 420000", 0},
    {"metric", 'm', "a catalog id such as gdp", 0},
    {"year", ZB_OPT_YEAR, "a year such as 2023", 0},
    {"entity", ZB_OPT_ENTITY, "an entity such as 东湖高新区, or '' for the region's own", 0},
    {"format", 'f', "table, csv or jsonl", 0},
    {"output", 'o', "a file, or - for standard output", 1},
    {NULL, 0, NULL, 0},
};

typedef struct view_args {
    const char *db, *format, *output;
    zb_view_filter filter;
} view_args;

static int take(void *ctx, const char *cmd, const zb_option *o, const char *v) {
    static const char *const formats[] = {"table", "csv", "jsonl", NULL};
    view_args *a = ctx;
    if (!o)
        return zb_cli_extra(cmd, v);
    switch (o->key) {
    case 'd': a->db = v; return 0;
    case 'o': a->output = v; return 0;
    case 'r': a->filter.region = v; return zb_cli_region_value(cmd, o, v);
    case 'm':
        if (!*v || strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(v))
            return zb_cli_bad(cmd, o, v, "a catalog id such as gdp or grain_output");
        a->filter.metric_id = v;
        return 0;
    case ZB_OPT_YEAR: return zb_cli_year_value(cmd, o, v, &a->filter.year);
    case ZB_OPT_ENTITY: a->filter.entity = v; return zb_cli_region_value(cmd, o, v);
    case 'f': a->format = v; return zb_cli_choice(cmd, o, v, formats);
    }
    return 0;
}

/* The rows kept for the table, to size its columns (a view of one database is
 * a few thousand rows at most). */
typedef struct kept {
    char **cells;
    size_t n, cap;
} kept;

static int column_of(const zb_view_rows *it, const char *prefix, const char *name) {
    char full[64];
    snprintf(full, sizeof full, "%s%s", prefix, name);
    return zb_view_column(it, full);
}

static double real_of(const zb_view_rows *it, int col) {
    return col < 0 ? NAN : zb_view_real(it, (size_t)col);
}

static const char *text_of(const zb_view_rows *it, int col) {
    return col < 0 ? "" : zb_view_text(it, (size_t)col);
}

/* A figure as people write it: the comparator (none for =), the value, the
 * top of a range after a dash, each with its unit; or the words of a
 * qualitative figure. */
static void figure(char *buf, size_t size, const zb_view_rows *it, const char *prefix) {
    const char *words = text_of(it, column_of(it, prefix, "qualitative"));
    double value = real_of(it, column_of(it, prefix, "value"));
    double high = real_of(it, column_of(it, prefix, "value_high"));
    const char *cmp = text_of(it, column_of(it, prefix, "cmp"));
    const char *unit = text_of(it, column_of(it, prefix, "unit"));
    if (*words || isnan(value)) {
        snprintf(buf, size, "%s", words);
        return;
    }
    char v[40], h[40];
    zb_cli_number(v, sizeof v, value);
    zb_cli_number(h, sizeof h, high);
    if (!isnan(high))
        snprintf(buf, size, "%s%s%s—%s%s", strcmp(cmp, "=") ? cmp : "", v, unit, h, unit);
    else
        snprintf(buf, size, "%s%s%s", strcmp(cmp, "=") ? cmp : "", v, unit);
}

static int keep(kept *k, const view_command *c, const zb_view_rows *it) {
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 64;
        char **bigger = realloc(k->cells, cap * c->ncols * sizeof *bigger);
        if (!bigger)
            return -1;
        k->cells = bigger;
        k->cap = cap;
    }
    char **row = k->cells + k->n * c->ncols;
    int bad = 0;
    for (size_t i = 0; i < c->ncols; i++) {
        char buf[512];
        if (c->cols[i].figure)
            figure(buf, sizeof buf, it, c->cols[i].column);
        else
            snprintf(buf, sizeof buf, "%s", text_of(it, zb_view_column(it, c->cols[i].column)));
        bad |= !(row[i] = strdup(buf));
    }
    k->n++;
    return bad ? -1 : 0;
}

static void print_kept(FILE *f, const view_command *c, const kept *k) {
    zb_column cols[MAX_TABLE_COLS];
    for (size_t i = 0; i < c->ncols; i++) {
        const table_col *t = &c->cols[i];
        /* numbers and figures right-aligned are hard to read beside units: left */
        cols[i] = (zb_column){t->header, 0, t->min, t->shrink, t->drop, 0};
    }
    for (size_t i = 0; i < k->n; i++)
        zb_cli_measure(cols, c->ncols, (const char *const *)k->cells + i * c->ncols);
    zb_cli_fit(cols, c->ncols, zb_cli_terminal_width());
    zb_cli_row(f, cols, c->ncols, NULL);
    for (size_t i = 0; i < k->n; i++)
        zb_cli_row(f, cols, c->ncols, (const char *const *)k->cells + i * c->ncols);
}

static void free_kept(kept *k, size_t ncols) {
    for (size_t i = 0; i < k->n * ncols; i++)
        free(k->cells[i]);
    free(k->cells);
}

static int write_row(zb_writer *w, const zb_view_rows *it) {
    for (size_t i = 0; i < zb_view_columns(it); i++)
        switch (zb_view_type(it, i)) {
        case ZB_CELL_INT: zb_writer_int(w, zb_view_int(it, i)); break;
        case ZB_CELL_REAL: zb_writer_real(w, zb_view_real(it, i)); break;
        case ZB_CELL_TEXT: zb_writer_text(w, zb_view_text(it, i)); break;
        default: zb_writer_null(w); break;
        }
    return zb_writer_end_row(w);
}

static int start_writer(zb_writer **w, const char *format, zb_output *out,
                        const zb_view_rows *it) {
    const char *names[64];
    size_t n = zb_view_columns(it);
    if (n > sizeof names / sizeof *names)
        return ZB_EINVAL;
    for (size_t i = 0; i < n; i++)
        names[i] = zb_view_column_name(it, i);
    int rc = zb_writer_new(w, !strcmp(format, "csv") ? ZB_FORMAT_CSV : ZB_FORMAT_JSONL, 0,
                           zb_cli_output_write, out);
    return rc == ZB_OK ? zb_writer_columns(*w, n, names) : rc;
}

static int run(const view_command *c, int argc, char **argv) {
    view_args a = {.format = "table", .filter = ZB_VIEW_FILTER_INIT};
    int rc = zb_cli_options(argc, argv, options, take, &a);
    if (rc != ZB_CLI_GO)
        return rc;
    if (c->view == ZB_VIEW_PANEL && !a.filter.metric_id)
        return zb_cli_error("panel: which metric? give --metric ID (a catalog id such as gdp)"),
               2;
    zb_db *db;
    if ((rc = zb_cli_open_db(&db, c->name, a.db)) != 0)
        return rc;
    zb_view_rows *it;
    if (zb_db_view(&it, db, c->view, &a.filter) != ZB_OK) {
        zb_cli_error("%s", zb_db_errmsg(db));
        zb_db_close(db);
        return 1;
    }
    zb_output out;
    if (zb_cli_output_open(&out, a.output)) {
        zb_view_rows_free(it);
        zb_db_close(db);
        return 1;
    }
    int table = !strcmp(a.format, "table");
    zb_writer *w = NULL;
    int wrc = table ? ZB_OK : start_writer(&w, a.format, &out, it);
    kept k = {0};
    while (wrc == ZB_OK && (rc = zb_view_next(it)) == ZB_ROW)
        wrc = table ? (keep(&k, c, it) ? ZB_ENOMEM : ZB_OK) : write_row(w, it);
    if (w && wrc == ZB_OK && rc == ZB_DONE)
        wrc = zb_writer_finish(w);
    int ok = wrc == ZB_OK && rc == ZB_DONE;
    if (wrc != ZB_OK && !out.err)
        zb_cli_error("%s", w ? zb_writer_errmsg(w) : "out of memory");
    else if (wrc == ZB_OK && rc != ZB_DONE)
        zb_cli_error("%s", zb_db_errmsg(db));
    if (ok && table) {
        print_kept(out.f, c, &k);
        if (!k.n)
            fprintf(stderr, "%s: %s %s\n", zb_cli_name, c->name, c->none);
    }
    free_kept(&k, c->ncols);
    zb_writer_free(w);
    zb_view_rows_free(it);
    zb_db_close(db);
    return zb_cli_output_close(&out, ok) || !ok ? 1 : 0;
}

int zb_cmd_outcome(int argc, char **argv) { return run(&commands[0], argc, argv); }
int zb_cmd_panel(int argc, char **argv) { return run(&commands[1], argc, argv); }
int zb_cmd_series(int argc, char **argv) { return run(&commands[2], argc, argv); }
