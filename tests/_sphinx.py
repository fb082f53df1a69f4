"""Building Sphinx projects in tests, and reading what they produce."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
DOCS = REPO / "docs"


def warnings_of(warning: object) -> list[str]:
    """The lines of a warning stream, without colour codes."""
    text = warning.getvalue()  # type: ignore[attr-defined]
    return [line for line in re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines() if line]


def html(app: SphinxTestApp, docname: str = "index") -> BeautifulSoup:
    """A built HTML page, parsed."""
    return BeautifulSoup(
        (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8"),
        "html.parser",
    )


def build(srcdir: Path, builder: str = "html", **kwargs: Any) -> tuple[Path, list[str]]:
    """Build ``srcdir`` in place; return the output folder and the warnings.

    :param kwargs: passed to :class:`SphinxTestApp` (``confoverrides``, ``parallel``...).
    """
    warning = StringIO()
    app = SphinxTestApp(
        builder, srcdir=srcdir, status=StringIO(), warning=warning, **kwargs
    )
    try:
        app.build()
    finally:
        app.cleanup()  # several applications in one test session
    return Path(app.outdir), warnings_of(warning)


def build_copy(
    srcdir: Path, dest: Path, builder: str = "html", **kwargs: Any
) -> tuple[Path, list[str]]:
    """Copy ``srcdir`` to ``dest`` (its old output left out), then :func:`build` it."""
    shutil.copytree(srcdir, dest, ignore=shutil.ignore_patterns("_build"))
    return build(dest, builder, **kwargs)


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
