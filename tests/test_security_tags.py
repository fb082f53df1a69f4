"""Tags are normalised once, in Python, and compared as written by the filter.

Issue 11: a tag with U+FEFF (which JavaScript's ``\\s`` splits on and
Python's ``str.split()`` does not) hid every card when its button was
pressed, and a shared URL did not restore it. The slug of a tag holds no
whitespace of either language; the script splits ``data-tags`` and the URL
on the one separator Python joins them with, and compares exact slugs.
``:tags:`` and ``:group-by: tag`` compare the same slugs.

The browser tests reuse the machinery of ``test_browser``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from sphinx_readinglist.cards.labels import (
    TAG_SEPARATOR,
    data_attributes,
    tag_slug,
    tag_slugs,
)
from sphinx_readinglist.data.model import Location, Resource
from sphinx_readinglist.filter import facets

from . import test_browser as tb
from ._sphinx import ROOTS, build_copy

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# the browser and the loopback server of the browser tests
browser = tb.browser
site = tb.site

#: Characters that either side has treated differently, or that change how a
#: tag reads in a URL or compares: the review's and their neighbours.
TRICKY = (
    "\ufeff\u180e\u200b\u200c\u200d\u2060\u2028\u2029\u0085\u00a0\u1680"
    "\u3000\u2000\u200a\u202f\u205f\u202e\u2066\t\n\v\f\r\x1c\x1f\x7f\x00"
    " -&#%+=?/.,'\"<>\\"
    "\u0301\u0308\u0345\ufe0f"  # combining marks, a variation selector
    "\u03a3\u03c3\u03c2ßẞİ\u0131\u212a\u212bǅﬁ🐍e"  # cases that fold apart
)
tags = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(TRICKY)))

#: JavaScript's ``\s``: WhiteSpace and LineTerminator (ECMA-262), any Zs.
_JS_SPACES = "\t\n\v\f\r\u2028\u2029\ufeff"
_HTML_SPACES = "\t\n\f\r "


#: The one warning of the root: a tag of only invisible characters is left
#: out by the loader (it would show an empty badge).
INVISIBLE = (
    "tags.yaml:32: WARNING: entry 'Invisible': tags[1] must be a non-empty "
    "string, got '\\u200b'; it is left out [readinglist.data]"
)


def assert_only_the_invisible_tag(warnings: list[str]) -> None:
    assert len(warnings) == 1, warnings
    assert warnings[0].endswith(INVISIBLE), warnings


def js_space(char: str) -> bool:
    return char in _JS_SPACES or unicodedata.category(char) == "Zs"


def js_split(text: str) -> list[str]:
    """``text.split(/\\s+/).filter(Boolean)``, the script's old split."""
    words, word = [], ""
    for char in text:
        if js_space(char):
            words.append(word)
            word = ""
        else:
            word += char
    return [w for w in [*words, word] if w]


def resource(id_: str, tags: list[str]) -> Resource:
    return Resource(id=id_, title=id_, location=Location("x.yaml", 1), tags=tuple(tags))


# -- the slug -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "slug"),
    [
        # ordinary tags keep the slug they had
        ("lstm", "lstm"),
        ("Sequence Models", "sequence-models"),
        ("deep-learning", "deep-learning"),
        ("C++", "c++"),
        # invisible characters are dropped
        ("deep\ufefflearning", "deeplearning"),
        ("deep\u200blearning", "deeplearning"),
        ("mongolian\u180evowel", "mongolianvowel"),
        ("\u202eevil", "evil"),
        ("\u200b", ""),
        # every kind of space or line break is one "-"
        ("line\u2028sep", "line-sep"),
        ("para\u2029sep", "para-sep"),
        ("next\x85line", "next-line"),
        ("no\u00a0break", "no-break"),
        ("ogham\u1680mark", "ogham-mark"),
        ("ideo\u3000graphic", "ideo-graphic"),
        ("a \t\u3000\ufeff b", "a-b"),
        ("\x1cunit\x1fsep\x7f", "unit-sep"),
        # case-folded (Python's, not JavaScript's) and composed
        ("ΟΔΟΣ", "οδοσ"),
        ("οδος", "οδοσ"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("nai\u0308ve", "na\u00efve"),
        ("e\u200b\u0301", "\u00e9"),
        # what a URL encodes stays: the script's URLSearchParams encodes it
        ("100% #1 a=b&c+d?", "100%-#1-a=b&c+d?"),
        ("🐍 Python", "🐍-python"),
    ],
)
def test_slug(tag: str, slug: str) -> None:
    assert tag_slug(tag) == slug


