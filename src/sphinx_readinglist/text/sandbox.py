"""Every patch of a third-party internal, applied and undone in one place.

Parsing a text from YAML needs a few internals of docutils, Sphinx, MyST and
markdown-it to behave differently for as long as the text is parsed: the
directive and role lookups answer with the allow-list's decision, MyST stops
evaluating ``{{ expressions }}`` and writes ``~~text~~`` as a node,
markdown-it reports the links it refuses, and the math domain does not count
the text's equations. Each patch is described once, as data (:data:`PATCHES`);
:func:`patched` checks that each target still exists before it replaces it,
and puts every original back when the block ends, however it ends.
tests/test_patches.py fails if upstream renames a target or changes the
parameters a replacement relies on.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.errors import ExtensionError

from ..data.model import Markup
from ..data.urls import url_scheme
from .policy import checked_directive, checked_role
from .report import ParseReport
from .sanitise import readinglist_deleted

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: The versions whose internals the patches were checked against; the same
#: bounds as the dependencies in pyproject.toml (a test keeps them equal).
SUPPORTED = {
    "docutils": ">=0.20,<1",
    "markdown-it-py": ">=3,<5",
    "myst-parser": ">=4,<6",
    "sphinx": ">=7.4,<10",
}


class UnsupportedVersionError(ExtensionError):
    """A patched name is gone: the installed package is outside the range."""


@dataclass
class PatchContext:
    """What the replacements of one parse need."""

    report: ParseReport | None = None
    env: BuildEnvironment | None = None
    document: nodes.document | None = None


# a replacement is made from the original and the parse it serves
Replace = Callable[[Any, PatchContext], Any]


@dataclass(frozen=True)
class Patch:
    """One attribute of a third-party package, replaced during a parse.

    :param package: the distribution that owns it, as pip names it.
    :param owner: ``"module"`` or ``"module:Class"``.
    :param attribute: the name replaced on the owner.
    :param replace: makes the replacement from the original and the context.
    :param params: the original's parameters, as the replacement calls it or
        stands in for it (checked by tests/test_patches.py).
    :param uses: other methods of the owner the replacement calls.
    """

    package: str
    owner: str
    attribute: str
    replace: Replace = field(repr=False)
    params: tuple[str, ...]
    uses: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"{self.owner.replace(':', '.')}.{self.attribute}"

    def resolve(self) -> tuple[Any, Any]:
        """The owner and the current value of the attribute.

        :raises UnsupportedVersionError: if the module, the class or the attribute is
            gone, naming the package, its version and the supported range.
        """
        module_name, _, class_name = self.owner.partition(":")
        try:
            owner: Any = sys.modules.get(module_name) or importlib.import_module(
                module_name
            )
            if class_name:
                owner = getattr(owner, class_name)
        except (ImportError, AttributeError):
            raise self._changed() from None
        # the owner's own attribute, not an inherited one: the original is put
        # back where it was found
        found = vars(owner).get(self.attribute)
        if not callable(found):
            raise self._changed()
        return owner, found

    def _changed(self) -> UnsupportedVersionError:
        try:
            installed = f"{self.package} {version(self.package)}"
        except PackageNotFoundError:
            installed = f"the installed {self.package}"
        return UnsupportedVersionError(
            f"sphinx-readinglist replaces {self.name} while it parses "
            f"reading-list markup, and {installed} has no such name; "
            f"install {self.package}{SUPPORTED[self.package]}, the versions "
            "sphinx-readinglist supports"
        )


@contextmanager
def patched(patches: Iterable[Patch], context: PatchContext) -> Iterator[None]:
    """Apply ``patches`` for the block, and restore every original after it,
    also when a patch or the block raises. Nested blocks restore in order."""
    applied: list[tuple[Any, str, Any]] = []
    try:
        for patch in patches:
            owner, original = patch.resolve()
            setattr(owner, patch.attribute, patch.replace(original, context))
            applied.append((owner, patch.attribute, original))
        yield
    finally:
        for owner, attribute, original in reversed(applied):
            setattr(owner, attribute, original)


# -- the replacements ---------------------------------------------------------


def _report(context: PatchContext) -> ParseReport:
    assert context.report is not None, "a sandbox patch needs the parse's report"
    return context.report


def _allowed_directives(original: Any, context: PatchContext) -> Any:
    """docutils' directive lookup, answering with the allow-list's decision."""
    report = _report(context)
    env = context.env
    assert env is not None

    def directive(name: str, language: Any, document: Any) -> Any:
        found, messages = original(name, language, document)
        if found is None:
            return found, messages
        allowed = env.config.readinglist_allowed_directives  # the project's
        return checked_directive(report, name, found, allowed), messages

    return directive


def _allowed_roles(original: Any, context: PatchContext) -> Any:
    """docutils' role lookup, answering with the allow-list's decision."""
    report = _report(context)
    env = context.env
    assert env is not None

    def role(name: str, language: Any, lineno: int, reporter: Any) -> Any:
        found, messages = original(name, language, lineno, reporter)
        if found is None:
            return found, messages
        return checked_role(report, env, name, found), messages

    return role


def _plain_substitutions(original: Any, context: PatchContext) -> Any:
    """Stop MyST from evaluating ``{{ expression }}`` in the text.

    With the ``substitution`` extension on, MyST renders the text between
    ``{{`` and ``}}`` as a Jinja2 template, which can reach any Python object
    and so run any code. Only a plain name from ``myst_substitutions``, the
    project's own text, is still replaced.
    """
    from myst_parser.mdit_to_docutils.base import token_line

    report = _report(context)

    def render_substitution(self: Any, token: Any, inline: bool) -> None:
        content = str(token.content).strip()
        if content != "env" and content in self.md_config.substitutions:
            original(self, token, inline)
            return
        shown = "{{" + str(token.content) + "}}"
        report.refuse(
            report.line_of(content, token_line(token, 0)),
            f"{report.label}: the MyST substitution {shown[:60]!r} is not "
            "evaluated in reading-list markup, since it could run code; use "
            "a name defined in myst_substitutions, or set "
            "readinglist_trust_markup = True",
        )
        text = nodes.Text(shown)
        self.current_node.append(text if inline else nodes.paragraph("", "", text))

    return render_substitution


def _strikethrough_as_nodes(original: Any, context: PatchContext) -> Any:
    """Render MyST's ``~~text~~`` as a node, not as raw ``<s>`` HTML.

    MyST writes the raw HTML, which the sandbox refuses, and warns that only
    HTML shows it; the node is ``<del>`` in HTML and plain text elsewhere.
    """

    def render_s(self: Any, token: Any) -> None:
        node = readinglist_deleted()
        self.add_line_and_source_path(node, token)
        with self.current_node_context(node, append=True):
            self.render_children(token)

    return render_s


def _reported_link_refusals(original: Any, context: PatchContext) -> Any:
    """Report the links that markdown-it itself refuses to make.

    markdown-it turns ``[x](javascript:...)`` into plain text without a word;
    the reader of the warnings should hear of it as of the other refusals.
    """
    report = _report(context)
    told: set[str] = set()

    def validate_link(self: Any, url: str) -> bool:
        if original(self, url):
            return True
        if url not in told:  # a link may be validated more than once
            told.add(url)
            scheme = url_scheme(url)
            why = f"the scheme {scheme}: is not allowed" if scheme else "it is unsafe"
            report.refuse(
                report.line_of(url),
                f"{report.label}: the link {url[:60]!r} is not linked: {why}",
            )
        return False

    return validate_link


def _no_equation_target(original: Any, context: PatchContext) -> Any:
    """Sphinx's ``math`` directive, and MyST's labelled and ``amsmath``
    blocks, register a label with the math domain while the text is parsed:
    it would take the next equation number of the page, clash with the
    page's own labels, and point at an anchor that the sanitiser removes."""

    def add_target(self: Any, ret: Any) -> None:
        return None

    return add_target


