"""The directive and the role in real Sphinx builds: doctrees, HTML, warnings."""

from __future__ import annotations

import json
import shutil
import zlib
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_readinglist.cards import nodes as rl_nodes
from sphinx_readinglist.cards.selection import groups, select
from sphinx_readinglist.data.model import Location, ReadingList, Resource

from ._sphinx import build, documents_read, html, warnings_of


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_cards_in_rst_and_myst(app: SphinxTestApp, warning: object) -> None:
    app.build()
    assert warnings_of(warning) == []

    doctree = app.env.get_doctree("index")
    cards = list(doctree.findall(rl_nodes.readinglist_card))
    assert [c["ids"] for c in cards] == [
        ["lecun2015"],
        ["srivastava2014"],
        ["neural-networks-and-deep-learning"],
        # the second list repeats two entries on the same page: fresh ids
        ["srivastava2014-2"],
        ["lecun2015-2"],
    ]

    page = html(app)
    everything = page.select_one("#everything")
    assert everything is not None and "readinglist" in everything["class"]
    grid = everything.select_one("ul.readinglist-grid")
    assert grid is not None and grid["role"] == "list"
    card = grid.select_one("li > article.readinglist-card.sd-card")
    assert card is not None
    assert card["id"] == "lecun2015"
    assert card["data-kind"] == "paper"
    assert card["data-level"] == "intermediate"
    assert card["data-tags"] == "deep-learning review"
    assert card["data-year"] == "2015"
    assert card["aria-labelledby"] == "lecun2015-title"
    title = card.select_one(".readinglist-title a")
    assert title is not None
    assert title.get_text() == "Deep learning"
    assert title["href"] == "https://www.nature.com/articles/nature14539"
    assert card.select_one(".readinglist-kind").get_text() == "Paper"  # type: ignore[union-attr]
    assert card.select_one(".readinglist-venue").get_text() == "Nature"  # type: ignore[union-attr]
    assert card.select_one(".readinglist-description em").get_text() == "classic"  # type: ignore[union-attr]
    summary = card.select_one("details.readinglist-abstract > summary")
    assert summary is not None and summary.get_text(strip=True) == "Abstract"
    # a card title is not a heading: the page's TOC keeps only real sections
    headings = page.select("div.body h1, div.body h2, div.body h3, div.body h4")
    assert [h.get_text(strip=True).rstrip("¶") for h in headings] == [
        "Reading",
        "Papers",
    ]

    # long author lists fold behind "and N more" in HTML
    dropout = page.select_one("#srivastava2014 .readinglist-authors")
    assert dropout is not None
    assert dropout.name == "div"  # a span may not hold a details element
    assert page.select_one("#lecun2015 .readinglist-authors").name == "span"  # type: ignore[union-attr]
    more = dropout.select_one("details.readinglist-authors-more")
    assert more is not None
    assert more.select_one("summary").get_text(strip=True) == "and 2 more"  # type: ignore[union-attr]
    assert "Ruslan Salakhutdinov" in more.get_text()

    markdown = html(app, "markdown")
    titles = [t.get_text() for t in markdown.select(".readinglist-title")]
    assert titles == ["Neural Networks and Deep Learning", "Inline entry"]
    assert (
        markdown.select_one("#inline-entry .readinglist-description strong").get_text()
        == "bold"
    )  # type: ignore[union-attr]


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_cards_are_read_compact(app: SphinxTestApp) -> None:
    app.build()
    doctree = app.env.get_doctree("index")
    lecun = next(
        card
        for card in doctree.findall(rl_nodes.readinglist_card)
        if card["ids"] == ["lecun2015"]
    )
    # the plain fields ride on the node; only markup and images are nodes
    assert lecun["resource"].title == "Deep learning"
    assert lecun["resource"].description is None  # the parsed one is a child
    assert [type(child).__name__ for child in lecun.children] == [
        "readinglist_search_text",
        "container",
        "readinglist_abstract",
    ]
    assert lecun.source.endswith("index.rst") and lecun.line == 8


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_search_finds_cards_by_their_fields(app: SphinxTestApp) -> None:
    app.build()
    index = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    # title, author, venue and tag words, stemmed as Sphinx stems them
    for word in (
        "dropout",
        "overfit",
        "srivastava",
        "salakhutdinov",
        "journal",
        "natur",
    ):
        assert word in terms, word


