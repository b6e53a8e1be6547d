/*
 * zhibiao — indicators from Chinese government work reports.
 *
 * The one public header of libzhibiao. Data flows one way:
 *
 *   bytes → folded text → paragraphs → outline → quantities → indicators → SQLite
 *
 * Conventions (as in libgit2 and SQLite):
 *   - Every fallible call returns an int status: ZB_OK (0) or a negative ZB_E* code.
 *     Iterators return ZB_ROW while they have a row and ZB_DONE at the end.
 *   - Outputs come first, options last; NULL options mean the defaults.
 *   - Handles are opaque. A failing constructor still hands back a handle (except
 *     when even that could not be allocated: then *out is NULL and the status is
 *     ZB_ENOMEM) so that its *_errmsg() can say what went wrong and where.
 *     Free it with the matching *_free(); every *_free(NULL) is a harmless no-op.
 *   - Strings returned by the library are NUL-terminated UTF-8 owned by the handle
 *     they came from and valid until that handle is freed.
 *   - Byte offsets (span_start, span_end) always refer to the caller's input bytes,
 *     half-open, even though matching happens on NFKC-folded, simplified text.
 *   - No global mutable state: distinct handles may be used from distinct threads.
 */
#ifndef ZHIBIAO_H
#define ZHIBIAO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(ZB_STATIC)
#define ZB_EXTERN(type) extern type
#elif defined(_WIN32)
#if defined(ZB_BUILDING)
#define ZB_EXTERN(type) extern __declspec(dllexport) type
#else
#define ZB_EXTERN(type) extern __declspec(dllimport) type
#endif
#else
#define ZB_EXTERN(type) extern __attribute__((visibility("default"))) type
#endif

/* The version: the single source of truth (CMake reads it from here). */
#define ZB_VERSION_MAJOR 0
#define ZB_VERSION_MINOR 5
#define ZB_VERSION_PATCH 0
#define ZB_VERSION_STRING "0.5.0"

/** The library's version string, e.g. "0.4.0". */
ZB_EXTERN(const char *) zb_version(void);

/* ------------------------------------------------------------------------ */
/* Status codes                                                              */

enum {
    ZB_OK = 0,
    ZB_ERROR = -1,     /* generic failure; see the handle's message */
    ZB_ENOMEM = -2,    /* an allocation failed */
    ZB_EINVAL = -3,    /* a bad argument (NULL handle, unknown options version, …) */
    ZB_EUTF8 = -4,     /* the input is not valid UTF-8 (message names line and byte) */
    ZB_EENCODING = -5, /* the input is in another encoding (UTF-16) or is binary */
    ZB_EIO = -6,       /* reading or writing a file failed */
    ZB_EDB = -7,       /* SQLite reported an error */
    ZB_ESCHEMA = -8,   /* the database schema is newer than this library, not ours, or damaged */
    ZB_EBUSY = -9,     /* the database stayed locked by another connection */
    ZB_ENOTFOUND = -10,
    ZB_EREADONLY = -11, /* writing to a database opened read-only */
    ZB_EFORMAT = -12,      /* not a readable HTML page or PDF (damaged, encrypted, no
                              text), or a report with no text at all */
    ZB_EUNSUPPORTED = -13, /* no HTML or PDF support: not built, or its module missing */

    ZB_ROW = 100, /* an iterator has a row */
    ZB_DONE = 101 /* an iterator is finished */
};

/** A short English description of a status code ("invalid UTF-8"). Never NULL. */
ZB_EXTERN(const char *) zb_strerror(int status);

/* ------------------------------------------------------------------------ */
/* Enumerations of the contract (INDICATORS.md §1)                           */

typedef enum zb_cmp {
    ZB_CMP_EQ = 0, /* "="  */
    ZB_CMP_GE,     /* ">=" 以上 不低于 */
    ZB_CMP_LE,     /* "<=" 以下 以内 */
    ZB_CMP_GT,     /* ">"  超过 突破 多 */
    ZB_CMP_LT,     /* "<"  不足 不到 */
    ZB_CMP_APPROX  /* "~"  左右 约 近 */
} zb_cmp;

typedef enum zb_kind { ZB_KIND_ACHIEVED = 0, ZB_KIND_TARGET } zb_kind;

typedef enum zb_measure {
    ZB_MEASURE_LEVEL = 0,
    ZB_MEASURE_SHARE,
    ZB_MEASURE_GROWTH,
    ZB_MEASURE_CHANGE,
    ZB_MEASURE_GAP,
    ZB_MEASURE_RANK
} zb_measure;

/** What span of time a figure covers (INDICATORS.md §4a). */
typedef enum zb_period {
    ZB_PERIOD_YEAR = 0,   /* one year's figure */
    ZB_PERIOD_AVERAGE,    /* 年均: the yearly average over several years */
    ZB_PERIOD_CUMULATIVE, /* 累计: a total over several years */
    ZB_PERIOD_SPAN,       /* a change over several years (五年下降8.1%) */
    ZB_PERIOD_START       /* the first value of a from–to pair (从67.9%提高到…) */
} zb_period;

/** How firmly a target is set (INDICATORS.md §1). */
typedef enum zb_commitment {
    ZB_COMMIT_PLAIN = 0,
    ZB_COMMIT_ENSURE, /* 确保 */
    ZB_COMMIT_STRIVE  /* 力争, 争取, 努力; …在实际工作中努力争取更好结果 */
} zb_commitment;

