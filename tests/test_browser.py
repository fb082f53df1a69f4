"""The web page in headless Chromium: the filter, themes, dark mode, a11y.

Pages are built by Sphinx, served over HTTP on the loopback interface, and
driven with Playwright using the system's Chromium (no browser download).

- The filter (``:filter:``) of ``tests/roots/test-filter``: controls built by
  the script only, filtering by kind, level, tag and text, state in the URL,
  several lists on a page, the live region, keyboard use, thousands of cards.
- Every theme of :data:`THEMES`, light and dark, with
  ``tests/roots/test-themes`` (cards that push the layout, and ``plain.html``,
  the same page without cards): no card sticks out of the content column at
  a phone's or a desktop's width, focus is visible, and axe-core finds
  nothing in the cards, nor anything on the page that the page without
  cards does not have.
- axe-core on the showcase (``docs/useful-resources/``) in every theme.
- The screenshots of ``scripts/screenshot.py``, taken again and compared with
  the committed pictures, pixel by pixel within a small tolerance.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup

from sphinx_readinglist.filter import labels as filter_labels
from sphinx_readinglist.filter import tag_slug

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
    load_screenshot_script,
    open_page,
    require_theme,
    settle,
)
from ._png import difference, read_png
from ._sphinx import (
    DOCS,
    ISOLATED_THEMES,
    REPO,
    ROOTS,
    build,
    build_copy,
    copy_docs_project,
    write_project,
)
from ._tools import load_script
from .test_html_validity import fragment_document, vnu_errors

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route


#: The test-filter root: eight entries, two filtered lists of them, one list
#: without a filter, and a filtered list from a directive body.
ALL = "readinglist-reading"
GROUPED = "by-level"
BODY = "readinglist"
TITLES = [
    "Deep learning",
    "Long Short-Term Memory",
    "Understanding LSTM Networks",
    "The Unreasonable Effectiveness of Recurrent Neural Networks",
    "Neural Networks and Deep Learning",
    "Convolutional Neural Networks for Visual Recognition",
    "Deep Learning",
    "Learning with Kernels",
]


# -- infrastructure -----------------------------------------------------------


#: The shared fixtures, used by name.
browser = _browser.browser
site = _browser.site


@pytest.fixture(scope="module")
def filter_site(site: tuple[Path, str]) -> str:
    """The test-filter root, built with the default theme: its base URL."""
    root, base = site
    _outdir, warnings = build_copy(ROOTS / "test-filter", root / "filter")
    assert warnings == []
    return f"{base}/filter/_build/html"


def visible_titles(page: Page, list_id: str) -> list[str]:
    return page.eval_on_selector_all(
        f"#{list_id} .readinglist-item:not([hidden]) .readinglist-title",
        "els => els.map(e => e.textContent.trim())",
    )


def status(page: Page, list_id: str) -> str:
    return page.inner_text(f"#{list_id} [role=status]").strip()


def button(page: Page, list_id: str, value: str) -> Any:
    return page.locator(f"#{list_id} .readinglist-filter button[data-value='{value}']")


def query_of(page: Page) -> dict[str, str]:
    from urllib.parse import parse_qsl, urlsplit

    return dict(parse_qsl(urlsplit(page.url).query))


# -- the filter ---------------------------------------------------------------


def test_without_javascript_every_card_shows_and_no_control(
    browser: Browser, filter_site: str
) -> None:
    page = open_page(browser, f"{filter_site}/index.html", javascript=False)
    assert len(visible_titles(page, ALL)) == len(TITLES)
    assert page.locator(".readinglist-card:visible").count() == 2 * 8 + 3 + 2
    # nothing to click that would do nothing
    assert page.locator(".readinglist-filter:visible").count() == 0
    assert page.locator(".readinglist button, .readinglist input").count() == 0
    close(page)


def test_filter_by_kind_level_tag_and_text(browser: Browser, filter_site: str) -> None:
    page = open_page(browser, f"{filter_site}/index.html")
    assert visible_titles(page, ALL) == TITLES
    assert status(page, ALL) == "8 of 8 resources"

    button(page, ALL, "book").click()
    assert button(page, ALL, "book").get_attribute("aria-pressed") == "true"
    assert visible_titles(page, ALL) == [
        "Neural Networks and Deep Learning",
        "Deep Learning",
        "Learning with Kernels",
    ]
    assert status(page, ALL) == "3 of 8 resources"
    # a second kind widens; a level narrows
    button(page, ALL, "course").click()
    assert len(visible_titles(page, ALL)) == 4
    button(page, ALL, "advanced").click()
    assert visible_titles(page, ALL) == ["Deep Learning", "Learning with Kernels"]
    # a tag narrows across facets; two tags widen within theirs
    page.click(f"#{ALL} .readinglist-filter-clear")
    assert len(visible_titles(page, ALL)) == 8
    button(page, ALL, "lstm").click()
    assert visible_titles(page, ALL) == [
        "Long Short-Term Memory",
        "Understanding LSTM Networks",
    ]
    button(page, ALL, "cnn").click()
    assert len(visible_titles(page, ALL)) == 3
    # a tag with a space is one value
    page.click(f"#{ALL} .readinglist-filter-clear")
    button(page, ALL, tag_slug("Sequence Models")).click()
    assert visible_titles(page, ALL) == ["Understanding LSTM Networks"]
    page.click(f"#{ALL} .readinglist-filter-clear")

    search = page.locator(f"#{ALL} input[type=search]")
    cases = {
        # title, authors, description and tags, any case, every word
        "deep learning": [
            "Deep learning",
            "Neural Networks and Deep Learning",
            "Convolutional Neural Networks for Visual Recognition",  # its tag
            "Deep Learning",
        ],
        "HINTON": ["Deep learning"],
        "gates time": ["Long Short-Term Memory"],
        "karpathy": [
            "The Unreasonable Effectiveness of Recurrent Neural Networks",
            "Convolutional Neural Networks for Visual Recognition",
        ],
        # accents do not matter, either way round
        "scholkopf": ["Learning with Kernels"],
        "Schölkopf": ["Learning with Kernels"],
        "jurgen": ["Long Short-Term Memory"],
        # venues, tags (their labels) and addresses too; not kinds
        "nature": ["Deep learning"],
        "sequence models": ["Understanding LSTM Networks"],
        "example.org/lstm": ["Long Short-Term Memory"],
        "blog": [],
        "zzz": [],
        "": TITLES,
    }
    for text, expected in cases.items():
        search.fill(text)
        assert visible_titles(page, ALL) == expected, text
    search.fill("learning")
    button(page, ALL, "book").click()
    assert visible_titles(page, ALL) == [
        "Neural Networks and Deep Learning",
        "Deep Learning",
        "Learning with Kernels",
    ]
    page.click(f"#{ALL} .readinglist-filter-clear")
    assert search.input_value() == ""
    assert visible_titles(page, ALL) == TITLES
    assert page.locator(f"#{ALL} button[aria-pressed=true]").count() == 0
    close(page)


def test_facets_are_those_of_the_list(browser: Browser, filter_site: str) -> None:
    page = open_page(browser, f"{filter_site}/index.html")

    def values(list_id: str, facet: str) -> list[str]:
        return page.eval_on_selector_all(
            f"#{list_id} .readinglist-filter-{facet} button",
            "els => els.map(e => e.dataset.value)",
        )

    assert values(ALL, "kind") == ["paper", "book", "course", "blog"]
    assert values(ALL, "level") == ["beginner", "intermediate", "advanced"]
    assert values(ALL, "tags") == [
        "cnn",
        "deep-learning",
        "kernels",
        "lstm",
        "review",
        "rnn",
        "sequence-models",
    ]
    # the body list has no level: no level facet
    assert values(BODY, "kind") == ["paper", "video"]
    assert page.locator(f"#{BODY} .readinglist-filter-level").count() == 0
    # labels are the cards' own, as written, then the count
    label = button(page, ALL, "sequence-models").evaluate("e => e.firstChild.data")
    assert label == "Sequence Models"
    close(page)


def test_tag_values_match_the_cards(tmp_path: Path) -> None:
    """Each facet offers exactly the tokens its list's cards carry, every card's
    tokens are among them, and the label of a tag is the tag as written."""
    outdir, warnings = build_copy(ROOTS / "test-filter", tmp_path / "filter")
    assert warnings == []
    lists = BeautifulSoup(
        (outdir / "index.html").read_text(encoding="utf-8"), "html.parser"
    ).select(".readinglist-filterable")
    assert [block["id"] for block in lists] == [ALL, GROUPED, BODY]
    for block in lists:
        config = json.loads(
            block.select_one("[data-readinglist-filter]")["data-readinglist-filter"]
        )
        assert config["list"] == block["id"]
        cards = block.select(".readinglist-card")
        assert cards
        for facet in config["facets"]:
            offered = [value for value, _label in facet["values"]]
            carried = [
                token
                for card in cards
                for token in card.get(facet["attribute"], "").split()
            ]
            assert offered, facet["name"]
            assert sorted(set(carried)) == sorted(offered), (block["id"], facet)
            assert len(set(offered)) == len(offered)
    tags = json.loads(
        lists[0].select_one("[data-readinglist-filter]")["data-readinglist-filter"]
    )["facets"][-1]
    assert tags["name"] == "tags"
    assert ["sequence-models", "Sequence Models"] in tags["values"]


def test_state_is_kept_in_the_url(browser: Browser, filter_site: str) -> None:
    page = open_page(browser, f"{filter_site}/index.html#grouped-by-level")
    button(page, ALL, "blog").click()
    button(page, ALL, "rnn").click()
    button(page, ALL, "lstm").click()
    page.fill(f"#{ALL} input[type=search]", "olah")
    button(page, GROUPED, "advanced").click()
    expected = ["Understanding LSTM Networks"]
    assert visible_titles(page, ALL) == expected
    query = query_of(page)
    assert query == {
        f"{ALL}.kind": "blog",
        # in the facet's order, whatever the order of the clicks
        f"{ALL}.tags": "lstm rnn",
        f"{ALL}.q": "olah",
        f"{GROUPED}.level": "advanced",
    }
    # the section anchor stays
    assert page.url.endswith("#grouped-by-level")
    url = page.url
    close(page)

    # a shared link opens the same view
    page = open_page(browser, url)
    assert visible_titles(page, ALL) == expected
    assert page.locator(f"#{ALL} input[type=search]").input_value() == "olah"
    for value in ("blog", "rnn", "lstm"):
        assert button(page, ALL, value).get_attribute("aria-pressed") == "true"
    assert button(page, ALL, "paper").get_attribute("aria-pressed") == "false"
    assert status(page, ALL) == "1 of 8 resources"
    assert visible_titles(page, GROUPED) == [
        "Long Short-Term Memory",
        "Deep Learning",
        "Learning with Kernels",
    ]
    assert len(visible_titles(page, BODY)) == 2
    # clearing one list leaves the other's state
    page.click(f"#{ALL} .readinglist-filter-clear")
    assert query_of(page) == {f"{GROUPED}.level": "advanced"}
    page.click(f"#{GROUPED} .readinglist-filter-clear")
    assert query_of(page) == {}
    assert page.url.endswith("/index.html#grouped-by-level")
    close(page)

    # unknown values are ignored, and other parameters are left alone
    page = open_page(
        browser,
        f"{filter_site}/index.html?{ALL}.kind=book+podcast&{ALL}.tags=nope&other=1",
    )
    assert len(visible_titles(page, ALL)) == 3
    assert query_of(page)["other"] == "1"
    close(page)


def test_several_lists_on_a_page_are_independent(
    browser: Browser, filter_site: str
) -> None:
    page = open_page(browser, f"{filter_site}/index.html")
    button(page, BODY, "video").click()
    assert visible_titles(page, BODY) == ["Body entry two"]
    assert len(visible_titles(page, ALL)) == 8
    assert len(visible_titles(page, GROUPED)) == 8
    # the list without a filter is never touched
    assert (
        page.locator(".readinglist:not(.readinglist-filterable) [hidden]").count() == 0
    )
    # ids are unique on the page
    ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
    assert len(ids) == len(set(ids))
    close(page)


def test_grouped_list_hides_empty_groups(browser: Browser, filter_site: str) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, f"{filter_site}/index.html")
    groups = f"#{GROUPED} .readinglist-group"
    assert page.locator(f"{groups}:visible").count() == 4  # three levels, "Any level"
    button(page, GROUPED, "course").click()
    assert page.eval_on_selector_all(
        f"{groups}:not([hidden])", "els => els.map(e => e.textContent.trim())"
    ) == ["Any level"]
    assert page.locator(f"#{GROUPED} ul.readinglist-grid:visible").count() == 1
    page.fill(f"#{GROUPED} input[type=search]", "zzz")
    assert page.locator(f"{groups}:visible").count() == 0
    expect(page.locator(f"#{GROUPED} [role=status]")).to_have_text("0 of 8 resources")
    close(page)


def test_a_live_region_announces_the_count(browser: Browser, filter_site: str) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, f"{filter_site}/index.html")
    region = page.locator(f"#{ALL} [role=status]")
    # a status region is polite: it speaks when the user pauses
    assert region.get_attribute("role") == "status"
    button(page, ALL, "paper").click()
    expect(region).to_have_text("2 of 8 resources")
    # typing is announced once it settles, not at every key
    page.locator(f"#{ALL} input[type=search]").press_sequentially("gates")
    expect(region).to_have_text("1 of 8 resources")
    close(page)


def test_keyboard_order_and_toggling(browser: Browser, filter_site: str) -> None:
    page = open_page(browser, f"{filter_site}/index.html")
    focusables = page.eval_on_selector_all(
        f"#{ALL} input, #{ALL} button, #{ALL} a[href], #{ALL} summary",
        "els => els.filter(e => !e.closest('[hidden]'))"
        ".map(e => e.dataset.value || e.className || e.textContent.trim())",
    )

    def focused() -> str:
        return page.evaluate(
            "() => { const e = document.activeElement;"
            " return e.dataset.value || e.className || e.textContent.trim(); }"
        )

    page.focus(f"#{ALL} input[type=search]")
    order = [focused()]
    for _ in range(len(focusables) - 1):
        page.keyboard.press("Tab")
        order.append(focused())
    # the controls, then each card's links, in reading order
    assert order == focusables
    assert order[:5] == ["readinglist-filter-search", "paper", "book", "course", "blog"]
    assert order[-8:] == ["reference external"] * 8

    # Space and Enter toggle a focused button
    page.focus(f"#{ALL} button[data-value=book]")
    page.keyboard.press("Space")
    assert button(page, ALL, "book").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Enter")
    assert button(page, ALL, "book").get_attribute("aria-pressed") == "false"
    page.keyboard.press("Enter")
    # hidden cards are skipped: from "Show all" to the first book
    page.focus(f"#{ALL} .readinglist-filter-clear")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == (
        "Neural Networks and Deep Learning"
    )
    # typing in the search box filters; Escape-free: the text is plain input
    page.focus(f"#{ALL} input[type=search]")
    page.keyboard.type("kernels")
    assert visible_titles(page, ALL) == ["Learning with Kernels"]
    close(page)


def test_screen_readers_hear_a_list_of_titled_cards(
    browser: Browser, filter_site: str
) -> None:
    page = open_page(browser, f"{filter_site}/index.html")
    tree = page.locator(f"#{ALL} ul.readinglist-grid").aria_snapshot()
    lines = tree.splitlines()
    assert lines[0] == "- list:"
    items = [i for i, line in enumerate(lines) if line == "  - listitem:"]
    assert len(items) == 8
    for index, title in zip(items, TITLES, strict=True):
        # one item, one article named by its title, the title read first
        assert lines[index + 1] == f'    - article "{title}":'
        assert lines[index + 2] == "      - paragraph:"
        assert lines[index + 3] == f'        - link "{title}":'
    controls = page.locator(f"#{ALL} .readinglist-filter").aria_snapshot()
    assert controls.startswith('- group "Filter the resources":')
    assert '- searchbox "Search"' in controls
    assert '- group "Kind":' in controls
    button(page, ALL, "paper").click()
    controls = page.locator(f"#{ALL} .readinglist-filter").aria_snapshot()
    # a button's name ends with its count of cards
    assert '- button "Paper 2" [pressed]' in controls
    close(page)


def test_filter_controls_are_valid_html(
    browser: Browser, filter_site: str, tmp_path: Path
) -> None:
    page = open_page(browser, f"{filter_site}/index.html")
    button(page, GROUPED, "book").click()
    fragments = page.eval_on_selector_all(
        "div.readinglist", "els => els.map(e => e.outerHTML)"
    )
    close(page)
    path = tmp_path / "filtered.html"
    path.write_text(fragment_document(fragments, "filtered"), encoding="utf-8")
    assert vnu_errors([path]) == []


def test_labels_come_from_python_translated(site: tuple[Path, str]) -> None:
    root, _base = site
    outdir, warnings = build_copy(
        ROOTS / "test-filter", root / "filter-fr", confoverrides={"language": "fr"}
    )
    assert warnings == []
    soup = BeautifulSoup(
        (outdir / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    placeholder = soup.select_one(f"#{ALL}-filter")
    assert placeholder is not None
    assert placeholder.has_attr("hidden")
    config = json.loads(str(placeholder["data-readinglist-filter"]))
    assert config["list"] == ALL
    assert set(config["labels"]) == set(filter_labels())
    assert config["labels"]["search"] == "Rechercher"
    assert config["labels"]["status"] == "{shown} sur {total} ressources"
    assert config["facets"][0]["label"] == "Type"
    kinds = dict(config["facets"][0]["values"])
    assert kinds["book"] == "Livre"  # the card badges' own translation
    # the script is loaded on this page only, deferred
    scripts = [s for s in soup.select("script[src]") if "readinglist.js" in s["src"]]
    assert len(scripts) == 1
    assert scripts[0].has_attr("defer")
    markdown = (outdir / "markdown.html").read_text(encoding="utf-8")
    assert "readinglist.js" not in markdown


def load_filter_benchmark() -> Any:
    return load_script("benchmarks/filter.py")


#: Changes of the filter, each followed by the number of cards it shows
#: once drawn (a long list draws the rest of its cards in the next frames).
CHANGES = """async (id) => {
  const list = document.getElementById(id);
  const box = list.querySelector(".readinglist-filter");
  const input = box.querySelector("input");
  const said = async () => {
    while (list.classList.contains("readinglist-filter-busy")) {
      await new Promise(requestAnimationFrame);
    }
    return list.querySelectorAll(".readinglist-item:not([hidden])").length;
  };
  const type = (text) => {
    input.value = text;
    input.dispatchEvent(new Event("input"));
    return said();
  };
  const press = (value) => {
    box.querySelector(`button[data-value="${value}"]`).click();
    return said();
  };
  return [
    await type("lstm"), await type(""), await press("book"), await press("book"),
    await type("zzz"), await type(""),
  ];
}"""


def test_thousands_of_cards_filter(
    browser: Browser, filter_site: str, site: tuple[Path, str]
) -> None:
    """5,000 cards: every change, including showing them all again, shows
    what it shows with eight, and the buttons count as many times more.
    How fast: ``python benchmarks/filter.py``."""
    root, _base = site
    load_filter_benchmark().big_page(root / "filter" / "_build" / "html", 625)
    counts = (
        f"() => Array.from(document.querySelectorAll('#{ALL} .readinglist-filter-count'),"
        " (e) => Number(e.textContent))"
    )

    small = open_page(browser, f"{filter_site}/index.html")
    expected = small.evaluate(CHANGES, ALL)
    button(small, ALL, "paper").click()
    few = small.evaluate(counts)
    close(small)
    assert expected == [2, 8, 3, 8, 0, 8]
    page = open_page(browser, f"{filter_site}/big.html")
    page.wait_for_selector(f"#{ALL} .readinglist-filter:not([hidden])")
    assert status(page, ALL) == "5000 of 5000 resources"
    assert page.evaluate(CHANGES, ALL) == [625 * shown for shown in expected]
    button(page, ALL, "paper").click()
    assert page.evaluate(counts) == [625 * n for n in few]
    assert any(few)
    close(page)


# -- every theme, light and dark ----------------------------------------------


@pytest.fixture(scope="module", params=THEMES)
def theme_site(
    request: pytest.FixtureRequest, site: tuple[Path, str]
) -> tuple[str, str]:
    """tests/roots/test-themes built with a theme: the theme and its URL."""
    theme: str = request.param
    # a "More tags" toggle in the filter's tag row (7 tags)
    url = build_theme_site(
        site, theme, ROOTS / "test-themes", theme, readinglist_filter_max_tags=3
    )
    return theme, url


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_cards_fit_the_column(
    browser: Browser, theme_site: tuple[str, str], width: int, dark: bool
) -> None:
    theme, url = theme_site
    page = open_page(browser, f"{url}/cards.html", width=width, dark=dark, theme=theme)
    assert is_dark(page) == (dark and has_dark_mode(theme))
    button = page.locator(".readinglist-filter button[data-value=layout]")
    button.click()  # pressed buttons must fit too
    settle(page)  # measured once the fonts are in and the layout is done
    result = page.evaluate(LAYOUT)
    assert result["problems"] == []
    # several columns on a desktop, one on a phone
    lefts = page.eval_on_selector_all(
        "#readinglist-cards .readinglist-item:not([hidden]) .readinglist-card",
        "els => new Set(els.map(e => Math.round(e.getBoundingClientRect().left))).size",
    )
    assert lefts == (1 if width < 576 else 2)
    # the cards widen nothing: the same page, with its reading lists taken
    # out, is as wide (whatever the theme itself does at this width)
    page.evaluate(
        "() => document.querySelectorAll('div.readinglist')"
        ".forEach(e => { e.style.display = 'none'; })"
    )
    settle(page)
    without = page.evaluate("() => document.documentElement.scrollWidth")
    assert result["scrollWidth"] <= max(width, without)
    close(page)


def test_a_card_image_has_its_height_before_it_loads(
    browser: Browser, theme_site: tuple[str, str]
) -> None:
    """Nothing below a card's image moves when the image comes in, in any
    theme: a theme's own rule for its content's images (sphinx-rtd-theme's
    ``height: auto``) must not win, or a link to a card lands past it."""
    theme, url = theme_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    held: list[Route] = []
    # never answered: the image stays out
    page.route("**/*.png", lambda route: held.append(route))
    page.goto(f"{url}/cards.html", wait_until="domcontentloaded")
    image = page.locator("#readinglist-cards img.readinglist-image").first
    expected = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.readinglist'))"
        ".getPropertyValue('--readinglist-image-height')) * "
        "parseFloat(getComputedStyle(document.documentElement).fontSize)"
    )
    box = image.bounding_box()
    assert box is not None and expected > 0
    assert box["height"] == pytest.approx(expected, abs=1), theme
    assert page.evaluate(
        "() => [...document.images].every(i => !i.complete || !i.naturalWidth)"
    )
    context.close()


def test_dark_mode_by_the_system_or_the_switch(
    browser: Browser, theme_site: tuple[str, str]
) -> None:
    """The system's dark scheme, the theme's switch, or both: the same cards."""
    theme, url = theme_site
    colours = """() => [
      ".readinglist-title a", ".readinglist-kind", ".readinglist-level",
      ".readinglist-tag", ".readinglist-meta", ".readinglist-abstract > summary",
    ].map((s) => getComputedStyle(document.querySelector(s)).color)"""
    results = []
    for system, switch in ((True, False), (False, True), (True, True)):
        page = open_page(browser, f"{url}/cards.html", dark=system, theme=theme)
        if switch:
            load_screenshot_script().set_dark(page, theme)
        results.append((is_dark(page), page.evaluate(colours)))
        close(page)
    assert [dark for dark, _ in results] == [has_dark_mode(theme)] * 3
    assert results[0][1] == results[1][1] == results[2][1]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_focus_is_visible(
    browser: Browser, theme_site: tuple[str, str], dark: bool
) -> None:
    theme, url = theme_site
    page = open_page(browser, f"{url}/cards.html", dark=dark, theme=theme)
    ring = FOCUS_RING
    # from the search box to the first button, from "Show all" into the cards,
    # then on through a card: keyboard focus, so :focus-visible applies
    page.focus(".readinglist-filter input[type=search]")
    assert page.evaluate(ring)["visible"]
    seen = []
    for start in (
        ".readinglist-filter input[type=search]",
        ".readinglist-filter-clear",
    ):
        page.focus(start)
        for _ in range(4):
            page.keyboard.press("Tab")
            seen.append(page.evaluate(ring))
    assert all(focus["visible"] for focus in seen), seen
    kinds = {focus["what"].split(".")[0] for focus in seen}
    assert {"BUTTON", "A", "SUMMARY"} <= kinds, seen
    close(page)


def test_slash_focuses_the_filter_in_every_theme(
    browser: Browser, theme_site: tuple[str, str]
) -> None:
    """Themes bind keys of their own (sphinx-immaterial's search takes "/" on
    MkDocs sites): on a page with a filter, "/" is the filter's."""
    theme, url = theme_site
    page = open_page(browser, f"{url}/cards.html", theme=theme)
    page.keyboard.press("/")
    focused = page.evaluate(
        "() => [document.activeElement.closest('.readinglist-filter') !== null,"
        " document.activeElement.type, document.activeElement.value]"
    )
    assert focused == [True, "search", ""]  # focused, with no "/" typed
    # the theme's own search is left closed
    assert page.locator("[data-md-toggle=search]:checked, dialog[open]").count() == 0
    close(page)


