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
    FN_VAL = FN_VALUATION | FN_RANGEARGS,   /* valuation functions */
    FN_RAND = FN_RANDOM | FN_NOEXPORT       /* distributions: the workbook
                                               holds their mean */
};

static const FnDef fn_rows[] = {
    /* name           min max      flags                   impl             xlsx  expand */
    { "ABS",          1, 1,       0,                      fn_abs,          NULL, NULL },
    { "AND",          1, FN_MANY, FN_AGG,                 fn_and,          NULL, NULL },
    { "ANTISTACK",    4, 4,       FN_VALUATION,           fn_antistack,    NULL,
      fn_antistack_expand },
    { "AVERAGE",      1, FN_MANY, FN_AGG,                 fn_average,      NULL, NULL },
    { "AVERAGEIF",    2, 3,       FN_AGG,                 fn_averageif,    NULL, NULL },
    { "AVERAGEIFS",   3, FN_MANY, FN_AGG | FN_PAIRS,      fn_averageifs,   NULL, NULL },
    { "BERNOULLI",    1, 1,       FN_RAND,                fn_rand_bernoulli, NULL, NULL },
    { "BREAKEVEN_UPFRONT", 2, 3,  FN_VALUATION,           fn_breakeven_upfront, NULL,
      fn_breakeven_upfront_expand },
    { "CEILING",      2, 2,       0,                      fn_ceiling,      NULL, NULL },
    { "CHOOSE",       2, FN_MANY, FN_LAZY,                NULL,            NULL, NULL },
    { "COLUMN",       0, 1,       FN_REFARGS,             fn_column,       NULL, NULL },
    { "COLUMNS",      1, 1,       FN_RANGEARGS,           fn_columns_fn,   NULL, NULL },
    { "CONCAT",       1, FN_MANY, FN_RANGEARGS,           fn_concat,       "_xlfn.CONCAT",
      NULL },
    { "CONCATENATE",  1, FN_MANY, 0,                      fn_concatenate,  NULL, NULL },
    { "CORREL",       2, 2,       FN_AGG,                 fn_correl,       NULL, NULL },
    { "COUNT",        1, FN_MANY, FN_AGG,                 fn_count,        NULL, NULL },
    { "COUNTA",       1, FN_MANY, FN_AGG,                 fn_counta,       NULL, NULL },
    { "COUNTBLANK",   1, 1,       FN_AGG,                 fn_countblank,   NULL, NULL },
    { "COUNTIF",      2, 2,       FN_AGG,                 fn_countif,      NULL, NULL },
    { "COUNTIFS",     2, FN_MANY, FN_AGG | FN_PAIRS,      fn_countifs,     NULL, NULL },
    { "CUMPROB",      1, 3,       FN_VAL,                 fn_cumprob,      NULL,
      fn_cumprob_expand },
    { "DATE",         3, 3,       0,                      fn_date,         NULL, NULL },
    { "DATEDIF",      3, 3,       0,                      fn_datedif,      NULL, NULL },
    { "DAY",          1, 1,       0,                      fn_day,          NULL, NULL },
    { "DAYS",         2, 2,       0,                      fn_days,         "_xlfn.DAYS", NULL },
    { "DB",           4, 5,       0,                      fn_db,           NULL, NULL },
    { "DDB",          4, 5,       0,                      fn_ddb,          NULL, NULL },
    { "DISCRETE",     2, 2,       FN_RAND | FN_RANGEARGS, fn_rand_discrete, NULL, NULL },
    { "EDATE",        2, 2,       0,                      fn_edate,        NULL, NULL },
    { "EFFECT",       2, 2,       0,                      fn_effect,       NULL, NULL },
    { "EOMONTH",      2, 2,       0,                      fn_eomonth,      NULL, NULL },
    { "EQUIV_ROYALTY", 5, 5,      FN_VAL,                 fn_equiv_royalty, NULL,
      fn_equiv_royalty_expand },
    { "ERROR.TYPE",   1, 1,       0,                      fn_error_type,   NULL, NULL },
    { "EXACT",        2, 2,       0,                      fn_exact,        NULL, NULL },
    { "EXP",          1, 1,       0,                      fn_exp,          NULL, NULL },
    { "FACT",         1, 1,       0,                      fn_fact,         NULL, NULL },
    { "FAIL_NPV",     4, 4,       FN_VAL,                 fn_fail_npv,     NULL,
      fn_fail_npv_expand },
    { "FALSE",        0, 0,       0,                      fn_false,        NULL, NULL },
    { "FIND",         2, 3,       0,                      fn_find,         NULL, NULL },
    { "FLOOR",        2, 2,       0,                      fn_floor,        NULL, NULL },
    { "FV",           3, 5,       0,                      fn_fv,           NULL, NULL },
    { "GCD",          1, FN_MANY, FN_AGG,                 fn_gcd,          NULL, NULL },
    { "HLOOKUP",      3, 4,       FN_RANGEARGS,           fn_hlookup,      NULL, NULL },
    { "IF",           2, 3,       FN_LAZY,                NULL,            NULL, NULL },
    { "IFERROR",      2, 2,       FN_LAZY,                NULL,            NULL, NULL },
    { "IFNA",         2, 2,       FN_LAZY,                NULL,            "_xlfn.IFNA", NULL },
    { "IFS",          2, FN_MANY, FN_LAZY | FN_PAIRS,     NULL,            "_xlfn.IFS", NULL },
    { "INDEX",        2, 3,       FN_REFARGS | FN_RANGEARGS, fn_index,     NULL, NULL },
    { "INDIRECT",     1, 2,       FN_VOLATILE | FN_REFARGS, fn_indirect,   NULL, NULL },
    { "INT",          1, 1,       0,                      fn_int,          NULL, NULL },
    { "IPMT",         4, 6,       0,                      fn_ipmt,         NULL, NULL },
    { "IRR",          1, 2,       FN_RANGEARGS,           fn_irr,          NULL, NULL },
    { "ISBLANK",      1, 1,       0,                      fn_isblank,      NULL, NULL },
    { "ISERROR",      1, 1,       0,                      fn_iserror,      NULL, NULL },
    { "ISLOGICAL",    1, 1,       0,                      fn_islogical,    NULL, NULL },
    { "ISNA",         1, 1,       0,                      fn_isna,         NULL, NULL },
    { "ISNUMBER",     1, 1,       0,                      fn_isnumber,     NULL, NULL },
    { "ISTEXT",       1, 1,       0,                      fn_istext,       NULL, NULL },
    { "LARGE",        2, 2,       FN_AGG,                 fn_large,        NULL, NULL },
    { "LCM",          1, FN_MANY, FN_AGG,                 fn_lcm,          NULL, NULL },
    { "LEFT",         1, 2,       0,                      fn_left,         NULL, NULL },
    { "LEN",          1, 1,       0,                      fn_len,          NULL, NULL },
    { "LN",           1, 1,       0,                      fn_ln,           NULL, NULL },
    { "LOG",          1, 2,       0,                      fn_log,          NULL, NULL },
    { "LOG10",        1, 1,       0,                      fn_log10,        NULL, NULL },
    { "LOGNORM.DIST", 4, 4,       0,                      fn_lognorm_dist,
      "_xlfn.LOGNORM.DIST", NULL },
    { "LOGNORM.INV",  3, 3,       0,                      fn_lognorm_inv,
      "_xlfn.LOGNORM.INV", NULL },
    { "LOGNORMAL",    2, 2,       FN_RAND,                fn_rand_lognormal, NULL, NULL },
    { "LOOKUP",       2, 3,       FN_RANGEARGS,           fn_lookup_fn,    NULL, NULL },
    { "LOWER",        1, 1,       0,                      fn_lower,        NULL, NULL },
    { "MATCH",        2, 3,       FN_RANGEARGS,           fn_match,        NULL, NULL },
    { "MATURITY",     2, 3,       FN_VAL,                 fn_maturity,     NULL,
      fn_maturity_expand },
    { "MAX",          1, FN_MANY, FN_AGG,                 fn_max,          NULL, NULL },
    { "MAXIFS",       3, FN_MANY, FN_AGG | FN_PAIRS,      fn_maxifs,       "_xlfn.MAXIFS", NULL },
    { "MEDIAN",       1, FN_MANY, FN_AGG,                 fn_median,       NULL, NULL },
    { "MID",          3, 3,       0,                      fn_mid,          NULL, NULL },
    { "MILESTONE_PV", 4, 5,       FN_VAL,                 fn_milestone_pv, NULL,
      fn_milestone_pv_expand },
    { "MIN",          1, FN_MANY, FN_AGG,                 fn_min,          NULL, NULL },
    { "MINIFS",       3, FN_MANY, FN_AGG | FN_PAIRS,      fn_minifs,       "_xlfn.MINIFS", NULL },
    { "MIRR",         3, 3,       FN_RANGEARGS,           fn_mirr,         NULL, NULL },
    { "MOD",          2, 2,       0,                      fn_mod,          NULL, NULL },
    { "MODE.SNGL",    1, FN_MANY, FN_AGG,                 fn_mode_sngl,
      "_xlfn.MODE.SNGL", NULL },
    { "MONTH",        1, 1,       0,                      fn_month,        NULL, NULL },
    { "MROUND",       2, 2,       0,                      fn_mround,       NULL, NULL },
    { "NA",           0, 0,       0,                      fn_na,           NULL, NULL },
    { "NETWORKDAYS",  2, 3,       FN_RANGEARGS,           fn_networkdays,  NULL, NULL },
    { "NOMINAL",      2, 2,       0,                      fn_nominal,      NULL, NULL },
    { "NORM.DIST",    4, 4,       0,                      fn_norm_dist,
      "_xlfn.NORM.DIST", NULL },
    { "NORM.INV",     3, 3,       0,                      fn_norm_inv,     "_xlfn.NORM.INV", NULL },
    { "NORM.S.DIST",  2, 2,       0,                      fn_norm_s_dist,
      "_xlfn.NORM.S.DIST", NULL },
    { "NORM.S.INV",   1, 1,       0,                      fn_norm_s_inv,
      "_xlfn.NORM.S.INV", NULL },
    { "NORMAL",       2, 2,       FN_RAND,                fn_rand_normal,  NULL, NULL },
    { "NOT",          1, 1,       0,                      fn_not,          NULL, NULL },
    { "NOW",          0, 0,       FN_VOLATILE | FN_CLOCK, fn_now,          NULL, NULL },
    { "NPER",         3, 5,       0,                      fn_nper,         NULL, NULL },
    { "NPV",          2, FN_MANY, FN_RANGEARGS,           fn_npv,          NULL, NULL },
    { "OFFSET",       3, 5,       FN_VOLATILE | FN_REFARGS, fn_offset,     NULL, NULL },
    { "OR",           1, FN_MANY, FN_AGG,                 fn_or,           NULL, NULL },
    { "PERCENTILE.INC", 2, 2,       FN_AGG,                 fn_percentile_inc,
      "_xlfn.PERCENTILE.INC", NULL },
    { "PERT",         3, 3,       FN_RAND,                fn_rand_pert,    NULL, NULL },
    { "PHASE_PROB",   1, 2,       FN_VALUATION,           fn_phase_prob,   NULL,
      fn_phase_prob_expand },
    { "PI",           0, 0,       0,                      fn_pi,           NULL, NULL },
    { "PMT",          3, 5,       0,                      fn_pmt,          NULL, NULL },
    { "POWER",        2, 2,       0,                      fn_power,        NULL, NULL },
    { "PPMT",         4, 6,       0,                      fn_ppmt,         NULL, NULL },
    { "PRODUCT",      1, FN_MANY, FN_AGG,                 fn_product,      NULL, NULL },
    { "PROPER",       1, 1,       0,                      fn_proper,       NULL, NULL },
    { "PV",           3, 5,       0,                      fn_pv,           NULL, NULL },
    { "QUARTILE.INC", 2, 2,       FN_AGG,                 fn_quartile_inc,
      "_xlfn.QUARTILE.INC", NULL },
    { "QUOTIENT",     2, 2,       0,                      fn_quotient,     NULL, NULL },
    { "RANK.EQ",      2, 3,       FN_AGG,                 fn_rank_eq,      "_xlfn.RANK.EQ", NULL },
    { "RATE",         3, 6,       0,                      fn_rate,         NULL, NULL },
    { "REPLACE",      4, 4,       0,                      fn_replace,      NULL, NULL },
    { "REPT",         2, 2,       0,                      fn_rept,         NULL, NULL },
    { "RIGHT",        1, 2,       0,                      fn_right,        NULL, NULL },
    { "RISKSHARE",    1, FN_MANY, FN_VALUATION,           fn_riskshare,    NULL,
      fn_riskshare_expand },
    { "RNPV",         3, 4,       FN_VAL,                 fn_rnpv,         NULL,
      fn_rnpv_expand },
    { "ROUND",        2, 2,       0,                      fn_round,        NULL, NULL },
    { "ROUNDDOWN",    2, 2,       0,                      fn_rounddown,    NULL, NULL },
    { "ROUNDUP",      2, 2,       0,                      fn_roundup,      NULL, NULL },
    { "ROW",          0, 1,       FN_REFARGS,             fn_row,          NULL, NULL },
    { "ROWS",         1, 1,       FN_RANGEARGS,           fn_rows_fn,      NULL, NULL },
    { "ROYALTY",      3, 4,       FN_VAL,                 fn_royalty,      NULL,
      fn_royalty_expand },
    { "ROYALTY_PV",   6, 7,       FN_VAL,                 fn_royalty_pv,   NULL,
      fn_royalty_pv_expand },
    { "RULE25",       1, 2,       FN_VALUATION,           fn_rule25,       NULL,
      fn_rule25_expand },
    { "SEARCH",       2, 3,       0,                      fn_search,       NULL, NULL },
    { "SIGN",         1, 1,       0,                      fn_sign,         NULL, NULL },
    { "SLN",          3, 3,       0,                      fn_sln,          NULL, NULL },
    { "SMALL",        2, 2,       FN_AGG,                 fn_small,        NULL, NULL },
    { "SQRT",         1, 1,       0,                      fn_sqrt,         NULL, NULL },
    { "STDEV",        1, FN_MANY, FN_AGG,                 fn_stdev_s,      NULL, NULL },
    { "STDEV.P",      1, FN_MANY, FN_AGG,                 fn_stdev_p,      "_xlfn.STDEV.P", NULL },
    { "STDEV.S",      1, FN_MANY, FN_AGG,                 fn_stdev_s,      "_xlfn.STDEV.S", NULL },
    { "SUBSTITUTE",   3, 4,       0,                      fn_substitute,   NULL, NULL },
    { "SUM",          1, FN_MANY, FN_AGG,                 fn_sum,          NULL, NULL },
    { "SUMIF",        2, 3,       FN_AGG,                 fn_sumif,        NULL, NULL },
    { "SUMIFS",       3, FN_MANY, FN_AGG | FN_PAIRS,      fn_sumifs,       NULL, NULL },
    { "SUMPRODUCT",   1, FN_MANY, FN_RANGEARGS | FN_ARRAY, fn_sumproduct,  NULL, NULL },
    { "SWITCH",       3, FN_MANY, FN_LAZY,                NULL,            "_xlfn.SWITCH", NULL },
    { "TEXT",         2, 2,       0,                      fn_text,         NULL, NULL },
    { "TEXTJOIN",     3, FN_MANY, FN_RANGEARGS,           fn_textjoin,     "_xlfn.TEXTJOIN",
      NULL },
    { "TODAY",        0, 0,       FN_VOLATILE | FN_CLOCK, fn_today,        NULL, NULL },
    { "TRIANGULAR",   3, 3,       FN_RAND,                fn_rand_triangular, NULL, NULL },
    { "TRIM",         1, 1,       0,                      fn_trim,         NULL, NULL },
    { "TRL_PROB",     2, 2,       FN_VAL,                 fn_trl_prob,     NULL,
      fn_trl_prob_expand },
    { "TRUE",         0, 0,       0,                      fn_true,         NULL, NULL },
    { "TRUNC",        1, 2,       0,                      fn_trunc,        NULL, NULL },
    { "UNIFORM",      2, 2,       FN_RAND,                fn_rand_uniform, NULL, NULL },
    { "UPPER",        1, 1,       0,                      fn_upper,        NULL, NULL },
    { "VALUE",        1, 1,       0,                      fn_value,        NULL, NULL },
    { "VAR",          1, FN_MANY, FN_AGG,                 fn_var_s,        NULL, NULL },
    { "VAR.P",        1, FN_MANY, FN_AGG,                 fn_var_p,        "_xlfn.VAR.P", NULL },
    { "VAR.S",        1, FN_MANY, FN_AGG,                 fn_var_s,        "_xlfn.VAR.S", NULL },
    { "VLOOKUP",      3, 4,       FN_RANGEARGS,           fn_vlookup,      NULL, NULL },
    { "WEEKDAY",      1, 2,       0,                      fn_weekday,      NULL, NULL },
    { "WORKDAY",      2, 3,       FN_RANGEARGS,           fn_workday,      NULL, NULL },
    { "XIRR",         2, 3,       FN_RANGEARGS,           fn_xirr,         NULL, NULL },
    { "XLOOKUP",      3, 6,       FN_REFARGS | FN_RANGEARGS, fn_xlookup,   "_xlfn.XLOOKUP", NULL },
    { "XMATCH",       2, 4,       FN_RANGEARGS,           fn_xmatch,       "_xlfn.XMATCH", NULL },
    { "XNPV",         3, 3,       FN_RANGEARGS,           fn_xnpv,         NULL, NULL },
    { "XOR",          1, FN_MANY, FN_AGG,                 fn_xor,          "_xlfn.XOR", NULL },
    { "YEAR",         1, 1,       0,                      fn_year,         NULL, NULL },
    { "YEARFRAC",     2, 3,       0,                      fn_yearfrac,     NULL, NULL },
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
