"""The ``readinglist-stats`` directive: counts by kind, level, year and tag.

Built from ``tests/roots/test-stats`` (rST and MyST pages of one data file,
with a project kind, a tag label and hostile tags) and from inline projects:
the numbers of the HTML table and of the SVG bars, their order and labels,
escaping, LaTeX, text and EPUB output, parallel and incremental builds, the
warnings, and French labels.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import Tag

from sphinx_readinglist.stats.counts import Bar, charts
from sphinx_readinglist.stats.svg import BAR_WIDTH, MAX_LABEL, chart_svg, label_text

from ._sphinx import (
    ROOTS,
    SYNTAXES,
    build,
    build_copy,
    directive_page,
    documents_read,
    page,
    soup,
    started,
    write_project,
)

SVG = "{http://www.w3.org/2000/svg}"

#: The whole list of the root, as each chart of its first directive counts it.
EVERYTHING = {
    "By kind": [
        ("Paper", 1),
        ("Book", 2),
        ("Course", 1),
        ("Blog", 1),
        ("Website", 1),
        ("Data & <sets>", 1),
        ("No kind", 1),
    ],
    "By level": [
        ("Beginner", 2),
        ("Intermediate", 1),
        ("Advanced", 2),
        ("Any level", 3),
    ],
    "By year": [
        ("1997", 1),
        ("2009", 1),
        ("2015", 2),
        ("2016", 1),
        ("2017", 1),
        ("Undated", 2),
    ],
    "By tag": [
        ("neural networks", 4),
        ("deep learning", 2),
        ("lstm", 2),
        ("Recurrent networks", 2),
        ("<script>alert(1)</script>", 1),
        ("\\input{/etc/passwd} $x$ %", 1),
        ("]]>", 1),
        ("עברית", 1),
        ("\u202eevil", 1),
        ("Untagged", 2),
    ],
}


def stats_page(syntax: str, argument: str | None = None, **kwargs: object) -> str:
    """A page holding one ``readinglist-stats`` directive, in ``syntax``."""
    text = directive_page(syntax, argument, **kwargs).text  # type: ignore[arg-type]
    return text.replace(".. readinglist::", ".. readinglist-stats::").replace(
        "```{readinglist}", "```{readinglist-stats}"
    )


def tables(container: Tag) -> dict[str, list[tuple[str, int]]]:
    """Each table of a stats container: its caption, and its rows."""
    found = {}
    for table in container.select("table.readinglist-stats-table"):
        caption = table.select_one("caption")
        assert caption is not None
        rows = [
            tuple(cell.get_text(strip=True) for cell in row.select("td"))
            for row in table.select("tbody tr")
        ]
        found[caption.get_text(strip=True)] = [(k, int(v)) for k, v in rows]
    return found


def svg_charts(markup: str) -> list[ET.Element]:
    """Every chart's SVG of a page, parsed as XML: it must be well-formed."""
    return [
        ET.fromstring(match)
        for match in re.findall(r"<svg\b.*?</svg>", markup, flags=re.DOTALL)
    ]


def bars(svg: ET.Element) -> list[tuple[str, int, float]]:
    """Each row of a chart: its label, its count, and its bar's length."""
    rows = []
    for group in svg.iter(f"{SVG}g"):
        label, count = group.findall(f"{SVG}text")
        rect = group.find(f"{SVG}rect")
        assert rect is not None
        rows.append(
            (label.text or "", int(count.text or ""), float(rect.get("width", "")))
        )
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir, warnings = build_copy(
        ROOTS / "test-stats", tmp_path_factory.mktemp("stats") / "src"
    )
    assert warnings == []
    return outdir


def test_the_tables_hold_the_counts_in_order(built: Path) -> None:
    containers = page(built).select("div.readinglist-stats")
    assert len(containers) == 2
    assert tables(containers[0]) == EVERYTHING
    # :tags: selects, :by: chooses and orders the charts, :top: cuts the tags
    assert tables(containers[1]) == {
        "By tag": [("neural networks", 4), ("deep learning", 2)],
        "By year": [("1997", 1), ("2015", 1), ("2016", 1), ("2017", 1)],
    }
    more = containers[1].select_one(".readinglist-stats-more")
    assert more is not None and more.get_text() == "Tags not shown: 3"
    assert containers[1]["id"] == "neural-stats"
    for table in containers[0].select("table"):
        headers = [th.get_text(strip=True) for th in table.select("thead th")]
        assert headers[1] == "Resources"
        # hidden from sight: nothing in it may take the focus
        assert table.select("a") == []
        assert not table.get("id")


def test_the_svg_bars_match_the_tables(built: Path) -> None:
    markup = (built / "index.html").read_text(encoding="utf-8")
    svgs = svg_charts(markup)
    assert len(svgs) == 6
    expected = [*EVERYTHING.values()]
    for svg, rows in zip(svgs, expected, strict=False):
        drawn = bars(svg)
        assert [(label, count) for label, count, _length in drawn] == rows
        most = max(count for _label, count in rows)
        for _label, count, length in drawn:
            assert length == pytest.approx(BAR_WIDTH * count / most, abs=0.05)
        assert svg.get("aria-hidden") == "true"
    titles = [p.get_text() for p in page(built).select(".readinglist-stats-chart > p")]
    assert titles == [*EVERYTHING, "By tag", "By year"]
    # every chart is themed by its classes: no colour is written in it
    assert "fill=" not in markup.split('<div class="readinglist-stats', 1)[1]


