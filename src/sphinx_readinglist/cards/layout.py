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

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeAlias, TypeVar

from ..data.extra import extra_text
from ..data.identifiers import arxiv_url, doi_url, isbn_url
from ..data.model import Resource
from ..i18n import _
from .labels import (
    NO_PROJECT_LABELS,
    ProjectLabels,
    author_separators,
    date_label,
    kind_label,
    language_name,
    level_label,
    tag_label,
    tag_slug,
)

#: A tag's slug -> the address of its page, or None when it has none.
TagUrl: TypeAlias = Callable[[str], str | None]

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
DEAD_CLASSES = ("sd-badge", "sd-outline-danger", "sd-text-danger", "readinglist-dead")
#: The "New" badge of an entry added lately (``readinglist_new_days``).
NEW_CLASSES = ("sd-badge", "sd-outline-success", "sd-text-success", "readinglist-new")
#: The classes of each identifier; the filter's text search reads
#: ``readinglist-identifier``.
DOI_CLASSES = ("readinglist-identifier", "readinglist-doi")
ARXIV_CLASSES = ("readinglist-identifier", "readinglist-arxiv")
ISBN_CLASSES = ("readinglist-identifier", "readinglist-isbn")
ARCHIVE_CLASSES = ("readinglist-archive",)


def item_classes(layout: str) -> list[str]:
    """The classes of the grid column (a list item) that holds a card."""
    return [*(ITEM_CLASSES if layout == "cards" else ()), "readinglist-item"]


# -- the inline parts: a line is a sequence of (separator, item) pairs, the
# separator written before its item ("" before the first)


@dataclass(frozen=True, slots=True)
class Badge:
    """A short label in a box: the kind, the level, a tag.

    ``url``: where a tag's badge links, its tag page (HTML only, see
    :mod:`~sphinx_readinglist.tag_pages`); other outputs show it plain.
    """

    label: str
    classes: tuple[str, ...]
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """A plain value of the meta line: the year, the venue."""

    text: str
    classes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Date:
    """The date of the meta line, in words (``May 27, 2015``), and as
    written (``2015-05-27``) for machines: HTML's ``<time datetime>``."""

    text: str
    iso: str
    classes: tuple[str, ...] = ("readinglist-date",)


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
    """A link: its text and address; ``strong`` when it stands in for the
    title's (the archived copy of a dead link)."""

    text: str
    url: str
    classes: tuple[str, ...] = ()
    strong: bool = False


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

    items: tuple[tuple[str, Badge | Authors | Fact | Date], ...]
    classes: tuple[str, ...] = ("readinglist-meta",)


@dataclass(frozen=True, slots=True)
class Identifiers:
    """The line of the archived copy and the identifiers: DOI, arXiv, ISBN."""

    items: tuple[tuple[str, Link | Fact], ...]
    classes: tuple[str, ...] = ("readinglist-identifiers",)


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
class Extra:
    """The extra fields that ``readinglist_show_extra`` lists: a definition
    list of (label, value) rows, in the order of the setting."""

    rows: tuple[tuple[str, str], ...]
    classes: tuple[str, ...] = ("readinglist-extra",)
    label_classes: tuple[str, ...] = ("readinglist-extra-label",)
    value_classes: tuple[str, ...] = ("readinglist-extra-value",)


@dataclass(frozen=True, slots=True)
class Tags:
    """The tags, as badges."""

    badges: tuple[tuple[str, Badge], ...]
    classes: tuple[str, ...] = ("readinglist-tags",)


T = TypeVar("T")

BodyPart: TypeAlias = (
    Title | Meta | Identifiers | MarkupChildren | Extra | Links | Translations | Tags
)


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


def _meta(
    resource: Resource,
    max_authors: int | None,
    language: str | None,
    new_since: str | None,
    project: ProjectLabels,
) -> Meta | None:
    badges: list[Badge | Authors | Fact | Date] = [
        Badge(label, classes)
        for label, classes in (
            (str(_("dead link")) if _dead(resource) else None, DEAD_CLASSES),
            (str(_("New")) if is_new(resource, new_since) else None, NEW_CLASSES),
            (kind_label(resource, project), KIND_CLASSES),
            (level_label(resource), LEVEL_CLASSES),
        )
        if label
    ]
    facts: list[Badge | Authors | Fact | Date] = []
    if resource.authors:
        count = len(resource.authors)
        # "and 1 more" saves nothing: fold two or more names
        fold = max_authors if max_authors and count > max_authors + 1 else None
        names = tuple(zip(author_separators(count), resource.authors, strict=True))
        facts.append(Authors(names, fold))
    if resource.date:
        # at the precision written: a day, or a month (#15)
        facts.append(Date(date_label(resource.date, language), resource.date))
    elif resource.year is not None:
        facts.append(Fact(str(resource.year), ("readinglist-year",)))
    if resource.venue:
        facts.append(Fact(resource.venue, ("readinglist-venue",)))
    if not badges and not facts:
        return None
    return Meta(
        _separated(badges, "", " ") + _separated(facts, " " if badges else "", " · ")
    )


