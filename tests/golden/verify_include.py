#!/usr/bin/env python3
"""verify_include.py [OUT]: checks tests/golden/include.out against the
model recomputed by hand: cash flows 100, 110, 121 at 10% discount give
a present value of 100/1.1 + 110/1.1^2 + 121/1.1^3, and after 25% tax
three quarters of it; the rates come from the included file."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
import goldenlib  # noqa: E402

OUT = goldenlib.out_path("include.out")
rate, tax = 0.10, 0.25
flows = [100, 110, 121]
pv = sum(v / (1 + rate) ** (i + 1) for i, v in enumerate(flows))
E = {"Valuation!B1": 100, "Valuation!C1": 110, "Valuation!D1": 121,
     "Valuation!B2": pv, "Valuation!B3": pv * (1 - tax),
     "Assumptions!B1": rate, "Assumptions!B2": tax}
failures = goldenlib.compare(goldenlib.parse(OUT), E)
goldenlib.finish("verify_include", failures, "%d numeric cells agree" % len(E))