@given(tags)
def test_slug_has_no_whitespace_of_either_side(tag: str) -> None:
    slug = tag_slug(tag)
    for char in slug:
        assert not char.isspace(), (tag, slug)  # Python's str.split()
        assert not js_space(char), (tag, slug)  # JavaScript's \s
        assert char not in _HTML_SPACES  # the [data-tags~=...] selector
        assert unicodedata.category(char)[0] not in "CZ", (tag, slug)
    assert TAG_SEPARATOR not in slug
    assert unicodedata.is_normalized("NFC", slug)
    # normalised once: a slug written as a tag (in :tags:, say) is itself
    assert tag_slug(slug) == slug


@given(tags, tags)
def test_what_is_normalised_away_gives_one_tag(left: str, right: str) -> None:
    plain = tag_slug(f"{left} {right}")
    assert tag_slug(f"{left}\u3000\ufeff\u2028{right}") == plain
    assert tag_slug(f"{left}\u00a0{right}") == plain
    assert tag_slug(left + "\u200b" + right) == tag_slug(left + right)
    assert tag_slug(unicodedata.normalize("NFD", left)) == tag_slug(left)
    assert tag_slug(unicodedata.normalize("NFC", left)) == tag_slug(left)


@given(st.lists(tags, max_size=8))
def test_data_tags_split_the_same_everywhere(written: list[str]) -> None:
    value = data_attributes(resource("a", written)).get("data-tags", "")
    slugs = list(tag_slugs(written))
    # the script's split, Python's, JavaScript's \s, HTML's ~= all agree
    assert value.split(TAG_SEPARATOR) == (slugs or [""])
    assert value.split() == slugs
    assert js_split(value) == slugs
    assert re.split(f"[{_HTML_SPACES}]+", value) == (slugs or [""])
    # one slug once, each from the tag first written with it
    assert len(set(slugs)) == len(slugs)
    for slug, tag in tag_slugs(written).items():
        assert tag_slug(tag) == slug
        assert written.index(tag) == min(
            i for i, other in enumerate(written) if tag_slug(other) == slug
        )


@given(st.lists(st.lists(tags, max_size=5), min_size=1, max_size=6))
def test_facet_values_are_the_cards_tokens(entries: list[list[str]]) -> None:
    resources = [resource(f"r{i}", written) for i, written in enumerate(entries)]
    tokens = [
        set(data_attributes(r).get("data-tags", "").split(TAG_SEPARATOR)) - {""}
        for r in resources
    ]
    offered = {f["name"]: f for f in facets(resources)}
    everywhere = set().union(*tokens)
    if "tags" not in offered:
        # only when no button could narrow the list
        assert len(everywhere) <= 1 and all(t == everywhere for t in tokens)
        return
    values = [value for value, _label in offered["tags"]["values"]]
    assert len(values) == len(set(values))
    assert set(values) == everywhere
    for value, label in offered["tags"]["values"]:
        assert tag_slug(label) == value


# -- the pages -------------------------------------------------------------------

