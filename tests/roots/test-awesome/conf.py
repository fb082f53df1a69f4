# Several hundred entries of a real list: roots/test-awesome/awesome.yaml,
# converted from "Awesome Deep Learning" (CC0 1.0, see LICENSE).
extensions = ["myst_parser", "sphinx_readinglist"]
exclude_patterns = ["_build"]
project = "Awesome Deep Learning"
copyright = "2026, the authors"
version = "1.0"
# shown by default from Sphinx 8; asserted by the tests
show_warning_types = True
