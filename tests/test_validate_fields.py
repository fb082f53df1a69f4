"""How an entry's fields become a resource: kept, cleaned, located, made unique.

Each case loads a small YAML text with the public loader and compares the
resource, or the located messages, exactly: a field dropped or renamed, a
line number or a word of a warning changed fails here (written from the
survivors of mutation testing; see CONTRIBUTING.md, "Mutation testing").
"""

from __future__ import annotations

import pytest

from sphinx_readinglist.data import (
    Limits,
    Link,
    Location,
    Markup,
    ReadingList,
    Resource,
    Text,
    load_text,
)
from sphinx_readinglist.data.validate import _size

_ALLOWED = "(allowed: http:, https:, mailto:)"


def load(text: str, **kwargs: object) -> ReadingList:
    return load_text(text, "reading.yaml", **kwargs)  # type: ignore[arg-type]


def told(reading_list: ReadingList) -> list[tuple[int, str, str]]:
    return [(p.location.line, p.subtype, p.message) for p in reading_list.problems]


def at(line: int) -> Location:
    return Location("reading.yaml", line)


# -- every field, as written ---------------------------------------------------


def test_every_field_of_an_entry_reaches_the_resource() -> None:
    data = load(
        """\
resources:
  - title: "Deep   learning"
    id: lecun2015
    url: https://example.org/paper
    authors: [Yann  LeCun, "Hinton, Geoffrey"]
    date: 2015-05-27
    added: 2024-01-15
    venue: "Nature   Reviews"
    kind: paper
    level: advanced
    tags: [b, a, b]
    description: A *review*.
    abstract: What deep learning is.
    links:
      - {title: "Free   PDF", url: https://example.org/a.pdf}
    translations: {fr: https://example.org/fr}
    image: covers/deep.png
    image_alt: A deep network
    doi: 10.1038/nature14539
    arxiv: '1502.03167'
    isbn: 978-0-262-03561-3
    archive: https://web.archive.org/x
    status: dead
    extra: {stars: 5, license: MIT}
""",
        markup=Markup.MYST,
    )
    assert told(data) == []
    assert data.resources == (
        Resource(
            id="lecun2015",
            title="Deep learning",
            location=at(2),
            url="https://example.org/paper",
            url_location=at(4),
            authors=("Yann LeCun", "Hinton, Geoffrey"),
            year=2015,
            date="2015-05-27",
            added="2024-01-15",
            venue="Nature Reviews",
            kind="paper",
            level="advanced",
            tags=("b", "a"),
            description=Text("A *review*.", Markup.MYST, at(12)),
            abstract=Text("What deep learning is.", Markup.MYST, at(13)),
            links=(Link("Free PDF", "https://example.org/a.pdf"),),
            translations=(("fr", "https://example.org/fr"),),
            image="covers/deep.png",
            image_alt="A deep network",
            image_location=at(17),
            doi="10.1038/nature14539",
            arxiv="1502.03167",
            isbn="978-0-262-03561-3",
            archive="https://web.archive.org/x",
            status="dead",
            extra=(("stars", 5), ("license", "MIT")),
        ),
    )


def test_an_entry_with_a_title_only_has_the_documented_defaults() -> None:
    data = load("resources:\n  - title: Alone\n")
    assert data.resources == (Resource(id="alone", title="Alone", location=at(2)),)
    (resource,) = data.resources
    # no address, no image: nothing to locate
    assert (resource.url_location, resource.image_location) == (None, None)
    assert resource.status == "ok"


def test_fields_taken_from_the_defaults_are_located_at_the_defaults() -> None:
    data = load(
        """\
defaults:
  url: https://example.org/all
  image: covers/all.png
  abstract: Shared.
resources:
  - title: A
"""
    )
    assert told(data) == []
    (resource,) = data.resources
    assert (resource.url, resource.url_location) == ("https://example.org/all", at(2))
    assert (resource.image, resource.image_location) == ("covers/all.png", at(3))
    assert resource.abstract == Text("Shared.", Markup.RST, at(4))


def test_authors_are_never_split_on_commas_but_tags_are() -> None:
    data = load(
        """\
resources:
  - title: A
    authors: "LeCun,  Yann"
    tags: "deep   learning, ,review,deep   learning"
"""
    )
    (resource,) = data.resources
    assert resource.authors == ("LeCun, Yann",)
    assert resource.tags == ("deep learning", "review")


