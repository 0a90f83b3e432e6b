/*
 * valsheet: the public API over the modules: open (read, parse, bind),
 * set, recalc (graph, order, evaluate), check, export and print.
 */
/* realpath() is an XSI function. */
#define _XOPEN_SOURCE 700

#include "valsheet.h"

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bind.h"
#include "book.h"
#include "compile.h"
#include "decide.h"
#include "diag.h"
#include "eval.h"
#include "graph.h"
#include "parse.h"
#include "print.h"
#include "scenario.h"
#include "sha256.h"
#include "vsbook.h"
#include "target.h"
#include "xlsx.h"

_Static_assert(PRINT_JSON_SCHEMA == VS_JSON_SCHEMA, "print.h and valsheet.h disagree");

/* Spans are 32-bit offsets; 1 GiB leaves room and bounds memory. */
#define VS_MAX_FILE_BYTES ((size_t)1 << 30)

/* Phases reported by --stats, in pipeline order. */
enum { PH_READ, PH_PARSE, PH_BIND, PH_GRAPH, PH_EVAL, PH_EXPORT };

static const char *const vs_phase_names[VS_PHASES] = {
    "read", "parse", "bind", "graph", "evaluate", "export",
};

static double
vs_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Adds the time since *t0 to a phase and records the peak RSS so far. */
static void
vs_phase_end(vs_book *vb, int phase, double *t0)
{
    double now = vs_now();
    vb->phase_s[phase] += now - *t0;
    *t0 = now;
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        vb->phase_mb[phase] = (double)ru.ru_maxrss / 1024.0; /* KB on Linux */
}

/* Numbers are read and printed in the C locale whatever the embedding
 * program set (strtod and printf follow LC_NUMERIC): every entry point
 * that parses, evaluates or prints runs under this guard. */
typedef struct LocaleGuard {
    locale_t c;
    locale_t old;
} LocaleGuard;

static void
vs_locale_enter(LocaleGuard *g)
{
    g->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    g->old = g->c ? uselocale(g->c) : (locale_t)0;
}

static void
vs_locale_leave(LocaleGuard *g)
{
    if (g->c) {
        uselocale(g->old);
        freelocale(g->c);
    }
}

const char *
vs_strerror(vs_status s)
{
    switch (s) {
    case VS_OK: return "success";
    case VS_ERR_IO: return "input/output error";
    case VS_ERR_SYNTAX: return "syntax error in the model";
    case VS_ERR_BIND: return "error in the model";
    case VS_ERR_CYCLE: return "circular reference";
    case VS_ERR_EVAL: return "a formula evaluated to an error";
    case VS_ERR_XLSX: return "the workbook could not be written";
    case VS_ERR_USAGE: return "usage error";
    case VS_ERR_DIFFERS: return "the workbook differs from a rebuild of the model";
    }
    return "unknown status";
}

static vs_status
vs_book_load(vs_book *vb, uint32_t file)
{
    Diags *d = &vb->diags;
    SourceFile *f = &d->files[file];
    size_t bad;
    if (!str_utf8_valid(f->text, f->len, &bad)) {
        Span at = {file, (uint32_t)bad, 1};
        diag_error(d, at, "invalid UTF-8 (byte 0x%02x)", (unsigned char)f->text[bad]);
        return VS_ERR_SYNTAX;
    }
    double t0 = vs_now();
    ParseCtx ctx;
    parse_ctx_init(&ctx, &vb->book.arena, &vb->book.names, d, file);
    uint32_t parse_errors = parse_sheet(&ctx);
    vs_phase_end(vb, PH_PARSE, &t0);
    if (parse_errors)
        return VS_ERR_SYNTAX;
    if (!ctx.first) {
        Span at = {file, 0, 0};
        diag_error(d, at, "the model has no statements: nothing to build");
        return VS_ERR_SYNTAX;
    }
    uint32_t bind_errors = bind_book(&vb->book, ctx.first);
    vs_phase_end(vb, PH_BIND, &t0);
    return bind_errors ? VS_ERR_BIND : VS_OK;
}

/* VS_COLOR_AUTO resolved against the stream and NO_COLOR
 * (https://no-color.org: present and not empty disables colour). */
static bool
vs_color_wanted(const vs_open_options *o)
{
    if (!o->diag || o->color == VS_COLOR_NEVER)
        return false;
    if (o->color == VS_COLOR_ALWAYS)
        return true;
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc)
        return false;
    int fd = fileno(o->diag);
    return fd >= 0 && isatty(fd);
}

