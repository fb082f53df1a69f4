"""``sphinx-readinglist import`` and ``export``, run for real on real lists.

The JSON export is the data file itself, so it must validate against the
shipped schema and load back to the same resources. Every export that has
an import is a round trip: export, import, and the titles, addresses and ids
(and the authors and years, where the format has them) come back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sphinx_readinglist.cli import main
from sphinx_readinglist.commands.convert import ConversionError, read_source
from sphinx_readinglist.data import load_file, load_text, schema
from sphinx_readinglist.data.model import Resource
from sphinx_readinglist.formats import EXPORTERS, IMPORTERS
from sphinx_readinglist.formats.common import as_fields
from sphinx_readinglist.formats.plain_json import write

REPO = Path(__file__).parent.parent
AWESOME = REPO / "tests" / "roots" / "test-awesome" / "awesome.yaml"
DOCS_DATA = REPO / "docs" / "_data"
#: Real lists: a converted awesome list (367 entries), and the docs' showcase.
REAL_LISTS = [
    pytest.param(AWESOME, id="awesome"),
    *(pytest.param(p, id=p.stem) for p in sorted(DOCS_DATA.glob("*.yaml"))),
]


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """``main(argv)``: its status, standard output and standard error."""
    try:
        status = main([str(arg) for arg in argv])
    except SystemExit as exc:  # argparse, and main() for a usage error
        status = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return status, out, err


def fields(resources: tuple[Resource, ...] | list[Resource]) -> list[dict[str, Any]]:
    return [as_fields(resource) for resource in resources]


def markups(resources: tuple[Resource, ...]) -> list[object]:
    """The syntax of each text of each resource, in order."""
    return [
        None if text is None else text.markup
        for resource in resources
        for text in (resource.description, resource.abstract)
    ]


def write_yaml(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- the JSON export ----------------------------------------------------------------


@pytest.mark.parametrize("path", REAL_LISTS)
def test_json_export_is_the_data_file_as_json(path: Path) -> None:
    reading_list = load_file(path, path.name)
    assert reading_list.resources
    text = write(reading_list.resources)
    data = json.loads(text)
    jsonschema.Draft202012Validator(schema()).validate(data)
    assert [r["id"] for r in data["resources"]] == [
        r.id for r in reading_list.resources
    ]
    back = load_text(text, "export.json")
    assert back.problems == ()
    assert fields(back.resources) == fields(reading_list.resources)
    assert markups(back.resources) == markups(reading_list.resources)


def test_json_export_is_stable_readable_and_in_the_data_order() -> None:
    reading_list = load_text(
        "markup: myst\nresources:\n"
        "  - {id: zed, title: Zürich *notes*, year: 2020, description: '**b**'}\n"
        "  - {id: alpha, title: 日本語, tags: [b, a]}\n",
        "list.yaml",
    )
    text = write(reading_list.resources)
    assert text == (
        "{\n"
        '  "markup": "myst",\n'
        '  "resources": [\n'
        "    {\n"
        '      "id": "zed",\n'
        '      "title": "Zürich *notes*",\n'
        '      "year": 2020,\n'
        '      "description": "**b**"\n'
        "    },\n"
        "    {\n"
        '      "id": "alpha",\n'
        '      "title": "日本語",\n'
        '      "tags": [\n'
        '        "b",\n'
        '        "a"\n'
        "      ]\n"
        "    }\n"
        "  ]\n"
        "}\n"
    )
    assert write(reading_list.resources) == text


def test_json_export_of_nothing_is_an_empty_list() -> None:
    assert write([]) == '{\n  "resources": []\n}\n'


HOSTILE = r"""resources:
  - id: hostile
    title: "&a *b !!python/object:os.system : # - x"
    url: "https://example.org/?q=a&b=<script>"
    authors: ["\u202eevil\u202c", "zero\u200bwidth", "line\u2028sep"]
    description: "<script>alert(1)</script> \\emph{x} $x$ {{ }}"
    extra:
      tiny: 1.0e-07
      huge: 1.5e+300
      plain: 2.5
      looks_like_a_number: "1e-07"
      flag: true
      day: 2024-05-01
