#include "decide.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "bind.h"
#include "print.h"
#include "scenario.h"

enum { DECIDE_MAX_VARY = 2, DECIDE_MAX_POINTS = 1000, DECIDE_MAX_LIST = 200 };

/* One run of a decision command: where its arguments came from (the
 * command line, or an `analysis` line of the model, whose place every
 * diagnostic then carries). */
typedef struct Decide {
    vs_book *vb;
    Book *b;
    bool in_model;
    Span at;                /* the analysis line, when in_model */
    const char *command;
    /* options */
    const char *output;     /* --output (table: may be a list) */
    const char *inputs;     /* --inputs */
    const char *swing;      /* --swing */
    const char *low_high[DECIDE_MAX_LIST];
    uint32_t n_low_high;
    const char *vary[DECIDE_MAX_VARY + 1];
    uint32_t n_vary;
    const char *target;     /* --target */
    const char *value;      /* --value */
    const char *min, *max;  /* --min, --max */
    const char *title;      /* --title */
    const char *trials, *seed, *threads; /* simulate */
    bool failed;
} Decide;

/* An input the command changes: one constant cell. */
typedef struct Input {
    char label[128];
    RangeRef ref;
    Value base;
    bool pct;
} Input;

/* An output the command reads: one cell. */
typedef struct Output {
    char label[128];
    RangeRef ref;
} Output;

static void
decide_error(Decide *d, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (d->in_model)
        diag_error(&d->vb->diags, d->at, "%s: %s", d->command, msg);
    else
        fprintf(d->vb->diags.out, "valsheet %s: error: %s\n", d->command, msg);
    d->failed = true;
}

/* ---------------------------------------------------------------- values */

/* A number as the user writes it: 12, -3.5, 1.5e6, 20%. */
static bool
decide_number(const char *s, double *x)
{
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    bool pct = n > 0 && s[n - 1] == '%';
    if (pct)
        n--;
    char buf[64];
    if (n == 0 || n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    double v = strtod(buf, &end);
    if (*end || !isfinite(v))
        return false;
    *x = pct ? v / 100 : v;
    return true;
}

static bool
decide_cell(Decide *d, const char *text, RangeRef *r, const char *what)
{
    if (!vs_resolve(d->vb, text, r)) {
        const Str *name = str_intern(&d->b->names, text, strlen(text));
        const char *hint = bind_suggest(d->b, name, false);
        if (hint)
            decide_error(d, "%s '%s' is not a cell or defined name of the model; did "
                         "you mean '%s'?", what, text, hint);
        else
            decide_error(d, "%s '%s' is not a cell or defined name of the model", what,
                         text);
        return false;
    }
    if (r->row0 != r->row1 || r->col0 != r->col1) {
        decide_error(d, "%s '%s' is a range; name one cell", what, text);
        return false;
    }
    return true;
}

static bool
decide_output(Decide *d, const char *text, Output *o)
{
    snprintf(o->label, sizeof o->label, "%s", text);
    return decide_cell(d, text, &o->ref, "output");
}

static bool
decide_input(Decide *d, const char *text, Input *in)
{
    snprintf(in->label, sizeof in->label, "%s", text);
    if (!decide_cell(d, text, &in->ref, "input"))
        return false;
    Book *b = d->b;
    uint32_t id = book_cell_id(b, in->ref.sheet, in->ref.row0, in->ref.col0);
    char where[300];
    book_cell_name(b, in->ref.sheet, in->ref.row0, in->ref.col0, where, sizeof where);
    if (id == UINT32_MAX) {
        decide_error(d, "input '%s' (%s) is empty; vary an input the model sets", text,
                     where);
        return false;
    }
    const Cell *c = &b->cells[id];
    if (c->f) {
        decide_error(d, "input '%s' (%s) holds a formula; vary an input (a constant)",
                     text, where);
        return false;
    }
    in->base = c->value;
    in->pct = (c->flags & CELL_PERCENT) != 0;
    return true;
}

static Value
decide_read(Decide *d, const Output *o)
{
    return book_cell_value(d->b, o->ref.sheet, o->ref.row0, o->ref.col0);
}

/* Sets an input, recalculates its dependents, and reads an output. */
static Value
decide_eval(Decide *d, const Input *in, double x, const Output *o)
{
    vs_set_cell(d->vb, d->command, &in->ref, value_number(x), in->pct, d->at);
    vs_recalc(d->vb);
    return o ? decide_read(d, o) : value_empty();
}

static void
decide_restore(Decide *d, const Input *in)
{
    vs_set_cell(d->vb, d->command, &in->ref, in->base, in->pct, d->at);
    vs_recalc(d->vb);
}

/* Splits a comma list in place into at most max items; 0 when empty. */
static uint32_t
decide_split(char *s, char **items, uint32_t max)
{
    uint32_t n = 0;
    char *p = s;
    while (*p && n < max) {
        while (*p == ' ')
            p++;
        char *start = p;
        while (*p && *p != ',')
            p++;
        char *end = p;
        while (end > start && end[-1] == ' ')
            end--;
        if (*p)
            p++;
        *end = '\0';
        if (*start)
            items[n++] = start;
    }
    return n;
}

static char *
decide_dup(const char *s)
{
    return report_strdup(s ? s : "");
}

/* -------------------------------------------------------------- options */

static bool
decide_parse(Decide *d, int argc, const char *const *argv)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        char key[32];
        const char *val = NULL;
        if (strncmp(a, "--", 2) != 0) {
            decide_error(d, "unexpected argument '%s' (options start with --)", a);
            return false;
        }
        const char *eq = strchr(a, '=');
        size_t kn = eq ? (size_t)(eq - a) : strlen(a);
        if (kn >= sizeof key) {
            decide_error(d, "unknown option '%s'", a);
            return false;
        }
        memcpy(key, a, kn);
        key[kn] = '\0';
        if (eq) {
            val = eq + 1;
        } else if (i + 1 < argc) {
            val = argv[++i];
        } else {
            decide_error(d, "%s needs a value", key);
            return false;
        }
        if (!strcmp(key, "--output") || !strcmp(key, "--outputs"))
            d->output = val;
        else if (!strcmp(key, "--inputs"))
            d->inputs = val;
        else if (!strcmp(key, "--swing"))
            d->swing = val;
        else if (!strcmp(key, "--low-high") && d->n_low_high < DECIDE_MAX_LIST)
            d->low_high[d->n_low_high++] = val;
        else if (!strcmp(key, "--vary")) {
            if (d->n_vary == DECIDE_MAX_VARY + 1) {
                decide_error(d, "too many --vary options");
                return false;
            }
            d->vary[d->n_vary++] = val;
        } else if (!strcmp(key, "--target"))
            d->target = val;
        else if (!strcmp(key, "--value"))
            d->value = val;
        else if (!strcmp(key, "--min"))
            d->min = val;
        else if (!strcmp(key, "--max"))
            d->max = val;
        else if (!strcmp(key, "--title"))
            d->title = val;
        else if (!strcmp(key, "--trials") && !strcmp(d->command, "simulate"))
            d->trials = val;
        else if (!strcmp(key, "--seed") && !strcmp(d->command, "simulate"))
            d->seed = val;
        else if (!strcmp(key, "--threads") && !strcmp(d->command, "simulate"))
            d->threads = val;
        else {
            decide_error(d, "unknown option '%s'", key);
            return false;
        }
    }
    return true;
}

