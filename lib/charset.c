/* Layer "source", part 4: a web page's bytes in its charset → UTF-8 (iconv),
 * leniently: a byte sequence that is not of the charset becomes U+FFFD and
 * the rest is still read, so that one bad byte does not cost the page. NUL
 * characters are dropped. */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <utf8proc.h>

#include "source.h"

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

int zb__utf8_clean_add(zb_buf *out, const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && (unsigned char)s[j] < 0x80 && s[j])
            j++;
        if (j > i && zb__buf_add(NULL, out, s + i, j - i))
            return ZB_ENOMEM;
        i = j;
        if (i == n)
            break;
        if (!s[i]) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            if (zb__buf_add(NULL, out, REPLACEMENT, 3))
                return ZB_ENOMEM;
            i++;
        } else {
            if (zb__buf_add(NULL, out, s + i, (size_t)k))
                return ZB_ENOMEM;
            i += (size_t)k;
        }
    }
    return ZB_OK;
}

int zb__to_utf8(zb_buf *out, const char *data, size_t len, const char *from) {
    out->len = 0;
    if (!strcmp(from, "UTF-8"))
        return zb__utf8_clean_add(out, data, len);
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return ZB_EINVAL;
    zb_buf raw = {0};
    char *in = (char *)data; /* iconv's prototype; it does not write there */
    size_t left = len;
    int rc = ZB_OK;
    while (left && rc == ZB_OK) {
        if (zb__buf_grow(NULL, &raw, left * 2 + 64)) {
            rc = ZB_ENOMEM;
            break;
        }
        char *o = raw.data + raw.len;
        size_t room = raw.cap - raw.len - 1;
        size_t r = iconv(cd, &in, &left, &o, &room);
        raw.len = (size_t)(o - raw.data);
        if (r != (size_t)-1 || errno == E2BIG)
            continue;
        /* EILSEQ: not of the charset; EINVAL: cut off at the end */
        if (zb__buf_add(NULL, &raw, REPLACEMENT, 3))
            rc = ZB_ENOMEM;
        in++;
        left--;
        iconv(cd, NULL, NULL, NULL, NULL); /* back to the initial shift state */
    }
    iconv_close(cd);
    if (rc == ZB_OK)
        rc = zb__utf8_clean_add(out, raw.data ? raw.data : "", raw.len);
    zb__buf_free(NULL, &raw);
    return rc;
}
