"""The checks the schema cannot make, run before it, and where problems gather.

Each check reports what it finds and fixes the data it is given, so the
schema then sees only what can be shown: control characters removed, years
and dates that are no real or plausible day left out, items of ``authors``
and ``tags`` that are not text left out, tags past the limit cut.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Collection
from typing import Any

from ..warnings_ import Subtype
from .dates import DATE_FIELDS, calendar_problem, written_as_date
from .messages import (
    CONTROL,
    EXAMPLES,
    cut,
    date_message,
    describe,
    got,
    quotable,
    quote_it,
    shown,
)
from .model import Location, Problem
from .schema_check import YEARS
from .yaml_values import LineDict


class Collector:
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
                f"{what}: duplicate key {shown(key)} (first at line {first}); "
                "the second is ignored, remove one of them",
            )
        for wrong, line in mapping.bad_keys:
            self.add(line, f"{what}: {wrong}")
        if retyped:
            for key, read_as in mapping.retyped.items():
                self.add(
                    mapping.lines.get(key, mapping.line),
                    f"{what}: YAML reads the key {cut(key)} as {read_as}, not as "
                    f"text; quote it, as in {shown(key)}: ... (it is used as "
                    "written)",
                )


def to_plain(key: Any, value: Any, written: str | None) -> Any:
    """YAML dates become ISO strings, which is what the schema checks.

    A date where text is expected (``title: 2015-01-01 10:00``) becomes the
    text as written.
    """
    if isinstance(value, dt.date):
        # a day with a time of day keeps its day, as written
        if key not in DATE_FIELDS and written is not None:
            return written
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        return value.isoformat()
    return value


def _clean_controls(value: Any) -> tuple[Any, set[str]]:
    """``value`` without control characters, and the characters removed."""
    if isinstance(value, str):
        found = set(CONTROL.findall(value))
        return (CONTROL.sub("", value), found) if found else (value, found)
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


def precheck(
    collect: Collector,
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
    date that is no real or plausible day (or month, for ``date``) and a
    year that disagrees with the date are reported and left out, the
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
                    f"{label}: {shown(str(field))} contains the control "
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
        # unquoted digits too long to be read as a number (see yaml_reader)
        collect.add(
            lines.get("year", 0),
            f"{label}: 'year' {cut(year)} is not a plausible year; write "
            f"e.g. {EXAMPLES['year']}",
        )
        del data["year"]
    for field in DATE_FIELDS:
        _check_date(collect, data, lines, label, field)
    _check_year_and_date(collect, data, lines, label)
    _check_string_lists(collect, data, lines, label, aliased=source.aliased)
    _cap_tags(collect, data, lines, label, max_tags)


def _check_date(
    collect: Collector,
    data: dict[str, Any],
    lines: dict[Any, Any],
    label: str,
    field: str,
) -> None:
    """Leave out (and report) a date that is no day or month of the calendar.

    A value not written as a date is left to the schema, which words it.
    """
    text = data.get(field)
    if not isinstance(text, str) or not written_as_date(text, field):
        return
    reason = calendar_problem(text, YEARS)
    if reason is not None:
        collect.add(lines.get(field, 0), date_message(label, field, text, reason))
        del data[field]


def _check_year_and_date(
    collect: Collector, data: dict[str, Any], lines: dict[Any, Any], label: str
) -> None:
    """A ``year`` that says another year than the ``date`` is left out.

    The date sets the year, so the card, the sorts and the groups all use
    one year.
    """
    year, date = data.get("year"), data.get("date")
    if (
        type(year) is not int
        or not YEARS[0] <= year <= YEARS[1]  # the schema words that
        or not isinstance(date, str)
        or not written_as_date(date, "date")
        or year == int(date[:4])
    ):
        return
    collect.add(
        lines.get("year", 0),
        f"{label}: 'year' {year} and 'date' {date} disagree; the date's year "
        "is used: remove 'year', which a date sets",
    )
    del data["year"]


def _visible(text: str) -> bool:
    """Whether ``text`` shows anything: a character that is neither a space,
    a separator nor invisible (U+200B, U+FEFF...), which would make an empty
    badge and a tag with no slug."""
    return any(unicodedata.category(char)[0] not in "ZC" for char in text)


def _check_string_lists(
    collect: Collector,
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
            fix = f"; {quote_it([], written)}" if written and quotable(item) else ""
            plural = "s" if more > 1 else ""
            others = (
                f", with {more:,} more bad item{plural} of the alias" if more else ""
            )
            collect.add(
                line,
                f"{label}: {field}[{i + 1}] must be a non-empty string, "
                f"{got(item, written)}; it is left out{others}{fix}",
            )


def _cap_tags(
    collect: Collector,
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
    extra = len(distinct) - max_tags
    dropped = "the last is" if extra == 1 else f"the last {extra:,} are"
    collect.add(
        lines.get("tags", 0),
        f"{label}: 'tags' has {len(distinct):,} tags, more than the "
        f"{max_tags:,} allowed; {dropped} left out: keep the tags that matter "
        "most, or raise readinglist_max_tags",
    )
    data["tags"] = distinct[:max_tags]


def check_nested_keys(collect: Collector, values: dict[str, Any], label: str) -> None:
    """Report the bad keys of the mappings inside ``links`` and ``translations``."""
    links = values.get("links")
    if isinstance(links, list):
        for i, link in enumerate(links):
            if isinstance(link, LineDict):
                collect.keys(link, f"{label}: links[{i + 1}]")
    translations = values.get("translations")
    if isinstance(translations, LineDict):
        collect.keys(translations, f"{label}: translations", retyped=True)