/* ------------------------------------------------------------- reports */

/* A report's sheet name as a reference prefix: report names are plain
 * words or carry a space ("Goal seek", "Tornado (2)"), so quoting
 * anything but letters, digits and '_' is enough. */
static void
decide_sheet_ref(const char *sheet, StrBuf *out)
{
    bool plain = true;
    for (const char *p = sheet; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              (*p >= '0' && *p <= '9' && p != sheet) || *p == '_'))
            plain = false;
    if (plain) {
        strbuf_puts(out, sheet);
        return;
    }
    strbuf_putc(out, '\'');
    for (const char *p = sheet; *p; p++) {
        if (*p == '\'')
            strbuf_putc(out, '\'');
        strbuf_putc(out, *p);
    }
    strbuf_putc(out, '\'');
}

static void
decide_area(const char *sheet, uint32_t r0, uint16_t c0, uint32_t r1, uint16_t c1,
            StrBuf *out)
{
    char a[4], c[4];
    ast_col_name(c0, a);
    ast_col_name(c1, c);
    strbuf_putc(out, '=');
    decide_sheet_ref(sheet, out);
    strbuf_printf(out, "!$%s$%u:$%s$%u", a, r0 + 1, c, r1 + 1);
}

static Report *
decide_report(Decide *d, const char *base)
{
    char name[40];
    vs_report_name(d->vb, base, name, sizeof name);
    return report_new(name);
}

/* The report already holding goal-seek rows, to append to. */
static Report *
decide_find_report(vs_book *vb, const char *prefix)
{
    for (uint32_t i = 0; i < vb->n_reports; i++)
        if (strncmp(vb->reports[i]->name, prefix, strlen(prefix)) == 0)
            return vb->reports[i];
    return NULL;
}

/* -------------------------------------------------------------- tornado */

typedef struct TornadoRow {
    const Input *in;
    double lo_x, hi_x;
    Value lo, hi;
    double swing;
    uint32_t order;
} TornadoRow;