static vs_status
vs_book_open_string_impl(const char *name, const char *text, size_t len,
                         const vs_open_options *o, vs_book **out)
{
    FILE *diag = o->diag;
    *out = NULL;
    if (len > UINT32_MAX - 2) {
        if (diag)
            fprintf(diag, "%s: error: file too large\n", name);
        return VS_ERR_IO;
    }
    vs_book *vb = calloc(1, sizeof *vb);
    char *copy = malloc(len + 1);
    if (!vb || !copy)
        arena_fatal("book");
    memcpy(copy, text, len);
    copy[len] = '\0';
    diag_init(&vb->diags, diag);
    vb->diags.color = vs_color_wanted(o);
    book_init(&vb->book, &vb->diags);
    uint32_t file = diag_add_file(&vb->diags, name, copy, (uint32_t)len);
    *out = vb;
    vs_status s = vs_book_load(vb, file);
    vb->load_failed = s != VS_OK;
    return s;
}

vs_status
vs_book_open_file_opt(const char *path, const vs_open_options *o, vs_book **out)
{
    FILE *diag = o->diag;
    *out = NULL;
    double t0 = vs_now();
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (diag)
            fprintf(diag, "%s: error: cannot open: %s\n", path, strerror(errno));
        return VS_ERR_IO;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        arena_fatal("reading model");
    for (;;) {
        if (len == cap) {
            if (cap >= VS_MAX_FILE_BYTES) {
                fclose(f);
                free(buf);
                if (diag)
                    fprintf(diag, "%s: error: file too large (models are limited to 1 GiB)\n",
                        path);
                return VS_ERR_IO;
            }
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb)
                arena_fatal("reading model");
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        if (diag)
            fprintf(diag, "%s: error: cannot read: %s\n", path, strerror(errno));
        return VS_ERR_IO;
    }
    double read_s = vs_now() - t0;
    vs_status s = vs_book_open_string_opt(path, buf, len, o, out);
    free(buf);
    if (*out) {
        diag_add_dep(&(*out)->diags, path);
        (*out)->phase_s[PH_READ] += read_s;
        (*out)->phase_mb[PH_READ] = (*out)->phase_mb[PH_PARSE];
    }
    return s;
}

vs_status
vs_book_open_file(const char *path, FILE *diag, vs_book **out)
{
    vs_open_options o = {diag, VS_COLOR_NEVER};
    return vs_book_open_file_opt(path, &o, out);
}

/* The cell a --set or print target names, creating none. */
bool
vs_resolve(vs_book *vb, const char *text, RangeRef *r)
{
    return book_resolve(&vb->book, text, 0, r);
}

vs_status
vs_set_cell(vs_book *vb, const char *who, const RangeRef *r, Value v, bool pct, Span at)
{
    Book *b = &vb->book;
    uint32_t id = book_cell_id(b, r->sheet, r->row0, r->col0);
    if (id != UINT32_MAX && b->cells[id].f) {
        char name[300];
        book_cell_name(b, r->sheet, r->row0, r->col0, name, sizeof name);
        fprintf(vb->diags.out, "valsheet: error: %s: %s holds a formula; only inputs "
                "(constants) can be overridden\n", who, name);
        return VS_ERR_USAGE;
    }
    if (id == UINT32_MAX) {
        uint32_t prev;
        id = book_add_cell(b, r->sheet, r->row0, r->col0, &prev);
        b->cells[id].span = at;
        vb->graph_ready = false; /* a new node */
    }
    Cell *c = &b->cells[id];
    if (value_identical(c->value, v) && !!(c->flags & CELL_PERCENT) == pct)
        return VS_OK; /* nothing depends on a value that did not change */
    c->value = v;
    c->flags |= CELL_OVERRIDDEN;
    if (pct)
        c->flags |= CELL_PERCENT;
    else
        c->flags &= (uint8_t)~CELL_PERCENT;
    if (vb->graph_ready) {
        Graph *g = b->graph;
        graph_mark_dependents(g, b, id);
        /* Ranges containing the cell are not linked to constants: mark
         * the range nodes that cover it too. */
        for (uint32_t i = 0; i < g->n_ranges; i++) {
            const RangeRef *rr = &g->ranges[i];
            if (rr->sheet == r->sheet && r->row0 >= rr->row0 && r->row0 <= rr->row1 &&
                r->col0 >= rr->col0 && r->col0 <= rr->col1)
                graph_mark_dependents(g, b, g->n_cells + i);
        }
    }
    return VS_OK;
}

