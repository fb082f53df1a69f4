"""Project-wide state: which card is where, the ``resource`` role, and reporting.

Everything the directive learns is stored per document in the domain data, so
Sphinx can purge and merge it for incremental and parallel builds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.logging import getLogger
from sphinx.util.nodes import make_refnode

from .cards.layout import TITLE_SUFFIX
from .data.dates import newest
from .data.duplicates import duplicate_ids, duplicate_urls, entries_of, urls_of
from .data.messages import did_you_mean, shown
from .data.model import Problem, ReadingList
from .i18n import _
from .text.tex import MATHJAX_IGNORE
from .warnings_ import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = getLogger(__name__)

#: "Did you mean" for an unresolved reference compares it with at most this
#: many ids: those sharing the most trigrams with it (issue 11).
SUGGESTION_CANDIDATES = 50
#: How many entries of the trigram index one lookup reads, rarest first.
SUGGESTION_READS = 5_000
#: References longer than this cannot be close to an id (at most ~100
#: characters) and get no suggestion.
SUGGESTION_MAX_LENGTH = 300


@dataclass
class Source:
    """What one YAML source defines, and the problems found in it."""

    path: str = ""
    entries: dict[str, tuple[str, int]] = field(default_factory=dict)
    problems: set[Problem] = field(default_factory=set)
    #: The latest ``added`` of its entries, shown or not: the "New" badge
    #: counts from the latest of the project (see :mod:`.new_badge`).
    newest_added: str | None = None
    #: each web address of an entry: (comparable form, as written, title, line)
    urls: list[tuple[str, str, str, int]] = field(default_factory=list)


@dataclass
class Page:
    """What one document shows and cites."""

    cards: list[tuple[str, str, str]] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    cites: set[str] = field(default_factory=set)
    #: Whether it shows an entry with an ``added`` day, whose "New" badge
    #: may come or go when the project's reference day moves.
    added: bool = False
    #: the glob patterns of its directives, (folder, pattern), and what they
    #: matched: a new match re-reads the page (see data_files.changed_globs)
    globs: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    #: each shown entry's kind label and year, for the index of resources
    #: (see resource_index.py)
    facts: dict[str, tuple[str, int | None]] = field(default_factory=dict)


def _trigrams(word: str) -> set[str]:
    padded = f"^{word.lower()}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Suggestions:
    """Close ids for unresolved references, at a bounded cost per lookup.

    Comparing every unresolved reference with every id costs references x
    ids difflib ratios (2,000 x 2,000 took 73 s, issue 11). The trigrams of
    the ids are indexed once; a lookup reads at most
    :data:`SUGGESTION_READS` index entries, rarest trigrams first, and lets
    difflib rank the :data:`SUGGESTION_CANDIDATES` ids sharing the most.
    """

    def __init__(self, ids: Iterable[str]) -> None:
        self.by_trigram: dict[str, list[str]] = {}
        for id_ in sorted(set(ids)):
            for gram in _trigrams(id_):
                self.by_trigram.setdefault(gram, []).append(id_)
        self.hints: dict[str, str] = {}

    def candidates(self, target: str) -> list[str]:
        """The ids worth comparing with ``target``, most trigrams shared first."""
        if len(target) > SUGGESTION_MAX_LENGTH:
            return []
        postings = sorted(
            (
                self.by_trigram[gram]
                for gram in _trigrams(target)
                if gram in self.by_trigram
            ),
            key=len,
        )
        shared: Counter[str] = Counter()
        reads = SUGGESTION_READS
        for ids in postings:
            if reads <= 0:
                break
            shared.update(ids[:reads])
            reads -= len(ids)
        return [id_ for id_, _count in shared.most_common(SUGGESTION_CANDIDATES)]

    def hint(self, target: str) -> str:
        """A ``"; did you mean 'x'?"`` suffix for ``target``, or ``""``."""
        if target not in self.hints:
            if len(self.hints) >= 4096:
                self.hints.clear()
            self.hints[target] = did_you_mean(target, self.candidates(target))
        return self.hints[target]


class _Lookup:
    """The domain's data indexed for the writing phase, built once per build."""

    def __init__(self, domain: ReadingListDomain, env: BuildEnvironment) -> None:
        order = _reading_order(env)
        self.cards: dict[str, list[tuple[str, str, str]]] = {}
        for docname, page in domain.pages.items():
            for card_id, anchor, title in page.cards:
                self.cards.setdefault(card_id, []).append((docname, anchor, title))
        for found in self.cards.values():
            found.sort(key=lambda c: (order.get(c[0], len(order)), c[0]))
        self.defined: dict[str, tuple[str, int]] = {}
        for _key, source in sorted(domain.sources.items()):
            for id_, (_title, line) in source.entries.items():
                self.defined.setdefault(id_, (source.path, line))
        self._suggestions: Suggestions | None = None

    @property
    def suggestions(self) -> Suggestions:
        if self._suggestions is None:
            self._suggestions = Suggestions(self.defined)
        return self._suggestions


