"""The output formats of ``sphinx-readinglist check``: text, JSON, GitHub.

Every problem is one line of text or one JSON object, so that a file name or
a message cannot forge another: text shows control and invisible characters
as escapes; GitHub annotations escape what the workflow-command syntax
gives a meaning to.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TextIO

from ..data.model import Problem
from ..warnings_ import WARNING_TYPE

#: The formats, each a function of the problems to the output text.
Format = Callable[[Sequence[Problem]], str]


def visible(text: str) -> str:
    """``text`` with every character that does not print (line breaks,
    terminal escapes, bidirectional overrides, lone surrogates...) written
    as a Python escape such as ``\\n`` or ``\\x1b``."""
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


def _tag(problem: Problem) -> str:
    return f"{WARNING_TYPE}.{problem.subtype}"


def as_text(problems: Sequence[Problem]) -> str:
    """``path:line: warning: message [readinglist.subtype]``, one a line."""
    return "".join(
        f"{visible(p.location.path)}:{p.location.line}: warning: "
        f"{visible(p.message)} [{_tag(p)}]\n"
        for p in problems
    )


def as_json(problems: Sequence[Problem]) -> str:
    """A JSON array of objects: ``path``, ``line``, ``message``, ``type``
    (always ``readinglist``) and ``subtype``; ASCII, so any text survives."""
    items = [
        {
            "path": p.location.path,
            "line": p.location.line,
            "message": p.message,
            "type": WARNING_TYPE,
            "subtype": p.subtype,
        }
        for p in problems
    ]
    return json.dumps(items, indent=2) + "\n"


def _data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value, escaped as GitHub's runner
    unescapes it; a file name that is not UTF-8 keeps its bytes as escapes."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions annotations, ``::warning file=...,line=...,title=...::message``."""
    return "".join(
        f"::warning file={_property(p.location.path)},line={p.location.line},"
        f"title={_property(_tag(p))}::{_data(visible(p.message))}\n"
        for p in problems
    )


FORMATS: dict[str, Format] = {"text": as_text, "json": as_json, "github": as_github}


def write(stream: TextIO, text: str) -> None:
    """Write ``text``, with escapes for what the stream's encoding lacks
    (a console that is not UTF-8)."""
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
