/*
 * fn_random: the distributions of Monte Carlo models (stdlib module):
 * NORMAL, LOGNORMAL, UNIFORM, TRIANGULAR, PERT, BERNOULLI, DISCRETE.
 *
 * In an ordinary build or eval each returns its expected value, so a model
 * with distributions is still a deterministic model (and the workbook
 * holds that mean as a constant). Under `valsheet simulate` (cx->sampler
 * set) each call draws a sample. Uniforms come from a counter-based
 * generator: the murmur3 64-bit finaliser applied to (seed, trial, cell,
 * draw number), so a draw depends on nothing but those four numbers:
 * results are identical whatever the thread count or evaluation order.
 *
 * Continuous draws use the inverse CDF where it is closed-form (normal
 * through AS 241, triangular, uniform); PERT draws a Beta by two Gamma
 * variates (Marsaglia and Tsang 2000; PERT's shape parameters are >= 1,
 * where that method needs no boost).
 *
 * Parameters follow @RISK's conventions, which deal teams know:
 * LOGNORMAL(mean, sd) takes the mean and standard deviation of the
 * distribution itself, not of its logarithm; PERT(low, mode, high) is the
 * Beta with alpha = 1 + 4 (mode - low) / (high - low) and beta =
 * 1 + 4 (high - mode) / (high - low), mean (low + 4 mode + high) / 6.
 * Bad parameters give #NUM! (a negative sd, low > high, a mode outside
 * [low, high], p outside [0, 1], probabilities that do not sum to 1),
 * non-numbers #VALUE!, as Excel's distribution functions do.
 */
#include "fn_impl.h"

#include <math.h>

