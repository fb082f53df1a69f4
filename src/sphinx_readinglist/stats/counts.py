"""What a ``readinglist-stats`` directive counts: entries by kind, level, year, tag.

Pure functions of the selected resources and the project's labels; the
directive turns each :class:`Chart` into a table for every builder and, in
HTML, an SVG bar chart too (:mod:`.svg`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..cards.labels import (
    LEVEL_LABELS,
    NO_PROJECT_LABELS,
    ProjectLabels,
    kind_name_label,
    tag_slugs,
)
from ..data.model import LEVELS, Resource
from ..i18n import _

#: What a chart may count, in the order ``:by:`` takes by default.
DIMENSIONS = ("kind", "level", "year", "tag")
#: How many tags a chart shows when ``:top:`` is not given.
DEFAULT_TOP = 10


@dataclass(frozen=True)
class Bar:
    """One value counted: its label as shown, and how many entries have it."""

    label: str
    count: int


@dataclass(frozen=True)
class Chart:
    """The counts of one dimension, in the order they are shown."""

    #: The dimension: one of :data:`DIMENSIONS`.
    by: str
    #: The chart's heading and the table's caption ("By kind").
    title: str
    #: The heading of the table's first column ("Kind").
    header: str
    bars: tuple[Bar, ...]
    #: How many values (tags) were left out by ``:top:``.
    hidden: int = 0


def _titles() -> dict[str, tuple[str, str]]:
    # looked up when a page is read, in the project's language
    return {
        "kind": (str(_("By kind")), str(_("Kind"))),
        "level": (str(_("By level")), str(_("Level"))),
        "year": (str(_("By year")), str(_("Year"))),
        "tag": (str(_("By tag")), str(_("Tag"))),
    }


def charts(
    resources: Sequence[Resource],
    by: Iterable[str] = DIMENSIONS,
    *,
    top: int = DEFAULT_TOP,
    project: ProjectLabels = NO_PROJECT_LABELS,
) -> list[Chart]:
    """The charts of ``resources``, one per dimension of ``by``, in that order.

    The entries without a value count last, under "No kind", "Any level",
    "Undated" or "Untagged", so that each chart adds up to the entries
    counted (or, for tags, says which entries have none).

    :param top: the most tags shown, the most used first.
    :param project: the project's kinds, in their order, and its labels of
        kinds and tags.
    """
    titles = _titles()
    found = []
    for dimension in by:
        bars, hidden = _bars(resources, dimension, top, project)
        title, header = titles[dimension]
        found.append(Chart(dimension, title, header, tuple(bars), hidden))
    return found


def _bars(
    resources: Sequence[Resource], dimension: str, top: int, project: ProjectLabels
) -> tuple[list[Bar], int]:
    """The bars of one dimension, and how many values ``top`` left out."""
    if dimension == "tag":
        return _tag_bars(resources, top, project)
    counts = Counter(getattr(r, dimension) for r in resources)
    missing = counts.pop(None, 0)
    if dimension == "kind":
        # the built-in kinds, then the project's, in the order of its config
        # (a kind the project no longer has, in data read before, sorts last)
        order = [k for k in project.kinds if k in counts]
        order += sorted(k for k in counts if k not in project.kinds)
        bars = [Bar(kind_name_label(k, project), counts[k]) for k in order]
        none_label = str(_("No kind"))
    elif dimension == "level":
        bars = [Bar(str(LEVEL_LABELS[k]), counts[k]) for k in LEVELS if k in counts]
        none_label = str(_("Any level"))
    else:
        bars = [Bar(str(year), counts[year]) for year in sorted(counts)]
        none_label = str(_("Undated"))
    if missing:
        bars.append(Bar(none_label, missing))
    return bars, 0


def _tag_bars(
    resources: Sequence[Resource], top: int, project: ProjectLabels
) -> tuple[list[Bar], int]:
    """Tags by count, then by label; counted by slug, as the filter does."""
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    untagged = 0
    for resource in resources:
        slugs = tag_slugs(resource.tags)
        if not slugs:
            untagged += 1
        for slug, tag in slugs.items():
            counts[slug] += 1
            labels.setdefault(slug, project.tag_labels.get(slug, tag))
    order = sorted(counts, key=lambda s: (-counts[s], labels[s].casefold(), s))
    bars = [Bar(labels[s], counts[s]) for s in order[:top]]
    if untagged:
        bars.append(Bar(str(_("Untagged")), untagged))
    return bars, max(len(order) - top, 0)
