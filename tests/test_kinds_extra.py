"""A project's own kinds, ``extra:`` fields, and tag labels.

``readinglist_kinds`` adds kinds that validate, filter, group and read like
the built-in ones, and the JSON Schema can be made for them;
``extra:`` keeps the fields the format does not know, searchable, and shown
for the names ``readinglist_show_extra`` lists; ``readinglist_tag_labels``
relabels tags on cards, group headings and filter buttons. The data layer
first (messages and lines, without Sphinx), then the settings, then real
builds of ``roots/test-kinds-extra`` in every output, and the attacks.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from sphinx_readinglist.cards import layout
from sphinx_readinglist.cards.labels import ProjectLabels
from sphinx_readinglist.cards.nodes import readinglist_search_text
from sphinx_readinglist.data import load_text
from sphinx_readinglist.data import schema_check as schema_check_module
from sphinx_readinglist.data.loader import FileCache
from sphinx_readinglist.data.model import KINDS, Limits, Location, Markup, Resource
from sphinx_readinglist.data.schema_check import (
    certainly_valid,
    jsonschema_validator,
    schema,
    schema_for,
)
from sphinx_readinglist.vocabulary import label_in

from . import test_browser as tb
from ._sphinx import (
    CONF,
    DOCS,
    ROOTS,
    SYNTAXES,
    build,
    build_copy,
    card_parts,
    directive_page,
    page,
    started,
    warnings_of,
    write_project,
)
from ._tools import latexmk_pdf

ROOT = ROOTS / "test-kinds-extra"
PROJECT_KINDS = (*KINDS, "dataset", "conference")
LIMITS = Limits(kinds=PROJECT_KINDS)
_KINDS_LISTED = (
    "paper, book, course, video, blog, article, website, tool, list, talk, "
    "podcast, other"
)

# the browser and the loopback server of the browser tests
browser = tb.browser
site = tb.site


def problems(text: str, limits: Limits | None = None) -> list[tuple[int, str]]:
    return [
        (p.location.line, p.message)
        for p in load_text(text, "k.yaml", limits=limits).problems
    ]


# -- the project's kinds, in the data ------------------------------------------------

ENTRY = "resources:\n  - title: ImageNet\n    kind: dataset\n"


def test_a_project_kind_is_valid_in_its_project_only() -> None:
    data = load_text(ENTRY, "k.yaml", limits=LIMITS)
    assert data.problems == ()
    assert data.resources[0].kind == "dataset"
    # without the setting, it is an unknown kind, and the kind only is left out
    data = load_text(ENTRY, "k.yaml")
    assert [(p.location.line, p.message) for p in data.problems] == [
        (3, f"entry 'ImageNet': 'kind' must be one of {_KINDS_LISTED}, got 'dataset'")
    ]
    assert [(r.title, r.kind) for r in data.resources] == [("ImageNet", None)]


def test_an_unknown_kind_suggests_the_project_kinds() -> None:
    text = (
        "defaults:\n  kind: conferense\nresources:\n"
        "  - title: A\n    kind: datset\n  - title: B\n"
    )
    listed = f"{_KINDS_LISTED}, dataset, conference"
    assert problems(text, LIMITS) == [
        (2, f"defaults: 'kind' must be one of {listed}, got 'conferense'; did you mean 'conference'?"),
        (5, f"entry 'A': 'kind' must be one of {listed}, got 'datset'; did you mean 'dataset'?"),
    ]  # fmt: skip


def test_a_project_kind_may_be_a_default() -> None:
    data = load_text(
        "defaults:\n  kind: conference\nresources:\n  - title: A\n"
        "  - title: B\n    kind: paper\n",
        "k.yaml",
        limits=LIMITS,
    )
    assert data.problems == ()
    assert [r.kind for r in data.resources] == ["conference", "paper"]


def test_the_fast_check_vouches_for_project_kinds_and_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """10,000 valid entries with a project kind and extra fields never reach
    jsonschema: the fast check, compiled for the project's kinds, vouches
    for each, so such a file is read as fast as one without them."""

    def refuse(*args: Any) -> Any:
        raise AssertionError("jsonschema ran for a valid entry")

    entries = "".join(
        f"  - title: Entry {i}\n    kind: {'dataset' if i % 2 else 'paper'}\n"
        f"    extra: {{stars: {i}, license: MIT, ok: true, ratio: 0.5}}\n"
        for i in range(10_000)
    )
    monkeypatch.setattr(schema_check_module, "jsonschema_validator", refuse)
    data = load_text("resources:\n" + entries, "big.yaml", limits=LIMITS)
    assert data.problems == ()
    assert len(data.resources) == 10_000
    assert data.resources[1].kind == "dataset"
    assert data.resources[1].extra == (
        ("stars", 1),
        ("license", "MIT"),
        ("ok", True),
        ("ratio", 0.5),
    )


def test_the_file_cache_reads_a_file_again_for_other_kinds(tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_text(ENTRY, encoding="utf-8")
    cache = FileCache()
    built_in = cache.load(path, "k.yaml", markup=Markup.RST, limits=Limits())
    own = cache.load(path, "k.yaml", markup=Markup.RST, limits=LIMITS)
    assert [r.kind for r in built_in.resources] == [None]
    assert [r.kind for r in own.resources] == ["dataset"]
    assert cache.load(path, "k.yaml", markup=Markup.RST, limits=LIMITS) is own


# -- the schema for a project's kinds ------------------------------------------------


def test_schema_for_a_project_accepts_its_kinds_only() -> None:
    generated = schema_for(["dataset", "conference"])
    validator = jsonschema.Draft202012Validator(generated)
    entry = {"title": "ImageNet", "kind": "dataset"}
    assert validator.is_valid({"resources": [entry]})
    assert validator.is_valid([{"title": "A", "kind": "paper"}])  # a bare list
    assert validator.is_valid({"defaults": {"kind": "conference"}, "resources": []})
    assert not validator.is_valid([{"title": "A", "kind": "datset"}])
    assert not validator.is_valid({"defaults": {"kind": "poster"}, "resources": []})
    # the shipped schema stays as it was: without them
    shipped = jsonschema.Draft202012Validator(schema())
    assert not shipped.is_valid([entry])
    kinds = generated["$defs"]["resource"]["properties"]["kind"]["enum"]
    assert kinds == [*KINDS, "dataset", "conference"]
    assert schema()["$defs"]["resource"]["properties"]["kind"]["enum"] == list(KINDS)


def test_schema_for_is_a_copy_with_no_borrowed_id() -> None:
    generated = schema_for({"dataset": "Dataset", "paper": "ignored"})
    # the keys of readinglist_kinds; a built-in kind is not listed twice
    enum = generated["$defs"]["defaults"]["properties"]["kind"]["enum"]
    assert enum == [*KINDS, "dataset"]
    assert "$id" not in generated  # it is not the schema published at that address
    generated["$defs"]["resource"]["properties"]["kind"]["enum"].append("x")
    assert (
        "x"
        not in schema_for(["dataset"])["$defs"]["resource"]["properties"]["kind"][
            "enum"
        ]
    )
    # without kinds of its own, the shipped schema itself, $id and all
    assert schema_for() == schema()
    assert schema_for() is not schema()
    # it is JSON, for an editor to read
    assert json.loads(json.dumps(generated)) == generated


def test_the_documented_way_to_write_the_schema_works(tmp_path: Path) -> None:
    """The conf.py lines of docs/yaml-format.md, run: the file they write
    accepts the documented entry, with its kind, and refuses a misspelt one."""
    page_ = (DOCS / "yaml-format.md").read_text(encoding="utf-8")
    section = page_.split("(json-schema-kinds)=", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, flags=re.DOTALL)
    yaml_example = re.search(r"```yaml\n(.*?)```", section, flags=re.DOTALL)
    assert code is not None and yaml_example is not None
    conf = tmp_path / "conf.py"
    exec(compile(code[1], str(conf), "exec"), {"__file__": str(conf)})
    written = json.loads((tmp_path / "readinglist.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(written)
    data = yaml.safe_load(yaml_example[1])
    assert data["resources"][0]["kind"] == "dataset"
    assert validator.is_valid(data)
    data["resources"][0]["kind"] = "datset"
    assert not validator.is_valid(data)


@pytest.mark.parametrize("bad", ["Dataset", "data set", "-x", "x--y", "", "é", 3])
def test_schema_for_refuses_what_is_no_kind_name(bad: Any) -> None:
    with pytest.raises(ValueError, match="is not a kind's name"):
        schema_for(["dataset", bad])


def test_the_schema_holds_extra_and_its_checks_agree() -> None:
    extra = schema()["$defs"]["resource"]["properties"]["extra"]
    assert extra["type"] == "object"
    assert extra["description"]
    assert "extra" not in schema()["$defs"]["defaults"]["properties"]
    good = [
        {"stars": 1200, "license": "MIT", "ok": False, "ratio": 0.5},
        {"last_checked": "2024-05-01"},
        {},
    ]
    bad = [
        {"nested": {"a": 1}},
        {"list": [1]},
        {"null": None},
        {"": 1},
        {"x" * 65: 1},
        ["stars"],
        "stars: 5",
    ]
    for value in good:
        entry = {"title": "T", "extra": value}
        assert certainly_valid("resource")(entry), value  # fast
        assert not list(jsonschema_validator("resource").iter_errors(entry))
    for value in bad:
        entry = {"title": "T", "extra": value}
        assert not certainly_valid("resource")(entry), value
        assert list(jsonschema_validator("resource").iter_errors(entry)), value


# -- extra: kept, located, and each bad item left out alone ---------------------------

EXTRA = """\
resources:
  - title: Kept
    extra:
      stars: 1200
      license: MIT
      ok: true
      ratio: 0.25
      last_checked: 2024-05-01
      seen: 2024-05-01 10:30:00
      empty_text: ''
  - title: Bad names and values
    url: https://example.org/
    extra:
      nested:
        a: 1
      list: [1, 2]
      '': empty name
      1: number name
      null: null name
      nothing:
      not_finite: .nan
      "zero\\u200bwidth": x
      "control\\x1bname": x
      %s: too long
      tagged: !!python/object/apply:os.system [echo pwned]
      kept: yes it is
  - title: Not a mapping
    year: 2015
    extra: [stars, 5]
  - title: No value
    extra:
