"""Several data files and patterns per directive; duplicate, relative and
scheme-relative URLs.

The address rules alone (tables of what compares equal, what names a page),
then ``roots/test-files`` built in rST and MyST: files merged in order,
patterns sorted, ``**``, a file named twice, each file's warnings at its own
lines. Then the edges: patterns and links that leave the source directory,
quoting, rebuilds when a file changes or a pattern matches a new file, and
the project-wide duplicate-URL warning in serial, parallel and incremental
builds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_readinglist.cards.data_files import MAX_MATCHES, split_argument
from sphinx_readinglist.data import load_text
from sphinx_readinglist.data.addresses import (
    comparable_url,
    is_scheme_relative,
    page_problem,
)
from sphinx_readinglist.warnings_ import Subtype

from ._sphinx import (
    CONF,
    ROOTS,
    SYNTAXES,
    build,
    directive_page,
    documents_read,
    page,
    plain,
    started,
    titles,
    warnings_of,
    write_project,
)

ROOT = ROOTS / "test-files"


def ours(warnings: list[str], srcdir: Path) -> list[str]:
    """The extension's warnings, with paths relative to ``srcdir``."""
    return [plain(w, srcdir) for w in warnings if "[readinglist." in w]


def listed(outdir: Path, docname: str, list_id: str) -> list[str]:
    found = page(outdir, docname).select_one(f"#{list_id}")
    assert found is not None, list_id
    return titles(found)


# -- the address rules ------------------------------------------------------------

