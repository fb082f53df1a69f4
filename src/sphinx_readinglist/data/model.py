"""The reading-list data model: plain, frozen, Sphinx-free; the limits beside it."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, fields
from enum import Enum
from operator import attrgetter
from typing import Any, TypeVar

from .urls import DEFAULT_SCHEMES

#: The values of ``kind``, in the order the docs list them.
KINDS = (
    "paper",
    "book",
    "course",
    "video",
    "blog",
    "article",
    "website",
    "tool",
    "list",
    "talk",
    "podcast",
    "other",
)

#: How a project names a kind of its own (``readinglist_kinds``): lowercase
#: ASCII letters and digits, in words joined by single hyphens.
KIND_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: The longest name of a kind.
MAX_KIND_NAME = 40

#: The values of ``level``, from easiest to hardest.
LEVELS = ("beginner", "intermediate", "advanced")


_Class = TypeVar("_Class", bound=type)


def _pickled_by_fields(cls: _Class) -> _Class:
    """Pickle a frozen slotted dataclass as dataclasses does, only faster.

    dataclasses' own ``__getstate__`` looks the fields up again for each
    object: a third of the time of pickling a page of thousands of cards.
    The state is the same list of values in field order, so a pickle made
    either way is read either way.
    """
    names = tuple(f.name for f in fields(cls))
    values = attrgetter(*names)  # a tuple: every class here has several fields

    def get_state(self: Any) -> list[Any]:
        return list(values(self))

    def set_state(self: Any, state: list[Any]) -> None:
        for name, value in zip(names, state, strict=False):
            object.__setattr__(self, name, value)

    # after @dataclass, which would replace them
    setattr(cls, "__getstate__", get_state)  # noqa: B010 (a method of a class)
    setattr(cls, "__setstate__", set_state)  # noqa: B010
    return cls


class Markup(str, Enum):
    """The syntax of the ``description`` and ``abstract`` fields."""

    RST = "rst"
    MYST = "myst"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Location:
    """Where something was written: a file (as given) and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Problem:
    """A located problem in reading-list data, reported as a Sphinx warning."""

    location: Location
    message: str
    subtype: str

    def sort_key(self) -> tuple[str, int, str]:
        return (self.location.path, self.location.line, self.message)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Link:
    """An extra link of a resource: slides, code, a video, a sub-post..."""

    title: str
    url: str


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Text:
    """A markup field (``description`` or ``abstract``) and where it starts."""

    source: str
    markup: Markup
    location: Location


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Resource:
    """One entry of a reading list."""

    id: str
    title: str
    location: Location
    url: str | None = None
    #: Where ``url`` was written: a relative one that names no page warns there.
    url_location: Location | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    #: ``YYYY-MM-DD``, or ``YYYY-MM`` for a month: the precision written.
    date: str | None = None
    #: The day the entry joined the list, ``YYYY-MM-DD``.
    added: str | None = None
    venue: str | None = None
    kind: str | None = None
    level: str | None = None
    tags: tuple[str, ...] = ()
    description: Text | None = None
    abstract: Text | None = None
    links: tuple[Link, ...] = ()
    translations: tuple[tuple[str, str], ...] = ()
    image: str | None = None
    image_alt: str | None = None
    #: Where ``image`` was written: its problems are reported there.
    image_location: Location | None = None
    #: The identifiers, checked: a bare DOI, an arXiv id, an ISBN as written.
    doi: str | None = None
    arxiv: str | None = None
    isbn: str | None = None
    #: An archived copy of the resource (a Wayback Machine address...).
    archive: str | None = None
    #: ``ok``, or ``dead`` when ``url`` no longer works: the title is then
    #: not linked.
    status: str = "ok"
    #: The entry's own fields (``extra:``), in the order written: each key
    #: with its text, number or boolean; a date is kept as its ISO text.
    extra: tuple[tuple[str, str | int | float | bool], ...] = ()


@dataclass(frozen=True, slots=True)
class ReadingList:
    """The valid resources of one YAML source, and the problems found in it."""

    path: str
    resources: tuple[Resource, ...] = ()
    problems: tuple[Problem, ...] = field(default=(), compare=False)

    def by_id(self) -> dict[str, Resource]:
        """Map each id to its resource."""
        return {resource.id: resource for resource in self.resources}


DEFAULT_MAX_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_NODES = 2_000_000
#: How deep mappings and lists may nest. Reading-list data nests five levels
#: (resources, entry, links, link, value); the limit keeps the building of
#: the data, which recurses, far from Python's recursion limit.
DEFAULT_MAX_DEPTH = 50
#: A card is shown under each of its tags by ``:group-by: tag``, and shows
#: all of them: its size grows with the square of their number.
DEFAULT_MAX_TAGS = 50


@dataclass(frozen=True, slots=True)
class Limits:
    """How much a data file may hold (``readinglist_max_*``), what it may
    link, and the kinds it may name."""

    #: The largest file read, in bytes; also the most characters of text
    #: its data may expand to, aliases and defaults copied out.
    max_bytes: int = DEFAULT_MAX_BYTES
    #: The most values (mappings, lists, scalars) a file may hold, with its
    #: aliases expanded.
    max_nodes: int = DEFAULT_MAX_NODES
    #: The most levels mappings and lists may nest.
    max_depth: int = DEFAULT_MAX_DEPTH
    #: The most tags an entry may have.
    max_tags: int = DEFAULT_MAX_TAGS
    #: The URL schemes that may be linked; relative links always may.
    url_schemes: Collection[str] = DEFAULT_SCHEMES
    #: The values ``kind`` may take: :data:`KINDS`, then the project's own
    #: (``readinglist_kinds``).
    kinds: tuple[str, ...] = KINDS
