"""Time the filter of a page with thousands of cards, in headless Chromium.

Run from the repository root::

    python benchmarks/filter.py                 # 5,000 cards, 9 runs each
    python benchmarks/filter.py --copies 400 --repeat 15

Builds ``tests/roots/test-filter`` in a temporary folder, copies the cards of
its first list until the page holds ``8 * copies`` of them, serves the page
on the loopback interface and, in the system's Chromium driven by
Playwright, times each change of the filter: typing a word, clearing it,
pressing a kind, releasing it, a word that hides every card, and showing them
all again; then each keystroke of typing ``neural networks`` and of
deleting it again, one key at a time. Each time includes the style and
layout the change causes (the cards shown and every button's count). A
change draws the top of the list at once and the rest of the cards in the
next frames, which run before the next change, as they would between a
reader's keys: ``later`` times each of these frames' style and layout. The
table gives, per change, the median and the slowest of the runs, in
milliseconds, a line ``keystroke`` over every keystroke of every run, and a
last line ``later`` over every later frame; a change under 50 ms feels
instant.

The tests check what the filter shows on such a page, never how fast.
"""

from __future__ import annotations

import argparse
import copy
import functools
import http.server
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "tests" / "roots" / "test-filter"
LIST = "readinglist-reading"

#: Each change of the filter, timed with the style and layout it causes.
TIMINGS = """async (id) => {
  const list = document.getElementById(id);
  const box = list.querySelector(".readinglist-filter");
  const input = box.querySelector("input");
  const frame = () => new Promise(requestAnimationFrame);
  const later = [];
  const time = async (change) => {
    const start = performance.now();
    change();
    document.body.offsetHeight;  // include the style and layout
    const taken = performance.now() - start;
    // the frames drawing the rest of the cards; this callback runs after
    // the filter's, so that the style and layout it forces are theirs
    await frame();
    while (list.classList.contains("readinglist-filter-busy")) {
      await frame();
      const begin = performance.now();
      document.body.offsetHeight;
      later.push(performance.now() - begin);
    }
    return taken;
  };
  const type = (text) => () => {
    input.value = text;
    input.dispatchEvent(new Event("input"));
  };
  const press = (value) => () =>
    box.querySelector(`button[data-value="${value}"]`).click();
  const word = "neural networks";
  const keys = [];
  const taken = {
    type: await time(type("lstm")),
    clear: await time(type("")),
    book: await time(press("book")),
    unbook: await time(press("book")),
    none: await time(type("zzz")),
    all: await time(type("")),
  };
  for (let n = 1; n <= word.length; n += 1) keys.push(await time(type(word.slice(0, n))));
  for (let n = word.length - 1; n >= 0; n -= 1) keys.push(await time(type(word.slice(0, n))));
  return { ...taken, keystroke: keys, later };
}"""


def big_page(html_dir: Path, copies: int) -> Path:
    """Write ``big.html``: the first list's cards ``copies`` times over."""
    soup = BeautifulSoup(
        (html_dir / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    grid = soup.select_one(f"#{LIST} ul.readinglist-grid")
    if grid is None:
        raise SystemExit(f"no list #{LIST} in {html_dir / 'index.html'}")
    items = grid.select("li.readinglist-item")
    for n in range(1, copies):
        for item in items:
            clone = copy.copy(item)
            for element in clone.select("[id]"):
                element["id"] = f"{element['id']}-{n}"
            for element in clone.select("[aria-labelledby]"):
                element["aria-labelledby"] = f"{element['aria-labelledby']}-{n}"
            grid.append(clone)
    path = html_dir / "big.html"
    path.write_text(str(soup), encoding="utf-8")
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on the loopback interface: its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def measure(url: str, repeat: int) -> dict[str, list[float]]:
    """Open ``url`` afresh ``repeat`` times; each change's times, in ms."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("google-chrome")
    if executable is None:
        raise SystemExit("no Chromium found on PATH")
    runs: dict[str, list[float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url)
            page.wait_for_selector(f"#{LIST} .readinglist-filter:not([hidden])")
            for change, taken in page.evaluate(TIMINGS, LIST).items():
                times = taken if isinstance(taken, list) else [taken]
                runs.setdefault(change, []).extend(times)
            page.close()
        browser.close()
    return runs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=625, help="8 cards each")
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as temporary:
        html_dir = Path(temporary) / "html"
        subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-b", "html", PROJECT, html_dir],
            check=True,
        )
        big_page(html_dir, args.copies)
        with served(html_dir) as base:
            runs = measure(f"{base}/big.html", args.repeat)
    print(f"{8 * args.copies} cards, {args.repeat} runs (ms)")
    print(f"{'change':<8} {'median':>8} {'slowest':>8}")
    for change, times in runs.items():
        if times:  # no later frame when every change is drawn at once
            print(f"{change:<8} {statistics.median(times):>8.1f} {max(times):>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
