/*
 * report: the sheets and charts valsheet adds to a workbook beside the
 * model: results of the decision commands (Scenarios, Tornado, Data table,
 * Goal seek, Simulation) and the charts of `chart` statements. A report is
 * plain data (cells with values or formulas and cached values, charts with
 * their series and cached points); the exporter writes it. Reports own
 * their memory.
 */
#ifndef VS_REPORT_H
#define VS_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "value.h"

typedef enum ReportStyle {
    RS_PLAIN, RS_TITLE, RS_HEADER, RS_NOTE, RS_INPUT, RS_STRONG
} ReportStyle;

typedef struct ReportCell {
    uint32_t row0;
    uint16_t col0;
    uint8_t style;          /* ReportStyle */
    Value v;                /* the value, or a formula's cached value */
    char *text;             /* owned: the text of a VK_STRING value */
    char *formula;          /* owned: Excel formula without '=', or NULL */
    char *num_format;       /* owned, or NULL: General */
} ReportCell;

typedef enum ReportChartType {
    CHART_LINE, CHART_COLUMN, CHART_BAR, CHART_PIE, CHART_SCATTER
} ReportChartType;

typedef struct ReportSeries {
    char *name;             /* owned; NULL: Excel's default */
    char *categories;       /* owned: "=Sheet!$A$2:$A$9", or NULL */
    char *values;           /* owned: "=Sheet!$B$2:$B$9" */
    uint32_t n;             /* points */
    char **cat_cache;       /* owned: category texts (NULL if numeric) */
    double *cat_num_cache;  /* owned: numeric categories (scatter x) */
    double *val_cache;      /* owned: the values as computed */
    bool *val_missing;      /* owned: point is not a number */
    bool from_book;         /* caches are read from the book at export */
    RangeRef val_ref;       /* from_book: the values */
    RangeRef cat_ref;       /* from_book: the categories (has_cat_ref) */
    bool has_cat_ref;
} ReportSeries;

typedef struct ReportChart {
    uint8_t type;           /* ReportChartType */
    char *title;            /* owned */
    ReportSeries *series;   /* owned vector */
    uint32_t n_series;
    uint32_t row0;          /* anchor (top-left cell) */
    uint16_t col0;
    uint32_t width, height; /* pixels */
    bool reverse_categories;/* bar charts: first category on top */
    bool stacked_overlap;   /* tornado: bars of one category overlap */
    char *x_title, *y_title;/* owned, optional */
    uint32_t sheet;         /* model charts: the sheet it is drawn on */
} ReportChart;

typedef struct Report {
    char *name;             /* owned: sheet name (unique in the workbook) */
    ReportCell *cells;      /* owned vector */
    uint32_t n_cells, cap_cells;
    ReportChart *charts;    /* owned vector */
    uint32_t n_charts;
    double widths[16];      /* column widths, 0: default */
    bool has_validation;    /* a list drop-down at (val_row0, val_col0) */
    uint32_t val_row0;
    uint16_t val_col0;
    char *val_source;       /* owned: "=$C$4:$F$4" (documentation only) */
    char **val_list;        /* owned, NULL-terminated: the choices */
} Report;

/* A new empty report named name. */
Report *report_new(const char *name);
void report_free(Report *r);

/* Adds cells; the returned cell can be given a number format or style. */
ReportCell *report_text(Report *r, uint32_t row0, uint16_t col0, const char *s,
                        ReportStyle style);
ReportCell *report_number(Report *r, uint32_t row0, uint16_t col0, double x,
                          const char *num_format);
ReportCell *report_value(Report *r, uint32_t row0, uint16_t col0, Value v,
                         const char *num_format);
/* A formula (no '=') with its cached value. */
ReportCell *report_formula(Report *r, uint32_t row0, uint16_t col0,
                           const char *formula, Value cached, const char *num_format);

/* Adds a chart and returns it (series added with report_series). */
ReportChart *report_chart(Report *r, ReportChartType type, const char *title,
                          uint32_t row0, uint16_t col0, uint32_t width, uint32_t height);
ReportSeries *report_series(ReportChart *c, const char *name, const char *categories,
                            const char *values, uint32_t n);

/* Sorts the cells in row, column order (the writer streams rows). */
void report_sort(Report *r);

/* Frees a chart's contents (not the struct). */
void report_chart_clear(ReportChart *c);

/* A malloc'd copy, aborting on exhaustion. */
char *report_strdup(const char *s);

#endif
