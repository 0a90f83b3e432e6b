/*
 * scenario: `scenario NAME ... end` blocks (LANGUAGE.md §7). Binding checks
 * that every override names an input cell (a constant, by name or
 * reference) and holds a literal; the book then knows each scenario's
 * values and the union of the inputs they touch, which the exporter turns
 * into the workbook's live scenario switch.
 */
#ifndef VS_SCENARIO_H
#define VS_SCENARIO_H

#include <stdint.h>

#include "ast.h"
#include "book.h"

/* Binds the scenario statements among first into b->scenarios; errors
 * go to b->diags. Runs after the cells are bound. */
void scenario_bind(Book *b, const Stmt *first);

/* The scenario called name (case-insensitive), or UINT32_MAX. */
uint32_t scenario_find(const Book *b, const char *name);

/* The value scenario sc (UINT32_MAX: base) gives input i, with its
 * percent flag. */
Value scenario_value(const Book *b, uint32_t sc, uint32_t input, bool *pct);

/* The index in b->scen_inputs of cell id, or UINT32_MAX. */
uint32_t scenario_input_of(const Book *b, uint32_t cell);

#endif
