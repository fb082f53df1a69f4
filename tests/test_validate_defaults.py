"""How a file's defaults are checked, and the room they take, word for word.

Each case loads a small YAML text with the public loader and compares the
located messages and the resources kept exactly: the file's defaults
(``checked_defaults``), and the room an entry uses up through the defaults
it takes (``EntryBuilder._takes_defaults``). Written from the survivors of
mutation testing (see CONTRIBUTING.md, "Mutation testing").
"""

from __future__ import annotations

from sphinx_readinglist.data.model import KINDS, Link

from ._data import KIND_LIST, kept, load, problems

# -- the defaults ----------------------------------------------------------------


def test_the_defaults_report_their_keys_then_their_fields() -> None:
    data = load(
        "defaults:\n"
        "  year: 2015\n"
        "  1: x\n"
        "  year: 2016\n"
        "  links:\n"
        "    - {title: S, url: 'https://a.org', 2: y, url: 'https://b.org'}\n"
        "  translations: {no: 'https://x.org/n'}\n"
        "  id: foo\n"
        "  titel: x\n"
        "  tagz: [a]\n"
        "  kind: bogus\n"
        "  level: 9\n"
        "resources:\n"
        "  - title: A\n"
    )
    assert problems(data) == [
        (4, "defaults: duplicate key 'year' (first at line 2); the second is "
            "ignored, remove one of them", "data"),
        (6, "defaults: links[1]: duplicate key 'url' (first at line 6); the "
            "second is ignored, remove one of them", "data"),
        (7, "defaults: translations: YAML reads the key no as false (a boolean), "
            "not as text; quote it, as in 'no': ... (it is used as written)", "data"),
        (3, "defaults: '1' is not a field", "data"),
        (8, "defaults: 'id' is set per entry, not in defaults", "data"),
        # 'title' is no field of the defaults, so it is not suggested
        (9, "defaults: 'titel' is not a field", "data"),
        (10, "defaults: 'tagz' is not a field; did you mean 'tags'?", "data"),
        (11, f"defaults: 'kind' must be one of {KIND_LIST}, got 'bogus'; did you "
             "mean 'blog'?", "data"),
        (12, "defaults: 'level' must be one of beginner, intermediate, advanced, "
             "got 9", "data"),
        (6, "defaults: unknown field '2' in links[1]; known fields: title, url",
         "data"),
    ]  # fmt: skip
    # the wrong defaults are given to no entry; the others are
    assert kept(data, "id", "year", "kind", "level", "links", "translations") == [
        ("A", "a", 2015, None, None, (Link("S", "https://a.org"),),
         (("no", "https://x.org/n"),)),
    ]  # fmt: skip


def test_an_unknown_key_in_a_default_link_is_told_after_the_other_errors() -> None:
    data = load(
        "defaults:\n"
        "  links:\n"
        "    - {title: S, url: 'https://a.org', x: 1}\n"
        "  level: 9\n"
        "  kind: bogus\n"
        "resources:\n"
        "  - title: A\n"
    )
    assert problems(data) == [
        (5, f"defaults: 'kind' must be one of {KIND_LIST}, got 'bogus'; did you "
            "mean 'blog'?", "data"),
        (4, "defaults: 'level' must be one of beginner, intermediate, advanced, "
            "got 9", "data"),
        (3, "defaults: unknown field 'x' in links[1]; known fields: title, url",
         "data"),
    ]  # fmt: skip
    # the link keeps its known fields
    assert kept(data, "links", "kind") == [("A", (Link("S", "https://a.org"),), None)]


