/*
 * Writers: rows as JSON Lines, a JSON array, TSV or CSV, over a callback.
 * One escaper per format and one number formatter, so the command line tool,
 * the SQLite extension and users' programs print the same bytes. Indicator
 * rows take their columns from the contract's field list (fields.h).
 *
 * Output is gathered in a buffer and handed to the callback in large pieces;
 * text is copied in runs between the bytes that need escaping.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "error.h"
#include "fields.h"
#include "write.h"

#define ZB_WRITE_CHUNK (64u << 10)

/* Where bytes go: a growable buffer (the writer's), or a fixed one that counts
 * what it could not hold (zb_indicator_json, like snprintf). */
typedef struct sink {
    char *buf;
    size_t len, cap;
    int fixed;
    int nomem;
} sink;

/* Room for n more bytes in a growable sink; 0 when it is out of memory. */
static int grow(sink *o, size_t n) {
    if (o->nomem)
        return 0;
    size_t cap = o->cap ? o->cap : 4096;
    while (cap - o->len < n) {
        if (cap > SIZE_MAX / 2) {
            o->nomem = 1;
            return 0;
        }
        cap *= 2;
    }
    char *b = realloc(o->buf, cap);
    if (!b) {
        o->nomem = 1;
        return 0;
    }
    o->buf = b;
    o->cap = cap;
    return 1;
}

