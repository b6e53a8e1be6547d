/* The public parse API: options, errors, accessors, spans, sections and
 * sentences, allocator hooks and allocation failure, JSON, threads. */
#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "zhibiao.h"

static char *sample;
static size_t sample_len;

START_TEST(options_and_bad_arguments) {
    zb_parse_options o;
    ck_assert_int_eq(zb_parse_options_init(&o, ZB_PARSE_OPTIONS_VERSION), ZB_OK);
    ck_assert_uint_eq(o.version, ZB_PARSE_OPTIONS_VERSION);
    ck_assert_int_eq(o.report_year, 0);
    ck_assert_int_eq(zb_parse_options_init(&o, 7), ZB_EINVAL);
    ck_assert_int_eq(zb_parse_options_init(NULL, 1), ZB_EINVAL);
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(NULL, "x", 1, NULL), ZB_EINVAL);
    ck_assert_int_eq(zb_parse(&doc, NULL, 3, NULL), ZB_EINVAL);
    ck_assert_ptr_nonnull(strstr(zb_doc_errmsg(doc), "NULL"));
    zb_doc_free(doc);
    o.report_year = 1800;
    ck_assert_int_eq(zb_parse(&doc, "x", 1, &o), ZB_EINVAL);
    ck_assert_ptr_nonnull(strstr(zb_doc_errmsg(doc), "1800"));
    zb_doc_free(doc);
    /* NULL handles are harmless */
    zb_doc_free(NULL);
    ck_assert_uint_eq(zb_doc_count(NULL), 0);
    ck_assert_ptr_null(zb_doc_get(NULL, 0));
    ck_assert_str_eq(zb_doc_region(NULL), "");
    ck_assert_str_eq(zb_strerror(ZB_EUTF8), "invalid UTF-8");
    ck_assert_str_eq(zb_version(), ZB_VERSION_STRING);
}
END_TEST

START_TEST(names_round_trip) {
    for (int s = ZB_SECTOR_ECONOMY; s <= ZB_SECTOR_GOVERNANCE; s++) {
        zb_sector back;
        ck_assert_int_eq(zb_sector_from_name(&back, zb_sector_name((zb_sector)s)), ZB_OK);
        ck_assert_int_eq(back, s);
    }
    zb_kind k;
    ck_assert_int_eq(zb_kind_from_name(&k, "target"), ZB_OK);
    ck_assert_int_eq(k, ZB_KIND_TARGET);
    ck_assert_int_eq(zb_kind_from_name(&k, "goal"), ZB_EINVAL);
    ck_assert_str_eq(zb_cmp_name(ZB_CMP_APPROX), "~");
    ck_assert_str_eq(zb_measure_name(ZB_MEASURE_GAP), "gap");
}
END_TEST

START_TEST(sample_spans_point_at_the_surface) {
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, sample, sample_len, NULL), ZB_OK);
    ck_assert_uint_ge(zb_doc_count(doc), 150);
    ck_assert_int_eq(zb_doc_report_year(doc), 2022);
    ck_assert_str_eq(zb_doc_region(doc), "吉林省");
    ck_assert_str_eq(zb_doc_title(doc), "政府工作报告");
    for (size_t i = 0; i < zb_doc_count(doc); i++) {
        const zb_indicator *ind = zb_doc_get(doc, i);
        ck_assert_uint_lt(ind->span_start, ind->span_end);
        ck_assert_uint_le(ind->span_end, sample_len);
        ck_assert_int_eq(memcmp(sample + ind->span_start, ind->surface,
                                ind->span_end - ind->span_start), 0);
        ck_assert_uint_eq(strlen(ind->surface), ind->span_end - ind->span_start);
        const zb_sentence *st = zb_doc_sentence(doc, ind->sentence_index);
        ck_assert_ptr_nonnull(st);
        ck_assert_ptr_eq(st->text, ind->sentence);
        ck_assert_uint_le(st->span_start, ind->span_start);
        ck_assert_uint_ge(st->span_end, ind->span_end);
        if (ind->section_index != SIZE_MAX)
            ck_assert_str_eq(zb_doc_section(doc, ind->section_index)->title, ind->section);
        ck_assert(ind->year == 2021 || ind->year == 2022 || ind->year == 2023 ||
                  ind->year == 2025);
    }
    ck_assert_ptr_null(zb_doc_get(doc, zb_doc_count(doc)));
    zb_doc_free(doc);
}
END_TEST

