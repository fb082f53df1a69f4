"""Every output shows every character: language names and printed addresses.

The pure functions first: the printed IRI of an address (a table of cases,
the attacks, and a Hypothesis round trip: the printed address encodes back
to the same URI), the repertoires of the LaTeX engines, and the language
names chosen from them. Then each table is checked against the engine it
describes, by typesetting every character of it; and ``roots/test-printing``
is built with pdfLaTeX, XeLaTeX, LuaLaTeX, XeLaTeX with xeCJK (Sphinx's
setup for Chinese) and upLaTeX, compiled where the engine is installed, and
read back with ``pdftotext``; and in the text, man and Texinfo builders.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sphinx_readinglist.cards.labels import language_name, printed_language_name
from sphinx_readinglist.data.iri import printed_iri, uri_from_iri
from sphinx_readinglist.text.repertoire import (
    CJK,
    PDFLATEX_T1,
    UNICODE_FREEFONT,
    Repertoire,
    latex_repertoire,
)

from ._sphinx import ROOTS, build, build_copy, page, write_project
from ._tools import latexmk_pdf, missing_tool, require_tool

ROOT = ROOTS / "test-printing"

PDFLATEX = latex_repertoire("pdflatex")
XELATEX = latex_repertoire("xelatex")
XELATEX_CJK = latex_repertoire("xelatex", r"\usepackage{xeCJK}")

# -- the printed address ---------------------------------------------------------

ZH_ENCODED = "https://zh.wikipedia.org/wiki/%E6%B7%B1%E5%BA%A6%E5%AD%A6%E4%B9%A0"
ZH = "https://zh.wikipedia.org/wiki/深度学习"
RU = "https://ru.wikipedia.org/wiki/Глубокое_обучение"
RU_ENCODED = (
    "https://ru.wikipedia.org/wiki/%D0%93%D0%BB%D1%83%D0%B1%D0%BE%D0%BA%D0%BE%D0%B5"
    "_%D0%BE%D0%B1%D1%83%D1%87%D0%B5%D0%BD%D0%B8%D0%B5"
)
FR_ENCODED = "https://fr.wikipedia.org/wiki/R%C3%A9seau"

PRINTED = [
    # (address, printed with every character, printed by pdfLaTeX)
    (ZH_ENCODED, ZH, ZH_ENCODED),
    (ZH, ZH, ZH_ENCODED),
    (RU_ENCODED, RU, RU_ENCODED),
    (FR_ENCODED, "https://fr.wikipedia.org/wiki/Réseau", "https://fr.wikipedia.org/wiki/Réseau"),
    ("https://fr.wikipedia.org/wiki/r%c3%a9seau", "https://fr.wikipedia.org/wiki/réseau", "https://fr.wikipedia.org/wiki/réseau"),
    # IDNA hosts: decoded, or kept as punycode where the fonts lack the script
    ("https://xn--fsqu00a.xn--0zwm56d/", "https://例子.测试/", "https://xn--fsqu00a.xn--0zwm56d/"),
    ("https://例子.测试/路径?q=值#片段", "https://例子.测试/路径?q=值#片段", "https://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84?q=%E5%80%BC#%E7%89%87%E6%AE%B5"),
    ("https://例子。测试/", "https://例子.测试/", "https://xn--fsqu00a.xn--0zwm56d/"),
    ("https://xn--strae-oqa.de/", "https://straße.de/", "https://straße.de/"),
    ("https://user:pa%C3%9F@xn--strae-oqa.de:8080/p", "https://user:paß@straße.de:8080/p", "https://user:paß@straße.de:8080/p"),
    ("mailto:jos%C3%A9@example.org", "mailto:josé@example.org", "mailto:josé@example.org"),
    # nothing to decode: the address as written
    ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
    ("relative/page.html", "relative/page.html", "relative/page.html"),
    ("https://[2001:db8::1]/%C3%A9", "https://[2001:db8::1]/é", "https://[2001:db8::1]/é"),
    # reserved and ASCII characters are never decoded: that would change the address
    ("https://example.org/a%2Fb%3Fc%23d%25e%20f%41", "https://example.org/a%2Fb%3Fc%23d%25e%20f%41", "https://example.org/a%2Fb%3Fc%23d%25e%20f%41"),
    # bytes that are not UTF-8 stay encoded
    ("https://example.org/%FF%C3%28%E6%B7", "https://example.org/%FF%C3%28%E6%B7", "https://example.org/%FF%C3%28%E6%B7"),
    ("https://example.org/%ED%A0%80", "https://example.org/%ED%A0%80", "https://example.org/%ED%A0%80"),
]  # fmt: skip

ATTACKS = [
    # a right-to-left override reverses what follows: "exe.gpj" reads "jpg.exe"
    ("https://example.org/%E2%80%AEgpj.exe", "https://example.org/%E2%80%AEgpj.exe"),
    ("https://example.org/\u202egpj.exe", "https://example.org/%E2%80%AEgpj.exe"),
    ("https://example.org/\u2067x\u2069", "https://example.org/%E2%81%A7x%E2%81%A9"),
    # letters written right to left reorder the address around them
    ("https://ar.wikipedia.org/wiki/%D8%AA%D8%B9%D9%84%D9%85", "https://ar.wikipedia.org/wiki/%D8%AA%D8%B9%D9%84%D9%85"),
    ("https://he.wikipedia.org/wiki/שלום/1", "https://he.wikipedia.org/wiki/%D7%A9%D7%9C%D7%95%D7%9D/1"),
    # invisible characters
    ("https://example.org/a%E2%80%8Bb", "https://example.org/a%E2%80%8Bb"),
    ("https://example.org/a\u200bb\ufeff", "https://example.org/a%E2%80%8Bb%EF%BB%BF"),
    ("https://example.org/%C2%AD%C2%A0%E3%80%80", "https://example.org/%C2%AD%C2%A0%E3%80%80"),
    ("https://example.org/%E3%85%A4%E2%A0%80", "https://example.org/%E3%85%A4%E2%A0%80"),
    ("https://example.org/a%EF%B8%8F", "https://example.org/a%EF%B8%8F"),
    # controls
    ("https://example.org/%C2%85%C2%9B", "https://example.org/%C2%85%C2%9B"),
    # characters that look like delimiters: "evil.com" then a full-width
    # solidus is not a host and a path
    ("https://example.org/evil.com%EF%BC%8Fpath", "https://example.org/evil.com%EF%BC%8Fpath"),
    ("https://example.org/evil.com%E2%88%95path", "https://example.org/evil.com%E2%88%95path"),
    ("https://example.org/%EF%BC%9F%EF%BC%83%EF%BC%A0%EF%BC%8E", "https://example.org/%EF%BC%9F%EF%BC%83%EF%BC%A0%EF%BC%8E"),
    # a combining mark after a delimiter would strike through it
    ("https://example.org/%CC%B8x/a%CC%81", "https://example.org/%CC%B8x/a\u0301"),
    ("https://example.org/e%CC%81", "https://example.org/e\u0301"),
    # hosts: a Cyrillic name that looks Latin, mixed scripts, a right-to-left name
    ("https://xn--80ak6aa92e.com/", "https://xn--80ak6aa92e.com/"),
    ("https://xn--pple-43d.com/", "https://xn--pple-43d.com/"),
    ("https://xn--mgbh0fb.xn--kgbechtv/", "https://xn--mgbh0fb.xn--kgbechtv/"),
    # not valid IDNA: printed (and linked) percent-encoded
    ("https://example.com\u2215evil.org/", "https://example.com%E2%88%95evil.org/"),
    ("https://xn--n3h.com/", "https://xn--n3h.com/"),
    # ... while a Cyrillic name that is not all lookalikes is decoded
    ("https://xn--d1acpjx3f.xn--p1ai/", "https://яндекс.рф/"),
]  # fmt: skip


@pytest.mark.parametrize(("uri", "printed", "printed_pdflatex"), PRINTED)
def test_printed_iri(uri: str, printed: str, printed_pdflatex: str) -> None:
    assert printed_iri(uri) == printed
    assert printed_iri(uri, PDFLATEX.fits) == printed_pdflatex
    assert _same(uri_from_iri(printed), uri_from_iri(uri))


@pytest.mark.parametrize(("uri", "printed"), ATTACKS)
def test_printed_iri_refuses_what_misleads(uri: str, printed: str) -> None:
    assert printed_iri(uri) == printed
    assert _same(uri_from_iri(printed), uri_from_iri(uri))


@pytest.mark.parametrize(
    ("iri", "uri"),
    [
        (ZH, ZH_ENCODED),
        (ZH_ENCODED, ZH_ENCODED),
        (
            "https://例子.测试/路径",
            "https://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84",
        ),
        # label by label: an ASCII label as written, a bad one percent-encoded
        ("https://Straße.DE/", "https://xn--strae-oqa.DE/"),
        ("https://例子..测试/", "https://xn--fsqu00a..xn--0zwm56d/"),
        ("https://例子.a\u2215b/", "https://xn--fsqu00a.a%E2%88%95b/"),
        ("mailto:josé@example.org", "mailto:jos%C3%A9@example.org"),
        ("https://example.org/\u202egpj", "https://example.org/%E2%80%AEgpj"),
        ('https://example.org/a b"<>', 'https://example.org/a b"<>'),
        ("/é", "/%C3%A9"),
    ],
)
def test_uri_from_iri(iri: str, uri: str) -> None:
    assert uri_from_iri(iri) == uri


def test_printed_iri_of_odd_input() -> None:
    # a huge address is decoded in one pass
    huge = "https://example.org/" + "%E6%B7%B1" * 100_000
    assert printed_iri(huge) == "https://example.org/" + "深" * 100_000
    assert uri_from_iri(printed_iri(huge)) == huge
    # a lone surrogate (YAML can write one as an escape) stays encoded
    assert printed_iri("https://example.org/\ud800") == "https://example.org/%ED%A0%80"
    assert uri_from_iri("https://example.org/\ud800") == "https://example.org/%ED%A0%80"
    # a huge label is no name: printed and linked percent-encoded
    label = "例" * 100
    assert printed_iri(f"https://{label}.org/") == uri_from_iri(f"https://{label}.org/")
    # decoding never adds LaTeX or HTML markup: only letters that are not ASCII
    markup = "https://example.org/%5C%7B%7D%24%26%3C%3E%22%27"
    assert printed_iri(markup) == markup


def _same(a: str, b: str) -> bool:
    """Whether two URIs are the same: escapes' hex and the host's case aside."""
    return _normal(a) == _normal(b)


def _normal(uri: str) -> str:
    uri = re.sub(r"%[0-9a-fA-F]{2}", lambda m: m.group().upper(), uri)
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*://)([^/?#]*)(.*)", uri, re.DOTALL)
    if match:
        head, authority, rest = match.groups()
        uri = head + authority.lower() + rest
    return uri


# addresses of every kind: escapes of bytes and of characters, characters of
# any script (controls, marks, right-to-left and invisible ones included),
# delimiters; hosts in ASCII, in Unicode, in punycode, or broken
_BYTE_ESCAPE = st.integers(0, 255).map(lambda b: f"%{b:02X}")
_LOWER_ESCAPE = st.integers(0, 255).map(lambda b: f"%{b:02x}")
_CHAR_ESCAPE = st.characters(exclude_categories=("Cs",)).map(
    lambda c: "".join(f"%{b:02X}" for b in c.encode("utf-8"))
)
_CHAR = st.characters(exclude_categories=("Cs",))
_DELIMITER = st.sampled_from(list("/?#&=.:@-_~%"))
_PART = st.lists(
    st.one_of(_BYTE_ESCAPE, _LOWER_ESCAPE, _CHAR_ESCAPE, _CHAR, _DELIMITER),
    max_size=10,
).map("".join)
_LABEL = st.one_of(
    st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=5),
    st.sampled_from(
        ["xn--fsqu00a", "XN--0ZWM56D", "xn--80ak6aa92e", "xn--n3h", "xn--"]
    ),
)
_HOST = st.lists(_LABEL, min_size=1, max_size=3).map(".".join)
_URI = st.one_of(
    st.builds(
        lambda scheme, host, part: f"{scheme}://{host}/{part}",
        st.sampled_from(["http", "https", "ftp"]),
        _HOST,
        _PART,
    ),
    _PART.map(lambda part: f"mailto:{part}"),
    _PART,
)
_FITS = {"every character": None, "pdflatex": PDFLATEX, "xelatex": XELATEX}


@settings(max_examples=400, deadline=None, database=None)
@given(uri=_URI, output=st.sampled_from(sorted(_FITS)))
@example(uri="https://例子.测试/%e6%b7%b1", output="pdflatex")
@example(uri="https://a.xn--80ak6aa92e.com/%CC%81", output="every character")
def test_a_printed_address_encodes_back_to_the_same_uri(uri: str, output: str) -> None:
    repertoire = _FITS[output]
    printed = printed_iri(uri, repertoire.fits) if repertoire else printed_iri(uri)
    encoded = uri_from_iri(uri)
    assert encoded.isascii()
    assert _same(uri_from_iri(printed), encoded)
    for char in printed:
        if char.isascii():
            continue
        assert repertoire is None or char in repertoire, (printed, char)
        assert unicodedata.category(char) not in ("Cc", "Cf", "Co", "Cn", "Zs")
        assert unicodedata.bidirectional(char) not in ("R", "AL", "RLO", "LRO")


# -- the repertoires and language names --------------------------------------------


@pytest.mark.parametrize(
    ("repertoire", "inside", "outside"),
    [
        (PDFLATEX, "éßŒœł€\u2013“”", "中дλש\u0301"),
        (latex_repertoire("pdflatex", r"\usepackage[T2A,T1]{fontenc}"), "дЖё", "中λ"),
        (latex_repertoire("pdflatex", cyrillic=True), "дЖё", "中λ"),
        (latex_repertoire("pdflatex", r"\usepackage[LGR,T1]{fontenc}"), "λΩά", "中д"),
        (XELATEX, "éдλǅḁ\u0301", "中日한ש"),
        (latex_repertoire("lualatex"), "éдλ", "中"),
        (XELATEX_CJK, "中文日本例子。习", "한ש\uff71\u3400語"),
        (latex_repertoire("lualatex", r"\usepackage{ctex}"), "中文", "한"),
        (
            latex_repertoire("lualatex", r"\usepackage{luatexja-fontspec}"),
            "日本語",
            "한习",
        ),
        (latex_repertoire("xelatex", r"\usepackage{luatexja}"), "é", "日"),
        (latex_repertoire("uplatex"), "日本語深度学", "习测试"),
        (latex_repertoire("platex"), "日本語", "习"),
    ],
)
def test_repertoires(repertoire: Repertoire, inside: str, outside: str) -> None:
    assert repertoire.covers(inside)
    for char in outside:
        assert char not in repertoire, char
    assert "ab" not in repertoire  # one character at a time


def test_a_package_named_alike_is_not_a_cjk_package() -> None:
    for setup in (r"\usepackage{xeCJKfoo}", r"\usepackage{myctex}", "% T2Ax LGRx"):
        assert latex_repertoire("xelatex", setup) == XELATEX
        assert latex_repertoire("pdflatex", setup) == PDFLATEX


@pytest.mark.parametrize(
    ("code", "repertoire", "language", "name"),
    [
        ("zh", PDFLATEX, "en", "Chinese"),
        ("zh", PDFLATEX, "fr", "chinois"),
        ("ru", PDFLATEX, "fr", "russe"),
        ("fr", PDFLATEX, "en", "français"),
        ("pt-BR", PDFLATEX, "en", "português (Brasil)"),
        ("zh", XELATEX, "en", "Chinese"),
        ("ru", XELATEX, "en", "русский"),
        ("he", XELATEX, "en", "Hebrew"),
        ("zh", XELATEX_CJK, "en", "中文"),
        ("ko", XELATEX_CJK, "fr", "coréen"),
        # a document language that the fonts lack falls back to English
        ("zh", PDFLATEX, "ru", "Chinese"),
        ("zh", PDFLATEX, "xx", "Chinese"),
        ("zh", PDFLATEX, None, "Chinese"),
        # a code babel does not know is shown as written
        ("qaa", PDFLATEX, "en", "qaa"),
    ],
)
def test_printed_language_names(
    code: str, repertoire: Repertoire, language: str | None, name: str
) -> None:
    assert printed_language_name(code, repertoire.covers, language) == name


def test_language_names_in_a_language() -> None:
    assert language_name("zh") == "中文"
    assert language_name("zh", "en") == "Chinese"
    assert language_name("zh", "pt_BR") == "chinês"
    assert language_name("zh", "und") == "中文"  # no such reader: its own name
    assert language_name("und", "en") == "und"


# -- the tables, measured -------------------------------------------------------------


def _characters(ranges: tuple[tuple[int, int], ...]) -> list[str]:
    """The visible characters of ``ranges`` that are not ASCII."""
    chars = (chr(p) for start, end in ranges for p in range(start, end + 1))
    return [
        c for c in chars if not c.isascii() and unicodedata.category(c)[0] not in "CZ"
    ]


def _every_character_page(chars: list[str]) -> str:
    """A page typesetting each character in text and in an inline literal."""
    shown = [f"a{c}" if unicodedata.category(c)[0] == "M" else c for c in chars]
    lines = [" ".join(shown[i : i + 12]) for i in range(0, len(shown), 12)]
    body = "\n\n".join(f"{line}\n\n``{line}``" for line in lines)
    return f"Characters\n==========\n\n{body}\n"


def _lost_characters(log: str) -> list[str]:
    return re.findall(r"Missing character: There is no (.*?) in font", log)


def _engine(name: str, *packages: str) -> None:
    """Skip (fail, in CI) unless LaTeX engine ``name`` and ``packages`` are there."""
    require_tool(name)
    kpsewhich = require_tool("kpsewhich")
    for package in packages:
        found = subprocess.run(
            [kpsewhich, package], capture_output=True, text=True, check=False
        )
        if not found.stdout.strip():
            missing_tool(package, f"the {name} tests need {package} (TeX Live)")


@pytest.mark.parametrize(
    ("engine", "ranges", "packages"),
    [
        pytest.param("pdflatex", PDFLATEX_T1, (), id="pdflatex"),
        pytest.param("xelatex", UNICODE_FREEFONT, (), id="xelatex"),
        pytest.param("lualatex", UNICODE_FREEFONT, ("luatex85.sty",), id="lualatex"),
    ],
)
def test_every_character_of_a_table_is_typeset(
    tmp_path: Path,
    engine: str,
    ranges: tuple[tuple[int, int], ...],
    packages: tuple[str, ...],
) -> None:
    """Each table holds only characters its engine prints, with Sphinx's fonts."""
    require_tool("latexmk")
    _engine(engine, *packages)
    srcdir = write_project(
        tmp_path / "src",
        {"index.rst": _every_character_page(_characters(ranges))},
        conf=f"project = 'chars'\nlatex_engine = {engine!r}\n",
    )
    outdir, warnings = _build(srcdir, "latex")
    assert warnings == []
    log = latexmk_pdf(next(outdir.glob("*.tex")))
    assert _lost_characters(log) == []