static uint64_t
fn_rand_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* The next uniform in (0, 1) of this cell's stream. */
static double
fn_rand_uniform01(FnCtx *cx)
{
    const FnSampler *s = cx->sampler;
    uint64_t cell = ((uint64_t)cx->sheet << 48) ^ ((uint64_t)cx->col0 << 32) ^ cx->row0;
    uint64_t h = fn_rand_mix(s->seed ^ 0x9e3779b97f4a7c15ULL);
    h = fn_rand_mix(h ^ s->trial);
    h = fn_rand_mix(h ^ cell);
    h = fn_rand_mix(h ^ cx->draws++);
    /* 53 random bits, centred in their interval: never 0, never 1. */
    return ((double)(h >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

static double
fn_rand_gauss(FnCtx *cx)
{
    return fn_norm_quantile(fn_rand_uniform01(cx));
}

/* Gamma(shape >= 1, scale 1), Marsaglia and Tsang's method. */
static double
fn_rand_gamma(FnCtx *cx, double shape)
{
    double d = shape - 1.0 / 3.0, c = 1.0 / sqrt(9.0 * d);
    for (int tries = 0; tries < 1000; tries++) {
        double z = fn_rand_gauss(cx), v = 1.0 + c * z;
        if (v <= 0)
            continue;
        v = v * v * v;
        double u = fn_rand_uniform01(cx);
        if (log(u) < 0.5 * z * z + d - d * v + d * log(v))
            return d * v;
    }
    return d; /* unreachable in practice: acceptance is above 95% */
}

static ErrorCode
fn_rand_numbers(FnCtx *cx, const Value *argv, int n, double *x)
{
    for (int i = 0; i < n; i++) {
        ErrorCode err = fn_arg_number(cx, argv[i], &x[i]);
        if (err != XE_NONE)
            return err;
    }
    return XE_NONE;
}

static Value
fn_rand_result(double x)
{
    return isfinite(x) ? value_number(x) : value_error(XE_NUM);
}

/* NORMAL(mean, sd): sd < 0 #NUM!; sd = 0 is the constant mean. */
Value
fn_rand_normal(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    double x[2];
    ErrorCode err = fn_rand_numbers(cx, argv, 2, x);
    if (err != XE_NONE)
        return value_error(err);
    if (x[1] < 0)
        return value_error(XE_NUM);
    if (!cx->sampler)
        return fn_rand_result(x[0]);
    return fn_rand_result(x[0] + x[1] * fn_rand_gauss(cx));
}

/* LOGNORMAL(mean, sd) of the variable itself: mean <= 0 or sd < 0 #NUM!. */
Value
fn_rand_lognormal(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    double x[2];
    ErrorCode err = fn_rand_numbers(cx, argv, 2, x);
    if (err != XE_NONE)
        return value_error(err);
    if (x[0] <= 0 || x[1] < 0)
        return value_error(XE_NUM);
    if (!cx->sampler)
        return fn_rand_result(x[0]);
    double s2 = log1p((x[1] / x[0]) * (x[1] / x[0]));
    double mu = log(x[0]) - 0.5 * s2;
    return fn_rand_result(exp(mu + sqrt(s2) * fn_rand_gauss(cx)));
}

/* UNIFORM(low, high): low > high #NUM!. */
Value
fn_rand_uniform(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    double x[2];
    ErrorCode err = fn_rand_numbers(cx, argv, 2, x);
    if (err != XE_NONE)
        return value_error(err);
    if (x[0] > x[1])
        return value_error(XE_NUM);
    if (!cx->sampler)
        return fn_rand_result(0.5 * (x[0] + x[1]));
    return fn_rand_result(x[0] + (x[1] - x[0]) * fn_rand_uniform01(cx));
}

static ErrorCode
fn_rand_three(FnCtx *cx, const Value *argv, double *x)
{
    ErrorCode err = fn_rand_numbers(cx, argv, 3, x);
    if (err != XE_NONE)
        return err;
    if (x[0] > x[2] || x[1] < x[0] || x[1] > x[2])
        return XE_NUM;
    return XE_NONE;
}

/* TRIANGULAR(low, mode, high), by its inverse CDF. */
Value
fn_rand_triangular(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    double x[3];
    ErrorCode err = fn_rand_three(cx, argv, x);
    if (err != XE_NONE)
        return value_error(err);
    double a = x[0], m = x[1], b = x[2];
    if (!cx->sampler)
        return fn_rand_result((a + m + b) / 3);
    if (a == b)
        return value_number(a);
    double u = fn_rand_uniform01(cx), fc = (m - a) / (b - a);
    if (u < fc)
        return fn_rand_result(a + sqrt(u * (b - a) * (m - a)));
    return fn_rand_result(b - sqrt((1 - u) * (b - a) * (b - m)));
}

/* PERT(low, mode, high): a scaled Beta. */
Value
fn_rand_pert(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    double x[3];
    ErrorCode err = fn_rand_three(cx, argv, x);
    if (err != XE_NONE)
        return value_error(err);
    double a = x[0], m = x[1], b = x[2];
    if (!cx->sampler)
        return fn_rand_result((a + 4 * m + b) / 6);
    if (a == b)
        return value_number(a);
    double al = 1 + 4 * (m - a) / (b - a), be = 1 + 4 * (b - m) / (b - a);
    double g1 = fn_rand_gamma(cx, al), g2 = fn_rand_gamma(cx, be);
    return fn_rand_result(a + (b - a) * g1 / (g1 + g2));
}

/* BERNOULLI(p): 1 with probability p, else 0; p outside [0, 1] #NUM!. */
Value
fn_rand_bernoulli(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    double p;
    ErrorCode err = fn_arg_number(cx, argv[0], &p);
    if (err != XE_NONE)
        return value_error(err);
    if (!(p >= 0 && p <= 1))
        return value_error(XE_NUM);
    if (!cx->sampler)
        return value_number(p);
    return value_number(fn_rand_uniform01(cx) < p ? 1 : 0);
}

/* DISCRETE(values, probabilities): same sizes (#N/A otherwise), numbers
 * only (#VALUE!), probabilities >= 0 summing to 1 within 1e-9 (#NUM!). */
Value
fn_rand_discrete(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    uint32_t n = fn_value_rows(argv[0]) * fn_value_cols(argv[0]);
    if (n != fn_value_rows(argv[1]) * fn_value_cols(argv[1]) || n == 0)
        return value_error(XE_NA);
    double mean = 0, total = 0, u = cx->sampler ? fn_rand_uniform01(cx) : 0;
    double pick = NAN, cum = 0;
    RangeIter iv, ip;
    fn_iter_init(&iv, cx, argv[0]);
    fn_iter_init(&ip, cx, argv[1]);
    Value v, p;
    double last = 0;
    while (fn_iter_next(&iv, &v) && fn_iter_next(&ip, &p)) {
        if (v.kind == VK_ERROR)
            return v;
        if (p.kind == VK_ERROR)
            return p;
        if (v.kind != VK_NUMBER || p.kind != VK_NUMBER)
            return value_error(XE_VALUE);
        if (p.u.num < 0)
            return value_error(XE_NUM);
        mean += v.u.num * p.u.num;
        total += p.u.num;
        cum += p.u.num;
        if (isnan(pick) && u < cum)
            pick = v.u.num;
        if (p.u.num > 0)
            last = v.u.num;
    }
    if (fabs(total - 1) > 1e-9)
        return value_error(XE_NUM);
    if (!cx->sampler)
        return fn_rand_result(mean);
    /* u beyond the rounded total: the last value with any probability. */
    return fn_rand_result(isnan(pick) ? last : pick);
}
