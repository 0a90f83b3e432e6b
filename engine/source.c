/*
 * source: `include` and `import csv`. Both resolve their path against the
 * directory of the file that names them (so a model opens the same files
 * whatever the working directory), record it as a dependency for `watch`,
 * and load the text into Diags so diagnostics can point into it.
 */
#define _DEFAULT_SOURCE /* realpath */
#include "source.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv.h"
#include "sheet.h"
#include "str.h"
#include "value.h"

/* Included models and CSVs are held to the limit of the model itself. */
#define SOURCE_MAX_BYTES (1u << 30)

/* Drops "./" and "dir/../" so messages show a.vsheet, not
 * sub/../a.vsheet (lexically: the path is only for showing and opening). */
static void
source_tidy(char *p)
{
    char copy[PATH_MAX];
    snprintf(copy, sizeof copy, "%s", p);
    char *parts[PATH_MAX / 2];
    size_t np = 0;
    char *save = NULL;
    for (char *t = strtok_r(copy, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
        if (strcmp(t, ".") == 0)
            continue;
        if (strcmp(t, "..") == 0 && np > 0 && strcmp(parts[np - 1], "..") != 0) {
            np--;
            continue;
        }
        parts[np++] = t;
    }
    size_t k = 0;
    if (p[0] == '/')
        p[k++] = '/';
    for (size_t i = 0; i < np; i++) {
        size_t n = strlen(parts[i]);
        if (i > 0)
            p[k++] = '/';
        memcpy(p + k, parts[i], n); /* never longer than the input */
        k += n;
    }
    if (k == 0)
        p[k++] = '.';
    p[k] = '\0';
}

static bool
source_path(ParseCtx *ctx, Token path, char *buf, size_t n)
{
    AstNode *s = ast_string(ctx, path);
    if (s->kind != AST_STRING)
        return false;
    const char *from = ctx->diags->files[ctx->file].name;
    const char *slash = strrchr(from, '/');
    int k;
    if (s->u.str->s[0] == '/' || !slash)
        k = snprintf(buf, n, "%s", s->u.str->s);
    else
        k = snprintf(buf, n, "%.*s/%s", (int)(slash - from), from, s->u.str->s);
    if (k < 0 || (size_t)k >= n || s->u.str->len == 0) {
        diag_error(ctx->diags, path.span, s->u.str->len ? "path is too long"
                                                       : "empty path");
        return false;
    }
    source_tidy(buf);
    return true;
}

/* Reads a whole file into a malloc'd, NUL-terminated buffer; returns
 * NULL with *why set on failure. */
static char *
source_read(const char *path, uint32_t *len, const char **why)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *why = strerror(errno);
        return NULL;
    }
    /* Devices and pipes (/dev/zero, /dev/stdin) would never end or block. */
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        *why = "not a regular file";
        return NULL;
    }
    size_t cap = 1 << 14, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        arena_fatal("reading a file");
    for (;;) {
        if (n + 1 >= cap) {
            if (cap >= SOURCE_MAX_BYTES) {
                free(buf);
                fclose(f);
                *why = "file too large (the limit is 1 GiB)";
                return NULL;
            }
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb)
                arena_fatal("reading a file");
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (err) {
        free(buf);
        *why = strerror(err);
        return NULL;
    }
    buf[n] = '\0';
    *len = (uint32_t)n;
    return buf;
}

/* The canonical path of a context's file: what cycles are compared by
 * (a/../a.vsheet and ./a.vsheet are one file). */
static const char *
source_real(ParseCtx *c)
{
    if (!c->real) {
        const char *name = c->diags->files[c->file].name;
        char buf[PATH_MAX];
        const char *r = realpath(name, buf) ? buf : name;
        c->real = str_new(c->arena, r, strlen(r))->s;
    }
    return c->real;
}

