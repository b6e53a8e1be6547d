/*
 * Stage 5, entity: whose figure it is when it is not the report's region
 * (INDICATORS.md §4b). A report's figures are its region's; the text says so
 * when they are not, at the head of the measured phrase:
 *
 *   温州湾新区地区生产总值增长9.2%        a zone: a name closed by 新区 …
 *   乐清市、瑞安市地区生产总值分别突破…    places of regions.tsv (分别 has
 *                                        already given each figure its item)
 *   正泰集团营业收入, 红旗品牌产量          enterprises, groups, brands
 *   山区26县生产总值                      a count of places
 *   对共建“一带一路”国家进出口增长12.6%    a partner after 对 / 向
 *
 * A sentence that opens with an owner's figure keeps that owner for its later
 * figures (东湖高新区地区生产总值增长7.6%，总量达到2602.3亿元，高新技术企业
 * 超过6000家), and a clause that only goes on with the clause before takes its
 * owner (…货邮吞吐量突破24万吨，开通国际货运航线8条). The owner leaves the
 * metric, which keeps the measured thing. Words are in schema/entities.tsv;
 * every look-up stays within the figure's clause, the clause before it and the
 * head of its sentence.
 */
#include <string.h>

#include "attribute.h"
#include "chars.h"
#include "tables.h"

#define NAME_CHARS 6     /* an unknown name before a suffix: 温州湾, 北部湾 */
#define PARTNER_CHARS 12 /* a partner before 国家: 共建“一带一路” */
#define HEAD_BYTES 96    /* the head of a sentence that may name its owner */
#define NEAR_BYTES 240   /* around a figure, where a list or a name counted is */
#define MAX_PARTNERS 8

static int en_word(const char *s, size_t i, size_t hi, size_t *k) {
    *k = 0;
    return i < hi ? zb__lex_prefix(&zb__entities, s + i, hi - i, k) : -1;
}

static int en_is(int row, int role) { return zb__row_has(&zb__entities, row, role); }

/* A set of entities roles, for zb__lex_may_start_kinds */
#define EN(role) (1u << ZB_EN_##role)
/* the roles of a word that closes a name (closes(row, 0)) */
#define CLOSERS (EN(zone) | EN(facility) | EN(group) | EN(brand))

/* A place name of regions.tsv at s[i]: its length. *sub when it names a
 * division below a province: a prefecture by any name, a county by its full
 * name (洞头区), or by its short name when `loose` (敦化(新增…)). A
 * province's name alone may be the report's own region, and a county's short
 * name is often a word (九龙江, 山城绿道, 延长). */
static size_t region_at(const char *s, size_t i, size_t hi, int loose, int *sub) {
    size_t k = 0;
    *sub = 0;
    int row = i < hi ? zb__lex_prefix(&zb__region_names, s + i, hi - i, &k) : -1;
    if (row < 0)
        return 0;
    const zb_lex_row *rows = zb__region_names.rows;
    for (size_t r = (size_t)row;
         r < zb__region_names.nrows && strcmp(rows[r].word, rows[row].word) == 0; r++) {
        int level = zb__region_rows[rows[r].kind].level;
        if (level == ZB_RL_prefecture ||
            (level == ZB_RL_county && (loose || strcmp(rows[r].word, rows[r].text) == 0)))
            *sub = 1;
    }
    return k;
}

/* Words before an owner that are not part of it: spaces, opening quotes, lead
 * words (力争, 全年, 深化) and verbs — every action (建设长春轨道交通…) when
 * `acts`, else only the pivots (支持一汽做实…). The report's own region (我市,
 * a lead word too) stops here, for the caller to see. */
