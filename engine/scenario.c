#include "scenario.h"

#include <string.h>

#include "bind.h"

/* Resolves an override's target to a cell id, reporting why it cannot be
 * one; UINT32_MAX after an error. */
static uint32_t
scenario_target(Book *b, const Stmt *st, const Str *scen, const Str **label)
{
    uint32_t sheet, row0, col0;
    char where[300];
    if (!st->target.ok) {
        const Str *name = str_intern(&b->names, st->text->s, st->text->len);
        NameDef *d = book_find_name(b, name);
        if (!d) {
            const char *hint = bind_suggest(b, name, false);
            if (hint)
                diag_error(b->diags, st->span, "scenario '%s' sets unknown name '%s'; "
                           "did you mean '%s'?", scen->s, name->s, hint);
            else
                diag_error(b->diags, st->span, "scenario '%s' sets unknown name '%s'",
                           scen->s, name->s);
            return UINT32_MAX;
        }
        const AstNode *e = d->expr;
        if (!e || e->kind != AST_REF || e->u.ref.row0 != e->u.ref.row1 ||
            e->u.ref.col0 != e->u.ref.col1) {
            diag_error(b->diags, st->span, "scenario '%s' sets '%s', which does not "
                       "name a single cell", scen->s, name->s);
            return UINT32_MAX;
        }
        sheet = e->u.ref.sheet;
        row0 = e->u.ref.row0;
        col0 = e->u.ref.col0;
        *label = d->name;
    } else {
        if (st->sheet == UINT32_MAX) {
            diag_error(b->diags, st->target.span, "unknown sheet '%s'",
                       st->target.sheet_name->s);
            return UINT32_MAX;
        }
        sheet = st->sheet;
        row0 = st->target.row0;
        col0 = st->target.col0;
        book_cell_name(b, sheet, row0, col0, where, sizeof where);
        *label = str_new(&b->arena, where, strlen(where));
    }
    book_cell_name(b, sheet, row0, col0, where, sizeof where);
    uint32_t id = book_cell_id(b, sheet, row0, col0);
    if (id == UINT32_MAX) {
        diag_error(b->diags, st->span, "scenario '%s' sets %s, which is empty in the "
                   "model; scenarios override existing inputs", scen->s, where);
        return UINT32_MAX;
    }
    if (b->cells[id].f) {
        diag_error(b->diags, st->span, "scenario '%s' sets %s, which holds a formula; "
                   "scenarios override inputs (constants) only", scen->s, where);
        diag_note(b->diags, b->cells[id].span, "%s is defined here", where);
        return UINT32_MAX;
    }
    return id;
}

static uint32_t
scenario_add_input(Book *b, uint32_t cell, const Str *label, uint32_t *cap)
{
    for (uint32_t i = 0; i < b->n_scen_inputs; i++)
        if (b->scen_inputs[i].cell == cell)
            return i;
    if (b->n_scen_inputs == *cap) {
        uint32_t nc = *cap ? *cap * 2 : 8;
        ScenarioInput *v = arena_alloc(&b->arena, nc * sizeof *v);
        if (b->n_scen_inputs)
            memcpy(v, b->scen_inputs, b->n_scen_inputs * sizeof *v);
        b->scen_inputs = v;
        *cap = nc;
    }
    ScenarioInput *in = &b->scen_inputs[b->n_scen_inputs];
    memset(in, 0, sizeof *in);
    in->cell = cell;
    in->label = label;
    return b->n_scen_inputs++;
}

void
scenario_bind(Book *b, const Stmt *first)
{
    uint32_t n = 0;
    for (const Stmt *st = first; st; st = st->next)
        if (st->kind == ST_SCENARIO)
            n++;
    if (n == 0)
        return;
    b->scenarios = arena_zalloc(&b->arena, n * sizeof *b->scenarios);
    uint32_t cap_inputs = 0;
    Scenario *cur = NULL;
    for (const Stmt *st = first; st; st = st->next) {
        if (st->kind == ST_SCENARIO) {
            if (str_eq_fold(st->text->s, st->text->len, "Base", 4)) {
                diag_error(b->diags, st->span, "'Base' names the model without "
                           "overrides; choose another scenario name");
                cur = NULL;
                continue;
            }
            if (st->text->len == 0 || st->text->len > 64) {
                diag_error(b->diags, st->span, "scenario names are 1-64 characters");
                cur = NULL;
                continue;
            }
            uint32_t dup = scenario_find(b, st->text->s);
            if (dup != UINT32_MAX) {
                diag_error(b->diags, st->span, "scenario '%s' is defined twice",
                           st->text->s);
                diag_note(b->diags, b->scenarios[dup].span, "first defined here");
                cur = NULL;
                continue;
            }
            cur = &b->scenarios[b->n_scenarios++];
            cur->name = st->text;
            cur->span = st->span;
            uint32_t k = 0;
            for (const Stmt *o = st->next; o && o->kind == ST_OVERRIDE; o = o->next)
                k++;
            cur->values = arena_zalloc(&b->arena, (k ? k : 1) * sizeof *cur->values);
            continue;
        }
        if (st->kind != ST_OVERRIDE || !cur)
            continue;
        const Str *label = NULL;
        uint32_t cell = scenario_target(b, st, cur->name, &label);
        if (cell == UINT32_MAX)
            continue;
        Value v;
        bool pct = false;
        if (!ast_constant(st->items[0], &v, &pct, &b->arena)) {
            diag_error(b->diags, st->items[0]->span, "a scenario value is a literal "
                       "(number, percent, string, TRUE/FALSE or an error)");
            continue;
        }
        uint32_t in = scenario_add_input(b, cell, label, &cap_inputs);
        bool dup = false;
        for (uint32_t i = 0; i < cur->n_values; i++) {
            if (cur->values[i].input == in) {
                diag_error(b->diags, st->span, "scenario '%s' sets %s twice",
                           cur->name->s, label->s);
                diag_note(b->diags, cur->values[i].span, "first set here");
                dup = true;
            }
        }
        if (dup)
            continue;
        ScenarioValue *sv = &cur->values[cur->n_values++];
        sv->input = in;
        sv->v = v;
        sv->pct = pct;
        sv->span = st->span;
    }
    for (uint32_t i = 0; i < b->n_scen_inputs; i++) {
        ScenarioInput *in = &b->scen_inputs[i];
        const Cell *c = &b->cells[in->cell];
        in->base = c->value;
        in->base_flags = c->flags & CELL_PERCENT;
        in->base_pct_decimals = c->pct_decimals;
    }
}

uint32_t
scenario_find(const Book *b, const char *name)
{
    for (uint32_t i = 0; i < b->n_scenarios; i++)
        if (str_eq_fold(b->scenarios[i].name->s, b->scenarios[i].name->len, name,
                        strlen(name)))
            return i;
    return UINT32_MAX;
}

Value
scenario_value(const Book *b, uint32_t sc, uint32_t input, bool *pct)
{
    const ScenarioInput *in = &b->scen_inputs[input];
    if (sc != UINT32_MAX) {
        const Scenario *s = &b->scenarios[sc];
        for (uint32_t i = 0; i < s->n_values; i++) {
            if (s->values[i].input == input) {
                *pct = s->values[i].pct;
                return s->values[i].v;
            }
        }
    }
    *pct = (in->base_flags & CELL_PERCENT) != 0;
    return in->base;
}

uint32_t
scenario_input_of(const Book *b, uint32_t cell)
{
    for (uint32_t i = 0; i < b->n_scen_inputs; i++)
        if (b->scen_inputs[i].cell == cell)
            return i;
    return UINT32_MAX;
}
