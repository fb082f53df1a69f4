"""Writing each data file's downloads into the HTML output (``readinglist_downloads``).

Apart from :mod:`.downloads`, which the directive imports for its links:
this module reads the files through the directive's cache, so that a file
a serial build has just read is not parsed again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.logging import getLogger

from .builders import writes_web_pages
from .cards.directive import _file_cache
from .config import ReadingListConfig
from .data.messages import shown
from .downloads import (
    FOLDER,
    FORMATS,
    download_name,
    readinglist_downloads,
    visit_downloads_html,
)
from .formats import exporter
from .warnings_ import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .domain import ReadingListDomain

logger = getLogger(__name__)


def _write_downloads(app: Sphinx, exception: BaseException | None) -> None:
    """Write the downloads of each data file read in this build, or missing."""
    formats = list(app.config.readinglist_downloads)
    builder = app.builder
    # an e-book has no place for them (see downloads.py)
    if exception is not None or not formats or not writes_web_pages(builder):
        return
    domain: ReadingListDomain = app.env.get_domain("readinglist")  # type: ignore[assignment]
    fresh = domain.data["fresh"]
    outdir = Path(app.outdir) / FOLDER
    written: dict[str, str] = {}
    for key, source in sorted(domain.sources.items()):
        if key != source.path:
            continue  # a directive's body: no file to offer
        name = download_name(source.path, os.fspath(app.srcdir))
        if name in written:
            if key not in fresh:
                continue  # warned when it was read
            first, second = (
                Path(os.path.relpath(p, app.srcdir)).as_posix()
                for p in (written[name], source.path)
            )
            logger.warning(
                f"the data files {shown(first)} and {shown(second)} would both "
                f"be downloaded as {shown(name + '.*')}; the second offers the "
                "first's downloads: rename one of them",
                location=f"{source.path}:1",
                type=WARNING_TYPE,
                subtype=Subtype.FILE.value,
            )
            continue
        written[name] = source.path
        targets = {f: outdir / f"{name}{FORMATS[f][1]}" for f in formats}
        if key in fresh or not all(t.exists() for t in targets.values()):
            _write_file(app, source.path, targets)


def _write_file(app: Sphinx, path: str, targets: dict[str, Path]) -> None:
    """Export one data file to each format, the problems of its data left to
    the build, which reported them."""
    config = ReadingListConfig.from_sphinx(app.config)
    reading_list = _file_cache.load(
        Path(path), path, markup=config.markup, limits=config.limits
    )
    for format_, target in targets.items():
        try:
            text = exporter(format_)(reading_list.resources)
            if _holds(target, text):
                continue  # unchanged: a deployment need not copy it again
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        except Exception as exc:  # one format's failure must not stop the build
            logger.warning(
                f"the {FORMATS[format_][0]} download of this file could not be "
                f"written ({type(exc).__name__}: {exc}); this is a bug of "
                "sphinx-readinglist if the folder is writable: please report it",
                location=f"{path}:1",
                type=WARNING_TYPE,
                subtype=Subtype.FILE.value,
            )


def _holds(target: Path, text: str) -> bool:
    try:
        return target.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def setup_downloads(app: Sphinx) -> None:
    """Register the links' node; write the downloads when HTML pages are."""
    app.add_node(readinglist_downloads, html=(visit_downloads_html, None))
    # at the end, not in html-collect-pages, which singlehtml never emits
    app.connect("build-finished", _write_downloads)
