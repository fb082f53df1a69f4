"""Parse ``description`` and ``abstract`` markup into nodes, in a sandbox.

The text comes from YAML that many hands edit, so it is parsed in a document
of its own with raw content and file insertion switched off, with only
harmless directives and roles available (:mod:`.policy`, put in the way of
docutils and MyST by :mod:`.sandbox`), and the resulting nodes are filtered
again before they reach the page (:mod:`.sanitise`). Every message of the
parse is re-located to the YAML line it came from (:mod:`.report`).
"""

from __future__ import annotations

from copy import copy
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import states
from docutils.statemachine import StringList
from docutils.transforms import references
from sphinx.util.docutils import LoggingReporter

from ..data.model import Markup, Problem, Text
from ..warnings_ import Subtype
from . import plain
from .mathjax import keep_out_of_mathjax
from .policy import markup_classes
from .report import ParseReport, captured
from .sandbox import MYST_DOCUMENT, PatchContext, patched, sandbox_patches
from .sanitise import Sanitiser

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

# docutils transforms that resolve the hyperlinks of a text on its own
_LINK_TRANSFORMS = (
    references.AnonymousHyperlinks,
    references.IndirectHyperlinks,
    references.ExternalTargets,
    references.DanglingReferences,
)


def parse_text(
    text: Text,
    *,
    label: str,
    env: BuildEnvironment,
    settings: Any,
    trusted: bool,
    schemes: tuple[str, ...],
) -> tuple[list[nodes.Node], list[Problem]]:
    """Parse a markup field into body nodes.

    :param text: the field, its syntax and where it starts.
    :param label: how messages name the field, e.g. ``description of entry 'X'``.
    :param env: the build environment (for Sphinx roles and MyST configuration).
    :param settings: the docutils settings of the page being read.
    :param trusted: whether ``readinglist_trust_markup`` lifts the sandbox.
    :param schemes: the URL schemes links may use.
    :return: the nodes, and the problems found (already located in the YAML).
    :raises UnsupportedVersionError: if a patched internal of docutils, Sphinx, MyST
        or markdown-it is gone (a version outside the supported range).
    """
    paragraphs = plain.plain_paragraphs(text, env, settings)
    if paragraphs is not None:
        return paragraphs, []
    report = ParseReport(text, label)
    document = _new_document(settings, text.location.path, trusted=trusted)
    patches = sandbox_patches(text.markup, trusted=trusted)
    suppress = env.config.suppress_warnings
    with captured(report, suppress), patched(patches, PatchContext(report, env)):
        try:
            if text.markup is Markup.MYST:
                _parse_myst(text, document, env)
            else:
                _parse_rst(text, document)
        except Exception as exc:  # a markup bug must never stop the build
            report.problems.append(
                Problem(
                    text.location,
                    f"{label}: the text could not be parsed ({exc}); simplify it",
                    Subtype.MARKUP.value,
                )
            )
            return [nodes.paragraph("", text.source)], report.problems
        classes = markup_classes(env)
        sanitiser = Sanitiser(report, trusted=trusted, schemes=schemes, classes=classes)
        sanitiser.clean(document)
        if not trusted:
            keep_out_of_mathjax(document, env.config)
    children = list(document.children)
    document.clear()
    for child in children:
        for node in child.findall():
            # Forget the sandbox document, so the nodes find the page's
            # through their parents: otherwise every sandbox document, with
            # its settings, would be pickled with the page's doctree.
            node.__dict__.pop("_document", None)
    return children, report.problems


def _new_document(settings: Any, source: str, *, trusted: bool) -> nodes.document:
    settings = copy(settings)
    if not trusted:
        settings.raw_enabled = False
        settings.file_insertion_enabled = False
    reporter = LoggingReporter(source, settings.report_level, 5)
    document = nodes.document(settings, reporter, source=source)
    document.note_source(source, -1)
    return document


# Building an RSTStateMachine compiles the transitions of its fifteen states
# (about 90 us, more than half the parse of a short text; 10% of the CPU time
# of a 4,000-entry build whose descriptions are a quarter marked up); finished
# machines are reused, as docutils reuses its nested ones. Safe: the pool is
# per process, a machine is taken out while it runs (a pool, not one machine,
# since a trusted text may hold a directive that parses text of its own), and
# run() resets its input, document and memo; one that raised is dropped.
_rst_machines: list[states.RSTStateMachine] = []


def _parse_rst(text: Text, document: nodes.document) -> None:
    first = text.location.line - 1
    lines = text.source.splitlines()
    block = StringList(
        lines, items=[(text.location.path, first + i) for i in range(len(lines))]
    )
    if _rst_machines:
        machine = _rst_machines.pop()
    else:
        machine = states.RSTStateMachine(
            state_classes=states.state_classes, initial_state="Body"
        )
    # a machine that raised is dropped, not returned: its state is unknown
    # titles are matched, so a heading becomes a section that the sanitiser
    # shows as a paragraph, not an "Unexpected section title" that drops it
    machine.run(block, document, match_titles=True)
    machine.observers = []  # a line observer of the document; not kept by all
    _rst_machines.append(machine)
    document.transformer.add_transforms(_LINK_TRANSFORMS)
    document.transformer.apply_transforms()


# create_md_parser costs about 100 us, more than half the parse of a short
# MyST text, so the parser is built once per process for the configuration
# object of the build being read (held here, so its identity cannot be
# reused by another): a new build brings a new configuration and a new parser.
_md_cache: tuple[object, Any] | None = None


def _markdown_parser(env: BuildEnvironment) -> Any:
    """A MyST parser for the project's MyST configuration, built once per process."""
    global _md_cache
    from myst_parser.config.main import MdParserConfig
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from myst_parser.parsers.mdit import create_md_parser

    # None when myst_parser is not a Sphinx extension of the project: the
    # defaults then, built once, not once a text
    config = getattr(env, "myst_config", None)
    if _md_cache is None or _md_cache[0] is not config:
        parser = create_md_parser(config or MdParserConfig(), SphinxRenderer)
        _md_cache = (config, parser)
    return _md_cache[1]


def _parse_myst(text: Text, document: nodes.document, env: BuildEnvironment) -> None:
    md = _markdown_parser(env)
    renderer = md.renderer
    with patched((MYST_DOCUMENT,), PatchContext(document=document)):
        renderer.setup_render({**md.options, "document": document}, {})
    renderer.nested_render_text(text.source, text.location.line - 1)
