/*
 * diag: source files, spans and gcc-style diagnostics
 * ("file:line:col: error: message", the source line and a caret).
 *
 * Spans are byte offsets; lines and columns (code points, 1-based) are
 * computed only when printing, from a line table built once per file.
 * Errors accumulate so one run reports many; after DIAG_MAX_ERRORS further
 * errors are counted but not printed.
 */
#ifndef VS_DIAG_H
#define VS_DIAG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct Span {
    uint32_t file;  /* index into Diags.files; UINT32_MAX: no location */
    uint32_t off;   /* byte offset of the first byte */
    uint32_t len;   /* bytes */
} Span;

typedef struct SourceFile {
    char *name;         /* as given by the user; owned */
    char *text;         /* contents plus a terminating NUL; owned */
    uint32_t len;       /* bytes, without the NUL */
    uint32_t *lines;    /* byte offset of each line start; owned, lazy */
    uint32_t n_lines;
} SourceFile;

/* One reported diagnostic, kept for vs_book_diag (the API's iterator). */
typedef struct DiagRecord {
    char kind;              /* 'e' error, 'w' warning, 'n' note */
    uint32_t file;          /* UINT32_MAX: no location */
    uint32_t line, col;     /* 1-based; 0 without a location */
    char *message;          /* owned */
} DiagRecord;

typedef struct Diags {
    FILE *out;              /* where diagnostics go; may be NULL (silent) */
    bool color;             /* ANSI colour on the kind word and the caret */
    DiagRecord *records;    /* owned vector: every diagnostic printed */
    uint32_t n_records;
    SourceFile *files;      /* owned vector */
    uint32_t n_files;
    uint32_t n_errors;
    uint32_t n_warnings;
    char **deps;            /* owned: every file the model read or looked
                               for (model, includes, CSV), for `watch` */
    uint32_t n_deps;
} Diags;

enum { DIAG_MAX_ERRORS = 20 };

static inline Span
span_none(void)
{
    Span s = {UINT32_MAX, 0, 0};
    return s;
}

/* The smallest span covering a and b (same file). */
Span span_join(Span a, Span b);

void diag_init(Diags *d, FILE *out);
void diag_free(Diags *d);

/* Adds a file (takes ownership of text, which must have text[len] == 0);
 * returns its index. */
uint32_t diag_add_file(Diags *d, const char *name, char *text, uint32_t len);

/* Records a file the model depends on (copied; duplicates ignored). */
void diag_add_dep(Diags *d, const char *path);

/* 1-based line and column (code points) of a byte offset. */
void diag_line_col(Diags *d, uint32_t file, uint32_t off, uint32_t *line,
                   uint32_t *col);

void diag_error(Diags *d, Span at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warning(Diags *d, Span at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_note(Diags *d, Span at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "file:line" of a span into buf (for messages that cite other lines). */
void diag_where(Diags *d, Span at, char *buf, size_t n);

#endif