static int
decide_tornado_cmp(const void *pa, const void *pb)
{
    const TornadoRow *a = pa, *b = pb;
    if (a->swing != b->swing)
        return a->swing > b->swing ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

static bool
decide_low_high(Decide *d, const Input *in, double *lo, double *hi, bool *found)
{
    *found = false;
    for (uint32_t i = 0; i < d->n_low_high; i++) {
        const char *s = d->low_high[i];
        const char *eq = strchr(s, '=');
        if (!eq) {
            decide_error(d, "--low-high expects NAME=LOW:HIGH, got '%s'", s);
            return false;
        }
        if ((size_t)(eq - s) != strlen(in->label) ||
            !str_eq_fold(s, (size_t)(eq - s), in->label, strlen(in->label)))
            continue;
        char buf[128];
        snprintf(buf, sizeof buf, "%s", eq + 1);
        char *colon = strchr(buf, ':');
        if (!colon) {
            decide_error(d, "--low-high expects NAME=LOW:HIGH, got '%s'", s);
            return false;
        }
        *colon = '\0';
        if (!decide_number(buf, lo) || !decide_number(colon + 1, hi)) {
            decide_error(d, "--low-high %s: LOW and HIGH must be numbers", s);
            return false;
        }
        *found = true;
    }
    return true;
}

static vs_status
decide_tornado(Decide *d, FILE *out, PrintFormat fmt)
{
    if (!d->output || !d->inputs) {
        decide_error(d, "needs --output REF|NAME and --inputs NAME,...");
        return VS_ERR_USAGE;
    }
    double swing = 0.2;
    if (d->swing && (!decide_number(d->swing, &swing) || swing <= 0)) {
        decide_error(d, "--swing must be a positive number or percent, got '%s'", d->swing);
        return VS_ERR_USAGE;
    }
    Output o;
    if (!decide_output(d, d->output, &o))
        return VS_ERR_USAGE;
    char *list = decide_dup(d->inputs);
    char *names[DECIDE_MAX_LIST];
    uint32_t n = decide_split(list, names, DECIDE_MAX_LIST);
    Input *ins = calloc(n ? n : 1, sizeof *ins);
    TornadoRow *rows = calloc(n ? n : 1, sizeof *rows);
    if (!ins || !rows)
        arena_fatal("tornado");
    vs_status st = VS_OK;
    for (uint32_t i = 0; i < d->n_low_high && st == VS_OK; i++) {
        const char *eq = strchr(d->low_high[i], '=');
        bool known = false;
        for (uint32_t k = 0; eq && k < n; k++)
            known |= (size_t)(eq - d->low_high[i]) == strlen(names[k]) &&
                     str_eq_fold(d->low_high[i], strlen(names[k]), names[k], strlen(names[k]));
        if (eq && !known) {
            decide_error(d, "--low-high names '%.*s', which is not in --inputs",
                         (int)(eq - d->low_high[i]), d->low_high[i]);
            st = VS_ERR_USAGE;
        }
    }
    if (n == 0 && st == VS_OK) {
        decide_error(d, "--inputs lists no input");
        st = VS_ERR_USAGE;
    }
    for (uint32_t i = 0; i < n && st == VS_OK; i++) {
        if (!decide_input(d, names[i], &ins[i])) {
            st = VS_ERR_USAGE;
            break;
        }
        bool given;
        double lo, hi;
        if (!decide_low_high(d, &ins[i], &lo, &hi, &given)) {
            st = VS_ERR_USAGE;
            break;
        }
        if (!given) {
            if (ins[i].base.kind != VK_NUMBER) {
                decide_error(d, "input '%s' is not a number; give --low-high %s=LOW:HIGH",
                             names[i], names[i]);
                st = VS_ERR_USAGE;
                break;
            }
            double x = ins[i].base.u.num;
            if (x == 0) {
                decide_error(d, "input '%s' is 0, which a relative swing leaves at 0; "
                             "give --low-high %s=LOW:HIGH", names[i], names[i]);
                st = VS_ERR_USAGE;
                break;
            }
            lo = x * (1 - swing);
            hi = x * (1 + swing);
        }
        rows[i].in = &ins[i];
        rows[i].lo_x = lo;
        rows[i].hi_x = hi;
        rows[i].order = i;
    }
    Value base = decide_read(d, &o);
    if (st == VS_OK && base.kind != VK_NUMBER) {
        decide_error(d, "output '%s' is not a number in the base case", o.label);
        st = VS_ERR_EVAL;
    }
    for (uint32_t i = 0; i < n && st == VS_OK; i++) {
        rows[i].lo = decide_eval(d, rows[i].in, rows[i].lo_x, &o);
        rows[i].hi = decide_eval(d, rows[i].in, rows[i].hi_x, &o);
        decide_restore(d, rows[i].in);
        rows[i].swing = rows[i].lo.kind == VK_NUMBER && rows[i].hi.kind == VK_NUMBER
                            ? fabs(rows[i].hi.u.num - rows[i].lo.u.num)
                            : 0;
    }
    if (st == VS_OK) {
        qsort(rows, n, sizeof *rows, decide_tornado_cmp);
        char title[300];
        char basetxt[64];
        StrBuf nb;
        strbuf_init(&nb);
        strbuf_number(&nb, base.u.num);
        snprintf(basetxt, sizeof basetxt, "%s", nb.data);
        strbuf_free(&nb);
        snprintf(title, sizeof title, "%s: tornado of %s (base %s)",
                 d->title ? d->title : "Sensitivity", o.label, basetxt);
        static const char *const cols[] = {"low", "high", "output at low",
                                           "output at high", "swing"};
        Value *cells = calloc((size_t)n * 5, sizeof *cells);
        const char **labels = calloc(n ? n : 1, sizeof *labels);
        if (!cells || !labels)
            arena_fatal("tornado");
        for (uint32_t i = 0; i < n; i++) {
            labels[i] = rows[i].in->label;
            cells[i * 5 + 0] = value_number(rows[i].lo_x);
            cells[i * 5 + 1] = value_number(rows[i].hi_x);
            cells[i * 5 + 2] = rows[i].lo;
            cells[i * 5 + 3] = rows[i].hi;
            cells[i * 5 + 4] = value_number(rows[i].swing);
        }
        if (out) {
            PrintTable t = {title, "input", cols, 5, labels, n, cells};
            print_table(out, fmt, &t);
        }
        /* The sheet: the table, and a bar chart of each input's effect
         * on the output relative to the base (the classic tornado). */
        Report *r = decide_report(d, "Tornado");
        const char *ofmt = book_number_format(d->b, &o.ref);
        report_text(r, 0, 0, d->title ? d->title : "Tornado", RS_TITLE);
        report_text(r, 1, 0, "Output", RS_STRONG);
        report_text(r, 1, 1, o.label, RS_PLAIN);
        report_text(r, 2, 0, "Base value", RS_STRONG);
        report_number(r, 2, 1, base.u.num, ofmt);
        report_text(r, 3, 0, "Static values computed by valsheet: each input moved alone "
                    "to its low and high value, all others at base.", RS_NOTE);
        static const char *const heads[] = {"Input", "Low", "High", "Output at low",
                                            "Output at high", "Swing", "Change at low",
                                            "Change at high"};
        for (uint16_t c = 0; c < 8; c++)
            report_text(r, 5, c, heads[c], RS_HEADER);
        for (uint32_t i = 0; i < n; i++) {
            uint32_t row = 6 + i;
            const char *ifmt = book_number_format(d->b, &rows[i].in->ref);
            report_text(r, row, 0, rows[i].in->label, RS_PLAIN);
            report_number(r, row, 1, rows[i].lo_x, ifmt);
            report_number(r, row, 2, rows[i].hi_x, ifmt);
            report_value(r, row, 3, rows[i].lo, ofmt);
            report_value(r, row, 4, rows[i].hi, ofmt);
            report_number(r, row, 5, rows[i].swing, ofmt);
            report_number(r, row, 6, rows[i].lo.kind == VK_NUMBER ?
                          rows[i].lo.u.num - base.u.num : 0, ofmt);
            report_number(r, row, 7, rows[i].hi.kind == VK_NUMBER ?
                          rows[i].hi.u.num - base.u.num : 0, ofmt);
        }
        r->widths[0] = 24;
        for (int c = 1; c < 8; c++)
            r->widths[c] = 15;
        char ctitle[300];
        snprintf(ctitle, sizeof ctitle, "Change in %s", o.label);
        ReportChart *ch = report_chart(r, CHART_BAR, ctitle, 7 + n, 0, 640,
                                       120 + 28 * (n < 4 ? 4 : n));
        ch->reverse_categories = true;
        ch->stacked_overlap = true;
        StrBuf cat, val;
        strbuf_init(&cat);
        strbuf_init(&val);
        decide_area(r->name, 6, 0, 6 + n - 1, 0, &cat);
        for (int side = 0; side < 2; side++) {
            strbuf_clear(&val);
            decide_area(r->name, 6, (uint16_t)(6 + side), 6 + n - 1, (uint16_t)(6 + side),
                        &val);
            ReportSeries *s = report_series(ch, side ? "High" : "Low", cat.data, val.data, n);
            s->cat_cache = calloc(n ? n : 1, sizeof *s->cat_cache);
            if (!s->cat_cache)
                arena_fatal("tornado");
            for (uint32_t i = 0; i < n; i++) {
                Value v = side ? rows[i].hi : rows[i].lo;
                s->cat_cache[i] = report_strdup(rows[i].in->label);
                s->val_cache[i] = v.kind == VK_NUMBER ? v.u.num - base.u.num : 0;
            }
        }
        strbuf_free(&cat);
        strbuf_free(&val);
        vs_add_report(d->vb, r);
        free(cells);
        free(labels);
    }
    free(rows);
    free(ins);
    free(list);
    return st;
}

/* ---------------------------------------------------------------- tables */

typedef struct Vary {
    Input in;
    double *x;
    uint32_t n;
} Vary;

/* Parses NAME=v1,v2,... or NAME=start:stop:step. */
static bool
decide_vary(Decide *d, const char *spec, Vary *v)
{
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec) {
        decide_error(d, "--vary expects NAME=v1,v2,... or NAME=START:STOP:STEP, got '%s'",
                     spec);
        return false;
    }
    char name[128];
    snprintf(name, sizeof name, "%.*s", (int)(eq - spec), spec);
    if (!decide_input(d, name, &v->in))
        return false;
    char *list = decide_dup(eq + 1);
    v->x = calloc(DECIDE_MAX_POINTS, sizeof *v->x);
    if (!v->x)
        arena_fatal("table");
    bool ok = true;
    char *c1 = strchr(list, ':');
    if (c1 && !strchr(list, ',')) {
        char *c2 = strchr(c1 + 1, ':');
        double a, b, step;
        *c1 = '\0';
        if (c2)
            *c2 = '\0';
        if (!c2 || !decide_number(list, &a) || !decide_number(c1 + 1, &b) ||
            !decide_number(c2 + 1, &step) || step <= 0 || b < a) {
            decide_error(d, "--vary %s: START:STOP:STEP needs numbers with START <= STOP "
                         "and STEP > 0", spec);
            ok = false;
        } else {
            double count = floor((b - a) / step + 1e-9) + 1;
            if (count > DECIDE_MAX_POINTS) {
                decide_error(d, "--vary %s gives more than %d values", spec,
                             DECIDE_MAX_POINTS);
                ok = false;
            }
            for (uint32_t i = 0; ok && i < (uint32_t)count; i++)
                v->x[v->n++] = a + step * i; /* no accumulated rounding */
        }
    } else {
        char *items[DECIDE_MAX_POINTS];
        uint32_t n = decide_split(list, items, DECIDE_MAX_POINTS);
        for (uint32_t i = 0; i < n && ok; i++) {
            if (!decide_number(items[i], &v->x[v->n++])) {
                decide_error(d, "--vary %s: '%s' is not a number", name, items[i]);
                ok = false;
            }
        }
        if (ok && n == 0) {
            decide_error(d, "--vary %s lists no values", name);
            ok = false;
        }
    }
    free(list);
    return ok;
}

