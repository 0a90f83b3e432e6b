#!/usr/bin/env python3
"""verify_licensing.py [OUT]: checks tests/golden/licensing.out (or OUT, the
stdout of `valsheet eval examples/licensing.vsheet`) against an independent
recomputation of the model in plain Python arithmetic (no valsheet code).

Every numeric and boolean cell of the output must be recomputed here and
agree to 1e-9 relative (1e-12 absolute near zero); the computed texts are
compared exactly.  The figures published in DOMAIN.md section 4 are also
asserted at the digits shown there.  Exits 0 when all checks pass, else 1.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True      # no __pycache__ beside the scripts
import goldenlib  # noqa: E402

OUT = goldenlib.out_path("licensing.out")


def col(c):
    n = 0
    for ch in c:
        n = n * 26 + ord(ch) - 64
    return n


def letter(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


# ----------------------------------------------------------------- the model
E = {}          # expected numbers and booleans, 'Sheet!A1' -> value
T = {}          # expected computed texts

rate = 0.10
margin = 0.342
ask = 5.0
stages = ["Preclinical", "Phase I", "Phase II", "Phase III",
          "Registration (NDA/BLA)", "Market (launch)"]
dur = [2, 1, 2, 2, 1, 11]
cost = [2.5, 4.0, 5.0, 12.0, 2.0, 0.0]
p_sh = [0.6, 0.520, 0.289, 0.578, 0.906]          # BIO 2021, shared view
p_co = [0.4, 0.520, 0.289, 0.578, 0.906]          # company view
start = [0]
for d in dur[:-1]:
    start.append(start[-1] + d)                    # 0 2 3 5 7 8
launch = start[5]
tiers = [0.0, 100.0, 300.0]
trates = [0.04, 0.06, 0.08]
ms_amt = [0.5, 1.0, 2.0, 3.0, 5.0]
ms_t = start[1:6]                                  # paid when the next stage starts
sales_fc = [200, 300] + [400] * 9

for i in range(6):
    r = 5 + i
    E["Inputs!B%d" % r] = start[i]
    E["Inputs!C%d" % r] = dur[i]
    E["Inputs!D%d" % r] = cost[i]
    if i < 5:
        E["Inputs!E%d" % r] = p_sh[i]
        E["Inputs!F%d" % r] = p_co[i]
E["Inputs!B15"] = rate
E["Inputs!B16"] = launch
E["Inputs!B17"] = margin
E["Inputs!B18"] = ask
for i in range(3):
    E["Inputs!B%d" % (21 + i)] = tiers[i]
    E["Inputs!C%d" % (21 + i)] = trates[i]
for i in range(5):
    E["Inputs!C%d" % (26 + i)] = ms_t[i]
    E["Inputs!D%d" % (26 + i)] = ms_amt[i]
    T["Inputs!B%d" % (26 + i)] = stages[i + 1]
for i in range(11):
    E["Inputs!%s33" % letter(2 + i)] = i + 1
    E["Inputs!%s34" % letter(2 + i)] = sales_fc[i]
inventor_inv = 4.0                                 # an assumption of the model
E["Inputs!B37"] = inventor_inv


def cum(p, k):
    """P(reaching stage k+1), k transitions passed: a plain product."""
    v = 1.0
    for x in p[:k]:
        v *= x
    return v


reach_sh = [cum(p_sh, k) for k in range(6)]
reach_co = [cum(p_co, k) for k in range(6)]
for k in range(6):
    E["Project!B%d" % (4 + k)] = reach_sh[k]
    E["Project!C%d" % (4 + k)] = reach_co[k]
    T["Project!A%d" % (4 + k)] = stages[k]
loa_phase1 = p_sh[1] * p_sh[2] * p_sh[3] * p_sh[4]
loa = reach_sh[5]
loa_co = reach_co[5]
E["Project!B11"] = loa_phase1
E["Project!B12"] = loa
E["Project!C12"] = loa_co

years = list(range(1, 20))
t = [y - 0.5 for y in years]
stage_no = []
for y in years:
    k = max(i for i in range(6) if start[i] <= y - 1)
    stage_no.append(k)
dev = [-cost[k] for k in stage_no]
sales = [sales_fc[y - launch - 1] if y > launch else 0 for y in years]
contrib = [s * margin for s in sales]
cf = [d + c for d, c in zip(dev, contrib)]
P_sh = [reach_sh[k] for k in stage_no]
P_co = [reach_co[k] for k in stage_no]
df = [(1 + rate) ** -x for x in t]
rpv = [c * p * d for c, p, d in zip(cf, P_sh, df)]
for j, y in enumerate(years):
    c = letter(2 + j)
    E["Project!%s14" % c] = y
    E["Project!%s15" % c] = t[j]
    E["Project!%s16" % c] = stage_no[j] + 1
    T["Project!%s17" % c] = stages[stage_no[j]]
    E["Project!%s18" % c] = dev[j]
    E["Project!%s19" % c] = sales[j]
    E["Project!%s20" % c] = contrib[j]
    E["Project!%s21" % c] = cf[j]
    E["Project!%s22" % c] = P_sh[j]
    E["Project!%s23" % c] = P_co[j]
    E["Project!%s24" % c] = df[j]
    E["Project!%s25" % c] = rpv[j]
proj = sum(rpv)
proj_co = sum(c * p * d for c, p, d in zip(cf, P_co, df))
proj_sure = sum(c * d for c, d in zip(cf, df))
E["Project!B28"] = proj
E["Project!B29"] = proj
E["Project!B30"] = proj_co
E["Project!B31"] = proj_sure


def royalty(s):
    """Marginal tiers: each rate on the slice of sales inside its tier."""
    r = 0.0
    for i in range(3):
        hi = tiers[i + 1] if i + 1 < 3 else float("inf")
        r += trates[i] * max(0.0, min(s, hi) - tiers[i])
    return r


roy = [royalty(s) for s in sales]
for j in range(19):
    c = letter(2 + j)
    E["Deals!%s33" % c] = years[j]
    E["Deals!%s34" % c] = t[j]
    E["Deals!%s35" % c] = sales[j]
    E["Deals!%s36" % c] = roy[j]
    E["Deals!%s37" % c] = df[j]


def milestone_pv(p):
    v, run = 0.0, 1.0
    for a, tm, q in zip(ms_amt, ms_t, p):
        run *= q
        v += a * run * (1 + rate) ** -tm
    return v


ms_sh, ms_co = milestone_pv(p_sh), milestone_pv(p_co)
roy_sh = loa * sum(r * d for r, d in zip(roy, df))
roy_co = loa_co * sum(r * d for r, d in zip(roy, df))
cont_sh, cont_co = ms_sh + roy_sh, ms_co + roy_co
upfront_b = ask - cont_sh
E.update({"Deals!B4": ms_sh, "Deals!C4": ms_co, "Deals!B5": roy_sh,
          "Deals!C5": roy_co, "Deals!B6": cont_sh, "Deals!C6": cont_co,
          "Deals!B7": upfront_b})

lic_a, lic_b = ask, upfront_b + ms_sh + roy_sh
E.update({"Deals!B10": ask, "Deals!C10": upfront_b,
          "Deals!B11": 0.0, "Deals!C11": ms_sh,
          "Deals!B12": 0.0, "Deals!C12": roy_sh,
          "Deals!B13": lic_a, "Deals!C13": lic_b,
          "Deals!B14": ask / lic_a, "Deals!C14": upfront_b / lic_b,
          "Deals!B15": proj, "Deals!C15": proj,
          "Deals!B16": proj - lic_a, "Deals!C16": proj - lic_b,
          "Deals!B17": lic_a / proj, "Deals!C17": lic_b / proj,
          "Deals!B18": abs(lic_b - lic_a) < 1e-9})

# Phase I fails: known when Phase II would start; flows strictly before
# that date happened, the rest never does (a flow on the date is not paid).
tf = start[2]
paid_b = upfront_b + sum(a * (1 + rate) ** -tm
                         for a, tm in zip(ms_amt, ms_t) if tm < tf)
paid_b += sum(r * d for r, d, x in zip(roy, df, t) if x < tf)
sunk = sum(c * d for c, d, x in zip(cf, df, t) if x < tf)
E.update({"Deals!B21": tf, "Deals!B22": ask, "Deals!C22": paid_b,
          "Deals!B23": sunk, "Deals!C23": sunk,
          "Deals!B24": sunk - ask, "Deals!C24": sunk - paid_b,
          "Deals!B25": ask, "Deals!C25": paid_b})

cost_a, cost_b = ask, upfront_b + cont_co
E.update({"Deals!B28": proj_co, "Deals!C28": proj_co,
          "Deals!B29": cost_a, "Deals!C29": cost_b,
          "Deals!B30": proj_co - cost_a, "Deals!C30": proj_co - cost_b})
T["Deals!B31"] = "accept" if proj_co - cost_a > 0 else "reject"
T["Deals!C31"] = "accept" if proj_co - cost_b > 0 else "reject"

# The same ask paid differently: a flat royalty r on every sale has the
# rNPV r * (LOA-weighted, discounted sales); solve r for the ask.
sales_rpv = loa * sum(x * d for x, d in zip(sales, df))
flat_ask = ask / sales_rpv
E.update({"Deals!B40": flat_ask, "Deals!B41": flat_ask * sales_rpv,
          "Deals!B42": roy_sh / sales_rpv, "Deals!B43": proj - cont_sh})

# Risk-sharing benchmark: value in proportion to risk-adjusted investment.
# The licensee's is its development costs weighted by P(starting the stage).
inv_licensee = -sum(c * p * d for c, p, d in zip(dev, P_sh, df))
implied = ask * inv_licensee / (proj - ask)
E.update({"Deals!B46": inv_licensee, "Deals!B47": inventor_inv,
          "Deals!B48": proj * inventor_inv / (inventor_inv + inv_licensee),
          "Deals!B49": implied,
          "Deals!B50": proj * implied / (implied + inv_licensee)})
# The goal-seek inputs and their targets: a trial upfront (0) plus the
# contingent value, and the licensee's value with a 5% flat royalty.
E.update({"Deals!B53": 0.0, "Deals!B54": 0.0 + cont_sh, "Deals!B55": 0.05,
          "Deals!B56": proj - 0.05 * sales_rpv})

# Outcomes: one simulated history; a build evaluates every BERNOULLI at its
# probability, so the "realised" values are the expectations: the reach
# probabilities and the rNPVs above.
for k in range(5):
    E["Outcomes!B%d" % (4 + k)] = p_sh[k]
for k in range(6):
    E["Outcomes!C%d" % (4 + k)] = reach_sh[k]
for j, y in enumerate(years):
    c = letter(2 + j)
    E["Outcomes!%s11" % c] = y
    E["Outcomes!%s12" % c] = P_sh[j]
E.update({"Outcomes!B15": proj, "Outcomes!B16": ms_sh, "Outcomes!B17": roy_sh,
          "Outcomes!B18": proj - ask, "Outcomes!B19": proj - upfront_b - ms_sh - roy_sh,
          "Outcomes!B20": ask, "Outcomes!B21": upfront_b + ms_sh + roy_sh})

# ------------------------------------------------------------------ checks
got = goldenlib.parse(OUT)
failures = goldenlib.compare(got, E, T)


def fail(msg):
    failures.append(msg)


# The figures of DOMAIN.md section 4, at the digits published there.
published = [
    ("LOA from Phase I 0.0787", round(loa_phase1, 4), 0.0787),
    ("LOA incl. preclinical 4.72%", round(loa * 100, 2), 4.72),
    ("project rNPV 8.589", round(proj, 3), 8.589),
    ("upfront of B 1.061", round(upfront_b, 3), 1.061),
    ("licensee rNPV A 3.589", round(proj - lic_a, 3), 3.589),
    ("licensee rNPV B 3.589", round(proj - lic_b, 3), 3.589),
    ("licensor rNPV A 5.000", round(lic_a, 3), 5.0),
    ("licensor rNPV B 5.000", round(lic_b, 3), 5.0),
    ("guaranteed part of B 21%", round(upfront_b / lic_b * 100), 21),
    ("licensee if Phase I fails, A -12.70", round(sunk - ask, 2), -12.70),
    ("licensee if Phase I fails, B -9.18", round(sunk - paid_b, 2), -9.18),
    ("licensor if Phase I fails, A 5.00", round(ask, 2), 5.00),
    ("licensor if Phase I fails, B 1.47", round(paid_b, 2), 1.47),
    ("company project rNPV 4.209", round(proj_co, 3), 4.209),
    ("company cost of A 5.000", round(cost_a, 3), 5.0),
    ("company cost of B 3.687", round(cost_b, 3), 3.687),
    ("company licensee rNPV A -0.791", round(proj_co - cost_a, 3), -0.791),
    ("company licensee rNPV B +0.522", round(proj_co - cost_b, 3), 0.522),
]
for what, have, want in published:
    if have != want:
        fail("published figure %s: recomputed %r" % (what, have))
# The same digits must come out of the engine's output, not only out of
# this script's recomputation.
engine = [
    ("Project!B12", 4, 0.0472), ("Project!B28", 3, 8.589),
    ("Deals!B7", 3, 1.061), ("Deals!C14", 2, 0.21),
    ("Deals!B16", 3, 3.589), ("Deals!C16", 3, 3.589),
    ("Deals!B24", 2, -12.70), ("Deals!C24", 2, -9.18),
    ("Deals!B25", 2, 5.00), ("Deals!C25", 2, 1.47),
    ("Project!B30", 3, 4.209), ("Deals!C29", 3, 3.687),
    ("Deals!B30", 3, -0.791), ("Deals!C30", 3, 0.522),
]
for key, nd, want in engine:
    v = got.get(key)
    if not isinstance(v, float) or round(v, nd) != want:
        fail("%s = %r, expected %s at %d decimals" % (key, v, want, nd))
if got.get("Deals!B31") != "reject" or got.get("Deals!C31") != "accept":
    fail("the company should reject A and accept B")
# Identities the new cells must keep: the flat royalty is worth the ask;
# the implied investment gives back the ask through RISKSHARE.
for key in ("Deals!B41", "Deals!B50"):
    if not goldenlib.close(got.get(key, 0.0), ask):
        fail("%s should equal the ask 5.0, got %r" % (key, got.get(key)))

numeric = sum(1 for v in got.values() if not isinstance(v, str))
goldenlib.finish("verify_licensing", failures,
                 "%d numeric cells and %d published figures agree"
                 % (numeric, len(published)))
