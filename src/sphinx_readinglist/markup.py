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
import sys
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
from .urls import unsafe_url_reason, url_scheme
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
        "replace", "unicode",
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

# TeX that reads or writes files, runs code or redefines commands in a LaTeX
# build, or makes links, styles and requests in MathJax, where math is passed
# on as written; "^^5c" is a backslash in TeX, so "^^" is refused too.
_UNSAFE_TEX = re.compile(
    r"\^\^|\\end\s*\{\s*document|\\(?:"
    r"input|include|includegraphics|openin|openout|read|readline|write|"
    r"immediate|special|directlua|latelua|luaexec|catcode|csname|scantokens|"
    r"[egx]?def|let|futurelet|(?:re)?newcommand|providecommand|"
    r"DeclareRobustCommand|makeatletter|expandafter|endinput|"
    r"href|url|class|cssId|style|require|mmlToken|data|html|bbox"
    r")(?![A-Za-z])"
)

#: The substitutions Sphinx defines on every page.
_SPHINX_SUBSTITUTIONS = frozenset(
    {"version", "release", "today", "translation progress"}
)

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

    def line_of(self, needle: str, start: int | None = None) -> int:
        """The YAML line of the first line of the text, from ``start`` on,
        that contains ``needle``; inline nodes know only their paragraph's."""
        first = self.text.location.line
        start = max(start or first, first)
        lines = self.text.source.splitlines()
        for index in range(start - first, len(lines)):
            if needle and needle in lines[index]:
                return first + index
        return start


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
            node = getattr(self.state_machine, "node", None)
            if isinstance(node, nodes.substitution_definition):
                # an empty text keeps the definition valid: one warning, not
                # three (empty definition, undefined reference)
                return [nodes.Text("")]
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
    # MyST is patched for a MyST text, or once anything has loaded it; an rST
    # text in a project without it could only reach it through a directive,
    # and no safe directive parses Markdown (importing MyST costs 75 ms)
    if sandbox.text.markup is Markup.MYST or "myst_parser" in sys.modules:
        restore_substitutions = _restrict_myst_substitutions(sandbox)
        restore_links = _report_refused_markdown_links(sandbox)
    else:
        restore_substitutions = restore_links = _unchanged
    try:
        yield
    finally:
        directives.directive = lookup_directive
        roles.role = lookup_role
        restore_substitutions()
        restore_links()


def _unchanged() -> None:
    pass


def _report_refused_markdown_links(sandbox: _Sandbox) -> Callable[[], None]:
    """Report the links that markdown-it itself refuses to make.

    markdown-it turns ``[x](javascript:...)`` into plain text without a word;
    the reader of the warnings should hear of it as of the other refusals.

    :return: undoes the reporting.
    """
    try:
        from markdown_it import MarkdownIt
    except ImportError:  # MyST is optional
        return _unchanged
    validate = MarkdownIt.validateLink
    told: set[str] = set()

    def validate_link(self: MarkdownIt, url: str) -> bool:
        if validate(self, url):
            return True
        if url not in told:  # a link may be validated more than once
            told.add(url)
            scheme = url_scheme(url)
            why = f"the scheme {scheme}: is not allowed" if scheme else "it is unsafe"
            sandbox.refuse(
                sandbox.line_of(url),
                f"{sandbox.label}: the link {url[:60]!r} is not linked: {why}",
            )
        return False

    MarkdownIt.validateLink = validate_link  # type: ignore[method-assign]

    def restore() -> None:
        MarkdownIt.validateLink = validate  # type: ignore[method-assign]

    return restore


