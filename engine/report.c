#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

char *
report_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (!d)
        arena_fatal("report");
    memcpy(d, s, n);
    return d;
}

static void *
report_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        arena_fatal("report");
    return p;
}

Report *
report_new(const char *name)
{
    Report *r = report_calloc(1, sizeof *r);
    r->name = report_strdup(name);
    return r;
}

void
report_chart_clear(ReportChart *c)
{
    for (uint32_t i = 0; i < c->n_series; i++) {
        ReportSeries *s = &c->series[i];
        free(s->name);
        free(s->categories);
        free(s->values);
        if (s->cat_cache)
            for (uint32_t k = 0; k < s->n; k++)
                free(s->cat_cache[k]);
        free(s->cat_cache);
        free(s->cat_num_cache);
        free(s->val_cache);
        free(s->val_missing);
    }
    free(c->series);
    free(c->title);
    free(c->x_title);
    free(c->y_title);
    memset(c, 0, sizeof *c);
}

void
report_free(Report *r)
{
    if (!r)
        return;
    for (uint32_t i = 0; i < r->n_cells; i++) {
        free(r->cells[i].text);
        free(r->cells[i].formula);
        free(r->cells[i].num_format);
    }
    free(r->cells);
    for (uint32_t i = 0; i < r->n_charts; i++)
        report_chart_clear(&r->charts[i]);
    free(r->charts);
    free(r->val_source);
    for (char **v = r->val_list; v && *v; v++)
        free(*v);
    free(r->val_list);
    free(r->name);
    free(r);
}

static ReportCell *
report_cell(Report *r, uint32_t row0, uint16_t col0)
{
    if (r->n_cells == r->cap_cells) {
        r->cap_cells = r->cap_cells ? r->cap_cells * 2 : 64;
        ReportCell *v = realloc(r->cells, r->cap_cells * sizeof *v);
        if (!v)
            arena_fatal("report");
        r->cells = v;
    }
    ReportCell *c = &r->cells[r->n_cells++];
    memset(c, 0, sizeof *c);
    c->row0 = row0;
    c->col0 = col0;
    return c;
}

ReportCell *
report_text(Report *r, uint32_t row0, uint16_t col0, const char *s, ReportStyle style)
{
    ReportCell *c = report_cell(r, row0, col0);
    c->text = report_strdup(s);
    c->v.kind = VK_STRING;
    c->style = (uint8_t)style;
    return c;
}

ReportCell *
report_number(Report *r, uint32_t row0, uint16_t col0, double x, const char *num_format)
{
    ReportCell *c = report_cell(r, row0, col0);
    c->v = value_number(x);
    c->num_format = report_strdup(num_format);
    return c;
}

ReportCell *
report_value(Report *r, uint32_t row0, uint16_t col0, Value v, const char *num_format)
{
    ReportCell *c = report_cell(r, row0, col0);
    if (v.kind == VK_STRING) {
        c->text = malloc(v.u.str->len + 1);
        if (!c->text)
            arena_fatal("report");
        memcpy(c->text, v.u.str->s, v.u.str->len + 1);
        c->v.kind = VK_STRING;
    } else {
        c->v = v;
    }
    c->num_format = report_strdup(num_format);
    return c;
}

ReportCell *
report_formula(Report *r, uint32_t row0, uint16_t col0, const char *formula,
               Value cached, const char *num_format)
{
    ReportCell *c = report_value(r, row0, col0, cached, num_format);
    c->formula = report_strdup(formula);
    return c;
}

ReportChart *
report_chart(Report *r, ReportChartType type, const char *title, uint32_t row0,
             uint16_t col0, uint32_t width, uint32_t height)
{
    ReportChart *v = realloc(r->charts, (r->n_charts + 1) * sizeof *v);
    if (!v)
        arena_fatal("report");
    r->charts = v;
    ReportChart *c = &r->charts[r->n_charts++];
    memset(c, 0, sizeof *c);
    c->type = (uint8_t)type;
    c->title = report_strdup(title);
    c->row0 = row0;
    c->col0 = col0;
    c->width = width;
    c->height = height;
    return c;
}

ReportSeries *
report_series(ReportChart *c, const char *name, const char *categories,
              const char *values, uint32_t n)
{
    ReportSeries *v = realloc(c->series, (c->n_series + 1) * sizeof *v);
    if (!v)
        arena_fatal("report");
    c->series = v;
    ReportSeries *s = &c->series[c->n_series++];
    memset(s, 0, sizeof *s);
    s->name = report_strdup(name);
    s->categories = report_strdup(categories);
    s->values = report_strdup(values);
    s->n = n;
    s->val_cache = report_calloc(n, sizeof *s->val_cache);
    s->val_missing = report_calloc(n, sizeof *s->val_missing);
    return s;
}

static int
report_cell_cmp(const void *pa, const void *pb)
{
    const ReportCell *a = pa, *b = pb;
    if (a->row0 != b->row0)
        return a->row0 < b->row0 ? -1 : 1;
    return (a->col0 > b->col0) - (a->col0 < b->col0);
}

void
report_sort(Report *r)
{
    if (r->n_cells > 1)
        qsort(r->cells, r->n_cells, sizeof *r->cells, report_cell_cmp);
}
