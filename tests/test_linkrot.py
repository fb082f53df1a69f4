"""``sphinx-readinglist linkrot``: linkcheck's findings mapped back to the YAML.

The main test runs a real ``-b linkcheck`` build of ``roots/test-linkrot``
against a server of this test on 127.0.0.1, which answers 200, 301, 308,
302 and 404, then runs the command on its ``output.json``: the report, the
in-place repair (the diff is exactly the repaired lines, and a second run
changes nothing), and a new build that shows the dead links. The other tests
feed made-up outputs and files: attacks first.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from sphinx_readinglist.cli import main
from sphinx_readinglist.commands.linkcheck_output import MAX_LINE_BYTES
from sphinx_readinglist.data import load_file

from ._sphinx import ROOTS, build, page

ROOT = ROOTS / "test-linkrot"
REPO = ROOTS.parent.parent

#: What the server answers: a status, and where a redirect leads.
ANSWERS = {
    "/ok": (200, None),
    "/new": (200, None),
    "/slides": (200, None),
    "/moved": (301, "/new"),
    "/moved-slides": (308, "/slides"),
    "/found": (302, "/ok"),
}


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, body: bool) -> None:
        status, location = ANSWERS.get(self.path, (404, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        content = b"<!DOCTYPE html><title>page</title>"
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body:
            self.wfile.write(content)

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The address of a server on 127.0.0.1, on a free port."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def _project(dest: Path, host: str) -> Path:
    """A copy of the root whose addresses lead to ``host``."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns("_build"))
    for name in ("index.rst", "reading.yaml"):
        path = dest / name
        path.write_text(
            path.read_text(encoding="utf-8").replace("127.0.0.1:PORT", host),
            encoding="utf-8",
        )
    return dest


@pytest.fixture(scope="module")
def checked(
    server: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """The root, checked once by a real linkcheck build."""
    # a proxy from the environment must not stand between linkcheck and
    # the local server
    saved = {k: os.environ.pop(k) for k in list(os.environ) if "proxy" in k.lower()}
    try:
        srcdir = _project(tmp_path_factory.mktemp("linkrot") / "src", server)
        outdir, warnings = build(srcdir, "linkcheck")
    finally:
        os.environ.update(saved)
    yield {
        "srcdir": srcdir,
        "output": outdir / "output.json",
        "warnings": warnings,
        "host": server,
    }


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """``main(argv)``: its status, standard output and standard error."""
    try:
        status = main([str(arg) for arg in argv])
    except SystemExit as exc:  # a usage error
        status = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return status, out, err


def _copy(checked: dict[str, Any], dest: Path) -> Path:
    """A copy of the checked project, to edit."""
    shutil.copytree(checked["srcdir"], dest, ignore=shutil.ignore_patterns("_build"))
    return dest


def _changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines removed and added between two texts, as ``diff`` finds them."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return (
        [line[2:] for line in diff if line.startswith("- ")],
        [line[2:] for line in diff if line.startswith("+ ")],
    )


# -- the real linkcheck run -------------------------------------------------------


def test_linkcheck_writes_the_keys_linkrot_reads(checked: dict[str, Any]) -> None:
    lines = checked["output"].read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert {tuple(sorted(r)) for r in records} == {
        ("code", "filename", "info", "lineno", "status", "uri")
    }
    host = checked["host"]
    statuses = {r["uri"]: (r["status"], r["code"]) for r in records}
    assert statuses[f"http://{host}/ok"] == ("working", 0)
    assert statuses[f"http://{host}/moved#part-2"] == ("redirected", 301)
    assert statuses[f"http://{host}/moved-slides"] == ("redirected", 308)
    assert statuses[f"http://{host}/found"] == ("redirected", 302)
    assert statuses[f"http://{host}/gone"] == ("broken", 0)
    # the cards' own warnings: none
    assert not [w for w in checked["warnings"] if "[readinglist." in w]


