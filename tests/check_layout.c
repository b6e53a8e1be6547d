/* Stage 2, layout: lines → paragraphs. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "layout.h"
#include "marker.h"
#include "testutil.h"

/* The paragraphs of s, joined with '|' for easy comparison. */
static char *paragraphs(const char *s) {
    static char out[8192];
    zb_layout l;
    zb__layout_init(&l, NULL, s, strlen(s));
    const zb_ntext *b;
    out[0] = 0;
    int rc;
    while ((rc = zb__layout_next(&l, &b)) == 1) {
        if (out[0])
            strcat(out, "|");
        strncat(out, b->s, b->len);
        /* every byte maps inside the input */
        for (size_t i = 0; i < b->len; i++)
            ck_assert_uint_lt(b->src[i], strlen(s));
    }
    ck_assert_int_eq(rc, 0);
    zb__layout_free(&l);
    return out;
}

START_TEST(continuation_markers_are_dropped) {
    ck_assert_str_eq(paragraphs("(上接第一版)加快建设。\n更多内容。(下转第三版)"),
                     "加快建设。|更多内容。");
    ck_assert_str_eq(paragraphs("（下转第２版）正文。"), "正文。");
    /* parentheses that are not markers stay */
    ck_assert_str_eq(paragraphs("中国(吉林)、中国(长春)。"), "中国(吉林)、中国(长春)。");
}
END_TEST

START_TEST(broken_sentences_are_joined) {
    ck_assert_str_eq(paragraphs("新建农村村公\n\n路2805公里。下一句。"), "新建农村村公路2805公里。下一句。");
    ck_assert_str_eq(paragraphs("全面完成\n\n50项民生实事。"), "全面完成50项民生实事。");
    ck_assert_str_eq(paragraphs("地区生产总值增长\n3.5%\n左右。\n第二段。"),
                     "地区生产总值增长3.5%左右。|第二段。");
}
END_TEST

START_TEST(complete_paragraphs_stay_apart) {
    ck_assert_str_eq(paragraphs("第一段。\n第二段！\n第三段：\n——列表项；"),
                     "第一段。|第二段!|第三段:|——列表项;");
    ck_assert_str_eq(paragraphs("引号结束。”\n下一段。"), "引号结束。”|下一段。");
}
END_TEST

START_TEST(headings_and_titles_stand_alone) {
    ck_assert_str_eq(paragraphs("政府工作报告\n\n二、2022年工作安排\n正文开始。"),
                     "政府工作报告|二、2022年工作安排|正文开始。");
    ck_assert_str_eq(paragraphs("上一段没有结束\n(一)坚决稳住经济基本盘。坚持稳字当头。"),
                     "上一段没有结束|(一)坚决稳住经济基本盘。坚持稳字当头。");
}
END_TEST

START_TEST(page_furniture_is_dropped) {
    ck_assert_str_eq(paragraphs("粮食产量达到\n— 3 —\n山东省人民政府工作报告\n800亿斤。"),
                     "粮食产量达到800亿斤。");
    ck_assert_str_eq(paragraphs("收入增长\n吉林日报2023年1月19日星期四\n5%。"), "收入增长5%。");
}
END_TEST