static void
source_cycle(ParseCtx *ctx, ParseCtx *from, Token path, const char *full)
{
    ParseCtx *chain[SOURCE_MAX_INCLUDE_DEPTH + 1];
    uint32_t n = 0;
    for (ParseCtx *c = ctx; c && n < SOURCE_MAX_INCLUDE_DEPTH + 1; c = c->parent) {
        chain[n++] = c;
        if (c == from)
            break;
    }
    StrBuf b;
    strbuf_init(&b);
    while (n > 0) {
        strbuf_puts(&b, ctx->diags->files[chain[--n]->file].name);
        strbuf_puts(&b, " -> ");
    }
    strbuf_puts(&b, full);
    diag_error(ctx->diags, path.span, "include cycle: %s", b.data);
    strbuf_free(&b);
}

void
source_include(ParseCtx *ctx, Token keyword, Token path)
{
    if (ctx->stmt_error)
        return;
    if (ctx->in_scenario) {
        diag_error(ctx->diags, keyword.span, "'include' cannot stand inside a scenario "
                   "block; close it with 'end' first");
        return;
    }
    char full[PATH_MAX];
    if (!source_path(ctx, path, full, sizeof full))
        return;
    diag_add_dep(ctx->diags, full);
    char rbuf[PATH_MAX];
    const char *real = realpath(full, rbuf) ? rbuf : full;
    for (ParseCtx *c = ctx; c; c = c->parent) {
        if (strcmp(source_real(c), real) == 0) {
            source_cycle(ctx, c, path, full);
            return;
        }
    }
    if (ctx->include_depth + 1 > SOURCE_MAX_INCLUDE_DEPTH) {
        diag_error(ctx->diags, path.span, "includes nest more than %d files deep",
                   SOURCE_MAX_INCLUDE_DEPTH);
        return;
    }
    uint32_t len = 0;
    const char *why = NULL;
    char *text = source_read(full, &len, &why);
    if (!text) {
        diag_error(ctx->diags, path.span, "cannot read included file '%s': %s", full, why);
        return;
    }
    uint32_t file = diag_add_file(ctx->diags, full, text, len);
    size_t bad;
    if (!str_utf8_valid(text, len, &bad)) {
        Span at = {file, (uint32_t)bad, 1};
        diag_error(ctx->diags, at, "invalid UTF-8 (byte 0x%02x)", (unsigned char)text[bad]);
        return;
    }
    ParseCtx sub;
    parse_ctx_init(&sub, ctx->arena, ctx->names, ctx->diags, file);
    sub.first = ctx->first;
    sub.last = ctx->last;
    sub.sheet = ctx->sheet;
    sub.parent = ctx;
    sub.real = str_new(ctx->arena, real, strlen(real))->s;
    sub.include_depth = ctx->include_depth + 1;
    if (parse_sheet(&sub))
        diag_note(ctx->diags, path.span, "errors above are in '%s', included here", full);
    ctx->first = sub.first;
    ctx->last = sub.last;
}

typedef struct ImportState {
    ParseCtx *ctx;
    const Target *at;
    bool header;
    bool beyond;            /* a field past Excel's grid was reported */
} ImportState;

/* One CSV field becomes one literal cell: a number when Excel would read
 * the text as one (with the C locale: '.' decimals, ',' thousands, a
 * trailing % divides by 100), else text. Dates and TRUE/FALSE stay text. */
/* Excel (en-US) reads "1,200.50" as 1200.5: commas are accepted between
 * groups of three integer digits. Anything else with a comma is text. */
static bool
source_csv_number(const char *s, size_t n, double *out)
{
    if (!memchr(s, ',', n))
        return value_parse_number(s, n, out) && isfinite(*out);
    char buf[128];
    size_t k = 0, i = 0;
    while (i < n && s[i] == ' ')
        i++;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        buf[k++] = s[i++];
    size_t run = 0;
    bool grouped = false;
    for (; i < n && k + 1 < sizeof buf; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            buf[k++] = s[i];
            run++;
        } else if (s[i] == ',') {
            if (run == 0 || run > 3 || (grouped && run != 3))
                return false;
            grouped = true;
            run = 0;
        } else {
            break;
        }
    }
    if (grouped && run != 3)
        return false;
    if (memchr(s + i, ',', n - i) || n - i >= sizeof buf - k)
        return false;
    memcpy(buf + k, s + i, n - i);
    k += n - i;
    return value_parse_number(buf, k, out) && isfinite(*out);
}

