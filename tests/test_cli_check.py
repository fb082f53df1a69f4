"""``sphinx-readinglist check``: a build's warnings for data files, without a build.

The attacks come first: links out of a folder, many files, wrong encodings,
file names and texts that could forge output lines, huge files. Then the
formats, the settings of ``conf.py``, and the promise itself: for the test
roots full of bad data, ``check`` reports what a real build reports.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sphinx_readinglist.cli import main
from sphinx_readinglist.commands.check import Progress
from sphinx_readinglist.commands.check_output import as_github, visible
from sphinx_readinglist.data.messages import shown
from sphinx_readinglist.data.model import Location, Problem

from ._sphinx import ROOTS, build

GOOD = """\
resources:
  - id: lecun2015
    title: Deep learning
    url: https://www.nature.com/articles/nature14539
    year: 2015
    description: A *review* of deep learning.
"""

BAD_YEAR = """\
resources:
  - title: Its year is a word
    year: soon
"""
BAD_YEAR_WARNING = (
    ":3: warning: entry 'Its year is a word': 'year' must be an integer, got "
    "'soon'; write e.g. year: 2015 [readinglist.data]\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """``main(argv)``: its status, standard output and standard error."""
    try:
        status = main([str(arg) for arg in argv])
    except SystemExit as exc:  # argparse, and main() for a usage error
        status = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return status, out, err


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp_path``, as the working folder: paths are shown as given."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- attacks --------------------------------------------------------------------


def test_a_link_out_of_a_folder_is_not_read(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = write(
        here, "outside/secret.yaml", "resources: [{title: Secret, year: x}]\n"
    )
    write(here, "data/good.yaml", GOOD)
    (here / "data" / "passwd.yaml").symlink_to("/etc/passwd")
    (here / "data" / "secret.yaml").symlink_to(secret)
    status, out, err = run(capsys, "check", "data")
    assert status == 1
    refused = (
        ", outside the folder 'data', and is not read; give the file's own path, "
        "or copy it into the folder [readinglist.unsafe]\n"
    )
    assert out == (
        f"data/passwd.yaml:1: warning: the file is a link to '/etc/passwd'{refused}"
        f"data/secret.yaml:1: warning: the file is a link to "
        f"{shown(str(secret.resolve()))}{refused}"
    )
    assert "root:" not in out and err == ""


def test_a_link_inside_the_folder_is_read_once(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(here, "data/bad.yaml", BAD_YEAR)
    (here / "data" / "alias.yaml").symlink_to("bad.yaml")
    status, out, _err = run(capsys, "check", "data")
    assert status == 1
    # the link sorts first, but the file is read once, under its own name
    assert out == "data/bad.yaml" + BAD_YEAR_WARNING


def test_a_data_file_outside_the_project_is_refused_as_a_build_does(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(here, "docs/conf.py", 'extensions = ["sphinx_readinglist"]\n')
    write(here, "elsewhere.yaml", BAD_YEAR)
    status, out, _err = run(capsys, "check", "--conf", "docs", "elsewhere.yaml")
    assert status == 1
    assert out == (
        "elsewhere.yaml:1: warning: the data file is outside the source "
        "directory of the project ('docs'), so a build does not read it; move it "
        "into the documentation, or set readinglist_allow_outside_srcdir = True "
        "[readinglist.unsafe]\n"
    )
    write(
        here,
        "docs/conf.py",
        'extensions = ["sphinx_readinglist"]\nreadinglist_allow_outside_srcdir = True\n',
    )
    status, out, _err = run(capsys, "check", "--conf", "docs", "elsewhere.yaml")
    assert (status, out) == (1, "elsewhere.yaml" + BAD_YEAR_WARNING)


def test_thousands_of_files(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for index in range(3_000):
        write(
            here,
            f"many/{index // 100:02}/{index:04}.yaml",
            f"resources:\n  - id: entry-{index}\n    title: Entry {index}\n",
        )
    write(here, "many/29/9999.yml", "resources:\n  - id: entry-7\n    title: Again\n")
    status, out, err = run(capsys, "check", "many")
    assert status == 1
    assert out == (
        "many/29/9999.yml:2: warning: entry 'Again': duplicate id 'entry-7' "
        "(first defined at many/00/0007.yaml:2); ids are shared by the whole "
        "project, give this entry another 'id' [readinglist.duplicate]\n"
    )
    assert err == ""  # no progress where standard error is no terminal


def test_hidden_folders_build_output_and_other_files_are_left_out(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in (".git/x.yaml", "_build/x.yaml", "a/.hidden.yaml", "a/notes.txt"):
        write(here, name, BAD_YEAR)
    write(here, "a/b.yml", BAD_YEAR)
    write(here, "a.yaml", BAD_YEAR)
    status, out, _err = run(capsys, "check", ".")
    assert status == 1
    assert out == (
        "a.yaml"
        + BAD_YEAR_WARNING
        + "a/b.yml:2: warning: entry 'Its year is a word': duplicate id "
        "'its-year-is-a-word' (first defined at a.yaml:2); ids are shared by the "
        "whole project, give this entry another 'id' [readinglist.duplicate]\n"
        + "a/b.yml"
        + BAD_YEAR_WARNING
    )


def test_a_file_that_is_not_utf8(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(here, "latin1.yaml", "resources:\n  - title: Caf\xe9\n".encode("latin-1"))
    status, out, _err = run(capsys, "check", "latin1.yaml")
    assert (status, out) == (
        1,
        "latin1.yaml:2: warning: the file is not UTF-8 (byte 0xe9 at offset 25); "
        "save it as UTF-8 [readinglist.file]\n",
    )


def test_file_names_cannot_forge_lines(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "a\nb.yaml:1: warning: forged %0A::error::x,\x1b[31m.yaml"
    write(here, name, BAD_YEAR)
    status, out, _err = run(capsys, "check", name)
    assert status == 1
    assert out == (
        "a\\nb.yaml:1: warning: forged %0A::error::x,\\x1b[31m.yaml" + BAD_YEAR_WARNING
    )
    status, out, _err = run(capsys, "check", "--format", "github", name)
    assert out == (
        "::warning file=a%0Ab.yaml%3A1%3A warning%3A forged %250A%3A%3Aerror%3A%3A"
        "x%2C\x1b[31m.yaml,line=3,title=readinglist.data::entry 'Its year is a "
        "word': 'year' must be an integer, got 'soon'; write e.g. year: 2015\n"
    )
    assert len(out.splitlines()) == 1
    status, out, _err = run(capsys, "check", "--format", "json", name)
    assert json.loads(out)[0]["path"] == name


def test_a_file_name_that_is_not_utf8(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / os.fsdecode(b"\xff.yaml")).write_text(BAD_YEAR, encoding="utf-8")
    for format_, start in (
        ("text", "\\udcff.yaml:3: warning: "),
        ("github", "::warning file=\\udcff.yaml,line=3,"),
    ):
        status, out, _err = run(capsys, "check", "--format", format_, ".")
        assert status == 1
        assert out.startswith(start)


def test_a_console_that_is_not_utf8(here: Path) -> None:
    write(here, "tokyo.yaml", "resources:\n  - title: Café 東京\n    year: x\n")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_readinglist", "check", "tokyo.yaml"],
        capture_output=True,
        text=True,
        encoding="ascii",
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == (
        "tokyo.yaml:3: warning: entry 'Caf\\xe9 \\u6771\\u4eac': 'year' must be "
        "an integer, got 'x'; write e.g. year: 2015 [readinglist.data]\n"
    )


def test_a_name_too_long(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", "a" * 300)
    assert (status, out) == (2, "")
    assert err == (
        f"sphinx-readinglist check: error: {'a' * 80!r}: File name too long\n"
    )


def test_messages_cannot_forge_lines() -> None:
    problem = Problem(Location("a.yaml", 2), "one\ntwo\r\x1b[2J 100% ::x", "data")
    assert visible(problem.message) == "one\\ntwo\\r\\x1b[2J 100% ::x"
    assert visible("\u202eevil\u200b") == "\\u202eevil\\u200b"
    assert as_github([problem]) == (
        "::warning file=a.yaml,line=2,title=readinglist.data::"
        "one\\ntwo\\r\\x1b[2J 100%25 ::x\n"
    )


def test_a_huge_file_meets_the_limits(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        here,
        "conf.py",
        'extensions = ["sphinx_readinglist"]\nreadinglist_max_bytes = 1000\n',
    )
    write(here, "huge.yaml", GOOD + "#" * 2000 + "\n")
    status, out, _err = run(capsys, "check", "--conf", ".", "huge.yaml")
    assert (status, out) == (
        1,
        "huge.yaml:1: warning: the file is 2,169 bytes, over the limit of 1,000; "
        "split it, or raise readinglist_max_bytes [readinglist.file]\n",
    )


# -- usage ----------------------------------------------------------------------


def test_a_good_file(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(here, "good.yaml", GOOD)
    assert run(capsys, "check", "good.yaml") == (0, "", "")
    assert run(capsys, "check", "--format", "json", "good.yaml") == (0, "[]\n", "")
    assert run(capsys, "check", "--format", "github", "good.yaml") == (0, "", "")


def test_a_missing_path_is_a_usage_error(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(here, "good.yaml", GOOD)
    status, out, err = run(capsys, "check", "good.yaml", "nothing.yaml")
    assert (status, out) == (2, "")
    assert err == (
        "sphinx-readinglist check: error: 'nothing.yaml': no such file; give a "
        "YAML file or a folder\n"
    )


def test_a_missing_conf_is_a_usage_error(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(here, "good.yaml", GOOD)
    status, _out, err = run(capsys, "check", "--conf", "docs", "good.yaml")
    assert status == 2
    assert err == "sphinx-readinglist check: error: no conf.py in 'docs'\n"


def test_a_failing_conf_is_a_usage_error(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(here, "good.yaml", GOOD)
    write(here, "conf.py", "raise RuntimeError('broken on purpose')\n")
    status, _out, err = run(capsys, "check", "--conf", ".", "good.yaml")
    assert status == 2
    assert err.startswith(
        "sphinx-readinglist check: error: the Sphinx project of 'conf.py' cannot "
        "be opened: "
    )
    assert "broken on purpose" in err
    write(here, "conf.py", "extensions = []\n")
    status, _out, err = run(capsys, "check", "--conf", ".", "good.yaml")
    assert status == 2
    assert err == (
        "sphinx-readinglist check: error: 'conf.py' does not load "
        "sphinx_readinglist; add it to 'extensions', or give the conf.py of the "
        "project that shows the reading lists\n"
    )


# -- the formats ------------------------------------------------------------------

TWO_FILES = {
    "b.yaml": "resources:\n  - id: same\n    title: Second\n    url: https://example.org/x\n",
    "a.yaml": (
        "resources:\n  - id: same\n    title: First\n    url: https://example.org/x/\n"
        "    description: See :raw-html:`<b>x</b>`.\n"
    ),
}
TWO_FILES_PROBLEMS = [
    (
        "a.yaml",
        5,
        "description of entry 'First': Unknown interpreted text role "
        "\"raw-html\"; fix the markup, or write 'markup: myst' at the top of "
        "the file if the text is MyST Markdown",
        "markup",
    ),
    (
        "b.yaml",
        2,
        "entry 'Second': duplicate id 'same' (first defined at a.yaml:2); ids "
        "are shared by the whole project, give this entry another 'id'",
        "duplicate",
    ),
    (
        "b.yaml",
        2,
        "entry 'Second': url 'https://example.org/x' is the address of entry "
        "'First' too (a.yaml:2); keep one entry, and show it on other pages "
        "with :ids:, or remove the url of one",
        "duplicate_url",
    ),
]


@pytest.fixture
def two_files(here: Path) -> Path:
    for name, text in TWO_FILES.items():
        write(here, name, text)
    return here


def test_text_format(two_files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "check", "b.yaml", "a.yaml")
    assert (status, err) == (1, "")
    assert out == "".join(
        f"{path}:{line}: warning: {message} [readinglist.{subtype}]\n"
        for path, line, message, subtype in TWO_FILES_PROBLEMS
    )


def test_json_format(two_files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _err = run(capsys, "check", "--format", "json", "b.yaml", "a.yaml")
    assert status == 1
    assert json.loads(out) == [
        {
            "path": path,
            "line": line,
            "message": message,
            "type": "readinglist",
            "subtype": subtype,
        }
        for path, line, message, subtype in TWO_FILES_PROBLEMS
    ]


def test_github_format(two_files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _err = run(capsys, "check", "--format", "github", "a.yaml", "b.yaml")
    assert status == 1
    assert out.splitlines()[1] == (
        "::warning file=b.yaml,line=2,title=readinglist.duplicate::entry 'Second': "
        "duplicate id 'same' (first defined at a.yaml:2); ids are shared by the "
        "whole project, give this entry another 'id'"
    )
    assert len(out.splitlines()) == 3


def test_the_command_in_its_own_process(two_files: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_readinglist", "check", "a.yaml", "b.yaml"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines()[0] == (
        "a.yaml:5: warning: " + TWO_FILES_PROBLEMS[0][2] + " [readinglist.markup]"
    )


# -- the project's settings ---------------------------------------------------------

DATASET = "resources:\n  - title: A data set\n    kind: dataset\n"


def test_conf_settings_change_the_check(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(here, "data.yaml", DATASET)
    status, out, _err = run(capsys, "check", "data.yaml")
    assert status == 1
    assert out.startswith("data.yaml:3: warning: entry 'A data set': 'kind' ")
    write(
        here,
        "docs/conf.py",
        'extensions = ["sphinx_readinglist"]\n'
        'readinglist_kinds = {"dataset": "Data set"}\n',
    )
    write(here, "docs/data.yaml", DATASET)
    assert run(capsys, "check", "--conf", "docs", "docs/data.yaml") == (0, "", "")


def test_a_bad_setting_is_reported_and_its_default_used(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        here,
        "conf.py",
        'extensions = ["sphinx_readinglist"]\n\n'
        "readinglist_max_tags = -1\n"
        "readinglist_url_schemes = ['https', 'gopher']\n",
    )
    tags = "".join(f"      - tag{i}\n" for i in range(52))
    write(
        here,
        "data.yaml",
        "resources:\n  - title: Gopher\n    url: gopher://example.org/\n"
        f"    tags:\n{tags}",
    )
    status, out, _err = run(capsys, "check", "--conf", ".", "data.yaml")
    assert status == 1
    tags = (
        "data.yaml:5: warning: entry 'Gopher': 'tags' has 52 tags, more than the "
        "50 allowed; the last 2 are left out: keep the tags that matter most, or "
        "raise readinglist_max_tags [readinglist.data]\n"
    )
    # the default limit applies; the project allows gopher:
    assert out == (
        "conf.py:3: warning: readinglist_max_tags = -1 is not valid; use a "
        "positive number. Using the default, 50 [readinglist.config]\n" + tags
    )
    status, out, _err = run(capsys, "check", "data.yaml")
    assert out == (
        "data.yaml:3: warning: entry 'Gopher': url 'gopher://example.org/' is not "
        "linked: the scheme gopher: is not allowed (allowed: http:, https:, "
        "mailto:) [readinglist.unsafe]\n" + tags
    )


def test_the_markup_of_the_projects_extensions(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "markup: myst\nresources:\n  - title: Math\n"
        "    description: The sum $a + b$ and {{ project_name }}.\n"
    )
    write(here, "data.yaml", text)
    status, out, _err = run(capsys, "check", "data.yaml")
    assert (status, out) == (0, "")
    write(
        here,
        "conf.py",
        'extensions = ["myst_parser", "sphinx_readinglist"]\n'
        'myst_enable_extensions = ["substitution", "dollarmath"]\n'
        'myst_substitutions = {"project_name": "the project"}\n',
    )
    status, out, _err = run(capsys, "check", "--conf", ".", "data.yaml")
    # the substitution runs, and $...$ is math: no problem either
    assert (status, out) == (0, "")
    write(here, "data.yaml", text.replace("project_name", "__import__('os')"))
    status, out, _err = run(capsys, "check", "--conf", ".", "data.yaml")
    assert status == 1
    assert out == (
        "data.yaml:4: warning: description of entry 'Math': the MyST "
        "substitution \"{{__import__('os')}}\" is not evaluated in "
        "reading-list markup, since it could run code; use a name defined in "
        "myst_substitutions, or set readinglist_trust_markup = True "
        "[readinglist.unsafe]\n"
    )


def test_suppress_warnings_of_the_project(
    two_files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        two_files,
        "conf.py",
        'extensions = ["sphinx_readinglist"]\n'
        'suppress_warnings = ["readinglist.duplicate", "readinglist.markup"]\n',
    )
    status, out, _err = run(capsys, "check", "--conf", ".", "a.yaml", "b.yaml")
    path, line, message, subtype = TWO_FILES_PROBLEMS[2]
    assert (status, out) == (
        1,
        f"{path}:{line}: warning: {message} [readinglist.{subtype}]\n",
    )


def test_the_docs_data_is_clean(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The documentation builds with -W, so its data checks clean: its
    files, the showcase's real lists among them, with images and pages."""
    monkeypatch.chdir(Path(__file__).parent.parent)
    assert run(capsys, "check", "--conf", "docs", "docs") == (0, "", "")


