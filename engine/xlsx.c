/*
 * xlsx: the exporter (see xlsx.h). Walks the recalculated book once per
 * sheet in row order and writes it through libxlsxwriter.
 *
 * Per sheet it builds one sorted vector of "slots": every cell plus every
 * empty position covered by a format/style statement. Each slot's
 * effective look (number format + style, layout statements applied in
 * source order, later ones overriding earlier ones attribute by attribute)
 * is mapped to one cached lxw_format; the same look also drives column
 * fitting through numfmt, so fitted columns are wide enough for what the
 * spreadsheet displays (no "###"). Style flags (bold, italic, ...) only
 * accumulate; fill, colour, alignment and number format take the last
 * statement's value. Constants get default formats: percent literals
 * "0%"/"0.0%"/..., booleans "TRUE";"TRUE";"FALSE" (LibreOffice shows a
 * boolean as 1 once a formula precedes it on the sheet, otherwise).
 *
 * libxlsxwriter runs in constant_memory mode, so within a sheet cells are
 * written strictly in row order (strings become inline strings).
 *
 * Invariants: output bytes depend only on the book and opt->created (no
 * clock, no locale: LC_NUMERIC is forced to "C" for the thread while
 * libxlsxwriter prints numbers); the target is replaced by rename() only
 * after libxlsxwriter has closed a complete file, and any failure removes
 * the temporary file.
 */
#include "xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "ast.h"
#include "atomic_file.h"
#include "numfmt.h"
#include "report.h"
#include "scenario.h"
#include "str.h"
#include "value.h"
#include "xlsx_digits.h"

enum {
    XLSX_MAX_FORMULA = 8192,        /* Excel's limit on formula text */
    XLSX_BLANK_LIMIT = 1 << 20,     /* empty cells a statement may style */
    XLSX_TEXT_OVERFLOW = 30         /* text wider than this may overflow */
};

/* Fitted column widths, in Excel character units. */
#define XLSX_MIN_WIDTH 8.43
#define XLSX_MAX_WIDTH 80.0
#define XLSX_PAD 1.5
#define XLSX_BOLD_FACTOR 1.1

/* The number format LibreOffice itself gives booleans. */
#define XLSX_BOOL_FORMAT "\"TRUE\";\"TRUE\";\"FALSE\""

/* Fixed document date when the caller gives none: 2000-01-01T00:00:00Z. */
#define XLSX_DEFAULT_CREATED 946684800

/* The effective look of one cell. */
typedef struct XlsxLook {
    const char *num_format;     /* NULL: General; arena text or a literal */
    bool bold, italic, underline, border, wrap;
    int32_t fill;               /* 0xRRGGBB or -1 */
    int32_t color;              /* 0xRRGGBB or -1 */
    uint8_t align;              /* 0 none, 1 left, 2 center, 3 right */
} XlsxLook;

typedef struct XlsxFormat {
    XlsxLook look;
    lxw_format *fmt;            /* owned by the workbook */
} XlsxFormat;

/* A position to write: a cell or a styled empty position. */
typedef struct XlsxSlot {
    uint32_t row0;
    uint16_t col0;
    uint32_t cell;              /* cell id, or UINT32_MAX for a blank */
} XlsxSlot;

typedef struct Xlsx {
    Book *b;
    const XlsxOptions *opt;
    const char *path;           /* the target, for messages */
    lxw_workbook *wb;
    AstExcel names;
    XlsxFormat *formats;        /* owned vector */
    uint32_t n_formats;
    uint32_t cap_formats;
    const Stmt **layout;        /* owned: this sheet's format/style stmts */
    uint32_t n_layout;
    uint32_t cap_layout;
    const Stmt **active;        /* owned: those covering the current row */
    uint32_t n_active;
    uint32_t active_row;        /* row `active` was built for */
    StrBuf text;                /* scratch for formula and rendered text */
    const NameDef **bad_names;  /* owned: names not exported */
    uint32_t n_bad_names;
    bool ok;                    /* false after any error */
} Xlsx;

static void
xlsx_lxw_error(Xlsx *x, lxw_error e, const char *what)
{
    diag_error(x->b->diags, span_none(), "cannot write '%s': %s: %s", x->path, what,
               lxw_strerror(e));
    x->ok = false;
}

static void *
xlsx_grow(void *v, uint32_t *cap, size_t elem)
{
    uint32_t ncap = *cap ? *cap * 2 : 64;
    void *nv = realloc(v, (size_t)ncap * elem);
    if (!nv)
        arena_fatal("xlsx export");
    *cap = ncap;
    return nv;
}

/* ---- looks and formats ---- */

static bool
xlsx_look_plain(const XlsxLook *l)
{
    return !l->num_format && !l->bold && !l->italic && !l->underline && !l->border &&
           !l->wrap && l->fill < 0 && l->color < 0 && l->align == 0;
}

static bool
xlsx_look_eq(const XlsxLook *a, const XlsxLook *b)
{
    bool same_fmt = (!a->num_format && !b->num_format) ||
                    (a->num_format && b->num_format && strcmp(a->num_format, b->num_format) == 0);
    return same_fmt && a->bold == b->bold && a->italic == b->italic &&
           a->underline == b->underline && a->border == b->border && a->wrap == b->wrap &&
           a->fill == b->fill && a->color == b->color && a->align == b->align;
}

static bool
xlsx_in_target(const Target *t, uint32_t row0, uint16_t col0)
{
    return row0 >= t->row0 && row0 <= t->row1 && col0 >= t->col0 && col0 <= t->col1;
}

