"""What the browser tests share: Chromium, the served site, the themes, axe-core.

Pages are built by Sphinx, served over HTTP on the loopback interface, and
driven with Playwright using the system's Chromium (no browser download).
The fixtures ``site`` and ``browser`` are module-scoped: a test module
imports them by name.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ._sphinx import ISOLATED_THEMES, build
from ._tools import chromium_path, load_script, missing_tool, served

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


THEMES = (
    "alabaster",
    "furo",
    "pydata_sphinx_theme",
    "sphinx_rtd_theme",
    "sphinx_book_theme",
    "sphinx_immaterial",
)
WIDTHS = (375, 1280)  # a phone, a desktop


def require_theme(theme: str) -> None:
    if importlib.util.find_spec(theme) is None:
        missing_tool(theme, 'pip install -e ".[test]" installs the themes')


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A directory served on the loopback interface, and its base URL."""
    root = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(root))
    with served(handler) as base:
        yield root, base


def load_screenshot_script() -> Any:
    return load_script("scripts/screenshot.py")


def has_dark_mode(theme: str) -> bool:
    """Whether the theme has a dark mode (alabaster and sphinx-rtd-theme
    have none: they stay light)."""
    return theme in load_screenshot_script().DARK_SWITCH


def build_theme_site(
    site: tuple[Path, str],
    theme: str,
    srcdir: Path,
    name: str,
    files: dict[str, str] | None = None,
    **overrides: Any,
) -> str:
    """Build a copy of ``srcdir``, with ``files`` added, with ``theme`` into
    the served ``site``, under ``name``, with no warning: the base URL of its
    HTML."""
    require_theme(theme)
    root, base = site
    copy = root / name
    shutil.copytree(srcdir, copy, ignore=shutil.ignore_patterns("_build"))
    for path, text in (files or {}).items():
        (copy / path).write_text(text, encoding="utf-8")
    _outdir, warnings = build(
        copy,
        isolated=theme in ISOLATED_THEMES,
        confoverrides={
            **load_screenshot_script().theme_overrides(theme, srcdir),
            **overrides,
        },
    )
    assert warnings == [], theme
    return f"{base}/{name}/_build/html"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium, the system's, driven by Playwright."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("Playwright", 'pip install -e ".[test]" installs it')
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            # the flags the screenshot script runs Chromium with
            executable_path=executable,
            args=load_screenshot_script().CHROMIUM_ARGS,
        )
        try:
            yield browser
        finally:
            browser.close()


