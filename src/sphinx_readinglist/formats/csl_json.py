"""CSL-JSON in and out: ``import csl-json`` and ``export csl-json``.

CSL-JSON is what Zotero ("CSL JSON"), Better BibTeX and pandoc write: a
JSON array of items. Reading takes the items one by one, so that each note
names its item's line; writing gives items valid against the CSL data
schema (``csl-data.json``), which reference managers import.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from ..data.model import Resource
from ._bibliographic import CONFERENCE, Record, split_tags
from ._plain import plain_text
from .common import Imported

#: CSL item types, and the kind each gives.
KINDS = {
    **dict.fromkeys(
        ("article", "article-journal", "paper-conference", "report", "thesis",
         "manuscript", "review", "review-book", "patent", "standard", "dataset"),
        "paper",
    ),
    **dict.fromkeys(
        ("book", "chapter", "classic", "collection", "periodical", "pamphlet"), "book"
    ),
    **dict.fromkeys(
        ("article-magazine", "article-newspaper", "entry", "entry-dictionary",
         "entry-encyclopedia", "post"),
        "article",
    ),
    "webpage": "website",
    "post-weblog": "blog",
    "motion_picture": "video",
    "broadcast": "video",
    "software": "tool",
    "speech": "talk",
}  # fmt: skip
#: The variables read; any other is noted.
_READ = frozenset(
    {"id", "citation-key", "type", "title", "author", "editor", "issued",
     "container-title", "publisher", "DOI", "URL", "ISBN", "abstract",
     "keyword", "number"}
)  # fmt: skip
#: Rich text markup that CSL allows in titles: the tags, never their text.
_RICH_TEXT = re.compile(r"</?(?:i|b|sup|sub|span(?:\s[^<>]*)?)>", re.IGNORECASE)
#: The deepest nesting of arrays and objects read (an item nests four).
MAX_DEPTH = 20


def read(text: str, path: str) -> Imported:
    """The entries of a CSL-JSON file; see the module's docstring."""
    imported = Imported()
    text = text.removeprefix("\ufeff")
    decoder = json.JSONDecoder(parse_constant=_no_constant)
    start = _skip(text, 0)
    if text[start : start + 1] != "[":
        imported.note(
            path,
            _line(text, start),
            "a CSL-JSON file is a JSON array of items ([{...}, ...]); this file "
            "is not: export the items again as CSL JSON",
        )
        return imported
    index = _skip(text, start + 1)
    line, counted = 1, 0
    number = 0
    seen: dict[str, str] = {}
    while index < len(text) and text[index] != "]":
        number += 1
        line += text.count("\n", counted, index)  # counted on from the last item
        counted = index
        try:
            item, index = decoder.raw_decode(text, index)
        except (ValueError, RecursionError) as exc:
            why, where = _why(exc), line
            if isinstance(exc, json.JSONDecodeError):
                where = _line(text, exc.pos)
            imported.note(
                path,
                where,
                f"the file is not valid JSON from here ({why}); the items after "
                "it were left out",
            )
            return imported
        if not isinstance(item, dict):
            imported.note(
                path, line, f"item {number} is not an object; it was left out"
            )
        elif _depth(item) > MAX_DEPTH:
            imported.note(
                path,
                line,
                f"item {number} nests more than {MAX_DEPTH} levels; it was left out",
            )
        else:
            _item(imported, path, line, number, item, seen)
        index = _skip(text, index)
        if text[index : index + 1] == ",":
            index = _skip(text, index + 1)
    return imported


class _RefusedError(ValueError):
    """A value that JSON does not allow, though Python's decoder takes it."""


def _no_constant(name: str) -> Any:
    raise _RefusedError(f"{name} is not a JSON number")


def _why(exc: ValueError | RecursionError) -> str:
    """Why the decoder stopped, in words."""
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    if isinstance(exc, RecursionError):
        return "arrays or objects nest too deep"
    if isinstance(exc, _RefusedError):
        return str(exc)
    return "a number too long to read"  # Python's limit on a number's digits


def _skip(text: str, index: int) -> int:
    """The index of the next character that is not JSON white space."""
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _depth(value: Any) -> int:
    """How deep arrays and objects nest in ``value``, without recursing."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                return depth
            children = current.values() if isinstance(current, dict) else current
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _item(
    imported: Imported,
    path: str,
    line: int,
    number: int,
    item: dict[str, Any],
    seen: dict[str, str],
) -> None:
    """One CSL item to the YAML's fields."""
    key = item.get("citation-key") or item.get("id")
    label = f"item {key!r}" if isinstance(key, str | int) else f"item {number}"
    record = Record(imported, path, line, label, seen_urls=seen)
    if isinstance(key, str) and re.fullmatch(r"[\w.+-]+", key):
        record.fields["id"] = key  # not a Zotero address such as http://zotero.org/...
    type_ = item.get("type")
    if isinstance(type_, str) and KINDS.get(type_):
        record.fields["kind"] = KINDS[type_]
    title = item.get("title")
    if isinstance(title, str):
        title = _RICH_TEXT.sub("", title)
    record.set_text("title", "the title", title)
    for role in ("author", "editor"):
        if role in item and not record.fields.get("authors"):
            record.add_authors(_names(record, item[role]))
    if "issued" in item:
        _issued(record, item["issued"])
    record.set_text("venue", "the container-title", item.get("container-title"))
    if record.fields.get("kind") == "book":
        record.set_text("venue", "the publisher", item.get("publisher"))
    if "URL" in item:
        record.set_url(item["URL"])
    if "DOI" in item:
        record.set_doi(item["DOI"])
    number_ = item.get("number")
    if isinstance(number_, str) and number_.lower().startswith("arxiv:"):
        record.set_arxiv(number_)
    if "ISBN" in item:
        record.set_isbn(item["ISBN"])
    keywords = item.get("keyword")
    if isinstance(keywords, str):
        record.add_tags(split_tags(keywords))
    abstract = item.get("abstract")
    if isinstance(abstract, str):
        record.set_markup("abstract", "the abstract", abstract)
    unread = [name for name in item if name not in _READ]
    if record.fields.get("kind") != "book" and "publisher" in item:
        unread.append("publisher")
    record.left_out(unread)
    record.finish()


