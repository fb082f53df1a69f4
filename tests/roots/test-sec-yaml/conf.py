extensions = ["myst_parser", "sphinx_readinglist"]
exclude_patterns = ["_build"]
show_warning_types = True
# small limits, so the tests reach them with small files
readinglist_max_bytes = 20_000
readinglist_max_tags = 5