static void
decide_value_label(double x, bool pct, char *buf, size_t n)
{
    StrBuf b;
    strbuf_init(&b);
    strbuf_number(&b, pct ? x * 100 : x);
    snprintf(buf, n, "%s%s", b.data, pct ? "%" : "");
    strbuf_free(&b);
}

static vs_status
decide_table(Decide *d, FILE *out, PrintFormat fmt)
{
    if (!d->output || d->n_vary == 0) {
        decide_error(d, "needs --output REF|NAME and --vary NAME=v1,v2,...");
        return VS_ERR_USAGE;
    }
    if (d->n_vary > DECIDE_MAX_VARY) {
        decide_error(d, "takes one or two --vary options (a one- or two-way table)");
        return VS_ERR_USAGE;
    }
    Vary v[DECIDE_MAX_VARY];
    memset(v, 0, sizeof v);
    char *olist = decide_dup(d->output);
    char *onames[DECIDE_MAX_LIST];
    uint32_t n_out = decide_split(olist, onames, DECIDE_MAX_LIST);
    Output *outs = calloc(n_out ? n_out : 1, sizeof *outs);
    if (!outs)
        arena_fatal("table");
    vs_status st = VS_OK;
    if (n_out == 0 || (d->n_vary == 2 && n_out != 1)) {
        decide_error(d, d->n_vary == 2 ? "a two-way table has one --output"
                                       : "--output lists no output");
        st = VS_ERR_USAGE;
    }
    for (uint32_t i = 0; i < n_out && st == VS_OK; i++)
        if (!decide_output(d, onames[i], &outs[i]))
            st = VS_ERR_USAGE;
    for (uint32_t i = 0; i < d->n_vary && st == VS_OK; i++)
        if (!decide_vary(d, d->vary[i], &v[i]))
            st = VS_ERR_USAGE;
    if (st == VS_OK && d->n_vary == 2 &&
        v[0].in.ref.sheet == v[1].in.ref.sheet && v[0].in.ref.row0 == v[1].in.ref.row0 &&
        v[0].in.ref.col0 == v[1].in.ref.col0) {
        decide_error(d, "both --vary options name the same input");
        st = VS_ERR_USAGE;
    }
    if (st == VS_OK) {
        bool two = d->n_vary == 2;
        uint32_t nr = v[0].n, nc = two ? v[1].n : n_out;
        Value *cells = calloc((size_t)nr * nc, sizeof *cells);
        char **cols = calloc(nc, sizeof *cols);
        char **rows = calloc(nr, sizeof *rows);
        if (!cells || !cols || !rows)
            arena_fatal("table");
        for (uint32_t r = 0; r < nr; r++) {
            Value first = decide_eval(d, &v[0].in, v[0].x[r], two ? NULL : &outs[0]);
            for (uint32_t c = 0; c < nc; c++) {
                if (two)
                    cells[(size_t)r * nc + c] = decide_eval(d, &v[1].in, v[1].x[c], &outs[0]);
                else
                    cells[(size_t)r * nc + c] = c == 0 ? first : decide_read(d, &outs[c]);
            }
        }
        if (two)
            decide_restore(d, &v[1].in);
        decide_restore(d, &v[0].in);
        char buf[64];
        for (uint32_t r = 0; r < nr; r++) {
            decide_value_label(v[0].x[r], v[0].in.pct, buf, sizeof buf);
            rows[r] = report_strdup(buf);
        }
        for (uint32_t c = 0; c < nc; c++) {
            if (two) {
                decide_value_label(v[1].x[c], v[1].in.pct, buf, sizeof buf);
                cols[c] = report_strdup(buf);
            } else {
                cols[c] = report_strdup(outs[c].label);
            }
        }
        char title[700], corner[300];
        if (two)
            snprintf(title, sizeof title, "%s: %s by %s (rows) and %s (columns)",
                     d->title ? d->title : "Data table", outs[0].label, v[0].in.label,
                     v[1].in.label);
        else
            snprintf(title, sizeof title, "%s: by %s", d->title ? d->title : "Data table",
                     v[0].in.label);
        snprintf(corner, sizeof corner, two ? "%s \\ %s" : "%s", v[0].in.label,
                 two ? v[1].in.label : "");
        if (out) {
            PrintTable t = {title, corner, (const char *const *)cols, nc,
                            (const char *const *)rows, nr, cells};
            print_table(out, fmt, &t);
        }
        Report *rep = decide_report(d, "Data table");
        report_text(rep, 0, 0, title, RS_TITLE);
        report_text(rep, 1, 0, "Static values computed by valsheet (a data table: each "
                    "row sets the inputs, everything else at base).", RS_NOTE);
        report_text(rep, 3, 0, corner, RS_HEADER);
        const char *f0 = book_number_format(d->b, &v[0].in.ref);
        const char *f1 = two ? book_number_format(d->b, &v[1].in.ref) : NULL;
        for (uint32_t c = 0; c < nc && c < 15; c++) {
            if (two) {
                ReportCell *h = report_number(rep, 3, (uint16_t)(1 + c), v[1].x[c], f1);
                h->style = RS_HEADER;
            } else {
                report_text(rep, 3, (uint16_t)(1 + c), cols[c], RS_HEADER);
            }
        }
        for (uint32_t r = 0; r < nr; r++) {
            ReportCell *h = report_number(rep, 4 + r, 0, v[0].x[r], f0);
            h->style = RS_STRONG;
            for (uint32_t c = 0; c < nc && c < 15; c++)
                report_value(rep, 4 + r, (uint16_t)(1 + c), cells[(size_t)r * nc + c],
                             book_number_format(d->b, &outs[two ? 0 : c].ref));
        }
        if (nc > 15)
            report_text(rep, 2, 0, "Only the first 15 columns are shown; the command "
                        "prints all of them.", RS_NOTE);
        rep->widths[0] = 24;
        for (int c = 1; c < 16; c++)
            rep->widths[c] = 14;
        vs_add_report(d->vb, rep);
        for (uint32_t i = 0; i < nr; i++)
            free(rows[i]);
        for (uint32_t i = 0; i < nc; i++)
            free(cols[i]);
        free(rows);
        free(cols);
        free(cells);
    }
    for (uint32_t i = 0; i < DECIDE_MAX_VARY; i++)
        free(v[i].x);
    free(outs);
    free(olist);
    return st;
}

