/* Lookups over the embedded tables (see tables.h; data in zb_tables.c). */

#include "chars.h"
#include "tables.h"

/* The filter in zb__lex_prefix has passed s[0]. */
int zb__lex_prefix_walk(const zb_lex_table *t, const char *s, size_t len, size_t *matched) {
    int best = -1;
    size_t best_len = 0;
    {
        uint32_t node = 0;
        size_t i = 0;
        while (i < len) {
            const unsigned char *u = (const unsigned char *)s + i;
            size_t k;
            uint32_t c;
            /* ASCII and three-byte characters (all of CJK) looked up directly;
             * the rest as zb__utf8_len and zb__lex_first_cp say */
            if (u[0] < 0x80) {
                k = 1;
                c = zb__char_code(u[0]);
            } else if (u[0] >= 0xE0 && u[0] < 0xF0) {
                if (len - i < 3)
                    break;
                k = 3;
                c = zb__char_code3(u);
            } else {
                k = zb__utf8_len(u[0]);
                if (k > len - i)
                    break;
                c = zb__char_code(zb__lex_first_cp(u, len - i));
            }
            node = zb__trie_step(&t->fwd, node, c);
            if (!node)
                break;
            i += k;
            if (t->fwd.nodes[node].row >= 0) {
                best = t->fwd.nodes[node].row;
                best_len = i;
            }
        }
    }
    if (matched)
        *matched = best_len;
    return best;
}

/* The filter in zb__lex_suffix has passed the character before s[end]. */
int zb__lex_suffix_walk(const zb_lex_table *t, const char *s, size_t begin, size_t end,
                        size_t *matched) {
    int best = -1;
    size_t best_len = 0;
    const unsigned char *u = (const unsigned char *)s;
    {
        uint32_t node = 0;
        size_t i = end;
        while (i > begin) {
            size_t p = i - 1;
            uint32_t c;
            /* i is a character boundary: a three-byte lead three bytes back
             * starts the character before it (all of CJK) */
            if (i - begin >= 3 && (u[i - 3] & 0xF0) == 0xE0) {
                p = i - 3;
                c = zb__char_code3(u + p);
            } else {
                while (p > begin && (u[p] & 0xC0) == 0x80 && i - p < 4)
                    p--;
                c = zb__char_code(zb__lex_first_cp(u + p, i - p));
            }
            node = zb__trie_step(&t->rev, node, c);
            if (!node)
                break;
            i = p;
            if (t->rev.nodes[node].row >= 0) {
                best = t->rev.nodes[node].row;
                best_len = end - i;
            }
        }
    }
    if (matched)
        *matched = best_len;
    return best;
}

int zb__lex_find_kind(const zb_lex_table *t, int row, int kind) {
    if (row < 0)
        return -1;
    for (size_t r = (size_t)row; r < t->nrows; r++) {
        if (t->rows[r].kind == kind)
            return (int)r;
        if (!t->rows[r].next_same)
            break;
    }
    return -1;
}

int zb__lex_is(const zb_lex_table *t, const char *s, size_t len, int kind) {
    size_t matched;
    int row = zb__lex_prefix(t, s, len, &matched);
    if (row < 0 || matched != len)
        return 0;
    return kind < 0 || zb__lex_find_kind(t, row, kind) >= 0;
}

uint32_t zb__t2s_fold(uint32_t cp) {
    if (cp < 0x2E80)
        return cp;
    if (cp >= ZB_T2S_BITMAP_LO && cp <= ZB_T2S_BITMAP_HI) {
        uint32_t b = cp - ZB_T2S_BITMAP_LO;
        if (!(zb__t2s_bitmap[b / 8] & (1u << (b % 8))))
            return cp;
    }
    size_t lo = 0, hi = zb__t2s_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (zb__t2s[mid].trad == cp)
            return zb__t2s[mid].simp;
        if (zb__t2s[mid].trad < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return cp;
}

int zb__lex_any(const zb_lex_table *t, const char *s, size_t n, int kind) {
    /* zb__lex_may_start_kind at every character, its table chosen once */
    const uint8_t *bits = t->first;
    if (t->kind_first && kind != ZB_LEX_ANY_KIND) {
        if (kind < 0 || (size_t)kind >= t->nkinds)
            return 0;
        bits = t->kind_first[kind];
    }
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i += zb__utf8_len(u[i])) {
        size_t k;
        if (!zb__lex_may_start(bits, u + i, n - i))
            continue;
        int row = zb__lex_prefix_walk(t, s + i, n - i, &k);
        if (kind == ZB_LEX_ANY_KIND ? row >= 0 : zb__row_has(t, row, kind))
            return 1;
    }
    return 0;
}

int zb__lex_prefix_kind(const zb_lex_table *t, const char *s, size_t len, int kind,
                        size_t *matched) {
    size_t k = 0;
    int row = -1;
    if (len && zb__lex_may_start_kind(t, kind, (const unsigned char *)s, len))
        row = zb__lex_find_kind(t, zb__lex_prefix_walk(t, s, len, &k), kind);
    if (matched)
        *matched = row >= 0 ? k : 0;
    return row;
}
