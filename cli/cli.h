/* Shared by the zhibiao command's files. */
#ifndef ZB_CLI_H
#define ZB_CLI_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#define ZB_CLI_UNUSED(x) (void)(x)

int zb_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- commands (commands.c) ---- */

typedef struct zb_command {
    const char *name;
    const char *args;    /* for the usage line: "FILE" */
    const char *summary; /* one line for the usage text */
    int (*run)(int argc, char **argv);
    const char *help; /* man-page style; @FIELDS@ stands for the contract's fields */
} zb_command;

extern const zb_command zb_cli_commands[];
extern const char *zb_cli_name;

/* Print the usage text listing every command. */
void zb_cli_usage(FILE *f);
/* Print the help of a command to standard output; 0, or 2 when unknown. */
int zb_cli_help(const char *command);

/* ---- options (opt.c) ---- */

/* Keys of options without a short letter. */
enum {
    ZB_OPT_BASE_YEAR = 256,
    ZB_OPT_TARGET_YEAR,
    ZB_OPT_ENCODING,
    ZB_OPT_REPLACE,
    ZB_OPT_BOM,
    ZB_OPT_KIND,
    ZB_OPT_SECTOR,
    ZB_OPT_METRIC_ID,
    ZB_OPT_YEAR,
    ZB_OPT_INPUT,
    ZB_OPT_ENTITY,
};

/* One option of a command. */
typedef struct zb_option {
    const char *name;  /* the long name, without "--" */
    int key;           /* the short letter, or a ZB_OPT_* key */
    const char *value; /* what the value is, for messages ("a database file"); NULL: a flag */
    int path;          /* the value names a file: the hint for '-x' says --db=./-x */
} zb_option;

/* Called for each option in order, and with opt NULL for each operand; returns
 * 0, or an exit status after a message (zb_cli_bad()). */
typedef int (*zb_option_fn)(void *ctx, const char *cmd, const zb_option *opt, const char *value);

#define ZB_CLI_GO (-1)
/* Parse argv (argv[0] is the command's name) by getopt_long(3) with the table
 * opts (ended by {NULL}); -h/--help is every command's. Returns ZB_CLI_GO when
 * the command should run, else its exit status: 0 after the help, 2 after a
 * usage message. */
int zb_cli_options(int argc, char **argv, const zb_option *opts, zb_option_fn fn, void *ctx);
/* "zhibiao: CMD: option --NAME takes WANT, not 'VALUE'"; returns 2. */
int zb_cli_bad(const char *cmd, const zb_option *opt, const char *value, const char *want);
/* Values every command reads the same way: 0, or 2 after a message. */
int zb_cli_year_value(const char *cmd, const zb_option *opt, const char *value, int *year);
int zb_cli_region_value(const char *cmd, const zb_option *opt, const char *value);
/* value is one of the names in the NULL-ended list; 0, or 2 after a message. */
int zb_cli_choice(const char *cmd, const zb_option *opt, const char *value,
                  const char *const *names);
/* The message for an operand a command does not take; returns 2. */
int zb_cli_extra(const char *cmd, const char *arg);

/* ---- input (input.c) ---- */

typedef struct zb_input {
    const char *path;
    char *data;
    size_t len;
    int mapped;
} zb_input;

/* The most zb_cli_read() takes: the library's limit, 4 GiB - 16, or less when
 * the environment says ZHIBIAO_MAX_INPUT=BYTES (for tests). */
size_t zb_cli_input_cap(void);
/* Read a file, '-' (standard input), a pipe or a device, refusing more than
 * max bytes as soon as they arrive; 0, or 1 after a message. */
int zb_cli_read(const char *path, size_t max, zb_input *in);
void zb_cli_release(zb_input *in);
/* Convert in to UTF-8 from encoding (utf-8, gb18030, gbk, auto); 0 or 1 after a message. */
int zb_cli_decode(zb_input *in, const char *encoding);
int zb_cli_check_encoding(const char *name);
/* --input (source.c): a zb_input_format by name (text, html, pdf, auto); 0, or 2
 * after a message. */
