"""Markup from YAML is parsed in a sandbox, in either syntax, on either page kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from ._sphinx import html, warnings_of


@pytest.mark.sphinx("html", testroot="sandbox")
def test_both_syntaxes_on_both_page_kinds(app: SphinxTestApp) -> None:
    app.build()
    # MyST text on an rST page
    md = html(app).select_one("#md-entry .readinglist-description")
    assert md is not None
    assert md.select_one("strong").get_text() == "bold"  # type: ignore[union-attr]
    assert md.select_one("a")["href"] == "https://example.org/"  # type: ignore[index]
    assert [li.get_text() for li in md.select("li")] == ["one", "two"]
    # rST text on a MyST page
    rst = html(app, "page").select_one("#rst-entry .readinglist-description")
    assert rst is not None
    assert rst.select_one("a")["href"] == "https://example.org/"  # type: ignore[index]
    assert rst.select_one("code").get_text() == "code"  # type: ignore[union-attr]
    assert rst.select_one(".admonition.note") is not None


@pytest.mark.sphinx("html", testroot="sandbox", freshenv=True)
def test_unsafe_markup_is_refused_and_located(
    app: SphinxTestApp, warning: object
) -> None:
    app.build()
    found = warnings_of(warning)
    expected = [
        ("myst.yaml:13:", "raw html content (such as inline HTML) is not allowed"),
        ("myst.yaml:15:", "images are not allowed in the text"),
        ("myst.yaml:17:", "the 'raw' directive is not allowed"),
        ("rst.yaml:12:", "the 'download' role is not allowed"),
        ("rst.yaml:12:", "the link 'javascript:alert(1)' is not linked"),
        ("rst.yaml:14:", "the 'image' directive is not allowed"),
    ]
    for location, message in expected:
        assert any(
            location in w and message in w and w.endswith("[readinglist.unsafe]")
            for w in found
        ), (location, found)
    assert len(found) == len(expected), found

    out = Path(app.outdir)
    # nothing was read from outside the project and copied into the output
    assert not (out / "_images").exists()
    assert not (out / "_downloads").exists()
    cards = str(html(app).select_one("div.readinglist")) + str(
        html(app, "page").select_one("div.readinglist")
    )
    for leaked in ("<script", "javascript:", "<b>raw</b>", 'passwd"'):
        assert leaked not in cards


@pytest.mark.sphinx(
    "html",
    testroot="sandbox",
    srcdir="sandbox-trusted",
    confoverrides={"readinglist_trust_markup": True},
)
def test_trusted_markup_lifts_the_sandbox(app: SphinxTestApp, warning: object) -> None:
    app.build()
    card = html(app).select_one("#md-unsafe")
    assert card is not None and "<b>raw</b>" in str(card)
