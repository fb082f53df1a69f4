extensions = ["myst_parser", "sphinx_readinglist"]
myst_enable_extensions = ["dollarmath", "amsmath"]
show_warning_types = True
