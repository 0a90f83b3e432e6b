/*
 * source: the statements that pull other files into a model.
 *
 *   include "shared/assumptions.vsheet"
 *   import csv "actuals.csv" at Data!A1 header
 *
 * Paths are relative to the file that names them. An included file is
 * parsed as if its text stood at the include line (its `sheet` statements
 * apply to it; the including file's sheet is unchanged after it); a CSV
 * becomes one literal cell per non-empty field whose place is the field in
 * the CSV, so diagnostics (a cell assigned twice) name the CSV's line.
 */
#ifndef VS_SOURCE_H
#define VS_SOURCE_H

#include "ast.h"
#include "lex.h"
#include "parse.h"

enum { SOURCE_MAX_INCLUDE_DEPTH = 32 };

/* `include PATH`: parses the file into ctx's statement list. */
void source_include(ParseCtx *ctx, Token keyword, Token path);

/* `import KIND PATH AT TARGET [HEADER]`: checks the words, reads the CSV
 * and adds its cells with TARGET as the top-left corner. header may be
 * NULL. */
void source_import(ParseCtx *ctx, Token kind, Token path, Token at, const Target *t,
                   const Token *header);

#endif
