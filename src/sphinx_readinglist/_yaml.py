"""Safe YAML loading that remembers the line of every key and item.

The data is untrusted, so loading it must neither run anything nor exhaust the
build: only plain YAML values are built (a tag gives a :class:`Tagged` marker,
never an object), and a document that nests too deeply, holds too many values
or expands too far through aliases is refused before it is built.
"""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# libyaml's C parser is several times faster than PyYAML's; the constructors
# are Python either way, so both are equally safe (no object tags)
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Errors that loading untrusted YAML can raise.
YAML_LOAD_ERRORS = (yaml.YAMLError, ValueError, TypeError, RecursionError)

#: How deep mappings and lists may nest. Reading-list data nests five levels
#: (resources, entry, links, link, value); the limit keeps the building of
#: the data, which recurses, far from Python's recursion limit.
DEFAULT_MAX_DEPTH = 50

_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


class LineDict(dict[Any, Any]):
    """A mapping that knows the line of itself and of each value.

    ``duplicates`` lists the repeated keys (``key, line, first_line``): YAML
    forbids them, PyYAML keeps the last silently; we keep the first and say so.
    ``bad_keys`` lists the pairs left out (``what is wrong, line``): a key that
    is not a plain value, a merge of something that is not a mapping.
    ``retyped`` maps each key that YAML read as something other than text
    (``2015``, ``no``) to what it was read as; the key is kept as written.
    ``texts`` holds the source text of each value that YAML read as other
    than text, so a message can say "quote it".
    """

    line: int
    lines: dict[Any, int]
    duplicates: list[tuple[str, int, int]]
    bad_keys: list[tuple[str, int]]
    retyped: dict[str, str]
    texts: dict[Any, str]


class LineList(list[Any]):
    """A sequence that knows the line of itself and of each item.

    ``texts`` holds the source text of each item that YAML read as other
    than text, by index.
    """

    line: int
    lines: list[int]
    texts: dict[int, str]


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
        if self.tag.startswith(_YAML_TAG_PREFIX):
            return "!!" + self.tag.removeprefix(_YAML_TAG_PREFIX)
        return self.tag


class TooLarge(yaml.YAMLError):
    """The document holds, or expands to, more values than allowed."""

    def __init__(self, nodes: int, limit: int, *, through_aliases: bool) -> None:
        super().__init__(f"{nodes} nodes")
        self.nodes = nodes
        self.limit = limit
        self.through_aliases = through_aliases


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


def _value_line(node: Node) -> int:
    """The 1-based line where a value's text starts."""
    line = node.start_mark.line + 1
    # a block scalar's text starts on the line after its "|" or ">" indicator
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        line += 1
    return line


