"""The shortcuts taken for speed change nothing that a reader or a build can see.

Each optimisation is checked against the slow way it replaces: the plain-text
path of the markup parser against the full parse (both syntaxes, many texts),
the fast schema check against jsonschema, reused state machines against fresh
ones, and whole builds with every shortcut against builds with none. Incremental
and parallel builds are checked on a generated project of 50 pages, by the set
of documents Sphinx reads, never by timing.
"""

from __future__ import annotations

import copy
import os
import random
import shutil
import string
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sphinx.parsers import RSTParser
from sphinx.testing.util import SphinxTestApp

from sphinx_readinglist.cards import directive
from sphinx_readinglist.data import _schemacheck, loader, schema_check
from sphinx_readinglist.data.model import Location, Markup, Text
from sphinx_readinglist.text import parse, plain

from ._sphinx import (
    CONF,
    documents_read,
    ours,
    page,
    sphinx_build,
    started,
    warnings_of,
)
from ._sphinx import write_project as write_small_project

# -- helpers ------------------------------------------------------------------

MakeApp = Callable[..., SphinxTestApp]


def tree(node: nodes.Node) -> Any:
    """Everything of a node that reaches an output: class, attributes, text,
    source and line (for messages), rawsource (for translations), children."""
    if isinstance(node, nodes.Text):
        return ("Text", str(node))
    assert isinstance(node, nodes.Element)
    return (
        type(node).__name__,
        node.attributes,
        node.source,
        node.line,
        node.rawsource,
        [tree(child) for child in node.children],
    )


class Parser:
    """``parse_text`` on a page of a built project, with or without shortcuts."""

    def __init__(self, app: SphinxTestApp) -> None:
        self.env = app.env
        self.env.prepare_settings("index")
        self.settings = get_default_settings(RSTParser)
        for key, value in self.env.settings.items():
            setattr(self.settings, key, value)
        self.settings.env = self.env

    def text(self, source: str, syntax: str, line: int = 5) -> Text:
        return Text(source, Markup(syntax), Location("data.yaml", line))

    def full(self, text: Text) -> tuple[list[Any], list[Any]]:
        """The full sandboxed parse, shortcut disabled."""
        shortcut = plain.plain_paragraphs
        plain.plain_paragraphs = lambda *args: None
        try:
            parsed, problems = self.parse(text)
        finally:
            plain.plain_paragraphs = shortcut
        return [tree(n) for n in parsed], problems

    def fast(self, text: Text) -> list[Any] | None:
        """The plain-text shortcut, or None when it declines the text."""
        parsed = plain.plain_paragraphs(text, self.env, self.settings)
        return None if parsed is None else [tree(n) for n in parsed]

    def parse(self, text: Text) -> tuple[list[nodes.Node], list[Any]]:
        return parse.parse_text(
            text,
            label="description of entry 'X'",
            env=self.env,
            settings=self.settings,
            trusted=False,
            schemes=("http", "https", "mailto"),
        )

    def assert_same(self, source: str, syntax: str, line: int = 5) -> bool:
        """If the shortcut takes ``source``, it gives what the parser gives.

        :return: whether the shortcut took the text.
        """
        text = self.text(source, syntax, line)
        fast = self.fast(text)
        if fast is None:
            return False
        full, problems = self.full(text)
        assert problems == [], (source, problems)
        assert fast == full, (syntax, source)
        return True


@pytest.fixture(scope="module")
def parser(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Parser]:
    srcdir = _copy_root(rootdir, tmp_path_factory.mktemp("parser"))
    with started(srcdir) as app:
        yield Parser(app)


def _copy_root(rootdir: Path, where: Path) -> Path:
    target = where / "src"
    shutil.copytree(rootdir / "test-perf", target)
    return target


# -- the plain-text path of the markup parser ---------------------------------