SAME = [
    ("https://example.org/a", "http://example.org/a"),  # one scheme
    ("https://example.org/a", "https://EXAMPLE.org/a"),  # host case
    ("https://example.org/a", "https://www.example.org/a"),  # www.
    ("https://example.org/a", "https://example.org/a/"),  # final slash
    ("https://example.org/a", "https://example.org:443/a"),  # default port
    ("http://example.org/a", "http://example.org:80/a"),
    ("https://example.org", "https://example.org/"),
    ("https://example.org./a", "https://example.org/a"),  # final dot of the host
    ("HTTPS://example.org/a?x=1#y", "https://example.org/a/?x=1#y"),
    ("https://éxample.org/a", "https://ÉXAMPLE.org/a"),  # a Unicode host
]
DIFFERENT = [
    ("https://example.org/a", "https://example.org/A"),  # paths keep their case
    ("https://example.org/a?page=1", "https://example.org/a?page=2"),
    ("https://example.org/a#part-1", "https://example.org/a#part-2"),
    ("https://example.org/a", "https://example.org:8443/a"),
    ("https://example.org/a", "https://wwwexample.org/a"),
    ("https://example.org/a", "https://sub.example.org/a"),
    ("https://example.org/a", "https://exa\u200bmple.org/a"),  # zero-width space
    ("https://user@example.org/a", "https://example.org/a"),
]
NOT_COMPARED = [
    "mailto:someone@example.org",
    "ftp://example.org/a",
    "doi:10.1000/182",
    "intro.html",
    "//example.org/a",
    "https://[::1/a",  # an invalid IPv6 host
    "https://example.org:99999/a",  # an invalid port
    "https:///a",  # no host
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_addresses_of_one_resource_compare_equal(one: str, other: str) -> None:
    assert comparable_url(one) is not None
    assert comparable_url(one) == comparable_url(other)


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_other_resources_compare_unequal(one: str, other: str) -> None:
    assert comparable_url(one) != comparable_url(other)


@pytest.mark.parametrize("url", NOT_COMPARED)
def test_only_web_addresses_are_compared(url: str) -> None:
    assert comparable_url(url) is None


@pytest.mark.parametrize(
    ("url", "relative"),
    [
        ("//example.org/a", True),
        (" //example.org/a", True),
        ("\\\\example.org\\a", True),  # browsers read "\" as "/"
        ("/\\example.org/a", True),
        ("/\t/example.org/a", True),  # and drop tabs
        ("/a/b", False),
        ("https://example.org/a", False),
        ("a//b", False),
    ],
)
def test_scheme_relative_addresses(url: str, relative: bool) -> None:
    assert is_scheme_relative(url) is relative


DOCS = {"index", "intro", "guide/index", "guide/intro", "api/index", "flat"}


@pytest.mark.parametrize(
    ("url", "docname"),
    [
        ("intro.html", "index"),
        ("guide/intro.html", "index"),
        ("intro.html", "guide/index"),  # guide/intro, from the guide
        ("../intro.html", "guide/intro"),
        ("./", "index"),
        ("guide/", "index"),
        ("../api/", "guide/intro"),
        ("flat/", "index"),  # the dirhtml form of the page flat
        ("flat/index.html", "index"),
        ("guide/intro.html#part", "index"),  # the fragment is not checked
        ("intro.html?q=1", "index"),
        ("#part", "guide/intro"),  # this very page
        ("?q=1", "index"),
        ("guide/%69ntro.html", "index"),  # percent-encoded
        ("_static/notes.pdf", "index"),  # copied by the build
    ],
)
def test_relative_urls_of_pages_pass(url: str, docname: str) -> None:
    copied = {"_static/notes.pdf"}.__contains__
    assert page_problem(url, docname, DOCS, copied=copied) is None


@pytest.mark.parametrize(
    ("url", "docname", "words"),
    [
        ("cil-ster.html", "index", "leads to 'cil-ster.html'"),
        ("intro", "index", "write 'intro.html'"),
        ("intro.md", "index", "write 'intro.html'"),
        ("guide/intro.html", "guide/index", "did you mean 'intro.html'?"),
        ("intro.html", "api/index", "did you mean '../intro.html'?"),
        ("../../x.html", "guide/intro", "outside the documentation"),
        ("%2e%2e/%2e%2e/x.html", "guide/intro", "outside the documentation"),
        ("/guide/intro.html", "index", "at the root of the web server"),
        ("api/", "guide/index", "'guide/api/', which is not a page"),
        ("nowhere/", "index", "'nowhere/', which is not a page"),
        ("_static/missing.pdf", "index", "which is not a page of the project"),
        ("intro.html", "index/", "write"),  # an odd name does no harm
    ],
)
def test_relative_urls_of_no_page_are_explained(
    url: str, docname: str, words: str
) -> None:
    reason = page_problem(url, docname, DOCS)
    assert reason is not None and words in reason, reason
    assert "full address (https://...)" in reason or "write 'intro" in reason


def test_a_huge_or_odd_relative_url_is_explained_quickly() -> None:
    huge = "a/" * 50_000 + "x.html"
    reason = page_problem(huge, "index", {f"p{i}" for i in range(5_000)})
    assert reason is not None and "..." in reason  # cut in the message
    for odd in ["\u202eevil.html", "a\u200b.html", "\ud800.html", "x" * 10_000]:
        assert page_problem(odd, "index", DOCS) is not None


def test_absolute_and_scheme_relative_urls_are_no_relative_pages() -> None:
    for url in ["https://x.org/a", "mailto:a@b.c", "//x.org/a", "JaVaScRiPt:x"]:
        assert page_problem(url, "index", DOCS) is None


def test_split_argument() -> None:
    assert split_argument("a.yaml  b.yaml\tc/*.yaml") == [
        "a.yaml",
        "b.yaml",
        "c/*.yaml",
    ]
    assert split_argument("\"my list.yaml\" 'other list.yaml' b.yaml") == [
        "my list.yaml",
        "other list.yaml",
        "b.yaml",
    ]
    # no shell: backslashes are kept, and nothing is expanded
    assert split_argument(r"data\a.yaml $(touch x) `id`") == [
        r"data\a.yaml",
        "$(touch",
        "x)",
        "`id`",
    ]
    with pytest.raises(ValueError, match="closing quotation"):
        split_argument('"my list.yaml b.yaml')


# -- the data layer: //host is not linked -----------------------------------------

SCHEME_RELATIVE = """\
resources:
  - title: Without scheme
    url: //example.org/paper.pdf
    links:
      - {title: Slides, url: "//example.org/slides.pdf"}
      - {title: Kept, url: "https://example.org/kept"}
    translations: {fr: "\\\\\\\\example.org/fr"}
    archive: " //web.archive.org/web/2020/example.org"
"""


def test_scheme_relative_addresses_are_reported_and_not_linked() -> None:
    data = load_text(SCHEME_RELATIVE, "list.yaml")
    (resource,) = data.resources
    assert resource.url is None and resource.archive is None
    assert resource.translations == ()
    assert [link.url for link in resource.links] == ["https://example.org/kept"]
    problems = sorted(data.problems, key=lambda p: p.location.line)
    assert [(p.location.line, p.subtype) for p in problems] == [
        (3, "url"),
        (5, "url"),
        (7, "url"),
        (8, "url"),
    ]
    assert problems[0].message == (
        "entry 'Without scheme': url '//example.org/paper.pdf' has no scheme, so "
        "it works only in a web page served over HTTP, not in a PDF, an e-book "
        "or a page opened from disk, and is not linked; write it in full: "
        "'https://example.org/paper.pdf'"
    )
    assert "write it in full: 'https://example.org/fr'" in problems[2].message


def test_the_url_line_is_kept_for_later_checks() -> None:
    data = load_text(
        "resources:\n  - title: A\n    kind: paper\n    url: intro.html\n", "l.yaml"
    )
    assert str(data.resources[0].url_location) == "l.yaml:4"


# -- several files and patterns: the test root, in both syntaxes ------------------


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    srcdir = tmp_path_factory.mktemp("files").resolve() / "src"
    shutil.copytree(ROOT, srcdir)
    outdir, warnings = build(srcdir)
    return outdir, ours(warnings, srcdir)


LISTS = {
    # in the order given
    "two": ["Paper one", "Paper two", "Book one"],
    # sorted: books.yaml first, and its paper-one wins over papers.yaml's
    "glob": ["Book one", "Paper one again", "Spaced", "Paper two"],
    # ** at any depth; hidden, excluded and folder matches passed over
    "recursive": ["Book one", "Paper one again", "Deep", "Deepest", "Spaced", "Paper two"],
    # a file named three times is read once
    "twice": ["Paper one", "Paper two"],
    # :ids: over the merged list, in its own order
    "selected": ["Paper two", "Book one"],
    # a whole argument that names a file, spaces and all
    "spaces": ["Spaced"],
    "quoted": ["Spaced", "Deep"],
}  # fmt: skip


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize("name", sorted(LISTS))
def test_files_are_merged_in_order(
    files: tuple[Path, list[str]], syntax: str, name: str
) -> None:
    outdir, _warnings = files
    docname, list_id = ("index", name) if syntax == "rst" else ("myst", f"myst-{name}")
    assert listed(outdir, docname, list_id) == LISTS[name]


def test_patterns_are_relative_to_the_page_or_the_source(
    files: tuple[Path, list[str]],
) -> None:
    outdir, _warnings = files
    assert listed(outdir, "guide/intro", "from-guide") == LISTS["glob"]
    assert listed(outdir, "guide/intro", "from-root") == ["Deep", "Deepest"]


def test_each_file_warns_at_its_own_lines_once(files: tuple[Path, list[str]]) -> None:
    _outdir, warnings = files
    nothing = (
        "WARNING: the pattern {!r} matches no data file (it is relative to "
        "this document's folder); check the pattern, or add a file that it "
        "matches [readinglist.file]"
    )
    assert sorted(warnings) == sorted(
        [
            "data/books.yaml:9: WARNING: entry 'Paper one again': 'kind' must be "
            "one of paper, book, course, video, blog, article, website, tool, "
            "list, talk, podcast, other, got 'bok'; did you mean 'book'? "
            "[readinglist.data]",
            "data/papers.yaml:11: WARNING: entry 'Paper two': 'year' must be an "
            "integer, got 'soon'; write e.g. year: 2015 [readinglist.data]",
            # the same id in two files names both places
            "data/papers.yaml:2: WARNING: entry 'Paper one': duplicate id "
            "'paper-one' (first defined at data/books.yaml:7); ids are shared "
            "by the whole project, give this entry another 'id' "
            "[readinglist.duplicate]",
            "index.rst:31: " + nothing.format("nothing/*.yaml"),
            "index.rst:33: " + nothing.format("data/**/*.json"),
            "myst.md:32: " + nothing.format("nothing/*.yaml"),
            "myst.md:35: " + nothing.format("data/**/*.json"),
        ]
    )


def test_the_filter_is_named_after_the_first_file(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path.resolve() / "src",
        {"index.rst": "Index\n=====\n\n.. readinglist:: b.yaml a.yaml\n   :filter:\n"},
        {
            "a.yaml": "- {title: A, kind: paper}\n",
            "b.yaml": "- {title: B, kind: book}\n",
        },
    )
    outdir, warnings = build(srcdir)
    assert warnings == []
    assert page(outdir).select_one("div.readinglist")["id"] == "readinglist-b"  # type: ignore[index]


# -- what a path or a pattern may not read ----------------------------------------


def _outside_project(tmp_path: Path, index: str) -> Path:
    root = tmp_path.resolve()
    (root / "outside.yaml").write_text("- title: Outside\n", encoding="utf-8")
    srcdir = write_project(
        root / "src",
        {"index.rst": f"Index\n=====\n\n{index}"},
        {"data/inside.yaml": "- title: Inside\n"},
    )
    # another file: Sphinx 7.4 names a file by its link, Sphinx 9 by its target
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "linked.yaml").write_text("- title: Linked\n", "utf-8")
    (srcdir / "data" / "link.yaml").symlink_to(root / "elsewhere" / "linked.yaml")
    return srcdir


