/*
 * cli: main() of the valsheet command. Parses arguments, drives the public
 * API and maps statuses to exit codes: 0 success, 1 errors in the model,
 * 2 usage or I/O failure.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_watch.h"
#include "valsheet.h"

enum { EXIT_MODEL = 1, EXIT_USAGE = 2 };

/* 2024-01-01T00:00:00Z: the document date when SOURCE_DATE_EPOCH is unset,
 * so builds are reproducible by default. */
#define CLI_DEFAULT_EPOCH 1704067200LL

static const char cli_usage[] =
    "usage: valsheet build MODEL [-o OUT.xlsx] [--set NAME=VALUE ...] [--scenario S]\n"
    "                          [--strict]\n"
    "       valsheet eval MODEL [REF|NAME ...] [--outputs] [--format text|csv|json]\n"
    "                          [--set NAME=VALUE ...] [--scenario S] [--strict]\n"
    "       valsheet check MODEL [--target excel2010|excel365|libreoffice]\n"
    "       valsheet verify MODEL OUT.xlsx [--set NAME=VALUE ...] [--scenario S]\n"
    "       valsheet scenarios MODEL [--outputs REF|NAME,...] [--format F]\n"
    "       valsheet tornado MODEL --output REF|NAME --inputs NAME,... [--swing 20%]\n"
    "                          [--low-high NAME=LOW:HIGH ...] [--format F] [--xlsx OUT]\n"
    "       valsheet table MODEL --output REF|NAME[,...] --vary NAME=v1,v2,...\n"
    "                          [--vary NAME=w1,w2,...] [--format F] [--xlsx OUT]\n"
    "       valsheet solve MODEL --vary NAME --target REF|NAME --value V\n"
    "                          [--min A --max B] [--format F] [--xlsx OUT]\n"
    "       valsheet simulate MODEL [--outputs REF|NAME,...] [--trials N] [--seed S]\n"
    "                          [--threads T] [--format F] [--xlsx OUT]\n"
    "       valsheet watch MODEL [-o OUT.xlsx] [--set NAME=VALUE ...] [--scenario S]\n"
    "       valsheet functions [NAME] [--format text|json|markdown]\n"
    "       valsheet bench-edit MODEL --edit REF=VALUE ... [--print REF ...]\n"
    "       valsheet fmt [--write | --check] MODEL...\n"
    "       valsheet diff OLD NEW [--outputs REF|NAME,...] [--format text|json|markdown]\n"
    "       valsheet --help | --version\n"
    "\n"
    "build   recalculates MODEL (.vsheet) and writes a workbook with live formulas\n"
    "        and cached values (default OUT: MODEL with .xlsx)\n"
    "eval    prints the values of the given cells, ranges or names, of the model's\n"
    "        'outputs' (--outputs), or of every non-empty cell\n"
    "check   parses and binds MODEL and checks for circular references; with\n"
    "        --target, warns at every function that application lacks\n"
    "scenarios  prints the outputs under the base case and every scenario\n"
    "tornado    each input moved alone to low and high (default: base -/+ 20%),\n"
    "        sorted by the swing of the output\n"
    "table      one- or two-way data table of the output over the values given\n"
    "        (NAME=START:STOP:STEP also works)\n"
    "solve      the input value that makes the target equal V (Brent's method)\n"
    "simulate   Monte Carlo: samples every distribution (NORMAL, BERNOULLI, ...)\n"
    "        per trial (default 10,000 trials, seed 1); statistics and histograms\n"
    "        tornado, table, solve and simulate: --xlsx OUT writes the workbook\n"
    "        with the result as an extra sheet, titled with --title TEXT\n"
    "verify     rebuilds MODEL into a temporary file and checks that OUT.xlsx has\n"
    "        the same bytes (exit 0), or says where it differs (exit 1)\n"
    "watch   builds, then rebuilds whenever MODEL or a file it includes or\n"
    "        imports changes (Linux inotify); stop with Ctrl-C\n"
    "functions  lists the built-in functions, or describes one\n"
    "fmt     prints MODEL in the canonical layout; --write rewrites it in place,\n"
    "        --check names each file that is not formatted (exit 1)\n"
    "diff    changed inputs, formulas, cells, names and sheets between two models\n"
    "        and the change of each output; exit 1 when a computed value differs\n"
    "bench-edit recalculates MODEL, then applies each --edit with an incremental\n"
    "        recalculation, printing its time, the cells evaluated and the --print\n"
    "        cells as one JSON line per edit\n"
    "\n"
    "--set NAME_OR_REF=VALUE  override an input for this run (repeatable)\n"
    "--scenario NAME          evaluate under a scenario block of the model\n"
    "--strict                 fail when any formula evaluates to an error\n"
    "--stats                  print each phase's time and peak memory on stderr\n"
    "--color=auto|always|never  colour diagnostics (auto: only on a terminal and\n"
    "                         when NO_COLOR is unset)\n"
    "\n"
    "Exit status: 0 success, 1 errors in the model, 2 usage or I/O failure.\n"
    "SOURCE_DATE_EPOCH, when set, gives the workbook's document date.\n"
    "NO_COLOR, when set and not empty, turns colour off (as --color=never).\n";