START_TEST(spaces_and_pinyin_noise) {
    ck_assert_str_eq(paragraphs("　　增长 6.5% 左右，PM 2.5 下降。"), "增长6.5%左右,PM 2.5下降。");
    /* a PDF's letter-spaced figures; numbers of more than one digit keep their space */
    ck_assert_str_eq(paragraphs("一、2 0 2 4 年工作回顾"), "一、2024年工作回顾");
    ck_assert_str_eq(paragraphs("总值 1 2 3 4 . 5 亿元，PM 2.5 和 10 20 30"),
                     "总值1234.5亿元,PM 2.5和10 20 30");
    /* a space a PDF or OCR sets before % */
    ck_assert_str_eq(paragraphs("增长 5.2 %，占全年任务数的77.8 ％。"), "增长5.2%,占全年任务数的77.8%。");
    /* a decimal point set apart (6 . 5%) is a decimal point; a full stop is not */
    ck_assert_str_eq(paragraphs("增长6 . 5%左右,7 .5%和8. 5%。"), "增长6.5%左右,7.5%和8.5%。");
    ck_assert_str_eq(paragraphs("Phase 2 . Next 3 ."), "Phase 2 . Next 3 .");
    ck_assert_str_eq(paragraphs("经济發(fā)展取得新成效。"), "经济发展取得新成效。");
    ck_assert_str_eq(paragraphs("行(xíng)业(yè)稳定。"), "行业稳定。");
    /* ASCII in parentheses without tone marks is text */
    ck_assert_str_eq(paragraphs("细颗粒物(pm)浓度。"), "细颗粒物(pm)浓度。");
}
END_TEST

START_TEST(markdown_and_list_marks) {
    /* heading marks, bullets, emphasis and citation marks are not text */
    ck_assert_str_eq(paragraphs("### 二、2024年工作安排\n- **生产总值增长**:5.5%左右\n"
                                "* 固定资产投资增长6%左右[8]\n• 城镇新增就业5万人"),
                     "二、2024年工作安排|生产总值增长:5.5%左右|固定资产投资增长6%左右|"
                     "城镇新增就业5万人");
    /* a heading mark stands alone, even without a marker of its own */
    ck_assert_str_eq(paragraphs("## 主要指标\n生产总值增长5%。"), "主要指标|生产总值增长5%。");
    /* a single star, brackets around words or long numbers, a dash without a
     * space are text; a page number between dashes is still furniture */
    ck_assert_str_eq(paragraphs("增长5%*。[注]见[2024]号文。-10%以内。"),
                     "增长5%*。[注]见[2024]号文。-10%以内。");
    ck_assert_str_eq(paragraphs("粮食产量达到\n- 3 -\n800亿斤。"), "粮食产量达到800亿斤。");
    /* a newspaper's bullets; emoji and their variation selector are not text,
     * so a sentence they follow still ends its paragraph; other four-byte
     * characters (𠮷) stay */
    ck_assert_str_eq(paragraphs("    ■ 2024年成绩单\n    ●粮食总产达到557亿斤\n★ 新增就业5万人"),
                     "2024年成绩单|粮食总产达到557亿斤|新增就业5万人");
    /* a line of the year's goals heads a list; a sentence naming goals does not */
    ck_assert_str_eq(paragraphs("2025年发展主要预期目标\n国内生产总值增长5%左右。"),
                     "2025年发展主要预期目标|国内生产总值增长5%左右。");
    ck_assert_str_eq(paragraphs("明确了今后五年的发展目标\n和主要任务。"),
                     "明确了今后五年的发展目标和主要任务。");
    ck_assert_str_eq(paragraphs("2024年各项发展目标顺利完成\n,群众满意度提升。"),
                     "2024年各项发展目标顺利完成,群众满意度提升。");
    ck_assert_str_eq(paragraphs("收入增长5%。📈\n🌬️生态环境持续改善。𠮷"),
                     "收入增长5%。|生态环境持续改善。𠮷");
}
END_TEST

START_TEST(markdown_tables) {
    /* a row is a paragraph, its cells joined by ':'; rule rows leave nothing */
    ck_assert_str_eq(paragraphs("| 指标 | 目标 |\n|---|:--:|\n| 地区生产总值增长 | 5.5%左右 |\n"
                                "  |城镇新增就业|60万人以上\n正文。"),
                     "指标:目标|地区生产总值增长:5.5%左右|城镇新增就业:60万人以上|正文。");
    /* bars alone, empty cells, a space between numbers kept */
    ck_assert_str_eq(paragraphs("|\n| |\n|||\n| PM 2.5 || 30 |"), "PM 2.5:30");
}
END_TEST

