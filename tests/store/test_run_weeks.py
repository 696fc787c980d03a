"""``run_weeks`` holds each week's running volume, kept by every write of a run."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic import command
from sqlalchemy import delete, insert, select

from runcoach.domain.run.runs import Run, Sport
from runcoach.store import runs as run_store
from runcoach.store.athletes import default_athlete_id
from runcoach.store.db import alembic_config
from runcoach.store.run_weeks import rebuild_run_weeks
from runcoach.store.tables import run_weeks, runs


def run_on(day: int, km: float, sport: Sport = Sport.RUNNING, hour: int = 7) -> Run:
    """A run in March 2026 (Monday 2 March starts the first week)."""
    start = datetime(2026, 3, day, hour, tzinfo=UTC)
    return Run(start=start, sport=sport, distance_m=km * 1000, moving_s=km * 300,
               ascent_m=10.0 * km, source="manual")  # fmt: skip


def weeks(conn) -> dict[date, tuple]:
    rows = conn.execute(select(run_weeks).order_by(run_weeks.c.week_start))
    return {
        r.week_start: (r.runs, r.run_days, r.distance_m, r.duration_s, r.ascent_m) for r in rows
    }


def test_each_write_of_a_run_recounts_its_week(engine):
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        first = run_store.insert_run(conn, athlete, run_on(2, 10))
        run_store.insert_run(conn, athlete, run_on(2, 5, hour=18))  # a double day
        run_store.insert_run(conn, athlete, run_on(4, 8))
        run_store.insert_run(conn, athlete, run_on(5, 30, Sport.CYCLING))  # not running
        moved = run_store.insert_run(conn, athlete, run_on(10, 12))
        # by hand: week of 2 March: 3 runs on 2 days, 23 km, 23 x 300 s, 230 m up
        assert weeks(conn) == {
            date(2026, 3, 2): (3, 2, 23000.0, 6900.0, 230.0),
            date(2026, 3, 9): (1, 1, 12000.0, 3600.0, 120.0),
        }
        # a richer file of run `moved` says it was run a week later and 2 km longer
        run_store.replace_measurements(conn, athlete, moved, run_on(17, 14), None, None)
        assert date(2026, 3, 9) not in weeks(conn)
        assert weeks(conn)[date(2026, 3, 16)] == (1, 1, 14000.0, 4200.0, 140.0)
        run_store.update_run(conn, athlete, first, {"name": "renamed"})
        assert weeks(conn)[date(2026, 3, 2)] == (3, 2, 23000.0, 6900.0, 230.0)
        run_store.delete_run(conn, athlete, first)
        assert weeks(conn)[date(2026, 3, 2)] == (2, 2, 13000.0, 3900.0, 130.0)
        run_store.delete_run(conn, athlete, moved)
        assert date(2026, 3, 16) not in weeks(conn)
        kept = weeks(conn)
        conn.execute(delete(run_weeks))
        assert rebuild_run_weeks(conn) == 1
        assert weeks(conn) == kept


def test_the_migration_counts_the_weeks_of_runs_stored_before_it(engine):
    config = alembic_config(engine)
    command.downgrade(config, "0005_run_start_points")
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        for day, km, sport in ((2, 10, "running"), (3, 6, "trail_running"), (3, 9, "cycling")):
            conn.execute(
                insert(runs).values(
                    athlete_id=athlete,
                    start_utc=datetime(2026, 3, day, 7, tzinfo=UTC),
                    local_date=date(2026, 3, day),
                    sport=sport,
                    distance_m=km * 1000.0,
                    elapsed_s=km * 330.0,
                    source="manual",
                    fingerprint=f"f{day}{sport}",
                )
            )
    command.upgrade(config, "head")
    with engine.connect() as conn:
        assert weeks(conn) == {date(2026, 3, 2): (2, 2, 16000.0, 16 * 330.0, 0.0)}


def test_a_run_tagged_cross_training_or_strength_leaves_the_running_volume(engine):
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        run_store.insert_run(conn, athlete, run_on(2, 10))
        ride = run_store.insert_run(conn, athlete, run_on(3, 40))  # a ride saved as a run
        assert weeks(conn)[date(2026, 3, 2)] == (2, 2, 50000.0, 15000.0, 500.0)
        run_store.update_run(conn, athlete, ride, {"workout_type": "cross-training"})
        assert weeks(conn)[date(2026, 3, 2)] == (1, 1, 10000.0, 3000.0, 100.0)
        run_store.update_run(conn, athlete, ride, {"workout_type": "strength"})
        assert weeks(conn)[date(2026, 3, 2)] == (1, 1, 10000.0, 3000.0, 100.0)
        run_store.update_run(conn, athlete, ride, {"workout_type": "easy"})
        assert weeks(conn)[date(2026, 3, 2)] == (2, 2, 50000.0, 15000.0, 500.0)
