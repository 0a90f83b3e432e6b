/*
 * bind: statements -> book. Three passes over the statement list: sheets
 * and names first (so formulas may use them before they are written),
 * then cells, then formats and layout checks. Formulas are compiled here,
 * one Program per distinct R1C1 form.
 */
#include "bind.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "compile.h"
#include "scenario.h"
#include "fn.h"

/* Memory guards: a stray A1:XFD1048576 would ask for 17 billion cells.
 * Fuzzing builds (libFuzzer's convention macro) use smaller ones, so that
 * a legitimately big model is not reported as a hang under ASan. */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
enum {
    BIND_MAX_STMT_CELLS = 100000,
    BIND_MAX_BOOK_CELLS = 400000,
    BIND_MAX_SHEETS = 100
};
#else
enum {
    BIND_MAX_STMT_CELLS = 20000000,
    BIND_MAX_BOOK_CELLS = 100000000,
    BIND_MAX_SHEETS = 10000
};
#endif

typedef struct Binder {
    Book *b;
    Compiler *comp;
} Binder;

static uint32_t
bind_sheet_of(Book *b, const Str *name, Span at, bool create)
{
    if (!name) {
        if (b->n_sheets == 0 || create) {
            const Str *def = str_intern(&b->names, "Sheet1", 6);
            uint32_t s = book_find_sheet(b, def);
            if (s == UINT32_MAX)
                s = book_add_sheet(b, def, at);
            return s;
        }
        return 0;
    }
    uint32_t s = book_find_sheet(b, name);
    if (s == UINT32_MAX && create)
        s = book_add_sheet(b, name, at);
    return s;
}

/* The closest sheet or defined name to s (distance at most 2, and less
 * than its length), for "did you mean" hints; NULL when none. */
const char *
bind_suggest(const Book *b, const Str *s, bool sheets)
{
    const char *best = NULL;
    size_t best_d = 3;
    uint32_t n = sheets ? b->n_sheets : b->n_defs;
    for (uint32_t i = 0; i < n; i++) {
        const Str *c = sheets ? b->sheets[i].name : b->defs[i]->name;
        size_t d = str_edit_distance(s->s, s->len, c->s, c->len);
        if (d < best_d && d < s->len) {
            best = c->s;
            best_d = d;
        }
    }
    return best;
}

/* Resolves sheets, names and functions inside an expression. */
static void
bind_node(Binder *bd, AstNode *n, uint32_t sheet)
{
    Book *b = bd->b;
    switch (n->kind) {
    case AST_REF:
        if (n->u.ref.sheet_name) {
            uint32_t s = book_find_sheet(b, n->u.ref.sheet_name);
            if (s == UINT32_MAX) {
                const char *hint = bind_suggest(b, n->u.ref.sheet_name, true);
                if (hint)
                    diag_error(b->diags, n->span, "unknown sheet '%s'; did you mean '%s'?",
                               n->u.ref.sheet_name->s, hint);
                else
                    diag_error(b->diags, n->span, "unknown sheet '%s'",
                               n->u.ref.sheet_name->s);
                s = sheet;
            }
            n->u.ref.sheet = s;
        } else {
            n->u.ref.sheet = sheet;
        }
        break;
    case AST_NAME: {
        NameDef *d = book_find_name(b, n->u.name.name);
        if (!d) {
            const char *hint = bind_suggest(b, n->u.name.name, false);
            if (hint)
                diag_warning(b->diags, n->span, "unknown name '%s' (the cell shows "
                             "#NAME?); did you mean '%s'?", n->u.name.name->s, hint);
            else
                diag_warning(b->diags, n->span,
                             "unknown name '%s' (the cell shows #NAME?)", n->u.name.name->s);
        }
        n->u.name.def = d;
        break;
    }
    case AST_CALL: {
        const Str *name = n->u.call.name;
        const FnDef *fn = fn_lookup(name->s, name->len);
        if (!fn) {
            const char *hint = fn_suggest(name->s, name->len);
            if (hint)
                diag_error(b->diags, n->span, "unknown function '%s'; did you mean '%s'?",
                           name->s, hint);
            else
                diag_error(b->diags, n->span, "unknown function '%s'", name->s);
        } else if (n->u.call.n_args < fn->min_args ||
                   (fn->max_args != FN_MANY && n->u.call.n_args > fn->max_args)) {
            if (fn->min_args == fn->max_args)
                diag_error(b->diags, n->span, "%s takes %u argument%s, got %u", fn->name,
                           fn->min_args, fn->min_args == 1 ? "" : "s", n->u.call.n_args);
            else if (fn->max_args == FN_MANY)
                diag_error(b->diags, n->span, "%s takes at least %u argument%s, got %u",
                           fn->name, fn->min_args, fn->min_args == 1 ? "" : "s",
                           n->u.call.n_args);
            else
                diag_error(b->diags, n->span, "%s takes %u to %u arguments, got %u",
                           fn->name, fn->min_args, fn->max_args, n->u.call.n_args);
            fn = NULL;
        } else if ((fn->flags & FN_PAIRS) && (n->u.call.n_args - fn->min_args) % 2) {
            /* Excel refuses such a formula at entry; so do we. */
            diag_error(b->diags, n->span, "%s takes its arguments in pairs, got %u",
                       fn->name, n->u.call.n_args);
            fn = NULL;
        } else if ((fn->flags & FN_CLOCK) && !b->volatile_dates) {
            /* The clock would make every build of the workbook differ;
             * a model opts in (and SOURCE_DATE_EPOCH then pins it). */
            diag_error(b->diags, n->span, "%s() reads the clock, so each build would "
                       "differ; add 'option volatile_dates' to allow it", fn->name);
            fn = NULL;
        }
        n->u.call.fn = fn;
        for (uint32_t i = 0; i < n->u.call.n_args; i++)
            bind_node(bd, n->u.call.args[i], sheet);
        break;
    }
    case AST_UNARY:
    case AST_PERCENT:
        bind_node(bd, n->u.bin.a, sheet);
        break;
    case AST_BINARY:
        bind_node(bd, n->u.bin.a, sheet);
        bind_node(bd, n->u.bin.b, sheet);
        break;
    default:
        break;
    }
}

