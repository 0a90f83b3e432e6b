/*
 * fn_search: element access and the exact, approximate and wildcard
 * searches shared by the lookup functions (stdlib module). Searches are
 * iterative; none recurses.
 */
#include "fn_search.h"

#include <string.h>

void
fn_lookvec_init(LookVec *v, FnCtx *cx, Value src, bool down, uint32_t fixed)
{
    uint32_t rows, cols;
    fn_value_used(cx, src, &rows, &cols);
    v->cx = cx;
    v->src = src;
    v->down = down;
    v->fixed = fixed;
    v->n = down ? rows : cols;
}

Value
fn_lookvec_at(const LookVec *v, uint32_t i)
{
    return v->down ? fn_value_at(v->cx, v->src, i, v->fixed)
                   : fn_value_at(v->cx, v->src, v->fixed, i);
}

int
fn_look_class(Value v)
{
    switch (v.kind) {
    case VK_NUMBER:
        return 0;
    case VK_STRING:
        return 1;
    case VK_BOOL:
        return 2;
    default:
        return -1;
    }
}

static int
fn_fold(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Bytes in the UTF-8 sequence starting at s[0] (at least 1, at most left). */
static size_t
fn_utf8_step(const char *s, size_t left)
{
    size_t k = 1;
    while (k < left && ((unsigned char)s[k] & 0xC0) == 0x80)
        k++;
    return k;
}

/* Backtracks to the last star only, so it is linear-ish and never
 * recurses. */
bool
fn_wild_match(const char *p, size_t pn, const char *s, size_t sn)
{
    size_t pi = 0;
    size_t si = 0;
    size_t star = (size_t)-1;
    size_t mark = 0;
    while (si < sn) {
        if (pi < pn && p[pi] == '*') {
            star = ++pi;
            mark = si;
            continue;
        }
        if (pi < pn && p[pi] == '?') {
            pi++;
            si += fn_utf8_step(s + si, sn - si);
            continue;
        }
        if (pi < pn) {
            size_t lit = pi;
            if (p[pi] == '~' && pi + 1 < pn &&
                (p[pi + 1] == '*' || p[pi + 1] == '?' || p[pi + 1] == '~'))
                lit = pi + 1;
            if (fn_fold((unsigned char)p[lit]) ==
                fn_fold((unsigned char)s[si])) {
                pi = lit + 1;
                si++;
                continue;
            }
        }
        if (star == (size_t)-1)
            return false;
        pi = star;
        mark += fn_utf8_step(s + mark, sn - mark);
        si = mark;
    }
    while (pi < pn && p[pi] == '*')
        pi++;
    return pi == pn;
}

bool
fn_look_equal(Value key, Value e, bool wild)
{
    if (fn_look_class(e) != fn_look_class(key))
        return false;
    if (key.kind == VK_STRING && wild)
        return fn_wild_match(key.u.str->s, key.u.str->len, e.u.str->s,
                             e.u.str->len);
    return value_compare(key, e) == 0;
}

/* A probe on another class walks left to the nearest comparable element;
 * none left of it means "go right". */
int64_t
fn_look_approx(const LookVec *v, Value key, int dir)
{
    int kc = fn_look_class(key);
    int64_t lo = 0;
    int64_t hi = (int64_t)v->n - 1;
    int64_t found = -1;
    while (lo <= hi) {
        int64_t mid = lo + (hi - lo) / 2;
        int64_t k = mid;
        Value e = fn_lookvec_at(v, (uint32_t)k);
        while (fn_look_class(e) != kc && --k >= lo)
            e = fn_lookvec_at(v, (uint32_t)k);
        if (k < lo) {
            lo = mid + 1;
            continue;
        }
        if (value_compare(e, key) * dir <= 0) {
            found = k;
            lo = mid + 1;
        } else {
            hi = k - 1;
        }
    }
    return found;
}

int64_t
fn_look_linear(const LookVec *v, Value key, bool wild, bool reverse)
{
    for (uint32_t j = 0; j < v->n; j++) {
        uint32_t i = reverse ? v->n - 1 - j : j;
        if (fn_look_equal(key, fn_lookvec_at(v, i), wild))
            return i;
    }
    return -1;
}

Value
fn_select(FnCtx *cx, Value src, uint32_t r0, uint32_t r1, uint32_t c0,
          uint32_t c1)
{
    if (src.kind == VK_RANGE) {
        RangeRef *rr = arena_alloc(cx->scratch, sizeof *rr);
        rr->sheet = src.u.range->sheet;
        rr->row0 = src.u.range->row0 + r0;
        rr->row1 = src.u.range->row0 + r1;
        rr->col0 = (uint16_t)(src.u.range->col0 + c0);
        rr->col1 = (uint16_t)(src.u.range->col0 + c1);
        return value_range(rr);
    }
    if (r0 == r1 && c0 == c1)
        return fn_value_at(cx, src, r0, c0);
    Array *a = value_array_new(cx->scratch, r1 - r0 + 1, c1 - c0 + 1);
    for (uint32_t r = r0; r <= r1; r++)
        for (uint32_t c = c0; c <= c1; c++)
            a->v[(size_t)(r - r0) * a->cols + (c - c0)] =
                fn_value_at(cx, src, r, c);
    return value_array(a);
}
