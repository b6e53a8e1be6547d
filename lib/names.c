/* Bottom layer: the enumerations' names (see names.h) and the public
 * zb_*_name() / zb_*_from_name() built on them. */
#include <string.h>

#include "names.h"

#define ZB_NAME_AT(value, text) [value] = text,
#define ZB_NAMES_DEFINE(var, what, LIST)                                                \
    static const char *const var##_list[] = {LIST(ZB_NAME_AT)};                         \
    const zb_names var = {what, var##_list, (int)(sizeof var##_list / sizeof *var##_list)};

ZB_NAMES_DEFINE(zb__cmp_names, "cmp", ZB_CMP_NAMES)
ZB_NAMES_DEFINE(zb__kind_names, "kind", ZB_KIND_NAMES)
ZB_NAMES_DEFINE(zb__measure_names, "measure", ZB_MEASURE_NAMES)
ZB_NAMES_DEFINE(zb__sector_names, "sector", ZB_SECTOR_NAMES)
ZB_NAMES_DEFINE(zb__qkind_names, "quantity kind", ZB_QKIND_NAMES)
ZB_NAMES_DEFINE(zb__period_names, "period", ZB_PERIOD_NAMES)
ZB_NAMES_DEFINE(zb__commitment_names, "commitment", ZB_COMMITMENT_NAMES)

const char *zb__name(const zb_names *t, int v) {
    return v >= 0 && v < t->count && t->name[v] ? t->name[v] : "?";
}

int zb__name_value(const zb_names *t, const char *name) {
    if (!name)
        return -1;
    for (int i = 0; i < t->count; i++)
        if (t->name[i] && strcmp(t->name[i], name) == 0)
            return i;
    return -1;
}

const char *zb_cmp_name(zb_cmp c) { return zb__name(&zb__cmp_names, (int)c); }
const char *zb_kind_name(zb_kind k) { return zb__name(&zb__kind_names, (int)k); }
const char *zb_measure_name(zb_measure m) { return zb__name(&zb__measure_names, (int)m); }
const char *zb_sector_name(zb_sector s) { return zb__name(&zb__sector_names, (int)s); }
const char *zb_qkind_name(zb_qkind k) { return zb__name(&zb__qkind_names, (int)k); }
const char *zb_period_name(zb_period p) { return zb__name(&zb__period_names, (int)p); }
const char *zb_commitment_name(zb_commitment c) {
    return zb__name(&zb__commitment_names, (int)c);
}

int zb_sector_from_name(zb_sector *out, const char *name) {
    int i = zb__name_value(&zb__sector_names, name);
    if (i < 0 || !out)
        return ZB_EINVAL;
    *out = (zb_sector)i;
    return ZB_OK;
}

int zb_kind_from_name(zb_kind *out, const char *name) {
    int i = zb__name_value(&zb__kind_names, name);
    if (i < 0 || !out)
        return ZB_EINVAL;
    *out = (zb_kind)i;
    return ZB_OK;
}
