"""The shipped JSON Schema, the checks it makes, and its errors in words.

jsonschema finds the errors and the messages here word them, with the line
they are at and the fix. A valid entry never meets jsonschema: the fast check
compiled by :mod:`._schemacheck` vouches for it first, which saves about
0.1 ms an entry (0.9 s of 2.2 at 10,000 entries).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from functools import cache
from importlib import resources as importlib_resources
from typing import TYPE_CHECKING, Any

from ._schemacheck import Check, compile_check
from .dates import DATE_FIELDS
from .identifiers import EXAMPLES as IDENTIFIER_EXAMPLES
from .identifiers import status_message
from .messages import (
    EXAMPLES,
    cut,
    date_form_message,
    describe,
    did_you_mean,
    got,
    named_path,
    quotable,
    quote_it,
    shown,
    yaml_key,
)
from .model import KIND_NAME, KINDS, MAX_KIND_NAME
from .yaml_values import LineDict, LineList

if TYPE_CHECKING:
    import jsonschema


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of a data file, as shipped in the package."""
    path = (
        importlib_resources.files("sphinx_readinglist")
        / "schema/readinglist.schema.json"
    )
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def schema_for(kinds: Iterable[str] = ()) -> dict[str, Any]:
    """The shipped schema, its ``kind`` also taking a project's own kinds.

    Write it to a file for the editors of a project with
    ``readinglist_kinds``, and point them at it (a ``yaml-language-server``
    comment in each data file, or the editor's settings)::

        schema = schema_for(["dataset", "conference"])
        Path("reading.schema.json").write_text(json.dumps(schema, indent=2))

    :param kinds: the project's kinds, such as the keys of
        ``readinglist_kinds``, in their order; the built-in kinds are always
        allowed, and listed first.
    :return: a new copy of the schema; without kinds of its own, the shipped
        one, ``$id`` included. A schema with more kinds has no ``$id``: it
        is not the one published at that address.
    :raises ValueError: a kind is not a name that ``readinglist_kinds``
        accepts (lowercase letters, digits and single hyphens).
    """
    return copy.deepcopy(_schema_for(project_kinds(kinds)))


def project_kinds(kinds: Iterable[str] = ()) -> tuple[str, ...]:
    """:data:`.KINDS`, then each other kind of ``kinds``, once, in order.

    :raises ValueError: a kind is not a kind's name.
    """
    found = dict.fromkeys(KINDS)
    for kind in kinds:
        if not is_kind_name(kind):
            raise ValueError(
                f"{describe(kind)} is not a kind's name; use lowercase letters, "
                f"digits and single hyphens, at most {MAX_KIND_NAME} characters, "
                "such as 'dataset'"
            )
        found.setdefault(kind)
    return tuple(found)


def is_kind_name(name: object) -> bool:
    """Whether ``name`` may name a kind: ``dataset``, ``case-study``..."""
    return (
        isinstance(name, str)
        and len(name) <= MAX_KIND_NAME
        and KIND_NAME.fullmatch(name) is not None
    )


@cache
def _schema_for(kinds: tuple[str, ...]) -> dict[str, Any]:
    """The schema with ``kinds`` (every kind, built-in first) in ``kind``."""
    if kinds == KINDS:
        return schema()
    full = copy.deepcopy(schema())
    full.pop("$id", None)
    for definition in full["$defs"].values():
        kind = definition.get("properties", {}).get("kind")
        if kind is not None:
            kind["enum"] = list(kinds)
    return full


@cache
def jsonschema_validator(
    definition: str, kinds: tuple[str, ...] = KINDS
) -> jsonschema.protocols.Validator:
    """jsonschema's validator of one ``$defs`` entry, which finds the errors.

    :param kinds: every value ``kind`` may take (:attr:`.Limits.kinds`).
    """
    # imported when first needed: most builds have only valid data, which the
    # fast check vouches for, and jsonschema takes a while to import
    import jsonschema

    full = _schema_for(kinds)
    sub = {**full["$defs"][definition], "$defs": full["$defs"]}
    return jsonschema.Draft202012Validator(sub)


