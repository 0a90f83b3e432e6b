/*
 * fn_val: valuation functions (stdlib module) that Excel lacks, exactly as
 * /work/shared/DOMAIN.md specifies them: CUMPROB (§3.4), RNPV (§3.5) and
 * MILESTONE_PV (§3.6), with the shared conventions C1-C10, and their export
 * callbacks writing the legacy-Excel form of each call.
 *
 * Every function checks its arguments in three passes so the first failing
 * rule of C8 wins regardless of argument order:
 *   1. any incoming error value (argument order, then row-major);
 *   2. #VALUE!: type, shape, emptiness (C5, C6);
 *   3. #NUM!: domain.
 * Vectors are 1-D; blanks inside them count as 0, text and booleans are
 * #VALUE! (C6). Integer positions must be exact (C7). Sums run left to right
 * with pow(1.0 + rate, -t) (C10).
 */
#include "fn_impl.h"

#include <math.h>

/* ---- argument passes ------------------------------------------------- */

/* A loaded vector argument. */
typedef struct FnVec {
    const double *x;    /* n values in row-major order, in cx->scratch */
    uint32_t n;
    int orient;         /* FN_VEC_ONE, FN_VEC_COL or FN_VEC_ROW */
} FnVec;

enum { FN_VEC_ONE, FN_VEC_COL, FN_VEC_ROW };

static bool
fn_val_is_multi(Value a)
{
    return (a.kind == VK_RANGE || a.kind == VK_ARRAY) &&
           (fn_value_rows(a) > 1 || fn_value_cols(a) > 1);
}

/* Pass 1 for a vector argument: its first error value, row-major. */
static ErrorCode
fn_val_vec_error(FnCtx *cx, Value a)
{
    RangeIter it;
    Value e;
    if (a.kind == VK_ERROR)
        return (ErrorCode)a.err;
    if (a.kind != VK_RANGE && a.kind != VK_ARRAY)
        return XE_NONE;
    fn_iter_init(&it, cx, a);
    while (fn_iter_next(&it, &e))
        if (e.kind == VK_ERROR)
            return (ErrorCode)e.err;
    return XE_NONE;
}

/* Pass 1 for a scalar argument. A multi-cell reference is intersected in
 * pass 2 (a failed intersection is a shape error, not an incoming one). */
static ErrorCode
fn_val_scalar_error(FnCtx *cx, Value a)
{
    if (fn_val_is_multi(a))
        return XE_NONE;
    Value s = fn_scalar(cx, a);
    return s.kind == VK_ERROR ? (ErrorCode)s.err : XE_NONE;
}

/* Pass 2 for a vector argument: loads it into v. #VALUE! for an omitted
 * argument, a block of more than one row and column, or text or a boolean
 * inside a reference or array; a blank counts as 0. A direct scalar is a
 * one-element vector coerced as operators do. */
static ErrorCode
fn_val_vec_load(FnCtx *cx, Value a, FnVec *v)
{
    if (a.kind == VK_EMPTYARG)
        return XE_VALUE;
    if (a.kind != VK_RANGE && a.kind != VK_ARRAY) {
        double *x = arena_alloc(cx->scratch, sizeof *x);
        ErrorCode err = XE_NONE;
        if (!value_to_number(a, x, &err))
            return err;
        v->x = x;
        v->n = 1;
        v->orient = FN_VEC_ONE;
        return XE_NONE;
    }
    uint32_t rows = fn_value_rows(a);
    uint32_t cols = fn_value_cols(a);
    if (rows == 0 || cols == 0 || (rows > 1 && cols > 1))
        return XE_VALUE;
    double *x = arena_alloc(cx->scratch, (size_t)rows * cols * sizeof *x);
    RangeIter it;
    Value e;
    uint32_t i = 0;
    fn_iter_init(&it, cx, a);
    while (fn_iter_next(&it, &e)) {
        if (e.kind == VK_NUMBER)
            x[i++] = e.u.num;
        else if (e.kind == VK_EMPTY)
            x[i++] = 0;
        else if (e.kind == VK_ERROR)
            return (ErrorCode)e.err;
        else
            return XE_VALUE;
    }
    v->x = x;
    v->n = rows * cols;
    v->orient = v->n == 1 ? FN_VEC_ONE : (cols == 1 ? FN_VEC_COL : FN_VEC_ROW);
    return XE_NONE;
}

