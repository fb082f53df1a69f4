"""The schema's checks and their messages, word for word, at the data layer.

Each test calls :mod:`sphinx_readinglist.data.schema_check` with a small
value, so that a changed message, boundary or line fails here.
"""

from __future__ import annotations

from typing import Any

import pytest

from sphinx_readinglist.data import KINDS, load_text, schema, schema_for
from sphinx_readinglist.data.schema_check import (
    entry_errors,
    is_kind_name,
    jsonschema_validator,
    project_kinds,
    schema_error_line,
    schema_message,
    unknown_keys,
)
from sphinx_readinglist.data.yaml_reader import load_yaml

ALL_KINDS = (
    "paper, book, course, video, blog, article, website, tool, list, talk, "
    "podcast, other"
)
KNOWN = (
    "title, id, url, authors, year, date, added, venue, kind, level, tags, "
    "description, abstract, links, translations, image, image_alt, doi, arxiv, "
    "isbn, archive, status, extra"
)


def _messages(
    data: Any,
    *,
    validator: str | None = None,
    kinds: tuple[str, ...] = KINDS,
    written: str | None = None,
) -> list[str]:
    errors = jsonschema_validator("resource", kinds).iter_errors(data)
    return [
        schema_message(error, label="entry 'A'", written=written, kinds=kinds)
        for error in errors
        if validator is None or error.validator == validator
    ]


def _problems(text: str) -> list[tuple[int, str]]:
    found = load_text(text, "r.yaml").problems
    return [(problem.location.line, problem.message) for problem in found]


# schema_for, project_kinds, is_kind_name


def test_schema_for_without_kinds_is_a_deep_copy_of_the_shipped_schema() -> None:
    copied = schema_for()
    assert copied == schema()
    copied["$defs"]["resource"]["properties"]["kind"]["enum"].append("dataset")
    assert (
        "dataset" not in schema_for()["$defs"]["resource"]["properties"]["kind"]["enum"]
    )
    assert "dataset" not in schema()["$defs"]["resource"]["properties"]["kind"]["enum"]


def test_schema_for_adds_the_project_kinds_after_the_built_in_ones() -> None:
    full = schema_for(["dataset", "case-study"])
    assert full["$defs"]["resource"]["properties"]["kind"]["enum"] == [
        *KINDS,
        "dataset",
        "case-study",
    ]
    assert "$id" not in full
    assert schema_for()["$id"] == schema()["$id"]


def test_project_kinds_keeps_each_kind_once_in_order() -> None:
    assert project_kinds() == KINDS
    assert project_kinds(["dataset", "book", "dataset", "case-study"]) == (
        *KINDS,
        "dataset",
        "case-study",
    )


def test_project_kinds_names_the_bad_kind_and_the_fix() -> None:
    with pytest.raises(ValueError) as raised:
        project_kinds(["dataset", "Data Set"])
    assert str(raised.value) == (
        "'Data Set' is not a kind's name; use lowercase letters, digits and "
        "single hyphens, at most 40 characters, such as 'dataset'"
    )
    with pytest.raises(ValueError, match=r"^'Data Set' is not"):
        schema_for(["Data Set"])


def test_a_kind_name_has_at_most_forty_characters() -> None:
    assert is_kind_name("a" * 40)
    assert not is_kind_name("a" * 41)
    assert is_kind_name("case-study")
    assert not is_kind_name("Dataset")
    assert not is_kind_name("case--study")
    assert not is_kind_name(3)
    assert not is_kind_name(None)


def test_entry_errors_accepts_a_project_kind_it_was_given() -> None:
    kinds = project_kinds(["dataset"])
    assert list(entry_errors({"title": "A", "kind": "dataset"}, kinds)) == []
    assert [e.validator for e in entry_errors({"title": "A", "kind": "dataset"})] == [
        "enum"
    ]
    assert list(entry_errors({"title": "A"})) == []


# schema_message, word for word


