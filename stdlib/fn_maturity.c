/*
 * fn_maturity: maturity scoring and success probabilities (stdlib module),
 * as /work/shared/DOMAIN.md specifies them: MATURITY (§3.1), TRL_PROB
 * (§3.2) and PHASE_PROB (§3.3), with their Excel forms.
 *
 * Arguments go through fn_val.h's passes, so C8's precedence holds: an
 * incoming error, then #VALUE!, #NUM!, #DIV/0!, #N/A. The built-in phase
 * tables are exactly §1.2's published rates; there is no TRL table and no
 * dermatology table (§1.2, §1.4: nothing tagged [U] ships as a built-in).
 */
#include "fn_impl.h"

#include <math.h>
#include <string.h>

#include "fn_val.h"

/* ---- MATURITY(scores, weights, [scale_max = 1]) ------------------------ */

Value
fn_maturity(FnCtx *cx, int argc, const Value *argv)
{
    FnVec s;
    FnVec w;
    double scale = 1;
    ErrorCode err = fn_val_errors(cx, argc, argv, "vvs");
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[0], &s);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[1], &w);
    if (err == XE_NONE && argc >= 3)
        err = fn_val_scalar_load(cx, argv[2], 1, &scale);
    if (err != XE_NONE)
        return value_error(err);
    if (!fn_val_same_shape(&s, &w))
        return value_error(XE_VALUE);
    if (!(scale > 0) || !fn_val_all_within(&w, 0, INFINITY) ||
        !fn_val_all_within(&s, 0, scale))
        return value_error(XE_NUM);
    double sw = 0;
    double sum_w = 0;
    for (uint32_t i = 0; i < s.n; i++) {
        sw += s.x[i] * w.x[i];
        sum_w += w.x[i];
    }
    if (sum_w == 0)
        return value_error(XE_DIV0);
    return value_number(sw / (scale * sum_w));
}

/* SUMPRODUCT(S,W)/SUM(W)/scale_max (DOMAIN.md §3.1; "/scale_max" left out
 * when omitted). SUM(W) = 0 gives #DIV/0! in Excel too. Guarded: text,
 * shapes, scale_max <= 0, a weight < 0, a score outside [0, scale_max]. */
bool
fn_maturity_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf form;
    FnValShape s = fn_val_shape(ex, 0);
    FnValShape w = fn_val_shape(ex, 1);
    fn_val_args_init(&args, ex);
    bool has_scale = !fn_val_omitted(&args, 2);
    fn_guard_init(&g, ex, &args);
    fn_guard_args(&g, "vvs");
    g.value_error |= !fn_val_shape_compatible(s, w);
    fn_guard_scalar_cmp(&g, FN_GUARD_NUM, 2, "<=", 0);
    fn_guard_vec_negative(&g, FN_GUARD_NUM, 1);
    if (has_scale) {
        double x;
        double sc;
        if (fn_val_literal(&args.a[0], &x) && fn_val_literal(&args.a[2], &sc)) {
            if (!(x >= 0 && x <= sc))
                g.always[FN_GUARD_NUM] = true;
        } else {
            StrBuf *b = fn_guard_cond(&g, FN_GUARD_NUM);
            strbuf_puts(b, "SUMPRODUCT((");
            fn_val_put_op(b, &args, 0);
            strbuf_puts(b, "<0)+(");
            fn_val_put_op(b, &args, 0);
            strbuf_putc(b, '>');
            fn_val_put_op(b, &args, 2);
            strbuf_puts(b, "))>0");
        }
    } else {
        fn_guard_vec_outside(&g, FN_GUARD_NUM, 0, 0, 1);
    }

    strbuf_init(&form);
    strbuf_puts(&form, "SUMPRODUCT(");
    fn_val_put(&form, &args, 0);
    strbuf_putc(&form, ',');
    fn_val_put(&form, &args, 1);
    strbuf_puts(&form, ")/SUM(");
    fn_val_put(&form, &args, 1);
    strbuf_putc(&form, ')');
    if (has_scale) {
        strbuf_putc(&form, '/');
        fn_val_put_op(&form, &args, 2);
    }
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&form);
    fn_val_args_free(&args);
    return ok;
}

/* ---- TRL_PROB(trl, table) ---------------------------------------------- */

enum { FN_TRL_LEVELS = 9 };

