"""Parse ``description`` and ``abstract`` markup into nodes, in a sandbox.

The text comes from YAML that many hands edit, so it is parsed in a document
of its own with raw content and file insertion switched off, with only
harmless directives and roles available, and the resulting nodes are filtered
again before they reach the page. Every message of the parse is re-located to
the YAML line it came from.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from copy import copy
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles, states
from docutils.statemachine import StringList
from docutils.transforms import references
from docutils.utils import get_source_line
from sphinx import addnodes
from sphinx.roles import XRefRole
from sphinx.util import logging as sphinx_logging
from sphinx.util.docutils import LoggingReporter

from .model import Location, Markup, Problem, Text
from .urls import unsafe_url_reason
from .warnings_ import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: Directives that only arrange the text they are given.
SAFE_DIRECTIVES = frozenset(
    {
        "admonition", "attention", "caution", "danger", "error", "hint",
        "important", "note", "tip", "warning", "seealso",
        "versionadded", "versionchanged", "deprecated", "versionremoved",
        "code", "code-block", "sourcecode", "math", "parsed-literal",
        "epigraph", "highlights", "pull-quote", "compound", "container",
        "rubric", "line-block", "list-table", "hlist", "centered",
    }
)  # fmt: skip

#: Roles that only format text; cross-reference roles are allowed as a class.
SAFE_ROLES = frozenset(
    {
        "emphasis", "strong", "literal", "code", "math", "sub", "subscript",
        "sup", "superscript", "abbreviation", "abbr", "acronym",
        "title-reference", "title", "t", "pep", "pep-reference", "rfc",
        "rfc-reference", "kbd", "guilabel", "menuselection", "file", "samp",
        "dfn", "command", "program", "mimetype", "manpage", "regexp",
    }
)  # fmt: skip

#: Cross-reference roles that copy files into the output.
_FILE_ROLES = frozenset({"download"})

# docutils transforms that resolve the hyperlinks of a text on its own
_LINK_TRANSFORMS = (
    references.AnonymousHyperlinks,
    references.IndirectHyperlinks,
    references.ExternalTargets,
    references.DanglingReferences,
)


class _Sandbox:
    """The state of one sandboxed parse: where it is and what it refused."""

    def __init__(self, text: Text, label: str) -> None:
        self.text = text
        self.label = label
        self.problems: list[Problem] = []

    def refuse(self, line: int | None, message: str) -> None:
        where = Location(self.text.location.path, line or self.text.location.line)
        self.problems.append(Problem(where, message, Subtype.UNSAFE.value))


def _source_line(lookup: Any, lineno: int) -> int:
    """Map a state-machine line to the YAML line, where docutils can."""
    try:
        return int(lookup(lineno)[1])
    except (AttributeError, TypeError, ValueError, IndexError):
        return lineno


class _AnyOption(dict[str, Callable[[str], str]]):
    """An option spec that accepts every option, so refusal is the only message."""

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> Callable[[str], str]:
        return directives.unchanged


def _refused_directive(sandbox: _Sandbox, name: str) -> type[Directive]:
    class RefusedDirective(Directive):
        has_content = True
        optional_arguments = 1
        final_argument_whitespace = True
        option_spec = _AnyOption()

        def run(self) -> list[nodes.Node]:
            line = _source_line(self.state_machine.get_source_and_line, self.lineno)
            sandbox.refuse(
                line,
                f"{sandbox.label}: the {name!r} directive is not allowed in "
                "reading-list markup and was left out; write the text itself, "
                "or set readinglist_trust_markup = True if every author of "
                "the data is trusted",
            )
            return []

    return RefusedDirective


def _refused_role(sandbox: _Sandbox, name: str) -> Callable[..., Any]:
    def role(
        typ: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Any,
        options: Any = None,
        content: Any = None,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        line = _source_line(
            getattr(inliner.reporter, "get_source_and_line", None), lineno
        )
        sandbox.refuse(
            line,
            f"{sandbox.label}: the {name!r} role is not allowed in reading-list "
            "markup; its text is shown as is",
        )
        return [nodes.Text(text)], []

    return role


@contextmanager
def _restricted(sandbox: _Sandbox) -> Iterator[None]:
    """Allow only the safe directives and roles while parsing."""
    lookup_directive = directives.directive
    lookup_role = roles.role

    def directive(name: str, language: Any, document: Any) -> Any:
        found, messages = lookup_directive(name, language, document)
        if found is None or name.lower() in SAFE_DIRECTIVES:
            return found, messages
        return _refused_directive(sandbox, name), messages

    def role(name: str, language: Any, lineno: int, reporter: Any) -> Any:
        found, messages = lookup_role(name, language, lineno, reporter)
        key = name.lower()
        is_xref = isinstance(found, XRefRole) and key.split(":")[-1] not in _FILE_ROLES
        if found is None or key in SAFE_ROLES or is_xref:
            return found, messages
        return _refused_role(sandbox, name), messages

    directives.directive = directive  # type: ignore[assignment]
    roles.role = role  # type: ignore[assignment]
    try:
        yield
    finally:
        directives.directive = lookup_directive
        roles.role = lookup_role


def _record_line(record: logging.LogRecord, default: int) -> int:
    location = getattr(record, "location", None)
    if isinstance(location, tuple) and len(location) == 2:
        return location[1] if isinstance(location[1], int) else default
    if isinstance(location, nodes.Node):
        return get_source_line(location)[1] or default
    if isinstance(location, str):
        match = re.search(r":(\d+)$", location)
        if match:
            return int(match.group(1))
    return default


@contextmanager
def _captured(sandbox: _Sandbox) -> Iterator[None]:
    """Turn every warning logged during the parse into a located problem."""
    with sphinx_logging.suppress_logging() as memhandler:
        yield
    where = sandbox.text
    other = "MyST Markdown" if where.markup is Markup.RST else "reStructuredText"
    for record in memhandler.buffer:
        if record.levelno < logging.WARNING:
            continue
        line = _record_line(record, where.location.line)
        if getattr(record, "type", None) == WARNING_TYPE:
            subtype = getattr(record, "subtype", None) or Subtype.MARKUP.value
            message = record.getMessage()
        else:
            subtype = Subtype.MARKUP.value
            message = (
                f"{sandbox.label}: {record.getMessage().rstrip('.')}; fix the "
                f"markup, or write 'markup: {_name(other)}' at the top of the "
                f"file if the text is {other}"
            )
        sandbox.problems.append(
            Problem(Location(where.location.path, line), message, subtype)
        )


def _name(markup: str) -> str:
    return "myst" if markup.startswith("MyST") else "rst"


def _new_document(settings: Any, source: str, *, trusted: bool) -> nodes.document:
    settings = copy(settings)
    if not trusted:
        settings.raw_enabled = False
        settings.file_insertion_enabled = False
    reporter = LoggingReporter(source, settings.report_level, 5)
    document = nodes.document(settings, reporter, source=source)
    document.note_source(source, -1)
    return document


def _parse_rst(text: Text, document: nodes.document) -> None:
    first = text.location.line - 1
    lines = text.source.splitlines()
    block = StringList(
        lines, items=[(text.location.path, first + i) for i in range(len(lines))]
    )
    machine = states.RSTStateMachine(
        state_classes=states.state_classes, initial_state="Body"
    )
    machine.run(block, document, match_titles=False)
    document.transformer.add_transforms(_LINK_TRANSFORMS)
    document.transformer.apply_transforms()


_md_cache: tuple[object, Any] | None = None


def _markdown_parser(env: BuildEnvironment) -> Any:
    """A MyST parser for the project's MyST configuration, built once per process."""
    global _md_cache
    from myst_parser.config.main import MdParserConfig
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from myst_parser.parsers.mdit import create_md_parser

    config = getattr(env, "myst_config", None) or MdParserConfig()
    if _md_cache is None or _md_cache[0] is not config:
        _md_cache = (config, create_md_parser(config, SphinxRenderer))
    return _md_cache[1]


