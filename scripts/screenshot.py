"""Take the pictures of real rendered cards for the README and the docs.

Usage: python scripts/screenshot.py [--build-dir DIR] [--output DIR] [THEME ...]

Builds the documentation once per theme (furo, pydata-sphinx-theme and
sphinx-immaterial by default), then photographs the "General Deep Learning papers and books"
section of the Useful resources showcase in light and in dark mode, to
``docs/_static/screenshot-<theme>-<mode>.png``. Dark mode is the one the
theme's own switch gives, with the browser asking for a dark scheme too.

Needs the themes (``pip install -e ".[test]"``), Playwright, and a Chromium
on PATH; Playwright's own browser download is not used.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, FloatRect, Page

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
OUTPUT = DOCS / "_static"
PAGE = Path("useful-resources") / "index.html"
SECTION = "general-deep-learning-papers-and-books"
WIDTH = 1200
HEIGHT = 820  # of the picture: the heading and the first rows of cards
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: The themes photographed by default, with the short name of their files.
THEMES = {
    "furo": "furo",
    "pydata_sphinx_theme": "pydata",
    "sphinx_immaterial": "immaterial",
}

#: What each theme's dark switch does to the page: furo and pydata set a
#: ``data-theme`` attribute (and keep the choice in localStorage "theme" and
#: "mode"), sphinx-immaterial selects its "slate" colour scheme.
DARK_SWITCH = {
    "furo": "document.body.dataset.theme = 'dark'",
    "pydata_sphinx_theme": "document.documentElement.dataset.theme = 'dark'",
    "sphinx_book_theme": "document.documentElement.dataset.theme = 'dark'",
    "sphinx_immaterial": "document.body.dataset.mdColorScheme = 'slate'",
}
DARK_STORAGE = (
    "localStorage.setItem('theme', 'dark'); localStorage.setItem('mode', 'dark');"
)

#: Themes that must be extensions too: sphinx-immaterial chosen by
#: ``html_theme`` alone is loaded too late for the Python domain's data,
#: which its page context needs.
THEME_EXTENSIONS = ("sphinx_immaterial",)
#: Theme options: sphinx-immaterial downloads its Google Fonts at build
#: time unless ``font`` is off, and has a dark scheme only in a palette (one
#: scheme for each of the system's, with the switch between them).
THEME_OPTIONS: dict[str, dict[str, object]] = {
    "sphinx_immaterial": {
        "font": False,
        "palette": [
            {
                "media": "(prefers-color-scheme: light)",
                "scheme": "default",
                "toggle": {"icon": "material/weather-night", "name": "Dark mode"},
            },
            {
                "media": "(prefers-color-scheme: dark)",
                "scheme": "slate",
                "toggle": {"icon": "material/weather-sunny", "name": "Light mode"},
            },
        ],
    }
}


def conf_extensions(confdir: Path) -> list[str]:
    """The ``extensions`` of a conf.py, read without running it."""
    tree = ast.parse((confdir / "conf.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "extensions"
            for target in node.targets
        ):
            return list(ast.literal_eval(node.value))
    return []


def theme_overrides(theme: str, confdir: Path = DOCS) -> dict[str, object]:
    """The settings that build the project of ``confdir`` with ``theme``."""
    overrides: dict[str, object] = {"html_theme": theme}
    if theme in THEME_EXTENSIONS:
        overrides["extensions"] = [*conf_extensions(confdir), theme]
    if theme in THEME_OPTIONS:
        overrides["html_theme_options"] = THEME_OPTIONS[theme]
    return overrides


#: Builds the docs in a fresh interpreter: settings such as ``False`` in
#: ``html_theme_options`` cannot be given as ``-D`` text.
_BUILD = """\
import json, sys
from sphinx.application import Sphinx
docs, outdir, overrides = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
app = Sphinx(docs, docs, outdir, outdir + "/.doctrees", "html",
             confoverrides=overrides, status=None)
