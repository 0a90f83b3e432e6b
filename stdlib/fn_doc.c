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
    {"BREAKEVEN_UPFRONT", "BREAKEVEN_UPFRONT(project_rnpv, deferred_rnpv, [hurdle])",
     "the largest upfront that still leaves the licensee its hurdle rNPV",
     "project_rnpv - deferred_rnpv - hurdle (hurdle defaults to 0). A negative "
     "result means no upfront works and is returned as is. Also the upfront that "
     "makes a milestone-and-royalty package worth an ask: "
     "BREAKEVEN_UPFRONT(ask, contingent_rnpv). Errors: non-numeric input #VALUE!. "
     "Exported as proj-deferred-hurdle.",
     "=BREAKEVEN_UPFRONT(8.589, 3.589, 1) -> 4"},
    {"COLUMN", "COLUMN([reference])", "column number of a reference or of the cell itself",
     "Without an argument, the column of the cell holding the formula. A reference "
     "of several columns gives a row array of their numbers (a cell shows the first).",
     "=COLUMN(C5) -> 3"},
    {"COLUMNS", "COLUMNS(array)", "number of columns of a reference or array", NULL,
     "=COLUMNS(B2:E9) -> 4"},
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
    {"EQUIV_ROYALTY", "EQUIV_ROYALTY(target, rate, sales, times, probs)",
     "the flat royalty rate whose risk-adjusted PV equals a target",
     "target / sum of S_t * p_t * (1+rate)^-t; probs is a range or one probability "
     "for every period. Errors: empty, size mismatch or text #VALUE!; target < 0, "
     "negative sales or times, rate <= -1, a probability outside [0,1] #NUM!; a zero "
     "denominator #DIV/0!; then a result above 1 (more than all sales) #NUM!. "
     "Exported as target/SUMPRODUCT(S,P,(1+rate)^(-T)).",
     "A1:A3 = 200, 300, 400; B1:B3 = 1, 2, 3  then  "
     "=EQUIV_ROYALTY(1, 10%, A1:A3, B1:B3, 0.0787) -> 0.017399511611004"},
    {"EXP", "EXP(number)", "e raised to a power", NULL, "=EXP(1) -> 2.71828182845905"},
    {"FAIL_NPV", "FAIL_NPV(rate, cashflows, times, fail_time)",
     "plain NPV of the flows dated strictly before a failure",
     "Sum of CF_i * (1+rate)^-t_i over t_i < fail_time: what a party has gained or "
     "lost if failure becomes known at fail_time and everything later stops. A flow "
     "dated exactly at fail_time is the success-contingent one and is not paid. "
     "Errors: empty or size mismatch #VALUE!; rate <= -1, a negative time or "
     "fail_time #NUM!. Exported as SUMPRODUCT(CF,--(T<tf),(1+rate)^(-T)).",
     "A1:A3 = -2.5, -4, 0.5; B1:B3 = 0, 2, 3  then  "
     "=FAIL_NPV(10%, A1:A3, B1:B3, 3) -> -5.80578512396694"},
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
    {"IRR", "IRR(values, [guess])", "internal rate of return of periodic cash flows",
     "Newton's method from guess (default 10%), to full precision; #NUM! without a "
     "sign change or without convergence.", "A1:A3 = -100, 60, 60  then  =IRR(A1:A3) -> 0.130662386291807"},
    {"LEN", "LEN(text)", "number of characters", NULL, "=LEN(\"rNPV\") -> 4"},
    {"LN", "LN(number)", "natural logarithm", "Zero or negative numbers give #NUM!.",
     "=LN(EXP(2)) -> 2"},
    {"LOOKUP", "LOOKUP(value, lookup_vector, [result_vector])",
     "approximate lookup in a sorted vector (or the array form)",
     "Finds the largest value <= value in ascending data and returns the element at the "
     "same position of result_vector (a reference shorter than the lookup vector is read "
     "on past its end, as Excel does). With two arguments, an array wider than tall is "
     "searched in its first row and answered from its last row, otherwise by columns. "
     "A value below the first gives #N/A.",
     "A1:A3 = 1, 5, 10; B1:B3 = \"low\", \"mid\", \"high\"  then  "
     "=LOOKUP(7, A1:A3, B1:B3) -> \"mid\""},
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
    {"OFFSET", "OFFSET(reference, rows, cols, [height], [width])",
     "a reference moved by rows and columns, optionally resized",
     "height and width default to the reference's size; offsets and sizes are "
     "truncated. A size below 1 or an area off the sheet gives #REF!, a first argument "
     "that is not a reference #VALUE!. Volatile, like INDIRECT.",
     "A1:C3 = 1, 2, 3, 4, 5, 6, 7, 8, 9  then  =SUM(OFFSET(A1, 1, 0, 2, 3)) -> 39"},
    {"OR", "OR(logical1, [logical2, ...])", "TRUE when any argument is TRUE", NULL,
     "=OR(1>2, 2>1) -> TRUE"},
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
    {"POWER", "POWER(number, power)", "a number raised to a power",
     "POWER(0,0) is #NUM!, POWER(0,-1) #DIV/0!, a fractional power of a negative "
     "number #NUM!.", "=POWER(2, 10) -> 1024"},
    {"PRODUCT", "PRODUCT(number1, [number2, ...])", "product of the numbers",
     "No numbers at all gives 0, as in Excel and LibreOffice.", "=PRODUCT(2, 3, 4) -> 24"},
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
    {"TRL_PROB", "TRL_PROB(trl, table)",
     "probability (or any metric) for a Technology Readiness Level, from your table",
     "table holds nine values for TRL 1..9 in one row or column; there is no "
     "built-in table, since no published TRL-to-probability mapping exists. "
     "Errors: a table not of exactly 9 cells #VALUE!; an entry outside [0,1] #NUM!; "
     "trl not an integer in 1..9 #N/A. Exported as "
     "IF(AND(trl=INT(trl),trl>=1,trl<=9),INDEX(table,trl),NA()).",
     "A1:A9 = 0.01, 0.02, 0.03, 0.05, 0.07, 0.0787, 0.151, 0.524, 1  then  "
     "=TRL_PROB(7, A1:A9) -> 0.151"},
    {"VLOOKUP", "VLOOKUP(value, table, col_index, [approximate])",
     "looks a value up in the first column of a table and returns a cell beside it",
     "approximate TRUE (default): the largest value <= value in an ascending first column "
     "(Excel's bisection; unsorted data gives what it meets). FALSE, or an omitted fourth "
     "argument as in VLOOKUP(v,t,2,), is the first exact match, text without case and with "
     "* ? ~ wildcards. col_index < 1 gives #VALUE!, beyond the table #REF!, not found #N/A.",
     "A1:B3 = 1, \"one\", 2, \"two\", 3, \"three\"  then  "
     "=VLOOKUP(2, A1:B3, 2, FALSE) -> \"two\""},
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
