/*
 * fn_round: the rounding family (stdlib module): ROUND, ROUNDUP,
 * ROUNDDOWN, TRUNC, INT, MROUND, CEILING, FLOOR.
 *
 * Excel rounds decimal numbers as they are shown: a scaled value or a
 * quotient is first reduced to 15 significant digits, so 2.675*100 =
 * 267.49999999999997 rounds to 268 and CEILING(0.7, 0.1) = 7 steps, not 8
 * (0.7/0.1 is 6.999999999999999).
 */
#include "fn_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef enum { ROUND_NEAR, ROUND_UP, ROUND_DOWN } RoundMode;

/* y reduced to 15 significant digits (Excel's displayed precision). */
static double
fn_round_sig15(double y)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.15g", y);
    return strtod(buf, NULL);
}

/* An integer by mode: nearest (half away from zero), away from zero, or
 * toward zero, after the 15-digit reduction. */
static double
fn_round_int(double y, RoundMode mode)
{
    y = fn_round_sig15(y);
    switch (mode) {
    case ROUND_NEAR: return round(y);
    case ROUND_UP: return y < 0 ? floor(y) : ceil(y);
    default: return trunc(y);
    }
}

/* x rounded to d decimal places (d < 0: to tens, hundreds...). */
static double
fn_round_digits(double x, double d, RoundMode mode)
{
    if (x == 0)
        return 0;
    if (d >= 0) {
        if (d > 308)
            return x;
        double scale = pow(10, d);
        double y = x * scale;
        /* Beyond 2^52 a double has no fraction left to round. */
        if (!isfinite(y) || fabs(y) >= 4503599627370496.0)
            return x;
        return fn_round_int(y, mode) / scale;
    }
    if (d < -308)
        return 0;
    double scale = pow(10, -d);
    return fn_round_int(x / scale, mode) * scale;
}

/* ROUND, ROUNDUP, ROUNDDOWN, TRUNC: (number, digits); TRUNC's digits are
 * optional (0). */
static Value
fn_round_call(FnCtx *cx, int argc, const Value *argv, RoundMode mode)
{
    double x;
    double d = 0;
    ErrorCode err = fn_arg_number(cx, argv[0], &x);
    if (err == XE_NONE && argc > 1)
        err = fn_arg_int(cx, argv[1], &d);
    if (err != XE_NONE)
        return value_error(err);
    return value_number(fn_round_digits(x, d, mode));
}

Value
fn_round(FnCtx *cx, int argc, const Value *argv)
{
    return fn_round_call(cx, argc, argv, ROUND_NEAR);
}

Value
fn_roundup(FnCtx *cx, int argc, const Value *argv)
{
    return fn_round_call(cx, argc, argv, ROUND_UP);
}

Value
fn_rounddown(FnCtx *cx, int argc, const Value *argv)
{
    return fn_round_call(cx, argc, argv, ROUND_DOWN);
}

Value
fn_trunc(FnCtx *cx, int argc, const Value *argv)
{
    return fn_round_call(cx, argc, argv, ROUND_DOWN);
}

/* INT rounds down: INT(-2.5) is -3. */
Value
fn_int(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    (void)argc;
    ErrorCode err = fn_arg_number(cx, argv[0], &x);
    if (err != XE_NONE)
        return value_error(err);
    return value_number(floor(x));
}

/* Two numeric arguments, or the first error. */
static ErrorCode
fn_round_two(FnCtx *cx, const Value *argv, double *x, double *m)
{
    ErrorCode err = fn_arg_number(cx, argv[0], x);
    if (err == XE_NONE)
        err = fn_arg_number(cx, argv[1], m);
    return err;
}

/* MROUND: the multiple of m nearest x (halves away from zero); m = 0 gives
 * 0 and signs that differ #NUM!. */
Value
fn_mround(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    double m;
    (void)argc;
    ErrorCode err = fn_round_two(cx, argv, &x, &m);
    if (err != XE_NONE)
        return value_error(err);
    if (m == 0 || x == 0)
        return value_number(0);
    if ((x < 0) != (m < 0))
        return value_error(XE_NUM);
    return value_number(fn_round_int(x / m, ROUND_NEAR) * m);
}

/* CEILING (Excel 2010 and later): up to a multiple of sig, which for a
 * negative number and positive sig means toward zero, and for both
 * negative away from zero; a positive number with a negative sig is #NUM!;
 * sig 0 gives 0. */
Value
fn_ceiling(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    double s;
    (void)argc;
    ErrorCode err = fn_round_two(cx, argv, &x, &s);
    if (err != XE_NONE)
        return value_error(err);
    if (x > 0 && s < 0)
        return value_error(XE_NUM);
    if (s == 0 || x == 0)
        return value_number(0);
    return value_number(ceil(fn_round_sig15(x / s)) * s);
}

/* FLOOR: down to a multiple of sig (a negative number with a positive sig
 * goes away from zero, with a negative sig toward zero); a positive number
 * with a negative sig is #NUM!, sig 0 #DIV/0!. */
Value
fn_floor(FnCtx *cx, int argc, const Value *argv)
{
    double x;
    double s;
    (void)argc;
    ErrorCode err = fn_round_two(cx, argv, &x, &s);
    if (err != XE_NONE)
        return value_error(err);
    if (x > 0 && s < 0)
        return value_error(XE_NUM);
    if (s == 0)
        return x == 0 ? value_number(0) : value_error(XE_DIV0);
    if (x == 0)
        return value_number(0);
    return value_number(floor(fn_round_sig15(x / s)) * s);
}
