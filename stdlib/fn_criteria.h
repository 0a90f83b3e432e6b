/*
 * fn_criteria: private to stdlib. The criteria of SUMIF, COUNTIF,
 * AVERAGEIF and their *IFS forms, MINIFS and MAXIFS ("<5", ">=x", "<>",
 * "=", "a*b?c~*", 7, TRUE), parsed once per call and matched against each
 * cell of a criteria range, and the wildcard matcher they use.
 *
 * Excel's rules, as implemented in fn_criteria.c:
 * - A text criterion may start with =, <>, <, <=, >, >=; the rest is a
 *   number (numeric text such as "5" or "1e3" or "10%"), TRUE/FALSE, an
 *   error literal, or text. No operator means =.
 * - Numeric criteria match numbers, and also text cells that read as a
 *   number (Excel's COUNTIF converts them; LibreOffice does not).
 * - Text criteria with = or <> compare without case and honour wildcards
 *   (* any run, ? one character, ~ escapes the next); < > compare text
 *   cells only, without case.
 * - "" matches empty cells and cells holding "" text; "=" only empty
 *   cells; "<>" every cell that is not empty. "<>x" matches everything
 *   that "=x" does not, empty cells included.
 */
#ifndef VS_FN_CRITERIA_H
#define VS_FN_CRITERIA_H

#include <stdbool.h>
#include <stddef.h>

#include "fn.h"

typedef enum {
    CRIT_EQ,
    CRIT_NE,
    CRIT_LT,
    CRIT_LE,
    CRIT_GT,
    CRIT_GE
} CritOp;

typedef struct FnCriteria {
    CritOp op;
    Value operand;      /* number, string, bool, error; VK_EMPTY for "" */
    bool blank_only;    /* "=": empty cells only, not "" text */
    bool wild;          /* text operand holding * ? or ~ (= and <> only) */
} FnCriteria;

/* Reads a criteria argument (a scalar or a one-cell reference; a larger
 * reference is reduced by implicit intersection). Returns XE_NONE, or the
 * error of an error argument. Strings point into the argument. */
ErrorCode fn_criteria_parse(FnCtx *cx, Value arg, FnCriteria *out);

/* True when cell value v satisfies c. */
bool fn_criteria_match(const FnCriteria *c, Value v);

/* Excel wildcard match of text s[0..ns) against pattern p[0..np), ASCII
 * case-insensitive, whole text: * any run, ? any one character (one UTF-8
 * code point), ~ makes the next character literal. */
bool fn_wildcard_match(const char *p, size_t np, const char *s, size_t ns);

#endif