#: Texts the shortcut must take, with their equivalence checked.
PLAIN = [
    "A review of deep learning, by three of its pioneers.",
    "Two lines of\nplain text.\n",
    "One paragraph.\n\nAnother, with two\nlines.\n",
    "\n\nLeading and trailing blank lines\n\n\n",
    "Spaces  inside  are  kept.",
    "Notes: a colon before a space.\nEnds with a colon:\nnext line",
    'Written in 2019 -- revised since (twice); isn\'t it? "Yes" / no, 50% more!',
    "Élan vital, façade; naïve? Ωmega, 中文, ½ and ² and Ⅻ.",
    "1.5 million words, 10 (ten) times, 2024 was good.",
    "more.\nA line starting with a word and a full stop, e.g. this one.",
    "Mix of words\nmix, and civil liberties",
]

#: Texts that need the parser in at least one syntax: the shortcut declines.
MARKED_UP = [
    "*emphasis*",
    "**strong**",
    "``code``",
    "`interpreted`",
    "a_",
    "a link_ here",
    "|substitution|",
    "[1]_",
    "see https://example.org/",
    "mailto:someone",
    "data:x",
    "Note::",
    "a@b.org",
    "1. item",
    "a) item",
    "iv. item",
    "A. Smith wrote",
    "I. Claudius",
    "10) ten",
    "2024. A year",
    "- item",
    "+ item",
    "# heading",
    "> quote",
    "term\n  definition",
    "  indented",
    "trailing space ",
    "tab\there",
    "line\\\nbreak",
    "Title\n=====",
    "Title\n-----",
    "a & b",
    "a <b> c",
    "{role}`x`",
    "$x$",
    "~~struck~~",
    "a_b",
    "(a) list",
    ".. comment",
    "% comment",
    ":field: value",
    "a\u00a0b",
    "a\u2028b",
    "café\u0301",
]


@pytest.mark.parametrize("source", PLAIN)
@pytest.mark.parametrize("syntax", ["rst", "myst"])
def test_plain_text_is_built_as_the_parser_builds_it(
    parser: Parser, source: str, syntax: str
) -> None:
    assert parser.assert_same(source, syntax, line=12)


@pytest.mark.parametrize("source", MARKED_UP)
def test_markup_goes_to_the_parser(parser: Parser, source: str) -> None:
    assert parser.fast(parser.text(source, "rst")) is None
    assert parser.fast(parser.text(source, "myst")) is None


def _random_texts(count: int, seed: int) -> Iterator[str]:
    """Texts near the edge of plain: mostly plain words, some markup."""
    rng = random.Random(seed)
    letters = string.ascii_letters + string.digits + "éßΩж中½²Ⅻ"
    punctuation = " .,;:!?'\"()/%-"
    edges = [
        "1.", "a)", "iv.", "mix.", "I.", "2024.", "A.", "10)", "e.g.", "etc.",
        "x:", "http:", "::", "a:b", "-", "--", "(1)", "PEP", "RFC", "8", "*",
        "_", "`", "|", "[", "]", "<", ">", "#", "&", "@", "=", "+", "{", "$",
    ]  # fmt: skip

    def word() -> str:
        if rng.random() < 0.08:
            return rng.choice(edges)
        pool = letters if rng.random() < 0.85 else punctuation
        return "".join(rng.choice(pool) for _ in range(rng.randint(1, 8)))

    for _ in range(count):
        lines = []
        for _ in range(rng.randint(1, 6)):
            if rng.random() < 0.2:
                lines.append("")
                continue
            line = " ".join(word() for _ in range(rng.randint(1, 9)))
            if rng.random() < 0.04:
                line = " " + line
            if rng.random() < 0.04:
                line += " "
            lines.append(line)
        text = "\n".join(lines)
        if text.strip():
            yield text + ("\n" if rng.random() < 0.3 else "")


