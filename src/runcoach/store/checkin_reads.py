"""The check-ins, the log rows and today's answers as reports and ``today`` read them, in
plain SQL (``store.sql``).

Read through SQLAlchemy (``store.checkins``) or through sqlite3 alike; on SQLite the day
comes as text and the booleans as 0 and 1, turned into Python values here.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from typing import Any, NamedTuple

from runcoach.domain.errors import InvalidInput
from runcoach.domain.progress.habits import Habits
from runcoach.domain.run.runs import Feel
from runcoach.domain.today.health import CheckIn, Symptoms
from runcoach.store.sql import Db, Writer, day_of, of_athlete_between

HABIT_COLUMNS = tuple(f.name for f in fields(Habits))  # the same names in the table
_FLAGS = frozenset({"can_run", "strength", "warm_up", "ate_well"})  # booleans, NULL: not told
CHECKIN_COLUMNS = ("day", "feel", "symptoms", "note", "can_run", *HABIT_COLUMNS)


def checkins_between(
    db: Db, athlete_id: int, until: date | None = None, since: date | None = None
) -> list[CheckIn]:
    """The check-ins from ``since`` to ``until`` (each included when given), oldest first."""
    where, params = of_athlete_between("athlete_id", "day", athlete_id, since, until)
    rows = db.rows(
        f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkins WHERE {where} ORDER BY day", params
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


# What the day-by-day rules read of each run (``log_rows``), in this order.
LOG_COLUMNS = (
    "id", "local_date", "sport", "distance_m", "duration_s", "workout_type", "rpe", "is_race",
    "race_official_time_s", "race_distance_m", "shoe_id", "avg_hr", "max_hr",
)  # fmt: skip


class LogRow(NamedTuple):
    """One run as the day-by-day rules read it (``LOG_COLUMNS``)."""

    id: int
    local_date: date
    sport: str
    distance_m: float | None
    duration_s: float | None
    workout_type: str | None
    rpe: float | None
    is_race: bool
    race_official_time_s: float | None
    race_distance_m: float | None
    shoe_id: int | None
    avg_hr: float | None
    max_hr: float | None


_LOG_SQL = ", ".join(
    "coalesce(runs.moving_s, runs.elapsed_s) AS duration_s" if c == "duration_s" else f"runs.{c}"
    for c in LOG_COLUMNS
)


def log_rows(
    db: Db, athlete_id: int, since: date | None = None, until: date | None = None
) -> list[LogRow]:
    """What the day-by-day rules read of each run from ``since`` to ``until`` (local dates,
    each included when given), oldest first: day, sport, distance, duration, type, effort,
    race result, shoe, heart rate. No laps, no samples, no JSON."""
    where, params = of_athlete_between("runs.athlete_id", "runs.local_date", athlete_id,
                                       since, until)  # fmt: skip
    rows = db.rows(
        f"SELECT {_LOG_SQL} FROM runs WHERE {where} ORDER BY runs.local_date, runs.id", params
    )
    return [
        LogRow._make((run_id, day_of(day), *rest[:5], bool(rest[5]), *rest[6:]))
        for run_id, day, *rest in rows
    ]


def adjustments_between(
    db: Db, athlete_id: int, first: date | None = None, last: date | None = None
) -> list[dict[str, Any]]:
    """Every plan adjustment (today's answers that changed the plan) between the days,
    oldest first (the latest of a day last)."""
    conditions = ["athlete_id = :athlete_id"]
    params: dict[str, Any] = {"athlete_id": athlete_id}
    if first is not None:
        conditions.append("day >= :first")
        params["first"] = first
    if last is not None:
        conditions.append("day <= :last")
        params["last"] = last
    rows = db.rows(
        "SELECT id, day, kind, changes, detail FROM plan_adjustments "
        f"WHERE {' AND '.join(conditions)} ORDER BY day, id",
        params,
    )
    return [
        {
            "id": int(row_id),
            "day": day_of(day),
            "kind": kind,
            "changes": [c for c in changes.split(",") if c],
            "detail": json.loads(detail),
        }
        for row_id, day, kind, changes, detail in rows
    ]


def adjustment_texts(changes: list[str], detail: dict[str, Any]) -> tuple[str, str]:
    """How ``plan_adjustments`` holds an adjustment's changes and detail (as
    ``store.checkins.save_adjustment`` writes them)."""
    return ",".join(changes)[:400], json.dumps(detail, ensure_ascii=False)


def is_last_adjustment(
    db: Db, athlete_id: int, day: date, kind: str, changes: list[str], detail: dict[str, Any]
) -> bool:
    """Whether the adjustment kept last for the day and kind is this one, to the byte."""
    last = db.rows(
        "SELECT changes, detail FROM plan_adjustments "
        "WHERE athlete_id = :athlete_id AND day = :day AND kind = :kind "
        "ORDER BY id DESC LIMIT 1",
        {"athlete_id": athlete_id, "day": day, "kind": kind},
    )
    return bool(last) and tuple(last[0]) == adjustment_texts(changes, detail)


def add_adjustment(
    db: Writer, athlete_id: int, day: date, kind: str, changes: list[str], detail: dict[str, Any]
) -> None:
    """Keep an adjustment (``created_at`` is the database's clock, as for every writer)."""
    changes_text, detail_text = adjustment_texts(changes, detail)
    db.write(
        "INSERT INTO plan_adjustments (athlete_id, day, kind, changes, detail) "
        "VALUES (:athlete_id, :day, :kind, :changes, :detail)",
        [{"athlete_id": athlete_id, "day": day, "kind": kind, "changes": changes_text,
          "detail": detail_text}],
    )  # fmt: skip
