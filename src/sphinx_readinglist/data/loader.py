"""YAML -> :mod:`~sphinx_readinglist.data.model`, with a located problem for every flaw.

Nothing here imports Sphinx: the loader is a pure function of the text, so it
can be unit-tested, benchmarked and cached per build process. This module
reads the file (size, encoding), the YAML and the shape of the document;
:mod:`.validate` turns its entries into resources.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..warnings_ import Subtype
from .messages import (
    closest,
    describe,
    did_you_mean,
    shown,
    too_deep_message,
    yaml_message,
)
from .model import Limits, Location, Markup, Problem, ReadingList
from .prechecks import Collector
from .schema_check import FIELDS
from .validate import EntryBuilder, checked_defaults
from .yaml_reader import YAML_LOAD_ERRORS, load_yaml, reader_error_line
from .yaml_values import (
    LineDict,
    LineList,
    SelfReference,
    TooDeep,
    TooLarge,
    TooLong,
    Usage,
)

#: Top-level keys of a data file besides ``resources``.
FILE_KEYS = ("resources", "defaults", "markup", "$schema")


def load_text(
    text: str,
    path: str,
    *,
    first_line: int = 1,
    markup: Markup = Markup.RST,
    limits: Limits | None = None,
) -> ReadingList:
    """Load reading-list YAML from a string.

    :param text: the YAML source.
    :param path: the name used in problem locations.
    :param first_line: the line of ``path`` where ``text`` starts (a directive
        body starts below the directive).
    :param markup: the syntax of ``description`` and ``abstract`` unless the
        file says otherwise.
    :param limits: size limits and allowed URL schemes.
    :return: the valid resources and the problems found; never raises on bad data.
    """
    limits = limits or Limits()
    try:
        return _load_text(text, path, first_line, markup, limits)
    except Exception as exc:  # untrusted data must never stop a build
        quoted = shown(f"{type(exc).__name__}: {exc}")
        problem = Problem(
            Location(path, first_line),
            f"the data could not be read ({quoted}); this is a bug of "
            "sphinx-readinglist: please report it, with the data",
            Subtype.FILE.value,
        )
        return ReadingList(path, (), (problem,))


def _load_text(
    text: str, path: str, first_line: int, markup: Markup, limits: Limits
) -> ReadingList:
    collect = Collector(path, first_line)
    shift = first_line - 1

    def refused(line: int, message: str) -> ReadingList:
        collect.add(line, message, Subtype.FILE)
        return ReadingList(path, (), tuple(collect.problems))

    text = text.removeprefix("\ufeff")
    usage = Usage()
    try:
        data = load_yaml(
            text,
            max_nodes=limits.max_nodes,
            max_depth=limits.max_depth,
            max_chars=limits.max_bytes,
            usage=usage,
        )
    except TooLarge as exc:
        if exc.through_aliases:
            return refused(
                first_line,
                f"the data expands to more than {exc.limit:,} values through "
                "YAML aliases (&anchor / *alias); write the values out, or "
                "raise readinglist_max_nodes",
            )
        return refused(
            first_line,
            f"the data holds more than {exc.limit:,} values; split it into "
            "several files, or raise readinglist_max_nodes",
        )
    except TooLong as exc:
        return refused(
            first_line + exc.line - 1,
            f"the data expands to more than {exc.limit:,} characters of text "
            "through YAML aliases (&anchor / *alias); write long texts once, "
            "or raise readinglist_max_bytes",
        )
    except TooDeep as exc:
        return refused(
            first_line + exc.line - 1,
            too_deep_message(exc.limit, through_aliases=exc.through_aliases),
        )
    except SelfReference as exc:
        return refused(
            first_line + exc.line - 1,
            "an alias (*name) refers to the value that contains it, so the "
            "data never ends; point the alias at another value",
        )
    except YAML_LOAD_ERRORS as exc:
        line = first_line + _error_line(exc, text)
        if _LIBYAML_NESTING_ERROR in str(exc):
            # libyaml 0.2.6 stops flow nesting at its own limit, which it can
            # reach before our count does: the data is deeper than ours too
            if limits.max_depth < _LIBYAML_MAX_NESTING:
                return refused(line, too_deep_message(limits.max_depth))
            return refused(line, yaml_message(RecursionError()))
        return refused(line, yaml_message(exc, _error_character(exc, text)))
    if shift:
        _shift_lines(data, shift)

    resources, file_markup, defaults = _file_shape(data, collect, markup)
    if resources is None:
        return ReadingList(path, (), tuple(collect.problems))
    if not resources:
        collect.add(
            resources.line,
            "the list of resources is empty, so nothing is shown; add entries "
            "such as '- title: Deep learning', or remove the directive",
        )
    # YAML writes control characters only as escapes, or as a raw NEL
    controls = "\\" in text or "\x85" in text
    default_values, default_lines = checked_defaults(
        defaults,
        collect,
        controls=controls,
        max_tags=limits.max_tags,
        kinds=limits.kinds,
    )
    builder = EntryBuilder(
        collect,
        markup=file_markup,
        defaults=default_values,
        default_lines=default_lines,
        limits=limits,
        controls=controls,
        room=Usage(limits.max_nodes - usage.nodes, limits.max_bytes - usage.chars),
    )
    built = (
        builder.build(entry, index, resources.lines[index])
        for index, entry in enumerate(resources)
    )
    return ReadingList(
        path,
        tuple(resource for resource in built if resource is not None),
        tuple(collect.problems),
    )


def _shift_lines(data: Any, shift: int) -> None:
    """Move every recorded line of ``data`` down by ``shift`` (in place)."""
    stack = [data]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, LineDict):
            item.line += shift
            item.lines = {k: v + shift for k, v in item.lines.items()}
            item.key_lines = {k: v + shift for k, v in item.key_lines.items()}
            item.duplicates = [(k, a + shift, b + shift) for k, a, b in item.duplicates]
            item.bad_keys = [(k, a + shift) for k, a in item.bad_keys]
            stack.extend(item.values())
        elif isinstance(item, LineList):
            item.line += shift
            item.lines = [v + shift for v in item.lines]
            stack.extend(item)


def _error_line(exc: BaseException, text: str) -> int:
    """The 0-based line of a YAML error in ``text``."""
    position = reader_error_line(exc, text)
    if position is not None:
        return position  # a character the reader refused
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    # an unclosed quote is found at the end of the file; it starts elsewhere
    if context is not None and "quoted scalar" in str(getattr(exc, "context", "")):
        return int(context.line)
    mark = problem or context
    return mark.line if mark is not None else 0


def _error_character(exc: BaseException, text: str) -> str:
    """The character of ``text`` where a YAML error was found, or ``""``."""
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return ""
    lines = text.splitlines()
    line: int = mark.line
    column: int = mark.column
    if not 0 <= line < len(lines) or not 0 <= column < len(lines[line]):
        return ""
    return lines[line][column]


#: How libyaml (0.2.6 and later) refuses flow nesting deeper than its limit.
_LIBYAML_NESTING_ERROR = "exceeded maximum nesting depth"
_LIBYAML_MAX_NESTING = 1000


#: Byte order marks of encodings that are not UTF-8, longest first.
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def load_file(
    path: Path,
    display_path: str,
    *,
    markup: Markup = Markup.RST,
    limits: Limits | None = None,
) -> ReadingList:
    """Load a reading-list YAML file; see :func:`load_text`.

    Unreadable files (missing, a directory, too large, not UTF-8) give one
    problem, at line 1 or at the first byte that is not UTF-8. A UTF-8 byte
    order mark and CRLF line ends are fine.
    """
    limits = limits or Limits()

    def failed(message: str) -> ReadingList:
        problem = Problem(Location(display_path, 1), message, Subtype.FILE.value)
        return ReadingList(display_path, (), (problem,))

    try:
        if path.is_dir():
            return failed(
                "the path is a directory, not a file; give the path of a YAML "
                "file inside it"
            )
        size = path.stat().st_size
        if size <= limits.max_bytes:
            with path.open("rb") as file:
                # no more than the limit, even if the file grows meanwhile
                raw = file.read(limits.max_bytes + 1)
            size = max(size, len(raw))
        if size > limits.max_bytes:
            return failed(
                f"the file is {size:,} bytes, over the limit of "
                f"{limits.max_bytes:,}; split it, or raise readinglist_max_bytes"
            )
    except OSError as exc:
        return failed(f"cannot read the file: {exc.strerror or exc}")
    for bom, encoding in _OTHER_BOMS:
        if raw.startswith(bom):
            return failed(
                f"the file is {encoding}, not UTF-8 (it starts with a "
                f"{encoding} byte order mark); save it as UTF-8"
            )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem = Problem(
            Location(display_path, line),
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset "
            f"{exc.start}); save it as UTF-8",
            Subtype.FILE.value,
        )
        return ReadingList(display_path, (), (problem,))
    return load_text(text, display_path, markup=markup, limits=limits)


def _file_shape(
    data: Any, collect: Collector, default_markup: Markup
) -> tuple[Any, Markup, LineDict | None]:
    """Find the resources list, the markup and the defaults of a document."""
    if isinstance(data, LineList):
        return data, default_markup, None
    if not isinstance(data, LineDict):
        found = "empty" if data is None else f"{describe(data)}"
        collect.add(
            collect.first_line,
            f"the data is {found}, not a list of resources; start it with "
            "'resources:' followed by entries such as '- title: Deep learning'",
            Subtype.FILE,
        )
        return None, default_markup, None
    collect.keys(data, "the file")
    if "resources" not in data and "title" in data:
        collect.add(
            data.line,
            "the data is a single entry, not a list of resources; put it under "
            "'resources:' and start it with '- ', as in '- title: ...'",
            Subtype.FILE,
        )
        return None, default_markup, None
    for key in data:
        if key not in FILE_KEYS:
            if key in FIELDS:
                advice = (
                    f"; {shown(key)} is a field of an entry: write it in the "
                    "entries under 'resources:'"
                )
            else:
                advice = did_you_mean(key, FILE_KEYS) or did_you_mean(key, FIELDS)
                advice = (
                    advice
                    or "; the top level holds only resources, defaults and markup"
                )
            collect.add(data.lines[key], f"unknown top-level key {shown(key)}{advice}")
    if "$schema" in data and not isinstance(data["$schema"], str):
        collect.add(
            data.lines["$schema"],
            f"'$schema' must be the address of a schema, got "
            f"{describe(data['$schema'])}; write e.g. $schema: "
            "https://sphinx-readinglist.readthedocs.io/en/latest/_static/"
            "readinglist.schema.json, or remove it",
        )

    markup = default_markup
    if "markup" in data:
        try:
            markup = Markup(data["markup"])
        except (ValueError, TypeError):
            collect.add(
                data.lines["markup"],
                f"'markup' must be rst or myst, got {describe(data['markup'])}"
                f"{did_you_mean(data['markup'], ['rst', 'myst'])}; "
                f"using {default_markup.value}",
            )
    defaults = data.get("defaults")
    if defaults is not None and not isinstance(defaults, LineDict):
        collect.add(
            data.lines["defaults"],
            f"'defaults' must be a mapping of fields, got {describe(defaults)}; "
            "write e.g. defaults: {kind: paper}",
        )
        defaults = None
    if "resources" not in data:
        # the key the entries were most likely put under, misspelt
        near = next(
            (k for k in data if isinstance(k, str) and closest(k, ["resources"])),
            None,
        )
        collect.add(
            data.line,
            "the file has no 'resources' list; "
            + (
                f"rename {shown(near)} to 'resources'"
                if near is not None
                else "put the entries under 'resources:'"
            ),
            Subtype.FILE,
        )
        return None, markup, defaults
    resources = data["resources"]
    if not isinstance(resources, LineList):
        collect.add(
            data.lines["resources"],
            f"'resources' must be a list of entries, got {describe(resources)}; "
            "write each entry as '- title: ...' under 'resources:'",
            Subtype.FILE,
        )
        return None, markup, defaults
    return resources, markup, defaults


class FileCache:
    """Loaded files, while they are unchanged: one parse per file per process.

    A file shown by many directives is read once, and its problems are
    reported once (see ``domain.report_problems``). A file is known by its
    path, modification time and size, and by how it is read.
    """

    def __init__(self, max_files: int = 256) -> None:
        """:param max_files: the most results kept; at it, all are dropped
        (a build then reads each file once more), so the cache never grows
        past it."""
        self.max_files = max_files
        self._results: dict[tuple[Any, ...], ReadingList] = {}

    def load(
        self, path: Path, display_path: str, *, markup: Markup, limits: Limits
    ) -> ReadingList:
        """:func:`load_file`, or its result for the file as it is now."""
        try:
            stat = path.stat()
        except OSError:
            return load_file(path, display_path, markup=markup, limits=limits)
        key = (str(path), stat.st_mtime_ns, stat.st_size, markup, limits)
        if key not in self._results:
            if len(self._results) >= self.max_files:
                self._results.clear()
            self._results[key] = load_file(
                path, display_path, markup=markup, limits=limits
            )
        return self._results[key]

    def clear(self) -> None:
        """Forget every result (the same size and time may hide a change)."""
        self._results.clear()


__all__ = ["FILE_KEYS", "FileCache", "load_file", "load_text"]