OUTSIDE = (
    ".. readinglist:: ../*.yaml\n   :name: up\n\n"
    ".. readinglist:: data/*.yaml\n   :name: matched\n"
)


def test_patterns_do_not_leave_the_source_directory(tmp_path: Path) -> None:
    srcdir = _outside_project(tmp_path, OUTSIDE)
    outdir, warnings = build(srcdir)
    assert ours(warnings, srcdir) == [
        "index.rst:4: WARNING: the pattern '../*.yaml' looks outside the source "
        "directory, and no file is read; move the data into the documentation, "
        "or set readinglist_allow_outside_srcdir = True [readinglist.unsafe]",
        # a link is followed before it is trusted
        "index.rst:7: WARNING: the data file 'data/link.yaml' (matched by "
        "'data/*.yaml') is outside the source directory and is not read; move "
        "it into the documentation, or set readinglist_allow_outside_srcdir = "
        "True [readinglist.unsafe]",
    ]
    assert page(outdir).select_one("#up") is None
    assert listed(outdir, "index", "matched") == ["Inside"]
    assert "Outside" not in page(outdir).get_text()
    assert "Linked" not in page(outdir).get_text()


def test_patterns_leave_it_when_the_project_allows(tmp_path: Path) -> None:
    srcdir = _outside_project(tmp_path, OUTSIDE)
    outdir, warnings = build(
        srcdir, confoverrides={"readinglist_allow_outside_srcdir": True}
    )
    assert ours(warnings, srcdir) == []
    assert listed(outdir, "index", "up") == ["Outside"]
    # inside.yaml, then link.yaml
    assert listed(outdir, "index", "matched") == ["Inside", "Linked"]