START_TEST(sections_of_the_sample) {
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, sample, sample_len, NULL), ZB_OK);
    int plan_seen = 0, found_innovation = 0;
    for (size_t i = 0; i < zb_doc_section_count(doc); i++) {
        const zb_section *sec = zb_doc_section(doc, i);
        /* no folding touched these headings: the span is the title itself */
        ck_assert_int_eq(memcmp(sample + sec->span_start, sec->title,
                                sec->span_end - sec->span_start), 0);
        if (!strcmp(sec->title, "二、2022年工作安排")) {
            ck_assert_int_eq(sec->level, 1);
            ck_assert(sec->plan);
            plan_seen = 1;
        }
        if (!strcmp(sec->title, "三是强化创新驱动发展")) {
            ck_assert(!sec->plan);
            ck_assert(sec->has_sector);
            ck_assert_int_eq(sec->sector, ZB_SECTOR_INNOVATION);
            found_innovation = 1;
        }
    }
    ck_assert(plan_seen && found_innovation);
    zb_doc_free(doc);
}
END_TEST

START_TEST(all_sentences_on_request) {
    zb_doc *a = NULL, *b = NULL;
    zb_parse_options o = ZB_PARSE_OPTIONS_INIT;
    o.flags = ZB_PARSE_ALL_SENTENCES;
    ck_assert_int_eq(zb_parse(&a, sample, sample_len, NULL), ZB_OK);
    ck_assert_int_eq(zb_parse(&b, sample, sample_len, &o), ZB_OK);
    ck_assert_uint_gt(zb_doc_sentence_count(b), zb_doc_sentence_count(a));
    ck_assert_uint_eq(zb_doc_count(a), zb_doc_count(b));
    for (size_t i = 0; i < zb_doc_count(a); i++)
        ck_assert_str_eq(zb_doc_get(a, i)->sentence, zb_doc_get(b, i)->sentence);
    zb_doc_free(a);
    zb_doc_free(b);
}
END_TEST

/* The report year zb_parse finds in text. */
static int report_year_of(const char *text) {
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, text, strlen(text), NULL), ZB_OK);
    int year = zb_doc_report_year(doc);
    zb_doc_free(doc);
    return year;
}

START_TEST(report_year_from_title_or_unknown) {
    const char *titled = "2023年政府工作报告\n\n过去一年，地区生产总值增长3%。";
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, titled, strlen(titled), NULL), ZB_OK);
    ck_assert_int_eq(zb_doc_report_year(doc), 2023);
    zb_doc_free(doc);
    const char *bare = "地区生产总值增长3%。";
    ck_assert_int_eq(zb_parse(&doc, bare, strlen(bare), NULL), ZB_OK);
    ck_assert_int_eq(zb_doc_report_year(doc), 0);
    ck_assert_int_eq(zb_doc_get(doc, 0)->year, 0);
    zb_doc_free(doc);
}
END_TEST

/* The year of the goals, a comma after it: 报告指出，2025年，…主要预期目标是： */
START_TEST(report_year_of_goals_after_a_comma) {
    const char *news = "报告指出，2025年，中山全市经济社会发展主要预期目标是：地区生产总值增长5.5%；"
                       "社会消费品零售总额增长5%。";
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, news, strlen(news), NULL), ZB_OK);
    ck_assert_int_eq(zb_doc_report_year(doc), 2025);
    ck_assert_int_eq(zb_doc_count(doc), 2);
    ck_assert_int_eq(zb_doc_get(doc, 1)->kind, ZB_KIND_TARGET);
    ck_assert_int_eq(zb_doc_get(doc, 1)->year, 2025);
    zb_doc_free(doc);
}
END_TEST

/* A headline's year with this year's goals after a head noun (增速). */
START_TEST(report_year_from_a_headline) {
    const char *text = "2020年上海经济增速预期目标不设具体数字\n市长在政府工作报告中提出，今年主要预期"
                       "目标是：地方一般公共预算收入增长5%。";
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, text, strlen(text), NULL), ZB_OK);
    ck_assert_int_eq(zb_doc_report_year(doc), 2020);
    ck_assert_int_eq(zb_doc_get(doc, 0)->year, 2020);
    ck_assert_int_eq(zb_doc_get(doc, 0)->kind, ZB_KIND_TARGET);
    zb_doc_free(doc);
    /* a predicate still ends the look: 2025年增长6%的目标 names no goals */
    const char *grew = "2025年增长6%的目标顺利实现。";
    ck_assert_int_ne(report_year_of(grew), 2025);
}
END_TEST

/* 刚刚过去的2009年 is the year just ended. */
START_TEST(report_year_after_the_year_just_ended) {
    const char *text = "刚刚过去的2009年，是很不平凡的一年。全县地区生产总值增长10.2%。";
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, text, strlen(text), NULL), ZB_OK);
    ck_assert_int_eq(zb_doc_report_year(doc), 2010);
    ck_assert_int_eq(zb_doc_get(doc, 0)->year, 2009);
    zb_doc_free(doc);
}
END_TEST