START_TEST(a_dateline_stands_alone) {
    /* a line that ends with a date's time of day is a page's dateline */
    ck_assert_str_eq(paragraphs("编辑:张三2018-01-24 16:20\n预计地区生产总值增长8.8%。"),
                     "编辑:张三2018-01-24 16:20|预计地区生产总值增长8.8%。");
    ck_assert_str_eq(paragraphs("发布于2025年03月12日 21:05:10\n地区生产总值增长5%。"),
                     "发布于2025年03月12日21:05:10|地区生产总值增长5%。");
    /* a ratio that ends a wrapped line goes on */
    ck_assert_str_eq(paragraphs("三次产业结构优化为6:48:46\n,经济结构持续优化。"),
                     "三次产业结构优化为6:48:46,经济结构持续优化。");
}
END_TEST

START_TEST(keycap_numbers_are_item_marks) {
    /* 1️⃣ (a digit, U+FE0F, U+20E3) numbers a post's items; without the selector too */
    ck_assert_str_eq(paragraphs("1\uFE0F\u20E3 经济发展稳中向好,全年GDP增长8.5%。\n"
                                "2\u20E3生态环境持续改善\n3 个项目"),
                     "经济发展稳中向好,全年GDP增长8.5%。|生态环境持续改善3个项目");
}
END_TEST

START_TEST(a_caption_before_a_dated_sentence) {
    /* a short bare line alone, then a sentence that opens with its year: a
     * heading and its text, a title's bare year too (2024夷陵区工作报告) */
    ck_assert_str_eq(paragraphs("经济发展稳中向好\n2024年,全区GDP达到500亿元。"),
                     "经济发展稳中向好|2024年,全区GDP达到500亿元。");
    ck_assert_str_eq(paragraphs("2024夷陵区工作报告\n2024年,全区GDP增长8%。"),
                     "2024夷陵区工作报告|2024年,全区GDP增长8%。");
    /* a line wrapped inside a paragraph is no caption, nor is a line with a figure */
    ck_assert_str_eq(paragraphs("过去一年,全区上下团结奋斗,经济发展\n2024年,全区GDP增长8%。"),
                     "过去一年,全区上下团结奋斗,经济发展2024年,全区GDP增长8%。");
    ck_assert_str_eq(paragraphs("粮食产量达到20亿斤\n2024年,全区GDP增长8%。"),
                     "粮食产量达到20亿斤2024年,全区GDP增长8%。");
    /* without the year's comma, the line goes on (经济发展 ⏎ 2024年增长8%) */
    ck_assert_str_eq(paragraphs("经济发展\n2024年增长8%。"), "经济发展2024年增长8%。");
}
END_TEST

START_TEST(label_lines_are_a_list) {
    /* a digest's label:figure lines stay apart, without punctuation */
    ck_assert_str_eq(paragraphs("生产总值增长:5.5%左右\n研发投入强度:达到3.2%\n城镇新增就业:5万人"),
                     "生产总值增长:5.5%左右|研发投入强度:达到3.2%|城镇新增就业:5万人");
    /* after a label line, a label and a goal without a digit is one too */
    ck_assert_str_eq(paragraphs("城镇新增就业:12万人以上\n居民收入增长:与经济增长同步"),
                     "城镇新增就业:12万人以上|居民收入增长:与经济增长同步");
    /* after a line that ends as a statement, a line led by a label of three
     * characters or more opens an item, however long the line before; a
     * shorter label (其中:) goes on with it */
    ck_assert_str_eq(paragraphs("政府投资:拟安排专项债券4.4万亿元。合计新增政府债务总规模11.86万亿元、"
                                "比上年增加2.9万亿元\n\n特别国债:拟发行超长期特别国债1.3万亿元。"),
                     "政府投资:拟安排专项债券4.4万亿元。合计新增政府债务总规模11.86万亿元、"
                     "比上年增加2.9万亿元|特别国债:拟发行超长期特别国债1.3万亿元。");
    ck_assert_str_eq(paragraphs("新增政府债务总规模11.86万亿元、比上年增加2.9万亿元\n"
                                "特别国债:拟发行1.3万亿元。"),
                     "新增政府债务总规模11.86万亿元、比上年增加2.9万亿元|特别国债:拟发行1.3万亿元。");
    ck_assert_str_eq(paragraphs("全市生产总值增长5.1%,总量达到3000亿元\n其中:第一产业增长3%。"),
                     "全市生产总值增长5.1%,总量达到3000亿元其中:第一产业增长3%。");
    /* a line broken after a colon, or before one, still joins */
    ck_assert_str_eq(paragraphs("主要预期目标是:地区生产总值增长\n6%左右。"),
                     "主要预期目标是:地区生产总值增长6%左右。");
    ck_assert_str_eq(paragraphs("地区生产总值增长:6%\n左右,城镇新增就业5万人。"),
                     "地区生产总值增长:6%左右,城镇新增就业5万人。");
}
END_TEST

