"""Awesome lists in and out: ``import markdown`` and ``export markdown``.

Real lists (tests/data/markdown, CC0) are imported by the command and
checked; each mapping and each attack has a made-up list; the export reads
back to the same titles and addresses, on the test root's 367 entries and
on the documentation's data.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

from sphinx_readinglist.cli import main
from sphinx_readinglist.data import load_file, load_text
from sphinx_readinglist.data.model import Resource
from sphinx_readinglist.formats import exporter, importer
from sphinx_readinglist.formats.common import Imported, to_yaml
from sphinx_readinglist.formats.markdown_out import from_rst

HERE = Path(__file__).parent
SAMPLES = HERE / "data" / "markdown"
DOCS = HERE.parent / "docs"

read = importer("markdown")
write = exporter("markdown")


def _read(text: str) -> Imported:
    return read(text, "list.md")


def _notes(imported: Imported) -> list[str]:
    return [f"{note.location.line}: {note.message}" for note in imported.notes]


def _checked(imported: Imported) -> list[dict[str, Any]]:
    """The entries as the YAML holds them, after checking that it has no problem."""
    text = to_yaml(imported, source="list.md")
    problems = load_text(text, "out.yaml").problems
    assert [problem.message for problem in problems] == []
    entries: list[dict[str, Any]] = yaml.safe_load(text)["resources"]
    return entries


# -- real lists, through the command ------------------------------------------


@pytest.mark.parametrize(
    ("name", "entries"),
    [("awesome-deep-learning.md", 406), ("awesome-nodejs.md", 591)],
)
def test_real_list_imports_and_checks_clean(
    name: str, entries: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "list.yaml"
    assert main(["import", "markdown", str(SAMPLES / name), "-o", str(out)]) == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["markup"] == "myst"
    assert len(data["resources"]) == entries
    capsys.readouterr()
    assert main(["check", str(out)]) == 0
    assert capsys.readouterr().out == ""


def test_real_list_maps_headings_items_and_nested_labels() -> None:
    imported = read((SAMPLES / "awesome-nodejs.md").read_text(encoding="utf-8"), "n.md")
    by_title = {entry["title"]: entry for entry in imported.entries}
    got = by_title["got"]
    assert got["url"] == "https://github.com/sindresorhus/got"
    assert got["tags"] == ["Packages", "HTTP"]
    assert got["description"] == "Nicer interface to the built-in `http` module."
    # "- Promises" holds a list: its text is a tag of the items in it
    assert by_title["pify"]["tags"] == ["Packages", "Control flow", "Promises"]
    # the header is HTML: noted, not read; no "Contents" entry
    assert _notes(imported) == [
        "1: the HTML here is not read (nor its links): write entries as "
        "Markdown list items, - [Title](url) - description"
    ]
    assert not any(entry["url"].startswith("#") for entry in imported.entries)


def test_real_list_notes_what_it_leaves_out() -> None:
    text = (SAMPLES / "awesome-deep-learning.md").read_text(encoding="utf-8")
    notes = _notes(read(text, "adl.md"))
    assert (
        "415: the relative address 'cil-ster.html' names a file beside the "
        "source, not a page of the documentation; it is left out: write the "
        "full address (https://...)"
    ) in notes
    assert (
        "447: the address 'ftp://ftp.vislist.com/IMAGERY/JISCT/' is left out: "
        "the scheme ftp: is not allowed (allowed: http:, https:, mailto:)"
    ) in notes
    assert (
        "677: the section 'Contributing' is the list's own matter: its links "
        "are not entries"
    ) in notes


def test_subprocess_import(tmp_path: Path) -> None:
    out = tmp_path / "nodejs.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_readinglist", "import", "markdown",
         str(SAMPLES / "awesome-nodejs.md"), "-o", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.endswith(
        "awesome-nodejs.md:1: note: the HTML here is not read (nor its links): "
        "write entries as Markdown list items, - [Title](url) - description\n"
    )
    assert out.read_text(encoding="utf-8").startswith(
        "# Imported from awesome-nodejs.md by sphinx-readinglist.\nmarkup: myst\n"
    )


# -- each mapping -------------------------------------------------------------

LIST = """\
# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)

> A list of things.

## Contents