static size_t skip_head(const char *s, size_t i, size_t hi, int acts) {
    for (int guard = 0; guard < 8 && i < hi; guard++) {
        size_t k;
        uint32_t cp = zb__cp_at(s, hi, i, &k);
        if (cp == ' ' || cp == 0x201C || cp == 0x2018) {
            i += k;
            continue;
        }
        /* each table looked up only where a word of the kinds asked starts */
        const unsigned char *u = (const unsigned char *)s + i;
        int row = zb__lex_may_start_kinds(&zb__entities, EN(own) | EN(pivot) | EN(lead), u, hi - i)
                      ? en_word(s, i, hi, &k)
                      : -1;
        if (en_is(row, ZB_EN_own))
            break;
        if (en_is(row, ZB_EN_pivot) || en_is(row, ZB_EN_lead)) {
            i += k;
            continue;
        }
        if (zb__lex_prefix_kind(&zb__lexicon, s + i, hi - i, ZB_LX_lead, &k) >= 0) {
            i += k;
            continue;
        }
        if (acts && zb__lex_prefix_kind(&zb__predicates, s + i, hi - i, ZB_PR_act, &k) >= 0) {
            i += k;
            continue;
        }
        break;
    }
    return i;
}

/* Is s[lo..hi) made only of generic words (工业, 国家级), or does it end with
 * one (境内上市公司, 化工园区: a kind of enterprise or zone, not a name)? */
static int generic_name(const char *s, size_t lo, size_t hi) {
    size_t k;
    if (zb__row_has(&zb__entities, zb__lex_suffix(&zb__entities, s, lo, hi, &k), ZB_EN_not))
        return 1;
    while (lo < hi) {
        if (!en_is(en_word(s, lo, hi, &k), ZB_EN_not) || lo + k > hi)
            return 0;
        lo += k;
    }
    return 1;
}

/* Can the character at s[i] stand inside a name? Not punctuation, a digit, 的,
 * a predicate (新建, 增长) or the report's own region. */
/* The same, with `row` the entities word at s[i] (en_word) when known. */
static int name_char_row(const char *s, size_t i, size_t hi, int row, size_t *len) {
    uint32_t cp = zb__cp_at(s, hi, i, len);
    if (!zb__is_cjk(cp) || cp == 0x7684 /* 的 */ || cp == 0x548C /* 和 */)
        return 0;
    size_t k;
    if (zb__lex_prefix(&zb__predicates, s + i, hi - i, &k) >= 0)
        return 0;
    return !en_is(row, ZB_EN_own);
}

static int name_char(const char *s, size_t i, size_t hi, size_t *len) {
    size_t k;
    return name_char_row(s, i, hi, en_word(s, i, hi, &k), len);
}

/* Does the entities word `row` close a name before it (新区, 集团, 港; 汽车
 * only after a known owner: 红旗汽车, not 新能源汽车)? */
static int closes(int row, int known) {
    if (row < 0)
        return 0;
    for (unsigned roles = CLOSERS; roles; roles &= roles - 1)
        if (en_is(row, __builtin_ctz(roles)))
            return 1;
    return known && en_is(row, ZB_EN_tail);
}

/* The length of a word at s[i] that closes a name before it, or 0. */
static size_t closer_at(const char *s, size_t i, size_t hi, int known) {
    size_t k;
    return closes(en_word(s, i, hi, &k), known) ? k : 0;
}

/* An unknown name closed by a suffix (温州湾新区, 正泰集团, 北部湾港): its end,
 * or i. The name has at least min_chars characters. */
static size_t named_at(const char *s, size_t i, size_t hi, int min_chars) {
    size_t p = i, k;
    for (int chars = 0; chars <= NAME_CHARS && p < hi; chars++) {
        size_t kw = 0;
        /* one look-up for both questions, and none where no word of their
         * kinds starts */
        const unsigned char *u = (const unsigned char *)s + p;
        unsigned kinds = EN(own) | (chars >= min_chars ? CLOSERS : 0);
        int row = zb__lex_may_start_kinds(&zb__entities, kinds, u, hi - p) ? en_word(s, p, hi, &kw)
                                                                           : -1;
        if (chars >= min_chars && closes(row, 0))
            return generic_name(s, i, p) ? i : p + kw;
        if (!name_char_row(s, p, hi, row, &k))
            return i;
        p += k;
    }
    return i;
}

