/*
 * fn_val: valuation functions (stdlib module) that Excel lacks, exactly as
 * /work/shared/DOMAIN.md specifies them: CUMPROB (§3.4), RNPV (§3.5) and
 * MILESTONE_PV (§3.6), with the shared conventions C1-C10, and their export
 * callbacks writing the legacy-Excel form of each call. Also home of the
 * helpers every valuation family shares (fn_val.h): the argument passes,
 * the domain checks and the guarded-export builder.
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
#include "fn_val.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fn_impl.h"

/* ---- argument passes ------------------------------------------------- */

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

ErrorCode
fn_val_errors(FnCtx *cx, int argc, const Value *argv, const char *kinds)
{
    size_t nk = strlen(kinds);
    for (int i = 0; i < argc; i++) {
        char k = kinds[(size_t)i < nk ? (size_t)i : nk - 1];
        ErrorCode err = k == 'v' ? fn_val_vec_error(cx, argv[i])
                                 : fn_val_scalar_error(cx, argv[i]);
        if (err != XE_NONE)
            return err;
    }
    return XE_NONE;
}

ErrorCode
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

bool
fn_val_same_shape(const FnVec *a, const FnVec *b)
{
    return a->n == b->n && a->orient == b->orient;
}

bool
fn_val_is_scalar_for(const FnVec *p, const FnVec *v)
{
    return p->n == 1 && v->n > 1;
}

ErrorCode
fn_val_scalar_load(FnCtx *cx, Value a, double dflt, double *out)
{
    if (a.kind == VK_EMPTYARG) {
        *out = dflt;
        return XE_NONE;
    }
    return fn_arg_number(cx, a, out);
}

bool
fn_val_all_within(const FnVec *v, double lo, double hi)
{
    for (uint32_t i = 0; i < v->n; i++)
        if (!(v->x[i] >= lo && v->x[i] <= hi))
            return false;
    return true;
}

bool
fn_val_probs_ok(const FnVec *p)
{
    return fn_val_all_within(p, 0, 1);
}

bool
fn_val_times_ok(const FnVec *t, double shift)
{
    for (uint32_t i = 0; i < t->n; i++)
        if (!(t->x[i] >= 0 && t->x[i] + shift >= 0))
            return false;
    return true;
}

bool
fn_val_position_ok(double k, uint32_t n)
{
    return k == floor(k) && k >= 1 && k <= (double)n;
}

bool
fn_val_thresholds_ok(const FnVec *th)
{
    for (uint32_t i = 0; i < th->n; i++)
        if (!(th->x[i] >= 0) || (i > 0 && !(th->x[i] > th->x[i - 1])))
            return false;
    return true;
}

/* ---- CUMPROB(probs, [from = 1], [to = n]) ------------------------------ */

Value
fn_cumprob(FnCtx *cx, int argc, const Value *argv)
{
    FnVec p;
    double from = 1;
    double to;
    ErrorCode err = fn_val_errors(cx, argc, argv, "vs");
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[0], &p);
    if (err == XE_NONE && argc >= 2)
        err = fn_val_scalar_load(cx, argv[1], 1, &from);
    if (err != XE_NONE)
        return value_error(err);
    to = (double)p.n;
    if (argc >= 3)
        err = fn_val_scalar_load(cx, argv[2], (double)p.n, &to);
    if (err != XE_NONE)
        return value_error(err);
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
    ErrorCode err = fn_val_errors(cx, argc, argv, "svvv");
    if (err == XE_NONE)
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
    bool p_scalar = fn_val_is_scalar_for(&p, &cf);
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
    ErrorCode err = fn_val_errors(cx, argc, argv, "svvvs");
    if (err == XE_NONE)
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

/* ---- export helpers ---------------------------------------------------- */