# -- progress -----------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal() -> None:
    terminal = Terminal()
    with Progress(terminal).stage("reading", 3, 2) as step:
        for _ in range(3):
            step()
    assert terminal.getvalue() == ("\rreading: 1/3\rreading: 2/3\rreading: 3/3\n")
    pipe = io.StringIO()
    with Progress(pipe).stage("reading", 3, 2) as step:
        for _ in range(3):
            step()
    assert pipe.getvalue() == ""
    short = Terminal()
    with Progress(short).stage("reading", 3, 10) as step:
        step()
    assert short.getvalue() == ""


# -- the same warnings as a build -----------------------------------------------------

#: What a build checks at each page that shows a file, and check cannot: the
#: card anchors a page already uses, and the default role a page sets
#: (docs/command-line.md says so).
PAGE_ONLY = re.compile(
    r"is already used on page '|set by a default-role directive on the page"
)
_WARNING = re.compile(
    r"^(?P<path>[^:]*\.ya?ml):(?P<line>\d+): WARNING: (?P<message>.*) "
    r"\[readinglist\.(?P<subtype>\w+)\]$"
)


@pytest.mark.parametrize(
    "root",
    [
        "bad-data",
        "warnings",
        "sec-yaml",
        "sec-roles",
        "sec-math",
        "sec-tags",
        "sec-roles-default",
        "sandbox",
        "files",
        "sec-images",
        "sec-ids",
        "parallel",
    ],
)
def test_the_warnings_of_a_build(
    root: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-{root}", srcdir)
    _outdir, warnings = build(srcdir)
    built = set()
    for warning in warnings:
        match = _WARNING.match(warning.replace(f"{srcdir}{os.sep}", ""))
        if match and not PAGE_ONLY.search(match["message"]):
            built.add(
                (match["path"], int(match["line"]), match["message"], match["subtype"])
            )
    monkeypatch.chdir(srcdir)
    files = sorted(
        path.relative_to(srcdir).as_posix()
        for path in srcdir.rglob("*.y*ml")
        if "_build" not in path.parts
    )
    status, out, _err = run(capsys, "check", "--conf", ".", "--format", "json", *files)
    problems = json.loads(out)
    checked = {
        (p["path"], p["line"], p["message"], p["subtype"])
        for p in problems
        if p["path"] != "conf.py"  # a build's config warnings have no line
    }
    assert checked == built
    assert status == (1 if problems else 0)


# -- the pre-commit hook ----------------------------------------------------------------


def test_the_pre_commit_hook(here: Path) -> None:
    """The hook's entry, run as pre-commit runs it: its words, then the files."""
    manifest = yaml.safe_load(
        (Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text("utf-8")
    )
    (hook,) = manifest
    assert hook["id"] == "readinglist-check"
    assert hook["language"] == "python"
    assert hook["types"] == ["yaml"]
    # one process sees every file, so duplicates across files are found
    assert hook["require_serial"] is True
    exclude = re.compile(hook["exclude"])
    for tools in (".github/workflows/ci.yml", ".pre-commit-config.yaml", "a/.b.yaml"):
        assert exclude.search(tools), tools
    assert not exclude.search("docs/reading/papers.yaml")
    entry = shlex.split(hook["entry"])
    command = shutil.which(entry[0])
    assert command is not None, f"{entry[0]} is not installed"
    write(here, "docs/conf.py", 'extensions = ["sphinx_readinglist"]\n')
    good = write(here, "docs/reading/good.yaml", GOOD)
    bad = write(here, "docs/reading/bad.yaml", BAD_YEAR)

    def hook_run(*files: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                command,
                *entry[1:],
                "--conf",
                "docs",
                *(str(f.relative_to(here)) for f in files),
            ],
            capture_output=True,
            text=True,
            check=False,
        )

    passed = hook_run(good)
    assert (passed.returncode, passed.stdout, passed.stderr) == (0, "", "")
    failed = hook_run(good, bad)
    assert (failed.returncode, failed.stderr) == (1, "")
    assert failed.stdout == "docs/reading/bad.yaml" + BAD_YEAR_WARNING
