/*
 * book: sheets, cell storage and lookups by position or name.
 */
#include "book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "graph.h"
#include "report.h"

void
book_init(Book *b, Diags *d)
{
    memset(b, 0, sizeof *b);
    arena_init(&b->arena);
    arena_init(&b->scratch);
    str_table_init(&b->names, &b->arena);
    b->diags = d;
    b->active_scenario = UINT32_MAX;
}

void
book_free(Book *b)
{
    for (uint32_t i = 0; i < b->n_charts; i++)
        report_chart_clear(&b->charts[i]);
    free(b->charts);
    for (uint32_t s = 0; s < b->n_sheets; s++) {
        Sheet *sh = &b->sheets[s];
        for (uint32_t c = 0; c < sh->n_cols; c++) {
            for (uint32_t p = 0; p < sh->cols[c].n_pages; p++)
                free(sh->cols[c].pages[p]);
            free(sh->cols[c].pages);
        }
        free(sh->cols);
    }
    free(b->sheets);
    free(b->cells);
    free(b->defs);
    if (b->graph) {
        graph_free(b->graph);
        free(b->graph);
    }
    eval_free_caches(b);
    str_table_free(&b->names);
    arena_free(&b->scratch);
    arena_free(&b->arena);
    memset(b, 0, sizeof *b);
}

uint32_t
book_find_sheet(const Book *b, const Str *name)
{
    for (uint32_t i = 0; i < b->n_sheets; i++)
        if (b->sheets[i].name == name)
            return i;
    return UINT32_MAX;
}

uint32_t
book_add_sheet(Book *b, const Str *name, Span span)
{
    Sheet *ns = realloc(b->sheets, (b->n_sheets + 1) * sizeof *ns);
    if (!ns)
        arena_fatal("sheets");
    b->sheets = ns;
    Sheet *s = &b->sheets[b->n_sheets];
    memset(s, 0, sizeof *s);
    s->name = name;
    s->span = span;
    return b->n_sheets++;
}

uint32_t
book_cell_id(const Book *b, uint32_t sheet, uint32_t row0, uint32_t col0)
{
    if (sheet >= b->n_sheets)
        return UINT32_MAX;
    const Sheet *s = &b->sheets[sheet];
    if (col0 >= s->n_cols)
        return UINT32_MAX;
    const ColumnIndex *ci = &s->cols[col0];
    uint32_t page = row0 / BOOK_PAGE_ROWS;
    if (page >= ci->n_pages || !ci->pages[page])
        return UINT32_MAX;
    uint32_t id1 = ci->pages[page][row0 % BOOK_PAGE_ROWS];
    return id1 ? id1 - 1 : UINT32_MAX;
}

void
book_reserve_cells(Book *b, uint32_t n)
{
    if (n <= b->cap_cells)
        return;
    Cell *nc = realloc(b->cells, (size_t)n * sizeof *nc);
    if (!nc)
        arena_fatal("cells");
    arena_hint_huge(nc, (size_t)n * sizeof *nc);
    b->cells = nc;
    b->cap_cells = n;
}

uint32_t
book_add_cell(Book *b, uint32_t sheet, uint32_t row0, uint32_t col0,
              uint32_t *prev)
{
    Sheet *s = &b->sheets[sheet];
    if (col0 >= s->n_cols) {
        /* Doubling: a row filled left to right (A1:XFD1) would otherwise
         * copy the vector once per column. */
        uint32_t ncols = s->n_cols * 2 > col0 + 1 ? s->n_cols * 2 : col0 + 1;
        if (ncols > VS_MAX_COLS)
            ncols = col0 + 1 > VS_MAX_COLS ? col0 + 1 : VS_MAX_COLS;
        ColumnIndex *nc = realloc(s->cols, ncols * sizeof *nc);
        if (!nc)
            arena_fatal("column index");
        memset(nc + s->n_cols, 0, (ncols - s->n_cols) * sizeof *nc);
        s->cols = nc;
        s->n_cols = ncols;
    }
    ColumnIndex *ci = &s->cols[col0];
    uint32_t page = row0 / BOOK_PAGE_ROWS;
    if (page >= ci->n_pages) {
        uint32_t np = page + 1;
        uint32_t **pp = realloc(ci->pages, np * sizeof *pp);
        if (!pp)
            arena_fatal("column index");
        memset(pp + ci->n_pages, 0, (np - ci->n_pages) * sizeof *pp);
        ci->pages = pp;
        ci->n_pages = np;
    }
    if (!ci->pages[page]) {
        ci->pages[page] = calloc(BOOK_PAGE_ROWS, sizeof(uint32_t));
        if (!ci->pages[page])
            arena_fatal("column index");
    }
    uint32_t *slot = &ci->pages[page][row0 % BOOK_PAGE_ROWS];
    if (*slot) {
        *prev = *slot - 1;
        return UINT32_MAX;
    }
    if (b->n_cells == b->cap_cells) {
        uint32_t ncap = b->cap_cells ? b->cap_cells * 2 : 1024;
        Cell *nc = realloc(b->cells, (size_t)ncap * sizeof *nc);
        if (!nc)
            arena_fatal("cells");
        arena_hint_huge(nc, (size_t)ncap * sizeof *nc);
        b->cells = nc;
        b->cap_cells = ncap;
    }
    uint32_t id = b->n_cells++;
    Cell *c = &b->cells[id];
    memset(c, 0, sizeof *c);
    c->sheet = sheet;
    c->row0 = row0;
    c->col0 = (uint16_t)col0;
    *slot = id + 1;
    if (row0 + 1 > s->max_row1)
        s->max_row1 = row0 + 1;
    if (col0 + 1 > s->max_col1)
        s->max_col1 = col0 + 1;
    return id;
}

