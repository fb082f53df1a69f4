"""The plain text of a ``description`` or ``abstract``, for the formats that
hold plain text only (BibTeX's and CSL-JSON's ``abstract``).

Not a parser: the common inline markup of reStructuredText and MyST is
reduced to its text (links to their text, roles to their content, emphasis
and literals to their words, backslash escapes undone), which is what a
reference manager shows. Nothing here imports docutils.
"""

from __future__ import annotations

import re

_RULES = (
    # `text <url>`_ and `text <url>`__ (rST links): their text
    (re.compile(r"`([^`<]+?)\s*<[^`>]*>`__?"), r"\1"),
    # :role:`text <target>` and :role:`text`: the text
    (re.compile(r":[\w.+-]+:`([^`<]+?)\s*<[^`>]*>`"), r"\1"),
    (re.compile(r":[\w.+-]+:`([^`]*)`"), r"\1"),
    # {role}`text` (MyST roles)
    (re.compile(r"\{[\w.+:-]+\}`([^`]*)`"), r"\1"),
    # ![alt](src) images and [text](url) links (MyST): the text
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    # ``literal`` (rST) and `literal` (MyST)
    (re.compile(r"``(.+?)``"), r"\1"),
    (re.compile(r"(?<![\w\\])`([^`]+)`_{0,2}"), r"\1"),
    # **strong**, *emphasis*, __strong__, _emphasis_
    (re.compile(r"(?<![\w\\])\*\*(\S(?:.*?\S)?)\*\*"), r"\1"),
    (re.compile(r"(?<![\w\\])\*(\S(?:.*?\S)?)\*"), r"\1"),
    (re.compile(r"(?<![\w\\])__(\S(?:.*?\S)?)__(?!\w)"), r"\1"),
    # reference_ and anonymous reference__ (rST)
    (re.compile(r"(?<![\w\\])([A-Za-z0-9]+)__?(?!\w)"), r"\1"),
    # a backslash escape: the character
    (re.compile(r"\\(.)"), r"\1"),
)


def plain_text(source: str) -> str:
    """``source`` (reStructuredText or MyST) as plain text, paragraphs kept
    apart by blank lines and each on one line."""
    paragraphs = []
    for paragraph in re.split(r"\n[ \t]*\n", source.strip()):
        text = " ".join(paragraph.split())
        for pattern, replacement in _RULES:
            text = pattern.sub(replacement, text)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)
