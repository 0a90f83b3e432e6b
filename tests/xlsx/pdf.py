#!/usr/bin/python3
"""pdf.py: checks what a reader of the exported workbook actually sees.

  /usr/bin/python3 tests/xlsx/pdf.py VALSHEET_BIN MODEL.vsheet OUTDIR [EXPECTED...]

Builds OUTDIR/x.xlsx, prints it to PDF with LibreOffice headless
(`soffice --convert-to pdf`, throw-away profile), extracts the text with
pdftotext and checks that every EXPECTED string (formatted text, such as
"3.589" or "12%") appears and that no "###" (a column too narrow for its
number) does. Lines of MODEL of the form "# pdf-expect: TEXT" add TEXT
(the rest of the line, trailing spaces removed) to the expected strings,
so a model can carry its own expectations. LibreOffice shows the cached values we wrote; it does not
recalculate here. Exits 0 with one "ok ..." line, or 1 with what is wrong.
"""
import os
import shutil
import subprocess
import sys
import tempfile


def run(cmd, what):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        sys.exit('pdf.py: %s failed (exit %d)' % (what, p.returncode))
    return p.stdout


def main():
    if len(sys.argv) < 4:
        sys.exit('usage: pdf.py VALSHEET_BIN MODEL.vsheet OUTDIR [EXPECTED...]')
    vs, model, outdir = sys.argv[1:4]
    expected = sys.argv[4:]
    with open(model, encoding='utf-8') as f:
        for line in f:
            if line.startswith('# pdf-expect:'):
                expected.append(line[len('# pdf-expect:'):].strip())
    for tool in ('soffice', 'pdftotext'):
        if not shutil.which(tool):
            sys.exit('pdf.py: %s not found (libreoffice-calc-nogui, poppler-utils)' % tool)
    os.makedirs(outdir, exist_ok=True)
    out = os.path.join(outdir, 'x.xlsx')
    run([vs, 'build', model, '-o', out], 'valsheet build')
    profile = tempfile.mkdtemp(prefix='vs-pdf-profile-')
    try:
        run(['soffice', '--headless', '-env:UserInstallation=file://' + profile,
             '--convert-to', 'pdf', '--outdir', outdir, out], 'soffice --convert-to pdf')
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = os.path.join(outdir, 'x.pdf')
    if not os.path.exists(pdf):
        sys.exit('pdf.py: soffice wrote no %s' % pdf)
    text = run(['pdftotext', '-layout', pdf, '-'], 'pdftotext')
    with open(os.path.join(outdir, 'x.txt'), 'w') as f:
        f.write(text)
    problems = []
    if '###' in text:
        lines = [ln.strip() for ln in text.splitlines() if '###' in ln]
        problems.append('"###" (column too narrow) in: %s' % ' | '.join(lines[:5]))
    for e in expected:
        if e not in text:
            problems.append('expected text %r not in the PDF' % e)
    if problems:
        print('pdf.py: %s: see %s' % (model, os.path.join(outdir, 'x.txt')))
        for p in problems:
            print('  ' + p)
        sys.exit(1)
    print('ok %s: %d expected strings shown, no ###' % (model, len(expected)))


if __name__ == '__main__':
    main()
