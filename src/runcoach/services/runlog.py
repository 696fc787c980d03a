"""What reports read from the log: the port, and an in-memory log that implements it.

Reports ask only for summaries within bounded windows (a period plus its load warm-up) and a
few aggregates, never for streams, so a week's report costs the same after ten years of
training as after one. The store implements ``RunLog`` with SQL over summary columns
(``store/progress.py``); ``MemoryLog`` is the reference implementation that tests and the
benchmark compare it with.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Protocol

import numpy as np

from runcoach.domain.days import local_day
from runcoach.domain.efforts import analyse_run
from runcoach.domain.progress import STREAK_RUN_DAYS, week_streaks
from runcoach.domain.runs import Run
from runcoach.domain.variety import LatLon
from runcoach.domain.wins import Effort, Halves, WinHistory


@dataclass(frozen=True)
class AthleteProfile:
    """What reports need to know about the athlete."""

    athlete_id: int
    tz: tzinfo
    max_hr: float | None = None
    resting_hr: float | None = None


class RunLog(Protocol):
    """One athlete's log, as reports read it. Instants are aware UTC; ``end`` is exclusive."""

    def runs(self, start: datetime, end: datetime) -> list[Run]:
        """Summaries (laps included, no streams) of activities starting in [start, end)."""
        ...

    def run_starts(self, start: datetime | None, end: datetime) -> list[datetime]:
        """Start instants of the runs (not cross-training) in [start, end); all before if None."""
        ...

    def count_and_distance(self, end: datetime) -> tuple[int, float]:
        """How many runs before ``end`` and their total distance in metres."""
        ...

    def efforts(self, start: datetime, end: datetime) -> list[Effort]:
        """Best efforts inside the runs started in [start, end)."""
        ...

    def best_effort_times(self, start: datetime | None, end: datetime) -> dict[float, float]:
        """Fastest time per effort distance over runs in [start, end) (all time if no start)."""
        ...

    def halves(self, run_ids: Sequence[int]) -> list[Halves]:
        """First- and second-half times of the given runs, where known."""
        ...

    def start_points(self, run_ids: Sequence[int]) -> dict[int, LatLon]:
        """Where each of the given runs started, for runs with GPS."""
        ...


def win_history(log: RunLog, before: datetime, tz: tzinfo) -> WinHistory:
    """The aggregates of everything before ``before`` that wins are judged against."""
    count, distance = log.count_and_distance(before)
    year_start = datetime(local_day(before, tz).year, 1, 1, tzinfo=tz)
    year = year_start.year
    year_bests = log.best_effort_times(year_start, before)
    days = [local_day(s, tz) for s in log.run_starts(None, before)]
    last_day = max(days, default=None)
    longest = 0
    if last_day is not None:
        found = week_streaks(days, last_day, STREAK_RUN_DAYS).longest
        longest = found.weeks if found else 0
    return WinHistory(
        runs=count,
        distance_m=distance,
        best_s=log.best_effort_times(None, before),
        year_best_s={(year, d): t for d, t in year_bests.items()},
        run_days=days,
        longest_streak_weeks=longest,
    )


@dataclass
class MemoryLog:
    """A ``RunLog`` over runs held in memory (tests, benchmarks, one-off files).

    Runs are kept sorted by start, so a window is found by bisection, as an index would.
    """

    all_runs: list[Run]
    all_efforts: list[Effort] = field(default_factory=list)
    all_halves: list[Halves] = field(default_factory=list)
    starts: dict[int, LatLon] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.all_runs = sorted(self.all_runs, key=lambda r: r.start)
        self._starts = [r.start for r in self.all_runs]

    def runs(self, start: datetime, end: datetime) -> list[Run]:
        return self.all_runs[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def run_starts(self, start: datetime | None, end: datetime) -> list[datetime]:
        chosen = (r for r in self.all_runs if r.is_run and r.start < end)
        return [r.start for r in chosen if start is None or r.start >= start]

    def count_and_distance(self, end: datetime) -> tuple[int, float]:
        before = [r for r in self.all_runs if r.is_run and r.start < end]
        return len(before), sum(r.distance_m or 0.0 for r in before)

    def efforts(self, start: datetime, end: datetime) -> list[Effort]:
        return [e for e in self.all_efforts if start <= e.start < end]

    def best_effort_times(self, start: datetime | None, end: datetime) -> dict[float, float]:
        chosen = (e for e in self.all_efforts if e.start < end)
        return _fastest(e for e in chosen if start is None or e.start >= start)

    def halves(self, run_ids: Sequence[int]) -> list[Halves]:
        wanted = set(run_ids)
        return [h for h in self.all_halves if h.run_id in wanted]

    def start_points(self, run_ids: Sequence[int]) -> dict[int, LatLon]:
        return {i: self.starts[i] for i in run_ids if i in self.starts}


def _fastest(efforts: Iterable[Effort]) -> dict[float, float]:
    best: dict[float, float] = {}
    for effort in efforts:
        best[effort.distance_m] = min(best.get(effort.distance_m, effort.time_s), effort.time_s)
    return best


def log_from_runs(runs: Sequence[Run]) -> MemoryLog:
    """A log over runs read from files: halves, best efforts and starts from their samples."""
    efforts: list[Effort] = []
    halves: list[Halves] = []
    starts: dict[int, LatLon] = {}
    for run in runs:
        if run.id is None:
            continue
        analysis = analyse_run(run)
        if analysis.halves is not None:
            h = analysis.halves
            halves.append(Halves(run.id, h.first_moving_s, h.second_moving_s))
        efforts += [
            Effort(run.id, run.start + timedelta(seconds=e.start_s), e.distance_m, e.elapsed_s)
            for e in analysis.best_efforts
        ]
        start = start_point(run)
        if start is not None:
            starts[run.id] = start
    return MemoryLog(list(runs), efforts, halves, starts)


def start_point(run: Run) -> LatLon | None:
    """The first recorded position of a run with GPS."""
    streams = run.streams
    if streams is None or streams.latitude is None or streams.longitude is None:
        return None
    known = np.flatnonzero(np.isfinite(streams.latitude) & np.isfinite(streams.longitude))
    if not len(known):
        return None
    return float(streams.latitude[known[0]]), float(streams.longitude[known[0]])
