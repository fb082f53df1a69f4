"""Card images publish only real image files, and builds fetch nothing unasked.

Issue 11: a local ``image`` was written unescaped into LaTeX
(``x}}\\input{...}{{.png``), any source file (``.env``, ``/conf.py``,
``/.git/config``) was copied to ``_images/``, and the LaTeX and EPUB builders
downloaded any address the data named. Now a local image must be a plain
name with an image extension, outside hidden and excluded folders, whose
content is an image of that type (SVG only from trusted data); remote
images are fetched only when the project sets
``readinglist_fetch_remote_images``. Every image warning, Sphinx's own
included, is located at the ``image`` line of the YAML.
"""

from __future__ import annotations

import http.server
import os
import shutil
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_readinglist.data.images import (
    content_type,
    unsafe_download_name_reason,
    unsafe_image_path_reason,
    unsafe_local_image_reason,
)
from sphinx_readinglist.data.loader import load_text

from ._sphinx import ROOTS, build, html, warnings_of
from ._tools import served

MakeApp = Callable[..., SphinxTestApp]

ROOT = ROOTS / "test-sec-images"
PNG = (ROOT / "img" / "cover.png").read_bytes()
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
SECRET = "SECRET=do-not-publish"

_NAMES = (
    "file and folder names of images may only use ASCII letters, digits, "
    "'-', '_' and '.'; rename the file or folder, e.g. covers/book-cover.png"
)
_HIDDEN = (
    "hidden files and folders (names starting with '.') are never published; "
    "move the image into a folder of the documentation"
)
_NOT_IMAGE = (
    "only image files (.png, .jpg, .jpeg, .gif, .webp, .svg) are shown; give "
    "the path of an image, such as covers/book.png"
)
_EXCLUDED = (
    "is not shown: it is in a folder that the documentation leaves out "
    "(exclude_patterns, or the build's own files); move the image into a "
    "folder of the documentation"
)
_SVG = (
    "an SVG file can run scripts when opened from the site; convert it to PNG "
    "or WebP, or set readinglist_trust_markup = True if every author of the "
    "data is trusted"
)

#: The warnings of the hostile project, as ``(line, subtype, message)``.
EXPECTED = [
    (9, "unsafe", f"entry 'LaTeX in the name': image '../x}}}}\\\\input{{/etc/hostname}}{{{{.png' is not shown: {_NAMES}"),
    (11, "unsafe", f"entry 'Percent in the name': image '/img/50%.png' is not shown: {_NAMES}"),
    (13, "unsafe", f"entry 'Environment file': image '/.env' is not shown: {_HIDDEN}"),
    (15, "unsafe", f"entry 'Configuration': image '/conf.py' is not shown: {_NOT_IMAGE}"),
    (17, "unsafe", f"entry 'Git configuration': image '/.git/config' is not shown: {_HIDDEN}"),
    (19, "unsafe", f"entry 'Hidden folder': image '/.hidden/cover.png' is not shown: {_HIDDEN}"),
    (21, "unsafe", f"entry 'Build output': image '/_build/secret.png' {_EXCLUDED}"),
    (23, "unsafe", f"entry 'Excluded folder': image '/drafts/cover.png' {_EXCLUDED}"),
    (25, "unsafe", "entry 'Text named as a picture': image '/img/notes.png' is not shown: its content is not a PNG image; give the path of a real image, saved in the format its extension names"),
    (27, "unsafe", "entry 'JPEG named as a PNG': image '/img/photo.png' is not shown: its content is a JPEG image, not a PNG image; give it the extension .jpg"),
    (29, "file", "entry 'Missing picture': image '/img/missing.png' not found (looked for 'img/missing.png'); the path is relative to the data file (to the page for YAML in the directive), or to the source directory when it starts with '/'"),
    (31, "unsafe", f"entry 'Link to a hidden file': image '/img/link.png' is not shown: it leads to '.hidden/cover.png', and {_HIDDEN}"),
    (33, "unsafe", f"entry 'Drawing': image '/img/drawing.svg' is not shown: {_SVG}"),
    (35, "unsafe", "entry 'Mail address': image 'mailto:cover.png' is neither a web address nor a file path, and is not shown; write a URL such as https://example.org/cover.png, or a path such as covers/book.png"),
]  # fmt: skip

