/*
 * ast: expression nodes and statements built by the parser's actions, the
 * constructors those actions call (one call per action), and the Excel
 * unparser used by the exporter.
 *
 * All nodes live in the workbook arena. Constructors compute spans, decode
 * literals and report bad literals through the ParseCtx's diagnostics; on a
 * bad literal they still return a node (an error literal) so parsing goes on.
 */
#ifndef VS_AST_H
#define VS_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "lex.h"
#include "str.h"
#include "value.h"

typedef struct ParseCtx ParseCtx;
typedef struct FnDef FnDef;
typedef struct NameDef NameDef;

typedef enum AstKind {
    AST_NUMBER,
    AST_STRING,
    AST_BOOL,
    AST_ERROR,
    AST_EMPTYARG,
    AST_REF,        /* one cell, or an area when is_area */
    AST_NAME,       /* defined name, bound to a NameDef */
    AST_CALL,
    AST_UNARY,      /* op: OP_NEG, OP_PLUS */
    AST_BINARY,     /* op: an OpCode of a binary operator */
    AST_PERCENT,
    AST_ARRAY       /* array constant {1,2;3,4} */
} AstKind;

/* Operators (shared with the compiler's instruction set). */
typedef enum OpCode {
    OP_ADD = 1, OP_SUB, OP_MUL, OP_DIV, OP_POW, OP_CONCAT,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_RANGE,       /* ':' between two references */
    OP_NEG, OP_PLUS, OP_PCT
} OpCode;

/* Absolute-marker bits of a reference. */
enum { REF_ABS_ROW0 = 1, REF_ABS_COL0 = 2, REF_ABS_ROW1 = 4, REF_ABS_COL1 = 8 };

/* Whole-column (A:C) and whole-row (2:5) references: their fixed parts
 * (rows of a column span) carry absolute bits so fills keep them. */
enum { REF_WHOLE_COLS = 1, REF_WHOLE_ROWS = 2 };

typedef struct AstNode AstNode;

typedef struct AstList {
    AstNode **v;        /* arena array */
    uint32_t n;
    uint32_t cap;
} AstList;

struct AstNode {
    uint8_t kind;       /* AstKind */
    uint8_t op;         /* OpCode for unary/binary */
    uint8_t err;        /* ErrorCode for AST_ERROR */
    bool b;             /* AST_BOOL; for AST_REF: is_area */
    uint16_t depth;     /* nesting depth, bounded so walks may recurse */
    Span span;
    union {
        double num;                 /* AST_NUMBER */
        const Str *str;             /* AST_STRING */
        struct {
            const Str *sheet_name;  /* NULL: the sheet it is written in */
            uint32_t sheet;         /* bound sheet index */
            uint32_t row0, row1;    /* zero-based; row1 == row0 for a cell */
            uint16_t col0, col1;
            uint8_t abs;            /* REF_ABS_* bits */
            uint8_t whole;          /* REF_WHOLE_*, or 0 */
        } ref;
        const Array *arr;           /* AST_ARRAY */
        struct {
            const Str *name;        /* as written (interned) */
            const NameDef *def;     /* bound definition; NULL if unknown */
        } name;
        struct {
            const Str *name;        /* as written (interned) */
            const FnDef *fn;        /* bound function */
            AstNode **args;
            uint32_t n_args;
        } call;
        struct {
            AstNode *a;             /* operand (unary, percent) or left */
            AstNode *b;             /* right */
        } bin;
    } u;
};

/* A defined name (`name rate = Inputs!$B$1`). */
struct NameDef {
    const AstNode *expr;    /* what the name stands for (bound) */
    const Str *name;        /* spelling of the definition */
    Span span;
    uint32_t sheet;         /* sheet the definition was written on */
    bool bound;             /* bind has resolved expr */
};

/* The left side of a cell statement, or any sheet-mode cell/range. */
typedef struct Target {
    const Str *sheet_name;  /* NULL: current sheet */
    uint32_t row0, row1;    /* zero-based, inclusive */
    uint16_t col0, col1;
    bool ok;                /* false after a reported error */
    Span span;
} Target;

/* Style options of a `style` statement. */
typedef struct StyleOpts {
    bool bold, italic, border, underline, wrap;
    int32_t fill;           /* 0xRRGGBB or -1 */
    int32_t color;          /* 0xRRGGBB or -1 */
    uint8_t align;          /* 0 none, 1 left, 2 center, 3 right */
} StyleOpts;

typedef enum StmtKind {
    ST_TITLE, ST_AUTHOR, ST_SHEET, ST_CELLS, ST_NAME, ST_FORMAT, ST_STYLE,
    ST_WIDTH, ST_FREEZE, ST_OUTPUTS, ST_OPTION,
    ST_SCENARIO,            /* text: the scenario's name */
    ST_OVERRIDE,            /* in a scenario: text (a name) or target, items[0] */
    ST_CHART, ST_ANALYSIS   /* text: the rest of the line, raw; span: its place */
} StmtKind;

typedef struct Stmt Stmt;
struct Stmt {
    Stmt *next;             /* source order */
    uint8_t kind;           /* StmtKind */
    Span span;              /* the whole statement head */
    const Str *sheet_name;  /* current sheet when written; NULL: default */
    uint32_t sheet;         /* bound sheet index (bind.c) */
    const Str *text;        /* title, author, sheet, format, name */
    Target target;          /* cells, format, style, width (cols), freeze */
    AstNode **items;        /* cells: values; name: [expr]; outputs */
    uint32_t n_items;
    StyleOpts style;
    double width;
};