/* ----------------------------------------------------------- goal seek */

typedef struct Seek {
    Decide *d;
    const Input *in;
    const Output *o;
    double goal;
    uint32_t evals;
} Seek;

/* target - goal at x; false when the target is not a number there. */
static bool
decide_seek_f(Seek *s, double x, double *f)
{
    s->evals++;
    Value v = decide_eval(s->d, s->in, x, s->o);
    if (v.kind != VK_NUMBER)
        return false;
    *f = v.u.num - s->goal;
    return true;
}

/* Brent's method (Brent 1973, ch. 4, the zero routine): inverse quadratic
 * interpolation or secant steps kept inside the bracket, bisection when
 * they do not shrink it fast enough. fa and fb have opposite signs. */
static bool
decide_brent(Seek *s, double a, double b, double fa, double fb, double *root)
{
    double c = a, fc = fa, dd = b - a, e = dd;
    for (int iter = 0; iter < 300; iter++) {
        if ((fb > 0) == (fc > 0)) {
            c = a;
            fc = fa;
            dd = e = b - a;
        }
        if (fabs(fc) < fabs(fb)) {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        /* 1e-12 relative (absolute below 1): well inside the 1e-10 asked. */
        double tol = 2 * DBL_EPSILON * fabs(b) + 0.5e-12 * fmax(fabs(b), 1);
        double m = 0.5 * (c - b);
        if (fabs(m) <= tol || fb == 0) {
            *root = b;
            return true;
        }
        if (fabs(e) >= tol && fabs(fa) > fabs(fb)) {
            double p, q, r, t = fb / fa;
            if (a == c) {
                p = 2 * m * t;
                q = 1 - t;
            } else {
                q = fa / fc;
                r = fb / fc;
                p = t * (2 * m * q * (q - r) - (b - a) * (r - 1));
                q = (q - 1) * (r - 1) * (t - 1);
            }
            if (p > 0)
                q = -q;
            else
                p = -p;
            if (2 * p < fmin(3 * m * q - fabs(tol * q), fabs(e * q))) {
                e = dd;
                dd = p / q;
            } else {
                dd = m;
                e = m;
            }
        } else {
            dd = m;
            e = m;
        }
        a = b;
        fa = fb;
        b += fabs(dd) > tol ? dd : (m > 0 ? tol : -tol);
        if (!decide_seek_f(s, b, &fb))
            return false;
    }
    *root = b;
    return true;
}

static vs_status
decide_solve(Decide *d, FILE *out, PrintFormat fmt)
{
    if (!d->n_vary || !d->target || !d->value) {
        decide_error(d, "needs --vary NAME, --target REF|NAME and --value V");
        return VS_ERR_USAGE;
    }
    if (d->n_vary > 1) {
        decide_error(d, "takes one --vary");
        return VS_ERR_USAGE;
    }
    Input in;
    Output o;
    if (!decide_input(d, d->vary[0], &in) || !decide_output(d, d->target, &o))
        return VS_ERR_USAGE;
    if (in.base.kind != VK_NUMBER) {
        decide_error(d, "input '%s' is not a number", in.label);
        return VS_ERR_USAGE;
    }
    double goal;
    if (!decide_number(d->value, &goal)) {
        /* A cell or name: its value in the base case. */
        Output g;
        Value gv;
        if (!decide_output(d, d->value, &g))
            return VS_ERR_USAGE;
        gv = decide_read(d, &g);
        if (gv.kind != VK_NUMBER) {
            decide_error(d, "--value '%s' is not a number", d->value);
            return VS_ERR_USAGE;
        }
        goal = gv.u.num;
    }
    double lo = 0, hi = 0;
    bool has_min = d->min != NULL, has_max = d->max != NULL;
    if ((has_min && !decide_number(d->min, &lo)) || (has_max && !decide_number(d->max, &hi))) {
        decide_error(d, "--min and --max must be numbers");
        return VS_ERR_USAGE;
    }
    if (has_min != has_max || (has_min && lo >= hi)) {
        decide_error(d, "give both --min and --max, with min < max");
        return VS_ERR_USAGE;
    }
    /* Does the target depend on the input at all? Changing the input
     * marks exactly its dependents dirty. */
    uint32_t tid = book_cell_id(d->b, o.ref.sheet, o.ref.row0, o.ref.col0);
    double x0 = in.base.u.num;
    vs_set_cell(d->vb, d->command, &in.ref, value_number(x0 == 0 ? 1 : x0 * 2), in.pct,
                d->at);
    bool depends = tid != UINT32_MAX && d->vb->graph_ready &&
                   (d->b->cells[tid].flags & CELL_DIRTY);
    decide_restore(d, &in);
    if (!depends) {
        decide_error(d, "target '%s' does not depend on '%s'; nothing to solve", o.label,
                     in.label);
        return VS_ERR_USAGE;
    }
    Seek s = {d, &in, &o, goal, 0};
    double fa = 0, fb = 0, a = lo, b = hi;
    bool bracketed = false;
    if (has_min) {
        bool oka = decide_seek_f(&s, a, &fa), okb = decide_seek_f(&s, b, &fb);
        if (!oka || !okb) {
            decide_error(d, "target '%s' is not a number at %s", o.label,
                         !oka ? "--min" : "--max");
            decide_restore(d, &in);
            return VS_ERR_EVAL;
        }
        if ((fa > 0) == (fb > 0) && fa != 0 && fb != 0) {
            decide_error(d, "no sign change in [%g, %g]: %s - %g is %g at %g and %g at %g; "
                         "widen the bracket", lo, hi, o.label, goal, fa, lo, fb, hi);
            decide_restore(d, &in);
            return VS_ERR_EVAL;
        }
        bracketed = true;
    } else {
        /* Grow a bracket around the base value, doubling the step. */
        double f0;
        if (!decide_seek_f(&s, x0, &f0)) {
            decide_error(d, "target '%s' is not a number at the base value", o.label);
            decide_restore(d, &in);
            return VS_ERR_EVAL;
        }
        double h = fmax(fabs(x0) * 0.1, 0.01);
        a = b = x0;
        fa = fb = f0;
        if (f0 == 0)
            bracketed = true;
        for (int k = 0; k < 60 && !bracketed; k++, h *= 2) {
            double fl, fh;
            if (decide_seek_f(&s, x0 - h, &fl) && ((fl > 0) != (f0 > 0) || fl == 0)) {
                a = x0 - h;
                fa = fl;
                b = x0;
                fb = f0;
                bracketed = true;
            } else if (decide_seek_f(&s, x0 + h, &fh) && ((fh > 0) != (f0 > 0) || fh == 0)) {
                a = x0;
                fa = f0;
                b = x0 + h;
                fb = fh;
                bracketed = true;
            }
        }
        if (!bracketed) {
            decide_error(d, "no sign change of %s - %g found around %s = %g; give --min "
                         "and --max", o.label, goal, in.label, x0);
            decide_restore(d, &in);
            return VS_ERR_EVAL;
        }
    }
    double root;
    bool ok;
    if (fa == 0)
        root = a, ok = true;
    else if (fb == 0)
        root = b, ok = true;
    else
        ok = decide_brent(&s, a, b, fa, fb, &root);
    Value achieved = ok ? decide_eval(d, &in, root, &o) : value_empty();
    decide_restore(d, &in);
    if (!ok || achieved.kind != VK_NUMBER) {
        decide_error(d, "the target stopped being a number while solving");
        return VS_ERR_EVAL;
    }
    if (out) {
        Printer p;
        print_begin(&p, out, fmt);
        print_value(&p, in.label, value_number(root));
        print_value(&p, o.label, achieved);
        print_end(&p);
    }
    /* One Goal seek sheet collects every question of a build. */
    Report *r = decide_find_report(d->vb, "Goal seek");
    uint32_t row = 4;
    if (!r) {
        r = decide_report(d, "Goal seek");
        report_text(r, 0, 0, "Goal seek", RS_TITLE);
        report_text(r, 1, 0, "Static values computed by valsheet with Brent's method "
                    "(1e-10 relative): the input value that makes the target equal the "
                    "value asked, all other inputs at base.", RS_NOTE);
        static const char *const heads[] = {"Question", "Input", "Solution", "Target",
                                            "Asked", "Achieved", "Base input"};
        for (uint16_t c = 0; c < 7; c++)
            report_text(r, 3, c, heads[c], RS_HEADER);
        r->widths[0] = 44;
        for (int c = 1; c < 7; c++)
            r->widths[c] = 16;
        vs_add_report(d->vb, r);
    } else {
        for (uint32_t i = 0; i < r->n_cells; i++)
            if (r->cells[i].row0 >= row)
                row = r->cells[i].row0 + 1;
    }
    char q[300];
    snprintf(q, sizeof q, "%s", d->title ? d->title : "");
    if (!d->title)
        snprintf(q, sizeof q, "%s such that %s = %g", in.label, o.label, goal);
    const char *ifmt = book_number_format(d->b, &in.ref);
    const char *ofmt = book_number_format(d->b, &o.ref);
    report_text(r, row, 0, q, RS_PLAIN);
    report_text(r, row, 1, in.label, RS_PLAIN);
    ReportCell *sol = report_number(r, row, 2, root, ifmt ? ifmt : "0.0000");
    sol->style = RS_STRONG;
    report_text(r, row, 3, o.label, RS_PLAIN);
    report_number(r, row, 4, goal, ofmt);
    report_value(r, row, 5, achieved, ofmt);
    report_value(r, row, 6, in.base, ifmt);
    return VS_OK;
}

/* ------------------------------------------------------------ scenarios */

static vs_status
decide_apply_scenario(vs_book *vb, uint32_t sc)
{
    Book *b = &vb->book;
    vs_status st = VS_OK;
    for (uint32_t i = 0; i < b->n_scen_inputs; i++) {
        const Cell *c = &b->cells[b->scen_inputs[i].cell];
        RangeRef r = {c->sheet, c->row0, c->row0, c->col0, c->col0};
        bool pct;
        Value v = scenario_value(b, sc, i, &pct);
        vs_status s = vs_set_cell(vb, "--scenario", &r, v, pct, c->span);
        if (s != VS_OK)
            st = s;
    }
    b->active_scenario = sc;
    return st;
}

vs_status
vs_book_use_scenario(vs_book *vb, const char *name)
{
    Book *b = &vb->book;
    if (vb->load_failed)
        return VS_ERR_BIND;
    uint32_t sc = UINT32_MAX;
    if (name && !str_eq_fold(name, strlen(name), "Base", 4)) {
        sc = scenario_find(b, name);
        if (sc == UINT32_MAX) {
            fprintf(vb->diags.out, "valsheet: error: unknown scenario '%s'", name);
            if (b->n_scenarios == 0)
                fprintf(vb->diags.out, " (the model defines none)");
            for (uint32_t i = 0; i < b->n_scenarios; i++)
                fprintf(vb->diags.out, "%s%s", i ? ", " : " (known: Base, ",
                        b->scenarios[i].name->s);
            fprintf(vb->diags.out, "%s\n", b->n_scenarios ? ")" : "");
            return VS_ERR_USAGE;
        }
    }
    return decide_apply_scenario(vb, sc);
}

size_t
vs_book_scenario_count(const vs_book *vb)
{
    return vb->book.n_scenarios;
}

const char *
vs_book_scenario_name(const vs_book *vb, size_t i)
{
    return i < vb->book.n_scenarios ? vb->book.scenarios[i].name->s : NULL;
}

/* The outputs to compare: the list given, or the model's `outputs`. */
static uint32_t
decide_outputs(Decide *d, const char *const *given, size_t n_given, Output **out)
{
    Book *b = d->b;
    uint32_t n = n_given ? (uint32_t)n_given : b->n_outputs;
    Output *o = calloc(n ? n : 1, sizeof *o);
    if (!o)
        arena_fatal("outputs");
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (n_given) {
            if (!decide_output(d, given[i], &o[k]))
                continue;
            k++;
            continue;
        }
        const AstNode *e = b->outputs[i];
        const AstNode *t = e->kind == AST_NAME && e->u.name.def ? e->u.name.def->expr : e;
        if (!t || t->kind != AST_REF)
            continue;
        RangeRef r = {t->u.ref.sheet, t->u.ref.row0, t->u.ref.row0, t->u.ref.col0,
                      t->u.ref.col0};
        o[k].ref = r;
        if (e->kind == AST_NAME)
            snprintf(o[k].label, sizeof o[k].label, "%s", e->u.name.name->s);
        else
            book_cell_name(b, r.sheet, r.row0, r.col0, o[k].label, sizeof o[k].label);
        k++;
    }
    *out = o;
    return k;
}

