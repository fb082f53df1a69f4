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
from typing import TYPE_CHECKING, Any

from ..warnings_ import Subtype
from ._yaml import (
    DEFAULT_MAX_DEPTH,
    YAML_LOAD_ERRORS,
    LineDict,
    LineList,
    Refused,
    SelfReference,
    Tagged,
    TooDeep,
    TooLarge,
    TooLong,
    Usage,
    load_yaml,
    reader_error_line,
)
from ._yaml import _cut as _cut  # one cut for every message
from .images import unsafe_image_path_reason
from .model import KINDS, Link, Location, Markup, Problem, ReadingList, Resource, Text
from .urls import DEFAULT_SCHEMES, unsafe_url_reason, url_scheme

if TYPE_CHECKING:
    import jsonschema

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
#: A card is shown under each of its tags by ``:group-by: tag``, and shows
#: all of them: its size grows with the square of their number.
DEFAULT_MAX_TAGS = 50


@dataclass(frozen=True, slots=True)
class Limits:
    """How much a data file may hold (``readinglist_max_*``), and what it may link."""

    #: The largest file read, in bytes; also the most characters of text
    #: its data may expand to, aliases and defaults copied out.
    max_bytes: int = DEFAULT_MAX_BYTES
    #: The most values (mappings, lists, scalars) a file may hold, with its
    #: aliases expanded.
    max_nodes: int = DEFAULT_MAX_NODES
    #: The most levels mappings and lists may nest.
    max_depth: int = DEFAULT_MAX_DEPTH
    #: The most tags an entry may have.
    max_tags: int = DEFAULT_MAX_TAGS
    #: The URL schemes that may be linked; relative links always may.
    url_schemes: Collection[str] = DEFAULT_SCHEMES


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of a data file, as shipped in the package."""
    path = (
        importlib_resources.files("sphinx_readinglist")
        / "schema/readinglist.schema.json"
    )
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def _validator(definition: str) -> jsonschema.protocols.Validator:
    # imported when first needed: most builds have only valid data, which the
    # fast check vouches for, and jsonschema takes a while to import
    import jsonschema

    full = schema()
    sub = {**full["$defs"][definition], "$defs": full["$defs"]}
    return jsonschema.Draft202012Validator(sub)


#: The fields of an entry, in documentation order.
FIELDS: tuple[str, ...] = tuple(schema()["$defs"]["resource"]["properties"])


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """A ``"; did you mean 'x'?"`` suffix, or an empty string."""
    if not isinstance(word, str) or len(word) > 100:
        return ""  # a long word is no misspelling, and difflib is quadratic
    matches = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f"; did you mean {matches[0]!r}?" if matches else ""


def describe(value: object) -> str:
    """A short, safe description of a YAML value for a message."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        return _shown(value)
    if isinstance(value, int) and value.bit_length() > 128:
        # Python refuses to write out an int of over 4,300 digits
        return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
    if isinstance(value, int | float):
        return _cut(repr(value))
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Tagged):
        return (
            f"a value tagged {_cut(str(value))} (remove the tag: only plain YAML "
            "values are read)"
        )
    if isinstance(value, dt.date):
        return "a date"
    return f"a {type(value).__name__}"


def _shown(text: str) -> str:
    """A string as a message quotes it: repr'd, so control characters show,
    and cut."""
    return repr(_cut(text))


