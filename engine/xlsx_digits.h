/*
 * xlsx_digits: gives the numbers of a written workbook their full
 * precision. libxlsxwriter (built without its dtoa option, as Debian
 * builds it) prints every number with "%.16G", so 0.30000000000000004 is
 * written as 0.3 and reads back as another double. Excel writes up to 17
 * significant digits. After the writer has closed the file, this pass
 * rewrites the model sheets' <v> values whose 16-digit text does not read
 * back as the engine's double, with the shortest text that does. Every
 * other zip entry is copied byte for byte, and the result is deterministic.
 * Part of the exporter; only xlsx.c calls it.
 */
#ifndef VS_XLSX_DIGITS_H
#define VS_XLSX_DIGITS_H

#include <stdbool.h>

#include "atomic_file.h"
#include "book.h"

/* Reads the workbook at src and writes the rewritten one to a new atomic
 * file *out for target, which the caller commits. Sheets 1..b->n_sheets
 * of the zip are the model's sheets, in order. Reports an error to
 * b->diags and returns false on failure (*out is then released). */
bool xlsx_digits_fix(Book *b, const char *src, const char *target, AtomicFile *out);

#endif