def test_a_venue_is_kept_with_its_spaces_collapsed() -> None:
    data = load('resources:\n  - title: A\n    venue: "  Neural \\t Networks "\n')
    assert data.resources[0].venue == "Neural Networks"


# -- ids made unique -----------------------------------------------------------


def test_repeated_titles_take_the_next_free_suffix_in_order() -> None:
    data = load(
        """\
resources:
  - title: Same
  - title: Same
  - title: Same
"""
    )
    assert [r.id for r in data.resources] == ["same", "same-2", "same-3"]
    assert told(data) == [
        (3, "duplicate", "entry 'Same': duplicate id 'same' (first at line 2); "
         "add an 'id'; it is shown as same-2"),
        (4, "duplicate", "entry 'Same': duplicate id 'same' (first at line 2); "
         "add an 'id'; it is shown as same-3"),
    ]  # fmt: skip


def test_a_suffix_already_taken_is_skipped_once_and_for_all() -> None:
    data = load(
        """\
resources:
  - title: Same
  - title: Other
    id: same-2
  - title: Same
  - title: Same
"""
    )
    assert [r.id for r in data.resources] == ["same", "same-2", "same-3", "same-4"]
    assert told(data) == [
        (5, "duplicate", "entry 'Same': duplicate id 'same' (first at line 2); "
         "add an 'id'; it is shown as same-3"),
        (6, "duplicate", "entry 'Same': duplicate id 'same' (first at line 2); "
         "add an 'id'; it is shown as same-4"),
    ]  # fmt: skip


def test_a_repeated_id_is_reported_at_its_own_line() -> None:
    data = load(
        """\
resources:
  - title: First
    id: same
  - title: Second
    kind: book
    id: same
"""
    )
    assert [r.id for r in data.resources] == ["same", "same-2"]
    assert told(data) == [
        (6, "duplicate", "entry 'Second': duplicate id 'same' (first at line 2); "
         "give it another 'id'; it is shown as same-2"),
    ]  # fmt: skip


# -- links and translations ----------------------------------------------------


def test_each_url_field_is_reported_by_name_at_its_own_line() -> None:
    data = load(
        """\
resources:
  - title: Bad
    links:
      - title: Good
        url: https://example.org/good
      - title: Evil
        url: javascript:alert(1)
    translations:
      fr: https://example.org/fr
      de: javascript:alert(2)
    url: javascript:alert(3)
    archive: javascript:alert(4)
    image: javascript:alert(5)
"""
    )
    scheme = "the scheme javascript: is not allowed " + _ALLOWED
    assert told(data) == [
        (6, "unsafe", f"entry 'Bad': links[2].url 'javascript:alert(1)' is not linked: {scheme}"),
        (10, "unsafe", f"entry 'Bad': translations.de 'javascript:alert(2)' is not linked: {scheme}"),
        (13, "unsafe", f"entry 'Bad': image 'javascript:alert(5)' is not linked: {scheme}"),
        (11, "unsafe", f"entry 'Bad': url 'javascript:alert(3)' is not linked: {scheme}"),
        (12, "unsafe", f"entry 'Bad': archive 'javascript:alert(4)' is not linked: {scheme}"),
    ]  # fmt: skip
    (resource,) = data.resources
    assert resource.links == (Link("Good", "https://example.org/good"),)
    assert resource.translations == (("fr", "https://example.org/fr"),)
    assert (resource.url, resource.archive, resource.image) == (None, None, None)


def test_a_link_left_out_by_the_schema_keeps_the_links_after_it() -> None:
    data = load(
        """\
resources:
  - title: A
    links:
      - title: no address
      - title: Slides
        url: https://example.org/slides
      - title: Evil
        url: javascript:x
"""
    )
    assert data.resources[0].links == (Link("Slides", "https://example.org/slides"),)
    # the third link is still the third, at its own line
    assert [(line, message[:29]) for line, _, message in told(data)] == [
        (4, "entry 'A': links[1] has no 'u"),
        (7, "entry 'A': links[3].url 'java"),
    ]


