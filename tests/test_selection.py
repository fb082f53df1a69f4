"""The directive's selection, order and grouping, on data read by the loader.

The directive tests build pages with these options; here each rule of
:mod:`sphinx_readinglist.cards.selection` is checked on its own, with the
edge cases a page rarely shows: undated and unclassified entries, ties,
unknown ids, and what the "matches no entry" warning says.
"""

from __future__ import annotations

from typing import Any

from sphinx_readinglist.cards.selection import (
    groups,
    select,
    selected_tags,
    wanted_tags,
)
from sphinx_readinglist.data import loader
from sphinx_readinglist.data.model import ReadingList

DATA = """\
resources:
  - {id: b, title: beta, year: 2012, kind: book, level: advanced, tags: [NLP, Vision]}
  - {id: a, title: Alpha, year: 2015, kind: paper, level: beginner, tags: [nlp]}
  - {id: c, title: gamma, kind: video, tags: [vision]}
  - {id: d, title: Delta, year: 2009}
"""


def reading_list() -> ReadingList:
    data = loader.load_text(DATA, "list.yaml")
    assert data.problems == ()
    return data


def chosen(**options: Any) -> tuple[list[str], list[str]]:
    """The ids that ``options`` select, and the warnings."""
    warnings: list[str] = []
    found = select(reading_list(), options, warnings.append)
    return [r.id for r in found], warnings


def test_file_order_by_default() -> None:
    assert chosen() == (["b", "a", "c", "d"], [])
    assert chosen(sort="file") == (["b", "a", "c", "d"], [])


def test_sort_by_title_ignores_case() -> None:
    assert chosen(sort="title")[0] == ["a", "b", "d", "c"]


def test_sort_by_year_puts_undated_entries_last_either_way() -> None:
    assert chosen(sort="year")[0] == ["d", "b", "a", "c"]
    assert chosen(sort="-year")[0] == ["a", "b", "d", "c"]


def test_limit_cuts_after_sorting() -> None:
    assert chosen(sort="-year", limit=2)[0] == ["a", "b"]


def test_ids_in_the_order_given() -> None:
    assert chosen(ids=["c", "a"]) == (["c", "a"], [])


def test_an_unknown_id_warns_with_a_suggestion_and_the_rest_stay() -> None:
    ids, warnings = chosen(ids=["a", "bb"])
    assert ids == ["a"]
    assert warnings == [":ids: 'bb' is not in list.yaml; did you mean 'b'?"]


def test_only_unknown_ids_warn_once_each() -> None:
    ids, warnings = chosen(ids=["x", "y"])
    assert ids == []
    assert warnings == [
        ":ids: 'x' is not in list.yaml",
        ":ids: 'y' is not in list.yaml",
    ]


def test_unknown_ids_and_a_filter_that_leaves_nothing_warn_about_both() -> None:
    _ids, warnings = chosen(ids=["x"], kind=["book"])
    assert warnings == [
        ":ids: 'x' is not in list.yaml",
        "the selection :ids: x, :kind: book matches no entry of list.yaml; "
        "check the values against the data",
    ]


def test_only_unknown_ids_give_no_selection_warning_even_with_a_limit() -> None:
    warnings: list[str] = []
    select(reading_list(), {"ids": ["x"], "limit": 0}, warnings.append)
    assert warnings == [":ids: 'x' is not in list.yaml"]


def test_tags_compare_by_slug() -> None:
    assert chosen(tags=["nlp"])[0] == ["b", "a"]
    assert chosen(tags=["VISION"])[0] == ["b", "c"]


def test_kind_and_level_keep_any_of_their_values() -> None:
    assert chosen(kind=["book", "video"])[0] == ["b", "c"]
    assert chosen(level=["beginner"])[0] == ["a"]


def test_a_selection_of_nothing_names_its_options_and_suggests_a_tag() -> None:
    ids, warnings = chosen(tags=["visoin"], kind=["paper"])
    assert ids == []
    assert warnings == [
        "the selection :tags: visoin, :kind: paper matches no entry of list.yaml; "
        "did you mean 'vision'?; check the values against the data"
    ]
    _ids, warnings = chosen(level=["advanced"], kind=["video"])
    assert warnings == [
        "the selection :kind: video, :level: advanced matches no entry of "
        "list.yaml; check the values against the data"
    ]


def test_the_source_is_named_as_the_page_wrote_it() -> None:
    warnings: list[str] = []
    select(reading_list(), {"ids": ["x"]}, warnings.append, "data/list.yaml")
    assert warnings == [":ids: 'x' is not in data/list.yaml"]


