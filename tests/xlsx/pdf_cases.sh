#!/bin/sh
# tests/xlsx/pdf_cases.sh VALSHEET_BIN OUTDIR: what a manager sees in the
# licensing workbook.  Builds examples/licensing.vsheet, prints it to PDF
# through tests/xlsx/pdf.py and checks that the key results appear as the
# number formats chosen in the model render them.  The strings come from
# DOMAIN.md section 4 (and tests/golden/verify_licensing.py), formatted by
# hand with those formats, not from valsheet's output:
#   Inputs   "0.0%"     BIO 2021 rates 52.0% 28.9% 57.8% 90.6%, P(preclinical)
#                       60.0% shared and 40.0% company view, rate 10.0%
#   Project  "0.00%"    LOA from Phase I 7.87%, with preclinical 4.72%
#            "#,##0.000" project rNPV 8.589, company view 4.209
#   Deals    "0.000"    upfront of B 1.061, licensor rNPVs 5.000, licensee
#                       rNPVs 3.589, company's cost of B 3.687, licensee
#                       rNPVs in the company's view -0.791 and 0.522
#            "0%"       guaranteed part of B 21% (A: 100%)
#            "0.00"     if Phase I fails: licensee -12.70 / -9.18,
#                       licensor 5.00 / 1.47
#            text       the company's decisions: reject (A), accept (B)
# Exit status 0 when every string is shown (and no "###"), else 1.
set -u
if [ $# -ne 2 ]; then
    echo "usage: sh tests/xlsx/pdf_cases.sh VALSHEET_BIN OUTDIR" >&2
    exit 2
fi
exec /usr/bin/python3 tests/xlsx/pdf.py "$1" examples/licensing.vsheet "$2" \
    "52.0%" "28.9%" "57.8%" "90.6%" "60.0%" "40.0%" "10.0%" \
    "7.87%" "4.72%" \
    "8.589" "4.209" \
    "1.061" "5.000" "3.589" "21%" "100%" \
    "-12.70" "-9.18" "5.00" "1.47" \
    "3.687" "-0.791" "0.522" \
    "reject" "accept"
