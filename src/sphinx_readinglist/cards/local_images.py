"""An entry's local ``image``: the URI Sphinx reads it by, or why it is not shown.

The directive asks this for each card it shows, and ``sphinx-readinglist
check --conf`` for each entry, so both report the same problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sphinx.util.matching import Matcher

from ..data.images import unsafe_image_path_reason, unsafe_local_image_reason
from ..data.messages import describe
from ..data.model import Problem, Resource
from ..warnings_ import Subtype


@dataclass(frozen=True)
class LocalImage:
    """What becomes of an entry's image."""

    #: the URI of the image as Sphinx reads it (``/img/a.png``), a remote
    #: address as given, or None when there is none or it is not shown
    uri: str | None
    #: why it is not shown
    problem: Problem | None = None
    #: the file the page depends on, shown or not (a missing image too:
    #: adding it rebuilds the page)
    dependency: Path | None = None


def local_image(
    resource: Resource,
    *,
    srcdir: Path,
    doctreedir: Path,
    exclude_patterns: Iterable[str],
    allow_svg: bool,
) -> LocalImage:
    """The image of ``resource`` checked against the project's folders.

    A relative path is relative to the data file (for YAML in a directive's
    body, to the page), and one starting with ``/`` to ``srcdir``.

    :param allow_svg: whether SVG images are shown (trusted markup).
    """
    image = resource.image
    if not image or "://" in image:
        return LocalImage(image)
    where = resource.image_location or resource.location
    label = f"entry {describe(resource.title)}: image {describe(image)}"

    def refused(
        message: str, subtype: Subtype = Subtype.UNSAFE, dependency: Path | None = None
    ) -> LocalImage:
        problem = Problem(where, f"{label} {message}", subtype.value)
        return LocalImage(None, problem, dependency)

    srcdir = srcdir.resolve()
    # resolved, links and all, before it is trusted: "/" is the source
    # directory, and a link inside it may point anywhere
    if image.startswith("/"):
        absolute = (srcdir / image.lstrip("/")).resolve()
    else:
        absolute = (Path(resource.location.path).parent / image).resolve()
    if not absolute.is_relative_to(srcdir):
        return refused(
            "is outside the source directory and is not shown; move it "
            "into the documentation"
        )
    relative = absolute.relative_to(srcdir).as_posix()
    # checked as written by the loader; a link may lead to another name
    reason = unsafe_image_path_reason(relative)
    if reason is not None:
        return refused(
            f"is not shown: it leads to {describe(relative)}, and {reason}",
            dependency=absolute,
        )
    if _excluded(absolute, relative, doctreedir, exclude_patterns):
        return refused(
            "is not shown: it is in a folder that the documentation leaves "
            "out (exclude_patterns, or the build's own files); move the "
            "image into a folder of the documentation",
            dependency=absolute,
        )
    if not absolute.exists():
        return refused(
            f"not found (looked for {describe(relative)}); the path is relative "
            "to the data file (to the page for YAML in the directive), or "
            "to the source directory when it starts with '/'",
            Subtype.FILE,
            dependency=absolute,
        )
    reason = unsafe_local_image_reason(absolute, relative, allow_svg=allow_svg)
    if reason is not None:
        return refused(f"is not shown: {reason}", dependency=absolute)
    return LocalImage("/" + relative, None, absolute)


def _excluded(
    absolute: Path, relative: str, doctreedir: Path, exclude_patterns: Iterable[str]
) -> bool:
    """Whether an image lies where Sphinx reads no sources, or writes doctrees."""
    if absolute.is_relative_to(doctreedir.resolve()):
        return True
    excluded = Matcher(list(exclude_patterns))
    parts = relative.split("/")
    return any(excluded("/".join(parts[: i + 1])) for i in range(len(parts)))
