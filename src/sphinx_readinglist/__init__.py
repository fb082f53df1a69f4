"""Curated reading lists as sphinx-design cards, from YAML."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    """Set up the extension (and sphinx-design, which the cards are built on)."""
    from .anchors import setup_anchors
    from .assets import setup_assets
    from .cards.data_files import setup_data_files
    from .cards.project_directive import setup_directive
    from .cards.registry import setup_nodes
    from .cards.transforms import setup_transforms
    from .config import setup_config
    from .domain import setup_domain
    from .download_files import setup_downloads
    from .feeds import setup_feeds
    from .filter import setup_filter
    from .i18n import setup_i18n
    from .new_badge import setup_new_badge
    from .resource_index import setup_resource_index
    from .stats.directive import setup_stats
    from .structured_data import setup_structured_data
    from .tag_pages import setup_tag_pages
    from .text.mathjax import setup_math

    app.setup_extension("sphinx_design")
    setup_config(app)
    setup_i18n(app)
    setup_nodes(app)
    setup_domain(app)
    setup_resource_index(app)
    setup_data_files(app)
    setup_new_badge(app)
    setup_anchors(app)
    setup_transforms(app)
    setup_filter(app)
    setup_downloads(app)
    setup_feeds(app)
    setup_structured_data(app)
    setup_tag_pages(app)
    setup_math(app)
    setup_assets(app)
    setup_directive(app)
    setup_stats(app)
    return {
        "version": __version__,
        "env_version": 8,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
