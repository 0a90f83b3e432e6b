/*
 * fn: argument helpers shared by every built-in function (stdlib module).
 *
 * Shapes, element access, implicit intersection, scalar coercion and the
 * aggregate walk (fn_collect_numbers) live here so that no function grows its
 * own reading of Excel's rules. Conversions themselves are value.c's
 * (value_to_number, value_to_bool, value_to_text); this file only decides
 * which rule applies to which argument (reference, array or direct scalar).
 */
#include "fn.h"

#include <math.h>
#include <string.h>

uint32_t
fn_value_rows(Value v)
{
    if (v.kind == VK_RANGE)
        return v.u.range->row1 - v.u.range->row0 + 1;
    if (v.kind == VK_ARRAY)
        return v.u.arr->rows;
    return 1;
}

uint32_t
fn_value_cols(Value v)
{
    if (v.kind == VK_RANGE)
        return (uint32_t)(v.u.range->col1 - v.u.range->col0) + 1;
    if (v.kind == VK_ARRAY)
        return v.u.arr->cols;
    return 1;
}

void
fn_value_used(FnCtx *cx, Value v, uint32_t *rows, uint32_t *cols)
{
    *rows = fn_value_rows(v);
    *cols = fn_value_cols(v);
    if (v.kind != VK_RANGE || !cx->used)
        return;
    const RangeRef *rr = v.u.range;
    uint32_t ur, uc;
    cx->used(cx->book, rr->sheet, &ur, &uc);
    uint32_t r = ur > rr->row0 ? ur - rr->row0 : 0;
    uint32_t c = uc > rr->col0 ? uc - rr->col0 : 0;
    if (r < *rows)
        *rows = r;
    if (c < *cols)
        *cols = c;
}

Value
fn_value_at(FnCtx *cx, Value v, uint32_t r, uint32_t c)
{
    if (v.kind == VK_RANGE) {
        const RangeRef *rr = v.u.range;
        if (r > rr->row1 - rr->row0 || c > (uint32_t)(rr->col1 - rr->col0))
            return value_error(XE_REF);
        return cx->cell(cx->book, rr->sheet, rr->row0 + r, rr->col0 + c);
    }
    if (v.kind == VK_ARRAY) {
        const Array *a = v.u.arr;
        /* A single row or column repeats along the other axis (Excel). */
        if (a->rows == 1)
            r = 0;
        if (a->cols == 1)
            c = 0;
        if (r >= a->rows || c >= a->cols)
            return value_error(XE_NA);
        return a->v[(size_t)r * a->cols + c];
    }
    return v;
}

Value
fn_scalar(FnCtx *cx, Value v)
{
    if (v.kind == VK_ARRAY) {
        if (v.u.arr->rows == 0 || v.u.arr->cols == 0)
            return value_error(XE_VALUE);
        return v.u.arr->v[0];
    }
    if (v.kind != VK_RANGE)
        return v;
    const RangeRef *rr = v.u.range;
    if (rr->row0 == rr->row1 && rr->col0 == rr->col1)
        return cx->cell(cx->book, rr->sheet, rr->row0, rr->col0);
    /* Implicit intersection: a column range meets the caller's row, a row
     * range its column (by number, also on another sheet, as in Excel); a
     * block meets nothing. */
    if (rr->col0 == rr->col1 && cx->row0 >= rr->row0 && cx->row0 <= rr->row1)
        return cx->cell(cx->book, rr->sheet, cx->row0, rr->col0);
    if (rr->row0 == rr->row1 && cx->col0 >= rr->col0 && cx->col0 <= rr->col1)
        return cx->cell(cx->book, rr->sheet, rr->row0, cx->col0);
    return value_error(XE_VALUE);
}

ErrorCode
fn_arg_number(FnCtx *cx, Value v, double *out)
{
    ErrorCode err = XE_NONE;
    if (!value_to_number(fn_scalar(cx, v), out, &err))
        return err;
    return XE_NONE;
}

