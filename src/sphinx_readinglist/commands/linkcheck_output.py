"""Reading the ``output.json`` of Sphinx's ``linkcheck`` builder, as untrusted.

Sphinx 7.4 to 9 write one JSON object a line, with the keys ``filename``,
``lineno``, ``status``, ``code``, ``uri`` and ``info``; a redirect's new
address is its ``info``. The file may come from anywhere (a CI artefact), so
a line that is too long, not JSON or of the wrong shape is noted and
skipped, never trusted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

#: The longest line read: an address, its page and an error message fit
#: well within it.
MAX_LINE_BYTES = 64 * 1024
#: The longest address kept.
MAX_URI_CHARS = 8 * 1024

#: The statuses that matter here.
BROKEN, REDIRECTED = "broken", "redirected"
#: Redirect codes that say the address moved for good (RFC 9110).
PERMANENT = frozenset({301, 308})
#: How linkcheck words each redirect code (Sphinx's own words).
REDIRECT_WORDS = {
    301: "permanently",
    302: "with Found",
    303: "with See Other",
    307: "temporarily",
    308: "permanently",
}


@dataclass(frozen=True, slots=True)
class LinkResult:
    """One broken or redirected address of linkcheck's output."""

    status: str
    uri: str
    #: The HTTP code of the last redirect (0 when linkcheck did not know it).
    code: int
    #: For a broken address, the error; for a redirect, the new address.
    info: str
    #: The page and line where linkcheck found the address.
    page: str
    line: int

    @property
    def permanent(self) -> bool:
        """Whether this is a redirect for good (301, 308)."""
        return self.status == REDIRECTED and self.code in PERMANENT


@dataclass(frozen=True, slots=True)
class Note:
    """A line of the output that was skipped, and why."""

    line: int
    message: str


def read_results(path: Path) -> tuple[list[LinkResult], list[Note]]:
    """The broken and redirected addresses of a linkcheck ``output.json``.

    Each address is kept once per page line, in the file's order.

    :raises OSError: the file cannot be opened.
    """
    results: dict[LinkResult, None] = {}
    notes: list[Note] = []
    with path.open("rb") as file:
        for number, raw in _lines(file):
            if raw is None:
                notes.append(
                    Note(number, f"longer than {MAX_LINE_BYTES:,} bytes; skipped")
                )
                continue
            if not raw.strip():
                continue
            result = _result(raw)
            if isinstance(result, str):
                notes.append(Note(number, result))
            elif result is not None:
                results[result] = None
    return list(results), notes


def _lines(file: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """Each line's number and bytes, or None for a line over the limit,
    whose bytes are read through and dropped, never held."""
    number = 0
    while True:
        raw = file.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := file.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, raw


def _result(raw: bytes) -> LinkResult | str | None:
    """The result a line gives, None for a status that does not matter
    here, or why the line is skipped."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "not a line of linkcheck's output (not JSON); skipped"
    if not isinstance(data, dict):
        return "not a line of linkcheck's output (not a JSON object); skipped"
    status = data.get("status")
    if status not in (BROKEN, REDIRECTED):
        return None
    uri, info, page = data.get("uri"), data.get("info", ""), data.get("filename", "")
    code, line = data.get("code", 0), data.get("lineno", 0)
    if not isinstance(uri, str) or not uri or len(uri) > MAX_URI_CHARS:
        return "its 'uri' is not an address (missing, empty or too long); skipped"
    if not isinstance(info, str) or not isinstance(page, str):
        return "its 'info' or 'filename' is not text; skipped"
    if isinstance(code, bool) or not isinstance(code, int):
        code = 0
    if isinstance(line, bool) or not isinstance(line, int) or line < 0:
        line = 0
    return LinkResult(status, uri, code, info[:MAX_URI_CHARS], page[:1000], line)
