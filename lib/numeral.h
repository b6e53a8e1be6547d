/* Stage 4a, recognize: Arabic and Chinese numerals. */
#ifndef ZB_NUMERAL_H
#define ZB_NUMERAL_H

#include <stddef.h>
#include <stdint.h>

typedef struct zb_number {
    double value;          /* mant × 10^exp10 */
    uint64_t mant;
    int exp10;
    size_t len;            /* bytes consumed */
    int chinese;           /* written in Chinese numerals */
    int single_digit;      /* one Chinese digit and nothing else (两, 三) */
    int irregular;         /* Chinese digits that do not form a number (十四五) */
    int digit_string;      /* Chinese digits read one by one (二〇二二) */
    int leading_magnitude; /* begins with 十/百/千 (千万头) */
    int ndigits;           /* Chinese digits (not magnitudes) in it */
    int ends_big;          /* ended on 万/亿/万亿, left out of value */
    size_t big_len;        /* bytes of that trailing magnitude */
    int big_exp;           /* its power of ten */
    int int_digits;        /* Arabic: digits before the point */
    int has_point;
    int grouped;           /* Arabic: thousands separators were used */
    int has_exponent;      /* Arabic: 1.2e4 */
    int overflow;          /* too large for a double, or more digits than it keeps */
} zb_number;

/* A double keeps 17 significant digits: a number with more is skipped (and
 * counted), never rounded without a word. */
#define ZB_MAX_SIG_DIGITS 17

double zb__decimal(uint64_t mant, int exp10);

/* An Arabic number at s[0..n): digits, thousands separators, decimals. */
int zb__arabic(const char *s, size_t n, zb_number *out);
/* A Chinese numeral at s[0..n) (两, 十三, 一百二十, 三千, 零点五, 千万 …). */
int zb__chinese(const char *s, size_t n, zb_number *out);

#endif
