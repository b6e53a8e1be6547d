/*
 * Layer "source", part 3: a PDF file → the text of its pages (poppler-glib).
 *
 * Each page's text comes from poppler_page_get_text() in reading order. Page
 * furniture is dropped where it is certain, at a page's edges:
 *   - page numbers among the first or last two lines (— 3 —, -3-, 第3页,
 *     第3页 共12页, 3/12, Page 3, a bare 3);
 *   - running headers and footers: a line among the first or last two that
 *     stands there (digits aside) on at least two pages and a third of them.
 * Paragraphs: poppler's characters are placed on the page
 * (poppler_page_get_text_layout), so a line that fills the column, followed
 * by one that is neither indented nor set apart by a wider gap, is a wrapped
 * line: its line break is dropped, even after a full stop, so that a run-in
 * heading (五是…。) governs its paragraph as in a text file; lines that
 * stand side by side at one height are one line. Across a page
 * break the next line's indent alone decides, where paragraphs are indented. Other broken lines are stage
 * 2's to join (lib/layout.c), as in text.
 * Pages are joined with a form feed; the text of page k starts right after
 * the k-1th.
 * poppler itself is reached through the PDF module (lib/pdf_backend.h),
 * loaded when a PDF is read.
 */
#define _GNU_SOURCE /* dladdr, RTLD_NODELETE */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"

#ifndef ZB_HAVE_PDF

int zb__pdf_text(zb_text *t, const char *data, size_t len) {
    ZB_UNUSED(data);
    ZB_UNUSED(len);
    return zb__err_set(&t->err, ZB_EUNSUPPORTED,
                       "this zhibiao was built without PDF support (poppler-glib); rebuild with "
                       "libpoppler-glib-dev installed");
}

int zb__pdf_available(void) { return 0; }

#else

#include <dlfcn.h>

#include "pdf_backend.h"

/* The PDF module: the file ZHIBIAO_PDF_MODULE names, or else the one beside
 * the code of this library (libzhibiao.so, or a program linked with
 * libzhibiao.a: the build tree) or the installed one (ZB_MODULE_DIR). It
 * stays loaded (RTLD_NODELETE): GLib cannot be unloaded. NULL, with why in
 * err (may be NULL), when none loads. */
static void *load_module(const zb_pdf_backend **out, zb_err *err) {
    char beside[4096] = "", tried[8192] = "", why[1024] = "";
    const char *named = getenv("ZHIBIAO_PDF_MODULE");
    if (named && !*named)
        named = NULL; /* set but empty: as if unset */
    Dl_info self;
    if (!named && dladdr((void *)zb__pdf_text, &self) && self.dli_fname) {
        const char *slash = strrchr(self.dli_fname, '/');
        if (slash)
            snprintf(beside, sizeof beside, "%.*s/%s", (int)(slash - self.dli_fname),
                     self.dli_fname, ZB_PDF_MODULE_FILE);
    }
    const char *paths[] = {named, named ? NULL : beside,
                           named ? NULL : ZB_MODULE_DIR "/" ZB_PDF_MODULE_FILE};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        if (!paths[i] || !*paths[i])
            continue;
        size_t n = strlen(tried);
        snprintf(tried + n, sizeof tried - n, "%s%s", n ? ", " : "", paths[i]);
        void *h = dlopen(paths[i], RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
        if (!h) {
            snprintf(why, sizeof why, "%s", dlerror());
            continue;
        }
        zb_pdf_backend_fn get = (zb_pdf_backend_fn)(uintptr_t)dlsym(h, ZB_PDF_BACKEND_SYMBOL);
        const zb_pdf_backend *b = get ? get() : NULL;
        if (b && b->abi == ZB_PDF_BACKEND_ABI) {
            *out = b;
            return h;
        }
        snprintf(why, sizeof why, "%s: %s", paths[i],
                 b ? "a module of another zhibiao version" : "not zhibiao's PDF module");
        dlclose(h);
    }
    if (err)
        zb__err_set(err, ZB_EUNSUPPORTED,
                    "PDF support is not installed: no PDF module loads (tried %s; %s); "
                    "ZHIBIAO_PDF_MODULE may name the file %s",
                    tried, *why ? why : "not found", ZB_PDF_MODULE_FILE);
    return NULL;
}

int zb__pdf_available(void) {
    const zb_pdf_backend *b;
    void *h = load_module(&b, NULL);
    if (!h)
        return 0;
    dlclose(h);
    return 1;
}