def _read_as(value: object) -> str:
    """How YAML read an unquoted value that was meant as text."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date):
        return "a date"
    return "a number"


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

    def keys(self, mapping: LineDict, what: str, *, retyped: bool = False) -> None:
        """Report the keys of a mapping that could not be kept as written.

        :param retyped: also report keys that YAML read as other than text
            (``no`` as false, ``2015`` as a number). Only where any text may
            be a key, as in ``translations``; elsewhere such a key is an
            unknown field, which is reported as one.
        """
        for key, line, first in mapping.duplicates:
            self.add(
                line,
                f"{what}: duplicate key {_shown(key)} (first at line {first}); "
                "the second is ignored, remove one of them",
            )
        for wrong, line in mapping.bad_keys:
            self.add(line, f"{what}: {wrong}")
        if retyped:
            for key, read_as in mapping.retyped.items():
                self.add(
                    mapping.lines.get(key, mapping.line),
                    f"{what}: YAML reads the key {_cut(key)} as {read_as}, not as "
                    f"text; quote it, as in {_shown(key)}: ... (it is used as "
                    "written)",
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
        if key in container.aliased:
            break  # written elsewhere: reported where it is used
        container = container[key]
    return line


def _schema_error_line(
    mapping: LineDict, path: list[Any], error: jsonschema.ValidationError
) -> int:
    """The line a schema error about ``mapping`` (an entry, the defaults) is at."""
    line = _line_of(mapping, path, mapping.line)
    if path == ["translations"] and error.validator == "pattern":
        # the error is about the mapping; the bad key has a line
        line = getattr(mapping.get("translations"), "lines", {}).get(
            error.instance, line
        )
    return line


def _written(container: Any, path: list[Any]) -> str | None:
    """The source text of the unquoted non-text value at ``path``, if known."""
    for key in path[:-1]:
        try:
            container = container[key]
        except (KeyError, IndexError, TypeError):
            return None
    texts = getattr(container, "texts", None)
    if not path or not isinstance(texts, dict):
        return None
    return texts.get(path[-1])


def _entry_label(entry: LineDict, index: int) -> str:
    title = entry.get("title")
    if isinstance(title, str) and title.strip():
        return f"entry {describe(_CONTROL.sub('', title).strip())}"
    return f"entry #{index + 1}"


def _quotable(value: object) -> bool:
    """Whether an unquoted value was probably meant as text (1984, yes)."""
    return isinstance(value, bool | int | float | dt.date)


def _got(value: object, written: str | None) -> str:
    """``got ...`` for a message: what was written, and how YAML read it."""
    if written is not None and _quotable(value):
        return f"got {_cut(written)}, which YAML reads as {_read_as(value)}"
    return f"got {describe(value)}"


def _quote_it(path: list[Any], written: str) -> str:
    key = path[-1] if path and isinstance(path[-1], str) else None
    quoted = f"'{_cut(written)}'"
    return f"quote it: {_cut(key)}: {quoted}" if key else f"quote it: {quoted}"


def _schema_message(
    error: jsonschema.ValidationError, *, label: str, written: str | None = None
) -> str:
    """Turn a JSON Schema error about one entry into a message with its fix.

    :param written: the source text of the value, when YAML read it as
        something other than text, so the message can say to quote it.
    """
    path = list(error.absolute_path)
    field = str(path[0]) if path else ""
    example = EXAMPLES.get(field, "")
    write = f"; write e.g. {example}" if example else ""
    where = _where(path)
    value = error.instance
    validator = error.validator
    quote = written is not None and _quotable(value)

    if validator == "required":
        missing = error.message.split("'")[1]
        if not path:
            return f"{label} has no {missing!r}; write e.g. {EXAMPLES[missing]}"
        return f"{label}: {where} has no {missing!r}{write}"
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
        return f"{label}: 'year' {describe(value)} is not a plausible year{write}"
    if field == "year" and isinstance(value, str) and value.strip().isdigit():
        return (
            f"{label}: 'year' must be an integer, got {describe(value)}; remove "
            f"the quotes: year: {_cut(value.strip())}"
        )
    if field == "id" and validator == "type" and quote:
        assert written is not None
        return (
            f"{label}: 'id' must be a string, {_got(value, written)}; "
            f"{_quote_it(path, written)}"
        )
    if field == "id" and validator in ("pattern", "maxLength"):
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
    blank = isinstance(value, str) and not value.strip()
    if validator == "minLength" or (validator in ("pattern", "oneOf") and blank):
        return f"{label}: {where!r} is empty{write}"
    expected = {
        "type": error.validator_value,
        "oneOf": "a string or a list of strings",
    }.get(str(validator), error.message)
    if isinstance(expected, list):
        expected = " or ".join(expected)
    # in the words of YAML, not of JSON Schema
    expected = {"array": "a list", "object": "a mapping"}.get(str(expected), expected)
    article = "an" if str(expected)[:1] in "aeiou" else "a"
    if validator == "oneOf" or str(expected).startswith("a "):
        article = ""
    wanted = f"{article} {expected}".strip()
    if quote and "string" in str(expected):
        assert written is not None
        return (
            f"{label}: {where!r} must be {wanted}, {_got(value, written)}; "
            f"{_quote_it(path, written)}"
        )
    return f"{label}: {where!r} must be {wanted}, got {describe(value)}{write}"


def _where(path: list[Any]) -> str:
    """A path in the data as a message names it: ``links[2].url``."""
    if not path:
        return ""
    return _cut(str(path[0])) + "".join(
        f"[{p + 1}]" if isinstance(p, int) else f".{_cut(str(p))}" for p in path[1:]
    )


def _unknown_keys(
    error: jsonschema.ValidationError, container: Any, *, label: str
) -> list[tuple[str, int]]:
    """One message per unknown key of a mapping, at the key's line."""
    path = list(error.absolute_path)
    schema_ = error.schema if isinstance(error.schema, dict) else {}
    known = list(schema_.get("properties", {}))
    mapping = error.instance if isinstance(error.instance, dict) else {}
    inside = f" in {_where(path)}" if path else ""
    for key in path:
        container = container[key]
    lines = getattr(container, "lines", {})
    default = getattr(container, "line", 0)
    found = []
    for key in mapping:
        if key in known:
            continue
        hint = did_you_mean(key, known) or f"; known fields: {', '.join(known)}"
        found.append(
            (
                f"{label}: unknown field {_shown(str(key))}{inside}{hint}",
                lines.get(key, default),
            )
        )
    return found


