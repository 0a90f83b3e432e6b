#!/usr/bin/python3
"""oracle.py: recalculates an exported workbook in LibreOffice and compares
every cell with the engine.

  /usr/bin/python3 tests/xlsx/oracle.py VALSHEET_BIN MODEL.vsheet OUTDIR

Builds OUTDIR/x.xlsx, runs xlsx-oracle on it (LibreOffice headless with a
forced recalculation, so the cached values we wrote are not trusted; found
at ../shared/tools/xlsx-oracle beside the repository, or $VS_ORACLE) and
compares its dump with `VALSHEET_BIN eval MODEL --format json`:
  - numbers within 1e-9 relative (1e-12 absolute near zero);
  - booleans: LibreOffice reports 1/0 (or TRUE/FALSE);
  - errors as their text; #NUM! may come back as "Err:502", #CIRC! (a
    circular reference) as "Err:522"/"Err:523" or 0;
  - text exactly; and LibreOffice must show no value the engine lacks.
Exits 0 with one "ok ..." line, or 1 with the first mismatches.
"""
import json
import math
import os
import re
import subprocess
import sys

MAX_REPORTED = 20
HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.environ.get('VS_ORACLE') or os.path.normpath(
    os.path.join(HERE, '..', '..', '..', 'shared', 'tools', 'xlsx-oracle'))

# What LibreOffice may show instead of an Excel error.
ERROR_ALIASES = {
    '#NUM!': {'#NUM!', 'Err:502', 'Err:503'},
    '#VALUE!': {'#VALUE!', 'Err:502'},
    '#CIRC!': {'Err:522', 'Err:523', 0, 0.0},
}


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        sys.exit('oracle.py: %s exited with %d' % (' '.join(cmd), p.returncode))
    return p.stdout


def split_key(key):
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
    s = ''
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def close(a, b):
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b)) or abs(a - b) <= 1e-12


def agrees(want, got):
    if isinstance(want, dict):
        err = want.get('error')
        return got in ERROR_ALIASES.get(err, {err})
    if isinstance(want, bool):
        if isinstance(got, str):
            return got.upper() == ('TRUE' if want else 'FALSE')
        return is_number(got) and got == (1 if want else 0)
    if is_number(want):
        return is_number(got) and math.isfinite(got) and close(float(got), float(want))
    return got == want


def main():
    if len(sys.argv) != 4:
        sys.exit('usage: oracle.py VALSHEET_BIN MODEL.vsheet OUTDIR')
    vs, model, outdir = sys.argv[1:4]
    if not os.path.exists(ORACLE):
        sys.exit('oracle.py: xlsx-oracle not found at %s (set VS_ORACLE)' % ORACLE)
    os.makedirs(outdir, exist_ok=True)
    out = os.path.join(outdir, 'x.xlsx')
    dump = os.path.join(outdir, 'x.oracle.json')
    run([vs, 'build', model, '-o', out])
    engine = json.loads(run([vs, 'eval', model, '--format', 'json']))
    run([ORACLE, '--engine', 'lo', '-o', dump, out])
    with open(dump) as f:
        lo = json.load(f)
    sheets = lo.get('sheets', {})

    problems = []
    seen = set()
    for key, want in engine.items():
        sheet, cell = split_key(key)
        if sheet not in sheets:
            problems.append('%s: LibreOffice shows no sheet %r' % (key, sheet))
            continue
        r, c = cell_index(cell)
        grid = sheets[sheet]
        got = grid[r][c] if r < len(grid) and c < len(grid[r]) else ''
        seen.add((sheet, r, c))
        if not agrees(want, got):
            problems.append('%s: engine %r, LibreOffice %r' % (key, want, got))
    for name, grid in sheets.items():
        for r, row in enumerate(grid):
            for c, v in enumerate(row):
                if v != '' and (name, r, c) not in seen:
                    problems.append("%s!%s%d: LibreOffice %r, engine has no value"
                                    % (name, col_name(c), r + 1, v))
    if problems:
        print('oracle.py: %s: %d mismatches with LibreOffice %s'
              % (model, len(problems), lo.get('version', '')))
        for p in problems[:MAX_REPORTED]:
            print('  ' + p)
        sys.exit(1)
    print('ok %s: %d cells agree with %s %s' % (model, len(engine), lo.get('engine', 'lo'),
                                                lo.get('version', '')))


if __name__ == '__main__':
    main()
