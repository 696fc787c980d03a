"""Small wins found in the log: the successes that keep a runner going (SPEC principle 5).

``detect_wins`` walks the runs in order and reports each win with its day and its run. What
happened before the runs it is given comes in a ``WinHistory`` (counts, best times, the
streak so far), so a week's wins need only that week's runs plus a few aggregates.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from runcoach.domain.days import DAYS_PER_WEEK, local_day, week_start
from runcoach.domain.progress.measures import STREAK_RUN_DAYS, BenchmarkRun
from runcoach.domain.run.efforts import EVEN_SPLIT_TOLERANCE
from runcoach.domain.run.runs import Run
from runcoach.domain.units import (
    METRES_PER_KM,
    METRES_PER_MILE,
    Pace,
    UnitSystem,
    counted,
    distance_label,
    format_distance,
    format_duration,
    format_pace,
)

MAX_PLAUSIBLE_SPEED_M_S = 10.5  # above the 400 m world record's 9.3 m/s: a GPS error, no win
MIN_NEGATIVE_SPLIT_M = 3000.0  # shorter runs split too noisily to count, m (GPS error ~1-2 %)
FIRST_DISTANCE_MIN_M = 10000.0  # "your first 10k" and longer are milestones; shorter are not
MIN_BENCHMARK_GAIN_S_PER_KM = 1.0  # smaller gains are within GPS and pacing noise, s/km
MIN_STREAK_WIN_WEEKS = 2  # a streak is "kept" from its second week on
RUN_MILESTONES = (1, 10, 25, 50, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000,
                  2500, 3000, 4000, 5000, 7500, 10000)  # fmt: skip
DISTANCE_MILESTONES = (
    100,
    250,
    500,
    1000,
    1500,
    2000,
    2500,
    3000,
    4000,
    5000,
    7500,
    10000,
    15000,
    20000,
    25000,
    30000,
    40000,
    50000,
)  # km or mi as shown; fmt: skip


class WinKind(StrEnum):
    NEGATIVE_SPLIT = "negative_split"
    BEST_EFFORT = "best_effort"
    YEAR_BEST = "year_best"
    FIRST_DISTANCE = "first_distance"
    BENCHMARK_FASTER = "benchmark_faster"
    STREAK_KEPT = "streak_kept"
    LONGEST_STREAK = "longest_streak"
    PLAN_WEEK_COMPLETE = "plan_week_complete"
    MINI_WORKOUT = "mini_workout"
    RUN_MILESTONE = "run_milestone"
    DISTANCE_MILESTONE = "distance_milestone"
    GOAL_MET = "goal_met"
    HABIT_KEPT = "habit_kept"  # domain/progress/habits.py: a habit kept on enough days of a week


@dataclass(frozen=True)
class Win:
    kind: WinKind
    day: date
    title: str
    detail: str
    run_id: int | None = None


@dataclass(frozen=True)
class Halves:
    """Time for the first and the second half of a run's distance."""

    run_id: int
    first_s: float
    second_s: float


@dataclass(frozen=True)
class Effort:
    """The best time over ``distance_m`` inside run ``run_id``."""

    run_id: int
    start: datetime
    distance_m: float
    time_s: float


@dataclass(frozen=True)
class PlanWeek:
    week_start: date
    planned: int  # sessions the plan asked for
    done: int  # sessions done


@dataclass(frozen=True)
class MiniWorkout:
    """A mini version of a workout run on a tired day instead of skipping it."""

    run_id: int
    day: date
    name: str


@dataclass(frozen=True)
class GoalMet:
    day: date
    description: str
    run_id: int | None = None


@dataclass(frozen=True)
class WinHistory:
    """What came before the runs handed to ``detect_wins``."""

    runs: int = 0
    distance_m: float = 0.0
    best_s: Mapping[float, float] = field(default_factory=dict)  # all-time best per distance
    year_best_s: Mapping[tuple[int, float], float] = field(default_factory=dict)
    benchmark_pace: Mapping[str, Pace] = field(default_factory=dict)  # last result per name
    weeks_before: Mapping[date, int] = field(default_factory=dict)  # run days per ISO week