def open_page(
    browser: Browser,
    url: str,
    *,
    width: int = 1280,
    dark: bool = False,
    theme: str = "alabaster",
    javascript: bool = True,
) -> Page:
    """A page in its own context; dark asks for a dark scheme and flips the
    theme's own switch. Script errors fail the test."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme="dark" if dark else "light",
        java_script_enabled=javascript,
        reduced_motion="reduce",
    )
    page = context.new_page()
    errors = _SCRIPT_ERRORS.setdefault(id(page), [])
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    if dark:
        load_screenshot_script().set_dark(page, theme)
    return page


def settle(page: Page) -> None:
    """Wait for the page's web fonts and two frames of layout, as the
    screenshot script does before a picture: what is measured then is the
    same on every run."""
    page.evaluate(load_screenshot_script().SETTLED)


#: The script errors of each open page, by the page's id().
_SCRIPT_ERRORS: dict[int, list[str]] = {}


def close(page: Page, *, theirs: bool = False) -> None:
    """Close a page of :func:`open_page`; it must have had no script error,
    unless it is ``theirs``: a page of the theme's, kept for comparison
    (sphinx-immaterial's ``py-modindex.html`` has one)."""
    errors = _SCRIPT_ERRORS.pop(id(page), [])
    page.context.close()
    assert theirs or errors == [], errors


#: What sticks out of the content column, for the lists of ``selector``
#: (every reading list when none is given): each list's parent is the column.
LAYOUT = """(selector) => {
  const problems = [];
  for (const details of document.querySelectorAll(".readinglist details")) {
    details.open = true;  // opening an abstract or an author list must fit too
  }
  // and every tag of a filter, with the toggle that hides them again
  for (const more of document.querySelectorAll(".readinglist-filter-more[aria-expanded=false]")) {
    more.click();
  }
  const width = document.documentElement.clientWidth;
  for (const list of document.querySelectorAll(selector || "div.readinglist")) {
    const column = list.parentElement.getBoundingClientRect();
    const inside = (r, box, slack = 1) =>
      r.left >= box.left - slack && r.right <= box.right + slack;
    const name = (e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`;
    for (const part of list.querySelectorAll(".readinglist-card, .readinglist-filter")) {
      if (!part.getClientRects().length) continue;
      const box = part.getBoundingClientRect();
      const label = part.id || name(part);
      if (!inside(box, column)) {
        problems.push(`${label}: ${box.left}-${box.right} outside the column ${column.left}-${column.right}`);
      }
      if (box.right > width + 1) problems.push(`${label}: beyond the window`);
      if (part.scrollWidth > part.clientWidth + 1) {
        problems.push(`${label}: content ${part.scrollWidth}px wide in ${part.clientWidth}px`);
      }
      for (const element of part.querySelectorAll("*")) {
        if (element.closest("pre") || !element.getClientRects().length) continue;
        const r = element.getBoundingClientRect();
        if (r.width && !inside(r, box)) {
          problems.push(`${label}: ${name(element)} sticks out (${r.left}-${r.right} of ${box.left}-${box.right})`);
        }
      }
    }
  }
  return {problems, scrollWidth: document.documentElement.scrollWidth};
}"""


#: Whether the background behind the first element of a selector is dark
#: (relative luminance < 0.2).
DARK = """(selector) => {
  let element = document.querySelector(selector);
  let colour = "rgba(0, 0, 0, 0)";
  while (element) {
    colour = getComputedStyle(element).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(colour) && colour !== "transparent") break;
    element = element.parentElement;
  }
  if (!element) colour = "rgb(255, 255, 255)";
  const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map(Number).map((c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.2;
}"""


def is_dark(page: Page, selector: str = ".readinglist-card") -> bool:
    """Whether the page's background behind ``selector`` is dark."""
    return bool(page.evaluate(DARK, selector))


#: The focused element, and whether it shows a ring (an outline or a shadow).
FOCUS_RING = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1
    && !/rgba\\(.*, 0\\)$/.test(s.outlineColor);
  return {what: e.tagName + "." + e.className, visible: outline || s.boxShadow !== "none"};
}"""


# -- axe-core -----------------------------------------------------------------


def axe_source() -> str:
    """axe-core, as shipped inside a PyPI package of the test extra."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or spec.origin is None:
        missing_tool(
            "axe-core", 'pip install -e ".[test]" installs axe-playwright-python'
        )
    path = Path(spec.origin).parent / "axe.min.js"
    if not path.is_file():
        missing_tool("axe-core", f"{path} is missing")
    return path.read_text(encoding="utf-8")


AXE_RUN = """async ({context, ours}) => {
  const results = await axe.run(context || document, { resultTypes: ["violations"] });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    nodes: violation.nodes.map((node) => {
      const element = document.querySelector(node.target[0]);
      return {
        target: node.target.join(" "),
        ours: Boolean(element && element.closest(ours)),
        // what the theme styles: the element's kind and its colour
        style: element
          ? [element.tagName, ...[...element.classList].sort(), getComputedStyle(element).color].join(" ")
          : "",
        summary: node.failureSummary,
      };
    }),
  }));
}"""


class Axe:
    """axe-core's violations on a page, told apart: the cards' or the theme's.

    A violation is the cards' when its element is inside ``ours`` (a reading
    list unless told), unless the theme fails the same way on the page
    without cards: an element of the same kind, in the same colour
    (sphinx-rtd-theme's red inline code, for instance, in a card's
    description).
    """

    def __init__(
        self,
        page: Page,
        baseline: Axe | None = None,
        context: str | None = None,
        ours: str = "div.readinglist",
    ) -> None:
        if not page.evaluate("() => typeof axe !== 'undefined'"):
            page.add_script_tag(content=axe_source())
        self.violations: list[dict[str, Any]] = page.evaluate(
            AXE_RUN, {"context": context, "ours": ours}
        )
        theirs = baseline.styles if baseline else set()
        self.styles: set[tuple[str, str]] = {
            (v["id"], n["style"]) for v in self.violations for n in v["nodes"]
        }
        self.ours = [
            f"{v['id']} ({v['impact']}) at {n['target']}: {n['summary']}"
            for v in self.violations
            for n in v["nodes"]
            if n["ours"] and (v["id"], n["style"]) not in theirs
        ]
        self.rules = {
            v["id"] for v in self.violations if not all(n["ours"] for n in v["nodes"])
        }
