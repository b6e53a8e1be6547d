/* Status codes, their names, and the per-handle error message. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

const char *zb_strerror(int status) {
    switch (status) {
    case ZB_OK: return "ok";
    case ZB_ERROR: return "error";
    case ZB_ENOMEM: return "out of memory";
    case ZB_EINVAL: return "invalid argument";
    case ZB_EUTF8: return "invalid UTF-8";
    case ZB_EENCODING: return "unsupported encoding or binary input";
    case ZB_EIO: return "input/output error";
    case ZB_EDB: return "database error";
    case ZB_ESCHEMA: return "unsupported database schema";
    case ZB_EBUSY: return "database is locked";
    case ZB_ENOTFOUND: return "not found";
    case ZB_EREADONLY: return "database is read-only";
    case ZB_EFORMAT: return "not a readable HTML page or PDF";
    case ZB_EUNSUPPORTED: return "input format not built in";
    case ZB_ROW: return "row";
    case ZB_DONE: return "done";
    default: return "unknown status";
    }
}

int zb__err_set(zb_err *e, int code, const char *fmt, ...) {
    if (!e)
        return code;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}

const char *zb__err_msg(const zb_err *e) {
    if (!e)
        return zb_strerror(ZB_ENOMEM);
    if (e->code == ZB_OK)
        return "no error";
    return e->msg[0] ? e->msg : zb_strerror(e->code);
}

const char *zb_version(void) { return ZB_VERSION_STRING; }

/* The bytes of zb_parse_options each version has. */
static size_t options_size(unsigned int version) {
    return version == 1 ? offsetof(zb_parse_options, pages)
           : version == ZB_PARSE_OPTIONS_VERSION ? sizeof(zb_parse_options)
                                                 : 0;
}

int zb_parse_options_init(zb_parse_options *opts, unsigned int version) {
    size_t size = options_size(version);
    if (!opts || !size)
        return ZB_EINVAL;
    zb_parse_options d = ZB_PARSE_OPTIONS_INIT;
    d.version = version;
    memcpy(opts, &d, size);
    return ZB_OK;
}

int zb__parse_options_read(zb_parse_options *out, const zb_parse_options *opts) {
    zb_parse_options d = ZB_PARSE_OPTIONS_INIT;
    *out = d;
    if (!opts)
        return ZB_OK;
    size_t size = options_size(opts->version);
    if (!size)
        return ZB_EINVAL;
    memcpy(out, opts, size);
    return ZB_OK;
}
