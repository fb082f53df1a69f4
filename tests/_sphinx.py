"""Building Sphinx projects in tests, and reading what they produce.

Every test module builds through these functions: ``build``/``build_copy`` when
the output and the warnings are enough, ``started`` when a test needs the
application itself (its environment, its doctrees, a second build), and
``sphinx_build`` for the command line. Pages are read with ``page``/``html``,
warnings with ``warnings_of``. ``SYNTAXES`` and ``directive_page`` write the
same directive use in rST and in MyST.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main
from sphinx.testing.util import SphinxTestApp, _clean_up_global_state

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
DOCS = REPO / "docs"

_COLOURS = re.compile(r"\x1b\[[0-9;]*m")

#: The conf.py of an inline project: both syntaxes, warnings typed as Sphinx 8.
CONF = 'extensions = ["myst_parser", "sphinx_readinglist"]\nshow_warning_types = True\n'


# -- warnings -------------------------------------------------------------------


def plain(text: str, srcdir: Path | str | None = None) -> str:
    """``text`` without colour codes; paths under ``srcdir`` made relative."""
    text = _COLOURS.sub("", text)
    if srcdir is not None:
        text = text.replace(f"{srcdir}{os.sep}", "")
    return text


def warnings_of(warning: object, srcdir: Path | str | None = None) -> list[str]:
    """The lines of a warning stream (``StringIO`` or text), without colour codes.

    :param srcdir: when given, paths inside it are written relative to it, as
        a user reads them.
    """
    text = warning if isinstance(warning, str) else warning.getvalue()  # type: ignore[attr-defined]
    return [line for line in plain(text, srcdir).splitlines() if line]


def ours(warning: object, srcdir: Path | str | None = None) -> list[str]:
    """The extension's warnings only.

    A second application in one process also warns that Sphinx's own nodes
    are registered already; that is no concern of these tests.
    """
    return [w for w in warnings_of(warning, srcdir) if "[readinglist." in w]


# -- pages ----------------------------------------------------------------------


def soup(markup: str) -> BeautifulSoup:
    """HTML (or XHTML) text, parsed."""
    return BeautifulSoup(markup, "html.parser")


def page(outdir: Path | str, docname: str = "index") -> BeautifulSoup:
    """The built HTML page ``docname`` of ``outdir``, parsed."""
    return soup((Path(outdir) / f"{docname}.html").read_text(encoding="utf-8"))


def html(app: SphinxTestApp, docname: str = "index") -> BeautifulSoup:
    """A built HTML page of ``app``, parsed."""
    return page(app.outdir, docname)


def card_parts(card: Any) -> list[str]:
    """The ``readinglist-*`` class of each part of a card's body, in order."""
    body = card.select_one(".readinglist-body")
    assert body is not None
    return [
        next(c for c in part["class"] if c.startswith("readinglist-"))
        for part in body.find_all(recursive=False)
    ]


def titles(root: Any) -> list[str]:
    """The card titles under ``root`` (a parsed page or part of one), in order."""
    return [t.get_text() for t in root.select(".readinglist-title")]


# -- projects -------------------------------------------------------------------


def write_project(
    srcdir: Path,
    pages: Mapping[str, str],
    files: Mapping[str, str | bytes] | None = None,
    conf: str = CONF,
) -> Path:
    """Write a project: ``conf.py``, ``pages`` and ``files`` by file name.

    :return: ``srcdir``.
    """
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    for name, content in {**pages, **(files or {})}.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return srcdir


@contextmanager
def started(
    srcdir: Path, builder: str = "html", *, build: bool = True, **kwargs: Any
) -> Iterator[SphinxTestApp]:
    """An application on ``srcdir`` (built unless ``build=False``), cleaned up after.

    Its warnings are in ``warnings_of(app._warning)``.

    :param kwargs: passed to :class:`SphinxTestApp` (``confoverrides``,
        ``parallel``, ``builddir``...).
    """
    # warnings carry their [type.subtype] on every Sphinx: 8 shows it by
    # default, 7.4 only when asked
    kwargs["confoverrides"] = {
        "show_warning_types": True,
        **kwargs.get("confoverrides", {}),
    }
    app = SphinxTestApp(
        builder, srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs
    )
    try:
        if build:
            app.build()
        # a theme that patches Sphinx would break every later test
        assert not set(ISOLATED_THEMES) & set(sys.modules), (
            "build projects with these themes with build(isolated=True)"
        )
        yield app
    finally:
        app.cleanup()  # several applications in one pytest run


#: Themes built in an interpreter of their own (:func:`build` with
#: ``isolated=True``): sphinx-immaterial replaces parts of Sphinx's Python
#: domain for the whole process, so every later application of the test run
#: would fail, and leaves a multiprocessing manager running.
ISOLATED_THEMES = ("sphinx_immaterial",)

