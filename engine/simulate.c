/*
 * simulate: seeded Monte Carlo simulation of a model (`valsheet simulate`).
 *
 * Each trial sets the book's sampler to (seed, trial), marks every cell
 * that calls a distribution dirty (with its dependents) and recalculates
 * only those; then it reads the outputs. Trials are split into contiguous
 * blocks, one per thread; each thread works on its own copy of the book
 * (the evaluator writes cell values), opened from the same source with the
 * same --set values and scenario. A draw depends only on (seed, trial,
 * cell, draw number) (stdlib/fn_random.c) and results are stored by trial
 * index and summarised in trial order, so any thread count gives the same
 * bits.
 */


#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "eval.h"
#include "fn.h"
#include "graph.h"
#include "print.h"
#include "vsbook.h"

enum { SIM_BINS = 20, SIM_MAX_OUTPUTS = 64, SIM_MAX_THREADS = 64 };

#define SIM_MAX_TRIALS 100000000ULL

typedef struct SimOutput {
    char label[128];
    RangeRef ref;
    const char *num_format;
} SimOutput;

typedef struct SimStats {
    uint64_t n;             /* trials where the output was a number */
    double mean, sd, min, max;
    double pct[7];          /* P5, P10, P25, P50, P75, P90, P95 */
    double p_below_zero;
    double edges[SIM_BINS + 1];
    uint64_t counts[SIM_BINS];
} SimStats;

static const double sim_pcts[7] = {0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};
static const char *const sim_pct_names[7] = {"P5", "P10", "P25", "P50", "P75", "P90",
                                             "P95"};

typedef struct Sim {
    vs_book *main;
    const vs_sim_options *o;
    SimOutput *outs;
    uint32_t n_outs;
    double *results;        /* trials x n_outs; NaN: not a number */
    atomic_uint_fast64_t done;
    atomic_int failed;
} Sim;

typedef struct SimWorker {
    Sim *sim;
    uint64_t first, last;   /* trials [first, last) */
} SimWorker;

/* A copy of the main book for a worker thread. */
static vs_book *
sim_clone(Sim *sim)
{
    vs_book *src = sim->main;
    const SourceFile *f = &src->diags.files[0];
    FILE *devnull = fopen("/dev/null", "w");
    vs_book *b = NULL;
    vs_status s = vs_book_open_string(f->name, f->text, f->len, devnull ? devnull : stderr,
                                      &b);
    for (uint32_t i = 0; s == VS_OK && i < src->n_set_log; i++)
        s = vs_book_set(b, src->set_log[i]);
    if (s == VS_OK && src->book.active_scenario != UINT32_MAX)
        s = vs_book_use_scenario(b, src->book.scenarios[src->book.active_scenario].name->s);
    if (s == VS_OK)
        s = vs_recalc(b);
    if (s != VS_OK && s != VS_ERR_CYCLE) {
        vs_book_close(b);
        b = NULL;
    } else {
        b->diags.out = stderr; /* devnull is closed below */
    }
    if (devnull)
        fclose(devnull);
    return b;
}

/* Runs trials [first, last) on book b. */
static void
sim_run(Sim *sim, vs_book *vb, uint64_t first, uint64_t last)
{
    Book *b = &vb->book;
    Graph *g = b->graph;
    uint32_t *rnd = malloc((b->n_cells ? b->n_cells : 1) * sizeof *rnd);
    if (!rnd)
        arena_fatal("simulate");
    uint32_t n_rnd = 0;
    for (uint32_t i = 0; i < b->n_cells; i++)
        if (b->cells[i].flags & CELL_RANDOM)
            rnd[n_rnd++] = i;
    FnSampler smp = {sim->o->seed, 0};
    b->sampler = &smp;
    for (uint64_t t = first; t < last; t++) {
        smp.trial = t;
        if (sim->o->full_recalc) {
            eval_recalc(b, true);
        } else {
            for (uint32_t i = 0; i < n_rnd; i++)
                graph_mark_dependents(g, b, rnd[i]);
            eval_recalc(b, false);
        }
        double *row = &sim->results[t * sim->n_outs];
        for (uint32_t k = 0; k < sim->n_outs; k++) {
            const RangeRef *r = &sim->outs[k].ref;
            Value v = book_cell_value(b, r->sheet, r->row0, r->col0);
            row[k] = v.kind == VK_NUMBER ? v.u.num : NAN;
        }
        atomic_fetch_add(&sim->done, 1);
    }
    /* Back to the deterministic model: every distribution at its mean. */
    b->sampler = NULL;
    for (uint32_t i = 0; i < n_rnd; i++)
        graph_mark_dependents(g, b, rnd[i]);
    eval_recalc(b, false);
    free(rnd);
}

