/*
 * run_formulas: the formula-table runner (jq.test style). Each group of
 * lines in a .test file is: setup statements, the formula under test, the
 * expected printed value; groups are separated by blank lines, '#' lines
 * are comments. The formula is evaluated in cell XFD1 of sheet T through
 * the public API, exactly as a user's model would be.
 *
 * Prints a failure line per mismatch and "TESTS passed failed" at the end;
 * exits 1 on any failure.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "valsheet.h"

typedef struct Group {
    char **lines;
    int *line_no;
    int n;
    int cap;
} Group;

static void
group_add(Group *g, const char *line, int no)
{
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 8;
        g->lines = realloc(g->lines, (size_t)g->cap * sizeof *g->lines);
        g->line_no = realloc(g->line_no, (size_t)g->cap * sizeof *g->line_no);
        if (!g->lines || !g->line_no)
            exit(2);
    }
    g->lines[g->n] = strdup(line);
    g->line_no[g->n] = no;
    g->n++;
}

static void
group_clear(Group *g)
{
    for (int i = 0; i < g->n; i++)
        free(g->lines[i]);
    g->n = 0;
}

/* Compares the printed value (text format, after "XFD1 = ") with want. */
static int
run_matches(const char *got, const char *want)
{
    char *end1, *end2;
    double w = strtod(want, &end1);
    if (*want && *end1 == '\0' && want[0] != '"') {
        double g = strtod(got, &end2);
        if (*got == '\0' || *end2 != '\0')
            return 0;
        double tol = 1e-9 * (fabs(w) > 1e-300 ? fabs(w) : 1);
        if (fabs(w) < 1e-12)
            tol = 1e-12;
        return fabs(g - w) <= tol;
    }
    return strcmp(got, want) == 0;
}

/* Expected values may be error literals, which also start with '#'. */
static int
run_is_errlit(const char *line)
{
    static const char *const lits[] = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!",
                                       "#NAME?", "#NUM!", "#N/A", "#CIRC!"};
    for (size_t i = 0; i < sizeof lits / sizeof lits[0]; i++)
        if (strcmp(line, lits[i]) == 0)
            return 1;
    return 0;
}

static int
run_group(const char *file, Group *g, int *passed, int *failed)
{
    if (g->n < 2) {
        if (g->n == 1) {
            printf("%s:%d: group needs a formula and an expected value\n", file,
                   g->line_no[0]);
            (*failed)++;
        }
        return 0;
    }
    size_t len = 0;
    char *text = NULL;
    FILE *m = open_memstream(&text, &len);
    fprintf(m, "sheet T\n");
    for (int i = 0; i < g->n - 2; i++)
        fprintf(m, "%s\n", g->lines[i]);
    fprintf(m, "XFD1 = %s\n", g->lines[g->n - 2]);
    fclose(m);

    char *diag_text = NULL;
    size_t diag_len = 0;
    FILE *diag = open_memstream(&diag_text, &diag_len);
    vs_book *b = NULL;
    vs_status s = vs_book_open_string(file, text, len, diag, &b);
    char *got = NULL;
    size_t got_len = 0;
    if (s == VS_OK) {
        vs_book_recalc(b);
        FILE *out = open_memstream(&got, &got_len);
        const char *ref = "XFD1";
        vs_book_print(b, out, &ref, 1, VS_FORMAT_TEXT);
        fclose(out);
    }
    vs_book_close(b);
    fclose(diag);
    const char *want = g->lines[g->n - 1];
    int ok = 0;
    const char *val = "";
    if (got) {
        char *nl = strchr(got, '\n');
        if (nl)
            *nl = '\0';
        val = strncmp(got, "XFD1 = ", 7) == 0 ? got + 7 : got;
        ok = run_matches(val, want);
    }
    if (ok) {
        (*passed)++;
    } else {
        (*failed)++;
        printf("%s:%d: %s\n    got:  %s\n    want: %s\n", file, g->line_no[g->n - 2],
               g->lines[g->n - 2], got ? val : "(model did not load)", want);
        if (diag_len)
            printf("%s", diag_text);
    }
    free(text);
    free(got);
    free(diag_text);
    return ok;
}

static void
run_file(const char *path, int *passed, int *failed)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("%s: cannot open\n", path);
        (*failed)++;
        return;
    }
    Group g = {0};
    char *line = NULL;
    size_t cap = 0;
    int no = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        no++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (line[0] == '#' && !run_is_errlit(line))
            continue;
        if (n == 0) {
            run_group(path, &g, passed, failed);
            group_clear(&g);
            continue;
        }
        group_add(&g, line, no);
    }
    run_group(path, &g, passed, failed);
    group_clear(&g);
    free(g.lines);
    free(g.line_no);
    free(line);
    fclose(f);
}

int
main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (int i = 1; i < argc; i++)
        run_file(argv[i], &passed, &failed);
    printf("TESTS %d %d\n", passed, failed);
    return failed ? 1 : 0;
}
