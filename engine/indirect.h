/*
 * indirect: reference text to an area, for INDIRECT at evaluation time.
 * Reads A1 style ("B2", "$A$1:C3", "A:C", "2:5") or R1C1 style ("R2C3",
 * "R[-1]C", "R2", "C[1]"), either optionally after a sheet prefix
 * ("Inputs!B2", "'Deal terms'!A:A"), or a defined name that stands for a
 * reference.
 */
#ifndef VS_INDIRECT_H
#define VS_INDIRECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "book.h"
#include "value.h"

/* Resolves text[0..n) for a formula in (sheet, row0, col0): R1C1 offsets
 * in brackets count from that cell. False when the text is not a
 * reference inside the sheet's limits, names an unknown sheet or name, or
 * a name that is not a reference (INDIRECT then gives #REF!). */
bool indirect_resolve(const Book *b, const char *text, size_t n, bool a1,
                      uint32_t sheet, uint32_t row0, uint32_t col0, RangeRef *out);

#endif
