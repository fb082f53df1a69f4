extensions = ["myst_parser", "sphinx_readinglist"]
myst_enable_extensions = ["attrs_inline", "colon_fence", "strikethrough", "tasklist"]
numfig = True
# shown by default from Sphinx 8; asserted by the tests
show_warning_types = True
