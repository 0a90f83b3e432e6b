/*
 * fn: the interface between the evaluator and the built-in functions
 * (stdlib/fn_*.c): the function table row (FnDef), the call context (FnCtx),
 * argument helpers that apply value.c's coercion rules, range iteration,
 * and the export hook for functions Excel does not have.
 *
 * stdlib code includes only this header, value.h, str.h and arena.h; it
 * reaches cells only through FnCtx, so it never sees the book.
 *
 * Argument conventions (set by the compiler, relied on here):
 * - A reference argument (A1, A1:C9, a name for a range) arrives as VK_RANGE,
 *   even a single cell, so aggregates can tell a referenced text cell
 *   (skipped) from a direct text argument (coerced).
 * - An omitted argument in the middle (f(a,,c)) arrives as VK_EMPTYARG;
 *   trailing optional arguments that were not written are simply absent
 *   (argc is smaller).
 * - Arguments of FN_ARRAY functions are evaluated element-wise, so they may
 *   be VK_ARRAY.
 * - Results: return value_error(...) for failures. Strings, arrays and
 *   ranges returned are allocated in cx->scratch; the evaluator copies what
 *   it keeps.
 */
#ifndef VS_FN_H
#define VS_FN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "str.h"
#include "value.h"

typedef struct FnCtx FnCtx;

/* Reads one cell of the book (zero-based); empty cells give VK_EMPTY. */
typedef Value (*FnCellReader)(const void *book, uint32_t sheet, uint32_t row0,
                              uint32_t col0);

/* Monte Carlo sampling (engine/simulate.c). Every draw is a pure
 * function of (seed, trial, cell, draw number), so a trial gives the same
 * numbers whichever thread or evaluation order computes it. */
typedef struct FnSampler {
    uint64_t seed;
    uint64_t trial;
} FnSampler;

/* The used area of a sheet: *rows and *cols get one past the last row and
 * column that hold a cell (everything beyond is empty). */
typedef void (*FnUsedArea)(const void *book, uint32_t sheet, uint32_t *rows,
                           uint32_t *cols);

/* Resolves reference text as INDIRECT reads it: A1 style (a1 true) or R1C1
 * style relative to (row0, col0), optionally sheet-qualified, or a defined
 * name that stands for a reference; `sheet` is the default sheet. False
 * when the text is no valid reference. */
typedef bool (*FnResolver)(const void *book, const char *text, size_t n, bool a1,
                           uint32_t sheet, uint32_t row0, uint32_t col0,
                           RangeRef *out);

/* Reads up to n cells of one column, rows row0.. row0+n-1, into out, as
 * n FnCellReader calls would, and returns how many it read: it may stop
 * early where a single read would have a side effect (engine/eval.c stops
 * before a formula cell not yet computed), and the caller reads that cell
 * with FnCellReader. Lets a SUM over a long column skip the per-cell
 * lookup of sheet, column and page. */
typedef uint32_t (*FnColumnReader)(const void *book, uint32_t sheet, uint32_t col0,
                                   uint32_t row0, uint32_t n, Value *out);

struct FnCtx {
    Arena *scratch;         /* temporaries of this evaluation, reset after */
    const void *book;       /* opaque; passed back to cell() */
    FnCellReader cell;      /* the only way stdlib reads cells */
    uint32_t sheet;         /* the cell being evaluated */
    uint32_t row0;
    uint32_t col0;
    const FnSampler *sampler; /* NULL: distributions give their mean */
    uint32_t draws;         /* uniforms drawn so far by this cell */
    FnUsedArea used;        /* may be NULL: ranges are read whole */
    FnResolver resolve;     /* may be NULL: INDIRECT gives #REF! */
    FnColumnReader column;  /* may be NULL: cells are read one by one */
};

typedef Value (*FnImpl)(FnCtx *cx, int argc, const Value *argv);

