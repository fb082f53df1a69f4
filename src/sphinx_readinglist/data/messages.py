"""The wording of problems: how a message quotes, describes and corrects a value.

Every message about data says what is wrong and how to fix it; the functions
here keep the quoting (cut, repr'd) and the descriptions of YAML values the
same in all of them. Nothing here imports Sphinx or docutils.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from .dates import written_as_date
from .yaml_values import Refused, Tagged

#: How each field is written, for the "write e.g." part of a message.
EXAMPLES = {
    "title": "title: Deep learning",
    "id": "id: lecun2015",
    "url": "url: https://www.nature.com/articles/nature14539",
    "authors": "authors: [Yann LeCun, Yoshua Bengio]",
    "year": "year: 2015",
    "date": "date: 2015-05-27",
    "added": "added: 2024-05-01",
    "venue": "venue: Nature",
    "kind": "kind: paper",
    "level": "level: beginner",
    "tags": "tags: [rnn, lstm]",
    "description": "description: A gentle introduction.",
    "abstract": "abstract: followed by the text",
    "links": "links: [{title: Slides, url: https://example.org/slides.pdf}]",
    "translations": "translations: {fr: https://example.org/fr/}",
    "image": "image: covers/book.png",
    "image_alt": "image_alt: The book's cover",
    "markup": "markup: myst",
    "extra": "extra: {stars: 1200, license: MIT}",
}


# C0 and C1 control characters but tab and line breaks, which YAML allows
# only as escapes ("\0", "\x1b"), lone surrogates and the two non-characters
# XML forbids: browsers, XML builders and LaTeX choke on them.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def cut(text: str) -> str:
    """``text``, cut if huge, so a huge value cannot make a huge message."""
    return text if len(text) <= 40 else text[:37] + "..."


def shown(text: str) -> str:
    """A string as a message quotes it: repr'd, so control characters show,
    and cut."""
    return repr(cut(text))


def closest(word: object, choices: Iterable[str]) -> str | None:
    """The choice ``word`` most likely misspells, if any."""
    if not isinstance(word, str) or len(word) > 100:
        return None  # a long word is no misspelling, and difflib is quadratic
    matches = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """A ``"; did you mean 'x'?"`` suffix, or an empty string."""
    match = closest(word, choices)
    return f"; did you mean {match!r}?" if match is not None else ""


def describe(value: object) -> str:
    """A short, safe description of a YAML value for a message."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, int) and value.bit_length() > 128:
        # Python refuses to write out an int of over 4,300 digits
        return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
    if isinstance(value, int | float):
        return cut(repr(value))
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Tagged):
        return (
            f"a value tagged {cut(str(value))} (remove the tag: only plain YAML "
            "values are read)"
        )
    if isinstance(value, dt.date):
        return "a date"
    return f"a {type(value).__name__}"


def read_as(value: object) -> str:
    """How YAML read an unquoted value that was meant as text."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date):
        return "a date"
    return "a number"


def key_read_as(value: Any) -> str:
    """What YAML made of a plain scalar key that is not text (``2015``, ``no``)."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if value is None:
        return "null"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    return f"a {type(value).__name__}"


def key_kind(value: Any, *, sequence: bool) -> str:
    """How a message names a key that cannot be a name.

    :param sequence: whether the key was written as a list (else a mapping).
    """
    if isinstance(value, Tagged):
        return f"a value tagged {cut(str(value))}"
    return "a list" if sequence else "a mapping"


def quotable(value: object) -> bool:
    """Whether an unquoted value was probably meant as text (1984, yes)."""
    return isinstance(value, bool | int | float | dt.date)


def got(value: object, written: str | None) -> str:
    """``got ...`` for a message: what was written, and how YAML read it."""
    if written is not None and quotable(value):
        return f"got {cut(written)}, which YAML reads as {read_as(value)}"
    return f"got {describe(value)}"


#: How each date field is written, for its messages.
DATE_FORMS = {"date": "YYYY-MM-DD or YYYY-MM", "added": "YYYY-MM-DD"}


def date_message(label: str, field: str, text: str, reason: str) -> str:
    """Why a value written as a date is no date, and how to fix it.

    :param reason: what :func:`.dates.calendar_problem` found.
    """
    what = "day" if text.count("-") == 2 else "month"
    if reason == "implausible":
        return (
            f"{label}: {field!r} {cut(text)} is not a plausible date; write "
            f"e.g. {EXAMPLES[field]}"
        )
    return (
        f"{label}: {field!r} {cut(text)} is not a {what} of the calendar: "
        f"{reason}; write e.g. {EXAMPLES[field]}"
    )


def date_form_message(
    label: str, field: str, value: object, written: str | None
) -> str:
    """What is wrong with a date field not written as a date, with the fix."""
    form = DATE_FORMS[field]
    wanted = f"{label}: {field!r} must be a date written {form}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        # a year alone (2015), or a month written 2015.05
        fix = (
            f"for a year alone, write year: {cut(written or str(value))}"
            if field == "date" and isinstance(value, int)
            else f"write e.g. {EXAMPLES[field]}"
        )
        return f"{wanted}, {got(value, written)}; {fix}"
    if isinstance(value, str):
        hint = _date_text_hint(value, field)
        if hint:
            return f"{wanted}, got {describe(value)}; {hint}"
    return f"{wanted}, got {describe(value)}; write e.g. {EXAMPLES[field]}"


