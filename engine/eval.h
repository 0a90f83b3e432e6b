/*
 * eval: the evaluator. Runs a cell's Program on a value stack (no
 * recursion: precedents are always evaluated first, in graph order) and
 * recalculates a book in topological order.
 */
#ifndef VS_EVAL_H
#define VS_EVAL_H

#include <stdint.h>

#include "book.h"
#include "compile.h"
#include "value.h"

/* Runs program p for the cell at (sheet, row0, col0) and returns its
 * scalar result; strings in the result live in b->scratch until the next
 * reset. */
Value eval_program(Book *b, const Program *p, uint32_t sheet, uint32_t row0,
                   uint32_t col0);

/* Evaluates every formula cell (all when full, else only dirty ones) in
 * the graph's order; results are stored in the cells (strings copied into
 * the book arena). The graph must be built and sorted. */
void eval_recalc(Book *b, bool full);

#endif
