/*
 * diff: the semantic difference of two evaluated models. See diff.h.
 *
 * Every cell of either book becomes at most one entry: a changed input, a
 * changed formula, an added or a removed cell. Formula entries carry the
 * pair of Formulas (shared by the cells of one statement) as a key, so
 * sorting by key groups a changed fill into one row of the report.
 * Formula texts shown are the source text of the statement (spacing
 * collapsed), which is what the author recognises.
 */
#include "diff.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "print.h"
#include "vsbook.h"

typedef struct DiffEntry {
    uintptr_t k1;           /* grouping key: old Formula, or a unique id */
    uintptr_t k2;           /* new Formula, or a unique id */
    uint32_t sheet;         /* position, in the book the list is about */
    uint32_t row0;
    uint16_t col0;
    uint32_t old_id;        /* cell ids, UINT32_MAX when absent */
    uint32_t new_id;
} DiffEntry;

typedef struct DiffList {
    DiffEntry *v;           /* owned */
    uint32_t n;
    uint32_t cap;
} DiffList;

/* A run of entries with one key: what one report row shows. */
typedef struct DiffGroup {
    uint32_t first;         /* index into the list's sorted entries */
    uint32_t n;
    uint32_t sheet;
    uint32_t row0, row1;
    uint16_t col0, col1;
} DiffGroup;

typedef struct DiffOutput {
    char *label;            /* owned: as written or given */
    char *cell;             /* owned: the cell's address */
    Value old_v;            /* empty when the model lacks it */
    Value new_v;
    bool in_old;
    bool in_new;
} DiffOutput;

typedef struct DiffName {
    const char *name;
    char *old_text;         /* owned; NULL when added */
    char *new_text;         /* owned; NULL when removed */
} DiffName;

enum { DIFF_INPUTS, DIFF_FORMULAS, DIFF_ADDED, DIFF_REMOVED, DIFF_LISTS };

struct DiffReport {
    vs_book *old_book;      /* not owned */
    vs_book *new_book;
    DiffList lists[DIFF_LISTS];
    DiffGroup *groups[DIFF_LISTS];  /* owned, sorted by position */
    uint32_t n_groups[DIFF_LISTS];
    DiffName *names;        /* owned */
    uint32_t n_names;
    const char **sheets_added;      /* owned vectors of book-owned names */
    uint32_t n_sheets_added;
    const char **sheets_removed;
    uint32_t n_sheets_removed;
    DiffOutput *outputs;    /* owned */
    uint32_t n_outputs;
    uint32_t values_changed;        /* positions whose value differs */
};

static void *
diff_grow(void *v, uint32_t n, uint32_t *cap, size_t size)
{
    if (n < *cap)
        return v;
    *cap = *cap ? *cap * 2 : 16;
    void *nv = realloc(v, (size_t)*cap * size);
    if (!nv)
        arena_fatal("diff");
    return nv;
}

static void
diff_add(DiffList *l, DiffEntry e)
{
    l->v = diff_grow(l->v, l->n, &l->cap, sizeof *l->v);
    l->v[l->n++] = e;
}

static char *
diff_strdup(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (!p)
        arena_fatal("diff");
    memcpy(p, s, n + 1);
    return p;
}

/* The sheet of `other` with the name of sheet i of b, or UINT32_MAX. */
static uint32_t
diff_map_sheet(const Book *b, uint32_t i, const Book *other)
{
    const Str *name = b->sheets[i].name;
    const Str *o = str_lookup(&other->names, name->s, name->len);
    return o ? book_find_sheet(other, o) : UINT32_MAX;
}

/* The Excel text of a cell's formula at its own position. */
static void
diff_formula_text(const Book *b, const Cell *c, StrBuf *out)
{
    const Str **names = malloc(((size_t)b->n_sheets + 1) * sizeof *names);
    if (!names)
        arena_fatal("diff");
    for (uint32_t i = 0; i < b->n_sheets; i++)
        names[i] = b->sheets[i].name;
    AstExcel x = {names, b->n_sheets, false};
    ast_to_excel(c->f->ast, &x, c->sheet, (int64_t)c->row0 - c->f->row0,
                 (int64_t)c->col0 - c->f->col0, out);
    free(names);
}

