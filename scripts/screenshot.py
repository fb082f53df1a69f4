"""Take the README's picture of real rendered cards from a docs build.

Usage: python scripts/screenshot.py [BUILT_HTML_DIR]

Builds nothing itself: run ``python -m sphinx -b html docs docs/_build/html``
first. Needs Playwright (``pip install playwright``) and a Chromium on PATH.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SECTION = "general-deep-learning-papers-and-books"
OUTPUT = ROOT / "docs" / "_static" / "screenshot-cards.png"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    html = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/_build/html"
    page_file = html / "useful-resources" / "index.html"
    browser_path = shutil.which("chromium") or shutil.which("google-chrome")
    if browser_path is None:
        sys.exit("no Chromium found on PATH")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=browser_path, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(page_file.as_uri())
        # the id may sit on a target inside the section rather than on it
        section = page.locator(f"#{SECTION}").locator(
            "xpath=ancestor-or-self::section[1]"
        )
        box = section.bounding_box()
        assert box is not None, f"no section #{SECTION} in {page_file}"
        page.screenshot(
            path=str(OUTPUT),
            full_page=True,
            clip={
                "x": box["x"] - 8,
                "y": box["y"],
                "width": box["width"] + 16,
                "height": 820,
            },
        )
        browser.close()
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
