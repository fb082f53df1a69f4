"""Ids, language codes and lookups that an attacker with a data file controls
(issue 11).

Every id of a built page is unique: a card never takes an id of the page (a
heading, a label, another card's title), of the theme around it, or of
sphinx-design; it is suffixed instead, with a warning at its entry. Patterns
of the schema anchor at the end of the string. Any language code the schema
accepts builds. Duplicate ids and unresolved references cost linear work,
counted here, not timed.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_readinglist.anchors import (
    ESCAPE_PREFIX,
    RESERVED_PREFIXES,
    THEME_IDS,
    Anchors,
)
from sphinx_readinglist.cards.labels import language_name
from sphinx_readinglist.data import loader, validate
from sphinx_readinglist.data.loader import load_text
from sphinx_readinglist.data.schema_check import certainly_valid, schema
from sphinx_readinglist.domain import SUGGESTION_CANDIDATES, Suggestions

from ._sphinx import ISOLATED_THEMES, ROOTS, build, build_copy, warnings_of
from ._tools import load_script

ROOT = ROOTS / "test-sec-ids"
THEMES_ROOT = ROOTS / "test-sec-ids-themes"
THEMES = (
    "alabaster",
    "furo",
    "sphinx_rtd_theme",
    "pydata_sphinx_theme",
    "sphinx_book_theme",
    "sphinx_immaterial",
)

MakeApp = Callable[..., SphinxTestApp]


def _page(outdir: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup(
        (outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser"
    )


def _repeated_ids(page: BeautifulSoup) -> list[str]:
    counts = Counter(str(tag["id"]) for tag in page.find_all(id=True))
    return sorted(id_ for id_, count in counts.items() if count > 1)


def _anchors(page: BeautifulSoup) -> list[str]:
    return [str(card["id"]) for card in page.select("article.readinglist-card")]


def _links(page: BeautifulSoup) -> dict[str, str]:
    """The ``resource`` links of a page's body: text -> href."""
    body = page.select_one("div.body")
    assert body is not None
    return {
        a.get_text(): str(a["href"])
        for a in body.select("a.reference.internal")
        if not a.find_parent(class_="toctree-wrapper")
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """The ids root, built once: its source folder, output and warnings."""
    src = tmp_path_factory.mktemp("sec-ids") / "src"
    outdir, warnings = build_copy(ROOT, src)
    return src, outdir, warnings


# -- item 1: duplicate HTML ids ---------------------------------------------


@pytest.mark.parametrize("docname", ["index", "markdown", "other", "languages"])
def test_every_id_of_a_built_page_is_unique(
    built: tuple[Path, Path, list[str]], docname: str
) -> None:
    _src, outdir, _warnings = built
    assert _repeated_ids(_page(outdir, docname)) == []


def test_cards_take_the_ids_that_the_page_leaves(
    built: tuple[Path, Path, list[str]],
) -> None:
    _src, outdir, _warnings = built
    index = _page(outdir, "index")
    # 'a-title' is card a's title; 'searchbox' the theme's; 'b' the heading's
    assert _anchors(index) == ["a", "a-title-2", "searchbox-2", "b-2", "c"]
    markdown = _page(outdir, "markdown")
    assert _anchors(markdown) == [
        *_anchors(index),
        # 't' is free, but its title's id is the card 't-title'
        "t-title",
        "t-2",
    ]
    for page in (index, markdown):
        # the heading after the directive keeps its natural id, not 'id2'
        heading = page.select_one("section#b > h2")
        assert heading is not None and heading.get_text().rstrip("¶") == "B"
        for card in page.select("article.readinglist-card"):
            title = card.select_one(".readinglist-title")
            assert title is not None
            assert title["id"] == f"{card['id']}-title" == card["aria-labelledby"]


def test_the_role_lands_on_the_right_card(
    built: tuple[Path, Path, list[str]],
) -> None:
    _src, outdir, _warnings = built
    assert _links(_page(outdir, "index")) == {
        "Entry A title": "#a-title-2",
        "Entry A": "#a",
        "Search": "#searchbox-2",
        "Entry B": "#b-2",
    }
    # the first card in reading order: the index's
    assert _links(_page(outdir, "markdown")) == {
        "Entry A title": "index.html#a-title-2",
        "Entry A": "index.html#a",
        "Search": "index.html#searchbox-2",
        "Entry B": "index.html#b-2",
        "Then the id": "#t-2",
    }
    assert _links(_page(outdir, "other")) == {
        "Entry B": "index.html#b-2",
        "Entry A title": "index.html#a-title-2",
    }


def test_the_search_box_of_alabaster_keeps_its_id(
    built: tuple[Path, Path, list[str]],
) -> None:
    _src, outdir, _warnings = built
    page = _page(outdir, "index")
    boxes = page.select('[id="searchbox"]')
    assert len(boxes) == 1
    assert boxes[0].find_parent(class_="sphinxsidebar") is not None
    assert boxes[0].select_one('input[name="q"]') is not None
    # the theme's script shows the box by this id
    assert "getElementById('searchbox')" in str(page)


def test_a_card_that_cannot_take_its_id_warns_at_its_entry(
    built: tuple[Path, Path, list[str]],
) -> None:
    _src, _outdir, warnings = built
    fix = "there; give the entry another 'id' [readinglist.duplicate]"
    expected = [
        f"ids.yaml:{line}: WARNING: entry {title!r}: its id {id_!r} is already "
        f"used on page {page!r} by {holder}, so the card is shown as {anchor} {fix}"
        for page in ("index", "markdown")
        for line, title, id_, holder, anchor in (
            (4, "Entry A title", "a-title", "the title of the card of entry 'Entry A'", "a-title-2"),
            (6, "Search", "searchbox", "Sphinx's page layout", "searchbox-2"),
            (8, "Entry B", "b", "the heading 'B'", "b-2"),
        )
    ]  # fmt: skip
    expected.append(
        "markdown.md:14: WARNING: entry 'Then the id': its card's title id "
        "'t-title' is already used on page 'markdown' by the card of entry "
        f"'Title first', so the card is shown as t-2 {fix}"
    )
    duplicates = [w for w in warnings if "[readinglist.duplicate]" in w]
    assert len(duplicates) == len(expected)
    for line in expected:
        assert any(w.endswith(line) and f"/{line}" in w for w in duplicates), line


def test_latex_labels_are_unique_and_links_land_on_the_cards(tmp_path: Path) -> None:
    outdir, _warnings = build_copy(ROOT, tmp_path / "src", "latex")
    tex = next(outdir.glob("*.tex")).read_text(encoding="utf-8")
    labels = re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex)
    assert sorted(set(labels)) == sorted(labels)
    # the cards' anchors, and the heading's own label
    assert {"index:a-title-2", "index:searchbox-2", "index:b-2", "index:b"} <= set(
        labels
    )
    links = re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex)
    assert "index:b-2" in links and "markdown:t-2" in links
    assert "index:b" not in links  # the role goes to the card, not the heading


