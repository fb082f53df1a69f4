"""The tag pages, the index of resources and the JSON-LD in headless Chromium.

``tests/roots/test-themes`` built with tag pages on, in every theme of
:data:`~tests._browser.THEMES`, light and dark (alabaster and
sphinx-rtd-theme have no dark mode: they stay light): axe-core finds
nothing on ``tags/index.html``, on a tag page, nor on a page with cards,
linked badges and its JSON-LD that the page without cards does not have,
nor on ``readinglist-index.html`` that Sphinx's own ``py-modindex.html``
(the same template) does not have; no id is used twice. A badge leads to
its tag page, a tag page's card to the card it stands for, the tags are
reached with the keyboard with a visible focus, the pages work without
JavaScript, and their cards fit the column on a phone and on a desktop.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from . import _browser
from ._browser import (
    FOCUS_RING,
    LAYOUT,
    THEMES,
    WIDTHS,
    Axe,
    build_theme_site,
    close,
    has_dark_mode,
    is_dark,
    open_page,
    settle,
)
from ._sphinx import ROOTS

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser, Page

#: The shared fixtures, used by name.
browser = _browser.browser
site = _browser.site

#: A tag of two cards, one with every part of a card.
LAYOUT_TAG = "layout"
#: A tag of one card whose title is one long word.
LONG_TAG = "a-tag-that-is-one-single-very-long-word-without-spaces"
#: The labels of the tags, as tags/index.html lists them.
TAGS = [
    LONG_TAG,
    "colours",
    "dark-mode",
    "images",
    "layout",
    "long tags with several words",
    "overflow",
]
#: What of a domain index is the extension's: Sphinx's template, or furo's.
INDEX = (
    "table.indextable, .modindex-jumpbox, table.domainindex-table, .domainindex-jumpbox"
)
#: The pages of issue 17: what of each is the extension's, and the page
#: that tells what is the theme's (the same without the extension's part).
PAGES = {
    "tags/index": ("section.readinglist-tag-index", "plain"),
    f"tags/{LAYOUT_TAG}": ("section.readinglist-tag-page", "plain"),
    "readinglist-index": (INDEX, "py-modindex"),
}
#: The entries of the index of resources.
INDEX_LINKS = "table.indextable a, table.domainindex-table a"


#: A page that makes Sphinx write its own index of Python modules, with the
#: template of the index of resources: what the theme does to that template
#: is the theme's.
MODULES = """:orphan:

Modules
=======

.. py:module:: readinglist_example

   A module, for Sphinx's index of modules.