def _report(host: str, *, write: bool) -> list[str]:
    """The report of the root's check, before any repair."""
    would = "--write would write " if not write else ""
    h = f"http://{host}"
    return [
        f"reading.yaml:11: redirected permanently (301) {h}/moved#part-2 to "
        f"{h}/new [url]; {would}new address: {h}/new#part-2",
        f"reading.yaml:14: redirected permanently (308) {h}/moved-slides to "
        f"{h}/slides [links]; {would}new address: {h}/slides",
        f"reading.yaml:16: broken {h}/gone-code: 404 Client Error: Not Found "
        f"for url: {h}/gone-code [links]; a broken extra link; replace or "
        "remove it by hand",
        f"reading.yaml:20: redirected with Found (302) {h}/found to {h}/ok "
        "[url]; a temporary redirect; not rewritten",
        f"reading.yaml:23: broken {h}/gone: 404 Client Error: Not Found for "
        f"url: {h}/gone [url]; {would}status: dead, archive: "
        f"https://web.archive.org/web/{h}/gone",
        f"reading.yaml:27: broken {h}/gone-too: 404 Client Error: Not Found "
        f"for url: {h}/gone-too [url]; {would}status: dead, archive: "
        f"https://web.archive.org/web/{h}/gone-too",
        f"reading.yaml:30: broken {h}/gone-too: 404 Client Error: Not Found "
        f"for url: {h}/gone-too [text]; in the text; edit it by hand",
        "Not in the YAML files (links of the pages, or repaired already):",
        f"index.rst:6: broken {h}/page-gone: 404 Client Error: Not Found for "
        f"url: {h}/page-gone",
    ]