/* An estimate is of the year just ended: 预计2022年… is in the 2023 report. */
START_TEST(report_year_from_an_estimate) {
    const char *news = "武汉市市长作《政府工作报告》。《政府工作报告》显示，预计2022年武汉地区生产总值"
                       "增长4.5%左右，总量达到1.9万亿元左右。";
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, news, strlen(news), NULL), ZB_OK);
    ck_assert_int_eq(zb_doc_report_year(doc), 2023);
    ck_assert_int_eq(zb_doc_count(doc), 2);
    ck_assert_int_eq(zb_doc_get(doc, 1)->year, 2022);
    ck_assert(zb_doc_get(doc, 1)->estimate);
    zb_doc_free(doc);
}
END_TEST

/* A news item that names only last year, at the start of a clause, and then
 * this year's goals: the report is of the year after; without the goals the
 * year is a year, not the report's. */
START_TEST(report_year_from_a_news_lead) {
    const char *news = "总理在政府工作报告中表示，2021年，国内生产总值增长8.1%。全国财政收入增长"
                       "10.7%。今年发展主要预期目标是：国内生产总值增长5.5%左右。";
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, news, strlen(news), NULL), ZB_OK);
    ck_assert_int_eq(zb_doc_report_year(doc), 2022);
    ck_assert_int_eq(zb_doc_count(doc), 3);
    ck_assert_int_eq(zb_doc_get(doc, 1)->year, 2021);
    ck_assert_int_eq(zb_doc_get(doc, 1)->kind, ZB_KIND_ACHIEVED);
    ck_assert_int_eq(zb_doc_get(doc, 2)->year, 2022);
    ck_assert_int_eq(zb_doc_get(doc, 2)->kind, ZB_KIND_TARGET);
    zb_doc_free(doc);
    const char *no_goals = "总理在政府工作报告中表示，2021年，国内生产总值增长8.1%。";
    ck_assert_int_eq(report_year_of(no_goals), 0);
    /* a bullet's year with a result after it, no comma */
    const char *bullets = "报告指出：\n●2023年广东地区生产总值达到13.57万亿元、增长4.8%；\n"
                          "报告提出，今年广东经济社会发展的主要预期目标是：\n◆地区生产总值增长5%；";
    ck_assert_int_eq(report_year_of(bullets), 2024);
    /* 2023年，是…之年 names the year without saying which */
    const char *framing = "2023年，是全面贯彻党的二十大精神的开局之年。政府工作报告明确提出今年发展的"
                          "主要预期目标是：国内生产总值增长5%左右。";
    ck_assert_int_ne(report_year_of(framing), 2024);
    /* a plan's heading is no result: 2024年…发展 names this year */
    const char *plan_heading = "2024年广东经济社会发展\n报告提出，今年广东经济社会发展的主要预期目标是："
                               "地区生产总值增长5%。";
    ck_assert_int_ne(report_year_of(plan_heading), 2025);
    /* the goals first: the year after them is no review's */
    const char *goals_first = "政府工作报告提出，今年发展主要预期目标是：国内生产总值增长5.5%左右。"
                              "2021年，国内生产总值增长8.1%。";
    ck_assert_int_eq(report_year_of(goals_first), 0);
    /* a year's lead whose results are estimates: the year just ended */
    const char *estimated = "2025年，同安区预计地区生产总值增长6.5%左右，规上工业增加值增长12%。";
    ck_assert_int_eq(report_year_of(estimated), 2026);
    const char *not_estimated = "2025年，同安区地区生产总值增长6.5%左右，预计全年财政收入增长3%。";
    ck_assert_int_eq(report_year_of(not_estimated), 0);
    /* a work report named in the title gives its year */
    const char *titled = "赣榆区2025年工作报告显示，该区地区生产总值增长7%。";
    ck_assert_int_eq(report_year_of(titled), 2025);
    /* a year's lead of what will be done (将) is this year's */
    const char *will = "报告提出了今年的主要预期目标:全市GDP增长5.5%。根据政府工作报告,2025年,"
                       "深圳将重点抓好十个方面工作。";
    ck_assert_int_eq(report_year_of(will), 2025);
    const char *nearly = "报告提出了今年的主要预期目标:全市GDP增长5.5%。2024年,将近一半的投资来自"
                         "民间。";
    ck_assert_int_ne(report_year_of(nearly), 2024);
    /* a year whose goals the text says were met is the year just ended */
    const char *met = "2024年,夷陵区较好地完成了全年目标任务。全区GDP增长8%。";
    ck_assert_int_eq(report_year_of(met), 2025);
    const char *met_heading = "2025年主要目标任务如期完成\n地区生产总值增长6%。";
    ck_assert_int_eq(report_year_of(met_heading), 2026);
    /* not when the sentence commits to them or aims at them */
    const char *committed = "2025年,确保完成全年目标任务,地区生产总值增长6%。";
    ck_assert_int_ne(report_year_of(committed), 2026);
    const char *aimed = "2025年,力争圆满完成全年目标任务。";
    ck_assert_int_ne(report_year_of(aimed), 2026);
    /* nor when the year does not open the sentence */
    const char *inside = "我们将在2025年完成目标任务。";
    ck_assert_int_ne(report_year_of(inside), 2026);
    /* a done word with 了, or before goals a relative clause qualifies, far back */
    const char *far = "2023年,全县较好完成了县十八届人大二次会议确定的主要目标任务。";
    ck_assert_int_eq(report_year_of(far), 2024);
    const char *far_relative = "2023年,全县圆满完成县人民代表大会确定的各项目标任务。";
    ck_assert_int_eq(report_year_of(far_relative), 2024);
    const char *far_aimed = "2025年,力争完成了市人大会议确定的主要目标任务。";
    ck_assert_int_ne(report_year_of(far_aimed), 2026);
    /* a line that opens with a year, then a paragraph that opens with 过去的一年
     * and says the goals were met: the year just ended */
    const char *line_year = "2024年全市上下奋发进取 交出了一份优异成绩单\n\n过去的一年,成绩殊为不易。"
                            "我们较好完成了市人大会议确定的主要目标任务。\n地区生产总值增长6%。";
    ck_assert_int_eq(report_year_of(line_year), 2025);
    /* an estimate that names no year, after a year that opened a clause of
     * the line: that year's estimate */
    const char *estimated_after = "报告指出,2021年,全区实现了良好开局。预计地区生产总值620亿元、增长7%。";
    ck_assert_int_eq(report_year_of(estimated_after), 2022);
    const char *estimated_goal = "2021年,全区将奋力冲刺。预计地区生产总值620亿元。";
    ck_assert_int_ne(report_year_of(estimated_goal), 2022);
    /* 2024年是…的关键一年。我们将…: the year a plan is for */
    const char *plan_year = "2023年是新区只争朝夕的一年。2024年是新区快速发展的关键一年。我们将落实部署,"
                            "一般公共预算收入高于全市7个百分点以上。";
    ck_assert_int_eq(report_year_of(plan_year), 2024);
    const char *past_year = "2024年是新区快速发展的关键一年。我们坚持稳中求进,地区生产总值增长6%。";
    ck_assert_int_ne(report_year_of(past_year), 2024);
    const char *line_far = "2024年全市上下奋发进取\n各位代表:\n过去的一年,我们较好完成了主要目标任务。";
    ck_assert_int_ne(report_year_of(line_far), 2025);
    /* a year's lead that names an expectation is this year's goal, not results */
    const char *expected = "2020年上海经济增速预期首次定格“6%左右”\n市长作《政府工作报告》。"
                           "建议今年全市经济社会发展的主要预期目标是:全市生产总值增长6%左右。";
    ck_assert_int_eq(report_year_of(expected), 2020);
}
END_TEST

