"""Snapshots of the kitchen-sink card, the entry with every field.

``roots/test-kitchen-sink`` shows a copy of ``docs/_data/kitchen-sink.yaml``.
The HTML snapshot is the card's element, prettified; the LaTeX one is the
lines from the card's label to the next card. A change to either output shows
here as a diff; when it is meant, regenerate with ``pytest --force-regen``
and read the diff before committing it.
"""

from __future__ import annotations

import re
from pathlib import Path

import sphinx
from pytest_regressions.file_regression import FileRegressionFixture

from ._sphinx import DOCS, ROOTS, build_copy, page

ROOT = ROOTS / "test-kitchen-sink"
ENTRY = "ks-handbook"


def test_the_root_shows_the_docs_entries() -> None:
    """The copy follows the docs' file; only its schema path differs."""
    copy = (ROOT / "kitchen-sink.yaml").read_text(encoding="utf-8")
    original = (DOCS / "_data" / "kitchen-sink.yaml").read_text(encoding="utf-8")
    assert copy.replace("../../../src/", "../../src/") == original
    cover = "kitchen-sink-cover.png"
    assert (ROOT / cover).read_bytes() == (DOCS / "_data" / cover).read_bytes()


def test_html_card(tmp_path: Path, file_regression: FileRegressionFixture) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "html")
    assert warnings == []
    card = page(outdir).select_one(f"article#{ENTRY}")
    assert card is not None
    file_regression.check(card.prettify(), extension=".html")


def latex_card(tex: str, label: str) -> str:
    """The lines of ``tex`` from the card's label to the next card's item."""
    lines = tex.splitlines()
    start = lines.index(rf"\phantomsection\label{{\detokenize{{index:{label}}}}}")
    end = next(
        (
            n
            for n in range(start + 1, len(lines))
            if lines[n].startswith(r"\phantomsection\label{")
        ),
        len(lines),
    )
    # the next card's item (and its index entries) open before its label:
    # they are not this card's
    while end > start and lines[end - 1].startswith(
        (r"\begin{sphinxuseclass}", r"\par\medskip", r"\index{")
    ):
        end -= 1
    return "\n".join(lines[start:end]) + "\n"


def test_latex_card(tmp_path: Path, file_regression: FileRegressionFixture) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "latex")
    assert warnings == []
    tex = next(outdir.glob("*.tex")).read_text(encoding="utf-8")
    if sphinx.version_info < (8, 1):
        tex = nested_roles(tex)
    file_regression.check(latex_card(tex, ENTRY), extension=".tex")


def nested_roles(tex: str) -> str:
    r"""``\DUrole{a,b}{x}`` as Sphinx 8.1 and later write it: ``\DUrole{a}{\DUrole{b}{x}}``
    (sphinx-doc/sphinx#12744)."""
    out: list[str] = []
    closers: list[tuple[int, int]] = []  # (brace depth, extra braces owed)
    depth = 0
    index = 0
    role = re.compile(r"\\DUrole\{([^{}]*)\}\{")
    while index < len(tex):
        found = role.match(tex, index)
        if found:
            classes = found[1].split(",")
            out.append("".join(rf"\DUrole{{{c}}}{{" for c in classes))
            depth += 1
            closers.append((depth, len(classes) - 1))
            index = found.end()
            continue
        char = tex[index]
        out.append(char)
        if char == "{" and tex[index - 1 : index] != "\\":
            depth += 1
        elif char == "}" and tex[index - 1 : index] != "\\":
            if closers and closers[-1][0] == depth:
                out.append("}" * closers.pop()[1])
            depth -= 1
        index += 1
    return "".join(out)
