/* zhibiao dashboard: one self-contained HTML page from a database — a chart per
 * sector of last year's results against this year's targets (inline SVG), and
 * a filterable table of the newest report's indicators. No network, no
 * external scripts: the page is a single file to mail or open anywhere. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "zhibiao.h"

static const char *const sector_label[] = {"经济", "工业", "创新", "农业农村", "改革开放",
                                           "生态环境", "民生", "基础设施", "政府治理"};

static void html(FILE *f, const char *s) {
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

static void num(char *buf, size_t size, double v) {
    if (isnan(v))
        snprintf(buf, size, "–");
    else
        snprintf(buf, size, "%.10g", v);
}

typedef struct cmp_row {
    /* whole strings, in one allocation (mem): a metric or a region may be long */
    const char *metric, *metric_id, *actual_unit, *target_unit, *status, *region;
    char *mem;
    zb_measure measure;
    zb_cmp cmp;
    int sector, actual_year, target_year;
    double actual, target;             /* base values: the bars compare these */
    double actual_shown, target_shown; /* as written, for the labels */
} cmp_row;

static int keep_strings(cmp_row *r, const zb_comparison *c) {
    const char *from[6] = {c->metric, c->metric_id, c->actual_unit,
                           c->target_unit, c->status, c->region};
    const char **to[6] = {&r->metric, &r->metric_id, &r->actual_unit,
                          &r->target_unit, &r->status, &r->region};
    size_t len[6], total = 0;
    for (int k = 0; k < 6; k++)
        total += (len[k] = from[k] ? strlen(from[k]) : 0) + 1;
    char *p = r->mem = malloc(total);
    if (!p)
        return -1;
    for (int k = 0; k < 6; k++) {
        memcpy(p, from[k] ? from[k] : "", len[k] + 1);
        *to[k] = p;
        p += len[k] + 1;
    }
    return 0;
}

static void free_comparisons(cmp_row *rows, size_t n) {
    for (size_t i = 0; rows && i < n; i++)
        free(rows[i].mem);
    free(rows);
}

static int load_comparisons(zb_db *db, const char *region, cmp_row **out, size_t *n) {
    zb_comparisons *it;
    *out = NULL;
    *n = 0;
    if (zb_db_compare(&it, db, region, 0, 0) != ZB_OK)
        return -1;
    size_t cap = 0;
    int rc;
    while ((rc = zb_comparisons_next(it)) == ZB_ROW) {
        const zb_comparison *c = zb_comparisons_get(it);
        if (*n == cap) {
            cmp_row *bigger = realloc(*out, (cap = cap ? 2 * cap : 16) * sizeof **out);
            if (!bigger)
                break;
            *out = bigger;
        }
        cmp_row *r = &(*out)[*n];
        memset(r, 0, sizeof *r);
        if (keep_strings(r, c))
            break;
        (*n)++;
        r->measure = c->measure;
        r->cmp = c->target_cmp;
        r->actual_year = c->actual_year;
        r->target_year = c->target_year;
        r->actual = c->actual_base_value;
        r->target = c->target_base_value;
        r->actual_shown = c->actual_value;
        r->target_shown = c->target_value;
        r->sector = 0;
    }
    zb_comparisons_free(it);
    return rc == ZB_DONE ? 0 : rc == ZB_ROW ? -2 : -1; /* -2: out of memory */
}

/* The catalog sector of each compared metric, from the indicators themselves. */
static void sectors_of(zb_db *db, cmp_row *rows, size_t n) {
    for (size_t i = 0; i < n; i++) {
        zb_filter f = ZB_FILTER_INIT;
        f.metric_id = rows[i].metric_id;
        f.region = rows[i].region;
        f.year = rows[i].target_year;
        f.kinds = ZB_BIT(ZB_KIND_TARGET);
        zb_rows *it;
        if (zb_db_indicators(&it, db, &f) == ZB_OK && zb_rows_next(it) == ZB_ROW)
            rows[i].sector = (int)zb_rows_indicator(it)->sector;
        zb_rows_free(it);
    }
}

/* A chart: one row per metric, the result and the target as two bars scaled to
 * that metric (units differ from metric to metric); a zero line when negative. */