static bool
diff_same_formula(const Book *ob, const Cell *oc, const Book *nb, const Cell *nc)
{
    StrBuf a, b;
    strbuf_init(&a);
    strbuf_init(&b);
    diff_formula_text(ob, oc, &a);
    diff_formula_text(nb, nc, &b);
    bool same = a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
    strbuf_free(&a);
    strbuf_free(&b);
    return same;
}

static void
diff_cells(DiffReport *d)
{
    const Book *ob = &d->old_book->book, *nb = &d->new_book->book;
    uint32_t *old_map = malloc(((size_t)ob->n_sheets + 1) * sizeof *old_map);
    if (!old_map)
        arena_fatal("diff");
    for (uint32_t s = 0; s < ob->n_sheets; s++)
        old_map[s] = diff_map_sheet(ob, s, nb);
    for (uint32_t i = 0; i < ob->n_cells; i++) {
        const Cell *oc = &ob->cells[i];
        uint32_t ns = old_map[oc->sheet];
        uint32_t j = ns == UINT32_MAX ? UINT32_MAX
                                      : book_cell_id(nb, ns, oc->row0, oc->col0);
        if (j == UINT32_MAX) {
            uintptr_t k = oc->f ? (uintptr_t)oc->f : (uintptr_t)i + 1;
            diff_add(&d->lists[DIFF_REMOVED],
                     (DiffEntry){k, 0, oc->sheet, oc->row0, oc->col0, i, UINT32_MAX});
            if (oc->value.kind != VK_EMPTY)
                d->values_changed++;
            continue;
        }
        const Cell *nc = &nb->cells[j];
        if (!value_identical(oc->value, nc->value))
            d->values_changed++;
        DiffEntry e = {0, 0, nc->sheet, nc->row0, nc->col0, i, j};
        if (!oc->f && !nc->f) {
            if (!value_identical(oc->value, nc->value)) {
                e.k1 = (uintptr_t)j + 1;
                diff_add(&d->lists[DIFF_INPUTS], e);
            }
        } else if (!oc->f || !nc->f || !diff_same_formula(ob, oc, nb, nc)) {
            /* A constant has no Formula: its own id keeps it apart. */
            e.k1 = oc->f ? (uintptr_t)oc->f : (uintptr_t)i + 1;
            e.k2 = nc->f ? (uintptr_t)nc->f : (uintptr_t)j + 1;
            diff_add(&d->lists[DIFF_FORMULAS], e);
        }
    }
    for (uint32_t j = 0; j < nb->n_cells; j++) {
        const Cell *nc = &nb->cells[j];
        uint32_t os = diff_map_sheet(nb, nc->sheet, ob);
        if (os != UINT32_MAX && book_cell_id(ob, os, nc->row0, nc->col0) != UINT32_MAX)
            continue;
        uintptr_t k = nc->f ? (uintptr_t)nc->f : (uintptr_t)j + 1;
        diff_add(&d->lists[DIFF_ADDED],
                 (DiffEntry){k, 0, nc->sheet, nc->row0, nc->col0, UINT32_MAX, j});
        if (nc->value.kind != VK_EMPTY)
            d->values_changed++;
    }
    free(old_map);
}

static int
diff_cmp_entries(const void *x, const void *y)
{
    const DiffEntry *a = x, *b = y;
    if (a->k1 != b->k1)
        return a->k1 < b->k1 ? -1 : 1;
    if (a->k2 != b->k2)
        return a->k2 < b->k2 ? -1 : 1;
    if (a->sheet != b->sheet)
        return a->sheet < b->sheet ? -1 : 1;
    if (a->row0 != b->row0)
        return a->row0 < b->row0 ? -1 : 1;
    return (a->col0 > b->col0) - (a->col0 < b->col0);
}

static int
diff_cmp_groups(const void *x, const void *y)
{
    const DiffGroup *a = x, *b = y;
    if (a->sheet != b->sheet)
        return a->sheet < b->sheet ? -1 : 1;
    if (a->row0 != b->row0)
        return a->row0 < b->row0 ? -1 : 1;
    return (a->col0 > b->col0) - (a->col0 < b->col0);
}

