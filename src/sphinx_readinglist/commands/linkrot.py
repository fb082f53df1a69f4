"""``linkrot``: the YAML lines of the broken and moved addresses linkcheck found.

Sphinx's ``linkcheck`` builder knows the page and line of each address it
checked, not the data file the card came from. This maps each broken or
redirected address of its ``output.json`` back to every value of the YAML
files that holds it, and may repair the files in place: a broken ``url``
gets ``status: dead`` and a Wayback Machine ``archive`` address, and an
address moved for good (301, 308) its new address. Everything else is
reported, never written: temporary redirects, broken extra links,
translations, archives and images, addresses in descriptions or defaults.

The new address comes from linkcheck's output, which is untrusted: it is
written only if it is an ``http``/``https`` address that the extension would
link, and not a step down from ``https`` to ``http``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..data.identifiers import arxiv_url, doi_url
from ..data.iri import uri_from_iri
from ..data.urls import DEFAULT_SCHEMES, unsafe_url_reason, url_scheme
from .linkcheck_output import BROKEN, REDIRECT_WORDS, LinkResult
from .yaml_places import Place, YamlFile
from .yaml_rewrite import Edit, write_edits

#: The Wayback Machine's address of the latest copy of a page: this prefix,
#: then the page's address.
WAYBACK = "https://web.archive.org/web/"

#: The fields whose value is one whole address.
_WHOLE = frozenset({"url", "links", "translations", "archive", "image"})
#: The fields ``--write`` follows a permanent redirect in.
_FOLLOWED = frozenset({"url", "links", "translations"})


@dataclass
class Finding:
    """One value of a YAML file that holds a broken or redirected address."""

    file: YamlFile
    place: Place
    result: LinkResult
    #: What ``--write`` did or would do, or why it does not.
    action: str = ""
    #: Whether the value still needs a person's (or ``--write``'s) attention.
    open: bool = True
    #: The edit that repairs it, if one can.
    edit: Edit | None = None


@dataclass
class Report:
    """What ``linkrot`` found, and what it wrote."""

    findings: list[Finding] = field(default_factory=list)
    #: The results found in no YAML value: links of the pages themselves.
    elsewhere: list[LinkResult] = field(default_factory=list)
    #: Files that could not be written, and why.
    unwritten: list[str] = field(default_factory=list)

    @property
    def problems(self) -> bool:
        """Whether a broken or redirected address remains in the YAML."""
        return any(finding.open for finding in self.findings)


def _key(uri: str) -> str:
    """The form two addresses are compared in: as a link's target."""
    try:
        return uri_from_iri(uri.strip())
    except (ValueError, UnicodeError):
        return uri.strip()


def _derived(place: Place) -> str | None:
    """The address a card builds from an identifier, if it is one."""
    try:
        if place.field == "doi":
            return doi_url(place.value.strip())
        if place.field == "arxiv":
            return arxiv_url(place.value.strip())
    except (ValueError, UnicodeError):
        return None
    return None


#: What may follow an address that a text mentions: nothing that could
#: continue it (``/gone`` is not mentioned by ``/gone-too``).
_AFTER = r"""(?=$|[\s<>"'`)\]}]|[.,;:!?](?:\s|$))"""
#: A run of text that may be an address, with what follows it.
_CANDIDATE = re.compile(r"""[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>"'`]+""")
_TRAILING = frozenset(")]}.,;:!?")
#: The most closing punctuation tried off the end of a run: bounds the work
#: that a run of ")))..." can make.
_MOST_TRAILING = 16


def _mentions(text: str, uris: Collection[str]) -> set[str]:
    """The ``uris`` that ``text`` mentions, each a whole address.

    Each run that looks like an address is tried whole and without each
    run of closing punctuation at its end, so a long text is read once,
    however many addresses are looked for.
    """
    found: set[str] = set()
    longest = max(map(len, uris), default=0)
    for match in _CANDIDATE.finditer(text):
        run = match.group()
        if len(run) > longest + _MOST_TRAILING:
            continue  # longer than any address looked for, and what may end it
        for end in range(len(run), max(0, len(run) - _MOST_TRAILING), -1):
            if end < len(run) and run[end] not in _TRAILING:
                break
            if run[:end] in uris and re.match(
                re.escape(run[:end]) + _AFTER, text[match.start() :]
            ):
                found.add(run[:end])
    return found