@dataclass(frozen=True)
class WinInputs:
    runs: Sequence[Run]
    halves: Sequence[Halves] = ()
    efforts: Sequence[Effort] = ()
    benchmarks: Sequence[BenchmarkRun] = ()
    plan_weeks: Sequence[PlanWeek] = ()
    minis: Sequence[MiniWorkout] = ()
    goals: Sequence[GoalMet] = ()


def detect_wins(
    inputs: WinInputs,
    tz: tzinfo,
    today: date,
    system: UnitSystem = UnitSystem.METRIC,
    history: WinHistory | None = None,
) -> list[Win]:
    """Every win in ``inputs``, newest first."""
    past = history or WinHistory()
    runs = runs_in_order(inputs.runs)
    days = {r.id: local_day(r.start, tz) for r in runs if r.id is not None}
    found = [
        *negative_splits(runs, inputs.halves, days, system),
        *other_wins(inputs, runs, tz, today, system, past),
    ]
    return sorted(found, key=lambda w: (w.day, w.kind.value), reverse=True)


def runs_in_order(runs: Iterable[Run]) -> list[Run]:
    """The runs that can win (not cross-training), oldest first."""
    return sorted((r for r in runs if r.is_run), key=lambda r: r.start)


def other_wins(
    inputs: WinInputs,
    runs: Sequence[Run],
    tz: tzinfo,
    today: date,
    system: UnitSystem,
    past: WinHistory,
) -> list[Win]:
    """Every win but the negative splits: efforts, benchmarks, streaks, milestones, plan."""
    return [
        *effort_wins(inputs.efforts, tz, past),
        *benchmark_wins(inputs.benchmarks, past, system),
        *streak_wins(runs, tz, today, past),
        *milestone_wins(runs, tz, system, past),
        *plan_wins(inputs.plan_weeks, inputs.minis, inputs.goals, today),
    ]


def negative_splits(
    runs: Sequence[Run],
    halves: Iterable[Halves],
    days: Mapping[int, date],
    system: UnitSystem,
) -> list[Win]:
    """Runs of 3 km or more whose second half was faster than the first by more than 1 %."""
    return [
        negative_split_win(run, half, days[run.id], system)
        for run, half in split_runs(runs, halves)
        if run.id is not None
    ]


def split_runs(runs: Sequence[Run], halves: Iterable[Halves]) -> list[tuple[Run, Halves]]:
    """The runs that are a negative split, with their halves, without the words of a win."""
    by_run = {h.run_id: h for h in halves}
    found = []
    for run in runs:
        half = by_run.get(run.id) if run.id is not None else None
        if half is None or run.id is None or (run.distance_m or 0.0) < MIN_NEGATIVE_SPLIT_M:
            continue
        if (run.distance_m or 0.0) / (half.first_s + half.second_s) > MAX_PLAUSIBLE_SPEED_M_S:
            continue
        if half.second_s < half.first_s * (1.0 - EVEN_SPLIT_TOLERANCE):
            found.append((run, half))
    return found


def negative_split_win(run: Run, half: Halves, day: date, system: UnitSystem) -> Win:
    """The win of a negative split, in words."""
    gained = half.first_s - half.second_s
    title = f"Negative split: {format_distance(run.distance_m or 0.0, system, 1)}"
    detail = (
        f"second half {format_duration(half.second_s)}, first half "
        f"{format_duration(half.first_s)}: {format_duration(gained)} faster"
    )
    return Win(WinKind.NEGATIVE_SPLIT, day, title, detail, run.id)


def effort_wins(efforts: Iterable[Effort], tz: tzinfo, past: WinHistory) -> list[Win]:
    """New all-time bests, year bests and first times at long distances; one win per run."""
    best = dict(past.best_s)
    year_best = dict(past.year_best_s)
    per_run: dict[tuple[int, WinKind], list[tuple[Effort, float | None]]] = defaultdict(list)
    plausible = (e for e in efforts if e.distance_m / e.time_s <= MAX_PLAUSIBLE_SPEED_M_S)
    for effort in sorted(plausible, key=lambda e: (e.start, e.distance_m)):
        year = local_day(effort.start, tz).year
        kind, before = _effort_kind(effort, best.get(effort.distance_m),
                                    year_best.get((year, effort.distance_m)))  # fmt: skip
        if kind is not None:
            per_run[(effort.run_id, kind)].append((effort, before))
        best[effort.distance_m] = min(best.get(effort.distance_m, effort.time_s), effort.time_s)
        key = (year, effort.distance_m)
        year_best[key] = min(year_best.get(key, effort.time_s), effort.time_s)
    return [_effort_win(kind, found, tz) for (_run, kind), found in per_run.items()]