static void
diff_group(DiffReport *d, int li)
{
    DiffList *l = &d->lists[li];
    if (l->n)   /* qsort must not get NULL, even for no elements */
        qsort(l->v, l->n, sizeof *l->v, diff_cmp_entries);
    DiffGroup *g = calloc(l->n + 1, sizeof *g);
    if (!g)
        arena_fatal("diff");
    uint32_t n = 0;
    for (uint32_t i = 0; i < l->n; i++) {
        const DiffEntry *e = &l->v[i];
        if (n && l->v[g[n - 1].first].k1 == e->k1 && l->v[g[n - 1].first].k2 == e->k2 &&
            g[n - 1].sheet == e->sheet) {
            DiffGroup *c = &g[n - 1];
            c->n++;
            c->row0 = e->row0 < c->row0 ? e->row0 : c->row0;
            c->row1 = e->row0 > c->row1 ? e->row0 : c->row1;
            c->col0 = e->col0 < c->col0 ? e->col0 : c->col0;
            c->col1 = e->col0 > c->col1 ? e->col0 : c->col1;
            continue;
        }
        g[n++] = (DiffGroup){i, 1, e->sheet, e->row0, e->row0, e->col0, e->col0};
    }
    qsort(g, n, sizeof *g, diff_cmp_groups);
    d->groups[li] = g;
    d->n_groups[li] = n;
}

/* What a defined name stands for, as Excel text. */
static char *
diff_name_text(const Book *b, const NameDef *def)
{
    StrBuf s;
    strbuf_init(&s);
    const Str **names = malloc(((size_t)b->n_sheets + 1) * sizeof *names);
    if (!names)
        arena_fatal("diff");
    for (uint32_t i = 0; i < b->n_sheets; i++)
        names[i] = b->sheets[i].name;
    AstExcel x = {names, b->n_sheets, false};
    ast_to_excel(def->expr, &x, UINT32_MAX, 0, 0, &s);
    free(names);
    char *r = diff_strdup(s.data ? s.data : "");
    strbuf_free(&s);
    return r;
}

static void
diff_add_name(DiffReport *d, const char *name, char *old_text, char *new_text)
{
    uint32_t cap = d->n_names;  /* grown one at a time: names are few */
    d->names = realloc(d->names, (cap + 1) * sizeof *d->names);
    if (!d->names)
        arena_fatal("diff");
    d->names[d->n_names++] = (DiffName){name, old_text, new_text};
}

static void
diff_names_and_sheets(DiffReport *d)
{
    const Book *ob = &d->old_book->book, *nb = &d->new_book->book;
    for (uint32_t i = 0; i < nb->n_defs; i++) {
        const NameDef *nd = nb->defs[i];
        const Str *k = str_lookup(&ob->names, nd->name->s, nd->name->len);
        const NameDef *od = k ? book_find_name(ob, k) : NULL;
        char *nt = diff_name_text(nb, nd);
        char *ot = od ? diff_name_text(ob, od) : NULL;
        if (ot && !strcmp(ot, nt)) {
            free(ot);
            free(nt);
            continue;
        }
        diff_add_name(d, nd->name->s, ot, nt);
    }
    for (uint32_t i = 0; i < ob->n_defs; i++) {
        const NameDef *od = ob->defs[i];
        const Str *k = str_lookup(&nb->names, od->name->s, od->name->len);
        if (!k || !book_find_name(nb, k))
            diff_add_name(d, od->name->s, diff_name_text(ob, od), NULL);
    }
    d->sheets_added = calloc(nb->n_sheets + 1, sizeof *d->sheets_added);
    d->sheets_removed = calloc(ob->n_sheets + 1, sizeof *d->sheets_removed);
    if (!d->sheets_added || !d->sheets_removed)
        arena_fatal("diff");
    for (uint32_t i = 0; i < nb->n_sheets; i++)
        if (diff_map_sheet(nb, i, ob) == UINT32_MAX)
            d->sheets_added[d->n_sheets_added++] = nb->sheets[i].name->s;
    for (uint32_t i = 0; i < ob->n_sheets; i++)
        if (diff_map_sheet(ob, i, nb) == UINT32_MAX)
            d->sheets_removed[d->n_sheets_removed++] = ob->sheets[i].name->s;
}

/* ------------------------------------------------------------- outputs */

static bool
diff_has_output(const DiffReport *d, const char *label)
{
    for (uint32_t i = 0; i < d->n_outputs; i++)
        if (str_eq_fold(d->outputs[i].label, strlen(d->outputs[i].label), label,
                        strlen(label)))
            return true;
    return false;
}