def test_report_maps_each_address_to_its_yaml_line(
    checked: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    srcdir = checked["srcdir"]
    before = (srcdir / "reading.yaml").read_bytes()
    monkeypatch.chdir(srcdir)
    status, out, err = run(capsys, "linkrot", checked["output"], "reading.yaml")
    assert (status, err) == (1, "")
    assert out.splitlines() == _report(checked["host"], write=False)
    assert (srcdir / "reading.yaml").read_bytes() == before


def test_a_folder_is_searched_and_the_output_folder_found(
    checked: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = _copy(checked, tmp_path / "src")
    (project / "sub").mkdir()
    shutil.move(project / "reading.yaml", project / "sub" / "reading.yml")
    status, out, _ = run(capsys, "linkrot", checked["output"].parent, project / "sub")
    assert status == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{project / 'sub' / 'reading.yml'}:11: redirected")


def test_write_repairs_only_the_lines_it_must(
    checked: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    project = _copy(checked, tmp_path / "src")
    data = project / "reading.yaml"
    before = data.read_text(encoding="utf-8")
    monkeypatch.chdir(project)
    status, out, err = run(
        capsys, "linkrot", checked["output"], "reading.yaml", "--write"
    )
    # the temporary redirect and the broken extra link are still there
    assert (status, err) == (1, "")
    assert out.splitlines() == _report(checked["host"], write=True)
    after = data.read_text(encoding="utf-8")
    h = f"http://{checked['host']}"
    assert _changes(before, after) == (
        [
            f'    url: "{h}/moved#part-2"   # 301',
            f"      - {{title: Slides, url: '{h}/moved-slides'}}",
            f'  - {{id: gone, title: "A page that is gone", url: "{h}/gone"}}',
        ],
        [
            # the comment keeps its column
            f'    url: "{h}/new#part-2"     # 301',
            f"      - {{title: Slides, url: '{h}/slides'}}",
            f'  - {{id: gone, title: "A page that is gone", url: "{h}/gone", '
            f"status: dead, archive: https://web.archive.org/web/{h}/gone}}",
            "    status: dead",
            f"    archive: https://web.archive.org/web/{h}/gone-too",
        ],
    )
    # the status and archive come right after the url
    assert f"url: {h}/gone-too\n    status: dead\n    archive: " in after

    # a second run with the same output changes nothing, byte for byte
    status, again, _ = run(
        capsys, "linkrot", checked["output"], "reading.yaml", "--write"
    )
    assert data.read_text(encoding="utf-8") == after
    assert status == 1
    report = _report(checked["host"], write=True)
    dead = "; already marked dead"
    assert again.splitlines() == [
        report[2],
        report[3],
        report[4].partition("; ")[0] + dead,
        report[5].partition("; ")[0] + dead,
        # two lines further down, below the added ones
        report[6].replace(":30:", ":32:"),
        report[7],
        # the old addresses are gone from the YAML
        f"index.rst:4: redirected permanently (301) {h}/moved#part-2 to {h}/new",
        f"index.rst:4: redirected permanently (308) {h}/moved-slides to {h}/slides",
        report[8],
    ]

    # the repaired file builds without a warning, with its dead links shown
    outdir, warnings = build(project)
    assert not [w for w in warnings if "[readinglist." in w]
    html = page(outdir)
    for id_ in ("gone", "gone-block"):
        card = html.select_one(f"article#{id_}")
        assert card is not None
        badge = card.select_one(".readinglist-dead")
        assert badge is not None and badge.get_text() == "dead link"
        assert card.select_one(".readinglist-title a") is None
    moved = html.select_one("article#moved .readinglist-title a")
    assert moved is not None and moved["href"] == f"{h}/new#part-2"


def test_the_module_runs_as_a_command(checked: dict[str, Any]) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_readinglist",
            "linkrot",
            checked["output"],
            "reading.yaml",
        ],
        cwd=checked["srcdir"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == _report(checked["host"], write=False)


# -- made-up outputs and files: attacks first -------------------------------------


def _record(uri: str, status: str = "broken", code: int = 0, info: str = "") -> str:
    return json.dumps(
        {
            "filename": "index.rst",
            "lineno": 4,
            "status": status,
            "code": code,
            "uri": uri,
            "info": info,
        }
    )


def _files(tmp_path: Path, yaml_text: str, *records: str) -> tuple[Path, Path]:
    """A YAML file and a linkcheck output of these records."""
    data = tmp_path / "reading.yaml"
    data.write_text(yaml_text, encoding="utf-8")
    output = tmp_path / "output.json"
    output.write_text("".join(f"{r}\n" for r in records), encoding="utf-8")
    return output, data


GONE = """\
resources:
  - title: Gone
    url: https://gone.example/page
"""


def test_lines_that_are_not_linkcheck_records_are_skipped_and_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output, data = _files(
        tmp_path,
        GONE,
        '{"uri": "' + "x" * MAX_LINE_BYTES + '"}',
        "not json at all",
        "[1, 2]",
        "[" * 50_000,
        '{"status": "broken", "uri": 42}',
        '{"status": "broken"}',
        '{"status": "broken", "uri": "https://a.example/", "info": ["x"]}',
        "\xff\xfe not UTF-8",
        '{"status": "working", "uri": "https://gone.example/page"}',
        "",
        _record("https://gone.example/page", info="404 Client Error"),
    )
    # a line of bytes that are not UTF-8
    output.write_bytes(output.read_bytes().replace(b"\xc3\xbf\xc3\xbe", b"\xff\xfe"))
    status, out, err = run(capsys, "linkrot", output, data)
    assert status == 1
    assert out.splitlines() == [
        f"{data}:3: broken https://gone.example/page: 404 Client Error [url]; "
        "--write would write status: dead, archive: "
        "https://web.archive.org/web/https://gone.example/page"
    ]
    skipped = "not a line of linkcheck's output"
    assert err.splitlines() == [
        f"{output}:1: warning: longer than 65,536 bytes; skipped",
        f"{output}:2: warning: {skipped} (not JSON); skipped",
        f"{output}:3: warning: {skipped} (not a JSON object); skipped",
        f"{output}:4: warning: {skipped} (not JSON); skipped",
        f"{output}:5: warning: its 'uri' is not an address (missing, empty or "
        "too long); skipped",
        f"{output}:6: warning: its 'uri' is not an address (missing, empty or "
        "too long); skipped",
        f"{output}:7: warning: its 'info' or 'filename' is not text; skipped",
        f"{output}:8: warning: {skipped} (not JSON); skipped",
    ]


def test_an_address_with_line_breaks_or_invisible_characters_shows_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = "https://a.example/x\nreading.yaml:1: broken https://b.example/"
    output, data = _files(
        tmp_path,
        GONE,
        _record(fake, info="x\r\ny"),
        _record("https://a.example/\u202eevil", info="\x1b[31mred"),
    )
    status, out, _ = run(capsys, "linkrot", output, data)
    assert status == 0  # neither is in the YAML
    assert out.splitlines() == [
        "Not in the YAML files (links of the pages, or repaired already):",
        "index.rst:4: broken 'https://a.example/x\\nreading.yaml:1: broken "
        "https://b.example/': 'x\\r\\ny'",
        "index.rst:4: broken 'https://a.example/\\u202eevil': '\\x1b[31mred'",
    ]


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("https://a.example/", "javascript:alert(1)", "not an http or https"),
        ("https://a.example/", "JavaScript:alert(1)", "not an http or https"),
        ("https://a.example/", "java\nscript:alert(1)", "not an http or https"),
        ("https://a.example/", "data:text/html,<script>", "not an http or https"),
        ("https://a.example/", "//evil.example/", "not an http or https"),
        ("https://a.example/", "", "not an http or https"),
        ("https://a.example/", "https://b.example/a b", "spaces or control"),
        ("https://a.example/", "https://b.example/\nx: y", "spaces or control"),
        ("https://a.example/", "https://b.example/\u202eexe.txt", "invisible"),
        ("https://a.example/", "http://a.example/", "is http, the old one https"),
    ],
)
def test_a_new_address_that_is_unsafe_is_reported_not_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    why: str,
) -> None:
    text = f"resources:\n  - title: Moved\n    url: {old}\n"
    output, data = _files(tmp_path, text, _record(old, "redirected", 301, new))
    status, out, _ = run(capsys, "linkrot", output, data, "--write")
    assert status == 1
    assert data.read_text(encoding="utf-8") == text
    line = out.splitlines()[0]
    assert line.startswith(f"{data}:3: redirected permanently (301) {old} to ")
    assert "; not rewritten: the new address " in line
    assert why in line


