/* Memory: every allocation of the library goes through the caller's allocator
 * hooks when given (tests use them to fail the Nth allocation). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void *zb__realloc(const zb_mem *m, void *p, size_t size) {
    if (size == 0)
        size = 1;
    if (m && m->a)
        return m->a->realloc(m->a->ctx, p, size);
    return realloc(p, size);
}

void *zb__alloc(const zb_mem *m, size_t size) { return zb__realloc(m, NULL, size); }

void zb__free(const zb_mem *m, void *p) {
    if (!p)
        return;
    if (m && m->a)
        m->a->free(m->a->ctx, p);
    else
        free(p);
}

int zb__buf_grow(const zb_mem *m, zb_buf *b, size_t extra) {
    if (extra > SIZE_MAX / 2 - b->len)
        return ZB_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return ZB_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *d = zb__realloc(m, b->data, cap);
    if (!d)
        return ZB_ENOMEM;
    b->data = d;
    b->cap = cap;
    return ZB_OK;
}

int zb__buf_add(const zb_mem *m, zb_buf *b, const char *s, size_t n) {
    if (zb__buf_grow(m, b, n))
        return ZB_ENOMEM;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
    return ZB_OK;
}

int zb__buf_addc(const zb_mem *m, zb_buf *b, char c) { return zb__buf_add(m, b, &c, 1); }

void zb__buf_free(const zb_mem *m, zb_buf *b) {
    zb__free(m, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void *zb__vec_push(const zb_mem *m, zb_vec *v) {
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        if (cap > SIZE_MAX / v->size)
            return NULL;
        void *d = zb__realloc(m, v->data, cap * v->size);
        if (!d)
            return NULL;
        v->data = d;
        v->cap = cap;
    }
    char *e = (char *)v->data + v->len++ * v->size;
    memset(e, 0, v->size);
    return e;
}

void zb__vec_free(const zb_mem *m, zb_vec *v) {
    zb__free(m, v->data);
    v->data = NULL;
    v->len = v->cap = 0;
}

/* The arena hands out strings from blocks that are freed all at once. */
struct zb_arena_block {
    zb_arena_block *next;
    char data[];
};

char *zb__arena_strndup(const zb_mem *m, zb_arena *a, const char *s, size_t n) {
    if (!a->head || a->used + n + 1 > a->cap) {
        size_t cap = n + 1 > 16384 ? n + 1 : 16384;
        zb_arena_block *blk = zb__alloc(m, sizeof *blk + cap);
        if (!blk)
            return NULL;
        blk->next = a->head;
        a->head = blk;
        a->used = 0;
        a->cap = cap;
    }
    char *d = a->head->data + a->used;
    if (n)
        memcpy(d, s, n);
    d[n] = 0;
    a->used += n + 1;
    return d;
}

void zb__arena_reset(const zb_mem *m, zb_arena *a) {
    /* keep the newest block for the next round, free the rest */
    if (!a->head)
        return;
    zb_arena_block *keep = a->head;
    for (zb_arena_block *b = keep->next, *next; b; b = next) {
        next = b->next;
        zb__free(m, b);
    }
    keep->next = NULL;
    a->used = 0;
}

void zb__arena_free(const zb_mem *m, zb_arena *a) {
    for (zb_arena_block *b = a->head, *next; b; b = next) {
        next = b->next;
        zb__free(m, b);
    }
    a->head = NULL;
    a->used = a->cap = 0;
}