typedef struct CliArgs {
    const char *cmd;
    const char *model;
    const char *out;
    const char **sets;
    int n_sets;
    const char **refs;
    int n_refs;
    vs_format fmt;
    int strict;
    int outputs;
    int stats;
    const char **edits;     /* bench-edit: REF=VALUE */
    int n_edits;
    const char **prints;    /* bench-edit: cells to report */
    int n_prints;
    const char *scenario;   /* --scenario */
    const char *xlsx;       /* decision commands: --xlsx OUT */
    const char **dargs;     /* decision commands: their own options */
    int n_dargs;
    const char *outputs_list; /* scenarios, simulate: --outputs a,b */
    const char *trials;     /* simulate */
    const char *seed;
    const char *threads;
    const char *title;
    int full_recalc;
    const char *target;     /* check --target */
    vs_color color;         /* --color */
    WatchDeps *deps;        /* watch: the files each build read */
} CliArgs;

/* Options the decision commands take, passed to vs_book_analyse. */
static const char *const cli_decide_opts[] = {
    "--output", "--inputs", "--swing", "--low-high", "--vary", "--target",
    "--value", "--min", "--max", "--title",
};

static bool
cli_is_decide(const char *cmd)
{
    return cmd && (!strcmp(cmd, "tornado") || !strcmp(cmd, "table") ||
                   !strcmp(cmd, "solve"));
}

static int
cli_usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "valsheet: error: %s%s%s%s\n", msg, arg ? " '" : "", arg ? arg : "",
            arg ? "'" : "");
    fprintf(stderr, "Try 'valsheet --help'.\n");
    return EXIT_USAGE;
}

