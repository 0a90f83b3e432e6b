/*
 * fn_cond: conditional aggregates (stdlib module): SUMIF, SUMIFS, COUNTIF,
 * COUNTIFS, AVERAGEIF, AVERAGEIFS, MINIFS, MAXIFS, and COUNTBLANK.
 *
 * Every one is the same walk: cells at the same offset in each criteria
 * range must all match their criteria (fn_criteria.c); the matching cells
 * of the target range are then counted or aggregated. Only numbers in the
 * target are aggregated (text, booleans and empties are skipped) and an
 * error there propagates only when its cell matched, as in Excel. Errors
 * inside criteria ranges are values like others: they simply fail to
 * match (unless the criteria is that error).
 */
#include "fn_impl.h"

#include <math.h>

#include "fn_criteria.h"

typedef enum { COND_SUM, COND_COUNT, COND_AVERAGE, COND_MIN, COND_MAX } CondKind;

enum { COND_MAX_PAIRS = FN_MANY / 2 };

/* One condition: a criteria range and its parsed criteria. */
typedef struct CondPair {
    Value range;
    FnCriteria crit;
} CondPair;

/* Aggregates the cells of target whose offsets satisfy every pair. The
 * pairs and target have the same size (checked by the callers). */
static Value
fn_cond_run(FnCtx *cx, Value target, const CondPair *pairs, int n_pairs,
            CondKind kind)
{
    uint32_t rows = fn_value_rows(pairs[0].range);
    uint32_t cols = fn_value_cols(pairs[0].range);
    double acc = 0;
    double n = 0;
    for (uint32_t r = 0; r < rows; r++) {
        for (uint32_t c = 0; c < cols; c++) {
            bool ok = true;
            for (int k = 0; k < n_pairs && ok; k++)
                ok = fn_criteria_match(&pairs[k].crit,
                                       fn_value_at(cx, pairs[k].range, r, c));
            if (!ok)
                continue;
            if (kind == COND_COUNT) {
                n++;
                continue;
            }
            Value v = fn_value_at(cx, target, r, c);
            if (v.kind == VK_ERROR)
                return v;
            if (v.kind != VK_NUMBER)
                continue;
            if (n == 0 && (kind == COND_MIN || kind == COND_MAX))
                acc = v.u.num;
            else if (kind == COND_MIN)
                acc = fmin(acc, v.u.num);
            else if (kind == COND_MAX)
                acc = fmax(acc, v.u.num);
            else
                acc += v.u.num;
            n++;
        }
    }
    switch (kind) {
    case COND_COUNT:
        return value_number(n);
    case COND_AVERAGE:
        return n == 0 ? value_error(XE_DIV0) : value_number(acc / n);
    default:
        /* MINIFS and MAXIFS of nothing are 0, as in Excel. */
        return value_number(acc);
    }
}

/* An argument that must be a range (or array): an error value passes
 * through as *err. */
static bool
fn_cond_is_error(Value v, Value *err)
{
    if (v.kind == VK_ERROR) {
        *err = v;
        return true;
    }
    return false;
}

/* SUMIF's sum range and AVERAGEIF's average range: Excel uses only the
 * top-left cell and takes an area the size of the criteria range from
 * there, whatever size was written. */
static Value
fn_cond_resize(FnCtx *cx, Value target, Value like)
{
    if (target.kind != VK_RANGE)
        return target;
    RangeRef *r = arena_alloc(cx->scratch, sizeof *r);
    *r = *target.u.range;
    uint64_t row1 = (uint64_t)r->row0 + fn_value_rows(like) - 1;
    uint64_t col1 = (uint64_t)r->col0 + fn_value_cols(like) - 1;
    /* Cells past the sheet's edge read as empty (fn_value_at gives #REF!
     * only outside the range itself). */
    r->row1 = (uint32_t)(row1 < VS_MAX_ROWS ? row1 : VS_MAX_ROWS - 1);
    r->col1 = (uint16_t)(col1 < VS_MAX_COLS ? col1 : VS_MAX_COLS - 1);
    return value_range(r);
}

