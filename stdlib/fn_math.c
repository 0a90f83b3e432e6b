/*
 * fn_math: arithmetic built-ins (stdlib module): SUM, PRODUCT, ROUND, ABS,
 * INT, MOD, POWER, SQRT, EXP, LN, SUMPRODUCT.
 *
 * Aggregates read their arguments through fn_collect_numbers, scalar
 * functions through fn_arg_number, so Excel's coercion rules are applied in
 * one place. Results that are not finite become #NUM! in value_number.
 */
#include "fn_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* One numeric argument through fn_arg_number; false with *res set to the
 * error Value when it does not convert. */
static bool
fn_math_arg(FnCtx *cx, Value v, double *x, Value *res)
{
    ErrorCode err = fn_arg_number(cx, v, x);
    if (err != XE_NONE) {
        *res = value_error(err);
        return false;
    }
    return true;
}

Value
fn_sum(FnCtx *cx, int argc, const Value *argv)
{
    FnNumbers nums;
    ErrorCode err = fn_collect_numbers(cx, argc, argv, &nums);
    if (err != XE_NONE)
        return value_error(err);
    double s = 0;
    for (size_t i = 0; i < nums.n; i++)
        s += nums.x[i];
    return value_number(s);
}

/* PRODUCT of no numbers at all is 0, as in Excel and LibreOffice. */
Value
fn_product(FnCtx *cx, int argc, const Value *argv)
{
    FnNumbers nums;
    ErrorCode err = fn_collect_numbers(cx, argc, argv, &nums);
    if (err != XE_NONE)
        return value_error(err);
    if (nums.n == 0)
        return value_number(0);
    double p = 1;
    for (size_t i = 0; i < nums.n; i++)
        p *= nums.x[i];
    return value_number(p);
}

/* Rounds y half away from zero after first reducing it to 15 significant
 * digits, as Excel does, so 2.675 * 100 = 267.49999999999997 rounds to 268. */
static double
fn_round_15(double y)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.15g", y);
    return round(strtod(buf, NULL));
}

Value
fn_round(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    double d;
    Value res;
    (void)argc;
    if (!fn_math_arg(cx, argv[0], &x, &res))
        return res;
    ErrorCode err = fn_arg_int(cx, argv[1], &d);
    if (err != XE_NONE)
        return value_error(err);
    if (x == 0)
        return value_number(0);
    if (d >= 0) {
        if (d > 308)
            return value_number(x);
        double scale = pow(10, d);
        double y = x * scale;
        if (!isfinite(y) || fabs(y) >= 4503599627370496.0) /* 2^52 */
            return value_number(x);
        return value_number(fn_round_15(y) / scale);
    }
    if (d < -308)
        return value_number(0);
    double scale = pow(10, -d);
    return value_number(fn_round_15(x / scale) * scale);
}

Value
fn_abs(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    Value res;
    (void)argc;
    if (!fn_math_arg(cx, argv[0], &x, &res))
        return res;
    return value_number(fabs(x));
}

/* INT rounds down: INT(-2.5) is -3. */
Value
fn_int(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    Value res;
    (void)argc;
    if (!fn_math_arg(cx, argv[0], &x, &res))
        return res;
    return value_number(floor(x));
}

/* MOD takes the sign of the divisor: MOD(-7,3) is 2, MOD(7,-3) is -2. */
Value
fn_mod(FnCtx *cx, int argc, const Value *argv)
{
    double a;
    double b;
    Value res;
    (void)argc;
    if (!fn_math_arg(cx, argv[0], &a, &res) ||
        !fn_math_arg(cx, argv[1], &b, &res))
        return res;
    if (b == 0)
        return value_error(XE_DIV0);
    double m = a - b * floor(a / b);
    if (m != 0 && (m < 0) != (b < 0))
        m += b;
    return value_number(m);
}

/* Excel: POWER(0,0) is #NUM!, 0 to a negative power #DIV/0!, a negative
 * base with a fractional exponent #NUM! (pow gives NaN). */
Value
fn_power(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    double y;
    Value res;
    (void)argc;
    if (!fn_math_arg(cx, argv[0], &x, &res) ||
        !fn_math_arg(cx, argv[1], &y, &res))
        return res;
    if (x == 0 && y == 0)
        return value_error(XE_NUM);
    if (x == 0 && y < 0)
        return value_error(XE_DIV0);
    return value_number(pow(x, y));
}

Value
fn_sqrt(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    Value res;
    (void)argc;
    if (!fn_math_arg(cx, argv[0], &x, &res))
        return res;
    if (x < 0)
        return value_error(XE_NUM);
    return value_number(sqrt(x));
}

Value
fn_exp(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    Value res;
    (void)argc;
    if (!fn_math_arg(cx, argv[0], &x, &res))
        return res;
    return value_number(exp(x));
}

Value
fn_ln(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    Value res;
    (void)argc;
    if (!fn_math_arg(cx, argv[0], &x, &res))
        return res;
    if (x <= 0)
        return value_error(XE_NUM);
    return value_number(log(x));
}

/* SUMPRODUCT: every argument (range, array or scalar as 1x1) must have the
 * dimensions of the first, else #VALUE!; then the first error in argument
 * order, row-major, propagates; entries that are not numbers count as 0. */
Value
fn_sumproduct(FnCtx *cx, int argc, const Value *argv)
{
    uint32_t rows = fn_value_rows(argv[0]);
    uint32_t cols = fn_value_cols(argv[0]);
    for (int j = 1; j < argc; j++)
        if (fn_value_rows(argv[j]) != rows || fn_value_cols(argv[j]) != cols)
            return value_error(XE_VALUE);
    for (int j = 0; j < argc; j++) {
        RangeIter it;
        Value e;
        fn_iter_init(&it, cx, argv[j]);
        while (fn_iter_next(&it, &e))
            if (e.kind == VK_ERROR)
                return e;
    }
    double s = 0;
    for (uint32_t r = 0; r < rows; r++) {
        for (uint32_t c = 0; c < cols; c++) {
            double p = 1;
            for (int j = 0; j < argc; j++) {
                Value e = fn_value_at(cx, argv[j], r, c);
                p *= e.kind == VK_NUMBER ? e.u.num : 0;
            }
            s += p;
        }
    }
    return value_number(s);
}
