"""Resources -> docutils nodes shaped like sphinx-design grids and cards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docutils import nodes
from sphinx_design.grids import row_columns_option
from sphinx_design.shared import create_component

from . import nodes as rl_nodes
from .i18n import _
from .model import Resource, Text

KIND_LABELS = {
    "paper": _("Paper"),
    "book": _("Book"),
    "course": _("Course"),
    "video": _("Video"),
    "blog": _("Blog"),
    "article": _("Article"),
    "website": _("Website"),
    "tool": _("Tool"),
    "list": _("List"),
    "talk": _("Talk"),
    "podcast": _("Podcast"),
    "other": _("Other"),
}
LEVEL_LABELS = {
    "beginner": _("Beginner"),
    "intermediate": _("Intermediate"),
    "advanced": _("Advanced"),
}

#: Parses a markup field (``description`` or ``abstract``) of a resource.
ParseText = Callable[[Resource, Text, str], list[nodes.Node]]


@dataclass(frozen=True, slots=True)
class Card:
    """A resource as shown at one place: its HTML anchor and image URI."""

    resource: Resource
    anchor: str
    image_uri: str | None = None


def _badge(text: str, *classes: str) -> nodes.inline:
    return nodes.inline(text, text, classes=["sd-badge", *classes])


def _language_name(code: str) -> str:
    """``fr`` -> ``français``: each language in its own name, as users look for it."""
    try:
        from babel import Locale

        name = Locale.parse(code.replace("-", "_")).get_display_name()
    except (ImportError, ValueError, TypeError, LookupError):
        return code
    return name or code


def _meta(resource: Resource) -> rl_nodes.readinglist_meta | None:
    parts: list[nodes.Node] = []
    if resource.kind:
        label = str(KIND_LABELS[resource.kind])
        parts.append(
            _badge(label, "sd-bg-primary", "sd-bg-text-primary", "readinglist-kind")
        )
    if resource.level:
        label = str(LEVEL_LABELS[resource.level])
        parts.append(
            _badge(label, "sd-outline-primary", "sd-text-primary", "readinglist-level")
        )
    facts: list[nodes.Node] = []
    if resource.authors:
        authors = rl_nodes.readinglist_authors("", classes=["readinglist-authors"])
        for i, author in enumerate(resource.authors):
            if i:
                separator = _(" and ") if i == len(resource.authors) - 1 else ", "
                authors += nodes.Text(str(separator))
            authors += nodes.inline(author, author, classes=["readinglist-author"])
        facts.append(authors)
    if resource.year is not None:
        year = str(resource.year)
        facts.append(nodes.inline(year, year, classes=["readinglist-year"]))
    if resource.venue:
        facts.append(
            nodes.inline(resource.venue, resource.venue, classes=["readinglist-venue"])
        )
    if not parts and not facts:
        return None
    meta = rl_nodes.readinglist_meta("", classes=["readinglist-meta"])
    for i, part in enumerate(parts):
        if i:
            meta += nodes.Text(" ")
        meta += part
    for i, fact in enumerate(facts):
        meta += nodes.Text(" · " if i else (" " if parts else ""))
        meta += fact
    return meta


def _title(card: Card) -> rl_nodes.readinglist_title:
    resource = card.resource
    title = rl_nodes.readinglist_title(
        "", classes=["sd-card-title", "readinglist-title"], ids=[f"{card.anchor}-title"]
    )
    text = nodes.Text(resource.title)
    if resource.url:
        title += nodes.reference("", "", text, refuri=resource.url)
    else:
        title += text
    return title


def _links(resource: Resource) -> nodes.bullet_list | None:
    if not resource.links:
        return None
    items = nodes.bullet_list("", classes=["readinglist-links"])
    for link in resource.links:
        reference = nodes.reference("", link.title, refuri=link.url)
        items += nodes.list_item("", nodes.paragraph("", "", reference))
    return items


def _translations(resource: Resource) -> nodes.paragraph | None:
    if not resource.translations:
        return None
    paragraph = nodes.paragraph("", "", classes=["readinglist-translations"])
    paragraph += nodes.inline(
        "", str(_("Translations:")), classes=["readinglist-label"]
    )
    for i, (code, url) in enumerate(resource.translations):
        paragraph += nodes.Text(", " if i else " ")
        name = _language_name(code)
        paragraph += nodes.reference("", name, refuri=url, classes=[f"lang-{code}"])
    return paragraph


def _tags(resource: Resource) -> nodes.paragraph | None:
    if not resource.tags:
        return None
    paragraph = nodes.paragraph("", "", classes=["readinglist-tags"])
    for i, tag in enumerate(resource.tags):
        if i:
            paragraph += nodes.Text(" ")
        paragraph += _badge(
            tag, "sd-outline-secondary", "sd-text-secondary", "readinglist-tag"
        )
    return paragraph


def _abstract(nodes_: list[nodes.Node]) -> rl_nodes.readinglist_abstract:
    abstract = rl_nodes.readinglist_abstract("", classes=["readinglist-abstract"])
    label = str(_("Abstract"))
    abstract += rl_nodes.readinglist_summary(
        "", "", nodes.strong(label, label), classes=["readinglist-abstract-label"]
    )
    body = create_component("abstract-body", ["readinglist-abstract-body"])
    body.extend(nodes_)
    abstract += body
    return abstract


def data_attributes(resource: Resource) -> dict[str, str]:
    """The ``data-*`` values of a card, for styling and filtering."""
    values = {
        "data-kind": resource.kind or "",
        "data-level": resource.level or "",
        "data-tags": " ".join("-".join(tag.lower().split()) for tag in resource.tags),
        "data-year": str(resource.year) if resource.year is not None else "",
    }
    return {key: value for key, value in values.items() if value}


def render_card(
    card: Card, parse: ParseText, *, layout: str
) -> rl_nodes.readinglist_card:
    """One card, with its parts in reading order.

    :param card: the resource and where it is shown.
    :param parse: turns a markup field into nodes.
    :param layout: ``cards`` or ``list``.
    """
    resource = card.resource
    design = ["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm"]
    node = rl_nodes.readinglist_card(
        "",
        classes=[*(design if layout == "cards" else []), "readinglist-card"],
        ids=[card.anchor],
        title_id=f"{card.anchor}-title",
        **data_attributes(resource),
    )
    if card.image_uri:
        node += nodes.image(
            uri=card.image_uri,
            alt=resource.image_alt if resource.image_alt is not None else "",
            classes=["sd-card-img-top", "readinglist-image"],
        )
    body = create_component("card-body", ["sd-card-body", "readinglist-body"])
    body += _title(card)
    parts: list[nodes.Node | None] = [_meta(resource)]
    if resource.description:
        description = create_component("description", ["readinglist-description"])
        description.extend(parse(resource, resource.description, "description"))
        parts.append(description)
    if resource.abstract:
        parts.append(_abstract(parse(resource, resource.abstract, "abstract")))
    parts += [_links(resource), _translations(resource), _tags(resource)]
    body.extend(part for part in parts if part is not None)
    node += body
    return node


def render_grid(
    cards: Sequence[Card], parse: ParseText, *, layout: str, columns: str
) -> rl_nodes.readinglist_grid:
    """A list of cards: a sphinx-design grid row, or a compact list."""
    # the gap itself comes from --readinglist-gap in the stylesheet
    classes = ["sd-row", *row_columns_option(columns)] if layout == "cards" else []
    grid = rl_nodes.readinglist_grid(
        "", classes=[*classes, "readinglist-grid", f"readinglist-layout-{layout}"]
    )
    for card in cards:
        item_classes = ["sd-col", "sd-d-flex-row"] if layout == "cards" else []
        item = rl_nodes.readinglist_item(
            "", classes=[*item_classes, "readinglist-item"]
        )
        item += render_card(card, parse, layout=layout)
        grid += item
    return grid


def render_group_title(text: str) -> nodes.rubric:
    """A group heading that stays out of the table of contents."""
    return nodes.rubric(text, text, classes=["readinglist-group"])
