"""The same doctree in every builder: no HTML-only leftovers, nothing lost."""

from __future__ import annotations

import http.server
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from defusedxml import ElementTree
from sphinx.testing.util import SphinxTestApp

from ._sphinx import (
    ROOTS,
    build,
    build_copy,
    html,
    page,
    soup,
    warnings_of,
    write_project,
)
from ._tools import epubcheck_command, latexmk_pdf, require_tool, served

#: What a reader must find for each resource of the basic root, in any output.
FIELDS = [
    "Deep learning",
    "https://www.nature.com/articles/nature14539",
    "Yann LeCun, Yoshua Bengio and Geoffrey Hinton",
    "2015",
    "Nature",
    "Paper",
    "review. See also",
    "Deep learning allows computational models",
    "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
    "Nitish Srivastava, Geoffrey Hinton, Alex Krizhevsky, Ilya Sutskever and Ruslan Salakhutdinov",
    "Journal of Machine Learning Research",
    "https://jmlr.org/papers/volume15/srivastava14a/srivastava14a.pdf",
    "Neural Networks and Deep Learning",
    "Michael Nielsen",
]


def flat(text: str) -> str:
    """Whitespace folded, so wrapped lines compare equal."""
    return " ".join(text.split())


def assert_every_field(text: str) -> None:
    text = flat(text)
    missing = [field for field in FIELDS if field not in text]
    assert not missing, missing


def build_basic(tmp_path: Path, builder: str) -> Path:
    """Build a copy of the basic root with ``builder``, without a warning."""
    outdir, warnings = build_copy(
        ROOTS / "test-basic", tmp_path / "src", builder, builddir=tmp_path / "build"
    )
    assert warnings == []
    return outdir


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True)
def test_latex_source(app: SphinxTestApp, warning: object) -> None:
    app.build()
    assert warnings_of(warning) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    # the title links, and its address is printed for paper readers
    assert (
        r"\sphinxhref{https://www.nature.com/articles/nature14539}{Deep learning} "
        r"\textless{}\sphinxurl{https://www.nature.com/articles/nature14539}\textgreater{}"
    ) in tex
    # the resource role has a label to land on
    assert r"\phantomsection\label{\detokenize{index:lecun2015}}" in tex
    assert r"\hyperref[\detokenize{index:lecun2015}]" in tex
    # the title stays with the rest of its card at a page break
    assert r"\nopagebreak" in tex
    # printed outputs keep every author: nothing to click on paper
    assert "Ruslan Salakhutdinov" in tex
    assert "and 2 more" not in tex
    assert "readinglist.css" not in tex
    assert not list(Path(app.outdir).glob("**/readinglist.css"))


@pytest.mark.sphinx(
    "latex",
    testroot="basic",
    confoverrides={"latex_show_urls": "footnote"},
    srcdir="latex-footnotes",
)
def test_latex_respects_latex_show_urls(app: SphinxTestApp) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    # Sphinx prints the addresses as footnotes; the cards do not add them twice
    assert r"\textless{}\sphinxurl{https://www.nature.com" not in tex
    assert r"\sphinxnolinkurl{https://www.nature.com/articles/nature14539}" in tex


