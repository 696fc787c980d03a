"""The check-ins as reports and ``today`` read them, in plain SQL (``store.sql``).

Read through SQLAlchemy (``store.checkins``) or through sqlite3 alike; on SQLite the day
comes as text and the booleans as 0 and 1, turned into Python values here.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from runcoach.domain.errors import InvalidInput
from runcoach.domain.progress.habits import Habits
from runcoach.domain.run.runs import Feel
from runcoach.domain.today.health import CheckIn, Symptoms
from runcoach.store.sql import Db, day_of

HABIT_COLUMNS = tuple(f.name for f in fields(Habits))  # the same names in the table
_FLAGS = frozenset({"can_run", "strength", "warm_up", "ate_well"})  # booleans, NULL: not told
CHECKIN_COLUMNS = ("day", "feel", "symptoms", "note", "can_run", *HABIT_COLUMNS)


def checkins_between(
    db: Db, athlete_id: int, until: date | None = None, since: date | None = None
) -> list[CheckIn]:
    """The check-ins from ``since`` to ``until`` (each included when given), oldest first."""
    conditions = ["athlete_id = :athlete_id"]
    params: dict[str, Any] = {"athlete_id": athlete_id}
    if since is not None:
        conditions.append("day >= :since")
        params["since"] = since
    if until is not None:
        conditions.append("day <= :until")
        params["until"] = until
    rows = db.rows(
        f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkins WHERE {' AND '.join(conditions)} "
        "ORDER BY day",
        params,
    )
    return [checkin_of(dict(zip(CHECKIN_COLUMNS, row, strict=True))) for row in rows]


def checkin_of(row: Any) -> CheckIn:
    """A stored check-in (a mapping of its columns) as the domain's."""
    values = {name: row[name] for name in CHECKIN_COLUMNS}
    for name in _FLAGS:
        if values[name] is not None:
            values[name] = bool(values[name])
    try:
        feel = Feel(values["feel"]) if values["feel"] else None
        symptoms = Symptoms(values["symptoms"]) if values["symptoms"] else None
    except ValueError as exc:
        raise InvalidInput(
            f"the check-in of {values['day']} holds an unknown value: {exc}"
        ) from exc
    habits = Habits(**{name: values[name] for name in HABIT_COLUMNS})
    return CheckIn(
        day_of(values["day"]), feel, symptoms, values["note"] or "", values["can_run"], habits
    )
