/* Stage 5's metric files on their own: the catalog match (catalog.c), the
 * words that are not a metric (phrase.c), 分别 (distribute.c) and the metric
 * phrase with ellipsis (metric.c), through the stage's private functions.
 * Expected values come from INDICATORS.md §8 and the texts below. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "attribute.h"
#include "testutil.h"

/* ---- catalog.c ---- */

static const struct {
    const char *metric, *id;
} catalog_cases[] = {
    {"地区生产总值", "gdp"},
    {"全省地区生产总值", "gdp"},
    {"规模以上工业增加值", "industrial_va"},
    {"社会消费品零售总额", "retail_sales"},
    {"粮食总产量", "grain_output"},           /* the wildcard alias 粮食*产量 */
    {"粮食生产总产量", "grain_output"},
    {"人均地区生产总值", "gdp_per_capita"},   /* a per-head figure has its own id, */
    {"人均粮食产量", ""},                     /* or none: never the total's */
    {"研发经费投入强度", "rnd_intensity"},    /* so has a derived one */
    {"研发经费支出占地区生产总值比重", "rnd_intensity"},
    {"城市绿地占建成区面积比重", ""},         /* a share of something without an id */
    {"占国内生产总值的比重", ""},             /* the object of a comparison */
    {"规模以上工业增加值中高技术制造业增加值", "hitech_manufacturing_va"}, /* a part */
    {"固定资产投资中民间投资", "private_investment"}, /* a part takes its own id */
    {"固定资产投资中交通运输投资", ""},       /* or none */
    {"城镇新增就业", "urban_new_jobs"},
    {"居民消费价格涨幅", "cpi"},
    {"省级湿地公园", ""},
    {"进出口总额中出口", "exports"},          /* a part by the total's head: 出口总额 */
    {"进出口中出口", "exports"},
    {"进口", "imports"},                      /* =进口, =出口: the whole metric, */
    {"出口规模", "exports"},                  /* or with a generic head */
    {"边民互市进口", ""},
    {"进出口", "trade"},                      /* =进出口: only as the whole metric, */
    {"进出口规模", "trade"},                  /* or with a generic head */
    {"边民互市进出口", ""},                   /* not inside another's name */
    {"跨境电商进出口", "cross_border_ecommerce_trade"}, /* a kind of trade of its own, */
    {"跨境电商进出口额", "cross_border_ecommerce_trade"}, /* never trade's 进出口额 */
    {"进出口实绩企业", ""},
    {"受污染耕地安全利用率", "farmland_safe_use_rate"},
    {"水质优良比例受污染耕地安全利用率", "water_good_ratio"}, /* earliest alias wins */
};

START_TEST(catalog_id) {
    int sector;
    const char *id = zb__metric_id(catalog_cases[_i].metric, &sector);
    ck_assert_msg(!strcmp(id, catalog_cases[_i].id), "%s: id '%s', want '%s'",
                  catalog_cases[_i].metric, id, catalog_cases[_i].id);
    ck_assert_int_eq(sector >= 0, *id != 0);
}
END_TEST

/* The catalog id of metric for the first quantity the recognizer finds in figure. */
static const char *id_for(const char *metric, const char *figure) {
    zb_qtys q;
    memset(&q, 0, sizeof q);
    ck_assert_int_eq(zb__recognize(NULL, figure, strlen(figure), &q), ZB_OK);
    ck_assert_uint_ge(q.n, 1);
    int sector;
    const char *id = zb__quantity_metric_id(metric, &q.v[0], &sector);
    zb__qtys_free(NULL, &q);
    return id;
}

START_TEST(catalog_ratio_never_an_amount) {
    /* 117个国考断面优良水体比例: the count is of sections, not the ratio */
    ck_assert_str_eq(id_for("国考断面优良水体比例", "117个"), "");
    ck_assert_str_eq(id_for("国考断面优良水体比例", "76.6%"), "water_good_ratio");
    /* a count of things is no level of a metric in 元; a count of the
     * catalog's own unit is */
    ck_assert_str_eq(id_for("居民人均可支配收入增长与经济增长同步等预期性指标", "16个"), "");
    ck_assert_str_eq(id_for("居民人均可支配收入", "41580元"), "resident_income");
    ck_assert_str_eq(id_for("高新技术企业", "3200家"), "hitech_enterprises");
}
END_TEST

START_TEST(catalog_match_position) {
    size_t pos, len;
    const char *m = "全省粮食总产量";
    ck_assert_int_ge(zb__metric_match(m, &pos, &len), 0);
    ck_assert_uint_eq(pos, strlen("全省"));
    ck_assert_uint_eq(len, strlen("粮食总产量"));
}
END_TEST

/* ---- phrase.c ---- */

