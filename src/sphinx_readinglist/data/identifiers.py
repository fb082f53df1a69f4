"""The identifiers of an entry (``doi``, ``arxiv``, ``isbn``) and its ``status``.

Each identifier is checked for its syntax (and an ISBN for its check digit)
before the schema runs, so a wrong one is reported at its line, with the
form it takes, and left out alone. The addresses they link to are built here
too, percent-encoded: a DOI may hold ``<``, ``"``, ``#`` or ``?``, which must
not end the link or start its query.

Nothing here imports Sphinx or docutils.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from .messages import cut, describe, did_you_mean, quotable, shown
from .urls import unsafe_url_reason

if TYPE_CHECKING:
    from .prechecks import Collector

#: The values of ``status``; ``ok`` is the default.
STATUSES = ("ok", "dead")

#: The longest identifiers read; anything longer is refused unread. DOIs have
#: no length limit, but the longest registered are about 200 characters.
MAX_DOI = 300
MAX_ARXIV = 64
MAX_ISBN = 40

DOI_RESOLVER = "https://doi.org/"
ARXIV_ABS = "https://arxiv.org/abs/"

#: A directory indicator, a registrant code (with subdivisions), a suffix.
_DOI = re.compile(r"10\.[0-9]{4,9}(?:\.[0-9]+)*/.+", re.DOTALL)
_DOI_PREFIX = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:[ \t]*)", re.IGNORECASE)
#: What a DOI's URL leaves as it is: RFC 3986's path characters, but ``&``
#: and ``'``, which are safer encoded in any markup. Everything else
#: (``%``, ``<>"#?``, spaces, non-ASCII) is percent-encoded.
_DOI_SAFE = "/:;()!*@$+,=-._~"

# arXiv's identifier schemes: YYMM.NNNN from April 2007, YYMM.NNNNN from
# 2015, and archive(.SC)/YYMMNNN before; any with a version, vN. The number
# of digits follows the year, so a float's lost zero (1502.0316) is caught.
_MONTH = r"(?:0[1-9]|1[0-2])"
_ARXIV = re.compile(
    rf"(?:(?:0[7-9]|1[0-4]){_MONTH}\.[0-9]{{4}}"
    rf"|(?:1[5-9]|[2-9][0-9]){_MONTH}\.[0-9]{{5}}"
    rf"|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{{2}})?/[0-9]{{2}}{_MONTH}[0-9]{{3}})"
    r"(?:v[1-9][0-9]*)?"
)
_ARXIV_PREFIX = re.compile(
    r"(?:arxiv:[ \t]*|https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/)", re.IGNORECASE
)

_ISBN_PREFIX = re.compile(r"ISBN(?:-1[03])?(?::[ \t]*|[ \t]+)", re.IGNORECASE)
#: Digits, each group after one hyphen or space; the schema says the same.
_ISBN_10 = re.compile(r"[0-9](?:[- ]?[0-9]){8}[- ]?[0-9Xx]")
_ISBN_13 = re.compile(r"97[89](?:[- ]?[0-9]){10}")
_ISBN_CHARS = re.compile(r"[0-9Xx -]+")

#: Words written for ``status``, and the value they mean.
_STATUS_WORDS = {
    **dict.fromkeys(
        (
            "gone", "broken", "down", "offline", "removed", "missing", "deleted",
            "defunct", "unavailable", "dead link", "dead-link", "404", "410",
            "false", "no", "off",
        ),
        "dead",
    ),
    **dict.fromkeys(
        ("alive", "live", "up", "online", "working", "active", "fine", "good",
         "true", "yes", "on", "200"),
        "ok",
    ),
}  # fmt: skip

EXAMPLE_DOI = "doi: 10.1038/nature14539"
EXAMPLE_ARXIV = "arxiv: '1502.03167'"
EXAMPLE_ISBN = "isbn: 978-0-262-03561-3"
#: How each field of this module is written, for the "write e.g." of a message.
EXAMPLES = {
    "doi": EXAMPLE_DOI,
    "arxiv": EXAMPLE_ARXIV,
    "isbn": EXAMPLE_ISBN,
    "archive": "archive: https://web.archive.org/web/2015/https://example.org/",
    "status": "status: dead",
}


@dataclass(frozen=True, slots=True)
class Checked:
    """An identifier as checked: the value kept, or why there is none.

    ``note`` is a problem with a value that is kept all the same (a DOI
    written as a link is kept bare).
    """

    value: str | None
    problem: str | None = None
    note: str | None = None


def _invisible(text: str) -> str | None:
    """The first character of ``text`` that shows nothing, as ``U+200B``."""
    # isprintable() is False for exactly the C and Z categories, but the space
    if text.isprintable() and " " not in text:
        return None
    for char in text:
        if unicodedata.category(char)[0] in "CZ":
            return f"U+{ord(char):04X}"
    return None


def _too_long(field: str, text: str, limit: int, what: str, example: str) -> Checked:
    return Checked(
        None,
        f"'{field}' is {len(text):,} characters long, longer than {what} "
        f"(at most {limit:,}); write the identifier alone, e.g. {example}",
    )


def _hidden_character(field: str, text: str, code: str, example: str) -> Checked:
    what = "a space" if code == "U+0020" else f"the invisible character {code}"
    return Checked(
        None,
        f"'{field}' {shown(text)} contains {what}, which no identifier holds; "
        f"remove it, e.g. {example}",
    )


@dataclass(frozen=True)
class _Form:
    """How one kind of identifier is written, and how its messages say so."""

    field: str
    what: str
    limit: int
    example: str
    pattern: re.Pattern[str]
    prefix: re.Pattern[str]
    #: how the form is described when a value does not match it
    accepted: str
    #: what a URL prefix leaves to undo (percent-encoding, a ``.pdf``)
    unwrap: Callable[[str], str]
    #: how the fix names the bare value
    alone: str = "the identifier"
    #: how the fix quotes the bare value: ``'1502.03167'`` for arXiv
    quote: str = ""


def _check_form(form: _Form, text: str) -> Checked:
    """``text`` checked against ``form``: bare, prefixed (kept, noted) or refused."""
    if len(text) > form.limit:  # before anything else, which would copy it
        return _too_long(form.field, text, form.limit, form.what, form.example)
    text = text.strip()
    bare, note = text, None
    prefix = form.prefix.match(text)
    if prefix:
        bare = text[prefix.end() :]
        if "/" in prefix.group():  # a URL
            bare = form.unwrap(bare)
        note = (
            f"'{form.field}' {shown(text)} has a prefix; write {form.alone} "
            f"alone: {form.field}: {form.quote}{cut(bare)}{form.quote} (it is "
            "used without the prefix)"
        )
    hidden = _invisible(bare)
    if hidden:
        return _hidden_character(form.field, text, hidden, form.example)
    if not form.pattern.fullmatch(bare):
        return Checked(
            None,
            f"'{form.field}' {shown(text)} is not {form.what}; write "
            f"{form.accepted}, e.g. {form.example}",
        )
    return Checked(bare, note=note)


_DOI_FORM = _Form(
    "doi",
    "a DOI",
    MAX_DOI,
    EXAMPLE_DOI,
    _DOI,
    _DOI_PREFIX,
    "the DOI alone, as 10.<registrant>/<suffix>",
    unquote,  # a DOI in a URL is percent-encoded
    alone="the DOI",
)
_ARXIV_FORM = _Form(
    "arxiv",
    "an arXiv identifier",
    MAX_ARXIV,
    EXAMPLE_ARXIV,
    _ARXIV,
    _ARXIV_PREFIX,
    "YYMM.NNNNN (YYMM.NNNN before 2015, archive/YYMMNNN before April 2007), "
    "with an optional version such as v2, in quotes",
    lambda bare: bare.removesuffix(".pdf"),
    quote="'",
)


def check_doi(text: str) -> Checked:
    """A DOI, bare: ``10.1038/nature14539``; a link to it is kept bare, noted."""
    return _check_form(_DOI_FORM, text)


def check_arxiv(text: str) -> Checked:
    """An arXiv id: ``1502.03167``, ``hep-th/9901001``, with an optional ``vN``."""
    return _check_form(_ARXIV_FORM, text)


def isbn_digits(isbn: str) -> str:
    """An ISBN without its separators, as a resolver takes it: ``9780262035613``."""
    return isbn.replace("-", "").replace(" ", "").upper()


def isbn_check_digit(digits: str) -> str:
    """The check digit of an ISBN's other digits (9 or 12 of them)."""
    if len(digits) == 9:
        total = sum((10 - i) * int(d) for i, d in enumerate(digits))
        check = (11 - total % 11) % 11
        return "X" if check == 10 else str(check)
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return str((10 - total % 10) % 10)


