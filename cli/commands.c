/* The command table, the usage text and the help texts. */
#include <string.h>

#include "cli.h"
#include "zhibiao.h"

#define ENCODING_HELP                                                                      \
    "      --encoding E     utf-8 (the default), gb18030, gbk, or auto: UTF-32 or UTF-16\n" \
    "                       with a byte order mark, else GB18030 when the bytes are not\n"  \
    "                       UTF-8 (said on stderr);\n"

#define OUTPUT_HELP                                                                        \
    "  -o, --output FILE    write to FILE instead of standard output ('-'); FILE is\n"     \
    "                       replaced only once all of it was written\n"

#define READONLY_HELP                                                                      \
    "DB is opened read-only and may lie in a read-only directory; when it has no -wal\n"  \
    "file the read takes no lock and leaves no file behind (a writer that starts\n"       \
    "meanwhile is not seen).\n"

static const char parse_help[] =
    "usage: zhibiao parse [options] FILE\n"
    "\n"
    "Extract every indicator of one report and print them. FILE is UTF-8 text as it\n"
    "comes from a newspaper page, a web page or a PDF, or the web page (HTML) or PDF\n"
    "file itself; '-' reads standard input, and '--' ends the options\n"
    "(zhibiao parse -- -odd.txt).\n"
    "\n"
    "  -y, --report-year Y  the year the report was given in (2022 for the 2022 report:\n"
    "                       results are of 2021, targets of 2022); found in the text\n"
    "                       (二、2022年工作安排, the title) when not given\n"
    "  -r, --region R       the region, shown in the table's title (e.g. 吉林省)\n"
    ENCODING_HELP
    "                       spans then count bytes of the text converted to UTF-8\n"
    "                       (text only: a web page says its charset, a PDF is Unicode)\n"
    "      --input F        text, html, pdf, or auto (the default): by the first bytes,\n"
    "                       else by the name (.pdf .html .htm); of a page its article,\n"
    "                       of a PDF each page's text, page numbers and running heads\n"
    "                       dropped; spans are then offsets in that text\n"
    "  -f, --format F       jsonl  one JSON object per indicator with the fields of the\n"
    "                              contract, in this order:\n"
    "                              @FIELDS@\n"
    "                       tsv    the same as tab-separated columns with a header\n"
    "                       table  an aligned table for people (the default on a\n"
    "                              terminal)\n"
    OUTPUT_HELP
    "  -h, --help           show this help\n"
    "\n"
    "Spans are byte offsets into FILE (of a web page or a PDF: into its text). The\n"
    "table is as wide as COLUMNS says, else as the terminal, else 100 columns: the\n"
    "metric is cut (…) first, and a column is left out rather than an id or a number\n"
    "cut.\n"
    "\n"
    "Exit status: 0 on success; 1 when the input cannot be read, is not valid UTF-8\n"
    "text (the message names line and byte) or is a damaged page or PDF, or the output\n"
    "cannot be written; 2 on a usage error.\n";

static const char ingest_help[] =
    "usage: zhibiao ingest [options] -d DB REPORT|DIR|'PATTERN'...\n"
    "\n"
    "Extract the indicators of each REPORT and store them in the SQLite database DB\n"
    "(created when missing), each report in one transaction: all of it or nothing.\n"
    "The report's bytes are kept verbatim, so every row points back to its source.\n"
    "A directory stands for the .txt, .html, .htm and .pdf files in it; a quoted\n"
    "pattern is expanded. A web page or a PDF is stored as its text (with its format\n"
    "and page count) under the SHA-256 of the file, so the same file is stored once.\n"
    "On a terminal a progress line shows files, rows and rates; the last line sums up.\n"
    "\n"
    "  -d, --db DB          the database (schema upgraded in place when older)\n"
    "  -r, --region R       the region of every REPORT (UTF-8, at most 200 bytes); by\n"
    "                       default the region the title block names (吉林省人民政府),\n"
    "                       else the province the text names most often\n"
    "  -y, --report-year Y  the year the reports were given in; by default from the text\n"
    ENCODING_HELP
    "                       the text is stored converted to UTF-8\n"
    "      --input F        text, html, pdf, or auto (by content, then name; the default)\n"
    "      --replace        extract again reports whose bytes are already stored\n"
    "  -q, --quiet          print nothing but errors\n"
    "  -h, --help           show this help\n"
    "\n"
    "Storing the same bytes twice changes nothing. Exit status: 0 when every report was\n"
    "stored; 1 when any failed (the others are still stored), a directory holds no\n"
    "report file, or the summary cannot be written; 2 on a usage error.\n";

