"""``python -m sphinx_readinglist``: the command line."""

import sys

from .cli import main

sys.exit(main())
