/*
 * fn_fin: private to stdlib. The root finder the iterative finance
 * functions share (IRR and XIRR in fn_fin.c, RATE in fn_tvm.c).
 */
#ifndef VS_FN_FIN_H
#define VS_FN_FIN_H

#include <stdbool.h>

#include "fn.h"

/* Loads argv[0..max) as numbers into x, with dflt[i] for an optional
 * argument not written or omitted; the first error in argument order.
 * Shared by the annuity (fn_tvm.c) and depreciation (fn_depr.c) families. */
ErrorCode fn_fin_args(FnCtx *cx, int argc, const Value *argv, int max, const double *dflt,
                      double *x);

/* f(r) and f'(r) at r; false when they cannot be computed there. */
typedef bool (*FnRootFn)(const void *ud, double r, double *f, double *df);

/* Newton's method from guess, as Excel iterates: at most max_iter steps,
 * converged when a step is below tol; the root is then polished to full
 * double precision with a few more steps. #NUM! when an iterate leaves
 * (-1, inf), the derivative vanishes or max_iter steps do not converge. */
ErrorCode fn_newton(FnRootFn fn, const void *ud, double guess, int max_iter, double tol,
                    double *root);

#endif
