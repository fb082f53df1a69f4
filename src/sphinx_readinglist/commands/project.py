"""A project's ``readinglist_*`` settings and markup environment, without a build.

``sphinx-readinglist check --conf DIR`` must judge the data as a build of
that project would: with its kinds, limits, URL schemes and trust, and with
the roles, directives and MyST settings its extensions bring. So it makes a
Sphinx application on the project, which runs ``conf.py`` and checks the
settings (:func:`.config.check_config`), and never calls ``build``. Without
a ``conf.py``, the application runs on an empty project with the defaults.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import ReadingListConfig
from ..data.model import Location, Problem
from ..warnings_ import WARNING_TYPE

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The conf.py of the project made when none is given.
DEFAULT_CONF = 'extensions = ["sphinx_readinglist"]\n'


class ProjectError(Exception):
    """The project cannot be opened: no conf.py, or one that fails."""


@dataclass
class Project:
    """A Sphinx application on a project, made without building."""

    app: Sphinx
    #: the checked settings, as the directive uses them
    config: ReadingListConfig
    #: the docutils settings of a page of the project
    settings: Any
    #: the readinglist warnings of conf.py (a bad value, and its default used)
    problems: list[Problem] = field(default_factory=list)
    #: the folder of the user's ``conf.py`` as given (``--conf``), or None
    confdir: Path | None = None

    @property
    def given(self) -> bool:
        """Whether this is a project of the user's, not the default one."""
        return self.confdir is not None

    @property
    def env(self) -> BuildEnvironment:
        return self.app.env

    @property
    def srcdir(self) -> Path:
        return Path(self.app.srcdir)


class _Records:
    """A warning stream that keeps each record Sphinx writes to it."""

    encoding = "utf-8"

    def __init__(self) -> None:
        self.records: list[str] = []

    def write(self, text: str) -> int:
        # Sphinx's warning handler writes each record with one call
        self.records.append(text)
        return len(text)

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False


_COLOURS = re.compile(r"\x1b\[[0-9;]*m")
_OURS = re.compile(
    rf"^(?:.*?: )?WARNING: (?P<message>.*) \[{WARNING_TYPE}\.(?P<subtype>\w+)\]\s*\Z",
    re.DOTALL,
)
_SETTING = re.compile(r"\breadinglist_\w+")


def _config_problems(records: list[str], conf: Path | None) -> list[Problem]:
    """The readinglist warnings written while the application was made.

    Each is located at the line of ``conf.py`` that sets the value it names,
    or at line 1.
    """
    source = ""
    if conf is not None:
        try:
            source = conf.read_text(encoding="utf-8", errors="replace")
        except OSError:
            source = ""
    problems = []
    for record in records:
        match = _OURS.match(_COLOURS.sub("", record))
        if match is None:
            continue
        message = match["message"]
        line = 1
        name = _SETTING.search(message)
        if name is not None and source:
            assigned = re.search(
                rf"^[ \t]*{re.escape(name.group())}\b\s*(?::[^=\n]*)?=",
                source,
                re.MULTILINE,
            )
            if assigned is not None:
                line = source.count("\n", 0, assigned.start()) + 1
        path = str(conf) if conf is not None else "conf.py"
        problems.append(Problem(Location(path, line), message, match["subtype"]))
    return problems


@contextmanager
def opened(confdir: Path | None) -> Iterator[Project]:
    """The project of ``confdir/conf.py``, or a default one, for the block.

    :param confdir: the folder of the project's ``conf.py``, which is also
        taken as its source folder; None for the defaults.
    :raises ProjectError: if ``conf.py`` is missing, fails, or does not load
        sphinx-readinglist.
    """
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser as RSTParser
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    conf = None
    if confdir is not None:
        conf = confdir / "conf.py"
        if not conf.is_file():
            raise ProjectError(f"no conf.py in {str(confdir)!r}")
    with ExitStack() as stack:
        temporary = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        srcdir = confdir
        if srcdir is None:
            srcdir = temporary / "project"
            srcdir.mkdir()
            (srcdir / "conf.py").write_text(DEFAULT_CONF, encoding="utf-8")
        # as sphinx-build does: docutils' registries are put back afterwards
        stack.enter_context(patch_docutils(srcdir))
        stack.enter_context(docutils_namespace())
        records = _Records()
        try:
            app = Sphinx(
                srcdir=srcdir,
                confdir=srcdir,
                outdir=temporary / "out",
                doctreedir=temporary / "doctrees",
                buildername="dummy",
                # Sphinx 7.4 prints the [type.subtype] tag only when asked
                confoverrides={"show_warning_types": True},
                status=None,
                warning=records,  # type: ignore[arg-type]  # writes are enough
                freshenv=True,
            )
        except Exception as exc:  # conf.py is the project's code: any error
            raise ProjectError(
                f"the Sphinx project of {str(conf)!r} cannot be opened: {exc}"
            ) from exc
        if "sphinx_readinglist" not in app.extensions:
            raise ProjectError(
                f"{str(conf)!r} does not load sphinx_readinglist; add it to "
                "'extensions', or give the conf.py of the project that shows "
                "the reading lists"
            )
        env = app.env
        env.prepare_settings(app.config.root_doc)
        settings = get_default_settings(RSTParser)
        for key, value in env.settings.items():
            setattr(settings, key, value)
        settings.env = env
        yield Project(
            app=app,
            config=ReadingListConfig.from_sphinx(app.config),
            settings=settings,
            problems=_config_problems(records.records, conf),
            confdir=confdir,
        )


__all__ = ["DEFAULT_CONF", "Project", "ProjectError", "opened"]