/* An array constant while it is parsed: elements row-major. */
typedef struct ArrayElem {
    Value v;
    Span span;
} ArrayElem;

typedef struct ArrayBuild {
    Value *v;               /* arena, grown by doubling */
    uint32_t n, cap;
    uint32_t rows;
    uint32_t cols;          /* items in the first row */
    uint32_t in_row;        /* items in the current row */
    uint32_t bad_row;       /* first row of another length (1-based), 0 */
    uint32_t bad_len;
} ArrayBuild;

/* ---- constructors called from grammar actions ---- */

AstNode *ast_number(ParseCtx *ctx, Token t);
AstNode *ast_string(ParseCtx *ctx, Token t);
AstNode *ast_errlit(ParseCtx *ctx, Token t);
AstNode *ast_emptyarg(ParseCtx *ctx);
AstNode *ast_ref(ParseCtx *ctx, const Token *sheet, Token t);
AstNode *ast_name(ParseCtx *ctx, Token t);
AstNode *ast_ref_whole(ParseCtx *ctx, const Token *sheet, Token t);
ArrayElem ast_array_elem(ParseCtx *ctx, const Token *minus, Token t);
ArrayBuild *ast_array_add(ParseCtx *ctx, ArrayBuild *b, ArrayElem e, bool new_row);
AstNode *ast_array(ParseCtx *ctx, Token lbrace, ArrayBuild *b, Token rbrace);
AstNode *ast_call(ParseCtx *ctx, Token name, AstList *args, Token rparen);
AstNode *ast_unary(ParseCtx *ctx, Token op, AstNode *a);
AstNode *ast_binary(ParseCtx *ctx, Token op, AstNode *a, AstNode *b);
AstNode *ast_percent(ParseCtx *ctx, Token op, AstNode *a);
AstNode *ast_group(ParseCtx *ctx, Token l, AstNode *a, Token r);
AstList *ast_list(ParseCtx *ctx, AstList *l, AstNode *n);

Target ast_target(ParseCtx *ctx, const Token *sheet, Token cell);
Target ast_target_range(ParseCtx *ctx, const Target *first, Token last);
Target ast_colspan(ParseCtx *ctx, Token first, Token last);
StyleOpts ast_style_flag(ParseCtx *ctx, Token key);
StyleOpts ast_style_color(ParseCtx *ctx, Token key, Token color);
StyleOpts ast_style_merge(ParseCtx *ctx, const StyleOpts *a, const StyleOpts *b);

void ast_stmt_text(ParseCtx *ctx, StmtKind kind, Token s);
void ast_stmt_sheet(ParseCtx *ctx, Token name);
void ast_stmt_cells(ParseCtx *ctx, const Target *t, AstList *items);
void ast_stmt_override(ParseCtx *ctx, Token name, AstNode *e);
void ast_stmt_name(ParseCtx *ctx, Token name, AstNode *e);
void ast_stmt_format(ParseCtx *ctx, const Target *t, Token fmt);
void ast_stmt_style(ParseCtx *ctx, const Target *t, const StyleOpts *o);
void ast_stmt_width(ParseCtx *ctx, const Target *cols, Token w);
void ast_stmt_freeze(ParseCtx *ctx, const Target *t);
void ast_stmt_scenario(ParseCtx *ctx, Token name);
void ast_stmt_end(ParseCtx *ctx, Token end);
void ast_stmt_outputs(ParseCtx *ctx, AstList *l);
void ast_stmt_option(ParseCtx *ctx, Token name);
void ast_stmt_raw(ParseCtx *ctx, StmtKind kind, Token keyword, Token rest);

/* ---- helpers ---- */

/* Parses "$AB$12" into zero-based row/col and abs bits; false when it is
 * not a reference within Excel's limits (*why gets a reason). */
bool ast_parse_cellref(const char *s, size_t n, uint32_t *row0, uint16_t *col0,
                       uint8_t *abs, const char **why);

/* Writes the column letters of a zero-based column ("A", "XFD"). */
void ast_col_name(uint16_t col0, char out[4]);

/* True when the node is a constant a cell can hold as a typed value:
 * a number, string, boolean or error literal, a negated number or a
 * percent of a number. *v gets the value, *is_percent whether a '%'. */
bool ast_constant(const AstNode *n, Value *v, bool *is_percent, Arena *a);

/* What the unparser needs to know about the workbook being written. */
typedef struct AstExcel {
    const Str *const *names;    /* sheet names by index */
    uint32_t n;
    bool guarded;               /* valuation functions reproduce their
                                   error rules (DOMAIN.md C9) */
} AstExcel;

/* Appends the Excel formula text (no leading '=') of a bound expression,
 * with relative references shifted by (drow, dcol) as Excel's fill does;
 * a shifted reference outside the sheet becomes #REF!. `sheet` is the
 * sheet the formula lives on (references to it stay unqualified).
 * Functions are written upper-case, defined names as defined, sheet
 * names quoted when Excel requires it. Valuation functions are expanded through their
 * FnDef's expand hook; returns false when some call could not be
 * expanded (the caller then writes the value instead). */
bool ast_to_excel(const AstNode *n, const AstExcel *sheets, uint32_t sheet,
                  int64_t drow, int64_t dcol, StrBuf *out);

/* Appends a sheet name as Excel writes it before '!': quoted when needed. */
void ast_sheet_prefix(const Str *name, StrBuf *out);

#endif