""" % ("n" * 65)

EXTRA_MESSAGES = [
    (14, "entry 'Bad names and values': extra: 'nested' must be a single value (a text, a number, a boolean or a date), got a mapping; it is left out: write e.g. nested: 1200"),
    (16, "entry 'Bad names and values': extra: 'list' must be a single value (a text, a number, a boolean or a date), got a list; it is left out: write e.g. list: 1200"),
    (17, "entry 'Bad names and values': extra: the name '' is empty; it is left out"),
    (18, "entry 'Bad names and values': extra: YAML reads the key 1 as an integer, not as text; quote it, as in '1': ... (it is used as written)"),
    (19, "entry 'Bad names and values': extra: YAML reads the key null as null, not as text; quote it, as in 'null': ... (it is used as written)"),
    (20, "entry 'Bad names and values': extra: 'nothing' has no value; it is left out: give it one, such as nothing: 1200, or remove it"),
    (21, "entry 'Bad names and values': extra: 'not_finite' is .nan, which YAML reads as a number that is not finite; it is left out: quote it to keep it as text"),
    (22, "entry 'Bad names and values': extra: the name 'zero\\u200bwidth' contains the invisible character U+200B; write the name in visible characters; it is left out"),
    (23, "entry 'Bad names and values': extra: the name 'control\\x1bname' contains the invisible character U+001B; write the name in visible characters; it is left out"),
    (24, "entry 'Bad names and values': extra: the name 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...' is 65 characters long, more than 64; use a shorter name; it is left out"),
    (25, "entry 'Bad names and values': extra: 'tagged' must be a single value (a text, a number, a boolean or a date), got a value tagged !!python/object/apply:os.system (remove the tag: only plain YAML values are read); it is left out: write e.g. tagged: 1200"),
    (29, "entry 'Not a mapping': 'extra' must be a mapping, got a list; write e.g. extra: {stars: 1200, license: MIT}"),
    (31, "entry 'No value': 'extra' must be a mapping, got nothing (null); write e.g. extra: {stars: 1200, license: MIT}"),
]  # fmt: skip


def test_extra_is_kept_in_order_and_each_bad_item_is_left_out_alone() -> None:
    data = load_text(EXTRA, "extra.yaml")
    found = sorted((p.location.line, p.message) for p in data.problems)
    assert found == EXTRA_MESSAGES
    assert all(p.subtype == "data" for p in data.problems)
    kept, bad, not_mapping, null = data.resources
    # dates as written, numbers and booleans as YAML reads them
    assert kept.extra == (
        ("stars", 1200),
        ("license", "MIT"),
        ("ok", True),
        ("ratio", 0.25),
        ("last_checked", "2024-05-01"),
        ("seen", "2024-05-01 10:30:00"),
        ("empty_text", ""),
    )
    # the keys YAML read as other than text are kept as written
    assert bad.extra == (
        ("1", "number name"),
        ("null", "null name"),
        ("kept", "yes it is"),
    )
    assert bad.url == "https://example.org/"
    assert (not_mapping.extra, not_mapping.year) == ((), 2015)
    assert null.extra == ()


def test_a_nested_value_is_told_at_its_name_in_block_and_flow_style() -> None:
    text = (
        "- title: T\n  extra:\n    block:\n\n      - 1\n    flow: {a: 1}\n    fine: 2\n"
    )
    data = load_text(text, "n.yaml")
    assert [p.location.line for p in data.problems] == [3, 6]
    assert data.resources[0].extra == (("fine", 2),)


def test_extra_is_set_per_entry() -> None:
    data = load_text(
        "defaults:\n  extra: {stars: 1}\n  kind: paper\nresources:\n  - title: A\n",
        "d.yaml",
    )
    assert problems_of(data) == [
        (2, "defaults: 'extra' is set per entry, not in defaults")
    ]
    assert [(r.kind, r.extra) for r in data.resources] == [("paper", ())]


def problems_of(data: Any) -> list[tuple[int, str]]:
    return [(p.location.line, p.message) for p in data.problems]


def test_an_extra_alias_is_kept_and_told_where_it_is_used() -> None:
    text = (
        "resources:\n"
        "  - title: A\n"
        "    extra: &common {license: MIT, nested: [1]}\n"
        "  - title: B\n"
        "    extra: *common\n"
    )
    data = load_text(text, "a.yaml")
    assert [r.extra for r in data.resources] == [(("license", "MIT"),)] * 2
    assert [line for line, _message in problems_of(data)] == [3, 5]


def test_an_unknown_field_may_go_under_extra() -> None:
    text = "- title: T\n  stars: 5\n  no: x\n  yaer: 2015\n  extr: {a: 1}\n"
    messages = problems_of(load_text(text, "u.yaml"))
    assert [line for line, _m in messages] == [2, 3, 4, 5]
    stars, no, yaer, extr = (m for _l, m in messages)
    # the issue's own example: 'stars' is close to 'status', but may be new
    assert stars == (
        "entry 'T': unknown field 'stars'; did you mean 'status'? To keep it, "
        "move it under extra, as in extra: {stars: ...}"
    )
    # a key YAML does not read as text is quoted in the example
    assert no.startswith(
        "entry 'T': unknown field 'no'; to keep it, move it under extra, as in "
        "extra: {'no': ...}; known fields: title, id, url,"
    )
    assert no.endswith(", status, extra")
    assert yaer.startswith("entry 'T': unknown field 'yaer'; did you mean 'year'?")
    assert extr.startswith("entry 'T': unknown field 'extr'; did you mean 'extra'?")


def test_ten_thousand_extra_names_are_kept_in_order() -> None:
    names = [f"field_{i}" for i in range(10_000)]
    text = "- title: Wide\n  extra:\n" + "".join(
        f"    {n}: {i}\n" for i, n in enumerate(names)
    )
    data = load_text(text, "wide.yaml")
    assert data.problems == ()
    (wide,) = data.resources
    assert [name for name, _value in wide.extra] == names
    assert wide.extra[-1] == ("field_9999", 9999)


def test_invisible_characters_in_a_value_are_left_out_and_told() -> None:
    text = (
        "- title: T\n  extra:\n"
        '    license: "\\u202Egnp.exe"\n'
        '    note: "a\\u200bb\\u2066c"\n'
        '    plain: "\\e[31mred"\n'
    )
    data = load_text(text, "rtl.yaml")
    assert sorted(problems_of(data)) == [
        # control characters are removed from every field, and told at its line
        (3, "entry 'T': 'extra' contains the control character U+001B, which cannot be shown and is left out; remove it"),
        (3, "entry 'T': extra: 'license' contains the invisible character U+202E, which is left out; remove it"),
        (4, "entry 'T': extra: 'note' contains the invisible characters U+200B, U+2066, which are left out; remove them"),
    ]  # fmt: skip
    assert data.resources[0].extra == (
        ("license", "gnp.exe"),
        ("note", "abc"),
        ("plain", "[31mred"),
    )


# -- the card's layout -------------------------------------------------------------


def test_the_layout_takes_the_project_labels() -> None:
    resource = Resource(
        id="r",
        title="R",
        location=Location("r.yaml", 1),
        kind="dataset",
        tags=("cv", "Other tag"),
        extra=(("license", "MIT"), ("stars", 12), ("ok", False), ("blank", " ")),
    )
    project = ProjectLabels(
        kinds=PROJECT_KINDS,
        kind_labels={"dataset": "Dataset"},
        tag_labels={"cv": "Computer vision"},
        extra=(("stars", "Stars"), ("ok", "OK"), ("blank", "Blank"), ("none", "None")),
    )
    _image, body = layout.card_layout(
        resource, anchor="r", max_authors=None, project=project
    )
    assert isinstance(body, layout.Body)
    assert [type(part).__name__ for part in body.parts] == [
        "Title",
        "Meta",
        "MarkupChildren",
        "Extra",
        "Tags",
    ]
    _title, meta, _markup, extra, tags = body.parts
    assert isinstance(meta, layout.Meta)
    assert meta.items[0] == ("", layout.Badge("Dataset", layout.KIND_CLASSES))
    # the setting's order; a blank value and a missing name make no row
    assert extra == layout.Extra((("Stars", "12"), ("OK", "false")))
    assert isinstance(tags, layout.Tags)
    assert [badge.label for _sep, badge in tags.badges] == [
        "Computer vision",
        "Other tag",
    ]
    # without the settings: the kind's name, the tags as written, no rows
    _image, body = layout.card_layout(resource, anchor="r", max_authors=None)
    assert isinstance(body, layout.Body)
    assert [type(part).__name__ for part in body.parts] == [
        "Title",
        "Meta",
        "MarkupChildren",
        "Tags",
    ]


# -- the settings ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "language", "shown"),
    [
        ("Dataset", "fr", "Dataset"),  # a text is shown as given
        ({"en": "Dataset", "fr": "Jeu de données"}, "fr", "Jeu de données"),
        ({"en": "Dataset", "fr": "Jeu de données"}, "fr_CA", "Jeu de données"),
        ({"en": "Dataset", "pt-BR": "Conjunto"}, "pt_BR", "Conjunto"),
        ({"en": "Dataset", "fr": "Jeu de données"}, "de", "Dataset"),
        ({"en": "Dataset"}, None, "Dataset"),
        ({"de": "Datensatz", "fr": "Jeu"}, "ja", "Datensatz"),
    ],
)
def test_a_label_in_the_project_language(
    label: Any, language: str | None, shown: str
) -> None:
    assert label_in(label, language) == shown


BAD_SETTINGS = (
    CONF + "readinglist_kinds = {'dataset': 'Dataset', 'Bad Name': 'x', 'paper': 'P', "
    "'poster': 3, 'talk-video': {}, 'éa': 'x'}\n"
    + "readinglist_tag_labels = {'cv': 'Computer vision', 'CV': 'Again', "
    "'\\u200b': 'x', 'nlp': '', 7: 'number'}\n"
    + "readinglist_show_extra = ['stars', 'stars', '', 3, 'x' * 70, 'a\\u202eb']\n"
)
LABEL = "must be a text, or a mapping of language codes to texts such as"
BAD_SETTING_WARNINGS = [
    "WARNING: readinglist_kinds: 'Bad Name' is not a kind's name; use lowercase letters, digits and single hyphens, at most 40 characters, such as 'bad-name'. It is ignored [readinglist.config]",
    "WARNING: readinglist_kinds: 'paper' is a built-in kind, with a translated label of its own; remove it. It is ignored [readinglist.config]",
    f"WARNING: readinglist_kinds: the label of 'poster' {LABEL} {{'en': 'Dataset', 'fr': 'Jeu de données'}}, got 3. The kind is ignored [readinglist.config]",
    f"WARNING: readinglist_kinds: the label of 'talk-video' {LABEL} {{'en': 'Dataset', 'fr': 'Jeu de données'}}, got {{}}. The kind is ignored [readinglist.config]",
    "WARNING: readinglist_kinds: 'éa' is not a kind's name; use lowercase letters, digits and single hyphens, at most 40 characters, such as 'a'. It is ignored [readinglist.config]",
    "WARNING: readinglist_tag_labels: 'CV' is the same tag as 'cv' (tags match ignoring case and spaces); keep one of them. The second is ignored [readinglist.config]",
    "WARNING: readinglist_tag_labels: '\\u200b' is not a tag; write a tag as the data writes it, such as 'cv'. It is ignored [readinglist.config]",
    f"WARNING: readinglist_tag_labels: the label of 'nlp' {LABEL} {{'en': 'Computer vision', 'fr': 'Vision par ordinateur'}}, got ''. The label is ignored [readinglist.config]",
    "WARNING: readinglist_tag_labels: 7 is not a tag; write a tag as the data writes it, such as 'cv'. It is ignored [readinglist.config]",
    "WARNING: readinglist_show_extra: 'stars' is listed twice; the second is ignored [readinglist.config]",
    "WARNING: readinglist_show_extra: the name '' is empty. It is ignored [readinglist.config]",
    "WARNING: readinglist_show_extra: the name 3 is not a text; write the name as the data writes it under extra. It is ignored [readinglist.config]",
    "WARNING: readinglist_show_extra: the name 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is 70 characters long, more than 64; use a shorter name. It is ignored [readinglist.config]",
    "WARNING: readinglist_show_extra: the name 'a\\u202eb' contains the invisible character U+202E; write the name in visible characters. It is ignored [readinglist.config]",
]  # fmt: skip


def test_bad_items_of_the_settings_warn_and_the_good_ones_work(tmp_path: Path) -> None:
    use = directive_page(
        "rst",
        options=[("group-by", "tag")],
        body=("- title: A\n  kind: dataset\n  tags: [cv, nlp]\n  extra: {stars: 5}\n"),
    )
    srcdir = write_project(tmp_path, {"index.rst": use.text}, conf=BAD_SETTINGS)
    outdir, warnings = build(srcdir)
    assert [w for w in warnings if "[readinglist." in w] == BAD_SETTING_WARNINGS
    card = page(outdir).select_one("article")
    assert card is not None
    assert card.select_one(".readinglist-kind").get_text() == "Dataset"
    assert [b.get_text() for b in card.select(".readinglist-tag")] == [
        "Computer vision",
        "nlp",
    ]
    assert rows(card) == [("stars", "5")]


@pytest.mark.parametrize(
    ("setting", "value", "expected"),
    [
        ("readinglist_kinds", "['dataset']", "a mapping of new kinds to their labels, such as {'dataset': 'Dataset'}"),
        ("readinglist_tag_labels", "'cv'", "a mapping of tags to labels, such as {'cv': 'Computer vision'}"),
        ("readinglist_show_extra", "'stars'", "a list of names of extra fields, such as ['stars', 'license'], or a mapping of names to labels"),
    ],
)  # fmt: skip
def test_a_setting_of_the_wrong_type_falls_back_to_its_default(
    tmp_path: Path, setting: str, value: str, expected: str
) -> None:
    srcdir = write_project(
        tmp_path,
        {"index.rst": directive_page("rst", body="- title: A\n").text},
        conf=f"{CONF}{setting} = {value}\n",
    )
    _outdir, warnings = build(srcdir)
    ours = [w for w in warnings if "[readinglist.config]" in w]
    default = "[]" if setting == "readinglist_show_extra" else "{}"
    assert ours == [
        f"WARNING: {setting} = {value} is not valid; use {expected}. Using the "
        f"default, {default} [readinglist.config]"
    ]


# -- real builds of the root --------------------------------------------------------


@pytest.fixture(scope="module")
def html_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir, warnings = build_copy(ROOT, tmp_path_factory.mktemp("kinds") / "src")
    assert warnings == []
    return outdir


def the_list(soup: BeautifulSoup, name: str) -> Tag:
    found = soup.select_one(f"div.readinglist#{name}")
    assert found is not None, name
    return found


def ids(element: Tag) -> list[str]:
    return [str(article["id"]) for article in element.select("article")]


def rows(card: Tag) -> list[tuple[str, str]]:
    """The extra fields a card shows: (label, value) pairs."""
    extra = card.select_one("dl.readinglist-extra")
    if extra is None:
        return []
    labels = [dt.get_text() for dt in extra.select("dt.readinglist-extra-label")]
    values = [
        dd.get_text().strip() for dd in extra.select("dd.readinglist-extra-value")
    ]
    return list(zip(labels, values, strict=True))


def facet(soup: Tag, name: str) -> list[list[str]]:
    placeholder = soup.select_one(".readinglist-filter")
    assert placeholder is not None
    config = json.loads(str(placeholder["data-readinglist-filter"]))
    (found,) = [f for f in config["facets"] if f["name"] == name]
    return list(found["values"])


def test_project_kinds_group_after_the_built_in_ones(html_build: Path) -> None:
    by_kind = the_list(page(html_build), "by-kind")
    headings = [h.get_text() for h in by_kind.select(".readinglist-group")]
    # built-in kinds in their order, then the project's in the config's order
    assert headings == ["Paper", "Dataset", "Conference", "Other"]
    grids = by_kind.select("ul.readinglist-grid")
    assert [ids(grid) for grid in grids] == [
        ["lecun2015"],
        ["imagenet", "mnist"],
        ["cvpr"],
        ["untyped"],
    ]
    imagenet = by_kind.select_one("article#imagenet")
    assert imagenet is not None
    assert imagenet["data-kind"] == "dataset"
    badge = imagenet.select_one(".readinglist-meta .readinglist-kind")
    assert badge is not None and badge.get_text() == "Dataset"
    assert "sd-badge" in badge["class"]


def test_kind_options_take_the_project_kinds(html_build: Path) -> None:
    soup = page(html_build)
    assert [i.removesuffix("-2") for i in ids(the_list(soup, "datasets"))] == [
        "imagenet",
        "mnist",
    ]
    assert [re.sub(r"-\d$", "", i) for i in ids(the_list(soup, "built-in"))] == [
        "lecun2015",
        "untyped",
    ]
    conferences = the_list(page(html_build, "myst"), "myst-conferences")
    assert ids(conferences) == ["cvpr"]


def test_the_filter_offers_project_kinds_and_tag_labels(html_build: Path) -> None:
    by_kind = the_list(page(html_build), "by-kind")
    assert facet(by_kind, "kind") == [
        ["paper", "Paper"],
        ["dataset", "Dataset"],
        ["conference", "Conference"],
    ]
    # the tags' values stay slugs; their labels are the project's, sorted
    assert facet(by_kind, "tags") == [
        ["cv", "Computer vision"],
        ["data", "Data"],
        ["nlp", "Natural language"],
    ]
    cvpr = by_kind.select_one("article#cvpr")
    assert cvpr is not None and cvpr["data-tags"] == "cv"


def test_tag_labels_on_badges_and_group_headings(html_build: Path) -> None:
    by_tag = the_list(page(html_build), "by-tag")
    headings = [h.get_text() for h in by_tag.select(".readinglist-group")]
    assert headings == ["Computer vision", "Data", "Natural language"]
    # "cv" and "CV" are one tag, under one heading
    first = by_tag.select("ul.readinglist-grid")[0]
    assert [re.sub(r"-\d$", "", i) for i in ids(first)] == ["imagenet", "mnist", "cvpr"]
    imagenet = the_list(page(html_build), "by-kind").select_one("article#imagenet")
    assert imagenet is not None
    badges = [
        b.get_text() for b in imagenet.select(".readinglist-tags .readinglist-tag")
    ]
    assert badges == ["Computer vision", "Data"]
    assert imagenet["data-tags"] == "cv data"


def test_extra_fields_show_only_when_listed_in_the_settings_order(
    html_build: Path,
) -> None:
    by_kind = the_list(page(html_build), "by-kind")
    imagenet = by_kind.select_one("article#imagenet")
    assert imagenet is not None
    # the setting's order and labels, not the data's
    assert rows(imagenet) == [
        ("GitHub stars", "1200"),
        ("Licence", "CC BY 4.0"),
        ("Last checked", "2024-05-01"),
    ]
    # a name that is not listed is kept, but not shown
    assert "zebra-unlisted-note" not in str(imagenet)
    mnist = by_kind.select_one("article#mnist")
    assert mnist is not None
    assert rows(mnist) == [("GitHub stars", "0"), ("Licence", "MIT")]
    # no extra, no list; after the description, before the tags
    lecun = by_kind.select_one("article#lecun2015")
    assert lecun is not None and lecun.select("dl") == []
    assert card_parts(imagenet) == [
        "readinglist-title",
        "readinglist-meta",
        "readinglist-extra",
        "readinglist-tags",
    ]


def test_extra_values_are_text_never_markup(html_build: Path) -> None:
    cvpr = the_list(page(html_build), "by-kind").select_one("article#cvpr")
    assert cvpr is not None
    assert rows(cvpr) == [
        ("GitHub stars", "<script>alert(1)</script>"),
        ("Licence", "\\input{/etc/passwd} $x^2$ & 100% #1 ~_{}"),
    ]
    assert cvpr.select("script") == []
    html = (html_build / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_extra_values_and_labels_are_searchable(tmp_path: Path) -> None:
    with started(ROOT, builddir=tmp_path / "build") as app:
        doctree = app.env.get_doctree("index")
        texts = {
            node.parent["ids"][0]: node.astext()
            for node in doctree.findall(readinglist_search_text)
        }
        index = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    imagenet = texts["imagenet"]
    # every value, shown or not; the labels of kinds and tags too
    for word in ("1200", "CC BY 4.0", "2024-05-01", "zebra-unlisted-note", "Dataset"):
        assert word in imagenet, word
    assert "Computer vision" in imagenet and "cv" in imagenet
    assert "false" in texts["mnist"]  # a boolean as YAML writes it
    assert "zebra" in index  # in Sphinx's search index itself
    # the filter's text search reads the values that cards show
    script = (Path(app.outdir) / "_static" / "readinglist.js").read_text(
        encoding="utf-8"
    )
    assert 'textOf(card, ".readinglist-extra-value")' in script


def test_the_myst_page(html_build: Path) -> None:
    body = the_list(page(html_build, "myst"), "myst-body")
    assert [h.get_text() for h in body.select(".readinglist-group")] == ["Dataset"]
    card = body.select_one("article#myst-set")
    assert card is not None
    assert card.select_one(".readinglist-kind").get_text() == "Dataset"
    assert rows(card) == [("GitHub stars", "7"), ("Licence", "MIT")]
    assert [t.get_text() for t in card.select(".readinglist-tag")] == [
        "Computer vision"
    ]


def test_labels_in_the_project_language(tmp_path: Path) -> None:
    outdir, warnings = build_copy(
        ROOT, tmp_path / "src", confoverrides={"language": "fr"}
    )
    assert warnings == []
    by_kind = the_list(page(outdir), "by-kind")
    headings = [h.get_text() for h in by_kind.select(".readinglist-group")]
    # the built-in kinds in the extension's French, the project's its own
    assert headings == ["Publication", "Dataset", "Conférence", "Autre"]


# -- the kind options, in both syntaxes -------------------------------------------


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_an_unknown_kind_option_names_the_project_kinds(
    tmp_path: Path, syntax: str
) -> None:
    use = directive_page(
        syntax,
        options=[("kind", "datset")],
        body="- title: A\n  kind: dataset\n",
    )
    srcdir = write_project(
        tmp_path,
        {f"index{use.suffix}": use.text},
        conf=CONF + "readinglist_kinds = {'dataset': 'Dataset'}\n",
    )
    _outdir, warnings = build(srcdir)
    text = "\n".join(warnings_of("\n".join(warnings), srcdir))
    assert (
        f"'datset' is not one of {_KINDS_LISTED}, dataset; did you mean 'dataset'?"
    ) in text
    # docutils reports it at the directive; myst-parser at the directive or
    # at the option's line, as "index.md" or (before 4.0) "index.md.rst"
    where = rf"index{re.escape(use.suffix)}(\.rst)?:({use.line}|{use.line + 1}):"
    assert re.search(where, text), text


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_kind_options_take_a_project_kind(tmp_path: Path, syntax: str) -> None:
    body = (
        "- title: A set\n  kind: dataset\n"
        "- title: A talk\n  kind: conference-talk\n"
        "- title: A paper\n  kind: paper\n"
    )
    conf = (
        CONF + "readinglist_kinds = {'dataset': 'Dataset', 'conference-talk': "
        "'Conference talk'}\n"
    )
    for option, shown in (
        ("kind", ["A set", "A talk"]),
        ("exclude-kinds", ["A paper"]),
    ):
        use = directive_page(
            syntax, options=[(option, "dataset, conference-talk")], body=body
        )
        srcdir = write_project(
            tmp_path / option, {f"index{use.suffix}": use.text}, conf=conf
        )
        outdir, warnings = build(srcdir)
        assert warnings == []
        assert [
            t.get_text() for t in page(outdir).select(".readinglist-title")
        ] == shown


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_an_unknown_kind_in_the_data_is_told_at_its_line(
    tmp_path: Path, syntax: str
) -> None:
    use = directive_page(syntax, "reading.yaml")
    srcdir = write_project(
        tmp_path,
        {f"index{use.suffix}": use.text},
        {"reading.yaml": "resources:\n  - title: A\n    kind: conferense\n"},
        conf=CONF + "readinglist_kinds = {'conference': 'Conference'}\n",
    )
    outdir, warnings = build(srcdir)
    assert warnings_of("\n".join(warnings), srcdir) == [
        f"reading.yaml:3: WARNING: entry 'A': 'kind' must be one of {_KINDS_LISTED}, "
        "conference, got 'conferense'; did you mean 'conference'? [readinglist.data]"
    ]
    assert page(outdir).select_one("article .readinglist-kind") is None


# -- every output ------------------------------------------------------------------


def test_latex_shows_the_rows_escaped_and_compiles(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "latex")
    assert warnings == []
    tex = next(outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\sphinxlineitem{GitHub stars}\n\\sphinxAtStartPar\n1200" in tex
    assert (
        "\\sphinxlineitem{Last checked}\n\\sphinxAtStartPar\n2024\\sphinxhyphen{}05"
        in tex
    )
    # LaTeX's special characters are text
    assert (
        "\\textbackslash{}input\\{/etc/passwd\\} \\$x\\textasciicircum{}2\\$ \\& "
        "100\\% \\#1 \\textasciitilde{}\\_\\{\\}"
    ) in tex
    assert "\\input{/etc/passwd}" not in tex
    assert "zebra" not in tex
    # the project's kinds and tag labels print as on the web
    # \DUrole{a}{\DUrole{b}{...}}, or \DUrole{a,b}{...} before Sphinx 8.1
    assert re.search(r"\\DUrole\{[^}]*readinglist-kind\}\{Dataset\}", tex)
    assert re.search(r"\\DUrole\{[^}]*readinglist-tag\}\{Computer vision\}", tex)
    assert "\\subsubsection*{Conference}" in tex  # a group heading
    latexmk_pdf(next(outdir.glob("*.tex")))


def test_text_output(tmp_path: Path) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", "text")
    assert warnings == []
    text = (outdir / "index.txt").read_text(encoding="utf-8")
    assert (
        "GitHub stars\n   1200\n\nLicence\n   CC BY 4.0\n\nLast checked\n   2024-05-01"
        in text
    )
    assert "Licence\n   <script>" not in text
    assert "GitHub stars\n   <script>alert(1)</script>" in text  # text, in a text file
    assert "zebra" not in text
    assert "-[ Conference ]-" in text
    assert "Tags: Computer vision, Data" in text


@pytest.mark.parametrize(
    ("builder", "pattern"),
    [("man", "*.1"), ("texinfo", "*.texi"), ("epub", "*.xhtml")],
)
def test_other_builders(tmp_path: Path, builder: str, pattern: str) -> None:
    outdir, warnings = build_copy(ROOT, tmp_path / "src", builder)
    assert [w for w in warnings if "readinglist" in w] == []
    text = " ".join(
        p.read_text(encoding="utf-8") for p in sorted(outdir.rglob(pattern))
    )
    for shown in ("GitHub stars", "CC BY 4.0", "Computer vision", "Conference"):
        assert shown in text, (builder, shown)
    assert "zebra" not in text


# -- attacks ----------------------------------------------------------------------

ATTACKS = """\
resources:
  - title: Attacks
    extra:
      "<script>alert(1)</script>": key script
      shown: "<img src=x onerror=alert(1)>"
      rtl: "\\u202Egnp.exe"
      latex: '\\input{/etc/passwd}\\def\\x{1}^^5cinput'
      math: $$\\alert$$
      "null": ok