/* A count of places (山区26县, 关中5市): its end, or i. Not 7个区县 (a count
 * of what follows) nor 5县区. */
static size_t count_at(const char *s, size_t i, size_t hi) {
    /* the count's digit comes after at most three characters of four bytes */
    size_t lim = hi - i > 13 ? i + 13 : hi, d = i;
    while (d < lim && !zb__is_digit(s[d]))
        d++;
    if (d == lim)
        return i;
    size_t p = i, k;
    for (int chars = 0; chars < 3 && p < hi && !zb__is_digit(s[p]); chars++) {
        if (!name_char(s, p, hi, &k))
            return i;
        p += k;
    }
    if (p >= hi || !zb__is_digit(s[p]))
        return i;
    while (p < hi && zb__is_digit(s[p]))
        p++;
    if (!en_is(en_word(s, p, hi, &k), ZB_EN_place) || k != 3)
        return i;
    size_t k2;
    return en_is(en_word(s, p + k, hi, &k2), ZB_EN_place) ? i : p + k;
}

/* The owner named at s[i..hi): its end, or i. Names follow one another
 * (湖北自贸区武汉片区, 杭州萧山国际机场, 国药长春); a province's name alone
 * counts only with what follows it. */
static size_t owner_at(const char *s, size_t i, size_t hi, int loose) {
    size_t j = i, end_strong = i;
    int after_place = 0;
    for (int seg = 0; seg < 4 && j < hi; seg++) {
        size_t ke, kp, k, end;
        int sub, known = 0, strong = 0, closed = 0, place = 0;
        int er = en_word(s, j, hi, &ke);
        /* after a place, its county by the short name: 惠州博罗; not after
         * another owner (中央企业|合作项目: 合作 is a county's short name too) */
        size_t kr = region_at(s, j, hi, loose || after_place, &sub);
        if ((en_is(er, ZB_EN_own) || en_is(er, ZB_EN_not)) && ke >= kr)
            break;
        /* a verb that is a place name too (新建, 南昌's 新建区) is a verb */
        if (kr && zb__lex_prefix(&zb__predicates, s + j, hi - j, &kp) >= 0 && kp >= kr)
            kr = 0;
        if (en_is(er, ZB_EN_owner) && ke >= kr) {
            end = j + ke;
            known = strong = 1;
        } else if (kr) {
            end = j + kr;
            known = 1;
            strong = sub;
            place = 1;
        } else if ((end = count_at(s, j, hi)) > j) {
            strong = 1;
        } else if ((end = named_at(s, j, hi, seg ? 1 : 2)) > j) {
            strong = closed = 1;
        } else {
            break;
        }
        if (!closed && (k = closer_at(s, end, hi, known)) > 0) {
            end += k;
            strong = 1;
        }
        j = end;
        if (strong)
            end_strong = j;
        after_place = place && strong;
    }
    return end_strong;
}

/* Is something measured left after the owner (正泰集团|营业收入), or is the
 * owner the counted thing itself (新增上市公司)? */
static int leaves_metric(const char *m, size_t end, size_t n) {
    while (end < n && (m[end] == ' ' || zb__starts(m, n, end, "的")))
        end += m[end] == ' ' ? 1 : 3;
    return end < n && (zb__is_cjk(zb__cp_at(m, n, end, NULL)) || zb__is_ascii_letter(m[end]));
}

/* One partner after 对/向: a place, a partner's name (中亚五国), or a name
 * closed by 国家/地区/成员国 (共建“一带一路”国家). Its end, or i. */
