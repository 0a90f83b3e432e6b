"""tests/decide/decide.py BIN TMP: scenarios, tornado, table, solve and
charts on tests/decide/deal.vsheet. Every expectation is worked out by hand
from the model (profit = price*volume - cost, pv = profit/(1+rate)) or is a
closed-form root; the LibreOffice part switches the workbook's scenario
drop-down and recalculates. Prints "TESTS passed failed" last."""
import json
import os
import subprocess
import sys

BIN, TMP = os.path.abspath(sys.argv[1]), sys.argv[2]
MODEL = 'tests/decide/deal.vsheet'
os.makedirs(TMP, exist_ok=True)
passed = failed = 0


def check(name, ok, detail=''):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f'FAIL {name} {detail}')


def close(a, b, rel=1e-12):
    return abs(a - b) <= rel * max(1.0, abs(b))


def vs(*args, want=0):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    check(f'exit {" ".join(args)}', p.returncode == want,
          f'got {p.returncode}, want {want}: {p.stderr[:300]}')
    return p


def js(*args):
    return json.loads(vs(*args, '--format', 'json').stdout)


# ---- scenarios: Downside price 8, rate 12%; Upside volume 150
t = js('scenarios', MODEL)
check('scenarios columns', t['columns'] == ['Base', 'Downside', 'Upside'], t['columns'])
rows = {r['label']: r['values'] for r in t['rows']}
for got, want in zip(rows['profit'] + rows['pv'],
                     [400, 200, 900, 400 / 1.1, 200 / 1.12, 900 / 1.1]):
    check('scenario value', close(got, want), f'{got} != {want}')
t = js('scenarios', MODEL, '--outputs', 'Model!B1')
check('scenarios --outputs', [r['label'] for r in t['rows']] == ['Model!B1'])
e = js('eval', MODEL, 'pv', '--scenario', 'downside')
check('eval --scenario', close(e['pv'], 200 / 1.12), e)
p = vs('eval', MODEL, 'pv', '--scenario', 'Nope', want=2)
check('unknown scenario lists names', 'known: Base, Downside, Upside' in p.stderr, p.stderr)

# ---- tornado, 20% swing: price and volume move pv by +-181.8, cost by
# -+109.1; sorted by swing, ties in input order.
t = js('tornado', MODEL, '--output', 'pv', '--inputs', 'cost,price,volume')
check('tornado order', [r['label'] for r in t['rows']] == ['price', 'volume', 'cost'],
      [r['label'] for r in t['rows']])
price = t['rows'][0]['values']
for got, want in zip(price, [8, 12, 200 / 1.1, 600 / 1.1, 400 / 1.1]):
    check('tornado price row', close(got, want), f'{got} != {want}')
cost = t['rows'][2]['values']
for got, want in zip(cost, [480, 720, 520 / 1.1, 280 / 1.1, 240 / 1.1]):
    check('tornado cost row', close(got, want), f'{got} != {want}')
t = js('tornado', MODEL, '--output', 'profit', '--inputs', 'price,cost',
       '--low-high', 'cost=0:1000', '--swing', '50%')
rows = {r['label']: r['values'] for r in t['rows']}
check('tornado --low-high', rows['cost'][:4] == [0, 1000, 1000, 0], rows['cost'])
check('tornado --swing', rows['price'][:4] == [5, 15, -100, 900], rows['price'])
vs('tornado', MODEL, '--output', 'pv', '--inputs', 'profit', want=2)

# ---- tables
t = js('table', MODEL, '--output', 'profit,pv', '--vary', 'price=8,10,12')
check('table 1-way', [r['values'][0] for r in t['rows']] == [200, 400, 600])
t = js('table', MODEL, '--output', 'pv', '--vary', 'price=8:12:2', '--vary',
       'rate=5%,10%')
want = [[(p * 100 - 600) / (1 + r) for r in (0.05, 0.10)] for p in (8, 10, 12)]
got = [r['values'] for r in t['rows']]
check('table 2-way', all(close(g, w) for gr, wr in zip(got, want) for g, w in zip(gr, wr)),
      got)

# ---- solve: closed-form roots
s = js('solve', MODEL, '--vary', 'price', '--target', 'profit', '--value', '0')
check('solve price', close(s['price'], 6, 1e-10), s)
s = js('solve', MODEL, '--vary', 'volume', '--target', 'pv', '--value', '500')
check('solve volume', close(s['volume'], 115, 1e-10), s)
s = js('solve', MODEL, '--vary', 'rate', '--target', 'pv', '--value', '350')
check('solve rate (nonlinear)', close(s['rate'], 1 / 7, 1e-10), s)
s = js('solve', MODEL, '--vary', 'rate', '--target', 'pv', '--value', '350',
       '--min', '0', '--max', '1')
check('solve bracket', close(s['rate'], 1 / 7, 1e-10), s)
p = vs('solve', MODEL, '--vary', 'price', '--target', 'profit', '--value', '0',
       '--min', '7', '--max', '9', want=1)
