/*
 * Bottom layer: the names of the contract's enumerations (INDICATORS.md §1),
 * listed once. They are what JSON, TSV, CSV, the database and the command
 * line show; the schema generator checks the tables' sector column against
 * the same list. X(constant, name), in the order of the public enum.
 */
#ifndef ZB_NAMES_H
#define ZB_NAMES_H

#include "zhibiao.h"

#define ZB_CMP_NAMES(X)                                                                  \
    X(ZB_CMP_EQ, "=") X(ZB_CMP_GE, ">=") X(ZB_CMP_LE, "<=") X(ZB_CMP_GT, ">")             \
        X(ZB_CMP_LT, "<") X(ZB_CMP_APPROX, "~")
#define ZB_KIND_NAMES(X) X(ZB_KIND_ACHIEVED, "achieved") X(ZB_KIND_TARGET, "target")
#define ZB_MEASURE_NAMES(X)                                                              \
    X(ZB_MEASURE_LEVEL, "level") X(ZB_MEASURE_SHARE, "share")                            \
        X(ZB_MEASURE_GROWTH, "growth") X(ZB_MEASURE_CHANGE, "change")                    \
            X(ZB_MEASURE_GAP, "gap") X(ZB_MEASURE_RANK, "rank")
#define ZB_SECTOR_NAMES(X)                                                               \
    X(ZB_SECTOR_ECONOMY, "economy") X(ZB_SECTOR_INDUSTRY, "industry")                    \
        X(ZB_SECTOR_INNOVATION, "innovation") X(ZB_SECTOR_AGRICULTURE, "agriculture")    \
            X(ZB_SECTOR_REFORM_OPENING, "reform_opening") X(ZB_SECTOR_ECOLOGY, "ecology") \
                X(ZB_SECTOR_LIVELIHOOD, "livelihood")                                    \
                    X(ZB_SECTOR_INFRASTRUCTURE, "infrastructure")                        \
                        X(ZB_SECTOR_GOVERNANCE, "governance")
#define ZB_PERIOD_NAMES(X)                                                               \
    X(ZB_PERIOD_YEAR, "year") X(ZB_PERIOD_AVERAGE, "average")                            \
        X(ZB_PERIOD_CUMULATIVE, "cumulative") X(ZB_PERIOD_SPAN, "span")                  \
            X(ZB_PERIOD_START, "start")
#define ZB_COMMITMENT_NAMES(X)                                                           \
    X(ZB_COMMIT_PLAIN, "plain") X(ZB_COMMIT_ENSURE, "ensure") X(ZB_COMMIT_STRIVE, "strive")
#define ZB_QKIND_NAMES(X)                                                                \
    X(ZB_QTY_AMOUNT, "amount") X(ZB_QTY_PERCENT, "percent") X(ZB_QTY_POINTS, "points")   \
        X(ZB_QTY_MULTIPLE, "multiple") X(ZB_QTY_RANK, "rank") X(ZB_QTY_NUMBER, "number") \
            X(ZB_QTY_YEAR, "year") X(ZB_QTY_DATE, "date") X(ZB_QTY_NAME, "name")         \
                X(ZB_QTY_ORDINAL, "ordinal") X(ZB_QTY_MARKER, "marker")

/* One enumeration's names, indexed by value. */
typedef struct zb_names {
    const char *what; /* "cmp", "kind", … as in messages */
    const char *const *name;
    int count;
} zb_names;

extern const zb_names zb__cmp_names, zb__kind_names, zb__measure_names, zb__sector_names,
    zb__qkind_names, zb__period_names, zb__commitment_names;

/* The name of value v, "?" when out of range. */
const char *zb__name(const zb_names *t, int v);
/* The value a name stands for; -1 when it is none of them. */
int zb__name_value(const zb_names *t, const char *name);

#endif
