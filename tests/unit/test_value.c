/*
 * test_value: unit tests of engine/value.h, the one home of Excel's
 * coercion rules: operator conversion to number, to boolean and to text,
 * comparison order (numbers < text < booleans, text without case, empty
 * cells as 0, "" or FALSE), error codes and their texts. Expected values
 * follow Excel's documented behaviour, worked out by hand.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "str.h"
#include "test.h"
#include "value.h"

static Arena arena;

static Value
text(const char *s)
{
    return value_string(str_new(&arena, s, strlen(s)));
}

/* value_to_number, expecting success with x. */
static bool
num_ok(Value v, double want)
{
    double x = -12345;
    ErrorCode e = XE_NONE;
    return value_to_number(v, &x, &e) && x == want;
}

/* value_to_number, expecting failure with error code want. */
static bool
num_err(Value v, ErrorCode want)
{
    double x = 0;
    ErrorCode e = XE_NONE;
    return !value_to_number(v, &x, &e) && e == want;
}

static bool
bool_is(Value v, bool want)
{
    bool b = !want;
    ErrorCode e = XE_NONE;
    return value_to_bool(v, &b, &e) && b == want;
}

static bool
bool_err(Value v, ErrorCode want)
{
    bool b = false;
    ErrorCode e = XE_NONE;
    return !value_to_bool(v, &b, &e) && e == want;
}

/* The text of v as & sees it, or "<error>" when it is an error. */
static const char *
as_text(Value v)
{
    static char out[128];
    StrBuf b;
    ErrorCode e = XE_NONE;
    strbuf_init(&b);
    strbuf_puts(&b, "");
    if (value_to_text(v, &b, &e))
        snprintf(out, sizeof out, "%s", b.data);
    else
        snprintf(out, sizeof out, "<%s>", value_error_text(e));
    strbuf_free(&b);
    return out;
}

static void
test_layout(void)
{
    CHECK(sizeof(Value) == 16);
    Value v = value_number(3);
    CHECK(v.kind == VK_NUMBER && v.u.num == 3);
    CHECK(value_number(NAN).kind == VK_ERROR);
    CHECK(value_number(NAN).err == XE_NUM);
    CHECK(value_number(INFINITY).err == XE_NUM);
    CHECK(value_number(-INFINITY).err == XE_NUM);
    volatile double big = 1e308;
    CHECK(value_number(big * 10).err == XE_NUM);
    CHECK(value_number(1e308).kind == VK_NUMBER);
    CHECK(value_number(-0.0).kind == VK_NUMBER);
    CHECK(value_is_error(value_error(XE_NA)));
    CHECK(!value_is_error(value_number(0)));
    CHECK(value_empty().kind == VK_EMPTY);
    CHECK(value_emptyarg().kind == VK_EMPTYARG);
    CHECK(value_bool(true).u.b && !value_bool(false).u.b);

    Array *arr = value_array_new(&arena, 2, 3);
    CHECK(arr->rows == 2 && arr->cols == 3);
    int empties = 0;
    for (int i = 0; i < 6; i++)
        empties += arr->v[i].kind == VK_EMPTY;
    CHECK(empties == 6);
}

