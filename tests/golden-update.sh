#!/bin/sh
# tests/golden-update.sh: rewrites tests/golden/ from the current build.
# Review the diff before committing: goldens are only as good as that review.
BIN=${BUILD:-build}/bin/valsheet
for m in examples/*.vsheet; do
    n=$(basename "$m" .vsheet)
    "$BIN" eval "$m" > "tests/golden/$n.out"
done
for m in tests/errors/*.vsheet; do
    n=$(basename "$m" .vsheet)
    "$BIN" build "$m" -o /tmp/valsheet-golden-update.xlsx > /dev/null 2> "tests/golden/$n.err"
    echo "exit $?" >> "tests/golden/$n.err"
    rm -f /tmp/valsheet-golden-update.xlsx
done
echo "golden files rewritten; review with git diff tests/golden"
