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
 *            SIZE  size_t                   JSON number        SQL INTEGER
 *            TEXT  const char *, never NULL JSON string       SQL TEXT
 *            ID    const char *, "" = none  JSON string       SQL TEXT, NULL for none
 *            OTEXT const char *, NULL = none JSON string/null SQL TEXT or NULL
 *            REAL  double, NAN = none       JSON number/null   SQL REAL or NULL
 *            YEAR  int, 0 = none            JSON number/null   SQL INTEGER or NULL
 *            BOOL  int, 0 or 1              JSON true/false    SQL INTEGER 0/1
 *            ENUM  an enum, by `names`      JSON string        SQL TEXT
 *            A Q after the type (REALQ, TEXTQ): null on a qualitative row (§2b).
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
    X(value, REALQ, none, "")                                                            \
    X(unit, TEXTQ, none, "")                                                             \
    X(base_value, REALQ, none, "")                                                       \
    X(base_unit, TEXTQ, none, "")                                                        \
    X(cmp, ENUM, cmp, "")                                                                \
    X(value_high, REAL, none, "")                                                        \
    X(year, YEAR, none, "")                                                              \
    X(kind, ENUM, kind, "")                                                              \
    X(measure, ENUM, measure, "")                                                        \
    X(metric, TEXT, none, "")                                                            \
    X(metric_id, ID, none, "")                                                           \
    X(sector, ENUM, sector, "")                                                          \
    X(section, TEXT, none, "coalesce(s.title, '')")                                      \
    X(sentence, TEXT, none, "se.text")                                                   \
    X(period, ENUM, period, "")                                                          \
    X(year_from, YEAR, none, "")                                                         \
    X(entity, TEXT, none, "")                                                            \
    X(commitment, ENUM, commitment, "")                                                  \
    X(estimate, BOOL, none, "")                                                          \
    X(qualitative, OTEXT, none, "")                                                      \
    ZB_EXTENSION_FIELDS(X)

/* Extension fields: zhibiao's own, not in the contract. They follow the
 * contract's fields in every output; tests/fields_test.py holds the lines
 * above this list (and only those) to INDICATORS.md §1. One line each, as above.
 *   page   the 1-based page of span_start in a PDF; null without pages */
#define ZB_EXTENSION_FIELDS(X)                                                           \
    X(page, YEAR, none, "")

/* The name list of an ENUM field by its `names` column; NULL for none. */
#define ZB_NAMES_none NULL
#define ZB_NAMES_cmp (&zb__cmp_names)
#define ZB_NAMES_kind (&zb__kind_names)
#define ZB_NAMES_measure (&zb__measure_names)
#define ZB_NAMES_sector (&zb__sector_names)
#define ZB_NAMES_period (&zb__period_names)
#define ZB_NAMES_commitment (&zb__commitment_names)

typedef enum zb_field_type {
    ZB_FT_SIZE,
    ZB_FT_TEXT,
    ZB_FT_ID,
    ZB_FT_OTEXT,
    ZB_FT_REAL,
    ZB_FT_YEAR,
    ZB_FT_BOOL,
    ZB_FT_ENUM
} zb_field_type;

typedef struct zb_field {
    const char *name;
    zb_field_type type;
    int qualitative_null;  /* null on a qualitative row */
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
const char *zb__field_text(const zb_field *f, const zb_indicator *ind); /* TEXT ID OTEXT ENUM */
double zb__field_real(const zb_field *f, const zb_indicator *ind);      /* REAL */
int64_t zb__field_int(const zb_field *f, const zb_indicator *ind);      /* SIZE YEAR BOOL ENUM */
/* Is the field an integer (SIZE, YEAR, BOOL), text (TEXT, ID, OTEXT, ENUM)? */
int zb__field_is_int(const zb_field *f);

/* The bytes of ind's strings with their NULs, and ind's strings pointed at
 * copies made at *arena (which moves past them): an indicator that outlives
 * the parse that made it (lib/ahead.c). */
size_t zb__field_strings_size(const zb_indicator *ind);
void zb__field_copy_strings(zb_indicator *ind, char **arena);

/* Setters for reading a row back (query.c); an ENUM takes its name, and an
 * unknown name is refused with -1. */
/* A NULL s is "" for TEXT and ID, none for OTEXT. */
void zb__field_set_text(const zb_field *f, zb_indicator *ind, const char *s);
void zb__field_set_real(const zb_field *f, zb_indicator *ind, double v);
void zb__field_set_int(const zb_field *f, zb_indicator *ind, int64_t v);
int zb__field_set_enum(const zb_field *f, zb_indicator *ind, const char *name);

#endif
