"""What reports read from the store: the athlete's profile, and the log as a ``RunLog``.

Reports read summary columns only, within bounded windows (see ``services/runlog.py``),
through ``store.sql``: a sqlite3 reader on the command line (no SQLAlchemy imported), or an
engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from runcoach.domain.days import local_day, week_start
from runcoach.domain.progress.measures import Totals
from runcoach.domain.progress.variety import LatLon, start_of
from runcoach.domain.progress.wins import Effort, Halves
from runcoach.domain.run.efforts import EFFORT_DISTANCES_M
from runcoach.domain.run.runs import Run
from runcoach.store import log_reads
from runcoach.store.log_reads import AthleteRow, StartPoint
from runcoach.store.sql import Db, Reader, Writer, db_reading, writing

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine


def athlete_row(conn: Connection, athlete_id: int) -> AthleteRow | None:
    """The athlete's name, time zone and heart-rate profile."""
    from runcoach.store.db import SqlAlchemyDb

    return log_reads.athlete_row(SqlAlchemyDb(conn, conn.dialect.name), athlete_id)


def has_training_log(conn: Connection) -> bool:
    """Whether this store holds the runs table (the training log's migration has run)."""
    from runcoach.store.db import SqlAlchemyDb

    return log_reads.has_runs_table(SqlAlchemyDb(conn, conn.dialect.name))


# Fewer runs than this before a moment: their efforts are read to find the fastest before
# it; more: the (athlete, distance, time) index is walked fastest first, which stops early
# when most efforts come before the moment but walks nearly all when few do (a decade's
# report asks for the fastest before its first day: 5 ms of walking for no effort).
FEW_RUNS_BEFORE = 300


class SqlRunLog:
    """One athlete's log as reports read it: summary columns, bounded windows, aggregates.

    Implements ``services.runlog.RunLog``. Never reads samples, except once per run for its
    start point (kept in ``run_start_points`` afterwards).

    ``source`` is an engine or a sqlite3 reader (``store.sql``). Every read goes through
    ``db`` (or ``conn``, a SQLAlchemy connection) when given (a page's one read-only
    transaction: one moment of the store, one connection for all its queries), else through
    a read-only transaction of its own; only the start points not kept yet are written, in a
    write transaction of their own (``store.sql.writing``).
    """

    def __init__(
        self,
        source: Engine | Reader,
        athlete_id: int,
        conn: Connection | None = None,
        *,
        db: Db | None = None,
    ) -> None:
        if conn is not None and db is None:
            from runcoach.store.db import SqlAlchemyDb

            db = SqlAlchemyDb(conn, conn.dialect.name)
        self.source = source
        self.athlete_id = athlete_id
        self._read = db_reading(source, db)
        self._weeks: list[tuple[date, int]] | None = None  # run days of each week, read once

    def _db(self) -> AbstractContextManager[Db]:
        return self._read()

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
            if log_reads.runs_before(db, self.athlete_id, end) <= FEW_RUNS_BEFORE:
                # the index walk below would pass every effort of the later runs first
                found_early = log_reads.fastest_between(db, self.athlete_id, None, end)
                return {d: found_early[d] for d in EFFORT_DISTANCES_M if d in found_early}
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
            with writing(self.source) as db:
                known.update(log_reads.kept_start_points(db, missing))
                missing = [i for i in wanted if i not in known]
                if missing:
                    known.update(_remember_start_points(db, self.athlete_id, missing))
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


def _remember_start_points(
    db: Writer, athlete_id: int, run_ids: list[int]
) -> dict[int, StartPoint]:
    """Read the start point of runs not seen before from their samples, and keep it."""
    # the samples' codec (NumPy) loads only when a run's start point was never read
    from runcoach.store.streams_codec import decode_streams

    names = {f"id{i}": run_id for i, run_id in enumerate(run_ids)}
    rows = db.rows(
        "SELECT streams.run_id, streams.data FROM streams "
        "JOIN runs ON runs.id = streams.run_id WHERE runs.athlete_id = :athlete_id "
        f"AND streams.run_id IN ({', '.join(':' + n for n in names)})",
        {"athlete_id": athlete_id, **names},
    )
    found: dict[int, StartPoint] = {i: (None, None) for i in run_ids}
    for run_id, blob in rows:
        start = start_of(decode_streams(bytes(blob)))
        if start is not None:
            found[int(run_id)] = (start[0], start[1])
    db.write(
        "INSERT INTO run_start_points (run_id, latitude, longitude) "
        "VALUES (:run_id, :latitude, :longitude)",
        [{"run_id": i, "latitude": lat, "longitude": lon} for i, (lat, lon) in found.items()],
    )
    return found
