/* Stage 4a, numerals: Arabic and Chinese. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "numeral.h"
#include "testutil.h"

static zb_number arabic(const char *s) {
    zb_number n;
    ck_assert(zb__arabic(s, strlen(s), &n));
    return n;
}

static zb_number chinese(const char *s) {
    zb_number n;
    ck_assert(zb__chinese(s, strlen(s), &n));
    return n;
}

START_TEST(arabic_numbers) {
    zb_number n = arabic("807.84亿斤");
    ck_assert_double_eq(n.value, 807.84);
    ck_assert_uint_eq(n.len, 6);
    ck_assert_int_eq(n.int_digits, 3);
    ck_assert(n.has_point);
    n = arabic("1,858.73亿元");
    ck_assert_double_eq(n.value, 1858.73);
    ck_assert_uint_eq(n.len, 8);
    ck_assert(n.grouped);
    n = arabic("12,345,678人");
    ck_assert_double_eq(n.value, 12345678);
    /* a comma that separates clauses, not thousands */
    n = arabic("189个,开工");
    ck_assert_uint_eq(n.len, 3);
    n = arabic("2019,2020");
    ck_assert_uint_eq(n.len, 4);
    n = arabic("1,23");
    ck_assert_uint_eq(n.len, 1);
    /* a point not followed by a digit ends the number */
    n = arabic("3.");
    ck_assert_uint_eq(n.len, 1);
    ck_assert(!zb__arabic("abc", 3, &n));
}
END_TEST

START_TEST(exact_scaling) {
    zb_number n = arabic("807.84");
    /* 807.84 × 10^8 computed from the mantissa, exactly */
    ck_assert_double_eq(zb__decimal(n.mant, n.exp10 + 8), 80784000000.0);
    n = arabic("0.1");
    ck_assert_double_eq(zb__decimal(n.mant, n.exp10 + 4), 1000.0);
}
END_TEST

START_TEST(overflow_is_flagged) {
    char big[400];
    memset(big, '9', sizeof big - 1);
    big[sizeof big - 1] = 0;
    zb_number n = arabic(big);
    ck_assert(n.overflow);
    ck_assert_uint_eq(n.len, sizeof big - 1);
}
END_TEST

START_TEST(digits_past_a_double_are_flagged) {
    /* 18 significant digits: a double would round them */
    ck_assert(arabic("123456789012345678").overflow);
    ck_assert(arabic("12345678901234567.8").overflow);
    ck_assert(arabic("9999999999999999999999亿").overflow);
    /* 17 are kept; zeros at either end are not significant */
    ck_assert(!arabic("12345678901234567").overflow);
    zb_number n = arabic("100000000000000000000元");
    ck_assert(!n.overflow);
    ck_assert_double_eq(n.value, 1e20);
    n = arabic("0.000000812");
    ck_assert(!n.overflow);
    ck_assert_double_eq(n.value, 0.000000812);
}
END_TEST

START_TEST(exponents) {
    zb_number n = arabic("1.2e4亿元");
    ck_assert(n.has_exponent);
    ck_assert_double_eq(n.value, 12000);
    ck_assert_uint_eq(n.len, 5);
    n = arabic("1e308万亿");
    ck_assert(!n.overflow);
    ck_assert_double_eq(n.value, 1e308);
    ck_assert(arabic("1e400").overflow);
    ck_assert(arabic("1e99999999999999").overflow);
    /* not an exponent: a letter after it, or none of its digits */
    ck_assert_uint_eq(arabic("5E级景区").len, 1);
    ck_assert_uint_eq(arabic("3e").len, 1);
    ck_assert_uint_eq(arabic("2e5G").len, 1);
}
END_TEST

START_TEST(chinese_numerals) {
    ck_assert_double_eq(chinese("两个").value, 2);
    ck_assert(chinese("两个").single_digit);
    ck_assert_double_eq(chinese("十三项").value, 13);
    ck_assert_double_eq(chinese("一百二十家").value, 120);
    ck_assert_double_eq(chinese("一百零五").value, 105);
    ck_assert_double_eq(chinese("三千人").value, 3000);
    ck_assert_double_eq(chinese("零点五").value, 0.5);
    ck_assert_double_eq(chinese("二十").value, 20);
    ck_assert_double_eq(chinese("十二万五千").value, 125000);
}
END_TEST

