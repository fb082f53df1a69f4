"""In-place edits of reading-list YAML that change only the edited lines.

A file to edit is read with ruamel.yaml's round trip, which keeps comments,
key order, quoting and, with the file's indentation, its layout; but not
every layout (a flow mapping inside a flow list, ``? `` keys, recursive
aliases come back otherwise). So the edited text is compared with the
original before it is written: unless every line is unchanged but those
edited, and the only new lines are the ``status``/``archive`` lines added,
the file is left alone and the reason reported.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .yaml_places import Place, YamlFile

_ADDED_KEYS = ("status: ", "archive: ")


@dataclass(frozen=True, eq=False)
class Edit:
    """What to change at one place: its value, or its entry's status and
    archive."""

    place: Place
    new_value: str | None = None
    status: str | None = None
    archive: str | None = None


@dataclass
class Outcome:
    """What became of the edits of a file."""

    #: None once the file is written, else why it was left as it was.
    file_reason: str | None = None
    #: The edits left out (by ``id``), each with why; the others are made.
    refused: dict[int, str] = field(default_factory=dict)


def round_trip_yaml(indent: tuple[int, int, int] = (2, 2, 0)) -> Any:
    """A ruamel.yaml round-trip loader and dumper that keeps a file's look:
    quotes as written, no line folding, the given indentation.

    :raises ImportError: ruamel.yaml is not installed.
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 30  # long addresses stay on their line
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


_KEY = re.compile(r"( *)[^\s#-][^#]*:\s*(?:#.*)?$")
_ITEM = re.compile(r"( *)- ")


def guess_indent(text: str) -> tuple[int, int, int]:
    """The ``(mapping, sequence, offset)`` indentation of a block YAML text:
    how far a mapping's values and a list's items are indented under their
    key, and where the dash stands. A wrong guess only makes the check of
    the result refuse the edit."""
    mapping = sequence = offset = None
    previous: re.Match[str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if previous is not None:
            key_indent = len(previous.group(1))
            if (item := _ITEM.match(line)) and sequence is None:
                offset = len(item.group(1)) - key_indent
                sequence = offset + 2
            elif mapping is None and not _ITEM.match(line):
                depth = len(line) - len(line.lstrip(" "))
                if depth > key_indent:
                    mapping = depth - key_indent
        if mapping is not None and sequence is not None:
            break
        previous = _KEY.match(line)
    return (mapping or 2, sequence or 2, offset or 0)


def _at(document: Any, path: tuple[Any, ...]) -> tuple[Any, Any] | None:
    """The container and key of the value at ``path``, if it is there."""
    node, holder, step = document, None, None
    for step in path:
        holder = node
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return (holder, step) if holder is not None else None


def _anchored(*values: Any) -> bool:
    return any(getattr(getattr(v, "anchor", None), "value", None) for v in values)


def _styled(old: Any, new: str) -> Any:
    """``new`` as a scalar of the same quoting as ``old``."""
    from ruamel.yaml.scalarstring import ScalarString

    return type(old)(new) if isinstance(old, ScalarString) else new


def _apply(document: Any, edit: Edit) -> tuple[set[int], int] | str:
    """Make the edit in the document; return the 0-based lines it may change
    and how many lines it may add, or why it is not made."""
    place = edit.place
    found = _at(document, place.path)
    if found is None or str(found[0][found[1]]) != place.value:
        return "the value is not where it was read"
    mapping, key = found
    if key not in mapping.lc.data:
        return "the value is merged from another entry (<<); edit it there"
    if _anchored(mapping[key], mapping):
        return "the value or its entry has an anchor (&) that others share"
    changed = {mapping.lc.data[key][2]}
    if edit.new_value is not None:
        mapping[key] = _styled(mapping[key], edit.new_value)
        return changed, 0
    added = 0
    flow = mapping.fa.flow_style()
    after = list(mapping).index(key) + 1
    for name, value in (("status", edit.status), ("archive", edit.archive)):
        if value is None:
            continue
        if name in mapping.lc.data:
            changed.add(mapping.lc.data[name][2])
            mapping[name] = _styled(mapping[name], value)
        else:
            mapping.insert(after, name, value)
            added += 0 if flow else 1
        after = list(mapping).index(name) + 1
    return changed, added


def _only_these(old: list[str], new: list[str], changed: set[int], added: int) -> bool:
    """Whether ``new`` is ``old`` with only the ``changed`` lines changed and
    ``added`` status or archive lines added."""
    if len(new) != len(old) + added:
        return False
    i = j = 0
    while i < len(old) and j < len(new):
        if old[i] == new[j]:
            i, j = i + 1, j + 1
        elif added and new[j].lstrip().startswith(_ADDED_KEYS):
            j, added = j + 1, added - 1
        elif i in changed:
            i, j = i + 1, j + 1
        else:
            return False
    rest = new[j:]
    return (
        i == len(old)
        and len(rest) == added
        and all(line.lstrip().startswith(_ADDED_KEYS) for line in rest)
    )


def write_edits(file: YamlFile, edits: list[Edit]) -> Outcome:
    """Make the edits and write the file, if only the edited lines change."""
    crlf = "\r\n" in file.text
    source = file.text.replace("\r\n", "\n") if crlf else file.text
    yaml = round_trip_yaml(guess_indent(source))
    yaml.explicit_start = source.startswith("---")
    outcome = Outcome()
    try:
        document = yaml.load(source)
    # ruamel.yaml raises errors of many kinds on odd input; none may escape
    except Exception as exc:
        outcome.file_reason = f"it cannot be read round trip ({type(exc).__name__})"
        return outcome
    changed: set[int] = set()
    added = 0
    for edit in edits:
        made = _apply(document, edit)
        if isinstance(made, str):
            outcome.refused[id(edit)] = made
            continue
        changed |= made[0]
        added += made[1]
    if not changed:
        return outcome
    buffer = io.StringIO()
    try:
        yaml.dump(document, buffer)
    except Exception as exc:
        outcome.file_reason = f"it cannot be written back ({type(exc).__name__})"
        return outcome
    text = buffer.getvalue()
    if not source.endswith("\n"):
        text = text.removesuffix("\n")
    if not _only_these(source.splitlines(), text.splitlines(), changed, added):
        outcome.file_reason = (
            "writing it back would change other lines than those repaired "
            "(its layout is one the round trip does not keep); edit it by hand"
        )
        return outcome
    if crlf:
        text = text.replace("\n", "\r\n")
    bom = file.path.read_bytes()[:3] == b"\xef\xbb\xbf"
    _replace(file.path, ("\ufeff" if bom else "") + text)
    return outcome


def _replace(path: Path, text: str) -> None:
    """Write ``text`` over the file at once, so that an interrupted run
    leaves the old file or the new one, never half of one."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        with contextlib.suppress(OSError):  # keep the file's permissions
            temporary.chmod(path.stat().st_mode & 0o7777)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
