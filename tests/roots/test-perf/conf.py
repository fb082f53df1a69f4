extensions = ["sphinx_readinglist", "myst_parser"]
# shown by default from Sphinx 8; asserted by the tests
show_warning_types = True