typedef struct line {
    const char *s;
    size_t n;     /* without the line break and trailing white space */
    int dropped;  /* 1 a page number, 2 a running header or footer */
    int geo;      /* x1, x2, y are known */
    double x1, x2, y; /* left and right of its ink, top of its first character */
    int wraps;    /* 1 it fills the column and its paragraph goes on in the next line;
                     2 the next line stands beside it (a gap poppler took for a break) */
} line;

typedef struct page {
    char *text; /* the module's, free() */
    line *lines;
    size_t nlines;
    double left, right; /* the column: the ink of the lines with some text */
    double em, pitch;   /* a Chinese character's width; the usual line distance */
    double slack;       /* how far short of the right edge a wrapped line may end */
    int geo;            /* the page's geometry is known */
    int indents;        /* some line starts two characters in: paragraphs are indented */
} page;

#define EDGE 2 /* lines at the top and at the foot where furniture stands */

static int is_space(const char *s, size_t n, size_t i, size_t *k) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f') {
        *k = 1;
        return 1;
    }
    if (i + 3 <= n && !memcmp(s + i, "\xE3\x80\x80", 3)) { /* U+3000 */
        *k = 3;
        return 1;
    }
    return 0;
}

/* The line without spaces, digits as '#': what repeats from page to page. */
static size_t furniture_key(const line *l, char *key, size_t cap) {
    size_t k = 0;
    for (size_t i = 0; i < l->n && k + 1 < cap;) {
        size_t w;
        if (is_space(l->s, l->n, i, &w)) {
            i += w;
            continue;
        }
        key[k++] = l->s[i] >= '0' && l->s[i] <= '9' ? '#' : l->s[i];
        i++;
    }
    key[k] = 0;
    return k;
}

/* — 3 —, -3-, 3, 第3页, 第3页 共12页, 3/12, Page 3 of 12: a page number. */
static int is_page_number(const line *l, size_t npages) {
    char buf[64];
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        size_t w;
        if (is_space(l->s, l->n, i, &w)) {
            i += w - 1;
            continue;
        }
        if (k + 1 >= sizeof buf)
            return 0;
        buf[k++] = l->s[i];
    }
    buf[k] = 0;
    size_t digits = 0, i = 0;
    unsigned long value = 0, first = 0;
    int numbers = 0;
    while (i < k) {
        if (buf[i] >= '0' && buf[i] <= '9') {
            value = 0;
            while (i < k && buf[i] >= '0' && buf[i] <= '9') {
                if (++digits > 8) /* no page number; and value stays small */
                    return 0;
                value = value * 10 + (unsigned long)(buf[i++] - '0');
            }
            if (!numbers++)
                first = value;
            continue;
        }
        static const char *const marks[] = {"—", "–", "-", "~", "·", "/", "第", "页",
                                            "共", "Page", "page", "of", "P", "p"};
        size_t m = 0;
        for (; m < sizeof marks / sizeof *marks; m++) {
            size_t len = strlen(marks[m]);
            if (k - i >= len && !memcmp(buf + i, marks[m], len)) {
                i += len;
                break;
            }
        }
        if (m == sizeof marks / sizeof *marks)
            return 0;
    }
    return numbers >= 1 && numbers <= 2 && digits <= 8 && first >= 1 && first <= npages + 50;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The column, the em and the line pitch of a page, from its lines. */
