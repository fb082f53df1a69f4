"""Inline Markdown tokens back to text: plain, for titles and tags, or as
Markdown that MyST reads as the source meant, for descriptions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .untrusted import escape_markdown

if TYPE_CHECKING:
    from markdown_it.token import Token

#: The longest paragraph whose inline markup is read: markdown-it-py takes
#: time that grows faster than the length on some texts (a 3 MB line of
#: ``*a`` takes seconds), and no entry of a list needs more.
MAX_INLINE = 50_000

_BACKTICKS = re.compile(r"`+")
_SPACES = re.compile(r"[ \t\n]+")


def plain(children: Sequence[Token]) -> str:
    """The text of inline tokens, without markup or images."""
    parts = []
    for token in children:
        if token.type in ("text", "text_special", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def code_span(code: str) -> str:
    """``code`` as a Markdown code span, fenced by more backticks than it holds."""
    longest = max((len(run) for run in _BACKTICKS.findall(code)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {code} " if code[:1] in ("`", " ") or code[-1:] in ("`", " ") else code
    return f"{fence}{padded}{fence}"


def render(children: Sequence[Token]) -> str:
    """Inline tokens as Markdown: text escaped, emphasis and code kept.

    Links become their text (the entry lists them in ``links``); images and
    raw HTML are left out, line breaks become spaces.
    """
    parts = []
    for token in children:
        kind = token.type
        if kind in ("text", "text_special"):
            parts.append(escape_markdown(token.content))
        elif kind == "code_inline":
            parts.append(code_span(token.content))
        elif kind in ("em_open", "em_close", "strong_open", "strong_close"):
            parts.append(token.markup)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        # images (whose alt text is in their own children) and raw HTML
        # have no place in a description
    text = "".join(parts)
    return _SPACES.sub(" ", text).strip()
