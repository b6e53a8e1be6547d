/*
 * Stage 2, layout: physical lines → paragraphs, undoing newspaper and PDF layout.
 *
 *   - page-continuation markers (上接第一版) / (下转第三版) are not text;
 *   - web-converter pinyin after a character, 發(fā)展, is not text;
 *   - page furniture (— 3 —) and running headers (政府工作报告) inside an
 *     unfinished paragraph are dropped;
 *   - a line that does not end a sentence continues on the next non-blank line
 *     (村公 ⏎⏎ 路2805公里, 增长 ⏎ 3.5% ⏎ 左右), unless it is a heading or a title;
 *   - spaces next to Chinese text are layout, not content;
 *   - Markdown and list marks of digests and chat answers are not text: a
 *     heading mark (### ) or a bullet (- , * , •, ■) opens a paragraph of its
 *     own, **emphasis** marks, [4] citation marks and emoji are dropped;
 *   - a Markdown table's row is a paragraph of its own, its cells joined by ':'
 *     (| 地区生产总值增长 | 5.5%左右 | → 地区生产总值增长:5.5%左右);
 *   - a digest's `label:figure` lines (生产总值增长:5.5%左右) are a list: one
 *     such line does not continue on the next such line;
 *   - two columns side by side on one line are read one after the other
 *     (columns.c), before any of the above.
 * Lines longer than max_line are cut, which bounds the memory a paragraph uses.
 */
#include <string.h>

#include "chars.h"
#include "layout.h"
#include "marker.h"
#include "tables.h"

#define ZB_MAX_LINE (1u << 20)
#define ZB_MAX_BLOCK (4u << 20)

void zb__layout_init(zb_layout *l, const zb_mem *m, const char *orig, size_t len) {
    memset(l, 0, sizeof *l);
    l->mem = m;
    l->orig = orig;
    l->len = len;
    l->max_line = ZB_MAX_LINE;
    zb__columns_init(&l->cols, m, orig);
}

void zb__layout_free(zb_layout *l) {
    zb__ntext_free(l->mem, &l->raw);
    zb__ntext_free(l->mem, &l->line);
    zb__ntext_free(l->mem, &l->block);
    zb__columns_free(&l->cols);
}

/* Does the line end a paragraph: sentence-final punctuation, or a colon that
 * introduces a list, possibly followed by closing quotes or brackets? */
static int ends_paragraph(const char *s, size_t n) {
    size_t i = n;
    while (i > 0) {
        size_t p = zb__prev_char(s, i);
        uint32_t cp = zb__cp_at(s, n, p, NULL);
        if (zb__is_closing(cp) || cp == ' ') {
            i = p;
            continue;
        }
        if (cp == '.' && p > 0 && (unsigned char)s[p - 1] >= 0x80)
            return 1; /* a full stop written as '.' after Chinese text */
        return zb__is_final_punct(cp) || cp == ':';
    }
    return 0;
}

/* "(上接第一版)", "(下转第三版)", "(转第2页)": a page-continuation marker at s. */
static size_t marker_at(const char *s, size_t n) {
    if (s[0] != '(')
        return 0;
    size_t lim = n < 48 ? n : 48;
    const char *close = memchr(s, ')', lim);
    if (!close)
        return 0;
    size_t len = (size_t)(close - s) + 1;
    const char *in = s + 1;
    size_t in_len = len - 2;
    int link = 0, page = 0;
    for (size_t i = 0; i + 3 <= in_len; i++) {
        if (memcmp(in + i, "接", 3) == 0 || memcmp(in + i, "转", 3) == 0)
            link = 1;
    }
    if (in_len >= 3 && (memcmp(in + in_len - 3, "版", 3) == 0 ||
                        memcmp(in + in_len - 3, "页", 3) == 0))
        page = 1;
    return link && page ? len : 0;
}

static int is_ascii_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '%' || c == '.';
}

/* Is a space between these bytes text (between two ASCII words or numbers:
 * PM 2.5), not layout (2024 年, 增长 5%)? */
static int space_is_text(char before, char after) {
    if (after == '%' && zb__is_digit(before)) /* 77.8 %: a PDF's or OCR's spacing */
        return 0;
    return is_ascii_alnum(before) && is_ascii_alnum(after);
}

