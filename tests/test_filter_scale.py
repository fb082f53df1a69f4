"""The filter of a long list, in headless Chromium: counts, "more", search, keys.

- Each button counts the cards that have its value among those matching the
  search and the other rows' pressed buttons.
- Past ``readinglist_filter_max_tags`` tags, the tag row shows the most used
  and a "More tags" toggle (aria-expanded), by mouse and keyboard.
- The search matches tag labels, venues and addresses.
- An empty result says so and offers "Show all"; ``/`` focuses the search
  box unless a field has focus; the count is a polite, debounced live region.
- Hostile tag labels stay text in the counts, the toggle and the search.

The machinery (browser, server, page helpers) is ``test_browser``'s; the
themes, light and dark, are checked there (layout and axe-core).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sphinx_readinglist.filter import tag_slug

from . import test_browser as tb
from ._sphinx import CONF, build, write_project

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# the browser and the loopback server of the browser tests
browser = tb.browser
site = tb.site

LIST = "readinglist-scale"

#: A tag label that would be markup, script or a URL state key if not text.
HOSTILE = '<img src=x onerror="window.pwned=1">&amp; "q" \u202eevil'

#: (title, kind, level, tags, venue, url): tag uses are cv 4, nlp 3,
#: rl 2, then theory, audio, hostile 1 each.
ENTRIES = [
    ("Vision one", "paper", "beginner", ["cv", "nlp"], "CVPR", "https://a.example/v1"),
    ("Vision two", "paper", "advanced", ["cv"], "ICCV", "https://a.example/v2"),
    ("Vision book", "book", "beginner", ["cv", "theory"], None, "https://b.example/vb"),
    ("Vision course", "course", "beginner", ["cv", "rl"], None, "https://c.example/c"),
    ("Language paper", "paper", "advanced", ["nlp"], "ACL", "https://a.example/lp"),
    ("Language book", "book", "advanced", ["nlp", "rl"], None, "https://b.example/lb"),
    ("Sound", "paper", "beginner", ["audio"], "Interspeech", "https://a.example/s"),
    ("Odd", "blog", "beginner", [HOSTILE], None, "https://d.example/odd-one"),
]
TITLES = [entry[0] for entry in ENTRIES]


def yaml_of(entries: list[tuple[str, str, str, list[str], str | None, str]]) -> str:
    import json

    lines = ["resources:"]
    for title, kind, level, tags, venue, url in entries:
        # JSON strings are YAML strings: the hostile label needs no care here
        lines += [
            f"  - title: {json.dumps(title)}",
            f"    url: {json.dumps(url)}",
            f"    kind: {kind}",
            f"    level: {level}",
            f"    tags: {json.dumps(tags)}",
        ]
        if venue:
            lines.append(f"    venue: {json.dumps(venue)}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def scale_site(site: tuple[Path, str]) -> str:
    """A list of eight entries, six tags, at most three tag buttons shown."""
    root, base = site
    conf = (
        CONF
        + "readinglist_filter_max_tags = 3\n"
        + "readinglist_tag_labels = {'cv': 'Computer vision'}\n"
    )
    page = (
        "Scale\n=====\n\n.. readinglist:: scale.yaml\n   :filter:\n\n"
        ".. raw:: html\n\n   <textarea id='notes'></textarea>"
        "<div id='editable' contenteditable='true'>x</div>\n"
    )
    srcdir = write_project(
        root / "scale", {"index.rst": page}, {"scale.yaml": yaml_of(ENTRIES)}, conf
    )
    _outdir, warnings = build(srcdir)
    assert warnings == []
    return f"{base}/scale/_build/html"


def counts(page: Page, facet: str) -> dict[str, str]:
    """Each button's value and count, of the row ``facet``."""
    pairs = page.eval_on_selector_all(
        f"#{LIST} .readinglist-filter-{facet} button[data-value]",
        "els => els.map(e => [e.dataset.value,"
        " e.querySelector('.readinglist-filter-count').textContent])",
    )
    return dict(pairs)


def shown_tags(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        f"#{LIST} .readinglist-filter-tags button[data-value]:not([hidden])",
        "els => els.map(e => e.dataset.value)",
    )


