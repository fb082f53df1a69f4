extensions = ["myst_parser", "sphinx_readinglist"]
exclude_patterns = ["_build"]
project = "Deep reading"
author = "The readers"
copyright = "2026, the authors"
language = "en"
html_baseurl = "https://example.org/reading/"
readinglist_feeds = True
readinglist_tag_labels = {"cv": "Computer vision"}
# shown by default from Sphinx 8; asserted by the tests
show_warning_types = True
