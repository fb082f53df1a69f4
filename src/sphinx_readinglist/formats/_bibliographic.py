"""What the importers of reference managers' formats share (BibTeX, CSL-JSON, RIS).

One :class:`Record` per reference: each field of the source goes through the
check the data layer makes of the same YAML field (:mod:`..data.identifiers`,
:mod:`..data.dates`, :mod:`.untrusted`), so what the YAML receives passes
``check`` without a warning, and what fails is a note with the source's
line instead of a bad field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from ..data.addresses import comparable_url
from ..data.dates import calendar_problem
from ..data.identifiers import check_arxiv, check_doi, check_isbn
from ..data.model import DEFAULT_MAX_TAGS
from .common import Imported
from .untrusted import checked_url, escape_markdown, one_line, removed_note, shorten

#: The longest field read, in characters: a title or an abstract is far
#: shorter; a longer value is noted and left out unread.
MAX_FIELD = 100_000
#: The years ``year`` and ``date`` allow.
YEARS = (1000, 2999)

#: A DOI that arXiv registered for a preprint: the arXiv id, not a DOI.
_ARXIV_DOI = re.compile(r"10\.48550/arxiv\.(.+)", re.IGNORECASE)
_DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/(10\.[^?#]+)", re.IGNORECASE)
_ARXIV_URL = re.compile(r"https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/([^?#]+)", re.I)
#: Where a reStructuredText paragraph would start a list: ``1.``, ``a)``, ``IV.``.
_ENUMERATOR = re.compile(r"^([0-9]+|[A-Za-z]{1,4}|#)([.)])(?=\s|$)")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
#: Venues that make a paper a conference paper, for the exporters.
CONFERENCE = re.compile(
    r"\b(?:proceedings|proc\.|conference|workshop|symposium|congress|"
    r"neurips|nips|icml|iclr|cvpr|iccv|eccv|acl|emnlp|naacl|aaai|ijcai|kdd|sigir)\b",
    re.IGNORECASE,
)


def as_markup(text: str) -> str:
    """Plain text as a ``description`` or ``abstract`` that shows exactly it,
    in reStructuredText and in MyST alike.

    Paragraphs are kept, each on one line (an indented or underlined line
    means something in both syntaxes); every character that could start
    inline markup is escaped with a backslash, which both syntaxes allow
    before ASCII punctuation, and so is what would start a block.
    """
    paragraphs = []
    for paragraph in _PARAGRAPHS.split(text):
        line, _removed = one_line(paragraph)
        if not line:
            continue
        line = escape_markdown(line)
        if line[0] in _ASCII_PUNCTUATION and line[0] != "\\":
            line = "\\" + line  # ``..``, ``:field:``, ``(a)``, ``"`` blocks
        line = _ENUMERATOR.sub(r"\1\\\2", line)
        if line.endswith("::"):  # a literal block would follow
            line = line[:-1] + "\\:"
        paragraphs.append(line)
    return "\n\n".join(paragraphs)


def split_tags(text: str) -> list[str]:
    """Keywords as the sources write them: separated by commas or semicolons."""
    return [tag for tag in re.split(r"[,;]", text) if tag.strip()]


@dataclass
class Record:
    """One reference becoming one entry; notes go to :attr:`imported`.

    :param label: how notes name the reference: ``entry 'key'``, ``item 3``.
    """

    imported: Imported
    path: str
    line: int
    label: str
    fields: dict[str, Any] = field(default_factory=dict)
    #: the comparable URLs of the entries already kept, shared by a source's
    #: records: one address in two entries is a warning of ``check``.
    seen_urls: dict[str, str] = field(default_factory=dict)

    def note(self, message: str, line: int | None = None) -> None:
        """A note on this reference at ``line`` (its first line by default)."""
        self.imported.note(self.path, line or self.line, f"{self.label}: {message}")

    def text(self, what: str, value: object, line: int | None = None) -> str | None:
        """``value`` as one clean line of text, or None if it is no text."""
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.note(f"{what} is not text; it was left out", line)
            return None
        if len(value) > MAX_FIELD:
            self.note(
                f"{what} is {len(value):,} characters long, more than "
                f"{MAX_FIELD:,}; it was left out",
                line,
            )
            return None
        clean, removed = one_line(value)
        if removed:
            self.note(removed_note(what, removed), line)
        return clean or None

    def set_text(
        self, key: str, what: str, value: object, line: int | None = None
    ) -> None:
        """Set a plain-text field (``title``, ``venue``) if it is not set yet."""
        if key in self.fields or value is None:
            return
        clean = self.text(what, value, line)
        if clean:
            self.fields[key] = clean

    def set_markup(
        self, key: str, what: str, value: object, line: int | None = None
    ) -> None:
        """Set ``abstract`` or ``description`` from plain text, escaped."""
        if key in self.fields or not isinstance(value, str):
            return
        if len(value) > MAX_FIELD:
            self.text(what, value, line)  # the note
            return
        markup = as_markup(value)
        if markup:
            self.fields[key] = markup

    def add_authors(self, names: Iterable[object], line: int | None = None) -> None:
        """Append names, each ``Given Family`` as the source wrote it."""
        authors = self.fields.setdefault("authors", [])
        for name in names:
            clean = self.text("an author's name", name, line)
            if clean:
                authors.append(clean)

    def add_tags(self, tags: Iterable[object], line: int | None = None) -> None:
        """Append tags, once each, up to the number an entry may have."""
        found = self.fields.setdefault("tags", [])
        for tag in tags:
            clean = self.text("a keyword", tag, line)
            if not clean or clean in found:
                continue
            if len(found) == DEFAULT_MAX_TAGS:
                self.note(
                    f"more than {DEFAULT_MAX_TAGS} keywords; the others, from "
                    f"{clean!r} on, were left out",
                    line,
                )
                return
            found.append(clean)

    def set_url(self, value: object, line: int | None = None) -> None:
        """Set ``url``; an address that is unsafe or relative is a note."""
        url = self.text("the URL", value, line)
        if not url or "url" in self.fields:
            return
        url = url.replace(" ", "%20")
        kept, why = checked_url(url)
        if why:
            self.note(why, line)
        if kept is None:
            return
        arxiv = _ARXIV_URL.match(kept)
        if arxiv and "arxiv" not in self.fields:
            self.set_arxiv(arxiv[1].removesuffix(".pdf"), line, quiet=True)
        doi = _DOI_URL.match(kept)
        if doi and "doi" not in self.fields:
            checked = check_doi(unquote(doi[1]))
            if checked.value is not None and not _ARXIV_DOI.fullmatch(checked.value):
                self.fields["doi"] = checked.value
        key = comparable_url(kept)
        if key is not None and key in self.seen_urls:
            self.note(
                f"the URL {shorten(kept)!r} is also the address of "
                f"{self.seen_urls[key]}; it was left out, since one address in "
                "two entries is reported",
                line,
            )
            return
        self.fields["url"] = kept

    def add_link(self, title: str, value: object, line: int | None = None) -> None:
        """Append an extra link (a PDF, a second address) to ``links``."""
        url = self.text("a link", value, line)
        if not url:
            return
        kept, why = checked_url(url.replace(" ", "%20"))
        if why:
            self.note(why, line)
        if kept is not None and kept != self.fields.get("url"):
            self.fields.setdefault("links", []).append({"title": title, "url": kept})

    def set_doi(self, value: object, line: int | None = None) -> None:
        """Set ``doi`` (or ``arxiv``, for arXiv's own DOIs); a wrong one is a note."""
        text = self.text("the DOI", value, line)
        if not text or "doi" in self.fields:
            return
        checked = check_doi(text)
        if checked.value is None:
            if text.startswith("10/"):  # Zotero's short DOIs: doi.org resolves them
                self.note(
                    f"the short DOI {shorten(text)!r} is not a DOI the YAML takes; "
                    "it was left out: give the full DOI (10.NNNN/...)",
                    line,
                )
            else:
                self.note(f"{checked.problem}; it was left out", line)
            return
        arxiv = _ARXIV_DOI.fullmatch(checked.value)
        if arxiv:
            self.set_arxiv(arxiv[1], line)
            return
        self.fields["doi"] = checked.value

    def set_arxiv(
        self, value: object, line: int | None = None, *, quiet: bool = False
    ) -> None:
        """Set ``arxiv``; a wrong id is a note, unless ``quiet`` (a guess)."""
        text = self.text("the arXiv id", value, line)
        if not text or "arxiv" in self.fields:
            return
        checked = check_arxiv(text)
        if checked.value is None:
            if not quiet:
                self.note(f"{checked.problem}; it was left out", line)
            return
        self.fields["arxiv"] = checked.value

    def set_isbn(self, value: object, line: int | None = None) -> bool:
        """Set ``isbn`` from the first valid ISBN of ``value``; True if set.

        Zotero writes a book's ISBN-13 and ISBN-10 in one field, separated by
        spaces; the others are not notes, a wrong one is.
        """
        text = self.text("the ISBN", value, line)
        if not text or "isbn" in self.fields:
            return False
        problems = []
        text = re.sub(r"\([^)]*\)", " ", text)  # "(pbk.)", "(hardcover)"
        for candidate in re.split(r"[\s,;]+(?=(?:ISBN)?[0-9])", text.strip()):
            checked = check_isbn(candidate)
            if checked.value is not None:
                self.fields["isbn"] = checked.value
                return True
            problems.append(checked.problem)
        self.note(f"{problems[0]}; it was left out", line)
        return False

    def set_date(
        self,
        year: object,
        month: object = None,
        day: object = None,
        line: int | None = None,
    ) -> None:
        """Set ``date`` (a day or a month) or ``year``, as precise as the source.

        A date that is not in the calendar, or a year out of 1000 to 2999,
        is a note.
        """
        if "year" in self.fields or "date" in self.fields:
            return
        numbers = [_number(part) for part in (year, month, day)]
        if numbers[0] is None:
            if year not in (None, ""):
                self.note(
                    f"the year {shorten(str(year))!r} is not a year; it was left out",
                    line,
                )
            return
        value = f"{numbers[0]:04d}"
        for part in numbers[1:]:
            if part is None:
                break
            value += f"-{part:02d}"
        if value.count("-") == 0:
            if not YEARS[0] <= numbers[0] <= YEARS[1]:
                self.note(
                    f"the year {numbers[0]} is implausible; it was left out", line
                )
                return
            self.fields["year"] = numbers[0]
            return
        problem = calendar_problem(value, YEARS)
        if problem:
            why = "its year is implausible" if problem == "implausible" else problem
            self.note(f"the date {value} is not a date ({why}); it was left out", line)
            return
        self.fields["date"] = value

    def finish(self) -> None:
        """Keep the entry if it has a title; note it otherwise."""
        if not self.fields.get("title"):
            self.note("it has no title; the reference was left out")
            return
        if not self.fields.get("authors"):
            self.fields.pop("authors", None)
        if "arxiv" in self.fields and "kind" not in self.fields:
            self.fields["kind"] = "paper"  # a preprint, exported as @misc or a webpage
        url = self.fields.get("url")
        key = comparable_url(url) if url else None
        if key is not None:
            self.seen_urls[key] = self.label
        self.imported.entries.append(self.fields)

    def left_out(self, names: Iterable[str], line: int | None = None) -> None:
        """One note naming the fields that have no place in the YAML."""
        names = sorted(set(names))
        if not names:
            return
        listed = ", ".join(repr(name) for name in names)
        many = len(names) > 1
        self.note(
            f"the field{'s' if many else ''} {listed} ha{'ve' if many else 's'} no "
            f"place in the YAML; {'they were' if many else 'it was'} left out",
            line,
        )


def _number(value: object) -> int | None:
    """A whole number written as a number or as ASCII digits, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) <= 4:
            return int(text)
    return None
