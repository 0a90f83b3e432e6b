/*
 * fn_text: text built-ins (stdlib module): CONCATENATE, LEN.
 *
 * Arguments are scalars (a multi-cell reference is intersected implicitly,
 * as in Excel before dynamic arrays) converted by value_to_text, so numbers
 * print as the engine prints them (%.15g). Lengths count code points.
 */
#include "fn_impl.h"

/* The joined text; #VALUE! beyond Excel's 32,767 characters. */
Value
fn_concatenate(FnCtx *cx, int argc, const Value *argv)
{
    StrBuf b;
    Value res;
    strbuf_init(&b);
    for (int i = 0; i < argc; i++) {
        ErrorCode err = fn_arg_text(cx, argv[i], &b);
        if (err != XE_NONE) {
            strbuf_free(&b);
            return value_error(err);
        }
    }
    if (str_utf8_len(b.data, b.len) > VS_MAX_STRLEN)
        res = value_error(XE_VALUE);
    else
        res = value_string(str_new(cx->scratch, b.data, b.len));
    strbuf_free(&b);
    return res;
}

Value
fn_len(FnCtx *cx, int argc, const Value *argv)
{
    StrBuf b;
    (void)argc;
    strbuf_init(&b);
    ErrorCode err = fn_arg_text(cx, argv[0], &b);
    double n = (double)str_utf8_len(b.data, b.len);
    strbuf_free(&b);
    if (err != XE_NONE)
        return value_error(err);
    return value_number(n);
}
