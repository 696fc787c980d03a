"""The best efforts that can be a win (``best_efforts.could_win``), kept on every write of a run.

An effort no faster than an earlier one at its distance in the same year (the run's local
year) can be neither a new best nor a year best (``domain.progress.wins.effort_wins``): only
the year's records as they fell can, a few hundred of a decade's 13,000 efforts. Each is
marked ``could_win = 1`` so that a report of any period reads them by a partial index
(``store.log_reads.win_efforts``) instead of ordering every effort of the period by a SQL
window. Efforts within ``YEAR_EDGE_DAYS`` of New Year are always marked (the athlete's time
zone may put them in the other year) and are not records others are measured against;
efforts faster than any runner (``MAX_PLAUSIBLE_SPEED_M_S``) and other sports never are.

``store/run_weeks.py`` calls ``refresh_years`` with the days a write touched (insert, a
richer file, an edit, a reanalysis, a delete; an import once per batch), which marks the
efforts of those years again from the runs table; ``rebuild_effort_records`` marks every
year of every athlete (the migration's backfill).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, TextClause, text

from runcoach.domain.progress.wins import MAX_PLAUSIBLE_SPEED_M_S
from runcoach.store.sql import RUNNING_ONLY, date_part, sqlite_params

YEAR_EDGE_DAYS = 3  # days either side of New Year whose efforts are all marked (time zones)


def year_edge(dialect: str, column: str) -> str:
    """SQL: the date ``column`` is within ``YEAR_EDGE_DAYS`` of New Year."""
    month, day = date_part(dialect, "month", column), date_part(dialect, "day", column)
    return (
        f"(({month} = 12 AND {day} > {31 - YEAR_EDGE_DAYS}) "
        f"OR ({month} = 1 AND {day} <= {YEAR_EDGE_DAYS}))"
    )


def _records_sql(dialect: str) -> str:
    """The efforts of one athlete's year that can be a win: (run_id, distance_m)."""
    edge = year_edge(dialect, "runs.local_date")
    return (
        "SELECT run_id, distance_m FROM ("
        "SELECT best_efforts.run_id, best_efforts.distance_m, best_efforts.elapsed_s, "
        f"CASE WHEN {edge} THEN 1 ELSE 0 END AS edge, "
        f"min(CASE WHEN {edge} THEN NULL ELSE best_efforts.elapsed_s END) OVER ("
        "PARTITION BY best_efforts.distance_m "
        "ORDER BY runs.start_utc, best_efforts.start_s "
        "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier "
        "FROM best_efforts JOIN runs ON runs.id = best_efforts.run_id "
        "WHERE runs.athlete_id = :athlete_id AND runs.local_date >= :first "
        f"AND runs.local_date <= :last AND {RUNNING_ONLY} "
        "AND best_efforts.distance_m <= :top_speed * best_efforts.elapsed_s"
        ") AS efforts WHERE edge = 1 OR earlier IS NULL OR elapsed_s < earlier"
    )


_YEAR_RUNS = (
    "SELECT runs.id FROM runs WHERE runs.athlete_id = :athlete_id "
    "AND runs.local_date >= :first AND runs.local_date <= :last"
)


def refresh_years(conn: Connection, athlete_id: int, days: Iterable[date]) -> None:
    """Mark again the efforts of the athlete's years holding ``days`` (the caller holds the
    training log, as ``refresh_weeks`` does)."""
    unmark, records, mark = _marking(conn.dialect.name)
    for year in sorted({d.year for d in days}):
        params = _year(conn, athlete_id, year)
        conn.execute(unmark, params)
        found = conn.execute(records, params).all()
        if found:  # by primary key: an UPDATE over the window's answer reads every effort
            conn.execute(mark, [{"run_id": r, "distance_m": d} for r, d in found])


@lru_cache(maxsize=4)
def _marking(dialect: str) -> tuple[TextClause, TextClause, TextClause]:
    """The statements that mark a year again (unmark its runs' efforts, find its records,
    mark one effort), built once per dialect (an import runs them once per batch)."""
    unmark = text(
        "UPDATE best_efforts SET could_win = 0 WHERE athlete_id = :athlete_id "
        f"AND could_win = 1 AND run_id IN ({_YEAR_RUNS})"
    )
    mark = text(
        "UPDATE best_efforts SET could_win = 1 WHERE run_id = :run_id AND distance_m = :distance_m"
    )
    return unmark, text(_records_sql(dialect)), mark


def _year(conn: Connection, athlete_id: int, year: int) -> dict[str, Any]:
    """The parameters of ``_records_sql`` for one year (SQLite: dates as ISO text)."""
    params = {"athlete_id": athlete_id, "first": date(year, 1, 1), "last": date(year, 12, 31),
              "top_speed": MAX_PLAUSIBLE_SPEED_M_S}  # fmt: skip
    return sqlite_params(params) if conn.dialect.name == "sqlite" else params


def rebuild_effort_records(conn: Connection) -> int:
    """Mark the efforts of every year of every athlete again (the migration's backfill);
    years marked."""
    conn.execute(text("UPDATE best_efforts SET could_win = 0 WHERE could_win = 1"))
    years = conn.execute(
        text(
            f"SELECT DISTINCT athlete_id, {date_part(conn.dialect.name, 'year', 'local_date')} "
            "FROM runs"
        )
    ).all()
    for athlete_id, year in years:
        refresh_years(conn, int(athlete_id), [date(int(year), 1, 1)])
    return len(years)


def marked_efforts(conn: Connection, athlete_id: int) -> set[tuple[int, float]]:
    """The athlete's efforts marked as able to be a win: (run_id, distance_m)."""
    rows = conn.execute(
        text(
            "SELECT run_id, distance_m FROM best_efforts "
            "WHERE athlete_id = :athlete_id AND could_win = 1"
        ),
        {"athlete_id": athlete_id},
    )
    return {(int(run_id), float(distance)) for run_id, distance in rows}


def recounted_efforts(conn: Connection, athlete_id: int) -> set[tuple[int, float]]:
    """The athlete's efforts that can be a win, worked out again from the runs table now
    (what ``marked_efforts`` must equal; for checks and tests)."""
    dialect = conn.dialect.name
    years = conn.execute(
        text(
            f"SELECT DISTINCT {date_part(dialect, 'year', 'local_date')} FROM runs "
            "WHERE athlete_id = :athlete_id"
        ),
        {"athlete_id": athlete_id},
    ).scalars()
    found: set[tuple[int, float]] = set()
    for year in years:
        rows = conn.execute(text(_records_sql(dialect)), _year(conn, athlete_id, int(year)))
        found |= {(int(run_id), float(distance)) for run_id, distance in rows}
    return found
