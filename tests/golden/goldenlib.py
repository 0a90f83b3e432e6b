"""goldenlib.py: what the verify_*.py scripts share.  Each script
recomputes its model in plain Python; this module reads the stdout of
`valsheet eval` (tests/golden/X.out), compares it with the recomputed
values and reports.  A script imports it through its own directory:

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import goldenlib
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# One line of `valsheet eval`: Sheet!A1 = value, or 'Deal terms'!B3 = value
# for a sheet name that needs quotes ('' inside stands for one ').
LINE = re.compile(r"^(?P<key>(?:'(?:[^']|'')+'|[^!\s]+)![A-Z]+[0-9]+) = (?P<val>.*)$")


def out_path(name):
    """The file to check: the first argument, else tests/golden/NAME."""
    return sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, name)


def parse(path):
    """Maps 'Sheet!A1' to a float, a bool, a str (text) or ('error', code)."""
    cells = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            m = LINE.match(line)
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


def close(a, b):
    """Equal to 1e-9 relative, or 1e-12 absolute near zero."""
    return abs(a - b) <= max(1e-9 * max(abs(a), abs(b)), 1e-12)


def compare(got, numbers, texts=None, errors=None):
    """Checks the parsed output GOT against the recomputed values and
    returns the failures as messages:
      - NUMBERS maps a key to a number or a bool: every numeric or boolean
        cell of GOT must be there and agree (numbers by close(), booleans
        exactly and as booleans);
      - TEXTS maps a key to a text: such a cell must hold it exactly (other
        texts, labels, are not checked);
      - ERRORS maps a key to an error code ("#DIV/0!"): the only errors
        allowed;
    and every key of the three must be in GOT."""
    texts = texts or {}
    errors = errors or {}
    failures = []
    for key, val in got.items():
        if isinstance(val, str):
            if key in texts and val != texts[key]:
                failures.append("%s: text %r, expected %r" % (key, val, texts[key]))
            elif key in numbers:
                failures.append("%s: text %r, expected %r" % (key, val, numbers[key]))
        elif isinstance(val, tuple):
            if errors.get(key) != val[1]:
                failures.append("%s: unexpected error %s" % (key, val[1]))
        elif key not in numbers:
            failures.append("%s = %r is not recomputed here" % (key, val))
        elif isinstance(numbers[key], bool) or isinstance(val, bool):
            if type(val) is not type(numbers[key]) or val != numbers[key]:
                failures.append("%s: got %r, expected %r" % (key, val, numbers[key]))
        elif not close(val, float(numbers[key])):
            failures.append("%s: got %.15g, expected %.15g" % (key, val, numbers[key]))
    for key in list(numbers) + list(texts) + list(errors):
        if key not in got:
            failures.append("%s missing from the output" % key)
    return failures


def finish(name, failures, summary):
    """Prints the failures and exits 1, or prints "NAME: SUMMARY" and
    exits 0."""
    if failures:
        for m in failures:
            print("FAIL " + m)
        print("%s: %d failures" % (name, len(failures)))
        sys.exit(1)
    print("%s: %s" % (name, summary))
    sys.exit(0)
