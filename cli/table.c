/* Tables for people, fitted to the terminal: text columns are cut first (with
 * …), ids and numbers never — when cutting is not enough a column is dropped,
 * since a cut id or number would be a wrong one. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

#include "cli.h"

#define GAP 2       /* spaces between columns */
#define NARROWEST 20 /* below this no table is readable; fit to 20 */

int zb_cli_terminal_width(void) {
    const char *env = getenv("COLUMNS");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (!*end && v > 0)
            return v > 10000 ? 10000 : (int)v;
    }
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 100;
}

/* Width of one character; -1 ends the walk (a broken byte counts as 1). */
static int char_at(const utf8proc_uint8_t *p, utf8proc_ssize_t *len) {
    utf8proc_int32_t cp;
    *len = utf8proc_iterate(p, -1, &cp);
    if (*len <= 0) {
        *len = 1;
        return 1;
    }
    int w = utf8proc_charwidth(cp);
    return w > 0 ? w : 0;
}

/* Display width of a UTF-8 string (CJK characters take two columns). */
int zb_cli_width(const char *s) {
    int w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_ssize_t k;
        w += char_at(p, &k);
        p += k;
    }
    return w;
}

/* Print the longest start of s that fits in cols (less one for … when cut);
 * returns the width printed. */
static int put_cut(FILE *f, const char *s, int cols) {
    int cut = zb_cli_width(s) > cols, w = 0;
    int room = cut ? cols - 1 : cols;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_ssize_t k;
        int cw = char_at(p, &k);
        if (w + cw > room)
            break;
        fwrite(p, 1, (size_t)k, f);
        w += cw;
        p += k;
    }
    if (cut && cols > 0) {
        fputs("…", f);
        w++;
    }
    return w;
}

void zb_cli_line(FILE *f, const char *s, int cols) {
    put_cut(f, s, cols);
    fputc('\n', f);
}

void zb_cli_cell(FILE *f, const char *s, int cols, int right) {
    int w = zb_cli_width(s);
    if (right && w < cols)
        fprintf(f, "%*s", cols - w, "");
    w = put_cut(f, s, cols);
    if (!right && w < cols)
        fprintf(f, "%*s", cols - w, "");
}

void zb_cli_number(char *buf, size_t size, double v) {
    if (isnan(v)) {
        snprintf(buf, size, "%s", "");
        return;
    }
    snprintf(buf, size, "%.15g", v);
}

void zb_cli_measure(zb_column *cols, size_t n, const char *const *cells) {
    for (size_t c = 0; c < n; c++) {
        int w = zb_cli_width(cells ? cells[c] : cols[c].name);
        if (w > cols[c].width)
            cols[c].width = w;
    }
}

static int total(const int *w, size_t n) {
    int t = 0, shown = 0;
    for (size_t c = 0; c < n; c++)
        if (w[c]) {
            t += w[c];
            shown++;
        }
    return shown ? t + GAP * (shown - 1) : 0;
}

void zb_cli_fit(zb_column *cols, size_t n, int width) {
    if (width < NARROWEST)
        width = NARROWEST;
    int natural[32], w[32];
    if (n > 32)
        n = 32;
    zb_cli_measure(cols, n, NULL); /* a column is at least as wide as its name */
    for (size_t c = 0; c < n; c++)
        natural[c] = cols[c].width;
    for (;;) {
        size_t shown = 0;
        for (size_t c = 0; c < n; c++) {
            w[c] = natural[c];
            shown += w[c] > 0;
        }
        /* cut the text columns, in their order, as far as they may go */
        for (int rank = 0, t = total(w, n); t > width && rank < 64; rank++)
            for (size_t c = 0; c < n && t > width; c++) {
                if (!w[c] || cols[c].shrink != rank || !cols[c].min || w[c] <= cols[c].min)
                    continue;
                int less = w[c] - cols[c].min;
                if (less > t - width)
                    less = t - width;
                w[c] -= less;
                t -= less;
            }
        if (total(w, n) <= width || shown <= 1)
            break;
        /* still too wide: drop the column that matters least, and fit again */
        size_t worst = n;
        for (size_t c = 0; c < n; c++)
            if (natural[c] && (worst == n || cols[c].drop < cols[worst].drop))
                worst = c;
        natural[worst] = 0;
    }
    /* the one column left may have to be cut whatever it is */
    for (size_t c = 0; c < n; c++) {
        if (w[c] > width)
            w[c] = width;
        cols[c].width = w[c];
    }
}

void zb_cli_row(FILE *f, const zb_column *cols, size_t n, const char *const *cells) {
    /* the line ends after its last non-empty cell: no trailing blanks */
    size_t last = n;
    for (size_t c = 0; c < n; c++)
        if (cols[c].width && (!cells || *cells[c]))
            last = c;
    for (size_t c = 0; c < n && last < n; c++) {
        if (!cols[c].width)
            continue;
        const char *s = cells ? cells[c] : cols[c].name;
        if (c == last && !cols[c].right)
            put_cut(f, s, cols[c].width);
        else
            zb_cli_cell(f, s, cols[c].width, cols[c].right);
        if (c == last)
            break;
        fputs("  ", f);
    }
    fputc('\n', f);
}

void zb_cli_rule(FILE *f, const zb_column *cols, size_t n) {
    size_t last = n;
    for (size_t c = 0; c < n; c++)
        if (cols[c].width)
            last = c;
    for (size_t c = 0; c < n; c++) {
        if (!cols[c].width)
            continue;
        for (int k = 0; k < cols[c].width; k++)
            fputc('-', f);
        fputs(c == last ? "\n" : "  ", f);
    }
}