@pytest.mark.parametrize(
    "written",
    ["https://a.example/old", "'https://a.example/old'", '"https://a.example/old"'],
)
@pytest.mark.parametrize(
    "new",
    [
        "https://b.example/&anchor*alias!!python/object:os.system",
        "https://b.example/#comment",
        "https://b.example/a:b,[c]{d}|e>f'g\"h%i@j`k",
        "https://b.example/-%20-/?q=--- ...",
    ],
)
def test_yaml_syntax_in_a_new_address_is_written_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str, new: str
) -> None:
    text = f"resources:\n  - title: Moved  # a comment\n    url: {written}\n"
    output, data = _files(
        tmp_path, text, _record("https://a.example/old", "redirected", 308, new)
    )
    status, out, err = run(capsys, "linkrot", output, data, "--write")
    if " " in new:
        assert "spaces or control characters" in out
        assert data.read_text(encoding="utf-8") == text
        return
    assert (status, err) == (0, "")
    loaded = load_file(data, "reading.yaml")
    assert not loaded.problems
    assert loaded.resources[0].url == new
    before, after = _changes(text, data.read_text(encoding="utf-8"))
    assert before == [f"    url: {written}"]
    assert len(after) == 1


def test_a_value_shared_through_anchors_is_reported_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = """\
resources:
  - title: First
    url: &gone https://gone.example/page
  - title: Second
    url: *gone
  - &base
    title: Base
    url: https://gone.example/base
  - <<: *base
    title: Merged
  - &loop
    title: Loop
    url: https://gone.example/loop
    links: [*loop]
"""
    output, data = _files(
        tmp_path,
        text,
        _record("https://gone.example/page"),
        _record("https://gone.example/base"),
        _record("https://gone.example/loop"),
    )
    status, out, _ = run(capsys, "linkrot", output, data, "--write")
    assert status == 1
    assert data.read_text(encoding="utf-8") == text
    shared = (
        "not written: the value is shared through an anchor (&) with an alias "
        "(*) or a merge (<<); edit it by hand"
    )
    # where each entry has the address: the merged one at its merge
    assert [line.split(" [url]; ") for line in out.splitlines()] == [
        [f"{data}:3: broken https://gone.example/page", shared],
        [f"{data}:5: broken https://gone.example/page", shared],
        [f"{data}:8: broken https://gone.example/base", shared],
        [f"{data}:9: broken https://gone.example/base", shared],
        # an entry that holds itself is refused, as a build refuses it
        ["Not in the YAML files (links of the pages, or repaired already):"],
        ["index.rst:4: broken https://gone.example/loop"],
    ]