def test_the_errors_after_an_unknown_key_in_a_default_link_are_told() -> None:
    data = load(
        "defaults:\n"
        "  links:\n"
        "    - {title: S, url: 'https://a.org', x: 1}\n"
        "  translations: {fr: 3}\n"
        "  status: bogus\n"
        "  image_alt: 5\n"
        "  kind: bogus\n"
        "resources:\n"
        "  - title: A\n"
    )
    assert problems(data) == [
        (7, f"defaults: 'kind' must be one of {KIND_LIST}, got 'bogus'; did you "
            "mean 'blog'?", "data"),
        (3, "defaults: unknown field 'x' in links[1]; known fields: title, url",
         "data"),
        (4, "defaults: 'translations.fr' must be a string, got 3, which YAML reads "
            "as a number; quote it: fr: '3'", "data"),
        (6, "defaults: 'image_alt' must be a string, got 5, which YAML reads as a "
            "number; quote it: image_alt: '5'", "data"),
        (
            5,
            "defaults: 'status' must be ok, or dead for a url that no longer "
            "works, got 'bogus'; write e.g. status: dead",
            "data",
        ),
    ]  # fmt: skip
    assert kept(data, "links", "translations", "status", "image_alt") == [
        ("A", (Link("S", "https://a.org"),), (), "ok", None)
    ]


def test_an_empty_default_is_told_once() -> None:
    # '' is both too short and blank: two schema errors, one message
    data = load("defaults:\n  venue: ''\n  tags: [a]\nresources:\n  - title: A\n")
    assert problems(data) == [
        (2, "defaults: 'venue' is empty; write e.g. venue: Nature", "data"),
    ]
    assert kept(data, "venue", "tags") == [("A", None, ("a",))]


def test_a_default_with_a_time_of_day_is_checked_as_written() -> None:
    data = load(
        "defaults:\n"
        "  date: 2015-03-01 10:00\n"
        "  venue: 2015-03-01 10:00\n"
        "resources:\n"
        "  - title: A\n"
    )
    assert problems(data) == [
        (2, "defaults: 'date' must be a date written YYYY-MM-DD or YYYY-MM, got "
            "'2015-03-01 10:00'; write e.g. date: 2015-05-27", "data"),
    ]  # fmt: skip
    # a text field keeps the time of day, as written
    assert kept(data, "date", "venue") == [("A", None, "2015-03-01 10:00")]


def test_a_default_timestamp_is_a_day_or_the_text_as_written() -> None:
    data = load(
        "defaults:\n"
        "  date: 2015-03-01 10:00:00\n"
        "  venue: 2015-03-01 10:00:00\n"
        "resources:\n"
        "  - title: A\n"
    )
    assert problems(data) == []
    # a date field keeps the day; a text field, the text as written
    assert kept(data, "date", "venue") == [("A", "2015-03-01", "2015-03-01 10:00:00")]


def test_a_wrong_default_is_told_as_written_and_at_its_line() -> None:
    data = load(
        "defaults:\n"
        "  venue: 1.50\n"
        "  translations:\n"
        "    de: 'https://x.org/de'\n"
        "    Bad Lang: 'https://x.org/b'\n"
        "resources:\n"
        "  - title: A\n"
    )
    assert problems(data) == [
        (2, "defaults: 'venue' must be a string, got 1.50, which YAML reads as a "
            "number; quote it: venue: '1.50'", "data"),
        # at the line of the bad language code, not of 'translations'
        (5, "defaults: 'Bad Lang' is not a language code in 'translations'; use a "
            "code such as fr, de or pt-BR; write e.g. translations: {fr: "
            "https://example.org/fr/}", "data"),
    ]  # fmt: skip
    # a wrong default is left out; a bad language, alone, as in an entry
    assert kept(data, "venue", "translations") == [
        ("A", None, (("de", "https://x.org/de"),))
    ]


def test_a_bad_default_link_drops_itself_only() -> None:
    data = load(
        "defaults:\n"
        "  links:\n"
        "    - {title: S, url: 'https://a.org'}\n"
        "    - {title: T}\n"
        "    - {title: U, url: 'https://u.org'}\n"
        "resources:\n"
        "  - title: A\n"
    )
    assert [p.location.line for p in data.problems] == [4]
    assert kept(data, "links") == [
        ("A", (Link("S", "https://a.org"), Link("U", "https://u.org")))
    ]


def test_a_default_year_is_told_as_written() -> None:
    data = load("defaults:\n  year: 2015-03-01\nresources:\n  - title: A\n")
    assert problems(data) == [
        (2, "defaults: 'year' 2015-03-01 is not a plausible year; write e.g. "
            "year: 2015", "data"),
    ]  # fmt: skip
    assert kept(data, "year") == [("A", None)]


