"""Browser bookmarks in: ``import bookmarks`` reads the bookmarks file every
browser exports (``<!DOCTYPE NETSCAPE-Bookmark-file-1>``).

A bookmark (``<DT><A HREF=... ADD_DATE=...>title</A>``) is an entry: its
folders (``<DT><H3>folder</H3><DL>...</DL>``) are its tags, but for the
browser's own (the bookmarks bar or toolbar, the menu, other and mobile
bookmarks); ``ADD_DATE`` (seconds since 1970) is ``added``, as the UTC
day; the text of ``<DD>`` is the description, and Firefox's ``TAGS`` more
tags. Bookmarklets (``javascript:``), Firefox's queries (``place:``),
``data:`` and ``file:`` addresses are left out, with a note; icons are
ignored. The file is read with the standard library's HTML parser: nothing
in it is run or fetched, and a broken file gives what can be read.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

from ..data.model import DEFAULT_MAX_TAGS
from .common import Imported
from .untrusted import (
    checked_url,
    escape_markdown,
    one_line,
    removed_note,
    shorten,
    utc_day,
)

#: Folders of the browser itself, not of its user, marked so in the file.
_ROOT_MARKS = ("personal_toolbar_folder", "unfiled_bookmarks_folder", "bookmarks_menu")
#: The same, by the names browsers give them, for files that do not mark
#: them (Chrome marks only its bookmarks bar): only directly in the root.
ROOT_FOLDERS = frozenset(
    {
        "bookmarks",
        "bookmarks bar",
        "bookmarks toolbar",
        "bookmarks menu",
        "other bookmarks",
        "mobile bookmarks",
        "favorites",
        "favorites bar",
        "favourites bar",
    }
)
#: Tags whose start ends the text of a bookmark, a folder or a description:
#: the files leave ``<DT>`` and ``<DD>`` unclosed, and broken ones more.
_BREAKS = frozenset({"dt", "dd", "dl", "h3", "a", "hr", "h1", "p"})
#: Elements whose content is no text of a bookmark.
_HIDDEN = frozenset({"script", "style", "title", "template"})
# an attribute of a start tag as written: name, and value in its quotes
_ATTRIBUTE = re.compile(
    r"""([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']*)))?"""
)
_REFERENCE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


def _attribute_text(value: str) -> str:
    """An attribute's value with its character references decoded once, as
    browsers do: ``&para=2`` in an address is no ``¶`` (a name without
    ``;`` before ``=`` or a letter is kept), which ``html.unescape`` gets
    wrong."""

    def one(match: re.Match[str]) -> str:
        reference = match[0]
        if reference.startswith("&#") or reference.endswith(";"):
            return html.unescape(reference)
        after = value[match.end() : match.end() + 1]
        decoded = html.unescape(reference)
        # "&amp" alone is decoded; "&ampx" is a name html.unescape cuts short
        whole = decoded != reference and len(decoded) == 1
        return decoded if whole and after != "=" else reference

    return _REFERENCE.sub(one, value)


def _attributes(start_tag: str) -> dict[str, str]:
    """The attributes of a start tag as written, names in lower case."""
    _name, *rest = re.split(r"\s", start_tag.strip("<>"), maxsplit=1)
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(rest[0] if rest else ""):
        name = match[1].lower()
        raw = next((g for g in match.groups()[1:] if g is not None), "")
        found.setdefault(name, _attribute_text(raw))
    return found


class _Parser(HTMLParser):
    """The folders above, and the bookmark, folder or description being read."""

    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.imported = Imported(markup="myst")
        self.folders: list[str | None] = []  # one per open <DL>
        self.path_tags: list[str] = []  # the named ones, outermost first
        self.pending: str | None = None  # the folder whose <DL> comes next
        self.reading: str | None = None  # "a", "h3" or "dd"
        self.text: list[str] = []
        self.attrs: dict[str, str] = {}
        self.line = 1
        self.hidden = 0
        self.last: dict[str, Any] | None = None
        self.deep_noted = False
        self.folder_marked = False

    def note(self, line: int, message: str) -> None:
        self.imported.note(self.path, line, message)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
            return
        if tag in _BREAKS:
            self.finish()
        if tag != "dd":
            self.last = None  # a <DD> describes the bookmark just before it
        line = self.getpos()[0]
        if tag == "a":
            self.start("a", line, _attributes(self.get_starttag_text() or ""))
        elif tag == "h3":
            names = {name.lower() for name, _value in attrs}
            self.folder_marked = any(mark in names for mark in _ROOT_MARKS)
            self.start("h3", line, {})
        elif tag == "dd":
            self.start("dd", line, {})
        elif tag == "dl":
            self.open_folder(line)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in ("a", "h3", "dl"):
            self.finish()
            if tag == "dl" and self.folders and self.folders.pop() is not None:
                self.path_tags.pop()

    def handle_data(self, data: str) -> None:
        if self.reading and not self.hidden:
            self.text.append(data)

    def start(self, what: str, line: int, attrs: dict[str, str]) -> None:
        self.reading, self.line, self.attrs, self.text = what, line, attrs, []

    def open_folder(self, line: int) -> None:
        name, self.pending = self.pending, None
        self.folders.append(name)
        if name is not None:
            self.path_tags.append(name)
        if len(self.path_tags) > DEFAULT_MAX_TAGS and not self.deep_noted:
            self.deep_noted = True
            self.note(
                line,
                f"folders nest deeper than {DEFAULT_MAX_TAGS} here; the "
                f"bookmarks inside have the tags of the outer {DEFAULT_MAX_TAGS}",
            )

    def finish(self) -> None:
        """End the bookmark, folder name or description being read."""
        what, self.reading = self.reading, None
        text, removed = one_line("".join(self.text))
        if what == "h3":
            root = self.folder_marked or (
                len(self.folders) <= 1 and text.lower() in ROOT_FOLDERS
            )
            self.pending = None if root or not text else text
            if removed and not root:
                self.note(self.line, removed_note(f"the folder {text!r}", removed))
        elif what == "a":
            self.bookmark(text, removed)
        elif what == "dd" and text:
            if self.last is None:
                return  # a folder's description: nowhere to go
            if removed:
                self.note(self.line, removed_note("the description", removed))
            self.last["description"] = escape_markdown(text)
            self.last = None

    def bookmark(self, title: str, removed: list[str]) -> None:
        attrs, line = self.attrs, self.line
        href = attrs.get("href", "")
        url, why = checked_url(href) if href else (None, None)
        if url is None or url.startswith("#"):
            why = why or f"the address {href!r} is no page, and is left out"
            self.note(
                line, why.replace("is left out", "and its bookmark are left out", 1)
            )
            return
        if why:
            self.note(line, why)
        if removed:
            self.note(line, removed_note(f"the title {title!r}", removed))
        if len(title) > MAX_TITLE:
            self.note(
                line,
                f"the title has {len(title):,} characters; it is cut to {MAX_TITLE}",
            )
            title = shorten(title, MAX_TITLE)
        if not title:
            title = shorten(url)
            self.note(
                line, f"the bookmark has no title; it is titled by its address, {title}"
            )
        entry: dict[str, Any] = {"title": title, "url": url}
        day = utc_day(attrs["add_date"]) if "add_date" in attrs else None
        if "add_date" in attrs and day is None:
            self.note(
                line,
                f"ADD_DATE={shorten(attrs['add_date'], 30)!r} is no time of the "
                "years 1000 to 2999 (seconds since 1970); 'added' is left out",
            )
        entry["added"] = day
        tags = list(dict.fromkeys(self.path_tags[:DEFAULT_MAX_TAGS]))
        for tag in attrs.get("tags", "").split(","):
            clean, _ = one_line(tag)
            if clean and clean not in tags and len(tags) < DEFAULT_MAX_TAGS:
                tags.append(clean)
        entry["tags"] = tags
        if attrs.get("shortcuturl"):
            self.note(
                line,
                f"the keyword {shorten(attrs['shortcuturl'], 30)!r} has no place "
                "in the YAML; it is left out",
            )
        self.imported.entries.append(entry)
        self.last = entry

    def close(self) -> None:
        super().close()
        self.finish()


#: A "<" that starts no tag, comment or declaration: html.parser would look
#: for its end to the end of the file, again for each, which on a file of
#: such characters takes time that grows with the square of its size.
_STRAY_LT = re.compile(r"<(?![/!?]?[A-Za-z][^<>]*>)")
#: The longest title kept: no page's title is longer.
MAX_TITLE = 500


def _defused(text: str) -> tuple[str, int | None]:
    """``text`` without comments (each line end kept, for the lines of the
    notes) and with stray ``<`` written ``&lt;``, which html.parser reads
    in time that grows with the size alone.

    :return: the text, and the line of an unclosed comment, where it stops.
    """
    parts = []
    position = 0
    unclosed = None
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        parts.append(text[position:start])
        if end < 0:
            unclosed = text.count("\n", 0, start) + 1
            position = len(text)
            break
        parts.append("\n" * text.count("\n", start, end))
        position = end + 3
    parts.append(text[position:])
    return _STRAY_LT.sub("&lt;", "".join(parts)), unclosed


def read(text: str, path: str) -> Imported:
    """The bookmarks of a browser's export; see the module's docstring.

    :param text: the HTML of the bookmarks file.
    :param path: the name the notes give the source.
    """
    parser = _Parser(path)
    if "NETSCAPE-Bookmark-file" not in text[:1000]:
        parser.note(
            1,
            "the file does not start as a bookmarks export does "
            "(<!DOCTYPE NETSCAPE-Bookmark-file-1>); it is read as one anyway",
        )
    text, unclosed = _defused(text)
    parser.feed(text)
    parser.close()
    if unclosed is not None:
        parser.note(
            unclosed,
            "a comment starts here and is never closed (-->); what follows is not read",
        )
    return parser.imported