def test_a_pattern_reads_no_output(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path.resolve() / "src",
        {"index.rst": "Index\n=====\n\n.. readinglist:: /**/*.yaml\n   :name: all\n"},
        {
            "data.yaml": "- title: Data\n",
            # Sphinx copies html_extra_path into the output, which is inside
            "extra/copied.yaml": "- title: Copied\n",
        },
        conf=CONF + 'html_extra_path = ["extra"]\n',
    )
    with started(srcdir, builddir=srcdir / "_build") as app:
        assert listed(Path(app.outdir), "index", "all") == ["Data", "Copied"]
        assert (Path(app.outdir) / "copied.yaml").is_file()
        # the pattern matches the output's copy now: the page is read again,
        # and the copy is no data
        assert documents_read(app) == {"index"}
        assert listed(Path(app.outdir), "index", "all") == ["Data", "Copied"]
        assert documents_read(app) == set()
        assert ours(warnings_of(app._warning), srcdir) == []


def test_a_pattern_that_matches_too_much_reads_nothing(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path.resolve() / "src",
        {"index.rst": "Index\n=====\n\n.. readinglist:: many/*.yaml\n"},
        {f"many/{n:04}.yaml": "- title: x\n" for n in range(MAX_MATCHES + 1)},
    )
    outdir, warnings = build(srcdir)
    assert ours(warnings, srcdir) == [
        f"index.rst:4: WARNING: the pattern 'many/*.yaml' matches more than "
        f"{MAX_MATCHES:,} files, and none is read; narrow it, such as "
        "'data/*.yaml' [readinglist.file]"
    ]
    assert page(outdir).select("article") == []


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_quotes_and_spaces(tmp_path: Path, syntax: str) -> None:
    srcdir = tmp_path.resolve() / "src"
    unclosed = directive_page(syntax, '"my list.yaml b.yaml')
    missing = directive_page(syntax, "my b.yaml")
    write_project(
        srcdir,
        {
            f"index{unclosed.suffix}": unclosed.text,
            f"other{missing.suffix}": missing.text,
        },
        {"my list.yaml": "- title: Mine\n", "b.yaml": "- title: B\n"},
        conf=CONF + 'exclude_patterns = ["_build"]\n',
    )
    _outdir, warnings = build(srcdir)
    found = ours(warnings, srcdir)
    assert (
        f"index{unclosed.suffix}:{unclosed.line}: WARNING: the argument "
        "'\"my list.yaml b.yaml' has a quote that is not closed; quote a path "
        'that holds spaces, as in \'.. readinglist:: "my list.yaml" '
        "books.yaml' [readinglist.file]"
    ) in found
    # 'my' is not found; the message says how to write a path with spaces
    assert (
        f"other{missing.suffix}:{missing.line}: WARNING: data file 'my' not found "
        "(looked for my); the path is relative to this document, or to the "
        "source directory when it starts with '/'; quote a path that holds "
        'spaces, as in "my list.yaml" [readinglist.file]'
    ) in found


