/* stream: print the indicators of a report as JSON Lines while it is parsed,
 * with the C API of libzhibiao. zb_parse_each() hands each paragraph's rows to
 * a callback and keeps none, so memory stays bounded whatever the size of the
 * report; with ZB_PARSE_AHEAD the parse runs on in a second thread while the
 * callback writes in this one.
 *
 *   cc stream.c $(pkg-config --cflags --libs zhibiao) -o stream
 *   ./stream report.txt > rows.jsonl
 *
 * The output is what `zhibiao parse report.txt --format jsonl` prints.
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
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static int to_file(void *f, const void *data, size_t len) {
    return fwrite(data, 1, len, f) == len ? 0 : -1;
}

typedef struct out {
    zb_writer *w;
    int failed; /* the writer's: it says why */
} out;

/* Called in this thread, in the order of the text; the row and its strings
 * are valid during the call only. A non-zero return stops the parse. */
static int write_row(void *ctx, const zb_indicator *ind) {
    out *o = ctx;
    int rc = zb_writer_indicator(o->w, ind, NULL);
    o->failed = rc != ZB_OK;
    return rc;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s REPORT\n", argv[0]);
        return 2;
    }
    size_t len;
    char *text = read_file(argv[1], &len);
    if (!text) {
        perror(argv[1]);
        return 1;
    }
    out o = {NULL, 0};
    if (zb_writer_new(&o.w, ZB_FORMAT_JSONL, 0, to_file, stdout) != ZB_OK) {
        fprintf(stderr, "out of memory\n");
        free(text);
        return 1;
    }
    zb_parse_options opts = ZB_PARSE_OPTIONS_INIT;
    opts.flags |= ZB_PARSE_AHEAD;
    zb_doc *doc = NULL;
    int rc = zb_parse_each(&doc, text, len, &opts, write_row, &o);
    if (rc == ZB_OK && (rc = zb_writer_finish(o.w)) != ZB_OK)
        o.failed = 1;
    if (rc != ZB_OK)
        fprintf(stderr, "%s: %s\n", argv[1],
                o.failed ? zb_writer_errmsg(o.w) : zb_doc_errmsg(doc));
    zb_writer_free(o.w);
    zb_doc_free(doc);
    free(text);
    return rc == ZB_OK ? 0 : 1;
}