def test_a_wrong_kind_lists_the_project_kinds_too() -> None:
    kinds = project_kinds(["dataset"])
    assert _messages({"title": "A", "kind": "datset"}, kinds=kinds) == [
        f"entry 'A': 'kind' must be one of {ALL_KINDS}, dataset, got 'datset'; "
        "did you mean 'dataset'?"
    ]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (
            "level",
            "hard",
            "entry 'A': 'level' must be one of beginner, intermediate, advanced, "
            "got 'hard'",
        ),
        (
            "status",
            "x",
            "entry 'A': 'status' must be ok, or dead for a url that no longer "
            "works, got 'x'; write e.g. status: dead",
        ),
        (
            "status",
            3,
            "entry 'A': 'status' must be ok, or dead for a url that no longer "
            "works, got 3; write e.g. status: dead",
        ),
    ],
)
def test_a_value_outside_a_list_of_choices(
    field: str, value: Any, expected: str
) -> None:
    assert _messages({"title": "A", field: value}) == [expected]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (999, "entry 'A': 'year' 999 is not a plausible year; write e.g. year: 2015"),
        (3000, "entry 'A': 'year' 3000 is not a plausible year; write e.g. year: 2015"),
    ],
)
def test_a_year_out_of_range(year: int, expected: str) -> None:
    assert _messages({"title": "A", "year": year}) == [expected]
    assert _messages({"title": "A", "year": 1000}) == []
    assert _messages({"title": "A", "year": 2999}) == []


def test_a_quoted_year_says_to_remove_the_quotes() -> None:
    assert _messages({"title": "A", "year": " 2015 "}) == [
        "entry 'A': 'year' must be an integer, got ' 2015 '; remove the quotes: "
        "year: 2015"
    ]


def test_a_year_that_is_no_integer() -> None:
    assert _messages({"title": "A", "year": 1.5}, validator="type") == [
        "entry 'A': 'year' must be an integer, got 1.5; write e.g. year: 2015"
    ]


def test_a_numeric_id_says_to_quote_it() -> None:
    assert _messages({"title": "A", "id": 12}, written="12") == [
        "entry 'A': 'id' must be a string, got 12, which YAML reads as a number; "
        "quote it: id: '12'"
    ]


def test_an_id_longer_than_a_hundred_characters() -> None:
    assert _messages({"title": "A", "id": "a" * 100}) == []
    assert _messages({"title": "A", "id": "a" * 101}) == [
        "entry 'A': 'id' 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' cannot be an "
        "HTML id; use at most 100 letters, digits, '-' and '_', starting with a "
        "letter or digit; write e.g. id: lecun2015"
    ]


def test_a_date_in_another_form() -> None:
    assert _messages({"title": "A", "date": "soon"}) == [
        "entry 'A': 'date' must be a date written YYYY-MM-DD or YYYY-MM, got "
        "'soon'; write e.g. date: 2015-05-27"
    ]
    assert _messages({"title": "A", "added": 2015}, written="2015") == [
        "entry 'A': 'added' must be a date written YYYY-MM-DD, got 2015, which "
        "YAML reads as a number; write e.g. added: 2024-05-01"
    ]


def test_a_bad_language_code() -> None:
    assert _messages({"title": "A", "translations": {"XXX1": "https://a.org"}}) == [
        "entry 'A': 'XXX1' is not a language code in 'translations'; use a code "
        "such as fr, de or pt-BR; write e.g. translations: "
        "{fr: https://example.org/fr/}"
    ]


def test_empty_values() -> None:
    assert _messages({"title": ""}, validator="minLength") == [
        "entry 'A': 'title' is empty; write e.g. title: Deep learning"
    ]
    assert _messages({"title": "A", "tags": " "}) == [
        "entry 'A': 'tags' is empty; write e.g. tags: [rnn, lstm]"
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"tags": 3},
            "entry 'A': 'tags' must be a string or a list of strings, got 3; "
            "write e.g. tags: [rnn, lstm]",
        ),
        (
            {"links": "x"},
            "entry 'A': 'links' must be a list, got 'x'; write e.g. links: "
            "[{title: Slides, url: https://example.org/slides.pdf}]",
        ),
        (
            {"extra": 3},
            "entry 'A': 'extra' must be a mapping, got 3; write e.g. extra: "
            "{stars: 1200, license: MIT}",
        ),
        (
            {"extra": {"stars": [1]}},
            "entry 'A': 'extra.stars' must be a string or number or boolean, got "
            "a list; write e.g. extra: {stars: 1200, license: MIT}",
        ),
        (
            # only an identifier's example: from identifiers.EXAMPLES
            {"doi": 3},
            "entry 'A': 'doi' must be a string, got 3; write e.g. doi: "
            "10.1038/nature14539",
        ),
    ],
)
def test_a_value_of_the_wrong_type(data: dict[str, Any], expected: str) -> None:
    assert _messages({"title": "A", **data}) == [expected]


def test_an_entry_that_is_no_mapping_has_no_example() -> None:
    assert _messages(3) == ["entry 'A': '' must be a mapping, got 3"]


# lines


