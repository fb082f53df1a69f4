"""Every directive option, in rST and in MyST, from one table.

Each case below is one directive use. ``directive_page`` writes it as an rST
page and as a MyST page; each syntax builds one project holding every case
(one page per case), and each test reads its case's page. The data is made
so that every selection, sort and grouping gives a different order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from ._sphinx import SYNTAXES, directive_page, page, started, titles, warnings_of
from ._sphinx import write_project as write

DATA = """\
resources:
  - id: zeta
    title: "Zeta: patterns"
    url: https://example.org/zeta
    year: 2010
    added: 2024-01-10
    kind: book
    level: beginner
    tags: [python]
  - id: alpha
    title: alpha notes
    url: https://example.org/alpha
    year: 2020
    date: 2020-02
    added: "2024-03-01"
    kind: paper
    level: advanced
    tags: [review, Deep Learning]
  - id: middle
    title: Middle
    added: 2024-02-20
    kind: video
    level: intermediate
    tags: [deep-learning]
  - id: beta
    title: Beta
    year: 2015
    kind: paper
"""


def body(*names: str) -> str:
    """YAML for the directive body: entries of the page itself, without ids."""
    return "".join(f"- title: {name}\n  kind: paper\n" for name in names)


# ids are shared by the whole project: each body has titles of its own
BODY = body("Inline two", "Inline one")

Z, A, M, B = "Zeta: patterns", "alpha notes", "Middle", "Beta"
FILE = "reading.yaml"


@dataclass(frozen=True)
class Use:
    """One directive use: its argument, its options and its body."""

    argument: str | None = FILE
    options: tuple[tuple[str, str], ...] = ()
    body: str = ""


#: Selections and sorts: the options, and the titles they show, in order.
SELECTIONS: dict[str, tuple[Use, list[str]]] = {
    "file-order": (Use(), [Z, A, M, B]),
    "tags": (Use(options=(("tags", "python, review"),)), [Z, A]),
    # a tag is matched by its slug: 'Deep Learning' and 'deep-learning' agree
    "tags-slug": (Use(options=(("tags", "deep-learning"),)), [A, M]),
    # commas separate tags; a value with spaces is one tag when the data has it
    "tags-with-spaces": (Use(options=(("tags", "Deep Learning"),)), [A, M]),
    "tags-folded": (Use(options=(("tags", "DEEP learning, python"),)), [Z, A, M]),
    # and otherwise a space-separated list of tags, as in earlier versions
    "tags-space-separated": (Use(options=(("tags", "python review"),)), [Z, A]),
    "all-tags": (Use(options=(("all-tags", "review, deep-learning"),)), [A]),
    "exclude-tags": (Use(options=(("exclude-tags", "Deep Learning"),)), [Z, B]),
    "exclude-kinds": (Use(options=(("exclude-kinds", "paper book"),)), [M]),
    "kind": (Use(options=(("kind", "paper video"),)), [A, M, B]),
    "level": (Use(options=(("level", "advanced intermediate"),)), [A, M]),
    "ids": (Use(options=(("ids", "beta, zeta"),)), [B, Z]),
    "sort-file": (Use(options=(("sort", "file"),)), [Z, A, M, B]),
    "sort-title": (Use(options=(("sort", "title"),)), [A, B, M, Z]),
    "sort-year": (Use(options=(("sort", "year"),)), [Z, B, A, M]),
    "sort--year": (Use(options=(("sort", "-year"),)), [A, B, Z, M]),
    # the full date, else the year; entries without either last both ways
    "sort-date": (Use(options=(("sort", "date"),)), [Z, B, A, M]),
    "sort--date": (Use(options=(("sort", "-date"),)), [A, B, Z, M]),
    "sort-added": (Use(options=(("sort", "added"),)), [Z, M, A, B]),
    "sort--added": (Use(options=(("sort", "-added"),)), [A, M, Z, B]),
    "limit": (Use(options=(("limit", "2"),)), [Z, A]),
    "sort-and-limit": (Use(options=(("sort", "title"), ("limit", "3"))), [A, B, M]),
    "filtered-sorted-limited": (
        Use(options=(("kind", "paper"), ("sort", "-year"), ("limit", "1"))),
        [A],
    ),
    "body": (Use(argument=None, body=BODY), ["Inline two", "Inline one"]),
    "body-sorted": (
        Use(argument=None, options=(("sort", "title"),), body=body("Y", "X")),
        ["X", "Y"],
    ),
}

#: ``:group-by:``: the group headings, each with its titles, in order.
GROUPINGS: dict[str, list[tuple[str, list[str]]]] = {
    "kind": [("Paper", [A, B]), ("Book", [Z]), ("Video", [M])],
    "level": [
        ("Beginner", [Z]),
        ("Intermediate", [M]),
        ("Advanced", [A]),
        ("Any level", [B]),
    ],
    "year": [("2020", [A]), ("2015", [B]), ("2010", [Z]), ("Undated", [M])],
    # one group per slug, headed by the tag as first written
    "tag": [
        ("Deep Learning", [A, M]),
        ("python", [Z]),
        ("review", [A]),
        ("Untagged", [B]),
    ],
}

#: The rest of the directive uses, by page name.
USES: dict[str, Use] = {
    **{name: use for name, (use, _titles) in SELECTIONS.items()},
    **{f"group-by-{key}": Use(options=(("group-by", key),)) for key in GROUPINGS},
    "columns": Use(options=(("columns", "1 1 2 4"),)),
    "columns-one": Use(options=(("columns", "3"),)),
    "layout-cards": Use(options=(("layout", "cards"),)),
    "layout-list": Use(options=(("layout", "list"),)),
    "class": Use(options=(("class", "my-list other"),)),
    "name": Use(options=(("name", "my-reading"),)),
    "filter": Use(options=(("filter", ""), ("name", "filtered"))),
    "group-by-selected-tags": Use(
        options=(("tags", "Deep Learning, review"), ("group-by", "tag"))
    ),
    "both": Use(body=body("Ignored")),
    "neither": Use(argument=None),
}


@dataclass
class Site:
    """One syntax's build of every use."""

    syntax: str
    outdir: Path
    warnings: list[str]
    lines: dict[str, int]
    suffix: str

    def page(self, name: str) -> BeautifulSoup:
        return page(self.outdir, name)

    def lists(self, name: str) -> list[Any]:
        return self.page(name).select("div.readinglist")

    def the_list(self, name: str) -> Any:
        lists = self.lists(name)
        assert len(lists) == 1, name
        return lists[0]