/* Export of a call to Excel text, for functions Excel lacks. */
typedef struct FnExport FnExport;
struct FnExport {
    StrBuf *out;            /* append Excel formula text here */
    int argc;               /* arguments written in the call */
    bool guarded;           /* wrap the form in IF(<violation>, <error>, ...)
                               so the workbook reproduces the error rules
                               (DOMAIN.md §2 C9; `option guarded_export`) */
    void *ud;               /* exporter's state */
    /* Appends argument i as an Excel operand (parenthesised if needed). */
    void (*arg)(FnExport *ex, int i);
    /* For a reference argument: its size; false for any other expression. */
    bool (*arg_shape)(FnExport *ex, int i, uint32_t *rows, uint32_t *cols);
};

/* Writes an equivalent native Excel expression for the call (no leading
 * '='); returns false when it cannot, and export then writes the value. */
typedef bool (*FnExpand)(FnExport *ex);

enum FnFlags {
    FN_VOLATILE = 1 << 0,   /* recalculated on every recalc */
    FN_LAZY = 1 << 1,       /* compiled to jumps (IF, IFS, SWITCH...); impl NULL */
    FN_REFARGS = 1 << 2,    /* wants references, may return one (INDEX) */
    FN_RANGEARGS = 1 << 3,  /* accepts ranges in arguments */
    FN_ARRAY = 1 << 4,      /* arguments evaluated element-wise */
    FN_NOEXPORT = 1 << 5,   /* no Excel form: export writes the value */
    FN_VALUATION = 1 << 6,  /* valsheet's own function (DOMAIN.md) */
    FN_PAIRS = 1 << 7,      /* arguments past min_args come in pairs
                               (IFS, SUMIFS): bind rejects an odd tail */
    FN_CLOCK = 1 << 8,      /* reads the clock (TODAY, NOW): the binder
                               refuses it without `option volatile_dates` */
    FN_RANDOM = 1 << 9      /* a distribution (NORMAL...): its mean in a
                               build, a sample in `valsheet simulate` */
};

enum { FN_MANY = 255 };     /* max_args of a variadic function */

typedef struct FnDef {
    const char *name;       /* upper-case, as written in Excel */
    uint8_t min_args;
    uint8_t max_args;       /* FN_MANY: up to 255 */
    uint16_t flags;         /* FnFlags */
    FnImpl impl;            /* NULL for FN_LAZY */
    const char *xlsx_name;  /* export spelling; NULL: name as is */
    FnExpand expand;        /* non-Excel functions: native Excel form */
} FnDef;

/* ---- the table (fn_table.c) ------------------------------------------ */

/* The row for a name (case-insensitive), or NULL. Binary search. */
const FnDef *fn_lookup(const char *name, size_t n);

/* The whole table, sorted by name; *n gets its length. */
const FnDef *fn_table(size_t *n);

/* The closest known name to name[0..n) within a small edit distance, for
 * "did you mean" hints; NULL when none is close. */
const char *fn_suggest(const char *name, size_t n);

/* User documentation of a function (fn_doc.c), kept beside the table so
 * `valsheet functions` and docs/functions.md come from one place. */
typedef struct FnDoc {
    const char *name;       /* as in the FnDef */
    const char *sig;        /* "NPV(rate, value1, [value2, ...])" */
    const char *summary;    /* one line, no final period */
    const char *detail;     /* a paragraph: semantics, errors; may be NULL */
    const char *example;    /* "=NPV(10%, 100, 200) -> 256.198347107438" */
} FnDoc;

/* The documentation of a function (case-insensitive), or NULL. */
const FnDoc *fn_doc(const char *name, size_t n);

/* The whole documentation table, sorted like the function table. */
const FnDoc *fn_doc_table(size_t *n);

/* ASCII case-insensitive order of name[0..n) against an upper-case table
 * name: <0, 0, >0 (the order both tables are sorted in). */
int fn_name_cmp(const char *name, size_t n, const char *row);

/* Text as Excel reads it where a number is needed (VALUE, and operators
 * through value_to_number): plain numbers, "12%", thousands separators
 * and a leading "$" ("$1,234.5"), accounting negatives "(100)", ISO dates
 * "2024-01-15" (as serials) and times "13:30[:15]" (fractions of a day).
 * False for anything else (fn_textfmt.c). */
