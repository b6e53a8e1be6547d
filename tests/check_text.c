/* Stage 1, text: validation messages, folding, and the byte map back. */
#include <check.h>
#include <string.h>

#include "chars.h"
#include "tables.h"
#include "text.h"
#include "testutil.h"

START_TEST(valid_text_passes) {
    zb_err err = {0};
    const char *s = "粮食总产量807.84亿斤。\n\xEF\xBB\xBF全角２０２１％";
    ck_assert_int_eq(zb__validate(s, strlen(s), &err), ZB_OK);
    ck_assert_int_eq(zb__validate("", 0, &err), ZB_OK);
}
END_TEST

START_TEST(invalid_utf8_says_line_and_byte) {
    zb_err err = {0};
    const char s[] = "ab\ncd\nef\x80gh";
    ck_assert_int_eq(zb__validate(s, sizeof s - 1, &err), ZB_EUTF8);
    ck_assert_str_eq(err.msg,
                     "line 3, byte 8: invalid UTF-8 (0x80 begins a continuation byte with no lead byte)");
    const char cut[] = "增长\xE5\xA2";
    ck_assert_int_eq(zb__validate(cut, sizeof cut - 1, &err), ZB_EUTF8);
    ck_assert_ptr_nonnull(strstr(err.msg, "line 1, byte 6"));
    ck_assert_ptr_nonnull(strstr(err.msg, "cut off by the end"));
    const char overlong[] = "\xC0\xAF";
    ck_assert_int_eq(zb__validate(overlong, 2, &err), ZB_EUTF8);
    const char surrogate[] = "\xED\xA0\x80";
    ck_assert_int_eq(zb__validate(surrogate, 3, &err), ZB_EUTF8);
}
END_TEST

START_TEST(binary_and_utf16_are_refused) {
    zb_err err = {0};
    const char nul[] = "text\0more";
    ck_assert_int_eq(zb__validate(nul, sizeof nul - 1, &err), ZB_EENCODING);
    ck_assert_ptr_nonnull(strstr(err.msg, "byte 4: a NUL byte"));
    const char bom16[] = "\xFE\xFF\x00\x41";
    ck_assert_int_eq(zb__validate(bom16, 4, &err), ZB_EENCODING);
    ck_assert_ptr_nonnull(strstr(err.msg, "UTF-16"));
}
END_TEST

static zb_ntext fold(const char *s) {
    zb_ntext t = {0};
    ck_assert_int_eq(zb__fold_line(NULL, &t, s, 0, strlen(s)), ZB_OK);
    return t;
}

/* Text put together out of the input's order (the right column before a
 * later left one, by any way of adding it) still spans from its first input
 * byte to its last: start before end (found by fuzz_parse in a two-column page). */
START_TEST(text_out_of_order_spans_forward) {
    const char *s = "甲乙丙丁戊";
    for (int way = 0; way < 3; way++) {
        zb_ntext t = {0};
        ck_assert_int_eq(zb__fold_line(NULL, &t, s, 9, 15), ZB_OK); /* 丁戊 */
        if (way == 0)
            ck_assert_int_eq(zb__fold_line(NULL, &t, s, 0, 6), ZB_OK); /* 甲乙 */
        else if (way == 1)
            ck_assert_int_eq(zb__ntext_add(NULL, &t, "甲乙", 6, 0), ZB_OK);
        else {
            zb_ntext u = {0};
            ck_assert_int_eq(zb__fold_line(NULL, &u, s, 0, 6), ZB_OK);
            ck_assert_int_eq(zb__ntext_append(NULL, &t, &u, 0, u.len), ZB_OK);
            zb__ntext_free(NULL, &u);
        }
        size_t a, b;
        zb__ntext_span(&t, s, strlen(s), 0, t.len, &a, &b);
        ck_assert_msg(a == 0 && b == 15, "way %d: span %zu..%zu", way, a, b);
        zb__ntext_free(NULL, &t);
    }
}
END_TEST

/* Web pages set straight quotes where reports set curly ones: a line's
 * straight quotes fold to the curly pair in turn, each mapping back to its
 * one byte. */
START_TEST(straight_quotes_fold_to_curly_pairs) {
    const char *s = "建设\"五个中心\"和\"两型\"社会";
    zb_ntext t = fold(s);
    ck_assert_str_eq(t.s, "建设“五个中心”和“两型”社会");
    size_t a, b;
    zb__ntext_span(&t, s, strlen(s), 6, 9, &a, &b); /* the first “ */
    ck_assert_uint_eq(a, 6);
    ck_assert_uint_eq(b, 7);
    zb__ntext_free(NULL, &t);
    t = fold("＂吉林一号＂卫星"); /* the full-width straight quote too */
    ck_assert_str_eq(t.s, "“吉林一号”卫星");
    zb__ntext_free(NULL, &t);
    t = fold("12\" 屏幕"); /* a lone mark still folds; no figure reads it */
    ck_assert_str_eq(t.s, "12“ 屏幕");
    zb__ntext_free(NULL, &t);
}
END_TEST

