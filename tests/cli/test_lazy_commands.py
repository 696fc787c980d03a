"""The everyday commands load only what they use (issue 18, "Fast at every door").

A runner types ``runs list``, ``today``, ``report --week``, ``paces`` and ``wins`` many times a
day; each is a new process, and most of a process's time was spent importing libraries the
command never used (NumPy alone, about 100 ms: the samples of runs, which these commands never
read). Each command runs here as a process of its own on a small store with a plan, and the
libraries it loaded are compared with those it may load. The time itself is measured by
``python -m benchmarks.commands`` (docs/benchmarks.md), not by a timed test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ACTIVITIES, needs_shared_data

pytestmark = needs_shared_data()
REPO = Path(__file__).resolve().parents[2]
PROFILE = REPO / "docs" / "examples" / "first-half.yaml"
EVERYDAY = [("runs", "list"), ("today",), ("report", "--week"), ("paces",), ("wins",)]
# What no everyday command needs: samples (NumPy), charts, migrations, device files, the web
# app and its job queue, file exports. (asyncio is not here: SQLAlchemy imports it.)
NOT_NEEDED = {
    "numpy", "matplotlib", "alembic", "fitfast", "fitdecode", "fit_tool", "lxml", "zstandard",
    "fastapi", "starlette", "jinja2", "procrastinate", "icalendar", "gpxpy",
    "runcoach.importers", "runcoach.exporters", "runcoach.web", "runcoach.services.importing",
}  # fmt: skip
# What the commands that read through sqlite3 (store/lite.py) on a migrated SQLite store do
# not need either: SQLAlchemy (about 170 ms of CPU), PyYAML (no profile is read), the plan
# stack (paces reads no plan) and the run analysis (a list shows summary columns).
READ_THROUGH_SQLITE3 = {("runs", "list"), ("paces",)}
NOT_NEEDED_ON_SQLITE3 = {
    "sqlalchemy", "yaml", "runcoach.store.db", "runcoach.store.tables",
    "runcoach.domain.plans", "runcoach.domain.run.efforts",
}  # fmt: skip
# The reports and today read the plan too (planned vs done, today's session), so they load
# the plan stack, but neither SQLAlchemy nor the store's table definitions (docs/benchmarks.md,
# issue 18, "Fifth pass"); today keeps a new answer through sqlite3 (BEGIN IMMEDIATE).
REPORTS_THROUGH_SQLITE3 = {("report", "--week"), ("wins",), ("today",)}
NOT_NEEDED_BY_REPORTS = {"sqlalchemy", "runcoach.store.db", "runcoach.store.tables"}
LOADED_MARK = "LOADED-MODULES:"
WATCH = (
    "import atexit, runpy, sys\n"
    "atexit.register(lambda: print({mark!r}, ' '.join(sorted(sys.modules)), file=sys.stderr))\n"
    "sys.argv = ['runcoach', *sys.argv[1:]]\n"
    "runpy.run_module('runcoach', run_name='__main__')\n"
)


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "RUNCOACH_HOME": str(home), "PYTHONPATH": str(REPO / "src")}
    env.pop("RUNCOACH_DATABASE_URL", None)
    return env


@pytest.fixture(scope="module")
def store_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home with real runs (FIT, GPX, TCX) and a plan, as a runner's would be."""
    home = tmp_path_factory.mktemp("home")
    for args in (
        ("import", str(ACTIVITIES / "sweatpy")),
        ("plan", "create", "--profile", str(PROFILE)),
    ):
        command = [sys.executable, "-m", "runcoach", *args]
        subprocess.run(command, env=_env(home), check=True, capture_output=True)
    return home


def _loaded(home: Path, command: tuple[str, ...]) -> set[str]:
    code = WATCH.format(mark=LOADED_MARK)
    done = subprocess.run(
        [sys.executable, "-c", code, *command], env=_env(home), capture_output=True, text=True
    )
    assert LOADED_MARK in done.stderr, done.stderr
    return set(done.stderr.rsplit(LOADED_MARK, 1)[1].split())


def _needless(loaded: set[str], not_needed: set[str]) -> set[str]:
    return {
        top for top in not_needed for name in loaded if name == top or name.startswith(f"{top}.")
    }


@pytest.mark.parametrize("command", EVERYDAY, ids=" ".join)
def test_an_everyday_command_loads_nothing_it_does_not_use(store_home, command):
    loaded = _loaded(store_home, command)
    assert "runcoach.services" in loaded  # it did its work (not an early usage error)
    not_needed = NOT_NEEDED | (NOT_NEEDED_ON_SQLITE3 if command in READ_THROUGH_SQLITE3 else set())
    if command in REPORTS_THROUGH_SQLITE3:
        not_needed |= NOT_NEEDED_BY_REPORTS
    needless = _needless(loaded, not_needed)
    assert not needless, f"runcoach {' '.join(command)} imported {sorted(needless)}"


@pytest.mark.parametrize(
    "command",
    [("fitness",), ("predict", "--to", "10k"), ("goal", "check", "--goal", "10k=45:00",
                                                 "--date", "2027-04-19")],
    ids=" ".join,
)  # fmt: skip
def test_the_commands_that_read_the_fitness_model_s_log_need_no_sqlalchemy(store_home, command):
    loaded = _loaded(store_home, command)
    assert "runcoach.store.performances" in loaded  # the log was read
    needless = _needless(loaded, {"sqlalchemy", "yaml", "runcoach.store.db"})
    assert not needless, f"runcoach {' '.join(command)} imported {sorted(needless)}"


@pytest.mark.parametrize(
    "command", sorted(READ_THROUGH_SQLITE3 | REPORTS_THROUGH_SQLITE3), ids=" ".join
)
def test_a_store_that_needs_migrating_is_migrated_first(tmp_path, command):
    """The sqlite3 path reads only a store at this runcoach's schema revision: an older one
    is migrated through Alembic (and SQLAlchemy) as before, then read."""
    from alembic import command as alembic_command

    from runcoach.store.db import HEAD_REVISION, alembic_config, current_revision, open_engine

    engine = open_engine(f"sqlite:///{tmp_path / 'runcoach.db'}")
    alembic_command.downgrade(alembic_config(engine), "0012_web_speed")
    engine.dispose()
    loaded = _loaded(tmp_path, command)
    assert {"alembic", "sqlalchemy", "runcoach.services"} <= loaded  # migrated, then read
    assert current_revision(open_engine(f"sqlite:///{tmp_path / 'runcoach.db'}")) == HEAD_REVISION