def _read_as(value: Any) -> str:
    """What YAML made of a plain scalar that is not text, for a message."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if value is None:
        return "null"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    return f"a {type(value).__name__}"


def _source_text(node: Node) -> str | None:
    """The text of a plain scalar that YAML did not read as text."""
    # plain style is None for PyYAML's parser, "" for libyaml's
    if isinstance(node, ScalarNode) and not node.style and node.tag != _STR_TAG:
        return str(node.value)
    return None


def _kind_of(node: Node, value: Any) -> str:
    """How a message names a key that cannot be a name."""
    if isinstance(value, Tagged):
        return f"a value tagged {value}"
    return "a list" if isinstance(node, SequenceNode) else "a mapping"


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader whose mappings and sequences carry line numbers.

    It composes the document itself, without recursion: libyaml's composer
    recurses in C and crashes the process on deeply nested input, and
    PyYAML's recurses in Python. Ours counts the depth and the values as it
    goes, and stops at the limits.
    """

    def __init__(self, stream: str, *, max_nodes: int, max_depth: int) -> None:
        super().__init__(stream)
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.bad_merges: dict[int, list[tuple[str, int]]] = {}

    def get_single_node(self) -> Node | None:
        self.get_event()  # the start of the stream
        document = None
        if not self.check_event(StreamEndEvent):
            self.get_event()  # the start of the document
            document = self._compose()
            self.get_event()  # its end
        if not self.check_event(StreamEndEvent):
            event = self.get_event()
            assert document is not None
            raise ComposerError(
                "expected a single document in the stream",
                document.start_mark,
                "but found another document",
                event.start_mark,
            )
        self.get_event()
        return document

    def _compose(self) -> Node:
        """The nodes of one document, composed as PyYAML's composer does."""
        get_event = self.get_event
        resolve = self.resolve
        anchors: dict[str, Node] = {}
        open_nodes: list[Node] = []  # the collections being filled
        keys: list[Node | None] = []  # of open mappings: a key awaiting its value
        count = 0
        while True:
            event = get_event()
            kind = event.__class__
            node: Node
            if kind is AliasEvent:
                if event.anchor not in anchors:
                    raise ComposerError(
                        None,
                        None,
                        f"found undefined alias {event.anchor!r}",
                        event.start_mark,
                    )
                node = anchors[event.anchor]  # measured later, if at all
            elif (
                kind is ScalarEvent
                or kind is SequenceStartEvent
                or (kind is MappingStartEvent)
            ):
                count += 1
                if count > self.max_nodes:
                    raise TooLarge(count, self.max_nodes, through_aliases=False)
                tag = event.tag
                if kind is ScalarEvent:
                    if tag is None or tag == "!":
                        tag = resolve(ScalarNode, event.value, event.implicit)
                    node = ScalarNode(
                        tag,
                        event.value,
                        event.start_mark,
                        event.end_mark,
                        style=event.style,
                    )
                else:
                    cls = SequenceNode if kind is SequenceStartEvent else MappingNode
                    if tag is None or tag == "!":
                        tag = resolve(cls, None, event.implicit)
                    node = cls(
                        tag, [], event.start_mark, None, flow_style=event.flow_style
                    )
                anchor = event.anchor
                if anchor is not None:
                    if anchor in anchors:
                        raise ComposerError(
                            f"found duplicate anchor {anchor!r}; first occurrence",
                            anchors[anchor].start_mark,
                            "second occurrence",
                            event.start_mark,
                        )
                    anchors[anchor] = node
            else:  # the end of a sequence or a mapping
                done = open_nodes.pop()
                keys.pop()
                done.end_mark = event.end_mark
                if not open_nodes:
                    return done
                continue
            if open_nodes:
                parent = open_nodes[-1]
                if isinstance(parent, SequenceNode):
                    parent.value.append(node)
                elif keys[-1] is None:
                    keys[-1] = node
                else:
                    parent.value.append((keys[-1], node))
                    keys[-1] = None
            if kind is SequenceStartEvent or kind is MappingStartEvent:
                if len(open_nodes) >= self.max_depth:
                    line = event.start_mark.line + 1
                    raise TooDeep(self.max_depth, line, through_aliases=False)
                open_nodes.append(node)
                keys.append(None)
            elif not open_nodes:
                return node  # a document that is one scalar

    def construct_line_mapping(self, node: MappingNode) -> LineDict:
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.lines = {}
        mapping.duplicates = []
        mapping.bad_keys = []
        mapping.retyped = {}
        mapping.texts = {}
        explicit = sum(1 for key_node, _ in node.value if key_node.tag != _MERGE_TAG)
        self.flatten_mapping(node)  # resolves "<<" merge keys, which come first
        mapping.bad_keys.extend(self.bad_merges.pop(id(node), ()))
        merged = len(node.value) - explicit
        explicit_keys: set[str] = set()
        for index, (key_node, value_node) in enumerate(node.value):
            line = key_node.start_mark.line + 1
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                if not isinstance(key_node, ScalarNode) or isinstance(key, Tagged):
                    kind = _kind_of(key_node, key)
                    mapping.bad_keys.append(
                        (
                            f"a key must be a plain name, got {kind}; the key and "
                            "its value are left out: write a name such as "
                            "'title', or quote the key",
                            line,
                        )
                    )
                    continue
                text = str(key_node.value)
                # keep "2015" or "no" as written; the loader says to quote it
                mapping.retyped[text] = _read_as(key)
                key = text
            if index >= merged:
                if key in explicit_keys:
                    mapping.duplicates.append((key, line, mapping.lines[key]))
                    continue
                explicit_keys.add(key)
            # a merged value gives way to a later merge or a key written here,
            # as YAML's merge rules say
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.lines[key] = _value_line(value_node)
            source = _source_text(value_node)
            if source is not None:
                mapping.texts[key] = source
        return mapping

    def flatten_mapping(self, node: MappingNode) -> None:
        """Resolve ``<<`` merge keys as PyYAML does, but leave out a merge of
        something that is not a mapping instead of failing the whole file."""
        merge: list[tuple[Node, Node]] = []
        index = 0
        while index < len(node.value):
            key_node, value_node = node.value[index]
            if key_node.tag == _MERGE_TAG:
                del node.value[index]
                parts = (
                    value_node.value
                    if isinstance(value_node, SequenceNode)
                    else [value_node]
                )
                if not all(isinstance(part, MappingNode) for part in parts):
                    self.bad_merges.setdefault(id(node), []).append(
                        (
                            "'<<' merges mappings into this one, but its value "
                            "is not a mapping or a list of them; it is left "
                            "out: write e.g. <<: *base",
                            key_node.start_mark.line + 1,
                        )
                    )
                    continue
                # the first mapping of a list wins, so it is merged last
                for part in reversed(parts):
                    self.flatten_mapping(part)
                    merge.extend(part.value)
                    # a mapping only merged is never built: report here
                    self.bad_merges.setdefault(id(node), []).extend(
                        self.bad_merges.pop(id(part), ())
                    )
            else:
                if key_node.tag == "tag:yaml.org,2002:value":
                    key_node.tag = _STR_TAG
                index += 1
        if merge:
            node.value = merge + node.value

    def construct_lenient_int(self, node: ScalarNode) -> Any:
        """A number, or the text as written if Python refuses it (too long)."""
        try:
            return self.construct_yaml_int(node)
        except ValueError:
            return str(node.value)

    def construct_line_sequence(self, node: SequenceNode) -> LineList:
        sequence = LineList(
            self.construct_object(child, deep=True) for child in node.value
        )
        sequence.line = node.start_mark.line + 1
        sequence.lines = [_value_line(child) for child in node.value]
        sequence.texts = {}
        for index, child in enumerate(node.value):
            text = _source_text(child)
            if text is not None:
                sequence.texts[index] = text
        return sequence

    def construct_lenient_timestamp(self, node: ScalarNode) -> Any:
        """A date, or the text as written if it is no real date (2015-13-45)."""
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return str(node.value)

    def construct_tagged(self, node: Node) -> Tagged:
        """Refuse a tag by marking its place, without building its value."""
        return Tagged(str(node.tag), node.start_mark.line + 1)


