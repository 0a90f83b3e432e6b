/*
 * vsbook: the vs_book behind the public API (valsheet.h), shared by the
 * modules that implement parts of that API: valsheet.c (open, set,
 * recalc, export, print) and decide.c (scenarios, sensitivity, goal seek).
 * Nothing else includes it.
 */
#ifndef VS_VSBOOK_H
#define VS_VSBOOK_H

#include <stdbool.h>
#include <stdint.h>

#include "book.h"
#include "diag.h"
#include "report.h"
#include "valsheet.h"

enum { VS_PHASES = 6 };

struct vs_book {
    Diags diags;
    Book book;
    bool graph_ready;       /* graph built for the current cell set */
    bool evaluated;
    bool load_failed;       /* parse or bind errors: never evaluated */
    uint32_t cycles;
    uint32_t last_evaluated; /* cells evaluated by the last recalc */
    double phase_s[VS_PHASES];  /* seconds spent per phase (--stats) */
    double phase_mb[VS_PHASES]; /* peak RSS after the phase, MB */
    Report **reports;       /* owned: extra sheets for the next export */
    uint32_t n_reports;
    char **set_log;         /* owned: --set assignments applied, in order,
                               replayed on the copies simulate makes */
    uint32_t n_set_log;
};

/* Sets the constant at a position (creating the cell if needed) and marks
 * its dependents dirty; VS_ERR_USAGE (reported, prefixed with who) for a
 * formula cell. */
vs_status vs_set_cell(vs_book *vb, const char *who, const RangeRef *r, Value v,
                      bool pct, Span at);

/* Resolves a cell, range or defined name. */
bool vs_resolve(vs_book *vb, const char *text, RangeRef *r);

/* Recalculates without the locale guard (callers hold it). */
vs_status vs_recalc(vs_book *vb);

/* Adds a report sheet for the next export (the book takes it). */
void vs_add_report(vs_book *vb, Report *r);

/* A sheet name for a new report that no model sheet or report uses:
 * base, or "base (2)", ... into out. */
void vs_report_name(vs_book *vb, const char *base, char *out, size_t n);

#endif