/* SUMIF, COUNTIF, AVERAGEIF: (range, criteria, [target]). */
static Value
fn_cond_if(FnCtx *cx, int argc, const Value *argv, CondKind kind)
{
    CondPair p;
    Value err;
    if (fn_cond_is_error(argv[0], &err))
        return err;
    p.range = argv[0];
    ErrorCode e = fn_criteria_parse(cx, argv[1], &p.crit);
    if (e != XE_NONE)
        return value_error(e);
    Value target = argv[0];
    if (argc > 2 && argv[2].kind != VK_EMPTYARG) {
        if (fn_cond_is_error(argv[2], &err))
            return err;
        target = fn_cond_resize(cx, argv[2], argv[0]);
    }
    return fn_cond_run(cx, target, &p, 1, kind);
}

/* The *IFS forms: target (absent for COUNTIFS) then (range, criteria)
 * pairs, every range the size of the first; else #VALUE!. */
static Value
fn_cond_ifs(FnCtx *cx, int argc, const Value *argv, bool has_target, CondKind kind)
{
    CondPair pairs[COND_MAX_PAIRS];
    int first = has_target ? 1 : 0;
    int n_pairs = (argc - first) / 2;
    Value err;
    if ((argc - first) % 2 != 0 || n_pairs < 1)
        return value_error(XE_VALUE);
    Value target = has_target ? argv[0] : argv[first];
    if (fn_cond_is_error(target, &err))
        return err;
    uint32_t rows = fn_value_rows(target);
    uint32_t cols = fn_value_cols(target);
    for (int k = 0; k < n_pairs; k++) {
        Value range = argv[first + 2 * k];
        if (fn_cond_is_error(range, &err))
            return err;
        if (fn_value_rows(range) != rows || fn_value_cols(range) != cols)
            return value_error(XE_VALUE);
        pairs[k].range = range;
        ErrorCode e = fn_criteria_parse(cx, argv[first + 2 * k + 1], &pairs[k].crit);
        if (e != XE_NONE)
            return value_error(e);
    }
    return fn_cond_run(cx, target, pairs, n_pairs, kind);
}

Value
fn_sumif(FnCtx *cx, int argc, const Value *argv)
{
    return fn_cond_if(cx, argc, argv, COND_SUM);
}

Value
fn_countif(FnCtx *cx, int argc, const Value *argv)
{
    return fn_cond_if(cx, argc, argv, COND_COUNT);
}

Value
fn_averageif(FnCtx *cx, int argc, const Value *argv)
{
    return fn_cond_if(cx, argc, argv, COND_AVERAGE);
}

Value
fn_sumifs(FnCtx *cx, int argc, const Value *argv)
{
    return fn_cond_ifs(cx, argc, argv, true, COND_SUM);
}

Value
fn_countifs(FnCtx *cx, int argc, const Value *argv)
{
    return fn_cond_ifs(cx, argc, argv, false, COND_COUNT);
}

Value
fn_averageifs(FnCtx *cx, int argc, const Value *argv)
{
    return fn_cond_ifs(cx, argc, argv, true, COND_AVERAGE);
}

Value
fn_minifs(FnCtx *cx, int argc, const Value *argv)
{
    return fn_cond_ifs(cx, argc, argv, true, COND_MIN);
}

Value
fn_maxifs(FnCtx *cx, int argc, const Value *argv)
{
    return fn_cond_ifs(cx, argc, argv, true, COND_MAX);
}

/* COUNTBLANK: empty cells and cells holding "" (a formula's empty text);
 * errors are counted as not blank, never propagated. */
Value
fn_countblank(FnCtx *cx, int argc, const Value *argv)
{
    RangeIter it;
    Value e;
    double n = 0;
    (void)argc;
    fn_iter_init(&it, cx, argv[0]);
    while (fn_iter_next(&it, &e))
        if (e.kind == VK_EMPTY || e.kind == VK_EMPTYARG ||
            (e.kind == VK_STRING && e.u.str->len == 0))
            n++;
    return value_number(n);
}