START_TEST(trailing_big_magnitude_is_left_out) {
    zb_number n = chinese("三千万");
    ck_assert_double_eq(n.value, 3000);
    ck_assert(n.ends_big);
    ck_assert_int_eq(n.big_exp, 4);
    n = chinese("千万头");
    ck_assert_double_eq(n.value, 1000);
    ck_assert(n.leading_magnitude);
    n = chinese("两万亿元");
    ck_assert_double_eq(n.value, 2);
    ck_assert_int_eq(n.big_exp, 12);
    n = chinese("三亿五千万");
    ck_assert_double_eq(n.value, 35000);
    ck_assert_int_eq(n.big_exp, 4);
    n = chinese("三点五亿");
    ck_assert_double_eq(n.value, 3.5);
    ck_assert_int_eq(n.big_exp, 8);
}
END_TEST

START_TEST(irregular_runs_and_digit_strings) {
    zb_number n = chinese("十四五规划");
    ck_assert(n.irregular);
    ck_assert_uint_eq(n.len, 9);
    n = chinese("二〇二二年");
    ck_assert(n.digit_string);
    ck_assert_double_eq(n.value, 2022);
    n = chinese("亿万");
    ck_assert(n.irregular);
    ck_assert(!zb__chinese("经济", 6, &n));
}
END_TEST

START_TEST(digit_runs_before_a_magnitude) {
    /* the whole run, not its last digit */
    zb_number n = chinese("九九亿斤");
    ck_assert(!n.irregular);
    ck_assert_double_eq(n.value, 99);
    ck_assert(n.ends_big);
    ck_assert_int_eq(n.big_exp, 8);
    n = chinese("二〇二二亿斤");
    ck_assert_double_eq(n.value, 2022);
    ck_assert_int_eq(n.big_exp, 8);
    n = chinese("二〇二二万亿元");
    ck_assert_double_eq(n.value, 2022);
    ck_assert_int_eq(n.big_exp, 12);
    /* and on after the magnitude: 九九亿五千万 */
    n = chinese("九九亿五千万");
    ck_assert_double_eq(n.value, 995000);
    ck_assert_int_eq(n.big_exp, 4);
    /* a run cannot take a small magnitude: 九九千 is no number */
    ck_assert(chinese("九九千").irregular);
}
END_TEST

START_TEST(approximate_pairs_are_no_number) {
    /* 两三个, 三五万人, 七八亿: "two or three" */
    ck_assert(chinese("两三个").irregular);
    ck_assert(chinese("三五万人").irregular);
    ck_assert(chinese("七八亿").irregular);
    ck_assert_uint_eq(chinese("三五万人").len, 9);
    /* a descending or equal pair reads digit by digit */
    ck_assert(!chinese("九九").irregular);
    ck_assert_double_eq(chinese("二〇").value, 20);
    /* three digits are a digit string */
    ck_assert(!chinese("一二三").irregular);
}
END_TEST

START_TEST(chinese_past_a_double_is_flagged) {
    char run[200] = "";
    for (int i = 0; i < 30; i++)
        strcat(run, "九");
    strcat(run, "亿元");
    zb_number n = chinese(run);
    ck_assert(n.overflow);
    ck_assert_uint_eq(n.len, 31 * 3); /* the whole run, magnitude included */
    /* sections that overflow 64 bits: (1亿 + 1) × 万亿 */
    ck_assert(chinese("一亿一万亿").overflow);
    /* a run of 18 digits is more than a double keeps */
    ck_assert(chinese("一二三四五六七八九一二三四五六七八九").overflow);
    ck_assert(!chinese("九千九百九十九万亿").overflow);
}
END_TEST

int main(void) {
    Suite *s = suite_create("numeral");
    TCase *t = tcase_create("numeral");
    tcase_add_test(t, arabic_numbers);
    tcase_add_test(t, exact_scaling);
    tcase_add_test(t, overflow_is_flagged);
    tcase_add_test(t, digits_past_a_double_are_flagged);
    tcase_add_test(t, exponents);
    tcase_add_test(t, chinese_numerals);
    tcase_add_test(t, trailing_big_magnitude_is_left_out);
    tcase_add_test(t, irregular_runs_and_digit_strings);
    tcase_add_test(t, digit_runs_before_a_magnitude);
    tcase_add_test(t, approximate_pairs_are_no_number);
    tcase_add_test(t, chinese_past_a_double_is_flagged);
    suite_add_tcase(s, t);
    int failed = tu_run(s);
    return failed;
}