HOSTILE_SLUG = tag_slug(HOSTILE)
#: The tag row, in the order of the labels ("<" before letters).
ALL_TAGS = [HOSTILE_SLUG, "audio", "cv", "nlp", "rl", "theory"]


def test_counts_follow_the_other_rows_and_the_search(
    browser: Browser, scale_site: str
) -> None:
    page = tb.open_page(browser, f"{scale_site}/index.html")
    assert counts(page, "kind") == {
        "paper": "4",
        "book": "2",
        "course": "1",
        "blog": "1",
    }
    assert counts(page, "level") == {"beginner": "5", "advanced": "3"}
    assert counts(page, "tags")["cv"] == "4"
    # a kind pressed: the other rows count among the papers; its own row
    # still counts what each kind would add
    tb.button(page, LIST, "paper").click()
    assert counts(page, "kind") == {
        "paper": "4",
        "book": "2",
        "course": "1",
        "blog": "1",
    }
    assert counts(page, "level") == {"beginner": "2", "advanced": "2"}
    assert counts(page, "tags") == {
        "audio": "1",
        "cv": "2",
        "nlp": "2",
        "rl": "0",
        "theory": "0",
        HOSTILE_SLUG: "0",
    }
    # a value no card matching the rest has is marked, not disabled
    rl = tb.button(page, LIST, "rl")
    assert "readinglist-filter-none" in (rl.get_attribute("class") or "")
    assert rl.is_enabled()
    # a level pressed too: the kind row now counts among the advanced
    tb.button(page, LIST, "advanced").click()
    assert counts(page, "kind") == {
        "paper": "2",
        "book": "1",
        "course": "0",
        "blog": "0",
    }
    assert tb.visible_titles(page, LIST) == ["Vision two", "Language paper"]
    # the search narrows every count
    page.fill(f"#{LIST} input[type=search]", "vision")
    assert counts(page, "kind") == {
        "paper": "1",
        "book": "0",
        "course": "0",
        "blog": "0",
    }
    assert counts(page, "level") == {"beginner": "1", "advanced": "1"}
    # counts are part of the buttons' names, after the label
    assert tb.button(page, LIST, "paper").evaluate("e => e.textContent") == "Paper 1"
    tb.close(page)


def test_more_toggle_shows_the_most_used_tags(
    browser: Browser, scale_site: str
) -> None:
    page = tb.open_page(browser, f"{scale_site}/index.html")
    more = page.locator(f"#{LIST} .readinglist-filter-more")
    # the three most used, in the row's alphabetical order
    assert shown_tags(page) == ["cv", "nlp", "rl"]
    assert more.get_attribute("aria-expanded") == "false"
    assert more.inner_text() == "More tags"
    controlled = more.get_attribute("aria-controls")
    assert page.locator(f"#{controlled} button[data-value=cv]").count() == 1
    assert more.evaluate("e => e.tagName") == "BUTTON"
    assert more.get_attribute("type") == "button"
    # with the keyboard: Enter opens, Space closes; focus stays on it
    more.focus()
    page.keyboard.press("Enter")
    assert more.get_attribute("aria-expanded") == "true"
    assert more.inner_text() == "Fewer tags"
    assert shown_tags(page) == ALL_TAGS
    tb.button(page, LIST, "theory").click()
    more.focus()
    page.keyboard.press("Space")
    assert more.get_attribute("aria-expanded") == "false"
    # a pressed tag stays shown, beyond the most used
    assert shown_tags(page) == ["cv", "nlp", "rl", "theory"]
    assert page.evaluate("() => document.activeElement.className") == (
        "readinglist-filter-more"
    )
    tb.close(page)

    # the same from a shared address: the pressed tag is shown, collapsed
    page = tb.open_page(browser, f"{scale_site}/index.html?{LIST}.tags=audio")
    assert shown_tags(page) == ["audio", "cv", "nlp", "rl"]
    assert tb.visible_titles(page, LIST) == ["Sound"]
    tb.close(page)


