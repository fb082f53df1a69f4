"""Untrusted data: every bad input gets a located warning; nothing runs, leaks
or is lost.

``roots/test-bad-data`` holds one data file per kind of problem, and pages that
show them all. The tests pin each warning (file, line, subtype and exact
words), the entries that survive, and what must never reach the output.
Property-based tests then feed random documents, structures and bytes through
the loader, and through the real directive in a real build.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from yaml.nodes import ScalarNode, SequenceNode

from sphinx_readinglist.cards import directive
from sphinx_readinglist.data import expansion, yaml_reader
from sphinx_readinglist.data.loader import FILE_KEYS, load_file, load_text
from sphinx_readinglist.data.model import KINDS, LEVELS, Limits, ReadingList
from sphinx_readinglist.data.schema_check import FIELDS
from sphinx_readinglist.data.urls import DEFAULT_SCHEMES, unsafe_url_reason
from sphinx_readinglist.domain import ReadingListDomain
from sphinx_readinglist.warnings_ import Subtype

from ._sphinx import (
    DOCS,
    ROOTS,
    ours,
    plain,
    sphinx_build,
    started,
    titles,
    warnings_of,
    write_project,
)
from ._sphinx import (
    page as built_page,
)

MakeApp = Callable[..., SphinxTestApp]

CORPUS = ROOTS / "test-bad-data"

#: Files that the code in the corpus would create, if it ran.
RAN = ("tagged-ran", "jinja-ran")


@dataclass(frozen=True)
class Case:
    """What one data file of the corpus must give: its warnings, as
    ``(line, subtype, message)``, and the titles of the entries shown."""

    warnings: list[tuple[int, str, str]]
    survivors: list[str]


_SANDBOX = (
    "or set readinglist_trust_markup = True if every author of the data is trusted"
)
_ALLOWED = "(allowed: http:, https:, mailto:)"
_KNOWN = (
    "known fields: title, id, url, authors, year, date, added, venue, kind, level, "
    "tags, description, abstract, links, translations, image, image_alt, doi, "
    "arxiv, isbn, archive, status, extra"
)
#: An unknown field may be one of the maintainers' own: it may go under extra.
_KEEP = "to keep it, move it under extra, as in extra: {{{}: ...}}"
_KINDS = "paper, book, course, video, blog, article, website, tool, list, talk, podcast, other"
_HTML_ID = (
    "cannot be an HTML id; use at most 100 letters, digits, '-' and '_', "
    "starting with a letter or digit; write e.g. id: lecun2015"
)
_TAG = "(remove the tag: only plain YAML values are read)"
_LINKS = "write e.g. links: [{title: Slides, url: https://example.org/slides.pdf}]"
_RST = "description of entry 'Sandboxed reStructuredText'"
_MYST = "description of entry 'Sandboxed MyST'"
_MATH = (
    "is not allowed, since only common math commands are accepted (others "
    "can read files in a LaTeX build or make links in a web page), and is "
    "shown as text; write the formula without it, or set "
    "readinglist_trust_markup = True"
)

_PAGE_FIX = (
    "write the path of a page relative to the page that shows the card (such "
    "as 'intro.html' or '../guide/'), or a full address (https://...)"
)
_NO_SCHEME = (
    "has no scheme, so it works only in a web page served over HTTP, not in a "
    "PDF, an e-book or a page opened from disk, and is not linked; write it in "
    "full"
)
_ONE_ENTRY = (
    "keep one entry, and show it on other pages with :ids:, or remove the url of one"
)

CASES: dict[str, Case] = {
    # -- files that cannot be read at all: one error naming the file --------
    "syntax-tab.yaml": Case(
        [
            (3, "file", "YAML syntax error: while scanning a plain scalar, found a tab character that violates indentation; indent with spaces; YAML does not allow tabs"),
        ],
        [],
    ),
    "syntax-quote.yaml": Case(
        # reported where the quote opens, not at the end of the file
        [
            (3, "file", "YAML syntax error: while scanning a quoted scalar, found unexpected end of stream; close the quote, or quote the whole value"),
        ],
        [],
    ),
    "nul-byte.yaml": Case(
        [
            (2, "file", "YAML syntax error: unacceptable character #x0000: control characters are not allowed; remove it: the file may not hold NUL bytes or other control characters"),
        ],
        [],
    ),
    "latin1.yaml": Case(
        [(2, "file", "the file is not UTF-8 (byte 0xe9 at offset 25); save it as UTF-8")],
        [],
    ),
    "utf16.yaml": Case(
        [
            (1, "file", "the file is UTF-16, not UTF-8 (it starts with a UTF-16 byte order mark); save it as UTF-8"),
        ],
        [],
    ),
    "bom-crlf.yaml": Case([], ["Byte order mark and CRLF"]),
    "empty.yaml": Case(
        [
            (1, "file", "the data is empty, not a list of resources; start it with 'resources:' followed by entries such as '- title: Deep learning'"),
        ],
        [],
    ),
    "scalar.yaml": Case(
        [
            (1, "file", "the data is 'just a sentence, not a list', not a list of resources; start it with 'resources:' followed by entries such as '- title: Deep learning'"),
        ],
        [],
    ),
    "single-entry.yaml": Case(
        [
            (1, "file", "the data is a single entry, not a list of resources; put it under 'resources:' and start it with '- ', as in '- title: ...'"),
        ],
        [],
    ),
    "resources-null.yaml": Case(
        [
            (1, "file", "'resources' must be a list of entries, got nothing (null); write each entry as '- title: ...' under 'resources:'"),
        ],
        [],
    ),
    "resources-mapping.yaml": Case(
        [
            (2, "file", "'resources' must be a list of entries, got a mapping; write each entry as '- title: ...' under 'resources:'"),
        ],
        [],
    ),
    "alias-bomb.yaml": Case(
        [
            (1, "file", "the data expands to more than 2,000,000 values through YAML aliases (&anchor / *alias); write the values out, or raise readinglist_max_nodes"),
        ],
        [],
    ),
    # -- one entry over a limit: it alone is left out ------------------------
    "alias-bomb-entry.yaml": Case(
        [
            (3, "data", "entry 'Billion laughs' is left out: with it, the data expands to more than 2,000,000 values through YAML aliases (&anchor / *alias); write the values out, or raise readinglist_max_nodes"),
        ],
        ["Before the laughs", "After the laughs"],
    ),
    "deep.yaml": Case(
        [
            (3, "data", "entry 'Deep' is left out: it nests mappings and lists more than 50 levels deep; flatten it (a reading list needs five), or raise readinglist_max_depth"),
        ],
        ["Before the deep one", "After the deep one"],
    ),
    "self-alias.yaml": Case(
        [
            (3, "data", "entry 'Refers to itself' is left out: an alias (*name) in it refers to the value that contains it, so the data never ends; point the alias at another value"),
        ],
        ["Before the loop", "After the loop"],
    ),
    "resources-empty.yaml": Case(
        [
            (1, "data", "the list of resources is empty, so nothing is shown; add entries such as '- title: Deep learning', or remove the directive"),
        ],
        [],
    ),
    # -- entries and fields: the bad part is left out, the rest is shown -----
    "not-mappings.yaml": Case(
        [
            (3, "data", "entry #2 must be a mapping of fields, got 'just a title without its key'; write e.g. - title: Deep learning"),
            (4, "data", "entry #3 must be a mapping of fields, got a list; write e.g. - title: Deep learning"),
            (5, "data", "entry #4 must be a mapping of fields, got nothing (null); write e.g. - title: Deep learning"),
        ],
        ["First survivor", "Second survivor"],
    ),
    "titles.yaml": Case(
        [
            (2, "data", "entry #1 has no 'title'; write e.g. title: Deep learning; the entry is skipped"),
            (3, "data", "entry #2: 'title' must be a string, got 1984, which YAML reads as a number; quote it: title: '1984'; the entry is skipped"),
            (4, "data", "entry #3: 'title' is empty; write e.g. title: Deep learning; the entry is skipped"),
            (5, "data", "entry #4: 'title' is empty; write e.g. title: Deep learning; the entry is skipped"),
            (6, "data", "entry #5: 'title' must be a string, got nothing (null); write e.g. title: Deep learning; the entry is skipped"),
            (7, "data", "entry #6: 'title' must be a string, got a list; write e.g. title: Deep learning; the entry is skipped"),
        ],
        ["Survivor"],
    ),
    "years.yaml": Case(
        [
            (3, "data", "entry 'Two digits': 'year' 15 is not a plausible year; write e.g. year: 2015"),
            (5, "data", "entry 'Far future': 'year' 3000 is not a plausible year; write e.g. year: 2015"),
            (7, "data", "entry 'Quoted': 'year' must be an integer, got '2015'; remove the quotes: year: 2015"),
            (9, "data", "entry 'Words': 'year' must be an integer, got 'soon'; write e.g. year: 2015"),
            (11, "data", "entry 'Decimal': 'year' must be an integer, got 2015.0; write e.g. year: 2015"),
            (13, "data", "entry 'Boolean': 'year' must be an integer, got true (a boolean); write e.g. year: 2015"),
            (15, "data", "entry 'Not a day': 'date' 2015-02-30 is not a day of the calendar: February 2015 has 28 days; write e.g. date: 2015-05-27"),
        ],
        ["Two digits", "Far future", "Quoted", "Words", "Decimal", "Boolean", "Not a day"],
    ),
    "types.yaml": Case(
        [
            (3, "data", "entry 'Id': 'id' must be a string, got a list; write e.g. id: lecun2015"),
            (5, "data", "entry 'Number id': 'id' must be a string, got 2015, which YAML reads as a number; quote it: id: '2015'"),
            (7, "data", "entry 'Url': 'url' must be a string, got 42, which YAML reads as a number; quote it: url: '42'"),
            (9, "data", "entry 'Authors': 'authors' must be a string or a list of strings, got a mapping; write e.g. authors: [Yann LeCun, Yoshua Bengio]"),
            (11, "data", "entry 'Author item': authors[2] must be a non-empty string, got 7, which YAML reads as a number; it is left out; quote it: '7'"),
            (11, "data", "entry 'Author item': authors[3] must be a non-empty string, got ''; it is left out"),
            (13, "data", "entry 'Date': 'date' must be a date written YYYY-MM-DD or YYYY-MM, got 2015, which YAML reads as a number; for a year alone, write year: 2015"),
            (15, "data", "entry 'Venue': 'venue' must be a string, got a list; write e.g. venue: Nature"),
            (17, "data", f"entry 'Kind': 'kind' must be one of {_KINDS}, got 3"),
            (19, "data", "entry 'Level': 'level' must be one of beginner, intermediate, advanced, got a list"),
            (21, "data", "entry 'Tags': 'tags' must be a string or a list of strings, got a mapping; write e.g. tags: [rnn, lstm]"),
            (23, "data", "entry 'Description': 'description' must be a string, got a list; write e.g. description: A gentle introduction."),
            (25, "data", "entry 'Abstract': 'abstract' must be a string, got 3, which YAML reads as a number; quote it: abstract: '3'"),
            (27, "data", f"entry 'Links': 'links' must be a list, got 'https://example.org/'; {_LINKS}"),
            (30, "data", f"entry 'Link items': 'links[1]' must be a mapping, got 'just a string'; {_LINKS}"),
            (31, "data", f"entry 'Link items': links[2] has no 'url'; {_LINKS}"),
            (32, "data", "entry 'Link items': 'links[3].url' must be a string, got 42, which YAML reads as a number; quote it: url: '42'"),
            (33, "data", "entry 'Link items': 'links[4].title' must be a string, got 2015-01-01, which YAML reads as a date; quote it: title: '2015-01-01'"),
            (34, "data", "entry 'Link items': unknown field 'note' in links[5]; known fields: title, url"),
            (36, "data", "entry 'Translations': 'translations' must be a mapping, got a list; write e.g. translations: {fr: https://example.org/fr/}"),
            (39, "data", "entry 'Translation items': 'translations.fr' must be a string, got 3, which YAML reads as a number; quote it: fr: '3'"),
            (40, "data", "entry 'Translation items': 'french' is not a language code in 'translations'; use a code such as fr, de or pt-BR; write e.g. translations: {fr: https://example.org/fr/}"),
            (43, "data", "entry 'Image': 'image' must be a string, got 3, which YAML reads as a number; quote it: image: '3'"),
            (45, "data", "entry 'Image text': 'image_alt' must be a string, got 4, which YAML reads as a number; quote it: image_alt: '4'"),
        ],
        [
            "Id", "Number id", "Url", "Authors", "Author item", "Date", "Venue",
            "Kind", "Level", "Tags", "Description", "Abstract", "Links",
            "Link items", "Translations", "Translation items", "Image",
            "Image text",
        ],
    ),
    "unknown.yaml": Case(
        # several unknown fields: one warning each, at its line, with its hint
        [
            (3, "data", f"entry 'Misspelt': unknown field 'auhtors'; did you mean 'authors'? {_KEEP.format('auhtors').capitalize()}"),
            (5, "data", f"entry 'Several': unknown field 'colour'; {_KEEP.format('colour')}; {_KNOWN}"),
            (6, "data", f"entry 'Several': unknown field 'yaer'; did you mean 'year'? {_KEEP.format('yaer').capitalize()}"),
            (7, "data", f"entry 'Several': unknown field 'tag'; did you mean 'tags'? {_KEEP.format('tag').capitalize()}"),
            (9, "data", f"entry 'Kind and level': 'kind' must be one of {_KINDS}, got 'papper'; did you mean 'paper'?"),
            (10, "data", "entry 'Kind and level': 'level' must be one of beginner, intermediate, advanced, got 'expert'"),
        ],
        ["Misspelt", "Several", "Kind and level"],
    ),
    "keys.yaml": Case(
        [
            (3, "data", f"entry 'Number key': unknown field '2015'; {_KEEP.format(repr('2015'))}; {_KNOWN}"),
            (5, "data", "entry 'List key': a key must be a plain name, got a list; the key and its value are left out: write a name such as 'title', or quote the key"),
            (9, "data", "entry 'Norwegian': translations: YAML reads the key no as false (a boolean), not as text; quote it, as in 'no': ... (it is used as written)"),
            (11, "data", "unknown top-level key 'yes'; the top level holds only resources, defaults and markup"),
        ],
        ["Number key", "List key", "Norwegian"],
    ),
    "duplicate-key.yaml": Case(
        [
            (4, "data", "entry 'Twice a year': duplicate key 'year' (first at line 3); the second is ignored, remove one of them"),
        ],
        ["Twice a year"],
    ),
    "defaults.yaml": Case(
        # reported once, at the defaults, and not applied
        [
            (3, "data", "defaults: 'level' must be one of beginner, intermediate, advanced, got 'expert'"),
            (4, "data", "defaults: 'year' must be an integer, got 'soon'; write e.g. year: 2015"),
            (5, "data", "defaults: 'id' is set per entry, not in defaults"),
            (6, "data", "defaults: 'colour' is not a field"),
            (8, "data", "defaults: unknown field 'note' in links[1]; known fields: title, url"),
        ],
        ["Gets the defaults", "Sets its own"],
    ),
    "markup-key.yaml": Case(
        [
            (1, "data", "'markup' must be rst or myst, got 'mist'; did you mean 'myst'?; using rst"),
        ],
        ["Still shown"],
    ),
    "tagged.yaml": Case(
        [
            (3, "data", f"entry #2 must be a mapping of fields, got a value tagged !!python/object/apply:os.system {_TAG}; write e.g. - title: Deep learning"),
            (4, "data", f"entry #3: 'title' must be a string, got a value tagged !!binary {_TAG}; write e.g. title: Deep learning; the entry is skipped"),
            (6, "data", f"entry 'Tagged value': 'venue' must be a string, got a value tagged !!python/name:os.system {_TAG}; write e.g. venue: Nature"),
            (7, "data", f"entry 'Tagged value': 'tags' must be a string or a list of strings, got a value tagged !custom {_TAG}; write e.g. tags: [rnn, lstm]"),
        ],
        ["Before", "Tagged value", "After"],
    ),
    "controls.yaml": Case(
        [
            (2, "data", "entry 'Escape [31mcodes[0m': 'title' contains the control character U+001B, which cannot be shown and is left out; remove it"),
            (3, "data", "entry 'Escape [31mcodes[0m': 'description' contains the control characters U+0000, U+0007, which cannot be shown and are left out; remove them"),
        ],
        ["Escape [31mcodes[0m", "Clean"],
    ),
    # -- ids ------------------------------------------------------------------
    "ids-within.yaml": Case(
        [
            (5, "duplicate", "entry 'Second': duplicate id 'same' (first at line 2); give it another 'id'; it is shown as same-2"),
            # 'same-title' is the id of the title of the card 'same' (issue 11)
            (6, "duplicate", "entry 'Same title': its id 'same-title' is already used on page 'index' by the title of the card of entry 'First', so the card is shown as same-title-3 there; give the entry another 'id'"),
            (7, "duplicate", "entry 'Same title': duplicate id 'same-title' (first at line 6); add an 'id'; it is shown as same-title-2"),
        ],
        ["First", "Second", "Same title", "Same title"],
    ),
    "ids-1.yaml": Case([], ["Defined first"]),
    "ids-2.yaml": Case(
        [
            (2, "duplicate", "entry 'Defined again in another file': duplicate id 'first' (first defined at ids-1.yaml:2); ids are shared by the whole project, give this entry another 'id'"),
        ],
        ["Defined again in another file"],
    ),
    "ids-html.yaml": Case(
        [
            (3, "data", f"entry 'Space': 'id' 'has space' {_HTML_ID}"),
            (5, "data", f"entry 'Leading dash': 'id' '-lead' {_HTML_ID}"),
            (7, "data", f"entry 'Markup': 'id' '<b>x</b>' {_HTML_ID}"),
            (9, "data", f"entry 'Long': 'id' 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' {_HTML_ID}"),
        ],
        ["Space", "Leading dash", "Markup", "Long"],
    ),
    # -- nothing injected -----------------------------------------------------
    "html.yaml": Case([], ["<script>alert('title')</script>"]),
    "urls.yaml": Case(
        [
            (4, "unsafe", f"entry 'Schemes': url \"JaVaScRiPt:alert('url')\" is not linked: the scheme javascript: is not allowed {_ALLOWED}"),
            (6, "unsafe", f"entry 'Schemes': links[1].url 'javascript:alert(1)' is not linked: the scheme javascript: is not allowed {_ALLOWED}"),
            (7, "unsafe", f"entry 'Schemes': links[2].url 'java\\tscript:alert(1)' is not linked: the scheme javascript: is not allowed {_ALLOWED}"),
            (8, "unsafe", f"entry 'Schemes': links[3].url 'java\\nscript:alert(1)' is not linked: the scheme javascript: is not allowed {_ALLOWED}"),
            (9, "unsafe", f"entry 'Schemes': links[4].url '&#106;avascript:alert(1)' is not linked: the scheme javascript: is not allowed {_ALLOWED}"),
            (10, "unsafe", f"entry 'Schemes': links[5].url '&#x6A;avascript:alert(1)' is not linked: the scheme javascript: is not allowed {_ALLOWED}"),
            (11, "unsafe", f"entry 'Schemes': links[6].url 'javascript&colon;alert(1)' is not linked: the scheme javascript: is not allowed {_ALLOWED}"),
            (12, "unsafe", f"entry 'Schemes': links[7].url '&amp;#106;avascript:alert(1)' is not linked: the scheme javascript: is not allowed {_ALLOWED}"),
            (13, "unsafe", f"entry 'Schemes': links[8].url 'data:text/html,<script>alert(1)</script>' is not linked: the scheme data: is not allowed {_ALLOWED}"),
            (14, "unsafe", f"entry 'Schemes': links[9].url 'VBScript:msgbox(1)' is not linked: the scheme vbscript: is not allowed {_ALLOWED}"),
            (15, "unsafe", f"entry 'Schemes': links[10].url 'file:///etc/passwd' is not linked: the scheme file: is not allowed {_ALLOWED}"),
            (17, "unsafe", f"entry 'Schemes': translations.fr \"JAVASCRIPT:alert('fr')\" is not linked: the scheme javascript: is not allowed {_ALLOWED}"),
            (18, "unsafe", f"entry 'Schemes': image 'data:image/svg+xml,<svg onload=alert(1)>' is not linked: the scheme data: is not allowed {_ALLOWED}"),
            (20, "unsafe", "entry 'Image outside': image '/../../../../../etc/passwd' is outside the source directory and is not shown; move it into the documentation"),
            (22, "data", "entry 'Image without scheme': image '//evil.example/x.png' has no scheme, so it would be read as a file; write it in full: https://evil.example/x.png"),
            (24, "unsafe", "entry 'Image relative outside': image '../../../../../../etc/hosts' is not shown: only image files (.png, .jpg, .jpeg, .gif, .webp, .svg) are shown; give the path of an image, such as covers/book.png"),
        ],
        ["Schemes", "Image outside", "Image without scheme", "Image relative outside"],
    ),
    # -- addresses that would not work where they are shown ---------------------
    "urls-relative.yaml": Case(
        [
            (3, "url", f"entry 'Not a page': url 'cil-ster.html' leads to 'cil-ster.html', which is not a page of the project; {_PAGE_FIX}"),
            (5, "url", "entry 'Without its suffix': url 'body' leads to 'body', which is not a page of the project; write 'body.html'"),
            (11, "url", f"entry 'Without scheme': url '//example.org/paper.pdf' {_NO_SCHEME}: 'https://example.org/paper.pdf'"),
            (13, "url", f"entry 'Without scheme': links[1].url '//example.org/slides.pdf' {_NO_SCHEME}: 'https://example.org/slides.pdf'"),
            (14, "url", f"entry 'Without scheme': archive '\\\\\\\\web.archive.org/web/2020/example.org' {_NO_SCHEME}: 'https://web.archive.org/web/2020/exam...'"),
        ],
        ["Not a page", "Without its suffix", "A page", "Within the page", "Without scheme"],
    ),
    "same-url-1.yaml": Case(
        [
            (4, "duplicate_url", f"entry 'Same again': url 'http://WWW.Example.org:80/same' is the address of entry 'Original' too (same-url-1.yaml:2); {_ONE_ENTRY}"),
        ],
        ["Original", "Same again", "A section of it"],
    ),
    "same-url-2.yaml": Case(
        [
            (2, "duplicate_url", f"entry 'In another file': url 'https://www.example.org/same' is the address of entry 'Original' too (same-url-1.yaml:2); {_ONE_ENTRY}"),
        ],
        ["In another file"],
    ),
    "markup-rst.yaml": Case(
        [
            (6, "markup", f"{_RST}: the substitution |undefined| is not defined in the text and is shown as is; define it in the same text, or write the text itself"),
            (6, "unsafe", f"{_RST}: the link 'JaVaScRiPt:alert(1)' is not linked: the scheme javascript: is not allowed {_ALLOWED}"),
            (6, "unsafe", f"{_RST}: the link 'javascript:alert(2)' is not linked: the scheme javascript: is not allowed {_ALLOWED}"),
            (7, "unsafe", f"{_RST}: the link '&#106;avascript:alert(3)' is not linked: the scheme javascript: is not allowed {_ALLOWED}"),
            (9, "unsafe", f"{_RST}: the 'raw' directive is not allowed in reading-list markup and was left out; write the text itself, {_SANDBOX}"),
            (13, "unsafe", f"{_RST}: the 'include' directive is not allowed in reading-list markup and was left out; write the text itself, {_SANDBOX}"),
            (15, "unsafe", f"{_RST}: the 'literalinclude' directive is not allowed in reading-list markup and was left out; write the text itself, {_SANDBOX}"),
            (17, "unsafe", f"{_RST}: the 'csv-table' directive is not allowed in reading-list markup and was left out; write the text itself, {_SANDBOX}"),
            (20, "unsafe", f"{_RST}: the 'image' directive is not allowed in reading-list markup and was left out; write the text itself, {_SANDBOX}"),
            (22, "unsafe", f"{_RST}: the 'download' role is not allowed in reading-list markup; its text is shown as is"),
            (23, "unsafe", rf"{_RST}: math using '\input' {_MATH}"),
            (27, "unsafe", rf"{_RST}: math using '\href' {_MATH}"),
        ],
        ["Sandboxed reStructuredText"],
    ),
    "markup-myst.yaml": Case(
        [
            (6, "unsafe", f"{_MYST}: the link 'JaVaScRiPt:alert(1)' is not linked: the scheme javascript: is not allowed"),
            (6, "unsafe", f"{_MYST}: the link 'javascript:alert(2)' is not linked: the scheme javascript: is not allowed"),
            (6, "unsafe", f"{_MYST}: the link 'javascript:alert(3)' is not linked: the scheme javascript: is not allowed"),
            (7, "unsafe", f"{_MYST}: the link to the file '../../../../../../etc/passwd' is not allowed, since it would copy the file into the built site, and is shown as text; link to a URL, or set readinglist_trust_markup = True"),
            (8, "unsafe", f"{_MYST}: the MyST substitution \"{{{{cycler.__init__.__globals__.os.system('touch jinja-ran')}}}}\" is not evaluated in reading-list markup, since it could run code; use a name defined in myst_substitutions, or set readinglist_trust_markup = True"),
            (10, "unsafe", f"{_MYST}: raw html content (such as inline HTML) is not allowed and was left out; use the markup's own syntax, or set readinglist_trust_markup = True"),
            (12, "unsafe", f"{_MYST}: the 'raw' directive is not allowed in reading-list markup and was left out; write the text itself, {_SANDBOX}"),
            (16, "unsafe", f"{_MYST}: the 'include' directive is not allowed in reading-list markup and was left out; write the text itself, {_SANDBOX}"),
            (20, "unsafe", f"{_MYST}: the 'raw' directive is not allowed in reading-list markup and was left out; write the text itself, {_SANDBOX}"),
            (25, "unsafe", f"{_MYST}: images are not allowed in the text and were left out; give the resource an 'image' field instead"),
            (25, "unsafe", rf"{_MYST}: math using '\href' {_MATH}"),
        ],
        ["Sandboxed MyST"],
    ),
}  # fmt: skip

#: Problems located in the pages rather than in a data file.
PAGES: dict[str, list[tuple[int, str, str]]] = {
    "index.rst": [
        (107, "file", "data file 'missing.yaml' not found (looked for missing.yaml); the path is relative to this document, or to the source directory when it starts with '/'"),
        (109, "unsafe", "the data file '../outside.yaml' is outside the source directory and is not read; move it into the documentation, or set readinglist_allow_outside_srcdir = True"),
        (111, "option", ":ids: 'tagged-rn' is not in selection.yaml; did you mean 'tagged-rnn'?"),
        (114, "option", "the selection :tags: lstm matches no entry of selection.yaml; check the values against the data"),
        (120, "ref", "unknown resource 'tagged-rnm'; use the 'id' of an entry shown by a readinglist directive; did you mean 'tagged-rnn'?"),
        (137, "file", "the pattern 'nothing/*.yaml' matches no data file (it is relative to this document's folder); check the pattern, or add a file that it matches"),
    ],
    "body.rst": [
        (9, "data", "entry 'In the body': 'year' 12 is not a plausible year; write e.g. year: 2015"),
        (15, "file", "YAML syntax error: while scanning a quoted scalar, found unexpected end of stream; close the quote, or quote the whole value"),
        (23, "data", "entry 'Its year is a word': 'year' must be an integer, got 'soon'; write e.g. year: 2015"),
        (25, "config", "'readinglist-index' links to the index of resources, which is off: set readinglist_index = True in conf.py to write it"),
    ],
}  # fmt: skip

#: The one warning about conf.py, which sets a bad value on purpose.
CONFIG_WARNING = (
    "WARNING: readinglist_columns = '5 5' is not valid; use one or four numbers "
    "from 1 to 12, e.g. '1 2 2 3'. Using the default, '1 2 2 3' "
    "[readinglist.config]"
)


# -- helpers ------------------------------------------------------------------

_WARNING = re.compile(
    r"^(?P<file>[^:\s]+):(?P<line>\d+): (?:WARNING|ERROR): (?P<message>.*) "
    r"\[readinglist\.(?P<subtype>\w+)\]$"
)


@dataclass(frozen=True)
class Reported:
    file: str
    line: int
    subtype: str
    message: str


def parse_warnings(text: str) -> list[Reported]:
    found = []
    for line in text.splitlines():
        match = _WARNING.match(line)
        if match:
            found.append(
                Reported(
                    match["file"],
                    int(match["line"]),
                    match["subtype"],
                    match["message"],
                )
            )
    return found


def line_of(file: str, line: int, subtype: str, message: str) -> str:
    """A warning as the build prints it (paths relative to the source)."""
    return f"{file}:{line}: WARNING: {message} [readinglist.{subtype}]"


def expected_lines() -> list[str]:
    lines = [
        line_of(name, *warning)
        for name, case in CASES.items()
        for warning in case.warnings
    ]
    lines += [
        line_of(page, *warning) for page, found in PAGES.items() for warning in found
    ]
    return lines


_SAFE_SCHEMES = ("http", "https", "mailto")
_URL_ATTRIBUTES = (
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "xlink:href",
)


def assert_safe_html(root: Tag) -> None:
    """No script, no event handler, no link with a dangerous scheme in ``root``.

    The check parses the HTML, so a URL or a text that broke out of its
    attribute or element would show here as an element or attribute of its own.
    """
    for tag in root.find_all(True):
        assert tag.name not in {
            "script", "iframe", "object", "embed", "style", "form", "base",
            "meta", "link", "svg", "math",
        }, tag  # fmt: skip
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), (tag.name, attribute)
            if attribute.lower() in _URL_ATTRIBUTES:
                seen = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(str(value)))
                scheme = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", seen)
                assert scheme is None or scheme[1].lower() in _SAFE_SCHEMES, value


def assert_nothing_ran_or_leaked(*places: Path) -> None:
    for place in places:
        for name in RAN:
            assert not list(place.rglob(name)), (place, name)
    for place in places[1:]:  # the outputs
        assert not (place / "_images").exists()
        assert not (place / "_downloads").exists()


# -- the corpus, built once ---------------------------------------------------


@dataclass
class Built:
    app: SphinxTestApp
    srcdir: Path
    output: str
    warnings: list[Reported]

    @property
    def outdir(self) -> Path:
        return Path(self.app.outdir)

    def page(self, docname: str) -> BeautifulSoup:
        return built_page(self.outdir, docname)

    def titles(self, list_id: str) -> list[str]:
        for docname in ("index", "myst", "body"):
            found = self.page(docname).select_one(f"#{list_id}")
            if found is not None:
                return titles(found)
        return []  # a file that cannot be read shows no list at all


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    srcdir = tmp_path_factory.mktemp("bad-data") / "src"
    shutil.copytree(CORPUS, srcdir)
    with started(srcdir, build=False) as app:
        # code in the data, if it ran, would write into the working directory
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(srcdir)
            app.build()
        output = plain(app._warning.getvalue(), srcdir)  # type: ignore[attr-defined]
        yield Built(app, srcdir, output, parse_warnings(output))


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_file_warns_at_its_lines(corpus: Built, name: str) -> None:
    found = sorted(
        (w.line, w.subtype, w.message) for w in corpus.warnings if w.file == name
    )
    assert found == sorted(CASES[name].warnings)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_file_keeps_its_valid_entries(corpus: Built, name: str) -> None:
    assert corpus.titles(f"list-{name.removesuffix('.yaml')}") == CASES[name].survivors


def test_problems_of_the_pages_are_located_in_the_pages(corpus: Built) -> None:
    for page, expected in PAGES.items():
        found = sorted(
            (w.line, w.subtype, w.message) for w in corpus.warnings if w.file == page
        )
        assert found == sorted(expected), page
    # an error of docutils, not ours, but located and explained all the same
    assert (
        'index.rst:117: ERROR: Error in "readinglist" directive:\n'
        "invalid option value: (option: \"sort\"; value: 'newest')\n"
        "'newest' is not one of file, title, year, -year, date, -date, added, "
        "-added."
    ) in corpus.output


def test_every_warning_is_expected_and_told_once(corpus: Built) -> None:
    ours = [line for line in corpus.output.splitlines() if "[readinglist." in line]
    assert sorted(ours) == sorted([*expected_lines(), CONFIG_WARNING])
    assert "Traceback" not in corpus.output


def test_nothing_unsafe_reaches_the_pages(corpus: Built) -> None:
    for docname in ("index", "myst", "body"):
        lists = corpus.page(docname).select("div.readinglist")
        assert lists, docname
        for found in lists:
            assert_safe_html(found)


def test_nothing_runs_and_nothing_is_read(corpus: Built) -> None:
    assert_nothing_ran_or_leaked(corpus.srcdir, corpus.outdir)
    for path in corpus.outdir.rglob("*"):
        if path.suffix in (".html", ".txt", ".js") and "_static" not in path.parts:
            content = path.read_bytes()
            # /etc/passwd and /etc/hosts, which the data tried to include
            assert b"root:x:0" not in content, path
            assert b"localhost" not in content, path


def test_text_is_escaped_and_urls_stay_in_their_attributes(corpus: Built) -> None:
    card = corpus.page("index").select_one("#html-everywhere")
    assert card is not None
    title = card.select_one(".readinglist-title a")
    assert title is not None
    # the title is text, shown as written (smart quotes are for prose)
    assert title.get_text() == "<script>alert('title')</script>"
    assert title.attrs == {
        "class": ["reference", "external"],
        "href": "https://example.org/\"onmouseover=\"alert('url')",
    }
    authors = [a.get_text() for a in card.select(".readinglist-author")]
    assert authors == [
        "<script>alert('author')</script>",
        'O"Brien & <Co>',
    ]
    venue = card.select_one(".readinglist-venue")
    assert (
        venue is not None and venue.get_text() == "<img src=x onerror=alert('venue')>"
    )
    assert card["data-tags"] == "<b>bold</b> x\"-onmouseover=\"alert('tag')"
    image = card.select_one("img")
    assert image is not None
    assert image.attrs["src"] == "https://example.org/x.png\"onerror=\"alert('image')"
    assert image.attrs["alt"] == "\"><script>alert('alt')</script>"
    assert set(image.attrs) == {"src", "alt", "class"}
    link = card.select_one(".readinglist-links a")
    assert link is not None and link.get_text() == "<i>link</i>"
    assert link["href"] == "https://example.org/'><script>alert('link')</script>"
    assert card.select("script, i, b, img[onerror], [onmouseover]") == []


def test_refused_links_are_text_and_the_rest_is_kept(corpus: Built) -> None:
    schemes = corpus.page("index").select_one("#schemes")
    assert schemes is not None
    assert [a["href"] for a in schemes.select("a")] == [
        "../other/page.html",
        "https://example.org/es/",
    ]
    assert schemes.select_one("img") is None
    myst = corpus.page("myst").select_one("#sandbox-myst .readinglist-description")
    assert myst is not None
    text = myst.get_text()
    assert "the project" in text  # a name of myst_substitutions still works
    assert "{{cycler" in text and "[a](JaVaScRiPt:alert(1))" in text
    assert myst.select("a") == []


def test_docs_show_the_real_warnings(corpus: Built) -> None:
    """Every example of the warnings page is a line this corpus prints."""
    page = (DOCS / "warnings.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```text\n(.*?)```", page, flags=re.DOTALL)
    examples = [line for block in blocks for line in block.splitlines() if line]
    assert len(examples) > 30
    output = corpus.output.splitlines()
    for example in examples:
        assert any(example in line for line in output), example


# -- -W: every warning listed, then a failed build ------------------------------


def test_dash_w_lists_every_warning_and_fails_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(CORPUS, srcdir)
    status = sphinx_build(
        ["-W", "--keep-going", "-q", "-b", "html", str(srcdir), str(tmp_path / "out")]
    )
    assert status == 1
    stderr = plain(capsys.readouterr().err, srcdir)
    for line in expected_lines():
        assert line in stderr, line
    assert "Traceback" not in stderr


# -- files and paths ------------------------------------------------------------


def _project(srcdir: Path, index: str, **files: str) -> None:
    """An rST project without MyST: ``index`` and ``files`` (``a__yaml`` is a.yaml)."""
    write_project(
        srcdir,
        {"index.rst": index},
        {name.replace("__", "."): text for name, text in files.items()},
        conf='extensions = ["sphinx_readinglist"]\nshow_warning_types = True\n',
    )


def _warnings(app: SphinxTestApp) -> list[str]:
    return warnings_of(app._warning, app.srcdir)


def test_paths_are_resolved_before_they_are_trusted(
    make_app: MakeApp, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("- title: Secret entry\n", encoding="utf-8")
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"secret picture")
    srcdir = tmp_path / "src"
    _project(
        srcdir,
        "Paths\n=====\n\n"
        ".. readinglist:: link-out.yaml\n\n"
        ".. readinglist:: link-in.yaml\n\n"
        ".. readinglist:: folder.yaml\n\n"
        ".. readinglist::\n\n"
        "   - title: Image through a link\n"
        "     image: covers/secret.png\n",
        inside__yaml="- title: Read through a link inside\n",
    )
    (srcdir / "link-out.yaml").symlink_to(outside)
    (srcdir / "link-in.yaml").symlink_to(srcdir / "inside.yaml")
    (srcdir / "folder.yaml").mkdir()
    (srcdir / "covers").mkdir()
    (srcdir / "covers" / "secret.png").symlink_to(secret)
    app = make_app("html", srcdir=srcdir)
    app.build()
    found = _warnings(app)
    assert (
        "index.rst:4: WARNING: the data file 'link-out.yaml' is outside the source "
        "directory and is not read; move it into the documentation, or set "
        "readinglist_allow_outside_srcdir = True [readinglist.unsafe]"
    ) in found
    # a directory is no data file: located, typed, and the build goes on
    assert any(
        w.startswith("index.rst:8: WARNING: ")
        and "'folder.yaml'" in w
        and w.endswith("[readinglist.file]")
        for w in found
    ), found
    assert (
        "index.rst:13: WARNING: entry 'Image through a link': image "
        "'covers/secret.png' is outside the source directory and is not shown; "
        "move it into the documentation [readinglist.unsafe]"
    ) in found
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Read through a link inside" in page
    assert "Secret entry" not in page
    assert_nothing_ran_or_leaked(srcdir, Path(app.outdir))
    # the loader on its own says what a directory is
    data = load_file(srcdir / "folder.yaml", "folder.yaml")
    assert data.problems[0].message.startswith("the path is a directory")


def test_the_project_may_allow_files_outside(make_app: MakeApp, tmp_path: Path) -> None:
    (tmp_path / "shared.yaml").write_text("- title: Shared entry\n", encoding="utf-8")
    srcdir = tmp_path / "src"
    _project(srcdir, "Shared\n======\n\n.. readinglist:: ../shared.yaml\n")
    app = make_app(
        "html", srcdir=srcdir, confoverrides={"readinglist_allow_outside_srcdir": True}
    )
    app.build()
    assert ours(app._warning) == []
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Shared entry" in page


def test_a_rooted_image_path_cannot_leave_through_a_link(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """A rooted path through a link to a picture outside the project is
    refused at its line; a rooted picture inside it is copied and shown
    (every accepted form: tests/test_security_images.py)."""
    picture = (ROOTS / "test-sec-images" / "img" / "cover.png").read_bytes()
    secret = tmp_path / "secret.png"
    secret.write_bytes(picture + b"secret")
    srcdir = tmp_path / "src"
    _project(
        srcdir,
        "Rooted\n======\n\n.. readinglist::\n\n"
        "   - title: Rooted image through a link\n"
        "     image: /covers/secret.png\n"
        "   - title: Rooted image\n"
        "     image: /covers/real.png\n",
    )
    (srcdir / "covers").mkdir()
    (srcdir / "covers" / "secret.png").symlink_to(secret)
    (srcdir / "covers" / "real.png").write_bytes(picture)
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = _warnings(app)
    # at the line of the image
    assert warnings == [
        "index.rst:7: WARNING: entry 'Rooted image through a link': image "
        "'/covers/secret.png' is outside the source directory and is not shown; "
        "move it into the documentation [readinglist.unsafe]"
    ]
    images = Path(app.outdir) / "_images"
    assert sorted(p.name for p in images.iterdir()) == ["real.png"]
    assert (images / "real.png").read_bytes() == picture
    cards = built_page(app.outdir).select(".readinglist-card")
    assert [[i["src"] for i in card.select("img")] for card in cards] == [
        [],
        ["_images/real.png"],
    ]


def test_limits_are_configurable_and_refuse_before_reading(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = tmp_path / "src"
    _project(
        srcdir,
        "Limits\n======\n\n.. readinglist:: big.yaml\n\n.. readinglist:: many.yaml\n",
        big__yaml="- title: Big\n  description: " + "x" * 2000 + "\n",
        many__yaml="- title: Many\n  tags: [" + ", ".join(["t"] * 60) + "]\n",
    )
    size = (srcdir / "big.yaml").stat().st_size
    app = make_app(
        "html",
        srcdir=srcdir,
        confoverrides={"readinglist_max_bytes": 1000, "readinglist_max_nodes": 50},
    )
    app.build()
    found = _warnings(app)
    assert (
        f"big.yaml:1: WARNING: the file is {size:,} bytes, over the limit of 1,000; "
        "split it, or raise readinglist_max_bytes [readinglist.file]"
    ) in found
    assert (
        "many.yaml:1: WARNING: the data holds more than 50 values; split it into "
        "several files, or raise readinglist_max_nodes [readinglist.file]"
    ) in found


def test_huge_values_make_short_messages_and_whole_cards(
    make_app: MakeApp, tmp_path: Path
) -> None:
    title = "T" * 1_000_000
    srcdir = tmp_path / "src"
    _project(
        srcdir,
        "Huge\n====\n\n.. readinglist:: huge.yaml\n",
        huge__yaml=(
            f"- title: {title}\n"
            f"  {'k' * 1000}: unknown\n"  # YAML's plain keys: 1024 characters at most
            f"  year: '{'9' * 1_000_000}'\n"
            f"  description: {'word ' * 100_000}\n"
        ),
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    found = ours(app._warning)
    assert len(found) == 2, [w[:200] for w in found]
    # the file's path, the list of known fields and the way to keep the
    # field under extra; nothing that grows with the values
    assert all(len(w) < 500 for w in found), [len(w) for w in found]
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert title in page


# -- limits of the loader -------------------------------------------------------


def test_deep_nesting_is_refused_without_recursing() -> None:
    for text in (
        "[" * 1_000_000 + "]" * 1_000_000,
        "{a: " * 100_000 + "1" + "}" * 100_000,
        "- " * 100_000 + "x",
    ):
        data = load_text(text, "deep.yaml")
        assert [p.message.split(";")[0] for p in data.problems] == [
            "the data nests mappings and lists more than 50 levels deep"
        ]


def test_deep_nesting_past_the_recursion_limit_is_a_warning() -> None:
    # with the depth limit lifted, building the data runs into Python's limit
    depth = sys.getrecursionlimit() + 100
    data = load_text(
        "[" * depth + "]" * depth, "deep.yaml", limits=Limits(max_depth=10 * depth)
    )
    assert [p.message for p in data.problems] == [
        "the data is nested too deeply to read; flatten it"
    ]


def test_aliases_measured_without_recursion() -> None:
    # a chain far deeper than the recursion limit, as aliases can make one
    root = node = SequenceNode("tag:yaml.org,2002:seq", [])
    for _ in range(200_000):
        child = SequenceNode("tag:yaml.org,2002:seq", [])
        node.value.append(child)
        node = child
    size, depth = expansion.expanded_size(root, max_nodes=10**9, max_depth=10**9)
    assert (size, depth) == (200_001, 200_001)  # every node a list
    # aliases that nest an anchor in itself again and again
    rows = ["a0: &a0 [x]"]
    rows += [f"a{i}: &a{i} [[[[*a{i - 1}]]]]" for i in range(1, 20)]
    data = load_text("\n".join(rows) + "\n", "deep.yaml")
    assert data.problems[0].message.startswith(
        "the data nests mappings and lists more than 50 levels deep through YAML aliases"
    )


def test_code_running_schemes_are_never_linked() -> None:
    schemes = (*DEFAULT_SCHEMES, "javascript", "data", "vbscript", "doi")
    for url in ("javascript:alert(1)", "DATA:text/html,x", " vbscript:x"):
        reason = unsafe_url_reason(url, schemes)
        assert reason is not None and "never linked" in reason
    assert unsafe_url_reason("doi:10.1000/182", schemes) is None
    data = load_text(
        "- title: A\n  url: javascript:alert(1)\n",
        "reading.yaml",
        limits=Limits(url_schemes=schemes),
    )
    assert data.resources[0].url is None


def test_a_file_of_20000_entries_still_works(make_app: MakeApp, tmp_path: Path) -> None:
    entries = [
        f"  - id: e{i}\n    title: Entry {i}\n    url: https://example.org/{i}\n"
        f"    authors: [Ann Author, Bob Writer]\n    year: {1990 + i % 30}\n"
        f"    kind: paper\n    tags: [a, b]\n    description: Entry {i}, in short.\n"
        for i in range(20_000)
    ]
    text = "resources:\n" + "".join(entries) + "  - title: Last\n    year: soon\n"
    last_line = text.count("\n")
    srcdir = tmp_path / "src"
    _project(
        srcdir,
        "Big\n===\n\n.. readinglist:: big.yaml\n   :ids: e0 e19999 last\n",
        big__yaml=text,
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    # every entry was read, and the one bad entry at the very end is located
    domain = app.env.get_domain("readinglist")
    assert isinstance(domain, ReadingListDomain)
    (source,) = domain.sources.values()
    assert len(source.entries) == 20_001
    assert ours(app._warning, app.srcdir) == [
        f"big.yaml:{last_line}: WARNING: entry 'Last': 'year' must be an integer, "
        "got 'soon'; write e.g. year: 2015 [readinglist.data]"
    ]
    assert titles(built_page(app.outdir)) == ["Entry 0", "Entry 19999", "Last"]


# -- properties ---------------------------------------------------------------

#: Fast and the same on every run: a fixed seed, no example database.
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NASTY = [
    "javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "&#106;avascript:x",
    "data:text/html,<script>x</script>", "vbscript:x", "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>', "https://example.org/\"onmouseover=\"x",
    "https://example.org/", "mailto:a@example.org", "../../../../etc/passwd",
    "/../../etc/passwd", "//evil.example/x.png", "\x00", "\x1b[31m", "\u0085",
    "2015-13-45", "2015-05-27", "", "   ", "yes", "no", "1984", "~",
    ".. raw:: html\n\n   <script>x</script>\n", ".. include:: /etc/passwd\n",
    "{{ cycler.__init__.__globals__ }}", "$\\href{javascript:x}{y}$",
    "`x <javascript:y>`_", "[x](javascript:y)", "[x](../../../../etc/passwd)",
    "|undefined|", ":download:`x <../../../../etc/passwd>`", "# Heading\n",
    "[^1]\n\n[^1]: note", "*unclosed", "paper", "beginner", "e1", "has space",
]  # fmt: skip

_KEYS = st.one_of(
    st.sampled_from([*FIELDS, *FILE_KEYS, "titel", "yes", "no", "<<"]),
    st.text(max_size=8),
    st.integers(-5, 3000),
    st.booleans(),
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(NASTY),
    st.dates(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(_KEYS, children, max_size=4),
    max_leaves=20,
)
_ENTRIES = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), _VALUES, max_size=8),
    st.dictionaries(st.sampled_from(FIELDS) | _KEYS, _VALUES, max_size=6),
    _VALUES,
)
STRUCTURES = st.one_of(
    st.lists(_ENTRIES, max_size=6),
    st.fixed_dictionaries(
        {"resources": st.lists(_ENTRIES, max_size=6)},
        optional={
            "defaults": st.dictionaries(
                st.sampled_from(FIELDS) | _KEYS, _VALUES, max_size=4
            ),
            "markup": st.sampled_from(["rst", "myst", "md", 3]),
        },
    ),
    _VALUES,
)


def dump(data: Any) -> str:
    # keys of several types cannot be sorted
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


_HTML_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_SUBTYPES = {subtype.value for subtype in Subtype}


def check_reading_list(data: ReadingList, text: str) -> None:
    """What any load must give, whatever the text."""
    last_line = len(_LINE_BREAKS.split(text)) + 1
    for problem in data.problems:
        assert problem.location.path == "data.yaml"
        assert 1 <= problem.location.line <= last_line, problem
        assert problem.subtype in _SUBTYPES
        assert problem.message and "\n" not in problem.message
        assert len(problem.message) < 1000, problem.message[:200]
        assert "this is a bug" not in problem.message, problem.message
    ids = [resource.id for resource in data.resources]
    assert len(ids) == len(set(ids))
    for resource in data.resources:
        assert _HTML_ID_RE.fullmatch(resource.id), resource.id
        assert resource.title.strip() and not _CONTROLS.search(resource.title)
        urls = [resource.url, resource.image]
        urls += [link.url for link in resource.links]
        urls += [url for _lang, url in resource.translations]
        for url in urls:
            assert url is None or unsafe_url_reason(url, DEFAULT_SCHEMES) is None, url
        assert resource.year is None or 1000 <= resource.year <= 2999
        assert resource.kind is None or resource.kind in KINDS
        assert resource.level is None or resource.level in LEVELS
        for text_ in (*resource.authors, *resource.tags, resource.venue or "x"):
            assert isinstance(text_, str) and text_.strip()


@PROPERTY
@given(st.text())
def test_any_text_loads_with_located_problems(text: str) -> None:
    check_reading_list(load_text(text, "data.yaml"), text)


@PROPERTY
@given(STRUCTURES)
def test_any_structure_loads_into_valid_resources(data: Any) -> None:
    text = dump(data)
    check_reading_list(load_text(text, "data.yaml"), text)


def _node_tree(node: Any) -> Any:
    """A node graph as plain data, aliases copied out (the graphs are small)."""
    if isinstance(node, ScalarNode):
        return (node.tag, node.value, node.style or None, node.start_mark.line)
    if isinstance(node, SequenceNode):
        items = [_node_tree(child) for child in node.value]
        return (node.tag, items, node.start_mark.line)
    pairs = [(_node_tree(key), _node_tree(value)) for key, value in node.value]
    return (node.tag, pairs, node.start_mark.line)


@PROPERTY
@given(
    st.one_of(
        STRUCTURES.map(dump),
        st.text(max_size=200),
        st.sampled_from(
            [
                "a: &a [x, {b: *a}]\n",  # an alias inside its own anchor
                "a: &a {k: v}\nb: [*a, *a]\nc: &c x\nd: *c\n",
                "? [a, b]\n: c\n? {d: e}\n: f\n",
                "- &a\n  - *b\n",
                "a: &x 1\nb: &x 2\n",
                "--- a\n--- b\n",
                "!!set {a, b}\n",
            ]
        ),
    )
)
def test_the_loader_composes_as_pyyaml_does(text: str) -> None:
    """The composer that counts depth and values builds PyYAML's node graph."""
    try:
        # the same parser (libyaml's when built), so only the composers differ
        theirs = yaml.compose(
            text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            yaml_reader._LineLoader(
                text, max_nodes=10**6, max_depth=10**6
            ).get_single_node()
        return
    except RecursionError:
        return  # their composer recurses; ours does not
    loader = yaml_reader._LineLoader(text, max_nodes=10**6, max_depth=10**6)
    try:
        ours = loader.get_single_node()
    finally:
        loader.dispose()
    if theirs is None:
        assert ours is None
        return
    try:
        expected = _node_tree(theirs)
    except RecursionError:
        return  # a graph that refers to itself
    assert _node_tree(ours) == expected


_TITLES = st.text(
    alphabet=st.characters(categories=("L", "N", "Zs", "P")), min_size=1, max_size=20
).filter(lambda title: title.strip())


@PROPERTY
@given(
    st.lists(
        st.tuples(
            st.fixed_dictionaries(
                {"title": _TITLES},
                optional={
                    "year": st.integers(1000, 2999),
                    "kind": st.sampled_from(KINDS),
                    "url": st.just("https://example.org/"),
                    "tags": st.lists(_TITLES, max_size=3),
                },
            ),
            st.lists(_ENTRIES, max_size=2),
        ),
        max_size=6,
    )
)
def test_bad_entries_do_not_hide_their_neighbours(
    groups: list[tuple[dict[str, Any], list[Any]]],
) -> None:
    entries = [item for good, junk in groups for item in (good, *junk)]
    data = load_text(dump({"resources": entries}), "data.yaml")
    titles = iter(resource.title for resource in data.resources)
    for good, _junk in groups:
        wanted = " ".join(good["title"].split())
        assert any(title == wanted for title in titles), wanted  # in order


_CODE_URLS = st.sampled_from(
    ["javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<b>x</b>"]
)


@st.composite
def disguised(draw: st.DrawFn) -> str:
    """A URL that runs code, disguised as browsers forgive."""
    url = draw(_CODE_URLS)
    scheme, rest = url.split(":", 1)
    letters = []
    for letter in scheme:
        letter = letter.upper() if draw(st.booleans()) else letter
        form = draw(st.sampled_from(["plain", "decimal", "hex", "padded"]))
        if form == "decimal":
            letter = f"&#{ord(letter)};"
        elif form == "hex":
            letter = f"&#x{ord(letter):X};"
        elif form == "padded":
            letter = f"&#{ord(letter):07d}"
        letters.append(letter + draw(st.sampled_from(["", "", "\t", "\n", "\r"])))
    colon = draw(st.sampled_from([":", "&colon;", "&#58;", "&#x3a;"]))
    prefix = draw(st.text(alphabet="\x00\x01\x1f \t\n", max_size=3))
    return prefix + "".join(letters) + colon + rest


@PROPERTY
@given(disguised())
def test_disguised_code_urls_are_refused(url: str) -> None:
    assert unsafe_url_reason(url, DEFAULT_SCHEMES) is not None
    entry = {
        "title": "A",
        "url": url,
        "image": url,
        "links": [{"title": "L", "url": url}],
        "translations": {"fr": url},
    }
    data = load_text(dump([entry]), "data.yaml")
    (resource,) = data.resources
    assert (resource.url, resource.image) == (None, None)
    assert (resource.links, resource.translations) == ((), ())
    # a control character is reported (and removed) too
    assert {"unsafe"} <= {p.subtype for p in data.problems} <= {"unsafe", "data"}


# -- properties through the real directive in a real build ----------------------


@dataclass
class Project:
    app: SphinxTestApp
    srcdir: Path
    warning: io.StringIO


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    srcdir = tmp_path_factory.mktemp("random") / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_readinglist"]\n'
        "show_warning_types = True\n"
        'myst_enable_extensions = ["substitution", "dollarmath"]\n',
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "Random\n======\n\n.. toctree::\n\n   body\n   myst\n\n"
        ".. readinglist:: data.yaml\n",
        encoding="utf-8",
    )
    (srcdir / "myst.md").write_text(
        "# MyST\n\n```{readinglist} data.yaml\n:sort: title\n```\n", encoding="utf-8"
    )
    (srcdir / "body.rst").write_text("Body\n====\n", encoding="utf-8")
    (srcdir / "data.yaml").write_text("[]\n", encoding="utf-8")
    with started(srcdir, build=False) as app:
        yield Project(app, srcdir, app._warning)  # type: ignore[attr-defined]


