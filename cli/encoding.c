/* --encoding: reports arrive as GB18030/GBK as often as UTF-8. Convert them to
 * UTF-8 with iconv (glibc) before the library sees them. Every byte offset in
 * a message here is one of the original file. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "cli.h"

size_t zb_cli_utf8_prefix(const char *s, size_t len) {
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

/* Lines end with '\n' in the UTF-8 text made so far: in UTF-16 a 0x0A byte
 * may be half of another character. */
static size_t lines_in(const char *s, size_t n) {
    size_t line = 1;
    for (size_t i = 0; i < n; i++)
        line += s[i] == '\n';
    return line;
}

/* Where a conversion failed or found something the library refuses: the
 * offset in the original file, and the line. */
typedef struct place {
    size_t at, line;
    int cut; /* the input ends inside a character */
} place;

/* The original offset of the character that became byte `out_at` of the
 * converted text: convert again into exactly out_at bytes of room. */
static size_t source_of(iconv_t cd, zb_input *in, char *scratch, size_t out_at) {
    iconv(cd, NULL, NULL, NULL, NULL);
    char *src = in->data, *dst = scratch;
    size_t left = in->len, room = out_at;
    iconv(cd, &src, &left, &dst, &room);
    return (size_t)(src - in->data);
}

/* Convert in->data from `from`. 0; -1 when the bytes are not `from` (*bad
 * says where); -2 when they hold a NUL character (*bad too); 1 after a message. */
static int convert(zb_input *in, const char *from, place *bad) {
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
    int rc = 0;
    while (left) {
        char *dst = out + used;
        size_t room = cap - used;
        size_t n = iconv(cd, &src, &left, &dst, &room);
        used = (size_t)(dst - out);
        if (n != (size_t)-1)
            break;
        if (errno == E2BIG) {
            char *bigger = realloc(out, cap *= 2);
            if (!bigger) {
                rc = zb_cli_error("%s: out of memory", in->path);
                break;
            }
            out = bigger;
            continue;
        }
        *bad = (place){(size_t)(src - in->data), lines_in(out, used), errno == EINVAL};
        rc = -1;
        break;
    }
    /* the library would refuse a NUL and name its offset in the converted
     * text; name it here, in the file's */
    const char *nul = rc == 0 ? memchr(out, 0, used) : NULL;
    if (nul) {
        size_t at = (size_t)(nul - out), line = lines_in(out, at);
        /* the converted text is dropped anyway: it is the scratch space */
        *bad = (place){source_of(cd, in, out, at), line, 0};
        rc = -2;
    }
    iconv_close(cd);
    if (rc != 0) {
        free(out);
        return rc;
    }
    zb_cli_release(in);
    in->data = out;
    in->len = used;
    return 0;
}

/* Convert, saying where the file is not `from`. */
static int convert_or_say(zb_input *in, const char *from) {
    place bad;
    int rc = convert(in, from, &bad);
    if (rc == -2)
        return zb_cli_error("%s: line %zu, byte %zu: a NUL character; this looks like a binary "
                            "file, not %s text", in->path, bad.line, bad.at, from);
    if (rc == -1)
        return zb_cli_error("%s: line %zu, byte %zu: not valid %s (%s)", in->path, bad.line,
                            bad.at, from,
                            bad.cut ? "a character cut off by the end" : "an invalid sequence");
    return rc;
}

int zb_cli_check_encoding(const char *name) {
    return !strcmp(name, "utf-8") || !strcmp(name, "utf8") || !strcmp(name, "gb18030") ||
           !strcmp(name, "gbk") || !strcmp(name, "auto");
}

/* A byte order mark of UTF-32 or UTF-16: the name iconv knows, else NULL.
 * UTF-32 first: its little-endian mark FF FE 00 00 begins like UTF-16's. */
static const char *unicode_mark(const zb_input *in, const char **mark) {
    const unsigned char *u = (const unsigned char *)in->data;
    size_t n = in->len;
    if (n >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)
        return *mark = "FF FE 00 00", "UTF-32";
    if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)
        return *mark = "00 00 FE FF", "UTF-32";
    if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return *mark = "FF FE", "UTF-16";
    if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return *mark = "FE FF", "UTF-16";
    return NULL;
}

int zb_cli_decode(zb_input *in, const char *encoding) {
    const char *mark = NULL, *unicode = unicode_mark(in, &mark);
    if (!encoding || !strcmp(encoding, "utf-8") || !strcmp(encoding, "utf8")) {
        /* the library names UTF-16 itself; UTF-32 it would take for UTF-16 */
        if (unicode && !strcmp(unicode, "UTF-32"))
            return zb_cli_error("%s: line 1, byte 0: the input is UTF-32 (byte order mark %s); "
                                "give --encoding auto, or convert it first, e.g. iconv -f "
                                "UTF-32 -t UTF-8", in->path, mark);
        return 0;
    }
    if (!strcmp(encoding, "gb18030"))
        return convert_or_say(in, "GB18030");
    if (!strcmp(encoding, "gbk"))
        return convert_or_say(in, "GBK");
    /* auto: UTF-8 when it is, UTF-32 or UTF-16 with a byte order mark, else GB18030 */
    if (unicode) {
        fprintf(stderr, "%s: %s: %s (byte order mark %s); converting to UTF-8\n", zb_cli_name,
                in->path, unicode, mark);
        return convert_or_say(in, unicode);
    }
    size_t valid = zb_cli_utf8_prefix(in->data, in->len);
    if (valid == in->len)
        return 0;
    /* the line of the first byte that is not UTF-8, among the lines before it */
    size_t line = lines_in(in->data, valid);
    place bad;
    int rc = convert(in, "GB18030", &bad);
    if (rc == 0)
        fprintf(stderr, "%s: %s: not UTF-8 (line %zu, byte %zu); reading it as GB18030\n",
                zb_cli_name, in->path, line, valid);
    /* GB18030 failing before the first byte that is not UTF-8 means the start
     * was UTF-8, and GB18030 a wrong guess: the byte to name is that one */
    if (rc == -1 && bad.at < valid)
        return zb_cli_error("%s: line %zu, byte %zu: not valid UTF-8 (0x%02X), and the file is "
                            "not GB18030 either; give --encoding when you know it",
                            in->path, line, valid, (unsigned char)in->data[valid]);
    if (rc == -1)
        return zb_cli_error("%s: line %zu, byte %zu: not valid GB18030 (%s); the file is not "
                            "UTF-8 from byte %zu on and was read as GB18030",
                            in->path, bad.line, bad.at,
                            bad.cut ? "a character cut off by the end" : "an invalid sequence",
                            valid);
    if (rc == -2)
        return zb_cli_error("%s: line %zu, byte %zu: a NUL character; this looks like a binary "
                            "file, not text", in->path, bad.line, bad.at);
    return rc;
}
