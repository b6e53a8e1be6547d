/* Bottom layer: list markers of headings (see marker.h). Levels follow the
 * order official documents use (GB/T 9704): 一、 > (一) > 1. > (1). */
#include <string.h>

#include "chars.h"
#include "marker.h"

int zb__heading_marker(const char *s, size_t n, int *level, size_t *marker_len) {
    size_t i = 0, k;
    int digits = 0;
    if (n >= 6 && memcmp(s, "\xE2\x80\x94\xE2\x80\x94", 6) == 0) { /* —— */
        *level = 4;
        *marker_len = 6;
        return 1;
    }
    int paren = 0;
    if (i < n && s[i] == '(') {
        paren = 1;
        i++;
    }
    size_t num_start = i;
    int arabic = 0;
    while (i < n && digits < 4) {
        int v;
        if (zb__is_digit(s[i])) {
            arabic = 1;
            i++;
            digits++;
            continue;
        }
        if (!arabic && zb__is_cn_digit(s + i, n - i, &k, &v) && v >= 1) {
            i += k;
            digits++;
            continue;
        }
        if (!arabic && zb__starts(s, n, i, "十")) {
            i += 3;
            digits++;
            continue;
        }
        break;
    }
    if (!digits || i == num_start)
        return 0;
    if (paren) {
        if (i < n && s[i] == ')') {
            *level = arabic ? 4 : 2;
            *marker_len = i + 1;
            return 1;
        }
        return 0;
    }
    if (zb__starts(s, n, i, "、")) {
        *level = arabic ? 3 : 1;
        *marker_len = i + 3;
        return 1;
    }
    if (!arabic && zb__starts(s, n, i, "是")) {
        *level = 3;
        *marker_len = i + 3;
        return 1;
    }
    if (arabic && i < n && s[i] == '.' && (i + 1 >= n || !zb__is_digit(s[i + 1]))) {
        *level = 3;
        *marker_len = i + 1;
        return 1;
    }
    return 0;
}