static size_t partner_item(const char *s, size_t i, size_t hi) {
    size_t k, kr, e = i;
    int sub, v;
    int row = en_word(s, i, hi, &k);
    kr = region_at(s, i, hi, 1, &sub);
    if (en_is(row, ZB_EN_partner) && k >= kr)
        e = i + k;
    else if (kr && !(en_is(row, ZB_EN_not) && k >= kr))
        e = i + kr;
    if (e > i) {
        if (zb__is_cn_digit(s + e, hi - e, &k, &v) && zb__starts(s, hi, e + k, "国"))
            e += k + 3;
        else if (en_is(en_word(s, e, hi, &k), ZB_EN_partners))
            e += k;
        return e;
    }
    size_t p = i;
    for (int chars = 0; chars <= PARTNER_CHARS && p < hi; chars++) {
        if (chars && en_is(en_word(s, p, hi, &k), ZB_EN_partners))
            return p + k;
        /* a partner's name may hold verbs (共建) and quotes, never a clause mark */
        uint32_t cp = zb__cp_at(s, hi, p, &k);
        int quote = cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
        if (!quote && !zb__is_ascii_letter(s[p]) && (!zb__is_cjk(cp) || cp == 0x7684))
            return i;
        p += k;
    }
    return i;
}

typedef struct partners {
    size_t lo[MAX_PARTNERS], hi[MAX_PARTNERS];
    int n;
} partners;

/* 对/向 at s[i] and the partners after it, joined by 、 和 及. */
static int partner_at(const char *s, size_t i, size_t hi, partners *pt) {
    size_t k;
    pt->n = 0;
    if (!en_is(en_word(s, i, hi, &k), ZB_EN_toward))
        return 0;
    size_t j = i + k;
    while (pt->n < MAX_PARTNERS && j < hi) {
        size_t x = partner_item(s, j, hi);
        if (x == j)
            break;
        pt->lo[pt->n] = j;
        pt->hi[pt->n++] = x;
        if (zb__starts(s, hi, x, "、") || zb__starts(s, hi, x, "和") || zb__starts(s, hi, x, "及"))
            j = x + 3;
        else
            break;
    }
    return pt->n > 0;
}

/* A partner at the head h, or after a subject there (北京向天津、河北输出,
 * 全市对东盟出口). */
static int partner_head(const char *s, size_t h, size_t hi, partners *pt) {
    if (partner_at(s, h, hi, pt))
        return 1;
    size_t k, kr;
    int sub;
    int row = en_word(s, h, hi, &k);
    kr = region_at(s, h, hi, 1, &sub);
    if (!en_is(row, ZB_EN_own) || kr > k)
        k = kr;
    return k && partner_at(s, h + k, hi, pt);
}

/* The partner a figure belongs to: with 分别 its own item (对中亚五国、东盟
 * 进出口分别增长37.2%、19%), else all of them (向天津、河北输出). */
static void partner_span(const partners *pt, const zb_qctx *c, size_t *lo, size_t *hi) {
    int one = c->dist_at != SIZE_MAX && c->dist_count == pt->n && pt->n > 1 &&
              c->dist_index < pt->n;
    *lo = pt->lo[one ? c->dist_index : 0];
    *hi = pt->hi[one ? c->dist_index : pt->n - 1];
}

/* Copy s[lo..hi) into out without spaces, and without quotes that wrap it all
 * (“吉林一号” → 吉林一号; 共建“一带一路”国家 keeps its own). */
static void copy_entity(char *out, size_t size, const char *s, size_t lo, size_t hi) {
    if (zb__starts(s, hi, lo, "“") && hi - lo > 6 && memcmp(s + hi - 3, "”", 3) == 0 &&
        !zb__has_bytes(s + lo + 3, hi - lo - 6, "“")) {
        lo += 3;
        hi -= 3;
    }
    size_t n = 0;
    for (size_t i = lo; i < hi;) {
        size_t k = zb__utf8_len((unsigned char)s[i]);
        if (i + k > hi || n + k >= size)
            break;
        if (s[i] != ' ' && s[i] != '\n') {
            memcpy(out + n, s + i, k);
            n += k;
        }
        i += k;
    }
    out[n] = 0;
}

/* The metric without the owner's words: what follows the owner's last
 * occurrence in it (the metric drops quotes and may have lost a first
 * character, so the longest tail of the owner found decides). */
