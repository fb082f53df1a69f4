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
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles, states
from docutils.statemachine import StringList
from docutils.transforms import references
from docutils.utils import get_source_line
from sphinx import addnodes
from sphinx.roles import XRefRole
from sphinx.util import logging as sphinx_logging
from sphinx.util.docutils import LoggingReporter

from ..data.loader import _cut, _shown
from ..data.model import Location, Markup, Problem, Text
from ..data.urls import unsafe_url_reason, url_scheme
from ..warnings_ import WARNING_TYPE, Subtype
from . import tex as _tex

if TYPE_CHECKING:
    from sphinx.application import Sphinx
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
                f"{sandbox.label}: the {_shown(name)} directive is not allowed in "
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


#: The range of each numeric option of the safe directives. hlist makes one
#: column per unit of ``columns``, however few its items (200,000: 45 s), and
#: TeX stops at numbers of ten digits, so a line number or a width beyond
#: these would only cost time or break the LaTeX build.
OPTION_RANGES: dict[str, tuple[int, int]] = {
    "columns": (1, 12),  # hlist
    "lineno-start": (0, 1_000_000),  # code-block, sourcecode
    "number-lines": (0, 1_000_000),  # code
    "dedent": (0, 1_000),  # code-block, sourcecode
    "widths": (1, 1_000),  # list-table, each width
}

# one part of an emphasize-lines spec: "3", "3-5", "-5" or "3-"
_LINE_RANGE = re.compile(r"\s*([0-9]*)\s*(?:(-)\s*([0-9]*)\s*)?")


def _line_ranges(spec: str, total: int) -> str | None:
    """``spec`` as sorted, merged ranges of the lines 1 to ``total``.

    Sphinx expands every range into a list before it looks at the block
    (``1-30000000``: 1.2 GB), and expands overlapping ranges once each, so
    the spec is checked and merged first.

    :return: e.g. ``"1-3,5"``; None if the spec names a line outside the
        block or is not a list of line numbers.
    """
    width = len(str(total))
    ranges: list[tuple[int, int]] = []
    for part in spec.split(","):
        match = _LINE_RANGE.fullmatch(part)
        if match is None or not (match[1] or match[3]):
            return None
        if len(match[1]) > width or len(match[3] or "") > width:
            return None  # a number longer than the last line's
        start = int(match[1] or 1)
        end = int(match[3] or (total if match[2] else start))
        if not 1 <= start <= end <= total:
            return None
        ranges.append((start, end))
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return ",".join(f"{a}-{b}" if a < b else str(a) for a, b in merged)


def _check_options(sandbox: _Sandbox, name: str, directive: Directive) -> None:
    """Leave out the option values of a safe directive whose cost would not
    grow with the text, reporting each; :data:`OPTION_RANGES` holds the limits.
    """
    options = directive.options
    line = _source_line(directive.state_machine.get_source_and_line, directive.lineno)
    if "emphasize-lines" in options:
        spec = str(options["emphasize-lines"])
        total = len(directive.content)
        merged = _line_ranges(spec, total)
        if merged is None:
            del options["emphasize-lines"]
            sandbox.refuse(
                sandbox.line_of(":emphasize-lines:", line),
                f"{sandbox.label}: :emphasize-lines: {_shown(spec)} of the "
                f"{_shown(name)} directive is not a list of lines of the block "
                f"and was left out; name lines from 1 to {total}, e.g. 1,3-5",
            )
        else:
            options["emphasize-lines"] = merged
    for option, (low, high) in OPTION_RANGES.items():
        value = options.get(option)
        values = value if isinstance(value, list) else [value]
        if all(not isinstance(v, int) or low <= v <= high for v in values):
            continue
        del options[option]
        shown = " ".join(str(v) for v in values)
        sandbox.refuse(
            sandbox.line_of(f":{option}:", line),
            f"{sandbox.label}: :{option}: {_cut(shown)} of the {_shown(name)} "
            f"directive is outside the limit of {low} to {high} and was left "
            f"out; use a number from {low} to {high}",
        )


