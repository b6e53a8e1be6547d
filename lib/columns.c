/*
 * Stage 2, normalize, part 1: two columns side by side on one line.
 *
 * pdftotext -layout and copy-pastes of a two-column page put the left
 * column's line, a run of spaces (the gutter) and the right column's line on
 * one physical line. A block of such lines is found by the gutter: columns
 * that are blank on every line of the block, crossed by a run of three or more
 * spaces on at least two lines; lines with text on one side only (the last
 * line of a paragraph, a column that ends early) belong to the block while
 * they leave the gutter blank. A page break (a form feed) ends a block. The
 * block is read as two columns only when both sides are prose: mostly Chinese
 * characters with punctuation, several characters on either side of most
 * lines, and left sides that end at the same column on two thirds of the
 * lines, as a justified column's do. Anything else, a table of figures above all, is handed on as it
 * came: splitting a table parts its figures from their names, which costs more
 * than a two-column page read across.
 *
 * Lines are handed out as byte ranges of the input, so the layout stage folds
 * them with the input's own offsets. Each line is read once; a block costs
 * one sort of its lines' left ends.
 */
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "columns.h"

#define COL_MAX_LINE 4096u   /* bytes: a longer line is no line of a column */
#define COL_GAPS 6           /* more runs of spaces than this: a table row */
#define COL_MIN_GAP 3        /* display columns of space that can be a gutter */
#define COL_MAX_BLOCK 65536u /* lines: a longer block is judged in parts (bounds memory) */
#define COL_RIGHT_TOL 2      /* a right-only line starts about where the right column does */
#define COL_EDGE 3           /* a justified column's lines end within this many columns */

enum { K_BLANK, K_LEFT, K_RIGHT, K_BOTH };

typedef struct gap {
    uint32_t lo, hi;                    /* its bytes */
    uint32_t col[ZB_COL_METRICS][2];    /* its first column and the column after it */
    zb_col_count before;                /* the text of the line before it */
} gap;

typedef struct shape {
    int blank, feed, odd; /* odd: too long, or too many gaps, to be part of a block */
    uint32_t first[ZB_COL_METRICS], last[ZB_COL_METRICS]; /* where its text starts and ends */
    size_t ngaps;
    gap g[COL_GAPS];
    zb_col_count all;
} shape;

void zb__columns_init(zb_columns *c, const zb_mem *m, const char *orig) {
    memset(c, 0, sizeof *c);
    c->mem = m;
    c->orig = orig;
}

void zb__columns_free(zb_columns *c) {
    zb__free(c->mem, c->lines);
    zb__free(c->mem, c->out);
    zb__free(c->mem, c->scratch);
    memset(c, 0, sizeof *c);
}

static int grow(const zb_mem *m, void **p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap)
        return ZB_OK;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = zb__realloc(m, *p, n * size);
    if (!q)
        return ZB_ENOMEM;
    *p = q;
    *cap = n;
    return ZB_OK;
}

/* East Asian Wide and Fullwidth characters (U+3000 among them): two columns. */
static int is_wide(int32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Takes no column: combining marks, zero-width characters, '\r'. */
static int is_zero_width(int32_t cp) {
    return cp == '\r' || (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200F) ||
           cp == 0x2060 || cp == 0xFEFF;
}

/* Punctuation of a sentence in the input's own forms (full-width or not). */
static int is_punct(uint32_t cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E && !zb__is_clause_punct(cp))
        cp -= 0xFEE0; /* ！？； → !?; */
    return zb__is_final_punct(cp) || zb__is_clause_punct(cp);
}

static void count(zb_col_count *c, uint32_t cp) {
    c->text++;
    c->cjk += (uint32_t)zb__is_cjk(cp);
    c->punct += (uint32_t)is_punct(cp);
}

static zb_col_count minus(zb_col_count a, zb_col_count b) {
    zb_col_count d = {a.cjk - b.cjk, a.text - b.text, a.punct - b.punct};
    return d;
}

static void add(zb_col_count *a, zb_col_count b) {
    a->cjk += b.cjk;
    a->text += b.text;
    a->punct += b.punct;
}