/* Keeps x->active to the layout statements covering row0, in source
 * order, so a cell's look costs O(statements on its row). */
static void
xlsx_activate_row(Xlsx *x, uint32_t row0)
{
    if (x->active_row == row0 && x->n_active != UINT32_MAX)
        return;
    x->active_row = row0;
    x->n_active = 0;
    for (uint32_t i = 0; i < x->n_layout; i++) {
        const Target *t = &x->layout[i]->target;
        if (row0 >= t->row0 && row0 <= t->row1)
            x->active[x->n_active++] = x->layout[i];
    }
}

/* The look of a position: layout statements in source order over the
 * cell's own percent default. xlsx_activate_row(row0) must come first. */
static XlsxLook
xlsx_look_at(const Xlsx *x, uint32_t row0, uint16_t col0, const Cell *c)
{
    XlsxLook l;
    memset(&l, 0, sizeof l);
    l.fill = -1;
    l.color = -1;
    for (uint32_t i = 0; i < x->n_active; i++) {
        const Stmt *st = x->active[i];
        if (!xlsx_in_target(&st->target, row0, col0))
            continue;
        if (st->kind == ST_FORMAT) {
            l.num_format = st->text->s;
            continue;
        }
        const StyleOpts *o = &st->style;
        l.bold |= o->bold;
        l.italic |= o->italic;
        l.underline |= o->underline;
        l.border |= o->border;
        l.wrap |= o->wrap;
        if (o->fill >= 0)
            l.fill = o->fill;
        if (o->color >= 0)
            l.color = o->color;
        if (o->align)
            l.align = o->align;
    }
    if (!l.num_format && c && !c->f && c->value.kind == VK_BOOL) {
        /* LibreOffice shows a boolean constant as 1/0 once any formula
         * precedes it on the sheet unless its format says TRUE/FALSE. */
        l.num_format = XLSX_BOOL_FORMAT;
    }
    if (!l.num_format && c && !c->f && (c->flags & CELL_PERCENT) &&
        c->value.kind == VK_NUMBER) {
        static const char *const pct[] = {"0%", "0.0%", "0.00%", "0.000%", "0.0000%"};
        l.num_format = pct[c->pct_decimals < 4 ? c->pct_decimals : 4];
    }
    return l;
}

/* The cached lxw_format for a look (NULL for the default look). */
static lxw_format *
xlsx_format_for(Xlsx *x, const XlsxLook *l)
{
    if (xlsx_look_plain(l))
        return NULL;
    for (uint32_t i = 0; i < x->n_formats; i++)
        if (xlsx_look_eq(&x->formats[i].look, l))
            return x->formats[i].fmt;
    lxw_format *f = workbook_add_format(x->wb);
    if (!f) {
        xlsx_lxw_error(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "format");
        return NULL;
    }
    if (l->num_format)
        format_set_num_format(f, l->num_format);
    if (l->bold)
        format_set_bold(f);
    if (l->italic)
        format_set_italic(f);
    if (l->underline)
        format_set_underline(f, LXW_UNDERLINE_SINGLE);
    if (l->border)
        format_set_border(f, LXW_BORDER_THIN);
    if (l->wrap)
        format_set_text_wrap(f);
    if (l->fill >= 0) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, (lxw_color_t)l->fill);
    }
    if (l->color >= 0)
        format_set_font_color(f, (lxw_color_t)l->color);
    if (l->align == 1)
        format_set_align(f, LXW_ALIGN_LEFT);
    else if (l->align == 2)
        format_set_align(f, LXW_ALIGN_CENTER);
    else if (l->align == 3)
        format_set_align(f, LXW_ALIGN_RIGHT);
    if (x->n_formats == x->cap_formats)
        x->formats = xlsx_grow(x->formats, &x->cap_formats, sizeof *x->formats);
    x->formats[x->n_formats].look = *l;
    x->formats[x->n_formats].fmt = f;
    x->n_formats++;
    return f;
}

/* ---- slots ---- */

static int
xlsx_slot_cmp(const void *pa, const void *pb)
{
    const XlsxSlot *a = pa;
    const XlsxSlot *b = pb;
    if (a->row0 != b->row0)
        return a->row0 < b->row0 ? -1 : 1;
    if (a->col0 != b->col0)
        return a->col0 < b->col0 ? -1 : 1;
    /* a cell sorts before a blank at the same position */
    return (a->cell < b->cell) ? -1 : (a->cell > b->cell);
}

/* Every cell of sheet s plus the empty positions its layout statements
 * cover, sorted by row then column, without duplicates. */
static XlsxSlot *
xlsx_slots(Xlsx *x, uint32_t s, uint32_t *n_out)
{
    const Book *b = x->b;
    XlsxSlot *v = NULL;
    uint32_t n = 0;
    uint32_t cap = 0;
    for (uint32_t i = 0; i < b->n_cells; i++) {
        const Cell *c = &b->cells[i];
        if (c->sheet != s)
            continue;
        if (n == cap)
            v = xlsx_grow(v, &cap, sizeof *v);
        v[n++] = (XlsxSlot){c->row0, c->col0, i};
    }
    for (uint32_t k = 0; k < x->n_layout; k++) {
        const Target *t = &x->layout[k]->target;
        uint64_t area = (uint64_t)(t->row1 - t->row0 + 1) * (uint64_t)(t->col1 - t->col0 + 1);
        if (area > XLSX_BLANK_LIMIT) {
            diag_warning(b->diags, x->layout[k]->span,
                         "layout statement covers %llu cells; only assigned cells get it",
                         (unsigned long long)area);
            continue;
        }
        for (uint32_t r = t->row0; r <= t->row1; r++) {
            for (uint32_t c = t->col0; c <= t->col1; c++) {
                if (book_cell_id(b, s, r, c) != UINT32_MAX)
                    continue;
                if (n == cap)
                    v = xlsx_grow(v, &cap, sizeof *v);
                v[n++] = (XlsxSlot){r, (uint16_t)c, UINT32_MAX};
            }
        }
    }
    if (n > 1)
        qsort(v, n, sizeof *v, xlsx_slot_cmp);
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (m > 0 && v[m - 1].row0 == v[i].row0 && v[m - 1].col0 == v[i].col0)
            continue;
        v[m++] = v[i];
    }
    *n_out = m;
    return v;
}

