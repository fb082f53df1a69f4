"""The nodes of a reading list.

A card is read in compact form, which HTML writes directly (:mod:`.html_writer`),
and expanded for every other builder (:mod:`.expand`). Each node of an
expanded card subclasses a standard docutils node, so builders without a
visitor of their own (LaTeX, text, man, texinfo) fall back to the parent's
visitor through Sphinx's method-resolution dispatch. The nodes are registered
with their visitors in :mod:`.registry`.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes


class readinglist_grid(nodes.container):  # noqa: N801 (docutils node naming)
    """The list of cards: a sphinx-design grid row, a ``ul`` in HTML."""


class readinglist_item(nodes.container):  # noqa: N801
    """One grid column holding one expanded card."""


class readinglist_card(nodes.container):  # noqa: N801
    """A card: an ``article`` in HTML, with ``data-*`` attributes.

    Read in compact form: its ``resource`` attribute holds the plain fields,
    its children the image and the parsed description and abstract.
    """


class readinglist_search_text(nodes.Text):  # noqa: N801
    """A compact card's plain fields as one text, for the search index only.

    A text, not an element holding one: a list of 10,000 cards holds 10,000
    of them through the build, and an element takes six times the memory.
    Sphinx's indexer reads every text of a page; the card's writers skip it.
    """


class readinglist_title(nodes.paragraph):  # noqa: N801
    """An expanded card's title: a paragraph, not a section title (no TOC entry)."""


class readinglist_meta(nodes.paragraph):  # noqa: N801
    """An expanded card's line of badges, authors, year and venue."""


class readinglist_abstract(nodes.container):  # noqa: N801
    """The abstract: ``details``, closed by default, in HTML.

    Read holding the parsed abstract; expanded, a label and a body.
    """


class readinglist_summary(nodes.paragraph):  # noqa: N801
    """The label of an expanded abstract."""


class readinglist_authors(nodes.inline):  # noqa: N801
    """The author list of an expanded card."""


class readinglist_date(nodes.inline):  # noqa: N801
    """An expanded card's date, in words; its ``datetime`` is as written.

    HTML (EPUB) writes a ``time`` element; other writers, the words.
    """


def compact_cards(node: nodes.Node) -> list[readinglist_card]:
    """The cards in ``node`` still in compact form (holding their resource),
    in page order: every card as read, none that a builder has expanded."""
    return [card for card in node.findall(readinglist_card) if "resource" in card]


# -- LaTeX and Texinfo: anchors for the resource role, a title that stays
# with its card across a page break


def visit_card_latex(self: Any, node: nodes.Element) -> None:
    # containers drop their ids in LaTeX; the resource role needs the labels
    self.body.append("\n\\par\\medskip\n")
    for id_ in node["ids"]:
        self.body.append(self.hypertarget(id_, anchor=True))
    self.visit_container(node)


def depart_card_latex(self: Any, node: nodes.Element) -> None:
    self.depart_container(node)
    self.body.append("\n\\par\n")


def visit_title_latex(self: Any, node: nodes.Element) -> None:
    self.body.append("\n\\par\\noindent\\sphinxAtStartPar\n\\sphinxstylestrong{")


def depart_title_latex(self: Any, node: nodes.Element) -> None:
    self.body.append("}\\par\\nopagebreak\n")


def visit_card_texinfo(self: Any, node: nodes.Element) -> None:
    for id_ in node["ids"]:
        self.add_anchor(id_, node)
    self.visit_container(node)


def depart_card_texinfo(self: Any, node: nodes.Element) -> None:
    self.depart_container(node)
