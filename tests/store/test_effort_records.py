"""The efforts marked as able to be a win (``store/effort_records.py``) are, after every
write of a run, exactly those a recount from the runs table finds, on SQLite and
PostgreSQL; and the wins of any period read through them are the wins the window over every
effort of the period found."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from benchmarks.store_history import insert_history
from runcoach.domain.progress.report import Period, PeriodKind
from runcoach.domain.progress.wins import MAX_PLAUSIBLE_SPEED_M_S, Effort
from runcoach.domain.run.efforts import BestEffort, RunAnalysis
from runcoach.domain.run.runs import Run, WorkoutType
from runcoach.domain.units import Pace, UnitSystem
from runcoach.services.report_builder import ReportHooks, period_wins
from runcoach.services.runlog import AthleteProfile
from runcoach.store import log_reads
from runcoach.store.effort_records import (
    marked_efforts,
    rebuild_effort_records,
    recounted_efforts,
)
from runcoach.store.report_log import SqlRunLog
from runcoach.store.runs import delete_run, insert_run, replace_analysis, update_run
from runcoach.store.sql import Db, date_part
from tests.conftest import local_athlete

END = date(2026, 11, 20)


def _check(engine, athlete: int) -> set[tuple[int, float]]:
    with engine.connect() as conn:
        marked = marked_efforts(conn, athlete)
        assert marked == recounted_efforts(conn, athlete)
    return marked


def _run_ids(engine, athlete: int) -> list[int]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id FROM runs WHERE athlete_id = :a ORDER BY id"),
                            {"a": athlete})  # fmt: skip
        return [int(r[0]) for r in rows]


def _fast_run(day: date, hour: int, five_k_s: float) -> tuple[Run, RunAnalysis]:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    times = {d: five_k_s * d / 5000 for d in (1000.0, 5000.0)}
    efforts = tuple(
        BestEffort(d, 0.0, 0.0, t, Pace.from_distance_time(d, t)) for d, t in times.items()
    )
    run = Run(start=start, distance_m=8000.0, moving_s=five_k_s * 1.7, elapsed_s=five_k_s * 1.7)
    return run, RunAnalysis((), (), None, efforts)


def test_the_marks_equal_a_recount_after_every_write(engine):
    athlete = local_athlete(engine)
    insert_history(engine, 2, END, seed=3, athlete=athlete)
    marked = _check(engine, athlete)
    assert 0 < len(marked) < 400  # the year's records, not every effort
    chance = random.Random(18)
    for step in range(24):
        ids = _run_ids(engine, athlete)
        marked_runs = sorted({run_id for run_id, _d in marked})
        with engine.begin() as conn:
            if step % 4 == 0:  # a faster run somewhere in the two years
                day = END - timedelta(days=chance.randrange(720))
                run, analysis = _fast_run(day, chance.randrange(5, 20), chance.uniform(900, 1300))
                insert_run(conn, athlete, run, analysis)
            elif step % 4 == 1:  # a record becomes cross-training, or back to a run
                kind = chance.choice([WorkoutType.CROSS_TRAINING, WorkoutType.EASY])
                update_run(conn, athlete, chance.choice(marked_runs), {"workout_type": kind.value})
            elif step % 4 == 2:  # a record deleted
                delete_run(conn, athlete, chance.choice(marked_runs))
            else:  # a run analysed again: its efforts change
                _run, analysis = _fast_run(END, 6, chance.uniform(900, 1500))
                replace_analysis(conn, athlete, chance.choice(ids), analysis, None)
        marked = _check(engine, athlete)


def test_efforts_near_new_year_are_always_marked(engine):
    athlete = local_athlete(engine)
    with engine.begin() as conn:
        for day, five_k_s in ((date(2025, 6, 1), 1000.0), (date(2025, 12, 30), 1200.0),
                              (date(2026, 1, 2), 1300.0), (date(2026, 3, 1), 1400.0)):  # fmt: skip
            insert_run(conn, athlete, *_fast_run(day, 10, five_k_s))
    marked = _check(engine, athlete)
    days = {_day_of(engine, run_id) for run_id, _d in marked}
    # June's record, the edges of New Year; March 2026 is the year's first away from the edge
    assert days == {date(2025, 6, 1), date(2025, 12, 30), date(2026, 1, 2), date(2026, 3, 1)}


def _day_of(engine, run_id: int) -> date:
    with engine.connect() as conn:
        found = conn.execute(text("SELECT local_date FROM runs WHERE id = :i"), {"i": run_id})
        value = found.scalar_one()
    return value if isinstance(value, date) else date.fromisoformat(value)


def test_the_backfill_marks_what_a_recount_finds(engine):
    athlete = local_athlete(engine)
    insert_history(engine, 1, END, seed=5, athlete=athlete)
    expected = _check(engine, athlete)
    with engine.begin() as conn:
        conn.execute(text("UPDATE best_efforts SET could_win = 0"))
        assert marked_efforts(conn, athlete) == set()
        rebuild_effort_records(conn)
    assert _check(engine, athlete) == expected


def _window_win_efforts(db: Db, athlete_id: int, start: datetime, end: datetime) -> list[Effort]:
    """The reads before the marks: every plausible effort of the window faster than the
    earlier ones of its distance and year in the window (a SQL window over all of them)."""
    where, params = log_reads.mine(athlete_id, start, end, True)
    month = date_part(db.dialect, "month", "runs.local_date")
    day = date_part(db.dialect, "day", "runs.local_date")
    edge = f"(({month} = 12 AND {day} > 28) OR ({month} = 1 AND {day} <= 3))"
    rows = db.rows(
        "SELECT run_id, start_utc, distance_m, elapsed_s, start_s FROM ("
        "SELECT best_efforts.run_id, runs.start_utc, best_efforts.distance_m, "
        f"best_efforts.elapsed_s, best_efforts.start_s, CASE WHEN {edge} THEN 1 ELSE 0 END "
        f"AS edge, min(CASE WHEN {edge} THEN NULL ELSE best_efforts.elapsed_s END) OVER ("
        f"PARTITION BY best_efforts.distance_m, {date_part(db.dialect, 'year', 'runs.local_date')} "
        "ORDER BY runs.start_utc, best_efforts.start_s "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier "
        "FROM best_efforts JOIN runs ON runs.id = best_efforts.run_id "
        f"WHERE {where} AND best_efforts.distance_m <= :top_speed * best_efforts.elapsed_s"
        ") AS efforts WHERE edge = 1 OR earlier IS NULL OR elapsed_s < earlier",
        {**params, "top_speed": MAX_PLAUSIBLE_SPEED_M_S},
    )
    return [log_reads._effort(row) for row in rows]


PERIODS = [
    (date(2024, 11, 21), END),  # the whole history
    (date(2025, 1, 1), date(2025, 12, 31)),
    (date(2025, 3, 10), date(2025, 3, 16)),
    (date(2025, 6, 1), date(2025, 6, 30)),
    (date(2025, 12, 20), date(2026, 1, 10)),  # over New Year
    (date(2026, 4, 15), date(2026, 9, 15)),
]


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland"])
def test_the_wins_of_any_period_are_those_every_effort_gave(engine, monkeypatch, zone):
    athlete = local_athlete(engine)
    insert_history(engine, 2, END, seed=11, athlete=athlete)
    with engine.begin() as conn:  # a few records more, one on New Year's Eve
        for day, five_k_s in ((date(2025, 12, 31), 990.0), (date(2026, 5, 5), 1000.0)):
            insert_run(conn, athlete, *_fast_run(day, 23, five_k_s))
    profile = AthleteProfile(athlete, ZoneInfo(zone))
    found = {}
    for name, read in (("marks", log_reads.win_efforts), ("window", _window_win_efforts)):
        monkeypatch.setattr(log_reads, "win_efforts", read)
        found[name] = [
            period_wins(
                SqlRunLog(engine, athlete),
                profile,
                Period(PeriodKind.CUSTOM, *p),
                END,
                UnitSystem.METRIC,
                ReportHooks(),
            )
            for p in PERIODS
        ]
    assert found["marks"] == found["window"]
    assert sum(len(w) for w in found["marks"]) > 20
