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

# The format's examples show entries of the reading lists again, on purpose:
# one address in two entries is no mistake here.
suppress_warnings = ["readinglist.duplicate_url"]

myst_enable_extensions = ["colon_fence", "deflist"]

# The "New" badge of the examples of yaml-format.md (field "added").
readinglist_new_days = 30
# Links such as [](yaml-format.md#json-schema) to headings of MyST pages.
myst_heading_anchors = 3

# -- Reading lists -----------------------------------------------------------

# The live examples of configuration.md and yaml-format.md: kinds of the
# project's own, a tag's label, and the extra fields that cards show.
readinglist_kinds = {
    "dataset": {"en": "Dataset", "fr": "Jeu de données"},
    "conference": "Conference",
}
readinglist_tag_labels = {"cv": "Computer vision"}
readinglist_show_extra = {"stars": "GitHub stars", "license": "License"}

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
# The feeds need the published address: written on Read the Docs, not locally.
readinglist_feeds = bool(html_baseurl)
# A page per tag of the examples, linked from their badges (tags/index.html).
readinglist_tag_pages = True
# The index of resources and the JSON-LD of every page with cards: off by
# default (they cost time and memory on very long lists), shown here.
readinglist_index = True
readinglist_structured_data = True

# -- LaTeX (PDF) -------------------------------------------------------------

# XeLaTeX prints the cards' Unicode (curly quotes, accents, Cyrillic and Greek
# language names and addresses) with Sphinx's fonts; Read the Docs runs
# latexmk with it when asked.
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
# No CJK font is set up: the cards name a Chinese translation "Chinese", and
# print its address percent-encoded, rather than leave a gap in the PDF.
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
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
