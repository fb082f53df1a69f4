"""The data files of a directive's argument: paths, quoted paths and glob patterns.

``.. readinglist:: papers.yaml books.yaml`` merges two files, in that order;
``data/*.yaml`` the files a pattern matches, sorted. Each file is checked as a
single one always was (inside the source directory, a file, present), read
once however many times it is named, and noted as a dependency of the page.
A pattern is noted in the domain with what it matched, so that a build in
which it matches other files re-reads the page (:func:`changed_globs`):
Sphinx's dependencies are files, and a new file is none of them yet.
"""

from __future__ import annotations

import glob
import os
import re
import shlex
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sphinx.util.matching import Matcher

from ..data.messages import shown
from ..warnings_ import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..domain import ReadingListDomain

#: The most files one pattern may match; more is surely a mistake (``/**``).
MAX_MATCHES = 1_000

_MAGIC = re.compile(r"[*?[]")

Warn = Callable[[str, Subtype], None]


def is_pattern(word: str) -> bool:
    """Whether ``word`` is a glob pattern (``*``, ``?``, ``[...]``, ``**``)."""
    return _MAGIC.search(word) is not None


def split_argument(argument: str) -> list[str]:
    """The paths and patterns of an argument, separated by spaces.

    A path that holds spaces is quoted, ``"my list.yaml"`` or ``'my list.yaml'``;
    backslashes are kept as written.

    :raises ValueError: for a quote that is not closed.
    """
    lexer = shlex.shlex(argument, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    lexer.escape = ""
    return list(lexer)


def matches(folder: Path, pattern: str) -> tuple[str, ...]:
    """What ``pattern`` matches under ``folder``, sorted, at most one more than
    :data:`MAX_MATCHES`.

    Hidden files and folders (``.name``) match no wildcard, as in a shell.
    """
    found = []
    # glob, not Path.glob: it takes '..' and leaves hidden names out
    for match in glob.iglob(pattern, root_dir=folder, recursive=True):  # noqa: PTH207
        found.append(match)
        if len(found) > MAX_MATCHES:
            break
    return tuple(sorted(found, key=lambda m: PurePosixPath(m).parts))


def _is_file(path: str) -> bool:
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False


@dataclass(frozen=True)
class DataFile:
    """A data file to read, as the page named it."""

    #: the path as written, or as a pattern matched it (then ``pattern`` is set)
    named: str
    path: Path
    #: the path that problems are located at
    display: str
    pattern: str | None = None


class DataFiles:
    """The files of one directive's argument, checked, in order, each once."""

    def __init__(
        self,
        env: BuildEnvironment,
        warn: Warn,
        *,
        allow_outside_srcdir: bool,
        exclude_patterns: Iterable[str],
    ) -> None:
        self.env = env
        self.warn = warn
        self.allow_outside_srcdir = allow_outside_srcdir
        self.exclude_patterns = list(exclude_patterns)
        self.srcdir = Path(env.srcdir).resolve()

    @property
    def domain(self) -> ReadingListDomain:
        return self.env.get_domain("readinglist")  # type: ignore[return-value]

    def resolve(self, argument: str) -> list[DataFile]:
        """The files of ``argument``, warning about each that cannot be read."""
        words = self._words(argument)
        files: list[DataFile] = []
        seen: set[Path] = set()
        for word in words:
            try:
                named = self._files(word, several=len(words) > 1)
            except (OSError, ValueError) as exc:  # a name too long, a NUL byte
                reason = getattr(exc, "strerror", None) or str(exc)
                self.warn(
                    f"the data file {shown(word)} cannot be read ({reason}); "
                    "give the path of a YAML file of the documentation",
                    Subtype.FILE,
                )
                continue
            for found in named:
                # a file named twice, or by a path and a pattern, is read once
                real = found.path.resolve()
                if real not in seen:
                    seen.add(real)
                    files.append(found)
        return files

    def _words(self, argument: str) -> list[str]:
        argument = argument.strip()
        if not re.search(r"\s", argument):
            return [argument]
        # a path with spaces, unquoted, worked when the argument was one path
        if not argument.startswith(("'", '"')) and _is_file(
            self.env.relfn2path(argument)[1]
        ):
            return [argument]
        try:
            return split_argument(argument)
        except ValueError:
            self.warn(
                f"the argument {shown(argument)} has a quote that is not "
                "closed; quote a path that holds spaces, as in "
                "'.. readinglist:: \"my list.yaml\" books.yaml'",
                Subtype.FILE,
            )
            return []

    def _files(self, word: str, *, several: bool) -> list[DataFile]:
        absolute = self.env.relfn2path(word)[1]
        if _is_file(absolute) or not is_pattern(word):
            found = self._checked(word, several=several)
            return [found] if found else []
        return self._expanded(word)

    def _checked(
        self, word: str, *, several: bool = False, pattern: str | None = None
    ) -> DataFile | None:
        """The file ``word`` names, or None (warned)."""
        relative, absolute = self.env.relfn2path(word)
        path = Path(absolute)
        # a missing file is still a dependency: creating it rebuilds the page
        self.env.note_dependency(absolute)
        how = f" (matched by {shown(pattern)})" if pattern else ""
        if not self.allow_outside_srcdir and not path.resolve().is_relative_to(
            self.srcdir
        ):
            self.warn(
                f"the data file {word!r}{how} is outside the source directory "
                "and is not read; move it into the documentation, or set "
                "readinglist_allow_outside_srcdir = True",
                Subtype.UNSAFE,
            )
            return None
        if path.is_dir():
            self.warn(
                f"the data file {word!r} is a directory; give the path of a "
                "YAML file inside it, or a pattern such as "
                f"{shown(word.rstrip('/') + '/*.yaml')}",
                Subtype.FILE,
            )
            return None
        if not path.is_file():
            quote = (
                '; quote a path that holds spaces, as in "my list.yaml"'
                if several
                else ""
            )
            self.warn(
                f"data file {word!r} not found (looked for {relative}); the "
                "path is relative to this document, or to the source directory "
                f"when it starts with '/'{quote}",
                Subtype.FILE,
            )
            return None
        return DataFile(word, path, os.fspath(absolute), pattern)

    def _expanded(self, pattern: str) -> list[DataFile]:
        """The files ``pattern`` matches, sorted, each checked."""
        at_root = pattern.startswith("/")
        folder = self.srcdir if at_root else Path(self.env.relfn2path(".")[1])
        relative_pattern = pattern.lstrip("/")
        # the folders before the first wildcard: a pattern that starts
        # outside is refused once, not for each file it would match
        fixed = PurePosixPath(relative_pattern).parts
        start = next((i for i, part in enumerate(fixed) if is_pattern(part)), 0)
        base = folder.joinpath(*fixed[:start]).resolve()
        if not self.allow_outside_srcdir and not base.is_relative_to(self.srcdir):
            self.warn(
                f"the pattern {shown(pattern)} looks outside the source "
                "directory, and no file is read; move the data into the "
                "documentation, or set readinglist_allow_outside_srcdir = True",
                Subtype.UNSAFE,
            )
            return []
        found = matches(folder, relative_pattern)
        self.domain.page(self.env.docname).globs[
            (os.fspath(folder), relative_pattern)
        ] = found
        if len(found) > MAX_MATCHES:
            self.warn(
                f"the pattern {shown(pattern)} matches more than "
                f"{MAX_MATCHES:,} files, and none is read; narrow it, such as "
                "'data/*.yaml'",
                Subtype.FILE,
            )
            return []
        files = []
        refused = 0
        for match in found:
            path = folder / match
            # folders, and what the documentation leaves out, are no data
            if path.is_dir() or self._excluded(path):
                continue
            word = ("/" if at_root else "") + match
            checked = self._checked(word, pattern=pattern)
            if checked is None:
                refused += 1
            else:
                files.append(checked)
        if not files and not refused:
            where = "the source directory" if at_root else "this document's folder"
            self.warn(
                f"the pattern {shown(pattern)} matches no data file (it is "
                f"relative to {where}); check the pattern, or add a file that "
                "it matches",
                Subtype.FILE,
            )
        return files

    def _excluded(self, path: Path) -> bool:
        """Whether a match lies where Sphinx reads no sources, or writes output."""
        real = path.resolve()
        for built in (
            self.env.doctreedir,
            getattr(self.env, "_readinglist_outdir", None),
        ):
            if built and real.is_relative_to(Path(built).resolve()):
                return True
        try:
            # the folders resolved as the source directory is, the name as found
            relative = (path.parent.resolve() / path.name).relative_to(self.srcdir)
        except ValueError:
            return False  # outside: refused by the check that follows
        excluded = Matcher(self.exclude_patterns)
        parts = relative.as_posix().split("/")
        return any(excluded("/".join(parts[: i + 1])) for i in range(len(parts)))


def changed_globs(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """The pages whose patterns match other files than when they were read."""
    domain: ReadingListDomain = env.get_domain("readinglist")  # type: ignore[assignment]
    outdated = []
    for docname, page in domain.pages.items():
        if docname in changed or docname in removed:
            continue
        for (folder, pattern), found in page.globs.items():
            if matches(Path(folder), pattern) != found:
                outdated.append(docname)
                break
    return outdated


def _note_output(app: Sphinx) -> None:
    """Note where the build writes, and what it copies there, for this build."""
    env = app.env
    # the output folder, which a pattern such as '**/*.yaml' must not read
    env._readinglist_outdir = os.fspath(app.outdir)  # type: ignore[attr-defined]
    confdir = Path(app.confdir)
    copied = [(os.fspath(confdir / p), "") for p in app.config.html_extra_path]
    copied += [(os.fspath(confdir / p), "_static") for p in app.config.html_static_path]
    env._readinglist_copied = copied  # type: ignore[attr-defined]


def copied_by_the_build(env: BuildEnvironment, target: str) -> bool:
    """Whether ``target``, a path of the built site, is a file that Sphinx
    copies there from ``html_extra_path`` or ``html_static_path``."""
    try:
        return _copied(env, target)
    except (OSError, ValueError):  # a name too long for the system
        return False


def _copied(env: BuildEnvironment, target: str) -> bool:
    for root, prefix in getattr(env, "_readinglist_copied", ()):
        if prefix:
            head, _slash, rest = target.partition("/")
            if head != prefix or not rest:
                continue
        else:
            rest = target
        source = Path(root)
        # a static path may name a file, copied into _static under its name
        if source.is_file():
            if rest == source.name:
                return True
            continue
        candidate = (source / rest).resolve()
        if candidate.is_relative_to(source.resolve()) and candidate.is_file():
            return True
    return False


def setup_data_files(app: Sphinx) -> None:
    """Re-read a page whose patterns match other files than before."""
    app.connect("builder-inited", _note_output)
    app.connect("env-get-outdated", changed_globs)
