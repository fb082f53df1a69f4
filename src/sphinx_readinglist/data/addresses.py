"""What an entry's address means: the same resource twice, a page of the project.

Pure functions of the text of a URL (and, for relative URLs, of the names of
the project's documents), so tests reach them without Sphinx:

- :func:`comparable_url` writes a web address in one form, so that two
  entries for one resource are found however their URLs are spelt;
- :func:`is_scheme_relative` finds ``//host/path``, an external address
  written without its scheme;
- :func:`page_problem` says why a relative ``url`` names no page of the
  project, as the page that shows it would follow it.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from urllib.parse import unquote, urlsplit

from ..warnings_ import Subtype
from .messages import describe, shown
from .model import Problem, Resource
from .urls import IGNORED_BY_BROWSERS, url_scheme

#: Schemes whose addresses are compared for duplicates: the web's. Two entries
#: may well share a ``mailto:`` address (a contact, not a resource).
COMPARED_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = {"http": 80, "https": 443}

# Browsers drop the characters of urls.IGNORED_BY_BROWSERS and read a
# backslash as a slash in web addresses (WHATWG URL), so "\\host", "/\host"
# and " //host" all lead to another host.
_SCHEME_RELATIVE = re.compile(r"[/\\]{2}")


def is_scheme_relative(url: str) -> bool:
    """Whether ``url`` is ``//host/path``: another site, at the page's scheme.

    Such an address works in a web page served over HTTP(S), but not in a
    page opened from disk (it becomes ``file://host/path``), nor in a PDF or
    an e-book, which have no scheme to lend it.
    """
    return bool(_SCHEME_RELATIVE.match(IGNORED_BY_BROWSERS.sub("", url)))


def comparable_url(url: str) -> str | None:
    """``url`` written so that two addresses of one resource are equal, or None.

    Only ``http`` and ``https`` addresses are compared, and they compare as
    one scheme (a site serves the same page on both). The host is compared
    without regard to case, a leading ``www.`` or a final dot, and without its
    default port; the path without its final slash. The query and the
    fragment are kept: ``?page=2`` and ``#chapter-2`` may well be other
    resources of the same page. Anything else compares as written.

    :return: None for an address of another scheme, or one that is not a
        valid URL.
    """
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme not in COMPARED_SCHEMES or parts.hostname is None:
            return None
        port = parts.port
    except ValueError:  # an invalid port or IPv6 address
        return None
    host = parts.hostname.rstrip(".")  # urlsplit lower-cases it
    host = host.removeprefix("www.")
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    user = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    if user:
        host = f"{user}@{host}"
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"//{host}{path}{query}{fragment}"


def page_problem(
    url: str,
    docname: str,
    docs: Collection[str],
    *,
    suffix: str = ".html",
    copied: Callable[[str], bool] = lambda _path: False,
) -> str | None:
    """Why the relative ``url``, followed from page ``docname``, names no page.

    A page is named by its document's name and ``suffix`` (``guide/intro.html``),
    or as a folder (``guide/`` for ``guide/index``, or for ``guide`` as the
    ``dirhtml`` builder writes it). An address of the page itself (``#part``,
    ``?q=1``) is fine; its fragment is not checked.

    :param url: a URL without a scheme; see :func:`is_scheme_relative` for
        ``//host``.
    :param docname: the page that shows the link, as Sphinx names documents.
    :param docs: the names of the project's documents.
    :param suffix: the file suffix of the built pages.
    :param copied: whether a path of the built site (relative to its root,
        such as ``_static/notes.pdf``) is a file that the build copies there.
    :return: what is wrong and how to fix it, worded to follow "url 'x' "
        in a message, or None if the page exists.
    """
    if url_scheme(url) is not None or is_scheme_relative(url):
        return None
    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return f"is not a valid address; {_FIX}"
    if not path:
        return None  # "#part" or "?q=1": this very page
    if path.startswith(("/", "\\")):
        return (
            "starts with '/', so a browser looks for it at the root of the web "
            f"server, wherever the documentation is published; {_FIX}"
        )
    folder = path.endswith("/")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
    if target == ".." or target.startswith("../"):
        return f"leads outside the documentation; {_FIX}"
    if target == ".":
        target = ""
    if folder or not target:
        if _folder_page(target, docs):
            return None
        return _not_a_page(target + "/" if target else "./", docname, docs, suffix)
    stem, dot, extension = target.rpartition(".")
    is_page = dot and f".{extension}" == suffix and "/" not in extension
    if is_page and (stem in docs or (stem.endswith("/index") and stem[:-6] in docs)):
        return None
    if copied(target):
        return None
    return _not_a_page(target, docname, docs, suffix)


def page_problems(
    resources: Iterable[Resource],
    docname: str,
    docs: Collection[str],
    *,
    suffix: str = ".html",
    copied: Callable[[str], bool] = lambda _path: False,
) -> Iterator[Problem]:
    """A problem for each relative ``url`` that names no page, as page
    ``docname`` would follow it (see :func:`page_problem`).

    A dead link is not linked, so where it led no longer matters.
    """
    for resource in resources:
        url = resource.url
        if not url or url_scheme(url) is not None or resource.status == "dead":
            continue
        reason = page_problem(url, docname, docs, suffix=suffix, copied=copied)
        if reason is None:
            continue
        yield Problem(
            resource.url_location or resource.location,
            f"entry {describe(resource.title)}: url {describe(url)} {reason}",
            Subtype.URL.value,
        )


#: How to link, in every message about a relative ``url``.
_FIX = (
    "write the path of a page relative to the page that shows the card "
    "(such as 'intro.html' or '../guide/'), or a full address (https://...)"
)


def _folder_page(folder: str, docs: Collection[str]) -> bool:
    index = f"{folder}/index" if folder else "index"
    return index in docs or (bool(folder) and folder in docs)


def _not_a_page(target: str, docname: str, docs: Collection[str], suffix: str) -> str:
    """The reason for a target that is no page, with the page it may mean."""
    stem = target.rstrip("/")
    if "." in posixpath.basename(stem):
        stem = stem.rpartition(".")[0]
    # the target, not the page: pages of one folder share one message, and
    # so one warning
    where = f"leads to {shown(target)}, which is not a page of the project"
    if stem in docs:  # 'intro' or 'intro.md' for the page intro.html
        return f"{where}; write {shown(_relative(docname, stem) + suffix)}"
    # the page of that name, or of the closest name, nearest to this page:
    # names are compared without their folders, which all pages share
    names: dict[str, list[str]] = {}
    for doc in docs:
        names.setdefault(posixpath.basename(doc), []).append(doc)
    name = posixpath.basename(stem)
    if name not in names and len(name) <= 100:  # difflib is quadratic
        name = next(iter(difflib.get_close_matches(name, names, n=1)), name)
    close = sorted(
        names.get(name, ()), key=lambda doc: (len(_relative(docname, doc)), doc)
    )[:1]
    hint = (
        f"; did you mean {shown(_relative(docname, close[0]) + suffix)}?"
        if close
        else ""
    )
    return f"{where}; {_FIX}{hint}"


def _relative(docname: str, other: str) -> str:
    """The path from page ``docname`` to page ``other``, without a suffix."""
    return posixpath.relpath(other, posixpath.dirname(docname) or ".")
