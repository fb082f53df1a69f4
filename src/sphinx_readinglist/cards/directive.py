"""The ``readinglist`` directive: its options, loading its data, and its run."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.logging import getLogger
from sphinx_design.shared import create_component

from ..config import LAYOUTS, ReadingListConfig, _columns_ok
from ..data.addresses import page_problems
from ..data.collector import collector_paused
from ..data.loader import FileCache, load_text
from ..data.messages import describe, did_you_mean
from ..data.model import KINDS, LEVELS, Problem, ReadingList, Resource, Text
from ..downloads import downloads_node
from ..filter import filter_node
from ..text.parse import parse_text
from ..warnings_ import WARNING_TYPE, Subtype
from .compact import Card, render_grid, render_group_title
from .data_files import DataFiles, copied_by_the_build
from .local_images import local_image
from .nodes import readinglist_card
from .selection import GROUPS, SORTS, groups, select, selected_tags

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

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


def let_go_of_files(app: Sphinx, env: BuildEnvironment) -> None:
    """Forget the files read, once every page is: the cards keep what they
    show, and a large list would otherwise be held twice while the pages are
    written. The downloads, written last, read the files through the cache."""
    if not app.config.readinglist_downloads:
        _file_cache.clear()


def merged(reading_lists: list[ReadingList]) -> ReadingList:
    """The entries of several files, in order; of an id, the first entry.

    Entries that share an id across files are reported by the domain
    (``duplicate``), naming both places.
    """
    if len(reading_lists) == 1:
        return reading_lists[0]
    seen: set[str] = set()
    resources = []
    for reading_list in reading_lists:
        for resource in reading_list.resources:
            if resource.id not in seen:
                seen.add(resource.id)
                resources.append(resource)
    return ReadingList(reading_lists[0].path, tuple(resources))


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
        # a list's entries and nodes all live on: see data.collector
        with collector_paused():
            return self.build_list()

    def build_list(self) -> list[nodes.Node]:
        """The container of the list, its cards in their grids."""
        config = ReadingListConfig.from_sphinx(self.config)
        reading_lists = self.load(config)
        if not reading_lists:
            return []
        keys = self.note_sources(reading_lists)
        reading_list = merged(reading_lists)
        named = self.arguments[0].strip() if self.arguments else None
        selected = select(
            reading_list, self.options, self.warn, named or "the directive's body"
        )
        if not selected:
            return []
        if any(resource.added for resource in selected):
            # its "New" badges follow the project's reference day (new_badge)
            self.domain.page(self.env.docname).added = True
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
            # the list's id is named after its (first) file
            data_path = reading_list.path if self.arguments else None
            container += filter_node(
                container,
                self.state.document,
                selected,
                data_path,
                project=config.labels,
            )
        layout = self.options.get("layout", config.layout)
        columns = self.options.get("columns", config.columns)
        problems: list[Problem] = list(self.page_problems(selected))
        parse = partial(self.parse_text, config=config, problems=problems)
        group_by = self.options.get("group-by")
        only_tags = (
            selected_tags(reading_list, self.options) if group_by == "tag" else ()
        )
        for title, group in groups(selected, group_by, only_tags, config.labels):
            if title:
                container += render_group_title(title)
            cards = [self.card(resource) for resource in group]
            grid = render_grid(
                cards,
                parse,
                layout=layout,
                columns=columns,
                labels=config.labels,
            )
            self.set_source_info(grid)
            container += grid
        if self.arguments and self.config.readinglist_downloads:
            container += downloads_node(
                [rl.path for rl in reading_lists],
                str(self.env.srcdir),
                self.config.readinglist_downloads,
            )
        # the cards' anchors are chosen, and noted in the domain, once the
        # whole page is read (anchors.CardAnchors)
        first_key = next(iter(keys.values()))
        for problem in problems:
            self.domain.note_problems(
                keys.get(problem.location.path, first_key), (problem,)
            )
        # linkcheck reports a broken link at its node's line in this document:
        # the directive's line is the one that means something here (a card
        # passes it on to the links it is expanded with)
        # one plain walk, filtered here: findall() given a function takes
        # 1.7 times as long over the cards' nodes (10,000 cards: 66 ms, not
        # 38 ms; issue 15)
        for node in container.findall():
            if _located(node):
                self.set_source_info(node)
        return [container]

    def note_sources(self, reading_lists: list[ReadingList]) -> dict[str, str]:
        """Note each file in the domain, which reports its problems once.

        :return: each file's path, mapped to its key in the domain.
        """
        # each file is a source of its own: read once, warned at its lines
        return {
            rl.path: self.domain.note_source(
                self.env.docname,
                rl,
                rl.path if self.arguments else f"{rl.path}:{self.lineno}",
            )
            for rl in reading_lists
        }

    def load(self, config: ReadingListConfig) -> list[ReadingList]:
        """The data of the argument's files, in order, or of the body."""
        if not self.arguments:
            if not "".join(self.content).strip():
                self.warn(
                    f"{self.name} needs a YAML file argument or YAML in its body; "
                    f"write e.g. '.. {self.name}:: reading.yaml'",
                    Subtype.FILE,
                )
                return []
            _source, line = self.content.info(0) if self.content else (None, None)
            # docutils numbers the body's lines in the page; myst-parser from 0,
            # with content_offset counted from the directive's line
            first_line = line + 1 if line else self.lineno + self.content_offset + 1
            return [
                load_text(
                    "\n".join(self.content),
                    str(self.env.doc2path(self.env.docname)),
                    first_line=first_line,
                    markup=config.markup,
                    limits=config.limits,
                )
            ]
        if self.content:
            self.warn(
                f"{self.name} has both a file argument and a body; the body is "
                "ignored: move its entries into the file, or drop the argument"
            )
        files = DataFiles(
            self.env,
            self.warn,
            allow_outside_srcdir=config.allow_outside_srcdir,
            exclude_patterns=self.config.exclude_patterns,
        ).resolve(self.arguments[0])
        return [
            _file_cache.load(
                found.path, found.display, markup=config.markup, limits=config.limits
            )
            for found in files
        ]

    def page_problems(self, resources: Iterable[Resource]) -> Iterator[Problem]:
        """A relative ``url`` that names no page, as this page would follow it.

        Checked here, not in the data: the same file may be shown by pages
        in different folders (see data/addresses.page_problem).
        """
        return page_problems(
            resources,
            self.env.docname,
            self.env.found_docs,
            suffix=self.config.html_file_suffix or ".html",
            copied=partial(copied_by_the_build, self.env),
        )

    def card(self, resource: Resource) -> Card:
        """A resource as shown here, anchored for now at its id.

        The anchor is made unique once the page is read, so that the page's
        headings keep their natural ids (:class:`~.anchors.CardAnchors`).
        """
        return Card(resource, resource.id, self.image_uri(resource))

    def image_uri(self, resource: Resource) -> str | None:
        """The URI of the resource's image as Sphinx reads it, or None (warned)."""
        image = local_image(
            resource,
            srcdir=Path(self.env.srcdir),
            doctreedir=Path(self.env.doctreedir),
            exclude_patterns=self.config.exclude_patterns,
            allow_svg=bool(self.config.readinglist_trust_markup),
        )
        if image.dependency is not None:
            self.env.note_dependency(os.fspath(image.dependency))
        if image.problem is not None:
            logger.warning(
                image.problem.message,
                location=str(image.problem.location),
                type=WARNING_TYPE,
                subtype=image.problem.subtype,
            )
        return image.uri

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
