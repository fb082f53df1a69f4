"""Export to JSON: the data file itself, as JSON (``export json``).

The output has the structure of a data file, ``{"resources": [...]}``, so it
validates against the shipped JSON Schema and reads back as a data file
(JSON is YAML). Fields keep the data's order; texts keep their markup.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from typing import Any

from ..data.model import Markup, Resource
from .common import as_fields

_INDENT = "  "


def write(resources: Sequence[Resource]) -> str:
    """The resources as a JSON data file, indented by two, with a final newline.

    The file says ``"markup": "myst"`` when every description and abstract
    is MyST (the default, reStructuredText, is left unsaid).
    """
    data: dict[str, Any] = {}
    markups = {
        text.markup
        for resource in resources
        for text in (resource.description, resource.abstract)
        if text is not None
    }
    if markups == {Markup.MYST}:
        data["markup"] = Markup.MYST.value
    data["resources"] = [as_fields(resource) for resource in resources]
    return _dumps(data, 0) + "\n"


def _dumps(value: Any, depth: int) -> str:
    """``value`` as JSON that YAML reads back to the same value.

    Written by hand rather than by :func:`json.dumps` for one reason: Python
    writes ``1e-07``, which YAML 1.1 reads as a text; here a number always
    has a fraction (``1.0e-07``).
    """
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = _INDENT * (depth + 1)
        items = (
            f"{inner}{_scalar(str(key))}: {_dumps(item, depth + 1)}"
            for key, item in value.items()
        )
        return "{\n" + ",\n".join(items) + "\n" + _INDENT * depth + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = _INDENT * (depth + 1)
        items = (f"{inner}{_dumps(item, depth + 1)}" for item in value)
        return "[\n" + ",\n".join(items) + "\n" + _INDENT * depth + "]"
    return _scalar(value)


def _scalar(value: Any) -> str:
    if isinstance(value, float):
        text = json.dumps(value, allow_nan=False)
        mantissa, e, exponent = text.partition("e")
        if "." not in mantissa:
            mantissa += ".0"
        if e and exponent[0] not in "+-":
            exponent = "+" + exponent
        return mantissa + e + exponent
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    if text.isascii():
        return text
    return "".join(_escaped(char) for char in text)


def _escaped(char: str) -> str:
    """An invisible or unreadable character as an escape, any other as it is.

    YAML reads NEL, U+2028 and U+2029 as line breaks and refuses C1 controls
    and non-characters; format characters (bidirectional overrides,
    zero-width spaces) would hide in the file, or reorder it. Above U+FFFF,
    JSON escapes a character as two surrogates, which YAML refuses: those
    stay as they are.
    """
    code = ord(char)
    if code < 0x80 or code > 0xFFFF or unicodedata.category(char) not in _ESCAPED:
        return char
    return f"\\u{code:04x}"


_ESCAPED = {"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"}