@pytest.fixture(scope="module", params=SYNTAXES)
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    syntax: str = request.param
    pages = {
        name: directive_page(syntax, use.argument, use.options, use.body, title=name)
        for name, use in USES.items()
    }
    toctree = "".join(f"   {name}\n" for name in pages)
    srcdir = write(
        tmp_path_factory.mktemp(syntax) / "src",
        {
            "index.rst": f"Cases\n=====\n\n.. toctree::\n\n{toctree}",
            **{f"{name}{p.suffix}": p.text for name, p in pages.items()},
        },
        {FILE: DATA},
    )
    with started(srcdir) as app:
        yield Site(
            syntax,
            Path(app.outdir),
            warnings_of(app._warning, srcdir),
            {name: p.line for name, p in pages.items()},
            next(iter(pages.values())).suffix,
        )


def test_only_the_misuses_warn(site: Site) -> None:
    """Every case but 'both' and 'neither' builds without a warning."""
    assert len(site.warnings) == 2, site.warnings
    located = sorted(w.split(": WARNING: ")[0] for w in site.warnings)
    assert located == [
        f"both{site.suffix}:{site.lines['both']}",
        f"neither{site.suffix}:{site.lines['neither']}",
    ]


@pytest.mark.parametrize("name", SELECTIONS)
def test_selection_and_order(site: Site, name: str) -> None:
    expected = SELECTIONS[name][1]
    assert titles(site.the_list(name)) == expected


