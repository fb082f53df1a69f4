"""Identifiers (``doi``, ``arxiv``, ``isbn``) and dead links (``status``, ``archive``).

The validators alone (tables of what they accept and refuse), the loader's
located messages, the schema's agreement with both, then real builds of
``roots/test-identifiers`` in every output, and the attacks: markup, scripts,
invisible characters and huge values in an identifier, a bad resolver.
"""

from __future__ import annotations

import functools
import http.server
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from sphinx_readinglist.cards.nodes import readinglist_search_text
from sphinx_readinglist.data import load_text
from sphinx_readinglist.data.identifiers import (
    MAX_DOI,
    arxiv_url,
    check_arxiv,
    check_doi,
    check_isbn,
    doi_url,
    isbn_check_digit,
    isbn_resolver_problem,
    isbn_url,
)
from sphinx_readinglist.data.schema_check import (
    certainly_valid,
    jsonschema_validator,
    schema,
)

from ._sphinx import (
    CONF,
    ROOTS,
    SYNTAXES,
    build,
    build_copy,
    card_parts,
    directive_page,
    page,
    started,
    warnings_of,
    write_project,
)
from ._tools import (
    chromium_path,
    latexmk_pdf,
    load_script,
    missing_tool,
    served,
)

ROOT = ROOTS / "test-identifiers"
RESOLVER = "https://openlibrary.org/isbn/{isbn}"


# -- the validators ---------------------------------------------------------------

GOOD_DOIS = [
    ("10.1038/nature14539", "10.1038/nature14539"),
    ("10.48550/arXiv.1502.03167", "10.48550/arXiv.1502.03167"),
    ("10.1000.10/123", "10.1000.10/123"),  # a registrant's subdivision
    ("  10.1145/3292500.3330701  ", "10.1145/3292500.3330701"),
    (  # an old SICI: markup characters are part of DOIs
        "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
        "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
    ),
    ('10.1234/x"><script>#?', '10.1234/x"><script>#?'),
    ("10.1234/é", "10.1234/é"),
]
PREFIXED_DOIS = [
    ("https://doi.org/10.1038/nature14539", "10.1038/nature14539"),
    ("http://dx.doi.org/10.1038/nature14539", "10.1038/nature14539"),
    ("doi:10.1038/nature14539", "10.1038/nature14539"),
    ("DOI: 10.1038/nature14539", "10.1038/nature14539"),
    # a link's DOI is percent-encoded; the bare DOI is not
    ("https://doi.org/10.1002/%28SICI%291097", "10.1002/(SICI)1097"),
]
BAD_DOIS = [
    "nature14539",
    "11.1038/nature14539",
    "10.103/nature14539",  # registrant codes have four digits or more
    "10.1038",
    "10.1038/",
    "10.1038 /nature14539",
    "10.1038/nature 14539",
    "10.1038/nature14539\u200b",  # zero-width space
    "10.1038/abc\u202egpj.exe",  # right-to-left override
    "10.1038/\u2066x",  # left-to-right isolate
    "10.1038/\ufeffx",  # byte order mark
    "javascript:alert(1)",
    "https://doi.org/javascript:alert(1)",
    "https://example.org/10.1038/nature14539",
    "10.1234/" + "x" * MAX_DOI,
]


@pytest.mark.parametrize(("text", "bare"), GOOD_DOIS)
def test_dois_accepted(text: str, bare: str) -> None:
    assert check_doi(text).value == bare
    assert check_doi(text).note is None


@pytest.mark.parametrize(("text", "bare"), PREFIXED_DOIS)
def test_prefixed_dois_are_kept_bare_with_a_note(text: str, bare: str) -> None:
    checked = check_doi(text)
    assert checked.value == bare
    assert checked.note is not None
    assert f"write the DOI alone: doi: {bare}" in checked.note


@pytest.mark.parametrize("text", BAD_DOIS)
def test_dois_refused(text: str) -> None:
    checked = check_doi(text)
    assert checked.value is None
    assert checked.problem is not None
    assert "e.g. doi: 10.1038/nature14539" in checked.problem


GOOD_ARXIV = [
    "1502.03167",
    "1502.03167v2",
    "0704.0001",  # the first new-style id: four digits
    "1412.6980",
    "2312.00752v12",
    "hep-th/9901001",
    "hep-th/9901001v2",
    "math.AG/0601001",
    "cond-mat/0207270",
    "q-bio/0409011",
]
BAD_ARXIV = [
    "1502.3167",  # four digits: five from 2015
    "1502.0316",  # so a float's lost zero is caught
    "1412.69800",  # and five before
    "0612.0001",  # no new-style ids before April 2007
    "1502.316",
    "1502.031670",  # six
    "1513.03167",  # no 13th month
    "1500.03167",
    "1502.03167v0",
    "1502.03167v",
    "15023167",
    "hep-th/990100",
    "HEP-TH/9901001",
    "hep-th/9901001v2 ",  # stripped, then fine: see below
    "hep_th/9901001",
    "math.ag/0601001",
    "1502.03167\u200b",
    "javascript:alert(1)//1502.03167",
    "1502.03167" + "0" * 100,
]


