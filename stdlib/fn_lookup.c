/*
 * fn_lookup: reference and lookup built-ins (stdlib module): INDEX, MATCH,
 * VLOOKUP, HLOOKUP, LOOKUP. The searches themselves are fn_search.c's.
 *
 * INDEX (FN_REFARGS) returns a reference when given one: a VK_RANGE for the
 * selected cell, row or column, allocated in cx->scratch, which the
 * evaluator dereferences or passes on (INDEX(P,1):INDEX(P,3)). On an array
 * it returns the element or a sub-array.
 *
 * MATCH follows Excel: type 0 is the first exact match (text without case,
 * with the wildcards * ? and the escape ~); types 1 and -1 binary-search an
 * ascending (descending) vector and skip cells of another type, so
 * MATCH(9E+307, A:A) finds the last number as in Excel. #N/A when nothing
 * matches. VLOOKUP, HLOOKUP and LOOKUP search the same two ways (exact
 * with wildcards, or the approximate bisection of MATCH type 1).
 */
#include "fn_impl.h"

#include <string.h>

#include "fn_search.h"

/* ---- INDEX ------------------------------------------------------------- */

/* INDEX(ref, row, [col]): 0 (or omitted in the middle) selects a whole row
 * or column; with one index a one-row or one-column source is indexed
 * along its length and a block gives the whole row. Indexes are truncated;
 * negative gives #VALUE!, beyond the source #REF!. */
Value
fn_index(FnCtx *cx, int argc, const Value *argv)
{
    Value src = argv[0];
    double rn;
    double cn = -1;
    ErrorCode err;
    if (src.kind == VK_ERROR)
        return src;
    if (src.kind == VK_EMPTYARG)
        return value_error(XE_VALUE);
    err = fn_arg_int(cx, argv[1], &rn);
    if (err != XE_NONE)
        return value_error(err);
    if (argc >= 3) {
        err = fn_arg_int(cx, argv[2], &cn);
        if (err != XE_NONE)
            return value_error(err);
        if (cn < 0)
            return value_error(XE_VALUE);
    }
    if (rn < 0)
        return value_error(XE_VALUE);
    uint32_t rows = fn_value_rows(src);
    uint32_t cols = fn_value_cols(src);
    if (cn < 0) {
        if (rows == 1 && cols > 1) {
            cn = rn;
            rn = 1;
        } else if (cols == 1) {
            cn = 1;
        } else {
            cn = 0;
        }
    }
    if (rn > rows || cn > cols)
        return value_error(XE_REF);
    uint32_t r0 = rn == 0 ? 0 : (uint32_t)rn - 1;
    uint32_t r1 = rn == 0 ? rows - 1 : r0;
    uint32_t c0 = cn == 0 ? 0 : (uint32_t)cn - 1;
    uint32_t c1 = cn == 0 ? cols - 1 : c0;
    return fn_select(cx, src, r0, r1, c0, c1);
}

/* ---- MATCH ------------------------------------------------------------- */

Value
fn_match(FnCtx *cx, int argc, const Value *argv)
{
    Value key = fn_scalar(cx, argv[0]);
    Value arr = argv[1];
    double type = 1;
    if (key.kind == VK_ERROR)
        return key;
    if (arr.kind == VK_ERROR)
        return arr;
    if (argc >= 3) {
        ErrorCode err = fn_arg_number(cx, argv[2], &type);
        if (err != XE_NONE)
            return value_error(err);
    }
    if (fn_look_class(key) < 0)
        return value_error(XE_NA);
    uint32_t rows = fn_value_rows(arr);
    uint32_t cols = fn_value_cols(arr);
    if (rows > 1 && cols > 1)
        return value_error(XE_NA);
    LookVec v;
    fn_lookvec_init(&v, cx, arr, cols == 1, 0);
    int64_t i = type == 0 ? fn_look_linear(&v, key, true, false)
                          : fn_look_approx(&v, key, type > 0 ? 1 : -1);
    if (i < 0)
        return value_error(XE_NA);
    return value_number((double)i + 1);
}

/* ---- VLOOKUP, HLOOKUP -------------------------------------------------- */

/* VLOOKUP (down) and HLOOKUP: key in the first column (row) of table, the
 * value from column (row) `idx` of the matching row (column). An index
 * below 1 is #VALUE!, beyond the table #REF!; approximate is the default,
 * and an omitted fourth argument (VLOOKUP(k,t,2,)) is FALSE, as in Excel.
 * An empty result cell is returned empty: 0 in arithmetic, "" after &. */
