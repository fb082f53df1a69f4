"""Reading YAML with lines and limits: :mod:`sphinx_readinglist.data.yaml_reader`.

Small documents through :func:`load_yaml` and :func:`load_text`, so that a
changed line, limit, merge rule or message fails here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode

from sphinx_readinglist.data import Limits, load_text, yaml_reader
from sphinx_readinglist.data.yaml_reader import load_yaml, reader_error_line
from sphinx_readinglist.data.yaml_values import (
    LineDict,
    LineList,
    Refused,
    Tagged,
    TooDeep,
    TooLarge,
    Usage,
)

BAD_MERGE = (
    "'<<' merges mappings into this one, but its value is not a mapping or a "
    "list of them; it is left out: write e.g. <<: *base"
)
TOO_DEEP = (
    "is left out: it nests mappings and lists more than 3 levels deep; flatten "
    "it (a reading list needs five), or raise readinglist_max_depth"
)


def _problems(text: str, limits: Limits | None = None) -> list[tuple[int, str]]:
    found = load_text(text, "r.yaml", limits=limits).problems
    return [(problem.location.line, problem.message) for problem in found]


def _titles(text: str, limits: Limits | None = None) -> list[str]:
    return [
        str(resource.title)
        for resource in load_text(text, "r.yaml", limits=limits).resources
    ]


# lines


def test_a_block_scalar_starts_on_the_line_after_its_indicator() -> None:
    data = load_yaml("a: >\n  text\nb: |\n  t\nc: x\n", max_nodes=100)
    assert data.lines == {"a": 2, "b": 4, "c": 5}


def test_an_alias_in_a_list_is_at_the_line_it_is_used() -> None:
    data = load_yaml("a: &x 1\nb:\n- 0\n- *x\n", max_nodes=100)
    assert data["b"] == [0, 1]
    assert data["b"].lines == [3, 4]
    assert data["b"].aliased == {1}


def test_a_merged_key_is_at_the_line_of_the_merge() -> None:
    data = load_yaml("base: &b {x: 1}\nm:\n  y: 2\n  <<: *b\n", max_nodes=100)
    assert data["m"] == {"x": 1, "y": 2}
    assert data["m"].lines == {"x": 4, "y": 3}
    assert data["m"].key_lines == {"x": 4, "y": 3}
    assert data["m"].aliased == {"x"}


def test_a_tag_is_marked_at_its_line() -> None:
    data = load_yaml("a: 1\nb: !foo x\n", max_nodes=100)
    assert isinstance(data["b"], Tagged)
    assert (data["b"].tag, data["b"].line) == ("!foo", 2)


def test_the_non_specific_tag_keeps_the_plain_value() -> None:
    assert load_yaml("a: ! x\nb: ! [y]\n", max_nodes=100) == {"a": "x", "b": ["y"]}


# keys and merges


def test_a_bad_key_leaves_out_only_itself() -> None:
    data = load_yaml("m:\n  [1]: x\n  b: 2\n", max_nodes=100)
    assert data["m"] == {"b": 2}
    assert data["m"].bad_keys == [
        (
            "a key must be a plain name, got a list; the key and its value are "
            "left out: write a name such as 'title', or quote the key",
            2,
        )
    ]


def test_a_duplicate_key_leaves_out_only_itself() -> None:
    data = load_yaml("a: 1\na: 2\nb: 3\n", max_nodes=100)
    assert data == {"a": 1, "b": 3}
    assert data.duplicates == [("a", 2, 1)]
    assert data.lines == {"a": 1, "b": 3}


def test_an_equals_sign_key_is_plain_text() -> None:
    assert load_yaml("=: x\nb: =\n", max_nodes=100) == {"=": "x", "b": "="}


def test_a_merge_of_a_list_of_mappings() -> None:
    data = load_yaml(
        "b: &b {x: 1}\nc: &c {x: 2, z: 3}\nm:\n  <<: [*b, *c]\n", max_nodes=100
    )
    assert data["m"] == {"x": 1, "z": 3}
    assert data["m"].bad_keys == []


def test_a_merge_after_another_key_is_merged() -> None:
    data = load_yaml("b: &b {x: 1}\nm:\n  a: 1\n  <<: *b\n", max_nodes=100)
    assert data["m"] == {"x": 1, "a": 1}


def test_a_bad_merge_leaves_out_only_itself() -> None:
    data = load_yaml("b: &b {x: 1}\nm:\n  <<: 1\n  <<: *b\n", max_nodes=100)
    assert data["m"] == {"x": 1}
    assert data["m"].bad_keys == [(BAD_MERGE, 3)]


def test_a_bad_merge_in_a_mapping_only_merged_is_reported() -> None:
    data = load_yaml("m:\n  <<: {<<: 1, x: 1}\n", max_nodes=100)
    assert data["m"] == {"x": 1}
    assert data["m"].bad_keys == [(BAD_MERGE, 2)]


# numbers


def test_a_number_of_more_than_forty_digits_stays_text() -> None:
    data = load_yaml(f"a: {'1' * 40}\nb: {'1' * 41}\n", max_nodes=100)
    assert data == {"a": int("1" * 40), "b": "1" * 41}


def test_a_number_python_cannot_read_stays_text() -> None:
    assert load_yaml("a: 0x_\nb: 0b_\n", max_nodes=100) == {"a": "0x_", "b": "0b_"}


# limits


def test_usage_counts_the_values_and_characters() -> None:
    usage = Usage()
    load_yaml("a: 12\nb: [x, yz]\n", max_nodes=100, usage=usage)
    assert (usage.nodes, usage.chars) == (7, 7)


def test_no_character_limit_by_default() -> None:
    assert load_yaml("a: bc\n", max_nodes=10) == {"a": "bc"}


def test_max_nodes_is_the_most_values_allowed() -> None:
    assert load_yaml("a: [1, 2]\n", max_nodes=5) == {"a": [1, 2]}
    with pytest.raises(TooLarge) as raised:
        load_yaml("a: [1, 2]\n", max_nodes=4)
    assert (raised.value.nodes, raised.value.limit) == (5, 4)
    assert raised.value.through_aliases is False


def test_too_many_values_says_how_many_are_allowed() -> None:
    # six values: the file, resources, the list, the entry, title and A
    assert _titles("resources:\n- title: A\n", Limits(max_nodes=6)) == ["A"]
    assert _problems("resources:\n- title: A\n", Limits(max_nodes=5)) == [
        (
            1,
            "the data holds more than 5 values; split it into several files, or "
            "raise readinglist_max_nodes",
        )
    ]


@pytest.mark.parametrize("depth", [3, 4])
def test_a_collection_too_deep_is_refused(depth: int) -> None:
    [refused] = load_yaml("[" * depth + "]" * depth, max_nodes=100, max_depth=2)
    assert isinstance(refused, Refused)
    assert (refused.reason, refused.limit) == ("depth", 2)


@pytest.mark.parametrize("depth", [5, 6])
def test_past_twice_the_depth_limit_the_document_is_refused(depth: int) -> None:
    with pytest.raises(TooDeep) as raised:
        load_yaml("\n" + "[" * depth + "]" * depth, max_nodes=100, max_depth=2)
    assert (raised.value.limit, raised.value.line) == (2, 2)
    assert raised.value.through_aliases is False


def test_an_alias_to_an_anchored_collection_too_deep_is_refused_too() -> None:
    text = "resources:\n- title: A\n  extra: &d {a: {b: 1}}\n- title: *d\n- title: C\n"
    limits = Limits(max_depth=3)
    assert _problems(text, limits) == [
        (2, f"entry 'A' {TOO_DEEP}"),
        (4, f"entry #2 {TOO_DEEP}"),
    ]
    assert _titles(text, limits) == ["C"]


def test_an_alias_inside_a_collection_too_deep_leaves_its_anchor_alone() -> None:
    text = (
        "x: &a C\n"
        "resources:\n"
        "- title: A\n"
        "- title: B\n"
        "  extra: {a: {b: *a}}\n"
        "- title: *a\n"
    )
    assert _titles(text, Limits(max_depth=3)) == ["A", "C"]


# YAML errors


def test_a_duplicate_anchor_is_reported_at_its_second_occurrence() -> None:
    assert _problems("resources:\n- title: &a A\n  url: &a B\n") == [
        (
            3,
            "YAML syntax error: found duplicate anchor 'a'; first occurrence, "
            "second occurrence; check the indentation and quoting of this line",
        )
    ]


def test_loading_turns_the_garbage_collector_back_on() -> None:
    assert gc.isenabled()
    load_yaml("a: 1\n", max_nodes=10)
    assert gc.isenabled()
    gc.disable()
    try:
        load_yaml("a: 1\n", max_nodes=10)
        assert not gc.isenabled()
    finally:
        gc.enable()


# reader_error_line


def _reader_error(position: int) -> yaml.reader.ReaderError:
    return yaml.reader.ReaderError("r.yaml", position, 1, "utf-8", "bad")


def test_reader_error_line_only_for_the_reader() -> None:
    error = ValueError("bad")
    error.position = 3  # type: ignore[attr-defined]
    assert reader_error_line(error, "a\nb\nc\n") is None
    assert reader_error_line(_reader_error(3), "a\nb\nc\n") == 1


def test_reader_error_line_in_bytes_for_libyaml(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # any loader but PyYAML's own: the positions are libyaml's, in bytes
    monkeypatch.setattr(yaml_reader, "BASE_LOADER", getattr(yaml, "CSafeLoader", None))
    # "é" is two bytes; a lone surrogate is written out, not refused
    assert reader_error_line(_reader_error(4), "é\nx\nx") == 1
    assert reader_error_line(_reader_error(5), "\ud800\nx\nx") == 1
    assert reader_error_line(_reader_error(2), "\nx\nx") == 1


def test_reader_error_line_in_characters_for_pyyaml(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yaml_reader, "BASE_LOADER", yaml.SafeLoader)
    assert reader_error_line(_reader_error(4), "\nab\ncd\n") == 2
    assert reader_error_line(_reader_error(3), "é\nx\nx") == 1


# entries built as they are read


class _Whole(yaml_reader._LineLoader):
    """The reader that builds the document only once it is all read."""

    def __init__(self, stream: str, **limits: Any) -> None:
        super().__init__(stream, **{**limits, "build_entries": False})


def _plain(value: Any) -> Any:
    """A loaded value with everything its mappings and lists know of lines."""
    if isinstance(value, LineDict):
        return (
            {key: _plain(item) for key, item in value.items()},
            value.line,
            value.lines,
            value.key_lines,
            value.duplicates,
            value.bad_keys,
            value.retyped,
            value.texts,
            value.aliased,
        )
    if isinstance(value, LineList):
        return ([_plain(item) for item in value], value.line, value.lines, value.texts)
    if isinstance(value, Refused | Tagged):  # compared by identity
        return (type(value).__name__, dataclasses.astuple(value))
    return value


def _both_ways(text: str, **limits: Any) -> tuple[Any, Any]:
    """What each reader loads (or raises) from ``text``, with its usage."""
    results = []
    for whole in (False, True):
        usage = Usage()
        with (
            mock.patch.object(yaml_reader, "_LineLoader", _Whole)
            if whole
            else (contextlib.nullcontext())
        ):
            try:
                data = load_yaml(text, usage=usage, **{"max_nodes": 10**5, **limits})
            except (yaml.YAMLError, ValueError) as exc:
                results.append((type(exc), str(exc)))
                continue
        results.append((_plain(data), usage))
    return results[0], results[1]


ENTRIES = [
    "- title: A\n  tags: [x, y]\n  year: 2015\n",
    "- title: B\n  <<: {kind: paper, year: 1999}\n  year: 2001\n",
    "- title: C\n  title: again\n  ? [a, b]\n  : c\n  2015: k\n",
    "- title: D\n  description: |\n    one\n    two\n  extra: {stars: 3, x: [1, [2, [3]]]}\n",
    "- plain text entry\n",
    "- [a, list, entry]\n",
    "- title: E\n  bad: !!python/object:os.system {}\n  date: 2015-13-45\n",
    "- title: F\n  <<: [1, 2]\n  deep: {a: {b: {c: {d: 1}}}}\n",
    "- title: G\n  n: 123456789012345678901234567890123456789012345\n",
]


@settings(max_examples=80, deadline=None, derandomize=True, database=None)
@given(
    st.lists(st.sampled_from(ENTRIES), max_size=6),
    st.sampled_from(["", "defaults: {kind: book}\n", "title: list\n"]),
    st.sampled_from([3, 4, 5, 20]),
)
def test_entries_built_as_read_are_what_the_whole_document_builds(
    entries: list[str], head: str, depth: int
) -> None:
    text = (
        head
        + "resources:\n"
        + "".join(
            "".join("  " + line + "\n" for line in entry.splitlines())
            for entry in entries
        )
    )
    built, whole = _both_ways(text, max_depth=depth)
    assert built == whole


@pytest.mark.parametrize(
    "text",
    [
        # anchors: the whole document is measured first
        "base: &b {kind: paper}\nresources:\n- {title: A, <<: *b}\n- {title: B}\n",
        # past the character limit: the entries past it are refused
        "resources:\n- {title: " + "a" * 30 + "}\n- {title: B}\n",
        # not under resources
        "- {title: A}\n- {title: B}\n",
        "items:\n- {title: A}\nresources: []\n",
        "resources:\n  - {title: A}\nresources:\n  - {title: B}\n",
        "resources:\n- {title: A}\n- {title: B}\n---\nresources: []\n",
        "resources:\n- {title: A}\n- {title: B\n",
    ],
)
def test_documents_read_whole_load_as_before(text: str) -> None:
    built, whole = _both_ways(text, max_chars=20)
    assert built == whole


def test_an_entry_too_deep_among_built_ones_is_refused_and_counted() -> None:
    text = (
        "resources:\n- {title: A, year: 2015}\n- {title: B, x: {y: 1}}\n- {title: C}\n"
    )
    loader = yaml_reader._LineLoader(
        text, max_nodes=100, max_depth=3, build_entries=True
    )
    try:
        items = loader.get_single_node().value[0][1].value
    finally:
        loader.dispose()
    # the entry too deep stays nodes, to be refused with its neighbours built
    assert [item.tag for item in items] == [
        yaml_reader.BUILT_TAG,
        "tag:yaml.org,2002:map",
        yaml_reader.BUILT_TAG,
    ]
    built, whole = _both_ways(text, max_depth=3)
    assert built == whole
    data, usage = built
    assert data[0]["resources"][0] == [
        (
            {"title": "A", "year": 2015},
            2,
            {"title": 2, "year": 2},
            {"title": 2, "year": 2},
            [],
            [],
            {},
            {"year": "2015"},
            set(),
        ),
        ("Refused", ("depth", 3, False, "B")),
        ({"title": "C"}, 4, {"title": 4}, {"title": 4}, [], [], {}, {}, set()),
    ]
    # A and C, with the list and the top mapping and its key: B is left out
    assert usage == Usage(nodes=10, chars=len("resourcestitleAyear2015titleC"))


def test_the_nodes_of_entries_built_as_read_are_let_go() -> None:
    text = "resources:\n" + "".join(
        f"- title: T{i}\n  tags: [a, b]\n" for i in range(200)
    )
    for build_entries, entries_held in ((True, 0), (False, 200)):
        loader = yaml_reader._LineLoader(
            text, max_nodes=10**5, max_depth=20, build_entries=build_entries
        )
        try:
            root = loader.get_single_node()
            gc.collect()
            mappings = sum(isinstance(o, MappingNode) for o in gc.get_objects())
            # the entries still held, and the top mapping
            assert mappings == entries_held + 1
            data = loader.construct_document(root)
        finally:
            loader.dispose()
        assert [entry["title"] for entry in data["resources"]] == [
            f"T{i}" for i in range(200)
        ]
        assert data["resources"].lines == [2 + 2 * i for i in range(200)]
