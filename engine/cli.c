/*
 * cli: main() of the valsheet command. Parses arguments, drives the public
 * API and maps statuses to exit codes: 0 success, 1 errors in the model,
 * 2 usage or I/O failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "valsheet.h"

enum { EXIT_MODEL = 1, EXIT_USAGE = 2 };

/* 2024-01-01T00:00:00Z: the document date when SOURCE_DATE_EPOCH is unset,
 * so builds are reproducible by default. */
#define CLI_DEFAULT_EPOCH 1704067200LL

static const char cli_usage[] =
    "usage: valsheet build MODEL [-o OUT.xlsx] [--set NAME=VALUE ...] [--strict]\n"
    "       valsheet eval MODEL [REF|NAME ...] [--outputs] [--format text|csv|json]\n"
    "                          [--set NAME=VALUE ...] [--strict]\n"
    "       valsheet check MODEL [--target excel2010|excel365|libreoffice]\n"
    "       valsheet functions [NAME] [--format text|json|markdown]\n"
    "       valsheet bench-edit MODEL --edit REF=VALUE ... [--print REF ...]\n"
    "       valsheet --help | --version\n"
    "\n"
    "build   recalculates MODEL (.vsheet) and writes a workbook with live formulas\n"
    "        and cached values (default OUT: MODEL with .xlsx)\n"
    "eval    prints the values of the given cells, ranges or names, of the model's\n"
    "        'outputs' (--outputs), or of every non-empty cell\n"
    "check   parses and binds MODEL and checks for circular references; with\n"
    "        --target, warns at every function that application lacks\n"
    "functions  lists the built-in functions, or describes one\n"
    "bench-edit recalculates MODEL, then applies each --edit with an incremental\n"
    "        recalculation, printing its time, the cells evaluated and the --print\n"
    "        cells as one JSON line per edit\n"
    "\n"
    "--set NAME_OR_REF=VALUE  override an input for this run (repeatable)\n"
    "--strict                 fail when any formula evaluates to an error\n"
    "--stats                  print each phase's time and peak memory on stderr\n"
    "\n"
    "Exit status: 0 success, 1 errors in the model, 2 usage or I/O failure.\n"
    "SOURCE_DATE_EPOCH, when set, gives the workbook's document date.\n";

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
    const char *target;     /* check --target */
} CliArgs;

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
    a->sets = calloc((size_t)argc, sizeof *a->sets);
    a->refs = calloc((size_t)argc, sizeof *a->refs);
    a->edits = calloc((size_t)argc, sizeof *a->edits);
    a->prints = calloc((size_t)argc, sizeof *a->prints);
    if (!a->sets || !a->refs || !a->edits || !a->prints)
        return cli_usage_error("out of memory", NULL);
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (strcmp(s, "-o") == 0 || strcmp(s, "--output") == 0) {
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
    if (strcmp(a->cmd, "build") && strcmp(a->cmd, "eval") && strcmp(a->cmd, "check") &&
        strcmp(a->cmd, "bench-edit"))
        return cli_usage_error("unknown command", a->cmd);
    if ((a->n_edits || a->n_prints) && strcmp(a->cmd, "bench-edit") != 0)
        return cli_usage_error("--edit and --print are for bench-edit", NULL);
    if (a->fmt == VS_FORMAT_MARKDOWN)
        return cli_usage_error("--format markdown is for 'functions'", NULL);
    if (!a->model)
        return cli_usage_error("missing MODEL file", NULL);
    if (strcmp(a->cmd, "eval") != 0 && a->n_refs)
        return cli_usage_error("unexpected argument", a->refs[0]);
    if (strcmp(a->cmd, "check") != 0 && a->target)
        return cli_usage_error("--target is only for check", NULL);
    if (strcmp(a->cmd, "build") != 0 && a->out)
        return cli_usage_error("-o is only for build", NULL);
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
        printf("{\"edit\": \"%s\", \"seconds\": %.9f, \"dirty\": %u", a->edits[i], secs,
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
    vs_book *b = NULL;
    vs_status s = vs_book_open_file(a->model, stderr, &b);
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
    s = vs_book_recalc(b);
    int rc = cli_exit_for(s);
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
    char *def = a->out ? NULL : cli_default_out(a->model);
    const char *out = a->out ? a->out : def;
    s = vs_book_write_xlsx(b, out, cli_created());
    free(def);
    if (a->stats)
        vs_book_print_stats(b, stderr);
    vs_book_close(b);
    return cli_exit_for(s);
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
    CliArgs a;
    int rc = cli_parse(argc, argv, &a);
    if (rc == 0)
        rc = cli_run(&a);
    free(a.sets);
    free(a.refs);
    free(a.edits);
    free(a.prints);
    return rc;
}
