"""``sphinx-readinglist check``: the problems a build would report, without one.

Each file is read by the loader a build uses (:func:`.data.loader.load_file`),
the markup of each ``description`` and ``abstract`` is parsed in the sandbox
the directive uses (:func:`.text.parse.parse_text`), and ids and addresses
are compared across the files by the functions the domain calls
(:mod:`.data.duplicates`): so the messages are the build's, word for word.
With a project of the user's, local images and relative addresses are
checked too; what depends on the page that shows a file (card anchors, the
page's default role) is left to the build.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..data.addresses import page_problems
from ..data.duplicates import duplicate_ids, duplicate_urls, entries_of, urls_of
from ..data.loader import load_file
from ..data.messages import describe, shown
from ..data.model import Location, Problem, ReadingList
from ..warnings_ import WARNING_TYPE, Subtype

if TYPE_CHECKING:
    from .project import Project

#: The names of data files in a folder.
SUFFIXES = (".yaml", ".yml")
#: Folders never searched: Sphinx's output, besides hidden folders.
SKIPPED_FOLDERS = frozenset({"_build"})
#: A run shows its progress when it reads more files, or parses more texts.
PROGRESS_FILES = 50
PROGRESS_TEXTS = 2_000


class PathError(Exception):
    """A path of the command line that names nothing."""


@dataclass(frozen=True)
class DataFile:
    """A file to check: where it is, and how messages name it."""

    path: Path
    display: str


@dataclass
class Checked:
    """The outcome of a check: the problems, sorted, and what was read."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    entries: int = 0
    #: the files read (not those refused), in order: what ``export`` writes
    lists: list[ReadingList] = field(default_factory=list)


def data_files(paths: Sequence[Path]) -> tuple[list[DataFile], list[Problem]]:
    """The YAML files of ``paths``, in order, each once; and those refused.

    A folder is searched recursively for ``*.yaml`` and ``*.yml``, sorted,
    leaving out hidden files and folders and ``_build``. A file found there
    that is a link leading out of the folder is refused, as a build refuses
    a data file outside its source directory.

    :raises PathError: if a path names nothing.
    """
    files: list[DataFile] = []
    refused: list[Problem] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            files.append(DataFile(path, str(path)))

    for given in paths:
        try:
            missing = not given.exists()
        except (OSError, ValueError) as exc:  # a name too long for the system
            reason = getattr(exc, "strerror", None) or str(exc)
            raise PathError(f"{str(given)[:80]!r}: {reason}") from None
        if missing:
            what = "a link to nothing" if given.is_symlink() else "no such file"
            raise PathError(f"{str(given)!r}: {what}; give a YAML file or a folder")
        if not given.is_dir():
            add(given)
            continue
        folder = given.resolve()
        # a file and a link to it are one file, named by the file
        for path in sorted(_search(given), key=Path.is_symlink):
            if path.resolve().is_relative_to(folder):
                add(path)
                continue
            refused.append(
                Problem(
                    Location(str(path), 1),
                    f"the file is a link to {shown(str(path.resolve()))}, outside "
                    f"the folder {shown(str(given))}, and is not read; give "
                    "the file's own path, or copy it into the folder",
                    Subtype.UNSAFE.value,
                )
            )
    return files, refused


def _search(folder: Path) -> list[Path]:
    found: list[Path] = []
    # os.walk does not follow links to folders: a link cannot loop, nor lead
    # out of the folder unseen
    for root, folders, names in os.walk(folder):
        folders[:] = [
            name
            for name in folders
            if not name.startswith(".") and name not in SKIPPED_FOLDERS
        ]
        found.extend(
            Path(root) / name
            for name in names
            if name.endswith(SUFFIXES) and not name.startswith(".")
        )
    return sorted(found, key=lambda path: path.relative_to(folder).parts)


def check(
    files: Sequence[DataFile],
    project: Project,
    *,
    progress: Progress | None = None,
) -> Checked:
    """Check ``files`` as a build of ``project`` that shows all of them would,
    leaving out what its ``suppress_warnings`` silences.

    A relative ``url`` and a local ``image`` are checked only in a project of
    the user's.

    :return: every problem, in the order of file, line and message.
    """
    from ..text.parse import parse_text

    config = project.config
    found: set[Problem] = set(project.problems)
    lists: list[ReadingList] = []
    read: list[tuple[DataFile, ReadingList]] = []
    progress = progress or Progress(None)
    with progress.stage("reading", len(files), PROGRESS_FILES) as step:
        for file in files:
            refusal = _refusal(file, project)
            if refusal is not None:
                found.add(refusal)
            else:
                reading_list = load_file(
                    file.path,
                    file.display,
                    markup=config.markup,
                    limits=config.limits,
                )
                found.update(reading_list.problems)
                lists.append(reading_list)
                read.append((file, reading_list))
            step()
    texts = [
        (resource, name, text)
        for reading_list in lists
        for resource in reading_list.resources
        for name in ("description", "abstract")
        if (text := getattr(resource, name)) is not None
    ]
    with (
        _reading_a_page(project),
        progress.stage("parsing markup", len(texts), PROGRESS_TEXTS) as step,
    ):
        for resource, name, text in texts:
            _parsed, problems = parse_text(
                text,
                label=f"{name} of entry {describe(resource.title)}",
                env=project.env,
                settings=project.settings,
                trusted=config.trust_markup,
                schemes=config.url_schemes,
            )
            found.update(problems)
            step()
    if project.given:
        found.update(_project_problems(read, project))
    sources = {rl.path: _Source(rl.path, entries_of(rl), urls_of(rl)) for rl in lists}
    found.update(duplicate_ids(sources, sources))
    found.update(duplicate_urls(sources, sources))
    return Checked(
        problems=all_problems([found], project),
        files=len(files),
        entries=sum(len(rl.resources) for rl in lists),
        lists=lists,
    )