/* Names may refer to names; a loop among them would make compile loop. */
static bool
bind_name_loops(const AstNode *n, const NameDef *root, int depth)
{
    if (depth > 64)
        return true;
    switch (n->kind) {
    case AST_NAME:
        if (!n->u.name.def)
            return false;
        if (n->u.name.def == root)
            return true;
        if (!n->u.name.def->expr)
            return false; /* already reported and cleared */
        return bind_name_loops(n->u.name.def->expr, root, depth + 1);
    case AST_CALL:
        for (uint32_t i = 0; i < n->u.call.n_args; i++)
            if (bind_name_loops(n->u.call.args[i], root, depth + 1))
                return true;
        return false;
    case AST_UNARY:
    case AST_PERCENT:
        return bind_name_loops(n->u.bin.a, root, depth + 1);
    case AST_BINARY:
        return bind_name_loops(n->u.bin.a, root, depth + 1) ||
               bind_name_loops(n->u.bin.b, root, depth + 1);
    default:
        return false;
    }
}

uint32_t
bind_expr(Book *b, AstNode *e, uint32_t sheet)
{
    uint32_t before = b->diags->n_errors;
    Binder bd = {b, NULL};
    bind_node(&bd, e, sheet);
    return b->diags->n_errors - before;
}

static void
bind_cell_name(Book *b, uint32_t sheet, uint32_t row0, uint32_t col0, char *buf,
               size_t n)
{
    book_cell_name(b, sheet, row0, col0, buf, n);
}

/* Creates one cell holding item e (constant or formula f). */
static void
bind_put_cell(Binder *bd, uint32_t sheet, uint32_t row0, uint32_t col0,
              const AstNode *e, const Formula *f, Span span)
{
    Book *b = bd->b;
    uint32_t prev;
    uint32_t id = book_add_cell(b, sheet, row0, col0, &prev);
    if (id == UINT32_MAX) {
        char name[300], where[300];
        bind_cell_name(b, sheet, row0, col0, name, sizeof name);
        diag_where(b->diags, b->cells[prev].span, where, sizeof where);
        diag_error(b->diags, span, "cell %s is assigned twice (first at %s)", name, where);
        diag_note(b->diags, b->cells[prev].span, "%s first assigned here", name);
        return;
    }
    Cell *c = &b->cells[id];
    c->span = span;
    if (f) {
        c->f = f;
        c->flags |= CELL_DIRTY;
        if (f->prog->is_volatile)
            c->flags |= CELL_VOLATILE;
        if (f->prog->is_random)
            c->flags |= CELL_RANDOM;
        b->n_formulas++;
        return;
    }
    bool pct;
    Value v;
    ast_constant(e, &v, &pct, &b->arena);
    c->value = v;
    if (pct) {
        c->flags |= CELL_PERCENT;
        /* Decimals the percent format shows: 12.5% -> 1. */
        double x = fabs(v.u.num) * 100;
        uint8_t d = 0;
        while (d < 6 && fabs(x - nearbyint(x)) > 1e-9 * (x > 1 ? x : 1)) {
            x *= 10;
            d++;
        }
        c->pct_decimals = d;
    }
}

