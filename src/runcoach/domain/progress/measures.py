"""Measures of progress over any period: volume, run days, streaks, intensity distribution.

Days and weeks are the athlete's (time zone given by the caller, ISO weeks from Monday).
Only runs count toward running volume and run days; cross-training counts toward load only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from enum import StrEnum

from runcoach.domain.days import DAYS_PER_WEEK, local_day, week_start, weeks_between
from runcoach.domain.run.runs import Run
from runcoach.domain.units import Pace

STREAK_RUN_DAYS = 4  # run days a week the system asks for (SPEC principle 1: consistency)
EASY_SPEED_FRACTION = 0.88  # below ~88 % of threshold speed is easy (LT1, Seiler 2010; 0.85-0.90)
HARD_SPEED_FRACTION = 1.0  # at or above threshold speed is hard (LT2, Seiler 2010 zone 3)
EASY_HR_FRACTION = 0.82  # below 82 % of max heart rate is easy (Seiler & Kjerland 2006)
HARD_HR_FRACTION = 0.87  # above 87 % of max heart rate is hard (Seiler & Kjerland 2006)


def _day(run: Run, tz: tzinfo) -> date:
    return local_day(run.start, tz)


def runs_in(runs: Iterable[Run], first: date, last: date, tz: tzinfo) -> list[Run]:
    """The runs (not cross-training) whose local day falls in ``first`` .. ``last``."""
    return [run for _day_of_run, run in days_and_runs(runs, first, last, tz)]


def days_and_runs(
    runs: Iterable[Run], first: date, last: date, tz: tzinfo
) -> list[tuple[date, Run]]:
    """``runs_in`` with each run's local day, worked out once (a decade holds 3,000 runs)."""
    found = []
    for run in runs:
        if run.is_run:
            day = _day(run, tz)
            if first <= day <= last:
                found.append((day, run))
    return found


@dataclass(frozen=True)
class Totals:
    first: date
    last: date
    runs: int
    run_days: int
    distance_m: float
    duration_s: float
    ascent_m: float
    longest_run_m: float
    longest_run_id: int | None
    run_days_per_week: float


def totals(runs: Iterable[Run], first: date, last: date, tz: tzinfo) -> Totals:
    """Distance, time, ascent, run days and the longest run in ``first`` .. ``last``."""
    dated = days_and_runs(runs, first, last, tz)
    chosen = [run for _day_of_run, run in dated]
    longest = max(chosen, key=lambda r: r.distance_m or 0.0, default=None)
    days = {day for day, _run in dated}
    weeks = ((last - first).days + 1) / DAYS_PER_WEEK
    return Totals(
        first=first,
        last=last,
        runs=len(chosen),
        run_days=len(days),
        distance_m=sum(r.distance_m or 0.0 for r in chosen),
        duration_s=sum(r.duration_s or 0.0 for r in chosen),
        ascent_m=sum(r.ascent_m or 0.0 for r in chosen),
        longest_run_m=(longest.distance_m or 0.0) if longest else 0.0,
        longest_run_id=longest.id if longest else None,
        run_days_per_week=len(days) / weeks,
    )


@dataclass(frozen=True)
class WeekVolume:
    week_start: date
    runs: int
    run_days: int
    distance_m: float
    duration_s: float


def weekly_volume(runs: Iterable[Run], first: date, last: date, tz: tzinfo) -> list[WeekVolume]:
    """One row per ISO week touching the period, empty weeks included."""
    by_week: dict[date, list[tuple[date, Run]]] = defaultdict(list)
    for day, run in days_and_runs(runs, week_start(first), last, tz):
        by_week[week_start(day)].append((day, run))
    return [_week(monday, by_week.get(monday, [])) for monday in weeks_between(first, last)]


def _week(monday: date, dated: Sequence[tuple[date, Run]]) -> WeekVolume:
    return WeekVolume(
        week_start=monday,
        runs=len(dated),
        run_days=len({day for day, _run in dated}),
        distance_m=sum(run.distance_m or 0.0 for _day_of_run, run in dated),
        duration_s=sum(run.duration_s or 0.0 for _day_of_run, run in dated),
    )


@dataclass(frozen=True)
class Streak:
    weeks: int
    first_week: date  # Monday of the streak's first week
    last_week: date  # Monday of its last week


