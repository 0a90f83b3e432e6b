#!/usr/bin/python3
"""bench/run.py: the benchmark behind `make bench` (issue 5).

  /usr/bin/python3 bench/run.py [--valsheet build/bin/valsheet]

Generates the reference valuation model (../shared/bench/gen_model.py) at
10k, 100k and 1m formula cells into bench/work/, installs the peers that are
missing (hyperformula from npm into bench/node_modules, libreoffice-calc-nogui
with apt-get when root, xw_write.c compiled into bench/work), runs valsheet
and the peers on the same files (medians of BENCH_REPS runs, wall time and
peak RSS of each child from wait4), checks every tool's totals against the
generator's expected.json to 1e-9 relative, and prints the issue's targets
with ratios valsheet/peer, marked met / NOT MET, plus the raw medians.  The
same report goes to bench/results.md (full runs) or bench/work/results.md
(runs restricted by BENCH_SIZES or BENCH_SMOKE); all measurements also go
to bench/work/results.json.

Environment:
  BENCH_SIZES=10k,100k   sizes to run (default 10k,100k,1m)
  BENCH_REPS=N           repetitions per measurement (default 3)
  BENCH_SMOKE=1          10k only, once, no peers (seconds; for CI)
  BENCH_PEERS=0          skip the peers
  VS_BENCH_SHARED=DIR    where gen_model.py, hf_bench.js, xw_write.c live
                         (default ../shared/bench beside the repository,
                         then /work/shared/bench)
Exit status: 0, or 1 when any tool's totals disagree with expected.json
(a disagreeing tool's times are reported as INVALID, never as results).
Standard library only (openpyxl is used when importable to read xlsx).
"""
import datetime
import json
import math
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
import zipfile

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
WORK = os.path.join(HERE, 'work')
NODE_MODULES = os.path.join(HERE, 'node_modules')


def find_shared(sub, env):
    """../shared/<sub> beside the repository, else /work/shared/<sub>
    (like tests/xlsx/oracle.py finds the oracle), or $ENV."""
    if os.environ.get(env):
        return os.environ[env]
    cands = [os.path.normpath(os.path.join(REPO, '..', 'shared', sub)),
             os.path.join('/work/shared', sub)]
    return next((p for p in cands if os.path.exists(p)), cands[0])


SHARED = find_shared('bench', 'VS_BENCH_SHARED')
ORACLE = find_shared(os.path.join('tools', 'xlsx-oracle'), 'VS_ORACLE')

SIZES = {'10k': 120, '100k': 1200, '1m': 12000}
YEARS = 20
FORMATS = 'vsheet,vsheet-fill,xlsx,json,expected'
RTOL = 1e-9
RT_ROWS = 100000        # the running-total model of the ranges target
RT_SLOW = 20.0          # seconds: a running-total run slower than this is not repeated
TIMEOUT = 1800


def log(msg):
    sys.stderr.write(msg + '\n')
    sys.stderr.flush()


def loud(msg):
    bar = '!' * 72
    log('%s\n!!! %s\n%s' % (bar, msg, bar))


# ---------------------------------------------------------------- running

class Run:
    """One finished child: rc, wall seconds, peak RSS (MB), stdout, stderr."""

    def __init__(self, rc, wall, rss_mb, out, err, timed_out):
        self.rc, self.wall, self.rss_mb = rc, wall, rss_mb
        self.out, self.err, self.timed_out = out, err, timed_out

    @property
    def ok(self):
        return self.rc == 0 and not self.timed_out


def run(cmd, cwd=None, env=None, timeout=TIMEOUT):
    """Runs cmd with stdout/stderr to files, waits with wait4 so the peak
    RSS is this child's (and its reaped descendants'), not the run's."""
    with tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                             stdout=fo, stderr=fe, start_new_session=True)
        fired = []

        def kill():
            fired.append(1)
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        fo.seek(0)
        fe.seek(0)
        return Run(p.returncode, wall, ru.ru_maxrss / 1024.0,
                   fo.read().decode('utf-8', 'replace'),
                   fe.read().decode('utf-8', 'replace'), bool(fired))


def sh(cmd, **kw):
    """Untimed helper run; returns CompletedProcess (text)."""
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kw)


def first_line(s):
    return (s.strip().splitlines() or [''])[0]


def json_lines(s):
    out = []
    for line in s.splitlines():
        line = line.strip()
        if line.startswith('{'):
            try:
                out.append(json.loads(line))
            except ValueError:
                pass
    return out


# ---------------------------------------------------------------- checks

def close(got, want):
    return (isinstance(got, (int, float)) and not isinstance(got, bool)
            and math.isfinite(got) and abs(got - want) <= RTOL * abs(want) + 1e-12)


class Checks:
    def __init__(self):
        self.rows = []          # (size, tool, what, got, want, ok)

    def check(self, size, tool, what, got, want):
        ok = close(got, want)
        self.rows.append((size, tool, what, got, want, ok))
        if not ok:
            loud('%s %s: %s = %r, expected %r (rtol %g): DISAGREES, not a valid timing'
                 % (tool, size, what, got, want, RTOL))
        return ok

    def fail(self, size, tool, what, reason):
        self.rows.append((size, tool, what, reason, None, False))
        loud('%s %s: %s: %s' % (tool, size, what, reason))
        return False

    def bad(self):
        return [r for r in self.rows if not r[5]]


def xlsx_cells(path, sheet, refs):
    """Cached values of REFS on SHEET of an xlsx: openpyxl when importable
    (read-only: only that sheet is parsed), else the standard library."""
    try:
        import openpyxl
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        ws = wb[sheet]
        vals = [ws[r].value for r in refs]
        wb.close()
        return vals
    except ImportError:
        pass
    ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
          'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}
    with zipfile.ZipFile(path) as z:
        wb = ET.fromstring(z.read('xl/workbook.xml'))
        rid = next(s.get('{%s}id' % ns['r']) for s in wb.iter('{%s}sheet' % ns['m'])
                   if s.get('name') == sheet)
        rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
        target = next(r.get('Target') for r in rels if r.get('Id') == rid)
        target = target.lstrip('/')
        if not target.startswith('xl/'):
            target = 'xl/' + target
        found = {}
        with z.open(target) as f:
            for _, el in ET.iterparse(f):
                if el.tag == '{%s}c' % ns['m'] and el.get('r') in refs:
                    v = el.find('m:v', ns)
                    try:
                        found[el.get('r')] = float(v.text) if v is not None else None
                    except ValueError:
                        found[el.get('r')] = v.text
        return [found.get(r) for r in refs]


# ---------------------------------------------------------------- setup