/* Is the space run raw[i..j) between lone digits (2 0 2 4 年, 1 2 3 4 . 5 亿元: a
 * PDF's letter-spaced figure)? A digit is lone when a space, a non-ASCII byte
 * or the line's edge stands on its other side. */
static int in_spaced_digits(const char *raw, size_t i, size_t j, size_t n) {
    if (i == 0 || j >= n || !zb__is_digit(raw[i - 1]) || !zb__is_digit(raw[j]))
        return 0;
    int lone_before = i == 1 || raw[i - 2] == ' ' || (unsigned char)raw[i - 2] >= 0x80;
    int lone_after = j + 1 >= n || raw[j + 1] == ' ' || (unsigned char)raw[j + 1] >= 0x80;
    return lone_before && lone_after;
}

/* Is the space run before raw[j] inside a spaced decimal (6 . 5%, as web pages
 * and PDFs set 6.5%)? out[0..len) is the text kept so far. */
static int in_spaced_decimal(const char *out, size_t len, const char *raw, size_t j, size_t n) {
    if (!len || j >= n)
        return 0;
    if (zb__is_digit(out[len - 1]) && raw[j] == '.') {
        size_t d = j + 1;
        while (d < n && raw[d] == ' ')
            d++;
        return d < n && zb__is_digit(raw[d]);
    }
    return out[len - 1] == '.' && len >= 2 && zb__is_digit(out[len - 2]) && zb__is_digit(raw[j]);
}

/* The first byte c in s[from..n), or n. */
static size_t next_byte(const char *s, size_t from, size_t n, char c) {
    const char *p = from < n ? memchr(s + from, c, n - from) : NULL;
    return p ? (size_t)(p - s) : n;
}

/* The Markdown or list mark that opens s (after spaces): its length, with
 * *heading set for a heading mark (## ); 0 when none. */
static size_t item_mark(const char *s, size_t n, int *heading) {
    size_t i = 0;
    *heading = 0;
    while (i < n && s[i] == ' ')
        i++;
    size_t j = i;
    while (j < n && j - i < 6 && s[j] == '#')
        j++;
    if (j > i && j < n && s[j] == ' ') {
        *heading = 1;
        return j + 1;
    }
    /* not "- 3 -", a page number */
    if (i + 2 < n && (s[i] == '-' || s[i] == '*' || s[i] == '+') && s[i + 1] == ' ' &&
        !(s[i + 2] >= '0' && s[i + 2] <= '9'))
        return i + 2;
    /* 1️⃣ 2️⃣: a keycap (a digit, the emoji selector U+FE0F, U+20E3), a chat
     * answer's or a post's number */
    j = i;
    while (j < n && j - i < 2 && s[j] >= '0' && s[j] <= '9')
        j++;
    if (j > i && zb__starts(s, n, j, "\uFE0F"))
        j += 3;
    if (j > i && zb__starts(s, n, j, "\u20E3"))
        return j + 3 + (j + 3 < n && s[j + 3] == ' ');
    /* • ▪ ● ■ □ ◆ ◇ ▲ ★ ☆ ◎ ○, a newspaper's or a page's bullets */
    static const char *const bullets[] = {"•", "▪", "●", "■", "□", "◆", "◇", "▲", "★", "☆", "◎", "○"};
    for (size_t b = 0; i < n && (unsigned char)s[i] == 0xE2 && b < sizeof bullets / sizeof *bullets; b++)
        if (n - i > 3 && zb__starts(s, n, i, bullets[b]))
            return i + 3 + (s[i + 3] == ' ');
    return 0;
}

/* "[4]", "[12]": a citation mark of a web answer, 1–3 digits in brackets. */
static size_t citation_at(const char *s, size_t n) {
    size_t i = 1;
    while (i < n && i <= 3 && s[i] >= '0' && s[i] <= '9')
        i++;
    return i > 1 && i < n && s[i] == ']' ? i + 1 : 0;
}

/* An emoji (U+1F000–U+1FFFF: 📈, 🎯) or the variation selector that asks for
 * one (U+FE0F) at s: its length; web pages and chat answers strew them. */
static size_t emoji_at(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 4 && u[0] == 0xF0 && u[1] == 0x9F)
        return 4;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xB8 && u[2] == 0x8F)
        return 3;
    return 0;
}

