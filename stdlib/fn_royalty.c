/*
 * fn_royalty: royalty terms (stdlib module), as /work/shared/DOMAIN.md
 * specifies them: ROYALTY (§3.7), ROYALTY_PV (§3.8), ANTISTACK (§3.9),
 * RULE25 (§3.10) and EQUIV_ROYALTY (§3.11), with their Excel forms.
 *
 * Tiers: thresholds are lower bounds, >= 0 and strictly ascending; rates
 * in [0,1], one per threshold. Mode 0 is marginal (tax brackets), mode 1
 * "cliff" (the highest tier reached applies to all sales). C5's
 * same-length-and-orientation rule applies within each group of vectors
 * that go together: the per-period vectors (sales, times, probs) and the
 * tier vectors (thresholds, rates); the two groups may differ.
 */
#include "fn_impl.h"

#include <math.h>
#include <string.h>

#include "fn_val.h"

/* ---- the royalty of one period ---------------------------------------- */

/* Royalty on sales s: mode 0 sum_i (r_i - r_{i-1}) * max(0, s - t_i),
 * r_0 = 0, summed in tier order (C10); mode 1 s * r_k with k the last
 * tier whose threshold is <= s, 0 below the first. */
static double
fn_royalty_of(double s, const FnVec *th, const FnVec *r, int mode)
{
    if (mode == 1) {
        double rate = 0;
        for (uint32_t i = 0; i < th->n; i++)
            if (th->x[i] <= s)
                rate = r->x[i];
        return s * rate;
    }
    double sum = 0;
    double prev = 0;
    for (uint32_t i = 0; i < th->n; i++) {
        sum += (r->x[i] - prev) * fmax(0, s - th->x[i]);
        prev = r->x[i];
    }
    return sum;
}

/* Domain of the tiers and the mode: thresholds >= 0 and ascending, rates
 * in [0,1], mode exactly 0 or 1 (C7). */
static bool
fn_royalty_terms_ok(const FnVec *th, const FnVec *r, double mode)
{
    return fn_val_thresholds_ok(th) && fn_val_probs_ok(r) && (mode == 0 || mode == 1);
}

/* ---- ROYALTY(sales, thresholds, rates, [mode = 0]) --------------------- */

Value
fn_royalty(FnCtx *cx, int argc, const Value *argv)
{
    double sales;
    double mode = 0;
    FnVec th;
    FnVec r;
    ErrorCode err = fn_val_errors(cx, argc, argv, "svvs");
    if (err == XE_NONE)
        err = fn_val_scalar_load(cx, argv[0], 0, &sales);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[1], &th);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[2], &r);
    if (err == XE_NONE && argc >= 4)
        err = fn_val_scalar_load(cx, argv[3], 0, &mode);
    if (err != XE_NONE)
        return value_error(err);
    if (!fn_val_same_shape(&th, &r))
        return value_error(XE_VALUE);
    if (!(sales >= 0) || !fn_royalty_terms_ok(&th, &r, mode))
        return value_error(XE_NUM);
    return value_number(fn_royalty_of(sales, &th, &r, (int)mode));
}

/* The mode argument i at export: 0 or 1 for an omitted or literal 0/1
 * mode, 2 for another literal, -1 for an expression. */
static int
fn_royalty_export_mode(const FnValArgs *args, int i)
{
    double m;
    if (fn_val_omitted(args, i))
        return 0;
    if (!fn_val_literal(&args->a[i], &m))
        return -1;
    return m == 0 ? 0 : m == 1 ? 1 : 2;
}

/* Appends "INDEX(X,k)" for argument i. */
static void
fn_royalty_put_index(StrBuf *out, const FnValArgs *args, int i, uint32_t k)
{
    strbuf_puts(out, "INDEX(");
    fn_val_put(out, args, i);
    strbuf_printf(out, ",%lu)", (unsigned long)k);
}

/* Appends "INDEX(X,a):INDEX(X,b)" for argument i. */
static void
fn_royalty_put_slice(StrBuf *out, const FnValArgs *args, int i, uint32_t a, uint32_t b)
{
    fn_royalty_put_index(out, args, i, a);
    strbuf_putc(out, ':');
    fn_royalty_put_index(out, args, i, b);
}

