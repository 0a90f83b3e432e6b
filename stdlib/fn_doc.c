/*
 * fn_doc: the user documentation of every built-in function, one row per
 * FnDef, sorted the same way. tests/unit/test_stdlib.c checks that the two
 * tables list the same names; `valsheet functions` and docs/functions.md
 * are generated from here. Examples were computed by hand or taken from the
 * formula tables, whose values are independently checked.
 */
#include "fn.h"

#include <string.h>

static const FnDoc fn_docs[] = {
    {"ABS", "ABS(number)", "absolute value", NULL, "=ABS(-2.5) -> 2.5"},
    {"AND", "AND(logical1, [logical2, ...])", "TRUE when every argument is TRUE",
     "Text and empty cells inside references are ignored; no logical value at all "
     "gives #VALUE!.", "=AND(1>0, 2>1) -> TRUE"},
    {"ANTISTACK", "ANTISTACK(royalty, third_party, offset, floor)",
     "royalty payable after an anti-stacking credit, never below a floor",
     "max(royalty - offset*third_party, floor*royalty): the licensee offsets a share "
     "of the royalties it pays to others, but the royalty is never reduced below "
     "floor times what was due. All scalars; linear, so amounts or rates both work "
     "(an absolute floor rate f is floor = f/royalty_rate). Errors: a negative "
     "royalty or third_party, or offset or floor outside [0,1], #NUM!. Exported as "
     "MAX(roy-offset*tp,floor*roy).",
     "=ANTISTACK(10, 8, 0.5, 0.5) -> 6"},
    {"AVERAGE", "AVERAGE(number1, [number2, ...])", "arithmetic mean",
     "Inside references only numbers count; no numbers gives #DIV/0!.",
     "=AVERAGE(1, 2, 6) -> 3"},
    {"AVERAGEIF", "AVERAGEIF(range, criteria, [average_range])",
     "mean of the cells that meet a criteria",
     "criteria is a number, TRUE/FALSE, or text such as \">5\", \"<>x\", \"ap*\" "
     "(wildcards * ? and ~ escape, no case); numeric text in range matches a numeric"
     " criteria. average_range takes range's size from its top-left cell. Only "
     "numbers are averaged; an error in a matching cell propagates. No match: "
     "#DIV/0!.",
     "A1:A3 = 1, 5, 10  then  =AVERAGEIF(A1:A3, \">2\") -> 7.5"},
    {"AVERAGEIFS", "AVERAGEIFS(average_range, range1, criteria1, [range2, criteria2, ...])",
     "mean of the cells that meet every criteria",
     "Criteria as in AVERAGEIF; every range must have average_range's size, else "
     "#VALUE!. No match: #DIV/0!. Arguments after the first come in pairs.",
     "A1:A3 = 1, 5, 10; B1:B3 = \"x\", \"y\", \"x\"  then  =AVERAGEIFS(A1:A3, B1:B3, \"x\") -> 5.5"},
    {"BERNOULLI", "BERNOULLI(p)", "a success (1) with probability p, else 0",
     "Monte Carlo input: in a build or eval it is its mean p; `valsheet simulate` draws "
     "1 or 0 each trial. p outside [0, 1] gives #NUM!. Exported as its mean, a constant "
     "with a comment naming the distribution.", "=BERNOULLI(0.6) -> 0.6"},
    {"BREAKEVEN_UPFRONT", "BREAKEVEN_UPFRONT(project_rnpv, deferred_rnpv, [hurdle])",
     "the largest upfront that still leaves the licensee its hurdle rNPV",
     "project_rnpv - deferred_rnpv - hurdle (hurdle defaults to 0). A negative "
     "result means no upfront works and is returned as is. Also the upfront that "
     "makes a milestone-and-royalty package worth an ask: "
     "BREAKEVEN_UPFRONT(ask, contingent_rnpv). Errors: non-numeric input #VALUE!. "
     "Exported as proj-deferred-hurdle.",
     "=BREAKEVEN_UPFRONT(8.589, 3.589, 1) -> 4"},
    {"CEILING", "CEILING(number, significance)",
     "rounds up to a multiple of significance",
     "Excel 2010 rules: a negative number with a positive significance rounds toward"
     " zero, with a negative one away from zero; a positive number with a negative "
     "significance is #NUM!; significance 0 gives 0.",
     "=CEILING(-2.5, 2) -> -2"},
    {"CHOOSE", "CHOOSE(index, value1, [value2, ...])",
     "the value at a position in the list",
     "Only the chosen value is evaluated, and a reference stays a reference "
     "(SUM(CHOOSE(2, A1:A2, B1:B5)) works). index is truncated; below 1 or past the "
     "list: #VALUE!.",
     "=CHOOSE(2, \"a\", \"b\", \"c\") -> \"b\""},
    {"COLUMN", "COLUMN([reference])", "column number of a reference or of the cell itself",
     "Without an argument, the column of the cell holding the formula. A reference "
     "of several columns gives a row array of their numbers (a cell shows the first).",
     "=COLUMN(C5) -> 3"},
    {"COLUMNS", "COLUMNS(array)", "number of columns of a reference or array", NULL,
     "=COLUMNS(B2:E9) -> 4"},
    {"CONCAT", "CONCAT(text1, [text2, ...])",
     "joins texts; a range contributes every cell",
     "Cells are read row by row; empty cells add nothing. Numbers appear "
     "as in General format, booleans as TRUE/FALSE. An error in any cell "
     "is the result; more than 32,767 characters #VALUE!. Exported as "
     "_xlfn.CONCAT (Excel 2019).",
     "A1:B1 = \"a\", \"b\"  then  =CONCAT(A1:B1, \"!\") -> \"ab!\""},
    {"CONCATENATE", "CONCATENATE(text1, [text2, ...])", "joins texts",
     "Numbers appear as Excel shows them in General format, booleans as TRUE/FALSE.",
     "=CONCATENATE(\"Year \", 2026) -> \"Year 2026\""},
    {"CORREL", "CORREL(array1, array2)",
     "Pearson correlation coefficient",
     "Positions where either array holds a non-number are left out. Arrays of "
     "different sizes: #N/A; fewer than two pairs or a constant array: #DIV/0!; "
     "errors propagate.",
     "A1:A3 = 1, 2, 3; B1:B3 = 2, 4, 7  then  =CORREL(A1:A3, B1:B3) -> 0.993399267798783"},
    {"COUNT", "COUNT(value1, [value2, ...])", "counts the numbers", NULL,
     "=COUNT(1, \"x\", 3) -> 2"},
    {"COUNTA", "COUNTA(value1, [value2, ...])", "counts the non-empty values", NULL,
     "=COUNTA(1, \"x\", 3) -> 3"},
    {"COUNTBLANK", "COUNTBLANK(range)",
     "counts empty cells and cells holding \"\"",
     NULL,
     "A1 = 1; A2 = \"\"  then  =COUNTBLANK(A1:A3) -> 2"},
    {"COUNTIF", "COUNTIF(range, criteria)",
     "counts the cells that meet a criteria",
     "criteria as in AVERAGEIF: \"\" counts empty cells and \"\" text, \"=\" only "
     "empty cells, \"<>\" cells that are not empty; \"#N/A\" counts that error. "
     "Errors in range are never propagated.",
     "A1:A4 = \"apples\", \"pears\", \"Apples\", 3  then  =COUNTIF(A1:A4, \"apples\") -> 2"},
    {"COUNTIFS", "COUNTIFS(range1, criteria1, [range2, criteria2, ...])",
     "counts the positions that meet every criteria",
     "Criteria as in COUNTIF; ranges of different sizes give #VALUE!.",
     "A1:A4 = 1, 2, 3, 4  then  =COUNTIFS(A1:A4, \">1\", A1:A4, \"<4\") -> 2"},
    {"CUMPROB", "CUMPROB(probs, [from], [to])",
     "cumulative probability: the product of transition probabilities from..to",
     "probs is one row or column of probabilities in [0,1]; from and to are exact "
     "integers in 1..n (default 1 and n); from > to gives 1, the empty product. "
     "Errors: empty range #VALUE!; a probability outside [0,1] or a bad position "
     "#NUM!. Exported as IF(from>to,1,PRODUCT(INDEX(P,from):INDEX(P,to))).",
     "B1:B4 = 0.52, 0.289, 0.578, 0.906  then  =CUMPROB(B1:B4) -> 0.07869682704"},
    {"DATE", "DATE(year, month, day)",
     "the serial number of a date",
     "Arguments are truncated; years 0..1899 mean 1900..3799; month and "
     "day may overflow (month 14 is February of the next year, day 0 the "
     "last day of the previous month). Serials follow Excel's 1900 system "
     "(serial 60 is the phantom 1900-02-29). A year below 0 or from 10000, "
     "or a date outside 1900-01-00..9999-12-31, #NUM!.",
     "=DATE(2024, 1, 15) -> 45306"},
    {"DATEDIF", "DATEDIF(start, end, unit)",
     "whole years, months or days between two dates",
     "unit (any case): \"Y\" years, \"M\" months, \"D\" days, \"YM\" "
     "months ignoring years, \"YD\" days ignoring years, \"MD\" days "
     "ignoring months and years, with Excel's quirk (2016-01-31 to "
     "2016-03-01 gives -1). start after end, or another unit, #NUM!.",
     "=DATEDIF(DATE(2001,6,1), DATE(2002,8,15), \"M\") -> 14"},
    {"DAY", "DAY(date)",
     "day of the month of a date, 1..31",
     "Serial 0 gives 0 and serial 60 gives 29 (Excel's 1900-02-29). A date "
     "outside 0..2958465 #NUM!; text that is not a number #VALUE! (date "
     "text is not parsed).",
     "=DAY(45306) -> 15"},
    {"DAYS", "DAYS(end, start)",
     "days from start to end",
     "Both dates are truncated to whole days; a date outside 0..2958465 "
     "#NUM!. Exported as _xlfn.DAYS (Excel 2013).",
     "=DAYS(DATE(2021,3,15), DATE(2021,2,1)) -> 42"},
    {"DB", "DB(cost, salvage, life, period, [month])",
     "fixed-declining-balance depreciation for a period",
     "Rate 1-(salvage/cost)^(1/life) rounded to 3 decimals; the first year "
     "covers month months (default 12) and the rest falls in year life+1. "
     "Period and month are truncated. cost <= 0, salvage < 0, life <= 0, "
     "month outside 1..12 or period outside 1..life+1 #NUM!.",
     "=DB(1000000, 100000, 6, 1, 7) -> 186083.333333333"},
    {"DDB", "DDB(cost, salvage, life, period, [factor])",
     "double-declining-balance depreciation for a period",
     "Declining balance at factor/life (factor default 2) per period, "
     "never taking the book value below salvage; a fractional period "
     "works. cost < 0, salvage < 0, salvage > cost, factor <= 0 or period "
     "outside 1..life #NUM!.",
     "=DDB(2400, 300, 10, 1) -> 480"},
    {"DISCRETE", "DISCRETE(values, probabilities)",
     "one of the values, each with its probability",
     "Monte Carlo input: in a build or eval it is its mean (the probability-weighted "
     "sum). Ranges of equal size (#N/A otherwise), numbers only (#VALUE!), "
     "probabilities >= 0 that sum to 1 within 1e-9 (#NUM!). Exported as its mean.",
     "A1:A3 = 0, 10, 100; B1:B3 = 0.5, 0.3, 0.2  then  =DISCRETE(A1:A3, B1:B3) -> 23"},
    {"EDATE", "EDATE(start, months)",
     "the date a number of months before or after a date",
     "months is truncated; the day is kept, or clamped to the end of a "
     "shorter month (Jan 31 + 1 month is Feb 28 or 29). A date outside "
     "1900-01-01..9999-12-31 #NUM!.",
     "=EDATE(DATE(2024,1,31), 1) -> 45351"},
    {"EFFECT", "EFFECT(nominal_rate, npery)",
     "effective annual rate of a nominal rate compounded npery times",
     "(1+nominal/npery)^npery-1 with npery truncated; nominal_rate <= 0 or "
     "npery < 1 #NUM!.",
     "=EFFECT(5.25%, 4) -> 0.0535426673707584"},
    {"EOMONTH", "EOMONTH(start, months)",
     "the last day of the month a number of months away",
     "months is truncated. A result before 1900-01-01 or after 9999-12-31 "
     "#NUM!.",
     "=EOMONTH(DATE(2024,1,15), 1) -> 45351"},
    {"EQUIV_ROYALTY", "EQUIV_ROYALTY(target, rate, sales, times, probs)",
     "the flat royalty rate whose risk-adjusted PV equals a target",
     "target / sum of S_t * p_t * (1+rate)^-t; probs is a range or one probability "
     "for every period. Errors: empty, size mismatch or text #VALUE!; target < 0, "
     "negative sales or times, rate <= -1, a probability outside [0,1] #NUM!; a zero "
     "denominator #DIV/0!; then a result above 1 (more than all sales) #NUM!. "
     "Exported as target/SUMPRODUCT(S,P,(1+rate)^(-T)).",
     "A1:A3 = 200, 300, 400; B1:B3 = 1, 2, 3  then  "
     "=EQUIV_ROYALTY(1, 10%, A1:A3, B1:B3, 0.0787) -> 0.017399511611004"},
    {"ERROR.TYPE", "ERROR.TYPE(value)",
     "the number of an error value",
     "#NULL! 1, #DIV/0! 2, #VALUE! 3, #REF! 4, #NAME? 5, #NUM! 6, #N/A 7, "
     "#GETTING_DATA 8; a value that is not an error gives #N/A.",
     "=ERROR.TYPE(1/0) -> 2"},
    {"EXACT", "EXACT(text1, text2)",
     "TRUE when two texts are identical, case included",
     NULL,
     "=EXACT(\"Word\", \"word\") -> FALSE"},
    {"EXP", "EXP(number)", "e raised to a power", NULL, "=EXP(1) -> 2.71828182845905"},
    {"FACT", "FACT(number)",
     "factorial",
     "number is truncated; a negative one or one above 170 (overflow) gives #NUM!.",
     "=FACT(5) -> 120"},
    {"FAIL_NPV", "FAIL_NPV(rate, cashflows, times, fail_time)",
     "plain NPV of the flows dated strictly before a failure",
     "Sum of CF_i * (1+rate)^-t_i over t_i < fail_time: what a party has gained or "
     "lost if failure becomes known at fail_time and everything later stops. A flow "
     "dated exactly at fail_time is the success-contingent one and is not paid. "
     "Errors: empty or size mismatch #VALUE!; rate <= -1, a negative time or "
     "fail_time #NUM!. Exported as SUMPRODUCT(CF,--(T<tf),(1+rate)^(-T)).",
     "A1:A3 = -2.5, -4, 0.5; B1:B3 = 0, 2, 3  then  "
     "=FAIL_NPV(10%, A1:A3, B1:B3, 3) -> -5.80578512396694"},
    {"FALSE", "FALSE()",
     "the logical value FALSE",
     "The bare word FALSE is the same literal.",
     "=FALSE() -> FALSE"},
    {"FIND", "FIND(find_text, within_text, [start])",
     "position of a text in another, case-sensitive",
     "Positions count UTF-16 code units as Excel does; no wildcards. An "
     "empty find_text matches at start. start < 1 or beyond the text, or "
     "no match, #VALUE!.",
     "=FIND(\"M\", \"Miriam McGovern\", 3) -> 8"},
    {"FLOOR", "FLOOR(number, significance)",
     "rounds down to a multiple of significance",
     "A negative number with a positive significance rounds away from zero, with a "
     "negative one toward zero; a positive number with a negative significance is "
     "#NUM!; significance 0 gives #DIV/0! (0 for number 0).",
     "=FLOOR(-2.5, 2) -> -4"},
    {"FV", "FV(rate, nper, pmt, [pv], [type])",
     "future value of an annuity",
     "Solves pv*(1+r)^n + pmt*(1+r*type)*((1+r)^n-1)/r + fv = 0 for fv (pv "
     "+ pmt*n + fv = 0 at rate 0); money paid out is negative; type 0 pays "
     "at period end, other values at the start.",
     "=FV(0.5%, 10, -200, -500, 1) -> 2581.40337406012"},
    {"GCD", "GCD(number1, [number2, ...])",
     "greatest common divisor",
     "Numbers are truncated; a negative one, or one of 2^53 or more, gives #NUM!.",
     "=GCD(24, 36) -> 12"},
    {"HLOOKUP", "HLOOKUP(value, table, row_index, [approximate])",
     "looks a value up in the first row of a table and returns a cell below it",
     "As VLOOKUP, across: approximate (default TRUE) is the largest value <= value in "
     "an ascending first row; FALSE or an omitted fourth argument is exact, with * ? ~ "
     "wildcards. row_index < 1 gives #VALUE!, beyond the table #REF!, not found #N/A.",
     "A1:C2 = 10, 20, 30, \"a\", \"b\", \"c\"  then  =HLOOKUP(25, A1:C2, 2) -> \"b\""},
    {"IF", "IF(condition, value_if_true, [value_if_false])",
     "one of two values by a condition",
     "Only the branch taken is evaluated; without value_if_false a false condition "
     "gives FALSE; an error in the condition is the result.",
     "=IF(2>1, \"yes\", \"no\") -> \"yes\""},
    {"IFERROR", "IFERROR(value, value_if_error)",
     "a fallback when a value is an error", NULL, "=IFERROR(1/0, 0) -> 0"},
    {"IFNA", "IFNA(value, value_if_na)",
     "a fallback when a value is #N/A",
     "Other errors pass through; value_if_na is evaluated only when needed. Exported"
     " as _xlfn.IFNA.",
     "=IFNA(NA(), 0) -> 0"},
    {"IFS", "IFS(condition1, value1, [condition2, value2, ...])",
     "the value of the first true condition",
     "Evaluated lazily, left to right. No true condition: #N/A; an error in a "
     "condition is the result; text other than TRUE/FALSE as a condition: #VALUE!. "
     "Exported as _xlfn.IFS.",
     "=IFS(1>2, \"a\", 2>1, \"b\") -> \"b\""},
    {"INDEX", "INDEX(reference, row, [column])",
     "the cell (or row or column) at a position in a reference",
     "Returns a reference, so INDEX(P,1):INDEX(P,3) is a range. Row or column 0 "
     "selects a whole column or row; out of bounds gives #REF!.",
     "=INDEX(B2:D4, 2, 3) -> the value of D3"},
    {"INDIRECT", "INDIRECT(ref_text, [a1])", "the reference named by a text",
     "A1 style (\"B2\", \"$A$1:C3\", \"A:A\", \"2:2\"), or R1C1 style when a1 is FALSE "
     "(\"R2C3\", \"R[-1]C\", relative to the calling cell); a sheet prefix "
     "(\"'Deal terms'!B3\") or a defined name works too. Anything else gives #REF!. "
     "Volatile: recalculated on every recalculation, reading the cells it names after "
     "they are computed; a cycle through it is reported as a circular reference.",
     "A1:A3 = 10, 20, 30  then  =SUM(INDIRECT(\"A1:A\" & 2)) -> 30"},
    {"INT", "INT(number)", "rounds down to an integer", NULL, "=INT(-2.5) -> -3"},
    {"IPMT", "IPMT(rate, per, nper, pv, [fv], [type])",
     "interest part of one annuity payment",
     "per runs from 1 to nper; outside that #NUM!. Paying in advance (type "
     "1), the first period has no interest.",
     "=IPMT(10%/12, 1, 36, 8000) -> -66.6666666666667"},
    {"IRR", "IRR(values, [guess])", "internal rate of return of periodic cash flows",
     "Newton's method from guess (default 10%), at most 20 steps to within 1e-7 as "
     "Excel documents, then polished to full precision; #NUM! without a sign change "
     "or without convergence.", "A1:A3 = -100, 60, 60  then  =IRR(A1:A3) -> 0.130662386291807"},
    {"ISBLANK", "ISBLANK(value)",
     "TRUE for an empty cell",
     "A cell holding \"\" is not blank.",
     "=ISBLANK(5) -> FALSE"},
    {"ISERROR", "ISERROR(value)",
     "TRUE for any error value",
     NULL,
     "=ISERROR(1/0) -> TRUE"},
    {"ISLOGICAL", "ISLOGICAL(value)",
     "TRUE for TRUE or FALSE",
     NULL,
     "=ISLOGICAL(FALSE) -> TRUE"},
    {"ISNA", "ISNA(value)",
     "TRUE for #N/A",
     NULL,
     "=ISNA(NA()) -> TRUE"},
    {"ISNUMBER", "ISNUMBER(value)",
     "TRUE for a number",
     "Numeric text is text: ISNUMBER(\"4\") is FALSE.",
     "=ISNUMBER(4) -> TRUE"},
    {"ISTEXT", "ISTEXT(value)",
     "TRUE for text",
     NULL,
     "=ISTEXT(\"x\") -> TRUE"},
    {"LARGE", "LARGE(array, k)",
     "the k-th largest number",
     "k is rounded up to a whole rank; k below 1 or above the count of numbers gives"
     " #NUM!.",
     "A1:A5 = 3, 5, 3, 5, 4  then  =LARGE(A1:A5, 3) -> 4"},
    {"LCM", "LCM(number1, [number2, ...])",
     "least common multiple",
     "Numbers are truncated; a zero gives 0; a negative one or a result of 2^53 or "
     "more gives #NUM!.",
     "=LCM(24, 36) -> 72"},
    {"LEFT", "LEFT(text, [num_chars])",
     "the first characters of a text",
     "num_chars defaults to 1 and is truncated; negative #VALUE!. "
     "Characters count UTF-16 code units as in Excel (an emoji is 2; "
     "cutting one in half leaves U+FFFD).",
     "=LEFT(\"Sale Price\", 4) -> \"Sale\""},
    {"LEN", "LEN(text)", "number of characters",
     "Counts UTF-16 code units as Excel does: an emoji counts 2.", "=LEN(\"rNPV\") -> 4"},
    {"LN", "LN(number)", "natural logarithm", "Zero or negative numbers give #NUM!.",
     "=LN(EXP(2)) -> 2"},
    {"LOG", "LOG(number, [base])",
     "logarithm in a base (10 by default)",
     "number or base <= 0 gives #NUM!, base 1 #DIV/0!.",
     "=LOG(8, 2) -> 3"},
    {"LOG10", "LOG10(number)",
     "base-10 logarithm",
     "Zero or negative numbers give #NUM!.",
     "=LOG10(1000) -> 3"},
    {"LOGNORM.DIST", "LOGNORM.DIST(x, mean, standard_dev, cumulative)",
     "lognormal distribution (CDF or density)",
     "ln(x) is normal with the given mean and standard deviation. x <= 0 or "
     "standard_dev <= 0 gives #NUM!. Exported as _xlfn.LOGNORM.DIST.",
     "=LOGNORM.DIST(4, 3.5, 1.2, TRUE) -> 0.0390835557068005"},
    {"LOGNORM.INV", "LOGNORM.INV(probability, mean, standard_dev)",
     "inverse of the lognormal CDF",
     "EXP(mean + standard_dev * NORM.S.INV(probability)). probability outside (0, 1)"
     " or standard_dev <= 0 gives #NUM!. Exported as _xlfn.LOGNORM.INV.",
     "=LOGNORM.INV(0.5, 0, 1) -> 1"},
    {"LOGNORMAL", "LOGNORMAL(mean, standard_dev)",
     "lognormal variable with this mean and standard deviation",
     "Monte Carlo input; the parameters are those of the variable itself (as @RISK's "
     "RiskLognorm), not of its logarithm. In a build or eval it is its mean. mean <= 0 "
     "or standard_dev < 0 gives #NUM!. Exported as its mean.",
     "=LOGNORMAL(100, 30) -> 100"},
    {"LOOKUP", "LOOKUP(value, lookup_vector, [result_vector])",
     "approximate lookup in a sorted vector (or the array form)",
     "Finds the largest value <= value in ascending data and returns the element at the "
     "same position of result_vector (a reference shorter than the lookup vector is read "
     "on past its end, as Excel does). With two arguments, an array wider than tall is "
     "searched in its first row and answered from its last row, otherwise by columns. "
     "A value below the first gives #N/A.",
     "A1:A3 = 1, 5, 10; B1:B3 = \"low\", \"mid\", \"high\"  then  "
     "=LOOKUP(7, A1:A3, B1:B3) -> \"mid\""},
    {"LOWER", "LOWER(text)",
     "text in lower case",
     "Case mapping covers Latin (with Latin-1 and Latin Extended-A), Greek "
     "and Cyrillic letters.",
     "=LOWER(\"E. E. Cummings\") -> \"e. e. cummings\""},
    {"MATCH", "MATCH(value, reference, [match_type])",
     "position of a value in a row or column",
     "match_type 1 (default): largest value <= value in ascending data; 0: exact, "
     "with * ? ~ wildcards for text; -1: smallest value >= value in descending "
     "data. Not found gives #N/A.", "A1:A3 = \"a\", \"b\", \"c\"  then  =MATCH(\"B\", A1:A3, 0) -> 2"},
    {"MATURITY", "MATURITY(scores, weights, [scale_max])",
     "weighted maturity score on a 0..1 scale",
     "sum of s_i*w_i / (scale_max * sum of w_i), scale_max defaulting to 1: for "
     "example the fraction of each required test done, weighted by its effort. "
     "Feed scores you define, not TRL integers (an ordinal scale). Errors: empty or "
     "size mismatch #VALUE!; scale_max <= 0, a weight < 0 or a score outside "
     "[0, scale_max] #NUM!; weights summing to 0 #DIV/0!. Exported as "
     "SUMPRODUCT(S,W)/SUM(W)/scale_max.",
     "A1:A3 = 1, 0.5, 0; B1:B3 = 2, 1, 1  then  =MATURITY(A1:A3, B1:B3) -> 0.625"},
    {"MAX", "MAX(number1, [number2, ...])", "largest number", "No numbers gives 0.",
     "=MAX(1, 7, 3) -> 7"},
    {"MAXIFS", "MAXIFS(max_range, range1, criteria1, [range2, criteria2, ...])",
     "largest number among the cells that meet every criteria",
     "Criteria as in COUNTIF; ranges of different sizes give #VALUE!; no match gives"
     " 0. Exported as _xlfn.MAXIFS.",
     "A1:A3 = 5, 9, 7; B1:B3 = \"a\", \"b\", \"a\"  then  =MAXIFS(A1:A3, B1:B3, \"a\") -> 7"},
    {"MEDIAN", "MEDIAN(number1, [number2, ...])",
     "the middle number",
     "The mean of the two middle numbers for an even count; no numbers gives #NUM!.",
     "=MEDIAN(3, 1, 2, 10) -> 2.5"},
    {"MID", "MID(text, start, num_chars)",
     "characters from the middle of a text",
     "start < 1 or num_chars < 0 #VALUE!; a start past the end gives \"\". "
     "UTF-16 code units, as LEFT.",
     "=MID(\"Fluid Flow\", 7, 20) -> \"Flow\""},
    {"MILESTONE_PV", "MILESTONE_PV(rate, amounts, times, trans_probs, [delay])",
     "risk-adjusted PV of a sequential milestone schedule",
     "Milestone i is paid at t_i + delay only if transitions 1..i all succeed: "
     "sum of A_i * (p_1*...*p_i) * (1+rate)^-(t_i+delay). Errors: empty or size "
     "mismatch #VALUE!; rate <= -1, a probability outside [0,1] or a negative time "
     "#NUM!. Exported with SUMPRODUCT and a running product SUBTOTAL(6,OFFSET(...)).",
     "A1:B1 = 1, 2; A2:B2 = 1, 2; A3:B3 = 0.5, 0.5  then  =MILESTONE_PV(10%, A1:B1, A2:B2, A3:B3) -> 0.867768595041322"},
    {"MIN", "MIN(number1, [number2, ...])", "smallest number", "No numbers gives 0.",
     "=MIN(4, 2, 8) -> 2"},
    {"MINIFS", "MINIFS(min_range, range1, criteria1, [range2, criteria2, ...])",
     "smallest number among the cells that meet every criteria",
     "Criteria as in COUNTIF; ranges of different sizes give #VALUE!; no match gives"
     " 0. Exported as _xlfn.MINIFS.",
     "A1:A3 = 5, 9, 7; B1:B3 = \"a\", \"b\", \"a\"  then  =MINIFS(A1:A3, B1:B3, \"a\") -> 5"},
    {"MIRR", "MIRR(values, finance_rate, reinvest_rate)",
     "modified internal rate of return",
     "Positive flows compounded to the last period at reinvest_rate, "
     "negative ones discounted to the first at finance_rate: "
     "(FV+/-PV-)^(1/(n-1))-1. Text, booleans and empty cells in references "
     "are skipped; errors propagate. Flows of one sign #DIV/0!.",
     "A1:A6 = -120000, 39000, 30000, 21000, 37000, 46000  then  "
     "=MIRR(A1:A6, 10%, 12%) -> 0.126094130365905"},
    {"MOD", "MOD(number, divisor)", "remainder with the divisor's sign",
     "A zero divisor gives #DIV/0!.", "=MOD(-3, 2) -> 1"},
    {"MODE.SNGL", "MODE.SNGL(number1, [number2, ...])",
     "the most frequent number",
     "Among equally frequent numbers the first met wins; no number repeated gives "
     "#N/A. Exported as _xlfn.MODE.SNGL.",
     "=MODE.SNGL(1, 2, 2, 3) -> 2"},
    {"MONTH", "MONTH(date)",
     "month of a date, 1..12",
     "A date outside 0..2958465 #NUM!.",
     "=MONTH(45306) -> 1"},
    {"MROUND", "MROUND(number, multiple)",
     "rounds to the nearest multiple",
     "Halves go away from zero; multiple 0 gives 0; number and multiple of different"
     " signs give #NUM!.",
     "=MROUND(10, 3) -> 9"},
    {"NA", "NA()",
     "the #N/A error value",
     NULL,
     "=NA() -> #N/A"},
    {"NETWORKDAYS", "NETWORKDAYS(start, end, [holidays])",
     "working days between two dates, both included",
     "Monday to Friday, less the holidays (a range, array or single date; "
     "blanks skipped, duplicates counted once) that fall on them; negative "
     "when end is before start. A holiday that is text or a boolean "
     "#VALUE!; a date out of range #NUM!.",
     "=NETWORKDAYS(DATE(2008,10,1), DATE(2009,3,1)) -> 108"},
    {"NOMINAL", "NOMINAL(effect_rate, npery)",
     "nominal annual rate of an effective rate",
     "npery*((1+effect)^(1/npery)-1) with npery truncated; effect_rate <= "
     "0 or npery < 1 #NUM!.",
     "=NOMINAL(5.3543%, 4) -> 0.052500319868356"},
    {"NORM.DIST", "NORM.DIST(x, mean, standard_dev, cumulative)",
     "normal distribution (CDF or density)",
     "The CDF uses erfc, accurate in both tails. standard_dev <= 0 gives #NUM!. "
     "Exported as _xlfn.NORM.DIST.",
     "=NORM.DIST(42, 40, 1.5, TRUE) -> 0.908788780274132"},
    {"NORM.INV", "NORM.INV(probability, mean, standard_dev)",
     "inverse of the normal CDF",
     "Wichura's AS 241 algorithm (about 1e-16 relative). probability outside (0, 1) "
     "or standard_dev <= 0 gives #NUM!. Exported as _xlfn.NORM.INV.",
     "=NORM.INV(0.5, 40, 1.5) -> 40"},
    {"NORM.S.DIST", "NORM.S.DIST(z, cumulative)",
     "standard normal distribution (CDF or density)",
     "Exported as _xlfn.NORM.S.DIST.",
     "=NORM.S.DIST(0, TRUE) -> 0.5"},
    {"NORM.S.INV", "NORM.S.INV(probability)",
     "inverse of the standard normal CDF",
     "Wichura's AS 241 algorithm. probability outside (0, 1) gives #NUM!. Exported "
     "as _xlfn.NORM.S.INV.",
     "=NORM.S.INV(0.908789) -> 1.33333467304411"},
    {"NORMAL", "NORMAL(mean, standard_dev)", "normal variable",
     "Monte Carlo input: in a build or eval it is its mean; `valsheet simulate` draws a "
     "sample each trial. standard_dev < 0 gives #NUM!. Exported as its mean, a constant "
     "with a comment naming the distribution.", "=NORMAL(100, 20) -> 100"},
    {"NOT", "NOT(logical)", "logical negation", NULL, "=NOT(TRUE) -> FALSE"},
    {"NOW", "NOW()",
     "the current date and time as a serial number",
     "Refused unless the model says `option volatile_dates`, since every "
     "build would differ. Then it reads SOURCE_DATE_EPOCH (seconds since "
     "1970-01-01 UTC) when set, so builds are repeatable, else the local "
     "clock; a malformed SOURCE_DATE_EPOCH #VALUE!.",
     "=NOW() -> 45244.9259259259 when SOURCE_DATE_EPOCH is 1700000000"},
    {"NPER", "NPER(rate, pmt, pv, [fv], [type])",
     "number of periods of an annuity",
     "Solves the annuity equation (see FV) for n; #NUM! when no number of "
     "periods does (rate <= -1, pmt 0 at rate 0, or a logarithm of a "
     "non-positive number).",
     "=NPER(1%, -100, -1000, 10000, 1) -> 59.6738656742946"},
    {"NPV", "NPV(rate, value1, [value2, ...])",
     "net present value of end-of-period cash flows",
     "Flow k is discounted by (1+rate)^k. Text, booleans and empty cells inside "
     "references are skipped.", "=NPV(10%, 110, 121) -> 200"},
    {"OFFSET", "OFFSET(reference, rows, cols, [height], [width])",
     "a reference moved by rows and columns, optionally resized",
     "height and width default to the reference's size; offsets and sizes are "
     "truncated. A size below 1 or an area off the sheet gives #REF!, a first argument "
     "that is not a reference #VALUE!. Volatile, like INDIRECT.",
     "A1:C3 = 1, 2, 3, 4, 5, 6, 7, 8, 9  then  =SUM(OFFSET(A1, 1, 0, 2, 3)) -> 39"},
    {"OR", "OR(logical1, [logical2, ...])", "TRUE when any argument is TRUE", NULL,
     "=OR(1>2, 2>1) -> TRUE"},
    {"PERCENTILE.INC", "PERCENTILE.INC(array, k)",
     "the k-th percentile, interpolated",
     "Linear interpolation at rank (n-1)k of the sorted numbers. k outside [0, 1] or"
     " no numbers gives #NUM!. Exported as _xlfn.PERCENTILE.INC.",
     "A1:A4 = 1, 3, 2, 4  then  =PERCENTILE.INC(A1:A4, 0.3) -> 1.9"},
    {"PERT", "PERT(low, most_likely, high)", "PERT (scaled Beta) variable",
     "Monte Carlo input; mean (low + 4 most_likely + high) / 6, the value in a build or "
     "eval. low > high or most_likely outside [low, high] gives #NUM!. Exported as its "
     "mean.", "=PERT(0, 3, 12) -> 4"},
    {"PHASE_PROB", "PHASE_PROB(phase, [dataset])",
     "built-in clinical phase-transition probability",
     "phase 1 = Phase I->II, 2 = II->III, 3 = III->NDA/BLA, 4 = NDA/BLA->approval. "
     "dataset (any case): \"BIO2021\" (default: 0.520, 0.289, 0.578, 0.906), "
     "\"BIO2016\" (0.632, 0.307, 0.581, 0.853), \"BIO2016_ONC\" (0.628, 0.246, 0.401, "
     "0.824), \"BIO2016_NONONC\" (0.635, 0.343, 0.637, 0.859). No dermatology table "
     "exists. Errors: dataset not text #VALUE!; an unknown dataset or a phase not an "
     "integer in 1..4 #N/A. Exported as "
     "IF(AND(phase=INT(phase),phase>=1,phase<=4),INDEX({...},phase),NA()).",
     "=PHASE_PROB(2, \"bio2016\") -> 0.307"},
    {"PI", "PI()",
     "the number pi",
     NULL,
     "=PI() -> 3.14159265358979"},
    {"PMT", "PMT(rate, nper, pv, [fv], [type])",
     "payment per period of an annuity",
     "Solves the annuity equation (see FV) for pmt; nper 0 #NUM!.",
     "=PMT(8%/12, 10, 10000) -> -1037.03208935915"},
    {"POWER", "POWER(number, power)", "a number raised to a power",
     "POWER(0,0) is #NUM!, POWER(0,-1) #DIV/0!, a fractional power of a negative "
     "number #NUM!.", "=POWER(2, 10) -> 1024"},
    {"PPMT", "PPMT(rate, per, nper, pv, [fv], [type])",
     "principal part of one annuity payment",
     "PMT - IPMT; per outside 1..nper #NUM!.",
     "=PPMT(10%/12, 1, 24, 2000) -> -75.6231860083663"},
    {"PRODUCT", "PRODUCT(number1, [number2, ...])", "product of the numbers",
     "No numbers at all gives 0, as in Excel and LibreOffice.", "=PRODUCT(2, 3, 4) -> 24"},
    {"PROPER", "PROPER(text)",
     "text with each word capitalised",
     "A letter is upper-cased when the character before it is not a "
     "letter, as in Excel: \"don't\" gives \"Don'T\", \"2-way\" \"2-Way\".",
     "=PROPER(\"this is a TITLE\") -> \"This Is A Title\""},
    {"PV", "PV(rate, nper, pmt, [fv], [type])",
     "present value of an annuity",
     "Solves the annuity equation (see FV) for pv; rate -1 #NUM!.",
     "=PV(8%/12, 240, 500) -> -59777.1458511878"},
    {"QUARTILE.INC", "QUARTILE.INC(array, quart)",
     "a quartile (0 min, 2 median, 4 max)",
     "quart is truncated; outside 0..4, or no numbers, gives #NUM!. Exported as "
     "_xlfn.QUARTILE.INC.",
     "A1:A8 = 1, 2, 4, 7, 8, 9, 10, 12  then  =QUARTILE.INC(A1:A8, 1) -> 3.5"},
    {"QUOTIENT", "QUOTIENT(numerator, denominator)",
     "integer part of a division",
     "Truncated toward zero; denominator 0 gives #DIV/0!.",
     "=QUOTIENT(-10, 3) -> -3"},
    {"RANK.EQ", "RANK.EQ(number, ref, [order])",
     "rank of a number in a list",
     "Descending for order 0 or omitted, ascending otherwise; equal numbers share "
     "the best rank; a number not in ref gives #N/A. Exported as _xlfn.RANK.EQ.",
     "A1:A5 = 7, 3.5, 3.5, 1, 2  then  =RANK.EQ(3.5, A1:A5) -> 2"},
    {"RATE", "RATE(nper, pmt, pv, [fv], [type], [guess])",
     "interest rate per period of an annuity",
     "Newton's method from guess (default 10%), at most 20 steps to within "
     "1e-7 as Excel documents, then polished to full precision. No "
     "convergence, or nper <= 0, #NUM!.",
     "=RATE(48, -200, 8000) -> 0.00770147248823137"},
    {"REPLACE", "REPLACE(old_text, start, num_chars, new_text)",
     "replaces characters at a position",
     "start < 1 or num_chars < 0 #VALUE!; a start past the end appends. "
     "UTF-16 code units, as LEFT.",
     "=REPLACE(\"abcdefghijk\", 6, 5, \"*\") -> \"abcde*k\""},
    {"REPT", "REPT(text, number_times)",
     "text repeated",
     "number_times is truncated; negative, or a result over 32,767 "
     "characters, #VALUE!.",
     "=REPT(\"*-\", 3) -> \"*-*-*-\""},
    {"RIGHT", "RIGHT(text, [num_chars])",
     "the last characters of a text",
     "As LEFT, from the end.",
     "=RIGHT(\"Sale Price\", 5) -> \"Price\""},
    {"RISKSHARE", "RISKSHARE(value, inv_1, inv_2, [inv_3, ...])",
     "party 1's share of a value split in proportion to risk-adjusted investment",
     "value * inv_1 / (inv_1 + inv_2 + ...), each inv a risk-adjusted, discounted "
     "investment (normally an RNPV of that party's costs, sign flipped). An engine "
     "convention: no source states this exact rule. Errors: fewer than two "
     "investments or non-numeric input #VALUE!; a negative investment #NUM!; "
     "investments summing to 0 #DIV/0!. Exported as value*inv1/SUM(inv1,inv2,...).",
     "=RISKSHARE(10, 1, 3) -> 2.5"},
    {"RNPV", "RNPV(rate, cashflows, probs, [times])",
     "risk-adjusted NPV: each flow discounted and weighted by its probability",
     "Sum of CF_i * p_i * (1+rate)^-t_i (Stewart et al. 2001); probs is a range of "
     "cumulative probabilities or one probability for every flow; times default to "
     "1..n. Errors: empty, size mismatch or text in a range #VALUE!; rate <= -1, a "
     "probability outside [0,1] or a negative time #NUM!. Exported as "
     "SUMPRODUCT(CF,P,(1+rate)^(-T)).",
     "A1:B1 = 110, 121; A2:B2 = 1, 0.5  then  =RNPV(10%, A1:B1, A2:B2) -> 150"},
    {"ROUND", "ROUND(number, digits)", "rounds half away from zero", NULL,
     "=ROUND(2.675, 2) -> 2.68"},
    {"ROUNDDOWN", "ROUNDDOWN(number, digits)",
     "rounds toward zero",
     "digits may be negative (tens, hundreds) and is truncated.",
     "=ROUNDDOWN(-3.14159, 1) -> -3.1"},
    {"ROUNDUP", "ROUNDUP(number, digits)",
     "rounds away from zero",
     "digits may be negative (tens, hundreds) and is truncated. Like Excel, the "
     "number is first taken to 15 significant digits, so ROUNDUP(0.1*3, 1) is 0.3.",
     "=ROUNDUP(31415.92654, -2) -> 31500"},
    {"ROW", "ROW([reference])", "row number of a reference or of the cell itself",
     "Without an argument, the row of the cell holding the formula. A reference of "
     "several rows gives a column array of their numbers (a cell shows the first).",
     "=ROW(C5) -> 5"},
    {"ROWS", "ROWS(array)", "number of rows of a reference or array", NULL,
     "=ROWS(B2:E9) -> 8"},
    {"ROYALTY", "ROYALTY(sales, thresholds, rates, [mode])",
     "royalty due on one period's sales under tiered rates",
     "thresholds are lower tier bounds, >= 0 and strictly ascending; rates in [0,1]. "
     "mode 0 (default, marginal): each rate applies to the slice of sales in its "
     "tier, sum of (r_i - r_{i-1}) * max(0, S - t_i). mode 1 (cliff): the rate of "
     "the highest tier reached (t_k <= S) applies to all sales; 0 below t_1. "
     "Errors: empty or size mismatch #VALUE!; negative sales or thresholds, "
     "thresholds not ascending, a rate outside [0,1], mode not 0 or 1 #NUM!. "
     "Exported as SUMPRODUCT((S>TH)*(S-TH)*R)-SUMPRODUCT(...) (mode 0) or "
     "IF(S<INDEX(TH,1),0,S*LOOKUP(S,TH,R)) (mode 1).",
     "A1:A3 = 0, 100, 300; B1:B3 = 4%, 6%, 8%  then  =ROYALTY(400, A1:A3, B1:B3) -> 24"},
    {"ROYALTY_PV", "ROYALTY_PV(rate, sales, times, probs, thresholds, rates, [mode])",
     "risk-adjusted PV of tiered royalties on a sales forecast",
     "Sum of ROYALTY(S_t, thresholds, rates, mode) * p_t * (1+rate)^-t: the tiers "
     "apply to each period's sales separately; probs is normally the scalar LOA. "
     "Errors: those of RNPV and ROYALTY (negative sales #NUM!). Exported in one "
     "cell with the tiers unrolled: sum over tiers of "
     "(r_i-r_{i-1})*SUMPRODUCT((S>t_i)*(S-t_i),P,(1+rate)^(-T)) (mode 0; mode 1 "
     "uses the masks (S>=t_i)*(S<t_{i+1})); a mode held in a cell exports as "
     "IF(mode=1, cliff form, marginal form).",
     "A1:A3 = 200, 300, 400; B1:B3 = 1, 2, 3; C1:C3 = 0, 100, 300; "
     "D1:D3 = 4%, 6%, 8%  then  "
     "=ROYALTY_PV(10%, A1:A3, B1:B3, 0.0787, C1:C3, D1:D3) -> 3.17519909842224"},
    {"RULE25", "RULE25(profit, [split])",
     "the \"25% rule\": the licensor's share of the licensee's expected profit",
     "split * profit, split defaulting to 0.25. Pass an operating margin to get a "
     "royalty rate. A sanity check only: Uniloc v. Microsoft (2011) held the rule "
     "fundamentally flawed. Errors: profit < 0 or split outside [0,1] #NUM!. "
     "Exported as split*profit.",
     "=RULE25(10) -> 2.5"},
    {"SEARCH", "SEARCH(find_text, within_text, [start])",
     "position of a text in another, without case, with wildcards",
     "? matches one character, * any run, ~ makes the next * ? ~ literal. "
     "Errors as FIND.",
     "=SEARCH(\"f*t\", \"Profit Margin\") -> 4"},
    {"SIGN", "SIGN(number)",
     "1, 0 or -1 by the sign of a number",
     NULL,
     "=SIGN(-0.5) -> -1"},
    {"SLN", "SLN(cost, salvage, life)",
     "straight-line depreciation per period",
     "(cost-salvage)/life; life 0 #DIV/0!.",
     "=SLN(30000, 7500, 10) -> 2250"},
    {"SMALL", "SMALL(array, k)",
     "the k-th smallest number",
     "k is rounded up to a whole rank; k below 1 or above the count of numbers gives"
     " #NUM!.",
     "A1:A5 = 3, 5, 3, 5, 4  then  =SMALL(A1:A5, 2) -> 3"},
    {"SQRT", "SQRT(number)", "square root", "A negative number gives #NUM!.",
     "=SQRT(16) -> 4"},
    {"STDEV", "STDEV(number1, [number2, ...])",
     "sample standard deviation (older name of STDEV.S)",
     "Fewer than two numbers gives #DIV/0!.",
     "=STDEV(2, 4, 4, 4, 5, 5, 7, 9) -> 2.13808993529939"},
    {"STDEV.P", "STDEV.P(number1, [number2, ...])",
     "population standard deviation",
     "No numbers gives #DIV/0!. Exported as _xlfn.STDEV.P.",
     "=STDEV.P(2, 4, 4, 4, 5, 5, 7, 9) -> 2"},
    {"STDEV.S", "STDEV.S(number1, [number2, ...])",
     "sample standard deviation",
     "Fewer than two numbers gives #DIV/0!. Exported as _xlfn.STDEV.S.",
     "=STDEV.S(2, 4, 4, 4, 5, 5, 7, 9) -> 2.13808993529939"},
    {"SUBSTITUTE", "SUBSTITUTE(text, old_text, new_text, [instance])",
     "replaces occurrences of a text",
     "Case-sensitive; every occurrence, or only the instance-th "
     "(truncated; below 1 #VALUE!). An empty old_text changes nothing.",
     "=SUBSTITUTE(\"Quarter 1, 2011\", \"1\", \"2\", 3) -> \"Quarter 1, "
     "2012\""},
    {"SUM", "SUM(number1, [number2, ...])", "sum of the numbers",
     "Inside references only numbers count; direct arguments are coerced (TRUE is "
     "1, \"5\" is 5, other text #VALUE!).", "=SUM(1, 2, 3) -> 6"},
    {"SUMIF", "SUMIF(range, criteria, [sum_range])",
     "sum of the cells that meet a criteria",
     "Criteria as in COUNTIF. sum_range takes range's size from its top-left cell; "
     "only numbers are summed; an error in a matching cell propagates.",
     "A1:A3 = 1, 2, 1; B1:B3 = 10, 20, 30  then  =SUMIF(A1:A3, 1, B1:B3) -> 40"},
    {"SUMIFS", "SUMIFS(sum_range, range1, criteria1, [range2, criteria2, ...])",
     "sum of the cells that meet every criteria",
     "Criteria as in COUNTIF; every range must have sum_range's size, else #VALUE!.",
     "A1:A3 = 10, 20, 30; B1:B3 = \"x\", \"y\", \"x\"  then  =SUMIFS(A1:A3, B1:B3, \"x\") -> 40"},
    {"SUMPRODUCT", "SUMPRODUCT(array1, [array2, ...])",
     "sum of element-wise products",
     "Arguments are evaluated element-wise, so SUMPRODUCT((S>T)*(S-T)) works; "
     "arrays of different shapes give #VALUE!; non-numbers count as 0.",
     "A1:B1 = 1, 2; A2:B2 = 3, 4  then  =SUMPRODUCT(A1:B1, A2:B2) -> 11"},
    {"SWITCH", "SWITCH(expression, value1, result1, [value2, result2, ...], [default])",
     "the result for the first value equal to an expression",
     "Values are compared as = does but without converting types (1 is not \"1\"; "
     "text ignores case). Only the chosen result is evaluated. An error in "
     "expression is the result; no match and no default: #N/A. Exported as "
     "_xlfn.SWITCH.",
     "=SWITCH(2, 1, \"one\", 2, \"two\", \"many\") -> \"two\""},
    {"TEXT", "TEXT(value, format_text)",
     "a number shown in an Excel number format",
     "Renders as a cell with that format shows it: 0 0.00 #,##0 #,##0.00 "
     "0% 0.0%, exponents, literals, sections, and date codes (yyyy-mm-dd, "
     "dd/mm/yyyy, mmm yyyy, d mmmm yyyy; English month names). Rounding is "
     "half away from zero on the 15-digit decimal form. Non-numeric text "
     "goes through the text section; a date format on a number outside "
     "0..2958465 #VALUE!.",
     "=TEXT(45306, \"d mmmm yyyy\") -> \"15 January 2024\""},
    {"TEXTJOIN", "TEXTJOIN(delimiter, ignore_empty, text1, [text2, ...])",
     "joins texts with a delimiter",
     "Ranges contribute every cell, row by row; with ignore_empty TRUE, "
     "empty cells and \"\" are left out. A delimiter range supplies "
     "several delimiters, used in turn. An error anywhere is the result; "
     "more than 32,767 characters #VALUE!. Exported as _xlfn.TEXTJOIN "
     "(Excel 2019).",
     "A1:A3 = \"a\", \"\", \"c\"  then  =TEXTJOIN(\", \", TRUE, A1:A3) -> "
     "\"a, c\""},
    {"TODAY", "TODAY()",
     "the current date as a serial number",
     "NOW() without the time of day; refused unless the model says `option "
     "volatile_dates` (see NOW).",
     "=TODAY() -> 45244 when SOURCE_DATE_EPOCH is 1700000000"},
    {"TRIANGULAR", "TRIANGULAR(low, most_likely, high)", "triangular variable",
     "Monte Carlo input; mean (low + most_likely + high) / 3, the value in a build or "
     "eval. low > high or most_likely outside [low, high] gives #NUM!. Exported as its "
     "mean.", "=TRIANGULAR(0, 3, 12) -> 5"},
    {"TRIM", "TRIM(text)",
     "removes extra spaces",
     "Leading and trailing spaces go and inner runs become one space; only "
     "the ASCII space (U+00A0 stays), as in Excel.",
     "=TRIM(\" First  Quarter \") -> \"First Quarter\""},
    {"TRL_PROB", "TRL_PROB(trl, table)",
     "probability (or any metric) for a Technology Readiness Level, from your table",
     "table holds nine values for TRL 1..9 in one row or column; there is no "
     "built-in table, since no published TRL-to-probability mapping exists. "
     "Errors: a table not of exactly 9 cells #VALUE!; an entry outside [0,1] #NUM!; "
     "trl not an integer in 1..9 #N/A. Exported as "
     "IF(AND(trl=INT(trl),trl>=1,trl<=9),INDEX(table,trl),NA()).",
     "A1:A9 = 0.01, 0.02, 0.03, 0.05, 0.07, 0.0787, 0.151, 0.524, 1  then  "
     "=TRL_PROB(7, A1:A9) -> 0.151"},
    {"TRUE", "TRUE()",
     "the logical value TRUE",
     "The bare word TRUE is the same literal.",
     "=TRUE() -> TRUE"},
    {"TRUNC", "TRUNC(number, [digits])",
     "truncates toward zero",
     "digits defaults to 0.",
     "=TRUNC(-8.9) -> -8"},
    {"UNIFORM", "UNIFORM(low, high)", "uniform variable between low and high",
     "Monte Carlo input; mean (low + high) / 2, the value in a build or eval. low > high "
     "gives #NUM!. Exported as its mean.", "=UNIFORM(10, 20) -> 15"},
    {"UPPER", "UPPER(text)",
     "text in upper case",
     "Case mapping as LOWER.",
     "=UPPER(\"total\") -> \"TOTAL\""},
    {"VALUE", "VALUE(text)",
     "the number a text shows",
     "Reads plain numbers (\"1.5e3\", \"12%\"), thousands separators and a "
     "leading \"$\" (\"$1,000\"), ISO dates (\"2024-01-15\") and times "
     "(\"16:48\", \"16:48:00\"). Numbers pass through, an empty cell is 0; "
     "other text and booleans #VALUE!.",
     "=VALUE(\"$1,000\") -> 1000"},
    {"VAR", "VAR(number1, [number2, ...])",
     "sample variance (older name of VAR.S)",
     "Fewer than two numbers gives #DIV/0!.",
     "=VAR(2, 4, 4, 4, 5, 5, 7, 9) -> 4.57142857142857"},
    {"VAR.P", "VAR.P(number1, [number2, ...])",
     "population variance",
     "Computed in two passes (mean, then squared deviations). No numbers gives "
     "#DIV/0!. Exported as _xlfn.VAR.P.",
     "=VAR.P(2, 4, 4, 4, 5, 5, 7, 9) -> 4"},
    {"VAR.S", "VAR.S(number1, [number2, ...])",
     "sample variance",
     "Fewer than two numbers gives #DIV/0!. Exported as _xlfn.VAR.S.",
     "=VAR.S(2, 4, 4, 4, 5, 5, 7, 9) -> 4.57142857142857"},
    {"VLOOKUP", "VLOOKUP(value, table, col_index, [approximate])",
     "looks a value up in the first column of a table and returns a cell beside it",
     "approximate TRUE (default): the largest value <= value in an ascending first column "
     "(Excel's bisection; unsorted data gives what it meets). FALSE, or an omitted fourth "
     "argument as in VLOOKUP(v,t,2,), is the first exact match, text without case and with "
     "* ? ~ wildcards. col_index < 1 gives #VALUE!, beyond the table #REF!, not found #N/A.",
     "A1:B3 = 1, \"one\", 2, \"two\", 3, \"three\"  then  "
     "=VLOOKUP(2, A1:B3, 2, FALSE) -> \"two\""},
    {"WEEKDAY", "WEEKDAY(date, [return_type])",
     "day of the week of a date",
     "return_type 1 or 17 (default): Sunday 1..Saturday 7; 2 or 11: Monday "
     "1..Sunday 7; 3: Monday 0..Sunday 6; 12..16: weeks starting "
     "Tuesday..Saturday. Another return_type, or a date outside "
     "0..2958465, #NUM!.",
     "=WEEKDAY(DATE(2008,2,14)) -> 5"},
    {"WORKDAY", "WORKDAY(start, days, [holidays])",
     "the date a number of working days away",
     "Skips Saturdays, Sundays and holidays (as in NETWORKDAYS); days is "
     "truncated, negative counts back, 0 gives start. A result outside the "
     "date system #NUM!.",
     "=WORKDAY(DATE(2008,10,1), 151) -> 39933"},
    {"XIRR", "XIRR(values, dates, [guess])",
     "internal rate of return of dated cash flows",
     "The rate at which XNPV is 0: Newton from guess (default 10%), at "
     "most 100 steps as Excel. No sign change, counts that differ, a date "
     "before the first, or no convergence #NUM!; a value or date that is "
     "not a number #VALUE!.",
     "A1:A5 = -10000, 2750, 4250, 3250, 2750; B1:B5 = 39448, 39508, 39751, "
     "39859, 39904  then  =XIRR(A1:A5, B1:B5) -> 0.373362533518831"},
    {"XLOOKUP", "XLOOKUP(value, lookup, return, [if_not_found], [match_mode], [search_mode])",
     "looks a value up in a row or column and returns the matching item of another",
     "match_mode 0 exact (default), -1 exact or next smaller, 1 exact or next larger, "
     "2 wildcards; search_mode 1 first to last (default), -1 last to first, 2 binary "
     "search of ascending data, -2 of descending data. return must have as many rows "
     "(columns) as lookup; the matching row (column) is returned as a reference. Not "
     "found: if_not_found when given, else #N/A; bad modes, wildcards with a binary "
     "search or mismatched sizes #VALUE!. Exported as _xlfn.XLOOKUP (Excel 365; Excel "
     "2010 and LibreOffice 7.4 lack it).",
     "A1:A3 = \"a\", \"b\", \"c\"; B1:B3 = 1, 2, 3  then  =XLOOKUP(\"B\", A1:A3, B1:B3) -> 2"},
    {"XMATCH", "XMATCH(value, lookup, [match_mode], [search_mode])",
     "position of a value in a row or column, with XLOOKUP's modes",
     "The modes are XLOOKUP's; the default is an exact match from the first item. "
     "Not found gives #N/A; a block of several rows and columns #VALUE!. Exported as "
     "_xlfn.XMATCH (Excel 365 only).",
     "A1:A4 = 5, 4, 3, 2  then  =XMATCH(4.5, A1:A4, 1) -> 1"},
    {"XNPV", "XNPV(rate, values, dates)",
     "net present value of dated cash flows",
     "Sum of v_i/(1+rate)^((d_i-d_1)/365), dates truncated. Every element "
     "must be a number (else #VALUE!; errors propagate); counts that "
     "differ, a date before the first or rate <= -1 #NUM!.",
     "A1:A2 = -100, 110; B1:B2 = 45292, 45657  then  =XNPV(10%, A1:A2, "
     "B1:B2) -> 0"},
    {"XOR", "XOR(logical1, [logical2, ...])",
     "TRUE when an odd number of arguments are TRUE",
     "Arguments as in AND. Exported as _xlfn.XOR.",
     "=XOR(TRUE, TRUE, TRUE) -> TRUE"},
    {"YEAR", "YEAR(date)",
     "year of a date",
     "Serial 0 gives 1900; a date outside 0..2958465 #NUM!.",
     "=YEAR(45306) -> 2024"},
    {"YEARFRAC", "YEARFRAC(start, end, [basis])",
     "fraction of a year between two dates",
     "basis 0 (default) US 30/360, 1 actual/actual, 2 actual/360, 3 "
     "actual/365, 4 European 30/360, with Excel's rules for month ends and "
     "leap years; the order of the dates does not matter. basis outside "
     "0..4 or a date out of range #NUM!.",
     "=YEARFRAC(DATE(2012,1,1), DATE(2012,7,30)) -> 0.580555555555556"},
};

const FnDoc *
fn_doc_table(size_t *n)
{
    *n = sizeof fn_docs / sizeof fn_docs[0];
    return fn_docs;
}

const FnDoc *
fn_doc(const char *name, size_t n)
{
    size_t lo = 0, hi = sizeof fn_docs / sizeof fn_docs[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = fn_name_cmp(name, n, fn_docs[mid].name);
        if (c == 0)
            return &fn_docs[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}
