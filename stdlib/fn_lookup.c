/*
 * fn_lookup: reference and lookup built-ins (stdlib module): INDEX, MATCH.
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
 * matches.
 */
#include "fn_impl.h"

#include <string.h>

/* ---- INDEX ------------------------------------------------------------- */

/* Selects rows [r0, r1] x columns [c0, c1] (zero-based) of src. */
static Value
fn_index_select(FnCtx *cx, Value src, uint32_t r0, uint32_t r1, uint32_t c0,
                uint32_t c1)
{
    if (src.kind == VK_RANGE) {
        RangeRef *rr = arena_alloc(cx->scratch, sizeof *rr);
        rr->sheet = src.u.range->sheet;
        rr->row0 = src.u.range->row0 + r0;
        rr->row1 = src.u.range->row0 + r1;
        rr->col0 = (uint16_t)(src.u.range->col0 + c0);
        rr->col1 = (uint16_t)(src.u.range->col0 + c1);
        return value_range(rr);
    }
    if (r0 == r1 && c0 == c1)
        return fn_value_at(cx, src, r0, c0);
    Array *a = value_array_new(cx->scratch, r1 - r0 + 1, c1 - c0 + 1);
    for (uint32_t r = r0; r <= r1; r++)
        for (uint32_t c = c0; c <= c1; c++)
            a->v[(size_t)(r - r0) * a->cols + (c - c0)] =
                fn_value_at(cx, src, r, c);
    return value_array(a);
}

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
    return fn_index_select(cx, src, r0, r1, c0, c1);
}

/* ---- MATCH ------------------------------------------------------------- */

/* Comparable class of a scalar: 0 number, 1 text, 2 boolean; -1 for empty
 * cells and errors, which never match. */
static int
fn_match_class(Value v)
{
    switch (v.kind) {
    case VK_NUMBER:
        return 0;
    case VK_STRING:
        return 1;
    case VK_BOOL:
        return 2;
    default:
        return -1;
    }
}

static int
fn_fold(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Bytes in the UTF-8 sequence starting at s[0] (at least 1, at most left). */
static size_t
fn_utf8_step(const char *s, size_t left)
{
    size_t k = 1;
    while (k < left && ((unsigned char)s[k] & 0xC0) == 0x80)
        k++;
    return k;
}

/* Excel wildcard match, ASCII case-insensitive: '*' any run, '?' one
 * character, '~' makes the next character literal. Iterative, with
 * backtracking to the last star only, so it is linear-ish and never
 * recurses. */
static bool
fn_wild_match(const char *p, size_t pn, const char *s, size_t sn)
{
    size_t pi = 0;
    size_t si = 0;
    size_t star = (size_t)-1;
    size_t mark = 0;
    while (si < sn) {
        if (pi < pn && p[pi] == '*') {
            star = ++pi;
            mark = si;
            continue;
        }
        if (pi < pn && p[pi] == '?') {
            pi++;
            si += fn_utf8_step(s + si, sn - si);
            continue;
        }
        if (pi < pn) {
            size_t lit = pi;
            if (p[pi] == '~' && pi + 1 < pn &&
                (p[pi + 1] == '*' || p[pi + 1] == '?' || p[pi + 1] == '~'))
                lit = pi + 1;
            if (fn_fold((unsigned char)p[lit]) ==
                fn_fold((unsigned char)s[si])) {
                pi = lit + 1;
                si++;
                continue;
            }
        }
        if (star == (size_t)-1)
            return false;
        pi = star;
        mark += fn_utf8_step(s + mark, sn - mark);
        si = mark;
    }
    while (pi < pn && p[pi] == '*')
        pi++;
    return pi == pn;
}

/* True when e equals the lookup value for an exact MATCH. */
static bool
fn_match_exact(Value key, Value e)
{
    if (fn_match_class(e) != fn_match_class(key))
        return false;
    if (key.kind == VK_STRING)
        return fn_wild_match(key.u.str->s, key.u.str->len, e.u.str->s,
                             e.u.str->len);
    return value_compare(key, e) == 0;
}

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
    int kc = fn_match_class(key);
    if (kc < 0)
        return value_error(XE_NA);
    uint32_t rows = fn_value_rows(arr);
    uint32_t cols = fn_value_cols(arr);
    if (rows > 1 && cols > 1)
        return value_error(XE_NA);
    uint32_t n = rows > cols ? rows : cols;
    bool is_col = cols == 1;
#define FN_MATCH_AT(i) \
    fn_value_at(cx, arr, is_col ? (i) : 0, is_col ? 0 : (i))
    if (type == 0) {
        for (uint32_t i = 0; i < n; i++)
            if (fn_match_exact(key, FN_MATCH_AT(i)))
                return value_number((double)i + 1);
        return value_error(XE_NA);
    }
    /* Binary search for the last element <= key (type 1) or >= key
     * (type -1). A probe on another type walks left to the nearest
     * comparable element; none left of it means "go right". */
    int64_t lo = 0;
    int64_t hi = (int64_t)n - 1;
    int64_t found = -1;
    int dir = type > 0 ? 1 : -1;
    while (lo <= hi) {
        int64_t mid = lo + (hi - lo) / 2;
        int64_t k = mid;
        Value e = FN_MATCH_AT((uint32_t)k);
        while (fn_match_class(e) != kc && --k >= lo)
            e = FN_MATCH_AT((uint32_t)k);
        if (k < lo) {
            lo = mid + 1;
            continue;
        }
        if (value_compare(e, key) * dir <= 0) {
            found = k;
            lo = mid + 1;
        } else {
            hi = k - 1;
        }
    }
#undef FN_MATCH_AT
    if (found < 0)
        return value_error(XE_NA);
    return value_number((double)found + 1);
}
