"""RIS in: ``import ris``.

RIS is the tagged format of EndNote, Zotero, Mendeley and most publishers'
"cite this" buttons: a record runs from ``TY  - JOUR`` to ``ER  -``, one
``XX  - value`` line per field. A line without a tag continues the field
above it (EndNote's exports wrap), as another value for the tags that
repeat (``KW``, ``AU``, ``SN``, ``UR``). Every tag with no place in the YAML
is a note at its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ._bibliographic import Record, split_tags
from .common import Imported

#: The reference types of RIS (and EndNote's long names), and the kind each gives.
KINDS = {
    **dict.fromkeys(
        ("JOUR", "JFULL", "EJOUR", "ABST", "INPR", "CPAPER", "CONF", "RPRT",
         "THES", "UNPB", "MANSCPT", "PAT", "STAND", "DATA", "AGGR",
         "JOURNAL ARTICLE", "CONFERENCE PAPER", "CONFERENCE PROCEEDINGS",
         "REPORT", "THESIS"),
        "paper",
    ),
    **dict.fromkeys(
        ("BOOK", "EBOOK", "CHAP", "ECHAP", "EDBOOK", "DICT", "ENCYC", "PAMP",
         "SER", "BOOK SECTION", "EDITED BOOK", "ELECTRONIC BOOK"),
        "book",
    ),
    **dict.fromkeys(("MGZN", "NEWS", "MAGAZINE ARTICLE", "NEWSPAPER ARTICLE"), "article"),
    **dict.fromkeys(("ELEC", "WEB", "WEB PAGE", "ONLINE"), "website"),
    "BLOG": "blog",
    **dict.fromkeys(("VIDEO", "MPCT", "FILM OR BROADCAST"), "video"),
    **dict.fromkeys(("COMP", "COMPUTER PROGRAM"), "tool"),
    **dict.fromkeys(("SOUND", "AUDIO"), "podcast"),
    "SLIDE": "talk",
}  # fmt: skip
#: What each tag with no place holds, for its note.
TAG_NAMES = {
    "A3": "tertiary authors", "A4": "subsidiary authors", "AD": "address",
    "AN": "accession number", "AV": "availability", "C1": "custom 1",
    "C2": "custom 2", "C3": "custom 3", "C4": "custom 4", "C5": "custom 5",
    "C6": "custom 6", "C7": "custom 7", "C8": "custom 8", "CA": "caption",
    "CN": "call number", "CY": "place", "DB": "database", "DP": "database provider",
    "ED": "editor", "EP": "end page", "ET": "edition", "ID": "reference id",
    "IS": "issue", "J2": "alternate title", "JA": "abbreviated journal",
    "J1": "abbreviated journal", "L3": "related records", "L4": "figure",
    "LA": "language", "LB": "label", "M1": "miscellaneous 1",
    "M2": "miscellaneous 2", "M3": "type of work", "N1": "notes",
    "NV": "number of volumes", "OP": "original publication", "RI": "reviewed item",
    "RN": "research notes", "RP": "reprint edition", "SE": "section",
    "SP": "start page", "ST": "short title", "T3": "tertiary title",
    "TA": "translated author", "TT": "translated title", "VL": "volume",
    "VO": "volume", "Y2": "access date",
}  # fmt: skip
_TAG = re.compile(r"([A-Z][A-Z0-9])  ?- ?(.*)")
#: Tags that may repeat, each line a value of its own.
_LISTS = frozenset({"AU", "A1", "A2", "A3", "A4", "KW", "SN", "UR", "L1", "L2"})
_TITLES = ("TI", "T1", "CT", "BT", "ST")
_VENUES = ("JF", "JO", "T2", "J2", "JA", "J1", "BT", "PB")
_READ = frozenset(
    {"TY", "ER", "AU", "A1", "A2", "PY", "Y1", "DA", "DO", "UR", "L1", "L2",
     "AB", "N2", "KW", "JF", "JO", "T2", "PB", "SN", "TI", "T1", "CT", "BT"}
)  # fmt: skip


@dataclass
class _Tagged:
    """A record's fields: each tag's values and the line of each."""

    line: int
    values: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def add(self, tag: str, value: str, line: int) -> None:
        self.values.setdefault(tag, []).append((value, line))

    def first(self, *tags: str) -> tuple[str, int] | None:
        for tag in tags:
            for value, line in self.values.get(tag, ()):
                if value.strip():
                    return value, line
        return None


def read(text: str, path: str) -> Imported:
    """The entries of a RIS file; see the module's docstring."""
    imported = Imported()
    records: list[_Tagged] = []
    current: _Tagged | None = None
    last_tag: str | None = None
    outside: int | None = None  # the first line of text outside any record
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        found = _TAG.fullmatch(line.rstrip())
        if found and found[1] == "TY":
            if current is not None:
                imported.note(
                    path,
                    current.line,
                    "this record has no ER line; it ends where the next TY begins",
                )
                records.append(current)
            current, last_tag = _Tagged(number), "TY"
            current.add("TY", found[2].strip(), number)
        elif current is None:
            if line.strip() and outside is None:
                outside = number
        elif found and found[1] == "ER":
            records.append(current)
            current = last_tag = None
        elif found:
            last_tag = found[1]
            current.add(last_tag, found[2].strip(), number)
        elif line.strip() and last_tag is not None:
            values = current.values[last_tag]
            if last_tag in _LISTS:
                values.append((line.strip(), number))
            else:
                value, first_line = values[-1]
                values[-1] = (f"{value} {line.strip()}", first_line)
    if outside is not None:
        imported.note(
            path,
            outside,
            "text outside a record (before TY or after ER) was left out",
        )
    if current is not None:
        imported.note(
            path, current.line, "the last record has no ER line; it was read to the end"
        )
        records.append(current)
    seen: dict[str, str] = {}
    for number, record in enumerate(records, start=1):
        _record(imported, path, number, record, seen)
    return imported