static const char compare_help[] =
    "usage: zhibiao compare [options] -d DB\n"
    "\n"
    "Show each catalog metric's result of the base year next to its target for the\n"
    "year after (view v_target_vs_actual): e.g. 粮食产量 807.84亿斤 in 2021 against\n"
    ">=800亿斤 for 2022, \"floor below last result\". Without years, the newest pair the\n"
    "database holds.\n"
    "\n"
    "  -d, --db DB            the database\n"
    "  -r, --region R         only this region\n"
    "      --base-year Y      the year of the results\n"
    "      --target-year Y+1  the year of the targets, the one after --base-year\n"
    "  -f, --format F         table  aligned for people (the default), as wide as\n"
    "                                COLUMNS or the terminal; the status and the metric\n"
    "                                are cut first\n"
    "                         csv    RFC 4180 with the view's column names\n"
    "                         json   an array of objects with the view's column names\n"
    "  -o, --output FILE      write to FILE instead of standard output ('-'); FILE is\n"
    "                         replaced only once all of it was written\n"
    "  -h, --help             show this help\n"
    "\n" READONLY_HELP
    "Exit status: 0 on success, 1 when the database cannot be read or the output\n"
    "written, 2 on a usage error.\n";

#define VIEW_OPTIONS_HELP                                                                  \
    "  -d, --db DB          the database\n"                                                \
    "  -r, --region R       only this region: a full or short name or a code (湖北省,\n"  \
    "                       湖北, 420000)\n"                                               \
    "  -m, --metric ID      only this catalog id (gdp, grain_output, energy_intensity)\n"  \
    "      --year Y         only figures of this year\n"                                   \
    "      --entity E       only this entity's figures (东湖高新区); '' for the region's\n" \
    "                       own\n"                                                          \
    "  -f, --format F       table  aligned for people (the default), as wide as COLUMNS\n"  \
    "                              or the terminal; a range shows both ends (6%—7%)\n"     \
    "                       csv    RFC 4180 with the view's column names\n"                 \
    "                       jsonl  one JSON object per row with the view's column names\n"  \
    OUTPUT_HELP                                                                            \
    "  -h, --help           show this help\n"

static const char outcome_help[] =
    "usage: zhibiao outcome [options] -d DB\n"
    "\n"
    "Show each target against the result of the same year from a later report (view\n"
    "v_target_outcome), in the metric's better direction: exceeded, met, near,\n"
    "missed, qualitative (a target in words), no_result, incomparable (units that do\n"
    "not meet). A range (6%—7%) is met from its bottom; a 左右 target is near when the\n"
    "result falls short by at most the tolerance (settings: tolerance_points, 0.2\n"
    "points for % and 百分点; tolerance_share, 1% of the target otherwise), and\n"
    "exceeded above it by more; a target of a metric whose better direction is down\n"
    "(CPI, unemployment, energy intensity) is a ceiling, met at or below it. A floor\n"
    "written with 突破/超过 ('>') is strict: a result of exactly 50 is missed against\n"
    "突破50, a result itself written 突破50 meets it.\n"
    "\n" VIEW_OPTIONS_HELP
    "\n" READONLY_HELP
    "Exit status: 0 on success, 1 when the database cannot be read or the output\n"
    "written, 2 on a usage error.\n";

static const char panel_help[] =
    "usage: zhibiao panel [options] -d DB -m ID\n"
    "\n"
    "Show every region's target for one metric and year side by side (view v_panel):\n"
    "the comparator, the value and the top of a range, the commitment (strive for\n"
    "力争, ensure for 确保), the words as written, the region's code, level and English\n"
    "name, and the source. Without --year, the newest year the metric has targets for.\n"
    "\n" VIEW_OPTIONS_HELP
    "\n" READONLY_HELP
    "Exit status: 0 on success, 1 when the database cannot be read or the output\n"
    "written, 2 on a usage error (also without --metric).\n";

