"""Running volume per week (``run_weeks``), kept up to date on every write of a run.

One row per athlete and ISO week (by its Monday) of the runs' local dates (the day where
each was run, as ``runs.local_date``): runs, run days, distance, time and ascent of what
counts as running (``store/running.py``). ``store/runs.py`` calls ``refresh_weeks`` with the
days a write touched (insert, a richer file replacing the numbers, an edit, a delete), so
that streaks and counts over years read one row a week instead of every run
(``store/report_log.py``); the same call marks again the efforts of those days' years that
can be wins (``store/effort_records.py``) and forgets the fitness kept for the year after
each day (``store/fitness_months.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Integer,
    bindparam,
    cast,
    delete,
    distinct,
    func,
    insert,
    select,
)

from runcoach.domain.days import DAYS_PER_WEEK, week_start
from runcoach.store.athletes import lock_training_log
from runcoach.store.effort_records import refresh_years
from runcoach.store.fitness_months import forget_months
from runcoach.store.running import running_only
from runcoach.store.tables import run_weeks, runs

DURATION = func.coalesce(runs.c.moving_s, runs.c.elapsed_s, 0.0)


def run_week_of(conn: Connection, run_id: int) -> tuple[int, date] | None:
    """The athlete and local date of a stored run (to refresh its week after a change)."""
    row = conn.execute(
        select(runs.c.athlete_id, runs.c.local_date).where(runs.c.id == run_id)
    ).first()
    return None if row is None else (int(row.athlete_id), row.local_date)


# Recounting a week is two statements built once (an import runs them for every file): the
# week's row deleted, and counted again from its runs in SQL (no row when it has none).
_DELETE_WEEK = delete(run_weeks).where(
    run_weeks.c.athlete_id == bindparam("athlete_id"),
    run_weeks.c.week_start == bindparam("monday", type_=Date),
)
_COUNT_WEEK = insert(run_weeks).from_select(
    ["athlete_id", "week_start", "runs", "run_days", "distance_m", "duration_s", "ascent_m"],
    select(
        cast(bindparam("athlete_id"), Integer),
        bindparam("monday", type_=Date),  # no CAST: SQLite would make the date a number
        func.count(),
        func.count(distinct(runs.c.local_date)),
        func.coalesce(func.sum(runs.c.distance_m), 0.0),
        func.coalesce(func.sum(DURATION), 0.0),
        func.coalesce(func.sum(runs.c.ascent_m), 0.0),
    )
    .where(
        runs.c.athlete_id == bindparam("athlete_id"),
        runs.c.local_date >= bindparam("monday", type_=Date),
        runs.c.local_date <= bindparam("sunday", type_=Date),
        running_only(),
    )
    .having(func.count() > 0),
)


def refresh_weeks(conn: Connection, athlete_id: int, days: Iterable[date]) -> None:
    """Recount the weeks holding ``days`` from the runs table, mark again the efforts of
    their years that can be wins (``store/effort_records.py``) and forget the fitness kept
    for the months after them (``store/fitness_months.py``); the log held meanwhile, so two
    writers never count the same week from different moments."""
    lock_training_log(conn, athlete_id)
    touched = set(days)
    for monday in sorted({week_start(d) for d in touched}):
        sunday = monday + timedelta(days=DAYS_PER_WEEK - 1)
        week = {"athlete_id": athlete_id, "monday": monday, "sunday": sunday}
        conn.execute(_DELETE_WEEK, week)
        conn.execute(_COUNT_WEEK, week)
    refresh_years(conn, athlete_id, touched)  # the efforts that can be wins, by year
    forget_months(conn, athlete_id, touched)  # the fitness kept of the year after each day


def rebuild_run_weeks(conn: Connection) -> int:
    """Count every week of every athlete again (the migration's backfill); rows written."""
    conn.execute(delete(run_weeks))
    rows = _volume_rows(conn, None, None, None)
    if rows:
        conn.execute(insert(run_weeks), rows)
    return len(rows)


def _volume_rows(
    conn: Connection, athlete_id: int | None, first: date | None, last: date | None
) -> list[dict[str, Any]]:
    """One row per athlete and week from the runs' daily totals (few rows a day)."""
    conditions: list[ColumnElement[bool]] = [running_only()]
    if athlete_id is not None:
        conditions.append(runs.c.athlete_id == athlete_id)
    if first is not None and last is not None:
        conditions += [runs.c.local_date >= first, runs.c.local_date <= last]
    query = (
        select(
            runs.c.athlete_id,
            runs.c.local_date,
            func.count(),
            func.coalesce(func.sum(runs.c.distance_m), 0.0),
            func.coalesce(func.sum(DURATION), 0.0),
            func.coalesce(func.sum(runs.c.ascent_m), 0.0),
        )
        .where(*conditions)
        .group_by(runs.c.athlete_id, runs.c.local_date)
    )
    weeks: dict[tuple[int, date], dict[str, Any]] = defaultdict(dict)
    for athlete, day, count, metres, seconds, ascent in conn.execute(query):
        row = weeks[(int(athlete), week_start(day))]
        if not row:
            row.update(athlete_id=int(athlete), week_start=week_start(day), runs=0, run_days=0,
                       distance_m=0.0, duration_s=0.0, ascent_m=0.0)  # fmt: skip
        row["runs"] += int(count)
        row["run_days"] += 1
        row["distance_m"] += float(metres)
        row["duration_s"] += float(seconds)
        row["ascent_m"] += float(ascent)
    return list(weeks.values())
