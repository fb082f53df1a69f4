"""How an entry is checked, completed and made safe, word for word.

Each case loads a small YAML text with the public loader and compares the
located messages and the resources kept exactly: what an entry takes from
the defaults and what it loses (``EntryBuilder.build``), its URLs and its
image, and the slug that becomes its id. Written from the survivors of
mutation testing (see CONTRIBUTING.md, "Mutation testing").
"""

from __future__ import annotations

from sphinx_readinglist.data.model import Link
from sphinx_readinglist.data.validate import slugify

from ._data import KIND_LIST, kept, load, problems

# -- slugify ---------------------------------------------------------------------


def test_a_slug_drops_accents_and_the_dashes_at_its_ends() -> None:
    assert slugify("Éclair au café") == "eclair-au-cafe"
    assert slugify("(Dropout)") == "dropout"
    assert slugify("!!!") == "resource"


def test_a_slug_is_cut_at_eighty_characters_without_a_dash_at_the_end() -> None:
    assert slugify("a" * 80 + "b") == "a" * 80
    # the 80th character is a dash: it is not kept
    assert slugify("a" * 79 + " b") == "a" * 79


# -- an entry and its defaults ---------------------------------------------------


def test_an_entry_with_a_date_takes_no_default_year() -> None:
    data = load(
        "defaults:\n"
        "  year: 2015\n"
        "  venue: V\n"
        "resources:\n"
        "  - title: A\n"
        "    date: 2016-02-01\n"
        "  - title: B\n"
    )
    assert problems(data) == []
    assert kept(data, "year", "date", "venue") == [
        ("A", 2016, "2016-02-01", "V"),
        ("B", 2015, None, "V"),
    ]


def test_an_entry_with_a_year_takes_no_default_date() -> None:
    data = load(
        "defaults:\n"
        "  date: 2015-03-01\n"
        "resources:\n"
        "  - title: A\n"
        "    year: 2016\n"
        "  - title: B\n"
    )
    assert problems(data) == []
    assert kept(data, "year", "date") == [
        ("A", 2016, None),
        ("B", 2015, "2015-03-01"),
    ]


def test_a_default_is_told_at_its_own_line() -> None:
    data = load(
        "defaults:\n"
        "  url: 'javascript:alert(1)'\n"
        "  image: //example.org/x.png\n"
        "resources:\n"
        "  - title: A\n"
    )
    assert problems(data) == [
        (3, "entry 'A': image '//example.org/x.png' has no scheme, so it would be "
            "read as a file; write it in full: https://example.org/x.png", "data"),
        (2, "entry 'A': url 'javascript:alert(1)' is not linked: the scheme "
            "javascript: is not allowed (allowed: http:, https:, mailto:)",
         "unsafe"),
    ]  # fmt: skip
    assert kept(data, "url", "image") == [("A", None, None)]


def test_a_default_link_with_an_unknown_key_is_told_once_at_the_defaults() -> None:
    data = load(
        "defaults:\n"
        "  links:\n"
        "    - {title: S, url: 'https://a.org', x: 1}\n"
        "resources:\n"
        "  - title: A\n"
        "    level: 9\n"
        "    translations: {fr: 3}\n"
        "    status: bogus\n"
        "  - title: B\n"
    )
    assert problems(data) == [
        (3, "defaults: unknown field 'x' in links[1]; known fields: title, url",
         "data"),
        # and the entries that take the link are told only their own errors
        (8, "entry 'A': 'status' must be ok, or dead for a url that no longer "
            "works, got 'bogus'; write e.g. status: dead", "data"),
        (6, "entry 'A': 'level' must be one of beginner, intermediate, advanced, "
            "got 9", "data"),
        (7, "entry 'A': 'translations.fr' must be a string, got 3, which YAML "
            "reads as a number; quote it: fr: '3'", "data"),
    ]  # fmt: skip
    link = (Link("S", "https://a.org"),)
    assert kept(data, "links", "level", "translations", "status") == [
        ("A", link, None, (), "ok"),
        ("B", link, None, (), "ok"),
    ]


def test_an_entry_that_sets_a_field_wrongly_is_told_despite_the_default() -> None:
    data = load(
        "defaults:\n"
        "  kind: book\n"
        "resources:\n"
        "  - title: A\n"
        "    kind: bogus\n"
        "    foo: 1\n"
        "  - title: B\n"
    )
    assert problems(data) == [
        (6, "entry 'A': unknown field 'foo'; to keep it, move it under extra, as "
            "in extra: {foo: ...}; known fields: title, id, url, authors, year, "
            "date, added, venue, kind, level, tags, description, abstract, links, "
            "translations, image, image_alt, doi, arxiv, isbn, archive, status, "
            "extra", "data"),
        # a wrong kind loses the kind, not the entry
        (5, f"entry 'A': 'kind' must be one of {KIND_LIST}, got 'bogus'; did you "
            "mean 'blog'?", "data"),
    ]  # fmt: skip
    # the wrong kind takes no default in its place
    assert kept(data, "kind") == [("A", None), ("B", "book")]


