/*
 * lex: the re2c lexer's API. Two modes share one buffer (so positions are
 * file positions): sheet mode for statement heads and directives, formula
 * mode for everything right of a cell's '='. The lexer decodes nothing: it
 * returns Lemon's TK_* code and the span; ast.c decodes literals.
 *
 * The buffer must end with a NUL at text[len]; a NUL before that is
 * returned as TK_ILLEGAL so the driver can report it.
 */
#ifndef VS_LEX_H
#define VS_LEX_H

#include <stdint.h>

#include "diag.h"

typedef struct Token {
    int type;       /* TK_* from build/gen/sheet.h; 0 at end of input */
    Span span;
} Token;

typedef struct Lexer {
    const unsigned char *text;  /* whole file, NUL-terminated */
    uint32_t len;               /* bytes before the final NUL */
    uint32_t pos;               /* next byte to read */
    uint32_t file;              /* Diags file index, copied into spans */
} Lexer;

void lex_init(Lexer *lx, const char *text, uint32_t len, uint32_t file);

/* Next token in sheet mode (statement heads, directives). */
Token lex_sheet_token(Lexer *lx);

/* Next token in formula mode (expressions). */
Token lex_formula_token(Lexer *lx);

#endif
