"""Locate the external programs used by the end-to-end tests, and load the
repository's scripts.

Tests that need a browser, LaTeX, EPUBCheck or the Nu HTML checker call these
helpers. A missing program skips the test, unless the environment variable
``READINGLIST_REQUIRE_TOOLS`` is set (CI sets it), in which case the test fails
so that a broken setup cannot pass unnoticed.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import pytest

REQUIRE_TOOLS_ENV = "READINGLIST_REQUIRE_TOOLS"
REPO = Path(__file__).parent.parent


def tools_required() -> bool:
    """Return True when missing tools must fail tests instead of skipping."""
    return os.environ.get(REQUIRE_TOOLS_ENV, "") not in ("", "0")


def missing_tool(name: str, detail: str) -> NoReturn:
    """Skip the current test, or fail it when tools are required."""
    if tools_required():
        pytest.fail(f"{name} is required ({REQUIRE_TOOLS_ENV} is set): {detail}")
    pytest.skip(f"{name} not installed: {detail}")


def require_tool(name: str, *candidates: str) -> str:
    """Return the path of the first of ``candidates`` found on PATH.

    ``name`` is a human-readable label for messages; it is also the command
    looked up when no candidates are given.
    """
    commands = candidates or (name,)
    for command in commands:
        path = shutil.which(command)
        if path:
            return path
    missing_tool(name, f"none of {', '.join(commands)} found on PATH")


def chromium_path() -> str:
    """Return the path of a Chromium or Chrome executable."""
    return require_tool(
        "Chromium",
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    )


def _java_jar_command(path: str) -> list[str]:
    """Return a command running ``path``, via ``java -jar`` if it is a jar.

    Debian installs some Java tools (e.g. ``epubcheck``) as bare jar files
    that only run directly when binfmt_misc is set up, which containers
    usually lack.
    """
    with Path(path).open("rb") as f:
        is_jar = f.read(2) == b"PK"
    if is_jar:
        return [require_tool("Java", "java"), "-jar", path]
    return [path]


def epubcheck_command() -> list[str]:
    """Return the command line prefix for running EPUBCheck."""
    return _java_jar_command(require_tool("EPUBCheck", "epubcheck"))


def vnu_command() -> list[str]:
    """Return the command line prefix for the Nu HTML checker (vnu.jar).

    Uses ``vnu`` on PATH (``npm install -g vnu-jar``), or the jar named by
    the ``VNU_JAR`` environment variable.
    """
    jar = os.environ.get("VNU_JAR")
    if jar:
        if not Path(jar).is_file():
            missing_tool("Nu HTML checker", f"VNU_JAR={jar} does not exist")
        return [require_tool("Java", "java"), "-jar", jar]
    return [require_tool("Nu HTML checker", "vnu")]


@contextmanager
def served(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """A server on the loopback interface answering with ``handler``: its base URL.

    Only 127.0.0.1: the tests send no traffic anywhere else.
    """
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@functools.cache
def load_script(relative: str) -> Any:
    """A script of the repository (not a package), loaded once as a module."""
    path = REPO / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def makefile_exports(makefile: Path) -> dict[str, str]:
    """The variables that Sphinx's LaTeX ``Makefile`` sets for latexmk."""
    if not makefile.is_file():
        return {}
    found = {}
    for line in makefile.read_text(encoding="utf-8").splitlines():
        name, equals, value = line.removeprefix("export ").partition(" = ")
        if line.startswith("export ") and equals:
            found[name.strip()] = value.strip()
    return found


def latexmk_pdf(tex: Path) -> str:
    """Compile ``tex`` to PDF with latexmk, in its folder; return the log.

    Fails the test, with the end of the log, if LaTeX does; skips it (or
    fails it, in CI) without latexmk.
    """
    latexmk = require_tool("latexmk")
    result = subprocess.run(
        [latexmk, "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=tex.parent,
        # the index of resources (issue 17) runs xindy with the options that
        # Sphinx's Makefile exports, as `make latexpdf` does
        env={**os.environ, **makefile_exports(tex.parent / "Makefile")},
        capture_output=True,
        text=True,
        # pdfTeX writes the 8-bit bytes of a French or German document as is
        errors="replace",
        timeout=600,
        check=False,
    )
    log = tex.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert result.returncode == 0, log[-3000:]
    return log
