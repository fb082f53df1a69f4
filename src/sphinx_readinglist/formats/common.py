"""What every importer makes: entries in the YAML's field order, unique slug
ids, notes on what could not be mapped, and the YAML text itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..data.model import Location, Problem, Resource
from ..data.validate import slugify

#: The subtype of the notes of an import: what the source held that the
#: YAML has no place for, or that was dropped as invalid.
IMPORT_NOTE = "import"

#: The fields of an entry in the order the docs list them; an importer's
#: entries are written in this order, whatever order it filled them in.
FIELD_ORDER = (
    "id",
    "title",
    "url",
    "authors",
    "year",
    "date",
    "added",
    "venue",
    "kind",
    "level",
    "tags",
    "doi",
    "arxiv",
    "isbn",
    "archive",
    "status",
    "description",
    "abstract",
    "links",
    "translations",
    "image",
    "image_alt",
    "extra",
)


@dataclass
class Imported:
    """The entries read from a source, and what could not be carried over."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    #: The syntax of the descriptions and abstracts (``"myst"``), written as
    #: the file's ``markup``; None for the default, reStructuredText.
    markup: str | None = None

    def note(self, path: str, line: int, message: str) -> None:
        """Report something of the source at ``line`` that the YAML lost."""
        self.notes.append(Problem(Location(path, line), message, IMPORT_NOTE))


def ordered(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The entry's fields in :data:`FIELD_ORDER`, empty values left out."""
    known = {key: entry[key] for key in FIELD_ORDER if key in entry}
    rest = {key: value for key, value in entry.items() if key not in known}
    return {
        key: value
        for key, value in {**known, **rest}.items()
        if value not in (None, "", [], {}, ())
    }


def unique_ids(entries: Iterable[dict[str, Any]]) -> None:
    """Make every entry's ``id`` a slug unique among them, in place.

    An entry keeps its own id (slugified) when it has one, else takes its
    title's slug; a repeated slug gets ``-2``, ``-3``... in order.
    """
    taken: set[str] = set()
    for entry in entries:
        base = slugify(str(entry.get("id") or entry.get("title") or "resource"))
        slug, number = base, 1
        while slug in taken:
            number += 1
            suffix = f"-{number}"
            slug = base[: 80 - len(suffix)].rstrip("-") + suffix
        taken.add(slug)
        entry["id"] = slug


class _Dumper(yaml.SafeDumper):
    """Block style, texts with line breaks as literal blocks."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def to_yaml(imported: Imported, *, source: str) -> str:
    """The YAML text of the entries, ids made unique, with a header comment."""
    entries = [dict(entry) for entry in imported.entries]
    unique_ids(entries)
    entries = [ordered(entry) for entry in entries]
    document: dict[str, Any] = {"resources": entries}
    if imported.markup:
        document = {"markup": imported.markup, **document}
    body = yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return f"# Imported from {source} by sphinx-readinglist.\n{body}"


def as_fields(resource: Resource) -> dict[str, Any]:
    """A checked resource as the fields of its YAML entry, in :data:`FIELD_ORDER`.

    Markup fields keep their source text; ``status`` is left out when ``ok``.
    """
    fields: dict[str, Any] = {
        "id": resource.id,
        "title": resource.title,
        "url": resource.url,
        "authors": list(resource.authors),
        "year": resource.year,
        "date": resource.date,
        "added": resource.added,
        "venue": resource.venue,
        "kind": resource.kind,
        "level": resource.level,
        "tags": list(resource.tags),
        "doi": resource.doi,
        "arxiv": resource.arxiv,
        "isbn": resource.isbn,
        "archive": resource.archive,
        "status": None if resource.status == "ok" else resource.status,
        "description": resource.description.source if resource.description else None,
        "abstract": resource.abstract.source if resource.abstract else None,
        "links": [{"title": link.title, "url": link.url} for link in resource.links],
        "translations": dict(resource.translations),
        "image": resource.image,
        "image_alt": resource.image_alt,
        "extra": dict(resource.extra),
    }
    return ordered(fields)