"""


def test_json_export_keeps_hostile_text_as_text() -> None:
    """YAML-significant text, markup and invisible characters stay inert
    data: JSON strings that YAML reads back to the same text, with the
    invisible characters escaped, and numbers that stay numbers."""
    reading_list = load_text(HOSTILE, "hostile.yaml")
    assert reading_list.problems == ()
    text = write(reading_list.resources)
    assert "\u202e" not in text and "\u200b" not in text and "\u2028" not in text
    assert r'"\u202eevil\u202c"' in text
    assert r'"zero\u200bwidth"' in text
    assert '"tiny": 1.0e-07,' in text
    assert '"huge": 1.5e+300,' in text
    assert '"looks_like_a_number": "1e-07",' in text
    assert '"<script>alert(1)</script> \\\\emph{x} $x$ {{ }}"' in text
    back = load_text(text, "hostile.json")
    assert back.problems == ()
    assert fields(back.resources) == fields(reading_list.resources)
    assert json.loads(text)["resources"][0]["extra"]["tiny"] == 1e-07


# -- export on the command line -----------------------------------------------------


def test_export_writes_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "export", "json", AWESOME)
    assert (status, err) == (0, "")
    assert out == write(load_file(AWESOME, "").resources)
    assert run(capsys, "export", "json", AWESOME, "-o", "-") == (0, out, "")


def test_export_writes_the_files_of_folders_in_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    write_yaml(folder / "b.yaml", "resources:\n  - title: From b\n")
    write_yaml(folder / "a" / "z.yml", "resources:\n  - title: From a/z\n")
    write_yaml(folder / ".hidden.yaml", "resources:\n  - title: Hidden\n")
    write_yaml(folder / "notes.txt", "resources:\n  - title: Not YAML\n")
    single = write_yaml(tmp_path / "single.yaml", "resources:\n  - title: Single\n")
    out_file = tmp_path / "out" / "all.json"
    out_file.parent.mkdir()
    status, out, err = run(capsys, "export", "json", single, folder, "-o", out_file)
    assert (status, out, err) == (0, "", "")
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert [r["title"] for r in data["resources"]] == ["Single", "From a/z", "From b"]


def test_export_reports_the_data_problems_and_writes_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_yaml(
        tmp_path / "one.yaml",
        "resources:\n"
        "  - {id: shared, title: First, url: 'https://example.org/1'}\n"
        "  - {title: Bad year, year: soon}\n",
    )
    write_yaml(
        tmp_path / "two.yaml",
        "resources:\n"
        "  - {id: shared, title: Second, url: 'https://example.org/2'}\n"
        "  - {title: Fine}\n",
    )
    status, out, err = run(capsys, "export", "json", "one.yaml", "two.yaml")
    assert status == 1
    assert err.splitlines() == [
        "one.yaml:3: warning: entry 'Bad year': 'year' must be an integer, got "
        "'soon'; write e.g. year: 2015 [readinglist.data]",
        "two.yaml:2: warning: entry 'Second': duplicate id 'shared' (first "
        "defined at one.yaml:2); ids are shared by the whole project, give "
        "this entry another 'id' [readinglist.duplicate]",
    ]
    # the first entry of an id, as the directive shows it; the rest is valid
    assert [(r["id"], r["title"]) for r in json.loads(out)["resources"]] == [
        ("shared", "First"),
        ("bad-year", "Bad year"),
        ("fine", "Fine"),
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "json", "missing.yaml"], "'missing.yaml': no such file"),
        (
            ["export", "json", "empty"],
            "no *.yaml or *.yml file in empty",
        ),
        (
            ["export", "json", "data.yaml", "-o", "data.yaml"],
            "the output data.yaml is one of the data files; give another file to -o",
        ),
        (
            ["export", "json", "data.yaml", "-o", "nowhere/out.json"],
            "cannot write nowhere/out.json: No such file or directory",
        ),
        (["export", "json", "data.yaml", "--conf", "empty"], "no conf.py in 'empty'"),
    ],
)
def test_export_usage_errors(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    write_yaml(tmp_path / "data.yaml", "resources:\n  - title: Kept\n")
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err.startswith(f"sphinx-readinglist export: error: {message}"), err
    assert (tmp_path / "data.yaml").read_text(encoding="utf-8").endswith("Kept\n")


def test_export_takes_the_project_settings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--conf: the project's kinds are valid kinds, and its data read as MyST."""
    monkeypatch.chdir(tmp_path)
    write_yaml(
        tmp_path / "docs" / "conf.py",
        'extensions = ["sphinx_readinglist"]\n'
        'readinglist_kinds = {"dataset": "Dataset"}\n'
        'readinglist_markup = "myst"\n',
    )
    data = write_yaml(
        tmp_path / "docs" / "data.yaml",
        "resources:\n  - {title: A set, kind: dataset, description: '*x*'}\n",
    )
    status, out, err = run(capsys, "export", "json", data, "--conf", "docs")
    assert (status, err) == (0, "")
    assert json.loads(out) == {
        "markup": "myst",
        "resources": [
            {"id": "a-set", "title": "A set", "kind": "dataset", "description": "*x*"}
        ],
    }
    status, out, err = run(capsys, "export", "json", data)
    assert status == 1
    assert "docs/data.yaml:2: warning: entry 'A set': 'kind' must be one of" in err


