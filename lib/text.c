/*
 * Stage 1, text: validate the caller's bytes and fold them for matching.
 *
 * Folding is done one character at a time (NFKC of that character, then
 * traditional → simplified), and every folded byte remembers the offset of the
 * character it came from, so any span found in folded text maps back exactly
 * to the caller's bytes. Per-character NFKC cannot compose a base letter with
 * a combining mark that follows it as a separate character; reports do not
 * write Chinese or digits that way.
 */
#include <string.h>
#include <utf8proc.h>

#include "chars.h"
#include "tables.h"
#include "text.h"

static size_t line_of(const char *s, size_t off) {
    size_t line = 1;
    for (const char *p = s, *end = s + off; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        line++;
    return line;
}

/* Why the UTF-8 sequence at s[0..n) is invalid, in words. */
static const char *utf8_problem(const unsigned char *s, size_t n) {
    unsigned char c = s[0];
    if (c >= 0x80 && c < 0xC0)
        return "a continuation byte with no lead byte";
    if (c == 0xC0 || c == 0xC1 || c >= 0xF5)
        return "a byte that never occurs in UTF-8";
    size_t need = zb__utf8_len(c);
    if (need > n)
        return "a sequence cut off by the end of the input";
    for (size_t i = 1; i < need; i++)
        if ((s[i] & 0xC0) != 0x80)
            return "a sequence that ends early";
    return "an overlong form, a surrogate or a code point beyond U+10FFFF";
}

int zb__validate(const char *s, size_t n, zb_err *err) {
    const unsigned char *u = (const unsigned char *)s;
    if (n > ZB_MAX_INPUT)
        return zb__err_set(err, ZB_EINVAL, "the input is %zu bytes; zhibiao reads at most 4 GiB "
                           "at a time (split the file)", n);
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return zb__err_set(err, ZB_EENCODING,
                           "line 1, byte 0: the input is UTF-16 (byte order mark %02X %02X); "
                           "convert it first, e.g. iconv -f UTF-16 -t UTF-8",
                           u[0], u[1]);
    size_t i = 0;
    while (i < n) {
        /* ASCII runs are most of the bytes in a web page and cheap to skip. */
        while (i < n && u[i] < 0x80 && u[i] != 0)
            i++;
        if (i == n)
            break;
        /* the common case, three bytes (ideographs, Chinese and full-width
         * punctuation): leads E1–EC and EE–EF can be neither overlong nor a
         * surrogate, so two continuation bytes (80–BF: below 0x40 once 0x80 is
         * flipped) make it valid; utf8proc judges everything else */
        while (i + 2 < n && (unsigned char)(u[i] - 0xE1) <= 0x0E && u[i] != 0xED &&
               ((u[i + 1] ^ 0x80) | (u[i + 2] ^ 0x80)) < 0x40)
            i += 3;
        if (i == n || (u[i] < 0x80 && u[i] != 0))
            continue;
        if (u[i] == 0)
            return zb__err_set(err, ZB_EENCODING,
                               "line %zu, byte %zu: a NUL byte; this looks like a binary "
                               "file, not text",
                               line_of(s, i), i);
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return zb__err_set(err, ZB_EUTF8,
                               "line %zu, byte %zu: invalid UTF-8 (0x%02X begins %s)",
                               line_of(s, i), i, u[i], utf8_problem(u + i, n - i));
        i += (size_t)k;
    }
    return ZB_OK;
}

/* ---- folded text ---- */

int zb__ntext_reserve(const zb_mem *m, zb_ntext *t, size_t extra) {
    if (extra > (SIZE_MAX / sizeof(uint32_t)) / 2 - t->len)
        return ZB_ENOMEM;
    size_t need = t->len + extra + 1;
    if (need <= t->cap)
        return ZB_OK;
    size_t cap = t->cap ? t->cap : 256;
    while (cap < need)
        cap *= 2;
    char *s = zb__realloc(m, t->s, cap);
    if (!s)
        return ZB_ENOMEM;
    t->s = s;
    uint32_t *src = zb__realloc(m, t->src, cap * sizeof *src);
    if (!src)
        return ZB_ENOMEM;
    t->src = src;
    t->cap = cap;
    return ZB_OK;
}

/* Bytes from input offset src are about to follow what t holds: mark the map
 * unordered when they come from before its last byte (the other column). */
static void note_order(zb_ntext *t, size_t src) {
    if (t->len && src < t->src[t->len - 1])
        t->unordered = 1;
}

int zb__ntext_add(const zb_mem *m, zb_ntext *t, const char *s, size_t n, size_t src) {
    if (zb__ntext_reserve(m, t, n))
        return ZB_ENOMEM;
    if (n)
        note_order(t, src);
    memcpy(t->s + t->len, s, n);
    for (size_t i = 0; i < n; i++)
        t->src[t->len + i] = (uint32_t)src;
    t->len += n;
    t->s[t->len] = 0;
    return ZB_OK;
}

int zb__ntext_append(const zb_mem *m, zb_ntext *t, const zb_ntext *t2, size_t from, size_t to) {
    size_t n = to - from;
    if (zb__ntext_reserve(m, t, n))
        return ZB_ENOMEM;
    if (n && t2->unordered)
        t->unordered = 1;
    if (n)
        note_order(t, t2->src[from]);
    memcpy(t->s + t->len, t2->s + from, n);
    memcpy(t->src + t->len, t2->src + from, n * sizeof *t->src);
    t->len += n;
    t->s[t->len] = 0;
    return ZB_OK;
}

void zb__ntext_clear(zb_ntext *t) {
    t->len = 0;
    t->unordered = 0;
    if (t->s)
        t->s[0] = 0;
}

void zb__ntext_free(const zb_mem *m, zb_ntext *t) {
    zb__free(m, t->s);
    zb__free(m, t->src);
    memset(t, 0, sizeof *t);
}

void zb__ntext_span(const zb_ntext *t, const char *orig, size_t orig_len, size_t start,
                    size_t end, size_t *ostart, size_t *oend) {
    if (start >= t->len) {
        *ostart = *oend = t->len ? t->src[t->len - 1] + zb__utf8_len((unsigned char)orig[t->src[t->len - 1]]) : 0;
        if (*ostart > orig_len)
            *ostart = *oend = orig_len;
        return;
    }
    *ostart = t->src[start];
    if (end <= start) {
        *oend = *ostart;
        return;
    }
    size_t last = t->src[end - 1];
    if (t->unordered) {
        /* two columns read one after the other (columns.c): the range holds
         * every byte, so a sentence's span holds its figures' */
        for (size_t i = start; i < end; i++) {
            if (t->src[i] < *ostart)
                *ostart = t->src[i];
            if (t->src[i] > last)
                last = t->src[i];
        }
    }
    size_t e = last + zb__utf8_len((unsigned char)orig[last]);
    *oend = e > orig_len ? orig_len : e;
}

/* Is orig[from..to) only what layout drops between the pieces of one figure:
 * spaces, line and page breaks, invisible characters, a web converter's
 * pinyin (1100萬(wàn)人以上)? */
static int blank_between(const char *orig, size_t from, size_t to) {
    while (from < to) {
        size_t py = zb__pinyin_at(orig + from, to - from);
        if (py) {
            from += py;
            continue;
        }
        int32_t cp;
        size_t k = zb__utf8_decode(orig + from, to - from, &cp);
        if (!(cp >= 0 && (cp <= 0x20 || cp == 0xA0 || cp == 0xAD || cp == 0x3000 ||
                          cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060)))
            return 0;
        from += k;
    }
    return 1;
}

void zb__ntext_span_tight(const zb_ntext *t, const char *orig, size_t orig_len, size_t start,
                          size_t end, size_t *ostart, size_t *oend) {
    size_t i = start + 1;
    for (; i < end && end <= t->len; i++) {
        size_t prev = t->src[i - 1], cur = t->src[i];
        if (cur == prev)
            continue; /* the bytes of one character */
        if (cur < prev)
            break;
        size_t after = prev + zb__utf8_len((unsigned char)orig[prev]);
        if (cur > after && !blank_between(orig, after, cur))
            break;
    }
    zb__ntext_span(t, orig, orig_len, start, i < end ? i : end, ostart, oend);
}

/* ---- folding ---- */

static int is_invisible(int32_t cp) {
    /* BOM, zero-width spaces and joiners, soft hyphen: layout debris, not text */
    return cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0x00AD;
}

static int add_cp(const zb_mem *m, zb_ntext *out, int32_t cp, size_t src) {
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, enc);
    return zb__ntext_add(m, out, (const char *)enc, (size_t)k, src);
}

