/*
 * gen_tables: embeds the schema TSV files into the library as C data.
 *
 *   gen_tables SCHEMA_DIR OUT.c
 *
 * Every row is checked (column count, known enum names, numbers, words already
 * in folded form: NFKC and simplified), so a bad table fails the build with
 * "schema/units.tsv:14: ..." instead of misbehaving at run time. For each word
 * table the output holds the rows sorted by word plus a forward and a reversed
 * trie over code points as double arrays, and the characters' codes they share
 * (see lib/tables.h). Run by the build; its output is not committed.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../include/zhibiao.h"
#include "../lib/fields.h"
#include "../lib/tables.h"

#define MAX_COLS 8

typedef struct row {
    char *col[MAX_COLS];
    int ncol;
    int line;
} row;

typedef struct table {
    const char *path;
    row *rows;
    size_t n, cap;
} table;

static const char *schema_dir;
static FILE *out;

static void die(const char *path, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    if (line > 0)
        fprintf(stderr, "%s:%d: ", path, line);
    else
        fprintf(stderr, "%s: ", path);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("gen_tables: out of memory\n", stderr);
        exit(1);
    }
    return q;
}

static char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

/* Reads a TSV file: '#' lines are comments, the first other line is the
 * header and must equal `header`, blank lines are skipped. */
static table read_tsv(const char *name, const char *header, int ncol) {
    static char path[4096];
    table t = {0};
    snprintf(path, sizeof path, "%s/%s", schema_dir, name);
    t.path = xstrdup(path);
    FILE *f = fopen(path, "rb");
    if (!f)
        die(path, 0, "cannot open: %s", strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, seen_header = 0;
    for (;;) {
        ssize_t len = getline(&line, &cap, f);
        if (len < 0)
            break;
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (len == 0 || line[0] == '#')
            continue;
        if (!seen_header) {
            if (strcmp(line, header) != 0)
                die(path, lineno, "header must be \"%s\"", header);
            seen_header = 1;
            continue;
        }
        row r = {.line = lineno};
        char *p = line;
        for (;;) {
            char *tab = strchr(p, '\t');
            if (r.ncol == MAX_COLS)
                die(path, lineno, "too many columns");
            if (tab)
                *tab = 0;
            r.col[r.ncol++] = xstrdup(p);
            if (!tab)
                break;
            p = tab + 1;
        }
        if (r.ncol != ncol)
            die(path, lineno, "%d columns, the header has %d", r.ncol, ncol);
        for (int i = 0; i < r.ncol; i++)
            if (!r.col[i][0])
                die(path, lineno, "column %d is empty (write - for none)", i + 1);
        if (t.n == t.cap) {
            t.cap = t.cap ? 2 * t.cap : 64;
            t.rows = xrealloc(t.rows, t.cap * sizeof *t.rows);
        }
        t.rows[t.n++] = r;
    }
    free(line);
    fclose(f);
    if (!seen_header)
        die(path, 0, "no header line");
    return t;
}

/* ---- folding check: table words must already be NFKC and simplified ---- */

static uint32_t *t2s_trad, *t2s_simp;
static size_t t2s_n;

static uint32_t fold_cp(uint32_t cp) {
    size_t lo = 0, hi = t2s_n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t2s_trad[mid] == cp)
            return t2s_simp[mid];
        if (t2s_trad[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return cp;
}

static void check_folded(const table *t, const row *r, const char *s) {
    utf8proc_uint8_t *nfkc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &nfkc,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                          UTF8PROC_COMPAT);
    if (n < 0)
        die(t->path, r->line, "\"%s\": %s", s, utf8proc_errmsg(n));
    if (strcmp((const char *)nfkc, s) != 0)
        die(t->path, r->line, "\"%s\" is not NFKC-folded (write \"%s\")", s, nfkc);
    free(nfkc);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0)
            die(t->path, r->line, "invalid UTF-8");
        if (fold_cp((uint32_t)cp) != (uint32_t)cp)
            die(t->path, r->line, "\"%s\" holds a traditional character; write it simplified", s);
        p += k;
    }
}

/* The folded form of a word (NFKC, then simplified), as the text is folded
 * before matching: 乾安县 is matched as 干安县. */
static char *fold_word(const table *t, const row *r, const char *s) {
    utf8proc_uint8_t *nfkc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &nfkc,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                          UTF8PROC_COMPAT);
    if (n < 0)
        die(t->path, r->line, "\"%s\": %s", s, utf8proc_errmsg(n));
    char *outw = xrealloc(NULL, 4 * (size_t)n + 1);
    size_t k = 0;
    for (const utf8proc_uint8_t *p = nfkc; *p;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t m = utf8proc_iterate(p, -1, &cp);
        if (m <= 0)
            die(t->path, r->line, "invalid UTF-8");
        k += (size_t)utf8proc_encode_char((utf8proc_int32_t)fold_cp((uint32_t)cp),
                                          (utf8proc_uint8_t *)outw + k);
        p += m;
    }
    outw[k] = 0;
    free(nfkc);
    return outw;
}

/* ---- output helpers ---- */

static void put_cstring(const char *s) {
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20 || *p >= 0x7f)
            fprintf(out, "\\%03o", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* ---- tries over code points ---- */

typedef struct cp_trie {
    uint32_t *parent, *cp; /* per node but the root: its edge */
    int32_t *row;          /* per node */
    size_t n, cap;
} cp_trie;

static uint32_t trie_child(const cp_trie *t, uint32_t node, uint32_t cp) {
    for (size_t i = 1; i < t->n; i++)
        if (t->parent[i] == node && t->cp[i] == cp)
            return (uint32_t)i;
    return 0;
}

static uint32_t trie_add_node(cp_trie *t, uint32_t parent, uint32_t cp) {
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->parent = xrealloc(t->parent, t->cap * sizeof *t->parent);
        t->cp = xrealloc(t->cp, t->cap * sizeof *t->cp);
        t->row = xrealloc(t->row, t->cap * sizeof *t->row);
    }
    t->parent[t->n] = parent;
    t->cp[t->n] = cp;
    t->row[t->n] = -1;
    return (uint32_t)t->n++;
}