Value
book_cell_value(const void *book, uint32_t sheet, uint32_t row0, uint32_t col0)
{
    const Book *b = book;
    uint32_t id = book_cell_id(b, sheet, row0, col0);
    if (id == UINT32_MAX)
        return value_empty();
    return b->cells[id].value;
}

NameDef *
book_find_name(const Book *b, const Str *name)
{
    for (uint32_t i = 0; i < b->n_defs; i++)
        if (b->defs[i]->name == name)
            return b->defs[i];
    return NULL;
}

void
book_cell_name(const Book *b, uint32_t sheet, uint32_t row0, uint32_t col0,
               char *buf, size_t n)
{
    StrBuf sb;
    strbuf_init(&sb);
    if (sheet < b->n_sheets)
        ast_sheet_prefix(b->sheets[sheet].name, &sb);
    char col[4];
    ast_col_name((uint16_t)col0, col);
    strbuf_printf(&sb, "%s%u", col, row0 + 1);
    snprintf(buf, n, "%s", sb.data);
    strbuf_free(&sb);
}

/* Splits "Sheet!A1:B2" / "'My sheet'!A1" into sheet and the rest. */
static bool
book_split_sheet(const Book *b, const char *text, uint32_t *sheet,
                 const char **rest)
{
    const char *bang = strrchr(text, '!');
    if (!bang)
        return true;
    char name[256];
    size_t n = (size_t)(bang - text);
    if (n >= sizeof name || n == 0)
        return false;
    if (text[0] == '\'' && n >= 2 && text[n - 1] == '\'') {
        size_t k = 0;
        for (size_t i = 1; i + 1 < n; i++) {
            name[k++] = text[i];
            if (text[i] == '\'')
                i++;
        }
        name[k] = '\0';
        n = k;
    } else {
        memcpy(name, text, n);
        name[n] = '\0';
    }
    const Str *s = str_lookup(&b->names, name, n);
    uint32_t idx = s ? book_find_sheet(b, s) : UINT32_MAX;
    if (idx == UINT32_MAX)
        return false;
    *sheet = idx;
    *rest = bang + 1;
    return true;
}

bool
book_resolve(const Book *b, const char *text, uint32_t default_sheet,
             RangeRef *out)
{
    uint32_t sheet = default_sheet;
    const char *rest = text;
    if (!book_split_sheet(b, text, &sheet, &rest))
        return false;
    const char *colon = strchr(rest, ':');
    uint32_t r0, r1;
    uint16_t c0, c1;
    uint8_t abs;
    const char *why;
    size_t n0 = colon ? (size_t)(colon - rest) : strlen(rest);
    if (ast_parse_cellref(rest, n0, &r0, &c0, &abs, &why)) {
        r1 = r0;
        c1 = c0;
        if (colon && !ast_parse_cellref(colon + 1, strlen(colon + 1), &r1, &c1, &abs, &why))
            return false;
        if (sheet >= b->n_sheets)
            return false;
        out->sheet = sheet;
        out->row0 = r0 < r1 ? r0 : r1;
        out->row1 = r0 < r1 ? r1 : r0;
        out->col0 = c0 < c1 ? c0 : c1;
        out->col1 = c0 < c1 ? c1 : c0;
        return true;
    }
    if (rest != text)
        return false;
    const Str *s = str_lookup(&b->names, text, strlen(text));
    NameDef *d = s ? book_find_name(b, s) : NULL;
    if (!d || !d->expr || d->expr->kind != AST_REF)
        return false;
    out->sheet = d->expr->u.ref.sheet;
    out->row0 = d->expr->u.ref.row0;
    out->row1 = d->expr->u.ref.row1;
    out->col0 = d->expr->u.ref.col0;
    out->col1 = d->expr->u.ref.col1;
    return true;
}

const char *
book_number_format(const Book *b, const RangeRef *r)
{
    const char *fmt = NULL;
    for (const Stmt *st = b->stmts; st; st = st->next) {
        if (st->kind != ST_FORMAT || st->sheet != r->sheet || !st->target.ok || !st->text)
            continue;
        const Target *t = &st->target;
        if (r->row0 >= t->row0 && r->row0 <= t->row1 && r->col0 >= t->col0 &&
            r->col0 <= t->col1)
            fmt = st->text->s;
    }
    if (fmt)
        return fmt;
    uint32_t id = book_cell_id(b, r->sheet, r->row0, r->col0);
    if (id != UINT32_MAX && (b->cells[id].flags & CELL_PERCENT)) {
        static const char *const pct[] = {"0%", "0.0%", "0.00%", "0.000%", "0.0000%"};
        uint8_t k = b->cells[id].pct_decimals;
        return pct[k < 4 ? k : 4];
    }
    return NULL;
}