# -- rebuilds -----------------------------------------------------------------------


def test_a_page_is_read_again_when_a_file_or_a_match_changes(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path.resolve() / "src",
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n\n   two\n   glob\n   plain\n",
            "two.rst": "Two\n===\n\n.. readinglist:: a.yaml b.yaml\n",
            "glob.md": "# Glob\n\n```{readinglist} data/*.yaml\n```\n",
            "plain.rst": "Plain\n=====\n\nNo list.\n",
        },
        {
            "a.yaml": "- title: A\n",
            "b.yaml": "- title: B\n",
            "data/c.yaml": "- title: C\n",
        },
    )
    builddir = tmp_path / "build"
    with started(srcdir, builddir=builddir):
        pass
    with started(srcdir, builddir=builddir, build=False) as app:
        assert documents_read(app) == set()  # nothing changed: nothing read
    (srcdir / "b.yaml").write_text("- title: B edited\n", encoding="utf-8")
    with started(srcdir, builddir=builddir, build=False) as app:
        assert documents_read(app) == {"two"}
    assert titles(page(builddir / "html", "two")) == ["A", "B edited"]
    # a new file that the pattern matches: the page is read again
    (srcdir / "data" / "b.yaml").write_text("- title: New\n", encoding="utf-8")
    with started(srcdir, builddir=builddir, build=False) as app:
        assert documents_read(app) == {"glob"}
    assert titles(page(builddir / "html", "glob")) == ["New", "C"]
    with started(srcdir, builddir=builddir, build=False) as app:
        assert documents_read(app) == set()
    # and a file gone
    (srcdir / "data" / "c.yaml").unlink()
    with started(srcdir, builddir=builddir, build=False) as app:
        assert documents_read(app) == {"glob"}
        assert ours(warnings_of(app._warning), srcdir) == []
    assert titles(page(builddir / "html", "glob")) == ["New"]


# -- duplicate URLs --------------------------------------------------------------------

FIRST = """\
resources:
  - id: original
    title: Original
    url: https://example.org/paper/
  - id: section
    title: A section of it
    url: https://example.org/paper#part-2
  - id: contact
    title: Contact
    url: mailto:someone@example.org
"""
SECOND = """\
resources:
  - id: again
    title: Again
    url: http://WWW.Example.org:80/paper
  - id: contact-again
    title: Contact again
    url: mailto:someone@example.org
"""
AGAIN = (
    "second.yaml:2: WARNING: entry 'Again': url 'http://WWW.Example.org:80/paper' "
    "is the address of entry 'Original' too (first.yaml:2); keep one entry, "
    "and show it on other pages with :ids:, or remove the url of one "
    "[readinglist.duplicate_url]"
)


def _duplicates(srcdir: Path, syntax: str, body: str = "") -> Path:
    one = directive_page(syntax, "first.yaml")
    # the same file shown twice, and the second file with it
    two = directive_page(syntax, "first.yaml second.yaml", body=body)
    return write_project(
        srcdir,
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n\n   one\n   two\n   three\n",
            f"one{one.suffix}": one.text,
            f"two{two.suffix}": two.text,
            "three.rst": "Three\n=====\n\nNo list.\n",
        },
        {"first.yaml": FIRST, "second.yaml": SECOND},
    )


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_one_address_in_two_entries_is_reported_once(
    tmp_path: Path, syntax: str
) -> None:
    srcdir = _duplicates(tmp_path.resolve() / "src", syntax)
    outdir, warnings = build(srcdir)
    # first.yaml is shown twice: its entries are not duplicates of themselves
    assert ours(warnings, srcdir) == [AGAIN]
    # a warning, not a refusal: both cards link
    links = [a["href"] for a in page(outdir, "two").select(".readinglist-title a")]
    assert "http://WWW.Example.org:80/paper" in links