/* ---- cells ---- */

static void
xlsx_cell_error(Xlsx *x, lxw_error e, uint32_t s, uint32_t row0, uint16_t col0)
{
    char where[160];
    book_cell_name(x->b, s, row0, col0, where, sizeof where);
    xlsx_lxw_error(x, e, where);
}

/* Writes a value as a constant cell. */
static lxw_error
xlsx_write_constant(lxw_worksheet *ws, uint32_t r, uint16_t c, Value v,
                    lxw_format *f)
{
    switch (v.kind) {
    case VK_NUMBER:
        return worksheet_write_number(ws, r, c, v.u.num, f);
    case VK_STRING:
        if (v.u.str->len == 0)  /* libxlsxwriter drops "": keep it as text */
            return worksheet_write_formula_str(ws, r, c, "=\"\"", f, "");
        return worksheet_write_string(ws, r, c, v.u.str->s, f);
    case VK_BOOL:
        return worksheet_write_boolean(ws, r, c, v.u.b, f);
    case VK_ERROR: {
        ErrorCode e = (ErrorCode)v.err;
        char text[32];
        snprintf(text, sizeof text, "=%s", e >= XE_NULL && e <= XE_NA ?
                 value_error_text(e) : "NA()");
        return worksheet_write_formula(ws, r, c, text, f);
    }
    default:
        return f ? worksheet_write_blank(ws, r, c, f) : LXW_NO_ERROR;
    }
}

static bool
xlsx_name_is_bad(const Xlsx *x, const NameDef *d)
{
    for (uint32_t i = 0; i < x->n_bad_names; i++)
        if (x->bad_names[i] == d)
            return true;
    return false;
}

/* True when n refers to a defined name that is not exported, so its Excel
 * text would show #NAME?. Recursion is bounded by the parser's depth
 * limit (AstNode.depth). */
static bool
xlsx_uses_bad_name(const Xlsx *x, const AstNode *n)
{
    if (!n || x->n_bad_names == 0)
        return false;
    switch (n->kind) {
    case AST_NAME:
        return n->u.name.def && xlsx_name_is_bad(x, n->u.name.def);
    case AST_CALL:
        for (uint32_t i = 0; i < n->u.call.n_args; i++)
            if (xlsx_uses_bad_name(x, n->u.call.args[i]))
                return true;
        return false;
    case AST_UNARY:
    case AST_PERCENT:
        return xlsx_uses_bad_name(x, n->u.bin.a);
    case AST_BINARY:
        return xlsx_uses_bad_name(x, n->u.bin.a) || xlsx_uses_bad_name(x, n->u.bin.b);
    default:
        return false;
    }
}

/* A cell that calls a distribution: the workbook needs no add-in, so it
 * holds the value of the build (the distribution's mean) as a constant,
 * and a comment says which distribution `valsheet simulate` samples. */
static lxw_error
xlsx_write_random(Xlsx *x, lxw_worksheet *ws, const Cell *cell, lxw_format *f)
{
    const Span sp = cell->f->ast->span;
    const SourceFile *src = &x->b->diags->files[sp.file];
    StrBuf t;
    strbuf_init(&t);
    strbuf_puts(&t, "Monte Carlo input: =");
    strbuf_add(&t, src->text + sp.off, sp.len > 200 ? 200 : sp.len);
    if (sp.len > 200)
        strbuf_puts(&t, "...");
    strbuf_puts(&t, "\nvalsheet simulate samples it; this cell holds its mean.");
    lxw_error e = xlsx_write_constant(ws, cell->row0, cell->col0, cell->value, f);
    if (!e)
        e = worksheet_write_comment(ws, cell->row0, cell->col0, t.data);
    strbuf_free(&t);
    return e;
}