START_TEST(figure_lines_are_a_list) {
    /* a digest's lines of one figure each stay apart; a short caption (过去5年)
     * heads the line after it; in such a list a statement without a figure and
     * without punctuation is an item of its own */
    ck_assert_str_eq(paragraphs("国内生产总值增长5%\n\n城镇新增就业1,267万人\n\n新能源汽车年产量超过"
                                "1600万辆\n\n过去5年\n\n国内生产总值年均增长5.4%\n\n制造业增加值规模连续"
                                "16年保持全球第一\n\n居民人均可支配收入年均增长5.4%\n"
                                "劳动年龄人口平均受教育年限提高到11.7年\n人均预期寿命提高到80岁"),
                     "国内生产总值增长5%|城镇新增就业1,267万人|新能源汽车年产量超过1600万辆|"
                     "过去5年国内生产总值年均增长5.4%|制造业增加值规模连续16年保持全球第一|"
                     "居民人均可支配收入年均增长5.4%|劳动年龄人口平均受教育年限提高到11.7年|"
                     "人均预期寿命提高到80岁");
    /* one such line in running text, or a sentence broken after a figure,
     * still joins the next */
    ck_assert_str_eq(paragraphs("全年地区生产总值达到1.2万亿元\n增长5.1%。\n粮食总产量807.84亿\n斤，"
                                "增长3%。"),
                     "全年地区生产总值达到1.2万亿元增长5.1%。|粮食总产量807.84亿斤,增长3%。");
    /* in such a list, a line of clauses with a figure that ends as a statement
     * is an item too; one that ends on a predicate or a comparator waits for
     * its figure */
    ck_assert_str_eq(paragraphs("城镇新增就业1206万人\n\n居民消费价格上涨2%\n\n财政赤字率控制在2.8%,"
                                "中央财政收支符合预算\n\n粮食产量1.37万亿斤,增产74亿斤\n\n过去五年\n\n"
                                "国内生产总值增加到121万亿元,工业增加值增长\n\n5%,货物进出口额超过\n"
                                "40万亿元"),
                     "城镇新增就业1206万人|居民消费价格上涨2%|财政赤字率控制在2.8%,中央财政收支符合预算|"
                     "粮食产量1.37万亿斤,增产74亿斤|过去五年国内生产总值增加到121万亿元,工业增加值增长"
                     "5%,货物进出口额超过40万亿元");
    /* a caption and a line of clauses ended by a figure, then figure lines:
     * each is an item; words after a full stop are no such end */
    ck_assert_str_eq(paragraphs("2020年成就:\n实现生产总值2.62万亿元,增长2.2%\n固定资产投资增长4.1%\n"
                                "城镇新增就业43.2万人\n2021年目标:\n生产总值增长6.5%左右\n"
                                "民生支出比重达到81%。城乡低保标准\n分别提高6%"),
                     "2020年成就:|实现生产总值2.62万亿元,增长2.2%|固定资产投资增长4.1%|"
                     "城镇新增就业43.2万人|2021年目标:|生产总值增长6.5%左右|"
                     "民生支出比重达到81%。城乡低保标准分别提高6%");
}
END_TEST

