/*
 * The driver: bytes → paragraphs → outline → quantities → indicators, and the
 * zb_doc handle that owns the result.
 *
 * Paragraphs are processed one at a time and forgotten, so memory is the
 * indicators plus one paragraph. The report year is often known only at the
 * plan heading near the end (二、2022年工作安排), so years and kinds are
 * settled in one pass over the indicators at the end.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ahead.h"
#include "attribute.h"
#include "chars.h"
#include "layout.h"
#include "outline.h"
#include "parse.h"
#include "region.h"
#include "scope.h"
#include "tables.h"

typedef struct ind_rec {
    zb_indicator pub;
    int year_explicit; /* 0 = from the part */
    int year_rel;      /* -1 review, 0 plan */
    int year_none;     /* no year at all */
    int year_from_rel, has_from_rel;
    int kind_fixed;
} ind_rec;

struct zb_doc {
    zb_mem mem;
    zb_allocator alloc; /* a copy: the caller's struct need not outlive the call */
    zb_err err;
    zb_arena arena;   /* what lives as long as the document: title, sections */
    zb_arena rows;    /* the strings of indicators and sentences */
    zb_vec inds;      /* ind_rec */
    zb_outline outline; /* its sections */
    zb_vec sentences; /* zb_sentence */
    int report_year;
    const char *title;
    const char *region;
    const char *region_code;
    size_t overflows;
};

/* Everything one parse carries from paragraph to paragraph. */
typedef struct run {
    zb_doc *doc;
    zb_indicator_fn each; /* streaming: hand rows out per paragraph, keep none */
    void *each_ctx;
    zb__paragraph_fn para; /* streaming to the store: a paragraph's rows and sentences */
    void *para_ctx;
    int each_rc;          /* what the callback returned to stop us */
    const char *orig;
    size_t len;
    unsigned flags;
    zb_region_reader regions; /* whose report it is */
    zb_scope scope; /* the time scope of the passage being read */
    zb_qtys qtys;
    zb_vec sents; /* zb_range */
    zb_vec attrs; /* zb_attr */
    const size_t *pages; /* where the text's pages start (the options'), or NULL */
    size_t npages;
} run;

/* The 1-based page of byte `at`: how many pages start at or before it. */
static int page_of(const run *r, size_t at) {
    size_t lo = 0, hi = r->npages;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->pages[mid] <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > INT_MAX ? INT_MAX : (int)lo;
}

static const zb_mem *mem_of(const zb_doc *d) { return &d->mem; }

static char *keep(zb_doc *d, const char *s, size_t n) {
    return zb__arena_strndup(mem_of(d), &d->arena, s, n);
}

static char *keep_row(zb_doc *d, const char *s, size_t n) {
    return zb__arena_strndup(mem_of(d), &d->rows, s, n);
}

static int add_sentence(run *r, const zb_ntext *b, const zb_range *sr, int section,
                        size_t *index) {
    zb_doc *d = r->doc;
    zb_sentence *st = zb__vec_push(mem_of(d), &d->sentences);
    if (!st)
        return ZB_ENOMEM;
    size_t lo = sr->start, hi = sr->end;
    while (lo < hi && b->s[lo] == ' ')
        lo++;
    while (hi > lo && b->s[hi - 1] == ' ')
        hi--;
    st->text = keep_row(d, b->s + lo, hi - lo);
    if (!st->text)
        return ZB_ENOMEM;
    zb__ntext_span(b, r->orig, r->len, lo, hi, &st->span_start, &st->span_end);
    st->section_index = section >= 0 ? (size_t)section : SIZE_MAX;
    *index = d->sentences.len - 1;
    return ZB_OK;
}

/* A sentence longer than this is layout debris (a page without punctuation, a
 * list of thousands of figures): its indicators get windows of the text
 * instead, so that output stays linear in the input. A window is shared: made
 * for the first figure it must hold, from ZB_WINDOW before that figure to
 * 3 * ZB_WINDOW after, it serves every later figure inside its middle part
 * (its core), so each figure keeps ZB_WINDOW of context on both sides and the
 * windows of a sentence add up to about twice its length — not ZB_WINDOW * 2
 * per figure, which made a list of 10^5 figures a database 240 times its size. */
#define ZB_MAX_SENTENCE 4096u
#define ZB_WINDOW 240u