/* Does the CJK ideograph cp (U+3400–U+9FFF) fold to another character? The
 * bitmap of zb__t2s_fold, inline: most characters of a report are simplified
 * already, and this runs on each of them. */
static inline int may_be_traditional(uint32_t cp) {
    uint32_t bit = cp - ZB_T2S_BITMAP_LO;
    return (zb__t2s_bitmap[bit / 8] >> (bit % 8)) & 1u;
}

/* Fold one character the short ways do not cover (NFKC by utf8proc, then
 * traditional → simplified), appending through zb__ntext_add. */
static int fold_rare(const zb_mem *m, zb_ntext *out, int32_t cp, const char *orig, size_t i,
                     size_t k) {
    if (cp >= 0x3400 && cp <= 0x9FFF) {
        uint32_t simp = zb__t2s_fold((uint32_t)cp);
        return simp == (uint32_t)cp ? zb__ntext_add(m, out, orig + i, k, i)
                                    : add_cp(m, out, (int32_t)simp, i);
    }
    utf8proc_int32_t buf[32];
    int boundclass = 0;
    utf8proc_ssize_t nd =
        utf8proc_decompose_char(cp, buf, 32, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, &boundclass);
    if (nd > 1)
        nd = utf8proc_normalize_utf32(buf, nd, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (nd <= 0) {
        buf[0] = cp;
        nd = 1;
    }
    for (utf8proc_ssize_t d = 0; d < nd; d++) {
        int32_t f = (int32_t)zb__t2s_fold((uint32_t)buf[d]);
        if (f < 0x20 || f == 0x7F)
            f = ' ';
        if (add_cp(m, out, f, i))
            return ZB_ENOMEM;
    }
    return ZB_OK;
}

/* A straight quote as the curly one its turn along the line makes it: “ when
 * none is open, else ” (three bytes, each mapping back to the quote at i). */
static void put_quote(char *s, uint32_t *src, size_t i, int *open) {
    memcpy(s, *open ? "\xE2\x80\x9D" : "\xE2\x80\x9C", 3);
    src[0] = src[1] = src[2] = (uint32_t)i;
    *open = !*open;
}

/* One pass, one test for most characters. The characters of the short ways
 * never fold to more bytes than they have, so room for the rest of the line,
 * reserved at the start and again after each rare character, is room for all
 * they write. */
int zb__fold_line(const zb_mem *m, zb_ntext *out, const char *orig, size_t start, size_t end) {
    if (zb__ntext_reserve(m, out, end - start))
        return ZB_ENOMEM;
    if (start < end)
        note_order(out, start);
    const unsigned char *u = (const unsigned char *)orig;
    char *s = out->s;
    uint32_t *src = out->src;
    size_t at = out->len, i = start;
    int quote_open = 0;
    while (i < end) {
        unsigned char c = u[i];
        if (zb__is_ideograph_lead(c)) {
            /* U+4000–U+9FFF, three bytes (validated): a CJK ideograph, which
             * has no compatibility decomposition, only t2s */
            uint32_t cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(u[i + 1] & 0x3F) << 6 |
                          (uint32_t)(u[i + 2] & 0x3F);
            if (cp == 0x4E28) {
                /* 丨, a stroke no word uses, that headlines set between their
                 * parts (…政府工作报告丨2023年成都地区生产总值…): a comma */
                s[at] = ',';
                src[at++] = (uint32_t)i;
                i += 3;
                continue;
            }
            if (!may_be_traditional(cp)) {
                s[at] = (char)c;
                s[at + 1] = (char)u[i + 1];
                s[at + 2] = (char)u[i + 2];
                src[at] = src[at + 1] = src[at + 2] = (uint32_t)i;
                at += 3;
                i += 3;
                continue;
            }
        } else if (c == '"') {
            /* straight quotes as web pages set them (建设"五个中心"): the curly
             * pair, taken in turn along the line, so that a quoted name reads
             * the same either way */
            out->len = at;
            if (zb__ntext_reserve(m, out, end - i + 2))
                return ZB_ENOMEM;
            s = out->s;
            src = out->src;
            put_quote(s + at, src + at, i++, &quote_open);
            at += 3;
            continue;
        } else if (c >= 0x20 && c < 0x7F) {
            s[at] = (char)c;
            src[at++] = (uint32_t)i++;
            continue;
        } else if (c < 0x80) {
            /* controls become a space, CR vanishes */
            if (c != '\r') {
                s[at] = ' ';
                src[at++] = (uint32_t)i;
            }
            i++;
            continue;
        }
        int32_t cp;
        size_t k = zb__utf8_decode(orig + i, end - i, &cp);
        if (cp < 0 || is_invisible(cp)) { /* cp < 0 cannot happen after validation */
            i += k;
            continue;
        }
        /* Fold the punctuation of Chinese text without asking utf8proc: full-width
         * forms lose 0xFEE0 and the ideographic space becomes a space, exactly as
         * NFKC has it; 。、“”‘’—·〈〉《》「」『』【】 have no decomposition. */
        /* ︰ (U+FE30), the colon of vertical layout, that texts set between a
         * ratio's terms (11.8︰48.3︰39.9): the ratio sign ∶, where NFKC's ..
         * would read as decimal points */
        if (cp == 0xFE30) {
            memcpy(s + at, "\xE2\x88\xB6", 3);
            src[at] = src[at + 1] = src[at + 2] = (uint32_t)i;
            at += 3;
            i += k;
            continue;
        }
        /* 〝…〞 (and 〟), the double prime quotes of some Chinese fonts and
         * converters: the curly pair, which NFKC leaves them apart from */
        if (cp == 0x301D || cp == 0x301E || cp == 0x301F) {
            memcpy(s + at, cp == 0x301D ? "\xE2\x80\x9C" : "\xE2\x80\x9D", 3);
            src[at] = src[at + 1] = src[at + 2] = (uint32_t)i;
            at += 3;
            i += k;
            continue;
        }
        if (cp == 0xFF02) { /* ＂, the full-width straight quote: the same */
            put_quote(s + at, src + at, i, &quote_open);
            at += 3;
            i += k;
            continue;
        }
        if ((cp >= 0xFF01 && cp <= 0xFF5E) || cp == 0x3000) {
            s[at] = cp == 0x3000 ? ' ' : (char)(cp - 0xFEE0);
            src[at++] = (uint32_t)i;
            i += k;
            continue;
        }
        if (cp == 0x3001 || cp == 0x3002 || (cp >= 0x3008 && cp <= 0x3011) || cp == 0x2014 ||
            cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D || cp == 0x00B7 ||
            ((cp >= 0x3400 && cp <= 0x9FFF) && !may_be_traditional((uint32_t)cp))) {
            for (size_t b = 0; b < k; b++) {
                s[at + b] = (char)u[i + b];
                src[at + b] = (uint32_t)i;
            }
            at += k;
            i += k;
            continue;
        }
        out->len = at;
        s[at] = 0;
        if (fold_rare(m, out, cp, orig, i, k))
            return ZB_ENOMEM;
        i += k;
        if (zb__ntext_reserve(m, out, end - i))
            return ZB_ENOMEM;
        s = out->s;
        src = out->src;
        at = out->len;
    }
    out->len = at;
    s[at] = 0;
    return ZB_OK;
}