def gen_hash():
    import hashlib
    with open(os.path.join(SHARED, 'gen_model.py'), 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def generate(size):
    rows = SIZES[size]
    prefix = os.path.join(WORK, 'm%d' % rows)
    stamp = prefix + '.stamp'
    want = json.dumps({'rows': rows, 'years': YEARS, 'formats': FORMATS, 'gen': gen_hash()})
    files = [prefix + s for s in ('.vsheet', '.fill.vsheet', '.xlsx', '.json', '.expected.json')]
    if (os.path.exists(stamp) and open(stamp).read() == want
            and all(os.path.exists(f) for f in files)):
        log('workload %s: up to date (%s.*)' % (size, os.path.relpath(prefix, REPO)))
    else:
        log('workload %s: generating --rows %d --years %d' % (size, rows, YEARS))
        r = sh([sys.executable, os.path.join(SHARED, 'gen_model.py'), '--rows', str(rows),
                '--years', str(YEARS), '--out', prefix, '--formats', FORMATS])
        if r.returncode != 0:
            sys.exit('gen_model.py failed:\n' + r.stderr)
        with open(stamp, 'w') as f:
            f.write(want)
    with open(prefix + '.expected.json') as f:
        exp = json.load(f)
    # the growth edit: product inc_mid_row (0-based) sits on sheet row +2, column D
    exp['growth_ref'] = 'Products!D%d' % (exp['inc_mid_row'] + 2)
    verify_growth_cell(prefix + '.fill.vsheet', exp)
    return prefix, exp


def verify_growth_cell(path, exp):
    row = exp['inc_mid_row'] + 2
    pat = 'A%d:' % row
    with open(path) as f:
        for line in f:
            if line.startswith(pat):
                vals = [v.strip() for v in line.split('=', 1)[1].split(',')]
                if float(vals[3]) != exp['inc_mid_growth']:
                    sys.exit('bench: %s: D%d is %s, expected growth %r' % (
                        path, row, vals[3], exp['inc_mid_growth']))
                return
    sys.exit('bench: %s: no row %d' % (path, row))


def shared_hf_version():
    with open(os.path.join(SHARED, 'package.json')) as f:
        return json.load(f)['dependencies']['hyperformula']


def ensure_hyperformula(notes):
    if not shutil.which('node'):
        notes.append('node not found: HyperFormula skipped')
        return None
    want = shared_hf_version()
    pj = os.path.join(NODE_MODULES, 'hyperformula', 'package.json')
    have = None
    if os.path.exists(pj):
        with open(pj) as f:
            have = json.load(f).get('version')
    if have != want:
        if not shutil.which('npm'):
            notes.append('npm not found: HyperFormula skipped')
            return None
        log('installing hyperformula@%s into %s' % (want, os.path.relpath(NODE_MODULES, REPO)))
        r = sh(['npm', 'install', '--prefix', HERE, '--no-save', '--no-package-lock',
                '--no-audit', '--no-fund', 'hyperformula@' + want])
        if r.returncode != 0 or not os.path.exists(pj):
            notes.append('npm install hyperformula@%s failed: %s' % (want, first_line(r.stderr)))
            return None
    return want


def ensure_libreoffice(notes):
    exe = shutil.which('soffice') or shutil.which('libreoffice')
    if not exe and os.geteuid() == 0 and shutil.which('apt-get'):
        log('installing libreoffice-calc-nogui')
        env = dict(os.environ, DEBIAN_FRONTEND='noninteractive')
        sh(['apt-get', 'update', '-q'], env=env)
        r = sh(['apt-get', 'install', '-y', '-q', 'libreoffice-calc-nogui'], env=env)
        if r.returncode != 0:
            notes.append('apt-get install libreoffice-calc-nogui failed: %s' % first_line(r.stderr))
        exe = shutil.which('soffice') or shutil.which('libreoffice')
    if not exe:
        notes.append('LibreOffice not found (apt-get install libreoffice-calc-nogui): skipped')
        return None, None
    ver = first_line(sh([exe, '--version']).stdout)
    return exe, ver


def ensure_xw_write(notes):
    src = os.path.join(SHARED, 'xw_write.c')
    exe = os.path.join(WORK, 'xw_write')
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        cc = os.environ.get('CC') or 'cc'
        flags = sh(['pkg-config', '--cflags', 'xlsxwriter']).stdout.split()
        libs = sh(['pkg-config', '--libs', 'xlsxwriter']).stdout.split() or ['-lxlsxwriter']
        r = sh([cc, '-O2', '-o', exe, src] + flags + libs + ['-lm'])
        if r.returncode != 0:
            notes.append('building xw_write failed: %s' % first_line(r.stderr))
            return None
    return exe


def lo_profile(dirpath):
    """A throw-away LibreOffice profile that recalculates on load, made the
    way ../shared/tools/xlsx-oracle makes it."""
    try:
        import importlib.machinery
        import importlib.util
        loader = importlib.machinery.SourceFileLoader('xlsx_oracle', ORACLE)
        spec = importlib.util.spec_from_loader('xlsx_oracle', loader)
        mod = importlib.util.module_from_spec(spec)
        loader.exec_module(mod)
        return mod.make_lo_profile(dirpath, 0)
    except Exception:  # oracle missing: the same two settings, inline
        os.makedirs(os.path.join(dirpath, 'user'), exist_ok=True)
        item = ('<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="%s" '
                'oor:op="fuse"><value>0</value></prop></item>\n')
        with open(os.path.join(dirpath, 'user', 'registrymodifications.xcu'), 'w') as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items '
                    'xmlns:oor="http://openoffice.org/2001/registry" '
                    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                    + item % 'OOXMLRecalcMode' + item % 'ODFRecalcMode' + '</oor:items>\n')
        return dirpath


# ---------------------------------------------------------------- xw_write check

def xw_expected(rows, years, rate=0.08):
    """xw_write draws its inputs from its own xorshift64* generator, so its
    totals differ from gen_model's; this replays that generator and the
    shared compute() (gen_model.py) to get the totals independently."""
    sys.path.insert(0, SHARED)
    import gen_model
    m = (1 << 64) - 1
    st = [42]

    def urand(lo, hi):
        s = st[0]
        s ^= s >> 12
        s ^= (s << 25) & m
        s ^= s >> 27
        st[0] = s
        x = (s * 2685821657736338717) & m
        return lo + (hi - lo) * ((x >> 11) * (1.0 / 9007199254740992.0))

    def rnd(v, d):      # C round(): halves away from zero
        x = v * 10.0 ** d
        f = math.floor(x)
        return (f + 1 if x - f >= 0.5 else f) / 10.0 ** d

    inputs = []
    for _ in range(rows):
        peak = rnd(urand(50, 2000), 3)
        inputs.append(dict(peak=peak, sales0=rnd(peak * urand(0.01, 0.1), 3),
                           growth=rnd(urand(0.05, 0.6), 4), royalty=rnd(urand(0.02, 0.15), 4),
                           p1=rnd(urand(0.3, 0.9), 3), p2=rnd(urand(0.3, 0.9), 3),
                           p3=rnd(urand(0.5, 0.95), 3)))
    _, tot, npv = gen_model.compute(inputs, years, rate)
    return tot, npv


# ---------------------------------------------------------------- --stats

PHASES = ('read', 'parse', 'bind', 'graph', 'evaluate', 'export')
COUNTS = ('cells', 'formulas', 'programs', 'nodes', 'edges')


