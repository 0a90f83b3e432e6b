"""tests/xlsx/digits.py BIN TMP: numbers round-trip through the workbook
with every bit (issue #7): libxlsxwriter prints 16 significant digits, so
the exporter rewrites the values that need 17. Each expected double below
is Python's own arithmetic on the same literals (IEEE doubles, as the
engine computes), compared with ==, not a tolerance. Prints "TESTS p f"."""
import json
import os
import subprocess
import sys

BIN, TMP = os.path.abspath(sys.argv[1]), sys.argv[2]
os.makedirs(TMP, exist_ok=True)
passed = failed = 0


def check(name, ok, detail=''):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f'FAIL {name} {detail}')


cases = [
    ('A1', '0.30000000000000004', 0.30000000000000004, False),
    ('A2', '0.1 + 0.2', 0.1 + 0.2, True),
    ('A3', '1 / 3', 1 / 3, True),
    ('A4', '2 / 3', 2 / 3, True),
    ('A5', '123456789.12345678', 123456789.12345678, False),
    ('A6', '1.2345678901234567E+300', 1.2345678901234567e300, False),
    ('A7', '2.2250738585072014E-308', 2.2250738585072014e-308, False),
    ('A8', '0.1 * 3', 0.1 * 3, True),
    ('A9', '1 - 1E-16', 1 - 1e-16, True),
    ('A10', '9007199254740993', 9007199254740992.0, False),
    ('A11', '-0.1 - 0.2', -0.1 - 0.2, True),
]
model = os.path.join(TMP, 'digits.vsheet')
with open(model, 'w') as f:
    f.write('sheet S\n')
    for ref, text, _, _ in cases:
        f.write(f'{ref} = {text}\n')
out = os.path.join(TMP, 'digits.xlsx')
p = subprocess.run([BIN, 'build', model, '-o', out], capture_output=True, text=True)
check('build', p.returncode == 0, p.stderr)
import openpyxl  # noqa: E402
wb_f = openpyxl.load_workbook(out)['S']
wb_v = openpyxl.load_workbook(out, data_only=True)['S']
for ref, text, want, formula in cases:
    got = wb_v[ref].value
    check(f'{ref} {text}', isinstance(got, float) or isinstance(got, int), repr(got))
    check(f'{ref} {text} bits', float(got) == want, f'{got!r} != {want!r}')
    check(f'{ref} kept its kind', (wb_f[ref].data_type == 'f') == formula)
p = subprocess.run(['unzip', '-t', out], capture_output=True, text=True)
check('zip intact', p.returncode == 0 and 'No errors' in p.stdout, p.stdout[-200:])
again = os.path.join(TMP, 'digits2.xlsx')
subprocess.run([BIN, 'build', model, '-o', again], capture_output=True)
check('deterministic', open(out, 'rb').read() == open(again, 'rb').read())
oracle = '/work/shared/tools/xlsx-oracle'
if os.path.exists(oracle):
    dump = os.path.join(TMP, 'digits.json')
    r = subprocess.run(['/usr/bin/python3', oracle, out, '-o', dump], capture_output=True,
                       text=True)
    check('oracle ran', r.returncode == 0, r.stderr[-300:])
    if r.returncode == 0:
        rows = json.load(open(dump))['sheets']['S']
        for i, (ref, text, want, _) in enumerate(cases):
            check(f'LibreOffice reads {ref} exactly', rows[i][0] == want,
                  f'{rows[i][0]!r} != {want!r}')
print(f'TESTS {passed} {failed}')