def test_cjk_table_is_typeset_with_xecjk(tmp_path: Path) -> None:
    """The CJK table with xeCJK, as Sphinx sets it up for Chinese: the
    characters of GB 2312, which xeCJK's default Fandol fonts hold."""
    require_tool("latexmk")
    _engine("xelatex", "xeCJK.sty", "ctexhook.sty")
    assert "\uff71" not in XELATEX_CJK  # a half-width katakana: not GB 2312
    # every kana, punctuation and full-width form, and a fifth of the hanzi
    chars = [
        c
        for c in _characters(CJK)
        if c in XELATEX_CJK and (not 0x4E00 <= ord(c) <= 0x9FFF or ord(c) % 5 == 0)
    ]
    assert len(chars) > 1500
    srcdir = write_project(
        tmp_path / "src",
        {"index.rst": _every_character_page(chars)},
        conf="project = 'chars'\nlanguage = 'zh_CN'\n",
    )
    outdir, warnings = _build(srcdir, "latex")
    assert warnings == []
    log = latexmk_pdf(next(outdir.glob("*.tex")))
    assert _lost_characters(log) == []


# -- real builds --------------------------------------------------------------------

#: Each card's language names, as every output but LaTeX prints them.
NATIVE = ["中文", "русский", "français", "Ελληνικά", "日本語"]


