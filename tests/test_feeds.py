"""``readinglist_feeds``: the Atom feed and the JSON Feed of the newest entries.

The Atom feed is parsed with defusedxml and checked for every element RFC
4287 requires; the JSON Feed is validated against the rules of the JSON Feed
1.1 specification (tests/data/jsonfeed/). Two builds, serial and parallel
builds, and a rebuild after a data change are compared byte for byte.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import jsonschema
import pytest
from defusedxml import ElementTree as SafeET

from sphinx_readinglist.formats.feeds import Feed, FeedItem, atom, clean, json_feed

from ._sphinx import CONF, ROOTS, build, build_copy, page, started, write_project

ROOT = ROOTS / "test-feeds"
SCHEMA = Path(__file__).parent / "data" / "jsonfeed" / "jsonfeed-1.1.schema.json"
NS = {"a": "http://www.w3.org/2005/Atom"}
BASE = "https://example.org/reading/"

#: The entries with an ``added`` day, newest first; on one day, by title.
NEWEST_FIRST = [
    "szegedy2015",
    "local-page",
    "ioffe2015",
    "goodfellow2016",
    "lecun2015",
    "hostile",
]
HOSTILE = "</script><!-- Tom & Jerry <b>x</b> ]]>"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir, warnings = build_copy(ROOT, tmp_path_factory.mktemp("feeds") / "src")
    assert warnings == []
    return outdir


def parse_atom(outdir: Path) -> Element:
    root: Element = SafeET.fromstring((outdir / "readinglist.atom").read_bytes())
    return root


def read_json(outdir: Path) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(
        (outdir / "readinglist.json").read_text(encoding="utf-8")
    )
    return value


def validate_json_feed(document: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)


def text_of(element: Element, path: str) -> str:
    found = element.find(path, NS)
    assert found is not None, path
    return found.text or ""


def check_atom(root: Element) -> None:
    """Every element RFC 4287 requires, once, where it is required."""
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"a:{name}", NS)) == 1, name
    feed_author = root.findall("a:author/a:name", NS)
    for entry in root.findall("a:entry", NS):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"a:{name}", NS)) == 1, name
        # an author of its own, or the feed's (4.1.1)
        assert entry.findall("a:author/a:name", NS) or feed_author
        # no content: an alternate link is required (4.1.2)
        assert entry.find("a:content", NS) is None
        alternates = [
            link
            for link in entry.findall("a:link", NS)
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == 1
        for link in entry.findall("a:link", NS):
            assert link.get("href", "").startswith(("https://", "http://"))
        for updated in entry.findall("a:updated", NS):
            assert (updated.text or "").endswith("T00:00:00Z")


def entry_ids(root: Element) -> list[str]:
    return [text_of(e, "a:id").rsplit(":", 1)[1] for e in root.findall("a:entry", NS)]


# -- the feeds ---------------------------------------------------------------------


def test_the_atom_feed_holds_every_required_element(site: Path) -> None:
    root = parse_atom(site)
    check_atom(root)
    assert text_of(root, "a:id") == BASE + "readinglist.atom"
    assert text_of(root, "a:title") == "Deep reading"
    assert text_of(root, "a:author/a:name") == "The readers"
    # the newest added day of the project, never the day of the build
    assert text_of(root, "a:updated") == "2024-03-02T00:00:00Z"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    links = {link.get("rel"): link.get("href") for link in root.findall("a:link", NS)}
    assert links == {
        "self": BASE + "readinglist.atom",
        "alternate": BASE + "index.html",
    }


def test_entries_are_the_newest_added_first_without_undated_ones(site: Path) -> None:
    root = parse_atom(site)
    assert entry_ids(root) == NEWEST_FIRST
    assert [item["id"].rsplit(":", 1)[1] for item in read_json(site)["items"]] == (
        NEWEST_FIRST
    )


def test_an_entry_points_at_the_resource_and_at_its_card(site: Path) -> None:
    entries = {
        text_of(e, "a:id").rsplit(":", 1)[1]: e
        for e in parse_atom(site).findall("a:entry", NS)
    }
    entry = entries["ioffe2015"]
    links = {link.get("rel"): link.get("href") for link in entry.findall("a:link", NS)}
    # no url: the arXiv page; the card the resource role links to: index
    assert links == {
        "alternate": "https://arxiv.org/abs/1502.03167",
        "related": BASE + "index.html#ioffe2015",
    }
    # a card shown only on a page in a folder
    links = {
        link.get("rel"): link.get("href")
        for link in entries["szegedy2015"].findall("a:link", NS)
    }
    assert links["related"] == BASE + "papers/more.html#szegedy2015"
    assert page(site, "papers/more").select_one("article#szegedy2015") is not None
    assert page(site, "index").select_one("article#ioffe2015") is not None
    # a relative url is a page of the site, as seen from the card's page
    links = {
        link.get("rel"): link.get("href")
        for link in entries["local-page"].findall("a:link", NS)
    }
    assert links["alternate"] == BASE + "plain.html"
    assert (
        text_of(entries["ioffe2015"], "a:id") == "tag:example.org,2024-03-01:ioffe2015"
    )


def test_an_entry_carries_the_data(site: Path) -> None:
    entries = {
        text_of(e, "a:id").rsplit(":", 1)[1]: e
        for e in parse_atom(site).findall("a:entry", NS)
    }
    lecun = entries["lecun2015"]
    assert text_of(lecun, "a:title") == "Deep learning"
    assert [n.text for n in lecun.findall("a:author/a:name", NS)] == [
        "Yann LeCun",
        "Yoshua Bengio",
        "Geoffrey Hinton",
    ]
    # the description as plain text: the link's text, no markup
    assert text_of(lecun, "a:summary") == "A review of deep learning, briefly."
    assert text_of(lecun, "a:published") == "2024-01-15T00:00:00Z"
    assert [
        (c.get("term"), c.get("label")) for c in lecun.findall("a:category", NS)
    ] == [
        ("overview", None),
        ("cv", "Computer vision"),
    ]
    # text from the data stays text
    hostile = entries["hostile"]
    assert text_of(hostile, "a:title") == HOSTILE
    assert text_of(hostile, "a:author/a:name") == "<script>alert(1)</script>"
    assert [c.get("term") for c in hostile.findall("a:category", NS)] == ["</script>"]
    assert text_of(hostile, "a:summary") == "A \u201cquoted\u201d <em>text</em> & more."
    raw = (site / "readinglist.atom").read_text(encoding="utf-8")
    assert "<script>" not in raw
    assert "<em>" not in raw


def test_the_json_feed_is_valid_and_says_what_the_atom_feed_says(site: Path) -> None:
    document = read_json(site)
    validate_json_feed(document)
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["title"] == "Deep reading"
    assert document["feed_url"] == BASE + "readinglist.json"
    assert document["home_page_url"] == BASE + "index.html"
    items = {item["id"].rsplit(":", 1)[1]: item for item in document["items"]}
    assert items["ioffe2015"]["url"] == BASE + "index.html#ioffe2015"
    assert items["ioffe2015"]["external_url"] == "https://arxiv.org/abs/1502.03167"
    assert items["lecun2015"]["summary"] == "A review of deep learning, briefly."
    assert items["lecun2015"]["tags"] == ["overview", "cv"]
    assert items["hostile"]["title"] == HOSTILE
    # no description: the title is the item's text, which the spec requires
    assert items["ioffe2015"]["content_text"] == "Batch normalization"
    assert "summary" not in items["ioffe2015"]


def test_every_page_links_to_both_feeds(site: Path) -> None:
    for docname in ("index", "plain", "papers/more", "genindex", "search"):
        links = page(site, docname).select('head link[rel="alternate"]')
        assert [(link["type"], link["href"]) for link in links] == [
            ("application/atom+xml", BASE + "readinglist.atom"),
            ("application/feed+json", BASE + "readinglist.json"),
        ], docname


def test_feed_size(tmp_path: Path) -> None:
    outdir, warnings = build_copy(
        ROOT, tmp_path / "src", confoverrides={"readinglist_feed_size": 2}
    )
    assert warnings == []
    assert entry_ids(parse_atom(outdir)) == NEWEST_FIRST[:2]
    assert len(read_json(outdir)["items"]) == 2


def test_a_bad_feed_size_warns_and_takes_the_default(tmp_path: Path) -> None:
    outdir, warnings = build_copy(
        ROOT, tmp_path / "src", confoverrides={"readinglist_feed_size": 0}
    )
    assert [w.split("WARNING: ", 1)[1] for w in warnings] == [
        "readinglist_feed_size = 0 is not valid; use a positive number such as "
        "20. Using the default, 20 [readinglist.config]"
    ]
    assert entry_ids(parse_atom(outdir)) == NEWEST_FIRST


# -- reproducible, parallel, incremental --------------------------------------------


def feed_bytes(outdir: Path) -> tuple[bytes, bytes]:
    return (
        (outdir / "readinglist.atom").read_bytes(),
        (outdir / "readinglist.json").read_bytes(),
    )


def test_two_builds_give_the_same_bytes(site: Path, tmp_path: Path) -> None:
    again, _ = build_copy(ROOT, tmp_path / "again")
    assert feed_bytes(again) == feed_bytes(site)


def test_a_parallel_build_gives_the_same_feeds(site: Path, tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", parallel=2)
    assert warnings == []
    assert feed_bytes(outdir) == feed_bytes(site)


@pytest.mark.parametrize("parallel", [0, 2])
def test_a_rebuild_after_a_data_change_updates_the_feeds(
    tmp_path: Path, parallel: int
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    builddir = tmp_path / "build"
    with started(srcdir, builddir=builddir, parallel=parallel) as app:
        outdir = Path(app.outdir)
    assert entry_ids(parse_atom(outdir))[0] == "szegedy2015"
    data = srcdir / "reading.yaml"
    text = data.read_text(encoding="utf-8")
    # a newer entry, and the one of the second page no longer added
    data.write_text(
        text.replace("added: 2024-01-15", "added: 2024-06-01"), encoding="utf-8"
    )
    more = srcdir / "papers" / "more.md"
    more.write_text(
        more.read_text(encoding="utf-8").replace("    added: 2024-03-02\n", ""),
        encoding="utf-8",
    )
    with started(srcdir, builddir=builddir, parallel=parallel):
        pass
    ids = entry_ids(parse_atom(outdir))
    assert ids == ["lecun2015", "local-page", "ioffe2015", "goodfellow2016", "hostile"]
    assert text_of(parse_atom(outdir), "a:updated") == "2024-06-01T00:00:00Z"
    fresh, _ = build_copy(srcdir, tmp_path / "fresh")
    assert feed_bytes(outdir) == feed_bytes(fresh)


def test_a_card_removed_leaves_the_feed(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    builddir = tmp_path / "build"
    with started(srcdir, builddir=builddir) as app:
        outdir = Path(app.outdir)
    (srcdir / "papers" / "more.md").write_text(
        "# More\n\nNo cards.\n", encoding="utf-8"
    )
    with started(srcdir, builddir=builddir):
        pass
    assert entry_ids(parse_atom(outdir)) == NEWEST_FIRST[1:]


# -- when there is no feed -----------------------------------------------------------


def test_without_html_baseurl_a_warning_and_no_feed(tmp_path: Path) -> None:
    outdir, warnings = build_copy(
        ROOT, tmp_path / "src", confoverrides={"html_baseurl": ""}
    )
    assert [w.split("WARNING: ", 1)[1] for w in warnings] == [
        "readinglist_feeds = True needs html_baseurl, the address the site is "
        "published at, for the feeds' links; set it in conf.py, e.g. "
        "html_baseurl = 'https://example.org/reading/'. No feed is written "
        "[readinglist.config]"
    ]
    assert not (outdir / "readinglist.atom").exists()
    assert not (outdir / "readinglist.json").exists()
    assert page(outdir).select('head link[rel="alternate"]') == []


@pytest.mark.parametrize(
    "baseurl", ["/reading/", "example.org/reading", "ftp://x.org/"]
)
def test_a_relative_html_baseurl_warns_and_no_feed(
    tmp_path: Path, baseurl: str
) -> None:
    outdir, warnings = build_copy(
        ROOT, tmp_path / "src", confoverrides={"html_baseurl": baseurl}
    )
    assert [w.split("WARNING: ", 1)[1] for w in warnings] == [
        "readinglist_feeds = True needs html_baseurl to be the full address the "
        f"site is published at, not {baseurl!r}: a feed is read away from the "
        "site; write e.g. html_baseurl = 'https://example.org/reading/'. No feed "
        "is written [readinglist.config]"
    ]
    assert not (outdir / "readinglist.atom").exists()
    assert page(outdir).select('head link[rel="alternate"]') == []


def test_the_links_carry_the_project_name_as_text(tmp_path: Path) -> None:
    name = 'A "quoted" <b>name</b> & co'
    outdir, _warnings = build_copy(
        ROOT, tmp_path / "src", confoverrides={"project": name}
    )
    links = page(outdir).select('head link[rel="alternate"]')
    assert [link["title"] for link in links] == [
        f"{name} (Atom)",
        f"{name} (JSON Feed)",
    ]
    assert "<b>" not in str(page(outdir).head)


def test_sphinx_immaterial_pages_link_to_the_feeds(tmp_path: Path) -> None:
    # its templates never write "metatags", where the links were first put
    if importlib.util.find_spec("sphinx_immaterial") is None:
        pytest.skip("sphinx-immaterial is not installed")
    srcdir = tmp_path / "src"
    host = ROOTS / "test-host-immaterial"
    shutil.copytree(host, srcdir, ignore=shutil.ignore_patterns("_build"))
    outdir, _warnings = build(
        srcdir,
        isolated=True,
        confoverrides={"readinglist_feeds": True, "html_baseurl": BASE},
    )
    links = page(outdir).select('link[rel="alternate"]')
    assert [(link["type"], link["href"]) for link in links] == [
        ("application/atom+xml", BASE + "readinglist.atom"),
        ("application/feed+json", BASE + "readinglist.json"),
    ]


def test_feeds_are_off_by_default(tmp_path: Path) -> None:
    outdir, warnings = build_copy(
        ROOT, tmp_path / "src", confoverrides={"readinglist_feeds": False}
    )
    assert warnings == []
    assert not (outdir / "readinglist.atom").exists()
    assert page(outdir).select('head link[rel="alternate"]') == []


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "latex", "text"])
def test_only_html_and_dirhtml_write_feeds(tmp_path: Path, builder: str) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", builder)
    assert [w for w in warnings if "readinglist" in w] == []
    assert not (outdir / "readinglist.atom").exists()
    assert not (outdir / "readinglist.json").exists()
    if builder == "singlehtml":
        assert page(outdir).select('head link[rel="alternate"]') == []


def test_dirhtml_links_to_the_cards_in_folders(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "dirhtml")
    assert warnings == []
    check_atom(parse_atom(outdir))
    items = {i["id"].rsplit(":", 1)[1]: i for i in read_json(outdir)["items"]}
    assert items["szegedy2015"]["url"] == BASE + "papers/more/#szegedy2015"
    assert items["ioffe2015"]["url"] == BASE + "#ioffe2015"
    validate_json_feed(read_json(outdir))


def test_no_entry_with_an_added_day_warns_and_writes_empty_feeds(
    tmp_path: Path,
) -> None:
    srcdir = write_project(
        tmp_path / "src",
        {"index.rst": "Reading\n=======\n\n.. readinglist:: reading.yaml\n"},
        {
            "reading.yaml": "resources:\n  - title: Undated\n    url: https://example.org/\n"
        },
        conf=CONF + "readinglist_feeds = True\nhtml_baseurl = 'https://example.org/'\n"
        "project = 'Empty'\n",
    )
    outdir, warnings = build(srcdir)
    assert [w.split("WARNING: ", 1)[1] for w in warnings] == [
        "readinglist_feeds is on, but no entry shown has an 'added' day, so the "
        "feeds are empty; give entries the day they joined the list, e.g. "
        "added: 2024-05-01 [readinglist.config]"
    ]
    root = parse_atom(outdir)
    check_atom(root)
    assert root.findall("a:entry", NS) == []
    validate_json_feed(read_json(outdir))
    assert read_json(outdir)["items"] == []


# -- the writers, on their own ----------------------------------------------------------

ODD = "a\x00b\x01c\x0bd\ud800e\ufffef\U0001f600"


def odd_feed() -> Feed:
    item = FeedItem(
        id="tag:example.org,2024-01-01:x",
        title=ODD,
        added="2024-01-01",
        card_url="https://example.org/#x",
        resource_url="https://example.org/?a=1&b=<2>",
        authors=(ODD,),
        summary=ODD + "\n\nsecond paragraph",
        tags=((ODD, ODD),),
    )
    return Feed(
        title=ODD,
        author=ODD,
        home_url="https://example.org/",
        atom_url="https://example.org/readinglist.atom",
        json_url="https://example.org/readinglist.json",
        items=(item,),
        language="en",
    )


def test_clean_leaves_out_exactly_what_xml_cannot_hold() -> None:
    # XML 1.0's Char production, code point by code point
    def allowed(code: int) -> bool:
        return (
            code in (0x9, 0xA, 0xD)
            or 0x20 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF
        )

    for code in range(0x110000):
        char = chr(code)
        assert clean(char) == (char if allowed(code) else "\ufffd"), hex(code)


def test_characters_xml_cannot_hold_are_replaced() -> None:
    assert clean(ODD) == "a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\U0001f600"
    root = SafeET.fromstring(atom(odd_feed()))
    check_atom(root)
    assert text_of(root, "a:entry/a:title") == clean(ODD)
    link = root.find("a:entry/a:link", NS)
    assert link is not None
    assert link.get("href") == "https://example.org/?a=1&b=<2>"
    document = json.loads(json_feed(odd_feed()).decode("utf-8"))
    validate_json_feed(document)
    assert document["items"][0]["title"] == clean(ODD)