@pytest.mark.sphinx("latex", testroot="basic", srcdir="pdf")
def test_pdf(app: SphinxTestApp) -> None:
    require_tool("latexmk")
    pdftotext = require_tool("pdftotext")
    app.build()
    outdir = Path(app.outdir)
    tex = next(outdir.glob("*.tex"))
    log = latexmk_pdf(tex)
    assert "undefined references" not in log
    text = subprocess.run(
        [pdftotext, "-layout", str(tex.with_suffix(".pdf")), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert_every_field(text)
    assert "Tags: deep-learning, review" in flat(text)


def test_epub_passes_epubcheck(tmp_path: Path) -> None:
    command = epubcheck_command()
    outdir = build_basic(tmp_path, "epub")
    epub = next(outdir.glob("*.epub"))
    result = subprocess.run(
        [*command, "--json", str(tmp_path / "report.json"), str(epub)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    problems = [
        f"{m['severity']} {m['ID']}: {m['message']}"
        for m in report["messages"]
        if m["severity"] in ("FATAL", "ERROR")
    ]
    assert problems == [], result.stdout + result.stderr
    xhtml = "\n".join(p.read_text(encoding="utf-8") for p in outdir.glob("*.xhtml"))
    assert_every_field(soup(xhtml).get_text())
    assert "and 2 more" not in xhtml  # e-readers may not open <details>


@pytest.mark.sphinx("text", testroot="basic", freshenv=True)
def test_text(app: SphinxTestApp, warning: object) -> None:
    app.build()
    assert warnings_of(warning) == []
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert_every_field(text)
    assert "Deep learning <https://www.nature.com/articles/nature14539>" in flat(text)
    assert "Paper · Intermediate · Yann LeCun" in flat(text)
    assert "Tags: deep-learning, review" in flat(text)
    assert "Translations: français <https://example.org/fr/>" in flat(text)


@pytest.mark.parametrize(
    ("builder", "pattern"),
    [("man", "*.1"), ("texinfo", "*.texi"), ("xml", "index.xml")],
)
def test_man_texinfo_xml(builder: str, pattern: str, tmp_path: Path) -> None:
    output = "\n".join(
        p.read_text(encoding="utf-8")
        for p in build_basic(tmp_path, builder).glob(pattern)
    )
    if builder == "man":
        output = output.replace("\\-", "-").replace("\\:", "").replace("\\%", "")
    if builder == "xml":
        tree = ElementTree.fromstring(output)
        # the doctree as data: text, and link targets as attributes
        refuris = [node.get("refuri", "") for node in tree.iter("reference")]
        output = "".join(tree.itertext()) + " ".join(refuris)
    if builder == "texinfo":
        assert (
            "@anchor{index lecun2015}" in output or "@anchor{index:lecun2015}" in output
        )
    assert_every_field(output)


@pytest.mark.parametrize("builder", ["singlehtml", "dirhtml"])
def test_links_resolve_in_singlehtml_and_dirhtml(builder: str, tmp_path: Path) -> None:
    outdir = build_basic(tmp_path, builder)
    index = page(outdir)
    ids = {tag["id"] for tag in index.select("[id]")}
    hrefs = [
        a["href"]
        for a in index.select("a.reference.internal")
        if "readinglist-resource" in str(a)
    ]
    assert hrefs
    for href in hrefs:
        target = str(href).split("#", 1)
        assert len(target) == 2
        if builder == "dirhtml" and target[0]:
            linked = (outdir / "markdown" / target[0]).resolve()
            ids_there = {t["id"] for t in page(linked).select("[id]")}
            assert target[1] in ids_there, href
        else:
            assert target[1] in ids, href
    if builder == "dirhtml":
        markdown = page(outdir / "markdown")
        link = markdown.select_one("p a.reference.internal")
        assert link is not None and link["href"] == "../#lecun2015"


class _Handler(http.server.BaseHTTPRequestHandler):
    """Answers 200 for paths under /ok/ and 404 for anything else."""

    def _answer(self) -> None:
        status = 200 if self.path.startswith("/ok/") else 404
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def local_server() -> Iterator[str]:
    with served(_Handler) as base:
        yield base


def test_linkcheck_reports_broken_card_links(tmp_path: Path, local_server: str) -> None:
    reading = f"""\
- title: Alive
  url: {local_server}/ok/paper
  links:
    - {{title: Slides, url: "{local_server}/gone/slides"}}
  translations: {{fr: "{local_server}/ok/fr"}}
- title: Dead
  url: {local_server}/gone/paper
  description: See `the code <{local_server}/gone/code>`_.
"""
    srcdir = write_project(
        tmp_path / "src",
        {"index.rst": "Links\n=====\n\nIntro.\n\n.. readinglist:: reading.yaml\n"},
        {"reading.yaml": reading},
        conf="extensions = ['sphinx_readinglist']\n"
        "linkcheck_retries = 1\nlinkcheck_timeout = 10\n"
        # Sphinx 7.4 warns that this default changes in Sphinx 8
        "linkcheck_report_timeouts_as_broken = False\n",
    )
    outdir, _warnings = build(srcdir, "linkcheck")
    results = [
        json.loads(line)
        for line in (outdir / "output.json").read_text(encoding="utf-8").splitlines()
    ]
    by_uri = {r["uri"]: r for r in results}
    for path in ("/ok/paper", "/ok/fr"):
        assert by_uri[local_server + path]["status"] == "working"
    for path in ("/gone/slides", "/gone/paper", "/gone/code"):
        result = by_uri[local_server + path]
        assert result["status"] == "broken"
        # located at the directive that shows the card
        assert (result["filename"], result["lineno"]) == ("index.rst", 6)
    report = (outdir / "output.txt").read_text(encoding="utf-8")
    assert f"index.rst:6: [broken] {local_server}/gone/paper" in report


def test_gettext_extracts_descriptions_and_abstracts(tmp_path: Path) -> None:
    pot = (build_basic(tmp_path, "gettext") / "index.pot").read_text(encoding="utf-8")
    assert 'msgid "The *classic* review. See also :resource:`srivastava2014`."' in pot
    assert "Deep learning allows computational models that are composed of" in pot
    assert "data/reading.yaml:13" in pot  # located in the YAML, for translators
    # the extension's own labels come from its catalogue, not the project's
    assert 'msgid "Abstract"' not in pot


@pytest.mark.sphinx("html", testroot="i18n", freshenv=True)
def test_french_labels_and_translated_descriptions(
    app: SphinxTestApp, warning: object
) -> None:
    app.build()
    assert warnings_of(warning) == []
    card = html(app).select_one("#lecun2015")
    assert card is not None
    assert card.select_one(".readinglist-kind").get_text() == "Publication"  # type: ignore[union-attr]
    assert card.select_one(".readinglist-level").get_text() == "Débutant"  # type: ignore[union-attr]
    assert (
        card.select_one("details.readinglist-abstract summary").get_text(strip=True)
        == "Résumé"
    )  # type: ignore[union-attr]
    assert (
        card.select_one(".readinglist-authors-more summary").get_text(strip=True)
        == "et 2 de plus"
    )  # type: ignore[union-attr]
    # the project's own catalogue translates the data's prose
    assert "La synthèse par laquelle commencer." in card.get_text()
    assert "apprendre des représentations" in card.get_text()
