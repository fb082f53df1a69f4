"""The extension's own labels, translated through a message catalogue.

Labels are looked up when a page is read, so ``language = "fr"`` in
``conf.py`` gives French badges, "Résumé" and "et 2 de plus".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MESSAGE_CATALOG = "sphinx_readinglist"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(MESSAGE_CATALOG)


def setup_i18n(app: Sphinx) -> None:
    """Make the shipped translations available to the project's language."""
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