START_TEST(crlf_and_empty_input) {
    ck_assert_str_eq(paragraphs("第一段。\r\n第二段。\r\n"), "第一段。|第二段。");
    ck_assert_str_eq(paragraphs(""), "");
    ck_assert_str_eq(paragraphs("\n\n\n"), "");
}
END_TEST

START_TEST(long_lines_are_cut_without_losing_text) {
    size_t n = 3u << 20;
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i += 3)
        memcpy(s + i, "增", 3);
    s[n] = 0;
    zb_layout l;
    zb__layout_init(&l, NULL, s, n);
    const zb_ntext *b;
    size_t total = 0, pieces = 0;
    while (zb__layout_next(&l, &b) == 1) {
        total += b->len;
        pieces++;
        ck_assert_uint_le(b->len, (4u << 20) + (1u << 20));
    }
    zb__layout_free(&l);
    ck_assert_uint_eq(total, n);
    ck_assert_uint_ge(pieces, 1);
    free(s);
}
END_TEST

START_TEST(heading_markers) {
    int level;
    size_t len;
    ck_assert(zb__heading_marker("一、总结", strlen("一、总结"), &level, &len));
    ck_assert_int_eq(level, 1);
    ck_assert(zb__heading_marker("(十二)重点", strlen("(十二)重点"), &level, &len));
    ck_assert_int_eq(level, 2);
    ck_assert_uint_eq(len, strlen("(十二)"));
    ck_assert(zb__heading_marker("三是强化", strlen("三是强化"), &level, &len));
    ck_assert_int_eq(level, 3);
    /* GB/T 9704's order: 一、 > (一) > 1. > (1); the header promises 1. at level 3 */
    ck_assert(zb__heading_marker("2.推进", strlen("2.推进"), &level, &len));
    ck_assert_int_eq(level, 3);
    ck_assert(zb__heading_marker("2、推进", strlen("2、推进"), &level, &len));
    ck_assert_int_eq(level, 3);
    ck_assert(zb__heading_marker("(2)推进", strlen("(2)推进"), &level, &len));
    ck_assert_int_eq(level, 4);
    ck_assert(zb__heading_marker("——经济", strlen("——经济"), &level, &len));
    ck_assert_int_eq(level, 4);
    ck_assert(!zb__heading_marker("1.3万亿斤以上", strlen("1.3万亿斤以上"), &level, &len));
    ck_assert(!zb__heading_marker("一批项目", strlen("一批项目"), &level, &len));
}
END_TEST

/* The paragraphs of s read in the input's order: every byte's source offset
 * at or after the one before it (no line was split into columns). */
static void assert_in_order(const char *s) {
    zb_layout l;
    zb__layout_init(&l, NULL, s, strlen(s));
    const zb_ntext *b;
    uint32_t last = 0;
    while (zb__layout_next(&l, &b) == 1)
        for (size_t i = 0; i < b->len; i++) {
            ck_assert_uint_ge(b->src[i], last);
            last = b->src[i];
        }
    zb__layout_free(&l);
}

/* The input offset of the folded bytes w in the paragraphs of s. */
static size_t source_of(const char *s, const char *w) {
    zb_layout l;
    zb__layout_init(&l, NULL, s, strlen(s));
    const zb_ntext *b;
    size_t at = SIZE_MAX;
    while (at == SIZE_MAX && zb__layout_next(&l, &b) == 1) {
        const char *hit = strstr(b->s, w);
        if (hit)
            at = b->src[hit - b->s];
    }
    zb__layout_free(&l);
    return at;
}

