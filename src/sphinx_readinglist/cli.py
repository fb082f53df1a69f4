"""The ``sphinx-readinglist`` command: check, import, export and repair reading lists.

One function per subcommand; each calls the data layer or a module beside
it (:mod:`.commands.check`, :mod:`.formats`, :mod:`.commands.linkrot`) and returns the exit
status: 0 when all is well, 1 when the data has problems, 2 on a usage
error (argparse exits with 2 itself for a malformed command line).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__

#: The exit statuses of every subcommand.
OK, PROBLEMS, USAGE = 0, 1, 2


class UsageError(Exception):
    """A command line that parses but cannot be carried out (a missing file...)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except UsageError as exc:
        parser.exit(USAGE, f"{parser.prog} {args.command}: error: {exc}\n")
    except KeyboardInterrupt:
        return 130
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-readinglist",
        description="Check, import, export and repair reading-list YAML files.",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", title="commands"
    )
    _add_check(commands)
    _add_import(commands)
    _add_export(commands)
    _add_linkrot(commands)
    return parser


def _conf_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--conf",
        metavar="DIR",
        type=Path,
        help="the folder of the Sphinx project's conf.py, whose readinglist_* "
        "settings apply (kinds, limits, URL schemes, markup...)",
    )


def _paths_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        type=Path,
        help="a YAML file, or a folder searched for *.yaml and *.yml files",
    )


def _output_option(parser: argparse.ArgumentParser, metavar: str, what: str) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=metavar,
        help=f"where to write {what} (default: standard output)",
    )


# check ---------------------------------------------------------------------


def _add_check(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "check",
        help="report the problems a Sphinx build would report for YAML files",
        description="Report the problems that a Sphinx build would report for "
        "these reading-list files, without building.",
    )
    _paths_argument(parser)
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (file:line: warning: message [type]), json, or github "
        "(workflow annotations); default: text",
    )
    _conf_option(parser)
    parser.set_defaults(run=_check)


def _check(args: argparse.Namespace) -> int:
    from .commands.check import (
        PathError,
        all_problems,
        check,
        data_files,
        default_progress,
    )
    from .commands.check_output import FORMATS, write
    from .commands.project import ProjectError, opened

    try:
        files, refused = data_files(args.paths)
        with opened(args.conf) as project:
            checked = check(files, project, progress=default_progress())
            problems = all_problems([refused, checked.problems], project)
    except (PathError, ProjectError) as exc:
        raise UsageError(str(exc)) from None
    write(sys.stdout, FORMATS[args.format](problems))
    return PROBLEMS if problems else OK


# import --------------------------------------------------------------------


def _add_import(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .formats import IMPORTERS

    parser = commands.add_parser(
        "import",
        help="convert a bibliography, an awesome list or bookmarks to YAML",
        description="Convert another format to reading-list YAML. What has "
        "no place in the YAML is reported with its line in the source.",
        epilog="What could not be mapped is printed on standard error as "
        "'SOURCE:LINE: note: ...'. Exit status: 0 (notes are information), "
        "1 if no entry was found or the YAML has problems, 2 if the source "
        "cannot be read.",
    )
    parser.add_argument("format", choices=sorted(IMPORTERS), help="the source's format")
    parser.add_argument("source", type=Path, help="the file to convert")
    _output_option(parser, "OUT.yaml", "the YAML")
    _conf_option(parser)
    parser.set_defaults(run=_import)


def _import(args: argparse.Namespace) -> int:
    from .commands.convert import ConversionError, import_limits, run_import

    try:
        limits = import_limits(args.conf)
        return run_import(
            args.format,
            args.source,
            args.output,
            limits=limits,
            stdout=sys.stdout,
            stderr=sys.stderr,
        )
    except ConversionError as exc:
        raise UsageError(str(exc)) from None


# export --------------------------------------------------------------------


def _add_export(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .formats import EXPORTERS

    parser = commands.add_parser(
        "export",
        help="convert YAML files to CSL-JSON, BibTeX, Markdown or JSON",
        description="Convert reading-list YAML files to another format, for a "
        "reference manager or another site.",
        epilog="The data's problems are printed on standard error as check "
        "prints them, and the valid entries are written all the same; of "
        "entries that share an id, the first. Exit status: 0, 1 if the data "
        "has problems, 2 if a path or the output cannot be used.",
    )
    parser.add_argument("format", choices=sorted(EXPORTERS), help="the output format")
    _paths_argument(parser)
    _output_option(parser, "OUT", "the converted files")
    _conf_option(parser)
    parser.add_argument(
        "--title",
        help="the heading of a markdown list (default: 'Reading list')",
    )
    parser.set_defaults(run=_export)


def _export(args: argparse.Namespace) -> int:
    from .commands.convert import ConversionError, run_export

    if args.title is not None and args.format != "markdown":
        raise UsageError("--title is the heading of a markdown list; leave it out")
    try:
        return run_export(
            args.format,
            args.paths,
            args.output,
            conf=args.conf,
            stdout=sys.stdout,
            stderr=sys.stderr,
            title=args.title,
        )
    except ConversionError as exc:
        raise UsageError(str(exc)) from None


# linkrot -------------------------------------------------------------------


def _add_linkrot(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "linkrot",
        help="find the YAML lines of the broken links sphinx linkcheck found",
        description="Map each broken or redirected address of Sphinx's "
        "linkcheck output to the YAML file and line that holds it; with "
        "--write, mark dead links and follow permanent redirects in place.",
    )
    parser.add_argument(
        "output",
        metavar="LINKCHECK_OUTPUT.json",
        type=Path,
        help="output.json of 'sphinx-build -b linkcheck', or its output folder",
    )
    _paths_argument(parser)
    parser.add_argument(
        "--write",
        action="store_true",
        help="edit the YAML files: 'status: dead' and an archive address for "
        "broken links, the new address for permanent redirects",
    )
    parser.set_defaults(run=_linkrot)


def _linkrot(args: argparse.Namespace) -> int:
    from .commands import linkrot
    from .commands.check import PathError, data_files
    from .commands.linkcheck_output import read_results
    from .commands.yaml_places import YamlFileError, read_yaml

    if args.write:
        try:
            import ruamel.yaml  # noqa: F401 (in the cli extra; edits need it)
        except ImportError as exc:
            raise UsageError(
                f"--write needs ruamel.yaml ({exc}); install it with "
                "pip install 'sphinx-readinglist[cli]'"
            ) from None
    if args.output.is_dir():
        args.output = args.output / "output.json"
    try:
        results, notes = read_results(args.output)
    except OSError as exc:
        raise UsageError(f"cannot read {args.output}: {exc.strerror or exc}") from None
    try:
        found, refused = data_files(args.paths)
    except PathError as exc:
        raise UsageError(str(exc)) from None
    for note in notes:
        print(f"{args.output}:{note.line}: warning: {note.message}", file=sys.stderr)
    for problem in refused:
        print(f"{problem.location}: warning: {problem.message}", file=sys.stderr)
    files = []
    for data_file in found:
        try:
            files.append(read_yaml(data_file.path, data_file.display))
        except YamlFileError as exc:
            print(f"{exc}; its addresses are not looked up", file=sys.stderr)
    report = linkrot.run(results, files, write=args.write)
    return PROBLEMS if report.problems else OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