def _in_text(file: YamlFile, place: Place, uri: str) -> Place:
    """The place, at the line of the text that mentions the address.

    A folded or plain scalar joins its lines with spaces, so it spans at most
    a line per space and line break, after the line of its key.
    """
    lines = file.lines()
    start = place.line - 1
    span = place.value.count(" ") + place.value.count("\n") + 2
    mention = re.compile(re.escape(uri) + _AFTER)
    for number in range(start, min(len(lines), start + span)):
        if mention.search(lines[number]):
            return replace(place, line=number + 1)
    return place


def find(results: Sequence[LinkResult], files: Sequence[YamlFile]) -> Report:
    """Map each result to the YAML values that hold its address."""
    report = Report()
    whole: dict[str, list[tuple[YamlFile, Place]]] = {}
    mentioned: dict[str, list[tuple[YamlFile, Place]]] = {}
    uris = {result.uri for result in results}
    for file in files:
        for place in file.places:
            if place.field in _WHOLE or (
                place.field == "defaults" and place.path[-1] in ("url", "archive")
            ):
                whole.setdefault(_key(place.value), []).append((file, place))
            elif (derived := _derived(place)) is not None:
                whole.setdefault(_key(derived), []).append((file, place))
            else:
                for uri in _mentions(place.value, uris):
                    pair = (file, _in_text(file, place, uri))
                    mentioned.setdefault(uri, []).append(pair)
    seen: set[tuple[Any, ...]] = set()
    for result in results:
        held = whole.get(_key(result.uri), []) + mentioned.get(result.uri, [])
        if not held:
            report.elsewhere.append(result)
        for file, place in held:
            # an address broken on several pages is one finding per value
            key = (file.display, place.path, place.line, result.uri, result.status)
            if key not in seen:
                seen.add(key)
                report.findings.append(Finding(file, place, result))
    report.findings.sort(key=lambda f: (f.file.display, f.place.line, f.result.uri))
    return report


def plan(report: Report) -> None:
    """Decide, for each finding, what ``--write`` does with it."""
    for finding in report.findings:
        if finding.result.status == BROKEN:
            _plan_broken(finding)
        else:
            _plan_redirect(finding)


#: Why a value that others share is not written.
_SHARED = (
    "not written: the value is shared through an anchor (&) with an alias (*) "
    "or a merge (<<); edit it by hand"
)


def _plan_broken(finding: Finding) -> None:
    place = finding.place
    if place.field != "url" or place.entry_key != "url":
        finding.action = _by_hand(place.field, broken=True)
        return
    if (place.entry_status or "").strip() == "dead":
        finding.open = False
        finding.action = "already marked dead"
        return
    if place.shared:
        finding.action = _SHARED
        return
    if url_scheme(place.value) not in ("http", "https"):
        # a file of the project, most likely moved: no archive has it
        finding.action = "not a web address; correct it by hand"
        return
    archive = None
    if not place.entry_archive:
        archive = WAYBACK + place.value.strip()
        if unsafe_url_reason(archive, DEFAULT_SCHEMES) is not None:
            finding.action = "not written: the address cannot be archived as written"
            return
    finding.edit = Edit(place, status="dead", archive=archive)
    finding.action = "status: dead" + (f", archive: {archive}" if archive else "")


def _by_hand(field_: str, *, broken: bool) -> str:
    """Why a value is reported and not written, and what to do."""
    if field_ == "links" and broken:
        # a link has no status or archive; dropping it would lose its title,
        # which may name a replacement
        return "a broken extra link; replace or remove it by hand"
    if field_ in ("doi", "arxiv"):
        return f"the address of the {field_}; check the {field_} by hand"
    if field_ == "text":
        return "in the text; edit it by hand"
    return f"in {field_}; edit it by hand"


