"""``readinglist_downloads``: each data file's exports in the HTML output,
linked under its cards; built for real, serial, parallel and incremental."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from sphinx_readinglist.cards import directive
from sphinx_readinglist.data import load_file
from sphinx_readinglist.downloads import FORMATS, download_name
from sphinx_readinglist.formats import EXPORTERS, exporter

from ._sphinx import CONF, build, page, started, warnings_of, write_project
from .test_html_validity import card_fragments, fragment_document, vnu_errors

REPO = Path(__file__).parent.parent
AWESOME = REPO / "tests" / "roots" / "test-awesome" / "awesome.yaml"

PAPERS = """\
resources:
  - id: lecun2015
    title: Deep learning
    url: https://www.nature.com/articles/nature14539
    authors: [Yann LeCun, Yoshua Bengio, Geoffrey Hinton]
    year: 2015
    kind: paper
  - id: goodfellow2016
    title: Deep Learning
    url: https://www.deeplearningbook.org/
    year: 2016
    kind: book
"""
#: Another file of the same name, in a sub-folder.
MORE_PAPERS = """\
resources:
  - id: vaswani2017
    title: Attention is all you need
    url: https://arxiv.org/abs/1706.03762
    year: 2017
"""

INDEX = """\
Index
=====

.. toctree::

   topics/page

.. readinglist:: data/papers.yaml

.. readinglist:: data/papers.yaml data/sub/papers.yaml

.. readinglist::

   resources:
     - title: From the body
"""

TOPIC_PAGE = """\
# A page in a folder

```{readinglist} /data/sub/papers.yaml
:ids: vaswani2017
```

```{readinglist} /data/papers.yaml
:kind: book
```
"""


def project(srcdir: Path, formats: list[str], extra_conf: str = "") -> Path:
    return write_project(
        srcdir,
        {"index.rst": INDEX, "topics/page.md": TOPIC_PAGE},
        {"data/papers.yaml": PAPERS, "data/sub/papers.yaml": MORE_PAPERS},
        conf=f"{CONF}readinglist_downloads = {formats!r}\n{extra_conf}",
    )


def downloads(html: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each download line of a page: its text, and its links' texts and hrefs."""
    return [
        (
            " ".join(line.get_text().split()),
            [(a.get_text(), a["href"]) for a in line.select("a")],
        )
        for line in html.select("p.readinglist-downloads")
    ]


def exported(path: Path, format_: str) -> str:
    return exporter(format_)(load_file(path, str(path)).resources)


def test_each_data_file_is_offered_under_its_cards(tmp_path: Path) -> None:
    srcdir = project(tmp_path, ["csl-json", "bibtex"])
    outdir, warnings = build(srcdir)
    assert warnings == []
    folder = outdir / "_downloads" / "readinglist" / "data"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == [
        "papers.bib",
        "papers.csl.json",
        "sub",
        "sub/papers.bib",
        "sub/papers.csl.json",
    ]
    for name, source in [("papers", "papers.yaml"), ("sub/papers", "sub/papers.yaml")]:
        for format_, ending in [("csl-json", ".csl.json"), ("bibtex", ".bib")]:
            written = (folder / f"{name}{ending}").read_text(encoding="utf-8")
            assert written == exported(srcdir / "data" / source, format_)

    index = page(outdir)
    assert downloads(index) == [
        (
            "Download: CSL-JSON · BibTeX",
            [
                ("CSL-JSON", "_downloads/readinglist/data/papers.csl.json"),
                ("BibTeX", "_downloads/readinglist/data/papers.bib"),
            ],
        ),
        (
            "Download data/papers.yaml: CSL-JSON · BibTeX",
            [
                ("CSL-JSON", "_downloads/readinglist/data/papers.csl.json"),
                ("BibTeX", "_downloads/readinglist/data/papers.bib"),
            ],
        ),
        (
            "Download data/sub/papers.yaml: CSL-JSON · BibTeX",
            [
                ("CSL-JSON", "_downloads/readinglist/data/sub/papers.csl.json"),
                ("BibTeX", "_downloads/readinglist/data/sub/papers.bib"),
            ],
        ),
    ]
    # under the cards of its list; a directive's body is no file to offer
    lists = index.select("div.readinglist")
    assert len(lists) == 3
    for shown in lists[:2]:
        assert shown.find_all(recursive=False)[-1].name == "p"
        assert "readinglist-downloads" in shown.find_all(recursive=False)[-1]["class"]
    assert lists[2].select("p.readinglist-downloads") == []
    # a page in a folder links up to the same files; a list that selects
    # part of a file offers the whole file
    topic = page(outdir, "topics/page")
    assert downloads(topic) == [
        (
            "Download: CSL-JSON · BibTeX",
            [
                ("CSL-JSON", "../_downloads/readinglist/data/sub/papers.csl.json"),
                ("BibTeX", "../_downloads/readinglist/data/sub/papers.bib"),
            ],
        ),
        (
            "Download: CSL-JSON · BibTeX",
            [
                ("CSL-JSON", "../_downloads/readinglist/data/papers.csl.json"),
                ("BibTeX", "../_downloads/readinglist/data/papers.bib"),
            ],
        ),
    ]