@pytest.mark.parametrize("syntax", ["rst", "myst"])
def test_plain_text_path_over_many_texts(parser: Parser, syntax: str) -> None:
    taken = 0
    texts = list(_random_texts(1500, seed=2024))
    for i, source in enumerate(texts):
        taken += parser.assert_same(source, syntax, line=1 + i % 40)
    # the corpus reaches both sides of the edge
    assert len(texts) * 0.25 < taken < len(texts) * 0.9, taken


_ALPHABET = st.sampled_from(
    [
        *string.ascii_letters,
        *string.digits,
        *" \n.,;:!?'\"()/%-*_`|[]<>#&@=+{}$\\\t",
        *["é", "Ω", "中", "½", "\u00a0", "1.", "a)", "iv.", "::", "http:", "--"],
    ]
)


@settings(max_examples=300, deadline=None, database=None)
@given(source=st.lists(_ALPHABET, min_size=1, max_size=60).map("".join))
@example(source="a\n\nb")
@example(source="A:\nb")
def test_plain_text_path_property(parser: Parser, source: str) -> None:
    if not source.strip():
        return
    # where the shortcut takes a text, it builds what the parser builds; it
    # decides by the characters and lines, the same in both syntaxes
    taken = parser.assert_same(source, "rst")
    assert parser.assert_same(source, "myst") == taken, source


_WORD = st.text(st.sampled_from("abcxyzABCXYZ019éΩ中½"), min_size=2, max_size=8)
_LINE = st.lists(
    st.tuples(_WORD, st.sampled_from(["", ",", ";", "!", "?", "'s", " -", "%"])).map(
        "".join
    ),
    min_size=1,
    max_size=8,
).map(" ".join)


@settings(max_examples=150, deadline=None, database=None)
@given(lines=st.lists(st.one_of(_LINE, st.just("")), min_size=1, max_size=6))
@example(lines=["Plain words, nothing else!"])
def test_plain_sentences_take_the_plain_text_path(
    parser: Parser, lines: list[str]
) -> None:
    source = "\n".join(lines)
    if not source.strip():
        return
    for syntax in ("rst", "myst"):
        assert parser.assert_same(source, syntax), (syntax, source)


@pytest.mark.sphinx(
    "html",
    testroot="perf",
    confoverrides={"myst_enable_extensions": sorted(plain.MYST_PLAIN_EXTENSIONS)},
)
def test_plain_text_path_with_every_harmless_myst_extension(
    app: SphinxTestApp,
) -> None:
    app.build()
    parser = Parser(app)
    taken = 0
    for i, source in enumerate([*PLAIN, *_random_texts(400, seed=7)]):
        taken += parser.assert_same(source, "myst", line=1 + i % 9)
    assert taken > 100


#: A MyST description that each extension changes, and what a reader sees.
MYST_SENTENCE = 'Read www.example.org (c) -- "quoted"'
MYST_EFFECTS = {
    # conf.py lines: (the text of the card's description, its links)
    "": (MYST_SENTENCE, []),
    'myst_enable_extensions = ["linkify"]': (MYST_SENTENCE, ["http://www.example.org"]),
    'myst_enable_extensions = ["replacements"]': (
        'Read www.example.org \u00a9 \u2013 "quoted"',
        [],
    ),
    'myst_enable_extensions = ["smartquotes"]': (
        "Read www.example.org (c) -- \u201cquoted\u201d",
        [],
    ),
    # GitHub-flavoured Markdown turns linkify on
    "myst_gfm_only = True": (MYST_SENTENCE, ["http://www.example.org"]),
}


def _description(outdir: Path) -> Any:
    card = page(outdir).select_one(".readinglist-card")
    assert card is not None
    description = card.select_one(".readinglist-description p")
    assert description is not None
    return description