/* Where the line's text and its runs of spaces are, in both metrics. */
static void analyse(const char *s, size_t start, size_t end, shape *sh) {
    memset(sh, 0, sizeof *sh);
    if (end - start > COL_MAX_LINE) {
        sh->odd = 1;
        return;
    }
    size_t i = start;
    if (i < end && s[i] == '\f') { /* pdftotext starts each page with a form feed */
        sh->feed = 1;
        i++;
    }
    uint32_t col[ZB_COL_METRICS] = {0, 0}, run[ZB_COL_METRICS] = {0, 0};
    size_t run_at = 0;
    int seen = 0, spaces = 0;
    while (i < end) {
        int32_t cp;
        size_t k = zb__utf8_decode(s + i, end - i, &cp);
        uint32_t adv[ZB_COL_METRICS];
        if (cp == '\t') {
            adv[ZB_COL_CHARS] = 8 - col[ZB_COL_CHARS] % 8;
            adv[ZB_COL_WIDTH] = 8 - col[ZB_COL_WIDTH] % 8;
        } else if (is_zero_width(cp)) {
            adv[ZB_COL_CHARS] = adv[ZB_COL_WIDTH] = 0;
        } else {
            adv[ZB_COL_CHARS] = 1;
            adv[ZB_COL_WIDTH] = is_wide(cp) ? 2 : 1;
        }
        int space = (cp >= 0 && cp < 0x20 && cp != '\r') || cp == ' ' || cp == 0x3000 ||
                    cp == 0xA0;
        if (space) {
            if (!spaces) {
                spaces = 1;
                run_at = i;
                memcpy(run, col, sizeof run);
            }
        } else if (adv[ZB_COL_CHARS]) {
            if (spaces && seen && col[ZB_COL_WIDTH] - run[ZB_COL_WIDTH] >= COL_MIN_GAP) {
                if (sh->ngaps == COL_GAPS) {
                    sh->odd = 1;
                    return;
                }
                gap *g = &sh->g[sh->ngaps++];
                g->lo = (uint32_t)run_at;
                g->hi = (uint32_t)i;
                for (int m = 0; m < ZB_COL_METRICS; m++) {
                    g->col[m][0] = run[m];
                    g->col[m][1] = col[m];
                }
                g->before = sh->all;
            }
            if (!seen)
                memcpy(sh->first, col, sizeof col);
            seen = 1;
            spaces = 0;
            count(&sh->all, cp < 0 ? 0xFFFD : (uint32_t)cp);
            for (int m = 0; m < ZB_COL_METRICS; m++)
                sh->last[m] = col[m] + adv[m];
        }
        for (int m = 0; m < ZB_COL_METRICS; m++)
            col[m] += adv[m];
        i += k;
    }
    sh->blank = !seen;
}

static void take_both(zb_col_track *t, const shape *sh, const gap *g, int m, zb_col_line *ln) {
    zb_col_count right = minus(sh->all, g->before);
    t->both++;
    t->sides_ok += g->before.cjk >= 3 && right.cjk >= 3;
    add(&t->left, g->before);
    add(&t->right, right);
    ln->kind[m] = K_BOTH;
    ln->cut[m][0] = g->lo;
    ln->cut[m][1] = g->hi;
    ln->left_end[m] = g->col[m][0];
}

/* Place the line in the block as metric m sees it: 1, or 0 when it does not
 * fit (it crosses the gutter). Changes *t only when it fits. */
static int place(zb_col_track *t, const shape *sh, int m, zb_col_line *ln) {
    if (sh->blank) {
        ln->kind[m] = K_BLANK;
        return 1;
    }
    if (sh->odd)
        return 0;
    const gap *best = NULL;
    uint32_t best_w = 0;
    for (size_t i = 0; i < sh->ngaps; i++) {
        const gap *g = &sh->g[i];
        uint32_t lo = g->col[m][0] > t->lo ? g->col[m][0] : t->lo;
        uint32_t hi = g->col[m][1] < t->hi ? g->col[m][1] : t->hi;
        if (hi > lo && hi - lo > best_w) {
            best = g;
            best_w = hi - lo;
        }
    }
    if (best) {
        if (best->col[m][0] > t->lo)
            t->lo = best->col[m][0];
        if (best->col[m][1] < t->hi)
            t->hi = best->col[m][1];
        take_both(t, sh, best, m, ln);
        return 1;
    }
    if (sh->first[m] + COL_RIGHT_TOL >= t->hi) { /* the right column only */
        uint32_t hi = sh->first[m] < t->hi ? sh->first[m] : t->hi;
        if (hi <= t->lo)
            return 0;
        t->hi = hi;
        add(&t->right, sh->all);
        ln->kind[m] = K_RIGHT;
        return 1;
    }
    if (sh->last[m] < t->hi) { /* the left column only */
        if (sh->last[m] > t->lo)
            t->lo = sh->last[m];
        add(&t->left, sh->all);
        ln->kind[m] = K_LEFT;
        return 1;
    }
    return 0;
}

