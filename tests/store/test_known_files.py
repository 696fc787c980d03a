"""The files an import keeps in memory as stored are those the log holds (KnownFiles)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from runcoach.domain.run.runs import Run
from runcoach.store import runs as run_store
from runcoach.store.athletes import default_athlete_id
from runcoach.store.source_files import KnownFiles, StoredFile, add_source, link_source, sha256_of


def _keep(conn, athlete_id: int, data: bytes, *, with_run: bool = True) -> int:
    source_id = add_source(
        conn, athlete_id, name=f"{data.decode()}.fit", file_format="fit", data=data,
        outcome="imported",
    )  # fmt: skip
    if with_run:  # a file with a run raises the log's data_version (its run does)
        run = Run(start=datetime(2026, 1, 5, 7, 0, tzinfo=UTC), distance_m=5000.0)
        run_id = run_store.insert_run(conn, athlete_id, run)
        link_source(conn, run_id, source_id, primary=True, first=True)
    return source_id


def test_a_stored_file_is_found_from_memory_as_the_database_tells_it(engine: Engine) -> None:
    with engine.begin() as conn:
        athlete_id = default_athlete_id(conn)
        first = _keep(conn, athlete_id, b"first")
    known = KnownFiles(athlete_id)
    with engine.connect() as conn:
        conn.begin()
        assert known.find(conn, sha256_of(b"first")) == StoredFile(first, "first.fit", "imported")
        assert known.find(conn, sha256_of(b"second")) is None
        second = _keep(conn, athlete_id, b"second", with_run=False)
        known.stored(conn, sha256_of(b"second"), StoredFile(second, "second.fit", "imported"))
        assert known.find(conn, sha256_of(b"second")) is not None
        conn.rollback()


def test_a_file_stored_by_someone_else_between_two_commits_is_seen(engine: Engine) -> None:
    with engine.begin() as conn:
        athlete_id = default_athlete_id(conn)
    known = KnownFiles(athlete_id)
    with engine.connect() as conn:
        conn.begin()
        assert known.find(conn, sha256_of(b"other")) is None
        known.committing(conn)
        conn.commit()
        with engine.begin() as other:  # another import, between this one's transactions
            other_id = _keep(other, athlete_id, b"other")
        conn.begin()
        found = known.find(conn, sha256_of(b"other"))
        conn.rollback()
    assert found == StoredFile(other_id, "other.fit", "imported")


def test_a_file_rolled_back_is_not_kept_as_stored(engine: Engine) -> None:
    with engine.begin() as conn:
        athlete_id = default_athlete_id(conn)
    known = KnownFiles(athlete_id)
    with engine.connect() as conn:
        conn.begin()
        assert known.find(conn, sha256_of(b"gone")) is None
        _keep(conn, athlete_id, b"gone")
        conn.rollback()  # the batch was not committed: committing() was never called
        conn.begin()
        assert known.find(conn, sha256_of(b"gone")) is None
        conn.rollback()
