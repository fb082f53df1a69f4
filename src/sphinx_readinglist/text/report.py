"""The problems of one sandboxed parse, each located on its YAML line.

A parse reports in two ways: the sandbox refuses a construct
(:meth:`ParseReport.refuse`), and docutils, Sphinx or MyST log a warning,
which :func:`captured` turns into a problem of the same kind.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.util import logging as sphinx_logging

from ..data.model import Location, Markup, Problem, Text
from ..warnings_ import WARNING_TYPE, Subtype


class ParseReport:
    """The state of one sandboxed parse: where it is and what it refused."""

    def __init__(self, text: Text, label: str) -> None:
        self.text = text
        self.label = label
        self.problems: list[Problem] = []
        #: the nodes, by id, whose classes an allowed role or directive gave
        #: (a badge's ``sd-badge``...): the sanitiser keeps them. Held, so
        #: that no other node can take the id of one dropped in the parse.
        self.classes_kept: dict[int, nodes.Element] = {}
        #: The SVG that sphinx-design's icon roles write as raw HTML (before
        #: sphinx-design 0.7), made from an icon's name alone: kept.
        self.icons: dict[int, nodes.raw] = {}

    def refuse(self, line: int | None, message: str) -> None:
        where = Location(self.text.location.path, line or self.text.location.line)
        self.problems.append(Problem(where, message, Subtype.UNSAFE.value))

    def line_of(self, needle: str, start: int | None = None) -> int:
        """The YAML line of the first line of the text, from ``start`` on,
        that contains ``needle``; inline nodes know only their paragraph's."""
        first = self.text.location.line
        start = max(start or first, first)
        lines = self.text.source.splitlines()
        for index in range(start - first, len(lines)):
            if needle and needle in lines[index]:
                return first + index
        return start


def source_line(lookup: Any, lineno: int) -> int:
    """Map a state-machine line to the YAML line, where docutils can."""
    try:
        return int(lookup(lineno)[1])
    except (AttributeError, TypeError, ValueError, IndexError):
        return lineno


def _record_line(record: logging.LogRecord, default: int) -> int:
    location = getattr(record, "location", None)
    if isinstance(location, tuple) and len(location) == 2:
        return location[1] if isinstance(location[1], int) else default
    if isinstance(location, nodes.Node):
        return get_source_line(location)[1] or default
    if isinstance(location, str):
        match = re.search(r":(\d+)$", location)
        if match:
            return int(match.group(1))
    return default


@contextmanager
def captured(report: ParseReport, suppress: Sequence[str] = ()) -> Iterator[None]:
    """Turn every warning logged during the parse into a located problem.

    :param suppress: the project's ``suppress_warnings``: a warning they
        silence under its own type (``myst.xref_missing``...) is dropped, as
        Sphinx would drop it, though it would be passed on as ours.
    """
    with sphinx_logging.suppress_logging() as memhandler:
        yield
    where = report.text
    other = "MyST Markdown" if where.markup is Markup.RST else "reStructuredText"
    for record in memhandler.buffer:
        if record.levelno < logging.WARNING or _suppressed(record, suppress):
            continue
        line = _record_line(record, where.location.line)
        if getattr(record, "type", None) == WARNING_TYPE:
            subtype = getattr(record, "subtype", None) or Subtype.MARKUP.value
            message = record.getMessage()
        else:
            subtype = Subtype.MARKUP.value
            message = (
                f"{report.label}: {_parser_message(record)}; fix the "
                f"markup, or write 'markup: {_name(other)}' at the top of the "
                f"file if the text is {other}"
            )
        report.problems.append(
            Problem(Location(where.location.path, line), message, subtype)
        )


def _suppressed(record: logging.LogRecord, suppress: Sequence[str]) -> bool:
    """Whether ``suppress_warnings`` silences the record under its own type."""
    kind = getattr(record, "type", None)
    if not kind or kind == WARNING_TYPE:
        return False  # ours are filtered when they are emitted
    subtype = getattr(record, "subtype", None) or ""
    return sphinx_logging.is_suppressed_warning(kind, subtype, suppress)


#: The longest parser message passed on, in characters.
_MAX_PARSER_MESSAGE = 300


def _parser_message(record: logging.LogRecord) -> str:
    """A parser's message without the text it quotes, and cut.

    docutils appends the whole offending block (an unknown directive and its
    content) to its message: a long text would be copied into every warning.
    """
    message = record.getMessage().split("\n\n", 1)[0].strip().rstrip(".")
    if len(message) > _MAX_PARSER_MESSAGE:
        message = message[: _MAX_PARSER_MESSAGE - 3] + "..."
    return message


def _name(markup: str) -> str:
    return "myst" if markup.startswith("MyST") else "rst"
