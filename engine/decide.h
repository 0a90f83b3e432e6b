/*
 * decide: the decision commands over an evaluated book (issue "decision
 * support"): scenario comparison and the workbook's live Scenarios sheet,
 * tornado sensitivity, one- and two-way data tables and goal seek by
 * Brent's method. Every evaluation sets inputs in place and recalculates
 * only their dependents; nothing is re-read from text.
 *
 * The public entry points are declared in valsheet.h (vs_book_analyse,
 * vs_book_run_analyses, vs_book_use_scenario, vs_book_compare_scenarios);
 * this header holds what the exporter side of valsheet.c needs.
 */
#ifndef VS_DECIDE_H
#define VS_DECIDE_H

#include "vsbook.h"

/* Builds the Scenarios sheet (the live switch and, when the model has an
 * `outputs` statement, the static comparison). *links gets a malloc'd
 * vector of b->n_scen_inputs malloc'd Excel references for the model's
 * input cells to read. NULL when the model has no scenarios. */
Report *decide_scenario_sheet(vs_book *vb, char ***links);

#endif
