#!/usr/bin/env python3
"""verify_fill.py [OUT]: checks tests/golden/fill.out (or OUT, the stdout of
`valsheet eval examples/fill.vsheet`) against the model recomputed here in
plain Python: every filled cell gets the value its shifted formula must
give.  Numbers must agree to 1e-9 relative.  Exits 0 on success, else 1.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "fill.out")
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

failures = []
got = parse(OUT)


def close(a, b):
    return abs(a - b) <= max(1e-9 * max(abs(a), abs(b)), 1e-12)


for key, val in got.items():
    if isinstance(val, str):
        continue
    if isinstance(val, tuple) or isinstance(val, bool):
        failures.append("%s: unexpected %r" % (key, val))
    elif key not in E:
        failures.append("%s = %r is not recomputed here" % (key, val))
    elif not close(val, E[key]):
        failures.append("%s: got %.15g, expected %.15g" % (key, val, E[key]))
for key in E:
    if key not in got:
        failures.append("%s missing from the output" % key)

if failures:
    for m in failures:
        print("FAIL " + m)
    print("verify_fill: %d failures" % len(failures))
    sys.exit(1)
print("verify_fill: %d numeric cells agree" % len(E))
sys.exit(0)
