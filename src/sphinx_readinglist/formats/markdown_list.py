"""Awesome lists in and out: ``import markdown`` and ``export markdown``.

A list item that starts with a link is an entry: ``- [Title](url) -
description``. The headings above it are its tags, but for the list's own
title and its matter (contents, contributing, licence); a list item without
a link that holds a list adds its text as a tag of the items below it. The
text after the link is the description, in Markdown (the file says
``markup: myst``); the other links of the item, and those of the items
nested in it, are the entry's ``links``. Links to the document's own
headings (a table of contents) and badges (images in links) are no entries.

The Markdown is parsed as CommonMark (and tables, to note them) with
markdown-it-py, which MyST already brings: nothing in it is run or fetched,
and raw HTML is left out. What the YAML could not take is a note at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt

from ..data.addresses import comparable_url
from ..data.model import DEFAULT_MAX_TAGS
from .common import Imported
from .markdown_out import write
from .markdown_text import MAX_INLINE, plain, render
from .untrusted import checked_url, one_line, removed_note, shorten, visible

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["read", "write"]

#: How deep blocks may nest (lists in lists, quotes): markdown-it-py stops
#: there, and its parser recurses. Awesome lists nest three or four lists.
MAX_NESTING = 20
#: How many times a document is read again after a block nested too deep,
#: from the line after it; each time re-reads the rest of the document.
_MAX_RESUMES = 50
#: A line longer than this is no line of a list (a 5 MB line would take the
#: inline parser minutes); it is left out, with a note.
MAX_LINE = 20_000
#: Headings of the list's own matter, compared in lower case without
#: punctuation or emoji: neither tags nor entries.
MATTER = frozenset(
    {
        "contents",
        "table of contents",
        "index",
        "contributing",
        "contribute",
        "contributors",
        "contributions",
        "how to contribute",
        "license",
        "licence",
        "code of conduct",
        "footnotes",
        "credits",
        "acknowledgements",
        "acknowledgments",
        "sponsors",
        "backers",
    }
)
#: What may separate the link of an entry from its description.
_SEPARATOR = re.compile(r"^\s*(?:[-:](?=\s)|[–—])?\s*")  # noqa: RUF001
_NOT_WORDS = re.compile(r"[^\w\s]|_")


def _normalize_link(url: str) -> str:
    # markdown-it-py percent-encodes every address (an IRI becomes ASCII);
    # the YAML keeps it as written, but for what no URL may hold
    return re.sub(r"[\x00-\x20\x7f]", lambda m: f"%{ord(m[0]):02X}", url)


def _any_link(url: str) -> bool:
    return True


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    md.enable("table")
    # inline parsing is done item by item, under a size limit
    md.disable("inline")
    md.normalizeLink = _normalize_link  # type: ignore[method-assign]
    # markdown-it-py turns javascript: links into text silently; keep them
    # links, so that the policy of data/urls.py drops them with a note
    md.validateLink = _any_link  # type: ignore[method-assign]
    return md


@dataclass
class _Section:
    level: int
    tag: str | None
    matter: bool


@dataclass
class _Reader:
    """The state of one reading: the headings above, the entries by address."""

    path: str
    md: MarkdownIt = field(default_factory=_parser)
    env: dict[str, Any] = field(default_factory=dict)
    imported: Imported = field(default_factory=lambda: Imported(markup="myst"))
    tokens: list[Token] = field(default_factory=list)
    offset: int = 0
    sections: list[_Section] = field(default_factory=list)
    seen_heading: bool = False
    by_address: dict[str, tuple[dict[str, Any], int]] = field(default_factory=dict)

    def note(self, line: int, message: str) -> None:
        self.imported.note(self.path, line, message)

    def line(self, token: Token) -> int:
        """The 1-based line of ``token`` in the source."""
        return (token.map[0] if token.map else 0) + 1 + self.offset

    # -- the document -------------------------------------------------------

    def read(self, text: str) -> Imported:
        lines = text.removeprefix("\ufeff").split("\n")
        for number, line in enumerate(lines):
            if len(line) > MAX_LINE:
                self.note(
                    number + 1,
                    f"the line has {len(line):,} characters, over {MAX_LINE:,}; "
                    "it is not read: no list item is that long",
                )
                lines[number] = ""
        start = 0
        for _ in range(_MAX_RESUMES):
            self.offset = start
            self.tokens = self.md.parse("\n".join(lines[start:]), self.env)
            deepest = next(
                (t for t in self.tokens if t.level >= MAX_NESTING - 1 and t.map),
                None,
            )
            self.blocks_in(0, len(self.tokens), [])
            if deepest is None:
                break
            start += (deepest.map[0] if deepest.map else 0) + 1
            self.note(
                start,
                f"lists or quotes nest deeper than {MAX_NESTING // 2} levels "
                "here; what they hold deeper is not read",
            )
        else:
            self.note(start, "too many lists nest too deep; the rest is not read")
        return self.imported

    def blocks(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The blocks between two tokens: each one's opening and closing index."""
        index = start
        while index < end:
            depth, close = 0, index
            while close < end:
                depth += self.tokens[close].nesting
                if depth <= 0:
                    break
                close += 1
            yield index, min(close, end - 1)
            index = close + 1

    def blocks_in(self, start: int, end: int, labels: list[str]) -> None:
        for open_, close in self.blocks(start, end):
            token = self.tokens[open_]
            kind = token.type
            if kind == "heading_open":
                self.heading(token, self.tokens[open_ + 1])
            elif self.in_matter():
                continue
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.items(open_ + 1, close, labels)
            elif kind == "blockquote_open":
                self.blocks_in(open_ + 1, close, labels)
            elif kind == "paragraph_open":
                self.loose_paragraph(self.tokens[open_ + 1])
            elif kind == "html_block" and "href" in token.content.lower():
                self.note(
                    self.line(token),
                    "the HTML here is not read (nor its links): write "
                    "entries as Markdown list items, - [Title](url) - description",
                )
            elif kind == "table_open":
                self.note(
                    self.line(token),
                    "the table here is not read: write its entries as "
                    "Markdown list items, - [Title](url) - description",
                )

    def in_matter(self) -> bool:
        return any(section.matter for section in self.sections)

    def tags(self, labels: list[str]) -> list[str]:
        found = [s.tag for s in self.sections if s.tag] + labels
        return list(dict.fromkeys(found))

    def heading(self, token: Token, inline: Token) -> None:
        text, removed = one_line(plain(self.inline(inline)))
        level = int(token.tag[1:])
        if not self.seen_heading and level == 1:
            self.seen_heading = True  # the list's title
            return
        self.seen_heading = True
        while self.sections and self.sections[-1].level >= level:
            self.sections.pop()
        words = " ".join(_NOT_WORDS.sub(" ", text).lower().split())
        matter = words in MATTER
        if matter and words not in ("contents", "table of contents", "index"):
            self.note(
                self.line(token),
                f"the section {shorten(text)!r} is the list's own matter: "
                "its links are not entries",
            )
        if removed and not matter:
            self.note(self.line(token), removed_note("the heading", removed))
        self.sections.append(_Section(level, None if matter else text or None, matter))

    def inline(self, token: Token) -> list[Token]:
        """The inline tokens of a block's text, parsed now, or none if too long."""
        if len(token.content) > MAX_INLINE:
            self.note(
                self.line(token),
                f"the paragraph has {len(token.content):,} characters, over "
                f"{MAX_INLINE:,}; it is not read",
            )
            return []
        children: list[Token] = []
        self.md.inline.parse(token.content, self.md, self.env, children)
        return children

    def loose_paragraph(self, inline: Token) -> None:
        links = [link for link in _links(self.inline(inline)) if link.kind == "link"]
        if links:
            self.note(
                self.line(inline),
                "the links of this paragraph are not entries: only list items "
                "are (- [Title](url) - description)",
            )

    # -- list items ---------------------------------------------------------

    def items(self, start: int, end: int, labels: list[str]) -> None:
        for open_, close in self.blocks(start, end):
            if self.tokens[open_].type == "list_item_open":
                self.item(open_, close, labels)

    def item(self, start: int, end: int, labels: list[str]) -> None:
        blocks = list(self.blocks(start + 1, end))
        first: Token | None = None
        if blocks and self.tokens[blocks[0][0]].type == "paragraph_open":
            first = self.tokens[blocks[0][0] + 1]
            blocks = blocks[1:]
        children = self.inline(first) if first is not None else []
        lead = _leading_link(children)
        if lead is None or first is None:
            label, _ = one_line(plain(children))
            nested = [b for b in blocks if self.tokens[b[0]].type.endswith("list_open")]
            if nested:
                inner = [*labels, label] if label and _is_label(children) else labels
                for open_, close in nested:
                    self.items(open_ + 1, close, inner)
            elif any(link.kind == "link" for link in _links(children)):
                self.note(
                    self.line(first or self.tokens[start]),
                    "this list item does not start with a link, so it is no "
                    "entry; write - [Title](url) - description",
                )
            return
        self.entry(first, children, lead, blocks, labels)

    def entry(
        self,
        inline: Token,
        children: list[Token],
        lead: tuple[int, int, int],
        blocks: list[tuple[int, int]],
        labels: list[str],
    ) -> None:
        line = self.line(inline)
        open_, close, rest = lead
        title, removed = one_line(plain(children[open_ + 1 : close]))
        if not title:
            self.note(
                line, "the link has no text to be the title; the item is left out"
            )
            return
        if removed:
            self.note(line, removed_note(f"the title {title!r}", removed))
        href = str(children[open_].attrs.get("href", ""))
        url, why = checked_url(href)
        if why:
            self.note(line, why)
        tail = _without_separator(children[rest:])
        paragraphs = [render(tail)]
        links = self.links_of(tail, line)
        for open_block, close_block in blocks:
            token = self.tokens[open_block]
            if token.type == "paragraph_open":
                more = self.inline(self.tokens[open_block + 1])
                paragraphs.append(render(more))
                links += self.links_of(more, self.line(token))
            elif token.type.endswith("list_open"):
                links += self.nested_links(open_block, close_block)
            else:
                self.note(
                    self.line(token),
                    f"the {token.type.removesuffix('_open').replace('_', ' ')} "
                    "in this list item is left out",
                )
        description, removed = visible("\n\n".join(p for p in paragraphs if p))
        if removed:
            self.note(line, removed_note(f"the description of {title!r}", removed))
        entry: dict[str, Any] = {
            "title": title,
            "url": url,
            "tags": self.tags(labels)[:DEFAULT_MAX_TAGS],
            "description": description or None,
            "links": _unique_links(links, url),
        }
        self.add(entry, line)

    def links_of(self, children: Sequence[Token], line: int) -> list[dict[str, str]]:
        found = []
        for link in _links(children):
            if link.kind != "link":
                continue
            url, why = checked_url(link.href)
            if why:
                self.note(line, why)
            title, _ = one_line(link.text)
            if url:
                found.append({"title": title or shorten(url), "url": url})
        return found

    def nested_links(self, start: int, end: int) -> list[dict[str, str]]:
        """The links of a list nested in an entry's item, for its ``links``."""
        found = []
        for index in range(start, end):
            token = self.tokens[index]
            if token.type != "inline":
                continue
            children = self.inline(token)
            lead = _leading_link(children)
            if lead is not None:
                tail = _without_separator(children[lead[2] :])
                if plain(tail).strip():
                    self.note(
                        self.line(token),
                        f"the text after this link, {shorten(plain(tail).strip())!r}, "
                        "is left out: an entry's links have only a title and an address",
                    )
            found += self.links_of(children, self.line(token))
        return found

    def add(self, entry: dict[str, Any], line: int) -> None:
        url = entry["url"]
        key = (comparable_url(url) or url) if url else None
        if key is None or key not in self.by_address:
            self.imported.entries.append(entry)
            if key is not None:
                self.by_address[key] = (entry, line)
            return
        first, first_line = self.by_address[key]
        new = [tag for tag in entry["tags"] if tag not in first["tags"]]
        first["tags"] = (first["tags"] + new)[:DEFAULT_MAX_TAGS]
        also = f"; that entry gets its tags {', '.join(new)}" if new else ""
        self.note(
            line,
            f"{shorten(url)} is listed at line {first_line} already: the entry "
            f"is read once{also}",
        )


