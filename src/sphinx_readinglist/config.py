"""The ``readinglist_*`` configuration values, checked when the config is read."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sphinx.util.logging import getLogger

from .cards.labels import ProjectLabels
from .data.identifiers import isbn_resolver_problem
from .data.model import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_NODES,
    DEFAULT_MAX_TAGS,
    Limits,
    Markup,
)
from .data.urls import DEFAULT_SCHEMES
from .formats import EXPORTERS
from .vocabulary import check_vocabulary, project_labels
from .warnings_ import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = getLogger(__name__)

LAYOUTS = ("cards", "list")


def _folder_ok(value: str) -> bool:
    """A relative folder of the output: words joined by ``/``, no ``..``."""
    return all(re.fullmatch(r"[\w-]+", part) for part in value.split("/"))


def _columns_ok(value: Any) -> bool:
    parts = str(value).split()
    return len(parts) in (1, 4) and all(
        p.isdigit() and 1 <= int(p) <= 12 for p in parts
    )


@dataclass(frozen=True)
class Option:
    """One configuration value: its default, how it is checked, what it does."""

    name: str
    default: Any
    types: tuple[type, ...]
    check: Callable[[Any], bool]
    expected: str
    description: str
    rebuild: Literal["env", "html"] = "env"


OPTIONS = (
    Option(
        "readinglist_markup",
        "rst",
        (str,),
        lambda v: v in ("rst", "myst"),
        "'rst' or 'myst'",
        "The syntax of ``description`` and ``abstract`` in files without a "
        "``markup`` key.",
    ),
    Option(
        "readinglist_columns",
        "1 2 2 3",
        (str, int),
        _columns_ok,
        "one or four numbers from 1 to 12, e.g. '1 2 2 3'",
        "Cards per row (xs sm md lg) when a directive has no ``:columns:``.",
    ),
    Option(
        "readinglist_layout",
        "cards",
        (str,),
        lambda v: v in LAYOUTS,
        "'cards' or 'list'",
        "The layout when a directive has no ``:layout:``.",
    ),
    Option(
        "readinglist_max_authors",
        3,
        (int,),
        lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        "a whole number (0 shows every author)",
        "Authors shown before 'and N more' in HTML; the full list is one "
        "click away, and printed outputs list everyone.",
    ),
    Option(
        "readinglist_url_schemes",
        DEFAULT_SCHEMES,
        (list, tuple),
        lambda v: all(isinstance(s, str) and s.isascii() for s in v),
        "a list of schemes such as ['http', 'https', 'mailto']",
        "The URL schemes that may be linked; relative links are always allowed.",
    ),
    Option(
        "readinglist_isbn_resolver",
        None,
        (str, type(None)),
        # its address is checked against readinglist_url_schemes, below
        lambda v: v is None or isinstance(v, str),
        "None, or an address with {isbn} in it, such as "
        "'https://openlibrary.org/isbn/{isbn}'",
        "The address an ISBN links to, with ``{isbn}`` where its digits go; "
        "None shows ISBNs as text.",
    ),
    Option(
        "readinglist_new_days",
        None,
        (int, type(None)),
        lambda v: v is None or (type(v) is int and v > 0),
        "None, or a positive number of days such as 30",
        'Show a "New" badge on the entries added (``added``) at most this '
        "many days before the newest ``added`` of the project, or before "
        "the day of ``SOURCE_DATE_EPOCH`` when it is set; None shows none.",
    ),
    Option(
        "readinglist_trust_markup",
        False,
        (bool,),
        lambda v: isinstance(v, bool),
        "True or False",
        "Parse ``description`` and ``abstract`` without the sandbox: raw HTML, "
        "images and every directive and role become available. Only for data "
        "whose every author is trusted.",
    ),
    Option(
        "readinglist_allowed_roles",
        (),
        (list, tuple),
        lambda v: all(isinstance(s, str) and s for s in v),
        "a list of role names such as ['guilabel', 'myproject:api']",
        "More roles that ``description`` and ``abstract`` may use, besides the "
        "built-in safe set; each runs as it is, with the author's text.",
    ),
    Option(
        "readinglist_allowed_directives",
        (),
        (list, tuple),
        lambda v: all(isinstance(s, str) and s for s in v),
        "a list of directive names such as ['card', 'tab-set']",
        "More directives that ``description`` and ``abstract`` may use, besides "
        "the built-in safe set; each runs as it is, with the author's options "
        "and content.",
    ),
    Option(
        "readinglist_allow_outside_srcdir",
        False,
        (bool,),
        lambda v: isinstance(v, bool),
        "True or False",
        "Allow data files outside the source directory.",
    ),
    Option(
        "readinglist_fetch_remote_images",
        False,
        (bool,),
        lambda v: isinstance(v, bool),
        "True or False",
        "Let builders that embed images (LaTeX, EPUB, Texinfo) download the "
        "card images given by URL. Off by default, since the build would "
        "fetch any address the data names; those cards are then shown "
        "without their image.",
    ),
    Option(
        "readinglist_max_bytes",
        DEFAULT_MAX_BYTES,
        (int,),
        lambda v: isinstance(v, int) and v > 0,
        "a positive number of bytes",
        "The largest data file read, and the most characters of text its "
        "data may expand to, counting each alias as a copy of its anchor and "
        "each default once per entry that takes it.",
    ),
    Option(
        "readinglist_max_nodes",
        DEFAULT_MAX_NODES,
        (int,),
        lambda v: isinstance(v, int) and v > 0,
        "a positive number",
        "The most values a data file may hold, counting each alias as a copy "
        "of its anchor.",
    ),
    Option(
        "readinglist_max_depth",
        DEFAULT_MAX_DEPTH,
        (int,),
        lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0,
        "a positive number",
        "How deep mappings and lists may nest in a data file.",
    ),
    Option(
        "readinglist_max_tags",
        DEFAULT_MAX_TAGS,
        (int,),
        lambda v: isinstance(v, int) and not isinstance(v, bool) and v > 0,
        "a positive number",
        "The most tags an entry may have; the others are left out, with a warning.",
    ),
    Option(
        "readinglist_reserved_ids",
        (),
        (list, tuple),
        lambda v: all(isinstance(s, str) for s in v),
        "a list of HTML ids such as ['sidebar', 'banner']",
        "More HTML ids that the theme or the project's templates put on "
        "every page; a card never takes one of them.",
    ),
    # each item of these three is checked on its own (vocabulary.py)
    Option(
        "readinglist_kinds",
        {},
        (dict,),
        lambda v: isinstance(v, dict),
        "a mapping of new kinds to their labels, such as {'dataset': 'Dataset'}",
        "Kinds of the project's own, each with its label: a text, or a "
        "mapping of language codes to texts.",
    ),
    Option(
        "readinglist_tag_labels",
        {},
        (dict,),
        lambda v: isinstance(v, dict),
        "a mapping of tags to labels, such as {'cv': 'Computer vision'}",
        "How tags read on cards, group headings and filter buttons: each tag "
        "mapped to its label.",
    ),
    Option(
        "readinglist_show_extra",
        [],
        (list, tuple, dict),
        lambda v: isinstance(v, list | tuple | dict),
        "a list of names of extra fields, such as ['stars', 'license'], or "
        "a mapping of names to labels",
        "The fields under an entry's ``extra`` that cards show, in order, "
        "each labelled with its name or with the label given.",
    ),
    Option(
        "readinglist_downloads",
        # a list, not a tuple: sphinx-build -D takes a list, comma-separated
        [],
        (list, tuple),
        lambda v: all(isinstance(f, str) and f in EXPORTERS for f in v),
        "a list of formats among " + ", ".join(repr(f) for f in EXPORTERS),
        "The formats in which HTML pages offer each data file for download, "
        "under its cards, such as ['csl-json', 'bibtex'].",
    ),
    Option(
        "readinglist_feeds",
        False,
        (bool,),
        lambda v: isinstance(v, bool),
        "True or False",
        "Write an Atom feed (readinglist.atom) and a JSON Feed "
        "(readinglist.json) of the newest entries (by ``added``) at the root "
        "of the HTML output; needs ``html_baseurl``.",
    ),
    Option(
        "readinglist_feed_size",
        20,
        (int,),
        lambda v: type(v) is int and v > 0,
        "a positive number such as 20",
        "How many of the newest entries the feeds hold.",
    ),
    Option(
        "readinglist_filter_max_tags",
        20,
        (int,),
        lambda v: type(v) is int and v >= 0,
        "a number such as 20, or 0 for no limit",
        "How many tags the row of tag buttons of a filter shows, the most "
        "used; a *More tags* button shows the others. 0 shows every tag.",
    ),
    Option(
        "readinglist_structured_data",
        False,
        (bool,),
        lambda v: isinstance(v, bool),
        "True or False",
        "Describe the resources of each HTML page with cards to search "
        "engines, as a schema.org ItemList in JSON-LD.",
    ),
    Option(
        "readinglist_index",
        False,
        (bool,),
        lambda v: isinstance(v, bool),
        "True or False",
        "Index every resource shown: a page of them A to Z by title "
        "(readinglist-index.html) and entries in the general index under "
        "each title and author.",
    ),
    Option(
        "readinglist_tag_pages",
        False,
        (bool,),
        lambda v: isinstance(v, bool),
        "True or False",
        "Write a page per tag, listing every resource with that tag, and a "
        "page of the tags with their counts, in the HTML output; the tag "
        "badges on cards link to them.",
    ),
    Option(
        "readinglist_tag_pages_folder",
        "tags",
        (str,),
        lambda v: isinstance(v, str) and _folder_ok(v),
        "a folder of the output such as 'tags' (letters, digits, '-' and "
        "'_', folders separated by '/')",
        "The folder of the HTML output that holds the tag pages.",
    ),
)


@dataclass(frozen=True)
class ReadingListConfig:
    """The checked configuration, as the directive uses it."""

    markup: Markup
    columns: str
    layout: str
    max_authors: int
    url_schemes: tuple[str, ...]
    trust_markup: bool
    allow_outside_srcdir: bool
    limits: Limits
    #: The project's kinds, tag labels and extra fields shown.
    labels: ProjectLabels

    @classmethod
    def from_sphinx(cls, config: Config) -> ReadingListConfig:
        schemes = tuple(s.lower() for s in config.readinglist_url_schemes)
        labels = project_labels(config)
        return cls(
            markup=Markup(config.readinglist_markup),
            columns=str(config.readinglist_columns),
            layout=config.readinglist_layout,
            max_authors=config.readinglist_max_authors,
            url_schemes=schemes,
            trust_markup=config.readinglist_trust_markup,
            allow_outside_srcdir=config.readinglist_allow_outside_srcdir,
            limits=Limits(
                max_bytes=config.readinglist_max_bytes,
                max_nodes=config.readinglist_max_nodes,
                max_depth=config.readinglist_max_depth,
                max_tags=config.readinglist_max_tags,
                url_schemes=schemes,
                kinds=labels.kinds,
            ),
            labels=labels,
        )


def check_config(app: Sphinx, config: Config) -> None:
    """Warn about a bad value and fall back to its default."""
    for option in OPTIONS:
        value = getattr(config, option.name)
        if isinstance(value, option.types) and option.check(value):
            continue
        logger.warning(
            "%s = %r is not valid; use %s. Using the default, %r",
            option.name,
            value,
            option.expected,
            option.default,
            type=WARNING_TYPE,
            subtype=Subtype.CONFIG.value,
        )
        setattr(config, option.name, option.default)
    _check_isbn_resolver(config)
    check_vocabulary(config)


def _check_isbn_resolver(config: Config) -> None:
    """Refuse an ISBN resolver that the URL policy would not link."""
    resolver = config.readinglist_isbn_resolver
    if resolver is None:
        return
    schemes = tuple(s.lower() for s in config.readinglist_url_schemes)
    reason = isbn_resolver_problem(resolver, schemes)
    if reason is None:
        return
    logger.warning(
        "readinglist_isbn_resolver = %r is not valid: %s; use an address with "
        "{isbn} in it, such as 'https://openlibrary.org/isbn/{isbn}'. Using the "
        "default, None",
        resolver,
        reason,
        type=WARNING_TYPE,
        subtype=Subtype.CONFIG.value,
    )
    config.readinglist_isbn_resolver = None


def setup_config(app: Sphinx) -> None:
    """Declare the configuration values."""
    for option in OPTIONS:
        app.add_config_value(
            option.name,
            option.default,
            option.rebuild,
            types=option.types,
            description=option.description,
        )
    app.connect("config-inited", check_config, priority=400)