@cache
def certainly_valid(definition: str, kinds: tuple[str, ...] = KINDS) -> Check:
    """The fast check of one ``$defs`` entry of the schema, e.g. ``resource``.

    :param kinds: every value ``kind`` may take; a project's kinds make a
        check of their own, compiled once per process.
    """
    full = _schema_for(kinds)
    return compile_check({**full["$defs"][definition], "$defs": full["$defs"]})


def entry_errors(
    data: dict[str, Any], kinds: tuple[str, ...] = KINDS
) -> Iterable[jsonschema.ValidationError]:
    """The schema errors of an entry: none, found fast, when it is valid."""
    if certainly_valid("resource", kinds)(data):
        return ()
    return jsonschema_validator("resource", kinds).iter_errors(data)


#: The fields of an entry, in documentation order.
FIELDS: tuple[str, ...] = tuple(schema()["$defs"]["resource"]["properties"])

#: The plausible years, as the schema gives them for ``year``; a ``date``
#: must fall in them too.
YEARS: tuple[int, int] = (
    schema()["$defs"]["resource"]["properties"]["year"]["minimum"],
    schema()["$defs"]["resource"]["properties"]["year"]["maximum"],
)


def _line_of(container: Any, path: Iterable[Any], default: int) -> int:
    """The line of the value at ``path`` inside nested line containers."""
    line = default
    for key in path:
        if isinstance(container, LineDict) and key in container:
            line = container.lines.get(key, line)
        elif (
            isinstance(container, LineList)
            and isinstance(key, int)
            and key < len(container)
        ):
            line = container.lines[key]
        else:
            break
        if key in container.aliased:
            break  # written elsewhere: reported where it is used
        container = container[key]
    return line


def schema_error_line(
    mapping: LineDict, path: list[Any], error: jsonschema.ValidationError
) -> int:
    """The line a schema error about ``mapping`` (an entry, the defaults) is at."""
    line = _line_of(mapping, path, mapping.line)
    if path == ["translations"] and error.validator == "pattern":
        # the error is about the mapping; the bad key has a line
        line = getattr(mapping.get("translations"), "lines", {}).get(
            error.instance, line
        )
    return line


def written_as(container: Any, path: list[Any]) -> str | None:
    """The source text of the unquoted non-text value at ``path``, if known."""
    for key in path[:-1]:
        try:
            container = container[key]
        except (KeyError, IndexError, TypeError):
            return None
    texts = getattr(container, "texts", None)
    if not path or not isinstance(texts, dict):
        return None
    return texts.get(path[-1])


