/*
 * Stage 5, commitment: how firmly a target is set (确保 ensure; 力争, 争取,
 * 努力 strive; a target followed by …在实际工作中努力争取更好结果 strive) and
 * whether a result is an estimate (预计, 初步核算). The words are lexicon roles
 * ensure, strive and estimate; what counts is where they stand:
 *   - before the figure in its own clause (…，努力实现进出口增长5%);
 *   - opening its clause or an earlier clause of its sentence, for the rest of the
 *     sentence (力争…，…; 初步核算，…; context.c finds them);
 *   - for strive also in the clause right after the figure's, when that clause
 *     holds no figure of its own (…增长5%左右，在实际工作中努力争取更好结果；).
 * Which of them applies (a target's commitment, a result's estimate) is
 * settled with the kind, once the report year is known.
 */
#include <stdint.h>

#include "attribute.h"
#include "chars.h"
#include "tables.h"

enum { CUE_ENSURE = 1, CUE_STRIVE = 2, CUE_ESTIMATE = 4 };

static unsigned cue_of(int row) {
    return (zb__lex_has(row, ZB_LX_ensure) ? CUE_ENSURE : 0) |
           (zb__lex_has(row, ZB_LX_strive) ? CUE_STRIVE : 0) |
           (zb__lex_has(row, ZB_LX_estimate) ? CUE_ESTIMATE : 0);
}

/* Every cue word in s[lo..hi). */
static unsigned cues_in(const char *s, size_t lo, size_t hi) {
    unsigned cues = 0;
    for (size_t i = lo; i < hi;) {
        size_t k;
        int row = zb__lex_prefix(&zb__lexicon, s + i, hi - i, &k);
        cues |= cue_of(row);
        i += row >= 0 ? k : zb__utf8_len((unsigned char)s[i]);
    }
    return cues;
}

/* The clause after the one ending at `end` (past its punctuation), if it holds
 * no figure: its cue words. */
static unsigned next_clause_cues(const zb_para *p, const zb_qctx *c) {
    const char *s = p->s;
    size_t i = c->clause_end;
    if (i >= c->sent_end)
        return 0;
    size_t k;
    uint32_t cp = zb__cp_at(s, p->n, i, &k);
    if (!zb__is_clause_punct(cp))
        return 0;
    size_t lo = i + k, hi = lo;
    while (hi < c->sent_end) {
        cp = zb__cp_at(s, p->n, hi, &k);
        if (zb__is_clause_punct(cp) || zb__is_final_punct(cp) || cp == 0x3002)
            break;
        hi += k;
    }
    if (c->next_start >= 0 && (size_t)c->next_start < hi)
        return 0; /* a figure of its own: its words are its own */
    if (zb__figure_in(p->q, p->nq, lo, hi) >= 0)
        return 0;
    return cues_in(s, lo, hi) & CUE_STRIVE;
}

/* Cue words from the clause's start to `hi`, continuing from the memo when it
 * holds an earlier part of the same clause. */
static unsigned clause_cues(const char *s, size_t lo, size_t hi, zb_cue_memo *memo) {
    if (memo->clause_start != lo || memo->upto > hi) {
        memo->clause_start = lo;
        memo->upto = lo;
        memo->cues = 0;
    }
    memo->cues |= cues_in(s, memo->upto, hi);
    memo->upto = hi;
    return memo->cues;
}

void zb__commitment(const zb_para *p, const zb_qctx *c, zb_cue_memo *memo, zb_attr *a) {
    const zb_qty *q = &p->q[a->qi];
    /* up to the number itself: 预计 touching it (…完成地区生产总值预计164亿元) is
     * both its comparator and its estimate word */
    unsigned cues = clause_cues(p->s, c->clause_start, q->start, memo);
    if (!cues)
        cues = cue_of(c->lead_row);
    if (!(cues & (CUE_ENSURE | CUE_STRIVE)))
        cues |= next_clause_cues(p, c);
    a->commitment = cues & CUE_ENSURE   ? ZB_COMMIT_ENSURE
                    : cues & CUE_STRIVE ? ZB_COMMIT_STRIVE
                                        : ZB_COMMIT_PLAIN;
    a->estimate = (cues & CUE_ESTIMATE) != 0;
}
