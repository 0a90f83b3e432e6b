/*
 * fn_tvm: time value of money (stdlib module): PV, FV, PMT, IPMT, PPMT,
 * NPER, RATE. All share Excel's annuity equation
 *
 *   pv*(1+r)^n + pmt*(1+r*type)*((1+r)^n - 1)/r + fv = 0
 *
 * (with r = 0: pv + pmt*n + fv = 0). Money paid out is negative. type 0
 * pays at the end of each period, any other value at the start.
 */
#include "fn_fin.h"

#include <math.h>

#include "fn_impl.h"

/* FV of an annuity: the fv that solves the equation for the others. */
static double
fn_tvm_fv(double r, double n, double pmt, double pv, double type)
{
    if (r == 0)
        return -(pv + pmt * n);
    double g = pow(1 + r, n);
    return -(pv * g + pmt * (1 + r * (type != 0)) * (g - 1) / r);
}

/* PMT of an annuity; NaN or infinity when n = 0 (the caller's #NUM!). */
static double
fn_tvm_pmt(double r, double n, double pv, double fv, double type)
{
    if (r == 0)
        return -(pv + fv) / n;
    double g = pow(1 + r, n);
    return -(fv + pv * g) * r / ((1 + r * (type != 0)) * (g - 1));
}

/* PV(rate, nper, pmt, [fv], [type]). */
Value
fn_pv(FnCtx *cx, int argc, const Value *argv)
{
    static const double dflt[5] = {0, 0, 0, 0, 0};
    double a[5];
    ErrorCode err = fn_fin_args(cx, argc, argv, 5, dflt, a);
    if (err != XE_NONE)
        return value_error(err);
    double r = a[0], n = a[1], pmt = a[2], fv = a[3], type = a[4] != 0;
    if (r == 0)
        return value_number(-(fv + pmt * n));
    if (r == -1)
        return value_error(XE_NUM);
    double g = pow(1 + r, n);
    return value_number(-(fv + pmt * (1 + r * type) * (g - 1) / r) / g);
}

/* FV(rate, nper, pmt, [pv], [type]). */
Value
fn_fv(FnCtx *cx, int argc, const Value *argv)
{
    static const double dflt[5] = {0, 0, 0, 0, 0};
    double a[5];
    ErrorCode err = fn_fin_args(cx, argc, argv, 5, dflt, a);
    if (err != XE_NONE)
        return value_error(err);
    return value_number(fn_tvm_fv(a[0], a[1], a[2], a[3], a[4]));
}

/* PMT(rate, nper, pv, [fv], [type]): nper 0 #NUM!. */
Value
fn_pmt(FnCtx *cx, int argc, const Value *argv)
{
    static const double dflt[5] = {0, 0, 0, 0, 0};
    double a[5];
    ErrorCode err = fn_fin_args(cx, argc, argv, 5, dflt, a);
    if (err != XE_NONE)
        return value_error(err);
    if (a[1] == 0)
        return value_error(XE_NUM);
    return value_number(fn_tvm_pmt(a[0], a[1], a[2], a[3], a[4]));
}

/* Interest part of payment per (1-based) as LibreOffice and Excel compute
 * it: the balance after per-1 payments times the rate (at the start of
 * the period when paying in advance, so the first is 0). */
static ErrorCode
fn_tvm_ipmt(FnCtx *cx, int argc, const Value *argv, double *ipmt, double *pmt)
{
    static const double dflt[6] = {0, 0, 0, 0, 0, 0};
    double a[6];
    ErrorCode err = fn_fin_args(cx, argc, argv, 6, dflt, a);
    if (err != XE_NONE)
        return err;
    double r = a[0], per = a[1], n = a[2], pv = a[3], fv = a[4], type = a[5] != 0;
    if (per < 1 || per >= n + 1)
        return XE_NUM;
    *pmt = fn_tvm_pmt(r, n, pv, fv, type);
    if (per == 1)
        *ipmt = type ? 0 : -pv * r;
    else if (type)
        *ipmt = (fn_tvm_fv(r, per - 2, *pmt, pv, 1) - *pmt) * r;
    else
        *ipmt = fn_tvm_fv(r, per - 1, *pmt, pv, 0) * r;
    return XE_NONE;
}

