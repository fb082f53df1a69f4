"""The package's shape: no import loops, no module named after a library or
over 500 lines.

Read from the source with :mod:`ast`, without importing the package. Every
import counts, those inside functions too: a lazy import that closes a loop
hides the loop, it does not remove it (issue 12 found two such). Only imports
under ``if TYPE_CHECKING:`` are left out, since they never run.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "src" / "sphinx_readinglist"
NAME = PACKAGE.name

#: Top-level modules of the dependencies, which a module of ours must not shadow.
DEPENDENCIES = {
    "docutils",
    "jsonschema",
    "myst_parser",
    "sphinx",
    "sphinx_design",
    "yaml",
}

MAX_LINES = 500


def modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements under ``node`` that may run."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for statement in child.orelse:
                yield from _imports(statement)
        else:
            yield from _imports(child)


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of the package that ``name`` imports, now or later."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for statement in _imports(tree):
        if isinstance(statement, ast.Import):
            bases = [alias.name for alias in statement.names]
            names: list[str] = []
        else:
            if statement.level:
                parts = package.split(".")
                parts = parts[: len(parts) - statement.level + 1]
                base = ".".join([*parts, *filter(None, [statement.module])])
            else:
                base = statement.module or ""
            bases = [base]
            names = [alias.name for alias in statement.names]
        for base in bases:
            if base == NAME or base.startswith(NAME + "."):
                # "from .cards import directive" imports a module, not a name
                submodules = {f"{base}.{n}" for n in names} & known
                targets |= submodules or ({base} & known)
    return targets - {name}


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imported(name, path, known) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One loop through each strongly connected group of modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_the_graph_sees_the_package() -> None:
    edges = graph()
    assert f"{NAME}.config" in edges[f"{NAME}.cards.directive"]
    # the imports inside setup() count
    assert f"{NAME}.cards.project_directive" in edges[NAME]


def test_imports_for_type_checking_do_not_count(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import config\n"
        "if TYPE_CHECKING:\n"
        "    from .domain import ReadingListDomain\n"
        "def later():\n"
        "    from .cards import directive\n",
        encoding="utf-8",
    )
    known = {f"{NAME}.{m}" for m in ("config", "domain", "cards", "cards.directive")}
    assert imported(f"{NAME}.module", module, known) == {
        f"{NAME}.config",
        f"{NAME}.cards.directive",
    }


def test_the_loop_finder_finds_loops() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_loops() -> None:
    assert cycles(graph()) == []


def test_no_module_is_named_like_a_library() -> None:
    """A module named ``html`` or ``warnings`` reads as the library it shadows."""
    shadowing = {
        str(path.relative_to(PACKAGE))
        for name, path in modules().items()
        if name.rpartition(".")[2] in sys.stdlib_module_names | DEPENDENCIES
    }
    assert shadowing == set()


def test_no_module_is_over_500_lines() -> None:
    """A longer module usually holds two concerns (issue 12)."""
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in modules().values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
