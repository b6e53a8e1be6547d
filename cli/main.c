/*
 * zhibiao: the command line tool. Thin by design: it reads files, parses
 * flags and prints; all the work is libzhibiao's.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "zhibiao.h"

const char *zb_cli_name = "zhibiao";

int zb_cli_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", zb_cli_name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 1;
}

/* A batch tool may keep what it allocates: without this glibc returns the heap
 * top to the kernel after each document and faults it back in for the next,
 * which costs a third of the time of a large ingest. */
static void tune_malloc(void) {
#ifdef M_TRIM_THRESHOLD
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
}

static int run(int argc, char **argv) {
    if (argc < 2) {
        zb_cli_usage(stderr);
        return 2;
    }
    /* zhibiao -h [COMMAND] is zhibiao help [COMMAND]; -V is version */
    static char help[] = "help", version[] = "version";
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
        argv[1] = help;
    else if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"))
        argv[1] = version;
    const char *cmd = argv[1];
    for (const zb_command *c = zb_cli_commands; c->name; c++)
        if (!strcmp(cmd, c->name))
            return c->run(argc - 1, argv + 1);
    if (cmd[0] == '-')
        zb_cli_error("unknown option '%s'", cmd);
    else
        zb_cli_error("unknown command '%s'", cmd);
    zb_cli_usage(stderr);
    return 2;
}

int main(int argc, char **argv) {
    tune_malloc();
    /* a full disk or a closed pipe on standard output is an error too */
    return zb_cli_close_stdout(run(argc, argv));
}
