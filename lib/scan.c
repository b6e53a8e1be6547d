/* The zb_scan handle: the quantity recognizer on its own, over repaired
 * paragraphs, with spans mapped back to the caller's bytes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "quantity.h"

struct zb_scan {
    zb_mem mem;
    zb_allocator alloc;
    zb_err err;
    zb_arena arena;
    zb_vec items; /* zb_quantity */
};

static int by_span(const void *a, const void *b) {
    const zb_quantity *x = a, *y = b;
    if (x->span_start != y->span_start)
        return x->span_start < y->span_start ? -1 : 1;
    return (x->span_end > y->span_end) - (x->span_end < y->span_end);
}

int zb_scan_text(zb_scan **out, const char *text, size_t len, const zb_parse_options *opts) {
    if (!out)
        return ZB_EINVAL;
    *out = NULL;
    const zb_allocator *a = opts ? opts->allocator : NULL;
    zb_mem tmp = {a};
    zb_scan *sc = zb__alloc(&tmp, sizeof *sc);
    if (!sc)
        return ZB_ENOMEM;
    memset(sc, 0, sizeof *sc);
    if (a) {
        sc->alloc = *a;
        sc->mem.a = &sc->alloc;
    }
    sc->items.size = sizeof(zb_quantity);
    *out = sc;
    zb_parse_options given;
    if (zb__parse_options_read(&given, opts))
        return zb__err_set(&sc->err, ZB_EINVAL, "unknown zb_parse_options version %u",
                           opts->version);
    if (!text && len)
        return zb__err_set(&sc->err, ZB_EINVAL, "text is NULL but len is %zu", len);
    if (!text)
        text = "";
    int rc = zb__validate(text, len, &sc->err);
    if (rc)
        return rc;
    zb_layout l;
    zb__layout_init(&l, &sc->mem, text, len);
    zb_qtys qs = {0};
    const zb_ntext *b;
    while ((rc = zb__layout_next(&l, &b)) == 1) {
        if ((rc = zb__recognize(&sc->mem, b->s, b->len, &qs)) != ZB_OK)
            break;
        for (size_t i = 0; i < qs.n; i++) {
            const zb_qty *q = &qs.v[i];
            zb_quantity *o = zb__vec_push(&sc->mem, &sc->items);
            if (!o) {
                rc = ZB_ENOMEM;
                break;
            }
            zb__ntext_span_tight(b, text, len, q->start, q->end, &o->span_start, &o->span_end);
            o->value = q->value;
            o->value_high = q->has_high ? q->value_high : NAN;
            o->base_value = q->base_value;
            o->base_value_high = q->has_high ? q->base_value_high : NAN;
            o->unit = zb__arena_strndup(&sc->mem, &sc->arena, q->unit, strlen(q->unit));
            o->base_unit =
                zb__arena_strndup(&sc->mem, &sc->arena, q->base_unit, strlen(q->base_unit));
            o->cmp = q->cmp;
            o->kind = q->kind;
            if (!o->unit || !o->base_unit) {
                rc = ZB_ENOMEM;
                break;
            }
        }
        if (rc < 0)
            break;
    }
    zb__layout_free(&l);
    zb__qtys_free(&sc->mem, &qs);
    if (rc < 0)
        return zb__err_set(&sc->err, rc, "%s while scanning", zb_strerror(rc));
    /* two columns are read one after the other; the header promises text order */
    zb_quantity *v = sc->items.data;
    for (size_t i = 1; i < sc->items.len; i++)
        if (v[i].span_start < v[i - 1].span_start) {
            qsort(v, sc->items.len, sizeof *v, by_span);
            break;
        }
    return ZB_OK;
}

size_t zb_scan_count(const zb_scan *sc) { return sc ? sc->items.len : 0; }

const zb_quantity *zb_scan_get(const zb_scan *sc, size_t i) {
    return sc && i < sc->items.len ? ZB_VEC_AT(sc->items, zb_quantity, i) : NULL;
}

const char *zb_scan_errmsg(const zb_scan *sc) {
    return sc ? zb__err_msg(&sc->err) : zb_strerror(ZB_ENOMEM);
}

void zb_scan_free(zb_scan *sc) {
    if (!sc)
        return;
    zb__arena_free(&sc->mem, &sc->arena);
    zb__vec_free(&sc->mem, &sc->items);
    zb_allocator a = sc->alloc;
    zb_mem copy = {sc->mem.a ? &a : NULL};
    zb__free(&copy, sc);
}