static int push_out(zb_columns *c, size_t start, size_t end) {
    if (grow(c->mem, (void **)&c->out, &c->cap_out, c->nout + 1, sizeof *c->out))
        return ZB_ENOMEM;
    c->out[c->nout].start = (uint32_t)start;
    c->out[c->nout].end = (uint32_t)end;
    c->nout++;
    return ZB_OK;
}

static int prose(const zb_col_count *n) {
    return n->cjk >= 6 && 2 * n->cjk >= n->text && n->punct >= 1;
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Do two thirds of the left sides, and two at least, end within COL_EDGE
 * columns of each other? 1, 0, or ZB_ENOMEM. */
static int justified(zb_columns *c, int m, uint32_t both) {
    if (grow(c->mem, (void **)&c->scratch, &c->cap_scratch, both, sizeof *c->scratch))
        return ZB_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < c->nlines; i++)
        if (c->lines[i].kind[m] == K_BOTH)
            c->scratch[n++] = c->lines[i].left_end[m];
    qsort(c->scratch, n, sizeof *c->scratch, cmp_u32);
    size_t most = 0;
    for (size_t lo = 0, hi = 0; hi < n; hi++) {
        while (c->scratch[hi] - c->scratch[lo] > COL_EDGE)
            lo++;
        if (hi - lo + 1 > most)
            most = hi - lo + 1;
    }
    return most >= 2 && 3 * most >= 2 * n;
}

/* Judge the block and hand its lines out: the left column, then the right
 * one, or every line as it came. */
static int finish(zb_columns *c) {
    if (!c->nlines)
        return ZB_OK;
    int m = -1;
    for (int k = 0; k < ZB_COL_METRICS; k++)
        if (c->track[k].alive && (m < 0 || c->track[k].both > c->track[m].both))
            m = k;
    int two = 0;
    if (m >= 0) {
        const zb_col_track *t = &c->track[m];
        two = t->both >= 2 && 2 * t->sides_ok >= t->both && prose(&t->left) &&
              prose(&t->right);
        if (two && (two = justified(c, m, t->both)) < 0)
            return two;
    }
    int rc = ZB_OK;
    for (size_t i = 0; i < c->nlines && !rc; i++) {
        const zb_col_line *ln = &c->lines[i];
        if (!two)
            rc = push_out(c, ln->start, ln->end);
        else if (ln->kind[m] == K_BOTH)
            rc = push_out(c, ln->start, ln->cut[m][0]);
        else if (ln->kind[m] == K_LEFT)
            rc = push_out(c, ln->start, ln->end);
    }
    for (size_t i = 0; two && i < c->nlines && !rc; i++) {
        const zb_col_line *ln = &c->lines[i];
        if (ln->kind[m] == K_BOTH)
            rc = push_out(c, ln->cut[m][1], ln->end);
        else if (ln->kind[m] == K_RIGHT)
            rc = push_out(c, ln->start, ln->end);
    }
    c->nlines = 0;
    memset(c->track, 0, sizeof c->track);
    return rc;
}

static zb_col_line *new_line(zb_columns *c, size_t start, size_t end) {
    if (grow(c->mem, (void **)&c->lines, &c->cap_lines, c->nlines + 1, sizeof *c->lines))
        return NULL;
    zb_col_line *ln = &c->lines[c->nlines++];
    memset(ln, 0, sizeof *ln);
    ln->start = (uint32_t)start;
    ln->end = (uint32_t)end;
    return ln;
}

/* Start a block at a line with a gutter between Chinese text on both sides
 * (its widest such run of spaces), or hand the line on. */
static int start_block(zb_columns *c, const shape *sh, size_t start, size_t end) {
    const gap *best = NULL;
    for (size_t i = 0; !sh->odd && i < sh->ngaps; i++) {
        const gap *g = &sh->g[i];
        if (g->before.cjk && sh->all.cjk > g->before.cjk &&
            (!best || g->col[ZB_COL_WIDTH][1] - g->col[ZB_COL_WIDTH][0] >
                          best->col[ZB_COL_WIDTH][1] - best->col[ZB_COL_WIDTH][0]))
            best = g;
    }
    if (!best)
        return push_out(c, start, end);
    zb_col_line *ln = new_line(c, start, end);
    if (!ln)
        return ZB_ENOMEM;
    for (int m = 0; m < ZB_COL_METRICS; m++) {
        zb_col_track *t = &c->track[m];
        memset(t, 0, sizeof *t);
        t->alive = 1;
        t->lo = best->col[m][0];
        t->hi = best->col[m][1];
        take_both(t, sh, best, m, ln);
    }
    return ZB_OK;
}

