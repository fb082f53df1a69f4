"""Kept so code written against the first API keeps working: use :mod:`sphinx_readinglist.data`."""

from __future__ import annotations

from .data.model import (
    KINDS,
    LEVELS,
    Link,
    Location,
    Markup,
    Problem,
    ReadingList,
    Resource,
    Text,
)

__all__ = [
    "KINDS",
    "LEVELS",
    "Link",
    "Location",
    "Markup",
    "Problem",
    "ReadingList",
    "Resource",
    "Text",
]