@pytest.mark.parametrize("text", GOOD_ARXIV)
def test_arxiv_ids_accepted(text: str) -> None:
    assert check_arxiv(text) == check_arxiv(f" {text} ")
    assert check_arxiv(text).value == text


@pytest.mark.parametrize("text", [t for t in BAD_ARXIV if t != t.strip()])
def test_arxiv_ids_are_stripped(text: str) -> None:
    assert check_arxiv(text).value == text.strip()


@pytest.mark.parametrize("text", [t for t in BAD_ARXIV if t == t.strip()])
def test_arxiv_ids_refused(text: str) -> None:
    checked = check_arxiv(text)
    assert checked.value is None
    assert checked.problem is not None
    assert "e.g. arxiv: '1502.03167'" in checked.problem


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("arXiv:1502.03167", "1502.03167"),
        ("https://arxiv.org/abs/1502.03167v2", "1502.03167v2"),
        ("https://arxiv.org/pdf/1502.03167.pdf", "1502.03167"),
    ],
)
def test_prefixed_arxiv_ids_are_kept_bare_with_a_note(text: str, bare: str) -> None:
    checked = check_arxiv(text)
    assert (checked.value, checked.note is not None) == (bare, True)


GOOD_ISBNS = [
    "978-0-262-03561-3",
    "9780262035613",
    "978 0 262 03561 3",
    "0-262-03561-8",
    "0262035618",
    "0-8044-2957-X",
    "080442957x",  # a lower-case x is shown upper-case
    "979-10-90636-07-1",
    "0-306-40615-2",
]
BAD_ISBNS = [
    ("978-0-262-03561-4", "wrong check digit: with these digits it would be 3"),
    ("0-262-03561-9", "wrong check digit: with these digits it would be 8"),
    ("0-8044-2957-5", "wrong check digit: with these digits it would be X"),
    ("123-4-56-789012-8", "is not an ISBN-13, which starts with 978 or 979"),
    ("978-0-262-03561", "has 12 digits, and an ISBN has 10 or 13"),
    ("X-262-03561-8", "is not written as an ISBN"),
    ("978--0-262-03561-3", "is not written as an ISBN"),
    ("-9780262035613", "is not written as an ISBN"),
    ("978-0-262-0356X-3", "is not written as an ISBN"),
    ("978\u20100\u2010262\u201003561\u20103", "is not an ISBN"),  # U+2010 hyphens
    ("978-0-262-03561-3\u200b", "the invisible character U+200B"),
    ("ISBN-is-not-a-number", "is not an ISBN"),
    ("9" * 41, "characters long, longer than an ISBN"),
]


@pytest.mark.parametrize("text", GOOD_ISBNS)
def test_isbns_accepted(text: str) -> None:
    assert check_isbn(text).value == text.upper()


@pytest.mark.parametrize(("text", "why"), BAD_ISBNS)
def test_isbns_refused(text: str, why: str) -> None:
    checked = check_isbn(text)
    assert checked.value is None
    assert checked.problem is not None and why in checked.problem


def test_isbn_prefix_is_noted() -> None:
    checked = check_isbn("ISBN-13: 978-0-262-03561-3")
    assert checked.value == "978-0-262-03561-3"
    assert checked.note is not None and "write the ISBN alone" in checked.note


def test_isbn_check_digits() -> None:
    assert isbn_check_digit("026203561") == "8"
    assert isbn_check_digit("080442957") == "X"
    assert isbn_check_digit("978026203561") == "3"
    assert isbn_check_digit("979109063607") == "1"


def test_urls_are_percent_encoded() -> None:
    assert doi_url("10.1038/nature14539") == "https://doi.org/10.1038/nature14539"
    assert doi_url("10.1234/x\"><script>#?%&'é") == (
        "https://doi.org/10.1234/x%22%3E%3Cscript%3E%23%3F%25%26%27%C3%A9"
    )
    # parentheses, colons and semicolons stay, as doi.org writes them
    assert doi_url("10.1002/(SICI)1097-4571(199806)49:8<693::AID>3.0.CO;2-0") == (
        "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID%3E3.0.CO;2-0"
    )
    assert arxiv_url("hep-th/9901001v2") == "https://arxiv.org/abs/hep-th/9901001v2"
    assert isbn_url("978-0-262-03561-3", RESOLVER) == (
        "https://openlibrary.org/isbn/9780262035613"
    )
    # not str.format: a pattern cannot reach into Python objects
    assert isbn_url("0-8044-2957-x", "/{isbn}/{0}/{isbn.__class__}") == (
        "/080442957X/{0}/{isbn.__class__}"
    )


@pytest.mark.parametrize(
    ("resolver", "why"),
    [
        (RESOLVER, None),
        ("/books/{isbn}.html", None),  # a relative link, as any other URL
        ("https://openlibrary.org/isbn/", "it has no {isbn}"),
        ("javascript:alert('{isbn}')", "the scheme javascript: is not allowed"),
        ("ftp://books.example.org/{isbn}", "the scheme ftp: is not allowed"),
        ("https://x.org/{isbn} x", "spaces or control characters"),
    ],
)
def test_isbn_resolver_follows_the_url_policy(resolver: str, why: str | None) -> None:
    problem = isbn_resolver_problem(resolver, ("http", "https", "mailto"))
    assert (problem is None) if why is None else (why in str(problem))


