"""Safe YAML loading that remembers the line of every key and item.

The data is untrusted, so loading it must neither run anything nor exhaust the
build: only plain YAML values are built (a tag gives a :class:`Tagged` marker,
never an object), and a document that nests too deeply, holds too many values
or expands too far through aliases is refused before it is built. Where the
excess lies inside one entry of ``resources``, only that entry is refused (a
:class:`Refused` marker takes its place) and its neighbours are still read.
"""

from __future__ import annotations

import sys
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .collector import collector_paused
from .expansion import refuse_excess
from .messages import key_kind, key_read_as
from .model import DEFAULT_MAX_DEPTH
from .yaml_compose import BASE_LOADER, BUILT_TAG, LineComposer
from .yaml_values import (
    REFUSED_TAG,
    STR_TAG,
    YAML_TAG_PREFIX,
    LineDict,
    LineList,
    Refused,
    Tagged,
    Usage,
)

#: Errors that loading untrusted YAML can raise.
YAML_LOAD_ERRORS = (yaml.YAMLError, ValueError, TypeError, RecursionError)

_MERGE_TAG = "tag:yaml.org,2002:merge"
_VALUE_TAG = "tag:yaml.org,2002:value"
#: Python's int() is quadratic in the digits (and refuses more than 4,300 of
#: them), and sexagesimal ints (1:2:3) are summed digit by digit: a plain
#: number longer than this is kept as the text written. No reading-list number
#: needs more.
_MAX_INT_CHARS = 40


def _value_line(node: Node) -> int:
    """The 1-based line where a value's text starts."""
    line = node.start_mark.line + 1
    # a block scalar's text starts on the line after its "|" or ">" indicator
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        line += 1
    return line


def _source_text(node: Node) -> str | None:
    """The text of a plain scalar that YAML did not read as text."""
    # plain style is None for PyYAML's parser, "" for libyaml's
    if isinstance(node, ScalarNode) and not node.style and node.tag != STR_TAG:
        return str(node.value)
    return None


class _LineLoader(LineComposer):
    """A safe loader whose mappings and sequences carry line numbers."""

    def construct_built(self, node: ScalarNode) -> Any:
        return self.built[id(node)]

    def construct_line_mapping(self, node: MappingNode) -> LineDict:
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.lines = {}
        mapping.duplicates = []
        mapping.bad_keys = []
        mapping.retyped = {}
        mapping.texts = {}
        mapping.aliased = set()
        mapping.key_lines = {}
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
                    kind = key_kind(key, sequence=isinstance(key_node, SequenceNode))
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
                mapping.retyped[text] = key_read_as(key)
                key = text
            if index >= merged:
                if key in explicit_keys:
                    mapping.duplicates.append((key, line, mapping.lines[key]))
                    continue
                explicit_keys.add(key)
            # a merged value gives way to a later merge or a key written here,
            # as YAML's merge rules say
            mapping[key] = self.construct_object(value_node, deep=True)
            alias_line = self.alias_lines.get((id(node), id(key_node)))
            if alias_line is None:
                mapping.lines[key] = _value_line(value_node)
                mapping.key_lines[key] = line
            else:
                mapping.lines[key] = alias_line
                mapping.key_lines[key] = alias_line
                mapping.aliased.add(key)
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
                merge_line = key_node.start_mark.line + 1
                for part in reversed(parts):
                    self.flatten_mapping(part)
                    merge.extend(part.value)
                    # a merged value is used, and reported, at the "<<"
                    for merged_key, _ in part.value:
                        self.alias_lines[id(node), id(merged_key)] = merge_line
                    # a mapping only merged is never built: report here
                    self.bad_merges.setdefault(id(node), []).extend(
                        self.bad_merges.pop(id(part), ())
                    )
            else:
                if key_node.tag == _VALUE_TAG:
                    key_node.tag = STR_TAG
                index += 1
        if merge:
            node.value = merge + node.value

    def construct_lenient_int(self, node: ScalarNode) -> Any:
        """A number, or the text as written if it is too long to be one."""
        if len(node.value) > _MAX_INT_CHARS:
            return str(node.value)
        try:
            return self.construct_yaml_int(node)
        except ValueError:
            return str(node.value)

    def construct_plain_text(self, node: ScalarNode) -> str:
        """``=`` and ``<<`` outside a key: text, as they look (#11)."""
        return str(node.value)

    def construct_refused(self, node: ScalarNode) -> Refused:
        return self.refused[id(node)]

    def construct_line_sequence(self, node: SequenceNode) -> LineList:
        sequence = LineList(
            self.construct_object(child, deep=True) for child in node.value
        )
        sequence.line = node.start_mark.line + 1
        sequence.lines = [_value_line(child) for child in node.value]
        sequence.aliased = set()
        for index in range(len(node.value)):
            alias_line = self.alias_lines.get((id(node), index))
            if alias_line is not None:
                sequence.lines[index] = alias_line
                sequence.aliased.add(index)
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
# PyYAML resolves "=" to the value tag and "<<" to the merge tag everywhere;
# only a "<<" key merges, and neither tag has a constructor
for _tag in (_VALUE_TAG, _MERGE_TAG):
    _LineLoader.add_constructor(_tag, _LineLoader.construct_plain_text)
