extensions = ["sphinx_readinglist"]
exclude_patterns = ["_build", "drafts"]
show_warning_types = True
