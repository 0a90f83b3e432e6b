/*
 * fn_fin: cash-flow built-ins (stdlib module): NPV, IRR, MIRR, XNPV, XIRR,
 * EFFECT, NOMINAL, and the Newton solver they share with RATE (fn_fin.h).
 * Annuities (PV, FV, PMT...) are in fn_tvm.c, depreciation in fn_depr.c.
 *
 * NPV, IRR and MIRR read cash flows Excel's aggregate way
 * (fn_collect_numbers): inside references only numbers count, so empty
 * cells, text and booleans are skipped and do not take up a period; errors
 * inside references propagate (checked in LibreOffice; Microsoft's text
 * says they are ignored); direct arguments are coerced and an omitted one
 * is a 0 flow. XNPV and XIRR pair each value with a date, so there every
 * element must be a number.
 */
#include "fn_fin.h"

#include <math.h>

#include "fn_impl.h"

ErrorCode
fn_fin_args(FnCtx *cx, int argc, const Value *argv, int max, const double *dflt, double *x)
{
    for (int i = 0; i < max; i++) {
        x[i] = dflt[i];
        if (i >= argc || argv[i].kind == VK_EMPTYARG)
            continue;
        ErrorCode err = fn_arg_number(cx, argv[i], &x[i]);
        if (err != XE_NONE)
            return err;
    }
    return XE_NONE;
}

ErrorCode
fn_newton(FnRootFn fn, const void *ud, double guess, int max_iter, double tol,
          double *root)
{
    double r = guess;
    for (int iter = 0; iter < max_iter; iter++) {
        double f;
        double df;
        if (!fn(ud, r, &f, &df) || df == 0 || !isfinite(f) || !isfinite(df))
            return XE_NUM;
        double nr = r - f / df;
        if (!isfinite(nr) || nr <= -1)
            return XE_NUM;
        bool done = fabs(nr - r) < tol;
        r = nr;
        if (!done)
            continue;
        /* Newton converges quadratically: a few more steps reach the last
         * bits, so results agree with other engines to 1e-12 and more. */
        for (int k = 0; k < 8; k++) {
            if (!fn(ud, r, &f, &df) || df == 0)
                break;
            nr = r - f / df;
            if (!isfinite(nr) || nr <= -1 || nr == r)
                break;
            r = nr;
        }
        *root = r;
        return XE_NONE;
    }
    return XE_NUM;
}

/* NPV(rate, v1, ...): sum of v_i / (1+rate)^i, i = 1..n. A rate of -1
 * divides by zero: #DIV/0!. */
Value
fn_npv(FnCtx *cx, int argc, const Value *argv)
{
    double rate;
    FnNumbers nums;
    ErrorCode err = fn_arg_number(cx, argv[0], &rate);
    if (err != XE_NONE)
        return value_error(err);
    err = fn_collect_numbers(cx, argc - 1, argv + 1, &nums);
    if (err != XE_NONE)
        return value_error(err);
    if (nums.n > 0 && rate == -1)
        return value_error(XE_DIV0);
    double s = 0;
    for (size_t i = 0; i < nums.n; i++)
        s += nums.x[i] / pow(1.0 + rate, (double)(i + 1));
    return value_number(s);
}

/* Present value of flows at times t (NULL: 0, 1, 2 ...) and its
 * derivative in r: IRR and XIRR's f. */
typedef struct Flows {
    const double *v;
    const double *t;
    size_t n;
} Flows;

static bool
fn_fin_flows_pv(const void *ud, double r, double *f, double *df)
{
    const Flows *fl = ud;
    *f = 0;
    *df = 0;
    for (size_t i = 0; i < fl->n; i++) {
        double t = fl->t ? fl->t[i] : (double)i;
        double d = pow(1.0 + r, -t);
        *f += fl->v[i] * d;
        *df -= t * fl->v[i] * d / (1.0 + r);
    }
    return true;
}

