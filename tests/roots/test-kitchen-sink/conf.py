extensions = ["sphinx_readinglist"]
show_warning_types = True
