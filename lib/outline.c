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

#include "internal.h"

void zb__outline_init(zb_outline *o) {
    memset(o, 0, sizeof *o);
    for (int i = 0; i < 5; i++)
        o->level_of[i] = -1;
    o->current = -1;
}

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

static int has_lexicon_role(const char *s, size_t n, int role) {
    for (size_t i = 0; i < n; i += zb__utf8_len((unsigned char)s[i])) {
        size_t k;
        int row = zb__lex_prefix(&zb__lexicon, s + i, n - i, &k);
        if (row >= 0 && zb__lex_find_kind(&zb__lexicon, row, role) >= 0)
            return 1;
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
    if (marker && level == 4 && n <= 300 && has_lexicon_role(s, n, ZB_LX_title))
        marker = 0;
    if (marker) {
        h->is_heading = 1;
        h->level = level;
        h->marker_len = mlen;
        h->text_end = end > 400 ? 400 : end;
        while (h->text_end > 0 && ((unsigned char)s[h->text_end] & 0xC0) == 0x80)
            h->text_end--;
        if (has_lexicon_role(s, h->text_end, ZB_LX_plan))
            h->part = 1;
        else if (has_lexicon_role(s, h->text_end, ZB_LX_review))
            h->part = -1;
        h->year = zb__year_in(s, h->text_end);
        return;
    }
    if (n <= 200 && has_lexicon_role(s, n, ZB_LX_title)) {
        h->is_title = 1;
        h->year = zb__year_in(s, n);
        h->text_end = n;
    }
}

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
