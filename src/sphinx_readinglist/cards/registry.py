"""The card nodes registered with each builder's visitors.

Apart from the nodes, so that the HTML writer may import the node classes
while their registration imports the HTML writer, with no import loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text.sanitise import readinglist_deleted
from . import html_writer as html
from .nodes import (
    depart_card_latex,
    depart_card_texinfo,
    depart_title_latex,
    readinglist_abstract,
    readinglist_authors,
    readinglist_card,
    readinglist_date,
    readinglist_grid,
    readinglist_item,
    readinglist_meta,
    readinglist_search_text,
    readinglist_summary,
    readinglist_title,
    visit_card_latex,
    visit_card_texinfo,
    visit_title_latex,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_nodes(app: Sphinx) -> None:
    """Register the nodes, their HTML writers and their print anchors."""
    app.add_node(readinglist_grid, html=(html.visit_grid, html.depart_grid))
    app.add_node(readinglist_item, html=(html.visit_item, html.depart_item))
    app.add_node(
        readinglist_card,
        html=(html.visit_card, html.depart_card),
        latex=(visit_card_latex, depart_card_latex),
        texinfo=(visit_card_texinfo, depart_card_texinfo),
    )
    # a text, which add_node takes as any node: generic visitors then know it
    app.add_node(readinglist_search_text)  # type: ignore[arg-type]
    app.add_node(readinglist_title, latex=(visit_title_latex, depart_title_latex))
    app.add_node(readinglist_meta)
    app.add_node(readinglist_abstract, html=(html.visit_abstract, html.depart_abstract))
    app.add_node(readinglist_summary, html=(html.visit_summary, html.depart_summary))
    app.add_node(readinglist_authors)
    app.add_node(readinglist_date, html=(html.visit_date, html.depart_date))
    app.add_node(readinglist_deleted, html=(html.visit_deleted, html.depart_deleted))