/* Guards shared by ROYALTY and ROYALTY_PV: thresholds (argument th) < 0
 * or not strictly ascending, rates (argument r) outside [0,1], and a mode
 * (argument m) other than 0 or 1. n is the number of tiers. */
static void
fn_royalty_guard_terms(FnGuard *g, const FnValArgs *args, int th, int r, int m,
                       uint32_t n)
{
    fn_guard_vec_negative(g, FN_GUARD_NUM, th);
    if (n >= 2) {
        StrBuf *b = fn_guard_cond(g, FN_GUARD_NUM);
        strbuf_puts(b, "SUMPRODUCT(--(");
        fn_royalty_put_slice(b, args, th, 2, n);
        strbuf_puts(b, "<=");
        fn_royalty_put_slice(b, args, th, 1, n - 1);
        strbuf_puts(b, "))>0");
    }
    fn_guard_vec_outside(g, FN_GUARD_NUM, r, 0, 1);
    int mode = fn_royalty_export_mode(args, m);
    if (mode == 2) {
        g->always[FN_GUARD_NUM] = true;
    } else if (mode < 0) {
        StrBuf *b = fn_guard_cond(g, FN_GUARD_NUM);
        strbuf_puts(b, "AND(");
        fn_val_put_op(b, args, m);
        strbuf_puts(b, "<>0,");
        fn_val_put_op(b, args, m);
        strbuf_puts(b, "<>1)");
    }
}

/* Mode 0 (DOMAIN.md §3.7, checked in LibreOffice):
 *   SUMPRODUCT((S>TH)*(S-TH)*R)
 *   -SUMPRODUCT((S>INDEX(TH,2):INDEX(TH,n))*(S-INDEX(TH,2):INDEX(TH,n))
 *               *INDEX(R,1):INDEX(R,n-1))
 * without the second term when n = 1. */
static void
fn_royalty_put_marginal(StrBuf *out, const FnValArgs *args, uint32_t n)
{
    strbuf_puts(out, "SUMPRODUCT((");
    fn_val_put_op(out, args, 0);
    strbuf_putc(out, '>');
    fn_val_put(out, args, 1);
    strbuf_puts(out, ")*(");
    fn_val_put_op(out, args, 0);
    strbuf_putc(out, '-');
    fn_val_put(out, args, 1);
    strbuf_puts(out, ")*");
    fn_val_put(out, args, 2);
    strbuf_putc(out, ')');
    if (n < 2)
        return;
    strbuf_puts(out, "-SUMPRODUCT((");
    fn_val_put_op(out, args, 0);
    strbuf_putc(out, '>');
    fn_royalty_put_slice(out, args, 1, 2, n);
    strbuf_puts(out, ")*(");
    fn_val_put_op(out, args, 0);
    strbuf_putc(out, '-');
    fn_royalty_put_slice(out, args, 1, 2, n);
    strbuf_puts(out, ")*");
    fn_royalty_put_slice(out, args, 2, 1, n - 1);
    strbuf_putc(out, ')');
}

/* Mode 1 (§3.7, checked in LibreOffice): IF(S<INDEX(TH,1),0,S*LOOKUP(S,TH,R)). */
static void
fn_royalty_put_cliff(StrBuf *out, const FnValArgs *args)
{
    strbuf_puts(out, "IF(");
    fn_val_put_op(out, args, 0);
    strbuf_putc(out, '<');
    fn_royalty_put_index(out, args, 1, 1);
    strbuf_puts(out, ",0,");
    fn_val_put_op(out, args, 0);
    strbuf_puts(out, "*LOOKUP(");
    fn_val_put(out, args, 0);
    strbuf_putc(out, ',');
    fn_val_put(out, args, 1);
    strbuf_putc(out, ',');
    fn_val_put(out, args, 2);
    strbuf_puts(out, "))");
}

/* ROYALTY: the mode-0 or mode-1 form for an omitted or literal mode,
 * IF(mode=1,<mode 1>,<mode 0>) for an expression; thresholds and rates
 * must be references (n from their shape). A literal mode other than 0/1
 * has no plain form. Guarded: text, shapes, sales < 0, the tiers, mode. */
