/*
 * Bottom layer: memory. Every allocation of the library goes through the
 * caller's allocator hooks when given (tests use them to fail the Nth one).
 */
#ifndef ZB_MEM_H
#define ZB_MEM_H

#include <stddef.h>

#include "zhibiao.h"

#define ZB_UNUSED(x) (void)(x)

typedef struct zb_mem {
    const zb_allocator *a; /* NULL: libc */
} zb_mem;

void *zb__alloc(const zb_mem *m, size_t size);
void *zb__realloc(const zb_mem *m, void *p, size_t size);
void zb__free(const zb_mem *m, void *p);

/* A growable byte buffer; always NUL-terminated once anything was added. */
typedef struct zb_buf {
    char *data;
    size_t len, cap;
} zb_buf;

int zb__buf_grow(const zb_mem *m, zb_buf *b, size_t extra);
int zb__buf_add(const zb_mem *m, zb_buf *b, const char *s, size_t n);
int zb__buf_addc(const zb_mem *m, zb_buf *b, char c);
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

#endif
