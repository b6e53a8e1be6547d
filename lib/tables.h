/*
 * The data tables of schema/ (TSV files), embedded at build time.
 *
 * tools/gen_tables.c reads the TSV files, checks every row, and writes
 * zb_tables.c: one row array and two tries over code points (forward and
 * reversed) per word table, so that "the longest word starting here" and "the
 * longest word ending here" are each one walk down a trie (a double array:
 * one add and one compare a character). The enumerations below are
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
    X(rise) X(fall) X(to) X(reach) X(relief) X(gap) X(rank) X(act) X(from) X(dist) X(base) \
        X(cut) X(tally)
/* lexicon.tsv: role */
#define ZB_LEX_ROLES(X)                                                                  \
    X(head) X(growth) X(share) X(lead) X(target) X(plan) X(review) X(title) X(noun)      \
        X(timeok) X(split) X(qualifier) X(word) X(per) X(derived) X(goals) X(now) X(past)     \
            X(ensure) X(strive) X(estimate) X(qual) X(done) X(news) X(summary) X(than)        \
                X(than_end) X(shared) X(setting) X(industry) X(fall) X(total) X(caption) X(going)
/* entities.tsv: role */
#define ZB_ENTITY_ROLES(X)                                                               \
    X(zone) X(facility) X(group) X(brand) X(tail) X(owner) X(place) X(partner)             \
        X(partners) X(toward) X(verb) X(pivot) X(lead) X(own) X(not)
/* after_numbers.tsv: role */
#define ZB_AFTER_ROLES(X) X(phrase) X(noun) X(mark)
/* periods.tsv: role */
#define ZB_PERIOD_ROLES(X)                                                               \
    X(average) X(cumulative) X(span) X(none) X(flow) X(result) X(recent) X(coming) X(closing) X(one) X(plan) X(during)  \
        X(since) X(end) X(lead) X(pairto) X(caption)
/* sectors.tsv and metrics.tsv: sector, by the names of names.h */
/* html.tsv: role */
#define ZB_HTML_ROLES(X) X(skip) X(furniture) X(block) X(cell)
/* page_words.tsv: role */
#define ZB_PAGE_ROLES(X) X(furniture) X(roll_call)

/* regions.tsv: level */
#define ZB_REGION_LEVELS(X) X(national) X(province) X(prefecture) X(county)

#define ZB_ENUM_ITEM(prefix, name) prefix##name,
#define ZB_UK_(n) ZB_ENUM_ITEM(ZB_UK_, n)
#define ZB_CP_(n) ZB_ENUM_ITEM(ZB_CP_, n)
#define ZB_PR_(n) ZB_ENUM_ITEM(ZB_PR_, n)
#define ZB_LX_(n) ZB_ENUM_ITEM(ZB_LX_, n)
#define ZB_RL_(n) ZB_ENUM_ITEM(ZB_RL_, n)
#define ZB_EN_(n) ZB_ENUM_ITEM(ZB_EN_, n)
#define ZB_AN_(n) ZB_ENUM_ITEM(ZB_AN_, n)
#define ZB_PW_(n) ZB_ENUM_ITEM(ZB_PW_, n)
#define ZB_HT_(n) ZB_ENUM_ITEM(ZB_HT_, n)
#define ZB_PG_(n) ZB_ENUM_ITEM(ZB_PG_, n)
enum { ZB_UNIT_KINDS(ZB_UK_) ZB_UK_COUNT };
enum { ZB_CMP_POSITIONS(ZB_CP_) ZB_CP_COUNT };
enum { ZB_PRED_ROLES(ZB_PR_) ZB_PR_COUNT };
enum { ZB_LEX_ROLES(ZB_LX_) ZB_LX_COUNT };
enum { ZB_REGION_LEVELS(ZB_RL_) ZB_RL_COUNT };
enum { ZB_ENTITY_ROLES(ZB_EN_) ZB_EN_COUNT };
enum { ZB_AFTER_ROLES(ZB_AN_) ZB_AN_COUNT };
enum { ZB_PERIOD_ROLES(ZB_PW_) ZB_PW_COUNT };
enum { ZB_HTML_ROLES(ZB_HT_) ZB_HT_COUNT };
enum { ZB_PAGE_ROLES(ZB_PG_) ZB_PG_COUNT };
#undef ZB_UK_
#undef ZB_CP_
#undef ZB_PR_
#undef ZB_LX_
#undef ZB_RL_
#undef ZB_EN_
#undef ZB_AN_
#undef ZB_PW_
#undef ZB_PG_
#undef ZB_HT_
/* sets of roles are bit masks (zb__lex_may_start_kinds) */
_Static_assert(ZB_LX_COUNT <= 64 && ZB_EN_COUNT <= 64, "a set of roles fits an unsigned long long");

#define ZB_UF_cn (1u << 0)
#define ZB_UF_cls (1u << 1)
#define ZB_UF_rank (1u << 2)