static int cut_metric(char *metric, const char *owner) {
    char plain[96] = "";
    zb__phrase_append(plain, sizeof plain, owner, 0, strlen(owner));
    for (const char *t = plain; *t && strlen(t) >= 6; t += zb__utf8_len((unsigned char)*t)) {
        char *at = strstr(metric, t);
        if (at) {
            const char *rest = at + strlen(t);
            while (*rest == ' ' || *rest == ',' || zb__starts(rest, strlen(rest), 0, "的"))
                rest += *rest == ' ' || *rest == ',' ? 1 : 3;
            if (*rest) {
                /* 惠州博罗|成为生产总值超千亿元县: the owner's verb of reaching
                 * goes with it */
                rest += zb__after_reach(rest, 0, strlen(rest));
                memmove(metric, rest, strlen(rest) + 1);
            }
            return 1;
        }
    }
    return 0;
}

/* A quoted name at h that starts with a place or an owner (“吉林一号”在轨卫星):
 * the whole name, without its quotes. */
static int quoted_owner(const char *s, size_t h, size_t hi, size_t *elo, size_t *ehi) {
    if (h < 3 || memcmp(s + h - 3, "“", 3) != 0)
        return 0;
    size_t close = h, k;
    while (close < hi && close < h + 48 && !zb__starts(s, hi, close, "”"))
        close++;
    if (close >= hi || !zb__starts(s, hi, close, "”") || !leaves_metric(s, close + 3, hi))
        return 0;
    int sub = 0, row = en_word(s, h, close, &k);
    region_at(s, h, close, 0, &sub);
    if (!sub && !en_is(row, ZB_EN_owner))
        return 0;
    *elo = h;
    *ehi = close;
    return 1;
}

/* Does 等 end s[lo..hi), before a figure (…等5个项目, 等23个)? The figure counts
 * things like the one named, not that one's. */
static int enumerated(const char *s, size_t lo, size_t hi) {
    while (hi > lo && s[hi - 1] == ' ')
        hi--;
    return hi >= lo + 3 && memcmp(s + hi - 3, "等", 3) == 0;
}

/* The owner of s[lo..hi), a clause that opens with an owner's own figure
 * (东湖高新区地区生产总值增长7.6%; 支持一汽做实排产计划 or 深入推进长三角
 * 一体化发展 state no figure of theirs, and 延安千万吨炼化… names a project). */
static int clause_owner(const zb_para *p, size_t lo, size_t hi, size_t *elo, size_t *ehi,
                        int *partner) {
    const char *s = p->s;
    size_t h = skip_head(s, lo, hi, 0);
    partners pt;
    *partner = partner_head(s, h, hi, &pt);
    if (*partner) {
        *elo = pt.lo[0];
        *ehi = pt.hi[pt.n - 1];
    } else if (!quoted_owner(s, h, hi, elo, ehi)) {
        *elo = h;
        *ehi = owner_at(s, h, hi, 0);
        if (*ehi == h)
            return 0;
    }
    long f = zb__figure_in(p->q, p->nq, *ehi, hi);
    return f >= 0 && leaves_metric(s, *ehi, p->q[f].start) &&
           !enumerated(s, *ehi, p->q[f].before_start);
}

/* The object of a pivot verb that opens the clause s[lo..hi) after lead words
 * (支持一汽做实排产计划): a known owner, a name with its suffix or a place
 * below the province, followed by what it does. It goes on to do what the
 * later clauses of the sentence tell. */
static int pivot_owner(const char *s, size_t lo, size_t hi, size_t *elo, size_t *ehi) {
    size_t i = lo, k;
    for (int guard = 0; guard < 4 && i < hi; guard++) {
        if (zb__lex_prefix_kind(&zb__lexicon, s + i, hi - i, ZB_LX_lead, &k) >= 0 ||
            en_is(en_word(s, i, hi, &k), ZB_EN_lead))
            i += k;
        else
            break;
    }
    if (!en_is(en_word(s, i, hi, &k), ZB_EN_pivot))
        return 0;
    i += k;
    size_t end = owner_at(s, i, hi, 0);
    /* not one of several (推动长春市与吉林市协同发展: their work together) */
    if (end == i || end >= hi || !zb__is_cjk(zb__cp_at(s, hi, end, NULL)) ||
        generic_name(s, i, end) || zb__starts(s, hi, end, "与") || zb__starts(s, hi, end, "和") ||
        zb__starts(s, hi, end, "及") || zb__starts(s, hi, end, "、"))
        return 0;
    *elo = i;
    *ehi = end;
    return 1;
}