# -- import on the command line -----------------------------------------------------


CSL = [
    {
        "id": "lecun2015",
        "type": "article-journal",
        "title": "Deep learning",
        "author": [
            {"family": "LeCun", "given": "Yann"},
            {"family": "Bengio", "given": "Yoshua"},
        ],
        "issued": {"date-parts": [[2015]]},
        "URL": "https://www.nature.com/articles/nature14539",
    }
]


def test_import_writes_yaml_that_loads_with_no_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.json").write_text(json.dumps(CSL), encoding="utf-8")
    status, out, err = run(capsys, "import", "csl-json", "refs.json", "-o", "out.yaml")
    assert (status, out) == (0, "")
    assert "error" not in err and "warning" not in err
    written = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert written.startswith("# Imported from refs.json by sphinx-readinglist.\n")
    loaded = load_text(written, "out.yaml")
    assert loaded.problems == ()
    [resource] = loaded.resources
    assert (resource.id, resource.title, resource.url, resource.year) == (
        "lecun2015",
        "Deep learning",
        "https://www.nature.com/articles/nature14539",
        2015,
    )
    assert resource.authors[0].startswith(("Yann LeCun", "LeCun"))
    # to standard output, the same text
    status, out, err = run(capsys, "import", "csl-json", "refs.json")
    assert (status, out) == (0, written)


