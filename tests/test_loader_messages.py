"""The loader's own words and places: the shape of a document, its lines, its file.

Each case loads a small YAML text (or file) with the public loader and
compares what a data author would see exactly: the file named by the list
and by each problem, the line, the subtype and the message, word for word.
These cases were written from the survivors of mutation testing of
``data/loader.py`` (see CONTRIBUTING.md, "Mutation testing").
"""

from __future__ import annotations

import pytest
import yaml

from sphinx_readinglist.data import KINDS, Limits, Markup, ReadingList, load_text
from sphinx_readinglist.data import loader as loader_module


def load(text: str, **kwargs: object) -> ReadingList:
    # the keyword arguments of load_text, passed through
    return load_text(text, "reading.yaml", **kwargs)  # type: ignore[arg-type]


def told(data: ReadingList) -> list[tuple[str, str, str]]:
    """Each problem as ``(file:line, subtype, message)``."""
    return [(str(p.location), p.subtype, p.message) for p in data.problems]


def titles(data: ReadingList) -> list[str]:
    return [resource.title for resource in data.resources]


_NOT_A_LIST = (
    "not a list of resources; start it with 'resources:' followed by entries "
    "such as '- title: Deep learning'"
)
_EMPTY = (
    "the list of resources is empty, so nothing is shown; add entries such as "
    "'- title: Deep learning', or remove the directive"
)


# -- the file named by the list and by its problems -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # refused by YAML
        ("title: 'A", "YAML syntax error"),
        # refused for its shape
        ("just text\n", "the data is 'just text'"),
        # read, with a problem in an entry
        ("- title: A\n  year: soon\n", "entry 'A'"),
    ],
    ids=["syntax", "shape", "entry"],
)
def test_the_list_and_each_problem_name_the_source(text: str, expected: str) -> None:
    data = load_text(text, "notes/page.rst", first_line=3)
    assert data.path == "notes/page.rst"
    [problem] = data.problems
    assert problem.location.path == "notes/page.rst"
    assert problem.message.startswith(expected)


def test_a_refused_shape_gives_an_empty_list_of_resources() -> None:
    data = load("resources: 3\n")
    assert data.resources == ()
    assert data.path == "reading.yaml"


def test_a_document_that_is_no_list_is_told_at_the_first_line_of_the_body() -> None:
    data = load("just text\n", first_line=7)
    assert told(data) == [
        ("reading.yaml:7", "file", f"the data is 'just text', {_NOT_A_LIST}")
    ]
    assert told(load("")) == [
        ("reading.yaml:1", "file", f"the data is empty, {_NOT_A_LIST}")
    ]


def test_the_bug_message_names_the_source_and_its_first_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr(loader_module, "_file_shape", broken)
    data = load_text("- title: A\n", "notes/page.rst", first_line=12)
    assert data.path == "notes/page.rst"
    assert data.resources == ()
    assert told(data) == [
        (
            "notes/page.rst:12",
            "file",
            "the data could not be read (\"KeyError: 'surprise'\"); this is a bug "
            "of sphinx-readinglist: please report it, with the data",
        )
    ]


# -- the markup of description and abstract -------------------------------------------


@pytest.mark.parametrize(
    ("text", "markup", "expected"),
    [
        ("- title: A\n  description: x\n", Markup.MYST, Markup.MYST),
        ("- title: A\n  description: x\n", Markup.RST, Markup.RST),
        ("resources:\n  - title: A\n    description: x\n", Markup.MYST, Markup.MYST),
        ("resources:\n  - title: A\n    description: x\n", Markup.RST, Markup.RST),
        (
            "markup: rst\nresources:\n  - title: A\n    description: x\n",
            Markup.MYST,
            Markup.RST,
        ),
    ],
    ids=["list-myst", "list-rst", "file-myst", "file-rst", "file-says-rst"],
)
def test_the_markup_given_applies_unless_the_file_names_one(
    text: str, markup: Markup, expected: Markup
) -> None:
    data = load(text, markup=markup)
    assert data.problems == ()
    [resource] = data.resources
    assert resource.description is not None
    assert resource.description.markup is expected


# -- the shape of the document, word for word -------------------------------------------


def test_a_single_entry_is_told_to_go_under_resources() -> None:
    data = load("# one paper\ntitle: A\nyear: 2015\n")
    assert data.resources == ()
    assert told(data) == [
        (
            "reading.yaml:2",
            "file",
            "the data is a single entry, not a list of resources; put it under "
            "'resources:' and start it with '- ', as in '- title: ...'",
        )
    ]


def test_a_title_beside_resources_is_an_unknown_top_level_key() -> None:
    data = load("resources:\n  - title: A\ntitle: B\n")
    assert titles(data) == ["A"]
    assert told(data) == [
        (
            "reading.yaml:3",
            "data",
            "unknown top-level key 'title'; 'title' is a field of an entry: write "
            "it in the entries under 'resources:'",
        )
    ]


