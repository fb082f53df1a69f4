"""Browser bookmarks in: ``import bookmarks``.

tests/data/bookmarks holds a Firefox and a Chrome export, written by hand
as each browser writes its file (see the README beside them); each mapping
and each attack has a made-up file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sphinx_readinglist.cli import main
from sphinx_readinglist.data import load_text
from sphinx_readinglist.formats import importer
from sphinx_readinglist.formats.common import Imported, to_yaml

SAMPLES = Path(__file__).parent / "data" / "bookmarks"
HEAD = (
    "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n"
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">\n'
    "<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n"
)

read = importer("bookmarks")


def _read(body: str) -> Imported:
    return read(HEAD + body, "bookmarks.html")


def _notes(imported: Imported) -> list[str]:
    return [f"{note.location.line}: {note.message}" for note in imported.notes]


def _checked(imported: Imported) -> list[dict[str, Any]]:
    """The entries as the YAML holds them, after checking that it has no problem."""
    text = to_yaml(imported, source="bookmarks.html")
    problems = load_text(text, "out.yaml").problems
    assert [problem.message for problem in problems] == []
    entries: list[dict[str, Any]] = yaml.safe_load(text)["resources"]
    return entries


def _summary(entries: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(e["title"], e["url"], e.get("added"), e.get("tags")) for e in entries]


# -- the browsers' files, through the command ---------------------------------


def test_firefox_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "firefox.yaml"
    source = SAMPLES / "firefox.html"
    assert main(["import", "bookmarks", str(source), "-o", str(out)]) == 0
    notes = capsys.readouterr().err.splitlines()
    entries = yaml.safe_load(out.read_text(encoding="utf-8"))["resources"]
    assert _summary(entries)[3:] == [
        (
            "Deep Learning (Goodfellow, Bengio & Courville)",
            "https://www.deeplearningbook.org/",
            "2024-05-20",
            ["Deep learning", "book", "classic"],
        ),
        (
            "Understanding LSTM Networks -- colah's blog",
            "https://colah.github.io/posts/2015-08-Understanding-LSTMs/",
            "2024-05-20",
            ["Deep learning"],
        ),
        (
            "[1412.6980] Adam: A Method for Stochastic Optimization",
            "https://arxiv.org/abs/1412.6980",
            "2024-05-20",
            ["Deep learning", "Papers", "optimization"],
        ),
        (
            "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
            # "&para=2" is no pilcrow: an attribute keeps a name without ";"
            "https://www.jmlr.org/papers/v15/srivastava14a.html?a=1&para=2",
            "2024-05-20",
            ["Deep learning", "Papers"],
        ),
        # the toolbar and "Other Bookmarks" are the browser's: no tags
        ("3.12.3 Documentation", "https://docs.python.org/3/", "2024-05-19", None),
        (
            "Sphinx — Sphinx documentation",
            "https://www.sphinx-doc.org/en/master/",
            "2024-05-21",
            None,
        ),
    ]
    assert entries[0]["tags"] == ["Mozilla Firefox"]
    path = str(source)
    assert notes == [
        f"{path}:21: note: the keyword 'lstm' has no place in the YAML; it is left out",
        f"{path}:30: note: the address 'place:sort=8&maxResults=10' and its "
        "bookmark are left out: the scheme place: is not allowed (allowed: "
        "http:, https:, mailto:)",
        f'{path}:32: note: the address "javascript:(function(){{location.href='
        "'https://web.archive.org/save/'+location.h…\" and its bookmark are left "
        "out: the scheme javascript: is not allowed (allowed: http:, https:, mailto:)",
        f"{path}:37: note: the address 'file:///home/user/notes/reading.html' "
        "and its bookmark are left out: the scheme file: is not allowed "
        "(allowed: http:, https:, mailto:)",
    ]
    capsys.readouterr()
    assert main(["check", str(out)]) == 0
    assert capsys.readouterr().out == ""


def test_chrome_export() -> None:
    imported = read((SAMPLES / "chrome.html").read_text(encoding="utf-8"), "c.html")
    entries = _checked(imported)
    assert _summary(entries) == [
        ("GitHub", "https://github.com/", "2023-11-14", None),
        (
            "The Unreasonable Effectiveness of Recurrent Neural Networks",
            "https://karpathy.github.io/2015/05/21/rnn-effectiveness/",
            "2024-05-18",
            ["Reading list"],
        ),
        (
            "Attention and Augmented Recurrent Neural Networks",
            "https://distill.pub/2016/augmented-rnns/",
            "2024-05-18",
            ["Reading list"],
        ),
        (
            "CS231n Deep Learning for Computer Vision",
            "https://cs231n.github.io/",
            "2024-05-18",
            ["Reading list", "Courses & lectures"],
        ),
        (
            "But what is a neural network? | Deep learning chapter 1 - YouTube",
            "https://www.youtube.com/watch?v=aircAruvnKk&list="
            "PLZHQObOWTQDNU6R1_67000Dx_ZCJB-3pi&index=1",
            "2024-05-18",
            ["Reading list", "Courses & lectures"],
        ),
        (
            "sphinx-design · PyPI",
            "https://pypi.org/project/sphinx-design/",
            "2024-05-21",
            None,
        ),
        (
            "https://myst-parser.readthedocs.io/en/latest/",
            "https://myst-parser.readthedocs.io/en/latest/",
            "2024-05-21",
            None,
        ),
    ]
    assert _notes(imported) == [
        "22: the address 'javascript:void(document.body.style.filter=\"invert(1)\")' "
        "and its bookmark are left out: the scheme javascript: is not allowed "
        "(allowed: http:, https:, mailto:)",
        "25: the address 'data:text/html,<h1>scratch</h1>' and its bookmark are "
        "left out: the scheme data: is not allowed (allowed: http:, https:, mailto:)",
        "26: the bookmark has no title; it is titled by its address, "
        "https://myst-parser.readthedocs.io/en/latest/",
    ]


def test_subprocess_import(tmp_path: Path) -> None:
    out = tmp_path / "chrome.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_readinglist", "import", "bookmarks",
         str(SAMPLES / "chrome.html"), "-o", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(yaml.safe_load(out.read_text(encoding="utf-8"))["resources"]) == 7


# -- each mapping -------------------------------------------------------------


def test_descriptions_are_plain_text() -> None:
    imported = _read(
        '<DT><A HREF="https://a.org/" ADD_DATE="1700000000">A</A>\n'
        "<DD>Uses *stars*, `ticks`, [brackets] and &lt;b&gt;tags&lt;/b&gt;\n"
        "- on two lines\n"
        "<DT><H3>Folder</H3>\n<DD>A folder's text, kept nowhere\n<DL><p>\n"
        '<DT><A HREF="https://b.org/">B</A>\n</DL><p>\n'
    )
    entries = _checked(imported)
    assert entries[0]["description"] == (
        "Uses \\*stars\\*, \\`ticks\\`, \\[brackets\\] and \\<b\\>tags\\</b\\> - on two lines"
    )
    assert entries[1] == {
        "id": "b",
        "title": "B",
        "url": "https://b.org/",
        "tags": ["Folder"],
    }


def test_dates() -> None:
    imported = _read(
        '<DT><A HREF="https://a.org/" ADD_DATE="0">epoch</A>\n'
        '<DT><A HREF="https://b.org/" ADD_DATE="1716200101999">milliseconds</A>\n'
        '<DT><A HREF="https://c.org/" ADD_DATE="soon">words</A>\n'
        '<DT><A HREF="https://d.org/" ADD_DATE="99999999999999999999">far</A>\n'
    )
    assert [e.get("added") for e in _checked(imported)] == [
        "1970-01-01",
        "2024-05-20",
        None,
        None,
    ]
    assert _notes(imported) == [
        "8: ADD_DATE='soon' is no time of the years 1000 to 2999 (seconds since "
        "1970); 'added' is left out",
        "9: ADD_DATE='99999999999999999999' is no time of the years 1000 to "
        "2999 (seconds since 1970); 'added' is left out",
    ]


def test_root_folders_by_name_only_in_the_root() -> None:
    imported = _read(
        "<DT><H3>Other bookmarks</H3>\n<DL><p>\n"
        '<DT><A HREF="https://a.org/">A</A>\n'
        "<DT><H3>Bookmarks bar</H3>\n<DL><p>\n"
        '<DT><A HREF="https://b.org/">B</A>\n</DL><p>\n</DL><p>\n'
    )
    assert [e.get("tags") for e in _checked(imported)] == [None, ["Bookmarks bar"]]


def test_malformed_files_give_what_can_be_read() -> None:
    imported = read(
        "<DT><H3>Unclosed\n"
        '<DT><A HREF="https://a.org/">A\n'
        '<DT><A HREF="https://b.org/" ADD_DATE="1">B</A><DD>text\n'
        "</DL></DL></DL>\n"
        '<DT><A HREF="https://c.org/">C',
        "broken.html",
    )
    assert [(e["title"], e.get("description")) for e in _checked(imported)] == [
        ("A", None),
        ("B", "text"),
        ("C", None),
    ]
    assert _notes(imported) == [
        "1: the file does not start as a bookmarks export does "
        "(<!DOCTYPE NETSCAPE-Bookmark-file-1>); it is read as one anyway"
    ]


def test_empty_file() -> None:
    imported = read("", "empty.html")
    assert imported.entries == []


# -- attacks ------------------------------------------------------------------


def test_script_in_titles_is_left_out_or_text() -> None:
    imported = _read(
        '<DT><A HREF="https://a.org/">A<script>alert(1)</script></A>\n'
        '<DT><A HREF="https://b.org/">&lt;script&gt;alert(1)&lt;/script&gt;</A>\n'
        '<DT><A HREF="https://c.org/">&amp;lt;script&amp;gt;</A>\n'
        "<script>document.write('<DT><A HREF=\"https://evil.org/\">E</A>')</script>\n"
    )
    assert [e["title"] for e in _checked(imported)] == [
        "A",
        "<script>alert(1)</script>",
        # entities are decoded once, never twice
        "&lt;script&gt;",
    ]


@pytest.mark.parametrize(
    "href",
    [
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "java&#9;script:alert(1)",
        "java\tscript:alert(1)",
        "java&Tab;script:alert(1)",
        " javascript:alert(1)",
        "&amp;#106;avascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "place:type=6&sort=14",
    ],
)
def test_unsafe_addresses_are_dropped(href: str) -> None:
    imported = _read(f'<DT><A HREF="{href}">Click</A>\n')
    assert imported.entries == []
    (note,) = _notes(imported)
    assert note.startswith("6: the address ")
    assert "and its bookmark are left out: the scheme" in note


def test_a_hundred_thousand_nested_folders() -> None:
    body = (
        "<DT><H3>f</H3>\n<DL><p>\n" * 100_000
        + '<DT><A HREF="https://x.org/">deep</A>\n'
        + "</DL><p>\n" * 100_000
    )
    imported = _read(body)
    (entry,) = _checked(imported)
    assert entry["tags"] == ["f"]  # fifty times "f", listed once
    assert _notes(imported) == [
        "107: folders nest deeper than 50 here; the bookmarks inside have the "
        "tags of the outer 50"
    ]


def test_folders_unclosed_a_hundred_thousand_times() -> None:
    imported = _read(
        "<DT><H3>f</H3><DL><p>" * 100_000 + '<DT><A HREF="https://x.org/">x</A>'
    )
    assert [entry["title"] for entry in imported.entries] == ["x"]


def test_a_five_megabyte_line() -> None:
    icon = "data:image/png;base64," + "A" * 5_000_000
    imported = _read(
        f'<DT><A HREF="https://a.org/" ICON="{icon}">icon</A>'
        '<DT><A HREF="https://b.org/">' + "t" * 5_000_000 + "</A>\n"
    )
    assert [len(entry["title"]) for entry in imported.entries] == [4, 500]
    assert _notes(imported) == [
        "6: the title has 5,000,000 characters; it is cut to 500"
    ]


@pytest.mark.parametrize(
    "body",
    ["<!--" + "<a" * 1_000_000, "<a" * 1_000_000, "</" * 1_000_000, "<?" * 1_000_000],
    ids=["unclosed comment", "unclosed tags", "end tags", "instructions"],
)
def test_what_html_parser_reads_slowly_is_defused(body: str) -> None:
    # html.parser looks for the end of each of these to the end of the file:
    # a megabyte of them would take hours, not the second they take here
    imported = _read('<DT><A HREF="https://a.org/">A</A>\n' + body)
    assert [entry["title"] for entry in imported.entries] == ["A"]


def test_invisible_characters_and_yaml_significant_titles() -> None:
    titles = ["*a", "&b", "- c", "? d", "!!python/object:os.system", "e: f", "#g"]
    body = "".join(
        f'<DT><A HREF="https://{n}.org/">{t}</A>\n' for n, t in enumerate(titles)
    )
    imported = _read(body + '<DT><A HREF="https://r.org/">exe.\u202etxt\u200b</A>\n')
    assert [e["title"] for e in _checked(imported)] == [*titles, "exe.txt"]
    assert _notes(imported) == [
        "13: the title 'exe.txt' contained the invisible characters U+200B, "
        "U+202E (bidirectional controls or zero-width characters), removed; "
        "check that it reads as intended"
    ]