def test_data_is_escaped_in_the_svg_and_the_table(built: Path) -> None:
    markup = (built / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in markup
    assert "]]>" not in markup
    assert markup.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2  # svg, table
    assert markup.count("Data &amp; &lt;sets&gt;") == 2
    assert markup.count("]]&gt;") == 2
    # the right-to-left tag and the override are text, each in its own element
    labels = [label for label, _c, _l in bars(svg_charts(markup)[3])]
    assert "עברית" in labels
    assert "\u202eevil" in labels


def test_myst_page_takes_the_same_options(built: Path) -> None:
    container = page(built, "myst").select_one("div.readinglist-stats")
    assert container is not None
    assert set(container["class"]) == {
        "my-stats",
        "readinglist-stats",
        "readinglist-stats-charted",
    }
    assert tables(container) == {
        "By kind": [
            ("Paper", 1),
            ("Book", 2),
            ("Course", 1),
            ("Blog", 1),
            ("Website", 1),
            ("No kind", 1),
        ],
        "By level": [
            ("Beginner", 2),
            ("Intermediate", 1),
            ("Advanced", 2),
            ("Any level", 2),
        ],
    }


def test_latex_has_the_tables_and_no_chart(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOTS / "test-stats", tmp_path / "src", "latex")
    assert warnings == []
    tex = next(outdir.glob("*.tex")).read_text(encoding="utf-8")
    for title in (*EVERYTHING, "By tag", "By year"):
        assert f"\\sphinxcaption{{{title}}}" in tex
    assert "svg" not in tex
    assert "Data \\& \\textless{}sets\\textgreater{}" in tex
    assert "\\textless{}script\\textgreater{}alert(1)" in tex
    assert "\\input{" not in tex
    assert "\\textbackslash{}input\\{/etc/passwd\\} \\$x\\$ \\%" in tex
    # the counts follow their labels, in order
    body = tex.split("\\sphinxcaption{By year}", 1)[1]
    cells = re.findall(r"\\sphinxAtStartPar\n(.*?)\n", body)
    assert cells[:8] == ["Year", "Resources", "1997", "1", "2009", "1", "2015", "2"]


def test_text_output(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOTS / "test-stats", tmp_path / "src", "text")
    assert warnings == []
    text = (outdir / "myst.txt").read_text(encoding="utf-8")
    assert (
        "By level\n"
        "^^^^^^^^\n"
        "\n"
        "+--------------+-----------+\n"
        "| Level        | Resources |\n"
        "|==============|===========|\n"
        "| Beginner     | 2         |\n"
        "+--------------+-----------+\n"
        "| Intermediate | 1         |\n"
        "+--------------+-----------+\n"
        "| Advanced     | 2         |\n"
        "+--------------+-----------+\n"
        "| Any level    | 2         |\n"
        "+--------------+-----------+\n"
    ) in text
    index = (outdir / "index.txt").read_text(encoding="utf-8")
    assert "Tags not shown: 3" in index


def test_epub_shows_the_tables(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOTS / "test-stats", tmp_path / "src", "epub")
    assert [w for w in warnings if "readinglist" in w] == []
    book = next(outdir.glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        assert "index.xhtml" in archive.namelist()
    xhtml = (outdir / "index.xhtml").read_text(encoding="utf-8")
    container = soup(xhtml).select_one("div.readinglist-stats")
    assert container is not None
    assert tables(container) == EVERYTHING
    # an e-book gets the tables, shown: no chart, nothing hidden
    assert "<svg" not in xhtml
    assert "readinglist-stats-charted" not in xhtml


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    serial, warnings = build_copy(ROOTS / "test-stats", tmp_path / "serial")
    assert warnings == []
    parallel, warnings = build_copy(
        ROOTS / "test-stats", tmp_path / "parallel", parallel=2
    )
    assert warnings == []
    for docname in ("index", "myst"):
        one = page(serial, docname).select("div.readinglist-stats")
        two = page(parallel, docname).select("div.readinglist-stats")
        assert [str(c) for c in one] == [str(c) for c in two]


def test_a_data_change_updates_the_chart(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    outdir, _warnings = build_copy(ROOTS / "test-stats", srcdir)
    data = srcdir / "reading.yaml"
    data.write_text(
        data.read_text(encoding="utf-8")
        + "  - title: Attention Is All You Need\n"
        + "    url: https://arxiv.org/abs/1706.03762\n"
        + "    kind: paper\n    year: 2017\n    tags: [transformers]\n",
        encoding="utf-8",
    )
    with started(srcdir, build=False) as app:
        assert documents_read(app) == {"index", "myst"}
    counts = tables(page(outdir).select("div.readinglist-stats")[0])
    assert counts["By kind"][0] == ("Paper", 2)
    assert ("2017", 2) in counts["By year"]
    svg = svg_charts((outdir / "index.html").read_text(encoding="utf-8"))[0]
    assert bars(svg)[0][:2] == ("Paper", 2)


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_a_body_of_yaml_and_french_labels(tmp_path: Path, syntax: str) -> None:
    text = stats_page(
        syntax,
        options=[("by", "kind level")],
        body="resources:\n  - title: A\n    kind: paper\n    level: beginner\n",
    )
    suffix = ".rst" if syntax == "rst" else ".md"
    srcdir = write_project(tmp_path, {f"index{suffix}": text})
    outdir, warnings = build(srcdir, confoverrides={"language": "fr"})
    assert warnings == []
    container = page(outdir).select_one("div.readinglist-stats")
    assert container is not None
    assert tables(container) == {
        "Par type": [("Publication", 1)],
        "Par niveau": [("Débutant", 1)],
    }
    assert [th.get_text() for th in container.select("thead th")][:2] == [
        "Type",
        "Ressources",
    ]


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_problems_are_warned_as_by_the_readinglist_directive(
    tmp_path: Path, syntax: str
) -> None:
    suffix = ".rst" if syntax == "rst" else ".md"
    empty = stats_page(syntax, "reading.yaml", options=[("kind", "video")])
    nothing = stats_page(syntax, title="Nothing")
    srcdir = write_project(
        tmp_path,
        {
            f"index{suffix}": stats_page(syntax, "reading.yaml", title="Index")
            + "\n"
            + stats_page(
                syntax, "reading.yaml", options=[("by", "year")], title="Two"
            ).split("\n", 3)[3],
            f"empty{suffix}": empty,
            f"nothing{suffix}": nothing,
            # the cards of the same file, on a page of their own
            f"cards{suffix}": directive_page(syntax, "reading.yaml").text,
        },
        {
            "reading.yaml": (
                "resources:\n"
                "  - title: A\n    kind: paper\n    year: soon\n"
                "  - title: B\n    kind: book\n"
            )
        },
    )
    outdir, warnings = build(srcdir)
    # the bad year once, though three directives on two pages read the file
    bad_year = [w for w in warnings if "'year'" in w]
    assert len(bad_year) == 1
    assert "reading.yaml:4: WARNING: entry 'A': 'year'" in bad_year[0]
    assert bad_year[0].endswith("[readinglist.data]")
    line = 4 if syntax == "rst" else 3
    assert any(
        w.startswith(
            f"{srcdir / ('empty' + suffix)}:{line}: WARNING: the selection "
            ":kind: video matches no entry of reading.yaml; check the "
            "values against the data [readinglist.option]"
        )
        for w in warnings
    ), warnings
    assert any(
        "WARNING: readinglist-stats needs a YAML file argument or YAML in its "
        "body; write e.g. '.. readinglist-stats:: reading.yaml' [readinglist.file]" in w
        for w in warnings
    ), warnings
    # the entry with a bad year is kept, without it
    assert tables(page(outdir).select("div.readinglist-stats")[0])["By year"] == [
        ("Undated", 2)
    ]
    assert page(outdir, "empty").select("div.readinglist-stats") == []


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_a_bad_option_is_reported_by_docutils(tmp_path: Path, syntax: str) -> None:
    suffix = ".rst" if syntax == "rst" else ".md"
    srcdir = write_project(
        tmp_path,
        {
            f"index{suffix}": stats_page(
                syntax, "reading.yaml", options=[("by", "author")]
            )
        },
        {"reading.yaml": "resources:\n  - title: A\n"},
    )
    _outdir, warnings = build(srcdir)
    assert any(
        "'author' is not one of kind, level, year, tag" in w for w in warnings
    ), warnings


# -- the parts, without Sphinx ---------------------------------------------------


def test_long_labels_are_cut_and_kept_whole_as_a_tooltip() -> None:
    long_tag = "a" * 40
    assert label_text(long_tag) == "a" * (MAX_LABEL - 1) + "\u2026"
    assert label_text("x\x00y\x1b\ud800z") == "xyz"
    from sphinx_readinglist.stats.counts import Chart

    svg = ET.fromstring(chart_svg(Chart("tag", "By tag", "Tag", (Bar(long_tag, 3),))))
    text = svg.find(f"{SVG}g/{SVG}text")
    assert text is not None
    assert text.text == label_text(long_tag)
    title = text.find(f"{SVG}title")
    assert title is not None and title.text == long_tag


def test_no_resources_no_bars() -> None:
    assert [c.bars for c in charts([], ("kind", "tag"))] == [(), ()]
    assert ET.fromstring(chart_svg(charts([], ("year",))[0])).get("height") == "0"


def test_gettext_leaves_the_charts_out(tmp_path: Path) -> None:
    """The labels come translated from the extension, the tags from the data:
    none is text of the page for the project's translators."""
    outdir, warnings = build_copy(ROOTS / "test-stats", tmp_path / "src", "gettext")
    assert warnings == []
    catalogue = (outdir / "index.pot").read_text(encoding="utf-8")
    assert 'msgid "Everything"' in catalogue
    for text in ("By kind", "Paper", "neural networks", "Tags not shown"):
        assert text not in catalogue
