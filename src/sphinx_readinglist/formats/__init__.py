"""Other formats in and out: bibliographies, awesome lists, bookmarks, JSON.

Nothing here imports Sphinx or docutils. An importer turns a source's text
into entries ready to be written as reading-list YAML (:mod:`.common`); an
exporter turns checked resources into another format's text. Each lives in
the module of its format, imported only when used, so that the command line
starts fast and a format's library is needed only by those who use it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..data.model import Resource
    from .common import Imported

#: An importer: the source's text and the name its notes give it -> entries.
Importer = Callable[[str, str], "Imported"]
#: An exporter: the resources, in order -> the text of the file.
Exporter = Callable[[Sequence["Resource"]], str]

#: Each format read by ``sphinx-readinglist import``: ``module:function``.
IMPORTERS = {
    "bibtex": "bibtex:read",
    "csl-json": "csl_json:read",
    "ris": "ris:read",
    "markdown": "markdown_list:read",
    "bookmarks": "bookmarks:read",
}
#: Each format written by ``sphinx-readinglist export`` and
#: ``readinglist_downloads``: ``module:function``.
EXPORTERS = {
    "csl-json": "csl_json:write",
    "bibtex": "bibtex:write",
    "markdown": "markdown_list:write",
    "json": "plain_json:write",
}


def _function(table: dict[str, str], name: str) -> Callable[..., object]:
    module, function = table[name].split(":")
    found: Callable[..., object] = getattr(
        import_module(f".{module}", __name__), function
    )
    return found


def importer(name: str) -> Importer:
    """The importer of a format of :data:`IMPORTERS`."""
    return _function(IMPORTERS, name)  # type: ignore[return-value]


def exporter(name: str) -> Exporter:
    """The exporter of a format of :data:`EXPORTERS`."""
    return _function(EXPORTERS, name)  # type: ignore[return-value]
