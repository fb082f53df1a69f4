"""``import bibtex`` and ``export bibtex``: real Zotero exports, each mapping,
each attack; and exports that compile and read back with bibtexparser and
pybtex to the same text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string

from sphinx_readinglist.cli import main
from sphinx_readinglist.data import load_file, load_text
from sphinx_readinglist.data.model import Location, Resource
from sphinx_readinglist.formats._latex import _decoder, _fast, decode, escape
from sphinx_readinglist.formats.bibtex import read, write
from sphinx_readinglist.formats.common import Imported, to_yaml

REPO = Path(__file__).parent.parent
DATA = REPO / "tests" / "data" / "bibtex"
#: Real lists: a converted awesome list (367 entries) and the docs' showcase.
REAL_LISTS = [
    REPO / "tests" / "roots" / "test-awesome" / "awesome.yaml",
    *sorted((REPO / "docs" / "_data").glob("*.yaml")),
]


def imported(text: str) -> Imported:
    return read(text, "refs.bib")


def entry(text: str) -> dict[str, object]:
    """The one entry of ``text``."""
    result = imported(text)
    assert len(result.entries) == 1, result.notes
    return result.entries[0]


def notes(result: Imported) -> list[tuple[int, str]]:
    return [(note.location.line, note.message) for note in result.notes]


def yaml_problems(result: Imported) -> list[str]:
    """What loading the YAML of ``result`` reports: nothing, always."""
    return [
        p.message for p in load_text(to_yaml(result, source="x"), "x.yaml").problems
    ]


def resource(**fields: object) -> Resource:
    return Resource(location=Location("x.yaml", 1), **fields)  # type: ignore[arg-type]


# -- a real Zotero library ----------------------------------------------------------


def test_a_better_bibtex_export_imports_with_its_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "refs.yaml"
    status = main(["import", "bibtex", str(DATA / "better-bibtex.bib"), "-o", str(out)])
    _, err = capsys.readouterr()
    assert status == 0
    reading_list = load_file(out, "refs.yaml")
    assert reading_list.problems == ()
    assert len(reading_list.resources) == 36  # 38 blocks, two JabRef @comments
    by_id = reading_list.by_id()
    agassi = by_id["agassi-1982-scientificphilosophytoday"]
    assert agassi.title == "Scientific philosophy today: Essays in honor of Mario Bunge"
    assert agassi.authors == ("Joseph Agassi", "R. S. Cohen")  # the editors
    assert (agassi.kind, agassi.year, agassi.venue) == (
        "book",
        1982,
        "D. Reidel - Kluwer",
    )
    assert agassi.isbn == "978-90-277-1262-2"  # the first of two
    assert agassi.tags == ("Bunge Mario", "Philosophy", "Science")
    turn = by_id["bunge-1967-turntide"]
    assert turn.doi == "10.1007/978-3-642-88026-1_1"
    assert (
        by_id["villanueva-1991-consciousness"].isbn == "092492201X"
    )  # "(PBK)" dropped
    assert (
        f"{DATA / 'better-bibtex.bib'}:48: note: entry 'Apostol-1985-MarioBungesCritical': "
        "the fields 'eprint', 'eprinttype', 'groups', 'issn', 'langid', 'number', "
        "'pages', 'timestamp', 'urldate', 'volume' have no place in the YAML; they "
        "were left out"
    ) in err.splitlines()


def test_the_import_passes_check_without_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "refs.yaml"
    assert main(["import", "bibtex", str(DATA / "attacks.bib"), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["check", str(out)]) == 0
    assert capsys.readouterr() == ("", "")


def test_python_m_imports_a_file(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_readinglist", "import", "bibtex", "mapping.bib"],
        cwd=DATA,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "# Imported from mapping.bib by sphinx-readinglist.\n"
    )
    assert (
        "title: 'Dropout: A Simple Way to Prevent Neural Networks from Overfitting'"
        in (done.stdout)
    )


# -- mapping ---------------------------------------------------------------------------


def test_mapping_of_every_field() -> None:
    result = imported((DATA / "mapping.bib").read_text(encoding="utf-8"))
    assert yaml_problems(result) == []
    dropout, batchnorm, adam, book, dataset, future = result.entries
    assert dropout == {
        "id": "srivastava2014",
        "kind": "paper",
        "title": "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
        "authors": ["Nitish Srivastava", "Geoffrey E. Hinton", "Péter Öztürk",
                    "Google Brain Team", "Ludwig van Beethoven", "Martin Luther King, Jr."],
        "date": "2014-06",
        "venue": "Journal of Machine Learning Research (JMLR)",
        "url": "https://jmlr.org/papers/v15/srivastava14a.html",
        "doi": "10.5555/2627435.2670313",
        "tags": ["regularization", "neural networks"],
        "abstract": "Deep nets with \\*many\\* parameters: 50% better.",
    }  # fmt: skip
    # arXiv's own DOI is the arXiv id, not a DOI
    assert batchnorm == {
        "id": "ioffe2015",
        "kind": "paper",
        "title": "Batch Normalization",
        "date": "2015-02-11",
        "arxiv": "1502.03167",
    }
    assert adam["arxiv"] == "1412.6980"  # from the arxiv.org address
    assert adam["kind"] == "website"
    assert book["isbn"] == "978-0-262-03561-3"  # the first ISBN with a right digit
    assert dataset == {
        "id": "imagenet",
        "kind": "paper",  # the type has no kind, the arXiv id makes it a preprint
        "title": "ImageNet",
        "year": 2009,
        "arxiv": "0901.0001",
    }
    assert future == {"id": "future", "title": "A Date Out of Range"}
    assert notes(result) == [
        (2, "@string 'broken': no @string 'nowhere' is defined; it was left out"),
        (5, "entry 'srivastava2014': the fields 'note', 'pages' have no place in the "
            "YAML; they were left out"),
        (28, "entry 'kingma2014': 'doi' '10.1000 /wrong' contains a space, which no "
             "identifier holds; remove it, e.g. doi: 10.1038/nature14539; it was left out"),
        (36, "entry 'imagenet': the type @dataset has no kind of its own; the entry "
             "has none"),
        (39, "entry 'imagenet': 'isbn' '978-0-262-03561-4' has a wrong check digit: with "
             "these digits it would be 3, so a digit is probably mistyped; copy the ISBN "
             "from the book or its publisher; it was left out"),
        (46, "entry 'future': the date 2024-02-30 is not a date (February 2024 has 29 "
             "days); it was left out"),
    ]  # fmt: skip


def test_latex_math_becomes_text_and_unknown_commands_their_argument() -> None:
    found = entry(r"@misc{a, title = {{$\alpha$-stable $k$-means in \emph{$O(n^2)$}}}}")
    assert found["title"] == "\u03b1-stable k-means in O(n^2)"


def test_a_missing_title_duplicate_key_and_broken_block_are_notes() -> None:
    result = imported(
        "@misc{a, author = {Nobody}}\n"
        "@misc{b, title = {B}}\n"
        "@misc{b, title = {B again}}\n"
        "@misc{c, title = {unbalanced\n"
        "@misc{d, title = {D}}\n"
        '@preamble{"\\newcommand{\\x}{y}"}\n'
        "@comment{ignored}\n"
    )
    assert [e["id"] for e in result.entries] == ["b", "d"]
    assert notes(result) == [
        (1, "entry 'a': it has no title; the reference was left out"),
        (3, "a second entry with the key 'b'; it was left out: give it a key of its own"),
        (4, "this block could not be read (Unexpected block start: `@misc`. Was still "
            "looking for field-value closing `}`); it was left out: check its braces and "
            "quotes"),
        (6, "the @preamble has no place in the YAML; it was left out"),
    ]  # fmt: skip


def test_unsafe_and_relative_addresses_are_left_out() -> None:
    result = imported(
        "@misc{a, title = {A}, url = {javascript:alert(1)}}\n"
        "@misc{b, title = {B}, url = {slides/b.pdf}}\n"
        "@misc{c, title = {C}, url = {https://example.org/c}}\n"
        "@misc{d, title = {D}, url = {https://www.example.org/c/}}\n"
    )
    assert [e.get("url") for e in result.entries] == [
        None, None, "https://example.org/c", None,
    ]  # fmt: skip
    assert [line for line, _ in notes(result)] == [1, 2, 4]
    assert notes(result)[0][1] == (
        "entry 'a': the address 'javascript:alert(1)' is left out: the scheme "
        "javascript: is not allowed (allowed: http:, https:, mailto:)"
    )
    assert notes(result)[2][1] == (
        "entry 'd': the URL 'https://www.example.org/c/' is also the address of entry "
        "'c'; it was left out, since one address in two entries is reported"
    )


# -- attacks -------------------------------------------------------------------------


def test_attacks_give_plain_text_and_notes_never_a_crash() -> None:
    result = imported((DATA / "attacks.bib").read_text(encoding="utf-8"))
    assert yaml_problems(result) == []
    assert [e["title"] for e in result.entries] == [
        "and 18ls",  # \\input{/etc/passwd} and \\write18{ls}: the commands dropped
        "&a *b !!python/object:os.system # - : [x] {y}",
        "Reversed exe.gnp",
        "Laughs",
        "After the nests",
    ]
    assert "input" not in to_yaml(result, source="x")
    assert notes(result) == [
        (16, "entry 'nest': field 'title' is 100,004 characters long, more than "
             "100,000; it was left out"),
        (18, "entry 'deep': field 'title' nests braces more than 64 deep; it was left out"),
        (19, "@string 'a': no @string 'a' is defined; it was left out"),
        (22, "@string 'd' expands to more than 100,000 characters; it was left out"),
        (23, "entry 'laughs': field 'title': no @string 'd' is defined; it was left out"),
        (13, "entry 'bidi': the title contained the invisible characters U+200B, U+202E "
             "(bidirectional controls or zero-width characters), removed; check that it "
             "reads as intended"),
        (15, "entry 'nest': it has no title; the reference was left out"),
        (18, "entry 'deep': it has no title; the reference was left out"),
    ]  # fmt: skip


def test_a_ten_megabyte_title_is_left_out() -> None:
    result = imported("@misc{big, title = {" + "x" * 10_000_000 + "}}\n")
    assert result.entries == []
    assert notes(result) == [
        (1, "entry 'big': field 'title' is 10,000,000 characters long, more than "
            "100,000; it was left out"),
        (1, "entry 'big': it has no title; the reference was left out"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    ["", "\ufeff", "no entry here", "@", "@misc{", "}}}}", "@string{x = }", "\x00"],
)
def test_odd_files_give_no_entry_and_no_crash(text: str) -> None:
    assert imported(text).entries == []


def test_crlf_line_ends_keep_the_lines() -> None:
    result = imported(
        "% header\r\n\r\n@misc{a,\r\n  title = {T},\r\n  pages = {1}\r\n}\r\n"
    )
    assert result.entries == [{"id": "a", "title": "T"}]
    assert notes(result) == [
        (3, "entry 'a': the field 'pages' has no place in the YAML; it was left out")
    ]


# -- export ---------------------------------------------------------------------------


def bibtexparser_read(text: str) -> dict[str, dict[str, object]]:
    """Each entry's fields as bibtexparser 2 reads them, LaTeX decoded."""
    library = parse_string(
        text,
        append_middleware=[
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    assert library.failed_blocks == []
    found = {}
    for block in library.entries:
        fields: dict[str, object] = {}
        for key, value in block.items():
            if key in ("author", "editor"):
                fields[key] = [
                    decode(
                        " ".join(p.first + p.von + p.last)
                        + (", " + " ".join(p.jr) if p.jr else "")
                    )
                    for p in value
                ]
            elif key not in ("ID", "ENTRYTYPE"):
                fields[key.lower()] = value if key in ("url", "doi") else decode(value)
        found[block.key] = fields
    return found


def pybtex_read(text: str) -> dict[str, dict[str, object]]:
    """Each entry's fields as pybtex reads them, LaTeX decoded."""
    # pybtex ships no type information
    import pybtex.database  # type: ignore[import-untyped]

    database = pybtex.database.parse_string(text, "bibtex")
    found = {}
    for key, data in database.entries.items():
        fields: dict[str, object] = {
            name.lower(): value if name.lower() in ("url", "doi") else decode(value)
            for name, value in data.fields.items()
        }
        if "author" in data.persons:
            fields["author"] = [
                decode(" ".join(p.first_names + p.middle_names + p.prelast_names + p.last_names)
                       + (", " + " ".join(p.lineage_names) if p.lineage_names else ""))
                for p in data.persons["author"]
            ]  # fmt: skip
        found[key] = fields
    return found


@pytest.mark.parametrize("path", REAL_LISTS, ids=lambda path: path.stem)
def test_export_reads_back_with_bibtexparser_and_pybtex(path: Path) -> None:
    resources = load_file(path, path.name).resources
    assert resources
    text = write(resources)
    for reader in (bibtexparser_read, pybtex_read):
        found = reader(text)
        assert list(found) == [r.id for r in resources]
        for r in resources:
            fields = found[r.id]
            assert fields["title"] == r.title
            assert fields.get("author", []) == list(r.authors)
            year = r.year or (int(r.date[:4]) if r.date else None)
            assert fields.get("year") == (str(year) if year else None)
            assert fields.get("url") == r.url


def test_export_escapes_every_special_character() -> None:
    nasty = r"\input{/etc/passwd} \write18{rm} # $ % & ~ _ ^ { < > | \\ @"
    text = write(
        [
            resource(
                id="nasty",
                title=nasty,
                authors=("Martin Luther King, Jr.", "Procter and Gamble", "A} B"),
                venue="Venue {unbalanced",
                kind="paper",
                url="https://example.org/a{b}\\c",
                tags=("c++", "50%"),
            )
        ]
    )
    assert "\\input{" not in text and "\\write18{" not in text
    for reader in (bibtexparser_read, pybtex_read):
        fields = reader(text)["nasty"]
        assert fields["title"] == nasty
        assert fields["author"] == [
            "Martin Luther King, Jr.",
            "Procter and Gamble",
            "A} B",
        ]
        assert fields["journal"] == "Venue {unbalanced"
        assert fields["url"] == "https://example.org/a%7Bb%7D%5Cc"
        assert fields["keywords"] == "c++, 50%"


def test_export_types_by_kind_and_venue() -> None:
    resources = [
        resource(id="a", title="A", kind="paper", venue="Proceedings of ICML"),
        resource(id="b", title="B", kind="paper", venue="Nature"),
        resource(id="c", title="C", kind="paper", arxiv="1502.03167"),
        resource(
            id="d", title="D", kind="book", venue="MIT Press", isbn="978-0-262-03561-3"
        ),
        resource(id="e", title="E", kind="blog", url="https://example.org/"),
        resource(id="f", title="F", kind="video"),
    ]
    text = write(resources)
    assert [line for line in text.splitlines() if line.startswith("@")] == [
        "@inproceedings{a,", "@article{b,", "@misc{c,", "@book{d,", "@online{e,", "@misc{f,",
    ]  # fmt: skip
    assert "  eprint = {1502.03167},\n  archivePrefix = {arXiv}," in text
    back = read(text, "x.bib").entries
    # a @misc with an arXiv id is a preprint
    assert [e.get("kind") for e in back] == [
        "paper",
        "paper",
        "paper",
        "book",
        "website",
        None,
    ]
    assert back[2]["arxiv"] == "1502.03167"
    assert back[3]["isbn"] == "978-0-262-03561-3"


def test_escape_and_decode_are_inverse_on_any_text() -> None:
    for text in ("plain", "a_b & c", "}{", "\\", "x^2 ~ y", "50% of $5", "<b>|</b>"):
        assert decode(escape(text)) == text


def test_a_broken_block_is_one_note_and_nothing_else(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "refs.bib"
    source.write_text("@misc{a, title = {A}\n@misc{b, title = {B}}\n", encoding="utf-8")
    assert main(["import", "bibtex", str(source), "-o", str(tmp_path / "o.yaml")]) == 0
    # bibtexparser logs the block it could not read; only the note is printed
    assert capsys.readouterr().err == (
        f"{source}:1: note: this block could not be read (Unexpected block start: "
        "`@misc`. Was still looking for field-value closing `,` or `}`); it was left "
        "out: check its braces and quotes\n"
    )


@pytest.mark.parametrize(
    "text",
    [r'{\"O}zt{\"u}rk', r"P{\'e}ter", r"\c{c}a \c c", r"{\ss}e", r"\o{}r", r"\'\i",
     r"\v{S}koda", r"Tom \& Jerry", r"50\% \$5 \#1 a\_b", r"\{x\}", r"{\aa}ngstr{\"o}m",
     r"\AE{}sop", r"\H{o} \k{a} \r{u} \u{g} \=a \.z \^o \`a \~n", r'\"{\i}'],
)  # fmt: skip
def test_the_fast_decoding_of_accents_is_the_decoders(text: str) -> None:
    fast = _fast(text)
    assert fast is not None
    assert fast == _decoder().latex_to_text(text)


def test_the_example_of_the_from_zotero_page_is_what_import_writes() -> None:
    """docs/from-zotero.md shows the notes and the YAML of this file (in the
    form of Zotero's own BibTeX export: tabs, braced capitals, urldate)."""
    page = (REPO / "docs" / "from-zotero.md").read_text(encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_readinglist",
            "import",
            "bibtex",
            "My Library.bib",
        ],
        cwd=DATA,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert f"```yaml\n{done.stdout}```" in page
    shown = page.split("```console\n$ sphinx-readinglist import bibtex")[1]
    assert shown.split("\n", 1)[1].startswith(done.stderr)
