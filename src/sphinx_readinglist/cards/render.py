"""Resources -> docutils nodes shaped like sphinx-design grids and cards.

A card is read into the doctree in a compact form: the resource's plain fields
ride on the :class:`~.nodes.readinglist_card` node, and only what needs the
doctree machinery is a child node (the image, which the builder must copy; the
description and abstract, which hold parsed markup, references to resolve and
text to translate). Sphinx runs its transforms over every node of every page
on every read, and pickles and unpickles each one, so a card of five nodes
builds several times faster than one of forty.

HTML writes the compact card directly (:mod:`.html`). Every other builder
gets it expanded by :func:`expand_card` into ordinary docutils nodes that
its writer already knows: paragraphs, references, lists.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from docutils import nodes
from sphinx_design.grids import row_columns_option
from sphinx_design.shared import create_component

from ..data.model import Resource, Text
from ..i18n import _
from ..text.tex import MATHJAX_IGNORE
from . import nodes as rl_nodes

KIND_LABELS = {
    "paper": _("Paper"),
    "book": _("Book"),
    "course": _("Course"),
    "video": _("Video"),
    "blog": _("Blog"),
    "article": _("Article"),
    "website": _("Website"),
    "tool": _("Tool"),
    "list": _("List"),
    "talk": _("Talk"),
    "podcast": _("Podcast"),
    "other": _("Other"),
}
LEVEL_LABELS = {
    "beginner": _("Beginner"),
    "intermediate": _("Intermediate"),
    "advanced": _("Advanced"),
}

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

#: Parses a markup field (``description`` or ``abstract``) of a resource.
ParseText = Callable[[Resource, Text, str], list[nodes.Node]]


@dataclass(frozen=True, slots=True)
class Card:
    """A resource as shown at one place: its HTML anchor and image URI."""

    resource: Resource
    anchor: str
    image_uri: str | None = None


def kind_label(resource: Resource) -> str | None:
    """The translated label of the resource's kind."""
    return str(KIND_LABELS[resource.kind]) if resource.kind else None


def level_label(resource: Resource) -> str | None:
    """The translated label of the resource's level."""
    return str(LEVEL_LABELS[resource.level]) if resource.level else None


def author_separator(index: int, count: int) -> str:
    """What comes before author ``index`` (from 1) of ``count``: ", " or " and "."""
    return str(_(" and ")) if index == count - 1 else ", "


@lru_cache(maxsize=1024)
def language_name(code: str) -> str:
    """``fr`` -> ``français``: each language in its own name, as users look for it.

    A code that babel does not know, or reads as another language or region
    (``und`` as English, ``en-ZZ`` as American English), is shown as written.
    """
    try:
        from babel import Locale
        from babel.core import UnknownLocaleError, parse_locale

        language, territory, script, *_variants = parse_locale(code, sep="-")
        locale = Locale.parse(code, sep="-")
        name = locale.get_display_name()
    # babel raises its own error for a well-formed unknown code (issue 11)
    except (ImportError, ValueError, TypeError, LookupError, UnknownLocaleError):
        return code
    written = (
        language.lower(),
        territory and territory.upper(),
        script and script.title(),
    )
    read = (
        locale.language,
        territory and locale.territory,
        script and locale.script,
    )
    return name if name and written == read else code


#: What separates the slugs in a card's ``data-tags``, and the values of a
#: facet in the page's URL: readinglist.js splits on this character only.
TAG_SEPARATOR = " "

# ASCII words are split on controls and the space (the only ASCII whitespace)
_ASCII_BREAKS = re.compile(r"[\x00-\x20\x7f]+")


def _slug_char(char: str) -> str:
    """``char`` in a slug: itself, a word break (a space), or nothing."""
    category = unicodedata.category(char)
    if category[0] == "Z" or category == "Cc":
        return " "  # every whitespace of Python and of JavaScript is one of these
    if category[0] == "C":
        return ""  # invisible (U+FEFF, U+200B, bidi controls) or unassigned
    return char


