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
#include <string.h>

#include "chars.h"
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
        uint32_t cp = zb__cp_at(s, n, i, &k);
        if (zb__is_final_punct(cp) || cp == ':') {
            end = i;
            break;
        }
        i += k;
    }
    int marker = zb__heading_marker(s, n, &level, &mlen) && end > mlen;
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
        if (zb__lex_any(&zb__lexicon, s, h->text_end, ZB_LX_plan))
            h->part = 1;
        else if (zb__lex_any(&zb__lexicon, s, h->text_end, ZB_LX_review))
            h->part = -1;
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
    sec->plan = o->plan;
    int idx = (int)(o->sections.len - 1);
    for (int l = h->level; l <= ZB_MARKER_LEVELS; l++)
        o->level_of[l] = -1;
    o->level_of[h->level] = idx;
    return ZB_OK;
}

int zb__outline_paragraph(zb_outline *o, const zb_ntext *b, const char *orig, size_t len,
                          zb_heading *h) {
    zb__heading_of(b->s, b->len, h);
    if (!h->is_heading)
        return ZB_OK;
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
    for (int l = ZB_MARKER_LEVELS; l >= 1; l--) {
        int idx = o->level_of[l];
        if (idx < 0)
            continue;
        const zb_section *sec = ZB_VEC_AT(o->sections, zb_section, (size_t)idx);
        if (sec->has_sector)
            return (int)sec->sector;
    }
    return -1;
}

/* ---- the report year ---- */

/* Headings and titles are short lines that name a year (年) or a report (报告):
 * only those are folded and read, so the look costs little before a parse. */
int zb__report_year(const zb_mem *m, const char *orig, size_t len, int *year) {
    int plan_year = 0, review_year = 0, title_year = 0;
    zb_ntext line = {0};
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(orig + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - orig) : len;
        size_t n = end - pos;
        /* 年 is E5 B9 B4; 报告 and 大会 mark title lines */
        if (n <= 600 && (zb__has_bytes(orig + pos, n, "\xE5\xB9\xB4") ||
                         zb__has_bytes(orig + pos, n, "\xE6\x8A\xA5\xE5\x91\x8A"))) {
            zb__ntext_clear(&line);
            if (zb__fold_line(m, &line, orig, pos, end)) {
                zb__ntext_free(m, &line);
                return ZB_ENOMEM;
            }
            size_t lo = 0;
            while (lo < line.len && line.s[lo] == ' ')
                lo++;
            zb_heading h;
            zb__heading_of(line.s + lo, line.len - lo, &h);
            if (h.is_heading && h.part > 0 && h.year && !plan_year)
                plan_year = h.year;
            else if (h.is_heading && h.part < 0 && h.year && !review_year)
                review_year = h.year;
            else if (h.is_title && h.year && !title_year)
                title_year = h.year;
        }
        pos = end + 1;
    }
    zb__ntext_free(m, &line);
    *year = plan_year ? plan_year : review_year ? review_year + 1 : title_year;
    return ZB_OK;
}

/* ---- sentences and sectors ---- */

int zb__sentences(const zb_mem *m, const char *s, size_t n, zb_vec *out) {
    size_t start = 0, i = 0;
    while (i < n) {
        /* sentence ends are 。 … (E3/E2 lead bytes) or ASCII ! ? ; */
        unsigned char b = (unsigned char)s[i];
        if (b != '!' && b != '?' && b != ';' && b != 0xE3 && b != 0xE2 && b != 0xEF) {
            i += zb__utf8_len(b);
            continue;
        }
        size_t k;
        uint32_t cp = zb__cp_at(s, n, i, &k);
        i += k;
        if (!zb__is_final_punct(cp))
            continue;
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
