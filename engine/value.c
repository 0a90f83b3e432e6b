/*
 * value: error names and the coercion rules shared by operators and the
 * stdlib helpers, so no function can drift from Excel's conversions.
 */
#include "value.h"

#include "fn.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const value_error_names[] = {
    [XE_NONE] = "",
    [XE_NULL] = "#NULL!",
    [XE_DIV0] = "#DIV/0!",
    [XE_VALUE] = "#VALUE!",
    [XE_REF] = "#REF!",
    [XE_NAME] = "#NAME?",
    [XE_NUM] = "#NUM!",
    [XE_NA] = "#N/A",
    [XE_GETTING_DATA] = "#GETTING_DATA",
    [XE_SPILL] = "#SPILL!",
    [XE_CALC] = "#CALC!",
    [XE_CIRC] = "#CIRC!",
};

const char *
value_error_text(ErrorCode e)
{
    if ((unsigned)e > XE_CIRC)
        return "#VALUE!";
    return value_error_names[e];
}

ErrorCode
value_error_parse(const char *s, size_t n)
{
    for (int e = XE_NULL; e <= XE_CALC; e++) {
        const char *name = value_error_names[e];
        if (str_eq_fold(name, strlen(name), s, n))
            return (ErrorCode)e;
    }
    return XE_NONE;
}

Array *
value_array_new(Arena *a, uint32_t rows, uint32_t cols)
{
    Array *arr = arena_zalloc(a, sizeof(Array) + (size_t)rows * cols * sizeof(Value));
    arr->rows = rows;
    arr->cols = cols;
    return arr;
}

bool
value_parse_number(const char *s, size_t n, double *out)
{
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    while (n > i && s[n - 1] == ' ')
        n--;
    if (i == n)
        return false;
    bool pct = false;
    if (s[n - 1] == '%') {
        pct = true;
        n--;
    }
    char buf[128];
    size_t len = n - i;
    if (len == 0 || len >= sizeof buf)
        return false;
    /* Only plain decimal syntax: strtod would also take hex, "inf", "nan". */
    size_t k = i;
    if (s[k] == '+' || s[k] == '-')
        k++;
    bool digits = false;
    while (k < n && isdigit((unsigned char)s[k])) {
        k++;
        digits = true;
    }
    if (k < n && s[k] == '.') {
        k++;
        while (k < n && isdigit((unsigned char)s[k])) {
            k++;
            digits = true;
        }
    }
    if (!digits)
        return false;
    if (k < n && (s[k] == 'e' || s[k] == 'E')) {
        k++;
        if (k < n && (s[k] == '+' || s[k] == '-'))
            k++;
        if (k >= n || !isdigit((unsigned char)s[k]))
            return false;
        while (k < n && isdigit((unsigned char)s[k]))
            k++;
    }
    if (k != n)
        return false;
    memcpy(buf, s + i, len);
    buf[len] = '\0';
    double x = strtod(buf, NULL);
    if (pct)
        x /= 100;
    if (x - x != 0)
        return false;
    *out = x;
    return true;
}

bool
value_to_number(Value v, double *out, ErrorCode *err)
{
    switch (v.kind) {
    case VK_NUMBER:
        *out = v.u.num;
        return true;
    case VK_EMPTY:
    case VK_EMPTYARG:
        *out = 0;
        return true;
    case VK_BOOL:
        *out = v.u.b ? 1 : 0;
        return true;
    case VK_STRING:
        /* Excel reads "$5", "1,000", "(100)", "2024-01-15" and "13:30" as
         * numbers here too, as VALUE does. */
        if (value_parse_number(v.u.str->s, v.u.str->len, out) ||
            fn_text_to_number(v.u.str->s, v.u.str->len, out))
            return true;
        *err = XE_VALUE;
        return false;
    case VK_ERROR:
        *err = (ErrorCode)v.err;
        return false;
    default:
        *err = XE_VALUE;
        return false;
    }
}

bool
value_to_bool(Value v, bool *out, ErrorCode *err)
{
    switch (v.kind) {
    case VK_NUMBER:
        *out = v.u.num != 0;
        return true;
    case VK_BOOL:
        *out = v.u.b;
        return true;
    case VK_EMPTY:
    case VK_EMPTYARG:
        *out = false;
        return true;
    case VK_STRING:
        if (str_eq_fold(v.u.str->s, v.u.str->len, "TRUE", 4)) {
            *out = true;
            return true;
        }
        if (str_eq_fold(v.u.str->s, v.u.str->len, "FALSE", 5)) {
            *out = false;
            return true;
        }
        *err = XE_VALUE;
        return false;
    case VK_ERROR:
        *err = (ErrorCode)v.err;
        return false;
    default:
        *err = XE_VALUE;
        return false;
    }
}

bool
value_to_text(Value v, StrBuf *b, ErrorCode *err)
{
    switch (v.kind) {
    case VK_NUMBER:
        strbuf_number(b, v.u.num);
        return true;
    case VK_STRING:
        strbuf_add(b, v.u.str->s, v.u.str->len);
        return true;
    case VK_BOOL:
        strbuf_puts(b, v.u.b ? "TRUE" : "FALSE");
        return true;
    case VK_EMPTY:
    case VK_EMPTYARG:
        return true;
    case VK_ERROR:
        *err = (ErrorCode)v.err;
        return false;
    default:
        *err = XE_VALUE;
        return false;
    }
}

static int
value_type_rank(Value v)
{
    switch (v.kind) {
    case VK_NUMBER:
        return 0;
    case VK_STRING:
        return 1;
    case VK_BOOL:
        return 2;
    default:
        return 0;
    }
}

static int
value_compare_text(const Str *a, const Str *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    for (size_t i = 0; i < n; i++) {
        int ca = tolower((unsigned char)a->s[i]);
        int cb = tolower((unsigned char)b->s[i]);
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    return a->len == b->len ? 0 : (a->len < b->len ? -1 : 1);
}

int
value_compare(Value a, Value b)
{
    /* An empty cell takes the type of the other side: 0, "" or FALSE. */
    if (a.kind == VK_EMPTY || a.kind == VK_EMPTYARG) {
        if (b.kind == VK_EMPTY || b.kind == VK_EMPTYARG)
            return 0;
        if (b.kind == VK_STRING)
            return b.u.str->len == 0 ? 0 : -1;
        if (b.kind == VK_BOOL)
            return b.u.b ? -1 : 0;
        a = value_number(0);
    }
    if (b.kind == VK_EMPTY || b.kind == VK_EMPTYARG)
        return -value_compare(b, a);
    int ra = value_type_rank(a), rb = value_type_rank(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    switch (a.kind) {
    case VK_NUMBER:
        return a.u.num < b.u.num ? -1 : (a.u.num > b.u.num ? 1 : 0);
    case VK_STRING:
        return value_compare_text(a.u.str, b.u.str);
    case VK_BOOL:
        return (int)a.u.b - (int)b.u.b;
    default:
        return 0;
    }
}

bool
value_identical(Value a, Value b)
{
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case VK_NUMBER:
        return memcmp(&a.u.num, &b.u.num, sizeof a.u.num) == 0;
    case VK_STRING:
        return a.u.str->len == b.u.str->len &&
               memcmp(a.u.str->s, b.u.str->s, a.u.str->len) == 0;
    case VK_BOOL:
        return a.u.b == b.u.b;
    case VK_ERROR:
        return a.err == b.err;
    case VK_EMPTY:
        return true;
    default:
        return false;
    }
}