static const Formula *
bind_formula(Binder *bd, const AstNode *e, uint32_t sheet, uint32_t row0, uint32_t col0)
{
    Formula *f = arena_zalloc(&bd->b->arena, sizeof *f);
    f->ast = e;
    f->sheet = sheet;
    f->row0 = row0;
    f->col0 = (uint16_t)col0;
    f->prog = compile_formula(bd->comp, e, row0, col0);
    return f;
}

static bool
bind_is_formula(const AstNode *e, Arena *a)
{
    Value v;
    bool pct;
    return !ast_constant(e, &v, &pct, a);
}

static void
bind_cells(Binder *bd, const Stmt *st, uint32_t sheet)
{
    Book *b = bd->b;
    const Target *t = &st->target;
    uint64_t rows = (uint64_t)t->row1 - t->row0 + 1;
    uint64_t cols = (uint64_t)t->col1 - t->col0 + 1;
    uint64_t n_cells = rows * cols;
    if (n_cells > BIND_MAX_STMT_CELLS || b->n_cells + n_cells > BIND_MAX_BOOK_CELLS) {
        diag_error(b->diags, st->span,
                   "%llu cells is more than valsheet holds (%u per statement, %u in all)",
                   (unsigned long long)n_cells, BIND_MAX_STMT_CELLS, BIND_MAX_BOOK_CELLS);
        return;
    }
    uint32_t before = b->diags->n_errors;
    for (uint32_t i = 0; i < st->n_items; i++)
        bind_node(bd, st->items[i], sheet);
    if (b->diags->n_errors != before)
        return;
    if (st->n_items == 1) {
        const AstNode *e = st->items[0];
        const Formula *f = bind_is_formula(e, &b->arena)
                               ? bind_formula(bd, e, sheet, t->row0, t->col0)
                               : NULL;
        for (uint32_t r = t->row0; r <= t->row1; r++)
            for (uint32_t c = t->col0; c <= t->col1; c++)
                bind_put_cell(bd, sheet, r, c, e, f, st->span);
        return;
    }
    if (n_cells != st->n_items) {
        diag_error(b->diags, st->span,
                   "row list has %u value%s for %llu cell%s", st->n_items,
                   st->n_items == 1 ? "" : "s", (unsigned long long)n_cells,
                   n_cells == 1 ? "" : "s");
        return;
    }
    uint32_t k = 0;
    for (uint32_t r = t->row0; r <= t->row1; r++) {
        for (uint32_t c = t->col0; c <= t->col1; c++, k++) {
            const AstNode *e = st->items[k];
            const Formula *f = bind_is_formula(e, &b->arena)
                                   ? bind_formula(bd, e, sheet, r, c)
                                   : NULL;
            bind_put_cell(bd, sheet, r, c, e, f, e->span);
        }
    }
}

static void
bind_names(Binder *bd, const Stmt *first)
{
    Book *b = bd->b;
    for (const Stmt *st = first; st; st = st->next) {
        if (st->kind != ST_NAME)
            continue;
        NameDef *old = book_find_name(b, st->text);
        if (old) {
            char where[300];
            diag_where(b->diags, old->span, where, sizeof where);
            diag_error(b->diags, st->span, "name '%s' is defined twice (first at %s)",
                       st->text->s, where);
            diag_note(b->diags, old->span, "'%s' first defined here", old->name->s);
            continue;
        }
        NameDef *d = arena_zalloc(&b->arena, sizeof *d);
        d->name = st->text;
        d->span = st->span;
        d->expr = st->items[0];
        d->sheet = st->sheet;
        NameDef **nd = realloc(b->defs, (b->n_defs + 1) * sizeof *nd);
        if (!nd)
            arena_fatal("names");
        b->defs = nd;
        b->defs[b->n_defs++] = d;
    }
    for (uint32_t i = 0; i < b->n_defs; i++) {
        NameDef *d = b->defs[i];
        bind_node(bd, (AstNode *)d->expr, d->sheet);
        d->bound = true;
    }
    for (uint32_t i = 0; i < b->n_defs; i++) {
        NameDef *d = b->defs[i];
        if (bind_name_loops(d->expr, d, 0)) {
            diag_error(b->diags, d->span, "name '%s' refers to itself", d->name->s);
            d->expr = NULL;
        }
    }
}

