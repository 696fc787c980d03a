"""The runs before a run (the context of its tags), read once for many runs by an import.

A run's tags are inferred from the runs of the weeks before it (``domain.run.workout_shapes``:
``runner_context`` over ``RECENT_DAYS``). ``recent_runs`` reads them for one run. An import
stores thousands of runs, mostly in date order, and reading the weeks before each one again
(some 250 rows each, turned into runs) was a fifth of its main process (docs/benchmarks.md,
"Imports, fourth pass"). ``RecentRuns`` reads a wider window of the log once and answers
from memory while the log is as it read it:

- the runs the import stores meanwhile are added to it (``stored``);
- a file rolled back to its savepoint, or a stored run whose numbers are replaced, empties it
  (``forget``): the next question reads the log again;
- across a commit it holds only when nobody else wrote to the athlete's log in between: the
  athlete's ``data_version`` (raised by the database's triggers on every write to runs,
  whoever writes) is read before each commit (``committing``) and again at the first
  question of the next transaction; when they differ it reads again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, select

from runcoach.domain.run.runs import Run, Sport, WorkoutType
from runcoach.store.moments import aware
from runcoach.store.tables import athletes, runs

READ_AHEAD_DAYS = 365  # days after the run asked about that are read with it (an import's
# next files are mostly later runs: one read serves about a year of them)

_RECENT_RUNS = select(
    runs.c.id, runs.c.start_utc, runs.c.sport, runs.c.distance_m, runs.c.moving_s,
    runs.c.elapsed_s, runs.c.workout_type,
).where(
    runs.c.athlete_id == bindparam("athlete_id"),
    runs.c.start_utc >= bindparam("since", type_=runs.c.start_utc.type),
    runs.c.start_utc < bindparam("before", type_=runs.c.start_utc.type),
)  # fmt: skip
_DATA_VERSION = select(athletes.c.data_version).where(athletes.c.id == bindparam("athlete_id"))


def runs_between(
    conn: Connection, athlete_id: int, since: datetime, before: datetime
) -> dict[int, Run]:
    """The runs that started from ``since`` to before ``before`` (summary numbers only: what
    the tags' context reads), by id."""
    window = {
        "athlete_id": athlete_id,
        "since": since.astimezone(UTC),
        "before": before.astimezone(UTC),
    }
    return {row.id: _context_run(row) for row in conn.execute(_RECENT_RUNS, window)}


def recent_runs(conn: Connection, athlete_id: int, before: datetime, days: int) -> list[Run]:
    """The runs of the ``days`` before ``before`` (summary numbers only, for context)."""
    return list(runs_between(conn, athlete_id, before - timedelta(days=days), before).values())


def _context_run(row: Any) -> Run:
    return Run(
        start=aware(row.start_utc),
        sport=Sport(row.sport),
        distance_m=row.distance_m,
        moving_s=row.moving_s,
        elapsed_s=row.elapsed_s,
        workout_type=None if row.workout_type is None else WorkoutType(row.workout_type),
    )


def _number(value: Any) -> float | None:
    """A number as the database gives it back from a float column."""
    return None if value is None else float(value)


class RecentRuns:
    """``recent_runs`` for the many runs one writer stores, from memory (see the module)."""

    def __init__(self, athlete_id: int) -> None:
        self.athlete_id = athlete_id
        self._runs: dict[int, Run] = {}
        self._window: tuple[datetime, datetime] | None = None  # read: [since, before)
        self._transaction: object | None = None  # the transaction it holds for
        self._version: int | None = None  # data_version before the last commit

    def before(self, conn: Connection, before: datetime, days: int) -> list[Run]:
        """The runs of the ``days`` before ``before``, as ``recent_runs`` reads them."""
        since = before - timedelta(days=days)
        if not self._holds(conn, since, before):
            ahead = before + timedelta(days=READ_AHEAD_DAYS)
            self._runs = runs_between(conn, self.athlete_id, since, ahead)
            self._window, self._version = (since, ahead), None
            self._transaction = conn.get_transaction()
        return [run for run in self._runs.values() if since <= run.start < before]

    def _holds(self, conn: Connection, since: datetime, before: datetime) -> bool:
        if self._window is None or not self._window[0] <= since <= before <= self._window[1]:
            return False
        if self._transaction is conn.get_transaction():
            return True
        if self._version is None or self._version != self._data_version(conn):
            return False  # written by someone else since the last commit (or not known)
        self._transaction, self._version = conn.get_transaction(), None
        return True

    def _data_version(self, conn: Connection) -> int | None:
        found = conn.execute(_DATA_VERSION, {"athlete_id": self.athlete_id}).scalar()
        return None if found is None else int(found)

    def stored(self, conn: Connection, run_id: int, values: dict[str, Any]) -> None:
        """A run just inserted with ``values`` (its row's columns) in this transaction."""
        if self._window is None or self._transaction is not conn.get_transaction():
            return
        start = aware(values["start_utc"]).astimezone(UTC)
        if not self._window[0] <= start < self._window[1]:
            return
        self._runs[run_id] = Run(
            start=start,
            sport=Sport(values["sport"]),
            distance_m=_number(values["distance_m"]),
            moving_s=_number(values["moving_s"]),
            elapsed_s=_number(values["elapsed_s"]),
            workout_type=None
            if values["workout_type"] is None
            else WorkoutType(values["workout_type"]),
        )

    def committing(self, conn: Connection) -> None:
        """Before the transaction it holds for commits: remember the log's version."""
        if self._window is not None and self._transaction is conn.get_transaction():
            self._version = self._data_version(conn)

    def forget(self) -> None:
        """The log changed in a way not followed here: read it again next time."""
        self._runs, self._window, self._transaction, self._version = {}, None, None, None
