/*
 * fn_date: date built-ins (stdlib module): DATE, YEAR, MONTH, DAY, EDATE,
 * EOMONTH, DAYS, WEEKDAY, TODAY, NOW, and the 1900 date system they share
 * (fn_date.h). DATEDIF and YEARFRAC are in fn_datediff.c, NETWORKDAYS and
 * WORKDAY in fn_workday.c.
 *
 * Dates are serial numbers; a date argument is coerced like an operator
 * operand and truncated. Text such as "2024-01-15" is not read as a date
 * (Excel would read it in its locale's order): use DATE().
 */
#include "fn_date.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "fn_impl.h"

/* Days from 1970-01-01 to y-m-d, proleptic Gregorian (H. Hinnant's
 * days_from_civil); d may run past the month's end. */
static int64_t
fn_date_days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The inverse: civil_from_days. */
static void
fn_date_civil(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

enum { FN_DATE_UNIX = 25569 };  /* serial of 1970-01-01 */

void
fn_date_ymd(int64_t serial, int *y, int *m, int *d)
{
    if (serial <= 0) {
        *y = 1900;
        *m = 1;
        *d = 0;
    } else if (serial == 60) {
        *y = 1900;
        *m = 2;
        *d = 29;
    } else {
        /* Before the phantom day Excel's serials are one short. */
        fn_date_civil(serial - FN_DATE_UNIX + (serial < 60), y, m, d);
    }
}

int64_t
fn_date_serial(int64_t y, int64_t m, int64_t d)
{
    int64_t m0 = m - 1;
    y += m0 >= 0 ? m0 / 12 : -((11 - m0) / 12);
    m = m0 - (m0 >= 0 ? m0 / 12 : -((11 - m0) / 12)) * 12 + 1;
    int64_t first = fn_date_days_from_civil(y, m, 1) + FN_DATE_UNIX;
    if (y < 1900 || (y == 1900 && m <= 2))
        first--;
    return first + d - 1;
}

bool
fn_date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 || y == 1900;
}

int
fn_date_month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && fn_date_is_leap(y) ? 29 : days[m - 1];
}

ErrorCode
fn_date_arg(FnCtx *cx, Value v, int64_t *serial)
{
    double x;
    ErrorCode err = fn_arg_number(cx, v, &x);
    if (err != XE_NONE)
        return err;
    if (x < 0 || x >= FN_DATE_MAX + 1)
        return XE_NUM;
    *serial = (int64_t)x;
    return XE_NONE;
}

int
fn_date_weekday(int64_t serial)
{
    return (int)((serial + 6) % 7);
}

/* A serial result, #NUM! outside the date system. */
static Value
fn_date_result(int64_t serial)
{
    if (serial < 0 || serial > FN_DATE_MAX)
        return value_error(XE_NUM);
    return value_number((double)serial);
}

/* DATE(year, month, day): years 0..1899 mean 1900..3799 (Excel); a year
 * below 0 or from 10000, or a result outside the date system, #NUM!. */
Value
fn_date(FnCtx *cx, int argc, const Value *argv)
{
    double p[3];
    (void)argc;
    for (int i = 0; i < 3; i++) {
        ErrorCode err = fn_arg_int(cx, argv[i], &p[i]);
        if (err != XE_NONE)
            return value_error(err);
    }
    if (p[0] < 0 || p[0] >= 10000 || fabs(p[1]) > 1e9 || fabs(p[2]) > 1e9)
        return value_error(XE_NUM);
    if (p[0] < 1900)
        p[0] += 1900;
    return fn_date_result(fn_date_serial((int64_t)p[0], (int64_t)p[1], (int64_t)p[2]));
}

/* YEAR, MONTH, DAY: one part of fn_date_ymd. */
static Value
fn_date_part(FnCtx *cx, Value v, int part)
{
    int64_t s;
    int ymd[3];
    ErrorCode err = fn_date_arg(cx, v, &s);
    if (err != XE_NONE)
        return value_error(err);
    fn_date_ymd(s, &ymd[0], &ymd[1], &ymd[2]);
    return value_number(ymd[part]);
}

Value
fn_year(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    return fn_date_part(cx, argv[0], 0);
}

Value
fn_month(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    return fn_date_part(cx, argv[0], 1);
}

Value
fn_day(FnCtx *cx, int argc, const Value *argv)
{
    (void)argc;
    return fn_date_part(cx, argv[0], 2);
}

/* Start date and a whole number of months (EDATE, EOMONTH). */
static ErrorCode
fn_date_months_args(FnCtx *cx, const Value *argv, int *y, int *m, int *d, int64_t *months)
{
    int64_t s;
    double k;
    ErrorCode err = fn_date_arg(cx, argv[0], &s);
    if (err == XE_NONE)
        err = fn_arg_int(cx, argv[1], &k);
    if (err != XE_NONE)
        return err;
    if (fabs(k) > 200000)
        return XE_NUM;
    fn_date_ymd(s, y, m, d);
    *months = (int64_t)k;
    return XE_NONE;
}

