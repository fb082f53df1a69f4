"""Every message of the data layer, word for word, from real YAML.

A warning is the whole interface a data author sees: what is wrong, where,
and how to fix it. Each case loads a small YAML text with the public loader
and compares the located messages exactly, so a changed fix, a lost hint or
a wrong line number fails here (these cases were written from the survivors
of mutation testing; see CONTRIBUTING.md, "Mutation testing").
"""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from sphinx_readinglist.data import loader
from sphinx_readinglist.data.messages import cut, describe, did_you_mean, shown

#: An entry's fields, in the schema's order, as the unknown-field message lists them.
FIELDS = ", ".join(
    json.loads(
        (files("sphinx_readinglist") / "schema" / "readinglist.schema.json").read_text(
            encoding="utf-8"
        )
    )["$defs"]["resource"]["properties"]
)
SYNTAX = "YAML syntax error: "

CASES = {
    # YAML syntax errors: the parser's words, then the usual fix
    "tab indent": (
        "resources:\n\t- title: x\n",
        [(2, SYNTAX + "while scanning for the next token, found character that "
             "cannot start any token; indent with spaces; YAML does not allow tabs")],
    ),
    "tab in a value's indentation": (
        "  \nresources:\n  - title: x\n\t\n",
        [(4, SYNTAX + "while scanning a plain scalar, found a tab character that "
             "violates indentation; indent with spaces; YAML does not allow tabs")],
    ),
    "unclosed quote": (
        'resources:\n  - title: "x\n',
        [(2, SYNTAX + "while scanning a quoted scalar, found unexpected end of "
             "stream; close the quote, or quote the whole value")],
    ),
    "unknown escape": (
        'resources:\n  - title: "a\\q"\n',
        [(2, SYNTAX + "while parsing a quoted scalar, found unknown escape "
             "character; use single quotes, or double the backslash")],
    ),
    "colon in a value": (
        "resources:\n  - title: a: b\n",
        [(2, SYNTAX + "mapping values are not allowed in this context; quote the "
             "value if it contains ': '")],
    ),
    "control character": (
        "resources:\n  - title: a\x01b\n",
        [(2, SYNTAX + "unacceptable character #x0001: control characters are not "
             "allowed; remove it: the file may not hold NUL bytes or other "
             "control characters")],
    ),
    "undefined alias": (
        "resources:\n  - title: *nope\n",
        [(2, SYNTAX + "found undefined alias 'nope'; define the anchor (&name) "
             "before the alias (*name) that uses it")],
    ),
    "two documents": (
        "resources: []\n---\nresources: []\n",
        [(2, SYNTAX + "expected a single document in the stream, but found "
             "another document; a file holds one YAML document: remove the "
             "'---' line")],
    ),
    "bad indentation": (
        "resources:\n  - title: x\n   kind: paper\n",
        [(3, SYNTAX + "while parsing a block collection, did not find expected "
             "'-' indicator; check the indentation and quoting of this line")],
    ),
    # values YAML did not read as text: what was written, what YAML made of
    # it, and the quoted fix with the key
    "title read as a boolean": (
        "resources:\n  - title: yes\n",
        [(2, "entry #1: 'title' must be a string, got yes, which YAML reads as "
             "true; quote it: title: 'yes'; the entry is skipped")],
    ),
    "venue read as false": (
        "resources:\n  - title: x\n    venue: off\n",
        [(3, "entry 'x': 'venue' must be a string, got off, which YAML reads as "
             "false; quote it: venue: 'off'")],
    ),
    "title read as a number": (
        "resources:\n  - title: 1.5\n",
        [(2, "entry #1: 'title' must be a string, got 1.5, which YAML reads as a "
             "number; quote it: title: '1.5'; the entry is skipped")],
    ),
    "id read as a number": (
        "resources:\n  - title: x\n    id: 2015\n",
        [(3, "entry 'x': 'id' must be a string, got 2015, which YAML reads as a "
             "number; quote it: id: '2015'")],
    ),
    "a link's url read as a number": (
        "resources:\n  - title: x\n    links:\n      - title: a\n        url: 12\n",
        [(5, "entry 'x': 'links[1].url' must be a string, got 12, which YAML "
             "reads as a number; quote it: url: '12'")],
    ),
    "a tag read as a boolean": (
        "resources:\n  - title: x\n    tags: [yes, ml]\n",
        [(3, "entry 'x': tags[1] must be a non-empty string, got yes, which YAML "
             "reads as true; it is left out; quote it: 'yes'")],
    ),
    "an author read as a number": (
        "resources:\n  - title: x\n    authors: [1984]\n",
        [(3, "entry 'x': authors[1] must be a non-empty string, got 1984, which "
             "YAML reads as a number; it is left out; quote it: '1984'")],
    ),
    # values of the wrong shape: described, never dumped
    "title as a list": (
        "resources:\n  - title: [a]\n",
        [(2, "entry #1: 'title' must be a string, got a list; write e.g. title: "
             "Deep learning; the entry is skipped")],
    ),
    "title as a mapping": (
        "resources:\n  - title: {a: b}\n",
        [(2, "entry #1: 'title' must be a string, got a mapping; write e.g. "
             "title: Deep learning; the entry is skipped")],
    ),
    "title as a tagged value": (
        "resources:\n  - title: !!python/name:os.system x\n",
        [(2, "entry #1: 'title' must be a string, got a value tagged "
             "!!python/name:os.system (remove the tag: only plain YAML values are "
             "read); write e.g. title: Deep learning; the entry is skipped")],
    ),
    "venue as null": (
        "resources:\n  - title: x\n    venue: null\n",
        [(3, "entry 'x': 'venue' must be a string, got nothing (null); write e.g. "
             "venue: Nature")],
    ),
    "year as text": (
        "resources:\n  - title: x\n    year: '2020a'\n",
        [(3, "entry 'x': 'year' must be an integer, got '2020a'; write e.g. "
             "year: 2015")],
    ),
    "an implausible year": (
        "resources:\n  - title: x\n    year: " + "9" * 60 + "\n",
        [(3, "entry 'x': 'year' 9999999999999999999999999999999999999... is not "
             "a plausible year; write e.g. year: 2015")],
    ),
    # entries named by their title (cut, control characters out) or number
    "no title": (
        "resources:\n  - url: https://example.org/\n",
        [(2, "entry #1 has no 'title'; write e.g. title: Deep learning; the entry "
             "is skipped")],
    ),
    "a blank title": (
        "resources:\n  - title: '  '\n",
        [(2, "entry #1: 'title' is empty; write e.g. title: Deep learning; the "
             "entry is skipped")],
    ),
    "the second entry, by number": (
        "resources:\n  - title: a\n  - title: [b]\n",
        [(3, "entry #2: 'title' must be a string, got a list; write e.g. title: "
             "Deep learning; the entry is skipped")],
    ),
    "a title with a control character": (
        'resources:\n  - title: "\\x01A"\n    year: x\n',
        [
            (2, "entry 'A': 'title' contains the control character U+0001, which "
                "cannot be shown and is left out; remove it"),
            (3, "entry 'A': 'year' must be an integer, got 'x'; write e.g. year: 2015"),
        ],
    ),
    "a long title, cut": (
        "resources:\n  - title: " + "a" * 60 + "\n    year: x\n",
        [(3, "entry 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...': 'year' must be an "
             "integer, got 'x'; write e.g. year: 2015")],
    ),
    # keys
    "a key written as a list": (
        "resources:\n  - title: x\n    ? [a]\n    : y\n",
        [(3, "entry 'x': a key must be a plain name, got a list; the key and its "
             "value are left out: write a name such as 'title', or quote the key")],
    ),
    "a key written as a mapping": (
        "resources:\n  - title: x\n    ? {a: b}\n    : y\n",
        [(3, "entry 'x': a key must be a plain name, got a mapping; the key and "
             "its value are left out: write a name such as 'title', or quote the key")],
    ),
    "a tagged key": (
        "resources:\n  - title: x\n    ? !foo a\n    : y\n",
        [(3, "entry 'x': a key must be a plain name, got a value tagged !foo; the "
             "key and its value are left out: write a name such as 'title', or "
             "quote the key")],
    ),
    "a key YAML reads as a number": (
        "resources:\n  - title: x\n    2015: y\n",
        [(3, "entry 'x': unknown field '2015'; to keep it, move it under extra, "
             f"as in extra: {{'2015': ...}}; known fields: {FIELDS}")],
    ),
    "a merge of a number": (
        "resources:\n  - <<: [1]\n    title: x\n",
        [(2, "entry 'x': '<<' merges mappings into this one, but its value is not "
             "a mapping or a list of them; it is left out: write e.g. <<: *base")],
    ),
    "too deep": (
        "resources:\n  - title: x\n    venue: " + "[" * 60 + "]" * 60 + "\n",
        [(2, "entry 'x' is left out: it nests mappings and lists more than 50 "
             "levels deep; flatten it (a reading list needs five), or raise "
             "readinglist_max_depth")],
    ),
    "an entry's field at the top level": (
        "url: https://example.org\nresources:\n  - title: x\n",
        [(1, "unknown top-level key 'url'; 'url' is a field of an entry: write it "
             "in the entries under 'resources:'")],
    ),
    "too deep through aliases": (
        "x: &d " + "[" * 40 + "]" * 40 + "\nresources:\n  - title: x\n    venue: "
        + "[" * 15 + "*d" + "]" * 15 + "\n",
        [
            (1, "unknown top-level key 'x'; the top level holds only resources, "
                "defaults and markup"),
            (3, "entry 'x' is left out: it nests mappings and lists more than 50 "
                "levels deep through YAML aliases (&anchor / *alias); flatten it (a "
                "reading list needs five), or raise readinglist_max_depth"),
        ],
    ),
    "deeper than the parser goes": (
        "resources:\n  - title: x\n    venue: " + "[" * 1100 + "]" * 1100 + "\n",
        [(3, "the data nests mappings and lists more than 50 levels deep; flatten "
             "it (a reading list needs five), or raise readinglist_max_depth")],
    ),
    # the checks made before the schema (prechecks.py)
    "a year with a fraction": (
        "resources:\n  - title: x\n    year: 2015.5\n",
        [(3, "entry 'x': 'year' must be an integer, got 2015.5; write e.g. "
             "year: 2015")],
    ),
    "two control characters in a field": (
        'resources:\n  - title: "x\\x02y\\x01"\n',
        [(2, "entry 'xy': 'title' contains the control characters U+0001, "
             "U+0002, which cannot be shown and are left out; remove them")],
    ),
    "control characters in a list": (
        'resources:\n  - title: x\n    authors: ["a\\x07", "b\\x1b"]\n',
        [(3, "entry 'x': 'authors' contains the control characters U+0007, "
             "U+001B, which cannot be shown and are left out; remove them")],
    ),
    "control characters in a link": (
        'resources:\n  - title: x\n    links:\n'
        '      - {title: "S\\x01", url: "https://x.org/\\x02"}\n',
        [(4, "entry 'x': 'links' contains the control characters U+0001, "
             "U+0002, which cannot be shown and are left out; remove them")],
    ),
    "an author on a line of its own": (
        "resources:\n  - title: x\n    authors:\n      - Ann\n      - 3\n",
        [(5, "entry 'x': authors[2] must be a non-empty string, got 3, which YAML "
             "reads as a number; it is left out; quote it: '3'")],
    ),
    "an author left empty": (
        "resources:\n  - title: x\n    authors: [Ann, null]\n",
        [(3, "entry 'x': authors[2] must be a non-empty string, got nothing "
             "(null); it is left out")],
    ),
    "an alias with two bad items": (
        "bad: &b [1, 2]\nresources:\n  - title: x\n    tags: *b\n",
        [
            (1, "unknown top-level key 'bad'; the top level holds only resources, "
                "defaults and markup"),
            (4, "entry 'x': tags[1] must be a non-empty string, got 1, which YAML "
                "reads as a number; it is left out, with 1 more bad item of the "
                "alias; quote it: '1'"),
        ],
    ),
    "an alias with three bad items": (
        "bad: &b [1, 2, 3]\nresources:\n  - title: x\n    tags: *b\n",
        [
            (1, "unknown top-level key 'bad'; the top level holds only resources, "
                "defaults and markup"),
            (4, "entry 'x': tags[1] must be a non-empty string, got 1, which YAML "
                "reads as a number; it is left out, with 2 more bad items of the "
                "alias; quote it: '1'"),
        ],
    ),
    "a language code read as false, on its own line": (
        "resources:\n  - title: x\n    translations:\n"
        "      fr: https://example.org/fr/\n      no: https://example.org/no/\n",
        [(5, "entry 'x': translations: YAML reads the key no as false (a "
             "boolean), not as text; quote it, as in 'no': ... (it is used as "
             "written)")],
    ),
    "a key repeated in a link": (
        "resources:\n  - title: x\n    links:\n      - {title: a, url: 'https://x.org/'}\n"
        "      - {title: b, url: 'https://y.org/', title: c}\n",
        [(5, "entry 'x': links[2]: duplicate key 'title' (first at line 5); the "
             "second is ignored, remove one of them")],
    ),
    "a document that is one anchored value": (
        "&a just text\n",
        [(1, "the data is 'just text', not a list of resources; start it with "
             "'resources:' followed by entries such as '- title: Deep learning'")],
    ),
    # links
    "a url with a space": (
        "resources:\n  - title: x\n    url: https://example.org/a b\n",
        [(3, "entry 'x': url 'https://example.org/a b' is not linked: it contains "
             "spaces or control characters; percent-encode them")],
    ),
    "a scheme split by a line break": (
        'resources:\n  - title: x\n    url: "java\\nscript:alert(1)"\n',
        [(3, "entry 'x': url 'java\\nscript:alert(1)' is not linked: the scheme "
             "javascript: is not allowed (allowed: http:, https:, mailto:)")],
    ),
    "a lone surrogate": (
        "resources:\n  - title: a\ud800\n",
        [(1, "the data holds a character that is not valid Unicode (a lone "
             "surrogate); remove it")],
    ),
    "a surrogate escape": (
        'resources:\n  - title: "\\ud800"\n',
        [(2, SYNTAX + "while parsing a quoted scalar, found invalid Unicode "
             "character escape code; close the quote, or quote the whole value")],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=list(CASES))
def test_message(text: str, expected: list[tuple[int, str]]) -> None:
    found = loader.load_text(text, "f.yaml").problems
    assert [(p.location.line, p.message) for p in found] == expected


def test_cut_keeps_forty_characters() -> None:
    assert cut("a" * 40) == "a" * 40
    assert cut("a" * 41) == "a" * 37 + "..."
    assert shown("a\x00b") == "'a\\x00b'"


def test_describe_names_without_dumping() -> None:
    assert describe(True) == "true (a boolean)"
    assert describe(False) == "false (a boolean)"
    assert describe(None) == "nothing (null)"
    assert describe(7) == "7"
    assert describe(2**128 - 1) == repr(2**128 - 1)
    assert describe(2**128) == "a number of about 38 digits"
    assert describe(10**5000) == "a number of about 5,000 digits"
    assert describe(1.5) == "1.5"
    assert describe([1]) == "a list"
    assert describe((1,)) == "a list"
    assert describe({}) == "a mapping"
    assert describe(b"x") == "a bytes"


def test_did_you_mean_takes_the_closest_reasonable_word() -> None:
    assert did_you_mean("papper", ["paper", "book"]) == "; did you mean 'paper'?"
    assert did_you_mean("PAPPER", ["paper"]) == "; did you mean 'paper'?"
    assert did_you_mean("zzz", ["paper"]) == ""
    assert did_you_mean(3, ["paper"]) == ""
    # a long word is no misspelling: no suggestion, and no quadratic work
    assert did_you_mean("p" * 100 + "aper", ["p" * 100 + "aper"]) == ""
    assert did_you_mean("a" * 101, ["a" * 101]) == ""
    assert (
        did_you_mean("a" * 99 + "b", ["a" * 100])
        == "; did you mean '" + "a" * 100 + "'?"
    )
