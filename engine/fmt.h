/*
 * fmt: the canonical layout of a .vsheet source (`valsheet fmt`).
 *
 * Works from the lexer's tokens plus the source text, not from the AST,
 * because comments and blank lines never reach the AST. The output keeps
 * every token the user wrote in its order (so it parses to the same
 * statements), every comment and a blank line wherever there was a run of
 * them; only whitespace, the case of keywords, function names, cell
 * references, error literals and TRUE/FALSE, and alignment change.
 * Formatting its own output gives the same text (idempotent).
 *
 * Invariant: fmt_source is only given sources that parse; on others its
 * output is still well-defined (unknown lines are copied verbatim) but may
 * not be canonical.
 */
#ifndef VS_FMT_H
#define VS_FMT_H

#include <stdint.h>

#include "str.h"

/* Appends the canonical layout of text[0..len) to out (which the caller
 * owns). text must have a NUL at text[len], as the lexer requires. */
void fmt_source(const char *text, uint32_t len, StrBuf *out);

#endif
