/*
 * bind: turns parsed statements into the workbook: creates sheets in the
 * order they are first named, defined names, and cells (fills and row
 * lists), resolves every reference's sheet, every name and every function
 * (arity checked), and compiles each formula once.
 */
#ifndef VS_BIND_H
#define VS_BIND_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "book.h"

/* Loads statements into b; errors go to b->diags. Returns the number of
 * errors reported. */
uint32_t bind_book(Book *b, const Stmt *first);

/* Binds one expression written on `sheet` (used for --set values and the
 * outputs list); returns the number of errors. */
uint32_t bind_expr(Book *b, AstNode *e, uint32_t sheet);

/* The closest sheet (sheets) or defined name to s, for "did you mean"
 * hints; NULL when none is close. */
const char *bind_suggest(const Book *b, const Str *s, bool sheets);

#endif