/* Adds one output per cell of what label resolves to in either book. */
static bool
diff_add_output(DiffReport *d, const char *label)
{
    if (diff_has_output(d, label))
        return true;
    RangeRef ro, rn;
    bool in_old = vs_resolve(d->old_book, label, &ro);
    bool in_new = vs_resolve(d->new_book, label, &rn);
    if (!in_old && !in_new)
        return false;
    const RangeRef *r = in_new ? &rn : &ro;
    uint32_t rows = r->row1 - r->row0 + 1, cols = (uint32_t)(r->col1 - r->col0) + 1;
    if ((uint64_t)rows * cols > 10000)
        rows = 10000 / cols + 1;    /* an output is a result, not a sheet */
    for (uint32_t dr = 0; dr < rows; dr++) {
        for (uint32_t dc = 0; dc < cols; dc++) {
            d->outputs = realloc(d->outputs, (d->n_outputs + 1) * sizeof *d->outputs);
            if (!d->outputs)
                arena_fatal("diff");
            DiffOutput *o = &d->outputs[d->n_outputs++];
            memset(o, 0, sizeof *o);
            char cell[300];
            const Book *b = in_new ? &d->new_book->book : &d->old_book->book;
            book_cell_name(b, r->sheet, r->row0 + dr, (uint32_t)(r->col0 + dc), cell,
                           sizeof cell);
            o->label = diff_strdup(rows * cols == 1 ? label : cell);
            o->cell = diff_strdup(cell);
            o->in_old = in_old;
            o->in_new = in_new;
            o->old_v = in_old ? book_cell_value(&d->old_book->book, ro.sheet, ro.row0 + dr,
                                                (uint32_t)(ro.col0 + dc))
                              : value_empty();
            o->new_v = in_new ? book_cell_value(&d->new_book->book, rn.sheet, rn.row0 + dr,
                                                (uint32_t)(rn.col0 + dc))
                              : value_empty();
        }
    }
    return true;
}

/* The label of a model's output: its source text. */
static void
diff_model_outputs(DiffReport *d, vs_book *vb)
{
    const Book *b = &vb->book;
    for (uint32_t i = 0; i < b->n_outputs; i++) {
        const AstNode *e = b->outputs[i];
        const SourceFile *f = &vb->diags.files[e->span.file];
        char *label = malloc(e->span.len + 1);
        if (!label)
            arena_fatal("diff");
        memcpy(label, f->text + e->span.off, e->span.len);
        label[e->span.len] = '\0';
        diff_add_output(d, label);
        free(label);
    }
}

DiffReport *
diff_compare(vs_book *old_book, vs_book *new_book, const char *const *outputs,
             size_t n_outputs)
{
    DiffReport *d = calloc(1, sizeof *d);
    if (!d)
        arena_fatal("diff");
    d->old_book = old_book;
    d->new_book = new_book;
    for (size_t i = 0; i < n_outputs; i++) {
        if (!diff_add_output(d, outputs[i])) {
            fprintf(new_book->diags.out, "valsheet: error: --outputs: '%s' is not a cell "
                    "or name of either model\n", outputs[i]);
            diff_free(d);
            return NULL;
        }
    }
    if (!n_outputs) {
        diff_model_outputs(d, new_book);
        diff_model_outputs(d, old_book);
    }
    diff_cells(d);
    for (int li = 0; li < DIFF_LISTS; li++)
        diff_group(d, li);
    diff_names_and_sheets(d);
    return d;
}

bool
diff_differs(const DiffReport *d)
{
    return d->values_changed > 0;
}

void
diff_free(DiffReport *d)
{
    if (!d)
        return;
    for (int li = 0; li < DIFF_LISTS; li++) {
        free(d->lists[li].v);
        free(d->groups[li]);
    }
    for (uint32_t i = 0; i < d->n_names; i++) {
        free(d->names[i].old_text);
        free(d->names[i].new_text);
    }
    free(d->names);
    free(d->sheets_added);
    free(d->sheets_removed);
    for (uint32_t i = 0; i < d->n_outputs; i++) {
        free(d->outputs[i].label);
        free(d->outputs[i].cell);
    }
    free(d->outputs);
    free(d);
}

/* ------------------------------------------------------------ printing */