static void page_geometry(page *p, double em_sum, size_t em_n) {
    p->geo = em_n > 0;
    if (!p->geo)
        return;
    p->em = em_sum / (double)em_n;
    p->left = 1e300;
    p->right = -1e300;
    double *dy = zb__alloc(NULL, (p->nlines + 1) * sizeof *dy);
    size_t ndy = 0;
    const line *prev = NULL;
    for (size_t i = 0; i < p->nlines; i++) {
        const line *l = &p->lines[i];
        if (!l->geo)
            continue;
        if (l->n >= 3) /* a paragraph's last line may hold one character */
            p->left = l->x1 < p->left ? l->x1 : p->left;
        if (l->n >= 12) /* four Chinese characters or more */
            p->right = l->x2 > p->right ? l->x2 : p->right;
        if (prev && dy && l->y > prev->y)
            dy[ndy++] = l->y - prev->y;
        prev = l;
    }
    if (!dy || !ndy || p->left > p->right) {
        p->geo = 0;
    } else {
        /* the distance of lines within a paragraph: the smallest (on a page
         * of one-line paragraphs most distances are gaps between them), not
         * counting lines that overlap or nearly do */
        qsort(dy, ndy, sizeof *dy, by_value);
        size_t i0 = 0;
        while (i0 + 1 < ndy && dy[i0] < 0.8 * p->em)
            i0++;
        p->pitch = dy[i0];
        /* justified text ends its wrapped lines at the right edge; ragged text
         * (and kinsoku: no line opens with ，or closes with “) up to two
         * characters short */
        size_t flush = 0, near = 0;
        for (size_t i = 0; i < p->nlines; i++) {
            const line *l = &p->lines[i];
            if (!l->geo || l->n < 12)
                continue;
            flush += p->right - l->x2 < 0.25 * p->em;
            near += p->right - l->x2 < 1.5 * p->em;
        }
        p->slack = (near && 3 * flush >= 2 * near ? 0.5 : 1.5) * p->em;
        for (size_t i = 0; i < p->nlines; i++) {
            const line *l = &p->lines[i];
            double in = l->x1 - p->left;
            p->indents |= l->geo && l->n >= 12 && in > 1.5 * p->em && in < 2.5 * p->em;
        }
    }
    zb__free(NULL, dy);
}

/* Split poppler's text into lines; rects (n of them, one per character of
 * the text) place each line on the page when they match the text. */
static int split_page(page *p, const zb_pdf_rect *rects, size_t nrects) {
    size_t n = 1, chars = 0;
    for (const char *c = p->text; *c; c++) {
        n += *c == '\n';
        chars += ((unsigned char)*c & 0xC0) != 0x80;
    }
    p->lines = zb__alloc(NULL, n * sizeof *p->lines);
    if (!p->lines)
        return ZB_ENOMEM;
    int geo = rects && nrects == chars;
    double em_sum = 0;
    size_t em_n = 0, ci = 0; /* the character index of s */
    const char *s = p->text;
    for (;;) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        line *l = &p->lines[p->nlines++];
        memset(l, 0, sizeof *l);
        l->s = s;
        l->n = len;
        /* trailing white space */
        while (l->n) {
            size_t w;
            if (l->n >= 3 && is_space(l->s, l->n, l->n - 3, &w) && w == 3)
                l->n -= 3;
            else if (is_space(l->s, l->n, l->n - 1, &w) && w == 1)
                l->n--;
            else
                break;
        }
        for (size_t i = 0; i < len; ci++) {
            size_t w = 1;
            unsigned char c = (unsigned char)s[i];
            while (i + w < len && ((unsigned char)s[i + w] & 0xC0) == 0x80)
                w++;
            if (geo && i < l->n && !is_space(s, len, i, &(size_t){0})) {
                const zb_pdf_rect *r = &rects[ci];
                if (!l->geo || r->x1 < l->x1)
                    l->x1 = r->x1;
                if (!l->geo || r->x2 > l->x2)
                    l->x2 = r->x2;
                if (!l->geo)
                    l->y = r->y1;
                l->geo = 1;
                if (c >= 0xE3 && r->x2 > r->x1) { /* U+3000 on: Chinese, full width */
                    em_sum += r->x2 - r->x1;
                    em_n++;
                }
            }
            i += w;
        }
        if (!e)
            break;
        ci++; /* the line break */
        s = e + 1;
    }
    page_geometry(p, em_sum, em_n);
    return ZB_OK;
}

/* The indexes of the first EDGE and last EDGE non-blank lines that are no
 * page number. */
static size_t edges(const page *p, size_t *out) {
    size_t k = 0;
    for (size_t i = 0, got = 0; i < p->nlines && got < EDGE; i++)
        if (p->lines[i].n && p->lines[i].dropped != 1)
            out[k++] = i, got++;
    size_t top = k;
    for (size_t i = p->nlines, got = 0; i > 0 && got < EDGE; i--)
        if (p->lines[i - 1].n && p->lines[i - 1].dropped != 1) {
            int seen = 0;
            for (size_t j = 0; j < top; j++)
                seen |= out[j] == i - 1;
            if (!seen)
                out[k++] = i - 1;
            got++;
        }
    return k;
}

/* One edge line of one page, by its key. */
typedef struct edge_line {
    char key[128];
    size_t page, line;
} edge_line;

