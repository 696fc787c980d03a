"""Body weight and resting heart rate over time, from the morning check-ins.

One reading is noisy (weight swings 1-2 kg with water and food; the resting heart rate a few
beats with sleep, coffee and how it is measured), so the trend is told as a 7-day average
and its change over 4 weeks, never as the day-to-day difference.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from statistics import fmean

from runcoach.domain.units import UnitSystem, counted, format_weight

AVERAGE_DAYS = 7  # a week's readings averaged: a day's swings (water, sleep) smooth out, days
CHANGE_DAYS = 28  # the trend: this week's average against the one 4 weeks before, days
RESTING_HR_RISE_BPM = 5.0  # a morning resting heart rate this far over the week before, bpm
RESTING_HR_RISE_DAYS = 3  # ... on this many mornings in a row (coaching practice: 2-3)
MIN_BASELINE_READINGS = 3  # readings needed in the week before to call a rise, of 7

SOURCE_RESTING_HR_RISE = (
    "Dressendorfer, Wade & Scaff 1985, 'Increased morning heart rate in runners: a valid sign "
    "of overtraining?', Phys Sportsmed 13(8): the morning heart rate of 12 runners who doubled "
    "their mileage rose by 10 bpm; a rise also comes with illness, heat, alcohol or poor "
    "sleep. 5 bpm over the week before on 3 mornings in a row is a coaching rule of thumb"
)


@dataclass(frozen=True)
class Reading:
    day: date
    value: float


@dataclass(frozen=True)
class BodyTrend:
    """Where a measure stands: the latest reading, the 7-day average up to it, and that
    average's change over 4 weeks (None without readings 4 weeks earlier)."""

    latest: Reading
    average: float  # of the readings of the 7 days up to the latest
    readings: int  # how many readings that average rests on
    change: float | None  # average minus the average of the 7 days 4 weeks earlier
    points: list[Reading]  # every reading of the span, oldest first, for charts
    averages: list[Reading]  # the 7-day average on each day with a reading


def _week_before(readings: Sequence[Reading], last: date) -> list[float]:
    first = last - timedelta(days=AVERAGE_DAYS - 1)
    return [r.value for r in readings if first <= r.day <= last]


class _Weeks:
    """The 7-day averages of sorted readings, each in O(log n) (a decade: 3,650 points)."""

    def __init__(self, readings: Sequence[Reading]) -> None:
        self.days = [r.day for r in readings]
        self.sums = list(accumulate((r.value for r in readings), initial=0.0))

    def up_to(self, last: date) -> tuple[float, int] | None:
        """The average of the readings of the 7 days up to ``last``, and how many."""
        end = bisect_right(self.days, last)
        start = bisect_left(self.days, last - timedelta(days=AVERAGE_DAYS - 1))
        count = end - start
        return ((self.sums[end] - self.sums[start]) / count, count) if count else None


def body_trend(readings: Iterable[Reading], first: date, last: date) -> BodyTrend | None:
    """The trend of the readings up to ``last`` with points from ``first``; None when no
    reading falls in ``first`` .. ``last``."""
    known = sorted((r for r in readings if r.day <= last), key=lambda r: r.day)
    points = [r for r in known if r.day >= first]
    if not points:
        return None
    weeks = _Weeks(known)
    latest = points[-1]
    average, count = weeks.up_to(latest.day) or (latest.value, 1)
    earlier = weeks.up_to(latest.day - timedelta(days=CHANGE_DAYS))
    change = average - earlier[0] if earlier else None
    averages = [Reading(p.day, (weeks.up_to(p.day) or (p.value, 1))[0]) for p in points]
    return BodyTrend(latest, average, count, change, points, averages)


@dataclass(frozen=True)
class RestingHrRise:
    """Resting heart rate over its baseline on the last mornings up to ``day``."""

    day: date
    baseline: float  # the average of the week before the rise, bpm
    readings: list[Reading]  # the mornings of the rise, oldest first


def resting_hr_rise(readings: Iterable[Reading], day: date) -> RestingHrRise | None:
    """A rise of 5+ bpm over the week before on each of the 3 mornings up to ``day``."""
    by_day = {r.day: r for r in readings}
    start = day - timedelta(days=RESTING_HR_RISE_DAYS - 1)
    rise = [by_day.get(start + timedelta(days=k)) for k in range(RESTING_HR_RISE_DAYS)]
    baseline = _week_before(list(by_day.values()), start - timedelta(days=1))
    if any(r is None for r in rise) or len(baseline) < MIN_BASELINE_READINGS:
        return None
    mornings = [r for r in rise if r is not None]
    usual = fmean(baseline)
    if all(r.value >= usual + RESTING_HR_RISE_BPM for r in mornings):
        return RestingHrRise(day, usual, mornings)
    return None


def weight_words(trend: BodyTrend, system: UnitSystem) -> str:
    """ "weight 70.7 kg on 2026-12-02; 7-day average 70.4 kg (7 readings), -0.8 kg over 4
    weeks", in the runner's units."""
    return _trend_words("weight", trend, lambda kg: format_weight(kg, system))


def resting_hr_words(trend: BodyTrend) -> str:
    return _trend_words("resting heart rate", trend, lambda bpm: f"{round(bpm, 1):g} bpm")


def _trend_words(name: str, trend: BodyTrend, shown: Callable[[float], str]) -> str:
    line = (
        f"{name} {shown(trend.latest.value)} on {trend.latest.day}; 7-day average "
        f"{shown(trend.average)} ({counted(trend.readings, 'reading')})"
    )
    if trend.change is not None:
        line += f", {'+' if trend.change >= 0 else ''}{shown(trend.change)} over 4 weeks"
    return line
