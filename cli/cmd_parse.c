/* zhibiao parse: one report → indicator rows on standard output. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "zhibiao.h"

/* jsonl and tsv stream: each paragraph's rows are printed and forgotten, so the
 * memory of `parse` does not grow with the input. */
typedef struct printer {
    char *buf;
    size_t cap;
    int tsv;
    size_t rows;
} printer;

static int print_json_row(printer *p, const zb_indicator *ind) {
    if (!zb_cli_json(&p->buf, &p->cap, ind))
        return ZB_ENOMEM;
    fputs(p->buf, stdout);
    fputc('\n', stdout);
    return 0;
}

static void print_tsv_row(const zb_indicator *d) {
    char v[40], vh[40], bv[40];
    zb_cli_number(v, sizeof v, d->value);
    zb_cli_number(vh, sizeof vh, d->value_high);
    zb_cli_number(bv, sizeof bv, d->base_value);
    printf("%zu\t%zu\t", d->span_start, d->span_end);
    zb_cli_tsv_field(stdout, d->surface);
    printf("\t%s\t%s\t%s\t%s\t%s\t%s\t", v, vh, d->unit, bv, d->base_unit,
           zb_cmp_name(d->cmp));
    if (d->year)
        printf("%d", d->year);
    printf("\t%s\t%s\t", zb_kind_name(d->kind), zb_measure_name(d->measure));
    zb_cli_tsv_field(stdout, d->metric);
    printf("\t%s\t%s\t", d->metric_id, zb_sector_name(d->sector));
    zb_cli_tsv_field(stdout, d->section);
    fputc('\t', stdout);
    zb_cli_tsv_field(stdout, d->sentence);
    fputc('\n', stdout);
}

static int print_row(void *ctx, const zb_indicator *ind) {
    printer *p = ctx;
    p->rows++;
    if (p->tsv) {
        print_tsv_row(ind);
        return 0;
    }
    return print_json_row(p, ind);
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
    int report_year = 0;
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
    if (zb_cli_decode(&in, encoding)) {
        zb_cli_release(&in);
        return 1;
    }
    zb_parse_options opts = ZB_PARSE_OPTIONS_INIT;
    opts.report_year = report_year;
    zb_doc *doc = NULL;
    printer p = {NULL, 0, !strcmp(format, "tsv"), 0};
    if (p.tsv)
        fputs("span_start\tspan_end\tsurface\tvalue\tvalue_high\tunit\tbase_value\tbase_unit\t"
              "cmp\tyear\tkind\tmeasure\tmetric\tmetric_id\tsector\tsection\tsentence\n",
              stdout);
    int rc = !strcmp(format, "table") ? zb_parse(&doc, in.data, in.len, &opts)
                                      : zb_parse_each(&doc, in.data, in.len, &opts, print_row, &p);
    free(p.buf);
    if (rc != ZB_OK) {
        zb_cli_error("%s: %s", in.path, rc == ZB_ENOMEM ? "out of memory" : zb_doc_errmsg(doc));
        zb_doc_free(doc);
        zb_cli_release(&in);
        return 1;
    }
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
    if (fflush(stdout) != 0 || ferror(stdout))
        return zb_cli_error("cannot write the output"), 1;
    return 0;
}