/* A value as the text printer shows it: "text" quoted Excel's way. */
static void
diff_value_text(StrBuf *b, Value v)
{
    switch (v.kind) {
    case VK_NUMBER:
        strbuf_number(b, v.u.num);
        break;
    case VK_STRING:
        strbuf_putc(b, '"');
        for (uint32_t i = 0; i < v.u.str->len; i++) {
            if (v.u.str->s[i] == '"')
                strbuf_putc(b, '"');
            strbuf_putc(b, v.u.str->s[i]);
        }
        strbuf_putc(b, '"');
        break;
    case VK_BOOL:
        strbuf_puts(b, v.u.b ? "TRUE" : "FALSE");
        break;
    case VK_ERROR:
        strbuf_puts(b, value_error_text((ErrorCode)v.err));
        break;
    default:
        strbuf_puts(b, "(empty)");
        break;
    }
}

static void
diff_json_str(FILE *out, const char *s)
{
    if (s)
        print_json_string(out, s, strlen(s));
    else
        fputs("null", out);
}

/* "Sheet!A1", "Sheet!C6:L6", or "Sheet!A1:C9 (5 cells)" when the group
 * does not fill its bounding box. */
static void
diff_group_cells(const Book *b, const DiffGroup *g, StrBuf *out)
{
    char name[300];
    book_cell_name(b, g->sheet, g->row0, g->col0, name, sizeof name);
    strbuf_puts(out, name);
    uint64_t area = (uint64_t)(g->row1 - g->row0 + 1) * (uint64_t)(g->col1 - g->col0 + 1);
    if (area > 1) {
        char col[4];
        ast_col_name(g->col1, col);
        strbuf_printf(out, ":%s%u", col, g->row1 + 1);
    }
    if (area != g->n)
        strbuf_printf(out, " (%u cells)", g->n);
}

/* What a cell holds as its author wrote it: the formula's source text
 * with runs of blanks collapsed, or the constant. */
static void
diff_cell_source(const vs_book *vb, uint32_t id, StrBuf *out)
{
    const Cell *c = &vb->book.cells[id];
    if (!c->f) {
        diff_value_text(out, c->value);
        return;
    }
    const Span *sp = &c->f->ast->span;
    const char *s = vb->diags.files[sp->file].text + sp->off;
    bool blank = false;
    for (uint32_t i = 0; i < sp->len; i++) {
        bool ws = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
        if (ws) {
            blank = true;
            continue;
        }
        if (blank && out->len)
            strbuf_putc(out, ' ');
        blank = false;
        strbuf_putc(out, s[i]);
    }
}

/* The text of column `col` of group g of list li, into out. */
enum { COL_CELLS, COL_OLD, COL_NEW };

static void
diff_cell_text(const DiffReport *d, int li, const DiffGroup *g, int col, StrBuf *out)
{
    const DiffEntry *e = &d->lists[li].v[g->first];
    const vs_book *where = li == DIFF_REMOVED ? d->old_book : d->new_book;
    if (col == COL_CELLS)
        diff_group_cells(&where->book, g, out);
    else if (col == COL_OLD && e->old_id != UINT32_MAX)
        diff_cell_source(d->old_book, e->old_id, out);
    else if (col == COL_NEW && e->new_id != UINT32_MAX)
        diff_cell_source(d->new_book, e->new_id, out);
}

typedef struct Delta {
    bool numeric;           /* both numbers */
    double abs;
    bool has_rel;           /* old is not zero */
    double rel;
    bool changed;
} Delta;

static Delta
diff_delta(const DiffOutput *o)
{
    Delta r = {false, 0, false, 0, !value_identical(o->old_v, o->new_v)};
    if (o->old_v.kind == VK_NUMBER && o->new_v.kind == VK_NUMBER) {
        r.numeric = true;
        r.abs = o->new_v.u.num - o->old_v.u.num;
        if (o->old_v.u.num != 0) {
            r.has_rel = true;
            r.rel = r.abs / fabs(o->old_v.u.num);
        }
    }
    return r;
}

static void
diff_signed(StrBuf *b, double x)
{
    if (x > 0)
        strbuf_putc(b, '+');
    strbuf_number(b, x);
}

static uint32_t
diff_outputs_changed(const DiffReport *d)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < d->n_outputs; i++)
        n += diff_delta(&d->outputs[i]).changed;
    return n;
}

static const char *const diff_titles[DIFF_LISTS] = {
    "Changed inputs", "Changed formulas", "Added cells", "Removed cells",
};

