extensions = ["myst_parser", "sphinx_readinglist"]
project = "Tag pages"
readinglist_tag_pages = True
readinglist_tag_labels = {"rnn": "Recurrent networks"}
