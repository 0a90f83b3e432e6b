#!/usr/bin/env python3
"""verify_npv_irr.py [OUT]: checks tests/golden/npv_irr.out (or OUT, the
stdout of `valsheet eval examples/npv_irr.vsheet`) against the model
recomputed here in plain Python (IRR by bisection).  Every numeric and
boolean cell is recomputed and must agree to 1e-9 relative; computed texts
and the visible error are compared exactly.  Exits 0 on success, else 1.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True      # no __pycache__ beside the scripts
import goldenlib  # noqa: E402

OUT = goldenlib.out_path("npv_irr.out")


def npv(rate, values):
    """Excel NPV: the i-th value (1-based) is discounted i periods."""
    return sum(v / (1 + rate) ** (i + 1) for i, v in enumerate(values))


def irr(flows):
    """The rate where the NPV of flows (first one at t = 0) is zero."""
    f = lambda r: sum(v / (1 + r) ** i for i, v in enumerate(flows))
    lo, hi = -0.99, 10.0
    assert f(lo) * f(hi) < 0
    for _ in range(200):
        mid = (lo + hi) / 2
        if f(lo) * f(mid) <= 0:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


E = {}
T = {}
ERR = {}
years = [0, 1, 2, 3, 4, 5]
cf = [-1000.0, 200.0, 300.0, 400.0, 400.0, 300.0]
cum = []
for v in cf:
    cum.append(v + (cum[-1] if cum else 0.0))
for j, c in enumerate("BCDEFG"):
    E["Appraisal!%s1" % c] = years[j]
    E["Appraisal!%s2" % c] = cf[j]
    E["Appraisal!%s3" % c] = cum[j]
rate = 0.08
value = cf[0] + npv(rate, cf[1:])
r_irr = irr(cf)
payback = years[max(i for i, v in enumerate(cum) if v <= 0) + 1]
E.update({"Appraisal!B5": rate, "Appraisal!B6": value,
          "Appraisal!B7": r_irr, "Appraisal!B8": 0.0,
          "Appraisal!B9": value > 0, "Appraisal!B11": payback})
T["Appraisal!B10"] = "invest" if value > 0 else "pass"
classes = {"low": 0.06, "medium": 0.08, "high": 0.12}
for i, (k, v) in enumerate(classes.items()):
    E["Appraisal!B%d" % (14 + i)] = v
E["Appraisal!B19"] = classes["high"]
E["Appraisal!B20"] = cf[0] + npv(classes["high"], cf[1:])
T["Appraisal!B21"] = "no such class"
summary = "Verdict: %s, NPV %s, payback in year %d" % (
    T["Appraisal!B10"], repr(round(value, 1)), payback)
T["Appraisal!B23"] = summary
E["Appraisal!B24"] = len(summary)
variant = [0.0] + cf[1:]
for j, c in enumerate("BCDEFG"):
    E["Appraisal!%s26" % c] = variant[j]
T["Appraisal!B27"] = "no IRR: nothing invested"
ERR["Appraisal!B28"] = "#DIV/0!"
T["Appraisal!B29"] = "n/a"

got = goldenlib.parse(OUT)
failures = goldenlib.compare(got, E, T, ERR)
goldenlib.finish("verify_npv_irr", failures,
                 "%d numeric cells, %d texts, %d errors agree"
                 % (len(E), len(T), len(ERR)))
