/* JSON strings that are safe inside an HTML <script> element: besides what
 * JSON needs, < > & are written as \u003c \u003e \u0026 (so no </script> or
 * <!-- can end or change the element), U+2028 and U+2029 as escapes (older
 * JavaScript reads them as line ends), and bytes that are not UTF-8 as U+FFFD. */
#include <stdio.h>

#include "cli.h"
#include "dashboard.h"

void zb_cli_json_string(FILE *f, const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    fputc('"', f);
    while (p < end) {
        unsigned char c = *p;
        if (c < 0x80) {
            switch (c) {
            case '"': fputs("\\\"", f); break;
            case '\\': fputs("\\\\", f); break;
            case '\n': fputs("\\n", f); break;
            case '\t': fputs("\\t", f); break;
            case '\r': fputs("\\r", f); break;
            default:
                if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x7f)
                    fprintf(f, "\\u%04x", c);
                else
                    fputc(c, f);
            }
            p++;
            continue;
        }
        size_t left = (size_t)(end - p);
        size_t n = zb_cli_utf8_prefix((const char *)p, left < 4 ? left : 4);
        size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (n < want) { /* not the start of a whole character */
            fputs("\\ufffd", f);
            p++;
            continue;
        }
        if (c == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
            fprintf(f, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
        else
            fwrite(p, 1, want, f);
        p += want;
    }
    fputc('"', f);
}
