/*
 * fn_val: private to stdlib. What the valuation families (fn_val.c,
 * fn_maturity.c, fn_royalty.c, fn_deal.c) share: the argument passes that
 * make DOMAIN.md's C8 error precedence hold whatever the argument order,
 * the domain checks, and the export helpers that write native Excel forms
 * and their guarded variants (C9). Implemented in fn_val.c.
 *
 * Evaluation runs in passes, so the first failing rule of C8 wins:
 *   1. fn_val_errors: any incoming error value (argument order, row-major);
 *   2. fn_val_vec_load / fn_val_scalar_load, then shape checks: #VALUE!;
 *   3. domain checks: #NUM!; then #DIV/0! and #N/A where a function has them.
 *
 * A guarded export (FnExport.guarded) wraps the form as
 *   IF(<errors>*0+<type terms>>0, ""+0,
 *      IF(OR(<#NUM! conditions>), SQRT(-1),
 *         IF(OR(<#DIV/0! conditions>), 1/0,
 *            IF(OR(<#N/A conditions>), NA(), <form>))))
 * where <errors> sums every non-literal argument (SUMPRODUCT for vectors,
 * N() for scalars) so an incoming error wins over a type error, as in the
 * engine. Levels without conditions are left out; conditions on numeric
 * literals are decided at export time, and one known true replaces the
 * rest of the formula by its level's error producer.
 */
#ifndef VS_FN_VAL_H
#define VS_FN_VAL_H

#include <stdbool.h>
#include <stdint.h>

#include "fn.h"

/* ---- evaluation -------------------------------------------------------- */

/* A loaded vector argument. */
typedef struct FnVec {
    const double *x;    /* n values in row-major order, in cx->scratch */
    uint32_t n;
    int orient;         /* FN_VEC_ONE, FN_VEC_COL or FN_VEC_ROW */
} FnVec;

enum { FN_VEC_ONE, FN_VEC_COL, FN_VEC_ROW };

/* Pass 1: the first incoming error of argv[0..argc), in argument order and
 * row-major inside vectors. kinds[i] is 'v' for a vector argument, 's' for
 * a scalar; the last kind repeats for further arguments. XE_NONE if none. */
ErrorCode fn_val_errors(FnCtx *cx, int argc, const Value *argv, const char *kinds);

/* Pass 2 for a vector argument: loads it into v. #VALUE! for an omitted
 * argument, a block of more than one row and column, or text or a boolean
 * inside a reference or array; a blank counts as 0. A direct scalar is a
 * one-element vector coerced as operators do. */
ErrorCode fn_val_vec_load(FnCtx *cx, Value a, FnVec *v);

/* Pass 2 for a scalar argument, coerced as operators do; an omitted one
 * (VK_EMPTYARG) gets dflt. */
ErrorCode fn_val_scalar_load(FnCtx *cx, Value a, double dflt, double *out);

/* Same length and orientation (C5); single cells match only each other. */
bool fn_val_same_shape(const FnVec *a, const FnVec *b);

/* A "scalar or range" argument p against the vector it goes with: true when
 * p is one value applied to every element of v (p.n == 1 < v.n). */
bool fn_val_is_scalar_for(const FnVec *p, const FnVec *v);

/* Every value in [lo, hi] (NaN fails). */
bool fn_val_all_within(const FnVec *v, double lo, double hi);

/* Every value in [0, 1]. */
bool fn_val_probs_ok(const FnVec *p);

/* Every t >= 0 and t + shift >= 0. */
bool fn_val_times_ok(const FnVec *t, double shift);

/* An integer position in 1..n (C7). */
bool fn_val_position_ok(double k, uint32_t n);

/* Thresholds >= 0 and strictly ascending (ROYALTY). */
bool fn_val_thresholds_ok(const FnVec *th);

/* ---- export ------------------------------------------------------------ */

enum { FN_VAL_MIN_ARGS = 7 };

/* The captured Excel text of a call's arguments: all ex->argc of them, and
 * at least FN_VAL_MIN_ARGS so optional trailing ones can be tested; an
 * omitted or absent argument is empty text. */
typedef struct FnValArgs {
    StrBuf a[FN_MANY];
    int n;              /* entries of a initialised */
} FnValArgs;

void fn_val_args_init(FnValArgs *args, FnExport *ex);
void fn_val_args_free(FnValArgs *args);

/* Argument i's Excel text in b (initialised here; empty when omitted or
 * absent). The caller frees b. */
void fn_val_capture(FnExport *ex, int i, StrBuf *b);

/* True when argument i was omitted or not written. */
bool fn_val_omitted(const FnValArgs *args, int i);

/* True when text is a plain number literal; *x gets its value. */
bool fn_val_literal(const StrBuf *text, double *x);

/* Appends argument i as is. */
void fn_val_put(StrBuf *out, const FnValArgs *args, int i);

