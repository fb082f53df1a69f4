"""The shipped message catalogues: complete, and compiled from their sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from sphinx_readinglist.i18n import LOCALE_DIR, MESSAGE_CATALOG

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


def test_a_french_catalogue_ships() -> None:
    assert "fr" in LANGUAGES


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
