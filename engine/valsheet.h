/*
 * valsheet.h: the public API. The CLI, tests that act as users, and
 * embedders include only this header.
 *
 * A vs_book is a parsed, bound and (after vs_book_recalc) evaluated model.
 * Functions report problems as diagnostics on the FILE * given at open
 * ("file:line:col: error: message") and return a vs_status.
 */
#ifndef VS_VALSHEET_H
#define VS_VALSHEET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define VS_VERSION "0.1.0"

/* The version of the --format json schema (docs/json.md) this library
 * prints; raised when a field is removed or changes meaning. */
#define VS_JSON_SCHEMA 1

typedef struct vs_book vs_book;

typedef enum vs_status {
    VS_OK = 0,
    VS_ERR_IO,          /* a file could not be read or written */
    VS_ERR_SYNTAX,      /* the model does not parse */
    VS_ERR_BIND,        /* unknown sheet or function, duplicate cell, ... */
    VS_ERR_CYCLE,       /* circular references (other cells evaluated) */
    VS_ERR_EVAL,        /* --strict: a formula evaluated to an error */
    VS_ERR_XLSX,        /* the workbook could not be written */
    VS_ERR_USAGE,       /* a bad argument from the caller */
    VS_ERR_DIFFERS      /* vs_book_verify_xlsx: the workbook differs */
} vs_status;

typedef enum vs_format {
    VS_FORMAT_TEXT,     /* Sheet!A1 = value, one per line */
    VS_FORMAT_CSV,      /* cell,value with a header line */
    VS_FORMAT_JSON,     /* docs/json.md: {"Sheet!A1": value, ...}; errors
                           {"error": "#N/A"} */
    VS_FORMAT_MARKDOWN  /* function listings only (docs/functions.md) */
} vs_format;

/* Reads, parses and binds the model at path. *out is set whenever the
 * file could be read (even with errors, so diagnostics can be counted and
 * walked with vs_book_diag); NULL on I/O failure. diag may be NULL (print
 * nothing); diagnostics are never coloured here (see vs_book_open_file_opt).
 * Example: vs_book_open_file("deal.vsheet", stderr, &b); */
vs_status vs_book_open_file(const char *path, FILE *diag, vs_book **out);

/* Same from memory; name is used in diagnostics, and `include` and
 * `import csv` paths are resolved against its directory. */
vs_status vs_book_open_string(const char *name, const char *text, size_t len,
                              FILE *diag, vs_book **out);

/* Colour of printed diagnostics ("error:"/"warning:" words and caret). */
typedef enum vs_color {
    VS_COLOR_NEVER,     /* plain text (what vs_book_open_file does) */
    VS_COLOR_ALWAYS,    /* ANSI escapes even into a file or a pipe */
    VS_COLOR_AUTO       /* only when diag is a terminal and the NO_COLOR
                           environment variable is unset or empty */
} vs_color;

typedef struct vs_open_options {
    FILE *diag;         /* where diagnostics are printed; NULL: nowhere
                           (they can still be read with vs_book_diag) */
    vs_color color;
} vs_open_options;

/* vs_book_open_file and vs_book_open_string with options. Example:
 * vs_open_options o = {stderr, VS_COLOR_AUTO};
 * vs_book_open_file_opt("deal.vsheet", &o, &b); */
vs_status vs_book_open_file_opt(const char *path, const vs_open_options *o,
                                vs_book **out);
vs_status vs_book_open_string_opt(const char *name, const char *text, size_t len,
                                  const vs_open_options *o, vs_book **out);

/* One diagnostic reported by any call on the book, in order. The strings
 * belong to the book and live until vs_book_close. */
typedef struct vs_diagnostic {
    char severity;          /* 'e' error, 'w' warning, 'n' note */
    const char *file;       /* model file, or NULL (no location) */
    unsigned line;          /* 1-based; 0 without a location */
    unsigned column;        /* 1-based, in code points */
    const char *message;    /* without "file:line:col: error: " */
} vs_diagnostic;

/* Diagnostics so far (the first 20 errors and their warnings and notes:
 * what was printed). vs_book_diag fills *d with the i-th and returns 1,
 * or returns 0 when i is past the end. Example:
 * for (size_t i = 0; vs_book_diag(b, i, &d); i++) puts(d.message); */
size_t vs_book_diag_count(const vs_book *b);
int vs_book_diag(const vs_book *b, size_t i, vs_diagnostic *d);

/* The i-th file (from 0) the model read or looked for: the model itself
 * when opened with vs_book_open_file, included models and imported CSVs,
 * missing ones too (so a watcher sees them appear). NULL past the last;
 * valid until vs_book_close. */
const char *vs_book_source_path(const vs_book *b, size_t i);

