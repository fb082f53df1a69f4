"""The stylesheet, registered for HTML builders only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"


def add_static_assets(app: Sphinx) -> None:
    """Ship ``readinglist.css`` with HTML output; LaTeX and text need none."""
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file("readinglist.css")


def setup_assets(app: Sphinx) -> None:
    """Connect the asset registration."""
    app.connect("builder-inited", add_static_assets)
