"""What the importers of web formats do with text and addresses they did not write.

An awesome list or a bookmarks file comes from anywhere: its titles may hide
bidirectional overrides or zero-width characters, its links may run code,
its text may be read as markup. Each function here returns what is safe to
write into the YAML, and why it changed what it changed, for the note.
"""

from __future__ import annotations

import datetime as dt
import re

from ..data.addresses import is_scheme_relative
from ..data.dates import calendar_problem
from ..data.schema_check import YEARS
from ..data.urls import DEFAULT_SCHEMES, unsafe_url_reason, url_scheme

#: Characters removed from titles, tags and link titles: bidirectional
#: controls (which make text read backwards, ``\u202egnp.exe``) and
#: invisible characters that would hide in a title. The zero-width joiner
#: and non-joiner stay: emoji and Persian words need them.
_INVISIBLE = re.compile(
    "[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
#: Controls, which YAML cannot hold as text and no title needs; a tab or a
#: line break becomes a space.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
_SURROGATES = re.compile("[\ud800-\udfff]")
#: Punctuation that starts Markdown (or MyST) inline markup anywhere.
_MARKDOWN_INLINE = re.compile(r"([\\`*\[\]<>{}$|~#]|(?<![^\W_])_|_(?![^\W_]))")
#: What starts a block at the beginning of a line: a list item, a heading,
#: a quote, a thematic break or a setext underline.
_MARKDOWN_LINE_START = re.compile(r"^([-+=>])", re.MULTILINE)
#: An ordered list item's number: its "." or ")" is escaped, not the digits
#: (a backslash escapes punctuation only).
_MARKDOWN_ENUMERATOR = re.compile(r"^([0-9]+)([.)])", re.MULTILINE)
#: An entity reference, which Markdown would decode.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def visible(text: str) -> tuple[str, list[str]]:
    """``text`` without invisible characters, controls (but line breaks and
    tabs) as spaces, and lone surrogates, which no file can hold, as U+FFFD.

    :return: the clean text, and the invisible code points removed
        (``U+202E``...), for a note.
    """
    removed = sorted({f"U+{ord(c):04X}" for c in _INVISIBLE.findall(text)})
    text = _INVISIBLE.sub("", text)
    text = _SURROGATES.sub("\ufffd", text)
    return _CONTROLS.sub(" ", text), removed


def one_line(text: str) -> tuple[str, list[str]]:
    """``text`` on one line, as :func:`visible` cleans it, spaces collapsed."""
    text, removed = visible(text)
    return _SPACES.sub(" ", text).strip(), removed


def removed_note(what: str, removed: list[str]) -> str:
    """The note for the invisible characters :func:`one_line` removed."""
    many = "s" if len(removed) > 1 else ""
    return (
        f"{what} contained the invisible character{many} {', '.join(removed)} "
        "(bidirectional controls or zero-width characters), removed; check "
        "that it reads as intended"
    )


def escape_markdown(text: str) -> str:
    """Plain text as Markdown (MyST) that shows exactly that text.

    Every character that could start inline markup is escaped with a
    backslash, which CommonMark allows before any ASCII punctuation, as is
    what would start a block at a line's start.
    """
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = text.replace("![", "\\![")
    text = _MARKDOWN_ENUMERATOR.sub(r"\1\\\2", text)
    return _MARKDOWN_LINE_START.sub(r"\\\1", text)


def checked_url(url: str) -> tuple[str | None, str | None]:
    """An address of the source as the YAML may hold it, and why it changed.

    :return: ``(url, None)`` for an address kept as it is; ``(url, why)``
        for one repaired (``//host`` given its ``https:``); ``(None, why)``
        for one that must not be linked (``javascript:``, ``data:``,
        ``file:``...) or that the YAML cannot hold (relative to the source).
    """
    url = url.strip()
    if url.startswith("//"):
        fixed = f"https:{url}"
        return fixed, f"the address {url!r} has no scheme; written as {fixed!r}"
    if is_scheme_relative(url):  # "\\host": no browser reads it alike
        return None, f"the address {shorten(url)!r} is left out: write it in full"
    reason = unsafe_url_reason(url, DEFAULT_SCHEMES)
    if reason is not None:
        return None, f"the address {shorten(url)!r} is left out: {reason}"
    if url_scheme(url) is None and not url.startswith("#"):
        return None, (
            f"the relative address {shorten(url)!r} names a file beside the "
            "source, not a page of the documentation; it is left out: write "
            "the full address (https://...)"
        )
    return url, None


def shorten(text: str, length: int = 80) -> str:
    """``text`` cut to ``length`` characters for a note, with an ellipsis."""
    return text if len(text) <= length else text[: length - 1] + "…"


def utc_day(seconds: str) -> str | None:
    """The UTC day (``YYYY-MM-DD``) of a Unix time in seconds, or None.

    Browsers write whole seconds; some tools write milliseconds or
    microseconds, which are recognised by their size. A day that ``added``
    does not allow (outside the years 1000 to 2999) gives None.
    """
    text = seconds.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 20:
        return None
    value = int(text)
    for _ in range(2):  # milliseconds, then microseconds, are 1000 times more
        if value > 10**11:
            value //= 1000
    try:
        day = dt.datetime.fromtimestamp(value, dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
    text = day.isoformat()
    # the rule of the data layer, so that the YAML passes check
    return None if calendar_problem(text, YEARS) else text