#: The entries of ``test-sec-tags`` and their slugs, in file order.
SLUGS = {
    "Plain": ["deeplearning", "c++", "strasse"],
    "Byte order mark": ["deeplearning", "r&d"],
    "Zero width space": ["deeplearning", "100%-#1-a=b"],
    "Sigma": ["οδοσ", "naïve"],
    "Final sigma": ["οδοσ", "naïve"],
    "Separators": [
        "line-sep",
        "no-break",
        "ideo-graphic",
        "ogham-mark",
        "mongolianvowel",
    ],
    "Emoji": ["🐍-python", "line-sep", "strasse"],
    "Invisible": [],
    "Untagged": [],
}
TITLES = list(SLUGS)
#: The tag buttons and group headings: one per slug, as first written, in
#: alphabetical order.
FIRST_WRITTEN = {
    "100%-#1-a=b": "100% #1 a=b",
    "c++": "C++",
    "deeplearning": "DeepLearning",
    "ideo-graphic": "ideo graphic",
    "line-sep": "line sep",
    "mongolianvowel": "mongolian\u180evowel",
    "naïve": "nai\u0308ve",
    "no-break": "no break",
    "ogham-mark": "ogham mark",
    "r&d": "R&D",
    "strasse": "Straße",
    "οδοσ": "ΟΔΟΣ",
    "🐍-python": "🐍 Python",
}
LIST = "readinglist-tags"


