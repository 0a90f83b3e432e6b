"""tests/simulate/simulate.py BIN TMP: Monte Carlo. Sample statistics of
distributions with known moments must fall within 5 standard errors of
theory (the seeds are fixed, so no run is flaky: each bound was checked
once and can only change if the generator does); results must be
bit-identical across thread counts and differ across seeds; builds use the
means and export them as commented constants; the licensing example's
history sheet reproduces its rNPVs. Prints "TESTS passed failed" last."""
import json
import math
import os
import subprocess
import sys

BIN, TMP = os.path.abspath(sys.argv[1]), sys.argv[2]
D = 'tests/simulate/'
os.makedirs(TMP, exist_ok=True)
passed = failed = 0


def check(name, ok, detail=''):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f'FAIL {name} {detail}')


def vs(*args, want=0):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    check(f'exit {" ".join(args[:3])}', p.returncode == want,
          f'got {p.returncode}: {p.stderr[:300]}')
    return p


N = 40000
out = vs('simulate', D + 'dist.vsheet', '--trials', str(N), '--seed', '11',
         '--format', 'json').stdout
res = {o['output']: o for o in json.loads(out)['outputs']}


def near(name, got, mean, sd_of_estimate):
    check(name, abs(got - mean) <= 5 * sd_of_estimate,
          f'{got} vs {mean} (5 se = {5 * sd_of_estimate:.3g})')


def moments(name, key, mu, var, mu4):
    """Mean within 5 se (sqrt(var/n)); variance within 5 se of the sample
    variance, sqrt((mu4 - var^2)/n)."""
    o = res[key]
    near(name + ' mean', o['mean'], mu, math.sqrt(var / N))
    near(name + ' variance', o['sd'] ** 2, var, math.sqrt((mu4 - var * var) / N))


moments('NORMAL(10,2)', 'x', 10, 4, 3 * 16)
moments('sum of normals', 'Sheet1!A2', 2, 5, 3 * 25)
p = 0.6 * 0.5 * 0.25      # three-phase Bernoulli chain: exactly 0.075
moments('Bernoulli chain', 'Sheet1!A3', p, p * (1 - p), p * (1 - p) * (1 - 3 * p * (1 - p)))
moments('UNIFORM(2,6)', 'Sheet1!A4', 4, 16 / 12, 4 ** 4 / 80)
# Triangular(a=0, c=3, b=12): mean (a+b+c)/3, variance
# (a2+b2+c2-ab-ac-bc)/18 = 6.5; 4th central moment of a triangular is
# 2.4 * var^2 (excess kurtosis -0.6).
moments('TRIANGULAR(0,3,12)', 'Sheet1!A5', 5, 6.5, 2.4 * 6.5 ** 2)
# PERT(0,3,12) = 12 * Beta(2, 4): mean 4, variance 144 * 8/(36*7) = 32/7;
# Beta(2,4) excess kurtosis = 6[(a-b)^2(a+b+1) - ab(a+b+2)]/(ab(a+b+2)(a+b+3))
a, b = 2, 4
ex = 6 * ((a - b) ** 2 * (a + b + 1) - a * b * (a + b + 2)) / (a * b * (a + b + 2) * (a + b + 3))
var = 32 / 7
moments('PERT(0,3,12)', 'Sheet1!A6', 4, var, (3 + ex) * var * var)
# LOGNORMAL(mean 100, sd 30): s2 = ln(1.09); kurtosis e^{4s2}+2e^{3s2}+3e^{2s2}-3
s2 = math.log(1.09)
kurt = math.exp(4 * s2) + 2 * math.exp(3 * s2) + 3 * math.exp(2 * s2) - 3
moments('LOGNORMAL(100,30)', 'Sheet1!A7', 100, 900, kurt * 900 * 900)
# DISCRETE({1,2,5},{.2,.5,.3}): mean 2.7, E[x^2] = 9.7, variance 2.41
ex4 = 0.2 * (1 - 2.7) ** 4 + 0.5 * (2 - 2.7) ** 4 + 0.3 * (5 - 2.7) ** 4
moments('DISCRETE', 'Sheet1!A8', 2.7, 2.41, ex4)
moments('DISCRETE P(5)', 'Sheet1!A9', 0.3, 0.21, 0.21 * (1 - 3 * 0.21))
o = res['Sheet1!A10']     # 100 x - 900: P(< 0) = P(x < 9) = Phi(-0.5)
phi = 0.5 * math.erfc(0.5 / math.sqrt(2))
near('P(< 0)', o['p_below_zero'], phi, math.sqrt(phi * (1 - phi) / N))
near('median', res['x']['P50'], 10, 2 * 1.2533 / math.sqrt(N))
check('histogram counts all trials', sum(res['x']['histogram']['counts']) == N)
check('percentiles ordered', res['x']['min'] <= res['x']['P5'] <= res['x']['P50'] <=
      res['x']['P95'] <= res['x']['max'])

