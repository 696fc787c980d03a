"""What reports read from the store: the athlete's profile, and the log as a ``RunLog``.

Reports read summary columns only, within bounded windows (see ``services/runlog.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import Connection, Engine, exists, func, insert, inspect, select

from runcoach.domain.days import day_bounds_utc, local_day
from runcoach.domain.efforts import EFFORT_DISTANCES_M
from runcoach.domain.progress import Totals, week_counts
from runcoach.domain.runs import Lap, Run, Sport
from runcoach.domain.variety import LatLon, start_of
from runcoach.domain.wins import Effort, Halves
from runcoach.store.runs import _LAP_FIELDS, _aware, run_of
from runcoach.store.streams_codec import decode_streams
from runcoach.store.tables import athletes, best_efforts, laps, run_start_points, runs, streams


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


RUN_SPORTS = tuple(s.value for s in Sport if s.is_run)  # what counts as running volume


class SqlRunLog:
    """One athlete's log as reports read it: summary columns, bounded windows, aggregates.

    Implements ``services.runlog.RunLog``. Never reads samples, except once per run for its
    start point (kept in ``run_start_points`` afterwards).
    """

    def __init__(self, engine: Engine, athlete_id: int) -> None:
        self.engine = engine
        self.athlete_id = athlete_id
        self._weeks: dict[tuple[datetime, str], dict[date, int]] = {}

    def _mine(self, start: datetime | None, end: datetime, only_runs: bool) -> list[Any]:
        conditions = [runs.c.athlete_id == self.athlete_id, runs.c.start_utc < end.astimezone(UTC)]
        if start is not None:
            conditions.append(runs.c.start_utc >= start.astimezone(UTC))
        if only_runs:
            conditions.append(runs.c.sport.in_(RUN_SPORTS))
        return conditions

    def runs(self, start: datetime, end: datetime) -> list[Run]:
        columns = [c for c in runs.c if c.name not in ("analysis", "fingerprint")]
        query = select(*columns).where(*self._mine(start, end, False)).order_by(runs.c.start_utc)
        with self.engine.connect() as conn:
            found = [run_of(row) for row in conn.execute(query)]
            lap_rows = conn.execute(
                select(laps)
                .join(runs, runs.c.id == laps.c.run_id)
                .where(*self._mine(start, end, False))
                .order_by(laps.c.run_id, laps.c.number)
            )
            by_run = _laps_by_run(lap_rows)
        for run in found:
            run.laps = by_run.get(run.id or 0, [])
        return found

    def count_and_distance(self, end: datetime) -> tuple[int, float]:
        query = select(func.count(), func.coalesce(func.sum(runs.c.distance_m), 0.0)).where(
            *self._mine(None, end, True)
        )
        with self.engine.connect() as conn:
            count, metres = conn.execute(query).one()
        return int(count), float(metres)

    def efforts(self, start: datetime, end: datetime) -> list[Effort]:
        query = (
            select(
                best_efforts.c.run_id,
                runs.c.start_utc,
                best_efforts.c.distance_m,
                best_efforts.c.elapsed_s,
                best_efforts.c.start_s,
            )
            .join(runs, runs.c.id == best_efforts.c.run_id)
            .where(*self._mine(start, end, True))
        )
        with self.engine.connect() as conn:
            rows = list(conn.execute(query))
        return [
            Effort(
                r.run_id,
                _aware(r.start_utc) + timedelta(seconds=r.start_s),
                r.distance_m,
                r.elapsed_s,
            )
            for r in rows
        ]

    def best_effort_times(self, start: datetime | None, end: datetime) -> dict[float, float]:
        with self.engine.connect() as conn:
            if start is not None:
                return self._fastest_between(conn, start, end)
            found = {d: self._fastest_before(conn, d, end) for d in EFFORT_DISTANCES_M}
        return {d: t for d, t in found.items() if t is not None}

    def _fastest_before(self, conn: Connection, distance_m: float, end: datetime) -> float | None:
        """Walks the (athlete, distance, time) index fastest first: stops at the first hit."""
        run_before = exists().where(
            runs.c.id == best_efforts.c.run_id, *self._mine(None, end, True)
        )
        query = (
            select(best_efforts.c.elapsed_s)
            .where(
                best_efforts.c.athlete_id == self.athlete_id,
                best_efforts.c.distance_m == distance_m,
                run_before,
            )
            .order_by(best_efforts.c.elapsed_s)
            .limit(1)
        )
        found = conn.execute(query).scalar()
        return None if found is None else float(found)

    def _fastest_between(
        self, conn: Connection, start: datetime, end: datetime
    ) -> dict[float, float]:
        """Drives from the runs of the window (indexed by start), then their efforts."""
        window = select(runs.c.id).where(*self._mine(start, end, True))
        query = (
            select(best_efforts.c.distance_m, func.min(best_efforts.c.elapsed_s))
            .where(best_efforts.c.run_id.in_(window))
            .group_by(best_efforts.c.distance_m)
        )
        return {float(d): float(t) for d, t in conn.execute(query)}

    def totals(self, first: date, last: date, tz: tzinfo) -> Totals:
        start, end = day_bounds_utc(first, last, tz)
        mine = self._mine(start, end, True)
        duration = func.coalesce(runs.c.moving_s, runs.c.elapsed_s, 0.0)
        query = select(
            func.count(),
            func.count(func.distinct(runs.c.local_date)),
            func.coalesce(func.sum(runs.c.distance_m), 0.0),
            func.coalesce(func.sum(duration), 0.0),
            func.coalesce(func.sum(runs.c.ascent_m), 0.0),
        ).where(*mine)
        longest = select(runs.c.id, runs.c.distance_m).where(*mine, runs.c.distance_m.is_not(None))
        with self.engine.connect() as conn:
            count, days, metres, seconds, ascent = conn.execute(query).one()
            top = conn.execute(longest.order_by(runs.c.distance_m.desc()).limit(1)).first()
        weeks = ((last - first).days + 1) / 7
        return Totals(
            first,
            last,
            int(count),
            int(days),
            float(metres),
            float(seconds),
            float(ascent),
            float(top.distance_m) if top else 0.0,
            int(top.id) if top else None,
            int(days) / weeks,
        )

    def halves(self, run_ids: Sequence[int]) -> list[Halves]:
        if not run_ids:
            return []
        query = select(
            runs.c.id, runs.c.distance_m, runs.c.first_half_s_per_km, runs.c.second_half_s_per_km
        ).where(
            runs.c.athlete_id == self.athlete_id,
            runs.c.id.in_(list(run_ids)),
            runs.c.first_half_s_per_km.is_not(None),
            runs.c.distance_m.is_not(None),
        )
        with self.engine.connect() as conn:
            rows = list(conn.execute(query))
        # each half is half the distance: time = pace (s/km) x half the distance (km)
        return [
            Halves(
                r.id,
                r.first_half_s_per_km * r.distance_m / 2000,
                r.second_half_s_per_km * r.distance_m / 2000,
            )
            for r in rows
        ]

    def start_points(self, run_ids: Sequence[int]) -> dict[int, LatLon]:
        wanted = list(run_ids)
        if not wanted:
            return {}
        with self.engine.begin() as conn:
            query = select(run_start_points).where(run_start_points.c.run_id.in_(wanted))
            known: dict[int, Any] = {r.run_id: r for r in conn.execute(query)}
            missing = [i for i in wanted if i not in known]
            if missing:
                known.update(_remember_start_points(conn, self.athlete_id, missing))
        return {i: (r.latitude, r.longitude) for i, r in known.items() if r.latitude is not None}

    def run_days_per_week(self, end: datetime, tz: tzinfo) -> dict[date, int]:
        """From the runs' local dates (the day where each was run), one row per day."""
        key = (end, str(tz))
        if key not in self._weeks:
            last = local_day(end - timedelta(microseconds=1), tz)
            query = (
                select(runs.c.local_date)
                .where(
                    runs.c.athlete_id == self.athlete_id,
                    runs.c.sport.in_(RUN_SPORTS),
                    runs.c.local_date <= last,
                )
                .distinct()
            )
            with self.engine.connect() as conn:
                days = [d for (d,) in conn.execute(query)]
            self._weeks[key] = week_counts(days, last)
        return self._weeks[key]


def _laps_by_run(rows: Any) -> dict[int, list[Lap]]:
    found: dict[int, list[Lap]] = defaultdict(list)
    for row in rows:
        found[row.run_id].append(
            Lap(start=_aware(row.start_utc), **{name: getattr(row, name) for name in _LAP_FIELDS})
        )
    return found


@dataclass(frozen=True)
class _Point:
    latitude: float | None
    longitude: float | None


def _remember_start_points(
    conn: Connection, athlete_id: int, run_ids: list[int]
) -> dict[int, _Point]:
    """Read the start point of runs not seen before from their samples, and keep it."""
    query = (
        select(streams.c.run_id, streams.c.data)
        .join(runs, runs.c.id == streams.c.run_id)
        .where(runs.c.athlete_id == athlete_id, streams.c.run_id.in_(run_ids))
    )
    found = {i: _Point(None, None) for i in run_ids}
    for run_id, blob in conn.execute(query):
        start = start_of(decode_streams(blob))
        if start is not None:
            found[run_id] = _Point(*start)
    conn.execute(
        insert(run_start_points),
        [{"run_id": i, "latitude": p.latitude, "longitude": p.longitude} for i, p in found.items()],
    )
    return found