/* Decode a word into code points; reversed when asked. */
static size_t word_cps(const char *w, uint32_t *cps, size_t max, int reversed) {
    size_t n = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)w;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0 || n == max)
            die(w, 0, "invalid UTF-8 or too long for a table word");
        cps[n++] = (uint32_t)cp;
        p += k;
    }
    for (size_t i = 0; reversed && i < n / 2; i++) {
        uint32_t tmp = cps[i];
        cps[i] = cps[n - 1 - i];
        cps[n - 1 - i] = tmp;
    }
    return n;
}

/* The trie of n words (reversed when asked), built node by node. */
static cp_trie build_trie(char **words, size_t n, int reversed) {
    cp_trie t = {0};
    trie_add_node(&t, 0, 0); /* the root */
    for (size_t i = 0; i < n; i++) {
        uint32_t cps[64];
        size_t len = word_cps(words[i], cps, 64, reversed);
        uint32_t node = 0;
        for (size_t j = 0; j < len; j++) {
            uint32_t child = trie_child(&t, node, cps[j]);
            node = child ? child : trie_add_node(&t, node, cps[j]);
        }
        if (t.row[node] < 0) /* rows are sorted: the first of a shared word */
            t.row[node] = (int32_t)i;
    }
    return t;
}

/* ---- the characters' codes, shared by every table's double array ---- */

#define CODE_POINTS 0x110000u
static uint32_t char_uses[CODE_POINTS]; /* in all word tables */
static uint16_t code_of[CODE_POINTS];   /* 0: in no word */

static uint32_t char_code(uint32_t cp) { return cp < CODE_POINTS ? code_of[cp] : 0; }

/* Prints the trie as a double array (lib/tables.h); returns its size. */
static size_t emit_double_array(const char *name, const char *suffix, const cp_trie *t) {
    size_t n = t->n;
    /* children of each node, by code, as index ranges into kids */
    size_t *first = xrealloc(NULL, (n + 1) * sizeof *first);
    uint32_t *kids = xrealloc(NULL, n * sizeof *kids), *code = xrealloc(NULL, n * sizeof *code);
    memset(first, 0, (n + 1) * sizeof *first);
    for (size_t i = 1; i < n; i++)
        first[t->parent[i] + 1]++;
    for (size_t i = 0; i < n; i++)
        first[i + 1] += first[i];
    size_t *fill = xrealloc(NULL, n * sizeof *fill);
    memcpy(fill, first, n * sizeof *fill);
    for (size_t i = 1; i < n; i++) {
        code[i] = char_code(t->cp[i]);
        size_t at = fill[t->parent[i]]++;
        /* insertion by code keeps each node's children sorted */
        while (at > first[t->parent[i]] && code[kids[at - 1]] > code[i]) {
            kids[at] = kids[at - 1];
            at--;
        }
        kids[at] = (uint32_t)i;
    }
    size_t cap = 1024, size = 1, free_from = 1;
    zb_trie_node *da = xrealloc(NULL, cap * sizeof *da);
    for (size_t i = 0; i < cap; i++)
        da[i] = (zb_trie_node){0, -1, -1};
    da[0].row = t->row[0];
    size_t *pos = xrealloc(NULL, n * sizeof *pos), *queue = xrealloc(NULL, n * sizeof *queue);
    size_t head = 0, tail = 0;
    pos[0] = 0;
    queue[tail++] = 0;
    while (head < tail) {
        size_t u = queue[head++];
        if (first[u] == first[u + 1])
            continue; /* a leaf keeps base 0 */
        uint32_t lo = code[kids[first[u]]];
        /* first fit: the least base whose slots for every child are free */
        size_t b = free_from > lo ? free_from - lo : 0;
        for (;; b++) {
            size_t j = first[u];
            while (j < first[u + 1] &&
                   (b + code[kids[j]] >= cap || da[b + code[kids[j]]].check < 0))
                j++;
            if (j == first[u + 1])
                break;
        }
        size_t top = b + code[kids[first[u + 1] - 1]];
        if (top >= cap) {
            size_t old = cap;
            while (top >= cap)
                cap *= 2;
            da = xrealloc(da, cap * sizeof *da);
            for (size_t i = old; i < cap; i++)
                da[i] = (zb_trie_node){0, -1, -1};
        }
        if (b > INT32_MAX || top > INT32_MAX)
            die(name, 0, "trie too large for a double array");
        da[pos[u]].base = (int32_t)b;
        for (size_t j = first[u]; j < first[u + 1]; j++) {
            size_t at = b + code[kids[j]];
            da[at].check = (int32_t)pos[u];
            da[at].row = t->row[kids[j]];
            pos[kids[j]] = at;
            queue[tail++] = kids[j];
        }
        if (top + 1 > size)
            size = top + 1;
        while (free_from < cap && da[free_from].check >= 0)
            free_from++;
    }
    fprintf(out, "static const zb_trie_node %s_%s_nodes[] = {", name, suffix);
    for (size_t i = 0; i < size; i++)
        fprintf(out, "%s{%d,%d,%d},", i % 6 ? "" : "\n    ", da[i].base, da[i].check, da[i].row);
    fputs("\n};\n", out);
    free(first);
    free(kids);
    free(code);
    free(fill);
    free(da);
    free(pos);
    free(queue);
    return size;
}

/* Word tables wait for their tries until every table's words are known,
 * since the characters' codes are shared. */
typedef struct pending_lex {
    char *name;
    char **words;
    size_t n;
    char kinds[256];
} pending_lex;

static pending_lex *pending;
static size_t npending;

static void count_chars(char **words, size_t n) {
    for (size_t i = 0; i < n; i++) {
        uint32_t cps[64];
        size_t len = word_cps(words[i], cps, 64, 0);
        for (size_t j = 0; j < len; j++)
            if (cps[j] < CODE_POINTS)
                char_uses[cps[j]]++;
    }
}