/* One row of any word table. What `text`, `number`, `kind` and `flags` mean
 * depends on the table:
 *   units        text = reported unit, number = factor, kind = ZB_UK_*, flags = ZB_UF_*
 *   comparators  kind = ZB_CP_* (position), flags = zb_cmp
 *   predicates   kind = ZB_PR_*
 *   lexicon      kind = ZB_LX_*, text = value (split parts)
 *   after_numbers kind = ZB_AN_* (role)
 *   periods      kind = ZB_PW_*, number = years (recent, closing: how many; plan: the first)
 *   sectors      kind = zb_sector
 *   entities     kind = ZB_EN_*
 *   regions      text = full region name (provinces and 全国 only: see below)
 *   region_names kind = index into zb__region_rows; text = the full name
 *   aliases      kind = index into zb__metric_rows; text = the alias itself */
typedef struct zb_lex_row {
    const char *word;
    const char *text;
    double number;
    int kind;
    unsigned flags;
    /* 1 when the next row has the same word: zb__lex_find_kind walks a word's
     * rows without comparing strings */
    unsigned char next_same;
} zb_lex_row;

/* A trie over code points, as a double array: the child of `node` along a
 * character of code c (zb__char_code) is t = nodes[node].base + c, when
 * t < size and nodes[t].check == node: one add and one compare a step.
 * Node 0 is the root and never a child; code 0 (a character no word holds)
 * never leads to a child. */
typedef struct zb_trie_node {
    int32_t base, check; /* check: the parent's index; -1 on a free slot */
    int32_t row;         /* the word ending here, or -1 */
} zb_trie_node;

typedef struct zb_trie {
    const zb_trie_node *nodes;
    uint32_t size;
} zb_trie;

/* Every character of a table word has a code 1..N shared by all tables,
 * the most frequent the smallest (so the arrays pack tightly); others 0.
 * The code of cp is zb__char_codes[zb__char_block[cp >> 6]][cp & 0x3F]
 * (block 0 all zero): blocks of 64 because a three-byte character's first
 * two bytes give cp >> 6 and its last byte cp & 0x3F, so the walks look a
 * character up without putting its code point together. */
#define ZB_CHAR_BLOCKS 0x4400u /* (U+10FFFF >> 6) + 1 */
extern const uint16_t zb__char_block[ZB_CHAR_BLOCKS];
extern const uint16_t zb__char_codes[][64];

static inline uint32_t zb__char_code(uint32_t cp) {
    return cp >> 6 < ZB_CHAR_BLOCKS ? zb__char_codes[zb__char_block[cp >> 6]][cp & 0x3F] : 0;
}

/* The code of the three-byte character at u (lead byte E0–EF). */
static inline uint32_t zb__char_code3(const unsigned char *u) {
    return zb__char_codes[zb__char_block[(u[0] & 0x0Fu) << 6 | (u[1] & 0x3Fu)]][u[2] & 0x3F];
}

/* The child of node along a character of code c, or 0 (the root is no
 * node's child). */
static inline uint32_t zb__trie_step(const zb_trie *t, uint32_t node, uint32_t c) {
    uint32_t next = (uint32_t)t->nodes[node].base + c;
    return next < t->size && t->nodes[next].check == (int32_t)node ? next : 0;
}

#define ZB_LEX_BLOOM_BITS 4096u

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
    /* The same as `first` for the words of one kind (when kinds are enum
     * constants; else NULL): kind_first[kind], for kind < nkinds. */
    const uint8_t (*kind_first)[ZB_LEX_BLOOM_BITS / 8];
    size_t nkinds;
} zb_lex_table;


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
    zb__periods, zb__sectors, zb__regions, zb__aliases, zb__entities, zb__after_numbers;
/* html.tsv: kind = ZB_HT_* (lib/html.c) */
extern const zb_lex_table zb__html;
/* page_words.tsv: kind = ZB_PG_* (a web page's own words in its text) */
extern const zb_lex_table zb__page_words;

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
/* Rows of zb__aliases written =WORD: they name their metric only when the
 * metric phrase is exactly WORD (=进出口: 对东盟进出口 once its owner is taken out,
 * never 跨境电商进出口). */
extern const size_t zb__alias_exact[];
extern const size_t zb__alias_exact_count;
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