"""


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_attacks_on_extra_stay_text(tmp_path: Path, syntax: str) -> None:
    conf = (
        CONF + "readinglist_show_extra = {'<script>alert(1)</script>': 'Key', "
        "'shown': 'Shown', 'rtl': 'RTL', 'latex': 'LaTeX', 'math': 'Math'}\n"
        + "project = 'attacks'\n"
    )
    use = directive_page(syntax, "attacks.yaml")
    srcdir = write_project(
        tmp_path, {f"index{use.suffix}": use.text}, {"attacks.yaml": ATTACKS}, conf=conf
    )
    outdir, warnings = build(srcdir)
    assert warnings_of("\n".join(warnings), srcdir) == [
        "attacks.yaml:6: WARNING: entry 'Attacks': extra: 'rtl' contains the "
        "invisible character U+202E, which is left out; remove it [readinglist.data]"
    ]
    card = page(outdir).select_one("article")
    assert card is not None
    assert rows(card) == [
        ("Key", "key script"),
        ("Shown", "<img src=x onerror=alert(1)>"),
        ("RTL", "gnp.exe"),
        ("LaTeX", "\\input{/etc/passwd}\\def\\x{1}^^5cinput"),
        ("Math", "$$\\alert$$"),
    ]
    assert card.select("script, img") == []
    # math delimiters in a value are text to MathJax too: its list is ignored
    grid = card.find_parent("ul")
    assert grid is not None and "mathjax_ignore" in grid["class"]
    latex_out, _warnings = build(srcdir, "latex")
    tex = next(latex_out.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\input{" not in tex and "^^5c" not in tex
    assert "\u202e" not in tex
    latexmk_pdf(next(latex_out.glob("*.tex")))


def test_a_parallel_build_takes_the_project_kinds(tmp_path: Path) -> None:
    """The directive registered with the project's kinds, before the worker
    processes of ``-j 2`` start, is theirs too (Sphinx 7 reads in parallel
    from six pages)."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    for n in range(6):
        (srcdir / f"page{n}.rst").write_text(
            f":orphan:\n\nPage {n}\n======\n\n.. readinglist:: reading.yaml\n"
            f"   :name: page{n}\n   :kind: conference\n",
            encoding="utf-8",
        )
    outdir, warnings = build(srcdir, parallel=2)
    assert warnings == []
    for n in range(6):
        assert ids(the_list(page(outdir, f"page{n}"), f"page{n}")) == ["cvpr"]
    assert ids(the_list(page(outdir, "myst"), "myst-conferences")) == ["cvpr"]


