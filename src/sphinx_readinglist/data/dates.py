"""The dates of an entry: ``date`` (a day or a month) and ``added`` (a day).

The schema checks how a date is written; here, what it says: a real day
(or month) of the calendar, in the years ``year`` allows. Also how dates
sort, and the first day that the "New" badge counts as new.

Nothing here reads the clock: a build must give the same pages whatever
day it runs (the reference day is the newest ``added`` of the project, or
``SOURCE_DATE_EPOCH``). Nothing here imports Sphinx or docutils.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

#: The fields that hold a date, in the order of the schema.
DATE_FIELDS = ("date", "added")
#: The fields that may give only a month (``2015-05``); ``added`` is a day.
MONTH_FIELDS = frozenset({"date"})

#: ASCII digits only: ``\d`` would take Arabic-Indic digits for numbers.
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")

#: Month names for messages, in English as every message is; not
#: ``calendar.month_name``, which follows the process's locale.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: What a day counts as when it sorts by precision: a month or a year
#: alone comes before the days it holds.
SortKey = tuple[int, int, int]


def written_as_date(text: str, field: str) -> bool:
    """Whether ``text`` has the form of a date of ``field`` (true or not)."""
    if _DAY.fullmatch(text):
        return True
    return field in MONTH_FIELDS and _MONTH.fullmatch(text) is not None


def calendar_problem(text: str, years: tuple[int, int]) -> str | None:
    """Why a value written as a date is no day (or month) of the calendar.

    :param text: a value of the form ``YYYY-MM-DD`` or ``YYYY-MM``.
    :param years: the plausible years, both included.
    :return: ``"implausible"`` for a year out of ``years``; a reason such as
        ``"February 2023 has 28 days"`` for a day that does not exist;
        None for a good date, or a value not written as one.
    """
    found = _DAY.fullmatch(text) or _MONTH.fullmatch(text)
    if found is None:
        return None
    year, month = int(found[1]), int(found[2])
    if not 1 <= month <= 12:
        return f"there is no month {found[2]} (months go from 01 to 12)"
    if found.lastindex == 3:
        day = int(found[3])
        days = _days_in(year, month)
        if not 1 <= day <= days:
            return f"{MONTH_NAMES[month - 1]} {found[1]} has {days} days"
    low, high = years
    if not low <= year <= high:
        return "implausible"
    return None


def _days_in(year: int, month: int) -> int:
    if month == 12:
        return 31
    # year 0 is no year of Python's calendar; it is a leap year, as 2000 is
    following = dt.date(year or 2000, month + 1, 1)
    return (following - dt.timedelta(days=1)).day


def date_key(date: str | None, year: int | None) -> SortKey | None:
    """How an entry sorts by ``date``: its date, else its year; None for neither.

    A month or a year alone sorts before the days it holds (``2015`` before
    ``2015-01``, before ``2015-01-01``): missing parts count as 0.
    """
    if date:
        parts = [int(part) for part in date.split("-")]
        return (parts[0], parts[1], parts[2] if len(parts) > 2 else 0)
    if year is not None:
        return (year, 0, 0)
    return None


def day_number(day: str) -> int:
    """A ``YYYY-MM-DD`` day as a number that sorts as the day: 20240501."""
    return int(day.replace("-", ""))


def source_date(value: str) -> dt.date:
    """The UTC day of a ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC).

    :raises ValueError: when ``value`` is not a whole number of seconds of
        a day Python can hold.
    """
    text = value.strip()
    if not text.isascii() or not text.lstrip("-").isdigit() or len(text) > 20:
        raise ValueError(value)
    try:
        moment = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
            seconds=int(text)
        )
    except OverflowError as exc:
        raise ValueError(value) from exc
    return moment.date()


def new_since(reference: dt.date, days: int) -> str:
    """The first day counted as new: ``days`` before the reference day.

    An entry added on this day or later is new; so an entry added exactly
    ``days`` days before the reference is, and one added a day earlier is not.
    """
    try:
        first = reference - dt.timedelta(days=days)
    except OverflowError:
        first = dt.date.min  # more days than the calendar holds: all are new
    return first.isoformat()


def newest(days: Iterable[str | None]) -> str | None:
    """The latest of some ``YYYY-MM-DD`` days (None for none), or None."""
    found = [day for day in days if day]
    return max(found) if found else None
