"""Deterministic reading lists, and the Sphinx projects the benchmark builds.

Every size gets four projects with the same text:

``readinglist``
    one ``readinglist`` directive reading a YAML file;
``cards``
    the same cards written by hand as sphinx-design ``grid-item-card`` markup;
``list``
    a plain bullet list of the same text: no cards at all, the floor;
``site``
    the ``readinglist`` project with the opt-in per-resource features on
    (``readinglist_index`` and ``readinglist_structured_data``: the index of
    resources and the JSON-LD), to show what they cost.

The incremental project has 50 pages, each showing its own YAML file and a
few entries of its neighbour's, plus a selection from one file shared by
every page.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

VARIANTS = ("readinglist", "cards", "list", "site")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_WORDS = _words(
    "learning deep neural network networks model models training data "
    "representation representations attention transformer language vision "
    "graph graphs reinforcement policy gradient optimization stochastic "
    "convex bayesian inference variational generative adversarial diffusion "
    "sparse robust efficient scalable distributed parallel retrieval search "
    "ranking recommendation embedding embeddings contrastive supervised "
    "unsupervised self-supervised transfer meta few-shot benchmark evaluation "
    "analysis theory practice survey review introduction tutorial systems "
    "probabilistic causal kernel methods features sequence sequences memory "
    "recurrent convolutional pretraining fine-tuning alignment uncertainty"
)

_FIRST = _words(
    "Ada Alan Barbara Claude Donald Edsger Frances Grace Geoffrey Hedy John "
    "Judea Katherine Leslie Margaret Marvin Yann Yoshua Radia Shafi Silvio "
    "Tim Vint Whitfield Niklaus Tony Ivan Jean Fei-Fei Daphne Andrew Ilya"
)

_LAST = _words(
    "Lovelace Turing Liskov Shannon Knuth Dijkstra Allen Hopper Hinton Lamarr "
    "McCarthy Pearl Johnson Lamport Hamilton Minsky LeCun Bengio Perlman "
    "Goldwasser Micali Berners-Lee Cerf Diffie Wirth Hoare Sutherland Sammet "
    "Li Koller Ng Sutskever"
)

_VENUES = (
    "NeurIPS",
    "ICML",
    "ICLR",
    "Nature",
    "Journal of Machine Learning Research",
    "O'Reilly",
    "MIT Press",
    "Distill",
    "arXiv",
    "ACL",
    "CVPR",
    "Communications of the ACM",
)

_KINDS = ("paper", "book", "course", "video", "blog", "article", "talk", "tool")
_LEVELS = ("beginner", "intermediate", "advanced")
_TAGS = _words(
    "nlp vision rl theory optimization graphs generative probabilistic "
    "systems ethics robotics speech audio tabular fairness interpretability "
    "compression hardware datasets evaluation"
)


_LICENCES = ("MIT", "Apache-2.0", "CC-BY-4.0", "BSD-3-Clause")


@dataclass
class Entry:
    """One resource, as plain values (the same text goes into every variant)."""

    id: str
    title: str
    url: str
    authors: list[str]
    year: int
    venue: str | None
    kind: str
    level: str | None
    tags: list[str]
    description: str
    abstract: str | None = None
    #: Every entry has the day it joined the list; some have identifiers.
    added: str = "2024-01-01"
    doi: str | None = None
    arxiv: str | None = None
    #: Fields of the curators' own, shown on the card (``readinglist_show_extra``).
    extra: dict[str, str | int] = field(default_factory=dict)


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, chars: int) -> str:
    """Sentences of about ``chars`` characters in all, wrapped at 72 columns."""
    words: list[str] = []
    length = 0
    while length < chars:
        sentence = _sentence(rng, 5, 12).split()
        words += sentence
        length += sum(len(word) + 1 for word in sentence)
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(line) + len(word) + 1 > 72:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _description(rng: random.Random) -> str:
    text = _paragraph(rng, rng.randint(20, 60))
    # about one description in four uses inline markup, as curators do
    roll = rng.random()
    if roll < 0.12:
        word = rng.choice(_WORDS)
        text = text.replace(f" {word} ", f" *{word}* ", 1)
        if "*" not in text:
            text = f"*{rng.choice(_WORDS).capitalize()}* review. {text}"
    elif roll < 0.25:
        text = f"{text} Code: ``{rng.choice(_WORDS)}.py``."
    return text


def generate(count: int, *, seed: int = 2024) -> list[Entry]:
    """``count`` entries; the same ``count`` and ``seed`` give the same list."""
    rng = random.Random(f"{seed}-{count}")
    entries = []
    for index in range(count):
        title_words = [rng.choice(_WORDS) for _ in range(rng.randint(3, 7))]
        title = " ".join(word.capitalize() for word in title_words)
        if rng.random() < 0.3:
            title += ": " + _sentence(rng, 2, 4).rstrip(".")
        authors = [
            f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            for _ in range(rng.choice((1, 1, 2, 2, 3, 4, 6)))
        ]
        year = rng.randint(1990, 2024)
        surname = authors[0].split()[-1].lower().replace("-", "")
        id_ = f"{surname}{year}-{index}"
        entry = Entry(
            id=id_,
            title=title,
            url=f"https://example.org/{id_}",
            authors=authors,
            year=year,
            venue=rng.choice(_VENUES) if rng.random() < 0.7 else None,
            kind=rng.choice(_KINDS),
            level=rng.choice(_LEVELS) if rng.random() < 0.5 else None,
            tags=rng.sample(_TAGS, rng.randint(1, 3)),
            description=_description(rng),
        )
        if index % 3 == 0:  # a third of the entries have an abstract
            entry.abstract = _paragraph(rng, rng.randint(120, 260))
        entry.added = (
            f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
        )
        if entry.kind == "paper":  # papers have a DOI, half of them an arXiv id
            entry.doi = f"10.{rng.randint(1000, 99999)}/{id_}"
            if rng.random() < 0.5:
                entry.arxiv = (
                    f"{rng.randint(15, 24)}{rng.randint(1, 12):02}.{index % 100000:05}"
                )
        if rng.random() < 0.3:
            entry.extra = {
                "stars": rng.randint(1, 50_000),
                "license": rng.choice(_LICENCES),
            }
        entries.append(entry)
    return entries


# -- the readinglist variant -------------------------------------------------


def to_yaml(entries: list[Entry]) -> str:
    """The entries as a reading-list data file."""
    resources = []
    for entry in entries:
        item: dict[str, object] = {
            "id": entry.id,
            "title": entry.title,
            "url": entry.url,
            "authors": entry.authors,
            "year": entry.year,
        }
        if entry.venue:
            item["venue"] = entry.venue
        item["kind"] = entry.kind
        if entry.level:
            item["level"] = entry.level
        item["tags"] = entry.tags
        item["added"] = entry.added
        if entry.doi:
            item["doi"] = entry.doi
        if entry.arxiv:
            item["arxiv"] = entry.arxiv
        if entry.extra:
            item["extra"] = entry.extra
        item["description"] = entry.description + "\n"
        if entry.abstract:
            item["abstract"] = entry.abstract + "\n"
        resources.append(item)
    return yaml.dump(
        {"resources": resources},
        Dumper=_BlockDumper,
        sort_keys=False,
        allow_unicode=True,
        width=1000,
    )


class _BlockDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Multi-line strings as ``|`` blocks, lists of words inline: as people write."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[object]) -> yaml.Node:
    flow = all(isinstance(item, str) and "\n" not in item for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_BlockDumper.add_representer(str, _represent_str)
_BlockDumper.add_representer(list, _represent_list)


# -- the hand-written references ---------------------------------------------


def _rst_link(text: str, url: str) -> str:
    return f"`{text} <{url}>`__"


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else "" for line in text.splitlines())


def _byline(entry: Entry) -> str:
    authors = entry.authors[0]
    if len(entry.authors) > 1:
        authors = ", ".join(entry.authors[:-1]) + " and " + entry.authors[-1]
    facts = [authors, str(entry.year), *([entry.venue] if entry.venue else [])]
    return " · ".join(facts)


def _identifiers(entry: Entry) -> str:
    """The DOI and arXiv links and the shown extra fields, as one line of rST."""
    parts = []
    if entry.doi:
        parts.append(_rst_link(f"DOI {entry.doi}", f"https://doi.org/{entry.doi}"))
    if entry.arxiv:
        parts.append(
            _rst_link(f"arXiv:{entry.arxiv}", f"https://arxiv.org/abs/{entry.arxiv}")
        )
    parts += [f"{key}: {value}" for key, value in entry.extra.items()]
    return " · ".join(parts)


def to_cards(entries: list[Entry]) -> str:
    """The entries as hand-written sphinx-design cards, one per entry."""
    out = [".. grid:: 1 2 2 3", "   :gutter: 3", ""]
    for entry in entries:
        out.append(f"   .. grid-item-card:: {_rst_link(entry.title, entry.url)}")
        out.append("      :shadow: sm")
        out.append("")
        badges = [f":bdg-primary:`{entry.kind.capitalize()}`"]
        if entry.level:
            badges.append(f":bdg-primary-line:`{entry.level.capitalize()}`")
        out.append(f"      {' '.join(badges)} {_byline(entry)}")
        out.append("")
        if identifiers := _identifiers(entry):
            out.append(f"      {identifiers}")
            out.append("")
        out.append(_indent(entry.description, "      "))
        out.append("")
        if entry.abstract:
            out.append("      .. dropdown:: Abstract")
            out.append("")
            out.append(_indent(entry.abstract, "         "))
            out.append("")
        tags = " ".join(f":bdg-secondary-line:`{tag}`" for tag in entry.tags)
        out.append(f"      {tags}")
        out.append("")
    return "\n".join(out) + "\n"


def to_list(entries: list[Entry]) -> str:
    """The same text as a plain bullet list: no cards, no badges."""
    out = []
    for entry in entries:
        kind = entry.kind.capitalize()
        level = f", {entry.level}" if entry.level else ""
        out.append(f"- {_rst_link(entry.title, entry.url)}")
        out.append("")
        out.append(f"  {kind}{level}. {_byline(entry)}")
        out.append("")
        if identifiers := _identifiers(entry):
            out.append(f"  {identifiers}")
            out.append("")
        out.append(_indent(entry.description, "  "))
        out.append("")
        if entry.abstract:
            out.append(_indent(entry.abstract, "  "))
            out.append("")
        out.append(f"  Tags: {', '.join(entry.tags)}.")
        out.append("")
    return "\n".join(out) + "\n"


# -- projects ------------------------------------------------------------------

_CONF = {
    "readinglist": (
        'extensions = ["sphinx_readinglist"]\n'
        'readinglist_show_extra = ["stars", "license"]\n'
        "readinglist_new_days = 30\n"
    ),
    "site": (
        'extensions = ["sphinx_readinglist"]\n'
        'readinglist_show_extra = ["stars", "license"]\n'
        "readinglist_new_days = 30\n"
        "readinglist_index = True\n"
        "readinglist_structured_data = True\n"
    ),
    "cards": 'extensions = ["sphinx_design"]\n',
    "list": "extensions = []\n",
}


def write_project(folder: Path, variant: str, entries: list[Entry]) -> Path:
    """Write one variant of a single-page project; return its source folder."""
    folder.mkdir(parents=True, exist_ok=True)
    common = 'project = "Benchmark"\nhtml_theme = "alabaster"\n'
    (folder / "conf.py").write_text(common + _CONF[variant], encoding="utf-8")
    # the list has a page of its own, as in a real project: on the root
    # document, Sphinx would also keep a second copy of it for the sidebar
    (folder / "index.rst").write_text(
        "Benchmark\n=========\n\n.. toctree::\n\n   reading\n", encoding="utf-8"
    )
    head = "Reading list\n============\n\n"
    if variant in ("readinglist", "site"):
        (folder / "reading.yaml").write_text(to_yaml(entries), encoding="utf-8")
        body = ".. readinglist:: reading.yaml\n"
    elif variant == "cards":
        body = to_cards(entries)
    else:
        body = to_list(entries)
    (folder / "reading.rst").write_text(head + body, encoding="utf-8")
    return folder


PAGES = 50
ENTRIES_PER_FILE = 20


def write_incremental_project(folder: Path, *, pages: int = PAGES) -> Path:
    """Write a project of ``pages`` pages and as many YAML files.

    Page ``i`` shows all of ``data/list-i.yaml``, two entries of the next
    page's file, and the entries tagged ``nlp`` of ``data/shared.yaml``, which
    every page uses: each file is shown by several directives and pages.
    """
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text(
        'project = "Incremental"\nhtml_theme = "alabaster"\n'
        'extensions = ["sphinx_readinglist"]\n',
        encoding="utf-8",
    )
    entries = generate(pages * ENTRIES_PER_FILE + 40, seed=50)
    for page in range(pages):
        chunk = entries[page * ENTRIES_PER_FILE : (page + 1) * ENTRIES_PER_FILE]
        (data / f"list-{page}.yaml").write_text(to_yaml(chunk), encoding="utf-8")
    shared = entries[pages * ENTRIES_PER_FILE :]
    (data / "shared.yaml").write_text(to_yaml(shared), encoding="utf-8")
    toctree = "\n".join(f"   page-{page}" for page in range(pages))
    (folder / "index.rst").write_text(
        f"Incremental\n===========\n\n.. toctree::\n\n{toctree}\n", encoding="utf-8"
    )
    for page in range(pages):
        following = entries[((page + 1) % pages) * ENTRIES_PER_FILE]
        second = entries[((page + 1) % pages) * ENTRIES_PER_FILE + 1]
        title = f"Page {page}"
        (folder / f"page-{page}.rst").write_text(
            f"{title}\n{'=' * len(title)}\n\n"
            f".. readinglist:: data/list-{page}.yaml\n\n"
            f"Next\n----\n\n"
            f".. readinglist:: data/list-{(page + 1) % pages}.yaml\n"
            f"   :ids: {following.id} {second.id}\n\n"
            f"Shared\n------\n\n"
            f".. readinglist:: data/shared.yaml\n"
            f"   :tags: nlp\n",
            encoding="utf-8",
        )
    return folder


def edit_one_file(folder: Path, page: int = 7) -> Path:
    """Change one description in ``data/list-<page>.yaml``; return the file."""
    path = folder / "data" / f"list-{page}.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "  description: |\n"
    at = text.index(marker) + len(marker)
    path.write_text(text[:at] + "    Edited.\n" + text[at:], encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    """Write projects from the command line (the benchmark runs this in a
    process of its own, so that its own memory stays small: a child process
    reports the memory of its parent at the time it was started as its own)."""
    parser = argparse.ArgumentParser(description="Write the benchmark projects.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--size", type=int, help="entries of the single-page lists")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--incremental", action="store_true")
    args = parser.parse_args(argv)
    if args.size is not None:
        entries = generate(args.size)
        for variant in args.variants.split(","):
            write_project(args.folder / variant, variant, entries)
    if args.incremental:
        write_incremental_project(args.folder)


if __name__ == "__main__":
    main()