bool
fn_royalty_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf form;
    FnValShape th = fn_val_shape(ex, 1);
    FnValShape r = fn_val_shape(ex, 2);
    if (!th.ref || !r.ref)
        return false;
    uint32_t n = fn_val_shape_n(th);
    fn_val_args_init(&args, ex);
    int mode = fn_royalty_export_mode(&args, 3);
    if (mode == 2 && !ex->guarded) {
        fn_val_args_free(&args);
        return false;
    }
    fn_guard_init(&g, ex, &args);
    fn_guard_args(&g, "svvs");
    g.value_error |= !fn_val_shape_compatible(th, r);
    fn_guard_scalar_cmp(&g, FN_GUARD_NUM, 0, "<", 0);
    fn_royalty_guard_terms(&g, &args, 1, 2, 3, n);

    strbuf_init(&form);
    if (mode == 1) {
        fn_royalty_put_cliff(&form, &args);
    } else if (mode < 0) {
        strbuf_puts(&form, "IF(");
        fn_val_put_op(&form, &args, 3);
        strbuf_puts(&form, "=1,");
        fn_royalty_put_cliff(&form, &args);
        strbuf_putc(&form, ',');
        fn_royalty_put_marginal(&form, &args, n);
        strbuf_putc(&form, ')');
    } else {
        fn_royalty_put_marginal(&form, &args, n);
    }
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&form);
    fn_val_args_free(&args);
    return ok;
}

/* ---- ROYALTY_PV(rate, sales, times, probs, thresholds, rates, [mode]) -- */

Value
fn_royalty_pv(FnCtx *cx, int argc, const Value *argv)
{
    double rate;
    double mode = 0;
    FnVec s;
    FnVec t;
    FnVec p;
    FnVec th;
    FnVec r;
    ErrorCode err = fn_val_errors(cx, argc, argv, "svvvvvs");
    if (err == XE_NONE)
        err = fn_val_scalar_load(cx, argv[0], 0, &rate);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[1], &s);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[2], &t);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[3], &p);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[4], &th);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[5], &r);
    if (err == XE_NONE && argc >= 7)
        err = fn_val_scalar_load(cx, argv[6], 0, &mode);
    if (err != XE_NONE)
        return value_error(err);
    /* probs is normally the scalar LOA: one value for every period. */
    bool p_scalar = fn_val_is_scalar_for(&p, &s);
    if (!fn_val_same_shape(&s, &t) || (!p_scalar && !fn_val_same_shape(&s, &p)) ||
        !fn_val_same_shape(&th, &r))
        return value_error(XE_VALUE);
    if (rate <= -1 || !fn_val_all_within(&s, 0, INFINITY) || !fn_val_times_ok(&t, 0) ||
        !fn_val_probs_ok(&p) || !fn_royalty_terms_ok(&th, &r, mode))
        return value_error(XE_NUM);
    double sum = 0;
    for (uint32_t i = 0; i < s.n; i++) {
        double y = fn_royalty_of(s.x[i], &th, &r, (int)mode);
        sum += y * p.x[p_scalar ? 0 : i] * pow(1.0 + rate, -t.x[i]);
    }
    return value_number(sum);
}

/* Appends ",P,(1+rate)^(-T))" or ",(1+rate)^(-T))" with a scalar p: the
 * tail of one SUMPRODUCT term of ROYALTY_PV. */
static void
fn_royalty_pv_put_tail(StrBuf *out, const FnValArgs *args, bool p_scalar)
{
    strbuf_putc(out, ',');
    if (!p_scalar) {
        fn_val_put(out, args, 3);
        strbuf_putc(out, ',');
    }
    fn_val_put_discount_head(out, args, 0);
    fn_val_put_op(out, args, 2);
    strbuf_puts(out, "))");
}

/* Appends the unrolled ROYALTY_PV sum for one mode (0 marginal, 1 cliff):
 * one SUMPRODUCT per tier over the sales periods, p applied inside each
 * (or once outside when it is a scalar). */
