/* Writers: an indicator as a JSON object. Kept in the library so that the
 * command line tool, the SQLite extension and users print the same thing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "emit.h"
#include "mem.h"

typedef struct out {
    char *buf;
    size_t size, len;
} out;

static void put(out *o, const char *s, size_t n) {
    if (o->len < o->size) {
        size_t room = o->size - o->len - 1;
        memcpy(o->buf + o->len, s, n < room ? n : room);
    }
    o->len += n;
}

static void puts_(out *o, const char *s) { put(o, s, strlen(s)); }

static void put_string(out *o, const char *s) {
    put(o, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        char esc[8];
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            put(o, esc, 2);
        } else if (*p == '\n') {
            put(o, "\\n", 2);
        } else if (*p == '\t') {
            put(o, "\\t", 2);
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            put(o, esc, 6);
        } else {
            put(o, (const char *)p, 1);
        }
    }
    put(o, "\"", 1);
}

/* Shortest of %.15g / %.17g that reads back exactly; '.' whatever the locale. */
void zb__format_number(double v, char *buf, size_t size) {
    if (!isfinite(v)) {
        snprintf(buf, size, "null");
        return;
    }
    snprintf(buf, size, "%.15g", v);
    for (char *p = buf; *p; p++)
        if (*p == ',')
            *p = '.';
    if (strtod(buf, NULL) != v) {
        snprintf(buf, size, "%.17g", v);
        for (char *p = buf; *p; p++)
            if (*p == ',')
                *p = '.';
    }
}

static void put_number(out *o, double v) {
    char num[40];
    zb__format_number(v, num, sizeof num);
    puts_(o, num);
}

size_t zb_indicator_json(const zb_indicator *ind, char *buf, size_t size) {
    out o = {buf, size, 0};
    if (!ind) {
        if (size)
            buf[0] = 0;
        return 0;
    }
    char num[40];
    snprintf(num, sizeof num, "{\"span_start\":%zu,\"span_end\":%zu,", ind->span_start,
             ind->span_end);
    puts_(&o, num);
    puts_(&o, "\"surface\":");
    put_string(&o, ind->surface);
    puts_(&o, ",\"value\":");
    put_number(&o, ind->value);
    puts_(&o, ",\"value_high\":");
    put_number(&o, ind->value_high);
    puts_(&o, ",\"unit\":");
    put_string(&o, ind->unit);
    puts_(&o, ",\"base_value\":");
    put_number(&o, ind->base_value);
    puts_(&o, ",\"base_unit\":");
    put_string(&o, ind->base_unit);
    puts_(&o, ",\"cmp\":");
    put_string(&o, zb_cmp_name(ind->cmp));
    puts_(&o, ",\"year\":");
    if (ind->year) {
        snprintf(num, sizeof num, "%d", ind->year);
        puts_(&o, num);
    } else {
        puts_(&o, "null");
    }
    puts_(&o, ",\"kind\":");
    put_string(&o, zb_kind_name(ind->kind));
    puts_(&o, ",\"measure\":");
    put_string(&o, zb_measure_name(ind->measure));
    puts_(&o, ",\"metric\":");
    put_string(&o, ind->metric);
    puts_(&o, ",\"metric_id\":");
    put_string(&o, ind->metric_id);
    puts_(&o, ",\"sector\":");
    put_string(&o, zb_sector_name(ind->sector));
    puts_(&o, ",\"section\":");
    put_string(&o, ind->section);
    puts_(&o, ",\"sentence\":");
    put_string(&o, ind->sentence);
    puts_(&o, "}");
    if (size)
        buf[o.len < size ? o.len : size - 1] = 0;
    return o.len;
}
