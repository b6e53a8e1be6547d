/* Packets and the parse run ahead (lib/ahead.c): the packets carry every row
 * zb_parse() finds, in order, whether the parse runs in a second thread or not,
 * however short the queue; they stay valid after the parse has moved on; a
 * failure of the store stops the parse. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ahead.h"
#include "error.h"
#include "testutil.h"
#include "zhibiao.h"

static char *text;
static size_t text_len;

typedef struct dump {
    char *s;
    size_t n, cap;
    int packets;
    int fail_at;     /* return ZB_EDB at this packet (1-based); 0: never */
    int slow_first;  /* sleep in the first packet: the parse runs on meanwhile */
} dump;

static void put(dump *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(dump *d, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    ck_assert_int_ge(k, 0);
    if (d->n + (size_t)k + 1 > d->cap) {
        d->cap = (d->n + (size_t)k + 1) * 2;
        d->s = realloc(d->s, d->cap);
        ck_assert_ptr_nonnull(d->s);
    }
    va_start(ap, fmt);
    vsnprintf(d->s + d->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    d->n += (size_t)k;
}

static void put_row(dump *d, const zb_indicator *r) {
    put(d, "I %zu %zu %s %.17g %s %s %d %s %s %s\n", r->span_start, r->span_end, r->surface,
        r->value, r->unit ? r->unit : "-", r->metric, r->year, zb_kind_name(r->kind), r->entity,
        r->qualitative ? r->qualitative : "-");
}

/* Is s inside the packet's own allocation (a copy, not the parse's memory)? */
static int owned(const zb_packet *p, const char *s) {
    const char *lo = (const char *)p, *hi = lo + p->bytes;
    return !s || (s >= lo && s + strlen(s) < hi);
}

static int collect(void *ctx, const zb_packet *p) {
    dump *d = ctx;
    for (size_t i = 0; i < p->nsec; i++)
        ck_assert(owned(p, p->sec[i].title));
    for (size_t i = 0; i < p->nsent; i++)
        ck_assert(owned(p, p->sent[i].text));
    for (size_t i = 0; i < p->nind; i++) {
        const zb_indicator *r = &p->ind[i];
        const char *strings[] = {r->surface, r->unit,    r->base_unit, r->metric,     r->metric_id,
                                 r->section, r->sentence, r->entity,   r->qualitative};
        for (size_t k = 0; k < sizeof strings / sizeof *strings; k++)
            ck_assert_msg(owned(p, strings[k]), "string %zu of row %zu is not the packet's", k, i);
    }
    d->packets++;
    if (d->slow_first && d->packets == 1)
        nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
    for (size_t i = 0; i < p->nsec; i++)
        put(d, "S %zu %s %d %d\n", p->sec_first + i, p->sec[i].title, p->sec[i].level,
            p->sec[i].plan);
    for (size_t i = 0; i < p->nsent; i++)
        put(d, "T %zu %zu %s\n", p->sent[i].span_start, p->sent[i].span_end, p->sent[i].text);
    for (size_t i = 0; i < p->nind; i++) {
        const zb_indicator *r = &p->ind[i];
        /* a row's sentence is one of its packet's */
        ck_assert_uint_lt(r->sentence_index, p->nsent);
        ck_assert_str_eq(r->sentence, p->sent[r->sentence_index].text);
        put_row(d, r);
    }
    return d->fail_at && d->packets == d->fail_at ? ZB_EDB : ZB_OK;
}

static dump run(size_t ahead, int fail_at, int slow_first, int *rc) {
    dump d = {.fail_at = fail_at, .slow_first = slow_first};
    put(&d, "%s", "");
    zb_parse_options po = ZB_PARSE_OPTIONS_INIT;
    zb_doc *doc = NULL;
    zb_err err = {0};
    int said = -1;
    *rc = zb__parse_packets(&doc, text, text_len, &po, ahead, collect, &d, &err, &said);
    ck_assert_int_eq(said, *rc != ZB_OK);
    zb_doc_free(doc);
    return d;
}

/* Only the rows of a dump, as zb_parse() gives them. */
static char *rows_only(const char *s) {
    char *out = malloc(strlen(s) + 1);
    ck_assert_ptr_nonnull(out);
    size_t n = 0;
    for (const char *line = s; *line;) {
        const char *end = strchr(line, '\n');
        size_t k = end ? (size_t)(end - line) + 1 : strlen(line);
        if (line[0] == 'I') {
            memcpy(out + n, line, k);
            n += k;
        }
        line += k;
    }
    out[n] = 0;
    return out;
}

START_TEST(packets_hold_every_row_in_order) {
    zb_doc *doc = NULL;
    ck_assert_int_eq(zb_parse(&doc, text, text_len, NULL), ZB_OK);
    dump whole = {0};
    put(&whole, "%s", "");
    for (size_t i = 0; i < zb_doc_count(doc); i++)
        put_row(&whole, zb_doc_get(doc, i));
    ck_assert_uint_gt(zb_doc_count(doc), 100);
    zb_doc_free(doc);

    int rc;
    dump serial = run(0, 0, 0, &rc);
    ck_assert_int_eq(rc, ZB_OK);
    ck_assert_int_gt(serial.packets, 20);
    char *rows = rows_only(serial.s);
    ck_assert_str_eq(rows, whole.s);
    free(rows);
    /* a second thread, with a queue of one packet, of a few, and the default */
    const size_t limits[] = {1, 4096, ZB_AHEAD_QUEUE_BYTES};
    for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
        dump ahead = run(limits[i], 0, 0, &rc);
        ck_assert_int_eq(rc, ZB_OK);
        ck_assert_int_eq(ahead.packets, serial.packets);
        ck_assert_str_eq(ahead.s, serial.s);
        free(ahead.s);
    }
    free(serial.s);
    free(whole.s);
}
END_TEST

/* The first packet is stored while the parse goes on to the end: the later
 * packets' strings are copies, not the parse's memory (ASan sees a use after
 * free otherwise). */
START_TEST(packets_outlive_the_parse) {
    int rc;
    dump serial = run(0, 0, 0, &rc);
    dump ahead = run(ZB_AHEAD_QUEUE_BYTES, 0, 1, &rc);
    ck_assert_int_eq(rc, ZB_OK);
    ck_assert_str_eq(ahead.s, serial.s);
    free(ahead.s);
    free(serial.s);
}
END_TEST

/* A failing store ends the parse with its status; no packet after the failed
 * one is stored, and nothing hangs or leaks. */
START_TEST(a_store_failure_stops_the_parse) {
    const size_t limits[] = {0, 1, ZB_AHEAD_QUEUE_BYTES};
    for (size_t i = 0; i < sizeof limits / sizeof *limits; i++)
        for (int at = 1; at <= 3; at += 2) {
            int rc;
            dump d = run(limits[i], at, 0, &rc);
            ck_assert_int_eq(rc, ZB_EDB);
            ck_assert_int_eq(d.packets, at);
            free(d.s);
        }
}
END_TEST

/* A parse that fails on its own (invalid UTF-8) says so, not the store. */
START_TEST(a_parse_failure_is_the_parse_s) {
    static const char bad[] = "全年地区生产总值增长5%。\n\xC3(";
    for (size_t ahead = 0; ahead <= 1; ahead++) {
        zb_parse_options po = ZB_PARSE_OPTIONS_INIT;
        zb_doc *doc = NULL;
        zb_err err = {0};
        int said = -1;
        dump d = {0};
        int rc = zb__parse_packets(&doc, bad, sizeof bad - 1, &po, ahead, collect, &d, &err, &said);
        ck_assert_int_ne(rc, ZB_OK);
        ck_assert_int_eq(said, 0);
        ck_assert_ptr_nonnull(strstr(zb_doc_errmsg(doc), "UTF-8"));
        zb_doc_free(doc);
        free(d.s);
    }
}
END_TEST

int main(void) {
    /* one long document of several reports: many paragraphs and sections */
    static const char *parts[] = {"jilin-2022-part2.txt", "county-2024-report.txt",
                                  "municipality-2025-report.txt", "digest-2025-mixed.txt"};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        char path[512];
        size_t n;
        snprintf(path, sizeof path, "%s/%s", ZB_TEST_DATA, parts[i]);
        char *part = tu_read_file(path, &n);
        if (!part) {
            fprintf(stderr, "cannot read %s\n", path);
            return 1;
        }
        text = realloc(text, text_len + n + 2);
        memcpy(text + text_len, part, n);
        text_len += n;
        text[text_len++] = '\n';
        free(part);
    }
    Suite *s = suite_create("ahead");
    TCase *t = tcase_create("packets");
    tcase_add_test(t, packets_hold_every_row_in_order);
    tcase_add_test(t, packets_outlive_the_parse);
    tcase_add_test(t, a_store_failure_stops_the_parse);
    tcase_add_test(t, a_parse_failure_is_the_parse_s);
    suite_add_tcase(s, t);
    int failed = tu_run(s);
    free(text);
    return failed;
}