/* A page dated in the first months of a year that gives estimates of results
 * and names no year: the report of that year, its figures of the year before;
 * dated from October on, the report of the next year. */
START_TEST(report_year_from_a_dated_page_of_estimates) {
    const char *news = "编辑:张三2018-01-24 16:20\n预计地区生产总值超过2100亿元,增长8.8%左右。";
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, news, strlen(news), NULL), ZB_OK);
    ck_assert_int_eq(zb_doc_report_year(doc), 2018);
    ck_assert_int_eq(zb_doc_count(doc), 2);
    ck_assert_int_eq(zb_doc_get(doc, 1)->year, 2017);
    ck_assert_int_eq(zb_doc_get(doc, 1)->kind, ZB_KIND_ACHIEVED);
    ck_assert(zb_doc_get(doc, 1)->estimate);
    zb_doc_free(doc);
    ck_assert_int_eq(report_year_of("2018年12月20日\n预计全年地区生产总值增长8%。"), 2019);
    ck_assert_int_eq(report_year_of("2018年1月20日\n地区生产总值增长8%。"), 0);
}
END_TEST

/* A page that names no year but its date, and this year's goals: the report
 * is of the year the page is dated; a date alone, without the goals, says
 * nothing of a report. */
START_TEST(report_year_from_a_dated_page) {
    const char *news = "总理在政府工作报告中提出，今年发展主要预期目标是：国内生产总值增长5%左右。\n"
                       "相关新闻：\n- 2025年03月12日 21:05:10";
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, news, strlen(news), NULL), ZB_OK);
    ck_assert_int_eq(zb_doc_report_year(doc), 2025);
    ck_assert_int_eq(zb_doc_get(doc, 0)->year, 2025);
    ck_assert_int_eq(zb_doc_get(doc, 0)->kind, ZB_KIND_TARGET);
    zb_doc_free(doc);
    const char *iso = "发布时间：2024-03-05 10:21\n报告提出，今年主要预期目标是：地区生产总值增长5%。";
    ck_assert_int_eq(report_year_of(iso), 2024);
    const char *no_goals = "发布时间：2024-03-05 10:21\n全市地区生产总值增长5%。";
    ck_assert_int_eq(report_year_of(no_goals), 0);
    /* a number with dashes is no date (2024-13-05), nor a year without its day */
    const char *not_dates = "编号2024-13-05，2024年3月。今年主要预期目标是：地区生产总值增长5%。";
    ck_assert_int_eq(report_year_of(not_dates), 0);
}
END_TEST