void
fn_val_capture(FnExport *ex, int i, StrBuf *b)
{
    strbuf_init(b);
    strbuf_add(b, "", 0);
    if (i >= ex->argc)
        return;
    /* The exporter's arg() appends to ex->out: point it at b meanwhile. */
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

void
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

void
fn_val_args_init(FnValArgs *args, FnExport *ex)
{
    args->n = ex->argc > FN_VAL_MIN_ARGS ? ex->argc : FN_VAL_MIN_ARGS;
    if (args->n > FN_MANY)
        args->n = FN_MANY;
    for (int i = 0; i < args->n; i++)
        fn_val_capture(ex, i, &args->a[i]);
}

void
fn_val_args_free(FnValArgs *args)
{
    for (int i = 0; i < args->n; i++)
        strbuf_free(&args->a[i]);
}

bool
fn_val_omitted(const FnValArgs *args, int i)
{
    return args->a[i].len == 0;
}

bool
fn_val_literal(const StrBuf *text, double *x)
{
    const char *s = text->data;
    size_t n = text->len;
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= '0' && c <= '9') || c == '.' || c == 'E' ||
                  c == 'e' || c == '+' || c == '-';
        if (!ok)
            return false;
    }
    char *end;
    *x = strtod(s, &end);
    return end == s + n;
}

void
fn_val_put(StrBuf *out, const FnValArgs *args, int i)
{
    strbuf_add(out, args->a[i].data, args->a[i].len);
}

void
fn_val_put_op(StrBuf *out, const FnValArgs *args, int i)
{
    fn_val_put_operand(out, &args->a[i]);
}

void
fn_val_put_discount_head(StrBuf *out, const FnValArgs *args, int rate)
{
    strbuf_puts(out, "(1+");
    fn_val_put_op(out, args, rate);
    strbuf_puts(out, ")^(-");
}

FnValShape
fn_val_shape(FnExport *ex, int i)
{
    FnValShape s = {false, 0, 0};
    s.ref = ex->arg_shape(ex, i, &s.rows, &s.cols);
    return s;
}

uint32_t
fn_val_shape_n(FnValShape s)
{
    return s.rows * s.cols;
}

bool
fn_val_shape_1d(FnValShape s)
{
    return !s.ref || s.rows == 1 || s.cols == 1;
}

bool
fn_val_shape_compatible(FnValShape a, FnValShape b)
{
    if (!fn_val_shape_1d(a) || !fn_val_shape_1d(b))
        return false;
    if (!a.ref || !b.ref)
        return true;
    /* One cell matches only one cell; otherwise same length and direction. */
    return a.rows == b.rows && a.cols == b.cols;
}

/* ---- guarded export ---------------------------------------------------- */

void
fn_guard_init(FnGuard *g, FnExport *ex, const FnValArgs *args)
{
    g->ex = ex;
    g->args = args;
    strbuf_init(&g->errs);
    strbuf_init(&g->types);
    for (int l = 0; l < FN_GUARD_LEVELS; l++) {
        strbuf_init(&g->cond[l]);
        g->n_cond[l] = 0;
        g->always[l] = false;
    }
    g->value_error = false;
    g->omitted = false;
}

static void
fn_guard_free(FnGuard *g)
{
    strbuf_free(&g->errs);
    strbuf_free(&g->types);
    for (int l = 0; l < FN_GUARD_LEVELS; l++)
        strbuf_free(&g->cond[l]);
}

/* Starts a new "+"-joined term of b. */
static void
fn_guard_term(StrBuf *b)
{
    if (b->len > 0)
        strbuf_putc(b, '+');
}

StrBuf *
fn_guard_err_term(FnGuard *g)
{
    fn_guard_term(&g->errs);
    return &g->errs;
}

StrBuf *
fn_guard_type_term(FnGuard *g)
{
    fn_guard_term(&g->types);
    return &g->types;
}

void
fn_guard_vec(FnGuard *g, int i)
{
    double x;
    const StrBuf *a = &g->args->a[i];
    if (fn_val_omitted(g->args, i)) {
        g->value_error = true;
        g->omitted = true;
        return;
    }
    if (fn_val_literal(a, &x))
        return;
    fn_guard_term(&g->errs);
    strbuf_puts(&g->errs, "SUMPRODUCT(");
    fn_val_put(&g->errs, g->args, i);
    strbuf_putc(&g->errs, ')');
    fn_guard_term(&g->types);
    strbuf_puts(&g->types, "SUMPRODUCT(ISTEXT(");
    fn_val_put(&g->types, g->args, i);
    strbuf_puts(&g->types, ")+ISLOGICAL(");
    fn_val_put(&g->types, g->args, i);
    strbuf_puts(&g->types, "))");
}

