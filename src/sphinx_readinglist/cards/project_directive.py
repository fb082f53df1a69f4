"""The directive as a project registers it: its kind options take the project's kinds.

docutils and myst-parser check an option with its ``option_spec`` converter,
a function of the value alone, and report a bad value themselves. For
``:kind:`` and ``:exclude-kinds:`` to take the kinds of
``readinglist_kinds`` (and to name them in a "did you mean"), the project's
directive is a subclass whose converters know them, registered once the
configuration is read.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..data.model import KINDS
from ..vocabulary import project_labels
from .directive import ReadingListDirective, _choices, let_go_of_files

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: The options that name kinds.
KIND_OPTIONS = ("kind", "exclude-kinds")


@cache
def directive_for(
    kinds: tuple[str, ...], base: type[ReadingListDirective] = ReadingListDirective
) -> type[ReadingListDirective]:
    """The directive whose kind options take ``kinds``.

    :param kinds: every kind, built-in first (:attr:`.Limits.kinds`).
    :param base: the directive to subclass (``readinglist-stats`` takes the
        kind options too).
    """
    if kinds == KINDS:
        return base
    option_spec = {
        **base.option_spec,
        **{option: _choices(kinds) for option in KIND_OPTIONS},
    }
    return type(
        base.__name__,
        (base,),
        {"option_spec": option_spec, "__doc__": base.__doc__},
    )


def _register(app: Sphinx, config: Config) -> None:
    kinds = project_labels(config).kinds
    app.add_directive("readinglist", directive_for(kinds), override=True)


def setup_directive(app: Sphinx) -> None:
    """Register the directive, and again with the project's kinds once the
    configuration is checked."""
    app.add_directive("readinglist", ReadingListDirective)
    # after config.check_config (400), which keeps only good kinds
    app.connect("config-inited", _register, priority=500)
    app.connect("env-updated", let_go_of_files)