/* The code point starting at s (no validation: the text is valid UTF-8). */
static inline uint32_t zb__lex_first_cp(const unsigned char *s, size_t len) {
    if (s[0] < 0x80 || len < 2)
        return s[0];
    if (s[0] < 0xE0)
        return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
    if (s[0] < 0xF0 || len < 4)
        return len < 3 ? 0 : (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
           (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

/* The code point ending just before s[end]. */
static inline uint32_t zb__lex_last_cp(const unsigned char *s, size_t begin, size_t end) {
    size_t p = end - 1;
    while (p > begin && (s[p] & 0xC0) == 0x80 && end - p < 4)
        p--;
    return zb__lex_first_cp(s + p, end - p);
}

static inline int zb__lex_bloom(const uint8_t *bits, uint32_t cp) {
    return bits[cp % ZB_LEX_BLOOM_BITS / 8] & (1u << (cp % 8));
}

/* The filter bit of a three-byte character is its code point's low 12 bits,
 * the payload of its last two bytes: no need to decode the lead byte. */
_Static_assert(ZB_LEX_BLOOM_BITS == 4096u, "the three-byte filter takes the low 12 bits");
static inline int zb__lex_bloom3(const uint8_t *bits, const unsigned char *s) {
    return zb__lex_bloom(bits, (uint32_t)(s[0] & 0x3F) << 6 | (s[1] & 0x3F));
}

/* Might a word of the table start at s[0..len)? (exactly zb__lex_bloom of its first code point) */
static inline int zb__lex_may_start(const uint8_t *bits, const unsigned char *s, size_t len) {
    if (s[0] >= 0xE0 && s[0] < 0xF0 && len >= 3)
        return zb__lex_bloom3(bits, s + 1);
    return zb__lex_bloom(bits, zb__lex_first_cp(s, len));
}

/* Might a word of the table end at s[end], starting no earlier than s[begin]?
 * (exactly zb__lex_bloom of zb__lex_last_cp) */
static inline int zb__lex_may_end(const uint8_t *bits, const unsigned char *s, size_t begin,
                                  size_t end) {
    if (end - begin >= 3 && s[end - 3] >= 0xE0 && s[end - 3] < 0xF0 &&
        (s[end - 2] & 0xC0) == 0x80 && (s[end - 1] & 0xC0) == 0x80)
        return zb__lex_bloom3(bits, s + end - 2);
    return zb__lex_bloom(bits, zb__lex_last_cp(s, begin, end));
}

/* Might a word of `kind` start at s[0..len)? (Any word when the table has no
 * kinds of its own; none when the kind has no words.) */
static inline int zb__lex_may_start_kind(const zb_lex_table *t, int kind, const unsigned char *s,
                                         size_t len) {
    if (!t->kind_first)
        return zb__lex_may_start(t->first, s, len);
    return kind >= 0 && (size_t)kind < t->nkinds && zb__lex_may_start(t->kind_first[kind], s, len);
}

/* The same for any of a set of kinds (bit 1u << kind each): the character
 * read once, one bit tested per kind in the set. */
static inline int zb__lex_may_start_kinds(const zb_lex_table *t, unsigned long long kinds,
                                          const unsigned char *s, size_t len) {
    if (!t->kind_first)
        return zb__lex_may_start(t->first, s, len);
    /* a three-byte character's low 12 bits, as zb__lex_bloom3 takes them */
    uint32_t cp = s[0] >= 0xE0 && s[0] < 0xF0 && len >= 3
                      ? (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F)
                      : zb__lex_first_cp(s, len);
    for (; kinds; kinds &= kinds - 1) {
        unsigned kind = (unsigned)__builtin_ctzll(kinds);
        if (kind < t->nkinds && zb__lex_bloom(t->kind_first[kind], cp))
            return 1;
    }
    return 0;
}

/* The trie walks behind zb__lex_prefix / zb__lex_suffix, for positions that
 * pass the filter. */
int zb__lex_prefix_walk(const zb_lex_table *t, const char *s, size_t len, size_t *matched);
int zb__lex_suffix_walk(const zb_lex_table *t, const char *s, size_t begin, size_t end,
                        size_t *matched);

/* The longest word of `t` that s[0..len) starts with; its length in *matched.
 * Inline because most positions of a text start no word, and the one-bit
 * filter that says so is cheaper than the call that would ask. */
static inline int zb__lex_prefix(const zb_lex_table *t, const char *s, size_t len,
                                 size_t *matched) {
    if (len && zb__lex_may_start(t->first, (const unsigned char *)s, len))
        return zb__lex_prefix_walk(t, s, len, matched);
    if (matched)
        *matched = 0;
    return -1;
}
/* The longest word of `t` that ends exactly at s[end], starting no earlier than s[begin]. */
static inline int zb__lex_suffix(const zb_lex_table *t, const char *s, size_t begin, size_t end,
                                 size_t *matched) {
    if (end > begin && zb__lex_may_end(t->last, (const unsigned char *)s, begin, end))
        return zb__lex_suffix_walk(t, s, begin, end, matched);
    if (matched)
        *matched = 0;
    return -1;
}
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
/* Does a word of t with the kind start anywhere in s[0..n)? Of any kind, for
 * ZB_LEX_ANY_KIND. */
#define ZB_LEX_ANY_KIND (-1)
int zb__lex_any(const zb_lex_table *t, const char *s, size_t n, int kind);
/* zb__lex_find_kind(t, zb__lex_prefix(t, s, len, matched), kind), with
 * *matched 0 when -1: the longest word at s, when it has the kind. */
int zb__lex_prefix_kind(const zb_lex_table *t, const char *s, size_t len, int kind,
                        size_t *matched);

#endif