static void
fn_royalty_pv_put_sum(StrBuf *form, const FnValArgs *args, int mode, uint32_t n,
                      bool p_scalar)
{
    if (p_scalar) {
        fn_val_put_op(form, args, 3);
        strbuf_puts(form, "*(");
    }
    for (uint32_t i = 1; i <= n; i++) {
        if (i > 1)
            strbuf_putc(form, '+');
        if (mode == 1) {
            fn_royalty_put_index(form, args, 5, i);
            strbuf_puts(form, "*SUMPRODUCT((");
            fn_val_put_op(form, args, 1);
            strbuf_puts(form, ">=");
            fn_royalty_put_index(form, args, 4, i);
            strbuf_putc(form, ')');
            if (i < n) {
                strbuf_puts(form, "*(");
                fn_val_put_op(form, args, 1);
                strbuf_putc(form, '<');
                fn_royalty_put_index(form, args, 4, i + 1);
                strbuf_putc(form, ')');
            }
            strbuf_putc(form, '*');
            fn_val_put_op(form, args, 1);
        } else {
            if (i == 1) {
                fn_royalty_put_index(form, args, 5, 1);
            } else {
                strbuf_putc(form, '(');
                fn_royalty_put_index(form, args, 5, i);
                strbuf_putc(form, '-');
                fn_royalty_put_index(form, args, 5, i - 1);
                strbuf_putc(form, ')');
            }
            strbuf_puts(form, "*SUMPRODUCT((");
            fn_val_put_op(form, args, 1);
            strbuf_putc(form, '>');
            fn_royalty_put_index(form, args, 4, i);
            strbuf_puts(form, ")*(");
            fn_val_put_op(form, args, 1);
            strbuf_putc(form, '-');
            fn_royalty_put_index(form, args, 4, i);
            strbuf_putc(form, ')');
        }
        fn_royalty_pv_put_tail(form, args, p_scalar);
    }
    if (p_scalar)
        strbuf_putc(form, ')');
}

/* ROYALTY_PV in one cell, the tiers unrolled (their count n is known from
 * the reference), t_i = INDEX(TH,i), r_i = INDEX(R,i):
 *   mode 0: sum_i (r_i - r_{i-1})
 *               * SUMPRODUCT((S>t_i)*(S-t_i),P,(1+rate)^(-T)), r_0 = 0;
 *   mode 1: sum_i r_i * SUMPRODUCT((S>=t_i)*(S<t_{i+1})*S,P,(1+rate)^(-T)),
 *           the last tier without its upper bound.
 * A scalar p multiplies the whole sum: p*(...). A mode held in a cell
 * gives IF(mode=1, cliff form, marginal form). Guarded: text, shapes, and
 * every #NUM! rule. */
bool
fn_royalty_pv_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf form;
    FnValShape s = fn_val_shape(ex, 1);
    FnValShape t = fn_val_shape(ex, 2);
    FnValShape p = fn_val_shape(ex, 3);
    FnValShape th = fn_val_shape(ex, 4);
    FnValShape r = fn_val_shape(ex, 5);
    if (!th.ref || !r.ref)
        return false;
    uint32_t n = fn_val_shape_n(th);
    fn_val_args_init(&args, ex);
    int mode = fn_royalty_export_mode(&args, 6);
    if (mode == 2 && !ex->guarded) {
        fn_val_args_free(&args);
        return false;
    }
    bool s_one = s.ref && s.rows == 1 && s.cols == 1;
    bool p_scalar = !p.ref || (p.rows == 1 && p.cols == 1 && !s_one);
    fn_guard_init(&g, ex, &args);
    fn_guard_args(&g, "svvpvvs");
    g.value_error |= !fn_val_shape_compatible(s, t) ||
                     (!p_scalar && !fn_val_shape_compatible(s, p)) ||
                     !fn_val_shape_compatible(th, r);
    fn_guard_scalar_cmp(&g, FN_GUARD_NUM, 0, "<=", -1);
    fn_guard_vec_negative(&g, FN_GUARD_NUM, 1);
    fn_guard_vec_negative(&g, FN_GUARD_NUM, 2);
    if (p_scalar)
        fn_guard_scalar_outside(&g, FN_GUARD_NUM, 3, 0, 1);
    else
        fn_guard_vec_outside(&g, FN_GUARD_NUM, 3, 0, 1);
    fn_royalty_guard_terms(&g, &args, 4, 5, 6, n);

    strbuf_init(&form);
    if (mode < 0) {
        /* The mode is a cell: both forms, chosen in the workbook. */
        strbuf_puts(&form, "IF(");
        fn_val_put_op(&form, &args, 6);
        strbuf_puts(&form, "=1,");
        fn_royalty_pv_put_sum(&form, &args, 1, n, p_scalar);
        strbuf_putc(&form, ',');
        fn_royalty_pv_put_sum(&form, &args, 0, n, p_scalar);
        strbuf_putc(&form, ')');
    } else {
        fn_royalty_pv_put_sum(&form, &args, mode, n, p_scalar);
    }
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&form);
    fn_val_args_free(&args);
    return ok;
}

