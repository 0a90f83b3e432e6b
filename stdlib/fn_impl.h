/*
 * fn_impl: private to stdlib. Declares each family file's implementations
 * (stdlib/fn_<family>.c) so that fn_table.c can name them in its rows.
 * Nothing outside stdlib/ includes this header: the evaluator reaches the
 * functions only through the FnDef rows (fn_lookup, fn_table).
 */
#ifndef VS_FN_IMPL_H
#define VS_FN_IMPL_H

#include "fn.h"

/* fn_math.c */
Value fn_abs(FnCtx *cx, int argc, const Value *argv);
Value fn_exp(FnCtx *cx, int argc, const Value *argv);
Value fn_fact(FnCtx *cx, int argc, const Value *argv);
Value fn_gcd(FnCtx *cx, int argc, const Value *argv);
Value fn_lcm(FnCtx *cx, int argc, const Value *argv);
Value fn_ln(FnCtx *cx, int argc, const Value *argv);
Value fn_log(FnCtx *cx, int argc, const Value *argv);
Value fn_log10(FnCtx *cx, int argc, const Value *argv);
Value fn_mod(FnCtx *cx, int argc, const Value *argv);
Value fn_pi(FnCtx *cx, int argc, const Value *argv);
Value fn_power(FnCtx *cx, int argc, const Value *argv);
Value fn_product(FnCtx *cx, int argc, const Value *argv);
Value fn_quotient(FnCtx *cx, int argc, const Value *argv);
Value fn_sign(FnCtx *cx, int argc, const Value *argv);
Value fn_sqrt(FnCtx *cx, int argc, const Value *argv);
Value fn_sum(FnCtx *cx, int argc, const Value *argv);
Value fn_sumproduct(FnCtx *cx, int argc, const Value *argv);

/* fn_round.c */
Value fn_ceiling(FnCtx *cx, int argc, const Value *argv);
Value fn_floor(FnCtx *cx, int argc, const Value *argv);
Value fn_int(FnCtx *cx, int argc, const Value *argv);
Value fn_mround(FnCtx *cx, int argc, const Value *argv);
Value fn_round(FnCtx *cx, int argc, const Value *argv);
Value fn_rounddown(FnCtx *cx, int argc, const Value *argv);
Value fn_roundup(FnCtx *cx, int argc, const Value *argv);
Value fn_trunc(FnCtx *cx, int argc, const Value *argv);

/* fn_cond.c */
Value fn_averageif(FnCtx *cx, int argc, const Value *argv);
Value fn_averageifs(FnCtx *cx, int argc, const Value *argv);
Value fn_countblank(FnCtx *cx, int argc, const Value *argv);
Value fn_countif(FnCtx *cx, int argc, const Value *argv);
Value fn_countifs(FnCtx *cx, int argc, const Value *argv);
Value fn_maxifs(FnCtx *cx, int argc, const Value *argv);
Value fn_minifs(FnCtx *cx, int argc, const Value *argv);
Value fn_sumif(FnCtx *cx, int argc, const Value *argv);
Value fn_sumifs(FnCtx *cx, int argc, const Value *argv);

/* fn_stat.c */
Value fn_average(FnCtx *cx, int argc, const Value *argv);
Value fn_count(FnCtx *cx, int argc, const Value *argv);
Value fn_counta(FnCtx *cx, int argc, const Value *argv);
Value fn_max(FnCtx *cx, int argc, const Value *argv);
Value fn_min(FnCtx *cx, int argc, const Value *argv);
Value fn_correl(FnCtx *cx, int argc, const Value *argv);
Value fn_stdev_p(FnCtx *cx, int argc, const Value *argv);
Value fn_stdev_s(FnCtx *cx, int argc, const Value *argv);
Value fn_var_p(FnCtx *cx, int argc, const Value *argv);
Value fn_var_s(FnCtx *cx, int argc, const Value *argv);

/* fn_order.c */
Value fn_large(FnCtx *cx, int argc, const Value *argv);
Value fn_median(FnCtx *cx, int argc, const Value *argv);
Value fn_mode_sngl(FnCtx *cx, int argc, const Value *argv);
Value fn_percentile_inc(FnCtx *cx, int argc, const Value *argv);
Value fn_quartile_inc(FnCtx *cx, int argc, const Value *argv);
Value fn_rank_eq(FnCtx *cx, int argc, const Value *argv);
Value fn_small(FnCtx *cx, int argc, const Value *argv);

