"""HTML-only reshaping, done when HTML is written so the doctree stays neutral."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import readinglist_authors, readinglist_more, readinglist_more_label

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ = get_translation("sphinx_readinglist")


class ShortenAuthors(SphinxPostTransform):
    """Fold long author lists behind "and N more" (``readinglist_max_authors``).

    Printed outputs keep every name: there is nothing to click on paper.
    """

    default_priority = 400
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        limit = self.config.readinglist_max_authors
        if not limit:
            return
        for authors in list(self.document.findall(readinglist_authors)):
            names = [c for c in authors.children if isinstance(c, nodes.inline)]
            # "and 1 more" saves nothing: fold only two or more names
            if len(names) <= limit + 1:
                continue
            first_hidden = authors.index(names[limit])
            hidden = names[limit:]
            del authors[first_hidden - 1 :]  # the separator and the rest
            label = str(_("and {count} more")).format(count=len(hidden))
            more = readinglist_more("", classes=["readinglist-authors-more"])
            more += readinglist_more_label(label, " " + label)
            for i, name in enumerate(hidden):
                more += nodes.Text(", " if i else " ")
                more += name
            authors += more


def setup_transforms(app: Sphinx) -> None:
    """Register the post-transforms."""
    app.add_post_transform(ShortenAuthors)
