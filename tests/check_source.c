/* Inputs: format detection, zb_source_text on text, HTML and PDF (a PDF made
 * here, with a running header and page numbers), pages through
 * zb_parse_options v2, version 1 options, the store's format and pages, and
 * what a build without libxml2 or poppler says. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "zhibiao.h"

/* ---- a PDF of ASCII pages in Helvetica, with a correct xref ---- */

typedef struct pdf {
    char *b;
    size_t len, cap;
    size_t off[64];
    int objs;
} pdf;

static void put(pdf *p, const char *s) {
    size_t n = strlen(s);
    if (p->len + n + 1 > p->cap) {
        p->cap = (p->len + n + 1) * 2;
        p->b = realloc(p->b, p->cap);
        ck_assert_ptr_nonnull(p->b);
    }
    memcpy(p->b + p->len, s, n + 1);
    p->len += n;
}

static void obj(pdf *p, const char *body) {
    char head[32];
    p->off[++p->objs] = p->len;
    snprintf(head, sizeof head, "%d 0 obj\n", p->objs);
    put(p, head);
    put(p, body);
    put(p, "\nendobj\n");
}

/* Pages of lines: each page gets the header "Annual Work Report" on top and
 * "- N -" at the foot. */
static char *make_pdf(const char *const *pages, int npages, size_t *len) {
    pdf p = {0};
    char buf[4096], kids[512] = "";
    put(&p, "%PDF-1.4\n");
    obj(&p, "<< /Type /Catalog /Pages 2 0 R >>");
    for (int i = 0; i < npages; i++) {
        size_t k = strlen(kids);
        snprintf(kids + k, sizeof kids - k, "%d 0 R ", 4 + 2 * i);
    }
    snprintf(buf, sizeof buf, "<< /Type /Pages /Kids [%s] /Count %d >>", kids, npages);
    obj(&p, buf);
    obj(&p, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    for (int i = 0; i < npages; i++) {
        snprintf(buf, sizeof buf,
                 "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
                 "<< /F1 3 0 R >> >> /Contents %d 0 R >>",
                 5 + 2 * i);
        obj(&p, buf);
        char content[2048];
        snprintf(content, sizeof content,
                 "BT /F1 10 Tf 240 800 Td (Annual Work Report) Tj ET\n"
                 "BT /F1 12 Tf 72 740 Td (%s) Tj ET\n"
                 "BT /F1 10 Tf 280 40 Td (- %d -) Tj ET\n",
                 pages[i], i + 1);
        snprintf(buf, sizeof buf, "<< /Length %zu >>\nstream\n%s\nendstream", strlen(content),
                 content);
        obj(&p, buf);
    }
    size_t xref = p.len;
    snprintf(buf, sizeof buf, "xref\n0 %d\n0000000000 65535 f \n", p.objs + 1);
    put(&p, buf);
    for (int i = 1; i <= p.objs; i++) {
        snprintf(buf, sizeof buf, "%010zu 00000 n \n", p.off[i]);
        put(&p, buf);
    }
    snprintf(buf, sizeof buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
             p.objs + 1, xref);
    put(&p, buf);
    *len = p.len;
    return p.b;
}

/* ---- tests ---- */

START_TEST(formats_by_name_and_content) {
    zb_input_format f;
    ck_assert_int_eq(zb_input_format_from_name(&f, "pdf"), ZB_OK);
    ck_assert_int_eq(f, ZB_INPUT_PDF);
    ck_assert_int_eq(zb_input_format_from_name(&f, "doc"), ZB_EINVAL);
    ck_assert_int_eq(zb_input_format_from_name(NULL, "pdf"), ZB_EINVAL);
    ck_assert_str_eq(zb_input_format_name(ZB_INPUT_HTML), "html");
    ck_assert_str_eq(zb_input_format_name((zb_input_format)99), "auto");
    static const struct {
        const char *data;
        zb_input_format want;
    } cases[] = {
        {"%PDF-1.7\n", ZB_INPUT_PDF},
        {"junk before the header %PDF-1.4", ZB_INPUT_PDF},
        {"<!DOCTYPE html><html>", ZB_INPUT_HTML},
        {"<!doctype HTML>", ZB_INPUT_HTML},
        {"\xEF\xBB\xBF  \n<p>地区生产总值增长6%。</p>", ZB_INPUT_HTML},
        {"<div class=\"x\">text</div>", ZB_INPUT_HTML},
        {"<HTML><BODY>", ZB_INPUT_HTML},
        {"地区生产总值增长6%左右。", ZB_INPUT_TEXT},
        {"<b>bold</b> is not enough", ZB_INPUT_TEXT},
        {"a < b and c <p> later", ZB_INPUT_TEXT},
        {"<paragraph>", ZB_INPUT_TEXT},
        {"", ZB_INPUT_TEXT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_assert_msg(zb_input_detect(cases[i].data, strlen(cases[i].data)) == cases[i].want,
                      "case %zu: %s", i, cases[i].data);
    ck_assert_int_eq(zb_input_detect(NULL, 5), ZB_INPUT_TEXT);
    ck_assert_int_eq(zb_input_supported(ZB_INPUT_TEXT), 1);
    ck_assert_int_eq(zb_input_supported(ZB_INPUT_AUTO), 1);
}
END_TEST

START_TEST(text_handles_and_null_safety) {
    zb_text *t = NULL;
    ck_assert_int_eq(zb_source_text(NULL, "x", 1, ZB_INPUT_TEXT), ZB_EINVAL);
    ck_assert_int_eq(zb_source_text(&t, NULL, 3, ZB_INPUT_TEXT), ZB_EINVAL);
    ck_assert_ptr_nonnull(t);
    ck_assert_ptr_nonnull(strstr(zb_text_errmsg(t), "NULL"));
    zb_text_free(t);
    ck_assert_int_eq(zb_source_text(&t, "x", 1, (zb_input_format)9), ZB_EINVAL);
    zb_text_free(t);
    ck_assert_int_eq(zb_source_text(&t, "增长6%", 8, ZB_INPUT_AUTO), ZB_OK);
    ck_assert_int_eq(zb_text_format(t), ZB_INPUT_TEXT);
    ck_assert_str_eq(zb_text_data(t), "增长6%");
    ck_assert_uint_eq(zb_text_len(t), 8);
    size_t n = 7;
    ck_assert_ptr_null(zb_text_pages(t, &n));
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(zb_text_page_of(t, 3), 0);
    ck_assert_str_eq(zb_text_errmsg(t), "no error");
    zb_text_free(t);
    ck_assert_int_eq(zb_source_text(&t, NULL, 0, ZB_INPUT_TEXT), ZB_OK);
    ck_assert_str_eq(zb_text_data(t), "");
    zb_text_free(t);
    /* NULL handles */
    zb_text_free(NULL);
    ck_assert_str_eq(zb_text_data(NULL), "");
    ck_assert_uint_eq(zb_text_len(NULL), 0);
    ck_assert_ptr_null(zb_text_pages(NULL, &n));
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_null(zb_text_pages(NULL, NULL));
    ck_assert_int_eq(zb_text_page_of(NULL, 0), 0);
    ck_assert_ptr_nonnull(zb_text_errmsg(NULL));
    ck_assert_str_eq(zb_strerror(ZB_EFORMAT), "not a readable HTML page or PDF");
}
END_TEST

static zb_text *html(const char *page, int want) {
    zb_text *t = NULL;
    ck_assert_int_eq(zb_source_text(&t, page, strlen(page), ZB_INPUT_HTML), want);
    return t;
}

START_TEST(html_article_lines_and_furniture) {
    if (!zb_input_supported(ZB_INPUT_HTML)) {
        zb_text *t = html("<p>x</p>", ZB_EUNSUPPORTED);
        ck_assert_str_eq(zb_text_errmsg(t), "this zhibiao was built without HTML support "
                                            "(libxml2); rebuild with libxml2-dev installed");
        zb_text_free(t);
        return;
    }
    zb_text *t = html("<html><head><title>标题</title><style>p{}</style></head><body>"
                      "<ul class='TopNav'><li>首页</li><li>要闻</li></ul>"
                      "<script>var a = '增长9%';</script>"
                      "<div id='content'><h2>一、工作回顾</h2><p>地区生产总值增长6%，<b>粮食</b>"
                      "产量\n   稳定。</p><p>第二段<br>第二行</p><table><tr><td>指标</td>"
                      "<td>6%</td></tr></table></div><footer>版权所有</footer></body></html>",
                      ZB_OK);
    ck_assert_int_eq(zb_text_format(t), ZB_INPUT_HTML);
    /* a table's row is one line, its cells joined by ':' */
    ck_assert_str_eq(zb_text_data(t), "一、工作回顾\n地区生产总值增长6%，粮食产量 稳定。\n第二段\n"
                                      "第二行\n指标:6%\n");
    zb_text_free(t);
    /* …but a cell of blocks (a page laid out by a table) keeps its lines */
    t = html("<body><div id='content'><p>今年经济社会发展的主要预期目标如下表，各项指标均与"
             "“十四五”规划相衔接。</p><table><tr><th>指标</th><th>2025年目标</th></tr><tr>"
             "<td>城镇新增就业</td><td> 12万人以上 </td></tr><tr><td><p>正文第一段。</p></td>"
             "<td><p>第二段。</p></td></tr></table></div></body>",
             ZB_OK);
    ck_assert_str_eq(zb_text_data(t), "今年经济社会发展的主要预期目标如下表，各项指标均与“十四五”"
                                      "规划相衔接。\n指标:2025年目标\n城镇新增就业:12万人以上\n"
                                      "正文第一段。\n第二段。\n");
    zb_text_free(t);
    /* the article is found among furniture; its headline comes along */
    t = html("<body><div class='header'>网站首页</div><div class='main'><h1>政府工作报告</h1>"
             "<div class='info'>浏览次数：100次</div><div class='text'><p>去年全省地区生产总值"
             "增长百分之六，粮食产量稳定，就业形势总体稳定，物价保持平稳，居民收入稳步增长。</p>"
             "<p>今年的主要预期目标是：地区生产总值增长百分之六左右，城镇新增就业一百万人。</p>"
             "</div><div class='share'>分享到微信</div></div></body>",
             ZB_OK);
    ck_assert_str_eq(zb_text_data(t),
                     "政府工作报告\n去年全省地区生产总值增长百分之六，粮食产量稳定，就业形势总体稳"
                     "定，物价保持平稳，居民收入稳步增长。\n今年的主要预期目标是：地区生产总值增长"
                     "百分之六左右，城镇新增就业一百万人。\n");
    zb_text_free(t);
    /* hidden blocks and comments are no text; entities are */
    t = html("<p>甲&amp;乙&nbsp;丙<span style='display: none'>隐藏</span><!-- 注释 --></p>"
             "<p hidden>也隐藏</p>",
             ZB_OK);
    ck_assert_str_eq(zb_text_data(t), "甲&乙\xC2\xA0丙\n");
    zb_text_free(t);
    t = html("", ZB_EFORMAT);
    ck_assert_ptr_nonnull(strstr(zb_text_errmsg(t), "empty"));
    zb_text_free(t);
    t = html("<html><body><nav>首页</nav><script>x</script></body></html>", ZB_EFORMAT);
    ck_assert_ptr_nonnull(strstr(zb_text_errmsg(t), "no text"));
    zb_text_free(t);
}
END_TEST

START_TEST(html_charsets) {
    if (!zb_input_supported(ZB_INPUT_HTML))
        return;
    /* GBK bytes of 增长6% that say gb2312, and with one byte that is no GBK */
    const char gbk[] = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
                       "charset=gb2312\"></head><body><p>\xD4\xF6\xB3\xA4" "6%\xFF\x80</p>"
                       "<p>\xC1\xB8\xCA\xB3</p></body></html>";
    zb_text *t = html(gbk, ZB_OK);
    ck_assert_str_eq(zb_text_data(t), "增长6%\xEF\xBF\xBD\xEF\xBF\xBD\n粮食\n");
    zb_text_free(t);
    /* UTF-8 bytes under an old charset=gb2312: UTF-8 */
    t = html("<meta charset='gb2312'><p>增长6%</p>", ZB_OK);
    ck_assert_str_eq(zb_text_data(t), "增长6%\n");
    zb_text_free(t);
    /* UTF-16 with its byte order mark */
    const char u16[] = "\xFF\xFE<\0p\0>\0\x9E\x58\x7F\x95" "6\0%\0<\0/\0p\0>\0";
    t = NULL;
    ck_assert_int_eq(zb_source_text(&t, u16, sizeof u16 - 1, ZB_INPUT_HTML), ZB_OK);
    ck_assert_str_eq(zb_text_data(t), "增长6%\n");
    zb_text_free(t);
}
END_TEST

START_TEST(html_deep_nesting) {
    if (!zb_input_supported(ZB_INPUT_HTML))
        return;
    size_t depth = 100000, n = 0;
    char *page = malloc(depth * 11 + 64);
    ck_assert_ptr_nonnull(page);
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(page + n, "<div>");
    n += (size_t)sprintf(page + n, "增长6%%。");
    page[n] = 0;
    zb_text *t = NULL;
    int rc = zb_source_text(&t, page, n, ZB_INPUT_HTML);
    ck_assert(rc == ZB_OK || rc == ZB_EFORMAT);
    zb_text_free(t);
    free(page);
}
END_TEST

/* Does this process have a file mapped whose path holds name? */
static int mapped(const char *name) {
    FILE *f = fopen("/proc/self/maps", "r");
    char line[4096];
    int found = 0;
    while (f && !found && fgets(line, sizeof line, f))
        found = strstr(line, name) != NULL;
    if (f)
        fclose(f);
    return found;
}

/* poppler and the libraries under it are loaded with the PDF module, on the
 * first PDF read, not with zhibiao (tests/CMakeLists.txt names the module in
 * ZHIBIAO_PDF_MODULE where the build reads PDF). */
START_TEST(pdf_reader_is_loaded_when_a_pdf_is_read) {
    if (!getenv("ZHIBIAO_PDF_MODULE"))
        return; /* built without PDF support */
    const char *const pages[] = {"GDP grew by 6 percent"};
    size_t len;
    char *data = make_pdf(pages, 1, &len);
    zb_text *t = NULL;
    ck_assert_int_eq(zb_source_text(&t, "a text", 6, ZB_INPUT_AUTO), ZB_OK);
    zb_text_free(t);
    ck_assert_msg(!mapped("libpoppler"), "poppler is loaded before any PDF was read");
    ck_assert_int_eq(zb_source_text(&t, data, len, ZB_INPUT_PDF), ZB_OK);
    ck_assert_msg(mapped("zhibiao_pdf") && mapped("libpoppler"),
                  "reading a PDF did not load the module");
    zb_text_free(t);
    free(data);
}
END_TEST

/* No module where it is looked for: PDF input is unsupported, and the message
 * says where it looked. */
START_TEST(pdf_module_missing_is_a_clear_error) {
    const char *had = getenv("ZHIBIAO_PDF_MODULE");
    if (!had)
        return;
    char *keep = strdup(had);
    setenv("ZHIBIAO_PDF_MODULE", "/nonexistent/zhibiao_pdf.so", 1);
    const char *const pages[] = {"GDP grew by 6 percent"};
    size_t len;
    char *data = make_pdf(pages, 1, &len);
    zb_text *t = NULL;
    ck_assert_int_eq(zb_input_supported(ZB_INPUT_PDF), 0);
    ck_assert_int_eq(zb_source_text(&t, data, len, ZB_INPUT_PDF), ZB_EUNSUPPORTED);
    ck_assert_msg(strstr(zb_text_errmsg(t), "PDF support is not installed") &&
                      strstr(zb_text_errmsg(t), "/nonexistent/zhibiao_pdf.so"),
                  "%s", zb_text_errmsg(t));
    zb_text_free(t);
    /* a file that is no module of ours */
    setenv("ZHIBIAO_PDF_MODULE", "/dev/null", 1);
    ck_assert_int_eq(zb_source_text(&t, data, len, ZB_INPUT_PDF), ZB_EUNSUPPORTED);
    ck_assert_msg(strstr(zb_text_errmsg(t), "/dev/null"), "%s", zb_text_errmsg(t));
    zb_text_free(t);
    /* set but empty: looked for where it is when unset (beside the test
     * program, where there is none, and where it is installed) */
    setenv("ZHIBIAO_PDF_MODULE", "", 1);
    int rc = zb_source_text(&t, data, len, ZB_INPUT_PDF);
    ck_assert_msg(rc == ZB_OK || (rc == ZB_EUNSUPPORTED && strstr(zb_text_errmsg(t), "(tried /")),
                  "%d: %s", rc, zb_text_errmsg(t));
    zb_text_free(t);
    setenv("ZHIBIAO_PDF_MODULE", keep, 1);
    ck_assert_int_eq(zb_input_supported(ZB_INPUT_PDF), 1);
    free(keep);
    free(data);
}
END_TEST

START_TEST(pdf_pages_header_and_page_numbers) {
    const char *const pages[] = {"GDP grew by 6 percent", "Grain output 650 tons"};
    size_t len;
    char *data = make_pdf(pages, 2, &len);
    zb_text *t = NULL;
    if (!zb_input_supported(ZB_INPUT_PDF)) {
        ck_assert_int_eq(zb_source_text(&t, data, len, ZB_INPUT_AUTO), ZB_EUNSUPPORTED);
        ck_assert_str_eq(zb_text_errmsg(t), "this zhibiao was built without PDF support "
                                            "(poppler-glib); rebuild with libpoppler-glib-dev "
                                            "installed");
        zb_text_free(t);
        free(data);
        return;
    }
    ck_assert_int_eq(zb_source_text(&t, data, len, ZB_INPUT_AUTO), ZB_OK);
    ck_assert_int_eq(zb_text_format(t), ZB_INPUT_PDF);
    /* the running header and the page numbers are gone; a form feed parts pages */
    ck_assert_str_eq(zb_text_data(t), "GDP grew by 6 percent\n\fGrain output 650 tons\n");
    size_t n;
    const size_t *p = zb_text_pages(t, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(p[0], 0);
    ck_assert_uint_eq(p[1], strlen("GDP grew by 6 percent\n\f"));
    ck_assert_int_eq(zb_text_page_of(t, 0), 1);
    ck_assert_int_eq(zb_text_page_of(t, p[1] - 1), 1);
    ck_assert_int_eq(zb_text_page_of(t, p[1]), 2);
    ck_assert_int_eq(zb_text_page_of(t, 100000), 2);
    zb_text_free(t);
    /* damaged: cut short, random bytes after the header, empty, no header */
    static const size_t cuts[] = {9, 100, 400};
    for (size_t i = 0; i < 3; i++) {
        int rc = zb_source_text(&t, data, cuts[i], ZB_INPUT_PDF);
        ck_assert_int_eq(rc, ZB_EFORMAT);
        ck_assert_ptr_nonnull(strstr(zb_text_errmsg(t), "PDF"));
        zb_text_free(t);
    }
    ck_assert_int_eq(zb_source_text(&t, data, 0, ZB_INPUT_PDF), ZB_EFORMAT);
    ck_assert_ptr_nonnull(strstr(zb_text_errmsg(t), "empty"));
    zb_text_free(t);
    ck_assert_int_eq(zb_source_text(&t, "增长6%", 8, ZB_INPUT_PDF), ZB_EFORMAT);
    ck_assert_ptr_nonnull(strstr(zb_text_errmsg(t), "not a PDF"));
    zb_text_free(t);
    free(data);
}
END_TEST

START_TEST(parse_options_carry_pages) {
    const char *text = "地区生产总值增长6%。\f粮食产量650亿斤。\f城镇新增就业100万人。";
    size_t len = strlen(text);
    size_t pages[3] = {0, strlen("地区生产总值增长6%。\f"), 0};
    pages[2] = pages[1] + strlen("粮食产量650亿斤。\f");
    zb_parse_options o = ZB_PARSE_OPTIONS_INIT;
    o.report_year = 2022;
    o.pages = pages;
    o.page_count = 3;
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, text, len, &o), ZB_OK);
    ck_assert_uint_eq(zb_doc_count(doc), 3);
    for (size_t i = 0; i < 3; i++)
        ck_assert_int_eq(zb_doc_get(doc, i)->page, (int)i + 1);
    char json[4096];
    zb_indicator_json(zb_doc_get(doc, 1), json, sizeof json);
    ck_assert_ptr_nonnull(strstr(json, "\"page\":2}"));
    zb_doc_free(doc);
    /* without pages: none, null in JSON */
    o.pages = NULL;
    o.page_count = 0;
    ck_assert_int_eq(zb_parse(&doc, text, len, &o), ZB_OK);
    ck_assert_int_eq(zb_doc_get(doc, 0)->page, 0);
    zb_indicator_json(zb_doc_get(doc, 0), json, sizeof json);
    ck_assert_ptr_nonnull(strstr(json, "\"page\":null}"));
    zb_doc_free(doc);
    /* bad pages */
    o.page_count = 2;
    ck_assert_int_eq(zb_parse(&doc, text, len, &o), ZB_EINVAL);
    zb_doc_free(doc);
    size_t back[2] = {10, 5};
    o.pages = back;
    ck_assert_int_eq(zb_parse(&doc, text, len, &o), ZB_EINVAL);
    ck_assert_ptr_nonnull(strstr(zb_doc_errmsg(doc), "ascend"));
    zb_doc_free(doc);
}
END_TEST

/* zb_parse_options as version 1 had it: no pages. */
typedef struct options_v1 {
    unsigned int version;
    int report_year;
    unsigned int flags;
    const zb_allocator *allocator;
} options_v1;

START_TEST(version_1_options_still_work) {
    struct {
        options_v1 o;
        unsigned char guard[32];
    } v1;
    memset(&v1, 0xAB, sizeof v1);
    ck_assert_int_eq(zb_parse_options_init((zb_parse_options *)&v1.o, 1), ZB_OK);
    ck_assert_uint_eq(v1.o.version, 1);
    ck_assert_int_eq(v1.o.report_year, 0);
    for (size_t i = 0; i < sizeof v1.guard; i++)
        ck_assert_uint_eq(v1.guard[i], 0xAB); /* nothing written past version 1's struct */
    v1.o.report_year = 2022;
    zb_doc *doc = NULL;
    const char *text = "地区生产总值增长6%。";
    ck_assert_int_eq(zb_parse(&doc, text, strlen(text), (zb_parse_options *)&v1.o), ZB_OK);
    ck_assert_uint_eq(zb_doc_count(doc), 1);
    ck_assert_int_eq(zb_doc_report_year(doc), 2022);
    ck_assert_int_eq(zb_doc_get(doc, 0)->page, 0);
    zb_doc_free(doc);
    zb_scan *scan = NULL;
    ck_assert_int_eq(zb_scan_text(&scan, text, strlen(text), (zb_parse_options *)&v1.o), ZB_OK);
    zb_scan_free(scan);
    v1.o.version = 3;
    ck_assert_int_eq(zb_parse(&doc, text, strlen(text), (zb_parse_options *)&v1.o), ZB_EINVAL);
    zb_doc_free(doc);
}
END_TEST

/* zb_ingest_options as version 1 had it: no format. */
typedef struct ingest_v1 {
    unsigned int version;
    const char *region;
    int report_year;
    const char *source;
    unsigned int flags;
} ingest_v1;

START_TEST(store_reads_html_and_pdf_once) {
    zb_db *db = NULL;
    ck_assert_int_eq(zb_db_open(&db, ":memory:", 0), ZB_OK);
    ingest_v1 v1 = {1, "吉林省", 2022, "v1", 0};
    zb_ingest_result r;
    const char *text = "地区生产总值增长6%。";
    ck_assert_int_eq(zb_db_ingest(db, text, strlen(text), (zb_ingest_options *)&v1, &r), ZB_OK);
    ck_assert_uint_eq(r.indicators, 1);
    zb_ingest_options o = ZB_INGEST_OPTIONS_INIT;
    o.report_year = 2022;
    o.format = ZB_INPUT_PDF;
    ck_assert_int_eq(zb_db_ingest(db, text, strlen(text), &o, &r),
                     zb_input_supported(ZB_INPUT_PDF) ? ZB_EFORMAT : ZB_EUNSUPPORTED);
    ck_assert_ptr_nonnull(strstr(zb_db_errmsg(db), "PDF"));
    if (zb_input_supported(ZB_INPUT_PDF)) {
        const char *const pages[] = {"GDP grew by 6 percent", "Grain output 650 tons"};
        size_t len;
        char *data = make_pdf(pages, 2, &len);
        o.format = ZB_INPUT_AUTO;
        o.source = "report.pdf";
        ck_assert_int_eq(zb_db_ingest(db, data, len, &o, &r), ZB_OK);
        ck_assert_int_eq(r.inserted, 1);
        ck_assert_int_eq(zb_db_ingest(db, data, len, &o, &r), ZB_OK);
        ck_assert_int_eq(r.inserted, 0); /* the same file: stored once */
        free(data);
    }
    if (zb_input_supported(ZB_INPUT_HTML)) {
        const char *page = "<html><body><p>地区生产总值增长7%。</p></body></html>";
        o.format = ZB_INPUT_AUTO; /* not PDF's, left above when PDF is unsupported */
        o.source = "report.html";
        ck_assert_int_eq(zb_db_ingest(db, page, strlen(page), &o, &r), ZB_OK);
        ck_assert_uint_eq(r.indicators, 1);
        zb_rows *it = NULL;
        zb_filter f = ZB_FILTER_INIT;
        f.document_id = r.document_id;
        ck_assert_int_eq(zb_db_indicators(&it, db, &f), ZB_OK);
        ck_assert_int_eq(zb_rows_next(it), ZB_ROW);
        const zb_indicator *ind = zb_rows_indicator(it);
        ck_assert_str_eq(ind->surface, "7%");
        ck_assert_uint_eq(ind->span_start, strlen("地区生产总值增长"));
        ck_assert_int_eq(ind->page, 0);
        zb_rows_free(it);
    }
    ck_assert_int_eq(zb_db_close(db), ZB_OK);
}
END_TEST

int main(void) {
    Suite *s = suite_create("source");
    TCase *t = tcase_create("inputs");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, formats_by_name_and_content);
    tcase_add_test(t, text_handles_and_null_safety);
    tcase_add_test(t, html_article_lines_and_furniture);
    tcase_add_test(t, html_charsets);
    tcase_add_test(t, html_deep_nesting);
    tcase_add_test(t, pdf_pages_header_and_page_numbers);
    tcase_add_test(t, pdf_reader_is_loaded_when_a_pdf_is_read);
    tcase_add_test(t, pdf_module_missing_is_a_clear_error);
    tcase_add_test(t, parse_options_carry_pages);
    tcase_add_test(t, version_1_options_still_work);
    tcase_add_test(t, store_reads_html_and_pdf_once);
    suite_add_tcase(s, t);
    return tu_run(s);
}
