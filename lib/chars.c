/* Bottom layer: character classes of folded text (see chars.h). */
#include "chars.h"
#include "zhibiao.h"

int zb__has_bytes(const char *s, size_t n, const char *w) {
    size_t k = strlen(w);
    if (n < k)
        return 0;
    const char *end = s + n - k + 1; /* one past the last place w can start */
    for (const char *p = s; p < end; p++) {
        p = memchr(p, w[0], (size_t)(end - p));
        if (!p)
            return 0;
        if (memcmp(p, w, k) == 0)
            return 1;
    }
    return 0;
}

int zb__is_closing(uint32_t cp) {
    return cp == 0x201D /* ” */ || cp == 0x2019 || cp == ')' || cp == 0x300D /* 」 */ ||
           cp == 0x300F || cp == 0x300B /* 》 */ || cp == 0x3011 /* 】 */ || cp == '"' ||
           cp == '\'';
}

int zb__is_cjk(uint32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x20000 && cp <= 0x2FA1F) || cp == 0x3007;
}

int zb__is_cn_digit(const char *s, size_t n, size_t *len, int *value) {
    static const char *const digits[] = {"零", "一", "二", "三", "四",
                                         "五", "六", "七", "八", "九"};
    if (n < 3 || (unsigned char)s[0] < 0xE3)
        return 0;
    for (int d = 0; d < 10; d++)
        if (memcmp(s, digits[d], 3) == 0) {
            *len = 3;
            *value = d;
            return 1;
        }
    if (memcmp(s, "两", 3) == 0 || memcmp(s, "〇", 3) == 0) {
        *len = 3;
        *value = s[0] == '\xE3' ? 0 : 2; /* 〇 is E3 80 87, 两 is E4 B8 A4 */
        return 1;
    }
    return 0;
}

int zb__is_cn_magnitude(const char *s, size_t n, size_t *len, int *exp10) {
    static const struct {
        const char *w;
        int e;
    } mags[] = {{"十", 1}, {"百", 2}, {"千", 3}, {"万", 4}, {"亿", 8}};
    if (n < 3)
        return 0;
    for (size_t i = 0; i < sizeof mags / sizeof *mags; i++)
        if (memcmp(s, mags[i].w, 3) == 0) {
            *len = 3;
            *exp10 = mags[i].e;
            if (mags[i].e == 4 && n >= 6 && memcmp(s + 3, "亿", 3) == 0) {
                *len = 6;
                *exp10 = 12;
            }
            return 1;
        }
    return 0;
}

/* White space, controls and the invisible format characters a pasted or
 * converted file carries (a byte order mark, zero-width spaces). */
static int invisible(int32_t cp) {
    return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
           (cp >= 0x205F && cp <= 0x2064) || cp == 0x3000 || cp == 0xFEFF;
}

/* Public (zhibiao.h): the one rule for "this report holds no text", asked by
 * the store before it keeps a document and by the command line's parse. */
int zb_text_blank(const char *text, size_t len) {
    if (!text)
        return 1;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += zb__utf8_decode(text + i, len - i, &cp);
        if (cp < 0 || !invisible(cp))
            return 0; /* a broken byte is something: the parser will name it */
    }
    return 1;
}
