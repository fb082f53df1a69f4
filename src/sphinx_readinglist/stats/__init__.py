"""The ``readinglist-stats`` directive: a list's counts as bar charts and tables."""
