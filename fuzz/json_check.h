/* A strict JSON reader for the fuzz targets (RFC 8259): does a row the library
 * wrote parse as one JSON value? Strings must be valid UTF-8 with no raw
 * control characters and only JSON's escapes; numbers JSON's grammar (no NaN,
 * no inf, no leading zeros, no trailing dot). Header-only: static functions,
 * included by the one target that uses it. */
#ifndef ZB_FUZZ_JSON_CHECK_H
#define ZB_FUZZ_JSON_CHECK_H

#include <stddef.h>

typedef struct json_in {
    const unsigned char *s;
    size_t n, i;
    int depth;
} json_in;

static void json_ws(json_in *j) {
    while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\t' || j->s[j->i] == '\n' ||
                           j->s[j->i] == '\r'))
        j->i++;
}

static int json_lit(json_in *j, const char *w) {
    for (size_t k = 0; w[k]; k++, j->i++)
        if (j->i >= j->n || j->s[j->i] != (unsigned char)w[k])
            return 0;
    return 1;
}

static int json_hex(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* one UTF-8 character at j->i (not ASCII): 1 when well formed */
static int json_utf8(json_in *j) {
    unsigned char c = j->s[j->i];
    size_t k = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!k || j->i + k > j->n)
        return 0;
    unsigned cp = c & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
    for (size_t m = 1; m < k; m++) {
        unsigned char d = j->s[j->i + m];
        if ((d & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (d & 0x3F);
    }
    if ((k == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    j->i += k;
    return 1;
}

static int json_string(json_in *j) {
    if (j->i >= j->n || j->s[j->i++] != '"')
        return 0;
    while (j->i < j->n) {
        unsigned char c = j->s[j->i];
        if (c == '"') {
            j->i++;
            return 1;
        }
        if (c < 0x20)
            return 0;
        if (c == '\\') {
            if (++j->i >= j->n)
                return 0;
            c = j->s[j->i++];
            if (c == 'u') {
                for (int k = 0; k < 4; k++)
                    if (j->i >= j->n || !json_hex(j->s[j->i++]))
                        return 0;
            } else if (!(c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' ||
                         c == 'r' || c == 't')) {
                return 0;
            }
        } else if (c < 0x80) {
            j->i++;
        } else if (!json_utf8(j)) {
            return 0;
        }
    }
    return 0;
}

static int json_digits(json_in *j) {
    size_t from = j->i;
    while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
        j->i++;
    return j->i > from;
}

static int json_number(json_in *j) {
    if (j->i < j->n && j->s[j->i] == '-')
        j->i++;
    if (j->i < j->n && j->s[j->i] == '0')
        j->i++;
    else if (!json_digits(j))
        return 0;
    if (j->i < j->n && j->s[j->i] == '.') {
        j->i++;
        if (!json_digits(j))
            return 0;
    }
    if (j->i < j->n && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
        j->i++;
        if (j->i < j->n && (j->s[j->i] == '+' || j->s[j->i] == '-'))
            j->i++;
        if (!json_digits(j))
            return 0;
    }
    return 1;
}

static int json_value(json_in *j);

static int json_members(json_in *j, unsigned char close, int keyed) {
    j->i++;
    json_ws(j);
    if (j->i < j->n && j->s[j->i] == close) {
        j->i++;
        return 1;
    }
    for (;;) {
        json_ws(j);
        if (keyed) {
            if (!json_string(j))
                return 0;
            json_ws(j);
            if (j->i >= j->n || j->s[j->i++] != ':')
                return 0;
        }
        if (!json_value(j))
            return 0;
        json_ws(j);
        if (j->i >= j->n)
            return 0;
        unsigned char c = j->s[j->i++];
        if (c == close)
            return 1;
        if (c != ',')
            return 0;
    }
}

static int json_value(json_in *j) {
    json_ws(j);
    if (j->i >= j->n || ++j->depth > 64)
        return 0;
    unsigned char c = j->s[j->i];
    int ok = c == '{'   ? json_members(j, '}', 1)
             : c == '[' ? json_members(j, ']', 0)
             : c == '"' ? json_string(j)
             : c == 't' ? json_lit(j, "true")
             : c == 'f' ? json_lit(j, "false")
             : c == 'n' ? json_lit(j, "null")
                        : json_number(j);
    j->depth--;
    return ok;
}

/* 1 when s[0..n) is exactly one JSON value (white space around it allowed). */
static int json_valid(const char *s, size_t n) {
    json_in j = {(const unsigned char *)s, n, 0, 0};
    if (!json_value(&j))
        return 0;
    json_ws(&j);
    return j.i == n;
}

#endif