/* A digest's captions: 2020年成就: heads results, 2021年目标: the goals of the
 * report year; a caption is the whole line (2021年目标任务全面完成 is none). */
START_TEST(captions_of_results_and_goals) {
    const char *text = "2020年成就:\n实现生产总值2.62万亿元,增长2.2%\n固定资产投资增长4.1%\n"
                       "2021年目标:\n生产总值增长6.5%左右\n城镇新增就业40万人";
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, text, strlen(text), NULL), ZB_OK);
    ck_assert_int_eq(zb_doc_report_year(doc), 2021);
    ck_assert_int_eq(zb_doc_count(doc), 5);
    ck_assert_int_eq(zb_doc_get(doc, 2)->kind, ZB_KIND_ACHIEVED);
    ck_assert_int_eq(zb_doc_get(doc, 2)->year, 2020);
    ck_assert_int_eq(zb_doc_get(doc, 3)->kind, ZB_KIND_TARGET);
    ck_assert_int_eq(zb_doc_get(doc, 4)->year, 2021);
    zb_doc_free(doc);
    const char *met = "一、2020年工作回顾\n2020年目标任务全面完成，生产总值增长2.2%。";
    ck_assert_int_eq(report_year_of(met), 2021);
}
END_TEST

/* Of two years before a plan word, the plan is the nearer one's: 2022年工作总结
 * and 2023年工作安排 make 2023 the report year, not 2022. */
START_TEST(report_year_of_the_nearer_plan) {
    const char *both = "报告是在2022年工作总结和2023年工作安排的基础上形成的。\n全县生产总值增长5%。";
    ck_assert_int_eq(report_year_of(both), 2023);
    const char *one = "报告是在2023年工作安排的基础上形成的。\n全县生产总值增长5%。";
    ck_assert_int_eq(report_year_of(one), 2023);
}
END_TEST

START_TEST(too_large_numbers_are_skipped) {
    char text[1200];
    strcpy(text, "增长");
    memset(text + 6, '9', 1000);
    strcpy(text + 1006, "元，粮食产量达到800亿斤。");
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, text, strlen(text), NULL), ZB_OK);
    ck_assert_uint_eq(zb_doc_skipped_numbers(doc), 1);
    ck_assert_uint_eq(zb_doc_count(doc), 1);
    ck_assert_double_eq(zb_doc_get(doc, 0)->value, 800);
    zb_doc_free(doc);
}
END_TEST

/* An allocator that counts, and fails the Nth call when asked. */
typedef struct counting {
    long calls, fail_at, live;
} counting;

static void *counting_realloc(void *ctx, void *p, size_t n) {
    counting *c = ctx;
    if (++c->calls == c->fail_at)
        return NULL;
    void *q = realloc(p, n);
    if (q && !p)
        c->live++;
    return q;
}

static void counting_free(void *ctx, void *p) {
    counting *c = ctx;
    if (p)
        c->live--;
    free(p);
}

START_TEST(allocations_go_through_the_hooks) {
    counting c = {0, 0, 0};
    zb_allocator a = {counting_realloc, counting_free, &c};
    zb_parse_options o = ZB_PARSE_OPTIONS_INIT;
    o.allocator = &a;
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, sample, sample_len, &o), ZB_OK);
    ck_assert_uint_ge(zb_doc_count(doc), 150);
    zb_doc_free(doc);
    ck_assert_int_gt(c.calls, 10);
    ck_assert_int_eq(c.live, 0);
}
END_TEST

static int ignore_row(void *ctx, const zb_indicator *ind) {
    (void)ctx, (void)ind;
    return 0;
}

