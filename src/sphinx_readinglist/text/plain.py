"""The plain-text fast path of :func:`.parse.parse_text`.

Most descriptions and abstracts are plain sentences. Text made only of
letters, digits, spaces and the punctuation below, with no line starting
like a list item or other block, means the same in reStructuredText and in
MyST: paragraphs of text. Building those paragraphs directly gives the nodes
the full parse gives (tests/test_performance.py compares the two on many
texts), at a fraction of the cost.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..data.model import Markup, Text

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: Only these characters: word characters but "_", spaces, newlines, and
#: punctuation that starts no inline markup in either syntax.
_PLAIN_TEXT = re.compile(r"(?:[^\W_]|[ \n.,;:!?'\"()/%-])*")
#: ":" only before a space or a line end: "data:x" is a link in rST, and
#: "::" starts a literal block.
_MARKUP_COLON = re.compile(r":(?![ \n]|\Z)")
#: A line starts with a letter or digit, and neither starts nor ends with a
#: space.
_PLAIN_LINE = re.compile(r"[^\W_](?:.*[^ ])?")
#: A first word that starts a list item: "1.", "a)", "iv." in rST, "1." in MyST.
_ENUMERATOR = re.compile(r"(?:[0-9]+|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)[.)]")

#: MyST extensions that give no meaning to plain text (their syntax needs a
#: character or a line start that plain text does not have). ``linkify``,
#: ``replacements`` and ``smartquotes`` do change plain text.
MYST_PLAIN_EXTENSIONS = frozenset(
    {
        "amsmath", "attrs_block", "attrs_inline", "colon_fence", "deflist",
        "dollarmath", "fieldlist", "html_admonition", "html_image",
        "strikethrough", "substitution", "tasklist",
    }
)  # fmt: skip


def _config_keeps_plain_text(
    markup: Markup, env: BuildEnvironment, settings: Any
) -> bool:
    """Whether the configuration leaves plain text alone in this syntax."""
    if markup is Markup.RST:
        # with these docutils settings, "PEP 8" and "RFC 2822" become links
        return not (
            getattr(settings, "pep_references", None)
            or getattr(settings, "rfc_references", None)
        )
    config = getattr(env, "myst_config", None)
    if config is None:
        return True  # the defaults enable no extension
    if getattr(config, "gfm_only", False):
        return False  # GitHub-flavoured Markdown turns on linkify
    extensions = {str(getattr(e, "value", e)) for e in config.enable_extensions}
    return extensions <= MYST_PLAIN_EXTENSIONS


def plain_paragraphs(
    text: Text, env: BuildEnvironment, settings: Any
) -> list[nodes.Node] | None:
    """The paragraphs of a text without markup, or None if it may have some.

    :return: what :func:`.parse.parse_text` would return for the text, built
        directly; None when the text needs the parser.
    """
    source = text.source
    if not _PLAIN_TEXT.fullmatch(source) or _MARKUP_COLON.search(source):
        return None
    lines = source.split("\n")
    for line in lines:
        if line and (
            not _PLAIN_LINE.fullmatch(line)
            or _ENUMERATOR.fullmatch(line.partition(" ")[0])
        ):
            return None
    if not _config_keeps_plain_text(text.markup, env, settings):
        return None
    myst = text.markup is Markup.MYST
    paragraphs: list[nodes.Node] = []
    start = 0
    for index, line in enumerate([*lines, ""]):
        if line:
            continue
        if index > start:
            block = lines[start:index]
            rawsource = "\n".join(block)
            paragraph = nodes.paragraph(rawsource, "")
            if myst:  # MyST keeps each soft line break as a node of its own
                for i, part in enumerate(block):
                    if i:
                        paragraph += nodes.Text("\n")
                    paragraph += nodes.Text(part)
            else:
                paragraph += nodes.Text(rawsource)
            paragraph.source = text.location.path
            paragraph.line = text.location.line + start
            paragraphs.append(paragraph)
        start = index + 1
    return paragraphs or None
