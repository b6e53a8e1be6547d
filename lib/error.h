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

#endif
