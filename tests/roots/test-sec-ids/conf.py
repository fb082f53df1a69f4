extensions = ["myst_parser", "sphinx_readinglist"]
exclude_patterns = ["_build"]
copyright = "2026, the authors"
html_theme = "alabaster"
show_warning_types = True
# pydata-sphinx-theme appends its components to Sphinx's shared default
# templates_path; a list of our own keeps them out of this build, whatever
# other tests of the session built before
templates_path: list[str] = []