/* Does the clause's own subject carry a name (中欧班列(温州号)开行120列)? Then
 * it is the clause's subject, not the sentence's owner. */
static int own_named_subject(const char *s, size_t lo, size_t hi) {
    if (hi > lo + HEAD_BYTES) /* the subject is at the head: never walk a long clause */
        hi = lo + HEAD_BYTES;
    for (size_t i = lo; i < hi; i++)
        if (s[i] == '(' || zb__starts(s, hi, i, "“"))
            return 1;
    return 0;
}

/* Does a subject of the clause's own act, its figure counting what it did
 * (金砖创新基地促成138个合作项目)? Then the figure is that subject's doing, not
 * the sentence owner's: a count with its noun after it, and an action after
 * at least two characters of subject in s[lo..hi). */
#define SUBJECT_CHARS 16 /* a subject is short: never walk a long clause per figure */
static int subject_acts(const zb_para *p, const zb_attr *a, size_t lo, size_t hi) {
    if (a->qi >= p->nq)
        return 0;
    const zb_qty *q = &p->q[a->qi];
    if (!(q->unit_flags & ZB_UF_cls) || !q->noun_follows)
        return 0;
    const char *s = p->s;
    int chars = 0;
    for (size_t i = lo, k; i < hi && chars < SUBJECT_CHARS; i += k, chars++) {
        if (chars >= 2 && zb__lex_prefix_kind(&zb__predicates, s + i, hi - i, ZB_PR_act, &k) >= 0)
            return 1;
        uint32_t cp = zb__cp_at(s, hi, i, &k);
        if (!zb__is_cjk(cp))
            return 0;
    }
    return 0;
}

/* The end of the clause that starts at lo, within HEAD_BYTES. */
static size_t clause_end_from(const char *s, size_t lo, size_t hi) {
    if (hi > lo + HEAD_BYTES)
        hi = lo + HEAD_BYTES;
    for (size_t i = lo; i < hi; i++)
        if (s[i] == ',' || s[i] == ':' || s[i] == ';')
            return i;
    while (hi > lo && ((unsigned char)s[hi] & 0xC0) == 0x80)
        hi--;
    return hi;
}

/* A figure in brackets after a place of a list: 敦化(新增2个选址点). */
static int bracket_owner(const char *s, const zb_qctx *c, size_t before, size_t *elo,
                         size_t *ehi) {
    /* the bracket opens within HEAD_BYTES of the figure: a walk to the item's
     * start would make a clause without punctuation quadratic */
    size_t open = before, stop = c->item_start;
    if (before > stop + HEAD_BYTES)
        stop = before - HEAD_BYTES;
    while (open > stop && s[open - 1] != '(' && s[open - 1] != ')')
        open--;
    if (open <= stop || s[open - 1] != '(')
        return 0;
    size_t h = skip_head(s, c->item_start, open - 1, 1);
    size_t e = owner_at(s, h, open - 1, 1);
    if (e == h || e != open - 1)
        return 0;
    *elo = h;
    *ehi = e;
    return 1;
}

/* Does a figure end at byte `at`? (Quantities are in order: a binary search.) */
static int figure_ends_at(const zb_para *p, size_t at) {
    size_t lo = 0, hi = p->nq;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->q[mid].end < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->nq && p->q[lo].end == at;
}

/* Is the owner w[0..k) a member of a list of names in the figure's clause or
 * the clause before (安图、…、通化共7个项目, …装机规模920万千瓦)? The figure
 * is then the list's. Not when 分别 gives each its own, nor after a figure
 * (正泰集团…1500亿元、华峰集团…). */
