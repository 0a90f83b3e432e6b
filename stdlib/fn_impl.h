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
Value fn_int(FnCtx *cx, int argc, const Value *argv);
Value fn_ln(FnCtx *cx, int argc, const Value *argv);
Value fn_mod(FnCtx *cx, int argc, const Value *argv);
Value fn_power(FnCtx *cx, int argc, const Value *argv);
Value fn_product(FnCtx *cx, int argc, const Value *argv);
Value fn_round(FnCtx *cx, int argc, const Value *argv);
Value fn_sqrt(FnCtx *cx, int argc, const Value *argv);
Value fn_sum(FnCtx *cx, int argc, const Value *argv);
Value fn_sumproduct(FnCtx *cx, int argc, const Value *argv);

/* fn_stat.c */
Value fn_average(FnCtx *cx, int argc, const Value *argv);
Value fn_count(FnCtx *cx, int argc, const Value *argv);
Value fn_counta(FnCtx *cx, int argc, const Value *argv);
Value fn_max(FnCtx *cx, int argc, const Value *argv);
Value fn_min(FnCtx *cx, int argc, const Value *argv);

/* fn_logic.c */
Value fn_and(FnCtx *cx, int argc, const Value *argv);
Value fn_not(FnCtx *cx, int argc, const Value *argv);
Value fn_or(FnCtx *cx, int argc, const Value *argv);

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
Value fn_concatenate(FnCtx *cx, int argc, const Value *argv);
Value fn_len(FnCtx *cx, int argc, const Value *argv);

/* fn_fin.c */
Value fn_irr(FnCtx *cx, int argc, const Value *argv);
Value fn_npv(FnCtx *cx, int argc, const Value *argv);

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
