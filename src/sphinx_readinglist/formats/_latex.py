"""LaTeX in BibTeX fields: decoded to plain Unicode text on import, and
plain text escaped on export so that no value can run a command, break out
of its field or fail to compile.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

#: Deeper brace nests are left out unread: the decoder recurses, and no
#: real field nests more than a few levels.
MAX_BRACE_DEPTH = 64

#: Each character that means something to BibTeX or LaTeX, as text. Braces
#: become commands, not ``\{``: BibTeX counts ``\{`` as an opening brace of
#: the field, so one lone brace would end the field or swallow the file.
_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
#: The text commands of :data:`_ESCAPES`, and what they print.
_TEXT_COMMANDS = {
    command[1:-2]: char
    for char, command in _ESCAPES.items()
    if command.startswith("\\text")
}
_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
#: Controls and characters no TeX input holds; a tab or line break is a space.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: ``and`` between names, which BibTeX reads as the start of another name.
_AND = re.compile(r"\band\b", re.IGNORECASE)
#: What a URL holds that BibTeX would count or read: braces, a backslash,
#: spaces. Percent-encoded, they are the same address to a browser.
_URL_UNSAFE = re.compile(r"[{}\\\s\"]")


def escape(text: str) -> str:
    """Plain text as a BibTeX field value that prints exactly that text.

    Every LaTeX special character becomes the command that prints it, so the
    braces of the result are balanced whatever the text, and nothing in it
    can run a command (``\\input``, ``\\write18``).
    """
    text = _UNPRINTABLE.sub(" ", text)
    return _SPECIAL.sub(lambda found: _ESCAPES[found[0]], text)


def escape_name(name: str) -> str:
    """A name for ``author``: escaped, and braced whole if BibTeX would split
    it (a comma, as in ``Martin Luther King, Jr.``, or the word ``and``)."""
    escaped = escape(name)
    if "," in name or _AND.search(name):
        return "{" + escaped + "}"
    return escaped


def escape_url(url: str) -> str:
    """An address as ``url`` and ``doi`` hold it: verbatim, but for the
    characters that would unbalance the field, percent-encoded."""
    return _URL_UNSAFE.sub(lambda found: f"%{ord(found[0]):02X}", url)


def brace_depth(text: str) -> int:
    """How deep the braces of ``text`` nest."""
    depth = deepest = 0
    for char in text:
        if char == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "}":
            depth -= 1
    return deepest


@cache
def _decoder() -> Any:
    """pylatexenc's decoder, as bibtexparser's LatexDecodingMiddleware makes
    it (``\\url`` kept bare), with math turned into text (``$\\alpha$`` is
    the Greek letter) and the commands that :func:`escape` writes known."""
    # pylatexenc ships no type information
    from pylatexenc import latex2text  # type: ignore[import-untyped]

    context = latex2text.get_default_latex_context_db()
    macros = [latex2text.MacroTextSpec("url", simplify_repl="%s")]
    macros += [
        latex2text.MacroTextSpec(name, simplify_repl=char)
        for name, char in _TEXT_COMMANDS.items()
    ]
    context.add_context_category("sphinx-readinglist", prepend=True, macros=macros)
    return latex2text.LatexNodes2Text(
        latex_context=context, keep_braced_groups=False, math_mode="text"
    )


_COMMAND = re.compile(r"\\([A-Za-z]+|.)\s*")
#: What only the decoder reads: commands, math, comments, ties, dashes and
#: quotes. A value without them is decoded by removing its braces, which is
#: most values (Zotero braces capitals), and a thousand times faster.
_NEEDS_DECODER = re.compile(r"[\\$%~]|--|``|''")
#: ``&`` that is not ``\&``: LaTeX reads it as a table's column separator,
#: the decoder as spaces; a title means the character.
_BARE_AMPERSAND = re.compile(r"(?<!\\)&")


@cache
def _walker_context() -> Any:
    """The parser's context, made once: pylatexenc makes it anew per value."""
    from pylatexenc import latexwalker

    return latexwalker.get_default_latex_context_db()


#: The accent commands, and the combining character each puts on its letter.
_ACCENTS = {
    "`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304",
    "u": "\u0306", ".": "\u0307", '"': "\u0308", "r": "\u030a", "H": "\u030b",
    "v": "\u030c", "c": "\u0327", "k": "\u0328",
}  # fmt: skip
_LETTERS = {
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "\u0131", "j": "\u0237",
}  # fmt: skip
#: ``\"u``, ``\"{u}``, ``\c{c}``, ``\c c``, ``\'\i``: an accent on a letter.
_ACCENT = re.compile(
    r"""\\(?:([`'^~=."])\s*|([uvHckr])(?=[\s{]))\s*(\{)?([A-Za-z]|\\[ij](?![A-Za-z]))(?(3)\})"""
)
_LETTER = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|[oOlLij])(?![A-Za-z])(?:\{\}|\s*)")
_ESCAPED = re.compile(r"\\([&%$#_{}])")


def _accented(found: re.Match[str]) -> str:
    letter = found[4][-1] if found[4].startswith("\\") else found[4]
    return letter + _ACCENTS[found[1] or found[2]]


def _fast(text: str) -> str | None:
    """``text`` decoded if it holds only accents, special letters and escaped
    characters (most names), else None for the full decoder."""
    text = _ACCENT.sub(_accented, text)
    text = _LETTER.sub(lambda found: _LETTERS[found[1]], text)
    if _NEEDS_DECODER.search(_ESCAPED.sub("", text)):
        return None
    text = _ESCAPED.sub(lambda found: "\x00" + found[1], text)  # kept from the braces
    text = text.replace("\x00{", "\x01").replace("\x00}", "\x02").replace("\x00", "")
    text = text.replace("{", "").replace("}", "")
    return unicodedata.normalize("NFC", text.replace("\x01", "{").replace("\x02", "}"))


def decode(text: str) -> str:
    """A BibTeX value as plain Unicode text: accents, braces and commands
    decoded; a command the decoder does not know is dropped, its argument
    kept. Text the decoder cannot read loses its commands and braces."""
    if not _NEEDS_DECODER.search(text):
        return text.replace("{", "").replace("}", "")
    if "\x00" not in text:
        fast = _fast(text)
        if fast is not None:
            return fast
    from pylatexenc import latexwalker

    text = _BARE_AMPERSAND.sub(r"\\&", text)
    try:
        walker = latexwalker.LatexWalker(
            text, latex_context=_walker_context(), tolerant_parsing=True
        )
        decoded: str = _decoder().nodelist_to_text(walker.get_latex_nodes()[0])
    except Exception:  # the decoder fails on some malformed input
        decoded = _COMMAND.sub(
            lambda found: found[1] if len(found[1]) == 1 else "", text
        )
        decoded = decoded.replace("{", "").replace("}", "")
    return decoded


def decode_verbatim(text: str) -> str:
    """A URL, DOI or eprint as written in BibTeX: ``\\url{}`` unwrapped and
    the escapes of ``\\_``, ``\\%``, ``\\&``, ``\\#`` and ``\\~`` undone; not
    decoded as LaTeX, in which ``%`` starts a comment."""
    text = text.strip()
    found = re.fullmatch(r"\\url\s*\{(.*)\}", text, re.DOTALL)
    if found:
        text = found[1]
    text = re.sub(r"\\([_%&#~$])", r"\1", text)
    text = text.replace(r"\textasciitilde{}", "~").replace(r"{\textasciitilde}", "~")
    return text.replace("{", "").replace("}", "")