app.build()
sys.exit(app.statuscode)
"""


def build_docs(theme: str, outdir: Path) -> Path:
    """Build the documentation with ``theme``; return the HTML directory."""
    overrides = json.dumps(theme_overrides(theme))
    command = [sys.executable, "-c", _BUILD, str(DOCS), str(outdir), overrides]
    subprocess.run(command, check=True)
    return outdir


def set_dark(page: Page, theme: str) -> None:
    """Turn on the theme's own dark mode, as its switch does."""
    if theme in DARK_SWITCH:
        page.evaluate(f"() => {{ {DARK_SWITCH[theme]}; }}")


#: Resolves once the web fonts are in and two frames have been laid out, so
#: that the same build gives the same picture every time.
SETTLED = """async () => {
  await document.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


def settle(page: Page) -> None:
    """Wait for the page's fonts and layout (see :data:`SETTLED`)."""
    page.evaluate(SETTLED)


def capture(
    browser: Browser, html_dir: Path, theme: str, output: Path, *, dark: bool
) -> Path:
    """Photograph the showcase section of a built site into ``output``."""
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 900},
        color_scheme="dark" if dark else "light",
        device_scale_factor=1,
    )
    if dark:
        context.add_init_script(DARK_STORAGE)
    page = context.new_page()
    page.goto((html_dir / PAGE).as_uri())
    if dark:
        set_dark(page, theme)
    settle(page)
    box = section_box(page)
    if box is None:
        raise SystemExit(f"no section #{SECTION} in {html_dir / PAGE}")
    # the section's top 16 px below the window's, then measured again: the
    # picture is of the window as it stands, so nothing moves between the
    # measure and the picture
    page.evaluate(f"() => window.scrollBy(0, {box['y'] - 16})")
    page.evaluate(HIDE_PINNED)
    settle(page)
    box = section_box(page, scroll=False)
    assert box is not None
    page.screenshot(
        path=str(output),
        clip={
            "x": max(box["x"] - 16, 0),
            "y": max(box["y"] - 16, 0),
            "width": box["width"] + 32,
            "height": HEIGHT,
        },
    )
    context.close()
    return output


#: Hides what the theme pins to the window (a sticky header, a "back to
#: top" button): it would stand over the section, where and when the theme
#: decides. Hidden, not removed, so that nothing else moves.
HIDE_PINNED = """() => {
  for (const element of document.querySelectorAll("body *")) {
    const position = getComputedStyle(element).position;
    if (position === "fixed" || position === "sticky") {
      element.style.visibility = "hidden";
    }
  }
}"""


def section_box(page: Page, *, scroll: bool = True) -> FloatRect | None:
    """Where the photographed section starts, in its column, in the window;
    scrolled to first, unless ``scroll`` is False.

    The id may sit on a target inside the section rather than on it; and
    sphinx-immaterial writes no ``<section>``: there, the section starts at
    its heading, in the heading's column.
    """
    target = page.locator(f"#{SECTION}")
    section = target.locator("xpath=ancestor-or-self::section[1]")
    if section.count():
        if scroll:
            section.scroll_into_view_if_needed()
        return section.bounding_box()
    heading = target.locator("xpath=ancestor-or-self::h2[1]")
    if not heading.count():
        return None
    if scroll:
        heading.scroll_into_view_if_needed()
    column, top = heading.locator("xpath=..").bounding_box(), heading.bounding_box()
    if column is None or top is None:
        return None
    return {**column, "y": top["y"]}


def output_name(theme: str, dark: bool) -> str:
    return f"screenshot-{THEMES.get(theme, theme)}-{'dark' if dark else 'light'}.png"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("themes", nargs="*", default=list(THEMES))
    parser.add_argument("--build-dir", type=Path, help="keep the builds here")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("google-chrome")
    if executable is None:
        sys.exit("no Chromium found on PATH")
    with tempfile.TemporaryDirectory() as temporary:
        build_root = args.build_dir or Path(temporary)
        built = {theme: build_docs(theme, build_root / theme) for theme in args.themes}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS
            )
            for theme, html_dir in built.items():
                for dark in (False, True):
                    output = args.output / output_name(theme, dark)
                    capture(browser, html_dir, theme, output, dark=dark)
                    print(f"wrote {output}")
            browser.close()


if __name__ == "__main__":
    main()
