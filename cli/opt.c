/* Options of every command, in one place: getopt_long(3) over a table per
 * command, and one style of message for a missing, bad or unknown option. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_OPTIONS 24

static const zb_option help_option = {"help", 'h', NULL, 0};

static const zb_option *find_key(const zb_option *opts, int key) {
    if (key == 'h')
        return &help_option;
    for (const zb_option *o = opts; o->name; o++)
        if (o->key == key)
            return o;
    return NULL;
}

/* An option the table does not know: say which, and whether it was a prefix
 * of several (getopt_long takes unambiguous prefixes: --rep for --report-year). */
static int unknown(const char *cmd, const zb_option *opts, const char *arg) {
    if (arg[0] == '-' && arg[1] == '-') {
        size_t n = strcspn(arg + 2, "=");
        char list[256] = "";
        int matches = 0;
        for (const zb_option *o = opts; o->name; o++)
            if (!strncmp(o->name, arg + 2, n)) {
                size_t used = strlen(list);
                snprintf(list + used, sizeof list - used, "%s--%s", matches ? ", " : "", o->name);
                matches++;
            }
        if (matches > 1)
            return zb_cli_error("%s: option '%.*s' is ambiguous: %s", cmd, (int)n + 2, arg,
                                list), 2;
        return zb_cli_error("%s: unknown option '%.*s' (see 'zhibiao help %s')", cmd,
                            (int)n + 2, arg, cmd), 2;
    }
    return zb_cli_error("%s: unknown option '%s' (see 'zhibiao help %s')", cmd, arg, cmd), 2;
}

static int needs_value(const char *cmd, const zb_option *o, const char *given) {
    if (!given)
        return zb_cli_error("%s: option --%s needs a value (%s)", cmd, o->name, o->value), 2;
    /* "--db --region X" must not store into a database named "--region" */
    return zb_cli_error("%s: option --%s needs a value (%s), not the option-like '%s'; to give "
                        "a value that begins with '-', write --%s=%s%s",
                        cmd, o->name, o->value, given, o->name, o->path ? "./" : "", given), 2;
}

int zb_cli_options(int argc, char **argv, const zb_option *opts, zb_option_fn fn, void *ctx) {
    const char *cmd = argv[0];
    struct option longs[MAX_OPTIONS + 2];
    /* '-': operands come back in order as key 1, whatever POSIXLY_CORRECT says;
     * ':': a missing value is reported as ':' so the message is ours */
    char shorts[2 * MAX_OPTIONS + 8] = "-:h";
    size_t n = 0, s = strlen(shorts);
    for (const zb_option *o = opts; o->name && n < MAX_OPTIONS; o++, n++) {
        longs[n] = (struct option){o->name, o->value ? required_argument : no_argument, NULL,
                                   o->key};
        if (o->key < 256) {
            shorts[s++] = (char)o->key;
            if (o->value)
                shorts[s++] = ':';
        }
    }
    longs[n++] = (struct option){"help", no_argument, NULL, 'h'};
    longs[n] = (struct option){NULL, 0, NULL, 0};
    shorts[s] = 0;
    opterr = 0;
    optind = 1;
    int c, rc;
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        if (c == 1) {
            if ((rc = fn(ctx, cmd, NULL, optarg)) != 0)
                return rc;
            continue;
        }
        if (c == 'h')
            return zb_cli_help(cmd);
        if (c == ':') {
            const zb_option *o = find_key(opts, optopt);
            return o ? needs_value(cmd, o, NULL) : unknown(cmd, opts, argv[optind - 1]);
        }
        if (c == '?') {
            const zb_option *o = optopt ? find_key(opts, optopt) : NULL;
            if (o && !o->value)
                return zb_cli_error("%s: option --%s takes no value", cmd, o->name), 2;
            if (optopt && optopt < 256) {
                char arg[3] = {'-', (char)optopt, 0};
                return unknown(cmd, opts, arg);
            }
            return unknown(cmd, opts, argv[optind - 1]);
        }
        const zb_option *o = find_key(opts, c);
        if (!o)
            return unknown(cmd, opts, argv[optind - 1]);
        /* a value in the next argument (not --db=X or -dX) that looks like an
         * option is one the user forgot; '-' alone is standard input */
        if (o->value && optarg == argv[optind - 1] && optarg[0] == '-' && optarg[1])
            return needs_value(cmd, o, optarg);
        if ((rc = fn(ctx, cmd, o, o->value ? optarg : NULL)) != 0)
            return rc;
    }
    for (int i = optind; i < argc; i++) /* after "--" */
        if ((rc = fn(ctx, cmd, NULL, argv[i])) != 0)
            return rc;
    return ZB_CLI_GO;
}

int zb_cli_bad(const char *cmd, const zb_option *opt, const char *value, const char *want) {
    return zb_cli_error("%s: option --%s takes %s, not '%s'", cmd, opt->name, want, value), 2;
}

int zb_cli_extra(const char *cmd, const char *arg) {
    return zb_cli_error("%s: unexpected '%s' (see 'zhibiao help %s')", cmd, arg, cmd), 2;
}

int zb_cli_year_value(const char *cmd, const zb_option *opt, const char *value, int *year) {
    char *end;
    long y = strtol(value, &end, 10);
    if (!*value || *end || y < 1949 || y > 2200)
        return zb_cli_bad(cmd, opt, value, "a year from 1949 to 2200 such as 2022");
    *year = (int)y;
    return 0;
}

/* The library stores any region; a name it would print as mojibake, or one
 * longer than any place name, is a mistake on the command line. */
#define MAX_REGION 200

int zb_cli_region_value(const char *cmd, const zb_option *opt, const char *value) {
    size_t len = strlen(value);
    size_t valid = zb_cli_utf8_prefix(value, len);
    if (valid < len)
        return zb_cli_error("%s: option --%s takes a name in UTF-8 such as 吉林省; byte %zu "
                            "(0x%02X) is not UTF-8",
                            cmd, opt->name, valid, (unsigned char)value[valid]), 2;
    if (len > MAX_REGION)
        return zb_cli_error("%s: option --%s takes a name of at most %d bytes such as 吉林省, "
                            "not one of %zu bytes",
                            cmd, opt->name, MAX_REGION, len), 2;
    return 0;
}

int zb_cli_choice(const char *cmd, const zb_option *opt, const char *value,
                  const char *const *names) {
    char want[256] = "";
    size_t n = 0;
    while (names[n])
        n++;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(value, names[i]))
            return 0;
        size_t used = strlen(want);
        snprintf(want + used, sizeof want - used, "%s%s",
                 i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
    }
    return zb_cli_bad(cmd, opt, value, want);
}
