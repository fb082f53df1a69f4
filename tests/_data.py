"""Small helpers for tests that call the data layer directly."""

from __future__ import annotations

from typing import Any

from sphinx_readinglist.data import load_text
from sphinx_readinglist.data.model import KINDS, Limits

#: The kinds of an entry, as the message for a wrong one lists them.
KIND_LIST = ", ".join(KINDS)


def load(text: str, **limits: Any) -> Any:
    """``text`` loaded as ``d.yaml``, with these limits."""
    return load_text(text, "d.yaml", limits=Limits(**limits))


def problems(data: Any) -> list[tuple[int | None, str, str]]:
    """Each problem as (line, message, subtype)."""
    return [(p.location.line, p.message, p.subtype) for p in data.problems]


def kept(data: Any, *fields: str) -> list[tuple[Any, ...]]:
    """Each resource kept, as its title and these fields."""
    return [(r.title, *(getattr(r, f) for f in fields)) for r in data.resources]