_LineLoader.add_constructor(
    "tag:yaml.org,2002:map",
    _LineLoader.construct_line_mapping,
)
_LineLoader.add_constructor(
    "tag:yaml.org,2002:seq",
    _LineLoader.construct_line_sequence,
)
_LineLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    _LineLoader.construct_lenient_timestamp,
)
_LineLoader.add_constructor(
    "tag:yaml.org,2002:int",
    _LineLoader.construct_lenient_int,
)
# Sets, ordered maps, pairs and binary data are never reading-list values, and
# their constructors raise on malformed input, which would lose the whole file.
for _tag in ("binary", "set", "omap", "pairs"):
    _LineLoader.add_constructor(
        _YAML_TAG_PREFIX + _tag,
        _LineLoader.construct_tagged,
    )
_LineLoader.add_constructor(None, _LineLoader.construct_tagged)


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _expanded_size(root: Node, *, max_nodes: int, max_depth: int) -> tuple[int, int]:
    """Count the nodes of ``root``, and how deep its mappings and lists nest,
    as if every alias were copied out.

    Each distinct node is visited once (memoised), so an alias bomb is
    measured in linear time without being expanded; the walk is iterative, so
    deep nesting cannot hit the recursion limit.

    :raises SelfReference: if an alias refers to a value that contains it.
    """
    done: dict[int, tuple[int, int]] = {}
    in_progress: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            size, depth = 1, 0
            for child in _children(node):
                child_size, child_depth = done[id(child)]
                size += child_size
                depth = max(depth, child_depth)
            if not isinstance(node, ScalarNode):  # only collections nest
                depth += 1
            done[key] = (min(size, max_nodes + 1), min(depth, max_depth + 1))
            in_progress.discard(key)
        elif key in in_progress:
            raise SelfReference(node.start_mark.line + 1)
        elif key not in done:
            in_progress.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    return done[id(root)]


def load_yaml(text: str, *, max_nodes: int, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """Load one YAML document safely, keeping line numbers.

    :param text: the YAML source.
    :param max_nodes: the most values the document may hold, aliases expanded.
    :param max_depth: the most levels mappings and lists may nest.
    :return: plain Python data, with :class:`LineDict` and :class:`LineList`,
        and :class:`Tagged` in place of tagged values.
    :raises yaml.YAMLError: on a syntax error, or a document over a limit
        (:class:`TooLarge`, :class:`TooDeep`, :class:`SelfReference`).
    :raises RecursionError: if building the data still recurses too deeply.
    """
    loader = _LineLoader(text, max_nodes=max_nodes, max_depth=max_depth)
    # every node and value built here outlives the call: the cyclic collector
    # would scan them again and again as they pile up, for nothing
    collecting = gc.isenabled()
    gc.disable()
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        # only anchors can make a document larger than its text
        if "&" in text:
            size, depth = _expanded_size(node, max_nodes=max_nodes, max_depth=max_depth)
            if size > max_nodes:
                raise TooLarge(size, max_nodes, through_aliases=True)
            if depth > max_depth:
                raise TooDeep(max_depth, node.start_mark.line + 1, through_aliases=True)
        return loader.construct_document(node)
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
