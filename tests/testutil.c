#include "testutil.h"

#include <check.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *tu_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
        }
        size_t k = fread(buf + n, 1, cap - n, f);
        if (k == 0)
            break;
        n += k;
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

int tu_tsv_load(tu_tsv *t, const char *path) {
    size_t len;
    memset(t, 0, sizeof *t);
    t->buf = tu_read_file(path, &len);
    size_t cap = 64;
    t->rows = malloc(cap * sizeof *t->rows);
    char *line = t->buf;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        if (*line && *line != '#') {
            int ncol = 1;
            for (char *p = line; *p; p++)
                ncol += *p == '\t';
            char **cells = malloc((size_t)ncol * sizeof *cells);
            int c = 0;
            cells[c++] = line;
            for (char *p = line; *p; p++)
                if (*p == '\t') {
                    *p = 0;
                    cells[c++] = p + 1;
                }
            if (t->nrows == 0)
                t->ncols = ncol;
            else if (ncol != t->ncols) {
                fprintf(stderr, "%s: row %zu has %d columns, the header %d\n", path,
                        t->nrows + 1, ncol, t->ncols);
                return -1;
            }
            if (t->nrows == cap) {
                cap *= 2;
                t->rows = realloc(t->rows, cap * sizeof *t->rows);
            }
            t->rows[t->nrows++] = cells;
        }
        line = nl ? nl + 1 : NULL;
    }
    return 0;
}

void tu_tsv_free(tu_tsv *t) {
    for (size_t i = 0; i < t->nrows; i++)
        free(t->rows[i]);
    free(t->rows);
    free(t->buf);
    memset(t, 0, sizeof *t);
}

void tu_unescape(char *s) {
    char *w = s;
    for (char *p = s; *p; p++) {
        if (*p == '\\' && (p[1] == 'n' || p[1] == 't' || p[1] == '\\')) {
            *w++ = p[1] == 'n' ? '\n' : p[1] == 't' ? '\t' : '\\';
            p++;
        } else {
            *w++ = *p;
        }
    }
    *w = 0;
}

long tu_find(const char *hay, const char *needle, int n) {
    const char *p = hay;
    for (int i = 1;; i++) {
        const char *hit = strstr(p, needle);
        if (!hit)
            return -1;
        if (i == n)
            return (long)(hit - hay);
        p = hit + 1;
    }
}

int tu_run(Suite *suite) {
    SRunner *sr = srunner_create(suite);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