static void *
sim_thread(void *arg)
{
    SimWorker *w = arg;
    vs_book *b = sim_clone(w->sim);
    if (!b) {
        atomic_store(&w->sim->failed, 1);
        atomic_fetch_add(&w->sim->done, w->last - w->first);
        return NULL;
    }
    sim_run(w->sim, b, w->first, w->last);
    vs_book_close(b);
    return NULL;
}

static int
sim_double_cmp(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* Summarises column k of the results, in trial order. Percentiles use
 * Excel's PERCENTILE.INC (linear interpolation between order statistics),
 * the standard deviation the sample formula (STDEV.S). */
static void
sim_stats(const Sim *sim, uint32_t k, uint64_t trials, SimStats *st)
{
    memset(st, 0, sizeof *st);
    double *x = malloc((trials ? trials : 1) * sizeof *x);
    if (!x)
        arena_fatal("simulate");
    uint64_t n = 0, below = 0;
    double sum = 0;
    for (uint64_t t = 0; t < trials; t++) {
        double v = sim->results[t * sim->n_outs + k];
        if (isnan(v))
            continue;
        x[n++] = v;
        sum += v;
        below += v < 0;
    }
    st->n = n;
    if (n == 0) {
        free(x);
        return;
    }
    st->mean = sum / (double)n;
    double ss = 0;
    for (uint64_t i = 0; i < n; i++)
        ss += (x[i] - st->mean) * (x[i] - st->mean);
    st->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
    st->p_below_zero = (double)below / (double)n;
    qsort(x, n, sizeof *x, sim_double_cmp);
    st->min = x[0];
    st->max = x[n - 1];
    for (int i = 0; i < 7; i++) {
        double h = (double)(n - 1) * sim_pcts[i];
        uint64_t lo = (uint64_t)floor(h);
        double frac = h - (double)lo;
        st->pct[i] = lo + 1 < n ? x[lo] + frac * (x[lo + 1] - x[lo]) : x[lo];
    }
    double w = (st->max - st->min) / SIM_BINS;
    for (int i = 0; i <= SIM_BINS; i++)
        st->edges[i] = i == SIM_BINS ? st->max : st->min + w * i;
    for (uint64_t i = 0; i < n; i++) {
        int bin = w > 0 ? (int)((x[i] - st->min) / w) : 0;
        if (bin >= SIM_BINS)
            bin = SIM_BINS - 1; /* the maximum closes the last bin */
        st->counts[bin]++;
    }
    free(x);
}

static void
sim_progress(Sim *sim, uint64_t trials, double started)
{
    struct timespec ts = {0, 100 * 1000 * 1000};
    bool shown = false;
    for (;;) {
        uint64_t d = atomic_load(&sim->done);
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        double el = (double)now.tv_sec + now.tv_nsec * 1e-9 - started;
        if (el > 0.5 || shown) {
            int w = (int)(40.0 * (double)d / (double)trials);
            fprintf(stderr, "\rsimulate [%-40.*s] %3d%% %llu/%llu trials", w,
                    "########################################",
                    (int)(100.0 * (double)d / (double)trials), (unsigned long long)d,
                    (unsigned long long)trials);
            fflush(stderr);
            shown = true;
        }
        if (d >= trials)
            break;
        nanosleep(&ts, NULL);
    }
    if (shown)
        fputs("\n", stderr);
}

static void
sim_print_json(FILE *out, const Sim *sim, const SimStats *st, uint64_t trials)
{
    fprintf(out, "{\"schema\": %d, \"trials\": %llu, \"seed\": %llu, \"outputs\": [",
            VS_JSON_SCHEMA, (unsigned long long)trials, (unsigned long long)sim->o->seed);
    for (uint32_t k = 0; k < sim->n_outs; k++) {
        const SimStats *s = &st[k];
        StrBuf b;
        strbuf_init(&b);
        strbuf_printf(&b, "%s\n  {\"output\": \"", k ? "," : "");
        for (const char *p = sim->outs[k].label; *p; p++) {
            if (*p == '"' || *p == '\\')
                strbuf_putc(&b, '\\');
            strbuf_putc(&b, *p);
        }
        strbuf_printf(&b, "\", \"numeric_trials\": %llu", (unsigned long long)s->n);
        /* %.17g: JSON readers get the doubles back exactly. */
        strbuf_printf(&b, ", \"mean\": %.17g, \"sd\": %.17g, \"min\": %.17g, \"max\": %.17g",
                      s->mean, s->sd, s->min, s->max);
        for (int i = 0; i < 7; i++)
            strbuf_printf(&b, ", \"%s\": %.17g", sim_pct_names[i], s->pct[i]);
        strbuf_printf(&b, ", \"p_below_zero\": %.17g, \"histogram\": {\"edges\": [",
                      s->p_below_zero);
        for (int i = 0; i <= SIM_BINS; i++)
            strbuf_printf(&b, "%s%.17g", i ? ", " : "", s->edges[i]);
        strbuf_puts(&b, "], \"counts\": [");
        for (int i = 0; i < SIM_BINS; i++)
            strbuf_printf(&b, "%s%llu", i ? ", " : "", (unsigned long long)s->counts[i]);
        strbuf_puts(&b, "]}}");
        fputs(b.data, out);
        strbuf_free(&b);
    }
    fputs("\n]}\n", out);
}

/* A text histogram: one line per bin, bars scaled to the fullest bin. */
static void
sim_print_histogram(FILE *out, const char *label, const SimStats *s)
{
    uint64_t most = 0;
    for (int i = 0; i < SIM_BINS; i++)
        if (s->counts[i] > most)
            most = s->counts[i];
    if (most == 0)
        return;
    fprintf(out, "\nhistogram of %s\n", label);
    for (int i = 0; i < SIM_BINS; i++) {
        int w = (int)(40.0 * (double)s->counts[i] / (double)most + 0.5);
        fprintf(out, "%14.6g .. %-14.6g %8llu %.*s\n", s->edges[i], s->edges[i + 1],
                (unsigned long long)s->counts[i], w,
                "########################################");
    }
}

enum { SIM_ROWS = 13 };
static const char *const sim_row_names[SIM_ROWS] = {
    "mean", "sd", "min", "P5", "P10", "P25", "P50", "P75", "P90", "P95", "max",
    "P(< 0)", "trials",
};

static double
sim_row_value(const SimStats *s, int r)
{
    switch (r) {
    case 0: return s->mean;
    case 1: return s->sd;
    case 2: return s->min;
    case 10: return s->max;
    case 11: return s->p_below_zero;
    case 12: return (double)s->n;
    default: return s->pct[r - 3];
    }
}

static void
sim_report(Sim *sim, const SimStats *st, uint64_t trials)
{
    char name[40];
    vs_report_name(sim->main, "Simulation", name, sizeof name);
    Report *r = report_new(name);
    const vs_sim_options *o = sim->o;
    report_text(r, 0, 0, o->title ? o->title : "Monte Carlo simulation", RS_TITLE);
    report_text(r, 1, 0, "Trials", RS_STRONG);
    report_number(r, 1, 1, (double)trials, "#,##0");
    report_text(r, 2, 0, "Seed", RS_STRONG);
    report_number(r, 2, 1, (double)o->seed, "0");
    report_text(r, 3, 0, "Static values computed by valsheet simulate: each trial samples "
                "every distribution cell; the model's sheets show their means. The same "
                "seed gives the same results.", RS_NOTE);
    report_text(r, 5, 0, "Statistic", RS_HEADER);
    for (uint32_t k = 0; k < sim->n_outs && k < 15; k++)
        report_text(r, 5, (uint16_t)(1 + k), sim->outs[k].label, RS_HEADER);
    for (int row = 0; row < SIM_ROWS; row++) {
        report_text(r, 6 + (uint32_t)row, 0, sim_row_names[row], RS_STRONG);
        for (uint32_t k = 0; k < sim->n_outs && k < 15; k++) {
            const char *fmt = row == 11 ? "0.0%" : row == 12 ? "#,##0"
                                                             : sim->outs[k].num_format;
            report_number(r, 6 + (uint32_t)row, (uint16_t)(1 + k), sim_row_value(&st[k], row),
                          fmt ? fmt : "#,##0.000");
        }
    }
    /* Histograms: bin start, end and count per output, and a chart each. */
    uint32_t top = 6 + SIM_ROWS + 2;
    report_text(r, top, 0, "Histograms", RS_TITLE);
    for (uint32_t k = 0; k < sim->n_outs && k < 4; k++) {
        uint16_t c0 = (uint16_t)(k * 4);
        report_text(r, top + 1, c0, sim->outs[k].label, RS_HEADER);
        report_text(r, top + 2, c0, "from", RS_HEADER);
        report_text(r, top + 2, (uint16_t)(c0 + 1), "to", RS_HEADER);
        report_text(r, top + 2, (uint16_t)(c0 + 2), "trials", RS_HEADER);
        char cats[SIM_BINS][48];
        for (int i = 0; i < SIM_BINS; i++) {
            const char *fmt = sim->outs[k].num_format ? sim->outs[k].num_format : "#,##0.000";
            report_number(r, top + 3 + (uint32_t)i, c0, st[k].edges[i], fmt);
            report_number(r, top + 3 + (uint32_t)i, (uint16_t)(c0 + 1), st[k].edges[i + 1], fmt);
            report_number(r, top + 3 + (uint32_t)i, (uint16_t)(c0 + 2),
                          (double)st[k].counts[i], "#,##0");
            snprintf(cats[i], sizeof cats[i], "%.4g", 0.5 * (st[k].edges[i] + st[k].edges[i + 1]));
        }
        char title[200];
        snprintf(title, sizeof title, "Distribution of %s", sim->outs[k].label);
        ReportChart *ch = report_chart(r, CHART_COLUMN, title, top + 25 + 16 * (k / 2),
                                       (uint16_t)(8 * (k % 2)), 560, 280);
        StrBuf ref;
        strbuf_init(&ref);
        char a[4];
        ast_col_name((uint16_t)(c0 + 2), a);
        strbuf_putc(&ref, '=');
        bool plain = strchr(name, ' ') == NULL && strchr(name, '(') == NULL;
        strbuf_printf(&ref, plain ? "%s!$%s$%u:$%s$%u" : "'%s'!$%s$%u:$%s$%u", name, a,
                      top + 4, a, top + 3 + SIM_BINS);
        ReportSeries *s = report_series(ch, "trials", NULL, ref.data, SIM_BINS);
        for (int i = 0; i < SIM_BINS; i++)
            s->val_cache[i] = (double)st[k].counts[i];
        (void)cats;
        strbuf_free(&ref);
    }
    r->widths[0] = 22;
    for (int c = 1; c < 16; c++)
        r->widths[c] = 14;
    vs_add_report(sim->main, r);
}

/* The model's `outputs`, or the list given. */
static bool
sim_outputs(Sim *sim)
{
    vs_book *vb = sim->main;
    Book *b = &vb->book;
    const vs_sim_options *o = sim->o;
    uint32_t n = o->n_outputs ? (uint32_t)o->n_outputs : b->n_outputs;
    if (n == 0) {
        fprintf(vb->diags.out, "valsheet simulate: error: the model has no 'outputs' "
                "statement; give --outputs REF|NAME,...\n");
        return false;
    }
    if (n > SIM_MAX_OUTPUTS) {
        fprintf(vb->diags.out, "valsheet simulate: error: at most %d outputs\n",
                SIM_MAX_OUTPUTS);
        return false;
    }
    sim->outs = calloc(n, sizeof *sim->outs);
    if (!sim->outs)
        arena_fatal("simulate");
    for (uint32_t i = 0; i < n; i++) {
        SimOutput *so = &sim->outs[i];
        RangeRef r;
        if (o->n_outputs) {
            if (!vs_resolve(vb, o->outputs[i], &r) || r.row0 != r.row1 || r.col0 != r.col1) {
                fprintf(vb->diags.out, "valsheet simulate: error: output '%s' is not a "
                        "cell or a name of one cell of the model\n", o->outputs[i]);
                return false;
            }
            snprintf(so->label, sizeof so->label, "%s", o->outputs[i]);
        } else {
            const AstNode *e = b->outputs[i];
            const AstNode *t = e->kind == AST_NAME && e->u.name.def ? e->u.name.def->expr : e;
            if (!t || t->kind != AST_REF)
                continue;
            r = (RangeRef){t->u.ref.sheet, t->u.ref.row0, t->u.ref.row0, t->u.ref.col0,
                           t->u.ref.col0};
            if (e->kind == AST_NAME)
                snprintf(so->label, sizeof so->label, "%s", e->u.name.name->s);
            else
                book_cell_name(b, r.sheet, r.row0, r.col0, so->label, sizeof so->label);
        }
        so->ref = r;
        sim->n_outs++;
    }
    return sim->n_outs > 0;
}

vs_status
vs_book_simulate(vs_book *vb, const vs_sim_options *o, FILE *out, vs_format fmt)
{
    if (vb->load_failed)
        return VS_ERR_BIND;
    vs_status s = vs_recalc(vb);
    if (s != VS_OK && s != VS_ERR_CYCLE)
        return s;
    uint64_t trials = o->trials ? o->trials : 10000;
    unsigned threads = o->threads ? o->threads : 1;
    if (trials > SIM_MAX_TRIALS || threads > SIM_MAX_THREADS) {
        fprintf(vb->diags.out, "valsheet simulate: error: at most %llu trials and %d "
                "threads\n", SIM_MAX_TRIALS, SIM_MAX_THREADS);
        return VS_ERR_USAGE;
    }
    if ((uint64_t)threads > trials)
        threads = (unsigned)trials;
    Sim sim;
    memset(&sim, 0, sizeof sim);
    sim.main = vb;
    sim.o = o;
    if (!sim_outputs(&sim)) {
        free(sim.outs);
        return VS_ERR_USAGE;
    }
    bool any_random = false;
    for (uint32_t i = 0; i < vb->book.n_cells && !any_random; i++)
        any_random = (vb->book.cells[i].flags & CELL_RANDOM) != 0;
    if (!any_random)
        fprintf(vb->diags.out, "valsheet simulate: warning: the model has no distribution "
                "(NORMAL, BERNOULLI, ...): every trial is the same\n");
    for (uint32_t k = 0; k < sim.n_outs; k++)
        sim.outs[k].num_format = book_number_format(&vb->book, &sim.outs[k].ref);
    sim.results = malloc(trials * sim.n_outs * sizeof *sim.results);
    if (!sim.results)
        arena_fatal("simulate");
    atomic_init(&sim.done, 0);
    atomic_init(&sim.failed, 0);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    SimWorker w[SIM_MAX_THREADS];
    pthread_t tid[SIM_MAX_THREADS];
    bool started[SIM_MAX_THREADS] = {false};
    for (unsigned t = 0; t < threads; t++) {
        w[t].sim = &sim;
        w[t].first = trials * t / threads;
        w[t].last = trials * (t + 1) / threads;
    }
    /* Thread 0's block runs on the main book; the others on copies. */
    for (unsigned t = 1; t < threads; t++)
        started[t] = pthread_create(&tid[t], NULL, sim_thread, &w[t]) == 0;
    for (unsigned t = 1; t < threads; t++)
        if (!started[t])
            sim_thread(&w[t]); /* no thread: do the block here */
    if (o->progress) {
        /* A progress thread would need its own book; the main thread
         * draws the bar between its own trials instead. */
        uint64_t step = trials / 100 ? trials / 100 : 1;
        for (uint64_t a = w[0].first; a < w[0].last; a += step) {
            uint64_t bnd = a + step < w[0].last ? a + step : w[0].last;
            sim_run(&sim, vb, a, bnd);
            uint64_t d = atomic_load(&sim.done);
            int width = (int)(40.0 * (double)d / (double)trials);
            fprintf(stderr, "\rsimulate [%-40.*s] %3d%%", width,
                    "########################################",
                    (int)(100.0 * (double)d / (double)trials));
        }
        double st0 = (double)t0.tv_sec + t0.tv_nsec * 1e-9;
        sim_progress(&sim, trials, st0 - 1.0);
    } else {
        sim_run(&sim, vb, w[0].first, w[0].last);
    }
    for (unsigned t = 1; t < threads; t++)
        if (started[t])
            pthread_join(tid[t], NULL);
    if (atomic_load(&sim.failed)) {
        fprintf(vb->diags.out, "valsheet simulate: error: a worker could not reopen the "
                "model\n");
        free(sim.results);
        free(sim.outs);
        return VS_ERR_IO;
    }
    SimStats *st = calloc(sim.n_outs, sizeof *st);
    if (!st)
        arena_fatal("simulate");
    for (uint32_t k = 0; k < sim.n_outs; k++)
        sim_stats(&sim, k, trials, &st[k]);
    if (out) {
        if (fmt == VS_FORMAT_JSON) {
            sim_print_json(out, &sim, st, trials);
        } else {
            Value *cells = calloc((size_t)SIM_ROWS * sim.n_outs, sizeof *cells);
            const char **cols = calloc(sim.n_outs, sizeof *cols);
            if (!cells || !cols)
                arena_fatal("simulate");
            for (uint32_t k = 0; k < sim.n_outs; k++) {
                cols[k] = sim.outs[k].label;
                for (int r = 0; r < SIM_ROWS; r++)
                    cells[(size_t)r * sim.n_outs + k] = value_number(sim_row_value(&st[k], r));
            }
            char title[200];
            snprintf(title, sizeof title, "%s: %llu trials, seed %llu",
                     o->title ? o->title : "Monte Carlo simulation",
                     (unsigned long long)trials, (unsigned long long)o->seed);
            PrintTable t = {fmt == VS_FORMAT_CSV ? NULL : title, "statistic", cols,
                            sim.n_outs, sim_row_names, SIM_ROWS, cells};
            print_table(out, fmt == VS_FORMAT_CSV ? PRINT_CSV : PRINT_TEXT, &t);
            if (fmt != VS_FORMAT_CSV)
                for (uint32_t k = 0; k < sim.n_outs; k++)
                    sim_print_histogram(out, sim.outs[k].label, &st[k]);
            free(cells);
            free(cols);
        }
    }
    sim_report(&sim, st, trials);
    free(st);
    free(sim.results);
    free(sim.outs);
    return VS_OK;
}