static vs_status
vs_book_set_impl(vs_book *vb, const char *assignment)
{
    Book *b = &vb->book;
    Diags *d = &vb->diags;
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment) {
        fprintf(d->out, "valsheet: error: --set expects NAME_OR_REF=VALUE, got '%s'\n",
                assignment);
        return VS_ERR_USAGE;
    }
    char target[512];
    size_t tn = (size_t)(eq - assignment);
    while (tn > 0 && assignment[tn - 1] == ' ')
        tn--;
    if (tn >= sizeof target) {
        fprintf(d->out, "valsheet: error: --set target too long\n");
        return VS_ERR_USAGE;
    }
    memcpy(target, assignment, tn);
    target[tn] = '\0';
    RangeRef r;
    if (!vs_resolve(vb, target, &r)) {
        fprintf(d->out, "valsheet: error: --set: '%s' is not a cell or a defined name "
                "of the model\n", target);
        return VS_ERR_USAGE;
    }
    if (r.row0 != r.row1 || r.col0 != r.col1) {
        fprintf(d->out, "valsheet: error: --set: '%s' is a range; set one cell\n", target);
        return VS_ERR_USAGE;
    }
    const char *val = eq + 1;
    char label[600];
    snprintf(label, sizeof label, "--set %s", target);
    size_t vn = strlen(val);
    char *copy = malloc(vn + 1);
    if (!copy)
        arena_fatal("--set");
    memcpy(copy, val, vn + 1);
    uint32_t file = diag_add_file(d, label, copy, (uint32_t)vn);
    ParseCtx ctx;
    parse_ctx_init(&ctx, &b->arena, &b->names, d, file);
    AstNode *e = parse_formula(&ctx);
    if (!e)
        return VS_ERR_USAGE;
    Value v;
    bool pct;
    if (!ast_constant(e, &v, &pct, &b->arena)) {
        diag_error(d, e->span, "--set takes a literal value (number, percent, "
                   "string, TRUE/FALSE or an error)");
        return VS_ERR_USAGE;
    }
    vs_status st = vs_set_cell(vb, "--set", &r, v, pct, e->span);
    /* --set changes the base case that scenarios start from. */
    uint32_t id = book_cell_id(b, r.sheet, r.row0, r.col0);
    uint32_t in = st == VS_OK && id != UINT32_MAX ? scenario_input_of(b, id) : UINT32_MAX;
    if (in != UINT32_MAX && b->active_scenario == UINT32_MAX) {
        b->scen_inputs[in].base = v;
        b->scen_inputs[in].base_flags = pct ? CELL_PERCENT : 0;
    }
    return st;
}

vs_status
vs_book_check_graph(vs_book *vb)
{
    Book *b = &vb->book;
    if (vb->load_failed)
        return VS_ERR_BIND; /* parse or bind errors: nothing sound to order */
    if (!vb->graph_ready) {
        if (b->graph) {
            graph_free(b->graph);
        } else {
            b->graph = calloc(1, sizeof(Graph));
            if (!b->graph)
                arena_fatal("graph");
        }
        double t0 = vs_now();
        graph_build(b->graph, b);
        vb->cycles = graph_sort(b->graph, b);
        vb->graph_ready = true;
        vs_phase_end(vb, PH_GRAPH, &t0);
        vb->evaluated = false; /* a new order: evaluate everything */
    }
    return vb->cycles ? VS_ERR_CYCLE : VS_OK;
}

vs_status
vs_book_check_target(vs_book *vb, const char *target)
{
    int t = fn_target_parse(target);
    if (t < 0) {
        fprintf(vb->diags.out, "valsheet: error: unknown target '%s' (%s)\n", target,
                fn_target_choices());
        return VS_ERR_USAGE;
    }
    if (vb->load_failed)
        return VS_ERR_BIND;
    target_check(&vb->book, (FnTarget)t);
    return VS_OK;
}

vs_status
vs_recalc(vs_book *vb)
{
    Book *b = &vb->book;
    vs_status s = vs_book_check_graph(vb);
    if (s != VS_OK && s != VS_ERR_CYCLE)
        return s;
    bool full = !vb->evaluated;
    double t0 = vs_now();
    vb->last_evaluated = eval_recalc(b, full);
    vs_phase_end(vb, PH_EVAL, &t0);
    vb->evaluated = true;
    Graph *g = b->graph;
    return vb->cycles || g->n_dyn_cycles ? VS_ERR_CYCLE : VS_OK;
}

