"""What the fitness model reads of the log: races, efforts inside runs, recent volume.

Bounded by a date (``since``), so that reading current fitness costs the same on a year of
training as on a decade. Only running sports count; a race counts once, as the race, not
also through the best efforts found inside it. Plain SQL (``store.sql``): ``paces``,
``predict`` and ``goal check`` read the log through sqlite3 on the command line, without
SQLAlchemy.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from runcoach.domain.run.runs import WorkoutType
from runcoach.store.sql import RUNNING_ONLY, Db, day_of

_BETWEEN = "runs.local_date >= :since AND runs.local_date <= :until"


class RaceRow(NamedTuple):
    run_id: int
    local_date: date
    is_race: bool
    distance_m: float | None
    time_s: float | None


class EffortRow(NamedTuple):
    run_id: int
    local_date: date
    distance_m: float
    time_s: float


class Volume(NamedTuple):
    distance_m: float
    longest_m: float | None
    runs: int


def race_rows(db: Db, athlete_id: int, since: date, until: date) -> list[RaceRow]:
    """Races, and runs tagged as race efforts (time trials), between two local dates: day,
    run id, whether it was marked a race, distance and time (official where given)."""
    rows = db.rows(
        "SELECT runs.id, runs.local_date, runs.is_race, "
        "coalesce(runs.race_distance_m, runs.distance_m), "
        "coalesce(runs.race_official_time_s, runs.elapsed_s, runs.moving_s) FROM runs "
        "WHERE runs.athlete_id = :athlete_id "
        "AND (runs.is_race = :yes OR runs.workout_type = :race) "
        f"AND {RUNNING_ONLY} AND {_BETWEEN} ORDER BY runs.local_date, runs.id",
        _params(athlete_id, since, until, yes=True, race=WorkoutType.RACE.value),
    )
    return [RaceRow(r[0], day_of(r[1]), bool(r[2]), r[3], r[4]) for r in rows]


def effort_rows(
    db: Db, athlete_id: int, since: date, until: date, min_distance_m: float
) -> list[EffortRow]:
    """Best efforts of at least ``min_distance_m`` inside training runs (races left out)."""
    rows = db.rows(
        # by the runs' dates (indexed), not all the athlete's efforts: bounded by the dates
        "SELECT best_efforts.run_id, runs.local_date, best_efforts.distance_m, "
        "best_efforts.elapsed_s FROM best_efforts JOIN runs ON runs.id = best_efforts.run_id "
        "WHERE runs.athlete_id = :athlete_id AND best_efforts.distance_m >= :min_m "
        "AND runs.is_race = :no "
        "AND (runs.workout_type IS NULL OR runs.workout_type != :race) "
        f"AND {RUNNING_ONLY} AND {_BETWEEN} ORDER BY runs.local_date, best_efforts.run_id",
        _params(
            athlete_id, since, until, min_m=min_distance_m, no=False, race=WorkoutType.RACE.value
        ),
    )
    return [EffortRow(r[0], day_of(r[1]), r[2], r[3]) for r in rows]


def running_volume(db: Db, athlete_id: int, since: date, until: date) -> Volume:
    """Total running distance, the longest run and the number of runs between two dates."""
    rows = db.rows(
        "SELECT coalesce(sum(runs.distance_m), 0.0), max(runs.distance_m), count(*) FROM runs "
        f"WHERE runs.athlete_id = :athlete_id AND {RUNNING_ONLY} AND {_BETWEEN}",
        _params(athlete_id, since, until),
    )
    distance_m, longest_m, count = rows[0]
    return Volume(float(distance_m), longest_m, int(count))


def first_run_date(db: Db, athlete_id: int) -> date | None:
    """The day of the athlete's oldest run in the log (None when the log holds none)."""
    rows = db.rows(
        f"SELECT min(runs.local_date) FROM runs WHERE runs.athlete_id = :athlete_id "
        f"AND {RUNNING_ONLY}",
        {"athlete_id": athlete_id},
    )
    found = rows[0][0]
    return None if found is None else day_of(found)


def _params(athlete_id: int, since: date, until: date, **more: object) -> dict[str, object]:
    return {"athlete_id": athlete_id, "since": since, "until": until, **more}
