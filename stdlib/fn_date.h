/*
 * fn_date: private to stdlib. The 1900 date system shared by the date
 * families (fn_date.c, fn_workday.c): serial numbers <-> calendar dates.
 *
 * Excel's calendar, not the real one: serial 1 is 1900-01-01, serial 60 is
 * the phantom 1900-02-29 (Lotus 1-2-3's leap-year bug, kept by Excel), so
 * February 1900 has 29 days and serials from 61 (1900-03-01) on agree with
 * the Gregorian calendar. Serial 0 is "1900-01-00". The last valid serial is
 * 2958465 (9999-12-31).
 */
#ifndef VS_FN_DATE_H
#define VS_FN_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "fn.h"

enum { FN_DATE_MAX = 2958465 };     /* 9999-12-31 */

/* Year, month, day of serial (truncated), which must be in
 * [0, FN_DATE_MAX]; serial 0 gives 1900-01-00. */
void fn_date_ymd(int64_t serial, int *y, int *m, int *d);

/* The serial of year y, month m (any integer: 13 is January of y+1, 0 is
 * December of y-1) and day d (any integer, counted from the first of the
 * month), in Excel's calendar. No range check: callers compare the result
 * with 0 and FN_DATE_MAX. */
int64_t fn_date_serial(int64_t y, int64_t m, int64_t d);

/* Days in month m (1..12) of year y, in Excel's calendar (29 in 1900-02). */
int fn_date_month_days(int y, int m);

/* True for leap years in Excel's calendar (1900 is one). */
bool fn_date_is_leap(int y);

/* A direct date argument: coerced as operators do, truncated toward zero,
 * #NUM! outside [0, FN_DATE_MAX]. */
ErrorCode fn_date_arg(FnCtx *cx, Value v, int64_t *serial);

/* Day of week of a serial: 0 Sunday .. 6 Saturday (serial 1, Excel's
 * 1900-01-01, is a Sunday; from serial 61 on weekdays are the real ones). */
int fn_date_weekday(int64_t serial);

#endif