static int in_list(const zb_para *p, const zb_qctx *c, size_t before, const char *w,
                   size_t k) {
    const char *s = p->s;
    if (c->dist_at != SIZE_MAX)
        return 0;
    size_t lo = c->prev_clause_start < c->clause_start ? c->prev_clause_start : c->clause_start;
    if (before > lo + NEAR_BYTES) /* the list is near the figure: never walk a long clause */
        lo = before - NEAR_BYTES;
    for (size_t i = lo + 3; i + k <= before; i++) {
        if (memcmp(s + i, w, k) != 0)
            continue;
        size_t h = i;
        while (h > lo && s[h - 1] == ' ')
            h--;
        if (h >= lo + 3 && memcmp(s + h - 3, "、", 3) == 0 && !figure_ends_at(p, h - 3))
            return 1;
    }
    return 0;
}

/* Does s[0..n) hold w[0..k)? */
static int holds(const char *s, size_t n, const char *w, size_t k) {
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, w, k) == 0)
            return 1;
    return 0;
}

/* Is the owner's name only after the figure in its clause, the thing it
 * counts (出台12户省属企业综合改革方案, 6组10家省属国企实现…)? */
static int named_later(const zb_para *p, size_t qi, const zb_qctx *c, size_t before,
                       const char *w, size_t k) {
    if (qi >= p->nq)
        return 0;
    /* near the figure on either side: never walk a long clause */
    size_t e = p->q[qi].end, end = c->clause_end - e > NEAR_BYTES ? e + NEAR_BYTES : c->clause_end;
    size_t from = before - c->clause_start > NEAR_BYTES ? before - NEAR_BYTES : c->clause_start;
    return e < c->clause_end && holds(p->s + e, end - e, w, k) &&
           !holds(p->s + from, before - from, w, k);
}

/* Does the metric enumerate (压缩空气储能等央陕合作项目): the owner names one
 * example of what is counted. 高等, 平等, 等级 are words of the table. */
static int enumerates(const char *m, size_t from, size_t n) {
    for (size_t i = from; i + 3 <= n; i += zb__utf8_len((unsigned char)m[i])) {
        size_t k;
        if (memcmp(m + i, "等", 3) != 0 || en_is(en_word(m, i, n, &k), ZB_EN_not))
            continue;
        if (i >= 3 && en_is(en_word(m, i - 3, n, &k), ZB_EN_not) && k >= 6)
            continue;
        return 1;
    }
    return 0;
}

static void take(zb_attr *a, const char *s, size_t lo, size_t hi) {
    copy_entity(a->entity, sizeof a->entity, s, lo, hi);
    cut_metric(a->metric, a->entity);
}

