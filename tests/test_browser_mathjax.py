"""MathJax in headless Chromium: card text stays text, card formulas are math.

``tests/test_security_math.py`` checks the classes that keep MathJax out of
cards (``tex2jax_ignore mathjax_ignore``) and let it into a description's
formulas (``tex2jax_process mathjax_process``). This module runs MathJax
itself on ``roots/test-sec-math``, its rST page (with a ``:filter:`` added, so
that tags also reach the script-built controls) and its MyST page, and checks
what MathJax made of the page.

MathJax 3 comes from npm (``.ci/run`` installs it with ``npm install --global
mathjax@3``); its ``es5`` folder is copied beside the built pages and
``mathjax_path`` points at it, so no page asks the network for anything.
MathJax 4, which Sphinx 9 loads by default, fetches its fonts at run time and
does not work offline; MathJax 3 decides what to typeset the same way.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from . import test_browser
from ._sphinx import ROOTS, build
from ._tools import missing_tool, require_tool
from .test_browser import close, open_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

#: The fixtures of test_browser: headless Chromium, and a folder it reads
#: over HTTP on the loopback interface.
browser = test_browser.browser
site = test_browser.site

#: Sphinx 7.4 to 8's default MathJax file, with its fonts in the same folder.
BUNDLE = "tex-mml-chtml.js"
INSTALL = "npm install --global --ignore-scripts --no-audit --no-fund mathjax@3"

#: The fields of a card that hold plain text from the data, and the group
#: titles and filter controls built from it.
PLAIN = (
    ".readinglist-title",
    ".readinglist-author",
    ".readinglist-venue",
    ".readinglist-tag",
    ".readinglist-links",
    ".readinglist-group",
    ".readinglist-filter",
)

#: Per page: the attack strings that must stay text, where they are shown.
SHOWN = {
    "index": [
        ("#rst-attack .readinglist-title", r"$$\href{javascript:alert(1)}{x}$$"),
        ("#rst-attack .readinglist-title", r"\(\style{color:red}{y}\)"),
        ("#rst-attack .readinglist-author", r"$$\href{javascript:alert(2)}{a}$$"),
        ("#rst-attack .readinglist-venue", r"\[\href{javascript:alert(3)}{v}\]"),
        ("#rst-attack .readinglist-tag", r"$$\href{javascript:alert(4)}{t}$$"),
        (".readinglist-group", r"$$\href{javascript:alert(4)}{t}$$"),
        (".readinglist-filter button", r"$$\href{javascript:alert(4)}{t}$$"),
        ("#rst-attack .readinglist-links", r"$$\href{javascript:alert(5)}{l}$$"),
        # rST reads "\h" as an escaped "h"
        ("#rst-attack .readinglist-description", "$$href{javascript:alert(6)}{d}$$"),
    ],
    "page": [
        ("#myst-attack .readinglist-title", r"$$\href{javascript:alert(1)}{x}$$"),
        # Markdown reads "\(" as an escaped "("
        ("#myst-attack .readinglist-description", r"(\href{javascript:alert(6)}{d})"),
    ],
}

#: Per page: the formulas MathJax typesets in each card, and on the page
#: outside the cards (an inline formula and two numbered equations).
TYPESET = {
    "index": {"#rst-attack": 2, "#rst-refused": 0, "#rst-labels": 3},
    "page": {"#myst-attack": 2, "#myst-refused": 0, "#myst-labels": 3},
}
PAGE_FORMULAS = 3

#: What MathJax made of the page, read once it is done; takes PLAIN and
#: the card selectors of TYPESET.
REPORT = """({ plain, cards }) => {
  const containers = [...document.querySelectorAll("mjx-container")];
  return {
    version: MathJax.version,
    javascriptLinks: document.querySelectorAll('a[href^="javascript:"]').length,
    javascriptHrefs: [...document.querySelectorAll("*")].flatMap((element) =>
      [...element.attributes]
        .filter((a) => /href$/i.test(a.name))
        .filter((a) => a.value.trim().toLowerCase().startsWith("javascript:"))
        .map((a) => element.outerHTML.slice(0, 200))),
    errors: document.querySelectorAll("mjx-merror, [data-mjx-error]").length,
    inPlain: containers
      .filter((c) => plain.some((selector) => c.closest(selector)))
      .map((c) => c.parentElement.outerHTML.slice(0, 200)),
    outsideFormulas: containers
      .filter((c) => c.closest("article"))
      .filter((c) => !c.closest(".readinglist-description .math"))
      .map((c) => c.parentElement.outerHTML.slice(0, 200)),
    perCard: Object.fromEntries(cards.map((card) => [card,
      document.querySelectorAll(`${card} .readinglist-description mjx-container`)
        .length])),
    page: containers.filter((c) => !c.closest("article")).length,
  };
}"""


def mathjax_folder() -> Path:
    """The ``es5`` folder of MathJax 3 installed by npm, or skip."""
    npm = require_tool("npm")
    result = subprocess.run(
        [npm, "root", "--global"], capture_output=True, text=True, check=False
    )
    package = Path(result.stdout.strip()) / "mathjax"
    if result.returncode != 0 or not (package / "es5" / BUNDLE).is_file():
        missing_tool("MathJax 3", f"{INSTALL} installs it")
    version = json.loads((package / "package.json").read_text("utf-8"))["version"]
    if not version.startswith("3."):
        missing_tool("MathJax 3", f"npm has MathJax {version}; {INSTALL}")
    return package / "es5"


#: MathJax's settings: MyST's (its ``dollarmath`` sets ``processHtmlClass``
#: to also typeset the class ``math``, and ignores its own pages but for
#: their formulas), or MathJax's own defaults, where only the classes of the
#: cards and of their formulas decide.
SETTINGS = {"myst": {}, "defaults": {"myst_update_mathjax": False}}


@pytest.fixture(scope="module", params=list(SETTINGS))
def math_site(request: pytest.FixtureRequest, site: tuple[Path, str]) -> str:
    """test-sec-math built with the local MathJax, a filter on its rST page:
    the URL of its pages."""
    es5 = mathjax_folder()
    root, base = site
    src = root / f"sec-math-{request.param}"
    shutil.copytree(
        ROOTS / "test-sec-math", src, ignore=shutil.ignore_patterns("_build")
    )
    index = src / "index.rst"
    grouped = ".. readinglist:: rst.yaml\n   :group-by: tag\n"
    assert grouped in index.read_text("utf-8")
    index.write_text(
        index.read_text("utf-8").replace(grouped, f"{grouped}   :filter:\n"), "utf-8"
    )
    # a path without a scheme is relative to _static
    overrides = {"mathjax_path": f"mathjax/{BUNDLE}", **SETTINGS[request.param]}
    out, _warnings = build(src, confoverrides=overrides)
    shutil.copytree(es5, out / "_static" / "mathjax")
    return f"{base}/{out.relative_to(root).as_posix()}"


def typeset_page(browser: Browser, url: str) -> tuple[Page, list[str]]:
    """The page once MathJax has typeset it, and every request that left the
    loopback server (each one refused) or failed there."""
    page = open_page(browser, "about:blank")
    local = "{0.scheme}://{0.netloc}/".format(urlsplit(url))
    stray: list[str] = []

    def offline(route: Route) -> None:
        if route.request.url.startswith(local):
            route.continue_()
        else:
            stray.append(route.request.url)
            route.abort()

    page.route("**/*", offline)
    page.on("requestfailed", lambda request: stray.append(request.url))
    page.on(
        "response",
        lambda response: stray.append(f"{response.status} {response.url}")
        if response.status >= 400
        else None,
    )
    page.goto(url)
    page.wait_for_function("() => window.MathJax?.startup?.promise")
    page.evaluate("() => MathJax.startup.promise")
    # the filter's script builds its controls at load, maybe after MathJax
    # looked at the page: have MathJax look at them (not at the whole page
    # again, which would typeset the MathML it left beside each formula)
    page.evaluate(
        "() => MathJax.typesetPromise("
        "[...document.querySelectorAll('.readinglist-filter')])"
    )
    return page, stray


@pytest.mark.parametrize("docname", ["index", "page"])
def test_mathjax_skips_card_text_and_typesets_formulas(
    browser: Browser,
    math_site: str,
    docname: str,
) -> None:
    page, stray = typeset_page(browser, f"{math_site}/{docname}.html")
    try:
        report = page.evaluate(
            REPORT, {"plain": PLAIN, "cards": list(TYPESET[docname])}
        )
        assert report["version"].startswith("3."), report["version"]
        assert stray == []  # MathJax and its fonts came from the local copy
        # no link to a script, no formula in the plain text of the cards
        assert report["javascriptLinks"] == 0
        assert report["javascriptHrefs"] == []
        assert report["inPlain"] == []
        assert report["outsideFormulas"] == []
        # the attack strings are shown as they were written
        for selector, text in SHOWN[docname]:
            shown = page.locator(selector).filter(has_text=text)
            assert shown.count() >= 1, (selector, text)
            assert shown.first.is_visible(), (selector, text)
        # the formulas of descriptions, and of the page, are typeset
        assert report["perCard"] == TYPESET[docname]
        assert report["page"] == PAGE_FORMULAS
        assert report["errors"] == 0
    finally:
        close(page)