def test_import_checks_the_yaml_with_the_project_settings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--conf: a project that links https only is told of an http address."""
    monkeypatch.chdir(tmp_path)
    write_yaml(
        tmp_path / "docs" / "conf.py",
        'extensions = ["sphinx_readinglist"]\nreadinglist_url_schemes = ["https"]\n',
    )
    items = [{**CSL[0], "URL": "http://www.nature.com/articles/nature14539"}]
    (tmp_path / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    argv = ["import", "csl-json", "refs.json", "-o", "out.yaml"]
    assert run(capsys, *argv) == (0, "", "")
    status, out, err = run(capsys, *argv, "--conf", "docs")
    assert (status, out) == (1, "")
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("out.yaml:5: warning: entry 'Deep learning': ")
    assert lines[0].endswith("[readinglist.unsafe]")
    assert lines[1] == (
        "the YAML written has 1 problem under the project's settings (--conf); "
        "fix the entries, or remove them"
    )
    assert "http://www.nature.com" in (tmp_path / "out.yaml").read_text("utf-8")


def test_import_of_nothing_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.json").write_text("[]", encoding="utf-8")
    status, out, err = run(capsys, "import", "csl-json", "empty.json", "-o", "o.yaml")
    assert (status, out) == (1, "")
    assert err.splitlines()[-1] == (
        "empty.json:1: warning: no entry was found in it; is it a csl-json file? "
        "Nothing was written [readinglist.file]"
    )
    assert not (tmp_path / "o.yaml").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "missing.json: no such file"),
        ("folder", "missing.json is a folder; give the file to convert"),
        (
            b'[{"title": "caf\xe9"}]',
            "missing.json:1: the file is not UTF-8 (byte 0xe9 at offset 15); "
            "save it as UTF-8",
        ),
    ],
)
def test_import_usage_errors(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes | str | None,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    if content == "folder":
        (tmp_path / "missing.json").mkdir()
    elif isinstance(content, bytes):
        (tmp_path / "missing.json").write_bytes(content)
    status, out, err = run(capsys, "import", "csl-json", "missing.json")
    assert (status, out) == (2, "")
    assert err == f"sphinx-readinglist import: error: {message}\n"


def test_import_refuses_to_overwrite_its_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.json").write_text(json.dumps(CSL), encoding="utf-8")
    status, _out, err = run(
        capsys, "import", "csl-json", "refs.json", "-o", "refs.json"
    )
    assert status == 2
    assert err == (
        "sphinx-readinglist import: error: the output refs.json is the source; "
        "give another file to -o\n"
    )
    assert json.loads((tmp_path / "refs.json").read_text(encoding="utf-8")) == CSL


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"\xef\xbb\xbfplain", "plain"),
        ("\ufeffwide é".encode("utf-16-le"), "wide é"),
        ("\ufeffbig é".encode("utf-16-be"), "big é"),
        ("\ufeffquad é".encode("utf-32-le"), "quad é"),
        ("no mark é".encode(), "no mark é"),
    ],
)
def test_sources_are_utf8_or_marked(tmp_path: Path, raw: bytes, text: str) -> None:
    (tmp_path / "source").write_bytes(raw)
    assert read_source(tmp_path / "source", max_bytes=100) == text


def test_a_source_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    (tmp_path / "big.bib").write_bytes(b"x" * 101)
    with pytest.raises(ConversionError) as caught:
        read_source(tmp_path / "big.bib", max_bytes=100)
    assert str(caught.value) == (
        f"{tmp_path / 'big.bib'} is larger than 100 bytes; split it, or raise "
        "readinglist_max_bytes in conf.py and give --conf"
    )
    (tmp_path / "big.bib").write_bytes(b"\n\n\xff")
    with pytest.raises(ConversionError, match=r"big\.bib:3: the file is not UTF-8"):
        read_source(tmp_path / "big.bib", max_bytes=100)


#: Sources that try to break out of the data, or to blow up, in every format.
HOSTILE_SOURCES = {
    "empty": "",
    "nul": "\x00\x00\x00",
    "invisible": "\u202e\u200b\ufeff",
    "deep brackets": "[" * 20_000,
    "deep braces": "{" * 20_000,
    "csl-json": '[{"id": "a", "type": "book", "title": "&a *b !!python/object:os.system'
    ' : # - x <script>", "URL": "javascript:alert(1)"}, {"title": "ok", "URL":'
    ' "https://example.org/"}]',
    "bibtex macros": "".join(
        f"@string{{s{i} = s{i - 1} # s{i - 1}}}\n" for i in range(1, 40)
    ).replace("s0 # s0", '"ab" # "ab"')
    + "@article{k, title = s39, url = {https://example.org/}}\n",
    "bibtex": "@book{k, title = {&a *b !!python/object:os.system : \\# - x "
    "\\input{/etc/passwd}}, url = {javascript:alert(1)}}\n",
    "ris": "TY  - BOOK\nTI  - &a *b !!python/object:os.system : # - x\n"
    "UR  - javascript:alert(1)\nER  - \n",
    "markdown": "# T\n\n- [&a *b !!python/object : # x](javascript:alert(1))\n"
    "- [ok](https://example.org/) - <script>x</script> \u202e\n"
    + "".join("  " * i + f"- [t{i}](https://example.org/{i})\n" for i in range(200)),
    "bookmarks": "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n"
    + "<DL><p><DT><H3>f</H3>\n" * 500
    + '<DT><A HREF="javascript:alert(1)">x</A>\n'
    '<DT><A HREF="https://example.org/" ADD_DATE="99999999999999999">'
    "&amp;a *b !!python/object</A>\n",
}


@pytest.mark.parametrize("format_", sorted(IMPORTERS))
@pytest.mark.parametrize("source", sorted(HOSTILE_SOURCES))
def test_hostile_sources_give_safe_yaml_or_nothing(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    format_: str,
    source: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "source").write_text(HOSTILE_SOURCES[source], encoding="utf-8")
    status, out, err = run(capsys, "import", format_, "source", "-o", "out.yaml")
    assert out == ""
    assert "bug" not in err
    for line in err.splitlines():
        assert line.startswith("source:"), line
    if status == 1:
        assert err.splitlines()[-1] == (
            f"source:1: warning: no entry was found in it; is it a {format_} "
            "file? Nothing was written [readinglist.file]"
        )
        assert not (tmp_path / "out.yaml").exists()
        return
    assert status == 0
    written = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    loaded = load_text(written, "out.yaml")
    assert loaded.problems == ()
    assert loaded.resources
    # a tag, an anchor or a script in the source is text in the YAML: the
    # safe loader, which refuses tags, read it with no problem
    assert "javascript:" not in written


def test_yaml_with_problems_is_written_and_called_a_bug(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What an importer makes is checked as a build would check it."""
    from sphinx_readinglist.commands import convert
    from sphinx_readinglist.formats.common import Imported

    def broken(text: str, path: str) -> Imported:
        return Imported(entries=[{"title": "Soon", "year": "soon"}])

    monkeypatch.setattr(convert, "importer", lambda name: broken)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text("@misc{x}", encoding="utf-8")
    status, out, err = run(capsys, "import", "bibtex", "refs.bib", "-o", "out.yaml")
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        "out.yaml:5: warning: entry 'Soon': 'year' must be an integer, got "
        "'soon'; write e.g. year: 2015 [readinglist.data]",
        "the YAML written has 1 problem; this is a bug of sphinx-readinglist: "
        "please report it, with the source",
    ]
    assert "title: Soon" in (tmp_path / "out.yaml").read_text(encoding="utf-8")


