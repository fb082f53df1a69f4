"""One web address as the ``url`` of two entries: a duplicate, project-wide.

Found once every document is read (``env-updated``), from what the domain
noted of each source, like the ids shared by two files: so a parallel build
warns once, and an incremental build warns while the duplicate remains in a
source it read again. Addresses are compared in the form of
:func:`~.data.addresses.comparable_url`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from sphinx.util.logging import getLogger

from .data.messages import shown
from .warnings_ import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from .domain import Source

logger = getLogger(__name__)


def report_duplicate_urls(
    sources: Mapping[str, Source], fresh: Collection[str]
) -> None:
    """Warn at each entry whose ``url`` an earlier entry has, naming both.

    Entries are taken in the order of their files' paths, then of their
    lines; the first with an address is the one the others are compared
    with. A file shown by several directives is one source: its entries are
    not duplicates of themselves.

    :param fresh: the sources read in this build; a pair warns only if one
        of its sources is among them.
    """
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
            logger.warning(
                f"entry {shown(title)}: url {shown(url)} is the address of entry "
                f"{shown(first_title)} too ({first_path}:{first_line}); keep "
                "one entry, and show it on other pages with :ids:, or remove "
                "the url of one",
                location=f"{source.path}:{line}",
                type=WARNING_TYPE,
                subtype=Subtype.DUPLICATE_URL.value,
            )