void
fn_guard_scalar(FnGuard *g, int i)
{
    double x;
    const StrBuf *a = &g->args->a[i];
    if (fn_val_omitted(g->args, i) || fn_val_literal(a, &x))
        return;
    fn_guard_term(&g->errs);
    strbuf_puts(&g->errs, "N(");
    fn_val_put(&g->errs, g->args, i);
    strbuf_putc(&g->errs, ')');
    fn_guard_term(&g->types);
    strbuf_puts(&g->types, "ISERROR(");
    fn_val_put_op(&g->types, g->args, i);
    strbuf_puts(&g->types, "+0)");
}

void
fn_guard_vec_or_scalar(FnGuard *g, int i)
{
    if (fn_val_shape(g->ex, i).ref)
        fn_guard_vec(g, i);
    else
        fn_guard_scalar(g, i);
}

void
fn_guard_args(FnGuard *g, const char *kinds)
{
    for (int i = 0; kinds[i] && i < g->args->n; i++) {
        if (kinds[i] == 'v')
            fn_guard_vec(g, i);
        else if (kinds[i] == 'p')
            fn_guard_vec_or_scalar(g, i);
        else
            fn_guard_scalar(g, i);
    }
}

StrBuf *
fn_guard_cond(FnGuard *g, int level)
{
    StrBuf *b = &g->cond[level];
    if (g->n_cond[level]++ > 0)
        strbuf_putc(b, ',');
    return b;
}

static bool
fn_guard_compare(double x, const char *op, double bound)
{
    if (strcmp(op, "<") == 0)
        return x < bound;
    if (strcmp(op, "<=") == 0)
        return x <= bound;
    if (strcmp(op, ">") == 0)
        return x > bound;
    return x != bound; /* "<>" */
}

void
fn_guard_scalar_cmp(FnGuard *g, int level, int i, const char *op, double bound)
{
    double x;
    if (fn_val_omitted(g->args, i))
        return;
    if (fn_val_literal(&g->args->a[i], &x)) {
        if (fn_guard_compare(x, op, bound))
            g->always[level] = true;
        return;
    }
    StrBuf *b = fn_guard_cond(g, level);
    fn_val_put_op(b, g->args, i);
    strbuf_puts(b, op);
    strbuf_number(b, bound);
}

void
fn_guard_scalar_outside(FnGuard *g, int level, int i, double lo, double hi)
{
    double x;
    if (fn_val_omitted(g->args, i))
        return;
    if (fn_val_literal(&g->args->a[i], &x)) {
        if (!(x >= lo && x <= hi))
            g->always[level] = true;
        return;
    }
    StrBuf *b = fn_guard_cond(g, level);
    strbuf_puts(b, "OR(");
    fn_val_put_op(b, g->args, i);
    strbuf_putc(b, '<');
    strbuf_number(b, lo);
    strbuf_putc(b, ',');
    fn_val_put_op(b, g->args, i);
    strbuf_putc(b, '>');
    strbuf_number(b, hi);
    strbuf_putc(b, ')');
}

void
fn_guard_vec_outside(FnGuard *g, int level, int i, double lo, double hi)
{
    double x;
    if (fn_val_omitted(g->args, i))
        return;
    if (fn_val_literal(&g->args->a[i], &x)) {
        if (!(x >= lo && x <= hi))
            g->always[level] = true;
        return;
    }
    StrBuf *b = fn_guard_cond(g, level);
    strbuf_puts(b, "SUMPRODUCT((");
    fn_val_put_op(b, g->args, i);
    strbuf_putc(b, '<');
    strbuf_number(b, lo);
    strbuf_puts(b, ")+(");
    fn_val_put_op(b, g->args, i);
    strbuf_putc(b, '>');
    strbuf_number(b, hi);
    strbuf_puts(b, "))>0");
}