static void chart(FILE *f, int sector, const cmp_row *rows, size_t n) {
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += rows[i].sector == sector;
    if (!count)
        return;
    const int label_w = 230, bar_w = 320, row_h = 46, top = 30;
    int height = top + (int)count * row_h + 10, width = label_w + bar_w + 150;
    fprintf(f, "<figure class=\"chart\" data-sector=\"%s\"><figcaption>%s <small>%s</small>"
               "</figcaption>\n",
            zb_sector_name((zb_sector)sector), sector_label[sector],
            zb_sector_name((zb_sector)sector));
    fprintf(f, "<svg data-chart=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
               "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">\n",
            zb_sector_name((zb_sector)sector), width, height, width, height, sector_label[sector]);
    fprintf(f, "<g class=\"legend\"><rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" "
               "class=\"actual\"/><text x=\"%d\" y=\"17\">%d 实际</text><rect x=\"%d\" y=\"6\" "
               "width=\"12\" height=\"12\" class=\"target\"/><text x=\"%d\" y=\"17\">%d 目标"
               "</text></g>\n",
            label_w, label_w + 18, rows[0].actual_year, label_w + 110, label_w + 128,
            rows[0].target_year);
    int y = top;
    for (size_t i = 0; i < n; i++) {
        const cmp_row *r = &rows[i];
        if (r->sector != sector)
            continue;
        double scale = fmax(fabs(r->actual), fabs(r->target));
        if (scale == 0)
            scale = 1;
        int negative = r->actual < 0 || r->target < 0;
        double zero = negative ? label_w + bar_w / 2.0 : label_w;
        double span = negative ? bar_w / 2.0 : bar_w;
        char a[32], t[32];
        num(a, sizeof a, r->actual_shown);
        num(t, sizeof t, r->target_shown);
        fputs("<g class=\"row\"><title>", f);
        html(f, r->metric);
        fprintf(f, ": %d %s%s → %d %s%s%s (%s)</title>\n", r->actual_year, a, r->actual_unit,
                r->target_year, r->cmp == ZB_CMP_EQ ? "" : zb_cmp_name(r->cmp), t,
                r->target_unit, r->status);
        fprintf(f, "<text class=\"label\" x=\"0\" y=\"%d\">", y + 17);
        html(f, r->metric);
        fprintf(f, "</text><text class=\"measure\" x=\"0\" y=\"%d\">%s</text>\n", y + 33,
                zb_measure_name(r->measure));
        double values[2] = {r->actual, r->target};
        const char *cls[2] = {"actual", "target"};
        const char *labels[2] = {a, t};
        const char *units[2] = {r->actual_unit, r->target_unit};
        for (int k = 0; k < 2; k++) {
            double len = fabs(values[k]) / scale * span;
            double x = values[k] < 0 ? zero - len : zero;
            fprintf(f, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\"/>"
                       "<text class=\"value\" x=\"%.1f\" y=\"%d\">%s%s",
                    cls[k], x, y + 4 + k * 19, fmax(len, 1.0),
                    values[k] < 0 ? zero + 4 : x + fmax(len, 1.0) + 4, y + 17 + k * 19,
                    k == 1 && r->cmp != ZB_CMP_EQ ? zb_cmp_name(r->cmp) : "", labels[k]);
            html(f, units[k]);
            fputs("</text>\n", f);
        }
        if (negative)
            fprintf(f, "<line class=\"zero\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>\n",
                    zero, zero, y, y + 42);
        fputs("</g>\n", f);
        y += row_h;
    }
    fputs("</svg></figure>\n", f);
}

static const char style[] =
    "body{font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei','Source Han Sans SC',sans-serif;"
    "margin:24px;color:#222;background:#fafafa}h1{font-size:22px;margin:0 0 4px}"
    "header p{color:#666;margin:0 0 18px}#charts{display:flex;flex-wrap:wrap;gap:18px}"
    "figure.chart{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;"
    "margin:0}figcaption{font-weight:bold;margin-bottom:4px}figcaption small{color:#888;"
    "font-weight:normal}svg text{font-size:13px;fill:#222}svg text.measure{fill:#888;"
    "font-size:11px}svg text.value{font-size:12px}rect.actual{fill:#4e79a7}rect.target"
    "{fill:#f28e2b}line.zero{stroke:#999}.filters{margin:22px 0 8px}.filters label"
    "{margin-right:16px}table{border-collapse:collapse;background:#fff;font-size:13px}"
    "th,td{border:1px solid #ddd;padding:3px 7px;text-align:left}td.num{text-align:right}"
    "tr[title]:hover{background:#fff6d5;cursor:help}th{background:#eee;position:sticky;top:0}";

static const char script[] =
    "(function(){var s=document.getElementById('f-sector'),k=document.getElementById('f-kind'),"
    "c=document.getElementById('count'),rows=document.querySelectorAll('#indicators tbody tr');"
    "function apply(){var n=0;rows.forEach(function(r){var on=(!s.value||r.dataset.sector===s.value)"
    "&&(!k.value||r.dataset.kind===k.value);r.style.display=on?'':'none';if(on)n++;});"
    "c.textContent=n+' / '+rows.length;}s.onchange=k.onchange=apply;apply();})();";

typedef struct dashboard_args {
    const char *db, *region, *output;
} dashboard_args;

static const zb_option dashboard_options[] = {
    {"db", 'd', "a database file", 1},
    {"region", 'r', "a name such as 吉林省", 0},
    {"output", 'o', "a file, or - for standard output", 1},
    {NULL, 0, NULL, 0},
};

static int take(void *ctx, const char *cmd, const zb_option *o, const char *v) {
    dashboard_args *a = ctx;
    if (!o)
        return zb_cli_extra(cmd, v);
    switch (o->key) {
    case 'd': a->db = v; return 0;
    case 'r': a->region = v; return zb_cli_region_value(cmd, o, v);
    case 'o': a->output = v; return 0;
    }
    return 0;
}