static lxw_error
xlsx_write_formula(Xlsx *x, lxw_worksheet *ws, const Cell *cell, lxw_format *f)
{
    const Formula *fm = cell->f;
    if (cell->flags & CELL_RANDOM)
        return xlsx_write_random(x, ws, cell, f);
    strbuf_clear(&x->text);
    strbuf_putc(&x->text, '=');
    bool ok = ast_to_excel(fm->ast, &x->names, cell->sheet,
                           (int64_t)cell->row0 - (int64_t)fm->row0,
                           (int64_t)cell->col0 - (int64_t)fm->col0, &x->text);
    uint32_t r = cell->row0;
    uint16_t c = cell->col0;
    bool bad_name = ok && xlsx_uses_bad_name(x, fm->ast);
    /* Excel refuses a file holding a formula over 8,192 characters (the
     * '=' not counted); valuation functions expand, so this is checked on
     * the text as written. */
    bool too_long = ok && !bad_name && x->text.len - 1 > XLSX_MAX_FORMULA;
    if (!ok || bad_name || too_long) {
        if (cell->sheet == fm->sheet && cell->row0 == fm->row0 && cell->col0 == fm->col0) {
            char where[160];
            book_cell_name(x->b, cell->sheet, r, c, where, sizeof where);
            if (too_long)
                diag_warning(x->b->diags, cell->span,
                             "formula written for %s is %zu characters in Excel, over its "
                             "limit of 8192; its values are exported instead", where,
                             x->text.len - 1);
            else
                diag_warning(x->b->diags, cell->span,
                             "formula written for %s uses %s; its values are exported "
                             "instead", where,
                             ok ? "a name that is not exported" : "a function Excel lacks");
        }
        Value v = cell->value;
        if (v.kind == VK_ERROR && v.err == XE_CIRC)
            v = value_number(0);
        return xlsx_write_constant(ws, r, c, v, f);
    }
    const char *text = x->text.data;
    switch (cell->value.kind) {
    case VK_NUMBER:
        return worksheet_write_formula_num(ws, r, c, text, f, cell->value.u.num);
    case VK_STRING:
        return worksheet_write_formula_str(ws, r, c, text, f, cell->value.u.str->s);
    case VK_EMPTY:
        return worksheet_write_formula_num(ws, r, c, text, f, 0);
    default:
        /* booleans, errors, #CIRC!: no typed cache writer (STYLE.md §12) */
        return worksheet_write_formula(ws, r, c, text, f);
    }
}

/* ---- column widths ---- */

/* Column width for w displayed characters in look l. */
static double
xlsx_width(double w, const XlsxLook *l)
{
    if (l->bold)
        w *= XLSX_BOLD_FACTOR;
    return w + XLSX_PAD;
}

/* Width in character units that the slot's displayed value needs, or 0
 * when it cannot need more than have: a General number is never wider
 * than 11 characters (12 when negative), so once its column is that wide
 * the million other numbers below need not be rendered. */
static double
xlsx_fit(Xlsx *x, const XlsxSlot *slot, const XlsxSlot *next, const XlsxLook *l, double have)
{
    if (slot->cell == UINT32_MAX)
        return 0;
    const Cell *c = &x->b->cells[slot->cell];
    Value v = c->value;
    if (v.kind == VK_ERROR && v.err == XE_CIRC)
        v = value_number(0);        /* what Excel shows after recalculating */
    if (v.kind == VK_NUMBER) {
        size_t bound = numfmt_number_width_bound(l->num_format, v.u.num);
        if (bound && xlsx_width((double)bound, l) <= have)
            return 0;
    }
    strbuf_clear(&x->text);
    numfmt_render_value(l->num_format, v, &x->text);
    double w = (double)str_utf8_len(x->text.data ? x->text.data : "", x->text.len);
    if (v.kind == VK_STRING && w > XLSX_TEXT_OVERFLOW) {
        /* Long text spills over an empty right neighbour, and wrapped text
         * grows downwards: neither needs the full width. */
        bool neighbour = next && next->row0 == slot->row0 && next->col0 == slot->col0 + 1 &&
                         next->cell != UINT32_MAX;
        if (!neighbour || l->wrap)
            w = XLSX_TEXT_OVERFLOW;
    }
    if (w == 0)
        return 0;
    return xlsx_width(w, l);
}

static void
xlsx_columns(Xlsx *x, lxw_worksheet *ws, uint32_t s, const double *fitted, uint32_t n_cols)
{
    double *width = calloc(VS_MAX_COLS, sizeof *width);
    bool *set = calloc(VS_MAX_COLS, sizeof *set);
    if (!width || !set)
        arena_fatal("xlsx export");
    for (uint32_t c = 0; c < n_cols; c++) {
        if (fitted[c] > 0) {
            width[c] = fitted[c] < XLSX_MIN_WIDTH ? XLSX_MIN_WIDTH :
                       fitted[c] > XLSX_MAX_WIDTH ? XLSX_MAX_WIDTH : fitted[c];
            set[c] = fitted[c] > XLSX_MIN_WIDTH;
        }
    }
    for (const Stmt *st = x->b->stmts; st; st = st->next) {
        if (st->kind != ST_WIDTH || st->sheet != s)
            continue;
        for (uint32_t c = st->target.col0; c <= st->target.col1 && c < VS_MAX_COLS; c++) {
            width[c] = st->width;
            set[c] = true;
        }
    }
    /* One call per run of equal widths keeps <cols> short. */
    uint32_t c = 0;
    while (c < VS_MAX_COLS) {
        if (!set[c]) {
            c++;
            continue;
        }
        uint32_t e = c;
        while (e + 1 < VS_MAX_COLS && set[e + 1] && width[e + 1] == width[c])
            e++;
        double w = round(width[c] * 100) / 100;
        lxw_error err = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)e, w, NULL);
        if (err)
            xlsx_lxw_error(x, err, "column width");
        c = e + 1;
    }
    free(width);
    free(set);
}

/* ---- sheets ---- */

/* A scenario input: a formula reading the Scenarios sheet's live column,
 * cached with the value of the scenario the book was evaluated under. */
static lxw_error
xlsx_write_link(lxw_worksheet *ws, uint32_t r, uint16_t c, const char *link, Value v,
                lxw_format *f)
{
    char text[400];
    snprintf(text, sizeof text, "=%s", link);
    if (v.kind == VK_NUMBER)
        return worksheet_write_formula_num(ws, r, c, text, f, v.u.num);
    if (v.kind == VK_STRING)
        return worksheet_write_formula_str(ws, r, c, text, f, v.u.str->s);
    return worksheet_write_formula(ws, r, c, text, f);
}

/* ---- charts ---- */

