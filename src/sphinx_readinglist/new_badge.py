"""The "New" badge: the project's reference day, and the pages it changes.

An entry is new when its ``added`` day is at most ``readinglist_new_days``
days before the reference day: the day of ``SOURCE_DATE_EPOCH`` when it is
set, else the newest ``added`` of every data file the project reads. The
clock is never read, so a build gives the same pages whatever day it runs.

The newest ``added`` is project-wide, known only once every page is read
(and, in a parallel build, merged): it is worked out on
``env-get-updated``, kept in the domain data, and read by the writers, which
write the cards. When it moves, every page showing an entry with ``added``
is written again, even if it was not read again.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from sphinx.util.logging import getLogger

from .data.dates import new_since as first_new_day
from .data.dates import newest, source_date
from .warnings_ import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import ReadingListDomain

logger = getLogger(__name__)

#: The variable of reproducible builds: the time of the last change of the
#: sources, in seconds since 1970 (https://reproducible-builds.org/specs/source-date-epoch/).
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def _domain(env: BuildEnvironment) -> ReadingListDomain:
    return env.get_domain("readinglist")  # type: ignore[return-value]


def new_since(env: BuildEnvironment) -> str | None:
    """The first ``added`` day that gets the "New" badge, or None for no badge.

    Worked out once the pages are read (:func:`update_reference`); the
    writers only read it.
    """
    since = _domain(env).data.get("new_since")
    return since if isinstance(since, str) else None


def reference_day(
    domain: ReadingListDomain, environ: Mapping[str, str]
) -> dt.date | None:
    """The day "new" counts back from: ``SOURCE_DATE_EPOCH``'s day (UTC),
    else the newest ``added`` of the project, or None when no entry has one.

    A ``SOURCE_DATE_EPOCH`` that is no number of seconds is reported and
    the newest ``added`` is used.
    """
    epoch = environ.get(SOURCE_DATE_EPOCH)
    if epoch is not None and epoch.strip():
        try:
            return source_date(epoch)
        except ValueError:
            logger.warning(
                "%s = %r is not a number of seconds since 1970, as reproducible "
                "builds set it (e.g. 1714521600); the newest 'added' of the data "
                'is used as the day the "New" badge counts from',
                SOURCE_DATE_EPOCH,
                epoch[:40],
                type=WARNING_TYPE,
                subtype=Subtype.CONFIG.value,
            )
    latest = newest(source.newest_added for source in domain.sources.values())
    return None if latest is None else dt.date.fromisoformat(latest)


def compute_new_since(
    domain: ReadingListDomain, days: int | None, environ: Mapping[str, str]
) -> str | None:
    """The first day counted as new, for ``readinglist_new_days = days``."""
    if days is None:
        return None
    reference = reference_day(domain, environ)
    return None if reference is None else first_new_day(reference, days)


def update_reference(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Work out the first new day; if it moved, the pages to write again.

    On ``env-get-updated``: after every page is read and merged, before any
    is written. The pages read in this build are written anyway; the others
    showing entries with ``added`` need their badges redone.
    """
    domain = _domain(env)
    since = compute_new_since(domain, app.config.readinglist_new_days, os.environ)
    if since == domain.data.get("new_since"):
        return []
    domain.data["new_since"] = since
    return sorted(docname for docname, page in domain.pages.items() if page.added)


def setup_new_badge(app: Sphinx) -> None:
    """Work out the reference day once the pages are read."""
    app.connect("env-get-updated", update_reference)