class ResourceRole(XRefRole):
    """``:resource:`id``` (or ``:resource:`text <id>```): a link to a card."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        # registered under a bare name too; always resolve in our domain
        self.name = "readinglist:resource"
        return super().run()

    def __init__(self) -> None:
        # warn_dangling: unresolved references reach warn-missing-reference
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)


class ReadingListDomain(Domain):
    """The ``readinglist`` domain: cards as cross-reference targets."""

    name = "readinglist"
    label = "Reading list"
    object_types = {"resource": ObjType(_("resource"), "resource")}  # noqa: RUF012
    roles = {"resource": ResourceRole()}  # noqa: RUF012
    initial_data = {  # noqa: RUF012
        "pages": {},  # docname -> Page
        "sources": {},  # source path -> Source
        "fresh": set(),  # sources loaded in this build: their problems are reported
        "touched": set(),  # ids whose cards moved in this build
        "new_since": None,  # the first day counted as new (new_badge.py)
    }
    data_version = 2
    #: the data indexed for lookups; dropped whenever the data changes
    _lookup: _Lookup | None = None

    @property
    def pages(self) -> dict[str, Page]:
        return self.data["pages"]  # type: ignore[no-any-return]

    @property
    def sources(self) -> dict[str, Source]:
        return self.data["sources"]  # type: ignore[no-any-return]

    def page(self, docname: str) -> Page:
        # called once per card: a Page (four containers) made only when missing
        page = self.pages.get(docname)
        if page is None:
            page = self.pages[docname] = Page()
        return page

    # -- recording, while reading ------------------------------------------

    def note_source(self, docname: str, reading_list: ReadingList, key: str) -> str:
        """Record that ``docname`` shows entries of ``reading_list``.

        :param key: names the source: its path, or for a directive body, the
            document path and line.
        """
        source = self.sources.setdefault(key, Source(path=reading_list.path))
        if key not in self.data["fresh"]:
            # first use in this build: forget what an older version had
            source.problems = set(reading_list.problems)
        source.entries = entries_of(reading_list)
        source.newest_added = newest(r.added for r in reading_list.resources)
        source.urls = urls_of(reading_list)
        self.page(docname).sources.add(key)
        self.data["fresh"].add(key)
        self._lookup = None
        return key

    def note_problems(self, key: str, problems: Iterable[Problem]) -> None:
        self.sources[key].problems.update(problems)

    def note_card(self, docname: str, id_: str, anchor: str, title: str) -> None:
        """Record that ``docname`` shows entry ``id_`` at ``#anchor``."""
        self.page(docname).cards.append((id_, anchor, title))
        self.data["touched"].add(id_)
        self._lookup = None

    def note_citations(self, docname: str, ids: Iterable[str]) -> None:
        self.page(docname).cites.update(ids)

    # -- incremental and parallel builds -----------------------------------

    def clear_doc(self, docname: str) -> None:
        self._lookup = None
        page = self.pages.pop(docname, None)
        if page is None:
            return
        self.data["touched"].update(id_ for id_, _anchor, _title in page.cards)
        used = {key for p in self.pages.values() for key in p.sources}
        for key in page.sources - used:
            self.sources.pop(key, None)

    def merge_domaindata(
        self, docnames: Iterable[str], otherdata: dict[str, Any]
    ) -> None:
        self._lookup = None
        for docname in docnames:
            if docname in otherdata["pages"]:
                self.pages[docname] = otherdata["pages"][docname]
        for key, source in otherdata["sources"].items():
            mine = self.sources.setdefault(key, Source(path=source.path))
            mine.entries = source.entries
            mine.newest_added = source.newest_added
            mine.urls = source.urls
            mine.problems |= source.problems
        self.data["fresh"] |= otherdata["fresh"]
        self.data["touched"] |= otherdata["touched"]

    # -- lookups ------------------------------------------------------------

    def lookup(self, env: BuildEnvironment) -> _Lookup:
        """The data indexed by id: one pass per build, not one per reference."""
        if self._lookup is None:
            self._lookup = _Lookup(self, env)
        return self._lookup

    def cards_of(self, id_: str, env: BuildEnvironment) -> list[tuple[str, str, str]]:
        """Every (docname, anchor, title) showing ``id_``, in reading order."""
        return list(self.lookup(env).cards.get(id_, ()))

    def defined_in(self, id_: str) -> tuple[str, int] | None:
        """Where ``id_`` is defined first: (path, line), or None."""
        return self.lookup(self.env).defined.get(id_)

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        cards = self.cards_of(target, env)
        if not cards:
            # warned by _warn_missing, once intersphinx and others had a go
            return None
        docname, anchor, title = cards[0]
        if not node.get("refexplicit"):
            # the title is text from the data: MathJax must not read it as math
            classes = [*contnode.get("classes", []), *MATHJAX_IGNORE]
            contnode = nodes.inline(title, title, classes=classes)
        return _single_anchor(
            make_refnode(builder, fromdocname, docname, anchor, contnode, title)
        )

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        cards = self.cards_of(target, env)
        if not cards:
            return []
        docname, anchor, title = cards[0]
        ref = make_refnode(builder, fromdocname, docname, anchor, contnode, title)
        return [("readinglist:resource", _single_anchor(ref))]

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        # One object per entry, at the card the role links to. Its anchor is
        # the card title's id: never the entry's id itself, which search
        # indexes that take the display name for the name (sphinx-immaterial)
        # would otherwise look for under the title.
        for id_, cards in sorted(self.lookup(self.env).cards.items()):
            docname, anchor, title = cards[0]
            yield id_, title, "resource", docname, anchor + TITLE_SUFFIX, 1

    def warn_unresolved(self, target: str, node: Element) -> None:
        definition = self.defined_in(target)
        if definition is not None:
            where = f"{definition[0]}:{definition[1]}"
            message = (
                f"resource {shown(target)} (defined at {where}) is shown on no page; "
                "show it with a readinglist directive, or link to something else"
            )
        else:
            hint = self.lookup(self.env).suggestions.hint(target)
            message = (
                f"unknown resource {shown(target)}; use the 'id' of an entry "
                f"shown by a readinglist directive{hint}"
            )
        logger.warning(
            message, location=node, type=WARNING_TYPE, subtype=Subtype.REF.value
        )


