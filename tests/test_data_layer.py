"""The data layer stands alone: no Sphinx, no docutils, no import loops."""

from __future__ import annotations

import ast
import os
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import sphinx_readinglist
from sphinx_readinglist import data

PACKAGE_PARENT = Path(sphinx_readinglist.__file__).parent.parent

#: Run in a fresh interpreter, where these packages cannot be imported.
_BLOCKED_SCRIPT = textwrap.dedent(
    """
    import pkgutil
    import sys
    import tempfile
    from pathlib import Path

    BLOCKED = {"sphinx", "docutils", "sphinx_design", "myst_parser"}


    class Blocker:
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in BLOCKED:
                raise ImportError(f"{name} is blocked in this test")
            return None


    sys.meta_path.insert(0, Blocker())

    import sphinx_readinglist.data as data

    names = [
        info.name
        for info in pkgutil.walk_packages(data.__path__, data.__name__ + ".")
    ]
    for name in names:
        __import__(name)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reading.yaml"
        path.write_text(
            "resources:\\n"
            "  - title: Deep learning\\n"
            "    year: 2015\\n"
            "  - title: Bad year\\n"
            "    year: soon\\n",
            encoding="utf-8",
        )
        reading_list = data.load_file(path, "reading.yaml")
    print(len(names), "modules")
    print([resource.title for resource in reading_list.resources])
    print([str(problem.location) for problem in reading_list.problems])
    print(sorted(m for m in sys.modules if m.partition(".")[0] in BLOCKED))
    """
)


def test_the_data_layer_imports_and_loads_without_sphinx_or_docutils() -> None:
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_PARENT)}
    done = subprocess.run(
        [sys.executable, "-c", _BLOCKED_SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    count, titles, locations, blocked = done.stdout.splitlines()
    assert int(count.split()[0]) == len(_data_modules()) - 1  # and the package
    assert titles == "['Deep learning', 'Bad year']"
    assert locations == "['reading.yaml:5']"  # the schema error of 'soon'
    assert blocked == "[]"


def _data_modules() -> dict[str, Path]:
    """Every module of the data layer, by name, with its file."""
    found = {data.__name__: Path(data.__file__)}
    for info in pkgutil.walk_packages(data.__path__, data.__name__ + "."):
        spec = info.module_finder.find_spec(info.name, None)
        assert spec is not None and spec.origin is not None
        found[info.name] = Path(spec.origin)
    return found


def _imports(name: str, path: Path) -> set[str]:
    """What ``name`` imports, at load time or later (in a function), but not
    under ``TYPE_CHECKING``: a lazy import is a loop all the same."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            if node.module:  # "from . import x" imports x, not the package
                found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import path that leads a module back to itself."""
    loops = []
    for start in graph:
        stack = [(start, [start])]
        seen: set[str] = set()
        while stack:
            name, trail = stack.pop()
            for imported in sorted(graph[name]):
                if imported == start:
                    loops.append([*trail, start])
                elif imported not in seen:
                    seen.add(imported)
                    stack.append((imported, [*trail, imported]))
    return loops


def test_the_data_layer_has_no_import_loops() -> None:
    modules = _data_modules()
    graph = {
        name: _imports(name, path) & modules.keys() for name, path in modules.items()
    }
    assert _loops(graph) == []
    # the checker sees the edges it is meant to, and would see a loop
    assert (
        "sphinx_readinglist.data.yaml_reader" in graph["sphinx_readinglist.data.loader"]
    )
    assert _loops({"a": {"b"}, "b": {"c"}, "c": {"a"}}) != []
