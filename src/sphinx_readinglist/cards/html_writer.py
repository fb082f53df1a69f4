"""The HTML emitter: cards written as HTML, straight from their compact nodes.

The markup is semantic where a ``div`` cannot be: the grid is a list of
``article`` cards, each labelled by its title; an abstract and a long author
list are ``details`` that open on demand. Every value from the data goes
through the translator's ``encode`` or ``attval``: text cannot become markup.

A card's parts come from :func:`.layout.card_layout`, as for the expanded
card (:mod:`.expand`); each part is one case of :func:`_part`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, assert_never

from docutils import nodes

from ..i18n import _
from ..new_badge import new_since
from ..tag_pages import tag_page_urls
from ..vocabulary import project_labels
from .labels import DATA_NAMES, ProjectLabels, data_attributes
from .layout import (
    TITLE_SUFFIX,
    Authors,
    Badge,
    Body,
    Date,
    Extra,
    Fact,
    Identifiers,
    Image,
    Link,
    Links,
    MarkupChildren,
    Meta,
    Tags,
    Title,
    Translations,
    card_layout,
    item_classes,
)
from .nodes import readinglist_search_text, readinglist_summary

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.writers.html5 import HTML5Translator

    from ..data.model import Resource
    from .layout import BodyPart, Part


#: The layout's constant separators: nothing in them to escape, and a card
#: has dozens of them (a translated " and " is escaped all the same)
_PLAIN = frozenset(("", " ", ", ", " · "))


def _separator(self: HTML5Translator, text: str) -> str:
    return text if text in _PLAIN else self.encode(text)


def _span(self: HTML5Translator, text: str, classes: Sequence[str]) -> str:
    return f'<span class="{" ".join(classes)}">{self.encode(text)}</span>'


def _link(self: HTML5Translator, text: str, url: str, classes: str = "") -> str:
    # as Sphinx writes a reference with a refuri
    css = f"{classes} reference external" if classes else "reference external"
    shown = self.encode(text)
    if url.startswith("mailto:") and self.settings.cloak_email_addresses:
        # hidden from address harvesters, as docutils hides a mailto link
        self.in_mailto = True
        try:
            href = self.attval(self.cloak_mailto(url))
            shown = self.cloak_email(shown)
        finally:
            self.in_mailto = False
    else:
        href = self.attval(url)
    return f'<a class="{self.attval(css)}" href="{href}">{shown}</a>'


def _authors(self: HTML5Translator, authors: Authors) -> str:
    names = [
        (separator, _span(self, name, authors.name_classes))
        for separator, name in authors.names
    ]
    shown = names if authors.fold_after is None else names[: authors.fold_after]
    line = "".join(_separator(self, sep) + name for sep, name in shown)
    css = " ".join(authors.classes)
    if authors.fold_after is None:
        return f'<span class="{css}">{line}</span>'
    # HTML only: the names after fold_after open on demand (see Authors)
    hidden = [name for _sep, name in names[authors.fold_after :]]
    label = str(_("and {count} more")).format(count=len(hidden))
    # details is flow content, which a span may not hold (HTML content model)
    return (
        f'<div class="{css}">{line}<details class="readinglist-authors-more">'
        f"<summary> {self.encode(label)}</summary> {', '.join(hidden)}</details></div>"
    )


def _inline(self: HTML5Translator, item: Badge | Authors | Fact | Date | Link) -> str:
    match item:
        case Badge(label, classes, url) if url:
            # the badge itself unchanged inside, so themes still style it
            badge = _span(self, label, classes)
            return (
                f'<a class="reference internal" href="{self.attval(url)}">{badge}</a>'
            )
        case Badge(label, classes) | Fact(label, classes):
            return _span(self, label, classes)
        case Date(text, iso, classes):
            return _time(self, text, iso, classes)
        case Authors():
            return _authors(self, item)
        case Link(text, url, classes, strong):
            link = _link(self, text, url, " ".join(classes))
            return f"<strong>{link}</strong>" if strong else link
    assert_never(item)


def _time(self: HTML5Translator, text: str, iso: str, classes: Sequence[str]) -> str:
    """A date in words, with its ISO form for machines."""
    return (
        f'<time class="{" ".join(classes)}" datetime="{self.attval(iso)}">'
        f"{self.encode(text)}</time>"
    )


def _line(
    self: HTML5Translator,
    items: tuple[tuple[str, Badge | Authors | Fact | Date | Link], ...],
) -> str:
    return "".join(_separator(self, sep) + _inline(self, item) for sep, item in items)


def _part(
    self: HTML5Translator,
    part: Part | BodyPart,
    image: Sequence[nodes.Node],
    markup: Sequence[nodes.Node],
) -> None:
    """Write one part of the card; ``image`` and ``markup`` are its children."""
    match part:
        case Image():
            for child in image:
                child.walkabout(self)
        case Body(parts, classes):
            # as sphinx-design writes its components: "docutils", no "container"
            self.body.append(f'<div class="{" ".join(classes)} docutils">\n')
            for body_part in parts:
                _part(self, body_part, image, markup)
            self.body.append("</div>\n")
        case Title(text, url, id_, classes):
            shown = _link(self, text, url) if url else self.encode(text)
            self.body.append(
                f'<p class="{" ".join(classes)}" id="{self.attval(id_)}">{shown}</p>\n'
            )
        case Meta(items, classes):
            self.body.append(
                f'<div class="{" ".join(classes)}">{_line(self, items)}</div>\n'
            )
        case Identifiers(items, classes):
            self.body.append(
                f'<p class="{" ".join(classes)}">{_line(self, items)}</p>\n'
            )
        case MarkupChildren():
            for child in markup:
                child.walkabout(self)
        case Links(links, classes):
            # "simple", as docutils marks a list of one-paragraph items
            rows = "".join(f"<li><p>{_inline(self, link)}</p></li>\n" for link in links)
            self.body.append(f'<ul class="{" ".join(classes)} simple">\n{rows}</ul>\n')
        case Translations(label, links, classes, label_classes):
            label_ = _span(self, label, label_classes)
            self.body.append(
                f'<p class="{" ".join(classes)}">{label_}{_line(self, links)}</p>\n'
            )
        case Extra(rows, classes, label_classes, value_classes):
            # as Sphinx writes a definition list of one-paragraph items
            terms = " ".join(label_classes)
            values = " ".join(value_classes)
            entries = "".join(
                f'<dt class="{terms}">{self.encode(label)}</dt>'
                f'<dd class="{values}"><p>{self.encode(value)}</p>\n</dd>\n'
                for label, value in rows
            )
            self.body.append(
                f'<dl class="simple {" ".join(classes)}">\n{entries}</dl>\n'
            )
        case Tags(badges, classes):
            self.body.append(
                f'<p class="{" ".join(classes)}">{_line(self, badges)}</p>\n'
            )
        case _:
            assert_never(part)


def visit_grid(self: HTML5Translator, node: nodes.Element) -> None:
    # role=list: Safari drops list semantics from a ul styled list-style: none
    self.body.append(self.starttag(node, "ul", role="list"))


def depart_grid(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</ul>\n")


def visit_item(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "li"))


def depart_item(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</li>\n")


def _project_labels(self: HTML5Translator) -> ProjectLabels:
    """The project's labels, read from the config once per page."""
    labels: ProjectLabels | None = getattr(self, "_readinglist_labels", None)
    if labels is None:
        labels = project_labels(self.config)
        self._readinglist_labels = labels  # type: ignore[attr-defined]
    return labels


