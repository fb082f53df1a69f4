"""A chart as an inline SVG horizontal bar chart, written at build time.

Written with :mod:`xml.etree.ElementTree`, which escapes every text and
attribute: labels come from the data (tags, the project's kinds). Colours
are CSS classes (``readinglist.css``) on the theme's text and link colours,
so light and dark modes follow the theme; the SVG is ``aria-hidden``, since
the table beside it holds the same numbers for screen readers.
"""

from __future__ import annotations

import unicodedata
from xml.etree import ElementTree as ET

from ..data.messages import CONTROL
from .counts import Chart

#: The SVG's geometry, in its own units (pixels at the usual scale).
FONT_SIZE = 13
ROW_HEIGHT = 22
BAR_HEIGHT = 14
BAR_WIDTH = 240
#: Room for the count after the longest bar.
COUNT_WIDTH = 48
#: A label longer than this many characters is cut, with an ellipsis.
MAX_LABEL = 28
#: The width of a character, and of a wide (CJK) one: generous, since the
#: theme's font is not known when the SVG is written.
CHAR_WIDTH = 8.4
WIDE_CHAR_WIDTH = 14.0
GAP = 8


def label_text(label: str) -> str:
    """A label as the chart shows it: no invisible controls, cut if long."""
    text = CONTROL.sub("", label)
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "\u2026"


def text_width(text: str) -> float:
    """The width ``text`` takes, roughly: wide (CJK) characters count twice."""
    return sum(
        WIDE_CHAR_WIDTH if unicodedata.east_asian_width(c) in "WF" else CHAR_WIDTH
        for c in text
    )


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def chart_svg(chart: Chart) -> str:
    """The SVG element of ``chart``, as markup to write into an HTML page.

    Bars are as long as their count over the largest count; each label is
    right-aligned before its bar and its count follows the bar.
    """
    labels = [label_text(bar.label) for bar in chart.bars]
    label_width = max((text_width(label) for label in labels), default=0) + GAP
    width = label_width + BAR_WIDTH + COUNT_WIDTH
    height = ROW_HEIGHT * len(chart.bars)
    most = max((bar.count for bar in chart.bars), default=0) or 1
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": f"readinglist-stats-svg readinglist-stats-{chart.by}",
            "viewBox": f"0 0 {_number(width)} {height}",
            "width": _number(width),
            "height": str(height),
            "aria-hidden": "true",
            "focusable": "false",
            "font-size": str(FONT_SIZE),
            # the geometry is left to right, whatever the page's direction;
            # a right-to-left label still reads right to left in its element
            "direction": "ltr",
        },
    )
    for row, (bar, label) in enumerate(zip(chart.bars, labels, strict=True)):
        middle = row * ROW_HEIGHT + ROW_HEIGHT / 2
        group = ET.SubElement(svg, "g", {"class": "readinglist-stats-row"})
        text = ET.SubElement(
            group,
            "text",
            {
                "class": "readinglist-stats-label",
                "x": _number(label_width - GAP),
                "y": _number(middle),
                "text-anchor": "end",
                "dominant-baseline": "central",
            },
        )
        text.text = label
        if label != bar.label:
            # the whole label, as a tooltip
            ET.SubElement(text, "title").text = CONTROL.sub("", bar.label)
        length = BAR_WIDTH * bar.count / most
        ET.SubElement(
            group,
            "rect",
            {
                "class": "readinglist-stats-bar",
                "x": _number(label_width),
                "y": _number(middle - BAR_HEIGHT / 2),
                "width": _number(length),
                "height": str(BAR_HEIGHT),
                "rx": "2",
            },
        )
        count = ET.SubElement(
            group,
            "text",
            {
                "class": "readinglist-stats-count",
                "x": _number(label_width + length + GAP / 2),
                "y": _number(middle),
                "dominant-baseline": "central",
            },
        )
        count.text = str(bar.count)
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)