int zb_cmd_dashboard(int argc, char **argv) {
    dashboard_args a = {0};
    int rc = zb_cli_options(argc, argv, dashboard_options, take, &a);
    if (rc != ZB_CLI_GO)
        return rc;
    if (!a.db || !a.output)
        return zb_cli_error("dashboard: give --db FILE and -o REPORT.html ('-o -' for standard "
                            "output)"), 2;
    const char *region = a.region;
    zb_db *db = NULL;
    if (zb_db_open(&db, a.db, ZB_DB_READONLY) != ZB_OK) {
        zb_cli_error("%s", zb_db_errmsg(db));
        zb_db_close(db);
        return 1;
    }
    cmp_row *rows = NULL;
    size_t n = 0;
    if ((rc = load_comparisons(db, region, &rows, &n)) != 0) {
        zb_cli_error("%s", rc == -2 ? "out of memory" : zb_db_errmsg(db));
        free_comparisons(rows, n);
        zb_db_close(db);
        return 1;
    }
    sectors_of(db, rows, n);
    const char *shown_region = region ? region : n ? rows[0].region : "";
    int target_year = n ? rows[0].target_year : 0;
    /* the table: the newest report of the region (the one with the targets) */
    zb_filter filter = ZB_FILTER_INIT;
    filter.region = *shown_region ? shown_region : NULL;
    filter.report_year = target_year;
    zb_output out;
    if (zb_cli_output_open(&out, a.output)) {
        free_comparisons(rows, n);
        zb_db_close(db);
        return 1;
    }
    FILE *f = out.f;
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width\"><title>",
          f);
    html(f, shown_region);
    fprintf(f, " %s</title><style>%s</style></head><body>\n<header><h1>", target_year ? "指标" : "",
            style);
    html(f, shown_region);
    if (n)
        fprintf(f, " %d年实际 vs %d年目标</h1>", rows[0].actual_year, target_year);
    else
        fputs(" 指标</h1>", f);
    fprintf(f, "<p>%zu metrics with a result and next year's target · generated by zhibiao %s"
               "</p></header>\n<section id=\"charts\">\n",
            n, zb_version());
    for (int s = ZB_SECTOR_ECONOMY; s <= ZB_SECTOR_GOVERNANCE; s++)
        chart(f, s, rows, n);
    if (!n)
        fputs("<p class=\"empty\">No result in this database has a target for the next "
              "year.</p>\n",
              f);
    fputs("</section>\n<section id=\"table\"><div class=\"filters\"><label>Sector "
          "<select id=\"f-sector\"><option value=\"\">all</option>",
          f);
    for (int s = ZB_SECTOR_ECONOMY; s <= ZB_SECTOR_GOVERNANCE; s++)
        fprintf(f, "<option value=\"%s\">%s %s</option>", zb_sector_name((zb_sector)s),
                sector_label[s], zb_sector_name((zb_sector)s));
    fputs("</select></label><label>Kind <select id=\"f-kind\"><option value=\"\">all</option>"
          "<option value=\"achieved\">achieved</option><option value=\"target\">target</option>"
          "</select></label><span id=\"count\"></span></div>\n<table id=\"indicators\"><thead>"
          "<tr><th>year</th><th>kind</th><th>sector</th><th>measure</th><th>metric</th>"
          "<th>cmp</th><th>value</th><th>unit</th><th>metric_id</th></tr></thead><tbody>\n",
          f);
    zb_rows *it;
    rc = zb_db_indicators(&it, db, &filter);
    size_t shown = 0;
    int step = ZB_DONE;
    while (rc == ZB_OK && (step = zb_rows_next(it)) == ZB_ROW) {
        const zb_indicator *d = zb_rows_indicator(it);
        char value[64];
        num(value, sizeof value, d->value);
        fprintf(f, "<tr data-sector=\"%s\" data-kind=\"%s\" title=\"", zb_sector_name(d->sector),
                zb_kind_name(d->kind));
        html(f, d->sentence);
        fprintf(f, "\"><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>", d->year,
                zb_kind_name(d->kind), zb_sector_name(d->sector), zb_measure_name(d->measure));
        html(f, d->metric);
        fprintf(f, "</td><td>%s</td><td class=\"num\">%s</td><td>", zb_cmp_name(d->cmp), value);
        html(f, d->unit);
        fprintf(f, "</td><td>%s</td></tr>\n", d->metric_id);
        shown++;
    }
    zb_rows_free(it);
    fprintf(f, "</tbody></table></section>\n<script>%s</script>\n</body></html>\n", script);
    /* a page without its table is no page: keep the old file then */
    int ok = rc == ZB_OK && step == ZB_DONE;
    if (!ok)
        zb_cli_error("%s", zb_db_errmsg(db));
    free_comparisons(rows, n);
    zb_db_close(db);
    if (zb_cli_output_close(&out, ok) || !ok)
        return 1;
    fprintf(stderr, "%s: %zu chart rows, %zu indicators\n",
            strcmp(a.output, "-") ? a.output : "standard output", n, shown);
    return 0;
}
