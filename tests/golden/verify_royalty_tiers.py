#!/usr/bin/env python3
"""verify_royalty_tiers.py [OUT]: checks tests/golden/royalty_tiers.out (or
OUT, the stdout of `valsheet eval examples/royalty_tiers.vsheet`) against
the model recomputed here in plain Python (no valsheet code): marginal
tiers as slices of sales, cliff tiers as one rate on all sales, the
anti-stacking credit as max(royalty - offset * third party, floor *
royalty), and every value as a plain sum of probability-weighted,
discounted flows.  Every numeric cell must agree to 1e-9 relative and the
"floor"/"offset" labels exactly.  Exits 0 when all checks pass, else 1.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True      # no __pycache__ beside the scripts
import goldenlib  # noqa: E402

OUT = goldenlib.out_path("royalty_tiers.out")


def letter(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


E = {}
T = {}

# ------------------------------------------------------------------ Inputs
rate, launch, margin = 0.10, 5, 0.30
trans = [0.289, 0.578, 0.906]
tiers = [0.0, 150.0, 300.0]
trates = [0.05, 0.07, 0.10]
tp_rate, offset, floor = 0.03, 0.50, 0.75
sales = [40, 110, 190, 260, 320, 350, 360, 340, 250, 120]
E.update({"Inputs!B5": rate, "Inputs!B6": launch, "Inputs!B7": margin,
          "Inputs!B20": tp_rate, "Inputs!B21": offset, "Inputs!B22": floor})
for i in range(3):
    E["Inputs!B%d" % (10 + i)] = trans[i]
    E["Inputs!B%d" % (15 + i)] = tiers[i]
    E["Inputs!C%d" % (15 + i)] = trates[i]
for j in range(10):
    E["Inputs!%s25" % letter(2 + j)] = j + 1
    E["Inputs!%s26" % letter(2 + j)] = sales[j]


# --------------------------------------------------------------- Royalties
def marginal(s):
    """Each rate on the slice of sales inside its tier."""
    r = 0.0
    for i in range(3):
        hi = tiers[i + 1] if i + 1 < 3 else float("inf")
        r += trates[i] * max(0.0, min(s, hi) - tiers[i])
    return r


def cliff(s):
    """The rate of the highest tier reached, on all sales."""
    k = max(i for i in range(3) if tiers[i] <= s)
    return s * trates[k]


t = [launch + y - 0.5 for y in range(1, 11)]
roy0 = [marginal(s) for s in sales]
roy1 = [cliff(s) for s in sales]
third = [s * tp_rate for s in sales]
net = [max(r - offset * q, floor * r) for r, q in zip(roy0, third)]
df = [(1 + rate) ** -x for x in t]
for j in range(10):
    c = letter(2 + j)
    E["Royalties!%s3" % c] = j + 1
    E["Royalties!%s4" % c] = t[j]
    E["Royalties!%s5" % c] = sales[j]
    E["Royalties!%s6" % c] = roy0[j]
    E["Royalties!%s7" % c] = roy1[j]
    E["Royalties!%s8" % c] = roy1[j] - roy0[j]
    E["Royalties!%s9" % c] = roy0[j] / sales[j]
    E["Royalties!%s10" % c] = roy1[j] / sales[j]
    E["Royalties!%s11" % c] = third[j]
    E["Royalties!%s12" % c] = net[j]
    T["Royalties!%s13" % c] = ("floor" if roy0[j] - offset * third[j] < floor * roy0[j]
                               else "offset")
    E["Royalties!%s14" % c] = df[j]

# ------------------------------------------------------------------- Value
loa = trans[0] * trans[1] * trans[2]


def rpv(flows):
    return sum(f * loa * d for f, d in zip(flows, df))


pv0, pv1, pvn, base = rpv(roy0), rpv(roy1), rpv(net), rpv(sales)
E.update({"Value!B4": loa, "Value!B7": pv0, "Value!B8": pv1, "Value!B9": pv0,
          "Value!B10": pvn, "Value!B11": pv0 - pvn, "Value!B12": base,
          "Value!B15": pv0 / base, "Value!B16": pv1 / base,
          "Value!B17": pvn / base, "Value!B18": pv0,
          "Value!B21": margin, "Value!B22": 0.25 * margin,
          "Value!B23": pv0 / base - 0.25 * margin})

# ------------------------------------------------------------------ checks
got = goldenlib.parse(OUT)
failures = goldenlib.compare(got, E, T)
# DOMAIN.md 3.7 by hand: at 320, marginal 5%*150 + 7%*150 + 10%*20 = 20
# and cliff 10%*320 = 32.
if not (goldenlib.close(got.get("Royalties!F6", 0.0), 20.0)
        and goldenlib.close(got.get("Royalties!F7", 0.0), 32.0)):
    failures.append("year 5 royalties should be 20 (marginal) and 32 (cliff)")
# Both limits of the clause occur, so the example shows both.
if set(T.values()) != {"floor", "offset"}:
    failures.append("the example should show both the floor and the offset binding")
goldenlib.finish("verify_royalty_tiers", failures, "%d numeric cells agree" % len(E))