vs_status
vs_book_check_values(vs_book *vb)
{
    Book *b = &vb->book;
    vs_status s = VS_OK;
    char name[300];
    for (uint32_t i = 0; i < b->n_cells; i++) {
        const Cell *c = &b->cells[i];
        if (!c->f || c->value.kind != VK_ERROR)
            continue;
        book_cell_name(b, c->sheet, c->row0, c->col0, name, sizeof name);
        diag_error(&vb->diags, c->span, "%s evaluates to %s (--strict)", name,
                   value_error_text((ErrorCode)c->value.err));
        s = VS_ERR_EVAL;
    }
    return s;
}

/* The model's SHA-256 (of the file as read, so `sha256sum MODEL` prints
 * the same digest) and the --set overrides joined by "; ", cut to n - 1
 * bytes at a character boundary with "..." (Excel limits a custom
 * property to 255 characters). */
static void
vs_provenance(const vs_book *vb, char sha[65], char *overrides, size_t n)
{
    const SourceFile *f = vb->diags.n_files ? &vb->diags.files[0] : NULL;
    sha256_hex(f ? f->text : "", f ? f->len : 0, sha);
    size_t len = 0;
    overrides[0] = '\0';
    for (uint32_t i = 0; i < vb->n_set_log && len < n; i++)
        len += (size_t)snprintf(overrides + len, n - len, "%s%s", i ? "; " : "",
                                vb->set_log[i]);
    if (len >= n) {
        size_t cut = n - 4;
        while (cut > 0 && ((unsigned char)overrides[cut] & 0xC0) == 0x80)
            cut--;
        memcpy(overrides + cut, "...", 4);
    }
}

vs_status
vs_book_write_xlsx(vs_book *vb, const char *path, int64_t created)
{
    /* A typo in -o must not replace the model with a workbook. */
    char *out_real = realpath(path, NULL);
    for (uint32_t i = 0; out_real && i < vb->diags.n_files; i++) {
        char *src = realpath(vb->diags.files[i].name, NULL);
        bool same = src && strcmp(src, out_real) == 0;
        free(src);
        if (same) {
            diag_error(&vb->diags, span_none(),
                       "refusing to write the workbook over the model '%s'", path);
            free(out_real);
            return VS_ERR_USAGE;
        }
    }
    free(out_real);
    char **links = NULL;
    Report *scen = decide_scenario_sheet(vb, &links);
    Report **reports = calloc(vb->n_reports + 1, sizeof *reports);
    if (!reports)
        arena_fatal("export");
    uint32_t n = 0;
    if (scen)
        reports[n++] = scen;
    for (uint32_t i = 0; i < vb->n_reports; i++)
        reports[n++] = vb->reports[i];
    XlsxOptions opt = {created, reports, n, (const char *const *)links, NULL, NULL, NULL};
    char sha[65];
    char overrides[256];
    vs_provenance(vb, sha, overrides, sizeof overrides);
    opt.version = VS_VERSION;
    opt.source_sha256 = sha;
    opt.overrides = overrides;
    double t0 = vs_now();
    bool ok = xlsx_write(&vb->book, path, &opt);
    vs_phase_end(vb, PH_EXPORT, &t0);
    for (uint32_t i = 0; links && i < vb->book.n_scen_inputs; i++)
        free(links[i]);
    free(links);
    report_free(scen);
    free(reports);
    return ok ? VS_OK : VS_ERR_XLSX;
}

void
vs_add_report(vs_book *vb, Report *r)
{
    Report **v = realloc(vb->reports, (vb->n_reports + 1) * sizeof *v);
    if (!v)
        arena_fatal("report");
    vb->reports = v;
    vb->reports[vb->n_reports++] = r;
}

static bool
vs_sheet_name_used(vs_book *vb, const char *name)
{
    size_t n = strlen(name);
    for (uint32_t s = 0; s < vb->book.n_sheets; s++)
        if (str_eq_fold(vb->book.sheets[s].name->s, vb->book.sheets[s].name->len, name, n))
            return true;
    for (uint32_t i = 0; i < vb->n_reports; i++)
        if (str_eq_fold(vb->reports[i]->name, strlen(vb->reports[i]->name), name, n))
            return true;
    return false;
}