def test_hidden_tags_are_not_in_the_tab_order(
    browser: Browser, scale_site: str
) -> None:
    page = tb.open_page(browser, f"{scale_site}/index.html")
    tb.button(page, LIST, "rl").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == (
        "readinglist-filter-more"
    )
    page.keyboard.press("Enter")
    tb.button(page, LIST, "rl").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.dataset.value") == "theory"
    tb.close(page)


def test_no_limit_shows_every_tag(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    srcdir = write_project(
        tmp_path,
        {"index.rst": ".. readinglist:: scale.yaml\n   :filter:\n"},
        {"scale.yaml": yaml_of(ENTRIES)},
        CONF + "readinglist_filter_max_tags = 0\n",
    )
    outdir, warnings = build(srcdir)
    assert warnings == []
    import json

    soup = BeautifulSoup((outdir / "index.html").read_text("utf-8"), "html.parser")
    placeholder = soup.select_one(f"#{LIST}-filter")
    assert placeholder is not None
    config = json.loads(str(placeholder["data-readinglist-filter"]))
    assert config["moreAfter"] == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tag's label (readinglist_tag_labels), not only its slug
        (
            "computer vision",
            ["Vision one", "Vision two", "Vision book", "Vision course"],
        ),
        ("theory", ["Vision book"]),
        # the venue
        ("interspeech", ["Sound"]),
        ("cvpr", ["Vision one"]),
        # the address
        ("b.example", ["Vision book", "Language book"]),
        ("odd-one", ["Odd"]),
        # a hostile label is text to search, like any other
        ("onerror", ["Odd"]),
        ("<img", ["Odd"]),
    ],
)
def test_search_matches_tags_venue_and_address(
    browser: Browser, scale_site: str, text: str, expected: list[str]
) -> None:
    page = tb.open_page(browser, f"{scale_site}/index.html")
    page.fill(f"#{LIST} input[type=search]", text)
    assert tb.visible_titles(page, LIST) == expected
    tb.close(page)


def test_search_matches_tags_linked_to_their_pages(
    browser: Browser, site: tuple[Path, str]
) -> None:
    """With tag pages, the badges are links: the search reads them all the same."""
    root, base = site
    srcdir = write_project(
        root / "scale-tag-pages",
        {"index.rst": ".. readinglist:: scale.yaml\n   :filter:\n"},
        {"scale.yaml": yaml_of(ENTRIES)},
        CONF
        + "readinglist_tag_pages = True\n"
        + "readinglist_tag_labels = {'cv': 'Computer vision'}\n",
    )
    _outdir, warnings = build(srcdir)
    assert warnings == []
    page = tb.open_page(browser, f"{base}/scale-tag-pages/_build/html/index.html")
    assert page.locator(
        f"#{LIST} a .readinglist-tag, #{LIST} a.readinglist-tag"
    ).count()
    page.fill(f"#{LIST} input[type=search]", "computer vision theory")
    assert tb.visible_titles(page, LIST) == ["Vision book"]
    tb.close(page)


def test_empty_result_says_so_and_show_all_clears(
    browser: Browser, scale_site: str
) -> None:
    from playwright.sync_api import expect

    page = tb.open_page(browser, f"{scale_site}/index.html")
    empty = page.locator(f"#{LIST} .readinglist-filter-empty")
    summary_clear = page.locator(f"#{LIST} .readinglist-filter-summary button")
    assert empty.is_hidden()
    tb.button(page, LIST, "book").click()
    tb.button(page, LIST, "beginner").click()
    page.fill(f"#{LIST} input[type=search]", "zzz")
    expect(empty).to_be_visible()
    assert empty.locator("p").inner_text() == "No entry matches."
    # one "Show all" at a time
    assert summary_clear.is_hidden()
    expect(page.locator(f"#{LIST} [role=status]")).to_have_text("0 of 8 resources")
    empty.get_by_role("button", name="Show all").click()
    assert tb.visible_titles(page, LIST) == TITLES
    assert page.locator(f"#{LIST} button[aria-pressed=true]").count() == 0
    assert page.locator(f"#{LIST} input[type=search]").input_value() == ""
    assert tb.query_of(page) == {}
    assert empty.is_hidden()
    assert summary_clear.is_visible()
    # the button went away: focus goes to the search box, not the page
    assert page.evaluate("() => document.activeElement.type") == "search"
    tb.close(page)


