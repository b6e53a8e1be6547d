/*
 * Stage 4a, numerals: Arabic numbers (1,858.73) and Chinese numerals (两, 十三,
 * 一百二十, 三千, 零点五, 千万). Values are kept as an integer mantissa and a
 * power of ten, so 807.84 × 亿 is exactly 80784 × 10^6, not 80784000000.00001.
 * Decimal conversion is done here rather than with strtod so that the host's
 * LC_NUMERIC cannot change how "807.84" reads.
 */
#include <math.h>
#include <string.h>

#include "chars.h"
#include "numeral.h"

#define EXACT_LIMIT 9007199254740992ull /* 2^53: integers a double holds exactly */
#define MANT_LIMIT 100000000000000000ull /* keep at most 17 significant digits */

static const double pow10_table[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

double zb__decimal(uint64_t mant, int exp10) {
    if (exp10 == 0)
        return (double)mant;
    if (mant <= EXACT_LIMIT && exp10 > 0 && exp10 <= 22)
        return (double)mant * pow10_table[exp10];
    if (mant <= EXACT_LIMIT && exp10 < 0 && exp10 >= -22)
        return (double)mant / pow10_table[-exp10]; /* one correctly rounded division */
    return (double)mant * pow(10.0, exp10);
}


/* Appends one decimal digit to mant/exp10, dropping digits beyond 17 (the
 * number is then flagged: see sig_digits). */
static void push_digit(zb_number *num, int d, int fractional) {
    if (num->mant < MANT_LIMIT) {
        num->mant = num->mant * 10 + (uint64_t)d;
        if (fractional)
            num->exp10--;
    } else if (!fractional) {
        num->exp10++;
    }
}

/* Significant digits of s[0..len) (digits, separators, a point): from the
 * first non-zero digit to the last, so 1200000 has 2 and 0.000812 has 3. A
 * double keeps 17; more would be rounded without a word. */
static int sig_digits(const char *s, size_t len) {
    long first = -1, last = -1, pos = 0;
    for (size_t i = 0; i < len; i++) {
        if (!zb__is_digit(s[i]))
            continue;
        if (s[i] != '0') {
            if (first < 0)
                first = pos;
            last = pos;
        }
        pos++;
    }
    return first < 0 ? 0 : (int)(last - first + 1 > 9999 ? 9999 : last - first + 1);
}

/* 1.2e4, 1e308: an exponent right after the digits, not followed by a letter
 * or digit (5E级 is a name). Its length, or 0; *e gets it, capped. */
static size_t exponent(const char *s, size_t n, size_t i, int *e) {
    if (i + 1 >= n || (s[i] != 'e' && s[i] != 'E'))
        return 0;
    size_t j = i + 1;
    int sign = 1;
    if (s[j] == '+' || s[j] == '-')
        sign = s[j++] == '-' ? -1 : 1;
    if (j >= n || !zb__is_digit(s[j]))
        return 0;
    long v = 0;
    while (j < n && zb__is_digit(s[j])) {
        if (v < 100000)
            v = v * 10 + (s[j] - '0');
        j++;
    }
    if (j < n && (zb__is_ascii_letter(s[j]) || s[j] == '.'))
        return 0;
    *e = (int)(sign * v);
    return j - i;
}

int zb__arabic(const char *s, size_t n, zb_number *out) {
    memset(out, 0, sizeof *out);
    size_t i = 0;
    while (i < n && zb__is_digit(s[i]))
        push_digit(out, s[i++] - '0', 0);
    if (i == 0)
        return 0;
    size_t int_digits = i;
    /* Thousands separators: a first group of 1–3 digits, then ",ddd" groups,
     * each followed by something that is not a digit or a further group. */
    if (int_digits <= 3) {
        while (i + 4 <= n && s[i] == ',' && zb__is_digit(s[i + 1]) && zb__is_digit(s[i + 2]) &&
               zb__is_digit(s[i + 3]) && (i + 4 == n || !zb__is_digit(s[i + 4]))) {
            for (int k = 1; k <= 3; k++)
                push_digit(out, s[i + k] - '0', 0);
            i += 4;
            int_digits += 3;
            out->grouped = 1;
        }
    }
    if (i + 1 < n && s[i] == '.' && zb__is_digit(s[i + 1])) {
        out->has_point = 1;
        i++;
        while (i < n && zb__is_digit(s[i]))
            push_digit(out, s[i++] - '0', 1);
    }
    int sig = sig_digits(s, i);
    int e = 0;
    size_t el = exponent(s, n, i, &e);
    if (el) {
        i += el;
        out->has_exponent = 1;
        if (e > 400 || e < -400)
            out->overflow = 1;
        else
            out->exp10 += e;
    }
    out->len = i;
    out->int_digits = (int)(int_digits > 9999 ? 9999 : int_digits);
    out->value = zb__decimal(out->mant, out->exp10);
    out->overflow |= int_digits > 300 || sig > ZB_MAX_SIG_DIGITS || !isfinite(out->value);
    return 1;
}

static uint64_t ipow10(int e) { return (uint64_t)pow10_table[e]; }

/* *acc = (*acc + add) × 10^e, or 0 when that does not fit 64 bits. */
static int scale_add(uint64_t *acc, uint64_t add, int e) {
    uint64_t p = ipow10(e);
    if (add > UINT64_MAX - *acc || (*acc + add) > UINT64_MAX / p)
        return 0;
    *acc = (*acc + add) * p;
    return 1;
}

/* Swallow the rest of a run of numeral characters from s[i]: it is one name
 * (十四五) or one number too large to keep. */
static int swallow(const char *s, size_t n, size_t i, zb_number *out) {
    size_t k;
    int v, e;
    while (i < n && (zb__is_cn_digit(s + i, n - i, &k, &v) || zb__is_cn_magnitude(s + i, n - i, &k, &e)))
        i += k;
    out->len = i;
    out->chinese = 1;
    return 1;
}

/* Chinese numerals. Sections of [d]千[d]百[d]十[d] are joined by 万, 亿 and
 * 万亿; a bigger unit multiplies everything before it (一万二千亿 = 1.2e12),
 * a smaller one adds (三亿五千万 = 3.5e8). A trailing big unit is left out of
 * the value (三千万 → 3000 with big_exp 4) so that it joins the unit (万头).
 * Digits straight after a section (十四五) make the run irregular: a name.
 * A run of digits alone reads digit by digit (二〇二二, and 九九亿 = 99亿),
 * except a small digit then a larger one, which is "two or three" (两三个,
 * 三五万人): no one number. */
int zb__chinese(const char *s, size_t n, zb_number *out) {
    memset(out, 0, sizeof *out);
    uint64_t total = 0, section = 0, digit_string = 0;
    int digit = -1, last_small = 4, last_big = -1, first_digits[2] = {-1, -1};
    int ndigits = 0, ntokens = 0, only_digits = 1;
    enum { NONE, DIGIT, SMALL, BIG } last = NONE;
    size_t i = 0, big_len = 0;
    while (i < n) {
        size_t k;
        int v, e;
        if (zb__is_cn_digit(s + i, n - i, &k, &v)) {
            if (last == DIGIT && !only_digits && digit != 0)
                out->irregular = 1;
            if (last == BIG && !only_digits && ntokens == 1)
                out->irregular = 1;
            digit = v;
            digit_string = digit_string < MANT_LIMIT ? digit_string * 10 + (uint64_t)v : digit_string;
            if (ndigits < 2)
                first_digits[ndigits] = v;
            ndigits++;
            last = DIGIT;
            size_t k2;
            int v2;
            if (only_digits && ndigits == 2 && first_digits[0] > 0 && first_digits[1] > first_digits[0] &&
                !zb__is_cn_digit(s + i + k, n - i - k, &k2, &v2))
                out->irregular = 1; /* 两三, 七八: an approximation */
        } else if (zb__is_cn_magnitude(s + i, n - i, &k, &e)) {
            int run = only_digits && ndigits >= 2; /* 九九亿, 二〇二二万 */
            if (ntokens == 0)
                out->leading_magnitude = 1;
            only_digits = 0;
            if (e < 4) {
                if ((section && e >= last_small) || run)
                    out->irregular = 1;
                section += (uint64_t)(digit < 0 ? 1 : digit) * ipow10(e);
                last_small = e;
                last = SMALL;
            } else {
                if (last == BIG)
                    out->irregular = 1; /* 亿万 */
                if (run && ndigits > ZB_MAX_SIG_DIGITS) {
                    out->overflow = 1;
                    return swallow(s, n, i, out);
                }
                uint64_t group = run ? digit_string : section + (uint64_t)(digit > 0 ? digit : 0);
                if (group == 0 && total == 0)
                    group = 1; /* 万 or 亿 without a count */
                int fits;
                if (last_big < 0 || e > last_big) {
                    fits = scale_add(&total, group, e);
                } else {
                    uint64_t add = 0;
                    fits = scale_add(&add, group, e) && add <= UINT64_MAX - total;
                    total += fits ? add : 0;
                }
                if (!fits) {
                    out->overflow = 1; /* 九千万亿亿…: no double keeps it exactly */
                    return swallow(s, n, i, out);
                }
                section = 0;
                last_small = 4;
                last_big = e;
                big_len = k;
                last = BIG;
                out->big_exp = e;
            }
            digit = -1;
        } else {
            break;
        }
        if (out->irregular)
            return swallow(s, n, i + k, out);
        ntokens++;
        i += k;
    }
    if (ntokens == 0)
        return 0;
    out->chinese = 1;
    if (only_digits && ndigits >= 2) {
        out->digit_string = 1; /* 二〇二二 */
        out->overflow = ndigits > ZB_MAX_SIG_DIGITS;
        out->mant = digit_string;
        out->len = i;
        out->value = (double)digit_string;
        return 1;
    }
    if (total > UINT64_MAX - 10000) {
        out->overflow = 1;
        out->len = i;
        return 1;
    }
    uint64_t whole = total + section + (uint64_t)(digit > 0 ? digit : 0);
    out->single_digit = only_digits && ndigits == 1;
    out->ndigits = ndigits;
    if (last == BIG) {
        out->ends_big = 1;
        out->big_len = big_len;
        whole /= ipow10(out->big_exp);
    } else {
        out->big_exp = 0;
    }
    out->mant = whole;
    /* 点 and digits: 零点五, 三点五亿 */
    if (last != BIG && i + 6 <= n && memcmp(s + i, "点", 3) == 0) {
        size_t j = i + 3, k;
        int v, frac = 0;
        while (j < n && zb__is_cn_digit(s + j, n - j, &k, &v) && frac < 15) {
            out->mant = out->mant * 10 + (uint64_t)v;
            frac++;
            j += k;
        }
        if (frac) {
            out->exp10 = -frac;
            out->has_point = 1;
            out->single_digit = 0;
            i = j;
            int e;
            if (zb__is_cn_magnitude(s + i, n - i, &k, &e) && e >= 4) {
                out->ends_big = 1;
                out->big_exp = e;
                out->big_len = k;
                i += k;
            }
        } else {
            out->mant = whole;
        }
    }
    out->len = i;
    out->value = zb__decimal(out->mant, out->exp10);
    return 1;
}