def _restrict_myst_substitutions(sandbox: _Sandbox) -> Callable[[], None]:
    """Stop MyST from evaluating ``{{ expression }}`` in the text.

    With the ``substitution`` extension on, MyST renders the text between
    ``{{`` and ``}}`` as a Jinja2 template, which can reach any Python object
    and so run any code. Only a plain name from ``myst_substitutions``, the
    project's own text, is still replaced.

    :return: undoes the restriction.
    """
    try:
        from myst_parser.mdit_to_docutils.base import DocutilsRenderer, token_line
    except ImportError:  # MyST is optional
        return _unchanged
    render = DocutilsRenderer.__dict__.get("render_substitution")
    if render is None:
        return _unchanged

    def render_substitution(self: Any, token: Any, inline: bool) -> None:
        content = str(token.content).strip()
        if content != "env" and content in self.md_config.substitutions:
            render(self, token, inline)
            return
        shown = "{{" + str(token.content) + "}}"
        sandbox.refuse(
            sandbox.line_of(content, token_line(token, 0)),
            f"{sandbox.label}: the MyST substitution {shown[:60]!r} is not "
            "evaluated in reading-list markup, since it could run code; use "
            "a name defined in myst_substitutions, or set "
            "readinglist_trust_markup = True",
        )
        text = nodes.Text(shown)
        self.current_node.append(text if inline else nodes.paragraph("", "", text))

    # patched on the class, as the lookups of directives are patched on their
    # module, and for as long: the parse of one text
    renderer: Any = DocutilsRenderer
    renderer.render_substitution = render_substitution

    def restore() -> None:
        renderer.render_substitution = render

    return restore


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


