"""Ids and web addresses used by two entries of a project: located problems.

A project-wide check, made once every source is read: by the domain after a
build has read its documents (``env-updated``), so that a parallel build
warns once and an incremental one while the duplicate remains in a source it
read again; and by ``sphinx-readinglist check`` over the files it is given.
Both call these functions, so their messages cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Protocol

from ..warnings_ import Subtype
from .addresses import comparable_url
from .messages import shown
from .model import Location, Problem, ReadingList


class Source(Protocol):
    """What the checks need of one source (a file, or a directive's body)."""

    #: the path shown in messages
    path: str
    #: each id with its entry's title and line
    entries: dict[str, tuple[str, int]]
    #: each web address of an entry: (comparable form, as written, title, line)
    urls: list[tuple[str, str, str, int]]


def entries_of(reading_list: ReadingList) -> dict[str, tuple[str, int]]:
    """Each id of ``reading_list`` with its entry's title and line."""
    return {r.id: (r.title, r.location.line) for r in reading_list.resources}


def urls_of(reading_list: ReadingList) -> list[tuple[str, str, str, int]]:
    """Each web address of ``reading_list``: (comparable form, as written,
    title, line), compared in the form of :func:`.addresses.comparable_url`."""
    return [
        (comparable, r.url, r.title, r.location.line)
        for r in reading_list.resources
        if r.url and (comparable := comparable_url(r.url)) is not None
    ]


def duplicate_ids(
    sources: Mapping[str, Source], fresh: Collection[str]
) -> list[Problem]:
    """A problem at each entry whose id an earlier source defines, naming both.

    Sources are taken in the order of their keys.

    :param sources: each source by its key (its path, or for a directive
        body, the page and line).
    :param fresh: the keys of the sources read in this run; a pair is
        reported only if one of its sources is among them.
    """
    problems = []
    first: dict[str, tuple[str, str, int]] = {}
    for key, source in sorted(sources.items()):
        for id_, (title, line) in source.entries.items():
            if id_ not in first:
                first[id_] = (key, source.path, line)
                continue
            first_key, first_path, first_line = first[id_]
            if key not in fresh and first_key not in fresh:
                continue
            problems.append(
                Problem(
                    Location(source.path, line),
                    f"entry {shown(title)}: duplicate id {shown(id_)} (first "
                    f"defined at {first_path}:{first_line}); ids are shared by "
                    "the whole project, give this entry another 'id'",
                    Subtype.DUPLICATE.value,
                )
            )
    return problems


def duplicate_urls(
    sources: Mapping[str, Source], fresh: Collection[str]
) -> list[Problem]:
    """A problem at each entry whose ``url`` an earlier entry has, naming both.

    Entries are taken in the order of their sources' keys, then of their
    lines; the first with an address is the one the others are compared
    with. A file shown by several directives is one source: its entries are
    not duplicates of themselves.

    :param fresh: as for :func:`duplicate_ids`.
    """
    problems = []
    first: dict[str, tuple[str, str, str, int]] = {}
    seen: set[tuple[str, int]] = set()
    for key, source in sorted(sources.items()):
        urls = sorted(source.urls, key=lambda u: u[3])
        for comparable, url, title, line in urls:
            place = (source.path, line)
            if place in seen:
                continue
            seen.add(place)
            if comparable not in first:
                first[comparable] = (key, source.path, title, line)
                continue
            first_key, first_path, first_title, first_line = first[comparable]
            if key not in fresh and first_key not in fresh:
                continue
            problems.append(
                Problem(
                    Location(source.path, line),
                    f"entry {shown(title)}: url {shown(url)} is the address of "
                    f"entry {shown(first_title)} too ({first_path}:{first_line}); "
                    "keep one entry, and show it on other pages with :ids:, or "
                    "remove the url of one",
                    Subtype.DUPLICATE_URL.value,
                )
            )
    return problems


__all__ = ["Source", "duplicate_ids", "duplicate_urls", "entries_of", "urls_of"]
