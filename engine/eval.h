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

/* Evaluates formula cells in the graph's order: all of them when full,
 * else only those marked by graph_mark_dependents since the last recalc
 * (plus volatile cells and their dependents), at a cost proportional to
 * that set. Results are stored in the cells (strings copied into the book
 * arena). The graph must be built and sorted. Returns the number of cells
 * evaluated. */
uint32_t eval_recalc(Book *b, bool full);

/* Releases the evaluator's per-book caches (called by book_free). */
void eval_free_caches(Book *b);

#endif