def _single_anchor(reference: nodes.reference) -> nodes.reference:
    """Keep one fragment: singlehtml's document URIs are fragments themselves.

    Sphinx 9's singlehtml builder gives ``#document-index`` as the URI of a
    document, so a card in it would get ``#document-index#lecun2015``.
    """
    uri = reference.get("refuri", "")
    if uri.count("#") > 1:
        reference["refuri"] = uri[uri.rindex("#") :]
    return reference


def _warn_missing(
    app: Sphinx, domain: Domain, node: addnodes.pending_xref
) -> bool | None:
    """Say why a ``resource`` reference is unresolved, in our own words."""
    if not isinstance(domain, ReadingListDomain):
        return None
    domain.warn_unresolved(node["reftarget"], node)
    return True


def _reading_order(env: BuildEnvironment) -> dict[str, int]:
    """Documents in toctree order from the root document, then the rest."""
    cached = getattr(env, "_readinglist_order", None)
    if cached is not None and cached[0] == len(env.all_docs):
        return cached[1]  # type: ignore[no-any-return]
    order: dict[str, int] = {}
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in order:
            continue
        order[docname] = len(order)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    for docname in sorted(env.all_docs):
        order.setdefault(docname, len(order))
    env._readinglist_order = (len(env.all_docs), order)  # type: ignore[attr-defined]
    return order


def _domain(env: BuildEnvironment) -> ReadingListDomain:
    return env.get_domain("readinglist")  # type: ignore[return-value]


def _start_build(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    domain = _domain(env)
    domain.data["fresh"] = set()
    domain.data["touched"] = set()
    env._readinglist_order = None  # type: ignore[attr-defined]


def _collect_citations(app: Sphinx, doctree: nodes.document) -> None:
    ids = {
        node["reftarget"]
        for node in doctree.findall(addnodes.pending_xref)
        if node.get("refdomain") == "readinglist"
    }
    if ids:
        _domain(app.env).note_citations(app.env.docname, ids)


def _citing_documents(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Documents to rewrite because a card they link to moved or changed."""
    domain = _domain(env)
    touched = domain.data["touched"]
    if not touched:
        return []
    return [docname for docname, page in domain.pages.items() if page.cites & touched]


def report_problems(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about each problem of the sources read in this build, once.

    Reporting here, after parallel reads are merged, rather than in the
    directive, is what makes a file shown by many directives (or read by many
    processes) warn once.
    """
    domain = _domain(env)
    fresh = domain.data["fresh"]
    problems = sorted(
        (
            p
            for key in fresh
            if key in domain.sources
            for p in domain.sources[key].problems
        ),
        key=Problem.sort_key,
    )
    # ids and addresses shared across sources: the same check as the
    # command line's (data/duplicates.py), so their messages cannot drift
    problems.extend(duplicate_ids(domain.sources, fresh))
    problems.extend(duplicate_urls(domain.sources, fresh))
    for problem in problems:
        logger.warning(
            problem.message,
            location=str(problem.location),
            type=WARNING_TYPE,
            subtype=problem.subtype,
        )


def setup_domain(app: Sphinx) -> None:
    """Register the domain, the bare ``resource`` role and the build hooks."""
    app.add_domain(ReadingListDomain)
    app.add_role("resource", ResourceRole())
    app.connect("env-before-read-docs", _start_build)
    app.connect("doctree-read", _collect_citations)
    app.connect("env-get-updated", _citing_documents)
    app.connect("env-updated", report_problems)
    app.connect("warn-missing-reference", _warn_missing)