/* fn_dist.c */
Value fn_lognorm_dist(FnCtx *cx, int argc, const Value *argv);
Value fn_lognorm_inv(FnCtx *cx, int argc, const Value *argv);
Value fn_norm_dist(FnCtx *cx, int argc, const Value *argv);
/* The standard normal quantile (AS 241), p in (0, 1). */
double fn_norm_quantile(double p);
Value fn_rand_normal(FnCtx *cx, int argc, const Value *argv);
Value fn_rand_lognormal(FnCtx *cx, int argc, const Value *argv);
Value fn_rand_uniform(FnCtx *cx, int argc, const Value *argv);
Value fn_rand_triangular(FnCtx *cx, int argc, const Value *argv);
Value fn_rand_pert(FnCtx *cx, int argc, const Value *argv);
Value fn_rand_bernoulli(FnCtx *cx, int argc, const Value *argv);
Value fn_rand_discrete(FnCtx *cx, int argc, const Value *argv);
Value fn_norm_inv(FnCtx *cx, int argc, const Value *argv);
Value fn_norm_s_dist(FnCtx *cx, int argc, const Value *argv);
Value fn_norm_s_inv(FnCtx *cx, int argc, const Value *argv);

/* fn_logic.c */
Value fn_and(FnCtx *cx, int argc, const Value *argv);
Value fn_not(FnCtx *cx, int argc, const Value *argv);
Value fn_or(FnCtx *cx, int argc, const Value *argv);
Value fn_xor(FnCtx *cx, int argc, const Value *argv);

/* fn_info.c */
Value fn_error_type(FnCtx *cx, int argc, const Value *argv);
Value fn_false(FnCtx *cx, int argc, const Value *argv);
Value fn_isblank(FnCtx *cx, int argc, const Value *argv);
Value fn_iserror(FnCtx *cx, int argc, const Value *argv);
Value fn_islogical(FnCtx *cx, int argc, const Value *argv);
Value fn_isna(FnCtx *cx, int argc, const Value *argv);
Value fn_isnumber(FnCtx *cx, int argc, const Value *argv);
Value fn_istext(FnCtx *cx, int argc, const Value *argv);
Value fn_na(FnCtx *cx, int argc, const Value *argv);
Value fn_true(FnCtx *cx, int argc, const Value *argv);

/* fn_lookup.c */
Value fn_index(FnCtx *cx, int argc, const Value *argv);
Value fn_match(FnCtx *cx, int argc, const Value *argv);
Value fn_vlookup(FnCtx *cx, int argc, const Value *argv);
Value fn_hlookup(FnCtx *cx, int argc, const Value *argv);
Value fn_lookup_fn(FnCtx *cx, int argc, const Value *argv);

/* fn_xlookup.c */
Value fn_xlookup(FnCtx *cx, int argc, const Value *argv);
Value fn_xmatch(FnCtx *cx, int argc, const Value *argv);

/* fn_ref.c */
Value fn_column(FnCtx *cx, int argc, const Value *argv);
Value fn_columns_fn(FnCtx *cx, int argc, const Value *argv);
Value fn_indirect(FnCtx *cx, int argc, const Value *argv);
Value fn_offset(FnCtx *cx, int argc, const Value *argv);
Value fn_row(FnCtx *cx, int argc, const Value *argv);
Value fn_rows_fn(FnCtx *cx, int argc, const Value *argv);

/* fn_text.c */
Value fn_concat(FnCtx *cx, int argc, const Value *argv);
Value fn_concatenate(FnCtx *cx, int argc, const Value *argv);
Value fn_exact(FnCtx *cx, int argc, const Value *argv);
Value fn_find(FnCtx *cx, int argc, const Value *argv);
Value fn_left(FnCtx *cx, int argc, const Value *argv);
Value fn_len(FnCtx *cx, int argc, const Value *argv);
Value fn_lower(FnCtx *cx, int argc, const Value *argv);
Value fn_mid(FnCtx *cx, int argc, const Value *argv);
Value fn_proper(FnCtx *cx, int argc, const Value *argv);
Value fn_replace(FnCtx *cx, int argc, const Value *argv);
Value fn_rept(FnCtx *cx, int argc, const Value *argv);
Value fn_right(FnCtx *cx, int argc, const Value *argv);
Value fn_search(FnCtx *cx, int argc, const Value *argv);
Value fn_substitute(FnCtx *cx, int argc, const Value *argv);
Value fn_textjoin(FnCtx *cx, int argc, const Value *argv);
Value fn_trim(FnCtx *cx, int argc, const Value *argv);
Value fn_upper(FnCtx *cx, int argc, const Value *argv);

/* fn_textfmt.c */
Value fn_text(FnCtx *cx, int argc, const Value *argv);
Value fn_value(FnCtx *cx, int argc, const Value *argv);