def test_translations_from_the_defaults_are_reported_at_the_defaults() -> None:
    data = load(
        """\
defaults:
  translations:
    fr: https://example.org/fr
    de: javascript:x
resources:
  - title: A
"""
    )
    assert told(data) == [
        (4, "unsafe", "entry 'A': translations.de 'javascript:x' is not linked: "
         "the scheme javascript: is not allowed " + _ALLOWED),
    ]  # fmt: skip
    assert data.resources[0].translations == (("fr", "https://example.org/fr"),)


# -- images rooted at the source directory -------------------------------------

_OUTSIDE = (
    "entry 'A': image {!r} is outside the source directory and is not shown; "
    "move it into the documentation"
)


@pytest.mark.parametrize(
    "image",
    [
        "/covers/a.png",
        "/a.png",
        "/a/../b.png",
        "/a/b/../../x.png",
        "/./a/./../b.png",
    ],
)
def test_a_rooted_image_that_stays_inside_is_kept(image: str) -> None:
    data = load(f"resources:\n  - title: A\n    image: {image}\n")
    assert told(data) == []
    (resource,) = data.resources
    assert (resource.image, resource.image_location) == (image, at(3))


@pytest.mark.parametrize(
    "image",
    [
        "/../x.png",
        "/./../x.png",
        "/a/../../x.png",
        "/a/b/../../../x.png",
        "/a//../../x.png",
        "/a\\..\\..\\x.png",
    ],
)
def test_a_rooted_image_that_climbs_out_is_refused(image: str) -> None:
    data = load(f"resources:\n  - title: A\n    image: '{image}'\n")
    assert told(data) == [(3, "unsafe", _OUTSIDE.format(image))]
    assert data.resources[0].image is None


# -- what defaults cost, per entry that takes them ------------------------------


def _left_out(name: str, limit: int, what: str, setting: str) -> str:
    return (
        f"entry {name!r} is left out: with the defaults it takes, the data "
        f"expands to more than {limit:,} {what}; set a long default only in the "
        f"entries that need it, or raise readinglist_{setting}"
    )


#: Two links (11 values, 48 characters with their keys) and two tags (3
#: values, 4 characters): entry A takes both, B only the links, C both.
_COSTLY_DEFAULTS = """\
defaults:
  links: [{title: T, url: https://e.org/1}, {title: U, url: https://e.org/2}]
  tags: [ab, cd]
resources:
  - title: A
  - title: B
    tags: [x]
  - title: C
"""
#: What the file itself holds.
_FILE_NODES, _FILE_CHARS = 33, 101


@pytest.mark.parametrize(
    ("room", "kept", "left_out"),
    [(52 + 48, ["A", "B"], [("C", 8)]), (52 + 47, ["A"], [("B", 6), ("C", 8)])],
)
def test_defaults_cost_their_characters_in_every_entry_that_takes_them(
    room: int, kept: list[str], left_out: list[tuple[str, int]]
) -> None:
    limit = _FILE_CHARS + room
    data = load(_COSTLY_DEFAULTS, limits=Limits(max_bytes=limit))
    assert [r.title for r in data.resources] == kept
    assert told(data) == [
        (line, "data", _left_out(name, limit, "characters", "max_bytes"))
        for name, line in left_out
    ]


@pytest.mark.parametrize(
    ("room", "kept", "left_out"),
    [(14 + 11, ["A", "B"], [("C", 8)]), (14 + 10, ["A"], [("B", 6), ("C", 8)])],
)
def test_defaults_cost_their_values_in_every_entry_that_takes_them(
    room: int, kept: list[str], left_out: list[tuple[str, int]]
) -> None:
    limit = _FILE_NODES + room
    data = load(_COSTLY_DEFAULTS, limits=Limits(max_nodes=limit))
    assert [r.title for r in data.resources] == kept
    assert told(data) == [
        (line, "data", _left_out(name, limit, "values", "max_nodes"))
        for name, line in left_out
    ]


@pytest.mark.parametrize(
    ("value", "size"),
    [
        ("abc", (1, 3)),
        (["ab", "cd"], (3, 4)),
        ({"fr": "https://e.org/f"}, (3, 17)),
        # each mapping: itself, its keys and its values
        ([{"title": "T", "url": "u1"}, {"title": "U", "url": "u2"}], (11, 22)),
        ({"a": ["x", {"bc": "d"}]}, (7, 5)),
        (5, (1, 0)),
    ],
)
def test_a_default_is_measured_value_by_value(
    value: object, size: tuple[int, int]
) -> None:
    assert _size(value) == size
