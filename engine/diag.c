/*
 * diag: printing of diagnostics with source excerpt and caret.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "str.h"

Span
span_join(Span a, Span b)
{
    if (a.file == UINT32_MAX)
        return b;
    if (b.file == UINT32_MAX || a.file != b.file)
        return a;
    uint32_t lo = a.off < b.off ? a.off : b.off;
    uint32_t ea = a.off + a.len, eb = b.off + b.len;
    uint32_t hi = ea > eb ? ea : eb;
    Span s = {a.file, lo, hi - lo};
    return s;
}

void
diag_init(Diags *d, FILE *out)
{
    memset(d, 0, sizeof *d);
    d->out = out;
}

void
diag_free(Diags *d)
{
    for (uint32_t i = 0; i < d->n_files; i++) {
        free(d->files[i].name);
        free(d->files[i].text);
        free(d->files[i].lines);
    }
    free(d->files);
    for (uint32_t i = 0; i < d->n_records; i++)
        free(d->records[i].message);
    free(d->records);
    for (uint32_t i = 0; i < d->n_deps; i++)
        free(d->deps[i]);
    free(d->deps);
    memset(d, 0, sizeof *d);
}

uint32_t
diag_add_file(Diags *d, const char *name, char *text, uint32_t len)
{
    SourceFile *nf = realloc(d->files, (d->n_files + 1) * sizeof *nf);
    if (!nf)
        arena_fatal("source files");
    d->files = nf;
    SourceFile *f = &d->files[d->n_files];
    memset(f, 0, sizeof *f);
    f->name = strdup(name);
    if (!f->name)
        arena_fatal("source files");
    f->text = text;
    f->len = len;
    return d->n_files++;
}

void
diag_add_dep(Diags *d, const char *path)
{
    for (uint32_t i = 0; i < d->n_deps; i++)
        if (strcmp(d->deps[i], path) == 0)
            return;
    char **nd = realloc(d->deps, (d->n_deps + 1) * sizeof *nd);
    if (!nd)
        arena_fatal("source files");
    d->deps = nd;
    d->deps[d->n_deps] = strdup(path);
    if (!d->deps[d->n_deps])
        arena_fatal("source files");
    d->n_deps++;
}

static void
diag_build_lines(SourceFile *f)
{
    uint32_t n = 1;
    for (uint32_t i = 0; i < f->len; i++)
        if (f->text[i] == '\n')
            n++;
    f->lines = malloc(n * sizeof *f->lines);
    if (!f->lines)
        arena_fatal("line table");
    f->lines[0] = 0;
    uint32_t k = 1;
    for (uint32_t i = 0; i < f->len; i++)
        if (f->text[i] == '\n')
            f->lines[k++] = i + 1;
    f->n_lines = n;
}

void
diag_line_col(Diags *d, uint32_t file, uint32_t off, uint32_t *line,
              uint32_t *col)
{
    SourceFile *f = &d->files[file];
    if (!f->lines)
        diag_build_lines(f);
    if (off > f->len)
        off = f->len;
    uint32_t lo = 0, hi = f->n_lines - 1;
    while (lo < hi) {
        uint32_t mid = (lo + hi + 1) / 2;
        if (f->lines[mid] <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    *line = lo + 1;
    uint32_t c = 1;
    for (uint32_t i = f->lines[lo]; i < off; i++)
        if (((unsigned char)f->text[i] & 0xC0) != 0x80)
            c++;
    *col = c;
}

void
diag_where(Diags *d, Span at, char *buf, size_t n)
{
    if (at.file == UINT32_MAX || at.file >= d->n_files) {
        snprintf(buf, n, "(command line)");
        return;
    }
    uint32_t line, col;
    diag_line_col(d, at.file, at.off, &line, &col);
    snprintf(buf, n, "%s:%u", d->files[at.file].name, line);
}

enum { DIAG_WINDOW = 100 };   /* code points shown of a long line */

#define DIAG_GREEN "\033[1;32m"
#define DIAG_RESET "\033[0m"

/* Prints the source line of the span and a caret with tildes under it.
 * Bytes that are not printable ASCII, and every non-ASCII byte of a line
 * that is not valid UTF-8, are shown as '?' so a NUL or a stray byte
 * cannot garble the terminal. A long line is cut to a window around the
 * caret, with "..." where it was cut. */
