"""An entry's own fields (``extra:``): names the format does not know, kept.

``extra`` maps names of the maintainers' choosing (``stars``, ``license``,
``last_checked``) to single values, so that data the schema has no field for
is kept instead of being reported as an unknown field and lost. Each bad
name or value is reported at its line and left out alone; the rest is kept.
The card shows the names that ``readinglist_show_extra`` lists.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Collection, Mapping
from typing import Any

from .messages import cut, describe, shown, yaml_key
from .prechecks import Collector
from .yaml_values import LineDict

#: The longest name of an extra field, as the schema says.
MAX_EXTRA_NAME = 64

#: What an extra value may be, once checked.
ExtraValue = str | int | float | bool


def extra_text(value: ExtraValue) -> str:
    """An extra value as a card shows it: booleans as YAML writes them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def extra_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name an extra field, or None."""
    if not name:
        return "is empty"
    if len(name) > MAX_EXTRA_NAME:
        return (
            f"is {len(name):,} characters long, more than {MAX_EXTRA_NAME}; "
            "use a shorter name"
        )
    # printable ASCII has no invisible character: most names, checked fast
    visible = () if name.isascii() and name.isprintable() else name
    for char in visible:
        category = unicodedata.category(char)
        # controls, formats (zero-width, bidi), surrogates, unassigned, and
        # separators but the space: a name readinglist_show_extra can type
        if (category[0] == "C" and category != "Co") or category in ("Zl", "Zp"):
            return (
                f"contains the invisible character U+{ord(char):04X}; write the "
                "name in visible characters"
            )
    if not name.strip():
        return "is blank"
    return None


def _value(value: Any, written: str | None) -> ExtraValue | None:
    """``value`` as kept, or None when it is no single value to keep."""
    if isinstance(value, dt.date):
        # as written (2024-05-01, or with a time); YAML read it as a date
        return written if written is not None else value.isoformat()
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    return None


def check_extra(
    collect: Collector,
    data: dict[str, Any],
    lines: Mapping[Any, int],
    label: str,
    *,
    aliased: Collection[Any] = (),
) -> None:
    """Check an entry's ``extra``; keep in ``data`` its good names and values.

    A name that is empty, too long or holds an invisible character, and a
    value that is not a text, a number, a boolean or a date (a mapping, a
    list, null, a tag, a number that is not finite), is reported at its
    line and left out alone. A date is kept as written; invisible format
    characters are removed from a text, and reported. An ``extra`` that is
    no mapping is left to the schema, which reports it.

    :param aliased: the fields written as an alias (``extra: *common``),
        whose names and values are reported where the alias is used.
    """
    extra = data.get("extra")
    if not isinstance(extra, dict):
        return
    field_line = lines.get("extra", 0)
    what = f"{label}: extra"
    if isinstance(extra, LineDict):
        if "extra" not in aliased:
            collect.keys(extra, what, retyped=True)
        key_lines: Mapping[Any, int] = getattr(extra, "key_lines", extra.lines)
        texts: Mapping[Any, str] = extra.texts
    else:
        key_lines, texts = {}, {}
    kept: dict[str, ExtraValue] = {}
    for key, value in extra.items():
        name = str(key)
        line = field_line if "extra" in aliased else key_lines.get(key, field_line)
        problem = extra_name_problem(name)
        if problem is not None:
            collect.add(
                line, f"{what}: the name {shown(name)} {problem}; it is left out"
            )
            continue
        written = texts.get(key)
        checked = _value(value, written)
        if isinstance(checked, str):
            checked = _visible_text(collect, line, f"{what}: {shown(name)}", checked)
        if checked is not None:
            kept[name] = checked
        elif value is None:
            collect.add(
                line,
                f"{what}: {shown(name)} has no value; it is left out: give it "
                f"one, such as {_example(name)}, or remove it",
            )
        elif isinstance(value, float):
            shown_value = cut(written) if written is not None else repr(value)
            collect.add(
                line,
                f"{what}: {shown(name)} is {shown_value}, which YAML reads as a "
                "number that is not finite; it is left out: quote it to keep "
                "it as text",
            )
        else:
            collect.add(
                line,
                f"{what}: {shown(name)} must be a single value (a text, a "
                f"number, a boolean or a date), got {describe(value)}; it is "
                f"left out: write e.g. {_example(name)}",
            )
    data["extra"] = kept


def _visible_text(collect: Collector, line: int, what: str, text: str) -> str:
    """``text`` without invisible format characters, each reported.

    An extra value is plain data: a bidirectional control would make it read
    backwards (``\\u202egnp.exe``), and a zero-width one hides in it; neither
    can be typeset by pdflatex.
    """
    if text.isascii():
        return text  # no format character is ASCII
    found = sorted({char for char in text if unicodedata.category(char) == "Cf"})
    if not found:
        return text
    codes = ", ".join(f"U+{ord(char):04X}" for char in found)
    many = len(found) > 1
    collect.add(
        line,
        f"{what} contains the invisible character{'s' if many else ''} {codes}, "
        f"which {'are' if many else 'is'} left out; remove "
        f"{'them' if many else 'it'}",
    )
    return "".join(char for char in text if char not in found)


def _example(name: str) -> str:
    return f"{yaml_key(name)}: 1200"
