extensions = ["myst_parser", "sphinx_readinglist"]
exclude_patterns = ["_build"]
# shown by default from Sphinx 8; asserted by the tests
show_warning_types = True
# MyST evaluates {{ ... }} with this extension on: the sandbox must not
myst_enable_extensions = ["substitution", "dollarmath"]
myst_substitutions = {"project_name": "the project"}
readinglist_columns = "5 5"
