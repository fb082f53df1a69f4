"""The optional filter of a list (the ``:filter:`` flag), for HTML pages.

The directive puts a :class:`readinglist_filter` placeholder above the cards.
In HTML it is an empty, ``hidden`` element carrying, as JSON in a ``data-*``
attribute, what ``readinglist.js`` needs to build the controls: the list's id
(the namespace of its state in the page's URL), the translated labels, and
the tags, kinds and levels that occur in the list, and (added when the page
is written) ``readinglist_filter_max_tags``. The script builds every
control, so a page read without JavaScript shows all cards and no control
that does nothing. Other outputs have nothing to click: the placeholder is a
comment node, which every other writer already skips.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .cards.labels import (
    LEVEL_LABELS,
    NO_PROJECT_LABELS,
    TAG_SEPARATOR,
    ProjectLabels,
    kind_name_label,
    tag_slugs,
)
from .cards.labels import tag_slug as tag_slug  # the filter's values, for tests
from .data.model import LEVELS, Resource
from .i18n import _
from .text.tex import MATHJAX_IGNORE

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: The attribute of the placeholder that holds its JSON configuration.
CONFIG_ATTRIBUTE = "data-readinglist-filter"


class readinglist_filter(nodes.comment):  # noqa: N801 (docutils node naming)
    """Where the filter controls go: a hidden ``div`` in HTML, nothing elsewhere.

    Subclassing :class:`~docutils.nodes.comment` lets LaTeX, text, man and
    Texinfo writers skip it through their comment visitors.
    """


def labels() -> dict[str, str]:
    """The words of the controls, in the project's language."""
    return {
        "filter": str(_("Filter the resources")),
        "search": str(_("Search")),
        "placeholder": str(_("Title, author, tag, venue or address")),
        "clear": str(_("Show all")),
        # {shown} and {total} are replaced by the script
        "status": str(_("{shown} of {total} resources")),
        "empty": str(_("No entry matches.")),
        "more": str(_("More tags")),
        "fewer": str(_("Fewer tags")),
    }


def facets(
    resources: Sequence[Resource], project: ProjectLabels = NO_PROJECT_LABELS
) -> list[dict[str, Any]]:
    """The kinds, levels and tags that can narrow ``resources``.

    Each facet names the card attribute it reads and its values, in the
    docs' order for kinds (then the project's kinds) and levels and
    alphabetically for tags, each as ``[value, label]``. A tag's value is
    its :func:`~.render.tag_slug`, as the cards' ``data-tags`` write it,
    and its label the project's (``readinglist_tag_labels``) or the tag as
    first written. A facet that cannot narrow the list (no value, or one
    value that every entry has) is left out.
    """
    kinds = {r.kind for r in resources if r.kind}
    levels = {r.level for r in resources if r.level}
    tags: dict[str, str] = {}
    per_entry_tags = []
    for resource in resources:
        slugs = tag_slugs(resource.tags)
        for slug, tag in slugs.items():
            tags.setdefault(slug, project.tag_labels.get(slug, tag))
        per_entry_tags.append(TAG_SEPARATOR.join(slugs) or None)
    found = [
        (
            "kind",
            str(_("Kind")),
            [
                [k, kind_name_label(k, project)]
                for k in (*project.kinds, *sorted(kinds - set(project.kinds)))
                if k in kinds
            ],
            [r.kind for r in resources],
        ),
        (
            "level",
            str(_("Level")),
            [[v, str(LEVEL_LABELS[v])] for v in LEVELS if v in levels],
            [r.level for r in resources],
        ),
        (
            "tags",
            str(_("Tags")),
            [
                [slug, tags[slug]]
                for slug in sorted(tags, key=lambda s: (tags[s].casefold(), s))
            ],
            per_entry_tags,
        ),
    ]
    return [
        {"name": name, "label": label, "attribute": f"data-{name}", "values": values}
        for name, label, values, per_entry in found
        if _narrows(values, per_entry)
    ]


def _narrows(values: list[list[str]], per_entry: Iterable[str | None]) -> bool:
    if not values:
        return False
    return len(values) > 1 or any(value is None for value in per_entry)


def list_id(
    container: nodes.Element, document: nodes.document, data_path: str | None
) -> str:
    """The HTML id of a list: its ``:name:`` label, or one from its data file.

    The id namespaces the list's filter state in the page's URL, so it should
    not change from build to build: ``general-dl.yaml`` gives
    ``readinglist-general-dl``, then ``-2``, ``-3`` on the same page.
    """
    if container["ids"]:
        return str(container["ids"][0])
    stem = PurePath(data_path).stem if data_path else ""
    base = nodes.make_id(f"readinglist-{stem}") if stem else "readinglist"
    id_ = base
    n = 1
    while id_ in document.ids:
        n += 1
        id_ = f"{base}-{n}"
    container["ids"].append(id_)
    document.ids[id_] = container
    return id_


def filter_node(
    container: nodes.Element,
    document: nodes.document,
    resources: Sequence[Resource],
    data_path: str | None,
    *,
    project: ProjectLabels = NO_PROJECT_LABELS,
) -> readinglist_filter:
    """The filter placeholder of a list, to put above its cards.

    Gives ``container`` an id if it has none, and the class
    ``readinglist-filterable``.

    :param container: the list's outer node.
    :param document: the document, whose ids the new ids must not reuse.
    :param resources: the entries shown, whose tags, kinds and levels the
        filter offers.
    :param data_path: the data file, to name the list after; None for a body.
    :param project: the project's kinds and labels of kinds and tags.
    :return: the node, whose HTML is an empty ``hidden`` element.
    """
    id_ = list_id(container, document, data_path)
    container["classes"].append("readinglist-filterable")
    # the controls show tags from the data: text, not math
    node = readinglist_filter("", "", classes=["readinglist-filter", *MATHJAX_IGNORE])
    node_id = f"{id_}-filter"
    if node_id not in document.ids:
        node["ids"].append(node_id)
        document.ids[node_id] = node
    config = {
        "list": id_,
        "labels": labels(),
        "facets": facets(resources, project),
    }
    # ensure_ascii keeps the attribute plain ASCII; the writer escapes quotes
    node["config"] = json.dumps(config, ensure_ascii=True, separators=(",", ":"))
    return node


def visit_filter_html(self: HTML5Translator, node: nodes.Element) -> None:
    if self.builder.name == "epub":
        raise nodes.SkipNode  # e-books run no script: no controls to build
    # a setting of the project, not of the list: added when writing
    config = json.loads(node["config"])
    config["moreAfter"] = self.config.readinglist_filter_max_tags
    attributes: dict[str, Any] = {
        CONFIG_ATTRIBUTE: json.dumps(config, ensure_ascii=True, separators=(",", ":"))
    }
    self.body.append(self.starttag(node, "div", "", hidden="hidden", **attributes))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def has_filter(doctree: nodes.Node | None) -> bool:
    """Whether a page shows a list with a filter (and so needs the script)."""
    if doctree is None:
        return False
    return any(True for _node in doctree.findall(readinglist_filter))


def setup_filter(app: Sphinx) -> None:
    """Register the placeholder node; only HTML writes it."""
    app.add_node(readinglist_filter, html=(visit_filter_html, None))