typedef enum zb_sector {
    ZB_SECTOR_ECONOMY = 0,
    ZB_SECTOR_INDUSTRY,
    ZB_SECTOR_INNOVATION,
    ZB_SECTOR_AGRICULTURE,
    ZB_SECTOR_REFORM_OPENING,
    ZB_SECTOR_ECOLOGY,
    ZB_SECTOR_LIVELIHOOD,
    ZB_SECTOR_INFRASTRUCTURE,
    ZB_SECTOR_GOVERNANCE
} zb_sector;

/** What the quantity recognizer found. The first six kinds measure something;
 *  the last five are numbers that belong to a date, a name, an ordinal or a list
 *  marker and never become indicators. */
typedef enum zb_qkind {
    ZB_QTY_AMOUNT = 0, /* a number with a counting word or unit: 31颗, 807.84亿斤 */
    ZB_QTY_PERCENT,    /* 21.6% */
    ZB_QTY_POINTS,     /* 4.2个百分点 */
    ZB_QTY_MULTIPLE,   /* 3.1倍 */
    ZB_QTY_RANK,       /* 第5位, 第15名 */
    ZB_QTY_NUMBER,     /* a bare number without a unit */
    ZB_QTY_YEAR,       /* 2022年, 2021—2025年 */
    ZB_QTY_DATE,       /* 7月22日, 一季度 */
    ZB_QTY_NAME,       /* “吉林一号”, 5G, 2号线, 2.0版, 三年行动 */
    ZB_QTY_ORDINAL,    /* 第十三届, 第二批 */
    ZB_QTY_MARKER      /* (一), 三是, 一、 */
} zb_qkind;

/** Names as they appear in JSON, TSV and SQL: "=", ">=", …; "achieved"/"target";
 *  "level", "share", …; "economy", …; "amount", "percent", …  Never NULL. */
ZB_EXTERN(const char *) zb_cmp_name(zb_cmp cmp);
ZB_EXTERN(const char *) zb_kind_name(zb_kind kind);
ZB_EXTERN(const char *) zb_measure_name(zb_measure measure);
ZB_EXTERN(const char *) zb_sector_name(zb_sector sector);
ZB_EXTERN(const char *) zb_qkind_name(zb_qkind kind);
ZB_EXTERN(const char *) zb_period_name(zb_period period);
ZB_EXTERN(const char *) zb_commitment_name(zb_commitment commitment);

/** Parse a name back (e.g. "reform_opening"); returns ZB_OK or ZB_EINVAL. */
ZB_EXTERN(int) zb_sector_from_name(zb_sector *out, const char *name);
ZB_EXTERN(int) zb_kind_from_name(zb_kind *out, const char *name);

/* ------------------------------------------------------------------------ */
/* Options                                                                   */

/** Optional allocator hooks: all of the library's own allocations go through
 *  them (SQLite's do not). realloc(ctx, NULL, n) must behave as malloc. */