static int by_key(const void *a, const void *b) {
    const edge_line *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    if (x->page != y->page)
        return x->page < y->page ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Drop the edge lines whose key stands at the edges of enough pages. */
static int drop_running(page *pages, size_t np) {
    if (np < 2)
        return ZB_OK;
    edge_line *v = zb__alloc(NULL, np * 2 * EDGE * sizeof *v);
    if (!v)
        return ZB_ENOMEM;
    size_t n = 0;
    for (size_t k = 0; k < np; k++) {
        size_t e[2 * EDGE], ne = edges(&pages[k], e);
        for (size_t x = 0; x < ne; x++) {
            const line *l = &pages[k].lines[e[x]];
            if (l->n <= 120 && furniture_key(l, v[n].key, sizeof v[n].key)) {
                v[n].page = k;
                v[n].line = e[x];
                n++;
            }
        }
    }
    qsort(v, n, sizeof *v, by_key);
    for (size_t i = 0; i < n;) {
        size_t j = i, count = 0;
        for (; j < n && !strcmp(v[j].key, v[i].key); j++)
            count += j == i || v[j].page != v[j - 1].page; /* pages, not lines */
        /* once a page: the running header, not the title under it (政府工作报告) */
        if (count >= 2 && 3 * count >= np)
            for (size_t x = i; x < j; x++)
                if (x == i || v[x].page != v[x - 1].page)
                    pages[v[x].page].lines[v[x].line].dropped = 2;
        i = j;
    }
    zb__free(NULL, v);
    return ZB_OK;
}

/* Does the line reach the column's right edge? Is it indented (or not placed)? */
static int fills(const page *p, const line *l) {
    return p->geo && l->geo && p->right - l->x2 < p->slack;
}

static int indented(const page *p, const line *l) {
    return !p->geo || !l->geo || l->x1 - p->left > 0.5 * p->em;
}

/* A line that fills the column is wrapped when the next one is neither
 * indented (a paragraph's first line) nor further down than the usual pitch
 * (a gap between paragraphs; the document's, as a page of one-line paragraphs
 * has no pitch of its own); across a page break the indent alone decides,
 * in a document whose paragraphs are indented (elsewhere nothing tells).
 * Its line break is no paragraph's end even after a full stop, so it is
 * dropped, and stage 2 sees the paragraph whole as in a text file. */
static void mark_wraps(page *pages, size_t np) {
    line *last = NULL;
    const page *last_page = NULL;
    int indents = 0; /* the document's paragraphs are indented (a page may be one paragraph) */
    double pitch = 0; /* the line distance in a paragraph: the document's smallest usual */
    for (size_t k = 0; k < np; k++) {
        indents |= pages[k].indents;
        if (pages[k].geo && (pitch == 0 || pages[k].pitch < pitch))
            pitch = pages[k].pitch;
    }
    for (size_t k = 0; k < np; k++) {
        const page *p = &pages[k];
        for (size_t i = 0; i < p->nlines; i++) {
            line *l = &p->lines[i];
            if (!l->n || l->dropped)
                continue;
            double dy = last ? l->y - last->y : 0;
            if (last && last_page == p && p->geo && last->geo && l->geo &&
                dy < 0.3 * p->em && -dy < 0.3 * p->em && l->x1 >= last->x2 - 0.1 * p->em)
                last->wraps = 2; /* one physical line that poppler read as several */
            else if (last && fills(last_page, last) && !indented(p, l) &&
                (last_page != p ? indents
                                : l->y > last->y && l->y - last->y <= 1.3 * pitch))
                last->wraps = 1;
            last = l;
            last_page = p;
        }
    }
}

static int ascii_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int number_char(char c) { return (c >= '0' && c <= '9') || c == '.' || c == '%'; }

/* A line without the gaps poppler reads as spaces in justified Chinese text
 * (科技创新 平台, 增长6. 5%): a run of spaces stays only between two ASCII words
 * (GDP 5%, 5G network), never inside a number. */
static int add_line(zb_text *t, const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        /* poppler passes on what a font's ToUnicode map says, even a surrogate */
        if (zb__utf8_clean_add(&t->text, s + i, j - i))
            return ZB_ENOMEM;
        size_t k = j;
        while (k < n && s[k] == ' ')
            k++;
        if (j > i && k < n && k > j && ascii_alnum(s[j - 1]) && ascii_alnum(s[k]) &&
            !(number_char(s[j - 1]) && number_char(s[k])) && zb__text_add(t, " ", 1))
            return ZB_ENOMEM;
        i = k;
    }
    return ZB_OK;
}

