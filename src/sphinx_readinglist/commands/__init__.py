"""What the command line does: check, convert and repair reading-list files.

``cli.py`` parses the command line and calls these modules; they call the
data layer and the formats, and make a Sphinx application (never a build)
only where a check needs the project's roles and settings.
"""