@pytest.mark.parametrize("settings_line", list(MYST_EFFECTS), ids=repr)
def test_myst_extensions_that_change_plain_text_turn_the_path_off(
    tmp_path: Path, settings_line: str
) -> None:
    # Sphinx's own smart quotes off, so that only MyST's can change the text
    conf = f"{CONF}smartquotes = False\n{settings_line}\n"
    srcdir = write_small_project(
        tmp_path,
        {"index.rst": "Page\n====\n\n.. readinglist:: data.yaml\n"},
        {
            "data.yaml": "markup: myst\nresources:\n  - title: A\n"
            f"    description: |\n      {MYST_SENTENCE}\n"
        },
        conf=conf,
    )
    with started(srcdir) as app:
        assert ours(app._warning) == []
        description = _description(Path(app.outdir))
    text, links = MYST_EFFECTS[settings_line]
    assert description.get_text() == text
    assert [a["href"] for a in description.select("a")] == links


@pytest.mark.parametrize(
    ("docutils_conf", "links"),
    [
        ("", []),
        (
            "pep_references: yes",
            ["https://peps.python.org/pep-0008"],
        ),
        (
            "rfc_references: yes",
            ["https://datatracker.ietf.org/doc/html/rfc2822.html"],
        ),
    ],
    ids=["none", "pep", "rfc"],
)
def test_pep_and_rfc_references_turn_the_rst_path_off(
    tmp_path: Path, docutils_conf: str, links: list[str]
) -> None:
    srcdir = write_small_project(
        tmp_path,
        {"index.rst": "Page\n====\n\n.. readinglist:: data.yaml\n"},
        {
            "data.yaml": "resources:\n  - title: A\n"
            "    description: See PEP 8 and RFC 2822.\n",
            # docutils reads this file beside conf.py
            "docutils.conf": f"[restructuredtext parser]\n{docutils_conf}\n",
        },
    )
    # the command line, which reads docutils.conf as users' builds do
    outdir = tmp_path / "out"
    assert sphinx_build(["-W", "-q", "-b", "html", str(srcdir), str(outdir)]) == 0
    description = _description(outdir)
    assert description.get_text() == "See PEP 8 and RFC 2822."
    assert [a["href"] for a in description.select("a")] == links


# -- the full parse: reused state machines, nodes detached from the sandbox ----

#: Texts with markup of many kinds, and with errors, in each syntax.
MARKUP_TEXTS = {
    "rst": [
        "The *classic* text, with ``code`` and a `link <https://example.org/>`_.",
        "1. one\n2. two\n\n- a\n- b\n",
        ".. note:: A note.\n\n   With a second paragraph.",
        "A `named link`_.\n\n.. _named link: https://example.org/named",
        "An anonymous `one <https://example.org/a>`__ and `two`__.\n\n"
        "__ https://example.org/b",
        "term\n   definition\n\n:field: value",
        "Title\n=====\n\nText.",
        "Unclosed *emphasis and ``literal",
        "A :resource:`deep-learning` and a :download:`file.txt`.",
        ".. raw:: html\n\n   <b>raw</b>",
        "See https://example.org/bare and javascript:alert(1).",
        "| line\n| block",
        "Footnote [1]_.\n\n.. [1] The note.",
    ],
    "myst": [
        "Some **bold**, a [link](https://example.org/) and `code`.",
        "1. one\n2. two\n\n- a\n- b\n",
        "```{note}\nA note.\n```",
        "A [ref][r].\n\n[r]: https://example.org/r",
        "<b>raw</b> html",
        "![image](x.png)",
        "# A heading\n\ntext",
        "{emphasis}`role` and {download}`file.txt`",
        "> quoted\n> text",
    ],
}


