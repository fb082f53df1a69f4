"""Which characters a LaTeX setup can typeset: its repertoire.

A PDF shows nothing, or stops, where its fonts lack a character: pdfLaTeX
stops at any character that ``inputenc`` does not know ("Unicode character
中 not set up for use with LaTeX"), XeLaTeX and LuaLaTeX print nothing in
its place ("Missing character: There is no 中 in font FreeSerif"). The
cards print their own words (language names) and addresses (decoded IRIs)
only when every character is in the repertoire of the document's setup:
:func:`latex_repertoire` reads it from the engine and the preamble.

The tables are measured, not guessed: tests/test_printing.py typesets every
character of each with the engine it describes, with Sphinx's default fonts,
and fails on a missing one.

No Sphinx or docutils here: the repertoire is a pure function of the setup.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

Ranges = tuple[tuple[int, int], ...]

#: What pdfLaTeX typesets with Sphinx's setup (``inputenc`` with ``utf8``,
#: ``fontenc`` T1 and the kernel's TS1): the characters that ``inputenc``
#: declares for these encodings (TeX Live 2022), and those Sphinx writes as
#: commands (``sphinx.util.texescape``).
PDFLATEX_T1: Ranges = (
    (0x0020, 0x007E), (0x00A0, 0x0125), (0x0128, 0x0137), (0x0139, 0x013E),
    (0x0141, 0x0148), (0x014A, 0x0165), (0x0168, 0x017E), (0x0192, 0x0192),
    (0x01C4, 0x01D4), (0x01E2, 0x01E3), (0x01E6, 0x01EB), (0x01F0, 0x01F0),
    (0x01F4, 0x01F5), (0x0218, 0x021B), (0x0232, 0x0233), (0x0237, 0x0237),
    (0x02C6, 0x02C7), (0x02D8, 0x02D9), (0x02DB, 0x02DD), (0x0E3F, 0x0E3F),
    (0x1E02, 0x1E03), (0x1E0D, 0x1E0D), (0x1E1E, 0x1E21), (0x1E25, 0x1E25),
    (0x1E30, 0x1E31), (0x1E37, 0x1E37), (0x1E43, 0x1E43), (0x1E45, 0x1E45),
    (0x1E47, 0x1E47), (0x1E5B, 0x1E5B), (0x1E63, 0x1E63), (0x1E6D, 0x1E6D),
    (0x1E8E, 0x1E91), (0x1E9E, 0x1E9E), (0x1EF2, 0x1EF3), (0x2010, 0x2016),
    (0x2018, 0x201A), (0x201C, 0x201E), (0x2020, 0x2023), (0x2026, 0x2026),
    (0x2030, 0x2031), (0x2039, 0x203B), (0x203D, 0x203D), (0x2044, 0x2044),
    (0x204E, 0x204E), (0x2052, 0x2052), (0x2070, 0x2070), (0x2074, 0x2079),
    (0x2080, 0x2089), (0x20A1, 0x20A1), (0x20A4, 0x20A4), (0x20A6, 0x20A6),
    (0x20A9, 0x20A9), (0x20AB, 0x20AC), (0x20B1, 0x20B1), (0x2103, 0x2103),
    (0x2116, 0x2117), (0x211E, 0x211E), (0x2120, 0x2120), (0x2122, 0x2122),
    (0x2126, 0x2127), (0x212E, 0x212E), (0x2190, 0x2193), (0x221E, 0x221E),
    (0x2329, 0x232A), (0x2422, 0x2423), (0x2500, 0x2500), (0x2502, 0x2502),
    (0x2514, 0x2514), (0x251C, 0x251C), (0x2572, 0x2572), (0x25E6, 0x25E6),
    (0x25EF, 0x25EF), (0x266A, 0x266A), (0x2713, 0x2716), (0x27E8, 0x27E9),
    (0xFB00, 0xFB06),
)  # fmt: skip

#: Cyrillic, when pdfLaTeX loads a Cyrillic font encoding (T2A, T2B, T2C or
#: X2: ``fontenc``, or babel for a Cyrillic language): the letters of
#: Russian, Ukrainian, Belarusian, Bulgarian, Serbian and Macedonian.
PDFLATEX_CYRILLIC: Ranges = (
    (0x0401, 0x040C), (0x040E, 0x044F), (0x0451, 0x045C), (0x045E, 0x045F),
    (0x0490, 0x0491),
)  # fmt: skip

#: Monotonic Greek, when pdfLaTeX loads the LGR font encoding.
PDFLATEX_GREEK: Ranges = (
    (0x0386, 0x0386), (0x0388, 0x038A), (0x038C, 0x038C), (0x038E, 0x03A1),
    (0x03A3, 0x03CE),
)  # fmt: skip

#: What XeLaTeX and LuaLaTeX typeset with Sphinx's fonts (FreeSerif for the
#: text, FreeMono for addresses): the characters both fonts have, in the
#: scripts written left to right without shaping (Latin, Greek, Cyrillic,
#: Armenian, Georgian) and their punctuation. FreeSerif has Hebrew, Arabic
#: and Indic letters too, but without a bidi or shaping setup LaTeX would
#: print them in the wrong order or shape.
UNICODE_FREEFONT: Ranges = (
    (0x0020, 0x007E), (0x00A0, 0x0220), (0x0224, 0x0233), (0x0237, 0x0237),
    (0x0250, 0x036F), (0x0374, 0x0375), (0x037A, 0x037A), (0x037E, 0x037E),
    (0x0384, 0x038A), (0x038C, 0x038C), (0x038E, 0x03A1), (0x03A3, 0x03CE),
    (0x03D0, 0x03D6), (0x03DA, 0x03DD), (0x03F0, 0x03F1), (0x03F4, 0x03F5),
    (0x0400, 0x047F), (0x0483, 0x0487), (0x048A, 0x04FF), (0x0510, 0x0513),
    (0x051A, 0x051F), (0x0524, 0x0527), (0x0531, 0x0556), (0x0559, 0x055F),
    (0x0561, 0x0587), (0x0589, 0x058A), (0x058F, 0x058F), (0x10D0, 0x10F5),
    (0x10F9, 0x10F9), (0x10FB, 0x10FC), (0x1E00, 0x1E9B), (0x1EA0, 0x1EF9),
    (0x1F00, 0x1F15), (0x1F18, 0x1F1D), (0x1F20, 0x1F45), (0x1F48, 0x1F4D),
    (0x1F50, 0x1F57), (0x1F59, 0x1F59), (0x1F5B, 0x1F5B), (0x1F5D, 0x1F5D),
    (0x1F5F, 0x1F7D), (0x1F80, 0x1FB4), (0x1FB6, 0x1FC4), (0x1FC6, 0x1FD3),
    (0x1FD6, 0x1FDB), (0x1FDD, 0x1FEF), (0x1FF2, 0x1FF4), (0x1FF6, 0x1FFE),
    (0x2000, 0x200A), (0x2010, 0x2027), (0x202F, 0x205F), (0x2070, 0x2071),
    (0x2074, 0x208E), (0x2090, 0x2094), (0x20A1, 0x20B5), (0x20B8, 0x20B9),
    (0x2100, 0x2109), (0x210D, 0x211A), (0x211C, 0x211E), (0x2120, 0x2122),
    (0x2124, 0x2124), (0x2126, 0x2127), (0x2129, 0x212B), (0x212E, 0x212E),
    (0x2132, 0x2132), (0x2135, 0x213B), (0x2141, 0x2144), (0x214B, 0x214B),
    (0x214D, 0x214E), (0xFB00, 0xFB05),
)  # fmt: skip

#: Chinese and Japanese, when the setup loads a CJK package (xeCJK, ctex,
#: LuaTeX-ja) or the engine is upLaTeX or pLaTeX: the blocks of the
#: ideographs, the kana, bopomofo, CJK punctuation and full-width forms, of
#: which a character is typeset only if it is in the character set of the
#: fonts these packages choose by default (see :data:`CJK_CHARACTER_SETS`).
#: Hangul is left out: those Chinese and Japanese fonts lack it.
CJK: Ranges = (
    (0x3000, 0x303F), (0x3040, 0x309F), (0x30A0, 0x30FF), (0x3100, 0x312F),
    (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),
)  # fmt: skip

#: The engines that read Unicode and take their fonts from fontspec.
UNICODE_ENGINES = frozenset(("xelatex", "lualatex"))
#: The character sets that the default CJK fonts cover, as Python codecs:
#: xeCJK and ctex fall back to the Fandol fonts, which hold GB 2312 and a
#: little more; LuaTeX-ja and upLaTeX use fonts of JIS X 0213, pLaTeX those
#: of JIS X 0208.
CJK_CHARACTER_SETS = {
    "chinese": "gb2312",
    "luatexja": "euc_jis_2004",
    "uplatex": "euc_jis_2004",
    "platex": "shift_jis",
}

_CHINESE_PACKAGES = re.compile(r"(?<![A-Za-z])(?:xeCJK|ctex[a-z]*)(?![A-Za-z])")
_JAPANESE_PACKAGES = re.compile(r"(?<![A-Za-z])luatexja[a-z-]*(?![A-Za-z])")
_CYRILLIC_ENCODINGS = re.compile(r"(?<![A-Za-z0-9])(?:T2[ABC]|X2)(?![A-Za-z0-9])")
_GREEK_ENCODING = re.compile(r"(?<![A-Za-z0-9])LGR(?![A-Za-z0-9])")


@dataclass(frozen=True, slots=True)
class Repertoire:
    """The characters an output can print: ranges of code points, and for
    the CJK blocks, the codec of the character set a character must be in."""

    ranges: Ranges
    #: A character of :data:`CJK` is typeset only if it encodes in this codec.
    cjk_codec: str | None = None

    def __contains__(self, char: object) -> bool:
        if not isinstance(char, str) or len(char) != 1:
            return False
        point = ord(char)
        index = bisect_right(self.ranges, (point, 0x10FFFF))
        if index == 0 or self.ranges[index - 1][1] < point:
            return False
        if self.cjk_codec and _in(CJK, point):
            try:
                char.encode(self.cjk_codec)
            except UnicodeEncodeError:
                return False
        return True

    def fits(self, char: str) -> bool:
        """Whether ``char`` can be typeset (for :func:`.data.iri.printed_iri`)."""
        return char in self

    def covers(self, text: str) -> bool:
        """Whether every character of ``text`` can be typeset."""
        return all(char in self for char in text)


def _in(ranges: Ranges, point: int) -> bool:
    return any(start <= point <= end for start, end in ranges)


def _merged(*tables: Ranges) -> Ranges:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(pair for table in tables for pair in table):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def latex_repertoire(
    engine: str, setup: str = "", *, cyrillic: bool = False
) -> Repertoire:
    """What a LaTeX document can typeset, from its engine and preamble.

    :param engine: ``latex_engine``: ``pdflatex``, ``xelatex``, ``lualatex``,
        ``platex`` or ``uplatex``; any other is taken as pdfLaTeX.
    :param setup: the preamble's code (the ``latex_elements`` Sphinx writes,
        the packages extensions add), where font encodings and CJK packages
        are looked for. A package loaded on a condition counts as loaded.
    :param cyrillic: whether babel sets up a Cyrillic language.
    :return: the repertoire; characters outside it are printed otherwise.
    """
    codec: str | None = None
    if engine in UNICODE_ENGINES:
        tables = [UNICODE_FREEFONT]
        if _CHINESE_PACKAGES.search(setup):
            codec = CJK_CHARACTER_SETS["chinese"]
        elif engine == "lualatex" and _JAPANESE_PACKAGES.search(setup):
            codec = CJK_CHARACTER_SETS["luatexja"]
    else:
        tables = [PDFLATEX_T1]
        if cyrillic or _CYRILLIC_ENCODINGS.search(setup):
            tables.append(PDFLATEX_CYRILLIC)
        if _GREEK_ENCODING.search(setup):
            tables.append(PDFLATEX_GREEK)
        if engine in ("platex", "uplatex"):
            codec = CJK_CHARACTER_SETS[engine]
    if codec:
        tables.append(CJK)
    return Repertoire(_merged(*tables), cjk_codec=codec)
