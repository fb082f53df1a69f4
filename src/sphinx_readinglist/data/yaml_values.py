"""What the YAML reader builds in place of plain data, and the refusals it raises.

Mappings and lists that know their lines, markers for a tagged value and for
an entry refused unread, and the errors for a document over a limit. Nothing
here reads YAML; the reader (:mod:`.yaml_reader`) and the expansion
measurement (:mod:`.expansion`) build these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import yaml
from yaml.error import Mark
from yaml.nodes import Node, ScalarNode

STR_TAG = "tag:yaml.org,2002:str"
YAML_TAG_PREFIX = "tag:yaml.org,2002:"
#: The tag of the stand-in for an entry refused unread.
REFUSED_TAG = "tag:sphinx-readinglist,2025:refused"


def is_resources_key(node: Node) -> bool:
    """Whether ``node`` is the key ``resources``, written as text."""
    return (
        isinstance(node, ScalarNode)
        and node.tag == STR_TAG
        and node.value == "resources"
    )


class LineDict(dict[Any, Any]):
    """A mapping that knows the line of itself and of each value.

    ``duplicates`` lists the repeated keys (``key, line, first_line``): YAML
    forbids them, PyYAML keeps the last silently; we keep the first and say so.
    ``bad_keys`` lists the pairs left out (``what is wrong, line``): a key that
    is not a plain value, a merge of something that is not a mapping.
    ``retyped`` maps each key that YAML read as something other than text
    (``2015``, ``no``) to what it was read as; the key is kept as written.
    ``texts`` holds the source text of each value that YAML read as other
    than text, so a message can say "quote it". ``aliased`` holds the keys
    whose value was written elsewhere (``*name``, or merged with ``<<``):
    their line is that of the alias, where this mapping uses the value.
    ``key_lines`` holds the line of each key, which is above its value's
    when the value is a block (``key:`` then an indented mapping).
    """

    line: int
    lines: dict[Any, int]
    duplicates: list[tuple[str, int, int]]
    bad_keys: list[tuple[str, int]]
    retyped: dict[str, str]
    texts: dict[Any, str]
    aliased: set[Any]
    key_lines: dict[Any, int]


class LineList(list[Any]):
    """A sequence that knows the line of itself and of each item.

    ``texts`` holds the source text of each item that YAML read as other
    than text, by index; ``aliased`` the indexes of the items written as an
    alias, whose line is the alias's.
    """

    line: int
    lines: list[int]
    texts: dict[int, str]
    aliased: set[int]


@dataclass(frozen=True, slots=True, eq=False)
class Tagged:
    """A value under a tag that is not read (``!!python/object``, ``!foo``...).

    It takes the place of the value, which is never built, so the field or
    entry holding it is reported and left out, and the rest of the file is
    still read.
    """

    tag: str
    line: int

    def __str__(self) -> str:
        if self.tag.startswith(YAML_TAG_PREFIX):
            return "!!" + self.tag.removeprefix(YAML_TAG_PREFIX)
        return self.tag


@dataclass(frozen=True, slots=True, eq=False)
class Refused:
    """An entry of ``resources`` left out, in its place, without being built.

    ``reason`` is ``"nodes"`` (too many values), ``"bytes"`` (too much text),
    ``"depth"`` (nested too deeply) or ``"self"`` (an alias inside its own
    anchor); ``limit`` is the limit it went past. The rest of the file is
    still read.
    """

    reason: str
    limit: int
    through_aliases: bool
    #: The entry's title, when it is written as plain text.
    title: str | None


@dataclass(slots=True)
class Usage:
    """What the data that was kept expands to, aliases copied out."""

    nodes: int = 0
    #: Characters of scalar text, which bound the size of the output.
    chars: int = 0


class TooLarge(yaml.YAMLError):
    """The document holds, or expands to, more values than allowed."""

    def __init__(self, nodes: int, limit: int, *, through_aliases: bool) -> None:
        super().__init__(f"{nodes} nodes")
        self.nodes = nodes
        self.limit = limit
        self.through_aliases = through_aliases


class TooLong(yaml.YAMLError):
    """The document's text, aliases copied out, is longer than allowed."""

    def __init__(self, chars: int, limit: int, line: int) -> None:
        super().__init__(f"{chars} characters")
        self.limit = limit
        self.line = line


class TooDeep(yaml.YAMLError):
    """The document nests mappings and lists deeper than allowed."""

    def __init__(self, limit: int, line: int, *, through_aliases: bool) -> None:
        super().__init__(f"deeper than {limit}")
        self.limit = limit
        self.line = line
        self.through_aliases = through_aliases


class SelfReference(yaml.YAMLError):
    """An alias refers to a value that contains it (``&a [*a]``)."""

    def __init__(self, line: int) -> None:
        super().__init__("recursive alias")
        self.line = line


class Place:
    """Where a node starts: its line, all that is read of the parser's marks.

    A node keeps this instead of its two marks, and the nodes of one line
    share one (with the column of the first): the marks of a large file's
    nodes took a fifth of the peak memory of its loading.
    """

    __slots__ = ("column", "line")
    #: The parser's marks name the text they come from so.
    name = "<unicode string>"

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"line {self.line + 1}, column {self.column + 1}"


class Places(dict[int, Place]):
    """One :class:`Place` per line, made when first asked for."""

    def __call__(self, mark: Mark) -> Mark:
        line = mark.line
        place = self.get(line)
        if place is None:
            place = self[line] = Place(line, mark.column)
        # a node stands in for a Mark: what reads it reads line and column
        return cast("Mark", place)
