"""The runs before a run, kept in memory by an import, are the runs the log holds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine

from runcoach.domain.run.runs import Run, Sport, WorkoutType
from runcoach.domain.run.tagging import InferredTags
from runcoach.store import runs as run_store
from runcoach.store.athletes import default_athlete_id
from runcoach.store.recent_log import RecentRuns, recent_runs

FIRST = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)
DAYS = 42


def _run(day: int, distance_m: float = 8000.0, sport: Sport = Sport.RUNNING) -> Run:
    start = FIRST + timedelta(days=day)
    return Run(start=start, sport=sport, distance_m=distance_m, moving_s=distance_m * 0.33)


def _summary(found: list[Run]) -> list[tuple[object, ...]]:
    return sorted(
        (r.start.astimezone(UTC), r.sport, r.distance_m, r.moving_s, r.elapsed_s, r.workout_type)
        for r in found
    )


def _store(conn: Connection, athlete_id: int, run: Run, kept: RecentRuns | None = None) -> int:
    prepared = run_store.prepare_run(run)
    return run_store.insert_prepared(conn, athlete_id, prepared, None, recent=kept)


def test_the_runs_kept_are_those_the_log_gives_while_an_import_stores_more(
    engine: Engine,
) -> None:
    with engine.begin() as conn:
        athlete_id = default_athlete_id(conn)
        for day in (0, 3, 10, 40, 41):
            _store(conn, athlete_id, _run(day, 5000.0 + day))
        _store(conn, athlete_id, _run(20, 3000.0, Sport.CYCLING))
    kept = RecentRuns(athlete_id)
    with engine.connect() as conn:
        conn.begin()
        for day in range(42, 120, 3):
            before = FIRST + timedelta(days=day, hours=1)
            expected = recent_runs(conn, athlete_id, before, DAYS)
            assert _summary(kept.before(conn, before, DAYS)) == _summary(expected)
            _store(conn, athlete_id, _run(day, 6000.0 + day), kept)
            if day % 9 == 0:  # a commit between files, nobody else writing
                kept.committing(conn)
                conn.commit()
                conn.begin()
        conn.rollback()


def test_a_run_written_by_someone_else_between_two_commits_is_seen(engine: Engine) -> None:
    with engine.begin() as conn:
        athlete_id = default_athlete_id(conn)
        _store(conn, athlete_id, _run(0))
    kept = RecentRuns(athlete_id)
    before = FIRST + timedelta(days=20)
    with engine.connect() as conn:
        conn.begin()
        assert len(kept.before(conn, before, DAYS)) == 1
        kept.committing(conn)
        conn.commit()
        with engine.begin() as other:  # another writer, between the import's transactions
            tags = InferredTags(workout_type=None, surface=None, terrain=None)
            other_id = run_store.insert_prepared(
                other, athlete_id, run_store.prepare_run(_run(5, 21000.0)), tags
            )
            run_store.update_run(other, athlete_id, other_id, {"workout_type": "long"})
        conn.begin()
        found = kept.before(conn, before, DAYS)
        conn.rollback()
    assert _summary(found) == _summary([_run(0), _long(_run(5, 21000.0))])


def _long(run: Run) -> Run:
    run.workout_type = WorkoutType.LONG
    return run


def test_a_file_rolled_back_leaves_no_run_behind(engine: Engine) -> None:
    with engine.begin() as conn:
        athlete_id = default_athlete_id(conn)
    kept = RecentRuns(athlete_id)
    before = FIRST + timedelta(days=20)
    with engine.connect() as conn:
        conn.begin()
        assert kept.before(conn, before, DAYS) == []
        savepoint = conn.begin_nested()
        _store(conn, athlete_id, _run(3), kept)
        assert len(kept.before(conn, before, DAYS)) == 1
        savepoint.rollback()
        kept.forget()  # what the import does when a file's savepoint is rolled back
        assert kept.before(conn, before, DAYS) == recent_runs(conn, athlete_id, before, DAYS) == []
        conn.rollback()


def _own(run: Run) -> tuple[object, ...]:
    return run.source, run.name, run.notes, run.shoe_id


def _near_summary(found: list[Run]) -> list[tuple[object, ...]]:
    return [
        (r.id, r.start.astimezone(UTC), r.sport, r.distance_m, r.elapsed_s, r.moving_s, *_own(r))
        for r in found
    ]


def test_the_runs_near_a_run_kept_are_those_the_log_gives_in_the_same_order(
    engine: Engine,
) -> None:
    with engine.begin() as conn:
        athlete_id = default_athlete_id(conn)
        for minutes in (0, 2, 4, 4, 9):  # two at the same instant: ordered by id
            run = _run(10)
            run.start += timedelta(minutes=minutes)
            run.name = f"at {minutes}"
            _store(conn, athlete_id, run)
    kept = RecentRuns(athlete_id)
    with engine.connect() as conn:
        conn.begin()
        for day, minutes in ((10, 5), (10, 0), (10, 9), (11, 0), (60, 0), (10, 4)):
            start = FIRST + timedelta(days=day, minutes=minutes)
            expected = run_store.activities_near(conn, athlete_id, start, 300.0)
            assert _near_summary(kept.near(conn, start, 300.0)) == _near_summary(expected)
            _store(conn, athlete_id, _run(day + 1), kept)  # the import stores more meanwhile
        conn.rollback()
