"""One card, two emitters: the layout, and the parity of what each emitter writes.

HTML writes a compact card itself (``html_writer``); every other builder, EPUB
included, writes the card expanded into docutils nodes (``expand``). Both walk
``layout.card_layout``. The parity test builds the same projects both ways
(the expansion runs for HTML too, as it does for EPUB) and compares, card by
card, what a reader gets: the text, the links and the classes.
"""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from sphinx_readinglist.cards import layout
from sphinx_readinglist.cards.transforms import ExpandCards
from sphinx_readinglist.data.model import Link, Location, Resource

from ._sphinx import DOCS, ROOTS, build_copy

PACKAGE = Path(layout.__file__).parent.parent


def _resource(**fields: object) -> Resource:
    return Resource(id="r", title="R", location=Location("r.yaml", 1), **fields)  # type: ignore[arg-type]


# -- the layout ----------------------------------------------------------------


def test_every_field_has_its_part_in_reading_order() -> None:
    resource = _resource(
        url="https://example.org/",
        authors=("Ada", "Grace", "Alan"),
        year=2024,
        venue="Press",
        kind="book",
        level="beginner",
        tags=("a", "b"),
        links=(Link("Slides", "https://example.org/s"),),
        translations=(("fr", "https://example.org/fr"),),
    )
    image, body = layout.card_layout(resource, anchor="r-2", max_authors=None)
    assert image == layout.Image()
    assert isinstance(body, layout.Body)
    assert [type(part).__name__ for part in body.parts] == [
        "Title",
        "Meta",
        "MarkupChildren",
        "Links",
        "Translations",
        "Tags",
    ]
    title, meta, _markup, links, translations, tags = body.parts
    assert title == layout.Title("R", "https://example.org/", "r-2-title")
    assert isinstance(meta, layout.Meta)
    assert [(sep, type(item).__name__) for sep, item in meta.items] == [
        ("", "Badge"),  # kind
        (" ", "Badge"),  # level
        (" ", "Authors"),
        (" · ", "Fact"),  # year
        (" · ", "Fact"),  # venue
    ]
    authors = meta.items[2][1]
    assert isinstance(authors, layout.Authors)
    assert authors.names == (("", "Ada"), (", ", "Grace"), (" and ", "Alan"))
    assert links == layout.Links((layout.Link("Slides", "https://example.org/s"),))
    assert isinstance(translations, layout.Translations)
    assert [(sep, link.classes) for sep, link in translations.links] == [
        (" ", ("lang-fr",))
    ]
    assert isinstance(tags, layout.Tags)
    assert [(sep, badge.label) for sep, badge in tags.badges] == [("", "a"), (" ", "b")]


def test_identifiers_and_a_dead_link_have_their_parts() -> None:
    resource = _resource(
        url="https://example.org/gone",
        doi="10.1038/x<y>",
        arxiv="1502.03167",
        isbn="0-306-40615-2",
        archive="https://web.archive.org/web/2015/https://example.org/gone",
        status="dead",
        kind="paper",
    )
    _image, body = layout.card_layout(resource, anchor="r", max_authors=None)
    assert [type(part).__name__ for part in body.parts] == [
        "Title",
        "Meta",
        "Identifiers",
        "MarkupChildren",
    ]
    title, meta, identifiers, _markup = body.parts
    # dead: the title links nowhere, and a badge says why
    assert title == layout.Title("R", None, "r-title")
    assert isinstance(meta, layout.Meta)
    assert meta.items[0] == ("", layout.Badge("dead link", layout.DEAD_CLASSES))
    assert isinstance(identifiers, layout.Identifiers)
    assert identifiers.items == (
        (
            "",
            layout.Link(
                "Archived copy",
                "https://web.archive.org/web/2015/https://example.org/gone",
                layout.ARCHIVE_CLASSES,
                strong=True,
            ),
        ),
        (
            " · ",
            layout.Link(
                "DOI 10.1038/x<y>",
                "https://doi.org/10.1038/x%3Cy%3E",
                layout.DOI_CLASSES,
            ),
        ),
        (
            " · ",
            layout.Link(
                "arXiv:1502.03167",
                "https://arxiv.org/abs/1502.03167",
                layout.ARXIV_CLASSES,
            ),
        ),
        (" · ", layout.Fact("ISBN 0-306-40615-2", layout.ISBN_CLASSES)),
    )
    # alive: the url, else the DOI, else the arXiv page; the archive last
    alive = _resource(doi="10.1038/x", arxiv="1502.03167", archive="a.html")
    _image, body = layout.card_layout(
        alive,
        anchor="r",
        max_authors=None,
        isbn_resolver="https://openlibrary.org/isbn/{isbn}",
    )
    title, identifiers = body.parts[0], body.parts[1]
    assert isinstance(title, layout.Title)
    assert title.url == "https://doi.org/10.1038/x"
    assert isinstance(identifiers, layout.Identifiers)
    assert identifiers.items[-1] == (
        " · ",
        layout.Link("Archived copy", "a.html", layout.ARCHIVE_CLASSES),
    )
    assert layout.title_url(_resource(arxiv="1502.03167")) == (
        "https://arxiv.org/abs/1502.03167"
    )
    assert layout.title_url(_resource(url="u", doi="10.1038/x")) == "u"
    book = _resource(isbn="978-0-262-03561-3")
    _image, body = layout.card_layout(
        book, anchor="r", max_authors=None, isbn_resolver="/isbn/{isbn}.html"
    )
    assert body.parts[1] == layout.Identifiers(
        (
            (
                "",
                layout.Link(
                    "ISBN 978-0-262-03561-3",
                    "/isbn/9780262035613.html",
                    layout.ISBN_CLASSES,
                ),
            ),
        )
    )


