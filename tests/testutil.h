/* Helpers shared by the Check tests. */
#ifndef ZB_TESTUTIL_H
#define ZB_TESTUTIL_H

#include <stddef.h>

/* The directory holding the test data (set by CMake). */
#ifndef ZB_TEST_DATA
#define ZB_TEST_DATA "tests/data"
#endif

/* Read a whole file; abort the test run when it cannot be read. */
char *tu_read_file(const char *path, size_t *len);

/* A TSV file: rows of NUL-terminated cells; the header row is rows[0]. */
typedef struct tu_tsv {
    char *buf;
    char ***rows;
    size_t nrows;
    int ncols;
} tu_tsv;

int tu_tsv_load(tu_tsv *t, const char *path); /* 0 on success */
void tu_tsv_free(tu_tsv *t);
/* Replace the two-character escapes \n, \t and \\ in place. */
void tu_unescape(char *s);
/* Byte offset of the n-th (1-based) occurrence of needle in hay, or -1. */
long tu_find(const char *hay, const char *needle, int n);

/* Run a Check suite; the process exit status (0 when every test passed). */
struct Suite;
int tu_run(struct Suite *suite);

#endif