def tag_slug(tag: str) -> str:
    """A tag as the cards' ``data-tags``, the filter and ``:tags:`` compare it.

    Invisible and unassigned characters are dropped, the tag is case-folded
    and put in canonical form (NFC), and each run of spaces, separators and
    control characters becomes one ``-``. The slug so holds no character
    that Python's ``str.split()``, JavaScript's ``\\s`` or HTML takes for
    whitespace, and the script never normalises it again (its lower-casing
    differs from Python's): two tags that differ only in what is normalised
    away are one tag. An invisible tag gives ``""``.
    """
    if tag.isascii():
        words = _ASCII_BREAKS.split(tag.lower())
    else:
        # dropped before composing, so "e\u200b\u0301" composes as "e\u0301"
        kept = "".join(map(_slug_char, tag))
        folded = unicodedata.normalize("NFD", kept).casefold()
        words = unicodedata.normalize("NFC", folded).split(" ")
    return "-".join(word for word in words if word)


def tag_slugs(tags: Iterable[str]) -> dict[str, str]:
    """The distinct slugs of ``tags``, each with its tag as first written.

    Invisible tags, whose slug is empty, are left out.
    """
    slugs: dict[str, str] = {}
    for tag in tags:
        slug = tag_slug(tag)
        if slug:
            slugs.setdefault(slug, tag)
    return slugs


#: The ``data-*`` attributes of a card, in output order.
DATA_NAMES = ("data-kind", "data-level", "data-tags", "data-year")


def data_attributes(resource: Resource) -> dict[str, str]:
    """The ``data-*`` values of a card, for styling and filtering."""
    values = {
        "data-kind": resource.kind or "",
        "data-level": resource.level or "",
        "data-tags": TAG_SEPARATOR.join(tag_slugs(resource.tags)),
        "data-year": str(resource.year) if resource.year is not None else "",
    }
    return {key: value for key, value in values.items() if value}


# -- the compact doctree, built when a page is read ---------------------------


def _search_text(resource: Resource) -> rl_nodes.readinglist_search_text:
    """The card's plain fields as one text, for the HTML search index."""
    words = [
        resource.title,
        *resource.authors,
        str(resource.year) if resource.year is not None else "",
        resource.venue or "",
        kind_label(resource) or "",
        level_label(resource) or "",
        *resource.tags,
        *(link.title for link in resource.links),
        *(language_name(code) for code, _url in resource.translations),
    ]
    text = " ".join(word for word in words if word)
    return rl_nodes.readinglist_search_text("", nodes.Text(text))