TITLES = [
    "Relative cover", "Rooted cover", "LaTeX in the name", "Percent in the name",
    "Environment file", "Configuration", "Git configuration", "Hidden folder",
    "Build output", "Excluded folder", "Text named as a picture",
    "JPEG named as a PNG", "Missing picture", "Link to a hidden file", "Drawing",
    "Mail address",
]  # fmt: skip


def _hostile(tmp_path: Path) -> Path:
    """The root, plus the files that a repository should not hold: secrets,
    hidden folders, names with TeX in them, a link to a hidden file. The
    pictures among them are real PNGs, so only the name or place refuses them."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir, ignore=shutil.ignore_patterns("_build"))
    tex = srcdir / "x}}\\input{" / "etc"
    tex.mkdir(parents=True)
    (tex / "hostname}{{.png").write_bytes(PNG)
    (srcdir / "img" / "50%.png").write_bytes(PNG)
    (srcdir / ".env").write_text(SECRET, encoding="utf-8")
    (srcdir / ".git").mkdir()
    (srcdir / ".git" / "config").write_text(SECRET, encoding="utf-8")
    (srcdir / ".hidden").mkdir()
    (srcdir / ".hidden" / "cover.png").write_bytes(PNG)
    (srcdir / "_build").mkdir()
    (srcdir / "_build" / "secret.png").write_bytes(PNG)
    (srcdir / "img" / "link.png").symlink_to("../.hidden/cover.png")
    return srcdir


def _located(
    warnings: list[str], srcdir: Path, name: str
) -> list[tuple[int, str, str]]:
    """``(line, subtype, message)`` of each warning located in the file ``name``."""
    found = []
    prefix = f"{srcdir / name}:"
    for line in warnings:
        if not line.startswith(prefix):
            continue
        where, _, rest = line[len(prefix) :].partition(": WARNING: ")
        message, _, tag = rest.rpartition(" [readinglist.")
        found.append((int(where), tag.rstrip("]"), message))
    return sorted(found)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _published(outdir: Path) -> set[str]:
    """Every file the build wrote, as paths relative to ``outdir``."""
    return {p.relative_to(outdir).as_posix() for p in outdir.rglob("*") if p.is_file()}


# -- items 1 and 2: names, places and contents of local images ---------------


def test_local_images_are_refused_at_their_line_in_html(tmp_path: Path) -> None:
    srcdir = _hostile(tmp_path)
    outdir, warnings = build(srcdir)
    assert _located(warnings, srcdir, "data/reading.yaml") == EXPECTED
    assert len(warnings) == len(EXPECTED), warnings
    page = html_of(outdir)
    # every card is shown, without the refused image
    titles = [t.get_text(strip=True) for t in page.select(".readinglist-title")]
    assert titles == TITLES
    images = page.select("img.readinglist-image")
    assert [(i["src"], i["alt"]) for i in images] == [
        ("_images/cover.png", "A blue square"),
        ("_images/cover.png", ""),
    ]
    assert _names(outdir / "_images") == ["cover.png"]
    assert (outdir / "_images" / "cover.png").read_bytes() == PNG
    for name in _published(outdir):
        if not name.endswith((".png", ".woff", ".woff2")):
            text = (outdir / name).read_text(encoding="utf-8", errors="replace")
            assert SECRET not in text, name


def test_local_images_are_refused_in_latex(tmp_path: Path) -> None:
    srcdir = _hostile(tmp_path)
    outdir, warnings = build(srcdir, "latex")
    assert _located(warnings, srcdir, "data/reading.yaml") == EXPECTED
    tex = (outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    assert tex.count(r"\sphinxincludegraphics") == 2
    assert tex.count(r"\sphinxincludegraphics{{cover}.png}") == 2
    assert r"\input{" not in tex.replace(r"\input{sphinxmessages.sty}", "")
    assert "hostname" not in tex
    for title in ("LaTeX in the name", "Environment file", "Drawing"):
        assert title in tex
    images = {n for n in _published(outdir) if n.endswith((".png", ".svg", ".py"))}
    assert images == {"cover.png"}
    assert SECRET not in tex


def html_of(outdir: Path) -> BeautifulSoup:
    return BeautifulSoup(
        (outdir / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_images_in_a_myst_page(tmp_path: Path, builder: str) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-sec-images-myst", srcdir)
    (srcdir / ".env").write_text(SECRET, encoding="utf-8")
    tex = srcdir / "x}}\\input{" / "etc"
    tex.mkdir(parents=True)
    (tex / "hostname}{{.png").write_bytes(PNG)
    outdir, warnings = build(srcdir, builder)
    # YAML in the directive's body: located in the page, at the image's line
    assert _located(warnings, srcdir, "index.md") == [
        (9, "unsafe", f"entry 'LaTeX in the name': image 'x}}}}\\\\input{{/etc/hostname}}{{{{.png' is not shown: {_NAMES}"),
        (11, "unsafe", f"entry 'Environment file': image '.env' is not shown: {_HIDDEN}"),
        (13, "file", "entry 'Missing picture': image 'img/missing.png' not found (looked for 'img/missing.png'); the path is relative to the data file (to the page for YAML in the directive), or to the source directory when it starts with '/'"),
    ]  # fmt: skip
    assert len(warnings) == 3, warnings
    if builder == "html":
        srcs = [i["src"] for i in html_of(outdir).select("img.readinglist-image")]
        assert srcs == ["_images/cover.png", "_images/cover.png"]
        assert _names(outdir / "_images") == ["cover.png"]
    else:
        tex = (outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
        assert tex.count(r"\sphinxincludegraphics{{cover}.png}") == 2
        assert "hostname" not in tex
        assert {n for n in _published(outdir) if n.endswith(".png")} == {"cover.png"}


def test_valid_local_images_are_still_published(tmp_path: Path) -> None:
    """Relative and rooted paths, every accepted format, in HTML and LaTeX."""
    srcdir = tmp_path / "src"
    (srcdir / "covers" / "a_b").mkdir(parents=True)
    (srcdir / "covers" / "a_b" / "Cover-1_x.v2.PNG").write_bytes(PNG)
    (srcdir / "covers" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(16))
    (srcdir / "covers" / "anim.gif").write_bytes(GIF)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_readinglist"]\nexclude_patterns = ["_build"]\n',
        encoding="utf-8",
    )
    (srcdir / "index.rst").write_text(
        "Images\n======\n\n.. readinglist::\n\n"
        "   - title: Relative\n     image: covers/a_b/Cover-1_x.v2.PNG\n"
        "   - title: Rooted\n     image: /covers/photo.jpg\n"
        "   - title: Dotted\n     image: ./covers/../covers/anim.gif\n",
        encoding="utf-8",
    )
    outdir, warnings = build(srcdir)
    assert warnings == []
    srcs = [i["src"] for i in html_of(outdir).select("img.readinglist-image")]
    assert srcs == [
        "_images/Cover-1_x.v2.PNG",
        "_images/photo.jpg",
        "_images/anim.gif",
    ]
    assert _names(outdir / "_images") == [
        "Cover-1_x.v2.PNG",
        "anim.gif",
        "photo.jpg",
    ]
    outdir, warnings = build(srcdir, "latex")
    assert warnings == []
    tex = (outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    assert r"\sphinxincludegraphics{{Cover-1_x.v2}.PNG}" in tex
    assert r"\sphinxincludegraphics{{photo}.jpg}" in tex
    assert (outdir / "photo.jpg").is_file()


def test_an_svg_is_published_only_from_trusted_data(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    outdir, warnings = build(srcdir, confoverrides={"readinglist_trust_markup": True})
    assert not any("drawing.svg" in w for w in warnings), warnings
    assert "drawing.svg" in _names(outdir / "_images")
    srcs = [i["src"] for i in html_of(outdir).select("img.readinglist-image")]
    assert "_images/drawing.svg" in srcs


@pytest.mark.parametrize(
    ("image", "reason"),
    [
        ("x}}\\input{/etc/hostname}{{.png", _NAMES),
        ("a{b}.png", _NAMES),
        ("a\\b.png", _NAMES),
        ("50%.png", _NAMES),
        ("a#b.png", _NAMES),
        ("a$b.png", _NAMES),
        ("a&b.png", _NAMES),
        ("a^b.png", _NAMES),
        ("a~b.png", _NAMES),
        ("a@b.png", _NAMES),
        ("a'b.png", _NAMES),
        ("a;b.png", _NAMES),
        ("a+b.png", _NAMES),
        ("a*b.png", _NAMES),
        ("café.png", _NAMES),
        ("covers/\u202eevil.png", _NAMES),
        ("~/x.png", _NAMES),
        ("cover.*", _NAMES),
        ("dir{x}/cover.png", _NAMES),
        (".env", _HIDDEN),
        (".png", _HIDDEN),
        ("img/.secret.png", _HIDDEN),
        ("/.git/config", _HIDDEN),
        ("a/.ssh/../b.png", _HIDDEN),
        ("/conf.py", _NOT_IMAGE),
        ("index.rst", _NOT_IMAGE),
        ("cover.pdf", _NOT_IMAGE),
        ("cover.svgz", _NOT_IMAGE),
        ("cover.png.html", _NOT_IMAGE),
        ("covers/", _NOT_IMAGE),
        ("cover", _NOT_IMAGE),
    ],
)
def test_the_loader_refuses_unsafe_names_at_the_image_line(
    image: str, reason: str
) -> None:
    text = "- title: T\n  year: 2020\n  image: " + _yaml_quoted(image) + "\n"
    data = load_text(text, "r.yaml")
    assert [r.image for r in data.resources] == [None]
    assert [(p.location.line, p.subtype) for p in data.problems] == [(3, "unsafe")]
    message = data.problems[0].message
    assert message.startswith("entry 'T': image ")
    assert message.endswith(f"is not shown: {reason}")


def _yaml_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.mark.parametrize(
    "image",
    [
        "cover.png",
        "Cover-2_v1.x.JPG",
        "../img/a.b.webp",
        "/img/x.gif",
        "./x.jpeg",
        "_static/x.svg",
        "https://example.org/a%20b{c}.png",
    ],
)
def test_the_loader_keeps_plain_names(image: str) -> None:
    data = load_text(f"- title: T\n  image: {_yaml_quoted(image)}\n", "r.yaml")
    assert data.problems == ()
    assert data.resources[0].image == image
    location = data.resources[0].image_location
    assert location is not None and str(location) == "r.yaml:2"
    assert unsafe_image_path_reason(image) is None or "://" in image


def test_content_types() -> None:
    assert content_type(PNG) == "png"
    assert content_type(GIF) == "gif"
    assert content_type(b"\xff\xd8\xff\xdb") == "jpeg"
    assert content_type(b"RIFF\x10\x00\x00\x00WEBPVP8 ") == "webp"
    assert content_type(b"\xef\xbb\xbf<?xml version='1.0'?><svg/>") == "svg"
    assert content_type(b"<html><svg/></html>") is None
    assert content_type(b"SECRET=1") is None
    assert content_type(b"") is None


@pytest.mark.parametrize(
    ("head", "found"),
    [
        (b"GIF87a\x01\x00\x01\x00\x00\x00\x00;", "gif"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif"),
        (b"gif89a\x01\x00", None),
        # a RIFF file is a WebP image only if it says so at byte 8
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", None),
        (b"RIFX\x10\x00\x00\x00WEBPVP8 ", None),
        # an SVG may open with a comment, after blank space and a byte order mark
        (b"<!-- drawn by hand --><svg xmlns='http://www.w3.org/2000/svg'/>", "svg"),
        (b"\xef\xbb\xbf \r\n\t<svg/>", "svg"),
        (b"<?xml version='1.0'?><svg/>", "svg"),
        # but nothing else: a text that mentions <svg is no drawing
        (b"X<svg/>", None),
        (b"notes: <svg/>", None),
        (b"<?xml version='1.0'?><html/>", None),
    ],
)
def test_the_first_bytes_name_the_type(head: bytes, found: str | None) -> None:
    assert content_type(head) == found


def test_a_local_image_must_be_an_image_file(tmp_path: Path) -> None:
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "cover.png").write_bytes(PNG)
    (tmp_path / "covers.png").mkdir()
    (tmp_path / "drawing.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    # a link may lead to a name the data could not have written: the path
    # the link leads to is checked like a written one
    hidden = unsafe_local_image_reason(
        tmp_path / ".hidden" / "cover.png", ".hidden/cover.png", allow_svg=True
    )
    assert hidden == _HIDDEN
    assert unsafe_local_image_reason(
        tmp_path / "covers.png", "covers.png", allow_svg=True
    ) == ("it is not a regular file; give the path of an image file")
    drawing = tmp_path / "drawing.svg"
    assert unsafe_local_image_reason(drawing, "drawing.svg", allow_svg=False) == _SVG
    assert unsafe_local_image_reason(drawing, "drawing.svg", allow_svg=True) is None


def test_only_the_first_bytes_of_a_local_image_are_read(tmp_path: Path) -> None:
    """Only its first bytes are checked (docs/security.md): a file's size
    costs nothing, and an SVG must open with its <svg> element in its first
    4 KiB."""
    late = tmp_path / "late.svg"
    late.write_bytes(b"<?xml version='1.0'?><!--" + b" " * 8192 + b"--><svg/>")
    assert unsafe_local_image_reason(late, "late.svg", allow_svg=True) == (
        "its content is not an SVG image; give the path of a real image, saved "
        "in the format its extension names"
    )


# -- item 3: remote images in builders that embed them -----------------------


def _remote_project(srcdir: Path, *images: str) -> None:
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_readinglist"]\nexclude_patterns = ["_build"]\n'
        'show_warning_types = True\ncopyright = "2025"\nauthor = "Tests"\nversion = "1"\n',
        encoding="utf-8",
    )
    (srcdir / "cover.png").write_bytes(PNG)
    entries = "".join(
        f"- title: Remote {i}\n  image: {_yaml_quoted(image)}\n"
        for i, image in enumerate(images, start=1)
    )
    (srcdir / "reading.yaml").write_text(
        f"- title: Local\n  image: cover.png\n{entries}", encoding="utf-8"
    )
    (srcdir / "index.rst").write_text(
        "Remote\n======\n\n.. readinglist:: reading.yaml\n", encoding="utf-8"
    )


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The addresses Sphinx tries to download; none is reached."""
    from sphinx.util import requests

    calls: list[str] = []

    def get(url: str, **kwargs: Any) -> Any:
        calls.append(url)
        raise OSError("no network in the tests")

    monkeypatch.setattr(requests, "get", get)
    return calls