def test_huge_values_are_refused_unread() -> None:
    """A long identifier is refused by its length, before any pattern runs."""
    huge = "10.1234/" + "(" * 1_000_000
    start = time.perf_counter()
    for check in (check_doi, check_arxiv, check_isbn):
        checked = check(huge)
        assert checked.value is None
        assert "characters long" in str(checked.problem)
        assert len(str(checked.problem)) < 300  # the value is cut in messages
    assert time.perf_counter() - start < 0.5


# -- the schema agrees with the validators ------------------------------------------


def _schema_accepts(field: str, value: Any) -> bool:
    entry = {"title": "T", field: value}
    fast = certainly_valid("resource")(entry)
    slow = not list(jsonschema_validator("resource").iter_errors(entry))
    assert not fast or slow, (field, value)  # the fast check vouches only truly
    return slow


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("doi", [bare for _text, bare in GOOD_DOIS + PREFIXED_DOIS]),
        ("arxiv", GOOD_ARXIV),
        ("isbn", [check_isbn(text).value for text in GOOD_ISBNS]),
        ("status", ["ok", "dead"]),
        ("archive", ["https://web.archive.org/web/2015/https://example.org/"]),
    ],
)
def test_what_the_validators_keep_the_schema_accepts(
    field: str, values: list[Any]
) -> None:
    for value in values:
        assert _schema_accepts(field, value), value
        entry = {"title": "T", field: value}
        assert certainly_valid("resource")(entry), value  # and fast


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("doi", ["nature14539", "10.1038/a b", "doi:10.1038/x", 10.1038, ""]),
        ("arxiv", ["1502.3167", "arXiv:1502.03167", 1502.03167, "hep-th/990100"]),
        ("isbn", ["978--0-262-03561-3", 9780262035613, "12345"]),
        ("status", ["gone", "Dead", True, None]),
        ("archive", ["", "  ", 42]),
    ],
)
def test_the_schema_refuses_what_editors_should_underline(
    field: str, values: list[Any]
) -> None:
    for value in values:
        assert not _schema_accepts(field, value), value


def test_schema_describes_every_new_field() -> None:
    properties = schema()["$defs"]["resource"]["properties"]
    for field in ("doi", "arxiv", "isbn", "archive", "status"):
        assert properties[field]["description"], field
    assert properties["status"]["enum"] == ["ok", "dead"]
    # one entry each: a default DOI would give every entry the same
    defaults = schema()["$defs"]["defaults"]["properties"]
    assert "status" in defaults
    assert not {"doi", "arxiv", "isbn", "archive"} & set(defaults)


# -- the loader: located messages, and nothing else lost ----------------------------

BAD = """\
resources:
  - title: Bad DOI
    url: https://example.org/1
    doi: 11.1038/nature14539
    year: 2015
  - title: Bad arXiv
    arxiv: '1502.3167'
  - title: Bad ISBN
    isbn: 978-0-262-03561-4
  - title: Float arXiv
    arxiv: 1502.03160
  - title: Prefixed DOI
    doi: https://doi.org/10.1038/nature14539
  - title: Gone
    url: https://example.org/gone
    status: gone
  - title: Script archive
    archive: javascript:alert(1)
  - title: Number ISBN
    isbn: 9780262035613
  - title: Listed DOI
    doi: [10.1038/nature14539]
"""

BAD_MESSAGES = [
    (
        4,
        "data",
        "entry 'Bad DOI': 'doi' '11.1038/nature14539' is not a DOI; write the DOI "
        "alone, as 10.<registrant>/<suffix>, e.g. doi: 10.1038/nature14539",
    ),
    (
        7,
        "data",
        "entry 'Bad arXiv': 'arxiv' '1502.3167' is not an arXiv identifier; write "
        "YYMM.NNNNN (YYMM.NNNN before 2015, archive/YYMMNNN before April 2007), "
        "with an optional version such as v2, in quotes, e.g. arxiv: '1502.03167'",
    ),
    (
        9,
        "data",
        "entry 'Bad ISBN': 'isbn' '978-0-262-03561-4' has a wrong check digit: with "
        "these digits it would be 3, so a digit is probably mistyped; copy the ISBN "
        "from the book or its publisher",
    ),
    (
        11,
        "data",
        "entry 'Float arXiv': YAML reads the unquoted 'arxiv' 1502.03160 as the "
        "number 1502.0316; quote it: arxiv: '1502.03160' (it is used as written)",
    ),
    (
        13,
        "data",
        "entry 'Prefixed DOI': 'doi' 'https://doi.org/10.1038/nature14539' has a "
        "prefix; write the DOI alone: doi: 10.1038/nature14539 (it is used without "
        "the prefix)",
    ),
    (
        16,
        "data",
        "entry 'Gone': 'status' must be ok, or dead for a url that no longer works, "
        "got 'gone'; did you mean 'dead'?",
    ),
    (
        18,
        "unsafe",
        "entry 'Script archive': archive 'javascript:alert(1)' is not linked: the "
        "scheme javascript: is not allowed (allowed: http:, https:, mailto:)",
    ),
    (
        20,
        "data",
        "entry 'Number ISBN': YAML reads the unquoted 'isbn' 9780262035613 as the "
        "number 9780262035613; quote it: isbn: '9780262035613' (it is used as "
        "written)",
    ),
    (
        22,
        "data",
        "entry 'Listed DOI': 'doi' must be a string, got a list; write e.g. doi: "
        "10.1038/nature14539",
    ),
]


