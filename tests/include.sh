#!/bin/sh
# tests/include.sh BIN TMP: include, import csv and watch as a user meets
# them. Expected values are worked out by hand from the files written
# below. Prints "TESTS passed failed" last; exits 1 on any failure.
set -u
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
T=$2/include
rm -rf "$T"
mkdir -p "$T"
p=0
f=0
pass() { p=$((p + 1)); }
fail() {
    f=$((f + 1))
    echo "FAIL $*"
    [ -s "$T/err" ] && head -n 8 "$T/err" | sed 's/^/    /'
}
run() {
    "$@" > "$T/stdout" 2> "$T/err"
    rc=$?
}
# expect NAME WANT: stdout equals WANT exactly.
expect() {
    if [ "$rc" -eq 0 ] && [ "$(cat "$T/stdout")" = "$2" ]; then
        pass
    else
        fail "$1: exit $rc, got:"
        sed 's/^/    /' "$T/stdout"
    fi
}
# expect_err NAME PATTERN: exit 1 and stderr matches PATTERN (grep -E).
expect_err() {
    if [ "$rc" -eq 1 ] && grep -Eq "$2" "$T/err"; then
        pass
    else
        fail "$1: exit $rc, stderr lacks /$2/"
    fi
}

# ---- include: sheets, relative paths, any working directory
mkdir -p "$T/m/parts"
cat > "$T/m/main.vsheet" <<'M'
sheet A
A1 = 1
include "parts/p.vsheet"
A2 = A1 + B!B1 + C1
M
cat > "$T/m/parts/p.vsheet" <<'M'
C1 = 10
sheet B
B1 = 100
include "q.vsheet"
M
printf 'B2 = 1000\n' > "$T/m/parts/q.vsheet"
# C1 lands on A (the includer's sheet), B1 and q's B2 on B; A2 is on A
# again after the include: 1 + 100 + 10 = 111.
run "$BIN" eval "$T/m/main.vsheet" A!A2 A!C1 B!B2 A!B1
expect "include sheets" 'A!A2 = 111
A!C1 = 10
B!B2 = 1000
A!B1 = (empty)'
(cd "$T/m/parts" && "$BIN" eval ../main.vsheet A!A2 > "$T/stdout" 2> "$T/err")
rc=$?
expect "include from another directory" 'A!A2 = 111'

# ---- include: nesting limit (the model plus 32 included files is fine)
mkdir -p "$T/deep"
i=0
while [ $i -le 33 ]; do
    printf 'include "d%d.vsheet"\n' $((i + 1)) > "$T/deep/d$i.vsheet"
    i=$((i + 1))
done
printf 'sheet S\nA1 = 7\n' > "$T/deep/d33.vsheet"
cp "$T/deep/d33.vsheet" "$T/deep/d32ok.vsheet"
sed 's/d32/d32ok/' "$T/deep/d31.vsheet" > "$T/deep/d31ok.vsheet"
sed 's/d31/d31ok/' "$T/deep/d30.vsheet" > "$T/deep/d30.vsheet.new"
mv "$T/deep/d30.vsheet.new" "$T/deep/d30.vsheet"
# d0 -> ... -> d30 -> d31ok -> d32ok: 32 included files.
run "$BIN" eval "$T/deep/d0.vsheet" S!A1
expect "32 nested includes" 'S!A1 = 7'
sed 's/d31ok/d31/' "$T/deep/d30.vsheet" > "$T/deep/d30.vsheet.new"
mv "$T/deep/d30.vsheet.new" "$T/deep/d30.vsheet"
run "$BIN" eval "$T/deep/d0.vsheet" S!A1
expect_err "33 nested includes" 'd32\.vsheet:1:9: error: includes nest more than 32 files deep'
printf 'include "self.vsheet"\n' > "$T/deep/self.vsheet"
run "$BIN" check "$T/deep/self.vsheet"
expect_err "self include" 'include cycle: .*self\.vsheet -> .*self\.vsheet'

# ---- include: simulate's worker threads re-read included files
mkdir -p "$T/sim/parts"
cat > "$T/sim/parts/dist.vsheet" <<'M'
A1 = NORMAL(10, 2)
A2 = UNIFORM(2, 6)
M
printf 'sheet S\ninclude "parts/dist.vsheet"\nA3 = A1 * A2\noutputs A3\n' > "$T/sim/main.vsheet"
printf 'sheet S\nA1 = NORMAL(10, 2)\nA2 = UNIFORM(2, 6)\nA3 = A1 * A2\noutputs A3\n' \
    > "$T/sim/inline.vsheet"
(cd "$T" && "$BIN" simulate sim/inline.vsheet --trials 2000 --seed 3 --threads 1 \
    > "$T/sim1" 2> "$T/err")
(cd / && "$BIN" simulate "$T/sim/main.vsheet" --trials 2000 --seed 3 --threads 3 \
    > "$T/sim3" 2> "$T/err")
rc=$?
if [ $rc -eq 0 ] && [ -s "$T/sim1" ] && cmp -s "$T/sim1" "$T/sim3"; then
    pass
else
    fail "simulate with includes, 3 threads, differs from the inlined model (exit $rc)"
fi

