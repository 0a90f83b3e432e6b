/*
 * fn_datediff: differences between two dates (stdlib module): DATEDIF and
 * YEARFRAC. Both reproduce Excel's results, quirks included (DATEDIF's "MD"
 * can be negative; YEARFRAC's day-count bases follow the rules D. A.
 * Wheeler reverse-engineered from Excel and checked against it).
 */
#include "fn_date.h"

#include <string.h>

#include "fn_impl.h"

typedef struct Ymd {
    int y;
    int m;
    int d;
} Ymd;

static Ymd
fn_ymd(int64_t s)
{
    Ymd r;
    fn_date_ymd(s, &r.y, &r.m, &r.d);
    return r;
}

/* DATEDIF(start, end, unit): whole "Y" years, "M" months, "D" days; "YM"
 * months and "YD" days ignoring years; "MD" days ignoring months and years,
 * computed as Excel does (end - DATE(end year, end month - 1, start day)
 * when end's day is before start's), which gives -1 for 2016-01-31 to
 * 2016-03-01. start > end or an unknown unit #NUM!. */
Value
fn_datedif(FnCtx *cx, int argc, const Value *argv)
{
    int64_t s;
    int64_t e;
    StrBuf u;
    (void)argc;
    ErrorCode err = fn_date_arg(cx, argv[0], &s);
    if (err == XE_NONE)
        err = fn_date_arg(cx, argv[1], &e);
    strbuf_init(&u);
    if (err == XE_NONE)
        err = fn_arg_text(cx, argv[2], &u);
    char unit[3] = {0};
    if (err == XE_NONE && u.len >= 1 && u.len <= 2) {
        for (size_t i = 0; i < u.len; i++)
            unit[i] = (char)(u.data[i] >= 'a' && u.data[i] <= 'z' ? u.data[i] - 32 : u.data[i]);
    }
    strbuf_free(&u);
    if (err != XE_NONE)
        return value_error(err);
    if (s > e)
        return value_error(XE_NUM);
    Ymd a = fn_ymd(s);
    Ymd b = fn_ymd(e);
    int64_t months = (int64_t)(b.y - a.y) * 12 + (b.m - a.m) - (b.d < a.d);
    if (strcmp(unit, "D") == 0)
        return value_number((double)(e - s));
    if (strcmp(unit, "M") == 0)
        return value_number((double)months);
    if (strcmp(unit, "Y") == 0)
        return value_number((double)(months / 12));
    if (strcmp(unit, "YM") == 0)
        return value_number((double)(months % 12));
    if (strcmp(unit, "MD") == 0) {
        if (b.d >= a.d)
            return value_number(b.d - a.d);
        return value_number((double)(e - fn_date_serial(b.y, b.m - 1, a.d)));
    }
    if (strcmp(unit, "YD") == 0) {
        /* start moved to the last anniversary on or before end */
        int64_t anniv = fn_date_serial(b.y, a.m, a.d);
        if (anniv > e)
            anniv = fn_date_serial(b.y - 1, a.m, a.d);
        return value_number((double)(e - anniv));
    }
    return value_error(XE_NUM);
}

static bool
fn_is_last_of_feb(Ymd t)
{
    return t.m == 2 && t.d == fn_date_month_days(t.y, 2);
}

/* Basis 0: US (NASD) 30/360 as Excel applies it. */
static double
fn_yearfrac_us30(Ymd a, Ymd b)
{
    if (a.d == 31 && b.d == 31) {
        a.d = 30;
        b.d = 30;
    } else if (a.d == 31) {
        a.d = 30;
    } else if (a.d == 30 && b.d == 31) {
        b.d = 30;
    } else if (fn_is_last_of_feb(a) && fn_is_last_of_feb(b)) {
        a.d = 30;
        b.d = 30;
    } else if (fn_is_last_of_feb(a)) {
        a.d = 30;
    }
    return ((b.y - a.y) * 360.0 + (b.m - a.m) * 30.0 + (b.d - a.d)) / 360.0;
}

/* Basis 1: actual/actual. Within a year: days over 366 when a Feb 29 lies
 * in the span or ends it (or the single year is leap), else 365; over longer spans:
 * days over the average length of the calendar years touched. */
static double
fn_yearfrac_actual(int64_t s, int64_t e, Ymd a, Ymd b)
{
    double days = (double)(e - s);
    bool within = a.y == b.y ||
                  (b.y == a.y + 1 && (a.m > b.m || (a.m == b.m && a.d >= b.d)));
    if (within) {
        bool leap = false;
        if (a.y == b.y) {
            leap = fn_date_is_leap(a.y);
        } else {
            int64_t mar1a = fn_date_serial(a.y, 3, 1);
            int64_t mar1b = fn_date_serial(b.y, 3, 1);
            leap = (fn_date_is_leap(a.y) && s < mar1a && e >= mar1a) ||
                   (fn_date_is_leap(b.y) && e >= mar1b && s < mar1b) ||
                   (b.m == 2 && b.d == 29);
        }
        return days / (leap ? 366.0 : 365.0);
    }
    double span = (double)(fn_date_serial(b.y + 1, 1, 1) - fn_date_serial(a.y, 1, 1));
    return days / (span / (b.y - a.y + 1));
}

/* Basis 4: European 30/360. */
static double
fn_yearfrac_eu30(Ymd a, Ymd b)
{
    if (a.d == 31)
        a.d = 30;
    if (b.d == 31)
        b.d = 30;
    return ((b.y - a.y) * 360.0 + (b.m - a.m) * 30.0 + (b.d - a.d)) / 360.0;
}

/* YEARFRAC(start, end, [basis = 0]): the fraction of a year between two
 * dates (order does not matter). basis outside 0..4 #NUM!. */
Value
fn_yearfrac(FnCtx *cx, int argc, const Value *argv)
{
    int64_t s;
    int64_t e;
    double basis = 0;
    ErrorCode err = fn_date_arg(cx, argv[0], &s);
    if (err == XE_NONE)
        err = fn_date_arg(cx, argv[1], &e);
    if (err == XE_NONE && argc >= 3 && argv[2].kind != VK_EMPTYARG)
        err = fn_arg_int(cx, argv[2], &basis);
    if (err != XE_NONE)
        return value_error(err);
    if (basis < 0 || basis > 4)
        return value_error(XE_NUM);
    if (s > e) {
        int64_t t = s;
        s = e;
        e = t;
    }
    Ymd a = fn_ymd(s);
    Ymd b = fn_ymd(e);
    switch ((int)basis) {
    case 0:
        return value_number(fn_yearfrac_us30(a, b));
    case 1:
        return value_number(s == e ? 0 : fn_yearfrac_actual(s, e, a, b));
    case 2:
        return value_number((double)(e - s) / 360.0);
    case 3:
        return value_number((double)(e - s) / 365.0);
    default:
        return value_number(fn_yearfrac_eu30(a, b));
    }
}
