"""Shared fixtures: Sphinx's testing plugin, the test roots, strict CI skips."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._tools import tools_required

pytest_plugins = ["sphinx.testing.fixtures"]
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """In CI every tool is installed, so any skip is a broken setup: fail it."""
    report = yield
    if tools_required() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = (
            f"skipped where CI requires every test to run: {report.longrepr}"
        )
    return report
