"""The progress report for a period: measures, load, variety, wins, from the log.

What is read is bounded by the period, not by the history: the period's runs plus the load
warm-up (``LOAD_WARMUP_DAYS`` before it), the same dates a year earlier, and a few aggregates
(counts, best times, run days). The plan, race predictions and the threshold pace come in
through ``ReportHooks`` (fed by ``services/report_hooks.py``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta, tzinfo
from itertools import takewhile

from runcoach.domain.days import DAYS_PER_WEEK, day_bounds_utc, local_day, week_start
from runcoach.domain.fitness.body import BodyTrend, Reading, body_trend
from runcoach.domain.progress.habits import HABIT_LOOKBACK_WEEKS, HabitLog, habit_counts, habit_wins
from runcoach.domain.progress.load import (
    LOAD_WARMUP_DAYS,
    LoadBasis,
)
from runcoach.domain.progress.measures import (
    STREAK_RUN_DAYS,
    BenchmarkRun,
    Streaks,
    Totals,
    WeekVolume,
    benchmark_runs,
    intensity_splits,
    runs_in,
    same_period_last_year,
    streaks_from_weeks,
    totals,
    weekly_volume,
)
from runcoach.domain.progress.report import (
    LoadSummary,
    LongSummary,
    Period,
    PeriodKind,
    PlanFacts,
    PredictionPoint,
    Report,
    RunLine,
    resolve_period,
    trend_start,
)
from runcoach.domain.progress.summary import (
    digest_wins,
    is_long,
    long_summary,
    notable_runs,
)
from runcoach.domain.progress.variety import variety
from runcoach.domain.progress.wins import PlanWeek, Win, WinHistory, WinInputs, detect_wins
from runcoach.domain.run.runs import Run
from runcoach.domain.units import UnitSystem
from runcoach.services.report_load import Threshold, load_basis, load_summary
from runcoach.services.runlog import AthleteProfile, RunLog, win_history


@dataclass(frozen=True)
class ReportHooks:
    """What other modules add to a report: the plan, race predictions, the threshold pace.

    ``services/report_hooks.py`` feeds them from the store (the active plan through
    ``domain/progress/compliance.py``, predictions and threshold from the fitness model, habits from
    the check-ins). The plan is asked for the period; predictions and threshold for the
    charts' span (from ``trend_start``) up to the period's last day gone by; habits from
    ``HABIT_LOOKBACK_WEEKS`` before the period (weeks in a row) to its end.
    """

    plan: Callable[[date, date], PlanFacts] | None = None
    predictions: Callable[[date, date], Sequence[PredictionPoint]] | None = None
    threshold: Callable[[date, date], Threshold | None] | None = None
    habits: Callable[[date, date], HabitLog] | None = None  # check-ins and run days


def build_report(
    log: RunLog,
    athlete: AthleteProfile,
    period: Period,
    today: date,
    units: UnitSystem = UnitSystem.METRIC,
    hooks: ReportHooks | None = None,
) -> Report:
    """Every measure of ``period`` from ``log``, reading only what the period needs."""
    with cycle_collector_paused():
        return _build_report(log, athlete, period, today, units, hooks or ReportHooks())


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a report is built, and let it run after.

    A decade's report makes some 10^5 small objects (runs, laps, days, loads) without
    reference cycles; the collector would walk the whole heap again and again while they
    are made (a tenth to a quarter of the time, measured with benchmarks/reports.py).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build_report(
    log: RunLog,
    athlete: AthleteProfile,
    period: Period,
    today: date,
    units: UnitSystem,
    hooks: ReportHooks,
) -> Report:
    tz = athlete.tz
    warm_first = period.first - timedelta(days=LOAD_WARMUP_DAYS)
    window = log.runs(*day_bounds_utc(warm_first, period.last, tz))
    inside = runs_in(window, period.first, period.last, tz)
    until = min(today, period.last)
    span = (trend_start(period), until) if until >= trend_start(period) else None
    threshold = hooks.threshold(*span) if hooks.threshold and span else None
    basis, basis_notes = load_basis(window, athlete, threshold)
    trend = weekly_volume(window, trend_start(period), period.last, tz)
    weeks = period_weeks(inside, trend, period, tz)  # a partial first week
    this_year, last_year = year_over_year(log, athlete, until)
    lines = notable_runs(inside) if is_long(period) else None  # a long period's run lines
    listed = None if lines is None else {r.id for r in lines}
    load = load_summary(window, period, until, athlete, basis, basis_notes, listed)
    benchmarks = [b for b in benchmark_runs(window, tz) if b.day <= period.last]
    plan = _plan_facts(hooks, period)
    habits = _habit_log(hooks, period)
    seen = _Seen(window, inside, benchmarks, plan, habits)
    shown = wins_and_runs(log, athlete, period, today, units, hooks, seen, load, lines)
    by_pace, by_heart_rate = intensity_splits(inside, basis.threshold_pace, _max_hr(inside, basis))
    return Report(
        period=period,
        today=today,
        units=units,
        totals=totals(inside, period.first, period.last, tz),
        weeks=weeks,
        streak_four_days=current_streaks(log, athlete, until, STREAK_RUN_DAYS),
        streak_any_run=current_streaks(log, athlete, until, 1),
        intensity_pace=by_pace,
        intensity_heart_rate=by_heart_rate,
        load=shown.load,
        variety=variety(inside, log.start_points([r.id for r in inside if r.id]), units),
        wins=shown.wins,
        this_year=this_year,
        last_year=last_year,
        benchmarks=benchmarks,
        runs=shown.runs,
        trend_weeks=trend,
        planned=plan.weeks,
        predictions=list(hooks.predictions(*span)) if hooks.predictions and span else [],
        plan_source=plan.source,
        habits=habit_counts(habits, period.first, until),
        weight=_trend(habits, "weight_kg", trend_start(period), until),
        resting_hr=_trend(habits, "resting_hr", trend_start(period), until),
        summary=shown.summary,
    )


@dataclass(frozen=True)
class _Shown:
    """The wins, run lines and run loads a report shows, and a long period's summary."""

    wins: list[Win]
    runs: list[RunLine]
    load: LoadSummary
    summary: LongSummary | None = None


