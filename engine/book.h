/*
 * book: the workbook model: sheets, cells, defined names, document
 * properties and the layout statements (formats, styles, widths, freeze)
 * the exporter applies. Cells live in one vector owned by the book; each
 * sheet maps (row, column) to a cell id through a two-level page table per
 * column, so lookups are O(1) and column scans are cache-friendly.
 *
 * Cells of one fill statement share one Formula (bound AST + Program) and
 * differ only in their position, as Excel's shared formulas do.
 */
#ifndef VS_BOOK_H
#define VS_BOOK_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "str.h"
#include "value.h"

typedef struct Program Program;

/* A formula shared by the cells of one statement item. */
typedef struct Formula {
    const AstNode *ast;     /* bound expression */
    const Program *prog;    /* compiled, relative to the anchor */
    uint32_t sheet;         /* anchor: the cell the text was written for */
    uint32_t row0;
    uint16_t col0;
} Formula;

enum CellFlags {
    CELL_DIRTY = 1,         /* needs evaluation */
    CELL_EVALUATING = 2,    /* on the evaluation stack (dynamic refs) */
    CELL_VOLATILE = 4,      /* recalculated on every recalc */
    CELL_PERCENT = 8,       /* constant written as a percent literal */
    CELL_CIRC = 16,         /* member of a circular reference */
    CELL_OVERRIDDEN = 32,   /* value set with --set */
    CELL_RANDOM = 64        /* calls a distribution: resampled each trial */
};

typedef struct Cell {
    Value value;            /* constant, or the last computed result */
    const Formula *f;       /* NULL for a constant */
    uint32_t sheet;
    uint32_t row0;
    uint16_t col0;
    uint8_t flags;          /* CellFlags */
    uint8_t pct_decimals;   /* decimals written in a percent literal */
    Span span;              /* where the cell was assigned */
} Cell;

enum { BOOK_PAGE_ROWS = 1024 };

/* Cell ids of one column: pages of BOOK_PAGE_ROWS entries, id + 1 (0 =
 * no cell). Pages are malloc'd and owned by the column. */
typedef struct ColumnIndex {
    uint32_t **pages;
    uint32_t n_pages;
} ColumnIndex;

typedef struct Sheet {
    const Str *name;        /* interned */
    Span span;              /* first `sheet` statement */
    ColumnIndex *cols;      /* owned vector, n_cols long */
    uint32_t n_cols;
    uint32_t max_row1;      /* rows used (one past the last row0) */
    uint32_t max_col1;
} Sheet;

/* An input cell some scenario overrides (scenario.c). */
typedef struct ScenarioInput {
    uint32_t cell;          /* cell id */
    const Str *label;       /* the name or reference it was written as */
    Value base;             /* value before any scenario (set on apply) */
    uint8_t base_flags;     /* CELL_PERCENT of the base */
    uint8_t base_pct_decimals;
} ScenarioInput;

typedef struct ScenarioValue {
    uint32_t input;         /* index into Book.scen_inputs */
    Value v;
    bool pct;
    Span span;
} ScenarioValue;

/* A `scenario NAME ... end` block. */
typedef struct Scenario {
    const Str *name;
    Span span;
    ScenarioValue *values;  /* arena */
    uint32_t n_values;
} Scenario;

typedef struct Book {
    Arena arena;            /* AST, programs, formulas, cell strings */
    Arena scratch;          /* one evaluation's temporaries */
    StrTable names;         /* identifiers and sheet names */
    Diags *diags;           /* not owned */
    Sheet *sheets;          /* owned vector, in first-named order */
    uint32_t n_sheets;
    Cell *cells;            /* owned vector */
    uint32_t n_cells;
    uint32_t cap_cells;
    NameDef **defs;         /* owned vector of arena NameDefs */
    uint32_t n_defs;
    const Str *title;
    const Str *author;
    const Stmt *stmts;      /* all statements, for the exporter's layout */
    AstNode **outputs;      /* `outputs` statement items (bound) */
    uint32_t n_outputs;
    bool guarded_export;    /* `option guarded_export` */
    bool volatile_dates;    /* `option volatile_dates`: TODAY, NOW allowed */
    const struct FnSampler *sampler; /* set while simulating (simulate.c) */
    Scenario *scenarios;    /* arena vector, source order */
    uint32_t n_scenarios;
    ScenarioInput *scen_inputs; /* arena vector: every overridden cell */
    uint32_t n_scen_inputs;
    uint32_t active_scenario; /* index, or UINT32_MAX for the base case */
    struct ReportChart *charts; /* owned vector: `chart` statements (chart.c) */
    uint32_t n_charts;
    uint32_t n_formulas;    /* formula cells */
    uint32_t n_programs;    /* distinct programs compiled */
    void *graph;            /* Graph *, owned (graph.c) */
    void *sums;             /* SumCache *, owned (eval.c): prefix sums of
                               growing ranges within one recalculation */
} Book;

/* Initialises an empty book reporting to d. */
void book_init(Book *b, Diags *d);

/* Releases everything the book owns. */
void book_free(Book *b);

/* The sheet index for an interned name, or UINT32_MAX. */
uint32_t book_find_sheet(const Book *b, const Str *name);

/* Adds a sheet (name interned); returns its index. */
uint32_t book_add_sheet(Book *b, const Str *name, Span span);

/* The cell id at a position, or UINT32_MAX when no cell is there. */
uint32_t book_cell_id(const Book *b, uint32_t sheet, uint32_t row0, uint32_t col0);

/* Creates the cell at a position; returns its id, or UINT32_MAX (and
 * *prev gets the existing id) when the position is already assigned. */
uint32_t book_add_cell(Book *b, uint32_t sheet, uint32_t row0, uint32_t col0,
                       uint32_t *prev);

/* Grows the cell vector to hold n cells without further copying (bind
 * knows every statement's size before it adds the first cell). */
void book_reserve_cells(Book *b, uint32_t n);

/* The value at a position (VK_EMPTY when no cell). Matches FnCellReader. */
Value book_cell_value(const void *book, uint32_t sheet, uint32_t row0,
                      uint32_t col0);

/* The number format the workbook shows the top-left cell of r with: the
 * last `format` statement covering it, else a percent literal's own
 * ("0.0%"), else NULL for General. */
const char *book_number_format(const Book *b, const RangeRef *r);

/* The defined name for an interned identifier, or NULL. */
NameDef *book_find_name(const Book *b, const Str *name);

/* "Sheet!A1" (sheet quoted when needed) into buf. */
void book_cell_name(const Book *b, uint32_t sheet, uint32_t row0, uint32_t col0,
                    char *buf, size_t n);

/* Resolves "A1", "Sheet!B2", "'Deal terms'!C3" or a defined name to an
 * area. default_sheet is used when no sheet is given. False when it is
 * none of these. */
bool book_resolve(const Book *b, const char *text, uint32_t default_sheet,
                  RangeRef *out);

#endif
