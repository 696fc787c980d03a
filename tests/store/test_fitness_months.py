"""The fitness kept per month (``store/fitness_months.py``) is, after every write of a run,
what a recount from every performance of the log gives, on SQLite and PostgreSQL; and a
report's race predictions read through it are those worked out from scratch."""

from __future__ import annotations

import random
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from benchmarks.store_history import insert_history
from runcoach.domain.fitness.current import FitnessPoint, fitness_on, monthly_dates, point_of
from runcoach.domain.fitness.vdot import race_time_s
from runcoach.domain.run.efforts import BestEffort, RunAnalysis
from runcoach.domain.run.runs import Run, WorkoutType
from runcoach.domain.units import Pace
from runcoach.services.fitness import LOG_START, performances_from_log
from runcoach.services.import_sources import sources_of_paths
from runcoach.services.importing import import_sources
from runcoach.services.report_hooks import PREDICTION_DISTANCES_M, report_hooks
from runcoach.store.fitness_months import keep_months, kept_months
from runcoach.store.log_reads import data_version
from runcoach.store.runs import delete_run, insert_run, replace_analysis, update_run
from runcoach.store.sql import reading
from tests.conftest import ACTIVITIES, local_athlete, needs_shared_data

END = date(2026, 11, 20)
LOCK_WAIT_S = 5.0  # s; far under a lock wait, far over a query
FIRST = date(2008, 1, 1)  # the months asked: from before any run (real files too) to the end


def _recount(engine, athlete: int, months: list[date]) -> dict[date, FitnessPoint | None]:
    """Each month's fitness from every performance of the log, nothing kept."""
    with reading(engine) as db:
        found = performances_from_log(db, athlete, LOG_START, END)
    worked = fitness_on(found, months)
    return {d: None if f is None else _with_times(point_of(f))
            for d, f in zip(months, worked, strict=True)}  # fmt: skip


def _with_times(point: FitnessPoint) -> FitnessPoint:
    times = tuple((m, race_time_s(point.vdot, m)) for m in PREDICTION_DISTANCES_M)
    return replace(point, race_times_s=times)


def _kept(engine, athlete: int) -> dict[date, FitnessPoint | None]:
    with reading(engine) as db:
        return kept_months(db, athlete, date(1900, 1, 1), END)


def _months() -> list[date]:
    return monthly_dates(FIRST, END)[:-1]


def _ask_for_predictions(engine, athlete: int) -> list:
    return report_hooks(engine, END, athlete_id=athlete).predictions(FIRST, END)  # type: ignore[misc]


def _check(engine, athlete: int) -> None:
    """What is kept now equals a recount; a report keeps every month; its predictions are
    those worked out with nothing kept."""
    months = _months()
    recount = _recount(engine, athlete, months)
    kept = _kept(engine, athlete)
    assert kept == {d: recount[d] for d in kept}  # what survived the writes is still true
    predictions = _ask_for_predictions(engine, athlete)
    assert _kept(engine, athlete) == recount  # every month kept again
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM fitness_months"))
    assert _ask_for_predictions(engine, athlete) == predictions


def _fast_run(day: date, hour: int, five_k_s: float) -> tuple[Run, RunAnalysis]:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    times = {d: five_k_s * d / 5000 for d in (1000.0, 5000.0)}
    efforts = tuple(
        BestEffort(d, 0.0, 0.0, t, Pace.from_distance_time(d, t)) for d, t in times.items()
    )
    run = Run(start=start, distance_m=8000.0, moving_s=five_k_s * 1.7, elapsed_s=five_k_s * 1.7)
    return run, RunAnalysis((), (), None, efforts)


def _run_ids(engine, athlete: int) -> list[int]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id FROM runs WHERE athlete_id = :a ORDER BY id"),
                            {"a": athlete})  # fmt: skip
        return [int(r[0]) for r in rows]


def test_the_kept_months_equal_a_recount_after_every_write(engine):
    athlete = local_athlete(engine)
    insert_history(engine, 2, END, seed=3, athlete=athlete)
    _ask_for_predictions(engine, athlete)
    assert len([p for p in _kept(engine, athlete).values() if p is not None]) > 20
    _check(engine, athlete)
    chance = random.Random(18)
    for step in range(16):
        ids = _run_ids(engine, athlete)
        with engine.begin() as conn:
            if step % 4 == 0:  # a fast run somewhere in the two years
                day = END - timedelta(days=chance.randrange(720))
                run, analysis = _fast_run(day, chance.randrange(5, 20), chance.uniform(900, 1100))
                insert_run(conn, athlete, run, analysis)
            elif step % 4 == 1:  # a run becomes a race (a time trial), or cross-training
                kind = chance.choice([WorkoutType.RACE, WorkoutType.CROSS_TRAINING])
                update_run(conn, athlete, chance.choice(ids), {"workout_type": kind.value})
            elif step % 4 == 2:
                delete_run(conn, athlete, chance.choice(ids))
            else:  # a run analysed again: its efforts change
                _run, analysis = _fast_run(END, 6, chance.uniform(900, 1100))
                replace_analysis(conn, athlete, chance.choice(ids), analysis, None)
        _check(engine, athlete)


def test_months_worked_out_before_a_write_are_not_kept(engine):
    athlete = local_athlete(engine)
    insert_history(engine, 1, END, seed=4, athlete=athlete)
    with reading(engine) as db:
        version = data_version(db, athlete)
    stale = {date(2026, 3, 1): FitnessPoint(date(2026, 3, 1), 99.0, 1, ("race",),
                                            ((5000.0, 1000.0),))}  # fmt: skip
    with engine.begin() as conn:  # a run written after the months were worked out
        insert_run(conn, athlete, *_fast_run(date(2026, 2, 20), 9, 1000.0))
    assert keep_months(engine, athlete, version, stale) is False
    assert _kept(engine, athlete) == {}
    with reading(engine) as db:
        now = data_version(db, athlete)
    assert keep_months(engine, athlete, now, stale) is True
    assert _kept(engine, athlete) == stale


@needs_shared_data()
def test_an_import_of_real_files_keeps_what_a_recount_finds(engine):
    athlete = local_athlete(engine)
    files = sorted(p for p in ACTIVITIES.rglob("*") if p.is_file())
    import_sources(engine, sources_of_paths(files[::2]), athlete_id=athlete, workers=1)
    _ask_for_predictions(engine, athlete)  # months kept, then the other half imported
    import_sources(engine, sources_of_paths(files[1::2]), athlete_id=athlete, workers=1)
    _check(engine, athlete)


def test_months_are_not_kept_while_a_write_holds_the_log_on_postgresql(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("on SQLite a write transaction waits for the write lock, as every writer")
    athlete = local_athlete(engine)
    insert_history(engine, 1, END, seed=4, athlete=athlete)
    with reading(engine) as db:
        version = data_version(db, athlete)
    point = {date(2026, 3, 1): FitnessPoint(date(2026, 3, 1), 50.0, 1, ("race",))}
    with engine.begin() as conn:  # a run being written: the athlete's row is locked
        insert_run(conn, athlete, *_fast_run(date(2026, 2, 20), 9, 1000.0))
        started = time.monotonic()
        assert keep_months(engine, athlete, version, point) is False
        assert time.monotonic() - started < LOCK_WAIT_S  # not waited for
    assert _kept(engine, athlete) == {}