def wins_and_runs(
    log: RunLog,
    athlete: AthleteProfile,
    period: Period,
    today: date,
    units: UnitSystem,
    hooks: ReportHooks,
    seen: _Seen,
    load: LoadSummary,
    lines: Sequence[Run] | None = None,
) -> _Shown:
    """Every win and run of a week, month or year; of a longer period the notable and most
    recent ones, with the counts of all (``domain/progress/summary.py``)."""
    tz = athlete.tz
    if not is_long(period):
        wins = period_wins(log, athlete, period, today, units, hooks, seen)
        return _Shown(wins, run_lines(seen.inside, load, tz), load)
    inputs, history = _win_inputs(log, athlete, period, seen)
    habit = habit_wins(seen.habits, period.first, period.last, today)
    digest = digest_wins(inputs, tz, min(today, period.last), units, history, habit)
    runs = notable_runs(seen.inside) if lines is None else lines
    ids = {r.id for r in runs}
    load = replace(load, runs=[item for item in load.runs if item.run_id in ids])
    summary = long_summary(digest, len(seen.inside), len(runs), period)
    return _Shown(digest.shown, run_lines(runs, load, tz), load, summary)


def _max_hr(runs: Sequence[Run], basis: LoadBasis) -> float | None:
    """The maximum heart rate the intensity split is measured against, when a run has one."""
    if basis.heart_rate and any(r.avg_hr is not None for r in runs):
        return basis.heart_rate.max_hr
    return None


def _trend(habits: HabitLog, measure: str, first: date, last: date) -> BodyTrend | None:
    readings = [Reading(day, value) for day, told in habits.days.items()
                if (value := getattr(told, measure)) is not None]  # fmt: skip
    return body_trend(readings, first, last)


@dataclass(frozen=True)
class _Seen:
    """What ``build_report`` already read and worked out, handed on to the wins."""

    window: Sequence[Run]  # the period's activities and its load warm-up
    inside: Sequence[Run]  # the period's runs
    benchmarks: Sequence[BenchmarkRun]  # up to the period's end
    plan: PlanFacts
    habits: HabitLog  # check-ins and run days, from HABIT_LOOKBACK_WEEKS before the period


def period_weeks(
    inside: Sequence[Run], trend: list[WeekVolume], period: Period, tz: tzinfo
) -> list[WeekVolume]:
    """``weekly_volume`` of the period's runs. When the charts' trend starts on the period's
    first day (a year, a long period), its weeks after the first hold the same runs: only
    the first week is counted again, from the period's runs (the trend's also holds the
    load warm-up's runs of that week before the first day)."""
    if trend_start(period) != period.first or len(trend) < 2:
        return weekly_volume(inside, period.first, period.last, tz)
    sunday = week_start(period.first) + timedelta(days=DAYS_PER_WEEK - 1)
    head = list(takewhile(lambda run: local_day(run.start, tz) <= sunday, inside))
    return weekly_volume(head, period.first, sunday, tz) + trend[1:]


