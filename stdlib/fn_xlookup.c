/*
 * fn_xlookup: XLOOKUP and XMATCH (stdlib module), Excel 365's lookups.
 * Exported as _xlfn.XLOOKUP / _xlfn.XMATCH; Excel 2010 and LibreOffice 7.4
 * lack them (`valsheet check --target` warns), so their tests follow
 * Microsoft's documentation rather than the LibreOffice oracle.
 *
 * match_mode: 0 exact (default), -1 exact or next smaller, 1 exact or next
 * larger, 2 wildcards (* ? ~). search_mode: 1 first to last (default), -1
 * last to first, 2 binary search of ascending data, -2 of descending data.
 * Other modes, and wildcards with a binary search, give #VALUE!. Text
 * compares without case; only values of the key's class (number, text,
 * boolean) can match.
 */
#include "fn_impl.h"

#include "fn_search.h"

/* A mode argument: omitted (absent or f(a,,c)) gives dflt. */
static ErrorCode
fn_xmode(FnCtx *cx, int argc, const Value *argv, int i, int dflt, int *out)
{
    *out = dflt;
    if (i >= argc || argv[i].kind == VK_EMPTYARG)
        return XE_NONE;
    double x;
    ErrorCode err = fn_arg_int(cx, argv[i], &x);
    if (err == XE_NONE)
        *out = x < -3 || x > 3 ? 99 : (int)x;
    return err;
}

/* Linear scan in search direction: the first exact match, else the
 * closest value on the asked side (the first of equals met). */
static int64_t
fn_xscan(const LookVec *v, Value key, int mm, bool reverse)
{
    int kc = fn_look_class(key);
    int64_t best = -1;
    Value bv = value_empty();
    for (uint32_t j = 0; j < v->n; j++) {
        uint32_t i = reverse ? v->n - 1 - j : j;
        Value e = fn_lookvec_at(v, i);
        if (fn_look_class(e) != kc)
            continue;
        if (fn_look_equal(key, e, mm == 2))
            return i;
        if (mm != -1 && mm != 1)
            continue;
        int c = value_compare(e, key);
        if (c * mm > 0 && (best < 0 || value_compare(e, bv) * mm < 0)) {
            best = i;
            bv = e;
        }
    }
    return best;
}

/* Order of element e against key in a sorted vector: other classes sort
 * by Excel's class order, empty cells and errors last. */
static int
fn_xorder(Value e, Value key)
{
    if (fn_look_class(e) < 0)
        return 1;
    return value_compare(e, key);
}

/* Binary search of data sorted ascending (dir 1) or descending (dir -1):
 * the first position not before key, then exact or a neighbour. */
static int64_t
fn_xbinary(const LookVec *v, Value key, int mm, int dir)
{
    uint32_t lo = 0, hi = v->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (fn_xorder(fn_lookvec_at(v, mid), key) * dir < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    int64_t pick = -1;
    if (lo < v->n && fn_look_equal(key, fn_lookvec_at(v, lo), false))
        return lo;
    /* lo is the first element beyond key in sort order; the one before it
     * is on the other side. Which is "larger" depends on dir. */
    if (mm == dir)
        pick = lo < v->n ? (int64_t)lo : -1;
    else if (mm == -dir)
        pick = lo > 0 ? (int64_t)lo - 1 : -1;
    if (pick >= 0 && fn_look_class(fn_lookvec_at(v, (uint32_t)pick)) != fn_look_class(key))
        pick = -1;
    return pick;
}

/* Finds key in v: XE_NONE and *at, XE_NA when absent, XE_VALUE for bad
 * modes. */
static ErrorCode
fn_xfind(const LookVec *v, Value key, int mm, int sm, int64_t *at)
{
    if (mm < -1 || mm > 2 || !(sm == 1 || sm == -1 || sm == 2 || sm == -2))
        return XE_VALUE;
    if (mm == 2 && (sm == 2 || sm == -2))
        return XE_VALUE;
    if (fn_look_class(key) < 0)
        return XE_NA;
    *at = (sm == 1 || sm == -1) ? fn_xscan(v, key, mm, sm == -1)
                                : fn_xbinary(v, key, mm, sm == 2 ? 1 : -1);
    return *at < 0 ? XE_NA : XE_NONE;
}

/* XLOOKUP(value, lookup, return, [if_not_found], [match_mode],
 * [search_mode]): lookup is one row or column; return has as many rows
 * (columns) and gives the whole matching row (column), as a reference when
 * it is one. Not found: if_not_found when given, else #N/A. */
Value
fn_xlookup(FnCtx *cx, int argc, const Value *argv)
{
    Value key = fn_scalar(cx, argv[0]);
    Value look = argv[1];
    Value ret = argv[2];
    int mm, sm;
    ErrorCode err;
    if (key.kind == VK_ERROR)
        return key;
    if (look.kind == VK_ERROR)
        return look;
    if (ret.kind == VK_ERROR)
        return ret;
    if ((err = fn_xmode(cx, argc, argv, 4, 0, &mm)) != XE_NONE ||
        (err = fn_xmode(cx, argc, argv, 5, 1, &sm)) != XE_NONE)
        return value_error(err);
    uint32_t lr = fn_value_rows(look), lc = fn_value_cols(look);
    uint32_t rr = fn_value_rows(ret), rc = fn_value_cols(ret);
    if (lr > 1 && lc > 1)
        return value_error(XE_VALUE);
    bool down = lr > 1 || (lc == 1 && rr == 1 && rc == 1) || (lc == 1 && rc != 1);
    if (down ? rr != lr : rc != lc)
        return value_error(XE_VALUE);
    LookVec v;
    fn_lookvec_init(&v, cx, look, down, 0);
    int64_t i;
    err = fn_xfind(&v, key, mm, sm, &i);
    if (err == XE_NA && argc >= 4 && argv[3].kind != VK_EMPTYARG)
        return argv[3];
    if (err != XE_NONE)
        return value_error(err);
    uint32_t k = (uint32_t)i;
    return down ? fn_select(cx, ret, k, k, 0, rc - 1) : fn_select(cx, ret, 0, rr - 1, k, k);
}

/* XMATCH(value, lookup, [match_mode], [search_mode]): the 1-based position
 * XLOOKUP would use; a block that is not one row or column is #VALUE!. */
Value
fn_xmatch(FnCtx *cx, int argc, const Value *argv)
{
    Value key = fn_scalar(cx, argv[0]);
    Value look = argv[1];
    int mm, sm;
    ErrorCode err;
    if (key.kind == VK_ERROR)
        return key;
    if (look.kind == VK_ERROR)
        return look;
    if ((err = fn_xmode(cx, argc, argv, 2, 0, &mm)) != XE_NONE ||
        (err = fn_xmode(cx, argc, argv, 3, 1, &sm)) != XE_NONE)
        return value_error(err);
    uint32_t lr = fn_value_rows(look), lc = fn_value_cols(look);
    if (lr > 1 && lc > 1)
        return value_error(XE_VALUE);
    LookVec v;
    fn_lookvec_init(&v, cx, look, lc == 1, 0);
    int64_t i;
    err = fn_xfind(&v, key, mm, sm, &i);
    if (err != XE_NONE)
        return value_error(err);
    return value_number((double)i + 1);
}
