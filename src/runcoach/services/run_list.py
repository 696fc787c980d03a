"""The training log listed: run summaries newest first, for any athlete.

Kept apart from ``services.runs`` (adding, editing, showing a run) so that ``runs list``
imports neither SQLAlchemy nor the run analysis: it reads through ``store.sql`` on whatever
the door hands it (sqlite3 for the command line, an engine for the web app).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from runcoach.domain.errors import InvalidInput
from runcoach.store.run_list import RunFilter, list_summaries
from runcoach.store.sql import Reader, day_of, instant_of, reading

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass(slots=True)
class RunSummary:
    """One line of the log."""

    id: int
    start_utc: datetime
    local_date: date
    sport: str
    name: str | None
    distance_m: float | None
    duration_s: float | None  # moving time when known, else elapsed
    pace_s_per_km: float | None
    ascent_m: float | None
    avg_hr: float | None
    workout_type: str | None
    surface: str | None
    terrain: str | None
    shoe_id: int | None
    is_race: bool
    split_kind: str | None
    source: str


def list_runs(
    store: Engine | Reader,
    *,
    athlete_id: int,
    date_from: date | None = None,
    date_to: date | None = None,
    workout_type: str | None = None,
    sport: str | None = None,
    limit: int | None = None,
    runs_only: bool = False,
    shoe_id: int | None = None,
) -> list[RunSummary]:
    """The activities newest first: summary columns only, so a decade lists in milliseconds.
    ``runs_only``: running of a minute or more (no rides, no drives tagged cross-training, no
    watch started by mistake); ``shoe_id``: the runs in that pair (filtered in SQL)."""
    where = run_filter(athlete_id, date_from, date_to, workout_type, sport, limit)
    where = dataclasses.replace(where, runs_only=runs_only, shoe_id=shoe_id)
    with reading(store) as db:
        rows = list_summaries(db, where)
    return [_summary(row) for row in rows]


def run_filter(
    athlete_id: int,
    date_from: date | None,
    date_to: date | None,
    workout_type: str | None = None,
    sport: str | None = None,
    limit: int | None = None,
) -> RunFilter:
    """Which runs a command asked for (local dates, inclusive), the days in order."""
    if date_from and date_to and date_from > date_to:
        raise InvalidInput(f"the first day {date_from} is after the last day {date_to}")
    return RunFilter(athlete_id, date_from, date_to, workout_type, sport, limit)


def _summary(row: tuple[Any, ...]) -> RunSummary:
    found = RunSummary(*row)  # the store selects the fields in order, as stored
    found.start_utc = instant_of(row[1])
    found.local_date = day_of(row[2])
    found.is_race = bool(row[14])
    return found