def test_the_project_may_reserve_more_ids(tmp_path: Path) -> None:
    outdir, warnings = build_copy(
        ROOT, tmp_path / "src", confoverrides={"readinglist_reserved_ids": ["c"]}
    )
    assert _anchors(_page(outdir, "index"))[-1] == "c-2"
    assert any(
        "ids.yaml:10: WARNING: entry 'Entry C': its id 'c' is already used on "
        "page 'index' by an id of the project's theme or templates" in w
        for w in warnings
    )


@pytest.mark.parametrize("theme", THEMES)
def test_no_card_takes_an_id_of_the_theme(tmp_path: Path, theme: str) -> None:
    script = load_script("scripts/screenshot.py")
    overrides = script.theme_overrides(theme, THEMES_ROOT)
    outdir, warnings = build_copy(
        THEMES_ROOT,
        tmp_path / "src",
        isolated=theme in ISOLATED_THEMES,
        confoverrides=overrides,
    )
    data = loader.load_file(THEMES_ROOT / "theme-ids.yaml", "theme-ids.yaml")
    for docname in ("index", "markdown"):
        page = _page(outdir, docname)
        assert _repeated_ids(page) == []
        anchors = _anchors(page)
        # every entry has an id that something else on the page uses
        assert not {r.id for r in data.resources} & set(anchors)
        for anchor in anchors:
            assert anchor not in THEME_IDS
            assert not anchor.startswith(tuple(RESERVED_PREFIXES))
    # one warning per entry and page, however often a page shows it
    duplicates = [w for w in warnings if "[readinglist.duplicate]" in w]
    assert len(duplicates) == 2 * len(data.resources)
    assert any(
        "theme-ids.yaml:22: WARNING: entry 'Tab of sphinx-design': its id "
        "'sd-tab-item-0' is already used on page 'index' by sphinx-design (ids "
        "beginning with 'sd-'), so the card is shown as card-sd-tab-item-0 there" in w
        for w in duplicates
    )
    assert any(
        "theme-ids.yaml:28: WARNING: entry 'A label of the page': its id 'label' "
        "is already used on page 'markdown' by the container labelled 'label'" in w
        for w in duplicates
    )