def test_slash_focuses_the_search_unless_typing(
    browser: Browser, scale_site: str
) -> None:
    page = tb.open_page(browser, f"{scale_site}/index.html")
    search = page.locator(f"#{LIST} input[type=search]")
    active = "() => document.activeElement.id || document.activeElement.tagName"
    page.keyboard.press("/")
    assert page.evaluate(active) == f"{LIST}-filter-search"
    assert search.input_value() == ""  # the slash is not typed
    # in the search box, a slash is a slash
    page.keyboard.type("a/b")
    assert search.input_value() == "a/b"
    # nor in the page's other fields
    page.focus("#notes")
    page.keyboard.press("/")
    assert page.evaluate(active) == "notes"
    assert page.locator("#notes").input_value() == "/"
    # (Sphinx's own "/" shortcut, which skips inputs but not contenteditable,
    # may still take this one to the theme's search bar: not to the filter)
    page.focus("#editable")
    page.keyboard.press("/")
    assert page.evaluate(active) != f"{LIST}-filter-search"
    assert search.input_value() == "a/b"
    # from a button, or with a modifier, nothing is stolen but "/" itself
    tb.button(page, LIST, "cv").focus()
    page.keyboard.press("Control+/")
    assert page.evaluate(active) == "BUTTON"
    page.keyboard.press("/")
    assert page.evaluate(active) == f"{LIST}-filter-search"
    tb.close(page)


def test_the_count_is_announced_politely_once_typing_settles(
    browser: Browser, scale_site: str
) -> None:
    from playwright.sync_api import expect

    page = tb.open_page(browser, f"{scale_site}/index.html")
    region = page.locator(f"#{LIST} .readinglist-filter-status")
    assert region.get_attribute("aria-live") == "polite"
    assert region.get_attribute("role") == "status"
    assert region.inner_text() == "8 of 8 resources"
    # keystrokes change the cards at once, the region only after a pause
    said = page.evaluate(
        """(id) => {
          const input = document.querySelector(`#${id} input[type=search]`);
          const region = document.querySelector(`#${id} [role=status]`);
          const heard = [];
          for (const text of ["v", "vi", "vis", "visi", "vision"]) {
            input.value = text;
            input.dispatchEvent(new Event("input"));
            heard.push(region.textContent);
          }
          return heard;
        }""",
        LIST,
    )
    assert said == ["8 of 8 resources"] * 5
    assert len(tb.visible_titles(page, LIST)) == 4
    expect(region).to_have_text("4 of 8 resources")
    # a button is announced at once
    tb.button(page, LIST, "book").click()
    assert region.inner_text() == "1 of 8 resources"
    tb.close(page)


def test_hostile_tag_label_stays_text(browser: Browser, scale_site: str) -> None:
    page = tb.open_page(browser, f"{scale_site}/index.html")
    page.locator(f"#{LIST} .readinglist-filter-more").click()
    button = tb.button(page, LIST, HOSTILE_SLUG)
    assert button.evaluate("e => e.firstChild.data") == HOSTILE
    assert button.locator("img").count() == 0
    assert (
        button.evaluate("e => e.querySelector('.readinglist-filter-count').textContent")
        == "1"
    )
    button.click()
    assert tb.visible_titles(page, LIST) == ["Odd"]
    assert page.evaluate("() => window.pwned") is None
    # the state survives the address, exactly
    url = page.url
    tb.close(page)
    page = tb.open_page(browser, url)
    assert tb.visible_titles(page, LIST) == ["Odd"]
    assert HOSTILE_SLUG in shown_tags(page)
    assert page.evaluate("() => window.pwned") is None
    tb.close(page)


def test_without_javascript_all_cards_and_no_control(
    browser: Browser, scale_site: str
) -> None:
    page = tb.open_page(browser, f"{scale_site}/index.html", javascript=False)
    assert len(tb.visible_titles(page, LIST)) == len(TITLES)
    assert page.locator(f"#{LIST} button, #{LIST} input").count() == 0
    assert page.locator(".readinglist-filter:visible").count() == 0
    tb.close(page)