def _date_text_hint(text: str, field: str) -> str:
    """The fix for a date written with an invisible character, a space or
    other digits than 0-9 (``2024-05-01`` and a right-to-left mark)."""
    if len(text) > 100:
        return ""  # no date
    visible = "".join(
        char
        for char in text
        if not char.isspace() and unicodedata.category(char)[0] not in "CZ"
    )
    if visible != text and written_as_date(visible, field):
        odd = next(char for char in text if char not in visible)
        return (
            f"remove the invisible character or space U+{ord(odd):04X}: write "
            f"{field}: {visible}"
        )
    digits = "".join(
        str(unicodedata.digit(char)) if char.isdigit() else char for char in visible
    )
    if digits != visible and written_as_date(digits, field):
        return f"write the digits 0-9: {field}: {digits}"
    return ""


def quote_it(path: list[Any], written: str) -> str:
    """The fix for a value YAML did not read as text: ``quote it: id: '2015'``."""
    key = path[-1] if path and isinstance(path[-1], str) else None
    quoted = f"'{cut(written)}'"
    return f"quote it: {cut(key)}: {quoted}" if key else f"quote it: {quoted}"


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
#: Plain words that YAML reads as a boolean or as null, not as text.
_NOT_TEXT = frozenset(("y", "n", "yes", "no", "true", "false", "on", "off", "null"))


def yaml_key(key: str) -> str:
    """``key`` as a message writes it in YAML: plain, or quoted if YAML would
    read it as other than that text."""
    plain = _PLAIN_KEY.fullmatch(key) and key.lower() not in _NOT_TEXT
    return key if plain and len(key) <= 40 else shown(key)


def named_path(path: list[Any]) -> str:
    """A path in the data as a message names it: ``links[2].url``."""
    if not path:
        return ""
    return cut(str(path[0])) + "".join(
        f"[{p + 1}]" if isinstance(p, int) else f".{cut(str(p))}" for p in path[1:]
    )


def entry_label(entry: Mapping[Any, Any], index: int) -> str:
    """How a message names an entry: by its title, or by its number."""
    title = entry.get("title")
    if isinstance(title, str) and title.strip():
        return f"entry {describe(CONTROL.sub('', title).strip())}"
    return f"entry #{index + 1}"


def refused_message(refused: Refused, index: int) -> str:
    """Why an entry was left out unread, and how to fix it."""
    title = refused.title
    if title is not None and CONTROL.sub("", title).strip():
        label = f"entry {describe(CONTROL.sub('', title).strip())}"
    else:
        label = f"entry #{index + 1}"
    how = " through YAML aliases (&anchor / *alias)" if refused.through_aliases else ""
    if refused.reason == "self":
        return (
            f"{label} is left out: an alias (*name) in it refers to the value "
            "that contains it, so the data never ends; point the alias at "
            "another value"
        )
    if refused.reason == "depth":
        return (
            f"{label} is left out: it nests mappings and lists more than "
            f"{refused.limit} levels deep{how}; flatten it (a reading list "
            "needs five), or raise readinglist_max_depth"
        )
    if refused.reason == "nodes":
        return (
            f"{label} is left out: with it, the data expands to more than "
            f"{refused.limit:,} values{how}; write the values out, or raise "
            "readinglist_max_nodes"
        )
    return (
        f"{label} is left out: with it, the data expands to more than "
        f"{refused.limit:,} characters of text{how}; write long texts once, "
        "or raise readinglist_max_bytes"
    )


def too_deep_message(limit: int, *, through_aliases: bool = False) -> str:
    """Why data that nests too deeply is not read, and how to fix it."""
    how = " through YAML aliases" if through_aliases else ""
    return (
        f"the data nests mappings and lists more than {limit} levels deep{how}; "
        "flatten it (a reading list needs five), or raise readinglist_max_depth"
    )


def yaml_message(exc: BaseException, found: str = "") -> str:
    """A YAML error in words, with the usual fix.

    :param found: the character at the error, which libyaml does not name.
    """
    if isinstance(exc, RecursionError):
        return "the data is nested too deeply to read; flatten it"
    if isinstance(exc, UnicodeError):
        return (
            "the data holds a character that is not valid Unicode (a lone "
            "surrogate); remove it"
        )
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    text = f"{context}, {problem}" if context else str(problem)
    # PyYAML quotes some tokens whole (a tag handle, an anchor name)
    text = text if len(text) <= 200 else text[:197] + "..."
    if found == "\t" or "'\\t'" in text or "tab character" in text:
        fix = "indent with spaces; YAML does not allow tabs"
    elif "found unknown escape character" in text:
        fix = "use single quotes, or double the backslash"
    elif "quoted scalar" in text:
        fix = "close the quote, or quote the whole value"
    elif "mapping values are not allowed" in text:
        fix = "quote the value if it contains ': '"
    elif "unacceptable character" in text or "special characters are not" in text:
        fix = "remove it: the file may not hold NUL bytes or other control characters"
    elif "undefined alias" in text:
        fix = "define the anchor (&name) before the alias (*name) that uses it"
    elif "another document" in text:
        fix = "a file holds one YAML document: remove the '---' line"
    elif "for merging" in text:
        fix = "a merge key takes a mapping or a list of them, e.g. <<: *base"
    else:
        fix = "check the indentation and quoting of this line"
    return f"YAML syntax error: {text}; {fix}"