void
fn_guard_vec_negative(FnGuard *g, int level, int i)
{
    double x;
    if (fn_val_omitted(g->args, i))
        return;
    if (fn_val_literal(&g->args->a[i], &x)) {
        if (!(x >= 0))
            g->always[level] = true;
        return;
    }
    StrBuf *b = fn_guard_cond(g, level);
    strbuf_puts(b, "SUMPRODUCT(--(");
    fn_val_put_op(b, g->args, i);
    strbuf_puts(b, "<0))>0");
}

void
fn_guard_scalar_integer(FnGuard *g, int level, int i, double lo, const char *hi)
{
    double x;
    double h;
    char *end;
    if (fn_val_omitted(g->args, i))
        return;
    h = strtod(hi, &end);
    if (fn_val_literal(&g->args->a[i], &x) && *end == '\0') {
        if (!(x == floor(x) && x >= lo && x <= h))
            g->always[level] = true;
        return;
    }
    StrBuf *b = fn_guard_cond(g, level);
    strbuf_puts(b, "OR(");
    fn_val_put_op(b, g->args, i);
    strbuf_puts(b, "<>INT(");
    fn_val_put(b, g->args, i);
    strbuf_puts(b, "),");
    fn_val_put_op(b, g->args, i);
    strbuf_putc(b, '<');
    strbuf_number(b, lo);
    strbuf_putc(b, ',');
    fn_val_put_op(b, g->args, i);
    strbuf_printf(b, ">%s)", hi);
}

/* Appends "(errs)*0+" when there are error terms. */
static void
fn_guard_put_errs(const FnGuard *g, StrBuf *out)
{
    if (g->errs.len == 0)
        return;
    strbuf_putc(out, '(');
    strbuf_add(out, g->errs.data, g->errs.len);
    strbuf_puts(out, ")*0+");
}

static const char *const fn_guard_producer[FN_GUARD_LEVELS] = {
    "SQRT(-1)", /* #NUM! (LibreOffice shows Err:502) */
    "1/0",      /* #DIV/0! */
    "NA()",     /* #N/A */
};

bool
fn_guard_finish(FnGuard *g, StrBuf *out, const StrBuf *form)
{
    if (!g->ex->guarded) {
        fn_guard_free(g);
        if (g->omitted)
            return false; /* no form for a missing vector */
        strbuf_add(out, form->data, form->len);
        return true;
    }
    if (g->value_error) {
        /* #VALUE! known now; an incoming error still wins (C8). */
        fn_guard_put_errs(g, out);
        strbuf_puts(out, "(\"\"+0)");
        fn_guard_free(g);
        return true;
    }
    int open = 0;
    if (g->types.len > 0) {
        strbuf_puts(out, "IF(");
        fn_guard_put_errs(g, out);
        strbuf_add(out, g->types.data, g->types.len);
        strbuf_puts(out, ">0,\"\"+0,");
        open++;
    }
    for (int l = 0; l < FN_GUARD_LEVELS; l++) {
        if (g->always[l]) {
            /* A rule decided at export time: no form is reachable. */
            strbuf_puts(out, fn_guard_producer[l]);
            form = NULL;
            break;
        }
        if (g->n_cond[l] == 0)
            continue;
        strbuf_puts(out, "IF(");
        if (g->n_cond[l] > 1)
            strbuf_puts(out, "OR(");
        strbuf_add(out, g->cond[l].data, g->cond[l].len);
        if (g->n_cond[l] > 1)
            strbuf_putc(out, ')');
        strbuf_printf(out, ",%s,", fn_guard_producer[l]);
        open++;
    }
    if (form)
        strbuf_add(out, form->data, form->len);
    while (open-- > 0)
        strbuf_putc(out, ')');
    fn_guard_free(g);
    return true;
}

/* ---- export to native Excel ------------------------------------------- */

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
 * reference; to defaults to ROWS(P)*COLUMNS(P). Guarded: text in P, the
 * probabilities and the positions (C7) are checked. */
