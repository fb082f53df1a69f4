"""``import`` and ``export``: other formats to reading-list YAML, and back.

The command line's two conversions, without argparse or Sphinx: read the
source within the loader's limits, run the format's importer or exporter
(:mod:`.formats`), and check what the import wrote as a build would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..data.loader import load_text
from ..data.model import Limits, Location, Problem, Resource
from ..formats import exporter, importer
from ..formats.common import to_yaml
from ..warnings_ import Subtype
from .check import DataFile, PathError, check, data_files
from .check_output import as_text, visible

if TYPE_CHECKING:
    from .project import Project

#: Byte order marks, longest first, and the encoding each announces.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


class ConversionError(Exception):
    """A source or an output that cannot be used: the message says why and
    what to do."""


def read_source(path: Path, *, max_bytes: int) -> str:
    """The text of a file to import: UTF-8, or UTF-16/32 with a byte order
    mark; the mark is dropped.

    :raises ConversionError: the file is missing, a folder, larger than
        ``max_bytes`` or not in one of these encodings.
    """
    try:
        if path.is_dir():
            raise ConversionError(f"{path} is a folder; give the file to convert")
        with path.open("rb") as file:
            # no more than the limit, even if the file grows meanwhile
            raw = file.read(max_bytes + 1)
    except FileNotFoundError:
        raise ConversionError(f"{path}: no such file") from None
    except OSError as exc:
        raise ConversionError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise ConversionError(
            f"{path} is larger than {max_bytes:,} bytes; split it, or raise "
            "readinglist_max_bytes in conf.py and give --conf"
        )
    encoding = "utf-8"
    for bom, announced in _BOMS:
        if raw.startswith(bom):
            encoding, raw = announced, raw[len(bom) :]
            break
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConversionError(
            f"{path}:{line}: the file is not {encoding.upper()} (byte "
            f"0x{raw[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None


@dataclass
class Import:
    """The outcome of an import: the YAML, the importer's notes, and the
    problems that the YAML itself has (none, unless this is a bug)."""

    yaml: str
    entries: int
    notes: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: whether the YAML has problems under the default settings: a bug
    bug: bool = False


def convert_to_yaml(
    format_: str,
    text: str,
    source: str,
    *,
    output: str,
    limits: Limits | None = None,
) -> Import:
    """Import ``text`` and check the YAML made of it.

    :param format_: a format of :data:`.formats.IMPORTERS`.
    :param source: the source's name, as its notes and the YAML's header
        give it.
    :param output: the name the YAML's problems are reported under.
    :param limits: what the YAML is checked against (the project's kinds,
        URL schemes and sizes).
    """
    imported = importer(format_)(text, source)
    yaml_text = to_yaml(imported, source=Path(source).name)
    checked = load_text(yaml_text, output, limits=limits)
    # the importers keep to the default settings; a project's stricter ones
    # (fewer URL schemes, fewer tags) are the project's to apply
    by_default = checked
    if checked.problems and limits is not None and limits != Limits():
        by_default = load_text(yaml_text, output)
    return Import(
        yaml_text,
        len(imported.entries),
        sorted(imported.notes, key=Problem.sort_key),
        sorted(checked.problems, key=Problem.sort_key),
        bug=bool(by_default.problems),
    )


@dataclass
class Export:
    """The outcome of an export: the text written and the data's problems."""

    text: str
    resources: int
    problems: list[Problem] = field(default_factory=list)


def convert_from_yaml(
    format_: str,
    files: Sequence[DataFile],
    project: Project,
    *,
    title: str | None = None,
) -> Export:
    """Export the valid entries of ``files``, in order, to ``format_``.

    The problems are those ``check`` reports, a build's. Of entries that
    share an id across files, the first is exported (an id is a citation
    key in BibTeX and CSL-JSON, which must be unique), as the directive
    shows the first; the others are among the problems.
    """
    checked = check(files, project)
    resources: dict[str, Resource] = {}
    for reading_list in checked.lists:
        for resource in reading_list.resources:
            resources.setdefault(resource.id, resource)
    kept = list(resources.values())
    if title is None:
        text = exporter(format_)(kept)
    elif format_ == "markdown":  # only a Markdown list has a title of its own
        from ..formats.markdown_out import write as write_markdown

        text = write_markdown(kept, title=title)
    else:
        raise ConversionError(f"a {format_} export has no title; leave it out")
    return Export(text, len(resources), checked.problems)


def warning_line(problem: Problem) -> str:
    """``path:line: warning: message [readinglist.subtype]``, as ``check``
    prints it: no text of the data can forge another line."""
    return as_text([problem]).rstrip("\n")