def parse_stats(err):
    """The --stats table on stderr: 'phase seconds peak_rss_mb' lines and a
    'cells N formulas N programs N nodes N edges N' line. {} if absent."""
    st = {}
    for line in err.splitlines():
        t = line.replace(':', ' ').replace(',', ' ').split()
        if not t:
            continue
        if t[0].lower() in PHASES:
            nums = [float(x) for x in t[1:] if re.fullmatch(r'[-+]?[0-9.]+(e[-+]?\d+)?', x)]
            if nums:
                st[t[0].lower() + '_s'] = nums[0]
            if len(nums) > 1:
                st[t[0].lower() + '_mb'] = nums[1]
        for i in range(len(t) - 1):
            if t[i].lower() in COUNTS and re.fullmatch(r'\d+', t[i + 1]):
                st[t[i].lower()] = int(t[i + 1])
    return st


# ---------------------------------------------------------------- measurements

class Bench:
    def __init__(self, vs, sizes, reps, peers):
        self.vs, self.sizes, self.reps, self.peers = vs, sizes, reps, peers
        self.big = '1m' if '1m' in sizes else sizes[-1]     # where the targets are read
        self.checks = Checks()
        self.notes = []
        self.data = {}          # size -> measure -> list of per-rep dicts
        self.invalid = set()    # (size, measure)
        self.broken = set()     # (size, measure) that failed to run: not repeated
        self.lo_dir = None
        self.xw_want = {}
        self.exp = {}
        help_text = sh([vs, '--help']).stdout + sh([vs, '--help']).stderr
        self.has_stats = '--stats' in help_text
        self.has_edit = 'bench-edit' in help_text
        if not self.has_stats:
            self.notes.append('valsheet has no --stats yet: phase rows are n/a')
        if not self.has_edit:
            self.notes.append('valsheet has no bench-edit yet: incremental rows are n/a')

    def add(self, size, measure, rec):
        self.data.setdefault(size, {}).setdefault(measure, []).append(rec)

    def mark_invalid(self, size, measure):
        self.invalid.add((size, measure))

    def median(self, size, measure, key):
        if (size, measure) in self.invalid:
            return None
        recs = self.data.get(size, {}).get(measure, [])
        vals = [r[key] for r in recs if r.get(key) is not None]
        return statistics.median(vals) if vals else None

    def failed(self, size, measure, r, what):
        self.mark_invalid(size, measure)
        self.broken.add((size, measure))
        tail = '\n'.join((r.out + r.err).strip().splitlines()[-5:])
        self.checks.fail(size, measure, what, 'exit %s%s: %s' % (
            r.rc, ' (timed out)' if r.timed_out else '', tail))

    # -- valsheet

    def vs_eval(self, size, prefix, exp, fill):
        measure = 'vs_eval_fill' if fill else 'vs_eval'
        model = prefix + ('.fill.vsheet' if fill else '.vsheet')
        cmd = [self.vs, 'eval', model, 'Summary!B1', 'Summary!B2', '--format', 'json']
        if self.has_stats:
            cmd.append('--stats')
        r = run(cmd)
        if not r.ok:
            return self.failed(size, measure, r, 'valsheet eval')
        try:
            vals = json.loads(r.out)
        except ValueError:
            return self.failed(size, measure, r, 'valsheet eval printed no JSON')
        ok = (self.checks.check(size, measure, 'Summary!B1', vals.get('Summary!B1'),
                                exp['total_discounted'])
              & self.checks.check(size, measure, 'Summary!B2', vals.get('Summary!B2'),
                                  exp['total_npv']))
        if not ok:
            self.mark_invalid(size, measure)
        rec = dict(wall=r.wall, rss_mb=r.rss_mb)
        rec.update(parse_stats(r.err))
        self.add(size, measure, rec)

    def vs_build(self, size, prefix, exp, fill):
        measure = 'vs_build_fill' if fill else 'vs_build'
        model = prefix + ('.fill.vsheet' if fill else '.vsheet')
        out = os.path.join(WORK, 'out', os.path.basename(prefix) + ('.fill' if fill else '') + '.xlsx')
        os.makedirs(os.path.dirname(out), exist_ok=True)
        cmd = [self.vs, 'build', model, '-o', out]
        if self.has_stats:
            cmd.append('--stats')
        if os.path.exists(out):
            os.remove(out)
        r = run(cmd)
        if not r.ok:
            return self.failed(size, measure, r, 'valsheet build')
        b1, b2 = xlsx_cells(out, 'Summary', ['B1', 'B2'])
        ok = (self.checks.check(size, measure, 'cached Summary!B1', b1, exp['total_discounted'])
              & self.checks.check(size, measure, 'cached Summary!B2', b2, exp['total_npv']))
        if not ok:
            self.mark_invalid(size, measure)
        rec = dict(wall=r.wall, rss_mb=r.rss_mb, xlsx_mb=os.path.getsize(out) / 1e6)
        rec.update(parse_stats(r.err))
        self.add(size, measure, rec)

    def vs_edit(self, size, prefix, exp):
        measure = 'vs_edit'
        if not self.has_edit:
            return
        cmd = [self.vs, 'bench-edit', prefix + '.fill.vsheet',
               '--edit', 'Assumptions!B1=%r' % (exp['rate'] + 0.01),
               '--edit', '%s=%r' % (exp['growth_ref'], exp['inc_mid_growth'] + 0.01),
               '--print', 'Summary!B1']
        r = run(cmd)
        if not r.ok:
            return self.failed(size, measure, r, 'valsheet bench-edit')
        edits = [o for o in json_lines(r.out) if 'edit' in o]
        if len(edits) != 2:
            return self.failed(size, measure, r, 'bench-edit printed %d edit lines, not 2'
                               % len(edits))
        ok = (self.checks.check(size, measure, 'Summary!B1 after rate edit',
                                edits[0].get('Summary!B1'), exp['inc_rate_total'])
              & self.checks.check(size, measure, 'Summary!B1 after growth edit',
                                  edits[1].get('Summary!B1'), exp['inc_growth_total']))
        if not ok:
            self.mark_invalid(size, measure)
        self.add(size, measure, dict(wall=r.wall, rss_mb=r.rss_mb,
                                     rate_s=edits[0].get('seconds'),
                                     rate_dirty=edits[0].get('dirty'),
                                     growth_s=edits[1].get('seconds'),
                                     growth_dirty=edits[1].get('dirty')))

    def vs_tornado(self, size, prefix, exp):
        """A 20-input tornado (decision support): the discount rate and 19
        products' growth, each moved low and high with the model open,
        recalculating only dependents. The rate's high value is +0.01, so
        its output must equal the expected total after the rate edit."""
        measure = 'vs_tornado'
        rate = exp['rate']
        inputs = ['Assumptions!B1'] + ['Products!D%d' % r for r in range(2, 21)]
        cmd = [self.vs, 'tornado', prefix + '.fill.vsheet', '--output', 'Summary!B1',
               '--inputs', ','.join(inputs), '--low-high',
               'Assumptions!B1=%r:%r' % (rate, rate + 0.01), '--format', 'json']
        r = run(cmd)
        if not r.ok:
            return self.failed(size, measure, r, 'valsheet tornado')
        try:
            rows = {row['label']: row['values'] for row in json.loads(r.out)['rows']}
            got = rows['Assumptions!B1'][3]
        except (ValueError, KeyError, IndexError):
            return self.failed(size, measure, r, 'tornado printed no rate row')
        if not self.checks.check(size, measure, 'Summary!B1 at the rate high value', got,
                                 exp['inc_rate_total']):
            self.mark_invalid(size, measure)
        self.add(size, measure, dict(wall=r.wall, rss_mb=r.rss_mb))

    def vs_simulate(self, size, prefix, exp):
        """Monte Carlo speed: the fill model with 100 products' growth drawn
        from NORMAL(growth, 0.02), with one and two threads and with every
        cell recalculated per trial; and the licensing example. The model's
        deterministic eval (distributions at their means) must still give
        the expected totals, so the random model is the same model."""
        measure = 'vs_sim'
        src = prefix + '.fill.vsheet'
        dst = prefix + '.random.vsheet'
        pat = re.compile(r'^(A(\d+):H\d+ = "P\d+", [^,]+, [^,]+, )([^,]+)(,.*)$')
        with open(src) as f, open(dst, 'w') as g:
            for line in f:
                m = pat.match(line)
                if m and 2 <= int(m.group(2)) <= 101:
                    line = '%sNORMAL(%s, 0.02)%s\n' % (m.group(1), m.group(3), m.group(4))
                g.write(line)
        r = run([self.vs, 'eval', dst, 'Summary!B1', '--format', 'json'])
        if not r.ok:
            return self.failed(size, measure, r, 'valsheet eval of the random model')
        try:
            got = json.loads(r.out)['Summary!B1']
        except (ValueError, KeyError):
            return self.failed(size, measure, r, 'no Summary!B1')
        if not self.checks.check(size, measure, 'Summary!B1 with distributions at their means',
                                 got, exp['total_discounted']):
            self.mark_invalid(size, measure)
        rec = {}
        for key, trials, extra in (('t1', 2000, ['--threads', '1']),
                                   ('t2', 2000, ['--threads', '2']),
                                   ('full', 200, ['--threads', '1', '--full-recalc'])):
            r = run([self.vs, 'simulate', dst, '--outputs', 'Summary!B1', '--trials',
                     str(trials), '--format', 'json'] + extra)
            if not r.ok:
                return self.failed(size, measure, r, 'valsheet simulate ' + key)
            rec[key + '_tps'] = trials / r.wall
            rec[key + '_wall'] = r.wall
        lic = os.path.join(HERE, '..', 'examples', 'licensing.vsheet')
        for key, extra in (('lic1', ['--threads', '1']), ('lic2', ['--threads', '2'])):
            r = run([self.vs, 'simulate', lic, '--outputs', 'mc_licensee_a,mc_licensee_b',
                     '--trials', '100000', '--format', 'json'] + extra)
            if not r.ok:
                return self.failed(size, measure, r, 'valsheet simulate licensing')
            rec[key + '_tps'] = 100000 / r.wall
        rec['wall'] = rec['t1_wall']
        self.add(size, measure, rec)

    def vs_runtotal(self):
        """The ranges target: a 100,000-row running total written as one
        fill, B2:B100001 = SUM($A$2:A2); graph memory and evaluation time."""
        measure, size = 'vs_runtotal', 'runtotal'
        path = os.path.join(WORK, 'runtotal%d.vsheet' % RT_ROWS)
        vals = [((i * 37) % 101) / 8 for i in range(RT_ROWS)]   # eighths: sums are exact
        if not os.path.exists(path):
            with open(path + '.tmp', 'w') as f:
                f.write('# running total: %d values and one fill of growing SUM ranges\n' % RT_ROWS)
                f.write('sheet Data\nA1:B1 = "Value", "Running total"\n')
                for i, v in enumerate(vals):
                    f.write('A%d = %r\n' % (i + 2, v))
                f.write('B2:B%d = SUM($A$2:A2)\n' % (RT_ROWS + 1))
            os.replace(path + '.tmp', path)
        last = 'Data!B%d' % (RT_ROWS + 1)
        mid = 'Data!B%d' % (RT_ROWS // 2 + 1)
        cmd = [self.vs, 'eval', path, mid, last, '--format', 'json']
        if self.has_stats:
            cmd.append('--stats')
        for i in range(self.reps):
            r = run(cmd)
            if not r.ok:
                return self.failed(size, measure, r, 'valsheet eval (running total)')
            got = json.loads(r.out)
            ok = (self.checks.check(size, measure, mid, got.get(mid), sum(vals[:RT_ROWS // 2]))
                  & self.checks.check(size, measure, last, got.get(last), sum(vals)))
            if not ok:
                self.mark_invalid(size, measure)
            rec = dict(wall=r.wall, rss_mb=r.rss_mb)
            rec.update(parse_stats(r.err))
            self.add(size, measure, rec)
            if r.wall > RT_SLOW and i + 1 < self.reps:
                self.notes.append('running total: one run took %.0f s, so it was run once, '
                                  'not %d times' % (r.wall, self.reps))
                break

    # -- peers

    def hf(self, size, prefix, exp):
        measure = 'hf'
        env = dict(os.environ, BENCH_NODE_MODULES=NODE_MODULES)
        cmd = ['node', '--max-old-space-size=16000', os.path.join(SHARED, 'hf_bench.js'),
               prefix + '.json', '--incremental']
        r = run(cmd, env=env)
        objs = json_lines(r.out)
        if not r.ok or not objs:
            return self.failed(size, measure, r, 'hf_bench.js')
        o = objs[-1]
        self.hf_version = o.get('version')
        ok = (self.checks.check(size, measure, 'Summary!B1', o.get('total_discounted'),
                                exp['total_discounted'])
              & self.checks.check(size, measure, 'Summary!B2', o.get('total_npv'),
                                  exp['total_npv'])
              & self.checks.check(size, measure, 'Summary!B1 after rate edit',
                                  o.get('inc_rate_total'), exp['inc_rate_total'])
              & self.checks.check(size, measure, 'Summary!B1 after growth edit',
                                  o.get('inc_growth_total'), exp['inc_growth_total']))
        if not ok:
            self.mark_invalid(size, measure)
        self.add(size, measure, dict(
            wall=r.wall, rss_mb=r.rss_mb, build_s=o['build_eval_ms'] / 1e3,
            json_parse_s=o['json_parse_ms'] / 1e3, rate_s=o['inc_rate_ms'] / 1e3,
            rate_dirty=o.get('inc_rate_changed'), growth_s=o['inc_growth_ms'] / 1e3,
            growth_dirty=o.get('inc_growth_changed')))

    def lo_cmd(self, soffice, outdir, path):
        url = 'file://' + os.path.abspath(os.path.join(self.lo_dir, 'profile'))
        return [soffice, '-env:UserInstallation=' + url, '--headless', '--invisible',
                '--norestore', '--nologo', '--nodefault', '--convert-to', 'xlsx',
                '--outdir', outdir, path]

    def lo_setup(self, soffice):
        """A throw-away profile for the whole run; its first start (which
        initialises it) converts the 10k file and is not timed."""
        self.lo_dir = tempfile.mkdtemp(prefix='lo-', dir=WORK)
        lo_profile(os.path.join(self.lo_dir, 'profile'))
        warm = os.path.join(self.lo_dir, 'warm')
        os.makedirs(warm)
        shutil.copy(os.path.join(WORK, 'm%d.xlsx' % SIZES['10k']), os.path.join(warm, 'w.xlsx'))
        run(self.lo_cmd(soffice, warm, os.path.join(warm, 'w.xlsx')), timeout=300)

    def lo(self, size, prefix, exp, soffice):
        measure = 'lo'
        outdir = os.path.join(self.lo_dir, 'out')
        cmd = self.lo_cmd(soffice, outdir, prefix + '.xlsx')
        shutil.rmtree(outdir, ignore_errors=True)
        r = run(cmd)
        saved = os.path.join(outdir, os.path.basename(prefix) + '.xlsx')
        if not r.ok or not os.path.exists(saved):
            return self.failed(size, measure, r, 'soffice --convert-to xlsx')
        b1, b2 = xlsx_cells(saved, 'Summary', ['B1', 'B2'])
        ok = (self.checks.check(size, measure, 'saved Summary!B1', b1,
                                exp['total_discounted'])
              & self.checks.check(size, measure, 'saved Summary!B2', b2, exp['total_npv']))
        if not ok:
            self.mark_invalid(size, measure)
        self.add(size, measure, dict(wall=r.wall, rss_mb=r.rss_mb))

    def xw(self, size, exe):
        measure = 'xw'
        rows = SIZES[size]
        if size not in self.xw_want:
            self.xw_want[size] = xw_expected(rows, YEARS)
        tot, npv = self.xw_want[size]
        out = os.path.join(WORK, 'out', 'xw%d.xlsx' % rows)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        r = run([exe, str(rows), str(YEARS), out, '1'])
        objs = json_lines(r.out)
        if not r.ok or not objs:
            return self.failed(size, measure, r, 'xw_write')
        o = objs[-1]
        self.xw_version = o.get('version')
        b1 = xlsx_cells(out, 'Summary', ['B1'])[0]
        ok = (self.checks.check(size, measure, 'printed total_discounted',
                                o.get('total_discounted'), tot)
              & self.checks.check(size, measure, 'printed total_npv', o.get('total_npv'), npv)
              & self.checks.check(size, measure, 'cached Summary!B1', b1, tot))
        if not ok:
            self.mark_invalid(size, measure)
        self.add(size, measure, dict(wall=r.wall, rss_mb=r.rss_mb, write_s=o['write_s'],
                                     compute_s=o['compute_s'],
                                     compute_ns=o['compute_ns_per_cell']))


# ---------------------------------------------------------------- report

MEASURES = [
    ('vs_eval', 'valsheet eval, spelled-out model (parse+evaluate, no export)'),
    ('vs_eval_fill', 'valsheet eval, fill model'),
    ('vs_build', 'valsheet build, spelled-out model (text to xlsx)'),
    ('vs_build_fill', 'valsheet build, fill model (text to xlsx)'),
    ('vs_edit', 'valsheet bench-edit, fill model (load + full recalc + 2 edits)'),
    ('hf', 'HyperFormula (node hf_bench.js --incremental, whole process)'),
    ('lo', 'LibreOffice headless: load xlsx, recalculate, save xlsx (whole command)'),
    ('xw', 'libxlsxwriter alone (xw_write, constant_memory, whole process)'),
]


SHORT = {'vs_eval': 'valsheet eval', 'vs_eval_fill': 'valsheet eval (fill)',
         'vs_build': 'valsheet build', 'vs_build_fill': 'valsheet build (fill)',
         'vs_edit': 'valsheet bench-edit', 'hf': 'HyperFormula', 'lo': 'LibreOffice',
         'xw': 'xw_write', 'vs_runtotal': 'running total'}


def fmt_s(s):
    if s is None:
        return 'n/a'
    if s < 1e-3:
        return '%.1f µs' % (s * 1e6)
    if s < 1:
        return '%.1f ms' % (s * 1e3)
    return '%.2f s' % s


def fmt_ratio(x):
    if x is None:
        return 'n/a'
    return '%.3g' % x


def machine():
    cpu = platform.processor() or ''
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.lower().startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ''
    try:
        with open('/proc/meminfo') as f:
            kb = int(f.readline().split()[1])
            mem = '%.1f GB' % (kb / 1024 / 1024)
    except (OSError, ValueError, IndexError):
        pass
    return cpu, os.cpu_count(), mem


class Report:
    def __init__(self, b, versions, started, elapsed):
        self.b, self.versions, self.started, self.elapsed = b, versions, started, elapsed
        self.lines = []

    def med(self, size, measure, key):
        return self.b.median(size, measure, key)

    def status(self, measure_val, goal_ok):
        if measure_val is None:
            return 'n/a'
        return 'met' if goal_ok else '**NOT MET**'

    def targets(self):
        """Rows: (target, valsheet, peer, ratio, goal, status, how)."""
        b = self.b
        m = self.med
        rows = []
        big = self.b.big
        nf = {s: self.b.exp[s]['formula_cells'] for s in b.exp}

        def reason(*keys):
            for s, meas in keys:
                if s not in b.sizes:
                    return 'n/a (size %s not run)' % s
                if (s, meas) in b.invalid:
                    return 'INVALID (%s %s failed its check)' % (meas, s)
                if meas not in b.data.get(s, {}):
                    return 'n/a (%s not measured: see Notes)' % SHORT.get(meas, meas)
            return 'n/a'

        def row(target, v, p, ratio, goal, ok, how, deps):
            if ok is None:
                st = reason(*deps)
            else:
                st = 'met' if ok else '**NOT MET**'
            rows.append((target, v, p, ratio, goal, st, how))

        # 1. parse + evaluate vs HyperFormula
        v = m(big, 'vs_eval', 'wall')
        p = m(big, 'hf', 'build_s')
        r = v / p if v is not None and p else None
        row('Parse+evaluate spelled-out %s vs HyperFormula buildFromSheets' % big, fmt_s(v), fmt_s(p),
            fmt_ratio(r), '≤ 0.02 (50x faster)', None if r is None else r <= 0.02,
            'valsheet: whole `eval` process; HF: buildFromSheets in-process',
            [(big, 'vs_eval'), (big, 'hf')])
        # 2. evaluation ns per formula cell
        ev = m(big, 'vs_eval', 'evaluate_s')
        ns = ev * 1e9 / nf[big] if ev is not None and big in nf else None
        row('Evaluation alone per formula cell at %s (--stats evaluate)' % big,
            'n/a' if ns is None else '%.1f ns' % ns, '', '', '< 30 ns',
            None if ns is None else ns < 30, 'evaluate phase / formula cells',
            [(big, 'vs_eval')])
        floor = m(big, 'xw', 'compute_ns')
        r = ns / floor if ns is not None and floor else None
        row('Evaluation vs the C floor (xw_write compute loop)',
            'n/a' if ns is None else '%.1f ns' % ns,
            'n/a' if floor is None else '%.1f ns' % floor, fmt_ratio(r), '≤ 5',
            None if r is None else r <= 5, 'ns per formula cell', [(big, 'vs_eval'), (big, 'xw')])
        # 3. fill form
        ph = [m(big, 'vs_eval_fill', k + '_s') for k in ('read', 'parse', 'bind', 'graph', 'evaluate')]
        if all(x is not None for x in ph):
            v, how = sum(ph), 'read+parse+bind+graph+evaluate phases (--stats)'
        else:
            v, how = m(big, 'vs_eval_fill', 'wall'), 'whole `eval` process (no --stats)'
        row('Fill model at %s: parse, bind and evaluate' % big, fmt_s(v), '', '', '< 0.1 s',
            None if v is None else v < 0.1, how, [(big, 'vs_eval_fill')])
        progs = m(big, 'vs_eval_fill', 'programs')
        row('Fill model at %s: compiled programs (one per fill)' % big,
            'n/a' if progs is None else '%d' % progs, '', '',
            '≤ 13 (8 fills + 5 Summary formulas)', None if progs is None else progs <= 13,
            '--stats programs', [(big, 'vs_eval_fill')])
        # 4. build vs libxlsxwriter and LibreOffice, RSS
        xw = m(big, 'xw', 'wall')
        lo = m(big, 'lo', 'wall')
        for meas, label in (('vs_build', 'spelled-out'), ('vs_build_fill', 'fill')):
            v = m(big, meas, 'wall')
            r = v / xw if v is not None and xw else None
            row('Build %s %s vs libxlsxwriter alone' % (label, big), fmt_s(v), fmt_s(xw), fmt_ratio(r),
                '≤ 1.25', None if r is None else r <= 1.25, 'whole processes',
                [(big, meas), (big, 'xw')])
            r = v / lo if v is not None and lo else None
            row('Build %s %s vs LibreOffice load-recalc-save' % (label, big), fmt_s(v), fmt_s(lo),
                fmt_ratio(r), '≤ 0.5 (2x faster)', None if r is None else r <= 0.5,
                'whole processes', [(big, meas), (big, 'lo')])
            rss = m(big, meas, 'rss_mb')
            row('Build %s %s peak RSS' % (label, big), 'n/a' if rss is None else '%.0f MB' % rss, '', '',
                '< 200 MB', None if rss is None else rss < 200, 'wait4 ru_maxrss',
                [(big, meas)])
        # 5. incremental
        v = m(big, 'vs_edit', 'rate_s')
        p = m(big, 'hf', 'rate_s')
        r = v / p if v is not None and p else None
        row('Discount-rate edit at %s vs HyperFormula' % big, fmt_s(v), fmt_s(p), fmt_ratio(r),
            '≤ 0.02 (50x faster)', None if r is None else r <= 0.02,
            'set + incremental recalc, in-process', [(big, 'vs_edit'), (big, 'hf')])
        v = m(big, 'vs_edit', 'growth_s')
        p = m(big, 'hf', 'growth_s')
        r = v / p if v is not None and p else None
        row('One-product growth edit at %s' % big, fmt_s(v), fmt_s(p), fmt_ratio(r), '< 100 µs',
            None if v is None else v < 100e-6, 'peer shown for reference',
            [(big, 'vs_edit')])
        # decision support: a 20-input tornado against one plain evaluation
        v = m('100k', 'vs_tornado', 'wall')
        p = m('100k', 'vs_eval_fill', 'wall')
        r = v / p if v is not None and p else None
        row('20-input tornado at 100k (60 incremental recalculations) vs one eval', fmt_s(v), fmt_s(p),
            fmt_ratio(r), 'report', None,
            'whole process each; the tornado reuses the open model',
            [('100k', 'vs_tornado'), ('100k', 'vs_eval_fill')])
        if r is not None and ('100k', 'vs_tornado') not in b.invalid:
            rows[-1] = rows[-1][:5] + ('reported',) + rows[-1][6:]
        # Monte Carlo: trials per second (whole process, parse included)
        if ('100k', 'vs_sim') in b.invalid:
            rows.append(('Monte Carlo, 100k model with 100 random inputs', '', '', '', 'report',
                         'INVALID (its check failed)', ''))
        elif 'vs_sim' in b.data.get('100k', {}):
            t1, t2 = m('100k', 'vs_sim', 't1_tps'), m('100k', 'vs_sim', 't2_tps')
            fu = m('100k', 'vs_sim', 'full_tps')
            rows.append(('Monte Carlo, 100k model with 100 random inputs: trials/s, 1 and 2 threads',
                         '%.0f / %.0f' % (t1, t2), '', '%.2fx' % (t2 / t1), 'report', 'reported',
                         'whole process for 2,000 trials (parse and first eval included)'))
            rows.append(('Monte Carlo, 100k model: incremental vs full recalculation per trial',
                         '%.0f trials/s' % t1, '%.1f trials/s' % fu, '%.0fx' % (t1 / fu),
                         'report', 'reported', 'full: --full-recalc, 200 trials'))
            l1, l2 = m('100k', 'vs_sim', 'lic1_tps'), m('100k', 'vs_sim', 'lic2_tps')
            rows.append(('Monte Carlo, licensing example: trials/s, 1 and 2 threads',
                         '%.0f / %.0f' % (l1, l2), '', '%.2fx' % (l2 / l1), 'report',
                         'reported', '100,000 trials, whole process'))
        # 6. ranges: a 100,000-row running total
        rt = 'runtotal'
        if (rt, 'vs_runtotal') in b.invalid:
            rows.append(('Running total (100k rows of SUM($A$2:A2)): graph memory', '', '', '',
                         '< 50 MB', 'INVALID (its check failed)', ''))
        elif rt in b.data:
            g, bd = m(rt, 'vs_runtotal', 'graph_mb'), m(rt, 'vs_runtotal', 'bind_mb')
            gm = g - bd if g is not None and bd is not None else None
            rss = m(rt, 'vs_runtotal', 'rss_mb')
            row('Running total (100k rows of SUM($A$2:A2)): graph memory',
                'n/a' if gm is None else '%.1f MB (peak RSS %.0f MB)' % (gm, rss), '', '',
                '< 50 MB', None if gm is None else gm < 50,
                'RSS growth during the graph phase (--stats)', [])
            ev = m(rt, 'vs_runtotal', 'evaluate_s')
            rows.append(('Running total: evaluation time', fmt_s(ev), '', '', 'report',
                         'reported' if ev is not None else 'n/a',
                         '--stats evaluate phase; whole process %s, %s edges'
                         % (fmt_s(m(rt, 'vs_runtotal', 'wall')),
                            '{:,}'.format(int(m(rt, 'vs_runtotal', 'edges') or 0)))))
        # 7. scaling
        for meas, key, label in (('vs_eval', 'wall', 'eval spelled-out (whole process)'),
                                 ('vs_eval', 'evaluate_s', 'eval spelled-out (evaluate phase)'),
                                 ('vs_build', 'wall', 'build spelled-out (whole process)')):
            a, c = m('1m', meas, key), m('100k', meas, key)
            if a is not None and c and '100k' in nf and '1m' in nf:
                pa, pc = a / nf['1m'] * 1e9, c / nf['100k'] * 1e9
                r = pa / pc
                row('Scaling 1m vs 100k per cell: %s' % label, '%.1f ns' % pa,
                    '%.1f ns at 100k' % pc, fmt_ratio(r), '≤ 1.5', r <= 1.5, 'time per formula cell',
                    [('1m', meas), ('100k', meas)])
            else:
                row('Scaling 1m vs 100k per cell: %s' % label, None, None, None, '≤ 1.5', None, '',
                    [('1m', meas), ('100k', meas)])
        return rows

    def raw(self):
        out = []
        sizes = self.b.sizes
        out.append('| measurement | ' + ' | '.join(
            '%s (%s cells)' % (s, '{:,}'.format(self.b.exp[s]['formula_cells'])) for s in sizes) + ' |')
        out.append('|---|' + '---|' * len(sizes))
        extra = {
            'vs_eval': [('evaluate_s', 'evaluate phase'), ('parse_s', 'parse phase')],
            'vs_eval_fill': [('evaluate_s', 'evaluate phase')],
            'vs_build': [('export_s', 'export phase')],
            'vs_build_fill': [('export_s', 'export phase')],
            'vs_edit': [('rate_s', 'rate edit'), ('growth_s', 'growth edit')],
            'hf': [('build_s', 'buildFromSheets'), ('rate_s', 'rate edit'),
                   ('growth_s', 'growth edit')],
            'xw': [('write_s', 'write'), ('compute_s', 'C compute loop')],
        }
        for meas, label in MEASURES:
            cells = []
            present = False
            for s in sizes:
                if (s, meas) in self.b.invalid:
                    cells.append('**INVALID**')
                    present = True
                    continue
                w = self.med(s, meas, 'wall')
                if w is None:
                    cells.append('n/a')
                    continue
                present = True
                parts = ['%s, %.0f MB' % (fmt_s(w), self.med(s, meas, 'rss_mb'))]
                for key, name in extra.get(meas, []):
                    x = self.med(s, meas, key)
                    if x is not None:
                        parts.append('%s %s' % (name, fmt_s(x)))
                cells.append('; '.join(parts))
            if present or meas.startswith('vs_'):
                out.append('| %s | %s |' % (label, ' | '.join(cells)))
        return out

    def stats_table(self):
        out = []
        rows = []
        for s in self.b.sizes:
            for meas in ('vs_eval', 'vs_eval_fill', 'vs_build', 'vs_build_fill'):
                if self.med(s, meas, 'evaluate_s') is None:
                    continue
                ph = []
                for k in PHASES:
                    sec, mb = self.med(s, meas, k + '_s'), self.med(s, meas, k + '_mb')
                    if not sec and not mb:
                        ph.append('-')
                    else:
                        ph.append('%s / %s' % (fmt_s(sec), 'n/a' if mb is None else '%.0f MB' % mb))
                cnt = ['n/a' if self.med(s, meas, k) is None else '{:,}'.format(int(self.med(s, meas, k)))
                       for k in COUNTS]
                rows.append('| %s | %s | %s | %s |' % (s, meas, ' | '.join(ph), ' | '.join(cnt)))
        if rows:
            out.append('| size | run | ' + ' | '.join(PHASES) + ' | ' + ' | '.join(COUNTS) + ' |')
            out.append('|---|---|' + '---|' * (len(PHASES) + len(COUNTS)))
            out += rows
        return out

    def edits_table(self):
        out = []
        for s in self.b.sizes:
            for meas, who in (('vs_edit', 'valsheet'), ('hf', 'HyperFormula')):
                if self.med(s, meas, 'rate_s') is None:
                    continue
                if not out:
                    out.append('| size | engine | rate edit | cells recomputed | growth edit | cells recomputed |')
                    out.append('|---|---|---|---|---|---|')
                rd, gd = self.med(s, meas, 'rate_dirty'), self.med(s, meas, 'growth_dirty')
                out.append('| %s | %s | %s | %s | %s | %s |' % (
                    s, who, fmt_s(self.med(s, meas, 'rate_s')),
                    'n/a' if rd is None else '{:,}'.format(int(rd)),
                    fmt_s(self.med(s, meas, 'growth_s')),
                    'n/a' if gd is None else '{:,}'.format(int(gd))))
        return out

    def render(self):
        b = self.b
        cpu, ncpu, mem = machine()
        L = []
        L.append('# valsheet benchmark results')
        L.append('')
        L.append('Written by `make bench` (bench/run.py); the workload is ../shared/bench/gen_model.py '
                 '`--rows 120|1200|12000 --years 20`. Medians of %d run(s) per measurement; wall '
                 'time and peak RSS per process (wait4). Every tool\'s totals were checked against '
                 'expected.json to %g relative.' % (b.reps, RTOL))
        L.append('')
        L.append('- date: %s (run took %.0f s)' % (self.started, self.elapsed))
        L.append('- machine: %s, nproc %s, %s RAM, %s' % (cpu, ncpu, mem, platform.platform()))
        for k, v in self.versions:
            L.append('- %s: %s' % (k, v))
        L.append('')
        L.append('## Targets (issue 5)')
        L.append('')
        if b.big != '1m':
            L.append('The targets are defined at 1m; this run\'s largest size is %s, so they are '
                     'read there (a partial run: BENCH_SIZES).' % b.big)
            L.append('')
        L.append('| target | valsheet | peer | valsheet/peer | goal | status | how |')
        L.append('|---|---|---|---|---|---|---|')
        rows = self.targets()
        for t in rows:
            L.append('| %s |' % ' | '.join('' if x is None else str(x) for x in t))
        L.append('')
        why = os.path.join(HERE, 'why.md')
        if any('NOT MET' in str(t[5]) for t in rows) and os.path.exists(why):
            # The explanations are written by hand from profiles and phase
            # measurements (each names its command), so they live in a
            # committed file and are copied in, not generated.
            with open(why) as f:
                L += f.read().rstrip('\n').split('\n')
            L.append('')
        L.append('## Medians per size')
        L.append('')
        L += self.raw()
        et = self.edits_table()
        if et:
            L.append('')
            L.append('## Incremental edits (rate +0.01, then growth of product rows//2 +0.01)')
            L.append('')
            L += et
        st = self.stats_table()
        L.append('')
        L.append('## valsheet phases (`--stats`: seconds / peak RSS after the phase; counts)')
        L.append('')
        L += st if st else ['n/a: this valsheet has no --stats']
        L.append('')
        L.append('## Correctness checks')
        L.append('')
        bad = b.checks.bad()
        n = len(b.checks.rows)
        if bad:
            L.append('**%d of %d checks FAILED; those tools\' timings are marked INVALID:**' % (len(bad), n))
            L.append('')
            for size, tool, what, got, want, _ in bad:
                L.append('- **%s %s: %s = %r, expected %r**' % (tool, size, what, got, want))
        else:
            L.append('All %d checks agree with expected.json to %g relative:' % (n, RTOL))
            L.append('')
            what = {
                'vs_eval': 'valsheet eval: Summary!B1 and B2 printed as JSON',
                'vs_eval_fill': 'valsheet eval of the fill model: Summary!B1 and B2',
                'vs_build': 'valsheet build: cached Summary!B1 and B2 in the written xlsx',
                'vs_build_fill': 'valsheet build of the fill model: the same',
                'vs_edit': 'valsheet bench-edit: Summary!B1 after each edit '
                           '(inc_rate_total, inc_growth_total)',
                'vs_tornado': 'valsheet tornado: Summary!B1 at the rate +0.01 '
                              '(inc_rate_total)',
                'vs_sim': 'valsheet eval of the random model: Summary!B1 with every '
                          'distribution at its mean (total_discounted)',
                'hf': 'HyperFormula: both totals, and Summary!B1 after each edit',
                'lo': 'LibreOffice: cached Summary!B1 and B2 in the xlsx it saved '
                      '(the input carries cached zeros, so only a recalculation passes)',
                'vs_runtotal': 'valsheet eval of the running total: the middle and last '
                               'sums against Python\'s',
                'xw': 'xw_write: its printed totals and its xlsx\'s cached Summary!B1 against '
                      'gen_model.compute() on a Python replay of its own random inputs',
            }
            seen = []
            for r in b.checks.rows:
                if r[1] not in seen:
                    seen.append(r[1])
            for t in seen:
                L.append('- %s (%s)' % (what.get(t, t), ', '.join(
                    s for s in b.sizes + ['runtotal']
                    if any(r[0] == s and r[1] == t for r in b.checks.rows))))
        if b.notes:
            L.append('')
            L.append('## Notes')
            L.append('')
            for x in b.notes:
                L.append('- ' + x)
        L.append('')
        return '\n'.join(L)


# ---------------------------------------------------------------- main

def main():
    import argparse
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--valsheet', default=os.path.join(REPO, 'build', 'bin', 'valsheet'))
    a = ap.parse_args()
    vs = os.path.abspath(a.valsheet)
    if not os.path.exists(vs):
        sys.exit('bench: %s not found (make all first)' % vs)
    if not os.path.exists(os.path.join(SHARED, 'gen_model.py')):
        sys.exit('bench: gen_model.py not found in %s (set VS_BENCH_SHARED)' % SHARED)

    smoke = os.environ.get('BENCH_SMOKE', '') not in ('', '0')
    sizes_env = os.environ.get('BENCH_SIZES', '')
    sizes = [s.strip().lower() for s in sizes_env.split(',') if s.strip()] or ['10k', '100k', '1m']
    for s in sizes:
        if s not in SIZES:
            sys.exit('bench: unknown size %r in BENCH_SIZES (10k, 100k, 1m)' % s)
    sizes = [s for s in SIZES if s in sizes]
    reps = int(os.environ.get('BENCH_REPS') or 3)
    peers = os.environ.get('BENCH_PEERS', '1') not in ('0', '')
    if smoke:
        sizes, reps, peers = ['10k'], 1, False
    full = not smoke and not sizes_env and peers
    results_md = os.path.join(HERE, 'results.md') if full else os.path.join(WORK, 'results.md')

    os.makedirs(WORK, exist_ok=True)
    started = datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')
    t_start = time.time()
    b = Bench(vs, sizes, reps, peers)
    gitrev = sh(['git', '-C', REPO, 'describe', '--always', '--dirty']).stdout.strip() or '?'
    versions = [('valsheet', '%s (git %s)' % (first_line(sh([vs, '--version']).stdout), gitrev))]

    hf_ver = soffice = lo_ver = xw_exe = None
    if peers:
        hf_ver = ensure_hyperformula(b.notes)
        soffice, lo_ver = ensure_libreoffice(b.notes)
        xw_exe = ensure_xw_write(b.notes)
    else:
        b.notes.append('peers not run (%s)' % ('BENCH_SMOKE' if smoke else 'BENCH_PEERS=0'))
    if hf_ver:
        versions.append(('HyperFormula', '%s (node %s)' % (hf_ver, first_line(sh(['node', '--version']).stdout))))
    if lo_ver:
        versions.append(('LibreOffice', lo_ver))
    load0 = os.getloadavg()

    prefixes = {}
    for s in sizes:
        prefixes[s], b.exp[s] = generate(s)
    if peers and soffice:
        if '10k' not in sizes:
            generate('10k')     # the LibreOffice warm-up file
        b.lo_setup(soffice)

    try:
        measure_all(b, sizes, reps, prefixes, peers, hf_ver, soffice, xw_exe)
    finally:
        if b.lo_dir:
            shutil.rmtree(b.lo_dir, ignore_errors=True)

    return finish(b, versions, started, t_start, load0, results_md)


def measure_all(b, sizes, reps, prefixes, peers, hf_ver, soffice, xw_exe):
    for s in sizes:
        pre, exp = prefixes[s], b.exp[s]
        log('== %s (%d formula cells), %d rep(s)' % (s, exp['formula_cells'], reps))
        steps = [('valsheet eval', 'vs_eval', lambda: b.vs_eval(s, pre, exp, False)),
                 ('valsheet eval (fill)', 'vs_eval_fill', lambda: b.vs_eval(s, pre, exp, True)),
                 ('valsheet build', 'vs_build', lambda: b.vs_build(s, pre, exp, False)),
                 ('valsheet build (fill)', 'vs_build_fill', lambda: b.vs_build(s, pre, exp, True)),
                 ('valsheet bench-edit', 'vs_edit', lambda: b.vs_edit(s, pre, exp))]
        if peers:
            if hf_ver:
                steps.append(('HyperFormula', 'hf', lambda: b.hf(s, pre, exp)))
            if soffice:
                steps.append(('LibreOffice', 'lo', lambda: b.lo(s, pre, exp, soffice)))
            if xw_exe:
                steps.append(('xw_write', 'xw', lambda: b.xw(s, xw_exe)))
        # repetitions round-robin over the tools, so a burst of other work on
        # the machine hits every tool alike rather than one tool's runs
        spent = {}
        for rep in range(reps):
            for name, meas, fn in steps:
                if (s, meas) in b.broken:
                    continue
                t0 = time.time()
                fn()
                spent[name] = spent.get(name, 0) + time.time() - t0
        for name, _, _ in steps:
            log('   %-24s %6.1f s' % (name, spent.get(name, 0)))
        if s == '100k':
            t0 = time.time()
            b.vs_tornado(s, pre, exp)
            log('   %-24s %6.1f s' % ('valsheet tornado (20)', time.time() - t0))
            t0 = time.time()
            b.vs_simulate(s, pre, exp)
            log('   %-24s %6.1f s' % ('valsheet simulate', time.time() - t0))
            t0 = time.time()
            b.vs_runtotal()
            log('   %-24s %6.1f s' % ('valsheet running total', time.time() - t0))


def finish(b, versions, started, t_start, load0, results_md):
    elapsed = time.time() - t_start
    if getattr(b, 'xw_version', None):
        versions.append(('libxlsxwriter', '%s (xw_write, cc -O2, constant_memory)' % b.xw_version))
    versions.append(('load average', '%.2f at the start, %.2f at the end (1 min; other work '
                     'on the machine skews the times)' % (load0[0], os.getloadavg()[0])))
    rep = Report(b, versions, started, elapsed)
    text = rep.render()
    print(text)
    with open(results_md, 'w') as f:
        f.write(text)
    with open(os.path.join(WORK, 'results.json'), 'w') as f:
        json.dump({'sizes': b.sizes, 'reps': b.reps, 'data': b.data,
                   'invalid': sorted('%s %s' % x for x in b.invalid),
                   'checks': [list(r) for r in b.checks.rows], 'notes': b.notes,
                   'expected': b.exp}, f, indent=1, default=str)
    log('wrote %s' % os.path.relpath(results_md, os.getcwd()))
    if b.checks.bad():
        loud('%d check(s) FAILED: see "Correctness checks" in %s'
             % (len(b.checks.bad()), os.path.relpath(results_md, os.getcwd())))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