/* Same length and orientation (C5); single cells match only each other. */
static bool
fn_val_same_shape(const FnVec *a, const FnVec *b)
{
    return a->n == b->n && a->orient == b->orient;
}

/* Pass 2 for a scalar argument; an omitted one (VK_EMPTYARG) gets dflt. */
static ErrorCode
fn_val_scalar_load(FnCtx *cx, Value a, double dflt, double *out)
{
    if (a.kind == VK_EMPTYARG) {
        *out = dflt;
        return XE_NONE;
    }
    return fn_arg_number(cx, a, out);
}

static bool
fn_val_probs_ok(const FnVec *p)
{
    for (uint32_t i = 0; i < p->n; i++)
        if (!(p->x[i] >= 0 && p->x[i] <= 1))
            return false;
    return true;
}

static bool
fn_val_times_ok(const FnVec *t, double shift)
{
    for (uint32_t i = 0; i < t->n; i++)
        if (!(t->x[i] >= 0 && t->x[i] + shift >= 0))
            return false;
    return true;
}

/* An integer position in 1..n (C7). */
static bool
fn_val_position_ok(double k, uint32_t n)
{
    return k == floor(k) && k >= 1 && k <= (double)n;
}

/* ---- CUMPROB(probs, [from = 1], [to = n]) ------------------------------ */

Value
fn_cumprob(FnCtx *cx, int argc, const Value *argv)
{
    FnVec p;
    double from;
    double to;
    ErrorCode err = fn_val_vec_error(cx, argv[0]);
    for (int i = 1; err == XE_NONE && i < argc; i++)
        err = fn_val_scalar_error(cx, argv[i]);
    if (err != XE_NONE)
        return value_error(err);
    err = fn_val_vec_load(cx, argv[0], &p);
    if (err == XE_NONE && argc >= 2)
        err = fn_val_scalar_load(cx, argv[1], 1, &from);
    if (err == XE_NONE && argc >= 3)
        err = fn_val_scalar_load(cx, argv[2], (double)p.n, &to);
    if (err != XE_NONE)
        return value_error(err);
    if (argc < 2)
        from = 1;
    if (argc < 3)
        to = (double)p.n;
    if (!fn_val_probs_ok(&p) || !fn_val_position_ok(from, p.n) ||
        !fn_val_position_ok(to, p.n))
        return value_error(XE_NUM);
    double prod = 1;
    for (uint32_t i = (uint32_t)from; i <= (uint32_t)to; i++)
        prod *= p.x[i - 1];
    return value_number(prod);
}

/* ---- RNPV(rate, cashflows, probs, [times = 1..n]) ---------------------- */

Value
fn_rnpv(FnCtx *cx, int argc, const Value *argv)
{
    double rate;
    FnVec cf;
    FnVec p;
    FnVec t;
    bool has_t = argc >= 4 && argv[3].kind != VK_EMPTYARG;
    ErrorCode err = fn_val_scalar_error(cx, argv[0]);
    for (int i = 1; err == XE_NONE && i < argc; i++)
        err = fn_val_vec_error(cx, argv[i]);
    if (err != XE_NONE)
        return value_error(err);
    err = fn_val_scalar_load(cx, argv[0], 0, &rate);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[1], &cf);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[2], &p);
    if (err == XE_NONE && has_t)
        err = fn_val_vec_load(cx, argv[3], &t);
    if (err != XE_NONE)
        return value_error(err);
    /* probs is scalar or range: one value applies to every flow. */
    bool p_scalar = p.n == 1 && cf.n > 1;
    if ((!p_scalar && !fn_val_same_shape(&cf, &p)) ||
        (has_t && !fn_val_same_shape(&cf, &t)))
        return value_error(XE_VALUE);
    if (rate <= -1 || !fn_val_probs_ok(&p) ||
        (has_t && !fn_val_times_ok(&t, 0)))
        return value_error(XE_NUM);
    double s = 0;
    for (uint32_t i = 0; i < cf.n; i++) {
        double pi = p.x[p_scalar ? 0 : i];
        double ti = has_t ? t.x[i] : (double)i + 1;
        s += cf.x[i] * pi * pow(1.0 + rate, -ti);
    }
    return value_number(s);
}

/* ---- MILESTONE_PV(rate, amounts, times, trans_probs, [delay = 0]) ------ */

