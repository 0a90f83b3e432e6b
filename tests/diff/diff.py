#!/usr/bin/python3
"""tests/diff/diff.py BIN TMP: `valsheet diff`.

old.vsheet -> new.vsheet changes one input (Upfront 1000 -> 1200) and one
filled formula (B3:D3 = B2 / (1 + rate) ^ B1 gets a factor 0.5). By hand:
  old B3:D3 = 100/1.1, 200/1.21, 300/1.331 = 90.9090..., 165.2892..., 225.3944...
  old npv = 1000 + 481.592787377912 = 1481.592787377912
  new npv = 1200 + 481.592787377912 / 2 = 1440.796393688956
  delta -40.796393688956, relative -40.796393688956 / 1481.592787377912
  D3: 225.394440270473 -> 112.697220135237, delta the same, relative -0.5
  cells whose value changes: Inputs!B2, B3, C3, D3, B5 = 5.
old.vsheet -> structure.vsheet: the fill shrinks to B3:C3 (same formula:
not reported), D3 becomes the constant 0, B5's formula uses 1000 instead of
the removed name upfront, A3 goes, A6 and a sheet Notes (A1, B1) come:
  new npv = 1000 + 90.9090... + 165.2892... + 0 = 1256.198347107438
  cells whose value changes: D3, B5, A3 (removed), A6, Notes!A1, Notes!B1 = 6.
A model against its own fmt output: nothing differs, exit 0.
Prints "TESTS passed failed" last.
"""
import glob
import json
import os
import subprocess
import sys

BIN, TMP = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
os.makedirs(TMP, exist_ok=True)
OLD, NEW, STRUCT = (os.path.join(HERE, f) for f in ("old.vsheet", "new.vsheet",
                                                     "structure.vsheet"))
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def near(a, b):
    return isinstance(a, (int, float)) and abs(a - b) <= 1e-9 * max(1, abs(b))


def run(*args):
    p = subprocess.run([BIN, "diff", *args], capture_output=True)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


OLD_NPV = 1000 + 100 / 1.1 + 200 / 1.21 + 300 / 1.331
OLD_D3 = 300 / 1.331

# 1. One input and one formula.
rc, out, err = run(OLD, NEW, "--format", "json")
check(rc == 1, f"input+formula: exit {rc} {err}")
j = json.loads(out)
check(j["differs"] is True and j["values_changed"] == 5, f"values_changed {j['values_changed']}")
check(j["inputs"] == [{"cells": "Inputs!B2", "count": 1, "old": 1000, "new": 1200}],
      f"inputs {j['inputs']}")
check(j["formulas"] == [{"cells": "Cashflows!B3:D3", "count": 3,
                         "old": "B2 / (1 + rate) ^ B1", "new": "B2 * 0.5 / (1 + rate) ^ B1"}],
      f"formulas {j['formulas']}")
check(j["added"] == [] and j["removed"] == [] and j["names"] == [] and
      j["sheets_added"] == [] and j["sheets_removed"] == [], "nothing structural")
o = {x["name"]: x for x in j["outputs"]}
new_npv = 1200 + (OLD_NPV - 1000) / 2
check(list(o) == ["npv", "Cashflows!D3"], f"outputs {list(o)}")
check(o["npv"]["cell"] == "Cashflows!B5" and near(o["npv"]["old"], OLD_NPV) and
      near(o["npv"]["new"], new_npv) and near(o["npv"]["delta"], new_npv - OLD_NPV) and
      near(o["npv"]["relative"], (new_npv - OLD_NPV) / OLD_NPV), f"npv {o['npv']}")
check(near(o["Cashflows!D3"]["old"], OLD_D3) and near(o["Cashflows!D3"]["new"], OLD_D3 / 2)
      and near(o["Cashflows!D3"]["delta"], -OLD_D3 / 2) and
      near(o["Cashflows!D3"]["relative"], -0.5), f"D3 {o['Cashflows!D3']}")

rc, out, _ = run(OLD, NEW)
check(rc == 1 and out.splitlines()[0] ==
      "1 input and 1 formula changed; 2 of 2 outputs change; 5 cells change value"
      and "  Inputs!B2: 1000 -> 1200" in out.splitlines() and
      "  Cashflows!B3:D3: B2 / (1 + rate) ^ B1 -> B2 * 0.5 / (1 + rate) ^ B1"
      in out.splitlines() and any(l.startswith("  npv (Cashflows!B5): 1481.59278737791 -> "
                                               "1440.79639368896 (-40.79639368895")
                                  and l.endswith(", -2.75%)") for l in out.splitlines()),
      f"text form\n{out}")
rc, out, _ = run(OLD, NEW, "--format", "markdown")
lines = out.splitlines()
check(rc == 1 and lines[0] == "**valsheet diff**: 1 input and 1 formula changed; 2 of 2 "
      "outputs change; 5 cells change value." and
      "| Output | Cell | Old | New | Change | Change % |" in lines and
      "| Inputs!B2 | `1000` | `1200` |" in lines and
      "| Cashflows!B3:D3 | `B2 / (1 + rate) ^ B1` | `B2 * 0.5 / (1 + rate) ^ B1` |" in lines
      and any(l.startswith("| Cashflows!D3 | Cashflows!D3 | 225.394440270473 | "
                           "112.697220135237 | -112.69722013523") and l.endswith("| -50.00% |")
              for l in lines), f"markdown form\n{out}")

