/* --encoding: reports arrive as GB18030/GBK as often as UTF-8. Convert them to
 * UTF-8 with iconv (glibc) before the library sees them. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "cli.h"

/* Offset of the first byte that is not valid UTF-8, or len. */
static size_t utf8_prefix(const char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0)
            return i;
        i += (size_t)k;
    }
    return len;
}

static int convert(zb_input *in, const char *from) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return zb_cli_error("%s: cannot convert from %s: %s", in->path, from, strerror(errno));
    size_t cap = in->len * 2 + 16, used = 0;
    char *out = malloc(cap);
    if (!out) {
        iconv_close(cd);
        return zb_cli_error("%s: out of memory", in->path);
    }
    char *src = in->data;
    size_t left = in->len;
    while (left) {
        char *dst = out + used;
        size_t room = cap - used;
        size_t rc = iconv(cd, &src, &left, &dst, &room);
        used = (size_t)(dst - out);
        if (rc != (size_t)-1)
            break;
        if (errno == E2BIG) {
            char *bigger = realloc(out, cap *= 2);
            if (!bigger) {
                free(out);
                iconv_close(cd);
                return zb_cli_error("%s: out of memory", in->path);
            }
            out = bigger;
            continue;
        }
        size_t at = (size_t)(src - in->data);
        free(out);
        iconv_close(cd);
        return zb_cli_error("%s: byte %zu: not valid %s (%s)", in->path, at, from,
                            errno == EINVAL ? "cut off at the end" : "an invalid sequence");
    }
    iconv_close(cd);
    zb_cli_release(in);
    in->data = out;
    in->len = used;
    in->mapped = 0;
    return 0;
}

int zb_cli_check_encoding(const char *name) {
    return !strcmp(name, "utf-8") || !strcmp(name, "utf8") || !strcmp(name, "gb18030") ||
           !strcmp(name, "gbk") || !strcmp(name, "auto");
}

int zb_cli_decode(zb_input *in, const char *encoding) {
    if (!encoding || !strcmp(encoding, "utf-8") || !strcmp(encoding, "utf8"))
        return 0;
    if (!strcmp(encoding, "gb18030"))
        return convert(in, "GB18030");
    if (!strcmp(encoding, "gbk"))
        return convert(in, "GBK");
    /* auto: UTF-8 when it is, UTF-16 with a byte order mark, else GB18030 */
    const unsigned char *u = (const unsigned char *)in->data;
    if (in->len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        fprintf(stderr, "%s: %s: UTF-16 (byte order mark); converting to UTF-8\n", zb_cli_name,
                in->path);
        return convert(in, "UTF-16");
    }
    size_t valid = utf8_prefix(in->data, in->len);
    if (valid == in->len)
        return 0;
    fprintf(stderr, "%s: %s: not UTF-8 (byte %zu); reading it as GB18030\n", zb_cli_name,
            in->path, valid);
    return convert(in, "GB18030");
}