def visit_card(self: HTML5Translator, node: nodes.Element) -> None:
    """Write a compact card whole: its fields, and its child nodes in place.

    An expanded card (see :class:`~.transforms.ExpandCards`) is only the
    ``article`` around its child nodes.
    """
    article = self.starttag(node, "article", **_card_attributes(node))
    if "resource" not in node:
        self.body.append(article)
        return
    resource: Resource = node["resource"]
    self.body.append(
        f'<li class="{" ".join(item_classes(node["layout"]))}">\n{article}'
    )
    image, markup = [], []
    for child in node.children:
        if isinstance(child, nodes.image):
            image.append(child)
        elif not isinstance(child, readinglist_search_text):
            markup.append(child)
    parts = card_layout(
        resource,
        anchor=node["ids"][0],
        max_authors=self.config.readinglist_max_authors,
        isbn_resolver=self.config.readinglist_isbn_resolver,
        language=self.config.language,
        new_since=new_since(self.builder.env),
        project=_project_labels(self),
        tag_url=tag_page_urls(self.builder, node.get("pagename")),
    )
    for part in parts:
        _part(self, part, image, markup)
    self.body.append("</article>\n</li>\n")
    raise nodes.SkipNode


def depart_card(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</article>\n")


def _card_attributes(node: nodes.Element) -> dict[str, Any]:
    if "resource" in node:
        attributes: dict[str, Any] = data_attributes(node["resource"])
    else:  # expanded: the values are on the node
        attributes = {name: node[name] for name in DATA_NAMES if node.get(name)}
    attributes["aria-labelledby"] = node["ids"][0] + TITLE_SUFFIX
    return attributes


def _expanded(abstract: nodes.Element) -> bool:
    """Whether an abstract has its label and body as child nodes (in EPUB)."""
    return any(isinstance(child, readinglist_summary) for child in abstract.children)


def visit_abstract(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "details"))
    if _expanded(node):
        return
    label = self.encode(str(_("Abstract")))
    self.body.append(
        '<summary class="readinglist-abstract-label">'
        f"<strong>{label}</strong></summary>\n"
        '<div class="readinglist-abstract-body docutils">\n'
    )


def depart_abstract(self: HTML5Translator, node: nodes.Element) -> None:
    if not _expanded(node):
        self.body.append("</div>\n")
    self.body.append("</details>\n")


def visit_summary(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def depart_summary(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</summary>\n")


def visit_deleted(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "del", ""))


def depart_deleted(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</del>")


def visit_date(self: HTML5Translator, node: nodes.Element) -> None:
    # an expanded card's date (EPUB), written as the compact card writes it
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_date(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</time>")