def test_each_bad_value_is_told_at_its_line_and_left_out_alone() -> None:
    data = load_text(BAD, "bad.yaml")
    told = sorted((p.location.line, p.subtype, p.message) for p in data.problems)
    assert told == BAD_MESSAGES
    by_title = {r.title: r for r in data.resources}
    assert list(by_title) == [
        "Bad DOI",
        "Bad arXiv",
        "Bad ISBN",
        "Float arXiv",
        "Prefixed DOI",
        "Gone",
        "Script archive",
        "Number ISBN",
        "Listed DOI",
    ]
    bad_doi = by_title["Bad DOI"]
    assert (bad_doi.doi, bad_doi.url, bad_doi.year) == (
        None,
        "https://example.org/1",
        2015,
    )
    assert by_title["Bad arXiv"].arxiv is None
    assert by_title["Bad ISBN"].isbn is None
    # what was written, not the float's 1502.0316
    assert by_title["Float arXiv"].arxiv == "1502.03160"
    assert by_title["Prefixed DOI"].doi == "10.1038/nature14539"
    assert (by_title["Gone"].status, by_title["Gone"].url) == (
        "ok",
        "https://example.org/gone",
    )
    assert by_title["Script archive"].archive is None
    assert by_title["Number ISBN"].isbn == "9780262035613"
    assert by_title["Listed DOI"].doi is None


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("gone", "; did you mean 'dead'?"),
        ("broken", "; did you mean 'dead'?"),
        ("404", "; did you mean 'dead'?"),
        ("no", "; did you mean 'dead'?"),
        ("alive", "; did you mean 'ok'?"),
        ("Dead", "; did you mean 'dead'?"),
        ("deda", "; did you mean 'dead'?"),
        ("maybe", "; write e.g. status: dead"),
    ],
)
def test_status_did_you_mean(written: str, hint: str) -> None:
    data = load_text(f"- title: T\n  status: {written}\n", "s.yaml")
    (problem,) = data.problems
    assert problem.location.line == 2
    assert problem.message.endswith(f"got {written}{hint}") or problem.message.endswith(
        f"got {written!r}{hint}"
    )
    assert data.resources[0].status == "ok"


def test_identifiers_are_per_entry_and_status_may_be_a_default() -> None:
    data = load_text(
        "defaults:\n  status: dead\n  doi: 10.1038/nature14539\n"
        "resources:\n  - title: A\n  - title: B\n    status: ok\n",
        "d.yaml",
    )
    assert [(p.location.line, p.message) for p in data.problems] == [
        (3, "defaults: 'doi' is set per entry, not in defaults")
    ]
    assert [(r.status, r.doi) for r in data.resources] == [("dead", None), ("ok", None)]
    # a bad status of its own is left out, and the default does not replace it
    data = load_text(
        "defaults:\n  status: dead\nresources:\n  - title: A\n    status: alive\n",
        "d.yaml",
    )
    assert [p.location.line for p in data.problems] == [5]
    assert data.resources[0].status == "ok"
    data = load_text("defaults:\n  status: gone\nresources:\n  - title: A\n", "d.yaml")
    assert [(p.location.line, p.message) for p in data.problems] == [
        (
            2,
            "defaults: 'status' must be ok, or dead for a url that no longer "
            "works, got 'gone'; did you mean 'dead'?",
        )
    ]


def test_a_huge_identifier_costs_little_and_is_refused_cleanly() -> None:
    huge = "x" * 10_000
    text = (
        "resources:\n"
        f"  - title: Huge DOI\n    doi: '10.1234/{huge}'\n"
        f"  - title: Huge arXiv\n    arxiv: '{huge}'\n"
        f"  - title: Huge ISBN\n    isbn: '{huge}'\n"
        "  - title: Neighbour\n    doi: 10.1038/nature14539\n"
    )
    start = time.perf_counter()
    data = load_text(text, "huge.yaml")
    assert time.perf_counter() - start < 1.0
    assert [r.title for r in data.resources] == [
        "Huge DOI",
        "Huge arXiv",
        "Huge ISBN",
        "Neighbour",
    ]
    assert [(r.doi, r.arxiv, r.isbn) for r in data.resources[:3]] == [
        (None, None, None)
    ] * 3
    assert data.resources[3].doi == "10.1038/nature14539"
    messages = [(p.location.line, p.message) for p in data.problems]
    assert messages == [
        (
            3,
            "entry 'Huge DOI': 'doi' is 10,008 characters long, longer than a DOI "
            "(at most 300); write the identifier alone, e.g. doi: 10.1038/nature14539",
        ),
        (
            5,
            "entry 'Huge arXiv': 'arxiv' is 10,000 characters long, longer than an "
            "arXiv identifier (at most 64); write the identifier alone, e.g. arxiv: "
            "'1502.03167'",
        ),
        (
            7,
            "entry 'Huge ISBN': 'isbn' is 10,000 characters long, longer than an "
            "ISBN (at most 40); write the identifier alone, e.g. isbn: "
            "978-0-262-03561-3",
        ),
    ]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ('"10.1038/abc\\u202Egpj.exe"', "U+202E"),  # right-to-left override
        ('"10.1038/nature\\u200B14539"', "U+200B"),  # zero-width space
        ('"10.1038/nature\\u2067x"', "U+2067"),  # right-to-left isolate
        ('"10.1038/nature\\u00ADx"', "U+00AD"),  # soft hyphen
    ],
)
def test_invisible_characters_are_refused(value: str, code: str) -> None:
    data = load_text(f"- title: T\n  doi: {value}\n", "rtl.yaml")
    (problem,) = data.problems
    assert f"contains the invisible character {code}, which no identifier" in (
        problem.message
    )
    assert data.resources[0].doi is None