bool
fn_cumprob_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf form;
    StrBuf n;
    FnValShape p = fn_val_shape(ex, 0);
    fn_val_args_init(&args, ex);
    bool no_from = fn_val_omitted(&args, 1);
    bool no_to = fn_val_omitted(&args, 2);
    if (!p.ref && !(no_from && no_to)) {
        fn_val_args_free(&args);
        return false;
    }
    fn_guard_init(&g, ex, &args);
    strbuf_init(&form);
    strbuf_init(&n);
    if (p.ref) {
        strbuf_printf(&n, "%lu", (unsigned long)fn_val_shape_n(p));
    } else {
        strbuf_puts(&n, "ROWS(");
        fn_val_put(&n, &args, 0);
        strbuf_puts(&n, ")*COLUMNS(");
        fn_val_put(&n, &args, 0);
        strbuf_putc(&n, ')');
    }
    fn_guard_args(&g, "vss");
    g.value_error |= !fn_val_shape_1d(p);
    fn_guard_vec_outside(&g, FN_GUARD_NUM, 0, 0, 1);
    fn_guard_scalar_integer(&g, FN_GUARD_NUM, 1, 1, n.data);
    fn_guard_scalar_integer(&g, FN_GUARD_NUM, 2, 1, n.data);
    if (no_from && no_to) {
        strbuf_puts(&form, "PRODUCT(");
        fn_val_put(&form, &args, 0);
        strbuf_putc(&form, ')');
    } else {
        StrBuf from;
        StrBuf to;
        strbuf_init(&from);
        strbuf_init(&to);
        if (no_from)
            strbuf_puts(&from, "1");
        else
            fn_val_put_op(&from, &args, 1);
        if (no_to) {
            strbuf_puts(&to, "ROWS(");
            fn_val_put(&to, &args, 0);
            strbuf_puts(&to, ")*COLUMNS(");
            fn_val_put(&to, &args, 0);
            strbuf_putc(&to, ')');
        } else {
            fn_val_put_op(&to, &args, 2);
        }
        strbuf_printf(&form, "IF(%s>%s,1,PRODUCT(INDEX(", from.data, to.data);
        fn_val_put(&form, &args, 0);
        strbuf_printf(&form, ",%s):INDEX(", from.data);
        fn_val_put(&form, &args, 0);
        strbuf_printf(&form, ",%s)))", to.data);
        strbuf_free(&from);
        strbuf_free(&to);
    }
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&form);
    strbuf_free(&n);
    fn_val_args_free(&args);
    return ok;
}

/* RNPV -> SUMPRODUCT(CF,P,(1+rate)^(-T)), or p*SUMPRODUCT(CF,(1+rate)^(-T))
 * when p is not a reference or is one cell against a longer CF. Without
 * times, T is ROW(CF)-ROW(INDEX(CF,1))+1 (COLUMN for a row range), which
 * needs CF to be a reference. Guarded: text, shapes, rate, p and t. */
