"""common.py: what corpus.py and differential.py share: writing formulas into
a model whose workbook tells LibreOffice's values apart by type, running the
engine and LibreOffice on it, and comparing two values.

Values are in the form of `valsheet eval --format json`: a number, a
string, true/false, or {"error": "#N/A"}.

LibreOffice's dump (tools/xlsx-oracle) gives booleans as 1/0 and errors as
strings, so every formula cell gets a type cell beside it,
TYPECODE(cell): 16 error, 4 boolean, 2 text, 1 number. That formula is
computed by LibreOffice itself, so it reports LibreOffice's own type.
"""
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'xlsx'))
sys.dont_write_bytecode = True      # no __pycache__ beside the scripts
import xlsxlib  # noqa: E402
from oracle import ORACLE  # noqa: E402

FIXTURE = os.path.join(HERE, 'fixture.vsheet')
TYPECODE = 'IF(ISERROR({0}),16,IF(ISLOGICAL({0}),4,IF(ISTEXT({0}),2,1)))'

# Numbers agree within 1e-9 relative, or 1e-12 absolute near zero. The
# engines compute the same formulas by different algorithms (LibreOffice
# sums with Kahan-Babuska compensation, solves IRR/RATE/XIRR to its own
# stopping rule, evaluates NORM.INV with another rational approximation,
# and pow/log from another libm), which moves the last few of the 17
# significant digits; `valsheet eval` prints 15 (Excel's precision). A
# real error (a wrong rounding, a wrong day count, a wrong branch) is many
# orders of magnitude larger than 1e-9.
RTOL = 1e-9
ATOL = 1e-12


def formula_rows(formulas, col='A', type_col='B', sheet='Cases', first_row=1):
    """Model lines putting each formula into COL (row FIRST_ROW on) of
    SHEET, and its type code into TYPE_COL."""
    lines = ['sheet %s' % sheet]
    for i, f in enumerate(formulas):
        r = first_row + i
        lines.append('%s%d = %s' % (col, r, f))
        lines.append('%s%d = %s' % (type_col, r, TYPECODE.format('%s%d' % (col, r))))
    return lines


def write_model(path, lines):
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')


def engine_eval(vs, model):
    """valsheet's values of MODEL: "Sheet!A1" -> value."""
    return xlsxlib.engine_values(vs, model)


def libreoffice_eval(vs, model, outdir):
    """Exports MODEL with valsheet, recalculates it in LibreOffice (one
    run) and returns (version, {sheet: grid})."""
    if not os.path.exists(ORACLE):
        sys.exit('xlsx-oracle not found at %s (set VS_ORACLE)' % ORACLE)
    book = xlsxlib.build_xlsx(vs, model, outdir)
    dump = os.path.join(outdir, 'lo.json')
    xlsxlib.run([ORACLE, '--engine', 'lo', '-o', dump, book])
    with open(dump) as f:
        lo = json.load(f)
    return lo.get('version', ''), lo.get('sheets', {})


def grid_value(grid, r, c):
    """The dumped cell at zero-based (R, C), '' beyond the trimmed rows."""
    return grid[r][c] if r < len(grid) and c < len(grid[r]) else ''


def decode(v, code):
    """LibreOffice's dumped value V with its type code CODE, in the JSON
    form above."""
    if code == 16:
        return {'error': v}
    if code == 4:
        return bool(v)
    if code == 2:
        return v if isinstance(v, str) else str(v)
    if v == '':
        return 0        # a formula giving an empty cell shows 0
    return v


def libreoffice_values(grid, n, col=0, first_row=0):
    """The N decoded values of column COL (type codes in COL+1)."""
    out = []
    for i in range(n):
        r = first_row + i
        out.append(decode(grid_value(grid, r, col), grid_value(grid, r, col + 1)))
    return out


def is_number(v):
    return xlsxlib.is_number(v)


def same(a, b):
    """True when the values A and B agree (numbers within RTOL/ATOL)."""
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and a.get('error') == b.get('error')
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if is_number(a) and is_number(b):
        return (math.isfinite(a) and math.isfinite(b)
                and xlsxlib.close(float(a), float(b), ATOL))
    return a == b


def show(v):
    """V as a valsheet literal: 3, "text", TRUE, #N/A."""
    if isinstance(v, dict):
        return v.get('error', '?')
    if isinstance(v, bool):
        return 'TRUE' if v else 'FALSE'
    if is_number(v):
        return '%.15g' % v
    s = str(v)
    if len(s) > 60:     # REPT's 32,768 characters
        s = '%s...(%d characters)' % (s[:40], len(s))
    return '"%s"' % s.replace('"', '""')


def parse_literal(text):
    '''A valsheet literal (3, -1.5, "say ""hi""", TRUE, #N/A) as a value.'''
    t = text.strip()
    if t.startswith('"') and t.endswith('"') and len(t) >= 2:
        return t[1:-1].replace('""', '"')
    if t.upper() in ('TRUE', 'FALSE'):
        return t.upper() == 'TRUE'
    if t.startswith('#'):
        return {'error': t}
    return float(t)