ErrorCode
fn_arg_int(FnCtx *cx, Value v, double *out)
{
    ErrorCode err = fn_arg_number(cx, v, out);
    if (err == XE_NONE)
        *out = trunc(*out);
    return err;
}

ErrorCode
fn_arg_bool(FnCtx *cx, Value v, bool *out)
{
    ErrorCode err = XE_NONE;
    if (!value_to_bool(fn_scalar(cx, v), out, &err))
        return err;
    return XE_NONE;
}

ErrorCode
fn_arg_text(FnCtx *cx, Value v, StrBuf *b)
{
    ErrorCode err = XE_NONE;
    if (!value_to_text(fn_scalar(cx, v), b, &err))
        return err;
    return XE_NONE;
}

Value
fn_make_string(FnCtx *cx, const char *s, size_t n)
{
    if (n > VS_MAX_STRLEN)
        return value_error(XE_VALUE);
    return value_string(str_new(cx->scratch, s, n));
}

void
fn_iter_init(RangeIter *it, FnCtx *cx, Value v)
{
    it->cx = cx;
    it->src = v;
    it->rows = fn_value_rows(v);
    it->cols = fn_value_cols(v);
    it->i = 0;
    it->n = (uint64_t)it->rows * it->cols;
    it->skipped = 0;
    it->r = it->c = 0;
    it->buf_i = it->buf_n = 0;
}

void
fn_iter_init_used(RangeIter *it, FnCtx *cx, Value v)
{
    fn_iter_init(it, cx, v);
    fn_value_used(cx, v, &it->rows, &it->cols);
    it->n = (uint64_t)it->rows * it->cols;
    it->skipped = (uint64_t)fn_value_rows(v) * fn_value_cols(v) - it->n;
}

bool
fn_iter_next(RangeIter *it, Value *out)
{
    if (it->i >= it->n)
        return false;
    if (it->buf_i == it->buf_n && it->cols == 1 && it->src.kind == VK_RANGE &&
        it->cx->column) {
        const RangeRef *rr = it->src.u.range;
        uint64_t left = it->n - it->i;
        it->buf_i = 0;
        it->buf_n = it->cx->column(it->cx->book, rr->sheet, rr->col0, rr->row0 + it->r,
                                   left < FN_ITER_BUF ? (uint32_t)left : FN_ITER_BUF,
                                   it->buf);
    }
    if (it->buf_i < it->buf_n)
        *out = it->buf[it->buf_i++];
    else
        *out = fn_value_at(it->cx, it->src, it->r, it->c);
    it->i++;
    if (++it->c == it->cols) {
        it->c = 0;
        it->r++;
    }
    return true;
}

/* Appends x to out, growing its scratch storage by doubling; *cap tracks the
 * allocated length (the old block stays in the arena until reset). */
static void
fn_numbers_push(FnCtx *cx, FnNumbers *out, size_t *cap, double x)
{
    if (out->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        double *nx = arena_alloc(cx->scratch, ncap * sizeof *nx);
        if (out->n)
            memcpy(nx, out->x, out->n * sizeof *nx);
        out->x = nx;
        *cap = ncap;
    }
    out->x[out->n++] = x;
}

ErrorCode
fn_collect_numbers(FnCtx *cx, int argc, const Value *argv, FnNumbers *out)
{
    size_t cap = 0;
    out->x = NULL;
    out->n = 0;
    for (int i = 0; i < argc; i++) {
        Value a = argv[i];
        if (a.kind == VK_RANGE || a.kind == VK_ARRAY) {
            RangeIter it;
            Value e;
            fn_iter_init_used(&it, cx, a);
            while (fn_iter_next(&it, &e)) {
                if (e.kind == VK_ERROR)
                    return (ErrorCode)e.err;
                if (e.kind == VK_NUMBER)
                    fn_numbers_push(cx, out, &cap, e.u.num);
            }
            continue;
        }
        double x;
        ErrorCode err = XE_NONE;
        if (!value_to_number(a, &x, &err))
            return err;
        fn_numbers_push(cx, out, &cap, x);
    }
    return XE_NONE;
}
