#!/usr/bin/env python3
"""verify_maturity.py [OUT]: checks tests/golden/maturity.out (or OUT, the
stdout of `valsheet eval examples/maturity.vsheet`) against the model
recomputed here in plain Python (no valsheet code): MATURITY as a weighted
mean, the BIO phase tables of DOMAIN.md 3.3 typed in again, CUMPROB as
plain products, TRL_PROB as a list lookup.  Every numeric cell must agree
to 1e-9 relative; the published LOAs of DOMAIN.md 1.2 must be matched
within one unit of their last digit.  Exits 0 when all checks pass, else 1.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True      # no __pycache__ beside the scripts
import goldenlib  # noqa: E402

OUT = goldenlib.out_path("maturity.out")

E = {}

# ------------------------------------------------------------------ Inputs
effort = [0.2, 0.3, 0.5, 0.6, 0.8, 0.7, 1.4, 2.5]
done = [1.0, 0.5, 0, 0, 0, 0, 0, 0]
for i in range(8):
    E["Inputs!B%d" % (5 + i)] = effort[i]
    E["Inputs!C%d" % (5 + i)] = done[i]
E["Inputs!B13"] = sum(effort)
importance = [2, 3, 3, 1, 1]
rating = [4, 2, 1, 2, 5]
for i in range(5):
    E["Inputs!B%d" % (16 + i)] = importance[i]
    E["Inputs!C%d" % (16 + i)] = rating[i]
trl_now, p_pre = 3, 0.40
E["Inputs!B23"] = trl_now
E["Inputs!B24"] = p_pre
own = [0.010, 0.015, 0.020, 0.030, 0.045]        # the user's TRL 1-5
for i in range(5):
    E["Inputs!B%d" % (27 + i)] = own[i]

# ------------------------------------------------------------------ Phases
# DOMAIN.md 3.3, typed in again.
data = [("BIO2021", [0.520, 0.289, 0.578, 0.906]),
        ("BIO2016", [0.632, 0.307, 0.581, 0.853]),
        ("BIO2016_ONC", [0.628, 0.246, 0.401, 0.824]),
        ("BIO2016_NONONC", [0.635, 0.343, 0.637, 0.859])]


def prod(xs):
    v = 1.0
    for x in xs:
        v *= x
    return v


for k in range(4):
    E["Phases!A%d" % (5 + k)] = k + 1
cum = {}
for j, (name, p) in enumerate(data):
    c = "CDEF"[j]
    for k in range(4):
        E["Phases!%s%d" % (c, 5 + k)] = p[k]
    # LOA from Phase I, from Phase II, from Phase III; P(reaching Phase III)
    cum[name] = (prod(p), prod(p[1:]), prod(p[2:]), prod(p[:2]))
    for r, v in zip((11, 12, 13, 14), cum[name]):
        E["Phases!%s%d" % (c, r)] = v
published = {"BIO2021": (0.079, None, None), "BIO2016": (0.096, None, None),
             "BIO2016_ONC": (0.051, 0.081, 0.330),
             "BIO2016_NONONC": (0.119, 0.187, 0.547)}
for j, (name, _) in enumerate(data):
    c = "CDEF"[j]
    for r, v in zip((17, 18, 19), published[name]):
        if v is not None:
            E["Phases!%s%d" % (c, r)] = v
    E["Phases!%s20" % c] = cum[name][0] - published[name][0]

# ------------------------------------------------------------------- Score
E["Score!B4"] = sum(s * w for s, w in zip(done, effort)) / (1 * sum(effort))
E["Score!B5"] = sum(done) / len(done)
E["Score!B6"] = sum(s * w for s, w in zip(rating, importance)) / (5 * sum(importance))
bio = cum["BIO2021"]
table = own + [bio[0], bio[1], bio[2], 1.0]      # TRL 1..9
for i in range(9):
    E["Score!B%d" % (9 + i)] = table[i]
E["Score!B20"] = trl_now
E["Score!B21"] = table[trl_now - 1]
E["Score!B22"] = table[6 - 1]
E["Score!B23"] = table[6 - 1] / table[trl_now - 1]
E["Score!B26"] = p_pre
E["Score!B27"] = bio[0]
E["Score!B28"] = p_pre * bio[0]

# ------------------------------------------------------------------ checks
got = goldenlib.parse(OUT)
failures = goldenlib.compare(got, E)

# Published LOAs (DOMAIN.md 1.2) within one unit of the last digit shown.
pub = [("BIO2021", 0, 0.079), ("BIO2016", 0, 0.096),
       ("BIO2016_ONC", 0, 0.051), ("BIO2016_ONC", 1, 0.081),
       ("BIO2016_ONC", 2, 0.330), ("BIO2016_NONONC", 0, 0.119),
       ("BIO2016_NONONC", 1, 0.187), ("BIO2016_NONONC", 2, 0.547)]
for name, k, want in pub:
    if abs(cum[name][k] - want) > 0.001 + 1e-12:
        failures.append("%s LOA %d: %.5f is not %.3f to one unit"
                        % (name, k, cum[name][k], want))
# DOMAIN.md 3.2: the anchored TRL 6-9 entries 0.0787, 0.151, 0.524, 1.
for have, want, nd in zip(table[5:], (0.0787, 0.151, 0.524, 1.0), (4, 3, 3, 0)):
    if round(have, nd) != want:
        failures.append("TRL anchor %.6f is not %s" % (have, want))
# The source paper's "only ~5% of required tests done".
if round(got.get("Score!B4", -1.0), 4) != 0.05:
    failures.append("maturity should be 5%%, got %r" % got.get("Score!B4"))
goldenlib.finish("verify_maturity", failures, "%d numeric cells agree" % len(E))