static const char series_help[] =
    "usage: zhibiao series [options] -d DB\n"
    "\n"
    "Show, year by year, the result and the target of each region, entity, catalog\n"
    "metric and measure (view v_metric_series): zhibiao series -d z.db -r 湖北 -m gdp.\n"
    "\n" VIEW_OPTIONS_HELP
    "\n" READONLY_HELP
    "Exit status: 0 on success, 1 when the database cannot be read or the output\n"
    "written, 2 on a usage error.\n";

static const char export_help[] =
    "usage: zhibiao export [options] -d DB\n"
    "\n"
    "Print the stored indicators that match the filters, with their document's id,\n"
    "region and report year, in document and text order.\n"
    "\n"
    "  -d, --db DB          the database\n"
    "  -f, --format F       csv (the default: RFC 4180, CRLF, quoted fields) or jsonl\n"
    "      --bom            begin the CSV with a UTF-8 byte order mark, for spreadsheets\n"
    "  -r, --region R       only this region\n"
    "      --year Y         only figures of this year\n"
    "  -y, --report-year Y  only reports of this year\n"
    "      --kind K         achieved or target\n"
    "      --sector S       economy, industry, innovation, agriculture, reform_opening,\n"
    "                       ecology, livelihood, infrastructure or governance; given\n"
    "                       more than once, --kind and --sector match any of theirs\n"
    "      --metric-id ID   a catalog id such as grain_output\n"
    OUTPUT_HELP
    "  -h, --help           show this help\n"
    "\n" READONLY_HELP
    "Exit status: 0 on success, 1 when the database cannot be read or the output\n"
    "written, 2 on a usage error.\n";

static const char dashboard_help[] =
    "usage: zhibiao dashboard [options] -d DB -o REPORT.html\n"
    "\n"
    "Write one self-contained HTML page (no network access, no external scripts) of\n"
    "every region in the database, with a region picker: last year's targets met or\n"
    "missed, this year's targets against last year's results (one scale per unit),\n"
    "a series per metric over the years, and a table of all indicators to search,\n"
    "sort and download as CSV; a row shows its source sentence with the figure\n"
    "marked. The page opens at ?region=NAME&q=WORDS&sort=COLUMN&dir=desc as given.\n"
    "\n"
    "  -d, --db DB          the database\n"
    "  -r, --region R       this region alone (a full or short name or a code)\n"
    "  -o, --output FILE    the page; '-' is standard output. FILE is replaced only\n"
    "                       once all of it was written\n"
    "  -h, --help           show this help\n"
    "\n" READONLY_HELP
    "Exit status: 0 on success, 1 when the database cannot be read or the page\n"
    "written, 2 on a usage error.\n";

static const char stats_help[] =
    "usage: zhibiao stats -d DB\n"
    "\n"
    "Count documents and indicators per region and report year.\n"
    "\n"
    "  -d, --db DB          the database\n"
    "  -h, --help           show this help\n"
    "\n" READONLY_HELP;

static const char help_help[] =
    "usage: zhibiao help [COMMAND]\n"
    "\n"
    "Show the commands, or the options of COMMAND (as zhibiao COMMAND --help does).\n";

static const char version_help[] =
    "usage: zhibiao version\n"
    "\n"
    "Print the version of zhibiao (also zhibiao -V, zhibiao --version).\n";