- [Books](#books)
- [Talks](#talks)

## Books

- [Alpha](https://example.org/alpha) - The *first* book, with `code`.
- [Beta](https://example.org/beta) — Em dash.
- [Gamma](https://example.org/gamma) \u2013 En dash.
- [Delta](https://example.org/delta): Colon.
- **[Epsilon](https://example.org/epsilon)** - Bold link.
1. [Zeta](https://example.org/zeta) by Someone (2015)

### Old books

- [Eta](https://example.org/eta) - Read with [its errata](https://example.org/eta/errata).
  - [Slides](https://example.org/eta/slides)
  - [Video](https://example.org/eta/video)

## Talks

- [![Badge](https://img.shields.io/badge/x-y-green)](https://example.org/badge)
- [Theta](https://example.org/theta)
- Made by [someone](https://example.org/someone).
- [Iota](https://example.org/gamma) - The same address as Gamma.

## Contributing

- [Contribution guide](contributing.md)

## License

[![CC0](https://i.creativecommons.org/p/zero/1.0/88x31.png)](https://creativecommons.org/publicdomain/zero/1.0/)
"""


def test_each_mapping() -> None:
    imported = _read(LIST)
    entries = _checked(imported)
    assert [(e["title"], e["url"], e.get("tags")) for e in entries] == [
        ("Alpha", "https://example.org/alpha", ["Books"]),
        ("Beta", "https://example.org/beta", ["Books"]),
        ("Gamma", "https://example.org/gamma", ["Books", "Talks"]),
        ("Delta", "https://example.org/delta", ["Books"]),
        ("Epsilon", "https://example.org/epsilon", ["Books"]),
        ("Zeta", "https://example.org/zeta", ["Books"]),
        ("Eta", "https://example.org/eta", ["Books", "Old books"]),
        ("Theta", "https://example.org/theta", ["Talks"]),
    ]
    by_title = {entry["title"]: entry for entry in entries}
    assert by_title["Alpha"]["description"] == "The *first* book, with `code`."
    assert [by_title[t]["description"] for t in ("Beta", "Gamma", "Delta")] == [
        "Em dash.",
        "En dash.",
        "Colon.",
    ]
    assert by_title["Zeta"]["description"] == "by Someone (2015)"
    # further links and nested items are links; their text stays in the text
    assert by_title["Eta"]["description"] == "Read with its errata."
    assert by_title["Eta"]["links"] == [
        {"title": "its errata", "url": "https://example.org/eta/errata"},
        {"title": "Slides", "url": "https://example.org/eta/slides"},
        {"title": "Video", "url": "https://example.org/eta/video"},
    ]
    assert "description" not in by_title["Theta"]
    assert _notes(imported) == [
        "29: this list item does not start with a link, so it is no entry; "
        "write - [Title](url) - description",
        "30: https://example.org/gamma is listed at line 14 already: the entry "
        "is read once; that entry gets its tags Talks",
        "32: the section 'Contributing' is the list's own matter: its links "
        "are not entries",
        "36: the section 'License' is the list's own matter: its links are not entries",
    ]


def test_relative_and_unsafe_links_are_noted() -> None:
    imported = _read(
        "- [Guide](docs/guide.md) - Ours.\n"
        "- [Run](javascript:alert(1)) - Evil.\n"
        "- [Data](data:text/html,<script>alert(1)</script>)\n"
        "- [Old](//example.org/old) - No scheme.\n"
        "- [Post](https://example.org/post) - More: [bad](vbscript:x).\n"
    )
    entries = _checked(imported)
    assert [(e["title"], e.get("url")) for e in entries] == [
        ("Guide", None),
        ("Run", None),
        ("Data", None),
        ("Old", "https://example.org/old"),
        ("Post", "https://example.org/post"),
    ]
    assert _notes(imported) == [
        "1: the relative address 'docs/guide.md' names a file beside the "
        "source, not a page of the documentation; it is left out: write the "
        "full address (https://...)",
        "2: the address 'javascript:alert(1)' is left out: the scheme "
        "javascript: is not allowed (allowed: http:, https:, mailto:)",
        "3: the address 'data:text/html,<script>alert(1)</script>' is left "
        "out: the scheme data: is not allowed (allowed: http:, https:, mailto:)",
        "4: the address '//example.org/old' has no scheme; written as "
        "'https://example.org/old'",
        "5: the address 'vbscript:x' is left out: the scheme vbscript: is not "
        "allowed (allowed: http:, https:, mailto:)",
    ]


def test_the_title_heading_and_toc_are_not_tags() -> None:
    entries = _checked(_read("# My list\n\n- [A](https://a.org/)\n"))
    assert entries == [{"id": "a", "title": "A", "url": "https://a.org/"}]


def test_reference_links_autolinks_and_setext_headings() -> None:
    imported = _read(
        "My list\n=======\n\nBooks\n-----\n\n"
        "- [Alpha][a] - Referenced.\n"
        "- <https://example.org/auto> - Autolink.\n"
        "- [Beta] - Shortcut.\n\n"
        '[a]: https://example.org/alpha "Title"\n'
        "[beta]: <https://example.org/beta>\n"
    )
    assert [(e["title"], e["url"], e["tags"]) for e in _checked(imported)] == [
        ("Alpha", "https://example.org/alpha", ["Books"]),
        ("https://example.org/auto", "https://example.org/auto", ["Books"]),
        ("Beta", "https://example.org/beta", ["Books"]),
    ]


def test_description_markup_reads_the_same_in_myst() -> None:
    imported = _read(
        "- [A](https://a.org/) - Uses `a*b`, *emphasis*, 5 * 3 and snake_case, "
        "a_b_ <b>bold</b> & {role} $x$ |cell| \\* ~~gone~~.\n"
    )
    (entry,) = _checked(imported)
    assert entry["description"] == (
        "Uses `a*b`, *emphasis*, 5 \\* 3 and snake_case, a_b\\_ bold & "
        "\\{role\\} \\$x\\$ \\|cell\\| \\* \\~\\~gone\\~\\~."
    )


# -- attacks ------------------------------------------------------------------


def test_script_in_titles_is_text() -> None:
    imported = _read(
        "## <script>alert(1)</script>\n\n"
        "- [<script>alert(1)</script>](https://a.org/) - <img src=x onerror=alert(1)>\n"
        "- [&lt;b&gt;x&lt;/b&gt;](https://b.org/)\n"
    )
    entries = _checked(imported)
    # raw HTML is left out, its text kept; an entity is text, decoded once
    assert [(e["title"], e.get("tags"), e.get("description")) for e in entries] == [
        ("alert(1)", ["alert(1)"], None),
        ("<b>x</b>", ["alert(1)"], None),
    ]


@pytest.mark.parametrize(
    "href",
    [
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "java&#x09;script:alert(1)",
        "java\\\nscript:alert(1)",
        " javascript:alert(1)",
        "<javascript:alert(1)>",
    ],
)
def test_javascript_in_any_disguise_is_dropped(href: str) -> None:
    imported = _read(f"- [Click]({href}) - x\n")
    entries = [entry for entry in _checked(imported) if entry.get("url")]
    assert entries == []


def test_deep_nesting_is_noted_and_the_rest_read() -> None:
    deep = "- " * 5000 + "[deep](https://deep.org/)"
    text = (
        f"# T\n\n- [a](https://a.org/)\n\n{deep}\n\n## After\n\n- [b](https://b.org/)\n"
    )
    imported = _read(text)
    assert [(e["title"], e["tags"]) for e in imported.entries] == [
        ("a", []),
        ("b", ["After"]),
    ]
    assert _notes(imported) == [
        "5: lists or quotes nest deeper than 10 levels here; what they hold "
        "deeper is not read"
    ]


def test_a_hundred_thousand_levels() -> None:
    imported = _read("- " * 100_000 + "[x](https://x.org/)\n- [y](https://y.org/)\n")
    assert [entry["title"] for entry in imported.entries] == ["y"]
    assert _notes(imported) == [
        "1: the line has 200,019 characters, over 20,000; it is not read: no "
        "list item is that long"
    ]


def test_a_five_megabyte_line() -> None:
    text = "- [a](https://a.org/) - " + "*a " * 1_700_000 + "\n- [b](https://b.org/)\n"
    imported = _read(text)
    assert [entry["title"] for entry in imported.entries] == ["b"]
    assert _notes(imported) == [
        "1: the line has 5,100,024 characters, over 20,000; it is not read: no "
        "list item is that long"
    ]


def test_a_long_paragraph_is_not_parsed() -> None:
    text = "- [a](https://a.org/) - " + "*a \n" * 20_000 + "\n- [b](https://b.org/)\n"
    imported = _read(text)
    assert [entry["title"] for entry in imported.entries] == ["b"]
    assert _notes(imported) == [
        "1: the paragraph has 80,020 characters, over 50,000; it is not read"
    ]


def test_invisible_characters_are_removed_and_noted() -> None:
    imported = _read(
        "## Tools\u202e\n\n"
        "- [gnp.exe\u202e\u200b](https://a.org/) - x\n"
        "- [\u0645\u0631\u062d\u0628\u0627 \U0001f469\u200d\U0001f4bb](https://b.org/)\n"
        "- [nul\x00](https://c.org/)\n"
    )
    entries = _checked(imported)
    assert [(e["title"], e["tags"]) for e in entries] == [
        ("gnp.exe", ["Tools"]),
        ("\u0645\u0631\u062d\u0628\u0627 \U0001f469\u200d\U0001f4bb", ["Tools"]),
        ("nul\ufffd", ["Tools"]),
    ]
    assert _notes(imported) == [
        "1: the heading contained the invisible character U+202E "
        "(bidirectional controls or zero-width characters), removed; check "
        "that it reads as intended",
        "3: the title 'gnp.exe' contained the invisible characters U+200B, "
        "U+202E (bidirectional controls or zero-width characters), removed; "
        "check that it reads as intended",
    ]


def test_invisible_characters_in_descriptions_and_lone_surrogates() -> None:
    imported = _read(
        "- [lone\ud800](https://a.org/) - Read \u202eevil\u202c, then \x1b[31m\ud800.\n"
    )
    (entry,) = _checked(imported)
    assert (entry["title"], entry["description"]) == (
        "lone\ufffd",
        "Read evil, then  \\[31m\ufffd.",
    )
    assert _notes(imported) == [
        "1: the description of 'lone\ufffd' contained the invisible characters "
        "U+202C, U+202E (bidirectional controls or zero-width characters), "
        "removed; check that it reads as intended"
    ]


@pytest.mark.parametrize(
    "title",
    ["*a", "&b", "- c", "? d", "!!python/object:os.system", "e: f", "#g", "'h", "null"],
)
def test_yaml_significant_titles_stay_text(title: str) -> None:
    source = f"- [{title}](https://a.org/) - {title}\n"
    (entry,) = _checked(_read(source))
    assert entry["title"] == title


def test_empty_and_linkless_lists() -> None:
    assert _read("").entries == []
    assert _read("# Title only\n").entries == []
    assert _read("- just text\n- [](https://a.org/)\n").entries == []


def test_a_list_without_entries_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "empty.md"
    source.write_text("# Nothing\n\nJust text.\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    assert main(["import", "markdown", str(source), "-o", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"{source}:1: warning: no entry was found in it; is it a markdown "
        "file? Nothing was written [readinglist.file]\n"
    )
    assert not out.exists()


# -- export, and back ---------------------------------------------------------


def _addresses(resources: list[Resource]) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for resource in resources:
        url = resource.url or (
            f"https://doi.org/{resource.doi}" if resource.doi else None
        )
        if url is None and resource.arxiv:
            url = f"https://arxiv.org/abs/{resource.arxiv}"
        if url:
            found[(resource.title, url)] += 1
    return found


@pytest.mark.parametrize(
    "path",
    [
        HERE / "roots" / "test-awesome" / "awesome.yaml",
        *sorted((DOCS / "_data").glob("*.yaml")),
        *sorted((DOCS / "useful-resources" / "data").glob("*.yaml")),
    ],
    ids=lambda path: path.name,
)
def test_round_trip(path: Path) -> None:
    resources = list(load_file(path, path.name).resources)
    back = _read(write(resources))
    assert back.notes == []
    got = Counter((e["title"], e["url"]) for e in back.entries)
    assert got == _addresses(resources)


def test_round_trip_of_the_real_list_keeps_tags(tmp_path: Path) -> None:
    source = (SAMPLES / "awesome-nodejs.md").read_text(encoding="utf-8")
    first = tmp_path / "first.yaml"
    first.write_text(to_yaml(_read(source), source="n.md"), encoding="utf-8")
    resources = list(load_file(first, "first.yaml").resources)
    again = _read(write(resources)).entries
    # a README has one place per entry: under its first two tags
    assert sorted((e["title"], e["url"], e["tags"]) for e in again) == sorted(
        (r.title, r.url, list(r.tags[:2])) for r in resources
    )


def test_export_shape() -> None:
    text = (
        "markup: myst\nresources:\n"
        "  - {title: 'A [b]', url: 'https://a.org/(x)', tags: [Books, Old],"
        " description: 'Read *this*', links: [{title: S, url: 'https://s.org/'}]}\n"
        "  - {title: C, doi: 10.1000/xyz, tags: [Books]}\n"
        "  - {title: D, tags: [License]}\n"
    )
    resources = list(load_text(text, "x.yaml").resources)
    assert write(resources) == (
        "# Reading list\n\n## Contents\n\n"
        "- [Books](#books)\n  - [Old](#old)\n"
        "- [License (topic)](#license-topic)\n\n"
        "## Books\n\n"
        "- [C](https://doi.org/10.1000/xyz)\n\n"
        "### Old\n\n"
        "- [A \\[b\\]](https://a.org/\\(x\\)) - Read *this*.\n"
        "  - [S](https://s.org/)\n\n"
        "## License (topic)\n\n"
        "- D\n"
    )


def test_export_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "r.yaml"
    source.write_text("resources:\n  - {title: A, url: 'https://a.org/'}\n")
    out = tmp_path / "README.md"
    status = main(
        ["export", "markdown", str(source), "-o", str(out), "--title", "Awesome ML"]
    )
    assert status == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Awesome ML\n\n## Contents\n")
    # the title is no entry: the list reads back to its one entry
    assert [e["title"] for e in _read(text).entries] == ["A"]


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        # a line break would end the heading and start an entry of its own
        ("List\n- [x](javascript:alert(1))", "List - [x](javascript:alert(1))"),
        ("<script>x</script> *b* &amp; `c`", "<script>x</script> *b* &amp; `c`"),
        ("# Deep\n===", "# Deep ==="),
        ("  \t\n ", "Reading list"),
        # read backwards, hidden, or no character at all: left out
        ("Ev\u202eil\u200b list\x00!", "Evil list !"),
    ],
)
def test_a_hostile_title_stays_one_heading_of_text(title: str, shown: str) -> None:
    text = "resources:\n  - {title: A, url: 'https://a.org/'}\n"
    resources = list(load_text(text, "x.yaml").resources)
    written = write(resources, title=title)  # type: ignore[call-arg]
    tokens = MarkdownIt("commonmark").parse(written)
    assert [t.type for t in tokens[:3]] == ["heading_open", "inline", "heading_close"]
    # one line of plain text: no link, no HTML, no emphasis
    assert [child.type for child in tokens[1].children or []] == ["text"]
    assert tokens[1].children[0].content == shown  # type: ignore[index]
    assert [e["title"] for e in _read(written).entries] == ["A"]


def test_only_a_markdown_export_takes_a_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "r.yaml"
    source.write_text("resources:\n  - {title: A}\n")
    with pytest.raises(SystemExit) as exit_:
        main(["export", "bibtex", str(source), "--title", "T"])
    assert exit_.value.code == 2
    assert "--title is the heading of a markdown list" in capsys.readouterr().err


def test_rst_descriptions_become_text() -> None:
    assert from_rst(
        "A *classic*, ``code``, **bold**, `site <https://a.org/>`_, "
        ":resource:`other`, :ref:`the part <part>` and `js <javascript:x>`_ * 3."
    ) == (
        "A *classic*, `code`, **bold**, [site](https://a.org/), other, the "
        "part and js \\* 3."
    )


# -- the docs' example ("Migrating an awesome list") -------------------------


def test_docs_example_is_what_the_commands_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        (DOCS / "_data" / "awesome-reading-README.txt").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    imported = tmp_path / "awesome.yaml"
    assert main(["import", "markdown", str(readme), "-o", str(imported)]) == 0
    assert capsys.readouterr().err == (
        f"{readme}:22: note: the relative address 'notes/resnet.md' names a file "
        "beside the source, not a page of the documentation; it is left out: "
        "write the full address (https://...)\n"
        f"{readme}:24: note: the section 'Contributing' is the list's own "
        "matter: its links are not entries\n"
    )
    fixed = (DOCS / "_data" / "awesome-reading.yaml").read_text(encoding="utf-8")
    fix = "  url: https://github.com/example/awesome-dl-reading/blob/main/notes/resnet.md\n"
    assert imported.read_text(encoding="utf-8") == fixed.replace(fix, "")
    exported = tmp_path / "README-out.md"
    source = DOCS / "_data" / "awesome-reading.yaml"
    assert main(["export", "markdown", str(source), "-o", str(exported)]) == 0
    assert exported.read_text(encoding="utf-8") == (
        DOCS / "_data" / "awesome-reading-export.txt"
    ).read_text(encoding="utf-8")


def test_the_web_formats_need_neither_sphinx_nor_docutils() -> None:
    code = (
        "import sys\n"
        "class Blocked:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.partition('.')[0] in ('sphinx', 'docutils'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Blocked())\n"
        "from sphinx_readinglist.formats import exporter, importer\n"
        "entries = importer('markdown')('- [A](https://a.org/)', 'a.md').entries\n"
        "entries += importer('bookmarks')('<A HREF=\"https://b.org/\">B</A>', 'b').entries\n"
        "print(len(entries), exporter('markdown')([]).count('#'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "2 3\n", "")
