/* compare: ingest reports into a database and print last year's results next
 * to this year's targets, with the C API of libzhibiao.
 *
 *   cc compare.c $(pkg-config --cflags --libs zhibiao) -o compare
 *   ./compare zhibiao.db report.txt...
 */
#include <stdio.h>
#include <stdlib.h>
#include <zhibiao.h>

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s DATABASE [REPORT...]\n", argv[0]);
        return 2;
    }
    zb_db *db = NULL;
    if (zb_db_open(&db, argv[1], 0) != ZB_OK) {
        fprintf(stderr, "%s\n", zb_db_errmsg(db));
        zb_db_close(db);
        return 1;
    }
    for (int i = 2; i < argc; i++) {
        size_t len;
        char *text = read_file(argv[i], &len);
        if (!text) {
            fprintf(stderr, "%s: cannot read\n", argv[i]);
            zb_db_close(db);
            return 1;
        }
        zb_ingest_options opts = ZB_INGEST_OPTIONS_INIT;
        opts.source = argv[i];
        zb_ingest_result res;
        int rc = zb_db_ingest(db, text, len, &opts, &res);
        free(text);
        if (rc != ZB_OK) {
            fprintf(stderr, "%s\n", zb_db_errmsg(db));
            zb_db_close(db);
            return 1;
        }
    }
    zb_comparisons *it = NULL;
    int rc = zb_db_compare(&it, db, NULL, 0, 0); /* the newest pair of years */
    if (rc != ZB_OK) {
        fprintf(stderr, "%s\n", zb_db_errmsg(db));
        zb_db_close(db);
        return 1;
    }
    while ((rc = zb_comparisons_next(it)) == ZB_ROW) {
        const zb_comparison *c = zb_comparisons_get(it);
        printf("%s\t%s\t%s\t%d\t%g%s\t%d\t%s%g%s\t%s\n", c->region, c->metric_id,
               zb_measure_name(c->measure), c->actual_year, c->actual_value, c->actual_unit,
               c->target_year, c->target_cmp == ZB_CMP_EQ ? "" : zb_cmp_name(c->target_cmp),
               c->target_value, c->target_unit, c->status);
    }
    zb_comparisons_free(it);
    if (rc != ZB_DONE) {
        fprintf(stderr, "%s\n", zb_db_errmsg(db));
        zb_db_close(db);
        return 1;
    }
    return zb_db_close(db) == ZB_OK ? 0 : 1;
}
