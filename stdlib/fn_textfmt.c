/*
 * fn_textfmt: numbers to text and back (stdlib module): TEXT and VALUE.
 *
 * TEXT renders through engine/numfmt (the renderer the exporter sizes
 * columns with), a pure module with no book access, so TEXT(x, fmt) shows
 * exactly what a cell formatted fmt shows: digit placeholders, grouping,
 * percent, exponents, literals, sections and 1900-system date codes.
 */
#include "fn_impl.h"

#include <ctype.h>
#include <string.h>

#include "fn_date.h"
#include "numfmt.h"

/* TEXT(value, format): value shown in an Excel number format. Text that is
 * not a number goes through the format's text section; a date format
 * applied to a number outside the date system is #VALUE! (Excel). */
Value
fn_text(FnCtx *cx, int argc, const Value *argv)
{
    StrBuf fmt;
    StrBuf out;
    (void)argc;
    Value v = fn_scalar(cx, argv[0]);
    if (v.kind == VK_ERROR)
        return v;
    strbuf_init(&fmt);
    ErrorCode err = fn_arg_text(cx, argv[1], &fmt);
    if (err != XE_NONE) {
        strbuf_free(&fmt);
        return value_error(err);
    }
    double x;
    ErrorCode ignore;
    strbuf_init(&out);
    if (v.kind == VK_BOOL) {
        strbuf_puts(&out, v.u.b ? "TRUE" : "FALSE");
    } else if (v.kind == VK_STRING && !value_to_number(v, &x, &ignore)) {
        numfmt_render_text(fmt.data, v.u.str->s, &out);
    } else {
        if (!value_to_number(v, &x, &ignore))
            x = 0;  /* empty */
        if (numfmt_is_date(fmt.data) && (x < 0 || x >= FN_DATE_MAX + 1))
            err = XE_VALUE;
        else
            numfmt_render(fmt.data, x, &out);
    }
    strbuf_free(&fmt);
    Value res = err != XE_NONE ? value_error(err) : fn_make_string(cx, out.data, out.len);
    strbuf_free(&out);
    return res;
}

/* Reads n digits at s[*i] into *out; false when fewer. */
static bool
fn_value_digits(const char *s, size_t len, size_t *i, int n, int *out)
{
    int v = 0;
    int k = 0;
    while (*i < len && isdigit((unsigned char)s[*i]) && k < n) {
        v = v * 10 + (s[(*i)++] - '0');
        k++;
    }
    *out = v;
    return k > 0 && (k == n || n > 2);
}

/* "yyyy-mm-dd" as a serial, or "h:mm" / "h:mm:ss" as a fraction of a day;
 * false for anything else or an impossible date or time. */
static bool
fn_value_datetime(const char *s, size_t n, double *out)
{
    size_t i = 0;
    int a, b, c = 0;
    while (n > 0 && s[n - 1] == ' ')
        n--;
    while (i < n && s[i] == ' ')
        i++;
    size_t start = i;
    if (!fn_value_digits(s, n, &i, 4, &a))
        return false;
    if (i - start == 4 && i < n && s[i] == '-') {
        i++;
        if (!fn_value_digits(s, n, &i, 2, &b) || i >= n || s[i++] != '-' ||
            !fn_value_digits(s, n, &i, 2, &c) || i != n)
            return false;
        if (a < 1900 || b < 1 || b > 12 || c < 1 || c > fn_date_month_days(a, b))
            return false;
        *out = (double)fn_date_serial(a, b, c);
        return true;
    }
    if (i - start > 2 || i >= n || s[i++] != ':' || !fn_value_digits(s, n, &i, 2, &b))
        return false;
    if (i < n && (s[i++] != ':' || !fn_value_digits(s, n, &i, 2, &c)))
        return false;
    if (i != n || b > 59 || c > 59)
        return false;
    *out = (a * 3600.0 + b * 60.0 + c) / 86400.0;
    return true;
}

/* Plain numbers with thousands separators ("1,234.5", "$1,234"): the
 * separators and one leading "$" removed, then value_parse_number. */
static bool
fn_value_grouped(const char *s, size_t n, double *out)
{
    char buf[128] = "";  /* zeroed: gcc cannot see k == 0 leaves it unread */
    size_t k = 0;
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    bool neg = i < n && s[i] == '-';
    if (neg)
        i++;
    if (i < n && s[i] == '$')
        i++;
    size_t run = 0;
    bool grouped = false;
    bool frac = false;
    for (; i < n && k + 1 < sizeof buf; i++) {
        char c = s[i];
        if (c == ',' && !frac) {
            if (run == 0 || (grouped && run != 3))
                return false;
            grouped = true;
            run = 0;
            continue;
        }
        if (c == '.')
            frac = true;
        else if (isdigit((unsigned char)c) && !frac)
            run++;
        if (!frac && !isdigit((unsigned char)c))
            break;
        buf[k++] = c;
    }
    if (grouped && run != 3)
        return false;
    for (; i < n && k + 1 < sizeof buf; i++)
        buf[k++] = s[i];
    if (i < n || !value_parse_number(buf, k, out))
        return false;
    if (neg)
        *out = -*out;
    return true;
}

bool
fn_text_to_number(const char *s, size_t n, double *out)
{
    double x;
    if (value_parse_number(s, n, &x) || fn_value_datetime(s, n, &x) ||
        fn_value_grouped(s, n, &x)) {
        *out = x;
        return true;
    }
    /* Accounting negatives, as typed into a cell: "(100)" is -100. */
    if (n > 2 && s[0] == '(' && s[n - 1] == ')' && s[1] != '-' &&
        (value_parse_number(s + 1, n - 2, &x) || fn_value_grouped(s + 1, n - 2, &x))) {
        *out = -x;
        return true;
    }
    return false;
}

/* VALUE(text): the number text shows: plain numbers ("1.5e3", "12%"),
 * thousands separators and a leading "$", "(100)" as -100, ISO dates
 * "2024-01-15" and times "13:30" or "13:30:15". Numbers pass through, an empty cell is 0; other
 * text and booleans #VALUE!. */
Value
fn_value(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    Value v = fn_scalar(cx, argv[0]);
    double x;
    switch (v.kind) {
    case VK_NUMBER:
        return v;
    case VK_EMPTY:
    case VK_EMPTYARG:
        return value_number(0);
    case VK_ERROR:
        return v;
    case VK_STRING: {
        if (fn_text_to_number(v.u.str->s, v.u.str->len, &x))
            return value_number(x);
        return value_error(XE_VALUE);
    }
    default:
        return value_error(XE_VALUE);
    }
}
