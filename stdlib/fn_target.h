/*
 * fn_target: which spreadsheet applications lack which functions, for
 * `valsheet check --target`. Kept apart from the FnDef table so the two
 * can change independently; a function not listed here is assumed present
 * everywhere (valsheet's own valuation functions are exported as plain
 * Excel formulas, so they are).
 */
#ifndef VS_FN_TARGET_H
#define VS_FN_TARGET_H

#include <stdbool.h>
#include <stddef.h>

typedef enum FnTarget {
    FN_TARGET_EXCEL2010,
    FN_TARGET_EXCEL365,
    FN_TARGET_LIBREOFFICE,  /* 7.4, the version the tests recalculate in */
    FN_TARGET_COUNT
} FnTarget;

/* The target named s ("excel2010", "excel365", "libreoffice"), or -1. */
int fn_target_parse(const char *s);

/* How the target is named to users: "Excel 2010", "LibreOffice 7.4". */
const char *fn_target_label(FnTarget t);

/* The accepted spellings, for usage messages: "excel2010, excel365 or
 * libreoffice". */
const char *fn_target_choices(void);

/* True when the target application has no function of this (upper-case)
 * name, so a workbook using it shows #NAME? there. */
bool fn_target_lacks(FnTarget t, const char *name);

#endif
