extensions = ["myst_parser", "sphinx_readinglist"]
exclude_patterns = ["_build"]
show_warning_types = True