@pytest.mark.sphinx("html", testroot="basic")
def test_role_links_to_the_first_card_in_reading_order(
    app: SphinxTestApp, warning: object
) -> None:
    app.build()
    index = html(app)
    links = {a.get_text(): a["href"] for a in index.select("a.reference.internal")}
    assert links["Deep learning"] == "#lecun2015"
    assert links["the book"] == "#neural-networks-and-deep-learning"
    # from the description of another card, in YAML
    description = index.select_one("#lecun2015 .readinglist-description a")
    assert description is not None and description["href"] == "#srivastava2014"
    # from the MyST page: the first card is on index, which comes first
    markdown = html(app, "markdown")
    ref = markdown.select_one("p a.reference.internal")
    assert ref is not None
    assert (ref["href"], ref.get_text()) == ("index.html#lecun2015", "Deep learning")


@pytest.mark.sphinx("html", testroot="options", freshenv=True)
def test_options_select_sort_and_lay_out(app: SphinxTestApp, warning: object) -> None:
    app.build()
    assert warnings_of(warning) == []
    lists = html(app).select("div.readinglist")

    def titles(n: int) -> list[str]:
        return [t.get_text() for t in lists[n].select(".readinglist-title")]

    book = "Neural Networks and Deep Learning"
    dropout = "Dropout: A Simple Way to Prevent Neural Networks from Overfitting"
    assert lists[0]["id"] == "by-tag"
    assert titles(0) == ["Deep learning", book]  # :tags: any of
    assert titles(1) == [book]  # :kind:
    assert titles(2) == ["Deep learning", dropout]  # :level:
    assert titles(3) == [book, "Deep learning"]  # :ids: in that order
    assert titles(4) == ["Deep learning", dropout]  # :sort: title, :limit: 2
    assert "my-list" in lists[4]["class"]
    assert titles(5) == ["Deep learning", dropout, book]  # :sort: -year, undated last
    grouped = lists[6]
    assert [g.get_text() for g in grouped.select(".readinglist-group")] == [
        "Paper",
        "Book",
    ]
    grid = grouped.select_one("ul.readinglist-grid")
    assert grid is not None and "readinglist-layout-list" in grid["class"]
    assert "sd-card" not in grouped.select_one("article")["class"]  # type: ignore[index]


def _entry(id_: str, **fields: object) -> Resource:
    return Resource(id=id_, title=id_.title(), location=Location("r.yaml", 1), **fields)  # type: ignore[arg-type]


SELECTABLE = ReadingList(
    "r.yaml",
    (
        _entry("b", year=2020, kind="book", tags=("Deep  Learning",)),
        _entry("a", year=2015, kind="paper", tags=("deep learning", "nlp")),
        _entry("c", kind="paper"),
    ),
)


