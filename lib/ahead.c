/* Driver layer: packets of paragraphs, and the parse run ahead in a second
 * thread (see ahead.h). */
#include <pthread.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ahead.h"
#include "fields.h"
#include "mem.h"
#include "parse.h"

static size_t aligned(size_t n) {
    size_t a = alignof(max_align_t);
    return (n + a - 1) / a * a;
}

static size_t text_size(const char *s) { return s ? strlen(s) + 1 : 0; }

static const char *copy_text(const char *s, char **arena) {
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = memcpy(*arena, s, n);
    *arena += n;
    return d;
}

/* A copy of the paragraph doc shows now, with sections sec_first… of the
 * document (only its indicators when rows_only); NULL when out of memory. */
static zb_packet *packet_make(const zb_mem *m, const zb_doc *doc, size_t sec_first,
                              int rows_only) {
    size_t nind = zb_doc_count(doc), nsent = rows_only ? 0 : zb_doc_sentence_count(doc);
    size_t nsec_all = rows_only ? 0 : zb_doc_section_count(doc);
    size_t nsec = nsec_all > sec_first ? nsec_all - sec_first : 0;
    size_t strings = 0;
    for (size_t i = 0; i < nind; i++)
        strings += zb__field_strings_size(zb_doc_get(doc, i));
    for (size_t i = 0; i < nsent; i++)
        strings += text_size(zb_doc_sentence(doc, i)->text);
    for (size_t i = 0; i < nsec; i++)
        strings += text_size(zb_doc_section(doc, sec_first + i)->title);
    size_t at_ind = aligned(sizeof(zb_packet));
    size_t at_sent = at_ind + aligned(nind * sizeof(zb_indicator));
    size_t at_sec = at_sent + aligned(nsent * sizeof(zb_sentence));
    size_t at_text = at_sec + aligned(nsec * sizeof(zb_section));
    size_t bytes = at_text + strings;
    char *block = zb__alloc(m, bytes);
    if (!block)
        return NULL;
    zb_packet *p = (zb_packet *)block;
    *p = (zb_packet){NULL, bytes, (zb_indicator *)(block + at_ind), nind,
                     (zb_sentence *)(block + at_sent), nsent,
                     (zb_section *)(block + at_sec), sec_first, nsec};
    char *arena = block + at_text;
    for (size_t i = 0; i < nind; i++) {
        p->ind[i] = *zb_doc_get(doc, i);
        zb__field_copy_strings(&p->ind[i], &arena);
        if (rows_only) /* the packet holds no sentence to point at */
            p->ind[i].sentence_index = SIZE_MAX;
    }
    for (size_t i = 0; i < nsent; i++) {
        p->sent[i] = *zb_doc_sentence(doc, i);
        p->sent[i].text = copy_text(p->sent[i].text, &arena);
    }
    for (size_t i = 0; i < nsec; i++) {
        p->sec[i] = *zb_doc_section(doc, sec_first + i);
        p->sec[i].title = copy_text(p->sec[i].title, &arena);
    }
    return p;
}

/* What the two threads share, under mu. */
typedef struct pipeline {
    pthread_mutex_t mu;
    pthread_cond_t changed; /* a packet queued or taken, the parse ended */
    zb_packet *head, *tail;
    size_t queued;    /* bytes */
    size_t limit;     /* of queued, but for one packet */
    size_t wake;      /* of queued, before a sleeping taker is woken */
    /* stored packets, freed by the parse's thread that made them: a free from
     * the other thread would contend for its malloc arena's lock */
    zb_packet *spent;
    int done;         /* the parse has returned: parse_rc is its result */
    int stop;         /* the store failed: the parse should end */
    int parse_rc;
    int out_of_memory; /* a packet could not be made */
    int taker_waits, parser_waits; /* a thread sleeps on `changed`: wake it */
    /* packets come from the caller's allocator: made and freed by the parse's
     * thread while it runs, by the calling thread only after it has ended */
    zb_mem mem;
    int rows_only; /* packets without sentences and sections */
    /* the parse's, set before it starts */
    const char *text;
    size_t len;
    const zb_parse_options *opts;
    zb_doc *doc;
    size_t sections; /* handed out so far */
    /* the calling thread's: fn runs there only */
    zb__packet_fn fn;
    void *ctx;
    int fn_failed;
} pipeline;

/* The packet of the paragraph doc shows, in the parse's thread; NULL (and
 * out_of_memory) when out of memory. */
static zb_packet *next_packet(pipeline *pl, const zb_doc *doc) {
    zb_packet *p = packet_make(&pl->mem, doc, pl->sections, pl->rows_only);
    if (p)
        pl->sections += p->nsec;
    else
        pl->out_of_memory = 1;
    return p;
}