@dataclass(frozen=True)
class Streaks:
    min_run_days: int
    current: Streak | None  # alive at the given day; the week in progress counts once it qualifies
    longest: Streak | None


def week_counts(run_days: Iterable[date], today: date) -> dict[date, int]:
    """Run days in each ISO week (keyed by its Monday), up to ``today``."""
    per_week: dict[date, int] = defaultdict(int)
    for day in set(run_days):
        if day <= today:
            per_week[week_start(day)] += 1
    return dict(per_week)


def week_streaks(run_days: Iterable[date], today: date, min_run_days: int) -> Streaks:
    """Streaks of consecutive ISO weeks with at least ``min_run_days`` run days."""
    return streaks_from_weeks(week_counts(run_days, today), today, min_run_days)


def streaks_from_weeks(per_week: Mapping[date, int], today: date, min_run_days: int) -> Streaks:
    """The same, from run days per week (the compact form a store can aggregate)."""
    this_week = week_start(today)
    good = sorted(m for m, n in per_week.items() if n >= min_run_days and m <= this_week)
    runs_of_weeks = _consecutive(good)
    longest = max(runs_of_weeks, key=lambda s: (s.weeks, s.last_week), default=None)
    last_week = this_week - timedelta(days=DAYS_PER_WEEK)
    current = next((s for s in runs_of_weeks if s.last_week in (this_week, last_week)), None)
    return Streaks(min_run_days, current, longest)


def _consecutive(mondays: Sequence[date]) -> list[Streak]:
    streaks: list[Streak] = []
    for monday in mondays:
        previous = streaks[-1] if streaks else None
        if previous and monday - previous.last_week == timedelta(days=DAYS_PER_WEEK):
            streaks[-1] = Streak(previous.weeks + 1, previous.first_week, monday)
        else:
            streaks.append(Streak(1, monday, monday))
    return streaks


class Intensity(StrEnum):
    EASY = "easy"
    MODERATE = "moderate"
    HARD = "hard"


@dataclass(frozen=True)
class IntensitySplit:
    """Time in each intensity zone, seconds; ``unknown_s`` had no pace or heart rate."""

    basis: str  # "pace" or "heart rate"
    easy_s: float = 0.0
    moderate_s: float = 0.0
    hard_s: float = 0.0
    unknown_s: float = 0.0

    def share(self, zone: Intensity) -> float | None:
        known = self.easy_s + self.moderate_s + self.hard_s
        if known <= 0:
            return None
        by_zone = {
            Intensity.EASY: self.easy_s,
            Intensity.MODERATE: self.moderate_s,
            Intensity.HARD: self.hard_s,
        }
        return by_zone[zone] / known


def _segments(run: Run) -> list[tuple[float, float | None, float | None]]:
    """(seconds, metres, average heart rate) of each lap, or of the whole run without laps."""
    laps = [lap for lap in run.laps if (lap.moving_s or lap.elapsed_s) > 0]
    if laps:
        return [(lap.moving_s or lap.elapsed_s, lap.distance_m, lap.avg_hr) for lap in laps]
    return [(run.duration_s or 0.0, run.distance_m, run.avg_hr)]


def pace_zone(seconds: float, metres: float | None, threshold: Pace) -> Intensity | None:
    return _speed_zone(seconds, metres, threshold.speed_m_per_s)


def _speed_zone(seconds: float, metres: float | None, threshold_m_s: float) -> Intensity | None:
    if not metres or seconds <= 0:
        return None
    fraction = (metres / seconds) / threshold_m_s
    if fraction < EASY_SPEED_FRACTION:
        return Intensity.EASY
    return Intensity.HARD if fraction >= HARD_SPEED_FRACTION else Intensity.MODERATE


def heart_rate_zone(avg_hr: float | None, max_hr: float) -> Intensity | None:
    if avg_hr is None:
        return None
    fraction = avg_hr / max_hr
    if fraction < EASY_HR_FRACTION:
        return Intensity.EASY
    return Intensity.HARD if fraction > HARD_HR_FRACTION else Intensity.MODERATE


def intensity_by_pace(runs: Iterable[Run], threshold: Pace) -> IntensitySplit:
    """Time easy / moderate / hard from each lap's average pace against threshold pace."""
    speed = threshold.speed_m_per_s  # once, not once a lap
    zones = ((_speed_zone(t, m, speed), t) for run in runs for t, m, _hr in _segments(run))
    return _split("pace", zones)


