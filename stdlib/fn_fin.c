/*
 * fn_fin: financial built-ins (stdlib module): NPV, IRR.
 *
 * Both read cash flows Excel's aggregate way (fn_collect_numbers): inside
 * references only numbers count, so empty cells, text and booleans are
 * skipped and do not take up a period; errors inside references propagate
 * (checked in LibreOffice; Microsoft's text says they are ignored); direct
 * arguments are coerced and an omitted one is a 0 flow.
 */
#include "fn_impl.h"

#include <math.h>

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

enum { FN_IRR_MAX_ITER = 100 };

/* IRR(values, [guess = 0.1]): Newton's method from the guess, as Excel and
 * LibreOffice do, but iterated to full double precision rather than
 * stopped at 1e-5 so results agree to the last digits. #NUM! when the flows
 * lack a sign change, when an iterate leaves (-1, inf), or when it does not
 * converge. */
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
    bool pos = false;
    bool neg = false;
    for (size_t i = 0; i < nums.n; i++) {
        pos = pos || nums.x[i] > 0;
        neg = neg || nums.x[i] < 0;
    }
    if (!pos || !neg || r <= -1)
        return value_error(XE_NUM);
    double step = HUGE_VAL;
    for (int iter = 0; iter < FN_IRR_MAX_ITER; iter++) {
        double f = 0;
        double df = 0;
        for (size_t i = 0; i < nums.n; i++) {
            double d = pow(1.0 + r, -(double)i);
            f += nums.x[i] * d;
            df -= (double)i * nums.x[i] * d / (1.0 + r);
        }
        if (df == 0 || !isfinite(f) || !isfinite(df))
            return value_error(XE_NUM);
        double nr = r - f / df;
        if (!isfinite(nr) || nr <= -1)
            return value_error(XE_NUM);
        step = fabs(nr - r);
        r = nr;
        if (step <= 1e-15 * (fabs(r) > 1 ? fabs(r) : 1))
            return value_number(r);
    }
    /* Rounding can make the last steps oscillate in the final bits. */
    if (step <= 1e-10 * (fabs(r) > 1 ? fabs(r) : 1))
        return value_number(r);
    return value_error(XE_NUM);
}