def _no_equation(original: Any, context: PatchContext) -> Any:
    """See :func:`_no_equation_target`."""

    def note_equation(self: Any, *args: Any, **kwargs: Any) -> None:
        return None

    return note_equation


def _the_sandbox_document(original: Any, context: PatchContext) -> Any:
    """MyST's ``setup_render`` builds a throwaway document (all docutils
    settings: 1.4 ms) as the default of ``options.get("document", ...)``,
    though it is given ours."""
    document = context.document

    def make_document(*args: Any, **kwargs: Any) -> Any:
        return document

    return make_document


_MYST_RENDERER = "myst_parser.mdit_to_docutils.base:DocutilsRenderer"

DIRECTIVE_LOOKUP = Patch(
    "docutils",
    "docutils.parsers.rst.directives",
    "directive",
    _allowed_directives,
    ("directive_name", "language_module", "document"),
)
ROLE_LOOKUP = Patch(
    "docutils",
    "docutils.parsers.rst.roles",
    "role",
    _allowed_roles,
    ("role_name", "language_module", "lineno", "reporter"),
)
MYST_SUBSTITUTION = Patch(
    "myst-parser",
    _MYST_RENDERER,
    "render_substitution",
    _plain_substitutions,
    ("self", "token", "inline"),
)
MYST_STRIKETHROUGH = Patch(
    "myst-parser",
    _MYST_RENDERER,
    "render_s",
    _strikethrough_as_nodes,
    ("self", "token"),
    uses=("add_line_and_source_path", "current_node_context", "render_children"),
)
MARKDOWN_LINKS = Patch(
    "markdown-it-py",
    "markdown_it.main:MarkdownIt",
    "validateLink",
    _reported_link_refusals,
    ("self", "url"),
)
MATH_TARGET = Patch(
    "sphinx",
    "sphinx.directives.patches:MathDirective",
    "add_target",
    _no_equation_target,
    ("self", "ret"),
)
MATH_EQUATION = Patch(
    "sphinx",
    "sphinx.domains.math:MathDomain",
    "note_equation",
    _no_equation,
    ("self", "docname", "labelid", "location"),
)
MYST_DOCUMENT = Patch(
    "myst-parser",
    "myst_parser.mdit_to_docutils.base",
    "make_document",
    _the_sandbox_document,
    ("source_path", "parser_cls"),
)

