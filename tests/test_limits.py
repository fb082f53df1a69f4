"""Each size limit at its boundary: data exactly at a limit is kept, one past is not.

``readinglist_max_nodes``, ``readinglist_max_bytes``, ``readinglist_max_depth``
and ``readinglist_max_tags`` count what the data expands to, aliases copied
out. What goes past a limit inside an entry of ``resources`` loses only that
entry; outside the entries it refuses the whole file, told at the line where
the limit was passed. The documents are small and the limits set to match
them, so each count below can be checked by hand (these cases were written
from the survivors of mutation testing; see CONTRIBUTING.md, "Mutation
testing").
"""

from __future__ import annotations

import pytest
import yaml

from sphinx_readinglist.data import Limits, ReadingList, load_text
from sphinx_readinglist.data.expansion import expanded_size
from sphinx_readinglist.data.model import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_NODES,
    DEFAULT_MAX_TAGS,
)


def load(
    text: str,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_tags: int = DEFAULT_MAX_TAGS,
) -> ReadingList:
    limits = Limits(
        max_nodes=max_nodes, max_bytes=max_bytes, max_depth=max_depth, max_tags=max_tags
    )
    return load_text(text, "l.yaml", limits=limits)


def told(data: ReadingList) -> list[tuple[int, str, str]]:
    return [(p.location.line, p.subtype, p.message) for p in data.problems]


def titles(data: ReadingList) -> list[str]:
    return [r.title for r in data.resources]


_ALIASES = "through YAML aliases (&anchor / *alias)"


def _too_many(limit: int) -> str:
    return (
        f"with it, the data expands to more than {limit:,} values {_ALIASES}; "
        "write the values out, or raise readinglist_max_nodes"
    )


def _too_long(limit: int) -> str:
    return (
        f"with it, the data expands to more than {limit:,} characters of text "
        f"{_ALIASES}; write long texts once, or raise readinglist_max_bytes"
    )


def _too_deep(limit: int, how: str = "") -> str:
    return (
        f"it nests mappings and lists more than {limit} levels deep{how}; "
        "flatten it (a reading list needs five), or raise readinglist_max_depth"
    )


def _unknown(key: str) -> str:
    return (
        f"unknown top-level key '{key}'; the top level holds only resources, "
        "defaults and markup"
    )


# -- inside the entries: the entry that passes a limit is left out ------------------

#: 15 values, aliases copied out: the list (1), then per entry a mapping,
#: two keys, a title and a list of two tags (7 each, B's tags by alias).
NODES = "- title: A\n  tags: &t [x, y]\n- title: B\n  tags: *t\n"


def test_an_entry_that_reaches_the_node_limit_is_kept() -> None:
    data = load(NODES, max_nodes=15)
    assert titles(data) == ["A", "B"]
    assert told(data) == []
    assert [r.tags for r in data.resources] == [("x", "y"), ("x", "y")]


def test_an_entry_one_value_past_the_node_limit_is_left_out() -> None:
    data = load(NODES, max_nodes=14)
    assert titles(data) == ["A"]
    assert told(data) == [(3, "data", f"entry 'B' is left out: {_too_many(14)}")]


def test_one_entry_alone_past_the_node_limit_is_left_out() -> None:
    # a bare list counts itself and nothing else before its first entry, so
    # the entry alone, 26 values, goes past the limit of 15
    text = "- title: Bomb\n  k: &a [x, x, x]\n  j: [*a, *a, *a, *a]\n- title: Next\n"
    data = load(text, max_nodes=15)
    assert titles(data) == ["Next"]
    assert told(data) == [(1, "data", f"entry 'Bomb' is left out: {_too_many(15)}")]


#: 20 characters of text, aliases copied out: "title", "abcde", "venue" and
#: "abcde" again.
CHARS = "- title: &t abcde\n  venue: *t\n"


def test_an_entry_that_reaches_the_text_limit_is_kept() -> None:
    data = load(CHARS, max_bytes=20)
    assert [(r.title, r.venue) for r in data.resources] == [("abcde", "abcde")]
    assert told(data) == []


def test_an_entry_one_character_past_the_text_limit_is_left_out() -> None:
    data = load(CHARS, max_bytes=19)
    assert titles(data) == []
    assert told(data) == [(1, "data", f"entry 'abcde' is left out: {_too_long(19)}")]


# B's links nest the list of A's tags: the list of entries, B's mapping, its
# links, and the tags are four levels; under 'resources' five.
DEPTH = {
    "a bare list": (
        "- title: A\n  tags: &t [x]\n- title: B\n  links: [*t]\n",
        4,
        3,
    ),
    "resources": (
        "resources:\n  - title: A\n    tags: &t [x]\n  - title: B\n    links: [*t]\n",
        5,
        4,
    ),
}