def test_an_unknown_top_level_key_near_a_field_names_the_field() -> None:
    data = load("resources:\n  - title: A\nauthor: Ann\n")
    assert titles(data) == ["A"]
    assert told(data) == [
        (
            "reading.yaml:3",
            "data",
            "unknown top-level key 'author'; did you mean 'authors'?",
        )
    ]


def test_an_empty_list_of_resources_is_told_at_its_line() -> None:
    data = load("# nothing yet\nresources: []\n")
    assert data.resources == ()
    assert told(data) == [("reading.yaml:2", "data", _EMPTY)]


def test_a_file_without_resources_names_the_key_that_may_hold_them() -> None:
    data = load("# a course list\ncourses:\n  - title: A\n")
    assert data.resources == ()
    assert told(data) == [
        (
            "reading.yaml:3",
            "data",
            "unknown top-level key 'courses'; did you mean 'resources'?",
        ),
        (
            "reading.yaml:2",
            "file",
            # the key the user wrote is named, never offered as the fix
            "the file has no 'resources' list; rename 'courses' to 'resources'",
        ),
    ]


def test_a_file_without_resources_and_no_near_key() -> None:
    data = load("# c\ndefaults: {kind: paper}\n")
    assert told(data) == [
        (
            "reading.yaml:2",
            "file",
            "the file has no 'resources' list; put the entries under 'resources:'",
        )
    ]


def test_resources_that_are_not_a_list() -> None:
    data = load("# c\nresources: 3\n")
    assert told(data) == [
        (
            "reading.yaml:2",
            "file",
            "'resources' must be a list of entries, got 3; write each entry as "
            "'- title: ...' under 'resources:'",
        )
    ]


def test_a_schema_address_that_is_not_text() -> None:
    data = load("resources:\n  - title: A\n$schema: 42\n")
    assert titles(data) == ["A"]
    assert told(data) == [
        (
            "reading.yaml:3",
            "data",
            "'$schema' must be the address of a schema, got 42; write e.g. $schema: "
            "https://sphinx-readinglist.readthedocs.io/en/latest/_static/"
            "readinglist.schema.json, or remove it",
        )
    ]


def test_a_schema_address_is_accepted() -> None:
    data = load("$schema: https://example.org/s.json\nresources:\n  - title: A\n")
    assert titles(data) == ["A"]
    assert data.problems == ()


@pytest.mark.parametrize(
    ("value", "markup", "expected"),
    [
        ("rest", Markup.RST, "got 'rest'; did you mean 'rst'?; using rst"),
        ("mist", Markup.MYST, "got 'mist'; did you mean 'myst'?; using myst"),
        ("3", Markup.RST, "got 3; using rst"),
    ],
)
def test_a_wrong_markup_is_told_and_the_default_used(
    value: str, markup: Markup, expected: str
) -> None:
    data = load(
        f"resources:\n  - title: A\n    description: x\nmarkup: {value}\n",
        markup=markup,
    )
    assert told(data) == [
        ("reading.yaml:4", "data", f"'markup' must be rst or myst, {expected}")
    ]
    [resource] = data.resources
    assert resource.description is not None
    assert resource.description.markup is markup


def test_defaults_that_are_not_a_mapping_are_ignored() -> None:
    data = load("resources:\n  - title: A\ndefaults: [kind, paper]\n")
    assert [(r.title, r.kind) for r in data.resources] == [("A", None)]
    assert told(data) == [
        (
            "reading.yaml:3",
            "data",
            "'defaults' must be a mapping of fields, got a list; write e.g. "
            "defaults: {kind: paper}",
        )
    ]


# -- defaults are checked with the file's limits -------------------------------------------


def test_a_control_character_in_a_default_is_removed() -> None:
    data = load('defaults: {venue: "V\\x01"}\nresources:\n  - title: A\n')
    assert [r.venue for r in data.resources] == ["V"]
    assert told(data) == [
        (
            "reading.yaml:1",
            "data",
            "defaults: 'venue' contains the control character U+0001, which cannot "
            "be shown and is left out; remove it",
        )
    ]


def test_the_tags_of_defaults_are_capped_at_max_tags() -> None:
    text = "defaults: {tags: [a, b, c]}\nresources:\n  - title: A\n"
    data = load(text, limits=Limits(max_tags=2))
    assert [r.tags for r in data.resources] == [("a", "b")]
    assert told(data) == [
        (
            "reading.yaml:1",
            "data",
            "defaults: 'tags' has 3 tags, more than the 2 allowed; the last is left "
            "out: keep the tags that matter most, or raise readinglist_max_tags",
        )
    ]
    assert load(text, limits=Limits(max_tags=3)).problems == ()


def test_a_kind_of_the_project_is_a_valid_default() -> None:
    data = load(
        "defaults: {kind: zine}\nresources:\n  - title: A\n",
        limits=Limits(kinds=(*KINDS, "zine")),
    )
    assert data.problems == ()
    assert [r.kind for r in data.resources] == ["zine"]


#: 16 values of its own; each entry takes 4 more from the defaults (the list
#: of tags and its three tags).
_DEFAULT_TAGS = "defaults: {tags: [a, b, c]}\nresources:\n  - title: A\n  - title: B\n"


