"""xlsxlib.py: what oracle.py, readback.py and pdf.py share: running the
engine and other tools, building the workbook, loading the engine's values
and naming cells.  A script imports it through its own directory:

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import xlsxlib

Needs nothing beyond the standard library.
"""
import json
import os
import re
import subprocess
import sys

MAX_REPORTED = 20
PROG = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else 'xlsxlib'


def run(cmd, what=None, pass_stderr=False):
    """Runs cmd and returns its stdout. When it fails, shows its output and
    exits naming the calling script and WHAT (default: the command line).
    PASS_STDERR: show its stderr (warnings) when it succeeds too."""
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        sys.exit('%s: %s exited with %d' % (PROG, what or ' '.join(cmd), p.returncode))
    if pass_stderr and p.stderr:
        sys.stderr.write(p.stderr)
    return p.stdout


def args(usage, extra=False):
    """(VALSHEET_BIN, MODEL, OUTDIR, rest) from the command line; exits
    with USAGE unless there are exactly three (at least three if EXTRA)."""
    n = len(sys.argv) - 1
    if n < 3 or (n > 3 and not extra):
        sys.exit('usage: %s %s' % (PROG, usage))
    return sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]


def build_xlsx(vs, model, outdir, pass_stderr=False):
    """`VS build MODEL -o OUTDIR/x.xlsx` (OUTDIR created); returns the path."""
    os.makedirs(outdir, exist_ok=True)
    out = os.path.join(outdir, 'x.xlsx')
    run([vs, 'build', model, '-o', out], pass_stderr=pass_stderr)
    return out


def engine_values(vs, model, pass_stderr=False):
    """`VS eval MODEL --format json`: "Sheet!A1" -> a number, a string,
    true/false or {"error": "#N/A"}, for every non-empty cell."""
    return json.loads(run([vs, 'eval', model, '--format', 'json'],
                          pass_stderr=pass_stderr))


def split_key(key):
    """'Deal terms'!B3 -> ('Deal terms', 'B3')."""
    sheet, _, cell = key.rpartition('!')
    if len(sheet) >= 2 and sheet[0] == "'" and sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, cell.replace('$', '')


def cell_index(cell):
    """'AB12' -> (11, 27): zero-based row and column."""
    m = re.fullmatch(r'([A-Za-z]+)(\d+)', cell)
    if not m:
        raise ValueError('bad cell reference %r' % cell)
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def col_name(c):
    """27 -> 'AB': the letters of a zero-based column."""
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def close(a, b, abs_tol):
    """Equal, or within 1e-9 relative, or within ABS_TOL absolute."""
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b)) or abs(a - b) <= abs_tol


def report(header, problems, most=MAX_REPORTED):
    """Prints HEADER and the first MOST problems (all if None) and exits 1;
    returns when there are none."""
    if not problems:
        return
    print(header)
    for p in problems[:most]:
        print('  ' + p)
    sys.exit(1)