/* Evaluates every output under the base case and each scenario:
 * cells[(output) * (1 + n_scenarios) + column]. Leaves the book under
 * the scenario that was active. */
static Value *
decide_compare(vs_book *vb, const Output *o, uint32_t n)
{
    Book *b = &vb->book;
    uint32_t nc = 1 + b->n_scenarios, active = b->active_scenario;
    Value *cells = calloc((size_t)n * nc + 1, sizeof *cells);
    if (!cells)
        arena_fatal("scenarios");
    for (uint32_t c = 0; c < nc; c++) {
        decide_apply_scenario(vb, c == 0 ? UINT32_MAX : c - 1);
        vs_recalc(vb);
        for (uint32_t i = 0; i < n; i++)
            cells[(size_t)i * nc + c] =
                book_cell_value(b, o[i].ref.sheet, o[i].ref.row0, o[i].ref.col0);
    }
    decide_apply_scenario(vb, active);
    vs_recalc(vb);
    return cells;
}

vs_status
vs_book_compare_scenarios(vs_book *vb, const char *const *outputs, size_t n_outputs,
                          FILE *out, vs_format fmt)
{
    Decide d = {.vb = vb, .b = &vb->book, .command = "scenarios"};
    if (vb->load_failed)
        return VS_ERR_BIND;
    if (!n_outputs && vb->book.n_outputs == 0) {
        decide_error(&d, "the model has no 'outputs' statement; give --outputs REF|NAME,...");
        return VS_ERR_USAGE;
    }
    Output *o;
    uint32_t n = decide_outputs(&d, outputs, n_outputs, &o);
    if (d.failed) {
        free(o);
        return VS_ERR_USAGE;
    }
    Value *cells = decide_compare(vb, o, n);
    uint32_t nc = 1 + vb->book.n_scenarios;
    const char **cols = calloc(nc, sizeof *cols);
    const char **rows = calloc(n ? n : 1, sizeof *rows);
    if (!cols || !rows)
        arena_fatal("scenarios");
    cols[0] = "Base";
    for (uint32_t c = 1; c < nc; c++)
        cols[c] = vb->book.scenarios[c - 1].name->s;
    for (uint32_t i = 0; i < n; i++)
        rows[i] = o[i].label;
    PrintTable t = {NULL, "output", cols, nc, rows, n, cells};
    print_table(out, (PrintFormat)(fmt == VS_FORMAT_CSV ? PRINT_CSV :
                                   fmt == VS_FORMAT_JSON ? PRINT_JSON :
                                   fmt == VS_FORMAT_MARKDOWN ? PRINT_MARKDOWN : PRINT_TEXT),
                &t);
    free(cols);
    free(rows);
    free(cells);
    free(o);
    return VS_OK;
}

