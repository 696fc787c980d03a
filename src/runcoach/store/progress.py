"""What reports read from the store: the athlete's profile, and the log as a ``RunLog``.

Reports read summary columns only, within bounded windows (see ``services/runlog.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, inspect, select

from runcoach.store.tables import athletes


@dataclass(frozen=True)
class AthleteRow:
    athlete_id: int
    name: str
    timezone: str | None
    max_hr: float | None
    resting_hr: float | None


def athlete_row(conn: Connection, athlete_id: int) -> AthleteRow | None:
    """The athlete's name, time zone and heart-rate profile."""
    row = conn.execute(
        select(
            athletes.c.id,
            athletes.c.name,
            athletes.c.timezone,
            athletes.c.max_hr,
            athletes.c.resting_hr,
        ).where(athletes.c.id == athlete_id)
    ).first()
    if row is None:
        return None
    return AthleteRow(int(row.id), row.name, row.timezone, row.max_hr, row.resting_hr)


def has_training_log(conn: Connection) -> bool:
    """Whether this store holds the runs table (the training log's migration has run)."""
    return "runs" in inspect(conn).get_table_names()
