#!/bin/sh
# tests/run.sh: the whole suite behind `make check`. Each step is one or
# more tests; runners that count their own cases print "TESTS passed
# failed" as their last line. Ends with "N passed, N failed" and exits 1
# on any failure. BUILD selects the build tree (build or build/san).
set -u
BUILD=${BUILD:-build}
BIN=$BUILD/bin/valsheet
export VALSHEET=$BIN
export VS_BUILD_BIN="$PWD/$BUILD/bin"   # unit binaries cli.sh runs itself
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/valsheet-check.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
passed=0
failed=0
failures=""

# VALGRIND=1: every run of the command goes through memcheck; any error or
# definite leak makes that run exit 99, which fails its test.
if [ -n "${VALGRIND:-}" ]; then
    printf '#!/bin/sh\nexec valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 "%s" "$@"\n' \
        "$PWD/$BIN" > "$TMP/valsheet"
    chmod +x "$TMP/valsheet"
    BIN=$TMP/valsheet
    export VALSHEET=$BIN
fi
# LibreOffice's launcher runs itself under valgrind when VALGRIND is set:
# the scripts below see VS_VALGRIND instead.
if [ -n "${VALGRIND:-}" ]; then
    export VS_VALGRIND=1
fi
unset VALGRIND

# run NAME CMD...: one test, passing when CMD exits 0. Output is shown
# only on failure. A "TESTS p f" last line adds its counts instead.
run() {
    name=$1
    shift
    out=$("$@" 2>&1)
    rc=$?
    counts=$(printf '%s\n' "$out" | tail -n 1 | sed -n 's/^TESTS \([0-9]*\) \([0-9]*\)$/\1 \2/p')
    if [ -n "$counts" ]; then
        set -- $counts
        passed=$((passed + $1))
        failed=$((failed + $2))
        if [ "$2" -ne 0 ] || [ $rc -ne 0 ]; then
            [ "$2" -eq 0 ] && failed=$((failed + 1))
            failures="$failures $name"
            printf 'FAIL %s\n%s\n' "$name" "$out"
        else
            printf 'ok   %s (%s cases)\n' "$name" "$1"
        fi
        return
    fi
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1))
        printf 'ok   %s\n' "$name"
    else
        failed=$((failed + 1))
        failures="$failures $name"
        printf 'FAIL %s\n%s\n' "$name" "$out"
    fi
}

# Every header compiles on its own (STYLE.md §3).
run "check-headers" make --no-print-directory BUILD="$BUILD" check-headers

# Unit tests, one binary per module.
for t in "$BUILD"/bin/test_*; do
    [ -x "$t" ] || continue
    [ "$(basename "$t")" = test_locale ] && continue   # needs a locale: cli.sh
    run "unit/$(basename "$t")" "$t"
done

# Formula tables.
run "formulas" "$BUILD/bin/run_formulas" tests/formulas/*.test

# Golden: examples' values and bad inputs' exact diagnostics.
run "golden" sh tests/golden.sh "$BIN" "$TMP"

# The examples' golden values, recomputed independently in plain Python.
for v in tests/golden/verify_*.py; do
    [ -f "$v" ] || continue
    run "golden/$(basename "$v" .py)" $PY "$v"
done

# The documentation: every example runs as written, and docs/functions.md
# is what `valsheet functions --format markdown` generates (make docs).
run "docs/examples" $PY tests/doc_examples.py "$BIN"
run "docs/functions.md" sh -c "\"$BIN\" functions --format markdown | cmp - docs/functions.md"

# 600 mutated, hostile models: each succeeds or fails with a diagnostic;
# no crash, hang or sanitizer report.
# (Under valgrind, 60 of them: each run is 50 times slower there.)
run "hostile" $PY tests/hostile/hostile.py "$BIN" "$TMP/hostile" ${VS_VALGRIND:+60}

# Issue #3's proof. The conformance corpus: the engine against the values
# LibreOffice recorded in expected.json (or Excel's, where marked), then
# LibreOffice re-run on the same workbook to show the record still holds;
# the differential test: 10,000 random formulas, engine against LibreOffice.
run "conformance/corpus" $PY tests/conformance/corpus.py check "$BIN" "$TMP/corpus"
run "conformance/corpus-libreoffice" $PY tests/conformance/corpus.py oracle "$BIN" "$TMP/corpus-lo"
run "conformance/differential" $PY tests/conformance/differential.py "$BIN" "$TMP/differential"
# Install and embed: make install/uninstall into a DESTDIR, a C program
# built with pkg-config against it; the man pages in step with --help.
run "install" sh tests/install.sh "$TMP"
run "man" $PY tests/man.py "$BIN"
# Provenance and verify, colour, the JSON schema (docs/json.md).
run "conventions" $PY tests/conventions.py "$BIN" "$TMP/conventions"

# Command line behaviour (exit codes, --set, --strict, atomic output, ...).
run "cli" sh tests/cli.sh "$BIN" "$TMP"
run "decide" $PY tests/decide/decide.py "$BIN" "$TMP/decide"
run "simulate" $PY tests/simulate/simulate.py "$BIN" "$TMP/simulate"
run "xlsx/digits" $PY tests/xlsx/digits.py "$BIN" "$TMP/digits"
run "include" sh tests/include.sh "$BIN" "$TMP"
run "editors" sh tests/editors.sh "$BUILD" "$TMP/editors.skip"
[ -s "$TMP/editors.skip" ] && cat "$TMP/editors.skip"
run "ci-recipe" $PY tests/ci_recipe.py "$BIN" "$TMP"
# Text tooling: fmt (hand-written layouts, idempotence, same values) and diff.
run "fmt" $PY tests/fmt/fmt.py "$BIN" "$TMP/fmt"
run "diff" $PY tests/diff/diff.py "$BIN" "$TMP/diff"

# XLSX: read back with openpyxl, recalculated by LibreOffice, rendered.
for m in examples/*.vsheet tests/xlsx/models/*.vsheet; do
    [ -f "$m" ] || continue
    n=$(basename "$m" .vsheet)
    run "xlsx/readback/$n" $PY tests/xlsx/readback.py "$BIN" "$m" "$TMP/rb-$n"
    run "xlsx/oracle/$n" $PY tests/xlsx/oracle.py "$BIN" "$m" "$TMP/or-$n"
done
# Rendered by LibreOffice to PDF: the licensing story's key results as a
# manager sees them; every other model's "# pdf-expect:" lines; no "###".
run "xlsx/pdf/licensing" sh tests/xlsx/pdf_cases.sh "$BIN" "$TMP/pdf"
for m in examples/*.vsheet tests/xlsx/models/*.vsheet; do
    n=$(basename "$m" .vsheet)
    [ "$n" = licensing ] && continue
    run "xlsx/pdf/$n" $PY tests/xlsx/pdf.py "$BIN" "$m" "$TMP/pdf-$n"
done

echo
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