Report *
decide_scenario_sheet(vs_book *vb, char ***links_out)
{
    Book *b = &vb->book;
    *links_out = NULL;
    if (b->n_scenarios == 0 || b->n_scen_inputs == 0)
        return NULL;
    char name[40];
    vs_report_name(vb, "Scenarios", name, sizeof name);
    Report *r = report_new(name);
    uint32_t ns = b->n_scenarios;
    uint16_t live = (uint16_t)(3 + ns); /* A label, B cell, C base, D.. scenarios */
    if (live > 15) {
        /* The sheet lays scenarios out in columns; keep it readable. */
        live = 15;
        ns = 12;
    }
    const char *active = b->active_scenario == UINT32_MAX
                             ? "Base" : b->scenarios[b->active_scenario].name->s;
    report_text(r, 0, 0, "Scenarios", RS_TITLE);
    report_text(r, 1, 0, "Active scenario", RS_STRONG);
    report_text(r, 1, 1, active, RS_INPUT);
    report_text(r, 2, 0, "Choose a scenario in B2: the model's input cells read the Live "
                "column, so every result follows.", RS_NOTE);
    static const char *const heads[] = {"Input", "Cell", "Base"};
    for (uint16_t c = 0; c < 3; c++)
        report_text(r, 4, c, heads[c], RS_HEADER);
    for (uint32_t s = 0; s < ns; s++)
        report_text(r, 4, (uint16_t)(3 + s), b->scenarios[s].name->s, RS_HEADER);
    report_text(r, 4, live, "Live", RS_HEADER);
    char a[4], z[4], lv[4];
    ast_col_name(2, a);
    ast_col_name((uint16_t)(live - 1), z);
    ast_col_name(live, lv);
    StrBuf src;
    strbuf_init(&src);
    strbuf_printf(&src, "=$%s$5:$%s$5", a, z);
    r->has_validation = true;
    r->val_row0 = 1;
    r->val_col0 = 1;
    r->val_source = report_strdup(src.data);
    r->val_list = calloc(ns + 2, sizeof *r->val_list);
    if (!r->val_list)
        arena_fatal("scenarios");
    r->val_list[0] = report_strdup("Base");
    for (uint32_t s = 0; s < ns; s++)
        r->val_list[1 + s] = report_strdup(b->scenarios[s].name->s);
    char **links = calloc(b->n_scen_inputs, sizeof *links);
    if (!links)
        arena_fatal("scenarios");
    for (uint32_t i = 0; i < b->n_scen_inputs; i++) {
        const ScenarioInput *in = &b->scen_inputs[i];
        const Cell *cell = &b->cells[in->cell];
        RangeRef ref = {cell->sheet, cell->row0, cell->row0, cell->col0, cell->col0};
        uint32_t row = 5 + i;
        char where[300];
        book_cell_name(b, cell->sheet, cell->row0, cell->col0, where, sizeof where);
        report_text(r, row, 0, in->label->s, RS_PLAIN);
        report_text(r, row, 1, where, RS_NOTE);
        const char *fmt = book_number_format(b, &ref);
        for (uint32_t c = 0; c <= ns; c++) {
            bool pct;
            Value v = scenario_value(b, c == 0 ? UINT32_MAX : c - 1, i, &pct);
            ReportCell *rc = report_value(r, row, (uint16_t)(2 + c), v, fmt);
            if (c > 0 && value_identical(v, in->base))
                rc->style = RS_NOTE; /* unchanged from base: greyed */
        }
        StrBuf f;
        strbuf_init(&f);
        strbuf_printf(&f, "INDEX($%s%u:$%s%u,MATCH($B$2,$%s$5:$%s$5,0))", a, row + 1, z,
                      row + 1, a, z);
        ReportCell *rc = report_formula(r, row, live, f.data, cell->value, fmt);
        rc->style = RS_STRONG;
        strbuf_clear(&f);
        decide_sheet_ref(name, &f);
        strbuf_printf(&f, "!$%s$%u", lv, row + 1);
        links[i] = report_strdup(f.data);
        strbuf_free(&f);
    }
    /* The comparison a manager reads at a glance, static by design: the
     * workbook cannot hold every scenario's results live at once. */
    if (b->n_outputs) {
        Decide d = {.vb = vb, .b = b, .command = "scenarios"};
        Output *o;
        uint32_t n = decide_outputs(&d, NULL, 0, &o);
        Value *cells = decide_compare(vb, o, n);
        uint32_t top = 5 + b->n_scen_inputs + 2;
        report_text(r, top, 0, "Comparison", RS_TITLE);
        report_text(r, top + 1, 0, "Static values computed by valsheet for every scenario; "
                    "they do not follow B2.", RS_NOTE);
        report_text(r, top + 2, 0, "Output", RS_HEADER);
        report_text(r, top + 2, 1, "Cell", RS_HEADER);
        report_text(r, top + 2, 2, "Base", RS_HEADER);
        for (uint32_t s = 0; s < ns; s++)
            report_text(r, top + 2, (uint16_t)(3 + s), b->scenarios[s].name->s, RS_HEADER);
        uint32_t nc = 1 + b->n_scenarios;
        for (uint32_t i = 0; i < n; i++) {
            char where[300];
            book_cell_name(b, o[i].ref.sheet, o[i].ref.row0, o[i].ref.col0, where,
                           sizeof where);
            report_text(r, top + 3 + i, 0, o[i].label, RS_PLAIN);
            report_text(r, top + 3 + i, 1, where, RS_NOTE);
            const char *fmt = book_number_format(b, &o[i].ref);
            for (uint32_t c = 0; c <= ns; c++)
                report_value(r, top + 3 + i, (uint16_t)(2 + c), cells[(size_t)i * nc + c],
                             fmt);
        }
        free(cells);
        free(o);
    }
    r->widths[0] = 28;
    r->widths[1] = 22;
    for (uint16_t c = 2; c <= live; c++)
        r->widths[c] = 14;
    strbuf_free(&src);
    *links_out = links;
    return r;
}

