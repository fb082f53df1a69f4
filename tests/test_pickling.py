"""Pickling the data model, as Sphinx pickles doctrees and the environment."""

from __future__ import annotations

import copyreg
import dataclasses
import io
import pickle
from typing import Any

import pytest

from sphinx_readinglist.data import load_text
from sphinx_readinglist.data.model import Link, Location, Problem, Resource, Text

ENTRY = """\
resources:
- id: lecun2015
  title: Deep learning
  url: https://www.nature.com/articles/nature14539
  authors: [Yann LeCun, Yoshua Bengio, Geoffrey Hinton]
  date: 2015-05-27
  added: 2024-01-02
  venue: Nature
  kind: paper
  level: intermediate
  tags: [review, deep-learning]
  doi: 10.1038/nature14539
  description: A *review*.
  abstract: |
    Deep learning allows computational models...
  links:
  - {title: Slides, url: "https://example.org/slides"}
  extra: {stars: 3}
  year: 1999
"""


def _resources() -> tuple[Resource, ...]:
    loaded = load_text(ENTRY, "r.yaml")
    assert loaded.resources and loaded.problems  # the year disagrees with the date
    return loaded.resources


def _objects() -> list[Any]:
    resource = _resources()[0]
    problem = load_text(ENTRY, "r.yaml").problems[0]
    return [
        resource,
        resource.description,
        resource.links[0],
        problem,
        problem.location,
    ]


def test_every_class_pickled_in_bulk_is_covered() -> None:
    assert {type(o) for o in _objects()} == {Resource, Text, Link, Problem, Location}


@pytest.mark.parametrize("value", _objects(), ids=lambda o: type(o).__name__)
def test_a_value_comes_back_equal_with_the_state_dataclasses_gives(value: Any) -> None:
    assert pickle.loads(pickle.dumps(value)) == value
    # the state dataclasses' own __getstate__ gives: pickles made before load
    fields = [getattr(value, f.name) for f in dataclasses.fields(value)]
    assert value.__getstate__() == fields
    copy = object.__new__(type(value))
    copy.__setstate__(fields)
    assert copy == value


def test_a_pickle_of_the_dataclasses_state_loads() -> None:
    resource = _resources()[0]

    def as_dataclasses_did(value: Resource) -> Any:
        state = [getattr(value, f.name) for f in dataclasses.fields(value)]
        return (copyreg.__newobj__, (Resource,), state)  # type: ignore[attr-defined]

    table = copyreg.dispatch_table.copy()
    table[Resource] = as_dataclasses_did
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer)
    pickler.dispatch_table = table
    pickler.dump(resource)
    assert pickle.loads(buffer.getvalue()) == resource
