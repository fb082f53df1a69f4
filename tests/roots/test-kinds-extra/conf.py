extensions = ["myst_parser", "sphinx_readinglist"]
exclude_patterns = ["_build"]
copyright = "2026, the authors"
version = "1.0"
# shown by default from Sphinx 8; asserted by the tests
show_warning_types = True

readinglist_kinds = {
    "dataset": "Dataset",
    "conference": {"en": "Conference", "fr": "Conférence"},
}
readinglist_tag_labels = {"cv": "Computer vision", "NLP": "Natural language"}
readinglist_show_extra = {
    "stars": "GitHub stars",
    "license": "Licence",
    "last_checked": "Last checked",
}
