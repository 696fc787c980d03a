"""What reports read of the log (``store.report_log.SqlRunLog``), in plain SQL (``store.sql``).

The athlete's profile, the page cache's data version and the log's aggregates (counts and
distance, best efforts, totals, halves, run days per week), written once here and run
through SQLAlchemy (``SqlRunLog``, PostgreSQL, the web app) or through sqlite3 (the command
line, issue 18). tests/store/test_sql_reads.py runs each both ways and compares.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from runcoach.domain.days import day_bounds_utc
from runcoach.domain.progress.measures import Totals
from runcoach.domain.progress.wins import Effort, Halves
from runcoach.domain.run.runs import Lap, Run
from runcoach.store.run_rows import LAP_FIELDS, RUN_COLUMNS_SQL, RunRow, run_of
from runcoach.store.sql import RUNNING_ONLY, Db, day_of, instant_of, one


@dataclass(frozen=True)
class AthleteRow:
    athlete_id: int
    name: str
    timezone: str | None
    max_hr: float | None
    resting_hr: float | None


def athlete_row(db: Db, athlete_id: int) -> AthleteRow | None:
    """The athlete's name, time zone and heart-rate profile."""
    row = one(
        db,
        "SELECT id, name, timezone, max_hr, resting_hr FROM athletes WHERE id = :athlete_id",
        {"athlete_id": athlete_id},
    )
    return None if row is None else AthleteRow(int(row[0]), *row[1:])


def has_runs_table(db: Db) -> bool:
    """Whether this store holds the runs table (the training log's migration has run)."""
    if db.dialect == "sqlite":
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'runs'"
    else:
        sql = (
            "SELECT 1 FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_name = 'runs'"
        )
    return one(db, sql) is not None


def nearest_run_day(db: Db, athlete_id: int, first: date, last: date) -> date | None:
    """The local day of the athlete's last run before ``first``; without one, of the first
    run after ``last`` (running only, as reports count it)."""
    mine = f"runs.athlete_id = :athlete_id AND {RUNNING_ONLY}"
    found = one(
        db,
        f"SELECT MAX(runs.local_date) FROM runs WHERE {mine} AND runs.local_date < :first",
        {"athlete_id": athlete_id, "first": first},
    )
    if found is None or found[0] is None:
        found = one(
            db,
            f"SELECT MIN(runs.local_date) FROM runs WHERE {mine} AND runs.local_date > :last",
            {"athlete_id": athlete_id, "last": last},
        )
    return None if found is None or found[0] is None else day_of(found[0])


def data_version(db: Db, athlete_id: int) -> int:
    """The athlete's data version (raised by the database's triggers on every write)."""
    row = one(db, "SELECT data_version FROM athletes WHERE id = :a", {"a": athlete_id})
    return int((row[0] if row else 0) or 0)


def locked_data_version(db: Db, athlete_id: int) -> int:
    """``data_version`` in a write transaction, the athlete's row locked until it ends (no
    other writer raises the version meanwhile; SQLite's write transaction locks it all)."""
    lock = " FOR UPDATE" if db.dialect == "postgresql" else ""
    row = one(db, f"SELECT data_version FROM athletes WHERE id = :a{lock}", {"a": athlete_id})
    return int((row[0] if row else 0) or 0)


def mine(
    athlete_id: int, start: datetime | None, end: datetime, only_runs: bool
) -> tuple[str, dict[str, Any]]:
    """The athlete's runs started in [start, end) (running only when asked), as SQL."""
    conditions = ["runs.athlete_id = :athlete_id", "runs.start_utc < :end"]
    params: dict[str, Any] = {"athlete_id": athlete_id, "end": end.astimezone(UTC)}
    if start is not None:
        conditions.append("runs.start_utc >= :start")
        params["start"] = start.astimezone(UTC)
    if only_runs:
        conditions.append(RUNNING_ONLY)
    return " AND ".join(conditions), params


def count_and_distance(db: Db, athlete_id: int, end: datetime, cut: date) -> tuple[int, float]:
    """Runs and metres: whole weeks before ``cut`` from ``run_weeks``, then run by run."""
    count, metres = db.rows(
        "SELECT coalesce(sum(runs), 0), coalesce(sum(distance_m), 0.0) FROM run_weeks "
        "WHERE athlete_id = :athlete_id AND week_start < :cut",
        {"athlete_id": athlete_id, "cut": cut},
    )[0]
    where, params = mine(athlete_id, None, end, True)
    more, more_m = db.rows(
        "SELECT count(*), coalesce(sum(runs.distance_m), 0.0) FROM runs "
        f"WHERE {where} AND runs.local_date >= :cut",
        {**params, "cut": cut},
    )[0]
    return int(count) + int(more), float(metres) + float(more_m)


