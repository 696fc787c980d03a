"""The runs before a run (the context of its tags), read once for many runs by an import.

A run's tags are inferred from the runs of the weeks before it (``domain.run.workout_shapes``:
``runner_context`` over ``RECENT_DAYS``), and a run is the same activity as a stored run that
started within minutes of it (``domain.run.duplicates``). ``recent_runs`` and
``store.runs.activities_near`` read them for one run. An import stores thousands of runs,
mostly in date order, and reading the weeks before each one again (some 250 rows each, turned
into runs) was a fifth of its main process (docs/benchmarks.md, "Imports, fourth pass"), the
runs near it another round trip per file ("sixth pass"). ``RecentRuns`` reads a wider window
of the log once and answers both from memory while the log is as it read it
(``store.kept_log``): the runs the import stores meanwhile are added to it (``stored``); a
file rolled back to its savepoint, or a stored run whose numbers or names are replaced,
empties it (``forget``): the next question reads the log again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, select

from runcoach.domain.run.runs import Run, Sport, WorkoutType
from runcoach.store.kept_log import KeptOfLog
from runcoach.store.moments import aware
from runcoach.store.tables import runs

READ_AHEAD_DAYS = 365  # days after the run asked about that are read with it (an import's
# next files are mostly later runs: one read serves about a year of them)
READ_BEHIND_DAYS = 42  # days before a run whose neighbours are asked for that are read with
# them: the context of its tags, asked next (domain.run.workout_shapes.RECENT_DAYS)

_RECENT_RUNS = select(
    runs.c.id, runs.c.start_utc, runs.c.sport, runs.c.distance_m, runs.c.moving_s,
    runs.c.elapsed_s, runs.c.workout_type, runs.c.source, runs.c.name, runs.c.notes,
    runs.c.shoe_id,
).where(
    runs.c.athlete_id == bindparam("athlete_id"),
    runs.c.start_utc >= bindparam("since", type_=runs.c.start_utc.type),
    runs.c.start_utc < bindparam("before", type_=runs.c.start_utc.type),
)  # fmt: skip


def runs_between(
    conn: Connection, athlete_id: int, since: datetime, before: datetime
) -> dict[int, Run]:
    """The runs that started from ``since`` to before ``before`` (summary numbers only: what
    the tags' context and the same-activity check read), by id."""
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
        id=row.id,
        start=aware(row.start_utc),
        sport=Sport(row.sport),
        distance_m=row.distance_m,
        moving_s=row.moving_s,
        elapsed_s=row.elapsed_s,
        workout_type=None if row.workout_type is None else WorkoutType(row.workout_type),
        source=row.source,
        name=row.name,
        notes=row.notes,
        shoe_id=row.shoe_id,
    )


def _number(value: Any) -> float | None:
    """A number as the database gives it back from a float column."""
    return None if value is None else float(value)


class RecentRuns(KeptOfLog):
    """``recent_runs`` and ``activities_near`` for the many runs one writer stores, from
    memory (see the module)."""

    def __init__(self, athlete_id: int) -> None:
        super().__init__(athlete_id)
        self._runs: dict[int, Run] = {}
        self._window: tuple[datetime, datetime] | None = None  # read: [since, before)

    def before(self, conn: Connection, before: datetime, days: int) -> list[Run]:
        """The runs of the ``days`` before ``before``, as ``recent_runs`` reads them."""
        since = before - timedelta(days=days)
        self._cover(conn, since, before)
        return [run for run in self._runs.values() if since <= run.start < before]

    def near(self, conn: Connection, start: datetime, within_s: float) -> list[Run]:
        """The runs that started within ``within_s`` of ``start``, as
        ``store.runs.activities_near`` reads them (in the order of their start, then id)."""
        low, high = start - timedelta(seconds=within_s), start + timedelta(seconds=within_s)
        self._cover(conn, low - timedelta(days=READ_BEHIND_DAYS), high + timedelta(seconds=1))
        found = [run for run in self._runs.values() if low <= run.start <= high]
        return sorted(found, key=_start_then_id)

    def _cover(self, conn: Connection, since: datetime, before: datetime) -> None:
        """The runs of [since, before) in memory, read again unless they are there."""
        window = self._window
        if window is not None and window[0] <= since <= before <= window[1] and self._holds(conn):
            return
        ahead = before + timedelta(days=READ_AHEAD_DAYS)
        self._runs = runs_between(conn, self.athlete_id, since, ahead)
        self._window = (since, ahead)
        self._read_now(conn)

    def stored(self, conn: Connection, run_id: int, values: dict[str, Any]) -> None:
        """A run just inserted with ``values`` (its row's columns) in this transaction."""
        if self._window is None or not self._holding(conn):
            return
        start = aware(values["start_utc"]).astimezone(UTC)
        if not self._window[0] <= start < self._window[1]:
            return
        workout_type = values["workout_type"]
        self._runs[run_id] = Run(
            id=run_id,
            start=start,
            sport=Sport(values["sport"]),
            distance_m=_number(values["distance_m"]),
            moving_s=_number(values["moving_s"]),
            elapsed_s=_number(values["elapsed_s"]),
            workout_type=None if workout_type is None else WorkoutType(workout_type),
            source=values["source"],
            name=values["name"],
            notes=values["notes"],
            shoe_id=values["shoe_id"],
        )

    def forget(self) -> None:
        super().forget()
        self._runs, self._window = {}, None


def _start_then_id(run: Run) -> tuple[datetime, int]:
    return run.start, run.id or 0