/* Does the line end with a date's time of day (编辑:张三2018-01-24 16:20,
 * 2025年03月12日 21:05:10): a page's dateline, which no sentence goes on
 * from? Not a ratio (6:48:46): the time follows a date. */
static int ends_with_clock(const char *s, size_t n) {
    size_t i = n;
    for (int part = 0; part < 3; part++) {
        size_t d = i;
        while (d > 0 && d + 2 > i && zb__is_digit(s[d - 1]))
            d--;
        if (i - d != 2 && !(part > 0 && i - d == 1))
            return 0;
        i = d;
        if (i > 0 && s[i - 1] == ':' && part < 2) {
            i--;
            continue;
        }
        if (part == 0)
            return 0;
        break;
    }
    if (i > 0 && s[i - 1] == ' ')
        i--;
    return (i > 0 && zb__is_digit(s[i - 1])) || (i >= 3 && zb__starts(s, n, i - 3, "日"));
}

/* Copy raw into line without markers, pinyin noise, Markdown marks and layout
 * spaces, trimmed; *item and *heading say whether it opened with a list or
 * heading mark. */
/* A row of a Markdown table (| 地区生产总值增长 | 5.5%左右 |): its cells joined
 * by ':' as a label and its figure are, the outer bars and layout spaces
 * dropped; a rule row (|---|:--|) leaves nothing. */
static int clean_table_row(const zb_mem *m, zb_ntext *raw, zb_ntext *line) {
    size_t n = raw->len, i = 0;
    while (i < n && raw->s[i] == ' ')
        i++;
    size_t end = n;
    while (end > i && raw->s[end - 1] == ' ')
        end--;
    if (end > i && raw->s[end - 1] == '|')
        end--;
    i++; /* the opening bar */
    size_t rule = i;
    while (rule < end && (raw->s[rule] == '|' || raw->s[rule] == '-' || raw->s[rule] == ':' ||
                          raw->s[rule] == ' '))
        rule++;
    if (rule >= end)
        return ZB_OK; /* a rule row, or bars alone */
    while (i < end) {
        char c = raw->s[i];
        if (c == '|' || c == ' ') {
            size_t j = i;
            int bar = 0;
            while (j < end && (raw->s[j] == '|' || raw->s[j] == ' '))
                bar |= raw->s[j++] == '|';
            if (bar && line->len && zb__ntext_add(m, line, ":", 1, raw->src[i]))
                return ZB_ENOMEM;
            else if (!bar && line->len && j < end &&
                     space_is_text(line->s[line->len - 1], raw->s[j]) &&
                     zb__ntext_add(m, line, " ", 1, raw->src[i]))
                return ZB_ENOMEM;
            i = j;
            continue;
        }
        size_t j = i;
        while (j < end && raw->s[j] != '|' && raw->s[j] != ' ')
            j++;
        if (zb__ntext_append(m, line, raw, i, j))
            return ZB_ENOMEM;
        i = j;
    }
    return ZB_OK;
}

static int is_table_row(const zb_ntext *raw) {
    size_t i = 0;
    while (i < raw->len && raw->s[i] == ' ')
        i++;
    return i < raw->len && raw->s[i] == '|';
}