/* Appends text, parenthesised unless it is atomic (a name, reference,
 * number or bracketed group), so it can be an operand of any operator. */
void fn_val_put_operand(StrBuf *out, const StrBuf *text);

/* fn_val_put_operand of argument i. */
void fn_val_put_op(StrBuf *out, const FnValArgs *args, int i);

/* Appends "(1+rate)^(-" with rate = argument i; the caller closes it. */
void fn_val_put_discount_head(StrBuf *out, const FnValArgs *args, int rate);

/* What export knows of a vector argument's shape. */
typedef struct FnValShape {
    bool ref;           /* a reference: rows and cols are known */
    uint32_t rows;
    uint32_t cols;
} FnValShape;

FnValShape fn_val_shape(FnExport *ex, int i);

/* Cells of a known shape (rows * cols). */
uint32_t fn_val_shape_n(FnValShape s);

/* False when both shapes are known and differ in length or orientation, or
 * either is a block: the engine's #VALUE! rule (C5) at export time. */
bool fn_val_shape_compatible(FnValShape a, FnValShape b);

/* False when s is known to be a block of more than one row and column. */
bool fn_val_shape_1d(FnValShape s);

/* ---- guarded export ---------------------------------------------------- */

enum { FN_GUARD_NUM, FN_GUARD_DIV, FN_GUARD_NA, FN_GUARD_LEVELS };

typedef struct FnGuard {
    FnExport *ex;
    const FnValArgs *args;
    StrBuf errs;        /* "+"-joined error-propagating terms */
    StrBuf types;       /* "+"-joined #VALUE! terms (count > 0 fails) */
    StrBuf cond[FN_GUARD_LEVELS];   /* ","-joined conditions per level */
    int n_cond[FN_GUARD_LEVELS];
    bool always[FN_GUARD_LEVELS];   /* a rule known true at export time */
    bool value_error;   /* #VALUE! known at export time (shape, omitted) */
    bool omitted;       /* a required vector argument is omitted */
} FnGuard;

/* Starts the guard of the call ex whose arguments are args. */
void fn_guard_init(FnGuard *g, FnExport *ex, const FnValArgs *args);

/* Argument i is a vector: its errors propagate and text or logicals in it
 * are #VALUE!. An omitted one is a #VALUE! known at export time. */
void fn_guard_vec(FnGuard *g, int i);

/* Argument i is a scalar: its error propagates, non-numeric text is
 * #VALUE!. Omitted scalars and number literals add nothing. */
void fn_guard_scalar(FnGuard *g, int i);

/* A "scalar or range" argument i: fn_guard_vec for a reference,
 * fn_guard_scalar for any other expression. */
void fn_guard_vec_or_scalar(FnGuard *g, int i);

/* Starts a new "+"-joined error-propagating term (evaluated before any
 * type term) and returns the buffer to write it in. */
StrBuf *fn_guard_err_term(FnGuard *g);

/* Starts a new "+"-joined #VALUE! term (a count or a boolean) and returns
 * the buffer to write it in. */
StrBuf *fn_guard_type_term(FnGuard *g);

/* Starts a new condition of a level and returns the buffer to write it in. */
StrBuf *fn_guard_cond(FnGuard *g, int level);

/* Adds "x<op>bound" for scalar argument i (op "<", "<=", ">"); decided at
 * export time for a literal. Nothing for an omitted argument. */
void fn_guard_scalar_cmp(FnGuard *g, int level, int i, const char *op, double bound);

/* Adds "OR(x<lo,x>hi)" for scalar argument i (literals decided now). */
void fn_guard_scalar_outside(FnGuard *g, int level, int i, double lo, double hi);

/* Adds "SUMPRODUCT((V<lo)+(V>hi))>0" for vector argument i. */
void fn_guard_vec_outside(FnGuard *g, int level, int i, double lo, double hi);

/* Adds "SUMPRODUCT(--(V<0))>0" for vector argument i. */
void fn_guard_vec_negative(FnGuard *g, int level, int i);

/* Adds "OR(k<>INT(k),k<lo,k>hi)" for scalar argument i (literals decided
 * now); hi is Excel text, such as "5" or "ROWS(P)*COLUMNS(P)". */
void fn_guard_scalar_integer(FnGuard *g, int level, int i, double lo, const char *hi);

/* Writes the call's Excel text to out and frees g. Unguarded export: form
 * as is, or false (nothing written) when a required vector is omitted.
 * Guarded: form wrapped in the IF levels, or, with value_error, the
 * #VALUE! producer after any incoming error. */
bool fn_guard_finish(FnGuard *g, StrBuf *out, const StrBuf *form);

/* Guards each argument by kinds, one letter per argument from 0:
 * 'v' fn_guard_vec, 's' fn_guard_scalar, 'p' fn_guard_vec_or_scalar. */
void fn_guard_args(FnGuard *g, const char *kinds);

#endif