static zb_range window_around(const zb_ntext *b, const zb_range *sent, size_t start,
                              size_t end) {
    zb_range w = {start > sent->start + ZB_WINDOW ? start - ZB_WINDOW : sent->start,
                  end + ZB_WINDOW < sent->end ? end + ZB_WINDOW : sent->end};
    while (w.start > sent->start && ((unsigned char)b->s[w.start] & 0xC0) == 0x80)
        w.start--;
    while (w.end < sent->end && ((unsigned char)b->s[w.end] & 0xC0) == 0x80)
        w.end++;
    return w;
}

/* Does the entity name the report's own region, as the title block names it
 * up to this paragraph (成都地区生产总值 in 成都市政府工作报告丨…)? Then the
 * figure is the region's (contract §4b). A whole parse and a streaming one
 * decide alike: both know only the paragraphs read so far. */
static int own_region(const run *r, const char *entity) {
    const zb_region_row *row;
    char why[8];
    return entity[0] && r->regions.named >= 0 &&
           zb__region_find(entity, &row, why, sizeof why) == ZB_OK &&
           row == &zb__region_rows[r->regions.named];
}

static int add_indicators(run *r, const zb_ntext *b, const zb_para *p) {
    zb_doc *d = r->doc;
    const zb_mem *m = mem_of(d);
    int section = zb__outline_section(&d->outline);
    const char *section_title =
        section >= 0 ? ZB_VEC_AT(d->outline.sections, zb_section, (size_t)section)->title : "";
    size_t sent_index = SIZE_MAX, sent_of = SIZE_MAX;
    size_t win_index = SIZE_MAX, win_of = SIZE_MAX; /* the window in use, of sentence win_of */
    zb_range core = {0, 0};
    /* all sentences, when asked for */
    size_t first_sentence = d->sentences.len;
    if (r->flags & ZB_PARSE_ALL_SENTENCES)
        for (size_t i = 0; i < p->nsent; i++) {
            size_t idx;
            if (add_sentence(r, b, &p->sent[i], section, &idx))
                return ZB_ENOMEM;
        }
    for (size_t i = 0; i < r->attrs.len; i++) {
        const zb_attr *a = ZB_VEC_AT(r->attrs, zb_attr, i);
        /* a qualitative row (a goal without a number) spans its words */
        const zb_qty *q = a->qi == SIZE_MAX ? NULL : &p->q[a->qi];
        size_t start = q ? q->start : a->qual_start, end = q ? q->end : a->qual_end;
        ind_rec *rec = zb__vec_push(m, &d->inds);
        if (!rec)
            return ZB_ENOMEM;
        zb_indicator *ind = &rec->pub;
        zb__ntext_span_tight(b, r->orig, r->len, start, end, &ind->span_start, &ind->span_end);
        ind->surface = keep_row(d, r->orig + ind->span_start, ind->span_end - ind->span_start);
        ind->value = a->value;
        ind->value_high = a->has_high ? a->value_high : NAN;
        ind->unit = q ? keep_row(d, q->unit, strlen(q->unit)) : "";
        ind->base_value = a->base_value;
        ind->base_unit = q ? keep_row(d, q->base_unit, strlen(q->base_unit)) : "";
        ind->cmp = a->cmp;
        ind->kind = a->kind;
        ind->measure = a->measure;
        ind->metric = keep_row(d, a->metric, strlen(a->metric));
        ind->metric_id = a->metric_id;
        ind->sector = (zb_sector)a->sector;
        ind->section = section_title;
        ind->section_index = section >= 0 ? (size_t)section : SIZE_MAX;
        ind->period = a->period;
        ind->year_from = a->year_from;
        ind->entity = own_region(r, a->entity) ? "" : keep_row(d, a->entity, strlen(a->entity));
        ind->commitment = a->commitment;
        ind->estimate = a->estimate;
        ind->qualitative = q ? NULL : keep_row(d, b->s + start, end - start);
        ind->page = page_of(r, ind->span_start);
        if (!ind->entity || (!q && !ind->qualitative))
            return ZB_ENOMEM;
        if (!ind->surface || !ind->unit || !ind->base_unit || !ind->metric)
            return ZB_ENOMEM;
        const zb_range *sr = &p->sent[a->sent];
        if (sr->end - sr->start > ZB_MAX_SENTENCE) {
            if (win_of != a->sent || start < core.start || end > core.end) {
                core.start = start;
                core.end = start + 2 * ZB_WINDOW < sr->end ? start + 2 * ZB_WINDOW : sr->end;
                if (core.end < end)
                    core.end = end;
                zb_range w = window_around(b, sr, core.start, core.end);
                if (add_sentence(r, b, &w, section, &win_index))
                    return ZB_ENOMEM;
                win_of = a->sent;
            }
            sent_index = win_index;
            sent_of = SIZE_MAX;
        } else if (r->flags & ZB_PARSE_ALL_SENTENCES) {
            sent_index = first_sentence + a->sent;
        } else if (sent_of != a->sent) {
            if (add_sentence(r, b, &p->sent[a->sent], section, &sent_index))
                return ZB_ENOMEM;
            sent_of = a->sent;
        }
        ind->sentence_index = sent_index;
        rec->year_explicit = a->year;
        rec->year_rel = a->year_rel;
        rec->year_none = a->year_none;
        rec->year_from_rel = a->year_from_rel;
        rec->has_from_rel = a->has_from_rel;
        rec->kind_fixed = a->kind_fixed;
    }
    return ZB_OK;
}

