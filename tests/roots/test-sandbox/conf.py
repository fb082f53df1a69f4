extensions = ["myst_parser", "sphinx_readinglist"]
