#!/usr/bin/env python3
"""doc_examples.py VALSHEET_BIN: runs every example of `valsheet functions`
through the engine, so the documentation cannot drift from the code.

An example reads "[SETUP  then  ]=FORMULA -> RESULT", SETUP being valsheet
statements separated by ';'. RESULT is a number (1e-9 relative), a quoted
text, TRUE/FALSE or an error; examples whose RESULT is prose are listed as
skipped. The RESULTs were written by hand (see stdlib/fn_doc.c). Prints
"TESTS passed failed".
"""
import json
import subprocess
import sys

BIN = sys.argv[1]


def run(args, stdin=None):
    return subprocess.run([BIN] + args, input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)


def literal(text):
    t = text.strip()
    if t.startswith('"') and t.endswith('"'):
        return ("text", t[1:-1].replace('""', '"'))
    if t in ("TRUE", "FALSE") or t.startswith("#"):
        return ("word", t)
    try:
        return ("number", float(t))
    except ValueError:
        return None


def main():
    docs = json.loads(run(["functions", "--format", "json"]).stdout)
    passed = failed = skipped = 0
    import os
    import tempfile
    tmp = tempfile.mkdtemp(prefix="vs-doc-")
    for d in docs:
        ex = d.get("example")
        if not ex:
            continue
        setup, _, rest = ex.rpartition("  then  ")
        formula, _, result = rest.partition(" -> ")
        want = literal(result)
        if want is None or not formula.startswith("="):
            skipped += 1
            continue
        lines = ["sheet T"] + [s.strip() for s in setup.split(";") if s.strip()]
        lines.append("XFD1 = " + formula[1:])
        path = os.path.join(tmp, d["name"] + ".vsheet")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        p = run(["eval", path, "XFD1"])
        got = p.stdout.strip().partition(" = ")[2]
        ok = p.returncode == 0
        if ok and want[0] == "number":
            try:
                g = float(got)
                ok = abs(g - want[1]) <= 1e-9 * max(1.0, abs(want[1]))
            except ValueError:
                ok = False
        elif ok and want[0] == "text":
            ok = got == '"' + want[1].replace('"', '""') + '"'
        elif ok:
            ok = got == want[1]
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL %s: %s\n  got: %s %s" % (d["name"], ex, got, p.stderr.strip()))
    print("%d examples checked, %d skipped (prose results)" % (passed + failed, skipped))
    print("TESTS %d %d" % (passed, failed))
    return 1 if failed else 0


sys.exit(main())
