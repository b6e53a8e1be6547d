/* Bottom layer: the contract's fields as a table (see fields.h), and the
 * public zb_field_count() / zb_field_name(). */
#include <math.h>
#include <string.h>

#include "fields.h"

/* The types of fields.h, and whether they are null on a qualitative row. */
#define ZB_TYPE_SIZE ZB_FT_SIZE, 0
#define ZB_TYPE_TEXT ZB_FT_TEXT, 0
#define ZB_TYPE_TEXTQ ZB_FT_TEXT, 1
#define ZB_TYPE_ID ZB_FT_ID, 0
#define ZB_TYPE_OTEXT ZB_FT_OTEXT, 0
#define ZB_TYPE_REAL ZB_FT_REAL, 0
#define ZB_TYPE_REALQ ZB_FT_REAL, 1
#define ZB_TYPE_YEAR ZB_FT_YEAR, 0
#define ZB_TYPE_BOOL ZB_FT_BOOL, 0
#define ZB_TYPE_ENUM ZB_FT_ENUM, 0

/* Each field's member of zb_indicator must have the type its row says. */
#define ZB_TYPE_OK_SIZE(e) _Generic((e), size_t: 1, default: 0)
#define ZB_TYPE_OK_TEXT(e) _Generic((e), const char *: 1, default: 0)
#define ZB_TYPE_OK_TEXTQ(e) _Generic((e), const char *: 1, default: 0)
#define ZB_TYPE_OK_OTEXT(e) _Generic((e), const char *: 1, default: 0)
#define ZB_TYPE_OK_REALQ(e) _Generic((e), double: 1, default: 0)
#define ZB_TYPE_OK_BOOL(e) _Generic((e), int: 1, default: 0)
#define ZB_TYPE_OK_ID(e) _Generic((e), const char *: 1, default: 0)
#define ZB_TYPE_OK_REAL(e) _Generic((e), double: 1, default: 0)
#define ZB_TYPE_OK_YEAR(e) _Generic((e), int: 1, default: 0)
#define ZB_TYPE_OK_ENUM(e) (sizeof(e) == sizeof(int))
#define ZB_FIELD_CHECK(name, type, names, sql)                                          \
    _Static_assert(ZB_TYPE_OK_##type(((zb_indicator *)0)->name),                        \
                   "zb_indicator." #name " does not have the type fields.h gives it");
ZB_FIELDS(ZB_FIELD_CHECK)

#define ZB_FIELD_ROW(name, type, names, sql)                                            \
    {#name, ZB_TYPE_##type, offsetof(zb_indicator, name), ZB_NAMES_##names, sql},
const zb_field zb__fields[] = {ZB_FIELDS(ZB_FIELD_ROW)};
const size_t zb__field_count = sizeof zb__fields / sizeof *zb__fields;

size_t zb_field_count(void) { return zb__field_count; }

const char *zb_field_name(size_t i) { return i < zb__field_count ? zb__fields[i].name : NULL; }

int zb__field_stored(const zb_field *f) { return !f->sql[0]; }

static const void *at(const zb_field *f, const zb_indicator *ind) {
    return (const char *)ind + f->offset;
}

static void *at_mut(const zb_field *f, zb_indicator *ind) { return (char *)ind + f->offset; }

static int is_string(const zb_field *f) {
    return f->type == ZB_FT_TEXT || f->type == ZB_FT_ID || f->type == ZB_FT_OTEXT;
}

size_t zb__field_strings_size(const zb_indicator *ind) {
    size_t n = 0;
    for (size_t i = 0; i < zb__field_count; i++) {
        const char *s = is_string(&zb__fields[i]) ? *(const char *const *)at(&zb__fields[i], ind)
                                                  : NULL;
        if (s)
            n += strlen(s) + 1;
    }
    return n;
}

void zb__field_copy_strings(zb_indicator *ind, char **arena) {
    for (size_t i = 0; i < zb__field_count; i++) {
        if (!is_string(&zb__fields[i]))
            continue;
        const char **p = at_mut(&zb__fields[i], ind);
        if (!*p)
            continue;
        size_t n = strlen(*p) + 1;
        memcpy(*arena, *p, n);
        *p = *arena;
        *arena += n;
    }
}

int64_t zb__field_int(const zb_field *f, const zb_indicator *ind) {
    switch (f->type) {
    case ZB_FT_SIZE: return (int64_t) * (const size_t *)at(f, ind);
    case ZB_FT_YEAR: return *(const int *)at(f, ind);
    case ZB_FT_BOOL: return *(const int *)at(f, ind) != 0;
    case ZB_FT_ENUM: {
        int v;
        memcpy(&v, at(f, ind), sizeof v); /* an enum's storage is an int's */
        return v;
    }
    default: return 0;
    }
}

double zb__field_real(const zb_field *f, const zb_indicator *ind) {
    return f->type == ZB_FT_REAL ? *(const double *)at(f, ind) : NAN;
}

const char *zb__field_text(const zb_field *f, const zb_indicator *ind) {
    if (f->type == ZB_FT_ENUM)
        return zb__name(f->names, (int)zb__field_int(f, ind));
    if (f->type != ZB_FT_TEXT && f->type != ZB_FT_ID && f->type != ZB_FT_OTEXT)
        return "";
    const char *s = *(const char *const *)at(f, ind);
    return s ? s : "";
}

int zb__field_is_int(const zb_field *f) {
    return f->type == ZB_FT_SIZE || f->type == ZB_FT_YEAR || f->type == ZB_FT_BOOL;
}

int zb__field_is_null(const zb_field *f, const zb_indicator *ind) {
    if (f->qualitative_null && ind->qualitative)
        return 1;
    switch (f->type) {
    case ZB_FT_OTEXT: return *(const char *const *)at(f, ind) == NULL;
    case ZB_FT_REAL: return isnan(zb__field_real(f, ind));
    case ZB_FT_YEAR: return zb__field_int(f, ind) == 0;
    default: return 0;
    }
}

void zb__field_set_text(const zb_field *f, zb_indicator *ind, const char *s) {
    if (f->type == ZB_FT_TEXT || f->type == ZB_FT_ID)
        *(const char **)at_mut(f, ind) = s ? s : "";
    else if (f->type == ZB_FT_OTEXT)
        *(const char **)at_mut(f, ind) = s;
}

void zb__field_set_real(const zb_field *f, zb_indicator *ind, double v) {
    if (f->type == ZB_FT_REAL)
        *(double *)at_mut(f, ind) = v;
}

void zb__field_set_int(const zb_field *f, zb_indicator *ind, int64_t v) {
    if (f->type == ZB_FT_SIZE)
        *(size_t *)at_mut(f, ind) = (size_t)v;
    else if (f->type == ZB_FT_YEAR)
        *(int *)at_mut(f, ind) = (int)v;
    else if (f->type == ZB_FT_BOOL)
        *(int *)at_mut(f, ind) = v != 0;
}

int zb__field_set_enum(const zb_field *f, zb_indicator *ind, const char *name) {
    int v = f->type == ZB_FT_ENUM ? zb__name_value(f->names, name) : -1;
    if (v < 0)
        return -1;
    memcpy(at_mut(f, ind), &v, sizeof v);
    return 0;
}