Value
fn_trl_prob(FnCtx *cx, int argc, const Value *argv)
{
    double trl;
    FnVec table;
    ErrorCode err = fn_val_errors(cx, argc, argv, "sv");
    if (err == XE_NONE)
        err = fn_val_scalar_load(cx, argv[0], 0, &trl);
    if (err == XE_NONE)
        err = fn_val_vec_load(cx, argv[1], &table);
    if (err != XE_NONE)
        return value_error(err);
    if (table.n != FN_TRL_LEVELS)
        return value_error(XE_VALUE);
    if (!fn_val_probs_ok(&table))
        return value_error(XE_NUM);
    if (!fn_val_position_ok(trl, FN_TRL_LEVELS))
        return value_error(XE_NA);
    return value_number(table.x[(uint32_t)trl - 1]);
}

/* Appends "IF(AND(k=INT(k),k>=1,k<=hi),<then>" for argument i; the caller
 * appends ",NA())" after the value. INDEX truncates 6.5 and INDEX(T,0) is
 * the whole range, hence the guard in the plain form too (§3.2, §3.3). */
static void
fn_maturity_put_position_guard(StrBuf *out, const FnValArgs *args, int i, int hi)
{
    strbuf_puts(out, "IF(AND(");
    fn_val_put_op(out, args, i);
    strbuf_puts(out, "=INT(");
    fn_val_put(out, args, i);
    strbuf_puts(out, "),");
    fn_val_put_op(out, args, i);
    strbuf_puts(out, ">=1,");
    fn_val_put_op(out, args, i);
    strbuf_printf(out, "<=%d),", hi);
}

/* IF(AND(trl=INT(trl),trl>=1,trl<=9),INDEX(table,trl),NA()) (§3.2).
 * Guarded: text, a table not of 9 cells in one row or column, an entry
 * outside [0,1]; the #N/A of a bad trl is in the form itself. */
bool
fn_trl_prob_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf form;
    FnValShape t = fn_val_shape(ex, 1);
    fn_val_args_init(&args, ex);
    fn_guard_init(&g, ex, &args);
    fn_guard_args(&g, "sv");
    if (t.ref) {
        g.value_error |= !fn_val_shape_1d(t) || fn_val_shape_n(t) != FN_TRL_LEVELS;
    } else if (!fn_val_omitted(&args, 1)) {
        StrBuf *b = fn_guard_type_term(&g);
        strbuf_puts(b, "(ROWS(");
        fn_val_put(b, &args, 1);
        strbuf_puts(b, ")*COLUMNS(");
        fn_val_put(b, &args, 1);
        strbuf_puts(b, ")<>9)+(MIN(ROWS(");
        fn_val_put(b, &args, 1);
        strbuf_puts(b, "),COLUMNS(");
        fn_val_put(b, &args, 1);
        strbuf_puts(b, "))>1)");
    }
    fn_guard_vec_outside(&g, FN_GUARD_NUM, 1, 0, 1);

    strbuf_init(&form);
    fn_maturity_put_position_guard(&form, &args, 0, FN_TRL_LEVELS);
    strbuf_puts(&form, "INDEX(");
    fn_val_put(&form, &args, 1);
    strbuf_putc(&form, ',');
    fn_val_put(&form, &args, 0);
    strbuf_puts(&form, "),NA())");
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&form);
    fn_val_args_free(&args);
    return ok;
}

/* ---- PHASE_PROB(phase, [dataset = "BIO2021"]) -------------------------- */

enum { FN_PHASES = 4, FN_DATASETS = 4 };

/* DOMAIN.md §3.3 (values of §1.2): I->II, II->III, III->NDA/BLA,
 * NDA/BLA->approval. The first row is the default. */
static const struct FnPhaseTable {
    const char *name;       /* upper case; matched without case */
    double p[FN_PHASES];
} fn_phase_tables[FN_DATASETS] = {
    {"BIO2021", {0.520, 0.289, 0.578, 0.906}},          /* LOA [P], phases [S] */
    {"BIO2016", {0.632, 0.307, 0.581, 0.853}},          /* [P] */
    {"BIO2016_ONC", {0.628, 0.246, 0.401, 0.824}},      /* [P], Fig. 7 */
    {"BIO2016_NONONC", {0.635, 0.343, 0.637, 0.859}},   /* [P], Fig. 6 */
};

/* The table named s[0..n) (ASCII case-insensitive), or NULL. */
static const struct FnPhaseTable *
fn_phase_table(const char *s, size_t n)
{
    for (int i = 0; i < FN_DATASETS; i++) {
        const char *name = fn_phase_tables[i].name;
        if (str_eq_fold(s, n, name, strlen(name)))
            return &fn_phase_tables[i];
    }
    return NULL;
}