bool fn_text_to_number(const char *s, size_t n, double *out);

/* ---- argument helpers (fn.c) ------------------------------------------ */

/* Rows and columns of a value: ranges and arrays their size, scalars 1x1. */
uint32_t fn_value_rows(Value v);
uint32_t fn_value_cols(Value v);

/* Rows and columns of a value worth reading: a range clipped to its
 * sheet's used area (possibly 0 x 0), arrays and scalars whole. */
void fn_value_used(FnCtx *cx, Value v, uint32_t *rows, uint32_t *cols);

/* Element (r, c) (zero-based) of a range, array or scalar (scalars repeat).
 * Cells are read through cx->cell. */
Value fn_value_at(FnCtx *cx, Value v, uint32_t r, uint32_t c);

/* Reduces an argument to one scalar: a 1x1 range or array gives its only
 * element; a larger range is intersected implicitly with the current cell's
 * row or column as Excel does (no intersection: #VALUE!); a larger array
 * gives its top-left element. Scalars pass through. */
Value fn_scalar(FnCtx *cx, Value v);

/* A direct scalar argument as a number (fn_scalar, then operator coercion).
 * Returns XE_NONE on success, else the error code. */
ErrorCode fn_arg_number(FnCtx *cx, Value v, double *out);

/* A direct argument as an integer after Excel's truncation toward zero. */
ErrorCode fn_arg_int(FnCtx *cx, Value v, double *out);

/* A direct argument as a boolean (value_to_bool rules). */
ErrorCode fn_arg_bool(FnCtx *cx, Value v, bool *out);

/* A direct argument as text, appended to b (value_to_text rules). */
ErrorCode fn_arg_text(FnCtx *cx, Value v, StrBuf *b);

/* A string value allocated in the scratch arena. */
Value fn_make_string(FnCtx *cx, const char *s, size_t n);

/* Row-major iteration over a range, array or scalar argument. */
enum { FN_ITER_BUF = 64 };

typedef struct RangeIter {
    FnCtx *cx;
    Value src;
    uint32_t rows;          /* visited rows and columns */
    uint32_t cols;
    uint64_t i;             /* next element, row-major */
    uint64_t n;             /* rows * cols */
    uint64_t skipped;       /* empty cells beyond the used area */
    uint32_t r, c;          /* row and column of element i */
    uint32_t buf_i, buf_n;  /* one-column ranges: cells read ahead */
    Value buf[FN_ITER_BUF];
} RangeIter;

void fn_iter_init(RangeIter *it, FnCtx *cx, Value v);

/* The same, but the part of a range beyond its sheet's used area, all
 * empty, is not visited (A:A costs the used rows, not 1,048,576); `skipped`
 * counts those cells for a function that counts empties. */
void fn_iter_init_used(RangeIter *it, FnCtx *cx, Value v);

/* Stores the next element in *out and returns true; false at the end. */
bool fn_iter_next(RangeIter *it, Value *out);

/* Numbers gathered Excel's aggregate way (SUM, AVERAGE, MIN, MAX, COUNT):
 * inside ranges and arrays only numbers count (text, booleans, empties are
 * skipped) and errors propagate; direct scalar arguments are coerced
 * (TRUE is 1, numeric text is its number, other text #VALUE!); an omitted
 * argument counts as 0. The array lives in cx->scratch. */
typedef struct FnNumbers {
    double *x;
    size_t n;
} FnNumbers;

ErrorCode fn_collect_numbers(FnCtx *cx, int argc, const Value *argv,
                             FnNumbers *out);

/* ---- export helpers ---------------------------------------------------- */

static inline void
fn_export_puts(FnExport *ex, const char *s)
{
    strbuf_puts(ex->out, s);
}

static inline void
fn_export_arg(FnExport *ex, int i)
{
    ex->arg(ex, i);
}

#endif
