"""How far a YAML document expands through its aliases, measured unexpanded.

An alias copies a value out where it is used, so ten lines can stand for a
billion values (an "alias bomb"). The document's nodes are measured here as
if every alias were copied out, each distinct node once, without building
anything; what goes past a limit is refused, entry by entry where it can.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .yaml_values import (
    REFUSED_TAG,
    STR_TAG,
    Refused,
    SelfReference,
    TooDeep,
    TooLarge,
    TooLong,
    Usage,
    is_resources_key,
)


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class _Measure:
    """Sizes of nodes as if every alias were copied out.

    Each distinct node is walked once (memoised, across calls too), so an
    alias bomb is measured in linear time without being expanded; the walk is
    iterative, so deep nesting cannot hit the recursion limit. A size is
    ``(values, depth, characters, line)``, each capped just past its limit;
    ``line`` is that of a collection left unread for its depth, or 0.
    """

    def __init__(
        self,
        too_deep: dict[int, int],
        *,
        max_nodes: int,
        max_depth: int,
        max_chars: int,
        built: Mapping[int, tuple[int, int]] | None = None,
    ) -> None:
        self.too_deep = too_deep
        self.built = built or {}
        self.caps = (max_nodes + 1, max_depth + 1, max_chars + 1)
        self.done: dict[int, tuple[int, int, int, int]] = {}

    def __call__(self, root: Node) -> tuple[int, int, int, int]:
        """:raises SelfReference: if an alias refers to a value containing it."""
        done = self.done
        max_size, max_depth, max_chars = self.caps
        in_progress: set[int] = set()
        stack: list[tuple[Node, bool]] = [(root, False)]
        while stack:
            node, children_done = stack.pop()
            key = id(node)
            if children_done:
                if isinstance(node, ScalarNode):
                    # an entry built as it was read holds what it held
                    size, chars = self.built.get(key, (1, len(node.value)))
                    depth, deep = 0, self.too_deep.get(key, 0)
                else:
                    size = depth = chars = deep = 0
                    for child in _children(node):
                        child_size, child_depth, child_chars, child_deep = done[
                            id(child)
                        ]
                        size += child_size
                        depth = max(depth, child_depth)
                        chars += child_chars
                        deep = deep or child_deep
                    size += 1
                    depth += 1  # only collections nest
                done[key] = (
                    min(size, max_size),
                    min(depth, max_depth),
                    min(chars, max_chars),
                    deep,
                )
                in_progress.discard(key)
            elif key in in_progress:
                raise SelfReference(node.start_mark.line + 1)
            elif key not in done:
                in_progress.add(key)
                stack.append((node, True))
                stack.extend((child, False) for child in _children(node))
        return done[id(root)]


def expanded_size(root: Node, *, max_nodes: int, max_depth: int) -> tuple[int, int]:
    """The values of ``root`` and how deep it nests, aliases copied out.

    :raises SelfReference: if an alias refers to a value that contains it.
    """
    measure = _Measure({}, max_nodes=max_nodes, max_depth=max_depth, max_chars=0)
    size, depth, _, _ = measure(root)
    return size, depth


#: Where an entry sits: the list holding it, its index, the entry, and how
#: many collections enclose it.
_Entry = tuple[list[Any], int, Node, int]


def _parts(root: Node) -> tuple[list[tuple[Node, int]], list[_Entry]]:
    """Split a document into the entries of its resources and the rest.

    The rest (top-level keys, ``defaults``...) comes with how many
    collections enclose it.
    """
    shared: list[tuple[Node, int]] = []
    entries: list[_Entry] = []
    if isinstance(root, SequenceNode):
        entries = [(root.value, i, item, 1) for i, item in enumerate(root.value)]
    elif isinstance(root, MappingNode):
        for key, value in root.value:
            shared.append((key, 1))
            if is_resources_key(key) and isinstance(value, SequenceNode):
                items = value.value
                entries += [(items, i, item, 2) for i, item in enumerate(items)]
            else:
                shared.append((value, 1))
    else:
        shared.append((root, 0))
    return shared, entries


def _plain_title(entry: Node) -> str | None:
    if isinstance(entry, MappingNode):
        for key, value in entry.value:
            if (
                isinstance(key, ScalarNode)
                and key.value == "title"
                and isinstance(value, ScalarNode)
                and value.tag == STR_TAG
            ):
                return str(value.value)
    return None


def refuse_excess(
    root: Node,
    *,
    too_deep: dict[int, int],
    refused: dict[int, Refused],
    replaced: list[Node],
    max_nodes: int,
    max_depth: int,
    max_chars: int,
    aliases: bool,
    built: Mapping[int, tuple[int, int]] | None = None,
) -> Usage:
    """Refuse what goes past a limit, entry by entry where it can.

    The entries of ``resources`` are measured one at a time, after the rest
    of the document, and share what the limits allow in file order: an entry
    that nests too deeply, never ends, or takes the data past a limit gives
    way to a :class:`Refused` marker, and the next entries are still read.

    :param too_deep: the line of each collection the reader left unread for
        its depth, by the id of the null node that stands in for it.
    :param refused: filled with the refusal of each stand-in, by its id.
    :param replaced: filled with the entries refused, kept alive so that no
        new node takes one of their ids.
    :param built: the values and characters of each entry the reader built
        as it read it, by the id of its stand-in; none is ever refused (see
        :class:`~.yaml_reader._LineLoader`).
    :raises TooLarge, TooLong, TooDeep, SelfReference: if the excess is
        outside the entries.
    """
    measure = _Measure(
        too_deep,
        max_nodes=max_nodes,
        max_depth=max_depth,
        max_chars=max_chars,
        built=built,
    )
    shared, entries = _parts(root)
    nodes = 1  # the root
    chars = 0
    for part, base in shared:
        size, depth, length, deep_line = measure(part)
        line = part.start_mark.line + 1
        if deep_line:
            raise TooDeep(max_depth, deep_line, through_aliases=False)
        if base + depth > max_depth:
            raise TooDeep(max_depth, line, through_aliases=True)
        nodes += size
        chars += length
        if nodes > max_nodes:
            raise TooLarge(nodes, max_nodes, through_aliases=True)
        if chars > max_chars:
            raise TooLong(chars, max_chars, line)
    for items, index, entry, base in entries:
        refusal = None
        title = _plain_title(entry)
        try:
            size, depth, length, deep_line = measure(entry)
        except SelfReference:
            refusal = Refused("self", 0, True, title)
        else:
            if deep_line:
                refusal = Refused("depth", max_depth, False, title)
            elif base + depth > max_depth:
                refusal = Refused("depth", max_depth, True, title)
            elif nodes + size > max_nodes:
                refusal = Refused("nodes", max_nodes, True, title)
            elif chars + length > max_chars:
                refusal = Refused("bytes", max_chars, aliases, title)
        if refusal is None:
            nodes += size
            chars += length
            continue
        stand_in = ScalarNode(REFUSED_TAG, "", entry.start_mark, entry.end_mark)
        refused[id(stand_in)] = refusal
        replaced.append(entry)
        items[index] = stand_in
    return Usage(nodes, chars)
