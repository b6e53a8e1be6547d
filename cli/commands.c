/* The command table and the help texts. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"


static const char parse_help[] =
    "usage: zhibiao parse FILE [--report-year Y] [--region R] [--encoding E]\n"
    "                          [--input text|html|pdf|auto] [--format jsonl|tsv|table]\n"
    "\n"
    "Extract every indicator of one report and print them. FILE is UTF-8 text as it\n"
    "comes from a newspaper page, a web page or a PDF, or the web page (HTML) or PDF\n"
    "file itself; '-' reads standard input.\n"
    "\n"
    "  --report-year Y  the year the report was given in (2022 for the 2022 report:\n"
    "                   results are of 2021, targets of 2022); found in the text\n"
    "                   (二、2022年工作安排, the title) when not given\n"
    "  --region R       the region, shown in the table header (e.g. 吉林省)\n"
    "  --encoding E     utf-8 (the default), gb18030, gbk, or auto: GB18030 when the\n"
    "                   bytes are not UTF-8 (said on stderr); spans then count bytes\n"
    "                   of the text converted to UTF-8 (text only: a web page says\n"
    "                   its charset, a PDF is Unicode)\n"
    "  --input F        text, html, pdf, or auto (the default): by the first bytes,\n"
    "                   else by the name (.pdf .html .htm); of a page its article,\n"
    "                   of a PDF each page's text, page numbers and running heads\n"
    "                   dropped; spans are then offsets in that text\n"
    "  --format F       jsonl  one JSON object per indicator with the fields of the\n"
    "                          contract (span_start span_end surface value value_high\n"
    "                          unit base_value base_unit cmp year kind measure metric\n"
    "                          metric_id sector section sentence … and page, the\n"
    "                          page of a PDF the figure stands on)\n"
    "                   tsv    the same as tab-separated columns with a header\n"
    "                   table  an aligned table for people (the default on a terminal)\n"
    "\n"
    "Spans are byte offsets into FILE (of a web page or a PDF: into its text). Exit\n"
    "status: 0 on success, 1 when the input cannot be read, is not valid UTF-8 text\n"
    "(the message names line and byte) or is a damaged page or PDF, 2 on a usage\n"
    "error.\n";

static const char ingest_help[] =
    "usage: zhibiao ingest --db FILE [--region R] [--report-year Y] [--encoding E]\n"
    "                      [--input text|html|pdf|auto] [--replace] [--quiet]\n"
    "                      REPORT|DIR|'PATTERN'...\n"
    "\n"
    "Extract the indicators of each REPORT and store them in the SQLite database FILE\n"
    "(created when missing), each report in one transaction: all of it or nothing.\n"
    "The report's bytes are kept verbatim, so every row points back to its source.\n"
    "A directory stands for the .txt, .html, .htm and .pdf files in it; a quoted\n"
    "pattern is expanded. A web page or a PDF is stored as its text (with its format\n"
    "and page count) under the SHA-256 of the file, so the same file is stored once.\n"
    "On a terminal a progress line shows files, rows and rates; the last line sums up.\n"
    "\n"
    "  --db FILE        the database (schema upgraded in place when older)\n"
    "  --region R       the region of every REPORT; by default the province the text\n"
    "                   names most often (吉林 → 吉林省), 全国 for the State Council\n"
    "  --report-year Y  the year the reports were given in; by default from the text\n"
    "  --encoding E     utf-8 (the default), gb18030, gbk, or auto (GB18030 when not\n"
    "                   UTF-8); the text is stored converted to UTF-8\n"
    "  --input F        text, html, pdf, or auto (by content, then name; the default)\n"
    "  --replace        extract again reports whose bytes are already stored\n"
    "  --quiet          print nothing but errors\n"
    "\n"
    "Storing the same bytes twice changes nothing. Exit status: 0 when every report was\n"
    "stored, 1 when any failed (the others are still stored), 2 on a usage error.\n";

static const char compare_help[] =
    "usage: zhibiao compare --db FILE [--region R] [--base-year Y] [--target-year Y+1]\n"
    "                       [--format table|csv|json]\n"
    "\n"
    "Show each catalog metric's result of the base year next to its target for the\n"
    "year after (view v_target_vs_actual): e.g. 粮食产量 807.84亿斤 in 2021 against\n"
    ">=800亿斤 for 2022, \"floor below last result\". Without years, the newest pair the\n"
    "database holds. json is an array of objects with the view's column names.\n";

static const char export_help[] =
    "usage: zhibiao export --db FILE [--format csv|jsonl] [--bom] [--region R] [--year Y]\n"
    "                      [--report-year Y] [--kind achieved|target] [--sector S]\n"
    "                      [--metric-id ID]\n"
    "\n"
    "Print the stored indicators that match the filters, with their document's id,\n"
    "region and report year. csv (the default) follows RFC 4180 (CRLF, quoted fields);\n"
    "--bom starts it with a UTF-8 byte order mark for spreadsheet programs.\n";

static const char dashboard_help[] =
    "usage: zhibiao dashboard --db FILE [--region R] -o REPORT.html\n"
    "\n"
    "Write one self-contained HTML page (no network access, no external scripts):\n"
    "for the newest pair of years, a chart per sector of last year's results against\n"
    "this year's targets, and a table of all indicators of the newest report, with\n"
    "filters by sector and kind and each figure's source sentence on hover.\n";

static const char stats_help[] =
    "usage: zhibiao stats --db FILE\n"
    "\n"
    "Count documents and indicators per region and report year.\n";

const zb_command zb_cli_commands[] = {
    {"parse", zb_cmd_parse, parse_help},
    {"ingest", zb_cmd_ingest, ingest_help},
    {"compare", zb_cmd_compare, compare_help},
    {"export", zb_cmd_export, export_help},
    {"stats", zb_cmd_stats, stats_help},
    {"dashboard", zb_cmd_dashboard, dashboard_help},
    {NULL, NULL, NULL},
};

int zb_cli_help(const char *command) {
    for (const zb_command *c = zb_cli_commands; c->name; c++)
        if (!strcmp(c->name, command)) {
            fputs(c->help, stdout);
            return 0;
        }
    return zb_cli_error("no help for '%s': unknown command", command), 2;
}

int zb_cli_value(int argc, char **argv, int *i, const char *name, const char **value) {
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (a[n] != 0)
        return 0;
    if (*i + 1 >= argc) {
        *value = NULL;
        return 1;
    }
    *value = argv[++*i];
    return 1;
}

int zb_cli_year(const char *s, int *year) {
    char *end;
    long y = s ? strtol(s, &end, 10) : 0;
    if (!s || *end || y < 1949 || y > 2200)
        return 0;
    *year = (int)y;
    return 1;
}