/* A copy-paste aligned in an editor: the right column starts at display
 * column 36 (CJK characters two wide), one character further on in bytes or
 * characters from line to line. */
static const char two_by_width[] =
    "　　全省经济运行稳中有进，地区      　　产业升级步伐加快，新增高新\n"
    "生产总值增长5.2%，规模以上工        技术企业1200家，研发经费投入\n"
    "业增加值增长6.1%。                  增长9.8%。\n";

START_TEST(two_columns_by_display_width) {
    ck_assert_str_eq(paragraphs(two_by_width),
                     "全省经济运行稳中有进,地区生产总值增长5.2%,规模以上工业增加值增长6.1%。|"
                     "产业升级步伐加快,新增高新技术企业1200家,研发经费投入增长9.8%。");
    /* the offsets are the input's own */
    ck_assert_uint_eq(source_of(two_by_width, "1200"),
                      (size_t)(strstr(two_by_width, "1200") - two_by_width));
}
END_TEST

/* pdftotext -layout: the right column starts at character 22 whatever the
 * characters' width; a page number, a form feed, and a second page whose right
 * column has two lines beside a left one of five. */
static const char two_by_chars[] =
    "    过去一年，全省经济持续           城镇新增就业72.4万人，\n"
    "回升向好。地区生产总值增长         居民人均可支配收入增长\n"
    "5.2%，一般公共预算收入增        5.6%。粮食产量达到618亿斤\n"
    "长3.1%。                ，森林覆盖率稳定在59.98%\n"
    "\n"
    "           —1—\n"
    "\f。今年地区生产总值增长5.5%           全面完成50项民生实\n"
    "左右，城镇新增就业70万人         事。\n"
    "以上，粮食产量稳定在610\n"
    "亿斤以上，单位地区生产总值\n"
    "能耗下降2.5%左右。\n";

START_TEST(two_columns_by_characters_across_a_page) {
    ck_assert_str_eq(paragraphs(two_by_chars),
                     "过去一年,全省经济持续回升向好。地区生产总值增长5.2%,一般公共预算收入增长3.1%。|"
                     "城镇新增就业72.4万人,居民人均可支配收入增长5.6%。粮食产量达到618亿斤,"
                     "森林覆盖率稳定在59.98%。今年地区生产总值增长5.5%左右,城镇新增就业70万人以上,"
                     "粮食产量稳定在610亿斤以上,单位地区生产总值能耗下降2.5%左右。|全面完成50项民生实事。");
    ck_assert_uint_eq(source_of(two_by_chars, "59.98%"),
                      (size_t)(strstr(two_by_chars, "59.98%") - two_by_chars));
}
END_TEST

START_TEST(tables_are_not_columns) {
    /* a table of figures: its columns are not prose */
    const char *figures = "指标              2024年完成        2025年目标\n"
                          "地区生产总值      增长5.2%          增长5.5%左右\n"
                          "一般公共预算收入  增长3.1%          增长3%\n"
                          "城镇新增就业      72.4万人          70万人以上\n";
    assert_in_order(figures);
    /* …and each row of figures is a line of a list (figure_lines_are_a_list) */
    ck_assert_str_eq(paragraphs(figures), "指标2024年完成2025年目标|地区生产总值增长5.2%增长5.5%左右|"
                                          "一般公共预算收入增长3.1%增长3%|城镇新增就业72.4万人70万人以上");
    /* a table of names and descriptions: the names are no prose */
    assert_in_order("项目              主要内容\n"
                    "长株潭城际铁路    新建线路，全长95公里。\n"
                    "湘江新区          新增企业，达到1200家。\n"
                    "岳阳港            新建泊位，吞吐能力1.5亿吨。\n");
    /* prose on both sides, but the left sides end anywhere: a list, not a column */
    assert_in_order("一是稳增长，          地区生产总值增长5.5%左右，\n"
                    "二是促进产业转型升级，新增高新技术企业2000家，\n"
                    "三是惠民生，          城镇新增就业70万人以上，\n"
                    "四是加强生态环境保护和修复，        森林覆盖率稳定在59%以上。\n");
}
END_TEST