static void
test_errors(void)
{
    /* 1..7 are ERROR.TYPE()'s codes. */
    CHECK(XE_NULL == 1 && XE_DIV0 == 2 && XE_VALUE == 3 && XE_REF == 4);
    CHECK(XE_NAME == 5 && XE_NUM == 6 && XE_NA == 7);
    CHECK_STR(value_error_text(XE_NULL), "#NULL!");
    CHECK_STR(value_error_text(XE_DIV0), "#DIV/0!");
    CHECK_STR(value_error_text(XE_VALUE), "#VALUE!");
    CHECK_STR(value_error_text(XE_REF), "#REF!");
    CHECK_STR(value_error_text(XE_NAME), "#NAME?");
    CHECK_STR(value_error_text(XE_NUM), "#NUM!");
    CHECK_STR(value_error_text(XE_NA), "#N/A");
    CHECK_STR(value_error_text(XE_GETTING_DATA), "#GETTING_DATA");
    CHECK_STR(value_error_text(XE_SPILL), "#SPILL!");
    CHECK_STR(value_error_text(XE_CALC), "#CALC!");
    CHECK_STR(value_error_text(XE_CIRC), "#CIRC!");

    /* Parsing: every Excel error, any case; never the internal #CIRC!. */
    for (int e = XE_NULL; e <= XE_CALC; e++) {
        const char *t = value_error_text((ErrorCode)e);
        CHECK(value_error_parse(t, strlen(t)) == (ErrorCode)e);
    }
    CHECK(value_error_parse("#n/a", 4) == XE_NA);
    CHECK(value_error_parse("#Div/0!", 7) == XE_DIV0);
    CHECK(value_error_parse("#CIRC!", 6) == XE_NONE);
    CHECK(value_error_parse("#FOO!", 5) == XE_NONE);
    CHECK(value_error_parse("#N/", 3) == XE_NONE);
    CHECK(value_error_parse("#N/A ", 5) == XE_NONE);
    CHECK(value_error_parse("", 0) == XE_NONE);
}

static void
test_to_number(void)
{
    CHECK(num_ok(value_number(2.5), 2.5));
    CHECK(num_ok(value_empty(), 0));
    CHECK(num_ok(value_emptyarg(), 0));
    CHECK(num_ok(value_bool(true), 1));
    CHECK(num_ok(value_bool(false), 0));
    /* Numeric text, as ="12"+0 gives 12. */
    CHECK(num_ok(text("12"), 12));
    CHECK(num_ok(text(" 12 "), 12));
    CHECK(num_ok(text("-3.5"), -3.5));
    CHECK(num_ok(text("+.5"), 0.5));
    CHECK(num_ok(text("1e3"), 1000));
    CHECK(num_ok(text("1.5E-2"), 0.015));
    CHECK(num_ok(text("12%"), 0.12));
    CHECK(num_ok(text("5."), 5));
    /* Other text is #VALUE!: ="abc"+0, =""+0, ="1e"+0, hex, inf. */
    CHECK(num_err(text("abc"), XE_VALUE));
    CHECK(num_err(text(""), XE_VALUE));
    CHECK(num_err(text("   "), XE_VALUE));
    CHECK(num_err(text("1e"), XE_VALUE));
    CHECK(num_err(text("."), XE_VALUE));
    CHECK(num_err(text("-"), XE_VALUE));
    CHECK(num_err(text("%"), XE_VALUE));
    CHECK(num_err(text("0x10"), XE_VALUE));
    CHECK(num_err(text("inf"), XE_VALUE));
    CHECK(num_err(text("nan"), XE_VALUE));
    CHECK(num_err(text("1 2"), XE_VALUE));
    CHECK(num_err(text("TRUE"), XE_VALUE));
    CHECK(num_err(text("1e999"), XE_VALUE)); /* not finite */
    /* Errors pass through with their own code. */
    CHECK(num_err(value_error(XE_NA), XE_NA));
    CHECK(num_err(value_error(XE_DIV0), XE_DIV0));
}

static void
test_to_bool(void)
{
    CHECK(bool_is(value_number(0), false));
    CHECK(bool_is(value_number(-0.5), true));
    CHECK(bool_is(value_number(2), true));
    CHECK(bool_is(value_bool(true), true));
    CHECK(bool_is(value_empty(), false));
    CHECK(bool_is(value_emptyarg(), false));
    CHECK(bool_is(text("TRUE"), true));
    CHECK(bool_is(text("true"), true));
    CHECK(bool_is(text("False"), false));
    CHECK(bool_err(text("yes"), XE_VALUE));
    CHECK(bool_err(text("1"), XE_VALUE));
    CHECK(bool_err(text(""), XE_VALUE));
    CHECK(bool_err(value_error(XE_REF), XE_REF));
}

