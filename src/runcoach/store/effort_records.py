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
from datetime import UTC, date, datetime, time, timedelta
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


# One athlete's running efforts of one year (the run's local year) started from :cut on,
# plausible, and whether each is near New Year; the window's own conditions, in SQL.
def _year_efforts(dialect: str, columns: str, more: str = "") -> str:
    return (
        f"SELECT {columns} FROM best_efforts JOIN runs ON runs.id = best_efforts.run_id "
        "WHERE runs.athlete_id = :athlete_id AND runs.local_date >= :first "
        f"AND runs.local_date <= :last AND {RUNNING_ONLY} "
        f"AND best_efforts.distance_m <= :top_speed * best_efforts.elapsed_s {more}"
    )


def refresh_years(conn: Connection, athlete_id: int, days: Iterable[date]) -> None:
    """Mark again the efforts of the athlete's years holding ``days`` (the caller holds the
    training log, as ``refresh_weeks`` does), each year from a day before its first touched
    day: an effort's mark depends only on the efforts started before it, so those of the
    days before keep theirs (a run imported after the last one costs its own efforts, not
    a year's)."""
    first_touched: dict[int, date] = {}
    for day in days:
        first_touched[day.year] = min(day, first_touched.get(day.year, day))
    for year, day in sorted(first_touched.items()):
        # a run's local day is at most 14 hours ahead of UTC: every run of ``day`` or later
        # started after midnight UTC of the day before
        mark_year(conn, athlete_id, year, datetime.combine(day - timedelta(days=1), time(), UTC))


def mark_year(conn: Connection, athlete_id: int, year: int, cut: datetime | None = None) -> None:
    """Mark the efforts of the athlete's ``year`` started from ``cut`` on (all without one),
    judged against the year's earlier efforts."""
    unmark, prior, tail, mark = _marking(conn.dialect.name)
    params = _year(conn, athlete_id, year, cut)
    conn.execute(unmark, params)
    best = {float(d): float(t) for d, t in conn.execute(prior, params)}  # before ``cut``
    marked = []
    for run_id, distance_m, elapsed_s, edge in conn.execute(tail, params):
        earlier = best.get(distance_m)
        if edge or earlier is None or elapsed_s < earlier:
            marked.append({"run_id": run_id, "distance_m": distance_m})
        if not edge and (earlier is None or elapsed_s < earlier):
            best[distance_m] = elapsed_s
    if marked:  # by primary key
        conn.execute(mark, marked)


@lru_cache(maxsize=4)
def _marking(dialect: str) -> tuple[TextClause, TextClause, TextClause, TextClause]:
    """The statements that mark a year again from a moment on (unmark those efforts, the
    year's best times before it, the efforts from it in order, mark one effort), built once
    per dialect (an import runs them once per batch)."""
    edge = year_edge(dialect, "runs.local_date")
    unmark = text(
        "UPDATE best_efforts SET could_win = 0 WHERE athlete_id = :athlete_id "
        "AND could_win = 1 AND run_id IN (SELECT runs.id FROM runs "
        "WHERE runs.athlete_id = :athlete_id AND runs.local_date >= :first "
        "AND runs.local_date <= :last AND runs.start_utc >= :cut)"
    )
    prior = _year_efforts(
        dialect,
        "best_efforts.distance_m, min(best_efforts.elapsed_s)",
        f"AND runs.start_utc < :cut AND NOT {edge} GROUP BY best_efforts.distance_m",
    )
    tail = _year_efforts(
        dialect,
        "best_efforts.run_id, best_efforts.distance_m, best_efforts.elapsed_s, "
        f"CASE WHEN {edge} THEN 1 ELSE 0 END",
        "AND runs.start_utc >= :cut ORDER BY runs.start_utc, best_efforts.start_s",
    )
    mark = text(
        "UPDATE best_efforts SET could_win = 1 WHERE run_id = :run_id AND distance_m = :distance_m"
    )
    return unmark, text(prior), text(tail), mark


def _year(conn: Connection, athlete_id: int, year: int, cut: datetime | None) -> dict[str, Any]:
    """The parameters of one year's statements (SQLite: dates and instants as text)."""
    params = {"athlete_id": athlete_id, "first": date(year, 1, 1), "last": date(year, 12, 31),
              "top_speed": MAX_PLAUSIBLE_SPEED_M_S, "cut": cut or YEARS_BEFORE}  # fmt: skip
    return sqlite_params(params) if conn.dialect.name == "sqlite" else params


YEARS_BEFORE = datetime(1900, 1, 1, tzinfo=UTC)  # a cut before every run: the whole year


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
        mark_year(conn, int(athlete_id), int(year))
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
        rows = conn.execute(text(_records_sql(dialect)), _year(conn, athlete_id, int(year), None))
        found |= {(int(run_id), float(distance)) for run_id, distance in rows}
    return found
