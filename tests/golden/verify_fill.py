#!/usr/bin/env python3
"""verify_fill.py [OUT]: checks tests/golden/fill.out (or OUT, the stdout of
`valsheet eval examples/fill.vsheet`) against the model recomputed here in
plain Python: every filled cell gets the value its shifted formula must
give.  Numbers must agree to 1e-9 relative.  Exits 0 on success, else 1.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True      # no __pycache__ beside the scripts
import goldenlib  # noqa: E402

OUT = goldenlib.out_path("fill.out")


E = {}
units0, growth, price = 1000.0, 0.08, 12.5
E.update({"Assumptions!B1": units0, "Assumptions!B2": growth,
          "Assumptions!B3": price})
cols = "BCDEF"
units = [units0]
for _ in range(4):
    units.append(units[-1] * (1 + growth))
revenue = [u * price for u in units]
running = []
for r in revenue:
    running.append(r + (running[-1] if running else 0.0))
for j, c in enumerate(cols):
    E["Plan!%s1" % c] = 2026 + j
    E["Plan!%s2" % c] = units[j]
    E["Plan!%s3" % c] = revenue[j]
    E["Plan!%s4" % c] = running[j]
prices = [10.0, 12.5, 15.0]
vols = [800.0, 1000.0, 1200.0]
for j, c in enumerate("BCD"):
    E["Plan!%s7" % c] = prices[j]
for i, v in enumerate(vols):
    E["Plan!A%d" % (8 + i)] = v
    for j, c in enumerate("BCD"):
        E["Plan!%s%d" % (c, 8 + i)] = v * prices[j]
n = list(range(1, 7))
sq = [k ** 2 for k in n]
for i in range(6):
    E["Plan!A%d" % (13 + i)] = n[i]
    E["Plan!B%d" % (13 + i)] = sq[i]
    E["Plan!C%d" % (13 + i)] = sq[i] / sum(sq)
total = sum(revenue)
E.update({"Summary!B1": total, "Summary!B2": running[-1],
          "Summary!B3": sum(s / sum(sq) for s in sq)})

got = goldenlib.parse(OUT)
failures = goldenlib.compare(got, E)
goldenlib.finish("verify_fill", failures, "%d numeric cells agree" % len(E))
