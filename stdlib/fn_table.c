/*
 * fn_table: the read-only table of built-in functions (stdlib module), one
 * row per function, sorted by name in ASCII order so fn_lookup can binary
 * search it. tests/unit/test_stdlib.c checks the order, uniqueness, arity
 * bounds and that every valuation function has an Excel form or
 * FN_NOEXPORT.
 */
#include "fn.h"

#include <stddef.h>
#include <string.h>

#include "fn_impl.h"

enum {
    FN_AGG = FN_RANGEARGS,                  /* SUM-like aggregates */
    FN_VAL = FN_VALUATION | FN_RANGEARGS    /* valuation functions */
};

static const FnDef fn_rows[] = {
    /* name           min max      flags                   impl             xlsx  expand */
    { "ABS",          1, 1,       0,                      fn_abs,          NULL, NULL },
    { "AND",          1, FN_MANY, FN_AGG,                 fn_and,          NULL, NULL },
    { "ANTISTACK",    4, 4,       FN_VALUATION,           fn_antistack,    NULL,
      fn_antistack_expand },
    { "AVERAGE",      1, FN_MANY, FN_AGG,                 fn_average,      NULL, NULL },
    { "BREAKEVEN_UPFRONT", 2, 3,  FN_VALUATION,           fn_breakeven_upfront, NULL,
      fn_breakeven_upfront_expand },
    { "COLUMN",       0, 1,       FN_REFARGS,             fn_column,       NULL, NULL },
    { "COLUMNS",      1, 1,       FN_RANGEARGS,           fn_columns_fn,   NULL, NULL },
    { "CONCATENATE",  1, FN_MANY, 0,                      fn_concatenate,  NULL, NULL },
    { "COUNT",        1, FN_MANY, FN_AGG,                 fn_count,        NULL, NULL },
    { "COUNTA",       1, FN_MANY, FN_AGG,                 fn_counta,       NULL, NULL },
    { "CUMPROB",      1, 3,       FN_VAL,                 fn_cumprob,      NULL,
      fn_cumprob_expand },
    { "EQUIV_ROYALTY", 5, 5,      FN_VAL,                 fn_equiv_royalty, NULL,
      fn_equiv_royalty_expand },
    { "EXP",          1, 1,       0,                      fn_exp,          NULL, NULL },
    { "FAIL_NPV",     4, 4,       FN_VAL,                 fn_fail_npv,     NULL,
      fn_fail_npv_expand },
    { "HLOOKUP",      3, 4,       FN_RANGEARGS,           fn_hlookup,      NULL, NULL },
    { "IF",           2, 3,       FN_LAZY,                NULL,            NULL, NULL },
    { "IFERROR",      2, 2,       FN_LAZY,                NULL,            NULL, NULL },
    { "INDEX",        2, 3,       FN_REFARGS | FN_RANGEARGS, fn_index,     NULL, NULL },
    { "INDIRECT",     1, 2,       FN_VOLATILE | FN_REFARGS, fn_indirect,   NULL, NULL },
    { "INT",          1, 1,       0,                      fn_int,          NULL, NULL },
    { "IRR",          1, 2,       FN_RANGEARGS,           fn_irr,          NULL, NULL },
    { "LEN",          1, 1,       0,                      fn_len,          NULL, NULL },
    { "LN",           1, 1,       0,                      fn_ln,           NULL, NULL },
    { "LOOKUP",       2, 3,       FN_RANGEARGS,           fn_lookup_fn,    NULL, NULL },
    { "MATCH",        2, 3,       FN_RANGEARGS,           fn_match,        NULL, NULL },
    { "MATURITY",     2, 3,       FN_VAL,                 fn_maturity,     NULL,
      fn_maturity_expand },
    { "MAX",          1, FN_MANY, FN_AGG,                 fn_max,          NULL, NULL },
    { "MILESTONE_PV", 4, 5,       FN_VAL,                 fn_milestone_pv, NULL,
      fn_milestone_pv_expand },
    { "MIN",          1, FN_MANY, FN_AGG,                 fn_min,          NULL, NULL },
    { "MOD",          2, 2,       0,                      fn_mod,          NULL, NULL },
    { "NOT",          1, 1,       0,                      fn_not,          NULL, NULL },
    { "NPV",          2, FN_MANY, FN_RANGEARGS,           fn_npv,          NULL, NULL },
    { "OFFSET",       3, 5,       FN_VOLATILE | FN_REFARGS, fn_offset,     NULL, NULL },
    { "OR",           1, FN_MANY, FN_AGG,                 fn_or,           NULL, NULL },
    { "PHASE_PROB",   1, 2,       FN_VALUATION,           fn_phase_prob,   NULL,
      fn_phase_prob_expand },
    { "POWER",        2, 2,       0,                      fn_power,        NULL, NULL },
    { "PRODUCT",      1, FN_MANY, FN_AGG,                 fn_product,      NULL, NULL },
    { "RISKSHARE",    1, FN_MANY, FN_VALUATION,           fn_riskshare,    NULL,
      fn_riskshare_expand },
    { "RNPV",         3, 4,       FN_VAL,                 fn_rnpv,         NULL,
      fn_rnpv_expand },
    { "ROUND",        2, 2,       0,                      fn_round,        NULL, NULL },
    { "ROW",          0, 1,       FN_REFARGS,             fn_row,          NULL, NULL },
    { "ROWS",         1, 1,       FN_RANGEARGS,           fn_rows_fn,      NULL, NULL },
    { "ROYALTY",      3, 4,       FN_VAL,                 fn_royalty,      NULL,
      fn_royalty_expand },
    { "ROYALTY_PV",   6, 7,       FN_VAL,                 fn_royalty_pv,   NULL,
      fn_royalty_pv_expand },
    { "RULE25",       1, 2,       FN_VALUATION,           fn_rule25,       NULL,
      fn_rule25_expand },
    { "SQRT",         1, 1,       0,                      fn_sqrt,         NULL, NULL },
    { "SUM",          1, FN_MANY, FN_AGG,                 fn_sum,          NULL, NULL },
    { "SUMPRODUCT",   1, FN_MANY, FN_RANGEARGS | FN_ARRAY, fn_sumproduct,  NULL, NULL },
    { "TRL_PROB",     2, 2,       FN_VAL,                 fn_trl_prob,     NULL,
      fn_trl_prob_expand },
    { "VLOOKUP",      3, 4,       FN_RANGEARGS,           fn_vlookup,      NULL, NULL },
    { "XLOOKUP",      3, 6,       FN_REFARGS | FN_RANGEARGS, fn_xlookup,   "_xlfn.XLOOKUP", NULL },
    { "XMATCH",       2, 4,       FN_RANGEARGS,           fn_xmatch,       "_xlfn.XMATCH", NULL },
};

