"""How a resource's values read on a card: labels, language names, tag slugs.

The filter, the directive's ``:tags:`` and ``:group-by:`` options and the
cards' ``data-*`` attributes use the same words and slugs, so they are here
once, free of any node or writer.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..data.model import KINDS, Resource
from ..i18n import _

if TYPE_CHECKING:
    from babel import Locale

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


@dataclass(frozen=True)
class ProjectLabels:
    """The project's own words, from ``conf.py``, in the project's language.

    Built from the checked ``readinglist_kinds``, ``readinglist_tag_labels``
    and ``readinglist_show_extra`` (see :mod:`~sphinx_readinglist.vocabulary`).
    """

    #: Every kind, in the order groups and filter buttons take: the
    #: built-in kinds, then the project's.
    kinds: tuple[str, ...] = KINDS
    #: The label of each of the project's kinds.
    kind_labels: Mapping[str, str] = field(default_factory=dict)
    #: The label of a tag, by its :func:`tag_slug`.
    tag_labels: Mapping[str, str] = field(default_factory=dict)
    #: The extra fields a card shows, in order: each name and its label.
    extra: tuple[tuple[str, str], ...] = ()


#: No words of the project's own: the built-in kinds, tags as written.
NO_PROJECT_LABELS = ProjectLabels()


def kind_name_label(kind: str, labels: ProjectLabels = NO_PROJECT_LABELS) -> str:
    """The label of a kind: translated for a built-in one, the project's for
    its own (the name itself for a kind the project no longer has)."""
    if kind in KIND_LABELS:
        return str(KIND_LABELS[kind])
    return labels.kind_labels.get(kind, kind)


def kind_label(
    resource: Resource, labels: ProjectLabels = NO_PROJECT_LABELS
) -> str | None:
    """The label of the resource's kind: translated, or the project's."""
    return kind_name_label(resource.kind, labels) if resource.kind else None


def tag_label(tag: str, labels: ProjectLabels = NO_PROJECT_LABELS) -> str:
    """How a tag reads: its label in ``readinglist_tag_labels``, or as written."""
    if not labels.tag_labels:
        return tag
    return labels.tag_labels.get(tag_slug(tag), tag)


def level_label(resource: Resource) -> str | None:
    """The translated label of the resource's level."""
    return str(LEVEL_LABELS[resource.level]) if resource.level else None


def author_separators(count: int) -> list[str]:
    """What comes before each of ``count`` authors: "", ", "... and " and "."""
    if count < 2:
        return [""] * count
    return ["", *[", "] * (count - 2), str(_(" and "))]


@lru_cache(maxsize=4096)
def date_label(date: str, language: str | None) -> str:
    """A date as a card shows it, at its precision, as CLDR writes dates in
    ``language``: ``2015-05-27`` -> ``May 27, 2015`` (``27 mai 2015`` in
    French), ``2015-05`` -> ``May 2015``.

    A language that babel does not know gets the date as written.
    """
    try:
        from babel.core import UnknownLocaleError
        from babel.dates import format_date, format_skeleton

        parts = [int(part) for part in date.split("-")]
        locale = (language or "en").replace("-", "_")
        if len(parts) == 3:
            return str(format_date(dt.date(*parts), "long", locale=locale))
        day = dt.date(parts[0], parts[1], 1)
        return str(format_skeleton("yMMMM", day, locale=locale))
    except (ImportError, ValueError, TypeError, LookupError, UnknownLocaleError):
        return date


@lru_cache(maxsize=1024)
def _locale(code: str) -> Locale | None:
    """The babel locale of a language code, or None if babel does not know
    it or reads it as another language or region (``und`` as English,
    ``en-ZZ`` as American English)."""
    try:
        from babel import Locale
        from babel.core import UnknownLocaleError, parse_locale

        language, territory, script, *_variants = parse_locale(code, sep="-")
        locale = Locale.parse(code, sep="-")
    # babel raises its own error for a well-formed unknown code (issue 11)
    except (ImportError, ValueError, TypeError, LookupError, UnknownLocaleError):
        return None
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
    return locale if written == read else None


@lru_cache(maxsize=1024)
def language_name(code: str, in_language: str | None = None) -> str:
    """``fr`` -> ``français``: each language in its own name, as users look for it.

    A code that babel does not know, or reads as another language or region
    (``und`` as English, ``en-ZZ`` as American English), is shown as written.

    :param in_language: the language to name it in (a Sphinx ``language``,
        such as ``en`` or ``pt_BR``), rather than its own: ``zh`` in
        English is "Chinese".
    """
    locale = _locale(code)
    if locale is None:
        return code
    reader = _locale(in_language.replace("_", "-")) if in_language else None
    return locale.get_display_name(reader or locale) or code


def printed_language_name(
    code: str, fits: Callable[[str], bool], document_language: str | None
) -> str:
    """A language's name as the output can print it.

    Its own name (*中文*) if ``fits`` says every character of it can be
    printed, else its name in the document's language (*Chinese*, in
    French *chinois*), else in English, else the code.

    :param fits: whether a text can be printed (the fonts of a PDF).
    :param document_language: Sphinx's ``language``.
    """
    for in_language in (None, document_language or "en", "en"):
        name = language_name(code, in_language)
        if fits(name):
            return name
    return code


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
DATA_NAMES = (
    "data-kind",
    "data-level",
    "data-tags",
    "data-year",
    "data-added",
    "data-status",
)


def data_attributes(resource: Resource) -> dict[str, str]:
    """The ``data-*`` values of a card, for styling and filtering."""
    values = {
        "data-kind": resource.kind or "",
        "data-level": resource.level or "",
        "data-tags": TAG_SEPARATOR.join(tag_slugs(resource.tags)),
        "data-year": str(resource.year) if resource.year is not None else "",
        "data-added": resource.added or "",
        # only "dead": an ok link is the usual case, and says nothing
        "data-status": resource.status if resource.status != "ok" else "",
    }
    return {key: value for key, value in values.items() if value}
