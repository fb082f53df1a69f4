"""``readinglist_feeds``: an Atom feed and a JSON Feed of the newest entries.

The entries with an ``added`` day that each page shows are noted when the
page is read, per document, so Sphinx purges and merges them in incremental
and parallel builds. Once every page is written, the newest of the project
become ``readinglist.atom`` and ``readinglist.json`` at the root of the
output, each item linking to the resource and to its card (the card the
``resource`` role links to). Every page's head links to both feeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin, urlsplit

from sphinx.util.logging import getLogger

from .builders import SITE_BUILDERS
from .cards.labels import tag_label
from .cards.layout import title_url
from .document_store import DocumentStore
from .formats.feeds import Feed, FeedItem, atom, json_feed
from .structured_data import shown_cards
from .vocabulary import project_labels
from .warnings_ import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .data.model import Resource
    from .domain import ReadingListDomain

logger = getLogger(__name__)

ATOM_FILE = "readinglist.atom"
JSON_FILE = "readinglist.json"
#: An entry shown, with its description as plain text.
Shown = tuple["Resource", str]
#: The entries with an ``added`` day that each document shows.
_ENTRIES: DocumentStore[dict[str, Shown]] = DocumentStore("readinglist_feed_entries")
GENERATOR = "https://github.com/sphinx-readinglist/sphinx-readinglist"


def note_entries(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the entries with an ``added`` day that the page shows."""
    if not app.config.readinglist_feeds:
        # turning feeds on re-reads every page (the value rebuilds "env")
        return
    shown: dict[str, Shown] = {}
    for resource, description in shown_cards(doctree):
        if resource.added:
            shown.setdefault(resource.id, (resource, description))
    _ENTRIES.note(app.env, shown)


def _configured_base(app: Sphinx) -> str | None:
    """``html_baseurl`` as written, when this builder is to write feeds."""
    if not app.config.readinglist_feeds or app.builder.name not in SITE_BUILDERS:
        return None
    return (app.config.html_baseurl or "").strip()


def base_url(app: Sphinx) -> str | None:
    """The site's address with a final ``/``, when the builder writes feeds."""
    base = _configured_base(app)
    return base.rstrip("/") + "/" if base and _absolute(base) else None


def _absolute(url: str) -> bool:
    # a feed's ids and links must resolve outside the site: no "/reading/"
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _entry_id(base: str, resource: Resource, card_url: str) -> str:
    """A ``tag:`` URI (RFC 4151): the same while the card moves between pages."""
    host = urlsplit(base).hostname
    if not host:
        return card_url
    return f"tag:{host},{resource.added}:{quote(resource.id, safe='')}"


def feed_items(app: Sphinx, base: str) -> list[FeedItem]:
    """The newest ``readinglist_feed_size`` entries of the project, newest first."""
    env = app.env
    builder: Builder = app.builder
    domain: ReadingListDomain = env.get_domain("readinglist")  # type: ignore[assignment]
    store = _ENTRIES.of(env)
    shown = {id_ for entries in store.values() for id_ in entries}
    labels = project_labels(app.config)
    found: list[tuple[Resource, str, str]] = []
    for id_ in sorted(shown):
        cards = domain.cards_of(id_, env)
        if not cards:
            continue
        docname, anchor, _title = cards[0]
        card = store.get(docname, {}).get(id_)
        if card is None:
            continue
        page_url = base + builder.get_target_uri(docname)
        found.append((*card, f"{page_url}#{anchor}"))
    # newest first; on one day, by title, then id: the same order every build
    found.sort(key=lambda f: (f[0].title.casefold(), f[0].id))
    found.sort(key=lambda f: f[0].added or "", reverse=True)
    items = []
    for resource, summary, card_url in found[: app.config.readinglist_feed_size]:
        address = title_url(resource)
        items.append(
            FeedItem(
                id=_entry_id(base, resource, card_url),
                title=resource.title,
                added=resource.added or "",
                card_url=card_url,
                # a relative url names a page of the site, from the card's page
                resource_url=urljoin(card_url, address) if address else None,
                authors=resource.authors,
                summary=summary or None,
                tags=tuple((tag, tag_label(tag, labels)) for tag in resource.tags),
            )
        )
    return items


def _feed(app: Sphinx, base: str) -> Feed:
    config = app.config
    default_author = config.values["author"].default
    author = config.author if config.author and config.author != default_author else ""
    return Feed(
        title=config.project,
        author=author or config.project,
        home_url=base + app.builder.get_target_uri(config.root_doc),
        atom_url=base + ATOM_FILE,
        json_url=base + JSON_FILE,
        items=tuple(feed_items(app, base)),
        language=config.language or None,
        generator=("sphinx-readinglist", GENERATOR),
    )


def write_feeds(app: Sphinx, exception: BaseException | None) -> None:
    """Write both feeds at the root of the output, once every page is written."""
    if exception is not None:
        return
    base = base_url(app)
    if base is None:
        return
    feed = _feed(app, base)
    if not feed.items:
        logger.warning(
            "readinglist_feeds is on, but no entry shown has an 'added' day, "
            "so the feeds are empty; give entries the day they joined the "
            "list, e.g. added: 2024-05-01",
            type=WARNING_TYPE,
            subtype=Subtype.CONFIG.value,
        )
    outdir = Path(app.outdir)
    (outdir / ATOM_FILE).write_bytes(atom(feed))
    (outdir / JSON_FILE).write_bytes(json_feed(feed))


def _check_base_url(app: Sphinx) -> None:
    base = _configured_base(app)
    if base is None:
        return
    if base and not _absolute(base):
        logger.warning(
            f"readinglist_feeds = True needs html_baseurl to be the full address "
            f"the site is published at, not {base!r}: a feed is read away from "
            "the site; write e.g. html_baseurl = 'https://example.org/reading/'. "
            "No feed is written",
            type=WARNING_TYPE,
            subtype=Subtype.CONFIG.value,
        )
    elif not base:
        logger.warning(
            "readinglist_feeds = True needs html_baseurl, the address the "
            "site is published at, for the feeds' links; set it in conf.py, "
            "e.g. html_baseurl = 'https://example.org/reading/'. No feed is "
            "written",
            type=WARNING_TYPE,
            subtype=Subtype.CONFIG.value,
        )


#: Each feed: its file, its media type and the name its link carries.
FEED_LINKS = (
    (ATOM_FILE, "application/atom+xml", "Atom"),
    (JSON_FILE, "application/feed+json", "JSON Feed"),
)


def _link_feeds(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    base = base_url(app)
    if base is None:
        return
    for file, media_type, name in FEED_LINKS:
        # links of this page only, written with its stylesheets' (Sphinx
        # escapes the title), not in "metatags", which sphinx-immaterial's
        # templates never write; an absolute href is written as it is
        app.builder.add_css_file(  # type: ignore[attr-defined]
            base + file,
            rel="alternate",
            type=media_type,
            title=f"{app.config.project} ({name})",
        )


def setup_feeds(app: Sphinx) -> None:
    """Note the entries as pages are read; write the feeds after the pages."""
    app.connect("doctree-read", note_entries)
    _ENTRIES.connect(app)
    app.connect("builder-inited", _check_base_url)
    app.connect("html-page-context", _link_feeds)
    app.connect("build-finished", write_feeds)