def test_an_empty_list_selects_nothing_silently() -> None:
    warnings: list[str] = []
    empty = loader.load_text("resources: []\n", "empty.yaml")
    assert select(empty, {"tags": ["x"]}, warnings.append) == []
    assert warnings == []


def headings(key: str | None) -> list[tuple[str, list[str]]]:
    return [
        (heading, [r.id for r in members])
        for heading, members in groups(list(reading_list().resources), key)
    ]


def test_no_grouping_is_one_group_without_a_heading() -> None:
    assert headings(None) == [("", ["b", "a", "c", "d"])]


def test_groups_by_kind_in_the_kinds_order_then_other() -> None:
    assert headings("kind") == [
        ("Paper", ["a"]),
        ("Book", ["b"]),
        ("Video", ["c"]),
        ("Other", ["d"]),
    ]


def test_groups_by_level_in_the_levels_order_then_any_level() -> None:
    assert headings("level") == [
        ("Beginner", ["a"]),
        ("Advanced", ["b"]),
        ("Any level", ["c", "d"]),
    ]


def test_groups_by_year_newest_first_then_undated() -> None:
    assert headings("year") == [
        ("2015", ["a"]),
        ("2012", ["b"]),
        ("2009", ["d"]),
        ("Undated", ["c"]),
    ]


def test_groups_by_tag_alphabetically_as_first_written_then_untagged() -> None:
    assert headings("tag") == [
        ("NLP", ["b", "a"]),
        ("Vision", ["b", "c"]),
        ("Untagged", ["d"]),
    ]


def test_unknown_ids_and_tags_or_levels_that_leave_nothing_warn_too() -> None:
    for key, value in (("tags", "nlp"), ("level", "beginner")):
        _ids, warnings = chosen(ids=["x"], **{key: [value]})
        assert warnings == [
            ":ids: 'x' is not in list.yaml",
            f"the selection :ids: x, :{key}: {value} matches no entry of list.yaml; "
            "check the values against the data",
        ]


def test_every_value_of_an_option_is_named() -> None:
    _ids, warnings = chosen(kind=["course", "talk"])
    assert warnings == [
        "the selection :kind: course talk matches no entry of list.yaml; "
        "check the values against the data"
    ]


def test_a_tag_with_spaces_is_one_tag_when_the_data_has_it() -> None:
    known = {"computer-vision", "nlp", "vision"}
    assert wanted_tags(["Computer Vision"], known) == {"computer-vision"}
    assert wanted_tags(["computer-vision", "NLP"], known) == {"computer-vision", "nlp"}
    # otherwise the words are tags, as ":tags: rnn lstm" always meant
    assert wanted_tags(["nlp vision"], known) == {"nlp", "vision"}
    assert wanted_tags(["unknown"], known) == {"unknown"}
    assert wanted_tags(["\u200b"], known) == set()


def test_all_tags_and_exclusions() -> None:
    assert chosen(**{"all-tags": ["nlp", "vision"]})[0] == ["b"]
    assert chosen(**{"exclude-tags": ["nlp"]})[0] == ["c", "d"]
    assert chosen(**{"exclude-kinds": ["book", "video"]})[0] == ["a", "d"]
    assert chosen(tags=["vision"], **{"exclude-tags": ["nlp"]})[0] == ["c"]


def test_a_selection_of_nothing_names_tag_options_with_commas() -> None:
    _ids, warnings = chosen(**{"all-tags": ["nlp", "Computer Visoin"]})
    assert warnings == [
        "the selection :all-tags: nlp, Computer Visoin matches no entry of "
        "list.yaml; check the values against the data"
    ]
    _ids, warnings = chosen(kind=["book"], **{"exclude-kinds": ["book", "paper"]})
    assert warnings == [
        "the selection :kind: book, :exclude-kinds: book paper matches no entry "
        "of list.yaml; check the values against the data"
    ]


def test_grouping_under_the_selected_tags_only() -> None:
    resources = list(reading_list().resources)
    assert [
        (heading, [r.id for r in members])
        for heading, members in groups(resources, "tag", {"vision"})
    ] == [("Vision", ["b", "c"]), ("Untagged", ["a", "d"])]
    assert selected_tags(reading_list(), {"tags": ["Vision"], "all-tags": ["nlp"]}) == {
        "vision",
        "nlp",
    }
    assert selected_tags(reading_list(), {"kind": ["book"]}) == set()
