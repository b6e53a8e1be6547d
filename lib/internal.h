/*
 * Private declarations shared by the pipeline stages. Nothing here is installed.
 *
 *   text.c      UTF-8 validation; folding (NFKC, traditional → simplified) with a
 *               byte map back to the caller's bytes
 *   layout.c    lines → paragraphs: continuation markers, broken lines, page furniture
 *   outline.c   headings, review vs plan, sections, sentences, clauses
 *   numeral.c   Arabic and Chinese numerals
 *   quantity.c  units, magnitudes, comparators, ranges, ranks, non-quantities
 *   attribute.c measure, sign, cmp, year and kind, sector of each quantity
 *   metric.c    the metric phrase, ellipsis, 分别, the catalog id
 *   parse.c     the driver and the zb_doc handle; scan.c the zb_scan handle
 */
#ifndef ZB_INTERNAL_H
#define ZB_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "tables.h"
#include "zhibiao.h"

#define ZB_UNUSED(x) (void)(x)

/* ---- memory (alloc.c) ---- */

typedef struct zb_mem {
    const zb_allocator *a; /* NULL: libc */
} zb_mem;

void *zb__alloc(const zb_mem *m, size_t size);
void *zb__realloc(const zb_mem *m, void *p, size_t size);
void zb__free(const zb_mem *m, void *p);
char *zb__strndup(const zb_mem *m, const char *s, size_t n);

/* A growable byte buffer; always NUL-terminated once anything was added. */
typedef struct zb_buf {
    char *data;
    size_t len, cap;
} zb_buf;