@pytest.mark.parametrize(("text", "depth", "line"), DEPTH.values(), ids=list(DEPTH))
def test_an_entry_that_reaches_the_depth_limit_is_kept(
    text: str, depth: int, line: int
) -> None:
    data = load(text, max_depth=depth)
    assert titles(data) == ["A", "B"]
    # kept, and then checked: a link is a mapping, not a list
    assert [message.split(",")[0] for _, _, message in told(data)] == [
        "entry 'B': 'links[1]' must be a mapping"
    ]


@pytest.mark.parametrize(("text", "depth", "line"), DEPTH.values(), ids=list(DEPTH))
def test_an_entry_one_level_past_the_depth_limit_is_left_out(
    text: str, depth: int, line: int
) -> None:
    data = load(text, max_depth=depth - 1)
    assert titles(data) == ["A"]
    assert told(data) == [
        (
            line,
            "data",
            f"entry 'B' is left out: {_too_deep(depth - 1, ' ' + _ALIASES)}",
        )
    ]


def test_a_refused_entry_is_named_by_its_title_wherever_it_is() -> None:
    bomb = "  k: &a [x, x, x]\n  j: [*a, *a, *a, *a]\n"
    data = load("- kind: book\n  title: Bomb\n" + bomb, max_nodes=20)
    assert told(data) == [(1, "data", f"entry 'Bomb' is left out: {_too_many(20)}")]
    # a title that is not text names no entry, nor does any other field
    data = load("- kind: [book]\n  venue: Nature\n  title: 2015\n" + bomb, max_nodes=20)
    assert told(data) == [(1, "data", f"entry #1 is left out: {_too_many(20)}")]


def test_a_repeated_resources_key_measures_the_list_that_is_kept() -> None:
    # YAML keeps the first 'resources' and reports the second: the entries of
    # the first are the ones measured
    text = (
        "resources:\n  - title: A\n    k: &a [x, x, x]\n    j: [*a, *a, *a, *a]\n"
        "  - title: B\nresources:\n  - title: C\n"
    )
    data = load(text, max_nodes=25)
    assert titles(data) == ["B"]
    duplicate, refused = told(data)
    assert duplicate[:2] == (6, "data")
    assert duplicate[2].startswith("the file: duplicate key 'resources'")
    assert refused == (2, "data", f"entry 'A' is left out: {_too_many(25)}")


def test_an_anchor_in_the_file_leaves_the_room_for_defaults_as_it_is() -> None:
    """With an anchor, the file is measured through its aliases; what its
    data already holds still counts against what defaults may add."""
    text = "defaults: &d\n  venue: " + "v" * 1000 + "\nresources:\n"
    text += "".join(f"  - title: E{i}\n" for i in range(5))
    data = load(text, max_bytes=5_000)
    # the default's 1,000 characters, then three copies of them
    assert titles(data) == ["E0", "E1", "E2"]
    assert [line for line, _, _ in told(data)] == [7, 8]
    assert told(data)[0][2] == (
        "entry 'E3' is left out: with the defaults it takes, the data expands "
        "to more than 5,000 characters; set a long default only in the entries "
        "that need it, or raise readinglist_max_bytes"
    )


# -- outside the entries: the whole file is refused ----------------------------------

#: Outside the entries: 20 values (the root, three keys, the anchored list of
#: five, a list of two copies of it) and 41 characters ("resources", "a",
#: ten x, "b", two copies of the ten). The entry adds 3 values and 6 characters.
SHARED_NODES = "resources:\n  - title: A\na: &a [x, x, x, x]\nb: [*a, *a]\n"
SHARED_CHARS = "resources:\n  - title: A\na: &a xxxxxxxxxx\nb: [*a, *a]\n"


def test_data_outside_the_entries_may_reach_the_node_limit() -> None:
    data = load(SHARED_NODES, max_nodes=20)
    assert told(data) == [
        (3, "data", _unknown("a")),
        (4, "data", _unknown("b")),
        (2, "data", f"entry 'A' is left out: {_too_many(20)}"),
    ]
    assert titles(load(SHARED_NODES, max_nodes=23)) == ["A"]


def test_data_outside_the_entries_one_value_past_the_limit_refuses_the_file() -> None:
    data = load(SHARED_NODES, max_nodes=19)
    assert titles(data) == []
    assert told(data) == [
        (
            1,
            "file",
            f"the data expands to more than 19 values {_ALIASES}; write the "
            "values out, or raise readinglist_max_nodes",
        )
    ]


def test_text_outside_the_entries_may_reach_the_text_limit() -> None:
    data = load(SHARED_CHARS, max_bytes=41)
    assert told(data) == [
        (3, "data", _unknown("a")),
        (4, "data", _unknown("b")),
        (2, "data", f"entry 'A' is left out: {_too_long(41)}"),
    ]
    assert titles(load(SHARED_CHARS, max_bytes=47)) == ["A"]