def test_a_changed_kind_setting_reads_the_data_again(tmp_path: Path) -> None:
    """The parsed file is cached per process, keyed by the kinds: a build
    without the kind warns about it, though the file has not changed."""
    srcdir = tmp_path / "src"
    build_copy(ROOT, srcdir)
    _outdir, warnings = build(srcdir, confoverrides={"readinglist_kinds": {}})
    found = [
        w
        for w in warnings_of("\n".join(warnings), srcdir)
        if w.startswith("reading.yaml:")
    ]
    assert len(found) == 3  # imagenet, cvpr, mnist
    assert all("got 'dataset'" in w or "got 'conference'" in w for w in found)


# -- the filter in a browser -----------------------------------------------------


@pytest.fixture(scope="module")
def kinds_site(site: tuple[Path, str]) -> str:
    root, base = site
    _outdir, warnings = build_copy(ROOT, root / "kinds")
    assert warnings == []
    return f"{base}/kinds/_build/html"


def test_the_filter_narrows_by_project_kind_tag_label_and_extra_value(
    browser: Any, kinds_site: str
) -> None:
    page_ = tb.open_page(browser, f"{kinds_site}/index.html")
    assert tb.visible_titles(page_, "by-kind") == [
        "Deep learning",
        "ImageNet",
        "MNIST",
        "CVPR 2024",
        "No kind at all",
    ]
    dataset = tb.button(page_, "by-kind", "dataset")
    # the label, then how many cards it would show
    assert dataset.inner_text().split() == ["Dataset", "2"]
    dataset.click()
    assert tb.visible_titles(page_, "by-kind") == ["ImageNet", "MNIST"]
    page_.click("#by-kind .readinglist-filter-clear")
    cv = tb.button(page_, "by-kind", "cv")
    assert cv.inner_text().split() == ["Computer", "vision", "3"]
    cv.click()
    assert tb.visible_titles(page_, "by-kind") == ["ImageNet", "MNIST", "CVPR 2024"]
    page_.click("#by-kind .readinglist-filter-clear")
    # a value the card shows is found; one it does not show is not
    search = page_.locator("#by-kind input[type=search]")
    search.fill("cc by")
    assert tb.visible_titles(page_, "by-kind") == ["ImageNet"]
    search.fill("zebra-unlisted-note")
    assert tb.visible_titles(page_, "by-kind") == []
    tb.close(page_)
