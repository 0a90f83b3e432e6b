/*
 * value: the 16-byte tagged union every layer passes by value, Excel error
 * codes, and the only place where coercion rules live.
 *
 * Invariants: a VK_NUMBER is always finite (constructors turn NaN and
 * infinities into #NUM!); strings, ranges and arrays point into an arena
 * whose lifetime the holder guarantees.
 */
#ifndef VS_VALUE_H
#define VS_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "str.h"

typedef enum ValueKind {
    VK_EMPTY = 0,   /* empty cell */
    VK_NUMBER,
    VK_STRING,
    VK_BOOL,
    VK_ERROR,
    VK_RANGE,       /* a reference, read lazily through the book */
    VK_ARRAY,       /* an in-memory matrix of scalar values */
    VK_EMPTYARG     /* an omitted argument: IF(A1,,1) */
} ValueKind;

/* Excel error codes; 1..7 equal ERROR.TYPE(). */
typedef enum ErrorCode {
    XE_NONE = 0,
    XE_NULL = 1,
    XE_DIV0,
    XE_VALUE,
    XE_REF,
    XE_NAME,
    XE_NUM,
    XE_NA,
    XE_GETTING_DATA,
    XE_SPILL,
    XE_CALC,
    XE_CIRC         /* internal: member of a circular reference */
} ErrorCode;

/* A rectangular area of one sheet, zero-based and inclusive. */
typedef struct RangeRef {
    uint32_t sheet;     /* index into the book's sheets */
    uint32_t row0;      /* first row, zero-based */
    uint32_t row1;      /* last row, zero-based, >= row0 */
    uint16_t col0;      /* first column, zero-based */
    uint16_t col1;      /* last column, zero-based, >= col0 */
} RangeRef;

typedef struct Array Array;

typedef struct Value {
    uint8_t kind;       /* ValueKind */
    uint8_t err;        /* ErrorCode when kind == VK_ERROR */
    union {
        double num;
        bool b;
        const Str *str;
        const RangeRef *range;
        const Array *arr;
    } u;
} Value;

struct Array {
    uint32_t rows;
    uint32_t cols;
    Value v[];          /* rows * cols scalars, row-major */
};

enum { VS_MAX_ROWS = 1048576, VS_MAX_COLS = 16384, VS_MAX_STRLEN = 32767 };

static inline Value
value_empty(void)
{
    Value v = {.kind = VK_EMPTY};
    return v;
}

static inline Value
value_emptyarg(void)
{
    Value v = {.kind = VK_EMPTYARG};
    return v;
}

static inline Value
value_error(ErrorCode e)
{
    Value v = {.kind = VK_ERROR, .err = (uint8_t)e};
    return v;
}

/* A number; NaN and infinities become #NUM!. */
static inline Value
value_number(double x)
{
    Value v;
    if (x - x != 0)
        return value_error(XE_NUM);
    v.kind = VK_NUMBER;
    v.err = 0;
    v.u.num = x;
    return v;
}

static inline Value
value_bool(bool b)
{
    Value v = {.kind = VK_BOOL};
    v.u.b = b;
    return v;
}

static inline Value
value_string(const Str *s)
{
    Value v = {.kind = VK_STRING};
    v.u.str = s;
    return v;
}

static inline Value
value_range(const RangeRef *r)
{
    Value v = {.kind = VK_RANGE};
    v.u.range = r;
    return v;
}

static inline Value
value_array(const Array *a)
{
    Value v = {.kind = VK_ARRAY};
    v.u.arr = a;
    return v;
}

static inline bool
value_is_error(Value v)
{
    return v.kind == VK_ERROR;
}

/* The Excel spelling of an error: "#DIV/0!", "#N/A", "#CIRC!" ... */
const char *value_error_text(ErrorCode e);

/* Parses an error literal (case-insensitive); XE_NONE when it is not one. */
ErrorCode value_error_parse(const char *s, size_t n);

/* A new Array of rows x cols empty values in arena a. */
Array *value_array_new(Arena *a, uint32_t rows, uint32_t cols);

/* Operator coercion to number: empty -> 0, bool -> 0/1, numeric text ->
 * its value, other text -> #VALUE!, errors pass through. Ranges and arrays
 * must be reduced to a scalar by the caller. Returns false and sets *err
 * when the value is not a number. */
bool value_to_number(Value v, double *out, ErrorCode *err);

/* Coercion to boolean for IF/AND/OR: numbers (non-zero), booleans, empty
 * (FALSE); text "TRUE"/"FALSE" as Excel accepts; other text #VALUE!. */
bool value_to_bool(Value v, bool *out, ErrorCode *err);

/* Text of a scalar as the & operator and CONCATENATE see it: numbers in
 * %.15g, TRUE/FALSE, empty as "". Appends to b; returns false with *err set
 * for an error value. */
bool value_to_text(Value v, StrBuf *b, ErrorCode *err);

/* Parses text as Excel's VALUE() would for plain numbers (leading/trailing
 * spaces, sign, decimals, exponent, trailing %); false when not numeric. */
/* Same kind and same payload (numbers bit for bit, texts byte for byte):
 * setting a cell to an identical value changes nothing downstream. */
bool value_identical(Value a, Value b);

bool value_parse_number(const char *s, size_t n, double *out);

/* Excel comparison of two scalars: -1, 0, 1. Numbers < text < booleans;
 * text compares case-insensitively; empty compares as 0, "" or FALSE
 * according to the other side. Errors must be handled by the caller. */
int value_compare(Value a, Value b);

#endif