_EFFORTS = (
    "SELECT best_efforts.run_id, runs.start_utc, best_efforts.distance_m, "
    "best_efforts.elapsed_s, best_efforts.start_s FROM best_efforts "
    "JOIN runs ON runs.id = best_efforts.run_id"
)


def efforts(db: Db, athlete_id: int, start: datetime, end: datetime) -> list[Effort]:
    """The best efforts of the running in [start, end)."""
    where, params = mine(athlete_id, start, end, True)
    return [_effort(row) for row in db.rows(f"{_EFFORTS} WHERE {where}", params)]


def _effort(row: tuple[Any, ...]) -> Effort:
    run_id, start_utc, distance_m, elapsed_s, start_s = row
    return Effort(run_id, instant_of(start_utc) + timedelta(seconds=start_s), distance_m, elapsed_s)


def fastest_before(db: Db, athlete_id: int, distance_m: float, end: datetime) -> float | None:
    """The fastest time at ``distance_m`` of a run before ``end``: walks the (athlete,
    distance, time) index fastest first and stops at the first hit."""
    where, params = mine(athlete_id, None, end, True)
    row = one(
        db,
        "SELECT best_efforts.elapsed_s FROM best_efforts "
        "WHERE best_efforts.athlete_id = :athlete_id AND best_efforts.distance_m = :distance "
        f"AND EXISTS (SELECT 1 FROM runs WHERE runs.id = best_efforts.run_id AND {where}) "
        "ORDER BY best_efforts.elapsed_s LIMIT 1",
        {**params, "distance": distance_m},
    )
    return None if row is None or row[0] is None else float(row[0])


def runs_before(db: Db, athlete_id: int, end: datetime) -> int:
    """How many of the athlete's activities (every sport) started before ``end`` (indexed)."""
    row = one(
        db,
        "SELECT count(*) FROM runs WHERE runs.athlete_id = :athlete_id AND runs.start_utc < :end",
        {"athlete_id": athlete_id, "end": end.astimezone(UTC)},
    )
    return 0 if row is None else int(row[0])


def fastest_between(
    db: Db, athlete_id: int, start: datetime | None, end: datetime
) -> dict[float, float]:
    """The fastest time at each distance of the runs in [start, end) (from the first run
    without ``start``): from the window's runs (indexed by start), then their efforts."""
    where, params = mine(athlete_id, start, end, True)
    rows = db.rows(
        "SELECT best_efforts.distance_m, min(best_efforts.elapsed_s) FROM best_efforts "
        f"WHERE best_efforts.run_id IN (SELECT runs.id FROM runs WHERE {where}) "
        "GROUP BY best_efforts.distance_m",
        params,
    )
    return {float(d): float(t) for d, t in rows}


def totals(db: Db, athlete_id: int, first: date, last: date, tz: tzinfo) -> Totals:
    """Running from ``first`` to ``last`` (local days in ``tz``), summed."""
    start, end = day_bounds_utc(first, last, tz)
    where, params = mine(athlete_id, start, end, True)
    count, days, metres, seconds, ascent = db.rows(
        "SELECT count(*), count(DISTINCT runs.local_date), coalesce(sum(runs.distance_m), 0.0), "
        "coalesce(sum(coalesce(runs.moving_s, runs.elapsed_s, 0.0)), 0.0), "
        f"coalesce(sum(runs.ascent_m), 0.0) FROM runs WHERE {where}",
        params,
    )[0]
    top = one(
        db,
        f"SELECT runs.id, runs.distance_m FROM runs WHERE {where} "
        "AND runs.distance_m IS NOT NULL ORDER BY runs.distance_m DESC LIMIT 1",
        params,
    )
    weeks = ((last - first).days + 1) / 7
    return Totals(
        first,
        last,
        int(count),
        int(days),
        float(metres),
        float(seconds),
        float(ascent),
        float(top[1]) if top else 0.0,
        int(top[0]) if top else None,
        int(days) / weeks,
    )


def halves(db: Db, athlete_id: int, run_ids: Sequence[int]) -> list[Halves]:
    """The two halves' times of these runs (those of the athlete that have them)."""
    if not run_ids:
        return []
    # by primary key; the athlete is checked on the rows (a condition on it in SQL makes
    # SQLite walk all the athlete's runs by its index instead)
    where, params = by_ids("id", run_ids)
    rows = db.rows(
        "SELECT id, athlete_id, distance_m, first_half_s_per_km, second_half_s_per_km "
        f"FROM runs WHERE {where} "
        "AND first_half_s_per_km IS NOT NULL AND distance_m IS NOT NULL",
        params,
    )
    wanted = set(run_ids)
    # each half is half the distance: time = pace (s/km) x half the distance (km)
    return [
        Halves(run_id, first * metres / 2000, second * metres / 2000)
        for run_id, athlete, metres, first, second in rows
        if athlete == athlete_id and run_id in wanted
    ]


