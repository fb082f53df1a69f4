"""The fast schema check against jsonschema, keyword by keyword.

The check may say "certainly valid" only when jsonschema finds no error
(else invalid data would skip the real validation), and it must say so for
the valid data each keyword it knows is meant for (else it saves nothing).
Hypothesis draws values around each keyword's edges; every schema here is
small, with one or two keywords, so a wrong bound or a dropped condition
shows on its own.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_readinglist.data._schemacheck import compile_check

DEFS = {"$defs": {"name": {"type": "string", "minLength": 2}}}

#: (schema, values it accepts that the check must vouch for)
SCHEMAS: list[tuple[dict[str, Any], list[Any]]] = [
    ({"type": "string"}, ["", "a"]),
    ({"type": "array"}, [[], [1]]),
    ({"type": "object"}, [{}, {"a": 1}]),
    ({"type": "integer"}, [0, -3]),
    ({"type": "number"}, [0, -3, 2.5]),
    ({"type": "boolean"}, [True, False]),
    ({"type": ["string", "number", "boolean"]}, ["", 1, 2.5, False]),
    ({"type": ["integer"]}, [4]),
    ({"type": "string", "minLength": 2}, ["ab", "abc"]),
    ({"type": "string", "maxLength": 2}, ["", "ab"]),
    ({"type": "string", "minLength": 1, "maxLength": 3, "pattern": "^a"}, ["a", "abc"]),
    ({"minLength": 2}, ["ab", 5, None]),
    ({"maxLength": 2}, ["ab", 5]),
    ({"pattern": "b$"}, ["ab", 3]),
    ({"minimum": 3}, [3, 4.5, "x", True]),
    ({"maximum": 3}, [3, -1, "x", False]),
    ({"enum": ["a", "b"]}, ["a", "b"]),
    ({"items": {"type": "integer"}}, [[], [1, 2], "x"]),
    ({"required": ["a"]}, [{"a": 1}, [], 3]),
    ({"properties": {"a": {"type": "string"}}}, [{"a": "x"}, {"b": 1}, 3]),
    ({"properties": {"a": {}}, "additionalProperties": False}, [{"a": 1}, {}, 3]),
    ({"additionalProperties": {"type": "integer"}}, [{"a": 1}, {}, "x"]),
    (
        {"additionalProperties": {"type": ["string", "number", "boolean"]}},
        [{"a": 1, "b": "x", "n": True}, {}, 3],
    ),
    ({"propertyNames": {"pattern": "^[a-z]+$"}}, [{"ab": 1}, {}, 3]),
    ({"$ref": "#/$defs/name", **DEFS}, ["ab"]),
    (
        {"type": "object", "properties": {"n": {"$ref": "#/$defs/name"}}, **DEFS},
        [{"n": "ab"}, {}],
    ),
    (
        {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        ["a", ["a"], []],
    ),
    ({"type": "string", "description": "annotations assert nothing"}, ["a"]),
    ({"properties": {"a": True}}, [{"a": 1}, {"a": None}]),
]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.floats(-5, 5, allow_nan=False)
    | st.text(alphabet="ab ", max_size=4),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["a", "b", "n", "A"]), inner, max_size=3),
    max_leaves=6,
)


@pytest.mark.parametrize(("schema", "valid"), SCHEMAS)
def test_the_check_vouches_for_valid_values(schema: Any, valid: list[Any]) -> None:
    check = compile_check(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for value in valid:
        assert validator.is_valid(value), value
        assert check(value) is True, value


@settings(max_examples=300, deadline=None)
@given(value=json_values)
def test_the_check_vouches_only_for_what_jsonschema_accepts(value: Any) -> None:
    for schema, _valid in SCHEMAS:
        if compile_check(schema)(value):
            assert jsonschema.Draft202012Validator(schema).is_valid(value), (
                schema,
                value,
            )


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "null"},  # a type it leaves to jsonschema
        {"type": ["string", "null"]},  # a list with one such type
        {"type": []},
        {"const": "a"},  # an unknown keyword
        {"$ref": "#/$defs/missing", **DEFS},
        {"$ref": "#/$defs/name"},  # no $defs at all
        {"$ref": "https://example.org/schema"},
        {"items": {"const": 1}},
        {"properties": {"a": {"const": 1}}},
        {"additionalProperties": {"const": 1}},
        {
            "properties": {},
            "patternProperties": {"^a": {}},
            "additionalProperties": False,
        },
        {"propertyNames": {"const": "a"}},
        {"oneOf": [{"type": "string"}, {"minLength": 1}]},
    ],
)
def test_what_it_does_not_know_it_leaves_to_jsonschema(schema: Any) -> None:
    check = compile_check(schema)
    for value in ("a", 1, None, {"a": 1}, ["a"]):
        assert check(value) is False


def test_a_recursive_reference_stays_safe() -> None:
    node = {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}}}
    schema = {"$defs": {"node": node}, "$ref": "#/$defs/node"}
    check = compile_check(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for value in ({}, {"next": {}}, {"next": 1}, {"next": {"next": "x"}}):
        assert not check(value) or validator.is_valid(value), value
    assert check({"next": 1}) is False
