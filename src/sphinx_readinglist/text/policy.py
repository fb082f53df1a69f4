"""What untrusted markup may use: directives, roles, option values, classes.

The decisions only; :mod:`.sandbox` puts them in the way of docutils' lookups
and :mod:`.sanitise` applies :data:`MARKUP_CLASSES` to the parsed nodes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles
from sphinx import addnodes
from sphinx.roles import XRefRole

from ..data.messages import cut, shown
from .report import ParseReport, source_line

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

#: The role classes of sphinx-design that make a badge: text, or a link
#: whose URL the sanitiser checks like any other.
_BADGE_ROLES = ("BadgeRole", "LinkBadgeRole", "XRefBadgeRole")

#: The role classes of sphinx-design that draw an icon. The text after a
#: ``;`` (a height, classes) goes unescaped into the icon's SVG, so only a
#: plain icon name is allowed: :data:`_ICON_NAME`.
_ICON_ROLES = ("OcticonRole", "FontawesomeRole", "MaterialRole")
_ICON_NAME = re.compile(r"[A-Za-z0-9_-]{1,80}")

#: Cross-reference roles that copy files into the output.
_FILE_ROLES = frozenset({"download"})

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


# -- directives ---------------------------------------------------------------


def checked_directive(
    report: ParseReport,
    name: str,
    found: type[Directive],
    allowed: Iterable[str] = (),
) -> type[Directive]:
    """The directive to run for ``name``, which docutils resolved to ``found``:
    ``found`` itself if it is safe (its option values bounded), a project's
    ``allowed`` one as it is (the classes it gives kept), else one that
    reports the refusal."""
    if name.lower() in SAFE_DIRECTIVES:
        return _bounded_directive(report, name.lower(), found)
    if name.lower() in {a.lower() for a in allowed}:
        return _classes_kept_directive(report, found)
    return _refused_directive(report, name)


def _classes_kept_directive(
    report: ParseReport, found: type[Directive]
) -> type[Directive]:
    """``found``, whose nodes keep their classes: the project trusts it."""

    class AllowedDirective(found):  # type: ignore[valid-type,misc]  # a class found at run time
        def run(self) -> list[nodes.Node]:
            result: list[nodes.Node] = super().run()
            _keep_classes(report, result)
            return result

    AllowedDirective.__name__ = found.__name__
    return AllowedDirective


def _keep_classes(report: ParseReport, made: Iterable[nodes.Node]) -> None:
    """Let the sanitiser keep the classes of ``made`` and what it holds."""
    for node in made:
        report.classes_kept.update((id(n), n) for n in node.findall(nodes.Element))


class _AnyOption(dict[str, Callable[[str], str]]):
    """An option spec that accepts every option, so refusal is the only message."""

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str) -> Callable[[str], str]:
        return directives.unchanged


def _refused_directive(report: ParseReport, name: str) -> type[Directive]:
    class RefusedDirective(Directive):
        has_content = True
        optional_arguments = 1
        final_argument_whitespace = True
        option_spec = _AnyOption()

        def run(self) -> list[nodes.Node]:
            line = source_line(self.state_machine.get_source_and_line, self.lineno)
            report.refuse(
                line,
                f"{report.label}: the {shown(name)} directive is not allowed in "
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


# one part of an emphasize-lines spec: "3", "3-5", "-5" or "3-"
_LINE_RANGE = re.compile(r"\s*([0-9]*)\s*(?:(-)\s*([0-9]*)\s*)?")


def line_ranges(spec: str, total: int) -> str | None:
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


def _check_options(report: ParseReport, name: str, directive: Directive) -> None:
    """Leave out the option values of a safe directive whose cost would not
    grow with the text, reporting each; :data:`OPTION_RANGES` holds the limits.
    """
    options = directive.options
    line = source_line(directive.state_machine.get_source_and_line, directive.lineno)
    if "emphasize-lines" in options:
        spec = str(options["emphasize-lines"])
        total = len(directive.content)
        merged = line_ranges(spec, total)
        if merged is None:
            del options["emphasize-lines"]
            report.refuse(
                report.line_of(":emphasize-lines:", line),
                f"{report.label}: :emphasize-lines: {shown(spec)} of the "
                f"{shown(name)} directive is not a list of lines of the block "
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
        written = " ".join(str(v) for v in values)
        report.refuse(
            report.line_of(f":{option}:", line),
            f"{report.label}: :{option}: {cut(written)} of the {shown(name)} "
            f"directive is outside the limit of {low} to {high} and was left "
            f"out; use a number from {low} to {high}",
        )


def _bounded_directive(
    report: ParseReport, name: str, found: type[Directive]
) -> type[Directive]:
    """``found``, with its option values checked against their limits."""
    spec = getattr(found, "option_spec", None) or {}
    if "emphasize-lines" not in spec and not set(spec) & set(OPTION_RANGES):
        return found

    class BoundedDirective(found):  # type: ignore[valid-type,misc]  # a class found at run time
        def run(self) -> list[nodes.Node]:
            _check_options(report, name, self)
            result: list[nodes.Node] = super().run()
            return result

    BoundedDirective.__name__ = found.__name__
    return BoundedDirective


# -- roles --------------------------------------------------------------------


def checked_role(
    report: ParseReport, env: BuildEnvironment, name: str, found: Any
) -> Any:
    """The role function to run for ``name`` (empty: the default role), which
    docutils resolved to ``found``: ``found`` if allowed, else one that shows
    the text as is and reports the refusal."""
    if name:
        meant, what = name, f"the {shown(name)} role"
    else:  # `text`: the default role
        meant, what = _default_role(env)
    if _role_allowed(meant, _role_object(meant, found, env)):
        return found
    allowed = {a.lower() for a in env.config.readinglist_allowed_roles}
    if (
        meant.lower() in allowed
        or _is_link_role(found)
        or _is_class(found, _BADGE_ROLES)
    ):
        return _classes_kept_role(report, found)
    if _is_class(found, _ICON_ROLES):
        return _icon_role(report, what, found)
    return _refused_role(report, what)


def _is_link_role(found: object) -> bool:
    """A role that ``sphinx.ext.extlinks`` made from the project's ``extlinks``:
    a link built from a pattern in conf.py, whose URL the sanitiser checks."""
    return getattr(found, "__module__", None) == "sphinx.ext.extlinks"


def _is_class(found: object, names: tuple[str, ...]) -> bool:
    """Whether ``found`` is a sphinx-design role of one of the classes ``names``."""
    for module_name in ("sphinx_design.badges_buttons", "sphinx_design.icons"):
        module = sys.modules.get(module_name)  # loaded if its roles exist
        classes = tuple(getattr(module, n) for n in names if hasattr(module, n))
        if classes and isinstance(found, classes):
            return True
    return False


def _classes_kept_role(report: ParseReport, found: Any) -> Callable[..., Any]:
    """``found``, whose nodes keep the classes it gives (``sd-badge``...)."""

    def role(*args: Any, **kwargs: Any) -> Any:
        made, messages = found(*args, **kwargs)
        _keep_classes(report, made)
        return made, messages

    return role


def _icon_role(report: ParseReport, what: str, found: Any) -> Callable[..., Any]:
    """``found``, refused unless its text is an icon's name alone."""
    refused = _refused_role(
        report, what, "is allowed with an icon's name alone, such as 'rocket'"
    )

    def role(
        typ: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Any,
        *rest: Any,
        **kwargs: Any,
    ) -> Any:
        if not _ICON_NAME.fullmatch(text.strip()):
            return refused(typ, rawtext, text, lineno, inliner, *rest, **kwargs)
        made, messages = found(typ, rawtext, text, lineno, inliner, *rest, **kwargs)
        _keep_classes(report, made)
        report.icons.update((id(n), n) for n in made if isinstance(n, nodes.raw))
        return made, messages

    return role


def _refused_role(
    report: ParseReport, what: str, why: str = "is not allowed in reading-list markup"
) -> Callable[..., Any]:
    """A role that shows its text as is and reports that ``what`` (e.g. "the
    'x' role") ``why``."""

    def role(
        typ: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Any,
        options: Any = None,
        content: Any = None,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        line = source_line(
            getattr(inliner.reporter, "get_source_and_line", None), lineno
        )
        report.refuse(
            line,
            f"{report.label}: {what} {why}; its text is shown as is",
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
    return name, f"the default role {shown(name)} ({where})"


# -- classes ------------------------------------------------------------------


def markup_classes(env: BuildEnvironment) -> frozenset[str]:
    """:data:`MARKUP_CLASSES`, and the classes cross-reference roles give:
    ``py``, ``py-func``...

    Worked out for each text that needs the parser, not cached: it costs
    about 7 us, a few per mille of a build (4,000 entries, a quarter of them
    marked up: no difference a cache could measure).
    """
    domains = env.domains  # a dict before Sphinx 8.2, a container after
    names = list(domains)
    return MARKUP_CLASSES | frozenset(
        {
            *names,
            *(f"{name}-{role}" for name in names for role in domains[name].roles),
        }
    )