static void
test_to_text(void)
{
    CHECK_STR(as_text(value_number(1.5)), "1.5");
    CHECK_STR(as_text(value_number(-0.0)), "0");
    CHECK_STR(as_text(value_number(1.0 / 3)), "0.333333333333333");
    CHECK_STR(as_text(value_number(100)), "100");
    CHECK_STR(as_text(value_bool(true)), "TRUE");
    CHECK_STR(as_text(value_bool(false)), "FALSE");
    CHECK_STR(as_text(value_empty()), "");
    CHECK_STR(as_text(text("Zürich")), "Zürich");
    CHECK_STR(as_text(value_error(XE_NA)), "<#N/A>");
}

static void
test_parse_number(void)
{
    double x = 0;
    CHECK(value_parse_number("42", 2, &x) && x == 42);
    CHECK(value_parse_number("4200", 2, &x) && x == 42); /* only n bytes */
    CHECK(value_parse_number("  7%", 4, &x) && x == 0.07);
    CHECK(!value_parse_number("", 0, &x));
    CHECK(!value_parse_number("1.2.3", 5, &x));
    CHECK(!value_parse_number("--1", 3, &x));
}

static int
sign(int x)
{
    return (x > 0) - (x < 0);
}

/* compare(a, b) is want and compare(b, a) its opposite. */
static bool
cmp_is(Value a, Value b, int want)
{
    return sign(value_compare(a, b)) == want && sign(value_compare(b, a)) == -want;
}

static void
test_compare(void)
{
    /* Numbers by value. */
    CHECK(cmp_is(value_number(1), value_number(2), -1));
    CHECK(cmp_is(value_number(-1), value_number(-1), 0));
    CHECK(cmp_is(value_number(0), value_number(-0.0), 0));
    /* Numbers < text < booleans, whatever the values: =1E+300<"" is
     * TRUE, ="zzz"<FALSE is TRUE, ="1"=1 is FALSE and "1">1. */
    CHECK(cmp_is(value_number(1e300), text(""), -1));
    CHECK(cmp_is(value_number(5), text("a"), -1));
    CHECK(cmp_is(text("1"), value_number(1), 1));
    CHECK(cmp_is(text("zzz"), value_bool(false), -1));
    CHECK(cmp_is(value_number(100), value_bool(false), -1));
    CHECK(cmp_is(value_bool(false), value_bool(true), -1));
    CHECK(cmp_is(value_bool(true), value_bool(true), 0));
    /* Text without case, by characters, a prefix first. */
    CHECK(cmp_is(text("ABC"), text("abc"), 0));
    CHECK(cmp_is(text("Apple"), text("apricot"), -1));
    CHECK(cmp_is(text("ab"), text("abc"), -1));
    CHECK(cmp_is(text("b"), text("A"), 1));
    CHECK(cmp_is(text(""), text(""), 0));
    CHECK(cmp_is(text(""), text("a"), -1));
    /* An empty cell is 0 beside a number, "" beside text, FALSE beside a
     * boolean: =A1=0, =A1="", =A1=FALSE are all TRUE for an empty A1. */
    CHECK(cmp_is(value_empty(), value_number(0), 0));
    CHECK(cmp_is(value_empty(), value_number(1), -1));
    CHECK(cmp_is(value_empty(), value_number(-1), 1));
    CHECK(cmp_is(value_empty(), text(""), 0));
    CHECK(cmp_is(value_empty(), text("a"), -1));
    CHECK(cmp_is(value_empty(), value_bool(false), 0));
    CHECK(cmp_is(value_empty(), value_bool(true), -1));
    CHECK(cmp_is(value_empty(), value_empty(), 0));
    CHECK(cmp_is(value_emptyarg(), value_number(0), 0));
    CHECK(cmp_is(value_emptyarg(), value_empty(), 0));
}

int
main(void)
{
    arena_init(&arena);
    test_layout();
    test_errors();
    test_to_number();
    test_to_bool();
    test_to_text();
    test_parse_number();
    test_compare();
    arena_free(&arena);
    return test_report("test_value");
}