def test_the_links_name_their_files_for_saving(tmp_path: Path) -> None:
    outdir, _warnings = build(project(tmp_path, ["json"]))
    line = page(outdir, "topics/page").select("p.readinglist-downloads")[1]
    [link] = line.select("a")
    assert link.attrs == {
        "class": ["reference", "download"],
        "href": "../_downloads/readinglist/data/papers.json",
        "download": "",
        "type": "application/json",
    }
    assert (outdir / "topics" / link["href"]).resolve().is_file()
    index_line = page(outdir).select("p.readinglist-downloads")[0]
    assert index_line.select('span[aria-hidden="true"]') == []  # one format
    outdir, _warnings = build(project(tmp_path / "two", ["json", "markdown"]))
    index_line = page(outdir).select("p.readinglist-downloads")[0]
    [separator] = index_line.select("span")
    assert (separator["aria-hidden"], separator.get_text()) == ("true", " · ")


def test_dirhtml_links_resolve(tmp_path: Path) -> None:
    outdir, warnings = build(project(tmp_path, ["json"]), "dirhtml")
    assert warnings == []
    html = page(outdir / "topics" / "page", "index")
    line = html.select("p.readinglist-downloads")[1]
    [link] = line.select("a")
    assert link["href"] == "../../_downloads/readinglist/data/papers.json"
    assert (outdir / "topics" / "page" / link["href"]).resolve().is_file()


def test_singlehtml_links_resolve(tmp_path: Path) -> None:
    outdir, warnings = build(project(tmp_path, ["json"]), "singlehtml")
    assert warnings == []
    hrefs = [href for _text, links in downloads(page(outdir)) for _t, href in links]
    # the page of the toctree first, where the toctree is
    assert hrefs == [
        "_downloads/readinglist/data/sub/papers.json",
        "_downloads/readinglist/data/papers.json",
        "_downloads/readinglist/data/papers.json",
        "_downloads/readinglist/data/papers.json",
        "_downloads/readinglist/data/sub/papers.json",
    ]
    assert all((outdir / href).is_file() for href in hrefs)


@pytest.mark.parametrize("builder", ["latex", "text", "epub"])
def test_other_outputs_offer_no_download(tmp_path: Path, builder: str) -> None:
    srcdir = project(tmp_path, ["json"], 'epub_copyright = "2026"\n')
    outdir, warnings = build(srcdir, builder)
    assert [w for w in warnings if "readinglist" in w] == []
    assert not (outdir / "_downloads").exists()
    written = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in outdir.rglob("*")
        if p.suffix in (".tex", ".txt", ".xhtml")
    )
    assert "Deep learning" in written
    assert "Download" not in written


def test_a_parallel_build_writes_the_same(tmp_path: Path) -> None:
    # more pages than Sphinx 7.4 reads in one process, each showing the files
    pages = {
        f"more/page{i}.rst": f"Page {i}\n======\n\n.. readinglist:: /data/papers.yaml"
        " /data/sub/papers.yaml\n"
        for i in range(8)
    }
    index = INDEX.replace("   topics/page\n", "   topics/page\n   more/*\n")
    index = index.replace(".. toctree::\n", ".. toctree::\n   :glob:\n")

    def site(srcdir: Path) -> Path:
        project(srcdir, ["json", "markdown"])
        return write_project(
            srcdir,
            {"index.rst": index, **pages},
            conf=(srcdir / "conf.py").read_text(encoding="utf-8"),
        )

    serial, warnings = build(site(tmp_path / "serial"))
    assert warnings == []
    parallel, warnings = build(site(tmp_path / "parallel"), parallel=2)
    assert warnings == []

    def files(outdir: Path) -> dict[str, bytes]:
        folder = outdir / "_downloads"
        return {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*")
            if p.is_file()
        }

    assert files(parallel) == files(serial)
    assert len(files(serial)) == 4
    for docname in ("index", "topics/page", *(f"more/page{i}" for i in range(8))):
        assert downloads(page(parallel, docname)) == downloads(page(serial, docname))
    assert len(downloads(page(parallel, "more/page7"))) == 2


