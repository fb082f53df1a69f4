"""An index of every resource: a domain index page, and the general index.

The domain index (``readinglist-index.html``, ``:ref:`readinglist-index```)
lists every resource shown in the project A to Z by title, with its kind,
its year and the page showing it, linked to the card the ``resource`` role
links to. Each card also gets entries in Sphinx's general index, under its
title and under each author's name as written, pointing at the card's anchor
(issue 17).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sphinx import addnodes
from sphinx.domains import Index, IndexEntry
from sphinx.locale import _ as sphinx_
from sphinx.transforms import SphinxTransform
from sphinx.util.logging import getLogger

from .cards.labels import kind_label
from .cards.nodes import compact_cards
from .data.collector import collector_paused
from .i18n import _
from .vocabulary import project_labels
from .warnings_ import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from docutils.nodes import Element, Node
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .data.model import Resource
    from .domain import ReadingListDomain


def sort_key(title: str) -> str:
    """A title as the index sorts it: accents folded, case ignored.

    Format characters (bidirectional marks and overrides, zero-width
    spaces) are dropped, so they neither lead nor reorder the title.
    """
    decomposed = unicodedata.normalize("NFKD", title)
    kept = (c for c in decomposed if unicodedata.category(c) not in ("Mn", "Me", "Cf"))
    return "".join(kept).casefold().strip()


def initial(title: str) -> str:
    """The heading a title goes under: its first letter, or Sphinx's "Symbols"."""
    key = sort_key(title)
    if key and key[0].isalpha():
        return key[0].upper()
    return str(sphinx_("Symbols"))


#: Bidirectional controls and invisible spaces: in an index they would
#: reorder the entries around them, or sort a title under no letter.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069\ufeff",
    )
)


def shown_title(text: str) -> str:
    """A title or a name as the indexes show it: without bidi controls."""
    return " ".join(text.translate(_INVISIBLE).split())


def _index_text(text: str) -> str:
    # Sphinx splits an index entry at ";" (entry; sub-entry): a title or a
    # name keeps its meaning with a comma instead
    return shown_title(text).replace(";", ",")


def general_entries(
    resource: Resource, anchor: str
) -> list[tuple[str, str, str, str, str | None]]:
    """The general index entries of a card: its title, and each author."""
    title = _index_text(resource.title)
    if not title:
        return []
    entries: list[tuple[str, str, str, str, str | None]] = [
        ("single", title, anchor, "", None)
    ]
    for author in dict.fromkeys(resource.authors):
        name = _index_text(author)
        if name:
            entries.append(("single", f"{name}; {title}", anchor, "", None))
    return entries


class ResourceIndex(Index):
    """Every resource shown in the project, A to Z by title."""

    name = "index"
    localname = _("Index of resources")
    shortname = _("resources")

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        # the index is registered on this domain only
        domain: ReadingListDomain = self.domain  # type: ignore[assignment]
        env = domain.env
        if not env.config.readinglist_index:
            return [], False
        wanted = None if docnames is None else set(docnames)
        rows: list[tuple[str, str, str, IndexEntry]] = []
        for id_, cards in domain.lookup(env).cards.items():
            docname, anchor, title = cards[0]
            if wanted is not None and docname not in wanted:
                continue
            page = domain.pages.get(docname)
            facts = getattr(page, "facts", {}).get(id_, ("", None))
            kind, year = facts
            page_title = env.titles.get(docname)
            where = page_title.astext() if page_title is not None else docname
            description = " · ".join(
                part for part in (str(year) if year else "", where) if part
            )
            title = shown_title(title)
            entry = IndexEntry(title, 0, docname, anchor, kind, "", description)
            rows.append((sort_key(title), title, id_, entry))
        content: dict[str, list[IndexEntry]] = {}
        for _key, title, _id, entry in sorted(rows):
            content.setdefault(initial(title), []).append(entry)
        symbols = str(sphinx_("Symbols"))
        # non-letters first, then the letters, as in the general index
        letters = sorted(content, key=lambda letter: (letter != symbols, letter))
        return [(letter, content[letter]) for letter in letters], False


