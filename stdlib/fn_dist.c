/*
 * fn_dist: the normal and lognormal distributions (stdlib module):
 * NORM.DIST, NORM.INV, NORM.S.DIST, NORM.S.INV, LOGNORM.DIST, LOGNORM.INV.
 *
 * The CDF is 0.5 * erfc(-z / sqrt 2) from libm, accurate in both tails
 * (1 - 0.5 * erfc(z / sqrt 2) would lose the lower tail). The inverse is
 * Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), about
 * 1e-16 relative over (0, 1); LibreOffice uses the same algorithm. Excel
 * documents no algorithm; its results agree to about 1e-15.
 */
#include "fn_impl.h"

#include <math.h>

static const double fn_dist_sqrt2 = 1.41421356237309504880;
static const double fn_dist_inv_sqrt2pi = 0.39894228040143267794;

static double
fn_dist_cdf(double z)
{
    return 0.5 * erfc(-z / fn_dist_sqrt2);
}

static double
fn_dist_pdf(double z)
{
    return fn_dist_inv_sqrt2pi * exp(-0.5 * z * z);
}

/* Evaluates the degree-7 polynomial c[0] + c[1] r + ... + c[7] r^7. */
static double
fn_dist_poly(const double *c, double r)
{
    double s = c[7];
    for (int i = 6; i >= 0; i--)
        s = s * r + c[i];
    return s;
}

/* AS 241: the standard normal quantile for 0 < p < 1. */
static double
fn_dist_inv(double p)
{
    static const double a[8] = {
        3.3871328727963666080e0, 1.3314166789178437745e+2,
        1.9715909503065514427e+3, 1.3731693765509461125e+4,
        4.5921953931549871457e+4, 6.7265770927008700853e+4,
        3.3430575583588128105e+4, 2.5090809287301226727e+3};
    static const double b[8] = {
        1.0, 4.2313330701600911252e+1,
        6.8718700749205790830e+2, 5.3941960214247511077e+3,
        2.1213794301586595867e+4, 3.9307895800092710610e+4,
        2.8729085735721942674e+4, 5.2264952788528545610e+3};
    static const double c[8] = {
        1.42343711074968357734e0, 4.63033784615654529590e0,
        5.76949722146069140550e0, 3.64784832476320460504e0,
        1.27045825245236838258e0, 2.41780725177450611770e-1,
        2.27238449892691845833e-2, 7.74545014278341407640e-4};
    static const double d[8] = {
        1.0, 2.05319162663775882187e0,
        1.67638483018380384940e0, 6.89767334985100004550e-1,
        1.48103976427480074590e-1, 1.51986665636164571966e-2,
        5.47593808499534494600e-4, 1.05075007164441684324e-9};
    static const double e[8] = {
        6.65790464350110377720e0, 5.46378491116411436990e0,
        1.78482653991729133580e0, 2.96560571828504891230e-1,
        2.65321895265761230930e-2, 1.24266094738807843860e-3,
        2.71155556874348757815e-5, 2.01033439929228813265e-7};
    static const double f[8] = {
        1.0, 5.99832206555887937690e-1,
        1.36929880922735805310e-1, 1.48753612908506148525e-2,
        7.86869131145613259100e-4, 1.84631831751005468180e-5,
        1.42151175831644588870e-7, 2.04426310338993978564e-15};
    double q = p - 0.5;
    if (fabs(q) <= 0.425) {
        double r = 0.180625 - q * q;
        return q * fn_dist_poly(a, r) / fn_dist_poly(b, r);
    }
    double r = sqrt(-log(q < 0 ? p : 1 - p));
    double x;
    if (r <= 5) {
        r -= 1.6;
        x = fn_dist_poly(c, r) / fn_dist_poly(d, r);
    } else {
        r -= 5;
        x = fn_dist_poly(e, r) / fn_dist_poly(f, r);
    }
    return q < 0 ? -x : x;
}

double
fn_norm_quantile(double p)
{
    return fn_dist_inv(p);
}

