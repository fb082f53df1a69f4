"""A card described once: a resource -> the card's parts, in reading order.

Two emitters write a card: the HTML writer (:mod:`.html_writer`), straight
from the compact card, and the node expansion (:mod:`.expand`) that every
other builder, EPUB included, walks. Both walk :func:`card_layout`, so a new
field is one part here plus one case in each emitter, and the two outputs
cannot drift apart (``tests/test_layout.py`` compares them).

A part holds plain text: each emitter escapes it (HTML) or wraps it in
``nodes.Text`` (docutils), so no value from the data becomes markup. Where
the outputs differ on purpose, the part says so once (see
:attr:`Authors.fold_after`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias, TypeVar

from ..data.model import Resource
from ..i18n import _
from .labels import author_separators, kind_label, language_name, level_label

#: What a card's title adds to the card's anchor to make its own id.
TITLE_SUFFIX = "-title"
#: The classes of a card, of its grid column, and of its badges, by layout.
CARD_CLASSES = ("sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm")
ITEM_CLASSES = ("sd-col", "sd-d-flex-row")
KIND_CLASSES = ("sd-badge", "sd-bg-primary", "sd-bg-text-primary", "readinglist-kind")
LEVEL_CLASSES = (
    "sd-badge",
    "sd-outline-primary",
    "sd-text-primary",
    "readinglist-level",
)
TAG_CLASSES = (
    "sd-badge",
    "sd-outline-secondary",
    "sd-text-secondary",
    "readinglist-tag",
)


def item_classes(layout: str) -> list[str]:
    """The classes of the grid column (a list item) that holds a card."""
    return [*(ITEM_CLASSES if layout == "cards" else ()), "readinglist-item"]


# -- the inline parts: a line is a sequence of (separator, item) pairs, the
# separator written before its item ("" before the first)


@dataclass(frozen=True, slots=True)
class Badge:
    """A short label in a box: the kind, the level, a tag."""

    label: str
    classes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Fact:
    """A plain value of the meta line: the year, the venue."""

    text: str
    classes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Authors:
    """The author list: each name after its separator (", " or " and ")."""

    names: tuple[tuple[str, str], ...]
    #: How many names HTML shows before folding the rest in ``<details>``,
    #: or None when it shows them all. The expanded card (printed outputs,
    #: EPUB, whose readers often ignore ``<details>``) always lists every name.
    fold_after: int | None
    classes: tuple[str, ...] = ("readinglist-authors",)
    name_classes: tuple[str, ...] = ("readinglist-author",)


@dataclass(frozen=True, slots=True)
class Link:
    """A link: its text and address."""

    text: str
    url: str
    classes: tuple[str, ...] = ()


# -- the block parts of the card body, in order


@dataclass(frozen=True, slots=True)
class Title:
    """The title, a link when the resource has a URL; ``id`` labels the card."""

    text: str
    url: str | None
    id: str
    classes: tuple[str, ...] = ("sd-card-title", "readinglist-title")


@dataclass(frozen=True, slots=True)
class Meta:
    """The line of badges, authors, year and venue."""

    items: tuple[tuple[str, Badge | Authors | Fact], ...]
    classes: tuple[str, ...] = ("readinglist-meta",)


@dataclass(frozen=True, slots=True)
class MarkupChildren:
    """Where the card's parsed children go: description, then abstract."""


@dataclass(frozen=True, slots=True)
class Links:
    """The list of further links."""

    links: tuple[Link, ...]
    classes: tuple[str, ...] = ("readinglist-links",)


@dataclass(frozen=True, slots=True)
class Translations:
    """The label, then each translation's language name as a link."""

    label: str
    links: tuple[tuple[str, Link], ...]
    classes: tuple[str, ...] = ("readinglist-translations",)
    label_classes: tuple[str, ...] = ("readinglist-label",)


@dataclass(frozen=True, slots=True)
class Tags:
    """The tags, as badges."""

    badges: tuple[tuple[str, Badge], ...]
    classes: tuple[str, ...] = ("readinglist-tags",)


T = TypeVar("T")

BodyPart: TypeAlias = Title | Meta | MarkupChildren | Links | Translations | Tags


# -- the card


@dataclass(frozen=True, slots=True)
class Image:
    """Where the card's image child goes (before the body)."""


@dataclass(frozen=True, slots=True)
class Body:
    """The card's body and its parts."""

    parts: tuple[BodyPart, ...]
    classes: tuple[str, ...] = ("sd-card-body", "readinglist-body")


Part: TypeAlias = Image | Body


def _separated(items: Iterable[T], first: str, then: str) -> tuple[tuple[str, T], ...]:
    """Each item after its separator: ``first`` before the first, then ``then``."""
    return tuple((then if i else first, item) for i, item in enumerate(items))


def _meta(resource: Resource, max_authors: int | None) -> Meta | None:
    badges: list[Badge | Authors | Fact] = [
        Badge(label, classes)
        for label, classes in (
            (kind_label(resource), KIND_CLASSES),
            (level_label(resource), LEVEL_CLASSES),
        )
        if label
    ]
    facts: list[Badge | Authors | Fact] = []
    if resource.authors:
        count = len(resource.authors)
        # "and 1 more" saves nothing: fold two or more names
        fold = max_authors if max_authors and count > max_authors + 1 else None
        names = tuple(zip(author_separators(count), resource.authors, strict=True))
        facts.append(Authors(names, fold))
    if resource.year is not None:
        facts.append(Fact(str(resource.year), ("readinglist-year",)))
    if resource.venue:
        facts.append(Fact(resource.venue, ("readinglist-venue",)))
    if not badges and not facts:
        return None
    return Meta(
        _separated(badges, "", " ") + _separated(facts, " " if badges else "", " · ")
    )


def _body(resource: Resource, anchor: str, max_authors: int | None) -> Body:
    parts: list[BodyPart | None] = [
        Title(resource.title, resource.url, anchor + TITLE_SUFFIX),
        _meta(resource, max_authors),
        MarkupChildren(),
    ]
    if resource.links:
        parts.append(
            Links(tuple(Link(link.title, link.url) for link in resource.links))
        )
    if resource.translations:
        parts.append(
            Translations(
                str(_("Translations:")),
                _separated(
                    (
                        Link(language_name(code), url, (f"lang-{code}",))
                        for code, url in resource.translations
                    ),
                    " ",  # after the label
                    ", ",
                ),
            )
        )
    if resource.tags:
        parts.append(
            Tags(
                _separated((Badge(tag, TAG_CLASSES) for tag in resource.tags), "", " ")
            )
        )
    return Body(tuple(part for part in parts if part is not None))


def card_layout(
    resource: Resource, *, anchor: str, max_authors: int | None
) -> tuple[Part, ...]:
    """The parts of a resource's card, in reading order.

    :param resource: the resource shown.
    :param anchor: the card's id; the title's is derived from it.
    :param max_authors: ``readinglist_max_authors``: how many authors HTML
        shows before folding the rest (0 or None: no folding).
    :return: the image marker, then the body with its parts; parts with
        nothing to show are left out.
    """
    return (Image(), _body(resource, anchor, max_authors))
