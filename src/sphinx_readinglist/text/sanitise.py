"""Remove from parsed markup what a card must not carry.

Runs on the sandbox document after the parse: raw content, images, links
with refused schemes, classes an author gave, labels and numbers of
formulas, ids that would clash with the page's.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes

from ..data.messages import cut, shown
from ..data.model import Location, Problem
from ..data.urls import unsafe_url_reason
from ..warnings_ import Subtype
from . import tex as _tex
from .policy import MARKUP_CLASSES
from .report import ParseReport

#: The substitutions Sphinx defines on every page.
_SPHINX_SUBSTITUTIONS = frozenset(
    {"version", "release", "today", "translation progress"}
)


# the class the generic admonition derives from its title
_ADMONITION_CLASS = re.compile(r"admonition-[a-z0-9-]*")

# the checkbox MyST writes as raw HTML for "- [ ]" and "- [x]" (tasklist)
_CHECKBOX = re.compile(
    r'<input class="task-list-item-checkbox"\s+(checked="checked"\s+)?'
    r'(?:disabled="disabled"\s+)?type="checkbox">'
)


class readinglist_deleted(nodes.inline):  # noqa: N801 (docutils node naming)
    """MyST's ``~~text~~``: ``<del>`` in HTML, plain text elsewhere."""


