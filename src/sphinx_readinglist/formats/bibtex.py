"""BibTeX and BibLaTeX in and out: ``import bibtex`` and ``export bibtex``.

Reading uses bibtexparser 2: its splitter gives each block with its line,
its middlewares remove the enclosing braces and quotes and split the name
lists; ``@string`` references (with ``#`` concatenation) are resolved here,
in the order BibTeX resolves them and within a size limit, and LaTeX is
decoded field by field (:mod:`._latex`), URLs and identifiers verbatim.
Writing escapes every value, so that the file compiles and reads back with
bibtexparser and pybtex to the same text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from ..data.model import Resource
from ._bibliographic import CONFERENCE, MAX_FIELD, Record, split_tags
from ._latex import (
    MAX_BRACE_DEPTH,
    brace_depth,
    decode,
    decode_verbatim,
    escape,
    escape_name,
    escape_url,
)
from ._plain import plain_text
from .common import Imported

#: BibTeX's month macros, and the month each means.
MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "jan",
            "feb",
            "mar",
            "apr",
            "may",
            "jun",
            "jul",
            "aug",
            "sep",
            "oct",
            "nov",
            "dec",
        ),
        start=1,
    )
}
#: The entry types of BibTeX and BibLaTeX, and the kind each gives.
KINDS = {
    **dict.fromkeys(
        ("article", "inproceedings", "conference", "proceedings", "mvproceedings",
         "phdthesis", "mastersthesis", "thesis", "techreport", "report",
         "unpublished", "preprint", "patent"),
        "paper",
    ),
    **dict.fromkeys(
        ("book", "mvbook", "inbook", "bookinbook", "suppbook", "collection",
         "mvcollection", "incollection", "suppcollection", "reference",
         "mvreference", "inreference", "booklet", "manual"),
        "book",
    ),
    **dict.fromkeys(("online", "electronic", "www", "webpage"), "website"),
    **dict.fromkeys(("software", "codefragment"), "tool"),
    **dict.fromkeys(("video", "movie"), "video"),
    "audio": "podcast",
    "misc": None,
}  # fmt: skip
#: The fields mapped, by the YAML field they fill (in order of preference).
VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "howpublished", "publisher",
                "organization", "institution", "school", "eventtitle")  # fmt: skip
#: Fields of reference managers' own bookkeeping: noted like the others.
_READ = {"title", "author", "editor", "year", "month", "date", "url", "doi",
         "eprint", "archiveprefix", "eprinttype", "isbn", "keywords", "abstract",
         *VENUE_FIELDS}  # fmt: skip
_VERBATIM = frozenset({"url", "doi", "eprint", "isbn"})
#: The most characters an ``@string`` may expand to; ``a = b # b`` doubles.
MAX_EXPANSION = MAX_FIELD


def read(text: str, path: str) -> Imported:
    """The entries of a BibTeX or BibLaTeX file; see the module's docstring.

    Blocks that do not parse, duplicate keys, ``@preamble`` and fields with
    no place in the YAML are notes, with their lines.
    """
    from bibtexparser import middlewares
    from bibtexparser.entrypoint import parse_string
    from bibtexparser.model import (
        DuplicateBlockKeyBlock,
        Entry,
        ParsingFailedBlock,
        Preamble,
        String,
    )

    imported = Imported()
    text = text.removeprefix("\ufeff")
    # the splitter logs each block it cannot read; the notes say it instead
    log = logging.getLogger("bibtexparser.splitter")
    disabled, log.disabled = log.disabled, True
    try:
        library = parse_string(text, parse_stack=[])
    except Exception as exc:  # the splitter's own state errors, never the data's
        imported.note(
            path,
            1,
            f"the file could not be read as BibTeX ({type(exc).__name__}); "
            "check that every entry's braces are balanced",
        )
        return imported
    finally:
        log.disabled = disabled
    strings = _Strings(imported, path)
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, String):
            strings.define(block, line)
        elif isinstance(block, Entry):
            strings.resolve(block, line)
    stack = [
        middlewares.RemoveEnclosingMiddleware(),
        middlewares.SeparateCoAuthors(),
    ]
    for middleware in stack:
        library = middleware.transform(library)
    seen: dict[str, str] = {}
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            imported.note(
                path,
                line,
                f"a second entry with the key {block.key!r}; it was left out: "
                "give it a key of its own",
            )
        elif isinstance(block, ParsingFailedBlock):
            imported.note(path, line, _failure(block))
        elif isinstance(block, Preamble):
            imported.note(
                path, line, "the @preamble has no place in the YAML; it was left out"
            )
        elif isinstance(block, Entry):
            _entry(imported, path, block, line, seen)
    return imported


def _failure(block: Any) -> str:
    """What a block that failed to parse was, for its note."""
    reason = getattr(block.error, "abort_reason", None) or type(block.error).__name__
    reason = " ".join(str(reason).split())[:200]
    return (
        f"this block could not be read ({reason}); it was left out: check its "
        "braces and quotes"
    )


class _Strings:
    """The ``@string`` macros, resolved as BibTeX does: each definition uses
    those before it, and a value joins its parts with ``#``."""

    def __init__(self, imported: Imported, path: str) -> None:
        self.imported, self.path = imported, path
        self.values: dict[str, str] = {}

    def define(self, block: Any, line: int) -> None:
        value = self.expand(block.value, line, f"@string {block.key!r}")
        if value is not None:
            self.values[block.key.lower()] = _unenclosed(value)

    def resolve(self, entry: Any, line: int) -> None:
        for field in list(entry.fields):
            if not isinstance(field.value, str):
                continue
            value = self.expand(
                field.value,
                field.start_line + 1,
                f"entry {entry.key!r}: field {field.key!r}",
            )
            if value is None:
                entry.pop(field.key)
            else:
                field.value = value

    def expand(self, raw: str, line: int, what: str) -> str | None:
        """The value with its macros replaced, still enclosed in braces."""
        if len(raw) > MAX_FIELD:
            size = len(raw) - 2 if raw[:1] in '{"' else len(raw)  # its enclosing
            self.imported.note(
                self.path,
                line,
                f"{what} is {size:,} characters long, more than {MAX_FIELD:,}; "
                "it was left out",
            )
            return None
        if brace_depth(raw) > MAX_BRACE_DEPTH:
            self.imported.note(
                self.path,
                line,
                f"{what} nests braces more than {MAX_BRACE_DEPTH} deep; it was left out",
            )
            return None
        parts = _parts(raw)
        if not parts or (len(parts) == 1 and parts[0][:1] in '{"'):
            return raw
        text, missing = "", set()
        for part in parts:
            if part[:1] in '{"':
                text += part[1:-1]
            elif part.isdigit():
                text += part
            elif part.lower() in self.values:  # an earlier @string, unenclosed
                text += self.values[part.lower()]
            elif part.lower() in MONTHS:
                text += str(MONTHS[part.lower()])
            elif part.lower() not in missing:
                missing.add(part.lower())
                self.imported.note(
                    self.path,
                    line,
                    f"{what}: no @string {part!r} is defined; it was left out",
                )
            if len(text) > MAX_EXPANSION:
                self.imported.note(
                    self.path,
                    line,
                    f"{what} expands to more than {MAX_EXPANSION:,} characters; it was "
                    "left out",
                )
                return None
        return "{" + text + "}"


