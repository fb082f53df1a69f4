"""Mutation testing of the data layer, the directive and the card layout.

Runs mutmut on a copy of the working tree, so the checkout is never touched,
then prints the score and every surviving mutant by module and line::

    python scripts/mutation.py                      # the defaults in pyproject.toml
    python scripts/mutation.py --modules 'src/sphinx_readinglist/data/urls.py' \
        --tests tests/test_loader.py

The defaults (which modules to mutate, which tests to run) are the
``[tool.mutmut]`` table of pyproject.toml. Too slow for CI; see
CONTRIBUTING.md, "Mutation testing".
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: Not copied: history, caches, builds and a previous run's mutants.
_IGNORED = shutil.ignore_patterns(
    ".git",
    "mutants",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    "_build",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    "_runs",
)

#: mutmut's exit codes, as ``mutmut.stats.status_by_exit_code`` reads them.
_STATUS = {
    0: "survived",
    1: "killed",
    3: "killed",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    36: "timeout",
    37: "caught by type check",
    # stopped on its CPU-time limit (SIGXCPU), as a mutant that loops forever
    -24: "timeout",
    24: "timeout",
    152: "timeout",
    255: "timeout",
    None: "not checked",
}
_KILLED = {"killed", "timeout", "caught by type check"}


def main(argv: list[str] | None = None) -> int:
    defaults = _defaults()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--modules",
        nargs="+",
        default=defaults["only_mutate"],
        metavar="GLOB",
        help="source files to mutate, as globs from the repository root "
        "(default: only_mutate in pyproject.toml)",
    )
    parser.add_argument(
        "--tests",
        nargs="+",
        default=defaults["pytest_add_cli_args_test_selection"],
        metavar="TEST",
        help="pytest arguments choosing the tests to run "
        "(default: pytest_add_cli_args_test_selection in pyproject.toml)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="mutants tested in parallel (default: the number of CPUs)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the copy, to look at a mutant with 'mutmut show NAME' there",
    )
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="readinglist-mutation-"))
    try:
        copy = work / "repo"
        shutil.copytree(REPO, copy, ignore=_IGNORED)
        _configure(copy / "pyproject.toml", args.modules, args.tests)
        started = time.monotonic()
        code = _run_mutmut(copy, args.jobs)
        elapsed = time.monotonic() - started
        if code != 0:
            print(f"mutmut failed (exit code {code})", file=sys.stderr)
            return code
        print()
        _report(copy, elapsed)
    finally:
        if args.keep:
            print(f"\nthe copy is kept in {copy}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _defaults() -> dict[str, list[str]]:
    with (REPO / "pyproject.toml").open("rb") as file:
        table = tomllib.load(file)["tool"]["mutmut"]
    return {
        "only_mutate": table.get("only_mutate", []),
        "pytest_add_cli_args_test_selection": table.get(
            "pytest_add_cli_args_test_selection", []
        ),
    }


def _configure(pyproject: Path, modules: list[str], tests: list[str]) -> None:
    """Replace the copy's ``[tool.mutmut]`` table with one for this run."""
    text = pyproject.read_text(encoding="utf-8")
    table = tomllib.loads(text)["tool"]["mutmut"]
    kept: list[str] = []
    inside = False
    for line in text.splitlines():
        if line.startswith("["):
            inside = line.strip() == "[tool.mutmut]"
        if not inside:
            kept.append(line)
    table["only_mutate"] = modules
    table["pytest_add_cli_args_test_selection"] = tests
    # JSON strings, lists and booleans are TOML ones too.
    kept += ["", "[tool.mutmut]"]
    kept += [f"{key} = {json.dumps(value)}" for key, value in table.items()]
    pyproject.write_text("\n".join(kept) + "\n", encoding="utf-8")


