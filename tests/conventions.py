#!/usr/bin/env python3
"""tests/conventions.py BIN TMP: the ecosystem conventions of issue 8.

- provenance: a built workbook's document properties name the valsheet
  version and the SHA-256 of the model (computed here with hashlib), and
  --set overrides; two builds are byte-identical;
- verify: exit 0 on the workbook just built, 1 with a clear message after
  any change (model text, --set, SOURCE_DATE_EPOCH, one flipped byte), 2
  for a missing file or a missing argument;
- colour: escapes only on a terminal (a pty from script(1)), never with
  NO_COLOR or --color=never, always with --color=always;
- JSON: every command's --format json parses, carries "schema": 1 where
  docs/json.md says so, and numbers round-trip the exact double.
Prints "TESTS passed failed" last.
"""
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
import zipfile

BIN, TMP = sys.argv[1], sys.argv[2]
os.makedirs(TMP, exist_ok=True)
passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, detail)


def vs(*args, env=None):
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    e.pop("SOURCE_DATE_EPOCH", None)
    e.update(env or {})
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=e)


MODEL = os.path.join(TMP, "deal.vsheet")
TEXT = """title "Provenance"
sheet Deal
A1:B1 = "Price", 100
A2:B2 = "Units", 20
A3:B3 = "Revenue", B1 * B2
A4 = 0.1 + 0.2
name units = $B$2
outputs units
"""
with open(MODEL, "w") as f:
    f.write(TEXT)
SHA = hashlib.sha256(TEXT.encode()).hexdigest()


def props(path):
    with zipfile.ZipFile(path) as z:
        custom = z.read("docProps/custom.xml").decode()
        core = z.read("docProps/core.xml").decode()
    found = dict(re.findall(r'name="([^"]+)"><vt:lpwstr>([^<]*)<', custom))
    return found, core


def provenance():
    out = os.path.join(TMP, "deal.xlsx")
    r = vs("build", MODEL, "-o", out)
    check(r.returncode == 0, "build", r.stderr)
    version = vs("--version").stdout.split()[1]
    p, core = props(out)
    check(p.get("valsheet version") == version, "version property", p)
    check(p.get("valsheet source sha256") == SHA, "sha256 property", p)
    check("valsheet overrides" not in p, "no overrides property without --set", p)
    check(f"from a model with SHA-256 {SHA}" in core, "comments carry the hash")
    again = os.path.join(TMP, "again.xlsx")
    vs("build", MODEL, "-o", again)
    check(open(out, "rb").read() == open(again, "rb").read(), "builds byte-identical")
    setx = os.path.join(TMP, "set.xlsx")
    r = vs("build", MODEL, "-o", setx, "--set", "units=24", "--set", "Deal!B1=90")
    p, _ = props(setx)
    check(p.get("valsheet overrides") == "units=24; Deal!B1=90", "overrides property", p)
    # A long override is cut to Excel's 255 characters, not an export failure.
    long = os.path.join(TMP, "long.xlsx")
    r = vs("build", MODEL, "-o", long, "--set", "Deal!A1=\"" + "é" * 300 + "\"")
    check(r.returncode == 0, "build with a long --set", r.stderr)
    p, _ = props(long)
    o = p.get("valsheet overrides", "")
    check(o.endswith("...") and len(o.encode()) <= 255, "long override cut", len(o))
    return out, setx


