"""Keep MathJax off the cards' text, and on their formulas.

The lists of cards carry MathJax's ignore classes; only a formula the
sanitiser kept carries a class that makes MathJax typeset it again.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging as sphinx_logging

from ..data.messages import shown
from ..warnings_ import WARNING_TYPE, Subtype
from . import tex as _tex

if TYPE_CHECKING:
    from sphinx.application import Sphinx


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


def keep_out_of_mathjax(document: nodes.document, config: Any) -> None:
    """Drop every class that would make MathJax typeset text outside the
    formulas (which carry such a class themselves)."""
    pattern = _mathjax_process_pattern(_mathjax_process_classes(config))
    for node in document.findall(nodes.Element):
        if node.get("classes") and not isinstance(node, nodes.math | nodes.math_block):
            node["classes"] = [c for c in node["classes"] if not pattern.search(c)]
            if pattern.search(" ".join(node["classes"])):
                node["classes"] = []


def check_mathjax_ignore(app: Sphinx) -> None:
    """Warn when the project's MathJax configuration would read the cards.

    The lists of cards carry MathJax's default ignore classes; a project that
    sets ``ignoreHtmlClass`` to a pattern matching neither makes MathJax typeset
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
            f"{name}['options']['ignoreHtmlClass'] is {shown(value)}, which "
            "matches neither tex2jax_ignore nor mathjax_ignore, the classes of "
            "reading-list cards, so MathJax would typeset formulas written in "
            "their titles, authors and tags; add '|mathjax_ignore' to it",
            type=WARNING_TYPE,
            subtype=Subtype.CONFIG.value,
        )


def setup_math(app: Sphinx) -> None:
    """Check, once the builder is set up, that MathJax skips the cards."""
    app.connect("builder-inited", check_mathjax_ignore)