# -- real builds of the root ------------------------------------------------------


@pytest.fixture(scope="module")
def html_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir, warnings = build_copy(ROOT, tmp_path_factory.mktemp("ids") / "src")
    assert warnings == []
    return outdir


def card(soup: BeautifulSoup, list_id: str, card_id: str) -> Tag:
    found = soup.select_one(f"#{list_id} article#{card_id}")
    assert found is not None, card_id
    return found


def links(element: Tag) -> list[tuple[str, str]]:
    return [(a.get_text(), str(a["href"])) for a in element.select("a")]


def test_identifiers_are_links_with_their_labels(html_build: Path) -> None:
    soup = page(html_build)
    ioffe = card(soup, "cards", "ioffe2015")
    line = ioffe.select_one("p.readinglist-identifiers")
    assert line is not None
    assert links(line) == [
        ("DOI 10.48550/arXiv.1502.03167", "https://doi.org/10.48550/arXiv.1502.03167"),
        ("arXiv:1502.03167", "https://arxiv.org/abs/1502.03167"),
    ]
    assert " ".join(line.get_text().split()) == (
        "DOI 10.48550/arXiv.1502.03167 · arXiv:1502.03167"
    )
    # the url stays the title's link; the line comes before the description
    assert links(ioffe.select_one(".readinglist-title")) == [
        ("Batch Normalization", "https://proceedings.mlr.press/v37/ioffe15.html")
    ]
    assert card_parts(ioffe) == [
        "readinglist-title",
        "readinglist-meta",
        "readinglist-identifiers",
        "readinglist-description",
    ]
    # an ISBN is text without a resolver
    book = card(soup, "cards", "goodfellow2016")
    isbn = book.select_one(".readinglist-isbn")
    assert isbn is not None and isbn.name == "span"
    assert isbn.get_text() == "ISBN 978-0-262-03561-3"
    assert card(soup, "cards", "isbn10").select_one(".readinglist-isbn").get_text() == (
        "ISBN 0-8044-2957-X"
    )


def test_without_url_the_title_links_to_the_doi_then_arxiv(html_build: Path) -> None:
    soup = page(html_build)
    title = card(soup, "cards", "lecun2015").select_one(".readinglist-title")
    assert links(title) == [
        ("Deep learning, a review", "https://doi.org/10.1038/nature14539")
    ]
    title = card(soup, "cards", "old-preprint").select_one(".readinglist-title")
    assert links(title) == [
        ("An old-style preprint", "https://arxiv.org/abs/hep-th/9901001v2")
    ]


def test_a_dead_link_is_unlinked_badged_and_archived(html_build: Path) -> None:
    soup = page(html_build)
    dead = card(soup, "cards", "gone-blog")
    assert dead["data-status"] == "dead"
    title = dead.select_one(".readinglist-title")
    assert title is not None and title.select("a") == []
    assert title.get_text() == "A blog post that is gone"
    badge = dead.select_one(".readinglist-meta .readinglist-dead")
    assert badge is not None and badge.get_text() == "dead link"
    assert "sd-badge" in badge["class"]
    # the archived copy is the way in: first, and strong; the DOI still links
    line = dead.select_one(".readinglist-identifiers")
    assert line is not None
    archive = line.select_one("strong > a.readinglist-archive")
    assert archive is not None
    assert links(line) == [
        (
            "Archived copy",
            "https://web.archive.org/web/2015/https://blog.example.org/post",
        ),
        ("DOI 10.5555/12345678", "https://doi.org/10.5555/12345678"),
    ]
    # the dead url is linked nowhere on the card
    assert "blog.example.org/post" not in str(dead).replace(
        "web.archive.org/web/2015/https://blog.example.org/post", ""
    )
    # alive, the archived copy comes last and is not emphasised
    alive = card(soup, "cards", "alive-archived")
    assert "data-status" not in alive.attrs
    assert alive.select(".readinglist-dead, strong") == []
    assert links(alive) == [
        ("A page with an archived copy", "https://example.org/alive"),
        (
            "Archived copy",
            "https://web.archive.org/web/2020/https://example.org/alive",
        ),
    ]


