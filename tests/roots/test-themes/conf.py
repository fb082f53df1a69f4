# Built once per theme by the browser tests, with html_theme overridden.
extensions = ["myst_parser", "sphinx_readinglist"]
exclude_patterns = ["_build"]
project = "Theme check"
copyright = "2026, the authors"
html_theme = "alabaster"
# the "New" badge on the two entries added last, checked in light and dark
readinglist_new_days = 30
