/* Bottom layer: list markers of headings (see marker.h). Levels follow the
 * order official documents use (GB/T 9704): 一、 > (一) > 1. > (1). */
#include <string.h>

#include "chars.h"
#include "marker.h"
#include "tables.h"

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

int zb__marker_runs_in(const char *s, size_t marker_len) {
    return marker_len >= 3 && (zb__starts(s, marker_len, marker_len - 3, "是") ||
                               zb__starts(s, marker_len, 0, "——"));
}

int zb__bare_line(const char *s, size_t n) {
    if (n == 0 || n > 60)
        return 0;
    for (size_t i = 0; i < n;) {
        size_t k, d = i;
        while (d < n && zb__is_digit(s[d]))
            d++;
        if (d > i) {
            /* a year (2026年重点工作, a title's 2024夷陵区工作报告) is no figure */
            int year = d - i == 4 && (s[i] == '1' || s[i] == '2');
            if (year && zb__starts(s, n, d, "年")) {
                i = d + 3;
                continue;
            }
            if (!year || i != 0 || d == n || !zb__is_cjk(zb__cp_at(s, n, d, NULL)))
                return 0;
            i = d;
            continue;
        }
        uint32_t cp = zb__cp_at(s, n, i, &k);
        if (zb__is_clause_punct(cp) || zb__is_final_punct(cp) || cp == ':' || cp == '%')
            return 0;
        i += k;
    }
    return 1;
}

int zb__done_after(const char *s, size_t n, size_t i) {
    for (size_t j = i; j < n && j < i + 12; j += zb__utf8_len((unsigned char)s[j])) {
        size_t k;
        if (zb__lex_has(zb__lex_prefix(&zb__lexicon, s + j, n - j, &k), ZB_LX_done))
            return 1;
    }
    return 0;
}

/* 超额完成上一年工作目标, 圆满完成全年目标任务: a done word ends at most 12
 * bytes before s[i] (four characters), in the same clause. With `far`, also
 * one up to 60 characters back that opens the clause's object, with 了 after
 * it or before goals a relative clause qualifies (较好完成了市人大会议确定的
 * 主要目标任务). */
static int done_before(const char *s, size_t i, int far) {
    /* …确定的主要目标任务, …确定的各项目标任务: 的 at most two characters back */
    int relative = far && ((i >= 3 && zb__starts(s, i, i - 3, "的")) ||
                           (i >= 9 && zb__starts(s, i, i - 9, "的")));
    for (size_t p = i; p > 0 && i - p <= (far ? 180u : 12u); p = zb__prev_char(s, p)) {
        size_t k;
        if (p < i && zb__is_clause_punct(zb__cp_at(s, i, p, NULL)))
            return 0;
        if (zb__lex_has(zb__lex_suffix(&zb__lexicon, s, 0, p, &k), ZB_LX_done) &&
            (i - p <= 12 || relative || zb__starts(s, i, p, "了")))
            return 1;
    }
    return 0;
}

/* Does s[0..n) hold a lexicon word of `role` that no done word meets
 * (二、2025年工作安排 names the plan; 2025年主要目标任务如期完成 does not)? */
static int names_unmet(const char *s, size_t n, int role) {
    for (size_t i = 0; i < n;) {
        size_t k;
        int row = zb__lex_prefix(&zb__lexicon, s + i, n - i, &k);
        if (zb__lex_has(row, role) && !zb__done_after(s, n, i + k) && !done_before(s, i, 0))
            return 1;
        i += row >= 0 ? k : zb__utf8_len((unsigned char)s[i]);
    }
    return 0;
}

int zb__names_plan(const char *s, size_t n) { return names_unmet(s, n, ZB_LX_plan); }

int zb__names_met_goals(const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t k;
        int row = zb__lex_prefix(&zb__lexicon, s + i, n - i, &k);
        if ((zb__lex_has(row, ZB_LX_plan) || zb__lex_has(row, ZB_LX_goals)) &&
            (zb__done_after(s, n, i + k) || done_before(s, i, 1)))
            return 1;
        i += row >= 0 ? k : zb__utf8_len((unsigned char)s[i]);
    }
    return 0;
}

int zb__names_goals(const char *s, size_t n) { return names_unmet(s, n, ZB_LX_goals); }

int zb__unmarked_heading(const char *s, size_t n) {
    /* at most 30 characters: a heading, not a sentence that lost its stop */
    return n <= 90 && zb__bare_line(s, n) &&
           (zb__names_plan(s, n) || zb__lex_any(&zb__lexicon, s, n, ZB_LX_review) ||
            zb__caption_part(s, n));
}

int zb__opens_with_year(const char *s, size_t n) {
    return n >= 7 && zb__is_digit(s[0]) && zb__is_digit(s[1]) && zb__is_digit(s[2]) &&
           zb__is_digit(s[3]) && zb__starts(s, n, 4, "年");
}

int zb__caption_part(const char *s, size_t n) {
    size_t i = 0, k;
    if (n > 0 && s[n - 1] == ':') /* as a line of its own */
        n--;
    if (zb__opens_with_year(s, n)) {
        i = 7;
    } else { /* “十三五”, 十四五 */
        if (zb__starts(s, n, 0, "\u201C"))
            i = 3;
        if (zb__lex_prefix_kind(&zb__periods, s + i, n - i, ZB_PW_plan, &k) < 0)
            return 0;
        i += k;
        if (zb__starts(s, n, i, "\u201D"))
            i += 3;
    }
    int row = zb__lex_prefix_kind(&zb__lexicon, s + i, n - i, ZB_LX_caption, &k);
    if (row < 0 || i + k != n)
        return 0;
    return strcmp(zb__lexicon.rows[row].text, "plan") == 0 ? 1 : -1;
}

int zb__goals_line(const char *s, size_t n) {
    if (n > 90 || !(zb__opens_with_year(s, n) || zb__starts(s, n, 0, "今年")) || !zb__bare_line(s, n))
        return 0;
    /* the goals word ends the line */
    for (size_t i = 0; i < n; i += zb__utf8_len((unsigned char)s[i])) {
        size_t k;
        int row = zb__lex_prefix(&zb__lexicon, s + i, n - i, &k);
        if (zb__lex_has(row, ZB_LX_goals) && i + k == n)
            return 1;
    }
    return 0;
}
