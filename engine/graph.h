/*
 * graph: the dependency graph. One node per cell (ids equal cell ids) and
 * one per distinct range read by a formula (HyperFormula's range vertices),
 * edges from precedent to dependent stored both ways in compressed arrays.
 * A range node depends on the formula cells inside it; formulas reading the
 * range depend on the range node, so a SUM over 10,000 rows costs one edge
 * per formula cell in the range, not one per reader and cell.
 *
 * The topological order (Kahn, iterative, ties in cell order) is computed
 * once per structure; cycles are found with an iterative Tarjan pass.
 */
#ifndef VS_GRAPH_H
#define VS_GRAPH_H

#include <stdbool.h>
#include <stdint.h>

#include "value.h"

typedef struct Book Book;

typedef struct Graph {
    uint32_t n_cells;       /* nodes 0..n_cells-1 are cells */
    uint32_t n_nodes;       /* plus range nodes */
    RangeRef *ranges;       /* range node i is ranges[i - n_cells]; owned */
    uint32_t n_ranges;
    uint32_t *out_start;    /* CSR: dependents of node v are */
    uint32_t *out_edges;    /*   out_edges[out_start[v] .. out_start[v+1]) */
    uint32_t *in_start;     /* CSR: precedents, same layout */
    uint32_t *in_edges;
    uint32_t n_edges;
    uint32_t *order;        /* evaluation order of every node that is not
                               in a cycle (cycle members hold #CIRC!) */
    uint32_t n_order;
    uint32_t *pos;          /* per node: its index in order (UINT32_MAX for
                               cycle members) */
    uint8_t *in_cycle;      /* per node: member of a cyclic SCC */
    uint32_t n_cycles;
    uint32_t *dirty;        /* formula cells marked since the last recalc,
                               unordered; owned */
    uint32_t n_dirty, cap_dirty;
    uint32_t *stamp;        /* per node: epoch of its last visit; owned */
    uint32_t epoch;
    uint32_t *volatiles;    /* cells calling volatile functions; owned */
    uint32_t n_volatiles;
    uint32_t n_dyn_cycles;  /* cycles through OFFSET/INDIRECT found by the
                               last recalc (eval.c) */
} Graph;

/* Builds the graph for every formula cell of the book. */
void graph_build(Graph *g, Book *b);

/* Computes g->order; reports each cycle as a diagnostic with its path and
 * marks its cells CELL_CIRC. Returns the number of cycles. */
uint32_t graph_sort(Graph *g, Book *b);

/* Marks node v and everything that depends on it dirty (iterative) and
 * adds the formula cells among them to g->dirty, each once until the next
 * graph_take_dirty. Cost is the size of the dependents, not of the book. */
void graph_mark_dependents(Graph *g, Book *b, uint32_t v);

/* Sorts g->dirty into evaluation order and hands it over: *n gets its
 * length; the list stays valid until the next graph_mark_dependents. */
const uint32_t *graph_take_dirty(Graph *g, uint32_t *n);

void graph_free(Graph *g);

/* With VS_DEBUG: verifies the two edge directions agree (aborts if not). */
void graph_check(const Graph *g);

#endif
