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
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True      # no __pycache__ beside the scripts
import xlsxlib  # noqa: E402

# The oracle lives in the shared reference folder beside the repository
# (../shared); /work/shared is where that folder sits on this project's
# machines when the checkout is elsewhere. Never skipped: not found fails.
ORACLE = os.environ.get('VS_ORACLE') or next(
    (p for p in (os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'tools',
                                               'xlsx-oracle')),
                 '/work/shared/tools/xlsx-oracle') if os.path.exists(p)),
    os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'tools', 'xlsx-oracle')))

# What LibreOffice may show instead of an Excel error.
ERROR_ALIASES = {
    '#NUM!': {'#NUM!', 'Err:502', 'Err:503'},
    '#VALUE!': {'#VALUE!', 'Err:502'},
    '#CIRC!': {'Err:522', 'Err:523', 0, 0.0},
}


def close(a, b):
    return xlsxlib.close(a, b, 1e-12)


def agrees(want, got):
    if isinstance(want, dict):
        err = want.get('error')
        return got in ERROR_ALIASES.get(err, {err})
    if isinstance(want, bool):
        if isinstance(got, str):
            return got.upper() == ('TRUE' if want else 'FALSE')
        return xlsxlib.is_number(got) and got == (1 if want else 0)
    if xlsxlib.is_number(want):
        return xlsxlib.is_number(got) and math.isfinite(got) and close(float(got), float(want))
    return got == want


def main():
    vs, model, outdir, _ = xlsxlib.args('VALSHEET_BIN MODEL.vsheet OUTDIR')
    if not os.path.exists(ORACLE):
        sys.exit('oracle.py: xlsx-oracle not found at %s (set VS_ORACLE)' % ORACLE)
    out = xlsxlib.build_xlsx(vs, model, outdir)
    engine = xlsxlib.engine_values(vs, model)
    dump = os.path.join(outdir, 'x.oracle.json')
    xlsxlib.run([ORACLE, '--engine', 'lo', '-o', dump, out])
    with open(dump) as f:
        lo = json.load(f)
    sheets = lo.get('sheets', {})

    problems = []
    seen = set()
    for key, want in engine.items():
        sheet, cell = xlsxlib.split_key(key)
        if sheet not in sheets:
            problems.append('%s: LibreOffice shows no sheet %r' % (key, sheet))
            continue
        r, c = xlsxlib.cell_index(cell)
        grid = sheets[sheet]
        got = grid[r][c] if r < len(grid) and c < len(grid[r]) else ''
        seen.add((sheet, r, c))
        if not agrees(want, got):
            problems.append('%s: engine %r, LibreOffice %r' % (key, want, got))
    # Report sheets (no engine cell on them) are checked by tests/decide.
    model_sheets = {xlsxlib.split_key(k)[0] for k in engine}
    for name, grid in sheets.items():
        if name not in model_sheets:
            continue
        for r, row in enumerate(grid):
            for c, v in enumerate(row):
                if v != '' and (name, r, c) not in seen:
                    problems.append("%s!%s%d: LibreOffice %r, engine has no value"
                                    % (name, xlsxlib.col_name(c), r + 1, v))
    xlsxlib.report('oracle.py: %s: %d mismatches with LibreOffice %s'
                   % (model, len(problems), lo.get('version', '')), problems)
    print('ok %s: %d cells agree with %s %s' % (model, len(engine), lo.get('engine', 'lo'),
                                                lo.get('version', '')))


if __name__ == '__main__':
    main()