void zb__entity(const zb_para *p, const zb_qctx *c, zb_attr *a) {
    a->entity[0] = 0;
    if (!c)
        return;
    const char *s = p->s;
    /* a figure's words, or a qualitative goal's (推动山区5县生产总值增速继续高于…) */
    size_t before = a->qi < p->nq ? p->q[a->qi].before_start : a->qual_start, lo, hi, k;
    if (a->qi >= p->nq && (before > c->clause_end || a->qual_end <= a->qual_start))
        return;
    if (before < c->clause_start)
        before = c->clause_start;
    /* 1. a partner or a quoted name at the head of the figure's clause, or the
     * place whose bracket holds the figure */
    size_t h = skip_head(s, c->clause_start, before, 1);
    partners pt;
    if (partner_head(s, h, before, &pt)) {
        partner_span(&pt, c, &lo, &hi);
        take(a, s, lo, hi);
        return;
    }
    if (enumerated(s, c->clause_start, before)) {
        /* …等5个项目 counts things like the one named: a place that the one
         * named opens with owns them all (建设长春轨道交通2号线东延线等5个项目);
         * not a place that is the one named (肇庆等产业集聚区), one of a list
         * (宝鸡、延安等) or a route's end (通化至集安等2个项目), or a name of its own
         * (推进正泰集团等5家企业) */
        int sub;
        size_t pe = region_at(s, h, before, 0, &sub), item = h + pe, end = before;
        while (end > item && s[end - 1] == ' ')
            end--;
        end -= 3; /* 等 */
        if (sub && pe && end > item && end - item <= HEAD_BYTES &&
            owner_at(s, h, before, 0) == item &&
            !zb__starts(s, end, item, "至") && !zb__starts(s, end, item, "到") &&
            !zb__has_bytes(s + item, end - item, "、") &&
            !zb__has_bytes(s + item, end - item, "和"))
            take(a, s, h, item);
        return;
    }
    if (quoted_owner(s, h, before, &lo, &hi) || bracket_owner(s, c, before, &lo, &hi)) {
        take(a, s, lo, hi);
        return;
    }
    /* 2. an owner at the head of the metric (the 分别 item, the topic carried) */
    char *m = a->metric;
    size_t n = strlen(m), mh = skip_head(m, 0, n, 1), me = owner_at(m, mh, n, 0);
    int listed = me > mh && (named_later(p, a->qi, c, before, m + mh, me - mh) ||
                             in_list(p, c, before, m + mh, me - mh));
    if (me > mh && leaves_metric(m, me, n) && !listed && !enumerates(m, me, n)) {
        copy_entity(a->entity, sizeof a->entity, m, mh, me);
        while (me < n && (m[me] == ' ' || zb__starts(m, n, me, "的")))
            me += m[me] == ' ' ? 1 : 3;
        me = zb__after_reach(m, me, n);
        memmove(m, m + me, n - me + 1);
        return;
    }
    /* the region's own figure (全市营业收入…, 我省…) */
    if (en_is(en_word(m, mh, n, &k), ZB_EN_own) || en_is(en_word(s, h, before, &k), ZB_EN_own))
        return;
    /* 3. a later item of a clause that opens with an owner's figure (红旗汽车
     * 取得14项智能网联、18项电动化重大技术突破) */
    int partner;
    if (c->item_start > c->clause_start && !listed &&
        clause_owner(p, c->clause_start, c->item_start, &lo, &hi, &partner)) {
        take(a, s, lo, hi);
        return;
    }
    /* a clause led by an action (新建改造城市道路100公里) tells the region's own
     * work; one whose subject has a name of its own (中欧班列(温州号)) its own */
    size_t hv = skip_head(s, c->clause_start, before, 0);
    if (c->clause_start <= c->sent_start || hv != h || own_named_subject(s, h, before) ||
        subject_acts(p, a, h, before))
        return;
    /* 4. the owner of the sentence's first clause */
    size_t first_end = clause_end_from(s, c->sent_start, c->clause_start);
    if (clause_owner(p, c->sent_start, first_end, &lo, &hi, &partner)) {
        /* a partner only for its own figure carried on (…，占全市比重提高到
         * 48.5%), not for the next thing told (…，中欧班列开行数量增长39.6%) */
        char metric[sizeof a->metric];
        memcpy(metric, a->metric, sizeof metric);
        copy_entity(a->entity, sizeof a->entity, s, lo, hi);
        if (cut_metric(metric, a->entity) || !partner)
            memcpy(a->metric, metric, sizeof metric);
        else
            a->entity[0] = 0;
        return;
    }
    /* 4b. a clause that goes on with a verb (力争全年实现销量410万辆), in a
     * sentence that opens by naming who does it (支持一汽做实排产计划，…) */
    if (en_is(en_word(s, h, before, &k), ZB_EN_verb) &&
        pivot_owner(s, c->sent_start, first_end, &lo, &hi)) {
        take(a, s, lo, hi);
        return;
    }
    /* 5. the owner of the clause before, when this clause goes on with its
     * subject (…鄂州花湖机场货邮吞吐量突破24万吨，开通国际货运航线8条) */
    if (c->prev_clause_start < c->clause_start && en_is(en_word(s, h, before, &k), ZB_EN_verb)) {
        size_t prev_end = clause_end_from(s, c->prev_clause_start, c->clause_start);
        if (clause_owner(p, c->prev_clause_start, prev_end, &lo, &hi, &partner))
            take(a, s, lo, hi);
    }
}