/* Fills a chart range's cache with our own values. libxlsxwriter caches
 * only constant cells, and none at all in constant_memory mode, so a
 * viewer that does not recalculate would draw an empty chart; the engine
 * knows every value, so the cache is written from it. */
static void
xlsx_range_cache(lxw_series_range *range, uint32_t n, const double *nums,
                 const bool *missing, char *const *texts)
{
    if (!range || !range->data_cache)
        return;
    range->ignore_cache = 1;
    for (uint32_t i = 0; i < n; i++) {
        lxw_series_data_point *p = calloc(1, sizeof *p);
        if (!p)
            arena_fatal("xlsx chart");
        if (texts) {
            p->is_string = 1;
            p->string = report_strdup(texts[i] ? texts[i] : "");
            range->has_string_cache = 1;
        } else if (missing && missing[i]) {
            p->no_data = 1;
        } else {
            p->number = nums[i];
        }
        STAILQ_INSERT_TAIL(range->data_cache, p, list_pointers);
    }
    range->num_data_points = (uint16_t)(n > 65535 ? 65535 : n);
}

/* The Excel reference text of an area ("='Deal terms'!$B$2:$B$9"). */
static void
xlsx_area_text(Xlsx *x, const RangeRef *r, StrBuf *out)
{
    char a[4], c[4];
    strbuf_clear(out);
    strbuf_putc(out, '=');
    ast_sheet_prefix(x->b->sheets[r->sheet].name, out);
    ast_col_name(r->col0, a);
    ast_col_name(r->col1, c);
    strbuf_printf(out, "$%s$%u:$%s$%u", a, r->row0 + 1, c, r->row1 + 1);
}

/* Reads a model chart's series from the evaluated book. */
static void
xlsx_series_from_book(Xlsx *x, ReportSeries *s)
{
    if (s->values)
        return; /* already read (a book is exported once per build) */
    const RangeRef *v = &s->val_ref;
    uint32_t n = (v->row1 - v->row0 + 1) * (uint32_t)(v->col1 - v->col0 + 1);
    StrBuf t;
    strbuf_init(&t);
    xlsx_area_text(x, v, &t);
    s->values = report_strdup(t.data);
    s->n = n;
    free(s->val_cache);
    free(s->val_missing);
    s->val_cache = calloc(n ? n : 1, sizeof *s->val_cache);
    s->val_missing = calloc(n ? n : 1, sizeof *s->val_missing);
    if (!s->val_cache || !s->val_missing)
        arena_fatal("xlsx chart");
    uint32_t k = 0;
    for (uint32_t r = v->row0; r <= v->row1; r++)
        for (uint32_t c = v->col0; c <= v->col1; c++, k++) {
            Value val = book_cell_value(x->b, v->sheet, r, c);
            s->val_cache[k] = val.kind == VK_NUMBER ? val.u.num : 0;
            s->val_missing[k] = val.kind != VK_NUMBER;
        }
    if (s->has_cat_ref) {
        const RangeRef *cr = &s->cat_ref;
        xlsx_area_text(x, cr, &t);
        s->categories = report_strdup(t.data);
        uint32_t nc = (cr->row1 - cr->row0 + 1) * (uint32_t)(cr->col1 - cr->col0 + 1);
        bool numeric = true;
        for (uint32_t r = cr->row0; r <= cr->row1; r++)
            for (uint32_t c = cr->col0; c <= cr->col1; c++)
                numeric &= book_cell_value(x->b, cr->sheet, r, c).kind == VK_NUMBER;
        if (numeric) {
            s->cat_num_cache = calloc(nc ? nc : 1, sizeof *s->cat_num_cache);
            if (!s->cat_num_cache)
                arena_fatal("xlsx chart");
        } else {
            s->cat_cache = calloc(nc ? nc : 1, sizeof *s->cat_cache);
            if (!s->cat_cache)
                arena_fatal("xlsx chart");
        }
        k = 0;
        for (uint32_t r = cr->row0; r <= cr->row1; r++)
            for (uint32_t c = cr->col0; c <= cr->col1; c++, k++) {
                Value val = book_cell_value(x->b, cr->sheet, r, c);
                if (numeric) {
                    s->cat_num_cache[k] = val.u.num;
                    continue;
                }
                StrBuf vt;
                strbuf_init(&vt);
                ErrorCode e = XE_NONE;
                if (val.kind == VK_ERROR)
                    strbuf_puts(&vt, value_error_text((ErrorCode)val.err));
                else if (val.kind != VK_EMPTY)
                    value_to_text(val, &vt, &e);
                s->cat_cache[k] = report_strdup(vt.data ? vt.data : "");
                strbuf_free(&vt);
            }
        if (nc < s->n)
            s->n = nc; /* Excel plots as many points as both ranges have */
    }
    strbuf_free(&t);
}