/* The one-line summary both text and markdown start with. */
static void
diff_summary(const DiffReport *d, StrBuf *b)
{
    uint32_t ni = d->lists[DIFF_INPUTS].n, nf = d->n_groups[DIFF_FORMULAS];
    strbuf_printf(b, "%u input%s and %u formula%s changed", ni, ni == 1 ? "" : "s", nf,
                  nf == 1 ? "" : "s");
    if (d->lists[DIFF_ADDED].n || d->lists[DIFF_REMOVED].n)
        strbuf_printf(b, ", %u cell%s added, %u removed", d->lists[DIFF_ADDED].n,
                      d->lists[DIFF_ADDED].n == 1 ? "" : "s", d->lists[DIFF_REMOVED].n);
    if (d->n_outputs)
        strbuf_printf(b, "; %u of %u output%s change%s", diff_outputs_changed(d),
                      d->n_outputs, d->n_outputs == 1 ? "" : "s",
                      diff_outputs_changed(d) == 1 ? "s" : "");
    if (d->values_changed)
        strbuf_printf(b, "; %u cell%s change value", d->values_changed,
                      d->values_changed == 1 ? "" : "s");
    else
        strbuf_puts(b, "; no computed value changes");
}

static void
diff_print_text(const DiffReport *d, FILE *out)
{
    StrBuf b;
    strbuf_init(&b);
    diff_summary(d, &b);
    fprintf(out, "%s\n", b.data);
    for (int li = 0; li < DIFF_LISTS; li++) {
        if (!d->n_groups[li])
            continue;
        fprintf(out, "\n%s:\n", diff_titles[li]);
        for (uint32_t i = 0; i < d->n_groups[li]; i++) {
            const DiffGroup *g = &d->groups[li][i];
            strbuf_clear(&b);
            strbuf_puts(&b, "  ");
            diff_cell_text(d, li, g, COL_CELLS, &b);
            strbuf_puts(&b, ": ");
            if (li != DIFF_ADDED) {
                diff_cell_text(d, li, g, COL_OLD, &b);
                if (li != DIFF_REMOVED)
                    strbuf_puts(&b, " -> ");
            }
            diff_cell_text(d, li, g, COL_NEW, &b);
            fprintf(out, "%s\n", b.data);
        }
    }
    if (d->n_names) {
        fputs("\nNames:\n", out);
        for (uint32_t i = 0; i < d->n_names; i++) {
            const DiffName *n = &d->names[i];
            if (!n->old_text)
                fprintf(out, "  added %s = %s\n", n->name, n->new_text);
            else if (!n->new_text)
                fprintf(out, "  removed %s = %s\n", n->name, n->old_text);
            else
                fprintf(out, "  %s: %s -> %s\n", n->name, n->old_text, n->new_text);
        }
    }
    if (d->n_sheets_added || d->n_sheets_removed) {
        fputs("\nSheets:\n", out);
        for (uint32_t i = 0; i < d->n_sheets_added; i++)
            fprintf(out, "  added %s\n", d->sheets_added[i]);
        for (uint32_t i = 0; i < d->n_sheets_removed; i++)
            fprintf(out, "  removed %s\n", d->sheets_removed[i]);
    }
    if (d->n_outputs) {
        fputs("\nOutputs:\n", out);
        for (uint32_t i = 0; i < d->n_outputs; i++) {
            const DiffOutput *o = &d->outputs[i];
            Delta dl = diff_delta(o);
            strbuf_clear(&b);
            strbuf_printf(&b, "  %s", o->label);
            if (strcmp(o->label, o->cell) != 0)
                strbuf_printf(&b, " (%s)", o->cell);
            strbuf_puts(&b, ": ");
            diff_value_text(&b, o->old_v);
            if (dl.changed) {
                strbuf_puts(&b, " -> ");
                diff_value_text(&b, o->new_v);
                if (dl.numeric) {
                    strbuf_puts(&b, " (");
                    diff_signed(&b, dl.abs);
                    if (dl.has_rel)
                        strbuf_printf(&b, ", %+.2f%%", dl.rel * 100);
                    strbuf_putc(&b, ')');
                }
            } else {
                strbuf_puts(&b, " (unchanged)");
            }
            fprintf(out, "%s\n", b.data);
        }
    }
    strbuf_free(&b);
}