def test_an_entry_with_only_an_unknown_field_wrong_keeps_the_others() -> None:
    data = load(
        "resources:\n"
        "  - title: A\n"
        "    colour: red\n"
        "    venue: V\n"
        "    links:\n"
        "      - {title: S, url: 'https://a.org/s', note: x}\n"
    )
    assert [line for line, _, _ in problems(data)] == [3, 6]
    assert kept(data, "venue", "links") == [("A", "V", (Link("S", "https://a.org/s"),))]


def test_identifiers_and_extra_are_checked_in_an_entry() -> None:
    data = load(
        "resources:\n"
        "  - title: A\n"
        "    doi: nonsense\n"
        "    isbn: 12345\n"
        "    arxiv: 1502.03160\n"
    )
    assert problems(data) == [
        (3, "entry 'A': 'doi' 'nonsense' is not a DOI; write the DOI alone, as "
            "10.<registrant>/<suffix>, e.g. doi: 10.1038/nature14539", "data"),
        (5, "entry 'A': YAML reads the unquoted 'arxiv' 1502.03160 as the number "
            "1502.0316; quote it: arxiv: '1502.03160' (it is used as written)",
         "data"),
        (4, "entry 'A': 'isbn' '12345' has 5 digits, and an ISBN has 10 or 13; "
            "write its 10 or 13 digits, with hyphens or spaces between groups, "
            "e.g. isbn: 978-0-262-03561-3", "data"),
    ]  # fmt: skip
    assert kept(data, "doi", "isbn", "arxiv") == [("A", None, None, "1502.03160")]


def test_an_aliased_extra_is_told_where_the_alias_is() -> None:
    data = load(
        "resources:\n"
        "  - title: A\n"
        "    extra: {k: [1], n: 2}\n"
        "  - title: B\n"
        "    extra: &e {k: [1]}\n"
        "  - title: C\n"
        "    extra: *e\n"
    )
    single = (
        "extra: 'k' must be a single value (a text, a number, a boolean or a "
        "date), got a list; it is left out: write e.g. k: 1200"
    )
    assert problems(data) == [
        (3, f"entry 'A': {single}", "data"),
        (5, f"entry 'B': {single}", "data"),
        (7, f"entry 'C': {single}", "data"),
    ]
    assert kept(data, "extra") == [("A", (("n", 2),)), ("B", ()), ("C", ())]


def test_a_bad_link_is_left_out_and_told_at_its_line() -> None:
    data = load(
        "resources:\n"
        "  - title: A\n"
        "    links:\n"
        "      - {title: S, url: 'https://a.org/s'}\n"
        "      - {title: T, url: 'javascript:alert(1)'}\n"
        "      - {title: U, url: 3}\n"
        "      - {title: V, url: 'https://a.org/v', note: x}\n"
    )
    assert problems(data) == [
        (6, "entry 'A': 'links[3].url' must be a string, got 3, which YAML reads "
            "as a number; quote it: url: '3'", "data"),
        (7, "entry 'A': unknown field 'note' in links[4]; known fields: title, url",
         "data"),
        (5, "entry 'A': links[2].url 'javascript:alert(1)' is not linked: the "
            "scheme javascript: is not allowed (allowed: http:, https:, mailto:)",
         "unsafe"),
    ]  # fmt: skip
    assert kept(data, "links") == [
        ("A", (Link("S", "https://a.org/s"), Link("V", "https://a.org/v")))
    ]


def test_a_bad_link_or_translation_is_left_out_alone() -> None:
    data = load(
        "resources:\n"
        "  - title: A\n"
        "    links:\n"
        "      - {title: S, url: 'https://a.org/s'}\n"
        "      - {url: 'https://a.org/t'}\n"
        "      - x\n"
        "    translations:\n"
        "      de: 'https://a.org/de'\n"
        "      fr: 3\n"
        "      Bad Lang: 'https://a.org/b'\n"
    )
    assert problems(data) == [
        (5, "entry 'A': links[2] has no 'title'; write e.g. links: [{title: "
            "Slides, url: https://example.org/slides.pdf}]", "data"),
        (6, "entry 'A': 'links[3]' must be a mapping, got 'x'; write e.g. links: "
            "[{title: Slides, url: https://example.org/slides.pdf}]", "data"),
        (10, "entry 'A': 'Bad Lang' is not a language code in 'translations'; use "
             "a code such as fr, de or pt-BR; write e.g. translations: {fr: "
             "https://example.org/fr/}", "data"),
        (9, "entry 'A': 'translations.fr' must be a string, got 3, which YAML "
            "reads as a number; quote it: fr: '3'", "data"),
    ]  # fmt: skip
    assert kept(data, "links", "translations") == [
        ("A", (Link("S", "https://a.org/s"),), (("de", "https://a.org/de"),))
    ]