def schema_message(
    error: jsonschema.ValidationError,
    *,
    label: str,
    written: str | None = None,
    kinds: tuple[str, ...] = KINDS,
) -> str:
    """Turn a JSON Schema error about one entry into a message with its fix.

    :param written: the source text of the value, when YAML read it as
        something other than text, so the message can say to quote it.
    :param kinds: every value ``kind`` may take, offered for a wrong one.
    """
    path = list(error.absolute_path)
    field = str(path[0]) if path else ""
    example = EXAMPLES.get(field) or IDENTIFIER_EXAMPLES.get(field, "")
    write = f"; write e.g. {example}" if example else ""
    where = named_path(path)
    value = error.instance
    validator = error.validator
    quote = written is not None and quotable(value)

    if validator == "required":
        missing = error.message.split("'")[1]
        if not path:
            return f"{label} has no {missing!r}; write e.g. {EXAMPLES[missing]}"
        return f"{label}: {where} has no {missing!r}{write}"
    if validator == "enum" and field == "status":
        # as an entry's own status is told (identifiers.status_message)
        word = value if isinstance(value, str) else written
        return status_message(label, describe(value), word)
    if validator == "enum":
        choices = (
            [
                str(choice)
                for choice in _schema_for(kinds)["$defs"]["resource"]["properties"][
                    field
                ]["enum"]
            ]
            if field in ("kind", "level", "status")
            else [str(error.validator_value)]
        )
        return (
            f"{label}: {where!r} must be one of {', '.join(choices)}, got "
            f"{describe(value)}{did_you_mean(value, choices)}"
        )
    if field == "year" and validator in ("minimum", "maximum"):
        return f"{label}: 'year' {describe(value)} is not a plausible year{write}"
    if field == "year" and isinstance(value, str) and value.strip().isdigit():
        return (
            f"{label}: 'year' must be an integer, got {describe(value)}; remove "
            f"the quotes: year: {cut(value.strip())}"
        )
    if field == "id" and validator == "type" and quote:
        assert written is not None
        return (
            f"{label}: 'id' must be a string, {got(value, written)}; "
            f"{quote_it(path, written)}"
        )
    if field == "id" and validator in ("pattern", "maxLength"):
        return (
            f"{label}: 'id' {describe(value)} cannot be an HTML id; use at most "
            f"100 letters, digits, '-' and '_', starting with a letter or digit"
            f"{write}"
        )
    if field in DATE_FIELDS:
        return date_form_message(label, field, value, written)
    if field == "translations" and validator == "pattern":
        return (
            f"{label}: {describe(value)} is not a language code in 'translations'; "
            f"use a code such as fr, de or pt-BR{write}"
        )
    blank = isinstance(value, str) and not value.strip()
    if validator == "minLength" or (validator in ("pattern", "oneOf") and blank):
        return f"{label}: {where!r} is empty{write}"
    expected = {
        "type": error.validator_value,
        "oneOf": "a string or a list of strings",
    }.get(str(validator), error.message)
    if isinstance(expected, list):
        expected = " or ".join(expected)
    # in the words of YAML, not of JSON Schema
    expected = {"array": "a list", "object": "a mapping"}.get(str(expected), expected)
    article = "an" if str(expected)[:1] in "aeiou" else "a"
    if validator == "oneOf" or str(expected).startswith("a "):
        article = ""
    wanted = f"{article} {expected}".strip()
    if quote and "string" in str(expected):
        assert written is not None
        return (
            f"{label}: {where!r} must be {wanted}, {got(value, written)}; "
            f"{quote_it(path, written)}"
        )
    return f"{label}: {where!r} must be {wanted}, got {describe(value)}{write}"


def unknown_keys(
    error: jsonschema.ValidationError, container: Any, *, label: str
) -> list[tuple[str, int]]:
    """One message per unknown key of a mapping, at the key's line."""
    path = list(error.absolute_path)
    schema_ = error.schema if isinstance(error.schema, dict) else {}
    known = list(schema_.get("properties", {}))
    mapping = error.instance if isinstance(error.instance, dict) else {}
    inside = f" in {named_path(path)}" if path else ""
    for key in path:
        container = container[key]
    lines = getattr(container, "lines", {})
    default = getattr(container, "line", 0)
    # an entry keeps fields of its own under extra: say so, besides the
    # close field name, which may be the fix as well ('stars' is near 'status')
    keep = not path and "extra" in known
    found = []
    for key in mapping:
        if key in known:
            continue
        close = did_you_mean(key, known)
        listed = f"; known fields: {', '.join(known)}"
        if keep:
            move = "to keep it, move it under extra"
            written = yaml_key(str(key))
            if len(written) <= 24:  # a huge key makes no example
                move += f", as in extra: {{{written}: ...}}"
            hint = (
                f"{close} {move[:1].upper()}{move[1:]}"
                if close
                else f"; {move}{listed}"
            )
        else:
            hint = close or listed
        found.append(
            (
                f"{label}: unknown field {shown(str(key))}{inside}{hint}",
                lines.get(key, default),
            )
        )
    return found