static int clean_into(const zb_mem *m, zb_ntext *raw, zb_ntext *line, int *item, int *heading) {
    zb__ntext_clear(line);
    size_t i = 0, n = raw->len;
    if (is_table_row(raw)) {
        *item = 1;
        *heading = 1; /* a row stands alone */
        return clean_table_row(m, raw, line);
    }
    i = item_mark(raw->s, n, heading);
    *item = i > 0;
    /* the next byte of each kind that may need cleaning ('(' of a marker or
     * pinyin, a space, '*', '[', an emoji's or a selector's lead), found by
     * memchr rather than byte by byte; the line is copied in runs between */
    static const char special[] = {'(', ' ', '*', '[', '\xF0', '\xEF'};
    enum { NSPECIAL = sizeof special };
    size_t next[NSPECIAL], first = n;
    for (size_t k = 0; k < NSPECIAL; k++) {
        next[k] = next_byte(raw->s, i, n, special[k]);
        first = next[k] < first ? next[k] : first;
    }
    if (i == 0 && first == n) {
        /* nothing to clean, the common line: line is raw, without a copy */
        zb_ntext t = *line;
        *line = *raw;
        *raw = t;
        return ZB_OK;
    }
    while (i < n) {
        char c = raw->s[i];
        if (c == '(') {
            size_t k = marker_at(raw->s + i, n - i);
            if (!k && i > 0 && (unsigned char)raw->s[i - 1] >= 0x80)
                k = zb__pinyin_at(raw->s + i, n - i);
            if (k) {
                i += k;
                continue;
            }
        }
        if (c == '*' && i + 1 < n && raw->s[i + 1] == '*') {
            i += 2; /* **emphasis** */
            continue;
        }
        if (c == '\xF0' || c == '\xEF') {
            size_t k = emoji_at(raw->s + i, n - i);
            if (k) {
                i += k;
                continue;
            }
        }
        if (c == '[') {
            size_t k = citation_at(raw->s + i, n - i);
            if (k) {
                i += k;
                continue;
            }
        }
        if (c == ' ') {
            /* keep one space only between two ASCII words or numbers */
            size_t j = i;
            while (j < n && raw->s[j] == ' ')
                j++;
            if (line->len && j < n && space_is_text(line->s[line->len - 1], raw->s[j]) &&
                !in_spaced_decimal(line->s, line->len, raw->s, j, n) &&
                !in_spaced_digits(raw->s, i, j, n) &&
                zb__ntext_add(m, line, " ", 1, raw->src[i]))
                return ZB_ENOMEM;
            i = j;
            continue;
        }
        /* copy up to the next special byte in one piece */
        size_t j = n;
        for (size_t k = 0; k < NSPECIAL; k++) {
            if (next[k] <= i)
                next[k] = next_byte(raw->s, i + 1, n, special[k]);
            j = next[k] < j ? next[k] : j;
        }
        if (zb__ntext_append(m, line, raw, i, j))
            return ZB_ENOMEM;
        i = j;
    }
    return ZB_OK;
}

static int clean_line(zb_layout *l) {
    return clean_into(l->mem, &l->raw, &l->line, &l->line_item, &l->line_heading);
}

int zb__clean_line(const zb_mem *m, zb_ntext *raw, zb_ntext *out) {
    int item, heading;
    return clean_into(m, raw, out, &item, &heading);
}

/* The bytes of the next physical line (cut at max_line); l->pos < l->len. */
static void next_physical(zb_layout *l, size_t *line_start, size_t *line_end) {
    size_t start = l->pos, avail = l->len - start;
    size_t lim = avail < l->max_line ? avail : l->max_line;
    const char *nl = memchr(l->orig + start, '\n', lim);
    size_t end, next;
    if (nl) {
        end = (size_t)(nl - l->orig);
        next = end + 1;
    } else if (lim == avail) {
        end = next = l->len;
    } else {
        /* An over-long line: cut after a sentence end if one is near, else at a
         * character boundary that is not inside a number. */
        end = start + lim;
        size_t floor = end > start + 4096 ? end - 4096 : start + 1;
        size_t cut = 0;
        for (size_t i = end; i > floor; i--) {
            if (i >= start + 3 && memcmp(l->orig + i - 3, "。", 3) == 0) {
                cut = i;
                break;
            }
        }
        if (!cut) {
            /* Not inside a number when one ends within the same window; a run of
             * digits longer than that is no figure and is cut anywhere. The walk
             * is bounded so that each cut costs the window, not the line: a line
             * of digits cut one byte at a time would be quadratic. */
            cut = end;
            while (cut > floor && (((unsigned char)l->orig[cut] & 0xC0) == 0x80 ||
                                   (l->orig[cut] >= '0' && l->orig[cut] <= '9') ||
                                   l->orig[cut] == '.' || l->orig[cut] == ','))
                cut--;
            if (cut == floor) {
                cut = end;
                while (cut > start + 1 && ((unsigned char)l->orig[cut] & 0xC0) == 0x80)
                    cut--;
            }
        }
        end = next = cut;
    }
    l->pos = next;
    *line_start = start;
    *line_end = end;
}

/* Read the next line into l->line: a physical line, or one column's part of
 * one (columns.c). 1, 0 at the end, or ZB_ENOMEM. */