def _record(
    imported: Imported, path: str, number: int, tagged: _Tagged, seen: dict[str, str]
) -> None:
    """One RIS record to the YAML's fields."""
    title = tagged.first(*_TITLES)
    label = f"record {number}" + (f" {title[0][:60]!r}" if title else "")
    record = Record(imported, path, tagged.line, label, seen_urls=seen)
    type_ = (tagged.first("TY") or ("", 0))[0].upper()
    if KINDS.get(type_):
        record.fields["kind"] = KINDS[type_]
    elif type_ not in ("GEN", ""):
        record.note(f"the type {type_!r} has no kind of its own; the entry has none")
    used = set(_READ)
    if title:
        record.set_text("title", "the title", *title)
        used.add(next(tag for tag in _TITLES if title in tagged.values.get(tag, ())))
    for tags in (("AU", "A1"), ("A2",)):
        if not record.fields.get("authors"):
            for tag in tags:
                for name, line in tagged.values.get(tag, ()):
                    record.add_authors([_name(name)], line)
    for tag in ("DA", "PY", "Y1"):
        date = tagged.first(tag)
        if date:
            _date(record, *date)
    venues = _VENUES if record.fields.get("kind") == "book" else _VENUES[:-1]
    for tag in venues:
        found = tagged.first(tag)
        if found and found[0].strip() != record.fields.get("title"):
            record.set_text("venue", "the venue", *found)
    urls = tagged.values.get("UR", [])
    for index, (url, line) in enumerate(urls):
        if index == 0:
            record.set_url(url, line)
        else:
            record.add_link("Link", url, line)
    for tag, title_ in (("L1", "PDF"), ("L2", "Full text")):
        for url, line in tagged.values.get(tag, ()):
            record.add_link(title_, url, line)
    doi = tagged.first("DO")
    if doi:
        record.set_doi(*doi)
    for value, line in tagged.values.get("SN", ()):
        _serial(record, value, line)
    for tag in ("AB", "N2"):
        found = tagged.first(tag)
        if found:
            record.set_markup("abstract", "the abstract", *found)
    for keywords, line in tagged.values.get("KW", ()):
        record.add_tags(split_tags(keywords), line)
    for tag, values in tagged.values.items():
        if tag in used:
            continue
        what = TAG_NAMES.get(tag, "unknown")
        for _value, line in values:
            record.note(
                f"the tag {tag} ({what}) has no place in the YAML; it was left out",
                line,
            )
    record.finish()


def _name(name: str) -> str:
    """``Family, Given`` (RIS's form) as ``Given Family``; ``Family, Given, Jr.``
    keeps its suffix after a comma."""
    parts = [part.strip() for part in name.split(",")]
    if len(parts) == 2 and all(parts):
        return f"{parts[1]} {parts[0]}"
    if len(parts) == 3 and all(parts):
        return f"{parts[1]} {parts[0]}, {parts[2]}"
    return name.strip()


def _date(record: Record, text: str, line: int) -> None:
    """``2014``, ``2014/05/27``, ``2014/05//`` or ``2014-05-27``."""
    found = re.match(r"\s*([0-9]{4})(?:[/-]([0-9]{1,2})?(?:[/-]([0-9]{1,2})?)?)?", text)
    if found is None:
        record.note(f"the date {text[:40]!r} has no year; it was left out", line)
        return
    record.set_date(found[1], found[2], found[3], line)


_ISSN = re.compile(r"[0-9]{4}-?[0-9]{3}[0-9Xx]")


def _serial(record: Record, value: str, line: int) -> None:
    """``SN`` holds an ISBN for a book and an ISSN for a journal."""
    if _ISSN.fullmatch(value.strip()):
        record.note("the ISSN has no place in the YAML; it was left out", line)
        return
    record.set_isbn(value, line)