def new_address(result: LinkResult) -> tuple[str | None, str]:
    """The address a redirect leads to, with the fragment of the old one,
    or None and why it is not to be written."""
    new = result.info.strip()
    if url_scheme(new) not in ("http", "https"):
        return None, "the new address is not an http or https address"
    if (reason := unsafe_url_reason(new, DEFAULT_SCHEMES)) is not None:
        return None, f"the new address cannot be linked: {reason}"
    if not new.isprintable():
        return None, "the new address holds invisible or control characters"
    if url_scheme(result.uri) == "https" and url_scheme(new) == "http":
        return None, "the new address is http, the old one https"
    fragment = result.uri.partition("#")[2]
    # linkcheck requests the address without its fragment, so the new one
    # has lost it
    if fragment and "#" not in new:
        new = f"{new}#{fragment}"
    return new, ""


def _plan_redirect(finding: Finding) -> None:
    place, result = finding.place, finding.result
    if not result.permanent:
        finding.action = "a temporary redirect; not rewritten"
        return
    if place.field not in _FOLLOWED or (
        place.field == "url" and place.entry_key != "url"
    ):
        finding.action = _by_hand(place.field, broken=False)
        return
    new, reason = new_address(result)
    if new is None:
        finding.action = f"not rewritten: {reason}"
        return
    if place.shared:
        finding.action = _SHARED
        return
    finding.edit = Edit(place, new_value=new)
    finding.action = f"new address: {new}"


def apply(report: Report) -> None:
    """Write the planned edits, file by file (see :func:`.write_edits`)."""
    by_file: dict[int, list[Finding]] = {}
    for finding in report.findings:
        if finding.edit is not None:
            by_file.setdefault(id(finding.file), []).append(finding)
    for findings in by_file.values():
        file = findings[0].file
        edits = {id(f.edit.place): f.edit for f in findings if f.edit is not None}
        outcome = write_edits(file, list(edits.values()))
        if outcome.file_reason is not None:
            report.unwritten.append(
                f"{_printable(file.display)}: not written: {outcome.file_reason}"
            )
            continue
        for finding in findings:
            assert finding.edit is not None
            edit = edits[id(finding.edit.place)]
            if (reason := outcome.refused.get(id(edit))) is not None:
                finding.action, finding.edit = f"not written: {reason}", None
            else:
                finding.open = False


def _printable(text: str, limit: int = 300) -> str:
    """An untrusted text as a report line may show it: one line, control and
    invisible characters escaped, cut if long."""
    cut = text if len(text) <= limit else text[: limit - 3] + "..."
    return cut if cut.isprintable() else repr(cut)


def _status(result: LinkResult) -> str:
    if result.status == BROKEN:
        return "broken"
    words = REDIRECT_WORDS.get(result.code, "with unknown code")
    return f"redirected {words} ({result.code})"


def _detail(result: LinkResult) -> str:
    if result.status == BROKEN:
        return f": {_printable(result.info, 200)}" if result.info else ""
    return f" to {_printable(result.info)}"


def lines(report: Report, *, write: bool) -> list[str]:
    """The report, a line for each finding, then the addresses found in no
    YAML file."""
    out: list[str] = []
    for finding in report.findings:
        result, place = finding.result, finding.place
        action = finding.action
        if finding.edit is not None and not write:
            action = f"--write would write {action}"
        elif finding.edit is not None and finding.open:
            action = "not written (see below)"
        out.append(
            f"{_printable(finding.file.display)}:{place.line}: {_status(result)} "
            f"{_printable(result.uri)}{_detail(result)} [{place.field}]"
            + (f"; {action}" if action else "")
        )
    out.extend(report.unwritten)
    if report.elsewhere:
        out.append("Not in the YAML files (links of the pages, or repaired already):")
        for result in sorted(
            report.elsewhere, key=lambda r: (r.page, r.line, r.uri, r.info)
        ):
            where = f"{_printable(result.page)}:{result.line}" if result.page else "?"
            out.append(
                f"{where}: {_status(result)} {_printable(result.uri)}{_detail(result)}"
            )
    return out


def run(
    results: Sequence[LinkResult],
    files: Sequence[YamlFile],
    *,
    write: bool,
    echo: Callable[[str], Any] = print,
) -> Report:
    """Find, plan, write if asked, and report; return the report."""
    report = find(results, files)
    plan(report)
    if write:
        apply(report)
    for line in lines(report, write=write):
        echo(line)
    return report
