"""The index of every resource, and the resources in the general index (issue 17)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ._sphinx import (
    CONF,
    SYNTAXES,
    build,
    page,
    started,
    warnings_of,
    write_project,
)
from ._tools import vnu_command
from .test_html_validity import fragment_document, vnu_errors

READING = """\
- id: lecun2015
  title: Deep learning
  authors: [Yann LeCun, Geoffrey Hinton]
  year: 2015
  kind: paper
  url: https://example.org/deep
- id: ecole
  title: "École des données; part 2"
  year: 2020
  kind: book
- id: xss
  title: "<script>alert(1)</script>"
  authors: ["<b>Mallory</b>"]
- id: num
  title: "2001: a reading list"
- id: rtl
  title: "\\u202eabc تعلم"
- id: attention
  title: attention is all you need
  kind: paper
  year: 2017
"""

#: titles in the order of the index page, under their headings
EXPECTED = {
    "Symbols": ["2001: a reading list", "<script>alert(1)</script>"],
    "A": ["abc تعلم", "attention is all you need"],
    "D": ["Deep learning"],
    "E": ["École des données; part 2"],
}


def write(
    srcdir: Path, syntax: str, reading: str = READING, *, index: bool = True
) -> Path:
    """A home page linking to the index, and a page of cards; the index on
    unless ``index`` is false (the default of the extension)."""
    if syntax == "rst":
        pages = {
            "index.rst": "Home\n====\n\nSee :ref:`readinglist-index`.\n\n"
            ".. toctree::\n\n   papers\n",
            "papers.rst": "Papers\n======\n\n.. readinglist:: reading.yaml\n",
        }
    else:
        pages = {
            "index.md": "# Home\n\nSee {ref}`readinglist-index`.\n\n"
            "```{toctree}\npapers\n```\n",
            "papers.md": "# Papers\n\n```{readinglist} reading.yaml\n```\n",
        }
    conf = CONF + ("readinglist_index = True\n" if index else "")
    return write_project(srcdir, pages, {"reading.yaml": reading}, conf=conf)


def rows(outdir: Path) -> dict[str, list[dict[str, Any]]]:
    """The index page's entries under each heading."""
    found: dict[str, list[dict[str, Any]]] = {}
    letter = ""
    index: Any = page(outdir, "readinglist-index")
    for row in index.select("table.modindextable tr"):
        if "cap" in (row.get("class") or []):
            letter = row.get_text(strip=True)
            found[letter] = []
        elif row.a is not None:
            cells = row.find_all("td")
            kind, em = cells[1].em, cells[2].em
            found[letter].append(
                {
                    "title": row.a.get_text(),
                    "href": row.a["href"],
                    "kind": kind.get_text() if kind else "",
                    "description": em.get_text() if em else "",
                }
            )
    return found