static int by_uses(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (char_uses[x] != char_uses[y])
        return char_uses[x] > char_uses[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* Codes by frequency, 1 the most used, so that the children of a node (and
 * the characters most words hold) sit close together in the arrays. */
static void emit_char_codes(void) {
    uint32_t *cps = xrealloc(NULL, CODE_POINTS * sizeof *cps);
    size_t ncps = 0;
    for (uint32_t cp = 0; cp < CODE_POINTS; cp++)
        if (char_uses[cp])
            cps[ncps++] = cp;
    if (ncps >= UINT16_MAX)
        die("schema", 0, "more than %u characters in the word tables", UINT16_MAX - 1);
    qsort(cps, ncps, sizeof *cps, by_uses);
    for (size_t i = 0; i < ncps; i++)
        code_of[cps[i]] = (uint16_t)(i + 1);
    free(cps);
    static uint16_t block[ZB_CHAR_BLOCKS];
    size_t nblocks = 0;
    for (uint32_t cp = 0; cp < CODE_POINTS; cp++)
        if (code_of[cp] && !block[cp >> 6])
            block[cp >> 6] = (uint16_t)++nblocks;
    fputs("\nconst uint16_t zb__char_block[ZB_CHAR_BLOCKS] = {", out);
    for (size_t i = 0; i < ZB_CHAR_BLOCKS; i++)
        fprintf(out, "%s%u,", i % 32 ? "" : "\n    ", block[i]);
    fputs("\n};\nconst uint16_t zb__char_codes[][64] = {\n    {0},", out);
    for (uint32_t b = 0; b < ZB_CHAR_BLOCKS; b++) {
        if (!block[b])
            continue;
        fputs("\n    {", out);
        for (uint32_t c = 0; c < 64; c++)
            fprintf(out, "%s%u,", c % 32 ? "" : "\n        ", code_of[b << 6 | c]);
        fputs("},", out);
    }
    fputs("\n};\n", out);
}

/* The tries of every word table, and the tables themselves. */
static void emit_word_tries(void) {
    for (size_t i = 0; i < npending; i++)
        count_chars(pending[i].words, pending[i].n);
    emit_char_codes();
    for (size_t i = 0; i < npending; i++) {
        pending_lex *p = &pending[i];
        size_t size[2];
        for (int reversed = 0; reversed < 2; reversed++) {
            cp_trie t = build_trie(p->words, p->n, reversed);
            size[reversed] = emit_double_array(p->name, reversed ? "rev" : "fwd", &t);
            free(t.parent);
            free(t.cp);
            free(t.row);
        }
        fprintf(out,
                "const zb_lex_table zb__%s = {%s_rows, %zu, {%s_fwd_nodes, %zu}, "
                "{%s_rev_nodes, %zu}, %s_first, %s_last, %s};\n",
                p->name, p->name, p->n, p->name, size[0], p->name, size[1], p->name, p->name,
                p->kinds);
        for (size_t w = 0; w < p->n; w++)
            free(p->words[w]);
        free(p->words);
        free(p->name);
    }
    free(pending);
}

/* A word table ready to print: rows sorted (stably) by word. */
typedef struct lex {
    char *word, *text;
    double number;
    const char *kind; /* C expression */
    char flags[128];  /* C expression */
    int order;
} lex;

static int lex_cmp(const void *a, const void *b) {
    const lex *x = a, *y = b;
    int c = strcmp(x->word, y->word);
    return c ? c : x->order - y->order;
}

static void emit_lex(const char *name, lex *rows, size_t n) {
    for (size_t i = 0; i < n; i++)
        rows[i].order = (int)i;
    qsort(rows, n, sizeof *rows, lex_cmp);
    fprintf(out, "\nstatic const zb_lex_row %s_rows[] = {\n", name);
    for (size_t i = 0; i < n; i++) {
        fputs("    {", out);
        put_cstring(rows[i].word);
        fputs(", ", out);
        put_cstring(rows[i].text ? rows[i].text : "");
        fprintf(out, ", %.17g, %s, %s, %d},\n", rows[i].number, rows[i].kind,
                rows[i].flags[0] ? rows[i].flags : "0",
                i + 1 < n && strcmp(rows[i].word, rows[i + 1].word) == 0);
    }
    fputs("};\n", out);
    char **words = xrealloc(NULL, n * sizeof *words);
    for (size_t i = 0; i < n; i++)
        words[i] = rows[i].word;
    /* the first and last code point of every word, as bloom bits */
    unsigned char first[ZB_LEX_BLOOM_BITS / 8] = {0}, last[ZB_LEX_BLOOM_BITS / 8] = {0};
    for (size_t i = 0; i < n; i++) {
        const utf8proc_uint8_t *w = (const utf8proc_uint8_t *)words[i];
        utf8proc_int32_t cp, lastcp = 0;
        utf8proc_ssize_t k = utf8proc_iterate(w, -1, &cp);
        if (k <= 0)
            die(name, 0, "invalid UTF-8 in \"%s\"", words[i]);
        first[(uint32_t)cp % ZB_LEX_BLOOM_BITS / 8] |= (unsigned char)(1u << ((uint32_t)cp % 8));
        for (const utf8proc_uint8_t *p = w; *p; p += k) {
            k = utf8proc_iterate(p, -1, &lastcp);
            if (k <= 0)
                die(name, 0, "invalid UTF-8 in \"%s\"", words[i]);
        }
        last[(uint32_t)lastcp % ZB_LEX_BLOOM_BITS / 8] |= (unsigned char)(1u << ((uint32_t)lastcp % 8));
    }
    const char *which[2] = {"first", "last"};
    unsigned char *bits[2] = {first, last};
    for (int b = 0; b < 2; b++) {
        fprintf(out, "static const uint8_t %s_%s[] = {", name, which[b]);
        for (size_t i = 0; i < sizeof first; i++)
            fprintf(out, "%s%u,", i % 32 ? "" : "\n    ", bits[b][i]);
        fputs("\n};\n", out);
    }
    /* when the kinds are enum constants: the first code points of each kind's
     * words, so that a search for one kind passes over where none starts */
    int by_kind = n > 0;
    for (size_t i = 0; i < n && by_kind; i++)
        by_kind = strncmp(rows[i].kind, "ZB_", 3) == 0;
    if (by_kind) {
        fprintf(out, "static const uint8_t %s_kind_first[][ZB_LEX_BLOOM_BITS / 8] = {\n", name);
        for (size_t i = 0; i < n; i++) {
            size_t j = 0;
            while (j < i && strcmp(rows[j].kind, rows[i].kind) != 0)
                j++;
            if (j < i) /* done with the first row of its kind */
                continue;
            unsigned char bloom[ZB_LEX_BLOOM_BITS / 8] = {0};
            for (size_t r = i; r < n; r++) {
                if (strcmp(rows[r].kind, rows[i].kind) != 0)
                    continue;
                utf8proc_int32_t cp;
                if (utf8proc_iterate((const utf8proc_uint8_t *)words[r], -1, &cp) <= 0)
                    die(name, 0, "invalid UTF-8 in \"%s\"", words[r]);
                bloom[(uint32_t)cp % ZB_LEX_BLOOM_BITS / 8] |= (unsigned char)(1u << ((uint32_t)cp % 8));
            }
            fprintf(out, "    [%s] = {", rows[i].kind);
            for (size_t b = 0; b < sizeof bloom; b++)
                fprintf(out, "%s%u,", b % 32 ? "" : "\n        ", bloom[b]);
            fputs("\n    },\n", out);
        }
        fputs("};\n", out);
    }
    pending = xrealloc(pending, (npending + 1) * sizeof *pending);
    pending_lex *p = &pending[npending++];
    p->name = xstrdup(name);
    p->words = words;
    p->n = n;
    for (size_t i = 0; i < n; i++)
        words[i] = xstrdup(words[i]);
    if (by_kind)
        snprintf(p->kinds, sizeof p->kinds,
                 "%s_kind_first, sizeof %s_kind_first / sizeof *%s_kind_first", name, name, name);
    else
        snprintf(p->kinds, sizeof p->kinds, "NULL, 0");
}

/* enum name → C identifier, or die */
#define NAME_ENTRY(n) #n,
static const char *unit_kinds[] = {ZB_UNIT_KINDS(NAME_ENTRY)};
static const char *unit_flags[] = {ZB_UNIT_FLAGS(NAME_ENTRY)};
static const char *cmp_positions[] = {ZB_CMP_POSITIONS(NAME_ENTRY)};
static const char *pred_roles[] = {ZB_PRED_ROLES(NAME_ENTRY)};
static const char *lex_roles[] = {ZB_LEX_ROLES(NAME_ENTRY)};
static const char *entity_roles[] = {ZB_ENTITY_ROLES(NAME_ENTRY)};
static const char *after_roles[] = {ZB_AFTER_ROLES(NAME_ENTRY)};
static const char *period_roles[] = {ZB_PERIOD_ROLES(NAME_ENTRY)};
static const char *html_roles[] = {ZB_HTML_ROLES(NAME_ENTRY)};
static const char *page_roles[] = {ZB_PAGE_ROLES(NAME_ENTRY)};
#define SECTOR_NAME(constant, name) name,
static const char *sectors[] = {ZB_SECTOR_NAMES(SECTOR_NAME)};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The contract's fields: names and read-back expressions (lib/fields.h). */
#define FIELD_NAME(name, type, names, sql) #name,
#define FIELD_SQL(name, type, names, sql) sql,
static const char *const field_names[] = {ZB_FIELDS(FIELD_NAME)};
static const char *const field_sql[] = {ZB_FIELDS(FIELD_SQL)};
#define zb__field_count_static COUNT(field_names)

static int enum_index(const table *t, const row *r, const char *what, const char **names,
                      size_t n, const char *value) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], value) == 0)
            return (int)i;
    fprintf(stderr, "%s:%d: unknown %s \"%s\"; known:", t->path, r->line, what, value);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, " %s", names[i]);
    fputc('\n', stderr);
    exit(1);
}