# ---- import csv: numbers, text, header, LF, empty fields, quoting
mkdir -p "$T/csv/in"
printf '2024,2025,label\n"007", -1.5e3 ,1.2.3\n\n,"x,y",50%%\n4,"1,234",\n' \
    > "$T/csv/in/a.csv"
printf 'sheet Data\nimport csv "in/a.csv" at B2 header\nimport csv "in/a.csv" at F2\n' \
    > "$T/csv/m.vsheet"
run "$BIN" eval "$T/csv/m.vsheet"
expect "import csv" 'Data!B2 = "2024"
Data!C2 = "2025"
Data!D2 = "label"
Data!F2 = 2024
Data!G2 = 2025
Data!H2 = "label"
Data!B3 = 7
Data!C3 = -1500
Data!D3 = "1.2.3"
Data!F3 = 7
Data!G3 = -1500
Data!H3 = "1.2.3"
Data!C5 = "x,y"
Data!D5 = 0.5
Data!G5 = "x,y"
Data!H5 = 0.5
Data!B6 = 4
Data!C6 = 1234
Data!F6 = 4
Data!G6 = 1234'
printf 'a,b\n' > "$T/csv/in/two.csv"
printf 'import csv "in/two.csv" at XFD1\n' > "$T/csv/wide.vsheet"
run "$BIN" check "$T/csv/wide.vsheet"
expect_err "import past column XFD" "two\.csv:1:3: error: this field would land beyond Excel's last column \(16384\)"
printf 'a\nb\n' > "$T/csv/in/tall.csv"
printf 'import csv "in/tall.csv" at A1048576\n' > "$T/csv/tall.vsheet"
run "$BIN" check "$T/csv/tall.vsheet"
expect_err "import past row 1048576" "tall\.csv:2:1: error: this field would land beyond Excel's last row \(1048576\)"

printf 'x,y\n"a"b,c\n' > "$T/csv/in/after.csv"
printf 'import csv "in/after.csv" at A1\n' > "$T/csv/after.vsheet"
run "$BIN" check "$T/csv/after.vsheet"
expect_err "text after a closing quote" "after\.csv:2:4: error: unexpected 'b' after a closing quote"
printf 'include "/dev/zero"\n' > "$T/csv/dev.vsheet"
run "$BIN" check "$T/csv/dev.vsheet"
expect_err "a device is not included" "dev\.vsheet:1:9: error: cannot read included file '/dev/zero': not a regular file"

# ---- watch: rebuilds on a change of an included file, reports errors,
# keeps the last good workbook, stops on SIGTERM.
W=$T/w
mkdir -p "$W/parts" "$W/out"
printf 'sheet S\ninclude "parts/r.vsheet"\nA2 = A1 * 2\n' > "$W/m.vsheet"
printf 'A1 = 21\n' > "$W/parts/r.vsheet"
"$BIN" watch "$W/m.vsheet" -o "$W/out/m.xlsx" > "$W/log" 2>&1 &
wpid=$!
# wait_for N PATTERN: the log has N lines matching PATTERN within 10 s.
wait_for() {
    k=0
    while [ $k -lt 100 ]; do
        [ "$(grep -Ec "$2" "$W/log")" -ge "$1" ] && return 0
        sleep 0.1
        k=$((k + 1))
    done
    return 1
}
if wait_for 1 '^built .*out/m\.xlsx in [0-9]+\.[0-9][0-9] s$'; then pass; else fail "watch: first build"; fi
printf 'A1 = 50\n' > "$W/parts/r.vsheet.tmp"
mv "$W/parts/r.vsheet.tmp" "$W/parts/r.vsheet"   # as editors save
if wait_for 1 '^rebuilt .*out/m\.xlsx in [0-9]+\.[0-9][0-9] s$'; then pass; else fail "watch: rebuild after an include changed"; fi
printf 'A1 = (\n' > "$W/parts/r.vsheet"
if wait_for 1 '^build failed' && grep -q 'r\.vsheet:1:6: error' "$W/log"; then pass; else fail "watch: diagnostics of a broken include"; fi
touch "$W/out/unrelated"
printf 'A1 = 4\n' > "$W/parts/r.vsheet"
if wait_for 2 '^rebuilt '; then pass; else fail "watch: rebuild after the fix"; fi
kill -TERM $wpid
wait $wpid
wrc=$?
if [ $wrc -eq 0 ]; then pass; else fail "watch: exit $wrc after SIGTERM"; fi
if [ "$(grep -c '^rebuilt' "$W/log")" -eq 2 ]; then pass; else fail "watch: rebuilt on an unrelated file"; cat "$W/log"; fi
# The workbook is the last good build: A2 = 4 * 2.
if /usr/bin/python3 -c "
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
sys.exit(0 if wb['S']['A2'].value == '=A1*2' and wb['S']['A1'].value == 4 else 1)
" "$W/out/m.xlsx"; then pass; else fail "watch: workbook is not the last good build"; fi
if [ "$(ls -A "$W/out")" = "$(printf 'm.xlsx\nunrelated')" ]; then pass; else fail "watch: stray files in the output directory: $(ls -A "$W/out")"; fi

echo "TESTS $p $f"
[ "$f" -eq 0 ]
