extensions = ["myst_parser", "sphinx_readinglist"]
# a pattern passes over what the documentation leaves out
exclude_patterns = ["_build", "data/excluded"]
# shown by default from Sphinx 8; asserted by the tests
show_warning_types = True