/* A markdown table cell: '|' escaped, code in backticks when asked. */
static void
diff_md_cell(FILE *out, const char *s, bool code)
{
    bool quote = code && *s;
    fputs(quote ? " `" : " ", out);
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else if (*s == '`' && code)
            fputc('\'', out);
        else
            fputc(*s, out);
    }
    fputs(quote ? "` |" : " |", out);
}

static void
diff_print_markdown(const DiffReport *d, FILE *out)
{
    StrBuf b;
    strbuf_init(&b);
    diff_summary(d, &b);
    fprintf(out, "**valsheet diff**: %s.\n", b.data);
    if (d->n_outputs) {
        fputs("\n#### Outputs\n\n| Output | Cell | Old | New | Change | Change % |\n"
              "|---|---|--:|--:|--:|--:|\n", out);
        for (uint32_t i = 0; i < d->n_outputs; i++) {
            const DiffOutput *o = &d->outputs[i];
            Delta dl = diff_delta(o);
            fputs("|", out);
            diff_md_cell(out, o->label, false);
            diff_md_cell(out, o->cell, false);
            strbuf_clear(&b);
            diff_value_text(&b, o->old_v);
            diff_md_cell(out, b.data, false);
            strbuf_clear(&b);
            diff_value_text(&b, o->new_v);
            diff_md_cell(out, b.data, false);
            strbuf_clear(&b);
            if (dl.numeric)
                diff_signed(&b, dl.abs);
            else
                strbuf_puts(&b, dl.changed ? "changed" : "");
            diff_md_cell(out, b.data, false);
            strbuf_clear(&b);
            if (dl.has_rel)
                strbuf_printf(&b, "%+.2f%%", dl.rel * 100);
            diff_md_cell(out, b.data, false);
            fputc('\n', out);
        }
    }
    for (int li = 0; li < DIFF_LISTS; li++) {
        if (!d->n_groups[li])
            continue;
        fprintf(out, "\n#### %s\n\n", diff_titles[li]);
        bool one = li == DIFF_ADDED || li == DIFF_REMOVED;
        fputs(one ? "| Cells | Content |\n|---|---|\n"
                  : "| Cells | Old | New |\n|---|---|---|\n", out);
        for (uint32_t i = 0; i < d->n_groups[li]; i++) {
            const DiffGroup *g = &d->groups[li][i];
            fputs("|", out);
            for (int col = COL_CELLS; col <= COL_NEW; col++) {
                if ((li == DIFF_ADDED && col == COL_OLD) ||
                    (li == DIFF_REMOVED && col == COL_NEW))
                    continue;
                strbuf_clear(&b);
                diff_cell_text(d, li, g, col, &b);
                diff_md_cell(out, b.data ? b.data : "", col != COL_CELLS);
            }
            fputc('\n', out);
        }
    }
    if (d->n_names) {
        fputs("\n#### Names\n\n| Name | Old | New |\n|---|---|---|\n", out);
        for (uint32_t i = 0; i < d->n_names; i++) {
            fputs("|", out);
            diff_md_cell(out, d->names[i].name, false);
            diff_md_cell(out, d->names[i].old_text ? d->names[i].old_text : "", true);
            diff_md_cell(out, d->names[i].new_text ? d->names[i].new_text : "", true);
            fputc('\n', out);
        }
    }
    if (d->n_sheets_added || d->n_sheets_removed) {
        fputs("\n#### Sheets\n\n", out);
        for (uint32_t i = 0; i < d->n_sheets_added; i++)
            fprintf(out, "- added `%s`\n", d->sheets_added[i]);
        for (uint32_t i = 0; i < d->n_sheets_removed; i++)
            fprintf(out, "- removed `%s`\n", d->sheets_removed[i]);
    }
    strbuf_free(&b);
}

