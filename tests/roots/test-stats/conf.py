extensions = ["myst_parser", "sphinx_readinglist"]
exclude_patterns = ["_build"]
copyright = "2026, the authors"
version = "1.0"
# shown by default from Sphinx 8; asserted by the tests
show_warning_types = True

readinglist_kinds = {"dataset": "Data & <sets>"}
readinglist_tag_labels = {"rnn": "Recurrent networks"}
