"""How a resource's values read on a card: labels, language names, tag slugs.

The filter, the directive's ``:tags:`` and ``:group-by:`` options and the
cards' ``data-*`` attributes use the same words and slugs, so they are here
once, free of any node or writer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ..data.model import Resource
from ..i18n import _

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


def kind_label(resource: Resource) -> str | None:
    """The translated label of the resource's kind."""
    return str(KIND_LABELS[resource.kind]) if resource.kind else None


def level_label(resource: Resource) -> str | None:
    """The translated label of the resource's level."""
    return str(LEVEL_LABELS[resource.level]) if resource.level else None


def author_separators(count: int) -> list[str]:
    """What comes before each of ``count`` authors: "", ", "... and " and "."""
    if count < 2:
        return [""] * count
    return ["", *[", "] * (count - 2), str(_(" and "))]


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
DATA_NAMES = ("data-kind", "data-level", "data-tags", "data-year", "data-status")


def data_attributes(resource: Resource) -> dict[str, str]:
    """The ``data-*`` values of a card, for styling and filtering."""
    values = {
        "data-kind": resource.kind or "",
        "data-level": resource.level or "",
        "data-tags": TAG_SEPARATOR.join(tag_slugs(resource.tags)),
        "data-year": str(resource.year) if resource.year is not None else "",
        # only "dead": an ok link is the usual case, and says nothing
        "data-status": resource.status if resource.status != "ok" else "",
    }
    return {key: value for key, value in values.items() if value}
