/*
 * fn_stat: statistical aggregates (stdlib module): MIN, MAX, AVERAGE, COUNT,
 * COUNTA, VAR.S, VAR.P, STDEV.S, STDEV.P (and the older VAR, STDEV),
 * CORREL. Order statistics are in fn_order.c, distributions in fn_dist.c.
 *
 * MIN, MAX and AVERAGE use fn_collect_numbers (errors propagate). COUNT and
 * COUNTA never fail: they count, so errors are just values that are not
 * numbers (COUNT) or not empty (COUNTA).
 */
#include "fn_impl.h"

#include <math.h>

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

/* The variance of the collected numbers: the sample one (n - 1 in the
 * denominator, needs two numbers) or the population one (needs one);
 * else #DIV/0!. Two passes (mean, then squared deviations) keep the
 * rounding error of large offsets out. */
static Value
fn_stat_variance(FnCtx *cx, int argc, const Value *argv, bool sample, bool root)
{
    FnNumbers nums;
    ErrorCode err = fn_collect_numbers(cx, argc, argv, &nums);
    if (err != XE_NONE)
        return value_error(err);
    if (nums.n < (sample ? 2u : 1u))
        return value_error(XE_DIV0);
    double mean = 0;
    for (size_t i = 0; i < nums.n; i++)
        mean += nums.x[i];
    mean /= (double)nums.n;
    double ss = 0;
    for (size_t i = 0; i < nums.n; i++)
        ss += (nums.x[i] - mean) * (nums.x[i] - mean);
    double var = ss / (double)(sample ? nums.n - 1 : nums.n);
    return value_number(root ? sqrt(var) : var);
}

Value
fn_var_s(FnCtx *cx, int argc, const Value *argv)
{
    return fn_stat_variance(cx, argc, argv, true, false);
}

Value
fn_var_p(FnCtx *cx, int argc, const Value *argv)
{
    return fn_stat_variance(cx, argc, argv, false, false);
}

Value
fn_stdev_s(FnCtx *cx, int argc, const Value *argv)
{
    return fn_stat_variance(cx, argc, argv, true, true);
}

Value
fn_stdev_p(FnCtx *cx, int argc, const Value *argv)
{
    return fn_stat_variance(cx, argc, argv, false, true);
}

/* CORREL: Pearson's r over the positions where both arrays hold numbers
 * (other pairs are skipped). Arrays of different sizes are #N/A; an error
 * in either propagates; fewer than two pairs or a constant side #DIV/0!. */
Value
fn_correl(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    uint64_t n1 = (uint64_t)fn_value_rows(argv[0]) * fn_value_cols(argv[0]);
    uint64_t n2 = (uint64_t)fn_value_rows(argv[1]) * fn_value_cols(argv[1]);
    if (argv[0].kind == VK_ERROR)
        return argv[0];
    if (argv[1].kind == VK_ERROR)
        return argv[1];
    if (n1 != n2)
        return value_error(XE_NA);
    FnNumbers xs;
    FnNumbers ys;
    xs.x = arena_alloc(cx->scratch, n1 * sizeof *xs.x);
    ys.x = arena_alloc(cx->scratch, n1 * sizeof *ys.x);
    xs.n = ys.n = 0;
    RangeIter ia;
    RangeIter ib;
    Value a;
    Value b;
    fn_iter_init(&ia, cx, argv[0]);
    fn_iter_init(&ib, cx, argv[1]);
    while (fn_iter_next(&ia, &a) && fn_iter_next(&ib, &b)) {
        if (a.kind == VK_ERROR)
            return a;
        if (b.kind == VK_ERROR)
            return b;
        if (a.kind == VK_NUMBER && b.kind == VK_NUMBER) {
            xs.x[xs.n++] = a.u.num;
            ys.x[ys.n++] = b.u.num;
        }
    }
    if (xs.n < 2)
        return value_error(XE_DIV0);
    double mx = 0;
    double my = 0;
    for (size_t i = 0; i < xs.n; i++) {
        mx += xs.x[i];
        my += ys.x[i];
    }
    mx /= (double)xs.n;
    my /= (double)xs.n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (size_t i = 0; i < xs.n; i++) {
        double dx = xs.x[i] - mx;
        double dy = ys.x[i] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (sxx == 0 || syy == 0)
        return value_error(XE_DIV0);
    return value_number(sxy / sqrt(sxx * syy));
}