def test_anchors_survive_parallel_and_incremental_builds(tmp_path: Path) -> None:
    serial, _warnings = build_copy(ROOT, tmp_path / "serial")
    parallel, warnings = build_copy(ROOT, tmp_path / "parallel", parallel=2)
    assert len([w for w in warnings if "[readinglist.duplicate]" in w]) == 7
    for docname in ("index", "markdown", "other"):
        assert _anchors(_page(parallel, docname)) == _anchors(_page(serial, docname))
        assert _links(_page(parallel, docname)) == _links(_page(serial, docname))

    # without the heading, the card takes its own id, and the page that
    # links to it from elsewhere is written again
    index = tmp_path / "parallel" / "index.rst"
    index.write_text(
        index.read_text(encoding="utf-8").replace("B\n-\n\n", ""), encoding="utf-8"
    )
    outdir, warnings = build(tmp_path / "parallel", parallel=2)
    assert _anchors(_page(outdir, "index"))[3] == "b"
    assert _links(_page(outdir, "other"))["Entry B"] == "index.html#b"
    assert _links(_page(outdir, "markdown"))["Entry B"] == "index.html#b"
    assert _repeated_ids(_page(outdir, "index")) == []
    # only the page read again warns again
    duplicates = [w for w in warnings if "[readinglist.duplicate]" in w]
    assert len(duplicates) == 2
    assert all("on page 'index'" in w for w in duplicates)


def _old_choose(ids: set[str], wanted: str) -> str:
    """The directive's loop before issue 11, for comparison."""
    anchor, n = wanted, 1
    while anchor in ids:
        n += 1
        anchor = f"{wanted}-{n}"
    return anchor


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["x", "x-2", "x-3", "y", "x-2-2"]), max_size=30),
    st.sets(st.sampled_from(["x", "x-2", "x-4", "y-2", "z"])),
)
def test_suffixes_are_those_of_the_old_loop(wanted: list[str], page: set[str]) -> None:
    """Where no title id or reserved id is in the way, as before issue 11."""
    anchors = Anchors(dict.fromkeys(page), {}, {})
    anchors.free = lambda anchor: not anchors.taken(anchor)  # type: ignore[method-assign]
    old_ids = set(page)
    for id_ in wanted:
        old = _old_choose(old_ids, id_)
        old_ids.add(old)
        new = anchors.choose(id_)
        anchors.ids[new] = None
        assert new == old


@pytest.mark.parametrize(
    ("wanted", "chosen"),
    [
        # a suffixed card leaves the ids of the cards below it alone
        (["x", "x", "x-2"], ["x", "x-3", "x-2"]),
        (["a", "a-title", "a-title-2"], ["a", "a-title-3", "a-title-2"]),
        # an id a prefix covers is escaped, without taking a card's own id
        (["sd", "card-sd", "sd"], ["card-sd-2", "card-sd", "card-sd-3"]),
        (["pst-header", "pst"], ["card-pst-header", "card-pst"]),
    ],
)
def test_a_suffixed_card_takes_no_id_of_a_later_card(
    wanted: list[str], chosen: list[str]
) -> None:
    anchors = Anchors({}, {}, RESERVED_PREFIXES)
    anchors.expect(wanted)
    card = nodes.container()
    found = []
    for id_ in wanted:
        anchor = anchors.choose(id_)
        anchors.take(anchor, card)
        found.append(anchor)
    assert found == chosen