def test_the_defaults_of_every_entry_may_reach_the_node_limit() -> None:
    data = load(_DEFAULT_TAGS, limits=Limits(max_nodes=24))
    assert titles(data) == ["A", "B"]
    assert data.problems == ()


def test_the_defaults_one_value_past_the_node_limit_leave_the_entry_out() -> None:
    data = load(_DEFAULT_TAGS, limits=Limits(max_nodes=23))
    assert titles(data) == ["A"]
    assert told(data) == [
        (
            "reading.yaml:4",
            "data",
            "entry 'B' is left out: with the defaults it takes, the data expands to "
            "more than 23 values; set a long default only in the entries that need "
            "it, or raise readinglist_max_nodes",
        )
    ]


# -- YAML errors: their line and the character at them ------------------------------


@pytest.mark.parametrize(
    "text", ["\t- title: A\n", "\ufeff\t- title: A\n"], ids=["plain", "after-bom"]
)
def test_a_tab_on_the_first_line_is_named(text: str) -> None:
    assert told(load(text)) == [
        (
            "reading.yaml:1",
            "file",
            "YAML syntax error: while scanning for the next token, found character "
            "that cannot start any token; indent with spaces; YAML does not allow tabs",
        )
    ]


def test_an_unclosed_quote_at_the_very_end_of_the_text() -> None:
    # the error is found just past the last character, with no line end after it
    assert told(load("title: 'A")) == [
        (
            "reading.yaml:1",
            "file",
            "YAML syntax error: while scanning a quoted scalar, found unexpected end "
            "of stream; close the quote, or quote the whole value",
        )
    ]


def _libyaml_refuses_nesting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Load as libyaml 0.2.6 does flow collections nested past its own limit."""

    def refuse(text: str, **kwargs: object) -> None:
        mark = yaml.Mark("<unicode string>", 0, 1, 3, "", 0)
        raise yaml.parser.ParserError(
            "while parsing a flow node", mark, "exceeded maximum nesting depth", mark
        )

    monkeypatch.setattr(loader_module, "load_yaml", refuse)


_TOO_DEEP_TO_READ = "the data is nested too deeply to read; flatten it"


@pytest.mark.parametrize(
    ("max_depth", "message"),
    [
        (
            999,
            "the data nests mappings and lists more than 999 levels deep; flatten "
            "it (a reading list needs five), or raise readinglist_max_depth",
        ),
        (1000, _TOO_DEEP_TO_READ),
        (5000, _TOO_DEEP_TO_READ),
    ],
)
def test_nesting_libyaml_refuses_is_told_as_too_deep(
    monkeypatch: pytest.MonkeyPatch, max_depth: int, message: str
) -> None:
    """Under our limit, our limit is named; at libyaml's (1,000) or past it,
    raising readinglist_max_depth would not help."""
    _libyaml_refuses_nesting(monkeypatch)
    data = load("resources:\n  - [[[\n", limits=Limits(max_depth=max_depth))
    assert data.resources == ()
    assert told(data) == [("reading.yaml:2", "file", message)]


# -- a directive body: every line moves down to the document's --------------------------


def test_an_aliased_entry_is_moved_once_and_its_neighbours_too() -> None:
    data = load("- title: A\n  year: soon\n- &b {title: B}\n- *b\n", first_line=10)
    assert [(r.title, r.location.line) for r in data.resources] == [
        ("A", 10),
        ("B", 12),
        ("B", 12),
    ]
    assert [(p.location.line, p.message[:18]) for p in data.problems] == [
        (11, "entry 'A': 'year' "),
        (12, "entry 'B': duplica"),
    ]


def test_entries_after_a_null_value_are_moved_too() -> None:
    data = load("- title: A\n  year: soon\n- {title: B, venue: null}\n", first_line=10)
    assert [(r.title, r.location.line) for r in data.resources] == [
        ("A", 10),
        ("B", 12),
    ]
    assert [p.location.line for p in data.problems] == [11, 12]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- title: A\n  year: 2015\n  year: 2016\n",
            ("reading.yaml:12", "entry 'A': duplicate key 'year' (first at line 11)"),
        ),
        (
            "- title: A\n  ? [a, b]\n  : c\n",
            ("reading.yaml:11", "entry 'A': a key must be a plain name, got a list"),
        ),
        (
            "- title: A\n  extra:\n    '':\n      x\n",
            (
                "reading.yaml:12",
                "entry 'A': extra: the name '' is empty; it is left out",
            ),
        ),
        (
            "- 42\n",
            ("reading.yaml:10", "entry #1 must be a mapping of fields, got 42"),
        ),
        ("resources: []\n", ("reading.yaml:10", _EMPTY)),
    ],
    ids=["duplicate-key", "bad-key", "key-line", "entry-line", "list-line"],
)
def test_each_line_of_a_body_is_moved_to_the_document(
    text: str, expected: tuple[str, str]
) -> None:
    [(location, _, message)] = told(load(text, first_line=10))
    assert (location, message[: len(expected[1])]) == expected