int zb_cli_input_option(const char *cmd, const zb_option *opt, const char *value, int *format);
/* The format to read in as: format unless AUTO, else by content, else by name. */
int zb_cli_input_format(const zb_input *in, int format);
/* An HTML page or a PDF as text in *src (zb_source_text); 0, or 1 after a message. */
struct zb_text;
int zb_cli_source(const zb_input *in, int format, struct zb_text **src);
/* Length of the longest valid UTF-8 prefix of s[0..len). */
size_t zb_cli_utf8_prefix(const char *s, size_t len);

/* ---- output (output.c) ---- */

/* Where a command writes: standard output, or a file written as a temporary
 * file next to it and renamed into place only when everything was written. */
typedef struct zb_output {
    FILE *f;
    const char *path; /* as given ("-": standard output) */
    char *target;     /* the file to replace; NULL when writing in place */
    char *tmp;        /* the temporary file, renamed to target on success */
    int err;          /* errno of the first failed write */
} zb_output;

/* Open path (NULL or "-": standard output); 0, or 1 after a message. */
int zb_cli_output_open(zb_output *o, const char *path);
/* A zb_write_fn onto an open zb_output (ctx). */
int zb_cli_output_write(void *ctx, const void *data, size_t len);
/* Finish: when ok, flush and check everything and move the file into place;
 * else drop the temporary file. 0, or 1 after a message (also when !ok). */
int zb_cli_output_close(zb_output *o, int ok);
/* Check and close standard output at exit: rc, or 1 after a message when a
 * write failed and rc was 0. */
int zb_cli_close_stdout(int rc);

/* ---- reading a database (sqlread.c) ---- */

/* Open a database read-only for command cmd through the library; 0, or the
 * exit status after saying why (2: no --db given, 1: it cannot be opened). */
struct zb_db;
int zb_cli_open_db(struct zb_db **db, const char *cmd, const char *path);

/* Open a database for reading with SQLite itself, by the rule of
 * zb_db_open(ZB_DB_READONLY) (no side files); an SQLite result code. Check the
 * file with zb_db_open() first: this does not. */
struct sqlite3;
int zb_cli_open_sql(struct sqlite3 **conn, const char *path);

/* ---- tables for people (table.c) ---- */

/* A column of a table fitted to the terminal. */
typedef struct zb_column {
    const char *name;
    int right; /* align right (numbers) */
    int min;   /* narrowest it may be cut to (with …); 0: never cut (ids, numbers) */
    int shrink; /* order of cutting: lower first */
    int drop;   /* order of dropping when cutting is not enough: lower first */
    int width;  /* widest cell, then the width decided by zb_cli_fit(); 0: dropped */
} zb_column;

/* COLUMNS when set, else the width of the terminal on standard output, else 100. */
int zb_cli_terminal_width(void);
/* Widen the columns to hold these cells. */
void zb_cli_measure(zb_column *cols, size_t n, const char *const *cells);
/* Decide the widths so that a row fits in width columns. */
void zb_cli_fit(zb_column *cols, size_t n, int width);
/* A row of cells (NULL: the column names); rule: dashes under the header. */
void zb_cli_row(FILE *f, const zb_column *cols, size_t n, const char *const *cells);
void zb_cli_rule(FILE *f, const zb_column *cols, size_t n);
/* s cut (with …) to at most cols display columns, without padding. */
void zb_cli_line(FILE *f, const char *s, int cols);
int zb_cli_width(const char *s);
/* s padded (or cut, with …) to exactly cols display columns. */
void zb_cli_cell(FILE *f, const char *s, int cols, int right);
void zb_cli_number(char *buf, size_t size, double v);

/* ---- the commands ---- */
int zb_cmd_parse(int argc, char **argv);
int zb_cmd_ingest(int argc, char **argv);
int zb_cmd_compare(int argc, char **argv);
int zb_cmd_outcome(int argc, char **argv);
int zb_cmd_panel(int argc, char **argv);
int zb_cmd_series(int argc, char **argv);
int zb_cmd_export(int argc, char **argv);
int zb_cmd_stats(int argc, char **argv);
int zb_cmd_dashboard(int argc, char **argv);
int zb_cmd_help(int argc, char **argv);
int zb_cmd_version(int argc, char **argv);

#endif
