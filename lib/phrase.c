/*
 * Stage 5, phrase: the words around a figure that are not its metric —
 * leading words (全年, 其中, 2022年), trailing predicates and comparators
 * (达到, 比上年增长, 力争) — and the small string helpers metric phrases are
 * built with.
 */
#include <stdio.h>
#include <string.h>

#include "attribute.h"
#include "chars.h"
#include "marker.h"
#include "numeral.h"
#include "tables.h"

/* dst = a[0..alen) + b, cut at a character boundary to fit size. */
void zb__phrase_join(char *dst, size_t size, const char *a, size_t alen, const char *b) {
    char tmp[512];
    size_t n = 0, blen = strlen(b);
    if (alen > sizeof tmp - 1)
        alen = sizeof tmp - 1;
    memcpy(tmp, a, alen);
    n = alen;
    if (blen > sizeof tmp - 1 - n)
        blen = sizeof tmp - 1 - n;
    memcpy(tmp + n, b, blen);
    n += blen;
    if (n > size - 1) {
        n = size - 1;
        while (n > 0 && ((unsigned char)tmp[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, tmp, n);
    dst[n] = 0;
}

void zb__phrase_copy(char *dst, size_t size, const char *src) { zb__phrase_join(dst, size, src, strlen(src), ""); }

int zb__inside_word(const char *s, size_t n, size_t i, size_t k) {
    size_t len;
    int row = zb__lex_prefix(&zb__lexicon, s + i, n - i, &len);
    if (row < 0 || len <= k)
        return 0;
    return zb__lex_find_kind(&zb__lexicon, row, ZB_LX_word) >= 0 ||
           zb__lex_find_kind(&zb__lexicon, row, ZB_LX_head) >= 0 ||
           zb__lex_find_kind(&zb__lexicon, row, ZB_LX_growth) >= 0 ||
           zb__lex_find_kind(&zb__lexicon, row, ZB_LX_share) >= 0;
}


static int is_skippable_char(uint32_t cp) {
    return cp == ' ' || zb__is_clause_punct(cp) || cp == 0x201C || cp == 0x201D ||
           cp == 0x2018 || cp == 0x2019 || cp == '"' || cp == 0x3002 || cp == 0x2014 ||
           cp == '-' || cp == '.' || cp == 0x2026;
}

/* The words that announce the goals before the first of them, when no colon
 * ends them (今年发展主要预期目标是经济增长4.5%至5%): where the metric starts
 * after them, or lo. A goals word is followed by 是 or 为 within the first
 * twenty-four characters. */
size_t zb__after_goals_opening(const char *s, size_t lo, size_t hi) {
    size_t lim = hi - lo > 72 ? lo + 72 : hi;
    for (size_t i = lo; i + 9 <= lim; i += zb__utf8_len((unsigned char)s[i])) {
        if (memcmp(s + i, "目", 3) != 0) /* most characters: one compare */
            continue;
        if (!zb__starts(s, lim, i, "目标是") && !zb__starts(s, lim, i, "目标为"))
            continue;
        size_t k;
        /* 预期目标是, …的预期目标是; not …增长预期目标为 (the metric's own target) */
        int row = zb__lex_suffix(&zb__lexicon, s, lo, i + 6, &k);
        if (zb__lex_has(row, ZB_LX_goals) ||
            (zb__lex_has(row, ZB_LX_target) && zb__starts(s, i + 6, i + 6 - k, "的")))
            return i + 9;
    }
    return lo;
}

/* Does a Chinese numeral open s[0..n)? */
static int numeral_at(const char *s, size_t n) {
    zb_number num;
    return zb__chinese(s, n, &num) > 0;
}

/* A year that a draft masks (XX年, 20××年) at s[i]: the end of its 年, or 0. */
static size_t masked_year(const char *s, size_t i, size_t hi) {
    size_t j = i;
    int masks = 0;
    while (j < hi && j - i < 8) {
        if (s[j] == 'X' || s[j] == 'x') {
            masks++;
            j++;
        } else if (zb__starts(s, hi, j, "\xC3\x97")) { /* × */
            masks++;
            j += 2;
        } else if (s[j] >= '0' && s[j] <= '9') {
            j++;
        } else {
            break;
        }
    }
    return masks && j > i + 1 && zb__starts(s, hi, j, "年") ? j + 3 : 0;
}

/* Leading words that are not part of a metric: 全年, 其中, 和, 2022年. */
size_t zb__strip_leading(const char *s, size_t lo, size_t hi) {
    /* 等 after a figure's list (…增长5%左右等16个预期性指标) too */
    static const char *const conj[] = {"和", "及", "与", "并", "或", "以及", "在", "对", "向",
                                       "等"};
    lo = zb__after_report_frame(s, hi, lo); /* 政府工作报告提出今年国内生产总值… */
    for (;;) {
        size_t before = lo, k;
        while (lo < hi) {
            uint32_t cp = zb__cp_at(s, hi, lo, &k);
            if (!is_skippable_char(cp))
                break;
            lo += k;
        }
        int row = zb__lex_prefix(&zb__lexicon, s + lo, hi - lo, &k);
        size_t at = lo; /* where row was looked up */
        size_t ko, kl;
        if (zb__lex_has(row, ZB_LX_lead) && lo + k <= hi)
            lo += k;
        /* the region's own word before a lead (全区预计实现地区生产总值): both go */
        else if (zb__lex_prefix_kind(&zb__entities, s + lo, hi - lo, ZB_EN_own, &ko) >= 0 &&
                 lo + ko < hi &&
                 zb__lex_prefix_kind(&zb__lexicon, s + lo + ko, hi - lo - ko, ZB_LX_lead, &kl) >= 0 &&
                 lo + ko + kl < hi)
            lo += ko + kl;
        /* a list item's marker: （一）地区生产总值增长5.5%以上 */
        int level;
        if (lo < hi && s[lo] == '(' && zb__heading_marker(s + lo, hi - lo, &level, &k) && lo + k <= hi)
            lo += k;
        /* an ordinal item's within a paragraph: …；二是利用闲置资源改造… */
        else if (lo < hi && zb__heading_marker(s + lo, hi - lo, &level, &k) && k >= 6 &&
                 lo + k <= hi && zb__starts(s, lo + k, lo + k - 3, "是"))
            lo += k;
        /* a numbered item (1、国内生产总值增长6.5%左右), not the first of a list
         * of numbers (1、2月份, 一、二产业) */
        else if (lo < hi && zb__heading_marker(s + lo, hi - lo, &level, &k) && lo + k < hi &&
                 !zb__is_digit(s[lo + k]) && !numeral_at(s + lo + k, hi - lo - k))
            lo += k;
        /* 和美乡村, 对外贸易: a word that begins with a conjunction keeps it */
        if (lo != at)
            row = zb__lex_prefix(&zb__lexicon, s + lo, hi - lo, &k);
        int word = zb__lex_has(row, ZB_LX_word);
        for (size_t c = 0; c < sizeof conj / sizeof *conj && !word; c++)
            if (zb__starts(s, hi, lo, conj[c])) {
                lo += strlen(conj[c]);
                break;
            }
        /* a year or a span of years that opens the clause: 2022年全省…, 连续20年…,
         * and the year a target is for (到2030年全社会研发投入强度, 到2027年底) */
        size_t y = zb__starts(s, hi, lo, "到") || zb__starts(s, hi, lo, "至") ? lo + 3 : lo;
        /* a draft's masked year (XX年, 20××年实现…): a year too */
        size_t masked = y == lo ? masked_year(s, y, hi) : 0;
        if (masked)
            lo = masked;
        else if (y < hi && s[y] >= '0' && s[y] <= '9') {
            size_t d = y;
            while (d < hi && s[d] >= '0' && s[d] <= '9')
                d++;
            if (zb__starts(s, hi, d, "年") && (y == lo || d - y == 4)) {
                int to = y > lo;
                lo = d + 3;
                if (to && (zb__starts(s, hi, lo, "底") || zb__starts(s, hi, lo, "末")))
                    lo += 3;
            }
        }
        if (lo == before)
            return lo;
    }
}

/* Does s[lo..at) end with a number of years (五年, 两年; 两 of 两年平均)? */
static int after_duration(const char *s, size_t lo, size_t at) {
    if (at >= lo + 3 && zb__starts(s, at, at - 3, "年"))
        return 1;
    if (at == lo)
        return 0;
    size_t p = zb__prev_char(s, at), k;
    int v;
    return zb__is_digit(s[p]) || (zb__is_cn_digit(s + p, at - p, &k, &v) && k == at - p);
}

/* The start of the last three-byte character ch in s[from..at), or SIZE_MAX:
 * compared as bytes, so the scans at the end of every metric decode nothing. */
static size_t last_char_before(const char *s, size_t from, size_t at, const char *ch) {
    for (size_t p = at; p >= from + 3; p--)
        if (memcmp(s + p - 3, ch, 3) == 0)
            return p - 3;
    return SIZE_MAX;
}

/* Where a base of comparison that ends s[lo..hi) begins (比“四经普”, 比2020年,
 * 较全国), or hi: the last 比 or 较 in at most 40 bytes back, with a metric before
 * it and something after it, and no word of its own (比重, 占比, 比较优势, 较快). */
static size_t base_phrase(const char *s, size_t lo, size_t hi) {
    static const char *const not_before[] = {"占", "对", "相", "环", "同", "攀", "评", "类",
                                             "配", "无", "正", "反", "之", "比"};
    static const char *const not_after[] = {"重", "例", "率", "较", "值", "快", "好", "大",
                                            "高", "低", "多", "少", "强", "小", "为"};
    /* bytes, not characters: this runs at the end of every metric, and most
     * have no 比 or 较 at all */
    size_t from = hi - lo > 40 ? hi - 40 : lo;
    size_t p = last_char_before(s, from, hi, "比"), pj = last_char_before(s, from, hi, "较");
    if (p == SIZE_MAX || (pj != SIZE_MAX && pj > p))
        p = pj;
    size_t next = p + 3;
    if (p == SIZE_MAX || p == lo || next >= hi)
        return hi;
    for (size_t i = next, k; i < hi; i += k)
        if (zb__is_clause_punct(zb__cp_at(s, hi, i, &k)))
            return hi;
    for (size_t i = 0; i < sizeof not_before / sizeof *not_before; i++)
        if (zb__starts(s, hi, zb__prev_char(s, p), not_before[i]))
            return hi;
    for (size_t i = 0; i < sizeof not_after / sizeof *not_after; i++)
        if (zb__starts(s, hi, next, not_after[i]))
            return hi;
    return p;
}

/* The length of a conjunction (和, 及, 以及, 与) that ends s[lo..hi), or 0;
 * 参与 is a word of its own. Only a noun that runs into the next figure ends
 * in one (19个地级以上市和2个县); before a figure it joins a list of objects
 * (与…“一院三所”和13家境外研究所) and stays. */
static size_t trailing_conjunction(const char *s, size_t lo, size_t hi) {
    static const char *const conj[] = {"以及", "和", "及", "与"};
    for (size_t i = 0; i < sizeof conj / sizeof *conj; i++) {
        size_t k = strlen(conj[i]);
        if (hi < lo + k + 3 || memcmp(s + hi - k, conj[i], k) != 0)
            continue;
        if (k == 3 && zb__starts(s, hi, hi - 6, "参"))
            return 0;
        return k;
    }
    return 0;
}

/* The length of a template's masked amount that ends s[lo..hi) (地区生产总值
 * XX亿元、增长6%: XX, ××, ** stand for the number a draft left out), or 0. A
 * unit must close it, so X光 and a model's name stay. */
size_t zb__masked_amount(const char *s, size_t lo, size_t hi) {
    size_t j = hi, k;
    for (int units = 0; units < 3 && zb__lex_suffix(&zb__units, s, lo, j, &k) >= 0 && k; units++)
        j -= k;
    if (j == hi)
        return 0;
    size_t mask = j;
    while (mask > lo) {
        if (s[mask - 1] == 'X' || s[mask - 1] == 'x' || s[mask - 1] == '*')
            mask--;
        else if (mask >= lo + 2 && zb__starts(s, mask, mask - 2, "\xC3\x97")) /* × */
            mask -= 2;
        else
            break;
    }
    return mask < j && mask > lo ? hi - mask : 0;
}

/* Trailing predicates, comparators and auxiliaries: 达到, 比上年增长, 力争.
 * The longest word that ends here decides, so 签约 is kept whole (an action)
 * rather than losing 约 as a comparator. */
size_t zb__strip_trailing(const char *s, size_t lo, size_t hi) {
    for (;;) {
        while (hi > lo) {
            size_t p = zb__prev_char(s, hi);
            uint32_t cp = zb__cp_at(s, hi, p, NULL);
            if (!is_skippable_char(cp) && cp != 0x7684 /* 的 */ && cp != 0x4E86 /* 了 */)
                break;
            hi = p;
        }
        size_t km = zb__masked_amount(s, lo, hi);
        if (km) {
            hi -= km;
            continue;
        }
        /* …提高到2025年的14万元: the year of the end value is no part of a metric */
        if (hi >= lo + 7 && zb__starts(s, hi, hi - 3, "年") && zb__year_in(s + hi - 7, 7)) {
            hi -= 7;
            /* …比2020年(增长): the year is the base of the change */
            if (hi >= lo + 3 && (zb__starts(s, hi, hi - 3, "比") || zb__starts(s, hi, hi - 3, "较")))
                hi -= 3;
            continue;
        }
        /* …增速2022年以来(连续16个季度高于…): when the streak began is no part of
         * the metric either */
        if (hi >= lo + 16 && zb__starts(s, hi, hi - 6, "以来") && zb__year_in(s + hi - 13, 7)) {
            hi -= 13;
            continue;
        }
        /* …最低标准从每人每月(2375元): whom and how often an amount is paid is
         * the figure's, not the metric's */
        if (hi >= lo + 9 && zb__starts(s, hi, hi - 6, "每") && zb__is_ideograph_lead((unsigned char)s[hi - 3])) {
            hi -= 6;
            continue;
        }
        /* 城镇调查失业率平均(为5.1%): the figure is the year's average of the
         * rate, which is the metric */
        if (hi >= lo + 9 && zb__starts(s, hi, hi - 6, "平均") && !after_duration(s, lo, hi - 6)) {
            hi -= 6;
            continue;
        }
        /* 居民人均可支配收入实际(增长5.1%): real or nominal is the figure's
         * measure, not the metric (实际使用外资 keeps it: not at the end), and
         * alone it leaves the clause without one (…5153元,实际增长9.8%) */
        if (hi >= lo + 6 && (zb__starts(s, hi, hi - 6, "实际") || zb__starts(s, hi, hi - 6, "名义"))) {
            hi -= 6;
            continue;
        }
        /* …成交额年均(增长): the period's word belongs to the figure (its period),
         * not to the metric; after a duration it names the figure (两年平均) */
        size_t ka;
        if (zb__row_has(&zb__periods, zb__lex_suffix(&zb__periods, s, lo, hi, &ka), ZB_PW_average) &&
            !after_duration(s, lo, hi - ka)) {
            hi -= ka;
            continue;
        }
        size_t kp = 0, kl = 0, kc = 0;
        int prow = zb__lex_suffix(&zb__predicates, s, lo, hi, &kp);
        int lrow = zb__lex_suffix(&zb__lexicon, s, lo, hi, &kl);
        int crow = zb__lex_suffix(&zb__comparators, s, lo, hi, &kc);
        size_t kw = kl;
        if (!zb__lex_has(lrow, ZB_LX_lead))
            kl = 0;
        if (crow < 0 || zb__comparators.rows[crow].kind == ZB_CP_after)
            kc = 0;
        if (prow >= 0 && kp >= kl && kp >= kc) {
            if (zb__pred_has(prow, ZB_PR_act) || zb__pred_has(prow, ZB_PR_relief) ||
                zb__pred_has(prow, ZB_PR_gap) || zb__pred_has(prow, ZB_PR_rank))
                return hi;
            hi -= kp;
        } else if (kl && kl >= kc) {
            hi -= kl;
        } else if (kc) {
            hi -= kc;
        } else {
            /* 外贸进出口在…的情况下(增长): the setting of the figure, from its 在
             * (at most 60 bytes back, after a metric) */
            size_t b = SIZE_MAX, at = hi - kw;
            if (zb__lex_has(lrow, ZB_LX_setting))
                b = last_char_before(s, at - lo > 60 ? at - 60 : lo, at, "在");
            /* …从业人员比“四经普”(增长), …比2020年(增长): the base of the change */
            if (b == SIZE_MAX || b <= lo)
                b = base_phrase(s, lo, hi);
            if (b == hi)
                return hi;
            hi = b;
        }
    }
}

size_t zb__strip_before_figure(const char *s, size_t lo, size_t hi) {
    for (;;) {
        hi = zb__strip_trailing(s, lo, hi);
        size_t k = trailing_conjunction(s, lo, hi);
        if (!k)
            return hi;
        hi -= k;
    }
}

/* Copy s[lo..hi) onto out without quote marks and spaces. */
void zb__phrase_append(char *out, size_t size, const char *s, size_t lo, size_t hi) {
    size_t len = strlen(out);
    size_t i = lo;
    while (i < hi && len + 4 < size) {
        size_t k;
        uint32_t cp = zb__cp_at(s, hi, i, &k);
        if (cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == '"' ||
            cp == 0x300A || cp == 0x300B || cp == 0x300C || cp == 0x300D || cp == ' ' ||
            cp == '\'') {
            i += k;
            continue;
        }
        memcpy(out + len, s + i, k);
        len += k;
        i += k;
    }
    out[len] = 0;
}

/* A metric that is only a generic head (增速, 总量, 年产能), or one with a
 * modifier of at most two characters (装机规模) when `loose`. */
int zb__is_generic_head(const char *s, size_t lo, size_t hi, int loose) {
    if (hi <= lo)
        return 0;
    if (zb__lex_is(&zb__lexicon, s + lo, hi - lo, ZB_LX_head))
        return 1;
    size_t k;
    int row = zb__lex_suffix(&zb__lexicon, s, lo, hi, &k);
    if (!(loose && zb__lex_has(row, ZB_LX_head) && hi - k - lo <= 6 && k >= 6))
        return 0;
    /* CPI涨幅 names its own metric */
    char m[64] = "";
    int sector;
    zb__phrase_append(m, sizeof m, s, lo, hi);
    return !*zb__metric_id(m, &sector);
}