_ISOLATED_BUILD = """\
import json, sys
from io import StringIO
from sphinx.application import Sphinx
srcdir, builder, overrides, parallel = sys.argv[1:5]
warnings = StringIO()
app = Sphinx(srcdir, srcdir, f"{srcdir}/_build/{builder}", f"{srcdir}/_build/doctrees",
             builder, confoverrides=json.loads(overrides), status=None,
             warning=warnings, parallel=int(parallel))
app.build()
sys.stdout.write(warnings.getvalue())
"""


def build(
    srcdir: Path, builder: str = "html", *, isolated: bool = False, **kwargs: Any
) -> tuple[Path, list[str]]:
    """Build ``srcdir`` in place; return the output folder and the warnings.

    :param isolated: build in a new interpreter (for :data:`ISOLATED_THEMES`),
        with only ``confoverrides`` and ``parallel`` of ``kwargs``.
    :param kwargs: passed to :class:`SphinxTestApp` (``confoverrides``, ``parallel``...).
    """
    if isolated:
        overrides = {"show_warning_types": True, **kwargs.get("confoverrides", {})}
        arguments = [srcdir, builder, json.dumps(overrides), kwargs.get("parallel", 0)]
        result = subprocess.run(
            [sys.executable, "-c", _ISOLATED_BUILD, *map(str, arguments)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-4000:]
        return srcdir / "_build" / builder, warnings_of(result.stdout)
    with started(srcdir, builder, **kwargs) as app:
        return Path(app.outdir), warnings_of(app._warning)


def build_copy(
    srcdir: Path, dest: Path, builder: str = "html", **kwargs: Any
) -> tuple[Path, list[str]]:
    """Copy ``srcdir`` to ``dest`` (its old output left out), then :func:`build` it."""
    shutil.copytree(srcdir, dest, ignore=shutil.ignore_patterns("_build"))
    return build(dest, builder, **kwargs)


def sphinx_build(args: Sequence[str]) -> int:
    """Run the ``sphinx-build`` command line in this process; return its status."""
    saved_path = sys.path[:]
    try:
        return build_main(list(args))
    finally:
        # build_main registers nodes and roles for good; later apps need them gone
        sys.path[:] = saved_path
        _clean_up_global_state()


def copy_docs_project(root: Path) -> Path:
    """Copy the docs, and the files they include, into ``root``; return the docs."""
    shutil.copytree(DOCS, root / "docs", ignore=shutil.ignore_patterns("_build"))
    for included in ("CHANGELOG.md", "CONTRIBUTING.md"):
        shutil.copy(REPO / included, root / included)
    return root / "docs"


def documents_read(app: SphinxTestApp) -> set[str]:
    """Build, and return the documents Sphinx read (not those it reused)."""
    read: set[str] = set()
    listener = app.connect(
        "doctree-read", lambda app_, doctree: read.add(app_.env.docname)
    )
    app.build()
    app.disconnect(listener)
    return read


# -- one directive use, in either syntax ----------------------------------------

#: Every directive feature runs in both page syntaxes from this one table.
SYNTAXES = [pytest.param("rst", id="rst"), pytest.param("myst", id="myst")]

SUFFIXES = {"rst": ".rst", "myst": ".md"}


@dataclass(frozen=True)
class DirectivePage:
    """A page holding one ``readinglist`` directive."""

    text: str
    suffix: str
    #: the line of the directive, where its warnings are located
    line: int


def directive_page(
    syntax: str,
    argument: str | None = None,
    options: Sequence[tuple[str, str]] = (),
    body: str = "",
    title: str = "Page",
) -> DirectivePage:
    """The same directive use written as an rST or a MyST page.

    :param syntax: ``rst`` (``.. readinglist::``) or ``myst`` (a fence).
    :param options: ``(name, value)`` pairs; an empty value for a flag.
    :param body: YAML for the directive body, unindented.
    """
    head = f" {argument}" if argument else ""
    lines = [f":{name}: {value}".rstrip() for name, value in options]
    body_lines = body.splitlines()
    if syntax == "rst":
        top = [title, "=" * len(title), ""]
        block = [f".. readinglist::{head}", *("   " + line for line in lines)]
        if body_lines:
            block += ["", *(f"   {line}".rstrip() for line in body_lines)]
    elif syntax == "myst":
        top = [f"# {title}", ""]
        block = [f"```{{readinglist}}{head}", *lines]
        if body_lines:
            block += ["", *body_lines]
        block.append("```")
    else:
        raise ValueError(f"unknown syntax {syntax!r}")
    return DirectivePage(
        "\n".join([*top, *block, ""]), SUFFIXES[syntax], line=len(top) + 1
    )