static Value
fn_vhlookup(FnCtx *cx, int argc, const Value *argv, bool down)
{
    Value key = fn_scalar(cx, argv[0]);
    Value table = argv[1];
    double idx;
    bool approx = true;
    if (key.kind == VK_ERROR)
        return key;
    if (table.kind == VK_ERROR)
        return table;
    ErrorCode err = fn_arg_int(cx, argv[2], &idx);
    if (err != XE_NONE)
        return value_error(err);
    if (argc >= 4) {
        if (argv[3].kind == VK_EMPTYARG)
            approx = false;
        else if ((err = fn_arg_bool(cx, argv[3], &approx)) != XE_NONE)
            return value_error(err);
    }
    if (idx < 1)
        return value_error(XE_VALUE);
    if (idx > (down ? fn_value_cols(table) : fn_value_rows(table)))
        return value_error(XE_REF);
    if (fn_look_class(key) < 0)
        return value_error(XE_NA);
    LookVec v;
    fn_lookvec_init(&v, cx, table, down, 0);
    int64_t i = approx ? fn_look_approx(&v, key, 1) : fn_look_linear(&v, key, true, false);
    if (i < 0)
        return value_error(XE_NA);
    uint32_t at = (uint32_t)idx - 1;
    return down ? fn_value_at(cx, table, (uint32_t)i, at)
                : fn_value_at(cx, table, at, (uint32_t)i);
}

Value
fn_vlookup(FnCtx *cx, int argc, const Value *argv)
{
    return fn_vhlookup(cx, argc, argv, true);
}

Value
fn_hlookup(FnCtx *cx, int argc, const Value *argv)
{
    return fn_vhlookup(cx, argc, argv, false);
}

/* ---- LOOKUP ------------------------------------------------------------ */

/* Element i of LOOKUP's result vector. A reference shorter than the
 * lookup vector is read on past its end, as Excel does (LOOKUP(3,{1,2,3},
 * B1) reads B3); an array that short gives #N/A. */
static Value
fn_lookup_result(FnCtx *cx, Value res, uint32_t i, bool down_default)
{
    uint32_t rows = fn_value_rows(res);
    uint32_t cols = fn_value_cols(res);
    bool down = rows > 1 || (cols == 1 && down_default);
    if (res.kind == VK_RANGE) {
        const RangeRef *rr = res.u.range;
        uint64_t r = (uint64_t)rr->row0 + (down ? i : 0);
        uint64_t c = (uint64_t)rr->col0 + (down ? 0 : i);
        if (r >= VS_MAX_ROWS || c >= VS_MAX_COLS)
            return value_error(XE_REF);
        return cx->cell(cx->book, rr->sheet, (uint32_t)r, (uint32_t)c);
    }
    if (i >= (down ? rows : cols))
        return value_error(XE_NA);
    return down ? fn_value_at(cx, res, i, 0) : fn_value_at(cx, res, 0, i);
}

/* LOOKUP(value, vector, [result]) and LOOKUP(value, array): always the
 * approximate bisection (largest value <= key in ascending data). The
 * array form searches the first row of an array wider than tall, else the
 * first column, and returns from the last row or column. */
Value
fn_lookup_fn(FnCtx *cx, int argc, const Value *argv)
{
    Value key = fn_scalar(cx, argv[0]);
    Value vec = argv[1];
    if (key.kind == VK_ERROR)
        return key;
    if (vec.kind == VK_ERROR)
        return vec;
    if (argc >= 3 && argv[2].kind == VK_ERROR)
        return argv[2];
    if (fn_look_class(key) < 0)
        return value_error(XE_NA);
    uint32_t rows = fn_value_rows(vec);
    uint32_t cols = fn_value_cols(vec);
    bool down = !(cols > rows);
    LookVec v;
    fn_lookvec_init(&v, cx, vec, down, 0);
    int64_t i = fn_look_approx(&v, key, 1);
    if (i < 0)
        return value_error(XE_NA);
    if (argc < 3 || argv[2].kind == VK_EMPTYARG)
        return down ? fn_value_at(cx, vec, (uint32_t)i, cols - 1)
                    : fn_value_at(cx, vec, rows - 1, (uint32_t)i);
    if (rows > 1 && cols > 1)
        return value_error(XE_NA);
    return fn_lookup_result(cx, argv[2], (uint32_t)i, down);
}
