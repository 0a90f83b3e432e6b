#!/bin/sh
# tests/editors.sh BUILD SKIPFILE: the editor grammars. Vim's syntax file
# is checked at chosen pieces of editors/vscode/test/reference.vsheet; the
# TextMate grammar runs under vscode-tmgrammar-test (installed from npm
# into BUILD/node on first use) against the scope assertions of that file,
# then over every example (editors/vscode/test/examples.js). A tool that
# cannot be had (no vim, no network to npm) is skipped with a line in
# SKIPFILE, not failed. Prints "TESTS passed failed" last.
set -u
BUILD=${1:-build}
SKIP=${2:-/dev/stderr}
ROOT=$(pwd)
p=0
f=0

if command -v vim > /dev/null 2>&1; then
    out=$(mktemp)
    vim -Es -N -u NONE -i NONE -c 'set rtp^=editors/vim' -c 'filetype on' -c 'syntax on' \
        -c "let g:out='$out'" -c 'e editors/vscode/test/reference.vsheet' \
        -c 'source editors/vim/test/check.vim' < /dev/null > /dev/null 2>&1
    counts=$(tail -n 1 "$out" | sed -n 's/^TESTS \([0-9]*\) \([0-9]*\)$/\1 \2/p')
    if [ -n "$counts" ]; then
        set -- $counts
        p=$((p + $1))
        f=$((f + $2))
        grep '^FAIL' "$out"
    else
        f=$((f + 1))
        echo "FAIL vim: the syntax check did not run"
    fi
    rm -f "$out"
else
    echo "SKIP editors/vim: vim is not installed" >> "$SKIP"
fi

NM=$ROOT/$BUILD/node/node_modules
if [ ! -x "$NM/.bin/vscode-tmgrammar-test" ]; then
    mkdir -p "$BUILD/node"
    (cd "$BUILD/node" && timeout 300 npm install --no-audit --no-fund --no-save \
        --no-package-lock vscode-tmgrammar-test@0.1.3) > /dev/null 2>&1
fi
if [ -x "$NM/.bin/vscode-tmgrammar-test" ]; then
    if (cd editors/vscode && "$NM/.bin/vscode-tmgrammar-test" -c \
            -g syntaxes/vsheet.tmLanguage.json 'test/*.vsheet'); then
        p=$((p + 1))
    else
        f=$((f + 1))
        echo "FAIL textmate: scope assertions of editors/vscode/test/*.vsheet"
    fi
    if node editors/vscode/test/examples.js "$NM" editors/vscode/syntaxes/vsheet.tmLanguage.json \
            examples/*.vsheet examples/shared/*.vsheet; then
        p=$((p + 1))
    else
        f=$((f + 1))
        echo "FAIL textmate: the grammar over examples/"
    fi
else
    echo "SKIP editors/vscode: npm could not install vscode-tmgrammar-test 0.1.3 (no network access to the npm registry?)" >> "$SKIP"
fi

echo "TESTS $p $f"
[ "$f" -eq 0 ]
