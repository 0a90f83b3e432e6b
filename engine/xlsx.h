/*
 * xlsx: the exporter. Writes a recalculated book as an .xlsx through
 * libxlsxwriter: formulas unparsed from the bound AST (ast_to_excel) with
 * typed cached values, constants as typed cells, defined names, number
 * formats, styles, column widths (explicit or fitted to the formatted
 * contents), frozen panes and document properties.
 *
 * Deterministic (same input, same bytes: fixed creation date unless
 * SOURCE_DATE_EPOCH is set, C-locale numbers) and atomic (a temporary file
 * beside the target, renamed into place; on any failure the target is left
 * untouched and the temporary removed). Only this module includes
 * <xlsxwriter.h>.
 */
#ifndef VS_XLSX_H
#define VS_XLSX_H

#include <stdbool.h>
#include <stdint.h>

#include "book.h"

typedef struct Report Report;

typedef struct XlsxOptions {
    int64_t created;        /* document date, seconds since the epoch */
    Report *const *reports; /* extra sheets after the model's, in order */
    uint32_t n_reports;
    /* With a scenario switch: for each b->scen_inputs[i], the Excel
     * reference ("Scenarios!$H$6") its model cell is linked to. */
    const char *const *scen_links;
    /* Provenance for the document properties (NULL: left out): the
     * valsheet version, the hex SHA-256 of the model source and the
     * --set overrides applied ("a=1; b=2"), so a workbook names the
     * text it came from. */
    const char *version;
    const char *source_sha256;
    const char *overrides;
} XlsxOptions;

/* Writes b to path. Problems are reported to b->diags (I/O and
 * libxlsxwriter failures as errors naming the path, formulas that cannot
 * be exported as warnings). Returns true on success. */
bool xlsx_write(Book *b, const char *path, const XlsxOptions *opt);

#endif
