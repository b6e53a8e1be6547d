/* Reading a report: a file, standard input, a pipe or a device, each held to
 * the same cap while it is read (a device such as /dev/zero never ends). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* The library's limit (ZB_MAX_INPUT): 32-bit offsets, less a margin. */
#define DEFAULT_CAP ((size_t)UINT32_MAX - 16)

size_t zb_cli_input_cap(void) {
    /* a hidden knob so that tests can meet the cap with a few bytes */
    const char *s = getenv("ZHIBIAO_MAX_INPUT");
    if (!s || !*s)
        return DEFAULT_CAP;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    return *end || v > DEFAULT_CAP ? DEFAULT_CAP : (size_t)v;
}

static int too_large(const char *path, size_t max) {
    if (max == DEFAULT_CAP)
        return zb_cli_error("%s: larger than 4 GiB, the most zhibiao reads at a time; split "
                            "the file", path);
    return zb_cli_error("%s: larger than %zu bytes, the most zhibiao reads at a time "
                        "(ZHIBIAO_MAX_INPUT)", path, max);
}

static int fail(int fd, const char *path, const char *what, int e) {
    if (fd > 0)
        close(fd);
    return zb_cli_error("%s: %s%s%s", path, what, e ? ": " : "", e ? strerror(e) : "");
}

int zb_cli_read(const char *path, size_t max, zb_input *in) {
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
    if (fstat(fd, &st) != 0)
        return fail(fd, in->path, "cannot read", errno);
    if (S_ISDIR(st.st_mode))
        return fail(fd, in->path, "is a directory, not a report file", 0);
    if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
        if (fd)
            close(fd);
        return too_large(in->path, max);
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
    /* anything else is read up to one byte past the cap: that byte says it is
     * too large before memory grows without bound */
    size_t cap = max < (1u << 16) ? max + 1 : 1u << 16, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return fail(fd, in->path, "out of memory", 0);
    for (;;) {
        if (len == cap) {
            if (len > max) {
                free(buf);
                if (fd)
                    close(fd);
                return too_large(in->path, max);
            }
            size_t bigger = cap <= (max + 1) / 2 ? cap * 2 : max + 1;
            char *nb = realloc(buf, bigger);
            if (!nb) {
                free(buf);
                if (fd)
                    close(fd);
                return zb_cli_error("%s: out of memory after %zu bytes", in->path, len);
            }
            buf = nb;
            cap = bigger;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            free(buf);
            return fail(fd, in->path, "read failed", e);
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (fd)
        close(fd);
    if (len > max) {
        free(buf);
        return too_large(in->path, max);
    }
    in->data = buf;
    in->len = len;
    return 0;
}

void zb_cli_release(zb_input *in) {
    if (in->mapped)
        munmap(in->data, in->len);
    else
        free(in->data);
    in->data = NULL;
    in->len = 0;
    in->mapped = 0;
}