static void put_slow(sink *o, const char *s, size_t n) {
    if (o->fixed) {
        if (o->len < o->cap) {
            size_t room = o->cap - o->len - 1;
            memcpy(o->buf + o->len, s, n < room ? n : room);
        }
        o->len += n;
        return;
    }
    if (!grow(o, n))
        return;
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

/* The common case, a growable sink with room, inline: a row is ~30 puts. */
static inline void put(sink *o, const char *s, size_t n) {
    if (!o->fixed && n <= o->cap - o->len) {
        memcpy(o->buf + o->len, s, n);
        o->len += n;
        return;
    }
    put_slow(o, s, n);
}

static void puts_(sink *o, const char *s) { put(o, s, strlen(s)); }

/* ---- numbers ---- */

/* The common figure, an integer or a decimal of up to six places below 10^15
 * (807.84, 80000000000), written without printf: the fewest places k for which
 * m / 10^k is v exactly, m an integer. Each decimal of at most 15 significant
 * digits reads back as the double nearest it (DBL_DIG), and m / 10^k rounds
 * the same way, so this is the string %.15g gives. 0 when v is no such figure
 * (%.15g writes those below 10^-4 with an exponent). */
static size_t format_short(double v, char *buf, size_t size) {
    static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    double a = fabs(v);
    if (size < 24 || !(a < 1e15) || (a < 1e-4 && a != 0) || (v == 0 && signbit(v)))
        return 0;
    for (int k = 0; k <= 6; k++) {
        double t = a * scale[k];
        if (t >= 1e15)
            return 0;
        uint64_t m = (uint64_t)(t + 0.5);
        if ((double)m / scale[k] != a)
            continue;
        char digits[24], *p = digits + sizeof digits;
        int n = 0;
        do {
            *--p = (char)('0' + m % 10);
            m /= 10;
            n++;
        } while (m || n <= k); /* a leading 0 before the point: 0.05 */
        size_t len = 0;
        if (v < 0)
            buf[len++] = '-';
        int whole = n - k;
        memcpy(buf + len, p, (size_t)whole);
        len += (size_t)whole;
        if (k) {
            buf[len++] = '.';
            memcpy(buf + len, p + whole, (size_t)k);
            len += (size_t)k;
        }
        buf[len] = 0;
        return len;
    }
    return 0;
}

void zb__format_number(double v, char *buf, size_t size) {
    if (!isfinite(v)) {
        snprintf(buf, size, "null");
        return;
    }
    if (format_short(v, buf, size))
        return;
    /* the shortest of %.15g and %.17g that reads back exactly; '.' whatever
     * the locale, since a locale may write ',' */
    snprintf(buf, size, "%.15g", v);
    for (char *p = buf; *p; p++)
        if (*p == ',')
            *p = '.';
    if (strtod(buf, NULL) != v) {
        snprintf(buf, size, "%.17g", v);
        for (char *p = buf; *p; p++)
            if (*p == ',')
                *p = '.';
    }
}

static void put_int(sink *o, int64_t v) {
    char b[24], *p = b + sizeof b;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    put(o, p, (size_t)(b + sizeof b - p));
}

static void put_real(sink *o, double v) {
    char num[40];
    zb__format_number(v, num, sizeof num);
    puts_(o, num);
}

/* ---- escapers ---- */

/* Bytes a JSON string cannot hold as they are: controls, '"', '\\'. */
static const unsigned char json_escaped[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, ['\\'] = 1,
};

/* Does any of the eight bytes at p need escaping? (Bit tricks for "has a
 * byte below n" and "has a zero byte", exact for n <= 128.) */
static inline int needs_escape8(const unsigned char *p) {
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t x, q, b;
    memcpy(&x, p, 8);
    q = x ^ (ones * '"');
    b = x ^ (ones * '\\');
    return (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high ? 1 : 0;
}

#ifdef __SSE2__
/* The same for sixteen bytes (SSE2 is in every x86-64): c < 0x20 is
 * max(c, 0x1F) == 0x1F, unsigned. */
static inline int needs_escape16(const unsigned char *p) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i ctl = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
    __m128i q = _mm_cmpeq_epi8(x, _mm_set1_epi8('"'));
    __m128i b = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
    return _mm_movemask_epi8(_mm_or_si128(ctl, _mm_or_si128(q, b))) != 0;
}
#endif

static void put_json_string(sink *o, const char *s) {
    static const char hex[] = "0123456789abcdef";
    put(o, "\"", 1);
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end = p + strlen(s);
    for (;;) {
        const unsigned char *run = p;
        /* eight bytes at a time while none is below 0x20, '"' or '\\' (the
         * text is mostly Chinese, which never needs escaping) */
#ifdef __SSE2__
        while (end - p >= 16 && !needs_escape16(p))
            p += 16;
#endif
        while (end - p >= 8 && !needs_escape8(p))
            p += 8;
        while (*p && !json_escaped[*p])
            p++;
        put(o, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        if (*p == '"' || *p == '\\') {
            char esc[2] = {'\\', (char)*p};
            put(o, esc, 2);
        } else if (*p == '\n') {
            put(o, "\\n", 2);
        } else if (*p == '\t') {
            put(o, "\\t", 2);
        } else {
            char esc[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
            put(o, esc, 6);
        }
        p++;
    }
    put(o, "\"", 1);
}

/* RFC 4180: quoted when it holds a comma, a quote or a line break. */
static void put_csv_string(sink *o, const char *s) {
    if (!strpbrk(s, ",\"\r\n")) {
        puts_(o, s);
        return;
    }
    put(o, "\"", 1);
    for (const char *q; (q = strchr(s, '"')); s = q + 1)
        put(o, s, (size_t)(q - s + 1)), put(o, "\"", 1);
    puts_(o, s);
    put(o, "\"", 1);
}

/* A TSV cell has no tabs or line breaks: they become spaces. */
static void put_tsv_string(sink *o, const char *s) {
    const char *run = s;
    for (const char *p = s; *p; p++) {
        if (*p != '\t' && *p != '\n' && *p != '\r')
            continue;
        put(o, run, (size_t)(p - run));
        put(o, " ", 1);
        run = p + 1;
    }
    puts_(o, run);
}

/* ---- the writer ---- */

struct zb_writer {
    zb_format format;
    unsigned flags;
    zb_write_fn fn;
    void *ctx;
    zb_err err;
    sink out;
    const char *const *cols; /* column names */
    const char *const *keys; /* the same as JSON keys with their colon; NULL: escape cols */
    const char **own_cols;   /* rows of one's own: the columns, copies in `names` */
    char *names;
    size_t ncols;
    int indicators;  /* the columns are the contract's fields (after the document's) */
    size_t col;      /* cells written in the current row */
    size_t rows;
    int started;     /* the header (TSV, CSV) or '[' (JSON) is out */
    int status;      /* the first failure; every later call returns it */
};

#define ZB_FIELD_NAME(name, type, names, sql) #name,
static const char *const field_cols[] = {ZB_FIELDS(ZB_FIELD_NAME)};
static const char *const document_field_cols[] = {"document_id", "region", "report_year",
                                                  ZB_FIELDS(ZB_FIELD_NAME)};
/* The same as JSON keys, written once here rather than escaped per cell (the
 * names are plain ASCII identifiers) */
#define ZB_FIELD_KEY(name, type, names, sql) "\"" #name "\":",
static const char *const field_keys[] = {ZB_FIELDS(ZB_FIELD_KEY)};
static const char *const document_field_keys[] = {"\"document_id\":", "\"region\":",
                                                  "\"report_year\":", ZB_FIELDS(ZB_FIELD_KEY)};

static int fail(zb_writer *w, int code, const char *what) {
    if (!w->status)
        w->status = zb__err_set(&w->err, code, "%s", what);
    return w->status;
}

static int flush(zb_writer *w) {
    if (w->out.nomem)
        return fail(w, ZB_ENOMEM, "out of memory while writing");
    if (w->out.len && w->fn(w->ctx, w->out.buf, w->out.len) != 0)
        return fail(w, ZB_EIO, "the output could not be written");
    w->out.len = 0;
    return ZB_OK;
}

static void set_indicator_columns(zb_writer *w) {
    int doc = (w->flags & ZB_WRITER_DOCUMENT) != 0;
    w->cols = doc ? document_field_cols : field_cols;
    w->keys = doc ? document_field_keys : field_keys;
    w->ncols = doc ? sizeof document_field_cols / sizeof *document_field_cols
                   : sizeof field_cols / sizeof *field_cols;
    w->indicators = 1;
}

int zb_writer_new(zb_writer **out, zb_format format, unsigned flags, zb_write_fn fn, void *ctx) {
    if (!out)
        return ZB_EINVAL;
    *out = NULL;
    if (!fn || (unsigned)format > ZB_FORMAT_CSV)
        return ZB_EINVAL;
    zb_writer *w = calloc(1, sizeof *w);
    if (!w)
        return ZB_ENOMEM;
    w->format = format;
    w->flags = flags;
    w->fn = fn;
    w->ctx = ctx;
    set_indicator_columns(w);
    *out = w;
    return ZB_OK;
}

int zb_writer_columns(zb_writer *w, size_t n, const char *const *names) {
    if (!w || !n || !names)
        return ZB_EINVAL;
    if (w->status)
        return w->status;
    if (w->started)
        return fail(w, ZB_EINVAL, "zb_writer_columns: rows were already written");
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += strlen(names[i] ? names[i] : "") + 1;
    const char **cols = malloc(n * sizeof *cols);
    char *copy = malloc(bytes);
    if (!cols || !copy) {
        free(cols);
        free(copy);
        return fail(w, ZB_ENOMEM, "out of memory");
    }
    char *p = copy;
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(names[i] ? names[i] : "") + 1;
        memcpy(p, names[i] ? names[i] : "", k);
        cols[i] = p;
        p += k;
    }
    free(w->own_cols);
    free(w->names);
    w->cols = w->own_cols = cols;
    w->names = copy;
    w->ncols = n;
    w->indicators = 0;
    w->keys = NULL;
    return ZB_OK;
}

static void start(zb_writer *w) {
    if (w->started)
        return;
    w->started = 1;
    sink *o = &w->out;
    if (w->format == ZB_FORMAT_JSON) {
        put(o, "[", 1);
        return;
    }
    if (w->format != ZB_FORMAT_TSV && w->format != ZB_FORMAT_CSV)
        return;
    if (w->format == ZB_FORMAT_CSV && (w->flags & ZB_WRITER_BOM))
        puts_(o, "\xEF\xBB\xBF");
    for (size_t i = 0; i < w->ncols; i++) {
        if (i)
            put(o, w->format == ZB_FORMAT_CSV ? "," : "\t", 1);
        if (w->format == ZB_FORMAT_CSV)
            put_csv_string(o, w->cols[i]);
        else
            put_tsv_string(o, w->cols[i]);
    }
    puts_(o, w->format == ZB_FORMAT_CSV ? "\r\n" : "\n");
}

/* A JSON row's opening: '{', after the array's separator in JSON. */
static void json_row_open(zb_writer *w) {
    if (w->format == ZB_FORMAT_JSON)
        puts_(&w->out, w->rows ? ",\n {" : "\n {");
    else
        put(&w->out, "{", 1);
}

/* Before a cell: the row's opening, the separator, the JSON key. */
static int cell(zb_writer *w) {
    if (w->status)
        return w->status;
    if (w->col >= w->ncols)
        return fail(w, ZB_EINVAL, "a row has more cells than the writer has columns");
    start(w);
    sink *o = &w->out;
    int json = w->format == ZB_FORMAT_JSON || w->format == ZB_FORMAT_JSONL;
    if (w->col == 0 && json)
        json_row_open(w);
    else if (w->col)
        put(o, json ? "," : w->format == ZB_FORMAT_CSV ? "," : "\t", 1);
    if (json) {
        if (w->keys) {
            puts_(o, w->keys[w->col]);
        } else {
            put_json_string(o, w->cols[w->col]);
            put(o, ":", 1);
        }
    }
    w->col++;
    return ZB_OK;
}

int zb_writer_text(zb_writer *w, const char *s) {
    if (!w)
        return ZB_EINVAL;
    if (!s)
        return zb_writer_null(w);
    int rc = cell(w);
    if (rc)
        return rc;
    if (w->format == ZB_FORMAT_CSV)
        put_csv_string(&w->out, s);
    else if (w->format == ZB_FORMAT_TSV)
        put_tsv_string(&w->out, s);
    else
        put_json_string(&w->out, s);
    return ZB_OK;
}

int zb_writer_int(zb_writer *w, int64_t v) {
    if (!w)
        return ZB_EINVAL;
    int rc = cell(w);
    if (rc)
        return rc;
    put_int(&w->out, v);
    return ZB_OK;
}

int zb_writer_real(zb_writer *w, double v) {
    if (!w)
        return ZB_EINVAL;
    if (!isfinite(v))
        return zb_writer_null(w);
    int rc = cell(w);
    if (rc)
        return rc;
    put_real(&w->out, v);
    return ZB_OK;
}

int zb_writer_bool(zb_writer *w, int v) {
    if (!w)
        return ZB_EINVAL;
    int rc = cell(w);
    if (rc)
        return rc;
    puts_(&w->out, v ? "true" : "false");
    return ZB_OK;
}

int zb_writer_null(zb_writer *w) {
    if (!w)
        return ZB_EINVAL;
    int rc = cell(w);
    if (rc)
        return rc;
    if (w->format == ZB_FORMAT_JSON || w->format == ZB_FORMAT_JSONL)
        puts_(&w->out, "null");
    return ZB_OK;
}

int zb_writer_end_row(zb_writer *w) {
    if (!w)
        return ZB_EINVAL;
    if (w->status)
        return w->status;
    if (w->col != w->ncols)
        return fail(w, ZB_EINVAL, "a row has fewer cells than the writer has columns");
    sink *o = &w->out;
    switch (w->format) {
    case ZB_FORMAT_JSONL: put(o, "}\n", 2); break;
    case ZB_FORMAT_JSON: put(o, "}", 1); break;
    case ZB_FORMAT_CSV: put(o, "\r\n", 2); break;
    case ZB_FORMAT_TSV: put(o, "\n", 1); break;
    }
    w->col = 0;
    w->rows++;
    return w->out.len >= ZB_WRITE_CHUNK && !w->out.fixed ? flush(w) : ZB_OK;
}

/* An indicator's fields as the members of a JSON object, after its '{'. The CLI writes
 * these by the million, so the code is made from the field list field by
 * field (constant offsets and key lengths, no dispatch on a type at run time);
 * each type's value is written as field_cell() writes it. */
static inline void put_key(sink *o, int *more, const char *key, size_t n) {
    size_t skip = !*more; /* the comma */
    *more = 1;
    put(o, key + skip, n - skip);
}

static inline void json_null(sink *o) { put(o, "null", 4); }
static inline void json_SIZE(sink *o, const zb_indicator *ind, size_t v, const zb_names *t) {
    (void)ind, (void)t;
    put_int(o, (int64_t)v);
}
static inline void json_TEXT(sink *o, const zb_indicator *ind, const char *v, const zb_names *t) {
    (void)ind, (void)t;
    put_json_string(o, v ? v : "");
}
static inline void json_TEXTQ(sink *o, const zb_indicator *ind, const char *v, const zb_names *t) {
    ind->qualitative ? json_null(o) : json_TEXT(o, ind, v, t);
}
static inline void json_ID(sink *o, const zb_indicator *ind, const char *v, const zb_names *t) {
    json_TEXT(o, ind, v, t);
}
static inline void json_OTEXT(sink *o, const zb_indicator *ind, const char *v, const zb_names *t) {
    v ? json_TEXT(o, ind, v, t) : json_null(o);
}
static inline void json_REAL(sink *o, const zb_indicator *ind, double v, const zb_names *t) {
    (void)ind, (void)t;
    isnan(v) ? json_null(o) : put_real(o, v);
}
static inline void json_REALQ(sink *o, const zb_indicator *ind, double v, const zb_names *t) {
    ind->qualitative ? json_null(o) : json_REAL(o, ind, v, t);
}
static inline void json_YEAR(sink *o, const zb_indicator *ind, int v, const zb_names *t) {
    (void)ind, (void)t;
    v ? put_int(o, v) : json_null(o);
}
static inline void json_BOOL(sink *o, const zb_indicator *ind, int v, const zb_names *t) {
    (void)ind, (void)t;
    v ? put(o, "true", 4) : put(o, "false", 5);
}
static inline void json_ENUM(sink *o, const zb_indicator *ind, int v, const zb_names *t) {
    json_TEXT(o, ind, zb__name(t, v), NULL);
}

#define ZB_FIELD_JSON(name, type, names, sql)                                           \
    put_key(o, &more, ",\"" #name "\":", sizeof ",\"" #name "\":" - 1);                  \
    json_##type(o, ind, ind->name, ZB_NAMES_##names);

static void put_json_fields(sink *o, const zb_indicator *ind) {
    int more = 0; /* a member was written: the next needs its comma */
    ZB_FIELDS(ZB_FIELD_JSON)
}

/* One field of an indicator as a cell (or its JSON value into a sink). */
static int field_cell(zb_writer *w, const zb_field *f, const zb_indicator *ind) {
    if (zb__field_is_null(f, ind))
        return zb_writer_null(w);
    switch (f->type) {
    case ZB_FT_SIZE:
    case ZB_FT_YEAR: return zb_writer_int(w, zb__field_int(f, ind));
    case ZB_FT_BOOL: return zb_writer_bool(w, (int)zb__field_int(f, ind));
    case ZB_FT_REAL: return zb_writer_real(w, zb__field_real(f, ind));
    default: return zb_writer_text(w, zb__field_text(f, ind));
    }
}

int zb_writer_indicator(zb_writer *w, const zb_indicator *ind, const zb_source *doc) {
    if (!w || !ind)
        return ZB_EINVAL;
    if (w->status)
        return w->status;
    if (!w->indicators)
        return fail(w, ZB_EINVAL, "zb_writer_indicator: the writer has columns of its own");
    if (w->col)
        return fail(w, ZB_EINVAL, "zb_writer_indicator: a row is half written");
    int rc = ZB_OK;
    int json = w->format == ZB_FORMAT_JSON || w->format == ZB_FORMAT_JSONL;
    if (json && !(w->flags & ZB_WRITER_DOCUMENT)) {
        start(w);
        json_row_open(w);
        put_json_fields(&w->out, ind);
        w->col = w->ncols;
        return zb_writer_end_row(w);
    }
    if (w->flags & ZB_WRITER_DOCUMENT) {
        zb_source none = {0, "", 0};
        if (!doc)
            doc = &none;
        rc = zb_writer_int(w, doc->document_id);
        if (!rc)
            rc = zb_writer_text(w, doc->region ? doc->region : "");
        if (!rc)
            rc = doc->report_year ? zb_writer_int(w, doc->report_year) : zb_writer_null(w);
    }
    for (size_t i = 0; i < zb__field_count && !rc; i++)
        rc = field_cell(w, &zb__fields[i], ind);
    return rc ? rc : zb_writer_end_row(w);
}

int zb_writer_finish(zb_writer *w) {
    if (!w)
        return ZB_EINVAL;
    if (w->status)
        return w->status;
    if (w->col)
        return fail(w, ZB_EINVAL, "zb_writer_finish: the last row is half written");
    start(w);
    if (w->format == ZB_FORMAT_JSON)
        puts_(&w->out, w->rows ? "\n]\n" : "]\n");
    return flush(w);
}

const char *zb_writer_errmsg(const zb_writer *w) {
    return w ? zb__err_msg(&w->err) : zb_strerror(ZB_ENOMEM);
}

void zb_writer_free(zb_writer *w) {
    if (!w)
        return;
    free(w->out.buf);
    free(w->own_cols);
    free(w->names);
    free(w);
}

int zb_format_from_name(zb_format *out, const char *name) {
    static const char *const names[] = {[ZB_FORMAT_JSONL] = "jsonl", [ZB_FORMAT_JSON] = "json",
                                        [ZB_FORMAT_TSV] = "tsv", [ZB_FORMAT_CSV] = "csv"};
    for (int i = 0; name && i < (int)(sizeof names / sizeof *names); i++)
        if (strcmp(names[i], name) == 0) {
            if (out)
                *out = (zb_format)i;
            return ZB_OK;
        }
    return ZB_EINVAL;
}

/* ---- one indicator as a JSON object, into the caller's buffer ---- */

size_t zb_indicator_json(const zb_indicator *ind, char *buf, size_t size) {
    if (!ind) {
        if (size)
            buf[0] = 0;
        return 0;
    }
    /* a JSON Lines writer over the caller's buffer, less the line's end */
    zb_writer w = {.format = ZB_FORMAT_JSONL, .out = {buf, 0, size, 1, 0}, .started = 1};
    set_indicator_columns(&w);
    zb_writer_indicator(&w, ind, NULL);
    size_t len = w.out.len - 1;
    if (size)
        buf[len < size ? len : size - 1] = 0;
    return len;
}
