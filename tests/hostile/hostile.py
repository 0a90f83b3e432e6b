#!/usr/bin/env python3
"""hostile.py VALSHEET_BIN TMPDIR [COUNT]: generates COUNT (default 600)
malformed or adversarial models by mutating the examples and the bad-input
models with a fixed seed, builds each with a timeout, and checks that every
run either succeeds (exit 0, a workbook written) or reports at least one
'file:line:col: error:' diagnostic and exits 1 without leaving a workbook.
A crash (signal), a hang (timeout), a sanitizer report or any other exit is
a failure. Prints "TESTS passed failed".
"""
import glob
import os
import random
import re
import subprocess
import sys

BIN, TMP = sys.argv[1], sys.argv[2]
COUNT = int(sys.argv[3]) if len(sys.argv) > 3 else 600
TIMEOUT = 20
DIAG = re.compile(rb"^[^\n]+:\d+:\d+: error: ", re.M)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def seeds():
    files = sorted(glob.glob(os.path.join(ROOT, "examples", "*.vsheet")) +
                   glob.glob(os.path.join(ROOT, "tests", "errors", "*.vsheet")))
    out = []
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        if len(data) < 200000:
            out.append(data)
    return out


ERRLITS = [b"#NULL!", b"#DIV/0!", b"#VALUE!", b"#REF!", b"#NAME?", b"#NUM!", b"#N/A",
           b"#GETTING_DATA", b"#SPILL!", b"#CALC!", b"#CIRC!", b"#n/a"]
HUGE = [b"1e308", b"1e309", b"-1e400", b"4.9e-324", b"1e-400", b"99999999999999999999",
        b"0.000000000000000000001", b"1E+307*10", b"-0", b"1048577"]


def mutate(rng, data):
    """One or a few random mutations of a model's bytes."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(14)
        i = rng.randrange(len(lines)) if lines else 0
        if kind == 0 and lines:                       # delete a line
            del lines[i]
        elif kind == 1 and lines:                     # duplicate a line
            lines.insert(i, lines[i])
        elif kind == 2:                               # truncate the file
            blob = b"\n".join(lines)
            lines = blob[:rng.randrange(len(blob) + 1)].split(b"\n")
        elif kind == 3 and lines:                     # random bytes in a line
            pos = rng.randrange(len(lines[i]) + 1)
            junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
            lines[i] = lines[i][:pos] + junk + lines[i][pos:]
        elif kind == 4 and lines:                     # numbers become huge/tiny
            lines[i] = re.sub(rb"\d+(\.\d+)?", lambda m: rng.choice(HUGE), lines[i], count=2)
        elif kind == 5:                               # deep nesting
            depth = rng.choice([50, 500, 5000, 20000])
            lines.append(b"ZZ1 = " + b"(" * depth + b"1" + b")" * rng.choice([depth, depth - 1]))
        elif kind == 6:                               # a cycle
            lines += [b"ZY1 = ZY2 + 1", b"ZY2 = ZY3 * 2", b"ZY3 = ZY1"]
        elif kind == 7:                               # a self-reference
            lines.append(b"ZX9 = ZX9 + SUM(ZX1:ZX20)")
        elif kind == 8:                               # error literals everywhere
            lines.append(b"ZW1:ZW%d = " % len(ERRLITS) + b", ".join(ERRLITS))
            lines.append(b"ZW20 = SUM(ZW1:ZW12) & " + rng.choice(ERRLITS))
        elif kind == 9:                               # overlong names
            name = b"n" * rng.choice([255, 256, 5000])
            lines.append(b"name " + name + b" = $A$1")
            lines.append(b"ZV1 = " + name + b" + 1")
        elif kind == 10:                              # invalid UTF-8
            bad = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x00"])
            lines.insert(i, b"ZU1 = \"" + bad + b"\"")
        elif kind == 11 and lines:                    # swap two lines
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == 12:                              # huge fills and references
            lines.append(rng.choice([b"A1:XFD1 = 1", b"ZT1:ZT1048577 = 2", b"A1:A1048576 = A1",
                                     b"XFD1048576 = XFD1048575 + 1",
                                     b"ZS1 = SUM(A1:XFD1048576)"]))
        else:                                         # odd statements
            lines.append(rng.choice([b"sheet \"\"", b"sheet " + b"s" * 40, b"scenario X",
                                     b"end", b"style A1 fill=#GGGGGG", b"width A 300",
                                     b"freeze XFD1048577", b"outputs nowhere",
                                     b"option nothing", b"format A1 \"" + b"0" * 300 + b"\"",
                                     b"title", b"A1 = \"" + b"x" * 40000 + b"\""]))
    return b"\n".join(lines)


def main():
    rng = random.Random(20261128)
    base = seeds()
    os.makedirs(TMP, exist_ok=True)
    passed = failed = 0
    for k in range(COUNT):
        model = mutate(rng, rng.choice(base))
        path = os.path.join(TMP, "h%04d.vsheet" % k)
        out = os.path.join(TMP, "h%04d.xlsx" % k)
        with open(path, "wb") as f:
            f.write(model)
        try:
            p = subprocess.run([BIN, "build", path, "-o", out], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=TIMEOUT)
            rc, err = p.returncode, p.stderr
        except subprocess.TimeoutExpired:
            rc, err = "timeout", b""
        ok = False
        why = ""
        if b"Sanitizer" in err or b"runtime error:" in err:
            why = "sanitizer report"
        elif rc == 0:
            ok = os.path.exists(out)
            why = "exit 0 without a workbook"
        elif rc == 1:
            ok = bool(DIAG.search(err)) and not os.path.exists(out)
            why = "exit 1 without a file:line:col diagnostic, or a workbook left"
        else:
            why = "exit %s" % rc
        if ok:
            passed += 1
            os.remove(path)
            if os.path.exists(out):
                os.remove(out)
        else:
            failed += 1
            print("FAIL %s: %s\n%s" % (path, why, err[-600:].decode("utf-8", "replace")))
    print("TESTS %d %d" % (passed, failed))
    return 1 if failed else 0


sys.exit(main())
