"""``today``'s own reads as plain SQL (``store.sql``): the laps since the plan was made, the
shoes in use with their distance, and the athlete's time zone.

Run through sqlite3 or SQLAlchemy alike; ``tests/store/test_sql_reads.py`` compares both
ways with ``store.runs.laps_since`` and ``store.shoes.shoes_with_distance``.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from runcoach.domain.run.runs import Lap
from runcoach.store.log_reads import athlete_row
from runcoach.store.run_rows import LAP_FIELDS
from runcoach.store.sql import Db, instant_of


def laps_since(db: Db, athlete_id: int, since: date) -> dict[int, list[Lap]]:
    """The laps of the athlete's runs from ``since`` (local dates) on, by run id, in order."""
    found: dict[int, list[Lap]] = {}
    for run_id, start, *numbers in db.rows(
        f"SELECT laps.run_id, laps.start_utc, {', '.join('laps.' + n for n in LAP_FIELDS)} "
        "FROM laps JOIN runs ON runs.id = laps.run_id "
        "WHERE runs.athlete_id = :athlete_id AND runs.local_date >= :since "
        "ORDER BY laps.run_id, laps.number",
        {"athlete_id": athlete_id, "since": since},
    ):
        found.setdefault(int(run_id), []).append(Lap(instant_of(start), *numbers))
    return found


class ShoeInUse(NamedTuple):
    id: int
    name: str
    distance_m: float  # run in them, every run counted
    retirement_m: float | None  # None: the settings' default


def shoes_in_use(db: Db, athlete_id: int) -> list[ShoeInUse]:
    """The pairs not retired, with the distance run in them, oldest added first."""
    rows = db.rows(
        "SELECT shoes.id, shoes.name, COALESCE(worn.distance_m, 0.0), shoes.retirement_m "
        "FROM shoes LEFT OUTER JOIN ("
        "SELECT runs.shoe_id AS shoe_id, COALESCE(SUM(runs.distance_m), 0.0) AS distance_m "
        "FROM runs WHERE runs.athlete_id = :athlete_id AND runs.shoe_id IS NOT NULL "
        "GROUP BY runs.shoe_id) AS worn ON worn.shoe_id = shoes.id "
        "WHERE shoes.athlete_id = :athlete_id AND shoes.retired_on IS NULL "
        "ORDER BY shoes.added_on, shoes.id",
        {"athlete_id": athlete_id},
    )
    return [ShoeInUse(int(i), name, float(metres), retired) for i, name, metres, retired in rows]


def athlete_timezone(db: Db, athlete_id: int) -> str | None:
    """The athlete's time zone as set (None: not set, UTC is used)."""
    row = athlete_row(db, athlete_id)
    return row.timezone if row else None