def _to_plain(key: Any, value: Any, written: str | None) -> Any:
    """YAML dates become ISO strings, which is what the schema checks.

    A date where text is expected (``title: 2015-01-01 10:00``) becomes the
    text as written.
    """
    if isinstance(value, dt.date):
        if key != "date" and written is not None:
            return written
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        return value.isoformat()
    return value


# C0 and C1 control characters but tab and line breaks, which YAML allows
# only as escapes ("\0", "\x1b"), lone surrogates and the two non-characters
# XML forbids: browsers, XML builders and LaTeX choke on them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _clean_controls(value: Any) -> tuple[Any, set[str]]:
    """``value`` without control characters, and the characters removed."""
    if isinstance(value, str):
        found = set(_CONTROL.findall(value))
        return (_CONTROL.sub("", value), found) if found else (value, found)
    removed: set[str] = set()
    if isinstance(value, list):
        for i, item in enumerate(value):
            value[i], found = _clean_controls(item)
            removed |= found
    elif isinstance(value, dict):
        for key, item in value.items():
            value[key], found = _clean_controls(item)
            removed |= found
    return value, removed


def _precheck(
    collect: _Collector,
    data: dict[str, Any],
    lines: dict[Any, Any],
    label: str,
    *,
    source: LineDict,
    controls: bool,
    max_tags: int,
) -> None:
    """Checks that the schema cannot make, before it runs; fixes ``data``.

    Control characters are removed (and reported), a non-integer year and a
    date that is no real or plausible day are reported and left out, the
    items of ``authors`` and ``tags`` that are not text are reported and
    left out, and so are the tags past ``max_tags``.

    :param source: the mapping ``data`` was read from.
    """
    if controls:
        for field, value in data.items():
            data[field], removed = _clean_controls(value)
            if removed:
                codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(removed))
                many = len(removed) > 1
                collect.add(
                    lines.get(field, 0),
                    f"{label}: {_shown(str(field))} contains the control "
                    f"character{'s' if many else ''} {codes}, which cannot be "
                    f"shown and {'are' if many else 'is'} left out; remove "
                    f"{'them' if many else 'it'}",
                )
    year = data.get("year")
    if isinstance(year, float):
        collect.add(
            lines.get("year", 0),
            f"{label}: 'year' must be an integer, got {describe(year)}; write "
            f"e.g. {EXAMPLES['year']}",
        )
        del data["year"]
    elif isinstance(year, str) and source.texts.get("year") is not None:
        # unquoted digits too long to be read as a number (see _yaml)
        collect.add(
            lines.get("year", 0),
            f"{label}: 'year' {_cut(year)} is not a plausible year; write "
            f"e.g. {EXAMPLES['year']}",
        )
        del data["year"]
    date = data.get("date")
    if isinstance(date, str) and _ISO_DATE.fullmatch(date):
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            collect.add(
                lines.get("date", 0),
                f"{label}: 'date' {date} is not a day of the calendar; write "
                f"e.g. {EXAMPLES['date']}",
            )
            del data["date"]
        else:
            low, high = _YEARS
            if not low <= day.year <= high:
                collect.add(
                    lines.get("date", 0),
                    f"{label}: 'date' {date} is not a plausible date; write "
                    f"e.g. {EXAMPLES['date']}",
                )
                del data["date"]
    _check_string_lists(collect, data, lines, label, aliased=source.aliased)
    _cap_tags(collect, data, lines, label, max_tags)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: The plausible years, as the schema gives them for ``year``; a ``date``