static int read_line(zb_layout *l) {
    size_t start, end;
    while (!zb__columns_pop(&l->cols, &start, &end)) {
        if (l->pos >= l->len) {
            if (l->cols_done)
                return 0;
            l->cols_done = 1;
            if (zb__columns_flush(&l->cols))
                return ZB_ENOMEM;
            continue;
        }
        size_t s, e;
        next_physical(l, &s, &e);
        if (zb__columns_push(&l->cols, s, e))
            return ZB_ENOMEM;
    }
    zb__ntext_clear(&l->raw);
    if (zb__fold_line(l->mem, &l->raw, l->orig, start, end))
        return ZB_ENOMEM;
    if (clean_line(l))
        return ZB_ENOMEM;
    return 1;
}

/* — 3 —, -12-, 第3页: a page number on its own line. */
static int is_furniture(const char *s, size_t n) {
    size_t i = 0, dashes = 0, digits = 0;
    while (i < n) {
        if (s[i] >= '0' && s[i] <= '9') {
            digits++;
            i++;
        } else if (s[i] == '-' || s[i] == '~') {
            dashes++;
            i++;
        } else if (n - i >= 3 && (memcmp(s + i, "—", 3) == 0 || memcmp(s + i, "–", 3) == 0)) {
            dashes++;
            i += 3;
        } else if (n - i >= 3 && (memcmp(s + i, "第", 3) == 0 || memcmp(s + i, "页", 3) == 0)) {
            dashes++;
            i += 3;
        } else
            return 0;
    }
    return digits > 0 && digits <= 4 && dashes >= 2;
}

/* "吉林日报 2023年1月19日 星期四": a newspaper masthead, a date and no sentence. */
static int is_masthead(const char *s, size_t n) {
    if (n > 120)
        return 0;
    for (size_t i = 0; i < n;) {
        size_t k;
        uint32_t cp = zb__cp_at(s, n, i, &k);
        if (zb__is_clause_punct(cp) || zb__is_final_punct(cp) || cp == '%')
            return 0;
        i += k;
    }
    for (size_t i = 0; i + 4 < n; i++) {
        size_t j = i, d = 0;
        while (j < n && s[j] >= '0' && s[j] <= '9')
            j++, d++;
        if (d != 4 || j + 3 > n || memcmp(s + j, "年", 3) != 0) {
            i = j > i ? j : i;
            continue;
        }
        j += 3;
        d = 0;
        while (j < n && s[j] >= '0' && s[j] <= '9')
            j++, d++;
        if (d < 1 || d > 2 || j + 3 > n || memcmp(s + j, "月", 3) != 0)
            continue;
        j += 3;
        d = 0;
        while (j < n && s[j] >= '0' && s[j] <= '9')
            j++, d++;
        if (d >= 1 && d <= 2 && j + 3 <= n && memcmp(s + j, "日", 3) == 0)
            return 1;
    }
    return 0;
}

static int has_sentence_end(const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t k;
        if (zb__is_final_punct(zb__cp_at(s, n, i, &k)))
            return 1;
        i += k;
    }
    return 0;
}

/* 生产总值增长:5.5%左右: a short label, a colon and a short value holding a
 * digit, without punctuation: a line of a digest's list of figures. After
 * such a line, the value need hold no digit (居民收入增长:与经济增长同步). */
static int is_label_line(const char *s, size_t n, int after_label) {
    const char *colon = n > 120 ? NULL : memchr(s, ':', n < 40 ? n : 40);
    if (!colon || colon == s)
        return 0;
    size_t c = (size_t)(colon - s);
    int digit = 0;
    for (size_t i = 0; i < n;) {
        size_t k;
        uint32_t cp = zb__cp_at(s, n, i, &k);
        if (i != c && (cp == ':' || zb__is_clause_punct(cp) || zb__is_final_punct(cp)))
            return 0;
        if (i > c && cp >= '0' && cp <= '9')
            digit = 1;
        i += k;
    }
    return digit || after_label;
}

/* 特别国债:拟发行超长期特别国债1.3万亿元。: a line led by a label of three
 * to twelve Chinese characters and a colon, the way a digest opens an item.
 * After a line that ended as a statement or a figure, it starts a new one; a
 * shorter label (其中:) goes on with the sentence before it. */
static int is_label_led(const char *s, size_t n) {
    size_t chars = 0;
    for (size_t i = 0; i < n && chars <= 12;) {
        size_t k;
        uint32_t cp = zb__cp_at(s, n, i, &k);
        if (cp == ':')
            return chars >= 3 && i + k < n;
        if (!zb__is_cjk(cp))
            return 0;
        chars++;
        i += k;
    }
    return 0;
}

