/* Writers: numbers as %.15g writes them (or %.17g where that is what reads
 * back), JSON strings escaped as RFC 8259 asks, rows as the format says. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "write.h"
#include "zhibiao.h"
#include "testutil.h"

/* The reference: what the writer printed before it had a fast path. */
static void reference(double v, char *buf, size_t size) {
    snprintf(buf, size, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, size, "%.17g", v);
}

static void same_as_reference(double v) {
    char want[40], got[40];
    reference(v, want, sizeof want);
    zb__format_number(v, got, sizeof got);
    ck_assert_msg(strcmp(want, got) == 0, "%.17g: want %s, got %s", v, want, got);
}

START_TEST(numbers_as_printf_writes_them) {
    static const double fixed[] = {0,      1,      -1,     5,       6.5,    807.84, 0.05,
                                   -3.1,   0.1 + 0.2, 1e-4, 9.99e-5, 1e-6,  1e15,   1e15 - 1,
                                   999999999999999.9, 123456.789012, 80000000000, 2.5e-5,
                                   1e300,  -0.0001, 0.30000000000000004, 4.35, 1e14 + 0.5};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        same_as_reference(fixed[i]);
    /* decimals of every kind figures have, and random doubles */
    uint64_t x = 88172645463325252u;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int places = (int)(x % 8);
        double m = (double)(x >> 20 & 0xFFFFFFFF);
        same_as_reference(m / pow(10, places));
        same_as_reference(-(m / pow(10, places)));
        double r;
        uint64_t bits = x;
        memcpy(&r, &bits, sizeof r);
        if (isfinite(r))
            same_as_reference(r);
    }
}
END_TEST

START_TEST(negative_zero_keeps_its_sign) {
    char got[40];
    zb__format_number(-0.0, got, sizeof got);
    ck_assert_str_eq(got, "-0");
}
END_TEST

static int collect(void *ctx, const void *s, size_t n) {
    char *buf = ctx;
    size_t len = strlen(buf);
    ck_assert_uint_lt(len + n, 4096);
    memcpy(buf + len, s, n);
    buf[len + n] = 0;
    return 0;
}

START_TEST(json_strings_escaped) {
    char out[4096] = "";
    zb_writer *w = NULL;
    ck_assert_int_eq(zb_writer_new(&w, ZB_FORMAT_JSONL, 0, collect, out), ZB_OK);
    const char *cols[] = {"s", "n"};
    ck_assert_int_eq(zb_writer_columns(w, 2, cols), ZB_OK);
    ck_assert_int_eq(zb_writer_text(w, "a\"b\\c\nd\te\x01\x1f 粮食"), ZB_OK);
    ck_assert_int_eq(zb_writer_real(w, 807.84), ZB_OK);
    ck_assert_int_eq(zb_writer_end_row(w), ZB_OK);
    ck_assert_int_eq(zb_writer_finish(w), ZB_OK);
    zb_writer_free(w);
    ck_assert_str_eq(out, "{\"s\":\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f 粮食\",\"n\":807.84}\n");
}
END_TEST

/* The escaper against a byte-at-a-time one, with the bytes that need
 * escaping at every position of strings up to 40 bytes long. */
static void reference_json(const unsigned char *s, char *out) {
    *out++ = '"';
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            out += sprintf(out, "\\%c", *s);
        else if (*s == '\n')
            out += sprintf(out, "\\n");
        else if (*s == '\t')
            out += sprintf(out, "\\t");
        else if (*s < 0x20)
            out += sprintf(out, "\\u%04x", *s);
        else
            *out++ = (char)*s;
    }
    *out++ = '"';
    *out = 0;
}

START_TEST(json_escapes_at_every_position) {
    static const unsigned char alphabet[] = {'a', '"', '\\', '\n', '\t', 1, 0x1f, 0x20, 0x21,
                                             0x5b, 0x5d, 0x7f, 0x80, 0xe7, 0xb2, 0xae};
    uint64_t x = 2463534242u;
    for (int round = 0; round < 20000; round++) {
        unsigned char str[41];
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t n = (size_t)(x % 41);
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            /* mostly plain bytes, so that runs of eight occur */
            str[i] = x % 4 ? alphabet[12 + x % 4] : alphabet[x / 4 % sizeof alphabet];
        }
        str[n] = 0;
        char out[4096] = "", want[512], got[512];
        zb_writer *w = NULL;
        const char *cols[] = {"s"};
        ck_assert_int_eq(zb_writer_new(&w, ZB_FORMAT_JSONL, 0, collect, out), ZB_OK);
        ck_assert_int_eq(zb_writer_columns(w, 1, cols), ZB_OK);
        ck_assert_int_eq(zb_writer_text(w, (const char *)str), ZB_OK);
        ck_assert_int_eq(zb_writer_end_row(w), ZB_OK);
        ck_assert_int_eq(zb_writer_finish(w), ZB_OK);
        zb_writer_free(w);
        reference_json(str, want);
        snprintf(got, sizeof got, "%.*s", (int)(strlen(out) - 7), out + 5); /* {"s":…}\n */
        ck_assert_str_eq(got, want);
    }
}
END_TEST