def test_a_duplicate_address_in_a_directive_body(tmp_path: Path) -> None:
    body = "- title: In the body\n  url: https://example.org/paper\n"
    srcdir = write_project(
        tmp_path.resolve() / "src",
        {
            "index.rst": "Index\n=====\n\n.. readinglist:: first.yaml\n\n"
            ".. readinglist::\n\n"
            + "".join(f"   {line}\n" for line in body.splitlines())
        },
        {"first.yaml": FIRST},
    )
    _outdir, warnings = build(srcdir)
    assert ours(warnings, srcdir) == [
        "index.rst:8: WARNING: entry 'In the body': url "
        "'https://example.org/paper' is the address of entry 'Original' too "
        "(first.yaml:2); keep one entry, and show it on other pages with :ids:, "
        "or remove the url of one [readinglist.duplicate_url]"
    ]


def test_duplicate_urls_can_be_silenced(tmp_path: Path) -> None:
    srcdir = _duplicates(tmp_path.resolve() / "src", "rst")
    _outdir, warnings = build(
        srcdir, confoverrides={"suppress_warnings": ["readinglist.duplicate_url"]}
    )
    assert ours(warnings, srcdir) == []


def test_a_parallel_build_warns_once(tmp_path: Path) -> None:
    srcdir = _duplicates(tmp_path.resolve() / "src", "myst")
    (srcdir / "data").mkdir()
    (srcdir / "data" / "links.yaml").write_text(
        "- {title: Nowhere, url: cil-ster.html}\n", encoding="utf-8"
    )
    for n in range(6):  # enough pages for the reading to be shared out
        (srcdir / f"more{n}.md").write_text(
            f"# More {n}\n\n```{{readinglist}} first.yaml second.yaml "
            "data/*.yaml\n```\n",
            encoding="utf-8",
        )
    with started(srcdir, parallel=2) as app:
        assert app.parallel == 2
        warnings = ours(warnings_of(app._warning), srcdir)
    # the pages of one folder share one message: one warning for them all
    assert warnings == [
        "data/links.yaml:1: WARNING: entry 'Nowhere': url 'cil-ster.html' leads "
        "to 'cil-ster.html', which is not a page of the project; write the path "
        "of a page relative to the page that shows the card (such as "
        "'intro.html' or '../guide/'), or a full address (https://...) "
        "[readinglist.url]",
        AGAIN,
    ]


def test_duplicate_urls_in_incremental_builds(tmp_path: Path) -> None:
    """As for ids: a build that reads a file of the pair again warns again."""
    srcdir = _duplicates(tmp_path.resolve() / "src", "rst")
    builddir = tmp_path / "build"
    with started(srcdir, builddir=builddir) as app:
        assert ours(warnings_of(app._warning), srcdir) == [AGAIN]
    with started(srcdir, builddir=builddir, build=False) as app:
        assert documents_read(app) == set()
        assert ours(warnings_of(app._warning), srcdir) == []
    second = srcdir / "second.yaml"
    second.write_text(SECOND.replace("Again", "Again, edited"), encoding="utf-8")
    with started(srcdir, builddir=builddir, build=False) as app:
        assert documents_read(app) == {"two"}
        assert ours(warnings_of(app._warning), srcdir) == [
            AGAIN.replace("'Again'", "'Again, edited'")
        ]
    # fixed: no warning, and none left behind
    second.write_text(SECOND.replace("WWW.Example.org:80", "example.net"), "utf-8")
    with started(srcdir, builddir=builddir, build=False) as app:
        assert documents_read(app) == {"two"}
        assert ours(warnings_of(app._warning), srcdir) == []


# -- relative URLs --------------------------------------------------------------------