# ---- reproducibility
runs = [vs('simulate', D + 'dist.vsheet', '--trials', '3000', '--seed', '5', '--threads',
           t, '--format', 'json').stdout for t in ('1', '2', '3')]
check('same bits for 1, 2, 3 threads', runs[0] == runs[1] == runs[2])
again = vs('simulate', D + 'dist.vsheet', '--trials', '3000', '--seed', '5', '--format',
           'json').stdout
check('same seed, same run', again == runs[0])
other = vs('simulate', D + 'dist.vsheet', '--trials', '3000', '--seed', '6', '--format',
           'json').stdout
check('another seed, another run', other != runs[0])
full = vs('simulate', D + 'dist.vsheet', '--trials', '3000', '--seed', '5', '--format',
          'json', '--full-recalc').stdout
check('full recalculation gives the same run', full == runs[0])

# ---- a build uses the means; errors follow Excel's rules
e = json.loads(vs('eval', D + 'dist.vsheet', '--format', 'json').stdout)
want = {'Sheet1!A1': 10, 'Sheet1!A2': 2, 'Sheet1!A3': 0.075, 'Sheet1!A4': 4,
        'Sheet1!A5': 5, 'Sheet1!A6': 4, 'Sheet1!A7': 100, 'Sheet1!A8': 2.7}
for k, v in want.items():
    check('mean in a build ' + k, abs(e[k] - v) < 1e-12, e[k])
e = json.loads(vs('eval', D + 'errors.vsheet', '--format', 'json').stdout)
errs = {'A1': '#NUM!', 'A2': '#NUM!', 'A3': '#NUM!', 'A4': '#NUM!', 'A5': '#NUM!',
        'A6': '#NUM!', 'A7': '#N/A', 'A8': '#NUM!', 'A9': '#VALUE!'}
for k, v in errs.items():
    check('error ' + k, e['Sheet1!' + k] == {'error': v}, e['Sheet1!' + k])
check('BERNOULLI(0) is 0', e['Sheet1!A10'] == 0)
check('NORMAL(3, 0) is 3', e['Sheet1!A11'] == 3)

# ---- export: the mean as a constant with a comment; Simulation sheet
xl = os.path.join(TMP, 'dist.xlsx')
vs('simulate', D + 'dist.vsheet', '--trials', '2000', '--xlsx', xl)
import openpyxl  # noqa: E402
wb = openpyxl.load_workbook(xl)
ws = wb['Sheet1']
check('distribution exported as its mean', ws['A1'].value == 10, ws['A1'].value)
check('comment names the distribution', ws['A1'].comment is not None and
      'NORMAL(10, 2)' in ws['A1'].comment.text)
check('dependent formula kept', ws['A10'].value == '=A1*100-900', ws['A10'].value)
check('Simulation sheet', 'Simulation' in wb.sheetnames and
      len(wb['Simulation']._charts) >= 1)
sv = openpyxl.load_workbook(xl, data_only=True)['Simulation']
check('trials and seed on the sheet', sv['B2'].value == 2000 and sv['B3'].value == 1)

# ---- the licensing example: each history's values average to the rNPVs
L = 'examples/licensing.vsheet'
e = json.loads(vs('eval', L, 'mc_licensee_a', 'licensee_rnpv_a', 'mc_licensee_b',
                  'licensee_rnpv_b', 'mc_inventor_b', 'licensor_rnpv_b', 'Outcomes!B16',
                  'Deals!B4', 'Outcomes!B17', 'Deals!B5', 'loa', '--format', 'json').stdout)
for a, b in (('mc_licensee_a', 'licensee_rnpv_a'), ('mc_licensee_b', 'licensee_rnpv_b'),
             ('mc_inventor_b', 'licensor_rnpv_b'), ('Outcomes!B16', 'Deals!B4'),
             ('Outcomes!B17', 'Deals!B5')):
    check(f'{a} = {b} in a build', abs(e[a] - e[b]) < 1e-12, (e[a], e[b]))
s = json.loads(vs('simulate', L, '--outputs', 'Outcomes!C9,mc_licensee_a', '--trials',
                  '40000', '--seed', '3', '--format', 'json').stdout)['outputs']
loa = e['loa']            # P(reaching the market): the five-stage chain
near('licensing: P(market)', s[0]['mean'], loa, math.sqrt(loa * (1 - loa) / 40000))
near('licensing: licensee A mean', s[1]['mean'], e['licensee_rnpv_a'], s[1]['sd'] / math.sqrt(40000))
lic = os.path.join(TMP, 'licensing.xlsx')
vs('build', L, '-o', lic)
wl = openpyxl.load_workbook(lic)
check('licensing Simulation sheet with histograms', 'Simulation' in wl.sheetnames and
      len(wl['Simulation']._charts) == 3, wl.sheetnames)
print(f'TESTS {passed} {failed}')
