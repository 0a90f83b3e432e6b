#!/bin/sh
# tests/golden.sh BIN TMP: examples/X.vsheet -> tests/golden/X.out (stdout
# of `valsheet eval`), tests/errors/Y.vsheet -> tests/golden/Y.err (stderr
# of `valsheet build` plus its exit status). A bad model must never leave
# an output file. Prints "TESTS passed failed".
BIN=$1
TMP=$2
p=0
f=0
for m in examples/*.vsheet; do
    n=$(basename "$m" .vsheet)
    if "$BIN" eval "$m" > "$TMP/$n.out" 2> "$TMP/$n.stderr" &&
       cmp -s "$TMP/$n.out" "tests/golden/$n.out"; then
        p=$((p + 1))
    else
        f=$((f + 1))
        echo "FAIL golden $m"
        diff "tests/golden/$n.out" "$TMP/$n.out" | head -20
        cat "$TMP/$n.stderr"
    fi
done
for m in tests/errors/*.vsheet; do
    n=$(basename "$m" .vsheet)
    out="$TMP/err-$n.xlsx"
    rm -f "$out"
    "$BIN" build "$m" -o "$out" > /dev/null 2> "$TMP/$n.err"
    echo "exit $?" >> "$TMP/$n.err"
    if [ -e "$out" ]; then
        f=$((f + 1))
        echo "FAIL $m: left an output file"
    elif cmp -s "$TMP/$n.err" "tests/golden/$n.err"; then
        p=$((p + 1))
    else
        f=$((f + 1))
        echo "FAIL errors $m"
        diff "tests/golden/$n.err" "$TMP/$n.err" | head -20
    fi
    if ls "$TMP"/.err-"$n".xlsx.* > /dev/null 2>&1; then
        f=$((f + 1))
        echo "FAIL $m: left a temporary file"
    fi
done
echo "TESTS $p $f"
[ "$f" -eq 0 ]