static void free_packets(const zb_mem *m, zb_packet *p) {
    while (p) {
        zb_packet *next = p->next;
        zb__free(m, p);
        p = next;
    }
}

/* zb__paragraph_fn, in the parse's thread: queue the paragraph's packet,
 * waiting while too much waits already, and free what was stored meanwhile.
 * A sleeping taker is woken once `wake` bytes wait, not for every packet: a
 * taker faster than the parse would otherwise sleep and be woken (two system
 * calls and two context switches) at every paragraph. */
static int enqueue(void *ctx, const zb_doc *doc) {
    pipeline *pl = ctx;
    zb_packet *p = next_packet(pl, doc);
    pthread_mutex_lock(&pl->mu);
    while (p && !pl->stop && pl->queued && pl->queued + p->bytes > pl->limit) {
        if (pl->taker_waits) /* it sleeps below `wake`: both would */
            pthread_cond_signal(&pl->changed);
        pl->parser_waits = 1;
        pthread_cond_wait(&pl->changed, &pl->mu);
        pl->parser_waits = 0;
    }
    int rc = ZB_OK;
    if (!p) {
        rc = ZB_ENOMEM;
    } else if (pl->stop) {
        rc = ZB_ERROR; /* the store's failure is the result; this one is not seen */
    } else {
        if (pl->tail)
            pl->tail->next = p;
        else
            pl->head = p;
        pl->tail = p;
        pl->queued += p->bytes;
        p = NULL;
        if (pl->taker_waits && pl->queued >= pl->wake)
            pthread_cond_signal(&pl->changed);
    }
    zb_packet *spent = pl->spent;
    pl->spent = NULL;
    pthread_mutex_unlock(&pl->mu);
    free_packets(&pl->mem, spent);
    zb__free(&pl->mem, p);
    return rc;
}

static void *parse_thread(void *arg) {
    pipeline *pl = arg;
    int rc = zb__parse_paragraphs(&pl->doc, pl->text, pl->len, pl->opts, enqueue, pl);
    pthread_mutex_lock(&pl->mu);
    pl->parse_rc = rc;
    pl->done = 1;
    pthread_cond_signal(&pl->changed);
    pthread_mutex_unlock(&pl->mu);
    return NULL;
}

/* zb__paragraph_fn when there is no second thread: each packet stored at once. */
static int hand_over(void *ctx, const zb_doc *doc) {
    pipeline *pl = ctx;
    zb_packet *p = next_packet(pl, doc);
    if (!p)
        return ZB_ENOMEM;
    int rc = pl->fn(pl->ctx, p);
    zb__free(&pl->mem, p);
    pl->fn_failed = rc != ZB_OK;
    return rc;
}

/* The calling thread's side: store packets as they come, until the parse
 * ends. It takes all that wait at once, and each side wakes the other only
 * when it sleeps: a handover costs no system call while both are busy. */
static int drain(pipeline *pl) {
    int rc = ZB_OK;
    pthread_mutex_lock(&pl->mu);
    for (;;) {
        while (!pl->head && !pl->done) {
            pl->taker_waits = 1;
            pthread_cond_wait(&pl->changed, &pl->mu);
            pl->taker_waits = 0;
        }
        zb_packet *p = pl->head;
        if (!p)
            break;
        pl->head = pl->tail = NULL;
        pthread_mutex_unlock(&pl->mu);
        size_t taken = 0;
        zb_packet *last = p;
        for (zb_packet *q = p; q; q = q->next) {
            taken += q->bytes;
            if (rc == ZB_OK && (rc = pl->fn(pl->ctx, q)) != ZB_OK)
                pl->fn_failed = 1;
            last = q;
        }
        pthread_mutex_lock(&pl->mu);
        last->next = pl->spent;
        pl->spent = p;
        pl->queued -= taken;
        if (rc != ZB_OK)
            pl->stop = 1;
        if (pl->parser_waits)
            pthread_cond_signal(&pl->changed);
    }
    pthread_mutex_unlock(&pl->mu);
    return rc;
}

struct zb_ahead {
    pipeline pl;
    pthread_t thread;
    int threaded; /* the parse runs in `thread` */
};