/* ---- ANTISTACK(royalty, third_party, offset, floor) -------------------- */

Value
fn_antistack(FnCtx *cx, int argc, const Value *argv)
{
    double x[4];
    ErrorCode err = fn_val_errors(cx, argc, argv, "s");
    for (int i = 0; err == XE_NONE && i < 4; i++)
        err = fn_val_scalar_load(cx, argv[i], 0, &x[i]);
    if (err != XE_NONE)
        return value_error(err);
    double roy = x[0];
    double third = x[1];
    double offset = x[2];
    double floor_share = x[3];
    if (!(roy >= 0) || !(third >= 0) || !(offset >= 0 && offset <= 1) ||
        !(floor_share >= 0 && floor_share <= 1))
        return value_error(XE_NUM);
    double credited = roy - offset * third;
    double floor_amount = floor_share * roy;
    return value_number(credited > floor_amount ? credited : floor_amount);
}

/* MAX(roy-offset*tp,floor*roy) (§3.9, checked in LibreOffice). Guarded:
 * non-numeric input, a negative royalty or third-party amount, offset or
 * floor outside [0,1]. */
bool
fn_antistack_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf form;
    fn_val_args_init(&args, ex);
    fn_guard_init(&g, ex, &args);
    fn_guard_args(&g, "ssss");
    fn_guard_scalar_cmp(&g, FN_GUARD_NUM, 0, "<", 0);
    fn_guard_scalar_cmp(&g, FN_GUARD_NUM, 1, "<", 0);
    fn_guard_scalar_outside(&g, FN_GUARD_NUM, 2, 0, 1);
    fn_guard_scalar_outside(&g, FN_GUARD_NUM, 3, 0, 1);

    strbuf_init(&form);
    strbuf_puts(&form, "MAX(");
    fn_val_put_op(&form, &args, 0);
    strbuf_putc(&form, '-');
    fn_val_put_op(&form, &args, 2);
    strbuf_putc(&form, '*');
    fn_val_put_op(&form, &args, 1);
    strbuf_putc(&form, ',');
    fn_val_put_op(&form, &args, 3);
    strbuf_putc(&form, '*');
    fn_val_put_op(&form, &args, 0);
    strbuf_putc(&form, ')');
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&form);
    fn_val_args_free(&args);
    return ok;
}

/* ---- RULE25(profit, [split = 0.25]) ------------------------------------ */

enum { FN_RULE25_PERCENT = 25 };

Value
fn_rule25(FnCtx *cx, int argc, const Value *argv)
{
    double profit;
    double split = FN_RULE25_PERCENT / 100.0;
    ErrorCode err = fn_val_errors(cx, argc, argv, "s");
    if (err == XE_NONE)
        err = fn_val_scalar_load(cx, argv[0], 0, &profit);
    if (err == XE_NONE && argc >= 2)
        err = fn_val_scalar_load(cx, argv[1], split, &split);
    if (err != XE_NONE)
        return value_error(err);
    if (!(profit >= 0) || !(split >= 0 && split <= 1))
        return value_error(XE_NUM);
    return value_number(split * profit);
}

/* split*profit, 0.25*profit without split (§3.10). Guarded: non-numeric
 * input, profit < 0, split outside [0,1]. */
bool
fn_rule25_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf form;
    fn_val_args_init(&args, ex);
    fn_guard_init(&g, ex, &args);
    fn_guard_args(&g, "ss");
    fn_guard_scalar_cmp(&g, FN_GUARD_NUM, 0, "<", 0);
    fn_guard_scalar_outside(&g, FN_GUARD_NUM, 1, 0, 1);

    strbuf_init(&form);
    if (fn_val_omitted(&args, 1))
        strbuf_puts(&form, "0.25");
    else
        fn_val_put_op(&form, &args, 1);
    strbuf_putc(&form, '*');
    fn_val_put_op(&form, &args, 0);
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&form);
    fn_val_args_free(&args);
    return ok;
}

/* ---- EQUIV_ROYALTY(target, rate, sales, times, probs) ------------------ */