def _bounded_directive(
    sandbox: _Sandbox, name: str, found: type[Directive]
) -> type[Directive]:
    """``found``, with its option values checked against their limits."""
    spec = getattr(found, "option_spec", None) or {}
    if "emphasize-lines" not in spec and not set(spec) & set(OPTION_RANGES):
        return found

    class BoundedDirective(found):  # type: ignore[valid-type,misc]  # a class found at run time
        def run(self) -> list[nodes.Node]:
            _check_options(sandbox, name, self)
            result: list[nodes.Node] = super().run()
            return result

    BoundedDirective.__name__ = found.__name__
    return BoundedDirective


def _refused_role(sandbox: _Sandbox, what: str) -> Callable[..., Any]:
    """A role that shows its text as is and reports ``what`` (e.g. "the 'x' role")."""

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
            f"{sandbox.label}: {what} is not allowed in reading-list markup; "
            "its text is shown as is",
        )
        return [nodes.Text(text)], []

    return role


def _current(env: BuildEnvironment, key: str) -> Any:
    """A value of the document being read (``env.temp_data`` before Sphinx 8.2)."""
    current = getattr(env, "current_document", None)
    if current is not None:
        return getattr(current, key, None)
    return env.temp_data.get(key)  # pragma: no cover - Sphinx < 8.2


def _role_object(name: str, found: object, env: BuildEnvironment) -> object:
    """What a role name stands for.

    Sphinx hands out a domain's roles wrapped in an adapter function, one per
    role and cached; the role itself (an ``XRefRole`` for cross-references)
    is found here the way Sphinx looks it up: the named domain, or the
    default one, then ``std``.
    """
    prefix, colon, short = name.lower().partition(":")
    if colon:
        candidates = [_domain(env, prefix)]
    else:
        short = prefix
        candidates = [_current(env, "default_domain")]
    candidates.append(_domain(env, "std"))
    for domain in candidates:
        if domain is not None and short in domain.roles and domain.role(short) is found:
            return domain.roles[short]
    return found


def _domain(env: BuildEnvironment, name: str) -> Any:
    try:
        return env.get_domain(name)
    except Exception:  # an unknown domain: Sphinx's ExtensionError
        return None


def _role_allowed(name: str, role: object) -> bool:
    """A formatting role of the list, or a cross-reference that copies no file."""
    if name.lower() in SAFE_ROLES:
        return True
    if not isinstance(role, XRefRole):
        return False
    nodeclass = getattr(role, "nodeclass", None)
    copies_files = isinstance(nodeclass, type) and issubclass(
        nodeclass, addnodes.download_reference
    )
    return not copies_files and name.lower().split(":")[-1] not in _FILE_ROLES


def _default_role(env: BuildEnvironment) -> tuple[str, str]:
    """The role of single backticks in rST, and how a message names it.

    docutils' own, title-reference, unless ``default_role`` in conf.py or a
    ``default-role`` directive on the page registered another.
    """
    name = _current(env, "default_role") or ""
    if "" not in getattr(roles, "_roles", {}) or not name:
        return "title-reference", "the default role 'title-reference'"
    where = (
        "default_role in conf.py"
        if name == env.config.default_role
        else "set by a default-role directive on the page"
    )
    return name, f"the default role {_shown(name)} ({where})"


