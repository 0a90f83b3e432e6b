#!/usr/bin/env python3
"""verify_milestones.py [OUT]: checks tests/golden/milestones.out (or OUT,
the stdout of `valsheet eval examples/milestones.vsheet`) against the model
recomputed here in plain Python.  Every numeric cell must be recomputed and
agree to 1e-9 relative.  Exits 0 when all checks pass, else 1.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True      # no __pycache__ beside the scripts
import goldenlib  # noqa: E402

OUT = goldenlib.out_path("milestones.out")


E = {}
rate, upfront, royalty = 0.12, 2000000.0, 0.05
E.update({"Inputs!B1": rate, "Inputs!B2": upfront, "Inputs!B3": royalty})

# LANGUAGE.md section 9: hand-typed cumulative probabilities.
years = [1, 2, 3, 4, 5]
ms = [0, 1000000, 0, 3000000, 0]
reach = [1, 0.52, 0.52, 0.15, 0.15]
risk = [m * p for m, p in zip(ms, reach)]
for j, c in enumerate("BCDEF"):
    E["Cashflows!%s1" % c] = years[j]
    E["Cashflows!%s2" % c] = ms[j]
    E["Cashflows!%s3" % c] = reach[j]
    E["Cashflows!%s4" % c] = risk[j]
# Excel NPV: the i-th value (1-based) is discounted i periods.
E["Cashflows!B6"] = upfront + sum(v / (1 + rate) ** (i + 1)
                                  for i, v in enumerate(risk))

# Schedule: transition probabilities, cumulated by hand.
amt, yr, trans = [1000000.0, 3000000.0], [2, 4], [0.520, 0.289]
cum = [trans[0], trans[0] * trans[1]]
for i in range(2):
    E["Schedule!B%d" % (2 + i)] = yr[i]
    E["Schedule!C%d" % (2 + i)] = amt[i]
    E["Schedule!D%d" % (2 + i)] = trans[i]
    E["Schedule!E%d" % (2 + i)] = cum[i]
pv = sum(a * p * (1 + rate) ** -t for a, p, t in zip(amt, cum, yr))
pv_late = sum(a * p * (1 + rate) ** -(t + 1) for a, p, t in zip(amt, cum, yr))
E.update({"Schedule!B5": pv, "Schedule!B6": pv, "Schedule!B7": pv_late,
          "Schedule!B8": pv - pv_late, "Schedule!B9": upfront + pv,
          "Schedule!B10": 1.0})

got = goldenlib.parse(OUT)
failures = goldenlib.compare(got, E)
# The delay identity of DOMAIN.md 3.6: lost = PV * (1 - (1+rate)^-1).
if not goldenlib.close(got.get("Schedule!B8", 0.0), pv * (1 - 1 / (1 + rate))):
    failures.append("Schedule!B8 breaks the delay identity")
goldenlib.finish("verify_milestones", failures, "%d numeric cells agree" % len(E))