def _build(srcdir: Path, builder: str, **overrides: object) -> tuple[Path, list[str]]:
    return build(srcdir, builder, confoverrides=overrides)


def _latex(tmp_path: Path, **overrides: object) -> tuple[Path, str]:
    outdir, warnings = build_copy(
        ROOT, tmp_path / "src", "latex", confoverrides=overrides
    )
    assert warnings == []
    tex = next(outdir.glob("*.tex"))
    return tex, tex.read_text(encoding="utf-8")


def _pdf_text(tex: Path) -> str:
    """Compile ``tex``; return the PDF's text, without spaces or line breaks
    (pdftotext breaks long addresses, and spaces CJK glyphs apart)."""
    pdftotext = require_tool("pdftotext")
    log = latexmk_pdf(tex)
    assert _lost_characters(log) == []
    text = subprocess.run(
        [pdftotext, str(tex.with_suffix(".pdf")), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return _flat(text)


def _flat(text: str) -> str:
    return "".join(text.split())


def _link_targets(tex: str) -> list[str]:
    return re.findall(r"\\sphinx(?:href|url|nolinkurl)\{([^}]*)\}", tex)


def _assert_ascii_targets(tex: str) -> None:
    targets = _link_targets(tex)
    assert targets
    for target in targets:
        assert target.isascii(), target


#: What every LaTeX build prints, whatever its fonts: the attacks encoded,
#: the reserved characters encoded, the Latin addresses decoded.
EVERY_PDF = [
    "https://example.org/%E2%80%AEgpj.exe",
    "https://example.org/evil.com%EF%BC%8Fpath",
    "https://xn--80ak6aa92e.com/",
    "https://example.org/a%2Fb%3Fc%23d%25e",
    "https://fr.wikipedia.org/wiki/Réseau_de_neurones_artificiels",
    "https://fr.wikipedia.org/wiki/Apprentissage_profond#Réseaux",
    "josé@example.org",
]


@pytest.mark.parametrize("show_urls", ["no", "footnote", "inline"])
def test_pdflatex_prints_what_its_fonts_have(tmp_path: Path, show_urls: str) -> None:
    """The issue: pdfLaTeX stopped at 中 ("not set up for use with LaTeX")."""
    require_tool("latexmk")
    tex, source = _latex(tmp_path, latex_show_urls=show_urls)
    assert "中" not in source and "д" not in source
    _assert_ascii_targets(source)
    text = _pdf_text(tex)
    assert _flat("Translations: Chinese") in text
    assert "Russian" in text and "Greek" in text and "français" in text
    assert "Japanese" in text
    for address in [*EVERY_PDF, ZH_ENCODED, RU_ENCODED]:
        assert _flat(address) in text, address
    # the CJK host stays in punycode
    assert "https://xn--fsqu00a.xn--0zwm56d/" in text


def test_pdflatex_names_languages_in_the_documents_language(tmp_path: Path) -> None:
    require_tool("latexmk")
    tex, _source = _latex(tmp_path, language="fr")
    text = _pdf_text(tex)
    assert _flat("Traductions : chinois") in text
    assert "russe" in text and "japonais" in text


@pytest.mark.parametrize(
    ("engine", "packages", "show_urls"),
    [
        pytest.param("xelatex", (), "no", id="xelatex"),
        pytest.param("xelatex", (), "footnote", id="xelatex-footnote"),
        pytest.param("lualatex", ("luatex85.sty",), "no", id="lualatex"),
    ],
)
def test_unicode_engines_print_cyrillic_and_greek(
    tmp_path: Path, engine: str, packages: tuple[str, ...], show_urls: str
) -> None:
    """XeLaTeX printed no glyph for 中 ("Missing character" in the log)."""
    require_tool("latexmk")
    _engine(engine, *packages)
    tex, source = _latex(tmp_path, latex_engine=engine, latex_show_urls=show_urls)
    _assert_ascii_targets(source)
    assert "中" not in source
    text = _pdf_text(tex)
    assert _flat("Translations: Chinese") in text
    assert "русский" in text and "Ελληνικά" in text
    for address in [*EVERY_PDF, RU, ZH_ENCODED]:
        assert _flat(address) in text, address


def test_xecjk_prints_chinese(tmp_path: Path) -> None:
    """Sphinx's setup for Chinese (XeLaTeX, xeCJK) prints the CJK names and
    addresses in their own characters."""
    require_tool("latexmk")
    _engine("xelatex", "xeCJK.sty", "ctexhook.sty")
    tex, source = _latex(tmp_path, language="zh_CN")
    assert r"\usepackage{xeCJK}" in source
    _assert_ascii_targets(source)
    text = _pdf_text(tex)
    # 日本語 has 語, which GB 2312 lacks: the Japanese name in Chinese
    chinese = ["中文", "русский", "français", "Ελληνικά", "日语"]
    for shown in [*chinese, ZH, "https://例子.测试/路径?q=值#片段", *EVERY_PDF]:
        assert _flat(shown) in text, shown


def test_uplatex_keeps_japanese_and_names_the_rest(tmp_path: Path) -> None:
    """Sphinx's setup for Japanese (upLaTeX): JIS characters print, others
    (simplified 习, Cyrillic in the Latin font) do not. Only the LaTeX is
    checked: upLaTeX's fonts are not part of the tested setup."""
    _tex, source = _latex(tmp_path, language="ja")
    assert "ujbook" in source
    assert "日本語" in source
    assert "Глубокое" not in source
    # 深度学习 has 习, which JIS lacks; 深層学習 is all JIS
    assert "深度学习" not in source
    assert "https://ja.wikipedia.org/wiki/深層学習" in source
    _assert_ascii_targets(source)


def test_html_keeps_native_names_and_the_data_addresses(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "html")
    assert warnings == []
    card = page(outdir).select_one("article#translated")
    assert card is not None
    names = [a.get_text() for a in card.select(".readinglist-translations a")]
    assert names == ["中文", "русский", "français", "Ελληνικά"]
    hrefs = [a["href"] for a in card.select(".readinglist-translations a")]
    assert hrefs[0] == ZH


def test_text_prints_readable_addresses(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "text")
    assert warnings == []
    text = _flat((outdir / "index.txt").read_text(encoding="utf-8"))
    for shown in [*NATIVE[:4], ZH, RU, "https://例子.测试/路径?q=值#片段", *EVERY_PDF]:
        assert _flat(shown) in text, shown
    assert "\u202e" not in text


@pytest.mark.parametrize("show_urls", ["footnote", "no"])
def test_texinfo_prints_readable_addresses(tmp_path: Path, show_urls: str) -> None:
    outdir, warnings = build_copy(
        ROOT,
        tmp_path / "src",
        "texinfo",
        confoverrides={"texinfo_show_urls": show_urls},
    )
    assert warnings == []
    texi = next(outdir.glob("*.texi")).read_text(encoding="utf-8")
    assert ZH in texi and RU in texi
    assert "https://例子.测试/" in texi
    assert "%E2%80%AEgpj" in texi and "\u202e" not in texi


def test_man_prints_readable_addresses(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "man")
    assert warnings == []
    man = next(outdir.glob("*.1")).read_text(encoding="utf-8")
    assert "\u202e" not in man
    # the address is printed by docutils 0.22's writer, the target is an OSC 8
    # hyperlink before: both read it from the link
    assert "深度学习" in man.replace("\\:", "")


def test_no_card_no_change(tmp_path: Path) -> None:
    """Links outside cards are the builder's: printed as they always were."""
    srcdir = write_project(
        tmp_path / "src",
        {"index.rst": f"Page\n====\n\nSee `this <{ZH}>`_.\n"},
        conf="extensions = ['sphinx_readinglist']\nproject = 'p'\n",
    )
    outdir, warnings = _build(srcdir, "latex", latex_engine="xelatex")
    assert warnings == []
    tex = next(outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxhref{https://zh.wikipedia.org/wiki/深度学习}" in tex
