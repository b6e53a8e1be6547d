/* Shared by the zhibiao command's files. */
#ifndef ZB_CLI_H
#define ZB_CLI_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct zb_input {
    const char *path;
    char *data;
    size_t len;
    int mapped;
} zb_input;

typedef struct zb_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help; /* man-page style text */
} zb_command;

extern const zb_command zb_cli_commands[];
extern const char *zb_cli_name;

int zb_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int zb_cli_read(const char *path, zb_input *in);
/* Convert in to UTF-8 from encoding (utf-8, gb18030, gbk, auto); 0 or 1 after a message. */
int zb_cli_decode(zb_input *in, const char *encoding);
int zb_cli_check_encoding(const char *name);
/* --input (source.c): a zb_input_format by name (text, html, pdf, auto): 1, or 0. */
int zb_cli_input_value(const char *value, int *format);
/* The format to read in as: format unless AUTO, else by content, else by name. */
int zb_cli_input_format(const zb_input *in, int format);
/* An HTML page or a PDF as text in *src (zb_source_text); 0, or 1 after a message. */
struct zb_text;
int zb_cli_source(const zb_input *in, int format, struct zb_text **src);
void zb_cli_release(zb_input *in);
int zb_cli_width(const char *s);
void zb_cli_cell(FILE *f, const char *s, int cols, int right);
void zb_cli_number(char *buf, size_t size, double v);
/* A zb_write_fn onto standard output. */
int zb_cli_write_stdout(void *ctx, const void *data, size_t len);
#define ZB_CLI_UNUSED(x) (void)(x)
int zb_cli_help(const char *command);

/* the commands */
int zb_cmd_parse(int argc, char **argv);
int zb_cmd_ingest(int argc, char **argv);
int zb_cmd_compare(int argc, char **argv);
int zb_cmd_export(int argc, char **argv);
int zb_cmd_stats(int argc, char **argv);
int zb_cmd_dashboard(int argc, char **argv);

/* Long options: matches "--name VALUE" and "--name=VALUE"; advances *i. */
int zb_cli_value(int argc, char **argv, int *i, const char *name, const char **value);
int zb_cli_year(const char *s, int *year);

#endif