@contextmanager
def _restricted(sandbox: _Sandbox, env: BuildEnvironment) -> Iterator[None]:
    """Allow only the safe directives and roles while parsing."""
    lookup_directive = directives.directive
    lookup_role = roles.role

    def directive(name: str, language: Any, document: Any) -> Any:
        found, messages = lookup_directive(name, language, document)
        if found is None:
            return found, messages
        if name.lower() in SAFE_DIRECTIVES:
            return _bounded_directive(sandbox, name.lower(), found), messages
        return _refused_directive(sandbox, name), messages

    def role(name: str, language: Any, lineno: int, reporter: Any) -> Any:
        found, messages = lookup_role(name, language, lineno, reporter)
        if found is None:
            return found, messages
        if name:
            meant, what = name, f"the {_shown(name)} role"
        else:  # `text`: the default role
            meant, what = _default_role(env)
        if _role_allowed(meant, _role_object(meant, found, env)):
            return found, messages
        return _refused_role(sandbox, what), messages

    directives.directive = directive  # type: ignore[assignment]
    roles.role = role  # type: ignore[assignment]
    # MyST is patched for a MyST text, or once anything has loaded it; an rST
    # text in a project without it could only reach it through a directive,
    # and no safe directive parses Markdown (importing MyST costs 75 ms)
    if sandbox.text.markup is Markup.MYST or "myst_parser" in sys.modules:
        restore_substitutions = _restrict_myst_substitutions(sandbox)
        restore_links = _report_refused_markdown_links(sandbox)
        restore_strikethrough = _strikethrough_as_nodes()
    else:
        restore_substitutions = restore_links = _unchanged
        restore_strikethrough = _unchanged
    try:
        yield
    finally:
        directives.directive = lookup_directive
        roles.role = lookup_role
        restore_substitutions()
        restore_links()
        restore_strikethrough()


def _unchanged() -> None:
    pass


def _strikethrough_as_nodes() -> Callable[[], None]:
    """Render MyST's ``~~text~~`` as a node, not as raw ``<s>`` HTML.

    MyST writes the raw HTML, which the sandbox refuses, and warns that only
    HTML shows it; a classed inline shows it struck in HTML and as plain
    text elsewhere.

    :return: undoes the change.
    """
    try:
        from myst_parser.mdit_to_docutils.base import DocutilsRenderer
    except ImportError:  # MyST is optional
        return _unchanged
    render = DocutilsRenderer.__dict__.get("render_s")
    if render is None:
        return _unchanged

    def render_s(self: Any, token: Any) -> None:
        node = _Deleted()
        self.add_line_and_source_path(node, token)
        with self.current_node_context(node, append=True):
            self.render_children(token)

    renderer: Any = DocutilsRenderer
    renderer.render_s = render_s

    def restore() -> None:
        renderer.render_s = render

    return restore


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
                f"{sandbox.label}: {_parser_message(record)}; fix the "
                f"markup, or write 'markup: {_name(other)}' at the top of the "
                f"file if the text is {other}"
            )
        sandbox.problems.append(
            Problem(Location(where.location.path, line), message, subtype)
        )


#: The longest parser message passed on, in characters.
_MAX_PARSER_MESSAGE = 300


def _parser_message(record: logging.LogRecord) -> str:
    """A parser's message without the text it quotes, and cut.

    docutils appends the whole offending block (an unknown directive and its
    content) to its message: a long text would be copied into every warning.
    """
    message = record.getMessage().split("\n\n", 1)[0].strip().rstrip(".")
    if len(message) > _MAX_PARSER_MESSAGE:
        message = message[: _MAX_PARSER_MESSAGE - 3] + "..."
    return message


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
    # titles are matched, so a heading becomes a section that the sanitiser
    # shows as a paragraph, not an "Unexpected section title" that drops it
    machine.run(block, document, match_titles=True)
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


#: The CSS classes that the allowed markup gives nodes (docutils, Sphinx and
#: MyST set them), besides those of cross-references. An author's classes
#: (``:class:``, a ``container``'s arguments, MyST's ``{.name}`` and
#: ``::: name``) could hide text or restyle the card and the page (``sd-*``,
#: a theme's ``hidden``...), so every other class is left out.
MARKUP_CLASSES = frozenset(
    {
        "abbr", "accelerator", "added", "admonition", "amsmath", "any", "attention",
        "caution", "changed", "code", "colwidths-auto", "colwidths-given",
        "command", "contains-task-list", "danger", "deprecated", "dfn",
        "enabled", "epigraph", "error", "field-list", "file", "guilabel",
        "highlights", "hint", "important", "kbd", "literal-block-wrapper",
        "manpage", "math", "menuselection", "mimetype", "myst", "note", "pep",
        "program", "pull-quote", "regexp", "removed", "rfc", "samp", "seealso",
        "simple", "task-list-item", "text-center", "text-left", "text-right",
        "tip", "versionmodified", "warning", "xref",
    }
)  # fmt: skip