static const struct {
    const char *phrase, *lead_stripped, *trail_stripped;
} phrase_cases[] = {
    {"全年地区生产总值", "地区生产总值", "全年地区生产总值"},
    {"其中国家级", "国家级", "其中国家级"},
    {"2022年全省粮食产量", "全省粮食产量", "2022年全省粮食产量"},
    {"粮食产量达到", "粮食产量达到", "粮食产量"},
    {"地区生产总值比上年增长", "地区生产总值比上年增长", "地区生产总值"},
    {"签约", "签约", "签约"}, /* an action, not 签 + the comparator 约 */
};

START_TEST(phrase_strip) {
    const char *s = phrase_cases[_i].phrase;
    size_t n = strlen(s);
    size_t lo = zb__strip_leading(s, 0, n);
    ck_assert_msg(!strcmp(s + lo, phrase_cases[_i].lead_stripped), "%s: leading → '%s'", s,
                  s + lo);
    size_t hi = zb__strip_trailing(s, 0, n);
    char got[128];
    snprintf(got, sizeof got, "%.*s", (int)hi, s);
    ck_assert_msg(!strcmp(got, phrase_cases[_i].trail_stripped), "%s: trailing → '%s'", s, got);
}
END_TEST

START_TEST(phrase_generic_head) {
    const char *s = "增速";
    ck_assert(zb__is_generic_head(s, 0, strlen(s), 0));
    s = "高技术制造业增加值";
    ck_assert(!zb__is_generic_head(s, 0, strlen(s), 1));
    s = "CPI涨幅"; /* names its own metric */
    ck_assert(!zb__is_generic_head(s, 0, strlen(s), 1));
}
END_TEST

START_TEST(phrase_append_drops_quotes) {
    char out[64] = "";
    const char *s = "“专精特新”企业";
    zb__phrase_append(out, sizeof out, s, 0, strlen(s));
    ck_assert_str_eq(out, "专精特新企业");
    char small[8];
    zb__phrase_join(small, sizeof small, "粮食", strlen("粮食"), "产量"); /* cut whole */
    ck_assert_str_eq(small, "粮食");
}
END_TEST

/* ---- distribute.c and metric.c, through the stage ---- */

typedef struct stage {
    zb_qtys q;
    zb_vec sent, attrs;
} stage;

/* Attribute one folded paragraph; the metric of the k-th indicator. */
static const char *metric_of(stage *st, const char *text, size_t k) {
    memset(st, 0, sizeof *st);
    st->sent.size = sizeof(zb_range);
    st->attrs.size = sizeof(zb_attr);
    size_t n = strlen(text);
    ck_assert_int_eq(zb__sentences(NULL, text, n, &st->sent), ZB_OK);
    ck_assert_int_eq(zb__recognize(NULL, text, n, &st->q), ZB_OK);
    zb_para p = {.s = text, .n = n, .q = st->q.v, .nq = st->q.n, .sent = st->sent.data,
                 .nsent = st->sent.len, .plan = 0, .plan_from = SIZE_MAX, .goals_from = SIZE_MAX, .section_sector = -1,
                 .passage_sector = -1};
    ck_assert_int_eq(zb__attribute(NULL, &p, &st->attrs), ZB_OK);
    ck_assert_uint_gt(st->attrs.len, k);
    return ZB_VEC_AT(st->attrs, zb_attr, k)->metric;
}

static void stage_free(stage *st) {
    zb__qtys_free(NULL, &st->q);
    zb__vec_free(NULL, &st->sent);
    zb__vec_free(NULL, &st->attrs);
}