def _unenclosed(value: str) -> str:
    """A value without its enclosing braces or quotes."""
    if len(value) > 1 and (value[0], value[-1]) in (("{", "}"), ('"', '"')):
        return value[1:-1]
    return value


def _parts(raw: str) -> list[str]:
    """The parts of a value joined by ``#``: braced, quoted, numbers, names."""
    parts, depth, start, quoted = [], 0, 0, False
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(raw[start:index].strip())
            start = index + 1
    parts.append(raw[start:].strip())
    return [part for part in parts if part]


def _entry(
    imported: Imported, path: str, entry: Any, line: int, seen: dict[str, str]
) -> None:
    """One entry to the YAML's fields."""
    record = Record(imported, path, line, f"entry {entry.key!r}", seen_urls=seen)
    record.fields["id"] = entry.key
    fields = {field.key.lower(): field for field in entry.fields}

    def value(key: str) -> Any:
        found = fields[key].value
        if isinstance(found, str):
            return decode_verbatim(found) if key in _VERBATIM else decode(found)
        return [decode(name) for name in found]

    def at(key: str) -> int:
        return int(fields[key].start_line) + 1

    type_ = entry.entry_type.lower()
    if type_ in KINDS:
        if KINDS[type_]:
            record.fields["kind"] = KINDS[type_]
    else:
        record.note(f"the type @{type_} has no kind of its own; the entry has none")
    if "title" in fields:
        record.set_text("title", "the title", value("title"), at("title"))
    for key in ("author", "editor"):
        if key in fields and not record.fields.get("authors"):
            record.add_authors(_names(value(key)), at(key))
    if "date" in fields:
        _date(record, value("date"), at("date"))
    if "year" in fields:
        month = value("month") if "month" in fields else None
        month = (
            str(MONTHS.get(str(month).strip().lower()[:3], month)) if month else None
        )
        record.set_date(value("year").strip(), month, None, at("year"))
    for key in VENUE_FIELDS:
        if key in fields:
            record.set_text("venue", f"the {key}", value(key), at(key))
    if "url" in fields:
        record.set_url(value("url"), at("url"))
    if "doi" in fields:
        record.set_doi(value("doi"), at("doi"))
    unread = [key for key in fields if key not in _READ]
    if "eprint" in fields:
        prefix = fields.get("archiveprefix") or fields.get("eprinttype")
        if prefix is not None and decode(prefix.value).strip().lower() == "arxiv":
            record.set_arxiv(value("eprint"), at("eprint"))
        else:  # a JSTOR or PubMed number: no field of the YAML holds it
            unread += ["eprint", "eprinttype"] if prefix is not None else ["eprint"]
    if "isbn" in fields:
        record.set_isbn(value("isbn"), at("isbn"))
    if "keywords" in fields:
        record.add_tags(split_tags(value("keywords")), at("keywords"))
    if "abstract" in fields:
        record.set_markup("abstract", "the abstract", value("abstract"), at("abstract"))
    record.left_out(unread)
    record.finish()


