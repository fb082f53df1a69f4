"""Which builders write a web site, as against an e-book or print."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: The builders of a site with a page per document, where a feed or a page
#: per tag can link to each card: not singlehtml (one page), not EPUB.
SITE_BUILDERS = ("html", "dirhtml")


def writes_web_pages(builder: Builder) -> bool:
    """Whether ``builder`` writes HTML pages to be served: not EPUB, whose
    HTML is packed into an e-book."""
    return builder.format == "html" and not builder.name.startswith("epub")
