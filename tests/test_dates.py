"""Dates: ``added``, ``date`` at its precision, the date sorts, the "New" badge.

The validators alone (a table of days and months of the calendar, and of
what is none), the loader's located messages for every bad value (the
attacks among them: a huge value, invisible and right-to-left characters,
other digits, YAML's own types), the schema's agreement, then real builds
of ``roots/test-dates`` in rST and MyST: the sorts, the badge at its
boundaries, with and without ``SOURCE_DATE_EPOCH``, in parallel, after an
incremental rebuild, in LaTeX and text, and in French.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from sphinx_readinglist.cards import layout
from sphinx_readinglist.cards.labels import date_label
from sphinx_readinglist.cards.selection import sort_by
from sphinx_readinglist.data import load_text
from sphinx_readinglist.data.dates import (
    calendar_problem,
    date_key,
    new_since,
    source_date,
    written_as_date,
)
from sphinx_readinglist.data.model import Location, Resource
from sphinx_readinglist.data.schema_check import jsonschema_validator, schema
from sphinx_readinglist.domain import ReadingListDomain, Source
from sphinx_readinglist.new_badge import compute_new_since

from ._sphinx import (
    CONF,
    ROOTS,
    SYNTAXES,
    build,
    build_copy,
    directive_page,
    documents_read,
    page,
    started,
    titles,
    warnings_of,
    write_project,
)

ROOT = ROOTS / "test-dates"
#: 2024-05-01 in Arabic-Indic digits
ARABIC = "\u0662\u0660\u0662\u0664-\u0660\u0665-\u0660\u0661"
YEARS = (1000, 2999)

# the entries of roots/test-dates/reading.yaml
Y, DL, MO, DE, U, Y14 = (
    "A year alone",
    "A day late in 2015",
    "A month of 2015",
    "A day early in 2015",
    "Neither a date nor an added day",
    "A day of 2014",
)
RECENT, OLD = "Added ten days before the newest", "Added long before"


# -- the validators ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024-02-29", None),  # a leap year
        ("2000-02-29", None),  # divisible by 400
        ("2015-12-31", None),
        ("2015-06", None),  # a month
        ("2023-02-29", "February 2023 has 28 days"),
        ("1900-02-29", "February 1900 has 28 days"),  # divisible by 100 only
        ("2023-02-30", "February 2023 has 28 days"),
        ("2024-04-31", "April 2024 has 30 days"),
        ("2024-01-00", "January 2024 has 31 days"),
        ("2024-13-01", "there is no month 13 (months go from 01 to 12)"),
        ("2024-00", "there is no month 00 (months go from 01 to 12)"),
        ("0000-02-29", "implausible"),  # a day of the calendar, not of a list
        ("0999-12-31", "implausible"),
        ("3000-01-01", "implausible"),
        ("yesterday", None),  # not written as a date: the schema words it
    ],
)
def test_days_and_months_of_the_calendar(text: str, reason: str | None) -> None:
    assert calendar_problem(text, YEARS) == reason


@pytest.mark.parametrize(
    ("text", "field", "form"),
    [
        ("2024-05-01", "added", True),
        ("2024-05", "added", False),  # 'added' is a day
        ("2024-05", "date", True),
        ("2024", "date", False),
        (ARABIC, "added", False),  # Arabic-Indic digits are no digits here
        ("2024-05-01\n", "added", False),
        ("2024-5-1", "added", False),
    ],
)
def test_the_forms_of_a_date(text: str, field: str, form: bool) -> None:
    assert written_as_date(text, field) is form


def test_dates_sort_by_their_precision() -> None:
    assert date_key("2015-06-01", 2015) == (2015, 6, 1)
    assert date_key("2015-06", 2015) == (2015, 6, 0)
    assert date_key(None, 2015) == (2015, 0, 0)
    assert date_key(None, None) is None
    # a year alone, then its months, then their days
    keys = [
        date_key(None, 2015),
        date_key("2015-06", None),
        date_key("2015-06-01", None),
    ]
    assert keys == sorted(keys)  # type: ignore[type-var]


def _resource(title: str, **fields: Any) -> Resource:
    return Resource(id=title, title=title, location=Location("r.yaml", 1), **fields)


def test_sort_by_keeps_ties_in_order_and_the_undated_last() -> None:
    resources = [
        _resource("none"),
        _resource("b", added="2024-01-02"),
        _resource("a", added="2024-01-02"),
        _resource("c", added="2023-12-31"),
        _resource("none-2"),
    ]
    assert [r.title for r in sort_by(resources, "added")] == [
        "c",
        "b",
        "a",
        "none",
        "none-2",
    ]
    assert [r.title for r in sort_by(resources, "-added")] == [
        "b",
        "a",
        "c",
        "none",
        "none-2",
    ]


@pytest.mark.parametrize(
    ("epoch", "day"),
    [
        ("0", dt.date(1970, 1, 1)),
        ("1717199999", dt.date(2024, 5, 31)),  # 23:59:59 UTC, June 1 in Tokyo
        ("1717200000", dt.date(2024, 6, 1)),
        (" 1717200000\n", dt.date(2024, 6, 1)),
        ("-86400", dt.date(1969, 12, 31)),
    ],
)
def test_source_date_epoch_is_a_utc_day(epoch: str, day: dt.date) -> None:
    assert source_date(epoch) == day


@pytest.mark.parametrize(
    "epoch",
    ["", "abc", "1717200000.5", "1e9", "9" * 30, "١٧١٧٢٠٠٠٠٠", "99999999999999999"],
)
def test_a_bad_source_date_epoch_is_refused(epoch: str) -> None:
    with pytest.raises(ValueError):
        source_date(epoch)


def test_new_since_counts_back_the_days() -> None:
    assert new_since(dt.date(2024, 6, 1), 30) == "2024-05-02"
    assert new_since(dt.date(2024, 3, 1), 1) == "2024-02-29"
    assert new_since(dt.date(2024, 6, 1), 10**12) == "0001-01-01"  # no overflow


def test_the_reference_day_is_the_newest_added_or_the_epoch(
    caplog: pytest.LogCaptureFixture,
) -> None:
    domain: Any = ReadingListDomain.__new__(ReadingListDomain)
    domain.data = {
        "sources": {
            "a.yaml": Source(newest_added="2024-06-01"),
            "b.yaml": Source(newest_added=None),
            "c.yaml": Source(newest_added="2024-05-22"),
        }
    }
    assert compute_new_since(domain, None, {}) is None  # off
    assert compute_new_since(domain, 30, {}) == "2024-05-02"
    epoch = {"SOURCE_DATE_EPOCH": "1717199999"}
    assert compute_new_since(domain, 30, epoch) == "2024-05-01"
    assert compute_new_since(domain, 30, {"SOURCE_DATE_EPOCH": ""}) == "2024-05-02"
    # a bad epoch warns and falls back to the data
    assert compute_new_since(domain, 30, {"SOURCE_DATE_EPOCH": "soon"}) == (
        "2024-05-02"
    )
    domain.data["sources"] = {"b.yaml": Source()}
    assert compute_new_since(domain, 30, {}) is None  # no 'added' anywhere


def test_dates_in_words() -> None:
    assert date_label("2015-05-27", "en") == "May 27, 2015"
    assert date_label("2015-05", "en") == "May 2015"
    assert date_label("2015-05-27", "fr") == "27 mai 2015"
    assert date_label("2015-05", "de") == "Mai 2015"
    assert date_label("2015-05-27", "pt_BR") == "27 de maio de 2015"
    assert date_label("2015-05-27", None) == "May 27, 2015"
    assert date_label("2015-05-27", "xx") == "2015-05-27"  # unknown: as written


def test_the_layout_shows_the_date_and_the_badge() -> None:
    entry = _resource("R", date="2015-05", year=2015, added="2024-05-02", kind="paper")
    _image, body = layout.card_layout(
        entry, anchor="r", max_authors=None, new_since="2024-05-02"
    )
    assert isinstance(body, layout.Body)
    meta = body.parts[1]
    assert isinstance(meta, layout.Meta)
    assert meta.items == (
        ("", layout.Badge("New", layout.NEW_CLASSES)),
        (" ", layout.Badge("Paper", layout.KIND_CLASSES)),
        (" ", layout.Date("May 2015", "2015-05")),
    )
    _image, body = layout.card_layout(
        entry, anchor="r", max_authors=None, new_since="2024-05-03"
    )
    assert isinstance(body, layout.Body) and isinstance(body.parts[1], layout.Meta)
    assert body.parts[1].items[0][1] == layout.Badge("Paper", layout.KIND_CLASSES)
    assert not layout.is_new(entry, None)
    assert not layout.is_new(_resource("S"), "2000-01-01")


# -- the loader ---------------------------------------------------------------------


GOOD = """\
resources:
  - title: Unquoted
    added: 2024-05-01
    date: 2015-05-27
  - title: Quoted
    added: "2024-05-01"
    date: '2015-05-27'
  - title: A month
    date: 2015-05
  - title: A time of day
    added: 2024-05-01 23:30:00
    date: 2015-05-27T10:00:00+09:00
  - title: Year and date agree
    year: 2015
    date: 2015-05