const zb_command zb_cli_commands[] = {
    {"parse", "FILE", "extract the indicators of one report and print them", zb_cmd_parse,
     parse_help},
    {"ingest", "-d DB FILE...", "store reports in an SQLite database", zb_cmd_ingest,
     ingest_help},
    {"compare", "-d DB", "last year's results against this year's targets", zb_cmd_compare,
     compare_help},
    {"outcome", "-d DB", "targets against the results of their year: met, missed, …",
     zb_cmd_outcome, outcome_help},
    {"panel", "-d DB -m ID", "every region's target for one metric side by side",
     zb_cmd_panel, panel_help},
    {"series", "-d DB", "a region's results and targets year by year", zb_cmd_series,
     series_help},
    {"export", "-d DB", "print stored indicators as CSV or JSON Lines", zb_cmd_export,
     export_help},
    {"stats", "-d DB", "count what a database holds", zb_cmd_stats, stats_help},
    {"dashboard", "-d DB -o FILE", "write an HTML page: charts and a table of indicators",
     zb_cmd_dashboard, dashboard_help},
    {"help", "[COMMAND]", "show the commands, or the options of one", zb_cmd_help, help_help},
    {"version", "", "print the version", zb_cmd_version, version_help},
    {NULL, NULL, NULL, NULL, NULL},
};

void zb_cli_usage(FILE *f) {
    fputs("usage: zhibiao <command> [options] [--] [arguments]\n"
          "\n"
          "Turns Chinese government work reports (政府工作报告) into indicator rows.\n"
          "\n"
          "commands:\n",
          f);
    for (const zb_command *c = zb_cli_commands; c->name; c++) {
        char head[64];
        snprintf(head, sizeof head, "%s %s", c->name, c->args);
        fprintf(f, "  %-26s%s\n", head, c->summary);
    }
    fputs("\n"
          "  -h, --help                this text (zhibiao COMMAND -h: the help of COMMAND)\n"
          "  -V, --version             the version\n"
          "\n"
          "Run 'zhibiao help COMMAND' for the options of a command, 'man zhibiao' for all.\n",
          f);
}

/* The contract's field names, as the library lists them, wrapped at column 80
 * under the column where they begin. */
static void print_fields(FILE *f, int indent) {
    int col = indent;
    for (size_t i = 0; i < zb_field_count(); i++) {
        const char *name = zb_field_name(i);
        int w = (int)strlen(name);
        if (i && col + 1 + w >= 80) {
            fprintf(f, "\n%*s", indent, "");
            col = indent;
        } else if (i) {
            fputc(' ', f);
            col++;
        }
        fputs(name, f);
        col += w;
    }
}

int zb_cli_help(const char *command) {
    for (const zb_command *c = zb_cli_commands; c->name; c++) {
        if (strcmp(c->name, command) != 0)
            continue;
        const char *at = strstr(c->help, "@FIELDS@");
        if (!at) {
            fputs(c->help, stdout);
            return 0;
        }
        const char *line = at;
        while (line > c->help && line[-1] != '\n')
            line--;
        fwrite(c->help, 1, (size_t)(at - c->help), stdout);
        print_fields(stdout, (int)(at - line));
        fputs(at + strlen("@FIELDS@"), stdout);
        return 0;
    }
    return zb_cli_error("no help for '%s': unknown command", command), 2;
}

/* ---- help and version ---- */

static int take_topic(void *ctx, const char *cmd, const zb_option *o, const char *v) {
    ZB_CLI_UNUSED(o);
    const char **topic = ctx;
    if (*topic)
        return zb_cli_extra(cmd, v);
    *topic = v;
    return 0;
}

int zb_cmd_help(int argc, char **argv) {
    static const zb_option opts[] = {{NULL, 0, NULL, 0}};
    const char *topic = NULL;
    int rc = zb_cli_options(argc, argv, opts, take_topic, &topic);
    if (rc != ZB_CLI_GO)
        return rc;
    if (topic)
        return zb_cli_help(topic);
    zb_cli_usage(stdout);
    return 0;
}

static int take_nothing(void *ctx, const char *cmd, const zb_option *o, const char *v) {
    ZB_CLI_UNUSED(ctx);
    ZB_CLI_UNUSED(o);
    return zb_cli_extra(cmd, v);
}

int zb_cmd_version(int argc, char **argv) {
    static const zb_option opts[] = {{NULL, 0, NULL, 0}};
    int rc = zb_cli_options(argc, argv, opts, take_nothing, NULL);
    if (rc != ZB_CLI_GO)
        return rc;
    printf("zhibiao %s\n", zb_version());
    return 0;
}
