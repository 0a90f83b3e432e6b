/*
 * fn_depr: depreciation (stdlib module): SLN, DB, DDB, with Excel's
 * formulas (DB's rate rounded to three decimals, as Excel documents; DDB
 * in closed form, so a fractional period works as in Excel).
 */
#include "fn_fin.h"

#include <math.h>

#include "fn_impl.h"

/* SLN(cost, salvage, life): (cost - salvage) / life; life 0 #DIV/0!. */
Value
fn_sln(FnCtx *cx, int argc, const Value *argv)
{
    static const double dflt[3] = {0, 0, 0};
    double a[3];
    ErrorCode err = fn_fin_args(cx, argc, argv, 3, dflt, a);
    if (err != XE_NONE)
        return value_error(err);
    if (a[2] == 0)
        return value_error(XE_DIV0);
    return value_number((a[0] - a[1]) / a[2]);
}

/* DB(cost, salvage, life, period, [month = 12]): fixed-declining balance
 * at rate 1 - (salvage/cost)^(1/life) rounded to 3 decimals; the first
 * year is prorated to month months and the remainder falls in year
 * life+1. Period and month are truncated. #NUM! for cost <= 0, salvage < 0,
 * life <= 0, month outside 1..12, period outside 1..life+1 (as
 * LibreOffice). */
Value
fn_db(FnCtx *cx, int argc, const Value *argv)
{
    static const double dflt[5] = {0, 0, 0, 0, 12};
    double a[5];
    ErrorCode err = fn_fin_args(cx, argc, argv, 5, dflt, a);
    if (err != XE_NONE)
        return value_error(err);
    double cost = a[0], salvage = a[1], life = a[2];
    double period = trunc(a[3]), month = trunc(a[4]);
    if (cost <= 0 || salvage < 0 || life <= 0 || month < 1 || month > 12 || period < 1 ||
        period > life + 1 || life > 1e6)
        return value_error(XE_NUM);
    double rate = round((1 - pow(salvage / cost, 1 / life)) * 1000) / 1000;
    double total = cost * rate * month / 12;
    if (period == 1)
        return value_number(total);
    double dep = 0;
    for (double p = 2; p <= period; p++) {
        if (p == life + 1)
            dep = (cost - total) * rate * (12 - month) / 12;
        else
            dep = (cost - total) * rate;
        total += dep;
    }
    return value_number(dep);
}

/* DDB(cost, salvage, life, period, [factor = 2]): declining balance at
 * factor/life per period, never below salvage. #NUM! for cost < 0,
 * salvage < 0, factor <= 0, salvage > cost, or period outside [1, life]. */
Value
fn_ddb(FnCtx *cx, int argc, const Value *argv)
{
    static const double dflt[5] = {0, 0, 0, 0, 2};
    double a[5];
    ErrorCode err = fn_fin_args(cx, argc, argv, 5, dflt, a);
    if (err != XE_NONE)
        return value_error(err);
    double cost = a[0], salvage = a[1], life = a[2], period = a[3], factor = a[4];
    if (cost < 0 || salvage < 0 || factor <= 0 || salvage > cost || period < 1 ||
        period > life)
        return value_error(XE_NUM);
    double rate = factor / life;
    double old_value;
    if (rate >= 1) {
        rate = 1;
        old_value = period == 1 ? cost : 0;
    } else {
        old_value = cost * pow(1 - rate, period - 1);
    }
    double new_value = cost * pow(1 - rate, period);
    double dep = old_value - (new_value < salvage ? salvage : new_value);
    return value_number(dep < 0 ? 0 : dep);
}
