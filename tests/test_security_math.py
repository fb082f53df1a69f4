"""Math from the data: kept from MathJax outside formulas, TeX to an allowlist,
labels off the page.

``roots/test-sec-math`` shows, on an rST page and on a MyST page that both
number equations of their own, entries whose plain fields hold MathJax
delimiters around ``\\href``, descriptions with real math, refused TeX, and
labels.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_readinglist.text.tex import (
    MATH_COMMANDS,
    MATHJAX_IGNORE,
    MATHJAX_PROCESS,
    refused_tex,
    unnumbered,
    without_labels,
)

from ._sphinx import ROOTS, build_copy
from ._tools import require_tool

ROOT = ROOTS / "test-sec-math"
IGNORE = set(MATHJAX_IGNORE)
PROCESS = set(MATHJAX_PROCESS)
#: What MathJax processes once MyST's dollarmath has set processHtmlClass.
MYST_PROCESS = {*PROCESS, "math", "output_area"}

_REFUSED = (
    "is not allowed, since only common math commands are accepted (others "
    "can read files in a LaTeX build or make links in a web page), and is "
    "shown as text; write the formula without it, or set "
    "readinglist_trust_markup = True [readinglist.unsafe]"
)
_LABEL = (
    "labels are not supported in reading-list text; the label {} was left "
    "out; refer to the equation in words [readinglist.markup]"
)
_NUMBER = (
    "equation numbers are not supported in reading-list text; the environment "
    "align is shown unnumbered; write align* instead [readinglist.markup]"
)

#: (file:line, message) of every math warning of the root.
EXPECTED = [
    ("rst.yaml:19", rf"description of entry 'Refused TeX': math using '\InputIfFileExists' {_REFUSED}"),
    ("rst.yaml:20", rf"description of entry 'Refused TeX': math using '\VerbatimInput' {_REFUSED}"),
    ("rst.yaml:24", rf"description of entry 'Refused TeX': math using '%' {_REFUSED}"),
    ("rst.yaml:26", rf"description of entry 'Refused TeX': math using '\catcode' {_REFUSED}"),
    ("rst.yaml:26", rf"description of entry 'Refused TeX': math using '^^' {_REFUSED}"),
    ("rst.yaml:26", rf"description of entry 'Refused TeX': math using '{{' {_REFUSED}"),
    ("rst.yaml:26", rf"description of entry 'Refused TeX': math using '\begin{{verbatim}}' {_REFUSED}"),
    ("rst.yaml:30", "description of entry 'Labels': " + _LABEL.format("'euler'")),
    ("rst.yaml:33", "description of entry 'Labels': " + _LABEL.format("'other'")),
    ("rst.yaml:36", "description of entry 'Labels': " + _LABEL.format("'pythagoras'")),
    ("myst.yaml:13", rf"description of entry 'Refused TeX': math using '\InputIfFileExists' {_REFUSED}"),
    ("myst.yaml:15", rf"description of entry 'Refused TeX': math using '\VerbatimInput' {_REFUSED}"),
    ("myst.yaml:18", rf"description of entry 'Refused TeX': math using '\input' {_REFUSED}"),
    ("myst.yaml:23", "description of entry 'Labels': " + _LABEL.format("'p-euler'")),
    ("myst.yaml:25", "description of entry 'Labels': " + _LABEL.format("'p-pythagoras'")),
    ("myst.yaml:25", "description of entry 'Labels': " + _NUMBER),
]  # fmt: skip

#: What a refused formula tried; none may reach the LaTeX source as TeX.
REFUSED_TEX = (
    r"\InputIfFileExists",
    r"\VerbatimInput",
    r"\input",
    r"\catcode",
    r"^^5c",
    r"\begin{verbatim}",
    r"\href",
    r"\style",
)


@pytest.fixture(scope="module")
def html_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return build_copy(ROOT, tmp_path_factory.mktemp("html") / "src")


@pytest.fixture(scope="module")
def latex_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return build_copy(ROOT, tmp_path_factory.mktemp("latex") / "src", "latex")


def _page(out: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((out / f"{docname}.html").read_text("utf-8"), "html.parser")


def _classes(tag: object) -> set[str]:
    return set(tag.get("class") or [])  # type: ignore[attr-defined]


def _typeset_by_mathjax(tag: object, process: set[str] = MYST_PROCESS) -> bool:
    """Whether MathJax 3 or 4 would read the text of ``tag``: no
    ancestor-or-self ignores it, or a nearer one processes it (as MathJax's
    HTMLDomStrings decides, with ``process`` as processHtmlClass)."""
    node = tag
    while node is not None and getattr(node, "name", None) != "[document]":
        classes = _classes(node)
        if classes & process:
            return True
        if classes & IGNORE:
            return False
        node = node.parent  # type: ignore[attr-defined]
    return True


# -- 1. plain text never reaches MathJax --------------------------------------


@pytest.mark.parametrize("docname", ["index", "page"])
def test_plain_fields_are_skipped_by_mathjax(
    html_build: tuple[Path, list[str]], docname: str
) -> None:
    out, _warnings = html_build
    page = _page(out, docname)
    cards = page.select("article.readinglist-card")
    assert len(cards) == 3
    for card in cards:
        # ignored with the whole list, which carries the classes once
        assert not _typeset_by_mathjax(card)
        assert _classes(card.find_parent("ul")) >= IGNORE
    attack = page.select_one("article#rst-attack, article#myst-attack")
    assert attack is not None
    title = attack.select_one(".readinglist-title")
    assert title is not None
    assert r"$$\href{javascript:alert(1)}{x}$$" in title.get_text()
    assert not _typeset_by_mathjax(title)
    # every text of the card outside its formulas is skipped
    for string in attack.find_all(string=re.compile(r"\$\$|\\\(|\\\[")):
        if "math" not in _classes(string.parent):
            assert not _typeset_by_mathjax(string.parent), string
    # the page's own math is typeset as before, and loads MathJax
    own = page.select_one("span.math")
    assert own is not None and _typeset_by_mathjax(own)
    assert not _classes(own) & PROCESS
    assert any("mathjax" in (s.get("src") or "") for s in page.select("script"))


def test_group_titles_and_other_fields_are_skipped(
    html_build: tuple[Path, list[str]],
) -> None:
    out, _warnings = html_build
    page = _page(out, "index")
    groups = page.select(".readinglist-group")
    assert groups[0].get_text() == r"$$\href{javascript:alert(4)}{t}$$"
    for group in groups:
        assert _classes(group) >= IGNORE
    card = page.select_one("article#rst-attack")
    assert card is not None
    for selector in (
        ".readinglist-author",
        ".readinglist-venue",
        ".readinglist-tag",
        ".readinglist-links a",
    ):
        field = card.select_one(selector)
        assert field is not None and "href{javascript" in field.get_text(), selector
        assert not _typeset_by_mathjax(field), selector


@pytest.mark.parametrize(("docname", "entry"), [("index", "rst"), ("page", "myst")])
def test_description_math_is_still_typeset(
    html_build: tuple[Path, list[str]], docname: str, entry: str
) -> None:
    out, _warnings = html_build
    card = _page(out, docname).select_one(f"article#{entry}-attack")
    assert card is not None
    formulas = card.select(".readinglist-description .math")
    assert len(formulas) == 2
    for formula in formulas:
        assert _classes(formula) >= PROCESS
        assert _typeset_by_mathjax(formula)
    assert r"\frac{\alpha}{\sqrt{2}}" in formulas[0].get_text()
    # the plain text around it is not
    plain = card.select_one(".readinglist-description p")
    assert plain is not None and "href{javascript:alert(6)}" in plain.get_text()
    assert not _typeset_by_mathjax(plain)


def test_filter_controls_are_skipped(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_readinglist"]\n')
    (src / "index.rst").write_text(
        "Page\n====\n\n:math:`x`\n\n.. readinglist::\n   :filter:\n\n"
        "   resources:\n"
        "     - {title: A, tags: ['$$\\href{javascript:alert(1)}{t}$$']}\n"
        "     - {title: B, tags: [b]}\n"
    )
    out, warnings = build_copy(src, tmp_path / "copy")
    assert warnings == []
    placeholder = _page(out, "index").select_one(".readinglist-filter")
    assert placeholder is not None
    assert _classes(placeholder) >= IGNORE
    assert "href{javascript" in str(placeholder["data-readinglist-filter"])


def test_resource_role_title_is_skipped(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_readinglist"]\n')
    (src / "index.rst").write_text(
        "Page\n====\n\n:math:`x` and :resource:`evil`.\n\n.. readinglist::\n\n"
        "   resources:\n"
        "     - {title: '$$\\href{javascript:alert(1)}{x}$$', id: evil}\n"
    )
    out, warnings = build_copy(src, tmp_path / "copy")
    assert warnings == []
    link = _page(out, "index").select_one("p a[href='#evil']")
    assert link is not None and "href{javascript" in link.get_text()
    assert not _typeset_by_mathjax(link.select_one("span"))


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("rst", ".. container:: mathjax_process math tex2jax_process\n\n   $$x$$"),
        ("myst", ":::{container} mathjax_process math\n&#36;&#36;x&#36;&#36;\n:::"),
    ],
)
def test_author_classes_cannot_turn_mathjax_back_on(
    tmp_path: Path, markup: str, text: str
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    # MyST's dollarmath makes "math" a class that MathJax processes
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_readinglist"]\n'
        'myst_enable_extensions = ["dollarmath", "colon_fence"]\n'
    )
    body = "\n".join(f"        {line}" for line in text.splitlines())
    (src / "index.rst").write_text(
        "Page\n====\n\n:math:`x`\n\n.. readinglist::\n\n"
        f"   markup: {markup}\n   resources:\n     - title: A\n"
        f"       description: |\n{body}\n"
    )
    out, _warnings = build_copy(src, tmp_path / "copy")
    description = _page(out, "index").select_one(".readinglist-description")
    assert description is not None and "$$x$$" in description.get_text()
    for tag in description.find_all(True):
        assert not _classes(tag) & {*PROCESS, "math"}, tag
        assert not _typeset_by_mathjax(tag)


# -- 2. TeX from an allowlist --------------------------------------------------


def test_refused_math_is_located_and_shown_as_code(
    html_build: tuple[Path, list[str]],
) -> None:
    out, warnings = html_build
    found = [(w.split(": WARNING: ")[0], w.split(": WARNING: ")[1]) for w in warnings]
    found = [
        (Path(where).name, message)
        for where, message in found
        if "is not linked" not in message  # "javascript:..." in the rST text
    ]
    assert sorted(found) == sorted(EXPECTED)
    for docname, entry in (("index", "rst"), ("page", "myst")):
        card = _page(out, docname).select_one(f"article#{entry}-refused")
        assert card is not None
        assert card.select(".math") == []  # nothing left for MathJax
        code = " ".join(c.get_text() for c in card.select("code, pre"))
        assert r"\InputIfFileExists{/etc/hostname}{}{}" in code
        assert r"\VerbatimInput{/etc/hostname}" in code


def test_latex_holds_no_refused_command(latex_build: tuple[Path, list[str]]) -> None:
    out, _warnings = latex_build
    tex = next(out.glob("*.tex")).read_text("utf-8")
    # the document from the first list on (Sphinx's preamble uses \catcode)
    body = tex[tex.index(r"\begin{sphinxuseclass}{readinglist}") :]
    for command in REFUSED_TEX:
        assert command not in body, command
    # the refused formulas are shown as code, escaped
    assert body.count("hostname") == 6
    assert r"\textbackslash{}InputIfFileExists\{/etc/hostname\}" in body
    # allowed formulas are math, in rST and MyST
    assert r"\(\frac{\alpha}{\sqrt{2}} \le \mathbb{R}\)" in tex
    assert r"\begin{pmatrix} a & b \\ c & d \end{pmatrix} \quad \{x\} \, \%" in tex
    assert r"\sum_{i=1}^n i = \frac{n(n+1)}{2}" in tex
    assert "\\begin{align*}\ny &= 2 \n\\end{align*}" in tex


def test_latex_builds_a_pdf(tmp_path: Path) -> None:
    require_tool("latexmk")
    out, _warnings = build_copy(ROOT, tmp_path / "src", "latex")
    result = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error"],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    text = subprocess.run(
        [require_tool("pdftotext"), next(out.glob("*.pdf")).name, "-"],
        cwd=out,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "/etc/hostname" in text  # the refused formulas, as code
    secret = Path("/etc/hostname")
    if secret.is_file() and len(secret.read_text().strip()) >= 4:
        assert secret.read_text().strip() not in text


def test_trusted_markup_lifts_the_allowlist(tmp_path: Path) -> None:
    out, warnings = build_copy(
        ROOT,
        tmp_path / "src",
        confoverrides={"readinglist_trust_markup": True},
    )
    assert not any("math using" in w for w in warnings), warnings
    card = _page(out, "index").select_one("article#rst-refused")
    assert card is not None
    assert any(r"\catcode" in m.get_text() for m in card.select(".math"))


@pytest.mark.parametrize(
    "formula",
    [
        r"x^2 + y_i",
        r"\frac{a}{b} \cdot \sqrt[3]{x} \le \sum_{i=1}^{n} \int_0^\infty e^{-x}\,dx",
        r"\mathbf{v} \in \mathbb{R}^n, \mathcal{O}(n \log n), \operatorname{tr}(A)",
        r"\left( \begin{array}{cc} 1 & 0 \\ 0 & 1 \end{array} \right) \quad \{ \} \% \# \& \_ \$",
        r"\begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}",
        r"\alpha \to \beta \Rightarrow \hat{\theta} \approx \tilde{x} \; \! \,",
        r"\begin{aligned} a &= b \\ c &= d \end{aligned}",
        r"\lim_{n \to \infty} \left\| x_n \right\| = 0",
    ],
)
def test_common_formulas_are_accepted(formula: str) -> None:
    assert refused_tex(formula) is None


@pytest.mark.parametrize(
    ("formula", "refused"),
    [
        (r"\input{/etc/passwd}", r"\input"),
        (r"\InputIfFileExists{/etc/passwd}{}{}", r"\InputIfFileExists"),
        (r"\VerbatimInput{/etc/passwd}", r"\VerbatimInput"),
        (r"\href{javascript:alert(1)}{x}", r"\href"),
        (r"\style{color:red}{x}", r"\style"),
        (r"\require{html}", r"\require"),
        (r"\unknownmacro x", r"\unknownmacro"),
        (r"x ^^5cinput{/etc/passwd}", "^^"),
        (r"x % \end{split}", "%"),
        (r"x $ \text{y} $", "$"),
        (r"\def\x{y}", r"\def"),
        (r"#1", "#"),
        (r"{x", "{"),
        (r"x}", "}"),
        (r"\begin{verbatim}x\end{verbatim}", r"\begin{verbatim}"),
        (r"\begin{align}x\end{align}", r"\begin{align}"),
        (r"\begin{matrix}x\end{pmatrix}", r"\end{pmatrix}"),
        (r"\begin{matrix}x", r"\begin{matrix}"),
        (r"\begin x", r"\begin"),
        ("x\\", "\\"),
        (r"\(x\)", r"\("),
        ("x\x00", "U+0000"),
        (r"\csname input\endcsname", r"\csname"),
    ],
)
def test_anything_else_is_refused_by_name(formula: str, refused: str) -> None:
    assert refused_tex(formula) == refused


def test_no_wrap_math_is_only_display_environments() -> None:
    align = r"\begin{align*} a &= b \\ c &= d \end{align*}"
    assert refused_tex(align, no_wrap=True) is None
    assert refused_tex(f"{align}\n\n{align}", no_wrap=True) is None
    assert refused_tex(f"x {align}", no_wrap=True) == "x"
    assert refused_tex(f"{align} \\input{{x}}", no_wrap=True) == r"\input"
    assert refused_tex(r"\begin{aligned}x\end{aligned}", no_wrap=True) == (
        r"\begin{aligned}"
    )
    assert refused_tex(r"x^2", no_wrap=True) == "x^2"


def test_refused_names_are_cut() -> None:
    long = "\\" + "a" * 100_000
    shown = refused_tex(long)
    assert shown is not None and len(shown) <= 40 and shown.endswith("...")


def test_cost_grows_linearly() -> None:
    # the checker reads each character once: no backtracking on nesting
    for size in (1_000, 10_000):
        nested = r"\begin{matrix}" * size + "x" + r"\end{matrix}" * size
        assert refused_tex(nested) is None
        assert refused_tex("{" * size + "}" * size) is None


def test_allowlist_is_what_latex_and_mathjax_share() -> None:
    # file, code and style macros of either never made the list
    for name in ("input", "include", "write", "def", "csname", "href", "url",
                 "class", "cssId", "style", "require", "html", "bbox", "label",
                 "catcode", "color", "unicode"):  # fmt: skip
        assert name not in MATH_COMMANDS


def test_labels_and_numbers_helpers() -> None:
    assert without_labels(r"x \label{a} = 1") == ("x  = 1", ["a"])
    assert unnumbered(r"\begin{align}x\end{align}") == (
        r"\begin{align*}x\end{align*}",
        ["align"],
    )


# -- 3. labels stay off the page ----------------------------------------------


@pytest.mark.parametrize("docname", ["index", "page"])
def test_page_equation_numbers_do_not_shift(
    html_build: tuple[Path, list[str]], docname: str
) -> None:
    out, warnings = html_build
    page = _page(out, docname)
    numbers = [e.get_text().strip("¶ ") for e in page.select(".eqno")]
    assert numbers == ["(1)", "(2)"]
    # the numbered equations are the page's own, in its order
    numbered = [e.find_parent("div") for e in page.select(".eqno")]
    assert r"a^2 + b^2 = c^2" in numbered[0].get_text()
    assert r"E = mc^2" in numbered[1].get_text()
    # and :eq: links go to them, not to a card
    refs = [
        a["href"]
        for a in page.select("a.reference.internal")
        if "equation" in a["href"]
    ]
    assert refs and all(not r.startswith("#rst-") and "myst-" not in r for r in refs)
    for card in page.select("article"):
        assert card.select(".eqno") == []
        assert not [t for t in card.find_all(id=True) if "equation" in t["id"]]
    assert not any("duplicate label" in w for w in warnings), warnings
    assert not any(f"{docname}." in w for w in warnings), warnings


def test_latex_numbers_only_the_page_equations(
    latex_build: tuple[Path, list[str]],
) -> None:
    out, warnings = latex_build
    tex = next(out.glob("*.tex")).read_text("utf-8")
    assert tex.count(r"\begin{equation}") == 4  # two per page
    labels = re.findall(r"\\label\{(?:\\detokenize\{)?equation:([^}]*)\}", tex)
    assert sorted(labels) == [
        "index:euler",
        "index:pythagoras",
        "page:p-euler",
        "page:p-pythagoras",
    ]
    assert r"\label{pythagoras}" not in tex and r"\label{p-pythagoras}" not in tex
    assert not any("duplicate label" in w for w in warnings), warnings


def test_math_number_all_does_not_number_descriptions(tmp_path: Path) -> None:
    out, warnings = build_copy(
        ROOT, tmp_path / "src", confoverrides={"math_number_all": True}
    )
    page = _page(out, "index")
    assert [e.get_text().strip("¶ ") for e in page.select(".eqno")] == ["(1)", "(2)"]
    for card in page.select("article"):
        assert card.select(".eqno") == []
    assert not any("duplicate label" in w for w in warnings), warnings


@pytest.mark.parametrize(
    ("value", "warns"),
    [("no-math", True), ("no-math|mathjax_ignore", False), (".*|", False)],
)
def test_a_project_ignore_class_that_skips_no_card_warns(
    tmp_path: Path, value: str, warns: bool
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_readinglist"]\n'
        f"mathjax3_config = {{'options': {{'ignoreHtmlClass': {value!r}}}}}\n"
    )
    (src / "index.rst").write_text("Page\n====\n\n:math:`x`\n")
    _out, warnings = build_copy(src, tmp_path / "copy")
    expected = (
        f"WARNING: mathjax3_config['options']['ignoreHtmlClass'] is {value!r}, "
        "which matches neither tex2jax_ignore nor mathjax_ignore, the classes "
        "of reading-list cards, so MathJax would typeset formulas written in "
        "their titles, authors and tags; add '|mathjax_ignore' to it "
        "[readinglist.config]"
    )
    assert warnings == ([expected] if warns else [])