static int
cli_parse(int argc, char **argv, CliArgs *a)
{
    memset(a, 0, sizeof *a);
    a->color = VS_COLOR_AUTO;
    a->sets = calloc((size_t)argc, sizeof *a->sets);
    a->refs = calloc((size_t)argc, sizeof *a->refs);
    a->edits = calloc((size_t)argc, sizeof *a->edits);
    a->prints = calloc((size_t)argc, sizeof *a->prints);
    a->dargs = calloc((size_t)argc * 2, sizeof *a->dargs);
    if (!a->sets || !a->refs || !a->edits || !a->prints || !a->dargs)
        return cli_usage_error("out of memory", NULL);
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        bool decide_opt = false;
        for (size_t k = 0; cli_is_decide(a->cmd) && k < sizeof cli_decide_opts /
                                                      sizeof cli_decide_opts[0]; k++) {
            size_t n = strlen(cli_decide_opts[k]);
            if (!strncmp(s, cli_decide_opts[k], n) && (s[n] == '\0' || s[n] == '='))
                decide_opt = true;
        }
        if (decide_opt) {
            a->dargs[a->n_dargs++] = s;
            if (!strchr(s, '=')) {
                if (++i >= argc)
                    return cli_usage_error("missing value after", s);
                a->dargs[a->n_dargs++] = argv[i];
            }
        } else if (strcmp(s, "--scenario") == 0 || strncmp(s, "--scenario=", 11) == 0) {
            a->scenario = s[10] == '=' ? s + 11 : (++i < argc ? argv[i] : NULL);
            if (!a->scenario)
                return cli_usage_error("missing NAME after", s);
        } else if (strcmp(s, "--xlsx") == 0) {
            if (++i >= argc)
                return cli_usage_error("missing file after", s);
            a->xlsx = argv[i];
        } else if (a->cmd && !strcmp(a->cmd, "simulate") &&
                   (!strcmp(s, "--trials") || !strcmp(s, "--seed") ||
                    !strcmp(s, "--threads") || !strcmp(s, "--title"))) {
            if (++i >= argc)
                return cli_usage_error("missing value after", s);
            if (!strcmp(s, "--trials"))
                a->trials = argv[i];
            else if (!strcmp(s, "--seed"))
                a->seed = argv[i];
            else if (!strcmp(s, "--threads"))
                a->threads = argv[i];
            else
                a->title = argv[i];
        } else if (a->cmd && !strcmp(a->cmd, "simulate") && !strcmp(s, "--full-recalc")) {
            a->full_recalc = 1;
        } else if (a->cmd && (!strcmp(a->cmd, "scenarios") || !strcmp(a->cmd, "simulate")) &&
                   (!strcmp(s, "--outputs") || !strncmp(s, "--outputs=", 10))) {
            a->outputs_list = s[9] == '=' ? s + 10 : (++i < argc ? argv[i] : NULL);
            if (!a->outputs_list)
                return cli_usage_error("missing REF|NAME,... after", s);
        } else if (strcmp(s, "-o") == 0 || strcmp(s, "--output") == 0) {
            if (++i >= argc)
                return cli_usage_error("missing file after", s);
            a->out = argv[i];
        } else if (strcmp(s, "--set") == 0) {
            if (++i >= argc)
                return cli_usage_error("missing NAME=VALUE after", s);
            a->sets[a->n_sets++] = argv[i];
        } else if (strncmp(s, "--set=", 6) == 0) {
            a->sets[a->n_sets++] = s + 6;
        } else if (strcmp(s, "--format") == 0 || strncmp(s, "--format=", 9) == 0) {
            const char *f = s[8] == '=' ? s + 9 : (++i < argc ? argv[i] : NULL);
            if (!f)
                return cli_usage_error("missing format after", s);
            if (strcmp(f, "text") == 0)
                a->fmt = VS_FORMAT_TEXT;
            else if (strcmp(f, "csv") == 0)
                a->fmt = VS_FORMAT_CSV;
            else if (strcmp(f, "json") == 0)
                a->fmt = VS_FORMAT_JSON;
            else if (strcmp(f, "markdown") == 0)
                a->fmt = VS_FORMAT_MARKDOWN;
            else
                return cli_usage_error("unknown format (text, csv or json):", f);
        } else if (strcmp(s, "--strict") == 0) {
            a->strict = 1;
        } else if (strcmp(s, "--stats") == 0) {
            a->stats = 1;
        } else if (strcmp(s, "--edit") == 0) {
            if (++i >= argc)
                return cli_usage_error("missing REF=VALUE after", s);
            a->edits[a->n_edits++] = argv[i];
        } else if (strcmp(s, "--print") == 0) {
            if (++i >= argc)
                return cli_usage_error("missing REF after", s);
            a->prints[a->n_prints++] = argv[i];
        } else if (strcmp(s, "--target") == 0 || strncmp(s, "--target=", 9) == 0) {
            a->target = s[8] == '=' ? s + 9 : (++i < argc ? argv[i] : NULL);
            if (!a->target)
                return cli_usage_error("missing application after", s);
        } else if (strcmp(s, "--outputs") == 0) {
            a->outputs = 1;
        } else if (strcmp(s, "--color") == 0 || strncmp(s, "--color=", 8) == 0) {
            const char *c = s[7] == '=' ? s + 8 : (++i < argc ? argv[i] : NULL);
            if (c && !strcmp(c, "auto"))
                a->color = VS_COLOR_AUTO;
            else if (c && !strcmp(c, "always"))
                a->color = VS_COLOR_ALWAYS;
            else if (c && !strcmp(c, "never"))
                a->color = VS_COLOR_NEVER;
            else
                return cli_usage_error("--color takes auto, always or never, got", c ? c : "");
        } else if (s[0] == '-' && s[1] != '\0') {
            return cli_usage_error("unknown option", s);
        } else if (!a->cmd) {
            a->cmd = s;
        } else if (!a->model) {
            a->model = s;
        } else {
            a->refs[a->n_refs++] = s;
        }
    }
    if (!a->cmd)
        return cli_usage_error("missing command (build, eval, check or functions)", NULL);
    if (strcmp(a->cmd, "functions") == 0) {
        if (a->n_refs)
            return cli_usage_error("unexpected argument", a->refs[0]);
        if (a->fmt == VS_FORMAT_CSV)
            return cli_usage_error("functions lists as text, json or markdown", NULL);
        return 0;
    }
    if (strcmp(a->cmd, "build") && strcmp(a->cmd, "watch") && strcmp(a->cmd, "eval") && strcmp(a->cmd, "check") &&
        strcmp(a->cmd, "bench-edit") && strcmp(a->cmd, "scenarios") &&
        strcmp(a->cmd, "simulate") && strcmp(a->cmd, "verify") && !cli_is_decide(a->cmd))
        return cli_usage_error("unknown command", a->cmd);
    if (a->xlsx && !cli_is_decide(a->cmd) && strcmp(a->cmd, "simulate") != 0)
        return cli_usage_error("--xlsx is for tornado, table, solve and simulate", NULL);
    if ((a->n_edits || a->n_prints) && strcmp(a->cmd, "bench-edit") != 0)
        return cli_usage_error("--edit and --print are for bench-edit", NULL);
    if (a->fmt == VS_FORMAT_MARKDOWN && strcmp(a->cmd, "scenarios") != 0)
        return cli_usage_error("--format markdown is for 'functions' and 'scenarios'", NULL);
    if (!a->model)
        return cli_usage_error("missing MODEL file", NULL);
    if (!strcmp(a->cmd, "verify") && a->n_refs != 1)
        return a->n_refs ? cli_usage_error("unexpected argument", a->refs[1])
                         : cli_usage_error("missing OUT.xlsx to verify", NULL);
    if (strcmp(a->cmd, "eval") != 0 && strcmp(a->cmd, "verify") != 0 && a->n_refs)
        return cli_usage_error("unexpected argument", a->refs[0]);
    if (strcmp(a->cmd, "check") != 0 && a->target)
        return cli_usage_error("--target is only for check", NULL);
    if (strcmp(a->cmd, "build") != 0 && strcmp(a->cmd, "watch") != 0 && a->out)
        return cli_usage_error("-o is only for build and watch", NULL);
    return 0;
}