void
vs_report_name(vs_book *vb, const char *base, char *out, size_t n)
{
    snprintf(out, n, "%s", base);
    for (unsigned k = 2; vs_sheet_name_used(vb, out) && k < 10000; k++)
        snprintf(out, n, "%s (%u)", base, k);
}

static PrintFormat
vs_print_format(vs_format f)
{
    switch (f) {
    case VS_FORMAT_CSV: return PRINT_CSV;
    case VS_FORMAT_JSON: return PRINT_JSON;
    case VS_FORMAT_MARKDOWN: return PRINT_MARKDOWN;
    default: return PRINT_TEXT;
    }
}

vs_status
vs_functions_print(FILE *out, const char *name, vs_format fmt)
{
    return print_functions(out, name, vs_print_format(fmt)) ? VS_OK : VS_ERR_USAGE;
}

static vs_status
vs_book_print_impl(vs_book *vb, FILE *out, const char *const *refs, size_t n_refs,
              vs_format fmt)
{
    Book *b = &vb->book;
    for (size_t i = 0; i < n_refs; i++) {
        RangeRef r;
        if (!vs_resolve(vb, refs[i], &r)) {
            fprintf(vb->diags.out, "valsheet: error: '%s' is not a cell, range or "
                    "defined name of the model\n", refs[i]);
            return VS_ERR_USAGE;
        }
    }
    Printer p;
    print_begin(&p, out, vs_print_format(fmt));
    if (n_refs == 0)
        print_all(&p, b);
    for (size_t i = 0; i < n_refs; i++) {
        RangeRef r;
        vs_resolve(vb, refs[i], &r);
        if (r.row0 == r.row1 && r.col0 == r.col1)
            print_value(&p, refs[i], book_cell_value(b, r.sheet, r.row0, r.col0));
        else
            print_area(&p, b, &r);
    }
    print_end(&p);
    return VS_OK;
}

static vs_status
vs_book_print_outputs_impl(vs_book *vb, FILE *out, vs_format fmt)
{
    Book *b = &vb->book;
    if (b->n_outputs == 0) {
        fprintf(vb->diags.out, "valsheet: error: the model has no 'outputs' statement\n");
        return VS_ERR_USAGE;
    }
    Printer p;
    print_begin(&p, out, vs_print_format(fmt));
    for (uint32_t i = 0; i < b->n_outputs; i++) {
        const AstNode *e = b->outputs[i];
        const AstNode *t = e;
        if (e->kind == AST_NAME)
            t = e->u.name.def ? e->u.name.def->expr : NULL;
        if (!t || t->kind != AST_REF)
            continue;
        RangeRef r = {t->u.ref.sheet, t->u.ref.row0, t->u.ref.row1, t->u.ref.col0,
                      t->u.ref.col1};
        char label[300];
        if (e->kind == AST_NAME)
            snprintf(label, sizeof label, "%s", e->u.name.name->s);
        else
            book_cell_name(b, r.sheet, r.row0, r.col0, label, sizeof label);
        if (r.row0 == r.row1 && r.col0 == r.col1)
            print_value(&p, label, book_cell_value(b, r.sheet, r.row0, r.col0));
        else
            print_area(&p, b, &r);
    }
    print_end(&p);
    return VS_OK;
}

unsigned
vs_book_error_count(const vs_book *vb)
{
    return vb->diags.n_errors;
}

void
vs_book_stats(const vs_book *vb, size_t *formulas, size_t *programs, size_t *nodes,
              size_t *edges)
{
    const Book *b = &vb->book;
    const Graph *g = b->graph;
    *formulas = b->n_formulas;
    *programs = b->n_programs;
    *nodes = g ? g->n_nodes : 0;
    *edges = g ? g->n_edges : 0;
}

void
vs_book_print_stats(const vs_book *vb, FILE *out)
{
    size_t formulas, programs, nodes, edges;
    vs_book_stats(vb, &formulas, &programs, &nodes, &edges);
    double total = 0;
    fprintf(out, "%-10s %10s %12s\n", "phase", "seconds", "peak_rss_mb");
    for (int i = 0; i < VS_PHASES; i++) {
        total += vb->phase_s[i];
        fprintf(out, "%-10s %10.4f %12.1f\n", vs_phase_names[i], vb->phase_s[i],
                vb->phase_mb[i]);
    }
    fprintf(out, "%-10s %10.4f\n", "total", total);
    fprintf(out, "cells %u formulas %zu programs %zu nodes %zu edges %zu\n",
            vb->book.n_cells, formulas, programs, nodes, edges);
}

