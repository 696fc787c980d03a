"""The running log and the prescribed days as the day-by-day rules read them, over ``store.sql``.

``services.today`` (the engine's connections) and the report hooks (a sqlite3 reader or an
engine, ``store.sql.Db``) build them the same way from the same rows
(``store.checkin_reads``); nothing here imports SQLAlchemy, so ``report`` and ``wins`` read
the plan and the log without it (docs/benchmarks.md, issue 18).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from runcoach.domain.plans.codec import workout_from_dict
from runcoach.domain.plans.workouts import Workout, WorkoutKind
from runcoach.domain.run.logged import LoggedRun
from runcoach.domain.run.runs import Lap, Sport, WorkoutType, counts_as_running
from runcoach.store.checkin_reads import adjustments_between, log_rows
from runcoach.store.sql import Db

# today's answers that leave the plan as it was: no prescribed day is kept for them
UNCHANGED = frozenset({"as-planned", "rest-day", "dropped", "off-plan"})


def logged_run(row: Any, laps: Sequence[Lap] = ()) -> LoggedRun:
    """A log row (``store.checkin_reads.LogRow``) as the rules read a run."""
    kind = WorkoutKind.of(WorkoutType(row.workout_type)) if row.workout_type else None
    is_race = bool(row.is_race)
    return LoggedRun(
        row.local_date,
        (row.race_distance_m if is_race else None) or row.distance_m or 0.0,
        (row.race_official_time_s if is_race else None) or row.duration_s or 0.0,
        WorkoutKind.RACE if is_race else kind,
        run_id=row.id, rpe=row.rpe, is_race=is_race, shoe_id=row.shoe_id,
        avg_hr=row.avg_hr, laps=tuple(laps),
    )  # fmt: skip


def running_log(rows: Iterable[Any], laps: Mapping[int, Sequence[Lap]]) -> list[LoggedRun]:
    """The runs among the rows (running only), with their laps when read."""
    running = [r for r in rows if counts_as_running(Sport(r.sport), r.workout_type)]
    return [logged_run(r, laps.get(r.id, ())) for r in running]


def prescribed_of(adjustments: Iterable[dict[str, Any]]) -> dict[date, list[Workout]]:
    """The last answer given for each day that changed the plan, from the adjustments
    oldest first (``store.checkin_reads.adjustments_between``)."""
    found: dict[date, list[Workout]] = {}
    for row in adjustments:
        if row["kind"] != "today":
            continue
        if set(row["changes"]) <= UNCHANGED:
            found.pop(row["day"], None)
            continue
        found[row["day"]] = [workout_from_dict(w) for w in row["detail"]["workouts"]]
    return found


def log_since(db: Db, athlete_id: int, since: date | None = None) -> list[LoggedRun]:
    """The running log from ``since``, oldest first, without laps."""
    return running_log(log_rows(db, athlete_id, since), {})


def prescribed_between(
    db: Db, athlete_id: int, first: date, last: date
) -> dict[date, list[Workout]]:
    """The last answer given for each day from ``first`` to ``last`` that changed the plan."""
    return prescribed_of(adjustments_between(db, athlete_id, first, last))