static int
cli_exit_for(vs_status s)
{
    switch (s) {
    case VS_OK:
        return 0;
    case VS_ERR_IO:
    case VS_ERR_XLSX:
    case VS_ERR_USAGE:
        return EXIT_USAGE;
    default:
        return EXIT_MODEL;
    }
}

/* MODEL.vsheet -> MODEL.xlsx; other names get .xlsx appended. */
static char *
cli_default_out(const char *model)
{
    size_t n = strlen(model);
    const char *ext = ".vsheet";
    size_t en = strlen(ext);
    size_t base = (n > en && strcmp(model + n - en, ext) == 0) ? n - en : n;
    char *out = malloc(base + 6);
    if (!out)
        return NULL;
    memcpy(out, model, base);
    memcpy(out + base, ".xlsx", 6);
    return out;
}

static int64_t
cli_created(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (!e || !*e)
        return CLI_DEFAULT_EPOCH;
    char *end;
    errno = 0;
    long long v = strtoll(e, &end, 10);
    if (errno || *end || v < 0) {
        fprintf(stderr, "valsheet: warning: ignoring invalid SOURCE_DATE_EPOCH '%s'\n", e);
        return CLI_DEFAULT_EPOCH;
    }
    return v;
}

/* bench-edit: the incremental path as the decision-support commands use
 * it, timed edit by edit. */
