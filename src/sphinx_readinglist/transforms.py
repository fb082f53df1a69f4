"""HTML-only reshaping, done when HTML is written so the doctree stays neutral."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .i18n import _
from .nodes import (
    readinglist_authors,
    readinglist_card,
    readinglist_meta,
    readinglist_more,
    readinglist_more_label,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ShortenAuthors(SphinxPostTransform):
    """Fold long author lists behind "and N more" (``readinglist_max_authors``).

    Printed outputs keep every name: there is nothing to click on paper.
    """

    default_priority = 400
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        limit = self.config.readinglist_max_authors
        # e-readers often ignore <details>: an epub lists every author
        if not limit or self.app.builder.name.startswith("epub"):
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


class PrintFriendlyCards(SphinxPostTransform):
    """Make cards read well where there is no CSS and nothing to click.

    On paper or in a terminal, a link's address is printed beside its text
    (unless the builder already does: ``latex_show_urls``,
    ``texinfo_show_urls``, and always in man pages),
    badges are separated in words, and tags get a label.
    """

    default_priority = 400
    formats = ("latex", "text", "man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        show_urls = self._builder_shows_urls()
        for card in list(self.document.findall(readinglist_card)):
            if not show_urls:
                self._print_addresses(card)
            for meta in card.findall(readinglist_meta):
                _replace_spaces(meta, " · ")
            for tags in card.findall(nodes.paragraph):
                if "readinglist-tags" in tags["classes"]:
                    _replace_spaces(tags, ", ")
                    label = str(_("Tags:"))
                    tags.insert(0, nodes.Text(label + " "))

    def _builder_shows_urls(self) -> bool:
        builder_format = self.app.builder.format
        if builder_format == "latex":
            return bool(self.config.latex_show_urls != "no")
        if builder_format == "man":
            return True  # the man writer prints the address of every web link
        if builder_format == "texinfo":
            return bool(self.config.texinfo_show_urls != "no")
        return False

    @staticmethod
    def _print_addresses(card: nodes.Element) -> None:
        for reference in list(card.findall(nodes.reference)):
            uri = reference.get("refuri", "")
            if not uri or uri.startswith("#") or reference.astext() == uri:
                continue
            if "://" not in uri and not uri.startswith("mailto:"):
                continue  # a relative link means nothing on paper
            shown = uri.removeprefix("mailto:")
            address = nodes.reference(
                shown, shown, refuri=uri, classes=["readinglist-url"]
            )
            parent = reference.parent
            index = parent.index(reference)
            parent[index + 1 : index + 1] = [nodes.Text(" <"), address, nodes.Text(">")]


def _replace_spaces(parent: nodes.Element, separator: str) -> None:
    """Replace the bare-space separators between children with ``separator``."""
    for index, child in enumerate(parent.children):
        if isinstance(child, nodes.Text) and child.astext() == " ":
            parent[index] = nodes.Text(separator)


def setup_transforms(app: Sphinx) -> None:
    """Register the post-transforms."""
    app.add_post_transform(ShortenAuthors)
    app.add_post_transform(PrintFriendlyCards)
