"""Cards written as HTML, straight from their compact nodes.

The markup is semantic where a ``div`` cannot be: the grid is a list of
``article`` cards, each labelled by its title; an abstract and a long author
list are ``details`` that open on demand. Every value from the data goes
through the translator's ``encode`` or ``attval``: text cannot become markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..i18n import _
from .nodes import readinglist_search_text, readinglist_summary
from .render import (
    DATA_NAMES,
    ITEM_CLASSES,
    KIND_CLASSES,
    LEVEL_CLASSES,
    TAG_CLASSES,
    author_separator,
    data_attributes,
    kind_label,
    language_name,
    level_label,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.writers.html5 import HTML5Translator

    from ..data.model import Resource


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


def _authors(self: HTML5Translator, authors: Sequence[str]) -> str:
    # an EPUB lists every author (its cards are expanded: e-readers often
    # ignore <details>); "and 1 more" saves nothing: fold two or more names
    limit = self.config.readinglist_max_authors
    shown = limit if limit and len(authors) > limit + 1 else len(authors)
    names = [_span(self, author, ("readinglist-author",)) for author in authors]
    out = [names[0]]
    for i in range(1, shown):
        out += [self.encode(author_separator(i, len(authors))), names[i]]
    if shown == len(authors):
        return f'<span class="readinglist-authors">{"".join(out)}</span>'
    hidden = names[shown:]
    label = str(_("and {count} more")).format(count=len(hidden))
    # details is flow content, which a span may not hold (HTML content model)
    out.append(
        '<details class="readinglist-authors-more">'
        f"<summary> {self.encode(label)}</summary> {', '.join(hidden)}</details>"
    )
    return f'<div class="readinglist-authors">{"".join(out)}</div>'


def _meta(self: HTML5Translator, resource: Resource) -> str:
    badges = [
        _span(self, label, classes)
        for label, classes in (
            (kind_label(resource), KIND_CLASSES),
            (level_label(resource), LEVEL_CLASSES),
        )
        if label
    ]
    facts = []
    if resource.authors:
        facts.append(_authors(self, resource.authors))
    if resource.year is not None:
        facts.append(_span(self, str(resource.year), ("readinglist-year",)))
    if resource.venue:
        facts.append(_span(self, resource.venue, ("readinglist-venue",)))
    if not badges and not facts:
        return ""
    line = " ".join(badges)
    if facts:
        line += (" " if badges else "") + " · ".join(facts)
    return f'<div class="readinglist-meta">{line}</div>\n'


def _title(self: HTML5Translator, resource: Resource, anchor: str) -> str:
    text = (
        _link(self, resource.title, resource.url)
        if resource.url
        else self.encode(resource.title)
    )
    return (
        f'<p class="sd-card-title readinglist-title" id="{self.attval(anchor)}-title">'
        f"{text}</p>\n"
    )


def _links(self: HTML5Translator, resource: Resource) -> str:
    if not resource.links:
        return ""
    items = "".join(
        f"<li><p>{_link(self, link.title, link.url)}</p></li>\n"
        for link in resource.links
    )
    return f'<ul class="readinglist-links simple">\n{items}</ul>\n'


def _translations(self: HTML5Translator, resource: Resource) -> str:
    if not resource.translations:
        return ""
    label = _span(self, str(_("Translations:")), ("readinglist-label",))
    languages = ", ".join(
        _link(self, language_name(code), url, f"lang-{code}")
        for code, url in resource.translations
    )
    return f'<p class="readinglist-translations">{label} {languages}</p>\n'


def _tags(self: HTML5Translator, resource: Resource) -> str:
    if not resource.tags:
        return ""
    tags = " ".join(_span(self, tag, TAG_CLASSES) for tag in resource.tags)
    return f'<p class="readinglist-tags">{tags}</p>\n'


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
    """Write a compact card whole: its fields, and its child nodes in place.

    An expanded card (see :class:`~.transforms.ExpandCards`) is only the
    ``article`` around its child nodes.
    """
    article = self.starttag(node, "article", **_card_attributes(node))
    if "resource" not in node:
        self.body.append(article)
        return
    resource: Resource = node["resource"]
    anchor = node["ids"][0]
    item = [*(ITEM_CLASSES if node["layout"] == "cards" else ()), "readinglist-item"]
    self.body.append(f'<li class="{" ".join(item)}">\n{article}')
    children = [c for c in node.children if not isinstance(c, readinglist_search_text)]
    for image in children:
        if isinstance(image, nodes.image):
            image.walkabout(self)
    self.body.append('<div class="sd-card-body readinglist-body docutils">\n')
    self.body.append(_title(self, resource, anchor) + _meta(self, resource))
    for child in children:
        if not isinstance(child, nodes.image):
            child.walkabout(self)
    self.body.append(
        _links(self, resource) + _translations(self, resource) + _tags(self, resource)
    )
    self.body.append("</div>\n</article>\n</li>\n")
    raise nodes.SkipNode


def depart_card(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</article>\n")


def _card_attributes(node: nodes.Element) -> dict[str, Any]:
    if "resource" in node:
        attributes: dict[str, Any] = data_attributes(node["resource"])
    else:  # expanded: the values are on the node
        attributes = {name: node[name] for name in DATA_NAMES if node.get(name)}
    attributes["aria-labelledby"] = f"{node['ids'][0]}-title"
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