#: must fall in them too.
_YEARS: tuple[int, int] = (
    schema()["$defs"]["resource"]["properties"]["year"]["minimum"],
    schema()["$defs"]["resource"]["properties"]["year"]["maximum"],
)


def _visible(text: str) -> bool:
    """Whether ``text`` shows anything: a character that is neither a space,
    a separator nor invisible (U+200B, U+FEFF...), which would make an empty
    badge and a tag with no slug."""
    return any(unicodedata.category(char)[0] not in "ZC" for char in text)


def _check_string_lists(
    collect: _Collector,
    data: dict[str, Any],
    lines: dict[Any, Any],
    label: str,
    *,
    aliased: Collection[Any],
) -> None:
    """Drop (and report) the non-string items of ``authors`` and ``tags``.

    A list written as an alias is reported once, where the alias is used: its
    items have the lines of the anchor, which may be in another entry.
    """
    for field in ("authors", "tags"):
        items = data.get(field)
        if not isinstance(items, list):
            continue
        item_lines = getattr(items, "lines", None)
        texts = getattr(items, "texts", {})
        kept = []
        bad = []
        for i, item in enumerate(items):
            if isinstance(item, str) and _visible(item):
                kept.append(item)
            else:
                bad.append(i)
        data[field] = kept
        if field in aliased and bad:
            bad, more = bad[:1], len(bad) - 1
        else:
            more = 0
        for i in bad:
            item = items[i]
            line = (
                lines.get(field, 0)
                if field in aliased or not item_lines
                else item_lines[i]
            )
            written = texts.get(i)
            fix = f"; {_quote_it([], written)}" if written and _quotable(item) else ""
            plural = "s" if more > 1 else ""
            others = (
                f", with {more:,} more bad item{plural} of the alias" if more else ""
            )
            collect.add(
                line,
                f"{label}: {field}[{i + 1}] must be a non-empty string, "
                f"{_got(item, written)}; it is left out{others}{fix}",
            )


def _cap_tags(
    collect: _Collector,
    data: dict[str, Any],
    lines: dict[Any, Any],
    label: str,
    max_tags: int,
) -> None:
    """Keep the first ``max_tags`` distinct tags, and report the rest."""
    tags = data.get("tags")
    if isinstance(tags, str):
        parts: list[Any] = tags.split(",")
    elif isinstance(tags, list):
        parts = tags
    else:
        return
    if len(parts) <= max_tags:
        return
    distinct = list(
        dict.fromkeys(
            " ".join(part.split())
            for part in parts
            if isinstance(part, str) and part.strip()
        )
    )
    if len(distinct) <= max_tags:
        return
    collect.add(
        lines.get("tags", 0),
        f"{label}: 'tags' has {len(distinct):,} tags, more than the "
        f"{max_tags:,} allowed; the last {len(distinct) - max_tags:,} are left "
        "out: keep the tags that matter most, or raise readinglist_max_tags",
    )
    data["tags"] = distinct[:max_tags]


