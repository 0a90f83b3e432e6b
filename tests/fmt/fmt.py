#!/usr/bin/python3
"""tests/fmt/fmt.py BIN TMP: `valsheet fmt`.

1. cases/NAME.in.vsheet formats to cases/NAME.out.vsheet (expected output
   written by hand), which is a fixed point; --check names the first and
   passes the second; --write rewrites atomically (mode kept, no temporary
   left behind) and never touches a model with errors.
2. Every model of the repository and every fuzz-corpus and error input:
   when fmt succeeds, its output formats to itself and evaluates to the same
   values (eval --format json, and scenarios when the model has some); when
   it fails, it fails as eval does (same diagnostics, exit 1, no output).
Prints "TESTS passed failed" last.
"""
import glob
import os
import random
import re
import shutil
import stat
import subprocess
import sys

BIN, TMP = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
os.makedirs(TMP, exist_ok=True)
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def run(*args):
    p = subprocess.run([BIN, *args], capture_output=True)
    return p.returncode, p.stdout, p.stderr


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


# 1. Hand-written before/after pairs.
for src in sorted(glob.glob(os.path.join(HERE, "cases", "*.in.vsheet"))):
    name = os.path.basename(src)[: -len(".in.vsheet")]
    want = read(src.replace(".in.vsheet", ".out.vsheet"))
    rc, out, err = run("fmt", src)
    check(rc == 0 and out == want, f"{name}: fmt output differs\n{out.decode()}{err.decode()}")
    rc, out, _ = run("fmt", src.replace(".in.vsheet", ".out.vsheet"))
    check(rc == 0 and out == want, f"{name}: expected output is not a fixed point")
    rc, out, _ = run("fmt", "--check", src)
    check(rc == 1 and out.decode() == src + "\n", f"{name}: --check on the input")
    rc, out, _ = run("fmt", "--check", src.replace(".in.vsheet", ".out.vsheet"))
    check(rc == 0 and out == b"", f"{name}: --check on the expected output")
    d = os.path.join(TMP, "write-" + name)
    os.makedirs(d, exist_ok=True)
    target = os.path.join(d, "m.vsheet")
    shutil.copy(src, target)
    os.chmod(target, 0o640)
    rc, out, _ = run("fmt", "--write", target)
    check(rc == 0 and out == b"" and read(target) == want, f"{name}: --write content")
    check(stat.S_IMODE(os.stat(target).st_mode) == 0o640, f"{name}: --write keeps the mode")
    check(os.listdir(d) == ["m.vsheet"], f"{name}: --write leaves {os.listdir(d)}")

# --write and --check on a model with a syntax error: diagnostics, exit 1,
# the file untouched.
bad = os.path.join(TMP, "write-bad")
os.makedirs(bad, exist_ok=True)
target = os.path.join(bad, "bad.vsheet")
text = b"sheet S\nA1   =  1+\nB1=2\n"
write(target, text)
for mode in ("--write", "--check"):
    rc, out, err = run("fmt", mode, target)
    check(rc == 1 and out == b"" and read(target) == text and os.listdir(bad) == ["bad.vsheet"]
          and err.decode().startswith(target + ":2:"), f"bad model {mode}: {rc} {err}")
rc, _, err = run("fmt", os.path.join(bad, "missing.vsheet"))
check(rc == 2 and b"cannot open" in err, "fmt of a missing file exits 2")
rc, _, err = run("fmt", "--bogus", target)
check(rc == 2, "fmt with an unknown option exits 2")
# Several files: --check names each unformatted one.
rc, out, _ = run("fmt", "--check", os.path.join(HERE, "cases", "rowlist.in.vsheet"),
                 os.path.join(HERE, "cases", "rowlist.out.vsheet"),
                 os.path.join(HERE, "cases", "spacing.in.vsheet"))
check(rc == 1 and out.decode().splitlines() ==
      [os.path.join(HERE, "cases", "rowlist.in.vsheet"),
       os.path.join(HERE, "cases", "spacing.in.vsheet")], "--check over several files")