"""


@pytest.fixture(scope="module", params=THEMES)
def tag_site(request: pytest.FixtureRequest, site: tuple[Path, str]) -> tuple[str, str]:
    """tests/roots/test-themes with tag pages, in a theme: the theme and its URL."""
    theme: str = request.param
    url = build_theme_site(
        site,
        theme,
        ROOTS / "test-themes",
        f"tags-{theme}",
        files={"modules.rst": MODULES},
        readinglist_tag_pages=True,
        readinglist_index=True,
        readinglist_structured_data=True,
    )
    return theme, url


def open_all(page: Page) -> None:
    """Open every abstract and author list."""
    page.evaluate(
        "() => document.querySelectorAll('details').forEach(d => d.open = true)"
    )


def titles(page: Page) -> list[str]:
    """The titles of the cards shown on the page, in order."""
    shown: list[str] = page.eval_on_selector_all(
        ".readinglist-card .readinglist-title",
        "els => els.filter(e => e.getClientRects().length)"
        ".map(e => e.textContent.trim())",
    )
    return shown


# -- axe-core -------------------------------------------------------------------

#: axe-core on the pages that tell what is the theme's, by site, scheme and page.
_THEIRS: dict[tuple[str, bool, str], Axe] = {}


def theirs(browser: Browser, tag_site: tuple[str, str], dark: bool, name: str) -> Axe:
    """axe-core's findings on the page ``name`` of the theme's, run once."""
    theme, url = tag_site
    key = (url, dark, name)
    if key not in _THEIRS:
        page = open_page(browser, f"{url}/{name}.html", dark=dark, theme=theme)
        _THEIRS[key] = Axe(page)
        close(page, theirs=True)
    return _THEIRS[key]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_nothing_on_the_tag_pages_and_the_index(
    browser: Browser, tag_site: tuple[str, str], dark: bool
) -> None:
    theme, url = tag_site
    for name, (ours, baseline_name) in PAGES.items():
        page = open_page(browser, f"{url}/{name}.html", dark=dark, theme=theme)
        assert page.locator(ours).count() >= 1, name
        assert is_dark(page, ours) == (dark and has_dark_mode(theme)), name
        open_all(page)
        ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
        assert len(ids) == len(set(ids)), name
        baseline = theirs(browser, tag_site, dark, baseline_name)
        result = Axe(page, baseline, ours=ours)
        assert result.ours == [], name
        # nor anything elsewhere on the page that the theme's page lacks
        assert result.rules <= baseline.rules, name
        close(page)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_nothing_on_cards_with_linked_badges_and_json_ld(
    browser: Browser, tag_site: tuple[str, str], dark: bool
) -> None:
    theme, url = tag_site
    baseline = theirs(browser, tag_site, dark, "plain")
    page = open_page(browser, f"{url}/cards.html", dark=dark, theme=theme)
    scripts = page.eval_on_selector_all(
        "script[type='application/ld+json']", "els => els.map(e => e.textContent)"
    )
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@type"] == "ItemList"
    names = {item["item"]["name"] for item in data["itemListElement"]}
    assert "A Blog Post on Dark Mode Colours" in names
    # the tag badges are links, in the theme's light or dark colours
    assert page.locator(".readinglist-card a > .readinglist-tag").count() > 10
    assert is_dark(page) == (dark and has_dark_mode(theme))
    open_all(page)
    result = Axe(page, baseline)
    assert result.ours == []
    assert result.rules <= baseline.rules
    close(page)


# -- what the pages do ----------------------------------------------------------


def test_a_badge_leads_to_its_tag_page(
    browser: Browser, tag_site: tuple[str, str]
) -> None:
    theme, url = tag_site
    page = open_page(browser, f"{url}/cards.html", theme=theme)
    badge = page.locator("#readinglist-cards #blog-post a", has_text="dark-mode")
    assert badge.count() == 1
    with page.expect_navigation():
        badge.click()
    assert page.url == f"{url}/tags/dark-mode.html"
    assert page.locator(".readinglist-tag-page h1").inner_text() == "Tagged dark-mode"
    assert titles(page) == ["A Blog Post on Dark Mode Colours"]
    close(page)


#: Whether the target of the address's fragment is in the window, its top
#: not under a fixed or sticky header (what is there is inside it).
IN_VIEW = """() => {
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!target) return false;
  const box = target.getBoundingClientRect();
  const top = document.elementFromPoint(box.left + Math.min(box.width / 2, 20), box.top + 2);
  return box.top >= -1 && box.top < innerHeight && Boolean(top && target.contains(top));
}"""


def scrolled_to_target(page: Page) -> None:
    """Wait until the target of the address is in view: some themes scroll
    to it once their script has laid the page out. Fails after 5 s.

    Polled from here: with JavaScript off, the page runs no polling of
    Playwright's.
    """
    for _ in range(50):
        if page.evaluate(IN_VIEW):
            return
        page.wait_for_timeout(100)
    pytest.fail(f"{page.url}: the target is not in view")


def test_a_card_of_a_tag_page_lands_on_the_card_it_stands_for(
    browser: Browser, tag_site: tuple[str, str]
) -> None:
    theme, url = tag_site
    page = open_page(browser, f"{url}/tags/colours.html", theme=theme)
    links = page.eval_on_selector_all(
        ".readinglist-shown-on a", "els => els.map(e => e.getAttribute('href'))"
    )
    assert links == ["../cards.html#blog-post", "../cards.html#dead-link"]
    for index, href in enumerate(links):
        with page.expect_navigation():
            page.locator(".readinglist-shown-on a").nth(index).click()
        assert page.url == f"{url}/{href.removeprefix('../')}"
        scrolled_to_target(page)
        page.go_back()
    close(page)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_tags_are_reached_by_keyboard_with_a_visible_focus(
    browser: Browser, tag_site: tuple[str, str], dark: bool
) -> None:
    theme, url = tag_site
    page = open_page(browser, f"{url}/tags/index.html", dark=dark, theme=theme)
    hrefs = page.eval_on_selector_all(
        "ul.readinglist-tag-list a", "els => els.map(e => e.href)"
    )
    labels = page.eval_on_selector_all(
        "ul.readinglist-tag-list a", "els => els.map(e => e.textContent)"
    )
    assert labels == TAGS
    # from the heading, Tab goes through the tags in order, each with a ring
    page.locator("section.readinglist-tag-index h1").click()
    seen = []
    for _ in TAGS:
        page.keyboard.press("Tab")
        seen.append(
            {
                **page.evaluate(FOCUS_RING),
                "href": page.evaluate("document.activeElement.href"),
            }
        )
    assert [focus["href"] for focus in seen] == hrefs
    assert all(focus["visible"] for focus in seen), seen
    # and Enter follows the link
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == hrefs[-1]
    close(page)


def test_the_pages_work_without_javascript(
    browser: Browser, tag_site: tuple[str, str]
) -> None:
    theme, url = tag_site
    page = open_page(browser, f"{url}/tags/index.html", theme=theme, javascript=False)
    assert page.locator("ul.readinglist-tag-list a:visible").count() == len(TAGS)
    with page.expect_navigation():
        page.locator("ul.readinglist-tag-list a", has_text=LAYOUT_TAG).first.click()
    assert page.url == f"{url}/tags/{LAYOUT_TAG}.html"
    assert titles(page) == [
        "A Card With Every Part, Including an Image and Translations",
        "A Short One",
    ]
    with page.expect_navigation():
        page.locator(".readinglist-shown-on a").first.click()
    assert page.url == f"{url}/cards.html#everything"
    scrolled_to_target(page)
    page.goto(f"{url}/readinglist-index.html")
    entries = page.locator(INDEX_LINKS)
    assert entries.count() == 6
    assert all(entries.nth(index).is_visible() for index in range(6))
    with page.expect_navigation():
        entries.first.click()
    assert page.url == f"{url}/cards.html#blog-post"
    scrolled_to_target(page)
    close(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_cards_fit_the_column_on_a_tag_page(
    browser: Browser, tag_site: tuple[str, str], width: int
) -> None:
    theme, url = tag_site
    for tag in (LAYOUT_TAG, LONG_TAG):
        page = open_page(browser, f"{url}/tags/{tag}.html", width=width, theme=theme)
        settle(page)
        result = page.evaluate(LAYOUT, "section.readinglist-tag-page")
        assert result["problems"] == [], tag
        # the cards widen nothing: the page without them is as wide
        page.evaluate(
            "() => document.querySelectorAll('ul.readinglist-grid')"
            ".forEach(e => { e.style.display = 'none'; })"
        )
        settle(page)
        without = page.evaluate("() => document.documentElement.scrollWidth")
        assert result["scrollWidth"] <= max(width, without), tag
        close(page)
