"""Which local files a card may show as its image (Sphinx-free).

A card image is copied to the output and its file name is written into
LaTeX and Texinfo unescaped, so only plain names of real image files pass:
nothing else in the source directory may be published through ``image``.
"""

from __future__ import annotations

import re
from pathlib import Path

#: The extensions of local images, and the type each file's content must be.
EXTENSIONS = {
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".gif": "gif",
    ".webp": "webp",
    ".svg": "svg",
}

#: What the types are called in messages, and the extension to rename to.
_NAMES = {
    "png": ("a PNG image", ".png"),
    "jpeg": ("a JPEG image", ".jpg"),
    "gif": ("a GIF image", ".gif"),
    "webp": ("a WebP image", ".webp"),
    "svg": ("an SVG image", ".svg"),
}

# An allowlist, not a denylist: LaTeX and Texinfo give meaning to almost
# every other ASCII character ({ } \ % # $ & ^ ~ @), and none is needed in a
# file name. No leading "." either: hidden files and folders stay private.
_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*\Z")

_LISTED = ", ".join(EXTENSIONS)

#: Sphinx's ``MAX_FILENAME_LEN`` for downloaded images.
_SPHINX_MAX_NAME = 32


def unsafe_image_path_reason(path: str) -> str | None:
    """Why the local image ``path`` must not be published, or None.

    :param path: ``/``-separated, relative or rooted at the source directory.
    :return: what is wrong, then how to fix it.
    """
    parts = path.split("/")
    for part in parts:
        if part in ("", ".", ".."):
            continue
        if part.startswith("."):
            return (
                "hidden files and folders (names starting with '.') are never "
                "published; move the image into a folder of the documentation"
            )
        if not _NAME.match(part):
            return (
                "file and folder names of images may only use ASCII letters, "
                "digits, '-', '_' and '.'; rename the file or folder, "
                "e.g. covers/book-cover.png"
            )
    name = parts[-1]
    if Path(name).suffix.lower() not in EXTENSIONS or not _NAME.match(name):
        return (
            f"only image files ({_LISTED}) are shown; give the path of an "
            "image, such as covers/book.png"
        )
    return None


def content_type(head: bytes) -> str | None:
    """The image type that a file starting with ``head`` holds, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in head:
        return "svg"
    return None


def unsafe_image_content_reason(path: Path) -> str | None:
    """Why the file at ``path`` is not the image its extension says, or None.

    :param path: a regular file whose name passed :func:`unsafe_image_path_reason`.
    """
    expected = EXTENSIONS[path.suffix.lower()]
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError as error:
        return f"it cannot be read ({error.strerror}); check its permissions"
    found = content_type(head)
    if found == expected:
        return None
    what = _NAMES[expected][0]
    if found is None:
        return (
            f"its content is not {what}; give the path of a real image, "
            "saved in the format its extension names"
        )
    name, extension = _NAMES[found]
    return f"its content is {name}, not {what}; give it the extension {extension}"


def unsafe_local_image_reason(
    path: Path, relative: str, *, allow_svg: bool
) -> str | None:
    """Why the existing file ``path`` must not be published as an image, or None.

    :param path: the file, links resolved, inside the source directory.
    :param relative: ``path`` relative to the source directory, ``/``-separated:
        a link may lead to a name that the data could not have written.
    :param allow_svg: whether SVG files may be shown (trusted data only).
    """
    reason = unsafe_image_path_reason(relative)
    if reason is not None:
        return reason
    if not path.is_file():
        return "it is not a regular file; give the path of an image file"
    if EXTENSIONS[path.suffix.lower()] == "svg" and not allow_svg:
        # an SVG in _images/ runs its scripts when opened from the site
        return (
            "an SVG file can run scripts when opened from the site; convert "
            "it to PNG or WebP, or set readinglist_trust_markup = True if "
            "every author of the data is trusted"
        )
    return unsafe_image_content_reason(path)


def unsafe_download_name_reason(url: str) -> str | None:
    """Why a builder must not download the image at ``url``, or None.

    Sphinx saves a remote image under the last part of its address (or a
    hash and the address's extension) and writes that name into LaTeX
    unescaped, so the name must be as plain as a local one.
    """
    last = url.rsplit("/", 1)[-1]
    name = last.split("?")[0]
    if not name or len(name) > _SPHINX_MAX_NAME:
        # then Sphinx names the file by a hash and the address's "extension"
        name = "hash" + Path(last).suffix
    if not _NAME.match(name):
        return (
            "the file name it would be saved under may only use ASCII "
            "letters, digits, '-', '_' and '.'; use an address that "
            "ends in a plain name such as cover.png"
        )
    return None