static char *enum_expr(const char *prefix, const char *name) {
    char b[96];
    snprintf(b, sizeof b, "%s%s", prefix, name);
    return xstrdup(b);
}

static lex *lex_new(size_t n) {
    lex *l = xrealloc(NULL, (n ? n : 1) * sizeof *l);
    memset(l, 0, (n ? n : 1) * sizeof *l);
    return l;
}

static double parse_number(const table *t, const row *r, const char *s) {
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end || errno || v <= 0)
        die(t->path, r->line, "\"%s\" is not a positive number", s);
    return v;
}

static void gen_units(void) {
    table t = read_tsv("units.tsv", "word\tunit\tfactor\tkind\tflags", 5);
    lex *l = lex_new(t.n);
    for (size_t i = 0; i < t.n; i++) {
        row *r = &t.rows[i];
        check_folded(&t, r, r->col[0]);
        check_folded(&t, r, r->col[1]);
        l[i].word = r->col[0];
        l[i].text = r->col[1];
        l[i].number = parse_number(&t, r, r->col[2]);
        l[i].kind = enum_expr("ZB_UK_",
                              unit_kinds[enum_index(&t, r, "kind", unit_kinds,
                                                    COUNT(unit_kinds), r->col[3])]);
        if (strcmp(r->col[4], "-") != 0) {
            char *flags = xstrdup(r->col[4]);
            for (char *f = strtok(flags, ","); f; f = strtok(NULL, ",")) {
                int k = enum_index(&t, r, "flag", unit_flags, COUNT(unit_flags), f);
                size_t used = strlen(l[i].flags);
                snprintf(l[i].flags + used, sizeof l[i].flags - used, "%sZB_UF_%s",
                         used ? "|" : "", unit_flags[k]);
            }
            free(flags);
        }
    }
    emit_lex("units", l, t.n);
}