def test_a_note_cannot_forge_a_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Notes quote the source: its line breaks and terminal escapes are
    printed as escapes, on the note's one line."""
    from sphinx_readinglist.commands import convert
    from sphinx_readinglist.formats.common import Imported

    def quoting(text: str, path: str) -> Imported:
        imported = Imported(entries=[{"title": "Kept"}])
        imported.note(path, 3, "entry 'x\nrefs.bib:1: note: forged\x1b[31m' lost")
        return imported

    monkeypatch.setattr(convert, "importer", lambda name: quoting)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text("@misc{x}", encoding="utf-8")
    status, _out, err = run(capsys, "import", "bibtex", "refs.bib")
    assert status == 0
    assert err == (
        "refs.bib:3: note: entry 'x\\nrefs.bib:1: note: forged\\x1b[31m' lost\n"
    )


def test_an_importer_that_fails_is_a_reported_bug(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_readinglist.commands import convert

    def failing(text: str, path: str) -> None:
        raise KeyError("author")

    monkeypatch.setattr(convert, "importer", lambda name: failing)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text("@misc{x}", encoding="utf-8")
    status, out, err = run(capsys, "import", "bibtex", "refs.bib")
    assert (status, out) == (2, "")
    assert err == (
        "sphinx-readinglist import: error: importing refs.bib failed (KeyError: "
        "'author'); this is a bug of sphinx-readinglist: please report it, with "
        "the file\n"
    )


# -- round trips --------------------------------------------------------------------

#: The exports that an import reads back, and what each format carries
#: besides titles and addresses. An awesome list has no ids, and groups its
#: entries under their tags: its round trip keeps titles and addresses only,
#: in another order, of the entries that have an address.
ROUND_TRIPS = {
    "csl-json": ("id", "authors", "year"),
    "bibtex": ("id", "authors", "year"),
    "markdown": (),
}


def summary(resource: Resource, carried: tuple[str, ...]) -> tuple[Any, ...]:
    extra = tuple(getattr(resource, name) for name in carried)
    return (resource.title, resource.url, *extra)


@pytest.mark.parametrize("format_", sorted(ROUND_TRIPS))
@pytest.mark.parametrize("path", REAL_LISTS)
def test_export_then_import_gives_the_same_entries(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, format_: str, path: Path
) -> None:
    assert format_ in EXPORTERS and format_ in IMPORTERS
    exported = tmp_path / f"exported.{format_}"
    imported = tmp_path / "imported.yaml"
    status, _out, err = run(capsys, "export", format_, path, "-o", exported)
    assert (status, err) == (0, "")
    status, _out, err = run(capsys, "import", format_, exported, "-o", imported)
    assert status == 0, err
    assert run(capsys, "check", imported) == (0, "", "")
    before = load_file(path, path.name).resources
    after = load_file(imported, imported.name)
    assert after.problems == ()
    carried = ROUND_TRIPS[format_]
    # an awesome list links each entry: one without an address is text
    expected = [summary(r, carried) for r in before if r.url or "id" in carried]
    found = [summary(r, carried) for r in after.resources]
    if "id" in carried:
        assert found == expected
    else:
        assert sorted(found) == sorted(expected)


HOSTILE_TITLES = r"""resources:
  - id: hostile
    title: "&a *b !!python/object:os.system : # - x {braces} \\emph{x} 100% $x$ _u_ ^"
    url: "https://example.org/?q=a&b=%3Cscript%3E"
    authors: ["Zoë D'Arc", "Ann Other"]
    year: 2020
    description: "<script>alert(1)</script> *md* `code`"
  - id: second
    title: "[Brackets] and (parens) - dash | pipe"
    url: "https://example.org/a_(b)"
    year: 1999
"""


@pytest.mark.parametrize("format_", sorted(ROUND_TRIPS))
def test_hostile_titles_come_back_as_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, format_: str
) -> None:
    """Text that means something in YAML, LaTeX, Markdown or HTML is escaped
    on the way out and read back as the same text."""
    source = write_yaml(tmp_path / "hostile.yaml", HOSTILE_TITLES)
    exported = tmp_path / "exported"
    imported = tmp_path / "imported.yaml"
    assert run(capsys, "export", format_, source, "-o", exported)[0] == 0
    status, _out, err = run(capsys, "import", format_, exported, "-o", imported)
    assert (status, err) == (0, "")
    carried = ROUND_TRIPS[format_]
    before = load_file(source, "hostile.yaml").resources
    after = load_file(imported, "imported.yaml")
    assert after.problems == ()
    assert [summary(r, carried) for r in after.resources] == [
        summary(r, carried) for r in before
    ]