def _counted(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> Counter[str]:
    """Count the calls of ``owner.name``."""
    calls: Counter[str] = Counter()
    original = getattr(owner, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


def test_anchor_suffixes_cost_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counted(monkeypatch, Anchors, "taken")
    card = nodes.container()

    def probes(count: int) -> tuple[list[str], int]:
        calls.clear()
        anchors = Anchors({}, {}, RESERVED_PREFIXES)
        chosen = []
        for wanted in ["x"] * count + ["sd"] * count:
            anchor = anchors.choose(wanted)
            anchors.take(anchor, card)
            chosen.append(anchor)
        return chosen, calls["taken"]

    chosen, small = probes(500)
    assert chosen[:3] == ["x", "x-2", "x-3"]
    # 'sd-2', 'sd-3'... are all sphinx-design's: escaped, not probed forever
    assert chosen[500:503] == [
        f"{ESCAPE_PREFIX}sd",
        f"{ESCAPE_PREFIX}sd-2",
        f"{ESCAPE_PREFIX}sd-3",
    ]
    assert len(set(chosen)) == len(chosen)
    _chosen, large = probes(1000)
    assert large <= 2.1 * small  # quadratic would be 4x


def test_loader_suffixes_cost_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    checks = Counter[str]()

    class CountingDict(dict[str, int]):
        def __contains__(self, key: object) -> bool:
            checks["in"] += 1
            return super().__contains__(key)

    init = validate.EntryBuilder.__init__

    def counting_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self.seen_ids = CountingDict()

    monkeypatch.setattr(validate.EntryBuilder, "__init__", counting_init)

    def load(count: int) -> tuple[list[str], int]:
        checks.clear()
        text = "resources:\n" + "  - title: Same\n" * count
        data = load_text(text, "same.yaml")
        return [r.id for r in data.resources], checks["in"]

    ids, small = load(500)
    assert ids[:4] == ["same", "same-2", "same-3", "same-4"]
    assert ids[-1] == "same-500"
    _ids, large = load(1000)
    assert large <= 2.1 * small  # quadratic would be 4x


# -- item 5: "did you mean" for unresolved references -----------------------


def _project_ids(count: int) -> list[str]:
    return [
        "lecun2015",
        "srivastava2014",
        "goodfellow2016",
        "attention-is-all-you-need",
        *(f"paper-{i:05d}" for i in range(count)),
    ]


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("lecun2016", "lecun2015"),
        ("lecunn2015", "lecun2015"),
        ("LeCun2015", "lecun2015"),
        ("lecun", "lecun2015"),
        ("srivastava2041", "srivastava2014"),
        ("godfellow2016", "goodfellow2016"),
        ("attention-is-all-you-ned", "attention-is-all-you-need"),
        ("paper-01234x", "paper-01234"),
    ],
)
def test_typos_still_get_their_suggestion(typo: str, meant: str) -> None:
    suggestions = Suggestions(_project_ids(5000))
    assert suggestions.hint(typo) == f"; did you mean {meant!r}?"


def test_unrelated_references_get_no_suggestion() -> None:
    suggestions = Suggestions(_project_ids(100))
    assert suggestions.hint("zzzzqqqq") == ""
    assert suggestions.hint("x" * 10**6) == ""


def test_suggestions_cost_bounded_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """n unresolved references against n ids: linear, not n x n ratios."""
    calls = _counted(monkeypatch, difflib.SequenceMatcher, "set_seq1")

    def compared(count: int) -> int:
        calls.clear()
        suggestions = Suggestions(_project_ids(count))
        for i in range(count):
            suggestions.hint(f"paper-{i:05d}x")
        return calls["set_seq1"]

    small = compared(500)
    assert small <= 500 * (SUGGESTION_CANDIDATES + 1)
    assert compared(1000) <= 2.1 * small


def test_an_unresolved_reference_gets_its_suggestion_in_a_build(
    built: tuple[Path, Path, list[str]],
) -> None:
    _src, _outdir, warnings = built
    assert any(
        w.endswith(
            "other.rst:4: WARNING: unknown resource 'serchbox'; use the 'id' of "
            "an entry shown by a readinglist directive; did you mean "
            "'searchbox'? [readinglist.ref]"
        )
        for w in warnings
    )


# -- item 2: patterns anchored at the end of the string -----------------------


