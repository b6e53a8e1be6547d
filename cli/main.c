/*
 * zhibiao: the command line tool. Thin by design: it reads files, parses
 * flags and prints; all the work is libzhibiao's.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

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

/* ---- input ---- */

int zb_cli_read(const char *path, zb_input *in) {
    memset(in, 0, sizeof *in);
    in->path = path;
    int fd = 0;
    if (strcmp(path, "-") != 0) {
        fd = open(path, O_RDONLY);
        if (fd < 0)
            return zb_cli_error("%s: cannot open: %s", path, strerror(errno));
    } else {
        in->path = "<stdin>";
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        if (fd)
            close(fd);
        return zb_cli_error("%s: %s", in->path, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        if (fd)
            close(fd);
        return zb_cli_error("%s: is a directory, not a report file", in->path);
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        /* map regular files: no copy, and the pages stay the kernel's to drop */
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            in->data = p;
            in->len = (size_t)st.st_size;
            in->mapped = 1;
            if (fd)
                close(fd);
            return 0;
        }
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        if (fd)
            close(fd);
        return zb_cli_error("%s: out of memory", in->path);
    }
    for (;;) {
        if (len == cap) {
            char *nb = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                free(buf);
                if (fd)
                    close(fd);
                return zb_cli_error("%s: out of memory after %zu bytes", in->path, len);
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            free(buf);
            if (fd)
                close(fd);
            return zb_cli_error("%s: read failed: %s", in->path, strerror(e));
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (fd)
        close(fd);
    in->data = buf;
    in->len = len;
    return 0;
}

void zb_cli_release(zb_input *in) {
    if (in->mapped)
        munmap(in->data, in->len);
    else
        free(in->data);
    memset(in, 0, sizeof *in);
}

/* ---- output helpers ---- */

/* Display width of a UTF-8 string (CJK characters take two columns). */
int zb_cli_width(const char *s) {
    int w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0) {
            p++;
            w++;
            continue;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? cw : 0;
        p += k;
    }
    return w;
}

/* Print s padded (or cut, with …) to exactly `cols` display columns. */
void zb_cli_cell(FILE *f, const char *s, int cols, int right) {
    char buf[1024];
    size_t n = 0;
    int w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    int cut = zb_cli_width(s) > cols;
    while (*p && n + 8 < sizeof buf) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0)
            break;
        int cw = utf8proc_charwidth(cp);
        if (cw < 0)
            cw = 0;
        if (w + cw > cols - (cut ? 1 : 0))
            break;
        memcpy(buf + n, p, (size_t)k);
        n += (size_t)k;
        w += cw;
        p += k;
    }
    if (cut) {
        memcpy(buf + n, "…", 3);
        n += 3;
        w += 1;
    }
    buf[n] = 0;
    if (right)
        fprintf(f, "%*s%s", cols - w, "", buf);
    else
        fprintf(f, "%s%*s", buf, cols - w, "");
}

void zb_cli_number(char *buf, size_t size, double v) {
    if (isnan(v)) {
        snprintf(buf, size, "%s", "");
        return;
    }
    snprintf(buf, size, "%.15g", v);
}

/* A zb_write_fn onto standard output. */
int zb_cli_write_stdout(void *ctx, const void *data, size_t len) {
    ZB_CLI_UNUSED(ctx);
    return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

/* ---- main ---- */

static const char usage[] =
    "usage: zhibiao <command> [options]\n"
    "\n"
    "Turns Chinese government work reports (政府工作报告) into indicator rows.\n"
    "\n"
    "commands:\n"
    "  parse FILE      extract the indicators of one report and print them\n"
    "  ingest          store reports in an SQLite database\n"
    "  compare         last year's results against this year's targets\n"
    "  export          print stored indicators as CSV or JSON Lines\n"
    "  stats           count what a database holds\n"
    "  help [COMMAND]  show help for a command\n"
    "  version         print the version\n"
    "\n"
    "Run 'zhibiao help parse' for the options of a command.\n";

/* A batch tool may keep what it allocates: without this glibc returns the heap
 * top to the kernel after each document and faults it back in for the next,
 * which costs a third of the time of a large ingest. */
static void tune_malloc(void) {
#ifdef M_TRIM_THRESHOLD
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
}

int main(int argc, char **argv) {
    tune_malloc();
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        if (argc > 2)
            return zb_cli_help(argv[2]);
        fputs(usage, stdout);
        return 0;
    }
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("zhibiao %s\n", zb_version());
        return 0;
    }
    for (const zb_command *c = zb_cli_commands; c->name; c++)
        if (!strcmp(cmd, c->name))
            return c->run(argc - 1, argv + 1);
    zb_cli_error("unknown command '%s'", cmd);
    fputs(usage, stderr);
    return 2;
}
