"""Kept so code written against the first API keeps working: use :mod:`sphinx_readinglist.data`."""

from __future__ import annotations

from .data.loader import load_file, load_text
from .data.messages import EXAMPLES, describe, did_you_mean
from .data.model import KINDS, Limits
from .data.schema_check import FIELDS, schema
from .data.validate import slugify

__all__ = [
    "EXAMPLES",
    "FIELDS",
    "KINDS",
    "Limits",
    "describe",
    "did_you_mean",
    "load_file",
    "load_text",
    "schema",
    "slugify",
]