static int
cli_bench_edit(const CliArgs *a, vs_book *b)
{
    for (int i = 0; i < a->n_edits; i++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        vs_status s = vs_book_set(b, a->edits[i]);
        if (s == VS_OK)
            s = vs_book_recalc(b);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (s != VS_OK)
            return cli_exit_for(s);
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
        printf("{\"schema\": %d, \"edit\": \"%s\", \"seconds\": %.9f, \"dirty\": %u",
               VS_JSON_SCHEMA, a->edits[i], secs,
               vs_book_last_recalc_count(b));
        for (int k = 0; k < a->n_prints; k++) {
            double x;
            char text[128];
            vs_status g = vs_book_get(b, a->prints[k], &x, text, sizeof text);
            if (g == VS_ERR_USAGE) {
                fprintf(stderr, "valsheet: error: '%s' is not a cell of the model\n",
                        a->prints[k]);
                return EXIT_USAGE;
            }
            if (g == VS_OK)
                printf(", \"%s\": %.17g", a->prints[k], x);
            else
                printf(", \"%s\": \"%s\"", a->prints[k], text);
        }
        printf("}\n");
    }
    return 0;
}

/* A whole non-negative number for --trials, --seed, --threads. */
static bool
cli_count(const char *opt, const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-') {
        cli_usage_error(opt, s);
        return false;
    }
    *out = strtoull(s, &end, 10);
    if (errno || *end) {
        fprintf(stderr, "valsheet: error: %s takes a whole number, got '%s'\n", opt, s);
        return false;
    }
    return true;
}

static int
cli_simulate(const CliArgs *a, vs_book *b)
{
    const char *list[256];
    size_t n = 0;
    char *copy = a->outputs_list ? strdup(a->outputs_list) : NULL;
    for (char *tok = copy ? strtok(copy, ",") : NULL; tok && n < 256; tok = strtok(NULL, ","))
        list[n++] = tok;
    unsigned long long trials = 10000, seed = 1, threads = 1;
    if ((a->trials && !cli_count("--trials", a->trials, &trials)) ||
        (a->seed && !cli_count("--seed", a->seed, &seed)) ||
        (a->threads && !cli_count("--threads", a->threads, &threads))) {
        free(copy);
        return EXIT_USAGE;
    }
    if (trials == 0 || threads == 0) {
        free(copy);
        return cli_usage_error("--trials and --threads must be at least 1", NULL);
    }
    vs_sim_options o = {list, n, trials, seed, (unsigned)threads,
                        isatty(2) && trials >= 1000, a->full_recalc, a->title};
    vs_status s = vs_book_simulate(b, &o, stdout, a->fmt);
    free(copy);
    if (s == VS_OK && a->xlsx)
        s = vs_book_write_xlsx(b, a->xlsx, cli_created());
    return cli_exit_for(s);
}

/* scenarios, tornado, table, solve over the evaluated book. */
static int
cli_decide(const CliArgs *a, vs_book *b)
{
    vs_status s;
    if (!strcmp(a->cmd, "simulate"))
        return cli_simulate(a, b);
    if (!strcmp(a->cmd, "scenarios")) {
        const char *list[256];
        size_t n = 0;
        char *copy = a->outputs_list ? strdup(a->outputs_list) : NULL;
        for (char *tok = copy ? strtok(copy, ",") : NULL; tok && n < 256;
             tok = strtok(NULL, ","))
            list[n++] = tok;
        s = vs_book_compare_scenarios(b, list, n, stdout, a->fmt);
        free(copy);
        return cli_exit_for(s);
    }
    s = vs_book_analyse(b, a->cmd, a->n_dargs, a->dargs, stdout, a->fmt);
    if (s == VS_OK && a->xlsx)
        s = vs_book_write_xlsx(b, a->xlsx, cli_created());
    return cli_exit_for(s);
}

/* verify: build as `build` would, compare; says so on success. */
static int
cli_verify(const CliArgs *a, vs_book *b)
{
    vs_status s = vs_book_verify_xlsx(b, a->refs[0], cli_created());
    if (s == VS_OK)
        printf("%s: matches a rebuild of %s with valsheet %s\n", a->refs[0], a->model,
               vs_version());
    return cli_exit_for(s);
}

static int cli_run(const CliArgs *a);