# -- axe-core -----------------------------------------------------------------


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_nothing_in_the_cards(
    browser: Browser, theme_site: tuple[str, str], dark: bool
) -> None:
    theme, url = theme_site
    plain = open_page(browser, f"{url}/plain.html", dark=dark, theme=theme)
    baseline = Axe(plain)
    close(plain)
    page = open_page(browser, f"{url}/cards.html", dark=dark, theme=theme)
    result = Axe(page, baseline)
    assert result.ours == []
    # nor anything elsewhere on the page that the page without cards lacks
    assert result.rules <= baseline.rules
    # the other states: a filter on, every abstract and author list open
    page.locator(".readinglist-filter button[data-value=layout]").click()
    page.fill(".readinglist-filter input[type=search]", "a")
    page.evaluate(
        "() => document.querySelectorAll('details').forEach(d => d.open = true)"
    )
    result = Axe(page, baseline)
    assert result.ours == []
    assert result.rules <= baseline.rules
    # every tag shown, and then no card left: the empty state and its button
    page.locator(".readinglist-filter-more").click()
    page.fill(".readinglist-filter input[type=search]", "zzzz")
    assert page.locator(".readinglist-filter-empty:visible").count() == 1
    result = Axe(page, baseline)
    assert result.ours == []
    assert result.rules <= baseline.rules
    close(page)


