/* Bottom layer: the per-handle error (a status code and a message). */
#ifndef ZB_ERROR_H
#define ZB_ERROR_H

#include "zhibiao.h"

typedef struct zb_err {
    int code;
    char msg[320];
} zb_err;

int zb__err_set(zb_err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *zb__err_msg(const zb_err *e);

/* The caller's options as the current version (NULL: the defaults); a
 * version 1 struct is read only as far as it goes. ZB_EINVAL on an unknown
 * version (*out then holds the defaults). */
int zb__parse_options_read(zb_parse_options *out, const zb_parse_options *opts);

#endif
