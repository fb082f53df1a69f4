# A MyST project as people write them: every MyST extension on, its own
# substitutions, sphinx-design, and reading lists added to it.
extensions = ["myst_parser", "sphinx_design", "sphinx_readinglist"]
exclude_patterns = ["_build"]
project = "Host with MyST"
copyright = "2026, the authors"
myst_enable_extensions = [
    "amsmath",
    "attrs_block",
    "attrs_inline",
    "colon_fence",
    "deflist",
    "dollarmath",
    "fieldlist",
    "html_admonition",
    "html_image",
    "linkify",
    "replacements",
    "smartquotes",
    "strikethrough",
    "substitution",
    "tasklist",
]
myst_heading_anchors = 2
myst_substitutions = {"project_name": "Host with MyST"}
show_warning_types = True
# strikethrough is HTML-only: MyST projects that use it silence this
suppress_warnings = ["myst.strikethrough"]