def test_selection_without_sphinx() -> None:
    """select and groups are plain functions of the options (cards/selection.py)."""
    warned: list[str] = []
    # tags compare as slugs; "-year" puts the undated last
    chosen = select(
        SELECTABLE, {"tags": ["DEEP-learning"], "sort": "title"}, warned.append
    )
    assert [r.id for r in chosen] == ["a", "b"]
    assert [r.id for r in select(SELECTABLE, {"sort": "-year"}, warned.append)] == [
        "b",
        "a",
        "c",
    ]
    assert warned == []
    assert [r.id for r in select(SELECTABLE, {"ids": ["c", "bb"]}, warned.append)] == [
        "c"
    ]
    assert len(warned) == 1 and ":ids: 'bb' is not in r.yaml" in warned[0]
    assert select(SELECTABLE, {"kind": ["video"]}, warned.append) == []
    assert "the selection :kind: video matches no entry of r.yaml" in warned[-1]

    resources = list(SELECTABLE.resources)
    assert [(t, [r.id for r in g]) for t, g in groups(resources, None)] == [
        ("", ["b", "a", "c"])
    ]
    assert [(t, [r.id for r in g]) for t, g in groups(resources, "year")] == [
        ("2020", ["b"]),
        ("2015", ["a"]),
        ("Undated", ["c"]),
    ]
    # one group per slug, headed by the tag as first written
    assert [(t, [r.id for r in g]) for t, g in groups(resources, "tag")] == [
        ("Deep  Learning", ["b", "a"]),
        ("nlp", ["a"]),
        ("Untagged", ["c"]),
    ]


@pytest.mark.sphinx(
    "html", testroot="options", confoverrides={"readinglist_columns": "2"}
)
def test_columns_default_from_conf(app: SphinxTestApp) -> None:
    app.build()
    grid = html(app).select("ul.readinglist-grid")[0]
    assert "sd-row-cols-2" in grid["class"]


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_each_problem_warns_once_with_its_yaml_line(
    app: SphinxTestApp, warning: object
) -> None:
    app.build()
    found = warnings_of(warning)

    def one(fragment: str, location: str, subtype: str) -> None:
        matching = [w for w in found if fragment in w]
        assert len(matching) == 1, (fragment, found)
        assert location in matching[0] and matching[0].endswith(
            f"[readinglist.{subtype}]"
        )

    # bad.yaml is shown by four directives on two pages: still one warning each
    one("unknown field 'titel'; did you mean 'title'?", "bad.yaml:4:", "data")
    one("'year' must be an integer, got 'soon'", "bad.yaml:5:", "data")
    one("got 'papper'; did you mean 'paper'?", "bad.yaml:7:", "data")
    one("url 'javascript:alert(1)' is not linked", "bad.yaml:8:", "unsafe")
    one("start-string without end-string", "bad.yaml:11:", "markup")
    one("the 'raw' directive is not allowed", "bad.yaml:13:", "unsafe")
    one("the 'include' directive is not allowed", "bad.yaml:17:", "unsafe")
    one("data file 'missing.yaml' not found", "index.rst:10:", "file")
    one("matches no entry", "index.rst:12:", "option")
    one("unknown resource 'no-such-id'", "index.rst:18:", "ref")
    one("did you mean 'survivor'?", "index.rst:18:", "ref")
    one("'year' 12 is not a plausible year", "second.rst:11:", "data")
    one("resource 'hidden-one' (defined at", "second.rst:18:", "ref")
    one("duplicate id 'survivor' (first defined at", "second.rst:12:", "duplicate")
    assert "bad.yaml:2); ids are shared" in next(
        w for w in found if "'survivor' (first" in w
    )
    assert "partial.yaml:2) is shown on no page" in next(
        w for w in found if "hidden-one" in w
    )

    page = html(app)
    # the valid entries of the bad file still render, the unsafe parts do not
    titles = [
        t.get_text()
        for t in page.select("div.readinglist")[0].select(".readinglist-title")
    ]
    assert titles == ["Survivor", "Wrong kind", "Markup problems"]
    cards = "".join(str(c) for c in page.select("div.readinglist"))
    assert "javascript:" not in cards
    assert "<script>" not in cards and "alert(1)" not in cards
    assert "root:" not in cards