START_TEST(one_column_with_indented_lines) {
    const char *s = "　　过去一年，全省经济持续回升向好，地区生产总值增长5.2%。\n"
                    "            （数据来源：省统计局初步核算）\n"
                    "        　　今年，地区生产总值预期增长5.5%左右，城镇新增就业70万人以上。\n";
    assert_in_order(s);
    ck_assert_str_eq(paragraphs(s), "过去一年,全省经济持续回升向好,地区生产总值增长5.2%。|"
                                    "(数据来源:省统计局初步核算)今年,地区生产总值预期增长5.5%左右,"
                                    "城镇新增就业70万人以上。");
    /* one line with a gutter is no block */
    assert_in_order("全省经济持续回升向好，      地区生产总值增长5.2%。\n"
                    "今年，地区生产总值预期增长5.5%左右，城镇新增就业70万人以上。\n");
}
END_TEST

/* An allocator that fails its Nth call and counts what is still allocated. */
typedef struct failing {
    long calls, fail_at, live;
} failing;

static void *failing_realloc(void *ctx, void *p, size_t n) {
    failing *f = ctx;
    if (++f->calls == f->fail_at)
        return NULL;
    void *q = realloc(p, n);
    if (q && !p)
        f->live++;
    return q;
}

static void failing_free(void *ctx, void *p) {
    failing *f = ctx;
    if (p)
        f->live--;
    free(p);
}

START_TEST(two_columns_when_memory_runs_out) {
    /* every allocation of the column reader fails once: ZB_ENOMEM, nothing kept */
    for (long n = 1;; n++) {
        failing f = {0, n, 0};
        zb_allocator a = {failing_realloc, failing_free, &f};
        zb_mem m = {&a};
        zb_layout l;
        zb__layout_init(&l, &m, two_by_chars, strlen(two_by_chars));
        const zb_ntext *b;
        int rc;
        while ((rc = zb__layout_next(&l, &b)) == 1)
            ;
        zb__layout_free(&l);
        ck_assert_int_eq(f.live, 0);
        if (rc == 0) {
            ck_assert_int_lt(f.calls, n); /* no allocation failed: done */
            break;
        }
        ck_assert_int_eq(rc, ZB_ENOMEM);
    }
}
END_TEST

int main(void) {
    Suite *s = suite_create("layout");
    TCase *t = tcase_create("layout");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, continuation_markers_are_dropped);
    tcase_add_test(t, broken_sentences_are_joined);
    tcase_add_test(t, complete_paragraphs_stay_apart);
    tcase_add_test(t, markdown_and_list_marks);
    tcase_add_test(t, label_lines_are_a_list);
    tcase_add_test(t, a_caption_before_a_dated_sentence);
    tcase_add_test(t, keycap_numbers_are_item_marks);
    tcase_add_test(t, a_dateline_stands_alone);
    tcase_add_test(t, figure_lines_are_a_list);
    tcase_add_test(t, markdown_tables);
    tcase_add_test(t, headings_and_titles_stand_alone);
    tcase_add_test(t, page_furniture_is_dropped);
    tcase_add_test(t, spaces_and_pinyin_noise);
    tcase_add_test(t, crlf_and_empty_input);
    tcase_add_test(t, long_lines_are_cut_without_losing_text);
    tcase_add_test(t, heading_markers);
    tcase_add_test(t, two_columns_by_display_width);
    tcase_add_test(t, two_columns_by_characters_across_a_page);
    tcase_add_test(t, tables_are_not_columns);
    tcase_add_test(t, one_column_with_indented_lines);
    tcase_add_test(t, two_columns_when_memory_runs_out);
    suite_add_tcase(s, t);
    int failed = tu_run(s);
    return failed;
}