def _run_mutmut(copy: Path, jobs: int) -> int:
    env = dict(os.environ)
    # mutmut puts mutants/src first on sys.path itself. PYTHONPATH must not
    # name mutants/src: that folder does not exist yet when Python starts, so
    # the import system caches "nothing here" for it, the installed package
    # is imported instead of the mutated copy, no test reaches a mutant, and
    # mutmut stops with "could not find any test case for any mutant".
    env.pop("PYTHONPATH", None)
    env.pop("MUTANT_UNDER_TEST", None)
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)]
    return subprocess.run(command, cwd=copy, env=env, check=False).returncode


def _report(copy: Path, elapsed: float) -> None:
    """Print the score per module and every surviving mutant."""
    os.chdir(copy)  # mutmut reads its configuration and mutants/ from here
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    by_module: dict[str, Counter[str]] = {}
    survivors: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for meta in sorted(Path("mutants").rglob("*.py.meta")):
        path = meta.relative_to("mutants").with_suffix("")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        counts = by_module.setdefault(str(path), Counter())
        for name, exit_code in codes.items():
            status = _STATUS.get(exit_code, "suspicious")
            counts[status] += 1
            if status in ("survived", "no tests"):
                diff = get_diff_for_mutant(name, path=path)
                line, change = _locate(path, name, diff)
                survivors[str(path)].append((line, change, status))

    total = Counter[str]()
    print(f"{'module':<50} {'killed':>7} {'total':>6} {'score':>6}")
    for module, counts in by_module.items():
        total.update(counts)
        _score_line(module, counts)
    _score_line("all", total)
    others = {k: v for k, v in total.items() if k not in ("killed", "survived")}
    if others:
        print("  of which " + ", ".join(f"{v} {k}" for k, v in sorted(others.items())))
    print(f"mutmut ran {elapsed / 60:.1f} minutes")

    for module, found in survivors.items():
        print(f"\n{module}")
        for line, change, status in sorted(found):
            note = "" if status == "survived" else f"  [{status}: no test runs it]"
            print(f"  {line:>4}: {change}{note}")


def _score_line(label: str, counts: Counter[str]) -> None:
    killed = sum(counts[status] for status in _KILLED)
    total = sum(counts.values())
    score = f"{100 * killed / total:.0f}%" if total else "-"
    print(f"{label:<50} {killed:>7} {total:>6} {score:>6}")


def _locate(path: Path, name: str, diff: str) -> tuple[int, str]:
    """The source line a mutant changes, and the change as ``old -> new``."""
    removed = [line[1:].strip() for line in diff.splitlines() if _is(line, "-")]
    added = [line[1:].strip() for line in diff.splitlines() if _is(line, "+")]
    change = " / ".join(removed) + "  ->  " + (" / ".join(added) or "(removed)")
    function = name.rpartition(".")[2].partition("__mutmut_")[0]
    method = function.split("ǁ")[-1] if "ǁ" in function else function[2:]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = path.read_text(encoding="utf-8").splitlines()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if node.name != method or node.end_lineno is None:
                continue
            # the diff compares the function's text alone: its first hunk
            # says where in the function the change is, which tells a
            # repeated statement from its twin
            offset = _first_removed(diff)
            number = node.lineno + offset if offset is not None else 0
            found = lines[number - 1].strip() if 0 < number <= len(lines) else None
            if removed and found == removed[0]:
                return number, change
            for number in range(node.lineno, node.end_lineno + 1):
                if removed and lines[number - 1].strip() == removed[0]:
                    return number, change
            return node.lineno, change
    return 0, change


def _first_removed(diff: str) -> int | None:
    """How many lines below the function's first the first removed line is."""
    position = None
    for line in diff.splitlines():
        hunk = re.match(r"@@ -(\d+)", line)
        if hunk:
            position = int(hunk[1]) - 1
        elif position is None or _is(line, "+"):
            continue
        elif _is(line, "-"):
            return position
        else:
            position += 1
    return None


def _is(line: str, sign: str) -> bool:
    return line.startswith(sign) and not line.startswith(sign * 3)


if __name__ == "__main__":
    sys.exit(main())
