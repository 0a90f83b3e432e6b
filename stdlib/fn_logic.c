/*
 * fn_logic: boolean built-ins (stdlib module): AND, OR, NOT. IF and IFERROR
 * are table rows only (FN_LAZY): the compiler turns them into jumps.
 *
 * AND/OR follow Excel: inside ranges and arrays only numbers and booleans
 * take part (text and empty cells are skipped) and errors propagate; direct
 * arguments go through value_to_bool ("TRUE" is accepted, other text is
 * #VALUE!); when nothing took part the result is #VALUE!.
 */
#include "fn_impl.h"

/* Folds every argument into *acc with AND (is_and) or OR; returns the error
 * Value, or a boolean. */
static Value
fn_logic_fold(FnCtx *cx, int argc, const Value *argv, bool is_and)
{
    bool acc = is_and;
    bool seen = false;
    for (int i = 0; i < argc; i++) {
        Value a = argv[i];
        if (a.kind == VK_RANGE || a.kind == VK_ARRAY) {
            RangeIter it;
            Value e;
            fn_iter_init(&it, cx, a);
            while (fn_iter_next(&it, &e)) {
                bool b;
                if (e.kind == VK_ERROR)
                    return e;
                if (e.kind == VK_NUMBER)
                    b = e.u.num != 0;
                else if (e.kind == VK_BOOL)
                    b = e.u.b;
                else
                    continue;
                seen = true;
                acc = is_and ? (acc && b) : (acc || b);
            }
            continue;
        }
        bool b;
        ErrorCode err = XE_NONE;
        if (!value_to_bool(a, &b, &err))
            return value_error(err);
        seen = true;
        acc = is_and ? (acc && b) : (acc || b);
    }
    if (!seen)
        return value_error(XE_VALUE);
    return value_bool(acc);
}

Value
fn_and(FnCtx *cx, int argc, const Value *argv)
{
    return fn_logic_fold(cx, argc, argv, true);
}

Value
fn_or(FnCtx *cx, int argc, const Value *argv)
{
    return fn_logic_fold(cx, argc, argv, false);
}

Value
fn_not(FnCtx *cx, int argc, const Value *argv)
{
    bool b;
    (void)argc;
    ErrorCode err = fn_arg_bool(cx, argv[0], &b);
    if (err != XE_NONE)
        return value_error(err);
    return value_bool(!b);
}