LINKS = """\
resources:
  - id: to-a-page
    title: To a page
    url: intro.html
  - id: to-no-page
    title: To no page
    url: cil-ster.html
  - id: to-a-copied-file
    title: To a copied file
    url: _static/notes.txt
  - id: to-this-page
    title: To this page
    url: "#notes"
  - id: without-scheme
    title: Without scheme
    url: //example.org/paper
    archive: //web.archive.org/web/2020/example.org
  - id: dead
    title: Dead, and not linked
    url: gone.html
    status: dead
"""


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_a_relative_url_must_name_a_page(tmp_path: Path, syntax: str) -> None:
    shown = directive_page(syntax, "/links.yaml")
    srcdir = write_project(
        tmp_path.resolve() / "src",
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n\n   intro\n   guide/list\n",
            f"intro{shown.suffix}": shown.text.replace("Page", "Intro"),
            f"guide/list{shown.suffix}": shown.text.replace("Page", "Guide"),
        },
        {"links.yaml": LINKS, "static/notes.txt": "Notes\n"},
        conf=CONF + 'html_static_path = ["static"]\n',
    )
    outdir, warnings = build(srcdir)
    fix = (
        "write the path of a page relative to the page that shows the card "
        "(such as 'intro.html' or '../guide/'), or a full address (https://...)"
    )
    assert ours(warnings, srcdir) == [
        # from the guide's folder only: from intro, the url is its own page
        "links.yaml:4: WARNING: entry 'To a page': url 'intro.html' leads to "
        "'guide/intro.html', which is not a page of the project; "
        f"{fix}; did you mean '../intro.html'? [readinglist.url]",
        # from each folder, where it leads
        "links.yaml:7: WARNING: entry 'To no page': url 'cil-ster.html' leads "
        f"to 'cil-ster.html', which is not a page of the project; {fix} "
        "[readinglist.url]",
        "links.yaml:7: WARNING: entry 'To no page': url 'cil-ster.html' leads "
        "to 'guide/cil-ster.html', which is not a page of the project; "
        f"{fix} [readinglist.url]",
        "links.yaml:10: WARNING: entry 'To a copied file': url "
        "'_static/notes.txt' leads to 'guide/_static/notes.txt', which is not "
        f"a page of the project; {fix} [readinglist.url]",
        "links.yaml:16: WARNING: entry 'Without scheme': url '//example.org/paper' "
        "has no scheme, so it works only in a web page served over HTTP, not in "
        "a PDF, an e-book or a page opened from disk, and is not linked; write "
        "it in full: 'https://example.org/paper' [readinglist.url]",
        "links.yaml:17: WARNING: entry 'Without scheme': archive "
        "'//web.archive.org/web/2020/example.org' has no scheme, so it works "
        "only in a web page served over HTTP, not in a PDF, an e-book or a page "
        "opened from disk, and is not linked; write it in full: "
        "'https://web.archive.org/web/2020/exam...' [readinglist.url]",
    ]
    # a warning, not a refusal: the relative links are kept as written
    card_links = {
        card["id"]: [a["href"] for a in card.select("a.reference.external")]
        for card in page(outdir, "intro").select("article")
    }
    assert card_links["to-no-page"] == ["cil-ster.html"]
    assert card_links["to-a-page"] == ["intro.html"]
    assert card_links["to-this-page"] == ["#notes"]
    # no link without a scheme, anywhere in the card
    assert card_links["without-scheme"] == []
    assert "//example.org" not in str(
        page(outdir, "intro").select_one("#without-scheme")
    )


def test_relative_urls_can_be_silenced(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path.resolve() / "src",
        {"index.rst": "Index\n=====\n\n.. readinglist:: links.yaml\n"},
        {"links.yaml": LINKS},
    )
    _outdir, warnings = build(
        srcdir, confoverrides={"suppress_warnings": ["readinglist.url"]}
    )
    assert ours(warnings, srcdir) == []