def weeks_with_run_days(db: Db, athlete_id: int) -> list[tuple[date, int]]:
    """Each week's Monday and its run days, from ``run_weeks`` (weeks with any)."""
    rows = db.rows(
        "SELECT week_start, run_days FROM run_weeks "
        "WHERE athlete_id = :athlete_id AND run_days > 0",
        {"athlete_id": athlete_id},
    )
    return [(day_of(day), int(n)) for day, n in rows]


def run_days_between(db: Db, athlete_id: int, first: date, last: date) -> int:
    """The local days from ``first`` to ``last`` with running."""
    row = db.rows(
        f"SELECT count(DISTINCT runs.local_date) FROM runs WHERE runs.athlete_id = :athlete_id "
        f"AND {RUNNING_ONLY} AND runs.local_date >= :first AND runs.local_date <= :last",
        {"athlete_id": athlete_id, "first": first, "last": last},
    )[0]
    return int(row[0])


def runs_between(db: Db, athlete_id: int, start: datetime, end: datetime) -> list[Run]:
    """The athlete's runs (every sport) started in [start, end), with their laps, oldest
    first: summary columns only (no analysis, no samples)."""
    where, params = mine(athlete_id, start, end, False)
    found = [
        run_of(RunRow._make(row))
        for row in db.rows(
            f"SELECT {RUN_COLUMNS_SQL} FROM runs WHERE {where} ORDER BY runs.start_utc", params
        )
    ]
    by_run: dict[int, list[Lap]] = defaultdict(list)
    for run_id, lap_start, *numbers in db.rows(
        f"SELECT laps.run_id, laps.start_utc, {', '.join('laps.' + n for n in LAP_FIELDS)} "
        f"FROM laps JOIN runs ON runs.id = laps.run_id WHERE {where} "
        "ORDER BY laps.run_id, laps.number",
        params,
    ):
        by_run[run_id].append(Lap(instant_of(lap_start), *numbers))
    for run in found:
        run.laps = by_run.get(run.id or 0, [])
    return found


def win_efforts(db: Db, athlete_id: int, start: datetime, end: datetime) -> list[Effort]:
    """The efforts of the window that can be wins, as ``detect_wins`` judges them: those
    marked ``could_win`` (``store/effort_records.py``: the year's records as they fell,
    plausible, and every effort near New Year), read by their partial index. An effort no
    faster than an earlier one at its distance in the same year can neither be a win nor
    change a best: a decade's report reads a few hundred efforts, not thirteen thousand.
    """
    where, params = mine(athlete_id, start, end, True)
    rows = db.rows(
        "SELECT best_efforts.run_id, runs.start_utc, best_efforts.distance_m, "
        "best_efforts.elapsed_s, best_efforts.start_s "
        "FROM best_efforts JOIN runs ON runs.id = best_efforts.run_id "
        "WHERE best_efforts.athlete_id = :athlete_id AND best_efforts.could_win = 1 "
        f"AND {where} ORDER BY runs.start_utc, best_efforts.start_s",
        params,
    )
    return [_effort(row) for row in rows]


StartPoint = tuple[float | None, float | None]  # latitude, longitude (None: no position)


def kept_start_points(db: Db, run_ids: Sequence[int]) -> dict[int, StartPoint]:
    """The start points kept for these runs (``run_start_points``); a run not read yet from
    its samples is not in the answer."""
    if not run_ids:
        return {}
    where, params = by_ids("run_id", run_ids)
    rows = db.rows(
        f"SELECT run_id, latitude, longitude FROM run_start_points WHERE {where}", params
    )
    wanted = set(run_ids)
    return {int(run_id): (lat, lon) for run_id, lat, lon in rows if run_id in wanted}


RANGE_SPREAD = 2  # ids read by their range when it is at most this many times their number
RANGE_FROM = 64  # ids: fewer are read by an IN list


def by_ids(column: str, ids: Sequence[int]) -> tuple[str, dict[str, Any]]:
    """``column`` among ``ids``, as SQL: an IN list, or for many ids close together (a long
    period's runs) their range by the primary key, which the caller narrows to ``ids`` (a
    few thousand bound names cost SQLite more than the rows between them)."""
    low, high = min(ids), max(ids)
    if len(ids) >= RANGE_FROM and high - low + 1 <= RANGE_SPREAD * len(ids):
        return f"{column} BETWEEN :low AND :high", {"low": low, "high": high}
    names = {f"id{i}": run_id for i, run_id in enumerate(ids)}
    return f"{column} IN ({', '.join(':' + n for n in names)})", names