Value
fn_phase_prob(FnCtx *cx, int argc, const Value *argv)
{
    double phase;
    const struct FnPhaseTable *table = &fn_phase_tables[0];
    ErrorCode err = fn_val_errors(cx, argc, argv, "ss");
    if (err != XE_NONE)
        return value_error(err);
    err = fn_val_scalar_load(cx, argv[0], 0, &phase);
    if (err != XE_NONE)
        return value_error(err);
    if (argc >= 2 && argv[1].kind != VK_EMPTYARG) {
        Value d = fn_scalar(cx, argv[1]);
        if (d.kind == VK_ERROR)
            return d;
        if (d.kind != VK_STRING)
            return value_error(XE_VALUE);
        table = fn_phase_table(d.u.str->s, d.u.str->len);
    }
    if (!table || !fn_val_position_ok(phase, FN_PHASES))
        return value_error(XE_NA);
    return value_number(table->p[(uint32_t)phase - 1]);
}

/* Appends one table's rates as array-constant items: "0.52,0.289,...". */
static void
fn_phase_put_row(StrBuf *out, const struct FnPhaseTable *t)
{
    for (int j = 0; j < FN_PHASES; j++) {
        if (j)
            strbuf_putc(out, ',');
        strbuf_number(out, t->p[j]);
    }
}

/* True when text is a string literal; its contents go to b (quotes
 * undoubled). */
static bool
fn_phase_string_literal(const StrBuf *text, StrBuf *b)
{
    const char *s = text->data;
    size_t n = text->len;
    if (n < 2 || s[0] != '"' || s[n - 1] != '"')
        return false;
    for (size_t i = 1; i + 1 < n; i++) {
        if (s[i] == '"') {
            if (i + 2 >= n || s[i + 1] != '"')
                return false;
            i++;
        }
        strbuf_putc(b, s[i]);
    }
    return true;
}

/* IF(AND(phase=INT(phase),phase>=1,phase<=4),INDEX({...},phase),NA())
 * (§3.3). A literal or omitted dataset picks its row now (an unknown one
 * is NA()); any other dataset is looked up in the workbook:
 * INDEX({row1;row2;row3;row4},MATCH(ds,{"BIO2021",...},0),phase). Guarded:
 * a non-numeric phase or a dataset that is not text is #VALUE!. */
bool
fn_phase_prob_expand(FnExport *ex)
{
    FnValArgs args;
    FnGuard g;
    StrBuf form;
    StrBuf name;
    fn_val_args_init(&args, ex);
    fn_guard_init(&g, ex, &args);
    strbuf_init(&name);
    strbuf_add(&name, "", 0);
    fn_guard_args(&g, "s");
    bool fixed = fn_val_omitted(&args, 1) || fn_phase_string_literal(&args.a[1], &name);
    const struct FnPhaseTable *table =
        fn_val_omitted(&args, 1) ? &fn_phase_tables[0] : fn_phase_table(name.data, name.len);
    if (!fixed) {
        StrBuf *e = fn_guard_err_term(&g);
        strbuf_puts(e, "N(");
        fn_val_put(e, &args, 1);
        strbuf_putc(e, ')');
        StrBuf *t = fn_guard_type_term(&g);
        strbuf_puts(t, "NOT(ISTEXT(");
        fn_val_put(t, &args, 1);
        strbuf_puts(t, "))");
    }

    strbuf_init(&form);
    if (fixed && !table) {
        strbuf_puts(&form, "NA()");
    } else {
        fn_maturity_put_position_guard(&form, &args, 0, FN_PHASES);
        strbuf_puts(&form, "INDEX({");
        if (fixed) {
            fn_phase_put_row(&form, table);
        } else {
            for (int i = 0; i < FN_DATASETS; i++) {
                if (i)
                    strbuf_putc(&form, ';');
                fn_phase_put_row(&form, &fn_phase_tables[i]);
            }
            strbuf_puts(&form, "},MATCH(");
            fn_val_put(&form, &args, 1);
            strbuf_puts(&form, ",{");
            for (int i = 0; i < FN_DATASETS; i++)
                strbuf_printf(&form, "%s\"%s\"", i ? "," : "", fn_phase_tables[i].name);
            strbuf_puts(&form, "},0)");
        }
        if (fixed)
            strbuf_putc(&form, '}');
        strbuf_putc(&form, ',');
        fn_val_put(&form, &args, 0);
        strbuf_puts(&form, "),NA())");
    }
    bool ok = fn_guard_finish(&g, ex->out, &form);
    strbuf_free(&form);
    strbuf_free(&name);
    fn_val_args_free(&args);
    return ok;
}