/* IPMT(rate, per, nper, pv, [fv], [type]): per outside [1, nper] #NUM!. */
Value
fn_ipmt(FnCtx *cx, int argc, const Value *argv)
{
    double ipmt;
    double pmt;
    ErrorCode err = fn_tvm_ipmt(cx, argc, argv, &ipmt, &pmt);
    return err != XE_NONE ? value_error(err) : value_number(ipmt);
}

/* PPMT(rate, per, nper, pv, [fv], [type]): PMT - IPMT. */
Value
fn_ppmt(FnCtx *cx, int argc, const Value *argv)
{
    double ipmt;
    double pmt;
    ErrorCode err = fn_tvm_ipmt(cx, argc, argv, &ipmt, &pmt);
    return err != XE_NONE ? value_error(err) : value_number(pmt - ipmt);
}

/* NPER(rate, pmt, pv, [fv], [type]): #NUM! when no number of periods
 * solves the equation (the logarithm's argument is not positive). */
Value
fn_nper(FnCtx *cx, int argc, const Value *argv)
{
    static const double dflt[5] = {0, 0, 0, 0, 0};
    double a[5];
    ErrorCode err = fn_fin_args(cx, argc, argv, 5, dflt, a);
    if (err != XE_NONE)
        return value_error(err);
    double r = a[0], pmt = a[1], pv = a[2], fv = a[3], type = a[4] != 0;
    if (r == 0) {
        if (pmt == 0)
            return value_error(XE_NUM);
        return value_number(-(pv + fv) / pmt);
    }
    if (r <= -1)
        return value_error(XE_NUM);
    double num = pmt * (1 + r * type) - fv * r;
    double den = pv * r + pmt * (1 + r * type);
    if (den == 0 || num / den <= 0)
        return value_error(XE_NUM);
    return value_number(log(num / den) / log(1 + r));
}

/* RATE's equation and its derivative in r. */
typedef struct Annuity {
    double n;
    double pmt;
    double pv;
    double fv;
    double type;
} Annuity;

static bool
fn_tvm_rate_f(const void *ud, double r, double *f, double *df)
{
    const Annuity *a = ud;
    double n = a->n;
    if (fabs(r) < 1e-12) {
        /* limits at r = 0 */
        *f = a->pv + a->pmt * n + a->fv;
        *df = a->pv * n + a->pmt * (n * (n - 1) / 2 + a->type * n);
        return true;
    }
    /* (1+r)^n - 1 through expm1/log1p: near r = 0 the plain form loses
     * the digits Newton needs to land on the root. */
    double gm1 = expm1(n * log1p(r));
    double g = 1 + gm1;
    double dg = n * g / (1 + r);
    double k = 1 + r * a->type;
    *f = a->pv * g + a->pmt * k * gm1 / r + a->fv;
    *df = a->pv * dg + a->pmt * (a->type * gm1 / r + k * (dg * r - gm1) / (r * r));
    return true;
}

/* RATE(nper, pmt, pv, [fv], [type], [guess = 0.1]): Newton from guess, at
 * most 20 steps to within 1e-7, as Excel documents; else #NUM!. nper <= 0
 * #NUM!. */
Value
fn_rate(FnCtx *cx, int argc, const Value *argv)
{
    static const double dflt[6] = {0, 0, 0, 0, 0, 0.1};
    double a[6];
    double r;
    ErrorCode err = fn_fin_args(cx, argc, argv, 6, dflt, a);
    if (err != XE_NONE)
        return value_error(err);
    if (a[0] <= 0)
        return value_error(XE_NUM);
    Annuity an = {a[0], a[1], a[2], a[3], a[4] != 0};
    err = fn_newton(fn_tvm_rate_f, &an, a[5], 20, 1e-7, &r);
    return err != XE_NONE ? value_error(err) : value_number(r);
}