static const struct {
    const char *text;
    size_t k;
    const char *metric;
} metric_cases[] = {
    {"高技术制造业增加值增长21.6%。", 0, "高技术制造业增加值"},
    {"新登记市场主体63.6万户,增长50.6%。", 1, "新登记市场主体"},          /* ellipsis */
    {"家庭农场、农民专业合作社分别发展到14.6万户、8.1万个。", 0, "家庭农场"}, /* 分别 */
    {"家庭农场、农民专业合作社分别发展到14.6万户、8.1万个。", 1, "农民专业合作社"},
    {"城乡居民人均可支配收入分别增长5%和6.5%。", 0, "城镇居民人均可支配收入"}, /* 城乡 spreads */
    {"城乡居民人均可支配收入分别增长5%和6.5%。", 1, "农村居民人均可支配收入"},
    {"高技术制造业、装备制造业增加值分别增长21.6%和13.4%。", 0, "高技术制造业增加值"},
    {"新建4个省级湿地公园。", 0, "新建省级湿地公园"},                  /* the counted noun */
    /* the counted noun stops short of the next figure's comparator or predicate */
    {"首批6个联合体带动农户超90万户。", 0, "首批联合体带动农户"},
    {"新建8个监测站点达到标准。", 0, "新建监测站点达到标准"}, /* but ends its clause whole */
    /* items share the last item's head from its first head word, whatever the
     * length of the last item's own words (not 锌量, 钢材铁产量) */
    {"锌、钢材、生铁产量分别增长3%、4%、5%。", 0, "锌产量"},
    {"锌、钢材、生铁产量分别增长3%、4%、5%。", 1, "钢材产量"},
    {"锌、钢材、生铁产量分别增长3%、4%、5%。", 2, "生铁产量"},
    {"茶叶、中药材总产值分别增长8%、9%。", 0, "茶叶总产值"}, /* not 茶叶材总产值 */
    /* a shared word starts the head; longer items take it too */
    {"轻纺服装、电子信息产业增加值分别增长6%、12%。", 0, "轻纺服装产业增加值"},
    {"涉农、绿色贷款余额分别增长11%、25%。", 0, "涉农贷款余额"},
    /* an item that names an industry or a kind of firm takes the measure,
     * however long it is, without the last item's own industry word */
    {"全市节能环保产业、新材料产业投资分别增长9%、7%。", 0, "全市节能环保产业投资"},
    {"先进装备制造业、轻工业增加值分别增长4%、3%。", 0, "先进装备制造业增加值"},
    {"专精特新中小企业、瞪羚企业数量分别增长20%、15%。", 0, "专精特新中小企业数量"},
    /* but not a measure it has already, nor one the last item lacks */
    {"海洋渔业产量、海洋服务业分别增长1%、2%。", 0, "海洋渔业产量"},
    {"民营企业、外资企业分别增长6%、8%。", 0, "民营企业"},
    /* two counts of one noun written after the second: the first counts it too,
     * after a scope (全省, 省级); a count after its own noun keeps it */
    {"培育国家级8家、省级30家专精特新企业。", 0, "培育国家级专精特新企业"},
    {"做好全市20户、区县200户重点企业用工监测。", 0, "做好全市重点企业用工监测"},
    {"引进项目50个、落地100个产业项目。", 0, "引进项目"},
    {"新建学校5所、幼儿园10所。", 1, "幼儿园"},
    /* how long a level held (连续6年) is no part of what is measured */
    {"全市空气质量优良天数连续6年稳定在325天以上。", 0, "全市空气质量优良天数"},
    {"群众安全感连续8年保持在98%以上。", 0, "群众安全感"},
    /* a move in rank is cut as 居 is: the scope (全国) goes with the verb */
    {"两化融合发展水平从全国第15位提升至第5位。", 0, "两化融合发展水平"},
    {"制造业高质量发展指数升至全国第6位。", 0, "制造业高质量发展指数"},
    {"进出口总额由全省第13位跃升至第9位。", 1, "进出口总额"},
    /* an ordinal item's marker inside a paragraph is no part of the metric */
    {"一是新建学校5所;二是改造乡镇卫生院10个。", 1, "改造乡镇卫生院"},
    {"三是支持高校毕业生到基层就业1万名。", 0, "支持高校毕业生到基层就业"},
    /* a conjunction inside a word (普及, 参与) splits no list */
    {"卫生厕所普及率、垃圾分类覆盖率分别达到88%、83.6%。", 0, "卫生厕所普及率"},
    {"卫生厕所普及率、垃圾分类覆盖率分别达到88%、83.6%。", 1, "垃圾分类覆盖率"},
    {"社会资本参与项目、政府投资项目分别达到30个、50个。", 0, "社会资本参与项目"},
    /* …nor the first item's words across a catalog name with a gap (粮食*产量) */
    {"粮食产量、棉花产量分别达到100万吨、20万吨。", 1, "棉花产量"},
    /* an item with a head of its own keeps its words */
    {"粮食产量、棉花总产值分别增长1%、2%。", 0, "粮食产量"},
    /* the period's word is the figure's, not the metric's; after a
     * duration it stays (the gold's 两年平均) */
    {"茶叶出口额年均增长9%。", 0, "茶叶出口额"},
    {"全市生产总值三年平均增长4%。", 0, "全市生产总值三年平均"},
    /* 受 qualifies the topic only with its closing word (受…影响); a metric
     * that begins with 受 is its own */
    {"耕地面积97万亩,受污染耕地安全利用率96.5%。", 1, "受污染耕地安全利用率"},
    {"旅游收入500亿元,受汛期影响增长2%。", 1, "旅游收入受汛期影响"},
    /* a 分别 clause without a subject takes the items of the clause before,
     * each up to its own figure */
    {"完成造林12万亩、治理沙化土地8万亩,分别增长3%、4%。", 2, "完成造林"},
    {"完成造林12万亩、治理沙化土地8万亩,分别增长3%、4%。", 3, "治理沙化土地"},
    /* 均 (all of them) before the predicate is no part of the metric; words
     * that hold it keep it */
    {"全县行政村集体收入均超过8万元。", 0, "全县行政村集体收入"},
    {"商品房销售均价为1.2万元。", 0, "商品房销售均价"},
    /* …and 平均 before the number says the figure is the year's average */
    {"城镇调查失业率平均为5.2%。", 0, "城镇调查失业率"},
    {"农户户均增收800元。", 0, "农户户均"},
    /* the base of a comparison (比2020年, 比“四经普”, 较全国) is no part of the
     * metric; a ratio named with 比 (收入比) and words that hold it keep it */
    {"全省从业人员比2020年增长10%。", 0, "全省从业人员"},
    {"法人单位从业人员比“四经普”增长29.8%。", 0, "法人单位从业人员"},
    {"农村居民收入增速较全国高出1.2个百分点。", 0, "农村居民收入增速"},
    {"城乡居民收入比缩小至2.31。", 0, "城乡居民收入比"},
    {"制造业增加值占比提高到30%。", 0, "制造业增加值占比"},
    /* a short word and a head are an aspect of the topic in its sentence,
     * unless the topic is a catalog metric: then they name another */
    {"规上工业增加值增长8%,汽车产量增长1.7倍。", 1, "汽车产量"},
    {"新建起降设施500个,飞行规模2061万架次。", 1, "新建起降设施飞行规模"},
    /* without 分别, a list of figures after one predicate spreads over a
     * subject that lists as many items, or a compound that splits (城乡) */
    {"每千人床位数、执业医师数增至7.83张、3.57个。", 1, "执业医师数"},
    {"城乡居民人均收入年均增长5.3%、7.7%。", 1, "农村居民人均收入"},
    {"粮食、棉花、油料产量增长3%、4%。", 0, "粮食、棉花、油料产量"},
    /* trade words start a shared head (not 新三样路出口) */
    {"新三样、集成电路出口分别增长30.4%、30.1%。", 0, "新三样出口"},
    /* a count that sums up a list is no noun of its last figure; magnitudes
     * before 级 are part of the counted noun */
    {"经济总量连续迈上4万亿、5万亿两个台阶。", 1, "经济总量"},
    {"打造4个国家先进制造业集群、6个千亿级产业集群。", 1, "千亿级产业集群"},
    /* adverbs before the predicate are no part of the metric */
    {"出口逆势增长17.8%。", 0, "出口"},
    {"研发投入大幅增长20%。", 0, "研发投入"},
    /* a setting (在…的情况下) between a metric and its predicate is no part
     * of the metric */
    {"外贸进出口在对美贸易下降的情况下增长12%。", 0, "外贸进出口"},
    {"粮食产量在上年高基数的基础上增长2%。", 0, "粮食产量"},
    /* 压降 is one verb (a fall), not 压 + 降 */
    {"融资平台债务压降81.3%。", 0, "融资平台债务"},
    /* a counted noun that runs into the next figure loses the conjunction
     * that joins the two; before a figure a conjunction stays */
    {"19个地级以上市和2个县被命名为模范城。", 0, "地级以上市"},
    {"新建40个绿美点及6条绿美带。", 0, "新建绿美点"},
    {"组织各市分别与吉林大学和13家研究所开展合作。", 0,
     "组织各市分别与吉林大学和研究所开展合作"},
    /* no head word: as many characters as the item's own (城市、农村…) */
    {"城市、农村低保标准分别提高5%和8%。", 0, "城市低保标准"},
};

START_TEST(metric_phrase) {
    stage st;
    const char *m = metric_of(&st, metric_cases[_i].text, metric_cases[_i].k);
    ck_assert_msg(!strcmp(m, metric_cases[_i].metric), "%s [%zu]: metric '%s', want '%s'",
                  metric_cases[_i].text, metric_cases[_i].k, m, metric_cases[_i].metric);
    stage_free(&st);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *suite(void) {
    Suite *s = suite_create("metric");
    TCase *c = tcase_create("catalog");
    tcase_add_loop_test(c, catalog_id, 0, N(catalog_cases));
    tcase_add_test(c, catalog_ratio_never_an_amount);
    tcase_add_test(c, catalog_match_position);
    suite_add_tcase(s, c);
    TCase *p = tcase_create("phrase");
    tcase_add_loop_test(p, phrase_strip, 0, N(phrase_cases));
    tcase_add_test(p, phrase_generic_head);
    tcase_add_test(p, phrase_append_drops_quotes);
    suite_add_tcase(s, p);
    TCase *m = tcase_create("metric");
    tcase_add_loop_test(m, metric_phrase, 0, N(metric_cases));
    suite_add_tcase(s, m);
    return s;
}

int main(void) { return tu_run(suite()); }