def _refusal(file: DataFile, project: Project) -> Problem | None:
    """Why a build would not read ``file``, or None."""
    if not file.path.is_file():
        return Problem(
            Location(file.display, 1),
            "the path is not a regular file and is not read; give the path "
            "of a YAML file",
            Subtype.FILE.value,
        )
    if not project.given or project.config.allow_outside_srcdir:
        return None
    if file.path.resolve().is_relative_to(project.srcdir.resolve()):
        return None
    return Problem(
        Location(file.display, 1),
        "the data file is outside the source directory of the project "
        f"({shown(str(project.confdir))}), so a build does not read it; move it "
        "into the documentation, or set readinglist_allow_outside_srcdir = True",
        Subtype.UNSAFE.value,
    )


def _project_problems(
    read: Iterable[tuple[DataFile, ReadingList]], project: Project
) -> Iterator[Problem]:
    """A local ``image`` that is not shown, and a relative ``url`` that names
    no page of the project, as a page in the folder of its data file would
    follow it.

    A build checks the ``url`` at each page that shows the file; the check
    takes the most common case, a page beside its data.
    """
    from ..cards.data_files import copied_by_the_build
    from ..cards.local_images import local_image

    app = project.app
    app.env.find_files(app.config, app.builder)
    srcdir = project.srcdir.resolve()
    copied = partial(copied_by_the_build, app.env)
    for file, reading_list in read:
        for resource in reading_list.resources:
            image = local_image(
                resource,
                srcdir=srcdir,
                doctreedir=Path(app.doctreedir),
                exclude_patterns=app.config.exclude_patterns,
                allow_svg=project.config.trust_markup,
            )
            if image.problem is not None:
                yield image.problem
        path = file.path.resolve()
        if not path.is_relative_to(srcdir):
            continue
        page = path.relative_to(srcdir).with_suffix("").as_posix()
        yield from page_problems(
            reading_list.resources,
            page,
            app.env.found_docs,
            suffix=app.config.html_file_suffix or ".html",
            copied=copied,
        )


@dataclass
class _Source:
    path: str
    entries: dict[str, tuple[str, int]]
    urls: list[tuple[str, str, str, int]]


@contextmanager
def _reading_a_page(project: Project) -> Iterator[None]:
    """What Sphinx sets up while it reads a page: the domains' roles and
    directives, and the project's default role."""
    from sphinx.util.docutils import sphinx_domains
    from sphinx.util.rst import default_role

    config = project.app.config
    with (
        sphinx_domains(project.env),
        default_role(config.root_doc, config.default_role),
    ):
        yield


class Progress:
    """A count on a terminal, for long runs; nothing anywhere else."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream if stream is not None and _is_terminal(stream) else None

    def stage(self, what: str, total: int, worth: int) -> _Stage:
        """A stage of ``total`` steps, shown if it has at least ``worth``."""
        shown_on = self.stream if total >= worth else None
        return _Stage(shown_on, what, total)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a real stream
        return False


class _Stage:
    def __init__(self, stream: TextIO | None, what: str, total: int) -> None:
        self.stream = stream
        self.what = what
        self.total = total
        self.done = 0
        # at most about a hundred updates, however long the stage
        self.every = max(1, total // 100)

    def __enter__(self) -> Callable[[], None]:
        return self.step

    def step(self) -> None:
        self.done += 1
        if self.stream is not None and (
            self.done % self.every == 0 or self.done == self.total
        ):
            self.stream.write(f"\r{self.what}: {self.done:,}/{self.total:,}")
            self.stream.flush()

    def __exit__(self, *exc: object) -> None:
        if self.stream is not None and self.done:
            self.stream.write("\n")
            self.stream.flush()


def default_progress() -> Progress:
    """Progress on standard error, when it is a terminal."""
    return Progress(sys.stderr)


def all_problems(
    groups: Iterable[Iterable[Problem]], project: Project | None = None
) -> list[Problem]:
    """The problems of ``groups``, each once, sorted by file, line and
    message, less those the project's ``suppress_warnings`` silences."""
    found = {p for group in groups for p in group}
    if project is not None:
        from sphinx.util.logging import is_suppressed_warning

        suppress = project.app.config.suppress_warnings
        found = {
            p
            for p in found
            if not is_suppressed_warning(WARNING_TYPE, p.subtype, suppress)
        }
    return sorted(found, key=Problem.sort_key)
