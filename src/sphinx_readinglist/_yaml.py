"""Safe YAML loading that remembers the line of every key and item."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# libyaml's C parser is several times faster; the constructors stay Python,
# so both loaders are equally safe (no object tags).
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Errors that loading untrusted YAML can raise.
YAML_LOAD_ERRORS = (yaml.YAMLError, ValueError, TypeError, RecursionError)


class LineDict(dict[Any, Any]):
    """A mapping that knows the line of itself and of each value.

    ``duplicates`` lists the repeated keys (``key, line, first_line``): YAML
    forbids them, PyYAML keeps the last silently; we keep the first and say so.
    """

    line: int
    lines: dict[Any, int]
    duplicates: list[tuple[str, int, int]]


class LineList(list[Any]):
    """A sequence that knows the line of itself and of each item."""

    line: int
    lines: list[int]


class TooLarge(yaml.YAMLError):
    """The document expands to more nodes than allowed (an alias bomb)."""

    def __init__(self, nodes: int, limit: int) -> None:
        super().__init__(f"{nodes} nodes")
        self.nodes = nodes
        self.limit = limit


def _value_line(node: Node) -> int:
    """The 1-based line where a value's text starts."""
    line = node.start_mark.line + 1
    # a block scalar's text starts on the line after its "|" or ">" indicator
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        line += 1
    return line


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader whose mappings and sequences carry line numbers."""

    def construct_line_mapping(self, node: MappingNode) -> LineDict:
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.lines = {}
        mapping.duplicates = []
        self.flatten_mapping(node)  # resolves "<<" merge keys
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool | None):
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    "found a key that is not a plain value",
                    key_node.start_mark,
                )
            if key in mapping:
                mapping.duplicates.append(
                    (str(key), key_node.start_mark.line + 1, mapping.lines[key])
                )
                continue
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.lines[key] = _value_line(value_node)
        return mapping

    def construct_line_sequence(self, node: SequenceNode) -> LineList:
        sequence = LineList(
            self.construct_object(child, deep=True) for child in node.value
        )
        sequence.line = node.start_mark.line + 1
        sequence.lines = [_value_line(child) for child in node.value]
        return sequence


_LineLoader.add_constructor(
    "tag:yaml.org,2002:map",
    _LineLoader.construct_line_mapping,
)
_LineLoader.add_constructor(
    "tag:yaml.org,2002:seq",
    _LineLoader.construct_line_sequence,
)


def _expanded_size(root: Node, limit: int) -> int:
    """Count the nodes of ``root`` as if every alias were copied out.

    Each distinct node is visited once (memoised), so an alias bomb is
    measured in linear time without being expanded.
    """
    sizes: dict[int, int] = {}
    # iterative post-order walk: deep nesting must not hit the recursion limit
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children: list[Node] = []
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        if children_done:
            size = 1 + sum(sizes.get(id(child), 0) for child in children)
            sizes[id(node)] = min(size, limit + 1)
        else:
            stack.append((node, True))
            stack.extend((child, False) for child in children)
    return sizes[id(root)]


def load_yaml(text: str, *, max_nodes: int) -> Any:
    """Load one YAML document safely, keeping line numbers.

    :param text: the YAML source.
    :param max_nodes: the most nodes the document may expand to.
    :return: plain Python data, with :class:`LineDict` and :class:`LineList`.
    :raises yaml.YAMLError: on a syntax error or an alias bomb.
    :raises RecursionError: on absurdly deep nesting.
    """
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        # only anchors can make a document larger than its text
        if "&" in text:
            size = _expanded_size(node, max_nodes)
            if size > max_nodes:
                raise TooLarge(size, max_nodes)
        return loader.construct_document(node)
    finally:
        loader.dispose()
