/* Status codes, their names, and the per-handle error message. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "tables.h"

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

static const char *const cmp_names[] = {"=", ">=", "<=", ">", "<", "~"};
static const char *const kind_names[] = {"achieved", "target"};
static const char *const measure_names[] = {"level", "share", "growth",
                                            "change", "gap", "rank"};
#define NAME_ENTRY(n) #n,
static const char *const sector_names[] = {ZB_SECTORS(NAME_ENTRY)};
static const char *const qkind_names[] = {"amount", "percent", "points", "multiple",
                                          "rank",   "number",  "year",   "date",
                                          "name",   "ordinal", "marker"};
#define NAME_OF(table, i)                                                                \
    ((unsigned)(i) < sizeof(table) / sizeof(table[0]) ? table[i] : "?")

const char *zb_cmp_name(zb_cmp c) { return NAME_OF(cmp_names, c); }
const char *zb_kind_name(zb_kind k) { return NAME_OF(kind_names, k); }
const char *zb_measure_name(zb_measure m) { return NAME_OF(measure_names, m); }
const char *zb_sector_name(zb_sector s) { return NAME_OF(sector_names, s); }
const char *zb_qkind_name(zb_qkind k) { return NAME_OF(qkind_names, k); }

static int index_of(const char *const *names, size_t n, const char *name) {
    if (!name)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return (int)i;
    return -1;
}

int zb_sector_from_name(zb_sector *out, const char *name) {
    int i = index_of(sector_names, sizeof sector_names / sizeof *sector_names, name);
    if (i < 0 || !out)
        return ZB_EINVAL;
    *out = (zb_sector)i;
    return ZB_OK;
}

int zb_kind_from_name(zb_kind *out, const char *name) {
    int i = index_of(kind_names, 2, name);
    if (i < 0 || !out)
        return ZB_EINVAL;
    *out = (zb_kind)i;
    return ZB_OK;
}

int zb_parse_options_init(zb_parse_options *opts, unsigned int version) {
    if (!opts || version != ZB_PARSE_OPTIONS_VERSION)
        return ZB_EINVAL;
    zb_parse_options d = ZB_PARSE_OPTIONS_INIT;
    *opts = d;
    return ZB_OK;
}
