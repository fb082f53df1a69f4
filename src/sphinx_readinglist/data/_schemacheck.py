"""A fast, one-sided check of data against the reading-list JSON Schema.

jsonschema validates a typical entry in about a hundred microseconds, most of
it spent building the error machinery that a valid entry never needs. The
check compiled here answers only "certainly valid": when it says yes, jsonschema
would report no error, so the loader may skip it; when it says no, the loader
runs jsonschema, which finds the errors and words the messages. A keyword the
compiler does not know makes its check say no, so a change to the schema can
slow the loader down but never let a bad entry through.

It knows nothing of the shipped schema: :func:`.schema_check.certainly_valid`
compiles that.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

#: Keywords that only annotate: jsonschema asserts nothing for them (``format``
#: included, as the loader's validator has no format checker).
_ANNOTATIONS = frozenset(
    {
        "$schema", "$id", "$comment", "$defs", "title", "description",
        "default", "examples", "deprecated", "readOnly", "writeOnly", "format",
    }
)  # fmt: skip


def _never(value: Any) -> bool:
    return False


def _is_type(name: str, value: Any) -> bool | None:
    """jsonschema's type test, or None for types the compiler leaves alone."""
    if name == "string":
        return isinstance(value, str)
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    if name == "integer":
        # jsonschema also takes 2015.0; this check leaves floats to it
        return type(value) is int
    if name == "number":
        # a bool is an int to Python, and no number to jsonschema
        return isinstance(value, int | float) and not isinstance(value, bool)
    if name == "boolean":
        return isinstance(value, bool)
    return None


def _type_check(name: str | list[str]) -> Check:
    """The check of ``type``: one name, or a list of names (any of them)."""
    names = [name] if isinstance(name, str) else name
    if not names or any(
        not isinstance(n, str) or _is_type(n, None) is None for n in names
    ):
        return _never
    if len(names) == 1:
        return lambda value: bool(_is_type(names[0], value))
    return lambda value: any(_is_type(n, value) for n in names)


def _excluded_by_type(schema: Mapping[str, Any], value: Any) -> bool:
    """Whether ``value`` certainly fails ``schema`` because of its ``type``."""
    name = schema.get("type")
    if not isinstance(name, str):
        return False
    if name == "integer":
        # exclude only what jsonschema excludes: a bool, or no number at all
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return not number
    result = _is_type(name, value)
    return result is False


def _all_of(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]

    def every(value: Any) -> bool:
        for check in checks:  # noqa: SIM110 (all() of a generator is slower)
            if not check(value):
                return False
        return True

    return every


def _pattern(pattern: str) -> re.Pattern[str]:
    """A schema pattern as jsonschema applies it: ``search``, not ``fullmatch``.

    The shipped schema ends its anchored patterns with ``(?![\\s\\S])``, which
    ECMA-262 and Python both read as the end of the string; ``$`` would also
    match before a final newline (issue 11).
    """
    return re.compile(pattern)


def _string_check(schema: Mapping[str, Any]) -> Check | None:
    """One function for the most common schema, a string with limits."""
    keywords = set(schema) - _ANNOTATIONS
    if schema.get("type") != "string" or not keywords <= _STRING_KEYWORDS:
        return None
    low = int(schema.get("minLength", 0))
    high = schema.get("maxLength")
    regex = _pattern(schema["pattern"]) if "pattern" in schema else None

    def string(value: Any) -> bool:
        return (
            isinstance(value, str)
            and len(value) >= low
            and (high is None or len(value) <= high)
            and (regex is None or regex.search(value) is not None)
        )

    return string


_STRING_KEYWORDS = frozenset({"type", "minLength", "maxLength", "pattern"})