@pytest.mark.parametrize(
    "name", ["alias-bomb.yaml", "alias-bomb-entry.yaml", "deep.yaml", "utf16.yaml"]
)
def test_files_the_extension_refuses_are_not_read_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    shutil.copy(ROOTS / "test-bad-data" / name, tmp_path / name)
    before = (tmp_path / name).read_bytes()
    output, _ = _files(tmp_path, GONE, _record("https://gone.example/page"))
    status, out, err = run(capsys, "linkrot", output, tmp_path / name, "--write")
    assert (tmp_path / name).read_bytes() == before
    assert status == 0
    assert out.splitlines()[0].startswith("Not in the YAML files")
    if name in ("alias-bomb.yaml", "utf16.yaml"):
        assert err.startswith(f"{tmp_path / name}:1: ")
        assert err.endswith("; its addresses are not looked up\n")


def test_a_layout_the_round_trip_would_change_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = GONE + "    extra:\n      ? [a, b]\n      : c\n"
    output, data = _files(tmp_path, text, _record("https://gone.example/page"))
    status, out, _ = run(capsys, "linkrot", output, data, "--write")
    assert status == 1
    assert data.read_text(encoding="utf-8") == text
    assert out.splitlines()[1] == (
        f"{data}: not written: writing it back would change other lines than "
        "those repaired (its layout is one the round trip does not keep); "
        "edit it by hand"
    )


def test_a_byte_order_mark_and_crlf_line_ends_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output, data = _files(tmp_path, GONE, _record("https://gone.example/page"))
    data.write_bytes(b"\xef\xbb\xbf" + GONE.replace("\n", "\r\n").encode())
    status, _, _ = run(capsys, "linkrot", output, data, "--write")
    assert status == 0
    assert data.read_bytes() == (
        b"\xef\xbb\xbfresources:\r\n  - title: Gone\r\n"
        b"    url: https://gone.example/page\r\n    status: dead\r\n"
        b"    archive: https://web.archive.org/web/https://gone.example/page\r\n"
    )


def test_an_existing_status_and_archive_are_kept_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        GONE + "    status: ok   # checked in May\n    archive: https://arch.example/\n"
    )
    output, data = _files(tmp_path, text, _record("https://gone.example/page"))
    status, _, _ = run(capsys, "linkrot", output, data, "--write")
    assert status == 0
    assert _changes(text, data.read_text(encoding="utf-8")) == (
        ["    status: ok   # checked in May"],
        ["    status: dead # checked in May"],  # the comment keeps its column,
    )


def test_defaults_identifiers_and_encoded_addresses_are_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = """\
defaults:
  url: https://shared.example/
resources:
  - title: Deep learning (Russian)
    url: https://ru.wikipedia.org/wiki/Глубокое_обучение
  - title: A paper
    doi: 10.1038/nature14539
"""
    output, data = _files(
        tmp_path,
        text,
        _record("https://shared.example/"),
        _record(
            "https://ru.wikipedia.org/wiki/%D0%93%D0%BB%D1%83%D0%B1%D0%BE%D0%BA%D0%BE"
            "%D0%B5_%D0%BE%D0%B1%D1%83%D1%87%D0%B5%D0%BD%D0%B8%D0%B5"
        ),
        _record("https://doi.org/10.1038/nature14539"),
    )
    status, out, _ = run(capsys, "linkrot", output, data, "--write")
    assert status == 1
    lines = out.splitlines()
    assert [(line.split(":")[1], line.split(" [")[1]) for line in lines] == [
        ("2", "defaults]; in defaults; edit it by hand"),
        (
            "5",
            "url]; status: dead, archive: https://web.archive.org/web/"
            "https://ru.wikipedia.org/wiki/Глубокое_обучение",
        ),
        ("7", "doi]; the address of the doi; check the doi by hand"),
    ]
    assert load_file(data, "r.yaml").resources[0].status == "dead"


def test_no_finding_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output, data = _files(tmp_path, GONE)
    assert run(capsys, "linkrot", output, data) == (0, "", "")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["missing.json", "reading.yaml"],
            "cannot read missing.json: No such file or directory",
        ),
        (
            ["output.json", "missing.yaml"],
            "'missing.yaml': no such file; give a YAML file or a folder",
        ),
    ],
)
def test_a_missing_file_is_a_usage_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    _files(tmp_path, GONE)
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "linkrot", *argv)
    assert (status, out) == (2, "")
    assert err == f"sphinx-readinglist linkrot: error: {message}\n"