def _names(record: Record, names: Any) -> list[str]:
    """CSL names written ``Given Family``: ``{"family", "given"}`` or ``{"literal"}``."""
    if not isinstance(names, list):
        record.note("the names are not a list; they were left out")
        return []
    written = []
    for name in names:
        if not isinstance(name, dict):
            continue
        if isinstance(name.get("literal"), str):
            written.append(name["literal"])
            continue
        parts = [
            name.get(part)
            for part in (
                "given",
                "dropping-particle",
                "non-dropping-particle",
                "family",
            )
        ]
        text = " ".join(
            part for part in parts if isinstance(part, str) and part.strip()
        )
        if isinstance(name.get("suffix"), str) and name["suffix"].strip():
            text += ", " + name["suffix"]
        if text:
            written.append(text)
    return written


def _issued(record: Record, issued: Any) -> None:
    """``issued``: ``{"date-parts": [[2015, 5, 27]]}`` or ``{"raw": "2015-05-27"}``."""
    if not isinstance(issued, dict):
        record.note("'issued' is not a CSL date; it was left out")
        return
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = [*parts[0][:3], None, None]
        record.set_date(first[0], first[1], first[2])
        return
    raw = issued.get("raw") or issued.get("literal")
    found = re.match(r"\s*([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?", str(raw or ""))
    if found:
        record.set_date(found[1], found[2], found[3])
    else:
        record.note(f"the date {str(raw)[:40]!r} has no year; it was left out")


# writing --------------------------------------------------------------------

#: The CSL type of each kind (a paper's depends on its venue).
TYPES = {
    "book": "book",
    "article": "article-magazine",
    "website": "webpage",
    "blog": "post-weblog",
    "video": "motion_picture",
    "podcast": "broadcast",
    "tool": "software",
    "talk": "speech",
    "course": "webpage",
    "list": "webpage",
}
#: Particles that belong to the family name: ``Ludwig van Beethoven``.
_PARTICLES = frozenset(
    {
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "la",
        "le",
        "ter",
        "ten",
    }
)


def write(resources: Sequence[Resource]) -> str:
    """The resources as a CSL-JSON array, one item each, with their ids."""
    items = [_written(resource) for resource in resources]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def _written(resource: Resource) -> dict[str, Any]:
    item: dict[str, Any] = {"id": resource.id, "type": _type(resource)}
    item["title"] = resource.title
    if resource.authors:
        item["author"] = [_name(name) for name in resource.authors]
    if resource.date:
        item["issued"] = {
            "date-parts": [[int(part) for part in resource.date.split("-")]]
        }
    elif resource.year:
        item["issued"] = {"date-parts": [[resource.year]]}
    if resource.venue:
        item["publisher" if resource.kind == "book" else "container-title"] = (
            resource.venue
        )
    if resource.url:
        item["URL"] = resource.url
    if resource.doi:
        item["DOI"] = resource.doi
    elif resource.arxiv:  # arXiv registers a DOI for every preprint
        item["DOI"] = f"10.48550/arXiv.{resource.arxiv}"
    if resource.arxiv:
        item["number"] = f"arXiv:{resource.arxiv}"
    if resource.isbn:
        item["ISBN"] = resource.isbn
    if resource.tags:
        item["keyword"] = ", ".join(resource.tags)
    text = resource.abstract or resource.description
    if text:
        item["abstract"] = plain_text(text.source)
    return item


def _type(resource: Resource) -> str:
    if resource.kind == "paper":
        if not resource.venue:
            return "article"
        return (
            "paper-conference"
            if CONFERENCE.search(resource.venue)
            else "article-journal"
        )
    return TYPES.get(resource.kind or "", "document")


def _name(name: str) -> dict[str, str]:
    """A name as CSL's family and given parts, or whole as ``literal``: a
    name with a comma, or of one word, is not split."""
    words = name.split()
    if "," in name or len(words) < 2:
        return {"literal": name}
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1] in _PARTICLES:
        family_start -= 1
    return {
        "family": " ".join(words[family_start:]),
        "given": " ".join(words[:family_start]),
    }
