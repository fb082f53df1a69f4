"""The patches of third-party internals: each target still exists, with the
parameters the replacement relies on, and every original is back after a parse.

If a test here fails after an upgrade, upstream renamed or reshaped a name the
sandbox replaces (text/sandbox.py): adapt the patch, and the version bounds in
pyproject.toml and ``sandbox.SUPPORTED``.
"""

from __future__ import annotations

import ast
import inspect
import tomllib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from docutils import nodes
from packaging.requirements import Requirement

from sphinx_readinglist.data.model import Markup
from sphinx_readinglist.text import parse, sandbox
from sphinx_readinglist.text.sandbox import (
    PATCHES,
    Patch,
    PatchContext,
    UnsupportedVersionError,
    patched,
    sandbox_patches,
)

from ._sphinx import REPO, started, warnings_of, write_project


def _current(patch: Patch) -> object:
    return patch.resolve()[1]


def _originals() -> dict[str, object]:
    return {patch.name: _current(patch) for patch in PATCHES}


def _context() -> PatchContext:
    """A context good enough to build each replacement (none is called)."""
    report: Any = SimpleNamespace(refuse=None, line_of=None, label="x")
    env: Any = SimpleNamespace()
    return PatchContext(report, env, nodes.document(None, None))  # type: ignore[arg-type]


# -- each patched name --------------------------------------------------------


@pytest.mark.parametrize("patch", PATCHES, ids=lambda p: p.name)
def test_patched_name_exists_with_the_parameters_assumed(patch: Patch) -> None:
    owner, original = patch.resolve()
    assert list(inspect.signature(original).parameters) == list(patch.params), (
        f"{patch.name} changed its parameters; check the replacement in "
        "text/sandbox.py against the new ones"
    )
    for name in patch.uses:
        assert callable(getattr(owner, name, None)), f"{patch.name} uses {name}"
    # the replacement stands in for the original: it takes the same arguments
    replacement = patch.replace(original, _context())
    inspect.signature(replacement).bind(*patch.params)


def test_functions_the_replacements_call_exist() -> None:
    from myst_parser.mdit_to_docutils.base import token_line

    assert list(inspect.signature(token_line).parameters) == ["token", "default"]


def test_a_missing_name_names_the_package_and_the_range() -> None:
    gone = Patch(
        "docutils",
        "docutils.parsers.rst.roles",
        "no_such",
        lambda original, context: original,
        (),
    )
    with pytest.raises(UnsupportedVersionError) as error:
        gone.resolve()
    message = str(error.value)
    assert "docutils.parsers.rst.roles.no_such" in message
    assert f"install docutils{sandbox.SUPPORTED['docutils']}" in message
    moved = Patch(
        "sphinx",
        "sphinx.no_such_module:Class",
        "name",
        lambda original, context: original,
        (),
    )
    with pytest.raises(UnsupportedVersionError, match=r"sphinx>=7\.4"):
        moved.resolve()


def test_bounds_are_those_of_pyproject() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    required = {
        (req := Requirement(line)).name: str(req.specifier)
        for line in pyproject["project"]["dependencies"]
    }
    for package, bounds in sandbox.SUPPORTED.items():
        assert package in required, f"{package} must be a dependency"
        assert (
            Requirement(f"x{bounds}").specifier
            == Requirement(f"x{required[package]}").specifier
        ), package
    assert {p.package for p in PATCHES} == set(sandbox.SUPPORTED)


def test_which_patches_a_parse_gets() -> None:
    assert sandbox_patches(Markup.RST, trusted=True) == (
        sandbox.MATH_TARGET,
        sandbox.MATH_EQUATION,
    )
    myst = set(sandbox_patches(Markup.MYST, trusted=False))
    assert myst == set(PATCHES) - {sandbox.MYST_DOCUMENT}


# -- every original is back ---------------------------------------------------


def test_originals_are_back_when_the_block_raises() -> None:
    before = _originals()
    with pytest.raises(KeyError), patched(PATCHES, _context()):
        assert _originals() != before  # applied
        raise KeyError("inside")
    assert _originals() == before
    assert all(_current(p) is before[p.name] for p in PATCHES)


def test_originals_are_back_when_a_patch_fails_half_way() -> None:
    before = _originals()
    gone = Patch(
        "sphinx",
        "sphinx.domains.math:MathDomain",
        "no_such",
        lambda original, context: original,
        (),
    )
    with (
        pytest.raises(UnsupportedVersionError),
        patched([*PATCHES[:3], gone, *PATCHES[3:]], _context()),
    ):
        pytest.fail("the block must not run")
    assert all(_current(p) is before[p.name] for p in PATCHES)


#: A text of each syntax that goes through every patch of a parse.
_DATA = """\
markup: myst
resources:
  - id: md
    title: MyST
    description: |
      ~~struck~~, {{ 1 + 1 }}, [bad](javascript:x) and {download}`f.txt`.

      ```{math}
      :label: eq
      x = 1
      ```

      ```{raw} html
      <b>raw</b>
      ```
"""


def _project(tmp_path: Path) -> Path:
    return write_project(
        tmp_path / "src",
        {"index.rst": "Patches\n=======\n\n.. readinglist:: data.yaml\n"},
        {"data.yaml": _DATA},
    )


def test_originals_are_back_after_a_build(tmp_path: Path) -> None:
    before = _originals()
    with started(
        _project(tmp_path), confoverrides={"myst_enable_extensions": ["substitution"]}
    ) as app:
        found = warnings_of(app._warning)
    assert _originals() == before
    # the patches were in force: each reported what it refused
    for refused in ("MyST substitution", "'javascript:x'", "'download' role", "'raw'"):
        assert any(refused in line for line in found), (refused, found)


def test_originals_are_back_after_a_parse_that_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _originals()
    seen: list[bool] = []

    def broken(*args: object) -> None:
        in_force = sandbox_patches(Markup.MYST, trusted=False)
        seen.append(all(_current(p) is not before[p.name] for p in in_force))
        raise RuntimeError("a bug in the parser")

    monkeypatch.setattr(parse, "_parse_myst", broken)
    with started(_project(tmp_path)) as app:
        found = warnings_of(app._warning)
    assert seen == [True]
    assert any("could not be parsed (a bug in the parser)" in w for w in found)
    assert _originals() == before


# -- the package's layering ---------------------------------------------------

_TEXT = REPO / "src" / "sphinx_readinglist" / "text"


def _imports(path: Path) -> set[str]:
    """The sibling modules ``path`` imports at module level (not when type
    checking, not inside functions)."""
    found: set[str] = set()
    for statement in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(statement, ast.ImportFrom) and statement.level == 1:
            if statement.module:
                found.add(statement.module.split(".")[0])
            else:
                found.update(alias.name for alias in statement.names)
    return found


def test_text_modules_import_no_loop_and_nothing_of_cards() -> None:
    graph = {path.stem: _imports(path) for path in _TEXT.glob("*.py")}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for name in graph.get(start, ()):
            if name == goal or (
                name not in seen and reaches(name, goal, seen | {name})
            ):
                return True
        return False

    assert [name for name in graph if reaches(name, name, set())] == []
    for path in _TEXT.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "from ..cards" not in source, path.name
        assert len(source.splitlines()) <= 500, path.name
