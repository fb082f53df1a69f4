"""A real list: several hundred entries of "Awesome Deep Learning".

``roots/test-awesome/awesome.yaml`` is the list's README converted to the
YAML format (headings as tags, kinds guessed from the headings), with its
CC0 licence beside it. The root shows it whole with the filter (rST), by
tag (MyST), and selected by a tag with spaces and capitals, in both cases.
Each test builds it once per builder, and checks what a reader gets: every
entry, every address as the data writes it, the groups, the selections; and
the same warnings-free build in parallel, in LaTeX (compiled), EPUB and text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from sphinx_readinglist.cards.labels import tag_slug
from sphinx_readinglist.data.iri import printed_iri

from ._sphinx import ROOTS, build_copy, page, soup
from ._tools import latexmk_pdf

ROOT = ROOTS / "test-awesome"
SOURCE = "https://github.com/ChristosChristofidis/awesome-deep-learning"
COMMIT = "f9c4c7b6c42f8d325f8ac880508cf7003ef60a0a"


def _entries() -> list[dict[str, Any]]:
    data = yaml.safe_load((ROOT / "awesome.yaml").read_text(encoding="utf-8"))
    resources: list[dict[str, Any]] = data["resources"]
    return resources


ENTRIES = _entries()
BY_ID = {entry["id"]: entry for entry in ENTRIES}


def _tagged(*tags: str) -> list[str]:
    """The addresses of the entries with one of ``tags`` (compared as slugs)."""
    wanted = {tag_slug(tag) for tag in tags}
    return [e["url"] for e in ENTRIES if wanted & {tag_slug(t) for t in e["tags"]}]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The HTML build, made once for the module's HTML tests."""
    outdir, warnings = build_copy(ROOT, tmp_path_factory.mktemp("awesome") / "src")
    yield {"outdir": outdir, "warnings": warnings}


def _card_ids(root: Any) -> list[str]:
    return [str(card["id"]) for card in root.select("article.readinglist-card")]


def _card_urls(root: Any) -> list[str]:
    """The title addresses of the cards: an entry shown twice on a page has
    a second anchor (``-2``), but one address."""
    return [str(a["href"]) for a in root.select("article .readinglist-title a")]


def _list(outdir: Path, docname: str, index: int = 0) -> Any:
    return page(outdir, docname).select("div.readinglist")[index]


def test_the_data_is_a_few_hundred_entries_with_its_licence() -> None:
    assert 300 <= len(ENTRIES) <= 600
    header = (ROOT / "awesome.yaml").read_text(encoding="utf-8")[:600]
    assert SOURCE in header and COMMIT in header and "CC0" in header
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "has waived all copyright and related or neighboring rights" in licence
    assert "CC0 1.0 Universal" in licence and COMMIT in licence
    # every heading kept as a tag, with spaces and capitals
    assert "Videos and Lectures" in {tag for e in ENTRIES for tag in e["tags"]}


def test_builds_without_warning(built: dict[str, Any]) -> None:
    assert built["warnings"] == []


def test_every_entry_has_its_card_and_its_address(built: dict[str, Any]) -> None:
    everything = _list(built["outdir"], "index")
    assert "readinglist-filterable" in everything["class"]
    assert _card_ids(everything) == [e["id"] for e in ENTRIES]
    for card in everything.select("article.readinglist-card"):
        entry = BY_ID[str(card["id"])]
        link = card.select_one(".readinglist-title a")
        assert link is not None, entry["id"]
        assert link.get_text() == entry["title"]
        assert link["href"] == entry["url"], entry["id"]
    # and no other address than the data's on the cards (a description's
    # links were reduced to their text by the conversion)
    hrefs = {str(a["href"]) for a in everything.select("article a[href]")}
    assert hrefs == {e["url"] for e in ENTRIES}


def test_group_by_tag(built: dict[str, Any]) -> None:
    topics = _list(built["outdir"], "topics")
    headings = [h.get_text() for h in topics.select(".readinglist-group")]
    assert headings == sorted({t for e in ENTRIES for t in e["tags"]}, key=str.lower)
    for heading in topics.select(".readinglist-group"):
        grid = heading.find_next_sibling("ul")
        assert _card_urls(grid) == _tagged(heading.get_text()), heading.get_text()


def test_a_tag_with_spaces_and_capitals_selects(built: dict[str, Any]) -> None:
    outdir = built["outdir"]
    videos = _tagged("Videos and Lectures")
    assert len(videos) > 20
    assert _card_urls(_list(outdir, "videos")) == videos
    # in lower case, with a second tag, sorted by title
    both = _list(outdir, "topics", 1)
    expected = sorted(_tagged("Videos and Lectures", "Books"))
    assert sorted(_card_urls(both)) == expected
    titles = [t.get_text() for t in both.select(".readinglist-title")]
    assert titles == sorted(titles, key=str.casefold)


def test_parallel_build(tmp_path: Path, built: dict[str, Any]) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", parallel=2)
    assert warnings == []
    for docname in ("index", "topics", "videos"):
        parallel = soup((outdir / f"{docname}.html").read_text(encoding="utf-8"))
        serial = page(built["outdir"], docname)
        assert _card_ids(parallel) == _card_ids(serial), docname


def test_latex_compiles(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "latex")
    assert warnings == []
    tex = next(outdir.glob("*.tex"))
    source = tex.read_text(encoding="utf-8")
    assert source.count(r"\sphinxhref{") >= len(ENTRIES)
    # the percent-encoded address of the list, printed readably: pdfLaTeX has é
    assert r"Aurélien\sphinxhyphen{}Géron" in source
    log = latexmk_pdf(tex)
    assert "Missing character" not in log


def test_epub_and_text(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "epub", "epub")
    assert warnings == []
    xhtml = soup((outdir / "index.xhtml").read_text(encoding="utf-8"))
    assert _card_ids(xhtml) == [e["id"] for e in ENTRIES]
    outdir, warnings = build_copy(ROOT, tmp_path / "text", "text")
    assert warnings == []
    # without spaces: the text writer wraps long addresses at their hyphens
    text = "".join((outdir / "index.txt").read_text(encoding="utf-8").split())
    for entry in ENTRIES:
        shown = f"{entry['title']}<{printed_iri(entry['url'])}>"
        assert "".join(shown.split()) in text
    # the list has one percent-encoded address, printed readably
    assert "Aurélien-Géron" in text and "Aur%C3%A9lien" not in text