static void gen_comparators(void) {
    static const char *cmps[] = {"=", ">=", "<=", ">", "<", "~"};
    static const char *cmp_ids[] = {"ZB_CMP_EQ", "ZB_CMP_GE", "ZB_CMP_LE",
                                    "ZB_CMP_GT", "ZB_CMP_LT", "ZB_CMP_APPROX"};
    table t = read_tsv("comparators.tsv", "word\tposition\tcmp", 3);
    lex *l = lex_new(t.n);
    for (size_t i = 0; i < t.n; i++) {
        row *r = &t.rows[i];
        check_folded(&t, r, r->col[0]);
        l[i].word = r->col[0];
        l[i].kind = enum_expr("ZB_CP_", cmp_positions[enum_index(&t, r, "position",
                                                                  cmp_positions,
                                                                  COUNT(cmp_positions),
                                                                  r->col[1])]);
        int c = enum_index(&t, r, "cmp", cmps, COUNT(cmps), r->col[2]);
        snprintf(l[i].flags, sizeof l[i].flags, "%s", cmp_ids[c]);
    }
    emit_lex("comparators", l, t.n);
}

static void gen_roles(const char *file, const char *name, const char *header, int ncol,
                      const char *prefix, const char **roles, size_t nroles) {
    table t = read_tsv(file, header, ncol);
    lex *l = lex_new(t.n);
    for (size_t i = 0; i < t.n; i++) {
        row *r = &t.rows[i];
        check_folded(&t, r, r->col[0]);
        l[i].word = r->col[0];
        l[i].kind =
            enum_expr(prefix, roles[enum_index(&t, r, "role", roles, nroles, r->col[1])]);
        if (ncol > 2 && strcmp(r->col[2], "-") != 0) {
            check_folded(&t, r, r->col[2]);
            l[i].text = r->col[2];
        }
    }
    emit_lex(name, l, t.n);
}

/* periods.tsv: word, role, years (a whole number of years or a first year). */
static void gen_periods(void) {
    table t = read_tsv("periods.tsv", "word\trole\tyears", 3);
    lex *l = lex_new(t.n);
    for (size_t i = 0; i < t.n; i++) {
        row *r = &t.rows[i];
        check_folded(&t, r, r->col[0]);
        l[i].word = r->col[0];
        int role = enum_index(&t, r, "role", period_roles, COUNT(period_roles), r->col[1]);
        l[i].kind = enum_expr("ZB_PW_", period_roles[role]);
        int wants = !strcmp(period_roles[role], "recent") || !strcmp(period_roles[role], "coming") ||
                    !strcmp(period_roles[role], "closing") || !strcmp(period_roles[role], "plan");
        if (wants != (strcmp(r->col[2], "-") != 0))
            die(t.path, r->line,
                "years: a number for recent, coming, closing and plan rows, - for the others");
        if (wants) {
            double y = parse_number(&t, r, r->col[2]);
            if (y != (int)y || (y > 50 && (y < 1949 || y > 2200)))
                die(t.path, r->line, "\"%s\" is neither a count of years nor a year", r->col[2]);
            l[i].number = y;
        }
    }
    emit_lex("periods", l, t.n);
}

static void gen_sectors(void) {
    table t = read_tsv("sectors.tsv", "keyword\tsector", 2);
    lex *l = lex_new(t.n);
    for (size_t i = 0; i < t.n; i++) {
        row *r = &t.rows[i];
        check_folded(&t, r, r->col[0]);
        l[i].word = r->col[0];
        static char num[16][16];
        char *b = num[i % 16];
        snprintf(b, sizeof num[0], "%d",
                 enum_index(&t, r, "sector", sectors, COUNT(sectors), r->col[1]));
        l[i].kind = xstrdup(b);
    }
    emit_lex("sectors", l, t.n);
}

/* entities.tsv: the words that say whose a figure is (lib/entity.c). */
static void gen_entities(void) {
    gen_roles("entities.tsv", "entities", "word\trole", 2, "ZB_EN_", entity_roles,
              COUNT(entity_roles));
}

static const char *region_levels[] = {ZB_REGION_LEVELS(NAME_ENTRY)};

static void check_english(const table *t, const row *r, const char *s) {
    if (!*s || *s == ' ')
        die(t->path, r->line, "name_en is empty");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p >= 0x7f)
            die(t->path, r->line, "name_en \"%s\": write it in ASCII", s);
}

/* Appends each '|'-separated word of `list`, folded, to `l` with kind `kind`
 * and text `text`, skipping one equal to `skip`; returns the new count. */
static size_t add_words(const table *t, const row *r, lex **l, size_t n, const char *list,
                        const char *kind, const char *text, const char *skip) {
    char *words = xstrdup(list);
    for (char *w = strtok(words, "|"); w; w = strtok(NULL, "|")) {
        if (skip && strcmp(w, skip) == 0)
            continue;
        *l = xrealloc(*l, (n + 1) * sizeof **l);
        memset(&(*l)[n], 0, sizeof **l);
        (*l)[n].word = fold_word(t, r, w);
        (*l)[n].text = (char *)text;
        (*l)[n].kind = kind;
        n++;
    }
    free(words);
    return n;
}

/* regions.tsv: every division at four levels (generated by tools/gen_regions).
 * Emits zb__region_rows and zb__region_names (all levels), and zb__regions: the
 * short names of the provinces and of 全国, the words parse.c counts. */