/* fn_date.c, fn_datediff.c, fn_workday.c */
Value fn_date(FnCtx *cx, int argc, const Value *argv);
Value fn_datedif(FnCtx *cx, int argc, const Value *argv);
Value fn_day(FnCtx *cx, int argc, const Value *argv);
Value fn_days(FnCtx *cx, int argc, const Value *argv);
Value fn_edate(FnCtx *cx, int argc, const Value *argv);
Value fn_eomonth(FnCtx *cx, int argc, const Value *argv);
Value fn_month(FnCtx *cx, int argc, const Value *argv);
Value fn_networkdays(FnCtx *cx, int argc, const Value *argv);
Value fn_now(FnCtx *cx, int argc, const Value *argv);
Value fn_today(FnCtx *cx, int argc, const Value *argv);
Value fn_weekday(FnCtx *cx, int argc, const Value *argv);
Value fn_workday(FnCtx *cx, int argc, const Value *argv);
Value fn_year(FnCtx *cx, int argc, const Value *argv);
Value fn_yearfrac(FnCtx *cx, int argc, const Value *argv);

/* fn_fin.c, fn_tvm.c, fn_depr.c */
Value fn_db(FnCtx *cx, int argc, const Value *argv);
Value fn_ddb(FnCtx *cx, int argc, const Value *argv);
Value fn_effect(FnCtx *cx, int argc, const Value *argv);
Value fn_fv(FnCtx *cx, int argc, const Value *argv);
Value fn_ipmt(FnCtx *cx, int argc, const Value *argv);
Value fn_irr(FnCtx *cx, int argc, const Value *argv);
Value fn_mirr(FnCtx *cx, int argc, const Value *argv);
Value fn_nominal(FnCtx *cx, int argc, const Value *argv);
Value fn_nper(FnCtx *cx, int argc, const Value *argv);
Value fn_npv(FnCtx *cx, int argc, const Value *argv);
Value fn_pmt(FnCtx *cx, int argc, const Value *argv);
Value fn_ppmt(FnCtx *cx, int argc, const Value *argv);
Value fn_pv(FnCtx *cx, int argc, const Value *argv);
Value fn_rate(FnCtx *cx, int argc, const Value *argv);
Value fn_sln(FnCtx *cx, int argc, const Value *argv);
Value fn_xirr(FnCtx *cx, int argc, const Value *argv);
Value fn_xnpv(FnCtx *cx, int argc, const Value *argv);

/* fn_val.c: valuation functions (DOMAIN.md part 3) and their Excel forms */
Value fn_cumprob(FnCtx *cx, int argc, const Value *argv);
Value fn_milestone_pv(FnCtx *cx, int argc, const Value *argv);
Value fn_rnpv(FnCtx *cx, int argc, const Value *argv);
bool fn_cumprob_expand(FnExport *ex);
bool fn_milestone_pv_expand(FnExport *ex);
bool fn_rnpv_expand(FnExport *ex);

/* fn_maturity.c: MATURITY, TRL_PROB, PHASE_PROB (DOMAIN.md §3.1-3.3) */
Value fn_maturity(FnCtx *cx, int argc, const Value *argv);
Value fn_phase_prob(FnCtx *cx, int argc, const Value *argv);
Value fn_trl_prob(FnCtx *cx, int argc, const Value *argv);
bool fn_maturity_expand(FnExport *ex);
bool fn_phase_prob_expand(FnExport *ex);
bool fn_trl_prob_expand(FnExport *ex);

/* fn_royalty.c: ROYALTY, ROYALTY_PV, ANTISTACK, RULE25, EQUIV_ROYALTY
 * (DOMAIN.md §3.7-3.11) */
Value fn_antistack(FnCtx *cx, int argc, const Value *argv);
Value fn_equiv_royalty(FnCtx *cx, int argc, const Value *argv);
Value fn_royalty(FnCtx *cx, int argc, const Value *argv);
Value fn_royalty_pv(FnCtx *cx, int argc, const Value *argv);
Value fn_rule25(FnCtx *cx, int argc, const Value *argv);
bool fn_antistack_expand(FnExport *ex);
bool fn_equiv_royalty_expand(FnExport *ex);
bool fn_royalty_expand(FnExport *ex);
bool fn_royalty_pv_expand(FnExport *ex);
bool fn_rule25_expand(FnExport *ex);

/* fn_deal.c: BREAKEVEN_UPFRONT, RISKSHARE, FAIL_NPV (DOMAIN.md §3.12-3.14) */
Value fn_breakeven_upfront(FnCtx *cx, int argc, const Value *argv);
Value fn_fail_npv(FnCtx *cx, int argc, const Value *argv);
Value fn_riskshare(FnCtx *cx, int argc, const Value *argv);
bool fn_breakeven_upfront_expand(FnExport *ex);
bool fn_fail_npv_expand(FnExport *ex);
bool fn_riskshare_expand(FnExport *ex);

#endif
