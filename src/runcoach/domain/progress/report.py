"""A progress report as data: the period it covers and every measure in it.

Services build a ``Report`` from the log; the CLI, the web pages and the exporters (charts,
the printable weekly report) present it. Nothing here reads or computes: it is the shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from runcoach.domain.days import week_start
from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.body import BodyTrend, resting_hr_words, weight_words
from runcoach.domain.hints import Do, Hint
from runcoach.domain.progress.habits import HabitCounts, counts_words
from runcoach.domain.progress.load import DayState, RunLoad, WeekStrain, WorkloadRatio
from runcoach.domain.progress.measures import (
    BenchmarkRun,
    IntensitySplit,
    PlannedVsDone,
    Streaks,
    Totals,
    WeekVolume,
)
from runcoach.domain.progress.variety import Variety
from runcoach.domain.progress.wins import GoalMet, MiniWorkout, Win
from runcoach.domain.units import UnitSystem


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def resolve_period(
    kind: PeriodKind, today: date, first: date | None = None, last: date | None = None
) -> Period:
    """The week (ISO, from Monday), month or year holding ``today``, or ``first`` .. ``last``."""
    if kind is PeriodKind.CUSTOM:
        if first is None or last is None:
            raise InvalidInput(
                "a custom period needs both its first and its last day",
                hint=Hint(Do.GIVE_PERIOD, "for example 2026-01-01 to 2026-03-31"),
            )
        if last < first:
            raise InvalidInput(
                f"the period ends ({last}) before it starts ({first})",
                hint=Hint(Do.GIVE_PERIOD, "the first day is on or before the last"),
            )
        return Period(kind, first, last)
    if kind is PeriodKind.WEEK:
        monday = week_start(today)
        return Period(kind, monday, monday + timedelta(days=6))
    if kind is PeriodKind.MONTH:
        following = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        return Period(kind, today.replace(day=1), following - timedelta(days=1))
    return Period(kind, date(today.year, 1, 1), date(today.year, 12, 31))


@dataclass(frozen=True)
class PredictionPoint:
    """A race prediction on a day, and the model and fitness it comes from."""

    day: date
    distance_m: float
    time_s: float
    source: str


def latest_predictions(points: Sequence[PredictionPoint]) -> list[PredictionPoint]:
    """The newest prediction for each distance, shortest distance first."""
    newest: dict[float, PredictionPoint] = {}
    for point in sorted(points, key=lambda p: p.day):
        newest[point.distance_m] = point
    return [newest[d] for d in sorted(newest)]


@dataclass(frozen=True)
class PlanFacts:
    """What the active plan says about a period: planned vs done, minis done, goals met."""

    weeks: list[PlannedVsDone] = field(default_factory=list)
    minis: list[MiniWorkout] = field(default_factory=list)
    goals: list[GoalMet] = field(default_factory=list)
    source: str = ""  # which plan, for the report to say


@dataclass(frozen=True)
class LoadSummary:
    basis: list[str]  # where the threshold pace and heart-rate profile come from
    runs: list[RunLoad]  # the period's run loads, each with its method
    methods: dict[str, int]  # runs per method in the period
    days: list[DayState]  # fitness, fatigue, form for each day from trend_start(period)
    ramp_rate: float | None  # fitness change over the last 7 days of the period
    weeks: list[WeekStrain]  # monotony and strain of each ISO week of the period
    workload_ratio: WorkloadRatio


@dataclass(frozen=True)
class RunLine:
    """One run of the period as a report lists it."""

    run_id: int | None
    day: date
    name: str | None
    workout_type: str | None
    distance_m: float | None
    duration_s: float | None
    avg_hr: float | None
    load: float | None
    load_method: str | None


@dataclass(frozen=True)
class LongSummary:
    """What the report of a period longer than a year counts instead of showing it all
    (``domain/progress/summary.py``): its wins by kind and its runs, and where to see them."""

    wins_by_kind: dict[str, int]  # every win of the period, by kind
    wins_total: int
    wins_shown: int  # in ``Report.wins``: records first, then the most recent
    runs_total: int
    runs_shown: int  # in ``Report.runs`` and ``LoadSummary.runs``: races, longest, most recent
    every_win: str  # where every win of the period is listed (a Pointer: each door says it)
    every_run: str  # where every run of the period is listed (a Pointer)


OMIT_WHEN_NONE = {"json": "omit when None"}  # left out of the JSON when None (views/json.py)


TREND_WEEKS = 12  # weeks of context shown with a short period's charts


def trend_start(period: Period) -> date:
    """Where charts start: the period's first day, or 12 weeks before its end if earlier."""
    twelve = week_start(period.last) - timedelta(weeks=TREND_WEEKS - 1)
    return min(period.first, twelve)


@dataclass(frozen=True)
class Report:
    period: Period
    today: date
    units: UnitSystem
    totals: Totals
    weeks: list[WeekVolume]
    streak_four_days: Streaks
    streak_any_run: Streaks
    intensity_pace: IntensitySplit | None
    intensity_heart_rate: IntensitySplit | None
    load: LoadSummary
    variety: Variety
    wins: list[Win]
    this_year: Totals
    last_year: Totals
    benchmarks: list[BenchmarkRun]
    runs: list[RunLine] = field(default_factory=list)
    trend_weeks: list[WeekVolume] = field(default_factory=list)  # from trend_start(period)
    planned: list[PlannedVsDone] = field(default_factory=list)
    predictions: list[PredictionPoint] = field(default_factory=list)
    plan_source: str = ""  # the plan that planned vs done comes from
    habits: HabitCounts | None = None  # the habits told in the period's check-ins
    weight: BodyTrend | None = None  # body weight, kg, from trend_start(period)
    resting_hr: BodyTrend | None = None  # morning resting heart rate, bpm
    summary: LongSummary | None = field(default=None, metadata=OMIT_WHEN_NONE)  # long periods


def habit_lines(report: Report) -> list[str]:
    """The period's habits, body weight and resting heart rate, a line each, for a person."""
    lines = [f"habits: {counts_words(report.habits)}"] if report.habits else []
    if report.weight is not None:
        lines.append(weight_words(report.weight, report.units))
    if report.resting_hr is not None:
        lines.append(resting_hr_words(report.resting_hr))
    return lines