def _effort_kind(
    effort: Effort, best: float | None, year_best: float | None
) -> tuple[WinKind | None, float | None]:
    if best is None:
        first = effort.distance_m >= FIRST_DISTANCE_MIN_M
        return (WinKind.FIRST_DISTANCE if first else None), None
    if effort.time_s < best:
        return WinKind.BEST_EFFORT, best
    if year_best is not None and effort.time_s < year_best:
        return WinKind.YEAR_BEST, year_best
    return None, None


_EFFORT_WORDS = {
    WinKind.BEST_EFFORT: "New best",
    WinKind.YEAR_BEST: "Best this year",
    WinKind.FIRST_DISTANCE: "Your first",
}


def _effort_win(kind: WinKind, found: list[tuple[Effort, float | None]], tz: tzinfo) -> Win:
    found.sort(key=lambda item: item[0].distance_m, reverse=True)
    lead = found[0][0]
    parts = []
    for effort, before in found:
        text = f"{distance_label(effort.distance_m)} {format_duration(effort.time_s)}"
        if before is not None:
            gain = format_duration(before - effort.time_s)
            text += f" ({gain} faster than {format_duration(before)})"
        parts.append(text)
    title = (
        f"{_EFFORT_WORDS[kind]} {distance_label(lead.distance_m)}: {format_duration(lead.time_s)}"
    )
    return Win(kind, local_day(lead.start, tz), title, "; ".join(parts), lead.run_id)


def benchmark_wins(
    results: Iterable[BenchmarkRun], past: WinHistory, system: UnitSystem
) -> list[Win]:
    """A benchmark workout run faster than the last time it was run."""
    return [benchmark_win(result, before, system) for result, before in faster_benchmarks(
        results, past)]  # fmt: skip


def faster_benchmarks(
    results: Iterable[BenchmarkRun], past: WinHistory
) -> list[tuple[BenchmarkRun, Pace]]:
    """The benchmark results faster than the last time, with that time's pace, no words."""
    last = dict(past.benchmark_pace)
    found = []
    for result in sorted(results, key=lambda r: r.day):
        before = last.get(result.name)
        gain = before.seconds_per_km - result.pace.seconds_per_km if before else 0.0
        if before is not None and gain >= MIN_BENCHMARK_GAIN_S_PER_KM:
            found.append((result, before))
        last[result.name] = result.pace
    return found


def benchmark_win(result: BenchmarkRun, before: Pace, system: UnitSystem) -> Win:
    gain = before.seconds_per_km - result.pace.seconds_per_km
    if system is UnitSystem.IMPERIAL:
        gain *= METRES_PER_MILE / METRES_PER_KM
    unit = "mi" if system is UnitSystem.IMPERIAL else "km"
    title = f"Benchmark faster: {result.name}"
    detail = (
        f"{format_pace(result.pace, system)}, {gain:.0f} s/{unit} faster than last time "
        f"({format_pace(before, system)})"
    )
    return Win(WinKind.BENCHMARK_FASTER, result.day, title, detail, result.run_id)


def streak_wins(runs: Sequence[Run], tz: tzinfo, today: date, past: WinHistory) -> list[Win]:
    """A week that keeps the streak of 4-run-day weeks going, or makes it the longest."""
    return [streak_win(*week) for week in streak_weeks(runs, tz, today, past)]


StreakWeek = tuple[date, int, int | None, Run]  # day made, weeks in a row, record beaten, run


