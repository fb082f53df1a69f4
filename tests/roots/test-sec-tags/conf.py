extensions = ["myst_parser", "sphinx_readinglist"]
exclude_patterns = ["_build"]
copyright = "2026, the authors"