/* Reads argv[0..n) as numbers into x; the first error wins. */
static ErrorCode
fn_dist_numbers(FnCtx *cx, const Value *argv, int n, double *x)
{
    for (int i = 0; i < n; i++) {
        ErrorCode err = fn_arg_number(cx, argv[i], &x[i]);
        if (err != XE_NONE)
            return err;
    }
    return XE_NONE;
}

/* NORM.DIST(x, mean, sd, cumulative): sd <= 0 #NUM!. */
Value
fn_norm_dist(FnCtx *cx, int argc, const Value *argv)
{
    double a[3];
    bool cum;
    (void)argc;
    ErrorCode err = fn_dist_numbers(cx, argv, 3, a);
    if (err == XE_NONE)
        err = fn_arg_bool(cx, argv[3], &cum);
    if (err != XE_NONE)
        return value_error(err);
    if (a[2] <= 0)
        return value_error(XE_NUM);
    double z = (a[0] - a[1]) / a[2];
    return value_number(cum ? fn_dist_cdf(z) : fn_dist_pdf(z) / a[2]);
}

/* NORM.S.DIST(z, cumulative). */
Value
fn_norm_s_dist(FnCtx *cx, int argc, const Value *argv)
{
    double z;
    bool cum;
    (void)argc;
    ErrorCode err = fn_arg_number(cx, argv[0], &z);
    if (err == XE_NONE)
        err = fn_arg_bool(cx, argv[1], &cum);
    if (err != XE_NONE)
        return value_error(err);
    return value_number(cum ? fn_dist_cdf(z) : fn_dist_pdf(z));
}

/* NORM.INV(p, mean, sd): p outside (0, 1) or sd <= 0 #NUM!. */
Value
fn_norm_inv(FnCtx *cx, int argc, const Value *argv)
{
    double a[3];
    (void)argc;
    ErrorCode err = fn_dist_numbers(cx, argv, 3, a);
    if (err != XE_NONE)
        return value_error(err);
    if (!(a[0] > 0 && a[0] < 1) || a[2] <= 0)
        return value_error(XE_NUM);
    return value_number(a[1] + a[2] * fn_dist_inv(a[0]));
}

/* NORM.S.INV(p): p outside (0, 1) #NUM!. */
Value
fn_norm_s_inv(FnCtx *cx, int argc, const Value *argv)
{
    double p;
    (void)argc;
    ErrorCode err = fn_arg_number(cx, argv[0], &p);
    if (err != XE_NONE)
        return value_error(err);
    if (!(p > 0 && p < 1))
        return value_error(XE_NUM);
    return value_number(fn_dist_inv(p));
}

/* LOGNORM.DIST(x, mean, sd, cumulative): ln x is normal(mean, sd);
 * x <= 0 or sd <= 0 #NUM!. */
Value
fn_lognorm_dist(FnCtx *cx, int argc, const Value *argv)
{
    double a[3];
    bool cum;
    (void)argc;
    ErrorCode err = fn_dist_numbers(cx, argv, 3, a);
    if (err == XE_NONE)
        err = fn_arg_bool(cx, argv[3], &cum);
    if (err != XE_NONE)
        return value_error(err);
    if (a[0] <= 0 || a[2] <= 0)
        return value_error(XE_NUM);
    double z = (log(a[0]) - a[1]) / a[2];
    return value_number(cum ? fn_dist_cdf(z) : fn_dist_pdf(z) / (a[0] * a[2]));
}

/* LOGNORM.INV(p, mean, sd) = EXP(mean + sd * NORM.S.INV(p)); p outside
 * (0, 1) or sd <= 0 #NUM!. */
Value
fn_lognorm_inv(FnCtx *cx, int argc, const Value *argv)
{
    double a[3];
    (void)argc;
    ErrorCode err = fn_dist_numbers(cx, argv, 3, a);
    if (err != XE_NONE)
        return value_error(err);
    if (!(a[0] > 0 && a[0] < 1) || a[2] <= 0)
        return value_error(XE_NUM);
    return value_number(exp(a[1] + a[2] * fn_dist_inv(a[0])));
}
