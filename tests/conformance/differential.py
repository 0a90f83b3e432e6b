#!/usr/bin/python3
"""differential.py: random formulas, valsheet against LibreOffice (issue #3).

  /usr/bin/python3 tests/conformance/differential.py VALSHEET_BIN OUTDIR [N [SEED]]

Generates a grid of random cells (numbers, numeric and other text,
booleans, blanks, errors) and N (default 10,000) random well-typed formulas
over it from SEED (default 3; DIFF_SEED overrides), writes them into one
model, evaluates it with `valsheet eval` and exports it with `valsheet
build`; LibreOffice recalculates the workbook once (tools/xlsx-oracle).
Every formula must give the same value in both, unless its difference is
one that known_differences.py explains by rule. Prints each unexplained
difference with its formula and the cells it reads, the count excused per
rule, and "TESTS passed failed".
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import common  # noqa: E402
import known_differences  # noqa: E402

ROWS = 16
CLEAN_COLS = 'ABCD'     # no booleans: aggregates over them agree
ANY_COLS = 'EFGH'       # booleans too
WORDS = ['a', 'b', 'B', 'apple', 'Pie', 'x y', '', ' 2 ', '3', '2.5', '-1', 'TRUE']
MAX_DEPTH = 3


class Cell:
    def __init__(self, text, kind, value):
        self.text = text    # the model's right-hand side
        self.kind = kind    # 'num' 'text' 'bool' 'blank' 'error'
        self.value = value  # the Python value for numbers and text


def random_cell(rng, allow_bool):
    r = rng.random()
    if r < 0.45:
        x = rng.choice([rng.randint(-20, 20), rng.randint(-80, 80) / 4,
                        rng.randint(1, 4000) / 8, 0])
        return Cell(repr(x) if x != int(x) else str(int(x)), 'num', x)
    if r < 0.65:
        w = rng.choice(WORDS)
        if w == '':
            return Cell('LEFT("x", 0)', 'text', '')   # a constant "" exports as blank
        return Cell('"%s"' % w, 'text', w)
    if r < 0.80:
        return Cell(None, 'blank', None)
    if r < 0.90 and allow_bool:
        b = rng.random() < 0.5
        return Cell('TRUE' if b else 'FALSE', 'bool', b)
    e = rng.choice(['1/0', 'NA()', '"x"+1'])
    return Cell(e, 'error', None)


class Gen:
    """A random formula generator over GRID; each call returns (text, may
    be boolean) and records features in self.features."""

    def __init__(self, rng, grid):
        self.rng = rng
        self.grid = grid
        self.features = set()
        self.errors = set()     # the error cells read, by formula

    # -- references --------------------------------------------------
    def ref(self):
        col = self.rng.choice(CLEAN_COLS + ANY_COLS)
        row = self.rng.randint(1, ROWS)
        cell = self.grid[(col, row)]
        if cell.kind == 'text' and cell.value.strip().upper() in ('TRUE', 'FALSE'):
            self.features.add('truetext')
        self.note_errors([cell])
        return 'R!%s%d' % (col, row), cell.kind == 'bool'

    def note_errors(self, cells):
        self.errors |= {c.text for c in cells if c.kind == 'error'}
        if len(self.errors) > 1:
            self.features.add('multi_error')

    def range_(self, clean=None):
        cols = CLEAN_COLS if (clean if clean is not None else self.rng.random() < 0.7) else ANY_COLS
        c0 = self.rng.randrange(len(cols))
        c1 = self.rng.randrange(c0, min(len(cols), c0 + 2))
        r0 = self.rng.randint(1, ROWS)
        r1 = self.rng.randint(r0, min(ROWS, r0 + 6))
        cells = [self.grid[(cols[c], r)] for c in range(c0, c1 + 1) for r in range(r0, r1 + 1)]
        self.note_errors(cells)
        if any(c.kind == 'bool' for c in cells):
            self.features.add('bool_in_range')
        if any(c.kind == 'text' and c.value.strip().upper() == 'TRUE' for c in cells):
            self.features.add('truetext')
        self.last_range_numtext = any(
            c.kind == 'text' and _numeric(c.value) for c in cells)
        return 'R!%s%d:%s%d' % (cols[c0], r0, cols[c1], r1)

    # -- typed expressions --------------------------------------------
    def num(self, d=0):
        rng = self.rng
        if d >= MAX_DEPTH or rng.random() < 0.25:
            if rng.random() < 0.5:
                return self.ref()
            return str(rng.choice([0, 1, 2, 3, -1, 0.5, 2.25, 10, 100, -7.5])), False
        k = rng.randrange(24)
        if k < 5:
            op = rng.choice(['+', '-', '*', '/', '^'])
            a, _ = self.num(d + 1)
            if op == '^':
                b = str(rng.choice([0, 1, 2, 3, -1, 0.5]))
            else:
                b, _ = self.num(d + 1)
            return '(%s%s%s)' % (a, op, b), False
        if k == 5:
            a, _ = self.num(d + 1)
            return '-%s' % a, False
        if k == 6:
            fn = rng.choice(['SUM', 'AVERAGE', 'MIN', 'MAX', 'COUNT', 'COUNTA', 'PRODUCT',
                             'MEDIAN', 'COUNTBLANK'])
            if fn == 'COUNTBLANK':
                return 'COUNTBLANK(%s)' % self.range_(), False
            args = []
            for _ in range(rng.randint(1, 3)):
                if rng.random() < 0.7:
                    args.append(self.range_())
                    continue
                a, ab = self.num(d + 1)
                if ab:      # a reference to a boolean (CHOOSE, IF give references)
                    self.features.add('bool_in_range')
                args.append(a)
            return '%s(%s)' % (fn, ','.join(args)), False
        if k == 7:
            fn = rng.choice(['ABS', 'INT', 'SIGN', 'SQRT', 'EXP', 'LN'])
            a, _ = self.num(d + 1)
            return '%s(%s)' % (fn, a), False
        if k == 8:
            fn = rng.choice(['ROUND', 'ROUNDUP', 'ROUNDDOWN', 'TRUNC', 'MOD', 'QUOTIENT',
                             'POWER', 'MROUND'])
            a, _ = self.num(d + 1)
            b = str(rng.choice([0, 1, 2, -1, 3])) if fn not in ('MOD', 'QUOTIENT', 'MROUND') \
                else self.num(d + 1)[0]
            return '%s(%s,%s)' % (fn, a, b), False
        if k == 9:
            a, _ = self.text(d + 1)
            return 'LEN(%s)' % a, False
        if k == 10:
            fn = rng.choice(['FIND', 'SEARCH'])
            a, _ = self.text(d + 1)
            b, _ = self.text(d + 1)
            return '%s(%s,%s)' % (fn, a, b), False
        if k == 11:
            c, cb = self.boolean(d + 1)
            a, ab = self.num(d + 1)
            b, bb = self.num(d + 1)
            return 'IF(%s,%s,%s)' % (c, a, b), ab or bb
        if k == 12:
            a, ab = self.num(d + 1)
            b, bb = self.num(d + 1)
            return 'IFERROR(%s,%s)' % (a, b), ab or bb
        if k == 13:
            fn = rng.choice(['COUNTIF', 'SUMIF', 'AVERAGEIF'])
            r = self.range_()
            if self.last_range_numtext:
                self.features.add('numtext_crit')
            crit = self.criteria()
            return '%s(%s,%s)' % (fn, r, crit), False
        if k == 14:
            fn = rng.choice(['LARGE', 'SMALL'])
            return '%s(%s,%d)' % (fn, self.range_(), rng.randint(0, 4)), False
        if k == 15:
            return 'VALUE(%s)' % self.text(d + 1)[0], False
        if k == 16:
            return 'SUMPRODUCT(%s)' % self.range_(), False
        if k == 17:
            n = rng.randint(1, 3)
            opts = [self.num(d + 1) for _ in range(n)]
            return 'CHOOSE(%d,%s)' % (rng.randint(1, n), ','.join(o[0] for o in opts)), \
                any(o[1] for o in opts)
        if k == 18:
            fn = rng.choice(['STDEV.S', 'STDEV.P', 'VAR.S', 'VAR.P'])
            return '%s(%s)' % (fn, self.range_()), False
        if k == 19:
            return '(%s+0)' % self.any_(d + 1)[0], False
        if k == 20:
            r = self.range_()
            col = r.split('!')[1][0]
            r = 'R!%s%s:%s%s' % (col, r.split(':')[0][3:], col, r.split(':')[1][1:])
            return 'INDEX(%s,%d)' % (r, rng.randint(1, 3)), False
        if k == 21:
            a, ab = self.criteria_ref()     # Excel: an empty lookup value is #N/A
            r = self.range_()
            if ab or 'bool_in_range' in self.features:
                self.features.add('bool_compare')
            return 'MATCH(%s,%s,0)' % (a, r), False
        if k == 22:
            return '%s%%' % self.num(d + 1)[0], False
        return 'ERROR.TYPE(%s)' % self.any_(d + 1)[0], False

    def criteria(self):
        rng = self.rng
        k = rng.randrange(5)
        if k == 0:
            return str(rng.choice([0, 1, 2, 3, -1]))
        if k == 1:
            return '"%s%s"' % (rng.choice(['>', '<', '>=', '<=', '<>', '=']),
                               rng.choice([0, 1, 2, 5]))
        if k == 2:
            return '"%s"' % rng.choice(['a', 'A', 'a*', '?', '*p*', '', '<>', '='])
        if k == 3:
            return '"%s"' % rng.choice(['3', '2.5', '>a', '<b'])
        return self.criteria_ref()[0]

    def criteria_ref(self):
        """A reference to a cell that is not blank (and whether it holds a
        boolean): an empty criteria or lookup cell is left out."""
        rng = self.rng
        while True:
            col = rng.choice(CLEAN_COLS + ANY_COLS)
            row = rng.randint(1, ROWS)
            cell = self.grid[(col, row)]
            if cell.kind != 'blank':
                break
        if cell.kind == 'bool':
            self.features.add('bool_compare')
        if cell.kind == 'text' and cell.value.strip().upper() == 'TRUE':
            self.features.add('truetext')
        self.note_errors([cell])
        return 'R!%s%d' % (col, row), cell.kind == 'bool'

    def text(self, d=0):
        rng = self.rng
        if d >= MAX_DEPTH or rng.random() < 0.3:
            if rng.random() < 0.5:
                r, b = self.ref()
                if b:
                    self.features.add('bool_text')
                return r, False
            w = rng.choice(WORDS)
            if w == 'TRUE':
                self.features.add('truetext')
            return '"%s"' % w, False
        k = rng.randrange(9)
        if k == 0:
            a, ab = self.any_(d + 1)
            b, bb = self.any_(d + 1)
            if ab or bb:
                self.features.add('bool_text')
            return '(%s&%s)' % (a, b), False
        if k == 1:
            fn = rng.choice(['LEFT', 'RIGHT'])
            a, _ = self.text(d + 1)
            return '%s(%s,%s)' % (fn, a, rng.choice(['0', '1', '2', '5', self.num(d + 1)[0]])), False
        if k == 2:
            a, _ = self.text(d + 1)
            return 'MID(%s,%d,%d)' % (a, rng.randint(1, 4), rng.randint(0, 3)), False
        if k == 3:
            fn = rng.choice(['UPPER', 'LOWER', 'PROPER', 'TRIM'])
            a, _ = self.text(d + 1)
            return '%s(%s)' % (fn, a), False
        if k == 4:
            a, _ = self.text(d + 1)
            return 'SUBSTITUTE(%s,"%s","%s")' % (a, rng.choice(['a', 'p', ' ']),
                                                 rng.choice(['', 'Z', 'aa'])), False
        if k == 5:
            a, _ = self.text(d + 1)
            return 'REPT(%s,%d)' % (a, rng.randint(0, 3)), False
        if k == 6:
            a, ab = self.num(d + 1)
            if ab:
                self.features.add('bool_text')
            return 'TEXT(%s,"%s")' % (a, rng.choice(['0', '0.00', '#,##0', '0.0%'])), False
        if k == 7:
            args = [self.any_(d + 1) for _ in range(rng.randint(1, 3))]
            if any(a[1] for a in args):
                self.features.add('bool_text')
            return 'CONCATENATE(%s)' % ','.join(a[0] for a in args), False
        c, _ = self.boolean(d + 1)
        a, _ = self.text(d + 1)
        b, _ = self.text(d + 1)
        return 'IF(%s,%s,%s)' % (c, a, b), False

    def boolean(self, d=0):
        rng = self.rng
        if d >= MAX_DEPTH or rng.random() < 0.2:
            return rng.choice(['TRUE', 'FALSE']), True
        k = rng.randrange(5)
        if k <= 1:
            a, ab = self.any_(d + 1)
            b, bb = self.any_(d + 1)
            if ab or bb:
                self.features.add('bool_compare')
            return '(%s%s%s)' % (a, rng.choice(['=', '<>', '<', '>', '<=', '>=']), b), True
        if k == 2:
            fn = rng.choice(['AND', 'OR', 'XOR'])
            args = [self.boolean(d + 1)[0] if rng.random() < 0.6 else self.range_()
                    for _ in range(rng.randint(1, 3))]
            return '%s(%s)' % (fn, ','.join(args)), True
        if k == 3:
            return 'NOT(%s)' % self.boolean(d + 1)[0], True
        fn = rng.choice(['ISNUMBER', 'ISTEXT', 'ISBLANK', 'ISERROR', 'ISNA', 'ISLOGICAL'])
        a, ab = self.any_(d + 1)
        if ab and fn in ('ISNUMBER', 'ISLOGICAL'):
            self.features.add('bool_is')
        return '%s(%s)' % (fn, a), True

    def any_(self, d=0):
        k = self.rng.randrange(4)
        if k == 0:
            return self.ref()
        if k == 1:
            return self.num(d)
        if k == 2:
            return self.text(d)
        return self.boolean(d)


def _numeric(s):
    try:
        float(s)
        return True
    except (TypeError, ValueError):
        return False


class Case:
    def __init__(self, formula, features):
        self.formula = formula
        self.features = features
        self.vs = None
        self.lo = None


def generate(seed, n):
    """(grid, cases) for SEED: the same seed gives the same formulas."""
    rng = random.Random(seed)
    grid = {}
    for col in CLEAN_COLS + ANY_COLS:
        for row in range(1, ROWS + 1):
            grid[(col, row)] = random_cell(rng, col in ANY_COLS)
    cases = []
    seen = set()
    while len(cases) < n:
        g = Gen(rng, grid)
        top = rng.choice([g.num, g.num, g.text, g.boolean])
        f, _ = top()
        if f in seen or not any(ch in f for ch in '(+-*/&'):
            continue
        seen.add(f)
        cases.append(Case(f, g.features))
    return grid, cases


def model_lines(grid, cases):
    lines = ['sheet R']
    for (col, row), c in sorted(grid.items()):
        if c.text is not None:
            lines.append('%s%d = %s' % (col, row, c.text))
    return lines + common.formula_rows([c.formula for c in cases], sheet='F')


def main():
    if len(sys.argv) < 3 or len(sys.argv) > 5:
        sys.exit('usage: differential.py VALSHEET_BIN OUTDIR [N [SEED]]')
    vs, outdir = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    seed = int(os.environ.get('DIFF_SEED') or (sys.argv[4] if len(sys.argv) > 4 else 3))
    import corpus
    slugs = corpus.doc_slugs()
    missing = [r for r in known_differences.RULES if r[1] not in slugs]
    if missing:
        print('known_differences.py: no section %r in docs/excel-vs-libreoffice.md'
              % missing[0][1])
        print('TESTS 0 1')
        sys.exit(1)
    grid, cases = generate(seed, n)
    os.makedirs(outdir, exist_ok=True)
    model = os.path.join(outdir, 'differential.vsheet')
    common.write_model(model, model_lines(grid, cases))

    values = common.engine_eval(vs, model)
    version, sheets = common.libreoffice_eval(vs, model, outdir)
    lo = common.libreoffice_values(sheets.get('F', []), len(cases))
    excused = {}
    problems = []
    for i, c in enumerate(cases):
        c.vs = values.get('F!A%d' % (i + 1), 0)
        c.lo = lo[i]
        if common.same(c.vs, c.lo):
            continue
        why = known_differences.explain(c)
        if why:
            excused[why] = excused.get(why, 0) + 1
            continue
        problems.append('F!A%d = %s: valsheet %s, LibreOffice %s'
                        % (i + 1, c.formula, common.show(c.vs), common.show(c.lo)))
    print('seed %d, %d formulas, LibreOffice %s; model: %s' % (seed, n, version, model))
    for (name, section), k in sorted(excused.items(), key=lambda x: -x[1]):
        print('excused %5d  %s (docs/excel-vs-libreoffice.md#%s)' % (k, name, section))
    show = int(os.environ.get('DIFF_SHOW', 40))
    for p in problems[:show]:
        print(p)
    if len(problems) > show:
        print('... and %d more' % (len(problems) - show))
    print('TESTS %d %d' % (n - len(problems), len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
