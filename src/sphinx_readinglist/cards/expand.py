"""The node emitter: a compact card expanded into docutils nodes, in place.

Every builder but HTML (LaTeX, text, man, texinfo, XML, gettext, linkcheck,
EPUB) writes the expanded card with the visitors it already has: paragraphs,
references, lists. It walks the same parts as the HTML writer
(:func:`.layout.card_layout`); each part is one case of :func:`_part`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from docutils import nodes
from sphinx_design.shared import create_component

from ..data.model import Resource
from ..i18n import _
from . import nodes as rl_nodes
from .labels import NO_PROJECT_LABELS, ProjectLabels, data_attributes
from .layout import (
    Authors,
    Badge,
    Body,
    BodyPart,
    Date,
    Extra,
    Fact,
    Identifiers,
    Image,
    Link,
    Links,
    MarkupChildren,
    Meta,
    Part,
    Tags,
    Title,
    Translations,
    card_layout,
    item_classes,
)


def _inline(item: Badge | Authors | Fact | Date | Link) -> nodes.Element:
    match item:
        case Badge(label, classes) | Fact(label, classes):
            return nodes.inline(label, label, classes=list(classes))
        case Date(text, iso, classes):
            return rl_nodes.readinglist_date(
                text, text, classes=list(classes), datetime=iso
            )
        case Authors():
            # every name, unfolded: paper, terminals and e-readers have no
            # <details> to open (the fold is HTML's only, see Authors)
            authors = rl_nodes.readinglist_authors("", classes=list(item.classes))
            for separator, name in item.names:
                if separator:
                    authors += nodes.Text(separator)
                authors += nodes.inline(name, name, classes=list(item.name_classes))
            return authors
        case Link(text, url, classes, strong):
            link = nodes.reference("", text, refuri=url, classes=list(classes))
            return nodes.strong("", "", link) if strong else link
    assert_never(item)


def _line(
    line: nodes.Element,
    items: tuple[tuple[str, Badge | Authors | Fact | Date | Link], ...],
) -> nodes.Element:
    for separator, item in items:
        if separator:
            line += nodes.Text(separator)
        line += _inline(item)
    return line


def _part(
    part: Part | BodyPart,
    image: Sequence[nodes.Node],
    markup: Sequence[nodes.Node],
) -> list[nodes.Node]:
    """The nodes of one part of the card; ``image`` and ``markup`` are its children."""
    match part:
        case Image():
            return list(image)
        case Body(parts, classes):
            body = create_component("card-body", list(classes))
            for body_part in parts:
                body.extend(_part(body_part, image, markup))
            return [body]
        case Title(text, url, id_, classes):
            title = rl_nodes.readinglist_title("", classes=list(classes), ids=[id_])
            title += (
                nodes.reference("", "", nodes.Text(text), refuri=url)
                if url
                else nodes.Text(text)
            )
            return [title]
        case Meta(items, classes):
            return [_line(rl_nodes.readinglist_meta("", classes=list(classes)), items)]
        case Identifiers(items, classes):
            return [_line(nodes.paragraph("", "", classes=list(classes)), items)]
        case MarkupChildren():
            return list(markup)
        case Links(links, classes):
            bullets = nodes.bullet_list("", classes=list(classes))
            for link in links:
                bullets += nodes.list_item("", nodes.paragraph("", "", _inline(link)))
            return [bullets]
        case Translations(label, links, classes, label_classes):
            paragraph = nodes.paragraph("", "", classes=list(classes))
            paragraph += nodes.inline("", label, classes=list(label_classes))
            return [_line(paragraph, links)]
        case Extra(rows, classes, label_classes, value_classes):
            # a definition list: each writer has one (<dl>, description)
            extra = nodes.definition_list("", classes=list(classes))
            for label, value in rows:
                extra += nodes.definition_list_item(
                    "",
                    nodes.term(label, label, classes=list(label_classes)),
                    nodes.definition(
                        "",
                        nodes.paragraph(value, value),
                        classes=list(value_classes),
                    ),
                )
            return [extra]
        case Tags(badges, classes):
            return [_line(nodes.paragraph("", "", classes=list(classes)), badges)]
    assert_never(part)


def _expand_abstract(abstract: rl_nodes.readinglist_abstract) -> None:
    label = str(_("Abstract"))
    body = create_component("abstract-body", ["readinglist-abstract-body"])
    body.extend(abstract.children)
    abstract.clear()
    abstract += rl_nodes.readinglist_summary(
        "", "", nodes.strong(label, label), classes=["readinglist-abstract-label"]
    )
    abstract += body


def expand_card(
    card: rl_nodes.readinglist_card,
    *,
    max_authors: int | None,
    isbn_resolver: str | None = None,
    language: str | None = None,
    new_since: str | None = None,
    project: ProjectLabels = NO_PROJECT_LABELS,
) -> None:
    """Give a compact card its parts as nodes, in reading order, in place.

    The card keeps its ids, classes and markup children, and moves into a
    grid column of its own.

    :param max_authors: ``readinglist_max_authors``, for the layout; the
        expanded card lists every author all the same.
    :param isbn_resolver: ``readinglist_isbn_resolver``, for the layout.
    :param language: Sphinx's ``language``, for the layout's dates.
    :param new_since: the first day of ``added`` shown as new, or None.
    :param project: the project's labels and extra fields, for the layout.
    """
    resource: Resource = card["resource"]
    layout = card["layout"]
    image = [child for child in card.children if isinstance(child, nodes.image)]
    markup = [
        child
        for child in card.children
        if not isinstance(child, nodes.image | rl_nodes.readinglist_search_text)
    ]
    for child in markup:
        if isinstance(child, rl_nodes.readinglist_abstract):
            _expand_abstract(child)
    parts = card_layout(
        resource,
        anchor=card["ids"][0],
        max_authors=max_authors,
        isbn_resolver=isbn_resolver,
        language=language,
        new_since=new_since,
        project=project,
    )
    card.clear()
    for part in parts:
        card.extend(_part(part, image, markup))
    for attribute in ("resource", "layout"):
        del card[attribute]
    for name, value in data_attributes(resource).items():
        card[name] = value
    # a broken link is reported at the directive that shows the card
    for reference in card.findall(nodes.reference):
        if reference.line is None:
            reference.source, reference.line = card.source, card.line
    item = rl_nodes.readinglist_item("", classes=item_classes(layout))
    card.parent.replace(card, item)  # not replace_self: the ids stay on the card
    item += card
