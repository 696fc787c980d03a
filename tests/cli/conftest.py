from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.runner import Result, run_cli


@pytest.fixture
def runcoach(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Call ``runcoach ARGS...`` as a user would, in a home folder of its own."""

    def call(*args: str) -> Result:
        return run_cli(capsys, monkeypatch, *args)

    return call


@pytest.fixture
def log_cli(runcoach, engine, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """``runcoach`` on the test's ``engine`` (SQLite, and PostgreSQL when configured)."""
    monkeypatch.setenv("RUNCOACH_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return runcoach