_LineLoader.add_constructor(REFUSED_TAG, _LineLoader.construct_refused)
_LineLoader.add_constructor(BUILT_TAG, _LineLoader.construct_built)
# Sets, ordered maps, pairs and binary data are never reading-list values, and
# their constructors raise on malformed input, which would lose the whole file.
for _tag in ("binary", "set", "omap", "pairs"):
    _LineLoader.add_constructor(
        YAML_TAG_PREFIX + _tag,
        _LineLoader.construct_tagged,
    )
_LineLoader.add_constructor(None, _LineLoader.construct_tagged)


def load_yaml(
    text: str,
    *,
    max_nodes: int,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_chars: int | None = None,
    usage: Usage | None = None,
) -> Any:
    """Load one YAML document safely, keeping line numbers.

    :param text: the YAML source.
    :param max_nodes: the most values the document may hold, aliases expanded.
    :param max_depth: the most levels mappings and lists may nest.
    :param max_chars: the most characters of text the document may hold,
        aliases expanded; no limit if None.
    :param usage: filled with what the data kept expands to.
    :return: plain Python data, with :class:`LineDict` and :class:`LineList`,
        :class:`Tagged` in place of tagged values and :class:`Refused` in
        place of entries over a limit.
    :raises yaml.YAMLError: on a syntax error, or a document over a limit
        outside its entries (:class:`TooLarge`, :class:`TooLong`,
        :class:`TooDeep`, :class:`SelfReference`).
    :raises RecursionError: if building the data still recurses too deeply.
    """
    chars_limit = sys.maxsize if max_chars is None else max_chars
    # only anchors can make a document larger than its text
    aliases = "&" in text
    loader = _LineLoader(
        text,
        max_nodes=max_nodes,
        max_depth=max_depth,
        build_entries=not aliases and len(text) <= chars_limit,
    )
    # every node and value built here outlives the call: the cyclic collector
    # would scan them again and again as they pile up, for nothing
    with collector_paused():
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            if aliases or loader.too_deep or loader.chars > chars_limit:
                used = refuse_excess(
                    node,
                    too_deep=loader.too_deep,
                    refused=loader.refused,
                    replaced=loader.replaced,
                    max_nodes=max_nodes,
                    max_depth=max_depth,
                    max_chars=chars_limit,
                    aliases=aliases,
                    built=loader.built_sizes,
                )
            else:
                used = Usage(loader.nodes, loader.chars)
            if usage is not None:
                usage.nodes, usage.chars = used.nodes, used.chars
            return loader.construct_document(node)
        finally:
            loader.dispose()


def reader_error_line(exc: BaseException, text: str) -> int | None:
    """The 0-based line of a character YAML's reader refused, if it is one.

    The reader gives only a position: in characters for PyYAML's reader, in
    bytes of UTF-8 for libyaml's.
    """
    position = getattr(exc, "position", None)
    if not isinstance(exc, yaml.reader.ReaderError) or not isinstance(position, int):
        return None
    if BASE_LOADER is yaml.SafeLoader:
        return text.count("\n", 0, position)
    encoded = text.encode("utf-8", "surrogatepass")
    return encoded.count(b"\n", 0, position)