def test_grid_columns_and_labels_as_theming_documents_them() -> None:
    # the classes of docs/theming.md: a cards grid column is a sphinx-design
    # column, a list item is only ours
    assert layout.item_classes("cards") == [
        "sd-col",
        "sd-d-flex-row",
        "readinglist-item",
    ]
    assert layout.item_classes("list") == ["readinglist-item"]
    resource = _resource(
        translations=(
            ("fr", "https://example.org/fr"),
            ("de", "https://example.org/de"),
        )
    )
    _image, body = layout.card_layout(resource, anchor="r", max_authors=None)
    (translations,) = [p for p in body.parts if isinstance(p, layout.Translations)]
    assert translations.label == "Translations:"
    assert [(sep, link.text, link.classes) for sep, link in translations.links] == [
        (" ", "français", ("lang-fr",)),
        (", ", "Deutsch", ("lang-de",)),
    ]


def test_a_title_only_entry_has_title_and_markup_only() -> None:
    _image, body = layout.card_layout(_resource(), anchor="r", max_authors=3)
    assert isinstance(body, layout.Body)
    assert body.parts == (layout.Title("R", None, "r-title"), layout.MarkupChildren())


def test_meta_without_badges_starts_with_its_first_fact() -> None:
    _image, body = layout.card_layout(_resource(year=1999), anchor="r", max_authors=3)
    assert isinstance(body, layout.Body)
    assert body.parts[1] == layout.Meta(
        (("", layout.Fact("1999", ("readinglist-year",))),)
    )


@pytest.mark.parametrize(
    ("count", "max_authors", "fold_after"),
    [
        (4, 3, None),  # "and 1 more" saves nothing
        (5, 3, 3),
        (5, 0, None),  # 0: never fold
        (5, None, None),
        (1, 1, None),
    ],
)
def test_authors_fold_after(
    count: int, max_authors: int | None, fold_after: int | None
) -> None:
    names = tuple(f"Author {i}" for i in range(count))
    _image, body = layout.card_layout(
        _resource(authors=names), anchor="r", max_authors=max_authors
    )
    assert isinstance(body, layout.Body)
    meta = body.parts[1]
    assert isinstance(meta, layout.Meta)
    authors = meta.items[0][1]
    assert isinstance(authors, layout.Authors)
    assert authors.fold_after == fold_after
    assert [name for _sep, name in authors.names] == list(names)


