"""The ``readinglist`` directive: its options, loading its data, and its run."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.logging import getLogger
from sphinx.util.matching import Matcher
from sphinx_design.shared import create_component

from ..config import LAYOUTS, ReadingListConfig, _columns_ok
from ..data.images import unsafe_image_path_reason, unsafe_local_image_reason
from ..data.loader import FileCache, load_text
from ..data.messages import describe, did_you_mean
from ..data.model import KINDS, LEVELS, Problem, ReadingList, Resource, Text
from ..filter import filter_node
from ..text.parse import parse_text
from ..warnings_ import WARNING_TYPE, Subtype
from .compact import Card, render_grid, render_group_title
from .nodes import readinglist_card
from .selection import GROUPS, SORTS, groups, select, selected_tags

if TYPE_CHECKING:
    from ..domain import ReadingListDomain

logger = getLogger(__name__)


def _located(node: nodes.Node) -> bool:
    return isinstance(node, nodes.reference | readinglist_card)


def _words(argument: str | None) -> list[str]:
    """A comma- or space-separated option value as a list of words."""
    if argument is None or not argument.strip():
        raise ValueError("give at least one value")
    return [word for word in argument.replace(",", " ").split() if word]


def _tags(argument: str | None) -> list[str]:
    """Tags, comma-separated; a value may hold spaces (``Computer Vision``)."""
    values = [value.strip() for value in (argument or "").split(",")]
    if not any(values):
        raise ValueError("give at least one tag")
    return [value for value in values if value]


def _choices(choices: Iterable[str]) -> Callable[[str | None], list[str]]:
    allowed = tuple(choices)

    def convert(argument: str | None) -> list[str]:
        words = _words(argument)
        for word in words:
            if word not in allowed:
                hint = did_you_mean(word, allowed)
                raise ValueError(
                    f"{describe(word)} is not one of {', '.join(allowed)}{hint}"
                )
        return words

    return convert


def _choice(choices: Iterable[str]) -> Callable[[str | None], str]:
    allowed = tuple(choices)

    def convert(argument: str | None) -> str:
        value = (argument or "").strip()
        if value not in allowed:
            hint = did_you_mean(value, allowed)
            raise ValueError(
                f"{describe(value)} is not one of {', '.join(allowed)}{hint}"
            )
        return value

    return convert


def _columns(argument: str | None) -> str:
    if not _columns_ok(argument or ""):
        raise ValueError("give 1 or 4 numbers from 1 to 12 (xs sm md lg), e.g. 1 2 2 3")
    return " ".join((argument or "").split())


# One parse per file per build process: a file shown by many directives is
# read once, and its problems are reported once (see domain.report_problems).
_file_cache = FileCache()


class ReadingListDirective(SphinxDirective):
    """Show resources from YAML (a file, or the directive body) as cards."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "tags": _tags,
        "all-tags": _tags,
        "exclude-tags": _tags,
        "kind": _choices(KINDS),
        "exclude-kinds": _choices(KINDS),
        "level": _choices(LEVELS),
        "ids": _words,
        "sort": _choice(SORTS),
        "limit": directives.positive_int,
        "group-by": _choice(GROUPS),
        "columns": _columns,
        "layout": _choice(LAYOUTS),
        "class": directives.class_option,
        "name": directives.unchanged,
        "filter": directives.flag,
    }

    @property
    def domain(self) -> ReadingListDomain:
        return self.env.get_domain("readinglist")  # type: ignore[return-value]

    def warn(self, message: str, subtype: Subtype = Subtype.OPTION) -> None:
        logger.warning(
            message,
            location=self.get_location(),
            type=WARNING_TYPE,
            subtype=subtype.value,
        )

    def run(self) -> list[nodes.Node]:
        config = ReadingListConfig.from_sphinx(self.config)
        reading_list = self.load(config)
        if reading_list is None:
            return []
        key = reading_list.path
        if not self.arguments:
            key = f"{key}:{self.lineno}"
        source = self.domain.note_source(self.env.docname, reading_list, key)
        named = self.arguments[0].strip() if self.arguments else None
        selected = select(
            reading_list, self.options, self.warn, named or "the directive's body"
        )
        if not selected:
            return []
        container = create_component(
            "grid-container",
            [
                "sd-container-fluid",
                "sd-sphinx-override",
                "sd-mb-4",
                "readinglist",
                *self.options.get("class", []),
            ],
        )
        self.set_source_info(container)
        self.add_name(container)
        if "filter" in self.options:
            data_path = reading_list.path if self.arguments else None
            container += filter_node(
                container, self.state.document, selected, data_path
            )
        layout = self.options.get("layout", config.layout)
        columns = self.options.get("columns", config.columns)
        problems: list[Problem] = []
        parse = partial(self.parse_text, config=config, problems=problems)
        group_by = self.options.get("group-by")
        only_tags = (
            selected_tags(reading_list, self.options) if group_by == "tag" else ()
        )
        for title, group in groups(selected, group_by, only_tags):
            if title:
                container += render_group_title(title)
            cards = [self.card(resource) for resource in group]
            grid = render_grid(
                cards,
                parse,
                layout=layout,
                columns=columns,
            )
            self.set_source_info(grid)
            container += grid
        # the cards' anchors are chosen, and noted in the domain, once the
        # whole page is read (anchors.CardAnchors)
        self.domain.note_problems(source, problems)
        # linkcheck reports a broken link at its node's line in this document:
        # the directive's line is the one that means something here (a card
        # passes it on to the links it is expanded with)
        for node in container.findall(_located):
            self.set_source_info(node)
        return [container]

    def load(self, config: ReadingListConfig) -> ReadingList | None:
        """The data of the argument's file, or of the body."""
        if not self.arguments:
            if not "".join(self.content).strip():
                self.warn(
                    "readinglist needs a YAML file argument or YAML in its body; "
                    "write e.g. '.. readinglist:: reading.yaml'",
                    Subtype.FILE,
                )
                return None
            _source, line = self.content.info(0) if self.content else (None, None)
            # docutils numbers the body's lines in the page; myst-parser from 0,
            # with content_offset counted from the directive's line
            first_line = line + 1 if line else self.lineno + self.content_offset + 1
            return load_text(
                "\n".join(self.content),
                str(self.env.doc2path(self.env.docname)),
                first_line=first_line,
                markup=config.markup,
                limits=config.limits,
            )
        if self.content:
            self.warn(
                "readinglist has both a file argument and a body; the body is "
                "ignored: move its entries into the file, or drop the argument"
            )
        argument = self.arguments[0].strip()
        relative, absolute = self.env.relfn2path(argument)
        path = Path(absolute)
        # a missing file is still a dependency: creating it rebuilds the page
        self.env.note_dependency(absolute)
        srcdir = Path(self.env.srcdir).resolve()
        if not config.allow_outside_srcdir and not path.resolve().is_relative_to(
            srcdir
        ):
            self.warn(
                f"the data file {argument!r} is outside the source directory and "
                "is not read; move it into the documentation, or set "
                "readinglist_allow_outside_srcdir = True",
                Subtype.UNSAFE,
            )
            return None
        if path.is_dir():
            self.warn(
                f"the data file {argument!r} is a directory; give the path of a "
                "YAML file inside it",
                Subtype.FILE,
            )
            return None
        if not path.is_file():
            self.warn(
                f"data file {argument!r} not found (looked for {relative}); the "
                "path is relative to this document, or to the source directory "
                "when it starts with '/'",
                Subtype.FILE,
            )
            return None
        return _file_cache.load(
            path, os.fspath(absolute), markup=config.markup, limits=config.limits
        )

    def card(self, resource: Resource) -> Card:
        """A resource as shown here, anchored for now at its id.

        The anchor is made unique once the page is read, so that the page's
        headings keep their natural ids (:class:`~.anchors.CardAnchors`).
        """
        return Card(resource, resource.id, self.image_uri(resource))

    def image_uri(self, resource: Resource) -> str | None:
        """The URI of the resource's image as Sphinx reads it, or None (warned)."""
        image = resource.image
        if not image or "://" in image:
            return image
        location = str(resource.image_location or resource.location)
        label = f"entry {describe(resource.title)}: image {describe(image)}"

        def refuse(message: str, subtype: Subtype = Subtype.UNSAFE) -> None:
            logger.warning(
                f"{label} {message}",
                location=location,
                type=WARNING_TYPE,
                subtype=subtype.value,
            )

        srcdir = Path(self.env.srcdir).resolve()
        # resolved, links and all, before it is trusted: "/" is the source
        # directory, and a link inside it may point anywhere
        if image.startswith("/"):
            absolute = (srcdir / image.lstrip("/")).resolve()
        else:
            absolute = (Path(resource.location.path).parent / image).resolve()
        if not absolute.is_relative_to(srcdir):
            refuse(
                "is outside the source directory and is not shown; move it "
                "into the documentation"
            )
            return None
        # a missing image is a dependency too: adding it rebuilds the page
        self.env.note_dependency(os.fspath(absolute))
        relative = absolute.relative_to(srcdir).as_posix()
        # checked as written by the loader; a link may lead to another name
        reason = unsafe_image_path_reason(relative)
        if reason is not None:
            refuse(f"is not shown: it leads to {describe(relative)}, and {reason}")
            return None
        if self._excluded(absolute, relative):
            refuse(
                "is not shown: it is in a folder that the documentation leaves "
                "out (exclude_patterns, or the build's own files); move the "
                "image into a folder of the documentation"
            )
            return None
        if not absolute.exists():
            refuse(
                f"not found (looked for {describe(relative)}); the path is relative "
                "to the data file (to the page for YAML in the directive), or "
                "to the source directory when it starts with '/'",
                Subtype.FILE,
            )
            return None
        reason = unsafe_local_image_reason(
            absolute, relative, allow_svg=bool(self.config.readinglist_trust_markup)
        )
        if reason is not None:
            refuse(f"is not shown: {reason}")
            return None
        return "/" + relative

    def _excluded(self, absolute: Path, relative: str) -> bool:
        """Whether an image lies where Sphinx reads no sources, or writes doctrees."""
        if absolute.is_relative_to(Path(self.env.doctreedir).resolve()):
            return True
        excluded = Matcher(self.config.exclude_patterns)
        parts = relative.split("/")
        return any(excluded("/".join(parts[: i + 1])) for i in range(len(parts)))

    def parse_text(
        self,
        resource: Resource,
        text: Text,
        field: str,
        *,
        config: ReadingListConfig,
        problems: list[Problem],
    ) -> list[nodes.Node]:
        """Parse a markup field in the sandbox, collecting its problems."""
        parsed, found = parse_text(
            text,
            label=f"{field} of entry {describe(resource.title)}",
            env=self.env,
            settings=self.state.document.settings,
            trusted=config.trust_markup,
            schemes=config.url_schemes,
        )
        problems.extend(found)
        return parsed