static void
xlsx_chart(Xlsx *x, lxw_worksheet *ws, ReportChart *rc)
{
    static const uint8_t types[] = {
        LXW_CHART_LINE, LXW_CHART_COLUMN, LXW_CHART_BAR, LXW_CHART_PIE,
        LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS,
    };
    lxw_chart *ch = workbook_add_chart(x->wb, types[rc->type]);
    if (!ch) {
        xlsx_lxw_error(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "chart");
        return;
    }
    if (rc->title)
        chart_title_set_name(ch, rc->title);
    for (uint32_t i = 0; i < rc->n_series; i++) {
        ReportSeries *s = &rc->series[i];
        if (s->from_book)
            xlsx_series_from_book(x, s);
        lxw_chart_series *cs = chart_add_series(ch, s->categories, s->values);
        if (!cs) {
            xlsx_lxw_error(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "chart series");
            return;
        }
        if (s->name)
            chart_series_set_name(cs, s->name);
        xlsx_range_cache(cs->values, s->n, s->val_cache, s->val_missing, NULL);
        if (s->categories && (s->cat_cache || s->cat_num_cache))
            xlsx_range_cache(cs->categories, s->n, s->cat_num_cache, NULL, s->cat_cache);
        if (rc->type == CHART_LINE || rc->type == CHART_SCATTER)
            chart_series_set_marker_type(cs, LXW_CHART_MARKER_AUTOMATIC);
    }
    if (rc->reverse_categories)
        chart_axis_set_reverse(ch->y_axis);
    if (rc->stacked_overlap) {
        chart_set_series_overlap(ch, 100);
        chart_set_series_gap(ch, 50);
    }
    if (rc->x_title)
        chart_axis_set_name(ch->x_axis, rc->x_title);
    if (rc->y_title)
        chart_axis_set_name(ch->y_axis, rc->y_title);
    if (rc->n_series == 1 && rc->type != CHART_PIE)
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    lxw_chart_options o;
    memset(&o, 0, sizeof o);
    o.x_scale = rc->width ? rc->width / 480.0 : 1;
    o.y_scale = rc->height ? rc->height / 288.0 : 1;
    lxw_error e = worksheet_insert_chart_opt(ws, rc->row0, rc->col0, ch, &o);
    if (e)
        xlsx_lxw_error(x, e, "chart");
}

/* ---- report sheets ---- */

static XlsxLook
xlsx_report_look(const ReportCell *c)
{
    XlsxLook l;
    memset(&l, 0, sizeof l);
    l.fill = -1;
    l.color = -1;
    l.num_format = c->num_format;
    switch (c->style) {
    case RS_TITLE:
        l.bold = true;
        break;
    case RS_HEADER:
        l.bold = true;
        l.fill = 0xDDEBF7;
        l.border = true;
        break;
    case RS_NOTE:
        l.italic = true;
        l.color = 0x595959;
        break;
    case RS_INPUT:
        l.fill = 0xFFF2CC;
        l.border = true;
        l.bold = true;
        break;
    case RS_STRONG:
        l.bold = true;
        break;
    default:
        break;
    }
    return l;
}

static void
xlsx_report(Xlsx *x, Report *r, lxw_worksheet *ws)
{
    report_sort(r);
    for (uint32_t i = 0; i < r->n_cells && x->ok; i++) {
        const ReportCell *c = &r->cells[i];
        XlsxLook look = xlsx_report_look(c);
        lxw_format *f = xlsx_format_for(x, &look);
        lxw_error e;
        if (c->formula) {
            char *text = malloc(strlen(c->formula) + 2);
            if (!text)
                arena_fatal("xlsx export");
            text[0] = '=';
            strcpy(text + 1, c->formula);
            if (c->v.kind == VK_NUMBER)
                e = worksheet_write_formula_num(ws, c->row0, c->col0, text, f, c->v.u.num);
            else if (c->v.kind == VK_STRING)
                e = worksheet_write_formula_str(ws, c->row0, c->col0, text, f, c->text);
            else
                e = worksheet_write_formula(ws, c->row0, c->col0, text, f);
            free(text);
        } else if (c->v.kind == VK_STRING) {
            e = worksheet_write_string(ws, c->row0, c->col0, c->text, f);
        } else {
            e = xlsx_write_constant(ws, c->row0, c->col0, c->v, f);
        }
        if (e)
            xlsx_lxw_error(x, e, r->name);
    }
    for (uint16_t col = 0; col < 16; col++)
        if (r->widths[col] > 0)
            worksheet_set_column(ws, col, col, r->widths[col], NULL);
    if (r->has_validation && x->ok) {
        lxw_data_validation dv;
        memset(&dv, 0, sizeof dv);
        /* The formula form leaks one string inside libxlsxwriter 1.1.4
         * (seen with valgrind and LeakSanitizer); the list form does not. */
        size_t total = 0;
        bool comma = false;
        for (char **v = r->val_list; v && *v; v++) {
            total += strlen(*v) + 1;
            comma |= strchr(*v, ',') != NULL;
        }
        if (r->val_list && total <= 255 && !comma) {
            dv.validate = LXW_VALIDATION_TYPE_LIST;
            dv.value_list = r->val_list;
        } else {
            /* Excel's 255-character limit on a list, or a name with a
             * comma: point at the header row instead. */
            dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
            dv.value_formula = r->val_source;
        }
        /* libxlsxwriter copies these; it never writes through them. */
        dv.input_title = (char *)"Scenario";
        dv.input_message = (char *)"Choose a scenario; the model's inputs follow.";
        lxw_error e = worksheet_data_validation_cell(ws, r->val_row0, r->val_col0, &dv);
        if (e)
            xlsx_lxw_error(x, e, "scenario selector");
    }
    for (uint32_t i = 0; i < r->n_charts && x->ok; i++)
        xlsx_chart(x, ws, &r->charts[i]);
}

