/*
 * test_numfmt: unit tests of the number-format renderer (engine/numfmt.h).
 *
 * Expected strings are independent of the code under test:
 *  - non-General formats: the text LibreOffice 7.4 displays (an openpyxl
 *    workbook with each value and format, converted with soffice to CSV
 *    with "save cell contents as shown"), except where noted;
 *  - General: Excel's documented rule (at most 11 characters, scientific
 *    beyond), worked out by hand; LibreOffice's CSV shows full precision
 *    instead, which is not what a default-width cell shows;
 *  - dates before 1900-03-01: Excel's 1900 system with the phantom
 *    1900-02-29 (serial 60), by hand (LibreOffice counts those differently);
 *    later dates were checked with Python's datetime from 1899-12-30.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"
#include "str.h"
#include "test.h"
#include "value.h"

/* Renders into a static-free buffer owned by the caller. */
static const char *
fmt(StrBuf *b, const char *format, double x)
{
    strbuf_clear(b);
    numfmt_render(format, x, b);
    return b->data ? b->data : "";
}

static const char *
fmt_text(StrBuf *b, const char *format, const char *s)
{
    strbuf_clear(b);
    numfmt_render_text(format, s, b);
    return b->data ? b->data : "";
}

static void
test_general(StrBuf *b)
{
    CHECK_STR(fmt(b, NULL, 0), "0");
    CHECK_STR(fmt(b, "General", 1), "1");
    CHECK_STR(fmt(b, "general", -1), "-1");
    CHECK_STR(fmt(b, "", 1234567), "1234567");
    CHECK_STR(fmt(b, NULL, 12345678901.0), "12345678901");
    CHECK_STR(fmt(b, NULL, 99999999999.0), "99999999999");
    CHECK_STR(fmt(b, NULL, 123456789012.0), "1.23457E+11");
    /* Rounds to 100000000000, 12 characters: scientific instead. */
    CHECK_STR(fmt(b, NULL, 99999999999.5), "1E+11");
    CHECK_STR(fmt(b, NULL, -99999999999.5), "-1E+11");
    CHECK_STR(fmt(b, NULL, 1e11), "1E+11");
    CHECK_STR(fmt(b, NULL, 1.5e15), "1.5E+15");
    CHECK_STR(fmt(b, NULL, 1.0 / 3), "0.333333333");
    CHECK_STR(fmt(b, NULL, 2.0 / 3), "0.666666667");
    CHECK_STR(fmt(b, NULL, 1234567.891234), "1234567.891");
    CHECK_STR(fmt(b, NULL, -1234567.891234), "-1234567.891");
    CHECK_STR(fmt(b, NULL, 0.1 + 0.2), "0.3");
    CHECK_STR(fmt(b, NULL, 1e-10), "1E-10");
    CHECK_STR(fmt(b, NULL, 0.000123456789), "0.000123457");
    CHECK_STR(fmt(b, NULL, 3.14159), "3.14159");
    CHECK_STR(fmt(b, NULL, 0.5), "0.5");
    CHECK_STR(fmt(b, NULL, -0.5), "-0.5");
    CHECK_STR(fmt(b, NULL, 123.456), "123.456");
    CHECK_STR(fmt(b, NULL, -0.0), "0");
}

static void
test_fixed(StrBuf *b)
{
    /* Half away from zero, on the decimal form (2.675 is 2.67499.. in
     * binary, yet shows 2.68). */
    CHECK_STR(fmt(b, "0", 2.5), "3");
    CHECK_STR(fmt(b, "0", 3.5), "4");
    CHECK_STR(fmt(b, "0", -2.5), "-3");
    CHECK_STR(fmt(b, "0", 0.4), "0");
    CHECK_STR(fmt(b, "0", -0.4), "0");
    CHECK_STR(fmt(b, "0", 1234567), "1234567");
    CHECK_STR(fmt(b, "0.0", 1.25), "1.3");
    CHECK_STR(fmt(b, "0.0", 0.05), "0.1");
    CHECK_STR(fmt(b, "0.0", -0.04), "0.0");
    CHECK_STR(fmt(b, "0.00", 2.675), "2.68");
    CHECK_STR(fmt(b, "0.00", 1.005), "1.01");
    CHECK_STR(fmt(b, "0.00", -0.001), "0.00");
    CHECK_STR(fmt(b, "0.00", 3), "3.00");
    CHECK_STR(fmt(b, "0.000", 3.5894), "3.589");
    CHECK_STR(fmt(b, "0.000", 0.0005), "0.001");
    CHECK_STR(fmt(b, "00000", 42), "00042");
    CHECK_STR(fmt(b, "#.##", 0.5), ".5");
    CHECK_STR(fmt(b, "#.##", 12), "12.");     /* LibreOffice shows "12" */
}