def test_reused_state_machines_parse_as_fresh_ones(
    parser: Parser, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [
        parser.text(source, syntax, line)
        for syntax, sources in MARKUP_TEXTS.items()
        for line, source in enumerate(sources * 2, start=3)
    ]
    reused = [_parsed(parser, text) for text in texts]
    assert parse._rst_machines, "a state machine was kept for the next text"

    class NoPool(list[Any]):
        def append(self, machine: Any) -> None:
            pass  # never keep one: each text gets a fresh machine

    monkeypatch.setattr(parse, "_rst_machines", NoPool())
    fresh = [_parsed(parser, text) for text in texts]
    assert reused == fresh
    # a problem is reported for each bad text, at its own line
    assert any(problems for _nodes, problems in fresh)


def _parsed(parser: Parser, text: Text) -> tuple[list[Any], list[Any]]:
    parsed, problems = parser.parse(text)
    return [tree(n) for n in parsed], problems


def test_parsed_nodes_do_not_keep_the_sandbox_document(parser: Parser) -> None:
    for syntax, sources in MARKUP_TEXTS.items():
        for source in sources:
            parsed, _problems = parser.parse(parser.text(source, syntax))
            for top in parsed:
                for node in top.findall():
                    # else each sandbox document is pickled with the page
                    assert "_document" not in node.__dict__, (source, node)


# -- the fast schema check ----------------------------------------------------

VALID_ENTRY: dict[str, Any] = {
    "title": "Deep learning",
    "id": "lecun2015",
    "url": "https://www.nature.com/articles/nature14539",
    "authors": ["Yann LeCun", "Yoshua Bengio"],
    "year": 2015,
    "date": "2015-05-27",
    "added": "2024-05-01",
    "venue": "Nature",
    "kind": "paper",
    "level": "intermediate",
    "tags": ["rnn", "review"],
    "description": "A review.",
    "abstract": "",
    "links": [{"title": "PDF", "url": "https://example.org/a.pdf"}],
    "translations": {"fr": "https://example.org/fr/", "pt-BR": "https://x.org/"},
    "image": "cover.png",
    "image_alt": "",
    "extra": {"stars": 1200, "license": "MIT", "ok": True, "ratio": 0.5},
}

#: Values to put in each field: valid and invalid ones.
BAD_VALUES: list[Any] = [
    None, True, False, 0, 1, 999, 1000, 2999, 3000, 2015.0, 2015.5, -1, "",
    " ", "x", "2015", "2015-13-45", "2015-05-27\n", "15-05-27", "paper",
    "beginner", "Paper", "bad id!", "-lead", "a" * 101, "a" * 100, "ok_id-1",
    [], [""], ["x", 1], ["x", "y"], "x, y", {}, {"title": "t"},
    {"title": "t", "url": "u"}, {"title": "", "url": "u"},
    {"title": "t", "url": "u", "extra": 1}, [{"title": "t", "url": "u"}],
    [{"title": "t"}], [{"url": "u"}], ["not a link"], {"fr": "u"},
    {"f": "u"}, {"fr": ""}, {"fr": 1}, {1: "u"}, {"pt-BR": "u", "xx-": "u"},
]  # fmt: skip


def _entries() -> Iterator[dict[Any, Any]]:
    yield VALID_ENTRY
    yield {"title": "Only a title"}
    for field in [*VALID_ENTRY, "unknown", 1]:
        for value in BAD_VALUES:
            yield {**VALID_ENTRY, field: value}
    without_title = dict(VALID_ENTRY)
    del without_title["title"]
    yield without_title
    rng = random.Random(3)
    fields = list(VALID_ENTRY)
    for _ in range(3000):
        entry: dict[Any, Any] = {}
        for field in rng.sample(fields, rng.randint(0, len(fields))):
            entry[field] = (
                rng.choice(BAD_VALUES) if rng.random() < 0.15 else VALID_ENTRY[field]
            )
        yield entry


def test_fast_schema_check_vouches_only_for_valid_entries() -> None:
    check = schema_check.certainly_valid("resource")
    validator = schema_check.jsonschema_validator("resource")
    vouched = 0
    for entry in _entries():
        if check(copy.deepcopy(entry)):
            vouched += 1
            assert list(validator.iter_errors(entry)) == [], entry
    # and it vouches for most valid entries, or it would save nothing
    assert check(VALID_ENTRY)
    assert vouched > 500, vouched


def test_unknown_schema_keywords_make_the_check_defer() -> None:
    check = _schemacheck.compile_check(
        {"type": "object", "properties": {"x": {"type": "string", "const": "a"}}}
    )
    assert check({"x": "a"}) is False
    assert _schemacheck.compile_check({"type": "null"})(None) is False
    assert _schemacheck.compile_check({"type": "string", "maxLength": 2})("ab")


#: Data files whose loading must not change: every root of the test suite.
def _data_files(rootdir: Path) -> list[Path]:
    return sorted(rootdir.glob("**/*.yaml"))


def test_loading_gives_the_same_result_without_the_fast_check(
    rootdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _data_files(rootdir)
    assert len(files) > 5
    fast = [loader.load_file(path, path.name) for path in files]
    monkeypatch.setattr(schema_check, "certainly_valid", lambda *args: _never)
    slow = [loader.load_file(path, path.name) for path in files]
    for path, one, other in zip(files, fast, slow, strict=True):
        assert one == other, path
        assert one.problems == other.problems, path


def _never(data: Any) -> bool:
    return False


# -- whole builds, with and without the shortcuts ------------------------------


def _outputs(outdir: Path) -> dict[str, str]:
    """The pages and the search index of an HTML build."""
    paths = [*outdir.glob("**/*.html"), outdir / "searchindex.js"]
    return {
        str(path.relative_to(outdir)): path.read_text(encoding="utf-8")
        for path in sorted(paths)
    }


def test_builds_are_the_same_without_the_shortcuts(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = _copy_root(rootdir, tmp_path)
    monkeypatch.setattr(directive, "_file_cache", loader.FileCache())
    fast = make_app("html", srcdir=srcdir, builddir=tmp_path / "fast")
    fast.build()

    class NoPool(list[Any]):
        def append(self, machine: Any) -> None:
            pass

    monkeypatch.setattr(plain, "plain_paragraphs", lambda *args: None)
    monkeypatch.setattr(parse, "_rst_machines", NoPool())
    monkeypatch.setattr(schema_check, "certainly_valid", lambda *args: _never)
    monkeypatch.setattr(directive, "_file_cache", loader.FileCache())
    slow = make_app("html", srcdir=srcdir, builddir=tmp_path / "slow")
    slow.build()

    assert _outputs(Path(fast.outdir)) == _outputs(Path(slow.outdir))
    fast_warnings = ours(fast._warning)
    assert fast_warnings == ours(slow._warning)
    assert len(fast_warnings) == 5  # flawed.yaml, and 'data:x' in reading.yaml


# -- a data file is read once per build process --------------------------------


def test_each_data_file_is_parsed_once_per_build(
    make_app: MakeApp, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    load_file = loader.load_file

    def counting(path: Path, *args: Any, **kwargs: Any) -> Any:
        calls.append(path.name)
        return load_file(path, *args, **kwargs)

    monkeypatch.setattr(loader, "load_file", counting)
    monkeypatch.setattr(directive, "_file_cache", loader.FileCache())
    app = make_app("html", srcdir=_copy_root(rootdir, tmp_path))
    app.build()
    # reading.yaml is shown by six directives on three pages, myst.yaml by two
    assert sorted(calls) == ["flawed.yaml", "myst.yaml", "reading.yaml"]


# -- a 50-page project: incremental and parallel builds ------------------------

PAGES = 50


def write_project(srcdir: Path) -> Path:
    """50 pages, each showing its own YAML file, two entries of the next
    page's file, and a selection from a file every page shares."""
    data = srcdir / "data"
    data.mkdir(parents=True)
    # the index and the JSON-LD on: the builds must agree on them too
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_readinglist"]\nshow_warning_types = True\n'
        "readinglist_index = True\nreadinglist_structured_data = True\n",
        encoding="utf-8",
    )
    toctree = "".join(f"   page-{n}\n" for n in range(PAGES))
    (srcdir / "index.rst").write_text(
        f"Project\n=======\n\n.. toctree::\n\n{toctree}", encoding="utf-8"
    )

    def entry(file: int | str, n: int) -> str:
        tag = "shared" if n % 2 else "other"
        markup_ = "*emphasis*, " if n == 1 else ""
        return (
            f"  - id: e-{file}-{n}\n"
            f"    title: Entry {n} of file {file}\n"
            f"    url: https://example.org/{file}/{n}\n"
            f"    authors: [Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra, "
            f"Barbara Liskov]\n"
            f"    year: {2000 + n}\n"
            f"    kind: paper\n"
            f"    tags: [{tag}]\n"
            f"    description: |\n"
            f"      A {markup_}plain description of entry {n}\n"
            f"      on two lines. See :resource:`e-shared-1`.\n"
        )

    for file in [*range(PAGES), "shared"]:
        body = "".join(entry(file, n) for n in range(4))
        (data / f"list-{file}.yaml").write_text(f"resources:\n{body}", encoding="utf-8")
    for n in range(PAGES):
        following = (n + 1) % PAGES
        (srcdir / f"page-{n}.rst").write_text(
            f"Page {n}\n=======\n\n"
            f".. readinglist:: data/list-{n}.yaml\n\n"
            f".. readinglist:: data/list-{following}.yaml\n"
            f"   :ids: e-{following}-0 e-{following}-1\n\n"
            f".. readinglist:: /data/list-shared.yaml\n"
            f"   :tags: shared\n",
            encoding="utf-8",
        )
    return srcdir


def _touch_later(path: Path) -> None:
    """Make ``path`` newer than any build so far, whatever the clock's grain."""
    later = path.stat().st_mtime + 10
    os.utime(path, (later, later))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("fifty") / "src")


def test_rebuilds_read_only_what_changed(
    make_app: MakeApp, project: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(project, srcdir)
    builddir = tmp_path / "build"
    first = make_app("html", srcdir=srcdir, builddir=builddir)
    assert documents_read(first) == {"index", *(f"page-{n}" for n in range(PAGES))}
    assert ours(first._warning) == []

    nothing = make_app("html", srcdir=srcdir, builddir=builddir)
    assert documents_read(nothing) == set()

    edited = srcdir / "data" / "list-7.yaml"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace(
            "Entry 2 of file 7", "Entry 2 of file 7, edited"
        ),
        encoding="utf-8",
    )
    _touch_later(edited)
    after_edit = make_app("html", srcdir=srcdir, builddir=builddir)
    # the page showing the file, and the page showing two of its entries
    assert documents_read(after_edit) == {"page-7", "page-6"}
    page = (Path(after_edit.outdir) / "page-7.html").read_text(encoding="utf-8")
    assert "Entry 2 of file 7, edited" in page
    assert ours(after_edit._warning) == []

    shared = srcdir / "data" / "list-shared.yaml"
    _touch_later(shared)
    every_page = make_app("html", srcdir=srcdir, builddir=builddir)
    assert documents_read(every_page) == {f"page-{n}" for n in range(PAGES)}


def test_two_processes_build_what_one_builds(
    make_app: MakeApp, project: Path, tmp_path: Path
) -> None:
    parallel = make_app(
        "html", srcdir=project, builddir=tmp_path / "parallel", parallel=2
    )
    parallel.build()
    assert parallel.parallel == 2
    assert warnings_of(parallel._warning) == []
    serial = make_app("html", srcdir=project, builddir=tmp_path / "serial")
    serial.build()
    assert ours(serial._warning) == []
    one, two = _outputs(Path(serial.outdir)), _outputs(Path(parallel.outdir))
    assert sorted(one) == sorted(two)
    # the pages, index, genindex, search, its index, the index of resources
    assert len(one) == PAGES + 5
    assert "readinglist-index.html" in one
    assert "application/ld+json" in one["page-0.html"]
    for name in one:
        assert one[name] == two[name], name
