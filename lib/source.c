/* Layer "source", part 1: the zb_text handle, the input formats and their
 * detection by content. The readers are html.c and pdf.c. */
#include <string.h>

#include "source.h"

static const char *const format_names[] = {"auto", "text", "html", "pdf"};

const char *zb_input_format_name(zb_input_format f) {
    return (unsigned)f < sizeof format_names / sizeof *format_names ? format_names[f] : "auto";
}

int zb_input_format_from_name(zb_input_format *out, const char *name) {
    if (!out || !name)
        return ZB_EINVAL;
    for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++)
        if (!strcmp(name, format_names[i])) {
            *out = (zb_input_format)i;
            return ZB_OK;
        }
    return ZB_EINVAL;
}

int zb_input_supported(zb_input_format f) {
    switch (f) {
    case ZB_INPUT_AUTO: case ZB_INPUT_TEXT: return 1;
#ifdef ZB_HAVE_HTML
    case ZB_INPUT_HTML: return 1;
#endif
    case ZB_INPUT_PDF: return zb__pdf_available();
    default: return 0;
    }
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

/* Does s[0..n) hold word (lower case), ASCII letters in any case? */
static int holds(const char *s, size_t n, const char *word) {
    size_t k = strlen(word);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && lower(s[i + j]) == word[j])
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* A tag <name followed by white space, '>' or '/' in s[0..n). */
static int holds_tag(const char *s, size_t n, const char *name) {
    size_t k = strlen(name);
    for (size_t i = 0; i + k + 2 <= n; i++) {
        if (s[i] != '<')
            continue;
        size_t j = 0;
        while (j < k && lower(s[i + 1 + j]) == name[j])
            j++;
        char c = s[i + 1 + k];
        if (j == k && (c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r'))
            return 1;
    }
    return 0;
}

zb_input_format zb_input_detect(const char *data, size_t len) {
    if (!data)
        return ZB_INPUT_TEXT;
    size_t n = len < 1024 ? len : 1024;
    for (size_t i = 0; i + 5 <= n; i++)
        if (!memcmp(data + i, "%PDF-", 5))
            return ZB_INPUT_PDF;
    if (holds(data, n, "<!doctype html") || holds_tag(data, n, "html"))
        return ZB_INPUT_HTML;
    size_t i = n >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
        i++;
    if (i == n || data[i] != '<')
        return ZB_INPUT_TEXT;
    static const char *const tags[] = {"head", "body", "meta", "title", "div", "p", "table",
                                       "br", "h1", "h2", "h3", "h4", "h5", "h6"};
    for (size_t t = 0; t < sizeof tags / sizeof *tags; t++)
        if (holds_tag(data, n, tags[t]))
            return ZB_INPUT_HTML;
    return ZB_INPUT_TEXT;
}

int zb__text_add(zb_text *t, const char *s, size_t n) {
    return zb__buf_add(NULL, &t->text, s, n) ? ZB_ENOMEM : ZB_OK;
}

int zb__text_new_page(zb_text *t) {
    size_t *p = zb__vec_push(NULL, &t->pages);
    if (!p)
        return ZB_ENOMEM;
    *p = t->text.len;
    return ZB_OK;
}

int zb_source_text(zb_text **out, const char *data, size_t len, zb_input_format format) {
    if (!out)
        return ZB_EINVAL;
    *out = NULL;
    zb_text *t = zb__alloc(NULL, sizeof *t);
    if (!t)
        return ZB_ENOMEM;
    memset(t, 0, sizeof *t);
    t->pages.size = sizeof(size_t);
    *out = t;
    if (!data && len)
        return zb__err_set(&t->err, ZB_EINVAL, "data is NULL but len is %zu", len);
    if ((unsigned)format > ZB_INPUT_PDF)
        return zb__err_set(&t->err, ZB_EINVAL, "unknown input format %d", (int)format);
    if (!data)
        data = "";
    t->format = format == ZB_INPUT_AUTO ? zb_input_detect(data, len) : format;
    int rc;
    switch (t->format) {
    case ZB_INPUT_HTML: rc = zb__html_text(t, data, len); break;
    case ZB_INPUT_PDF: rc = zb__pdf_text(t, data, len); break;
    default: rc = zb__text_add(t, data, len); break;
    }
    /* always a string, even when empty */
    if (rc == ZB_OK && zb__buf_grow(NULL, &t->text, 1))
        rc = ZB_ENOMEM;
    if (rc == ZB_OK)
        t->text.data[t->text.len] = 0;
    if (rc == ZB_ENOMEM)
        return zb__err_set(&t->err, rc, "out of memory reading the %s",
                           zb_input_format_name(t->format));
    if (rc == ZB_OK)
        t->err.code = ZB_OK;
    return rc;
}

zb_input_format zb_text_format(const zb_text *t) { return t ? t->format : ZB_INPUT_AUTO; }
const char *zb_text_data(const zb_text *t) { return t && t->text.data ? t->text.data : ""; }
size_t zb_text_len(const zb_text *t) { return t ? t->text.len : 0; }

const size_t *zb_text_pages(const zb_text *t, size_t *count) {
    if (count)
        *count = t ? t->pages.len : 0;
    return t && t->pages.len ? (const size_t *)t->pages.data : NULL;
}

int zb_text_page_of(const zb_text *t, size_t offset) {
    if (!t)
        return 0;
    const size_t *p = t->pages.data;
    size_t lo = 0, hi = t->pages.len; /* pages starting at or before offset: [0, lo) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p[mid] <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (int)lo;
}

const char *zb_text_errmsg(const zb_text *t) {
    return t ? zb__err_msg(&t->err) : zb_strerror(ZB_ENOMEM);
}

void zb_text_free(zb_text *t) {
    if (!t)
        return;
    zb__buf_free(NULL, &t->text);
    zb__vec_free(NULL, &t->pages);
    zb__free(NULL, t);
}
