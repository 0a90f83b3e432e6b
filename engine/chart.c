#include "chart.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"

enum { CHART_MAX_WORDS = 64, CHART_MAX_SERIES = 32 };

static const char *const chart_types[] = {"line", "column", "bar", "pie", "scatter"};

/* The place of a word of the statement's raw text, for diagnostics. */
static Span
chart_at(const Stmt *st, const char *copy, const char *word)
{
    Span s = st->span;
    s.off += (uint32_t)(word - copy);
    s.len = (uint32_t)strlen(word);
    return s;
}

static bool
chart_range(Book *b, const Stmt *st, const char *copy, const char *text, RangeRef *r)
{
    if (!book_resolve(b, text, st->sheet, r)) {
        diag_error(b->diags, chart_at(st, copy, text), "'%s' is not a range, cell or "
                   "defined name of the model", text);
        return false;
    }
    return true;
}

static void
chart_add_series(ReportChart *c, const RangeRef *vals, const RangeRef *cats)
{
    ReportSeries *s = report_series(c, NULL, NULL, NULL, 0);
    s->from_book = true;
    s->val_ref = *vals;
    if (cats) {
        s->cat_ref = *cats;
        s->has_cat_ref = true;
    }
}

static void
chart_one(Book *b, const Stmt *st)
{
    char *copy = report_strdup(st->text->s);
    char *w[CHART_MAX_WORDS];
    int n = str_split_words(copy, w, CHART_MAX_WORDS);
    int type = -1;
    for (int i = 0; n > 0 && i < 5; i++)
        if (str_eq_fold(w[0], strlen(w[0]), chart_types[i], strlen(chart_types[i])))
            type = i;
    if (type < 0) {
        if (n == 0)
            diag_error(b->diags, st->span, "chart needs a type: line, column, bar, pie or "
                       "scatter");
        else
            diag_error(b->diags, chart_at(st, copy, w[0]), "unknown chart type '%s' (line, "
                       "column, bar, pie or scatter)", w[0]);
        free(copy);
        return;
    }
    const char *title = NULL;
    RangeRef data, cats, extra[CHART_MAX_SERIES];
    bool has_data = false, has_cats = false, has_at = false, ok = true;
    uint32_t n_extra = 0, row0 = 0, width = 480, height = 288;
    uint16_t col0 = 0;
    int i = 1;
    /* The title is the first word unless it is an option. */
    if (i < n && !strchr(w[i], '=') && !str_eq_fold(w[i], strlen(w[i]), "at", 2))
        title = w[i++];
    for (; i < n && ok; i++) {
        char *eq = strchr(w[i], '=');
        if (str_eq_fold(w[i], strlen(w[i]), "at", 2)) {
            if (i + 1 >= n) {
                diag_error(b->diags, chart_at(st, copy, w[i]), "'at' needs a cell");
                ok = false;
                break;
            }
            RangeRef r;
            i++;
            if (!book_resolve(b, w[i], st->sheet, &r) || r.row0 != r.row1 ||
                r.col0 != r.col1 || r.sheet != st->sheet) {
                diag_error(b->diags, chart_at(st, copy, w[i]), "'at' needs a cell of this "
                           "sheet, got '%s'", w[i]);
                ok = false;
                break;
            }
            row0 = r.row0;
            col0 = r.col0;
            has_at = true;
            continue;
        }
        if (!eq) {
            diag_error(b->diags, chart_at(st, copy, w[i]), "unexpected '%s' (options are "
                       "data=, categories=, series=, size= and 'at CELL')", w[i]);
            ok = false;
            break;
        }
        *eq = '\0';
        const char *key = w[i], *val = eq + 1;
        if (!strcmp(key, "data")) {
            ok = chart_range(b, st, copy, val, &data);
            has_data = ok;
        } else if (!strcmp(key, "categories")) {
            ok = chart_range(b, st, copy, val, &cats);
            has_cats = ok;
        } else if (!strcmp(key, "series")) {
            if (n_extra == CHART_MAX_SERIES) {
                diag_error(b->diags, chart_at(st, copy, w[i]), "more than %d series",
                           CHART_MAX_SERIES);
                ok = false;
            } else {
                ok = chart_range(b, st, copy, val, &extra[n_extra++]);
            }
        } else if (!strcmp(key, "size")) {
            char *end;
            long wd = strtol(val, &end, 10), ht = 0;
            if (*end == ',')
                ht = strtol(end + 1, &end, 10);
            if (*end || wd < 50 || ht < 50 || wd > 4000 || ht > 4000) {
                diag_error(b->diags, chart_at(st, copy, val), "size is W,H in pixels, "
                           "each between 50 and 4000");
                ok = false;
            }
            width = (uint32_t)wd;
            height = (uint32_t)ht;
        } else {
            diag_error(b->diags, chart_at(st, copy, w[i]), "unknown chart option '%s' "
                       "(data, categories, series, size)", key);
            ok = false;
        }
    }
    if (ok && !has_data) {
        diag_error(b->diags, st->span, "chart needs data=RANGE");
        ok = false;
    }
    if (ok && !has_at) {
        diag_error(b->diags, st->span, "chart needs 'at CELL' (where it is drawn)");
        ok = false;
    }
    if (!ok) {
        free(copy);
        return;
    }
    ReportChart *v = realloc(b->charts, (b->n_charts + 1) * sizeof *v);
    if (!v)
        arena_fatal("chart");
    b->charts = v;
    ReportChart *c = &b->charts[b->n_charts++];
    memset(c, 0, sizeof *c);
    c->type = (uint8_t)type;
    c->title = report_strdup(title);
    c->row0 = row0;
    c->col0 = col0;
    c->width = width;
    c->height = height;
    c->sheet = st->sheet;
    /* A block of data is one series per column (or per row when it is
     * wider than tall), as Excel's chart wizard splits it. */
    uint32_t rows = data.row1 - data.row0 + 1, cols = (uint32_t)(data.col1 - data.col0) + 1;
    if (rows > 1 && cols > 1 && type != CHART_PIE) {
        bool by_col = rows >= cols;
        uint32_t k = by_col ? cols : rows;
        for (uint32_t j = 0; j < k && j < CHART_MAX_SERIES; j++) {
            RangeRef s = data;
            if (by_col)
                s.col0 = s.col1 = (uint16_t)(data.col0 + j);
            else
                s.row0 = s.row1 = data.row0 + j;
            chart_add_series(c, &s, has_cats ? &cats : NULL);
        }
    } else {
        chart_add_series(c, &data, has_cats ? &cats : NULL);
    }
    for (uint32_t j = 0; j < n_extra; j++)
        chart_add_series(c, &extra[j], has_cats ? &cats : NULL);
    free(copy);
}

void
chart_bind(Book *b, const Stmt *first)
{
    for (const Stmt *st = first; st; st = st->next)
        if (st->kind == ST_CHART && st->sheet != UINT32_MAX)
            chart_one(b, st);
}
