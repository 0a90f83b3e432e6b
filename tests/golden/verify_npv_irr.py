#!/usr/bin/env python3
"""verify_npv_irr.py [OUT]: checks tests/golden/npv_irr.out (or OUT, the
stdout of `valsheet eval examples/npv_irr.vsheet`) against the model
recomputed here in plain Python (IRR by bisection).  Every numeric and
boolean cell is recomputed and must agree to 1e-9 relative; computed texts
and the visible error are compared exactly.  Exits 0 on success, else 1.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "npv_irr.out")
LINE = re.compile(r'^(?P<key>[^!\s]+![A-Z]+[0-9]+) = (?P<val>.*)$')


def parse(path):
    """Maps 'Sheet!A1' to a float, a bool, a str (text) or ('error', code)."""
    cells = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = LINE.match(line.rstrip("\n"))
            if not m:
                raise SystemExit("%s:%d: cannot parse %r" % (path, n, line))
            v = m.group("val")
            if v.startswith('"'):
                val = v[1:-1].replace('""', '"')
            elif v in ("TRUE", "FALSE"):
                val = v == "TRUE"
            elif v.startswith("#"):
                val = ("error", v)
            else:
                val = float(v)
            cells[m.group("key")] = val
    return cells


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

failures = []
got = parse(OUT)


def close(a, b):
    return abs(a - b) <= max(1e-9 * max(abs(a), abs(b)), 1e-12)


for key, val in got.items():
    if isinstance(val, str):
        if key in T and val != T[key]:
            failures.append("%s: text %r, expected %r" % (key, val, T[key]))
    elif isinstance(val, tuple):
        if ERR.get(key) != val[1]:
            failures.append("%s: unexpected error %s" % (key, val[1]))
    elif key not in E:
        failures.append("%s = %r is not recomputed here" % (key, val))
    elif isinstance(E[key], bool) or isinstance(val, bool):
        if type(val) is not type(E[key]) or val != E[key]:
            failures.append("%s: got %r, expected %r" % (key, val, E[key]))
    elif not close(val, E[key]):
        failures.append("%s: got %.15g, expected %.15g" % (key, val, E[key]))
for key in list(E) + list(T) + list(ERR):
    if key not in got:
        failures.append("%s missing from the output" % key)

if failures:
    for m in failures:
        print("FAIL " + m)
    print("verify_npv_irr: %d failures" % len(failures))
    sys.exit(1)
print("verify_npv_irr: %d numeric cells, %d texts, %d errors agree"
      % (len(E), len(T), len(ERR)))
sys.exit(0)
