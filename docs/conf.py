"""Sphinx configuration of the sphinx-readinglist documentation."""

from __future__ import annotations

import os
from pathlib import Path

import sphinx_readinglist
from sphinx_readinglist import __version__

# -- Project -----------------------------------------------------------------

project = "sphinx-readinglist"
author = "sphinx-readinglist contributors"
copyright = f"2026, {author}"  # noqa: A001
release = __version__
version = ".".join(__version__.split(".")[:2])

# -- General -----------------------------------------------------------------

# sphinx_design is set up by sphinx_readinglist itself.
extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx_readinglist"]

# Types are named in the docstrings; signatures stay short.
autodoc_typehints = "none"

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

myst_enable_extensions = ["colon_fence", "deflist"]
# Links such as [](yaml-format.md#json-schema) to headings of MyST pages.
myst_heading_anchors = 3

# -- HTML --------------------------------------------------------------------

html_theme = "furo"
html_title = f"{project} {release}"
html_static_path = [
    "_static",
    # The JSON Schema of the data files, published at the URL of its "$id";
    # taken from the installed package, so a copy of docs/ builds too.
    str(Path(sphinx_readinglist.__file__).parent / "schema" / "readinglist.schema.json"),
]
html_css_files = ["docs.css"]

# Read the Docs sets the canonical URL of the version being built.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

# -- LaTeX (PDF) -------------------------------------------------------------

# XeLaTeX reads the cards' Unicode (curly quotes, accents, Cyrillic language
# names) with no further setup; Read the Docs runs latexmk with it when asked.
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [
    (
        root_doc,
        "sphinx-readinglist.tex",
        "sphinx-readinglist documentation",
        author,
        "manual",
    ),
]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    # Chinese language names in the cards need a CJK font: use one when the
    # machine building the PDF has it.
    "preamble": r"""
\IfFileExists{xeCJK.sty}{\IfFileExists{ctexhook.sty}{%
  \IfFontExistsTF{Noto Serif CJK SC}{%
    \usepackage{xeCJK}\setCJKmainfont{Noto Serif CJK SC}}{}}{}}{}
""",
}
latex_show_urls = "footnote"

# -- EPUB --------------------------------------------------------------------

epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "footnote"
# Files for the web site only: a reader has no use for them.
epub_exclude_files = [
    "_static/readinglist.schema.json",
    # the theming page shows them; the EPUB has its own copies in _images
    "_static/screenshot-furo-light.png",
    "_static/screenshot-furo-dark.png",
    "_static/screenshot-pydata-light.png",
    "_static/screenshot-pydata-dark.png",
]