def test_the_compact_list_layout_shows_the_same(html_build: Path) -> None:
    soup = page(html_build)
    compact = soup.select_one("#compact ul.readinglist-layout-list")
    assert compact is not None
    cards = compact.select("article")
    assert [c.select_one(".readinglist-title").get_text() for c in cards] == [
        "Deep learning, a review",
        "A blog post that is gone",
    ]
    for article in cards:
        twin = card(soup, "cards", str(article["id"]).removesuffix("-2"))
        assert links(article) == links(twin)
        assert article.select_one(".readinglist-identifiers").get_text() == (
            twin.select_one(".readinglist-identifiers").get_text()
        )


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_both_syntaxes_show_identifiers(tmp_path: Path, syntax: str) -> None:
    use = directive_page(
        syntax,
        body=(
            "resources:\n"
            "  - title: Dead\n"
            "    url: https://example.org/dead\n"
            "    status: dead\n"
            "    archive: https://web.archive.org/web/2019/https://example.org/dead\n"
            "    isbn: 0-306-40615-2\n"
            "    arxiv: '2312.00752'\n"
        ),
    )
    srcdir = write_project(tmp_path, {f"index{use.suffix}": use.text})
    outdir, warnings = build(
        srcdir, confoverrides={"readinglist_isbn_resolver": RESOLVER}
    )
    assert warnings == []
    dead = page(outdir).select_one("article")
    assert dead is not None
    assert dead.select_one(".readinglist-title a") is None
    assert links(dead) == [
        ("Archived copy", "https://web.archive.org/web/2019/https://example.org/dead"),
        ("arXiv:2312.00752", "https://arxiv.org/abs/2312.00752"),
        ("ISBN 0-306-40615-2", "https://openlibrary.org/isbn/0306406152"),
    ]


def test_the_myst_page_of_the_root(html_build: Path) -> None:
    soup = page(html_build, "myst")
    doi = card(soup, "myst-body", "myst-doi")
    assert links(doi) == [
        ("A DOI in a MyST body", "https://doi.org/10.1145/3292500.3330701"),
        ("DOI 10.1145/3292500.3330701", "https://doi.org/10.1145/3292500.3330701"),
    ]
    dead = card(soup, "myst-body", "myst-dead")
    assert dead.select_one(".readinglist-dead") is not None
    assert [text for text, _href in links(dead)] == ["Archived copy"]
    assert dead.select_one(".readinglist-isbn").get_text() == "ISBN 0-306-40615-2"


def test_identifiers_are_searchable(tmp_path: Path) -> None:
    with started(ROOT, builddir=tmp_path / "build") as app:
        doctree = app.env.get_doctree("index")
        texts = {
            node.parent["ids"][0]: node.astext()
            for node in doctree.findall(readinglist_search_text)
        }
    assert "10.1038/nature14539" in texts["lecun2015"]
    assert "arXiv:1502.03167" in texts["ioffe2015"]
    assert "10.48550/arXiv.1502.03167" in texts["ioffe2015"]
    assert "978-0-262-03561-3 9780262035613" in texts["goodfellow2016"]
    # and the filter's text search reads the identifiers as it reads titles
    script = (Path(app.outdir) / "_static" / "readinglist.js").read_text(
        encoding="utf-8"
    )
    assert 'textOf(card, ".readinglist-identifier")' in script


# -- every output --------------------------------------------------------------


