/* Output: every write is checked, and -o FILE is written to a temporary file
 * next to FILE that is renamed into place only when all of it was written, so
 * a failed run never leaves half a file (nor spoils the one that was there). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char *name_of(const zb_output *o) {
    return strcmp(o->path, "-") ? o->path : "standard output";
}

int zb_cli_output_open(zb_output *o, const char *path) {
    memset(o, 0, sizeof *o);
    o->path = path ? path : "-";
    if (!strcmp(o->path, "-")) {
        o->f = stdout;
        return 0;
    }
    struct stat st;
    int exists = stat(o->path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode))
        return zb_cli_error("%s: is a directory", o->path);
    if (exists && !S_ISREG(st.st_mode)) {
        /* a device or a pipe (/dev/null, a FIFO) is written where it is */
        o->f = fopen(o->path, "w");
        if (!o->f)
            return zb_cli_error("%s: cannot write: %s", o->path, strerror(errno));
        return 0;
    }
    /* through a symbolic link, replace the file it points to, not the link */
    o->target = exists ? realpath(o->path, NULL) : strdup(o->path);
    size_t n = o->target ? strlen(o->target) : 0;
    o->tmp = o->target ? malloc(n + 16) : NULL;
    if (!o->tmp) {
        free(o->target);
        o->target = NULL;
        return zb_cli_error("%s: out of memory", o->path);
    }
    const char *slash = strrchr(o->target, '/');
    size_t dir = slash ? (size_t)(slash - o->target) + 1 : 0;
    /* hidden, in the same directory (rename(2) does not cross file systems) */
    snprintf(o->tmp, n + 16, "%.*s.%s.XXXXXX", (int)dir, o->target, o->target + dir);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        free(o->tmp);
        free(o->target);
        o->tmp = o->target = NULL;
        return zb_cli_error("%s: cannot write: %s", o->path, strerror(e));
    }
    /* mkstemp makes 0600; give the file the mode fopen would, or the old one */
    mode_t mode = exists ? st.st_mode & 07777 : 0;
    if (!exists) {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (fchmod(fd, mode) != 0 || !(o->f = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        free(o->target);
        o->tmp = o->target = NULL;
        return zb_cli_error("%s: cannot write: %s", o->path, strerror(e));
    }
    return 0;
}

int zb_cli_output_write(void *ctx, const void *data, size_t len) {
    zb_output *o = ctx;
    if (fwrite(data, 1, len, o->f) == len)
        return 0;
    if (!o->err)
        o->err = errno;
    return -1;
}

int zb_cli_output_close(zb_output *o, int ok) {
    if (!o->f)
        return 1;
    int e = o->err;
    if (ok && (fflush(o->f) != 0 || ferror(o->f)))
        ok = 0, e = e ? e : errno;
    /* the data on disk before the name points at it */
    if (ok && o->tmp && fsync(fileno(o->f)) != 0)
        ok = 0, e = errno;
    if (o->f != stdout && fclose(o->f) != 0 && ok)
        ok = 0, e = errno;
    o->f = NULL;
    if (ok && o->tmp && rename(o->tmp, o->target) != 0)
        ok = 0, e = errno;
    if (!ok && o->tmp)
        unlink(o->tmp);
    int failed = !ok && e;
    if (failed)
        zb_cli_error("%s: cannot write: %s", name_of(o), strerror(e));
    free(o->tmp);
    free(o->target);
    o->tmp = o->target = NULL;
    return ok ? 0 : 1;
}

int zb_cli_close_stdout(int rc) {
    int bad = fflush(stdout) != 0 || ferror(stdout);
    int e = bad ? errno : 0;
    if (fclose(stdout) != 0 && !bad)
        bad = 1, e = errno;
    if (bad && rc == 0) {
        zb_cli_error("standard output: cannot write: %s", e ? strerror(e) : "a write failed");
        return 1;
    }
    return rc;
}