static void
xlsx_sheet(Xlsx *x, uint32_t s, lxw_worksheet *ws)
{
    Book *b = x->b;
    x->n_layout = 0;
    for (const Stmt *st = b->stmts; st; st = st->next) {
        if ((st->kind != ST_FORMAT && st->kind != ST_STYLE) || st->sheet != s)
            continue;
        if (!st->target.ok || (st->kind == ST_FORMAT && !st->text))
            continue;
        if (x->n_layout == x->cap_layout)
            x->layout = xlsx_grow(x->layout, &x->cap_layout, sizeof *x->layout);
        x->layout[x->n_layout++] = st;
    }
    free(x->active);
    x->active = malloc((x->n_layout ? x->n_layout : 1) * sizeof *x->active);
    if (!x->active)
        arena_fatal("xlsx export");
    x->n_active = UINT32_MAX;   /* not built yet */
    uint32_t n = 0;
    XlsxSlot *slots = xlsx_slots(x, s, &n);
    uint32_t n_cols = b->sheets[s].max_col1;
    for (uint32_t i = 0; i < n; i++)
        if ((uint32_t)slots[i].col0 + 1 > n_cols)
            n_cols = (uint32_t)slots[i].col0 + 1;
    double *fitted = calloc(n_cols ? n_cols : 1, sizeof *fitted);
    if (!fitted)
        arena_fatal("xlsx export");
    uint32_t link;
    for (uint32_t i = 0; i < n && x->ok; i++) {
        const XlsxSlot *slot = &slots[i];
        const Cell *c = slot->cell == UINT32_MAX ? NULL : &b->cells[slot->cell];
        xlsx_activate_row(x, slot->row0);
        XlsxLook look = xlsx_look_at(x, slot->row0, slot->col0, c);
        lxw_format *f = xlsx_format_for(x, &look);
        lxw_error err;
        if (!c)
            err = f ? worksheet_write_blank(ws, slot->row0, slot->col0, f) : LXW_NO_ERROR;
        else if (c->f)
            err = xlsx_write_formula(x, ws, c, f);
        else if (x->opt->scen_links && (link = scenario_input_of(b, slot->cell)) != UINT32_MAX)
            err = xlsx_write_link(ws, slot->row0, slot->col0, x->opt->scen_links[link],
                                  c->value, f);
        else
            err = xlsx_write_constant(ws, slot->row0, slot->col0, c->value, f);
        if (err)
            xlsx_cell_error(x, err, s, slot->row0, slot->col0);
        double w = xlsx_fit(x, slot, i + 1 < n ? &slots[i + 1] : NULL, &look,
                            fitted[slot->col0]);
        if (w > fitted[slot->col0])
            fitted[slot->col0] = w;
    }
    if (x->ok)
        xlsx_columns(x, ws, s, fitted, n_cols);
    for (const Stmt *st = b->stmts; st && x->ok; st = st->next)
        if (st->kind == ST_FREEZE && st->sheet == s && st->target.ok)
            worksheet_freeze_panes(ws, st->target.row0, st->target.col0);
    for (uint32_t i = 0; i < b->n_charts && x->ok; i++)
        if (b->charts[i].sheet == s)
            xlsx_chart(x, ws, &b->charts[i]);
    free(fitted);
    free(slots);
}

/* The Excel text of a name's definition into x->text ("=..."); false
 * (with a warning) when the name cannot be exported. */
static bool
xlsx_name_text(Xlsx *x, const NameDef *d, bool warn)
{
    strbuf_clear(&x->text);
    strbuf_putc(&x->text, '=');
    /* No reference lives on sheet UINT32_MAX, so every reference gets its
     * sheet prefix, as a workbook-level name needs. */
    bool ok = ast_to_excel(d->expr, &x->names, UINT32_MAX, 0, 0, &x->text);
    const char *why = NULL;
    if (!ok)
        why = "uses a function Excel lacks";
    else if (x->text.len > LXW_DEFINED_NAME_LENGTH)
        why = "stands for a formula longer than the 128 characters a defined name "
              "may hold";
    else if (xlsx_uses_bad_name(x, d->expr))
        why = "uses a name that is not exported";
    if (why && warn)
        diag_warning(x->b->diags, d->span, "name '%s' %s; not exported as a defined "
                     "name (formulas using it are exported as values)", d->name->s, why);
    return !why;
}

/* Decides which names can be exported, to a fixpoint: a name that uses
 * an unexported name cannot be exported either. */
static void
xlsx_names_check(Xlsx *x)
{
    Book *b = x->b;
    x->bad_names = calloc(b->n_defs ? b->n_defs : 1, sizeof *x->bad_names);
    if (!x->bad_names)
        arena_fatal("xlsx export");
    bool changed = true;
    while (changed) {
        changed = false;
        for (uint32_t i = 0; i < b->n_defs; i++) {
            const NameDef *d = b->defs[i];
            if (!d || !d->bound || !d->expr || xlsx_name_is_bad(x, d))
                continue;
            if (!xlsx_name_text(x, d, true)) {
                x->bad_names[x->n_bad_names++] = d;
                changed = true;
            }
        }
    }
}

static void
xlsx_names(Xlsx *x)
{
    Book *b = x->b;
    for (uint32_t i = 0; i < b->n_defs && x->ok; i++) {
        const NameDef *d = b->defs[i];
        if (!d || !d->bound || !d->expr || xlsx_name_is_bad(x, d))
            continue;
        if (!xlsx_name_text(x, d, false))
            continue;
        lxw_error e = workbook_define_name(x->wb, d->name->s, x->text.data);
        if (e) {
            char what[160];
            snprintf(what, sizeof what, "name '%s'", d->name->s);
            xlsx_lxw_error(x, e, what);
        }
    }
}

/* Custom document properties (File > Properties > Custom in Excel) that
 * a script can read without parsing the comments. */