@pytest.fixture(scope="module", params=THEMES)
def showcase(request: pytest.FixtureRequest, site: tuple[Path, str]) -> tuple[str, str]:
    """The documentation built with a theme: the theme and its URL."""
    theme: str = request.param
    require_theme(theme)
    root, base = site
    overrides = load_screenshot_script().theme_overrides(theme)
    _outdir, warnings = build(
        copy_docs_project(root / f"docs-{theme}"),
        isolated=theme in ISOLATED_THEMES,
        confoverrides=overrides,
    )
    assert warnings == [], theme
    return theme, f"{base}/docs-{theme}/docs/_build/html"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("page_name", ["index", "views"])
def test_axe_on_the_showcase(
    browser: Browser, showcase: tuple[str, str], page_name: str, dark: bool
) -> None:
    theme, url = showcase
    page = open_page(
        browser, f"{url}/useful-resources/{page_name}.html", dark=dark, theme=theme
    )
    assert page.locator("article.readinglist-card").count() > 10
    # open, every abstract and author list shows; only the cards are checked
    page.evaluate(
        "() => document.querySelectorAll('details').forEach(d => d.open = true)"
    )
    assert Axe(page, context="div.readinglist").ours == []
    close(page)


# -- the screenshots of the README and the docs -------------------------------