def note_line(problem: Problem) -> str:
    """``path:line: note: message``: what an import could not carry over."""
    return f"{visible(problem.location.path)}:{problem.location.line}: note: " + (
        visible(problem.message)
    )


def nothing_found(source: str, format_: str) -> Problem:
    """The problem of a source in which the importer found no entry."""
    return Problem(
        Location(source, 1),
        f"no entry was found in it; is it a {format_} file? Nothing was written",
        Subtype.FILE.value,
    )


# -- the two subcommands -------------------------------------------------------


def run_import(
    format_: str,
    source: Path,
    output: Path | None,
    *,
    limits: Limits,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """``import FORMAT SOURCE [-o OUT]``: write the YAML, print the notes.

    The notes (what the YAML has no place for) are information: the status
    is 0 with notes. It is 1 when nothing was found to import, and when the
    YAML written has a problem, which is a bug.

    :raises ConversionError: the source cannot be read, or the output
        cannot be written.
    """
    name = str(source)
    if output is not None and _same_file(output, source):
        raise ConversionError(
            f"the output {output} is the source; give another file to -o"
        )
    text = read_source(source, max_bytes=limits.max_bytes)
    to_file = output is not None and str(output) != "-"
    written = str(output) if to_file else "<stdout>"
    try:
        result = convert_to_yaml(format_, text, name, output=written, limits=limits)
    except Exception as exc:  # a source must never end in a traceback
        raise ConversionError(_bug(exc, f"importing {name}")) from exc
    for note in result.notes:
        print(note_line(note), file=stderr)
    if not result.entries:
        print(warning_line(nothing_found(name, format_)), file=stderr)
        return 1
    _write(result.yaml, output, stdout)
    for problem in result.problems:
        print(warning_line(problem), file=stderr)
    if result.bug:
        print(
            f"the YAML written has {_count(len(result.problems), 'problem')}; "
            "this is a bug of sphinx-readinglist: please report it, with the "
            "source",
            file=stderr,
        )
    elif result.problems:
        print(
            f"the YAML written has {_count(len(result.problems), 'problem')} "
            "under the project's settings (--conf); fix the entries, or "
            "remove them",
            file=stderr,
        )
    return 1 if result.problems else 0


def run_export(
    format_: str,
    paths: Sequence[Path],
    output: Path | None,
    *,
    conf: Path | None,
    stdout: TextIO,
    stderr: TextIO,
    title: str | None = None,
) -> int:
    """``export FORMAT PATH... [-o OUT]``: write the valid entries, print the
    data's problems as ``check`` does; the status is 1 when there are any.

    :raises ConversionError: a path does not exist, the project of ``conf``
        cannot be opened, or the output cannot be written.
    """
    from .project import ProjectError, opened

    try:
        files, refused = data_files(paths)
    except PathError as exc:
        raise ConversionError(str(exc)) from None
    if not files and not refused:
        raise ConversionError(
            "no *.yaml or *.yml file in " + ", ".join(str(p) for p in paths)
        )
    if output is not None and any(_same_file(output, f.path) for f in files):
        raise ConversionError(
            f"the output {output} is one of the data files; give another file to -o"
        )
    try:
        with opened(conf) as project:
            try:
                result = convert_from_yaml(format_, files, project, title=title)
            except Exception as exc:  # checked data must never end in a traceback
                raise ConversionError(_bug(exc, f"exporting to {format_}")) from exc
    except ProjectError as exc:
        raise ConversionError(str(exc)) from None
    _write(result.text, output, stdout)
    problems = sorted({*result.problems, *refused}, key=Problem.sort_key)
    for problem in problems:
        print(warning_line(problem), file=stderr)
    return 1 if problems else 0


def _write(text: str, output: Path | None, stdout: TextIO) -> None:
    if output is None or str(output) == "-":
        stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise ConversionError(f"cannot write {output}: {exc.strerror or exc}") from None


def _same_file(output: Path, other: Path) -> bool:
    try:
        return output.exists() and output.samefile(other)
    except OSError:
        return False


def _bug(exc: Exception, doing: str) -> str:
    return (
        f"{doing} failed ({type(exc).__name__}: {visible(str(exc))}); this is "
        "a bug of sphinx-readinglist: please report it, with the file"
    )


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def import_limits(conf: Path | None) -> Limits:
    """The limits an import's YAML is checked against: the project's (its
    kinds, URL schemes and sizes), or the defaults."""
    if conf is None:
        return Limits()
    from .project import ProjectError, opened

    try:
        with opened(conf) as project:
            return project.config.limits
    except ProjectError as exc:
        raise ConversionError(str(exc)) from None