def render_card(
    card: Card, parse: ParseText, *, layout: str
) -> rl_nodes.readinglist_card:
    """One card in compact form.

    :param card: the resource and where it is shown.
    :param parse: turns a markup field into nodes.
    :param layout: ``cards`` or ``list``.
    """
    resource = card.resource
    node = rl_nodes.readinglist_card(
        "",
        classes=[
            *(CARD_CLASSES if layout == "cards" else ()),
            "readinglist-card",
            *MATHJAX_IGNORE,  # "$$...$$" in a title is text, not math
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
    node += _search_text(resource)
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
    cards: Sequence[Card], parse: ParseText, *, layout: str, columns: str
) -> rl_nodes.readinglist_grid:
    """A list of cards: a sphinx-design grid row, or a compact list."""
    # the gap itself comes from --readinglist-gap in the stylesheet
    classes = ["sd-row", *row_columns_option(columns)] if layout == "cards" else []
    grid = rl_nodes.readinglist_grid(
        "", classes=[*classes, "readinglist-grid", f"readinglist-layout-{layout}"]
    )
    for card in cards:
        grid += render_card(card, parse, layout=layout)
    return grid


def render_group_title(text: str) -> nodes.rubric:
    """A group heading that stays out of the table of contents."""
    return nodes.rubric(text, text, classes=["readinglist-group", *MATHJAX_IGNORE])


# -- the expanded doctree, for every builder but HTML ------------------------


def _badge(text: str, classes: Sequence[str]) -> nodes.inline:
    return nodes.inline(text, text, classes=list(classes))


def _meta(resource: Resource) -> rl_nodes.readinglist_meta | None:
    badges = [
        _badge(label, classes)
        for label, classes in (
            (kind_label(resource), KIND_CLASSES),
            (level_label(resource), LEVEL_CLASSES),
        )
        if label
    ]
    facts: list[nodes.Node] = []
    if resource.authors:
        authors = rl_nodes.readinglist_authors("", classes=["readinglist-authors"])
        for i, author in enumerate(resource.authors):
            if i:
                authors += nodes.Text(author_separator(i, len(resource.authors)))
            authors += nodes.inline(author, author, classes=["readinglist-author"])
        facts.append(authors)
    if resource.year is not None:
        year = str(resource.year)
        facts.append(nodes.inline(year, year, classes=["readinglist-year"]))
    if resource.venue:
        facts.append(
            nodes.inline(resource.venue, resource.venue, classes=["readinglist-venue"])
        )
    if not badges and not facts:
        return None
    meta = rl_nodes.readinglist_meta("", classes=["readinglist-meta"])
    for i, badge in enumerate(badges):
        if i:
            meta += nodes.Text(" ")
        meta += badge
    for i, fact in enumerate(facts):
        meta += nodes.Text(" · " if i else (" " if badges else ""))
        meta += fact
    return meta


def _title(resource: Resource, anchor: str) -> rl_nodes.readinglist_title:
    title = rl_nodes.readinglist_title(
        "", classes=["sd-card-title", "readinglist-title"], ids=[f"{anchor}-title"]
    )
    text = nodes.Text(resource.title)
    if resource.url:
        title += nodes.reference("", "", text, refuri=resource.url)
    else:
        title += text
    return title


def _links(resource: Resource) -> nodes.bullet_list | None:
    if not resource.links:
        return None
    items = nodes.bullet_list("", classes=["readinglist-links"])
    for link in resource.links:
        reference = nodes.reference("", link.title, refuri=link.url)
        items += nodes.list_item("", nodes.paragraph("", "", reference))
    return items


def _translations(resource: Resource) -> nodes.paragraph | None:
    if not resource.translations:
        return None
    paragraph = nodes.paragraph("", "", classes=["readinglist-translations"])
    paragraph += nodes.inline(
        "", str(_("Translations:")), classes=["readinglist-label"]
    )
    for i, (code, url) in enumerate(resource.translations):
        paragraph += nodes.Text(", " if i else " ")
        paragraph += nodes.reference(
            "", language_name(code), refuri=url, classes=[f"lang-{code}"]
        )
    return paragraph


def _tags(resource: Resource) -> nodes.paragraph | None:
    if not resource.tags:
        return None
    paragraph = nodes.paragraph("", "", classes=["readinglist-tags"])
    for i, tag in enumerate(resource.tags):
        if i:
            paragraph += nodes.Text(" ")
        paragraph += _badge(tag, TAG_CLASSES)
    return paragraph


def _expand_abstract(abstract: rl_nodes.readinglist_abstract) -> None:
    label = str(_("Abstract"))
    body = create_component("abstract-body", ["readinglist-abstract-body"])
    body.extend(abstract.children)
    abstract.clear()
    abstract += rl_nodes.readinglist_summary(
        "", "", nodes.strong(label, label), classes=["readinglist-abstract-label"]
    )
    abstract += body


def expand_card(card: rl_nodes.readinglist_card) -> None:
    """Give a compact card its parts as nodes, in reading order, in place.

    The card keeps its ids, classes and markup children, and moves into a
    grid column of its own.
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
    body = create_component("card-body", ["sd-card-body", "readinglist-body"])
    parts = [
        _title(resource, card["ids"][0]),
        _meta(resource),
        *markup,
        _links(resource),
        _translations(resource),
        _tags(resource),
    ]
    body.extend(part for part in parts if part is not None)
    card.clear()
    card.extend([*image, body])
    for attribute in ("resource", "layout"):
        del card[attribute]
    for name, value in data_attributes(resource).items():
        card[name] = value
    # a broken link is reported at the directive that shows the card
    for reference in body.findall(nodes.reference):
        if reference.line is None:
            reference.source, reference.line = card.source, card.line
    item_classes = ITEM_CLASSES if layout == "cards" else ()
    item = rl_nodes.readinglist_item("", classes=[*item_classes, "readinglist-item"])
    card.parent.replace(card, item)  # not replace_self: the ids stay on the card
    item += card