static int emit_pages(zb_text *t, page *pages, size_t np) {
    for (size_t k = 0; k < np; k++) {
        if (k && zb__text_add(t, "\f", 1))
            return ZB_ENOMEM;
        if (zb__text_new_page(t))
            return ZB_ENOMEM;
        for (size_t i = 0; i < pages[k].nlines; i++) {
            const line *l = &pages[k].lines[i];
            if (l->dropped)
                continue;
            char end = l->n ? l->s[l->n - 1] : 0;
            int letter = (end >= 'a' && end <= 'z') || (end >= 'A' && end <= 'Z');
            if (add_line(t, l->s, l->n) ||
                (!l->wraps && zb__text_add(t, "\n", 1)) ||
                (((l->wraps == 1 && letter) || l->wraps == 2) && zb__text_add(t, " ", 1)))
                return ZB_ENOMEM;
        }
    }
    return ZB_OK;
}

static int read_pages(zb_text *t, const zb_pdf_backend *b, void *doc, page *pages,
                      size_t np) {
    size_t chars = 0;
    for (size_t k = 0; k < np; k++) {
        zb_pdf_rect *rects = NULL;
        size_t nrects = 0;
        int rc = b->page(doc, (int)k, &pages[k].text, &rects, &nrects) ? ZB_ENOMEM
                 : split_page(&pages[k], rects, nrects);
        free(rects);
        if (rc)
            return ZB_ENOMEM;
        for (const char *c = pages[k].text; *c; c++)
            chars += *c != ' ' && *c != '\n' && *c != '\r' && *c != '\t' && *c != '\f';
    }
    if (!chars)
        return zb__err_set(&t->err, ZB_EFORMAT,
                           "the PDF has %zu page%s but no text: scanned images? (make it "
                           "searchable first, e.g. with ocrmypdf)",
                           np, np == 1 ? "" : "s");
    for (size_t k = 0; k < np; k++) {
        size_t e[2 * EDGE], ne = edges(&pages[k], e);
        for (size_t x = 0; x < ne; x++)
            if (is_page_number(&pages[k].lines[e[x]], np))
                pages[k].lines[e[x]].dropped = 1;
    }
    if (drop_running(pages, np))
        return ZB_ENOMEM;
    mark_wraps(pages, np);
    return emit_pages(t, pages, np);
}

int zb__pdf_text(zb_text *t, const char *data, size_t len) {
    if (len == 0)
        return zb__err_set(&t->err, ZB_EFORMAT, "the file is empty (0 bytes), not a PDF");
    size_t head = len < 1024 ? len : 1024, i = 0;
    while (i + 5 <= head && memcmp(data + i, "%PDF-", 5))
        i++;
    if (i + 5 > head)
        return zb__err_set(&t->err, ZB_EFORMAT, "not a PDF: no %%PDF- header in its first "
                                                "1024 bytes");
    const zb_pdf_backend *b;
    void *module = load_module(&b, &t->err);
    if (!module)
        return ZB_EUNSUPPORTED;
    void *doc;
    char *why = NULL;
    int opened = b->open(data, len, &doc, &why);
    if (opened != ZB_PDF_OK) {
        int rc = opened == ZB_PDF_NOMEM
                     ? ZB_ENOMEM
                     : zb__err_set(&t->err, ZB_EFORMAT,
                                   opened == ZB_PDF_ENCRYPTED
                                       ? "the PDF is encrypted (%s): give a copy without a "
                                         "password"
                                       : "the PDF is damaged or cut short (%s)",
                                   why ? why : "poppler could not open it");
        free(why);
        dlclose(module);
        return rc;
    }
    int n = b->page_count(doc);
    int rc = ZB_OK;
    page *pages = n > 0 ? zb__alloc(NULL, (size_t)n * sizeof *pages) : NULL;
    if (n <= 0)
        rc = zb__err_set(&t->err, ZB_EFORMAT, "the PDF has no pages (damaged or cut short?)");
    else if (!pages)
        rc = ZB_ENOMEM;
    else {
        memset(pages, 0, (size_t)n * sizeof *pages);
        rc = read_pages(t, b, doc, pages, (size_t)n);
        for (int k = 0; k < n; k++) {
            free(pages[k].text);
            zb__free(NULL, pages[k].lines);
        }
    }
    zb__free(NULL, pages);
    b->close(doc);
    dlclose(module);
    return rc;
}

#endif
