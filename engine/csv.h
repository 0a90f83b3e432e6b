/*
 * csv: an RFC 4180 reader for `import csv`. Fields are separated by commas,
 * records by CRLF or LF; a field in double quotes may hold commas, newlines
 * and "" for a quote. A UTF-8 byte-order mark is skipped. Malformed input
 * (an unterminated quote, a quote inside an unquoted field, text after a
 * closing quote, invalid UTF-8) is reported at its line:col in the CSV file.
 */
#ifndef VS_CSV_H
#define VS_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef struct CsvField {
    uint32_t row0;      /* zero-based record */
    uint32_t col0;      /* zero-based field within the record */
    Span span;          /* the field in the file, quotes included */
    const char *text;   /* unescaped; valid only during the callback */
    size_t len;
} CsvField;

typedef void (*CsvFieldFn)(void *arg, const CsvField *f);

/* Calls fn for every field (empty ones too) of Diags file `file`, in
 * order. Returns false after reporting the first malformation; fields
 * before it have been delivered. */
bool csv_parse(Diags *d, uint32_t file, CsvFieldFn fn, void *arg);

#endif
