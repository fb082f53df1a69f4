extensions = ["myst_parser", "sphinx_readinglist"]
exclude_patterns = ["_build"]
copyright = "2026, the authors"
# Sphinx 7.4 shows warning types only when asked (8 and later always do)
show_warning_types = True
