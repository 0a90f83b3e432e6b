/*
 * fn_stat: statistical aggregates (stdlib module): MIN, MAX, AVERAGE, COUNT,
 * COUNTA.
 *
 * MIN, MAX and AVERAGE use fn_collect_numbers (errors propagate). COUNT and
 * COUNTA never fail: they count, so errors are just values that are not
 * numbers (COUNT) or not empty (COUNTA).
 */
#include "fn_impl.h"

Value
fn_min(FnCtx *cx, int argc, const Value *argv)
{
    FnNumbers nums;
    ErrorCode err = fn_collect_numbers(cx, argc, argv, &nums);
    if (err != XE_NONE)
        return value_error(err);
    if (nums.n == 0)
        return value_number(0);
    double m = nums.x[0];
    for (size_t i = 1; i < nums.n; i++)
        if (nums.x[i] < m)
            m = nums.x[i];
    return value_number(m);
}

Value
fn_max(FnCtx *cx, int argc, const Value *argv)
{
    FnNumbers nums;
    ErrorCode err = fn_collect_numbers(cx, argc, argv, &nums);
    if (err != XE_NONE)
        return value_error(err);
    if (nums.n == 0)
        return value_number(0);
    double m = nums.x[0];
    for (size_t i = 1; i < nums.n; i++)
        if (nums.x[i] > m)
            m = nums.x[i];
    return value_number(m);
}

/* AVERAGE of no numbers is #DIV/0!. */
Value
fn_average(FnCtx *cx, int argc, const Value *argv)
{
    FnNumbers nums;
    ErrorCode err = fn_collect_numbers(cx, argc, argv, &nums);
    if (err != XE_NONE)
        return value_error(err);
    if (nums.n == 0)
        return value_error(XE_DIV0);
    double s = 0;
    for (size_t i = 0; i < nums.n; i++)
        s += nums.x[i];
    return value_number(s / (double)nums.n);
}

/* COUNT: numbers inside ranges and arrays; direct arguments count when they
 * convert to a number (numbers, booleans, numeric text, an omitted one). */
Value
fn_count(FnCtx *cx, int argc, const Value *argv)
{
    double n = 0;
    for (int i = 0; i < argc; i++) {
        Value a = argv[i];
        if (a.kind == VK_RANGE || a.kind == VK_ARRAY) {
            RangeIter it;
            Value e;
            fn_iter_init(&it, cx, a);
            while (fn_iter_next(&it, &e))
                if (e.kind == VK_NUMBER)
                    n++;
            continue;
        }
        double x;
        ErrorCode err = XE_NONE;
        if (value_to_number(a, &x, &err))
            n++;
    }
    return value_number(n);
}

/* COUNTA: every non-empty cell (errors and "" included) and every direct
 * argument, an omitted one included. */
Value
fn_counta(FnCtx *cx, int argc, const Value *argv)
{
    double n = 0;
    for (int i = 0; i < argc; i++) {
        Value a = argv[i];
        if (a.kind == VK_RANGE || a.kind == VK_ARRAY) {
            RangeIter it;
            Value e;
            fn_iter_init(&it, cx, a);
            while (fn_iter_next(&it, &e))
                if (e.kind != VK_EMPTY)
                    n++;
            continue;
        }
        n++;
    }
    return value_number(n);
}
