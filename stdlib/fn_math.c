/*
 * fn_math: arithmetic built-ins (stdlib module): SUM, PRODUCT, ABS, SIGN,
 * MOD, QUOTIENT, POWER, SQRT, EXP, LN, LOG, LOG10, PI, GCD, LCM, FACT,
 * SUMPRODUCT. The rounding family is in fn_round.c.
 *
 * Aggregates read their arguments through fn_collect_numbers, scalar
 * functions through fn_arg_number, so Excel's coercion rules are applied in
 * one place. Results that are not finite become #NUM! in value_number.
 */
#include "fn_impl.h"

#include <math.h>

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

Value
fn_sign(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    Value res;
    (void)argc;
    if (!fn_math_arg(cx, argv[0], &x, &res))
        return res;
    return value_number(x > 0 ? 1 : x < 0 ? -1 : 0);
}

Value
fn_pi(FnCtx *cx, int argc, const Value *argv)
{
    (void)cx;
    (void)argc;
    (void)argv;
    return value_number(3.14159265358979323846);
}

/* LOG(number, [base = 10]): number <= 0 or base <= 0 #NUM!, base 1
 * #DIV/0! (its logarithm is 0). */
Value
fn_log(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    double base = 10;
    Value res;
    if (!fn_math_arg(cx, argv[0], &x, &res))
        return res;
    if (argc > 1 && argv[1].kind != VK_EMPTYARG &&
        !fn_math_arg(cx, argv[1], &base, &res))
        return res;
    if (x <= 0 || base <= 0)
        return value_error(XE_NUM);
    if (base == 1)
        return value_error(XE_DIV0);
    if (base == 10)
        return value_number(log10(x));
    return value_number(log(x) / log(base));
}

Value
fn_log10(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    Value res;
    (void)argc;
    if (!fn_math_arg(cx, argv[0], &x, &res))
        return res;
    if (x <= 0)
        return value_error(XE_NUM);
    return value_number(log10(x));
}

/* QUOTIENT: the integer part of n/d (toward zero); d = 0 #DIV/0!. */
Value
fn_quotient(FnCtx *cx, int argc, const Value *argv)
{
    double n;
    double d;
    Value res;
    (void)argc;
    if (!fn_math_arg(cx, argv[0], &n, &res) ||
        !fn_math_arg(cx, argv[1], &d, &res))
        return res;
    if (d == 0)
        return value_error(XE_DIV0);
    return value_number(trunc(n / d));
}

/* FACT: n truncated; n < 0 #NUM!, and n > 170 overflows to #NUM!. */
Value
fn_fact(FnCtx *cx, int argc, const Value *argv)
{
    double n;
    (void)argc;
    ErrorCode err = fn_arg_int(cx, argv[0], &n);
    if (err != XE_NONE)
        return value_error(err);
    if (n < 0 || n > 170)
        return value_error(XE_NUM);
    double f = 1;
    for (double k = 2; k <= n; k++)
        f *= k;
    return value_number(f);
}

/* The numbers of GCD and LCM, truncated; a negative one, or one of 2^53
 * or more (no longer an exact integer), is #NUM!. */
static ErrorCode
fn_math_integers(FnCtx *cx, int argc, const Value *argv, FnNumbers *nums)
{
    ErrorCode err = fn_collect_numbers(cx, argc, argv, nums);
    if (err != XE_NONE)
        return err;
    for (size_t i = 0; i < nums->n; i++) {
        nums->x[i] = trunc(nums->x[i]);
        if (nums->x[i] < 0 || nums->x[i] >= 9007199254740992.0)
            return XE_NUM;
    }
    return XE_NONE;
}

static double
fn_math_gcd2(double a, double b)
{
    while (b != 0) {
        double t = fmod(a, b);
        a = b;
        b = t;
    }
    return a;
}

Value
fn_gcd(FnCtx *cx, int argc, const Value *argv)
{
    FnNumbers nums;
    ErrorCode err = fn_math_integers(cx, argc, argv, &nums);
    if (err != XE_NONE)
        return value_error(err);
    double g = 0;
    for (size_t i = 0; i < nums.n; i++)
        g = fn_math_gcd2(nums.x[i], g);
    return value_number(g);
}

/* LCM: any zero makes it 0; a result past 2^53 is #NUM!. */
Value
fn_lcm(FnCtx *cx, int argc, const Value *argv)
{
    FnNumbers nums;
    ErrorCode err = fn_math_integers(cx, argc, argv, &nums);
    if (err != XE_NONE)
        return value_error(err);
    double l = 1;
    for (size_t i = 0; i < nums.n; i++) {
        if (nums.x[i] == 0)
            return value_number(0);
        l = l / fn_math_gcd2(l, nums.x[i]) * nums.x[i];
        if (l >= 9007199254740992.0)
            return value_error(XE_NUM);
    }
    return value_number(l);
}