/* Overrides an input for this run: "NAME_OR_REF=VALUE" where VALUE is a
 * literal (number, percent, string, boolean, error). Refused for formula
 * cells. Example: vs_book_set(b, "rate=12%"); */
vs_status vs_book_set(vs_book *b, const char *assignment);

/* Builds the dependency graph if needed and reports cycles, without
 * evaluating (what `valsheet check` does). VS_ERR_CYCLE when there are
 * cycles, VS_ERR_BIND when the model had errors. */
vs_status vs_book_check_graph(vs_book *b);

/* Warns, with file:line:col, at every call of a function that target
 * ("excel2010", "excel365" or "libreoffice") lacks. VS_ERR_USAGE for an
 * unknown target (reported on the diagnostics stream), VS_ERR_BIND when
 * the model had errors, else VS_OK (warnings allowed). Example:
 * vs_book_check_target(b, "excel2010"); */
vs_status vs_book_check_target(vs_book *b, const char *target);

/* Builds the dependency graph if needed, reports cycles and evaluates
 * every formula. VS_ERR_CYCLE when cycles were found (other cells are
 * still evaluated). */
vs_status vs_book_recalc(vs_book *b);

/* Reports every formula cell whose value is an error (for --strict);
 * returns VS_ERR_EVAL when there was one. */
vs_status vs_book_check_values(vs_book *b);

/* Writes the workbook atomically; created is the document date in seconds
 * since the epoch. Example: vs_book_write_xlsx(b, "deal.xlsx", 0); */
vs_status vs_book_write_xlsx(vs_book *b, const char *path, int64_t created);

/* Rebuilds the workbook (as vs_book_write_xlsx would, with the same
 * created date) into a temporary file and compares it byte for byte with
 * the one at path, which is only read. VS_OK when they are identical,
 * VS_ERR_DIFFERS (reported, with the offset of the first difference)
 * when not, VS_ERR_IO when path cannot be read. Builds are deterministic,
 * so a match proves the workbook came from this model text, these --set
 * values and this valsheet version. Example:
 * vs_book_verify_xlsx(b, "deal.xlsx", 0); */
vs_status vs_book_verify_xlsx(vs_book *b, const char *path, int64_t created);

/* Prints the values of refs (cells, ranges or names) or, with n_refs 0,
 * of every non-empty cell. VS_ERR_USAGE for an unknown reference. */
vs_status vs_book_print(vs_book *b, FILE *out, const char *const *refs,
                        size_t n_refs, vs_format fmt);

/* Prints the cells listed by the model's `outputs` statement with their
 * labels; VS_ERR_USAGE when the model has none. */
vs_status vs_book_print_outputs(vs_book *b, FILE *out, vs_format fmt);

/* Errors reported so far. */
unsigned vs_book_error_count(const vs_book *b);

/* Formula cells, distinct compiled programs, graph nodes and edges. */
void vs_book_stats(const vs_book *b, size_t *formulas, size_t *programs,
                   size_t *nodes, size_t *edges);

/* Prints the time and peak memory of each phase (read, parse, bind,
 * graph, evaluate, export) and the counts of vs_book_stats (--stats). */
void vs_book_print_stats(const vs_book *b, FILE *out);

/* Cells the last vs_book_recalc evaluated (all formulas the first time,
 * only the dirty dependents of vs_book_set after that). */
uint32_t vs_book_last_recalc_count(const vs_book *b);

/* Reads one cell (a reference or a name for one cell): *num gets a number
 * (booleans as 1/0), text (if given) the value as text. VS_OK when it is a
 * number, VS_ERR_EVAL for any other value, VS_ERR_USAGE for an unknown
 * reference. Example: vs_book_get(b, "Summary!B1", &x, NULL, 0); */
vs_status vs_book_get(vs_book *b, const char *ref, double *num, char *text,
                      size_t n);

void vs_book_close(vs_book *b);

/* ---- decision support (decide.c) ---- */

/* Evaluates the model under a scenario of its `scenario` blocks (NULL or
 * "Base": the base case). The next export shows that scenario's values
 * and selects it in the Scenarios sheet. VS_ERR_USAGE (reported, with the
 * known names) for an unknown scenario. */
vs_status vs_book_use_scenario(vs_book *b, const char *name);

/* The model's scenarios, in source order. */
size_t vs_book_scenario_count(const vs_book *b);
const char *vs_book_scenario_name(const vs_book *b, size_t i);

/* Prints each output (outputs given, or the model's `outputs` statement
 * when n_outputs is 0) under the base case and every scenario: one row
 * per output, one column per scenario, base first. */
vs_status vs_book_compare_scenarios(vs_book *b, const char *const *outputs,
                                    size_t n_outputs, FILE *out, vs_format fmt);

