/*
 * The data tables of schema/ (TSV files), embedded at build time.
 *
 * tools/gen_tables.c reads the TSV files, checks every row, and writes
 * zb_tables.c: one row array and two tries over code points (forward and
 * reversed) per word table, so that "the longest word starting here" and "the
 * longest word ending here" are each one walk down a trie, one hash probe per
 * character. The enumerations below are
 * X-macros so that the generator and the library share one list of names.
 */
#ifndef ZB_TABLES_H
#define ZB_TABLES_H

#include <stddef.h>
#include <stdint.h>

#include "names.h"

/* units.tsv: kind */
#define ZB_UNIT_KINDS(X)                                                                 \
    X(amount) X(percent) X(points) X(multiple) X(magnitude) X(time) X(date) X(name)      \
        X(ordinal)
/* units.tsv: flags */
#define ZB_UNIT_FLAGS(X) X(cn) X(cls) X(rank)
/* comparators.tsv: position */
#define ZB_CMP_POSITIONS(X) X(before) X(after) X(clause)
/* predicates.tsv: role */
#define ZB_PRED_ROLES(X)                                                                 \
    X(rise) X(fall) X(to) X(reach) X(relief) X(gap) X(rank) X(act) X(from) X(dist) X(base)
/* lexicon.tsv: role */
#define ZB_LEX_ROLES(X)                                                                  \
    X(head) X(growth) X(share) X(lead) X(target) X(plan) X(review) X(title) X(noun)      \
        X(timeok) X(split) X(qualifier) X(word) X(per) X(derived) X(goals) X(now) X(past)     \
            X(ensure) X(strive) X(estimate) X(qual) X(done)
/* sectors.tsv and metrics.tsv: sector, by the names of names.h */

/* regions.tsv: level */
#define ZB_REGION_LEVELS(X) X(national) X(province) X(prefecture) X(county)

#define ZB_ENUM_ITEM(prefix, name) prefix##name,
#define ZB_UK_(n) ZB_ENUM_ITEM(ZB_UK_, n)
#define ZB_CP_(n) ZB_ENUM_ITEM(ZB_CP_, n)
#define ZB_PR_(n) ZB_ENUM_ITEM(ZB_PR_, n)
#define ZB_LX_(n) ZB_ENUM_ITEM(ZB_LX_, n)
#define ZB_RL_(n) ZB_ENUM_ITEM(ZB_RL_, n)
enum { ZB_UNIT_KINDS(ZB_UK_) ZB_UK_COUNT };
enum { ZB_CMP_POSITIONS(ZB_CP_) ZB_CP_COUNT };
enum { ZB_PRED_ROLES(ZB_PR_) ZB_PR_COUNT };
enum { ZB_LEX_ROLES(ZB_LX_) ZB_LX_COUNT };
enum { ZB_REGION_LEVELS(ZB_RL_) ZB_RL_COUNT };
#undef ZB_UK_
#undef ZB_CP_
#undef ZB_PR_
#undef ZB_LX_
#undef ZB_RL_

#define ZB_UF_cn (1u << 0)
#define ZB_UF_cls (1u << 1)
#define ZB_UF_rank (1u << 2)

/* One row of any word table. What `text`, `number`, `kind` and `flags` mean
 * depends on the table:
 *   units        text = reported unit, number = factor, kind = ZB_UK_*, flags = ZB_UF_*
 *   comparators  kind = ZB_CP_* (position), flags = zb_cmp
 *   predicates   kind = ZB_PR_*
 *   lexicon      kind = ZB_LX_*, text = value (split parts)
 *   sectors      kind = zb_sector
 *   regions      text = full region name (provinces and 全国 only: see below)
 *   region_names kind = index into zb__region_rows; text = the full name
 *   aliases      kind = index into zb__metric_rows; text = the alias itself */
typedef struct zb_lex_row {
    const char *word;
    const char *text;
    double number;
    int kind;
    unsigned flags;
} zb_lex_row;

/* A trie over code points. Its edges live in an open-addressing hash table:
 * the child of (node, cp) is found by probing from zb__trie_hash(node, cp).
 * Node 0 is the root and never a child, so child 0 marks an empty slot. */
typedef struct zb_trie_edge {
    uint32_t parent, cp, child;
} zb_trie_edge;

typedef struct zb_trie {
    const zb_trie_edge *slots;
    uint32_t mask;        /* slots - 1, a power of two minus one */
    const int32_t *row;   /* per node: the word ending there, or -1 */
} zb_trie;

static inline uint32_t zb__trie_hash(uint32_t node, uint32_t cp) {
    uint32_t h = node * 0x9E3779B1u ^ cp * 0x85EBCA6Bu;
    return h ^ (h >> 15);
}

/* Several rows may share a word (增速 is both a growth head and a generic
 * head); the trie then points at the first, and the others follow it in
 * `rows` (rows are sorted by word). */
typedef struct zb_lex_table {
    const zb_lex_row *rows;
    size_t nrows;
    zb_trie fwd; /* words as written */
    zb_trie rev; /* words with their characters reversed */
    /* Bit (cp % ZB_LEX_BLOOM_BITS) is set when some word begins (first) or ends
     * (last) with code point cp: most characters of a text start no word, and
     * one bit test turns them away before any trie walk. */
    const uint8_t *first, *last;
} zb_lex_table;