@pytest.mark.parametrize("parallel", [0, 2])
def test_an_edited_data_file_is_exported_again(tmp_path: Path, parallel: int) -> None:
    srcdir = project(tmp_path / "src", ["json"])
    builddir = tmp_path / "build"
    target = builddir / "html" / "_downloads" / "readinglist" / "data" / "papers.json"
    other = target.parent / "sub" / "papers.json"
    with started(srcdir, builddir=builddir, parallel=parallel):
        pass
    assert json.loads(target.read_text("utf-8"))["resources"][0]["title"] == (
        "Deep learning"
    )
    # nothing changed: nothing written again
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    os.utime(other, ns=(1_000_000_000, 1_000_000_000))
    with started(srcdir, builddir=builddir, parallel=parallel):
        pass
    assert target.stat().st_mtime_ns == 1_000_000_000
    # an edited file: its downloads follow; the other file's stay
    (srcdir / "data" / "papers.yaml").write_text(
        PAPERS.replace("title: Deep learning", "title: Deep learning (review)"),
        encoding="utf-8",
    )
    with started(srcdir, builddir=builddir, parallel=parallel) as app:
        assert warnings_of(app._warning) == []
    assert json.loads(target.read_text("utf-8"))["resources"][0]["title"] == (
        "Deep learning (review)"
    )
    assert other.stat().st_mtime_ns == 1_000_000_000
    # a download that went missing is written again
    other.unlink()
    with started(srcdir, builddir=builddir, parallel=parallel):
        pass
    assert other.read_text("utf-8") == exported(
        srcdir / "data" / "sub" / "papers.yaml", "json"
    )


def test_a_bad_setting_warns_and_offers_nothing(tmp_path: Path) -> None:
    outdir, warnings = build(project(tmp_path, ["json", "endnote"]))
    assert warnings == [
        "WARNING: readinglist_downloads = ['json', 'endnote'] is not valid; use "
        "a list of formats among 'csl-json', 'bibtex', 'markdown', 'json'. Using "
        "the default, [] [readinglist.config]"
    ]
    assert page(outdir).select("p.readinglist-downloads") == []
    assert not (outdir / "_downloads").exists()


def test_the_line_is_translated(tmp_path: Path) -> None:
    outdir, warnings = build(
        project(tmp_path, ["json"]), confoverrides={"language": "fr"}
    )
    assert warnings == []
    assert [text for text, _links in downloads(page(outdir))] == [
        "Télécharger : JSON",
        "Télécharger data/papers.yaml : JSON",
        "Télécharger data/sub/papers.yaml : JSON",
    ]


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("src/reading.yaml", "reading"),
        ("src/data/reading.yml", "data/reading"),
        ("src/data/reading.v2.yaml", "data/reading.v2"),
        ("src/.yaml", ".yaml"),
        ("src/data/notes.txt", "data/notes.txt"),
    ],
)
def test_download_names_follow_the_project(path: str, name: str) -> None:
    assert download_name(str(Path("/p", path)), "/p/src") == name


def test_files_outside_the_project_never_meet() -> None:
    first = download_name("/p/shared/a/reading.yaml", "/p/src")
    second = download_name("/p/shared/b/reading.yaml", "/p/src")
    assert first.startswith("_outside/") and first.endswith("/reading")
    assert first != second
    assert download_name("/p/shared/a/reading.yaml", "/p/src") == first


def test_a_real_list_is_offered_whole(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path,
        {
            "index.rst": "Awesome\n=======\n\n.. readinglist:: awesome.yaml\n   :limit: 3\n"
        },
        {"awesome.yaml": AWESOME.read_text(encoding="utf-8")},
        conf=f"{CONF}readinglist_downloads = ['json']\n",
    )
    outdir, warnings = build(srcdir)
    assert warnings == []
    assert len(page(outdir).select("article.readinglist-card")) == 3
    data = json.loads(
        (outdir / "_downloads" / "readinglist" / "awesome.json").read_text("utf-8")
    )
    assert len(data["resources"]) == 367