Value
fn_milestone_pv(FnCtx *cx, int argc, const Value *argv)
{
    double rate;
    double delay = 0;
    FnVec a;
    FnVec t;
    FnVec p;
    ErrorCode err = fn_val_scalar_error(cx, argv[0]);
    for (int i = 1; err == XE_NONE && i < 4; i++)
        err = fn_val_vec_error(cx, argv[i]);
    if (err == XE_NONE && argc >= 5)
        err = fn_val_scalar_error(cx, argv[4]);
    if (err != XE_NONE)
        return value_error(err);
    err = fn_val_scalar_load(cx, argv[0], 0, &rate);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[1], &a);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[2], &t);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[3], &p);
    if (err == XE_NONE && argc >= 5)
        err = fn_val_scalar_load(cx, argv[4], 0, &delay);
    if (err != XE_NONE)
        return value_error(err);
    if (!fn_val_same_shape(&a, &t) || !fn_val_same_shape(&a, &p))
        return value_error(XE_VALUE);
    if (rate <= -1 || !fn_val_probs_ok(&p) || !fn_val_times_ok(&t, delay))
        return value_error(XE_NUM);
    double s = 0;
    double cum = 1;
    for (uint32_t i = 0; i < a.n; i++) {
        cum *= p.x[i];
        s += a.x[i] * cum * pow(1.0 + rate, -(t.x[i] + delay));
    }
    return value_number(s);
}

/* ---- export to native Excel ------------------------------------------- */

/* Argument i's Excel text in b (empty when omitted or absent). The
 * exporter's arg() appends to ex->out, so it is pointed at b meanwhile. */
static void
fn_val_capture(FnExport *ex, int i, StrBuf *b)
{
    strbuf_init(b);
    strbuf_add(b, "", 0);
    if (i >= ex->argc)
        return;
    StrBuf *saved = ex->out;
    ex->out = b;
    ex->arg(ex, i);
    ex->out = saved;
}

/* True when text needs no parentheses as an operand of any operator: at
 * depth 0 it holds only names, references, unsigned numbers, quoted parts
 * ('Sheet 1'!, "text") and bracketed groups such as f(x) or (a+b). */
static bool
fn_val_atomic(const char *s, size_t n)
{
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"' || c == '\'') {
            for (i++; i < n && s[i] != c; i++)
                ;
            continue;
        }
        if (c == '(' || c == '{') {
            depth++;
            continue;
        }
        if (c == ')' || c == '}') {
            depth--;
            continue;
        }
        if (depth > 0)
            continue;
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                  (c >= '0' && c <= '9') || c == '_' || c == '.' ||
                  c == '$' || c == ':' || c == '!';
        if (!ok)
            return false;
    }
    return n > 0;
}

/* Appends text to out, parenthesised unless it is atomic. */
static void
fn_val_put_operand(StrBuf *out, const StrBuf *text)
{
    if (fn_val_atomic(text->data, text->len)) {
        strbuf_add(out, text->data, text->len);
        return;
    }
    strbuf_putc(out, '(');
    strbuf_add(out, text->data, text->len);
    strbuf_putc(out, ')');
}

enum { FN_VAL_MAX_ARGS = 5 };

/* The captured arguments of one call. */
typedef struct FnValArgs {
    StrBuf a[FN_VAL_MAX_ARGS];
    int n;
} FnValArgs;

static void
fn_val_args_init(FnValArgs *args, FnExport *ex)
{
    args->n = FN_VAL_MAX_ARGS;
    for (int i = 0; i < args->n; i++)
        fn_val_capture(ex, i, &args->a[i]);
}

static void
fn_val_args_free(FnValArgs *args)
{
    for (int i = 0; i < args->n; i++)
        strbuf_free(&args->a[i]);
}

static bool
fn_val_omitted(const FnValArgs *args, int i)
{
    return args->a[i].len == 0;
}

static void
fn_val_put(StrBuf *out, const FnValArgs *args, int i)
{
    strbuf_add(out, args->a[i].data, args->a[i].len);
}

/* Appends "(1+rate)^(-" to out; the caller closes with T and ")". */
static void
fn_val_put_discount_head(StrBuf *out, const FnValArgs *args, int rate)
{
    strbuf_puts(out, "(1+");
    fn_val_put_operand(out, &args->a[rate]);
    strbuf_puts(out, ")^(-");
}