/* ------------------------------------------------------ entry points */

/* simulate as an analysis line: the options of `valsheet simulate`. */
static vs_status
decide_simulate(Decide *d, FILE *out, vs_format fmt)
{
    char *list = decide_dup(d->output);
    char *names[DECIDE_MAX_LIST];
    uint32_t n = d->output ? decide_split(list, names, DECIDE_MAX_LIST) : 0;
    double trials = 10000, seed = 1, threads = 1;
    if ((d->trials && (!decide_number(d->trials, &trials) || trials < 1 ||
                       trials != floor(trials))) ||
        (d->seed && (!decide_number(d->seed, &seed) || seed < 0 || seed != floor(seed))) ||
        (d->threads && (!decide_number(d->threads, &threads) || threads < 1 ||
                        threads > 64 || threads != floor(threads)))) {
        decide_error(d, "--trials, --seed and --threads take whole numbers");
        free(list);
        return VS_ERR_USAGE;
    }
    vs_sim_options o = {(const char *const *)names, n, (uint64_t)trials, (uint64_t)seed,
                        (unsigned)threads, 0, 0, d->title};
    vs_status s = vs_book_simulate(d->vb, &o, out, fmt);
    if (s != VS_OK)
        d->failed = d->failed || !d->in_model;
    free(list);
    return s;
}

static PrintFormat
decide_print_format(vs_format f)
{
    switch (f) {
    case VS_FORMAT_CSV: return PRINT_CSV;
    case VS_FORMAT_JSON: return PRINT_JSON;
    case VS_FORMAT_MARKDOWN: return PRINT_MARKDOWN;
    default: return PRINT_TEXT;
    }
}

static vs_status
decide_run(Decide *d, int argc, const char *const *argv, FILE *out, vs_format fmt)
{
    if (d->vb->load_failed)
        return VS_ERR_BIND;
    if (strcmp(d->command, "tornado") && strcmp(d->command, "table") &&
        strcmp(d->command, "solve") && strcmp(d->command, "simulate")) {
        decide_error(d, "unknown analysis (known: tornado, table, solve, simulate)");
        return VS_ERR_USAGE;
    }
    if (!decide_parse(d, argc, argv))
        return VS_ERR_USAGE;
    vs_status st = vs_recalc(d->vb);
    if (st != VS_OK && st != VS_ERR_CYCLE)
        return st;
    PrintFormat pf = decide_print_format(fmt);
    if (!strcmp(d->command, "tornado"))
        return decide_tornado(d, out, pf);
    if (!strcmp(d->command, "table"))
        return decide_table(d, out, pf);
    if (!strcmp(d->command, "simulate"))
        return decide_simulate(d, out, fmt);
    return decide_solve(d, out, pf);
}

vs_status
vs_book_analyse(vs_book *vb, const char *command, int argc, const char *const *argv,
                FILE *out, vs_format fmt)
{
    Decide d = {.vb = vb, .b = &vb->book, .command = command};
    return decide_run(&d, argc, argv, out, fmt);
}

vs_status
vs_book_run_analyses(vs_book *vb)
{
    vs_status result = VS_OK;
    for (const Stmt *st = vb->book.stmts; st; st = st->next) {
        if (st->kind != ST_ANALYSIS)
            continue;
        char *line = decide_dup(st->text->s);
        char *words[64];
        int n = str_split_words(line, words, 64);
        Decide d = {.vb = vb, .b = &vb->book, .in_model = true, .at = st->span,
                    .command = n ? words[0] : "analysis"};
        vs_status s;
        if (n == 0) {
            decide_error(&d, "names no analysis (tornado, table or solve)");
            s = VS_ERR_USAGE;
        } else {
            s = decide_run(&d, n - 1, (const char *const *)words + 1, NULL,
                           VS_FORMAT_TEXT);
        }
        if (s != VS_OK && d.failed == false)
            diag_error(&vb->diags, st->span, "analysis failed");
        if (s != VS_OK && result == VS_OK)
            result = s == VS_ERR_USAGE ? VS_ERR_BIND : s;
        free(line);
    }
    return result;
}
