#!/usr/bin/env python3
"""tests/man.py BIN: the man pages stay in step with the program.

- both pages render with groff -man -ww and print no warning;
- every command and every option that `valsheet --help` shows appears in
  man/valsheet.1 (so a new command or option fails here until documented);
- every statement keyword of engine/parse.c appears in bold in
  man/valsheet.5, and every section title of LANGUAGE.md (when the shared
  folder is beside the repository) is a subsection there.
Prints "TESTS passed failed" last.
"""
import os
import re
import subprocess
import sys

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def plain(roff):
    """Man source with font escapes and \\- undone, for word searches."""
    roff = re.sub(r"\\f[BIRP]", "", roff)
    return roff.replace("\\-", "-").replace("\\e", "\\")


def main():
    binary = sys.argv[1]
    for page in ("man/valsheet.1", "man/valsheet.5"):
        r = subprocess.run(["groff", "-man", "-ww", "-z", page],
                           capture_output=True, text=True)
        check(r.returncode == 0 and r.stderr == "",
              f"{page}: groff warnings: {r.stderr.strip()}")

    helptext = subprocess.run([binary, "--help"], capture_output=True,
                              text=True, check=True).stdout
    man1 = plain(open("man/valsheet.1", encoding="utf-8").read())
    commands = set(re.findall(r"^\s+(?:usage: )?valsheet ([a-z][a-z-]*)",
                              helptext, re.M))
    check(len(commands) >= 10, f"too few commands parsed: {commands}")
    for c in sorted(commands):
        check(re.search(r"^\.B " + re.escape(c) + r"$", man1, re.M),
              f"command '{c}' of --help is not a .B line in valsheet.1")
    options = set(re.findall(r"(?<![A-Za-z0-9-])(--?[a-z][a-z-]*)", helptext))
    check("--set" in options and "-o" in options, f"options parsed: {options}")
    for o in sorted(options):
        check(re.search(r"(?<![A-Za-z0-9-])" + re.escape(o) + r"(?![a-z-])", man1),
              f"option '{o}' of --help is missing from valsheet.1")

    version = subprocess.run([binary, "--version"], capture_output=True,
                             text=True).stdout.strip()
    man5 = open("man/valsheet.5", encoding="utf-8").read()
    for name, text in (("valsheet.1", man1), ("valsheet.5", man5)):
        check(f'"{version}"' in text, f"{name}: .TH does not name '{version}'")
    parse_c = open("engine/parse.c", encoding="utf-8").read()
    keywords = re.findall(r'\{"([a-z]+)", TK_KW_', parse_c)
    check(len(keywords) >= 10, f"keywords parsed: {keywords}")
    for k in keywords:
        check(re.search(r"^\.BR? " + k + r"\b", man5, re.M),
              f"keyword '{k}' is not in bold in valsheet.5")

    for lang in ("../shared/LANGUAGE.md", "/work/shared/LANGUAGE.md"):
        if os.path.exists(lang):
            titles = re.findall(r"^## \d+\. (.+)$", open(lang, encoding="utf-8").read(),
                                re.M)
            check(len(titles) >= 5, f"{lang}: section titles parsed: {titles}")
            for t in titles:
                check(("\n.SS " + t + "\n") in man5,
                      f"LANGUAGE.md section '{t}' is not a .SS in valsheet.5")
            break
    print(f"TESTS {passed} {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