static void
test_grouping(StrBuf *b)
{
    CHECK_STR(fmt(b, "#,##0", 1234567.8), "1,234,568");
    CHECK_STR(fmt(b, "#,##0", 0), "0");
    CHECK_STR(fmt(b, "#,##0", -1234.5), "-1,235");
    CHECK_STR(fmt(b, "#,##0", 999.5), "1,000");
    CHECK_STR(fmt(b, "#,##0", 12), "12");
    CHECK_STR(fmt(b, "#,##0.0", 1234.56), "1,234.6");
    CHECK_STR(fmt(b, "#,##0.0", 0.04), "0.0");
    CHECK_STR(fmt(b, "#,##0.00", 1234567.891), "1,234,567.89");
    CHECK_STR(fmt(b, "#,##0.00", -0.5), "-0.50");
    CHECK_STR(fmt(b, "#,##0,", 1234567), "1,235");
    CHECK_STR(fmt(b, "$#,##0.0,,", 1234567), "$1.2");
    CHECK_STR(fmt(b, "$#,##0.0,,", 123456789), "$123.5");
}

static void
test_percent(StrBuf *b)
{
    CHECK_STR(fmt(b, "0%", 0.125), "13%");
    CHECK_STR(fmt(b, "0%", 0.5), "50%");
    CHECK_STR(fmt(b, "0%", 1.5), "150%");
    CHECK_STR(fmt(b, "0%", -0.25), "-25%");
    CHECK_STR(fmt(b, "0.0%", 0.1234), "12.3%");
    CHECK_STR(fmt(b, "0.0%", 0.0005), "0.1%");
    CHECK_STR(fmt(b, "0.00%", 0.12345), "12.35%");
    CHECK_STR(fmt(b, "0.00%", 0.1), "10.00%");
}

static void
test_literals_sections(StrBuf *b)
{
    CHECK_STR(fmt(b, "$#,##0", 1234567), "$1,234,567");
    CHECK_STR(fmt(b, "$#,##0", -5), "-$5");
    CHECK_STR(fmt(b, "#,##0;(#,##0)", -1234), "(1,234)");
    CHECK_STR(fmt(b, "#,##0;(#,##0)", 1234), "1,234");
    CHECK_STR(fmt(b, "#,##0;(#,##0)", 0), "0");
    CHECK_STR(fmt(b, "#,##0;(#,##0);\"-\"", 0), "-");
    CHECK_STR(fmt(b, "#,##0;(#,##0);\"-\"", -3), "(3)");
    CHECK_STR(fmt(b, "0.0;-0.0;\"zero\"", 0), "zero");
    CHECK_STR(fmt(b, "0.0;-0.0;\"zero\"", -1.25), "-1.3");
    CHECK_STR(fmt(b, "0.0\"x\"", 3.25), "3.3x");
    CHECK_STR(fmt(b, "0.0x", 2), "2.0x");
    CHECK_STR(fmt(b, "\\$0.00", 5), "$5.00");
    CHECK_STR(fmt(b, "\"EUR \"#,##0", 1000), "EUR 1,000");
    CHECK_STR(fmt(b, "#,##0.00 \"m\"", 3.589), "3.59 m");
    CHECK_STR(fmt(b, "#,##0_);(#,##0)", 1234), "1,234 ");
    CHECK_STR(fmt(b, "#,##0_);(#,##0)", -1234), "(1,234)");
    CHECK_STR(fmt(b, "[$\xe2\x82\xac-407] #,##0.00", 1234.5), "\xe2\x82\xac 1,234.50");
    CHECK_STR(fmt(b, "[Red]0.0;[Blue]-0.0", -2), "-2.0");
    CHECK_STR(fmt(b, "0.00E+00", 12345), "1.23E+04");
    CHECK_STR(fmt(b, "0.00E+00", 0.00012), "1.20E-04");
    CHECK_STR(fmt(b, "0.00E+00", -5e20), "-5.00E+20");
    CHECK_STR(fmt(b, "0.0", 1.0 / 0.0), "#NUM!");
}