def check_isbn(text: str) -> Checked:
    """An ISBN-10 or ISBN-13, with hyphens or spaces, and a right check digit."""
    if len(text) > MAX_ISBN:  # before anything else, which would copy it
        return _too_long("isbn", text, MAX_ISBN, "an ISBN", EXAMPLE_ISBN)
    text = text.strip()
    bare, note = text, None
    prefix = _ISBN_PREFIX.match(text)
    if prefix:
        bare = text[prefix.end() :]
        note = (
            f"'isbn' {shown(text)} has a prefix; write the ISBN alone: isbn: "
            f"{cut(bare)} (it is used without the prefix)"
        )
    write = (
        "write its 10 or 13 digits, with hyphens or spaces between groups, "
        f"e.g. {EXAMPLE_ISBN}"
    )
    if not _ISBN_CHARS.fullmatch(bare):
        hidden = _invisible(bare.replace(" ", ""))
        if hidden:
            return _hidden_character("isbn", text, hidden, EXAMPLE_ISBN)
        return Checked(None, f"'isbn' {shown(text)} is not an ISBN; {write}")
    digits = isbn_digits(bare)
    if len(digits) not in (10, 13):
        return Checked(
            None,
            f"'isbn' {shown(text)} has {len(digits)} digits, and an ISBN has "
            f"10 or 13; {write}",
        )
    if len(digits) == 13 and not digits.startswith(("978", "979")):
        return Checked(
            None,
            f"'isbn' {shown(text)} is not an ISBN-13, which starts with 978 or "
            f"979; {write}",
        )
    if not (_ISBN_10 if len(digits) == 10 else _ISBN_13).fullmatch(bare):
        return Checked(None, f"'isbn' {shown(text)} is not written as an ISBN; {write}")
    expected = isbn_check_digit(digits[:-1])
    if digits[-1] != expected:
        return Checked(
            None,
            f"'isbn' {shown(text)} has a wrong check digit: with these digits "
            f"it would be {expected}, so a digit is probably mistyped; copy the "
            "ISBN from the book or its publisher",
        )
    return Checked(bare.upper(), note=note)


