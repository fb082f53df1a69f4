"""The same doctree in every builder: no HTML-only leftovers, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .test_directive import warnings_of


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True)
def test_latex(app: SphinxTestApp, warning: object) -> None:
    app.build()
    assert warnings_of(warning) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Deep learning" in tex
    assert r"\sphinxhref{https://www.nature.com/articles/nature14539}" in tex
    # printed outputs keep every author: nothing to click on paper
    assert "Ruslan Salakhutdinov" in tex
    assert "and 2 more" not in tex
    assert "Abstract" in tex
    assert not list(Path(app.outdir).glob("**/readinglist.css"))


@pytest.mark.sphinx("text", testroot="basic", freshenv=True)
def test_text(app: SphinxTestApp, warning: object) -> None:
    app.build()
    assert warnings_of(warning) == []
    text = " ".join(
        (Path(app.outdir) / "index.txt").read_text(encoding="utf-8").split()
    )
    for expected in (
        "Deep learning",
        "Yann LeCun, Yoshua Bengio and Geoffrey Hinton",
        "2015",
        "Nature",
        "Paper",
        "Journal of Machine Learning Research",
    ):
        assert expected in text


@pytest.mark.parametrize(
    "builder", ["man", "texinfo", "xml", "singlehtml", "dirhtml", "epub"]
)
def test_other_builders_build_cleanly(
    builder: str, make_app, tmp_path: Path, rootdir: Path
) -> None:  # type: ignore[no-untyped-def]
    import shutil

    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", srcdir)
    app = make_app(builder, srcdir=srcdir, builddir=tmp_path / "build")
    app.build()
    assert warnings_of(app._warning) == []
    output = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in Path(app.outdir).rglob("*")
        if p.is_file() and p.suffix in {".1", ".texi", ".xml", ".html", ".xhtml"}
    )
    assert "Dropout: A Simple Way to Prevent Neural Networks from Overfitting" in output
