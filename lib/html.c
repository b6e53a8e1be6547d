/*
 * Layer "source", part 2: an HTML page → the text of its article (libxml2).
 *
 *   1. charset: UTF-16 by its byte order mark; UTF-8 when the bytes are
 *      valid UTF-8; else the page's own <meta charset> or http-equiv
 *      Content-Type (GB2312 and GBK read as their superset GB18030), else
 *      GB18030; the page
 *      is converted to UTF-8 before libxml2 reads it (charset.c), a bad byte
 *      becoming U+FFFD;
 *   2. one walk over the tree scores every element: the Chinese characters
 *      and sentence punctuation of its text outside links, never counting
 *      what is skipped (script, style, nav, header, footer … by element) and,
 *      separately, what is page furniture (class or id words: nav, menu,
 *      share …); both lists are schema/html.tsv. When the furniture words
 *      would drop most of the page's text they name the article itself
 *      (id="printContent"), and are not used;
 *   3. the article: from <body>, go down into the child that holds three
 *      quarters of the score as long as there is one; the nearest <h1>–<h3>
 *      before it is its headline;
 *   4. its text: block elements (html.tsv: p, div, br, li, h1–h6, tr, td …)
 *      end lines, white space runs become one space.
 * The walks use the tree's own links, not recursion, so a deeply nested page
 * cannot exhaust the stack.
 */
#include <stdint.h>
#include <string.h>

#include "chars.h"
#include "source.h"
#include "tables.h"

#ifndef ZB_HAVE_HTML

int zb__html_text(zb_text *t, const char *data, size_t len) {
    ZB_UNUSED(data);
    ZB_UNUSED(len);
    return zb__err_set(&t->err, ZB_EUNSUPPORTED,
                       "this zhibiao was built without HTML support (libxml2); rebuild with "
                       "libxml2-dev installed");
}

#else

#include <limits.h>
#include <pthread.h>
#include <utf8proc.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

/* What the first walk knows of an element. */
typedef struct node_info {
    double score;      /* text score without furniture */
    double score_all;  /* text score with furniture */
    unsigned flags;    /* F_* */
    size_t order, end; /* pre-order numbers of the element and past its last descendant */
} node_info;

enum {
    F_SKIP = 1u << 0,      /* never read */
    F_FURNITURE = 1u << 1, /* page furniture, or inside it */
    F_LINK = 1u << 2,      /* inside <a> */
    F_PRE = 1u << 3        /* inside <pre> */
};

typedef struct walk {
    zb_vec info;     /* node_info; an element's _private is its index + 1 */
    zb_vec headings; /* size_t: indexes into info of h1–h3, in document order */
    size_t order;
} walk;

static node_info *info_of(walk *w, const xmlNode *n) {
    uintptr_t i = (uintptr_t)n->_private;
    return i ? ZB_VEC_AT(w->info, node_info, i - 1) : NULL;
}

static const char *name_of(const xmlNode *n) { return (const char *)n->name; }

static int is_role(const xmlNode *n, int role) {
    return n->name && zb__lex_is(&zb__html, name_of(n), strlen(name_of(n)), role);
}

