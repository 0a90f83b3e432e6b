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

/* OFFSET(reference, rows, cols, [height], [width]): the area moved by rows
 * and cols, of the given size (default: the reference's). Offsets and
 * sizes are truncated; a size below 1 or an area off the sheet is #REF!;
 * a first argument that is no reference #VALUE!. (LibreOffice also takes
 * negative sizes, extending up or left; Excel's documentation requires
 * them positive.) */
Value
fn_offset(FnCtx *cx, int argc, const Value *argv)
{
    Value ref = argv[0];
    if (ref.kind == VK_ERROR)
        return ref;
    if (ref.kind != VK_RANGE)
        return value_error(XE_VALUE);
    const RangeRef *rr = ref.u.range;
    double d[4] = {0, 0, (double)rr->row1 - rr->row0 + 1, (double)rr->col1 - rr->col0 + 1};
    for (int i = 1; i < argc && i < 5; i++) {
        if (argv[i].kind == VK_EMPTYARG)
            continue;
        ErrorCode err = fn_arg_int(cx, argv[i], &d[i - 1]);
        if (err != XE_NONE)
            return value_error(err);
    }
    double r0 = rr->row0 + d[0], c0 = rr->col0 + d[1];
    double r1 = r0 + d[2] - 1, c1 = c0 + d[3] - 1;
    if (d[2] < 1 || d[3] < 1 || r0 < 0 || c0 < 0 || r1 >= VS_MAX_ROWS || c1 >= VS_MAX_COLS)
        return value_error(XE_REF);
    RangeRef *out = arena_alloc(cx->scratch, sizeof *out);
    out->sheet = rr->sheet;
    out->row0 = (uint32_t)r0;
    out->row1 = (uint32_t)r1;
    out->col0 = (uint16_t)c0;
    out->col1 = (uint16_t)c1;
    return value_range(out);
}

/* INDIRECT(ref_text, [a1]): the reference the text names, A1 style unless
 * a1 is FALSE (or omitted as INDIRECT(t,)), then R1C1 relative to the
 * calling cell; sheet-qualified text and defined names work. Anything
 * else is #REF!. */
Value
fn_indirect(FnCtx *cx, int argc, const Value *argv)
{
    bool a1 = true;
    if (argc >= 2) {
        if (argv[1].kind == VK_EMPTYARG) {
            a1 = false;
        } else {
            ErrorCode err = fn_arg_bool(cx, argv[1], &a1);
            if (err != XE_NONE)
                return value_error(err);
        }
    }
    StrBuf sb;
    strbuf_init(&sb);
    ErrorCode err = fn_arg_text(cx, argv[0], &sb);
    RangeRef *out = arena_alloc(cx->scratch, sizeof *out);
    bool ok = err == XE_NONE && cx->resolve &&
              cx->resolve(cx->book, sb.data ? sb.data : "", sb.len, a1, cx->sheet,
                          cx->row0, cx->col0, out);
    strbuf_free(&sb);
    if (err != XE_NONE)
        return value_error(err);
    return ok ? value_range(out) : value_error(XE_REF);
}
