/* zhibiao parse: one report → indicator rows on standard output or a file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "zhibiao.h"

/* jsonl and tsv stream: each paragraph's rows are written and forgotten, so
 * the memory of `parse` does not grow with the input; the parse runs ahead in
 * a second thread while this one writes (ZB_PARSE_AHEAD). */
typedef struct printer {
    zb_writer *w;
    size_t rows;
    int status; /* the writer's, when it failed */
} printer;

static int print_row(void *ctx, const zb_indicator *ind) {
    printer *p = ctx;
    p->rows++;
    return p->status = zb_writer_indicator(p->w, ind, NULL);
}

enum { C_YEAR, C_KIND, C_SECTOR, C_MEASURE, C_METRIC, C_CMP, C_VALUE, C_UNIT, C_ID, NCOLS };

static void cells_of(const zb_indicator *d, char *year, size_t ysize, char *value,
                     size_t vsize, const char *cells[NCOLS]) {
    year[0] = 0;
    if (d->year)
        snprintf(year, ysize, "%d", d->year);
    zb_cli_number(value, vsize, d->value);
    if (!isnan(d->value_high)) {
        size_t n = strlen(value);
        snprintf(value + n, vsize - n, "–%.15g", d->value_high);
    }
    cells[C_YEAR] = year;
    cells[C_KIND] = zb_kind_name(d->kind);
    cells[C_SECTOR] = zb_sector_name(d->sector);
    cells[C_MEASURE] = zb_measure_name(d->measure);
    cells[C_METRIC] = d->metric ? d->metric : "";
    cells[C_CMP] = zb_cmp_name(d->cmp);
    cells[C_VALUE] = value;
    cells[C_UNIT] = d->unit ? d->unit : ""; /* qualitative rows have none */
    cells[C_ID] = d->metric_id ? d->metric_id : "";
}

static void print_table(FILE *f, const zb_doc *doc, const char *path, const char *region) {
    /* the metric is cut first, then the unit; names of enums, numbers and the
     * catalog id are never cut: they go, least useful first, when room is short */
    zb_column cols[NCOLS] = {
        [C_YEAR] = {"year", 0, 0, 0, 5, 0},       [C_KIND] = {"kind", 0, 0, 0, 3, 0},
        [C_SECTOR] = {"sector", 0, 0, 0, 1, 0},   [C_MEASURE] = {"measure", 0, 0, 0, 2, 0},
        [C_METRIC] = {"metric", 0, 8, 0, 9, 0},   [C_CMP] = {"cmp", 0, 0, 0, 4, 0},
        [C_VALUE] = {"value", 1, 0, 0, 8, 0},     [C_UNIT] = {"unit", 0, 4, 1, 7, 0},
        [C_ID] = {"metric_id", 0, 0, 0, 6, 0},
    };
    char year[16], value[64];
    const char *cells[NCOLS];
    for (size_t i = 0; i < zb_doc_count(doc); i++) {
        cells_of(zb_doc_get(doc, i), year, sizeof year, value, sizeof value, cells);
        zb_cli_measure(cols, NCOLS, cells);
    }
    int width = zb_cli_terminal_width();
    zb_cli_fit(cols, NCOLS, width);

    const char *r = region && *region ? region : zb_doc_region(doc);
    char title[1024];
    int n = snprintf(title, sizeof title, "%s: %zu indicators", path, zb_doc_count(doc));
    if (*r && n > 0 && (size_t)n < sizeof title)
        n += snprintf(title + n, sizeof title - (size_t)n, ", %s", r);
    if (zb_doc_report_year(doc) && n > 0 && (size_t)n < sizeof title)
        snprintf(title + n, sizeof title - (size_t)n, ", report year %d",
                 zb_doc_report_year(doc));
    zb_cli_line(f, title, width < 20 ? 20 : width);
    fputc('\n', f);
    zb_cli_row(f, cols, NCOLS, NULL);
    zb_cli_rule(f, cols, NCOLS);
    for (size_t i = 0; i < zb_doc_count(doc); i++) {
        cells_of(zb_doc_get(doc, i), year, sizeof year, value, sizeof value, cells);
        zb_cli_row(f, cols, NCOLS, cells);
    }
}

typedef struct parse_args {
    const char *file, *format, *region, *encoding, *output;
    int report_year;
    int input; /* zb_input_format */
} parse_args;

static const zb_option parse_options[] = {
    {"format", 'f', "jsonl, tsv or table", 0},
    {"report-year", 'y', "a year such as 2022", 0},
    {"region", 'r', "a name such as 吉林省", 0},
    {"encoding", ZB_OPT_ENCODING, "utf-8, gb18030, gbk or auto", 0},
    {"input", ZB_OPT_INPUT, "text, html, pdf or auto", 0},
    {"output", 'o', "a file, or - for standard output", 1},
    {NULL, 0, NULL, 0},
};