def _imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """The imports of a module, in functions too, but not for type checking only."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        else:
            stack.extend(ast.iter_child_nodes(node))


def test_no_import_loops_in_the_package() -> None:
    """The package's modules, linked by their imports of each other, form no cycle."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        edges = graph.setdefault(module, set())
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.rsplit(".", node.level - 1)[0]
                target = f"{base}.{node.module}" if node.module else base
                edges.add(target)
                # "from . import nodes" imports a module too
                edges.update(f"{target}.{alias.name}" for alias in node.names)
            else:
                names = (
                    [alias.name for alias in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                edges.update(n for n in names if n.startswith("sphinx_readinglist"))
        edges.discard(module)  # a package's "from . import x" in its __init__
    for edges in graph.values():
        edges.intersection_update(graph)

    def cycle_from(start: str, path: list[str]) -> list[str] | None:
        for target in sorted(graph[path[-1]]):
            if target == start:
                return [*path, start]
            if target not in path and target > start:
                found = cycle_from(start, [*path, target])
                if found:
                    return found
        return None

    cycles = [c for m in sorted(graph) if (c := cycle_from(m, [m]))]
    assert cycles == []


def test_card_modules_hold_one_concern_each() -> None:
    """A module over about 500 lines usually holds two concerns: split it."""
    sizes = {
        path.name: len(path.read_text(encoding="utf-8").splitlines())
        for path in (PACKAGE / "cards").glob("*.py")
    }
    assert {name: size for name, size in sizes.items() if size > 500} == {}


# -- the parity of the two emitters --------------------------------------------


def _kitchen_sink(dest: Path) -> Path:
    """A project showing the docs' kitchen-sink data, every field of it."""
    dest.mkdir()
    for name in ("kitchen-sink.yaml", "kitchen-sink-cover.png"):
        shutil.copy(DOCS / "_data" / name, dest / name)
    (dest / "conf.py").write_text('extensions = ["sphinx_readinglist"]\n')
    (dest / "index.rst").write_text(
        "Kitchen sink\n============\n\n.. readinglist:: kitchen-sink.yaml\n"
    )
    return dest


def _classes(element: Tag) -> tuple[str, ...]:
    return tuple(c for c in element.get_attribute_list("class") if c)


def _card(article: Tag) -> dict[str, object]:
    """What a reader gets from one card, with the intended differences set apart."""
    authors = [
        [name.get_text() for name in element.select(".readinglist-author")]
        for element in article.select(".readinglist-authors")
    ]
    # on purpose, HTML folds a long author list behind "and N more", the
    # expanded card lists every name: compare the names, then drop the lists
    for element in article.select(".readinglist-authors"):
        element.decompose()
    item = article.parent
    assert isinstance(item, Tag)
    return {
        "item": _classes(item),
        "attributes": {k: v for k, v in article.attrs.items() if k != "class"},
        "classes": [_classes(article)]
        + [_classes(e) for e in article.find_all(True) if _classes(e)],
        "text": " ".join(article.get_text().split()),
        "links": [(a.get("href"), a.get_text()) for a in article.find_all("a")],
        "authors": authors,
    }


def _cards(outdir: Path) -> dict[str, list[dict[str, object]]]:
    pages = {}
    for page in sorted(outdir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        cards = [_card(a) for a in soup.select("article.readinglist-card")]
        if cards:
            pages[page.relative_to(outdir).as_posix()] = cards
    return pages


@pytest.mark.parametrize(
    "root",
    [
        "basic",
        "options",
        "themes",
        "kitchen-sink",
        "identifiers",
        "kinds-extra",
        "dates",
    ],
)
def test_compact_and_expanded_cards_read_the_same(
    root: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = (
        _kitchen_sink(tmp_path / "source")
        if root == "kitchen-sink"
        else ROOTS / f"test-{root}"
    )
    compact_dir, compact_warnings = build_copy(source, tmp_path / "compact")
    # EPUB's path, taken by the HTML builder: the cards expanded into nodes
    monkeypatch.setattr(ExpandCards, "is_supported", lambda self: True)
    expanded_dir, expanded_warnings = build_copy(source, tmp_path / "expanded")

    compact, expanded = _cards(compact_dir), _cards(expanded_dir)
    assert compact, "no card was built"
    assert list(expanded) == list(compact)
    for page, cards in compact.items():
        assert len(expanded[page]) == len(cards)
        for before, after in zip(cards, expanded[page], strict=True):
            assert after == before, f"{page}, card {before['attributes']}"
    assert [w.replace("expanded", "compact") for w in expanded_warnings] == (
        compact_warnings
    )
    # and the second build did take the other path: an expanded meta line
    # is a paragraph node, written as a p; the compact writer writes a div
    assert _meta_tags(expanded_dir) == {"p"}
    assert _meta_tags(compact_dir) == {"div"}


def _meta_tags(outdir: Path) -> set[str]:
    """The HTML elements that the cards' meta lines are written as."""
    tags: set[str] = set()
    for page in outdir.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        tags.update(meta.name for meta in soup.select(".readinglist-meta"))
    return tags