# Building an RSTStateMachine compiles the transitions of its fifteen states,
# which cost more than parsing a short text; finished machines are reused (as
# docutils reuses its nested ones). A pool, not a single machine, because a
# trusted text may hold a directive that parses text of its own.
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
    machine.run(block, document, match_titles=False)
    machine.observers = []  # a line observer of the document; not kept by all
    _rst_machines.append(machine)
    document.transformer.add_transforms(_LINK_TRANSFORMS)
    document.transformer.apply_transforms()


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
    from myst_parser.mdit_to_docutils import base

    md = _markdown_parser(env)
    renderer = md.renderer
    # setup_render builds a throwaway document (all docutils settings: 1.4 ms)
    # as the default of options.get("document", ...), though it gets ours
    make_document = base.make_document
    base.make_document = lambda *args, **kwargs: document
    try:
        renderer.setup_render({**md.options, "document": document}, {})
    finally:
        base.make_document = make_document
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
                    f"the substitution |{name}| is not defined in the text "
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
        if isinstance(node, addnodes.download_reference) and not self.trusted:
            self.sandbox.refuse(
                self.sandbox.line_of(str(node.get("reftarget", "")), self.line(node)),
                f"{self.sandbox.label}: the link to the file "
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
        if isinstance(node, nodes.raw) and not self.trusted:
            self.sandbox.refuse(
                self.line(node),
                f"{self.sandbox.label}: raw {node.get('format', '')} content "
                "(such as inline HTML) is not allowed and was left out; use "
                "the markup's own syntax, or set readinglist_trust_markup = True",
            )
            parent.remove(node)
            return
        if isinstance(node, nodes.math | nodes.math_block) and not self.trusted:
            found = _UNSAFE_TEX.search(node.astext())
            if found:
                self.sandbox.refuse(
                    self.sandbox.line_of(found.group(), self.line(node)),
                    f"{self.sandbox.label}: math using '{found.group()}' is "
                    "not allowed, since it can read files in a LaTeX build or "
                    "make links in a web page, and is shown as text; write the "
                    "formula without it, or set readinglist_trust_markup = True",
                )
                parent.replace(node, nodes.literal("", node.astext()))
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
                    self.sandbox.line_of(node["refuri"], self.line(node)),
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
    plain = _plain_paragraphs(text, env, settings)
    if plain is not None:
        return plain, []
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
    for child in children:
        for node in child.findall():
            # Forget the sandbox document, so the nodes find the page's
            # through their parents: otherwise every sandbox document, with
            # its settings, would be pickled with the page's doctree.
            node.__dict__.pop("_document", None)
    return children, sandbox.problems


# -- plain text ---------------------------------------------------------------
#
# Most descriptions and abstracts are plain sentences. Text made only of
# letters, digits, spaces and the punctuation below, with no line starting
# like a list item or other block, means the same in reStructuredText and in
# MyST: paragraphs of text. Building those paragraphs directly gives the nodes
# the full parse gives (tests/test_performance.py compares the two on many
# texts), at a fraction of the cost.

#: Only these characters: word characters but "_", spaces, newlines, and
#: punctuation that starts no inline markup in either syntax.
_PLAIN_TEXT = re.compile(r"(?:[^\W_]|[ \n.,;:!?'\"()/%-])*")
#: ":" only before a space or a line end: "data:x" is a link in rST, and
#: "::" starts a literal block.
_MARKUP_COLON = re.compile(r":(?![ \n]|\Z)")
#: A line starts with a letter or digit, and neither starts nor ends with a
#: space.
_PLAIN_LINE = re.compile(r"[^\W_](?:.*[^ ])?")
#: A first word that starts a list item: "1.", "a)", "iv." in rST, "1." in MyST.
_ENUMERATOR = re.compile(r"(?:[0-9]+|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)[.)]")

#: MyST extensions that give no meaning to plain text (their syntax needs a
#: character or a line start that plain text does not have). ``linkify``,
#: ``replacements`` and ``smartquotes`` do change plain text.
_MYST_PLAIN_EXTENSIONS = frozenset(
    {
        "amsmath", "attrs_block", "attrs_inline", "colon_fence", "deflist",
        "dollarmath", "fieldlist", "html_admonition", "html_image",
        "strikethrough", "substitution", "tasklist",
    }
)  # fmt: skip


def _config_keeps_plain_text(
    markup: Markup, env: BuildEnvironment, settings: Any
) -> bool:
    """Whether the configuration leaves plain text alone in this syntax."""
    if markup is Markup.RST:
        # with these docutils settings, "PEP 8" and "RFC 2822" become links
        return not (
            getattr(settings, "pep_references", None)
            or getattr(settings, "rfc_references", None)
        )
    config = getattr(env, "myst_config", None)
    if config is None:
        return True  # the defaults enable no extension
    if getattr(config, "gfm_only", False):
        return False  # GitHub-flavoured Markdown turns on linkify
    extensions = {str(getattr(e, "value", e)) for e in config.enable_extensions}
    return extensions <= _MYST_PLAIN_EXTENSIONS


def _plain_paragraphs(
    text: Text, env: BuildEnvironment, settings: Any
) -> list[nodes.Node] | None:
    """The paragraphs of a text without markup, or None if it may have some.

    :return: what :func:`parse_text` would return for the text, built
        directly; None when the text needs the parser.
    """
    source = text.source
    if not _PLAIN_TEXT.fullmatch(source) or _MARKUP_COLON.search(source):
        return None
    lines = source.split("\n")
    for line in lines:
        if line and (
            not _PLAIN_LINE.fullmatch(line)
            or _ENUMERATOR.fullmatch(line.partition(" ")[0])
        ):
            return None
    if not _config_keeps_plain_text(text.markup, env, settings):
        return None
    myst = text.markup is Markup.MYST
    paragraphs: list[nodes.Node] = []
    start = 0
    for index, line in enumerate([*lines, ""]):
        if line:
            continue
        if index > start:
            block = lines[start:index]
            rawsource = "\n".join(block)
            paragraph = nodes.paragraph(rawsource, "")
            if myst:  # MyST keeps each soft line break as a node of its own
                for i, part in enumerate(block):
                    if i:
                        paragraph += nodes.Text("\n")
                    paragraph += nodes.Text(part)
            else:
                paragraph += nodes.Text(rawsource)
            paragraph.source = text.location.path
            paragraph.line = text.location.line + start
            paragraphs.append(paragraph)
        start = index + 1
    return paragraphs or None


@contextmanager
def _nothing() -> Iterator[None]:
    yield