/* True when the flows have both signs (IRR, XIRR, MIRR need both). */
static bool
fn_fin_sign_change(const double *v, size_t n)
{
    bool pos = false;
    bool neg = false;
    for (size_t i = 0; i < n; i++) {
        pos = pos || v[i] > 0;
        neg = neg || v[i] < 0;
    }
    return pos && neg;
}

/* Excel: IRR and RATE give up after 20 steps and accept 1e-7 (0.00001
 * percent); XIRR tries 100 steps. */
enum { FN_IRR_MAX_ITER = 20, FN_XIRR_MAX_ITER = 100 };

/* IRR(values, [guess = 0.1]): Newton's method from the guess, as Excel and
 * LibreOffice do. #NUM! when the flows lack a sign change or Newton does
 * not converge in 20 steps. */
Value
fn_irr(FnCtx *cx, int argc, const Value *argv)
{
    FnNumbers nums;
    double r = 0.1;
    ErrorCode err = fn_collect_numbers(cx, 1, argv, &nums);
    if (err != XE_NONE)
        return value_error(err);
    if (argc >= 2 && argv[1].kind != VK_EMPTYARG) {
        err = fn_arg_number(cx, argv[1], &r);
        if (err != XE_NONE)
            return value_error(err);
    }
    if (!fn_fin_sign_change(nums.x, nums.n) || r <= -1)
        return value_error(XE_NUM);
    Flows fl = {nums.x, NULL, nums.n};
    err = fn_newton(fn_fin_flows_pv, &fl, r, FN_IRR_MAX_ITER, 1e-7, &r);
    return err != XE_NONE ? value_error(err) : value_number(r);
}

/* MIRR(values, finance_rate, reinvest_rate): positive flows compounded to
 * the end at reinvest_rate, negative ones discounted to the start at
 * finance_rate; (FV+ / -PV-)^(1/(n-1)) - 1. Flows of one sign #DIV/0!. */
Value
fn_mirr(FnCtx *cx, int argc, const Value *argv)
{
    FnNumbers nums;
    double fr;
    double rr;
    (void)argc;
    ErrorCode err = fn_collect_numbers(cx, 1, argv, &nums);
    if (err == XE_NONE)
        err = fn_arg_number(cx, argv[1], &fr);
    if (err == XE_NONE)
        err = fn_arg_number(cx, argv[2], &rr);
    if (err != XE_NONE)
        return value_error(err);
    if (!fn_fin_sign_change(nums.x, nums.n))
        return value_error(XE_DIV0);
    if (fr == -1 || rr == -1)
        return value_error(XE_DIV0);
    double n = (double)nums.n;
    double fv_pos = 0;
    double pv_neg = 0;
    for (size_t i = 0; i < nums.n; i++) {
        if (nums.x[i] > 0)
            fv_pos += nums.x[i] * pow(1.0 + rr, n - 1 - (double)i);
        else
            pv_neg += nums.x[i] / pow(1.0 + fr, (double)i);
    }
    return value_number(pow(fv_pos / -pv_neg, 1.0 / (n - 1)) - 1);
}

/* Loads XNPV/XIRR's values and dates: every element a number (an error
 * propagates, anything else #VALUE!), the same count (else #NUM!), dates
 * truncated and none before the first (else #NUM!). t gets the years
 * since the first date, (d_i - d_0) / 365. */
