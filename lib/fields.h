/*
 * Bottom layer: the contract's fields (INDICATORS.md §1), once. Every output
 * is made from this list — the JSON Lines, TSV and CSV writers, the store's
 * INSERT and read-back, the views' column lists (schema/views.sql, expanded
 * by tools/gen_tables.c), the SQLite extension's columns and the man page —
 * so adding a field is one line here, a member of zb_indicator (checked
 * against this list at compile time), a migration, and the code that
 * computes it.
 *
 *   X(name, type, names, sql)
 *     type   how zb_indicator holds it and how it is written:
 *            SIZE  size_t                  JSON number       SQL INTEGER
 *            TEXT  const char *, never NULL JSON string      SQL TEXT
 *            ID    const char *, "" = none JSON string      SQL TEXT, NULL for none
 *            REAL  double, NAN = none      JSON number/null  SQL REAL or NULL
 *            YEAR  int, 0 = none           JSON number/null  SQL INTEGER or NULL
 *            ENUM  an enum, by `names`     JSON string       SQL TEXT
 *     names  the enumeration's name list (names.h) for ENUM, else none
 *     sql    the expression that reads it back from a stored indicator `i`, its
 *            section `s` and its sentence `se`; "" when it is the column i.<name>
 */
#ifndef ZB_FIELDS_H
#define ZB_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "names.h"

#define ZB_FIELDS(X)                                                                     \
    X(span_start, SIZE, none, "")                                                        \
    X(span_end, SIZE, none, "")                                                          \
    X(surface, TEXT, none, "")                                                           \
    X(value, REAL, none, "")                                                             \
    X(value_high, REAL, none, "")                                                        \
    X(unit, TEXT, none, "")                                                              \
    X(base_value, REAL, none, "")                                                        \
    X(base_unit, TEXT, none, "")                                                         \
    X(cmp, ENUM, cmp, "")                                                                \
    X(year, YEAR, none, "")                                                              \
    X(kind, ENUM, kind, "")                                                              \
    X(measure, ENUM, measure, "")                                                        \
    X(metric, TEXT, none, "")                                                            \
    X(metric_id, ID, none, "")                                                           \
    X(sector, ENUM, sector, "")                                                          \
    X(section, TEXT, none, "coalesce(s.title, '')")                                      \
    X(sentence, TEXT, none, "se.text")

typedef enum zb_field_type {
    ZB_FT_SIZE,
    ZB_FT_TEXT,
    ZB_FT_ID,
    ZB_FT_REAL,
    ZB_FT_YEAR,
    ZB_FT_ENUM
} zb_field_type;

typedef struct zb_field {
    const char *name;
    zb_field_type type;
    size_t offset;         /* in zb_indicator */
    const zb_names *names; /* ENUM only */
    const char *sql;       /* read-back expression; "" = the column i.<name> */
} zb_field;

extern const zb_field zb__fields[];
extern const size_t zb__field_count;

/* Is the field stored as a column of the indicators table? (The others come
 * from the rows the indicator points at: its section, its sentence.) */
int zb__field_stored(const zb_field *f);
/* Values of one field of one indicator. */
int zb__field_is_null(const zb_field *f, const zb_indicator *ind);
const char *zb__field_text(const zb_field *f, const zb_indicator *ind); /* TEXT, ID, ENUM */
double zb__field_real(const zb_field *f, const zb_indicator *ind);      /* REAL */
int64_t zb__field_int(const zb_field *f, const zb_indicator *ind);      /* SIZE, YEAR, ENUM */

/* Setters for reading a row back (query.c); an ENUM takes its name, and an
 * unknown name is refused with -1. */
void zb__field_set_text(const zb_field *f, zb_indicator *ind, const char *s);
void zb__field_set_real(const zb_field *f, zb_indicator *ind, double v);
void zb__field_set_int(const zb_field *f, zb_indicator *ind, int64_t v);
int zb__field_set_enum(const zb_field *f, zb_indicator *ind, const char *name);

#endif
