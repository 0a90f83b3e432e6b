/*
 * fn_target: availability of functions in the applications a workbook may
 * be opened with (stdlib module). One row per function that some target
 * lacks, sorted by name. Sources: Microsoft's "new functions in Excel
 * 2013/2016/2019/365" pages and LibreOffice's release notes (CONCAT,
 * TEXTJOIN, IFS, SWITCH, MINIFS and MAXIFS arrived in 5.2; XLOOKUP,
 * XMATCH, LET and the dynamic-array functions after 7.4).
 */
#include "fn_target.h"

#include <string.h>

enum {
    LACK_2010 = 1 << FN_TARGET_EXCEL2010,
    LACK_LO = 1 << FN_TARGET_LIBREOFFICE
};

typedef struct TargetRow {
    const char *name;
    unsigned lacks;     /* LACK_* bits */
} TargetRow;

static const TargetRow fn_target_rows[] = {
    {"CONCAT", LACK_2010},
    {"DAYS", LACK_2010},
    {"FILTER", LACK_2010 | LACK_LO},
    {"IFNA", LACK_2010},
    {"IFS", LACK_2010},
    {"LET", LACK_2010 | LACK_LO},
    {"MAXIFS", LACK_2010},
    {"MINIFS", LACK_2010},
    {"SEQUENCE", LACK_2010 | LACK_LO},
    {"SORT", LACK_2010 | LACK_LO},
    {"SORTBY", LACK_2010 | LACK_LO},
    {"SWITCH", LACK_2010},
    {"TEXTJOIN", LACK_2010},
    {"UNIQUE", LACK_2010 | LACK_LO},
    {"XLOOKUP", LACK_2010 | LACK_LO},
    {"XMATCH", LACK_2010 | LACK_LO},
    {"XOR", LACK_2010},
};

static const char *const fn_target_names[FN_TARGET_COUNT] = {
    "excel2010", "excel365", "libreoffice",
};

static const char *const fn_target_labels[FN_TARGET_COUNT] = {
    "Excel 2010", "Excel 365", "LibreOffice 7.4",
};

int
fn_target_parse(const char *s)
{
    for (int i = 0; i < FN_TARGET_COUNT; i++)
        if (strcmp(s, fn_target_names[i]) == 0)
            return i;
    return -1;
}

const char *
fn_target_label(FnTarget t)
{
    return t < FN_TARGET_COUNT ? fn_target_labels[t] : "?";
}

const char *
fn_target_choices(void)
{
    return "excel2010, excel365 or libreoffice";
}

bool
fn_target_lacks(FnTarget t, const char *name)
{
    size_t lo = 0, hi = sizeof fn_target_rows / sizeof fn_target_rows[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, fn_target_rows[mid].name);
        if (c == 0)
            return (fn_target_rows[mid].lacks >> t) & 1u;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}