uint32_t
bind_book(Book *b, const Stmt *first)
{
    uint32_t before = b->diags->n_errors;
    Binder bd = {b, compile_new(&b->arena)};
    b->stmts = first;

    /* Pass 1: sheets in first-named order, statement sheets, names. */
    for (Stmt *st = (Stmt *)first; st; st = st->next) {
        if (st->kind == ST_SHEET) {
            if (b->n_sheets >= BIND_MAX_SHEETS && book_find_sheet(b, st->text) == UINT32_MAX) {
                diag_error(b->diags, st->span, "more than %u sheets", BIND_MAX_SHEETS);
                st->sheet = 0;
                continue;
            }
            st->sheet = bind_sheet_of(b, st->text, st->span, true);
            continue;
        }
        if (st->kind == ST_TITLE) {
            b->title = st->text;
            continue;
        }
        if (st->kind == ST_AUTHOR) {
            b->author = st->text;
            continue;
        }
        if (st->kind == ST_OPTION) {
            /* ast_stmt_option interned the canonical spelling */
            if (strcmp(st->text->s, "volatile_dates") == 0)
                b->volatile_dates = true;
            else
                b->guarded_export = true;
            continue;
        }
        /* Outputs, scenarios and analyses name cells on any sheet; an
         * override by name has no sheet of its own. */
        bool needs_sheet = st->kind != ST_OUTPUTS && st->kind != ST_SCENARIO &&
                           st->kind != ST_ANALYSIS &&
                           !(st->kind == ST_OVERRIDE && !st->target.ok);
        if (needs_sheet && st->target.sheet_name) {
            st->sheet = book_find_sheet(b, st->target.sheet_name);
            if (st->sheet == UINT32_MAX && st->kind != ST_NAME)
                st->sheet = UINT32_MAX; /* reported in pass 2 */
        } else {
            st->sheet = bind_sheet_of(b, st->sheet_name, st->span, needs_sheet &&
                                      !st->sheet_name);
        }
    }
    bind_names(&bd, first);

    /* Pass 2: cells, in a vector sized once (growing a million-cell
     * vector by doubling copies it a dozen times). Models over the limits
     * reserve nothing here; bind_cells reports them. */
    uint64_t total = 0;
    for (const Stmt *st = first; st; st = st->next) {
        if (st->kind != ST_CELLS || st->sheet == UINT32_MAX)
            continue;
        const Target *t = &st->target;
        uint64_t n = ((uint64_t)t->row1 - t->row0 + 1) * ((uint64_t)t->col1 - t->col0 + 1);
        total += n <= BIND_MAX_STMT_CELLS ? n : (uint64_t)BIND_MAX_BOOK_CELLS + 1;
    }
    if (total <= BIND_MAX_BOOK_CELLS)
        book_reserve_cells(b, (uint32_t)(b->n_cells + total));
    for (const Stmt *st = first; st; st = st->next) {
        if (st->kind == ST_CELLS || st->kind == ST_FORMAT || st->kind == ST_STYLE ||
            st->kind == ST_FREEZE) {
            if (st->sheet == UINT32_MAX) {
                diag_error(b->diags, st->target.span, "unknown sheet '%s'",
                           st->target.sheet_name->s);
                continue;
            }
        }
        if (st->kind == ST_CELLS)
            bind_cells(&bd, st, st->sheet);
        if (b->diags->n_errors > DIAG_MAX_ERRORS)
            break;
    }

    /* Pass 3: outputs. */
    for (const Stmt *st = first; st; st = st->next) {
        if (st->kind != ST_OUTPUTS)
            continue;
        for (uint32_t i = 0; i < st->n_items; i++) {
            AstNode *e = st->items[i];
            if (e->kind != AST_NAME && e->kind != AST_REF) {
                diag_error(b->diags, e->span, "outputs lists names or cells");
                continue;
            }
            if (e->kind == AST_NAME && !book_find_name(b, e->u.name.name)) {
                diag_error(b->diags, e->span, "unknown name '%s' in outputs",
                           e->u.name.name->s);
                continue;
            }
            bind_node(&bd, e, st->sheet == UINT32_MAX ? 0 : st->sheet);
        }
        b->outputs = st->items;
        b->n_outputs = st->n_items;
    }
    if (b->n_sheets == 0)
        bind_sheet_of(b, NULL, span_none(), true);
    scenario_bind(b, first);
    chart_bind(b, first);
    b->n_programs = compile_count(bd.comp);
    compile_free(bd.comp);
    return b->diags->n_errors - before;
}
