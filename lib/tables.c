/* Lookups over the embedded tables (see tables.h; data in zb_tables.c). */
#include <string.h>

#include "tables.h"

static int trie_child(const zb_trie_node *t, int node, unsigned char byte) {
    int lo = t[node].first_child, hi = lo + t[node].nchild;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (t[mid].byte == byte)
            return mid;
        if (t[mid].byte < byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int zb__lex_prefix(const zb_lex_table *t, const char *s, size_t len, size_t *matched) {
    int node = 0, best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < len; i++) {
        node = trie_child(t->fwd, node, (unsigned char)s[i]);
        if (node < 0)
            break;
        if (t->fwd[node].row >= 0) {
            best = t->fwd[node].row;
            best_len = i + 1;
        }
    }
    if (matched)
        *matched = best_len;
    return best;
}

int zb__lex_suffix(const zb_lex_table *t, const char *s, size_t begin, size_t end,
                   size_t *matched) {
    int node = 0, best = -1;
    size_t best_len = 0;
    for (size_t i = end; i > begin; i--) {
        node = trie_child(t->rev, node, (unsigned char)s[i - 1]);
        if (node < 0)
            break;
        if (t->rev[node].row >= 0) {
            best = t->rev[node].row;
            best_len = end - (i - 1);
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
        if (r != (size_t)row && strcmp(t->rows[r].word, t->rows[row].word) != 0)
            break;
        if (t->rows[r].kind == kind)
            return (int)r;
    }
    return -1;
}

int zb__lex_is(const zb_lex_table *t, const char *s, size_t len, int kind) {
    int node = 0;
    for (size_t i = 0; i < len && node >= 0; i++)
        node = trie_child(t->fwd, node, (unsigned char)s[i]);
    if (node < 0 || t->fwd[node].row < 0)
        return 0;
    return kind < 0 || zb__lex_find_kind(t, t->fwd[node].row, kind) >= 0;
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
