"""``readinglist_structured_data``: a schema.org ``ItemList`` on each page with cards.

The resources a page shows, in page order, each typed by its kind, go into
one ``<script type="application/ld+json">`` among the page's scripts (in
its head in most themes), for search engines. HTML builders only, never
EPUB. The JSON is escaped so that no text of the data can end the script or
open a comment (:func:`script_json`).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .builders import writes_web_pages
from .cards.layout import title_url
from .cards.nodes import compact_cards
from .data.identifiers import arxiv_url, doi_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .data.model import Resource

#: The schema.org type of each built-in kind; other kinds are CreativeWork.
#: A talk is a VideoObject: a reading list points at its recording (an
#: Event would need the day and the place it was given).
TYPES = {
    "paper": "ScholarlyArticle",
    "book": "Book",
    "course": "Course",
    "video": "VideoObject",
    "blog": "BlogPosting",
    "article": "Article",
    "website": "WebSite",
    "list": "WebSite",
    "tool": "SoftwareApplication",
    "talk": "VideoObject",
    "podcast": "PodcastEpisode",
}
DEFAULT_TYPE = "CreativeWork"
#: The longest description written: the page shows the whole text already,
#: and a list of a thousand cards should not carry it twice.
MAX_DESCRIPTION = 500

#: What could end the script or start a comment in it, or end a line in
#: older JavaScript, written as JSON escapes; lone surrogates cannot be UTF-8.
_UNSAFE = re.compile("[<>&\u2028\u2029\ud800-\udfff]")


#: An email address in a text, as a harvester would find it.
EMAIL_ADDRESS = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")


def cloaks_addresses(app: Sphinx, doctree: nodes.document) -> bool:
    """Whether the page hides email addresses, as the HTML writer decides
    (on by default in Sphinx)."""
    settings = getattr(app.builder, "docsettings", None) or doctree.settings
    return bool(getattr(settings, "cloak_email_addresses", False))


def shortened(text: str, limit: int = MAX_DESCRIPTION) -> str:
    """``text``, cut at a space before ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "\u2026"


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe as the text of an HTML ``script``."""
    # no spaces after separators: a page of thousands of cards carries it
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE.sub(_escape, text)


def _identifiers(resource: Resource) -> list[dict[str, str]]:
    found = []
    if resource.doi:
        found.append(("DOI", resource.doi, doi_url(resource.doi)))
    if resource.arxiv:
        found.append(("arXiv", resource.arxiv, arxiv_url(resource.arxiv)))
    if resource.isbn:
        found.append(("ISBN", resource.isbn, ""))
    return [
        {"@type": "PropertyValue", "propertyID": name, "value": value}
        | ({"url": url} if url else {})
        for name, value, url in found
    ]


def thing(
    resource: Resource, description: str = "", *, cloak: bool = False
) -> dict[str, Any]:
    """The schema.org description of ``resource``, with its ``description``
    as plain text.

    :param cloak: the page hides email addresses from harvesters
        (docutils' ``cloak_email_addresses``): none is written here either.
    """
    value: dict[str, Any] = {
        "@type": TYPES.get(resource.kind or "", DEFAULT_TYPE),
        "name": resource.title,
    }
    url = title_url(resource)
    # an email address is no web page of the resource
    if url and not url.lower().startswith("mailto:"):
        value["url"] = url
    if resource.authors:
        value["author"] = [{"@type": "Person", "name": a} for a in resource.authors]
    if resource.date or resource.year:
        value["datePublished"] = resource.date or str(resource.year)
    identifiers = _identifiers(resource)
    if identifiers:
        value["identifier"] = identifiers
    if resource.isbn and value["@type"] == "Book":
        value["isbn"] = resource.isbn
    if resource.tags:
        value["keywords"] = list(resource.tags)
    if description and not (cloak and EMAIL_ADDRESS.search(description)):
        value["description"] = shortened(description)
    return value


def item_list_json(cards: list[tuple[Resource, str]], *, cloak: bool = False) -> str:
    """The ``ItemList`` of the resources of ``cards``, each once, in order, as
    :func:`script_json` writes it."""
    first: dict[str, tuple[Resource, str]] = {}
    for resource, description in cards:
        # a card shown under each of its tags (:group-by: tag) is one item
        first.setdefault(resource.id, (resource, description))
    head = script_json(
        {
            "@context": "https://schema.org",
            "@type": "ItemList",
            "numberOfItems": len(first),
        }
    )
    # item by item: the values of a page of thousands of cards are never
    # all held at once (nor paused for the garbage collector: see data.collector)
    items = ",".join(
        script_json(
            {
                "@type": "ListItem",
                "position": position,
                "item": thing(*card, cloak=cloak),
            }
        )
        for position, card in enumerate(first.values(), start=1)
    )
    return f'{head[:-1]},"itemListElement":[{items}]}}'


def _description(card: nodes.Element) -> str:
    # a child of the card, in the compact form every HTML page is written from
    for child in card.children:
        if isinstance(child, nodes.Element) and (
            "readinglist-description" in child["classes"]
        ):
            return " ".join(child.astext().split())
    return ""


def shown_cards(doctree: nodes.Node) -> list[tuple[Resource, str]]:
    """The resources of the cards of ``doctree`` in page order, each with its
    description as plain text (the card holds it parsed, not its source)."""
    return [(card["resource"], _description(card)) for card in compact_cards(doctree)]


def _add_item_list(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if (
        doctree is None
        or not app.config.readinglist_structured_data
        or not writes_web_pages(app.builder)
    ):
        return
    cards = shown_cards(doctree)
    if not cards:
        return
    body = item_list_json(cards, cloak=cloaks_addresses(app, doctree))
    # a script of this page only (Sphinx resets them for each page), not
    # "metatags": sphinx-immaterial's templates never write those
    app.builder.add_js_file(  # type: ignore[attr-defined]
        None, body=body, type="application/ld+json"
    )


def setup_structured_data(app: Sphinx) -> None:
    """Add the ``ItemList`` to each HTML page with cards."""
    app.connect("html-page-context", _add_item_list)
