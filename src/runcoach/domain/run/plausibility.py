"""Whole records that cannot be: a run no person did, whatever the file says.

A damaged or hostile file can hold a "run" of 42,785 km, 1,475 km in 19:55, an elapsed time
of 3.5e9 s (111 years) or a start in 2139. Such a record is not a glitch inside a good run
(those are smoothed where they are read) but a record to keep out of the log: the import
quarantines it with the reasons given here, so that it never feeds totals, reports or
fitness, and the runner can look at it and release it. Each bound is far past what any
person has done, so that no real run, ride or multi-day race is ever held back.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from runcoach.domain.run.runs import Run
from runcoach.domain.units import format_distance, format_duration

EARLIEST_START = datetime(1990, 1, 1, tzinfo=UTC)  # the FIT epoch is 1989-12-31: an earlier
# start is a watch whose clock was never set (the first GPS sports watches came in 2003)
MAX_AHEAD = timedelta(days=1)  # a start this far past the import's clock: time zones and a
# slightly fast watch fit in a day; more is a clock that is wrong
MAX_DISTANCE_M = 5_000_000.0  # m; 5,000 km: Race Across America (4,800 km, ridden in 8-12
# days) is the longest non-stop race; the 6-day running record is 1,036 km (Kouros, 1984)
MAX_ELAPSED_S = 31 * 86_400.0  # s; 31 days: longer than any non-stop race recorded as one
MAX_AVERAGE_SPEED_M_S = 20.0  # m/s (72 km/h) over a whole activity: above the cycling hour
# record's 15.8 m/s (Ganna, 2022) and any average a person moves at without a motor
SPEED_CHECK_FROM_M = 1_000.0  # m; shorter activities are left to the glitch checks (a GPS
# jump in a 30-second recording is not a record that cannot be)


def impossible(run: Run, now: datetime) -> list[str]:
    """Why ``run`` cannot be a real activity (empty when it can), in the runner's words."""
    reasons = _broken_numbers(run)
    if reasons:
        return reasons
    reasons += _date_reasons(run, now)
    distance_m, elapsed_s = run.distance_m, run.elapsed_s
    if distance_m is not None and distance_m > MAX_DISTANCE_M:
        reasons.append(
            f"{format_distance(distance_m, digits=0)} in one activity is more than any race "
            f"(at most {format_distance(MAX_DISTANCE_M, digits=0)})"
        )
    if elapsed_s is not None and elapsed_s > MAX_ELAPSED_S:
        reasons.append(
            f"an elapsed time of {_long_duration(elapsed_s)} is longer than any activity "
            f"(at most {MAX_ELAPSED_S / 86_400:.0f} days)"
        )
    reasons += _speed_reasons(run)
    return reasons


def _broken_numbers(run: Run) -> list[str]:
    reasons = []
    for label, value in (
        ("distance", run.distance_m),
        ("elapsed time", run.elapsed_s),
        ("moving time", run.moving_s),
    ):
        if value is not None and (not math.isfinite(value) or value < 0):
            reasons.append(f"its {label} is {value}, not a measurement")
    return reasons


def _date_reasons(run: Run, now: datetime) -> list[str]:
    if run.start < EARLIEST_START:
        return [f"it starts on {run.start.date()}, before {EARLIEST_START.year}: a clock never set"]
    if run.start > now + MAX_AHEAD:
        return [f"it starts on {run.start.date()}, in the future: a wrong clock"]
    return []


def _speed_reasons(run: Run) -> list[str]:
    distance_m = run.distance_m
    time_s = run.elapsed_s or run.moving_s
    if distance_m is None or not time_s or distance_m < SPEED_CHECK_FROM_M:
        return []
    speed = distance_m / time_s
    if speed <= MAX_AVERAGE_SPEED_M_S:
        return []
    return [
        f"{format_distance(distance_m, digits=1)} in {_long_duration(time_s)} is "
        f"{speed * 3.6:,.0f} km/h on average, faster than anyone moves without a motor"
    ]


def _long_duration(seconds: float) -> str:
    if seconds < 4 * 86_400:
        return format_duration(seconds)
    return f"{seconds / 86_400:,.0f} days"