def _check_nested_keys(collect: _Collector, values: dict[str, Any], label: str) -> None:
    """Report the bad keys of the mappings inside ``links`` and ``translations``."""
    links = values.get("links")
    if isinstance(links, list):
        for i, link in enumerate(links):
            if isinstance(link, LineDict):
                collect.keys(link, f"{label}: links[{i + 1}]")
    translations = values.get("translations")
    if isinstance(translations, LineDict):
        collect.keys(translations, f"{label}: translations", retyped=True)


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
        controls: bool,
        room: Usage,
    ) -> None:
        """:param room: what the entries may still expand to, through the
        defaults they take; used up as they are built."""
        self.collect = collect
        self.markup = markup
        self.defaults = defaults
        self.default_lines = default_lines
        self.limits = limits
        self.controls = controls
        self.room = room
        self.default_sizes = {key: _size(value) for key, value in defaults.items()}
        self.seen_ids: dict[str, int] = {}
        # the next suffix to try per id: 20,000 entries of one title
        # probe each suffix once, not 2..n again (issue 11)
        self.next_suffix: dict[str, int] = {}

    def build(self, entry: Any, index: int, line: int) -> Resource | None:
        if isinstance(entry, Refused):
            self.collect.add(line, _refused_message(entry, index, self.limits))
            return None
        if not isinstance(entry, LineDict):
            self.collect.add(
                line,
                f"entry #{index + 1} must be a mapping of fields, got "
                f"{describe(entry)}; write e.g. - title: Deep learning",
            )
            return None
        label = _entry_label(entry, index)
        self.collect.keys(entry, label)
        _check_nested_keys(self.collect, entry, label)
        texts = entry.texts
        data: dict[str, Any] = {
            key: _to_plain(key, value, texts.get(key)) for key, value in entry.items()
        }
        lines: dict[Any, Any] = dict(entry.lines)
        _precheck(
            self.collect,
            data,
            lines,
            label,
            source=entry,
            controls=self.controls,
            max_tags=self.limits.max_tags,
        )
        if not self._takes_defaults(data, label, line):
            return None
        for key, value in self.defaults.items():
            if key not in data:
                data[key] = value
                lines[key] = self.default_lines[key]
        lines["links:items"] = getattr(data.get("links"), "lines", None)

        dropped: set[str] = set()
        dropped_items: dict[str, set[Any]] = {"links": set(), "translations": set()}
        # jsonschema costs ~0.1 ms an entry; a fast check vouches for the
        # valid ones, and jsonschema words the errors of the rest
        from ._schemacheck import certainly_valid

        valid = certainly_valid("resource")(data)
        errors = () if valid else _validator("resource").iter_errors(data)
        told: set[tuple[int, str]] = set()  # '' is both too short and blank
        for error in errors:
            path = list(error.absolute_path)
            field = str(path[0]) if path else ""
            if field in self.default_lines and field not in entry:
                continue  # a bad default is reported once, at the defaults
            if error.validator == "additionalProperties":
                for message, key_line in _unknown_keys(error, entry, label=label):
                    self.collect.add(key_line, message)
                if not path:
                    dropped.update(str(k) for k in data if k not in FIELDS)
                continue  # an unknown key in a link is ignored, the link kept
            where = _schema_error_line(entry, path, error)
            message = _schema_message(error, label=label, written=_written(entry, path))
            if field == "title" or (error.validator == "required" and not path):
                message += "; the entry is skipped"
            # an alias used here is reported here, once per field
            seen = (where, field if field in entry.aliased else message)
            if seen not in told:
                told.add(seen)
                self.collect.add(where, message)
            if field in dropped_items and len(path) > 1:
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

    def _takes_defaults(self, data: dict[str, Any], label: str, line: int) -> bool:
        """Whether the defaults an entry takes still fit in the limits.

        A default is copied into every entry that takes it, so it counts once
        per entry, as an alias counts once per use (#11).
        """
        nodes = chars = 0
        for key, (key_nodes, key_chars) in self.default_sizes.items():
            if key not in data:
                nodes += key_nodes
                chars += key_chars
        room = self.room
        if chars > room.chars:
            limit, setting, what = self.limits.max_bytes, "max_bytes", "characters"
        elif nodes > room.nodes:
            limit, setting, what = self.limits.max_nodes, "max_nodes", "values"
        else:
            room.nodes -= nodes
            room.chars -= chars
            return True
        self.collect.add(
            line,
            f"{label} is left out: with the defaults it takes, the data expands "
            f"to more than {limit:,} {what}; set a long default only in the "
            f"entries that need it, or raise readinglist_{setting}",
        )
        return False

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

    def _image(self, image: str | None, line: int, label: str) -> str | None:
        """The image as the directive may use it, or None (and a problem)."""
        image = self._url(image, line, label, "image")
        if image is None:
            return None
        if url_scheme(image) is not None:
            if "://" in image:
                return image
            # Sphinx reads anything without "://" as a file of the project
            self.collect.add(
                line,
                f"{label}: image {describe(image)} is neither a web address "
                "nor a file path, and is not shown; write a URL such as "
                "https://example.org/cover.png, or a path such as covers/book.png",
                Subtype.UNSAFE,
            )
            return None
        if image.startswith(("//", "\\\\")):
            self.collect.add(
                line,
                f"{label}: image {describe(image)} has no scheme, so it would "
                f"be read as a file; write it in full: https:{_cut(image)}",
            )
            return None
        if image.startswith("/") and _climbs_out(image):
            self.collect.add(
                line,
                f"{label}: image {describe(image)} is outside the source "
                "directory and is not shown; move it into the documentation",
                Subtype.UNSAFE,
            )
            return None
        reason = unsafe_image_path_reason(image)
        if reason is not None:
            self.collect.add(
                line,
                f"{label}: image {describe(image)} is not shown: {reason}",
                Subtype.UNSAFE,
            )
            return None
        return image

    def _resource(
        self, data: dict[str, Any], lines: dict[Any, Any], line: int, label: str
    ) -> Resource:
        title = " ".join(data["title"].split())
        id_ = data.get("id") or slugify(title)
        if id_ in self.seen_ids:
            first = self.seen_ids[id_]
            n = self.next_suffix.get(id_, 2)
            while f"{id_}-{n}" in self.seen_ids:
                n += 1
            self.next_suffix[id_] = n + 1
            how = "give it another 'id'" if "id" in data else "add an 'id'"
            self.collect.add(
                lines.get("id", line),
                f"{label}: duplicate id {id_!r} (first at line {first}); "
                f"{how}; it is shown as {id_}-{n}",
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
        translation_lines = getattr(data.get("translations"), "lines", {})
        for lang, url in data.get("translations", {}).items():
            safe = self._url(
                url,
                translation_lines.get(lang, lines.get("translations", line)),
                label,
                f"translations.{_cut(str(lang))}",
            )
            if safe is not None:
                translations.append((str(lang), safe))

        date = data.get("date")
        year = data.get("year")
        if year is None and date:
            year = int(date[:4])
        image = self._image(data.get("image"), lines.get("image", line), label)

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
            image_location=(
                self.collect.at(lines.get("image", line)) if image else None
            ),
        )

    def _text(
        self, data: dict[str, Any], lines: dict[Any, Any], key: str, line: int
    ) -> Text | None:
        source = data.get(key)
        if not isinstance(source, str) or not source.strip():
            return None
        return Text(source, self.markup, self.collect.at(lines.get(key, line)))


