"""Take the pictures of real rendered cards for the README and the docs.

Usage: python scripts/screenshot.py [--build-dir DIR] [--output DIR] [THEME ...]

Builds the documentation once per theme (furo and pydata-sphinx-theme by
default), then photographs the "General Deep Learning papers and books"
section of the Useful resources showcase in light and in dark mode, to
``docs/_static/screenshot-<theme>-<mode>.png``. Dark mode is the one the
theme's own switch gives (its ``data-theme`` attribute), with the browser
asking for a dark scheme too.

Needs the themes (``pip install -e ".[test]"``), Playwright, and a Chromium
on PATH; Playwright's own browser download is not used.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

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
THEMES = {"furo": "furo", "pydata_sphinx_theme": "pydata"}

#: The element whose ``data-theme`` attribute a theme's dark switch sets;
#: furo keeps the choice in localStorage "theme", pydata in "mode".
DARK_SWITCH = {
    "furo": "body",
    "pydata_sphinx_theme": "html",
    "sphinx_book_theme": "html",
}
DARK_STORAGE = (
    "localStorage.setItem('theme', 'dark'); localStorage.setItem('mode', 'dark');"
)


def build_docs(theme: str, outdir: Path) -> Path:
    """Build the documentation with ``theme``; return the HTML directory."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-b",
            "html",
            "-D",
            f"html_theme={theme}",
            str(DOCS),
            str(outdir),
        ],
        check=True,
    )
    return outdir


def set_dark(page: Page, theme: str) -> None:
    """Turn on the theme's own dark mode, as its switch does."""
    element = DARK_SWITCH.get(theme)
    if element is None:
        return
    target = "document.body" if element == "body" else "document.documentElement"
    page.evaluate(f"() => {{ {target}.dataset.theme = 'dark'; }}")


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
    # the id may sit on a target inside the section rather than on it
    section = page.locator(f"#{SECTION}").locator("xpath=ancestor-or-self::section[1]")
    section.scroll_into_view_if_needed()
    box = section.bounding_box()
    if box is None:
        raise SystemExit(f"no section #{SECTION} in {html_dir / PAGE}")
    scroll_y = page.evaluate("() => window.scrollY")
    page.screenshot(
        path=str(output),
        full_page=True,
        clip={
            "x": max(box["x"] - 16, 0),
            "y": box["y"] + scroll_y - 16,
            "width": box["width"] + 32,
            "height": HEIGHT,
        },
    )
    context.close()
    return output


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
