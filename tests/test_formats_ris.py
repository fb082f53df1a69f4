"""``import ris``: RIS files of EndNote, Zotero and publishers (rispy's test
files, MIT, see tests/data/ris/LICENSE), each mapping, each attack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_readinglist.cli import main
from sphinx_readinglist.data import load_file, load_text
from sphinx_readinglist.formats.common import Imported, to_yaml
from sphinx_readinglist.formats.ris import read

DATA = Path(__file__).parent / "data" / "ris"


def notes(result: Imported) -> list[tuple[int, str]]:
    return [(note.location.line, note.message) for note in result.notes]


def yaml_problems(result: Imported) -> list[str]:
    return [
        p.message for p in load_text(to_yaml(result, source="x"), "x.yaml").problems
    ]


# -- real files -----------------------------------------------------------------------


def test_an_endnote_export_with_wrapped_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "refs.yaml"
    assert (
        main(["import", "ris", str(DATA / "example_endnote.ris"), "-o", str(out)]) == 0
    )
    capsys.readouterr()
    assert main(["check", str(out)]) == 0
    assert capsys.readouterr() == ("", "")
    (found,) = load_file(out, "refs.yaml").resources
    assert found.title == "EndNote: The Only Reference I Can Remember"
    assert found.authors == (
        "A. Nonymous Smith",
        "J. Doe",
        "N. Ote End",
        "E. Rence Ref",
    )
    # EndNote wraps a list onto lines without a tag: each is a keyword
    assert found.tags == (
        "citation", "reference", "library", "wizardry", "coffee", "procrastination",
        "EndNote", "RIS",
    )  # fmt: skip
    assert (found.doi, found.year, found.venue) == (
        "10.1234/endnote.joke.2024",
        2024,
        "Journal of Reference Management",
    )
    assert found.url == "https://www.endnote.com/"
    assert [(link.title, link.url) for link in found.links] == [
        ("Link", "https://www.reference-jokes.org/")
    ]


def test_records_numbered_outside_their_tags() -> None:
    result = read((DATA / "example_full.ris").read_text(encoding="utf-8"), "full.ris")
    assert yaml_problems(result) == []
    first, second = result.entries
    assert (first["title"], first["year"], first["tags"]) == (
        "Title of reference",
        2014,
        ["Pippi", "Nordwind", "Piraten"],
    )
    assert first["authors"] == ["Karl Marx", "Astrid Lindgren"]
    assert "url" not in second  # the same address as the first record's
    assert notes(result)[:3] == [
        (1, "text outside a record (before TY or after ER) was left out"),
        (20, "record 1 'Title of reference': the ISSN has no place in the YAML; it was "
             "left out"),
        (3, "record 1 'Title of reference': the tag ID (reference id) has no place in "
            "the YAML; it was left out"),
    ]  # fmt: skip


def test_a_short_title_stands_in_for_a_missing_title() -> None:
    result = read((DATA / "example_utf_chars.ris").read_text(encoding="utf-8"), "u.ris")
    (found,) = result.entries
    assert found["title"].startswith("Состояние рецепторного аппарата эндометрия")
    assert found["kind"] == "paper"  # "Journal Article", EndNote's name of JOUR
    assert all("ST" not in message for _, message in notes(result))


def test_a_byte_order_mark_is_no_tag(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_readinglist",
            "import",
            "ris",
            "example_bom.ris",
        ],
        cwd=DATA,
        capture_output=True,
        text=True,
        check=False,
    )
    # rispy's file has a DOI and no title: nothing to import, and said so
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "example_bom.ris:1: note: record 1: it has no title; the reference was left out",
        "example_bom.ris:1: warning: no entry was found in it; is it a ris file? "
        "Nothing was written [readinglist.file]",
    ]


# -- mapping -----------------------------------------------------------------------------


def test_mapping_of_every_tag() -> None:
    result = read((DATA / "mapping.ris").read_text(encoding="utf-8"), "refs.ris")
    assert yaml_problems(result) == []
    paper, book, page, podcast = result.entries
    assert paper == {
        "kind": "paper",
        "title": "Deep learning",
        "authors": ["Yann LeCun", "Yoshua Bengio", "Martin Luther King, Jr."],
        "date": "2015-05-27",
        "venue": "Nature",
        "url": "https://www.nature.com/articles/nature14539",
        "links": [
            {"title": "Link", "url": "https://example.org/mirror"},
            {"title": "PDF", "url": "https://example.org/deep-learning.pdf"},
        ],
        "doi": "10.1038/nature14539",
        "abstract": "Deep learning allows computational models that are composed of "
        "multiple layers.",
        "tags": ["deep learning", "neural networks", "review"],
    }
    assert book == {
        "kind": "book",
        "title": "Deep Learning",
        "authors": ["Ian Goodfellow"],
        "year": 2016,
        "venue": "MIT Press",
        "isbn": "978-0-262-03561-3",  # SN is an ISBN here, an ISSN above
    }
    assert page == {"kind": "website", "title": "A web page"}
    assert podcast == {"kind": "podcast", "title": "A podcast"}
    assert notes(result) == [
        (16, "record 1 'Deep learning': the ISSN has no place in the YAML; it was left out"),
        (17, "record 1 'Deep learning': the tag VL (volume) has no place in the YAML; it "
             "was left out"),
        (26, "record 2 'Deep Learning': the tag ET (edition) has no place in the YAML; it "
             "was left out"),
        (31, "record 3 'A web page': the address 'javascript:alert(1)' is left out: the "
             "scheme javascript: is not allowed (allowed: http:, https:, mailto:)"),
        (32, "record 3 'A web page': the tag Y2 (access date) has no place in the YAML; "
             "it was left out"),
        (33, "record 3 'A web page': the tag XX (unknown) has no place in the YAML; it "
             "was left out"),
        (38, "record 4 'A podcast': the date 2020-13-01 is not a date (there is no month "
             "13 (months go from 01 to 12)); it was left out"),
        (39, "record 4 'A podcast': 'isbn' '978-0-262-03561-4' has a wrong check digit: "
             "with these digits it would be 3, so a digit is probably mistyped; copy the "
             "ISBN from the book or its publisher; it was left out"),
        (42, "record 5: the type 'WHAT' has no kind of its own; the entry has none"),
        (42, "record 5: it has no title; the reference was left out"),
    ]  # fmt: skip


# -- attacks ----------------------------------------------------------------------------


def test_old_mac_line_ends_and_a_missing_er() -> None:
    text = "\ufeffTY  - JOUR\rTI  - One\rTY  - JOUR\rTI  - Two\rER  -\rTY  - BOOK\rTI  - Three\r"
    result = read(text, "refs.ris")
    assert [entry["title"] for entry in result.entries] == ["One", "Two", "Three"]
    assert notes(result) == [
        (1, "this record has no ER line; it ends where the next TY begins"),
        (6, "the last record has no ER line; it was read to the end"),
    ]


def test_injections_stay_text() -> None:
    text = (
        "TY  - JOUR\n"
        "TI  - &a *b !!python/object:os.system # - : [x] \u202eexe.gnp\x00\n"
        "AB  - .. raw:: html\n"
        "AB  - second abstract\n"
        "KW  - <script>alert(1)</script>\n"
        "UR  - data:text/html,<script>alert(1)</script>\n"
        "L1  - //example.org/file.pdf\n"
        "ER  -\n"
    )
    result = read(text, "refs.ris")
    assert yaml_problems(result) == []
    (found,) = result.entries
    assert found["title"] == "&a *b !!python/object:os.system # - : [x] exe.gnp"
    assert found["abstract"] == "\\.. raw:: html"  # escaped: no directive
    assert found["tags"] == ["<script>alert(1)</script>"]  # a tag is plain text
    assert "url" not in found
    assert found["links"] == [{"title": "PDF", "url": "https://example.org/file.pdf"}]
    assert [line for line, _ in notes(result)] == [2, 6, 7]


@pytest.mark.parametrize(
    "text", ["", "\ufeff", "\n\n", "ER  -\n", "TY  -\nER  -\n", "garbage\x00\n", "TY"]
)
def test_odd_files_give_no_entry_and_no_crash(text: str) -> None:
    assert read(text, "refs.ris").entries == []


def test_a_huge_field_is_left_out() -> None:
    result = read("TY  - JOUR\nTI  - " + "x" * 200_000 + "\nER  -\n", "refs.ris")
    assert result.entries == []
    assert notes(result)[0] == (
        2,
        "record 1 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx': the "
        "title is 200,000 characters long, more than 100,000; it was left out",
    )


MARKUP = (
    "*unbalanced `x` :role:`y` _target word_ |sub| [1]_ <b>",
    ".. raw:: html",
    "1. a list? No: a sentence that ends like a literal block::",
    "- a bullet, {role}`x`, $x^2$, ~~s~~, &copy; and [a](link)",
    "A. Smith wrote\n\n====\n\nUnder a line",
)


@pytest.mark.parametrize("header", ["", "markup: myst\n"], ids=["rst", "myst"])
def test_abstracts_show_as_written_in_both_syntaxes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, header: str
) -> None:
    source = tmp_path / "refs.ris"
    source.write_text(
        "".join(
            f"TY  - JOUR\nTI  - Entry {n}\nAB  - {text.replace(chr(10), ' ')}\nER  -\n"
            for n, text in enumerate(MARKUP)
        ),
        encoding="utf-8",
    )
    out = tmp_path / "refs.yaml"
    assert main(["import", "ris", str(source), "-o", str(out)]) == 0
    if header:  # the same file, read as MyST
        text = out.read_text(encoding="utf-8")
        out.write_text(header + text.split("\n", 1)[1], encoding="utf-8")
    capsys.readouterr()
    # check parses each abstract as a build would, and finds no markup in them
    assert main(["check", str(out)]) == 0
    assert capsys.readouterr() == ("", "")