/* Run one public call with an allocator that fails the Nth allocation. */
static int call_with(int which, const zb_allocator *a) {
    zb_parse_options o = ZB_PARSE_OPTIONS_INIT;
    o.allocator = a;
    int rc;
    if (which == 0) {
        zb_doc *doc = NULL;
        rc = zb_parse(&doc, sample, sample_len, &o);
        zb_doc_free(doc);
    } else if (which == 1 || which == 3) {
        /* 3: the parse in a second thread, which calls the allocator there */
        if (which == 3)
            o.flags |= ZB_PARSE_AHEAD;
        zb_doc *doc = NULL;
        rc = zb_parse_each(&doc, sample, sample_len, &o, ignore_row, NULL);
        zb_doc_free(doc);
    } else {
        zb_scan *sc = NULL;
        rc = zb_scan_text(&sc, sample, sample_len, &o);
        zb_scan_free(sc);
    }
    return rc;
}

START_TEST(every_allocation_may_fail) {
    static const char *const names[] = {"zb_parse", "zb_parse_each", "zb_scan_text",
                                        "zb_parse_each (ZB_PARSE_AHEAD)"};
    for (int which = 0; which < 4; which++) {
        /* count the allocations of one call, then fail each in turn */
        counting c = {0, 0, 0};
        zb_allocator a = {counting_realloc, counting_free, &c};
        ck_assert_int_eq(call_with(which, &a), ZB_OK);
        long total = c.calls;
        for (long n = 1; n <= total; n++) {
            counting f = {0, n, 0};
            zb_allocator fa = {counting_realloc, counting_free, &f};
            int rc = call_with(which, &fa);
            ck_assert_msg(rc == ZB_ENOMEM, "%s: allocation %ld of %ld failed but it returned %d",
                          names[which], n, total, rc);
            ck_assert_msg(f.live == 0, "%s: allocation %ld: %ld blocks leaked", names[which], n,
                          f.live);
        }
        printf("%s: each of its %ld allocations failed in turn: ZB_ENOMEM, nothing leaked\n",
               names[which], total);
    }
    /* and with no failure the result is whole again */
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, sample, sample_len, NULL), ZB_OK);
    ck_assert_uint_ge(zb_doc_count(doc), 150);
    zb_doc_free(doc);
}
END_TEST

START_TEST(json_is_escaped_and_sized) {
    zb_indicator ind;
    memset(&ind, 0, sizeof ind);
    ind.surface = "6%";
    ind.unit = "%";
    ind.base_unit = "%";
    ind.metric = "a\"b\\c\nd";
    ind.metric_id = "";
    ind.section = "";
    ind.sentence = "x\ty";
    ind.value = 6;
    ind.base_value = 6;
    ind.value_high = NAN;
    ind.year = 0;
    char buf[1024];
    size_t need = zb_indicator_json(&ind, buf, sizeof buf);
    ck_assert_uint_eq(need, strlen(buf));
    ck_assert_ptr_nonnull(strstr(buf, "\"metric\":\"a\\\"b\\\\c\\nd\""));
    ck_assert_ptr_nonnull(strstr(buf, "\"value_high\":null"));
    ck_assert_ptr_nonnull(strstr(buf, "\"year\":null"));
    ck_assert_ptr_nonnull(strstr(buf, "\"sentence\":\"x\\ty\""));
    char small[10];
    ck_assert_uint_eq(zb_indicator_json(&ind, small, sizeof small), need);
    ck_assert_uint_eq(strlen(small), sizeof small - 1);
}
END_TEST

/* zb_parse_each hands out the same rows zb_parse keeps, on every test document. */
typedef struct collected {
    char **rows;
    size_t n;
} collected;

static int collect(void *ctx, const zb_indicator *ind) {
    collected *c = ctx;
    char buf[16384];
    zb_indicator_json(ind, buf, sizeof buf);
    c->rows = realloc(c->rows, (c->n + 1) * sizeof *c->rows);
    c->rows[c->n++] = strdup(buf);
    return 0;
}

static int stop_at_three(void *ctx, const zb_indicator *ind) {
    (void)ind;
    return ++*(int *)ctx == 3 ? 42 : 0;
}

/* Whose report: a region named in the title block at its own level, even
 * where the text names its province more often; else the province named most. */
