/*
 * fn_order: order statistics (stdlib module): MEDIAN, MODE.SNGL,
 * PERCENTILE.INC, QUARTILE.INC, LARGE, SMALL, RANK.EQ.
 *
 * Each gathers its numbers with fn_collect_numbers (text, booleans and
 * empty cells inside references are skipped, errors propagate, direct
 * arguments are coerced) and sorts a scratch copy.
 */
#include "fn_impl.h"

#include <math.h>
#include <stdlib.h>

static int
fn_order_cmp(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

/* The numbers of argv[0..argc) sorted ascending, or the first error. */
static ErrorCode
fn_order_sorted(FnCtx *cx, int argc, const Value *argv, FnNumbers *nums)
{
    ErrorCode err = fn_collect_numbers(cx, argc, argv, nums);
    if (err == XE_NONE && nums->n > 1)
        qsort(nums->x, nums->n, sizeof *nums->x, fn_order_cmp);
    return err;
}

/* Linear interpolation at fraction k of sorted x (n >= 1, 0 <= k <= 1):
 * rank (n-1)k, as PERCENTILE.INC. */
static double
fn_order_percentile(const double *x, size_t n, double k)
{
    double h = (double)(n - 1) * k;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return x[n - 1];
    return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

/* MEDIAN of no numbers is #NUM!. */
Value
fn_median(FnCtx *cx, int argc, const Value *argv)
{
    FnNumbers nums;
    ErrorCode err = fn_order_sorted(cx, argc, argv, &nums);
    if (err != XE_NONE)
        return value_error(err);
    if (nums.n == 0)
        return value_error(XE_NUM);
    return value_number(fn_order_percentile(nums.x, nums.n, 0.5));
}

/* Value and first position, for MODE.SNGL's tie rule. */
typedef struct OrderItem {
    double v;
    size_t first;
} OrderItem;

static int
fn_order_item_cmp(const void *a, const void *b)
{
    const OrderItem *x = a;
    const OrderItem *y = b;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first ? 1 : 0;
}

/* MODE.SNGL: the most frequent number; among equally frequent ones the
 * first met (argument order, row-major). No number repeats: #N/A. */
Value
fn_mode_sngl(FnCtx *cx, int argc, const Value *argv)
{
    FnNumbers nums;
    ErrorCode err = fn_collect_numbers(cx, argc, argv, &nums);
    if (err != XE_NONE)
        return value_error(err);
    if (nums.n == 0)
        return value_error(XE_NA);
    OrderItem *it = arena_alloc(cx->scratch, nums.n * sizeof *it);
    for (size_t i = 0; i < nums.n; i++) {
        it[i].v = nums.x[i];
        it[i].first = i;
    }
    qsort(it, nums.n, sizeof *it, fn_order_item_cmp);
    size_t best_count = 1;
    size_t best_first = 0;
    double best = 0;
    for (size_t i = 0; i < nums.n;) {
        size_t j = i + 1;
        while (j < nums.n && it[j].v == it[i].v)
            j++;
        size_t count = j - i;
        if (count > best_count || (count == best_count && count > 1 &&
                                   it[i].first < best_first)) {
            best_count = count;
            best_first = it[i].first;
            best = it[i].v;
        }
        i = j;
    }
    if (best_count < 2)
        return value_error(XE_NA);
    return value_number(best);
}

/* PERCENTILE.INC(array, k): k outside [0, 1] or no numbers #NUM!. */
Value
fn_percentile_inc(FnCtx *cx, int argc, const Value *argv)
{
    FnNumbers nums;
    double k;
    (void)argc;
    ErrorCode err = fn_order_sorted(cx, 1, argv, &nums);
    if (err == XE_NONE)
        err = fn_arg_number(cx, argv[1], &k);
    if (err != XE_NONE)
        return value_error(err);
    if (nums.n == 0 || !(k >= 0 && k <= 1))
        return value_error(XE_NUM);
    return value_number(fn_order_percentile(nums.x, nums.n, k));
}

/* QUARTILE.INC(array, quart): quart truncated to 0..4 (min, Q1, median,
 * Q3, max), else #NUM!. */
Value
fn_quartile_inc(FnCtx *cx, int argc, const Value *argv)
{
    FnNumbers nums;
    double q;
    (void)argc;
    ErrorCode err = fn_order_sorted(cx, 1, argv, &nums);
    if (err == XE_NONE)
        err = fn_arg_int(cx, argv[1], &q);
    if (err != XE_NONE)
        return value_error(err);
    if (nums.n == 0 || q < 0 || q > 4)
        return value_error(XE_NUM);
    return value_number(fn_order_percentile(nums.x, nums.n, q / 4));
}

/* LARGE and SMALL: the k-th largest or smallest; k is rounded up to a
 * whole rank, and one outside 1..n is #NUM!. */
static Value
fn_order_kth(FnCtx *cx, const Value *argv, bool largest)
{
    FnNumbers nums;
    double k;
    ErrorCode err = fn_order_sorted(cx, 1, argv, &nums);
    if (err == XE_NONE)
        err = fn_arg_number(cx, argv[1], &k);
    if (err != XE_NONE)
        return value_error(err);
    k = ceil(k);
    if (!(k >= 1 && k <= (double)nums.n))
        return value_error(XE_NUM);
    size_t i = (size_t)k - 1;
    return value_number(largest ? nums.x[nums.n - 1 - i] : nums.x[i]);
}

Value
fn_large(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    return fn_order_kth(cx, argv, true);
}

Value
fn_small(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    return fn_order_kth(cx, argv, false);
}

/* RANK.EQ(number, ref, [order]): 1 + the count of numbers in ref above
 * number (order 0 or omitted) or below it (order non-zero); equal numbers
 * share the best rank. A number not in ref is #N/A. */
Value
fn_rank_eq(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    double order = 0;
    FnNumbers nums;
    ErrorCode err = fn_arg_number(cx, argv[0], &x);
    if (err == XE_NONE)
        err = fn_collect_numbers(cx, 1, &argv[1], &nums);
    if (err == XE_NONE && argc > 2 && argv[2].kind != VK_EMPTYARG)
        err = fn_arg_number(cx, argv[2], &order);
    if (err != XE_NONE)
        return value_error(err);
    double rank = 1;
    bool found = false;
    for (size_t i = 0; i < nums.n; i++) {
        if (nums.x[i] == x)
            found = true;
        else if (order == 0 ? nums.x[i] > x : nums.x[i] < x)
            rank++;
    }
    if (!found)
        return value_error(XE_NA);
    return value_number(rank);
}