typedef struct zb_allocator {
    void *(*realloc)(void *ctx, void *ptr, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} zb_allocator;

/* Version 2 added pages and page_count; a version 1 struct (without them) is
 * still read as it was. */
#define ZB_PARSE_OPTIONS_VERSION 2

/** Keep every sentence of the document, not only those that hold indicators. */
#define ZB_PARSE_ALL_SENTENCES (1u << 0)
/** zb_parse_each() only: parse in a second thread while the callback runs in
 *  the calling thread, so that writing rows overlaps the parse of the next
 *  paragraph. The callback sees the same indicators in the same order; it is
 *  never called from the second thread. The allocator, when given, is called
 *  from the second thread while the parse runs, but never from two threads at
 *  once. Without a thread to be had, the parse runs in the calling thread.
 *  zb_parse() ignores the flag. */
#define ZB_PARSE_AHEAD (1u << 1)

typedef struct zb_parse_options {
    unsigned int version;          /* ZB_PARSE_OPTIONS_VERSION */
    int report_year;               /* 0: detect from the text (headings, title) */
    unsigned int flags;            /* ZB_PARSE_* */
    const zb_allocator *allocator; /* NULL: the C library's */
    /* version 2: where the text's pages start, as byte offsets in ascending
     * order (zb_text_pages() of a PDF's text). Each indicator's `page` is then
     * the 1-based page its span_start falls on (0 before the first start);
     * without them `page` is 0. The array is read during the call only. */
    const size_t *pages;
    size_t page_count;
} zb_parse_options;

#define ZB_PARSE_OPTIONS_INIT {ZB_PARSE_OPTIONS_VERSION, 0, 0, NULL, NULL, 0}

/** Set *opts to the defaults for the given version (1 or 2; a version 1 struct
 *  is written only as far as version 1 has members); ZB_EINVAL on an unknown one. */
ZB_EXTERN(int) zb_parse_options_init(zb_parse_options *opts, unsigned int version);

/* ------------------------------------------------------------------------ */
/* The quantity recognizer                                                   */

/** One quantity. value is as written (magnitude kept, never signed);
 *  base_value has the magnitude multiplied out. unit and base_unit are folded
 *  (NFKC, simplified): "万千瓦" / "千瓦", "%" / "%", "百分点", "" for a bare number.
 *  For non-measuring kinds only the span and kind are meaningful. */
typedef struct zb_quantity {
    size_t span_start, span_end; /* the surface in the caller's bytes */
    double value;
    double value_high; /* the upper end of a range (5%—6%); NAN when not a range */
    double base_value;
    double base_value_high; /* NAN when not a range */
    const char *unit;
    const char *base_unit;
    zb_cmp cmp;
    zb_qkind kind;
} zb_quantity;

typedef struct zb_scan zb_scan;

/** Find every quantity in text[0..len). Layout is repaired first (lines broken
 *  mid-sentence are joined, page-continuation markers dropped), so a quantity
 *  broken across lines is still found.
 *  Returns ZB_OK, ZB_EUTF8, ZB_EENCODING, ZB_ENOMEM or ZB_EINVAL. */
ZB_EXTERN(int) zb_scan_text(zb_scan **out, const char *text, size_t len,
                            const zb_parse_options *opts);
ZB_EXTERN(size_t) zb_scan_count(const zb_scan *scan);
/** The i-th quantity in text order, or NULL when i is out of range. */
ZB_EXTERN(const zb_quantity *) zb_scan_get(const zb_scan *scan, size_t i);
ZB_EXTERN(const char *) zb_scan_errmsg(const zb_scan *scan);
ZB_EXTERN(void) zb_scan_free(zb_scan *scan);

/* ------------------------------------------------------------------------ */
/* Indicator extraction                                                      */

/** One indicator row (INDICATORS.md §1). Strings are owned by the document.
 *  year is 0 when the report year could not be found (give one in options).
 *  A qualitative row (a goal or result stated without a number, §2b) has
 *  qualitative set to its words; its value and base_value are NAN, and every
 *  writer shows value, unit, base_value and base_unit as null. */
typedef struct zb_indicator {
    size_t span_start, span_end;
    const char *surface; /* the original bytes of the span */
    double value;        /* signed: 下降3% → -3; NAN on a qualitative row */
    double value_high;   /* upper end of a range, NAN otherwise */
    const char *unit;
    double base_value;
    const char *base_unit;
    zb_cmp cmp; /* on the signed value */
    int year;
    zb_kind kind;
    zb_measure measure;
    const char *metric;
    const char *metric_id; /* "" when the metric is not in the catalog */
    zb_sector sector;
    const char *section;  /* "" when no heading precedes it */
    const char *sentence; /* the repaired sentence */
    size_t section_index; /* into zb_doc_section(); SIZE_MAX when none */
    size_t sentence_index; /* into zb_doc_sentence() */
    /* contract version 2 */
    zb_period period;
    int year_from;           /* first year of a multi-year period; 0 when period is year */
    const char *entity;      /* whose figure, when not the region's: 长春新区, 一汽; "" */
    zb_commitment commitment;
    int estimate;            /* 1 for 预计, 初步核算 … */
    const char *qualitative; /* the words of a goal without a number; NULL otherwise */
    /* extensions: zhibiao's own fields, after the contract's */
    int page; /* 1-based page of span_start when the options gave page starts (a PDF); 0: none */
} zb_indicator;

/** A heading and the part of the text it governs. */
typedef struct zb_section {
    const char *title;
    int level;  /* 1 一、 · 2 (一) · 3 一是 1. 1、 · 4 (1) —— */
    int plan;   /* 1 when in the work plan part (targets), 0 in the review */
    zb_sector sector;
    int has_sector; /* 0 when the heading names no sector */
    size_t span_start, span_end; /* the heading's bytes */
} zb_section;

typedef struct zb_sentence {
    const char *text; /* repaired: folded, lines joined, markers dropped */
    size_t span_start, span_end;
    size_t section_index; /* SIZE_MAX when before any heading */
} zb_sentence;

typedef struct zb_doc zb_doc;

/** Extract the indicators of a report. On error *out still receives a handle
 *  (unless out of memory) whose zb_doc_errmsg() says what and where, e.g.
 *  "line 12, byte 3401: invalid UTF-8 (byte 0xC3 starts a sequence that ends early)". */
ZB_EXTERN(int) zb_parse(zb_doc **out, const char *text, size_t len,
                        const zb_parse_options *opts);
ZB_EXTERN(size_t) zb_doc_count(const zb_doc *doc);
ZB_EXTERN(const zb_indicator *) zb_doc_get(const zb_doc *doc, size_t i);
ZB_EXTERN(size_t) zb_doc_section_count(const zb_doc *doc);
ZB_EXTERN(const zb_section *) zb_doc_section(const zb_doc *doc, size_t i);
/** Sentences that hold an indicator, or all of them with ZB_PARSE_ALL_SENTENCES. */
ZB_EXTERN(size_t) zb_doc_sentence_count(const zb_doc *doc);
ZB_EXTERN(const zb_sentence *) zb_doc_sentence(const zb_doc *doc, size_t i);
/** The report year given or detected; 0 when unknown. */
ZB_EXTERN(int) zb_doc_report_year(const zb_doc *doc);
/** The first heading-like title line ("政府工作报告"), or "". */
ZB_EXTERN(const char *) zb_doc_title(const zb_doc *doc);
/** Whose report it is, e.g. "吉林省", "武汉市", "全国"; "" if the text does not
 *  say. A region named in the title block or the opening (在武汉市第十五届人民代表
 *  大会…上, 武汉市人民政府) is taken at its own level; else the province the text
 *  names most often. */
ZB_EXTERN(const char *) zb_doc_region(const zb_doc *doc);
/** Its GB/T 2260 code ("420100"; 全国 is "100000"), or "". */
ZB_EXTERN(const char *) zb_doc_region_code(const zb_doc *doc);
/** 1 when the text is a summary of a report (a news digest: 报告指出，…, or a
 *  title such as 政府工作报告摘要) rather than the report itself. */
ZB_EXTERN(int) zb_doc_summary(const zb_doc *doc);
/** Called with each indicator of zb_parse_each(); the indicator and its strings
 *  are valid during the call only. Return 0 to go on; anything else stops the
 *  parse and becomes zb_parse_each()'s result. */
typedef int (*zb_indicator_fn)(void *ctx, const zb_indicator *ind);

/** Like zb_parse(), but each paragraph's indicators go to fn as soon as the
 *  paragraph is done and are not kept, so memory stays bounded by the largest
 *  paragraph whatever the size of the input. The report year, when not given,
 *  comes from a first quick look at the short lines that name a year (headings,
 *  the title). The handle keeps sections, title, region and report year;
 *  zb_doc_count() is 0 and sentence_index is SIZE_MAX. fn must not be NULL. */
ZB_EXTERN(int) zb_parse_each(zb_doc **out, const char *text, size_t len,
                             const zb_parse_options *opts, zb_indicator_fn fn, void *ctx);

/** How many numbers were skipped because they do not fit a double. */
ZB_EXTERN(size_t) zb_doc_skipped_numbers(const zb_doc *doc);
ZB_EXTERN(const char *) zb_doc_errmsg(const zb_doc *doc);
ZB_EXTERN(void) zb_doc_free(zb_doc *doc);

/* ------------------------------------------------------------------------ */
/* Inputs: web pages and PDF files                                           */

/** What the caller's bytes are. AUTO decides by content (zb_input_detect()). */
typedef enum zb_input_format {
    ZB_INPUT_AUTO = 0,
    ZB_INPUT_TEXT, /* UTF-8 text, used as it is */
    ZB_INPUT_HTML, /* a web page: the article's text, paragraphs kept (libxml2) */
    ZB_INPUT_PDF   /* a PDF file: the text of each page (poppler) */
} zb_input_format;

/** "auto", "text", "html", "pdf"; never NULL. */
ZB_EXTERN(const char *) zb_input_format_name(zb_input_format format);
/** The name back; ZB_EINVAL for anything else. */
ZB_EXTERN(int) zb_input_format_from_name(zb_input_format *out, const char *name);
/** The format of data by its first 1024 bytes: PDF when "%PDF-" stands in
 *  them; HTML when they hold "<!doctype html" or "<html", or when the text
 *  opens (after a byte order mark and white space) with '<' and they hold one
 *  of the tags <head <body <meta <title <div <p <table <br <h1 … <h6 (any
 *  case); TEXT otherwise, also for 0 bytes. Never AUTO. */
ZB_EXTERN(zb_input_format) zb_input_detect(const char *data, size_t len);
/** 1 when UTF-8 text holds nothing but white space, controls and invisible
 *  format characters (0 bytes, spaces, tabs, line breaks, U+3000, a byte order
 *  mark, zero-width spaces); else 0. zb_db_ingest() refuses such a text. */
ZB_EXTERN(int) zb_text_blank(const char *text, size_t len);
/** 1 when this build reads the format (HTML needs libxml2, PDF poppler-glib;
 *  both are optional at build time), else 0. TEXT and AUTO are always 1. PDF
 *  is read by a module loaded when needed ($libdir/zhibiao/zhibiao_pdf.so, or
 *  the file the environment variable ZHIBIAO_PDF_MODULE names): 1 when it
 *  loads, which this call then does. */
ZB_EXTERN(int) zb_input_supported(zb_input_format format);

/** The text of an input, and where its pages begin. */
typedef struct zb_text zb_text;

/** Turn a report as users have it into the UTF-8 text the parser reads.
 *
 *  - TEXT: the bytes copied as they are (no pages).
 *  - HTML: the page is parsed leniently. Its charset: UTF-16 by a byte order
 *    mark; UTF-8 when the bytes are valid UTF-8; else what <meta charset> or
 *    the http-equiv Content-Type says (GBK and GB2312 are read as GB18030),
 *    else GB18030; a byte not of the charset becomes U+FFFD. Scripts, styles,
 *    navigation, headers, footers, asides, forms and elements whose class or
 *    id names page furniture (nav, menu, footer, breadcrumb, share, sidebar …:
 *    schema/html.tsv) are dropped; of the rest, the article is the smallest
 *    element that holds three quarters of the page's Chinese text and
 *    sentence punctuation outside links (the whole body when none does),
 *    headed by the nearest <h1>–<h3> before it. Block elements (p, div, br,
 *    li, h1–h6, tr, td, …) end lines. No pages.
 *  - PDF: the text of every page in reading order, pages separated by a form
 *    feed (\f); running headers and footers (a line repeated at the top or
 *    foot of several pages) and page numbers (— 3 —, 第3页, 3/12) are dropped.
 *    zb_text_pages() says where each page starts.
 *
 *  Returns ZB_OK; ZB_EUNSUPPORTED when the build lacks the format (the message
 *  says which library to install); ZB_EFORMAT for a damaged, encrypted or
 *  empty file or one without text (a scanned PDF), with a message that says
 *  so; ZB_EINVAL, ZB_ENOMEM. On error *out still receives a handle (unless
 *  out of memory) for zb_text_errmsg(). The data need not outlive the call. */
ZB_EXTERN(int) zb_source_text(zb_text **out, const char *data, size_t len,
                              zb_input_format format);
/** The format the input was read as (AUTO resolved). */
ZB_EXTERN(zb_input_format) zb_text_format(const zb_text *text);
/** The text, NUL-terminated; "" for a NULL handle. */
ZB_EXTERN(const char *) zb_text_data(const zb_text *text);
ZB_EXTERN(size_t) zb_text_len(const zb_text *text);
/** The byte offsets in the text where pages start, ascending, the first 0;
 *  *count gets their number (0 unless the input was a PDF). Pass them to
 *  zb_parse() as zb_parse_options.pages and page_count:
 *
 *      zb_text *t = NULL;
 *      if (zb_source_text(&t, bytes, n, ZB_INPUT_AUTO) == ZB_OK) {
 *          zb_parse_options o = ZB_PARSE_OPTIONS_INIT;
 *          o.pages = zb_text_pages(t, &o.page_count);
 *          rc = zb_parse(&doc, zb_text_data(t), zb_text_len(t), &o);
 *      }   // spans and each indicator's page refer to t's text
 *      zb_text_free(t);
 */
ZB_EXTERN(const size_t *) zb_text_pages(const zb_text *text, size_t *count);
/** The 1-based page that the byte at offset stands on; 0 without pages. */
ZB_EXTERN(int) zb_text_page_of(const zb_text *text, size_t offset);
ZB_EXTERN(const char *) zb_text_errmsg(const zb_text *text);
ZB_EXTERN(void) zb_text_free(zb_text *text);

/* ------------------------------------------------------------------------ */
/* Regions (GB/T 2260, every level)                                          */

typedef struct zb_region {
    const char *code;        /* "420100"; 全国 is "100000" */
    const char *name;        /* the full name: 武汉市 */
    const char *name_en;     /* Wuhan */
    const char *level;       /* "national", "province", "prefecture" or "county" */
    const char *parent_code; /* "420000"; "" for 全国 */
} zb_region;

/** The region a name stands for: a full name (武汉市), a short one (武汉, 吉林)
 *  or a code (420100). Where regions of several levels share a name the higher
 *  level is meant (吉林: the province). ZB_ENOTFOUND for none; ZB_EINVAL when
 *  regions of one level share it (鼓楼区): then why (if not NULL) names them
 *  with their codes. The strings are static. */
ZB_EXTERN(int) zb_region_lookup(zb_region *out, const char *name, char *why, size_t why_size);

/* ------------------------------------------------------------------------ */
/* Output                                                                    */

/** The contract's fields, in the order every output lists them: span_start,
 *  span_end, surface, value, … (INDICATORS.md §1). zb_field_name(i) is NULL
 *  past the end. */
ZB_EXTERN(size_t) zb_field_count(void);
ZB_EXTERN(const char *) zb_field_name(size_t i);

/** Format an indicator as one JSON object (no newline) with exactly the field
 *  names of INDICATORS.md §1, like snprintf: writes at most size bytes
 *  including the NUL and returns the length the whole object needs. Numbers use
 *  '.' whatever the locale; a missing value_high or year is null. */
ZB_EXTERN(size_t) zb_indicator_json(const zb_indicator *ind, char *buf, size_t size);

typedef enum zb_format {
    ZB_FORMAT_JSONL = 0, /* one JSON object per line */
    ZB_FORMAT_JSON,      /* one JSON array of objects */
    ZB_FORMAT_TSV,       /* a header line, then tab-separated rows; tabs and line
                            breaks inside a cell become spaces */
    ZB_FORMAT_CSV        /* RFC 4180: a header line, CRLF line ends, quoted cells */
} zb_format;

/** "jsonl", "json", "tsv" or "csv" → the format; ZB_EINVAL for anything else. */
ZB_EXTERN(int) zb_format_from_name(zb_format *out, const char *name);

#define ZB_WRITER_DOCUMENT (1u << 0) /* lead each indicator with document_id, region, report_year */
#define ZB_WRITER_BOM (1u << 1)      /* CSV: begin with a UTF-8 byte order mark (spreadsheets) */

/** Where a writer's bytes go: return 0 when all len bytes were taken, anything
 *  else to stop (the writer then fails with ZB_EIO). */
typedef int (*zb_write_fn)(void *ctx, const void *data, size_t len);

/** The document an indicator comes from, for ZB_WRITER_DOCUMENT. */
typedef struct zb_source {
    int64_t document_id;
    const char *region;
    int report_year; /* 0: unknown (written as null) */
} zb_source;

typedef struct zb_writer zb_writer;

/** A writer of rows in the given format. Its columns are the contract's fields
 *  (after the document's with ZB_WRITER_DOCUMENT) unless zb_writer_columns()
 *  sets others. Output is buffered: call zb_writer_finish() at the end.
 *
 *      static int to_file(void *f, const void *p, size_t n) {
 *          return fwrite(p, 1, n, f) == n ? 0 : -1;
 *      }
 *      zb_writer *w;
 *      if (zb_writer_new(&w, ZB_FORMAT_CSV, 0, to_file, stdout) == ZB_OK) {
 *          for (size_t i = 0; i < zb_doc_count(doc); i++)
 *              zb_writer_indicator(w, zb_doc_get(doc, i), NULL);
 *          if (zb_writer_finish(w) != ZB_OK)
 *              fprintf(stderr, "%s\n", zb_writer_errmsg(w));
 *      }
 *      zb_writer_free(w);
 */
ZB_EXTERN(int) zb_writer_new(zb_writer **out, zb_format format, unsigned int flags,
                             zb_write_fn fn, void *ctx);
/** One indicator as a row; doc may be NULL without ZB_WRITER_DOCUMENT. */
ZB_EXTERN(int) zb_writer_indicator(zb_writer *w, const zb_indicator *ind, const zb_source *doc);
/** Rows of one's own: set the column names (copied) before the first row, then
 *  give each row's cells in order and end it with zb_writer_end_row(). A NULL
 *  text, a NaN real and zb_writer_null() are null (an empty cell in TSV/CSV). */
ZB_EXTERN(int) zb_writer_columns(zb_writer *w, size_t n, const char *const *names);
ZB_EXTERN(int) zb_writer_text(zb_writer *w, const char *s);
ZB_EXTERN(int) zb_writer_int(zb_writer *w, int64_t v);
ZB_EXTERN(int) zb_writer_real(zb_writer *w, double v);
ZB_EXTERN(int) zb_writer_bool(zb_writer *w, int v); /* true / false */
ZB_EXTERN(int) zb_writer_null(zb_writer *w);
ZB_EXTERN(int) zb_writer_end_row(zb_writer *w);
/** Write what is left (the header when no row came, the closing ']' of JSON)
 *  and hand it to the callback. A failed write is reported here at the latest. */
ZB_EXTERN(int) zb_writer_finish(zb_writer *w);
ZB_EXTERN(const char *) zb_writer_errmsg(const zb_writer *w);
ZB_EXTERN(void) zb_writer_free(zb_writer *w);

/* ------------------------------------------------------------------------ */
/* The SQLite store                                                          */

typedef struct zb_db zb_db;

#define ZB_DB_READONLY (1u << 0) /* open an existing database for reading only */
#define ZB_DB_NOCREATE (1u << 1) /* fail when the file does not exist */

/** Open (and create, and upgrade) a zhibiao database. The schema is migrated
 *  in one transaction keyed by PRAGMA user_version; a file from a newer zhibiao,
 *  or one that is not a zhibiao database, is refused with ZB_ESCHEMA. Read-write
 *  connections use WAL and wait up to 5 s for a lock (then ZB_EBUSY).
 *
 *  ZB_DB_READONLY opens file:PATH?mode=ro and writes nothing, not even the
 *  -wal and -shm files SQLite's readers otherwise make and leave behind, so a
 *  database in a read-only directory can be read too. When PATH has no -wal
 *  file (every commit is in PATH itself), or its -shm cannot be made, the file
 *  is opened with immutable=1: no locking at all, so changes a writer makes
 *  while the handle is open may not be seen, and a writer that checkpoints
 *  meanwhile can make a read fail. With a -wal present (a writer at work),
 *  reads take the usual locks and see every commit.
 *
 *  On error *out still receives a handle for zb_db_errmsg() (free it with
 *  zb_db_close()). */
ZB_EXTERN(int) zb_db_open(zb_db **out, const char *path, unsigned int flags);
/** How long to wait for another connection's lock before ZB_EBUSY (default 5000 ms). */
ZB_EXTERN(int) zb_db_busy_timeout(zb_db *db, int milliseconds);
/** Close the database; NULL is a no-op. Returns ZB_OK or ZB_EDB. */
ZB_EXTERN(int) zb_db_close(zb_db *db);
ZB_EXTERN(const char *) zb_db_errmsg(const zb_db *db);
/** The schema version this library writes (PRAGMA user_version). */
ZB_EXTERN(int) zb_schema_version(void);

/* Version 2 added format; a version 1 struct is read as AUTO. */
#define ZB_INGEST_OPTIONS_VERSION 2
#define ZB_INGEST_REPLACE (1u << 0) /* re-extract a document that is already stored */
/* Parse in the calling thread. By default zb_db_ingest() parses in a second
 * thread, started and joined within the call, while the calling thread writes
 * the rows; what is stored is the same either way. */
#define ZB_INGEST_ONE_THREAD (1u << 1)

typedef struct zb_ingest_options {
    unsigned int version; /* ZB_INGEST_OPTIONS_VERSION */
    const char *region;   /* NULL: the province the text names most often */
    int report_year;      /* 0: found in the text */
    const char *source;   /* a path or name to remember; NULL: "" */
    unsigned int flags;   /* ZB_INGEST_* */
    zb_input_format format; /* version 2; AUTO: by content (zb_input_detect()) */
} zb_ingest_options;

#define ZB_INGEST_OPTIONS_INIT {ZB_INGEST_OPTIONS_VERSION, NULL, 0, NULL, 0, ZB_INPUT_AUTO}

typedef struct zb_ingest_result {
    int64_t document_id;
    int inserted;      /* 0 when the same bytes were already stored (nothing changed) */
    size_t indicators; /* rows the document has */
    int report_year;
    const char *region; /* valid until the next call on the handle */
} zb_ingest_result;

/** Parse a report and store it with its sections, sentences and indicators in
 *  one transaction (or in a batch's): all of it or nothing. Bytes already stored (same SHA-256) are
 *  not stored again; their document id comes back with inserted = 0, unless
 *  ZB_INGEST_REPLACE asks for a fresh extraction.
 *  An HTML page or a PDF (by content, or as opts->format says) is first made
 *  text with zb_source_text(): the document keeps the SHA-256 of the bytes
 *  given (the same PDF twice is stored once), its text as `body` (the spans
 *  point into it), its format and page count; each indicator its page.
 *  A text that zb_text_blank() calls blank is refused with ZB_EFORMAT. */
ZB_EXTERN(int) zb_db_ingest(zb_db *db, const char *text, size_t len,
                            const zb_ingest_options *opts, zb_ingest_result *result);

/** A batch: the documents zb_db_ingest() stores between zb_db_begin() and
 *  zb_db_commit() share one transaction; a document that fails is deleted
 *  from it again (a replacement that fails gives the old one back), so it
 *  leaves nothing and the others stay. Readers, and the
 *  full-text index (sentences_fts), see the batch's documents at its commit;
 *  a crash or kill before it loses the batch, never part of a document. The
 *  batch holds the database's write lock until it ends. Without a batch every
 *  document is a transaction of its own (slower: one commit and index update
 *  per document). zb_db_close() with a batch open rolls it back. If an error
 *  made SQLite roll the whole transaction back (a full disk), further ingests
 *  fail and zb_db_commit() says that none of the batch was stored. */
ZB_EXTERN(int) zb_db_begin(zb_db *db);
ZB_EXTERN(int) zb_db_commit(zb_db *db);
ZB_EXTERN(int) zb_db_rollback(zb_db *db);

/** zb_db_ingest() on the contents of a file; the source defaults to path.
 *  ZB_EIO when the file cannot be read (the message says why). */
ZB_EXTERN(int) zb_db_ingest_file(zb_db *db, const char *path, const zb_ingest_options *opts,
                                 zb_ingest_result *result);

/** One document for zb_db_ingest_each(): its bytes and options, as
 *  zb_db_ingest() takes them, and a pointer of the caller's. */
typedef struct zb_ingest_item {
    const char *text;
    size_t len;
    zb_ingest_options options;
    void *user;                /* the caller's; not read */
} zb_ingest_item;

/** Fill *item with the next document and return 1 (it comes zeroed, its
 *  options ZB_INGEST_OPTIONS_INIT);
 *  0 when there are no more. Any other value ends zb_db_ingest_each(),
 *  which returns it. */
typedef int (*zb_ingest_next_fn)(void *ctx, zb_ingest_item *item);
/** Called once for every item next() gave, in their order, when it is stored
 *  (rc ZB_OK, *result as zb_db_ingest() gives it) or failed (rc, result
 *  NULL, zb_db_errmsg() says why). The item's text is not read after this
 *  call. A non-zero return ends zb_db_ingest_each(), which returns it; the
 *  item next() gave meanwhile, if any, is then called done with ZB_ERROR. */
typedef int (*zb_ingest_done_fn)(void *ctx, const zb_ingest_item *item, int rc,
                                 const zb_ingest_result *result);

/** zb_db_ingest() on each document next() gives, until it gives none: what
 *  is stored is the same, and faster, for the next document is parsed (in a
 *  second thread) while one is written. So next() is called for a document
 *  before the one before it is done, and an item's text must stay valid
 *  until its done() call. A failed document does not end the run (done()
 *  hears of it). Inside a batch (zb_db_begin()) all documents share its
 *  transaction, else each has its own. ZB_OK, or what ended the run. */
ZB_EXTERN(int) zb_db_ingest_each(zb_db *db, zb_ingest_next_fn next, zb_ingest_done_fn done,
                                 void *ctx);

/** Filters for zb_db_indicators(). Every field left zero or NULL matches
 *  everything, so a zero-filled filter (version 0 is taken as the current one)
 *  matches every row. kinds and sectors are sets: ZB_BIT(ZB_KIND_TARGET),
 *  ZB_BIT(ZB_SECTOR_ECOLOGY) | ZB_BIT(ZB_SECTOR_AGRICULTURE). Version 1's
 *  `kind` and `sector` (one value, -1 for any) are still read as they were. */
#define ZB_FILTER_VERSION 2
#define ZB_BIT(value) (1u << (value))
typedef struct zb_filter {
    unsigned int version;
    const char *region;
    int year;              /* the year a figure describes */
    int report_year;
    unsigned int kinds;    /* ZB_BIT(zb_kind) for each kind wanted; 0: any */
    unsigned int sectors;  /* ZB_BIT(zb_sector) for each sector wanted; 0: any */
    const char *metric_id;
    int64_t document_id;
} zb_filter;
#define ZB_FILTER_INIT {ZB_FILTER_VERSION, NULL, 0, 0, 0, 0, NULL, 0}

typedef struct zb_rows zb_rows;

/** Iterate stored indicators in document and text order (*out is NULL on
 *  every error, so the loop below is safe as written):
 *
 *      zb_rows *it;
 *      if (zb_db_indicators(&it, db, &filter) == ZB_OK)
 *          while ((rc = zb_rows_next(it)) == ZB_ROW)
 *              use(zb_rows_indicator(it), zb_rows_region(it));
 *      zb_rows_free(it);
 */
ZB_EXTERN(int) zb_db_indicators(zb_rows **out, zb_db *db, const zb_filter *filter);
/** ZB_ROW, ZB_DONE, or an error code (see zb_db_errmsg()). */
ZB_EXTERN(int) zb_rows_next(zb_rows *it);
/** The current row; its strings live until the next zb_rows_next(). */
ZB_EXTERN(const zb_indicator *) zb_rows_indicator(const zb_rows *it);
ZB_EXTERN(const char *) zb_rows_region(const zb_rows *it);
ZB_EXTERN(int) zb_rows_report_year(const zb_rows *it);
ZB_EXTERN(int64_t) zb_rows_document_id(const zb_rows *it);
ZB_EXTERN(void) zb_rows_free(zb_rows *it);

/** A result of year N next to the target of year N+1 (view v_target_vs_actual). */
typedef struct zb_comparison {
    const char *region, *metric_id, *metric;
    zb_measure measure;
    int actual_year;
    double actual_value, actual_base_value;
    const char *actual_unit;
    int target_year;
    zb_cmp target_cmp;
    double target_value, target_base_value;
    const char *target_unit;
    double delta;       /* target minus actual in the catalog's unit; NAN when units differ */
    const char *status; /* "floor below last result", "ceiling above last result", … */
    /* version 0.5 */
    const char *delta_unit; /* the unit of delta (吨 for grain in 斤 and 吨); "" when NAN */
    const char *direction;  /* "up" or "down": the metric's better direction */
    const char *ambition;   /* "higher", "lower" or "same": the target asks for more, less
                               or as much as last year's result in that direction */
    const char *entity;     /* whose figures: "" for the region's own */
    double target_value_high; /* the top of a range target; NAN otherwise */
    zb_commitment commitment; /* of the target */
    int64_t actual_document_id, actual_indicator_id, target_document_id, target_indicator_id;
} zb_comparison;

typedef struct zb_comparisons zb_comparisons;

/** Iterate the comparisons of a region (NULL: all; a full or short name or a
 *  code) between results of base_year and targets of target_year (both 0: the
 *  newest pair the database holds). Results and targets meet on region, entity,
 *  catalog id and measure, single-year figures only; where documents disagree
 *  the views' rule picks one (see v_results in schema/views.sql). */
ZB_EXTERN(int) zb_db_compare(zb_comparisons **out, zb_db *db, const char *region,
                             int base_year, int target_year);
ZB_EXTERN(int) zb_comparisons_next(zb_comparisons *it);
ZB_EXTERN(const zb_comparison *) zb_comparisons_get(const zb_comparisons *it);
ZB_EXTERN(void) zb_comparisons_free(zb_comparisons *it);

/** The questions of the comparison views, as rows of named cells (the view's
 *  column names, listed in schema/views.sql and zhibiao(1)):
 *  ZB_VIEW_OUTCOME  each target against the result of its own year
 *                   (v_target_outcome: exceeded, met, near, missed,
 *                   qualitative, no_result, incomparable), by region, year, key;
 *  ZB_VIEW_PANEL    every region's target for one metric and year side by side
 *                   (v_panel), by region code;
 *  ZB_VIEW_SERIES   a region's result and target of each year (v_metric_series),
 *                   by region, entity, metric, measure and year;
 *  ZB_VIEW_CHANGE   each target against the previous year's (v_target_change:
 *                   raised, lowered, same, within), by region, year, key;
 *  ZB_VIEW_CONFLICTS the keys whose documents disagree (v_conflicts). */
typedef enum zb_view {
    ZB_VIEW_OUTCOME = 0,
    ZB_VIEW_PANEL,
    ZB_VIEW_SERIES,
    ZB_VIEW_CHANGE,
    ZB_VIEW_CONFLICTS
} zb_view;

/** Filters of zb_db_view(); zero or NULL matches everything. */
#define ZB_VIEW_FILTER_VERSION 1
typedef struct zb_view_filter {
    unsigned int version;  /* ZB_VIEW_FILTER_VERSION (0 is taken as it) */
    const char *region;    /* a full or short name or a code: 湖北, 湖北省, 420000 */
    const char *metric_id; /* a catalog id: gdp */
    int year;              /* the year the figures are of (of the targets, for a panel:
                              0 there is the newest year a report set the metric's
                              targets for in its own year) */
    const char *entity;    /* "" for the region's own figures; NULL: any */
} zb_view_filter;
#define ZB_VIEW_FILTER_INIT {ZB_VIEW_FILTER_VERSION, NULL, NULL, 0, NULL}

typedef struct zb_view_rows zb_view_rows;

typedef enum zb_cell_type {
    ZB_CELL_NULL = 0,
    ZB_CELL_INT,
    ZB_CELL_REAL,
    ZB_CELL_TEXT
} zb_cell_type;

/** Iterate the rows of a view (*out is NULL on every error):
 *
 *      zb_view_rows *it;
 *      zb_view_filter f = ZB_VIEW_FILTER_INIT;
 *      f.metric_id = "gdp";
 *      if (zb_db_view(&it, db, ZB_VIEW_PANEL, &f) == ZB_OK)
 *          while ((rc = zb_view_next(it)) == ZB_ROW)
 *              printf("%s %s\n", zb_view_text(it, 0), zb_view_text(it, 9));
 *      zb_view_rows_free(it);
 *
 *  The columns are known before the first zb_view_next(). */
ZB_EXTERN(int) zb_db_view(zb_view_rows **out, zb_db *db, zb_view view,
                          const zb_view_filter *filter);
/** ZB_ROW, ZB_DONE, or an error code (see zb_db_errmsg()). */
ZB_EXTERN(int) zb_view_next(zb_view_rows *it);
ZB_EXTERN(size_t) zb_view_columns(const zb_view_rows *it);
/** The name of column i (NULL past the end). */
ZB_EXTERN(const char *) zb_view_column_name(const zb_view_rows *it, size_t i);
/** The index of the column named name, or -1. */
ZB_EXTERN(int) zb_view_column(const zb_view_rows *it, const char *name);
/** Cell i of the current row: its type; as text ("" for NULL, numbers as
 *  SQLite prints them), as a real (NAN for NULL), as an integer (0 for NULL).
 *  Strings live until the next zb_view_next(). */
ZB_EXTERN(zb_cell_type) zb_view_type(const zb_view_rows *it, size_t i);
ZB_EXTERN(const char *) zb_view_text(const zb_view_rows *it, size_t i);
ZB_EXTERN(double) zb_view_real(const zb_view_rows *it, size_t i);
ZB_EXTERN(int64_t) zb_view_int(const zb_view_rows *it, size_t i);
ZB_EXTERN(void) zb_view_rows_free(zb_view_rows *it);

#ifdef __cplusplus
}
#endif
#endif /* ZHIBIAO_H */
