"""YAML -> :mod:`~sphinx_readinglist.model`, with a located problem for every flaw.

Nothing here imports Sphinx: the loader is a pure function of the text, so it
can be unit-tested, benchmarked and cached per build process.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import jsonschema

from ._yaml import YAML_LOAD_ERRORS, LineDict, LineList, TooLarge, load_yaml
from .model import KINDS, Link, Location, Markup, Problem, ReadingList, Resource, Text
from .urls import DEFAULT_SCHEMES, unsafe_url_reason
from .warnings_ import Subtype

#: Top-level keys of a data file besides ``resources``.
FILE_KEYS = ("resources", "defaults", "markup", "$schema")

#: How each field is written, for the "write e.g." part of a message.
EXAMPLES = {
    "title": "title: Deep learning",
    "id": "id: lecun2015",
    "url": "url: https://www.nature.com/articles/nature14539",
    "authors": "authors: [Yann LeCun, Yoshua Bengio]",
    "year": "year: 2015",
    "date": "date: 2015-05-27",
    "venue": "venue: Nature",
    "kind": "kind: paper",
    "level": "level: beginner",
    "tags": "tags: [rnn, lstm]",
    "description": "description: A gentle introduction.",
    "abstract": "abstract: followed by the text",
    "links": "links: [{title: Slides, url: https://example.org/slides.pdf}]",
    "translations": "translations: {fr: https://example.org/fr/}",
    "image": "image: covers/book.png",
    "image_alt": "image_alt: The book's cover",
    "markup": "markup: myst",
}


DEFAULT_MAX_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_NODES = 2_000_000


@dataclass(frozen=True, slots=True)
class Limits:
    """How much a data file may hold (``readinglist_max_*``)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_nodes: int = DEFAULT_MAX_NODES
    url_schemes: Collection[str] = DEFAULT_SCHEMES


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of a data file, as shipped in the package."""
    path = importlib_resources.files(__package__) / "schema/readinglist.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def _validator(definition: str) -> jsonschema.protocols.Validator:
    full = schema()
    sub = {**full["$defs"][definition], "$defs": full["$defs"]}
    return jsonschema.Draft202012Validator(sub)


#: The fields of an entry, in documentation order.
FIELDS: tuple[str, ...] = tuple(schema()["$defs"]["resource"]["properties"])


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """A ``"; did you mean 'x'?"`` suffix, or an empty string."""
    if not isinstance(word, str):
        return ""
    matches = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f"; did you mean {matches[0]!r}?" if matches else ""


def describe(value: object) -> str:
    """A short, safe description of a YAML value for a message."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


def slugify(text: str) -> str:
    """An HTML-id-safe slug: ``"Dropout: A Simple Way"`` -> ``"dropout-a-simple-way"``."""
    ascii_text = (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].rstrip("-") or "resource"


class _Collector:
    """Gathers the problems of one data source."""

    def __init__(self, path: str, first_line: int = 1) -> None:
        self.path = path
        self.first_line = first_line
        self.problems: list[Problem] = []

    def at(self, line: int) -> Location:
        return Location(self.path, line)

    def add(self, line: int, message: str, subtype: Subtype = Subtype.DATA) -> None:
        self.problems.append(Problem(self.at(line), message, subtype.value))

    def duplicates(self, mapping: LineDict, what: str) -> None:
        for key, line, first in mapping.duplicates:
            self.add(
                line,
                f"{what}: duplicate key {key!r} (first at line {first}); "
                "the second is ignored, remove one of them",
            )


def _line_of(container: Any, path: Iterable[Any], default: int) -> int:
    """The line of the value at ``path`` inside nested line containers."""
    line = default
    for key in path:
        if isinstance(container, LineDict) and key in container:
            line = container.lines.get(key, line)
        elif (
            isinstance(container, LineList)
            and isinstance(key, int)
            and key < len(container)
        ):
            line = container.lines[key]
        else:
            break
        container = container[key]
    return line


def _entry_label(entry: LineDict, index: int) -> str:
    title = entry.get("title")
    if isinstance(title, str) and title.strip():
        return f"entry {describe(title.strip())}"
    return f"entry #{index + 1}"