/* An attribute's value, lower-cased (ASCII) into buf, cut at a character. */
static size_t attr_lower(const xmlNode *n, const char *name, char *buf, size_t cap) {
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    if (!v)
        return 0;
    size_t k = 0;
    for (const xmlChar *p = v; *p && k + 1 < cap; p++) {
        char c = (char)*p;
        buf[k++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    while (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > 0 && (unsigned char)buf[k - 1] >= 0xC0)
        k--;
    buf[k] = 0;
    xmlFree(v);
    return k;
}

static int hidden(const xmlNode *n) {
    char buf[256];
    if (xmlHasProp(n, (const xmlChar *)"hidden"))
        return 1;
    size_t k = attr_lower(n, "style", buf, sizeof buf), j = 0;
    for (size_t i = 0; i < k; i++)
        if (buf[i] != ' ' && buf[i] != '\t')
            buf[j++] = buf[i];
    buf[j] = 0;
    return strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

static int furniture(const xmlNode *n) {
    static const char *const attrs[] = {"class", "id"};
    char buf[256];
    for (size_t a = 0; a < 2; a++) {
        size_t k = attr_lower(n, attrs[a], buf, sizeof buf);
        if (k && zb__lex_any(&zb__html, buf, k, ZB_HT_furniture))
            return 1;
    }
    return 0;
}

/* Chinese characters plus three for each sentence or clause mark. */
static double text_score(const char *s) {
    size_t n = strlen(s);
    double score = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = zb__utf8_decode(s + i, n - i, &cp);
        if (cp > 0 && zb__is_cjk((uint32_t)cp))
            score += 1;
        else if (cp == 0x3002 || cp == 0xFF0C || cp == 0xFF1B || cp == 0xFF1A || cp == 0x3001 ||
                 cp == 0xFF01 || cp == 0xFF1F || cp == ',' || cp == ';' || cp == ':')
            score += 3;
        i += k ? k : 1;
    }
    return score;
}

static int enter_element(walk *w, xmlNode *n, unsigned parent_flags) {
    node_info *in = zb__vec_push(NULL, &w->info);
    if (!in)
        return ZB_ENOMEM;
    n->_private = (void *)(uintptr_t)w->info.len;
    in->order = w->order++;
    in->flags = parent_flags;
    if (is_role(n, ZB_HT_skip) || hidden(n))
        in->flags |= F_SKIP;
    else if (!(in->flags & F_FURNITURE) && furniture(n))
        in->flags |= F_FURNITURE;
    const char *name = name_of(n);
    if (!strcmp(name, "a"))
        in->flags |= F_LINK;
    if (!strcmp(name, "pre"))
        in->flags |= F_PRE;
    if (!(in->flags & (F_SKIP | F_FURNITURE)) && name[0] == 'h' && name[1] >= '1' &&
        name[1] <= '3' && !name[2]) {
        size_t *h = zb__vec_push(NULL, &w->headings);
        if (!h)
            return ZB_ENOMEM;
        *h = w->info.len - 1;
    }
    return ZB_OK;
}

/* Walk 1: number and score every element under root. */
static int score_tree(walk *w, xmlNode *root) {
    xmlNode *n = root;
    while (n) {
        xmlNode *parent = n == root ? NULL : n->parent;
        node_info *pi = parent ? info_of(w, parent) : NULL;
        unsigned pf = pi ? pi->flags & ~F_SKIP : 0;
        if (n->type == XML_ELEMENT_NODE) {
            if (enter_element(w, n, pf))
                return ZB_ENOMEM;
            if (!(info_of(w, n)->flags & F_SKIP) && n->children) {
                n = n->children;
                continue;
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && pi &&
                   n->content && !(pf & F_LINK)) {
            double s = text_score((const char *)n->content);
            pi->score_all += s;
            if (!(pf & F_FURNITURE))
                pi->score += s;
        }
        /* leave n (and every parent it was the last child of) */
        for (;;) {
            node_info *in = n->type == XML_ELEMENT_NODE ? info_of(w, n) : NULL;
            if (in) {
                in->end = w->order;
                if (in->flags & F_SKIP)
                    in->score = in->score_all = 0;
                node_info *up = n == root ? NULL : info_of(w, n->parent);
                if (up) {
                    up->score += in->score;
                    up->score_all += in->score_all;
                }
            }
            if (n == root) {
                n = NULL;
                break;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
    return ZB_OK;
}

static double key(walk *w, const xmlNode *n, int use_class) {
    const node_info *in = info_of(w, n);
    return !in ? 0 : use_class ? in->score : in->score_all;
}

static int dropped(walk *w, const xmlNode *n, int use_class) {
    const node_info *in = info_of(w, n);
    return !in || (in->flags & F_SKIP) || (use_class && (in->flags & F_FURNITURE));
}

/* Go down from body into the child that holds three quarters of the score. */
static xmlNode *article(walk *w, xmlNode *body, int use_class) {
    xmlNode *cur = body;
    for (;;) {
        double total = key(w, cur, use_class);
        xmlNode *best = NULL;
        if (total > 0)
            for (xmlNode *c = cur->children; c; c = c->next)
                if (c->type == XML_ELEMENT_NODE && !dropped(w, c, use_class) &&
                    key(w, c, use_class) >= 0.75 * total)
                    best = c;
        if (!best)
            return cur;
        cur = best;
    }
}

/* ---- walk 2: the text ---- */

static int newline(zb_text *t) {
    zb_buf *b = &t->text;
    while (b->len && b->data[b->len - 1] == ' ')
        b->len--;
    if (!b->len || b->data[b->len - 1] == '\n')
        return ZB_OK;
    return zb__text_add(t, "\n", 1);
}

/* A table's cell opens: after the row's cells before it on the line, a ':'
 * (地区生产总值增长:5.5%左右), so a row of figures stays one line. */
static int cell_opens(zb_text *t) {
    zb_buf *b = &t->text;
    while (b->len && b->data[b->len - 1] == ' ')
        b->len--;
    if (!b->len || b->data[b->len - 1] == '\n' || b->data[b->len - 1] == ':')
        return ZB_OK;
    return zb__text_add(t, ":", 1);
}

static int add_text(zb_text *t, const char *s, int pre) {
    zb_buf *b = &t->text;
    for (const char *p = s; *p;) {
        char c = *p;
        if (pre && c == '\n') {
            if (zb__text_add(t, "\n", 1))
                return ZB_ENOMEM;
            p++;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            while (*p == ' ' || *p == '\t' || (*p == '\n' && !pre) || *p == '\r' || *p == '\f' ||
                   *p == '\v')
                p++;
            /* no space after a cell's ':' either (城镇新增就业:12万人以上) */
            if (b->len && b->data[b->len - 1] != '\n' && b->data[b->len - 1] != ' ' &&
                b->data[b->len - 1] != ':' && zb__text_add(t, " ", 1))
                return ZB_ENOMEM;
        } else {
            const char *q = p;
            while (*q && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r' && *q != '\f' &&
                   *q != '\v')
                q++;
            if (zb__text_add(t, p, (size_t)(q - p)))
                return ZB_ENOMEM;
            p = q;
        }
    }
    return ZB_OK;
}

static int emit(zb_text *t, walk *w, xmlNode *root, int use_class) {
    xmlNode *n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            if (!dropped(w, n, use_class)) {
                if (is_role(n, ZB_HT_block) && newline(t))
                    return ZB_ENOMEM;
                if (is_role(n, ZB_HT_cell) && cell_opens(t))
                    return ZB_ENOMEM;
                if (n->children) {
                    n = n->children;
                    continue;
                }
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                   n->content && n != root) {
            const node_info *pi = info_of(w, n->parent);
            if (add_text(t, (const char *)n->content, pi && (pi->flags & F_PRE)))
                return ZB_ENOMEM;
        }
        for (;;) {
            if (n->type == XML_ELEMENT_NODE && !dropped(w, n, use_class) &&
                is_role(n, ZB_HT_block) && newline(t))
                return ZB_ENOMEM;
            if (n == root) {
                n = NULL;
                break;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
    return newline(t);
}

/* The nearest h1–h3 before the article and outside it. */
static xmlNode *headline(walk *w, xmlNode *doc_root, const xmlNode *art) {
    const node_info *a = info_of(w, art);
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < w->headings.len; i++) {
        size_t h = *ZB_VEC_AT(w->headings, size_t, i);
        const node_info *hi = ZB_VEC_AT(w->info, node_info, h);
        if (hi->order < a->order && hi->end <= a->order && hi->score_all > 0)
            best = h;
    }
    if (best == SIZE_MAX)
        return NULL;
    /* find the element by its number: a walk, once per page */
    for (xmlNode *n = doc_root; n;) {
        if (n->type == XML_ELEMENT_NODE && (uintptr_t)n->_private == best + 1)
            return n;
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != doc_root && !n->next)
            n = n->parent;
        n = n && n != doc_root ? n->next : NULL;
    }
    return NULL;
}

/* ---- charset ---- */

static int valid_utf8(const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

/* The charset the page names in its first 4 KB (<meta charset=…>, content=
 * "text/html; charset=…"), lower case, or "". */
static void declared(const char *data, size_t len, char *name, size_t cap) {
    size_t n = len < 4096 ? len : 4096, k = 0;
    for (size_t i = 0; i + 7 < n && !k; i++) {
        static const char word[] = "charset";
        size_t j = 0;
        while (j < 7 && (data[i + j] | 0x20) == word[j])
            j++;
        if (j < 7)
            continue;
        size_t p = i + 7;
        while (p < n && (data[p] == ' ' || data[p] == '=' || data[p] == '"' || data[p] == '\''))
            p++;
        while (p < n && k + 1 < cap &&
               ((data[p] >= 'a' && data[p] <= 'z') || (data[p] >= 'A' && data[p] <= 'Z') ||
                (data[p] >= '0' && data[p] <= '9') || data[p] == '-' || data[p] == '_'))
            name[k++] = (char)(data[p++] | 0x20);
    }
    name[k] = 0;
}

/* The charset to read the page in, for iconv. */
static const char *charset_of(const char *data, size_t len, char *name, size_t cap) {
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return "UTF-16"; /* its byte order mark says which */
    /* valid UTF-8 is UTF-8, whatever an old <meta> says: GBK text is not
     * valid UTF-8 beyond a few characters, and pages saved anew keep their
     * old charset=gb2312 */
    if (valid_utf8(data, len))
        return "UTF-8";
    declared(data, len, name, cap);
    static const char *const gb[] = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936",
                                     "x-cp936", "euc-cn", "windows-936"};
    for (size_t i = 0; i < sizeof gb / sizeof *gb; i++)
        if (!strcmp(name, gb[i]))
            return "GB18030"; /* the superset: pages that say gb2312 use GBK's characters */
    if (!strcmp(name, "utf-8") || !strcmp(name, "utf8"))
        return "UTF-8"; /* broken UTF-8: cleaned */
    if (*name)
        return name; /* big5, iso-8859-1 …: iconv's names */
    return "GB18030";
}

static void quiet(void *ctx, const char *msg, ...) {
    ZB_UNUSED(ctx);
    ZB_UNUSED(msg);
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static void init_libxml(void) { xmlInitParser(); }

int zb__html_text(zb_text *t, const char *data, size_t len) {
    if (len == 0)
        return zb__err_set(&t->err, ZB_EFORMAT, "the page is empty (0 bytes)");
    pthread_once(&init_once, init_libxml);
    /* to UTF-8 first: libxml2 would stop at the first byte not of the charset */
    char name[48];
    zb_buf utf8 = {0};
    int rc = zb__to_utf8(&utf8, data, len, charset_of(data, len, name, sizeof name));
    if (rc == ZB_EINVAL) /* a charset iconv does not know */
        rc = zb__to_utf8(&utf8, data, len, valid_utf8(data, len) ? "UTF-8" : "GB18030");
    if (rc || utf8.len > INT_MAX) {
        zb__buf_free(NULL, &utf8);
        return rc ? rc : zb__err_set(&t->err, ZB_EFORMAT, "the page is too large");
    }
    /* libxml2's messages go to its handler of this thread: none, for a while */
    xmlGenericErrorFunc saved = xmlGenericError;
    void *saved_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, quiet);
    htmlDocPtr doc = htmlReadMemory(utf8.data ? utf8.data : "", (int)utf8.len, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                        HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
    xmlSetGenericErrorFunc(saved_ctx, saved);
    zb__buf_free(NULL, &utf8);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        return zb__err_set(&t->err, ZB_EFORMAT, "not an HTML page: no element could be read");
    }
    walk w = {.info = {.size = sizeof(node_info)}, .headings = {.size = sizeof(size_t)}};
    rc = score_tree(&w, root);
    xmlNode *body = root;
    for (xmlNode *c = root->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !strcmp(name_of(c), "body"))
            body = c;
    if (rc == ZB_OK) {
        const node_info *bi = info_of(&w, body);
        /* furniture words that would take most of a page's text (an article's
         * worth) name the article itself */
        int use_class = bi->score >= 0.5 * bi->score_all || bi->score_all < 200;
        xmlNode *art = article(&w, body, use_class);
        xmlNode *head = art != body ? headline(&w, root, art) : NULL;
        if (head)
            rc = emit(t, &w, head, use_class);
        if (rc == ZB_OK)
            rc = emit(t, &w, art, use_class);
    }
    zb__vec_free(NULL, &w.info);
    zb__vec_free(NULL, &w.headings);
    xmlFreeDoc(doc);
    if (rc)
        return rc;
    if (!t->text.len)
        return zb__err_set(&t->err, ZB_EFORMAT, "the page holds no text outside scripts, "
                                                "menus and page furniture");
    return ZB_OK;
}

#endif