#: The share of pixels a fresh screenshot may change from the committed one.
SCREENSHOT_TOLERANCE = 0.002


def test_screenshots_of_three_themes_light_and_dark(
    browser: Browser, tmp_path: Path
) -> None:
    script = load_screenshot_script()
    names = set()
    for theme in script.THEMES:
        require_theme(theme)
        html_dir = script.build_docs(theme, tmp_path / theme)
        for dark in (False, True):
            name = script.output_name(theme, dark)
            names.add(name)
            output = script.capture(
                browser, html_dir, theme, tmp_path / name, dark=dark
            )
            data = output.read_bytes()
            assert data.startswith(b"\x89PNG\r\n\x1a\n")
            width, height = (
                int.from_bytes(data[16:20], "big"),
                int.from_bytes(data[20:24], "big"),
            )
            assert width > 500 and height == script.HEIGHT
        light = (tmp_path / script.output_name(theme, False)).read_bytes()
        dark_ = (tmp_path / script.output_name(theme, True)).read_bytes()
        assert light != dark_
    # the committed pictures are these, up to antialiasing: the same size, and
    # few pixels of a visibly different colour
    for name in sorted(names):
        fresh = read_png(tmp_path / name)
        committed = read_png(DOCS / "_static" / name)
        assert (fresh.width, fresh.height) == (committed.width, committed.height), name
        changed = difference(fresh, committed)
        print(f"{name}: {changed:.4%} of the pixels differ")
        assert changed <= SCREENSHOT_TOLERANCE, (
            f"{name}: {changed:.2%} of the pixels differ from the committed "
            "picture; if the change is intended, run python scripts/screenshot.py"
        )
    # the README and the docs show these very files
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    theming = (DOCS / "theming.md").read_text(encoding="utf-8")
    for name in names:
        assert f"docs/_static/{name}" in readme, name
        assert f"_static/{name}" in theming, name
        assert (DOCS / "_static" / name).is_file(), name
    assert not re.search(r"screenshot-cards\.png", readme)


#: Counts the words, in ``root``'s text, that a line break cuts in two.
WORDS_CUT = """(root) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let cut = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) cut += 1;
    }
  }
  return cut;
}"""


def test_field_names_keep_their_words_whole(
    browser: Browser, site: tuple[Path, str]
) -> None:
    # long URLs may break anywhere in a card; field names, whose column is
    # as narrow as they let it be, may not (a name read "para m x:")
    root, base = site
    write_project(
        root / "fields",
        {
            "index.rst": "Fields\n======\n\n.. readinglist::\n   :columns: 4\n\n"
            "   resources:\n"
            "     - title: A narrow card\n"
            "       description: |\n"
            "         :parameter name: what it does, in a few words\n"
            "         :another long name: https://example.org/a/very/long/address/that/must/break\n"
        },
    )
    _outdir, warnings = build(root / "fields")
    assert warnings == []
    page = open_page(browser, f"{base}/fields/_build/html/index.html")
    try:
        settle(page)
        names = page.locator(".readinglist-description dl.field-list > dt")
        assert names.count() == 2
        for index in range(2):
            assert names.nth(index).evaluate(WORDS_CUT) == 0
    finally:
        close(page)
