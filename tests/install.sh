#!/bin/sh
# tests/install.sh TMP: `make install` into a temporary DESTDIR, then a C
# program built against it with pkg-config alone (examples/embed.c, linked
# to the shared library and, separately, to the static one), run and its
# output compared with values worked out by hand; then `make uninstall`
# leaves no file behind. BUILD and SAN select the build tree, as for
# run.sh. Prints "TESTS passed failed" last.
set -u
TMP=$1
BUILD=${BUILD:-build}
D=$TMP/destdir
P=/usr
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*"; }
check() { what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

rm -rf "$D"
mkdir -p "$D"
if ! make --no-print-directory -s BUILD="$BUILD" SAN="${SAN:-}" DESTDIR="$D" PREFIX=$P \
        install > "$TMP/install.log" 2>&1; then
    cat "$TMP/install.log"
    bad "make install"
    echo "TESTS $passed $failed"
    exit 1
fi
for f in bin/valsheet lib/libvalsheet.a lib/libvalsheet.so lib/libvalsheet.so.0 \
         include/valsheet.h lib/pkgconfig/valsheet.pc share/man/man1/valsheet.1 \
         share/man/man5/valsheet.5; do
    check "installed $P/$f" test -e "$D$P/$f"
done
check "installed binary runs" sh -c "'$D$P/bin/valsheet' --version | grep -q '^valsheet [0-9]'"
check "installed man page renders" sh -c "man -l '$D$P/share/man/man1/valsheet.1' >/dev/null 2>&1"

# The public header stands alone: no libxlsxwriter (or other engine) type.
check "valsheet.h names no libxlsxwriter type" sh -c "! grep -n 'lxw_\|xlsxwriter' '$D$P/include/valsheet.h'"
# The CLI and the example use only the public header plus libc.
# The command's own modules (engine/cli*.c: cli.c and the watch loop) may
# include each other's cli_*.h headers, nothing else of the engine.
for c in engine/cli*.c examples/embed.c; do
    check "$c includes only valsheet.h" sh -c \
        "! grep '^#include' $c | grep -v '<valsheet.h>\|\"valsheet.h\"\|\"cli_[a-z]*\.h\"\|<[a-z/]*\.h>'"
done

export PKG_CONFIG_PATH="$D$P/lib/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$D"
san=
[ -n "${SAN:-}" ] && san="-fsanitize=address,undefined"
flags=$(pkg-config --cflags --libs valsheet) || bad "pkg-config valsheet"
check "pkg-config points into DESTDIR" sh -c "echo '$flags' | grep -q -- '-I$D$P/include'"
cat > "$TMP/expected" <<'OUT'
library 0.1.0, header 0.1.0
revenue 2000, profit 500
units=24: revenue 2400, profit 600, 2 cells recalculated
export embed.xlsx: success
broken: error in the model, 2 errors
  broken.vsheet:2:6: error: unknown function 'SUMM'; did you mean 'SUM'?
  broken.vsheet:3:6: error: unknown function 'AVERAGEE'; did you mean 'AVERAGE'?
OUT
# Shared: rpath into DESTDIR (the installed library is not on the loader's
# path); the binary must really load it from there.
if cc -std=c11 -Wall -Wextra -Werror $san -o "$TMP/embed" examples/embed.c $flags \
        -Wl,-rpath,"$D$P/lib" 2> "$TMP/cc.log"; then
    ok
    check "embed loads the installed libvalsheet.so" sh -c \
        "ldd '$TMP/embed' | grep -q 'libvalsheet.so.0 => $D$P/lib/libvalsheet.so.0'"
    (cd "$TMP" && ./embed embed.xlsx > embed.out 2>&1)
    check "embed (shared) runs as expected" diff "$TMP/expected" "$TMP/embed.out"
    check "embed wrote a workbook" sh -c "head -c 2 '$TMP/embed.xlsx' | grep -q PK"
else
    cat "$TMP/cc.log"
    bad "cc embed.c \$(pkg-config --cflags --libs valsheet)"
fi
# Static: the same program from libvalsheet.a with pkg-config --static.
sflags=$(pkg-config --static --cflags --libs valsheet | sed 's/-lvalsheet/-l:libvalsheet.a/')
if cc -std=c11 -Wall -Wextra -Werror $san -o "$TMP/embed-static" examples/embed.c \
        $sflags 2> "$TMP/cc.log"; then
    ok
    check "static embed has no libvalsheet.so" sh -c "! ldd '$TMP/embed-static' | grep -q valsheet"
    (cd "$TMP" && ./embed-static embed.xlsx > embed-static.out 2>&1)
    check "embed (static) runs as expected" diff "$TMP/expected" "$TMP/embed-static.out"
else
    cat "$TMP/cc.log"
    bad "cc embed.c \$(pkg-config --static ...)"
fi

make --no-print-directory -s BUILD="$BUILD" SAN="${SAN:-}" DESTDIR="$D" PREFIX=$P \
    uninstall > "$TMP/uninstall.log" 2>&1
check "make uninstall" test $? -eq 0
left=$(find "$D" ! -type d)
check "nothing left after uninstall: $left" test -z "$left"
echo "TESTS $passed $failed"
[ "$failed" -eq 0 ]