def _build_with_status(
    srcdir: Path, builder: str, **kwargs: Any
) -> tuple[Path, list[str], str]:
    status, warning = StringIO(), StringIO()
    app = SphinxTestApp(
        builder, srcdir=srcdir, status=status, warning=warning, **kwargs
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir), warnings_of(warning), status.getvalue()


METADATA = "http://169.254.169.254/latest/meta-data/cover.png"


@pytest.mark.parametrize("builder", ["latex", "epub"])
def test_remote_images_are_not_fetched_by_default(
    tmp_path: Path, downloads: list[str], builder: str
) -> None:
    srcdir = tmp_path / "src"
    _remote_project(srcdir, METADATA, "https://example.org/covers/x.png")
    outdir, warnings, status = _build_with_status(srcdir, builder)
    assert downloads == []
    assert warnings == []
    assert (
        f"2 card image(s) given by URL left out of the {builder} output; set "
        "readinglist_fetch_remote_images = True to download them"
    ) in status
    if builder == "latex":
        tex = (outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
        assert tex.count(r"\sphinxincludegraphics") == 1
        assert r"\sphinxincludegraphics{{cover}.png}" in tex
        assert "Remote 1" in tex and "Remote 2" in tex
        assert "169.254" not in tex
    else:
        page = BeautifulSoup(
            (outdir / "index.xhtml").read_text(encoding="utf-8"), "html.parser"
        )
        titles = [t.get_text(strip=True) for t in page.select(".readinglist-title")]
        assert titles == ["Local", "Remote 1", "Remote 2"]
        assert [i["src"] for i in page.select("img")] == ["_images/cover.png"]
    assert not (srcdir / "_build" / "doctrees" / "images").exists()


def test_html_keeps_linking_remote_images(tmp_path: Path, downloads: list[str]) -> None:
    srcdir = tmp_path / "src"
    _remote_project(srcdir, METADATA)
    outdir, warnings = build(srcdir)
    assert warnings == [] and downloads == []
    srcs = [i["src"] for i in html_of(outdir).select("img.readinglist-image")]
    assert srcs == ["_images/cover.png", METADATA]


class _Images(http.server.BaseHTTPRequestHandler):
    """Serves the test PNG at any path, and records the paths asked for."""

    asked: list[str]

    def do_GET(self) -> None:
        self.asked.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(PNG)))
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def image_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[str]]]:
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    asked: list[str] = []
    handler = type("Handler", (_Images,), {"asked": asked})
    with served(handler) as base:
        yield base, asked