def _size(value: Any) -> tuple[int, int]:
    """The values in ``value`` and the characters of its text.

    Only for a value already measured by the YAML loader (a default), so
    walking it, aliases copied out, stays within the limits.
    """
    nodes = chars = 0
    stack = [value]
    while stack:
        item = stack.pop()
        nodes += 1
        if isinstance(item, str):
            chars += len(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
            chars += sum(len(str(key)) for key in item)
            nodes += len(item)
        elif isinstance(item, list):
            stack.extend(item)
    return nodes, chars


def _refused_message(refused: Refused, index: int, limits: Limits) -> str:
    """Why an entry was left out unread, and how to fix it."""
    title = refused.title
    if title is not None and _CONTROL.sub("", title).strip():
        label = f"entry {describe(_CONTROL.sub('', title).strip())}"
    else:
        label = f"entry #{index + 1}"
    how = " through YAML aliases (&anchor / *alias)" if refused.through_aliases else ""
    if refused.reason == "self":
        return (
            f"{label} is left out: an alias (*name) in it refers to the value "
            "that contains it, so the data never ends; point the alias at "
            "another value"
        )
    if refused.reason == "depth":
        return (
            f"{label} is left out: it nests mappings and lists more than "
            f"{refused.limit} levels deep{how}; flatten it (a reading list "
            "needs five), or raise readinglist_max_depth"
        )
    if refused.reason == "nodes":
        return (
            f"{label} is left out: with it, the data expands to more than "
            f"{refused.limit:,} values{how}; write the values out, or raise "
            "readinglist_max_nodes"
        )
    return (
        f"{label} is left out: with it, the data expands to more than "
        f"{refused.limit:,} characters of text{how}; write long texts once, "
        "or raise readinglist_max_bytes"
    )


def _climbs_out(path: str) -> bool:
    """Whether a ``/``-rooted path climbs above its root with ``..``."""
    depth = 0
    for part in path.replace("\\", "/").split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in ("", "."):
            depth += 1
    return False


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
            hint = did_you_mean(key, FILE_KEYS) or did_you_mean(key, FIELDS)
            advice = (
                hint
                if hint
                else "; the top level holds only resources, defaults and markup"
            )
            collect.add(data.lines[key], f"unknown top-level key {_shown(key)}{advice}")
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
    defaults: LineDict | None, collect: _Collector, *, controls: bool, max_tags: int
) -> tuple[dict[str, Any], dict[str, int]]:
    if defaults is None:
        return {}, {}
    collect.keys(defaults, "defaults")
    _check_nested_keys(collect, defaults, "defaults")
    texts = defaults.texts
    values = {
        key: _to_plain(key, value, texts.get(key)) for key, value in defaults.items()
    }
    _precheck(
        collect,
        values,
        defaults.lines,
        "defaults",
        source=defaults,
        controls=controls,
        max_tags=max_tags,
    )
    bad: set[str] = set()
    told: set[tuple[int, str]] = set()
    for error in _validator("defaults").iter_errors(values):
        path = list(error.absolute_path)
        line = _schema_error_line(defaults, path, error)
        if error.validator == "additionalProperties" and not path:
            known = list(schema()["$defs"]["defaults"]["properties"])
            for key in values:
                if key not in known:
                    why = (
                        "is set per entry, not in defaults"
                        if key in ("id", "title")
                        else "is not a field" + did_you_mean(key, known)
                    )
                    collect.add(defaults.lines[key], f"defaults: {_shown(key)} {why}")
                    bad.add(key)
            continue
        if error.validator == "additionalProperties":
            for message, key_line in _unknown_keys(error, defaults, label="defaults"):
                collect.add(key_line, message)
            continue
        message = _schema_message(
            error, label="defaults", written=_written(defaults, path)
        )
        if (line, message) not in told:  # '' is both too short and blank
            told.add((line, message))
            collect.add(line, message)
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
    try:
        return _load_text(text, path, first_line, markup, limits)
    except Exception as exc:  # untrusted data must never stop a build
        shown = _shown(f"{type(exc).__name__}: {exc}")
        problem = Problem(
            Location(path, first_line),
            f"the data could not be read ({shown}); this is a bug of "
            "sphinx-readinglist: please report it, with the data",
            Subtype.FILE.value,
        )
        return ReadingList(path, (), (problem,))