uint32_t
vs_book_last_recalc_count(const vs_book *vb)
{
    return vb->last_evaluated;
}

vs_status
vs_book_get(vs_book *vb, const char *ref, double *num, char *text, size_t n)
{
    RangeRef r;
    if (!vs_resolve(vb, ref, &r))
        return VS_ERR_USAGE;
    Value v = book_cell_value(&vb->book, r.sheet, r.row0, r.col0);
    if (num)
        *num = v.kind == VK_NUMBER ? v.u.num : (v.kind == VK_BOOL ? v.u.b : 0);
    if (text && n) {
        StrBuf sb;
        strbuf_init(&sb);
        ErrorCode e = XE_NONE;
        if (v.kind == VK_ERROR)
            strbuf_puts(&sb, value_error_text((ErrorCode)v.err));
        else
            value_to_text(v, &sb, &e);
        snprintf(text, n, "%s", sb.data ? sb.data : "");
        strbuf_free(&sb);
    }
    return v.kind == VK_NUMBER ? VS_OK : VS_ERR_EVAL;
}

const char *
vs_book_source_path(const vs_book *vb, size_t i)
{
    return vb && i < vb->diags.n_deps ? vb->diags.deps[i] : NULL;
}

void
vs_book_close(vs_book *vb)
{
    if (!vb)
        return;
    for (uint32_t i = 0; i < vb->n_reports; i++)
        report_free(vb->reports[i]);
    free(vb->reports);
    for (uint32_t i = 0; i < vb->n_set_log; i++)
        free(vb->set_log[i]);
    free(vb->set_log);
    book_free(&vb->book);
    diag_free(&vb->diags);
    free(vb);
}

vs_status
vs_book_open_string_opt(const char *name, const char *text, size_t len,
                        const vs_open_options *o, vs_book **out)
{
    LocaleGuard g;
    vs_locale_enter(&g);
    vs_status r = vs_book_open_string_impl(name, text, len, o, out);
    vs_locale_leave(&g);
    return r;
}

vs_status
vs_book_open_string(const char *name, const char *text, size_t len, FILE *diag,
                    vs_book **out)
{
    vs_open_options o = {diag, VS_COLOR_NEVER};
    return vs_book_open_string_opt(name, text, len, &o, out);
}

size_t
vs_book_diag_count(const vs_book *vb)
{
    return vb ? vb->diags.n_records : 0;
}

int
vs_book_diag(const vs_book *vb, size_t i, vs_diagnostic *d)
{
    if (!vb || i >= vb->diags.n_records)
        return 0;
    const DiagRecord *r = &vb->diags.records[i];
    d->severity = r->kind;
    d->file = r->file < vb->diags.n_files ? vb->diags.files[r->file].name : NULL;
    d->line = r->line;
    d->column = r->col;
    d->message = r->message;
    return 1;
}

const char *
vs_version(void)
{
    return VS_VERSION;
}

vs_status
vs_book_set(vs_book *vb, const char *assignment)
{
    LocaleGuard g;
    vs_locale_enter(&g);
    vs_status r = vs_book_set_impl(vb, assignment);
    if (r == VS_OK) {
        char **v = realloc(vb->set_log, (vb->n_set_log + 1) * sizeof *v);
        if (!v)
            arena_fatal("--set");
        vb->set_log = v;
        vb->set_log[vb->n_set_log++] = report_strdup(assignment);
    }
    vs_locale_leave(&g);
    return r;
}

vs_status
vs_book_recalc(vs_book *vb)
{
    LocaleGuard g;
    vs_locale_enter(&g);
    vs_status r = vs_recalc(vb);
    vs_locale_leave(&g);
    return r;
}

vs_status
vs_book_print(vs_book *vb, FILE *out, const char *const *refs, size_t n_refs,
              vs_format fmt)
{
    LocaleGuard g;
    vs_locale_enter(&g);
    vs_status r = vs_book_print_impl(vb, out, refs, n_refs, fmt);
    vs_locale_leave(&g);
    return r;
}

vs_status
vs_book_print_outputs(vs_book *vb, FILE *out, vs_format fmt)
{
    LocaleGuard g;
    vs_locale_enter(&g);
    vs_status r = vs_book_print_outputs_impl(vb, out, fmt);
    vs_locale_leave(&g);
    return r;
}
