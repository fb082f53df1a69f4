"""The markup sandbox: cross-reference and default roles, option limits of the
allowed directives, headings, task lists and CSS classes (issue 11).

``roots/test-sec-roles`` holds a page of each syntax; it is built once, and
each test reads the cards and warnings it is about.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from sphinx_readinglist.text.policy import OPTION_RANGES, line_ranges

from ._sphinx import ROOTS, build, build_copy

ROOT = ROOTS / "test-sec-roles"
DEFAULT_ROOT = ROOTS / "test-sec-roles-default"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return build_copy(ROOT, tmp_path_factory.mktemp("sec-roles") / "src")


def page(out: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((out / f"{docname}.html").read_text("utf-8"), "html.parser")


def description(out: Path, docname: str, id_: str) -> Tag:
    found = page(out, docname).select_one(f"#{id_} .readinglist-description")
    assert found is not None, id_
    return found


def warnings_at(found: list[str], where: str) -> list[str]:
    return [w for w in found if f"{where}: WARNING:" in w]


# -- 1. cross-reference roles -------------------------------------------------

XREFS = [
    # (role, href from the MyST page; the rST page is index.html itself)
    ("ref", "index.html#target"),
    ("doc", "{doc}"),
    ("numref", "index.html#table-one"),
    ("term", "index.html#term-word"),
    ("any", "index.html#spam"),
    ("py:func", "index.html#spam"),
    ("func", "index.html#spam"),  # the primary domain, py
    ("std:ref", "index.html#target"),
    ("resource", "{resource}"),
]


@pytest.mark.parametrize("syntax", ["rst", "myst"])
@pytest.mark.parametrize(("role", "href"), XREFS)
def test_cross_reference_roles_resolve(
    built: tuple[Path, list[str]], syntax: str, role: str, href: str
) -> None:
    out, found = built
    docname, id_ = ("index", "xref-rst") if syntax == "rst" else ("page", "xref-md")
    links = description(out, docname, id_).select("a.reference.internal")
    # the links of the text, in order: one per role of XREFS
    link = links[[r for r, _ in XREFS].index(role)]
    if href == "{doc}":
        href = "page.html" if syntax == "rst" else "index.html"
    elif href == "{resource}":
        href = "page.html#xref-md" if syntax == "rst" else "index.html#xref-rst"
    elif syntax == "rst":
        href = href.removeprefix("index.html")
    assert link["href"] == href
    yaml = "rst.yaml" if syntax == "rst" else "myst.yaml"
    refused = [w for w in warnings_at(found, f"{yaml}:6") if "role" in w]
    assert all("the 'download' role" in w for w in refused), refused
    assert not [w for w in found if f"the {role!r} role" in w]


def test_numref_and_term_show_their_text(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    text = description(out, "index", "xref-rst").get_text()
    assert "Table 1" in text
    assert "word" in text


@pytest.mark.parametrize(("yaml", "line"), [("rst.yaml", 38), ("myst.yaml", 6)])
def test_download_is_still_refused(
    built: tuple[Path, list[str]], yaml: str, line: int
) -> None:
    out, found = built
    assert [
        w
        for w in warnings_at(found, f"{yaml}:{line}")
        if "the 'download' role is not allowed in reading-list markup; its text "
        "is shown as is"
        in w
        and w.endswith("[readinglist.unsafe]")
    ]
    assert not (out / "_downloads").exists()


# -- 2. the default role --------------------------------------------------------


def test_default_role_is_title_reference_without_one(
    built: tuple[Path, list[str]],
) -> None:
    out, found = built
    cite = description(out, "index", "xref-rst").select_one("cite")
    assert cite is not None and cite.get_text() == "pandas.DataFrame"
    assert not [w for w in found if "''" in w or "default role" in w]


def test_a_safe_default_role_is_used(tmp_path: Path) -> None:
    out, found = build_copy(
        DEFAULT_ROOT, tmp_path / "src", confoverrides={"default_role": "py:func"}
    )
    link = description(out, "index", "backticks").select_one("a.reference.internal")
    assert link is not None and link["href"] == "#spam"
    assert link.get_text() == "spam()"
    assert not warnings_at(found, "data.yaml:6")


def test_an_unsafe_default_role_is_refused_by_name(tmp_path: Path) -> None:
    out, found = build_copy(
        DEFAULT_ROOT, tmp_path / "src", confoverrides={"default_role": "shout"}
    )
    # shown as is, not shouted
    text = description(out, "index", "backticks")
    assert "See spam for details." in text.get_text()
    assert text.select_one("strong") is None
    assert [
        w
        for w in warnings_at(found, "data.yaml:6")
        if "description of entry 'Single backticks': the default role 'shout' "
        "(default_role in conf.py) is not allowed in reading-list markup; its "
        "text is shown as is"
        in w
        and w.endswith("[readinglist.unsafe]")
    ], found


def test_a_default_role_directive_on_the_page_is_named(tmp_path: Path) -> None:
    out, found = build_copy(DEFAULT_ROOT, tmp_path / "src")
    # index.rst has no default role: title-reference
    cite = description(out, "index", "backticks").select_one("cite")
    assert cite is not None and cite.get_text() == "spam"
    assert not warnings_at(found, "data.yaml:6")
    assert description(out, "other", "backticks-other").select_one("strong") is None
    assert [
        w
        for w in warnings_at(found, "other.yaml:6")
        if "the default role 'shout' (set by a default-role directive on the "
        "page) is not allowed"
        in w
        and w.endswith("[readinglist.unsafe]")
    ], found


# -- 3. option limits of the allowed directives --------------------------------


def test_options_within_the_limits_are_kept(built: tuple[Path, list[str]]) -> None:
    out, found = built
    text = description(out, "index", "options-ok")
    # "2,1-2,2-" names every line of the three: merged, then highlighted once
    assert len(text.select(".highlight .hll")) == 3
    assert [n.get_text() for n in text.select(".linenos")] == ["10", "11", "12"]
    assert len(text.select("table.hlist td")) == 3
    assert not warnings_at(found, "options.yaml:6")


OVER = [
    (25, ":emphasize-lines: '1-30000000' of the 'code-block' directive is not a list of lines of the block and was left out; name lines from 1 to 2, e.g. 1,3-5"),
    (26, ":lineno-start: 100000000000 of the 'code-block' directive is outside the limit of 0 to 1000000 and was left out; use a number from 0 to 1000000"),
    (32, ":columns: 200000 of the 'hlist' directive is outside the limit of 1 to 12 and was left out; use a number from 1 to 12"),
    (39, ":number-lines: 99999999999999999999 of the 'code' directive is outside the limit of 0 to 1000000 and was left out; use a number from 0 to 1000000"),
    (44, ":dedent: 5000 of the 'code-block' directive is outside the limit of 0 to 1000 and was left out; use a number from 0 to 1000"),
    (49, ":widths: 99999999999 1 of the 'list-table' directive is outside the limit of 1 to 1000 and was left out; use a number from 1 to 1000"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "message"), OVER)
def test_options_over_the_limits_are_left_out(
    built: tuple[Path, list[str]], line: int, message: str
) -> None:
    _, found = built
    at = warnings_at(found, f"options.yaml:{line}")
    assert [
        w
        for w in at
        if f"description of entry 'Options over the limits': {message}" in w
        and w.endswith("[readinglist.unsafe]")
    ], at


def test_options_over_the_limits_render_with_defaults(
    built: tuple[Path, list[str]],
) -> None:
    out, _ = built
    text = description(out, "index", "options-over")
    assert not text.select(".hll")  # no line highlighted
    assert not text.select(".linenos")  # no line numbers
    assert len(text.select("table.hlist td")) == 2  # hlist's default columns
    assert "four = 4" in text.get_text()  # not dedented
    assert not text.select("colgroup")  # no widths


def test_line_ranges_are_merged_before_sphinx_expands_them() -> None:
    # overlapping ranges expand to the lines of the block once, however many
    assert line_ranges(",".join(["1-3"] * 10_000), 3) == "1-3"
    assert line_ranges("5,2-3,1,3-,4", 9) == "1-9"
    assert line_ranges("-2, 4", 4) == "1-2,4"
    # a range beyond the block is refused before it is expanded
    for spec in ("1-30000000", "0", "4", "3-2", "1-2-3", "x", "", "1_0", "9" * 5000):
        assert line_ranges(spec, 3) is None, spec
    # the work grows with the spec, not with the numbers in it
    assert line_ranges("1-" + "9" * 4000, 10**6) is None


def test_every_bounded_option_is_an_option_of_a_safe_directive() -> None:
    from docutils.parsers.rst import directives
    from sphinx.directives.code import CodeBlock
    from sphinx.directives.other import HList
    from sphinx.directives.patches import Code

    specs = {
        **CodeBlock.option_spec,
        **HList.option_spec,
        **Code.option_spec,
        **directives.tables.ListTable.option_spec,
    }
    assert set(OPTION_RANGES) <= set(specs)


# -- 4. headings ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("docname", "id_", "where"),
    [("index", "heading-rst", "rst.yaml:15"), ("page", "heading-md", "myst.yaml:14")],
)
def test_a_heading_is_shown_as_a_paragraph(
    built: tuple[Path, list[str]], docname: str, id_: str, where: str
) -> None:
    out, found = built
    text = description(out, docname, id_)
    assert [p.get_text() for p in text.select("p")][:3] == [
        "Before the heading.",
        "A heading",
        "After the heading.",
    ]
    assert not text.select("h1, h2, h3, h4, h5, h6, section")
    assert [
        w
        for w in warnings_at(found, where)
        if "headings are not allowed in reading-list text; the heading is shown "
        "as a plain paragraph"
        in w
        and w.endswith("[readinglist.markup]")
    ], found
    assert not [w for w in found if "Unexpected section title" in w]
    # the page's table of contents has only its own sections
    toc = [a.get_text() for a in page(out, docname).select("a.reference.internal")]
    assert "A heading" not in toc


def test_a_horizontal_rule_is_left_out_and_located(
    built: tuple[Path, list[str]],
) -> None:
    out, found = built
    text = description(out, "index", "heading-rst")
    assert text.select_one("hr") is None
    assert text.select("p")[-1].get_text() == "After the rule."
    assert [
        w
        for w in warnings_at(found, "rst.yaml:19")
        if "horizontal rules are not allowed in reading-list text" in w
        and w.endswith("[readinglist.markup]")
    ], found
    assert not [w for w in found if "Transition" in w]


# -- 5. task lists and strikethrough -----------------------------------------


def test_task_list_boxes_and_strikethrough_are_safe_nodes(
    built: tuple[Path, list[str]],
) -> None:
    out, found = built
    text = description(out, "page", "tasks-md")
    assert [li.get_text() for li in text.select("li")] == ["☐ to do", "☑ done"]
    struck = text.select_one("del.readinglist-deleted")
    assert struck is not None and struck.get_text() == "struck"
    assert text.select_one("input, s") is None  # no raw HTML
    for line in range(17, 24):
        assert not warnings_at(found, f"myst.yaml:{line}")


# -- 6. CSS classes ---------------------------------------------------------------


def test_author_classes_are_left_out(built: tuple[Path, list[str]]) -> None:
    out, _ = built
    html = str(description(out, "index", "classes-rst")) + str(
        description(out, "page", "classes-md")
    )
    for class_ in ("sd-d-none", "sd-stretched-link", "hidden"):
        assert class_ not in html
    # the classes the markup itself gives are kept
    rst = description(out, "index", "classes-rst")
    assert rst.select_one("div.admonition.note") is not None
    assert rst.select_one("div.admonition.admonition-custom-title") is not None
    md = description(out, "page", "classes-md")
    link = md.select_one("a")
    assert link is not None and link["class"] == ["reference", "external"]


@pytest.mark.parametrize(
    ("where", "classes"),
    [
        ("rst.yaml:25", "'sd-d-none'"),
        ("rst.yaml:30", "'sd-stretched-link'"),
        ("myst.yaml:27", "'sd-d-none reference'"),
        ("myst.yaml:27", "'hidden'"),
        ("myst.yaml:29", "'sd-stretched-link'"),
    ],
)
def test_author_classes_are_reported_where_written(
    built: tuple[Path, list[str]], where: str, classes: str
) -> None:
    _, found = built
    assert [
        w
        for w in warnings_at(found, where)
        if f"CSS classes are not allowed in reading-list text, and {classes} was "
        "left out, since it could restyle or hide parts of the page; remove it, "
        "and style the cards from the project's CSS"
        in w
        and w.endswith("[readinglist.markup]")
    ], found


def test_markup_classes_give_no_warning(built: tuple[Path, list[str]]) -> None:
    _, found = built
    # cross-references, admonitions, task lists: classes of the markup itself
    for where in ("rst.yaml:6", "rst.yaml:33", "myst.yaml:6", "myst.yaml:17"):
        assert not [w for w in warnings_at(found, where) if "CSS" in w]


# -- 7. labels quote a cut title -----------------------------------------------


def test_messages_quote_a_cut_title(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(DEFAULT_ROOT, src)
    # a long title, three problems: each message quotes the title cut
    title = "T" * 100_000
    (src / "data.yaml").write_text(
        "markup: rst\nresources:\n"
        + "".join(
            f"  - id: e{i}\n    title: {title}{i}\n    description: ':shout:`x`'\n"
            for i in range(3)
        ),
        encoding="utf-8",
    )
    _, found = build(src)
    refused = [w for w in found if "the 'shout' role is not allowed" in w]
    assert len(refused) == 3
    for w in refused:
        assert f"description of entry '{'T' * 37}...': the 'shout' role" in w
        assert len(w) < 300


def test_parser_messages_do_not_quote_the_text(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(DEFAULT_ROOT, src)
    # docutils appends an unknown directive's whole block to its message
    body = "".join(f"      secret line {i}\n" for i in range(20_000))
    (src / "data.yaml").write_text(
        "markup: rst\nresources:\n"
        "  - id: unknown\n    title: Unknown directive\n    description: |\n"
        "      .. nosuch::\n\n" + body,
        encoding="utf-8",
    )
    _, found = build(src)
    told = [w for w in found if "nosuch" in w]
    assert len(told) == 1, found
    assert "data.yaml:6: WARNING: description of entry 'Unknown directive': " in told[0]
    assert 'Unknown directive type "nosuch"' in told[0]
    assert "secret line" not in "\n".join(found)
    assert len(told[0]) < 400
