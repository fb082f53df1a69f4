"""Resources -> the compact doctree of a reading list, built when a page is read.

A card is read into the doctree in a compact form: the resource's plain fields
ride on the :class:`~.nodes.readinglist_card` node, and only what needs the
doctree machinery is a child node (the image, which the builder must copy; the
description and abstract, which hold parsed markup, references to resolve and
text to translate). Sphinx runs its transforms over every node of every page
on every read, and pickles and unpickles each one, so a card of five nodes
builds several times faster than one of forty.

HTML writes the compact card directly (:mod:`.html_writer`). Every other
builder gets it expanded (:mod:`.expand`) into ordinary docutils nodes that
its writer already knows: paragraphs, references, lists. Both follow the
card's one description, :func:`.layout.card_layout`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from docutils import nodes
from sphinx_design.grids import row_columns_option
from sphinx_design.shared import create_component

from ..data.extra import extra_text
from ..data.identifiers import isbn_digits
from ..data.model import Resource, Text
from ..text.tex import MATHJAX_IGNORE
from . import nodes as rl_nodes
from .labels import (
    NO_PROJECT_LABELS,
    ProjectLabels,
    kind_label,
    language_name,
    level_label,
    tag_label,
)
from .layout import CARD_CLASSES

#: Parses a markup field (``description`` or ``abstract``) of a resource.
ParseText = Callable[[Resource, Text, str], list[nodes.Node]]


@dataclass(frozen=True, slots=True)
class Card:
    """A resource as shown at one place: its HTML anchor and image URI."""

    resource: Resource
    anchor: str
    image_uri: str | None = None


def _search_text(
    resource: Resource, project: ProjectLabels
) -> rl_nodes.readinglist_search_text:
    """The card's plain fields as one text, for the HTML search index.

    Every ``extra`` value is in it, shown on the card or not.
    """
    words = [
        resource.title,
        *resource.authors,
        str(resource.year) if resource.year is not None else "",
        resource.venue or "",
        kind_label(resource, project) or "",
        level_label(resource) or "",
        *resource.tags,
        *(tag_label(tag, project) for tag in resource.tags if project.tag_labels),
        *(link.title for link in resource.links),
        *(language_name(code) for code, _url in resource.translations),
        *_identifier_words(resource),
        *(extra_text(value) for _name, value in resource.extra),
    ]
    text = " ".join(word for word in words if word)
    return rl_nodes.readinglist_search_text(text)


def _identifier_words(resource: Resource) -> list[str]:
    """The identifiers as a reader may search them: ``10.1038/nature14539``,
    ``arXiv:1502.03167``, an ISBN as written and as its digits."""
    words = [resource.doi or ""]
    if resource.arxiv:
        words += [f"arXiv:{resource.arxiv}", resource.arxiv]
    if resource.isbn:
        words += [resource.isbn, isbn_digits(resource.isbn)]
    return words


def render_card(
    card: Card,
    parse: ParseText,
    *,
    layout: str,
    project: ProjectLabels = NO_PROJECT_LABELS,
) -> rl_nodes.readinglist_card:
    """One card in compact form.

    :param card: the resource and where it is shown.
    :param parse: turns a markup field into nodes.
    :param layout: ``cards`` or ``list``.
    :param project: the project's labels of kinds and tags, searched too.
    """
    resource = card.resource
    node = rl_nodes.readinglist_card(
        "",
        classes=[
            *(CARD_CLASSES if layout == "cards" else ()),
            "readinglist-card",
        ],
        ids=[card.anchor],
        layout=layout,
        # the markup fields are children; the rest need not be pickled twice
        resource=replace(resource, description=None, abstract=None),
    )
    if card.image_uri:
        image = nodes.image(
            # a rawsource keeps Sphinx's ApplySourceWorkaround from resetting
            # the line below to 0
            card.image_uri,
            uri=card.image_uri,
            alt=resource.image_alt if resource.image_alt is not None else "",
            classes=["sd-card-img-top", "readinglist-image"],
        )
        # Sphinx's own image warnings then point at the YAML line (issue 11)
        where = resource.image_location or resource.location
        image.source, image.line = where.path, where.line
        node += image
    node += _search_text(resource, project)
    if resource.description:
        description = create_component("description", ["readinglist-description"])
        description.extend(parse(resource, resource.description, "description"))
        node += description
    if resource.abstract:
        abstract = rl_nodes.readinglist_abstract("", classes=["readinglist-abstract"])
        abstract.extend(parse(resource, resource.abstract, "abstract"))
        node += abstract
    return node


def render_grid(
    cards: Sequence[Card],
    parse: ParseText,
    *,
    layout: str,
    columns: str,
    labels: ProjectLabels = NO_PROJECT_LABELS,
) -> rl_nodes.readinglist_grid:
    """A list of cards: a sphinx-design grid row, or a compact list.

    :param labels: the project's labels of kinds and tags, searched too.
    """
    # the gap itself comes from --readinglist-gap in the stylesheet
    grid = empty_grid(layout, row_columns_option(columns))
    for card in cards:
        grid += render_card(card, parse, layout=layout, project=labels)
    return grid


def empty_grid(layout: str, columns: Sequence[str]) -> rl_nodes.readinglist_grid:
    """The list that cards go in (a list's, or a tag page's).

    :param columns: sphinx-design's classes of columns per screen width,
        for the ``cards`` layout.
    """
    row = ["sd-row", *columns] if layout == "cards" else []
    return rl_nodes.readinglist_grid(
        "",
        classes=[
            *row,
            "readinglist-grid",
            f"readinglist-layout-{layout}",
            # "$$...$$" in a title is text, not math: MathJax skips what the
            # list holds, but for the formulas of descriptions (see
            # text.mathjax); once for the list, not once a card
            *MATHJAX_IGNORE,
        ],
    )


def render_group_title(text: str) -> nodes.rubric:
    """A group heading that stays out of the table of contents."""
    return nodes.rubric(text, text, classes=["readinglist-group", *MATHJAX_IGNORE])
