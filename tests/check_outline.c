/* Stage 3, outline: headings, parts, sentences, sectors. */
#include <check.h>
#include <string.h>

#include "outline.h"
#include "testutil.h"

static zb_heading heading(const char *s) {
    zb_heading h;
    zb__heading_of(s, strlen(s), &h);
    return h;
}

START_TEST(headings_and_their_text) {
    const char *p = "三是强化创新驱动发展。坚持把创新作为第一动力。";
    zb_heading h = heading(p);
    ck_assert(h.is_heading);
    ck_assert_int_eq(h.level, 3);
    ck_assert_uint_eq(h.text_end, strlen("三是强化创新驱动发展"));
    h = heading("(一)坚决稳住经济基本盘。坚持稳字当头。");
    ck_assert_int_eq(h.level, 2);
    ck_assert_int_eq(h.part, 0);
    h = heading("二、2022年工作安排");
    ck_assert_int_eq(h.level, 1);
    ck_assert_int_eq(h.part, 1);
    ck_assert_int_eq(h.year, 2022);
    h = heading("二、2022年工作总体要求和政策取向");
    ck_assert_int_eq(h.part, 1);
    h = heading("一、2021年工作回顾");
    ck_assert_int_eq(h.part, -1);
    ck_assert_int_eq(h.year, 2021);
    h = heading("地区生产总值增长6%。");
    ck_assert(!h.is_heading);
}
END_TEST

/* A plan word followed by a word that says it was done tells of last year:
 * a short line 普法目标任务全面完成 is no heading of the plan part. */
START_TEST(goals_done_name_no_plan) {
    zb_heading h = heading("普法目标任务全面完成。");
    ck_assert(!h.is_heading || h.part <= 0);
    h = heading("目标任务");
    ck_assert(h.is_heading);
    ck_assert_int_eq(h.part, 1);
    h = heading("三、2025年主要目标任务如期完成");
    ck_assert_int_le(h.part, 0);
    /* a heading of this year's goals opens the plan; of goals met, not */
    h = heading("二、2025年主要预期目标");
    ck_assert(h.is_heading);
    ck_assert_int_eq(h.part, 1);
    h = heading("一、2024年主要预期目标完成情况");
    ck_assert_int_le(h.part, 0);
    h = heading("一、圆满完成2024年主要预期目标");
    ck_assert_int_le(h.part, 0);
}
END_TEST

START_TEST(titles) {
    zb_heading h = heading("2022年吉林省政府工作报告");
    ck_assert(h.is_title);
    ck_assert_int_eq(h.year, 2022);
    /* the date line under a title is no —— heading */
    h = heading("——2022年1月20日在吉林省第十三届人民代表大会第六次会议上");
    ck_assert(!h.is_heading);
    ck_assert(h.is_title);
}
END_TEST

START_TEST(sentences_end_at_final_punctuation) {
    /* folded text: NFKC has made ；！ into ;! */
    const char *s = "第一句。第二句;“第三句!”最后没有句号";
    zb_vec v = {.size = sizeof(zb_range)};
    ck_assert_int_eq(zb__sentences(NULL, s, strlen(s), &v), ZB_OK);
    ck_assert_uint_eq(v.len, 4);
    zb_range *r = v.data;
    ck_assert_uint_eq(r[0].end, strlen("第一句。"));
    ck_assert_uint_eq(r[2].end, strlen("第一句。第二句;“第三句!”"));
    ck_assert_uint_eq(r[3].end, strlen(s));
    zb__vec_free(NULL, &v);
    /* an ellipsis typed as dots ends one; a decimal point or two dots do not */
    const char *dots = "增长2.5%..第二句......下一句";
    ck_assert_int_eq(zb__sentences(NULL, dots, strlen(dots), &v), ZB_OK);
    ck_assert_uint_eq(v.len, 2);
    r = v.data;
    ck_assert_uint_eq(r[0].end, strlen("增长2.5%..第二句......"));
    zb__vec_free(NULL, &v);
}
END_TEST

START_TEST(sectors_of_headings) {
#define SECTOR(text) zb__sector_of_text(text, strlen(text))
    ck_assert_int_eq(SECTOR("四是扎实推进乡村振兴"), ZB_SECTOR_AGRICULTURE);
    ck_assert_int_eq(SECTOR("五是全面深化改革扩大开放"), ZB_SECTOR_REFORM_OPENING);
    ck_assert_int_eq(SECTOR("四是稳住农业基本盘，扎实推进乡村振兴"), ZB_SECTOR_AGRICULTURE);
    ck_assert_int_eq(SECTOR("八是切实加强政府自身建设"), ZB_SECTOR_GOVERNANCE);
    ck_assert_int_eq(SECTOR("(二)加快构建产业发展新格局"), ZB_SECTOR_INDUSTRY);
    ck_assert_int_eq(SECTOR("二、2022年工作安排"), -1);
    const char *passage = "加快建设医药强省，建设医药产业化项目，提升轨道交通制造业整车集成能力，"
                          "培育光电信息产业，打造新能源产业链条。";
    ck_assert_int_eq(zb__sector_by_votes(passage, strlen(passage)), ZB_SECTOR_INDUSTRY);
    ck_assert_int_eq(zb__sector_by_votes("各位代表", strlen("各位代表")), -1);
#undef SECTOR
}
END_TEST

START_TEST(years_in_text) {
    ck_assert_int_eq(zb__year_in("二、2023年工作安排", strlen("二、2023年工作安排")), 2023);
    ck_assert_int_eq(zb__year_in("增长2022%", strlen("增长2022%")), 0);
    ck_assert_int_eq(zb__year_in("12022年", strlen("12022年")), 0);
}
END_TEST

int main(void) {
    Suite *s = suite_create("outline");
    TCase *t = tcase_create("outline");
    tcase_add_test(t, headings_and_their_text);
    tcase_add_test(t, titles);
    tcase_add_test(t, goals_done_name_no_plan);
    tcase_add_test(t, sentences_end_at_final_punctuation);
    tcase_add_test(t, sectors_of_headings);
    tcase_add_test(t, years_in_text);
    suite_add_tcase(s, t);
    int failed = tu_run(s);
    return failed;
}