def _extra(resource: Resource, project: ProjectLabels) -> Extra | None:
    """The rows of the extra fields shown: the setting's names, in its
    order, that the entry has with a value that is not blank."""
    if not project.extra or not resource.extra:
        return None
    values = dict(resource.extra)
    rows = tuple(
        (label, text)
        for name, label in project.extra
        if name in values and (text := extra_text(values[name])).strip()
    )
    return Extra(rows) if rows else None


def _dead(resource: Resource) -> bool:
    return resource.status == "dead"


def is_new(resource: Resource, new_since: str | None) -> bool:
    """Whether the "New" badge shows: the entry was added on ``new_since``
    (a ``YYYY-MM-DD`` day) or later; never when ``new_since`` is None."""
    return bool(new_since and resource.added and resource.added >= new_since)


def title_url(resource: Resource) -> str | None:
    """Where the title links: the ``url``, else the DOI's, else the arXiv
    page; nowhere when the resource's link is dead."""
    if _dead(resource):
        return None
    if resource.url:
        return resource.url
    if resource.doi:
        return doi_url(resource.doi)
    return arxiv_url(resource.arxiv) if resource.arxiv else None


def _identifiers(resource: Resource, isbn_resolver: str | None) -> Identifiers | None:
    items: list[Link | Fact] = []
    if resource.doi:
        items.append(
            Link(f"{_('DOI')} {resource.doi}", doi_url(resource.doi), DOI_CLASSES)
        )
    if resource.arxiv:
        items.append(
            Link(f"arXiv:{resource.arxiv}", arxiv_url(resource.arxiv), ARXIV_CLASSES)
        )
    if resource.isbn:
        text = f"{_('ISBN')} {resource.isbn}"
        items.append(
            Link(text, isbn_url(resource.isbn, isbn_resolver), ISBN_CLASSES)
            if isbn_resolver
            else Fact(text, ISBN_CLASSES)
        )
    if resource.archive:
        # when the title links nowhere, the archived copy is the way in: first,
        # and strong
        dead = _dead(resource)
        archive = Link(
            str(_("Archived copy")), resource.archive, ARCHIVE_CLASSES, strong=dead
        )
        if dead:
            items.insert(0, archive)
        else:
            items.append(archive)
    return Identifiers(_separated(items, "", " · ")) if items else None


def _body(
    resource: Resource,
    anchor: str,
    max_authors: int | None,
    isbn_resolver: str | None,
    language: str | None,
    new_since: str | None,
    project: ProjectLabels,
    tag_url: TagUrl | None = None,
) -> Body:
    parts: list[BodyPart | None] = [
        Title(resource.title, title_url(resource), anchor + TITLE_SUFFIX),
        _meta(resource, max_authors, language, new_since, project),
        _identifiers(resource, isbn_resolver),
        MarkupChildren(),
        _extra(resource, project),
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
                _separated(
                    (
                        Badge(
                            tag_label(tag, project),
                            TAG_CLASSES,
                            tag_url(tag_slug(tag)) if tag_url else None,
                        )
                        for tag in resource.tags
                    ),
                    "",
                    " ",
                )
            )
        )
    return Body(tuple(part for part in parts if part is not None))


def card_layout(
    resource: Resource,
    *,
    anchor: str,
    max_authors: int | None,
    isbn_resolver: str | None = None,
    language: str | None = None,
    new_since: str | None = None,
    project: ProjectLabels = NO_PROJECT_LABELS,
    tag_url: TagUrl | None = None,
) -> tuple[Part, ...]:
    """The parts of a resource's card, in reading order.

    :param resource: the resource shown.
    :param anchor: the card's id; the title's is derived from it.
    :param max_authors: ``readinglist_max_authors``: how many authors HTML
        shows before folding the rest (0 or None: no folding).
    :param isbn_resolver: ``readinglist_isbn_resolver``, checked: the address
        an ISBN links to, with ``{isbn}`` for its digits; None: not linked.
    :param language: Sphinx's ``language``, in which a ``date`` is written.
    :param new_since: the first day of ``added`` that gets the "New" badge
        (see :func:`.dates.new_since`); None: no badge.
    :param project: the project's kinds, labels of kinds and tags, and the
        extra fields it shows (``readinglist_show_extra``).
    :param tag_url: where each tag's badge links, by the tag's slug (the
        tag pages, in HTML); None: badges link nowhere.
    :return: the image marker, then the body with its parts; parts with
        nothing to show are left out.
    """
    return (
        Image(),
        _body(
            resource,
            anchor,
            max_authors,
            isbn_resolver,
            language,
            new_since,
            project,
            tag_url,
        ),
    )