# -- the real command -----------------------------------------------------------


def test_python_m_and_the_console_script_export(tmp_path: Path) -> None:
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    module = subprocess.run(
        [sys.executable, "-m", "sphinx_readinglist", "export", "json", str(AWESOME)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env=environment,
    )
    assert (module.returncode, module.stderr) == (0, "")
    assert module.stdout == write(load_file(AWESOME, "").resources)
    script = Path(sys.executable).parent / "sphinx-readinglist"
    if not script.exists():
        pytest.skip("the sphinx-readinglist script is not installed beside python")
    bad = write_yaml(tmp_path / "bad.yaml", "resources:\n  - title: X\n    year: x\n")
    console = subprocess.run(
        [str(script), "export", "json", str(bad), "-o", str(tmp_path / "out.json")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env=environment,
        cwd=tmp_path,
    )
    assert console.returncode == 1
    assert console.stderr.startswith(f"{bad}:3: warning: entry 'X': 'year' must be")
    assert json.loads((tmp_path / "out.json").read_text("utf-8"))["resources"] == [
        {"id": "x", "title": "X"}
    ]


@pytest.mark.parametrize("command", ["check", "import", "export", "linkrot"])
def test_every_subcommand_has_help(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    status, out, err = run(capsys, command, "--help")
    assert (status, err) == (0, "")
    assert out.startswith(f"usage: sphinx-readinglist {command} ")
    assert "-h, --help" in out


def test_a_malformed_command_line_is_status_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "export", "endnote", "x.yaml")
    assert (status, out) == (2, "")
    assert "argument format: invalid choice: 'endnote'" in err