def verify(out, setx):
    r = vs("verify", MODEL, out)
    check(r.returncode == 0 and "matches" in r.stdout, "verify the fresh build",
          r.stdout + r.stderr)
    r = vs("verify", MODEL, setx, "--set", "units=24", "--set", "Deal!B1=90")
    check(r.returncode == 0, "verify with the same --set", r.stderr)
    r = vs("verify", MODEL, setx)
    check(r.returncode == 1 and "does not match a rebuild" in r.stderr,
          "verify without the --set used", r.stderr)
    r = vs("verify", MODEL, out, env={"SOURCE_DATE_EPOCH": "1700000000"})
    check(r.returncode == 1, "verify under another SOURCE_DATE_EPOCH")
    changed = os.path.join(TMP, "changed.vsheet")
    with open(changed, "w") as f:
        f.write(TEXT + "# one comment more\n")
    r = vs("verify", changed, out)
    check(r.returncode == 1 and "does not match" in r.stderr, "verify a changed model",
          r.stderr)
    data = bytearray(open(out, "rb").read())
    data[len(data) // 2] ^= 1
    tampered = os.path.join(TMP, "tampered.xlsx")
    open(tampered, "wb").write(data)
    r = vs("verify", MODEL, tampered)
    check(r.returncode == 1 and f"byte {len(data) // 2} " in r.stderr,
          "verify names the first tampered byte", r.stderr)
    r = vs("verify", MODEL, os.path.join(TMP, "missing.xlsx"))
    check(r.returncode == 2 and "cannot read" in r.stderr, "verify a missing file", r.stderr)
    r = vs("verify", MODEL)
    check(r.returncode == 2, "verify without OUT.xlsx")
    check(open(out, "rb").read() == open(os.path.join(TMP, "again.xlsx"), "rb").read(),
          "verify leaves the workbook alone")


ESC = "\x1b["


def colour():
    bad = os.path.join(TMP, "bad.vsheet")
    with open(bad, "w") as f:
        f.write("sheet S\nA1 = SUMM(1)\n")
    r = vs("check", bad)
    check(r.returncode == 1 and ESC not in r.stderr and "error: unknown function" in r.stderr,
          "no colour into a pipe", repr(r.stderr))
    r = vs("check", bad, "--color=always")
    check("\x1b[1;31merror:\x1b[0m unknown function" in r.stderr, "--color=always: error",
          repr(r.stderr))
    # The caret spans the call SUMM(1): 7 code points.
    check("\x1b[1;32m^~~~~~~\x1b[0m\n" in r.stderr, "--color=always: caret", repr(r.stderr))
    r = vs("check", bad, "--color", "always", env={"NO_COLOR": "1"})
    check(ESC in r.stderr, "--color=always beats NO_COLOR")

    def tty(args, env=None):
        cmd = " ".join(shlex.quote(a) for a in [BIN, *args])
        e = dict(os.environ)
        e.pop("NO_COLOR", None)
        e.update(env or {})
        return subprocess.run(["script", "-qec", cmd, "/dev/null"], capture_output=True,
                              text=True, env=e).stdout

    out = tty(["check", bad])
    check("\x1b[1;31merror:" in out, "colour on a terminal", repr(out))
    check(ESC not in tty(["check", bad], {"NO_COLOR": "1"}), "NO_COLOR on a terminal")
    check(ESC in tty(["check", bad], {"NO_COLOR": ""}), "empty NO_COLOR is unset")
    check(ESC not in tty(["check", bad, "--color=never"]), "--color=never on a terminal")
    warn = os.path.join(TMP, "warn.vsheet")
    with open(warn, "w") as f:
        f.write("sheet S\nA1 = XLOOKUP(1, B1:B2, C1:C2)\n")
    r = vs("check", warn, "--target", "excel2010", "--color=always")
    check("\x1b[1;35mwarning:\x1b[0m" in r.stderr, "--color=always: warning", repr(r.stderr))
    r = vs("check", bad, "--color=sometimes")
    check(r.returncode == 2 and "--color takes auto, always or never" in r.stderr,
          "bad --color value", r.stderr)


def as_json(what, r):
    try:
        return json.loads(r.stdout)
    except ValueError:
        check(False, f"{what}: not JSON", r.stdout[:200] + r.stderr)
        return None


def json_schema():
    d = as_json("eval", vs("eval", MODEL, "Deal!A4", "units", "--format", "json"))
    # 0.1 + 0.2 is 0.30000000000000004 in IEEE doubles (Python agrees).
    check(d == {"Deal!A4": 0.1 + 0.2, "units": 20}, "eval json: exact double", d)
    check("0.30000000000000004" in vs("eval", MODEL, "Deal!A4", "--format", "json").stdout,
          "eval json prints 17 digits when needed")
    d = as_json("eval --outputs", vs("eval", MODEL, "--outputs", "--format", "json"))
    check(d == {"units": 20}, "eval --outputs json", d)
    d = as_json("table", vs("table", MODEL, "--output", "Deal!B3", "--vary",
                            "units=10,30", "--format", "json"))
    check(d and d.get("schema") == 1 and d["columns"] == ["Deal!B3"] and
          [r["values"] for r in d["rows"]] == [[1000], [3000]], "table json", d)
    d = as_json("tornado", vs("tornado", MODEL, "--output", "Deal!B3", "--inputs",
                              "units", "--format", "json"))
    check(d and d.get("schema") == 1 and d["rows"][0]["values"][:2] == [16, 24],
          "tornado json: 20 -/+ 20%", d)
    d = as_json("scenarios", vs("scenarios", MODEL, "--format", "json"))
    check(d and d.get("schema") == 1 and d["columns"] == ["Base"], "scenarios json", d)
    d = as_json("solve", vs("solve", MODEL, "--vary", "units", "--target", "Deal!B3",
                            "--value", "2500", "--format", "json"))
    check(d and abs(d.get("units", 0) - 25) < 1e-9, "solve json", d)
    d = as_json("simulate", vs("simulate", MODEL, "--outputs", "Deal!B3", "--trials", "10",
                               "--format", "json"))
    check(d and d.get("schema") == 1 and d["outputs"][0]["mean"] == 2000, "simulate json", d)
    d = as_json("functions", vs("functions", "SUM", "--format", "json"))
    check(isinstance(d, list) and d[0]["name"] == "SUM", "functions json", d)
    r = vs("bench-edit", MODEL, "--edit", "units=30", "--print", "Deal!B3")
    line = json.loads(r.stdout.splitlines()[0]) if r.returncode == 0 else {}
    check(line.get("schema") == 1 and line.get("Deal!B3") == 3000, "bench-edit json", line)


out, setx = provenance()
verify(out, setx)
colour()
json_schema()
print(f"TESTS {passed} {failed}")
sys.exit(1 if failed else 0)