/* Indicator rows as JSON Lines and as a JSON array, every type of field
 * (written here by hand from INDICATORS.md §1: a figure, then a qualitative
 * goal, whose value, unit, base value and base unit are null). */
static zb_indicator figure(void) {
    zb_indicator a = {0};
    a.span_start = 12, a.span_end = 24, a.surface = "807.84亿斤";
    a.value = 807.84, a.value_high = NAN, a.unit = "亿斤", a.base_value = 80784000000;
    a.base_unit = "斤", a.cmp = ZB_CMP_GE, a.year = 2021, a.kind = ZB_KIND_ACHIEVED;
    a.measure = ZB_MEASURE_LEVEL, a.metric = "粮食总产量", a.metric_id = "grain_output";
    a.sector = ZB_SECTOR_AGRICULTURE, a.section = "", a.sentence = "粮食总产量807.84亿斤\"。";
    a.period = ZB_PERIOD_AVERAGE, a.year_from = 2017, a.entity = "一汽";
    a.commitment = ZB_COMMIT_STRIVE, a.estimate = 1, a.qualitative = NULL, a.page = 3;
    return a;
}

#define FIGURE_JSON                                                                     \
    "{\"span_start\":12,\"span_end\":24,\"surface\":\"807.84亿斤\",\"value\":807.84,"   \
    "\"unit\":\"亿斤\",\"base_value\":80784000000,\"base_unit\":\"斤\",\"cmp\":\">=\","  \
    "\"value_high\":null,\"year\":2021,\"kind\":\"achieved\",\"measure\":\"level\","    \
    "\"metric\":\"粮食总产量\",\"metric_id\":\"grain_output\",\"sector\":\"agriculture\"," \
    "\"section\":\"\",\"sentence\":\"粮食总产量807.84亿斤\\\"。\",\"period\":\"average\","   \
    "\"year_from\":2017,\"entity\":\"一汽\",\"commitment\":\"strive\",\"estimate\":true,"  \
    "\"qualitative\":null,\"page\":3}"
#define GOAL_JSON                                                                       \
    "{\"span_start\":0,\"span_end\":6,\"surface\":\"稳定\",\"value\":null,\"unit\":null," \
    "\"base_value\":null,\"base_unit\":null,\"cmp\":\"=\",\"value_high\":null,"          \
    "\"year\":null,\"kind\":\"target\",\"measure\":\"level\",\"metric\":\"粮食产量\","   \
    "\"metric_id\":\"\",\"sector\":\"economy\",\"section\":\"二、\",\"sentence\":\"s\"," \
    "\"period\":\"year\",\"year_from\":null,\"entity\":\"\",\"commitment\":\"plain\","   \
    "\"estimate\":false,\"qualitative\":\"粮食产量稳定\",\"page\":null}"

static zb_indicator goal(void) {
    zb_indicator g = {0};
    g.span_end = 6, g.surface = "稳定", g.value = NAN, g.value_high = NAN, g.unit = "";
    g.base_value = NAN, g.base_unit = "", g.kind = ZB_KIND_TARGET, g.metric = "粮食产量";
    g.metric_id = "", g.section = "二、", g.sentence = "s", g.entity = "";
    g.qualitative = "粮食产量稳定";
    return g;
}

START_TEST(indicator_rows_as_json) {
    zb_indicator rows[2] = {figure(), goal()};
    static const zb_format formats[] = {ZB_FORMAT_JSONL, ZB_FORMAT_JSON};
    static const char *const want[] = {FIGURE_JSON "\n" GOAL_JSON "\n",
                                       "[\n " FIGURE_JSON ",\n " GOAL_JSON "\n]\n"};
    for (int f = 0; f < 2; f++) {
        char out[4096] = "";
        zb_writer *w = NULL;
        ck_assert_int_eq(zb_writer_new(&w, formats[f], 0, collect, out), ZB_OK);
        for (int i = 0; i < 2; i++)
            ck_assert_int_eq(zb_writer_indicator(w, &rows[i], NULL), ZB_OK);
        ck_assert_int_eq(zb_writer_finish(w), ZB_OK);
        zb_writer_free(w);
        ck_assert_str_eq(out, want[f]);
    }
    /* the same object into a caller's buffer, and cut short like snprintf */
    char buf[1024];
    size_t n = zb_indicator_json(&rows[0], buf, sizeof buf);
    ck_assert_str_eq(buf, FIGURE_JSON);
    ck_assert_uint_eq(n, strlen(FIGURE_JSON));
    ck_assert_uint_eq(zb_indicator_json(&rows[0], buf, 10), n);
    ck_assert_str_eq(buf, "{\"span_st");
}
END_TEST

int main(void) {
    Suite *s = suite_create("write");
    TCase *t = tcase_create("write");
    tcase_add_test(t, numbers_as_printf_writes_them);
    tcase_add_test(t, negative_zero_keeps_its_sign);
    tcase_add_test(t, json_strings_escaped);
    tcase_add_test(t, json_escapes_at_every_position);
    tcase_add_test(t, indicator_rows_as_json);
    suite_add_tcase(s, t);
    int failed = tu_run(s);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
