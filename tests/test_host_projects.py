"""Reading lists added to projects as people write them (issue 14).

Each root is a host style, built as the project would build it, with ``-W``
in spirit (no warning at all), serially and in parallel:

- ``test-host-myst``: MyST pages with every MyST extension on, the
  project's substitutions, and MyST in the data;
- ``test-host-rst``: rST pages with ``sphinx.ext.extlinks`` roles and
  sphinx-design's roles and directives, in the pages and in the data;
- ``test-host-immaterial``: the sphinx-immaterial theme, whose search index
  and list styles the cards must live with.

The project's own pages stay as they were without the extension; the lists
sit in tabs and dropdowns; the ``resource`` role links from other pages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import Tag

from ._sphinx import ROOTS, build_copy, page

HOSTS = ("test-host-myst", "test-host-rst", "test-host-immaterial")
#: sphinx-immaterial patches Sphinx for the whole process: built apart.
ISOLATED = {"test-host-immaterial"}
#: The extensions of each host without this one, for the comparison build.
WITHOUT_US = {
    "test-host-myst": ["myst_parser", "sphinx_design"],
    "test-host-rst": ["sphinx.ext.extlinks", "sphinx_design"],
    "test-host-immaterial": ["myst_parser", "sphinx_design", "sphinx_immaterial"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each host, built serially: its output folder."""
    outputs = {}
    for host in HOSTS:
        outdir, warnings = build_copy(
            ROOTS / host,
            tmp_path_factory.mktemp(host) / "src",
            isolated=host in ISOLATED,
        )
        assert warnings == [], host
        outputs[host] = outdir
    return outputs


def content(outdir: Path, docname: str) -> Tag:
    """The page's content, whatever the theme's frame around it."""
    found = page(outdir, docname).select_one("div.body, article.md-content__inner")
    assert found is not None, docname
    return found


def card(outdir: Path, docname: str, anchor: str) -> Tag:
    found = page(outdir, docname).select_one(f"article#{anchor}")
    assert found is not None, anchor
    return found


@pytest.mark.parametrize("host", HOSTS)
def test_builds_in_parallel_without_a_warning(tmp_path: Path, host: str) -> None:
    _outdir, warnings = build_copy(
        ROOTS / host, tmp_path / "src", isolated=host in ISOLATED, parallel=2
    )
    assert warnings == []


@pytest.mark.parametrize("host", HOSTS)
def test_the_projects_own_page_is_unchanged(
    built: dict[str, Path], tmp_path: Path, host: str
) -> None:
    # the same project without the extension: its reading pages break, its
    # own page must read the same
    outdir, _warnings = build_copy(
        ROOTS / host,
        tmp_path / "src",
        isolated=host in ISOLATED,
        confoverrides={"extensions": WITHOUT_US[host]},
    )
    assert str(content(built[host], "guide")) == str(content(outdir, "guide"))


@pytest.mark.parametrize("host", HOSTS)
def test_the_role_links_from_another_page(built: dict[str, Path], host: str) -> None:
    outdir = built[host]
    links = content(outdir, "links").select("a.reference.internal")
    assert len(links) == 2
    for link in links:
        target, anchor = str(link["href"]).split("#")
        assert target == "reading.html"
        assert page(outdir, "reading").find(id=anchor) is not None


@pytest.mark.parametrize("host", ["test-host-myst", "test-host-rst"])
def test_lists_in_tabs_and_dropdowns(built: dict[str, Path], host: str) -> None:
    reading = page(built[host], "reading")
    tabs = [t for t in reading.select(".sd-tab-set") if not t.find_parent("article")]
    assert len(tabs) == 1
    assert tabs[0].select_one(".sd-tab-content article#goodfellow2016") is not None
    dropdown = reading.select_one("details.sd-dropdown")
    assert dropdown is not None
    assert dropdown.select_one("article#karpathy2015") is not None


# -- MyST --------------------------------------------------------------------


def test_myst_extensions_in_the_data(built: dict[str, Path]) -> None:
    lstm = card(built["test-host-myst"], "reading", "lstm")
    text = lstm.select_one(".readinglist-description")
    assert text is not None
    # substitution, smartquotes and replacements of the project
    assert "The paper of Host with MyST\u2019s favourite cell" in text.get_text()
    assert "\u201cquoted\u201d \u2013 \u00a9 its authors" in text.get_text()
    # strikethrough as deleted text, task lists as boxes without raw HTML
    deleted = text.select_one("del.readinglist-deleted")
    assert deleted is not None and deleted.get_text() == "not"
    boxes = [li.get_text(strip=True) for li in text.select("li.task-list-item")]
    assert boxes == ["\u2611 read it", "\u2610 implement it"]
    assert text.select_one("input, s") is None
    # definition and field lists, math, a linkified address
    assert [
        dt.get_text(strip=True) for dt in text.select("dl.myst:not(.field-list) > dt")
    ] == ["Gates"]
    assert text.select_one("dl.field-list dt") is not None
    assert text.select("div.math.mathjax_process") and text.select("span.math")
    link = text.select_one('a[href="https://example.org/lstm"]')
    assert link is not None
    # a MyST directive of the data, in a card
    olah = card(built["test-host-myst"], "reading", "olah2015")
    assert olah.select_one(".admonition.tip") is not None


# -- rST with extlinks and sphinx-design ------------------------------------------


def test_extlinks_and_sphinx_design_roles_in_the_data(built: dict[str, Path]) -> None:
    text = card(built["test-host-rst"], "reading", "hochreiter1997")
    hrefs = [a["href"] for a in text.select(".readinglist-description a")]
    assert hrefs == [
        "https://github.com/example/project/issues/12",
        "https://github.com/ada",
        "https://github.com/example/project/pull/34",
        "https://doi.org/10.1162/neco.1997.9.8.1735",
    ]
    assert [a.get_text() for a in text.select("a.extlink-issue, a.extlink-pr")] == [
        "#12",
        "PR 34",
    ]
    assert text.select_one("span.sd-badge.sd-bg-success") is not None
    assert text.select_one("a.sd-badge.sd-bg-info") is not None
    assert text.select_one("svg.sd-octicon.sd-octicon-book") is not None


def test_the_trusted_directives_run_in_the_data(built: dict[str, Path]) -> None:
    olah = card(built["test-host-rst"], "reading", "olah2015")
    labels = [label.get_text(strip=True) for label in olah.select(".sd-tab-label")]
    assert labels == ["Why", "When"]


# -- sphinx-immaterial -----------------------------------------------------------


def test_search_index_of_sphinx_immaterial_names_the_titles(
    built: dict[str, Path],
) -> None:
    outdir = built["test-host-immaterial"]
    script = (outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    found = {
        (name, anchor)
        for entries in index["objects"].values()
        for _doc, _type, _prio, anchor, name, *_rest in entries
    }
    assert found == {
        ("Long Short-Term Memory", "hochreiter1997-title"),
        ("Understanding LSTM Networks", "olah2015-title"),
    }
    # each anchor is the title of the first card of that entry
    reading = page(outdir, "reading")
    for _name, anchor in found:
        title = reading.find(id=anchor)
        assert title is not None and "readinglist-title" in title["class"]


def test_sphinx_immaterial_keeps_the_grid_a_list_of_cards(
    built: dict[str, Path],
) -> None:
    reading = page(built["test-host-immaterial"], "reading")
    grids = reading.select("div.readinglist > ul.readinglist-grid")
    assert len(grids) >= 2
    assert all(
        isinstance(item, Tag) and item.name == "li"
        for grid in grids
        for item in grid.find_all(recursive=False)
    )