static int take(void *ctx, const char *cmd, const zb_option *o, const char *v) {
    parse_args *a = ctx;
    static const char *const formats[] = {"jsonl", "tsv", "table", NULL};
    static const char *const encodings[] = {"utf-8", "utf8", "gb18030", "gbk", "auto", NULL};
    if (!o) {
        if (a->file)
            return zb_cli_error("%s: one FILE at a time (got '%s' and '%s')", cmd, a->file, v),
                   2;
        a->file = v;
        return 0;
    }
    switch (o->key) {
    case 'f': a->format = v; return zb_cli_choice(cmd, o, v, formats);
    case 'y': return zb_cli_year_value(cmd, o, v, &a->report_year);
    case 'r': a->region = v; return zb_cli_region_value(cmd, o, v);
    case ZB_OPT_ENCODING: a->encoding = v; return zb_cli_choice(cmd, o, v, encodings);
    case ZB_OPT_INPUT: return zb_cli_input_option(cmd, o, v, &a->input);
    case 'o': a->output = v; return 0;
    }
    return 0;
}

int zb_cmd_parse(int argc, char **argv) {
    parse_args a = {0};
    a.input = ZB_INPUT_AUTO;
    int rc = zb_cli_options(argc, argv, parse_options, take, &a);
    if (rc != ZB_CLI_GO)
        return rc;
    if (!a.file)
        return zb_cli_error("parse: which file? (see 'zhibiao help parse')"), 2;
    int to_stdout = !a.output || !strcmp(a.output, "-");
    if (!a.format)
        a.format = to_stdout && isatty(STDOUT_FILENO) ? "table" : "jsonl";
    zb_input in;
    if (zb_cli_read(a.file, zb_cli_input_cap(), &in))
        return 1;
    /* a web page or a PDF is parsed as its text; spans and pages are the text's */
    zb_text *src = NULL;
    a.input = zb_cli_input_format(&in, a.input);
    if (a.input == ZB_INPUT_TEXT ? zb_cli_decode(&in, a.encoding)
                                 : zb_cli_source(&in, a.input, &src)) {
        zb_cli_release(&in);
        return 1;
    }
    if (zb_text_blank(src ? zb_text_data(src) : in.data, src ? zb_text_len(src) : in.len)) {
        zb_cli_error("%s: no text: the report is empty or only white space", in.path);
        zb_text_free(src);
        zb_cli_release(&in);
        return 1;
    }
    zb_output out;
    if (zb_cli_output_open(&out, a.output)) {
        zb_text_free(src);
        zb_cli_release(&in);
        return 1;
    }
    const char *text = src ? zb_text_data(src) : in.data;
    size_t len = src ? zb_text_len(src) : in.len;
    zb_parse_options opts = ZB_PARSE_OPTIONS_INIT;
    opts.report_year = a.report_year;
    opts.pages = zb_text_pages(src, &opts.page_count);
    zb_doc *doc = NULL;
    printer p = {NULL, 0, 0};
    int table = !strcmp(a.format, "table");
    if (!table)
        opts.flags |= ZB_PARSE_AHEAD;
    if (!table && zb_writer_new(&p.w, !strcmp(a.format, "tsv") ? ZB_FORMAT_TSV : ZB_FORMAT_JSONL,
                                0, zb_cli_output_write, &out) != ZB_OK) {
        zb_cli_output_close(&out, 0);
        zb_cli_release(&in);
        zb_text_free(src);
        return zb_cli_error("out of memory");
    }
    rc = table ? zb_parse(&doc, text, len, &opts)
               : zb_parse_each(&doc, text, len, &opts, print_row, &p);
    if (rc == ZB_OK && p.w)
        rc = p.status = zb_writer_finish(p.w);
    if (rc != ZB_OK) {
        /* a failed write is told once, by zb_cli_output_close */
        if (!out.err)
            zb_cli_error("%s: %s", in.path,
                         p.status ? zb_writer_errmsg(p.w)
                         : rc == ZB_ENOMEM ? "out of memory"
                                           : zb_doc_errmsg(doc));
        zb_writer_free(p.w);
        zb_doc_free(doc);
        zb_cli_release(&in);
        zb_text_free(src);
        zb_cli_output_close(&out, 0);
        return 1;
    }
    zb_writer_free(p.w);
    if (zb_doc_skipped_numbers(doc))
        fprintf(stderr, "%s: warning: %s: skipped %zu number(s) too large to represent\n",
                zb_cli_name, in.path, zb_doc_skipped_numbers(doc));
    if (!zb_doc_report_year(doc) && (p.rows || zb_doc_count(doc)))
        fprintf(stderr, "%s: warning: %s: no report year found; years are null "
                        "(give --report-year)\n", zb_cli_name, in.path);
    if (table)
        print_table(out.f, doc, in.path, a.region);
    zb_doc_free(doc);
    zb_cli_release(&in);
    zb_text_free(src);
    return zb_cli_output_close(&out, 1);
}
