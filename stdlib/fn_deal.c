/*
 * fn_deal: deal-structuring functions (stdlib module), as
 * /work/shared/DOMAIN.md specifies them: BREAKEVEN_UPFRONT (§3.12),
 * RISKSHARE (§3.13) and FAIL_NPV (§3.14), with their Excel forms.
 *
 * Scalars are coerced as operators coerce them (numeric text, booleans,
 * blanks), so the engine and the exported arithmetic agree; other text is
 * #VALUE!. C8's precedence holds through fn_val.h's passes.
 */
#include "fn_impl.h"

#include <math.h>

#include "fn_val.h"

/* ---- BREAKEVEN_UPFRONT(project_rnpv, deferred_rnpv, [hurdle = 0]) ------ */

Value
fn_breakeven_upfront(FnCtx *cx, int argc, const Value *argv)
{
    double proj;
    double deferred;
    double hurdle = 0;
    ErrorCode err = fn_val_errors(cx, argc, argv, "s");
    if (err == XE_NONE)
        err = fn_val_scalar_load(cx, argv[0], 0, &proj);
    if (err == XE_NONE)
        err = fn_val_scalar_load(cx, argv[1], 0, &deferred);
    if (err == XE_NONE && argc >= 3)
        err = fn_val_scalar_load(cx, argv[2], 0, &hurdle);
    if (err != XE_NONE)
        return value_error(err);
    /* A negative result means no upfront works: returned as is. */
    return value_number(proj - deferred - hurdle);
}

/* proj-deferred-hurdle (§3.12), without "-hurdle" when omitted. Guarded:
 * only the #VALUE! of non-numeric input, after any incoming error. */
bool
fn_breakeven_upfront_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf form;
    fn_val_args_init(&args, ex);
    fn_guard_init(&g, ex, &args);
    fn_guard_args(&g, "sss");
    strbuf_init(&form);
    fn_val_put_op(&form, &args, 0);
    strbuf_putc(&form, '-');
    fn_val_put_op(&form, &args, 1);
    if (!fn_val_omitted(&args, 2)) {
        strbuf_putc(&form, '-');
        fn_val_put_op(&form, &args, 2);
    }
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&form);
    fn_val_args_free(&args);
    return ok;
}

/* ---- RISKSHARE(value, inv_1, inv_2, [inv_3, ...]) ---------------------- */

enum { FN_RISKSHARE_MIN_ARGS = 3 };    /* value and two investments */

Value
fn_riskshare(FnCtx *cx, int argc, const Value *argv)
{
    ErrorCode err = fn_val_errors(cx, argc, argv, "s");
    if (err != XE_NONE)
        return value_error(err);
    if (argc < FN_RISKSHARE_MIN_ARGS)
        return value_error(XE_VALUE);
    double *x = arena_alloc(cx->scratch, (size_t)argc * sizeof *x);
    for (int i = 0; i < argc; i++) {
        /* An omitted argument is not a number (nor an investment). */
        if (argv[i].kind == VK_EMPTYARG)
            return value_error(XE_VALUE);
        err = fn_arg_number(cx, argv[i], &x[i]);
        if (err != XE_NONE)
            return value_error(err);
    }
    double sum = 0;
    for (int i = 1; i < argc; i++) {
        if (!(x[i] >= 0))
            return value_error(XE_NUM);
        sum += x[i];
    }
    if (sum == 0)
        return value_error(XE_DIV0);
    return value_number(x[0] * x[1] / sum);
}

/* value*inv1/SUM(inv1,inv2,...) (§3.13). Fewer than two investments or an
 * omitted argument has no plain form; guarded it is the #VALUE! producer.
 * Guarded: non-numeric input, a negative investment; a zero sum gives
 * #DIV/0! in the form itself. */
bool
fn_riskshare_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf form;
    fn_val_args_init(&args, ex);
    fn_guard_init(&g, ex, &args);
    for (int i = 0; i < ex->argc && i < args.n; i++) {
        if (fn_val_omitted(&args, i)) {
            g.value_error = true;
            g.omitted = true;
        }
        fn_guard_scalar(&g, i);
        if (i > 0)
            fn_guard_scalar_cmp(&g, FN_GUARD_NUM, i, "<", 0);
    }
    if (ex->argc < FN_RISKSHARE_MIN_ARGS) {
        g.value_error = true;
        g.omitted = true;
    }
    strbuf_init(&form);
    fn_val_put_op(&form, &args, 0);
    strbuf_putc(&form, '*');
    fn_val_put_op(&form, &args, 1);
    strbuf_puts(&form, "/SUM(");
    for (int i = 1; i < ex->argc && i < args.n; i++) {
        if (i > 1)
            strbuf_putc(&form, ',');
        fn_val_put(&form, &args, i);
    }
    strbuf_putc(&form, ')');
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&form);
    fn_val_args_free(&args);
    return ok;
}

/* ---- FAIL_NPV(rate, cashflows, times, fail_time) ----------------------- */

Value
fn_fail_npv(FnCtx *cx, int argc, const Value *argv)
{
    double rate;
    double fail_time;
    FnVec cf;
    FnVec t;
    ErrorCode err = fn_val_errors(cx, argc, argv, "svvs");
    if (err == XE_NONE)
        err = fn_val_scalar_load(cx, argv[0], 0, &rate);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[1], &cf);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[2], &t);
    if (err == XE_NONE)
        err = fn_val_scalar_load(cx, argv[3], 0, &fail_time);
    if (err != XE_NONE)
        return value_error(err);
    if (!fn_val_same_shape(&cf, &t))
        return value_error(XE_VALUE);
    if (rate <= -1 || !fn_val_times_ok(&t, 0) || !(fail_time >= 0))
        return value_error(XE_NUM);
    /* A flow dated exactly at fail_time is the success-contingent one. */
    double s = 0;
    for (uint32_t i = 0; i < cf.n; i++)
        if (t.x[i] < fail_time)
            s += cf.x[i] * pow(1.0 + rate, -t.x[i]);
    return value_number(s);
}

/* SUMPRODUCT(CF,--(T<tf),(1+rate)^(-T)) (§3.14, checked in LibreOffice).
 * Guarded: text, shapes, rate <= -1, a t < 0, fail_time < 0. */
bool
fn_fail_npv_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf form;
    FnValShape cf = fn_val_shape(ex, 1);
    FnValShape t = fn_val_shape(ex, 2);
    fn_val_args_init(&args, ex);
    fn_guard_init(&g, ex, &args);
    fn_guard_args(&g, "svvs");
    g.value_error |= !fn_val_shape_compatible(cf, t);
    fn_guard_scalar_cmp(&g, FN_GUARD_NUM, 0, "<=", -1);
    fn_guard_vec_negative(&g, FN_GUARD_NUM, 2);
    fn_guard_scalar_cmp(&g, FN_GUARD_NUM, 3, "<", 0);

    strbuf_init(&form);
    strbuf_puts(&form, "SUMPRODUCT(");
    fn_val_put(&form, &args, 1);
    strbuf_puts(&form, ",--(");
    fn_val_put_op(&form, &args, 2);
    strbuf_putc(&form, '<');
    fn_val_put_op(&form, &args, 3);
    strbuf_puts(&form, "),");
    fn_val_put_discount_head(&form, &args, 0);
    fn_val_put_op(&form, &args, 2);
    strbuf_puts(&form, "))");
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&form);
    fn_val_args_free(&args);
    return ok;
}