static void
source_import_field(void *arg, const CsvField *f)
{
    ImportState *st = arg;
    ParseCtx *ctx = st->ctx;
    if (f->len == 0 || st->beyond)
        return;
    uint64_t row0 = (uint64_t)st->at->row0 + f->row0;
    uint64_t col0 = (uint64_t)st->at->col0 + f->col0;
    if (row0 >= VS_MAX_ROWS || col0 >= VS_MAX_COLS) {
        diag_error(ctx->diags, f->span, "this field would land beyond Excel's %s (%u)",
                   row0 >= VS_MAX_ROWS ? "last row" : "last column",
                   row0 >= VS_MAX_ROWS ? VS_MAX_ROWS : VS_MAX_COLS);
        st->beyond = true;
        return;
    }
    if (str_utf8_len(f->text, f->len) > VS_MAX_STRLEN) {
        diag_error(ctx->diags, f->span, "field is longer than Excel's 32767 characters");
        return;
    }
    AstNode *n = arena_zalloc(ctx->arena, sizeof *n);
    n->span = f->span;
    double x;
    if (!(st->header && f->row0 == 0) && source_csv_number(f->text, f->len, &x)) {
        n->kind = AST_NUMBER;
        n->u.num = x;
    } else {
        n->kind = AST_STRING;
        n->u.str = str_new(ctx->arena, f->text, f->len);
    }
    Target t = *st->at;
    t.row0 = t.row1 = (uint32_t)row0;
    t.col0 = t.col1 = (uint16_t)col0;
    t.span = f->span;
    ast_stmt_cells(ctx, &t, ast_list(ctx, NULL, n));
}

static bool
source_word(ParseCtx *ctx, Token t, const char *want)
{
    return t.type == TK_IDENT &&
           str_eq_fold(ctx->text + t.span.off, t.span.len, want, strlen(want));
}

void
source_import(ParseCtx *ctx, Token kind, Token path, Token at, const Target *t,
              const Token *header)
{
    if (ctx->stmt_error || !t->ok)
        return;
    if (ctx->in_scenario) {
        diag_error(ctx->diags, kind.span, "'import' cannot stand inside a scenario "
                   "block; close it with 'end' first");
        return;
    }
    if (!source_word(ctx, kind, "csv")) {
        diag_error(ctx->diags, kind.span, "unknown import format '%.*s' (valsheet "
                   "imports csv)", (int)kind.span.len, ctx->text + kind.span.off);
        return;
    }
    if (!source_word(ctx, at, "at")) {
        diag_error(ctx->diags, at.span, "expected 'at' before the target cell, found "
                   "'%.*s'", (int)at.span.len, ctx->text + at.span.off);
        return;
    }
    if (header && !source_word(ctx, *header, "header")) {
        diag_error(ctx->diags, header->span, "unknown import option '%.*s' (the only "
                   "one is 'header')", (int)header->span.len,
                   ctx->text + header->span.off);
        return;
    }
    char full[PATH_MAX];
    if (!source_path(ctx, path, full, sizeof full))
        return;
    diag_add_dep(ctx->diags, full);
    uint32_t len = 0;
    const char *why = NULL;
    char *text = source_read(full, &len, &why);
    if (!text) {
        diag_error(ctx->diags, path.span, "cannot read CSV file '%s': %s", full, why);
        return;
    }
    uint32_t file = diag_add_file(ctx->diags, full, text, len);
    ImportState st = {ctx, t, header != NULL, false};
    csv_parse(ctx->diags, file, source_import_field, &st);
}