check('solve no sign change', 'no sign change' in p.stderr, p.stderr)
p = vs('solve', MODEL, '--vary', 'cost', '--target', 'Inputs!B1', '--value', '1', want=2)
check('solve independent target', 'does not depend' in p.stderr, p.stderr)

# ---- the workbook: analyses, scenario switch, chart caches
out = os.path.join(TMP, 'deal.xlsx')
vs('build', MODEL, '-o', out)
import openpyxl  # noqa: E402  (system python has it; imported late on purpose)
wb = openpyxl.load_workbook(out)
check('report sheets', wb.sheetnames == ['Inputs', 'Model', 'Scenarios', 'Tornado',
                                         'Goal seek'], wb.sheetnames)
check('input linked to switch', wb['Inputs']['B1'].value == '=Scenarios!$F$6',
      wb['Inputs']['B1'].value)
dv = wb['Scenarios'].data_validations.dataValidation
check('scenario drop-down', len(dv) == 1 and dv[0].formula1 == '"Base,Downside,Upside"' and
      str(dv[0].sqref) == 'B2', dv)
wbv = openpyxl.load_workbook(out, data_only=True)
check('goal seek answer', close(wbv['Goal seek']['C5'].value, 6, 1e-10),
      wbv['Goal seek']['C5'].value)
check('cached base', wbv['Inputs']['B1'].value == 10)
out2 = os.path.join(TMP, 'deal-up.xlsx')
vs('build', MODEL, '-o', out2, '--scenario', 'Upside')
wbu = openpyxl.load_workbook(out2, data_only=True)
check('--scenario caches', wbu['Inputs']['B2'].value == 150 and
      wbu['Scenarios']['B2'].value == 'Upside' and close(wbu['Model']['B2'].value, 900 / 1.1))

oracle = '/work/shared/tools/xlsx-oracle'
if os.path.exists(oracle):
    wb['Scenarios']['B2'] = 'Downside'
    sw = os.path.join(TMP, 'switched.xlsx')
    wb.save(sw)
    dump = os.path.join(TMP, 'switched.json')
    r = subprocess.run(['/usr/bin/python3', oracle, sw, '-o', dump], capture_output=True,
                       text=True)
    check('oracle ran', r.returncode == 0, r.stderr[-300:])
    if r.returncode == 0:
        lo = json.load(open(dump))['sheets']
        e = js('eval', MODEL, 'profit', 'pv', '--scenario', 'Downside')
        check('LibreOffice follows the switch', close(lo['Model'][0][1], e['profit']) and
              close(lo['Model'][1][1], e['pv'], 1e-9), (lo['Model'], e))
    # What LibreOffice draws: the PDF holds the chart titles and value-axis
    # ticks, which exist only if the chart was drawn from data.
    pdfdir = os.path.join(TMP, 'pdf')
    r = subprocess.run(['soffice', '--headless', '--convert-to', 'pdf', '--outdir', pdfdir,
                        out], capture_output=True, text=True, timeout=180)
    pdf = os.path.join(pdfdir, 'deal.pdf')
    text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True,
                          text=True).stdout if os.path.exists(pdf) else ''
    check('chart drawn (title)', 'Profit and PV' in text, text[:200])
    # The tornado's value axis runs from -200 (the -181.8 bars) in steps
    # of 50, and its categories are the inputs: only drawn data gives both.
    tail = text[text.find('Change in pv'):]
    check('tornado chart drawn', '-200' in tail[:200] and '-150' in tail[:200] and
          'price' in tail[:300], tail[:300])
# ---- the licensing example answers the story's two break-even questions:
# the upfront of B by search equals BREAKEVEN_UPFRONT's closed form, and
# the flat royalty that leaves the licensee nothing is project / rNPV of
# sales = EQUIV_ROYALTY(ask) * project / ask.
lic = os.path.join(TMP, 'licensing.xlsx')
vs('build', 'examples/licensing.vsheet', '-o', lic)
e = js('eval', 'examples/licensing.vsheet', 'upfront_b', 'project_rnpv', 'ask', 'Deals!B40')
wl = openpyxl.load_workbook(lic, data_only=True)
check('licensing sheets', {'Scenarios', 'Tornado', 'Goal seek'} <= set(wl.sheetnames),
      wl.sheetnames)
gs = wl['Goal seek']
check('break-even upfront', close(gs['C5'].value, e['upfront_b'], 1e-10),
      (gs['C5'].value, e['upfront_b']))
check('break-even royalty', close(gs['C6'].value,
                                  e['Deals!B40'] * e['project_rnpv'] / e['ask'], 1e-10),
      gs['C6'].value)
check('licensing tornado chart', len(openpyxl.load_workbook(lic)['Tornado']._charts) == 1)
print(f'TESTS {passed} {failed}')
