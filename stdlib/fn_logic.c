/*
 * fn_logic: boolean built-ins (stdlib module): AND, OR, XOR, NOT. IF, IFS,
 * IFERROR, IFNA, SWITCH and CHOOSE are table rows only (FN_LAZY): the
 * compiler turns them into jumps.
 *
 * AND/OR/XOR follow Excel: inside ranges and arrays only numbers and booleans
 * take part (text and empty cells are skipped) and errors propagate; direct
 * arguments go through value_to_bool ("TRUE" is accepted, other text is
 * #VALUE!); when nothing took part the result is #VALUE!.
 */
#include "fn_impl.h"

typedef enum { LOGIC_AND, LOGIC_OR, LOGIC_XOR } LogicOp;

static bool
fn_logic_step(LogicOp op, bool acc, bool b)
{
    switch (op) {
    case LOGIC_AND: return acc && b;
    case LOGIC_OR: return acc || b;
    default: return acc != b;
    }
}

/* Folds every argument with op (XOR: TRUE when an odd number are TRUE);
 * returns the error Value, or a boolean. */
static Value
fn_logic_fold(FnCtx *cx, int argc, const Value *argv, LogicOp op)
{
    bool acc = op == LOGIC_AND;
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
                acc = fn_logic_step(op, acc, b);
            }
            continue;
        }
        bool b;
        ErrorCode err = XE_NONE;
        if (!value_to_bool(a, &b, &err))
            return value_error(err);
        seen = true;
        acc = fn_logic_step(op, acc, b);
    }
    if (!seen)
        return value_error(XE_VALUE);
    return value_bool(acc);
}

Value
fn_and(FnCtx *cx, int argc, const Value *argv)
{
    return fn_logic_fold(cx, argc, argv, LOGIC_AND);
}

Value
fn_or(FnCtx *cx, int argc, const Value *argv)
{
    return fn_logic_fold(cx, argc, argv, LOGIC_OR);
}

Value
fn_xor(FnCtx *cx, int argc, const Value *argv)
{
    return fn_logic_fold(cx, argc, argv, LOGIC_XOR);
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
