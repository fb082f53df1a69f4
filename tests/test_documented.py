"""Documented behaviours that no other test pins down, each built for real.

The configuration values in ``conf.py``, the ``any`` role, tag matching, the
located warnings of docs/warnings.md, ``suppress_warnings`` by subtype, the
``*_show_urls`` settings of the printing builders, and a changed setting
re-reading the pages. Each test compares with a build that differs only in
the behaviour under test, so that it fails when that behaviour is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sphinx_readinglist.config import OPTIONS

from ._sphinx import (
    CONF,
    SUFFIXES,
    SYNTAXES,
    build,
    directive_page,
    documents_read,
    page,
    started,
    titles,
    warnings_of,
    write_project,
)


def reading(prefix: str) -> str:
    """A data file whose ids start with ``prefix``, so two files never clash."""
    return f"""\
resources:
  - id: {prefix}-four
    title: Four authors
    url: doi:10.1000/182
    authors: [Ann One, Ben Two, Cat Three, Dan Four]
    tags: [rnn, Python, rnn]
    description: "**Bold** and `code`."
  - id: {prefix}-three
    title: Three authors
    url: mailto:someone@example.org
    authors: [Ann One, Ben Two, Cat Three]
    tags: [lstm]
"""


@dataclass
class Site:
    """A project with one page per syntax, each showing its own data file."""

    outdir: Path
    warnings: list[str]

    def the_list(self, syntax: str) -> Any:
        lists = page(self.outdir, syntax).select("div.readinglist")
        assert len(lists) == 1
        return lists[0]

    def card(self, syntax: str, key: str) -> Any:
        card = self.the_list(syntax).select_one(f"article#{syntax}-{key}")
        assert card is not None, key
        return card


def write_site(srcdir: Path, conf: str = CONF) -> Path:
    pages = {syntax: directive_page(syntax, f"{syntax}.yaml") for syntax in SUFFIXES}
    return write_project(
        srcdir,
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n\n   rst\n   myst\n   plain\n",
            "plain.rst": "Plain\n=====\n\nNo cards here.\n",
            **{f"{syntax}{p.suffix}": p.text for syntax, p in pages.items()},
        },
        {f"{syntax}.yaml": reading(syntax) for syntax in SUFFIXES},
        conf=conf,
    )


#: Every display setting changed from its default at once.
CONFIGURED = (
    CONF
    + 'readinglist_layout = "list"\n'
    + "readinglist_max_authors = 0\n"
    + 'readinglist_markup = "myst"\n'
    + 'readinglist_url_schemes = ["http", "https", "doi"]\n'
)


@pytest.fixture(scope="module")
def defaults(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The project with ``readinglist_max_authors = 2`` and nothing else set."""
    srcdir = write_site(
        tmp_path_factory.mktemp("defaults") / "src",
        CONF + "readinglist_max_authors = 2\n",
    )
    outdir, warnings = build(srcdir)
    return Site(outdir, warnings_of("\n".join(warnings), srcdir))


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The same project with every display setting changed in conf.py."""
    srcdir = write_site(tmp_path_factory.mktemp("configured") / "src", CONFIGURED)
    outdir, warnings = build(srcdir)
    return Site(outdir, warnings_of("\n".join(warnings), srcdir))


def refused(syntax: str, url: str, allowed: str) -> str:
    scheme = url.split(":", 1)[0]
    title = "Four authors" if scheme == "doi" else "Three authors"
    line = 4 if scheme == "doi" else 10  # the entry's url
    return (
        f"{syntax}.yaml:{line}: WARNING: entry '{title}': url '{url}' is not "
        f"linked: the scheme {scheme}: is not allowed (allowed: {allowed}) "
        "[readinglist.unsafe]"
    )


def test_the_settings_warn_only_about_refused_schemes(
    defaults: Site, configured: Site
) -> None:
    assert sorted(defaults.warnings) == sorted(
        refused(s, "doi:10.1000/182", "http:, https:, mailto:") for s in SUFFIXES
    )
    assert sorted(configured.warnings) == sorted(
        refused(s, "mailto:someone@example.org", "doi:, http:, https:")
        for s in SUFFIXES
    )


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_readinglist_layout(defaults: Site, configured: Site, syntax: str) -> None:
    grid = defaults.the_list(syntax).select_one("ul.readinglist-grid")
    assert "readinglist-layout-cards" in grid["class"] and "sd-row" in grid["class"]
    grid = configured.the_list(syntax).select_one("ul.readinglist-grid")
    assert "readinglist-layout-list" in grid["class"]
    assert "sd-row" not in grid["class"]
    assert not configured.the_list(syntax).select("article.sd-card")


def authors(card: Any) -> tuple[list[str], list[str]]:
    """The authors shown, and those folded behind "and N more"."""
    shown = card.select(".readinglist-authors > .readinglist-author")
    folded = card.select(".readinglist-authors-more .readinglist-author")
    return [a.get_text() for a in shown], [a.get_text() for a in folded]


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_readinglist_max_authors(defaults: Site, configured: Site, syntax: str) -> None:
    # a fold at 2 hides two names behind "and 2 more"
    four = defaults.card(syntax, "four")
    assert authors(four) == (["Ann One", "Ben Two"], ["Cat Three", "Dan Four"])
    more = four.select_one(".readinglist-authors-more summary")
    assert more is not None and more.get_text(strip=True) == "and 2 more"
    # a fold that would hide one name only is not made
    three = defaults.card(syntax, "three")
    assert authors(three) == (["Ann One", "Ben Two", "Cat Three"], [])
    # 0 shows every author
    four = configured.card(syntax, "four")
    assert authors(four) == (["Ann One", "Ben Two", "Cat Three", "Dan Four"], [])
    assert four.select_one(".readinglist-authors-more") is None


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_readinglist_markup(defaults: Site, configured: Site, syntax: str) -> None:
    # `code` is a title reference in reStructuredText, code in MyST
    rst = defaults.card(syntax, "four").select_one(".readinglist-description")
    assert rst.select_one("cite").get_text() == "code"
    assert rst.select_one("code") is None
    myst = configured.card(syntax, "four").select_one(".readinglist-description")
    assert myst.select_one("code").get_text() == "code"
    assert myst.select_one("cite") is None
    assert myst.select_one("strong").get_text() == "Bold"


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_readinglist_url_schemes(defaults: Site, configured: Site, syntax: str) -> None:
    def title_link(site: Site, key: str) -> str | None:
        link = site.card(syntax, key).select_one(".readinglist-title a")
        return None if link is None else str(link["href"])

    assert title_link(defaults, "four") is None
    # cloaked, as docutils cloaks the page's own mailto links
    assert title_link(defaults, "three") == "mailto:someone%40example.org"
    # adding doi links a doi: url; leaving mailto out refuses it
    assert title_link(configured, "four") == "doi:10.1000/182"
    assert title_link(configured, "three") is None


# -- tags and the any role ----------------------------------------------------


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_a_tag_listed_twice_is_shown_once(defaults: Site, syntax: str) -> None:
    card = defaults.card(syntax, "four")
    shown = [t.get_text() for t in card.select(".readinglist-tag")]
    assert shown == ["rnn", "Python"]
    assert card["data-tags"] == "rnn python"


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_tags_option_and_any_role(tmp_path: Path, syntax: str) -> None:
    """``:tags:`` ignores case; ``any`` links an entry id to its card."""
    selected = directive_page(syntax, "reading.yaml", [("tags", "PYTHON, Lstm")])
    others = directive_page(syntax, "reading.yaml", [("tags", "Rnn")], title="Rnn")
    any_ref = "See :any:`x-three`." if syntax == "rst" else "See {any}`x-three`."
    srcdir = write_project(
        tmp_path / "src",
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n\n   cards\n   rnn\n",
            f"cards{selected.suffix}": f"{selected.text}\n{any_ref}\n",
            f"rnn{others.suffix}": others.text,
        },
        {"reading.yaml": reading("x")},
        conf=CONF + 'readinglist_url_schemes = ["https", "mailto", "doi"]\n',
    )
    outdir, warnings = build(srcdir)
    assert warnings == []
    cards = page(outdir, "cards")
    assert titles(cards.select_one("div.readinglist")) == [
        "Four authors",
        "Three authors",
    ]
    assert titles(page(outdir, "rnn").select_one("div.readinglist")) == ["Four authors"]
    link = cards.select_one("a.reference.internal[href='#x-three']")
    assert link is not None and link.get_text() == "x-three"
    assert link["title"] == "Three authors"


# -- warnings -------------------------------------------------------------------

WARNED_FILES = {
    "schema.yaml": "$schema: 42\nresources:\n  - title: Schema\n",
    "two.yaml": "resources:\n  - title: First\n---\nresources:\n  - title: Second\n",
    "year.yaml": "resources:\n  - title: Bad year\n    year: soon\n",
}

SCHEMA_NOT_TEXT = (
    "schema.yaml:1: WARNING: '$schema' must be the address of a schema, got 42; "
    "write e.g. $schema: https://sphinx-readinglist.readthedocs.io/en/latest/"
    "_static/readinglist.schema.json, or remove it [readinglist.data]"
)
SECOND_DOCUMENT = (
    "two.yaml:3: WARNING: YAML syntax error: expected a single document in the "
    "stream, but found another document; a file holds one YAML document: remove "
    "the '---' line [readinglist.file]"
)
BAD_YEAR = (
    "year.yaml:3: WARNING: entry 'Bad year': 'year' must be an integer, got "
    "'soon'; write e.g. year: 2015 [readinglist.data]"
)


def build_warned(srcdir: Path, syntax: str, **kwargs: Any) -> tuple[Path, list[str]]:
    """One page per data file of ``WARNED_FILES``, and one that selects an id
    the data does not have."""
    pages = {
        "schema": directive_page(syntax, "schema.yaml", title="Schema page"),
        "two": directive_page(syntax, "two.yaml", title="Two page"),
        "year": directive_page(syntax, "year.yaml", title="Year page"),
        "pick": directive_page(syntax, "year.yaml", [("ids", "nope")], title="Pick"),
    }
    write_project(
        srcdir,
        {
            "index.rst": "Index\n=====\n\n.. toctree::\n\n   schema\n   two\n   year\n   pick\n",
            **{f"{name}{p.suffix}": p.text for name, p in pages.items()},
        },
        WARNED_FILES,
    )
    outdir, warnings = build(srcdir, **kwargs)
    return outdir, warnings_of("\n".join(warnings), srcdir)


def option_warnings(syntax: str) -> list[str]:
    where = f"pick{SUFFIXES[syntax]}:{directive_page(syntax).line}"
    # every id given is unknown: one warning each, not a second for the
    # selection as a whole
    return [f"{where}: WARNING: :ids: 'nope' is not in year.yaml [readinglist.option]"]


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_schema_not_text_and_a_second_document(tmp_path: Path, syntax: str) -> None:
    outdir, warnings = build_warned(tmp_path / "src", syntax)
    assert sorted(warnings) == sorted(
        [SCHEMA_NOT_TEXT, SECOND_DOCUMENT, BAD_YEAR, *option_warnings(syntax)]
    )
    # a bad $schema is left out, and the entries are shown
    assert titles(page(outdir, "schema")) == ["Schema"]
    # a file that is not one YAML document shows nothing
    assert page(outdir, "two").select("div.readinglist") == []


def test_selection_messages_name_the_file_as_written(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    build_warned(srcdir, "rst")
    # the paths Sphinx prints before "WARNING:" are its own; the message
    # names the data as the page wrote it
    _, warnings = build(srcdir, freshenv=True)
    messages = [w.partition("WARNING: ")[2] for w in warnings if ":ids:" in w]
    assert messages == [":ids: 'nope' is not in year.yaml [readinglist.option]"]


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_suppress_warnings_silences_one_subtype(tmp_path: Path, syntax: str) -> None:
    outdir, warnings = build_warned(
        tmp_path / "src",
        syntax,
        confoverrides={"suppress_warnings": ["readinglist.data"]},
    )
    # the data warnings ($schema, year) are gone; the file and option ones stay
    assert sorted(warnings) == sorted([SECOND_DOCUMENT, *option_warnings(syntax)])
    # the message is hidden, not the field: the bad year is still left out
    card = page(outdir, "year").select_one("article")
    assert card is not None and "soon" not in card.get_text()


# -- addresses in print ---------------------------------------------------------

#: The output files of each printing builder, and how to read them as text.
OUTPUTS = {"latex": "*.tex", "texinfo": "*.texi", "epub": "*.xhtml", "man": "*.1"}

SHOW_URLS = [
    *(("latex", "latex_show_urls", v) for v in ("no", "inline", "footnote")),
    *(("texinfo", "texinfo_show_urls", v) for v in ("no", "inline", "footnote")),
    *(("epub", "epub_show_urls", v) for v in ("no", "inline", "footnote")),
    ("man", None, None),
]


@pytest.mark.parametrize(
    ("builder", "setting", "value"),
    [pytest.param(*case, id=f"{case[0]}-{case[2]}") for case in SHOW_URLS],
)
def test_addresses_are_printed_once(
    tmp_path: Path, builder: str, setting: str | None, value: str | None
) -> None:
    """A card's address is printed as the builder prints any link's: by the
    builder when it prints addresses itself, else once by the card."""
    srcdir = write_project(
        tmp_path / "src",
        {
            "index.rst": "Urls\n====\n\nSee `Other <https://example.org/page>`_.\n\n"
            ".. readinglist:: reading.yaml\n"
        },
        {
            "reading.yaml": "resources:\n  - title: Card\n    url: https://example.org/card\n"
        },
        conf=CONF + "project = 'urls'\nversion = '1'\ncopyright = '2024'\n",
    )
    outdir, warnings = build(
        srcdir, builder, confoverrides={setting: value} if setting else {}
    )
    assert warnings == []
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in outdir.rglob(OUTPUTS[builder])
    )
    text = text.replace("\\:", "")  # man's break points
    page_link = text.count("https://example.org/page")
    card_link = text.count("https://example.org/card")
    assert page_link >= 1
    # the card adds its address only where the builder prints none: man
    # pages always print them, and EPUB's writer prints the card's as the page's
    card_adds = builder in ("latex", "texinfo") and value == "no"
    assert card_link == page_link + (1 if card_adds else 0)


# -- a changed setting ----------------------------------------------------------

#: A valid value other than the default, for every readinglist_* setting.
CHANGED: dict[str, Any] = {
    "readinglist_markup": "myst",
    "readinglist_columns": "2",
    "readinglist_layout": "list",
    "readinglist_max_authors": 0,
    "readinglist_url_schemes": ["https"],
    "readinglist_isbn_resolver": "https://openlibrary.org/isbn/{isbn}",
    "readinglist_new_days": 30,
    "readinglist_trust_markup": True,
    "readinglist_allow_outside_srcdir": True,
    "readinglist_fetch_remote_images": True,
    "readinglist_max_bytes": 1_000_000,
    "readinglist_max_nodes": 100_000,
    "readinglist_max_depth": 20,
    "readinglist_max_tags": 10,
    "readinglist_reserved_ids": ["banner"],
    "readinglist_allowed_roles": ["shout"],
    "readinglist_allowed_directives": ["boxed"],
    "readinglist_kinds": {"dataset": "Dataset"},
    "readinglist_tag_labels": {"rnn": "Recurrent networks"},
    "readinglist_show_extra": ["stars"],
    "readinglist_downloads": ["json"],
    "readinglist_feeds": True,
    "readinglist_feed_size": 5,
    "readinglist_filter_max_tags": 5,
    "readinglist_structured_data": True,
    "readinglist_index": True,
    "readinglist_tag_pages": True,
    "readinglist_tag_pages_folder": "topics",
}


def test_every_setting_has_a_changed_value() -> None:
    assert set(CHANGED) == {option.name for option in OPTIONS}


def test_a_changed_setting_rereads_every_page_with_cards(tmp_path: Path) -> None:
    srcdir = write_site(tmp_path / "src")
    builddir = tmp_path / "build"
    with started(srcdir, builddir=builddir):
        pass
    with started(srcdir, builddir=builddir, build=False) as app:
        assert documents_read(app) == set()  # nothing changed: nothing read
    overrides: dict[str, Any] = {}
    for name, value in CHANGED.items():
        overrides[name] = value
        with started(
            srcdir, builddir=builddir, build=False, confoverrides=overrides
        ) as app:
            read = documents_read(app)
            assert {"rst", "myst"} <= read, name
    # the last build shows the settings: every author, no fold
    card = page(builddir / "html", "myst").select_one("article#myst-four")
    assert card is not None
    assert authors(card) == (["Ann One", "Ben Two", "Cat Three", "Dan Four"], [])