/* Does s[0..n) hold no punctuation but a number's grouping commas (1,267)? */
static int unpunctuated(const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t k;
        uint32_t cp = zb__cp_at(s, n, i, &k);
        int grouping = cp == ',' && i > 0 && zb__is_digit(s[i - 1]) && i + 1 < n && zb__is_digit(s[i + 1]);
        if (!grouping && (zb__is_clause_punct(cp) || zb__is_final_punct(cp)))
            return 0;
        i += k;
    }
    return 1;
}

/* Does s[0..n) end with a figure: Chinese words, then a number, and after it
 * at most a unit and a comparator (seven characters), not 年? */
static int ends_with_figure(const char *s, size_t n) {
    if (n < 6 || zb__starts(s, n, n - 3, "年"))
        return 0;
    /* the end first: most lines end with 。 */
    size_t i = n;
    for (int chars = 0; i > 0 && (unsigned char)s[i - 1] >= 0x80; chars++) {
        if (chars == 7)
            return 0;
        i = zb__prev_char(s, i);
        uint32_t cp = zb__cp_at(s, n, i, NULL);
        if (zb__is_final_punct(cp) || zb__is_clause_punct(cp))
            return 0; /* …达到81%。城乡低保标准: words after the figure's sentence */
    }
    if (i > 0 && s[i - 1] == '%')
        i--;
    if (i == 0 || !zb__is_digit(s[i - 1]))
        return 0;
    while (i > 0 && (zb__is_digit(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ',' ||
                     s[i - 1] == '%' || s[i - 1] == '-' || s[i - 1] == ' '))
        i--;
    return i >= 6 && (unsigned char)s[i - 1] >= 0x80;
}

/* 城镇新增就业1267万人, 经济增长4.5%-5%: a digest's line that states one figure.
 * It is short and holds no punctuation; Chinese words, then a number, and after
 * it at most a unit and a comparator (seven characters), not 年 (过去5年 is a
 * time, 2025年 a date). */
static int is_figure_line(const char *s, size_t n) {
    return n >= 6 && n <= 150 && ends_with_figure(s, n) && unpunctuated(s, n);
}

/* 粮食产量1.37万亿斤,增产74亿斤; 财政赤字率控制在2.8%,中央财政收支符合预算:
 * a line of clauses that holds a figure and ends as a statement does, not with
 * punctuation or a predicate that a figure on the next line would complete. */
static int ends_a_statement(const char *s, size_t n) {
    size_t last = zb__prev_char(s, n), k;
    uint32_t cp = zb__cp_at(s, n, last, NULL);
    if (zb__is_clause_punct(cp) || cp == ':' || cp == ' ')
        return 0;
    /* the figure in its last sentence (…达到81%。城乡低保标准 waits for more) */
    int digit = 0;
    for (size_t i = n; i > 0 && !digit;) {
        size_t p = zb__prev_char(s, i);
        if (zb__is_final_punct(zb__cp_at(s, n, p, NULL)))
            break;
        digit = zb__is_digit(s[p]);
        i = p;
    }
    int cmp = zb__lex_suffix(&zb__comparators, s, 0, n, &k);
    return digit && zb__lex_suffix(&zb__predicates, s, 0, n, &k) < 0 &&
           (cmp < 0 || zb__comparators.rows[cmp].kind == ZB_CP_after);
}

/* In a list of figure lines, does this line end its item: a figure line, or
 * a statement without a figure of nine characters or more and no punctuation
 * (制造业增加值规模连续16年保持全球第一)? A shorter line (过去5年) is a
 * caption of the lines after it. A statement (ends_a_statement) ends one too. */
static int ends_list_item(const char *s, size_t n, int figure, int statement) {
    return figure || statement || (n >= 27 && n <= 150 && unpunctuated(s, n));
}

static int append_line(zb_layout *l) {
    zb_ntext *b = &l->block, *ln = &l->line;
    if (b->len && ln->len && is_ascii_alnum(b->s[b->len - 1]) && is_ascii_alnum(ln->s[0]) &&
        !(b->s[b->len - 1] >= '0' && b->s[b->len - 1] <= '9' && ln->s[0] >= '0' &&
          ln->s[0] <= '9') &&
        b->s[b->len - 1] != '.' && ln->s[0] != '.' && ln->s[0] != '%' &&
        zb__ntext_add(l->mem, b, " ", 1, ln->src[0]))
        return ZB_ENOMEM;
    return zb__ntext_append(l->mem, b, ln, 0, ln->len);
}

int zb__layout_next(zb_layout *l, const zb_ntext **out) {
    if (l->emitted) {
        zb__ntext_clear(&l->block);
        l->block_done = 0;
        l->emitted = 0;
    }
    for (;;) {
        if (!l->have_line) {
            int r = read_line(l);
            if (r < 0)
                return r;
            if (r == 0) {
                if (l->block.len) {
                    l->emitted = 1;
                    *out = &l->block;
                    return 1;
                }
                return 0;
            }
            l->have_line = 1;
        }
        const char *s = l->line.s;
        size_t n = l->line.len;
        int open = l->block.len && !l->block_done;
        if (n == 0 || is_furniture(s, n)) {
            l->have_line = 0;
            continue;
        }
        int level;
        size_t mlen;
        int marked = zb__heading_marker(s, n, &level, &mlen);
        int heading = marked || zb__unmarked_heading(s, n) || zb__goals_line(s, n) ||
                      zb__caption_part(s, n);
        /* a title (政府工作报告, 各位代表) stands alone; any other short line
         * without punctuation may be half of a broken sentence (新建农村村公) */
        int title = !heading && zb__bare_line(s, n) && zb__lex_any(&zb__lexicon, s, n, ZB_LX_title);
        if (open && (title || (!heading && is_masthead(s, n)))) {
            l->have_line = 0; /* a running header inside a paragraph */
            continue;
        }
        /* 经济发展稳中向好 ⏎ 2024年,…: a short bare line alone in its block,
         * then a sentence that opens with its year, is a heading and its text */
        int dated = zb__opens_with_year(s, n) && zb__starts(s, n, 7, ",");
        int label = is_label_line(s, n, l->last_label);
        int led = !heading && is_label_led(s, n);
        int figure = !heading && is_figure_line(s, n);
        int starts_new = l->block.len && (l->block_done || heading || l->line_item ||
                                          (label && l->last_label) ||
                                          (figure && (l->last_figure || l->last_statement)) ||
                                          (dated && l->last_caption) ||
                                          (led && (l->last_label || l->last_figure ||
                                                   l->last_statement || l->last_led)));
        if (starts_new) {
            l->emitted = 1;
            *out = &l->block;
            return 1;
        }
        if (append_line(l))
            return ZB_ENOMEM;
        l->have_line = 0;
        l->last_label = label;
        if (figure && l->last_figure)
            l->figure_list = 1;
        l->last_figure = figure;
        /* a line of clauses, or an item led by a label: ended as a statement? */
        int clauses = !figure && n >= 27 && n <= 150;
        int stated = (clauses || led) && ends_a_statement(s, n);
        int statement = clauses && stated;
        /* 实现生产总值2.62万亿元,增长2.2% ⏎ 固定资产投资增长4.1%: a figure line
         * after it starts a list, not the rest of its sentence */
        l->last_statement = statement && ends_with_figure(s, n);
        /* 政府投资:拟安排…。…比上年增加2.9万亿元 ⏎ 特别国债:…: an item of a
         * digest's list, however long, when it ends as a statement */
        l->last_led = led && stated;
        l->last_caption = l->block.len == n && n <= 48 && zb__bare_line(s, n);
        /* a heading line of its own; 一是… runs on (PDF wraps), but not the date
         * line under a title (——2024年1月23日在…人民代表大会…上) */
        if (heading && !has_sentence_end(s, n) &&
            !(marked && zb__marker_runs_in(s, mlen) &&
              !zb__lex_any(&zb__lexicon, s, n, ZB_LX_title)))
            l->block_done = 1;
        else if (title || l->line_heading)
            l->block_done = 1;
        else
            l->block_done = ends_paragraph(s, n) ||
                            (l->figure_list && ends_list_item(s, n, figure, statement));
        if (l->block.len > ZB_MAX_BLOCK || ends_with_clock(s, n))
            l->block_done = 1;
    }
}