static void
test_dates(StrBuf *b)
{
    CHECK_STR(fmt(b, "yyyy-mm-dd", 46023), "2026-01-01");
    CHECK_STR(fmt(b, "yyyy-mm-dd", 61), "1900-03-01");
    CHECK_STR(fmt(b, "yyyy-mm-dd", 45678.75), "2025-01-21");
    CHECK_STR(fmt(b, "yyyy-mm-dd", 2958465), "9999-12-31");
    CHECK_STR(fmt(b, "dd/mm/yyyy", 45678), "21/01/2025");
    CHECK_STR(fmt(b, "dd/mm/yyyy", 46100), "19/03/2026");
    CHECK_STR(fmt(b, "mmm yyyy", 46023), "Jan 2026");
    CHECK_STR(fmt(b, "mmm yyyy", 45500), "Jul 2024");
    CHECK_STR(fmt(b, "d mmmm yyyy", 45000), "15 March 2023");
    CHECK_STR(fmt(b, "ddd dd mmm yy", 45000), "Wed 15 Mar 23");
    CHECK_STR(fmt(b, "ddd dd mmm yy", 46023), "Thu 01 Jan 26");
    CHECK_STR(fmt(b, "h:mm", 0.75), "18:00");
    CHECK_STR(fmt(b, "hh:mm:ss AM/PM", 0.75), "06:00:00 PM");
    CHECK_STR(fmt(b, "hh:mm:ss AM/PM", 0.25), "06:00:00 AM");
    CHECK_STR(fmt(b, "yyyy-mm-dd hh:mm", 45000.5), "2023-03-15 12:00");
    /* Excel's 1900 system, by hand: serial 1 is 1900-01-01 (a "Sunday"),
     * 59 is 1900-02-28, 60 the phantom 1900-02-29, 0 is 1900-01-00. */
    CHECK_STR(fmt(b, "yyyy-mm-dd", 1), "1900-01-01");
    CHECK_STR(fmt(b, "yyyy-mm-dd", 59), "1900-02-28");
    CHECK_STR(fmt(b, "yyyy-mm-dd", 60), "1900-02-29");
    CHECK_STR(fmt(b, "yyyy-mm-dd", 0), "1900-01-00");
    CHECK_STR(fmt(b, "dddd", 1), "Sunday");
    CHECK_STR(fmt(b, "yyyy-mm-dd", 36526), "2000-01-01");
    CHECK(numfmt_is_date("dd/mm/yyyy"));
    CHECK(numfmt_is_date("mmm yyyy"));
    CHECK(!numfmt_is_date("#,##0"));
    CHECK(!numfmt_is_date("0.0\"y\""));
    CHECK(!numfmt_is_date(NULL));
}

static void
test_values(StrBuf *b)
{
    CHECK_STR(fmt_text(b, NULL, "Revenue"), "Revenue");
    CHECK_STR(fmt_text(b, "#,##0", "Revenue"), "Revenue");
    CHECK_STR(fmt_text(b, "0;0;0;\"Item: \"@", "x"), "Item: x");
    strbuf_clear(b);
    numfmt_render_value("0.0%", value_bool(true), b);
    CHECK_STR(b->data, "TRUE");
    strbuf_clear(b);
    numfmt_render_value("0.0%", value_error(XE_DIV0), b);
    CHECK_STR(b->data, "#DIV/0!");
    strbuf_clear(b);
    numfmt_render_value("0.0%", value_number(0.25), b);
    CHECK_STR(b->data, "25.0%");
    strbuf_clear(b);
    numfmt_render_value(NULL, value_empty(), b);
    CHECK(b->len == 0);
    /* Malformed formats render something and never crash. */
    CHECK(fmt(b, "\"unterminated", 1) != NULL);
    CHECK(fmt(b, "[", 1) != NULL);
    CHECK(fmt(b, "\\", 1) != NULL);
    CHECK(fmt(b, ";;;;;;", 1) != NULL);
    CHECK(fmt(b, "0.0000000000000000000000000000000000000000", 1) != NULL);
    CHECK(fmt(b, "#,##0", 1e300) != NULL);
}

/* numfmt_number_width_bound lets the exporter skip rendering numbers that
 * cannot widen a column, so it must never be below the rendered length:
 * checked on the General cases above the bound is tight for, the
 * three-digit exponents, a mantissa rounding into the next decade, and
 * 20,000 doubles spread over every decade (a fixed LCG, reproducible). */
static void
test_width_bound(StrBuf *b)
{
    static const double tricky[] = {
        12345678901.0, -12345678901.0, 99999999999.0, 99999999999.5, 123456789012.0,
        1.23456789e100, -1.23456789e100, 9.999996e99, -9.999996e99, 1e-99, 1.5e-99,
        -1.5e-99, 9.999996e-100, 2.2250738585072014e-308, 4.9e-324, 1.7976931348623157e308,
        -0.000123456789, 0.000123456789, 0.99999999999, -0.99999999999, 1.0 / 3, 0.0};
    CHECK(numfmt_number_width_bound("0.00", 1) == 0);
    CHECK(numfmt_number_width_bound(NULL, 1) == 11);
    CHECK(numfmt_number_width_bound("General", -1) == 12);
    uint32_t worst = 0;
    for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++) {
        size_t n = strlen(fmt(b, NULL, tricky[i]));
        worst += n > numfmt_number_width_bound(NULL, tricky[i]);
    }
    uint64_t state = 12345;
    for (int i = 0; i < 20000; i++) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        double mant = (double)(state >> 11) / 9007199254740992.0 * 9 + 1;
        int e = (int)((state >> 3) % 617) - 308;
        double x = mant * pow(10, e) * ((state & 1) ? -1 : 1);
        if (x - x != 0)
            continue;
        worst += strlen(fmt(b, NULL, x)) > numfmt_number_width_bound(NULL, x);
    }
    CHECK(worst == 0);
}

int
main(void)
{
    StrBuf b;
    strbuf_init(&b);
    test_general(&b);
    test_fixed(&b);
    test_grouping(&b);
    test_percent(&b);
    test_literals_sections(&b);
    test_dates(&b);
    test_values(&b);
    test_width_bound(&b);
    strbuf_free(&b);
    return test_report("test_numfmt");
}