Value
fn_equiv_royalty(FnCtx *cx, int argc, const Value *argv)
{
    double target;
    double rate;
    FnVec s;
    FnVec t;
    FnVec p;
    ErrorCode err = fn_val_errors(cx, argc, argv, "ssvvv");
    if (err == XE_NONE)
        err = fn_val_scalar_load(cx, argv[0], 0, &target);
    if (err == XE_NONE)
        err = fn_val_scalar_load(cx, argv[1], 0, &rate);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[2], &s);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[3], &t);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[4], &p);
    if (err != XE_NONE)
        return value_error(err);
    bool p_scalar = fn_val_is_scalar_for(&p, &s);
    if (!fn_val_same_shape(&s, &t) || (!p_scalar && !fn_val_same_shape(&s, &p)))
        return value_error(XE_VALUE);
    if (!(target >= 0) || rate <= -1 || !fn_val_all_within(&s, 0, INFINITY) ||
        !fn_val_times_ok(&t, 0) || !fn_val_probs_ok(&p))
        return value_error(XE_NUM);
    double den = 0;
    for (uint32_t i = 0; i < s.n; i++)
        den += s.x[i] * p.x[p_scalar ? 0 : i] * pow(1.0 + rate, -t.x[i]);
    if (den == 0)
        return value_error(XE_DIV0);
    /* More than 100% of sales is #NUM!; it exists only once den != 0. */
    double flat = target / den;
    if (flat > 1)
        return value_error(XE_NUM);
    return value_number(flat);
}

/* target/SUMPRODUCT(S,P,(1+rate)^(-T)) (§3.11, checked in LibreOffice), or
 * target/(p*SUMPRODUCT(S,(1+rate)^(-T))) with a scalar p. Guarded: text,
 * shapes, the input rules; then IF(F>1,SQRT(-1),F) on the form F, whose
 * zero denominator gives #DIV/0! first, as in the engine. */
bool
fn_equiv_royalty_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf f;
    StrBuf form;
    FnValShape s = fn_val_shape(ex, 2);
    FnValShape t = fn_val_shape(ex, 3);
    FnValShape p = fn_val_shape(ex, 4);
    fn_val_args_init(&args, ex);
    bool s_one = s.ref && s.rows == 1 && s.cols == 1;
    bool p_scalar = !p.ref || (p.rows == 1 && p.cols == 1 && !s_one);
    fn_guard_init(&g, ex, &args);
    fn_guard_args(&g, "ssvvp");
    g.value_error |= !fn_val_shape_compatible(s, t) ||
                     (!p_scalar && !fn_val_shape_compatible(s, p));
    fn_guard_scalar_cmp(&g, FN_GUARD_NUM, 0, "<", 0);
    fn_guard_vec_negative(&g, FN_GUARD_NUM, 2);
    fn_guard_vec_negative(&g, FN_GUARD_NUM, 3);
    fn_guard_scalar_cmp(&g, FN_GUARD_NUM, 1, "<=", -1);
    if (p_scalar)
        fn_guard_scalar_outside(&g, FN_GUARD_NUM, 4, 0, 1);
    else
        fn_guard_vec_outside(&g, FN_GUARD_NUM, 4, 0, 1);

    strbuf_init(&f);
    fn_val_put_op(&f, &args, 0);
    strbuf_putc(&f, '/');
    if (p_scalar) {
        strbuf_putc(&f, '(');
        fn_val_put_op(&f, &args, 4);
        strbuf_puts(&f, "*SUMPRODUCT(");
        fn_val_put(&f, &args, 2);
    } else {
        strbuf_puts(&f, "SUMPRODUCT(");
        fn_val_put(&f, &args, 2);
        strbuf_putc(&f, ',');
        fn_val_put(&f, &args, 4);
    }
    strbuf_putc(&f, ',');
    fn_val_put_discount_head(&f, &args, 1);
    fn_val_put_op(&f, &args, 3);
    strbuf_puts(&f, "))");
    if (p_scalar)
        strbuf_putc(&f, ')');
    strbuf_init(&form);
    if (ex->guarded)
        strbuf_printf(&form, "IF(%s>1,SQRT(-1),%s)", f.data, f.data);
    else
        strbuf_add(&form, f.data, f.len);
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&f);
    strbuf_free(&form);
    fn_val_args_free(&args);
    return ok;
}
