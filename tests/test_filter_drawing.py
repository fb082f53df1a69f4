"""How the filter draws a long list, in headless Chromium.

A change shows or hides at once the cards up to the 100th shown (the top
of the list) and at least 250 of those that change, then 250 a frame, the
list having the class ``readinglist-filter-busy`` meanwhile; the counts,
the status and the empty groups follow the change at once. Printing, and
opening a page whose address holds a filter, draw every card at once.

How fast: ``python benchmarks/filter.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from . import _browser
from ._browser import close, open_page
from ._sphinx import ROOTS, build_copy
from ._tools import load_script

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

browser = _browser.browser
site = _browser.site

LIST = "readinglist-reading"
COPIES = 250  # of the eight cards of tests/roots/test-filter: 2,000
BUSY = "readinglist-filter-busy"

#: Per card of the list, in page order: whether it has the kind or tag
#: ``value``, and whether it is shown.
CARDS = """([id, facet, value]) => Array.from(
  document.querySelectorAll(`#${id} .readinglist-item`),
  (item) => [
    item.querySelector(".readinglist-card").getAttribute(`data-${facet}`)
      .split(" ").includes(value),
    !item.hidden,
  ],
)"""

#: Wait until the list has drawn every card.
DRAWN = """async (id) => {
  const list = document.getElementById(id);
  while (list.classList.contains("readinglist-filter-busy")) {
    await new Promise(requestAnimationFrame);
  }
}"""

#: Press buttons one after the other, in one task: whether the list is busy
#: just after, and its cards then (as CARDS).
PRESS = f"""([id, values, facet, value]) => {{
  const list = document.getElementById(id);
  for (const pressed of values) {{
    list.querySelector(`.readinglist-filter button[data-value="${{pressed}}"]`).click();
  }}
  return [list.classList.contains("readinglist-filter-busy"), ({CARDS})([id, facet, value])];
}}"""


@pytest.fixture(scope="module")
def long_list(site: tuple[Path, str]) -> str:
    """The URL of a page whose list holds 2,000 cards."""
    root, base = site
    _outdir, warnings = build_copy(ROOTS / "test-filter", root / "drawing")
    assert warnings == []
    html = root / "drawing" / "_build" / "html"
    load_script("benchmarks/filter.py").big_page(html, COPIES)
    return f"{base}/drawing/_build/html/big.html"


def pairs(found: list[list[bool]]) -> list[tuple[bool, bool]]:
    return [(bool(has), bool(shown)) for has, shown in found]


def cards(page: Page, facet: str, value: str) -> list[tuple[bool, bool]]:
    return pairs(page.evaluate(CARDS, [LIST, facet, value]))


def press(
    page: Page, values: list[str], facet: str, value: str
) -> tuple[bool, list[tuple[bool, bool]]]:
    """Press ``values`` in one task: whether the list is busy then, and
    its cards then (as :func:`cards`)."""
    busy, found = page.evaluate(PRESS, [LIST, values, facet, value])
    return bool(busy), pairs(found)


def status(page: Page) -> str:
    return page.inner_text(f"#{LIST} [role=status]").strip()


def opened(browser: Browser, url: str) -> Page:
    page = open_page(browser, url)
    page.wait_for_selector(f"#{LIST} .readinglist-filter:not([hidden])")
    return page


def test_the_top_at_once_the_rest_in_the_next_frames(
    browser: Browser, long_list: str
) -> None:
    page = opened(browser, long_list)
    busy, now = press(page, ["book"], "kind", "book")
    assert busy
    books = sum(has for has, _shown in now)
    assert books == 3 * COPIES
    # counts and status at once
    assert status(page) == f"{books} of {8 * COPIES} resources"
    # the cards up to the 100th book are right, some after it are not yet
    hundredth = [n for n, (has, _shown) in enumerate(now) if has][99]
    assert all(has == shown for has, shown in now[: hundredth + 1])
    assert any(has != shown for has, shown in now)
    # then a few frames draw the rest, and the list is no longer busy
    page.evaluate(DRAWN, LIST)
    assert all(has == shown for has, shown in cards(page, "kind", "book"))
    assert page.locator(f"#{LIST}.{BUSY}").count() == 0
    close(page)


def test_a_change_while_drawing_ends_right(browser: Browser, long_list: str) -> None:
    page = opened(browser, long_list)
    # book on, then off, then lstm on, in one go: nothing is drawn between
    press(page, ["book", "book", "lstm"], "tags", "lstm")
    page.evaluate(DRAWN, LIST)
    assert all(has == shown for has, shown in cards(page, "tags", "lstm"))
    assert status(page) == f"{2 * COPIES} of {8 * COPIES} resources"
    # every card again, then lstm on and off before that is drawn
    busy, _now = press(page, ["lstm"], "tags", "lstm")
    assert busy
    press(page, ["lstm", "lstm"], "tags", "lstm")
    page.evaluate(DRAWN, LIST)
    assert all(shown for _has, shown in cards(page, "tags", "lstm"))
    close(page)


def test_printing_draws_every_card(browser: Browser, long_list: str) -> None:
    page = opened(browser, long_list)
    busy, _now = press(page, ["book"], "kind", "book")
    assert busy
    # the printout is the page as filtered: a print dialog sends this event
    drawn = page.evaluate(
        """(id) => {
          window.dispatchEvent(new Event("beforeprint"));
          const list = document.getElementById(id);
          return !list.classList.contains("readinglist-filter-busy");
        }""",
        LIST,
    )
    assert drawn
    assert all(has == shown for has, shown in cards(page, "kind", "book"))
    close(page)


def test_an_address_with_a_filter_opens_drawn(browser: Browser, long_list: str) -> None:
    page = opened(browser, f"{long_list}?{LIST}.kind=book")
    assert page.locator(f"#{LIST}.{BUSY}").count() == 0
    assert all(has == shown for has, shown in cards(page, "kind", "book"))
    close(page)


def test_typing_writes_the_address_once_it_settles(
    browser: Browser, long_list: str
) -> None:
    from playwright.sync_api import expect

    page = opened(browser, long_list)
    search = page.locator(f"#{LIST} input[type=search]")
    search.press_sequentially("lstm")
    expect(page).to_have_url(f"{long_list}?{LIST}.q=lstm")
    # a button of the list writes it at once, the text with it
    search.press_sequentially(" gates")
    page.locator(f"#{LIST} .readinglist-filter button[data-value='paper']").click()
    assert page.url == f"{long_list}?{LIST}.q=lstm+gates&{LIST}.kind=paper"
    close(page)