def test_the_project_may_let_builders_fetch_remote_images(
    tmp_path: Path, image_server: tuple[str, list[str]]
) -> None:
    base, asked = image_server
    srcdir = tmp_path / "src"
    _remote_project(srcdir, f"{base}/covers/remote.png", f"{base}/50%25off.png")
    outdir, warnings, _status = _build_with_status(
        srcdir, "latex", confoverrides={"readinglist_fetch_remote_images": True}
    )
    # the plain name is fetched; the one LaTeX would misread is not
    assert asked == ["/covers/remote.png"]
    assert _located(warnings, srcdir, "reading.yaml") == [
        (6, "unsafe", f"image '{base}/50%25off.png' is not downloaded: the file name it would be saved under may only use ASCII letters, digits, '-', '_' and '.'; use an address that ends in a plain name such as cover.png"),
    ]  # fmt: skip
    assert len(warnings) == 1, warnings
    tex = (outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    assert r"\sphinxincludegraphics{{remote}.png}" in tex
    assert tex.count(r"\sphinxincludegraphics") == 2
    assert (outdir / "remote.png").read_bytes() == PNG


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/covers/book.png", True),
        ("https://example.org/covers/book.png?size=large&x=1", True),
        ("https://example.org/covers/123", True),
        ("https://example.org/", True),
        ("https://example.org/a%7D.png", False),
        ("https://example.org/a}}\\input{x}{{.png", False),
        ("https://example.org/a.png#frag", False),
        ("https://example.org/a$b.png", False),
        ("https://example.org/a&b.png", False),
        ("https://example.org/a~b.png", False),
        ("https://example.org/?q=a.b}c", False),
    ],
)
def test_download_names(url: str, safe: bool) -> None:
    assert (unsafe_download_name_reason(url) is None) is safe