@pytest.mark.parametrize("key", GROUPINGS)
def test_group_by(site: Site, key: str) -> None:
    grouped = site.the_list(f"group-by-{key}")
    headings = [g.get_text() for g in grouped.select(".readinglist-group")]
    grids = grouped.select("ul.readinglist-grid")
    assert [(h, titles(g)) for h, g in zip(headings, grids, strict=True)] == GROUPINGS[
        key
    ]


def test_group_by_tag_groups_under_the_selected_tags_only(site: Site) -> None:
    grouped = site.the_list("group-by-selected-tags")
    headings = [g.get_text() for g in grouped.select(".readinglist-group")]
    grids = grouped.select("ul.readinglist-grid")
    assert [(h, titles(g)) for h, g in zip(headings, grids, strict=True)] == [
        ("Deep Learning", [A, M]),
        ("review", [A]),
    ]


def test_columns(site: Site) -> None:
    def columns(name: str) -> list[str]:
        grid = site.the_list(name).select_one("ul.readinglist-grid")
        return [c for c in grid["class"] if c.startswith("sd-row-cols-")]

    # xs sm md lg, as sphinx-design's grid reads them
    assert columns("columns") == [
        "sd-row-cols-1",
        "sd-row-cols-xs-1",
        "sd-row-cols-sm-1",
        "sd-row-cols-md-2",
        "sd-row-cols-lg-4",
    ]
    # one number is every width
    assert columns("columns-one") == [
        "sd-row-cols-3",
        *(f"sd-row-cols-{size}-3" for size in ("xs", "sm", "md", "lg")),
    ]


def test_layouts(site: Site) -> None:
    cards = site.the_list("layout-cards")
    grid = cards.select_one("ul.readinglist-grid")
    assert "readinglist-layout-cards" in grid["class"] and "sd-row" in grid["class"]
    assert all("sd-card" in a["class"] for a in cards.select("article"))
    assert titles(cards) == [Z, A, M, B]

    listed = site.the_list("layout-list")
    grid = listed.select_one("ul.readinglist-grid")
    assert "readinglist-layout-list" in grid["class"] and "sd-row" not in grid["class"]
    assert not any("sd-card" in a["class"] for a in listed.select("article"))
    assert titles(listed) == [Z, A, M, B]


def test_class(site: Site) -> None:
    classes = site.the_list("class")["class"]
    assert {"readinglist", "my-list", "other"} <= set(classes)


def test_name_is_the_list_id(site: Site) -> None:
    assert site.the_list("name")["id"] == "my-reading"


def test_filter(site: Site) -> None:
    filtered = site.the_list("filter")
    assert "readinglist-filterable" in filtered["class"]
    control = filtered.select_one(".readinglist-filter")
    assert control is not None and control["id"] == "filtered-filter"
    # the lists without the option have no filter
    assert site.the_list("name").select_one(".readinglist-filter") is None


def test_a_file_and_a_body_warns_and_shows_the_file(site: Site) -> None:
    line = site.lines["both"]
    assert (
        f"both{site.suffix}:{line}: WARNING: readinglist has both a file argument "
        "and a body; the body is ignored: move its entries into the file, or drop "
        "the argument [readinglist.option]"
    ) in site.warnings
    assert titles(site.the_list("both")) == [Z, A, M, B]


def test_neither_a_file_nor_a_body_warns_and_shows_nothing(site: Site) -> None:
    line = site.lines["neither"]
    assert (
        f"neither{site.suffix}:{line}: WARNING: readinglist needs a YAML file "
        "argument or YAML in its body; write e.g. '.. readinglist:: reading.yaml' "
        "[readinglist.file]"
    ) in site.warnings
    assert site.lists("neither") == []
