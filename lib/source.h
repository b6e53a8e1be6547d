/*
 * Layer "source": a report as users have it — an HTML page, a PDF file —
 * made into the UTF-8 text that stage 1 reads, with the byte offsets where
 * its pages start. source.c holds the handle and the format detection,
 * html.c the HTML reader (libxml2) with charset.c, pdf.c the PDF reader
 * (poppler-glib);
 * each reader is a stub that says what to install when its library was not
 * there at build time (ZB_HAVE_HTML, ZB_HAVE_PDF).
 */
#ifndef ZB_SOURCE_H
#define ZB_SOURCE_H

#include "error.h"
#include "mem.h"

struct zb_text {
    zb_err err;
    zb_input_format format;
    zb_buf text;  /* NUL-terminated once anything was added */
    zb_vec pages; /* size_t: byte offsets in text where pages start */
};

/* Append n bytes to the text; ZB_OK or ZB_ENOMEM. */
int zb__text_add(zb_text *t, const char *s, size_t n);
/* A new page starts at the current end of the text. */
int zb__text_new_page(zb_text *t);

/* Append s[0..n), UTF-8 with whatever a library let through, as valid UTF-8:
 * an invalid sequence (a stray byte, an overlong form, an encoded surrogate)
 * becomes U+FFFD, a NUL is dropped. ZB_OK or ZB_ENOMEM. */
int zb__utf8_clean_add(zb_buf *out, const char *s, size_t n);

/* data[0..len) in charset `from` (iconv's name; "UTF-8" cleans UTF-8) as
 * UTF-8 in *out: sequences not of the charset become U+FFFD, NULs are
 * dropped. ZB_OK, ZB_ENOMEM, or ZB_EINVAL when iconv knows no such charset. */
int zb__to_utf8(zb_buf *out, const char *data, size_t len, const char *from);

/* The readers: fill t->text (and t->pages) from data[0..len). They return
 * ZB_OK, ZB_EFORMAT (with a message), ZB_EUNSUPPORTED or ZB_ENOMEM. */
int zb__html_text(zb_text *t, const char *data, size_t len);
int zb__pdf_text(zb_text *t, const char *data, size_t len);
/* Does the PDF module load (lib/pdf_backend.h)? */
int zb__pdf_available(void);

#endif
