/*
 * parse: the driver that feeds re2c tokens to the Lemon parser. It chooses
 * the lexer mode (sheet mode at a statement's head, formula mode after a
 * cell's or name's '='), drops newlines inside parentheses, turns a
 * statement's first identifier into a keyword, and recovers from a syntax
 * error by skipping to the end of the statement and restarting the parser.
 */
#ifndef VS_PARSE_H
#define VS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "lex.h"
#include "str.h"

struct ParseCtx {
    Arena *arena;           /* the workbook arena: nodes, statements */
    StrTable *names;        /* intern table for identifiers, sheet names */
    Diags *diags;
    uint32_t file;          /* Diags file index */
    const char *text;       /* the source, NUL-terminated */
    Stmt *first;            /* statements in source order */
    Stmt *last;
    const Str *sheet;       /* current sheet name; NULL before any */
    bool in_scenario;       /* inside a scenario block */
    Span scenario_span;
    const Str *scenario_name;
    bool stmt_error;        /* the current statement already reported */
    AstNode *formula;       /* result of a lone-formula parse */
    uint32_t depth;         /* parenthesis depth (driver) */
    uint32_t *paren_off;    /* offsets of the open '(' (depth of them); owned */
    uint32_t paren_cap;
    uint32_t brace_off;     /* offset of an open '{' + 1, or 0 (driver) */
    Span cur;               /* span of the token being fed */
    ParseCtx *parent;       /* the file that included this one, or NULL */
    const char *real;       /* canonical path (arena), for include cycles;
                               NULL until needed */
    uint32_t include_depth; /* 0 for the model itself */
};

/* Parses a whole .vsheet source already added to diags as `file`; the
 * statements land in ctx->first. Returns the number of errors reported. */
uint32_t parse_sheet(ParseCtx *ctx);

/* Parses one formula (for --set values and tests). Returns the expression
 * or NULL after reporting an error. */
AstNode *parse_formula(ParseCtx *ctx);

void parse_ctx_init(ParseCtx *ctx, Arena *arena, StrTable *names, Diags *d,
                    uint32_t file);

/* The TK_KW_* code of a statement keyword (any case), or 0; shared with
 * fmt.c so the formatter knows the same keywords. */
int parse_keyword(const char *s, uint32_t n);

/* The rest of a `chart` or `analysis` line from lx->pos as one TK_RAWLINE
 * token (up to a comment or the newline, trailing blanks excluded). */
Token parse_raw_line(Lexer *lx);

/* Called by the grammar. */
void parse_syntax_error(ParseCtx *ctx, const Token *t);
void parse_stack_overflow(ParseCtx *ctx);
void parse_formula_done(ParseCtx *ctx, AstNode *e);

/* Lemon's entry points (the generated header holds only token codes). */
void *SheetParserAlloc(void *(*malloc_fn)(size_t), ParseCtx *ctx);
void SheetParserFree(void *p, void (*free_fn)(void *));
void SheetParser(void *p, int major, Token minor);

#endif