def streak_weeks(
    runs: Sequence[Run], tz: tzinfo, today: date, past: WinHistory
) -> list[StreakWeek]:
    """``streak_wins`` without the words: the day, the streak, the record it beats, the run."""
    new_days: dict[date, Run] = {}
    for run in runs:
        new_days.setdefault(local_day(run.start, tz), run)
    fresh: dict[date, list[date]] = defaultdict(list)
    for day in sorted(d for d in new_days if d <= today):
        fresh[week_start(day)].append(day)
    # record: the longest streak that ended before the current one began. "Longest streak yet"
    # is said once, the week the current streak passes a real earlier streak; a first streak
    # and the weeks after the record fell are "Streak kept".
    longest, record, streak, previous = 0, 0, 0, None
    wins: list[StreakWeek] = []
    for monday in sorted(set(past.weeks_before) | set(fresh)):
        before, days = past.weeks_before.get(monday, 0), fresh.get(monday, [])
        if before + len(days) < STREAK_RUN_DAYS:
            continue
        if previous is not None and monday - previous == timedelta(days=DAYS_PER_WEEK):
            streak += 1
        else:
            record, streak = longest, 1
        previous, longest = monday, max(longest, streak)
        beaten = record >= MIN_STREAK_WIN_WEEKS and streak == record + 1
        if before < STREAK_RUN_DAYS and streak >= MIN_STREAK_WIN_WEEKS:
            made_on = days[STREAK_RUN_DAYS - before - 1]
            run = new_days[made_on]
            wins.append((made_on, streak, record if beaten else None, run))
    return wins


def streak_win(day: date, weeks: int, beaten: int | None, run: Run) -> Win:
    """A streak week; ``beaten`` is the earlier record this week passes, if it does."""
    words = "Streak kept" if beaten is None else "Longest streak yet"
    title = f"{words}: {weeks} weeks in a row with {STREAK_RUN_DAYS}+ run days"
    detail = f"run day {STREAK_RUN_DAYS} of the week of {week_start(day).isoformat()}"
    if beaten is not None:
        detail += f"; the longest before was {beaten} weeks"
    kind = WinKind.STREAK_KEPT if beaten is None else WinKind.LONGEST_STREAK
    return Win(kind, day, title, detail, run.id)


def milestone_wins(
    runs: Sequence[Run], tz: tzinfo, system: UnitSystem, past: WinHistory
) -> list[Win]:
    """The 100th run, the 1000th km (or mile), and the other round numbers."""
    unit_m = METRES_PER_MILE if system is UnitSystem.IMPERIAL else METRES_PER_KM
    unit = "mi" if system is UnitSystem.IMPERIAL else "km"
    count, metres = past.runs, past.distance_m
    marks_m = [mark * unit_m for mark in DISTANCE_MILESTONES]  # ascending
    wins = []
    for run in runs:
        count += 1
        if count in RUN_MILESTONES:
            title = f"Run number {count}" if count > 1 else "Your first run in runcoach"
            detail = f"{counted(count, 'run')} logged"
            wins.append(Win(WinKind.RUN_MILESTONE, local_day(run.start, tz), title, detail, run.id))
        before, metres = metres, metres + (run.distance_m or 0.0)
        passed = range(bisect_right(marks_m, before), bisect_right(marks_m, metres))
        for mark in (DISTANCE_MILESTONES[i] for i in passed):  # before < mark <= metres
            title = f"{mark:,} {unit} run in total"
            detail = f"passed {mark:,} {unit} during this run"
            day = local_day(run.start, tz)
            wins.append(Win(WinKind.DISTANCE_MILESTONE, day, title, detail, run.id))
    return wins


def plan_wins(
    weeks: Iterable[PlanWeek], minis: Iterable[MiniWorkout], goals: Iterable[GoalMet], today: date
) -> list[Win]:
    """Completed plan weeks, mini-workouts done instead of a skip, and goals met."""
    wins = []
    for week in weeks:
        end = week.week_start + timedelta(days=DAYS_PER_WEEK - 1)
        if week.planned > 0 and week.done >= week.planned and end <= today:
            detail = f"{week.done} of {week.planned} planned sessions done"
            wins.append(Win(WinKind.PLAN_WEEK_COMPLETE, end, "A complete week of the plan", detail))
    for mini in minis:
        detail = "the short version on a tired day beats a skipped session"
        wins.append(Win(WinKind.MINI_WORKOUT, mini.day, f"Mini workout done: {mini.name}", detail,
                        mini.run_id))  # fmt: skip
    for goal in goals:
        wins.append(
            Win(WinKind.GOAL_MET, goal.day, f"Goal met: {goal.description}", "", goal.run_id)
        )
    return wins