# 2. Structure: fill shrunk, formula to constant, names, cells and sheets.
rc, out, err = run(OLD, STRUCT, "--format", "json")
check(rc == 1, f"structure: exit {rc} {err}")
j = json.loads(out)
check(j["values_changed"] == 6, f"structure values_changed {j['values_changed']}")
check(j["inputs"] == [], f"structure inputs {j['inputs']}")
check([(f["cells"], f["old"], f["new"]) for f in j["formulas"]] ==
      [("Cashflows!D3", "B2 / (1 + rate) ^ B1", "0"),
       ("Cashflows!B5", "upfront + SUM(B3:D3)", "1000 + SUM(B3:D3)")],
      f"structure formulas {j['formulas']}")
check([(a["cells"], a["new"]) for a in j["added"]] ==
      [("Cashflows!A6", '"Checked"'), ("Notes!A1", '"memo"'), ("Notes!B1", "1")],
      f"structure added {j['added']}")
check([(a["cells"], a["old"]) for a in j["removed"]] == [("Cashflows!A3", '"Discounted"')],
      f"structure removed {j['removed']}")
check(j["names"] == [{"name": "upfront", "old": "Inputs!$B$2", "new": None}],
      f"structure names {j['names']}")
check(j["sheets_added"] == ["Notes"] and j["sheets_removed"] == [], "structure sheets")
o = {x["name"]: x for x in j["outputs"]}
s_npv = 1000 + 100 / 1.1 + 200 / 1.21
check(near(o["npv"]["new"], s_npv) and near(o["npv"]["delta"], s_npv - OLD_NPV),
      f"structure npv {o['npv']}")
check(o["Cashflows!D3"]["new"] == 0 and near(o["Cashflows!D3"]["relative"], -1.0),
      f"structure D3 {o['Cashflows!D3']}")

# 3. --outputs replaces the models' outputs; names and references both.
rc, out, _ = run(OLD, NEW, "--outputs", "rate,Inputs!B2", "--format", "json")
j = json.loads(out)
check(rc == 1 and [(x["name"], x["cell"], x["old"], x["new"], x["changed"])
                   for x in j["outputs"]] ==
      [("rate", "Inputs!B1", 0.1, 0.1, False), ("Inputs!B2", "Inputs!B2", 1000, 1200, True)]
      and near(j["outputs"][1]["relative"], 0.2), f"--outputs {j['outputs']}")

# 4. Usage and load errors exit 2; nothing differs exits 0.
rc, out, err = run(OLD, NEW, "--outputs", "nowhere")
check(rc == 2 and "nowhere" in err, f"unknown output: {rc} {err}")
bad = os.path.join(TMP, "bad.vsheet")
with open(bad, "w") as f:
    f.write("A1 = (1 +\n")
rc, out, err = run(OLD, bad)
check(rc == 2 and out == "" and bad + ":1:" in err, f"parse error: {rc} {err}")
rc, _, _ = run(OLD)
check(rc == 2, "one file")
rc, _, _ = run(OLD, NEW, "--format", "csv")
check(rc == 2, "csv refused")
rc, out, _ = run(OLD, OLD, "--format", "json")
check(rc == 0 and json.loads(out)["differs"] is False, "a model against itself")

# 4b. JSON keeps the full double (docs/json.md): A1 = 0.1 becomes 0.2, so
# B1 = A1 + 0.2 goes from 0.30000000000000004 (0.1 + 0.2 in IEEE doubles,
# as Python computes it) to 0.4; 15 digits would print 0.3.
a = os.path.join(TMP, "digits_a.vsheet")
b = os.path.join(TMP, "digits_b.vsheet")
with open(a, "w") as f:
    f.write("sheet S\nA1 = 0.1\nB1 = A1 + 0.2\noutputs B1\n")
with open(b, "w") as f:
    f.write("sheet S\nA1 = 0.2\nB1 = A1 + 0.2\noutputs B1\n")
rc, out, _ = run(a, b, "--format", "json")
check(rc == 1 and '"old": 0.30000000000000004' in out and
      json.loads(out)["outputs"][0]["old"] == 0.1 + 0.2,
      f"diff json: full double {out[:600]}")

# 5. Every example against its fmt output: nothing differs at all.
for m in sorted(glob.glob(os.path.join(ROOT, "examples", "*.vsheet"))):
    p = subprocess.run([BIN, "fmt", m], capture_output=True)
    # Beside the original, so its includes and imports resolve the same.
    f1 = os.path.join(os.path.dirname(m), f".diff-test-{os.getpid()}-{os.path.basename(m)}")
    with open(f1, "wb") as f:
        f.write(p.stdout)
    try:
        rc, out, err = run(m, f1, "--format", "json")
    finally:
        os.remove(f1)
    j = json.loads(out) if out else {}
    check(rc == 0 and j.get("values_changed") == 0 and j.get("formulas") == [] and
          j.get("inputs") == [] and j.get("names") == [],
          f"{os.path.basename(m)} vs its fmt output: {rc} {err} {out[:400]}")

print(f"TESTS {passed} {failed}")
