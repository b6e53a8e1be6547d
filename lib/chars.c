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
    if (n < 3 || (unsigned char)s[0] < 0xE3)
        return 0;
    /* the three UTF-8 bytes as one number: one switch, not twelve compares */
    const unsigned char *u = (const unsigned char *)s;
    int d;
    switch ((uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2]) {
    case 0xE99BB6: d = 0; break; /* 零 */
    case 0xE38087: d = 0; break; /* 〇 */
    case 0xE4B880: d = 1; break; /* 一 */
    case 0xE4BA8C: d = 2; break; /* 二 */
    case 0xE4B8A4: d = 2; break; /* 两 */
    case 0xE4B889: d = 3; break; /* 三 */
    case 0xE59B9B: d = 4; break; /* 四 */
    case 0xE4BA94: d = 5; break; /* 五 */
    case 0xE585AD: d = 6; break; /* 六 */
    case 0xE4B883: d = 7; break; /* 七 */
    case 0xE585AB: d = 8; break; /* 八 */
    case 0xE4B99D: d = 9; break; /* 九 */
    default: return 0;
    }
    *len = 3;
    *value = d;
    return 1;
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

size_t zb__pinyin_at(const char *s, size_t n) {
    if (s[0] != '(')
        return 0;
    size_t i = 1;
    int letters = 0, toned = 0;
    while (i < n && letters <= 8) {
        size_t k;
        uint32_t cp = zb__cp_at(s, n, i, &k);
        if (cp == ')')
            break;
        if (cp >= 'a' && cp <= 'z')
            letters++;
        else if ((cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF)) {
            letters++;
            toned = 1;
        } else
            return 0;
        i += k;
    }
    return i < n && s[i] == ')' && letters && toned ? i + 1 : 0;
}
