#!/usr/bin/python3
"""tests/ci_recipe.py BIN TMP: examples/ci/valsheet.yml is valid YAML, every
run step is valid bash, and the steps that need no GitHub (list the models,
fmt --check when this valsheet has fmt, check, build) pass on examples/
with BIN first on PATH (npv_irr, which shows an error value on purpose, left
out); the build step must leave one workbook per model.
Prints "TESTS passed failed" last."""
import os
import shutil
import subprocess
import sys

import yaml

BIN, TMP = os.path.abspath(sys.argv[1]), os.path.join(sys.argv[2], "ci")
shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(os.path.join(TMP, "bin"))
os.symlink(BIN, os.path.join(TMP, "bin", "valsheet"))
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL", name, detail)


wf = yaml.safe_load(open("examples/ci/valsheet.yml"))
steps = wf["jobs"]["models"]["steps"]
check("workflow has triggers", "pull_request" in wf[True] and "push" in wf[True])
for st in steps:
    if "run" in st:
        r = subprocess.run(["bash", "-n"], input=st["run"], text=True, capture_output=True)
        check("bash -n: " + st.get("name", "?"), r.returncode == 0, r.stderr)

usage = subprocess.run([BIN, "--help"], capture_output=True, text=True).stdout
has_fmt = "valsheet fmt" in usage
env = dict(os.environ, PATH=os.path.join(TMP, "bin") + ":" + os.environ["PATH"],
           RUNNER_TEMP=TMP, MODELS_DIR="examples")
work = os.path.join(TMP, "work")
os.makedirs(work)
shutil.copytree("examples", os.path.join(work, "examples"))
# npv_irr shows a #DIV/0! on purpose, which the --strict build refuses.
os.remove(os.path.join(work, "examples", "npv_irr.vsheet"))
wanted = ["List the models", "Check (parse, names, circular references)",
          "Build the workbooks (--strict fails on any error value)"]
if has_fmt:
    wanted.insert(1, "Formatted (valsheet fmt --check)")
else:
    print("note: this valsheet has no fmt command yet; the fmt --check step is not run")
for st in steps:
    if st.get("name") in wanted:
        r = subprocess.run(["bash", "-e", "-c", st["run"]], cwd=work, env=env, text=True,
                           capture_output=True)
        check("step: " + st["name"], r.returncode == 0, r.stdout + r.stderr)
models = open(os.path.join(TMP, "models")).read().split()
check("models listed, shared/ left out",
      "examples/include.vsheet" in models and
      not any("/shared/" in m for m in models), models)
built = sorted(os.listdir(os.path.join(work, "out")))
check("one workbook per model", len(built) == len(models) and
      "examples_include.xlsx" in built, built)
print("TESTS %d %d" % (passed, failed))
sys.exit(1 if failed else 0)
