"""What reports read from the store: the athlete's profile, and the log as a ``RunLog``.

Reports read summary columns only, within bounded windows (see ``services/runlog.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from sqlalchemy import (
    Connection,
    Engine,
    insert,
    inspect,
    select,
)

from runcoach.domain.days import local_day, week_start
from runcoach.domain.progress.measures import Totals
from runcoach.domain.progress.variety import LatLon, start_of
from runcoach.domain.progress.wins import Effort, Halves
from runcoach.domain.run.efforts import EFFORT_DISTANCES_M
from runcoach.domain.run.runs import Run
from runcoach.store import log_reads
from runcoach.store.db import SqlAlchemyDb, read_db, read_only
from runcoach.store.log_reads import AthleteRow
from runcoach.store.sql import Db
from runcoach.store.streams_codec import decode_streams
from runcoach.store.tables import (
    run_start_points,
    runs,
    streams,
)


def athlete_row(conn: Connection, athlete_id: int) -> AthleteRow | None:
    """The athlete's name, time zone and heart-rate profile."""
    return log_reads.athlete_row(SqlAlchemyDb(conn, conn.dialect.name), athlete_id)


def has_training_log(conn: Connection) -> bool:
    """Whether this store holds the runs table (the training log's migration has run)."""
    return "runs" in inspect(conn).get_table_names()


class SqlRunLog:
    """One athlete's log as reports read it: summary columns, bounded windows, aggregates.

    Implements ``services.runlog.RunLog``. Never reads samples, except once per run for its
    start point (kept in ``run_start_points`` afterwards).

    Every read goes through ``conn`` when given (a page's one read-only transaction: one
    moment of the store, one connection for all its queries), else through a read-only
    transaction of its own; only the start points not kept yet are written, in a write
    transaction of their own.
    """

    def __init__(self, engine: Engine, athlete_id: int, conn: Connection | None = None) -> None:
        self.engine = engine
        self.athlete_id = athlete_id
        self.conn = conn
        self._weeks: list[tuple[date, int]] | None = None  # run days of each week, read once

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        if self.conn is not None:
            yield self.conn
            return
        with read_only(self.engine) as conn:
            yield conn

    def _db(self) -> AbstractContextManager[Db]:
        return read_db(self.engine, self.conn)

    def runs(self, start: datetime, end: datetime) -> list[Run]:
        with self._db() as db:
            return log_reads.runs_between(db, self.athlete_id, start, end)

    def count_and_distance(self, end: datetime) -> tuple[int, float]:
        """Whole weeks from ``run_weeks``, the runs of the last days before ``end`` one by one.

        A run's local date is at most 12 hours behind UTC, so every run of a week that ends
        a day before ``end``'s UTC date started before ``end``.
        """
        cut = week_start((end.astimezone(UTC) - timedelta(days=1)).date())
        with self._db() as db:
            return log_reads.count_and_distance(db, self.athlete_id, end, cut)

    def efforts(self, start: datetime, end: datetime) -> list[Effort]:
        with self._db() as db:
            return log_reads.efforts(db, self.athlete_id, start, end)

    def win_efforts(self, start: datetime, end: datetime) -> list[Effort]:
        """The efforts of the window that can be wins (``store.log_reads.win_efforts``)."""
        with self._db() as db:
            return log_reads.win_efforts(db, self.athlete_id, start, end)

    def best_effort_times(self, start: datetime | None, end: datetime) -> dict[float, float]:
        with self._db() as db:
            if start is not None:
                return log_reads.fastest_between(db, self.athlete_id, start, end)
            found = {
                d: log_reads.fastest_before(db, self.athlete_id, d, end) for d in EFFORT_DISTANCES_M
            }
        return {d: t for d, t in found.items() if t is not None}

    def totals(self, first: date, last: date, tz: tzinfo) -> Totals:
        with self._db() as db:
            return log_reads.totals(db, self.athlete_id, first, last, tz)

    def halves(self, run_ids: Sequence[int]) -> list[Halves]:
        if not run_ids:
            return []
        with self._db() as db:
            return log_reads.halves(db, self.athlete_id, list(run_ids))

    def start_points(self, run_ids: Sequence[int]) -> dict[int, LatLon]:
        wanted = list(run_ids)
        if not wanted:
            return {}
        with self._db() as db:
            known = log_reads.kept_start_points(db, wanted)
        missing = [i for i in wanted if i not in known]
        if missing:  # read once from the samples, then kept (a write: its own transaction)
            with self.engine.begin() as conn:
                known.update(
                    log_reads.kept_start_points(SqlAlchemyDb(conn, conn.dialect.name), missing)
                )
                missing = [i for i in wanted if i not in known]
                if missing:
                    found = _remember_start_points(conn, self.athlete_id, missing)
                    known.update({i: (p.latitude, p.longitude) for i, p in found.items()})
        return {
            i: (lat, lon) for i, (lat, lon) in known.items() if lat is not None and lon is not None
        }

    def run_days_per_week(self, end: datetime, tz: tzinfo) -> dict[date, int]:
        """From ``run_weeks`` for the weeks before ``end``'s, then that week's run days.

        The weekly rows are read once per log (a report asks for two ends).
        """
        last = local_day(end - timedelta(microseconds=1), tz)
        monday = week_start(last)
        with self._db() as db:
            if self._weeks is None:
                self._weeks = log_reads.weeks_with_run_days(db, self.athlete_id)
            days = log_reads.run_days_between(db, self.athlete_id, monday, last)
        found = {day: n for day, n in self._weeks if day < monday}
        if days:
            found[monday] = days
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
