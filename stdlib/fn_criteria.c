/*
 * fn_criteria: criteria parsing and matching for the conditional
 * aggregates (stdlib module; see fn_criteria.h for the rules).
 */
#include "fn_criteria.h"

#include <ctype.h>
#include <string.h>

/* Length of the UTF-8 sequence starting with byte c (1 for stray bytes). */
static size_t
fn_criteria_utf8_len(unsigned char c)
{
    if (c >= 0xF0)
        return 4;
    if (c >= 0xE0)
        return 3;
    if (c >= 0xC0)
        return 2;
    return 1;
}

bool
fn_wildcard_match(const char *p, size_t np, const char *s, size_t ns)
{
    size_t i = 0;
    size_t j = 0;
    size_t star_i = (size_t)-1; /* pattern position after the last '*' */
    size_t star_j = 0;          /* text position that '*' matched up to */
    while (j < ns) {
        if (i < np && p[i] == '*') {
            star_i = ++i;
            star_j = j;
            continue;
        }
        if (i < np && p[i] == '?') {
            i++;
            j += fn_criteria_utf8_len((unsigned char)s[j]);
            continue;
        }
        if (i < np) {
            size_t k = i;
            if (p[k] == '~' && k + 1 < np)
                k++;
            if (tolower((unsigned char)p[k]) == tolower((unsigned char)s[j])) {
                i = k + 1;
                j++;
                continue;
            }
        }
        if (star_i == (size_t)-1)
            return false;
        /* Backtrack: let the last '*' swallow one more character. */
        i = star_i;
        star_j += fn_criteria_utf8_len((unsigned char)s[star_j]);
        j = star_j;
    }
    while (i < np && p[i] == '*')
        i++;
    return i == np && j >= ns;
}

/* True when text holds a wildcard or escape character. */
static bool
fn_criteria_has_wild(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '*' || s[i] == '?' || s[i] == '~')
            return true;
    return false;
}

ErrorCode
fn_criteria_parse(FnCtx *cx, Value arg, FnCriteria *out)
{
    Value v = fn_scalar(cx, arg);
    memset(out, 0, sizeof *out);
    out->op = CRIT_EQ;
    switch (v.kind) {
    case VK_ERROR:
        return (ErrorCode)v.err;
    case VK_NUMBER:
    case VK_BOOL:
        out->operand = v;
        return XE_NONE;
    case VK_STRING:
        break;
    default:
        /* An empty criteria cell or an omitted argument is "", as in
         * Excel: it matches empty cells. */
        out->operand = value_empty();
        return XE_NONE;
    }
    const char *s = v.u.str->s;
    size_t n = v.u.str->len;
    size_t skip = 0;
    if (n >= 2 && s[0] == '<' && s[1] == '>') {
        out->op = CRIT_NE;
        skip = 2;
    } else if (n >= 2 && s[0] == '<' && s[1] == '=') {
        out->op = CRIT_LE;
        skip = 2;
    } else if (n >= 2 && s[0] == '>' && s[1] == '=') {
        out->op = CRIT_GE;
        skip = 2;
    } else if (n >= 1 && (s[0] == '<' || s[0] == '>' || s[0] == '=')) {
        out->op = s[0] == '<' ? CRIT_LT : s[0] == '>' ? CRIT_GT : CRIT_EQ;
        skip = 1;
    }
    s += skip;
    n -= skip;
    double x;
    ErrorCode e;
    if (n == 0) {
        /* "=" matches only empty cells and "<>" everything else, so a
         * formula giving "" is not blank there; a bare "" matches both. */
        out->operand = value_empty();
        out->blank_only = (skip == 1 && out->op == CRIT_EQ) || out->op == CRIT_NE;
    } else if (value_parse_number(s, n, &x)) {
        out->operand = value_number(x);
    } else if (str_eq_fold(s, n, "TRUE", 4) || str_eq_fold(s, n, "FALSE", 5)) {
        out->operand = value_bool(n == 4);
    } else if ((e = value_error_parse(s, n)) != XE_NONE) {
        out->operand = value_error(e);
    } else {
        out->operand = fn_make_string(cx, s, n);
        out->wild = (out->op == CRIT_EQ || out->op == CRIT_NE) &&
                    fn_criteria_has_wild(s, n);
    }
    return XE_NONE;
}

/* Applies an ordering operator to a three-way comparison result. */
static bool
fn_criteria_order(CritOp op, int c)
{
    switch (op) {
    case CRIT_EQ: return c == 0;
    case CRIT_NE: return c != 0;
    case CRIT_LT: return c < 0;
    case CRIT_LE: return c <= 0;
    case CRIT_GT: return c > 0;
    case CRIT_GE: return c >= 0;
    }
    return false;
}

/* Whether v equals the operand in the criteria's sense (for = and <>). */
static bool
fn_criteria_equal(const FnCriteria *c, Value v)
{
    Value o = c->operand;
    double x;
    switch (o.kind) {
    case VK_EMPTY:
        if (v.kind == VK_EMPTY)
            return true;
        return !c->blank_only && v.kind == VK_STRING && v.u.str->len == 0;
    case VK_NUMBER:
        if (v.kind == VK_NUMBER)
            return v.u.num == o.u.num;
        return v.kind == VK_STRING &&
               value_parse_number(v.u.str->s, v.u.str->len, &x) && x == o.u.num;
    case VK_BOOL:
        return v.kind == VK_BOOL && v.u.b == o.u.b;
    case VK_ERROR:
        return v.kind == VK_ERROR && v.err == o.err;
    case VK_STRING:
        if (v.kind != VK_STRING)
            return false;
        if (c->wild)
            return fn_wildcard_match(o.u.str->s, o.u.str->len, v.u.str->s,
                                     v.u.str->len);
        return value_compare(v, o) == 0;
    default:
        return false;
    }
}

bool
fn_criteria_match(const FnCriteria *c, Value v)
{
    if (c->op == CRIT_EQ)
        return fn_criteria_equal(c, v);
    if (c->op == CRIT_NE)
        return !fn_criteria_equal(c, v);
    Value o = c->operand;
    double x;
    switch (o.kind) {
    case VK_NUMBER:
        if (v.kind == VK_NUMBER)
            return fn_criteria_order(c->op, value_compare(v, o));
        if (v.kind == VK_STRING && value_parse_number(v.u.str->s, v.u.str->len, &x))
            return fn_criteria_order(c->op, value_compare(value_number(x), o));
        return false;
    case VK_STRING:
        return v.kind == VK_STRING && fn_criteria_order(c->op, value_compare(v, o));
    case VK_BOOL:
        return v.kind == VK_BOOL && fn_criteria_order(c->op, value_compare(v, o));
    default:
        /* "<" or ">=" with nothing after it, or an error: Excel matches
         * nothing. */
        return false;
    }
}
