"""``import csl-json`` and ``export csl-json``: Zotero's and pandoc's CSL-JSON,
each mapping, each attack; and exports valid against the official CSL data
schema (``tests/data/csl/csl-data.json``, MIT, see its LICENSE).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sphinx_readinglist.cli import main
from sphinx_readinglist.data import load_file, load_text
from sphinx_readinglist.data.model import Location, Resource
from sphinx_readinglist.formats.common import Imported, to_yaml
from sphinx_readinglist.formats.csl_json import read, write

REPO = Path(__file__).parent.parent
DATA = REPO / "tests" / "data" / "csl"
SCHEMA = json.loads((DATA / "csl-data.json").read_text(encoding="utf-8"))
#: Real lists: a converted awesome list (367 entries) and the docs' showcase.
REAL_LISTS = [
    REPO / "tests" / "roots" / "test-awesome" / "awesome.yaml",
    *sorted((REPO / "docs" / "_data").glob("*.yaml")),
]


def notes(result: Imported) -> list[tuple[int, str]]:
    return [(note.location.line, note.message) for note in result.notes]


def yaml_problems(result: Imported) -> list[str]:
    return [
        p.message for p in load_text(to_yaml(result, source="x"), "x.yaml").problems
    ]


def valid(text: str) -> list[dict[str, Any]]:
    """The items of an export, validated against the CSL data schema."""
    items: list[dict[str, Any]] = json.loads(text)
    jsonschema.Draft7Validator(SCHEMA).validate(items)
    return items


def resource(**fields: object) -> Resource:
    return Resource(location=Location("x.yaml", 1), **fields)  # type: ignore[arg-type]


# -- real exports ------------------------------------------------------------------


def test_a_zotero_export_imports_and_passes_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "refs.yaml"
    assert main(["import", "csl-json", str(DATA / "zotero.json"), "-o", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert main(["check", str(out)]) == 0
    assert capsys.readouterr() == ("", "")
    by_id = load_file(out, "refs.yaml").by_id()
    assert len(by_id) == 26
    brittain = by_id["brittain2004"]
    # the short DOI 10/fqd6hj is no DOI of the YAML; the doi.org address gives it
    assert brittain.doi == "10.1177/0193723504268729"
    assert (brittain.kind, brittain.year, brittain.venue) == (
        "paper",
        2004,
        "Journal of Sport and Social Issues",
    )
    court = by_id["courtofarbitrationforsport2019"]
    assert court.authors == ("Court of Arbitration for Sport",)
    assert (court.kind, court.date) == ("website", "2019-03-21")
    assert by_id["duncan2002"].isbn == "978-0-203-01405-9"
    assert (
        f"{DATA / 'zotero.json'}:189: note: item 'fink2015': the short DOI '10/gfzrww' "
        "is not a DOI the YAML takes; it was left out: give the full DOI (10.NNNN/...)"
    ) in err


def test_pandoc_rich_text_titles_become_plain_text() -> None:
    result = read((DATA / "pandoc.json").read_text(encoding="utf-8"), "refs.json")
    assert yaml_problems(result) == []
    assert [entry["title"] for entry in result.entries] == [
        "The physical volcanology of the 1600 eruption of Huaynaputina, southern Peru",
        "Skizze zur Auslegungsgeschichte der Bücher Prouerbia und Ecclesiastes in der "
        "abendländischen Kirche",
        "Samuel Presbiter: Notes from the school of William de Montibus. Collecta ex "
        "diuersis auditis in scola magistri Willelmi de Monte",
        "The Gospel according to St. Matthew, from the St. Germain ms. (g1), now "
        "numbered Lat. 11553 in the National Library at Paris",
    ]
    wordsworth = result.entries[3]
    assert wordsworth["authors"] == [
        "John Wordsworth"
    ]  # the editor, for want of authors
    assert wordsworth["venue"] == "Clarendon Press"  # a book's publisher
    assert result.entries[0]["date"] == "2014-12-31"  # the start of a range


def test_python_m_imports_a_file() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_readinglist",
            "import",
            "csl-json",
            "pandoc.json",
        ],
        cwd=DATA,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "- id: adams2001\n" in done.stdout
    assert done.stderr.splitlines()[0] == (
        "pandoc.json:2: note: item 'Adams2001': the fields 'page', 'volume' have no "
        "place in the YAML; they were left out"
    )


# -- mapping ----------------------------------------------------------------------------


def test_mapping_of_every_field() -> None:
    result = read((DATA / "mapping.json").read_text(encoding="utf-8"), "refs.json")
    assert yaml_problems(result) == []
    paper, preprint, book, video = result.entries
    assert paper == {
        "kind": "paper",  # no id: a Zotero address is none
        "title": "Deep learning with LSTMs",
        "authors": ["Yann LeCun", "Ludwig van Beethoven", "Martin Luther King, Jr.",
                    "Google Brain Team"],
        "date": "2015-05-27",
        "venue": "Nature",
        "url": "https://www.nature.com/articles/nature14539",
        "doi": "10.1038/nature14539",
        "tags": ["deep learning", "review"],
        "abstract": "Deep learning allows \\*computational\\* models.\n\nSecond paragraph.",
    }  # fmt: skip
    assert preprint == {
        "id": "ioffe2015",
        "kind": "paper",
        "title": "Batch Normalization",
        "authors": ["Francis Bach"],
        "date": "2015-02",
        "arxiv": "1502.03167",
    }
    assert book == {
        "kind": "book",
        "title": "Deep Learning",
        "year": 2016,
        "venue": "MIT Press",
        "isbn": "9780262035613",
    }
    assert video == {"id": "video", "kind": "video", "title": "A talk on video"}
    assert notes(result) == [
        (2, "item 'http://zotero.org/users/local/abc/items/XYZ': the fields 'accessed', "
            "'note' have no place in the YAML; they were left out"),
        (30, "item 3: the address 'ftp://example.org/book' is left out: the scheme ftp: "
             "is not allowed (allowed: http:, https:, mailto:)"),
        (39, "item 'video': the date 2020-13 is not a date (there is no month 13 (months "
             "go from 01 to 12)); it was left out"),
        (39, "item 'video': 'doi' '10.1000 /wrong' contains a space, which no identifier "
             "holds; remove it, e.g. doi: 10.1038/nature14539; it was left out"),
        (46, "item 'notitle': it has no title; the reference was left out"),
        (50, "item 6 is not an object; it was left out"),
    ]  # fmt: skip


# -- attacks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [(1, "a CSL-JSON file is a JSON array of items ([{...}, ...]); this file "
                  "is not: export the items again as CSL JSON")]),
        ('{"items": []}', [(1, "a CSL-JSON file is a JSON array of items ([{...}, ...]); "
                               "this file is not: export the items again as CSL JSON")]),
        ("[]", []),
        ('[{"title": "A"},\n {"title": "B", "issued": NaN}]',
         [(2, "the file is not valid JSON from here (NaN is not a JSON number); the "
              "items after it were left out")]),
        ('[{"title": "A"},\n {"title": ',
         [(2, "the file is not valid JSON from here (Expecting value); the items after "
              "it were left out")]),
        ('[{"title": "A", "issued": {"date-parts": [[' + "9" * 5000 + "]]}}]",
         [(1, "the file is not valid JSON from here (a number too long to read); "
                "the items after it were left out")]),
        ('[{"title": "A", "x": ' + "[" * 100_000 + "]" * 100_000 + "}]",
         [(1, "the file is not valid JSON from here (arrays or objects nest too "
                "deep); the items after it were left out")]),
        ('[{"title": "A", "x": ' + "[" * 30 + "]" * 30 + "}]",
         [(1, "item 1 nests more than 20 levels; it was left out")]),
    ],
)  # fmt: skip
def test_broken_json_is_a_note_with_its_line(
    text: str, expected: list[tuple[int, str]]
) -> None:
    result = read(text, "refs.json")
    assert notes(result) == expected
    assert all(entry["title"] == "A" for entry in result.entries)


def test_wrong_types_odd_unicode_and_yaml_syntax_are_harmless() -> None:
    text = json.dumps(
        [
            {"id": "a", "title": "&a *b !!python/object:os.system # - : x"},
            {"id": "b", "title": ["not", "text"]},
            {"id": "c", "title": "C", "author": "Nobody", "issued": "2015"},
            {"id": "d", "title": "Lone \ud800 surrogate, NUL \x00, \u202eexe.gnp"},
            {"id": "e", "title": "E", "author": [{"family": 3}, "x", {"given": "Ann"}]},
            {"id": "f", "title": "F", "keyword": "a, " * 60},
        ]
    )
    result = read(text, "refs.json")
    assert yaml_problems(result) == []
    assert [entry["title"] for entry in result.entries] == [
        "&a *b !!python/object:os.system # - : x",
        "C",
        "Lone \ufffd surrogate, NUL , exe.gnp",
        "E",
        "F",
    ]
    assert result.entries[3]["authors"] == ["Ann"]
    assert result.entries[4]["tags"] == ["a"]
    assert notes(result) == [
        (1, "item 'b': the title is not text; it was left out"),
        (1, "item 'b': it has no title; the reference was left out"),
        (1, "item 'c': the names are not a list; they were left out"),
        (1, "item 'c': 'issued' is not a CSL date; it was left out"),
        (1, "item 'd': the title contained the invisible character U+202E "
            "(bidirectional controls or zero-width characters), removed; check that it "
            "reads as intended"),
    ]  # fmt: skip


# -- export ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", REAL_LISTS, ids=lambda path: path.stem)
def test_export_is_valid_csl_and_reads_back(path: Path) -> None:
    resources = load_file(path, path.name).resources
    items = valid(write(resources))
    assert [item["id"] for item in items] == [r.id for r in resources]
    back = read(write(resources), "refs.json")
    assert notes(back) == []
    assert [(e["id"], e["title"], e.get("url")) for e in back.entries] == [
        (r.id, r.title, r.url) for r in resources
    ]


def test_export_maps_kinds_names_and_identifiers() -> None:
    resources = [
        resource(id="a", title="A", kind="paper", venue="Proceedings of ICML",
                 authors=("Ludwig van Beethoven", "Martin Luther King, Jr.", "Plato")),
        resource(id="b", title="B", kind="paper", venue="Nature", date="2015-05"),
        resource(id="c", title="C", kind="paper", arxiv="1502.03167", year=2015),
        resource(id="d", title="D", kind="book", venue="MIT Press", isbn="978-0-262-03561-3"),
        resource(id="e", title="E", kind="blog", tags=("x", "y")),
        resource(id="f", title="F", kind="podcast"),
        resource(id="g", title="G"),
    ]  # fmt: skip
    items = valid(write(resources))
    assert [item["type"] for item in items] == [
        "paper-conference", "article-journal", "article", "book", "post-weblog",
        "broadcast", "document",
    ]  # fmt: skip
    assert items[0]["author"] == [
        {"family": "van Beethoven", "given": "Ludwig"},
        {"literal": "Martin Luther King, Jr."},
        {"literal": "Plato"},
    ]
    assert items[1]["issued"] == {"date-parts": [[2015, 5]]}
    assert (items[2]["DOI"], items[2]["number"]) == (
        "10.48550/arXiv.1502.03167",
        "arXiv:1502.03167",
    )
    assert (items[3]["publisher"], items[3]["ISBN"]) == (
        "MIT Press",
        "978-0-262-03561-3",
    )
    assert items[4]["keyword"] == "x, y"
    back = read(write(resources), "refs.json").entries
    assert back[0]["authors"] == [
        "Ludwig van Beethoven",
        "Martin Luther King, Jr.",
        "Plato",
    ]
    assert back[2]["arxiv"] == "1502.03167"
    assert [entry.get("kind") for entry in back] == [
        "paper", "paper", "paper", "book", "blog", "video", None,
    ]  # fmt: skip


def test_export_writes_the_plain_text_of_a_description() -> None:
    from sphinx_readinglist.data.model import Markup, Text

    source = (
        "Read **section 2**, *then* :resource:`adam` and `the code <https://x.org>`_;\n"
        "see [the paper](https://y.org) and ``x = 1``.\n\nA second\\_paragraph."
    )
    where = Location("x.yaml", 2)
    (item,) = valid(
        write(
            [resource(id="a", title="A", description=Text(source, Markup.RST, where))]
        )
    )
    assert item["abstract"] == (
        "Read section 2, then adam and the code; see the paper and x = 1.\n\n"
        "A second_paragraph."
    )