/* "ROW(X)-ROW(INDEX(X,1))+1" (or COLUMN for a row range): positions 1..n. */
static void
fn_val_put_positions(StrBuf *out, const FnValArgs *args, int i, bool by_row)
{
    const char *f = by_row ? "ROW(" : "COLUMN(";
    strbuf_puts(out, f);
    fn_val_put(out, args, i);
    strbuf_puts(out, ")-");
    strbuf_puts(out, f);
    strbuf_puts(out, "INDEX(");
    fn_val_put(out, args, i);
    strbuf_puts(out, ",1))+1");
}

/* CUMPROB(P) -> PRODUCT(P); otherwise
 * IF(from>to,1,PRODUCT(INDEX(P,from):INDEX(P,to))), which needs P to be a
 * reference; to defaults to ROWS(P)*COLUMNS(P). */
bool
fn_cumprob_expand(FnExport *ex)
{
    FnValArgs args;
    uint32_t rows;
    uint32_t cols;
    StrBuf *out = ex->out;
    fn_val_args_init(&args, ex);
    bool no_from = fn_val_omitted(&args, 1);
    bool no_to = fn_val_omitted(&args, 2);
    bool ok = true;
    if (no_from && no_to) {
        strbuf_puts(out, "PRODUCT(");
        fn_val_put(out, &args, 0);
        strbuf_putc(out, ')');
    } else if (!ex->arg_shape(ex, 0, &rows, &cols)) {
        ok = false;
    } else {
        StrBuf from;
        StrBuf to;
        strbuf_init(&from);
        strbuf_init(&to);
        if (no_from) {
            strbuf_puts(&from, "1");
        } else {
            fn_val_put_operand(&from, &args.a[1]);
        }
        if (no_to) {
            strbuf_puts(&to, "ROWS(");
            fn_val_put(&to, &args, 0);
            strbuf_puts(&to, ")*COLUMNS(");
            fn_val_put(&to, &args, 0);
            strbuf_putc(&to, ')');
        } else {
            fn_val_put_operand(&to, &args.a[2]);
        }
        strbuf_printf(out, "IF(%s>%s,1,PRODUCT(INDEX(", from.data, to.data);
        fn_val_put(out, &args, 0);
        strbuf_printf(out, ",%s):INDEX(", from.data);
        fn_val_put(out, &args, 0);
        strbuf_printf(out, ",%s)))", to.data);
        strbuf_free(&from);
        strbuf_free(&to);
    }
    fn_val_args_free(&args);
    return ok;
}

/* RNPV -> SUMPRODUCT(CF,P,(1+rate)^(-T)), or p*SUMPRODUCT(CF,(1+rate)^(-T))
 * when p is not a reference or is one cell against a longer CF. Without
 * times, T is ROW(CF)-ROW(INDEX(CF,1))+1 (COLUMN for a row range), which
 * needs CF to be a reference. */
bool
fn_rnpv_expand(FnExport *ex)
{
    FnValArgs args;
    uint32_t cf_rows = 0;
    uint32_t cf_cols = 0;
    uint32_t p_rows = 0;
    uint32_t p_cols = 0;
    StrBuf *out = ex->out;
    fn_val_args_init(&args, ex);
    bool cf_ref = ex->arg_shape(ex, 1, &cf_rows, &cf_cols);
    bool p_ref = ex->arg_shape(ex, 2, &p_rows, &p_cols);
    bool no_t = fn_val_omitted(&args, 3);
    if (no_t && !cf_ref) {
        fn_val_args_free(&args);
        return false;
    }
    bool cf_one = cf_ref && cf_rows == 1 && cf_cols == 1;
    bool p_scalar = !p_ref || (p_rows == 1 && p_cols == 1 && !cf_one);
    if (p_scalar) {
        fn_val_put_operand(out, &args.a[2]);
        strbuf_puts(out, "*SUMPRODUCT(");
        fn_val_put(out, &args, 1);
    } else {
        strbuf_puts(out, "SUMPRODUCT(");
        fn_val_put(out, &args, 1);
        strbuf_putc(out, ',');
        fn_val_put(out, &args, 2);
    }
    strbuf_putc(out, ',');
    fn_val_put_discount_head(out, &args, 0);
    if (no_t) {
        strbuf_putc(out, '(');
        fn_val_put_positions(out, &args, 1, !(cf_rows == 1 && cf_cols > 1));
        strbuf_putc(out, ')');
    } else {
        fn_val_put_operand(out, &args.a[3]);
    }
    strbuf_puts(out, "))");
    fn_val_args_free(&args);
    return true;
}

