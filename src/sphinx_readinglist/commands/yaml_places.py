"""Where each address is written in reading-list YAML, for ``linkrot``.

Files are read by the extension's own YAML reader, with its limits (too
large, too deep, alias bombs, not UTF-8 are refused as a build refuses
them) and the line of every value; it is fast, so a long list is mapped in
moments. Only a file that ``--write`` edits is read again, round trip, by
:mod:`.yaml_rewrite`. Each mapping and list is visited once, however many
aliases name it, so a document cannot make the walk expand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..data.loader import load_file
from ..data.model import Limits
from ..data.yaml_reader import YAML_LOAD_ERRORS, load_yaml
from ..data.yaml_values import LineDict, LineList

#: The fields that hold one whole address.
URL_FIELDS = ("url", "archive", "image")

#: A step from a value to the one inside it: a key, or a list index.
Step = Any


class YamlFileError(Exception):
    """A file that cannot be read as reading-list YAML; the message says why."""


@dataclass(frozen=True)
class Place:
    """One text value of a YAML file, which may hold an address."""

    #: ``url`` of an entry, ``links``, ``translations``, ``archive``,
    #: ``image``, ``defaults`` (an address in the defaults), ``doi``,
    #: ``arxiv`` or ``text`` (a description, an abstract, an extra value).
    field: str
    #: The 1-based line of the value.
    line: int
    value: str
    #: The keys and indexes from the top of the document to the value.
    path: tuple[Step, ...]
    #: The key of the value in the entry's own mapping (``url``...), or
    #: None when the value is deeper, or outside the entries.
    entry_key: str | None
    #: The entry's ``status`` and whether it has an ``archive``.
    entry_status: str | None = None
    entry_archive: bool = False
    #: Whether other places share the value (an alias, a merge, an anchor).
    shared: bool = False


@dataclass
class YamlFile:
    """A YAML file, as read, and the values in it."""

    path: Path
    display: str
    text: str
    places: list[Place]
    _lines: list[str] | None = None

    def lines(self) -> list[str]:
        """The lines of the text, split once."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines


def read_yaml(path: Path, display: str, limits: Limits | None = None) -> YamlFile:
    """Read ``path`` and find every text value that may hold an address.

    :raises YamlFileError: the file cannot be read, or a build would refuse
        it whole; the message says why, as the build does.
    """
    limits = limits or Limits()
    try:
        with path.open("rb") as file:
            raw = file.read(limits.max_bytes + 1)
        text = raw.decode("utf-8-sig") if len(raw) <= limits.max_bytes else None
        data = (
            load_yaml(
                text,
                max_nodes=limits.max_nodes,
                max_depth=limits.max_depth,
                max_chars=limits.max_bytes,
            )
            if text is not None
            else None
        )
    except (OSError, UnicodeDecodeError, *YAML_LOAD_ERRORS):
        data = text = None
    if text is None:
        # the loader words what is wrong with the file, as a build does
        refused = load_file(path, display, limits=limits).problems
        if not refused:  # pragma: no cover (the loader refuses what failed here)
            raise YamlFileError(f"{display}: the file cannot be read")
        raise YamlFileError(f"{refused[0].location}: {refused[0].message}")
    return YamlFile(path, display, text, _places(data))


def _entries(document: Any) -> tuple[list[Any], Any]:
    """The entries and the defaults mapping of a document."""
    if isinstance(document, LineList):
        return list(document), None
    if isinstance(document, LineDict):
        resources = document.get("resources")
        entries = list(resources) if isinstance(resources, LineList) else []
        return entries, document.get("defaults")
    return [], None


def _places(document: Any) -> list[Place]:
    """Every text value of the document that may hold an address, each
    marked shared when the same value is found at another place too."""
    found = list(_walk(document))
    uses = Counter(id(value) for _place, value in found)
    return [
        replace(place, shared=True) if uses[id(value)] > 1 else place
        for place, value in found
    ]


def _walk(document: Any) -> Iterator[tuple[Place, str]]:
    entries, defaults = _entries(document)
    entry_ids = {id(e) for e in entries if isinstance(e, LineDict)}
    seen: set[int] = set()
    # (value, path, the entry it is in, the field of that entry)
    stack: list[tuple[Any, tuple[Step, ...], Any, str | None]] = [
        (document, (), None, None)
    ]
    while stack:
        node, path, entry, field = stack.pop()
        if id(node) in seen:
            continue  # an alias of a mapping or list: visited where anchored
        seen.add(id(node))
        if isinstance(node, LineList):
            for index in reversed(range(len(node))):
                item = node[index]
                if isinstance(item, str):
                    continue  # authors, tags: no addresses
                stack.append((item, (*path, index), entry, field))
            continue
        if not isinstance(node, LineDict):
            continue
        if id(node) in entry_ids:
            entry, field = node, None
        for key in reversed(list(node)):
            value = node[key]
            inner = _field(node, key, entry, field, defaults)
            if not isinstance(value, str):
                stack.append((value, (*path, key), entry, inner))
                continue
            status = entry.get("status") if entry is not None else None
            place = Place(
                inner,
                node.lines.get(key, node.line),
                value,
                (*path, key),
                key if node is entry and isinstance(key, str) else None,
                status if isinstance(status, str) else None,
                entry is not None and "archive" in entry,
            )
            yield place, value


def _field(node: Any, key: Any, entry: Any, field: str | None, defaults: Any) -> str:
    """What the value under ``key`` of ``node`` is, for ``linkrot``."""
    if node is defaults:
        return "defaults"
    if entry is None:
        return field or "other"
    if node is entry:
        if key in URL_FIELDS or key in ("doi", "arxiv", "links", "translations"):
            return str(key)
        return "text"
    if field == "links" and key == "url":
        return "links"
    if field == "translations":
        return "translations"
    return "text"
