"""The YAML loader on its own: no Sphinx, just data in and resources out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sphinx_readinglist.data import Limits, Markup, ReadingList, load_file, load_text
from sphinx_readinglist.data.loader import FileCache
from sphinx_readinglist.data.urls import unsafe_url_reason
from sphinx_readinglist.data.validate import slugify


def load(text: str, **kwargs: object) -> ReadingList:
    return load_text(text, "reading.yaml", **kwargs)  # type: ignore[arg-type]


def messages(reading_list: ReadingList) -> list[str]:
    return [
        f"{p.location.line}: {p.message} [{p.subtype}]" for p in reading_list.problems
    ]


def test_a_full_entry_becomes_a_resource() -> None:
    data = load(
        """\
markup: myst
resources:
  - id: lecun2015
    title: "Deep   learning"
    url: https://www.nature.com/articles/nature14539
    authors: [Yann LeCun, Yoshua Bengio, Geoffrey Hinton]
    date: 2015-05-27
    venue: Nature
    kind: paper
    level: intermediate
    tags: deep-learning, review
    description: |
      A *review*.
    links:
      - {title: PDF, url: https://example.org/a.pdf}
    translations: {fr: https://example.org/fr}
"""
    )
    assert data.problems == ()
    (resource,) = data.resources
    assert resource.id == "lecun2015"
    assert resource.title == "Deep learning"
    assert resource.authors == ("Yann LeCun", "Yoshua Bengio", "Geoffrey Hinton")
    assert (resource.year, resource.date) == (2015, "2015-05-27")
    assert resource.tags == ("deep-learning", "review")
    assert resource.location.line == 3
    assert resource.description is not None
    assert resource.description.markup is Markup.MYST
    # the block scalar's text starts the line after "description: |"
    assert resource.description.location.line == 13
    assert resource.links[0].url == "https://example.org/a.pdf"
    assert resource.translations == (("fr", "https://example.org/fr"),)


def test_a_bare_list_and_defaults() -> None:
    data = load("- title: One\n- title: Two\n  kind: book\n")
    assert [r.id for r in data.resources] == ["one", "two"]
    data = load(
        "defaults: {kind: paper, level: advanced}\n"
        "resources:\n  - title: A\n  - {title: B, kind: book}\n"
    )
    assert [(r.kind, r.level) for r in data.resources] == [
        ("paper", "advanced"),
        ("book", "advanced"),
    ]


def test_slugs_are_html_ids() -> None:
    assert slugify("Dropout: A Simple Way") == "dropout-a-simple-way"
    assert slugify("Équations & co.") == "equations-co"
    assert slugify("!!!") == "resource"


@pytest.mark.parametrize(
    ("yaml", "expected"),
    [
        (
            "- title: A\n  titel: x\n",
            "2: entry 'A': unknown field 'titel'; did you mean 'title'? To keep "
            "it, move it under extra, as in extra: {titel: ...} [data]",
        ),
        (
            "- title: A\n  year: soon\n",
            "2: entry 'A': 'year' must be an integer, got 'soon'; write e.g. year: 2015 [data]",
        ),
        (
            "- title: A\n  year: 15\n",
            "2: entry 'A': 'year' 15 is not a plausible year; write e.g. year: 2015 [data]",
        ),
        (
            "- title: A\n  kind: papper\n",
            "did you mean 'paper'? [data]",
        ),
        (
            "- title: A\n  id: has space\n",
            "2: entry 'A': 'id' 'has space' cannot be an HTML id",
        ),
        (
            "- title: A\n  authors: [Ann, 3]\n",
            "2: entry 'A': authors[2] must be a non-empty string, got 3, which YAML "
            "reads as a number; it is left out; quote it: '3' [data]",
        ),
        ("- 42\n", "1: entry #1 must be a mapping of fields, got 42"),
        (
            "- year: 2015\n",
            "1: entry #1 has no 'title'; write e.g. title: Deep learning; the entry is skipped [data]",
        ),
        (
            "- title: A\n  title: B\n",
            "2: entry 'A': duplicate key 'title' (first at line 1); the second is ignored",
        ),
        ("", "1: the data is empty, not a list of resources"),
        ("just text\n", "1: the data is 'just text', not a list of resources"),
        (
            "resources:\n",
            "1: 'resources' must be a list of entries, got nothing (null)",
        ),
        (
            "resources: {title: A}\n",
            "1: 'resources' must be a list of entries, got a mapping",
        ),
        ("resource:\n  - title: A\n", "did you mean 'resources'?"),
        (
            "- title: A\n\t- title: B\n",
            "indent with spaces; YAML does not allow tabs [file]",
        ),
        ("- title: 'A\n", "close the quote"),
        ("- !!python/object:os.system {title: A}\n", "remove the tag"),
    ],
)
def test_each_problem_is_located_and_explained(yaml: str, expected: str) -> None:
    found = messages(load(yaml))
    assert any(expected in message for message in found), found


def test_a_bad_entry_does_not_hide_its_neighbours() -> None:
    data = load(
        "- title: Good one\n"
        "- year: 2015\n"
        "- title: Bad fields\n  year: soon\n  kind: nope\n"
        "- title: Also good\n"
    )
    assert [r.title for r in data.resources] == ["Good one", "Bad fields", "Also good"]
    bad = data.resources[1]
    assert bad.year is None and bad.kind is None


def test_duplicate_ids_keep_both_entries() -> None:
    data = load("- {title: A, id: x}\n- {title: B, id: x}\n")
    assert [r.id for r in data.resources] == ["x", "x-2"]
    assert "duplicate id 'x' (first at line 1)" in data.problems[0].message
    assert data.problems[0].subtype == "duplicate"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "&#106;avascript:alert(1)",
        "&amp;#106;avascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ],
)
def test_unsafe_urls_are_not_linked(url: str) -> None:
    assert unsafe_url_reason(url, ("http", "https", "mailto")) is not None
    # JSON strings are YAML double-quoted scalars, escapes included
    data = load_text(f"- title: A\n  url: {json.dumps(url)}\n", "reading.yaml")
    assert data.resources[0].url is None
    assert data.problems[0].subtype == "unsafe"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=1&c=2",
        "http://x.org",
        "mailto:a@b.org",
        "../page.html",
        "#anchor",
    ],
)
def test_safe_urls_pass(url: str) -> None:
    assert unsafe_url_reason(url, ("http", "https", "mailto")) is None


@pytest.mark.parametrize(
    ("url", "schemes", "reason"),
    [
        ("", ("https",), "it is empty"),
        (" \t", ("https",), "it is empty"),
        (
            "javascript:alert(1)",
            ("http", "https", "mailto"),
            "the scheme javascript: is not allowed (allowed: http:, https:, mailto:)",
        ),
        (
            " java\tscript:alert(1)",
            ("https",),
            "the scheme javascript: is not allowed (allowed: https:)",
        ),
        (
            "javascript:alert(1)",
            ("https", "javascript"),
            "the scheme javascript: can run code in the reader's browser and is "
            "never linked, even if readinglist_url_schemes lists it",
        ),
        (
            "https://example.org/a b",
            ("https",),
            "it contains spaces or control characters; percent-encode them",
        ),
        (
            "https://good.example\\@evil.example/",
            ("https",),
            "it contains a backslash, which browsers read as '/'; write '/', "
            "or %5C for a backslash",
        ),
    ],
)
def test_each_reason_to_refuse_a_url_word_for_word(
    url: str, schemes: tuple[str, ...], reason: str
) -> None:
    assert unsafe_url_reason(url, schemes) == reason


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, prev in zip("bcdefgh", "abcdefg", strict=True):
        rows.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]")
    data = load("\n".join(rows) + "\n", limits=Limits(max_nodes=10_000))
    assert data.resources == ()
    assert "expands to more than 10,000 values" in data.problems[0].message


def test_body_lines_are_shifted_to_the_document() -> None:
    data = load("- title: A\n  year: soon\n", first_line=20)
    assert data.problems[0].location.line == 21
    assert data.resources[0].location.line == 20


def test_files(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_bytes("\ufeffresources:\r\n  - title: Café\r\n".encode())
    assert [r.title for r in load_file(good, "good.yaml").resources] == ["Café"]

    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("resources:\n  - title: Caf\xe9\n".encode("latin-1"))
    data = load_file(latin1, "latin1.yaml")
    assert data.problems[0].location.line == 2
    assert "not UTF-8" in data.problems[0].message

    data = load_file(good, "good.yaml", limits=Limits(max_bytes=10))
    assert "over the limit of 10" in data.problems[0].message

    data = load_file(tmp_path / "missing.yaml", "missing.yaml")
    assert "cannot read the file" in data.problems[0].message


def test_merge_keys_follow_yaml_and_a_bad_merge_loses_only_itself() -> None:
    data = load(
        "base: &base {kind: paper, level: advanced}\n"
        "resources:\n"
        "  - <<: *base\n    title: Merged\n    kind: book\n"
        "  - <<: 3\n    title: Bad merge\n"
        "  - title: Neighbour\n"
    )
    assert [(r.title, r.kind, r.level) for r in data.resources] == [
        ("Merged", "book", "advanced"),  # a key written here beats a merged one
        ("Bad merge", None, None),
        ("Neighbour", None, None),
    ]
    assert messages(data)[1:] == [
        "6: entry 'Bad merge': '<<' merges mappings into this one, but its value "
        "is not a mapping or a list of them; it is left out: write e.g. "
        "<<: *base [data]"
    ]


def test_values_python_refuses_are_kept_as_written() -> None:
    data = load(
        "- title: A\n  date: 2015-02-30\n"
        f"- title: B\n  year: {'9' * 5000}\n"
        "- title: C\n  date: 2015-05-27 10:30:00\n"
    )
    assert [(r.title, r.year, r.date) for r in data.resources] == [
        ("A", None, None),
        ("B", None, None),
        ("C", 2015, "2015-05-27"),
    ]
    assert [p.location.line for p in data.problems] == [2, 4]
    assert "is not a day of the calendar" in data.problems[0].message
    assert "'year' 99999" in data.problems[1].message
    assert "is not a plausible year" in data.problems[1].message


def test_a_date_where_text_is_expected_is_kept_as_written() -> None:
    # YAML reads both as dates (a timestamp needs its seconds)
    data = load(
        "- title: 2015-01-01 10:00:00\n  venue: 2015-05-27\n  date: 2015-05-27\n"
    )
    assert data.problems == ()
    [resource] = data.resources
    assert (resource.title, resource.venue) == ("2015-01-01 10:00:00", "2015-05-27")
    assert resource.date == "2015-05-27"


def test_control_characters_are_removed_from_every_value() -> None:
    data = load(
        '- title: "\\x01A\\x02"\n'
        '  authors: ["Ann\\x07", "Bob\\x1b"]\n'
        '  links: [{title: "S\\x01", url: "https://x.org/\\x02"}]\n'
    )
    [resource] = data.resources
    assert resource.title == "A"
    assert resource.authors == ("Ann", "Bob")
    assert [(link.title, link.url) for link in resource.links] == [
        ("S", "https://x.org/")
    ]
    assert [p.message.split(" contains")[0] for p in data.problems] == [
        "entry 'A': 'title'",
        "entry 'A': 'authors'",
        "entry 'A': 'links'",
    ]


def test_keys_that_are_not_text() -> None:
    data = load(
        "- title: A\n"
        "  ? [a, b]\n  : c\n"
        "  ? !!python/name:os.system x\n  : d\n"
        "  translations: {no: 'https://example.org/no/', 2: 'https://x.org/'}\n"
    )
    assert data.resources[0].translations == (("no", "https://example.org/no/"),)
    assert messages(data) == [
        "2: entry 'A': a key must be a plain name, got a list; the key and its "
        "value are left out: write a name such as 'title', or quote the key [data]",
        "4: entry 'A': a key must be a plain name, got a value tagged "
        "!!python/name:os.system; the key and its value are left out: write a "
        "name such as 'title', or quote the key [data]",
        "6: entry 'A': translations: YAML reads the key no as false (a boolean), "
        "not as text; quote it, as in 'no': ... (it is used as written) [data]",
        "6: entry 'A': translations: YAML reads the key 2 as an integer, not as "
        "text; quote it, as in '2': ... (it is used as written) [data]",
        "6: entry 'A': '2' is not a language code in 'translations'; use a code "
        "such as fr, de or pt-BR; write e.g. translations: "
        "{fr: https://example.org/fr/} [data]",
    ]


def test_problems_never_escape_as_exceptions(monkeypatch: pytest.MonkeyPatch) -> None:
    import sphinx_readinglist.data.loader as loader_module

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr(loader_module, "_file_shape", broken)
    data = load("- title: A\n")
    assert data.resources == ()
    assert messages(data) == [
        "1: the data could not be read (\"KeyError: 'surprise'\"); this is a bug "
        "of sphinx-readinglist: please report it, with the data [file]"
    ]


def test_the_file_cache_reads_a_file_once_while_it_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sphinx_readinglist.data.loader as loader_module

    calls: list[str] = []
    original = loader_module.load_file

    def counting(path: Path, *args: Any, **kwargs: Any) -> ReadingList:
        calls.append(path.name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(loader_module, "load_file", counting)
    path = tmp_path / "a.yaml"
    path.write_text("- title: A\n", encoding="utf-8")
    cache = FileCache(max_files=1)
    limits = Limits()

    def titles(markup: Markup = Markup.RST) -> list[str]:
        found = cache.load(path, "a.yaml", markup=markup, limits=limits)
        return [resource.title for resource in found.resources]

    assert titles() == titles() == ["A"]
    assert calls == ["a.yaml"]
    path.write_text("- title: Changed\n", encoding="utf-8")  # another size
    assert titles() == ["Changed"]
    assert titles(Markup.MYST) == ["Changed"]  # read another way: again
    assert len(calls) == 3
    # past its bound, the cache forgets everything rather than grow
    assert len(cache._results) == cache.max_files
    cache.clear()
    assert titles() == ["Changed"]
    assert len(calls) == 4
    path.unlink()
    assert cache.load(path, "a.yaml", markup=Markup.RST, limits=limits).problems


def test_the_first_api_still_imports() -> None:
    """The example of docs/api.md before the data layer moved into data/."""
    from sphinx_readinglist import data
    from sphinx_readinglist.loader import Limits as OldLimits
    from sphinx_readinglist.loader import load_file as old_load_file
    from sphinx_readinglist.loader import load_text as old_load_text
    from sphinx_readinglist.loader import schema
    from sphinx_readinglist.model import KINDS, LEVELS, Problem, Resource

    assert old_load_file is data.load_file
    assert old_load_text is data.load_text
    assert OldLimits is data.Limits
    assert schema is data.schema
    assert (KINDS, LEVELS, Problem, Resource) == (
        data.KINDS,
        data.LEVELS,
        data.Problem,
        data.Resource,
    )
    assert set(data.__all__) >= {"load_file", "load_text", "Limits", "schema"}
