"""The cards are valid HTML, as the Nu HTML checker (vnu) reads it.

Whole pages also carry the theme's markup, so the card markup is checked on
its own: every ``div.readinglist`` of a built page, in a minimal HTML5
document. A whole page with cards must add no error to the same theme's page
without them.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from ._sphinx import ROOTS, build, build_copy, copy_docs_project, soup
from ._tools import load_script, vnu_command

DOCUMENT = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{title}</title></head>
<body>
<main>
{body}
</main>
</body>
</html>
"""


def fragment_document(fragments: list[str], title: str) -> str:
    """A minimal valid HTML5 page holding ``fragments``."""
    return DOCUMENT.format(title=title, body="\n".join(fragments))


def card_fragments(page: Path) -> list[str]:
    """The reading lists and charts of a built page, as HTML."""
    parsed = soup(page.read_text(encoding="utf-8"))
    return [str(div) for div in parsed.select("div.readinglist, div.readinglist-stats")]


def vnu_errors(files: list[Path]) -> list[str]:
    """The errors vnu finds in ``files``, as ``file:line: message``."""
    result = subprocess.run(
        [*vnu_command(), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # vnu writes its JSON report to stderr, and exits 1 when it found errors
    report = result.stderr.strip() or result.stdout.strip()
    try:
        messages = json.loads(report)["messages"]
    except (ValueError, KeyError) as error:
        raise AssertionError(f"vnu did not report: {report[:2000]}") from error
    return [
        f"{Path(m.get('url', '?')).name}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The roots with every part of a card, the filter and the charts, and the docs."""
    tmp = tmp_path_factory.mktemp("validity")
    outputs = {}
    for root in ("test-themes", "test-filter", "test-basic", "test-stats"):
        outdir, warnings = build_copy(ROOTS / root, tmp / root)
        assert warnings == [], root
        outputs[root] = outdir
    outputs["docs"], _ = build(copy_docs_project(tmp / "project"))
    # the themes page again, in the theme that restyles lists and details most
    overrides = load_script("scripts/screenshot.py").theme_overrides(
        "sphinx_immaterial", ROOTS / "test-themes"
    )
    outputs["test-themes-immaterial"], warnings = build_copy(
        ROOTS / "test-themes",
        tmp / "immaterial",
        isolated=True,
        confoverrides=overrides,
    )
    assert warnings == [], "sphinx_immaterial"
    return outputs


def test_card_markup_is_valid(built: dict[str, Path], tmp_path: Path) -> None:
    files = []
    for name, outdir in built.items():
        for page in sorted(outdir.rglob("*.html")):
            fragments = card_fragments(page)
            if not fragments:
                continue
            relative = page.relative_to(outdir).as_posix().replace("/", "--")
            path = tmp_path / f"{name}--{relative}"
            path.write_text(fragment_document(fragments, page.stem), encoding="utf-8")
            files.append(path)
    # every kind of part is in there: the check covers the whole card
    text = "\n".join(path.read_text(encoding="utf-8") for path in files)
    for part in (
        "readinglist-image",
        "readinglist-abstract",
        "readinglist-authors-more",
        "readinglist-links",
        "readinglist-translations",
        "readinglist-filter",
        "readinglist-layout-list",
        "readinglist-group",
        "readinglist-extra",  # in the docs: the extra fields they show
        "readinglist-stats-chart",
    ):
        assert part in text, part
    assert vnu_errors(files) == []


@pytest.mark.parametrize("site", ["test-themes", "test-themes-immaterial"])
def test_cards_add_no_error_to_a_page(built: dict[str, Path], site: str) -> None:
    outdir = built[site]
    errors = vnu_errors([outdir / "cards.html", outdir / "plain.html"])

    def messages(page: str) -> Counter[str]:
        return Counter(e.split(": ", 1)[1] for e in errors if e.startswith(page + ":"))

    # counted, not as sets: a card error worded like one of the theme's is
    # one more of that message
    assert messages("cards.html") - messages("plain.html") == Counter()
    # and no error is located in the lines of a reading list
    inside = card_lines(outdir / "cards.html")
    assert inside
    located = [e for e in errors if e.startswith("cards.html:") and _line(e) in inside]
    assert located == []


def card_lines(page: Path) -> set[int]:
    """The line numbers of ``page`` that its reading lists span."""
    lines: set[int] = set()
    parsed = soup(page.read_text(encoding="utf-8"))
    for div in parsed.select("div.readinglist"):
        tags = [div, *div.find_all(True)]
        numbers = [t.sourceline for t in tags if t.sourceline is not None]
        lines.update(range(min(numbers), max(numbers) + 1))
    return lines


def _line(error: str) -> int | None:
    """The line of a ``file:line: message`` error, if vnu gave one."""
    where = error.split(": ", 1)[0].rpartition(":")[2]
    return int(where) if where.isdigit() else None
