"""Which resources a ``readinglist`` directive shows, in which order and groups.

Pure functions of the directive's options: the directive passes its
``warn`` for the problems to report at its line.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from ..data.dates import date_key, day_number
from ..data.messages import cut, describe, did_you_mean
from ..data.model import LEVELS, ReadingList, Resource
from ..i18n import _
from .labels import (
    LEVEL_LABELS,
    NO_PROJECT_LABELS,
    ProjectLabels,
    kind_name_label,
    tag_slug,
    tag_slugs,
)

SORTS = ("file", "title", "year", "-year", "date", "-date", "added", "-added")
GROUPS = ("kind", "level", "year", "tag")
#: The tag options that keep entries, and all that take tags.
KEEPING_TAGS = ("tags", "all-tags")
TAG_FILTERS = (*KEEPING_TAGS, "exclude-tags")
#: The options that choose entries, in the order a message names them.
FILTERS = ("ids", *TAG_FILTERS, "kind", "exclude-kinds", "level")


def select(
    reading_list: ReadingList,
    options: Mapping[str, Any],
    warn: Callable[[str], None],
    source: str | None = None,
) -> list[Resource]:
    """The resources the options ask for, in the order they ask for.

    :param options: the directive's :data:`FILTERS`, ``:sort:`` and
        ``:limit:``, converted.
    :param warn: reports an unknown id, or a selection that matches nothing.
    :param source: how messages name the data, as the page wrote it (the
        file argument); the data's own path by default.
    """
    source = source or reading_list.path
    resources = list(reading_list.resources)
    unknown_ids = 0
    if "ids" in options:
        by_id = reading_list.by_id()
        chosen = []
        for id_ in options["ids"]:
            if id_ in by_id:
                chosen.append(by_id[id_])
            else:
                unknown_ids += 1
                warn(
                    f":ids: {describe(id_)} is not in {source}"
                    f"{did_you_mean(id_, by_id)}"
                )
        resources = chosen
    # the data's tags, read only when an option names tags
    asks_tags = any(key in options for key in TAG_FILTERS)
    known = _known_tags(reading_list) if asks_tags else set()
    # tags compare as the cards and the filter compare them: by slug
    if "tags" in options:
        wanted = wanted_tags(options["tags"], known)
        resources = [r for r in resources if not wanted.isdisjoint(tag_slugs(r.tags))]
    if "all-tags" in options:
        every = wanted_tags(options["all-tags"], known)
        resources = [r for r in resources if every <= tag_slugs(r.tags).keys()]
    if "exclude-tags" in options:
        unwanted = wanted_tags(options["exclude-tags"], known)
        resources = [r for r in resources if unwanted.isdisjoint(tag_slugs(r.tags))]
    if "kind" in options:
        resources = [r for r in resources if r.kind in options["kind"]]
    if "exclude-kinds" in options:
        resources = [r for r in resources if r.kind not in options["exclude-kinds"]]
    if "level" in options:
        resources = [r for r in resources if r.level in options["level"]]
    sort = options.get("sort", "file")
    if sort == "title":
        resources.sort(key=lambda r: r.title.casefold())
    elif sort != "file":
        resources = sort_by(resources, sort)
    if "limit" in options:
        resources = resources[: options["limit"]]
    only_unknown_ids = (
        "ids" in options
        and unknown_ids == len(options["ids"])
        and not any(key in options for key in FILTERS if key != "ids")
    )
    # every id given is unknown: each has its warning already
    if not resources and reading_list.resources and not only_unknown_ids:
        asked = ", ".join(
            f":{key}: {cut((', ' if key in TAG_FILTERS else ' ').join(options[key]))}"
            for key in FILTERS
            if key in options
        )
        # a tag of the data needs no suggestion: something else left nothing
        asked_tags = _kept_tags(options)
        first_tag = tag_slug(asked_tags[0]) if asked_tags else ""
        hint = did_you_mean(first_tag, sorted(known)) if first_tag not in known else ""
        warn(
            f"the selection {asked} matches no entry of {source}"
            f"{hint}; check the values against the data"
        )
    return resources


def sort_by(resources: list[Resource], sort: str) -> list[Resource]:
    """The resources in the order of a date sort: ``year``, ``date``,
    ``added``, or one of them with ``-`` for the newest first.

    Entries without the value come last in both directions, and entries
    that tie keep their order (the sort is stable). ``date`` sorts by the
    full date, or the year where there is no date; a month or a year alone
    comes before the days it holds (see :func:`.dates.date_key`).
    """
    field = sort.removeprefix("-")
    sign = -1 if sort.startswith("-") else 1
    keys: list[tuple[int, ...] | None]
    if field == "year":
        keys = [None if r.year is None else (r.year,) for r in resources]
    elif field == "date":
        keys = [date_key(r.date, r.year) for r in resources]
    else:
        keys = [None if r.added is None else (day_number(r.added),) for r in resources]

    def key(pair: tuple[int, tuple[int, ...] | None]) -> tuple[bool, tuple[int, ...]]:
        value = pair[1]
        return (value is None, tuple(sign * part for part in value or ()))

    # sorted() is stable: entries that tie keep their order in the file
    pairs = sorted(zip(range(len(resources)), keys, strict=True), key=key)
    return [resources[i] for i, _key in pairs]


def wanted_tags(values: Iterable[str], known: Collection[str]) -> set[str]:
    """The tag slugs that option values name.

    A value is one tag when the data has it (``Computer Vision``), and
    otherwise a space-separated list of tags (``rnn lstm``, the form of
    earlier versions).
    """
    slugs: set[str] = set()
    for value in values:
        slug = tag_slug(value)
        if slug in known or len(value.split()) < 2:
            slugs.add(slug)
        else:
            slugs.update(tag_slug(word) for word in value.split())
    slugs.discard("")
    return slugs


def selected_tags(reading_list: ReadingList, options: Mapping[str, Any]) -> set[str]:
    """The tags that ``:tags:`` and ``:all-tags:`` ask for: the only groups
    of ``:group-by: tag`` when there are any."""
    values = _kept_tags(options)
    return wanted_tags(values, _known_tags(reading_list)) if values else set()


def _kept_tags(options: Mapping[str, Any]) -> list[str]:
    return [tag for key in KEEPING_TAGS for tag in options.get(key, ())]


def _known_tags(reading_list: ReadingList) -> set[str]:
    return {s for r in reading_list.resources for s in tag_slugs(r.tags)}


def groups(
    resources: list[Resource],
    key: str | None,
    tags: Collection[str] = (),
    project: ProjectLabels = NO_PROJECT_LABELS,
) -> list[tuple[str, list[Resource]]]:
    """Split the resources by ``:group-by:`` ``key``, in a meaningful order.

    :param tags: with ``key`` "tag", the only tags to group under (those
        the directive selected), when given.
    :param project: the project's kinds, in their order, and its labels of
        kinds and tags, which head the groups.
    :return: (heading, resources) pairs; one pair with no heading when
        ``key`` is None.
    """
    if key is None:
        return [("", resources)]
    grouped: dict[str, list[Resource]] = {}
    if key == "tag":
        # one group per slug, headed by its label or the tag as first
        # written (issue 11)
        headings: dict[str, str] = {}
        for resource in resources:
            found = tag_slugs(resource.tags)
            if tags:
                found = {s: t for s, t in found.items() if s in tags}
            for slug, tag in (found or {"": ""}).items():
                headings.setdefault(slug, project.tag_labels.get(slug, tag))
                grouped.setdefault(slug, []).append(resource)
        order = sorted(grouped, key=lambda s: (s == "", headings[s].casefold(), s))
        return [(headings[s] or str(_("Untagged")), grouped[s]) for s in order]
    for resource in resources:
        value = getattr(resource, key)
        grouped.setdefault("" if value is None else str(value), []).append(resource)
    if key == "kind":
        # the built-in kinds, then the project's, in the order of its config
        # (a kind the project no longer has, in data read before, sorts last)
        order = [k for k in project.kinds if k in grouped]
        order += sorted(k for k in grouped if k and k not in project.kinds)
        order += [""] if "" in grouped else []
        labels = {k: kind_name_label(k, project) for k in order if k}
        labels[""] = str(_("Other"))
    elif key == "level":
        order = [k for k in (*LEVELS, "") if k in grouped]
        labels = {
            **{k: str(v) for k, v in LEVEL_LABELS.items()},
            "": str(_("Any level")),
        }
    else:
        order = sorted(grouped, key=lambda y: (y == "", -int(y or 0)))
        labels = {"": str(_("Undated"))}
    return [(labels.get(k, k), grouped[k]) for k in order]
