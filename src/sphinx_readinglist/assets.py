"""What HTML pages get: the stylesheet, and the filter's script and element."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .filter import has_filter

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"


def add_static_assets(app: Sphinx) -> None:
    """Ship ``readinglist.css`` with HTML output; LaTeX and text need none."""
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file("readinglist.css")


def add_filter_script(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Add ``readinglist.js`` to the pages that show a list with a filter.

    Called on ``html-page-context``, where an added file belongs to this
    page only (as ``sphinx.ext.mathjax`` does), so other pages load no script.
    """
    # e-books get no filter (see filter.visit_filter_html), so no script
    if app.builder.format != "html" or app.builder.name == "epub":
        return
    if has_filter(doctree):
        app.add_js_file("readinglist.js", loading_method="defer")


def setup_assets(app: Sphinx) -> None:
    """Connect the asset registration."""
    app.connect("builder-inited", add_static_assets)
    app.connect("html-page-context", add_filter_script)