/* Is the three-byte character at u text to may_have_gap: neither a space
 * (U+3000) nor of no width (is_zero_width: U+200B–U+200F, U+2060, U+FEFF)? */
static int text_char3(const unsigned char *u) {
    switch (u[0]) {
    case 0xE2:
        return !(u[1] == 0x80 && u[2] >= 0x8B && u[2] <= 0x8F) && !(u[1] == 0x81 && u[2] == 0xA0);
    case 0xE3:
        return !(u[1] == 0x80 && u[2] == 0x80);
    case 0xEF:
        return !(u[1] == 0xBB && u[2] == 0xBF);
    default:
        return 1;
    }
}

/* Could analyse() find a gap in s[start..end): a run of spaces at least
 * COL_MIN_GAP wide between text on both sides? An exact filter, far cheaper
 * than analyse(): no metric, no counts, most characters one test. A tab counts
 * as wide enough whatever column it starts at. */
static int may_have_gap(const char *s, size_t start, size_t end) {
    if (end - start > COL_MAX_LINE)
        return 0; /* analyse() calls it odd: no gap */
    const unsigned char *u = (const unsigned char *)s;
    uint32_t width = 0; /* of the run of spaces since the last text */
    int seen = 0;
    for (size_t i = start; i < end;) {
        /* a run of text: printable ASCII and three-byte characters (Chinese
         * and its punctuation) other than the few of no width or a space's */
        size_t j = i;
        while (j < end) {
            unsigned char b = u[j];
            if (zb__is_ideograph_lead(b))
                j += 3;
            else if ((unsigned char)(b - 0x21) < 0x5E)
                j++;
            else if ((b & 0xF0) == 0xE0 && end - j >= 3 && text_char3(u + j))
                j += 3;
            else
                break;
        }
        int text = j > i;
        if (!text) {
            int32_t cp;
            j = i + zb__utf8_decode(s + i, end - i, &cp);
            if (is_zero_width(cp)) {
                i = j;
                continue; /* neither text nor space: a run goes on across it */
            }
            uint32_t w = cp == '\t' ? COL_MIN_GAP
                       : cp == 0x3000 ? 2
                       : (cp >= 0 && cp <= 0x20) || cp == 0xA0 ? 1 : 0;
            width += w;
            text = !w;
        }
        if (text) {
            if (seen && width >= COL_MIN_GAP)
                return 1;
            seen = 1;
            width = 0;
        }
        i = j;
    }
    return 0;
}

int zb__columns_push(zb_columns *c, size_t start, size_t end) {
    /* the common case: no block is being read, and only a line with a gap can
     * start one (start_block hands any other line on as it came) */
    if (!c->nlines && !may_have_gap(c->orig, start, end))
        return push_out(c, start, end);
    shape sh;
    analyse(c->orig, start, end, &sh);
    if (!c->nlines)
        return start_block(c, &sh, start, end);
    if (!sh.feed && c->nlines < COL_MAX_BLOCK) {
        zb_col_track next[ZB_COL_METRICS];
        zb_col_line ln;
        memset(&ln, 0, sizeof ln);
        int fits = 0;
        for (int m = 0; m < ZB_COL_METRICS; m++) {
            next[m] = c->track[m];
            if (next[m].alive && !place(&next[m], &sh, m, &ln))
                next[m].alive = 0;
            fits |= next[m].alive;
        }
        if (fits) {
            zb_col_line *at = new_line(c, start, end);
            if (!at)
                return ZB_ENOMEM;
            ln.start = at->start;
            ln.end = at->end;
            *at = ln;
            memcpy(c->track, next, sizeof next);
            return ZB_OK;
        }
    }
    int rc = finish(c);
    return rc ? rc : start_block(c, &sh, start, end);
}

int zb__columns_flush(zb_columns *c) { return finish(c); }

int zb__columns_pop(zb_columns *c, size_t *start, size_t *end) {
    if (c->head == c->nout) {
        c->head = c->nout = 0;
        return 0;
    }
    *start = c->out[c->head].start;
    *end = c->out[c->head].end;
    c->head++;
    return 1;
}