def _schema_message(error: jsonschema.ValidationError, *, label: str) -> str:
    """Turn a JSON Schema error about one entry into a message with its fix."""
    path = list(error.absolute_path)
    field = str(path[0]) if path else ""
    example = EXAMPLES.get(field, "")
    write = f"; write e.g. {example}" if example else ""
    where = field + "".join(
        f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in path[1:]
    )
    value = error.instance
    validator = error.validator

    if validator == "required":
        missing = error.message.split("'")[1]
        if not path:
            return f"{label} has no {missing!r}; write e.g. {EXAMPLES[missing]}"
        return f"{label}: {where} has no {missing!r}{write}"
    if validator == "additionalProperties":
        schema_ = error.schema if isinstance(error.schema, dict) else {}
        known = list(schema_.get("properties", {}))
        assert isinstance(value, dict)
        extra = [key for key in value if key not in known]
        names = ", ".join(repr(str(key)) for key in extra)
        hint = did_you_mean(extra[0], known) if len(extra) == 1 else ""
        inside = f" in {where}" if where else ""
        return f"{label}: unknown field {names}{inside}{hint or ''}" + (
            "" if hint else f"; known fields: {', '.join(known)}"
        )
    if validator == "enum":
        choices = (
            [
                str(choice)
                for choice in schema()["$defs"]["resource"]["properties"][field]["enum"]
            ]
            if field in ("kind", "level")
            else [str(error.validator_value)]
        )
        return (
            f"{label}: {where!r} must be one of {', '.join(choices)}, got "
            f"{describe(value)}{did_you_mean(value, choices)}"
        )
    if field == "year" and validator in ("minimum", "maximum"):
        return f"{label}: 'year' {value} is not a plausible year{write}"
    if field == "id" and validator in ("pattern", "maxLength", "type"):
        return (
            f"{label}: 'id' {describe(value)} cannot be an HTML id; use at most "
            f"100 letters, digits, '-' and '_', starting with a letter or digit"
            f"{write}"
        )
    if field == "date":
        return f"{label}: 'date' must be an ISO date, got {describe(value)}{write}"
    if field == "translations" and validator == "pattern":
        return (
            f"{label}: {describe(value)} is not a language code in 'translations'; "
            f"use a code such as fr, de or pt-BR{write}"
        )
    if validator == "minLength":
        return f"{label}: {where!r} is empty{write}"
    expected = {
        "type": error.validator_value,
        "oneOf": "a string or a list of strings",
    }.get(str(validator), error.message)
    if isinstance(expected, list):
        expected = " or ".join(expected)
    article = "an" if str(expected)[:1] in "aeiou" else "a"
    if validator == "oneOf" or str(expected).startswith("a "):
        article = ""
    wanted = f"{article} {expected}".strip()
    return f"{label}: {where!r} must be {wanted}, got {describe(value)}{write}"


