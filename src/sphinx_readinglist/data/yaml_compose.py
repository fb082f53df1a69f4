"""Composing a YAML document's nodes within the limits, without recursion.

The reader (:mod:`.yaml_reader`) builds the data from these nodes; here they
are counted as they are read, a collection nested too deeply is read past,
and an entry of ``resources`` can be built as soon as it is read.
"""

from __future__ import annotations

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

from .messages import cut
from .yaml_values import Places, Refused, TooDeep, TooLarge, is_resources_key

# libyaml's C parser is several times faster than PyYAML's; the constructors
# are Python either way, so both are equally safe (no object tags)
BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The tag of the stand-in for an entry built as it was read.
BUILT_TAG = "tag:sphinx-readinglist,2025:built"


def _is_entry(open_nodes: list[Node], done: Node) -> bool:
    """Whether ``done`` is a mapping in the ``resources`` list of the top
    mapping, ``open_nodes`` being that mapping and that list."""
    top, items = open_nodes
    if not (
        isinstance(done, MappingNode)
        and isinstance(top, MappingNode)
        and isinstance(items, SequenceNode)
    ):
        return False
    return is_resources_key(top.value[-1][0])


class LineComposer(BASE_LOADER):  # type: ignore[valid-type,misc]
    """A safe loader that composes a document within limits.

    It composes the document itself, without recursion: libyaml's composer
    recurses in C and crashes the process on deeply nested input, and
    PyYAML's recurses in Python. Ours counts the depth and the values as it
    goes, and stops at the limits.

    With ``build_entries``, each entry of ``resources`` is built as soon as
    it is read, and its nodes dropped: a large file's nodes are never all
    held at once, which would take several times the memory of its data.
    Only a document without anchors, and within the character limit, is
    read so: nothing in it can expand, so nothing built needs measuring
    again, except an entry that nests too deeply, which is left as nodes.
    """

    def __init__(
        self,
        stream: str,
        *,
        max_nodes: int,
        max_depth: int,
        build_entries: bool = False,
    ) -> None:
        super().__init__(stream)
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.build_entries = build_entries
        #: Each entry built as it was read, by the id of the node that stands
        #: in for it: its value, and how many values and characters it holds.
        self.built: dict[int, Any] = {}
        self.built_sizes: dict[int, tuple[int, int]] = {}
        self.bad_merges: dict[int, list[tuple[str, int]]] = {}
        #: The values and the characters of the scalars composed, aliases
        #: not copied out.
        self.nodes = self.chars = 0
        #: The collections that went past the depth limit: each left unread,
        #: by the id of the null node that stands in for it, with its line.
        self.too_deep: dict[int, int] = {}
        #: Where a value was written as an alias (or merged with ``<<``), by
        #: ``(id(parent), id(key))`` in a mapping, ``(id(parent), index)``
        #: in a list: a problem in it is reported where it is used.
        self.alias_lines: dict[tuple[int, int], int] = {}
        self.refused: dict[int, Refused] = {}
        # the entries refused stay alive, so no new node takes one of their
        # ids, by which the dicts above know nodes
        self.replaced: list[Node] = []

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
        chars = 0
        place = Places()
        # where the entry being read began: values, characters and
        # collections left unread so far
        entry_start = (0, 0, 0)
        while True:
            event = get_event()
            kind = event.__class__
            node: Node
            alias_line = 0
            if kind is AliasEvent:
                if event.anchor not in anchors:
                    raise ComposerError(
                        None,
                        None,
                        f"found undefined alias {cut(event.anchor)!r}",
                        event.start_mark,
                    )
                node = anchors[event.anchor]  # measured later, if at all
                alias_line = event.start_mark.line + 1
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
                    chars += len(event.value)
                    if tag is None or tag == "!":
                        tag = resolve(ScalarNode, event.value, event.implicit)
                    node = ScalarNode(
                        tag, event.value, place(event.start_mark), style=event.style
                    )
                else:
                    cls = SequenceNode if kind is SequenceStartEvent else MappingNode
                    if tag is None or tag == "!":
                        tag = resolve(cls, None, event.implicit)
                    node = cls(
                        tag, [], place(event.start_mark), flow_style=event.flow_style
                    )
                anchor = event.anchor
                if anchor is not None:
                    if anchor in anchors:
                        raise ComposerError(
                            f"found duplicate anchor {cut(anchor)!r}; first occurrence",
                            anchors[anchor].start_mark,
                            "second occurrence",
                            event.start_mark,
                        )
                    anchors[anchor] = node
            else:  # the end of a sequence or a mapping
                done = open_nodes.pop()
                keys.pop()
                if not open_nodes:
                    self.nodes, self.chars = count, chars
                    return done
                if (
                    self.build_entries
                    and len(open_nodes) == 2
                    and _is_entry(open_nodes, done)
                    and len(self.too_deep) == entry_start[2]
                ):
                    open_nodes[1].value[-1] = self._build(
                        done, count - entry_start[0], chars - entry_start[1]
                    )
                continue
            opens = kind is SequenceStartEvent or kind is MappingStartEvent
            if opens and len(open_nodes) >= self.max_depth:
                # left unread, so one deep entry loses only itself (#11)
                node = self._skip_too_deep(event, anchors, len(open_nodes))
                opens = False
            if open_nodes:
                parent = open_nodes[-1]
                if isinstance(parent, SequenceNode):
                    if alias_line:
                        where = (id(parent), len(parent.value))
                        self.alias_lines[where] = alias_line
                    parent.value.append(node)
                elif keys[-1] is None:
                    keys[-1] = node
                else:
                    if alias_line:
                        self.alias_lines[id(parent), id(keys[-1])] = alias_line
                    parent.value.append((keys[-1], node))
                    keys[-1] = None
            if opens:
                open_nodes.append(node)
                keys.append(None)
                if len(open_nodes) == 3:
                    entry_start = (count - 1, chars, len(self.too_deep))
            elif not open_nodes:
                self.nodes, self.chars = count, chars
                return node  # a document that is one scalar

    def _build(self, entry: Node, nodes: int, chars: int) -> ScalarNode:
        """Build an entry now; a node stands in for it until the document is."""
        value = self.construct_object(entry, deep=True)
        # as PyYAML's construct_document ends: no node of the entry stays
        # referenced, and no other node can refer to it (there are no anchors)
        self.constructed_objects: dict[Node, Any] = {}
        self.recursive_objects: dict[Node, None] = {}
        # the lines of its merged values, by the ids of its nodes, which
        # new nodes may take once these are gone
        self.alias_lines.clear()
        stand_in = ScalarNode(BUILT_TAG, "", entry.start_mark, style='"')
        self.built[id(stand_in)] = value
        self.built_sizes[id(stand_in)] = (nodes, chars)
        return stand_in

    def _skip_too_deep(
        self, event: Any, anchors: dict[str, Node], depth: int
    ) -> ScalarNode:
        """Read past a collection that nests too deeply; a null takes its place.

        Anchors inside it stand for the null too, so an alias to them is no
        undefined alias, and whatever uses them is refused with it.

        :param depth: how many collections enclose it.
        :raises TooDeep: past twice the limit: the parser's own cost per event
            grows with the depth, so reading on would be quadratic.
        """
        line = event.start_mark.line + 1
        stand_in = ScalarNode("tag:yaml.org,2002:null", "", event.start_mark)
        self.too_deep[id(stand_in)] = line
        if event.anchor is not None:
            anchors[event.anchor] = stand_in
        level = 1
        while level:
            inner = self.get_event()
            kind = inner.__class__
            if kind is SequenceStartEvent or kind is MappingStartEvent:
                level += 1
                if depth + level > 2 * self.max_depth:
                    raise TooDeep(self.max_depth, line, through_aliases=False)
            elif kind is not ScalarEvent and kind is not AliasEvent:
                level -= 1
            anchor = getattr(inner, "anchor", None)
            if anchor is not None and kind is not AliasEvent:
                anchors[anchor] = stand_in
        return stand_in
