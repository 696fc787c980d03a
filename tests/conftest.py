"""Shared fixtures: a fresh store per test on SQLite, and on PostgreSQL when configured."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine, text

from runcoach.store.db import make_engine, migrate
from runcoach.store.tables import metadata

# The real device files and race results sit beside the project (../shared/data); a git
# worktree elsewhere points at them with RUNCOACH_TEST_SHARED_DATA.
SHARED_DATA = Path(
    os.environ.get("RUNCOACH_TEST_SHARED_DATA")
    or Path(__file__).resolve().parents[2] / "shared" / "data"
)
ACTIVITIES = SHARED_DATA / "activities"
RACES = SHARED_DATA / "races"

POSTGRES_URL_ENV = "RUNCOACH_TEST_DATABASE_URL"

# Hypothesis: "ci" is the everyday run, random on a developer's machine (new cases found
# locally are kept in .hypothesis and replayed) and the same examples every time in CI (the
# CI variable set), so a rare case can't turn a landing red at random;
# `pytest --hypothesis-profile=thorough` for thousands.
settings.register_profile("ci", deadline=None, derandomize=bool(os.environ.get("CI")))
settings.register_profile("thorough", deadline=None, max_examples=3000)
settings.load_profile("ci")


def needs_shared_data() -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not ACTIVITIES.is_dir(), reason=f"the real device files are not at {ACTIVITIES}"
    )


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine | None]:
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        yield None
        return
    engine = make_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    _drop_everything(engine)
    migrate(engine)
    yield engine
    _drop_everything(engine)
    engine.dispose()


def _drop_everything(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))


def _truncate_all(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A freshly migrated, empty store: SQLite always, PostgreSQL when configured."""
    if request.param == "sqlite":
        sqlite_engine = make_engine(f"sqlite:///{tmp_path / 'runcoach.db'}")
        migrate(sqlite_engine)
        yield sqlite_engine
        sqlite_engine.dispose()
        return
    pg = request.getfixturevalue("postgres_engine")
    if pg is None:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_URL_ENV}")
    _truncate_all(pg)
    yield pg


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A runcoach home folder of its own, with no stray settings from the environment."""
    folder = tmp_path / "home"
    for name in list(os.environ):
        if name.startswith("RUNCOACH_") and name != POSTGRES_URL_ENV:
            monkeypatch.delenv(name)
    monkeypatch.setenv("RUNCOACH_HOME", str(folder))
    return folder


def local_athlete(engine: Engine) -> int:
    """The athlete a command-line install speaks for (created on first use), as the CLI
    resolves it: services take the athlete as ``athlete_id``, never pick it themselves."""
    from runcoach.store.athletes import default_athlete_id

    with engine.begin() as conn:
        return default_athlete_id(conn)