def _parse_myst(text: Text, document: nodes.document, env: BuildEnvironment) -> None:
    md = _markdown_parser(env)
    renderer = md.renderer
    renderer.setup_render({**md.options, "document": document}, {})
    renderer.nested_render_text(text.source, text.location.line - 1)


class _Sanitiser:
    """Remove from parsed markup what a card must not carry."""

    def __init__(self, sandbox: _Sandbox, *, trusted: bool, schemes: tuple[str, ...]):
        self.sandbox = sandbox
        self.trusted = trusted
        self.schemes = schemes

    def line(self, node: nodes.Node) -> int:
        return get_source_line(node)[1] or self.sandbox.text.location.line

    def markup_problem(self, node: nodes.Node, message: str) -> None:
        where = Location(self.sandbox.text.location.path, self.line(node))
        self.sandbox.problems.append(
            Problem(where, f"{self.sandbox.label}: {message}", Subtype.MARKUP.value)
        )

    def clean(self, parent: nodes.Element) -> None:
        for node in list(parent.children):
            if isinstance(node, nodes.Element):
                self.visit(node)

    def visit(self, node: nodes.Element) -> None:
        parent = node.parent
        if isinstance(node, nodes.system_message | nodes.comment | nodes.pending):
            parent.remove(node)
            return
        if isinstance(node, nodes.target | nodes.substitution_definition):
            parent.remove(node)  # already resolved; their ids would clash
            return
        if isinstance(node, nodes.raw) and not self.trusted:
            self.sandbox.refuse(
                self.line(node),
                f"{self.sandbox.label}: raw {node.get('format', '')} content "
                "(such as inline HTML) is not allowed and was left out; use "
                "the markup's own syntax, or set readinglist_trust_markup = True",
            )
            parent.remove(node)
            return
        if isinstance(node, nodes.image | nodes.figure) and not self.trusted:
            self.sandbox.refuse(
                self.line(node),
                f"{self.sandbox.label}: images are not allowed in the text and "
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
                self.sandbox.refuse(
                    self.line(node),
                    f"{self.sandbox.label}: the link {node['refuri'][:60]!r} "
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
    """
    sandbox = _Sandbox(text, label)
    document = _new_document(settings, text.location.path, trusted=trusted)
    restrict = _restricted(sandbox) if not trusted else _nothing()
    with _captured(sandbox), restrict:
        try:
            if text.markup is Markup.MYST:
                _parse_myst(text, document, env)
            else:
                _parse_rst(text, document)
        except Exception as exc:  # a markup bug must never stop the build
            sandbox.problems.append(
                Problem(
                    text.location,
                    f"{label}: the text could not be parsed ({exc}); simplify it",
                    Subtype.MARKUP.value,
                )
            )
            return [nodes.paragraph("", text.source)], sandbox.problems
        _Sanitiser(sandbox, trusted=trusted, schemes=schemes).clean(document)
    children = list(document.children)
    document.clear()
    return children, sandbox.problems


@contextmanager
def _nothing() -> Iterator[None]:
    yield
