/*
 * fn_ref: functions about references rather than values (stdlib module):
 * ROW, COLUMN, ROWS, COLUMNS, and the volatile OFFSET and INDIRECT, whose
 * results are references the evaluator resolves at run time (eval.c
 * explains how their precedents are ordered).
 */
#include "fn_impl.h"

/* ROW and COLUMN: the 1-based position of the caller (no argument) or of
 * a reference; a reference of several rows (columns) gives a column
 * (row) array of each one, which a cell shows by its first element. */
static Value
fn_rowcol(FnCtx *cx, int argc, const Value *argv, bool row)
{
    if (argc == 0 || argv[0].kind == VK_EMPTYARG)
        return value_number((row ? cx->row0 : cx->col0) + 1.0);
    Value a = argv[0];
    if (a.kind == VK_ERROR)
        return a;
    if (a.kind != VK_RANGE)
        return value_error(XE_VALUE);
    const RangeRef *rr = a.u.range;
    uint32_t first = row ? rr->row0 : rr->col0;
    uint32_t n = row ? rr->row1 - rr->row0 + 1 : (uint32_t)(rr->col1 - rr->col0) + 1;
    if (n == 1)
        return value_number(first + 1.0);
    Array *arr = value_array_new(cx->scratch, row ? n : 1, row ? 1 : n);
    for (uint32_t i = 0; i < n; i++)
        arr->v[i] = value_number((double)first + i + 1);
    return value_array(arr);
}

Value
fn_row(FnCtx *cx, int argc, const Value *argv)
{
    return fn_rowcol(cx, argc, argv, true);
}

Value
fn_column(FnCtx *cx, int argc, const Value *argv)
{
    return fn_rowcol(cx, argc, argv, false);
}

/* ROWS and COLUMNS: the size of a reference or array; a scalar is 1x1. */
Value
fn_rows_fn(FnCtx *cx, int argc, const Value *argv)
{
    (void)cx;
    (void)argc;
    if (argv[0].kind == VK_ERROR)
        return argv[0];
    return value_number(fn_value_rows(argv[0]));
}

Value
fn_columns_fn(FnCtx *cx, int argc, const Value *argv)
{
    (void)cx;
    (void)argc;
    if (argv[0].kind == VK_ERROR)
        return argv[0];
    return value_number(fn_value_cols(argv[0]));
}