START_TEST(region_at_its_level) {
    static const struct {
        const char *text, *region, *code;
    } cases[] = {
        {"政府工作报告\n——2023年1月7日在武汉市第十五届人民代表大会第二次会议上\n武汉市人民政府市长\n"
         "各位代表：全省经济稳中向好，湖北加快建设先行区，湖北湖北湖北。全市地区生产总值增长4%。",
         "武汉市", "420100"},
        {"1月21日，江苏省第十四届人民代表大会第二次会议在南京开幕。全省地区生产总值增长5.8%。",
         "江苏省", "320000"},
        {"在第十四届全国人民代表大会第一次会议上。吉林吉林，国内生产总值增长5%。", "全国", "100000"},
        {"湖北省2024年政府工作报告摘要\n武汉 黄石 十堰 宜昌 襄阳\n全省地区生产总值增长6%。", "湖北省",
         "420000"},
        {"吉林省粮食产量807亿斤，吉林的冰雪经济加快发展。", "吉林省", "220000"},
        /* a news dateline (北京3月12日电) says where the item was filed */
        {"新华社北京3月12日电 李强总理代表国务院作政府工作报告。国内生产总值增长5%左右。", "全国",
         "100000"},
        {"本报杭州1月5日讯 浙江省政府工作报告提出，地区生产总值增长5%。", "浙江省", "330000"},
        /* a headline's city before (…年)政府工作报告, a prefecture's */
        {"成都市政府工作报告丨2023年成都地区生产总值超2.2万亿元 增长6%", "成都市", "510100"},
        {"地区生产总值增长5%。", "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        zb_doc *doc = NULL;
        ck_assert_int_eq(zb_parse(&doc, cases[i].text, strlen(cases[i].text), NULL), ZB_OK);
        ck_assert_str_eq(zb_doc_region(doc), cases[i].region);
        ck_assert_str_eq(zb_doc_region_code(doc), cases[i].code);
        zb_doc_free(doc);
    }
    zb_region r;
    char why[256];
    ck_assert_int_eq(zb_region_lookup(&r, "吉林", why, sizeof why), ZB_OK);
    ck_assert_str_eq(r.name, "吉林省"); /* the province, not the city of 吉林 */
    ck_assert_int_eq(zb_region_lookup(&r, "420100", why, sizeof why), ZB_OK);
    ck_assert_str_eq(r.name, "武汉市");
    ck_assert_str_eq(r.parent_code, "420000");
    ck_assert_str_eq(r.level, "prefecture");
    ck_assert_int_eq(zb_region_lookup(&r, "鼓楼区", why, sizeof why), ZB_EINVAL);
    ck_assert_ptr_nonnull(strstr(why, "give the code"));
    ck_assert_int_eq(zb_region_lookup(&r, "没有这个地方", why, sizeof why), ZB_ENOTFOUND);
}
END_TEST

/* Headings of two plan years: both entry points must decide the report year
 * alike (zb_parse once kept the last, zb_parse_each the first). */
START_TEST(report_year_decided_once) {
    const char *text = "二、2022年工作安排\n地区生产总值增长5.5%左右。\n"
                       "(一)2025年工作安排\n到2025年,粮食产量稳定在800亿斤以上。\n";
    zb_doc *doc = NULL, *streamed = NULL;
    collected c = {NULL, 0};
    ck_assert_int_eq(zb_parse(&doc, text, strlen(text), NULL), ZB_OK);
    ck_assert_int_eq(zb_parse_each(&streamed, text, strlen(text), NULL, collect, &c), ZB_OK);
    ck_assert_int_eq(zb_doc_report_year(doc), 2022);
    ck_assert_int_eq(zb_doc_report_year(streamed), 2022);
    ck_assert_uint_eq(c.n, zb_doc_count(doc));
    for (size_t i = 0; i < c.n; i++)
        free(c.rows[i]);
    free(c.rows);
    zb_doc_free(doc);
    zb_doc_free(streamed);
}
END_TEST

START_TEST(streaming_gives_the_same_rows) {
    static const char *const docs[] = {"jilin-2022-part2", "zhejiang-2023-trad",
                                       "henan-2023-fullwidth", "jilin-2023-pdf",
                                       "guangdong-2021-plain", "sichuan-2022-web",
                                       "guangxi-2024-trad-fullwidth", "shandong-2023-pdf"};
    for (size_t k = 0; k < sizeof docs / sizeof *docs; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s.txt", ZB_TEST_DATA, docs[k]);
        size_t len;
        char *text = tu_read_file(path, &len);
        zb_doc *doc = NULL, *streamed = NULL;
        collected c = {NULL, 0};
        ck_assert_int_eq(zb_parse(&doc, text, len, NULL), ZB_OK);
        ck_assert_int_eq(zb_parse_each(&streamed, text, len, NULL, collect, &c), ZB_OK);
        ck_assert_int_eq(zb_doc_report_year(streamed), zb_doc_report_year(doc));
        ck_assert_str_eq(zb_doc_region(streamed), zb_doc_region(doc));
        ck_assert_uint_eq(zb_doc_count(streamed), 0);
        ck_assert_msg(c.n == zb_doc_count(doc), "%s: %zu streamed rows, %zu kept", docs[k], c.n,
                      zb_doc_count(doc));
        for (size_t i = 0; i < c.n; i++) {
            char buf[16384];
            zb_indicator_json(zb_doc_get(doc, i), buf, sizeof buf);
            ck_assert_msg(!strcmp(buf, c.rows[i]), "%s row %zu:\n%s\n%s", docs[k], i, buf,
                          c.rows[i]);
            free(c.rows[i]);
        }
        free(c.rows);
        zb_doc_free(doc);
        zb_doc_free(streamed);
        free(text);
    }
    /* a callback can stop the parse */
    int seen = 0;
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse_each(&doc, sample, sample_len, NULL, stop_at_three, &seen), 42);
    ck_assert_int_eq(seen, 3);
    zb_doc_free(doc);
    ck_assert_int_eq(zb_parse_each(&doc, sample, sample_len, NULL, NULL, NULL), ZB_EINVAL);
}
END_TEST

