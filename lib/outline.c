/*
 * Stage 3, outline: what a paragraph is (a heading, the title), where the
 * review of last year ends and the work plan begins, sentences, and which
 * sector a heading names.
 *
 * A heading is a paragraph that opens with a list marker (一、 (一) 一是 1.
 * ——); its text runs to the first sentence end, so "三是强化创新驱动发展。坚持…"
 * is the heading 三是强化创新驱动发展 followed by its body. The plan part starts
 * at a heading that names it (工作安排, 工作任务, 总体要求 …, schema/lexicon.tsv).
 */
#include <stdint.h>
#include <string.h>

#include "chars.h"
#include "layout.h"
#include "outline.h"
#include "tables.h"

int zb__year_in(const char *s, size_t n) {
    for (size_t i = 0; i + 7 <= n; i++) {
        if (!(s[i] >= '0' && s[i] <= '9') || (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
            continue;
        int y = 0, d = 0;
        while (i + d < n && d < 5 && s[i + d] >= '0' && s[i + d] <= '9') {
            y = y * 10 + (s[i + d] - '0');
            d++;
        }
        if (d == 4 && y >= 1949 && y <= 2200 && i + 7 <= n && memcmp(s + i + 4, "年", 3) == 0)
            return y;
    }
    return 0;
}

void zb__heading_of(const char *s, size_t n, zb_heading *h) {
    memset(h, 0, sizeof *h);
    int level;
    size_t mlen;
    size_t end = n;
    for (size_t i = 0; i < n;) {
        size_t k;
        uint32_t cp = zb__punct_cp_at(s, n, i, &k);
        if (zb__is_final_punct(cp) || cp == ':') {
            end = i;
            break;
        }
        i += k;
    }
    /* 2026年又有哪些工作安排? asks; no heading does */
    if (end < n && s[end] == '?')
        return;
    int marker = zb__heading_marker(s, n, &level, &mlen) && end > mlen;
    if (!marker && zb__unmarked_heading(s, end)) {
        marker = 1;
        level = 1;
        mlen = 0;
    }
    /* a marker followed by nothing but punctuation heads nothing */
    if (marker) {
        int text = 0;
        for (size_t i = mlen; i < end && !text;) {
            size_t k;
            uint32_t cp = zb__cp_at(s, n, i, &k);
            text = !(zb__is_clause_punct(cp) || zb__is_final_punct(cp) || cp == ' ' ||
                     cp == 0x3002);
            i += k;
        }
        marker = text;
    }
    /* "——2022年1月20日在…人民代表大会…上": the date line under a title */
    if (marker && level == 4 && n <= 300 && zb__lex_any(&zb__lexicon, s, n, ZB_LX_title))
        marker = 0;
    if (marker) {
        h->is_heading = 1;
        h->level = level;
        h->marker_len = mlen;
        h->text_end = end > 400 ? 400 : end;
        while (h->text_end > 0 && ((unsigned char)s[h->text_end] & 0xC0) == 0x80)
            h->text_end--;
        if (zb__names_plan(s, h->text_end) || zb__names_goals(s, h->text_end))
            h->part = 1;
        else if (zb__lex_any(&zb__lexicon, s, h->text_end, ZB_LX_review))
            h->part = -1;
        else
            h->part = zb__caption_part(s + mlen, h->text_end - mlen);
        h->year = zb__year_in(s, h->text_end);
        return;
    }
    if (n <= 200 && zb__lex_any(&zb__lexicon, s, n, ZB_LX_title)) {
        h->is_title = 1;
        h->year = zb__year_in(s, n);
        h->text_end = n;
    }
}

size_t zb__trim_end(const char *s, size_t n) {
    while (n > 0) {
        size_t p = zb__prev_char(s, n);
        uint32_t cp = zb__cp_at(s, n, p, NULL);
        if (cp == ' ' || zb__is_final_punct(cp) || zb__is_clause_punct(cp) || cp == 0x3002)
            n = p;
        else
            break;
    }
    return n;
}

/* ---- the outline as it is read ---- */

void zb__outline_init(zb_outline *o, const zb_mem *m, zb_arena *arena) {
    memset(o, 0, sizeof *o);
    o->mem = m;
    o->arena = arena;
    o->sections.size = sizeof(zb_section);
    for (int i = 0; i <= ZB_MARKER_LEVELS; i++)
        o->level_of[i] = -1;
    o->topic_sector = -1;
}

void zb__outline_free(zb_outline *o) { zb__vec_free(o->mem, &o->sections); }

static int open_section(zb_outline *o, const zb_ntext *b, const char *orig, size_t len,
                        const zb_heading *h) {
    zb_section *sec = zb__vec_push(o->mem, &o->sections);
    if (!sec)
        return ZB_ENOMEM;
    size_t tend = zb__trim_end(b->s, h->text_end);
    sec->title = zb__arena_strndup(o->mem, o->arena, b->s, tend);
    if (!sec->title)
        return ZB_ENOMEM;
    sec->level = h->level;
    zb__ntext_span(b, orig, len, 0, tend, &sec->span_start, &sec->span_end);
    /* trim_end may eat into the marker when only punctuation follows it (0、,) */
    size_t body = tend > h->marker_len ? tend - h->marker_len : 0;
    int sector = zb__sector_of_text(b->s + (tend > h->marker_len ? h->marker_len : tend), body);
    sec->has_sector = sector >= 0;
    sec->sector = sector >= 0 ? (zb_sector)sector : ZB_SECTOR_ECONOMY;
    if (h->part > 0)
        o->plan = 1;
    else if (h->part < 0)
        o->plan = 0;
    if (h->part < 0)
        o->review_level = h->level;
    else if (h->part > 0 || h->level <= o->review_level)
        o->review_level = 0;
    sec->plan = o->plan;
    int idx = (int)(o->sections.len - 1);
    for (int l = h->level; l <= ZB_MARKER_LEVELS; l++) {
        o->level_of[l] = -1;
        o->run_in &= ~(1u << l);
    }
    o->level_of[h->level] = idx;
    if (h->marker_len && zb__marker_runs_in(b->s, h->marker_len) && h->text_end < b->len)
        o->run_in |= 1u << h->level;
    return ZB_OK;
}

/* Does a paragraph open with the time it is about (2022年是…, 过去一年，…, 一年来，
 * 今年…)? It starts a passage of its own, as the summary of last year does. */
static int opens_a_time(const char *s, size_t n) {
    size_t k;
    int row = zb__lex_prefix(&zb__lexicon, s, n, &k);
    if (zb__lex_has(row, ZB_LX_now) || zb__lex_has(row, ZB_LX_past))
        return 1;
    return n >= 10 && zb__year_in(s, 7) && zb__starts(s, n, 7, "是");
}

int zb__news_item(const char *s, size_t n) {
    /* the frame is its first clause: 报告指出，… / 李克强在政府工作报告中指出，… */
    size_t i = 0;
    int chars = 0;
    while (i < n && chars < 24) {
        size_t k;
        uint32_t cp = zb__cp_at(s, n, i, &k);
        if (zb__is_clause_punct(cp) || zb__is_final_punct(cp) || cp == 0x3002)
            break;
        i += k;
        chars++;
    }
    if (i >= n || (s[i] != ',' && s[i] != ':'))
        return 0;
    size_t k;
    return zb__lex_has(zb__lex_suffix(&zb__lexicon, s, 0, i, &k), ZB_LX_news);
}

size_t zb__after_report_frame(const char *s, size_t n, size_t i) {
    size_t lim = n - i > 36 ? i + 36 : n;
    if (!zb__has_bytes(s + i, lim - i, "报告")) /* most clauses: one look */
        return i;
    for (size_t j = i; j < lim; j += zb__utf8_len((unsigned char)s[j])) {
        size_t k, kt;
        if (zb__lex_prefix_kind(&zb__lexicon, s + j, n - j, ZB_LX_news, &k) < 0)
            continue;
        size_t e = j >= i + 3 && zb__starts(s, n, j - 3, "中") ? j - 3 : j;
        int report = (e >= i + 6 && zb__starts(s, n, e - 6, "报告")) ||
                     zb__lex_has(zb__lex_suffix(&zb__lexicon, s, i, e, &kt), ZB_LX_title);
        return report ? j + k : i;
    }
    return i;
}

/* A paragraph that opens with a short sentence naming its topic (扎实做好“三农”
 * 工作。确保…; 加强民生建设。…) is a news item or a point of a section: that
 * sentence gives the paragraph its sector, as a heading would. */
static int topic_sector_of(const char *s, size_t n) {
    size_t i = 0;
    int chars = 0;
    while (i < n && chars <= 16) {
        size_t k;
        uint32_t cp = zb__cp_at(s, n, i, &k);
        if (cp == 0x3002) /* 。 */
            break;
        if (zb__is_clause_punct(cp) || zb__is_final_punct(cp) || (cp < 0x80 && zb__is_digit((char)cp)))
            return -1;
        i += k;
        chars++;
    }
    if (i >= n || chars > 16 || chars < 3)
        return -1;
    return zb__sector_of_text(s, i);
}

int zb__outline_paragraph(zb_outline *o, const zb_ntext *b, const char *orig, size_t len,
                          zb_heading *h) {
    zb__heading_of(b->s, b->len, h);
    o->topic_sector = -1;
    if (!h->is_heading) {
        /* a paragraph with a topic of its own — a topic sentence, or a news item
         * (报告指出，…) — ends a run-in heading's section (三是…。, ——…。); a
         * paragraph that goes on (a PDF page break) does not */
        o->topic_sector = topic_sector_of(b->s, b->len);
        o->news = zb__news_item(b->s, b->len);
        o->news_items += o->news != 0;
        if (o->topic_sector >= 0 || o->news || opens_a_time(b->s, b->len)) {
            for (int l = 1; l <= ZB_MARKER_LEVELS; l++)
                if (o->run_in & (1u << l))
                    o->level_of[l] = -1;
            o->run_in = 0;
        }
        return ZB_OK;
    }
    o->news = 0;
    o->seen_heading = 1;
    return open_section(o, b, orig, len, h);
}

int zb__outline_section(const zb_outline *o) {
    for (int l = ZB_MARKER_LEVELS; l >= 1; l--)
        if (o->level_of[l] >= 0)
            return o->level_of[l];
    return -1;
}

int zb__outline_sector(const zb_outline *o) {
    /* a marked section's sector holds over the topic sentences of its
     * paragraphs (（一）稳住经济基本盘 … 全力促进工业经济平稳运行。…: economy) */
    for (int l = ZB_MARKER_LEVELS; l >= 1; l--) {
        int idx = o->level_of[l];
        if (idx < 0)
            continue;
        const zb_section *sec = ZB_VEC_AT(o->sections, zb_section, (size_t)idx);
        if (sec->has_sector)
            return (int)sec->sector;
    }
    return o->topic_sector;
}

/* Does the sentence s[0..n) announce this year's goals: a goals word that
 * opens a list (…主要预期目标是：, …为：) with this year before it (今年, or the
 * report year) — or anywhere once the plan part has begun — and no word of the
 * year before (年初, 去年): 完成了年初确定的主要预期目标 looks back, not ahead. */
#define GOALS_SCOPE_BYTES 36 /* 全区经济社会发展的: twelve characters */
/* Does the clause at s[i] state a figure: a digit before its end? */
static int figure_clause(const char *s, size_t n, size_t i) {
    for (size_t j = i; j < n; j += zb__utf8_len((unsigned char)s[j])) {
        if (zb__is_digit(s[j]))
            return 1;
        uint32_t cp = zb__cp_at(s, n, j, NULL);
        if (zb__is_clause_punct(cp) || zb__is_final_punct(cp))
            return 0;
    }
    return 0;
}

static int announces_goals(const char *s, size_t n, int report_year, int in_plan) {
    /* only a goals word says yes: most sentences hold none, and the filter
     * tells so without a walk at every character */
    if (!zb__lex_any(&zb__lexicon, s, n, ZB_LX_goals))
        return 0;
    int now = in_plan;
    for (size_t i = 0; i < n;) {
        size_t k;
        int row = zb__lex_prefix(&zb__lexicon, s + i, n - i, &k);
        if (zb__lex_has(row, ZB_LX_past))
            return 0;
        if (zb__lex_has(row, ZB_LX_now))
            now = 1;
        if (zb__lex_has(row, ZB_LX_goals) && !zb__done_after(s, n, i + k)) {
            /* a comma may stand before the verb: 主要预期目标，包括… (a news item's) */
            size_t j = i + k, v = j < n && s[j] == ',' ? j + 1 : j;
            if (zb__starts(s, n, v, "还")) /* 其他经济目标还包含：… */
                v += 3;
            if (zb__starts(s, n, v, "是") || zb__starts(s, n, v, "为"))
                j = v + 3;
            else if (zb__starts(s, n, v, "包括") || zb__starts(s, n, v, "包含") ||
                     zb__starts(s, n, v, "如下"))
                j = v + 6;
            /* 划定发展预期目标，地区生产总值增长3%；…: the comma opens the list */
            int comma_list = v > j && j == i + k && figure_clause(s, n, v);
            /* of this year: said so, or a list of the goals opens, after no
             * more than a few words of scope (主要预期目标包括：…, a digest's;
             * 经济社会发展主要预期目标是：…, a news item's) */
            if (j < n && (s[j] == ':' || comma_list || (now && j > i + k && !in_plan)) &&
                (now || ((j > i + k || comma_list) && i <= GOALS_SCOPE_BYTES)))
                return 1;
            /* ■ 2025年经济社会发展的主要预期目标: a heading of the goals */
            if (now && j == n && !in_plan && zb__bare_line(s, n))
                return 1;
        }
        /* the year written here (2026年): only a digit run's start is tried, and
         * only the seven bytes a year takes, so a run of digits costs its length */
        if (row < 0 && report_year && zb__is_digit(s[i]) && (i == 0 || !zb__is_digit(s[i - 1])) &&
            zb__year_in(s + i, n - i < 7 ? n - i : 7) == report_year)
            now = 1;
        /* a word that opens with 的 (的预期目标) may hold the goals word: one step */
        i += row >= 0 && !zb__starts(s, n, i, "的") ? k : zb__utf8_len((unsigned char)s[i]);
    }
    return 0;
}

/* Does a paragraph open with this year: 今年是…, 今年拟…, 2026年是…? */
static int opens_with_this_year(const char *s, size_t n, int report_year) {
    size_t k;
    int row = zb__lex_prefix(&zb__lexicon, s, n, &k);
    if (zb__lex_has(row, ZB_LX_now))
        return 1;
    return report_year && n >= 10 && zb__year_in(s, 7) == report_year && zb__starts(s, n, 7, "是");
}

/* The text of a sentence of s without the spaces that open it; its length in *len. */
static const char *sentence_text(const char *s, const zb_range *r, size_t *len) {
    const char *t = s + r->start;
    size_t n = r->end - r->start;
    while (n && *t == ' ')
        t++, n--;
    *len = n;
    return t;
}

/* Is sentence i of a paragraph, a heading h, next to another heading of its
 * level with nothing between: an entry of the report's contents that a news
 * item lists (报告共分四个部分:一、2024年工作回顾。二、2025年总体思路…。三、…),
 * not the start of the part it names? */
static int contents_entry(const char *s, const zb_range *sent, size_t nsent, size_t i,
                          const zb_heading *h) {
    for (size_t j = i ? i - 1 : i + 1; j <= i + 1 && j < nsent; j += 2) {
        size_t len;
        const char *t = sentence_text(s, &sent[j], &len);
        zb_heading other;
        zb__heading_of(t, len, &other);
        if (other.is_heading && other.marker_len && other.level == h->level)
            return 1;
    }
    return 0;
}

size_t zb__outline_plan_start(zb_outline *o, const char *s, size_t n, const zb_range *sent,
                              size_t nsent) {
    ZB_UNUSED(n);
    if (o->plan)
        return SIZE_MAX;
    for (size_t i = 0; i < nsent; i++) {
        size_t len;
        const char *t = sentence_text(s, &sent[i], &len);
        zb_heading h;
        zb__heading_of(t, len, &h);
        /* under a heading of the review, 今年是… speaks of the year reviewed (a
         * report given before the year ended) */
        int start = (h.is_heading && h.part > 0 && !(h.marker_len && contents_entry(s, sent, nsent, i, &h))) ||
                    announces_goals(t, len, o->report_year, 0) ||
                    (i == 0 && !o->review_level && opens_with_this_year(t, len, o->report_year));
        if (start) {
            o->plan = 1;
            return i;
        }
    }
    return SIZE_MAX;
}

size_t zb__outline_goals(zb_outline *o, const char *s, size_t n, const zb_range *sent,
                         size_t nsent, const zb_heading *h) {
    /* a list of targets goes on in paragraphs of —— items, and ends at any other;
     * items under another marker (（一）…；) go on until one ends with 。, since
     * the work plan's sections (（一）…。…) follow with the same markers */
    int dash = h->is_heading && h->level == ZB_MARKER_LEVELS && h->marker_len == 6;
    /* a digest's lines under its caption (2025年发展主要预期目标 ⏎ 国际收支保持
     * 基本平衡。): short paragraphs, of forty characters at most */
    int line = o->in_goals && o->goals_lines && !h->is_heading && n <= 120;
    int item = dash || line || (h->is_heading && !h->part && o->in_goals);
    if (!line) /* a list of marked items (——…；) ends at the first line after it */
        o->goals_lines = 0;
    size_t from = o->in_goals && item ? 0 : SIZE_MAX;
    if (!item)
        o->in_goals = 0;
    size_t tail = zb__trim_end(s, n);
    int last = item && !dash && !line && zb__has_bytes(s + tail, n - tail, "。");
    for (size_t i = 0; i < nsent && from == SIZE_MAX; i++) {
        const char *t = s + sent[i].start;
        size_t len = sent[i].end - sent[i].start;
        /* 目标 is E7 9B AE E6 A0 87: only such sentences are read word by word */
        if (zb__has_bytes(t, len, "\xE7\x9B\xAE\xE6\xA0\x87") &&
            announces_goals(t, len, o->report_year, o->plan))
            from = i;
    }
    if (from != SIZE_MAX) {
        /* the list runs on when its paragraph ends at the colon that opens it */
        size_t end = nsent ? sent[nsent - 1].end : 0;
        while (end > 0 && s[end - 1] == ' ')
            end--;
        int colon = end > 0 && s[end - 1] == ':';
        o->in_goals = colon ? 1 : o->in_goals || item;
        o->goals_lines = colon || o->goals_lines;
    }
    if (last)
        o->in_goals = 0;
    /* …and when the paragraph is a goals caption alone (2025年发展主要预期目标) */
    if (nsent == 1 && zb__goals_line(s, tail))
        o->in_goals = o->goals_lines = 1;
    return from;
}

/* ---- the report year ---- */

typedef struct year_evidence {
    int plan, review, title; /* the first year each kind of evidence names; 0 none */
    int estimate; /* a year an estimate word opens (预计2022年…): the year just ended */
    int aim;      /* a year a commitment follows (2025年力争增长7%以上) */
    /* weakest: a year that opens a clause (国务院总理…表示，2021年，我国国内生产
     * 总值达到…, ●2023年广东地区生产总值达到…) before a sentence that announces
     * 今年's goals, in a text that names no other year: the year before the
     * report's */
    int lead, now_goals;
    /* weaker still: a date with its month and day (2025年03月12日, 2025-03-12),
     * as a page or a news item is dated, in a text that announces 今年's goals
     * somewhere and names no year otherwise: the report's own year; in a
     * text that gives estimates (预计地区生产总值…), the report of the year
     * the page is dated, or of the next when dated from October on */
    int dated, dated_month, goals, estimated;
    /* the year that opens the last line read (2024年全市上下…交出了一份优异成绩单),
     * 0 when it opened without one: a paragraph right after it that opens
     * with 过去的一年 and says the goals were met reviews that year */
    int line_year;
    /* a year that opened a clause earlier in the line, not of a goal
     * (报告指出，2021年，长寿实现了良好开局。): an estimate sentence after it
     * that names no year (预计地区生产总值820亿元) estimates that year */
    int clause_year;
} year_evidence;

/* A 4-digit year written as YYYY年 at s[i] (not inside a longer number), or 0. */
static int year_at(const char *s, size_t n, size_t i) {
    if (i > 0 && zb__is_digit(s[i - 1]))
        return 0;
    return i + 7 <= n && zb__year_in(s + i, 7) ? zb__year_in(s + i, 7) : 0;
}

/* 2025年经济社会发展的主要预期目标, 2026年又有哪些工作安排: a goals or plan
 * word a few characters after the year (at s[i]; a comma may follow the year),
 * in the same clause, with no
 * predicate before it and not said to be met after it. */
static int goals_soon_after(const char *s, size_t n, size_t i) {
    if (i < n && s[i] == ',') /* 2025年，中山全市经济社会发展主要预期目标是 */
        i++;
    size_t lim = n - i > 36 ? i + 36 : n;
    for (size_t j = i; j < lim; j += zb__utf8_len((unsigned char)s[j])) {
        size_t k;
        size_t kl;
        /* 2022年工作总结和2023年工作安排: the plan is the nearer year's */
        if (zb__is_digit(s[j]) && year_at(s, n, j))
            return 0;
        int row = zb__lex_prefix(&zb__lexicon, s + j, n - j, &kl);
        /* a predicate, unless a longer word holds it (经济增速预期目标: 增速) */
        if (zb__is_clause_punct(zb__cp_at(s, n, j, NULL)) ||
            (zb__lex_prefix(&zb__predicates, s + j, n - j, &k) >= 0 && !(row >= 0 && kl > k)))
            return 0;
        k = kl;
        if (zb__lex_has(row, ZB_LX_goals) || zb__lex_has(row, ZB_LX_plan))
            return !zb__done_after(s, n, j + k);
    }
    return 0;
}

/* One or two digits at s[i] and then the word w (3月, 12日): the end of w, or 0. */
static size_t digits_then(const char *s, size_t n, size_t i, const char *w) {
    size_t j = i;
    while (j < n && j - i < 2 && zb__is_digit(s[j]))
        j++;
    return j > i && zb__starts(s, n, j, w) ? j + strlen(w) : 0;
}

/* A month (3月) at s[i]. */
static int month_after(const char *s, size_t n, size_t i) { return digits_then(s, n, i, "月") != 0; }

/* After a year that opens a clause (at s[after]), what follows: results
 * (LEAD_RESULTS), a comma (2021年，国内生产总值…) or a figure in the clause
 * (2023年广东地区生产总值达到13.57万亿元); or a goal (LEAD_GOAL), an expectation,
 * a target or a 将 (will) before the figure (2020年，上海经济增速预期首次定格
 * “6%左右”; 2025年，深圳将重点抓好…). Neither
 * for 2024年广东经济社会发展 (a heading of the plan), nor 2025年是…之年 (which a
 * review says of last year and a plan of this). */
enum { LEAD_NONE, LEAD_RESULTS, LEAD_GOAL };
static int lead_of(const char *s, size_t n, size_t after) {
    int comma = after < n && s[after] == ',';
    size_t j = comma ? after + 1 : after;
    if (zb__starts(s, n, j, "是")) /* 2023年，是…开局之年 */
        return LEAD_NONE;
    for (; j < n; j++) {
        if (!comma && (s[j] == ',' || s[j] == ';' || s[j] == ':'))
            return LEAD_NONE;
        /* …将 (will): 2025年，深圳将重点抓好… */
        if (zb__starts(s, n, j, "预期") || zb__starts(s, n, j, "目标") ||
            (zb__starts(s, n, j, "将") && !zb__starts(s, n, j + 3, "近")))
            return LEAD_GOAL;
        if (zb__is_digit(s[j]))
            return comma || (!zb__starts(s, n, j + 1, "月") && !zb__starts(s, n, j + 2, "月"))
                       ? LEAD_RESULTS
                       : LEAD_NONE;
    }
    return LEAD_NONE;
}

/* The year of a date written YYYY年M月D日 (at s[i], a year at_year) or
 * YYYY-MM-DD (at s[i], not inside a longer number), or 0; its month in *month. */
static int date_at(const char *s, size_t n, size_t i, int at_year, int *month) {
    if (at_year) {
        size_t m = digits_then(s, n, i + 7, "月");
        if (!m || !digits_then(s, n, m, "日"))
            return 0;
        *month = 0;
        for (size_t d = i + 7; d < m - 3; d++)
            *month = *month * 10 + (s[d] - '0');
        return at_year;
    }
    if (i + 10 > n || (i > 0 && zb__is_digit(s[i - 1])) || s[i + 4] != '-' || s[i + 7] != '-')
        return 0;
    for (size_t d = 0; d < 10; d++)
        if (d != 4 && d != 7 && !zb__is_digit(s[i + d]))
            return 0;
    if (i + 10 < n && zb__is_digit(s[i + 10]))
        return 0;
    int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
    int mo = (s[i + 5] - '0') * 10 + (s[i + 6] - '0');
    *month = mo;
    return y >= 1949 && y <= 2200 && mo >= 1 && mo <= 12 ? y : 0;
}

/* Does an estimate word (预计, 初步核算) stand in the clause after a year's
 * comma, within its first few words (2025年，同安区预计地区生产总值…)? */
static int estimate_in_clause(const char *s, size_t n, size_t after) {
    size_t j = after < n && s[after] == ',' ? after + 1 : after, end = j + 30 < n ? j + 30 : n;
    while (j < end && s[j] != ',' && s[j] != ';' && s[j] != ':') {
        size_t k;
        if (zb__lex_prefix_kind(&zb__lexicon, s + j, n - j, ZB_LX_estimate, &k) >= 0)
            return 1;
        j += zb__utf8_len((unsigned char)s[j]);
    }
    return 0;
}

/* Does a sentence say its goals were met, without aiming or committing to
 * them (力争, 确保, 今年)? */
static int met_goals_said(const char *s, size_t n) {
    return zb__names_met_goals(s, n) && !zb__lex_any(&zb__lexicon, s, n, ZB_LX_strive) &&
           !zb__lex_any(&zb__lexicon, s, n, ZB_LX_ensure) &&
           !zb__lex_any(&zb__lexicon, s, n, ZB_LX_now);
}

/* What one sentence says of the report year: a heading of this year's plan or
 * of last year's review (at the sentence's start, so inline headings count);
 * a year named by a plan or review word right before it (部署2024年任务, 回顾
 * 2023年工作) or after it (2024年主要预期目标); a year right before the title
 * (2024年政府工作报告) or opening the date line under it (——2024年1月21日在…
 * 人民代表大会…), or a date opening a sentence that names the report (2025年
 * 3月5日，…在政府工作报告中提出: a news item's lead). */
static void sentence_evidence(const char *s, size_t n, year_evidence *e) {
    zb_heading h;
    zb__heading_of(s, n, &h);
    if (h.is_heading && h.year && h.part > 0 && !e->plan)
        e->plan = h.year;
    else if (h.is_heading && h.year && h.part < 0 && !e->review)
        e->review = h.year;
    int dateline = zb__starts(s, n, 0, "——") && zb__lex_any(&zb__lexicon, s, n, ZB_LX_title);
    int named = 0; /* a year seen in the sentence */
    for (size_t i = 0; i < n; i += zb__utf8_len((unsigned char)s[i])) {
        int y = zb__is_digit(s[i]) ? year_at(s, n, i) : 0;
        if (!e->dated && zb__is_digit(s[i]))
            e->dated = date_at(s, n, i, y, &e->dated_month);
        if (!y)
            continue;
        size_t after = i + 7, k;
        int next = zb__lex_prefix(&zb__lexicon, s + after, n - after, &k);
        size_t kb;
        int before = zb__lex_suffix(&zb__lexicon, s, 0, i, &kb);
        if (!e->plan && (zb__lex_has(before, ZB_LX_plan) || zb__lex_has(next, ZB_LX_plan) ||
                         zb__lex_has(next, ZB_LX_goals)) &&
            !(next >= 0 && zb__done_after(s, n, after + k)))
            e->plan = y;
        if (!e->plan && goals_soon_after(s, n, after))
            e->plan = y;
        /* 刚刚过去的2009年: the year just ended; 2024年，…完成了全年目标任务: a
         * year whose goals were met, unless the sentence aims or commits
         * (2025年，确保完成全年目标任务) */
        if (!e->review && (zb__lex_has(before, ZB_LX_review) || zb__lex_has(next, ZB_LX_review) ||
                           (i >= 9 && zb__starts(s, n, i - 9, "过去的")) ||
                           (i == 0 && met_goals_said(s, n))))
            e->review = y;
        if (!e->title && (zb__lex_has(next, ZB_LX_title) || (dateline && i <= 6) ||
                          (i == 0 && month_after(s, n, after) &&
                           zb__lex_any(&zb__lexicon, s, n, ZB_LX_title))))
            e->title = y;
        /* a digest that names no year but in its figures: the year that 力争 or
         * 确保 follows is this year's, unless it is a deadline (到2027年力争…) */
        if (!e->aim && (zb__lex_has(next, ZB_LX_strive) || zb__lex_has(next, ZB_LX_ensure)) &&
            !(i >= 3 && (zb__starts(s, n, i - 3, "到") || zb__starts(s, n, i - 3, "至"))))
            e->aim = y;
        if (!e->estimate && zb__lex_has(before, ZB_LX_estimate))
            e->estimate = y;
        int opens = i == 0 || s[i - 1] == ',';
        int lead = opens ? lead_of(s, n, after) : LEAD_NONE;
        named = 1;
        if (opens && lead != LEAD_GOAL && !zb__lex_has(next, ZB_LX_strive) &&
            !zb__lex_has(next, ZB_LX_ensure))
            e->clause_year = y;
        if (!e->lead && lead == LEAD_RESULTS)
            e->lead = y;
        if (!e->aim && lead == LEAD_GOAL) /* as 力争 says it */
            e->aim = y;
        /* 2025年，全区预计地区生产总值增长6.5%: a lead whose results are estimates */
        if (!e->estimate && i == 0 && e->lead == y && estimate_in_clause(s, n, after))
            e->estimate = y;
        i = after - 1;
    }
    /* asked until the goals are seen once, and after a lead: most texts have
     * their year before */
    if ((!e->goals || (e->lead && !e->now_goals)) && announces_goals(s, n, 0, 0)) {
        e->goals = 1;
        e->now_goals = e->lead != 0;
    }
    /* 预计地区生产总值超过2100亿元: a sentence that opens with an estimate */
    size_t k;
    int estimate = zb__lex_prefix_kind(&zb__lexicon, s, n, ZB_LX_estimate, &k) >= 0;
    if (estimate)
        e->estimated = 1;
    if (estimate && !named && !e->estimate && e->clause_year)
        e->estimate = e->clause_year;
}

/* Does a year written YYYY年 open the line (after a bullet or spaces) or a
 * clause (after , or ，) in the raw bytes s[0..n): a year that may lead a
 * news item's results (●2023年广东地区生产总值达到…)? */
static int raw_year_opens_clause(const char *s, size_t n) {
    for (size_t p = 4; p + 3 <= n; p++) {
        if (memcmp(s + p, "\xE5\xB9\xB4", 3) != 0 || !zb__is_digit(s[p - 1]) ||
            !zb__is_digit(s[p - 2]) || !zb__is_digit(s[p - 3]) || !zb__is_digit(s[p - 4]))
            continue;
        size_t d = p - 4;
        if ((d >= 1 && s[d - 1] == ',') || (d >= 3 && memcmp(s + d - 3, "\xEF\xBC\x8C", 3) == 0))
            return 1; /* ，2021年 */
        size_t i = 0; /* only spaces and symbols before it: no letter, digit or ideograph */
        while (i < d && !zb__is_digit(s[i]) && !zb__is_ideograph_lead((unsigned char)s[i]) &&
               !(((unsigned char)s[i] | 0x20) >= 'a' && ((unsigned char)s[i] | 0x20) <= 'z'))
            i++;
        if (i == d && d <= 12)
            return 1;
    }
    return 0;
}

/* Does s[0..n) hold a date written YYYY-MM-DD? */
static int iso_date_in(const char *s, size_t n) {
    int month;
    for (const char *d = memchr(s, '-', n); d; d = memchr(d + 1, '-', (size_t)(s + n - d - 1)))
        if (d - s >= 4 && date_at(s, n, (size_t)(d - s) - 4, 0, &month))
            return 1;
    return 0;
}

/* Lines that may hold such evidence name a year (年) and a word of a heading,
 * a title or a plan; only those are folded and read, so the look costs little
 * before a parse. Raw bytes are tested, in simplified and traditional forms. */
static int may_name_the_year(const char *s, size_t n) {
    static const char *const cues[] = {"报告", "報告", "工作", "目标", "目標", "回顾",
                                       "回顧", "部署", "大会", "大會", "力争", "力爭",
                                       "确保", "確保", "预计", "預計", "过去的", "過去的"};
    /* without 年: a page's date, or goals a lead or a date may need */
    if (!zb__has_bytes(s, n, "\xE5\xB9\xB4")) /* 年 */
        return iso_date_in(s, n) || zb__has_bytes(s, n, "目标") || zb__has_bytes(s, n, "目標") ||
               zb__has_bytes(s, n, "预计") || zb__has_bytes(s, n, "預計");
    for (size_t i = 0; i < sizeof cues / sizeof *cues; i++)
        if (zb__has_bytes(s, n, cues[i]))
            return 1;
    return raw_year_opens_clause(s, n);
}

/* Is the raw line s[0..n) empty but for spaces (ASCII or ideographic)? */
static int only_spaces(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')
            continue;
        if (i + 3 <= n && memcmp(s + i, "\xE3\x80\x80", 3) == 0) {
            i += 2;
            continue;
        }
        return 0;
    }
    return 1;
}

/* What the sentences of one line say of the report year (sentence_evidence),
 * and what they say together: 2024年是…的关键一年。我们将… (the year planned
 * for), and a line after one that opened with a year, opening with 过去的一年
 * and saying the goals were met (that year reviewed). */
static void line_evidence(const char *s, const zb_vec *sent, year_evidence *e) {
    int past = 0, met = 0, opening = 0, is_year = 0;
    e->clause_year = 0;
    for (size_t i = 0; i < sent->len; i++) {
        const zb_range *r = ZB_VEC_AT(*sent, zb_range, i);
        size_t lo = r->start, k;
        while (lo < r->end && s[lo] == ' ')
            lo++;
        const char *t = s + lo;
        size_t n = r->end - lo;
        if (i == 0) {
            opening = year_at(t, n, 0);
            past = zb__lex_prefix_kind(&zb__lexicon, t, n, ZB_LX_past, &k) >= 0;
        }
        met = met || met_goals_said(t, n);
        if (is_year && !e->aim && (zb__starts(t, n, 0, "我们将") || zb__starts(t, n, 0, "将")))
            e->aim = is_year;
        is_year = zb__starts(t, n, 7, "是") ? year_at(t, n, 0) : 0;
        sentence_evidence(t, n, e);
    }
    if (!e->review && past && met && e->line_year)
        e->review = e->line_year;
    e->line_year = opening;
}

int zb__report_year(const zb_mem *m, const char *orig, size_t len, int *year) {
    year_evidence e = {0};
    zb_ntext raw = {0}, line = {0};
    zb_vec sent = {0};
    sent.size = sizeof(zb_range);
    size_t pos = 0;
    int rc = ZB_OK;
    while (pos < len && !e.plan) {
        const char *nl = memchr(orig + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - orig) : len;
        if (may_name_the_year(orig + pos, end - pos)) {
            sent.len = 0;
            zb__ntext_clear(&raw);
            /* as the paragraphs read it: 2024 年 of a PDF is 2024年, 發(fā)展 is 发展 */
            if (zb__fold_line(m, &raw, orig, pos, end) || zb__clean_line(m, &raw, &line) ||
                zb__sentences(m, line.s, line.len, &sent)) {
                rc = ZB_ENOMEM;
                break;
            }
            line_evidence(line.s, &sent, &e);
        } else if (!only_spaces(orig + pos, end - pos)) {
            e.line_year = 0;
        }
        pos = end + 1;
    }
    zb__ntext_free(m, &raw);
    zb__ntext_free(m, &line);
    zb__vec_free(m, &sent);
    *year = e.plan     ? e.plan
            : e.review ? e.review + 1
            : e.title  ? e.title
            : e.estimate ? e.estimate + 1
            : e.aim    ? e.aim
            : e.now_goals && e.lead ? e.lead + 1
            : e.goals && e.dated ? e.dated
            : e.estimated && e.dated ? e.dated + (e.dated_month >= 10)
                                 : 0;
    return rc;
}

/* ---- sentences and sectors ---- */

int zb__sentences(const zb_mem *m, const char *s, size_t n, zb_vec *out) {
    size_t start = 0, i = 0;
    while (i < n) {
        /* sentence ends are 。 … (E3/E2 lead bytes) or ASCII ! ? ; and an
         * ellipsis typed as dots (......), which no decimal point is */
        unsigned char b = (unsigned char)s[i];
        if (b != '!' && b != '?' && b != ';' && b != '.' && b != 0xE3 && b != 0xE2 && b != 0xEF) {
            i += zb__utf8_len(b);
            continue;
        }
        size_t k;
        if (b == '.') {
            size_t d = i;
            while (d < n && s[d] == '.')
                d++;
            int dots = d - i >= 3;
            i = d;
            if (!dots)
                continue;
        } else {
            uint32_t cp = zb__cp_at(s, n, i, &k);
            i += k;
            if (!zb__is_final_punct(cp))
                continue;
        }
        /* closing quotes and brackets stay with their sentence */
        while (i < n) {
            uint32_t c2 = zb__cp_at(s, n, i, &k);
            if (c2 == 0x201D || c2 == 0x2019 || c2 == ')' || c2 == 0x300B || c2 == 0x300D ||
                zb__is_final_punct(c2))
                i += k;
            else
                break;
        }
        zb_range *r = zb__vec_push(m, out);
        if (!r)
            return ZB_ENOMEM;
        r->start = start;
        r->end = i;
        start = i;
    }
    if (start < n) {
        zb_range *r = zb__vec_push(m, out);
        if (!r)
            return ZB_ENOMEM;
        r->start = start;
        r->end = n;
    }
    return ZB_OK;
}

int zb__sector_of_text(const char *s, size_t n) {
    for (size_t i = 0; i < n; i += zb__utf8_len((unsigned char)s[i])) {
        size_t k;
        int row = zb__lex_prefix(&zb__sectors, s + i, n - i, &k);
        if (row >= 0)
            return zb__sectors.rows[row].kind;
    }
    return -1;
}

int zb__sector_by_votes(const char *s, size_t n) {
    int votes[ZB_SECTOR_GOVERNANCE + 1] = {0};
    int best = -1;
    for (size_t i = 0; i < n;) {
        size_t k;
        int row = zb__lex_prefix(&zb__sectors, s + i, n - i, &k);
        if (row >= 0) {
            votes[zb__sectors.rows[row].kind]++;
            i += k;
        } else {
            i += zb__utf8_len((unsigned char)s[i]);
        }
    }
    for (int sct = 0; sct <= ZB_SECTOR_GOVERNANCE; sct++)
        if (votes[sct] && (best < 0 || votes[sct] > votes[best]))
            best = sct;
    return best;
}