def with_tags(*slugs: str) -> list[str]:
    return [title for title, own in SLUGS.items() if set(own) & set(slugs)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir, warnings = build_copy(
        ROOTS / "test-sec-tags", tmp_path_factory.mktemp("sec-tags") / "src"
    )
    assert_only_the_invisible_tag(warnings)
    return outdir


def page_of(outdir: Path, docname: str) -> BeautifulSoup:
    text = (outdir / f"{docname}.html").read_text(encoding="utf-8")
    return BeautifulSoup(text, "html.parser")


def titles(root: Any) -> list[str]:
    return [t.get_text() for t in root.select(".readinglist-title")]


@pytest.mark.parametrize(("docname", "prefix"), [("index", ""), ("markdown", "md-")])
def test_cards_and_filter_agree(built: Path, docname: str, prefix: str) -> None:
    page = page_of(built, docname)
    filtered = page.select_one(f"#{LIST}")
    assert filtered is not None
    cards = filtered.select("article.readinglist-card")
    assert titles(filtered) == TITLES
    assert [str(card.get("data-tags", "")).split(TAG_SEPARATOR) for card in cards] == [
        own or [""] for own in SLUGS.values()
    ]
    # the badges show the tags as written (the loader folds Python spaces)
    badges = [t.get_text() for t in cards[1].select(".readinglist-tag")]
    assert badges == ["deep\ufefflearning", "R&D"]
    # a tag of only invisible characters is left out: no empty badge
    assert cards[7].select(".readinglist-tag") == []
    placeholder = filtered.select_one(".readinglist-filter")
    assert placeholder is not None
    config = json.loads(str(placeholder["data-readinglist-filter"]))
    (facet,) = config["facets"]
    assert facet["attribute"] == "data-tags"
    # one button per slug, labelled as first written, exactly the cards' tokens
    assert facet["values"] == [list(pair) for pair in FIRST_WRITTEN.items()]
    tokens = {token for own in SLUGS.values() for token in own}
    assert {value for value, _label in facet["values"]} == tokens


@pytest.mark.parametrize(("docname", "prefix"), [("index", ""), ("markdown", "md-")])
def test_group_by_tag_and_select_by_tag_use_the_slug(
    built: Path, docname: str, prefix: str
) -> None:
    page = page_of(built, docname)
    grouped = page.select_one(f"#{prefix}by-tag")
    assert grouped is not None
    headings = [h.get_text() for h in grouped.select(".readinglist-group")]
    assert headings == [*FIRST_WRITTEN.values(), "Untagged"]
    grids = grouped.select("ul.readinglist-grid")
    assert len(grids) == len(headings)
    for slug, grid in zip(FIRST_WRITTEN, grids, strict=False):
        assert titles(grid) == with_tags(slug), slug
    # a tag with no visible character is no tag
    assert titles(grids[-1]) == ["Invisible", "Untagged"]

    def selected(name: str) -> list[str]:
        found = page.select_one(f"#{prefix}{name}")
        assert found is not None
        return titles(found)

    # :tags: DEEPLEARNING
    assert selected("deeplearning") == with_tags("deeplearning")
    assert with_tags("deeplearning") == ["Plain", "Byte order mark", "Zero width space"]
    # :tags: οδος, LINE-SEP (final sigma, a tag written with U+2028)
    assert selected("sigma-or-line") == ["Sigma", "Final sigma", "Separators", "Emoji"]
    # :tags: strasse IDEO-GRAPHIC
    assert selected("strasse") == ["Plain", "Separators", "Emoji"]


# -- in the browser ----------------------------------------------------------------


@pytest.fixture(scope="module")
def tags_site(site: tuple[Path, str]) -> str:
    """The test-sec-tags root, served: its base URL."""
    root, base = site
    _outdir, warnings = build_copy(ROOTS / "test-sec-tags", root / "sec-tags")
    assert_only_the_invisible_tag(warnings)
    return f"{base}/sec-tags/_build/html"


def tag_buttons(page: Page) -> Any:
    return page.locator(f"#{LIST} .readinglist-filter-tags button")


def pressed(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        f"#{LIST} .readinglist-filter-tags button[aria-pressed=true]",
        "els => els.map(e => e.dataset.value)",
    )


@pytest.mark.parametrize("docname", ["index", "markdown"])
def test_each_button_shows_its_cards_and_the_url_restores_it(
    browser: Browser, tags_site: str, docname: str
) -> None:
    url = f"{tags_site}/{docname}.html"
    page = tb.open_page(browser, url)
    buttons = tag_buttons(page)
    values = buttons.evaluate_all("els => els.map(e => e.dataset.value)")
    # the label, before the button's count
    labels = buttons.evaluate_all("els => els.map(e => e.firstChild.data)")
    assert values == list(FIRST_WRITTEN)
    assert labels == list(FIRST_WRITTEN.values())
    shared = {}
    for i, slug in enumerate(values):
        buttons.nth(i).click()
        assert pressed(page) == [slug]
        assert tb.visible_titles(page, LIST) == with_tags(slug), slug
        # the URL carries the exact slug, whatever a URL encodes
        assert tb.query_of(page) == {f"{LIST}.tags": slug}
        shared[slug] = page.url
        buttons.nth(i).click()
        assert tb.visible_titles(page, LIST) == TITLES
    tb.close(page)

    for slug, link in shared.items():
        page = tb.open_page(browser, link)
        assert pressed(page) == [slug], link
        assert tb.visible_titles(page, LIST) == with_tags(slug), link
        tb.close(page)


def test_several_pressed_tags_restore_exactly(browser: Browser, tags_site: str) -> None:
    page = tb.open_page(browser, f"{tags_site}/index.html")
    chosen = ["οδοσ", "🐍-python", "100%-#1-a=b", "r&d"]
    for slug in chosen:
        tag_buttons(page).nth(list(FIRST_WRITTEN).index(slug)).click()
    expected = with_tags(*chosen)
    assert expected == [
        "Byte order mark",
        "Zero width space",
        "Sigma",
        "Final sigma",
        "Emoji",
    ]
    assert tb.visible_titles(page, LIST) == expected
    in_order = [slug for slug in FIRST_WRITTEN if slug in chosen]
    assert tb.query_of(page) == {f"{LIST}.tags": TAG_SEPARATOR.join(in_order)}
    url = page.url
    tb.close(page)

    page = tb.open_page(browser, url)
    assert pressed(page) == in_order
    assert tb.visible_titles(page, LIST) == expected
    assert tb.status(page, LIST) == f"{len(expected)} of {len(TITLES)} resources"
    tb.close(page)

    # the script compares the slugs Python wrote and never folds: a tag as
    # written (ΟΔΟΣ) is not a value, its slug (r&d) is
    page = tb.open_page(
        browser, f"{tags_site}/index.html?{LIST}.tags=%CE%9F%CE%94%CE%9F%CE%A3+r%26d"
    )
    assert pressed(page) == ["r&d"]
    assert tb.visible_titles(page, LIST) == with_tags("r&d")
    tb.close(page)
