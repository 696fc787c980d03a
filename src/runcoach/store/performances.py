"""What the fitness model reads of the log: races, efforts inside runs, recent volume.

Bounded by a date (``since``), so that reading current fitness costs the same on a year of
training as on a decade. Only running sports count; a race counts once, as the race, not
also through the best efforts found inside it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, func, or_, select

from runcoach.domain.run.runs import WorkoutType
from runcoach.store.running import running_only
from runcoach.store.tables import best_efforts, runs


def race_rows(conn: Connection, athlete_id: int, since: date, until: date) -> list[Any]:
    """Races, and runs tagged as race efforts (time trials), between two local dates: day,
    run id, whether it was marked a race, distance and time (official where given)."""
    query = select(
        runs.c.id.label("run_id"),
        runs.c.local_date,
        runs.c.is_race,
        func.coalesce(runs.c.race_distance_m, runs.c.distance_m).label("distance_m"),
        func.coalesce(runs.c.race_official_time_s, runs.c.elapsed_s, runs.c.moving_s).label(
            "time_s"
        ),
    ).where(
        runs.c.athlete_id == athlete_id,
        or_(runs.c.is_race, runs.c.workout_type == WorkoutType.RACE.value),
        running_only(),
        runs.c.local_date >= since,
        runs.c.local_date <= until,
    )
    return list(conn.execute(query.order_by(runs.c.local_date, runs.c.id)).all())


def effort_rows(
    conn: Connection, athlete_id: int, since: date, until: date, min_distance_m: float
) -> list[Any]:
    """Best efforts of at least ``min_distance_m`` inside training runs (races left out)."""
    query = (
        select(
            best_efforts.c.run_id,
            runs.c.local_date,
            best_efforts.c.distance_m,
            best_efforts.c.elapsed_s.label("time_s"),
        )
        .join(runs, runs.c.id == best_efforts.c.run_id)
        .where(
            # by the runs' dates (indexed), not all the athlete's efforts: bounded by the dates
            runs.c.athlete_id == athlete_id,
            best_efforts.c.distance_m >= min_distance_m,
            runs.c.is_race.is_(False),
            or_(runs.c.workout_type.is_(None), runs.c.workout_type != WorkoutType.RACE.value),
            running_only(),
            runs.c.local_date >= since,
            runs.c.local_date <= until,
        )
    )
    return list(conn.execute(query.order_by(runs.c.local_date, best_efforts.c.run_id)).all())


def running_volume(conn: Connection, athlete_id: int, since: date, until: date) -> Any:
    """Total running distance, the longest run and the number of runs between two dates."""
    query = select(
        func.coalesce(func.sum(runs.c.distance_m), 0.0).label("distance_m"),
        func.max(runs.c.distance_m).label("longest_m"),
        func.count().label("runs"),
    ).where(
        runs.c.athlete_id == athlete_id,
        running_only(),
        runs.c.local_date >= since,
        runs.c.local_date <= until,
    )
    return conn.execute(query).one()


def first_run_date(conn: Connection, athlete_id: int) -> date | None:
    """The day of the athlete's oldest run in the log (None when the log holds none)."""
    query = select(func.min(runs.c.local_date)).where(
        runs.c.athlete_id == athlete_id, running_only()
    )
    found = conn.execute(query).scalar_one_or_none()
    return found if isinstance(found, date) else None