def test_a_bad_language_code_is_reported_at_its_key() -> None:
    text = (
        "resources:\n"
        "- title: A\n"
        "  url: https://a.org\n"
        "  translations:\n"
        "    fr: https://a.org/fr\n"
        "    XXX1: https://a.org/x\n"
    )
    assert _problems(text) == [
        (
            6,
            "entry 'A': 'XXX1' is not a language code in 'translations'; use a "
            "code such as fr, de or pt-BR; write e.g. translations: "
            "{fr: https://example.org/fr/}",
        )
    ]


def test_schema_error_line_follows_the_path_into_lists() -> None:
    mapping = load_yaml("title: A\nlinks:\n- 0\n- 1\n", max_nodes=100)
    errors = {
        tuple(error.absolute_path): error
        for error in jsonschema_validator("resource").iter_errors(mapping)
    }
    assert schema_error_line(mapping, ["links", 1], errors["links", 1]) == 4
    assert schema_error_line(mapping, ["links", 0], errors["links", 0]) == 3
    # past the end of the list: the line of the list
    assert schema_error_line(mapping, ["links", 2], errors["links", 0]) == 3


def test_schema_error_line_of_a_bad_language_code() -> None:
    mapping = load_yaml(
        "title: A\ntranslations:\n  fr: https://a.org/fr\n  XXX1: https://a.org\n",
        max_nodes=100,
    )
    [error] = jsonschema_validator("resource").iter_errors(mapping)
    assert schema_error_line(mapping, ["translations"], error) == 4


def test_schema_error_line_of_an_aliased_value_is_where_it_is_used() -> None:
    mapping = load_yaml(
        "base: &tags [1, 2]\nentry:\n  title: A\n  tags: *tags\n", max_nodes=100
    )["entry"]
    errors = list(jsonschema_validator("resource").iter_errors(mapping))
    assert schema_error_line(mapping, ["tags", 1], errors[0]) == 4


# unknown_keys


def _unknown(text: str) -> list[tuple[str, int]]:
    mapping = load_yaml(text, max_nodes=100)
    found = []
    for error in jsonschema_validator("resource").iter_errors(mapping):
        if error.validator == "additionalProperties":
            found += unknown_keys(error, mapping, label="entry 'A'")
    return found


def test_an_unknown_field_close_to_a_known_one() -> None:
    assert _unknown("title: A\nstars: 3\n") == [
        (
            "entry 'A': unknown field 'stars'; did you mean 'status'? To keep it, "
            "move it under extra, as in extra: {stars: ...}",
            2,
        )
    ]


def test_an_unknown_field_gets_an_example_up_to_24_characters() -> None:
    assert _unknown(f"title: A\n{'z' * 24}: 1\n{'z' * 25}: 2\n") == [
        (
            f"entry 'A': unknown field '{'z' * 24}'; to keep it, move it under "
            f"extra, as in extra: {{{'z' * 24}: ...}}; known fields: {KNOWN}",
            2,
        ),
        (
            f"entry 'A': unknown field '{'z' * 25}'; to keep it, move it under "
            f"extra; known fields: {KNOWN}",
            3,
        ),
    ]


def test_an_unknown_field_of_a_link_is_named_with_its_path() -> None:
    assert _unknown(
        "title: A\nlinks:\n- title: Slides\n  url: https://a.org\n  ur: x\n"
    ) == [("entry 'A': unknown field 'ur' in links[1]; did you mean 'url'?", 5)]
    assert _unknown(
        "title: A\nlinks:\n- title: Slides\n  url: https://a.org\n  zzzz: x\n"
    ) == [
        (
            "entry 'A': unknown field 'zzzz' in links[1]; known fields: title, url",
            5,
        )
    ]


def test_entry_errors_of_an_invalid_entry_know_the_project_kinds() -> None:
    kinds = project_kinds(["dataset"])
    errors = entry_errors({"title": "A", "kind": "dataset", "year": "x"}, kinds)
    assert [(list(e.absolute_path), e.validator) for e in errors] == [
        (["year"], "type")
    ]


def test_an_id_that_is_also_a_language_code_is_reported_at_the_id() -> None:
    text = (
        "resources:\n- title: A\n  id: x y\n  translations:\n    x y: https://a.org\n"
    )
    assert _problems(text) == [
        (
            3,
            "entry 'A': 'id' 'x y' cannot be an HTML id; use at most 100 letters, "
            "digits, '-' and '_', starting with a letter or digit; write e.g. "
            "id: lecun2015",
        ),
        (
            5,
            "entry 'A': 'x y' is not a language code in 'translations'; use a "
            "code such as fr, de or pt-BR; write e.g. translations: "
            "{fr: https://example.org/fr/}",
        ),
    ]
