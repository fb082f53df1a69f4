"""The nodes of a reading list, and how HTML writes them.

Each node subclasses a standard docutils node, so builders without a visitor
of their own (LaTeX, text, man, texinfo) fall back to the parent's visitor
through Sphinx's method-resolution dispatch: one doctree serves every format.
Only HTML gets its own markup, for semantics a ``div`` cannot carry: a list of
``article`` cards, a ``details`` abstract.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: The ``data-*`` attributes of a card, in output order.
CARD_DATA = ("kind", "level", "tags", "year")


class readinglist_grid(nodes.container):  # noqa: N801 (docutils node naming)
    """The list of cards: a sphinx-design grid row, a ``ul`` in HTML."""


class readinglist_item(nodes.container):  # noqa: N801
    """One grid column holding one card: an ``li`` in HTML."""


class readinglist_card(nodes.container):  # noqa: N801
    """A card: an ``article`` in HTML, with ``data-*`` attributes."""


class readinglist_title(nodes.paragraph):  # noqa: N801
    """The card title: a paragraph, not a section title, so no TOC entry."""


class readinglist_meta(nodes.paragraph):  # noqa: N801
    """The badges, authors, year and venue line: a ``div`` in HTML."""


class readinglist_abstract(nodes.container):  # noqa: N801
    """The abstract: ``details``, closed by default, in HTML."""


class readinglist_summary(nodes.paragraph):  # noqa: N801
    """The label of a collapsible part: its ``summary`` in HTML."""


class readinglist_authors(nodes.inline):  # noqa: N801
    """The author list: a ``span``, or a ``div`` once it holds a ``details``."""


class readinglist_more(nodes.inline):  # noqa: N801
    """The rest of a long author list: an inline ``details`` in HTML."""


class readinglist_more_label(nodes.inline):  # noqa: N801
    """The "and N more" label of :class:`readinglist_more`: its ``summary``."""


def _attributes(node: nodes.Element, names: tuple[str, ...]) -> dict[str, Any]:
    return {
        f"data-{name}": node[f"data-{name}"]
        for name in names
        if node.get(f"data-{name}")
    }


def visit_grid(self: HTML5Translator, node: nodes.Element) -> None:
    # role=list: Safari drops list semantics from a ul styled list-style: none
    self.body.append(self.starttag(node, "ul", role="list"))


def depart_grid(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</ul>\n")


def visit_item(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "li"))


def depart_item(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</li>\n")


def visit_card(self: HTML5Translator, node: nodes.Element) -> None:
    attributes = _attributes(node, CARD_DATA)
    if node.get("title_id"):
        attributes["aria-labelledby"] = node["title_id"]
    self.body.append(self.starttag(node, "article", **attributes))


def depart_card(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</article>\n")


def visit_title(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "p", ""))


def depart_title(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</p>\n")


def visit_meta(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "div", ""))


def depart_meta(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_abstract(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "details"))


def depart_abstract(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</details>\n")


def visit_summary(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def depart_summary(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</summary>\n")


def depart_inline_summary(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</summary>")


def _holds_details(node: nodes.Element) -> bool:
    return any(isinstance(child, readinglist_more) for child in node.children)


def visit_authors(self: HTML5Translator, node: nodes.Element) -> None:
    # details is flow content, which a span may not hold (HTML content model)
    tag = "div" if _holds_details(node) else "span"
    self.body.append(self.starttag(node, tag, ""))


def depart_authors(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>" if _holds_details(node) else "</span>")


def visit_more(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "details", ""))


def depart_more(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</details>")


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


def _depart_container(self: Any, node: nodes.Element) -> None:
    self.depart_container(node)


def setup_nodes(app: Sphinx) -> None:
    """Register the nodes and their HTML visitors."""
    app.add_node(readinglist_grid, html=(visit_grid, depart_grid))
    app.add_node(readinglist_item, html=(visit_item, depart_item))
    app.add_node(
        readinglist_card,
        html=(visit_card, depart_card),
        latex=(visit_card_latex, depart_card_latex),
        texinfo=(visit_card_texinfo, _depart_container),
    )
    app.add_node(
        readinglist_title,
        html=(visit_title, depart_title),
        latex=(visit_title_latex, depart_title_latex),
    )
    app.add_node(readinglist_meta, html=(visit_meta, depart_meta))
    app.add_node(readinglist_abstract, html=(visit_abstract, depart_abstract))
    app.add_node(readinglist_summary, html=(visit_summary, depart_summary))
    app.add_node(readinglist_authors, html=(visit_authors, depart_authors))
    app.add_node(readinglist_more, html=(visit_more, depart_more))
    app.add_node(readinglist_more_label, html=(visit_summary, depart_inline_summary))
