/* zhibiao parse: one report → indicator rows on standard output. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "zhibiao.h"

/* jsonl and tsv stream: each paragraph's rows are written and forgotten, so
 * the memory of `parse` does not grow with the input. */
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

static void print_table(const zb_doc *doc, const char *path, const char *region) {
    const char *r = region && *region ? region : zb_doc_region(doc);
    printf("%s: %zu indicators", path, zb_doc_count(doc));
    if (*r)
        printf(", %s", r);
    if (zb_doc_report_year(doc))
        printf(", report year %d", zb_doc_report_year(doc));
    printf("\n\n");
    static const struct {
        const char *name;
        int width, right;
    } cols[] = {{"year", 4, 0},    {"kind", 8, 0},   {"sector", 14, 0},
                {"measure", 7, 0}, {"metric", 30, 0}, {"cmp", 3, 0},
                {"value", 10, 1},  {"unit", 8, 0},   {"metric_id", 16, 0}};
    size_t ncols = sizeof cols / sizeof *cols;
    for (size_t c = 0; c < ncols; c++) {
        zb_cli_cell(stdout, cols[c].name, cols[c].width, cols[c].right);
        fputs(c + 1 < ncols ? "  " : "\n", stdout);
    }
    for (size_t c = 0; c < ncols; c++) {
        for (int k = 0; k < cols[c].width; k++)
            fputc('-', stdout);
        fputs(c + 1 < ncols ? "  " : "\n", stdout);
    }
    for (size_t i = 0; i < zb_doc_count(doc); i++) {
        const zb_indicator *d = zb_doc_get(doc, i);
        char year[16] = "", value[64];
        if (d->year)
            snprintf(year, sizeof year, "%d", d->year);
        zb_cli_number(value, sizeof value, d->value);
        if (!isnan(d->value_high)) {
            size_t n = strlen(value);
            snprintf(value + n, sizeof value - n, "–%.15g", d->value_high);
        }
        const char *cells[] = {year,     zb_kind_name(d->kind), zb_sector_name(d->sector),
                               zb_measure_name(d->measure), d->metric, zb_cmp_name(d->cmp),
                               value,    d->unit,               d->metric_id};
        for (size_t c = 0; c < ncols; c++) {
            zb_cli_cell(stdout, cells[c], cols[c].width, cols[c].right);
            fputs(c + 1 < ncols ? "  " : "\n", stdout);
        }
    }
}

int zb_cmd_parse(int argc, char **argv) {
    const char *file = NULL, *format = NULL, *region = NULL, *encoding = NULL, *v;
    int report_year = 0, input = ZB_INPUT_AUTO;
    for (int i = 1; i < argc; i++) {
        if (zb_cli_value(argc, argv, &i, "--format", &v)) {
            if (!v || (strcmp(v, "jsonl") && strcmp(v, "tsv") && strcmp(v, "table")))
                return zb_cli_error("--format takes jsonl, tsv or table"), 2;
            format = v;
        } else if (zb_cli_value(argc, argv, &i, "--report-year", &v)) {
            if (!zb_cli_year(v, &report_year))
                return zb_cli_error("--report-year takes a year such as 2022"), 2;
        } else if (zb_cli_value(argc, argv, &i, "--region", &v)) {
            if (!v)
                return zb_cli_error("--region takes a name such as 吉林省"), 2;
            region = v;
        } else if (zb_cli_value(argc, argv, &i, "--encoding", &v)) {
            if (!v || !zb_cli_check_encoding(v))
                return zb_cli_error("--encoding takes utf-8, gb18030, gbk or auto"), 2;
            encoding = v;
        } else if (zb_cli_value(argc, argv, &i, "--input", &v)) {
            if (!zb_cli_input_value(v, &input))
                return zb_cli_error("--input takes text, html, pdf or auto"), 2;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            return zb_cli_help("parse");
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return zb_cli_error("parse: unknown option '%s' (see 'zhibiao help parse')",
                                argv[i]), 2;
        } else if (file) {
            return zb_cli_error("parse: one FILE at a time (got '%s' and '%s')", file,
                                argv[i]), 2;
        } else {
            file = argv[i];
        }
    }
    if (!file)
        return zb_cli_error("parse: which file? (see 'zhibiao help parse')"), 2;
    if (!format)
        format = isatty(STDOUT_FILENO) ? "table" : "jsonl";
    zb_input in;
    if (zb_cli_read(file, &in))
        return 1;
    /* a web page or a PDF is parsed as its text; spans and pages are the text's */
    zb_text *src = NULL;
    input = zb_cli_input_format(&in, input);
    if (input == ZB_INPUT_TEXT ? zb_cli_decode(&in, encoding) : zb_cli_source(&in, input, &src)) {
        zb_cli_release(&in);
        return 1;
    }
    const char *text = src ? zb_text_data(src) : in.data;
    size_t len = src ? zb_text_len(src) : in.len;
    zb_parse_options opts = ZB_PARSE_OPTIONS_INIT;
    opts.report_year = report_year;
    opts.pages = zb_text_pages(src, &opts.page_count);
    zb_doc *doc = NULL;
    printer p = {NULL, 0, 0};
    int table = !strcmp(format, "table");
    if (!table && zb_writer_new(&p.w, !strcmp(format, "tsv") ? ZB_FORMAT_TSV : ZB_FORMAT_JSONL,
                                0, zb_cli_write_stdout, NULL) != ZB_OK) {
        zb_cli_release(&in);
        zb_text_free(src);
        return zb_cli_error("out of memory");
    }
    int rc = table ? zb_parse(&doc, text, len, &opts)
                   : zb_parse_each(&doc, text, len, &opts, print_row, &p);
    if (rc == ZB_OK && p.w)
        rc = p.status = zb_writer_finish(p.w);
    if (rc != ZB_OK) {
        zb_cli_error("%s: %s", in.path,
                     p.status ? zb_writer_errmsg(p.w)
                     : rc == ZB_ENOMEM ? "out of memory"
                                       : zb_doc_errmsg(doc));
        zb_writer_free(p.w);
        zb_doc_free(doc);
        zb_cli_release(&in);
        zb_text_free(src);
        return 1;
    }
    zb_writer_free(p.w);
    if (zb_doc_skipped_numbers(doc))
        fprintf(stderr, "%s: warning: %s: skipped %zu number(s) too large to represent\n",
                zb_cli_name, in.path, zb_doc_skipped_numbers(doc));
    if (!zb_doc_report_year(doc) && (p.rows || zb_doc_count(doc)))
        fprintf(stderr, "%s: warning: %s: no report year found; years are null "
                        "(give --report-year)\n", zb_cli_name, in.path);
    if (!strcmp(format, "table"))
        print_table(doc, in.path, region);
    zb_doc_free(doc);
    zb_cli_release(&in);
    zb_text_free(src);
    if (fflush(stdout) != 0 || ferror(stdout))
        return zb_cli_error("cannot write the output"), 1;
    return 0;
}