static void gen_regions(void) {
    table t = read_tsv("regions.tsv", "code\tlevel\tparent\tname\tshort\tname_en", 6);
    int *level = xrealloc(NULL, t.n * sizeof *level);
    int *parent = xrealloc(NULL, t.n * sizeof *parent);
    lex *doc = NULL, *all = NULL;
    size_t ndoc = 0, nall = 0;
    for (size_t i = 0; i < t.n; i++) {
        row *r = &t.rows[i];
        const char *code = r->col[0];
        if (strlen(code) != 6 || strspn(code, "0123456789") != 6)
            die(t.path, r->line, "code \"%s\" is not six digits", code);
        level[i] = enum_index(&t, r, "level", region_levels, COUNT(region_levels), r->col[1]);
        if ((level[i] == ZB_RL_national) != (i == 0))
            die(t.path, r->line, "the national row comes first, and only once");
        parent[i] = -1;
        if (level[i] == ZB_RL_national) {
            if (strcmp(r->col[2], "-") != 0)
                die(t.path, r->line, "the national row has no parent (write -)");
        } else {
            for (size_t j = 0; j < i; j++)
                if (strcmp(t.rows[j].col[0], r->col[2]) == 0)
                    parent[i] = (int)j;
            if (parent[i] < 0)
                die(t.path, r->line, "parent \"%s\" is not a code of an earlier row", r->col[2]);
            /* a province hangs from 全国, a prefecture from a province, a county
             * from a prefecture or (省直辖, a municipality's districts) a province */
            int pl = level[parent[i]];
            if (!(pl == level[i] - 1 || (level[i] == ZB_RL_county && pl == ZB_RL_province)))
                die(t.path, r->line, "a %s cannot hang from a %s", region_levels[level[i]],
                    region_levels[pl]);
            /* the code says its level: 220000, 220100, 220102 */
            size_t keep = level[i] == ZB_RL_province ? 2 : level[i] == ZB_RL_prefecture ? 4 : 6;
            if (strspn(code + keep, "0") != 6 - keep || strncmp(code + keep - 2, "00", 2) == 0 ||
                (pl != ZB_RL_national &&
                 strncmp(code, r->col[2], pl == ZB_RL_province ? 2 : 4) != 0))
                die(t.path, r->line, "code %s does not fit a %s under %s", code,
                    region_levels[level[i]], r->col[2]);
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(t.rows[j].col[0], code) == 0)
                die(t.path, r->line, "code %s appears twice", code);
            if (parent[j] == parent[i] && strcmp(t.rows[j].col[3], r->col[3]) == 0)
                die(t.path, r->line, "two rows named \"%s\" under %s", r->col[3], r->col[2]);
        }
        check_english(&t, r, r->col[5]);
        if (!r->col[4][0] || r->col[4][0] == '|' || strstr(r->col[4], "||") ||
            r->col[4][strlen(r->col[4]) - 1] == '|')
            die(t.path, r->line, "short: one or more names, '|'-separated");
        static char num[32];
        snprintf(num, sizeof num, "%zu", i);
        const char *kind = xstrdup(num);
        nall = add_words(&t, r, &all, nall, r->col[3], kind, r->col[3], NULL);
        nall = add_words(&t, r, &all, nall, r->col[4], kind, r->col[3], r->col[3]);
        if (level[i] <= ZB_RL_province)
            ndoc = add_words(&t, r, &doc, ndoc, r->col[4], "0", r->col[3], NULL);
    }
    if (!t.n)
        die(t.path, 0, "no rows");
    emit_lex("regions", doc, ndoc);
    fputs("\nconst zb_region_row zb__region_rows[] = {\n", out);
    for (size_t i = 0; i < t.n; i++) {
        row *r = &t.rows[i];
        fputs("    {", out);
        put_cstring(r->col[0]);
        fprintf(out, ", ZB_RL_%s, %d, ", region_levels[level[i]], parent[i]);
        put_cstring(r->col[3]);
        fputs(", ", out);
        put_cstring(r->col[4]);
        fputs(", ", out);
        put_cstring(r->col[5]);
        fputs("},\n", out);
    }
    fprintf(out, "};\nconst size_t zb__region_count = %zu;\n", t.n);
    emit_lex("region_names", all, nall);
    free(level);
    free(parent);
}

/* unit_conversions.tsv; returns the table for gen_metrics's unit check. */
static table gen_unit_conversions(void) {
    table units = read_tsv("units.tsv", "word\tunit\tfactor\tkind\tflags", 5);
    table t = read_tsv("unit_conversions.tsv", "from\tto\tfactor", 3);
    fputs("\nconst zb_unit_conversion zb__unit_conversions[] = {\n", out);
    for (size_t i = 0; i < t.n; i++) {
        row *r = &t.rows[i];
        for (int c = 0; c < 2; c++) {
            check_folded(&t, r, r->col[c]);
            size_t j = 0;
            while (j < units.n && (strcmp(units.rows[j].col[1], r->col[c]) != 0 ||
                                   strcmp(units.rows[j].col[3], "magnitude") == 0))
                j++;
            if (j == units.n)
                die(t.path, r->line, "\"%s\" is no unit of units.tsv", r->col[c]);
        }
        if (strcmp(r->col[0], r->col[1]) == 0)
            die(t.path, r->line, "\"%s\" converts to itself", r->col[0]);
        /* a number, or a fraction a/b */
        double factor;
        char *slash = strchr(r->col[2], '/');
        if (slash) {
            *slash = 0;
            factor = parse_number(&t, r, r->col[2]) / parse_number(&t, r, slash + 1);
            *slash = '/';
        } else {
            factor = parse_number(&t, r, r->col[2]);
        }
        for (size_t j = 0; j < t.n; j++) {
            if (j < i && strcmp(t.rows[j].col[0], r->col[0]) == 0)
                die(t.path, r->line, "\"%s\" is converted twice", r->col[0]);
            /* one step to a canonical unit: no chains, so no cycles */
            if (strcmp(t.rows[j].col[0], r->col[1]) == 0)
                die(t.path, r->line, "\"%s\" is itself converted (line %d): convert \"%s\" "
                    "to the end of the chain, so that no cycle can form",
                    r->col[1], t.rows[j].line, r->col[0]);
        }
        fputs("    {", out);
        put_cstring(r->col[0]);
        fputs(", ", out);
        put_cstring(r->col[1]);
        fprintf(out, ", %.17g},\n", factor);
    }
    fprintf(out, "};\nconst size_t zb__unit_conversion_count = %zu;\n", t.n);
    return t;
}