def _to_plain(value: Any) -> Any:
    """YAML dates become ISO strings, which is what the schema checks."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class _EntryBuilder:
    """Validates and converts the entries of one file."""

    def __init__(
        self,
        collect: _Collector,
        *,
        markup: Markup,
        defaults: dict[str, Any],
        default_lines: dict[str, int],
        limits: Limits,
    ) -> None:
        self.collect = collect
        self.markup = markup
        self.defaults = defaults
        self.default_lines = default_lines
        self.limits = limits
        self.seen_ids: dict[str, int] = {}

    def build(self, entry: Any, index: int, line: int) -> Resource | None:
        if not isinstance(entry, LineDict):
            self.collect.add(
                line,
                f"entry #{index + 1} must be a mapping of fields, got "
                f"{describe(entry)}; write e.g. - title: Deep learning",
            )
            return None
        label = _entry_label(entry, index)
        self.collect.duplicates(entry, label)
        data: dict[str, Any] = {key: _to_plain(value) for key, value in entry.items()}
        lines: dict[Any, Any] = dict(entry.lines)
        for key, value in self.defaults.items():
            if key not in data:
                data[key] = value
                lines[key] = self.default_lines[key]
        lines["links:items"] = getattr(data.get("links"), "lines", None)
        self._check_string_lists(data, lines, label)

        dropped: set[str] = set()
        dropped_items: dict[str, set[Any]] = {"links": set(), "translations": set()}
        for error in _validator("resource").iter_errors(data):
            path = list(error.absolute_path)
            field = str(path[0]) if path else ""
            if field in self.default_lines and field not in entry:
                continue  # a bad default is reported once, at the defaults
            where = _line_of(entry, path, entry.line) if path else entry.line
            if error.validator == "additionalProperties" and not path:
                unknown = [key for key in entry if key not in FIELDS]
                where = entry.lines.get(unknown[0], where) if unknown else where
            message = _schema_message(error, label=label)
            if field == "title" or (error.validator == "required" and not path):
                message += "; the entry is skipped"
            self.collect.add(where, message)
            if error.validator == "additionalProperties" and not path:
                dropped.update(str(k) for k in data if k not in FIELDS)
            elif field in dropped_items and len(path) > 1:
                dropped_items[field].add(path[1])  # only the bad link
            elif field == "translations" and error.validator == "pattern":
                dropped_items[field].add(error.instance)  # a bad language code
            else:
                dropped.add(field or "title")
        if "title" in dropped:
            return None
        clean = {k: v for k, v in data.items() if k not in dropped}
        if "links" in clean:
            clean["links"] = [
                link if i not in dropped_items["links"] else None
                for i, link in enumerate(clean["links"])
            ]
        if "translations" in clean:
            clean["translations"] = {
                lang: url
                for lang, url in clean["translations"].items()
                if lang not in dropped_items["translations"]
            }
        return self._resource(clean, lines, entry.line, label)

    def _check_string_lists(
        self, data: dict[str, Any], lines: dict[Any, Any], label: str
    ) -> None:
        """Drop (and report) the non-string items of ``authors`` and ``tags``."""
        for field in ("authors", "tags"):
            items = data.get(field)
            if not isinstance(items, list):
                continue
            item_lines = getattr(items, "lines", None)
            kept = []
            for i, item in enumerate(items):
                if isinstance(item, str) and item.strip():
                    kept.append(item)
                    continue
                line = item_lines[i] if item_lines else lines.get(field, 0)
                self.collect.add(
                    line,
                    f"{label}: {field}[{i + 1}] must be a non-empty string, got "
                    f"{describe(item)}; it is left out",
                )
            data[field] = kept

    def _url(self, url: str | None, line: int, label: str, field: str) -> str | None:
        if url is None:
            return None
        url = url.strip()
        reason = unsafe_url_reason(url, self.limits.url_schemes)
        if reason is None:
            return url
        self.collect.add(
            line,
            f"{label}: {field} {describe(url)} is not linked: {reason}",
            Subtype.UNSAFE,
        )
        return None

    def _resource(
        self, data: dict[str, Any], lines: dict[Any, Any], line: int, label: str
    ) -> Resource:
        title = " ".join(data["title"].split())
        id_ = data.get("id") or slugify(title)
        if id_ in self.seen_ids:
            first = self.seen_ids[id_]
            n = 2
            while f"{id_}-{n}" in self.seen_ids:
                n += 1
            how = "give it another 'id'" if "id" in data else "add an 'id'"
            self.collect.add(
                lines.get("id", line),
                f"{label}: duplicate id {id_!r} (first at "
                f"{self.collect.at(first)}); {how}; it is shown as {id_}-{n}",
                Subtype.DUPLICATE,
            )
            id_ = f"{id_}-{n}"
        self.seen_ids[id_] = line

        links = []
        link_lines = lines.get("links:items")
        for i, link in enumerate(data.get("links", ())):
            if link is None:
                continue
            link_line = link_lines[i] if link_lines else lines.get("links", line)
            url = self._url(link["url"], link_line, label, f"links[{i + 1}].url")
            if url is not None:
                links.append(Link(" ".join(link["title"].split()), url))
        translations = []
        for lang, url in data.get("translations", {}).items():
            safe = self._url(
                url, lines.get("translations", line), label, f"translations.{lang}"
            )
            if safe is not None:
                translations.append((str(lang), safe))

        date = data.get("date")
        year = data.get("year")
        if year is None and date:
            year = int(date[:4])
        image = data.get("image")
        if image is not None:
            image = self._url(image, lines.get("image", line), label, "image")

        return Resource(
            id=id_,
            title=title,
            location=self.collect.at(line),
            url=self._url(data.get("url"), lines.get("url", line), label, "url"),
            authors=tuple(_as_list(data.get("authors"), split=False)),
            year=year,
            date=date,
            venue=_clean(data.get("venue")),
            kind=data.get("kind"),
            level=data.get("level"),
            tags=tuple(dict.fromkeys(_as_list(data.get("tags"), split=True))),
            description=self._text(data, lines, "description", line),
            abstract=self._text(data, lines, "abstract", line),
            links=tuple(links),
            translations=tuple(translations),
            image=image,
            image_alt=data.get("image_alt"),
        )

    def _text(
        self, data: dict[str, Any], lines: dict[Any, Any], key: str, line: int
    ) -> Text | None:
        source = data.get(key)
        if not isinstance(source, str) or not source.strip():
            return None
        return Text(source, self.markup, self.collect.at(lines.get(key, line)))


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None


def _as_list(value: Any, *, split: bool) -> list[str]:
    """A string or a list of strings, as a list; ``split`` splits on commas."""
    if value is None:
        return []
    if isinstance(value, str):
        parts = value.split(",") if split else [value]
    else:
        parts = value
    return [" ".join(part.split()) for part in parts if part.strip()]


def _file_shape(
    data: Any, collect: _Collector, default_markup: Markup
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
    collect.duplicates(data, "the file")
    for key in data:
        if key not in FILE_KEYS:
            hint = did_you_mean(key, FILE_KEYS) or did_you_mean(key, FIELDS)
            advice = (
                hint
                if hint
                else "; the top level holds only resources, defaults and markup"
            )
            collect.add(data.lines[key], f"unknown top-level key {str(key)!r}{advice}")

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
        collect.add(
            data.line,
            "the file has no 'resources' list; put the entries under "
            "'resources:'" + did_you_mean("resources", [str(k) for k in data]),
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


def _checked_defaults(
    defaults: LineDict | None, collect: _Collector
) -> tuple[dict[str, Any], dict[str, int]]:
    if defaults is None:
        return {}, {}
    collect.duplicates(defaults, "defaults")
    values = {key: _to_plain(value) for key, value in defaults.items()}
    bad: set[str] = set()
    for error in _validator("defaults").iter_errors(values):
        path = list(error.absolute_path)
        line = _line_of(defaults, path, defaults.line)
        if error.validator == "additionalProperties" and not path:
            known = list(schema()["$defs"]["defaults"]["properties"])
            for key in values:
                if key not in known:
                    why = (
                        "is set per entry, not in defaults"
                        if key in ("id", "title")
                        else "is not a field" + did_you_mean(key, known)
                    )
                    collect.add(defaults.lines[key], f"defaults: {key!r} {why}")
                    bad.add(str(key))
            continue
        collect.add(line, _schema_message(error, label="defaults"))
        if path:
            bad.add(str(path[0]))
    kept = {k: v for k, v in values.items() if k not in bad}
    return kept, {k: defaults.lines[k] for k in kept}


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
    collect = _Collector(path, first_line)
    shift = first_line - 1
    try:
        data = load_yaml(text.removeprefix("\ufeff"), max_nodes=limits.max_nodes)
    except TooLarge as exc:
        collect.add(
            first_line,
            f"the data expands to more than {exc.limit:,} values through YAML "
            "aliases (&anchor / *alias); write the values out, or raise "
            "readinglist_max_nodes",
            Subtype.FILE,
        )
        return ReadingList(path, (), tuple(collect.problems))
    except YAML_LOAD_ERRORS as exc:
        collect.add(first_line + _error_line(exc), _yaml_message(exc), Subtype.FILE)
        return ReadingList(path, (), tuple(collect.problems))
    if shift:
        _shift_lines(data, shift)

    resources, file_markup, defaults = _file_shape(data, collect, markup)
    if resources is None:
        return ReadingList(path, (), tuple(collect.problems))
    default_values, default_lines = _checked_defaults(defaults, collect)
    builder = _EntryBuilder(
        collect,
        markup=file_markup,
        defaults=default_values,
        default_lines=default_lines,
        limits=limits,
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
            item.duplicates = [(k, a + shift, b + shift) for k, a, b in item.duplicates]
            stack.extend(item.values())
        elif isinstance(item, LineList):
            item.line += shift
            item.lines = [v + shift for v in item.lines]
            stack.extend(item)


def _error_line(exc: BaseException) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line if mark is not None else 0


def _yaml_message(exc: BaseException) -> str:
    """A YAML error in words, with the usual fix."""
    if isinstance(exc, RecursionError):
        return "the data is nested too deeply to read; flatten it"
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    text = f"{context}, {problem}" if context else str(problem)
    if "'\\t'" in text or "\\t" in text or "tab character" in text:
        fix = "indent with spaces; YAML does not allow tabs"
    elif "quoted scalar" in text:
        fix = "close the quote, or quote the whole value"
    elif "mapping values are not allowed" in text:
        fix = "quote the value if it contains ': '"
    elif "found unknown escape character" in text:
        fix = "use single quotes, or double the backslash"
    elif "could not determine a constructor" in text:
        fix = "remove the tag: only plain YAML values are read"
    else:
        fix = "check the indentation and quoting of this line"
    return f"YAML syntax error: {text}; {fix}"


def load_file(
    path: Path,
    display_path: str,
    *,
    markup: Markup = Markup.RST,
    limits: Limits | None = None,
) -> ReadingList:
    """Load a reading-list YAML file; see :func:`load_text`.

    Unreadable files (missing, too large, not UTF-8) give one problem at line 1.
    """
    limits = limits or Limits()

    def failed(message: str) -> ReadingList:
        problem = Problem(Location(display_path, 1), message, Subtype.FILE.value)
        return ReadingList(display_path, (), (problem,))

    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return failed(
                f"the file is {size:,} bytes, over the limit of "
                f"{limits.max_bytes:,}; split it, or raise readinglist_max_bytes"
            )
        raw = path.read_bytes()
    except OSError as exc:
        return failed(f"cannot read the file: {exc.strerror or exc}")
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


__all__ = [
    "EXAMPLES",
    "FIELDS",
    "KINDS",
    "Limits",
    "describe",
    "did_you_mean",
    "load_file",
    "load_text",
    "schema",
    "slugify",
]