def _names(names: list[str]) -> list[str]:
    """Each name of a BibTeX name list written ``Given Family``."""
    from bibtexparser.middlewares.names import (
        InvalidNameError,
        parse_single_name_into_parts,
    )

    written = []
    for name in names:
        try:
            parts = parse_single_name_into_parts(name)
        except InvalidNameError:
            written.append(name)
            continue
        text = " ".join(parts.first + parts.von + parts.last)
        if parts.jr:
            text += ", " + " ".join(parts.jr)
        written.append(decode(text))
    return written


def _date(record: Record, text: str, line: int) -> None:
    """BibLaTeX's ``date``: ``2015``, ``2015-05``, ``2015-05-27``, or a range."""
    found = re.fullmatch(
        r"\s*([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?(?:/.*)?\s*", text
    )
    if found is None:
        record.note(
            f"the date {text!r} is not a date of the form YYYY-MM-DD; it was left out",
            line,
        )
        return
    record.set_date(found[1], found[2], found[3], line)


# writing --------------------------------------------------------------------


def write(resources: Sequence[Resource]) -> str:
    """The resources as BibTeX, one entry each, keyed by their ids.

    A paper is an ``@inproceedings`` when its venue names a conference, an
    ``@article`` when it has another venue, a ``@misc`` otherwise; a book a
    ``@book``; a website or a blog an ``@online``; anything else a ``@misc``.
    """
    entries = [_written(resource) for resource in resources]
    return "% Exported by sphinx-readinglist.\n\n" + "\n".join(entries)


def _written(resource: Resource) -> str:
    venue = resource.venue
    if resource.kind == "paper" and venue:
        type_, venue_field = (
            ("inproceedings", "booktitle")
            if CONFERENCE.search(venue)
            else ("article", "journal")
        )
    elif resource.kind == "book":
        type_, venue_field = "book", "publisher"
    elif resource.kind in ("website", "blog"):
        type_, venue_field = "online", "organization"
    else:
        type_, venue_field = "misc", "howpublished"
    fields: list[tuple[str, str]] = [("title", "{" + escape(resource.title) + "}")]
    if resource.authors:
        fields.append(
            ("author", " and ".join(escape_name(name) for name in resource.authors))
        )
    year = resource.year or (int(resource.date[:4]) if resource.date else None)
    if year:
        fields.append(("year", str(year)))
    if resource.date:
        fields.append(("date", resource.date))
    if venue:
        fields.append((venue_field, escape(venue)))
    if resource.url:
        fields.append(("url", escape_url(resource.url)))
    if resource.doi:
        fields.append(("doi", escape_url(resource.doi)))
    if resource.arxiv:
        fields += [
            ("eprint", escape_url(resource.arxiv)),
            ("archivePrefix", "arXiv"),
            ("eprinttype", "arxiv"),
        ]
    if resource.isbn:
        fields.append(("isbn", escape(resource.isbn)))
    if resource.tags:
        fields.append(("keywords", escape(", ".join(resource.tags))))
    text = resource.abstract or resource.description
    if text:
        fields.append(("abstract", escape(plain_text(text.source))))
    body = "".join(f",\n  {key} = {{{value}}}" for key, value in fields)
    return f"@{type_}{{{resource.id}{body}\n}}\n"
