"""A page per tag, and a page of the tags, in the HTML output (issue 17).

With ``readinglist_tag_pages = True``, the ``html`` and ``dirhtml`` builders
write ``<folder>/<tag>.html`` for every tag of the project, listing every
resource with that tag as a card that links to where the resource is shown,
and ``<folder>/index.html``, the tags with their counts.

The pages are collected (``html-collect-pages``, as Sphinx writes
``genindex``), not read as documents: they are made from what every page
showed, known only once all are read, and are written again on every build,
so a data change always reaches them. Sphinx does not index collected pages
for its search; they are fed to the search index here, and kept when Sphinx
prunes it to the documents it knows.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import new_document
from sphinx_design.shared import create_component

from .builders import SITE_BUILDERS
from .cards import nodes as rl_nodes
from .cards.compact import empty_grid
from .cards.labels import ProjectLabels, tag_label, tag_slugs
from .cards.layout import CARD_CLASSES, TagUrl
from .document_store import DocumentStore
from .i18n import _
from .structured_data import EMAIL_ADDRESS, cloaks_addresses, shown_cards
from .vocabulary import project_labels

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment

    from .data.model import Resource
    from .domain import ReadingListDomain

#: The resources with tags that each document shows.
#: Each page's resources with tags, each with its description as plain text.
_TAGGED: DocumentStore[list[tuple[Resource, str]]] = DocumentStore(
    "readinglist_tag_resources"
)
#: The longest file name kept as is; a longer one is cut and hashed.
MAX_NAME = 80
#: What a file name may hold: letters, digits, ``_`` and ``-`` of any script.
_UNSAFE = re.compile(r"[^\w-]")
#: The classes of the container of a list, as the directive gives them.
_LIST_CLASSES = ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "readinglist"]


def tag_page_name(slug: str) -> str:
    """The file name (without suffix) of a tag's page: the slug, when it is
    a safe file name other than ``index``; else its safe part and a hash of
    the slug, so ``../x`` or ``a/b`` cannot leave the folder and no two
    slugs share a page."""
    safe = _UNSAFE.sub("-", slug)[:MAX_NAME].strip("-")
    if safe == slug and slug != "index":
        return slug
    digest = hashlib.sha256(slug.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{safe}-{digest}" if safe else digest


def tag_page_urls(
    builder: StandaloneHTMLBuilder, pagename: str | None
) -> TagUrl | None:
    """Where the tag badges of a card on ``pagename`` link: each tag's page,
    relative to ``pagename`` (the page being written when None); None when
    the builder writes no tag pages."""
    config = builder.config
    if not config.readinglist_tag_pages or builder.name not in SITE_BUILDERS:
        return None
    here = pagename or builder.current_docname
    folder = config.readinglist_tag_pages_folder

    def url(slug: str) -> str | None:
        if not slug:
            return None
        return builder.get_relative_uri(here, f"{folder}/{tag_page_name(slug)}")

    return url


def note_tagged(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the resources with tags that the page shows."""
    if not app.config.readinglist_tag_pages:
        # turning the pages on re-reads every page (the value rebuilds "env")
        return
    # a page that hides email addresses from harvesters: its tag pages too
    cloak = cloaks_addresses(app, doctree)
    tagged = [
        (resource, "" if cloak and EMAIL_ADDRESS.search(text) else text)
        for resource, text in shown_cards(doctree)
        if resource.tags
    ]
    _TAGGED.note(app.env, tagged)


@dataclass
class Tag:
    """One tag of the project: its label and its resources, by id."""

    slug: str
    label: str
    page: str
    #: Each resource, with its description as plain text.
    resources: dict[str, tuple[Resource, str]] = field(default_factory=dict)


def project_tags(
    env: BuildEnvironment, folder: str, labels: ProjectLabels
) -> list[Tag]:
    """Every tag of the project, by label, each with its resources in the
    order they are first shown (documents in name order)."""
    tags: dict[str, Tag] = {}
    store = _TAGGED.of(env)
    for docname in sorted(store):
        for resource, description in store[docname]:
            for slug, written in tag_slugs(resource.tags).items():
                tag = tags.get(slug)
                if tag is None:
                    page = f"{folder}/{tag_page_name(slug)}"
                    label = tag_label(written, labels)
                    tag = tags[slug] = Tag(slug, label, page)
                tag.resources.setdefault(resource.id, (resource, description))
    return sorted(tags.values(), key=lambda t: (t.label.casefold(), t.slug))


def _shown_on(
    builder: StandaloneHTMLBuilder, pagename: str, resource: Resource
) -> nodes.paragraph | None:
    """ "Shown on <page>": a link to the card the ``resource`` role links to."""
    domain: ReadingListDomain = builder.env.get_domain("readinglist")  # type: ignore[assignment]
    cards = domain.cards_of(resource.id, builder.env)
    if not cards:
        return None
    docname, anchor, _title = cards[0]
    uri = builder.get_relative_uri(pagename, docname) + "#" + anchor
    title = builder.env.titles.get(docname)
    text = title.astext() if title is not None else docname
    paragraph = nodes.paragraph("", classes=["readinglist-shown-on"])
    paragraph += nodes.Text(str(_("Shown on")) + " ")
    paragraph += nodes.reference(text, text, refuri=uri, internal=True)
    return paragraph


