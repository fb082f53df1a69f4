"""Which URLs a reading list may link to."""

from __future__ import annotations

import html
import re
from collections.abc import Collection

#: The schemes linked by default (``readinglist_url_schemes``).
DEFAULT_SCHEMES = ("http", "https", "mailto")

#: Schemes that run code or carry a whole document in the reader's browser:
#: never linked, even when ``readinglist_url_schemes`` lists them.
NEVER_LINKED = frozenset({"javascript", "vbscript", "data"})

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers drop ASCII tabs and newlines anywhere in a URL and trim C0 controls
# and spaces around it, so "java\nscript:" runs as "javascript:" (WHATWG URL).
IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url``, lower-cased, or None if relative.

    Entities are decoded first, since a URL may pass through HTML once more
    (a feed, a copy-paste) and ``&#106;avascript:`` must not slip through.
    """
    seen = url
    for _ in range(3):  # nested entities: "&amp;#106;" -> "&#106;" -> "j"
        decoded = html.unescape(seen)
        if decoded == seen:
            break
        seen = decoded
    match = _SCHEME.match(IGNORED_BY_BROWSERS.sub("", seen))
    return match.group(1).lower() if match else None


def unsafe_url_reason(url: str, schemes: Collection[str]) -> str | None:
    """Why ``url`` must not be linked, or None if it is safe.

    :param url: the URL as written in the data.
    :param schemes: the allowed schemes; relative links are always allowed.
    """
    if not url.strip():
        return "it is empty"
    scheme = url_scheme(url)
    if scheme in NEVER_LINKED and scheme in schemes:
        return (
            f"the scheme {scheme}: can run code in the reader's browser and is "
            "never linked, even if readinglist_url_schemes lists it"
        )
    if scheme is not None and scheme not in schemes:
        allowed = ", ".join(f"{s}:" for s in sorted(schemes))
        return f"the scheme {scheme}: is not allowed (allowed: {allowed})"
    if IGNORED_BY_BROWSERS.search(url.strip()):
        return "it contains spaces or control characters; percent-encode them"
    if scheme is not None and "\\" in url:
        # (one without a scheme is checked as a relative or //host address)
        # Browsers read it as "/" (https://a.org\@b.org/ is a page of a.org,
        # where a reader of the text sees b.org), and roff as an escape.
        return (
            "it contains a backslash, which browsers read as '/'; write '/', "
            "or %5C for a backslash"
        )
    return None