/* EDATE(start, months): the same day months later, clamped to the end of a
 * shorter month (Jan 31 + 1 month is Feb 28 or 29). */
Value
fn_edate(FnCtx *cx, int argc, const Value *argv)
{
    int y, m, d;
    int64_t k;
    (void)argc;
    ErrorCode err = fn_date_months_args(cx, argv, &y, &m, &d, &k);
    if (err != XE_NONE)
        return value_error(err);
    int64_t mm = (int64_t)m - 1 + k;
    int64_t ny = y + (mm >= 0 ? mm / 12 : -((11 - mm) / 12));
    int nm = (int)(mm - (ny - y) * 12) + 1;
    if (ny < 1900 || ny > 9999)
        return value_error(XE_NUM);
    int md = fn_date_month_days((int)ny, nm);
    return fn_date_result(fn_date_serial(ny, nm, d < md ? d : md));
}

/* EOMONTH(start, months): the last day of the month months later. */
Value
fn_eomonth(FnCtx *cx, int argc, const Value *argv)
{
    int y, m, d;
    int64_t k;
    (void)argc;
    ErrorCode err = fn_date_months_args(cx, argv, &y, &m, &d, &k);
    if (err != XE_NONE)
        return value_error(err);
    int64_t s = fn_date_serial(y, m + k + 1, 0);
    /* the last day of December 1899 would be serial 0, not a date */
    return s < 1 ? value_error(XE_NUM) : fn_date_result(s);
}

/* DAYS(end, start): end - start in whole days. */
Value
fn_days(FnCtx *cx, int argc, const Value *argv)
{
    int64_t e;
    int64_t s;
    (void)argc;
    ErrorCode err = fn_date_arg(cx, argv[0], &e);
    if (err == XE_NONE)
        err = fn_date_arg(cx, argv[1], &s);
    if (err != XE_NONE)
        return value_error(err);
    return value_number((double)(e - s));
}

/* WEEKDAY(date, [type = 1]): 1 and 17 number Sunday..Saturday 1..7; 2 and
 * 11 Monday..Sunday 1..7; 3 Monday..Sunday 0..6; 12..16 start the week on
 * Tuesday..Saturday. Any other type #NUM!. */
Value
fn_weekday(FnCtx *cx, int argc, const Value *argv)
{
    int64_t s;
    double type = 1;
    ErrorCode err = fn_date_arg(cx, argv[0], &s);
    if (err == XE_NONE && argc >= 2 && argv[1].kind != VK_EMPTYARG)
        err = fn_arg_int(cx, argv[1], &type);
    if (err != XE_NONE)
        return value_error(err);
    int w = fn_date_weekday(s);
    int first;              /* weekday numbered 1 (0 for type 3) */
    if (type == 1 || type == 17)
        first = 0;
    else if (type == 2 || type == 3)
        first = 1;
    else if (type >= 11 && type <= 16)
        first = (int)type - 10;
    else
        return value_error(XE_NUM);
    return value_number((w - first + 7) % 7 + (type == 3 ? 0 : 1));
}

/* The clock as a serial: SOURCE_DATE_EPOCH (seconds since 1970-01-01 UTC,
 * the reproducible-builds convention) when set, so a build is repeatable;
 * else the local time, as Excel shows it. A malformed SOURCE_DATE_EPOCH is
 * #VALUE!. The binder refuses TODAY and NOW unless `option volatile_dates`
 * is given, so this runs only for models that asked for it. */
static ErrorCode
fn_date_clock(double *serial)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (env && *env) {
        char *end;
        long long secs = strtoll(env, &end, 10);
        if (*end != '\0' || end == env)
            return XE_VALUE;
        *serial = FN_DATE_UNIX + (double)secs / 86400.0;
    } else {
        time_t now = time(NULL);
        struct tm tm;
        if (!localtime_r(&now, &tm))
            return XE_VALUE;
        *serial = (double)fn_date_serial(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) +
                  (tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec) / 86400.0;
    }
    if (*serial < 1 || *serial >= FN_DATE_MAX + 1)
        return XE_NUM;
    return XE_NONE;
}

Value
fn_now(FnCtx *cx, int argc, const Value *argv)
{
    double s;
    (void)cx;
    (void)argc;
    (void)argv;
    ErrorCode err = fn_date_clock(&s);
    return err != XE_NONE ? value_error(err) : value_number(s);
}

Value
fn_today(FnCtx *cx, int argc, const Value *argv)
{
    double s;
    (void)cx;
    (void)argc;
    (void)argv;
    ErrorCode err = fn_date_clock(&s);
    return err != XE_NONE ? value_error(err) : value_number(floor(s));
}