static int hand_out(run *r);

static int process_block(run *r, const zb_ntext *b) {
    zb_doc *d = r->doc;
    const zb_mem *m = mem_of(d);
    int before_first = !d->outline.seen_heading;
    zb_heading h;
    if (zb__outline_paragraph(&d->outline, b, r->orig, r->len, &h))
        return ZB_ENOMEM;
    if (h.is_title && !d->title) {
        d->title = keep(d, b->s, zb__trim_end(b->s, h.text_end));
        if (!d->title)
            return ZB_ENOMEM;
    }
    if (h.is_heading)
        before_first = 0;
    zb__scope_paragraph(&r->scope, b->s, b->len, &h, d->outline.plan);
    /* a report names its region in its title block and its province early and
     * often: its first 16 KB decide */
    zb__region_read(&r->regions, b->s, b->len);
    r->sents.len = 0;
    r->attrs.len = 0;
    if (zb__sentences(m, b->s, b->len, &r->sents))
        return ZB_ENOMEM;
    int plan = d->outline.plan;
    size_t plan_from =
        zb__outline_plan_start(&d->outline, b->s, b->len, r->sents.data, r->sents.len);
    size_t goals_from =
        zb__outline_goals(&d->outline, b->s, b->len, r->sents.data, r->sents.len, &h);
    if (zb__recognize(m, b->s, b->len, &r->qtys))
        return ZB_ENOMEM;
    d->overflows += r->qtys.overflows;
    zb_para p = {
        .s = b->s,
        .n = b->len,
        .q = r->qtys.v,
        .nq = r->qtys.n,
        .sent = r->sents.data,
        .nsent = r->sents.len,
        .plan = plan,
        .plan_from = plan_from,
        .goals_from = goals_from,
        .section_sector = zb__outline_sector(&d->outline),
        .passage_sector = before_first || d->outline.news ? zb__sector_by_votes(b->s, b->len) : -1,
        .before_first_heading = before_first || d->outline.news,
        .scope = &r->scope,
    };
    if (zb__attribute(m, &p, &r->attrs))
        return ZB_ENOMEM;
    if (!r->attrs.len && !(r->flags & ZB_PARSE_ALL_SENTENCES))
        return ZB_OK;
    int rc = add_indicators(r, b, &p);
    if (rc == ZB_OK && (r->each || r->para))
        rc = hand_out(r);
    return rc;
}

/* An indicator's year and kind, once the report year is known. */
static void settle_one(const zb_doc *d, ind_rec *rec, int ry) {
    zb_indicator *ind = &rec->pub;
    if (rec->year_explicit) {
        ind->year = rec->year_explicit;
        if (!rec->kind_fixed && ry)
            ind->kind = ind->year >= ry ? ZB_KIND_TARGET : ZB_KIND_ACHIEVED;
    } else {
        ind->year = ry ? ry + rec->year_rel : 0;
    }
    if (rec->year_none)
        ind->year = 0;
    /* a commitment is a target's, an estimate a result's (INDICATORS.md §1) */
    if (ind->kind != ZB_KIND_TARGET)
        ind->commitment = ZB_COMMIT_PLAIN;
    else
        ind->estimate = 0;
    if (!ind->year_from && rec->has_from_rel && ry)
        ind->year_from = ry + rec->year_from_rel;
    ind->sentence = ZB_VEC_AT(d->sentences, zb_sentence, ind->sentence_index)->text;
}

/* Settle the report year, then every indicator's year and kind, and the region. */
static void settle(run *r) {
    zb_doc *d = r->doc;
    for (size_t i = 0; i < d->inds.len; i++)
        settle_one(d, ZB_VEC_AT(d->inds, ind_rec, i), d->report_year);
    const zb_region_row *region = zb__region_decide(&r->regions);
    d->region = region ? region->name : "";
    d->region_code = region ? region->code : "";
}

