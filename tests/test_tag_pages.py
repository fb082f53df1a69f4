"""A page per tag and the page of the tags (issue 17), built for real.

The root shows resources in rST and in MyST pages, with hostile tags: markup,
a path, ``index``, an RTL override, a slash. The pages are checked for their
cards, counts and links (each landing on an existing id), the cards' badge
links, the search index, serial against ``-j 2``, a rebuild after a data
change, and their absence from EPUB and LaTeX.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag

import pytest

from sphinx_readinglist.tag_pages import tag_page_name

from ._sphinx import ROOTS, build_copy, page, soup, started, titles
from .test_html_validity import fragment_document, vnu_errors

ROOT = ROOTS / "test-tag-pages"
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir, warnings = build_copy(ROOT, tmp_path_factory.mktemp("tags") / "src")
    assert warnings == []
    return outdir


def tag_page(outdir: Path, slug: str) -> Path:
    return outdir / "tags" / f"{tag_page_name(slug)}.html"


def index_counts(outdir: Path) -> dict[str, int]:
    parsed = page(outdir, "tags/index")
    return {
        li.select_one(".readinglist-tag").get_text(): int(
            li.select_one(".readinglist-tag-count").get_text().strip("()")
        )
        for li in parsed.select("ul.readinglist-tag-list > li")
    }


def lands(outdir: Path, source: Path, href: str) -> bool:
    """Whether ``href``, written in ``source``, names a file and an id in it."""
    path, fragment = urldefrag(href)
    target = (source.parent / unquote(path)).resolve() if path else source
    if not target.is_file() or outdir.resolve() not in target.parents:
        return False
    if not fragment:
        return True
    return soup(target.read_text(encoding="utf-8")).find(id=fragment) is not None


# -- the pages ------------------------------------------------------------------


def test_every_tag_has_a_page_with_its_resources(site: Path) -> None:
    # "deep learning" (rST) and "Deep  Learning" (MyST) are one tag
    python = page(site, "tags/python")
    assert titles(python) == ["Deep learning", "Fluent Python"]
    assert python.select_one("h1").get_text() == "Tagged Python"
    assert titles(page(site, "tags/deep-learning")) == [
        "Deep learning",
        "The Unreasonable Effectiveness of Recurrent Neural Networks",
    ]
    # the label of readinglist_tag_labels
    rnn = page(site, "tags/rnn")
    assert rnn.select_one("h1").get_text() == "Tagged Recurrent networks"


def description(card: Any) -> str | None:
    part = card.select_one(".readinglist-description")
    return None if part is None else part.get_text(" ", strip=True)


def test_a_card_shows_its_description_as_plain_text(site: Path) -> None:
    cards = page(site, "tags/python").select(".readinglist-card")
    assert [description(card) for card in cards] == [
        # the page's text, never its markup: no element comes of it
        "Reviews <b>deep</b> learning & more.",
        "A classic, with code and a link.",
    ]
    assert not page(site, "tags/python").select(
        ".readinglist-description b, .readinglist-description a"
    )
    # a page that cloaks email addresses (Sphinx's default) keeps them off
    # its tag pages too: the description is left out
    rnn = {
        card["id"]: description(card)
        for card in page(site, "tags/rnn").select(".readinglist-card")
    }
    assert rnn == {
        "tagged-lecun2015": "Reviews <b>deep</b> learning & more.",
        "tagged-karpathy": None,
    }


def test_the_index_lists_the_tags_by_label_with_their_counts(site: Path) -> None:
    assert index_counts(site) == {
        "../x": 1,
        HOSTILE: 1,
        "a/b": 1,
        "deep learning": 2,
        "index": 1,
        "Python": 2,
        "Recurrent networks": 2,
        "עברית\u202e": 1,
    }
    # the RTL override cannot turn the count around: the label is isolated
    assert "<bdi>עברית\u202e</bdi>" in tag_page(site, "index").parent.joinpath(
        "index.html"
    ).read_text(encoding="utf-8")


def test_every_link_of_the_tag_pages_lands(site: Path) -> None:
    pages = sorted((site / "tags").glob("*.html"))
    assert len(pages) == 9  # eight tags and the index
    checked = 0
    for path in pages:
        for link in soup(path.read_text(encoding="utf-8")).select(
            "section a.reference.internal"
        ):
            assert lands(site, path, link["href"]), (path.name, link["href"])
            checked += 1
    assert checked > 20


def test_a_card_links_to_the_card_the_resource_role_links_to(site: Path) -> None:
    card = page(site, "tags/python").select_one("article#tagged-lecun2015")
    assert card is not None
    shown_on = card.select_one(".readinglist-shown-on a")
    assert shown_on["href"] == "../index.html#lecun2015"
    assert shown_on.get_text() == "Tag pages"
    # the tag page's card has its own id: never the original's
    assert page(site, "tags/python").find(id="lecun2015") is None


def test_hostile_tags_stay_text_and_in_the_folder(site: Path) -> None:
    names = sorted(p.name for p in (site / "tags").iterdir())
    # no page outside tags/, none replacing the index
    assert not (site / "x.html").exists()
    assert all(re.fullmatch(r"[\w-]+\.html", name) for name in names), names
    assert tag_page_name("index") != "index"
    assert tag_page_name("../x") != tag_page_name("-x")
    assert tag_page_name("a/b") != tag_page_name("a-b")
    hostile = tag_page(site, "<script>alert(1)</script>").read_text(encoding="utf-8")
    # nowhere: neither in the cards nor in the title the theme writes
    assert "<script>alert" not in hostile
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile


def test_a_long_tag_gets_a_short_file_name() -> None:
    name = tag_page_name("x" * 300)
    assert len(name) < 100
    assert name != tag_page_name("x" * 301)


def test_the_badges_link_to_their_tag_pages(site: Path) -> None:
    for docname in ("index", "deep", "more", "tags/rnn"):
        path = site / f"{docname}.html"
        badges = soup(path.read_text(encoding="utf-8")).select(
            "article .readinglist-tags .readinglist-tag"
        )
        assert badges, docname
        for badge in badges:
            if docname == "tags/rnn" and badge.get_text() == "Recurrent networks":
                # a tag page does not link to itself
                assert badge.parent.name == "p"
                continue
            # the badge unchanged, inside a link to its page
            assert badge.parent.name == "a", docname
            assert lands(site, path, badge.parent["href"]), badge.parent["href"]
    card = page(site, "more").select_one("article#karpathy")
    links = [a["href"] for a in card.select(".readinglist-tags a")]
    assert links == ["tags/rnn.html", "tags/deep-learning.html"]


def test_the_pages_are_in_the_search_index(site: Path) -> None:
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    assert '"tags/python"' in index
    assert '"tags/index"' in index
    assert "Tagged Python" in index


def test_the_pages_work_without_javascript(site: Path) -> None:
    section = page(site, "tags/python").select_one("section.readinglist-tag-page")
    assert section is not None
    assert section.select("script") == []
    assert len(section.select("article")) == 2


# -- other builders, parallel, incremental --------------------------------------


@pytest.mark.parametrize("builder", ["epub", "latex", "singlehtml"])
def test_no_tag_pages_in_other_builders(tmp_path: Path, builder: str) -> None:
    outdir, warnings = build_copy(
        ROOT,
        tmp_path / "src",
        builder,
        confoverrides={"copyright": "2026", "version": "1"},
    )
    assert warnings == []
    assert not list(outdir.rglob("tags")), builder
    text = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in outdir.rglob("*")
        if p.suffix in (".xhtml", ".tex", ".html")
    )
    assert "tags/python" not in text
    assert "Python" in text  # the badge is still there, plain


def test_dirhtml_writes_the_pages_with_links_that_land(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "dirhtml")
    assert warnings == []
    python = outdir / "tags" / "python" / "index.html"
    card = soup(python.read_text(encoding="utf-8")).select_one("article")
    href = card.select_one(".readinglist-shown-on a")["href"]
    assert href == "../../#lecun2015"


def pages_of(outdir: Path) -> dict[str, str]:
    return {
        p.name: p.read_text(encoding="utf-8") for p in (outdir / "tags").glob("*.html")
    }


def test_parallel_equals_serial(site: Path, tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", parallel=2)
    assert warnings == []
    assert pages_of(outdir) == pages_of(site)


@pytest.mark.parametrize("parallel", [0, 2])
def test_a_rebuild_after_a_data_change_updates_the_pages(
    tmp_path: Path, parallel: int
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    builddir = tmp_path / "build"
    with started(srcdir, builddir=builddir, parallel=parallel) as app:
        outdir = Path(app.outdir)
    assert index_counts(outdir)["Python"] == 2
    data = srcdir / "more.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            "tags: [rnn, Deep  Learning]", "tags: [rnn, python, graphs]"
        ),
        encoding="utf-8",
    )
    with started(srcdir, builddir=builddir, parallel=parallel):
        pass
    counts = index_counts(outdir)
    assert counts["Python"] == 3
    assert counts["deep learning"] == 1
    assert counts["graphs"] == 1
    fresh, _ = build_copy(srcdir, tmp_path / "fresh")
    assert pages_of(outdir) == pages_of(fresh)
    index = (outdir / "searchindex.js").read_text(encoding="utf-8")
    assert '"tags/graphs"' in index


def test_off_by_default(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace("readinglist_tag_pages = True\n", ""),
        encoding="utf-8",
    )
    outdir, warnings = build_copy(srcdir, tmp_path / "built")
    assert warnings == []
    assert not (outdir / "tags").exists()
    assert page(outdir).select(".readinglist-tags a") == []


def test_a_folder_of_its_own(tmp_path: Path) -> None:
    outdir, warnings = build_copy(
        ROOT,
        tmp_path / "src",
        confoverrides={"readinglist_tag_pages_folder": "topics/by-tag"},
    )
    assert warnings == []
    assert (outdir / "topics" / "by-tag" / "python.html").is_file()
    assert (outdir / "topics" / "by-tag" / "index.html").is_file()
    href = page(outdir).select_one(".readinglist-tags a")["href"]
    assert href.startswith("topics/by-tag/")


@pytest.mark.parametrize("folder", ["../out", "/abs", "a//b", "", "sp ace"])
def test_a_bad_folder_warns_and_takes_the_default(tmp_path: Path, folder: str) -> None:
    outdir, warnings = build_copy(
        ROOT, tmp_path / "src", confoverrides={"readinglist_tag_pages_folder": folder}
    )
    assert len(warnings) == 1, warnings
    assert "readinglist_tag_pages_folder" in warnings[0]
    assert "[readinglist.config]" in warnings[0]
    assert (outdir / "tags" / "python.html").is_file()


def test_a_tag_page_is_valid_html(site: Path, tmp_path: Path) -> None:
    fragments = [
        str(section)
        for name in ("python", HOSTILE, "index")
        for section in soup(
            (
                site / "tags" / f"{tag_page_name(name) if name != 'index' else name}"
                ".html"
            ).read_text(encoding="utf-8")
        ).select("section.readinglist-tag-page, section.readinglist-tag-index")
    ]
    assert len(fragments) == 3
    path = tmp_path / "tags.html"
    path.write_text(fragment_document(fragments, "Tags"), encoding="utf-8")
    assert vnu_errors([path]) == []
