#!/usr/bin/python3
"""readback.py: checks an exported workbook against the engine with openpyxl.

  /usr/bin/python3 tests/xlsx/readback.py VALSHEET_BIN MODEL.vsheet OUTDIR

Builds OUTDIR/x.xlsx with `VALSHEET_BIN build MODEL -o OUTDIR/x.xlsx`, gets
the engine's values with `VALSHEET_BIN eval MODEL --format json` (an object
mapping "Sheet!A1" to a number, a string, true/false or {"error": "#N/A"}
for every non-empty cell) and opens the workbook twice with openpyxl
(formulas, then cached values). Checks:
  - every formula cell holds a formula text starting with "=";
  - every cached number equals the engine's within 1e-9 relative, every
    cached string equals it; constants equal (error constants are formulas
    such as "=#N/A");
  - the workbook holds no value the engine does not know about.
Booleans and errors computed by formulas carry no typed cached value
(libxlsxwriter has no writer for them, STYLE.md section 12); their formula
text is checked, not their cache.
Prints one line "ok ..." and exits 0, or prints the first mismatches and
exits 1. Needs Debian's python3-openpyxl, hence /usr/bin/python3.
"""
import datetime
import math
import os
import sys

try:
    import openpyxl
except ImportError:
    if os.path.realpath(sys.executable) != os.path.realpath('/usr/bin/python3'):
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    sys.exit('readback.py: python3-openpyxl is not installed (apt-get install python3-openpyxl)')

from openpyxl.utils.datetime import to_excel

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True      # no __pycache__ beside the scripts
import xlsxlib  # noqa: E402


def close(a, b):
    return xlsxlib.close(a, b, 1e-300)


def check(key, want, fcell, vcell):
    """Returns None when the cell agrees, else a message."""
    formula = fcell.data_type == 'f'
    text = fcell.value
    cached = vcell.value
    if isinstance(cached, (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)):
        cached = to_excel(cached)       # a date format: openpyxl converted the serial
    if formula and not (isinstance(text, str) and text.startswith('=')):
        return '%s: formula cell without "=": %r' % (key, text)
    if isinstance(want, dict):
        err = want.get('error')
        if formula and text == '=' + err:
            return None                 # error constant
        if formula:
            return None                 # computed error: no typed cache
        return '%s: engine has error %s, workbook has %r' % (key, err, text)
    if isinstance(want, bool):
        if formula:
            return None                 # computed boolean: no typed cache
        if cached is not want:
            return '%s: engine has %s, workbook has %r' % (key, want, cached)
        return None
    if xlsxlib.is_number(want):
        if (not xlsxlib.is_number(cached) or not math.isfinite(cached)
                or not close(float(cached), float(want))):
            return '%s: engine has %r, workbook %s %r' % (
                key, want, 'caches' if formula else 'has', cached)
        return None
    if isinstance(want, str):
        got = cached
        if got is None and want == '':
            return None                 # '=""' with an empty cached string
        if got != want:
            return '%s: engine has %r, workbook %s %r' % (
                key, want, 'caches' if formula else 'has', got)
        return None
    return '%s: unexpected engine value %r' % (key, want)


def main():
    vs, model, outdir, _ = xlsxlib.args('VALSHEET_BIN MODEL.vsheet OUTDIR')
    out = xlsxlib.build_xlsx(vs, model, outdir, pass_stderr=True)
    engine = xlsxlib.engine_values(vs, model, pass_stderr=True)

    wb_f = openpyxl.load_workbook(out, data_only=False)
    wb_v = openpyxl.load_workbook(out, data_only=True)
    problems = []
    n_formulas = 0
    n_uncached = 0
    seen = set()
    for key, want in engine.items():
        sheet, cell = xlsxlib.split_key(key)
        if sheet not in wb_f.sheetnames:
            problems.append('%s: workbook has no sheet %r' % (key, sheet))
            continue
        fcell = wb_f[sheet][cell]
        vcell = wb_v[sheet][cell]
        seen.add((sheet, fcell.coordinate))
        if fcell.data_type == 'f':
            n_formulas += 1
            if isinstance(want, (bool, dict)):
                n_uncached += 1
        msg = check(key, want, fcell, vcell)
        if msg:
            problems.append(msg)
    # Sheets the engine has no cell of are valsheet's report sheets
    # (Scenarios, Tornado, Goal seek...): tests/decide checks those.
    model_sheets = {xlsxlib.split_key(k)[0] for k in engine}
    for ws in wb_f.worksheets:
        if ws.title not in model_sheets:
            continue
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and (ws.title, c.coordinate) not in seen:
                    problems.append('%s!%s: workbook has %r, engine has no value'
                                    % (ws.title, c.coordinate, c.value))
    xlsxlib.report('readback.py: %s: %d mismatches' % (model, len(problems)), problems)
    print('ok %s: %d cells, %d formulas (%d boolean/error results without cache), %d sheets'
          % (model, len(engine), n_formulas, n_uncached, len(wb_f.sheetnames)))


if __name__ == '__main__':
    main()