static int
cli_watch_build(void *arg, WatchDeps *deps)
{
    CliArgs *a = arg;
    a->deps = deps;
    return cli_run(a);
}

/* watch is build in a loop: the same arguments with the command renamed. */
static int
cli_watch(const CliArgs *a)
{
    CliArgs build = *a;
    build.cmd = "build";
    char *def = a->out ? NULL : cli_default_out(a->model);
    if (!a->out)
        build.out = def;
    int rc = watch_run(a->model, build.out, cli_watch_build, &build);
    free(def);
    return rc;
}

static int
cli_run(const CliArgs *a)
{
    if (strcmp(a->cmd, "functions") == 0) {
        /* The model slot holds the optional function name. */
        if (vs_functions_print(stdout, a->model, a->fmt) != VS_OK) {
            fprintf(stderr, "valsheet: error: unknown function '%s'\n", a->model);
            return EXIT_USAGE;
        }
        return fflush(stdout) == 0 ? 0 : EXIT_USAGE;
    }
    if (strcmp(a->cmd, "watch") == 0)
        return cli_watch(a);
    vs_book *b = NULL;
    vs_open_options oo = {stderr, a->color};
    vs_status s = vs_book_open_file_opt(a->model, &oo, &b);
    if (a->deps && b)
        watch_note_book(a->deps, b);
    if (s != VS_OK) {
        vs_book_close(b);
        return cli_exit_for(s);
    }
    for (int i = 0; i < a->n_sets; i++) {
        s = vs_book_set(b, a->sets[i]);
        if (s != VS_OK) {
            vs_book_close(b);
            return cli_exit_for(s);
        }
    }
    if (strcmp(a->cmd, "check") == 0) {
        s = a->target ? vs_book_check_target(b, a->target) : VS_OK;
        if (s == VS_OK)
            s = vs_book_check_graph(b);
        vs_book_close(b);
        return cli_exit_for(s);
    }
    if (a->scenario && (s = vs_book_use_scenario(b, a->scenario)) != VS_OK) {
        vs_book_close(b);
        return cli_exit_for(s);
    }
    s = vs_book_recalc(b);
    int rc = cli_exit_for(s);
    if (rc == 0 && (cli_is_decide(a->cmd) || !strcmp(a->cmd, "scenarios") ||
                    !strcmp(a->cmd, "simulate"))) {
        rc = cli_decide(a, b);
        vs_book_close(b);
        if (fflush(stdout) != 0)
            return EXIT_USAGE;
        return rc;
    }
    if (strcmp(a->cmd, "bench-edit") == 0) {
        if (rc == 0)
            rc = cli_bench_edit(a, b);
        if (a->stats)
            vs_book_print_stats(b, stderr);
        vs_book_close(b);
        return rc;
    }
    if (a->strict && vs_book_check_values(b) != VS_OK)
        rc = EXIT_MODEL;
    if (strcmp(a->cmd, "eval") == 0) {
        vs_status ps = a->outputs ? vs_book_print_outputs(b, stdout, a->fmt)
                                  : vs_book_print(b, stdout, a->refs,
                                                  (size_t)a->n_refs, a->fmt);
        if (ps != VS_OK)
            rc = cli_exit_for(ps);
        if (a->stats)
            vs_book_print_stats(b, stderr);
        vs_book_close(b);
        if (fflush(stdout) != 0)
            return EXIT_USAGE;
        return rc;
    }
    /* build: never write a workbook from a model with errors. */
    if (rc != 0) {
        vs_book_close(b);
        return rc;
    }
    s = vs_book_run_analyses(b);
    if (s != VS_OK) {
        vs_book_close(b);
        return cli_exit_for(s);
    }
    if (!strcmp(a->cmd, "verify")) {
        rc = cli_verify(a, b);
        vs_book_close(b);
        return rc;
    }
    char *def = a->out ? NULL : cli_default_out(a->model);
    const char *out = a->out ? a->out : def;
    s = vs_book_write_xlsx(b, out, cli_created());
    free(def);
    if (a->stats)
        vs_book_print_stats(b, stderr);
    vs_book_close(b);
    return cli_exit_for(s);
}

