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

int main(void) {
    Suite *s = suite_create("numeral");
    TCase *t = tcase_create("numeral");
    tcase_add_test(t, arabic_numbers);
    tcase_add_test(t, exact_scaling);
    tcase_add_test(t, overflow_is_flagged);
    tcase_add_test(t, chinese_numerals);
    tcase_add_test(t, trailing_big_magnitude_is_left_out);
    tcase_add_test(t, irregular_runs_and_digit_strings);
    suite_add_tcase(s, t);
    int failed = tu_run(s);
    return failed;
}
