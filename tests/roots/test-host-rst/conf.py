# An rST project as people write them: extlinks to its tracker, sphinx-design
# for its layout, and reading lists added to it.
extensions = ["sphinx.ext.extlinks", "sphinx_design", "sphinx_readinglist"]
exclude_patterns = ["_build"]
project = "Host with rST"
copyright = "2026, the authors"
extlinks = {
    "issue": ("https://github.com/example/project/issues/%s", "#%s"),
    "pr": ("https://github.com/example/project/pull/%s", "PR %s"),
    "user": ("https://github.com/%s", "@%s"),
}
# the project trusts its data with sphinx-design's tabs
readinglist_allowed_directives = ["tab-set", "tab-item"]
show_warning_types = True