def test_text_outside_the_entries_past_the_limit_refuses_the_file() -> None:
    # told where the text passed the limit: the list of copies, line 4
    data = load(SHARED_CHARS, max_bytes=40)
    assert titles(data) == []
    assert told(data) == [
        (
            4,
            "file",
            f"the data expands to more than 40 characters of text {_ALIASES}; "
            "write long texts once, or raise readinglist_max_bytes",
        )
    ]


#: 'more' nests three lists, the last by alias, in the top-level mapping.
SHARED_DEPTH = "shared: &e [x]\nmore: [[*e]]\nresources:\n  - title: A\n"


def test_data_outside_the_entries_may_reach_the_depth_limit() -> None:
    data = load(SHARED_DEPTH, max_depth=4)
    assert titles(data) == ["A"]
    assert told(data) == [
        (1, "data", _unknown("shared")),
        (2, "data", _unknown("more")),
    ]


def test_data_outside_the_entries_past_the_depth_limit_refuses_the_file() -> None:
    data = load(SHARED_DEPTH, max_depth=3)
    assert titles(data) == []
    assert told(data) == [
        (
            2,
            "file",
            "the data nests mappings and lists more than 3 levels deep through "
            "YAML aliases; flatten it (a reading list needs five), or raise "
            "readinglist_max_depth",
        )
    ]


def test_a_key_adds_no_level() -> None:
    # at the smallest limit, the top-level mapping and its plain values fit;
    # the list under 'resources' is the first thing too deep, told at its line
    data = load("markup: rst\nresources:\n  - x\n", max_depth=1)
    assert told(data) == [
        (
            3,
            "file",
            "the data nests mappings and lists more than 1 levels deep; flatten "
            "it (a reading list needs five), or raise readinglist_max_depth",
        )
    ]


def test_a_value_outside_the_entries_that_contains_itself_refuses_the_file() -> None:
    data = load("resources:\n  - title: A\nshared: &loop [x, *loop]\n")
    assert titles(data) == []
    assert told(data) == [
        (
            3,
            "file",
            "an alias (*name) refers to the value that contains it, so the data "
            "never ends; point the alias at another value",
        )
    ]


def test_expanded_size_counts_every_alias_as_a_copy() -> None:
    root = yaml.compose("a: &a [x, y]\nb: [*a, *a]\n")
    assert root is not None
    # the mapping, two keys, the list of three (a list and two values), and
    # a list holding two copies of it: 1 + 2 + 3 + 7 values, three levels
    assert expanded_size(root, max_nodes=100, max_depth=100) == (13, 3)


# -- tags per entry ------------------------------------------------------------------------


def _too_many_tags(count: int, limit: int) -> str:
    dropped = "the last is" if count - limit == 1 else f"the last {count - limit} are"
    return (
        f"entry 'A': 'tags' has {count} tags, more than the {limit} allowed; "
        f"{dropped} left out: keep the tags that matter most, or "
        "raise readinglist_max_tags"
    )


@pytest.mark.parametrize(
    ("tags", "kept"),
    [
        ("[a, b, c]", ("a", "b", "c")),
        ("a, b, c", ("a", "b", "c")),
        # repeated tags count once
        ("[a, b, c, a, b, c, a]", ("a", "b", "c")),
        ("a, b, a, c, b", ("a", "b", "c")),
    ],
)
def test_an_entry_may_have_as_many_tags_as_the_limit(
    tags: str, kept: tuple[str, ...]
) -> None:
    data = load(f"- title: A\n  tags: {tags}\n", max_tags=3)
    assert told(data) == []
    assert data.resources[0].tags == kept


@pytest.mark.parametrize(
    ("tags", "kept"),
    [
        ("[a, b, c, d]", ("a", "b", "c")),
        ("a,b,c,d", ("a", "b", "c")),
        # compared and kept with their spaces collapsed, blank ones left out
        (
            "machine   learning, deep learning, , rnn, lstm",
            ("machine learning", "deep learning", "rnn"),
        ),
    ],
)
def test_the_tags_past_the_limit_are_left_out(tags: str, kept: tuple[str, ...]) -> None:
    data = load(f"- title: A\n  tags: {tags}\n", max_tags=3)
    assert told(data) == [(2, "data", _too_many_tags(4, 3))]
    assert data.resources[0].tags == kept


# -- dates ------------------------------------------------------------------------------


def test_a_date_may_fall_in_the_last_plausible_year() -> None:
    data = load("- title: A\n  date: 2999-12-31\n- title: B\n  date: 3000-01-01\n")
    assert [(r.title, r.date) for r in data.resources] == [
        ("A", "2999-12-31"),
        ("B", None),
    ]
    assert told(data) == [
        (
            4,
            "data",
            "entry 'B': 'date' 3000-01-01 is not a plausible date; write e.g. "
            "date: 2015-05-27",
        )
    ]
