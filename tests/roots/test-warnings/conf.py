extensions = ["sphinx_readinglist"]