# the class the generic admonition derives from its title
_ADMONITION_CLASS = re.compile(r"admonition-[a-z0-9-]*")

# the checkbox MyST writes as raw HTML for "- [ ]" and "- [x]" (tasklist)
_CHECKBOX = re.compile(
    r'<input class="task-list-item-checkbox"\s+(checked="checked"\s+)?'
    r'(?:disabled="disabled"\s+)?type="checkbox">'
)


def _markup_classes(env: BuildEnvironment) -> frozenset[str]:
    """:data:`MARKUP_CLASSES`, and the classes cross-reference roles give:
    ``py``, ``py-func``...

    The domains are fixed once the extensions are set up: worked out once
    per environment, not once per text.
    """
    found = _MARKUP_CLASSES.get(env)
    if found is None:
        domains = env.domains  # a dict before Sphinx 8.2, a container after
        names = list(domains)
        found = MARKUP_CLASSES | frozenset(
            {
                *names,
                *(f"{name}-{role}" for name in names for role in domains[name].roles),
            }
        )
        _MARKUP_CLASSES[env] = found
    return found


_MARKUP_CLASSES: WeakKeyDictionary[BuildEnvironment, frozenset[str]] = (
    WeakKeyDictionary()
)


class _Deleted(nodes.inline):
    """MyST's ``~~text~~``, until the sanitiser writes it as a classed inline."""