def test_a_long_download_name_is_replaced_as_sphinx_replaces_it() -> None:
    """Sphinx keeps a name of up to 32 characters (``MAX_FILENAME_LEN``) and
    names a longer one by a hash and its extension, so only the kept name
    must be plain."""
    unsafe = "a}" + "b" * 26 + ".png"
    assert len(unsafe) == 32
    assert unsafe_download_name_reason(f"https://example.org/{unsafe}") == (
        "the file name it would be saved under may only use ASCII letters, "
        "digits, '-', '_' and '.'; use an address that ends in a plain name such "
        "as cover.png"
    )
    assert unsafe_download_name_reason(f"https://example.org/b{unsafe}") is None
    assert unsafe_download_name_reason(f"https://example.org/b{unsafe}}}") is not None


# -- item 4: Sphinx's own image warnings point at the YAML -------------------


def test_sphinx_image_warnings_are_located_at_the_image_line(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = tmp_path / "src"
    _remote_project(srcdir)
    app = make_app("html", srcdir=srcdir)
    # as a file that became unreadable after it was checked (another user,
    # a network drive): Sphinx's collector reports it at the node
    access = os.access

    def unreadable(path: Any, mode: int, **kwargs: Any) -> bool:
        if str(path).endswith("cover.png"):
            return False
        return access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", unreadable)
    app.build()
    found = warnings_of(app._warning)  # type: ignore[attr-defined]
    assert found == [
        f"{srcdir / 'reading.yaml'}:2: WARNING: image file not readable: "
        "cover.png [image.not_readable]"
    ]
    assert html(app).select("img.readinglist-image") != []


def test_yaml_in_a_myst_body_is_located_at_its_own_lines(tmp_path: Path) -> None:
    """myst-parser numbers a body from 0: the page's lines are counted from
    the directive's line and the body's offset (options, front matter)."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-sec-images-myst", srcdir)
    (srcdir / "index.md").write_text(
        "# Lines\n\n"
        "```{readinglist}\n:filter:\n\n- title: A\n  image: .env\n```\n\n"
        "```{readinglist}\n---\nfilter:\n---\n- title: B\n  image: .env\n```\n",
        encoding="utf-8",
    )
    _outdir, warnings = build(srcdir)
    assert [
        (line, subtype) for line, subtype, _ in _located(warnings, srcdir, "index.md")
    ] == [
        (7, "unsafe"),
        (15, "unsafe"),
    ]