class _Compiler:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self.defs: Mapping[str, Any] = root.get("$defs", {})
        self.compiled: dict[str, Check] = {}

    def ref(self, ref: str) -> Check:
        prefix = "#/$defs/"
        if not ref.startswith(prefix) or ref[len(prefix) :] not in self.defs:
            return _never
        name = ref[len(prefix) :]
        if name not in self.compiled:
            self.compiled[name] = _never  # a recursive reference stays safe
            self.compiled[name] = self.schema(self.defs[name])
        return lambda value: self.compiled[name](value)

    def schema(self, schema: Any) -> Check:
        if schema is True:
            return lambda value: True
        if not isinstance(schema, Mapping):
            return _never
        string = _string_check(schema)
        if string is not None:
            return string
        checks: list[Check] = []
        for keyword, argument in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            check = self.keyword(keyword, argument, schema)
            if check is _never:
                return _never
            if check is not None:
                checks.append(check)
        return _all_of(checks)

    def keyword(
        self, keyword: str, argument: Any, schema: Mapping[str, Any]
    ) -> Check | None:
        """The check of one keyword; None if it checks nothing more."""
        if keyword == "$ref":
            return self.ref(argument)
        if keyword == "type":
            return _type_check(argument) if isinstance(argument, str | list) else _never
        if keyword in ("minLength", "maxLength"):
            bound = int(argument)
            if keyword == "minLength":
                return lambda v: not isinstance(v, str) or len(v) >= bound
            return lambda v: not isinstance(v, str) or len(v) <= bound
        if keyword in ("minimum", "maximum"):
            limit = argument

            def in_range(value: Any) -> bool:
                if isinstance(value, bool) or not isinstance(value, int | float):
                    return True  # jsonschema ignores what is not a number
                return bool(value >= limit if keyword == "minimum" else value <= limit)

            return in_range
        if keyword == "pattern":
            regex = _pattern(argument)
            return lambda v: not isinstance(v, str) or regex.search(v) is not None
        if keyword == "enum":
            choices = [c for c in argument if isinstance(c, str)]
            # only strings, compared with their type: jsonschema's equality
            # differs from Python's for booleans and numbers
            return lambda v: type(v) is str and v in choices
        if keyword == "items":
            item = self.schema(argument)
            if item is _never:
                return _never
            return lambda v: not isinstance(v, list) or all(item(i) for i in v)
        if keyword == "required":
            names = list(argument)
            return lambda v: not isinstance(v, dict) or all(n in v for n in names)
        if keyword == "properties":
            properties = {name: self.schema(sub) for name, sub in argument.items()}
            if any(check is _never for check in properties.values()):
                return _never

            def each_property(value: Any) -> bool:
                if not isinstance(value, dict):
                    return True
                for name, item in value.items():
                    check = properties.get(name)
                    if check is not None and not check(item):
                        return False
                return True

            return each_property
        if keyword == "additionalProperties":
            if "patternProperties" in schema:
                return _never
            known = frozenset(schema.get("properties", ()))
            if argument is False:
                return lambda v: not isinstance(v, dict) or all(k in known for k in v)
            extra = self.schema(argument)
            if extra is _never:
                return _never
            return lambda v: not isinstance(v, dict) or all(
                extra(item) for key, item in v.items() if key not in known
            )
        if keyword == "propertyNames":
            name_check = self.schema(argument)
            if name_check is _never:
                return _never
            return lambda v: not isinstance(v, dict) or all(name_check(k) for k in v)
        if keyword == "oneOf":
            return self.one_of(list(argument))
        return _never  # unknown: let jsonschema decide

    def one_of(self, branches: list[Any]) -> Check:
        """Exactly one branch: one passes, and each other fails by its type."""
        checks = [self.schema(branch) for branch in branches]
        if any(not isinstance(b, Mapping) or "type" not in b for b in branches):
            return _never

        def exactly_one(value: Any) -> bool:
            passed = [i for i, check in enumerate(checks) if check(value)]
            if len(passed) != 1:
                return False
            return all(
                _excluded_by_type(branch, value)
                for i, branch in enumerate(branches)
                if i != passed[0]
            )

        return exactly_one


def compile_check(schema: Mapping[str, Any]) -> Check:
    """A predicate that is True only for data ``schema`` certainly accepts.

    :param schema: a JSON Schema (2020-12); ``$ref`` may point into its
        ``$defs``.
    :return: a function of the data; False means "ask jsonschema".
    """
    return _Compiler(schema).schema(schema)