def test_latex_shows_the_identifiers_and_compiles(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "latex")
    assert warnings == []
    tex = next(outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert (
        r"\sphinxhref{https://doi.org/10.1038/nature14539}"
        r"{DOI 10.1038/nature14539}"
    ) in tex
    assert r"\sphinxhref{https://arxiv.org/abs/1502.03167}{arXiv:1502.03167}" in tex
    assert (
        r"ISBN 978\sphinxhyphen{}0\sphinxhyphen{}262\sphinxhyphen{}03561\sphinxhyphen{}3"
        in tex
    )
    # \DUrole{a}{\DUrole{b}{...}}, or \DUrole{a,b}{...} before Sphinx 8.1
    assert re.search(r"\\DUrole\{[^}]*readinglist-dead\}\{dead link\}", tex)
    assert (
        r"\sphinxstylestrong{\sphinxhref{https://web.archive.org/web/2015/"
        r"https://blog.example.org/post}{Archived copy}"
    ) in tex
    # the dead title is plain; a DOI is printed once, as itself
    assert r"\sphinxstylestrong{A blog post that is gone}" in tex
    assert r"\sphinxurl{https://doi.org/10.1038/nature14539}" not in tex
    # markup characters of a DOI are escaped, in its text and in its link
    assert "<script>" not in tex
    assert r"\#?\textbackslash{}\{\}\%\$\&\textasciicircum{}\_\textasciitilde{}" in tex
    latexmk_pdf(next(outdir.glob("*.tex")))


def test_text_output(tmp_path: Path) -> None:
    outdir, warnings = build_copy(
        ROOT,
        tmp_path / "src",
        "text",
        confoverrides={"readinglist_isbn_resolver": RESOLVER},
    )
    assert warnings == []
    text = " ".join((outdir / "index.txt").read_text(encoding="utf-8").split())
    assert "DOI 10.48550/arXiv.1502.03167 · arXiv:1502.03167" in text
    assert "ISBN 978-0-262-03561-3" in text
    # an identifier is its own reference on paper: no address beside it, nor
    # beside a title that links to it
    assert "https://doi.org/10.1038/nature14539" not in text
    assert "Deep learning, a review" in text
    assert "dead link" in text
    assert (
        "**Archived copy** <https://web.archive.org/web/2015/https://blog.example.org/post>"
        " · DOI 10.5555/12345678"
    ) in text


@pytest.mark.parametrize(
    ("builder", "pattern"),
    [("man", "*.1"), ("texinfo", "*.texi"), ("epub", "*.xhtml")],
)
def test_other_builders(tmp_path: Path, builder: str, pattern: str) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", builder)
    assert [w for w in warnings if "readinglist" in w] == []
    text = " ".join(
        p.read_text(encoding="utf-8") for p in sorted(outdir.rglob(pattern))
    ).replace("\\-", "-")
    for shown in ("10.1038/nature14539", "arXiv:1502.03167", "dead link"):
        assert shown in text, shown
    assert "Archived copy" in text
    assert "0-8044-2957-X" in text


# -- warnings, located -------------------------------------------------------------


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_bad_values_warn_at_their_line_of_the_file(tmp_path: Path, syntax: str) -> None:
    use = directive_page(syntax, "bad.yaml")
    srcdir = write_project(
        tmp_path, {f"index{use.suffix}": use.text}, {"bad.yaml": BAD}
    )
    outdir, warnings = build(srcdir)
    found = sorted(warnings_of("\n".join(warnings), srcdir))
    expected = sorted(
        f"bad.yaml:{line}: WARNING: {message} [readinglist.{subtype}]"
        for line, subtype, message in BAD_MESSAGES
    )
    assert found == expected
    titles = [t.get_text() for t in page(outdir).select(".readinglist-title")]
    assert len(titles) == 9


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_bad_values_in_a_directive_body_warn_at_the_page_line(
    tmp_path: Path, syntax: str
) -> None:
    use = directive_page(
        syntax, body="resources:\n  - title: A\n    arxiv: 1502.03160\n"
    )
    srcdir = write_project(tmp_path, {f"index{use.suffix}": use.text})
    outdir, warnings = build(srcdir)
    line = use.line + 4  # the directive, the blank line, resources, title
    name = f"index{use.suffix}"
    assert warnings_of("\n".join(warnings), srcdir) == [
        f"{name}:{line}: WARNING: entry 'A': YAML reads the unquoted 'arxiv' "
        "1502.03160 as the number 1502.0316; quote it: arxiv: '1502.03160' (it is "
        "used as written) [readinglist.data]"
    ]
    assert links(page(outdir).select_one("article")) == [
        ("A", "https://arxiv.org/abs/1502.03160"),
        ("arXiv:1502.03160", "https://arxiv.org/abs/1502.03160"),
    ]


# -- attacks ---------------------------------------------------------------------

ATTACKS = """\
resources:
  - title: Markup in a DOI
    doi: '10.1234/x"><script>alert(1)</script><img/src=x/onerror=alert(2)>'
  - title: Script DOI
    doi: javascript:alert(1)
  - title: Script inside a DOI
    doi: 10.1234/javascript:alert(1)
  - title: Entity DOI
    doi: '&#106;avascript:alert(1)'
  - title: Script arXiv
    arxiv: javascript:alert(1)//1502.03167
  - title: Script archive
    url: https://example.org/
    status: dead
    archive: "JaVa\\tScRiPt:alert(1)"
  - title: Data archive
    archive: data:text/html,<script>alert(1)</script>
  - title: Mirrored DOI
    doi: "10.1234/abc\\u202Egpj.exe"
"""


def test_no_identifier_injects_markup_or_a_script_link(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path,
        {"index.rst": "Attacks\n=======\n\n.. readinglist:: attacks.yaml\n"},
        {"attacks.yaml": ATTACKS},
        conf=CONF + f"readinglist_isbn_resolver = {RESOLVER!r}\n",
    )
    outdir, warnings = build(srcdir)
    told = warnings_of("\n".join(warnings), srcdir)
    assert [w.split(": WARNING: ")[0] for w in told] == [
        "attacks.yaml:5",
        "attacks.yaml:9",
        "attacks.yaml:11",
        "attacks.yaml:15",
        "attacks.yaml:17",
        "attacks.yaml:19",
    ]
    assert "[readinglist.unsafe]" in told[3] and "[readinglist.unsafe]" in told[4]
    assert "the invisible character U+202E" in told[5]
    soup = page(outdir)
    grid = soup.select_one("div.readinglist")
    assert grid is not None
    assert grid.select("script, img, [onerror]") == []
    hrefs = [str(a["href"]) for a in grid.select("a")]
    assert hrefs == [
        "https://doi.org/10.1234/x%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
        "%3Cimg/src=x/onerror=alert(2)%3E",
        "https://doi.org/10.1234/x%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
        "%3Cimg/src=x/onerror=alert(2)%3E",
        "https://doi.org/10.1234/javascript:alert(1)",
        "https://doi.org/10.1234/javascript:alert(1)",
    ]
    raw = (outdir / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw
    assert not re.search(r"""href=["']?\s*(javascript|data)""", raw, re.IGNORECASE)
    text = grid.select_one(".readinglist-doi")
    assert text is not None
    assert text.get_text() == (
        'DOI 10.1234/x"><script>alert(1)</script><img/src=x/onerror=alert(2)>'
    )
    # a dead link with a refused archive: no link at all, the badge still
    dead = grid.select("article")[5]
    assert dead.select("a") == [] and dead.select_one(".readinglist-dead")


@pytest.mark.parametrize(
    ("resolver", "why"),
    [
        ("https://openlibrary.org/isbn/", "it has no {isbn} to put the ISBN in"),
        (
            "javascript:alert('{isbn}')",
            "its address is not linked: the scheme javascript: is not allowed "
            "(allowed: http:, https:, mailto:)",
        ),
        (
            "ftp://books.example.org/{isbn}",
            "its address is not linked: the scheme ftp: is not allowed "
            "(allowed: http:, https:, mailto:)",
        ),
    ],
)
def test_a_bad_resolver_warns_and_isbns_stay_text(
    tmp_path: Path, resolver: str, why: str
) -> None:
    use = directive_page(
        "rst", body="resources:\n  - title: B\n    isbn: 0-306-40615-2\n"
    )
    srcdir = write_project(tmp_path, {"index.rst": use.text})
    outdir, warnings = build(
        srcdir, confoverrides={"readinglist_isbn_resolver": resolver}
    )
    assert warnings_of("\n".join(warnings)) == [
        f"WARNING: readinglist_isbn_resolver = {resolver!r} is not valid: {why}; use "
        "an address with {isbn} in it, such as "
        "'https://openlibrary.org/isbn/{isbn}'. Using the default, None "
        "[readinglist.config]"
    ]
    isbn = page(outdir).select_one(".readinglist-isbn")
    assert isbn is not None and isbn.name == "span"


def test_a_resolver_of_another_type_warns(tmp_path: Path) -> None:
    use = directive_page("rst", body="- title: B\n  isbn: 0-306-40615-2\n")
    srcdir = write_project(tmp_path, {"index.rst": use.text})
    _outdir, warnings = build(srcdir, confoverrides={"readinglist_isbn_resolver": 42})
    (warning,) = [w for w in warnings if "readinglist_isbn_resolver" in w]
    assert "readinglist_isbn_resolver = 42 is not valid" in warning
    assert "[readinglist.config]" in warning


def test_a_scheme_allowed_by_the_setting_may_resolve(tmp_path: Path) -> None:
    use = directive_page("rst", body="- title: B\n  isbn: 0-306-40615-2\n")
    srcdir = write_project(tmp_path, {"index.rst": use.text})
    outdir, warnings = build(
        srcdir,
        confoverrides={
            "readinglist_url_schemes": ["https", "urn"],
            "readinglist_isbn_resolver": "urn:isbn:{isbn}",
        },
    )
    assert warnings == []
    assert links(page(outdir).select_one("article")) == [
        ("ISBN 0-306-40615-2", "urn:isbn:0306406152")
    ]


# -- the filter, in a browser ---------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("ids-site")
    _outdir, warnings = build_copy(ROOT, root / "src")
    assert warnings == []
    handler = functools.partial(_QuietHandler, directory=str(root))
    with served(handler) as base:
        yield f"{base}/src/_build/html"


def test_the_filter_finds_cards_by_identifier(served_root: str) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("Playwright", 'pip install -e ".[test]" installs it')
    executable = chromium_path()
    args = load_script("scripts/screenshot.py").CHROMIUM_ARGS
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=args)
        try:
            page_ = browser.new_page()
            errors: list[str] = []
            page_.on("pageerror", lambda error: errors.append(str(error)))
            page_.goto(f"{served_root}/index.html")
            search = page_.locator("#cards input.readinglist-filter-search")

            def shown_after(query: str) -> list[str]:
                search.fill(query)
                return page_.eval_on_selector_all(
                    "#cards .readinglist-item:not([hidden]) .readinglist-title",
                    "els => els.map(e => e.textContent.trim())",
                )

            assert shown_after("nature14539") == ["Deep learning, a review"]
            assert shown_after("arxiv:1502.03167") == ["Batch Normalization"]
            assert shown_after("978-0-262-03561-3") == ["Deep Learning (the book)"]
            assert shown_after("hep-th/9901001") == ["An old-style preprint"]
            assert errors == []
        finally:
            browser.close()


def test_labels_are_translated(tmp_path: Path) -> None:
    use = directive_page(
        "rst",
        body=(
            "- title: Mort\n"
            "  url: https://example.org/\n"
            "  status: dead\n"
            "  archive: https://web.archive.org/web/2019/https://example.org/\n"
            "  doi: 10.1038/nature14539\n"
            "  isbn: 0-306-40615-2\n"
        ),
    )
    srcdir = write_project(tmp_path, {"index.rst": use.text})
    outdir, warnings = build(srcdir, confoverrides={"language": "fr"})
    assert warnings == []
    article = page(outdir).select_one("article")
    assert article is not None
    assert article.select_one(".readinglist-dead").get_text() == "lien mort"
    assert [text for text, _href in links(article)] == [
        "Copie archivée",
        "DOI 10.1038/nature14539",
    ]
    assert article.select_one(".readinglist-isbn").get_text() == "ISBN 0-306-40615-2"
