"""The project's own safe roles in descriptions, the allow-lists of conf.py,
and the project's ``suppress_warnings`` honoured for messages of the parse
(issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from ._sphinx import SYNTAXES, build, directive_page, page, write_project

CONF = """\
from docutils import nodes
from docutils.parsers.rst import Directive

extensions = ["myst_parser", "sphinx.ext.extlinks", "sphinx_readinglist"]
myst_enable_extensions = ["colon_fence"]
show_warning_types = True
extlinks = {
    "issue": ("https://example.org/issues/%s", "#%s"),
    "bad": ("javascript:alert(%s)", "%s"),
}


def shout(name, rawtext, text, lineno, inliner, options=None, content=()):
    return [nodes.strong(rawtext, text.upper(), classes=["shout"])], []


class Boxed(Directive):
    has_content = True

    def run(self):
        node = nodes.container(classes=["boxed"])
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def setup(app):
    app.add_role("shout", shout)
    app.add_directive("boxed", Boxed)
"""

#: Each entry's description, as (rST, MyST).
TEXTS = {
    "issue": (":issue:`12`", "{issue}`12`"),
    "bad": (":bad:`1`", "{bad}`1`"),
    "badge": (
        ":bdg-primary:`new` :bdg-link-info:`site <https://example.org/>`",
        "{bdg-primary}`new` {bdg-link-info}`site <https://example.org/>`",
    ),
    "icon": (":octicon:`rocket`", "{octicon}`rocket`"),
    "icon-extra": (
        ":octicon:`rocket;2em;extra`",
        "{octicon}`rocket;2em;extra`",
    ),
    "shout": (":shout:`hi`", "{shout}`hi`"),
    "boxed": (".. boxed::\n\n   inside", ":::{boxed}\ninside\n:::"),
}


def data(syntax: str) -> str:
    lines = [f"markup: {syntax}", "resources:"]
    for id_, texts in TEXTS.items():
        text = texts[0] if syntax == "rst" else texts[1]
        lines += [f"  - id: {id_}", f"    title: {id_}", "    description: |"]
        lines += [f"      {line}".rstrip() for line in text.splitlines()]
    return "\n".join(lines)


def project(root: Path, syntax: str, body: str) -> Path:
    use = directive_page(syntax, body=body)
    return write_project(root, {f"index{use.suffix}": use.text}, conf=CONF)


@pytest.fixture(scope="module", params=SYNTAXES)
def builds(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[BeautifulSoup, list[str]]]:
    """The page built with the default sets, and with the allow-lists."""
    syntax = request.param
    found = {}
    for name, overrides in {
        "default": {},
        "allowed": {
            "readinglist_allowed_roles": ["shout"],
            "readinglist_allowed_directives": ["boxed"],
        },
    }.items():
        root = project(
            tmp_path_factory.mktemp(f"{syntax}-{name}"), syntax, data(syntax)
        )
        out, warnings = build(root, confoverrides=overrides)
        found[name] = (page(out), warnings)
    return found


def description(soup: BeautifulSoup, id_: str) -> Tag:
    found = soup.select_one(f"#{id_} .readinglist-description")
    assert found is not None, id_
    return found


def about(warnings: list[str], needle: str) -> list[str]:
    return [w for w in warnings if needle in w]


def test_extlinks_role_makes_its_link(builds: dict) -> None:
    soup, warnings = builds["default"]
    link = description(soup, "issue").select_one("a.reference.external")
    assert link is not None
    assert link["href"] == "https://example.org/issues/12"
    assert link.get_text() == "#12"
    assert "extlink-issue" in link["class"]
    assert not about(warnings, "'issue'"), warnings


def test_extlinks_pattern_with_a_refused_scheme_makes_no_link(builds: dict) -> None:
    soup, warnings = builds["default"]
    assert description(soup, "bad").select_one("a") is None
    assert "javascript" not in str(description(soup, "bad"))
    refused = about(warnings, "'javascript:alert(1)' is not linked")
    assert len(refused) == 1 and "[readinglist.unsafe]" in refused[0], warnings


def test_sphinx_design_badges_render_with_their_classes(builds: dict) -> None:
    soup, warnings = builds["default"]
    text = description(soup, "badge")
    badge = text.select_one("span.sd-badge.sd-bg-primary")
    assert badge is not None and badge.get_text() == "new"
    link = text.select_one("a.sd-badge.sd-bg-info")
    assert link is not None and link["href"] == "https://example.org/"
    assert not about(warnings, "entry 'badge'"), warnings


def test_octicon_with_a_name_alone(builds: dict) -> None:
    soup, warnings = builds["default"]
    assert description(soup, "icon").select_one("svg.sd-octicon") is not None
    extra = description(soup, "icon-extra")
    assert extra.select_one("svg") is None
    assert "rocket;2em;extra" in extra.get_text()
    refused = about(warnings, "the 'octicon' role is allowed with an icon's name alone")
    assert len(refused) == 1, warnings


def test_a_role_needs_readinglist_allowed_roles(builds: dict) -> None:
    soup, warnings = builds["default"]
    assert description(soup, "shout").select_one("strong") is None
    assert about(warnings, "the 'shout' role is not allowed"), warnings
    soup, warnings = builds["allowed"]
    strong = description(soup, "shout").select_one("strong.shout")
    assert strong is not None and strong.get_text() == "HI"
    assert not about(warnings, "shout"), warnings


def test_a_directive_needs_readinglist_allowed_directives(builds: dict) -> None:
    soup, warnings = builds["default"]
    assert "inside" not in description(soup, "boxed").get_text()
    assert about(warnings, "the 'boxed' directive is not allowed"), warnings
    soup, warnings = builds["allowed"]
    box = description(soup, "boxed").select_one("div.boxed")
    assert box is not None and box.get_text().strip() == "inside"
    assert not about(warnings, "boxed"), warnings


# -- suppress_warnings --------------------------------------------------------


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


MYST_DATA = """\
markup: myst
resources:
  - id: a
    title: A
    description: |
      See [there](#nowhere).

      Then {nosuch}`x`.
"""


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_suppressed_myst_warnings_stay_silent(tmp_path: Path, syntax: str) -> None:
    use = directive_page(syntax, body=MYST_DATA)
    root = write_project(tmp_path / "a", {f"index{use.suffix}": use.text}, conf=CONF)
    _, warnings = build(root)
    where = f"index{use.suffix}"
    missing = about(warnings, "cross-reference target not found: 'nowhere'")
    if syntax == "myst":  # MyST resolves its links on its own pages only
        assert len(missing) == 1, warnings
        assert f"{where}:{line_of(use.text, 'nowhere')}:" in missing[0]
        assert "[myst.xref_missing]" in missing[0]
    unknown = about(warnings, 'Unknown interpreted text role "nosuch"')
    assert len(unknown) == 1, warnings
    assert f"{where}:{line_of(use.text, 'nosuch')}:" in unknown[0]

    root = write_project(tmp_path / "b", {f"index{use.suffix}": use.text}, conf=CONF)
    suppress = ["myst.xref_missing", "myst.role_unknown"]
    _, warnings = build(root, confoverrides={"suppress_warnings": suppress})
    assert not about(warnings, "nowhere"), warnings
    assert not about(warnings, "nosuch"), warnings


RST_DATA = """\
markup: rst
resources:
  - id: a
    title: A
    description: |
      An *unclosed emphasis.
"""


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_docutils_messages_ignore_unrelated_suppressions(
    tmp_path: Path, syntax: str
) -> None:
    use = directive_page(syntax, body=RST_DATA)
    root = write_project(tmp_path, {f"index{use.suffix}": use.text}, conf=CONF)
    suppress = ["myst.xref_missing", "myst", "ref.ref", "readinglist.unsafe"]
    _, warnings = build(root, confoverrides={"suppress_warnings": suppress})
    found = about(warnings, "without end-string")
    assert len(found) == 1, warnings
    where = f"index{use.suffix}:{line_of(use.text, 'unclosed')}:"
    assert where in found[0] and "[readinglist.markup]" in found[0]