/* Streaming: hand this paragraph's rows to the callback and forget them. */
static int hand_out(run *r) {
    zb_doc *d = r->doc;
    int rc = ZB_OK;
    if (r->para) {
        for (size_t i = 0; i < d->inds.len; i++)
            settle_one(d, ZB_VEC_AT(d->inds, ind_rec, i), d->report_year);
        rc = r->para(r->para_ctx, d);
    }
    for (size_t i = 0; i < d->inds.len && r->each && !rc; i++) {
        ind_rec *rec = ZB_VEC_AT(d->inds, ind_rec, i);
        settle_one(d, rec, d->report_year);
        rec->pub.sentence_index = SIZE_MAX; /* sentences are not kept either */
        rc = r->each(r->each_ctx, &rec->pub);
    }
    /* forgotten even when the callback stops the parse: the handle of a
     * streaming parse holds no rows */
    d->inds.len = 0;
    d->sentences.len = 0;
    zb__arena_reset(mem_of(d), &d->rows);
    r->each_rc = rc;
    return rc;
}

static zb_doc *doc_new(const zb_parse_options *opts) {
    const zb_allocator *a = opts ? opts->allocator : NULL;
    zb_mem tmp = {a};
    zb_doc *d = zb__alloc(&tmp, sizeof *d);
    if (!d)
        return NULL;
    memset(d, 0, sizeof *d);
    if (a) {
        d->alloc = *a;
        d->mem.a = &d->alloc;
    }
    d->inds.size = sizeof(ind_rec);
    zb__outline_init(&d->outline, &d->mem, &d->arena);
    d->sentences.size = sizeof(zb_sentence);
    d->title = NULL;
    return d;
}

static int parse_impl(zb_doc **out, const char *text, size_t len, const zb_parse_options *opts,
                      zb_indicator_fn each, void *each_ctx, zb__paragraph_fn para,
                      void *para_ctx) {
    if (!out)
        return ZB_EINVAL;
    *out = NULL;
    zb_doc *d = doc_new(opts);
    if (!d)
        return ZB_ENOMEM;
    *out = d;
    zb_parse_options o;
    if (zb__parse_options_read(&o, opts))
        return zb__err_set(&d->err, ZB_EINVAL, "unknown zb_parse_options version %u",
                           opts->version);
    if (!text && len)
        return zb__err_set(&d->err, ZB_EINVAL, "text is NULL but len is %zu", len);
    if (o.report_year && (o.report_year < 1949 || o.report_year > 2200))
        return zb__err_set(&d->err, ZB_EINVAL, "report year %d is out of range 1949-2200",
                           o.report_year);
    if (o.page_count && !o.pages)
        return zb__err_set(&d->err, ZB_EINVAL, "pages is NULL but page_count is %zu",
                           o.page_count);
    for (size_t i = 1; i < o.page_count; i++)
        if (o.pages[i] < o.pages[i - 1])
            return zb__err_set(&d->err, ZB_EINVAL, "page %zu starts at byte %zu, before page "
                               "%zu (at %zu): page starts must ascend", i + 1, o.pages[i], i,
                               o.pages[i - 1]);
    if (!text)
        text = "";
    int rc = zb__validate(text, len, &d->err);
    if (rc)
        return rc;
    run r;
    memset(&r, 0, sizeof r);
    r.doc = d;
    r.each = each;
    r.each_ctx = each_ctx;
    r.para = para;
    r.para_ctx = para_ctx;
    r.orig = text;
    r.len = len;
    r.flags = o.flags;
    r.pages = o.pages;
    r.npages = o.page_count;
    r.sents.size = sizeof(zb_range);
    r.attrs.size = sizeof(zb_attr);
    zb__region_reader_init(&r.regions);
    d->report_year = o.report_year;
    if (!d->report_year && zb__report_year(mem_of(d), text, len, &d->report_year) != ZB_OK)
        return zb__err_set(&d->err, ZB_ENOMEM, "out of memory while parsing");
    d->outline.report_year = d->report_year;
    zb__scope_init(&r.scope, d->report_year);
    zb_layout l;
    zb__layout_init(&l, mem_of(d), text, len);
    const zb_ntext *block;
    while ((rc = zb__layout_next(&l, &block)) == 1) {
        rc = process_block(&r, block);
        if (rc)
            break;
    }
    zb__layout_free(&l);
    zb__qtys_free(mem_of(d), &r.qtys);
    zb__vec_free(mem_of(d), &r.sents);
    zb__vec_free(mem_of(d), &r.attrs);
    if (r.each_rc)
        return zb__doc_stopped(d, r.each_rc, 0);
    if (rc < 0)
        return zb__err_set(&d->err, rc, "%s while parsing", zb_strerror(rc));
    settle(&r);
    if (!d->title)
        d->title = "";
    d->err.code = ZB_OK;
    return ZB_OK;
}