START_TEST(full_width_folds_to_ascii) {
    const char *s = "增长２０．５％（一）";
    zb_ntext t = fold(s);
    ck_assert_str_eq(t.s, "增长20.5%(一)");
    /* each folded digit maps back to its three-byte original */
    size_t a, b;
    zb__ntext_span(&t, s, strlen(s), 6, 11, &a, &b);
    ck_assert_uint_eq(a, 6);
    ck_assert_uint_eq(b, 6 + 5 * 3);
    zb__ntext_free(NULL, &t);
}
END_TEST

START_TEST(traditional_folds_to_simplified) {
    zb_ntext t = fold("地區生產總值增長3.1%，萬人，億元，發展");
    ck_assert_str_eq(t.s, "地区生产总值增长3.1%,万人,亿元,发展");
    zb__ntext_free(NULL, &t);
    ck_assert_uint_eq(zb__t2s_fold(0x842C /* 萬 */), 0x4E07 /* 万 */);
    ck_assert_uint_eq(zb__t2s_fold(0x4E07), 0x4E07);
    ck_assert_uint_eq(zb__t2s_fold('A'), 'A');
}
END_TEST

START_TEST(invisible_and_control_characters) {
    /* a BOM and a zero-width space vanish; a tab becomes a space; CR is dropped */
    const char *s = "\xEF\xBB\xBF增\xE2\x80\x8B长\t6%\r";
    zb_ntext t = fold(s);
    ck_assert_str_eq(t.s, "增长 6%");
    size_t a, b;
    zb__ntext_span(&t, s, strlen(s), 3, 6, &a, &b); /* 长 */
    ck_assert_uint_eq(a, 9);
    ck_assert_uint_eq(b, 12);
    zb__ntext_free(NULL, &t);
}
END_TEST

START_TEST(expansions_map_to_the_whole_character) {
    const char *s = "面积5㎡"; /* NFKC: ㎡ → m2 */
    zb_ntext t = fold(s);
    ck_assert_str_eq(t.s, "面积5m2");
    size_t a, b;
    zb__ntext_span(&t, s, strlen(s), 7, 8, &a, &b); /* the "m" alone */
    ck_assert_uint_eq(a, 7);
    ck_assert_uint_eq(b, 10);
    zb__ntext_free(NULL, &t);
}
END_TEST

/* Each short way of the fold, with the byte each output byte maps back to:
 * ASCII, a control, an ideograph of U+4000-U+9FFF, one of U+3400-U+3FFF, a
 * traditional one, full-width forms, the ideographic space, punctuation kept. */
START_TEST(fold_short_ways_keep_the_map) {
    const char *s = "a\x01\xE5\xA2\x9E\xE3\x90\x80\xE8\x90\xAC\xEF\xBC\x95\xE3\x80\x80"
                    "\xE3\x80\x82\xC2\xB7";
    zb_ntext t = fold(s);
    ck_assert_str_eq(t.s, "a \xE5\xA2\x9E\xE3\x90\x80\xE4\xB8\x87" "5 \xE3\x80\x82\xC2\xB7");
    const uint32_t want[] = {0, 1, 2, 2, 2, 5, 5, 5, 8, 8, 8, 11, 14, 17, 17, 17, 20, 20};
    ck_assert_uint_eq(t.len, sizeof want / sizeof *want);
    for (size_t i = 0; i < t.len; i++)
        ck_assert_msg(t.src[i] == want[i], "byte %zu maps to %u, not %u", i, t.src[i], want[i]);
    zb__ntext_free(NULL, &t);
}
END_TEST

START_TEST(utf8_helpers) {
    int32_t cp;
    ck_assert_uint_eq(zb__utf8_decode("增", 3, &cp), 3);
    ck_assert_int_eq(cp, 0x589E);
    ck_assert_uint_eq(zb__utf8_decode("\xE5", 1, &cp), 1);
    ck_assert_int_eq(cp, -1);
    ck_assert_uint_eq(zb__utf8_len(0xF0), 4);
    ck_assert_uint_eq(zb__prev_char("a增", 4), 1);
    ck_assert(zb__is_cjk(0x4E00));
    ck_assert(!zb__is_cjk('a'));
}
END_TEST

