"""docs/getting-started.md, followed as a new user would, from nothing.

The commands, the YAML and the page are taken from the page itself: a
project made by ``sphinx-quickstart`` (and one by hand), the data file, the
page in the toctree, and a build with warnings as errors. Then the page's
claim of where the ``resource`` role links when an entry is shown on
several pages: the card of the first page in the table of contents, from
every page, the pages that show the entry included.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from ._sphinx import CONF, DOCS, build, page, write_project

GUIDE = (DOCS / "getting-started.md").read_text(encoding="utf-8")


def _block(after: str, language: str) -> str:
    """The first ``language`` block of the guide after the text ``after``."""
    rest = GUIDE[GUIDE.index(after) :]
    start = rest.index(f"```{language}\n") + len(language) + 4
    return rest[start : rest.index("```", start)]


def _quickstart(folder: Path) -> Path:
    """Run the guide's ``sphinx-quickstart`` command in ``folder``."""
    console = _block("## Make a Sphinx project", "console")
    argv = shlex.split(console.removeprefix("$ ").strip())
    assert argv[0] == "sphinx-quickstart"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx.cmd.quickstart", *argv[1:]],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return folder / argv[-1]


def _add_the_page(docs: Path) -> None:
    """The guide's data file and rST page, listed in the toctree of index."""
    (docs / "reading.yaml").write_text(
        _block("## Write the data", "yaml"), encoding="utf-8"
    )
    (docs / "reading.rst").write_text(
        _block("### In reStructuredText", "rst"), encoding="utf-8"
    )
    toctree = _block("## Show it", "rst")
    index = docs / "index.rst"
    text = index.read_text(encoding="utf-8")
    # the guide's toctree is the one sphinx-quickstart writes, plus the page
    assert toctree.replace("\n   reading\n", "") in text
    index.write_text(
        text.replace(toctree.replace("\n   reading\n", ""), toctree), encoding="utf-8"
    )


def _built(docs: Path) -> Path:
    """Build as the guide says, warnings as errors; return the output."""
    console = _block("## Build", "console")
    argv = shlex.split(console.removeprefix("$ ").strip())
    assert argv[:3] == ["sphinx-build", "-b", "html"]
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", *argv[1:]],
        cwd=docs.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return docs.parent / argv[-1]


def _check_the_page(outdir: Path) -> None:
    reading = page(outdir, "reading")
    titles = [t.get_text() for t in reading.select(".readinglist-title")]
    assert titles == ["Neural Networks and Deep Learning", "Deep learning"]
    link = reading.select_one("p a.reference.internal")
    assert link is not None
    assert (link["href"], link.get_text()) == (
        "#nielsen-nndl",
        "Neural Networks and Deep Learning",
    )
    # the navigation leads to the page
    index = page(outdir)
    assert index.select_one('.toctree-wrapper a[href="reading.html"]') is not None


def test_a_project_made_by_sphinx_quickstart(tmp_path: Path) -> None:
    docs = _quickstart(tmp_path)
    assert 'extensions = [\n    "sphinx_readinglist",' in re.sub(
        "'", '"', (docs / "conf.py").read_text(encoding="utf-8")
    )
    _add_the_page(docs)
    _check_the_page(_built(docs))


def test_a_project_made_by_hand(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    conf = _block("Or write the project by hand", "python")
    assert conf.startswith("# docs/conf.py\n")
    (docs / "conf.py").write_text(conf, encoding="utf-8")
    index = _block("and a first page beside it", "rst")
    (docs / "index.rst").write_text(index, encoding="utf-8")
    _add_the_page(docs)
    _check_the_page(_built(docs))


# -- where the role links ---------------------------------------------------------

ENTRY = "resources:\n  - id: shared\n    title: A shared entry\n    url: https://a.example/\n"
SHOWN = ".. readinglist:: /reading.yaml\n\nSee :resource:`shared`.\n"


def _role_targets(srcdir: Path, toctree: list[str]) -> dict[str, str]:
    """Where the role leads, from each page."""
    pages = {
        "index.rst": "Home\n====\n\n.. toctree::\n\n"
        + "".join(f"   {name}\n" for name in toctree),
        "all.rst": f"All\n===\n\n{SHOWN}",
        "topic.rst": f"Topic\n=====\n\n{SHOWN}",
        # in no toctree, and first by name: it comes last all the same
        "aaa.rst": f":orphan:\n\nAside\n=====\n\n{SHOWN}",
        "other.rst": "Other\n=====\n\nSee :resource:`shared`.\n",
    }
    write_project(srcdir, pages, {"reading.yaml": ENTRY}, CONF)
    outdir, warnings = build(srcdir)
    assert not [w for w in warnings if "readinglist" in w]
    targets = {}
    for name in ("all", "topic", "aaa", "other"):
        link = page(outdir, name).select_one("p a.reference.internal")
        assert link is not None
        targets[name] = str(link["href"])
    return targets


@pytest.mark.parametrize(
    ("toctree", "first"),
    [(["all", "topic", "other"], "all"), (["topic", "all", "other"], "topic")],
)
def test_the_role_links_to_the_first_page_of_the_table_of_contents(
    tmp_path: Path, toctree: list[str], first: str
) -> None:
    targets = _role_targets(tmp_path / "src", toctree)
    other = "all" if first == "topic" else "topic"
    assert targets == {
        first: "#shared",
        other: f"{first}.html#shared",
        "aaa": f"{first}.html#shared",
        "other": f"{first}.html#shared",
    }