@pytest.mark.sphinx("html", testroot="parallel", parallel=2, freshenv=True)
def test_parallel_build_matches_serial(
    app: SphinxTestApp, warning: object, make_app, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app.build()
    assert app.parallel == 2
    # eight pages read by two processes: the data file's problem is told once
    found = warnings_of(warning)
    assert len(found) == 1, found
    assert (
        "reading.yaml:38: WARNING: entry 'Flawed': 'year' must be an integer"
        in found[0]
    )

    serial = make_app("html", srcdir=app.srcdir, builddir=tmp_path / "serial")
    serial.build()
    for n in range(1, 9):
        parallel_page, serial_page = html(app, f"page{n}"), html(serial, f"page{n}")
        assert str(parallel_page.select_one("div.body")) == str(
            serial_page.select_one("div.body")
        )
    # a role resolves across documents read by different processes
    link = html(app, "page1").select_one("p a.reference.internal")
    assert link is not None and link["href"] == "page2.html#srivastava2014"


@pytest.mark.sphinx("html", testroot="basic", srcdir="incremental")
def test_incremental_rebuild_after_a_yaml_edit(app: SphinxTestApp, make_app) -> None:  # type: ignore[no-untyped-def]
    app.build()
    again = make_app("html", srcdir=app.srcdir, builddir=Path(app.outdir).parent)
    assert documents_read(again) == set()

    data = Path(app.srcdir) / "data" / "reading.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            "title: Deep learning", "title: Deep Learning (review)"
        ),
        encoding="utf-8",
    )
    edited = make_app("html", srcdir=app.srcdir, builddir=Path(app.outdir).parent)
    assert documents_read(edited) == {"index", "markdown"}
    # the citing page shows the new title
    assert (
        "Deep Learning (review)"
        in html(edited, "markdown").select_one("p a.reference.internal").get_text()
    )  # type: ignore[union-attr]


def test_intersphinx_resolves_resources_of_another_project(
    make_app, tmp_path: Path, rootdir: Path
) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(rootdir / "test-basic", tmp_path / "other")
    other = make_app("html", srcdir=tmp_path / "other")
    other.build()
    other.cleanup()  # two applications in one test: unregister the first's nodes
    inventory = Path(other.outdir) / "objects.inv"
    assert b"readinglist:resource" in zlib.decompress(
        inventory.read_bytes().split(b"\n", 4)[4]
    )

    srcdir = tmp_path / "citing"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        "extensions = ['sphinx.ext.intersphinx', 'sphinx_readinglist']\n"
        f"intersphinx_mapping = {{'other': ('https://other.example.org/', {str(inventory)!r})}}\n",
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "Citing\n======\n\nSee :resource:`lecun2015` and :resource:`nope`.\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    found = warnings_of(app._warning)
    # resolved through the inventory: no warning for it; ours for the other
    assert len(found) == 1 and "unknown resource 'nope'" in found[0], found
    link = html(app).select_one("div.body a.reference.external")
    assert link is not None
    assert link["href"] == "https://other.example.org/index.html#lecun2015-title"


def test_mailto_links_are_cloaked_as_docutils_cloaks_them(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_readinglist"]\n')
    # a docutils setting, which Sphinx reads from docutils.conf
    (tmp_path / "docutils.conf").write_text(
        "[html writers]\ncloak_email_addresses: true\n"
    )
    (tmp_path / "index.rst").write_text(
        "Index\n=====\n\n"
        ".. readinglist::\n\n"
        "   resources:\n"
        "     - title: Ask Ada\n"
        "       url: mailto:ada@example.org\n"
        "       description: Or write to mailto:ada@example.org today.\n"
        "       links:\n"
        "         - title: ada@example.org\n"
        "           url: mailto:ada@example.org\n"
    )
    outdir, warnings = build(tmp_path)
    assert warnings == []
    page = (outdir / "index.html").read_text(encoding="utf-8")
    cloaked = 'href="mailto:ada&#37;&#52;&#48;example&#46;org"'
    # the title, the extra link and the description's own link, alike
    assert page.count(cloaked) == 3, page
    assert "ada@example.org" not in page
    assert ">ada<span>&#64;</span>example<span>&#46;</span>org</a>" in page
