from docutils import nodes

extensions = ["sphinx_readinglist"]
# shown by default from Sphinx 8; asserted by the tests
show_warning_types = True


def shout(name, rawtext, text, lineno, inliner, options=None, content=None):
    """A role of the project's own, which the sandbox does not know."""
    return [nodes.strong(text, text.upper())], []


def setup(app):
    app.add_role("shout", shout)
