/* Packets and the parse run ahead (lib/ahead.c): the packets carry every row
 * zb_parse() finds, in order, whether the parse runs in a second thread or not,
 * however short the queue; they stay valid after the parse has moved on; a
 * failure of the store stops the parse. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <pthread.h>
#include <stdint.h>
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

/* The taker sleeps until enough bytes of packets wait, and the parse waits
 * while too many do: a packet bigger than the queue, after a few small ones
 * that did not wake the taker, must wake it, not leave both threads asleep. */
START_TEST(a_big_packet_after_small_ones_is_stored) {
    dump text_of = {0};
    put(&text_of, "%s", "");
    for (int i = 0; i < 5; i++) /* one row each: packets of a few hundred bytes */
        put(&text_of, "全年地区生产总值增长%d%%。\n\n", i + 1);
    for (int i = 0; i < 400; i++)
        put(&text_of, "粮食产量达到%d亿斤。", 700 + i);
    put(&text_of, "%s", "\n\n");
    while (text_of.n < 200000) /* a long text: the taker waits for 4 KB */
        put(&text_of, "%s", "此段没有数字。\n\n");
    zb_parse_options po = ZB_PARSE_OPTIONS_INIT;
    dump serial = {0}, ahead = {0};
    put(&serial, "%s", "");
    put(&ahead, "%s", "");
    zb_doc *doc = NULL;
    zb_err err = {0};
    int said;
    ck_assert_int_eq(zb__parse_packets(&doc, text_of.s, text_of.n, &po, 0, collect, &serial,
                                       &err, &said),
                     ZB_OK);
    zb_doc_free(doc);
    ck_assert_int_eq(zb__parse_packets(&doc, text_of.s, text_of.n, &po, 64 * 1024, collect,
                                       &ahead, &err, &said),
                     ZB_OK);
    zb_doc_free(doc);
    ck_assert_ptr_nonnull(strstr(serial.s, "I "));
    ck_assert_str_eq(ahead.s, serial.s);
    free(serial.s);
    free(ahead.s);
    free(text_of.s);
}
END_TEST

/* ---- zb_parse_each() with ZB_PARSE_AHEAD ---- */

typedef struct rows {
    dump d;
    zb_writer *w;
    pthread_t caller;
    size_t calls, stop_at; /* return 7 at call stop_at (1-based); 0: never */
} rows;

static int to_dump(void *ctx, const void *data, size_t len) {
    dump *d = ctx;
    put(d, "%.*s", (int)len, (const char *)data);
    return 0;
}

static int each_row(void *ctx, const zb_indicator *ind) {
    rows *r = ctx;
    r->calls++;
    /* the callback runs in the thread that called zb_parse_each() */
    ck_assert(pthread_equal(pthread_self(), r->caller));
    ck_assert_uint_eq(ind->sentence_index, SIZE_MAX);
    ck_assert_int_eq(zb_writer_indicator(r->w, ind, NULL), ZB_OK);
    return r->stop_at && r->calls == r->stop_at ? 7 : 0;
}

/* Every contract field of every row (the JSON Lines writer's), and the
 * handle's error message, of one zb_parse_each() call. */
static rows each(const char *s, size_t n, unsigned flags, size_t stop_at, int *rc,
                 char *errmsg, size_t errsize) {
    rows r = {.caller = pthread_self(), .stop_at = stop_at};
    put(&r.d, "%s", "");
    ck_assert_int_eq(zb_writer_new(&r.w, ZB_FORMAT_JSONL, 0, to_dump, &r.d), ZB_OK);
    zb_parse_options po = ZB_PARSE_OPTIONS_INIT;
    po.flags = flags;
    zb_doc *doc = NULL;
    *rc = zb_parse_each(&doc, s, n, &po, each_row, &r);
    ck_assert_int_eq(zb_writer_finish(r.w), ZB_OK);
    zb_writer_free(r.w);
    ck_assert_ptr_nonnull(doc);
    snprintf(errmsg, errsize, "%s", zb_doc_errmsg(doc));
    ck_assert_uint_eq(zb_doc_count(doc), 0);
    put(&r.d, "report year %d, region %s, sections %zu\n", zb_doc_report_year(doc),
        zb_doc_region(doc), zb_doc_section_count(doc));
    zb_doc_free(doc);
    return r;
}