"""


def test_quoted_and_unquoted_dates_are_read_alike() -> None:
    data = load_text(GOOD, "good.yaml")
    assert data.problems == ()
    shown = [(r.title, r.date, r.added, r.year) for r in data.resources]
    assert shown == [
        ("Unquoted", "2015-05-27", "2024-05-01", 2015),
        ("Quoted", "2015-05-27", "2024-05-01", 2015),
        ("A month", "2015-05", None, 2015),
        # the day as written, whatever the time zone
        ("A time of day", "2015-05-27", "2024-05-01", 2015),
        ("Year and date agree", "2015-05", None, 2015),
    ]


#: (the value of 'added' or 'date' as written, the message after the label)
BAD = [
    (
        "added: 2023-02-30",
        "'added' 2023-02-30 is not a day of the calendar: February 2023 has 28 "
        "days; write e.g. added: 2024-05-01",
    ),
    (
        "added: '2023-02-29'",
        "'added' 2023-02-29 is not a day of the calendar: February 2023 has 28 "
        "days; write e.g. added: 2024-05-01",
    ),
    (
        "added: 2024-13-01",
        "'added' 2024-13-01 is not a day of the calendar: there is no month 13 "
        "(months go from 01 to 12); write e.g. added: 2024-05-01",
    ),
    (
        "added: yesterday",
        "'added' must be a date written YYYY-MM-DD, got 'yesterday'; write e.g. "
        "added: 2024-05-01",
    ),
    (
        "added: 2024",
        "'added' must be a date written YYYY-MM-DD, got 2024, which YAML reads "
        "as a number; write e.g. added: 2024-05-01",
    ),
    (
        "added: 2024-05",
        "'added' must be a date written YYYY-MM-DD, got '2024-05'; write e.g. "
        "added: 2024-05-01",
    ),
    (
        'added: "2024-05-01\\u200f"',  # a right-to-left mark
        "'added' must be a date written YYYY-MM-DD, got '2024-05-01\\u200f'; "
        "remove the invisible character or space U+200F: write added: 2024-05-01",
    ),
    (
        'added: "2024-05-\\u200b01"',  # a zero-width space
        "'added' must be a date written YYYY-MM-DD, got '2024-05-\\u200b01'; "
        "remove the invisible character or space U+200B: write added: 2024-05-01",
    ),
    (
        'added: "\\u202e10-50-4202"',  # a right-to-left override
        "'added' must be a date written YYYY-MM-DD, got '\\u202e10-50-4202'; "
        "write e.g. added: 2024-05-01",
    ),
    (
        f"added: {ARABIC}",
        f"'added' must be a date written YYYY-MM-DD, got '{ARABIC}'; write the "
        "digits 0-9: added: 2024-05-01",
    ),
    (
        "added: [2024-05-01]",
        "'added' must be a date written YYYY-MM-DD, got a list; write e.g. "
        "added: 2024-05-01",
    ),
    (
        "added: yes",
        "'added' must be a date written YYYY-MM-DD, got true (a boolean); write "
        "e.g. added: 2024-05-01",
    ),
    (
        "added:",
        "'added' must be a date written YYYY-MM-DD, got nothing (null); write "
        "e.g. added: 2024-05-01",
    ),
    (
        "added: !date 2024-05-01",
        "'added' must be a date written YYYY-MM-DD, got a value tagged !date "
        "(remove the tag: only plain YAML values are read); write e.g. added: "
        "2024-05-01",
    ),
    (
        f"added: '{'2' * 10_000}'",
        f"'added' must be a date written YYYY-MM-DD, got '{'2' * 37}...'; "
        "write e.g. added: 2024-05-01",
    ),
    (
        "added: <script>alert(1)</script>",
        "'added' must be a date written YYYY-MM-DD, got "
        "'<script>alert(1)</script>'; write e.g. added: 2024-05-01",
    ),
    (
        "date: 2015",
        "'date' must be a date written YYYY-MM-DD or YYYY-MM, got 2015, which "
        "YAML reads as a number; for a year alone, write year: 2015",
    ),
    (
        "date: 2015.05",
        "'date' must be a date written YYYY-MM-DD or YYYY-MM, got 2015.05, which "
        "YAML reads as a number; write e.g. date: 2015-05-27",
    ),
    (
        "date: 2015-13",
        "'date' 2015-13 is not a month of the calendar: there is no month 13 "
        "(months go from 01 to 12); write e.g. date: 2015-05-27",
    ),
    (
        "date: 0999-12",
        "'date' 0999-12 is not a plausible date; write e.g. date: 2015-05-27",
    ),
    (
        "date: May 2015",
        "'date' must be a date written YYYY-MM-DD or YYYY-MM, got 'May 2015'; "
        "write e.g. date: 2015-05-27",
    ),
]


@pytest.mark.parametrize(("written", "message"), BAD)
def test_a_bad_date_is_told_at_its_line_and_left_out_alone(
    written: str, message: str
) -> None:
    text = (
        "resources:\n"
        "  - title: Before\n"
        "    added: 2024-01-01\n"
        "  - title: Bad\n"
        "    url: https://example.org/\n"
        f"    {written}\n"
        "    year: 2016\n"
        "  - title: After\n"
    )
    data = load_text(text, "bad.yaml")
    assert [(str(p.location), p.message, p.subtype) for p in data.problems] == [
        ("bad.yaml:6", f"entry 'Bad': {message}", "data")
    ]
    # the field alone is left out: the entry and its neighbours stay
    assert [r.title for r in data.resources] == ["Before", "Bad", "After"]
    bad = data.resources[1]
    assert bad.url == "https://example.org/"
    assert bad.added is None and bad.date is None and bad.year == 2016


def test_a_year_that_disagrees_with_the_date_is_left_out() -> None:
    text = "resources:\n  - title: Both\n    year: 2014\n    date: 2015-05-27\n"
    data = load_text(text, "both.yaml")
    assert [(str(p.location), p.message) for p in data.problems] == [
        (
            "both.yaml:3",
            "entry 'Both': 'year' 2014 and 'date' 2015-05-27 disagree; the "
            "date's year is used: remove 'year', which a date sets",
        )
    ]
    assert (data.resources[0].year, data.resources[0].date) == (2015, "2015-05-27")


def test_defaults_give_added_and_yield_to_a_date_or_a_year() -> None:
    text = (
        "defaults:\n"
        "  added: 2024-05-01\n"
        "  year: 2010\n"
        "resources:\n"
        "  - title: Takes both\n"
        "  - title: Own date\n"
        "    date: 2015-05\n"
        "  - title: Own added\n"
        "    added: 2024-06-01\n"
    )
    data = load_text(text, "defaults.yaml")
    assert data.problems == ()
    shown = [(r.title, r.added, r.year, r.date) for r in data.resources]
    assert shown == [
        ("Takes both", "2024-05-01", 2010, None),
        # a year and a date are one value: the entry's own date wins
        ("Own date", "2024-05-01", 2015, "2015-05"),
        ("Own added", "2024-06-01", 2010, None),
    ]
    bad = load_text(
        "defaults:\n  added: 2024-02-30\nresources:\n  - title: A\n", "d.yaml"
    )
    assert [(str(p.location), p.message) for p in bad.problems] == [
        (
            "d.yaml:2",
            "defaults: 'added' 2024-02-30 is not a day of the calendar: February "
            "2024 has 29 days; write e.g. added: 2024-05-01",
        )
    ]
    assert bad.resources[0].added is None


def test_a_misspelt_added_is_named() -> None:
    data = load_text("resources:\n  - title: A\n    addded: 2024-05-01\n", "m.yaml")
    (problem,) = data.problems
    assert "unknown field 'addded'; did you mean 'added'?" in problem.message


# -- the schema ---------------------------------------------------------------------


def test_the_schema_holds_added_and_dates_by_month_in_both_definitions() -> None:
    for definition in ("resource", "defaults"):
        properties = schema()["$defs"][definition]["properties"]
        assert properties["added"]["format"] == "date"
        assert "format" not in properties["date"]  # a month is no RFC 3339 date
        validator = jsonschema_validator(definition)
        base = {"title": "T"} if definition == "resource" else {}
        for good in ({"added": "2024-05-01"}, {"date": "2015-05"}):
            assert validator.is_valid({**base, **good}), good
        for bad in (
            {"added": "2024-05"},
            {"added": "2024-05-01\n"},
            {"added": 2024},
            {"date": "2015"},
            {"date": "2015-05-27T10:00"},
        ):
            assert not validator.is_valid({**base, **bad}), bad
    resource = schema()["$defs"]["resource"]["properties"]
    defaults = schema()["$defs"]["defaults"]["properties"]
    assert resource["added"] == defaults["added"]
    assert resource["date"] == defaults["date"]


# -- builds of roots/test-dates ----------------------------------------------------


@pytest.fixture(scope="module")
def html_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir, warnings = build_copy(ROOT, tmp_path_factory.mktemp("dates") / "src")
    assert warnings == []
    return outdir


def new_titles(root: Any) -> list[str]:
    """The titles of the cards under ``root`` that have the "New" badge."""
    return [
        card.select_one(".readinglist-title").get_text()
        for card in root.select("article.readinglist-card")
        if card.select_one(".readinglist-meta .readinglist-new")
    ]


@pytest.mark.parametrize("docname", ["sorts", "myst"])
def test_date_sorts_in_both_syntaxes(html_build: Path, docname: str) -> None:
    soup = page(html_build, docname)
    # full precision; a year alone before its months, a month before its days
    assert titles(soup.select_one("#by-date")) == [Y14, Y, MO, DE, DL, U]
    assert titles(soup.select_one("#by-date-desc")) == [DL, DE, MO, Y, Y14, U]
    # ties (2024-05-02) keep the file's order, both ways
    assert titles(soup.select_one("#by-added")) == [Y, DL, MO, Y14, DE, U]
    assert titles(soup.select_one("#by-added-desc")) == [DE, MO, Y14, DL, Y, U]


def test_the_badge_counts_back_from_the_newest_added(html_build: Path) -> None:
    index = page(html_build)
    # the newest is 2024-06-01: 2024-05-02 (30 days) is new, 2024-05-01 is not
    assert new_titles(index) == [MO, DE, Y14]
    # another file counts from the same, project-wide, newest day
    assert new_titles(page(html_build, "another")) == [RECENT]
    badge = index.select_one(".readinglist-new")
    assert badge is not None and badge.get_text() == "New"
    assert badge["class"] == list(layout.NEW_CLASSES)
    # first in the meta line, a badge among badges
    meta = badge.parent
    assert meta is not None and meta.contents[0] is badge


def test_cards_show_the_date_at_its_precision(html_build: Path) -> None:
    index = page(html_build)
    cards = {c["id"]: c for c in index.select("article.readinglist-card")}
    times = {
        key: (t.get_text(), t["datetime"])
        for key, card in cards.items()
        if (t := card.select_one("time.readinglist-date"))
    }
    assert times == {
        "day-late": ("December 31, 2015", "2015-12-31"),
        "month": ("June 2015", "2015-06"),
        "day-early": ("June 1, 2015", "2015-06-01"),
        "other-year": ("March 15, 2014", "2014-03-15"),
    }
    # a year alone stays a year
    year = cards["year-only"].select_one(".readinglist-year")
    assert year is not None and year.get_text() == "2015"
    assert cards["year-only"].select_one("time") is None
    # the cards carry their day, for styles and scripts; the year too
    assert cards["month"]["data-added"] == "2024-05-02"
    assert cards["month"]["data-year"] == "2015"
    assert "data-added" not in cards["undated"].attrs


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_both_syntaxes_show_the_badge_from_a_body(tmp_path: Path, syntax: str) -> None:
    use = directive_page(
        syntax,
        body=(
            "- title: Newest\n  added: 2024-06-01\n"
            "- title: Older\n  added: 2024-05-20\n"
            "- title: Oldest\n  added: 2024-05-19\n"
        ),
        options=[("sort", "added")],
    )
    srcdir = write_project(
        tmp_path,
        {f"index{use.suffix}": use.text},
        conf=CONF + "readinglist_new_days = 12\n",
    )
    outdir, warnings = build(srcdir)
    assert warnings == []
    soup = page(outdir)
    assert titles(soup) == ["Oldest", "Older", "Newest"]
    assert new_titles(soup) == ["Older", "Newest"]


def test_without_the_setting_there_is_no_badge(tmp_path: Path) -> None:
    outdir, warnings = build_copy(
        ROOT, tmp_path / "src", confoverrides={"readinglist_new_days": None}
    )
    assert warnings == []
    index = page(outdir)
    assert index.select(".readinglist-new") == []
    month = index.select_one("article#month")
    assert month is not None and month["data-added"] == "2024-05-02"


@pytest.mark.parametrize("value", [0, -3, True, "30", 2.5, [30]])
def test_a_bad_setting_warns_and_shows_no_badge(tmp_path: Path, value: Any) -> None:
    outdir, warnings = build_copy(
        ROOT, tmp_path / "src", confoverrides={"readinglist_new_days": value}
    )
    ours = [w for w in warnings if "readinglist_new_days" in w]
    assert ours == [
        f"WARNING: readinglist_new_days = {value!r} is not valid; use None, or a "
        "positive number of days such as 30. Using the default, None "
        "[readinglist.config]"
    ]
    assert page(outdir).select(".readinglist-new") == []


def test_source_date_epoch_is_the_reference_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 2024-05-31 23:59:59 UTC: June 1 in Tokyo, but the day is UTC's
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717199999")
    try:
        outdir, warnings = build_copy(ROOT, tmp_path / "src")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert warnings == []
    # new from 2024-05-01: the day-late entry too, and one added after the
    # reference day (2024-06-01) is new as well
    assert new_titles(page(outdir)) == [DL, MO, DE, Y14]
    assert new_titles(page(outdir, "another")) == [RECENT]


def test_an_old_source_date_epoch_leaves_nothing_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1672531200")  # 2023-01-01
    outdir, _warnings = build_copy(ROOT, tmp_path / "src")
    # all was added later than the reference day: all is new but the undated
    assert new_titles(page(outdir)) == [Y, DL, MO, DE, Y14]
    assert new_titles(page(outdir, "another")) == [RECENT, OLD]


def _cards_html(outdir: Path) -> dict[str, list[str]]:
    found = {}
    for path in sorted(outdir.glob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        found[path.name] = [str(c) for c in soup.select("article.readinglist-card")]
    return found


def test_a_parallel_build_gives_the_same_badges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial, warnings = build_copy(ROOT, tmp_path / "serial")
    assert warnings == []
    merged: list[list[str]] = []
    merge = ReadingListDomain.merge_domaindata

    def spy(self: ReadingListDomain, docnames: Any, otherdata: Any) -> None:
        merged.append(sorted(docnames))
        merge(self, docnames, otherdata)

    monkeypatch.setattr(ReadingListDomain, "merge_domaindata", spy)
    with started(_copy(ROOT, tmp_path / "parallel"), parallel=2, freshenv=True) as app:
        assert warnings_of(app._warning) == []
        parallel = Path(app.outdir)
    # read in two processes: one of them read no entry of reading.yaml, where
    # the newest 'added' is, and its pages have their badges all the same
    assert ["another", "another-sorted", "aside"] in merged
    assert _cards_html(parallel) == _cards_html(serial)
    assert new_titles(page(parallel, "another")) == [RECENT]
    assert new_titles(page(parallel, "another-sorted")) == [RECENT]


def _copy(source: Path, dest: Path) -> Path:
    import shutil

    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("_build"))
    return dest


def test_a_rebuild_after_the_newest_added_moves_updates_every_page(
    tmp_path: Path,
) -> None:
    srcdir = _copy(ROOT, tmp_path / "src")
    builddir = tmp_path / "build"
    with started(srcdir, builddir=builddir):
        pass
    assert new_titles(page(builddir / "html", "another")) == [RECENT]
    data = srcdir / "reading.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("added: 2024-06-01", "added: 2024-07-01"))
    with started(srcdir, builddir=builddir, build=False) as app:
        read = documents_read(app)
        assert warnings_of(app._warning) == []
    # the page of the other file was not read again, but written again: its
    # entry added on 2024-05-22 is no longer within 30 days of the newest
    assert read == {"index", "sorts", "myst"}
    assert new_titles(page(builddir / "html", "another")) == []
    assert new_titles(page(builddir / "html", "another-sorted")) == []
    assert new_titles(page(builddir / "html")) == [DE]
    # and back: a rebuild with nothing changed changes nothing
    with started(srcdir, builddir=builddir, build=False) as app:
        assert documents_read(app) == set()
    assert new_titles(page(builddir / "html", "another")) == []


def test_a_new_source_date_epoch_rewrites_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = _copy(ROOT, tmp_path / "src")
    builddir = tmp_path / "build"
    with started(srcdir, builddir=builddir):
        pass
    assert new_titles(page(builddir / "html", "another")) == [RECENT]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    with started(srcdir, builddir=builddir, build=False) as app:
        # no page changed (the root's copyright has no year to correct)
        assert documents_read(app) == set()
    assert new_titles(page(builddir / "html", "another")) == []
    assert new_titles(page(builddir / "html")) == []


def test_latex_shows_the_badge_and_the_dates(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "latex")
    assert warnings == []
    tex = "\n".join(p.read_text(encoding="utf-8") for p in outdir.glob("*.tex"))
    # \DUrole{a}{\DUrole{b}{...}}, or \DUrole{a,b}{...} before Sphinx 8.1
    badges = re.findall(r"\\DUrole\{[^}]*readinglist-new\}\{([^}]*)\}", tex)
    # three new entries on each of the nine lists of reading.yaml, one on
    # each of the two lists of other.yaml
    assert badges == ["New"] * (3 * 9 + 2)
    assert "\\DUrole{readinglist-date}{June 2015}" in tex
    assert "\\DUrole{readinglist-date}{December 31, 2015}" in tex


def test_epub_writes_the_expanded_date_as_a_time_element(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "epub")
    assert warnings == []
    soup = BeautifulSoup(
        (outdir / "index.xhtml").read_text(encoding="utf-8"), "html.parser"
    )
    month = soup.select_one("article#month")
    assert month is not None
    time_ = month.select_one("time.readinglist-date")
    assert time_ is not None
    assert (time_.get_text(), time_["datetime"]) == ("June 2015", "2015-06")
    assert new_titles(soup) == [MO, DE, Y14]


def test_text_shows_the_badge_and_the_dates(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "text")
    assert warnings == []
    other = (outdir / "another.txt").read_text(encoding="utf-8")
    assert re.search(rf"{RECENT}\n\nNew\n", other)
    assert "New" not in other.split(OLD)[1]
    index = (outdir / "index.txt").read_text(encoding="utf-8")
    assert "New · June 2015" in index
    assert "December 31, 2015" in index
    assert "New · December" not in index  # 31 days before: not new


def test_french_badge_and_dates(tmp_path: Path) -> None:
    outdir, warnings = build_copy(
        ROOT, tmp_path / "src", confoverrides={"language": "fr"}
    )
    assert warnings == []
    index = page(outdir)
    assert {b.get_text() for b in index.select(".readinglist-new")} == {"Nouveau"}
    dates = [
        t.get_text() for t in index.select("article#month time, article#day-late time")
    ]
    assert dates == ["31 décembre 2015", "juin 2015"]


def test_bad_dates_in_a_page_warn_at_their_lines(tmp_path: Path) -> None:
    """In a data file and in a directive body, rST and MyST: file:line."""
    pages: dict[str, str] = {}
    lines: dict[str, int] = {}
    files: dict[str, str] = {}
    for syntax in ("rst", "myst"):
        body = (
            f"- title: Bad {syntax}\n  added: 2023-02-30\n"
            f"- title: Fine {syntax}\n  added: 2024-01-01\n"
        )
        use = directive_page(syntax, body=body, title=f"Body {syntax}")
        pages[f"body-{syntax}{use.suffix}"] = use.text
        lines[syntax] = use.line
        filed = directive_page(syntax, f"{syntax}.yaml", title=f"File {syntax}")
        pages[f"file-{syntax}{filed.suffix}"] = filed.text
        files[f"{syntax}.yaml"] = (
            f"resources:\n  - title: In {syntax}\n    added: 2024\n"
        )
    toctree = "".join(f"   {name.rsplit('.', 1)[0]}\n" for name in pages)
    srcdir = write_project(
        tmp_path / "src",
        {"index.rst": f"Index\n=====\n\n.. toctree::\n\n{toctree}", **pages},
        files,
    )
    outdir, warnings = build(srcdir)

    def day(syntax: str) -> str:
        return (
            f"WARNING: entry 'Bad {syntax}': 'added' 2023-02-30 is not a day of "
            "the calendar: February 2023 has 28 days; write e.g. added: "
            "2024-05-01 [readinglist.data]"
        )

    def year(syntax: str) -> str:
        return (
            f"WARNING: entry 'In {syntax}': 'added' must be a date written "
            "YYYY-MM-DD, got 2024, which YAML reads as a number; write e.g. "
            "added: 2024-05-01 [readinglist.data]"
        )

    # the field's line: the body starts after the directive and a blank line
    assert sorted(warnings_of("\n".join(warnings), srcdir)) == sorted(
        [
            f"body-rst.rst:{lines['rst'] + 3}: {day('rst')}",
            f"body-myst.md:{lines['myst'] + 3}: {day('myst')}",
            f"rst.yaml:3: {year('rst')}",
            f"myst.yaml:3: {year('myst')}",
        ]
    )
    # the entries stay, without the bad field
    assert titles(page(outdir, "body-myst")) == ["Bad myst", "Fine myst"]
    assert titles(page(outdir, "file-rst")) == ["In rst"]