#: The check of each identifier field, in the order the card shows them.
CHECKS: dict[str, Callable[[str], Checked]] = {
    "doi": check_doi,
    "arxiv": check_arxiv,
    "isbn": check_isbn,
}


def _read_as(value: Any) -> str:
    """What YAML made of an unquoted value, for a message."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"the number {describe(value)}"
    return describe(value)


def check_identifiers(
    collect: Collector,
    data: dict[str, Any],
    lines: Mapping[Any, int],
    label: str,
    *,
    texts: Mapping[Any, str],
) -> set[str]:
    """Check an entry's ``doi``, ``arxiv``, ``isbn`` and ``status``; fix ``data``.

    A wrong value is reported at its line and left out. A value written as a
    link or with a prefix is kept bare, and reported. A value that YAML read
    as a number (``arxiv: 1502.03160`` is 1502.0316) is reported with what
    was written, which is kept if it is a valid identifier. Other types are
    left to the schema.

    :param texts: the source text of the values that YAML did not read as text.
    :return: the fields left out, which take no default in their place (as
        a field the schema refuses takes none).
    """
    dropped: set[str] = set()
    for field, check in CHECKS.items():
        if field not in data:
            continue
        value = data[field]
        written = texts.get(field)
        if isinstance(value, str):
            checked = check(value)
        elif written is not None and quotable(value):
            checked = check(written)
        else:
            continue  # not text: the schema says what it must be
        line = lines.get(field, 0)
        if checked.value is None:
            collect.add(line, f"{label}: {checked.problem}")
            del data[field]
            dropped.add(field)
            continue
        data[field] = checked.value
        if not isinstance(value, str):
            assert written is not None
            collect.add(
                line,
                f"{label}: YAML reads the unquoted '{field}' {cut(written)} as "
                f"{_read_as(value)}; quote it: {field}: '{cut(written)}' (it is "
                "used as written)",
            )
        elif checked.note:
            collect.add(line, f"{label}: {checked.note}")
    if not _status_ok(collect, data, lines, label, texts):
        dropped.add("status")
    return dropped


def _status_ok(
    collect: Collector,
    data: dict[str, Any],
    lines: Mapping[Any, int],
    label: str,
    texts: Mapping[Any, str],
) -> bool:
    """Whether ``status`` is absent or valid; if not, report and drop it."""
    if "status" not in data:
        return True
    value = data["status"]
    if isinstance(value, str) and value in STATUSES:
        return True
    written = texts.get("status")
    word = value if isinstance(value, str) else written
    if isinstance(value, str):
        got = shown(value)
    else:
        got = cut(written) if written is not None else describe(value)
    collect.add(lines.get("status", 0), status_message(label, got, word))
    del data["status"]
    return False


def status_message(label: str, got: str, word: str | None) -> str:
    """What is said of a ``status`` that is neither ``ok`` nor ``dead``.

    :param got: the value as the message quotes it.
    :param word: the value as written, to find what it meant.
    """
    meant = _STATUS_WORDS.get(" ".join(word.lower().split())) if word else None
    if meant:
        hint = f"; did you mean {meant!r}?"
    else:
        hint = did_you_mean(word, STATUSES) or "; write e.g. status: dead"
    return (
        f"{label}: 'status' must be ok, or dead for a url that no longer works, "
        f"got {got}{hint}"
    )


def doi_url(doi: str) -> str:
    """The address of a DOI: ``https://doi.org/10.1038/nature14539``."""
    return DOI_RESOLVER + quote(doi, safe=_DOI_SAFE)


def arxiv_url(arxiv: str) -> str:
    """The abstract page of an arXiv id: ``https://arxiv.org/abs/1502.03167``."""
    return ARXIV_ABS + quote(arxiv, safe="/.")


def isbn_url(isbn: str, resolver: str) -> str:
    """The resolver's address of an ISBN: its digits in place of ``{isbn}``.

    ``str.format`` is not used: a pattern such as ``{isbn.__class__}`` must
    not reach into Python objects.
    """
    return resolver.replace("{isbn}", isbn_digits(isbn))


def isbn_resolver_problem(resolver: str, schemes: Collection[str]) -> str | None:
    """Why ``readinglist_isbn_resolver`` cannot be used, or None.

    :param schemes: the URL schemes allowed (``readinglist_url_schemes``).
    """
    if "{isbn}" not in resolver:
        return "it has no {isbn} to put the ISBN in"
    reason = unsafe_url_reason(isbn_url("9780262035613", resolver), schemes)
    return f"its address is not linked: {reason}" if reason else None