zb_ahead *zb__ahead_start(const char *text, size_t len, const zb_parse_options *opts,
                          size_t ahead, int rows_only) {
    zb_mem mem = {opts ? opts->allocator : NULL};
    zb_ahead *a = zb__alloc(&mem, sizeof *a);
    if (!a)
        return NULL;
    /* a sixteenth of the queue, less for a short text: its packets still
     * reach fn while the parse goes on */
    size_t wake = ahead / 16 < len / 16 ? ahead / 16 : len / 16;
    *a = (zb_ahead){.pl = {.text = text, .len = len, .opts = opts, .limit = ahead,
                           .wake = wake, .mem = mem, .rows_only = rows_only}};
    pipeline *pl = &a->pl;
    if (ahead && pthread_mutex_init(&pl->mu, NULL) == 0) {
        if (pthread_cond_init(&pl->changed, NULL) == 0) {
            if (pthread_create(&a->thread, NULL, parse_thread, pl) == 0) {
                a->threaded = 1;
                return a;
            }
            pthread_cond_destroy(&pl->changed);
        }
        pthread_mutex_destroy(&pl->mu);
    }
    return a; /* serial: the parse runs in zb__ahead_finish() */
}

/* Join the parse's thread and free what it leaves: the packets still queued
 * (none after a drain) and those stored. */
static void end_thread(zb_ahead *a) {
    pthread_join(a->thread, NULL);
    a->threaded = 0;
    free_packets(&a->pl.mem, a->pl.head);
    free_packets(&a->pl.mem, a->pl.spent);
    pthread_cond_destroy(&a->pl.changed);
    pthread_mutex_destroy(&a->pl.mu);
}

static void ahead_free(zb_ahead *a) {
    zb_mem mem = a->pl.mem;
    zb__free(&mem, a);
}

int zb__ahead_finish(zb_ahead *a, zb_doc **out, zb__packet_fn fn, void *ctx, zb_err *err,
                     int *said) {
    pipeline *pl = &a->pl;
    pl->fn = fn;
    pl->ctx = ctx;
    int rc;
    if (a->threaded) {
        int stored = drain(pl);
        end_thread(a);
        rc = pl->fn_failed ? stored : pl->parse_rc;
    } else {
        /* serial: no second thread asked for, or none could be had */
        rc = zb__parse_paragraphs(&pl->doc, pl->text, pl->len, pl->opts, hand_over, pl);
    }
    *out = pl->doc;
    *said = pl->fn_failed;
    if (!pl->fn_failed && pl->out_of_memory) {
        rc = zb__err_set(err, ZB_ENOMEM, "out of memory while parsing");
        *said = 1;
    }
    ahead_free(a);
    return rc;
}

void zb__ahead_abandon(zb_ahead *a) {
    if (!a)
        return;
    if (a->threaded) {
        pthread_mutex_lock(&a->pl.mu);
        a->pl.stop = 1;
        if (a->pl.parser_waits)
            pthread_cond_signal(&a->pl.changed);
        pthread_mutex_unlock(&a->pl.mu);
        end_thread(a);
    }
    zb_doc_free(a->pl.doc);
    ahead_free(a);
}

static int run_packets(zb_doc **out, const char *text, size_t len, const zb_parse_options *opts,
                       size_t ahead, int rows_only, zb__packet_fn fn, void *ctx, zb_err *err,
                       int *said) {
    zb_ahead *a = zb__ahead_start(text, len, opts, ahead, rows_only);
    if (!a) {
        *out = NULL;
        *said = 1;
        return zb__err_set(err, ZB_ENOMEM, "out of memory while parsing");
    }
    return zb__ahead_finish(a, out, fn, ctx, err, said);
}

int zb__parse_packets(zb_doc **out, const char *text, size_t len, const zb_parse_options *opts,
                      size_t ahead, zb__packet_fn fn, void *ctx, zb_err *err, int *said) {
    return run_packets(out, text, len, opts, ahead, 0, fn, ctx, err, said);
}

/* ---- zb_parse_each() with ZB_PARSE_AHEAD ---- */

typedef struct each_ctx {
    zb_indicator_fn fn;
    void *ctx;
} each_ctx;

static int each_packet(void *ctx, const zb_packet *p) {
    const each_ctx *e = ctx;
    for (size_t i = 0; i < p->nind; i++) {
        int rc = e->fn(e->ctx, &p->ind[i]);
        if (rc)
            return rc;
    }
    return ZB_OK;
}

int zb__parse_each_ahead(zb_doc **out, const char *text, size_t len,
                         const zb_parse_options *opts, zb_indicator_fn fn, void *ctx) {
    if (!out)
        return ZB_EINVAL;
    each_ctx e = {fn, ctx};
    zb_err err = {0};
    int said = 0;
    int rc = run_packets(out, text, len, opts, ZB_AHEAD_QUEUE_BYTES, 1, each_packet, &e, &err,
                         &said);
    /* the handle says what stopped the parse, as it does without a second thread */
    if (rc && said && *out)
        zb__doc_stopped(*out, rc, err.code == ZB_ENOMEM);
    return rc;
}