/* Runs a decision command over the evaluated book and prints its result
 * to out (when not NULL); its sheet is added to the next export.
 * command: "tornado" (--output X --inputs a,b [--swing 20%]
 * [--low-high a=LOW:HIGH]), "table" (--output X[,Y] --vary A=v1,v2
 * [--vary B=w1,w2]) or "solve" (--vary A --target X --value V [--min a
 * --max b]); all take --title. argv holds the options only. Inputs are
 * restored afterwards. */
vs_status vs_book_analyse(vs_book *b, const char *command, int argc,
                          const char *const *argv, FILE *out, vs_format fmt);

/* Monte Carlo simulation (simulate.c). */
typedef struct vs_sim_options {
    const char *const *outputs; /* REF|NAME of one cell each; with
                                   n_outputs 0, the model's `outputs` */
    size_t n_outputs;
    uint64_t trials;            /* 0: 10,000 */
    uint64_t seed;              /* any value; the same seed, the same run */
    unsigned threads;           /* 0 or 1: one thread */
    int progress;               /* draw a progress bar on stderr */
    int full_recalc;            /* recalculate every cell each trial (to
                                   measure what incremental saves) */
    const char *title;          /* of the Simulation sheet */
} vs_sim_options;

/* Samples every distribution cell (NORMAL, BERNOULLI, ...) per trial and
 * recalculates only their dependents; prints, per output, mean, standard
 * deviation, min, max, P5-P95, P(< 0) and a histogram, and adds a
 * Simulation sheet to the next export. Trial i draws from a stream
 * derived from (seed, i), so results are bit-identical for any thread
 * count. The book is left as before (distributions at their means). */
vs_status vs_book_simulate(vs_book *b, const vs_sim_options *o, FILE *out,
                           vs_format fmt);

/* Runs the model's `analysis` lines (what `build` does before exporting);
 * errors are reported with their line. */
vs_status vs_book_run_analyses(vs_book *b);

/* Lists the built-in functions, or describes the one named (NULL: all).
 * VS_ERR_USAGE for an unknown name. Example:
 * vs_functions_print(stdout, "RNPV", VS_FORMAT_TEXT); */
vs_status vs_functions_print(FILE *out, const char *name, vs_format fmt);

/* ---- text tooling (fmt.c, diff.c) ---- */

/* Formats model source text in the canonical layout (`valsheet fmt`):
 * aligned row lists, normalised spacing and case, comments and blank
 * lines kept. *out gets a malloc'd, NUL-terminated text the caller frees
 * (*out_len bytes). The model is parsed and bound first: when that reports
 * errors they go to diag exactly as vs_book_open_string reports them, *out
 * is NULL and that status is returned; a model with errors is never
 * reformatted. Example: vs_format_source("m.vsheet", s, n, stderr, &t, &tn); */
vs_status vs_format_source(const char *name, const char *text, size_t len,
                           FILE *diag, char **out, size_t *out_len);

typedef enum vs_fmt_mode {
    VS_FMT_PRINT,       /* print the formatted text to out */
    VS_FMT_WRITE,       /* rewrite the file in place (atomically) if needed */
    VS_FMT_CHECK        /* print the path to out when it is not formatted */
} vs_fmt_mode;

/* Formats the model at path as mode says; *changed is 1 when the
 * formatted text differs from the file. --write replaces the file by
 * renaming an fsync()ed temporary file of the same directory over it, and
 * only when the text changed; nothing is written on any error. VS_ERR_IO
 * for a file that cannot be read or written, the model's status when it
 * has errors. Example: vs_format_file("m.vsheet", VS_FMT_CHECK, stdout,
 * stderr, &changed); */
vs_status vs_format_file(const char *path, vs_fmt_mode mode, FILE *out,
                         FILE *diag, int *changed);

/* Compares two evaluated models (`valsheet diff`): changed inputs (old
 * and new constant), changed formulas (old and new source text, a changed
 * fill reported once as its range), added and removed cells, names and
 * sheets, and the outputs (outputs given as REF|NAME, or with n_outputs
 * 0 the models' `outputs` statements) with absolute and relative deltas.
 * fmt: VS_FORMAT_TEXT, _JSON or _MARKDOWN (a summary line, then tables:
 * what a CI job posts on a pull request). *differs is 1 when any computed
 * value differs (a missing cell counts as empty). VS_ERR_USAGE for CSV or
 * an output neither model has (reported on new_book's diagnostics stream).
 * Example: vs_book_diff(old, new, NULL, 0, stdout, VS_FORMAT_MARKDOWN, &d); */
vs_status vs_book_diff(vs_book *old_book, vs_book *new_book,
                       const char *const *outputs, size_t n_outputs, FILE *out,
                       vs_format fmt, int *differs);

/* A short description of a status. */
const char *vs_strerror(vs_status s);

/* The library's version ("0.1.0"): with a shared library it can differ
 * from the VS_VERSION the caller was compiled against. */
const char *vs_version(void);

#endif