def anchors(outdir: Path, docname: str) -> set[str]:
    return {str(tag["id"]) for tag in page(outdir, docname).select("[id]")}


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_the_index_page_lists_every_resource_a_to_z(
    tmp_path: Path, syntax: str
) -> None:
    outdir, warnings = build(write(tmp_path, syntax))
    assert warnings == []
    found = rows(outdir)
    assert {
        letter: [e["title"] for e in entries] for letter, entries in found.items()
    } == EXPECTED
    deep = found["D"][0]
    assert deep == {
        "title": "Deep learning",
        "href": "papers.html#lecun2015",
        "kind": "(Paper)",
        "description": "2015 · Papers",
    }
    assert found["Symbols"][1]["description"] == "Papers"
    ids = anchors(outdir, "papers")
    for entries in found.values():
        for entry in entries:
            docname, anchor = entry["href"].split("#")
            assert docname == "papers.html"
            assert anchor in ids
    # the script is text, never markup
    text = (outdir / "readinglist-index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in text
    assert "\u202e" not in text


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_ref_to_the_index_resolves(tmp_path: Path, syntax: str) -> None:
    outdir, warnings = build(write(tmp_path, syntax))
    assert warnings == []
    links: Any = page(outdir).select("div[role=main] a")
    assert ("readinglist-index.html", "Index of resources") in {
        (str(a["href"]), a.get_text()) for a in links
    }


def genindex(outdir: Path) -> dict[str, list[tuple[str, str]]]:
    """The general index: each entry (``name; sub-entry``) with its links."""
    found: dict[str, list[tuple[str, str]]] = {}
    general: Any = page(outdir, "genindex")
    for item in general.select("table.genindextable li"):
        link = item.find("a", recursive=False)
        if link is None:
            continue  # a name above its sub-entries
        parent = item.find_parent("li")
        key = link.get_text()
        if parent is not None:
            key = f"{parent.find(string=True, recursive=False).strip()}; {key}"
        found.setdefault(key, []).append((link.get_text(), link["href"]))
    return found


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_the_general_index_has_titles_and_authors(tmp_path: Path, syntax: str) -> None:
    outdir, _ = build(write(tmp_path, syntax))
    found = genindex(outdir)
    assert found["Deep learning"] == [("Deep learning", "papers.html#lecun2015")]
    assert found["Yann LeCun; Deep learning"] == [
        ("Deep learning", "papers.html#lecun2015")
    ]
    assert found["Geoffrey Hinton; Deep learning"] == [
        ("Deep learning", "papers.html#lecun2015")
    ]
    # Sphinx splits entries at ";": the title keeps its words with a comma
    assert found["École des données, part 2"] == [
        ("École des données, part 2", "papers.html#ecole")
    ]
    assert found["<b>Mallory</b>; <script>alert(1)</script>"][0][1] == "papers.html#xss"
    assert found["abc تعلم"] == [("abc تعلم", "papers.html#rtl")]
    ids = anchors(outdir, "papers")
    for links in found.values():
        for _text, href in links:
            assert href.split("#")[1] in ids
    text = (outdir / "genindex.html").read_text(encoding="utf-8")
    assert "<script>alert" not in text
    assert "<b>Mallory" not in text


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_both_are_off_by_default(tmp_path: Path, syntax: str) -> None:
    srcdir = write(tmp_path, syntax, index=False)
    outdir, warnings = build(srcdir)
    assert page(outdir, "papers").select("article#lecun2015")
    assert not (outdir / "readinglist-index.html").exists()
    assert genindex(outdir) == {}
    text = (outdir / "genindex.html").read_text(encoding="utf-8")
    assert "Deep learning" not in text
    assert "LeCun" not in text
    # a link to the index says why it leads nowhere, instead of Sphinx's
    # "undefined label", and is not written
    assert warnings_of("\n".join(warnings), srcdir) == [
        "index.rst:4: WARNING: " + OFF_LINK
        if syntax == "rst"
        else "index.md:3: WARNING: " + OFF_LINK
    ]
    assert not page(outdir).select('a[href*="readinglist-index"]')


OFF_LINK = (
    "'readinglist-index' links to the index of resources, which is off: set "
    "readinglist_index = True in conf.py to write it [readinglist.config]"
)


def test_a_link_to_the_index_is_found_again_once_it_is_on(tmp_path: Path) -> None:
    srcdir = write(tmp_path, "rst", index=False)
    build(srcdir)
    (srcdir / "conf.py").write_text(
        (srcdir / "conf.py").read_text(encoding="utf-8") + "readinglist_index = True\n",
        encoding="utf-8",
    )
    outdir, warnings = build(srcdir)
    assert warnings == []
    assert page(outdir).select('a[href="readinglist-index.html"]')
    # the pages are read again (an "env" option): kinds, years and entries
    found = rows(outdir)
    assert found["D"][0]["kind"] == "(Paper)"
    assert found["D"][0]["description"] == "2015 · Papers"
    assert genindex(outdir)


def test_latex_has_no_index_entries_by_default(tmp_path: Path) -> None:
    srcdir = write(tmp_path, "rst", index=False)
    outdir, warnings = build(srcdir, "latex")
    assert warnings_of("\n".join(warnings), srcdir) == [
        f"index.rst:4: WARNING: {OFF_LINK}"
    ]
    tex = "\n".join(p.read_text(encoding="utf-8") for p in outdir.glob("*.tex"))
    assert r"\label{\detokenize{papers:lecun2015}}" in tex
    assert r"\index{" not in tex
    assert "Index of resources" not in tex


def outputs(outdir: Path) -> dict[str, str]:
    return {
        name: (outdir / f"{name}.html").read_text(encoding="utf-8")
        for name in ("readinglist-index", "genindex")
    }


def test_serial_and_parallel_builds_agree(tmp_path: Path) -> None:
    results = []
    for parallel in (0, 2):
        srcdir = write(tmp_path / f"j{parallel}", "rst")
        # one page per resource group: parallel reads have pages to share out
        for n in range(8):
            (srcdir / f"more{n}.rst").write_text(
                f"More {n}\n======\n\n.. readinglist:: more{n}.yaml\n"
            )
            (srcdir / f"more{n}.yaml").write_text(
                f"- id: more{n}\n  title: Zeta {n}\n  authors: [Ann Author]\n"
            )
        index = srcdir / "index.rst"
        index.write_text(index.read_text() + "".join(f"   more{n}\n" for n in range(8)))
        outdir, warnings = build(srcdir, parallel=parallel)
        assert warnings == []
        results.append(outputs(outdir))
    assert results[0] == results[1]
    assert "Zeta 7" in results[0]["readinglist-index"]


def test_a_data_change_updates_the_index(tmp_path: Path) -> None:
    srcdir = write(tmp_path / "src", "rst")
    builddir = tmp_path / "build"
    with started(srcdir, builddir=builddir) as app:
        assert warnings_of(app._warning) == []
    (srcdir / "reading.yaml").write_text(
        READING.replace("title: Deep learning", "title: Zen of learning").replace(
            "year: 2015", "year: 2016"
        ),
        encoding="utf-8",
    )
    with started(srcdir, builddir=builddir) as app:
        outdir = Path(app.outdir)
    found = rows(outdir)
    assert "D" not in found
    assert found["Z"][0]["title"] == "Zen of learning"
    assert found["Z"][0]["description"] == "2016 · Papers"
    assert "Zen of learning" in genindex(outdir)
    assert "Deep learning" not in genindex(outdir)


def test_the_index_page_is_valid_html(tmp_path: Path) -> None:
    vnu_command()  # skips without the checker
    outdir, _ = build(write(tmp_path / "src", "rst"))
    parsed = page(outdir, "readinglist-index")
    main = parsed.select_one("div[role=main]")
    document = tmp_path / "index.html"
    document.write_text(fragment_document([str(main)], "Index"), encoding="utf-8")
    assert vnu_errors([document]) == []


def test_latex_gets_the_index_entries(tmp_path: Path) -> None:
    outdir, warnings = build(write(tmp_path, "rst"), "latex")
    assert warnings == []
    tex = "\n".join(p.read_text(encoding="utf-8") for p in outdir.glob("*.tex"))
    assert r"\index{Deep learning@\spxentry{Deep learning}}" in tex
    assert r"\index{Yann LeCun@\spxentry{Yann LeCun}!Deep learning" in tex
    # the PDF gets the index of resources too, its page numbers at the cards
    assert r"\renewcommand{\indexname}{Index of resources}" in tex
    entry = r"\sphinxstyleindexentry{Deep learning}\sphinxstyleindexextra{Paper}"
    assert entry + r"\sphinxstyleindexpageref{papers:\detokenize{lecun2015}}" in tex
    assert r"\label{\detokenize{papers:lecun2015}}" in tex


def test_french_names_the_index(tmp_path: Path) -> None:
    outdir, _ = build(write(tmp_path, "rst"), confoverrides={"language": "fr"})
    index: Any = page(outdir, "readinglist-index")
    assert index.h1.get_text() == "Index des ressources"
    assert "Symboles" in rows(outdir)