def test_an_aliased_field_is_told_once_a_written_one_for_each_error() -> None:
    data = load(
        "resources:\n"
        "  - title: A\n"
        "    links: &L [{title: 1}, {url: 2}]\n"
        "  - title: B\n"
        "    links: *L\n"
    )
    assert problems(data) == [
        (3, "entry 'A': links[1] has no 'url'; write e.g. links: [{title: Slides, "
            "url: https://example.org/slides.pdf}]", "data"),
        (3, "entry 'A': 'links[1].title' must be a string, got 1, which YAML "
            "reads as a number; quote it: title: '1'", "data"),
        (3, "entry 'A': links[2] has no 'title'; write e.g. links: [{title: "
            "Slides, url: https://example.org/slides.pdf}]", "data"),
        (3, "entry 'A': 'links[2].url' must be a string, got 2, which YAML reads "
            "as a number; quote it: url: '2'", "data"),
        (5, "entry 'B': links[1] has no 'url'; write e.g. links: [{title: Slides, "
            "url: https://example.org/slides.pdf}]", "data"),
    ]  # fmt: skip
    assert kept(data, "links") == [("A", ()), ("B", ())]


def test_a_wrong_title_skips_the_entry_a_wrong_field_does_not() -> None:
    data = load(
        "resources:\n  - title: [x]\n  - title: B\n    level: 9\n  - venue: V\n"
    )
    assert [(line, msg.endswith("; the entry is skipped")) for line, msg, _ in
            problems(data)] == [(2, True), (4, False), (5, True)]  # fmt: skip
    assert kept(data, "level") == [("B", None)]


# -- URLs and images ---------------------------------------------------------------

NO_SCHEME = (
    "has no scheme, so it works only in a web page served over HTTP, not in a "
    "PDF, an e-book or a page opened from disk, and is not linked; write it in "
    "full:"
)


def test_a_url_without_a_scheme_is_told_with_the_url_in_full() -> None:
    data = load(
        "resources:\n"
        "  - title: A\n"
        "    url: //Xerox.example/a\n"
        "  - title: B\n"
        "    url: '\\\\host\\x'\n"
    )
    assert problems(data) == [
        (3, f"entry 'A': url '//Xerox.example/a' {NO_SCHEME} "
            "'https://Xerox.example/a'", "url"),
        # a backslash is shown escaped, as Python writes it
        (5, rf"entry 'B': url '\\\\host\\x' {NO_SCHEME} 'https://host\\x'", "url"),
    ]  # fmt: skip
    assert kept(data, "url") == [("A", None), ("B", None)]


def test_an_image_is_checked_as_an_image() -> None:
    data = load(
        "resources:\n"
        "  - title: A\n"
        "    image: //example.org/a.png\n"
        "  - title: B\n"
        "    image: '\\\\host\\b.png'\n"
        "  - title: C\n"
        "    image: 'javascript:alert(1)'\n"
        "  - title: D\n"
        "    image: 'mailto:x@y.org'\n"
        "  - title: E\n"
        "    image: /../../etc/e.png\n"
        "  - title: F\n"
        "    image: covers/.hidden.png\n"
        "  - title: G\n"
        "    image: '  https://example.org/g.png '\n"
        "  - title: H\n"
        "    image: /covers/h.png\n"
        "  - title: I\n"
        "    image: covers/i.png\n"
    )
    assert problems(data) == [
        (3, "entry 'A': image '//example.org/a.png' has no scheme, so it would be "
            "read as a file; write it in full: https://example.org/a.png", "data"),
        (5, r"entry 'B': image '\\\\host\\b.png' has no scheme, so it would be "
            r"read as a file; write it in full: https:\\host\b.png", "data"),
        (7, "entry 'C': image 'javascript:alert(1)' is not linked: the scheme "
            "javascript: is not allowed (allowed: http:, https:, mailto:)",
         "unsafe"),
        (9, "entry 'D': image 'mailto:x@y.org' is neither a web address nor a "
            "file path, and is not shown; write a URL such as "
            "https://example.org/cover.png, or a path such as covers/book.png",
         "unsafe"),
        (11, "entry 'E': image '/../../etc/e.png' is outside the source directory "
             "and is not shown; move it into the documentation", "unsafe"),
        (13, "entry 'F': image 'covers/.hidden.png' is not shown: hidden files "
             "and folders (names starting with '.') are never published; move "
             "the image into a folder of the documentation", "unsafe"),
    ]  # fmt: skip
    assert kept(data, "image") == [
        ("A", None), ("B", None), ("C", None), ("D", None), ("E", None),
        ("F", None), ("G", "https://example.org/g.png"), ("H", "/covers/h.png"),
        ("I", "covers/i.png"),
    ]  # fmt: skip