static void gen_metrics(const table *conversions) {
    table t = read_tsv("metrics.tsv",
                       "metric_id\tname\tname_en\tsector\tbetter\tunit\taliases", 7);
    fputs("\nconst zb_metric_row zb__metric_rows[] = {\n", out);
    size_t nalias = 0;
    lex *l = NULL;
    for (size_t i = 0; i < t.n; i++) {
        row *r = &t.rows[i];
        for (size_t j = 0; j < i; j++)
            if (strcmp(t.rows[j].col[0], r->col[0]) == 0)
                die(t.path, r->line, "metric_id \"%s\" appears twice", r->col[0]);
        for (const char *p = r->col[0]; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
                die(t.path, r->line, "metric_id \"%s\": use [a-z0-9_]", r->col[0]);
        if (strncmp(r->col[0], "x_", 2) == 0)
            die(t.path, r->line, "metric_id \"%s\": x_ marks ids outside the catalog", r->col[0]);
        check_folded(&t, r, r->col[1]);
        check_english(&t, r, r->col[2]);
        int sector = enum_index(&t, r, "sector", sectors, COUNT(sectors), r->col[3]);
        static const char *better[] = {"up", "down"};
        int down = enum_index(&t, r, "better", better, 2, r->col[4]);
        const char *unit = strcmp(r->col[5], "-") == 0 ? "" : r->col[5];
        if (*unit) {
            check_folded(&t, r, unit);
            for (size_t j = 0; j < conversions->n; j++)
                if (strcmp(conversions->rows[j].col[0], unit) == 0)
                    die(t.path, r->line, "unit \"%s\" is converted to \"%s\": write that", unit,
                        conversions->rows[j].col[1]);
        }
        fputs("    {", out);
        put_cstring(r->col[0]);
        fputs(", ", out);
        put_cstring(r->col[1]);
        fputs(", ", out);
        put_cstring(r->col[2]);
        fprintf(out, ", %d, %d, ", sector, down);
        put_cstring(unit);
        fputs(", ", out);
        put_cstring(r->col[6]);
        fputs("},\n", out);
        char *aliases = xstrdup(r->col[6]);
        for (char *a = strtok(aliases, "|"); a; a = strtok(NULL, "|")) {
            check_folded(&t, r, a);
            for (size_t j = 0; j < nalias; j++)
                if (strcmp(l[j].word, a) == 0)
                    die(t.path, r->line, "alias \"%s\" is also metric %s's", a,
                        t.rows[strtoul(l[j].kind, NULL, 10)].col[0]);
            l = xrealloc(l, (nalias + 1) * sizeof *l);
            memset(&l[nalias], 0, sizeof *l);
            l[nalias].word = xstrdup(a);
            l[nalias].text = l[nalias].word;
            static char num[32];
            snprintf(num, sizeof num, "%zu", i);
            l[nalias].kind = xstrdup(num);
            nalias++;
        }
        free(aliases);
    }
    fputs("};\n", out);
    fprintf(out, "const size_t zb__metric_count = %zu;\n", t.n);
    emit_lex("aliases", l, nalias);
    /* after emit_lex sorted l: the rows whose alias holds a wildcard */
    fputs("const size_t zb__alias_wildcards[] = {", out);
    size_t nwild = 0;
    for (size_t i = 0; i < nalias; i++)
        if (strchr(l[i].word, '*')) {
            fprintf(out, "%s%zu", nwild ? ", " : "", i);
            nwild++;
        }
    fprintf(out, "%s};\nconst size_t zb__alias_wildcard_count = %zu;\n", nwild ? "" : "0",
            nwild);
    /* and those that name a metric only when they are the whole of it (=进出口) */
    fputs("const size_t zb__alias_exact[] = {", out);
    size_t nexact = 0;
    for (size_t i = 0; i < nalias; i++)
        if (l[i].word[0] == '=') {
            fprintf(out, "%s%zu", nexact ? ", " : "", i);
            nexact++;
        }
    fprintf(out, "%s};\nconst size_t zb__alias_exact_count = %zu;\n", nexact ? "" : "0", nexact);
}

static void read_t2s(void) {
    table t = read_tsv("t2s.tsv", "traditional\tsimplified", 2);
    t2s_trad = xrealloc(NULL, t.n * sizeof *t2s_trad);
    t2s_simp = xrealloc(NULL, t.n * sizeof *t2s_simp);
    for (size_t i = 0; i < t.n; i++) {
        row *r = &t.rows[i];
        utf8proc_int32_t a, b;
        const utf8proc_uint8_t *s0 = (const utf8proc_uint8_t *)r->col[0];
        const utf8proc_uint8_t *s1 = (const utf8proc_uint8_t *)r->col[1];
        utf8proc_ssize_t k0 = utf8proc_iterate(s0, -1, &a);
        utf8proc_ssize_t k1 = utf8proc_iterate(s1, -1, &b);
        if (k0 <= 0 || k1 <= 0 || s0[k0] || s1[k1])
            die(t.path, r->line, "each column must hold one character");
        if (i && (uint32_t)a <= t2s_trad[i - 1])
            die(t.path, r->line, "rows must be sorted by code point, without repeats");
        t2s_trad[i] = (uint32_t)a;
        t2s_simp[i] = (uint32_t)b;
    }
    t2s_n = t.n;
}

static void gen_t2s(void) {
    fputs("\nconst zb_t2s_pair zb__t2s[] = {\n", out);
    for (size_t i = 0; i < t2s_n; i++)
        fprintf(out, "    {0x%X, 0x%X},\n", t2s_trad[i], t2s_simp[i]);
    fprintf(out, "};\nconst size_t zb__t2s_count = %zu;\n", t2s_n);
    size_t bits = ZB_T2S_BITMAP_HI - ZB_T2S_BITMAP_LO + 1;
    unsigned char *map = xrealloc(NULL, (bits + 7) / 8);
    memset(map, 0, (bits + 7) / 8);
    for (size_t i = 0; i < t2s_n; i++)
        if (t2s_trad[i] >= ZB_T2S_BITMAP_LO && t2s_trad[i] <= ZB_T2S_BITMAP_HI) {
            size_t b = t2s_trad[i] - ZB_T2S_BITMAP_LO;
            map[b / 8] |= (unsigned char)(1u << (b % 8));
        }
    fputs("const uint8_t zb__t2s_bitmap[] = {", out);
    for (size_t i = 0; i < (bits + 7) / 8; i++)
        fprintf(out, "%s%u,", i % 24 ? "" : "\n    ", map[i]);
    fputs("\n};\n", out);
    free(map);
}

/* The text of an SQL file as a C string literal, with the placeholder
 * @ZB_FIELDS_SELECT@ replaced by the contract's field list (lib/fields.h):
 * i.<name> for a field stored on the indicator, else its read-back expression. */
static void emit_sql(FILE *f) {
    static const char placeholder[] = "@ZB_FIELDS_SELECT@";
    char *text = NULL;
    size_t len = 0, cap = 0;
    int c;
    while ((c = fgetc(f)) != EOF) {
        if (len + 1 >= cap)
            text = xrealloc(text, cap = cap ? cap * 2 : 4096);
        text[len++] = (char)c;
    }
    if (!text)
        text = xrealloc(NULL, 1);
    text[len] = 0;
    fputc('"', out);
    for (const char *p = text; *p; p++) {
        if (strncmp(p, placeholder, sizeof placeholder - 1) == 0) {
            for (size_t i = 0; i < zb__field_count_static; i++)
                fprintf(out, "%s%s%s%s", i ? ", " : "", field_sql[i][0] ? field_sql[i] : "i.",
                        field_sql[i][0] ? " AS " : "", field_names[i]);
            p += sizeof placeholder - 2;
            continue;
        }
        if (*p == '\n') {
            fputs("\\n\"\n    \"", out);
            continue;
        }
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
            fprintf(out, "\\%03o", (unsigned char)*p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
    free(text);
}

/* schema/views.sql: the views, made anew after every migration. */
static void gen_views(void) {
    char path[4096];
    snprintf(path, sizeof path, "%s/views.sql", schema_dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        die(path, 0, "cannot open: %s", strerror(errno));
    fputs("\nconst char zb__views_sql[] =\n    ", out);
    emit_sql(f);
    fputs(";\n", out);
    fclose(f);
}

/* schema/NNN-name.sql, NNN = 001, 002 …: the database migrations, in order. */
static void gen_migrations(void) {
    DIR *dir = opendir(schema_dir);
    if (!dir)
        die(schema_dir, 0, "cannot list: %s", strerror(errno));
    char *names[1000] = {0};
    int max = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        const char *n = e->d_name;
        size_t len = strlen(n);
        if (len < 8 || strcmp(n + len - 4, ".sql") || !isdigit((unsigned char)n[0]) ||
            !isdigit((unsigned char)n[1]) || !isdigit((unsigned char)n[2]) || n[3] != '-')
            continue;
        int v = atoi(n);
        if (v < 1 || v > 999)
            die(n, 0, "migration numbers run from 001");
        if (names[v])
            die(n, 0, "two migrations numbered %03d", v);
        names[v] = xstrdup(n);
        if (v > max)
            max = v;
    }
    closedir(dir);
    fputs("\nconst char *const zb__migrations[] = {\n", out);
    for (int v = 1; v <= max; v++) {
        if (!names[v])
            die(schema_dir, 0, "migration %03d is missing", v);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", schema_dir, names[v]);
        FILE *f = fopen(path, "rb");
        if (!f)
            die(path, 0, "cannot open: %s", strerror(errno));
        fputs("    ", out);
        emit_sql(f);
        fputs(",\n", out);
        fclose(f);
        free(names[v]);
    }
    fprintf(out, "};\nconst int zb__migration_count = %d;\n", max);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fputs("usage: gen_tables SCHEMA_DIR OUT.c\n", stderr);
        return 2;
    }
    schema_dir = argv[1];
    read_t2s(); /* first: check_folded needs it */
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    out = fopen(tmp, "wb");
    if (!out)
        die(tmp, 0, "cannot write: %s", strerror(errno));
    fputs("/* Generated by tools/gen_tables.c from the schema TSV files; do not edit. */\n"
          "#include \"zhibiao.h\"\n#include \"tables.h\"\n",
          out);
    gen_units();
    gen_comparators();
    gen_roles("predicates.tsv", "predicates", "word\trole", 2, "ZB_PR_", pred_roles,
              COUNT(pred_roles));
    gen_roles("lexicon.tsv", "lexicon", "word\trole\tvalue", 3, "ZB_LX_", lex_roles,
              COUNT(lex_roles));
    gen_roles("after_numbers.tsv", "after_numbers", "word\trole", 2, "ZB_AN_", after_roles,
              COUNT(after_roles));
    gen_periods();
    gen_roles("html.tsv", "html", "word\trole", 2, "ZB_HT_", html_roles, COUNT(html_roles));
    gen_roles("page_words.tsv", "page_words", "word\trole", 2, "ZB_PG_", page_roles,
              COUNT(page_roles));
    gen_sectors();
    gen_entities();
    gen_regions();
    table conversions = gen_unit_conversions();
    gen_metrics(&conversions);
    gen_t2s();
    gen_migrations();
    gen_views();
    emit_word_tries();
    if (fclose(out) != 0)
        die(tmp, 0, "write failed: %s", strerror(errno));
    if (rename(tmp, argv[2]) != 0)
        die(argv[2], 0, "cannot rename: %s", strerror(errno));
    return 0;
}