def run_lines(runs: Sequence[Run], load: LoadSummary, tz: tzinfo) -> list[RunLine]:
    """The period's runs, newest last, each with its load and the method behind it."""
    by_id = {item.run_id: item for item in load.runs if item.run_id is not None}
    lines = []
    for run in runs:
        item = by_id.get(run.id) if run.id is not None else None
        kind = run.workout_type.value if run.workout_type else None
        lines.append(RunLine(run.id, local_day(run.start, tz), run.name, kind, run.distance_m,
                             run.duration_s, run.avg_hr, item.load if item else None,
                             item.method.value if item else None))  # fmt: skip
    return lines


def current_streaks(log: RunLog, athlete: AthleteProfile, until: date, min_days: int) -> Streaks:
    """The streak alive at ``until`` and the longest, from run days per week."""
    _start, end = day_bounds_utc(until, until, athlete.tz)
    return streaks_from_weeks(log.run_days_per_week(end, athlete.tz), until, min_days)


def year_over_year(log: RunLog, athlete: AthleteProfile, until: date) -> tuple[Totals, Totals]:
    """This year to ``until`` against the same dates last year."""
    tz = athlete.tz
    first = date(until.year, 1, 1)
    last_first, last_until = same_period_last_year(first, until)
    return log.totals(first, until, tz), log.totals(last_first, last_until, tz)


def period_wins(
    log: RunLog,
    athlete: AthleteProfile,
    period: Period,
    today: date,
    units: UnitSystem,
    hooks: ReportHooks,
    seen: _Seen | None = None,
) -> list[Win]:
    """The wins of the period, judged against everything before it."""
    tz = athlete.tz
    if seen is None:
        warm_first = period.first - timedelta(days=LOAD_WARMUP_DAYS)
        window = log.runs(*day_bounds_utc(warm_first, period.last, tz))
        seen = _Seen(window, runs_in(window, period.first, period.last, tz),
                     benchmark_runs(window, tz), _plan_facts(hooks, period),
                     _habit_log(hooks, period))  # fmt: skip
    inputs, history = _win_inputs(log, athlete, period, seen)
    found = detect_wins(inputs, tz, min(today, period.last), units, history)
    found += habit_wins(seen.habits, period.first, period.last, today)
    return sorted(found, key=lambda w: (w.day, w.kind.value), reverse=True)


def _win_inputs(
    log: RunLog, athlete: AthleteProfile, period: Period, seen: _Seen
) -> tuple[WinInputs, WinHistory]:
    """What the wins of the period are found in, and what came before it."""
    tz = athlete.tz
    start, end = day_bounds_utc(period.first, period.last, tz)
    plan = seen.plan
    history = win_history(log, start, tz)
    earlier = {b.name: b.pace for b in seen.benchmarks if b.day < period.first}
    history = replace(history, benchmark_pace=earlier)
    plan_weeks = [PlanWeek(w.week_start, w.planned_sessions, w.done_sessions) for w in plan.weeks]
    inputs = WinInputs(
        runs=seen.inside,
        halves=log.halves([r.id for r in seen.inside if r.id is not None]),
        efforts=log.win_efforts(start, end),
        benchmarks=[b for b in seen.benchmarks if period.first <= b.day <= period.last],
        plan_weeks=plan_weeks,
        minis=plan.minis,
        goals=plan.goals,
    )
    return inputs, history


def wins_since(
    log: RunLog,
    athlete: AthleteProfile,
    since: date,
    today: date,
    units: UnitSystem,
    hooks: ReportHooks | None = None,
    until: date | None = None,
) -> list[Win]:
    """Every win from ``since`` to ``until`` (default ``today``), newest first."""
    period = resolve_period(PeriodKind.CUSTOM, today, since, until or today)  # checks the order
    return period_wins(log, athlete, period, today, units, hooks or ReportHooks())


def _habit_log(hooks: ReportHooks, period: Period) -> HabitLog:
    if hooks.habits is None:
        return HabitLog()
    first = period.first - timedelta(weeks=HABIT_LOOKBACK_WEEKS)
    return hooks.habits(min(first, trend_start(period)), period.last)


def _plan_facts(hooks: ReportHooks, period: Period) -> PlanFacts:
    return hooks.plan(period.first, period.last) if hooks.plan else PlanFacts()