/* valsheet fmt [--write|--check] MODEL...: exit 1 for a model with
 * errors or, with --check, one that is not formatted. */
static int
cli_fmt(int argc, char **argv)
{
    vs_fmt_mode mode = VS_FMT_PRINT;
    int n_files = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--write") || !strcmp(argv[i], "-w"))
            mode = VS_FMT_WRITE;
        else if (!strcmp(argv[i], "--check"))
            mode = VS_FMT_CHECK;
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return cli_usage_error("unknown option", argv[i]);
        else
            n_files++;
    }
    if (!n_files)
        return cli_usage_error("missing MODEL file", NULL);
    int rc = 0;
    for (int i = 2; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            continue;
        int changed = 0;
        int r = cli_exit_for(vs_format_file(argv[i], mode, stdout, stderr, &changed));
        if (r == 0 && mode == VS_FMT_CHECK && changed)
            r = EXIT_MODEL;
        if (r > rc)
            rc = r;
    }
    return fflush(stdout) == 0 ? rc : EXIT_USAGE;
}

/* valsheet diff OLD NEW [--outputs REF|NAME,...] [--format F]: exit 0
 * when no computed value differs, 1 when one does, 2 on usage errors or a
 * model that does not load. */
static int
cli_diff(int argc, char **argv)
{
    const char *files[2] = {NULL, NULL};
    const char *list = NULL;
    vs_format fmt = VS_FORMAT_TEXT;
    int n_files = 0;
    for (int i = 2; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "--outputs") || !strcmp(s, "--format")) {
            if (++i >= argc)
                return cli_usage_error("missing value after", s);
            if (!strcmp(s, "--outputs"))
                list = argv[i];
            else if (!strcmp(argv[i], "text") || !strcmp(argv[i], "json") ||
                     !strcmp(argv[i], "markdown"))
                fmt = argv[i][0] == 't' ? VS_FORMAT_TEXT
                      : argv[i][0] == 'j' ? VS_FORMAT_JSON : VS_FORMAT_MARKDOWN;
            else
                return cli_usage_error("unknown format (text, json or markdown):", argv[i]);
        } else if (s[0] == '-' && s[1] != '\0') {
            return cli_usage_error("unknown option", s);
        } else if (n_files < 2) {
            files[n_files++] = s;
        } else {
            return cli_usage_error("unexpected argument", s);
        }
    }
    if (n_files < 2)
        return cli_usage_error("diff needs OLD and NEW model files", NULL);
    vs_book *books[2] = {NULL, NULL};
    int rc = 0;
    for (int k = 0; k < 2 && rc == 0; k++) {
        vs_status s = vs_book_open_file(files[k], stderr, &books[k]);
        if (s == VS_OK && (s = vs_book_recalc(books[k])) == VS_ERR_CYCLE)
            s = VS_OK;  /* cycles are reported; their cells show #CIRC! */
        if (s != VS_OK)
            rc = EXIT_USAGE;
    }
    char *copy = list ? strdup(list) : NULL;
    const char *outs[256];
    size_t n = 0;
    for (char *t = copy ? strtok(copy, ",") : NULL; t && n < 256; t = strtok(NULL, ","))
        outs[n++] = t;
    if (rc == 0) {
        int differs = 0;
        vs_status s = vs_book_diff(books[0], books[1], outs, n, stdout, fmt, &differs);
        rc = s != VS_OK ? EXIT_USAGE : differs ? EXIT_MODEL : 0;
    }
    free(copy);
    vs_book_close(books[0]);
    vs_book_close(books[1]);
    return fflush(stdout) == 0 ? rc : EXIT_USAGE;
}

int
main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(cli_usage, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("valsheet %s\n", VS_VERSION);
            return 0;
        }
    }
    if (argc > 1 && !strcmp(argv[1], "fmt"))
        return cli_fmt(argc, argv);
    if (argc > 1 && !strcmp(argv[1], "diff"))
        return cli_diff(argc, argv);
    CliArgs a;
    int rc = cli_parse(argc, argv, &a);
    if (rc == 0)
        rc = cli_run(&a);
    free(a.sets);
    free(a.refs);
    free(a.edits);
    free(a.prints);
    free(a.dargs);
    return rc;
}