# -- the example of the docs ------------------------------------------------------


def _fenced(text: str, after: str, language: str) -> list[str]:
    """The lines of the first ``language`` block of ``text`` after ``after``."""
    rest = text[text.index(after) :]
    start = rest.index(f"```{language}\n") + len(language) + 4
    return rest[start : rest.index("```", start)].splitlines()


def test_the_example_of_the_docs_is_what_the_command_prints(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = (REPO / "docs" / "command-line.md").read_text(encoding="utf-8")
    console = _fenced(docs, "### An example", "console")
    command = next(i for i, line in enumerate(console) if "linkrot" in line)
    shown_diff = _fenced(docs, "### An example", "diff")

    shutil.copytree(ROOT / "example", tmp_path, dirs_exist_ok=True)
    (tmp_path / "docs" / "_build" / "linkcheck").mkdir(parents=True)
    shutil.move(tmp_path / "output.json", tmp_path / "docs" / "_build" / "linkcheck")
    monkeypatch.chdir(tmp_path)
    data = Path("docs/reading/rnn.yaml")
    before = data.read_text(encoding="utf-8")

    argv = console[command].removeprefix("$ sphinx-readinglist ").split()
    status, out, _ = run(capsys, *argv)
    assert status == 1
    assert out.splitlines() == console[command + 1 :]

    status, _, _ = run(capsys, *argv, "--write")
    after = data.read_text(encoding="utf-8")
    diff = difflib.unified_diff(
        before.splitlines(), after.splitlines(), f"a/{data}", f"b/{data}", lineterm=""
    )
    assert [line.rstrip() for line in diff] == shown_diff


def test_an_entry_with_an_anchor_is_reported_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the entry is shown twice, through an alias of the whole mapping: an
    # edit of one would edit the other
    text = GONE.replace("  - title: Gone", "  - &gone\n    title: Gone") + "  - *gone\n"
    output, data = _files(tmp_path, text, _record("https://gone.example/page"))
    status, out, _ = run(capsys, "linkrot", output, data, "--write")
    assert status == 1
    assert data.read_text(encoding="utf-8") == text
    assert out.splitlines() == [
        f"{data}:4: broken https://gone.example/page [url]; not written: the "
        "value or its entry has an anchor (&) that others share"
    ]


def test_the_report_needs_no_ruamel_and_write_says_how_to_get_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    output, data = _files(tmp_path, GONE, _record("https://gone.example/page"))
    monkeypatch.setitem(sys.modules, "ruamel", None)
    monkeypatch.setitem(sys.modules, "ruamel.yaml", None)
    status, out, _ = run(capsys, "linkrot", output, data)
    assert status == 1
    assert out.startswith(f"{data}:3: broken https://gone.example/page [url]; ")
    status, out, err = run(capsys, "linkrot", output, data, "--write")
    assert (status, out) == (2, "")
    assert err.startswith(
        "sphinx-readinglist linkrot: error: --write needs ruamel.yaml ("
    )
    assert err.endswith("); install it with pip install 'sphinx-readinglist[cli]'\n")
    assert data.read_text(encoding="utf-8") == GONE


def test_a_text_of_punctuation_runs_is_read_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # each run is tried without at most 16 closing characters at its end, so
    # a description of 200,000 of them costs no more than its reading
    text = (
        GONE
        + "    description: 'a:"
        + ")" * 200_000
        + " https://gone.example/page)).'\n"
    )
    output, data = _files(tmp_path, text, _record("https://gone.example/page"))
    status, out, _ = run(capsys, "linkrot", output, data)
    assert status == 1
    assert [line.split(" [")[1] for line in out.splitlines()] == [
        "url]; --write would write status: dead, archive: "
        "https://web.archive.org/web/https://gone.example/page",
        "text]; in the text; edit it by hand",
    ]


def test_a_broken_relative_url_is_reported_not_marked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "resources:\n  - title: Slides\n    url: slides/talk.pdf\n"
    output, data = _files(tmp_path, text, _record("slides/talk.pdf"))
    status, out, _ = run(capsys, "linkrot", output, data, "--write")
    assert status == 1
    assert data.read_text(encoding="utf-8") == text
    assert out == (
        f"{data}:3: broken slides/talk.pdf [url]; not a web address; correct "
        "it by hand\n"
    )