class Sanitiser:
    """Remove from parsed markup what a card must not carry."""

    def __init__(
        self,
        report: ParseReport,
        *,
        trusted: bool,
        schemes: tuple[str, ...],
        classes: frozenset[str] = MARKUP_CLASSES,
    ):
        self.report = report
        self.trusted = trusted
        self.schemes = schemes
        self.classes = classes

    def line(self, node: nodes.Node) -> int:
        return get_source_line(node)[1] or self.report.text.location.line

    def markup_problem(self, node: nodes.Node, message: str) -> None:
        where = Location(self.report.text.location.path, self.line(node))
        self.report.problems.append(
            Problem(where, f"{self.report.label}: {message}", Subtype.MARKUP.value)
        )

    def _keep_markup_classes(self, node: nodes.Element) -> None:
        """Leave out the classes that the markup does not give (see
        :data:`MARKUP_CLASSES`), reporting them."""
        classes = node.get("classes")
        if not classes:
            return
        is_admonition = isinstance(node, nodes.admonition)
        kept, dropped = [], []
        for class_ in classes:
            if class_ in self.classes or (
                is_admonition and _ADMONITION_CLASS.fullmatch(class_)
            ):
                kept.append(class_)
            else:
                dropped.append(class_)
        if not dropped:
            return
        node["classes"] = kept
        line = self.report.line_of(dropped[0], self.line(node))
        self.report.problems.append(
            Problem(
                Location(self.report.text.location.path, line),
                f"{self.report.label}: CSS classes are not allowed in "
                f"reading-list text, and {shown(' '.join(dropped))} was left "
                "out, since it could restyle or hide parts of the page; remove "
                "it, and style the cards from the project's CSS",
                Subtype.MARKUP.value,
            )
        )

    def clean(self, parent: nodes.Element) -> None:
        if isinstance(parent, nodes.document):
            self._substitute(parent)
        for node in list(parent.children):
            if isinstance(node, nodes.Element):
                self.visit(node)

    def _substitute(self, document: nodes.document) -> None:
        """Resolve the text's substitutions within the text.

        The definitions are removed with the sandbox document, so a reference
        left for the page would be undefined there, or take the page's
        meaning; only Sphinx's own (``|version|``...) are left to the page.
        """
        for reference in list(document.findall(nodes.substitution_reference)):
            name = reference["refname"]
            key = document.substitution_names.get(nodes.fully_normalize_name(name))
            definition = document.substitution_defs.get(key) if key else None
            if definition is not None:
                reference.replace_self(
                    [child.deepcopy() for child in definition.children]
                )
            elif name not in _SPHINX_SUBSTITUTIONS:
                self.markup_problem(
                    reference,
                    f"the substitution |{cut(name)}| is not defined in the text "
                    "and is shown as is; define it in the same text, or "
                    "write the text itself",
                )
                reference.replace_self(nodes.Text(f"|{reference.astext()}|"))

    def visit(self, node: nodes.Element) -> None:
        parent = node.parent
        if isinstance(node, nodes.system_message | nodes.comment | nodes.pending):
            parent.remove(node)
            return
        if isinstance(node, nodes.problematic):
            # its message is reported; its link would point at nothing
            parent.replace(node, nodes.Text(node.astext()))
            return
        if not self.trusted and id(node) not in self.report.classes_kept:
            self._keep_markup_classes(node)
        if isinstance(node, readinglist_deleted):
            node["classes"] = ["readinglist-deleted"]
        if isinstance(node, addnodes.download_reference) and not self.trusted:
            self.report.refuse(
                self.report.line_of(str(node.get("reftarget", "")), self.line(node)),
                f"{self.report.label}: the link to the file "
                f"{str(node.get('reftarget', ''))[:60]!r} is not allowed, "
                "since it would copy the file into the built site, and is "
                "shown as text; link to a URL, or set "
                "readinglist_trust_markup = True",
            )
            parent.replace(node, nodes.inline("", node.astext()))
            return
        if isinstance(node, nodes.target | nodes.substitution_definition):
            parent.remove(node)  # already resolved; their ids would clash
            return
        if isinstance(node, nodes.raw) and id(node) in self.report.icons:
            return  # sphinx-design's own SVG for a plain icon name
        if isinstance(node, nodes.raw) and not self.trusted:
            checkbox = _CHECKBOX.fullmatch(node.astext().strip())
            if checkbox and node.get("format") == "html":
                # a task list's box: a character says as much, and is safe;
                # one space after it, whether MyST keeps the item's (4) or not
                box = "☑" if checkbox[1] else "☐"
                following = node.next_node(descend=False, siblings=True)
                if not (
                    isinstance(following, nodes.Text)
                    and following.astext()[:1].isspace()
                ):
                    box += " "
                parent.replace(node, nodes.Text(box))
                return
            self.report.refuse(
                self.line(node),
                f"{self.report.label}: raw {node.get('format', '')} content "
                "(such as inline HTML) is not allowed and was left out; use "
                "the markup's own syntax, or set readinglist_trust_markup = True",
            )
            parent.remove(node)
            return
        if isinstance(node, nodes.math | nodes.math_block):
            self._math(node)
            return
        if isinstance(node, nodes.image | nodes.figure) and not self.trusted:
            self.report.refuse(
                self.line(node),
                f"{self.report.label}: images are not allowed in the text and "
                "were left out; give the resource an 'image' field instead",
            )
            parent.remove(node)
            return
        if isinstance(
            node,
            (
                nodes.footnote | nodes.footnote_reference | nodes.citation,
                nodes.citation_reference,
            ),
        ):
            self.markup_problem(
                node,
                "footnotes and citations are not supported in reading-list "
                "text and were left out; write the note in the text",
            )
            parent.remove(node)
            return
        if isinstance(node, nodes.transition):
            # docutils allows one only between sections of the page
            self.markup_problem(
                node,
                "horizontal rules are not allowed in reading-list text and "
                "were left out; separate the paragraphs with a blank line",
            )
            parent.remove(node)
            return
        if isinstance(node, nodes.section):
            self.markup_problem(
                node,
                "headings are not allowed in reading-list text; the heading "
                "is shown as a plain paragraph",
            )
            self._unwrap_section(node)
            return
        if isinstance(node, nodes.reference) and node.get("refuri"):
            reason = unsafe_url_reason(node["refuri"], self.schemes)
            if reason and not node["refuri"].startswith("#"):
                self.report.refuse(
                    self.report.line_of(node["refuri"], self.line(node)),
                    f"{self.report.label}: the link {node['refuri'][:60]!r} "
                    f"is not linked: {reason}",
                )
                parent.replace(node, nodes.inline("", node.astext()))
                return
        # ids would clash with the page's; names would make no labels anyway
        node["ids"] = []
        node["names"] = []
        if isinstance(node, addnodes.pending_xref):
            node["refwarn"] = node.get("refwarn", False)
        self.clean(node)

    def _math(self, node: nodes.math | nodes.math_block) -> None:
        """Keep a formula off the page's equations, and its TeX to the allowlist.

        Its label and number are dropped (the page would count and link
        them); then, unless the markup is trusted, TeX outside the allowlist
        shows the formula as code. A kept formula is the only part of a card
        MathJax typesets (the card is marked to be skipped).
        """
        written = node.astext()
        text, in_text = _tex.without_labels(written)
        no_wrap = bool(node.get("no-wrap", node.get("nowrap", False)))
        refused = None if self.trusted else _tex.refused_tex(text, no_wrap=no_wrap)
        if refused is not None:
            self.report.refuse(
                self.report.line_of(refused, self.line(node)),
                f"{self.report.label}: math using '{refused}' is not allowed, "
                "since only common math commands are accepted (others can read "
                "files in a LaTeX build or make links in a web page), and is "
                "shown as text; write the formula without it, or set "
                "readinglist_trust_markup = True",
            )
            if isinstance(node, nodes.math_block):
                code = nodes.literal_block(written, written, language="text")
                node.parent.replace(node, code)
            else:
                node.parent.replace(node, nodes.literal(written, written))
            return
        amsmath = "amsmath" in node["classes"]  # MyST labels these at random
        labels = [] if amsmath or not node.get("label") else [str(node["label"])]
        for label in [*labels, *in_text]:
            self.markup_problem(
                node,
                f"labels are not supported in reading-list text; the label "
                f"{shown(label)} was left out; refer to the equation in words",
            )
        if no_wrap:
            text, numbered = _tex.unnumbered(text)
            for name in numbered:
                self.markup_problem(
                    node,
                    f"equation numbers are not supported in reading-list text; "
                    f"the environment {cut(name)} is shown unnumbered; write "
                    f"{cut(name)}* instead",
                )
        if text != written:
            node[:] = [nodes.Text(text)]
        if isinstance(node, nodes.math_block):
            node["label"] = node["number"] = None
        node["ids"] = []
        node["names"] = []
        # an author's class could restyle the card; MathJax must find this one
        node["classes"] = [*(["amsmath"] if amsmath else []), *_tex.MATHJAX_PROCESS]

    def _unwrap_section(self, section: nodes.section) -> None:
        parent = section.parent
        index = parent.index(section)
        children = list(section.children)
        section.clear()
        replacement: list[nodes.Node] = []
        for child in children:
            if isinstance(child, nodes.title):
                paragraph = nodes.paragraph("", "", *child.children)
                paragraph.line = child.line
                replacement.append(paragraph)
            else:
                replacement.append(child)
        parent[index : index + 1] = replacement
        for child in replacement:
            if isinstance(child, nodes.Element):
                self.visit(child)