def test_the_defaults_pass_the_prechecks() -> None:
    # a backslash escape: the file may hold control characters
    data = load(
        'defaults:\n  venue: "a\\x01b"\n  tags: [a, b, c]\nresources:\n  - title: A\n',
        max_tags=2,
    )
    assert problems(data) == [
        (2, "defaults: 'venue' contains the control character U+0001, which "
            "cannot be shown and is left out; remove it", "data"),
        (3, "defaults: 'tags' has 3 tags, more than the 2 allowed; the last is "
            "left out: keep the tags that matter most, or raise "
            "readinglist_max_tags", "data"),
    ]  # fmt: skip
    assert kept(data, "venue", "tags") == [("A", "ab", ("a", "b"))]


def test_the_projects_kinds_hold_in_the_defaults_and_the_entries() -> None:
    kinds = (*KINDS, "thesis")
    data = load(
        "defaults:\n"
        "  kind: thesis\n"
        "resources:\n"
        "  - title: A\n"
        "  - title: B\n"
        "    kind: thesis\n"
        "  - title: C\n"
        "    kind: thesys\n",
        kinds=kinds,
    )
    assert problems(data) == [
        (8, f"entry 'C': 'kind' must be one of {KIND_LIST}, thesis, got 'thesys'; "
            "did you mean 'thesis'?", "data"),
    ]  # fmt: skip
    assert kept(data, "kind") == [("A", "thesis"), ("B", "thesis"), ("C", None)]

    data = load("defaults:\n  kind: thesys\nresources:\n  - title: A\n", kinds=kinds)
    assert problems(data) == [
        (2, f"defaults: 'kind' must be one of {KIND_LIST}, thesis, got 'thesys'; "
            "did you mean 'thesis'?", "data"),
    ]  # fmt: skip
    assert kept(data, "kind") == [("A", None)]


# -- the room the defaults take ----------------------------------------------------

#: Two defaults of nine values each (the list and its eight items): an entry
#: that takes both adds 18 values. At 73 values, the first two entries fit.
NODES = (
    "defaults:\n"
    "  tags: [a, b, c, d, e, f, g, h]\n"
    "  authors: [p, q, r, s, t, u, v, w]\n"
    "resources:\n" + "".join(f"  - title: E{i}\n" for i in range(4))
)


def test_every_default_an_entry_takes_counts_against_max_nodes() -> None:
    too_many = (
        "is left out: with the defaults it takes, the data expands to more than "
        "73 values; set a long default only in the entries that need it, or "
        "raise readinglist_max_nodes"
    )
    data = load(NODES, max_nodes=73)
    assert kept(data) == [("E0",), ("E1",)]
    assert problems(data) == [
        (7, f"entry 'E2' {too_many}", "data"),
        (8, f"entry 'E3' {too_many}", "data"),
    ]
    # one value fewer, and the second entry no longer fits
    assert kept(load(NODES, max_nodes=72)) == [("E0",)]


def test_an_entry_that_sets_a_field_takes_no_room_for_its_default() -> None:
    text = NODES + "  - title: E4\n    tags: [x]\n    authors: [y]\n"
    # E4 holds 9 values of its own (the file's count), and takes no default
    data = load(text, max_nodes=82)
    assert kept(data) == [("E0",), ("E1",), ("E4",)]
    assert [line for line, _, _ in problems(data)] == [7, 8]
    assert kept(load(text, max_nodes=81)) == [("E0",), ("E4",)]


def test_every_default_an_entry_takes_counts_against_max_bytes() -> None:
    text = (
        "defaults:\n  venue: " + "v" * 600 + "\n  tags: [" + "t" * 400 + "]\n"
        "resources:\n" + "".join(f"  - title: E{i}\n" for i in range(4))
    )
    data = load(text, max_bytes=4_000)
    # the two defaults' 1,000 characters, then two copies of them
    assert kept(data) == [("E0",), ("E1",)]
    assert problems(data)[0] == (
        7,
        "entry 'E2' is left out: with the defaults it takes, the data expands "
        "to more than 4,000 characters; set a long default only in the entries "
        "that need it, or raise readinglist_max_bytes",
        "data",
    )
