"""Current fitness (VDOT) from dated performances: races, time trials and hard best efforts.

Recent performances weigh more (a half-life), races more than best efforts found inside
training runs (those are often not all-out). Efforts well below the runner's best recent
level are left out, because a relaxed long run's "best 10 km" says little about fitness.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.own_model import Result
from runcoach.domain.fitness.vdot import DISTANCE_MAX_M, DISTANCE_MIN_M, vdot_from_performance

FITNESS_HALF_LIFE_DAYS = 90.0  # days; weight halves every 90 days (detraining ~ months; assumption)
LOOKBACK_DAYS = 365  # days; older performances are not current fitness
SUBMAXIMAL_SHARE = 0.92  # performances under 92 % of the best recent VDOT are not all-out
MIN_EFFORT_M = 1500.0  # m; shorter best efforts are too noisy (GPS, sprints) to count
VDOT_CACHE_SIZE = 65536  # performances whose VDOT is remembered (a decade of efforts: ~15,000)


class PerformanceKind(StrEnum):
    RACE = "race"
    TIME_TRIAL = "time-trial"
    EFFORT = "effort"


# How much each kind counts: a best effort inside a run is rarely all-out (assumption).
KIND_WEIGHT: dict[PerformanceKind, float] = {
    PerformanceKind.RACE: 1.0,
    PerformanceKind.TIME_TRIAL: 0.9,
    PerformanceKind.EFFORT: 0.6,
}


@dataclass(frozen=True)
class Performance:
    """A dated all-out (or nearly) performance over a distance."""

    date: dt.date
    distance_m: float
    time_s: float
    kind: PerformanceKind = PerformanceKind.RACE
    run_id: int | None = None  # the logged run it comes from, when it comes from the log

    def as_result(self, today: dt.date) -> Result:
        return Result(self.distance_m, self.time_s, float((today - self.date).days))


@dataclass(frozen=True)
class WeightedPerformance:
    performance: Performance
    vdot: float
    weight: float


@dataclass(frozen=True)
class Fitness:
    """A runner's fitness on a date, and the performances it rests on."""

    on: dt.date
    vdot: float
    used: tuple[WeightedPerformance, ...]
    half_life_days: float = FITNESS_HALF_LIFE_DAYS


@dataclass(frozen=True)
class FitnessPoint:
    """Fitness on a date as a history keeps it: the VDOT and what it rests on (how many
    performances, of which kinds), without the performances themselves."""

    on: dt.date
    vdot: float
    performances: int
    kinds: tuple[str, ...]  # the kinds of the performances used, sorted, each once
    race_times_s: tuple[tuple[float, float], ...] = ()  # (metres, s) worked out from the VDOT


def point_of(fitness: Fitness) -> FitnessPoint:
    """The point a history keeps of ``fitness``."""
    kinds = tuple(sorted({w.performance.kind.value for w in fitness.used}))
    return FitnessPoint(fitness.on, fitness.vdot, len(fitness.used), kinds)


def _weight(performance: Performance, on: dt.date) -> float:
    age_days = (on - performance.date).days
    return KIND_WEIGHT[performance.kind] * float(0.5 ** (age_days / FITNESS_HALF_LIFE_DAYS))


def _rated(performances: Sequence[Performance]) -> list[tuple[Performance, float]]:
    """The performances that can count at all (distance, kind), with their VDOT."""
    out = []
    for p in performances:
        if not DISTANCE_MIN_M <= p.distance_m <= DISTANCE_MAX_M:
            continue
        if p.kind is PerformanceKind.EFFORT and p.distance_m < MIN_EFFORT_M:
            continue
        vdot = _vdot(p.distance_m, p.time_s)
        if vdot is not None:
            out.append((p, vdot))
    return out


@lru_cache(maxsize=VDOT_CACHE_SIZE)
def _vdot(distance_m: float, time_s: float) -> float | None:
    """VDOT of a performance, None outside the model's range (a walked "best 5 km" in the
    log says nothing of race fitness). Cached: a history asks for the same ones each month."""
    try:
        return vdot_from_performance(distance_m, time_s)
    except InvalidInput:
        return None


def current_fitness(performances: Sequence[Performance], on: dt.date) -> Fitness | None:
    """Recency-weighted VDOT on ``on`` from the near-maximal performances of the last year."""
    in_window = [
        (p, vdot) for p, vdot in _rated(performances) if 0 <= (on - p.date).days <= LOOKBACK_DAYS
    ]
    return _weighted(in_window, on)


def latest_fitness(performances: Sequence[Performance], on: dt.date) -> Fitness | None:
    """Current fitness; when the last year holds nothing, the fitness the log last showed:
    as of its newest performance (``Fitness.on`` says how old it is). None without any."""
    fitness = current_fitness(performances, on)
    if fitness is not None:
        return fitness
    dates = [p.date for p, _vdot in _rated(performances) if p.date <= on]
    last = None if not dates else current_fitness(performances, max(dates))
    if last is None:
        return None
    newest = max(w.performance.date for w in last.used)  # of those near the best level
    return current_fitness(performances, newest)


def _weighted(candidates: Sequence[tuple[Performance, float]], on: dt.date) -> Fitness | None:
    if not candidates:
        return None
    best = max(vdot for _p, vdot in candidates)
    kept = tuple(
        WeightedPerformance(p, vdot, _weight(p, on))
        for p, vdot in candidates
        if vdot >= SUBMAXIMAL_SHARE * best
    )
    total = sum(c.weight for c in kept)
    vdot = sum(c.vdot * c.weight for c in kept) / total
    return Fitness(on, vdot, kept)


def fitness_history(performances: Sequence[Performance], dates: Sequence[dt.date]) -> list[Fitness]:
    """Fitness on each of ``dates`` (only performances up to that date count)."""
    return [f for f in fitness_on(performances, dates) if f is not None]


def fitness_on(
    performances: Sequence[Performance], dates: Sequence[dt.date]
) -> list[Fitness | None]:
    """Fitness on each of ``dates``, None where the year before holds no performance."""
    rated = sorted(_rated(performances), key=lambda pair: pair[0].date)
    days = [p.date for p, _vdot in rated]
    found = []
    for on in dates:
        since = on - dt.timedelta(days=LOOKBACK_DAYS)  # the window of current_fitness
        found.append(_weighted(rated[bisect_left(days, since) : bisect_right(days, on)], on))
    return found


def monthly_dates(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first of each month from ``start``'s month to ``end``, then ``end`` itself."""
    if end < start:
        raise InvalidInput(
            "the history's end comes before its start", hint="e.g. 2026-01-01..2026-11-01"
        )
    dates, day = [], dt.date(start.year, start.month, 1)
    while day < end:
        dates.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return [*dates, end]