#define ZB_LEX_BLOOM_BITS 4096u

typedef struct zb_metric_row {
    const char *id;
    const char *name;
    const char *name_en; /* ASCII */
    int sector;
    int lower_is_better; /* "better" is down: a target is a ceiling (CPI, unemployment) */
    const char *unit;    /* the canonical base unit of a level (元, 吨, %); "" when mixed */
    const char *aliases; /* '|'-separated */
} zb_metric_row;

extern const zb_lex_table zb__units, zb__comparators, zb__predicates, zb__lexicon,
    zb__sectors, zb__regions, zb__aliases;

/* schema/regions.tsv, every level: 全国 (row 0), then the provinces,
 * prefectures and counties in code order, a parent always before its children.
 * zb__regions above holds only the words that name a whole report's region:
 * each province's short names (吉林 → 吉林省) and 全国's (国务院 → 全国); parse.c
 * counts them in a report's first 16 KB to guess its region. zb__region_names
 * is the trie over every row's full name and short names (several rows may
 * share a word: 朝阳 is two districts, a county and a city), for the store's
 * region codes, levels and parents. */
typedef struct zb_region_row {
    const char *code;        /* GB/T 2260, six digits; 全国 is 100000 */
    int level;               /* ZB_RL_* */
    int parent;              /* index into zb__region_rows; -1 for 全国 */
    const char *name;        /* 吉林省, 长春市, 朝阳区 */
    const char *short_names; /* '|'-separated, the main one first: 延边|延边州 */
    const char *name_en;     /* Jilin, Changchun, Chaoyang */
} zb_region_row;
extern const zb_region_row zb__region_rows[];
extern const size_t zb__region_count;
extern const zb_lex_table zb__region_names;
extern const zb_metric_row zb__metric_rows[];
/* Rows of zb__aliases whose alias holds a '*' wildcard (the trie cannot match them). */
extern const size_t zb__alias_wildcards[];
extern const size_t zb__alias_wildcard_count;
extern const size_t zb__metric_count;

/* schema/unit_conversions.tsv: a level in `from` times `factor` is a level in
 * `to`, the canonical unit of the catalog (斤 → 吨 0.0005, 亩 → 公顷 1/15), for
 * the store to bring results and targets in different units together. */
typedef struct zb_unit_conversion {
    const char *from, *to;
    double factor;
} zb_unit_conversion;
extern const zb_unit_conversion zb__unit_conversions[];
extern const size_t zb__unit_conversion_count;

/* The database migrations, schema/001-*.sql …; zb__migrations[v - 1] makes
 * schema version v out of version v - 1. */
extern const char *const zb__migrations[];
extern const int zb__migration_count;
/* schema/views.sql with the contract's field list filled in: every view, made
 * anew after each migration. */
extern const char zb__views_sql[];

/* Traditional → simplified, one code point to one (schema/t2s.tsv). */
typedef struct zb_t2s_pair {
    uint32_t trad, simp;
} zb_t2s_pair;
extern const zb_t2s_pair zb__t2s[];
extern const size_t zb__t2s_count;
/* One bit per code point in [ZB_T2S_BITMAP_LO, ZB_T2S_BITMAP_HI]: set when the
 * code point has an entry, so the common simplified character costs one test. */
#define ZB_T2S_BITMAP_LO 0x3400u
#define ZB_T2S_BITMAP_HI 0x9FFFu
extern const uint8_t zb__t2s_bitmap[];

/* Lookups (tables.c). `row` results index table->rows; -1 when none. */

/* The longest word of `t` that s[0..len) starts with; its length in *matched. */
int zb__lex_prefix(const zb_lex_table *t, const char *s, size_t len, size_t *matched);
/* The longest word of `t` that ends exactly at s[end], starting no earlier than s[begin]. */
int zb__lex_suffix(const zb_lex_table *t, const char *s, size_t begin, size_t end,
                   size_t *matched);
/* The row of `word` with the given kind (rows may share a word); -1 when none. */
int zb__lex_find_kind(const zb_lex_table *t, int row, int kind);
/* Is s[0..len) exactly a word of `t` (with the given kind, or any when kind < 0)? */
int zb__lex_is(const zb_lex_table *t, const char *s, size_t len, int kind);
/* The simplified form of a code point (itself when it has none). */
uint32_t zb__t2s_fold(uint32_t cp);

/* Does `row` of t (or a row sharing its word) have the kind / role? */
static inline int zb__row_has(const zb_lex_table *t, int row, int kind) {
    return row >= 0 && zb__lex_find_kind(t, row, kind) >= 0;
}
static inline int zb__pred_has(int row, int role) { return zb__row_has(&zb__predicates, row, role); }
static inline int zb__lex_has(int row, int role) { return zb__row_has(&zb__lexicon, row, role); }
/* Does a word of t with the kind start anywhere in s[0..n)? */
int zb__lex_any(const zb_lex_table *t, const char *s, size_t n, int kind);

#endif