def _load_text(
    text: str, path: str, first_line: int, markup: Markup, limits: Limits
) -> ReadingList:
    collect = _Collector(path, first_line)
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
            _too_deep_message(exc.limit, through_aliases=exc.through_aliases),
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
                return refused(line, _too_deep_message(limits.max_depth))
            return refused(line, _yaml_message(RecursionError()))
        return refused(line, _yaml_message(exc))
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
    default_values, default_lines = _checked_defaults(
        defaults, collect, controls=controls, max_tags=limits.max_tags
    )
    builder = _EntryBuilder(
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


#: How libyaml (0.2.6 and later) refuses flow nesting deeper than its limit.
_LIBYAML_NESTING_ERROR = "exceeded maximum nesting depth"
_LIBYAML_MAX_NESTING = 1000


def _too_deep_message(limit: int, *, through_aliases: bool = False) -> str:
    how = " through YAML aliases" if through_aliases else ""
    return (
        f"the data nests mappings and lists more than {limit} levels deep{how}; "
        "flatten it (a reading list needs five), or raise readinglist_max_depth"
    )


def _yaml_message(exc: BaseException) -> str:
    """A YAML error in words, with the usual fix."""
    if isinstance(exc, RecursionError):
        return "the data is nested too deeply to read; flatten it"
    if isinstance(exc, UnicodeError):
        return (
            "the data holds a character that is not valid Unicode (a lone "
            "surrogate); remove it"
        )
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    text = f"{context}, {problem}" if context else str(problem)
    # PyYAML quotes some tokens whole (a tag handle, an anchor name)
    text = text if len(text) <= 200 else text[:197] + "..."
    if "'\\t'" in text or "\\t" in text or "tab character" in text:
        fix = "indent with spaces; YAML does not allow tabs"
    elif "quoted scalar" in text:
        fix = "close the quote, or quote the whole value"
    elif "mapping values are not allowed" in text:
        fix = "quote the value if it contains ': '"
    elif "found unknown escape character" in text:
        fix = "use single quotes, or double the backslash"
    elif "unacceptable character" in text or "special characters are not" in text:
        fix = "remove it: the file may not hold NUL bytes or other control characters"
    elif "undefined alias" in text:
        fix = "define the anchor (&name) before the alias (*name) that uses it"
    elif "another document" in text:
        fix = "a file holds one YAML document: remove the '---' line"
    elif "for merging" in text:
        fix = "a merge key takes a mapping or a list of them, e.g. <<: *base"
    else:
        fix = "check the indentation and quoting of this line"
    return f"YAML syntax error: {text}; {fix}"


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
