/*
 * Bottom layer: characters of folded text (NFKC, simplified) — UTF-8 stepping
 * and the classes every stage asks about: punctuation, CJK, Chinese digits.
 * Folded text writes ASCII punctuation for full-width forms (，→ , ：→ :), so
 * each class lists both only where NFKC leaves a Chinese form (、 。).
 */
#ifndef ZB_CHARS_H
#define ZB_CHARS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Length of the UTF-8 sequence starting with byte c (1 for a stray byte).
 * Inline: it runs on every character of a report. */
static inline size_t zb__utf8_len(unsigned char c) {
    return c < 0x80 ? 1 : c >= 0xF0 && c < 0xF8 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* Decode one character at s[0..n) of validated text; returns its length (>= 1),
 * *cp = -1 when cut off by the end. No utf8proc here: the text was validated
 * on the way in, and this runs on every character. */
static inline size_t zb__utf8_decode(const char *s, size_t n, int32_t *cp) {
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    size_t k = zb__utf8_len(u[0]);
    if (k == 1 || k > n) {
        *cp = -1;
        return 1;
    }
    if (k == 2)
        *cp = (int32_t)((u[0] & 0x1F) << 6 | (u[1] & 0x3F));
    else if (k == 3)
        *cp = (int32_t)((u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F));
    else
        *cp = (int32_t)((u[0] & 0x07) << 18 | (u[1] & 0x3F) << 12 | (u[2] & 0x3F) << 6 |
                        (u[3] & 0x3F));
    return k;
}

/* The code point at s[i] (U+FFFD for a broken one); its length in *len. */
static inline uint32_t zb__cp_at(const char *s, size_t n, size_t i, size_t *len) {
    int32_t cp;
    size_t k = zb__utf8_decode(s + i, n - i, &cp);
    if (len)
        *len = k;
    return cp < 0 ? 0xFFFD : (uint32_t)cp;
}

static inline int zb__is_digit(char c) { return c >= '0' && c <= '9'; }
/* The lead byte of a three-byte character of U+4000–U+9FFF (E4–E9): nearly
 * all Chinese text, which holds no punctuation, digit or space. */
static inline int zb__is_ideograph_lead(unsigned char b) { return (unsigned char)(b - 0xE4) < 6; }

/* The code point at s[i] for a punctuation test: an ideograph (a lead byte
 * E4–E9: U+4000–U+9FFF, most of a report, never punctuation) is not decoded
 * and reads as U+4E00 (一). */
static inline uint32_t zb__punct_cp_at(const char *s, size_t n, size_t i, size_t *len) {
    if (zb__is_ideograph_lead((unsigned char)s[i]) && n - i >= 3) {
        if (len)
            *len = 3;
        return 0x4E00;
    }
    return zb__cp_at(s, n, i, len);
}

/* Does s[i..n) start with the bytes of w? */
static inline int zb__starts(const char *s, size_t n, size_t i, const char *w) {
    /* the first byte turns most away before strlen and memcmp (lists of words
     * are tried in loops, at every clause) */
    if (w[0] && (i >= n || s[i] != w[0]))
        return 0;
    size_t k = strlen(w);
    return i + k <= n && memcmp(s + i, w, k) == 0;
}

static inline int zb__is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Start of the character before byte i (0 at the start). Inline, with the
 * two punctuation tests below: stages ask them at nearly every character. */
static inline size_t zb__prev_char(const char *s, size_t i) {
    if (i == 0)
        return 0;
    size_t p = i - 1;
    while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80 && i - p < 4)
        p--;
    return p;
}
/* Does s[0..n) hold the bytes of w anywhere? (memmem is not C11.) */
int zb__has_bytes(const char *s, size_t n, const char *w);
/* "(fā)" at s, a pinyin reading in parentheses as web converters insert it
 * after a character (發(fā)展): its length, or 0. Not text. */
size_t zb__pinyin_at(const char *s, size_t n);

/* ends a sentence: 。 ! ? ; … */
static inline int zb__is_final_punct(uint32_t cp) {
    return cp == 0x3002 /* 。 */ || cp == '!' || cp == '?' || cp == ';' || cp == 0x2026 ||
           cp == 0xFF61 /* ｡ */;
}
/* a quotation mark of folded text: “ ” ‘ ’ 「 」 『 』 (fold turns " and ＂
 * into “ and ”) */
static inline int zb__is_quote_mark(uint32_t cp) {
    return cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x300C ||
           cp == 0x300D || cp == 0x300E || cp == 0x300F;
}
/* ends a clause: , 、 ; : */
static inline int zb__is_clause_punct(uint32_t cp) {
    return cp == ',' || cp == 0xFF0C || cp == 0x3001 /* 、 */ || cp == ';' || cp == ':' ||
           cp == 0xFF1B || cp == 0xFF1A;
}
int zb__is_closing(uint32_t cp);      /* closes a quotation or bracket: ” ) 》 」 */
int zb__is_cjk(uint32_t cp);          /* a Chinese character (and 〇) */

/* A Chinese digit at s (零一二…九, 两, 〇): its value and length. */
int zb__is_cn_digit(const char *s, size_t n, size_t *len, int *value);
/* A Chinese magnitude at s (十 百 千 万 亿, 万亿 as one): its power of ten. */
int zb__is_cn_magnitude(const char *s, size_t n, size_t *len, int *exp10);

#endif