int zb__buf_grow(const zb_mem *m, zb_buf *b, size_t extra);
int zb__buf_add(const zb_mem *m, zb_buf *b, const char *s, size_t n);
int zb__buf_addc(const zb_mem *m, zb_buf *b, char c);
int zb__buf_printf(const zb_mem *m, zb_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void zb__buf_free(const zb_mem *m, zb_buf *b);

/* A growable array of fixed-size elements. */
typedef struct zb_vec {
    void *data;
    size_t len, cap, size;
} zb_vec;

void *zb__vec_push(const zb_mem *m, zb_vec *v); /* a zeroed new element, NULL on ENOMEM */
void zb__vec_free(const zb_mem *m, zb_vec *v);
#define ZB_VEC_AT(v, type, i) (&((type *)(v).data)[i])

/* An arena for strings that live as long as a handle. */
typedef struct zb_arena_block zb_arena_block;
typedef struct zb_arena {
    zb_arena_block *head;
    size_t used, cap;
} zb_arena;

char *zb__arena_strndup(const zb_mem *m, zb_arena *a, const char *s, size_t n);
void zb__arena_free(const zb_mem *m, zb_arena *a);
/* Forget every string but keep one block for reuse. */
void zb__arena_reset(const zb_mem *m, zb_arena *a);

/* ---- errors (error.c) ---- */

typedef struct zb_err {
    int code;
    char msg[320];
} zb_err;

int zb__err_set(zb_err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *zb__err_msg(const zb_err *e);

/* ---- folded text with a map back (text.c) ---- */

/* Text in folded form. src[i] is the offset, in the caller's bytes, of the
 * character that produced byte i of s; one character may produce several bytes
 * (NFKC expansions) and many characters none (dropped markers). Offsets are 32
 * bits (inputs are limited to ZB_MAX_INPUT): the map is copied with the text,
 * and half the bytes make the whole pipeline faster. */
typedef struct zb_ntext {
    char *s;
    uint32_t *src;
    size_t len, cap;
} zb_ntext;

#define ZB_MAX_INPUT ((size_t)UINT32_MAX - 16)

int zb__ntext_reserve(const zb_mem *m, zb_ntext *t, size_t extra);
/* Append bytes that stand for the original character at `src`. */
int zb__ntext_add(const zb_mem *m, zb_ntext *t, const char *s, size_t n, size_t src);
/* Append t2[from..to) (keeping its map). */
int zb__ntext_append(const zb_mem *m, zb_ntext *t, const zb_ntext *t2, size_t from, size_t to);
void zb__ntext_clear(zb_ntext *t);
void zb__ntext_free(const zb_mem *m, zb_ntext *t);
/* The caller's byte range covering folded bytes [start, end). */
void zb__ntext_span(const zb_ntext *t, const char *orig, size_t orig_len, size_t start,
                    size_t end, size_t *ostart, size_t *oend);

/* Length of the UTF-8 sequence starting with byte c (1 for a stray byte).
 * Inline: it runs on every character of a report. */
static inline size_t zb__utf8_len(unsigned char c) {
    return c < 0x80 ? 1 : c >= 0xF0 && c < 0xF8 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}
/* Decode one character at s[0..n) of validated text; returns its length (>= 1),
 * *cp = -1 when cut off by the end. No utf8proc here: zb__validate() has
 * already judged the bytes, and this runs on every character. */
static inline size_t zb__utf8_decode(const char *s, size_t n, int32_t *cp) {
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    size_t k = zb__utf8_len(u[0]);
    if (k == 1 || k > n) {
        *cp = -1;
        return 1;
    }
    if (k == 2)
        *cp = (int32_t)((u[0] & 0x1F) << 6 | (u[1] & 0x3F));
    else if (k == 3)
        *cp = (int32_t)((u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F));
    else
        *cp = (int32_t)((u[0] & 0x07) << 18 | (u[1] & 0x3F) << 12 | (u[2] & 0x3F) << 6 |
                        (u[3] & 0x3F));
    return k;
}
/* Validate: ZB_OK, or ZB_EUTF8 / ZB_EENCODING with a message naming line and byte. */
int zb__validate(const char *s, size_t n, zb_err *err);
/* Fold orig[start..end) (one line, no '\n') and append it to out. */
int zb__fold_line(const zb_mem *m, zb_ntext *out, const char *orig, size_t start, size_t end);

/* ---- layout (layout.c) ---- */

typedef struct zb_layout {
    const zb_mem *mem;
    const char *orig;
    size_t len;
    size_t pos;        /* next byte to read */
    zb_ntext raw;      /* the current line, folded */
    zb_ntext line;     /* the same, cleaned */
    int emitted;       /* `block` was handed out; clear it on the next call */
    int have_line;     /* `line` is read but not yet placed */
    zb_ntext block;    /* the paragraph being assembled */
    int block_done;    /* it ends a paragraph: the next line starts a new one */
    int block_heading; /* it is a heading or title line */
    size_t max_line;   /* lines longer than this are cut (bounds memory) */
} zb_layout;

void zb__layout_init(zb_layout *l, const zb_mem *m, const char *orig, size_t len);
/* The next repaired paragraph in *out: 1, or 0 at the end, or ZB_ENOMEM. */
int zb__layout_next(zb_layout *l, const zb_ntext **out);
void zb__layout_free(zb_layout *l);

/* Helpers layout and outline share. */
int zb__is_final_punct(uint32_t cp);         /* 。！？；：… and their ASCII forms */
int zb__heading_marker(const char *s, size_t n, int *level, size_t *marker_len);
int zb__is_cjk(uint32_t cp);

/* ---- numerals (numeral.c) ---- */

typedef struct zb_number {
    double value;          /* mant × 10^exp10 */
    uint64_t mant;
    int exp10;
    size_t len;            /* bytes consumed */
    int chinese;           /* written in Chinese numerals */
    int single_digit;      /* one Chinese digit and nothing else (两, 三) */
    int irregular;         /* Chinese digits that do not form a number (十四五) */
    int digit_string;      /* Chinese digits read one by one (二〇二二) */
    int leading_magnitude; /* begins with 十/百/千 (千万头) */
    int ndigits;           /* Chinese digits (not magnitudes) in it */
    int ends_big;          /* ended on 万/亿/万亿, left out of value */
    size_t big_len;        /* bytes of that trailing magnitude */
    int big_exp;           /* its power of ten */
    int int_digits;        /* Arabic: digits before the point */
    int has_point;
    int grouped;           /* Arabic: thousands separators were used */
    int overflow;          /* too large for a double */
} zb_number;

double zb__decimal(uint64_t mant, int exp10);

/* An Arabic number at s[0..n): digits, thousands separators, decimals. */
int zb__arabic(const char *s, size_t n, zb_number *out);
/* A Chinese numeral at s[0..n) (两, 十三, 一百二十, 三千, 零点五, 千万 …). */
int zb__chinese(const char *s, size_t n, zb_number *out);
/* Is the character at s one that can start a Chinese numeral? */
int zb__is_cn_digit(const char *s, size_t n, size_t *len, int *value);
int zb__is_cn_magnitude(const char *s, size_t n, size_t *len, int *exp10);

/* ---- quantities (quantity.c) ---- */

typedef struct zb_qty {
    size_t start, end;      /* surface in folded text: number … trailing comparator */
    size_t num_start;       /* the number proper (after 第, before it 百分之) */
    size_t num_end;         /* after the number and any 多/magnitude */
    size_t unit_end;        /* after the unit */
    size_t before_start;    /* where an adjacent preceding comparator starts (= start if none) */
    double value, value_high, base_value, base_value_high, factor;
    int has_high;
    char unit[48];
    char base_unit[48];
    zb_cmp cmp;
    int cmp_explicit;       /* a comparator word was seen */
    zb_qkind kind;
    int chinese;            /* written in Chinese numerals */
    int single_cn;          /* one Chinese digit, no magnitude */
    unsigned unit_flags;    /* ZB_UF_* of the unit */
    int unit_kind;          /* ZB_UK_*, -1 for none */
    int noun_follows;       /* a noun follows the unit (4个省级湿地公园, 1000亿元失业保险基金) */
    int in_quotes;
    int more;               /* 多 / 余 */
    int mag_exp;            /* power of ten of the magnitude in the unit (万 → 4) */
    int streak;             /* 连续20年: how long, not how much; never an indicator */
} zb_qty;

typedef struct zb_qtys {
    zb_qty *v;
    size_t n, cap;
    size_t overflows;       /* numbers too large for a double, skipped */
} zb_qtys;

/* All quantities of a folded paragraph, in order. */
int zb__recognize(const zb_mem *m, const char *s, size_t n, zb_qtys *out);
void zb__qtys_free(const zb_mem *m, zb_qtys *q);
int zb__qkind_measures(zb_qkind k);
/* A quantity that may become an indicator: measuring, and no streak. */
int zb__indicator_candidate(const zb_qty *q);

/* ---- outline (outline.c) ---- */

typedef struct zb_range {
    size_t start, end;
} zb_range;

typedef struct zb_outline {
    int level_of[5];    /* section index open at each level, -1 for none */
    int current;        /* innermost open section, -1 before any */
    int plan;           /* in the work plan part */
    int plan_year;      /* year named in the plan heading */
    int review_year;    /* year named in the review heading */
    int title_year;     /* year from the title or date line */
    int seen_heading;
} zb_outline;

typedef struct zb_heading {
    int is_heading;
    int level;
    size_t text_end;     /* end of the heading text in the paragraph */
    size_t marker_len;
    int part;            /* +1 plan, -1 review, 0 neither */
    int year;            /* year named in it, 0 for none */
    int is_title;
} zb_heading;

void zb__outline_init(zb_outline *o);
/* Classify the start of a paragraph. */
void zb__heading_of(const char *s, size_t n, zb_heading *h);
/* Sentence ends in s[0..n): ranges appended to `out`. */
int zb__sentences(const zb_mem *m, const char *s, size_t n, zb_vec *out);
/* Sector named by a heading (earliest keyword); -1 when none. */
int zb__sector_of_text(const char *s, size_t n);
/* Sector most words of a passage point to; -1 when none. */
int zb__sector_by_votes(const char *s, size_t n);
/* First 4-digit year written as "YYYY年" in s, or 0. */
int zb__year_in(const char *s, size_t n);

/* ---- attribution (attribute.c, metric.c) ---- */

/* What the attribute stage knows about one paragraph. */
typedef struct zb_para {
    const char *s; /* folded paragraph */
    size_t n;
    const zb_qty *q;
    size_t nq;
    const zb_range *sent; /* sentences */
    size_t nsent;
    int plan;             /* in the work plan part */
    int section_sector;   /* -1 when none */
    int passage_sector;   /* by keyword votes, for text before any heading; -1 none */
    int before_first_heading;
} zb_para;

/* Where a quantity stands: its sentence, clause and list. */
typedef struct zb_qctx {
    size_t sent;
    size_t sent_start, sent_end;
    size_t clause_start, clause_end;
    size_t prev_clause_start; /* the clause before, in the same sentence */
    size_t item_start;        /* after the last 、 in the clause */
    size_t prev_end;          /* end of the previous measuring quantity in the clause */
    long prev_q;              /* its index, -1 for none */
    long next_start;          /* start of the next quantity in the clause, -1 for none */
    int list_cont;            /* only a conjunction since the previous quantity */
    size_t dist_at;           /* 分别 in this clause before the quantity, SIZE_MAX if none */
    int dist_index, dist_count;
    int year;                 /* explicit year earlier in the sentence, 0 for none */
} zb_qctx;

/* One attributed indicator, before strings are copied into the document. */
typedef struct zb_attr {
    size_t qi;   /* index into para->q */
    size_t sent; /* sentence index */
    double value, value_high, base_value;
    int has_high;
    zb_cmp cmp;
    zb_measure measure;
    int year;          /* explicit year, 0 = from the part */
    int year_rel;      /* -1 review (report year - 1), 0 plan (report year) */
    zb_kind kind;
    int kind_fixed;    /* kind decided by the text, not by the part or year */
    int sector;        /* -1: decided when the metric is known */
    char metric[256];
    const char *metric_id; /* "" for none */
    int metric_sector;     /* catalog sector, -1 for none */
} zb_attr;

/* Metric state carried from quantity to quantity within a paragraph. */
typedef struct zb_metric_state {
    char last[256];  /* the last metric */
    size_t last_sent; /* the sentence it was in */
    int last_noun;   /* the last quantity was followed by its noun (7个项目) */
    char topic[256]; /* the same without a trailing generic head */
    char dist[8][128]; /* the metrics of the last 分别 list */
    int dist_n;
    size_t dist_sent;
    zb_measure last_measure;
    int last_sign;   /* -1 after a fall */
    int last_role;   /* predicate role of the last quantity, -1 none */
    char last_unit[48]; /* base unit of the last quantity with a metric */
} zb_metric_state;

/* Attribute every measuring quantity of a paragraph; appends zb_attr to out. */
int zb__attribute(const zb_mem *m, const zb_para *p, zb_vec *out);
/* Context of every quantity (ctx has p->nq elements). */
void zb__contexts(const zb_para *p, zb_qctx *ctx);
/* The metric phrase of quantity qi (metric.c). */
void zb__metric_for(const zb_para *p, const zb_qctx *ctx, size_t qi, zb_metric_state *st,
                    char *out, size_t outsize);
/* The catalog id a metric names, "" for none; its sector in *sector (-1 for none). */
const char *zb__metric_id(const char *metric, int *sector);
/* The same for a quantity of the given kind: a ratio's id never goes to an amount. */
const char *zb__quantity_metric_id(const char *metric, zb_qkind kind, int *sector);
/* The catalog row the earliest alias in metric names (-1 for none), and where. */
int zb__metric_match(const char *metric, size_t *pos, size_t *len);

/* Shortest exact decimal form of v, '.' as the point (emit.c). */
void zb__format_number(double v, char *buf, size_t size);

/* Is the predicate s[i..i+k) really part of a longer noun starting at i (居民,
 * 增加值, 增长率)? Then it is no predicate (attribute.c). */
int zb__inside_word(const char *s, size_t n, size_t i, size_t k);

/* SHA-256 of data as 64 lowercase hex digits (sha256.c). */
void zb__sha256_hex(const void *data, size_t len, char out[65]);

/* Text helpers */
size_t zb__prev_char(const char *s, size_t i); /* start of the character before i */
int zb__is_clause_punct(uint32_t cp);           /* ，,、：:；; etc. */
static inline uint32_t zb__cp_at(const char *s, size_t n, size_t i, size_t *len) {
    int32_t cp;
    size_t k = zb__utf8_decode(s + i, n - i, &cp);
    if (len)
        *len = k;
    return cp < 0 ? 0xFFFD : (uint32_t)cp;
}

#endif