static void
diff_print_json(const DiffReport *d, FILE *out)
{
    StrBuf b;
    strbuf_init(&b);
    fprintf(out, "{\"version\": 1, \"differs\": %s, \"values_changed\": %u",
            diff_differs(d) ? "true" : "false", d->values_changed);
    static const char *const keys[DIFF_LISTS] = {"inputs", "formulas", "added", "removed"};
    for (int li = 0; li < DIFF_LISTS; li++) {
        fprintf(out, ",\n \"%s\": [", keys[li]);
        for (uint32_t i = 0; i < d->n_groups[li]; i++) {
            const DiffGroup *g = &d->groups[li][i];
            const DiffEntry *e = &d->lists[li].v[g->first];
            strbuf_clear(&b);
            diff_cell_text(d, li, g, COL_CELLS, &b);
            fputs(i ? ",\n  {\"cells\": " : "\n  {\"cells\": ", out);
            diff_json_str(out, b.data);
            fprintf(out, ", \"count\": %u", g->n);
            if (li == DIFF_INPUTS) {
                fputs(", \"old\": ", out);
                print_json_value(out, d->old_book->book.cells[e->old_id].value);
                fputs(", \"new\": ", out);
                print_json_value(out, d->new_book->book.cells[e->new_id].value);
            } else {
                for (int col = COL_OLD; col <= COL_NEW; col++) {
                    if ((li == DIFF_ADDED && col == COL_OLD) ||
                        (li == DIFF_REMOVED && col == COL_NEW))
                        continue;
                    strbuf_clear(&b);
                    diff_cell_text(d, li, g, col, &b);
                    fputs(col == COL_OLD ? ", \"old\": " : ", \"new\": ", out);
                    diff_json_str(out, b.data ? b.data : "");
                }
            }
            fputc('}', out);
        }
        fputs(d->n_groups[li] ? "\n ]" : "]", out);
    }
    fputs(",\n \"names\": [", out);
    for (uint32_t i = 0; i < d->n_names; i++) {
        fputs(i ? ",\n  {\"name\": " : "\n  {\"name\": ", out);
        diff_json_str(out, d->names[i].name);
        fputs(", \"old\": ", out);
        diff_json_str(out, d->names[i].old_text);
        fputs(", \"new\": ", out);
        diff_json_str(out, d->names[i].new_text);
        fputc('}', out);
    }
    fputs(d->n_names ? "\n ]" : "]", out);
    fputs(",\n \"sheets_added\": [", out);
    for (uint32_t i = 0; i < d->n_sheets_added; i++) {
        fputs(i ? ", " : "", out);
        diff_json_str(out, d->sheets_added[i]);
    }
    fputs("],\n \"sheets_removed\": [", out);
    for (uint32_t i = 0; i < d->n_sheets_removed; i++) {
        fputs(i ? ", " : "", out);
        diff_json_str(out, d->sheets_removed[i]);
    }
    fputs("],\n \"outputs\": [", out);
    for (uint32_t i = 0; i < d->n_outputs; i++) {
        const DiffOutput *o = &d->outputs[i];
        Delta dl = diff_delta(o);
        fputs(i ? ",\n  {\"name\": " : "\n  {\"name\": ", out);
        diff_json_str(out, o->label);
        fputs(", \"cell\": ", out);
        diff_json_str(out, o->cell);
        fputs(", \"old\": ", out);
        print_json_value(out, o->old_v);
        fputs(", \"new\": ", out);
        print_json_value(out, o->new_v);
        fputs(", \"delta\": ", out);
        print_json_value(out, dl.numeric ? value_number(dl.abs) : value_empty());
        fputs(", \"relative\": ", out);
        print_json_value(out, dl.has_rel ? value_number(dl.rel) : value_empty());
        fprintf(out, ", \"changed\": %s}", dl.changed ? "true" : "false");
    }
    fputs(d->n_outputs ? "\n ]\n}\n" : "]\n}\n", out);
    strbuf_free(&b);
}

void
diff_print(const DiffReport *d, FILE *out, vs_format fmt)
{
    if (fmt == VS_FORMAT_JSON)
        diff_print_json(d, out);
    else if (fmt == VS_FORMAT_MARKDOWN)
        diff_print_markdown(d, out);
    else
        diff_print_text(d, out);
}

vs_status
vs_book_diff(vs_book *old_book, vs_book *new_book, const char *const *outputs,
             size_t n_outputs, FILE *out, vs_format fmt, int *differs)
{
    *differs = 0;
    if (fmt == VS_FORMAT_CSV)
        return VS_ERR_USAGE;
    DiffReport *d = diff_compare(old_book, new_book, outputs, n_outputs);
    if (!d)
        return VS_ERR_USAGE;
    diff_print(d, out, fmt);
    *differs = diff_differs(d);
    diff_free(d);
    return VS_OK;
}
