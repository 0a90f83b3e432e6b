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
    {"AVERAGE", "AVERAGE(number1, [number2, ...])", "arithmetic mean",
     "Inside references only numbers count; no numbers gives #DIV/0!.",
     "=AVERAGE(1, 2, 6) -> 3"},
    {"CONCATENATE", "CONCATENATE(text1, [text2, ...])", "joins texts",
     "Numbers appear as Excel shows them in General format, booleans as TRUE/FALSE.",
     "=CONCATENATE(\"Year \", 2026) -> \"Year 2026\""},
    {"COUNT", "COUNT(value1, [value2, ...])", "counts the numbers", NULL,
     "=COUNT(1, \"x\", 3) -> 2"},
    {"COUNTA", "COUNTA(value1, [value2, ...])", "counts the non-empty values", NULL,
     "=COUNTA(1, \"x\", 3) -> 3"},
    {"CUMPROB", "CUMPROB(probs, [from], [to])",
     "cumulative probability: the product of transition probabilities from..to",
     "probs is one row or column of probabilities in [0,1]; from and to are exact "
     "integers in 1..n (default 1 and n); from > to gives 1, the empty product. "
     "Errors: empty range #VALUE!; a probability outside [0,1] or a bad position "
     "#NUM!. Exported as IF(from>to,1,PRODUCT(INDEX(P,from):INDEX(P,to))).",
     "B1:B4 = 0.52, 0.289, 0.578, 0.906  then  =CUMPROB(B1:B4) -> 0.07869682704"},
    {"EXP", "EXP(number)", "e raised to a power", NULL, "=EXP(1) -> 2.71828182845905"},
    {"IF", "IF(condition, value_if_true, [value_if_false])",
     "one of two values by a condition",
     "Only the branch taken is evaluated; without value_if_false a false condition "
     "gives FALSE; an error in the condition is the result.",
     "=IF(2>1, \"yes\", \"no\") -> \"yes\""},
    {"IFERROR", "IFERROR(value, value_if_error)",
     "a fallback when a value is an error", NULL, "=IFERROR(1/0, 0) -> 0"},
    {"INDEX", "INDEX(reference, row, [column])",
     "the cell (or row or column) at a position in a reference",
     "Returns a reference, so INDEX(P,1):INDEX(P,3) is a range. Row or column 0 "
     "selects a whole column or row; out of bounds gives #REF!.",
     "=INDEX(B2:D4, 2, 3) -> the value of D3"},
    {"INT", "INT(number)", "rounds down to an integer", NULL, "=INT(-2.5) -> -3"},
    {"IRR", "IRR(values, [guess])", "internal rate of return of periodic cash flows",
     "Newton's method from guess (default 10%), to full precision; #NUM! without a "
     "sign change or without convergence.", "A1:A3 = -100, 60, 60  then  =IRR(A1:A3) -> 0.130662386291807"},
    {"LEN", "LEN(text)", "number of characters", NULL, "=LEN(\"rNPV\") -> 4"},
    {"LN", "LN(number)", "natural logarithm", "Zero or negative numbers give #NUM!.",
     "=LN(EXP(2)) -> 2"},
    {"MATCH", "MATCH(value, reference, [match_type])",
     "position of a value in a row or column",
     "match_type 1 (default): largest value <= value in ascending data; 0: exact, "
     "with * ? ~ wildcards for text; -1: smallest value >= value in descending "
     "data. Not found gives #N/A.", "A1:A3 = \"a\", \"b\", \"c\"  then  =MATCH(\"B\", A1:A3, 0) -> 2"},
    {"MAX", "MAX(number1, [number2, ...])", "largest number", "No numbers gives 0.",
     "=MAX(1, 7, 3) -> 7"},
    {"MILESTONE_PV", "MILESTONE_PV(rate, amounts, times, trans_probs, [delay])",
     "risk-adjusted PV of a sequential milestone schedule",
     "Milestone i is paid at t_i + delay only if transitions 1..i all succeed: "
     "sum of A_i * (p_1*...*p_i) * (1+rate)^-(t_i+delay). Errors: empty or size "
     "mismatch #VALUE!; rate <= -1, a probability outside [0,1] or a negative time "
     "#NUM!. Exported with SUMPRODUCT and a running product SUBTOTAL(6,OFFSET(...)).",
     "A1:B1 = 1, 2; A2:B2 = 1, 2; A3:B3 = 0.5, 0.5  then  =MILESTONE_PV(10%, A1:B1, A2:B2, A3:B3) -> 0.867768595041322"},
    {"MIN", "MIN(number1, [number2, ...])", "smallest number", "No numbers gives 0.",
     "=MIN(4, 2, 8) -> 2"},
    {"MOD", "MOD(number, divisor)", "remainder with the divisor's sign",
     "A zero divisor gives #DIV/0!.", "=MOD(-3, 2) -> 1"},
    {"NOT", "NOT(logical)", "logical negation", NULL, "=NOT(TRUE) -> FALSE"},
    {"NPV", "NPV(rate, value1, [value2, ...])",
     "net present value of end-of-period cash flows",
     "Flow k is discounted by (1+rate)^k. Text, booleans and empty cells inside "
     "references are skipped.", "=NPV(10%, 110, 121) -> 200"},
    {"OR", "OR(logical1, [logical2, ...])", "TRUE when any argument is TRUE", NULL,
     "=OR(1>2, 2>1) -> TRUE"},
    {"POWER", "POWER(number, power)", "a number raised to a power",
     "POWER(0,0) is #NUM!, POWER(0,-1) #DIV/0!, a fractional power of a negative "
     "number #NUM!.", "=POWER(2, 10) -> 1024"},
    {"PRODUCT", "PRODUCT(number1, [number2, ...])", "product of the numbers",
     "No numbers at all gives 0, as in Excel and LibreOffice.", "=PRODUCT(2, 3, 4) -> 24"},
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
    {"SQRT", "SQRT(number)", "square root", "A negative number gives #NUM!.",
     "=SQRT(16) -> 4"},
    {"SUM", "SUM(number1, [number2, ...])", "sum of the numbers",
     "Inside references only numbers count; direct arguments are coerced (TRUE is "
     "1, \"5\" is 5, other text #VALUE!).", "=SUM(1, 2, 3) -> 6"},
    {"SUMPRODUCT", "SUMPRODUCT(array1, [array2, ...])",
     "sum of element-wise products",
     "Arguments are evaluated element-wise, so SUMPRODUCT((S>T)*(S-T)) works; "
     "arrays of different shapes give #VALUE!; non-numbers count as 0.",
     "A1:B1 = 1, 2; A2:B2 = 3, 4  then  =SUMPRODUCT(A1:B1, A2:B2) -> 11"},
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