START_TEST(each_ahead_gives_the_same_rows) {
    char m1[320], m2[320];
    int rc1, rc2;
    rows serial = each(text, text_len, 0, 0, &rc1, m1, sizeof m1);
    rows ahead = each(text, text_len, ZB_PARSE_AHEAD, 0, &rc2, m2, sizeof m2);
    ck_assert_int_eq(rc1, ZB_OK);
    ck_assert_int_eq(rc2, ZB_OK);
    ck_assert_uint_gt(serial.calls, 100);
    ck_assert_uint_eq(ahead.calls, serial.calls);
    ck_assert_str_eq(ahead.d.s, serial.d.s);
    free(serial.d.s);
    free(ahead.d.s);
}
END_TEST

/* A callback's non-zero return stops the parse and is the result, told on
 * the handle as without a second thread; no later row is handed out. */
START_TEST(each_ahead_stops_when_the_callback_says) {
    const size_t at[] = {1, 2, 50};
    for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
        char m1[320], m2[320];
        int rc1, rc2;
        rows serial = each(text, text_len, 0, at[i], &rc1, m1, sizeof m1);
        rows ahead = each(text, text_len, ZB_PARSE_AHEAD, at[i], &rc2, m2, sizeof m2);
        ck_assert_int_eq(rc1, 7);
        ck_assert_int_eq(rc2, 7);
        ck_assert_uint_eq(ahead.calls, at[i]);
        ck_assert_str_eq(m2, "stopped by the callback (7)");
        ck_assert_str_eq(m2, m1);
        free(serial.d.s);
        free(ahead.d.s);
    }
}
END_TEST

/* Bad input or options are told as without a second thread. */
START_TEST(each_ahead_reports_bad_input) {
    static const char bad[] = "全年地区生产总值增长5%。\n\xC3(";
    char m1[320], m2[320];
    int rc1, rc2;
    rows serial = each(bad, sizeof bad - 1, 0, 0, &rc1, m1, sizeof m1);
    rows ahead = each(bad, sizeof bad - 1, ZB_PARSE_AHEAD, 0, &rc2, m2, sizeof m2);
    ck_assert_int_ne(rc1, ZB_OK);
    ck_assert_int_eq(rc2, rc1);
    ck_assert_ptr_nonnull(strstr(m2, "UTF-8"));
    ck_assert_str_eq(m2, m1);
    ck_assert_uint_eq(ahead.calls, 0);
    free(serial.d.s);
    free(ahead.d.s);

    zb_parse_options po = ZB_PARSE_OPTIONS_INIT;
    po.flags = ZB_PARSE_AHEAD;
    po.report_year = 1800;
    zb_doc *doc = NULL;
    rows r = {.caller = pthread_self()};
    ck_assert_int_eq(zb_parse_each(&doc, text, text_len, &po, each_row, &r), ZB_EINVAL);
    ck_assert_ptr_nonnull(strstr(zb_doc_errmsg(doc), "1800"));
    zb_doc_free(doc);
    ck_assert_int_eq(zb_parse_each(NULL, text, text_len, &po, each_row, &r), ZB_EINVAL);
    ck_assert_uint_eq(r.calls, 0);
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
    tcase_add_test(t, a_big_packet_after_small_ones_is_stored);
    suite_add_tcase(s, t);
    TCase *e = tcase_create("each");
    tcase_add_test(e, each_ahead_gives_the_same_rows);
    tcase_add_test(e, each_ahead_stops_when_the_callback_says);
    tcase_add_test(e, each_ahead_reports_bad_input);
    suite_add_tcase(s, e);
    int failed = tu_run(s);
    free(text);
    return failed;
}
