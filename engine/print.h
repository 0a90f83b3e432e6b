/*
 * print: the CLI printers: values of cells, ranges or names as text, CSV
 * or JSON. Numbers use %.15g in the C locale (JSON: the shortest form
 * that reads back exactly), text keeps Excel's quoting in
 * the text format, errors print as their Excel spelling.
 */
#ifndef VS_PRINT_H
#define VS_PRINT_H

#include <stdio.h>

#include "book.h"

/* The version of docs/json.md that --format json output follows; equal to
 * VS_JSON_SCHEMA (valsheet.c asserts it). */
enum { PRINT_JSON_SCHEMA = 1 };

typedef enum PrintFormat { PRINT_TEXT, PRINT_CSV, PRINT_JSON, PRINT_MARKDOWN } PrintFormat;

typedef struct Printer {
    FILE *out;
    PrintFormat fmt;
    unsigned n;         /* items printed so far */
} Printer;

void print_begin(Printer *p, FILE *out, PrintFormat fmt);

/* Writes s[0..n) as a JSON string literal, quotes included. */
void print_json_string(FILE *out, const char *s, size_t n);

/* Writes v as docs/json.md defines it: numbers with the full double,
 * errors as {"error": "#DIV/0!"}, empty as null. */
void print_json_value(FILE *out, Value v);

/* Prints one item: label (a cell name or the name the user asked for)
 * and value. */
void print_value(Printer *p, const char *label, Value v);

/* Prints every cell of area r, labelled with its address. */
void print_area(Printer *p, const Book *b, const RangeRef *r);

/* Prints every non-empty cell, sheet by sheet, row-major. */
void print_all(Printer *p, const Book *b);

void print_end(Printer *p);

/* A labelled grid, what the decision commands print: one row per label,
 * one column per header. Text: aligned columns under an optional title
 * line; CSV: a header line then one line per row; JSON: {"schema": 1, "title": ...,
 * "columns": [...], "rows": [{"label": ..., "values": [...]}]};
 * Markdown: a table. */
typedef struct PrintTable {
    const char *title;          /* may be NULL */
    const char *corner;         /* header of the label column */
    const char *const *cols;
    uint32_t n_cols;
    const char *const *rows;
    uint32_t n_rows;
    const Value *cells;         /* n_rows * n_cols, row-major */
} PrintTable;

void print_table(FILE *out, PrintFormat fmt, const PrintTable *t);

/* Lists the built-in functions (name NULL) or describes one; false when
 * name is not a function. Text: one line each, or the full entry; JSON: an
 * array of objects; Markdown: the table docs/functions.md is made of. */
bool print_functions(FILE *out, const char *name, PrintFormat fmt);

#endif