bool
fn_rnpv_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf form;
    FnValShape cf = fn_val_shape(ex, 1);
    FnValShape p = fn_val_shape(ex, 2);
    FnValShape t = fn_val_shape(ex, 3);
    fn_val_args_init(&args, ex);
    bool no_t = fn_val_omitted(&args, 3);
    if (no_t && !cf.ref && !fn_val_omitted(&args, 1)) {
        fn_val_args_free(&args);
        return false;
    }
    bool cf_one = cf.ref && cf.rows == 1 && cf.cols == 1;
    bool p_scalar = !p.ref || (p.rows == 1 && p.cols == 1 && !cf_one);
    fn_guard_init(&g, ex, &args);
    fn_guard_args(&g, no_t ? "svp" : "svpv");
    g.value_error |= !fn_val_shape_1d(cf) ||
                     (!p_scalar && !fn_val_shape_compatible(cf, p)) ||
                     (!no_t && !fn_val_shape_compatible(cf, t));
    fn_guard_scalar_cmp(&g, FN_GUARD_NUM, 0, "<=", -1);
    if (p_scalar)
        fn_guard_scalar_outside(&g, FN_GUARD_NUM, 2, 0, 1);
    else
        fn_guard_vec_outside(&g, FN_GUARD_NUM, 2, 0, 1);
    if (!no_t)
        fn_guard_vec_negative(&g, FN_GUARD_NUM, 3);

    strbuf_init(&form);
    if (p_scalar) {
        fn_val_put_op(&form, &args, 2);
        strbuf_puts(&form, "*SUMPRODUCT(");
        fn_val_put(&form, &args, 1);
    } else {
        strbuf_puts(&form, "SUMPRODUCT(");
        fn_val_put(&form, &args, 1);
        strbuf_putc(&form, ',');
        fn_val_put(&form, &args, 2);
    }
    strbuf_putc(&form, ',');
    fn_val_put_discount_head(&form, &args, 0);
    if (no_t) {
        strbuf_putc(&form, '(');
        fn_val_put_positions(&form, &args, 1, !(cf.rows == 1 && cf.cols > 1));
        strbuf_putc(&form, ')');
    } else {
        fn_val_put_op(&form, &args, 3);
    }
    strbuf_puts(&form, "))");
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&form);
    fn_val_args_free(&args);
    return ok;
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
        fn_val_put_op(out, args, 2);
    } else {
        strbuf_putc(out, '(');
        fn_val_put_op(out, args, 2);
        strbuf_putc(out, '+');
        fn_val_put_op(out, args, 4);
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
 * P must be a reference. Guarded: text, shapes, rate, p, t and t + delay. */
bool
fn_milestone_pv_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf form;
    FnValShape a = fn_val_shape(ex, 1);
    FnValShape t = fn_val_shape(ex, 2);
    FnValShape p = fn_val_shape(ex, 3);
    double d;
    if (!p.ref)
        return false;
    fn_val_args_init(&args, ex);
    fn_guard_init(&g, ex, &args);
    fn_guard_args(&g, "svvvs");
    g.value_error |= !fn_val_shape_compatible(a, t) ||
                     !fn_val_shape_compatible(a, p) ||
                     !fn_val_shape_compatible(t, p);
    fn_guard_scalar_cmp(&g, FN_GUARD_NUM, 0, "<=", -1);
    fn_guard_vec_outside(&g, FN_GUARD_NUM, 3, 0, 1);
    fn_guard_vec_negative(&g, FN_GUARD_NUM, 2);
    if (!fn_val_omitted(&args, 4) &&
        !(fn_val_literal(&args.a[4], &d) && d >= 0)) {
        StrBuf *b = fn_guard_cond(&g, FN_GUARD_NUM);
        strbuf_puts(b, "SUMPRODUCT(--(");
        fn_val_put_op(b, &args, 2);
        strbuf_putc(b, '+');
        fn_val_put_op(b, &args, 4);
        strbuf_puts(b, "<0))>0");
    }

    strbuf_init(&form);
    if (!(p.rows == 1 && p.cols > 1)) {
        strbuf_puts(&form, "SUMPRODUCT(");
        fn_val_put(&form, &args, 1);
        strbuf_putc(&form, ',');
        fn_val_put_milestone_discount(&form, &args);
        strbuf_puts(&form, ",SUBTOTAL(6,OFFSET(INDEX(");
        fn_val_put(&form, &args, 3);
        strbuf_puts(&form, ",1),0,0,");
        fn_val_put_positions(&form, &args, 3, true);
        strbuf_puts(&form, ")))");
    } else {
        strbuf_puts(&form, "SUMPRODUCT(");
        fn_val_put_op(&form, &args, 1);
        strbuf_putc(&form, '*');
        fn_val_put_milestone_discount(&form, &args);
        strbuf_puts(&form, "*SUBTOTAL(6,OFFSET(INDEX(");
        fn_val_put(&form, &args, 3);
        strbuf_puts(&form, ",1),0,0,1,");
        fn_val_put_column_positions(&form, &args, 3);
        strbuf_puts(&form, "))*(");
        fn_val_put_column_positions(&form, &args, 3);
        strbuf_putc(&form, '=');
        fn_val_put_positions(&form, &args, 3, false);
        strbuf_puts(&form, "))");
    }
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&form);
    fn_val_args_free(&args);
    return ok;
}
