"""Resources as an awesome list (``export markdown``), which ``import markdown``
reads back to the same titles and addresses.

The list has a ``# Title``, a contents list, and a ``## `` section per first
tag (``### `` per second tag within it), or one section when no entry has
tags; each entry is an item ``- [Title](url) - Description.``, its links
nested under it. A MyST description is written as it is; a
reStructuredText one as text, its inline literals, emphasis and web links
turned into Markdown, the rest of its markup (roles, directives) reduced to
its text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from ..data.model import Markup, Resource, Text
from ..data.urls import url_scheme
from .markdown_text import code_span
from .untrusted import escape_markdown, one_line

#: The title of the list, and the section of the entries without tags.
DEFAULT_TITLE = "Reading list"
UNTAGGED = "Resources"
#: The words of a heading that ``import markdown`` takes for the list's own
#: matter; a tag of these words gets a suffix, so that it reads back.
_MATTER_WORDS = re.compile(
    r"(?i)\s*(contents|table of contents|index|contribut\w*|how to contribute|"
    r"licen[cs]e|code of conduct|footnotes|credits|acknowledge?ments|sponsors|"
    r"backers)\s*"
)
_SENTENCE_END = (".", "!", "?", "…")
_SLUG_DROPPED = re.compile(r"[^\w\- ]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
# one inline construct of reStructuredText, in the order they are tried
_RST_INLINE = re.compile(
    r"``(?P<literal>.+?)``"
    r"|:[\w.:+-]+:`(?P<role>[^`]*)`"
    r"|`(?P<link>[^`<]*?)\s*<(?P<target>[^`<>]*)>`__?"
    r"|`(?P<ref>[^`]*)`_{0,2}"
    r"|\*\*(?P<strong>[^*\s](?:[^*]*[^*\s])?)\*\*"
    r"|\*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*"
    r"|\\(?P<escaped>.)",
    re.DOTALL,
)
_ROLE_TARGET = re.compile(r"^(.*?)\s*<[^<>]*>$", re.DOTALL)


def write(resources: Sequence[Resource], *, title: str = DEFAULT_TITLE) -> str:
    """The resources as an awesome list; see the module's docstring."""
    groups: dict[str, dict[str | None, list[Resource]]] = {}
    tagged = any(resource.tags for resource in resources)
    for resource in resources:
        first = resource.tags[0] if resource.tags else UNTAGGED
        second = resource.tags[1] if len(resource.tags) > 1 else None
        groups.setdefault(first, {}).setdefault(second, []).append(resource)
    slugs = _Slugger()
    contents = []
    body = []
    for section, parts in groups.items():
        heading = _heading(section if tagged else UNTAGGED)
        contents.append(f"- [{escape_markdown(heading)}](#{slugs.slug(heading)})")
        body += ["", f"## {escape_markdown(heading)}", ""]
        # the entries of the section itself first: after a sub-heading,
        # they would read back with its tag
        for sub, entries in sorted(parts.items(), key=lambda part: part[0] is not None):
            if sub is not None:
                sub_heading = _heading(sub)
                anchor = slugs.slug(sub_heading)
                contents.append(f"  - [{escape_markdown(sub_heading)}](#{anchor})")
                body += ["", f"### {escape_markdown(sub_heading)}", ""]
            body += [_item(resource) for resource in entries]
    # one line: a line break would end the heading and start markup of its own
    heading_line = escape_markdown(one_line(title)[0] or DEFAULT_TITLE)
    lines = [f"# {heading_line}", "", "## Contents", "", *contents, *body]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _heading(tag: str) -> str:
    return f"{tag} (topic)" if _MATTER_WORDS.fullmatch(tag) else tag


class _Slugger:
    """GitHub's anchors of headings: lower case, punctuation dropped, spaces
    as hyphens, a repeated one numbered."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {"contents": 1}

    def slug(self, text: str) -> str:
        base = _SLUG_DROPPED.sub("", text.lower()).replace(" ", "-")
        count = self.seen.get(base, 0)
        self.seen[base] = count + 1
        return f"{base}-{count}" if count else base


def _address(resource: Resource) -> str | None:
    if resource.url and url_scheme(resource.url) is not None:
        return resource.url
    if resource.doi:
        return f"https://doi.org/{quote(resource.doi, safe='/')}"
    if resource.arxiv:
        return f"https://arxiv.org/abs/{resource.arxiv}"
    return None


def destination(url: str) -> str:
    """An address as a Markdown link destination that reads back the same."""
    url = re.sub(r"[\\()<>]", r"\\\g<0>", url)
    return re.sub(r"&(?=#?[0-9A-Za-z]+;)", r"\\&", url)


def _item(resource: Resource) -> str:
    address = _address(resource)
    title = escape_markdown(resource.title)
    line = f"- [{title}]({destination(address)})" if address else f"- {title}"
    paragraphs = _description(resource.description)
    if paragraphs:
        first = paragraphs[0]
        if not first.endswith(_SENTENCE_END):
            first += "."
        line += f" - {first}"
        for more in paragraphs[1:]:
            line += "\n\n  " + more.replace("\n", "\n  ")
    for link in resource.links:
        if url_scheme(link.url) is not None:
            line += f"\n  - [{escape_markdown(link.title)}]({destination(link.url)})"
    return line


def _description(text: Text | None) -> list[str]:
    """The paragraphs of a description, as Markdown, each on one line."""
    if text is None:
        return []
    source = text.source.strip()
    if text.markup is not Markup.MYST:
        source = from_rst(source)
    return [
        " ".join(part.split()) for part in _BLANK_LINES.split(source) if part.strip()
    ]


def from_rst(source: str) -> str:
    """reStructuredText as Markdown text: literals, emphasis and web links
    kept, roles and references reduced to their text, the rest escaped."""
    out = []
    position = 0
    for match in _RST_INLINE.finditer(source):
        out.append(escape_markdown(source[position : match.start()]))
        position = match.end()
        out.append(_from_rst_construct(match))
    out.append(escape_markdown(source[position:]))
    return "".join(out)


def _from_rst_construct(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if groups["literal"] is not None:
        return code_span(groups["literal"])
    if groups["role"] is not None:
        text = groups["role"]
        target = _ROLE_TARGET.match(text)
        text = target[1] if target and target[1] else text.lstrip("~!")
        return escape_markdown(text)
    if groups["target"] is not None:
        text, url = groups["link"] or groups["target"], groups["target"]
        if url_scheme(url) in ("http", "https", "mailto"):
            return f"[{escape_markdown(text)}]({destination(url)})"
        return escape_markdown(text)
    if groups["ref"] is not None:
        return escape_markdown(groups["ref"])
    if groups["strong"] is not None:
        return f"**{escape_markdown(groups['strong'])}**"
    if groups["em"] is not None:
        return f"*{escape_markdown(groups['em'])}*"
    return escape_markdown(groups["escaped"])
