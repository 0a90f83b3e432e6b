/*
 * chart: binds `chart` statements into native Excel charts on the model's
 * sheets (book->charts), drawn by the exporter with caches taken from the
 * evaluated cells:
 *
 *   chart line|column|bar|pie|scatter "Title" data=RANGE [categories=RANGE]
 *         [series=RANGE ...] at CELL [size=W,H]
 */
#ifndef VS_CHART_H
#define VS_CHART_H

#include "ast.h"
#include "book.h"

/* Binds every chart statement among first; errors go to b->diags. */
void chart_bind(Book *b, const Stmt *first);

#endif
