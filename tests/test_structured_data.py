"""``readinglist_structured_data``: one schema.org ``ItemList`` on each page with cards."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from sphinx_readinglist.data.model import KINDS, Location, Resource
from sphinx_readinglist.structured_data import TYPES, script_json, thing

from ._sphinx import (
    CONF,
    ROOTS,
    SYNTAXES,
    build,
    build_copy,
    directive_page,
    page,
    write_project,
)
from .test_html_validity import vnu_errors

ROOT = ROOTS / "test-feeds"
SCRIPT = 'script[type="application/ld+json"]'
HOSTILE = "</script><!-- Tom & Jerry <b>x</b> ]]>"
#: The structured data is off by default.
ON = {"readinglist_structured_data": True}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir, warnings = build_copy(
        ROOT, tmp_path_factory.mktemp("ld") / "src", confoverrides=ON
    )
    assert warnings == []
    return outdir


def item_lists(outdir: Path, docname: str = "index") -> list[dict[str, Any]]:
    scripts = page(outdir, docname).select(SCRIPT)
    return [json.loads(script.string or "") for script in scripts]


def the_list(outdir: Path, docname: str = "index") -> dict[str, Any]:
    lists = item_lists(outdir, docname)
    assert len(lists) == 1
    return lists[0]


def items(outdir: Path, docname: str = "index") -> list[dict[str, Any]]:
    elements = the_list(outdir, docname)["itemListElement"]
    assert [e["position"] for e in elements] == list(range(1, len(elements) + 1))
    assert {e["@type"] for e in elements} == {"ListItem"}
    return [e["item"] for e in elements]


def test_a_page_with_cards_has_one_item_list_in_its_head(site: Path) -> None:
    parsed = page(site)
    assert len(parsed.select(f"head {SCRIPT}")) == 1
    assert len(parsed.select(SCRIPT)) == 1
    value = the_list(site)
    assert value["@context"] == "https://schema.org"
    assert value["@type"] == "ItemList"
    assert value["numberOfItems"] == 6


def test_the_items_are_the_cards_in_page_order(site: Path) -> None:
    names = [item["name"] for item in items(site)]
    cards = [t.get_text() for t in page(site).select("article .readinglist-title")]
    assert names == cards
    assert [item["name"] for item in items(site, "papers/more")] == [
        "Deep learning",
        "Batch normalization",
        "Going deeper with convolutions",
    ]


def test_an_item_carries_the_data(site: Path) -> None:
    found = {item["name"]: item for item in items(site)}
    assert found["Deep learning"] == {
        "@type": "ScholarlyArticle",
        "name": "Deep learning",
        "url": "https://www.nature.com/articles/nature14539",
        "author": [
            {"@type": "Person", "name": "Yann LeCun"},
            {"@type": "Person", "name": "Yoshua Bengio"},
            {"@type": "Person", "name": "Geoffrey Hinton"},
        ],
        "datePublished": "2015-05-27",
        "keywords": ["overview", "cv"],
        "description": "A review of deep learning, briefly.",
    }
    ioffe = found["Batch normalization"]
    assert ioffe["url"] == "https://arxiv.org/abs/1502.03167"
    assert ioffe["datePublished"] == "2015"
    assert ioffe["identifier"] == [
        {
            "@type": "PropertyValue",
            "propertyID": "arXiv",
            "value": "1502.03167",
            "url": "https://arxiv.org/abs/1502.03167",
        }
    ]
    book = found["Deep Learning (the book)"]
    assert book["@type"] == "Book"
    assert book["isbn"] == "978-0-262-03561-3"
    assert found["An entry without an added day"]["@type"] == "WebSite"
    assert found["A page of this site"]["@type"] == "CreativeWork"
    assert found[HOSTILE]["@type"] == "VideoObject"  # a talk


def test_no_text_can_close_the_script(site: Path) -> None:
    raw = (site / "index.html").read_text(encoding="utf-8")
    start = raw.index('<script type="application/ld+json">')
    end = raw.index("</script>", start)
    text = raw[start + len('<script type="application/ld+json">') : end]
    for unsafe in ("<", ">", "&", "\u2028", "\u2029"):
        assert unsafe not in text
    hostile = json.loads(text)["itemListElement"][5]["item"]
    assert hostile["name"] == HOSTILE
    assert hostile["author"] == [
        {"@type": "Person", "name": "<script>alert(1)</script>"}
    ]
    assert hostile["url"] == "https://example.org/hostile?a=1&b=2"


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "</SCRIPT >",
        "<!--<script>",
        "line\u2028separator\u2029paragraph",
        "lone \ud800 surrogate",
        "\\u003c already escaped",
    ],
)
def test_script_json_escapes(text: str) -> None:
    written = script_json({"name": text})
    for unsafe in ("<", ">", "&", "\u2028", "\u2029", "\ud800"):
        assert unsafe not in written
    written.encode("utf-8")  # no lone surrogate left
    assert json.loads(written) == {"name": text}


def test_pages_without_cards_have_none(site: Path) -> None:
    for docname in ("plain", "genindex", "search"):
        assert page(site, docname).select(SCRIPT) == [], docname


def test_it_is_off_by_default(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src")
    assert warnings == []
    # the cards of both syntaxes are there, no JSON-LD on any page
    assert page(outdir).select("article#lecun2015")
    assert page(outdir, "papers/more").select("article.sd-card")
    pages = list(outdir.rglob("*.html"))
    assert len(pages) >= 5
    for path in pages:
        assert "ld+json" not in path.read_text(encoding="utf-8"), path


def test_singlehtml_has_one_list_of_every_card(tmp_path: Path) -> None:
    outdir, _warnings = build_copy(
        ROOT, tmp_path / "src", "singlehtml", confoverrides=ON
    )
    names = [item["name"] for item in items(outdir)]
    # each entry once, in the order of the joined page: the toctree's
    # pages come in where the toctree is, above the index's own cards
    assert names == [
        "Deep learning",
        "Batch normalization",
        "Going deeper with convolutions",
        "Deep Learning (the book)",
        "An entry without an added day",
        "A page of this site",
        HOSTILE,
    ]


@pytest.mark.parametrize("builder", ["epub", "latex", "text"])
def test_never_in_other_outputs(tmp_path: Path, builder: str) -> None:
    outdir, _warnings = build_copy(ROOT, tmp_path / "src", builder, confoverrides=ON)
    for path in outdir.rglob("*"):
        if path.is_file() and path.suffix in (".xhtml", ".html", ".tex", ".txt"):
            assert "ld+json" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_every_kind_has_its_type_and_a_card_shown_twice_is_one_item(
    tmp_path: Path, syntax: str
) -> None:
    entries = "".join(
        f"  - id: {kind}-entry\n    title: A {kind}\n    kind: {kind}\n"
        "    tags: [one, two]\n"
        for kind in (*KINDS, "dataset")
    )
    shown = directive_page(syntax, "reading.yaml", [("group-by", "tag")])
    srcdir = write_project(
        tmp_path / "src",
        {f"index{shown.suffix}": shown.text},
        {"reading.yaml": f"resources:\n{entries}"},
        conf=CONF + "readinglist_kinds = {'dataset': 'Dataset'}\n",
    )
    outdir, warnings = build(srcdir, confoverrides=ON)
    assert warnings == []
    # each card is shown under both of its tags
    assert len(page(outdir).select("article.sd-card")) == 2 * (len(KINDS) + 1)
    found = {item["name"]: item["@type"] for item in items(outdir)}
    assert found == {
        **{f"A {kind}": TYPES.get(kind, "CreativeWork") for kind in KINDS},
        "A dataset": "CreativeWork",
    }
    assert found["A other"] == "CreativeWork"
    assert the_list(outdir)["numberOfItems"] == len(KINDS) + 1


def test_the_page_stays_valid_html(site: Path) -> None:
    errors = vnu_errors([site / "index.html", site / "plain.html"])

    def messages(name: str) -> Counter[str]:
        return Counter(e.split(": ", 1)[1] for e in errors if e.startswith(name + ":"))

    assert messages("index.html") - messages("plain.html") == Counter()


def test_email_addresses_stay_hidden_where_the_page_hides_them(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path / "src",
        {
            "index.rst": "Index\n=====\n\n.. readinglist::\n\n"
            "   resources:\n"
            "     - title: Ask Ada\n"
            "       url: mailto:ada@example.org\n"
            "       description: Or write to mailto:ada@example.org today.\n"
        },
    )
    outdir, warnings = build(srcdir, confoverrides=ON)
    assert warnings == []
    # Sphinx cloaks email addresses by default; the structured data too
    assert "ada@example.org" not in (outdir / "index.html").read_text(encoding="utf-8")
    (item,) = items(outdir)
    assert item == {"@type": "CreativeWork", "name": "Ask Ada"}


def test_a_description_with_an_address_is_kept_where_pages_show_addresses() -> None:
    resource = Resource(
        id="ada", title="Ask Ada", location=Location("x.yaml", 1), url="mailto:a@b.org"
    )
    text = "Or write to a@b.org today."
    # a mailto: address is no page of the resource
    assert thing(resource, text) == {
        "@type": "CreativeWork",
        "name": "Ask Ada",
        "description": text,
    }
    assert "description" not in thing(resource, text, cloak=True)


def test_a_long_description_is_shortened() -> None:
    resource = Resource(id="long", title="Long", location=Location("x.yaml", 1))
    words = "word " * 200
    description = thing(resource, words.strip())["description"]
    assert len(description) <= 500
    assert description.endswith("word\u2026")
    assert thing(resource, "x" * 2000)["description"] == "x" * 499 + "\u2026"
    assert thing(resource, "short")["description"] == "short"


def test_a_doi_is_an_identifier_and_the_address_without_url() -> None:
    resource = Resource(
        id="lecun",
        title="Deep learning",
        location=Location("x.yaml", 1),
        doi="10.1038/nature14539",
        kind="paper",
        year=2015,
    )
    assert thing(resource) == {
        "@type": "ScholarlyArticle",
        "name": "Deep learning",
        "url": "https://doi.org/10.1038/nature14539",
        "datePublished": "2015",
        "identifier": [
            {
                "@type": "PropertyValue",
                "propertyID": "DOI",
                "value": "10.1038/nature14539",
                "url": "https://doi.org/10.1038/nature14539",
            }
        ],
    }