def intensity_by_heart_rate(runs: Iterable[Run], max_hr: float) -> IntensitySplit:
    """Time easy / moderate / hard from each lap's average heart rate against max HR."""
    zones = ((heart_rate_zone(hr, max_hr), t) for run in runs for t, _m, hr in _segments(run))
    return _split("heart rate", zones)


def intensity_splits(
    runs: Iterable[Run], threshold: Pace | None, max_hr: float | None
) -> tuple[IntensitySplit | None, IntensitySplit | None]:
    """``intensity_by_pace`` and ``intensity_by_heart_rate`` (None without their basis) in
    one pass over the laps: the same sums in the same order."""
    speed = threshold.speed_m_per_s if threshold is not None else None
    by_pace: dict[Intensity | None, float] = defaultdict(float)
    by_hr: dict[Intensity | None, float] = defaultdict(float)
    for run in runs:
        for t, m, hr in _segments(run):
            if speed is not None:
                by_pace[_speed_zone(t, m, speed)] += t
            if max_hr is not None:
                by_hr[heart_rate_zone(hr, max_hr)] += t
    pace = _split("pace", by_pace.items()) if speed is not None else None
    hr_split = _split("heart rate", by_hr.items()) if max_hr is not None else None
    return pace, hr_split


def _split(basis: str, zones: Iterable[tuple[Intensity | None, float]]) -> IntensitySplit:
    seconds: dict[Intensity | None, float] = defaultdict(float)
    for zone, duration in zones:
        seconds[zone] += duration
    return IntensitySplit(
        basis,
        seconds[Intensity.EASY],
        seconds[Intensity.MODERATE],
        seconds[Intensity.HARD],
        seconds[None],
    )


def same_period_last_year(first: date, last: date) -> tuple[date, date]:
    """The same calendar dates a year earlier (29 February becomes the 28th)."""
    return _year_earlier(first), _year_earlier(last)


def _year_earlier(day: date) -> date:
    if day.month == 2 and day.day == 29:
        return date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


BENCHMARK_TYPES = ("tempo", "intervals", "progression", "hills")  # key sessions worth repeating
BENCHMARK_DISTANCE_STEP_M = 1000.0  # runs within the same whole km count as one session, m


@dataclass(frozen=True)
class BenchmarkRun:
    name: str
    run_id: int | None
    day: date
    pace: Pace


def work_pace(run: Run) -> Pace | None:
    """The pace of the work: the laps the device marked active, else the whole run."""
    active = [lap for lap in run.laps if lap.intensity == "active" and lap.distance_m]
    seconds = sum(lap.moving_s or lap.elapsed_s for lap in active)
    metres = sum(lap.distance_m or 0.0 for lap in active)
    if active and seconds > 0 and metres > 0:
        return Pace.from_distance_time(metres, seconds)
    return run.pace


def benchmark_runs(runs: Iterable[Run], tz: tzinfo) -> list[BenchmarkRun]:
    """Quality sessions of the same type and about the same distance, repeated at least twice.

    Without a plan that names its benchmark workouts, "the same session again" is the same
    workout type over the same whole number of kilometres ("tempo, 8 km").
    """
    groups: dict[str, list[BenchmarkRun]] = defaultdict(list)
    for run in runs:
        kind = run.workout_type.value if run.workout_type else None
        if kind not in BENCHMARK_TYPES or not run.distance_m:
            continue
        pace = work_pace(run)
        if pace is None:
            continue
        km = round(run.distance_m / BENCHMARK_DISTANCE_STEP_M)
        name = f"{kind}, {km:g} km"
        groups[name].append(BenchmarkRun(name, run.id, _day(run, tz), pace))
    repeated = [item for group in groups.values() if len(group) > 1 for item in group]
    return sorted(repeated, key=lambda b: (b.name, b.day))


@dataclass(frozen=True)
class PlannedVsDone:
    """One plan week beside what was done (``domain/progress/compliance.py`` matches the runs)."""

    week_start: date
    planned_sessions: int
    done_sessions: int
    planned_distance_m: float
    done_distance_m: float

    @property
    def complete(self) -> bool:
        return self.planned_sessions > 0 and self.done_sessions >= self.planned_sessions
