/*
 * diff: the semantic difference of two evaluated models (`valsheet diff`);
 * vs_book_diff (valsheet.h) is built from these two steps.
 *
 * Cells are matched by sheet name and position. A pair of constants that
 * differ is a changed input; a pair whose formulas differ (compared as the
 * Excel text at that cell, so spacing, case and fill anchors do not count)
 * is a changed formula, reported once per pair of statements as the range
 * they cover; cells on one side only are added or removed. Values are
 * compared everywhere, a missing cell counting as empty: any difference
 * makes the models differ.
 */
#ifndef VS_DIFF_H
#define VS_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "valsheet.h"

typedef struct DiffReport DiffReport;

/* Compares two evaluated books. outputs (n_outputs of them, REF or NAME)
 * are the outputs to report; with none, the `outputs` statements of both
 * models (the new model's first). Returns a report the caller frees with
 * diff_free; NULL (reported on the new book's diagnostics stream) for an
 * output that neither model knows. */
DiffReport *diff_compare(vs_book *old_book, vs_book *new_book,
                         const char *const *outputs, size_t n_outputs);

/* True when some computed value differs. */
bool diff_differs(const DiffReport *d);

/* Prints the report: text, JSON or markdown (what a CI job posts on a
 * pull request: a summary line, then tables). */
void diff_print(const DiffReport *d, FILE *out, vs_format fmt);

void diff_free(DiffReport *d);

#endif
