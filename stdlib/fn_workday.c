/*
 * fn_workday: working-day arithmetic (stdlib module): NETWORKDAYS and
 * WORKDAY. Saturday and Sunday are the weekend; holidays come from a
 * reference, an array or a single date: blank cells are skipped, numbers
 * truncated to dates, errors propagate, text or a boolean is #VALUE! and a
 * number outside the date system #NUM!.
 */
#include "fn_date.h"

#include <stdlib.h>

#include "fn_impl.h"

typedef struct Holidays {
    int64_t *d;             /* sorted, unique; in cx->scratch */
    size_t n;
} Holidays;

static int
fn_workday_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a;
    int64_t y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static ErrorCode
fn_workday_holidays(FnCtx *cx, int argc, const Value *argv, int i, Holidays *h)
{
    h->d = NULL;
    h->n = 0;
    if (argc <= i || argv[i].kind == VK_EMPTYARG)
        return XE_NONE;
    RangeIter it;
    Value e;
    fn_iter_init(&it, cx, argv[i]);
    h->d = arena_alloc(cx->scratch, (size_t)(it.n ? it.n : 1) * sizeof *h->d);
    while (fn_iter_next(&it, &e)) {
        if (e.kind == VK_EMPTY)
            continue;
        if (e.kind == VK_ERROR)
            return (ErrorCode)e.err;
        if (e.kind != VK_NUMBER)
            return XE_VALUE;
        if (e.u.num < 0 || e.u.num >= FN_DATE_MAX + 1)
            return XE_NUM;
        h->d[h->n++] = (int64_t)e.u.num;
    }
    qsort(h->d, h->n, sizeof *h->d, fn_workday_cmp);
    size_t k = 0;
    for (size_t j = 0; j < h->n; j++)
        if (k == 0 || h->d[j] != h->d[k - 1])
            h->d[k++] = h->d[j];
    h->n = k;
    return XE_NONE;
}

static bool
fn_workday_is_holiday(const Holidays *h, int64_t s)
{
    return h->n && bsearch(&s, h->d, h->n, sizeof *h->d, fn_workday_cmp);
}

static bool
fn_workday_is_weekend(int64_t s)
{
    int w = fn_date_weekday(s);
    return w == 0 || w == 6;
}

/* Monday..Friday serials in [0, s) (serial 0 is a Saturday). */
static int64_t
fn_workday_count_before(int64_t s)
{
    int64_t weeks = s / 7;
    int64_t n = weeks * 5;
    for (int64_t t = weeks * 7; t < s; t++)
        n += !fn_workday_is_weekend(t);
    return n;
}

/* NETWORKDAYS(start, end, [holidays]): working days from start to end, both
 * included, less the holidays among them; negative when end < start. */
Value
fn_networkdays(FnCtx *cx, int argc, const Value *argv)
{
    int64_t s;
    int64_t e;
    Holidays h;
    ErrorCode err = fn_date_arg(cx, argv[0], &s);
    if (err == XE_NONE)
        err = fn_date_arg(cx, argv[1], &e);
    if (err == XE_NONE)
        err = fn_workday_holidays(cx, argc, argv, 2, &h);
    if (err != XE_NONE)
        return value_error(err);
    int sign = 1;
    if (s > e) {
        int64_t t = s;
        s = e;
        e = t;
        sign = -1;
    }
    int64_t n = fn_workday_count_before(e + 1) - fn_workday_count_before(s);
    for (size_t i = 0; i < h.n; i++)
        n -= h.d[i] >= s && h.d[i] <= e && !fn_workday_is_weekend(h.d[i]);
    return value_number((double)(sign * n));
}

/* WORKDAY(start, days, [holidays]): the date days working days after
 * (before, if negative) start; start itself when days is 0. A result
 * outside the date system #NUM!. */
Value
fn_workday(FnCtx *cx, int argc, const Value *argv)
{
    int64_t s;
    double k;
    Holidays h;
    ErrorCode err = fn_date_arg(cx, argv[0], &s);
    if (err == XE_NONE)
        err = fn_arg_int(cx, argv[1], &k);
    if (err == XE_NONE)
        err = fn_workday_holidays(cx, argc, argv, 2, &h);
    if (err != XE_NONE)
        return value_error(err);
    if (k > FN_DATE_MAX || k < -FN_DATE_MAX)
        return value_error(XE_NUM);
    int64_t left = (int64_t)(k < 0 ? -k : k);
    int step = k < 0 ? -1 : 1;
    /* Whole weeks first when no holiday can interfere. */
    if (h.n == 0 && left > 5) {
        int64_t weeks = (left - 1) / 5;
        s += step * weeks * 7;
        left -= weeks * 5;
    }
    while (left > 0) {
        s += step;
        if (s < 0 || s > FN_DATE_MAX)
            return value_error(XE_NUM);
        if (!fn_workday_is_weekend(s) && !fn_workday_is_holiday(&h, s))
            left--;
    }
    if (s < 0 || s > FN_DATE_MAX)
        return value_error(XE_NUM);
    return value_number((double)s);
}
