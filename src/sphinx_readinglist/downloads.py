"""``readinglist_downloads``: each data file's exports, linked under its cards.

A data file's entries are written in each format of the setting into the
HTML output, at a name that follows the file's place in the project:
``data/papers.yaml`` gives ``_downloads/readinglist/data/papers.bib``. The
files are written once per data file however many pages show it, by the
main process at the end of the build (so parallel builds write each once),
and again when the file was read anew (an edited data file re-reads its
pages) or its downloads are missing.

Under its cards, a directive puts a :class:`readinglist_downloads` node: in
HTML a line of links, "Download: CSL-JSON · BibTeX"; other outputs, which
carry no downloadable files, show nothing (it is a comment to them). The
whole file is offered, whatever the directive selects from it; a
directive's body is no file and offers none. The files themselves are
written by :mod:`.download_files`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from html import escape
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.osutil import relative_uri

from .builders import writes_web_pages
from .i18n import _

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

#: The folder of the output that holds the downloads.
FOLDER = "_downloads/readinglist"

#: Each format's link text, file name ending and media type.
FORMATS = {
    "csl-json": ("CSL-JSON", ".csl.json", "application/vnd.citationstyles.csl+json"),
    "bibtex": ("BibTeX", ".bib", "application/x-bibtex"),
    "markdown": ("Markdown", ".md", "text/markdown"),
    "json": ("JSON", ".json", "application/json"),
}

#: The endings of data files, left out of their downloads' names.
_SUFFIXES = (".yaml", ".yml")


class readinglist_downloads(nodes.comment):  # noqa: N801 (docutils node naming)
    """The download links of a list: a line of links in HTML, nothing elsewhere.

    ``files`` holds ``[label, name]`` for each data file (the label is empty
    for a single file), ``formats`` the formats, in the setting's order.
    """


def download_name(path: str, srcdir: str) -> str:
    """The name of a data file's downloads under :data:`FOLDER`, without ending.

    It is the file's path in the source directory, its ``.yaml`` or ``.yml``
    left out; a file outside the source directory goes in a folder named
    after a digest of its relative path, so that two such files of one name
    never meet.
    """
    relative = PurePosixPath(Path(os.path.relpath(path, srcdir)).as_posix())
    name = relative.name
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    if ".." in relative.parts:
        digest = hashlib.sha256(str(relative).encode("utf-8")).hexdigest()[:12]
        return f"_outside/{digest}/{name}"
    return str(relative.with_name(name))


def downloads_node(
    paths: Sequence[str], srcdir: str, formats: Sequence[str]
) -> readinglist_downloads:
    """The links of a directive's data files (``paths``, absolute)."""
    several = len(paths) > 1
    files = [
        [_label(path, srcdir) if several else "", download_name(path, srcdir)]
        for path in paths
    ]
    return readinglist_downloads(
        "", "", classes=["readinglist-downloads"], files=files, formats=list(formats)
    )


def _label(path: str, srcdir: str) -> str:
    """A data file as a list of several names it: its path in the project."""
    relative = Path(os.path.relpath(path, srcdir)).as_posix()
    return Path(path).name if relative.startswith("../") else relative


def visit_downloads_html(self: HTML5Translator, node: nodes.Element) -> None:
    # an e-book packs what the output folder holds, and has no place for these
    if not writes_web_pages(self.builder):
        raise nodes.SkipNode
    page = self.builder.get_target_uri(self.builder.current_docname)
    for label, name in node["files"]:
        text = _("Download {file}:").format(file=label) if label else _("Download:")
        links = []
        for format_ in node["formats"]:
            link_text, ending, media_type = FORMATS[format_]
            href = relative_uri(page, f"{FOLDER}/{name}{ending}")
            links.append(
                f'<a class="reference download" href="{escape(href)}" download '
                f'type="{media_type}">{escape(link_text)}</a>'
            )
        separator = '<span aria-hidden="true"> · </span>'
        self.body.append(
            self.starttag(node, "p", "")
            + escape(text)
            + " "
            + separator.join(links)
            + "</p>\n"
        )
    raise nodes.SkipNode