def _tag_grid(builder: StandaloneHTMLBuilder, tag: Tag, layout: str) -> nodes.container:
    grid = empty_grid(layout, ["sd-row-cols-1"])
    used: set[str] = set()
    for number, (resource, description) in enumerate(tag.resources.values()):
        # the card's own id, never the one of the page that shows it
        anchor = f"tagged-{number}" if resource.id in used else f"tagged-{resource.id}"
        used.add(resource.id)
        card = rl_nodes.readinglist_card(
            "",
            classes=[
                *(CARD_CLASSES if layout == "cards" else ()),
                "readinglist-card",
            ],
            ids=[anchor],
            layout=layout,
            resource=resource,
            pagename=tag.page,
        )
        if description:
            # as plain text: the page is made from the data kept after reading
            part = create_component("description", ["readinglist-description"])
            part += nodes.paragraph(description, description)
            card += part
        shown_on = _shown_on(builder, tag.page, resource)
        if shown_on is not None:
            card += shown_on
        grid += card
    # in the container of a list, as the directive makes it: the cards' colours,
    # focus rings and the theme resets of the grid hang on it
    container = create_component("grid-container", _LIST_CLASSES)
    container += grid
    return container


def _index_table(builder: StandaloneHTMLBuilder, tags: list[Tag], folder: str) -> str:
    """The list of tags, each a link to its page, with its count."""
    rows = []
    for tag in tags:
        uri = builder.get_relative_uri(f"{folder}/index", tag.page)
        rows.append(
            f'<li><a class="reference internal" href="{escape(uri)}">'
            f'<span class="readinglist-tag"><bdi>{escape(tag.label)}</bdi></span></a> '
            f'<span class="readinglist-tag-count">({len(tag.resources)})</span></li>'
        )
    return '<ul class="readinglist-tag-list">\n' + "\n".join(rows) + "\n</ul>\n"


def _search_document(title: str, resources: list[Resource]) -> nodes.document:
    """What the search index reads of a tag page: its title, and each
    resource's title, authors and venue."""
    document = new_document("<tag page>")
    section = nodes.section("", nodes.title(title, title))
    for resource in resources:
        words = [resource.title, *resource.authors, resource.venue or ""]
        text = " ".join(word for word in words if word)
        section += nodes.paragraph(text, text)
    document += section
    return document


def _keep_in_search(builder: StandaloneHTMLBuilder, pagenames: set[str]) -> None:
    """Keep the tag pages when Sphinx prunes the search index to its documents."""
    indexer = builder.indexer
    if indexer is None:
        return
    prune = indexer.prune

    def prune_but_tag_pages(docnames: Any) -> None:
        prune({*docnames, *pagenames})

    indexer.prune = prune_but_tag_pages  # type: ignore[method-assign]


def collect_tag_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The tag pages and the index of tags, for ``html-collect-pages``."""
    config = app.config
    if not config.readinglist_tag_pages or app.builder.name not in SITE_BUILDERS:
        return
    builder: StandaloneHTMLBuilder = app.builder  # type: ignore[assignment]
    folder = config.readinglist_tag_pages_folder
    tags = project_tags(builder.env, folder, project_labels(config))
    pagenames = {tag.page for tag in tags} | {f"{folder}/index"}
    index_title = str(_("Tags"))
    for tag in tags:
        title = str(_("Tagged {tag}")).format(tag=tag.label)
        fragment = builder.render_partial(
            _tag_grid(builder, tag, config.readinglist_layout)
        )["fragment"]
        back = builder.get_relative_uri(tag.page, f"{folder}/index")
        count = str(_("Resources: {count}")).format(count=len(tag.resources))
        body = (
            '<section class="readinglist readinglist-tag-page">\n'
            f"<h1>{escape(title)}</h1>\n"
            f'<p class="readinglist-tag-summary">{escape(count)} · '
            f'<a class="reference internal" href="{escape(back)}">'
            f"{escape(index_title)}</a></p>\n{fragment}</section>\n"
        )
        if builder.indexer is not None:
            builder.indexer.feed(
                tag.page,
                tag.page + builder.out_suffix,
                title,
                _search_document(title, [r for r, _text in tag.resources.values()]),
            )
        # the context's title is HTML: templates write it unescaped
        yield tag.page, {"title": escape(title), "body": body}, "page.html"
    body = (
        '<section class="readinglist readinglist-tag-index" id="readinglist-tags">\n'
        f"<h1>{escape(index_title)}</h1>\n"
        f"{_index_table(builder, tags, folder)}</section>\n"
    )
    if builder.indexer is not None:
        document = new_document("<tag index>")
        section = nodes.section("", nodes.title(index_title, index_title))
        labels = " ".join(tag.label for tag in tags)
        section += nodes.paragraph(labels, labels)
        document += section
        index_page = f"{folder}/index"
        builder.indexer.feed(
            index_page, index_page + builder.out_suffix, index_title, document
        )
    yield f"{folder}/index", {"title": escape(index_title), "body": body}, "page.html"
    _keep_in_search(builder, pagenames)


def setup_tag_pages(app: Sphinx) -> None:
    """Note the tagged resources as pages are read; write the tag pages last."""
    app.connect("doctree-read", note_tagged)
    _TAGGED.connect(app)
    app.connect("html-collect-pages", collect_tag_pages)