def test_no_link_without_scheme_in_print(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path.resolve() / "src",
        {"index.rst": "Index\n=====\n\n.. readinglist:: links.yaml\n"},
        {"links.yaml": LINKS.replace("url: intro.html", "url: index.html")},
        conf=CONF + 'suppress_warnings = ["readinglist.url"]\n',
    )
    outdir, _warnings = build(srcdir, "latex")
    tex = next(Path(outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Without scheme" in tex
    assert "example.org/paper" not in tex and "web.archive.org" not in tex


def test_html_stays_parseable_with_odd_addresses(tmp_path: Path) -> None:
    odd = """\
resources:
  - title: Quote
    url: "x.html\\"><script>alert(1)</script>"
  - title: Right to left
    url: "\\u202eevil.html"
  - title: Encoded climb
    url: "%2e%2e/%2e%2e/etc/passwd"
  - title: Huge
    url: "https://example.org/{huge}"
  - title: Huge again
    url: "https://example.org/{huge}/"
""".replace("{huge}", "a" * 20_000)
    srcdir = write_project(
        tmp_path.resolve() / "src",
        {"index.rst": "Index\n=====\n\n.. readinglist:: odd.yaml\n"},
        {"odd.yaml": odd},
    )
    # the JSON-LD on: its addresses are checked below
    outdir, warnings = build(
        srcdir, confoverrides={"readinglist_structured_data": True}
    )
    found = ours(warnings, srcdir)
    assert [w.split(": WARNING")[0] for w in found] == [
        "odd.yaml:3",
        "odd.yaml:5",
        "odd.yaml:7",
        "odd.yaml:10",
    ]
    assert "outside the documentation" in found[2]
    assert "'https://example.org/aaaaaaaaaaaaaaaaa...'" in found[3]
    assert found[3].endswith("[readinglist.duplicate_url]")
    assert all(len(w) < 1_000 for w in found)
    soup = BeautifulSoup((outdir / "index.html").read_text("utf-8"), "html.parser")
    # the structured data holds the addresses as JSON text, escaped
    data = soup.select('script[type="application/ld+json"]')
    assert len(data) == 1 and "<script>" not in str(data[0])
    assert soup.select("script[src]") and not [
        s for s in soup.select("script") if "alert" in s.get_text() and s not in data
    ]


@pytest.mark.parametrize("builder", ["man", "html"])
def test_a_backslash_in_an_address_is_refused(tmp_path: Path, builder: str) -> None:
    # a browser reads "\\" as "/" (the first page is on good.example), roff
    # as an escape: "\\X'...'" would be a device command in a man page
    data = r"""resources:
  - title: Slash
    url: 'https://good.example\@evil.example/'
  - title: Roff
    url: https://example.org/
    links:
      - {title: Escape, url: 'https://example.org/\X''tty:x''/'}
    description: 'See `this <https://example.org/\\fBbold>`_.'
"""
    srcdir = write_project(
        tmp_path.resolve() / "src",
        {"index.rst": "Index\n=====\n\n.. readinglist:: odd.yaml\n"},
        {"odd.yaml": data},
        conf=CONF + 'man_pages = [("index", "odd", "Odd", [], 1)]\n',
    )
    outdir, warnings = build(srcdir, builder)
    found = ours(warnings, srcdir)
    assert [w.split(": WARNING")[0] for w in found] == [
        "odd.yaml:3",
        "odd.yaml:7",
        "odd.yaml:8",
    ]
    assert all("it contains a backslash" in w for w in found)
    if builder == "man":
        text = (outdir / "odd.1").read_text(encoding="utf-8")
        # (Sphinx 7 writes each link as \X'tty: link ...': only the refused
        # addresses must be missing)
        assert "evil" not in text
        assert "tty:x" not in text and "fBbold" not in text
    else:
        soup = BeautifulSoup((outdir / "index.html").read_text("utf-8"), "html.parser")
        hrefs = [a["href"] for a in soup.select("a[href]")]
        assert not [h for h in hrefs if "\\" in h]


def test_every_subtype_is_documented() -> None:
    text = (ROOTS.parent.parent / "docs" / "warnings.md").read_text(encoding="utf-8")
    for subtype in Subtype:
        anchor = subtype.value.replace("_", "-")
        assert f"(warning-{anchor})=\n\n### `readinglist.{subtype.value}`" in text


# -- attacks on the argument ------------------------------------------------------


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_odd_arguments_warn_and_never_crash(tmp_path: Path, syntax: str) -> None:
    arguments = {
        "long": "x" * 5_000 + ".yaml",
        "climb": "/../../etc/*",
        "rtl": "data/\u202e*.yaml",
        "zero-width": "data/zero\u200bwidth.yaml",
        # (a backtick would end a MyST fence's first line)
        "shell": "$(touch ran) ;touch ran3 |id>ran4",
        "quoted": "'single quoted.yaml'",
    }
    pages = {
        name: directive_page(syntax, argument) for name, argument in arguments.items()
    }
    srcdir = write_project(
        tmp_path.resolve() / "src",
        {
            "index.rst": "Index\n=====\n",
            **{f"{name}{p.suffix}": p.text for name, p in pages.items()},
        },
        {
            "data/\u202elmay.yaml": "- title: Right to left\n",
            "single quoted.yaml": "- title: Single quoted\n",
        },
        conf=CONF + 'exclude_patterns = ["_build"]\n',
    )
    outdir, warnings = build(srcdir)
    found: dict[str, str] = {}
    for warning in ours(warnings, srcdir):
        name = warning.split(":", 1)[0]
        found[name] = found.get(name, "") + warning
    at = {name: f"{name}{p.suffix}" for name, p in pages.items()}
    assert "File name too long" in found[at["long"]]
    assert "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'" in found[at["long"]]
    assert "looks outside the source directory" in found[at["climb"]]
    assert "'data/zero\\u200bwidth.yaml' not found" in found[at["zero-width"]]
    assert "'$(touch' not found" in found[at["shell"]]
    assert set(found) == {at["long"], at["climb"], at["zero-width"], at["shell"]}
    assert titles(page(outdir, "rtl")) == ["Right to left"]
    assert titles(page(outdir, "quoted")) == ["Single quoted"]
    assert not list(srcdir.rglob("ran*")) and not list(Path.cwd().glob("ran*"))
