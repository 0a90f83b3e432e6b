/*
 * fn_info: information functions and constants (stdlib module): ISBLANK,
 * ISNUMBER, ISTEXT, ISLOGICAL, ISERROR, ISNA, ERROR.TYPE, NA, TRUE(),
 * FALSE().
 *
 * The IS functions never propagate errors: they test the value of their
 * argument, a reference reduced to one cell by implicit intersection
 * (fn_scalar). Only a truly empty cell is blank; "" text is text.
 */
#include "fn_impl.h"

/* The argument's value as the IS functions see it. */
static Value
fn_info_arg(FnCtx *cx, Value v)
{
    return fn_scalar(cx, v);
}

Value
fn_isblank(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    return value_bool(fn_info_arg(cx, argv[0]).kind == VK_EMPTY);
}

Value
fn_isnumber(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    return value_bool(fn_info_arg(cx, argv[0]).kind == VK_NUMBER);
}

Value
fn_istext(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    return value_bool(fn_info_arg(cx, argv[0]).kind == VK_STRING);
}

Value
fn_islogical(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    return value_bool(fn_info_arg(cx, argv[0]).kind == VK_BOOL);
}

Value
fn_iserror(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    return value_bool(fn_info_arg(cx, argv[0]).kind == VK_ERROR);
}

Value
fn_isna(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    Value v = fn_info_arg(cx, argv[0]);
    return value_bool(v.kind == VK_ERROR && v.err == XE_NA);
}

/* ERROR.TYPE: Excel's number of an error (#NULL! 1 ... #N/A 7,
 * #GETTING_DATA 8, #SPILL! 9, #CALC! 14); anything else #N/A. */
Value
fn_error_type(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    Value v = fn_info_arg(cx, argv[0]);
    if (v.kind != VK_ERROR)
        return value_error(XE_NA);
    switch ((ErrorCode)v.err) {
    case XE_SPILL:
        return value_number(9);
    case XE_CALC:
        return value_number(14);
    case XE_CIRC:
        /* Excel shows 0 in a circular cell: not an error to it. */
        return value_error(XE_NA);
    default:
        return value_number(v.err);
    }
}

Value
fn_na(FnCtx *cx, int argc, const Value *argv)
{
    (void)cx;
    (void)argc;
    (void)argv;
    return value_error(XE_NA);
}

/* TRUE() and FALSE(): the function forms; the bare words are literals
 * (ast.c) and never reach the table. */
Value
fn_true(FnCtx *cx, int argc, const Value *argv)
{
    (void)cx;
    (void)argc;
    (void)argv;
    return value_bool(true);
}

Value
fn_false(FnCtx *cx, int argc, const Value *argv)
{
    (void)cx;
    (void)argc;
    (void)argv;
    return value_bool(false);
}