class IndexResources(SphinxTransform):
    """Index each card of the page, once its anchor is chosen.

    Runs after :class:`~.anchors.CardAnchors` (860): the entries point at the
    card's anchor. The index domain has read the page's index nodes by then
    (at 850), so the entries are added to it here as well as to the doctree,
    where the LaTeX and Texinfo writers find them.
    """

    default_priority = 870

    def apply(self, **kwargs: Any) -> None:
        # entries by the thousand, all living on: see data.collector
        with collector_paused():
            self._index_cards()

    def _index_cards(self) -> None:
        if not self.config.readinglist_index:
            return  # nothing of the cards is kept for an index not written
        cards = compact_cards(self.document)
        if not cards:
            return
        # get_domain is typed as returning the base class
        domain: ReadingListDomain = self.env.get_domain("readinglist")  # type: ignore[assignment]
        page = domain.page(self.env.docname)
        labels = project_labels(self.config)
        found: list[tuple[str, str, str, str, str | None]] = []
        # the index node of each card, inserted before it below
        before: dict[int, addnodes.index] = {}
        parents: dict[int, Element] = {}
        for card in cards:
            resource: Resource = card["resource"]
            page.facts.setdefault(
                resource.id, (kind_label(resource, labels) or "", resource.year)
            )
            if card.parent is None:
                continue
            entries = general_entries(resource, card["ids"][0])
            if entries:
                before[id(card)] = addnodes.index(entries=entries, inline=False)
                parents[id(card.parent)] = card.parent
                found.extend(entries)
        for parent in parents.values():
            _insert_before(parent, before)
        if found:
            index_domain: Any = self.env.get_domain("index")
            index_domain.entries.setdefault(self.env.docname, []).extend(found)


def _insert_before(parent: Element, before: dict[int, addnodes.index]) -> None:
    # One pass over the children: inserting at ``parent.index(card)`` for each
    # card would take quadratic time in a grid of thousands of cards.
    children: list[Node] = []
    for child in parent.children:
        index = before.get(id(child))
        if index is not None:
            parent.setup_child(index)
            children.append(index)
        children.append(child)
    parent.children = children


#: The label of the index's page, which Sphinx names after the domain and index.
INDEX_LABEL = "readinglist-index"

logger = getLogger(__name__)


def _unlabel_when_off(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    # Sphinx labels every domain index, written or not: without its page, a
    # link to it would lead nowhere, without a word
    if not app.config.readinglist_index:
        std: Any = env.get_domain("std")
        std.labels.pop(INDEX_LABEL, None)
        std.anonlabels.pop(INDEX_LABEL, None)


def _link_when_off(
    app: Sphinx, env: BuildEnvironment, node: Element, contnode: Node
) -> Node | None:
    """A link to the index of resources while it is off: its text, unlinked,
    with a warning that says how to mend it (instead of "undefined label")."""
    if (
        app.config.readinglist_index
        or node.get("refdomain") != "std"
        or node.get("reftype") != "ref"
        or node.get("reftarget") != INDEX_LABEL
    ):
        return None
    logger.warning(
        f"{INDEX_LABEL!r} links to the index of resources, which is off: "
        "set readinglist_index = True in conf.py to write it",
        location=node,
        type=WARNING_TYPE,
        subtype=Subtype.CONFIG.value,
    )
    return contnode


def setup_resource_index(app: Sphinx) -> None:
    """Register the index of resources and the transform indexing the cards."""
    app.add_index_to_domain("readinglist", ResourceIndex)
    app.add_transform(IndexResources)
    app.connect("env-before-read-docs", _unlabel_when_off)
    app.connect("missing-reference", _link_when_off)
