/* rows_of MODE FILE: the indicators of a report as JSON Lines
 * (zb_indicator_json), from zb_parse's kept rows (MODE "parse") or from
 * zb_parse_each's callback (MODE "each"), for tests/differential_test.py. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zhibiao.h"

static int print_row(void *ctx, const zb_indicator *ind) {
    (void)ctx;
    size_t need = zb_indicator_json(ind, NULL, 0) + 1;
    char *buf = malloc(need);
    if (!buf)
        return 1;
    zb_indicator_json(ind, buf, need);
    puts(buf);
    free(buf);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[1], "parse") && strcmp(argv[1], "each"))) {
        fprintf(stderr, "usage: rows_of parse|each FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "rb");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    char *text = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[65536];
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n > cap) {
            cap = (len + n) * 2;
            char *t = realloc(text, cap);
            if (!t)
                return 1;
            text = t;
        }
        memcpy(text + len, chunk, n);
        len += n;
    }
    fclose(f);
    zb_doc *doc = NULL;
    int rc = strcmp(argv[1], "parse") ? zb_parse_each(&doc, text, len, NULL, print_row, NULL)
                                      : zb_parse(&doc, text, len, NULL);
    if (rc == ZB_OK && !strcmp(argv[1], "parse"))
        for (size_t i = 0; i < zb_doc_count(doc) && rc == ZB_OK; i++)
            rc = print_row(NULL, zb_doc_get(doc, i));
    if (rc != ZB_OK)
        fprintf(stderr, "%s: %s\n", argv[2], zb_doc_errmsg(doc));
    zb_doc_free(doc);
    free(text);
    return rc == ZB_OK ? 0 : 1;
}