typedef struct job {
    size_t count;
    double sum;
} job;

static void *parse_job(void *arg) {
    job *j = arg;
    for (int r = 0; r < 5; r++) {
        zb_doc *doc = NULL;
        if (zb_parse(&doc, sample, sample_len, NULL) != ZB_OK)
            return NULL;
        j->count = zb_doc_count(doc);
        j->sum = 0;
        for (size_t i = 0; i < j->count; i++)
            if (!zb_doc_get(doc, i)->qualitative) /* a goal without a number has none */
                j->sum += zb_doc_get(doc, i)->base_value;
        zb_doc_free(doc);
    }
    return arg;
}

/* A web page saved as text keeps its comment box and menus; their counts are
 * no figures. Prose that names such a word keeps its own. */
START_TEST(page_furniture_has_no_figures) {
    const char *text = "一、2025年工作回顾\n全省地区生产总值增长5.2%。"
                       "政务网站点击量达到1.2亿次,增长20%。\n"
                       "我说变化丨心里有了明白账\n登录\n评论一下\n评论\n"
                       "0人参与,0条评论\n还没有评论,快来抢沙发吧!\n\n"
                       "最热评论\n最新评论\n已有0人参与,点击查看更多精彩评论\n请输入验证码\n"
                       "确定\n取消\n";
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, text, strlen(text), NULL), ZB_OK);
    const char *want[] = {"5.2%", "1.2亿次", "20%"};
    ck_assert_uint_eq(zb_doc_count(doc), 3);
    for (size_t i = 0; i < 3; i++)
        ck_assert_str_eq(zb_doc_get(doc, i)->surface, want[i]);
    zb_doc_free(doc);
}
END_TEST

START_TEST(threads_parse_independently) {
    pthread_t t[4];
    job jobs[4];
    memset(jobs, 0, sizeof jobs);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, parse_job, &jobs[i]), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        ck_assert_ptr_nonnull(r);
    }
    for (int i = 1; i < 4; i++) {
        ck_assert_uint_eq(jobs[i].count, jobs[0].count);
        ck_assert_double_eq(jobs[i].sum, jobs[0].sum);
    }
}
END_TEST

int main(void) {
    sample = tu_read_file(ZB_TEST_DATA "/jilin-2022-part2.txt", &sample_len);
    Suite *s = suite_create("parse");
    TCase *t = tcase_create("api");
    tcase_set_timeout(t, 600);
    tcase_add_test(t, options_and_bad_arguments);
    tcase_add_test(t, names_round_trip);
    tcase_add_test(t, sample_spans_point_at_the_surface);
    tcase_add_test(t, sections_of_the_sample);
    tcase_add_test(t, all_sentences_on_request);
    tcase_add_test(t, report_year_from_title_or_unknown);
    tcase_add_test(t, report_year_from_a_news_lead);
    tcase_add_test(t, report_year_from_an_estimate);
    tcase_add_test(t, report_year_after_the_year_just_ended);
    tcase_add_test(t, report_year_from_a_headline);
    tcase_add_test(t, report_year_of_goals_after_a_comma);
    tcase_add_test(t, report_year_from_a_dated_page);
    tcase_add_test(t, report_year_from_a_dated_page_of_estimates);
    tcase_add_test(t, captions_of_results_and_goals);
    tcase_add_test(t, report_year_of_the_nearer_plan);
    tcase_add_test(t, report_year_decided_once);
    tcase_add_test(t, region_at_its_level);
    tcase_add_test(t, too_large_numbers_are_skipped);
    tcase_add_test(t, allocations_go_through_the_hooks);
    tcase_add_test(t, every_allocation_may_fail);
    tcase_add_test(t, json_is_escaped_and_sized);
    tcase_add_test(t, threads_parse_independently);
    tcase_add_test(t, page_furniture_has_no_figures);
    tcase_add_test(t, streaming_gives_the_same_rows);
    suite_add_tcase(s, t);
    int failed = tu_run(s);
    free(sample);
    return failed;
}
