"""The ``readinglist-stats`` directive, its nodes, and how each builder writes them.

It takes the data and the selection options of ``readinglist`` and loads
and selects as it does (a subclass), so data problems are reported once
per file by the domain and an empty selection warns alike. Each chart is
read as a :class:`readinglist_chart` node followed by a docutils table of
the same numbers: HTML writes the chart as inline SVG and hides the table
visually (screen readers read it); EPUB, LaTeX, text and the others write
the table only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..cards.directive import ReadingListDirective, _choices, merged
from ..cards.selection import FILTERS, select
from ..config import ReadingListConfig
from ..i18n import _
from .counts import DEFAULT_TOP, DIMENSIONS, Chart, charts
from .svg import chart_svg

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

#: The widest a table's label column is, in characters (text output).
MAX_COLUMN = 40
#: The class that hides a table from sight, not from screen readers.
CHARTED = "readinglist-stats-charted"


class readinglist_stats(nodes.container):  # noqa: N801 (docutils node naming)
    """The charts of one directive: a ``div`` in HTML."""


class readinglist_chart(nodes.General, nodes.Element):  # noqa: N801
    """One chart, drawn in HTML only; its ``chart`` attribute holds the counts."""


class readinglist_stats_table(nodes.table):  # noqa: N801
    """The numbers of a chart: a table, neither numbered nor linked.

    Sphinx numbers (and gives a permalink to) tables of the exact class
    ``table``; hidden in HTML, this one must hold no focusable link.
    """


class ReadingListStatsDirective(ReadingListDirective):
    """Count the resources of YAML data by kind, level, year and tag."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **{key: ReadingListDirective.option_spec[key] for key in FILTERS},
        "by": _choices(DIMENSIONS),
        "top": directives.positive_int,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        config = ReadingListConfig.from_sphinx(self.config)
        reading_lists = self.load(config)
        if not reading_lists:
            return []
        self.note_sources(reading_lists)
        named = self.arguments[0].strip() if self.arguments else None
        selected = select(
            merged(reading_lists),
            self.options,
            self.warn,
            named or "the directive's body",
        )
        if not selected:
            return []
        container = readinglist_stats(
            classes=["readinglist-stats", *self.options.get("class", [])]
        )
        self.set_source_info(container)
        self.add_name(container)
        by = dict.fromkeys(self.options.get("by", DIMENSIONS))
        top = self.options.get("top", DEFAULT_TOP)
        for chart in charts(selected, by, top=top, project=config.labels):
            drawn = readinglist_chart(chart=chart)
            self.set_source_info(drawn)
            container += drawn
            # hidden from sight in HTML by its box: a table takes the width
            # of its content whatever its own width says
            numbers = nodes.container(classes=["readinglist-stats-numbers"])
            numbers += self.table(chart)
            container += numbers
            if chart.hidden:
                more = str(_("Tags not shown: {count}")).format(count=chart.hidden)
                container += nodes.paragraph(
                    more, more, classes=["readinglist-stats-more"], translatable=False
                )
        return [container]

    def table(self, chart: Chart) -> readinglist_stats_table:
        """The numbers of ``chart`` as a two-column table, captioned by its title."""
        table = readinglist_stats_table(classes=["readinglist-stats-table"])
        self.set_source_info(table)
        # the labels are translated by the extension's catalogue, and the
        # data's are not the page's text: none goes to the project's .pot
        table += nodes.title(chart.title, chart.title, translatable=False)
        group = nodes.tgroup(cols=2)
        table += group
        # the text builder takes the widths as characters, others as ratios
        counts = str(_("Resources"))
        labels = [chart.header, *(bar.label for bar in chart.bars)]
        group += nodes.colspec(colwidth=min(max(map(len, labels)), MAX_COLUMN))
        group += nodes.colspec(colwidth=len(counts))
        head = nodes.thead()
        group += head
        head += _row(chart.header, counts)
        body = nodes.tbody()
        group += body
        for bar in chart.bars:
            body += _row(bar.label, str(bar.count))
        return table


def _row(*cells: str) -> nodes.row:
    row = nodes.row()
    for text in cells:
        # data text goes into Text nodes, which every writer escapes
        row += nodes.entry("", nodes.paragraph(text, text, translatable=False))
    return row


# -- writers --------------------------------------------------------------------


def _charted(translator: Any) -> bool:
    # an e-book shows the table: readers differ in their support of SVG and CSS
    return bool(translator.builder.name != "epub")


def visit_stats_html(self: HTML5Translator, node: nodes.Element) -> None:
    if _charted(self):
        self.body.append(self.starttag(node, "div", CLASS=CHARTED))
    else:
        self.body.append(self.starttag(node, "div"))


def depart_stats_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_chart_html(self: HTML5Translator, node: nodes.Element) -> None:
    if not _charted(self):
        raise nodes.SkipNode
    chart: Chart = node["chart"]
    # the table's caption names the chart for screen readers
    self.body.append(
        '<div class="readinglist-stats-chart" aria-hidden="true">'
        f'<p class="readinglist-stats-title">{self.encode(chart.title)}</p>'
        f"{chart_svg(chart)}</div>\n"
    )
    raise nodes.SkipNode


def skip(self: Any, node: nodes.Element) -> None:
    """Print builders write the table that follows instead."""
    raise nodes.SkipNode


def _register(app: Sphinx, config: Config) -> None:
    from ..cards.project_directive import directive_for
    from ..vocabulary import project_labels

    kinds = project_labels(config).kinds
    directive = directive_for(kinds, ReadingListStatsDirective)
    app.add_directive("readinglist-stats", directive, override=True)


def setup_stats(app: Sphinx) -> None:
    """Register the directive (again with the project's kinds once the
    configuration is checked) and its nodes."""
    app.add_node(readinglist_stats, html=(visit_stats_html, depart_stats_html))
    app.add_node(readinglist_stats_table)
    app.add_node(
        readinglist_chart,
        html=(visit_chart_html, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_directive("readinglist-stats", ReadingListStatsDirective)
    # after config.check_config (400), which keeps only good kinds
    app.connect("config-inited", _register, priority=500)