def mutate(rng, data):
    """Layout-level mutations: what fmt must normalise or refuse."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        line = lines[i]
        pos = rng.randrange(len(line) + 1)
        kind = rng.randrange(10)
        if kind == 0:       # blanks anywhere, even inside a token
            lines[i] = line[:pos] + rng.choice([b" ", b"\t", b"   ", b" \r"]) + line[pos:]
        elif kind == 1:     # no blanks at all
            lines[i] = re.sub(rb"[ \t]+", b"", line)
        elif kind == 2:     # another case
            lines[i] = rng.choice([line.upper(), line.lower()])
        elif kind == 3:     # a comment at the end, or on its own line
            lines.insert(i, b"   # note " + bytes([rng.randrange(33, 127)]))
            lines[i + 1] = lines[i + 1] + b"   # why"
        elif kind == 4:     # runs of blank lines
            lines[i:i] = [b"", b"  ", b""]
        elif kind == 5:     # a break after a comma inside parentheses
            m = re.search(rb"\(([^()\n]*?),", line)
            if m:
                lines[i] = line[:m.end()] + b"  # cont\n      " + line[m.end():]
        elif kind == 6:     # a random byte
            lines[i] = line[:pos] + bytes([rng.randrange(256)]) + line[pos:]
        elif kind == 7:     # a line goes
            del lines[i]
            if not lines:
                lines = [b""]
        elif kind == 8:     # truncated
            blob = b"\n".join(lines)
            lines = blob[:rng.randrange(len(blob) + 1)].split(b"\n")
        else:               # blanks around every operator
            lines[i] = re.sub(rb"([-+*/^&=<>,])", rb" \1 ", line)
    return b"\n".join(lines)


# 2. Idempotent, value-preserving, and failing exactly as eval fails.
root = os.path.dirname(os.path.dirname(HERE))
models = []
for pat in ("examples/*.vsheet", "tests/decide/*.vsheet", "tests/simulate/*.vsheet",
            "tests/xlsx/models/*.vsheet", "tests/fuzz/corpus/*", "tests/errors/*.vsheet",
            "tests/fmt/cases/*.vsheet"):
    models += sorted(glob.glob(os.path.join(root, pat)))
# Mutants of the examples and cases, with a fixed seed.
rng = random.Random(8)
seeds = [read(m) for m in models if "/examples/" in m or "/fmt/cases/" in m]
mdir = os.path.join(TMP, "mutants")
os.makedirs(mdir, exist_ok=True)
for k in range(int(sys.argv[3]) if len(sys.argv) > 3 else 100):
    path = os.path.join(mdir, f"mutant{k}.vsheet")
    write(path, mutate(rng, rng.choice(seeds)))
    models.append(path)
for i, m in enumerate(models):
    rel = os.path.relpath(m, root)
    rc, out, err = run("fmt", m)
    erc, eout, eerr = run("eval", m, "--format", "json")
    if rc != 0:
        check(rc == erc == 1 and out == b"" and err == eerr,
              f"{rel}: fmt fails ({rc}) unlike eval ({erc})\n{err.decode()}---\n{eerr.decode()}")
        continue
    # The formatted copy sits beside the original (hidden, removed after),
    # so the files it includes or imports resolve as they do for it.
    f1 = os.path.join(os.path.dirname(m), f".fmt-test-{os.getpid()}-{os.path.basename(m)}")
    write(f1, out)
    try:
        rc2, out2, _ = run("fmt", f1)
        check(rc2 == 0 and out2 == out, f"{rel}: not idempotent")
        frc, fout, _ = run("eval", f1, "--format", "json")
        check(frc == erc and fout == eout, f"{rel}: values differ after fmt")
        src = read(m)
        if b"scenario" in src.lower() and b"outputs" in src.lower():
            a = run("scenarios", m, "--format", "json")
            b = run("scenarios", f1, "--format", "json")
            check(a[0] == b[0] and a[1] == b[1], f"{rel}: scenario values differ after fmt")
    finally:
        os.remove(f1)

print(f"TESTS {passed} {failed}")
