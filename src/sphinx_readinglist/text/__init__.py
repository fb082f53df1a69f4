"""Sandboxed markup of ``description`` and ``abstract``: :mod:`.parse` is the
entry point; :mod:`.sandbox` holds every patch of a third-party internal."""
