"""Reading a data file, and the per-build cache of files, word for word.

An unreadable file (a directory, too large, not UTF-8, missing) gives one
problem of subtype ``file``, named by the path as the user wrote it; a
readable one is loaded as its text would be, with the markup and limits
given. These cases were written from the survivors of mutation testing of
``data/loader.py`` (see CONTRIBUTING.md, "Mutation testing").
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sphinx_readinglist.data import Limits, Markup, ReadingList, load_file
from sphinx_readinglist.data.loader import FileCache


def _reason_missing(path: Path) -> str:
    """How the system words a missing file (as it does, not the path it saw)."""
    with pytest.raises(OSError) as caught:
        path.stat()
    assert caught.value.strerror
    return caught.value.strerror


def told(data: ReadingList) -> list[tuple[str, str, str]]:
    """Each problem as ``(file:line, subtype, message)``."""
    return [(str(p.location), p.subtype, p.message) for p in data.problems]


def test_a_directory_is_refused(tmp_path: Path) -> None:
    data = load_file(tmp_path, "reading")
    assert data.path == "reading"
    assert data.resources == ()
    assert told(data) == [
        (
            "reading:1",
            "file",
            "the path is a directory, not a file; give the path of a YAML file "
            "inside it",
        )
    ]


def test_a_missing_file_is_told_without_the_path_python_saw(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    data = load_file(missing, "missing.yaml")
    assert data.resources == ()
    assert told(data) == [
        (
            "missing.yaml:1",
            "file",
            f"cannot read the file: {_reason_missing(missing)}",
        )
    ]


#: 20 bytes, one entry.
_TWENTY_BYTES = b"- title: Exactly 20\n"


def test_a_file_of_exactly_max_bytes_is_read(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(_TWENTY_BYTES)
    data = load_file(path, "r.yaml", limits=Limits(max_bytes=20))
    assert data.problems == ()
    assert [r.title for r in data.resources] == ["Exactly 20"]


def test_a_file_one_byte_over_max_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(_TWENTY_BYTES)
    data = load_file(path, "r.yaml", limits=Limits(max_bytes=19))
    assert data.resources == ()
    assert told(data) == [
        (
            "r.yaml:1",
            "file",
            "the file is 20 bytes, over the limit of 19; split it, or raise "
            "readinglist_max_bytes",
        )
    ]


# the concrete class (PosixPath or WindowsPath), which mypy cannot name statically
class _GrownPath(type(Path())):  # type: ignore[misc]
    """A file that grew after its size was taken: the size is the old one."""

    def stat(self, **kwargs: object) -> os.stat_result:
        fields = list(super().stat(**kwargs)[:10])
        fields[6] = 5  # st_size
        return os.stat_result(fields)


def test_a_file_that_grows_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    path = _GrownPath(tmp_path / "r.yaml")
    path.write_bytes(b"- title: A\n" * 100)
    data = load_file(path, "r.yaml", limits=Limits(max_bytes=10))
    assert data.resources == ()
    # the limit and one byte more were read, to know it was passed
    assert told(data) == [
        (
            "r.yaml:1",
            "file",
            "the file is 11 bytes, over the limit of 10; split it, or raise "
            "readinglist_max_bytes",
        )
    ]


@pytest.mark.parametrize(
    ("bom", "codec", "encoding"),
    [
        (b"\xff\xfe", "utf-16-le", "UTF-16"),
        (b"\xfe\xff", "utf-16-be", "UTF-16"),
        (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    ],
)
def test_a_file_with_another_byte_order_mark_is_refused(
    tmp_path: Path, bom: bytes, codec: str, encoding: str
) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(bom + "- title: A\n".encode(codec))
    data = load_file(path, "r.yaml")
    assert data.resources == ()
    assert told(data) == [
        (
            "r.yaml:1",
            "file",
            f"the file is {encoding}, not UTF-8 (it starts with a {encoding} byte "
            "order mark); save it as UTF-8",
        )
    ]


def test_a_file_not_in_utf8_is_refused_at_the_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes("- title: A\n- title: Caf\xe9\n".encode("latin-1"))
    data = load_file(path, "lists/r.yaml")
    assert data.path == "lists/r.yaml"
    assert data.resources == ()
    assert told(data) == [
        (
            "lists/r.yaml:2",
            "file",
            "the file is not UTF-8 (byte 0xe9 at offset 23); save it as UTF-8",
        )
    ]


#: Read with MyST and at most one tag: the description is MyST, a tag is left out.
_TWO_TAGS = "- title: A\n  tags: [a, b]\n  description: '*x*'\n"
_ONE_TAG_ALLOWED = (
    "entry 'A': 'tags' has 2 tags, more than the 1 allowed; the last is left "
    "out: keep the tags that matter most, or raise readinglist_max_tags"
)


def _check_read_as_asked(data: ReadingList) -> None:
    assert data.path == "shown.yaml"
    [resource] = data.resources
    assert resource.tags == ("a",)
    assert resource.description is not None
    assert resource.description.markup is Markup.MYST
    assert told(data) == [("shown.yaml:2", "data", _ONE_TAG_ALLOWED)]


def test_a_file_is_read_with_the_markup_and_limits_given(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(_TWO_TAGS, encoding="utf-8")
    data = load_file(path, "shown.yaml", markup=Markup.MYST, limits=Limits(max_tags=1))
    _check_read_as_asked(data)


# -- the cache ----------------------------------------------------------------------------


def test_the_cache_reads_a_file_with_the_markup_and_limits_given(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(_TWO_TAGS, encoding="utf-8")
    cache = FileCache()
    data = cache.load(path, "shown.yaml", markup=Markup.MYST, limits=Limits(max_tags=1))
    _check_read_as_asked(data)


def test_the_cache_tells_a_missing_file_by_its_shown_path(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    data = FileCache().load(missing, "missing.yaml", markup=Markup.RST, limits=Limits())
    assert data.path == "missing.yaml"
    assert told(data) == [
        (
            "missing.yaml:1",
            "file",
            f"cannot read the file: {_reason_missing(missing)}",
        )
    ]


def test_the_cache_knows_files_of_the_same_size_and_time_apart(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("- title: A\n", encoding="utf-8")
    second.write_text("- title: B\n", encoding="utf-8")
    when = first.stat().st_mtime_ns
    os.utime(second, ns=(when, when))
    cache = FileCache()
    titles = [
        [
            r.title
            for r in cache.load(p, p.name, markup=Markup.RST, limits=Limits()).resources
        ]
        for p in (first, second)
    ]
    assert titles == [["A"], ["B"]]


def test_the_cache_never_holds_more_than_max_files(tmp_path: Path) -> None:
    paths = []
    for name in "abc":
        path = tmp_path / f"{name}.yaml"
        path.write_text(f"- title: {name}\n", encoding="utf-8")
        paths.append(path)
    cache = FileCache(max_files=2)

    def load(path: Path) -> ReadingList:
        return cache.load(path, path.name, markup=Markup.RST, limits=Limits())

    first = load(paths[0])
    assert load(paths[0]) is first  # kept while there is room
    load(paths[1])
    # a third file finds the cache full: all is dropped, so the first is read again
    load(paths[2])
    again = load(paths[0])
    assert again is not first
    assert again == first
