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
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True      # no __pycache__ beside the scripts
import xlsxlib  # noqa: E402


def main():
    vs, model, outdir, expected = xlsxlib.args(
        'VALSHEET_BIN MODEL.vsheet OUTDIR [EXPECTED...]', extra=True)
    with open(model, encoding='utf-8') as f:
        for line in f:
            if line.startswith('# pdf-expect:'):
                expected.append(line[len('# pdf-expect:'):].strip())
    for tool in ('soffice', 'pdftotext'):
        if not shutil.which(tool):
            sys.exit('pdf.py: %s not found (libreoffice-calc-nogui, poppler-utils)' % tool)
    out = xlsxlib.build_xlsx(vs, model, outdir)
    profile = tempfile.mkdtemp(prefix='vs-pdf-profile-')
    try:
        xlsxlib.run(['soffice', '--headless', '-env:UserInstallation=file://' + profile,
                     '--convert-to', 'pdf', '--outdir', outdir, out], 'soffice --convert-to pdf')
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = os.path.join(outdir, 'x.pdf')
    if not os.path.exists(pdf):
        sys.exit('pdf.py: soffice wrote no %s' % pdf)
    text = xlsxlib.run(['pdftotext', '-layout', pdf, '-'], 'pdftotext')
    with open(os.path.join(outdir, 'x.txt'), 'w') as f:
        f.write(text)
    problems = []
    if '###' in text:
        lines = [ln.strip() for ln in text.splitlines() if '###' in ln]
        problems.append('"###" (column too narrow) in: %s' % ' | '.join(lines[:5]))
    for e in expected:
        if e not in text:
            problems.append('expected text %r not in the PDF' % e)
    xlsxlib.report('pdf.py: %s: see %s' % (model, os.path.join(outdir, 'x.txt')), problems,
                   most=None)
    print('ok %s: %d expected strings shown, no ###' % (model, len(expected)))


if __name__ == '__main__':
    main()
