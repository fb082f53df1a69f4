"""The warning type and subtypes of the extension, in one place.

``suppress_warnings = ["readinglist.markup"]`` silences one subtype and
``["readinglist"]`` all of them.
"""

from __future__ import annotations

from enum import Enum

WARNING_TYPE = "readinglist"


class Subtype(str, Enum):
    """The kinds of problem, each documented with its cause and fix."""

    FILE = "file"
    """A data file or body that cannot be read at all."""
    DATA = "data"
    """A field or an entry that does not fit the data model."""
    DUPLICATE = "duplicate"
    """An id used twice, in one file or across the project."""
    DUPLICATE_URL = "duplicate_url"
    """One web address as the ``url`` of two entries of the project."""
    URL = "url"
    """An address that would not work where it is shown: a relative ``url``
    that names no page of the project, or a ``//host/path`` without scheme."""
    UNSAFE = "unsafe"
    """A link or a construct refused for safety."""
    MARKUP = "markup"
    """A problem in the markup of a ``description`` or an ``abstract``."""
    OPTION = "option"
    """A directive option or selection that matches nothing."""
    REF = "ref"
    """A ``resource`` reference to an unknown or unshown entry."""
    CONFIG = "config"
    """A ``readinglist_*`` value in ``conf.py``."""