_DATA = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(str.encode),
    STRUCTURES.map(lambda data: dump(data).encode()),
)
_BODIES = st.one_of(
    st.text(max_size=200),
    STRUCTURES.map(dump),
)


@settings(PROPERTY, max_examples=40)
@given(data=_DATA, body=_BODIES)
def test_any_data_builds_with_warnings_only(
    project: Project, data: bytes, body: str
) -> None:
    srcdir = project.srcdir
    (srcdir / "data.yaml").write_bytes(data)
    indented = "\n".join("   " + line for line in body.splitlines())
    (srcdir / "body.rst").write_text(
        f"Body\n====\n\n.. readinglist::\n\n{indented}\n", encoding="utf-8"
    )
    directive._file_cache.clear()  # the same size and time may hide a change
    project.warning.seek(0)
    project.warning.truncate()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(srcdir)
        project.app.build(force_all=True)
    output = plain(project.warning.getvalue(), srcdir)
    assert "Traceback" not in output and "Exception occurred" not in output
    for line in output.splitlines():
        if line.startswith("data.yaml:"):
            assert re.search(r"\[readinglist\.\w+\]$", line), line
    outdir = Path(project.app.outdir)
    for docname in ("index", "myst", "body"):
        for found in built_page(outdir, docname).select("div.readinglist"):
            assert_safe_html(found)
    assert_nothing_ran_or_leaked(srcdir, outdir)


def test_the_depth_limit_is_configurable(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        "extensions = ['sphinx_readinglist']\nreadinglist_max_depth = 3\n",
        encoding="utf-8",
    )
    (srcdir / "deep.yaml").write_text(
        "- title: Deep\n  links:\n    - {title: A, url: 'https://example.org'}\n",
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "Deep\n====\n\n.. readinglist:: deep.yaml\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    found = _warnings(app)
    # the entry that goes too deep is left out, and told at its first line
    assert any(
        "deep.yaml:1: WARNING: entry 'Deep' is left out" in w
        and "more than 3 levels" in w
        and "readinglist_max_depth" in w
        for w in found
    ), found