/* Every Chinese digit, and characters that share its lead bytes but are none. */
START_TEST(chinese_digits) {
    const char *const digits[] = {"零", "〇", "一", "二", "两", "三", "四",
                                  "五", "六", "七", "八", "九"};
    const int values[] = {0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9};
    for (size_t i = 0; i < sizeof digits / sizeof *digits; i++) {
        size_t len = 0;
        int v = -1;
        ck_assert_msg(zb__is_cn_digit(digits[i], 3, &len, &v), "%s", digits[i]);
        ck_assert_uint_eq(len, 3);
        ck_assert_int_eq(v, values[i]);
    }
    const char *const others[] = {"万", "上", "年", "〈", "十", "a12"};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        size_t len;
        int v;
        ck_assert_msg(!zb__is_cn_digit(others[i], 3, &len, &v), "%s", others[i]);
    }
    size_t len;
    int v;
    ck_assert(!zb__is_cn_digit("一", 2, &len, &v)); /* cut off */
}
END_TEST

/* schema/regions.tsv as embedded: every level, parents first, and the words. */
START_TEST(region_table) {
    ck_assert_str_eq(zb__region_rows[0].name, "全国");
    ck_assert_str_eq(zb__region_rows[0].code, "100000");
    ck_assert_int_eq(zb__region_rows[0].parent, -1);
    size_t levels[ZB_RL_COUNT] = {0};
    for (size_t i = 1; i < zb__region_count; i++) {
        const zb_region_row *r = &zb__region_rows[i];
        ck_assert_int_ge(r->parent, 0);
        ck_assert_int_lt(r->parent, (int)i);
        ck_assert_int_lt(zb__region_rows[r->parent].level, r->level);
        levels[r->level]++;
    }
    ck_assert_uint_eq(levels[ZB_RL_province], 34);
    ck_assert_uint_ge(levels[ZB_RL_prefecture], 330);
    ck_assert_uint_ge(levels[ZB_RL_county], 2800);

    size_t k;
    const char *s = "长春市";
    int row = zb__lex_prefix(&zb__region_names, s, strlen(s), &k);
    ck_assert_int_ge(row, 0);
    ck_assert_uint_eq(k, strlen(s));
    const zb_region_row *cc = &zb__region_rows[zb__region_names.rows[row].kind];
    ck_assert_int_eq(cc->level, ZB_RL_prefecture);
    ck_assert_str_eq(cc->name_en, "Changchun");
    ck_assert_str_eq(zb__region_rows[cc->parent].name, "吉林省");
    /* a word that several rows share: the trie finds the first, the rest follow */
    s = "朝阳";
    row = zb__lex_prefix(&zb__region_names, s, strlen(s), &k);
    ck_assert_int_ge(row, 0);
    size_t n = 0;
    while ((size_t)row + n < zb__region_names.nrows &&
           strcmp(zb__region_names.rows[row + n].word, "朝阳") == 0)
        n++;
    ck_assert_uint_ge(n, 3);
    /* words are folded as the text is: 乾安县 is found as 干安县 */
    s = "干安县";
    row = zb__lex_prefix(&zb__region_names, s, strlen(s), &k);
    ck_assert_int_ge(row, 0);
    ck_assert_str_eq(zb__region_names.rows[row].text, "乾安县");

    /* the words that name a report's region: provinces and 全国 only */
    ck_assert_uint_eq(zb__regions.nrows, 36);
    s = "吉林";
    row = zb__lex_prefix(&zb__regions, s, strlen(s), &k);
    ck_assert_str_eq(zb__regions.rows[row].text, "吉林省");
    s = "国务院";
    row = zb__lex_prefix(&zb__regions, s, strlen(s), &k);
    ck_assert_str_eq(zb__regions.rows[row].text, "全国");
    s = "长春";
    ck_assert_int_lt(zb__lex_prefix(&zb__regions, s, strlen(s), &k), 0);
}
END_TEST

/* The tries (double arrays over the characters' shared codes) find every
 * word of every table, forward and backward, as the longest match, and no
 * more than the words: a word cut short or run on finds a word no longer
 * than what is there, and text of characters in no word finds nothing. */