int
fn_name_cmp(const char *name, size_t n, const char *row)
{
    size_t i = 0;
    for (; i < n && row[i]; i++) {
        int a = (unsigned char)name[i];
        int b = (unsigned char)row[i];
        if (a >= 'a' && a <= 'z')
            a -= 32;
        if (a != b)
            return a < b ? -1 : 1;
    }
    if (i < n)
        return 1;
    return row[i] ? -1 : 0;
}

const FnDef *
fn_lookup(const char *name, size_t n)
{
    size_t lo = 0;
    size_t hi = sizeof fn_rows / sizeof fn_rows[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = fn_name_cmp(name, n, fn_rows[mid].name);
        if (c == 0)
            return &fn_rows[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const FnDef *
fn_table(size_t *n)
{
    *n = sizeof fn_rows / sizeof fn_rows[0];
    return fn_rows;
}

enum { FN_SUGGEST_MAX = 2 };

const char *
fn_suggest(const char *name, size_t n)
{
    const char *best = NULL;
    size_t best_d = FN_SUGGEST_MAX + 1;
    for (size_t i = 0; i < sizeof fn_rows / sizeof fn_rows[0]; i++) {
        size_t d = str_edit_distance(name, n, fn_rows[i].name, strlen(fn_rows[i].name));
        /* d < n: "X" is not a typo of "EXP". Ties keep the first row. */
        if (d < best_d && d < n) {
            best = fn_rows[i].name;
            best_d = d;
        }
    }
    return best;
}