def test_the_links_are_valid_html(tmp_path: Path) -> None:
    outdir, warnings = build(project(tmp_path / "src", ["csl-json", "bibtex"]))
    assert warnings == []
    files = []
    for docname in ("index", "topics/page"):
        fragments = card_fragments(outdir / f"{docname}.html")
        assert any("readinglist-downloads" in f for f in fragments)
        path = tmp_path / f"{docname.replace('/', '--')}.html"
        path.write_text(fragment_document(fragments, docname), encoding="utf-8")
        files.append(path)
    assert vnu_errors(files) == []


def test_two_files_of_one_download_name_are_told(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path,
        {
            "index.rst": "Index\n=====\n\n.. readinglist:: a.yaml\n\n.. readinglist:: a.yml\n"
        },
        {"a.yaml": PAPERS, "a.yml": MORE_PAPERS},
        conf=f"{CONF}readinglist_downloads = ['json']\n",
    )
    outdir, warnings = build(srcdir)
    assert warnings == [
        f"{srcdir / 'a.yml'}:1: WARNING: the data files 'a.yaml' and 'a.yml' "
        "would both be downloaded as 'a.*'; the second offers the first's "
        "downloads: rename one of them [readinglist.file]"
    ]
    written = json.loads((outdir / "_downloads/readinglist/a.json").read_text("utf-8"))
    assert written["resources"][0]["id"] == "lecun2015"


def test_a_failing_export_warns_and_the_build_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_readinglist import download_files

    def failing(name: str) -> Any:
        def write(resources: Any) -> str:
            raise ValueError("no way")

        return write if name == "bibtex" else exporter(name)

    monkeypatch.setattr(download_files, "exporter", failing)
    srcdir = project(tmp_path, ["json", "bibtex"])
    outdir, warnings = build(srcdir)
    assert sorted(warnings) == [
        f"{srcdir / 'data' / name}:1: WARNING: the BibTeX download of this file "
        "could not be written (ValueError: no way); this is a bug of "
        "sphinx-readinglist if the folder is writable: please report it "
        "[readinglist.file]"
        for name in ("papers.yaml", "sub/papers.yaml")
    ]
    assert (outdir / "_downloads/readinglist/data/papers.json").is_file()
    assert not (outdir / "_downloads/readinglist/data/papers.bib").exists()


def test_the_command_line_can_ask_for_downloads(tmp_path: Path) -> None:
    """``sphinx-build -D readinglist_downloads=json,bibtex``."""
    srcdir = project(tmp_path, [])
    outdir, warnings = build(
        srcdir, confoverrides={"readinglist_downloads": "json,bibtex"}
    )
    assert warnings == []
    assert downloads(page(outdir))[0][0] == "Download: JSON · BibTeX"


def test_every_export_has_a_download_name() -> None:
    assert set(FORMATS) == set(EXPORTERS)
    endings = [ending for _text, ending, _type in FORMATS.values()]
    assert len(set(endings)) == len(endings)


def test_each_file_is_exported_once_however_many_pages_show_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_readinglist import download_files

    calls: list[tuple[str, tuple[str, ...]]] = []

    def counting(name: str) -> Any:
        def write(resources: Any) -> str:
            calls.append((name, tuple(r.id for r in resources)))
            return str(exporter(name)(resources))

        return write

    monkeypatch.setattr(download_files, "exporter", counting)
    _outdir, warnings = build(project(tmp_path, ["json", "bibtex"]))
    assert warnings == []
    # papers.yaml is shown by three directives on two pages
    assert sorted(calls) == [
        ("bibtex", ("lecun2015", "goodfellow2016")),
        ("bibtex", ("vaswani2017",)),
        ("json", ("lecun2015", "goodfellow2016")),
        ("json", ("vaswani2017",)),
    ]


@pytest.mark.parametrize(
    ("formats", "kept"), [([], False), (["json"], True)], ids=["off", "on"]
)
def test_each_file_is_parsed_once_and_kept_only_for_the_downloads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, formats: list[str], kept: bool
) -> None:
    from sphinx_readinglist.data import loader

    parsed: list[str] = []
    load = loader.load_file

    def counting(path: Path, *args: Any, **kwargs: Any) -> Any:
        parsed.append(Path(path).name)
        return load(path, *args, **kwargs)

    monkeypatch.setattr(loader, "load_file", counting)
    directive._file_cache.clear()
    _outdir, warnings = build(project(tmp_path, formats))
    assert warnings == []
    # papers.yaml is shown by three directives on two pages, and offered
    assert sorted(parsed) == ["papers.yaml", "papers.yaml"]
    # once every page is read, the cards hold what they show
    assert bool(directive._file_cache._results) is kept
