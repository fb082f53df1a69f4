"""The shipped message catalogues: complete, and compiled from their sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from sphinx_readinglist.i18n import LOCALE_DIR, MESSAGE_CATALOG

from ._sphinx import SYNTAXES, build, directive_page, page, write_project

PACKAGE = Path(LOCALE_DIR).parent
LANGUAGES = sorted(p.name for p in Path(LOCALE_DIR).iterdir() if p.is_dir())


def source_messages() -> set[str]:
    """Every label the code passes to ``_()``."""
    return {
        message
        for _filename, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE), keywords={"_": None}, method_map=[("**.py", "python")]
        )
        if isinstance(message, str)
    }


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_a_french_catalogue_ships(tmp_path: Path, syntax: str) -> None:
    """The compiled French catalogue is in the package, and a French build uses it."""
    mo_path = Path(LOCALE_DIR) / "fr" / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.mo"
    with mo_path.open("rb") as mo_file:
        mo = {m.id: m.string for m in read_mo(mo_file) if m.id}
    assert mo["Paper"] == "Publication"
    assert mo["Untagged"] == "Sans étiquette"

    use = directive_page(
        syntax,
        options=[("group-by", "tag")],
        body="resources:\n  - title: A\n    kind: paper\n",
    )
    srcdir = write_project(tmp_path, {f"index{use.suffix}": use.text})
    outdir, warnings = build(srcdir, confoverrides={"language": "fr"})
    assert warnings == []
    html = page(outdir)
    assert [k.get_text() for k in html.select(".readinglist-kind")] == ["Publication"]
    assert [g.get_text() for g in html.select(".readinglist-group")] == [
        "Sans étiquette"
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_compiled(language: str) -> None:
    folder = Path(LOCALE_DIR) / language / "LC_MESSAGES"
    with (folder / f"{MESSAGE_CATALOG}.po").open("rb") as po_file:
        po = read_po(po_file)
    translated = {m.id: m.string for m in po if m.id and m.string}
    missing = source_messages() - set(translated)
    assert not missing, f"untranslated in {language}: {sorted(missing)}"
    with (folder / f"{MESSAGE_CATALOG}.mo").open("rb") as mo_file:
        mo = read_mo(mo_file)
    compiled = {m.id: m.string for m in mo if m.id}
    # recompile with: pybabel compile -d src/sphinx_readinglist/locale -D sphinx_readinglist
    assert compiled == translated
