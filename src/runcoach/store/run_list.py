"""The training log's listing: run summaries newest first, in plain SQL (``store.sql``).

Summary columns only (no blobs, no JSON), with the duration and the pace computed in SQL,
so a decade lists in milliseconds; read through sqlite3 by the command line and through
SQLAlchemy everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from runcoach.domain.run.runs import EMPTY_RECORD_S
from runcoach.store.sql import RUNNING_ONLY, Db

_DURATION = "coalesce(runs.moving_s, runs.elapsed_s)"
# The summary a list shows, in the order of services.run_list.RunSummary's fields.
SUMMARY_SQL = (
    "SELECT runs.id, runs.start_utc, runs.local_date, runs.sport, runs.name, runs.distance_m, "
    f"{_DURATION} AS duration_s, "
    f"CASE WHEN runs.distance_m > 0 THEN {_DURATION} * 1000.0 / runs.distance_m END "
    "AS pace_s_per_km, runs.ascent_m, runs.avg_hr, runs.workout_type, runs.surface, "
    "runs.terrain, runs.shoe_id, runs.is_race, runs.split_kind, runs.source FROM runs"
)


@dataclass(frozen=True)
class RunFilter:
    athlete_id: int
    date_from: date | None = None  # local dates, inclusive
    date_to: date | None = None
    workout_type: str | None = None
    sport: str | None = None
    limit: int | None = None
    runs_only: bool = False  # running (store/running.py) of a minute or more: the log's default
    shoe_id: int | None = None  # the runs in this pair of shoes


def list_summaries(db: Db, where: RunFilter) -> list[tuple[Any, ...]]:
    """Runs newest first, summary columns only, as the database holds them."""
    conditions, params = where_sql(where)
    sql = f"{SUMMARY_SQL} WHERE {' AND '.join(conditions)} ORDER BY runs.start_utc DESC"
    if where.limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = where.limit
    return db.rows(sql, params)


def where_sql(where: RunFilter) -> tuple[list[str], dict[str, Any]]:
    """The filter as SQL conditions on ``runs`` and their parameters."""
    conditions = ["runs.athlete_id = :athlete_id"]
    params: dict[str, Any] = {"athlete_id": where.athlete_id}
    for column, operator, value in (
        ("local_date", ">=", where.date_from),
        ("local_date", "<=", where.date_to),
        ("workout_type", "=", where.workout_type),
        ("sport", "=", where.sport),
        ("shoe_id", "=", where.shoe_id),
    ):
        if value is not None:
            name = f"{column}_{len(params)}"
            conditions.append(f"runs.{column} {operator} :{name}")
            params[name] = value
    if where.runs_only:  # is_empty_record: under a minute is a watch started by mistake
        conditions += [RUNNING_ONLY, f"{_DURATION} >= :empty_record_s"]
        params["empty_record_s"] = EMPTY_RECORD_S
    return conditions, params