static ErrorCode
fn_fin_dated(FnCtx *cx, Value values, Value dates, Flows *fl)
{
    RangeIter iv;
    RangeIter id;
    Value e;
    fn_iter_init(&iv, cx, values);
    fn_iter_init(&id, cx, dates);
    double *v = arena_alloc(cx->scratch, (size_t)(iv.n ? iv.n : 1) * sizeof *v);
    double *t = arena_alloc(cx->scratch, (size_t)(id.n ? id.n : 1) * sizeof *t);
    size_t k = 0;
    while (fn_iter_next(&iv, &e)) {
        if (e.kind == VK_ERROR)
            return (ErrorCode)e.err;
        if (e.kind != VK_NUMBER)
            return XE_VALUE;
        v[k++] = e.u.num;
    }
    k = 0;
    while (fn_iter_next(&id, &e)) {
        if (e.kind == VK_ERROR)
            return (ErrorCode)e.err;
        if (e.kind != VK_NUMBER)
            return XE_VALUE;
        t[k++] = trunc(e.u.num);
    }
    if (iv.n != id.n || iv.n == 0)
        return XE_NUM;
    for (size_t i = 0; i < id.n; i++) {
        if (t[i] < 0 || t[i] > 2958465 || t[i] < t[0])
            return XE_NUM;
    }
    for (size_t i = id.n; i-- > 0;)
        t[i] = (t[i] - t[0]) / 365.0;
    fl->v = v;
    fl->t = t;
    fl->n = iv.n;
    return XE_NONE;
}

/* XNPV(rate, values, dates): sum of v_i / (1+rate)^((d_i - d_1)/365).
 * rate <= -1 #NUM!. */
Value
fn_xnpv(FnCtx *cx, int argc, const Value *argv)
{
    double rate;
    Flows fl;
    double f;
    double df;
    (void)argc;
    ErrorCode err = fn_arg_number(cx, argv[0], &rate);
    if (err == XE_NONE)
        err = fn_fin_dated(cx, argv[1], argv[2], &fl);
    if (err != XE_NONE)
        return value_error(err);
    if (rate <= -1)
        return value_error(XE_NUM);
    fn_fin_flows_pv(&fl, rate, &f, &df);
    return value_number(f);
}

/* XIRR(values, dates, [guess = 0.1]): the rate at which XNPV is 0; Newton
 * from guess, at most 100 steps. No sign change or no convergence #NUM!. */
Value
fn_xirr(FnCtx *cx, int argc, const Value *argv)
{
    Flows fl;
    double r = 0.1;
    ErrorCode err = fn_fin_dated(cx, argv[0], argv[1], &fl);
    if (err == XE_NONE && argc >= 3 && argv[2].kind != VK_EMPTYARG)
        err = fn_arg_number(cx, argv[2], &r);
    if (err != XE_NONE)
        return value_error(err);
    if (!fn_fin_sign_change(fl.v, fl.n) || r <= -1)
        return value_error(XE_NUM);
    err = fn_newton(fn_fin_flows_pv, &fl, r, FN_XIRR_MAX_ITER, 1e-8, &r);
    return err != XE_NONE ? value_error(err) : value_number(r);
}

/* The rate and truncated periods per year of EFFECT and NOMINAL: rate <= 0
 * or fewer than 1 period #NUM!. */
static ErrorCode
fn_fin_rate_periods(FnCtx *cx, const Value *argv, double *rate, double *p)
{
    ErrorCode err = fn_arg_number(cx, argv[0], rate);
    if (err == XE_NONE)
        err = fn_arg_int(cx, argv[1], p);
    if (err == XE_NONE && (*rate <= 0 || *p < 1))
        err = XE_NUM;
    return err;
}

/* EFFECT(nominal_rate, npery): (1 + nominal/npery)^npery - 1. */
Value
fn_effect(FnCtx *cx, int argc, const Value *argv)
{
    double r;
    double p;
    (void)argc;
    ErrorCode err = fn_fin_rate_periods(cx, argv, &r, &p);
    if (err != XE_NONE)
        return value_error(err);
    return value_number(pow(1 + r / p, p) - 1);
}

/* NOMINAL(effect_rate, npery): npery * ((1 + effect)^(1/npery) - 1). */
Value
fn_nominal(FnCtx *cx, int argc, const Value *argv)
{
    double r;
    double p;
    (void)argc;
    ErrorCode err = fn_fin_rate_periods(cx, argv, &r, &p);
    if (err != XE_NONE)
        return value_error(err);
    return value_number(p * (pow(1 + r, 1 / p) - 1));
}