def _patterns(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "pattern" and isinstance(item, str):
                yield item
            else:
                yield from _patterns(item)
    elif isinstance(value, list):
        for item in value:
            yield from _patterns(item)


def test_anchored_patterns_end_at_the_end_of_the_string() -> None:
    """``$`` also matches before a final newline in Python (and jsonschema)."""
    patterns = list(_patterns(schema()))
    anchored = [p for p in patterns if p.startswith("^")]
    assert len(anchored) == 10
    for pattern in patterns:
        assert not re.search(r"(?<!\\)\$", pattern), pattern
    for pattern in anchored:
        assert pattern.endswith("(?![\\s\\S])"), pattern


_HTML_ID = (
    "cannot be an HTML id; use at most 100 letters, digits, '-' and '_', "
    "starting with a letter or digit; write e.g. id: lecun2015"
)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id", "nl\n", f"entry 'A': 'id' 'nl\\n' {_HTML_ID}"),
        (
            "translations",
            {"fr\n": "https://example.org/fr"},
            "entry 'A': 'fr\\n' is not a language code in 'translations'; use a "
            "code such as fr, de or pt-BR; write e.g. translations: {fr: "
            "https://example.org/fr/}",
        ),
        (
            "date",
            "2015-05-27\n",
            "entry 'A': 'date' must be a date written YYYY-MM-DD or YYYY-MM, got "
            "'2015-05-27\\n'; remove the invisible character or space U+000A: "
            "write date: 2015-05-27",
        ),
        (
            "added",
            "2024-05-01\n",
            "entry 'A': 'added' must be a date written YYYY-MM-DD, got "
            "'2024-05-01\\n'; remove the invisible character or space U+000A: "
            "write added: 2024-05-01",
        ),
    ],
)
def test_a_trailing_newline_is_refused(field: str, value: Any, message: str) -> None:
    entry = {"title": "A", field: value}
    assert not certainly_valid("resource")(entry)
    text = "resources:\n  - " + json.dumps(entry)
    data = load_text(text, "r.yaml")
    assert [p.message for p in data.problems] == [message]
    assert [p.location.line for p in data.problems] == [2]
    assert all("\n" not in r.id for r in data.resources)


# -- item 3: any language code the schema accepts builds --------------------

_LANGUAGE = schema()["$defs"]["resource"]["properties"]["translations"][
    "propertyNames"
]["pattern"]


@settings(max_examples=500, deadline=None)
@given(st.from_regex(_LANGUAGE, fullmatch=True))
def test_any_accepted_language_code_has_a_name(code: str) -> None:
    name = language_name(code)
    assert isinstance(name, str) and name


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("fr", "français"),
        ("pt-BR", "português (Brasil)"),
        ("zh-TW", "中文 (繁體, 台灣)"),
        # unknown to babel, or read by it as another language or region
        ("xx", "xx"),
        ("zz-ZZ", "zz-ZZ"),
        ("qaa", "qaa"),
        ("en-ZZ", "en-ZZ"),
        ("und", "und"),
        ("x-klingon", "x-klingon"),
        ("en-12345678", "en-12345678"),
    ],
)
def test_language_names(code: str, name: str) -> None:
    assert language_name(code) == name


@pytest.mark.parametrize("builder", ["html", "text"])
def test_unknown_language_codes_build(tmp_path: Path, builder: str) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", builder)
    assert not [w for w in warnings if "languages" in w]
    expected = ["xx", "zz-ZZ", "qaa", "en-ZZ", "und", "português (Brasil)"]
    if builder == "html":
        page = _page(outdir, "languages")
        links = page.select(".readinglist-translations a")
        assert [a.get_text() for a in links] == expected
        assert links[0]["href"] == "https://example.org/xx"
    else:
        text = " ".join((outdir / "languages.txt").read_text(encoding="utf-8").split())
        assert "Translations: xx <https://example.org/xx>, zz-ZZ <" in text
        assert "und <https://example.org/und>, português (Brasil) <" in text


@pytest.mark.parametrize("markup", ["rst", "myst"])
def test_unknown_language_codes_build_in_myst_pages_too(
    make_app: MakeApp, tmp_path: Path, markup: str
) -> None:
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_readinglist"]\n', encoding="utf-8"
    )
    body = (
        "resources:\n"
        "  - title: Coded\n"
        "    translations: {qaa: 'https://example.org/q', zz-ZZ: 'https://example.org/z'}\n"
    )
    if markup == "rst":
        page = "Page\n====\n\n.. readinglist::\n\n" + "".join(
            f"   {line}\n" for line in body.splitlines()
        )
        (tmp_path / "index.rst").write_text(page, encoding="utf-8")
    else:
        page = f"# Page\n\n```{{readinglist}}\n{body}```\n"
        (tmp_path / "index.md").write_text(page, encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert warnings_of(app._warning) == []  # type: ignore[attr-defined]
    soup = _page(Path(app.outdir), "index")
    names = [a.get_text() for a in soup.select(".readinglist-translations a")]
    assert names == ["qaa", "zz-ZZ"]
