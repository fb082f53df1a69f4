# Built once per theme by the browser tests, with html_theme overridden.
extensions = ["myst_parser", "sphinx_readinglist"]
exclude_patterns = ["_build"]
project = "Theme check"
copyright = "2026, the authors"
html_theme = "alabaster"
