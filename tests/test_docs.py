"""The documentation builds cleanly, and the showcase reproduces the whole post."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sphinx_readinglist.data import load_file
from sphinx_readinglist.data.addresses import comparable_url

from ._sphinx import build, copy_docs_project, page
from ._tools import require_tool

#: Each section of "Useful resources", in the post's order, with every resource
#: the post names: (title, the link the post gives or implies, restored).
POST: list[tuple[str, list[tuple[str, str]]]] = [
    ("How to use", []),
    (
        "Starting with Machine Learning",
        [
            ("A visual introduction to machine learning", "r2d3.us/"),
            (
                "A Gentle Guide to Machine Learning",
                "monkeylearn.com/a-gentle-guide-to-machine-learning",
            ),
            ("Machine Learning", "www.coursera.org/learn/machine-learning"),
            ("Machine Learning", "www.quora.com/topic/Machine-Learning"),
            (
                "data_science_polytechnique",
                "github.com/Vict0rSch/data_science_polytechnique",
            ),
        ],
    ),
    (
        "Starting with Deep Learning",
        [
            ("Neural Networks and Deep Learning", "neuralnetworksanddeeplearning.com"),
            ("CS231n", "cs231n.stanford.edu/"),
            ("Deep Learning", "www.udacity.com/course/deep-learning--ud730"),
        ],
    ),
    ("Reading papers", [("Mendeley", "www.mendeley.com")]),
    (
        "General Deep Learning papers and books",
        [
            ("Deep learning", "www.nature.com/articles/nature14539"),
            ("Deep Learning", "www.deeplearningbook.org"),
            (
                "Pattern Recognition and Machine Learning",
                "microsoft.com/en-us/research/",
            ),
            (
                "Practical Recommendations for Gradient-Based Training of Deep Architectures",
                "arxiv.org/abs/1206.5533",
            ),
            (
                "Random Search for Hyper-Parameter Optimization",
                "jmlr.org/papers/v13/bergstra12a",
            ),
            ("Delving Deep into Rectifiers", "openaccess.thecvf.com/"),
            ("Dropout", "jmlr.org/papers/v15/srivastava14a"),
            ("Batch Normalization", "proceedings.mlr.press/v37/ioffe15"),
        ],
    ),
    (
        "On Recurrent Neural Networks",
        [
            (
                "The Unreasonable Effectiveness of Recurrent Neural Networks",
                "karpathy.github.io/2015/05/21/rnn-effectiveness",
            ),
            ("Deep Learning Lecture 12", "www.youtube.com/watch?v=56TYLaQN4N8"),
            (
                "Understanding LSTM Networks",
                "colah.github.io/posts/2015-08-Understanding-LSTMs",
            ),
            (
                "Deep Learning, NLP, and Representations",
                "colah.github.io/posts/2014-07-NLP-RNNs-Representations",
            ),
            (
                "A Critical Review of Recurrent Neural Networks for Sequence Learning",
                "arxiv.org/abs/1506.00019",
            ),
            (
                "An Empirical Exploration of Recurrent Network Architectures",
                "proceedings.mlr.press/v37/jozefowicz15",
            ),
            ("Recurrent Neural Network Regularization", "arxiv.org/abs/1409.2329"),
            (
                "Sequence to Sequence Learning with Neural Networks",
                "neurips.cc/paper/2014/",
            ),
        ],
    ),
    (
        "Other",
        [
            ("ConvNetJS", "cs.stanford.edu/people/karpathy/convnetjs/demo/mnist.html"),
            ("Tim Dettmers", "timdettmers.com"),
        ],
    ),
    (
        "Reading lists",
        [
            (
                "Machine Learning & Deep Learning Tutorials",
                "github.com/ujjwalkarn/Machine-Learning-Tutorials",
            ),
            (
                "Awesome Deep Learning",
                "github.com/ChristosChristofidis/awesome-deep-learning",
            ),
            ("Reading List", "deeplearning.net/reading-list"),
            ("WildML", "www.wildml.com"),
        ],
    ),
]

#: Sub-items the post names inside a resource, shown as extra links of its card.
SUB_LINKS = {
    "stanford-cs231n-2016": ["cs231n.github.io"],
    "sutskever2014-seq2seq": ["research.microsoft.com", "cs.toronto.edu/~ilya"],
    "dettmers-blog": [
        "which-gpu-for-deep-learning",
        "deep-learning-data-parallelism",
        "model-parallelism-deep-learning",
        "brain-vs-deep-learning-singularity",
        "deep-learning-nutshell-core-concepts",
        "deep-learning-nutshell-history-training",
    ],
    "wildml": ["deep-learning-glossary"],
}


@pytest.fixture(scope="module")
def built_docs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """One parallel build of the real docs, shared by the tests of this module."""
    return build(copy_docs_project(tmp_path_factory.mktemp("project")), parallel=2)


def test_docs_build_without_warnings(built_docs: tuple[Path, list[str]]) -> None:
    assert built_docs[1] == []


def test_every_section_and_resource_of_the_post(
    built_docs: tuple[Path, list[str]],
) -> None:
    outdir, _ = built_docs
    sections = page(outdir / "useful-resources").select("section > section")
    headings = [s.find(["h2"]).get_text(strip=True).rstrip("#¶") for s in sections]  # type: ignore[union-attr]
    assert headings == [title for title, _ in POST]

    for section, (heading, resources) in zip(sections, POST, strict=True):
        cards = section.select("article.readinglist-card")
        assert len(cards) == len(resources), heading
        for card, (title, url) in zip(cards, resources, strict=True):
            link = card.select_one(".readinglist-title a")
            assert link is not None, f"{heading}: {title} has no link"
            assert title in link.get_text(), (heading, link.get_text())
            assert url in link["href"], (title, link["href"])
            assert str(link["href"]).startswith(("https://", "http://"))
        # the post's own words for the section are prose of the page
        assert section.select("p")


def test_the_showcase_names_each_address_once() -> None:
    # docs/conf.py silences readinglist.duplicate_url for the examples of the
    # format, which show the showcase's entries again; the showcase itself
    # must still give each resource one entry
    data = Path(__file__).parent.parent / "docs/useful-resources/data"
    seen: dict[str, str] = {}
    for path in sorted(data.glob("*.yaml")):
        reading_list = load_file(path, path.name)
        assert reading_list.problems == ()
        for resource in reading_list.resources:
            url = comparable_url(resource.url or "")
            if url is not None:
                assert url not in seen, (resource.id, seen.get(url))
                seen[url] = resource.id
    assert len(seen) > 30


def test_sub_items_are_links_of_their_card(built_docs: tuple[Path, list[str]]) -> None:
    outdir, _ = built_docs
    showcase = page(outdir / "useful-resources")
    for card_id, fragments in SUB_LINKS.items():
        card = showcase.select_one(f"#{card_id}")
        assert card is not None, card_id
        hrefs = " ".join(str(a["href"]) for a in card.select(".readinglist-links a"))
        for fragment in fragments:
            assert fragment in hrefs, (card_id, fragment)


def test_the_new_badges_of_the_docs_are_as_they_say(
    built_docs: tuple[Path, list[str]],
) -> None:
    """yaml-format.md: the newest 'added' of the docs is 2025-03-01, and
    conf.py sets readinglist_new_days = 30; newer data would move the badges."""
    outdir, _ = built_docs
    fields = page(outdir, "yaml-format")
    new = [
        card["id"]
        for card in fields.select("article.readinglist-card")
        if card.select_one(".readinglist-new")
    ]
    assert new == ["format-example-added-newest", "format-example-added-30"]


def test_docs_pdf_builds_with_the_configured_engine(tmp_path: Path) -> None:
    """The PDF of the docs, as Read the Docs makes it: latexmk, conf's engine."""
    make = require_tool("make")
    require_tool("latexmk")
    require_tool("xelatex")
    pdftotext = require_tool("pdftotext")
    outdir, warnings = build(copy_docs_project(tmp_path), "latex")
    assert warnings == []
    result = subprocess.run(
        [make, "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error"],
        cwd=outdir,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    # every character printed: the cards name languages and print addresses
    # with what the fonts have (see output-formats.md)
    log = next(outdir.glob("*.log")).read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    pdf = next(outdir.glob("*.pdf"))
    text = " ".join(
        subprocess.run(
            [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for _heading, resources in POST:
        for title, _url in resources:
            assert title in text, title
    assert "https://www.nature.com/articles/nature14539" in text