START_TEST(every_table_word_is_found_both_ways) {
    const zb_lex_table *tables[] = {&zb__units,       &zb__comparators, &zb__predicates,
                                    &zb__lexicon,     &zb__periods,     &zb__sectors,
                                    &zb__regions,     &zb__aliases,     &zb__entities,
                                    &zb__after_numbers, &zb__html,      &zb__page_words,
                                    &zb__region_names};
    size_t words = 0;
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        const zb_lex_table *T = tables[t];
        for (size_t r = 0; r < T->nrows; r++) {
            const char *w = T->rows[r].word;
            size_t n = strlen(w), k = 0, ks = 0;
            char buf[512];
            ck_assert_uint_lt(n + 8, sizeof buf);
            /* behind and ahead of a character no word holds (U+E000, private use) */
            memcpy(buf, "\xEE\x80\x80", 3);
            memcpy(buf + 3, w, n);
            memcpy(buf + 3 + n, "\xEE\x80\x80", 3);
            int row = zb__lex_prefix(T, buf + 3, n + 3, &k);
            ck_assert_msg(row >= 0 && k == n && !strcmp(T->rows[row].word, w), "%s", w);
            ck_assert(row == 0 || strcmp(T->rows[row - 1].word, w) != 0); /* the first */
            row = zb__lex_suffix(T, buf, 0, 3 + n, &ks);
            ck_assert_msg(row >= 0 && ks == n && !strcmp(T->rows[row].word, w), "%s", w);
            /* cut by its last character: a shorter word at most */
            size_t cut = n - 1;
            while (cut > 0 && ((unsigned char)w[cut] & 0xC0) == 0x80)
                cut--;
            row = zb__lex_prefix(T, w, cut, &k);
            ck_assert(row < 0 ? k == 0 : k <= cut && !strncmp(T->rows[row].word, w, k));
            words++;
        }
        size_t k = 99;
        ck_assert_int_lt(zb__lex_prefix(T, "\xEE\x80\x80\xF0\x9F\x98\x80", 7, &k), 0);
        ck_assert_uint_eq(k, 0);
        ck_assert_int_lt(zb__lex_suffix(T, "\xF0\x9F\x98\x80\xEE\x80\x80", 0, 7, &k), 0);
    }
    ck_assert_uint_gt(words, 5000);
}
END_TEST

/* schema/metrics.tsv v2 and schema/unit_conversions.tsv as embedded. */
START_TEST(catalog_and_conversions) {
    ck_assert_uint_ge(zb__metric_count, 80);
    int surveyed = -1, registered = -1;
    for (size_t i = 0; i < zb__metric_count; i++) {
        const zb_metric_row *m = &zb__metric_rows[i];
        ck_assert(m->name_en[0] != 0);
        if (!strcmp(m->id, "unemployment_rate"))
            surveyed = (int)i;
        if (!strcmp(m->id, "registered_unemployment_rate"))
            registered = (int)i;
    }
    ck_assert_int_ge(surveyed, 0);
    ck_assert_int_ge(registered, 0);
    ck_assert_str_eq(zb__metric_rows[0].id, "gdp"); /* ids keep their rows */
    ck_assert_str_eq(zb__metric_rows[0].unit, "元");
    size_t k;
    const char *s = "城镇登记失业率";
    int row = zb__lex_prefix(&zb__aliases, s, strlen(s), &k);
    ck_assert_int_eq(zb__aliases.rows[row].kind, registered);
    double jin = 0, mu = 0;
    for (size_t i = 0; i < zb__unit_conversion_count; i++) {
        const zb_unit_conversion *c = &zb__unit_conversions[i];
        ck_assert(c->factor > 0);
        if (!strcmp(c->from, "斤") && !strcmp(c->to, "吨"))
            jin = c->factor;
        if (!strcmp(c->from, "亩") && !strcmp(c->to, "公顷"))
            mu = c->factor;
    }
    ck_assert_double_eq_tol(jin, 0.0005, 1e-15);
    ck_assert_double_eq_tol(mu, 1.0 / 15, 1e-15);
}
END_TEST

int main(void) {
    Suite *s = suite_create("text");
    TCase *t = tcase_create("text");
    tcase_add_test(t, valid_text_passes);
    tcase_add_test(t, chinese_digits);
    tcase_add_test(t, invalid_utf8_says_line_and_byte);
    tcase_add_test(t, binary_and_utf16_are_refused);
    tcase_add_test(t, full_width_folds_to_ascii);
    tcase_add_test(t, straight_quotes_fold_to_curly_pairs);
    tcase_add_test(t, traditional_folds_to_simplified);
    tcase_add_test(t, invisible_and_control_characters);
    tcase_add_test(t, expansions_map_to_the_whole_character);
    tcase_add_test(t, fold_short_ways_keep_the_map);
    tcase_add_test(t, text_out_of_order_spans_forward);
    tcase_add_test(t, utf8_helpers);
    tcase_add_test(t, region_table);
    tcase_add_test(t, every_table_word_is_found_both_ways);
    tcase_add_test(t, catalog_and_conversions);
    suite_add_tcase(s, t);
    int failed = tu_run(s);
    return failed;
}
