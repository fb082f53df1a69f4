"""The wording of problems: how a message quotes, describes and corrects a value.

Every message about data says what is wrong and how to fix it; the functions
here keep the quoting (cut, repr'd) and the descriptions of YAML values the
same in all of them. Nothing here imports Sphinx or docutils.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .yaml_values import Refused, Tagged

#: How each field is written, for the "write e.g." part of a message.
EXAMPLES = {
    "title": "title: Deep learning",
    "id": "id: lecun2015",
    "url": "url: https://www.nature.com/articles/nature14539",
    "authors": "authors: [Yann LeCun, Yoshua Bengio]",
    "year": "year: 2015",
    "date": "date: 2015-05-27",
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


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """A ``"; did you mean 'x'?"`` suffix, or an empty string."""
    if not isinstance(word, str) or len(word) > 100:
        return ""  # a long word is no misspelling, and difflib is quadratic
    matches = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f"; did you mean {matches[0]!r}?" if matches else ""


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


def quote_it(path: list[Any], written: str) -> str:
    """The fix for a value YAML did not read as text: ``quote it: id: '2015'``."""
    key = path[-1] if path and isinstance(path[-1], str) else None
    quoted = f"'{cut(written)}'"
    return f"quote it: {cut(key)}: {quoted}" if key else f"quote it: {quoted}"


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
