/* --input: reports as users have them. Text goes through --encoding; a web
 * page or a PDF through the library's zb_source_text(). */
#include <string.h>

#include "cli.h"
#include "zhibiao.h"

int zb_cli_input_option(const char *cmd, const zb_option *opt, const char *value, int *format) {
    zb_input_format f;
    if (zb_input_format_from_name(&f, value) != ZB_OK)
        return zb_cli_bad(cmd, opt, value, opt->value);
    *format = (int)f;
    return 0;
}

/* .pdf, .html, .htm (any case) → the format the name says; AUTO otherwise. */
static zb_input_format by_name(const char *path) {
    size_t n = strlen(path);
    static const struct {
        const char *ext;
        zb_input_format format;
    } names[] = {{".pdf", ZB_INPUT_PDF}, {".html", ZB_INPUT_HTML}, {".htm", ZB_INPUT_HTML}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        size_t k = strlen(names[i].ext);
        int same = n >= k;
        for (size_t j = 0; same && j < k; j++)
            same = (path[n - k + j] | 0x20) == names[i].ext[j];
        if (same)
            return names[i].format;
    }
    return ZB_INPUT_AUTO;
}

int zb_cli_input_format(const zb_input *in, int format) {
    if (format != ZB_INPUT_AUTO)
        return format;
    zb_input_format f = zb_input_detect(in->data, in->len);
    if (f == ZB_INPUT_TEXT && by_name(in->path) != ZB_INPUT_AUTO)
        f = by_name(in->path); /* x.pdf that is no PDF: say so, not "binary text" */
    return (int)f;
}

int zb_cli_source(const zb_input *in, int format, zb_text **src) {
    *src = NULL;
    int rc = zb_source_text(src, in->data, in->len, (zb_input_format)format);
    if (rc == ZB_OK)
        return 0;
    zb_cli_error("%s: %s", in->path, *src ? zb_text_errmsg(*src) : "out of memory");
    zb_text_free(*src);
    *src = NULL;
    return 1;
}
