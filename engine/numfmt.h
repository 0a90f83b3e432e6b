/*
 * numfmt: renders values with Excel number formats the way Excel and
 * LibreOffice display them ("#,##0.0" turns 1234.56 into "1,234.6"). The
 * exporter sizes columns with it, so a column is never narrower than what
 * the spreadsheet will show (no "###").
 *
 * Covered: General (Excel's 11-character rule with scientific fallback),
 * digit placeholders 0 # ?, decimal point, grouping and scaling commas,
 * percent, E+00 exponents, literals ("text", \c, $ - + ( ) : / space),
 * _c padding, *c fills (rendered empty), [colour] and [condition] brackets
 * (ignored), [$sym-locale] currency (the symbol), up to four sections
 * (positive;negative;zero;text) and date/time codes in the 1900 date system
 * with Excel's phantom 1900-02-29 (serial 60). Rounding is half away from
 * zero on the 15-significant-digit decimal form, as Excel does, so 2.675
 * with "0.00" shows "2.68".
 *
 * Pure functions: no locale dependence (decimal point always '.'), no
 * allocation beyond the caller's StrBuf. Unknown or malformed formats never
 * fail; they render something of plausible width.
 */
#ifndef VS_NUMFMT_H
#define VS_NUMFMT_H

#include <stdbool.h>

#include "str.h"
#include "value.h"

/* Appends x as format fmt shows it. NULL, "" and "General" mean Excel's
 * General format. Non-finite x appends "#NUM!". */
void numfmt_render(const char *fmt, double x, StrBuf *out);

/* Appends text s as fmt's text section shows it: the text itself, or the
 * fourth section with '@' replaced by s. */
void numfmt_render_text(const char *fmt, const char *s, StrBuf *out);

/* The most characters numfmt_render can produce with fmt for a number of
 * x's sign and decade, or 0 when fmt sets no such bound. Only General
 * does: 11 characters, one more with a minus sign and one more beyond
 * 1E+99 or below 1E-98; "#NUM!" is fewer. */
size_t numfmt_number_width_bound(const char *fmt, double x);

/* Appends any scalar: numbers through numfmt_render, text through
 * numfmt_render_text, booleans "TRUE"/"FALSE", errors their text ("#N/A"),
 * empty and non-scalar values nothing. */
void numfmt_render_value(const char *fmt, Value v, StrBuf *out);

/* True when fmt's first section shows numbers as a date or a time. */
bool numfmt_is_date(const char *fmt);

#endif