/* Appends "ROW(OFFSET(INDEX(P,1),0,0,COLUMNS(P)))-ROW(INDEX(P,1))+1": the
 * positions 1..n of a row range P as a column array. */
static void
fn_val_put_column_positions(StrBuf *out, const FnValArgs *args, int i)
{
    strbuf_puts(out, "ROW(OFFSET(INDEX(");
    fn_val_put(out, args, i);
    strbuf_puts(out, ",1),0,0,COLUMNS(");
    fn_val_put(out, args, i);
    strbuf_puts(out, ")))-ROW(INDEX(");
    fn_val_put(out, args, i);
    strbuf_puts(out, ",1))+1");
}

/* Appends "(1+rate)^(-T)" or "(1+rate)^(-(T+delay))". */
static void
fn_val_put_milestone_discount(StrBuf *out, const FnValArgs *args)
{
    fn_val_put_discount_head(out, args, 0);
    if (fn_val_omitted(args, 4)) {
        fn_val_put_operand(out, &args->a[2]);
    } else {
        strbuf_putc(out, '(');
        fn_val_put_operand(out, &args->a[2]);
        strbuf_putc(out, '+');
        fn_val_put_operand(out, &args->a[4]);
        strbuf_putc(out, ')');
    }
    strbuf_putc(out, ')');
}

/* MILESTONE_PV, column ranges (DOMAIN.md §3.6, checked in LibreOffice):
 *   SUMPRODUCT(A,(1+rate)^(-(T+delay)),
 *              SUBTOTAL(6,OFFSET(INDEX(P,1),0,0,ROW(P)-ROW(INDEX(P,1))+1)))
 * SUBTOTAL(6, ...) over the growing prefixes of P is the running product.
 * For a row range the same SUBTOTAL with widths COLUMN(P)-...+1 is not
 * portable: LibreOffice returns its result as a column whatever the shape
 * of the widths, so SUMPRODUCT sees mismatched dimensions (#VALUE!, checked).
 * The row form therefore passes the widths as a column array K = 1..n and
 * keeps the diagonal of the outer product, which is right for either result
 * orientation (checked in LibreOffice):
 *   SUMPRODUCT(A*(1+rate)^(-T)*SUBTOTAL(6,OFFSET(INDEX(P,1),0,0,1,K))
 *              *(K=COLUMN(P)-COLUMN(INDEX(P,1))+1))
 * P must be a reference. */
bool
fn_milestone_pv_expand(FnExport *ex)
{
    FnValArgs args;
    uint32_t rows;
    uint32_t cols;
    StrBuf *out = ex->out;
    if (!ex->arg_shape(ex, 3, &rows, &cols))
        return false;
    fn_val_args_init(&args, ex);
    if (!(rows == 1 && cols > 1)) {
        strbuf_puts(out, "SUMPRODUCT(");
        fn_val_put(out, &args, 1);
        strbuf_putc(out, ',');
        fn_val_put_milestone_discount(out, &args);
        strbuf_puts(out, ",SUBTOTAL(6,OFFSET(INDEX(");
        fn_val_put(out, &args, 3);
        strbuf_puts(out, ",1),0,0,");
        fn_val_put_positions(out, &args, 3, true);
        strbuf_puts(out, ")))");
    } else {
        strbuf_puts(out, "SUMPRODUCT(");
        fn_val_put_operand(out, &args.a[1]);
        strbuf_putc(out, '*');
        fn_val_put_milestone_discount(out, &args);
        strbuf_puts(out, "*SUBTOTAL(6,OFFSET(INDEX(");
        fn_val_put(out, &args, 3);
        strbuf_puts(out, ",1),0,0,1,");
        fn_val_put_column_positions(out, &args, 3);
        strbuf_puts(out, "))*(");
        fn_val_put_column_positions(out, &args, 3);
        strbuf_putc(out, '=');
        fn_val_put_positions(out, &args, 3, false);
        strbuf_puts(out, "))");
    }
    fn_val_args_free(&args);
    return true;
}
