"""What reports read from the log: the port, and an in-memory log that implements it.

Reports ask only for summaries within bounded windows (a period plus its load warm-up) and a
few aggregates, never for streams, so a week's report costs the same after ten years of
training as after one. The store implements ``RunLog`` with SQL over summary columns
(``store/report_log.py``); ``MemoryLog`` is the reference implementation that tests and the
benchmark compare it with.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from itertools import accumulate
from typing import Protocol

from runcoach.domain.days import day_bounds_utc, local_day, week_start
from runcoach.domain.progress.measures import Totals, totals, week_counts
from runcoach.domain.progress.variety import LatLon, start_of
from runcoach.domain.progress.wins import Effort, Halves, WinHistory
from runcoach.domain.run.efforts import analyse_run
from runcoach.domain.run.runs import Run


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

    def run_days_per_week(self, end: datetime, tz: tzinfo) -> dict[date, int]:
        """Days with a run (not cross-training) in each ISO week (by Monday) before ``end``.

        ``end`` is the start of a local day: the count is of whole days before it.
        """
        ...

    def count_and_distance(self, end: datetime) -> tuple[int, float]:
        """How many runs before ``end`` and their total distance in metres."""
        ...

    def totals(self, first: date, last: date, tz: tzinfo) -> Totals:
        """Distance, time, ascent, run days and the longest run of local days first..last."""
        ...

    def efforts(self, start: datetime, end: datetime) -> list[Effort]:
        """Best efforts inside the runs started in [start, end)."""
        ...

    def win_efforts(self, start: datetime, end: datetime) -> list[Effort]:
        """The efforts of [start, end) that ``detect_wins`` needs: at least every effort that
        could be a win or change a best (a store may leave out the slower ones)."""
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
    year_bests = log.best_effort_times(year_start, before)
    return WinHistory(
        runs=count,
        distance_m=distance,
        best_s=log.best_effort_times(None, before),
        year_best_s={(year_start.year, d): t for d, t in year_bests.items()},
        weeks_before=log.run_days_per_week(before, tz),
    )


@dataclass
class MemoryLog:
    """A ``RunLog`` over runs held in memory (tests, benchmarks, one-off files).

    It keeps what an indexed store keeps: runs sorted by start (windows by bisection), running
    totals, best-effort prefix minima and run days per week, so that its answers cost what
    the store's indexed queries cost, not a scan of the history.
    """

    all_runs: list[Run]
    all_efforts: list[Effort] = field(default_factory=list)
    all_halves: list[Halves] = field(default_factory=list)
    starts: dict[int, LatLon] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.all_runs = sorted(self.all_runs, key=lambda r: r.start)
        self._starts = [r.start for r in self.all_runs]
        only_runs = [r for r in self.all_runs if r.is_run]
        self._run_starts = [r.start for r in only_runs]
        self._cumulative_m = list(accumulate((r.distance_m or 0.0 for r in only_runs), initial=0.0))
        self._efforts = _effort_index(self.all_efforts)
        self._halves = {h.run_id: h for h in self.all_halves}
        self._weeks: dict[str, _WeekIndex] = {}

    def runs(self, start: datetime, end: datetime) -> list[Run]:
        return self.all_runs[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def count_and_distance(self, end: datetime) -> tuple[int, float]:
        count = bisect_left(self._run_starts, end)
        return count, self._cumulative_m[count]

    def totals(self, first: date, last: date, tz: tzinfo) -> Totals:
        return totals(self.runs(*day_bounds_utc(first, last, tz)), first, last, tz)

    def efforts(self, start: datetime, end: datetime) -> list[Effort]:
        return [e for index in self._efforts.values() for e in index.between(start, end)]

    def win_efforts(self, start: datetime, end: datetime) -> list[Effort]:
        return self.efforts(start, end)

    def best_effort_times(self, start: datetime | None, end: datetime) -> dict[float, float]:
        found = {d: index.fastest(start, end) for d, index in self._efforts.items()}
        return {d: t for d, t in found.items() if t is not None}

    def halves(self, run_ids: Sequence[int]) -> list[Halves]:
        return [self._halves[i] for i in run_ids if i in self._halves]

    def start_points(self, run_ids: Sequence[int]) -> dict[int, LatLon]:
        return {i: self.starts[i] for i in run_ids if i in self.starts}

    def run_days_per_week(self, end: datetime, tz: tzinfo) -> dict[date, int]:
        key = str(tz)
        if key not in self._weeks:
            self._weeks[key] = _WeekIndex([local_day(s, tz) for s in self._run_starts])
        return self._weeks[key].before(local_day(end - timedelta(microseconds=1), tz))


@dataclass
class _EffortIndex:
    """One distance's efforts by start, with the fastest time up to each of them."""

    efforts: list[Effort]

    def __post_init__(self) -> None:
        self.efforts.sort(key=lambda e: e.start)
        self.starts = [e.start for e in self.efforts]
        self.prefix_min = list(accumulate((e.time_s for e in self.efforts), min))

    def between(self, start: datetime, end: datetime) -> list[Effort]:
        return self.efforts[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def fastest(self, start: datetime | None, end: datetime) -> float | None:
        stop = bisect_left(self.starts, end)
        if start is None:
            return self.prefix_min[stop - 1] if stop else None
        chosen = self.efforts[bisect_left(self.starts, start) : stop]
        return min((e.time_s for e in chosen), default=None)


def _effort_index(efforts: Iterable[Effort]) -> dict[float, _EffortIndex]:
    by_distance: dict[float, list[Effort]] = defaultdict(list)
    for effort in efforts:
        by_distance[effort.distance_m].append(effort)
    return {d: _EffortIndex(found) for d, found in by_distance.items()}


class _WeekIndex:
    """Run days per ISO week, kept as a store would keep a weekly aggregate."""

    def __init__(self, days: Iterable[date]) -> None:
        self.days = sorted(set(days))
        counts = week_counts(self.days, self.days[-1] if self.days else date.min)
        self.weeks = sorted(counts.items())
        self.mondays = [monday for monday, _n in self.weeks]

    def before(self, last_day: date) -> dict[date, int]:
        """Run days per week up to and including ``last_day``."""
        monday = week_start(last_day)
        found = dict(self.weeks[: bisect_left(self.mondays, monday)])
        partial = bisect_right(self.days, last_day) - bisect_left(self.days, monday)
        if partial:
            found[monday] = partial
        return found


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
        start = start_of(run.streams)
        if start is not None:
            starts[run.id] = start
    return MemoryLog(list(runs), efforts, halves, starts)
