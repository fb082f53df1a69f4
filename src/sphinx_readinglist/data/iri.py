"""Internationalised addresses: the URI a link needs, the IRI a reader reads.

Data may write an address with its own characters
(``https://zh.wikipedia.org/wiki/深度学习``, ``https://例子.测试/``) or
percent-encoded, as browsers copy it (``.../wiki/%E6%B7%B1%E5%BA%A6...``).
A link target must be the encoded URI (RFC 3986): :func:`uri_from_iri`. A
printed address, which a reader reads and may type, reads best decoded
(RFC 3987, section 3.2): :func:`printed_iri`.

Decoding must never change what the address means, nor let it say something
else than it does. So a printed address decodes only UTF-8 sequences of
characters that are not ASCII (``%2F``, ``%3F``, ``%23``, ``%25`` and every
other ASCII character stay encoded), and no character that is invisible,
a control, a space, written right to left, or looks like a delimiter (the
division slash, the full-width solidus and question mark). A host is shown
in its own characters only when each label is valid IDNA, of one script,
and not made only of Cyrillic letters that look Latin (as browsers do,
against an "apple.com" spelt in Cyrillic). Everything else
stays encoded, so the printed address always encodes back to the same URI.

No Sphinx or docutils here: these are pure functions of the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import idna

#: Whether a character can be printed (by the output's fonts); see
#: :mod:`sphinx_readinglist.text.repertoire`.
Fits = Callable[[str], bool]

# scheme://userinfo@host, then the port, path, query and fragment (RFC 3986,
# appendix B); a host in brackets is an IP literal, left alone
_AUTHORITY = re.compile(
    r"([A-Za-z][A-Za-z0-9+.\-]*://)([^/?#]*@)?(\[[^\]/?#]*\]|[^/?#:]*)(.*)",
    re.DOTALL,
)
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")

#: Characters that read as a delimiter of an address, or as nothing, though
#: their categories are ordinary; the compatibility forms of ASCII
#: delimiters (the full-width solidus, question mark, number sign...) are
#: found by NFKC instead.
_LOOKALIKES = frozenset(
    map(
        chr,
        (
            # slashes and backslashes: division, fraction, big and box-drawing
            # slashes, set minus, Philippine and vertical kana marks
            *(0x2215, 0x2044, 0x29F8, 0x29F5, 0x29F9, 0x2216, 0x1735),
            *(0x2571, 0x2572, 0x27CB, 0x27CD, 0x3033),
            # colons and dots: Armenian, Hebrew, Syriac, Arabic marks, ratio,
            # modifier colons, the Arabic-Indic zero, the one-dot leader
            *(0x0589, 0x05C3, 0x0701, 0x0702, 0x2236, 0xA789, 0x02D0),
            *(0x0660, 0x06D4, 0x2024),
            # overlays that strike a slash through what comes before
            *(0x0337, 0x0338),
            # letters and marks that show nothing: the combining grapheme
            # joiner, Hangul fillers, Khmer inherent vowels, the braille blank
            *(0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5, 0x2800),
        ),
    )
)
#: The ASCII characters that delimit the parts of an address, and the space.
_DELIMITERS = frozenset(":/?#[]@!$&'()*+,;=%\\. ")
#: Categories never printed: controls, format characters (bidi controls,
#: zero-width characters), surrogates, private use, unassigned, spaces.
_HIDDEN = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"))
#: Bidi classes of characters written right to left, which would reorder
#: the address around them.
_RIGHT_TO_LEFT = frozenset(("R", "AL", "RLE", "RLO", "RLI", "PDF", "PDI", "FSI"))
#: Cyrillic letters that look like Latin ones: a label made only of these
#: (and digits, hyphens) would pass for a Latin name.
_LATIN_LOOKALIKES = frozenset("асԁеһіјӏорԛѕԝхуъьҽпгѵѡ")


def _everything(_char: str) -> bool:
    return True


def _encoded(text: str) -> str:
    """``text`` percent-encoded as UTF-8, with upper-case digits."""
    data = text.encode("utf-8", "surrogatepass")
    return "".join(f"%{byte:02X}" for byte in data)


def _readable(char: str, fits: Fits) -> bool:
    """Whether a character that is not ASCII may be printed as itself."""
    if unicodedata.category(char) in _HIDDEN or char in _LOOKALIKES:
        return False
    if unicodedata.bidirectional(char) in _RIGHT_TO_LEFT:
        return False
    if unicodedata.name(char, "").startswith("VARIATION SELECTOR"):
        return False
    compatible = unicodedata.normalize("NFKC", char)
    if any(c in _DELIMITERS for c in compatible):
        return False
    return fits(char)


# -- the link target --------------------------------------------------------


def _ascii_label(label: str) -> str:
    if label.isascii():
        return label
    try:
        return idna.encode(label, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        # not a valid name: percent-encoded as any other part (RFC 3986's
        # reg-name allows it), which the reader's browser rejects alike
        return _ascii_part(label)


def _ascii_host(host: str) -> str:
    # label by label, as printed (see _printed_host): one bad label leaves
    # the others readable
    return ".".join(_ascii_label(label) for label in host.split("."))


def _ascii_part(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c if c.isascii() else _encoded(c) for c in text)


def uri_from_iri(iri: str) -> str:
    """``iri`` as an ASCII URI: the host in IDNA (punycode), every other
    character that is not ASCII percent-encoded as UTF-8.

    ASCII is left as written, percent-encoded or not, so that the URI means
    what the IRI means; an ASCII URI is returned unchanged.

    :param iri: an address as the data writes it.
    :return: the same address, in ASCII.
    """
    if iri.isascii():
        return iri
    match = _AUTHORITY.fullmatch(iri)
    if match is None:
        return _ascii_part(iri)
    scheme, userinfo, host, rest = match.groups()
    return scheme + _ascii_part(userinfo or "") + _ascii_host(host) + _ascii_part(rest)


# -- the printed address ----------------------------------------------------


def _script(char: str) -> str:
    """A character's script, near enough to tell a mixed label: the first
    word of its name (LATIN, CYRILLIC, CJK, HIRAGANA...); "" for the
    characters every script uses (digits, the hyphen, marks)."""
    if char.isascii() and not char.isalpha():
        return ""
    if unicodedata.category(char)[0] == "M":
        return ""
    name = unicodedata.name(char, "")
    word = name.split(" ", 1)[0]
    # Japanese writes its names in kanji and both kana; Korean in hangul and
    # hanja; Chinese may add bopomofo
    return {
        "HIRAGANA": "CJK",
        "KATAKANA": "CJK",
        "KATAKANA-HIRAGANA": "CJK",
        "HANGUL": "CJK",
        "BOPOMOFO": "CJK",
    }.get(word, word)


def _printed_label(label: str, fits: Fits) -> str:
    """One label of a host, as printed: in its own characters when that is
    safe, else as its A-label (``xn--...``)."""
    if label.isascii() and not label.lower().startswith("xn--"):
        return label
    if "%" in label:  # not a name: its escapes printed as written
        return _printed_chars(label, fits, "", [])[1]
    try:
        ascii_label = idna.encode(label, uts46=True).decode("ascii")
        unicode_label = idna.decode(ascii_label)
    except (idna.IDNAError, UnicodeError, ValueError):
        return label if label.isascii() else _ascii_part(label)
    scripts = {_script(c) for c in unicode_label} - {""}
    lookalike = scripts == {"CYRILLIC"} and all(
        c in _LATIN_LOOKALIKES or not c.isalpha() for c in unicode_label
    )
    readable = all(c.isascii() or _readable(c, fits) for c in unicode_label)
    if len(scripts) > 1 or lookalike or not readable:
        return label if label.isascii() else ascii_label
    return unicode_label


def _printed_host(host: str, fits: Fits) -> str:
    if host.isascii() and "xn--" not in host.lower():
        return host
    if host.startswith("["):  # an IP literal, valid or not
        return _printed_chars(host, fits, "", [])[1]
    return ".".join(_printed_label(label, fits) for label in host.split("."))


def _decoded_run(run: str, fits: Fits, previous: str) -> tuple[str, str]:
    """A run of ``%XX`` escapes, with its readable characters decoded.

    :param previous: the character printed just before, or "" if it was
        encoded: a combining mark is decoded only after a letter or mark.
    :return: the printed run, and its last character as ``previous``.
    """
    data = bytes.fromhex(run.replace("%", ""))
    triplets = [run[i : i + 3] for i in range(0, len(run), 3)]
    printed: list[str] = []
    index = 0
    while index < len(data):
        lead = data[index]
        size = 2 if lead >> 5 == 0b110 else 3 if lead >> 4 == 0b1110 else 4
        char = ""
        if 0xC2 <= lead <= 0xF4:
            try:
                char = data[index : index + size].decode("utf-8")
            except UnicodeDecodeError:
                char = ""
        if len(char) == 1 and _shown(char, fits, previous):
            printed.append(char)
            previous = char
            index += size
        else:
            printed.append(triplets[index])
            previous = ""
            index += 1
    return "".join(printed), previous


def _shown(char: str, fits: Fits, previous: str) -> bool:
    """Whether a character that is not ASCII is printed as itself."""
    # a mark alone would combine with the delimiter before it (a slash
    # struck through), so it is shown only after a letter or another mark
    if unicodedata.category(char)[0] == "M" and (
        not previous or unicodedata.category(previous)[0] not in "LM"
    ):
        return False
    return _readable(char, fits)


def _printed_part(text: str, fits: Fits) -> str:
    if "%" not in text and text.isascii():
        return text
    printed: list[str] = []
    previous = ""
    position = 0
    for run in _ESCAPES.finditer(text):
        before = text[position : run.start()]
        previous, _ = _printed_chars(before, fits, previous, printed)
        decoded, previous = _decoded_run(run.group(), fits, previous)
        printed.append(decoded)
        position = run.end()
    return _printed_chars(text[position:], fits, previous, printed)[1]


def _printed_chars(
    text: str, fits: Fits, previous: str, printed: list[str]
) -> tuple[str, str]:
    """Append the characters of ``text`` as printed (escapes as written).

    :return: the last character printed (see :func:`_decoded_run`), and
        all that ``printed`` holds, joined.
    """
    for char in text:
        if char.isascii() or _shown(char, fits, previous):
            printed.append(char)
            previous = char
        else:
            printed.append(_encoded(char))
            previous = ""
    return previous, "".join(printed)


def printed_iri(uri: str, fits: Fits = _everything) -> str:
    """The address ``uri`` as a reader should see it printed.

    Escapes of characters that are not ASCII are decoded, and an IDNA host
    is shown in its own script, where that is safe to read and ``fits``
    says the output can print the characters; everything else is left as
    written, or percent-encoded if written raw. :func:`uri_from_iri` of the
    result is the URI of ``uri`` (with the host in lower case and escapes
    in upper case).

    :param uri: an address, encoded (a URI) or not (an IRI).
    :param fits: whether the output can print a character; by default,
        every character can.
    """
    if "%" not in uri and uri.isascii() and "xn--" not in uri.lower():
        return uri
    match = _AUTHORITY.fullmatch(uri)
    if match is None:
        return _printed_part(uri, fits)
    scheme, userinfo, host, rest = match.groups()
    return (
        scheme
        + _printed_part(userinfo or "", fits)
        + _printed_host(host, fits)
        + _printed_part(rest, fits)
    )