class _Sanitiser:
    """Remove from parsed markup what a card must not carry."""

    def __init__(
        self,
        sandbox: _Sandbox,
        *,
        trusted: bool,
        schemes: tuple[str, ...],
        classes: frozenset[str] = MARKUP_CLASSES,
    ):
        self.sandbox = sandbox
        self.trusted = trusted
        self.schemes = schemes
        self.classes = classes

    def line(self, node: nodes.Node) -> int:
        return get_source_line(node)[1] or self.sandbox.text.location.line

    def markup_problem(self, node: nodes.Node, message: str) -> None:
        where = Location(self.sandbox.text.location.path, self.line(node))
        self.sandbox.problems.append(
            Problem(where, f"{self.sandbox.label}: {message}", Subtype.MARKUP.value)
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
        line = self.sandbox.line_of(dropped[0], self.line(node))
        self.sandbox.problems.append(
            Problem(
                Location(self.sandbox.text.location.path, line),
                f"{self.sandbox.label}: CSS classes are not allowed in "
                f"reading-list text, and {_shown(' '.join(dropped))} was left "
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
                    f"the substitution |{_cut(name)}| is not defined in the text "
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
        if not self.trusted:
            self._keep_markup_classes(node)
        if isinstance(node, _Deleted):
            deleted = nodes.inline(
                "", "", *node.children, classes=["readinglist-deleted"]
            )
            deleted.source, deleted.line = node.source, node.line
            parent.replace(node, deleted)
            self.clean(deleted)
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
            checkbox = _CHECKBOX.fullmatch(node.astext().strip())
            if checkbox and node.get("format") == "html":
                # a task list's box: a character says as much, and is safe
                parent.replace(node, nodes.Text("☑ " if checkbox[1] else "☐ "))
                return
            self.sandbox.refuse(
                self.line(node),
                f"{self.sandbox.label}: raw {node.get('format', '')} content "
                "(such as inline HTML) is not allowed and was left out; use "
                "the markup's own syntax, or set readinglist_trust_markup = True",
            )
            parent.remove(node)
            return
        if isinstance(node, nodes.math | nodes.math_block):
            self._math(node)
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
            self.sandbox.refuse(
                self.sandbox.line_of(refused, self.line(node)),
                f"{self.sandbox.label}: math using '{refused}' is not allowed, "
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
                f"{_shown(label)} was left out; refer to the equation in words",
            )
        if no_wrap:
            text, numbered = _tex.unnumbered(text)
            for name in numbered:
                self.markup_problem(
                    node,
                    f"equation numbers are not supported in reading-list text; "
                    f"the environment {_cut(name)} is shown unnumbered; write "
                    f"{_cut(name)}* instead",
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


def _mathjax_process_classes(config: Any) -> tuple[str, ...]:
    """The patterns of classes that make MathJax typeset an element's text:
    the defaults, and the project's ``processHtmlClass`` (which MyST sets to
    include ``math``)."""
    patterns = list(_tex.MATHJAX_PROCESS)
    for name in ("mathjax3_config", "mathjax4_config"):
        options = (getattr(config, name, None) or {}).get("options")
        value = options.get("processHtmlClass") if isinstance(options, dict) else None
        if isinstance(value, str) and value:
            patterns.append(value)
    return tuple(patterns)


@lru_cache(maxsize=8)
def _mathjax_process_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    try:
        # as MathJax matches them, against a class attribute
        return re.compile("|".join(f"(?:^| )(?:{p})(?: |$)" for p in patterns))
    except re.error:  # a JavaScript-only pattern: no class is safe
        return re.compile("")


def _keep_out_of_mathjax(document: nodes.document, config: Any) -> None:
    """Drop every class that would make MathJax typeset text outside the
    formulas (which carry such a class themselves)."""
    pattern = _mathjax_process_pattern(_mathjax_process_classes(config))
    for node in document.findall(nodes.Element):
        if node.get("classes") and not isinstance(node, nodes.math | nodes.math_block):
            node["classes"] = [c for c in node["classes"] if not pattern.search(c)]
            if pattern.search(" ".join(node["classes"])):
                node["classes"] = []


def _check_mathjax_ignore(app: Sphinx) -> None:
    """Warn when the project's MathJax configuration would read the cards.

    Cards carry MathJax's default ignore classes; a project that sets
    ``ignoreHtmlClass`` to a pattern matching neither makes MathJax typeset
    ``$$...$$`` written in a title, an author or a tag.
    """
    for name in ("mathjax3_config", "mathjax4_config"):
        options = (getattr(app.config, name, None) or {}).get("options")
        value = options.get("ignoreHtmlClass") if isinstance(options, dict) else None
        if not isinstance(value, str):
            continue
        try:
            ignored = re.compile(f"(?:^| )(?:{value})(?: |$)").search
            if any(ignored(c) for c in _tex.MATHJAX_IGNORE):
                continue
        except re.error:
            pass
        sphinx_logging.getLogger(__name__).warning(
            f"{name}['options']['ignoreHtmlClass'] is {_shown(value)}, which "
            "matches neither tex2jax_ignore nor mathjax_ignore, the classes of "
            "reading-list cards, so MathJax would typeset formulas written in "
            "their titles, authors and tags; add '|mathjax_ignore' to it",
            type=WARNING_TYPE,
            subtype=Subtype.CONFIG.value,
        )


def setup_math(app: Sphinx) -> None:
    """Check, once the builder is set up, that MathJax skips the cards."""
    app.connect("builder-inited", _check_mathjax_ignore)


@contextmanager
def _equations_off_page() -> Iterator[None]:
    """Keep the text's equations out of the page's numbering and labels.

    Sphinx's ``math`` directive, and MyST's labelled and ``amsmath`` blocks,
    register a label with the math domain while the text is parsed: it would
    take the next equation number of the page, clash with the page's own
    labels, and point at an anchor that the sandbox removes.
    """
    from sphinx.directives.patches import MathDirective
    from sphinx.domains.math import MathDomain

    add_target = MathDirective.add_target
    note_equation = MathDomain.note_equation
    MathDirective.add_target = lambda self, ret: None  # type: ignore[method-assign]
    MathDomain.note_equation = lambda self, *args, **kwargs: None  # type: ignore[method-assign]
    try:
        yield
    finally:
        MathDirective.add_target = add_target  # type: ignore[method-assign]
        MathDomain.note_equation = note_equation  # type: ignore[method-assign]


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
    restrict = _restricted(sandbox, env) if not trusted else _nothing()
    with _captured(sandbox), restrict, _equations_off_page():
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
        classes = _markup_classes(env)
        sanitiser = _Sanitiser(
            sandbox, trusted=trusted, schemes=schemes, classes=classes
        )
        sanitiser.clean(document)
        if not trusted:
            _keep_out_of_mathjax(document, env.config)
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
