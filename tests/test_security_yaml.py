"""Untrusted YAML, second pass (issue 11): what the loader lets data expand to,
what one bad entry may cost its neighbours, and where and how problems are told.

``roots/test-sec-yaml`` shows one data file per item, in rST, and a MyST page
with a body; its ``conf.py`` sets small limits so small files reach them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_readinglist.data.loader import load_file, load_text
from sphinx_readinglist.data.model import Limits, ReadingList

from ._sphinx import ROOTS, build, build_copy

ROOT = ROOTS / "test-sec-yaml"


def told(data: ReadingList) -> list[tuple[int, str, str]]:
    return [(p.location.line, p.subtype, p.message) for p in data.problems]


def titles(data: ReadingList) -> list[str]:
    return [r.title for r in data.resources]


# -- one build of the root, shared ------------------------------------------------


class Built:
    def __init__(self, outdir: Path, srcdir: Path, warnings: list[str]) -> None:
        self.outdir = outdir
        self.srcdir = srcdir
        prefix = f"{srcdir}/"
        self.warnings = [w.replace(prefix, "") for w in warnings]

    def page(self, name: str = "index") -> BeautifulSoup:
        return BeautifulSoup(
            (self.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser"
        )

    def titles(self, list_id: str, page: str = "index") -> list[str]:
        found = self.page(page).select_one(f"#{list_id}")
        if found is None:
            return []
        return [t.get_text() for t in found.select(".readinglist-title")]

    def of(self, file: str) -> list[tuple[int, str, str]]:
        """The warnings located in ``file``: line, subtype, message."""
        found = []
        for warning in self.warnings:
            match = re.match(
                rf"^{re.escape(file)}:(\d+): WARNING: (.*) \[readinglist\.(\w+)\]$",
                warning,
            )
            if match:
                found.append((int(match[1]), match[3], match[2]))
        return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    srcdir = tmp_path_factory.mktemp("sec-yaml") / "src"
    outdir, warnings = build_copy(ROOT, srcdir)
    yield Built(outdir, srcdir, warnings)


_ALIASES = "through YAML aliases (&anchor / *alias)"
_TOO_LONG = (
    "is left out: with it, the data expands to more than 20,000 characters of "
    f"text {_ALIASES}; write long texts once, or raise readinglist_max_bytes"
)


# -- 1. expanded bytes --------------------------------------------------------------


def test_an_alias_counts_its_text_once_per_use() -> None:
    # the review's case: 1 MB reused 100 times would give 100 MB of HTML
    text = "resources:\n  - title: Anchor\n    description: &big " + "x" * 1_000_000
    text += "\n" + "".join(
        f"  - title: Copy {i}\n    description: *big\n" for i in range(1, 100)
    )
    data = load_text(text, "big.yaml")
    kept = sum(len(r.description.source) for r in data.resources if r.description)
    assert kept <= Limits().max_bytes
    assert titles(data) == ["Anchor"] + [f"Copy {i}" for i in range(1, 16)]
    # every entry past the limit is told at its own line, and only it
    assert [line for line, _, _ in told(data)] == [4 + 2 * i for i in range(15, 99)]
    _, subtype, message = told(data)[0]
    assert subtype == "data"
    assert message == (
        "entry 'Copy 16' is left out: with it, the data expands to more than "
        f"16,777,216 characters of text {_ALIASES}; write long texts once, or "
        "raise readinglist_max_bytes"
    )


def test_a_default_counts_once_per_entry_it_fills() -> None:
    text = "defaults:\n  venue: " + "v" * 1000 + "\nresources:\n"
    text += "".join(f"  - title: E{i}\n" for i in range(10))
    text += "  - title: Own\n    venue: Short\n"
    data = load_text(text, "d.yaml", limits=Limits(max_bytes=5_000))
    # the default's 1,000 characters, then four copies of them
    assert titles(data) == ["E0", "E1", "E2", "Own"]
    assert told(data)[0] == (
        7,
        "data",
        "entry 'E3' is left out: with the defaults it takes, the data expands "
        "to more than 5,000 characters; set a long default only in the entries "
        "that need it, or raise readinglist_max_bytes",
    )
    assert [line for line, _, _ in told(data)] == list(range(7, 14))


def test_the_cost_is_linear_and_the_cap_is_the_same_at_any_size() -> None:
    """Ten times the copies keep the same entries: the cap, not the input, decides."""

    def load(copies: int) -> ReadingList:
        text = f"resources:\n  - title: A\n    venue: &v {'q' * 1000}\n"
        text += "".join(f"  - title: C{i}\n    venue: *v\n" for i in range(copies))
        return load_text(text, "c.yaml", limits=Limits(max_bytes=10_000))

    small, large = load(100), load(1000)
    assert titles(small) == titles(large) == ["A"] + [f"C{i}" for i in range(8)]
    assert len(large.problems) - len(small.problems) == 900


def test_expanded_text_in_a_build(built: Built) -> None:
    assert built.titles("expanded") == ["Anchor", "Copy 1", "Copy 2"]
    assert built.of("expanded.yaml") == [
        (line, "data", f"entry 'Copy {n}' {_TOO_LONG}")
        for line, n in ((8, 3), (10, 4), (12, 5))
    ]
    assert built.titles("defaults") == [
        "Takes 1", "Takes 2", "Takes 3", "Own description",
    ]  # fmt: skip
    assert [(line, sub) for line, sub, _ in built.of("defaults.yaml")] == [
        (7, "data"), (8, "data"), (9, "data"),
    ]  # fmt: skip
    # what the page holds is bounded by the limit, not by the copies
    page = (built.outdir / "index.html").read_text(encoding="utf-8")
    assert page.count("x" * 5000) == 3
    assert page.count("y" * 4000) == 3


# -- 2. one bad entry loses only itself ------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "    tags: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"    k{i}: &{c} [{', '.join([f'*{p}'] * 10)}]\n"
                for i, (p, c) in enumerate(zip("abcdefg", "bcdefgh", strict=True))
            ),
            "entry 'Bad' is left out: with it, the data expands to more than "
            f"2,000,000 values {_ALIASES}; write the values out, or raise "
            "readinglist_max_nodes",
        ),
        (
            "    tags: " + "[" * 80 + "]" * 80 + "\n",
            "entry 'Bad' is left out: it nests mappings and lists more than 50 "
            "levels deep; flatten it (a reading list needs five), or raise "
            "readinglist_max_depth",
        ),
        (
            "    tags:\n      " + "- " * 80 + "x\n",
            "entry 'Bad' is left out: it nests mappings and lists more than 50 "
            "levels deep; flatten it (a reading list needs five), or raise "
            "readinglist_max_depth",
        ),
        (
            "    links: &l [{title: a, url: 'https://x.org', more: *l}]\n",
            "entry 'Bad' is left out: an alias (*name) in it refers to the value "
            "that contains it, so the data never ends; point the alias at "
            "another value",
        ),
    ],
    ids=["laughs", "deep-flow", "deep-block", "self"],
)
def test_one_bad_entry_keeps_its_neighbours(entry: str, message: str) -> None:
    text = (
        "resources:\n  - title: Before\n  - title: Bad\n"
        + entry
        + "  - title: After\n    tags: [fine]\n"
    )
    data = load_text(text, "r.yaml")
    assert titles(data) == ["Before", "After"]
    assert told(data) == [(3, "data", message)]


def test_the_same_outside_the_entries_still_refuses_the_file() -> None:
    text = "resources:\n  - title: A\nextra: " + "[" * 80 + "]" * 80 + "\n"
    data = load_text(text, "r.yaml")
    assert titles(data) == []
    # nested as written, not through aliases: the message does not blame them
    assert told(data) == [
        (
            3,
            "file",
            "the data nests mappings and lists more than 50 levels deep; flatten "
            "it (a reading list needs five), or raise readinglist_max_depth",
        )
    ]
    # past twice the depth limit, the parser's cost per level would make reading
    # on quadratic: the file is refused where the nesting goes too deep
    for depth in (10_000, 1_000_000):
        text = "resources:\n  - title: A\n  - title: Deep\n    tags: "
        text += "[" * depth + "]" * depth + "\n  - title: B\n"
        data = load_text(text, "r.yaml")
        assert titles(data) == []
        assert told(data) == [
            (
                4,
                "file",
                "the data nests mappings and lists more than 50 levels deep; "
                "flatten it (a reading list needs five), or raise "
                "readinglist_max_depth",
            )
        ]


def test_an_anchor_inside_a_skipped_value_is_no_undefined_alias() -> None:
    deep = "[" * 60 + "&inner [x]" + "]" * 60
    text = f"resources:\n  - title: Deep\n    tags: {deep}\n  - title: Uses it\n"
    text += "    tags: *inner\n  - title: Fine\n"
    data = load_text(text, "r.yaml")
    assert titles(data) == ["Fine"]
    assert [(line, sub) for line, sub, _ in told(data)] == [(2, "data"), (4, "data")]


def test_empty_resources_warn() -> None:
    for text in ("resources: []\n", "[]\n", "markup: rst\nresources: []\n"):
        data = load_text(text, "e.yaml")
        line = text.count("\n", 0, text.index("[]")) + 1
        assert told(data) == [
            (
                line,
                "data",
                "the list of resources is empty, so nothing is shown; add entries "
                "such as '- title: Deep learning', or remove the directive",
            )
        ]


def test_resumption_in_a_build(built: Built) -> None:
    assert built.titles("resume") == ["Before", "After"]
    assert [(line, sub) for line, sub, _ in built.of("resume.yaml")] == [
        (3, "data"), (6, "data"), (8, "data"),
    ]  # fmt: skip
    assert built.of("resume.yaml")[0][2] == f"entry 'Long laughs' {_TOO_LONG}"
    assert built.of("empty.yaml") == [
        (
            1,
            "data",
            "the list of resources is empty, so nothing is shown; add entries "
            "such as '- title: Deep learning', or remove the directive",
        )
    ]
    # in MyST, located in the page
    assert built.titles("myst-values", "myst") == [
        "=", "Ancient", "Owner", "User", "After",
    ]  # fmt: skip
    assert (22, "data", f"entry 'Long laughs' {_TOO_LONG}") in built.of("myst.md")


# -- 3. tags per entry -------------------------------------------------------------------


def test_tags_past_the_limit_are_left_out() -> None:
    tags = ", ".join(f"t{i}" for i in range(60))
    text = (
        "defaults:\n  tags: [" + tags + "]\nresources:\n  - title: Default\n"
        "  - title: List\n    tags: [" + tags + "]\n"
        "  - title: Text\n    tags: " + tags + "\n"
        "  - title: Repeats\n    tags: [" + ", ".join(["same"] * 200) + "]\n"
    )
    data = load_text(text, "t.yaml")
    assert [len(r.tags) for r in data.resources] == [50, 50, 50, 1]
    assert data.resources[1].tags[-1] == "t49"
    message = (
        "'tags' has 60 tags, more than the 50 allowed; the last 10 are left out: "
        "keep the tags that matter most, or raise readinglist_max_tags"
    )
    assert told(data) == [
        (2, "data", f"defaults: {message}"),
        (6, "data", f"entry 'List': {message}"),
        (8, "data", f"entry 'Text': {message}"),
    ]
    assert len(load_text(text, "t.yaml", limits=Limits(max_tags=60)).problems) == 0


def _tag_page(tmp_path: Path, count: int) -> int:
    srcdir = tmp_path / str(count)
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_readinglist"]\n', encoding="utf-8"
    )
    tags = ", ".join(f"tag{i:05}" for i in range(count))
    (srcdir / "tags.yaml").write_text(
        f"- title: Tagged\n  tags: [{tags}]\n", encoding="utf-8"
    )
    (srcdir / "index.rst").write_text(
        "Tags\n====\n\n.. readinglist:: tags.yaml\n   :group-by: tag\n",
        encoding="utf-8",
    )
    outdir, warnings = build(srcdir)
    assert any(
        "tags.yaml:2: WARNING: entry 'Tagged': 'tags' has" in w
        and "[readinglist.data]" in w
        for w in warnings
    ), warnings
    return len((outdir / "index.html").read_bytes())


def test_group_by_tag_stays_the_same_size_past_the_limit(tmp_path: Path) -> None:
    # without the cap, 2,000 tags gave 385 MB of HTML: 2,000 cards of 2,000 tags
    assert _tag_page(tmp_path, 2000) == _tag_page(tmp_path, 60)


def test_tags_in_a_build(built: Built) -> None:
    assert built.of("tags.yaml") == [
        (3, "data", "entry 'Many tags': 'tags' has 8 tags, more than the 5 allowed; the last 3 are left out: keep the tags that matter most, or raise readinglist_max_tags"),
        (5, "data", "entry 'Many tags in a string': 'tags' has 7 tags, more than the 5 allowed; the last 2 are left out: keep the tags that matter most, or raise readinglist_max_tags"),
    ]  # fmt: skip
    groups = built.page().select("#tags .readinglist-group-title, #tags h2, #tags p")
    shown = {g.get_text(strip=True) for g in groups}
    assert not shown & {"t6", "t7", "t8", "s6", "s7"}
    cards = built.page().select("#tags article.readinglist-card")
    assert max(len(c.select(".readinglist-tag")) for c in cards) <= 5


# -- 4. every quoted value is cut ------------------------------------------------------


def test_a_huge_title_makes_short_messages() -> None:
    title = "T" * 1_000_000
    problems = "".join(f"  bad{i}: x\n" for i in range(300))
    text = f"- title: {title}\n  year: soon\n  kind: {title}\n{problems}"
    text += f"  translations:\n    ? {'l' * 5000}\n    : x\n"
    data = load_text(text, "t.yaml")
    assert len(data.problems) >= 300
    # the longest is an unknown field's, which lists the 23 known fields
    assert max(len(p.message) for p in data.problems) < 400
    assert not any(
        "T" * 100 in p.message or "l" * 100 in p.message for p in data.problems
    )
    assert data.resources[0].title == title


@pytest.mark.parametrize(
    "year", ["9" * 5000, "0x" + "F" * 5000, "0" + "7" * 5000, "1" + ":30" * 50_000]
)
def test_a_huge_number_makes_a_short_message(year: str) -> None:
    data = load_text(f"- title: A\n  year: {year}\n- title: B\n", "y.yaml")
    assert titles(data) == ["A", "B"]
    assert data.resources[0].year is None
    [(line, subtype, message)] = told(data)
    assert (line, subtype) == (2, "data")
    assert message == (
        f"entry 'A': 'year' {year[:37]}... is not a plausible year; write e.g. "
        "year: 2015"
    )


def test_numbers_in_a_build_make_short_warnings(built: Built) -> None:
    found = built.of("values.yaml")
    assert (
        12,
        "data",
        f"entry 'Huge year': 'year' {'9' * 37}... is not a plausible year; write "
        "e.g. year: 2015",
    ) in found
    assert (
        14,
        "data",
        f"entry 'Hex year': 'year' 0x{'F' * 35}... is not a plausible year; write "
        "e.g. year: 2015",
    ) in found
    assert all(len(w) < 400 for w in built.warnings), built.warnings
    assert not any("Traceback" in w for w in built.warnings)


def test_huge_titles_are_cut_in_page_warnings(tmp_path: Path) -> None:
    title = "Q" * 100_000
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_readinglist"]\n', encoding="utf-8"
    )
    (srcdir / "a.yaml").write_text(
        f"- title: {title}\n  id: same\n  description: '|nope|'\n", encoding="utf-8"
    )
    (srcdir / "b.yaml").write_text(f"- title: {title}\n  id: same\n", encoding="utf-8")
    (srcdir / "index.rst").write_text(
        "T\n=\n\n.. readinglist:: a.yaml\n\n.. readinglist:: b.yaml\n\n"
        ".. readinglist:: a.yaml\n   :ids: " + "z" * 50_000 + "\n",
        encoding="utf-8",
    )
    _, warnings = build(srcdir)
    ours = [w for w in warnings if "[readinglist." in w]
    assert len(ours) >= 3, ours
    assert all(len(w) < 500 for w in ours), [len(w) for w in ours]
    assert any("duplicate id 'same'" in w and "b.yaml:1:" in w for w in ours), ours


# -- 5. "=" and "<<" are text ----------------------------------------------------------------


def test_equals_and_merge_signs_are_text() -> None:
    data = load_text(
        "- title: =\n  id: a\n  tags: [=, <<, x]\n  venue: <<\n"
        "- title: <<\n  id: b\n  authors: [=]\n"
        "- <<: {kind: book}\n  title: Merged\n",
        "v.yaml",
    )
    assert told(data) == []
    assert [(r.title, r.tags, r.venue, r.authors, r.kind) for r in data.resources] == [
        ("=", ("=", "<<", "x"), "<<", (), None),
        ("<<", (), None, ("=",), None),
        ("Merged", (), None, (), "book"),
    ]


def test_equals_and_merge_signs_in_a_build(built: Built) -> None:
    assert built.titles("values")[:2] == ["=", "<<"]
    card = built.page().select_one("#values article#equals")
    assert card is not None
    tags = [t.get_text(strip=True) for t in card.select(".readinglist-tag")]
    assert tags == ["=", "<<", "plain"]
    myst = built.page("myst").select_one("#myst-values article#myst-equals")
    assert myst is not None
    assert [t.get_text(strip=True) for t in myst.select(".readinglist-tag")] == [
        "=", "<<", "plain",
    ]  # fmt: skip
    assert not [w for w in built.warnings if "tagged" in w]


# -- 6. date range -----------------------------------------------------------------------------


def test_dates_out_of_range_are_left_out() -> None:
    data = load_text(
        "- title: A\n  date: 0001-01-01\n- title: B\n  date: 9999-12-31\n"
        "- title: C\n  date: '0999-12-31'\n- title: D\n  date: 1000-01-01\n",
        "d.yaml",
    )
    assert [(r.title, r.date, r.year) for r in data.resources] == [
        ("A", None, None), ("B", None, None), ("C", None, None),
        ("D", "1000-01-01", 1000),
    ]  # fmt: skip
    assert told(data) == [
        (2, "data", f"entry 'A': 'date' 0001-01-01 {_IMPLAUSIBLE}"),
        (4, "data", f"entry 'B': 'date' 9999-12-31 {_IMPLAUSIBLE}"),
        (6, "data", f"entry 'C': 'date' 0999-12-31 {_IMPLAUSIBLE}"),
    ]
    defaults = load_text(
        "defaults:\n  date: 3000-01-01\nresources:\n  - title: A\n", "d.yaml"
    )
    assert told(defaults) == [
        (2, "data", f"defaults: 'date' 3000-01-01 {_IMPLAUSIBLE}")
    ]
    assert defaults.resources[0].date is None


_IMPLAUSIBLE = "is not a plausible date; write e.g. date: 2015-05-27"


def test_dates_in_a_build(built: Built) -> None:
    found = built.of("values.yaml")
    assert (8, "data", f"entry 'Ancient': 'date' 0001-01-01 {_IMPLAUSIBLE}") in found
    assert (
        10,
        "data",
        f"entry 'Far future': 'date' 9999-12-31 {_IMPLAUSIBLE}",
    ) in found
    assert (15, "data", f"entry 'Ancient': 'date' 0001-01-01 {_IMPLAUSIBLE}") in (
        built.of("myst.md")
    )
    card = built.page().select_one("#values article#ancient")
    assert card is not None and not card.get("data-year")


# -- 7. locations -------------------------------------------------------------------------------


def test_an_aliased_value_is_told_where_it_is_used() -> None:
    data = load_text(
        "common: &bad [1, 2, 3, 4, 5, 6, 7, 8, 9]\n"
        "resources:\n"
        "  - title: User\n"
        "    tags: *bad\n"
        "  - title: Also\n"
        "    authors: *bad\n"
        "  - &first\n"
        "    title: First\n"
        "    links: [{title: a, url: 1}, {title: b}]\n"
        "  - <<: *first\n"
        "    title: Merged\n",
        "a.yaml",
    )
    assert [(line, message[:60]) for line, _, message in told(data)] == [
        (1, "unknown top-level key 'common'; the top level holds only res"),
        (4, "entry 'User': tags[1] must be a non-empty string, got 1, whi"),
        (6, "entry 'Also': authors[1] must be a non-empty string, got 1, "),
        (9, "entry 'First': 'links[1].url' must be a string, got 1, which"),
        (9, "entry 'First': links[2] has no 'url'; write e.g. links: [{ti"),
        (10, "entry 'Merged': 'links[1].url' must be a string, got 1, whic"),
    ]
    assert told(data)[1][2].endswith(
        "it is left out, with 8 more bad items of the alias; quote it: '1'"
    )


def test_a_control_character_is_told_at_its_line(tmp_path: Path) -> None:
    for raw in ("\x00", "\x07", "\x1b"):
        for prefix in ("", "é" * 10):  # libyaml counts bytes, PyYAML characters
            path = tmp_path / "c.yaml"
            path.write_text(
                f"resources:\n  - title: {prefix}A\n  - title: B{raw}\n",
                encoding="utf-8",
            )
            data = load_file(path, "c.yaml")
            [(line, subtype, message)] = told(data)
            assert (line, subtype) == (3, "file"), message
            assert "control characters are not allowed" in message
    data = load_text("- title: A\n\n- title: \x00\n", "page.rst", first_line=10)
    assert told(data)[0][0] == 12


def test_locations_in_a_build(built: Built) -> None:
    found = built.of("aliased.yaml")
    assert [(line, message.split(":")[0]) for line, _, message in found] == [
        (3, "entry 'Owner'"), (3, "entry 'Owner'"), (3, "entry 'Owner'"),
        (5, "entry 'User'"),
        (8, "entry 'First'"), (9, "entry 'Second'"),
        (12, "entry 'Links owner'"), (12, "entry 'Links owner'"),
        (14, "entry 'Links user'"),
    ]  # fmt: skip
    assert built.titles("aliased") == [
        "Owner", "User", "First", "Second", "Links owner", "Links user",
    ]  # fmt: skip
    assert built.of("control.yaml") == [
        (
            3,
            "file",
            "YAML syntax error: unacceptable character #x0000: control characters "
            "are not allowed; remove it: the file may not hold NUL bytes or other "
            "control characters",
        )
    ]
    assert built.titles("control") == []
    myst = built.of("myst.md")
    assert [line for line, _, m in myst if m.startswith("entry 'User'")] == [21]
    assert [line for line, _, m in myst if m.startswith("entry 'Owner'")] == [18, 18]


def test_invisible_tags_and_authors_are_left_out() -> None:
    # they would show an empty badge, and a tag of them has no slug to filter by
    data = load_text(
        "- title: Invisible\n"
        '  tags: ["\\u200b", ok, "\\ufeff \\u2060"]\n'
        '  authors: ["\\u200e", Ada]\n',
        "v.yaml",
    )
    assert [(r.tags, r.authors) for r in data.resources] == [(("ok",), ("Ada",))]
    assert told(data) == [
        (3, "data", "entry 'Invisible': authors[1] must be a non-empty string, got '\\u200e'; it is left out"),
        (2, "data", "entry 'Invisible': tags[1] must be a non-empty string, got '\\u200b'; it is left out"),
        (2, "data", "entry 'Invisible': tags[3] must be a non-empty string, got '\\ufeff \\u2060'; it is left out"),
    ]  # fmt: skip
