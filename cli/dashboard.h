/* The dashboard's parts: the page (cli/dashboard.html, embedded at build time
 * by cmake/embed.cmake), its data (dashboard_data.c) and the escaper that
 * makes the data safe inside the page (htmljson.c). */
#ifndef ZB_DASHBOARD_H
#define ZB_DASHBOARD_H

#include <stddef.h>
#include <stdio.h>

/* The page, with @ZB_DATA@ once where the data's JSON goes. */
extern const char zb_dashboard_page[];
extern const size_t zb_dashboard_page_size;

/* s[0..len) as a JSON string that cannot end or change an HTML <script>. */
void zb_cli_json_string(FILE *f, const char *s, size_t len);

/* The views' rows of region (a name, and its code or ""; NULL: every
 * region) as one JSON object; an SQLite result code. */
struct sqlite3;
int zb_cli_dashboard_data(FILE *f, struct sqlite3 *db, const char *region, const char *code,
                          const char *version);

#endif