#: Every patch, for the tests.
PATCHES = (
    DIRECTIVE_LOOKUP,
    ROLE_LOOKUP,
    MYST_SUBSTITUTION,
    MYST_STRIKETHROUGH,
    MARKDOWN_LINKS,
    MATH_TARGET,
    MATH_EQUATION,
    MYST_DOCUMENT,
)


def sandbox_patches(markup: Markup, *, trusted: bool) -> tuple[Patch, ...]:
    """The patches in force while a text of ``markup`` is parsed.

    Trusted markup keeps every directive, role and MyST behaviour; its
    equations still stay off the page. MyST is patched for a MyST text, or
    once anything has loaded it: an rST text in a project without it could
    only reach it through a directive, and no safe directive parses Markdown
    (importing MyST costs 75 ms).

    :data:`MYST_DOCUMENT` is not among them: it is applied around MyST's
    ``setup_render`` only, since MyST's ``eval-rst`` needs a new document.
    """
    math = (MATH_TARGET, MATH_EQUATION)
    if trusted:
        return math
    if markup is Markup.MYST or "myst_parser" in sys.modules:
        myst = (MYST_SUBSTITUTION, MARKDOWN_LINKS, MYST_STRIKETHROUGH)
        return (DIRECTIVE_LOOKUP, ROLE_LOOKUP, *myst, *math)
    return (DIRECTIVE_LOOKUP, ROLE_LOOKUP, *math)
