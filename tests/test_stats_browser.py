"""The ``readinglist-stats`` charts in headless Chromium, in every theme, light and dark.

``tests/roots/test-stats`` built with each theme of
:data:`~tests.test_browser.THEMES`: axe-core finds nothing in the charts,
their text has the theme's text colour and their bars a contrast of 3:1 with
the page (in dark modes too; alabaster and sphinx-rtd-theme have none and
stay light), the table is hidden from sight only, and a
chart fits a phone's column.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ._sphinx import ROOTS, build_copy
from .test_browser import (  # noqa: F401 (browser and site: fixtures, used by name)
    ISOLATED_THEMES,
    THEMES,
    Axe,
    browser,
    close,
    has_dark_mode,
    load_screenshot_script,
    open_page,
    require_theme,
    site,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

#: The colours of the first chart, and of what is behind it, as contrast ratios.
COLOURS = """() => {
  const luminance = (colour) => {
    const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map(Number).map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
    return (x + 0.05) / (y + 0.05);
  };
  const stats = document.querySelector("div.readinglist-stats");
  let element = stats;
  let background = "rgb(255, 255, 255)";
  while (element) {
    const colour = getComputedStyle(element).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(colour) && colour !== "transparent") {
      background = colour;
      break;
    }
    element = element.parentElement;
  }
  const label = getComputedStyle(stats.querySelector(".readinglist-stats-label")).fill;
  const bar = getComputedStyle(stats.querySelector(".readinglist-stats-bar")).fill;
  const table = stats.querySelector("table.readinglist-stats-table");
  const box = stats.querySelector(".readinglist-stats-numbers").getBoundingClientRect();
  return {
    background,
    backgroundDark: luminance(background) < 0.2,
    label,
    text: getComputedStyle(stats).color,
    labelRatio: ratio(label, background),
    barRatio: ratio(bar, background),
    tableSize: [box.width, box.height],
    tableShown: getComputedStyle(table).display !== "none"
      && getComputedStyle(table).visibility !== "hidden",
  };
}"""

FITS = """() => {
  const problems = [];
  for (const svg of document.querySelectorAll(".readinglist-stats-svg")) {
    const column = svg.closest("div.readinglist-stats").parentElement.getBoundingClientRect();
    const box = svg.getBoundingClientRect();
    if (box.left < column.left - 1 || box.right > column.right + 1) {
      problems.push(`${svg.classList}: ${box.left}-${box.right} in ${column.left}-${column.right}`);
    }
  }
  return problems;
}"""


@pytest.fixture(scope="module", params=THEMES)
def stats_site(
    request: pytest.FixtureRequest,
    site: tuple[Path, str],  # noqa: F811 (the imported fixture)
) -> tuple[str, str]:
    """tests/roots/test-stats built with a theme: the theme and its URL."""
    theme: str = request.param
    require_theme(theme)
    root, base = site
    _outdir, warnings = build_copy(
        ROOTS / "test-stats",
        root / f"stats-{theme}",
        isolated=theme in ISOLATED_THEMES,
        confoverrides=load_screenshot_script().theme_overrides(
            theme, ROOTS / "test-stats"
        ),
    )
    assert warnings == [], theme
    return theme, f"{base}/stats-{theme}/_build/html"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_charts_are_themed_and_accessible(
    browser: Browser,  # noqa: F811 (the imported fixture)
    stats_site: tuple[str, str],
    dark: bool,
) -> None:
    theme, url = stats_site
    page = open_page(browser, f"{url}/index.html", dark=dark, theme=theme)
    assert page.locator("svg.readinglist-stats-svg").count() == 6
    axe = Axe(page, context="div.readinglist-stats")
    assert [v["id"] for v in axe.violations] == []
    colours = page.evaluate(COLOURS)
    # the labels are in the theme's text colour, on its background
    assert colours["label"] == colours["text"], colours
    assert colours["labelRatio"] >= 4.5, colours
    # a bar is a graphic: 3:1 with what is behind it (WCAG 1.4.11)
    assert colours["barRatio"] >= 3, colours
    # and the dark mode is on, where the theme has one: the colours above
    # were checked on it
    assert colours["backgroundDark"] == (dark and has_dark_mode(theme)), colours
    # the table is out of sight, not out of the accessibility tree
    assert colours["tableShown"], colours
    assert colours["tableSize"][0] <= 1 and colours["tableSize"][1] <= 1, colours
    close(page)


def test_charts_fit_a_phone(
    browser: Browser,  # noqa: F811 (the imported fixture)
    stats_site: tuple[str, str],
) -> None:
    theme, url = stats_site
    page = open_page(browser, f"{url}/index.html", width=375, theme=theme)
    assert page.evaluate(FITS) == []
    close(page)
