"""Reading-list data without Sphinx: load a file, check it, word its problems.

Nothing in this package imports Sphinx or docutils (a test imports it with
both blocked), so tests, benchmarks and command-line tools can use it alone.
"""

from __future__ import annotations

from . import model
from .loader import load_file, load_text
from .model import (
    Limits,
    Link,
    Location,
    Markup,
    Problem,
    ReadingList,
    Resource,
    Text,
)
from .schema_check import schema, schema_for

# bound here, not imported, so that the docs find their comments
#: The values of ``kind``, in the order the docs list them.
KINDS = model.KINDS
#: The values of ``level``, from easiest to hardest.
LEVELS = model.LEVELS

__all__ = [
    "KINDS",
    "LEVELS",
    "Limits",
    "Link",
    "Location",
    "Markup",
    "Problem",
    "ReadingList",
    "Resource",
    "Text",
    "load_file",
    "load_text",
    "schema",
    "schema_for",
]
