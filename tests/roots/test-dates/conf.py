extensions = ["myst_parser", "sphinx_readinglist"]
exclude_patterns = ["_build"]
project = "Dates"
# no year: SOURCE_DATE_EPOCH would change it, and so re-read every page
copyright = "the authors"
version = "1.0"
# 30 days back from the newest 'added' of the project (2024-06-01): the
# entries added on 2024-05-02 or later are new
readinglist_new_days = 30
# shown by default from Sphinx 8; asserted by the tests
show_warning_types = True