static void
diag_excerpt(Diags *d, Span at)
{
    SourceFile *f = &d->files[at.file];
    uint32_t line, col;
    diag_line_col(d, at.file, at.off, &line, &col);
    uint32_t start = f->lines[line - 1];
    uint32_t end = start;
    while (end < f->len && f->text[end] != '\n' && f->text[end] != '\r')
        end++;
    bool utf8_ok = str_utf8_valid(f->text + start, end - start, NULL);
    uint32_t stop = at.off + at.len;
    if (stop > end)
        stop = end;
    uint32_t width = 0;
    for (uint32_t i = at.off; i < stop; i++)
        if (((unsigned char)f->text[i] & 0xC0) != 0x80)
            width++;
    /* Window [first, last) in code points, 1-based like col. */
    uint32_t total = (uint32_t)str_utf8_len(f->text + start, end - start);
    uint32_t first = 1, last = total + 1;
    if (total > DIAG_WINDOW) {
        first = col > DIAG_WINDOW / 2 ? col - DIAG_WINDOW / 2 : 1;
        last = first + DIAG_WINDOW;
        if (last > total + 1)
            last = total + 1;
    }
    fprintf(d->out, "%5u | %s", line, first > 1 ? "..." : "");
    uint32_t cp = 0;
    for (uint32_t i = start; i < end; i++) {
        unsigned char c = (unsigned char)f->text[i];
        bool lead = (c & 0xC0) != 0x80;
        if (lead || !utf8_ok)
            cp++;
        if (cp < first || cp >= last)
            continue;
        if (c == '\t')
            fputc(' ', d->out);
        else if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8_ok))
            fputc('?', d->out);
        else
            fputc(c, d->out);
    }
    fprintf(d->out, "%s\n", last <= total ? "..." : "");
    fprintf(d->out, "      | %s", first > 1 ? "   " : "");
    for (uint32_t i = first; i < col; i++)
        fputc(' ', d->out);
    fputs(d->color ? DIAG_GREEN "^" : "^", d->out);
    for (uint32_t i = 1; i < width && col + i < last; i++)
        fputc('~', d->out);
    fputs(d->color ? DIAG_RESET "\n" : "\n", d->out);
}

/* Keeps the diagnostic for the API's iterator (vs_book_diag). */
static void
diag_record(Diags *d, Span at, const char *kind, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    DiagRecord *nr = realloc(d->records, (d->n_records + 1) * sizeof *nr);
    char *msg = malloc(n > 0 ? (size_t)n + 1 : 1);
    if (!nr || !msg)
        arena_fatal("diagnostics");
    d->records = nr;
    msg[0] = '\0';
    if (n > 0)
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
    DiagRecord *r = &d->records[d->n_records++];
    r->kind = kind[0];
    r->file = UINT32_MAX;
    r->line = 0;
    r->col = 0;
    r->message = msg;
    if (at.file != UINT32_MAX && at.file < d->n_files) {
        r->file = at.file;
        diag_line_col(d, at.file, at.off, &r->line, &r->col);
    }
}

/* gcc's colours: bold red errors, bold magenta warnings, bold cyan notes,
 * a bold green caret. */
static const char *
diag_kind_color(const char *kind)
{
    return kind[0] == 'e' ? "\033[1;31m" : kind[0] == 'w' ? "\033[1;35m" : "\033[1;36m";
}

static void
diag_emit(Diags *d, Span at, const char *kind, const char *fmt, va_list ap)
{
    va_list rec;
    va_copy(rec, ap);
    diag_record(d, at, kind, fmt, rec);
    va_end(rec);
    if (!d->out)
        return;
    const char *on = d->color ? diag_kind_color(kind) : "";
    const char *off = d->color ? DIAG_RESET : "";
    if (at.file != UINT32_MAX && at.file < d->n_files) {
        uint32_t line, col;
        diag_line_col(d, at.file, at.off, &line, &col);
        fprintf(d->out, "%s:%u:%u: %s%s:%s ", d->files[at.file].name, line, col,
                on, kind, off);
        vfprintf(d->out, fmt, ap);
        fputc('\n', d->out);
        diag_excerpt(d, at);
    } else {
        fprintf(d->out, "valsheet: %s%s:%s ", on, kind, off);
        vfprintf(d->out, fmt, ap);
        fputc('\n', d->out);
    }
}

void
diag_error(Diags *d, Span at, const char *fmt, ...)
{
    d->n_errors++;
    if (d->n_errors > DIAG_MAX_ERRORS) {
        if (d->n_errors == DIAG_MAX_ERRORS + 1 && d->out)
            fprintf(d->out, "valsheet: error: too many errors, stopping reports\n");
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    diag_emit(d, at, "error", fmt, ap);
    va_end(ap);
}

void
diag_warning(Diags *d, Span at, const char *fmt, ...)
{
    d->n_warnings++;
    if (d->n_errors > DIAG_MAX_ERRORS)
        return;
    va_list ap;
    va_start(ap, fmt);
    diag_emit(d, at, "warning", fmt, ap);
    va_end(ap);
}

void
diag_note(Diags *d, Span at, const char *fmt, ...)
{
    if (d->n_errors > DIAG_MAX_ERRORS)
        return;
    va_list ap;
    va_start(ap, fmt);
    diag_emit(d, at, "note", fmt, ap);
    va_end(ap);
}