static void
xlsx_provenance(Xlsx *x, const XlsxOptions *opt)
{
    struct {
        const char *name;
        const char *value;
    } props[] = {
        {"valsheet version", opt ? opt->version : NULL},
        {"valsheet source sha256", opt ? opt->source_sha256 : NULL},
        {"valsheet overrides", opt ? opt->overrides : NULL},
    };
    for (size_t i = 0; i < sizeof props / sizeof props[0] && x->ok; i++) {
        if (!props[i].value || !*props[i].value)
            continue;
        lxw_error e = workbook_set_custom_property_string(x->wb, props[i].name,
                                                          props[i].value);
        if (e)
            xlsx_lxw_error(x, e, props[i].name);
    }
}

/* Everything between workbook_new_opt and workbook_close. */
static void
xlsx_fill(Xlsx *x, const XlsxOptions *opt)
{
    Book *b = x->b;
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    /* libxlsxwriter copies the strings; it never writes through them. */
    if (b->title)
        props.title = (char *)b->title->s;
    if (b->author)
        props.author = (char *)b->author->s;
    props.created = (time_t)(opt && opt->created > 0 ? opt->created : XLSX_DEFAULT_CREATED);
    char comments[160];
    if (opt && opt->version && opt->source_sha256) {
        snprintf(comments, sizeof comments, "Built by valsheet %s from a model with SHA-256 %s",
                 opt->version, opt->source_sha256);
        props.comments = comments;
    }
    lxw_error e = workbook_set_properties(x->wb, &props);
    if (e)
        xlsx_lxw_error(x, e, "document properties");
    xlsx_provenance(x, opt);

    lxw_worksheet **ws = calloc(b->n_sheets ? b->n_sheets : 1, sizeof *ws);
    if (!ws)
        arena_fatal("xlsx export");
    for (uint32_t s = 0; s < b->n_sheets && x->ok; s++) {
        const char *name = b->sheets[s].name->s;
        e = workbook_validate_sheet_name(x->wb, name);
        if (e) {
            char what[160];
            snprintf(what, sizeof what, "sheet '%s'", name);
            xlsx_lxw_error(x, e, what);
            break;
        }
        ws[s] = workbook_add_worksheet(x->wb, name);
        if (!ws[s])
            xlsx_lxw_error(x, LXW_ERROR_MEMORY_MALLOC_FAILED, name);
    }
    if (b->n_sheets == 0 && x->ok && !workbook_add_worksheet(x->wb, NULL))
        xlsx_lxw_error(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "worksheet");
    uint32_t n_rep = opt ? opt->n_reports : 0;
    lxw_worksheet **rws = calloc(n_rep ? n_rep : 1, sizeof *rws);
    if (!rws)
        arena_fatal("xlsx export");
    for (uint32_t i = 0; i < n_rep && x->ok; i++) {
        rws[i] = workbook_add_worksheet(x->wb, opt->reports[i]->name);
        if (!rws[i])
            xlsx_lxw_error(x, LXW_ERROR_MEMORY_MALLOC_FAILED, opt->reports[i]->name);
    }
    xlsx_names_check(x);
    for (uint32_t s = 0; s < b->n_sheets && x->ok; s++)
        xlsx_sheet(x, s, ws[s]);
    for (uint32_t i = 0; i < n_rep && x->ok; i++)
        xlsx_report(x, opt->reports[i], rws[i]);
    free(rws);
    xlsx_names(x);
    free(ws);
}

bool
xlsx_write(Book *b, const char *path, const XlsxOptions *opt)
{
    AtomicFile tmp;
    if (!atomic_open(&tmp, path, 0666)) {
        diag_error(b->diags, span_none(), "cannot write '%s': %s", path, strerror(errno));
        return false;
    }

    /* libxlsxwriter prints numbers with the thread's locale. */
    locale_t c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t saved = c_locale ? uselocale(c_locale) : (locale_t)0;

    Xlsx x;
    memset(&x, 0, sizeof x);
    static const XlsxOptions no_options;
    x.b = b;
    x.opt = opt ? opt : &no_options;
    x.path = path;
    x.ok = true;
    strbuf_init(&x.text);
    const Str **names = calloc(b->n_sheets ? b->n_sheets : 1, sizeof *names);
    if (!names)
        arena_fatal("xlsx export");
    for (uint32_t s = 0; s < b->n_sheets; s++)
        names[s] = b->sheets[s].name;
    x.names.names = names;
    x.names.n = b->n_sheets;
    x.names.guarded = b->guarded_export;

    lxw_workbook_options wo;
    memset(&wo, 0, sizeof wo);
    /* Rows stream to a temporary file as they are finished (a quarter
     * less memory on big books). Cells written out of row order would be
     * dropped silently; xlsx_slots() sorts every sheet's cells first. */
    wo.constant_memory = 1;
    x.wb = workbook_new_opt(tmp.tmp, &wo);
    if (!x.wb) {
        xlsx_lxw_error(&x, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook");
    } else {
        xlsx_fill(&x, opt);
        lxw_error e = workbook_close(x.wb);     /* frees the workbook */
        if (e && x.ok)
            xlsx_lxw_error(&x, e, "workbook");
    }

    if (c_locale) {
        uselocale(saved);
        freelocale(c_locale);
    }
    AtomicFile fixed = {NULL, -1};
    if (x.ok && !xlsx_digits_fix(b, tmp.tmp, path, &fixed))
        x.ok = false;
    atomic_abort(&tmp);
    if (x.ok && !atomic_commit(&fixed, path)) {
        diag_error(b->diags, span_none(), "cannot write '%s': %s", path, strerror(errno));
        x.ok = false;
    }
    atomic_abort(&fixed);
    free(names);
    free(x.formats);
    free(x.layout);
    free(x.active);
    free(x.bad_names);
    strbuf_free(&x.text);
    return x.ok;
}