@dataclass(frozen=True)
class _Link:
    kind: str  # "link", "anchor" or "badge"
    href: str
    text: str


def _link_close(children: Sequence[Token], index: int) -> int:
    """The index of the end of the link opened at ``index`` (links do not
    nest in CommonMark), or the length of ``children`` if it has none."""
    for close in range(index + 1, len(children)):
        if children[close].type == "link_close":
            return close
    return len(children)


def _links(children: Sequence[Token]) -> Iterator[_Link]:
    """The links of inline tokens, each told apart as link, anchor or badge."""
    for index, token in enumerate(children):
        if token.type != "link_open":
            continue
        inner = children[index + 1 : _link_close(children, index)]
        href = str(token.attrs.get("href", ""))
        text = plain(inner)
        if href.startswith("#"):
            yield _Link("anchor", href, text)
        elif any(t.type == "image" for t in inner) and not text.strip():
            yield _Link("badge", href, text)
        else:
            yield _Link("link", href, text)


_WRAPPERS = {"strong_open": "strong_close", "em_open": "em_close"}


def _leading_link(children: list[Token]) -> tuple[int, int, int] | None:
    """Where the link that starts an item is: its opening and closing token,
    and the first token after it (and the emphasis around it); None if the
    item starts otherwise, or with an anchor or a badge."""
    closing: list[str] = []
    index = 0
    while index < len(children):
        token = children[index]
        if token.type == "text" and not token.content.strip():
            index += 1
        elif token.type in _WRAPPERS:
            closing.append(_WRAPPERS[token.type])
            index += 1
        else:
            break
    if index >= len(children) or children[index].type != "link_open":
        return None
    link = next(iter(_links(children[index:])))
    if link.kind != "link":
        return None
    close = _link_close(children, index)
    rest = close + 1
    for expected in reversed(closing):
        while (
            rest < len(children)
            and children[rest].type == "text"
            and not children[rest].content.strip()
        ):
            rest += 1
        if rest < len(children) and children[rest].type == expected:
            rest += 1
    return index, close, rest


def _is_label(children: list[Token]) -> bool:
    """Whether an item's text may name the items nested in it: not a link."""
    return not any(token.type in ("link_open", "image") for token in children)


def _without_separator(tail: Sequence[Token]) -> list[Token]:
    tokens = list(tail)
    if tokens and tokens[0].type == "text":
        first = tokens[0].copy()
        first.content = _SEPARATOR.sub("", first.content, count=1)
        tokens[0] = first
    return tokens


def _unique_links(links: list[dict[str, str]], url: str | None) -> list[dict[str, str]]:
    seen = {url}
    unique = []
    for link in links:
        if link["url"] not in seen:
            seen.add(link["url"])
            unique.append(link)
    return unique


def read(text: str, path: str) -> Imported:
    """The entries of an awesome list's Markdown; see the module's docstring.

    :param text: the Markdown source.
    :param path: the name the notes give the source.
    """
    return _Reader(path).read(text)
