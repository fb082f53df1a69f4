extensions = ["sphinx_readinglist"]
language = "fr"
locale_dirs = ["locales"]
gettext_compact = False
show_warning_types = True