int zb_parse(zb_doc **out, const char *text, size_t len, const zb_parse_options *opts) {
    return parse_impl(out, text, len, opts, NULL, NULL, NULL, NULL);
}

int zb_parse_each(zb_doc **out, const char *text, size_t len, const zb_parse_options *opts,
                  zb_indicator_fn fn, void *ctx) {
    if (!fn) {
        if (out)
            *out = NULL;
        return ZB_EINVAL;
    }
    zb_parse_options o; /* an unknown version is told by parse_impl */
    if (opts && zb__parse_options_read(&o, opts) == ZB_OK && (o.flags & ZB_PARSE_AHEAD))
        return zb__parse_each_ahead(out, text, len, opts, fn, ctx);
    return parse_impl(out, text, len, opts, fn, ctx, NULL, NULL);
}

int zb__doc_stopped(zb_doc *d, int rc, int out_of_memory) {
    if (out_of_memory)
        return zb__err_set(&d->err, ZB_ENOMEM, "out of memory while parsing");
    return zb__err_set(&d->err, rc, "stopped by the callback (%d)", rc);
}

int zb__parse_paragraphs(zb_doc **out, const char *text, size_t len,
                         const zb_parse_options *opts, zb__paragraph_fn fn, void *ctx) {
    if (!fn) {
        if (out)
            *out = NULL;
        return ZB_EINVAL;
    }
    return parse_impl(out, text, len, opts, NULL, NULL, fn, ctx);
}

size_t zb_doc_count(const zb_doc *d) { return d ? d->inds.len : 0; }

const zb_indicator *zb_doc_get(const zb_doc *d, size_t i) {
    return d && i < d->inds.len ? &ZB_VEC_AT(d->inds, ind_rec, i)->pub : NULL;
}

size_t zb_doc_section_count(const zb_doc *d) { return d ? d->outline.sections.len : 0; }

const zb_section *zb_doc_section(const zb_doc *d, size_t i) {
    return d && i < d->outline.sections.len ? ZB_VEC_AT(d->outline.sections, zb_section, i)
                                             : NULL;
}

size_t zb_doc_sentence_count(const zb_doc *d) { return d ? d->sentences.len : 0; }

const zb_sentence *zb_doc_sentence(const zb_doc *d, size_t i) {
    return d && i < d->sentences.len ? ZB_VEC_AT(d->sentences, zb_sentence, i) : NULL;
}

int zb_doc_report_year(const zb_doc *d) { return d ? d->report_year : 0; }
const char *zb_doc_title(const zb_doc *d) { return d && d->title ? d->title : ""; }
const char *zb_doc_region(const zb_doc *d) { return d && d->region ? d->region : ""; }
int zb_doc_summary(const zb_doc *d) {
    if (!d)
        return 0;
    /* a digest reports what the report says (报告指出，…) in its paragraphs, or
     * says in its title that it is one (政府工作报告摘要) */
    return d->outline.news_items >= 2 ||
           (d->title && zb__lex_any(&zb__lexicon, d->title, strlen(d->title), ZB_LX_summary));
}

const char *zb_doc_region_code(const zb_doc *d) {
    return d && d->region_code ? d->region_code : "";
}
size_t zb_doc_skipped_numbers(const zb_doc *d) { return d ? d->overflows : 0; }
const char *zb_doc_errmsg(const zb_doc *d) { return d ? zb__err_msg(&d->err) : zb_strerror(ZB_ENOMEM); }

void zb_doc_free(zb_doc *d) {
    if (!d)
        return;
    const zb_mem *m = mem_of(d);
    zb__arena_free(m, &d->arena);
    zb__arena_free(m, &d->rows);
    zb__vec_free(m, &d->inds);
    zb__outline_free(&d->outline);
    zb__vec_free(m, &d->sentences);
    zb_allocator a = d->alloc; /* d holds the hooks; copy them out before freeing d */
    zb_mem copy = {d->mem.a ? &a : NULL};
    zb__free(&copy, d);
}
